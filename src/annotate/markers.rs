//! Footnote markers inside clause text.
//!
//! Grammar:
//!
//! ```text
//! glued  = ( word-with-lowercase | closing-punct ) 1*3DIGIT   ; "Development4", "2025;3", "79/7;1"
//! spaced = ( letter | punct ) " " 1*3DIGIT ( " " lower-word | punct | end )   ; "Goals, 1 as"
//! stars  = ( letter | punct ) 1*3"*"                           ; "Committee*"
//! slash  = ( letter | punct | " " ) 1*3DIGIT "/" ( " " | punct | end )   ; "Nations, 1/"
//! ```
//!
//! A real excerpt (A/C.2/80/L.3):
//!
//! ```text
//! Reaffirming the Paris Agreement, 1
//!   and encouraging all its Parties to fully implement the Agreement, and Parties to the United
//! Nations Framework Convention on Climate Change 2  that have not yet done so
//! ```
//!
//! Traps: numbers are everywhere in resolutions. A glued number counts only when a footnote
//! with that mark exists (and not after "G" in "G20", nor a decimal "10.30", nor thousands
//! "1,000"); a spaced number counts only when it is the next mark in sequence and does not
//! follow a counter word ("paragraph 2", "Goal 13", "article 14"). Glued digits after a
//! lower-case word with no footnote to match are reported as unmatched markers.

use crate::footnotes::MarkIndex;
use crate::model::Span;
use crate::text::Mapped;
use crate::text::{trim_end, trim_start};

pub struct Found {
    pub start: usize,
    pub end: usize,
    /// Index into `Document::footnotes`.
    pub footnote: Option<usize>,
}

pub struct MarkerState {
    marks: MarkIndex,
    /// Highest numeric mark seen so far in document order.
    max_seen: u32,
    unmatched: Vec<(String, Span)>,
}

/// Words after which a number is a count or a label, not a footnote.
const COUNTERS: &[&str] = &[
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "article",
    "articles",
    "goal",
    "goals",
    "rule",
    "rules",
    "chapter",
    "item",
    "items",
    "target",
    "targets",
    "principle",
    "principles",
    "section",
    "part",
    "annex",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "no",
    "vol",
    "page",
    "pages",
    "session",
    "sessions",
    "step",
    "phase",
    "level",
    "protocol",
    "recommendation",
    "recommendations",
    "figure",
    "table",
    "option",
    "box",
    "volume",
    "sdg",
    "and",
    "or",
    "to",
    "of",
    "the",
    "than",
    "least",
    "over",
    "under",
    "about",
    "from",
    "some",
    "by",
    "with",
    "for",
    "every",
    "within",
    "per",
    "at",
    "on",
    "in",
    "all",
    "first",
    "last",
    "approximately",
    "nearly",
    "almost",
    "only",
    "just",
    "up",
    "are",
    "were",
    "be",
    "is",
];

impl MarkerState {
    pub fn new(marks: Vec<String>) -> Self {
        MarkerState {
            marks: MarkIndex::new(marks.iter().map(String::as_str)),
            max_seen: 0,
            unmatched: Vec::new(),
        }
    }

    pub fn unmatched(&mut self) -> Vec<(String, Span)> {
        std::mem::take(&mut self.unmatched)
    }

    fn index(&self, mark: &str) -> Option<usize> {
        self.marks.get(mark)
    }

    pub fn scan(&mut self, m: &Mapped) -> Vec<Found> {
        let t = m.text.as_str();
        let b = t.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            // Only digits and asterisks can be marks: skip to the next one in a tight loop.
            let digit_or_star =
                |x| crate::text::ascii_digits(x) | crate::text::bytes_equal(x, b'*');
            match crate::text::find_bytes(b, i, digit_or_star, |c| c == b'*' || c.is_ascii_digit())
            {
                Some(p) => i = p,
                None => break,
            }
            let c = b[i];
            if c == b'*' {
                let s = i;
                while i < b.len() && b[i] == b'*' {
                    i += 1;
                }
                let prev = t[..s].chars().next_back();
                let next = t[i..].chars().next();
                let glued = prev.is_some_and(|p| {
                    crate::text::is_letter(p) || matches!(p, ',' | '.' | ';' | ':' | ')' | '”')
                });
                let ends = next.is_none_or(|n| n == ' ' || matches!(n, ',' | '.' | ';' | ':'));
                if glued && ends && i - s <= 3 {
                    let mark = &t[s..i];
                    let footnote = self.index(mark);
                    if footnote.is_some() {
                        out.push(Found {
                            start: s,
                            end: i,
                            footnote,
                        });
                    }
                }
                continue;
            }
            if !c.is_ascii_digit()
                || (i > 0
                    && (b[i - 1].is_ascii_digit()
                        || b[i - 1] == b'/'
                        || b[i - 1] == b'-'
                        || b[i - 1] == b'.' && i >= 2 && b[i - 2].is_ascii_digit()))
            {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &t[s..i];
            if digits.len() > 3 {
                continue;
            }
            // "United Nations, 1/": the slash style of UN documents of the 1970s-1990s, a mark
            // whenever a footnote has the number ("44/25" is no mark: a digit follows).
            if b.get(i) == Some(&b'/')
                && b.get(i + 1)
                    .is_none_or(|&n| matches!(n, b' ' | b',' | b'.' | b';' | b':'))
            {
                if let Some(idx) = self.index(digits) {
                    self.max_seen = self.max_seen.max(digits.parse().unwrap_or(0));
                    out.push(Found {
                        start: s,
                        end: i + 1,
                        footnote: Some(idx),
                    });
                }
                i += 1;
                continue;
            }
            let next = t[i..].chars().next();
            let next_ok =
                next.is_none_or(|n| n == ' ' || matches!(n, ',' | '.' | ';' | ':' | '”' | ')'));
            if !next_ok {
                continue;
            }
            let n: u32 = digits.parse().unwrap_or(0);
            let prev = t[..s].chars().next_back();
            let Some(prev) = prev else { continue };
            if prev != ' ' {
                if let Some(f) = self.glued(t, s, prev, digits, m) {
                    self.max_seen = self.max_seen.max(n);
                    out.push(f);
                }
                continue;
            }
            // Spaced: only the next mark in sequence, never after a counter word.
            if n != self.max_seen + 1 {
                continue;
            }
            let before = trim_end(&t[..s]);
            let last = crate::text::after_last(before, b' ');
            let punct_before = last.ends_with([',', ';', ':', '.', ')', '”']);
            let bare = last
                .trim_end_matches(|c: char| !crate::text::is_word_char(c))
                .to_ascii_lowercase();
            if bare.is_empty()
                || (!punct_before
                    && (COUNTERS.contains(&bare.as_str())
                        || bare.chars().all(|c| c.is_ascii_digit())))
            {
                continue;
            }
            // The word after must not continue a number ("1 000", "2 per cent", "3 times").
            let after = trim_start(&t[i..]);
            let next_word = after.split([' ', ',', ';', '.']).next().unwrap_or("");
            if next_word.starts_with(|c: char| c.is_ascii_digit() || crate::text::is_upper(c))
                || matches!(
                    next_word,
                    "per"
                        | "times"
                        | "years"
                        | "months"
                        | "days"
                        | "weeks"
                        | "million"
                        | "billion"
                        | "percent"
                        | "members"
                        | "States"
                        | "countries"
                        | "to"
                        | "of"
                        | "or"
                )
            {
                continue;
            }
            if let Some(idx) = self.index(digits) {
                self.max_seen = n;
                out.push(Found {
                    start: s,
                    end: i,
                    footnote: Some(idx),
                });
            }
        }
        out
    }

    fn glued(&mut self, t: &str, s: usize, prev: char, digits: &str, m: &Mapped) -> Option<Found> {
        let e = s + digits.len();
        if crate::text::is_letter(prev) {
            // The word the digits are glued to.
            let word_start = t[..s]
                .rfind(|c: char| !crate::text::is_letter(c))
                .map_or(0, |p| p + t[p..].chars().next().map_or(1, char::len_utf8));
            let word = &t[word_start..s];
            let has_lower = word.chars().any(crate::text::is_lower);
            let before_word = t[..word_start].chars().next_back();
            if word.chars().count() < 3
                || !has_lower
                || before_word.is_some_and(|c| c == '-' || c == '/' || c.is_ascii_digit())
            {
                return None;
            }
            return match self.index(digits) {
                Some(idx) => Some(Found {
                    start: s,
                    end: e,
                    footnote: Some(idx),
                }),
                None => {
                    if digits.len() <= 2 {
                        self.unmatched.push((digits.to_string(), m.span(s, e)));
                    }
                    None
                }
            };
        }
        // After punctuation: "2025;3", "79/7;1", "2003,2", "Rights,”1".
        if !matches!(prev, ',' | '.' | ';' | ':' | ')' | '”' | '"' | '’') {
            return None;
        }
        let before = t[..s - prev.len_utf8()].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_digit())
            && (prev == '.' || prev == ':' || (prev == ',' && digits.len() == 3))
        {
            return None; // 10.30, 10:30, 1,000
        }
        if before.is_none_or(|c| c == ' ') {
            return None;
        }
        self.index(digits).map(|idx| Found {
            start: s,
            end: e,
            footnote: Some(idx),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str, marks: &[&str]) -> Vec<String> {
        let mut m = Mapped::new();
        m.push_orig(text, 0);
        let mut st = MarkerState::new(marks.iter().map(|s| s.to_string()).collect());
        st.scan(&m)
            .into_iter()
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn glued_and_spaced_markers() {
        assert_eq!(
            scan("the Agenda for Sustainable Development4 and", &["4"]),
            ["4"]
        );
        assert_eq!(scan("system, 2025;3 and", &["3"]), ["3"]);
        assert_eq!(scan("resolution 79/7;1 and", &["1"]), ["1"]);
        assert_eq!(
            scan("Development Goals, 1 as well", &["1"]),
            ["1"],
            "should take a spaced marker in sequence"
        );
        assert!(
            scan("paragraph 2 and", &["1", "2"]).is_empty(),
            "should not take paragraph numbers"
        );
        assert!(
            scan("the G20 summit", &["20"]).is_empty(),
            "should not take G20"
        );
        assert!(
            scan("at 10.30 a.m.", &["30"]).is_empty(),
            "should not take decimals"
        );
        assert!(scan("Goal 13 on climate", &["13"]).is_empty());
    }

    #[test]
    fn slash_markers_of_older_documents() {
        assert_eq!(
            scan("for admission to the United Nations, 1/", &["1"]),
            ["1/"],
            "should take the slash style's marker, slash included"
        );
        assert_eq!(scan("the report 2/ of the Commission", &["1", "2"]), ["2/"]);
        assert!(
            scan("resolutions 44/25 and 45/ of", &["1"]).is_empty(),
            "should not take resolution numbers, nor a number with no footnote"
        );
    }

    #[test]
    fn slash_footnotes_end_their_paragraph() {
        // S/RES/800 (1993), as the UN's resolution volumes print it.
        let doc = crate::parse(
            "The Security Council,\n\n\
             Having examined the application of the Slovak Republic for admission to\n\
             the United Nations, 1/\n\n\
             Recommends to the General Assembly that the Slovak Republic be admitted\n\
             to membership in the United Nations.\n\n\
             1/ S/25046.\n",
        );
        assert_eq!(
            (doc.preamble.len(), doc.operative.len()),
            (1, 1),
            "should end the preambular paragraph at its marker and keep the note out of the text"
        );
        assert_eq!(doc.footnotes.len(), 1, "should read the note");
        assert_eq!(
            (
                doc.footnotes[0].mark.as_str(),
                doc.footnotes[0].text.as_str()
            ),
            ("1", "S/25046."),
            "should read the note's number without its slash"
        );
        let refs: Vec<_> = doc.preamble[0]
            .inlines
            .iter()
            .filter(|i| i.kind == crate::model::InlineKind::FootnoteRef)
            .map(|i| &doc.preamble[0].text[i.range.start..i.range.end])
            .collect();
        assert_eq!(refs, ["1/"], "should link the marker to the note");
    }
}
