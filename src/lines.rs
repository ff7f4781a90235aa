//! Lines: split the input, normalise each line, and recognise page furniture.
//!
//! Grammar (one physical line of extracted PDF/OCR/Word text):
//!
//! ```text
//! line       = [ "\f" ] ( blank | furniture | separator | content ) ( "\n" | "\r\n" | "\r" )
//! furniture  = job-token { ws job-token }            ; "25-12035 (E)    250725", "*2512035*"
//!            | counter                               ; "2/3", "Page 2", "/..."
//!            | own-symbol [ ws page-number ]         ; running header "A/C.2/80/L.3"
//!            | running-title                         ; a header line next to a running symbol
//! job-token  = [ "GE." ] 2DIGIT "-" 5DIGIT | "(E)" | 6DIGIT | "*" 7DIGIT "*"
//! separator  = "___" { "_" }                          ; opens a footnote block
//! ```
//!
//! A real excerpt (A/C.2/80/L.3, a page break in the middle of a paragraph):
//!
//! ```text
//! the provisions of General Assembly resolution ES-10/23 of 10 May 2024.
//! \fA/C.2/80/L.3
//! 25-16434
//! 2/3
//! concrete policies and actions, and reaffirms the strong political commitment to
//! ```
//!
//! Traps: furniture falls mid-sentence, in either order, with or without blank lines; a bare
//! number may be a page number or a footnote number (decided in [`crate::footnotes`]); Markdown
//! emphasis (`**bold**`, `*italic*`) must go while footnote asterisks (`Yugoslavia*:`) stay.
//!
//! Normalisation keeps every offset: each [`Line`] holds a [`Mapped`] text whose offsets map
//! back into the original input.

use crate::model::{Diagnostic, Severity, Span};
use crate::text::Mapped;
use crate::text::{trim, trim_end, trim_start};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Content,
    /// Page furniture: always dropped.
    Furniture,
    /// A bare number ("3"): a page number or a footnote number.
    Number,
    /// `______`: the rule printed above footnotes.
    Separator,
}

/// What tabs say about a line (Word and XML conversions print tables with tab-separated cells).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableRow {
    /// No tab that separates cells.
    No,
    /// Starts with a tab and has no other: an empty first cell ("\tPart I. Overall policymaking"),
    /// a row only inside a table.
    Indented,
    /// Cells of words ("Section\tAmount (United States dollars)"): a row next to rows of figures.
    Cells,
    /// A cell of figures ("1\tOverall policymaking\t77 087 600", "Total\t295 590 700").
    Figures,
}

#[derive(Clone, Debug)]
pub struct Line {
    pub kind: LineKind,
    /// Normalised text (white space folded, emphasis markers removed).
    pub text: Mapped,
    /// The trimmed raw line in the input.
    pub span: Span,
    /// Leading white space of the raw line, in characters (for layout-mode text).
    pub indent: usize,
    /// A form feed starts this line.
    pub form_feed: bool,
    /// Tabs that make this line look like a row of a table (see `table_row`); `body` keeps
    /// tables inside the paragraph they follow instead of reading numbered rows as paragraphs.
    pub table: TableRow,
    /// Set by [`crate::footnotes::lift`]: a blank line separates this line from the previous kept line.
    pub blank_before: bool,
    /// Set by [`crate::footnotes::lift`]: a page break (furniture or footnotes) was removed before this line.
    pub break_before: bool,
}

impl Line {
    pub fn str(&self) -> &str {
        &self.text.text
    }
}

/// Split `input` into classified, normalised lines.
pub fn split(input: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Line> {
    let bytes = input.as_bytes();
    // Room for lines of 64 bytes on average (the corpus averages ~70), so the list rarely
    // regrows; capped, so that one huge line does not reserve a million lines.
    let mut lines = Vec::with_capacity((input.len() / 64).min(1 << 16) + 1);
    let mut start = 0;
    // Past the limit, cut at the last line break before it (never inside a character).
    let mut limit = input.len();
    if limit > crate::MAX_INPUT_BYTES {
        limit = bytes[..crate::MAX_INPUT_BYTES]
            .iter()
            .rposition(|&b| b == b'\n')
            .unwrap_or_else(|| {
                (0..=crate::MAX_INPUT_BYTES)
                    .rev()
                    .find(|&i| input.is_char_boundary(i))
                    .unwrap_or(0)
            });
    }
    while start < limit {
        let end = memchr_newline(&bytes[start..limit]).map_or(limit, |i| start + i);
        lines.push(read_line(input, start, end));
        // "\r\n" and lone "\r" both end a line.
        start = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    if input.len() > limit {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            code: "input-too-long".into(),
            message: format!(
                "the input is {} bytes; only the first {} were parsed",
                input.len(),
                limit
            ),
            span: Span::new(limit, input.len()),
        });
    }
    mark_own_symbol_headers(&mut lines);
    mark_running_titles(&mut lines);
    remove_emphasis(input, &mut lines);
    lines
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    use crate::text::bytes_equal;
    let line_end = |x| bytes_equal(x, b'\n') | bytes_equal(x, b'\r');
    crate::text::find_bytes(b, 0, line_end, |c| c == b'\n' || c == b'\r')
}

/// Characters dropped by normalisation: soft hyphen, zero-width and direction marks, BOM.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200b}'
            | '\u{200c}'
            | '\u{200d}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{feff}'
            | '\u{c}'
    )
}

/// A character that normalisation changes: white space (folded), controls, soft hyphens and
/// zero-width marks (dropped), the non-breaking hyphen (made a hyphen).
fn is_special(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || is_dropped(c)
        || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2011}')
}

/// Skip whole 8-byte words of `bytes` from `i` that the byte loop in [`read_line`] would copy
/// unchanged: visible ASCII and single spaces, each space followed by a visible character.
/// Returns where the byte loop should go on (at `i` itself if the first word does not qualify).
#[inline(always)]
fn plain_ascii_words(bytes: &[u8], mut i: usize) -> usize {
    use crate::text::{HI, LO};
    const LOW7: u64 = !HI;
    while let Some(x) = crate::text::load8(bytes, i) {
        // Any byte that is not ASCII, a control character (below b' ') or DEL.
        if x & HI != 0
            || crate::text::bytes_below(x, b' ') != 0
            || crate::text::bytes_equal(x, 0x7f) != 0
        {
            break;
        }
        // Every space exactly (no borrows: each byte is below 0x80 here).
        let y = x ^ (LO * u64::from(b' '));
        let spaces = !(((y & LOW7) + LOW7) | y) & HI;
        // Two spaces in a row, or a last space not followed by a visible character.
        if spaces & (spaces << 8) != 0
            || (spaces >> 56 != 0 && !bytes.get(i + 8).is_some_and(u8::is_ascii_graphic))
        {
            break;
        }
        i += 8;
    }
    i
}

fn read_line(input: &str, start: usize, end: usize) -> Line {
    let raw = &input[start..end];
    let bytes = raw.as_bytes();
    let mut form_feed = false;
    let mut tab = false;
    // Allocated once (a blank line allocates nothing; the first run is kept inline).
    let mut text = if raw.is_empty() {
        Mapped::new()
    } else {
        Mapped::with_capacity(raw.len(), 1)
    };
    let mut indent = 0;
    let mut seen_text = false;
    let mut pending_space: Option<usize> = None;
    // Unchanged characters are copied in runs, not one by one.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast path: visible ASCII, and a lone space between visible characters.
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = raw[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        let at = start + i;
        let plain = if b.is_ascii_graphic() {
            true
        } else if b == b' ' {
            seen_text
                && pending_space.is_none()
                && match bytes.get(i + 1) {
                    Some(&n) if n < 0x80 => n.is_ascii_graphic(),
                    Some(_) => raw[i + 1..].chars().next().is_some_and(|n| !is_special(n)),
                    None => false,
                }
        } else {
            !is_special(c)
        };
        i += len;
        if plain {
            if let Some(sp) = pending_space.take() {
                text.push_synthetic(" ", sp);
            }
            seen_text = true;
            run.get_or_insert(at);
            // The common case in a tight loop: the rest of a run of visible ASCII with single
            // spaces between words (the checks above, specialised to ASCII), 8 bytes at a time
            // and then byte by byte up to the first byte that needs the checks above.
            i = plain_ascii_words(bytes, i);
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_graphic() {
                    i += 1;
                } else if b == b' ' && bytes.get(i + 1).is_some_and(u8::is_ascii_graphic) {
                    i += 2;
                } else {
                    break;
                }
            }
            continue;
        }
        if let Some(rs) = run.take() {
            text.push_orig(&input[rs..at], rs);
        }
        form_feed |= b == 0x0c;
        tab |= b == b'\t';
        if c == '\u{ad}' && trim_end(&raw[i..]).is_empty() {
            // A soft hyphen ending the line: the word goes on on the next line. Kept as a
            // marker that `body::join` removes (joining without a space).
            if let Some(sp) = pending_space.take() {
                text.push_synthetic(" ", sp);
            }
            text.push_replacement("\u{ad}", at, len);
            continue;
        }
        if is_dropped(c) {
            continue;
        }
        if c == '\u{2011}' {
            // A non-breaking hyphen is a hyphen.
            if let Some(sp) = pending_space.take() {
                text.push_synthetic(" ", sp);
            }
            seen_text = true;
            text.push_replacement("-", at, len);
            continue;
        }
        if !seen_text {
            indent += 1;
        } else if pending_space.is_none() {
            pending_space = Some(at);
        }
    }
    if let Some(rs) = run.take() {
        text.push_orig(&input[rs..end], rs);
    }
    let span = if text.text.is_empty() {
        Span::new(start, start)
    } else {
        text.full_span()
    };
    let kind = classify(&text.text);
    Line {
        kind,
        text,
        span,
        indent,
        form_feed,
        table: if tab { table_row(raw) } else { TableRow::No },
        blank_before: false,
        break_before: false,
    }
}

/// A row of a table as Word and XML conversions print it, cells separated by tabs:
/// "1\tOverall policymaking, direction and coordination\t77 087 600",
/// "1. Income from staff assessment\t273 171 400", "Section\tAmount (United States dollars)".
/// A line whose first cell is a label or a heading number ("6.\tRequests ...", "(a)\tTo submit",
/// "IV.\tOrganization of work") is a paragraph, whatever tabs follow.
fn table_row(raw: &str) -> TableRow {
    let t = trim_end(raw);
    let body = t.trim_start_matches([' ', '\t']);
    let Some(first_tab) = body.find('\t') else {
        return if t.starts_with('\t') && !body.is_empty() {
            TableRow::Indented
        } else {
            TableRow::No
        };
    };
    let first = trim_end(&body[..first_tab]);
    let is_label = crate::items::item_label_len(first).is_some_and(|len| len >= first.len())
        || crate::items::op_label(first).is_some_and(|(_, _, len)| len >= first.len())
        || crate::body::is_heading_number(first.strip_suffix('.').unwrap_or(first));
    if is_label {
        return TableRow::No;
    }
    let figures = |cell: &str| {
        let c = trim(cell);
        c.bytes().any(|b| b.is_ascii_digit())
            && c.bytes().all(|b| {
                b.is_ascii_digit() || matches!(b, b' ' | b',' | b'.' | b'(' | b')' | b'-' | b'%')
            })
    };
    if body[first_tab..].split('\t').any(figures) {
        TableRow::Figures
    } else {
        TableRow::Cells
    }
}

fn classify(t: &str) -> LineKind {
    if t.is_empty() {
        return LineKind::Blank;
    }
    if t.len() >= 3 && t.bytes().all(|b| b == b'_') {
        return LineKind::Separator;
    }
    if t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
        return LineKind::Number;
    }
    // Job tokens start with a digit, "(", "*" or "GE."; checking that first keeps the split off
    // ordinary lines.
    let job_start = matches!(t.as_bytes()[0], b'0'..=b'9' | b'(' | b'*' | b'G');
    if is_counter(t) || job_start && t.split(' ').all(is_job_token) {
        return LineKind::Furniture;
    }
    LineKind::Content
}

/// "25-12035", "GE.25-10614", "(E)", "250725", "*2512035*", "71-19641".
fn is_job_token(w: &str) -> bool {
    let b = w.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if w == "(E)" || w == "(F)" || w == "(S)" {
        return true;
    }
    if b.len() == 6 && digits(b) {
        return true;
    }
    if b.len() >= 8 && b[0] == b'*' && b[b.len() - 1] == b'*' && digits(&b[1..b.len() - 1]) {
        return true;
    }
    let job = w.strip_prefix("GE.").unwrap_or(w).as_bytes();
    job.len() == 8 && digits(&job[..2]) && job[2] == b'-' && digits(&job[3..])
}

/// "2/3", "Page 2", "/...", "-2-".
fn is_counter(t: &str) -> bool {
    // Asked of every line; every counter starts with "/", "P", "p" or a digit.
    if !matches!(t.as_bytes().first(), Some(b'/' | b'P' | b'p' | b'0'..=b'9')) {
        return false;
    }
    if t == "/..." || t == "/.." {
        return true;
    }
    if let Some(n) = t
        .strip_prefix("Page ")
        .or_else(|| t.strip_prefix("page "))
        .or_else(|| t.strip_prefix("PAGE "))
    {
        return !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit());
    }
    // "12 / 34" at the longest (lines are normalised to single spaces).
    if t.len() > 7 {
        return false;
    }
    if let Some((a, b)) = t.split_once('/') {
        let (a, b) = (trim(a), trim(b));
        let small =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|c| c.is_ascii_digit());
        if small(a) && small(b) {
            let (x, y): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
            return x >= 1 && x <= y;
        }
    }
    false
}

/// Is `w` shaped like a UN document symbol ("A/C.2/80/L.3", "S/RES/2770", "E/CN.4/2002/L.108")?
pub fn is_symbol_like(w: &str) -> bool {
    let mut parts = w.split('/');
    let Some(first) = parts.next() else {
        return false;
    };
    let first_ok = !first.is_empty()
        && first.len() <= 8
        && first.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    let mut n = 0;
    for p in parts {
        n += 1;
        if p.is_empty()
            || !p
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '(' | ')' | '…'))
        {
            return false;
        }
    }
    first_ok && n >= 1
}

/// The document's own symbol, as the first symbol-shaped line (or first token of a line) near
/// the top. Later lines that repeat it are running headers.
fn mark_own_symbol_headers(lines: &mut [Line]) {
    let mut own: Option<String> = None;
    for line in lines
        .iter()
        .filter(|l| l.kind == LineKind::Content)
        .take(40)
    {
        for w in line.str().split(' ') {
            // (At most 64 bytes: the longest real symbols have about 30, and the symbol is
            // searched for in other lines, in time proportional to its length.)
            if w.contains('/') && is_symbol_like(w) && (5..=64).contains(&w.len()) {
                own = Some(w.to_string());
                break;
            }
        }
        if own.is_some() {
            break;
        }
    }
    let Some(own) = own else { return };
    let mut first = true;
    for line in lines.iter_mut() {
        if line.kind != LineKind::Content {
            continue;
        }
        let t = line.str();
        // Most lines do not start with the symbol: say so without splitting them into words.
        // (`first` only matters until it turns false: no substring search after that.)
        if !t.starts_with(own.as_str()) {
            if first && crate::text::find_str(t, &own).is_some() {
                first = false;
            }
            continue;
        }
        let mut words = t.split(' ').peekable();
        let head = words.next().unwrap_or("");
        if head == own {
            let rest_empty = words.peek().is_none();
            let rest_is_furniture = words.all(|w| {
                is_job_token(w)
                    || (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
                    || is_counter(w)
                    || w == "/"
            });
            if !rest_is_furniture {
                first = false;
                continue;
            }
            if first {
                first = false;
                // The masthead's symbol line is content (the header reads it).
                if rest_empty {
                    continue;
                }
            }
            line.kind = LineKind::Furniture;
        } else {
            // Starts with the symbol but is a longer word ("A/80/L.10" after "A/80/L.1").
            first = false;
        }
    }
    // "English" directly under a running symbol.
    for i in 1..lines.len() {
        if lines[i].kind == LineKind::Content
            && lines[i].str() == "English"
            && prev_kept(lines, i).is_some_and(|p| lines[p].kind == LineKind::Furniture)
        {
            lines[i].kind = LineKind::Furniture;
        }
    }
}

fn prev_kept(lines: &[Line], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| lines[j].kind != LineKind::Blank)
}

fn next_kept(lines: &[Line], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| lines[j].kind != LineKind::Blank)
}

/// A running title: a line next to a running symbol header that also appears near the top
/// (the masthead title) or next to another running header.
fn mark_running_titles(lines: &mut [Line]) {
    let header_end = lines
        .iter()
        .position(|l| {
            l.kind == LineKind::Content && l.str().ends_with(',') && l.str().starts_with("The ")
        })
        .unwrap_or(lines.len().min(40));
    // Lines next to furniture, each once (a bitmap, so no sort is needed: one sort routine
    // less in the .wasm).
    let mut candidates: Vec<usize> = Vec::new();
    let mut is_candidate = vec![false; lines.len()];
    for i in 0..lines.len() {
        if lines[i].kind != LineKind::Furniture || i < header_end {
            continue;
        }
        for j in [prev_kept(lines, i), next_kept(lines, i)]
            .into_iter()
            .flatten()
        {
            if lines[j].kind == LineKind::Content
                && lines[j].str().len() < 120
                && j > header_end
                && !is_candidate[j]
            {
                is_candidate[j] = true;
                candidates.push(j);
            }
        }
    }
    if candidates.is_empty() {
        return;
    }
    // The masthead's lines: a running title repeats one of them, or the title after the
    // resolution's number, on that line or wrapped over two or three
    // ("74/69. United Nations Regional Centre for Peace and Disarmament in Asia and the" /
    // "Pacific"). At most the first 60 lines, of 200 bytes at most. (Line text is already
    // folded to single spaces by normalisation.)
    let heads: Vec<&str> = lines[..header_end]
        .iter()
        .filter(|l| l.kind == LineKind::Content)
        .take(60)
        .map(|l| l.str())
        .filter(|t| t.len() <= 200)
        .collect();
    // The joined titles, in one buffer (their slices sort with the lines').
    let mut joined = String::new();
    let mut ends = Vec::new();
    for (i, title) in heads
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((i, title_after_number(t)?)))
    {
        for n in 2..=3 {
            let Some(rest) = heads.get(i + 1..i + n) else {
                break;
            };
            joined.push_str(title);
            for h in rest {
                joined.push(' ');
                joined.push_str(h);
            }
            ends.push(joined.len());
        }
    }
    let mut top: Vec<&str> = heads.clone();
    top.extend(heads.iter().filter_map(|t| title_after_number(t)));
    let mut start = 0;
    for end in ends {
        top.push(&joined[start..end]);
        start = end;
    }
    top.sort_unstable();
    // How often each candidate's text occurs among the candidates (sorted, then counted).
    let mut texts: Vec<&str> = candidates.iter().map(|&j| lines[j].str()).collect();
    texts.sort_unstable();
    let occurrences =
        |t: &str| texts.partition_point(|x| *x <= t) - texts.partition_point(|x| *x < t);
    let mut marks = Vec::new();
    for &j in &candidates {
        let t = lines[j].str();
        let repeats = occurrences(t).saturating_sub(1);
        let in_title = top.binary_search(&t).is_ok() && !t.ends_with(',') && !t.ends_with(';');
        if (repeats >= 1 && !t.ends_with(',')) || in_title {
            marks.push(j);
        }
    }
    for j in marks {
        lines[j].kind = LineKind::Furniture;
    }
}

/// "74/32. Prevention of an arms race in outer space" → "Prevention of an arms race in outer
/// space": the masthead's title without the resolution's number, as the running title on the
/// pages after the first gives it.
fn title_after_number(t: &str) -> Option<&str> {
    let (first, title) = t.split_once(' ')?;
    let number = first.strip_suffix('.')?;
    let number = crate::text::without_session_prefix(number);
    let is_number = number.starts_with(|c: char| c.is_ascii_digit())
        && number.contains('/')
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'/');
    is_number.then_some(title)
}

/// Drop Markdown emphasis markers (`*x*`, `**x**`, `_x_` is left alone) while keeping
/// footnote asterisks. Within a paragraph, an asterisk run that opens (followed by a letter,
/// preceded by space or start) is matched with a later closing run of the same length
/// (preceded by a non-space, followed by space, punctuation or end). Unmatched runs stay.
fn remove_emphasis(input: &str, lines: &mut [Line]) {
    let mut para: Vec<usize> = Vec::new();
    let mut i = 0;
    while i <= lines.len() {
        let boundary = i == lines.len() || lines[i].kind == LineKind::Blank;
        if boundary {
            if !para.is_empty() {
                strip_paragraph(input, lines, &para);
                para.clear();
            }
        } else if lines[i].kind == LineKind::Content
            && (!para.is_empty() || has_asterisk(lines[i].str()))
        {
            // A paragraph is collected from its first line with an asterisk.
            para.push(i);
        }
        i += 1;
    }
}

/// Asked of every line: most lines are short, where a word-at-a-time loop beats `memchr`'s setup.
fn has_asterisk(t: &str) -> bool {
    let star = |x| crate::text::bytes_equal(x, b'*');
    crate::text::find_bytes(t.as_bytes(), 0, star, |c| c == b'*').is_some()
}

fn strip_paragraph(_input: &str, lines: &mut [Line], para: &[usize]) {
    if !para.iter().any(|&i| has_asterisk(lines[i].str())) {
        return;
    }
    // (line index, byte offset in line text, run length, opens?, closes?)
    let mut runs: Vec<(usize, usize, usize, bool, bool)> = Vec::new();
    for (k, &li) in para.iter().enumerate() {
        let t = lines[li].str();
        let b = t.as_bytes();
        let mut j = 0;
        while j < b.len() {
            if b[j] != b'*' {
                j += 1;
                continue;
            }
            let s = j;
            while j < b.len() && b[j] == b'*' {
                j += 1;
            }
            let before = t[..s].chars().next_back();
            let after = t[j..].chars().next();
            let before_space = before.is_none_or(|c| c == ' ' || c == '(' || c == '[' || c == '“');
            let after_word =
                after.is_some_and(|c| crate::text::is_word_char(c) || c == '(' || c == '“');
            let before_word = before.is_some_and(|c| !c.is_whitespace());
            let after_end = after.is_none_or(|c| c == ' ' || c.is_ascii_punctuation() || c == '”');
            let _ = k;
            runs.push((
                li,
                s,
                j - s,
                before_space && after_word,
                before_word && after_end,
            ));
        }
    }
    // Match openers with closers of the same length (a stack per length).
    let mut stacks: [Vec<usize>; 4] = Default::default();
    let mut matched = vec![false; runs.len()];
    for (r, &(_, _, len, opens, closes)) in runs.iter().enumerate() {
        let slot = len.min(3);
        if closes {
            if let Some(o) = stacks[slot].pop() {
                matched[o] = true;
                matched[r] = true;
                continue;
            }
        }
        if opens {
            stacks[slot].push(r);
        }
    }
    // Rebuild the affected lines without the matched runs.
    let mut by_line: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    for (r, &(li, s, len, _, _)) in runs.iter().enumerate() {
        if !matched[r] {
            continue;
        }
        match by_line.last_mut() {
            Some((l, v)) if *l == li => v.push((s, s + len)),
            _ => by_line.push((li, vec![(s, s + len)])),
        }
    }
    for (li, cuts) in by_line {
        let old = std::mem::take(&mut lines[li].text);
        let mut new = Mapped::new();
        let mut pos = 0;
        for (s, e) in cuts {
            new.push_mapped(&old, pos, s);
            pos = e;
        }
        new.push_mapped(&old, pos, old.text.len());
        // Trim spaces left at the edges.
        let t = new.text.clone();
        let (a, b) = (t.len() - trim_start(&t).len(), trim_end(&t).len());
        let mut trimmed = Mapped::new();
        trimmed.push_mapped(&new, a, b);
        lines[li].text = trimmed;
        if lines[li].text.text.is_empty() {
            lines[li].kind = LineKind::Blank;
        } else {
            lines[li].kind = classify(lines[li].str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_skipping_stops_where_the_byte_loop_stops() {
        // The byte loop of `read_line` (visible ASCII; a space only before a visible
        // character), against the 8-byte skip followed by that loop, on random lines.
        let byte_loop = |b: &[u8], mut i: usize| {
            while let Some(&c) = b.get(i) {
                if c.is_ascii_graphic() {
                    i += 1;
                } else if c == b' ' && b.get(i + 1).is_some_and(u8::is_ascii_graphic) {
                    i += 2;
                } else {
                    break;
                }
            }
            i
        };
        let mut next = crate::text::tests::random(0x2545_f491_4f6c_dd1d);
        for round in 0..20_000 {
            let len = round % 50;
            let b: Vec<u8> = (0..len)
                .map(|_| match next() % 8 {
                    0 => (next() % 256) as u8,
                    1 | 2 => b' ',
                    _ => b"aZ.,9(\x7f\t"[(next() % 6) as usize],
                })
                .collect();
            for from in 0..=len {
                assert_eq!(
                    byte_loop(&b, plain_ascii_words(&b, from)),
                    byte_loop(&b, from),
                    "should stop where the byte loop stops in {b:?} from {from}"
                );
            }
        }
    }

    fn kinds(s: &str) -> Vec<(LineKind, String)> {
        split(s, &mut Vec::new())
            .into_iter()
            .map(|l| (l.kind, l.text.text))
            .collect()
    }

    #[test]
    fn furniture_is_recognised() {
        let k = kinds("A/C.2/80/L.3\nText one,\n25-16434 (E)    151025\n*2516434*\n\u{c}A/C.2/80/L.3\n2/3\nmore text");
        assert_eq!(k[0].0, LineKind::Content, "should keep the masthead symbol");
        assert_eq!(k[2].0, LineKind::Furniture, "should drop the job number");
        assert_eq!(k[3].0, LineKind::Furniture, "should drop the barcode");
        assert_eq!(
            k[4].0,
            LineKind::Furniture,
            "should drop the running symbol"
        );
        assert_eq!(k[5].0, LineKind::Furniture, "should drop the page counter");
        assert_eq!(k[6].0, LineKind::Content);
    }

    #[test]
    fn table_rows_are_cells_separated_by_tabs() {
        for (row, kind) in [
            (
                "1\tOverall policymaking, direction and coordination\t77 087 600",
                TableRow::Figures,
            ),
            (
                "1. Income from staff assessment\t273 171 400",
                TableRow::Figures,
            ),
            ("Total\t295 590 700", TableRow::Figures),
            (
                "Abolishment\tRisk Assistant\tGS (OL)\t(1)",
                TableRow::Figures,
            ),
            ("Section\tAmount (United States dollars)", TableRow::Cells),
            (
                "\tPart I. Overall policymaking, direction and coordination",
                TableRow::Indented,
            ),
        ] {
            assert_eq!(table_row(row), kind, "should read {row:?} as {kind:?}");
        }
        for layout in [
            "1.\tDecides to remain seized of the matter;",
            "6.\tRequests the Secretary-General\tto report",
            "(a)\tTo submit a report;",
            "A.\tProgress towards accountability",
            "IV.\tOrganization of work",
            "Recalling its resolution 60/251,",
        ] {
            assert_eq!(
                table_row(layout),
                TableRow::No,
                "should read {layout:?} as a paragraph, not a table row"
            );
        }
    }

    #[test]
    fn emphasis_goes_footnote_asterisks_stay() {
        let k = kinds("**Afghanistan*, Albania*,\nYugoslavia*:\ndraft resolution**\n\n1. *Notes with appreciation* the report");
        assert_eq!(
            k[0].1, "Afghanistan*, Albania*,",
            "should drop the bold opener only"
        );
        assert_eq!(k[2].1, "draft resolution", "should drop the bold closer");
        assert_eq!(
            k[4].1, "1. Notes with appreciation the report",
            "should drop italics"
        );
    }

    #[test]
    fn spans_point_into_the_input() {
        let input = "  x\u{a0}\u{a0}y\r\n\u{c}*2512035*\r\nz";
        let lines = split(input, &mut Vec::new());
        assert_eq!(lines[0].str(), "x y");
        assert_eq!(
            &input[lines[0].span.start..lines[0].span.end],
            "x\u{a0}\u{a0}y"
        );
        assert_eq!(lines[1].kind, LineKind::Furniture);
        assert_eq!(&input[lines[2].span.start..lines[2].span.end], "z");
    }
}
