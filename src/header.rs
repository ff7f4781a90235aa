//! The header: everything before the enacting formula.
//!
//! Grammar (fields in any order; two-column mastheads are read column by column):
//!
//! ```text
//! header   = { masthead | symbol | distribution | date | language | session | agenda
//!            | sponsors | submitted | adopted-by | report-of | number-title | title }
//! distribution = "Distr." [":"] ( "General" | "Limited" | "Restricted" )
//! language = ( "Original" | "ORIGINAL" ) ":" Language
//! session  = Ordinal "session"                      ; "Fifty-eighth session", "2025 session"
//! agenda   = "Agenda item" ["s"] number { title-line }
//! report-of = "[" ( "on the report of" | "without reference to" ) ... "]"
//! number-title = number [ "." ] [ title ]          ; "2002/... Advisory services", "78/323."
//! ```
//!
//! A real excerpt (E/CN.4/2002/L.108):
//!
//! ```text
//! COMMISSION ON HUMAN RIGHTS
//! Fifty-eighth session
//! Agenda item 19
//! **ADVISORY SERVICES AND TECHNICAL COOPERATION IN THE
//! FIELD OF HUMAN RIGHTS**
//! ```
//!
//! Traps: the masthead names the parent organ ("General Assembly" on HRC drafts); the agenda
//! title may be in capitals; the title may be printed twice; a report embeds its draft after
//! its own numbered paragraphs; SC resolutions have no title.

use crate::body::{formula_len, operative_opener, preamble_opener};
use crate::items::op_label;
use crate::lines::{is_symbol_like, Line};
use crate::model::{
    AgendaItem, Diagnostic, Distribution, Document, DocumentKind, ReportOf, Session, Severity, Span,
};
use crate::sponsors;
use crate::text::{fold_spaces, parse_date, starts_with_ci, Mapped};
use crate::text::{trim, trim_end, trim_start};

/// One cell of the header: a line, or one column of a two-column line.
struct Cell {
    text: Mapped,
    line: usize,
}

impl Cell {
    fn str(&self) -> &str {
        &self.text.text
    }
}

/// Find where the body starts; fill the header fields. Returns the index of the body's first line.
pub fn read(
    input: &str,
    lines: &[Line],
    doc: &mut Document,
    diagnostics: &mut Vec<Diagnostic>,
) -> usize {
    let body = body_start(lines);
    if body == lines.len() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "no-formula".into(),
            message: "no enacting formula (\"The General Assembly,\") was found".into(),
            span: lines.first().map_or(Span::default(), |l| l.span),
        });
    }
    let header = &lines[..body.min(lines.len())];
    let cells = cells(input, header);
    read_fields(&cells, header, doc, diagnostics);
    body
}

fn body_start(lines: &[Line]) -> usize {
    for (i, l) in lines.iter().enumerate() {
        let t = l.str();
        if let Some(len) = formula_len(t) {
            let verb = trim_start(&t[len..]);
            if !verb.starts_with("recommends") {
                return first_part_letter(lines, i).unwrap_or(i);
            }
        }
    }
    // No formula: the first line that opens a clause after a blank or a number.
    for (i, l) in lines.iter().enumerate().skip(1) {
        let t = l.str();
        if op_label(t).is_some_and(|(n, _, _)| n == 1) {
            return i;
        }
        if l.blank_before
            && (preamble_opener(t) && t.contains(' ') || operative_opener(t) && t.len() > 40)
        {
            return i;
        }
        if crate::body::whereas(t) || crate::body::at_its_meeting(t) {
            return i;
        }
    }
    lines.len()
}

/// Lettered parts, each with its own formula (A/RES/74/264 A-C): the body starts at the first
/// part's letter, printed alone on its line a title or two above the formula, not in the
/// document's title.
///
/// ```text
/// 74/264. Programme budget for 2020
/// A
/// Budget appropriations for 2020
/// The General Assembly
/// ```
fn first_part_letter(lines: &[Line], formula: usize) -> Option<usize> {
    let whole_formula =
        |l: &Line| formula_len(l.str()).is_some_and(|n| n == trim_end(l.str()).len());
    let formulas = lines.iter().filter(|l| whole_formula(l)).take(2).count();
    if formulas < 2 {
        return None;
    }
    // Parts are lettered from A.
    (formula.saturating_sub(3)..formula).find(|&j| j > 0 && lines[j].str() == "A")
}

/// Split two-column lines (gaps of 3+ spaces in the input) into cells; column 0 first.
fn cells(input: &str, header: &[Line]) -> Vec<Cell> {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (i, line) in header.iter().enumerate() {
        let raw = &input[line.span.start..line.span.end.min(input.len())];
        let t = &line.text;
        let mut cuts = Vec::new();
        // Spaces are ASCII, so their byte offsets are all that is needed.
        for (k, &c) in t.text.as_bytes().iter().enumerate() {
            if c == b' ' {
                let o = t.orig(k);
                if o >= line.span.start && raw_gap(raw, o - line.span.start) {
                    cuts.push(k);
                }
            }
        }
        let mut start = 0;
        for (col, cut) in cuts
            .into_iter()
            .chain(std::iter::once(t.text.len()))
            .enumerate()
        {
            // The cell's text trimmed, copied once.
            let piece = &t.text[start..cut];
            let body = trim(piece);
            if !body.is_empty() {
                let from = start + (piece.len() - trim_start(piece).len());
                let mut trimmed = Mapped::new();
                trimmed.push_mapped(t, from, from + body.len());
                let cell = Cell {
                    text: trimmed,
                    line: i,
                };
                if col == 0 {
                    left.push(cell);
                } else {
                    right.push(cell);
                }
            }
            start = (cut + 1).min(t.text.len());
        }
    }
    left.extend(right);
    left
}

fn raw_gap(raw: &str, at: usize) -> bool {
    raw.get(at..)
        .is_some_and(|r| r.bytes().take_while(|&b| b == b' ' || b == b'\t').count() >= 3)
}

const MASTHEADS: [&str; 5] = [
    "General Assembly",
    "Security Council",
    "Economic and Social Council",
    "Trusteeship Council",
    "Human Rights Council",
];

fn read_fields(
    cells: &[Cell],
    header: &[Line],
    doc: &mut Document,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let n = cells.len();
    let mut used = vec![false; n];
    let mut kind_hint: Option<DocumentKind> = None;
    // Masthead: a cell (or two consecutive capitalised cells) naming a principal organ.
    for i in 0..n {
        let one = cells[i].str();
        // `m` is `one` and the next cell with a space between, ignoring case (no joined copy).
        let next_completes = |m: &str| {
            cells.get(i + 1).is_some_and(|c| {
                m.len() == one.len() + 1 + c.str().len()
                    && starts_with_ci(m, one)
                    && m.as_bytes()[one.len()] == b' '
                    && starts_with_ci(&m[one.len() + 1..], c.str())
            })
        };
        for m in MASTHEADS {
            if one.eq_ignore_ascii_case(m) {
                doc.masthead = Some(m.to_string());
                used[i] = true;
            } else if next_completes(m) {
                doc.masthead = Some(m.to_string());
                used[i] = true;
                used[i + 1] = true;
            }
        }
        if doc.masthead.is_some() {
            break;
        }
    }
    for i in 0..n {
        let t = cells[i].str();
        // Symbol.
        if doc.symbol.is_none() {
            let mut words = t.split(' ');
            let w = words.next().unwrap_or("");
            // "[S/726]" is the draft's symbol, printed above an adopted text.
            if w.contains('/')
                && !w.starts_with('[')
                && is_symbol_like(w)
                && w.len() >= 5
                && w.starts_with(|c: char| c.is_ascii_uppercase())
            {
                let mut symbol = w.to_string();
                let mut next = words.next();
                // "S/RES/2782 (2025)": the year; "A/RES/74/92 A-B", "A/RES/74/232 B": the parts.
                let year = |y: &str| y.starts_with('(') && y.ends_with(')') && y.len() == 6;
                let parts = |p: &str| {
                    matches!(
                        p.as_bytes(),
                        [b'A'..=b'Z'] | [b'A'..=b'Z', b'-', b'A'..=b'Z']
                    )
                };
                if let Some(y) = next.filter(|&y| year(y) || parts(y)) {
                    symbol.push(' ');
                    symbol.push_str(y);
                    next = words.next();
                }
                doc.symbol = Some(symbol);
                used[i] = next.is_none();
                continue;
            }
        }
        if starts_with_ci(t, "Distr") {
            let rest = t[5..].trim_start_matches(['.', ':', ' ']);
            let word = if rest.is_empty() {
                cells.get(i + 1).map(|c| c.str()).unwrap_or("")
            } else {
                rest
            };
            doc.distribution = match word.to_ascii_lowercase().as_str() {
                "general" => Some(Distribution::General),
                "limited" => Some(Distribution::Limited),
                "restricted" => Some(Distribution::Restricted),
                _ => doc.distribution,
            };
            used[i] = true;
            if rest.is_empty() && i + 1 < n {
                used[i + 1] = true;
            }
            continue;
        }
        if starts_with_ci(t, "Original:") || starts_with_ci(t, "ORIGINAL :") {
            let mut lang = t.split_once(':').map(|x| x.1.trim()).unwrap_or("");
            if lang.is_empty() && i + 1 < n && cells[i + 1].line == cells[i].line {
                lang = cells[i + 1].str();
                used[i + 1] = true;
            }
            if !lang.is_empty() {
                doc.language = Some(title_case(lang));
            }
            used[i] = true;
            continue;
        }
        if doc.date.is_none() && t.len() <= 25 {
            if let Some(d) = parse_date(t) {
                doc.date = Some(d);
                used[i] = true;
                continue;
            }
        }
        if doc.session.is_none()
            && (t.ends_with(" session") || t.ends_with(" SESSION") || t.ends_with(" Session"))
            && t.len() < 40
        {
            doc.session = Some(Session {
                text: t.to_string(),
                number: ordinal_number(t),
            });
            used[i] = true;
            continue;
        }
    }
    // Sponsors: the line with ": draft resolution", and the lines before it that it continues.
    let mut sponsor_cells: Option<(usize, usize)> = None;
    for i in 0..n {
        if used[i] {
            continue;
        }
        let t = cells[i].str();
        let next_is_draft = cells.get(i + 1).is_some_and(|c| {
            crate::text::is_one_of_ci(
                c.str(),
                &[
                    "draft resolution",
                    "draft decision",
                    "revised draft resolution",
                    "revised draft decision",
                ],
            ) && t.trim_end_matches(['*', ' ', ',']).ends_with(':')
        });
        let end = sponsors::sponsor_line_end(t);
        if end.is_some() || next_is_draft {
            // "Belarus and Nicaragua: amendment to draft" / "resolution A/C.3/79/L.40": the
            // amended draft's name wraps onto the next line.
            let wraps = end.is_some_and(|end| {
                sponsors::amended_draft_wraps(&t[end..], cells.get(i + 1).map(|c| c.str()))
            });
            let last = if next_is_draft || wraps { i + 1 } else { i };
            let mut first = i;
            while first > 0
                && !used[first - 1]
                && continues_list(cells[first - 1].str(), cells[first].str())
            {
                first -= 1;
            }
            sponsor_cells = Some((first, last));
            break;
        }
    }
    if let Some((first, last)) = sponsor_cells {
        let mut m = Mapped::new();
        for c in &cells[first..=last] {
            if m.text.is_empty() {
                m.push_mapped(&c.text, 0, c.text.text.len());
            } else {
                crate::body::join(&mut m, &c.text);
            }
        }
        if let Some(end) = sponsors::sponsor_line_end(&m.text) {
            let lower = m.text[end..].to_ascii_lowercase();
            let lower = lower.strip_prefix("revised ").unwrap_or(&lower);
            kind_hint = Some(if lower.starts_with("draft decision") {
                DocumentKind::DraftDecision
            } else if crate::text::find_str(lower, "amendment").is_some() {
                DocumentKind::Amendment
            } else {
                DocumentKind::DraftResolution
            });
            doc.sponsors = sponsors::read(&m, end, diagnostics);
        }
        for u in &mut used[first..=last] {
            *u = true;
        }
    }
    // Agenda items, the other labelled lines, then the title.
    let mut last_stop: Option<usize> = None;
    let mut i = 0;
    while i < n {
        if used[i] && sponsor_cells.is_some_and(|(f, l)| (f..=l).contains(&i)) {
            last_stop = Some(i);
            i += 1;
            continue;
        }
        if used[i] {
            i += 1;
            continue;
        }
        let t = cells[i].str();
        // The prefix compared in place (no lower-case copy of every cell).
        let prefix = ["agenda items ", "agenda item "]
            .into_iter()
            .find(|p| starts_with_ci(t, p));
        if let Some(prefix) = prefix {
            let number = trim(&t[prefix.len()..]).to_string();
            used[i] = true;
            let mut title_cells = Vec::new();
            let mut j = i + 1;
            while j < n
                && !used[j]
                && !is_stop(cells[j].str())
                && sponsor_cells.is_none_or(|(f, _)| j < f)
            {
                if !title_cells.is_empty() && header[cells[j].line].blank_before {
                    break;
                }
                title_cells.push(j);
                j += 1;
            }
            let title = (!title_cells.is_empty()).then(|| {
                fold_spaces(&crate::text::join_spaced(
                    title_cells.iter().map(|&k| cells[k].str()),
                ))
            });
            for &k in &title_cells {
                used[k] = true;
            }
            doc.agenda_items.push(AgendaItem { number, title });
            last_stop = Some(j.saturating_sub(1));
            i = j;
            continue;
        }
        if starts_with_ci(t, "[on the report of") || starts_with_ci(t, "[without reference") {
            let mut text = t.to_string();
            let mut source = cells[i].text.clone();
            let mut j = i;
            // A bracket line runs over a few lines at most.
            while !text.ends_with(']') && j + 1 < n && j < i + 6 {
                j += 1;
                text.push(' ');
                text.push_str(cells[j].str());
                crate::body::join(&mut source, &cells[j].text);
                used[j] = true;
            }
            let inner = text
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string();
            let symbol = crate::text::rfind_byte(&inner, b'(')
                .map(|p| {
                    inner[p + 1..]
                        .split([')', ','])
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_string()
                })
                .filter(|s| s.contains('/'));
            doc.report_of = Some(ReportOf {
                text: inner,
                symbol,
                source: Some(source),
            });
            used[i] = true;
            last_stop = Some(j);
            i = j + 1;
            continue;
        }
        if is_stop(t) {
            // "Draft resolution submitted by ... consultations", "Resolution adopted by ... on <date>".
            let mut j = i;
            let mut text = t.to_string();
            // "Draft resolution submitted by ..." runs over a few lines at most. The date on a
            // line of its own may already have been read as the document's ("... at its 3217th
            // meeting, on / 25 May 1993", S/RES/827 (1993)): it still ends this line.
            while j + 1 < n
                && (!used[j + 1]
                    || crate::text::ends_with_ci(&text, " on")
                        && parse_date(cells[j + 1].str()).is_some())
                && !ends_stop(&text)
                && j < i + 6
            {
                j += 1;
                text.push(' ');
                text.push_str(cells[j].str());
            }
            let span = cells[i].text.full_span().cover(cells[j].text.full_span());
            apply_stop(&text, span, doc, &mut kind_hint);
            for u in &mut used[i..=j] {
                *u = true;
            }
            last_stop = Some(j);
            i = j + 1;
            continue;
        }
        i += 1;
    }
    // Title: the cells after the last stop (or the last used cell) that are not used.
    let from = last_stop.map_or(0, |s| s + 1);
    // The title follows everything else the header printed.
    let last_used_line = (0..n).filter(|&k| used[k]).map(|k| cells[k].line).max();
    let stop_line = last_stop.map(|s| cells[s].line).max(last_used_line);
    let title_cells: Vec<usize> = (from..n)
        .filter(|&k| !used[k] && stop_line.is_none_or(|l| cells[k].line > l))
        .collect();
    let mut title_parts: Vec<String> = Vec::new();
    for (pos, &k) in title_cells.iter().enumerate() {
        let mut t = cells[k].str();
        if t.starts_with('[') && t.ends_with(']') {
            continue; // "[S/726]": a draft symbol, not part of the title
        }
        // "B", "B1" (with its footnote's marker) under the title: the part of a resolution
        // adopted in parts (A/RES/74/232 B), which the symbol names.
        let part = t.as_bytes().split_first().is_some_and(|(first, rest)| {
            first.is_ascii_uppercase()
                && rest.len() <= 3
                && rest.iter().all(|&b| b.is_ascii_digit() || b == b'*')
        });
        if pos > 0 && part {
            continue;
        }
        let mut numbered = false;
        if pos == 0 {
            if let Some((number, rest)) = leading_number(t) {
                doc.number = Some(number);
                t = rest;
                numbered = true;
            }
        }
        // "74/6. Report of the International Criminal Court": after the resolution's number,
        // a title, not the line that makes a document a report.
        let report_title = numbered && starts_with_ci(t, "report of the");
        if is_stop(t) && !report_title {
            apply_stop(t, cells[k].text.full_span(), doc, &mut kind_hint);
            continue;
        }
        if !t.is_empty() {
            title_parts.push(t.to_string());
        }
    }
    let title = fold_spaces(&crate::text::join_spaced(
        title_parts.iter().map(String::as_str),
    ));
    if !title.is_empty() && title.len() < 400 && doc.kind != DocumentKind::Report {
        doc.title = Some(title);
    }
    // Kind.
    doc.kind = kind_hint.unwrap_or_else(|| {
        let sym = doc.symbol.as_deref().unwrap_or("");
        if crate::text::find_str(sym, "/RES/").is_some()
            || doc.number.as_deref().is_some_and(|n| {
                crate::text::find_str(n, "...").is_none() && crate::text::find_str(n, "…").is_none()
            })
        {
            DocumentKind::Resolution
        } else if crate::text::find_str(sym, "/DEC/").is_some() {
            DocumentKind::Decision
        } else if crate::text::find_str(sym, "/L.").is_some() {
            DocumentKind::DraftResolution
        } else {
            DocumentKind::Unknown
        }
    });
    // An agenda title printed in capitals takes the casing of the document title when they match.
    if let Some(title) = doc.title.clone() {
        for a in &mut doc.agenda_items {
            if let Some(at) = &a.title {
                if at.eq_ignore_ascii_case(&title) {
                    a.title = Some(title.clone());
                }
            }
        }
    }
    for a in &mut doc.agenda_items {
        if let Some(at) = &a.title {
            if is_capitals(at) {
                a.title = Some(sentence_case(at));
            }
        }
    }
}

/// After the body is read: the organ (from the formula), the sponsors' footnotes, and the
/// Security Council's symbol when only "Resolution 242 (1967)" was printed.
pub fn finish(doc: &mut Document, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(f) = &doc.formula {
        let t = f.text.trim_end_matches(',');
        let t = match t.find(']') {
            Some(p) if t.starts_with('[') => trim_start(&t[p + 1..]),
            _ => t,
        };
        let organ = t.strip_prefix("The ").unwrap_or(t).trim();
        if !organ.is_empty() {
            doc.organ = Some(organ.to_string());
        }
    }
    if doc.organ.is_none() {
        doc.organ = doc.masthead.clone();
    }
    if doc.date.is_none() {
        doc.date = doc.adoption.as_ref().and_then(|a| a.date.clone());
    }
    crate::sponsors::link(&mut doc.sponsors, &doc.footnotes, diagnostics);
    if doc.symbol.is_none() && doc.organ.as_deref() == Some("Security Council") {
        if let Some(n) = &doc.number {
            if n.contains('(') {
                doc.symbol = Some(format!("S/RES/{n}"));
            }
        }
    }
    if doc.kind == DocumentKind::Unknown
        && doc.organ.as_deref() == Some("Security Council")
        && doc.number.is_some()
    {
        doc.kind = DocumentKind::Resolution;
    }
}

fn continues_list(prev: &str, cur: &str) -> bool {
    let p = trim_end(prev);
    p.ends_with(',')
        || p.ends_with(" and")
        || p.ends_with(" of")
        || p.ends_with(" the")
        || p.ends_with(",*")
        || p.ends_with("*")
        || cur.starts_with(crate::text::is_lower)
}

fn is_stop(t: &str) -> bool {
    // Prefixes compared in place (asked of every header cell; a lower-case copy of each was a
    // good part of the header's cost). Lower-casing ASCII keeps byte offsets, so `t[11..]` is
    // where the copy's `[11..]` was.
    let starts = |prefix: &str| starts_with_ci(t, prefix);
    let digit_at = |k: usize| t.as_bytes().get(k).is_some_and(u8::is_ascii_digit);
    starts("draft resolution")
        || starts("draft decision")
        || starts("resolution adopted by")
        || starts("decision adopted by")
        || starts("adopted by the")
        || starts("report of the")
        || starts("rapporteur")
        || (starts("the ") && crate::text::find_str(&t.to_ascii_lowercase(), " recommends ").is_some())
        || (starts("resolution ") && digit_at(11))
        || starts("resolution of ")
        // "of 22 November 1967" (OCR may garble the date: "of 3 Apri] 1991").
        || starts("of ") && digit_at(3)
        || starts("new york,")
        || starts("geneva,")
        || is_date_range(t)
}

fn is_date_range(t: &str) -> bool {
    // The length first: it is the cheap test, and most cells asked are longer.
    t.len() < 40
        && (crate::text::find_str(t, "–").is_some() || crate::text::find_str(t, " - ").is_some())
        && t.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4)
}

fn ends_stop(text: &str) -> bool {
    let l = text.to_ascii_lowercase();
    if l.starts_with("draft resolution submitted") || l.starts_with("draft decision submitted") {
        // "... on the basis of informal consultations [on draft resolution A/C.2/79/L.6]".
        let last = crate::text::after_last(&l, b' ');
        let on_draft = crate::text::find_str(&l, "consultations on draft ").is_some()
            && is_symbol_like(&text[text.len() - last.len()..]);
        return l.ends_with("consultations") || l.ends_with("consultations.") || on_draft;
    }
    if l.starts_with("resolution adopted by")
        || l.starts_with("decision adopted by")
        || l.starts_with("adopted by the")
    {
        let date = crate::text::rfind_str(&l, " on ").map_or(l.as_str(), |at| &l[at + 4..]);
        return parse_date(date).is_some() || l.ends_with(']');
    }
    if l.starts_with("the ") && crate::text::find_str(&l, " recommends ").is_some() {
        return l.ends_with(':');
    }
    true
}

/// Read a stop line (`text`, at `span` in the input): the kind of document, the Security
/// Council's number, the date and meeting of adoption.
fn apply_stop(text: &str, span: Span, doc: &mut Document, kind: &mut Option<DocumentKind>) {
    let l = text.to_ascii_lowercase();
    if l.starts_with("draft resolution") {
        kind.get_or_insert(DocumentKind::DraftResolution);
    } else if l.starts_with("draft decision") {
        kind.get_or_insert(DocumentKind::DraftDecision);
    } else if l.starts_with("resolution adopted by") {
        // Over a "Report of the ..." line above it, which was the agenda item's title
        // ("Report of the International Criminal Court", A/RES/74/6).
        *kind = Some(DocumentKind::Resolution);
    } else if l.starts_with("decision adopted by") {
        *kind = Some(DocumentKind::Decision);
    } else if l.starts_with("report of the") {
        kind.get_or_insert(DocumentKind::Report);
    } else if l.starts_with("the ")
        && crate::text::find_str(&l, "adoption of the following draft resolution").is_some()
    {
        kind.get_or_insert(DocumentKind::DraftResolution);
    } else if l.starts_with("resolution ") && l[11..].starts_with(|c: char| c.is_ascii_digit()) {
        // "Resolution 2770 (2025)": the Security Council's number.
        let num = trim(&text[11..]);
        let end = num.find(')').map_or(num.len(), |p| p + 1);
        doc.number = Some(num[..end].to_string());
        kind.get_or_insert(DocumentKind::Resolution);
    }
    // "Adopted by the Security Council at its 3122nd meeting": the organ, for a text that
    // prints no enacting formula (S/RES/781 (1992)); the formula, read later, prevails.
    if let Some(at) = crate::text::find_str(&l, "adopted by the ").map(|at| at + 15) {
        let organ = &text[at..];
        let end = [" at ", " on ", ","]
            .iter()
            .filter_map(|stop| crate::text::find_str(organ, stop))
            .min()
            .unwrap_or(organ.len());
        let organ = trim(&organ[..end]);
        if doc.organ.is_none() && organ.len() < 80 && organ.starts_with(crate::text::is_upper) {
            doc.organ = Some(organ.to_string());
        }
    }
    if l.starts_with("adopted by the") || l.starts_with("resolution of") || l.starts_with("of ") {
        // After the last " on " or the first "of " ("On 13 August 1992" too: `l` is lower case).
        let date_at = crate::text::rfind_str(&l, " on ")
            .map(|at| at + 4)
            .or_else(|| crate::text::find_str(&l, "of ").map(|at| at + 3));
        if let Some(at) = date_at {
            if let Some(d) = parse_date(trim_start(&text[at..])) {
                let meeting = crate::text::find_str(text, " at its ").and_then(|p| {
                    let rest = &text[p + 8..];
                    crate::text::find_str(rest, " meeting").map(|e| rest[..e + 8].to_string())
                });
                let adoption = doc.adoption.get_or_insert(crate::model::Adoption {
                    meeting: None,
                    date: None,
                    vote: None,
                    span,
                });
                adoption.date = Some(d);
                adoption.meeting = adoption.meeting.take().or(meeting);
            }
        }
    }
}

/// "2002/... Advisory services" → ("2002/...", "Advisory services"); "78/323." → ("78/323", "");
/// "47 (1948). Resolution of ..." → ("47 (1948)", ...).
fn leading_number(t: &str) -> Option<(String, &str)> {
    let first = t.split(' ').next()?;
    // "47 (1948). Resolution of 21 April 1948"
    if first.bytes().all(|b| b.is_ascii_digit()) && !first.is_empty() {
        let rest = trim_start(&t[first.len()..]);
        if rest.len() >= 6 && rest.starts_with('(') && rest.as_bytes()[5] == b')' {
            let number = format!("{first} {}", &rest[..6]);
            let after = rest[6..].trim_start_matches('.').trim_start();
            return Some((number, after));
        }
    }
    // "S-32/1.", "ES-11/4.": a resolution of a special or emergency special session.
    let session = crate::text::without_session_prefix(first);
    let slash = session.contains('/')
        && session.starts_with(|c: char| c.is_ascii_digit())
        && session
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '…'));
    if slash {
        let number = if first.ends_with("...") || first.ends_with('…') {
            first
        } else {
            first.trim_end_matches('.')
        };
        return Some((number.to_string(), trim_start(&t[first.len()..])));
    }
    None
}

/// The number an ordinal word gives: "fifty-eighth" → 58, "58th" → 58; None for other words.
pub fn ordinal_number(t: &str) -> Option<u32> {
    const UNITS: [&str; 10] = [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    const TEENS: [&str; 10] = [
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str, u32); 8] = [
        ("twenty", "twentieth", 20),
        ("thirty", "thirtieth", 30),
        ("forty", "fortieth", 40),
        ("fifty", "fiftieth", 50),
        ("sixty", "sixtieth", 60),
        ("seventy", "seventieth", 70),
        ("eighty", "eightieth", 80),
        ("ninety", "ninetieth", 90),
    ];
    let w = t.split(' ').next()?.to_ascii_lowercase();
    let digits = w.trim_end_matches(crate::text::is_letter);
    if let Ok(n) = digits.parse::<u32>() {
        // "58th session"; a year ("2025 session") or "10am" is not an ordinal.
        let suffix = &w[digits.len()..];
        return (n < 1000 && matches!(suffix, "st" | "nd" | "rd" | "th")).then_some(n);
    }
    if let Some(i) = UNITS.iter().position(|u| !u.is_empty() && *u == w) {
        return Some(i as u32);
    }
    if let Some(i) = TEENS.iter().position(|u| *u == w) {
        return Some(10 + i as u32);
    }
    for (ten, tenth, v) in TENS {
        if w == tenth {
            return Some(v);
        }
        if let Some(rest) = w.split_once('-') {
            if rest.0.ends_with(ten) {
                if let Some(u) = UNITS.iter().position(|u| !u.is_empty() && *u == rest.1) {
                    return Some(v + u as u32);
                }
            }
        }
    }
    None
}

fn is_capitals(t: &str) -> bool {
    t.chars().any(crate::text::is_letter) && !t.chars().any(crate::text::is_lower)
}

fn sentence_case(t: &str) -> String {
    // Capitals to sentence case: every letter lowered but the first.
    let mut c = t.chars();
    match c.next() {
        Some(f) => std::iter::once(f)
            .chain(c.map(crate::text::lower_char))
            .collect(),
        None => String::new(),
    }
}

fn title_case(t: &str) -> String {
    if is_capitals(t) {
        sentence_case(t)
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::ordinal_number;

    #[test]
    fn an_amendment_s_sponsor_line_wraps_before_the_amended_draft() {
        // A Third Committee amendment in the layout of A/C.3/79/L.65 (pdftotext): the line
        // breaks inside "amendment to draft resolution A/C.3/79/L.40".
        let text = "United Nations A/C.3/79/L.65\n\
            General Assembly Distr.: Limited\n\
            15 November 2024\n\n\
            Seventy-ninth session\n\
            Third Committee\n\
            Agenda item 71 (b)\n\
            Promotion and protection of human rights\n\n\
            Belarus, Nicaragua and Russian Federation: amendment to draft\n\
            resolution A/C.3/79/L.40\n\n\
            Moratorium on the use of the death penalty\n\n\
            1. Insert a new preambular paragraph after the fifth preambular\n\
            paragraph, reading:\n\
            “Reaffirming the sovereign right of all countries to develop their\n\
            own legal systems,”\n\n\
            2. Delete operative paragraph 7.\n";
        let doc = crate::parse(text);
        assert_eq!(doc.kind, crate::model::DocumentKind::Amendment);
        assert_eq!(
            doc.title.as_deref(),
            Some("Moratorium on the use of the death penalty"),
            "should keep the amended draft's symbol out of the title"
        );
        let names: Vec<&str> = doc.sponsors.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Belarus", "Nicaragua", "Russian Federation"]);
        let phrases: Vec<Option<&str>> = doc
            .operative
            .iter()
            .map(|c| c.phrase.as_ref().and_then(|p| p.category.as_deref()))
            .collect();
        assert_eq!(
            phrases,
            [Some("amendment"), Some("amendment")],
            "should read the instructions as the amendment category"
        );
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal_number("Fifty-eighth session"), Some(58));
        assert_eq!(ordinal_number("Eightieth session"), Some(80));
        assert_eq!(ordinal_number("Sixty-third session"), Some(63));
        assert_eq!(
            ordinal_number("2025 session"),
            None,
            "should not read a year as an ordinal"
        );
        assert_eq!(ordinal_number("58th session"), Some(58));
        assert_eq!(
            ordinal_number("10am"),
            None,
            "should not read a time as an ordinal"
        );
    }

    #[test]
    fn a_decision_of_one_paragraph_has_no_formula() {
        // The General Assembly's decisions (A/DEC/79/543): the title, then one paragraph that
        // opens "At its 55th plenary meeting, ...", with or without its items.
        for tail in [
            "decided to defer until its resumed session consideration of the report.\n",
            "on the recommendation of the Fifth Committee:\n(a) Decided to defer;\n(b) Took note of the note.\n",
        ] {
            let text = format!(
                "Decision adopted by the General Assembly on 24 December 2024\n\
                 79/543. Joint Inspection Unit\n\
                 At its 55th plenary meeting, on 24 December 2024, the General Assembly,\n{tail}"
            );
            let doc = crate::parse(&text);
            assert_eq!(
                (doc.kind, doc.number.as_deref(), doc.title.as_deref()),
                (
                    crate::model::DocumentKind::Decision,
                    Some("79/543"),
                    Some("Joint Inspection Unit")
                ),
                "should keep the decision's paragraph out of its title"
            );
            assert_eq!(
                doc.operative.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
                ["op"],
                "should read the paragraph as the decision's one operative paragraph"
            );
            assert!(
                doc.operative[0].text.starts_with("At its 55th plenary meeting"),
                "should keep the paragraph's text"
            );
            assert!(
                !doc.diagnostics.iter().any(|d| d.code == "no-formula"),
                "should not ask for an enacting formula"
            );
        }
    }

    #[test]
    fn a_decision_of_one_sentence_after_the_organ() {
        // The Human Rights Council's decisions: "The Human Rights Council, at its 42nd meeting,
        // on 8 July 2025, decided ...", then the closing lines with the vote right under them.
        let doc = crate::parse(
            "Decision adopted by the Human Rights Council on 8 July 2025\n\n\
             59/115. Enhancement of international cooperation in the field of human rights\n\n\
             The Human Rights Council, at its 42nd meeting, on 8 July 2025, decided, without a\n\
             vote, to take note of the report of the Advisory Committee.\n\n\
             42nd meeting\n8 July 2025\n[Adopted without a vote.]\n",
        );
        assert_eq!(
            doc.formula.as_ref().map(|f| f.text.as_str()),
            Some("The Human Rights Council,"),
            "should read the organ as the formula"
        );
        assert_eq!(
            doc.operative.first().map(|c| &c.text[..20]),
            Some("at its 42nd meeting,"),
            "should read the rest of the sentence as the decision"
        );
        assert_eq!(
            doc.adoption.and_then(|a| a.vote),
            Some("Adopted without a vote.".to_string()),
            "should read the vote printed under the meeting and date"
        );
    }

    #[test]
    fn a_chairs_draft_on_the_basis_of_consultations_on_another_draft() {
        let doc = crate::parse(
            "A/C.2/79/L.60\nDistr.: Limited\n\
             Draft resolution submitted by the Vice-Chair of the Committee, Ms. Jane Doe\n\
             (Ireland), on the basis of informal consultations on draft resolution A/C.2/79/L.6\n\
             Information and communications technologies for sustainable development\n\
             The General Assembly,\nRecalling its resolution 78/132,\n1. Takes note of the report;\n",
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Information and communications technologies for sustainable development"),
            "should end the submission line at the draft it was based on, before the title"
        );
    }

    #[test]
    fn the_adoption_line_wrapped_before_its_date() {
        // S/RES/827 (1993) and S/RES/770 (1992), as the UN's resolution volumes print them:
        // the date on a line of its own (after "on"; or with "On" capitalised).
        for (adopted, date) in [
            (
                "Adopted by the Security Council at its 3217th meeting, on\n25 May 1993",
                "1993-05-25",
            ),
            (
                "Adopted by the Security Council at its 3106th meeting,\nOn 13 August 1992",
                "1992-08-13",
            ),
        ] {
            let text = format!(
                "RESOLUTION 827 (1993)\n\n{adopted}\n\nThe Security Council,\n\n\
                 Recalling its resolution 713 (1991),\n\n1. Decides to remain seized of the matter.\n"
            );
            let doc = crate::parse(&text);
            let adoption = doc.adoption.as_ref();
            assert_eq!(
                adoption.and_then(|a| a.date.as_deref()),
                Some(date),
                "should read the adoption date of {adopted:?}"
            );
            assert_eq!(
                adoption.and_then(|a| a.meeting.as_deref()),
                adopted.split(" at its ").nth(1).map(|r| &r[..14]),
                "should read the meeting of {adopted:?}"
            );
            let span = adoption.map(|a| a.span);
            assert_eq!(
                span.map(|s| &text[s.start..s.end]),
                Some(adopted),
                "should point at the whole adoption line"
            );
        }
        // S/RES/781 (1992) prints no enacting formula: the adoption line names the organ.
        let doc = crate::parse(
            "RESOLUTION 781 (1992)\n\n\n\
             Adopted by the Security Council at its 3122nd meeting, on 9 October 1992\n\n\
             Reaffirming its resolution 713 (1991) and all subsequent relevant\nresolutions,\n\n\
             1. Decides to remain actively seized of the matter.\n",
        );
        assert_eq!(
            (doc.organ.as_deref(), doc.symbol.as_deref()),
            (Some("Security Council"), Some("S/RES/781 (1992)")),
            "should take the organ from the adoption line, and the symbol from the organ"
        );
    }
}
