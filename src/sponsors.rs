//! The sponsor line: the States that submit a draft, with their footnote marks.
//!
//! Grammar:
//!
//! ```text
//! sponsors = name marks { ( "," | "and" ) name marks } ":" marks { "," marks } "draft" kind
//! marks    = { "*" }                     ; before or after the comma: "Argentina,*" "Bahamas (The)*,"
//! name     = a UN short name, possibly wrapped over lines and containing "and"
//! ```
//!
//! A real excerpt (E/2025/L.20):
//!
//! ```text
//! Argentina,* Bahamas (The),* ... Saint Vincent and
//! the Grenadines,* Trinidad and Tobago* and Uruguay:
//! draft resolution
//! ```
//!
//! Traps: "and" inside names ("Bosnia and Herzegovina", "Trinidad and Tobago"): a segment is
//! split on " and " only where both sides are known States (or, failing that, at the last
//! "and"); marks after the colon belong to the last name ("Iraq:* , ** draft decision").

use crate::countries;
use crate::model::{Diagnostic, Footnote, Severity, Sponsor};
use crate::text::Mapped;
use crate::text::{trim, trim_end, trim_start};

/// Where "draft resolution" (or decision, amendment) follows a colon: the byte offset of the
/// colon's list end, if this text is a sponsor line.
pub fn sponsor_line_end(t: &str) -> Option<usize> {
    // Most lines have no colon at all: no sponsor list can end in them. A list of States
    // never opens with a figure: "74/267. Enlargement of the Advisory Committee ...:
    // amendment to rule 155" is a resolution's title.
    if !t.contains(':') || t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    for kind in [
        "draft resolution",
        "draft decision",
        "draft amendment",
        "amendment",
    ] {
        if let Some(mut at) = rfind_ignore_ascii_case(t, kind) {
            let mut before = t[..at].trim_end_matches([' ', '*', ',']);
            // "France and Mexico: revised draft resolution" (a draft's revision, ".../Rev.1").
            if crate::text::ends_with_ci(before, "revised") {
                at = before.len() - "revised".len();
                before = t[..at].trim_end_matches([' ', '*', ',']);
            }
            if before.ends_with(':') && before.len() > 1 {
                return Some(at);
            }
        }
    }
    None
}

/// After the sponsors' colon, "amendment to draft" (or "... to the draft resolution contained
/// in", "amendments to draft resolution I recommended") without the amended draft's symbol, and
/// a `next` line that goes on with it ("resolution A/C.3/79/L.40", "document A/79/L.40", "by
/// the Third Committee in its report (A/79/459)"): the sponsor line continues there.
pub fn amended_draft_wraps(kind: &str, next: Option<&str>) -> bool {
    let Some(next) = next else { return false };
    let first = crate::body::first_word(next);
    // A symbol: a capital letter, a slash and a figure ("A/79/L.40"), not "and/or".
    let symbol = |w: &str| {
        let w = w.trim_start_matches('(');
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.contains('/')
            && w.bytes().any(|b| b.is_ascii_digit())
    };
    crate::text::starts_with_ci(kind, "amendment")
        && !kind.contains('/')
        && (crate::text::is_one_of_ci(first, &["resolution", "decision", "draft"])
            || next.split(' ').any(symbol))
}

/// The last occurrence of the ASCII `needle` in `haystack`, ignoring ASCII case.
fn rfind_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?)
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Split the sponsor text (up to "draft ...") into sponsors.
pub fn read(text: &Mapped, end: usize, diagnostics: &mut Vec<Diagnostic>) -> Vec<Sponsor> {
    let t = &text.text[..end.min(text.text.len())];
    // Segments between commas and colons, with their offsets.
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if c == ',' || c == ':' || c == ';' {
            segments.push((start, i));
            start = i + 1;
        }
    }
    segments.push((start, t.len()));
    let mut out: Vec<Sponsor> = Vec::new();
    for (s, e) in segments {
        let seg = &t[s..e];
        // Leading marks belong to the previous name ("Argentina,* Bahamas").
        let lead = trim_start(seg);
        let lead_off = s + (seg.len() - lead.len());
        let stars = lead.bytes().take_while(|&b| b == b'*').count();
        if stars > 0 {
            if let Some(prev) = out.last_mut() {
                prev.marks.push("*".repeat(stars));
            }
        }
        let body_start = lead_off + stars;
        let body = trim(&t[body_start..e]);
        if body.is_empty() || body.eq_ignore_ascii_case("draft") {
            continue;
        }
        let body_off = body_start + (t[body_start..e].len() - trim_start(&t[body_start..e]).len());
        for (ns, ne) in split_and(body) {
            push_name(&mut out, text, body_off + ns, body_off + ne, diagnostics);
        }
    }
    out
}

/// A score and the byte ranges of the groups chosen so far.
type Grouping = (i32, Vec<(usize, usize)>);

/// Split "Trinidad and Tobago* and Uruguay" into names, never inside a known name.
///
/// The pieces between " and " are grouped so that as many groups as possible are known States
/// (then as few groups as possible); a group may not run past a footnote mark, and an unknown
/// group containing "and" is unlikely (it is two names). A dynamic program over at most nine
/// pieces: a pathological list of "and"s is split at every one, in linear time.
fn split_and(seg: &str) -> Vec<(usize, usize)> {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while let Some(i) = crate::text::find_str(&seg[start..], " and ") {
        pieces.push((start, start + i));
        start += i + 5;
    }
    pieces.push((start, seg.len()));
    if pieces.len() == 1 || pieces.len() > 9 {
        return pieces;
    }
    let clean = |s: &str| trim(s).trim_end_matches('*').trim().to_string();
    let n = pieces.len();
    // best[i]: (score, groups) for the first i pieces.
    let mut best: Vec<Option<Grouping>> = vec![None; n + 1];
    best[0] = Some((0, Vec::new()));
    for i in 1..=n {
        for j in 0..i {
            let Some((score, groups)) = best[j].clone() else {
                continue;
            };
            // A mark ends a name: no group may contain one before its last piece.
            if pieces[j..i - 1]
                .iter()
                .any(|&(a, b)| trim_end(&seg[a..b]).ends_with('*'))
            {
                continue;
            }
            let range = (pieces[j].0, pieces[i - 1].1);
            let known = countries::lookup(&clean(&seg[range.0..range.1])).is_some();
            let gain = if known {
                10
            } else if i - j > 1 {
                -5
            } else {
                0
            } - 1;
            if best[i].as_ref().is_none_or(|(s, _)| score + gain > *s) {
                let mut g = groups;
                g.push(range);
                best[i] = Some((score + gain, g));
            }
        }
    }
    best[n].take().map_or(pieces, |(_, groups)| groups)
}

fn push_name(
    out: &mut Vec<Sponsor>,
    text: &Mapped,
    s: usize,
    e: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let raw = &text.text[s..e];
    let trailing = raw.len() - raw.trim_end_matches('*').len();
    let name_end = e - trailing;
    let name = crate::text::fold_spaces(&text.text[s..name_end]);
    if name.is_empty() {
        return;
    }
    let span = text.span(s, e);
    let found = countries::lookup(&name);
    if found.is_none() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "unknown-sponsor".into(),
            message: format!("\"{name}\" is not a UN Member or observer State name"),
            span,
        });
    }
    out.push(Sponsor {
        iso3: found.as_ref().map(|c| c.iso3.to_string()),
        un_name: found.map(|c| c.un_name.to_string()),
        name,
        marks: if trailing > 0 {
            vec!["*".repeat(trailing)]
        } else {
            Vec::new()
        },
        on_behalf_of: None,
        span,
    });
}

/// Fill `on_behalf_of` from the footnotes the marks point to, and report marks without notes.
pub fn link(sponsors: &mut [Sponsor], footnotes: &[Footnote], diagnostics: &mut Vec<Diagnostic>) {
    let index = crate::footnotes::MarkIndex::new(footnotes.iter().map(|f| f.mark.as_str()));
    for s in sponsors.iter_mut() {
        for m in &s.marks {
            match index.get(m).and_then(|i| footnotes.get(i)) {
                Some(f) => {
                    if let Some(group) = on_behalf_of(&f.text) {
                        s.on_behalf_of = Some(group);
                    }
                }
                None => diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    code: "unmatched-marker".into(),
                    message: format!("sponsor mark {m} after {} has no footnote", s.name),
                    span: s.span,
                }),
            }
        }
    }
}

/// "On behalf of the States that are members of the Group of 77 and China, taking ..." →
/// "Group of 77 and China".
pub fn on_behalf_of(note: &str) -> Option<String> {
    let lower = note.to_ascii_lowercase();
    let at = crate::text::find_str(&lower, "on behalf of ")?;
    let rest = &note[at + "on behalf of ".len()..];
    let rest = rest.split([',', '.', ';']).next().unwrap_or(rest);
    let group = match crate::text::rfind_str(rest, " members of ") {
        Some(i) => &rest[i + " members of ".len()..],
        None => rest,
    };
    let group = group.strip_prefix("the ").unwrap_or(group).trim();
    (!group.is_empty()).then(|| group.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, Vec<String>)> {
        let mut m = Mapped::new();
        m.push_orig(line, 0);
        let end = sponsor_line_end(line).expect("a sponsor line");
        read(&m, end, &mut Vec::new())
            .into_iter()
            .map(|s| (s.name, s.marks))
            .collect()
    }

    #[test]
    fn a_revised_draft_has_its_sponsors() {
        // A draft's revision (".../Rev.1") says so on its sponsor line.
        let got = names("Austria,* Costa Rica,* France and Mexico: revised draft resolution");
        let n: Vec<(&str, usize)> = got.iter().map(|g| (g.0.as_str(), g.1.len())).collect();
        assert_eq!(
            n,
            [
                ("Austria", 1),
                ("Costa Rica", 1),
                ("France", 0),
                ("Mexico", 0)
            ],
            "should read the sponsors of a revised draft and their marks"
        );
        let doc = crate::parse(
            "A/C.3/79/L.21/Rev.1\n\nFrance and Mexico: revised draft decision\n\n\
             Freedom of religion or belief\n\nThe General Assembly,\n\n1. Decides to continue;\n",
        );
        assert_eq!(
            (doc.kind, doc.title.as_deref(), doc.sponsors.len()),
            (
                crate::model::DocumentKind::DraftDecision,
                Some("Freedom of religion or belief"),
                2
            ),
            "should read a revised draft decision's kind, title and sponsors"
        );
    }

    #[test]
    fn splits_without_breaking_names() {
        let got = names("Argentina,* Bahamas (The),* Saint Vincent and the Grenadines,* Trinidad and Tobago* and Uruguay: draft resolution");
        let n: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            n,
            [
                "Argentina",
                "Bahamas (The)",
                "Saint Vincent and the Grenadines",
                "Trinidad and Tobago",
                "Uruguay"
            ]
        );
        assert_eq!(
            got[0].1,
            ["*"],
            "should give the mark after the comma to Argentina"
        );
        assert!(got[4].1.is_empty(), "should leave Uruguay unmarked");
        let got = names("Iraq:* , ** draft decision");
        assert_eq!(
            got,
            [("Iraq".to_string(), vec!["*".to_string(), "**".to_string()])]
        );
        let got = names("Bosnia and Herzegovina and Serbia: draft resolution");
        assert_eq!(got.len(), 2, "should split between the two States only");
    }

    #[test]
    fn on_behalf_of_groups() {
        assert_eq!(
            on_behalf_of("On behalf of the States that are members of the Group of 77 and China, taking into account").as_deref(),
            Some("Group of 77 and China")
        );
        assert_eq!(on_behalf_of("In accordance with rule 72"), None);
    }
}
