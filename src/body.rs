//! The body: enacting formula, preambular and operative paragraphs, their items, headings and
//! the closing lines.
//!
//! Grammar (over the lines left after furniture and footnotes are gone):
//!
//! ```text
//! body        = formula { preambular } { operative | heading } [ adopted ] [ closing ]
//! formula     = [ "[" symbol "]" ] "The" organ ","          ; "The Commission on Human Rights,"
//!             | "The" organ verb ...                         ; a one-sentence decision
//! preambular  = opener text ( "," | ":" items )              ; "Recalling also that ...,"
//! operative   = [ op-label ] verb text ( ";" | "." | ":" items [ continuation ] )
//! heading     = letter | roman "." Title | letter "." Title ; "A", "B. Plebiscite"
//! adopted     = { title | heading | number text | item | text }
//!               ; after an unnumbered "Adopts the following political declaration:", the text
//!               ; it adopts: all of it that paragraph's items (A/RES/74/3)
//! ```
//!
//! A real excerpt (S/RES/2774, pdftotext emits no blank lines and puts the number alone):
//!
//! ```text
//! Reaffirming its commitment to the sovereignty, independence, unity and territorial
//! integrity of Ukraine within its internationally recognized borders,
//! 1.
//! Implores a swift end to the conflict ...
//! ```
//!
//! Traps: paragraph breaks without blank lines (decided by the punctuation that ends a line and
//! the word that starts the next); a stray blank line mid-sentence; a number cut from its text
//! by a page break; a single unnumbered operative paragraph; unnumbered operative paragraphs
//! followed by numbered measures that are their items (S/RES/47), or by a whole declaration
//! with its own numbering and headings (A/RES/74/15); a preambular paragraph that
//! opens with a finite verb (S/RES/2782: position and the trailing comma decide).

use crate::closing;
use crate::items::{item_label, item_label_len, op_label, ItemLabel, Nesting};
use crate::lines::{Line, TableRow};
use crate::model::{Clause, Diagnostic, Document, Formula, Severity};
use crate::text::{ends_with_ci, is_one_of_ci, Mapped};
use crate::text::{trim, trim_end, trim_start};

/// Deepest item nesting kept; deeper labels attach at this depth.
pub const MAX_DEPTH: usize = 8;

/// A paragraph: consecutive lines joined.
#[derive(Default)]
struct Para {
    text: Mapped,
}

impl Para {
    fn str(&self) -> &str {
        &self.text.text
    }
}

enum Kind {
    Heading,
    Closing,
    Numbered(u32, String, usize),
    Item(ItemLabel),
    Plain,
}

pub fn read(
    input: &str,
    lines: &mut [Line],
    doc: &mut Document,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let _ = input;
    if lines.is_empty() {
        return;
    }
    let mut paras = paragraphs(lines);
    // Lettered parts (A/RES/74/92 A-B): each part is "A", its title, its own formula, its
    // paragraphs and its closing lines. Find every formula paragraph.
    let formulas: Vec<usize> = (0..paras.len())
        .filter(|&i| {
            let t = paras[i].str();
            i == 0 && formula_len(t).is_some()
                || formula_len(t).is_some_and(|len| len == trim_end(t).len())
        })
        .collect();
    if formulas.is_empty() {
        let built = build(paras, diagnostics);
        install(doc, vec![(None, built)]);
        unique_ids(doc, diagnostics);
        return;
    }
    let mut parts = Vec::new();
    for (k, &f) in formulas.iter().enumerate() {
        // A part ends where the next part's letter (or title, or formula) starts.
        let end = formulas
            .get(k + 1)
            .map_or(paras.len(), |&next| part_start(&paras, next));
        let letter = part_letter(&paras, if k == 0 { 0 } else { part_start(&paras, f) }, f);
        let t = paras[f].str();
        let len = formula_len(t).unwrap_or(0);
        if k == 0 {
            doc.formula = Some(Formula {
                text: trim(&t[..len]).to_string(),
                span: paras[f].text.span(0, len),
            });
        }
        let mut body: Vec<Para> = Vec::with_capacity(end.saturating_sub(f));
        let rest = trim_start(&t[len..]);
        if !rest.is_empty() {
            // "The Economic and Social Council takes note of ...": the sentence goes on.
            let mut m = Mapped::new();
            m.push_mapped(&paras[f].text, t.len() - rest.len(), t.len());
            body.push(Para { text: m });
        }
        // Each paragraph belongs to one part: move it, don't copy it.
        for p in &mut paras[f + 1..end.max(f + 1)] {
            body.push(Para {
                text: std::mem::take(&mut p.text),
            });
        }
        let built = build(body, diagnostics);
        parts.push((letter, built));
    }
    // A letter only matters when there are several parts.
    if parts.len() == 1 {
        parts[0].0 = None;
    }
    install(doc, parts);
    unique_ids(doc, diagnostics);
}

/// Ids are links and annotation anchors: they must be unique. Numbering that restarts with no
/// section heading to tell the runs apart (an instrument's own paragraphs 1…n after "Adopts the
/// following declaration:", a table the parser took for paragraphs) gives the later runs
/// "op1.2", "op1.3", … and a diagnostic. Sorting (id, position) finds them in O(n log n).
fn unique_ids(doc: &mut Document, diagnostics: &mut Vec<Diagnostic>) {
    for part in [&mut doc.preamble, &mut doc.operative] {
        // Siblings first: a restarted "1." becomes "op1.2" and its items "op1.2-a". Then, for
        // what is left (an item whose id equals one at another depth), the whole tree.
        for whole_tree in [false, true] {
            // The ids that occur more than once, found on borrowed ids (most documents have none).
            let mut all: Vec<&str> = Vec::new();
            collect_ids(part, &mut all);
            all.sort_unstable();
            let mut repeated: Vec<(String, usize, usize)> = Vec::new();
            for run in all.chunk_by(|a, b| a == b).filter(|r| r.len() > 1) {
                repeated.push((run[0].to_string(), run.len(), 0));
            }
            if repeated.is_empty() {
                break;
            }
            if whole_tree {
                rename_repeats(part, &mut repeated, diagnostics);
            } else {
                unique_among(part, diagnostics);
            }
        }
    }
}

/// Among siblings, in document order, the second and later clauses with one id get
/// "{id}.{n}"; then the same among each clause's items.
fn unique_among(list: &mut [Clause], diagnostics: &mut Vec<Diagnostic>) {
    let mut ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    let mut repeated: Vec<(String, usize, usize)> = Vec::new();
    for run in ids.chunk_by(|a, b| a == b).filter(|r| r.len() > 1) {
        repeated.push((run[0].to_string(), run.len(), 0));
    }
    for c in list.iter_mut() {
        rename_if_repeated(c, &mut repeated, diagnostics);
        unique_among(&mut c.items, diagnostics);
    }
}

/// The second and later clause with a repeated id gets "{id}.{n}" (its items follow).
fn rename_if_repeated(
    c: &mut Clause,
    repeated: &mut [(String, usize, usize)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Ok(k) = repeated.binary_search_by(|r| r.0.as_str().cmp(&c.id)) else {
        return;
    };
    let (id, times, seen) = &mut repeated[k];
    *seen += 1;
    if *seen > 1 {
        let new = format!("{id}.{seen}");
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "duplicate-id".into(),
            message: format!(
                "{id} appears {times} times (the numbering restarts with no section heading); this one is {new}"
            ),
            span: c.span,
        });
        rename(c, &new);
    }
}

/// Every id in `list` and its items, depth first (recursion as deep as items nest: at most
/// [`MAX_DEPTH`]).
pub(crate) fn collect_ids<'a>(list: &'a [Clause], out: &mut Vec<&'a str>) {
    for c in list {
        out.push(&c.id);
        collect_ids(&c.items, out);
    }
}

/// In document order: the second and later clauses with a repeated id get "{id}.{n}". Items
/// first, while every id is still the one `repeated` was made of (renaming a clause renames
/// its items after it).
fn rename_repeats(
    list: &mut [Clause],
    repeated: &mut [(String, usize, usize)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for c in list {
        rename_repeats(&mut c.items, repeated, diagnostics);
        rename_if_repeated(c, repeated, diagnostics);
    }
}

/// Where the part whose formula is at `f` begins: its letter and title come just before.
fn part_start(paras: &[Para], f: usize) -> usize {
    let mut s = f;
    for back in 1..=2 {
        if f < back {
            break;
        }
        let t = paras[f - back].str().trim();
        if is_part_letter(t) {
            return f - back;
        }
        if back == 1 && !ends_clause(t) && t.len() < 200 {
            s = f - 1;
        }
    }
    s
}

/// "B" or "B Title" before a part's formula.
fn is_part_letter(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty() && b[0].is_ascii_uppercase() && (b.len() == 1 || b[1] == b' ' && is_heading(t))
}

fn part_letter(paras: &[Para], from: usize, f: usize) -> Option<String> {
    paras[from..f]
        .iter()
        .map(|p| trim(p.str()))
        .find(|t| is_part_letter(t))
        .map(|t| t[..1].to_string())
}

/// Put the parts into the document: one part keeps plain ids; several get "ppA-1", "opB-3".
fn install(doc: &mut Document, parts: Vec<(Option<String>, Built)>) {
    for (letter, built) in parts {
        let Built {
            mut preamble,
            mut operative,
            adoption,
        } = built;
        if let Some(l) = &letter {
            for c in preamble.iter_mut() {
                // The id carries the part; `section` stays for headings inside the part.
                let id = crate::text::replace_first(&c.id, "pp", &format!("pp{l}-"));
                rename(c, &id);
            }
            for c in operative.iter_mut() {
                let id = if c.id == "op" {
                    format!("op{l}")
                } else {
                    crate::text::replace_first(&c.id, "op", &format!("op{l}-"))
                };
                rename(c, &id);
                c.section.get_or_insert_with(|| l.clone());
            }
        }
        doc.preamble.extend(preamble);
        doc.operative.extend(operative);
        if let Some(closing) = adoption {
            // The header may have read the meeting and date already ("Adopted by the Security
            // Council at its 9847th meeting, on 24 January 2025"): keep what it found.
            doc.adoption = Some(match doc.adoption.take() {
                Some(head) => crate::model::Adoption {
                    meeting: closing.meeting.or(head.meeting),
                    date: closing.date.or(head.date),
                    vote: closing.vote.or(head.vote),
                    span: closing.span,
                },
                None => closing,
            });
        }
    }
}

/// One part's clauses and closing lines.
struct Built {
    preamble: Vec<Clause>,
    operative: Vec<Clause>,
    adoption: Option<crate::model::Adoption>,
}

/// "The General Assembly," → its length; "The Economic and Social Council takes note" → the
/// length of "The Economic and Social Council".
pub fn formula_len(t: &str) -> Option<usize> {
    // Asked of nearly every line: most start with neither "[" nor "The".
    if !matches!(t.as_bytes().first(), Some(b'[' | b'T')) {
        return None;
    }
    let mut s = t;
    let mut skipped = 0;
    // "[S/726] The Security Council,"
    if s.starts_with('[') {
        let close = s.find(']')?;
        skipped = close + 1;
        s = &s[close + 1..];
        let trimmed = trim_start(s);
        skipped += s.len() - trimmed.len();
        s = trimmed;
    }
    if !s.starts_with("The ") {
        return None;
    }
    // "The General Assembly" alone on its line: the formula without its comma.
    if is_organ_phrase(trim_end(&s[4..])) && !trim_end(&s[4..]).contains(',') {
        return Some(skipped + trim_end(s).len());
    }
    if let Some(comma) = s.find(',') {
        if comma < 90 && is_organ_phrase(&s[4..comma]) && trim(&s[comma + 1..]).is_empty() {
            return Some(skipped + comma + 1);
        }
    }
    // "The Economic and Social Council takes note of ...": the organ is the capitalised run.
    let mut end = 4;
    for w in s[4..].split(' ') {
        let cap = w.starts_with(crate::text::is_upper);
        let small = matches!(w, "and" | "of" | "on" | "for" | "the");
        if !(cap || small) || w.is_empty() {
            break;
        }
        end += w.len() + 1;
    }
    let organ = trim_end(&s[4..end.min(s.len())]);
    // Suffixes stripped with `strip_suffix` (std's `trim_end_matches` with a `&str` brings its
    // reverse searcher into the .wasm).
    // "The Human Rights Council, at its 42nd meeting, on 8 July 2025, decided ...": a decision
    // of one sentence; the formula keeps its comma, the clause starts at "at its".
    if let Some(o) = organ.strip_suffix(',') {
        let rest = trim_start(&s[4 + organ.len()..]);
        if is_organ_phrase(o) && rest.starts_with("at its ") {
            return Some(skipped + 4 + organ.len());
        }
    }
    let mut organ = organ;
    while let Some(o) = organ.strip_suffix(" and") {
        organ = o;
    }
    while let Some(o) = organ.strip_suffix(" of") {
        organ = o;
    }
    if organ.is_empty() || !is_organ_phrase(organ) {
        return None;
    }
    let after = &s[4 + organ.len()..];
    let verb = trim_start(after).split(' ').next().unwrap_or("");
    if verb.starts_with(crate::text::is_lower) && verb.ends_with('s') {
        return Some(skipped + 4 + organ.len());
    }
    None
}

fn is_organ_phrase(s: &str) -> bool {
    let last = crate::text::after_last(s, b' ');
    s.len() < 80
        && s.starts_with(crate::text::is_upper)
        && matches!(
            last,
            "Assembly"
                | "Council"
                | "Commission"
                | "Conference"
                | "Committee"
                | "Board"
                | "Meeting"
                | "Forum"
                | "Parties"
                | "Rights"
                | "Development"
                | "Women"
                | "Session"
                | "Sub-Commission"
                | "Minorities"
                | "Crime"
                | "Justice"
                | "Drugs"
                | "Statistics"
                | "Population"
                | "Development,"
        )
}

/// Opening minus closing curly quotes in a line: a paragraph with a positive balance is inside
/// a quoted title, where a capitalised word never opens a clause.
fn quote_balance(t: &str) -> i32 {
    // On bytes, eight at a time (asked of every line, and most lines hold no curly quote): “ is
    // E2 80 9C and ” is E2 80 9D in UTF-8.
    let b = t.as_bytes();
    let lead = |x| crate::text::bytes_equal(x, 0xE2);
    let mut balance = 0;
    let mut i = 0;
    while let Some(k) = crate::text::find_bytes(b, i, lead, |c| c == 0xE2) {
        if b.get(k + 1) == Some(&0x80) {
            match b.get(k + 2) {
                Some(0x9C) => balance += 1,
                Some(0x9D) => balance -= 1,
                _ => {}
            }
        }
        i = k + 1;
    }
    balance
}

/// Join lines into paragraphs.
fn paragraphs(lines: &mut [Line]) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    // Quote balance of the current paragraph, kept as lines are added (linear).
    let mut quotes = 0;
    // Inside a table (its rows stay in the paragraph that introduces it).
    let mut in_table = false;
    for k in 0..lines.len() {
        // A table: rows of figures, the rows of words next to them (its header), and, inside
        // it, rows that start with an empty cell.
        let figures_near = |j: usize| {
            lines[j + 1..]
                .iter()
                .take(2)
                .any(|l| l.table == TableRow::Figures)
        };
        in_table = match lines[k].table {
            TableRow::Figures => true,
            TableRow::Cells => in_table || figures_near(k),
            TableRow::Indented => in_table && !lines[k].blank_before,
            TableRow::No => false,
        };
        let new = match (out.last(), k.checked_sub(1)) {
            (Some(_), _) if in_table => false,
            (Some(cur), Some(p)) => {
                let in_quote = quotes > 0;
                starts_paragraph(cur.str(), &lines[p], &lines[k], lines.get(k + 1), in_quote)
            }
            _ => true,
        };
        let balance = quote_balance(lines[k].str());
        quotes = if new { balance } else { quotes + balance };
        if new {
            // The first line's text becomes the paragraph's: moved, not copied (after this only
            // a line's indent is read, as the previous line of the next one).
            out.push(Para {
                text: std::mem::take(&mut lines[k].text),
            });
        } else if let Some(cur) = out.last_mut() {
            join(&mut cur.text, &lines[k].text);
        }
    }
    out
}

/// Append `next` to `cur` with a space, or repairing end-of-line hyphenation.
pub fn join(cur: &mut Mapped, next: &Mapped) {
    // The line, a joining space and its runs.
    cur.reserve(next.text.len() + 1, next.runs() + 1);
    let ct = trim_end(&cur.text);
    let end = ct.len();
    let n = next.text.as_str();
    // The line's end read as bytes (slice patterns, no comparison calls: this runs per line).
    let tail = ct.as_bytes();
    if matches!(tail, [.., 0xC2, 0xAD]) {
        // "coop\u{ad}" + "eration": a soft hyphen marks a broken word.
        cur.truncate(end - '\u{ad}'.len_utf8());
        cur.push_mapped(next, 0, n.len());
        return;
    }
    // A hyphen ending the line, not after a space or another hyphen.
    if matches!(tail, [.., b'-']) && !matches!(tail, [.., b' ' | b'-', b'-']) {
        let before = ct[..end - 1].chars().next_back();
        let next_first = n.chars().next();
        if before.is_some_and(crate::text::is_letter)
            && next_first.is_some_and(crate::text::is_lower)
        {
            let word: String = n
                .chars()
                .take_while(|&c| crate::text::is_letter(c))
                .collect();
            if is_suffix_fragment(&word) {
                // "submit-\nted" → "submitted": drop the hyphen.
                // In place: copying the paragraph for every broken word would be quadratic.
                cur.truncate(end - 1);
                cur.push_mapped(next, 0, n.len());
                return;
            }
            // "self-\ndetermination" → "self-determination": keep it, no space.
            cur.push_mapped(next, 0, n.len());
            return;
        }
    }
    let joint = cur.orig_after(end);
    cur.push_synthetic(" ", joint);
    cur.push_mapped(next, 0, n.len());
}

/// Word endings that only ever continue a word broken by a hyphen.
fn is_suffix_fragment(w: &str) -> bool {
    const FRAGMENTS: &[&str] = &[
        "ted", "ting", "tion", "tions", "ment", "ments", "ance", "ances", "ence", "ences", "ity",
        "ities", "ally", "ous", "ive", "ives", "sion", "sions", "ers", "ated", "ating", "ation",
        "ations", "ization", "izations", "isation", "ible", "able", "ing", "ed", "es", "ly", "al",
        "ial", "ical", "ness", "ship", "ists", "ist", "ism", "ure", "ures", "ant", "ants", "ent",
        "ents", "ary", "ory", "ize", "ized", "izes", "ise", "ised", "ful", "ties", "tive", "tives",
        "cies", "cy", "lities", "tory", "nal", "ional", "tional", "ment", "ding", "ling", "ning",
        "ring", "sing", "ping", "ging", "king", "ving", "ning", "ged", "ced", "sed", "ved", "red",
        "ned", "led", "ped", "tary", "mental", "ments", "tures", "ture", "tant", "tants", "ial",
        "ials", "nce", "nces", "ty", "ly", "ry", "ries", "tic", "tics",
    ];
    FRAGMENTS.contains(&w)
}

/// `t` without a footnote marker at its end: "1979, 1" → "1979,"; "2003,2" → "2003,".
fn strip_trailing_marker(t: &str) -> &str {
    let t = trim_end(t);
    // "United Nations, 1/": the slash that UN documents of the 1970s-1990s print after a
    // footnote number.
    let t = match t.strip_suffix('/') {
        Some(m) if m.ends_with(|c: char| c.is_ascii_digit()) => m,
        _ => t,
    };
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    let stars = t.bytes().rev().take_while(|&b| b == b'*').count();
    let n = digits.max(stars);
    if n == 0 || n > 3 || n == t.len() {
        return t;
    }
    let rest = &t[..t.len() - n];
    let before = trim_end(rest);
    if before.ends_with([',', ';', ':', '.']) {
        before
    } else {
        t
    }
}

fn ends_clause(t: &str) -> bool {
    // Slice patterns on the bytes ("”" is E2 80 9D): asked of every line.
    matches!(
        strip_trailing_marker(t).as_bytes(),
        [.., b',' | b';' | b':' | b'.']
            | [.., b'.' | b',', 0xE2, 0x80, 0x9D]
            | [.., b';' | b',', b' ', b'a', b'n', b'd']
    )
}

fn starts_paragraph(
    cur: &str,
    prev: &Line,
    line: &Line,
    next: Option<&Line>,
    in_quote: bool,
) -> bool {
    let t = line.str();
    let cur_t = trim_end(cur);
    // A number alone ("5.") waits for its text, wherever the page put it.
    if op_label(cur_t).is_some_and(|(_, _, len)| len >= cur_t.len()) {
        return false;
    }
    if item_label_len(cur_t).is_some_and(|len| len >= cur_t.len()) {
        return false;
    }
    let ends = ends_clause(cur_t);
    let lower = t.starts_with(crate::text::is_lower);
    // An enacting formula always opens a part ("B / Title / The General Assembly,") and is a
    // paragraph of its own, with or without its comma, and in a quoted text too.
    let (unquoted_t, unquoted_cur) = (after_quote(t), after_quote(cur_t));
    if formula_len(unquoted_t).is_some_and(|len| len == trim_end(unquoted_t).len())
        || formula_len(unquoted_cur).is_some_and(|len| len == unquoted_cur.len())
    {
        return true;
    }
    let cur_heading = is_heading(cur_t);
    let op = op_label(t);
    // A bare heading label ("B", "IV") takes its title from the next line, unless that line
    // opens a clause the phrase lexicon knows: a part without a title (S/RES/82 (1950):
    // "I / Calls for the immediate cessation of hostilities;").
    if cur_heading && cur_t.len() <= 4 {
        return op.is_some() || opens_known_clause(t);
    }
    if cur_heading && line.blank_before {
        return true;
    }
    // After a heading ("I Progress towards an accountability system"), a clause opens at its
    // opener even without a blank line.
    if cur_heading && !lower && (opens_unmarked(t) || whereas(t)) {
        return true;
    }
    if is_heading(t) || closing::is_closing_line(t) {
        // A bare part label ("A", "IV") after a title of its own line opens the part even
        // without a blank line (pdftotext: "Conditions of service ...\nA\nBase/floor salary
        // scale").
        let bare_label = is_heading_number(trim(t)) && is_title_heading(cur_t);
        return ends || line.blank_before && !line.break_before || bare_label;
    }
    // "7. Recognizes ...": a number followed by a capital (or alone) opens a paragraph even
    // when the line before did not end one (a heading, or a page break, came between).
    if let Some((_, _, len)) = op {
        let rest = trim_start(&t[len..]);
        if rest.is_empty() || rest.starts_with(crate::text::is_upper) {
            return true;
        }
    }
    if op.is_some() || item_label_len(t).is_some() {
        return ends || line.blank_before && !line.break_before || cur_t.len() < 4;
    }
    if line.blank_before && !line.break_before {
        // Every paragraph of a quoted text reopens the quotation, its title's too ("“Open-ended
        // intergovernmental expert group" / "“The General Assembly,").
        return !lower && (ends || opens_quote(t) && opens_quote(cur));
    }
    if !ends || lower {
        return false;
    }
    // Without blank lines: the paragraphs of a quoted text each reopen the quotation.
    if opens_quote(t) && (opens_quote(cur_t) || announces_text(cur_t)) {
        return true;
    }
    // Inside a quoted title, or after a colon (what follows is its list or its continuation:
    // "Conference on Palestine:\nReconstructing Gaza"), only labels open paragraphs.
    if in_quote || cur_t.ends_with(':') {
        // Except the title of a text the paragraph adopts ("Adopts the following political
        // declaration:\nPolitical declaration of ...\n1. We, ...").
        return !in_quote && announces_text(cur_t) && Adopted::is_title_line(t);
    }
    if whereas(t) || now_therefore(t) || opens_unmarked(t) {
        return true;
    }
    // A short title between a finished clause and a numbered paragraph is a heading of its own.
    if is_title_heading(t)
        && next.is_some_and(|n| op_label(n.str()).is_some() || is_heading(n.str()))
    {
        return true;
    }
    // Layout-mode text: an indented first line.
    line.indent > prev.indent + 2 && t.starts_with(crate::text::is_upper)
}

/// With no blank line to go by, does `t` open a paragraph after a line that ended one (or after
/// a heading)? A word in -ing does ("Recalling", "Commemorating", "Continuing to take the
/// view") unless a title goes on after it; so does an opener the lexicon knows ("Decides",
/// "Recalling General Assembly resolution"). Other words that merely look like openers are a
/// title or a list of names broken at the line's end: "Development, Production,\nStockpiling
/// and Use of ...", "Summit of\nHeads of State", "Drought and/or Desertification,\nParticularly
/// in Africa", "Great Chiefs,\nChiefs, Presidents".
fn opens_unmarked(t: &str) -> bool {
    use crate::annotate::phrases::Part;
    let mut words = t.split(' ').filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    let capital = |w: Option<&str>| w.is_some_and(|w| w.starts_with(crate::text::is_upper));
    // "Securing Our Common Future", "Stockpiling and Use": the next word is a title's.
    let title_follows = match words.next() {
        Some("and") => capital(words.next()),
        second => capital(second),
    };
    if ends_with_ci(first, "ing") && !title_follows && preamble_opener(t) {
        return true;
    }
    // The lexicon last (it reads a phrase, not a word): it knows "Recalling General Assembly
    // resolution ..." and "Decides". The operative part's knows more (verbs in -s, and
    // "Encouraged by"), of words that look like openers.
    lexicon_knows(t, Part::Preamble) || starts_clause(t) && lexicon_knows(t, Part::Operative)
}

/// Does the phrase lexicon know the phrase `t` opens with, in `part`?
fn lexicon_knows(t: &str, part: crate::annotate::phrases::Part) -> bool {
    crate::annotate::phrases::leading_phrase(t, part).is_some_and(|p| p.category != "other")
}

/// Does `t` open a clause with a phrase the lexicon knows ("Calls for", "Recalling")? Stricter
/// than [`opens_unmarked`], for the line after a bare part label, which is usually the part's
/// title: the lexicon alone would also take "Revised estimates ..." and "Request for a
/// subvention ..." (budget sections' titles) for clauses.
fn opens_known_clause(t: &str) -> bool {
    use crate::annotate::phrases::Part;
    starts_clause(t) && (lexicon_knows(t, Part::Preamble) || lexicon_knows(t, Part::Operative))
}

/// Does `t` open a clause: a preambular opener or an operative verb?
pub fn starts_clause(t: &str) -> bool {
    preamble_opener(t) || operative_opener(t)
}

/// The first word of `t`: up to a space, a comma or a colon ("draft," → "draft").
pub(crate) fn first_word(t: &str) -> &str {
    // Bytes, not chars: the separators are ASCII (so always char boundaries).
    let end = t
        .bytes()
        .position(|b| matches!(b, b' ' | b',' | b':'))
        .unwrap_or(t.len());
    &t[..end]
}

/// Skip a short label token an OCR may have mangled ("U.", "6,") before a word.
fn skip_short_label(t: &str) -> &str {
    // The label is two or three bytes ending in "." or ",", then a space: asked of every
    // paragraph, so only the first four bytes are searched for that space.
    let b = t.as_bytes();
    match b.iter().take(4).position(|&c| c == b' ') {
        Some(sp @ 2..=3) if matches!(b[sp - 1], b'.' | b',') && sp + 1 < b.len() => &t[sp + 1..],
        _ => t,
    }
}

/// "At its 55th plenary meeting, on 24 December 2024, the General Assembly ... decided ...": a
/// decision of one paragraph, with no enacting formula (the General Assembly's decisions, as
/// A/DEC/79/543 prints them).
pub fn at_its_meeting(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("At its ") else {
        return false;
    };
    // The meeting's number and kind come first: "55th plenary meeting", "3rd meeting".
    let head = &rest.as_bytes()[..rest.len().min(40)];
    rest.starts_with(|c: char| c.is_ascii_digit()) && head.windows(8).any(|w| w == b" meeting")
}

/// "WHEREAS the peoples ...": the old declaratory preamble.
pub fn whereas(t: &str) -> bool {
    first_word(skip_short_label(t)).eq_ignore_ascii_case("whereas")
}

/// "Now, therefore, the General Assembly" (OCR: "Bow. therefore the General Assembly").
fn now_therefore(t: &str) -> bool {
    let mut words = t.split(' ');
    let _ = words.next();
    words
        .next()
        .is_some_and(|w| w.trim_end_matches(',').eq_ignore_ascii_case("therefore"))
}

pub fn preamble_opener(t: &str) -> bool {
    if whereas(t) {
        return true;
    }
    let w = first_word(t);
    if !w.starts_with(crate::text::is_upper) || w.len() < 4 {
        return false;
    }
    // Compared without case and without a lower-cased copy (this is asked of every paragraph).
    if ends_with_ci(w, "ing") && !is_one_of_ci(w, &["during", "nothing", "something", "bring"]) {
        return true;
    }
    const OPENERS: &[&str] = &[
        "aware",
        "mindful",
        "conscious",
        "concerned",
        "deeply",
        "gravely",
        "seriously",
        "alarmed",
        "convinced",
        "determined",
        "guided",
        "cognizant",
        "desirous",
        "whereas",
        "further",
        "also",
        "encouraged",
        "disturbed",
        "appalled",
        "dismayed",
        "pleased",
        "satisfied",
        "fully",
        "strongly",
        "committed",
        "profoundly",
        "firmly",
        "acknowledging",
        "resolved",
        "bearing",
        "keenly",
        "sincerely",
        "greatly",
        "highly",
        "particularly",
        "shocked",
        "outraged",
        "distressed",
        "troubled",
        "grieved",
        "saddened",
        "cognisant",
        "inspired",
        "reassured",
        "confident",
        "noting",
        "taking",
        "recalling",
        "in",
        "acting",
        "having",
        "recognizing",
        "reaffirming",
        "underlining",
        "stressing",
        "emphasizing",
        "welcoming",
        "expressing",
        "considering",
        "believing",
        "deploring",
        "regretting",
        "reiterating",
        "affirming",
        "observing",
        "viewing",
        "realizing",
        "looking",
    ];
    is_one_of_ci(w, OPENERS) && (!w.eq_ignore_ascii_case("in") || t.starts_with("In accordance"))
}

const NOT_VERBS: &[&str] = &[
    "states",
    "members",
    "parties",
    "governments",
    "agencies",
    "countries",
    "peoples",
    "rights",
    "affairs",
    "its",
    "towards",
    "bodies",
    "forces",
    "resources",
    "services",
    "measures",
    "efforts",
    "activities",
    "programmes",
    "issues",
    "goals",
    "needs",
    "islands",
    "territories",
    "regions",
    "communities",
    "women",
    "persons",
    "children",
    "refugees",
    "means",
    "thereof",
    "arrangements",
    "others",
];

pub fn operative_opener(t: &str) -> bool {
    let mut words = t.split([' ', ',']).filter(|w| !w.is_empty());
    let Some(w) = words.next() else { return false };
    if !w.starts_with(crate::text::is_upper) {
        return false;
    }
    const ADVERBS: &[&str] = &[
        "also",
        "further",
        "again",
        "strongly",
        "once",
        "firmly",
        "hereby",
        "furthermore",
        "moreover",
        "finally",
        "thereby",
        "solemnly",
        "urgently",
        "emphatically",
        "resolutely",
        "unequivocally",
        "vigorously",
        "respectfully",
        "deeply",
        "fully",
        "duly",
    ];
    // Compared without case and without lower-cased copies (this is asked of every paragraph).
    let verb = if is_one_of_ci(w, ADVERBS) {
        let v = words.next().unwrap_or("");
        if v.eq_ignore_ascii_case("again") {
            words.next().unwrap_or("")
        } else {
            v
        }
    } else {
        w
    };
    verb.len() >= 4
        && ends_with_ci(verb, "s")
        && !noun_ending(verb)
        && verb.chars().all(crate::text::is_letter)
        && !is_one_of_ci(verb, NOT_VERBS)
}

/// Does `w` (a word in "s") end as no verb of the third person does: "-is", "-us", "-as",
/// "-ss", "-tions", "-ics" ("Tuberculosis", "Consensus", "Ideas", "Process", "Institutions",
/// "Statistics")? A line that opens with one after a comma continues a list of names; it does
/// not open an operative paragraph. On bytes: this is asked of every paragraph.
fn noun_ending(w: &str) -> bool {
    let lower = |i: usize| {
        w.len()
            .checked_sub(i)
            .map(|i| w.as_bytes()[i].to_ascii_lowercase())
    };
    match lower(2) {
        Some(b'i' | b'u' | b'a' | b's') => true,
        Some(b'c') => lower(3) == Some(b'i'),
        Some(b'n') => ends_with_ci(w, "tions"),
        _ => false,
    }
}

/// The number of a heading or a part: one capital ("A", "B") or a roman numeral ("IV", "XII").
pub fn is_heading_number(s: &str) -> bool {
    s.len() == 1 && s.as_bytes()[0].is_ascii_uppercase()
        || !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// "A", "B", "I", "II." alone; "A. Restoration of peace and order"; "I. Organization of work".
pub fn is_heading(t: &str) -> bool {
    // Headings are short and start with a capital; never scan a long paragraph (this is
    // asked for every line).
    if t.len() > 160 || !trim_start(t).starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let t = trim(t);
    // "I" printed above its title: "I Calendar of conferences and meetings". A heading number
    // is at most four bytes, so only a space among the first five can end one.
    if let Some(sp) = t.as_bytes().iter().take(5).position(|&b| b == b' ') {
        let (head, rest) = (&t[..sp], &t[sp + 1..]);
        if is_heading_number(head)
            && rest.starts_with(crate::text::is_upper)
            && rest.len() < 150
            && !ends_clause(rest)
        {
            return true;
        }
    }
    if t.len() <= 4 && !t.is_empty() {
        return is_heading_number(t.trim_end_matches('.'));
    }
    // "A. Title", "IV. Title": the ". " comes within the first five bytes or not at all (no
    // substring search over a long line).
    let b = t.as_bytes();
    let dot = (1..=4).find(|&k| b.get(k) == Some(&b'.') && b.get(k + 1) == Some(&b' '));
    if let Some((head, rest)) = dot.map(|k| (&t[..k], &t[k + 2..])) {
        return is_heading_number(head)
            && rest.len() < 80
            && rest.starts_with(crate::text::is_upper)
            && !ends_clause(rest);
    }
    false
}

/// A short capitalised line with no closing punctuation that opens no clause: a heading
/// ("Multilateralism and solidarity", "Children without parental care").
fn is_title_heading(t: &str) -> bool {
    let t = trim(t);
    t.len() < 150
        && t.starts_with(crate::text::is_upper)
        && !ends_clause(t)
        && !t.ends_with('*')
        && !starts_clause(t)
        && !whereas(t)
        && !now_therefore(t)
}

/// Reading-order repair: "4. to do so;" followed by "Encourages States that have not yet
/// ratified the Paris Agreement" → "4. Encourages States that have not yet ratified the Paris
/// Agreement to do so;". pdftotext sometimes emits the short last line of a paragraph first.
fn repair_tail_first(p: &Para, next: &Para) -> Option<Para> {
    let t = p.str();
    let (_, _, len) = op_label(t)?;
    let tail = trim_end(&t[len..]);
    let head = trim_end(next.str());
    let tail_ok = tail.starts_with(crate::text::is_lower) && ends_clause(tail) && tail.len() <= 80;
    if !tail_ok || !operative_opener(head) || ends_clause(head) {
        return None;
    }
    let mut m = Mapped::new();
    m.push_mapped(&p.text, 0, len);
    m.push_mapped(&next.text, 0, head.len());
    m.push_synthetic(" ", next.text.orig_after(head.len()));
    m.push_mapped(&p.text, len, len + tail.len());
    Some(Para { text: m })
}

fn classify(p: &Para) -> Kind {
    let t = p.str();
    if closing::is_closing_line(t) {
        return Kind::Closing;
    }
    if is_heading(t) || is_title_heading(t) {
        return Kind::Heading;
    }
    if let Some((n, label, len)) = op_label(t) {
        return Kind::Numbered(n, label.to_string(), len);
    }
    if let Some(l) = item_label(t) {
        return Kind::Item(l);
    }
    Kind::Plain
}

/// OCR reads digits as letters that look like them: "S. Appeals urgently ..." between
/// paragraphs 4 and 6 (S/RES/713 (1991)). A paragraph whose first token is such a misread of
/// the number the sequence expects, followed by an operative verb, is that numbered paragraph;
/// a diagnostic says what was read.
fn read_ocr_numbers(paras: &[Para], kinds: &mut [Kind], diagnostics: &mut Vec<Diagnostic>) {
    // Letters OCR gives for a digit.
    fn digit_like(c: u8) -> Option<u8> {
        match c {
            b'O' | b'o' => Some(b'0'),
            b'l' | b'I' | b'|' => Some(b'1'),
            b'Z' => Some(b'2'),
            b'S' => Some(b'5'),
            b'G' | b'b' => Some(b'6'),
            b'B' => Some(b'8'),
            b'g' => Some(b'9'),
            c if c.is_ascii_digit() => Some(c),
            _ => None,
        }
    }
    let mut last = None;
    for (i, p) in paras.iter().enumerate() {
        match kinds[i] {
            Kind::Numbered(n, _, _) => last = Some(n),
            Kind::Plain => {
                let Some(expected) = last.map(|n| n + 1) else {
                    continue;
                };
                let t = p.str();
                let b = t.as_bytes();
                let Some(dot) = b.iter().take(4).position(|&c| c == b'.') else {
                    continue;
                };
                let token = &b[..dot];
                let wanted = expected.to_string();
                let misread = token.len() == wanted.len()
                    && token.iter().any(|c| !c.is_ascii_digit())
                    && token
                        .iter()
                        .zip(wanted.bytes())
                        .all(|(&c, w)| digit_like(c) == Some(w));
                let rest = trim_start(&t[dot + 1..]);
                if !misread || !b[dot + 1..].starts_with(b" ") || !operative_opener(rest) {
                    continue;
                }
                let len = t.len() - rest.len();
                diagnostics.push(Diagnostic {
                    severity: Severity::Info,
                    code: "ocr-number".into(),
                    message: format!(
                        "read \"{}\" as paragraph number {expected} (OCR misreads digits as letters)",
                        &t[..=dot]
                    ),
                    span: p.text.span(0, dot + 1),
                });
                kinds[i] = Kind::Numbered(expected, t[..=dot].to_string(), len);
                last = Some(expected);
            }
            _ => {}
        }
    }
}

/// Which part a top-level clause is being added to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Preamble,
    Operative,
}

fn build(paras: Vec<Para>, diagnostics: &mut Vec<Diagnostic>) -> Built {
    let mut repaired: Vec<Para> = Vec::with_capacity(paras.len());
    let mut it = paras.into_iter().peekable();
    while let Some(p) = it.next() {
        if let Some(fixed) = it.peek().and_then(|next| repair_tail_first(&p, next)) {
            repaired.push(fixed);
            it.next();
            continue;
        }
        repaired.push(p);
    }
    let mut paras = repaired;
    let quoted = unquote_adopted_texts(&mut paras);
    let mut kinds: Vec<Kind> = paras.iter().map(classify).collect();
    read_ocr_numbers(&paras, &mut kinds, diagnostics);
    let closing_at = kinds
        .iter()
        .position(|k| matches!(k, Kind::Closing))
        .unwrap_or(paras.len());
    // Numbered operative paragraphs, unless unnumbered ones come first (S/RES/47: "Recommends
    // ... the following measures:" then 1. to 17., which are its items).
    let first_numbered = kinds[..closing_at]
        .iter()
        .position(|k| matches!(k, Kind::Numbered(1, _, _)));
    let first_unnumbered = (0..closing_at).find(|&i| {
        matches!(kinds[i], Kind::Plain)
            && operative_opener(paras[i].str())
            && is_unnumbered_operative(paras[i].str(), &paras, &kinds, i, closing_at)
    });
    let numbered_ops = match (first_numbered, first_unnumbered) {
        (Some(n), Some(u)) => n < u,
        (Some(_), None) => true,
        _ => false,
    };
    // Group ends for the unnumbered-operative decision: where each top-level group ends.
    let mut part = Part::Preamble;
    let mut preamble: Vec<Clause> = Vec::new();
    let mut operative: Vec<Clause> = Vec::new();
    let mut nesting = Nesting::new();
    let mut section: Option<String> = None;
    let mut unnumbered_ops = 0usize;
    // Top-level operative paragraphs since the last heading.
    let mut ops_in_section = 0usize;
    let mut last_number: Option<u32> = None;
    // After "Adopts the following declaration:" (unnumbered), the text adopted: it goes into
    // that clause (see `Adopted`).
    let mut adopted: Option<Adopted> = None;
    // Item labels in order, for the look-ahead that "(1)" needs.
    let item_labels: Vec<Option<&ItemLabel>> = kinds
        .iter()
        .map(|k| if let Kind::Item(l) = k { Some(l) } else { None })
        .collect();
    let next_item_label = |i: usize| {
        item_labels[i + 1..closing_at]
            .iter()
            .flatten()
            .next()
            .copied()
    };
    let mut i = 0;
    while i < closing_at {
        // This paragraph's text moves into the clause it makes (no copy); the ones after it are
        // still read by the look-aheads below.
        let mut owned = std::mem::take(&mut paras[i]);
        let p = &mut owned;
        if let (Some(text), Some(holder)) = (adopted.as_mut(), operative.last_mut()) {
            // A quoted text ends with its quotation marks; any other at an operative paragraph
            // the lexicon knows ("... the following steps:", "(a) ...;", "(b) ...;", then
            // "Requests the Secretary-General ...").
            let resumes = if text.quoted {
                !quoted[i]
            } else {
                matches!(kinds[i], Kind::Plain)
                    && operative_opener(p.str())
                    && lexicon_knows(p.str(), crate::annotate::phrases::Part::Operative)
            };
            if !resumes {
                let next = matches!(kinds[i], Kind::Item(_))
                    .then(|| next_item_label(i))
                    .flatten();
                text.read(&kinds[i], next, p, holder, &mut nesting);
                i += 1;
                continue;
            }
            if let Some(text) = adopted.take() {
                text.finish(holder);
            }
        }
        let t = p.str();
        match &kinds[i] {
            Kind::Closing => {}
            Kind::Heading => {
                section = Some(trim(t).to_string());
                ops_in_section = 0;
            }
            Kind::Numbered(n, label, len) => {
                let under_unnumbered = part == Part::Operative
                    && unnumbered_ops > 0
                    && operative.last().is_some_and(|c| {
                        current_text(c).trim_end().ends_with(':') || !c.items.is_empty()
                    });
                let preamble_numbered = part == Part::Preamble
                    && !t[*len..].is_empty()
                    && is_numbered_preamble(
                        &t[*len..],
                        preamble.last().is_some_and(|c| whereas(current_text(c))),
                    );
                if under_unnumbered {
                    add_item(
                        &mut operative,
                        &mut nesting,
                        &digit_label(*n, label, *len),
                        None,
                        p,
                    );
                } else if preamble_numbered {
                    nesting = Nesting::new();
                    let id = crate::text::numbered("pp", preamble.len() + 1);
                    preamble.push(clause(id, Some(label.clone()), p, *len, None));
                } else {
                    part = Part::Operative;
                    if let Some(prev) = last_number {
                        if *n != prev + 1 && *n != 1 {
                            diagnostics.push(Diagnostic {
                                severity: Severity::Warning,
                                code: "numbering-gap".into(),
                                message: format!("operative paragraph {n} follows {prev}"),
                                span: p.text.span(0, *len),
                            });
                        }
                    } else if *n != 1 {
                        diagnostics.push(Diagnostic {
                            severity: Severity::Warning,
                            code: "numbering-gap".into(),
                            message: format!("the first operative paragraph is numbered {n}"),
                            span: p.text.span(0, *len),
                        });
                    }
                    last_number = Some(*n);
                    nesting = Nesting::new();
                    let mut c = clause(
                        crate::text::numbered("op", *n as usize),
                        Some(label.clone()),
                        p,
                        *len,
                        section.clone(),
                    );
                    c.section = section.clone();
                    ops_in_section += 1;
                    operative.push(c);
                    // "2. Recommends ... the following draft resolution:" and the draft, quoted.
                    adopted = quoted.get(i + 1).is_some_and(|&q| q).then(Adopted::quoted);
                }
            }
            Kind::Item(label) => {
                let next = next_item_label(i);
                let target = if part == Part::Operative {
                    &mut operative
                } else {
                    &mut preamble
                };
                if target.is_empty() {
                    diagnostics.push(Diagnostic {
                        severity: Severity::Warning,
                        code: "orphan-item".into(),
                        message: format!("item {} comes before any paragraph", label.printed),
                        span: p.text.span(0, label.len),
                    });
                    // Keep its text: it becomes a preambular paragraph of its own.
                    let id = crate::text::numbered("pp", preamble.len() + 1);
                    preamble.push(clause(id, None, p, 0, None));
                } else {
                    add_item(target, &mut nesting, label, next, p);
                }
            }
            // "Resolves that, for 2020:" right before paragraph 1: the operative part's chapeau,
            // neither preambular nor a paragraph of its own (the UN's count agrees).
            Kind::Plain
                if part == Part::Preamble
                    && trim_end(t).ends_with(':')
                    && operative_opener(t)
                    && !announces_text(t)
                    && matches!(kinds.get(i + 1), Some(Kind::Numbered(1, _, _))) =>
            {
                section = Some(trim(t).to_string());
            }
            Kind::Plain => {
                let lower = t.starts_with(crate::text::is_lower);
                let current = if part == Part::Operative {
                    operative.last_mut()
                } else {
                    preamble.last_mut()
                };
                let has_items = current.as_ref().is_some_and(|c| !c.items.is_empty());
                let opener = starts_clause(t);
                if let Some(cur) = current {
                    if lower
                        || (has_items && !opener)
                        || cur
                            .label
                            .as_deref()
                            .is_some_and(|l| current_text(cur).is_empty() && !l.is_empty())
                    {
                        continue_clause(cur, p);
                        i += 1;
                        continue;
                    }
                }
                if part == Part::Preamble
                    && !numbered_ops
                    && is_unnumbered_operative(t, &paras, &kinds, i, closing_at)
                {
                    part = Part::Operative;
                }
                let sectioned = section.is_some() && ops_in_section == 0;
                if part == Part::Operative
                    && sectioned
                    && preamble_opener(t)
                    && !operative_opener(t)
                    && strip_trailing_marker(t).ends_with(',')
                {
                    // A section's own preamble (budget resolutions: "I / Title / Having considered ...,").
                    nesting = Nesting::new();
                    let id = crate::text::numbered("pp", preamble.len() + 1);
                    preamble.push(clause(id, None, p, 0, section.clone()));
                } else if part == Part::Operative
                    && numbered_ops
                    && sectioned
                    && operative_opener(t)
                {
                    // A section's single unnumbered paragraph ("III / ... / Decides to approve ...").
                    nesting = Nesting::new();
                    ops_in_section += 1;
                    operative.push(clause("op".into(), None, p, 0, section.clone()));
                } else if part == Part::Operative {
                    if numbered_ops && !operative.is_empty() {
                        // Text after a numbered paragraph's items, or a stray line.
                        if let Some(cur) = operative.last_mut() {
                            continue_clause(cur, p);
                        }
                    } else {
                        nesting = Nesting::new();
                        unnumbered_ops += 1;
                        ops_in_section += 1;
                        adopted = announces_text(t).then(|| match quoted.get(i + 1) {
                            Some(true) => Adopted::quoted(),
                            _ => Adopted::default(),
                        });
                        let id = crate::text::numbered("op", unnumbered_ops);
                        operative.push(clause(id, None, p, 0, section.clone()));
                    }
                } else {
                    nesting = Nesting::new();
                    let id = crate::text::numbered("pp", preamble.len() + 1);
                    preamble.push(clause(id, None, p, 0, section.clone()));
                }
            }
        }
        i += 1;
    }
    if let (Some(text), Some(holder)) = (adopted.take(), operative.last_mut()) {
        text.finish(holder);
    }
    if unnumbered_ops == 1 && operative.len() == 1 && operative[0].label.is_none() {
        rename(&mut operative[0], "op");
    }
    // Lettered sections whose numbering restarts get section-qualified ids ("opA-3").
    let mut ids: Vec<&str> = operative.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    let restarts = ids.windows(2).any(|w| w[0] == w[1]);
    if restarts {
        for c in &mut operative {
            if let Some(s) = c.section.clone() {
                let letter: String = s
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                // Section letters and numerals ("A", "IV"), never a chapeau's first word.
                if letter.is_empty() || letter.len() > 4 {
                    continue;
                }
                let id = if c.id == "op" {
                    format!("op{letter}")
                } else {
                    crate::text::replace_first(&c.id, "op", &format!("op{letter}-"))
                };
                rename(c, &id);
            }
        }
    }
    for c in preamble.iter_mut().chain(operative.iter_mut()) {
        finish(c);
    }
    let adoption = (closing_at < paras.len())
        .then(|| {
            let rest: Vec<&Mapped> = paras[closing_at..].iter().map(|p| &p.text).collect();
            closing::read(&rest)
        })
        .flatten();
    Built {
        preamble,
        operative,
        adoption,
    }
}

/// "WHEREAS ...," numbered preambles of old drafts (E/CN.4/149).
fn is_numbered_preamble(t: &str, after_numbered_preamble: bool) -> bool {
    let end = trim_end(t);
    let open_end = end.ends_with(',') || end.ends_with("; and");
    (whereas(t) || (preamble_opener(t) && !operative_opener(t)) || after_numbered_preamble)
        && open_end
        && (whereas(t) || after_numbered_preamble || end.ends_with(','))
}

/// Without numbering, the operative part starts at the first group (a paragraph and its
/// items) that opens with a verb and does not end with a comma.
/// `t` is paragraph `i`'s text (passed in: the build loop may have taken it already).
fn is_unnumbered_operative(t: &str, paras: &[Para], kinds: &[Kind], i: usize, end: usize) -> bool {
    if !operative_opener(t) && preamble_opener(t) {
        return false;
    }
    // The group's last text: the last item before the next plain paragraph.
    let mut last = t;
    for j in i + 1..end {
        match kinds[j] {
            Kind::Item(_) | Kind::Numbered(..) if trim_end(t).ends_with(':') => {
                last = paras[j].str()
            }
            _ => break,
        }
    }
    let last = trim_end(last);
    !(last.ends_with(',') || last.ends_with(",”"))
}

/// "Adopts the following political declaration:", "Recommends ... the following measures:": an
/// unnumbered operative paragraph that introduces a text, which the paragraphs after it give.
fn announces_text(t: &str) -> bool {
    strip_trailing_marker(t).ends_with(':') && crate::text::find_str(t, "the following").is_some()
}

/// A text quoted inside the operative paragraph that announces it, each of its paragraphs opening with a
/// quotation mark (ECOSOC: "2. Recommends to the General Assembly the adoption of the following
/// draft resolution:", then "“Open-ended intergovernmental expert group", "“The General
/// Assembly,", "“Recalling ...,", "“1. Decides ...;"): the opening marks (and the spaces after
/// them) are dropped, so that the paragraphs read as the labels and phrases they are, and so is
/// the closing mark at its end. `true` for each paragraph of such a text.
fn unquote_adopted_texts(paras: &mut [Para]) -> Vec<bool> {
    let mut quoted = vec![false; paras.len()];
    for i in 1..paras.len() {
        if !opens_quote(paras[i].str()) {
            continue;
        }
        // The text goes on, or an operative paragraph announces it ("Recommends ...", "2. Adopts
        // ..."), not a preambular one that quotes ("Recalling the following statement:"), whose
        // quotation marks stay.
        let prev = paras[i - 1].str();
        if quoted[i - 1] || {
            let body = op_label(prev).map_or(prev, |(_, _, len)| trim_start(&prev[len..]));
            announces_text(prev) && operative_opener(body)
        } {
            quoted[i] = true;
            let t = paras[i].str();
            // A copy from after the mark (`Mapped::drop_front` stays inlined in `clause`, its
            // one caller, where every paragraph goes: a second caller cost the .wasm 4 %).
            let mut rest = Mapped::new();
            rest.push_mapped(&paras[i].text, t.len() - after_quote(t).len(), t.len());
            paras[i].text = rest;
        }
    }
    // The quotation closes at the end of its last paragraph ("... support the group.”").
    for i in 0..paras.len() {
        if quoted[i] && !quoted.get(i + 1).is_some_and(|&q| q) {
            let t = trim_end(paras[i].str());
            let closes = match t.chars().next_back() {
                Some('”') => quote_balance(t) < 0,
                Some('"') => t.bytes().filter(|&b| b == b'"').count() % 2 == 1,
                _ => false,
            };
            if closes {
                let len = t.len() - t.chars().next_back().map_or(0, char::len_utf8);
                paras[i].text.truncate(len);
            }
        }
    }
    quoted
}

/// The length of the quotation mark `t` opens with, straight or curly (“ is E2 80 9C in
/// UTF-8); 0 without one. On bytes: asked for every line.
#[inline(always)]
fn quote_mark_len(t: &str) -> usize {
    match t.as_bytes() {
        [b'"', ..] => 1,
        [0xE2, 0x80, 0x9C, ..] => 3,
        _ => 0,
    }
}

/// Does `t` open with a quotation mark?
#[inline(always)]
fn opens_quote(t: &str) -> bool {
    quote_mark_len(t) > 0
}

/// `t` after its opening quotation mark and the spaces after it (all of `t` without one).
fn after_quote(t: &str) -> &str {
    match quote_mark_len(t) {
        0 => t,
        n => trim_start(&t[n..]),
    }
}

/// The text an unnumbered paragraph adopts, read paragraph by paragraph into that paragraph
/// (`holder`) (A/RES/74/3: "Adopts the following political declaration ...:", then its title,
/// "1. We, Heads of State and Government ...", headings such as "Call for action", its own
/// lettered lists). Its numbered paragraphs are `holder`'s items (their numbering is the
/// declaration's, not the resolution's); its unnumbered ones ("We therefore commit to ...:")
/// are items without a label, which lettered items then nest under; its title and headings are
/// the `section` of the items after them; a paragraph in lower case continues the last item.
/// The text ends at the closing lines or at an operative paragraph the lexicon knows.
#[derive(Default)]
struct Adopted {
    /// The title or heading the next items fall under, and whether an item has taken it:
    /// headings in a row ("Political Declaration of ..." then "Preamble") are joined, and one
    /// no item took is kept as an item of its own.
    heading: Option<Para>,
    heading_taken: bool,
    /// Items without a label so far: their ids are "op-p1", "op-p2", ...
    unlabelled: usize,
    /// Quoted ([`unquote_adopted_texts`]): the text ends where the quotation marks do, and
    /// the paragraph that announces it may be numbered.
    quoted: bool,
}

impl Adopted {
    fn quoted() -> Self {
        Adopted {
            quoted: true,
            ..Adopted::default()
        }
    }

    fn read(
        &mut self,
        kind: &Kind,
        next: Option<&ItemLabel>,
        p: &mut Para,
        holder: &mut Clause,
        nesting: &mut Nesting,
    ) {
        let t = p.str();
        let direct_items = holder.items.len();
        match kind {
            Kind::Closing => {}
            Kind::Plain if t.starts_with(crate::text::is_lower) => {
                continue_clause(last_leaf(holder), p);
            }
            Kind::Heading => self.set_heading(p),
            // (A short title is a `Kind::Heading` already.)
            Kind::Plain if self.is_title(t, holder) => self.set_heading(p),
            Kind::Plain => {
                nesting.unlabelled();
                self.push_unlabelled(holder, p);
            }
            Kind::Numbered(n, printed, len) => {
                *nesting = Nesting::new();
                let label = digit_label(*n, printed, *len);
                add_item(std::slice::from_mut(holder), nesting, &label, None, p);
            }
            Kind::Item(label) => {
                add_item(std::slice::from_mut(holder), nesting, label, next, p);
            }
        }
        // A new direct item falls under the current heading (nested ones under their parent).
        if holder.items.len() > direct_items {
            if let (Some(item), Some(h)) = (holder.items.last_mut(), &self.heading) {
                item.section = Some(trim(h.str()).to_string());
                self.heading_taken = true;
            }
        }
    }

    /// The adopted text's own title, right after the paragraph that adopts it: longer than a
    /// heading ("Political declaration of the high-level meeting to review progress made in
    /// addressing the priorities of small island developing States through the implementation
    /// of the SIDS Accelerated Modalities of Action (SAMOA) Pathway"), without a comma or
    /// closing punctuation.
    fn is_title(&self, t: &str, holder: &Clause) -> bool {
        holder.items.is_empty() && self.heading.is_none() && Self::is_title_line(t)
    }

    fn is_title_line(t: &str) -> bool {
        let t = trim(t);
        t.len() < 300 && t.starts_with(crate::text::is_upper) && !ends_clause(t) && !t.contains(',')
    }

    fn set_heading(&mut self, p: &mut Para) {
        match &mut self.heading {
            Some(h) if !self.heading_taken => join(&mut h.text, &p.text),
            _ => {
                self.heading = Some(std::mem::take(p));
                self.heading_taken = false;
            }
        }
    }

    fn push_unlabelled(&mut self, holder: &mut Clause, p: &mut Para) {
        self.unlabelled += 1;
        let id = format!("{}-p{}", holder.id, self.unlabelled);
        holder.items.push(clause(id, None, p, 0, None));
    }

    /// The end of the text: a heading no item took becomes an item, so no text is lost.
    fn finish(mut self, holder: &mut Clause) {
        if let Some(mut h) = self.heading.take().filter(|_| !self.heading_taken) {
            self.push_unlabelled(holder, &mut h);
        }
    }
}

/// The clause that text continuing `c` belongs to: its last item, at the deepest level.
fn last_leaf(c: &mut Clause) -> &mut Clause {
    match c.items.len() {
        0 => c,
        n => last_leaf(&mut c.items[n - 1]),
    }
}

/// The item label of an operative number read under an unnumbered paragraph ("1." → key "1").
fn digit_label(n: u32, printed: &str, len: usize) -> ItemLabel {
    ItemLabel {
        printed: printed.to_string(),
        key: n.to_string(),
        letter: None,
        roman: None,
        digit: Some(n),
        paren: false,
        len,
    }
}

/// A clause from paragraph `p` (whose text it takes), without its label. Its `text` is filled
/// in by [`finish`] and annotation from `source`, so the text is never copied twice.
fn clause(
    id: String,
    label: Option<String>,
    p: &mut Para,
    label_len: usize,
    section: Option<String>,
) -> Clause {
    let t = p.str();
    let body_start = label_len.min(t.len());
    let end = body_start + trim_end(&t[body_start..]).len();
    let span = p.text.extent(0, end.max(body_start));
    let mut mapped = std::mem::take(&mut p.text);
    mapped.truncate(end);
    mapped.drop_front(body_start);
    Clause {
        id,
        label,
        phrase: None,
        text: String::new(),
        span,
        items: Vec::new(),
        continuation: None,
        section,
        addressee: Vec::new(),
        mandate: None,
        inlines: Vec::new(),
        source: Some(mapped),
    }
}

/// The clause's text as built so far (`text` itself is only set by [`finish`], so that
/// appending paragraphs never recopies it).
fn current_text(c: &Clause) -> &str {
    c.source
        .as_ref()
        .map_or(c.text.as_str(), |m| m.text.as_str())
}

fn continue_clause(c: &mut Clause, p: &Para) {
    let t = trim_end(p.str());
    let span = p.text.extent(0, t.len());
    c.span = c.span.cover(span);
    if c.items.is_empty() && c.continuation.is_none() {
        let m = c.source.get_or_insert_with(Mapped::new);
        if trim(&m.text).is_empty() {
            *m = Mapped::new();
            m.push_mapped(&p.text, 0, t.len());
        } else {
            join(m, &p.text);
        }
    } else {
        let cont = c.continuation.get_or_insert_with(String::new);
        if !cont.is_empty() {
            cont.push(' ');
        }
        cont.push_str(t);
    }
}

fn add_item<'a>(
    target: &'a mut [Clause],
    nesting: &mut Nesting,
    label: &ItemLabel,
    next: Option<&ItemLabel>,
    p: &mut Para,
) -> Option<&'a mut Clause> {
    let parent = target.last_mut()?;
    let depth = nesting.place(label, next).min(MAX_DEPTH);
    let mut holder = parent;
    for _ in 0..depth {
        if holder.items.is_empty() {
            break;
        }
        let last = holder.items.len() - 1;
        holder = &mut holder.items[last];
    }
    let mut id = format!("{}-{}", holder.id, label.key);
    if holder.items.iter().any(|c| c.id == id) {
        id = format!("{id}-{}", holder.items.len() + 1);
    }
    let c = clause(id, Some(label.printed.clone()), p, label.len, None);
    holder.items.push(c);
    holder.items.last_mut()
}

fn rename(c: &mut Clause, id: &str) {
    let old = std::mem::replace(&mut c.id, id.to_string());
    for item in &mut c.items {
        let new = crate::text::replace_first(&item.id, &old, id);
        rename(item, &new);
    }
}

/// Set the final text (trimmed, with its mapping) and the span covering the items.
fn finish(c: &mut Clause) {
    if let Some(m) = c.source.take() {
        let end = m
            .text
            .trim_end_matches(|c: char| c.is_whitespace() || c == '\u{ad}')
            .len();
        let m = if end == m.text.len() {
            m
        } else {
            let mut trimmed = Mapped::new();
            trimmed.push_mapped(&m, 0, end);
            trimmed
        };
        c.source = Some(m);
    }
    for item in &mut c.items {
        finish(item);
        c.span = c.span.cover(item.span);
    }
}

/// The mapping of a clause's text back into the input (taken by annotation).
pub fn clause_mapping(c: &mut Clause) -> Mapped {
    match c.source.take() {
        Some(m) => m,
        None => {
            let mut fallback = Mapped::new();
            fallback.push_synthetic(&c.text, c.span.start);
            fallback
        }
    }
}

#[cfg(test)]
mod tests {
    /// Text as pdftotext gives it: no blank lines, so a paragraph ends where a line ends with
    /// a comma and the next opens a clause.
    fn counts(text: &str) -> (usize, usize) {
        let doc = crate::parse(text);
        (doc.preamble.len(), doc.operative.len())
    }

    #[test]
    fn quote_balance_counts_curly_quotes_wherever_the_eight_byte_words_fall() {
        // A title as A/C.2/80/L.3 quotes it (“Transforming our world: the 2030 Agenda ...”),
        // shifted across an 8-byte word, so that a quote falls at every position of a word,
        // across two words, and in the last bytes.
        let title = "entitled “Transforming our world: the 2030 Agenda”";
        for pad in 0..9 {
            let line = format!("{}{title}", " ".repeat(pad));
            assert_eq!(super::quote_balance(&line), 0, "should balance {line:?}");
            let open = format!("{}the “Pact for the Future", " ".repeat(pad));
            assert_eq!(
                super::quote_balance(&open),
                1,
                "should count one opening in {open:?}"
            );
            let close = format!("{}Future”, and “", " ".repeat(pad));
            assert_eq!(
                super::quote_balance(&close),
                0,
                "should count both in {close:?}"
            );
            let cut = format!("{}Future”’", " ".repeat(pad));
            assert_eq!(
                super::quote_balance(&cut),
                -1,
                "should not count ’ in {cut:?}"
            );
        }
        let dashes = "States — all of them — and others—";
        assert_eq!(
            super::quote_balance(dashes),
            0,
            "should count no dash (E2 80 94)"
        );
    }

    #[test]
    fn a_noun_in_s_after_a_comma_continues_the_paragraph() {
        // A/RES/74/305 and A/RES/74/176, re-wrapped: names of bodies and treaties break after
        // a comma (or ", and") at a word in "s" that is no verb.
        let text = "The General Assembly,\n\
            Commending the efforts of the World Health Organization, the United Nations\n\
            Children’s Fund, the RBM Partnership to End Malaria, the Global Fund to Fight AIDS,\n\
            Tuberculosis and Malaria, the World Bank and other partners to fight malaria over the\n\
            years,\n\
            Recalling the Supplementary Convention on the Abolition of Slavery, the Slave Trade, and\n\
            Institutions and Practices Similar to Slavery,\n\
            1. Welcomes the report;\n";
        assert_eq!(
            counts(text),
            (2, 1),
            "should keep each name in its paragraph"
        );
        for verb in ["Emphasizes", "Requests", "Decides", "Also stresses"] {
            assert!(
                super::operative_opener(verb),
                "should still read {verb:?} as an operative verb"
            );
        }
        for noun in [
            "Tuberculosis",
            "Consensus",
            "Institutions",
            "Statistics",
            "Ideas",
        ] {
            assert!(
                !super::operative_opener(noun),
                "should not read {noun:?} as a verb"
            );
        }
    }

    #[test]
    fn a_title_broken_after_a_comma_stays_in_its_paragraph() {
        // A/RES/74/40 and A/RES/74/226 at 50 columns, A/RES/75/28 at 85: a title's words look
        // like openers; an opener the lexicon does not know still opens its paragraph.
        let text = "The General Assembly,\n\
            Recalling the Convention on the Prohibition of the Development, Production,\n\
            Stockpiling and Use of Chemical Weapons and on Their Destruction,\n\
            Welcoming the Convention to Combat Desertification in Those Countries\n\
            Experiencing Serious Drought and/or Desertification,\n\
            Particularly in Africa,\n\
            Welcoming the Secretary-General’s disarmament agenda,\n\
            Securing Our Common Future,\n\
            Commemorating the twenty-fifth anniversary of the Declaration,\n\
            1. Welcomes the report;\n";
        let doc = crate::parse(text);
        let openings: Vec<&str> = doc
            .preamble
            .iter()
            .map(|c| c.text.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(
            openings,
            ["Recalling", "Welcoming", "Welcoming", "Commemorating"],
            "should keep each title in its paragraph and open one at an unknown -ing word"
        );
    }

    #[test]
    fn a_bare_part_label_after_a_title_opens_the_part() {
        // A/RES/75/245, re-wrapped: a section title, then "A" and its title on lines of their own.
        let text = "The General Assembly,\n\
            Recalling its resolutions,\n\
            1. Invites the Secretary-General to make every effort;\n\
            Conditions of service of staff in the Professional and higher categories\n\
            A\n\
            Base/floor salary scale\n\
            Recalling its resolution 44/198,\n\
            Approves the revised unified base/floor salary scale;\n\
            B\n\
            Evolution of the margin\n\
            1. Reaffirms the range;\n";
        let doc = crate::parse(text);
        let ids: Vec<&str> = doc.operative.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["op1", "opA", "opB-1"],
            "should open part A at its bare label"
        );
        let sections: Vec<Option<&str>> =
            doc.preamble.iter().map(|c| c.section.as_deref()).collect();
        assert_eq!(
            sections,
            [None, Some("A Base/floor salary scale")],
            "should read part A's own preambular paragraph, under its title"
        );
    }

    #[test]
    fn a_bare_part_label_before_a_clause_is_a_part_without_a_title() {
        // S/RES/82 (1950), as the UN's resolution volumes print it: parts I to III of
        // unnumbered paragraphs, each label alone on its line, with no title.
        let text = "The Security Council,\n\n\
            Noting with grave concern the armed attack on the\n\
            Republic of Korea by forces from North Korea,\n\n\
            Determines that this action constitutes a breach of the\n\
            peace; and\n\n\
            I\n\n\
            Calls for the immediate cessation of hostilities ;\n\n\
            Calls upon the authorities in North Korea to withdraw\n\
            forthwith their armed forces to the 38th parallel;\n\n\
            II\n\n\
            Requests the United Nations Commission on Korea:\n\n\
            (a) To communicate its fully considered recommendations;\n\n\
            (c) To keep the Security Council informed on the\n\
            execution of this resolution:\n\n\
            III\n\n\
            Calls upon all Member States to render every assistance\n\
            to the United Nations in the execution of this resolution.\n";
        let doc = crate::parse(text);
        let parts: Vec<(Option<&str>, &str)> = doc
            .operative
            .iter()
            .map(|c| (c.section.as_deref(), c.text.split(' ').next().unwrap_or("")))
            .collect();
        assert_eq!(
            parts,
            [
                (None, "Determines"),
                (Some("I"), "Calls"),
                (Some("I"), "Calls"),
                (Some("II"), "Requests"),
                (Some("III"), "Calls"),
            ],
            "should read each bare label as the part of the paragraphs under it, not as their text"
        );
        // A title under a bare label stays the part's title, even when it starts with a word
        // the phrase lexicon knows (A/RES/74/263's sections).
        let text = "The General Assembly,\n\n\
            I\n\
            Revised estimates resulting from resolutions and decisions of the Council\n\n\
            Having considered the report of the Secretary-General,\n\n\
            1. Approves the revised estimates;\n";
        let doc = crate::parse(text);
        assert_eq!(
            doc.preamble.first().and_then(|c| c.section.as_deref()),
            Some("I Revised estimates resulting from resolutions and decisions of the Council"),
            "should keep a title that opens with a known word as the part's title"
        );
    }

    #[test]
    fn a_number_misread_as_a_letter_is_still_the_number() {
        // S/RES/713 (1991), OCR: "5." printed as "S." between paragraphs 4 and 6.
        let text = "The Security Council,\n\n\
            Recalling its primary responsibility,\n\n\
            4. Strongly urges all parties to abide strictly by the cease-fire agreements;\n\n\
            S. Appeals urgently to and encourages all parties io settle\n\
            their disputes peacefully;\n\n\
            6. Decides to remain seized of the matter.\n";
        let doc = crate::parse(text);
        let ops: Vec<(&str, Option<&str>)> = doc
            .operative
            .iter()
            .map(|c| (c.id.as_str(), c.label.as_deref()))
            .collect();
        assert_eq!(
            ops,
            [
                ("op4", Some("4.")),
                ("op5", Some("S.")),
                ("op6", Some("6."))
            ],
            "should read \"S.\" as paragraph 5, keeping the printed label"
        );
        assert!(
            doc.diagnostics.iter().any(|d| d.code == "ocr-number"),
            "should say that it read a letter as a digit"
        );
        // Not a letter that is no digit's look-alike, nor one out of sequence.
        for other in ["A. Appeals urgently;", "l. Appeals urgently;"] {
            let doc = crate::parse(&text.replace("S. Appeals urgently", other));
            assert!(
                !doc.operative.iter().any(|c| c.id == "op5")
                    && !doc.diagnostics.iter().any(|d| d.code == "ocr-number"),
                "should not read {other:?} as paragraph 5"
            );
        }
    }

    #[test]
    fn a_declaration_the_resolution_adopts_is_the_adopting_paragraph_s_text() {
        // A/RES/74/3 and A/RES/74/2 (2019), shortened: one unnumbered paragraph adopts a
        // declaration whose own numbered paragraphs, headings and lettered lists follow.
        let text = "The General Assembly\n\n\
            Adopts the following political declaration approved by the high-level meeting:\n\n\
            Political declaration of the high-level meeting to review progress made in \
            addressing the priorities of small island developing States through the \
            implementation of the SIDS Accelerated Modalities of Action (SAMOA) Pathway\n\n\
            1. We, Heads of State and Government, gathered at the United Nations on 27 \
            September 2019, declare our commitment;\n\n\
            2. We reaffirm that the Samoa Pathway is a stand-alone framework;\n\n\
            Call for action\n\n\
            3. We call upon:\n\n\
            (a) All entities of the United Nations system to integrate these priorities;\n\n\
            (b) The World Health Organization to support the implementation;\n\n\
            We therefore commit to scale up our efforts and implement the following actions:\n\n\
            (a) To progressively cover 1 billion additional people by 2023;\n\n\
            4. We request the Secretary-General to report back.\n\n\
            14th plenary meeting\n\
            10 October 2019\n";
        // As given, and as pdftotext gives it (no blank lines: the title must still end the
        // adopting paragraph, whose colon otherwise lets only labels open a paragraph).
        for text in [text.to_string(), text.replace("\n\n", "\n")] {
            let doc = crate::parse(&text);
            assert_eq!(
                doc.operative.len(),
                1,
                "should keep one operative paragraph, the adopting one"
            );
            let adopts = &doc.operative[0];
            assert_eq!(adopts.id, "op");
            let items: Vec<(&str, Option<&str>, Option<&str>, usize)> = adopts
                .items
                .iter()
                .map(|c| {
                    let section = c.section.as_deref().map(|s| &s[..s.len().min(21)]);
                    (c.id.as_str(), c.label.as_deref(), section, c.items.len())
                })
                .collect();
            assert_eq!(
                items,
                [
                    ("op-1", Some("1."), Some("Political declaration"), 0),
                    ("op-2", Some("2."), Some("Political declaration"), 0),
                    ("op-3", Some("3."), Some("Call for action"), 2),
                    ("op-p1", None, Some("Call for action"), 1),
                    ("op-4", Some("4."), Some("Call for action"), 0),
                ],
                "should make the declaration's paragraphs the adopting paragraph's items, its \
                 headings their sections, and nest lettered lists under the paragraph before them"
            );
            assert_eq!(adopts.items[3].items[0].id, "op-p1-a");
            assert!(
                doc.diagnostics.is_empty(),
                "should neither restart the operative numbering nor ask for phrases: {:?}",
                doc.diagnostics
            );
            assert_eq!(
                doc.adoption.as_ref().map(|a| a.meeting.as_deref()),
                Some(Some("14th plenary meeting")),
                "should still end the text at the closing lines"
            );
        }
    }

    #[test]
    fn a_draft_quoted_in_a_numbered_paragraph_is_that_paragraph_s_items() {
        // An ECOSOC resolution recommending a draft to the General Assembly, in the UN's layout
        // of a quoted text: every paragraph of the draft reopens the quotation.
        let text = "The Economic and Social Council,\n\n\
            Recalling its resolution 2023/5 of 7 June 2023,\n\n\
            1. Takes note of the report of the expert group;\n\n\
            2. Recommends to the General Assembly the adoption of the following draft \
            resolution:\n\n\
            “Open-ended intergovernmental expert group\n\n\
            “The General Assembly,\n\n\
            “Recalling its resolution 78/230 of 22 December 2023,\n\n\
            “1. Decides to convene the expert group in 2025;\n\n\
            “2. Requests the Secretary-General to support the group.”\n\n\
            3. Decides to remain seized of the matter.\n";
        // As given, and as pdftotext gives it (no blank lines).
        for text in [text.to_string(), text.replace("\n\n", "\n")] {
            let doc = crate::parse(&text);
            let ids: Vec<&str> = doc.operative.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(
                ids,
                ["op1", "op2", "op3"],
                "should keep the resolution's own paragraphs, the draft's inside op2"
            );
            let recommends = &doc.operative[1];
            assert!(
                recommends.text.ends_with("draft resolution:"),
                "{}",
                recommends.text
            );
            let items: Vec<(&str, Option<&str>, &str)> = recommends
                .items
                .iter()
                .map(|c| {
                    (
                        c.id.as_str(),
                        c.label.as_deref(),
                        &c.text[..c.text.len().min(24)],
                    )
                })
                .collect();
            assert_eq!(
                items,
                [
                    ("op2-p1", None, "The General Assembly,"),
                    ("op2-p2", None, "Recalling its resolution"),
                    ("op2-1", Some("1."), "Decides to convene the e"),
                    ("op2-2", Some("2."), "Requests the Secretary-G"),
                ],
                "should make the draft's paragraphs items, read without their quotation marks"
            );
            assert_eq!(
                recommends.items[3].text, "Requests the Secretary-General to support the group.",
                "should drop the quotation's closing mark too"
            );
            let p2 = &recommends.items[1];
            assert_eq!(
                &text[p2.span.start..p2.span.start + 9],
                "Recalling",
                "an item's span should start after its quotation mark"
            );
            assert!(
                recommends
                    .items
                    .iter()
                    .all(|c| c.section.as_deref()
                        == Some("Open-ended intergovernmental expert group")),
                "should give the draft's title as the section of its paragraphs"
            );
            let phrases: Vec<Option<(&str, Option<&str>)>> = recommends
                .items
                .iter()
                .map(|c| {
                    let p = c.phrase.as_ref()?;
                    Some((p.text.as_str(), p.category.as_deref()))
                })
                .collect();
            assert_eq!(
                phrases,
                [
                    None,
                    Some(("Recalling", Some("recalling"))),
                    Some(("Decides", Some("decision"))),
                    Some(("Requests", Some("request"))),
                ],
                "should read the draft's paragraphs' leading phrases, preambular or operative"
            );
            assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        }
        // A preambular paragraph that quotes keeps its quotation marks.
        let doc = crate::parse(
            "The General Assembly,\n\nRecalling the following statement:\n\n\
             “We resolve to act,”\n\n1. Decides to act.\n",
        );
        assert!(
            doc.clauses().any(|c| c.text.starts_with('“')),
            "should leave a quotation outside operative paragraphs as it is"
        );
    }

    #[test]
    fn an_adopted_text_ends_at_an_operative_paragraph_and_keeps_its_last_heading() {
        // S/RES/54 (1948): a list announced by "the following steps:" and then two more
        // operative paragraphs of the resolution's own.
        let text = "The Security Council,\n\n\
            Calls upon the parties concerned to take the following steps:\n\n\
            (a) To desist from further military action;\n\n\
            (b) To issue cease-fire orders to their military and para-military forces;\n\n\
            Requests the Secretary-General to provide the Mediator with the necessary staff;\n\n\
            Decides that the truce shall remain in force.\n\n\
            338th meeting\n";
        let doc = crate::parse(text);
        let ops: Vec<(&str, usize)> = doc
            .operative
            .iter()
            .map(|c| (c.id.as_str(), c.items.len()))
            .collect();
        assert_eq!(
            ops,
            [("op1", 2), ("op2", 0), ("op3", 0)],
            "should end the list at the next operative paragraph the lexicon knows"
        );
        // A/RES/70/1, shortened: a title, a heading in a row, and a heading at the very end.
        let text = "The General Assembly,\n\n\
            Adopts the following outcome document of the United Nations summit:\n\n\
            Transforming our world: the 2030 Agenda for Sustainable Development\n\n\
            I. Declaration\n\n\
            1. We, the Heads of State and Government, have decided on new global Goals;\n\n\
            The way forward\n\n\
            4th plenary meeting\n";
        let doc = crate::parse(text);
        let items: Vec<(&str, Option<&str>, &str)> = doc.operative[0]
            .items
            .iter()
            .map(|c| {
                (
                    c.id.as_str(),
                    c.section.as_deref(),
                    &c.text[..c.text.len().min(15)],
                )
            })
            .collect();
        assert_eq!(
            items,
            [
                (
                    "op-1",
                    Some("Transforming our world: the 2030 Agenda for Sustainable Development I. Declaration"),
                    "We, the Heads o"
                ),
                ("op-p1", None, "The way forward"),
            ],
            "should join headings in a row and keep a last heading as an item, losing no text"
        );
    }

    #[test]
    fn a_name_in_ing_after_a_comma_does_not_open_a_paragraph() {
        // A list of initiatives broken at a name in -ing the lexicon must not know as a verb.
        let text = "The General Assembly,\n\
            Recalling its resolution 70/1,\n\
            Welcoming the work of the Global Education Coalition, the Education Cannot Wait fund,\n\
            Learning Passport and other initiatives of UNESCO,\n\
            Noting the report of the Secretary-General,\n\
            1. Requests the Secretary-General to report.\n";
        assert_eq!(
            counts(text),
            (3, 1),
            "should keep \"Learning Passport\" in its paragraph"
        );
    }

    #[test]
    fn a_restarted_numbering_gets_unique_ids() {
        let doc = crate::parse(
            "The General Assembly,\n\n1. Decides:\n(a) one;\n(b) two;\n\n2. Requests more;\n\n1. Decides again:\n(a) three;\n(b) four;\n",
        );
        let ids: Vec<&str> = doc.clauses().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["op1", "op1-a", "op1-b", "op2", "op1.2", "op1.2-a", "op1.2-b"],
            "should number the second run op1.2, its items following"
        );
        let warnings: Vec<&str> = doc
            .diagnostics
            .iter()
            .filter(|d| d.code == "duplicate-id")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            warnings.len(),
            1,
            "should warn once, for the paragraph: {warnings:?}"
        );
        assert!(
            warnings[0].ends_with("this one is op1.2"),
            "should name the new id"
        );
    }
}
