//! Footnote blocks: lifted out of the flow wherever a page break put them.
//!
//! Grammar (a footnote region, after [`crate::lines`] has classified the lines):
//!
//! ```text
//! region   = [ separator ] { entry | furniture | page-number } (page-break | blank | end)
//! entry    = mark ws text { continuation }        ; "* On behalf of ...", "4 International ..."
//!          | mark                                 ; "1" alone: its text comes later
//!          | text                                 ; text whose number comes later (or came before)
//! mark     = "*" | "**" | "***" | 1*3DIGIT [ "/" ]      ; "1/ S/25046." (1970s-1990s)
//! ```
//!
//! A real excerpt (E/2025/L.7: numbers before the job number, their texts after it):
//!
//! ```text
//! __________________
//! 1
//! 2
//! 25-08161 (E)
//! General Assembly resolution 70/1.
//! General Assembly resolution 79/1.
//! 290525
//! ```
//!
//! Traps: a region opens at a `____` rule, at an asterisk line after a blank line, or at the next
//! expected footnote number shortly before a page break; it runs through the page furniture
//! that follows, but not past the next page's running header. Bare numbers that repeat a mark
//! already used are page numbers. Marks and texts are paired in reading order, runs of bare
//! marks with the texts that follow them, and trailing marks with texts left over before them
//! (A/RES/78/323 prints texts first, their numbers last).

use crate::lines::{Line, LineKind};
use crate::model::{Diagnostic, Footnote, Severity, Span};
use crate::text::{trim, trim_end, trim_start};
use crate::text::{Mapped, MONTHS};
use std::collections::VecDeque;

/// A footnote mark as a table slot. Marks are what the parser reads as marks: 1-3 ASCII digits
/// or 1-3 asterisks ("*" is slot 0 of its own table, "12" is 12); anything else, "0012" and
/// "+5" included, has no slot, so [`MarkSet`] never contains it and [`MarkIndex`] never finds it.
enum Slot {
    Stars(usize),
    Number(usize),
}

fn slot(mark: &str) -> Option<Slot> {
    let b = mark.as_bytes();
    if b.is_empty() || b.len() > 3 {
        return None;
    }
    if b.iter().all(|&c| c == b'*') {
        return Some(Slot::Stars(b.len() - 1));
    }
    if !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(Slot::Number(
        b.iter().fold(0, |n, &c| n * 10 + usize::from(c - b'0')),
    ))
}

/// The footnote marks seen so far. Marks are 1-3 digits or 1-3 asterisks, so a bit set of
/// 1000 numbers answers in constant time, lives on the stack (it is made for every footnote
/// region) and keeps hash tables out of the .wasm.
#[derive(Clone)]
pub struct MarkSet {
    numbers: [u64; 16],
    stars: [bool; 3],
}

impl MarkSet {
    pub fn new() -> Self {
        MarkSet {
            numbers: [0; 16],
            stars: [false; 3],
        }
    }

    pub fn insert(&mut self, mark: &str) {
        match slot(mark) {
            Some(Slot::Stars(i)) => self.stars[i] = true,
            Some(Slot::Number(n)) => self.numbers[n / 64] |= 1 << (n % 64),
            None => {}
        }
    }

    pub fn contains(&self, mark: &str) -> bool {
        match slot(mark) {
            Some(Slot::Stars(i)) => self.stars[i],
            Some(Slot::Number(n)) => self.numbers[n / 64] & (1 << (n % 64)) != 0,
            None => false,
        }
    }
}

/// From a footnote mark to the first footnote with that mark, in constant time. The number
/// table is as long as the largest numeric mark (a document with notes 1-20 allocates 21
/// entries, not 1000).
pub struct MarkIndex {
    numbers: Vec<u32>,
    stars: [u32; 3],
}

impl MarkIndex {
    const NONE: u32 = u32::MAX;

    pub fn new<'a>(marks: impl IntoIterator<Item = &'a str>) -> Self {
        let mut idx = MarkIndex {
            numbers: Vec::new(),
            stars: [Self::NONE; 3],
        };
        for (i, m) in marks.into_iter().enumerate() {
            let entry = match slot(m) {
                Some(Slot::Stars(s)) => &mut idx.stars[s],
                Some(Slot::Number(n)) => {
                    if idx.numbers.len() <= n {
                        idx.numbers.resize(n + 1, Self::NONE);
                    }
                    &mut idx.numbers[n]
                }
                None => continue,
            };
            if *entry == Self::NONE {
                *entry = u32::try_from(i).unwrap_or(Self::NONE);
            }
        }
        idx
    }

    pub fn get(&self, mark: &str) -> Option<usize> {
        let entry = match slot(mark)? {
            Slot::Stars(s) => self.stars[s],
            Slot::Number(n) => *self.numbers.get(n)?,
        };
        (entry != Self::NONE).then_some(entry as usize)
    }
}

impl Default for MarkSet {
    fn default() -> Self {
        MarkSet::new()
    }
}

/// How far before a page break (in kept lines) a footnote block may start.
const WINDOW: usize = 30;

/// Lift footnote regions out of `lines`; return the body lines (with `blank_before` and
/// `break_before` set) and the footnotes in order of appearance.
pub fn lift(
    _input: &str,
    lines: Vec<Line>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Line>, Vec<Footnote>) {
    let n = lines.len();
    // Index of the next break (furniture line, form feed, or end) at or after each line.
    let mut next_break = vec![n; n + 1];
    for i in (0..n).rev() {
        let is_break = lines[i].kind == LineKind::Furniture || lines[i].form_feed;
        next_break[i] = if is_break { i } else { next_break[i + 1] };
    }
    let counts = Counts::new(&lines);
    let mut in_region = vec![false; n];
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut used = MarkSet::new();
    let mut expected: u32 = 1;
    let mut i = 0;
    while i < n {
        let line = &lines[i];
        let start = match line.kind {
            LineKind::Separator => Some(Trigger::Rule),
            LineKind::Content | LineKind::Number => {
                region_trigger(&lines, i, expected, &next_break, &counts)
            }
            _ => None,
        };
        let Some(trigger) = start else {
            i += 1;
            continue;
        };
        let end = region_end(&lines, i, trigger, &next_break, &counts);
        for flag in &mut in_region[i..end] {
            *flag = true;
        }
        let entries = read_entries(&lines[i..end], &used, expected);
        pair(
            entries,
            &mut footnotes,
            &mut used,
            &mut expected,
            diagnostics,
        );
        i = end;
    }
    let mut body = Vec::with_capacity(n);
    let mut blank = false;
    let mut brk = false;
    for (i, mut line) in lines.into_iter().enumerate() {
        if in_region[i] {
            brk = true;
            continue;
        }
        match line.kind {
            LineKind::Blank => blank = true,
            LineKind::Furniture | LineKind::Separator => brk = true,
            LineKind::Number if is_page_number(&body, i, &next_break, &used, &line) => brk = true,
            LineKind::Content | LineKind::Number => {
                line.blank_before = blank;
                line.break_before = brk || line.form_feed;
                blank = false;
                brk = false;
                body.push(line);
            }
        }
    }
    (body, footnotes)
}

/// A bare number outside a footnote region right before or after furniture is a page number.
fn is_page_number(
    _body: &[Line],
    i: usize,
    next_break: &[usize],
    used: &MarkSet,
    line: &Line,
) -> bool {
    let near_next = next_break[i] <= i + 2;
    near_next || used.contains(line.str()) || line.form_feed
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trigger {
    /// A `____` rule.
    Rule,
    /// An asterisk footnote inside the flow (a paragraph of its own).
    Paragraph,
    /// Footnotes at the foot of a page (up to the page break).
    PageFoot,
}

/// Prefix counts, so that every question about "the lines from here to the page break" is
/// answered in constant time (the lifter stays linear on pathological input).
struct Counts {
    /// Content lines before index i.
    content: Vec<usize>,
    /// Blank lines before index i.
    blank: Vec<usize>,
    /// Lines before index i that cannot continue a footnote block: an unmarked line after a
    /// finished one (see [`all_footnote_like`]).
    not_note: Vec<usize>,
}

impl Counts {
    fn new(lines: &[Line]) -> Self {
        let n = lines.len();
        let mut content = vec![0; n + 1];
        let mut blank = vec![0; n + 1];
        let mut not_note = vec![0; n + 1];
        let mut prev_done = true;
        for (i, l) in lines.iter().enumerate() {
            let is_content = l.kind == LineKind::Content;
            let bad = is_content && split_mark(l.str()).is_none() && prev_done;
            if is_content {
                prev_done = l.str().ends_with('.');
            }
            content[i + 1] = content[i] + is_content as usize;
            blank[i + 1] = blank[i] + (l.kind == LineKind::Blank) as usize;
            not_note[i + 1] = not_note[i] + bad as usize;
        }
        Counts {
            content,
            blank,
            not_note,
        }
    }

    /// Every non-blank line after `i` up to `end` starts with a mark or continues a note
    /// (line `i` itself starts with a mark).
    fn all_footnote_like(&self, i: usize, end: usize) -> bool {
        end <= i + 1 || self.not_note[end] == self.not_note[i + 1]
    }
}

fn region_trigger(
    lines: &[Line],
    i: usize,
    expected: u32,
    next_break: &[usize],
    counts: &Counts,
) -> Option<Trigger> {
    let (mark, rest) = split_mark(lines[i].str())?;
    let prev_blank = i == 0 || lines[i - 1].kind != LineKind::Content;
    let nb = next_break[i];
    let kept_until_break = counts.content[nb] - counts.content[i];
    let near_break = kept_until_break <= WINDOW;
    if mark.starts_with('*') {
        // An asterisk note follows a blank line, or closes a page right under a finished line.
        let prev_done = i > 0
            && lines[i - 1]
                .str()
                .trim_end()
                .ends_with([',', ';', '.', ':']);
        let closes_page = prev_done && kept_until_break <= 6 && !rest.is_empty();
        if !(prev_blank || closes_page) {
            return None;
        }
        if rest.is_empty() && !near_break {
            return None;
        }
        // A blank line before the break ends an in-flow asterisk note.
        let blank_first = nb > i + 1 && counts.blank[nb] > counts.blank[i + 1];
        let page_foot = near_break && (!blank_first || counts.all_footnote_like(i, nb));
        return Some(if page_foot {
            Trigger::PageFoot
        } else {
            Trigger::Paragraph
        });
    }
    let number: u32 = mark.parse().ok()?;
    if nb == lines.len() && prev_blank && number > expected && counts.all_footnote_like(i, nb) {
        // Notes collected at the end of the text may start at any number.
        return Some(Trigger::PageFoot);
    }
    if number != expected {
        return None;
    }
    if nb == lines.len() {
        // End of document: every line to the end must look like a footnote.
        return counts.all_footnote_like(i, nb).then_some(Trigger::PageFoot);
    }
    near_break.then_some(Trigger::PageFoot)
}

/// "* On behalf of" → ("*", "On behalf of"); "12 See ..." → ("12", "See ..."); "3" → ("3", "").
fn split_mark(t: &str) -> Option<(&str, &str)> {
    let b = t.as_bytes();
    let stars = b.iter().take_while(|&&c| c == b'*').count();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let len = if (1..=3).contains(&stars) {
        stars
    } else if (1..=3).contains(&digits) {
        digits
    } else {
        return None;
    };
    let mut rest = &t[len..];
    // "1/ S/25046.": the slash after the number (UN documents of the 1970s-1990s).
    if digits > 0 {
        if let Some(r) = rest
            .strip_prefix('/')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            rest = r;
        }
    }
    if rest.is_empty() {
        return Some((&t[..len], ""));
    }
    if !rest.starts_with(' ') {
        return None;
    }
    let rest = trim_start(rest);
    let first = rest.chars().next()?;
    if digits > 0 {
        // "17 December 2021, 77/184 of" is text, not a footnote; so is "3 (b)".
        let word = rest.split(' ').next().unwrap_or("");
        if MONTHS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(word.trim_end_matches(',')))
        {
            return None;
        }
        // A note may open with a year ("7 2010 Review Conference of the Parties ...", "1995
        // Agreement", "2030 Agenda") or an address ("24 www.newyorkconvention1958.org.").
        let year_title = word.len() == 4
            && (word.starts_with("19") || word.starts_with("20"))
            && word.bytes().all(|b| b.is_ascii_digit())
            && rest[4..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(crate::text::is_upper));
        let address = word.starts_with("http") || word.starts_with("www.");
        if !(crate::text::is_upper(first)
            || matches!(first, '“' | '"' | '(')
            || year_title
            || address)
        {
            return None;
        }
    }
    Some((&t[..len], rest))
}

fn region_end(
    lines: &[Line],
    i: usize,
    trigger: Trigger,
    next_break: &[usize],
    counts: &Counts,
) -> usize {
    let n = lines.len();
    if trigger == Trigger::Paragraph {
        let mut j = i + 1;
        while j < n && lines[j].kind == LineKind::Content && !lines[j].form_feed {
            j += 1;
        }
        return j;
    }
    let j = next_break[(i + 1).min(n)];
    if j >= n {
        return n;
    }
    // Past the first break: keep going through furniture, blanks and bare numbers, and over a
    // few content lines if more furniture follows before the next page's running header.
    let mut seen_header = false;
    let mut last_furniture = j;
    let mut k = j;
    while k < n {
        // A page break is a few dozen lines at most: never rescan the document from here.
        if k > last_furniture + 40 {
            break;
        }
        let l = &lines[k];
        match l.kind {
            LineKind::Furniture => {
                // The next page's running header ("A/HRC/59/L.17"), not a counter ("2/2").
                let head = l.str().split(' ').next().unwrap_or("");
                if head.contains('/') && head.bytes().any(|b| b.is_ascii_uppercase()) {
                    seen_header = true;
                }
                last_furniture = k;
            }
            LineKind::Blank | LineKind::Number | LineKind::Separator => {}
            LineKind::Content => {
                if seen_header || l.form_feed {
                    break;
                }
                let nb = next_break[k];
                let gap = counts.content[nb.min(n)] - counts.content[k];
                if nb >= n || gap > 4 {
                    break;
                }
            }
        }
        k += 1;
    }
    // Trailing bare numbers (trailing marks) belong to the region too.
    let mut end = last_furniture + 1;
    while end < n && matches!(lines[end].kind, LineKind::Blank | LineKind::Number) {
        let non_blank_after = (n - end - 1) - (counts.blank[n] - counts.blank[end + 1]);
        if lines[end].kind == LineKind::Number && non_blank_after == 0 {
            break;
        }
        end += 1;
    }
    end.max(i + 1)
}

#[derive(Debug)]
enum Entry {
    Mark {
        mark: String,
        span: Span,
        text: Option<Mapped>,
    },
    Text(Mapped),
}

fn read_entries(region: &[Line], used: &MarkSet, expected: u32) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut local_used = MarkSet::new();
    // For each line: is the next non-blank line furniture (or none)? One backward pass.
    let mut before_furniture = vec![true; region.len() + 1];
    for k in (0..region.len()).rev() {
        before_furniture[k] = match region.get(k + 1) {
            None => true,
            Some(next) if next.kind == LineKind::Blank => before_furniture[k + 1],
            Some(next) => next.kind == LineKind::Furniture,
        };
    }
    for (k, line) in region.iter().enumerate() {
        match line.kind {
            LineKind::Number => {
                let t = line.str();
                let v: u32 = t.parse().unwrap_or(0);
                let repeat = used.contains(t) || local_used.contains(t);
                let before_furniture = before_furniture[k];
                let far = v > expected + 15 || v == 0;
                if repeat || far || (before_furniture && v > expected + 3) {
                    continue; // a page number
                }
                local_used.insert(t);
                out.push(Entry::Mark {
                    mark: t.to_string(),
                    span: line.span,
                    text: None,
                });
            }
            LineKind::Content => {
                let t = line.str();
                if let Some((mark, rest)) = split_mark(t) {
                    let off = t.len() - rest.len();
                    let mut text = Mapped::new();
                    text.push_mapped(&line.text, off, t.len());
                    local_used.insert(mark);
                    out.push(Entry::Mark {
                        mark: mark.to_string(),
                        span: line.span,
                        text: (!rest.is_empty()).then_some(text),
                    });
                    continue;
                }
                // Continuation of the previous text, unless that one was finished.
                let continues = match out.last() {
                    Some(Entry::Mark { text: Some(m), .. }) | Some(Entry::Text(m)) => {
                        let prev = trim_end(&m.text);
                        !(prev.ends_with('.') || prev.ends_with(".”"))
                            || t.starts_with(crate::text::is_lower)
                    }
                    _ => false,
                };
                if continues {
                    if let Some(Entry::Mark { text: Some(m), .. }) | Some(Entry::Text(m)) =
                        out.last_mut()
                    {
                        let end = m.text.len();
                        let joint = m.orig_after(end);
                        m.push_synthetic(" ", joint);
                        m.push_mapped(&line.text, 0, line.text.text.len());
                    }
                } else {
                    let mut m = Mapped::new();
                    m.push_mapped(&line.text, 0, t.len());
                    out.push(Entry::Text(m));
                }
            }
            _ => {}
        }
    }
    out
}

fn pair(
    entries: Vec<Entry>,
    footnotes: &mut Vec<Footnote>,
    used: &mut MarkSet,
    expected: &mut u32,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut queue: VecDeque<(String, Span)> = VecDeque::new();
    let mut orphans: Vec<Mapped> = Vec::new();
    let mut made: Vec<Footnote> = Vec::new();
    let mut it = entries.into_iter().peekable();
    while let Some(e) = it.next() {
        match e {
            Entry::Mark {
                mark,
                span,
                text: Some(t),
            } => made.push(note(mark, span, &t)),
            Entry::Mark {
                mark,
                span,
                text: None,
            } => {
                let next_is_text = matches!(it.peek(), Some(Entry::Text(_)));
                if queue.is_empty() && next_is_text {
                    if let Some(Entry::Text(t)) = it.next() {
                        made.push(note(mark, span, &t));
                    }
                } else {
                    queue.push_back((mark, span));
                }
            }
            Entry::Text(t) => {
                if queue.is_empty() {
                    orphans.push(t);
                } else {
                    let Some((mark, span)) = queue.pop_front() else {
                        continue;
                    };
                    made.push(note(mark, span, &t));
                }
            }
        }
    }
    let mut orphans = orphans.into_iter();
    for (mark, span) in queue {
        match orphans.next() {
            Some(t) => made.push(note(mark, span, &t)),
            None => {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    code: "footnote-without-text".into(),
                    message: format!("footnote {mark} has no text"),
                    span,
                });
                made.push(Footnote {
                    mark,
                    text: String::new(),
                    span,
                    source: None,
                });
            }
        }
    }
    for t in orphans {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "footnote-without-mark".into(),
            message: format!("footnote text without a number: {}", preview(&t.text)),
            span: t.full_span(),
        });
    }
    for f in made {
        if let Ok(v) = f.mark.parse::<u32>() {
            *expected = (*expected).max(v + 1);
        }
        used.insert(&f.mark);
        footnotes.push(f);
    }
}

fn note(mark: String, mark_span: Span, text: &Mapped) -> Footnote {
    let span = mark_span.cover(text.full_span());
    let t = trim(&text.text);
    let lead = text.text.len() - trim_start(&text.text).len();
    let mut source = Mapped::new();
    source.push_mapped(text, lead, lead + t.len());
    Footnote {
        mark,
        text: t.to_string(),
        span,
        source: Some(source),
    }
}

fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
