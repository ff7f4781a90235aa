//! Closing lines: the meeting, the date and the vote printed after the last operative paragraph.
//!
//! Grammar:
//!
//! ```text
//! closing  = meeting [ date ] [ vote ] | vote
//! meeting  = ordinal [ "(resumed)" ] [ "plenary" ] "meeting" ; "82nd plenary meeting", "34th meeting",
//!                                                    ; "52nd (resumed) plenary meeting"
//! vote     = "[" "Adopted" ... "]" | "Adopted unanimously at the" ordinal "meeting."
//! ```
//!
//! A real excerpt (A/HRC/RES/59/25):
//!
//! ```text
//! 34th meeting
//! 8 July 2025
//! [Adopted without a vote.]
//! ```
//!
//! Traps: OCR ordinals ("298Ist meeting"); an annex may follow the closing lines.

use crate::model::Adoption;
use crate::text::trim;
use crate::text::{parse_date, Mapped};

/// Does this paragraph start the closing lines?
pub fn is_closing_line(t: &str) -> bool {
    let t = trim(t);
    // Adopted by silence procedure: the date alone (not "4 May 2019," that a page break cut
    // from its sentence).
    let date_alone = || t.len() <= 20 && !t.ends_with([',', ';']) && parse_date(t).is_some();
    // By the first byte: this is asked of every paragraph, and the phrases below each need one.
    match t.as_bytes().first() {
        Some(b'0'..=b'9') => meeting_len(t).is_some() || date_alone(),
        Some(b'[') => t.starts_with("[Adopted") || date_alone(),
        Some(b'A') => {
            t.starts_with("Adopted unanimously")
                || t.starts_with("Adopted at the")
                || t == "Annex"
                || t == "ANNEX"
                || date_alone()
        }
        Some(_) => date_alone(),
        None => false,
    }
}

/// "82nd plenary meeting" at the start of `t` → its length.
fn meeting_len(t: &str) -> Option<usize> {
    let digits = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'I')
        .count();
    if digits == 0 || !t.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let rest = &t[digits..];
    let rest = ["st ", "nd ", "rd ", "th "]
        .iter()
        .find_map(|s| rest.strip_prefix(s))?;
    // "52nd (resumed) plenary meeting": a resumed meeting.
    let rest = rest.strip_prefix("(resumed) ").unwrap_or(rest);
    let rest = rest.strip_prefix("plenary ").unwrap_or(rest);
    rest.starts_with("meeting")
        .then(|| t.len() - rest.len() + "meeting".len())
}

/// Read the closing paragraphs.
pub fn read(paras: &[&Mapped]) -> Option<Adoption> {
    let first = paras.first()?;
    let mut adoption = Adoption {
        meeting: None,
        date: None,
        vote: None,
        span: first.full_span(),
    };
    for p in paras {
        let t = trim(&p.text);
        if t == "Annex" || t == "ANNEX" {
            break;
        }
        adoption.span = adoption.span.cover(p.full_span());
        if let Some(len) = meeting_len(t) {
            adoption.meeting = Some(t[..len].to_string());
            let rest = t[len..].trim_start_matches([',', ' ', '.']);
            if adoption.date.is_none() {
                adoption.date = parse_date(rest);
            }
        } else if t.starts_with("[Adopted") || t.starts_with("Adopted") {
            adoption.vote = Some(vote(t).to_string());
            if let Some(at) = crate::text::find_str(t, " meeting") {
                let before = &t[..at];
                if let Some(start) = crate::text::rfind_str(before, " the ") {
                    adoption
                        .meeting
                        .get_or_insert_with(|| t[start + 5..at + 8].to_string());
                }
            }
            continue;
        } else if adoption.date.is_none() {
            adoption.date = parse_date(t);
        }
        // "34th meeting / 8 July 2025 / [Adopted without a vote.]" with no blank line between
        // (A/HRC/RES/59/25): the vote closes the paragraph of the meeting and date.
        if let Some(at) = crate::text::find_str(t, "[Adopted") {
            adoption
                .vote
                .get_or_insert_with(|| vote(&t[at..]).to_string());
        }
    }
    Some(adoption)
}

/// "[Adopted without a vote.]" → "Adopted without a vote.": the text in the brackets, without
/// a footnote marker that may trail it ("Adopted at the 286th meeting 6").
fn vote(t: &str) -> &str {
    let v = t.trim_start_matches('[');
    let v = v.find(']').map_or(v, |end| &v[..end]);
    v.trim_end_matches(|c: char| c.is_ascii_digit() || c == '*')
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_lines() {
        assert!(is_closing_line("82nd plenary meeting"));
        assert!(is_closing_line("[Adopted without a vote.]"));
        assert!(
            is_closing_line("52nd (resumed) plenary meeting"),
            "should read a resumed meeting (A/RES/74/266)"
        );
        assert!(
            !is_closing_line("1. Decides"),
            "should not take a paragraph for a closing line"
        );
        assert!(
            is_closing_line("18 December 2019"),
            "should read a date alone"
        );
        assert!(
            !is_closing_line("4 May 2019,"),
            "should not take the end of a sentence for a date alone"
        );
    }
}
