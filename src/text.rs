//! Mapped text: a string built from pieces of the input, which remembers where each piece came
//! from so that any offset in the built text maps back to a byte offset in the ORIGINAL input.
//!
//! Every phase after [`crate::lines`] works on cleaned text (emphasis markers dropped, lines
//! joined, hyphenation repaired), yet every span in the [`crate::Document`] must point into the
//! input. An anchor `(t, o)` says "text offset `t` is input offset `o`"; offsets between two
//! anchors advance together. Synthetic characters (the space that joins two lines) get an anchor
//! at the end of the piece before them, so they never map outside the input.

use crate::model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Anchor {
    /// Offset in the built text where this run starts.
    at: usize,
    /// Input offset of the run's first byte.
    orig: usize,
    /// A synthetic run maps every offset to `orig`.
    synthetic: bool,
    /// For a synthetic run that replaces input (U+2011 → "-"): how many input bytes it stands
    /// for, so a span ending in it covers them. 0 for inserted text (a joining space).
    replaces: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapped {
    pub text: String,
    anchors: Runs,
}

/// The anchors of a text: the first inline, more on the heap. Most lines of a document are one
/// run of input, so a line costs one allocation (its text), not two.
#[derive(Clone, Default)]
enum Runs {
    #[default]
    Empty,
    One(Anchor),
    Many(Vec<Anchor>),
}

impl Runs {
    /// The runs of an ordinary line (its text, a joining space), for [`Runs::reserve`].
    const LINE_RUNS: usize = 4;

    fn with_capacity(runs: usize) -> Self {
        if runs > 1 {
            Runs::Many(Vec::with_capacity(runs))
        } else {
            Runs::Empty
        }
    }

    fn push(&mut self, a: Anchor) {
        match self {
            Runs::Empty => *self = Runs::One(a),
            Runs::One(first) => {
                let mut v = Vec::with_capacity(4);
                v.push(*first);
                v.push(a);
                *self = Runs::Many(v);
            }
            Runs::Many(v) => v.push(a),
        }
    }

    fn truncate(&mut self, len: usize) {
        match self {
            Runs::Many(v) => v.truncate(len),
            _ if len == 0 => *self = Runs::Empty,
            _ => {}
        }
    }

    /// Room for `runs` more anchors.
    fn reserve(&mut self, runs: usize) {
        match self {
            Runs::Many(v) if v.capacity() - v.len() < runs => {
                v.reserve(runs.saturating_add(3 * runs.min(Self::LINE_RUNS)))
            }
            Runs::One(first) if runs > 0 => {
                let mut v =
                    Vec::with_capacity(runs.saturating_add(1 + 3 * runs.min(Self::LINE_RUNS)));
                v.push(*first);
                *self = Runs::Many(v);
            }
            Runs::Empty if runs > 1 => *self = Runs::Many(Vec::with_capacity(runs)),
            _ => {}
        }
    }
}

impl std::ops::Deref for Runs {
    type Target = [Anchor];
    // Asked for every offset mapped; a call per use in the size-optimised .wasm otherwise.
    #[inline(always)]
    fn deref(&self) -> &[Anchor] {
        match self {
            Runs::Empty => &[],
            Runs::One(a) => std::slice::from_ref(a),
            Runs::Many(v) => v,
        }
    }
}

impl PartialEq for Runs {
    fn eq(&self, other: &Runs) -> bool {
        **self == **other
    }
}

impl Eq for Runs {}

/// Printed as the list it stands for, however it is stored.
impl std::fmt::Debug for Runs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Mapped {
    pub fn new() -> Self {
        Mapped::default()
    }

    /// Room for `bytes` of text in `runs` runs, allocated once (a line is built piece by piece).
    pub fn with_capacity(bytes: usize, runs: usize) -> Self {
        Mapped {
            text: String::with_capacity(bytes),
            anchors: Runs::with_capacity(runs),
        }
    }

    /// Make room for `bytes` more bytes of text in `runs` more runs, and for a few more lines of
    /// ordinary length: a paragraph is built by appending its lines one by one, and room for
    /// several at a time saves most regrowths. The extra is bounded (a 60 MB line reserves
    /// 60 MB, not four times that).
    pub fn reserve(&mut self, bytes: usize, runs: usize) {
        if self.text.capacity() - self.text.len() < bytes {
            self.text
                .reserve(bytes.saturating_add(3 * bytes.min(Self::LINE_ROOM)));
        }
        self.anchors.reserve(runs);
    }

    /// The length of an ordinary line, for [`Mapped::reserve`].
    const LINE_ROOM: usize = 256;

    fn run(&mut self, piece: &str, orig: usize, synthetic: bool) {
        self.run_replacing(piece, orig, synthetic, 0);
    }

    fn run_replacing(&mut self, piece: &str, orig: usize, synthetic: bool, replaces: usize) {
        if piece.is_empty() {
            return;
        }
        let at = self.text.len();
        let continues = !synthetic
            && self
                .anchors
                .last()
                .is_some_and(|a| !a.synthetic && a.orig + (at - a.at) == orig);
        if !continues {
            self.anchors.push(Anchor {
                at,
                orig,
                synthetic,
                replaces,
            });
        }
        self.text.push_str(piece);
    }

    /// Append `piece`, which is the input's bytes starting at `orig`.
    pub fn push_orig(&mut self, piece: &str, orig: usize) {
        self.run(piece, orig, false);
    }

    /// Append text that is not in the input (a joining space); it maps to `orig`.
    pub fn push_synthetic(&mut self, piece: &str, orig: usize) {
        self.run(piece, orig, true);
    }

    /// Append `piece` in place of the input's `orig..orig + replaces` (a normalised character).
    pub fn push_replacement(&mut self, piece: &str, orig: usize, replaces: usize) {
        self.run_replacing(piece, orig, true, replaces);
    }

    /// Append `other.text[start..end]`, keeping its mapping.
    pub fn push_mapped(&mut self, other: &Mapped, start: usize, end: usize) {
        let end = end.min(other.text.len());
        if start >= end {
            return;
        }
        let mut i = other.anchor_index(start);
        let mut pos = start;
        while pos < end {
            let a = other.anchors[i];
            let run_end = other
                .anchors
                .get(i + 1)
                .map_or(end, |next| next.at.min(end));
            let orig = if a.synthetic {
                a.orig
            } else {
                a.orig + (pos - a.at)
            };
            self.run_replacing(&other.text[pos..run_end], orig, a.synthetic, a.replaces);
            pos = run_end;
            i += 1;
        }
    }

    /// How many runs (pieces with their own mapping) the text has.
    pub fn runs(&self) -> usize {
        self.anchors.len()
    }

    fn anchor_index(&self, t: usize) -> usize {
        self.anchors
            .partition_point(|a| a.at <= t)
            .saturating_sub(1)
    }

    /// Drop the first `n` bytes (a char boundary) in place, keeping the mapping of the rest.
    pub fn drop_front(&mut self, n: usize) {
        let n = n.min(self.text.len());
        if n == 0 {
            return;
        }
        let first = self.anchor_index(n);
        let keep: Vec<Anchor> = self.anchors[first..]
            .iter()
            .map(|a| {
                if a.at >= n {
                    Anchor { at: a.at - n, ..*a }
                } else if a.synthetic {
                    Anchor { at: 0, ..*a }
                } else {
                    Anchor {
                        at: 0,
                        orig: a.orig + (n - a.at),
                        ..*a
                    }
                }
            })
            .collect();
        self.anchors = Runs::Many(keep);
        self.text.drain(..n);
    }

    /// Drop the text from `len` on (a char boundary), keeping the mapping of what stays.
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() {
            return;
        }
        self.text.truncate(len);
        let keep = self.anchors.partition_point(|a| a.at < len);
        self.anchors.truncate(keep);
    }

    /// The input offset just past the character that ends at text offset `t` (where a joining
    /// space after it maps): never inside a multi-byte character, even a replaced one.
    pub fn orig_after(&self, t: usize) -> usize {
        if t == 0 {
            return self.orig(0);
        }
        let mut s = t - 1;
        while s > 0 && !self.text.is_char_boundary(s) {
            s -= 1;
        }
        // `span(s, t).end` without the search for the start (`body::join` asks this of every
        // line it joins): here the start is `s` itself, and the end read off `s`'s run is never
        // before `orig(s)`, read off the same run, so `span`'s `max` has nothing to do.
        self.end_after(s, t)
    }

    /// The input offset of text offset `t`.
    pub fn orig(&self, t: usize) -> usize {
        match self.anchors.get(self.anchor_index(t)) {
            None => 0,
            Some(a) if a.synthetic => a.orig,
            Some(a) => a.orig + t.saturating_sub(a.at),
        }
    }

    /// The input span of text range `start..end` (end maps past the last character).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.orig(start);
        if end <= start {
            return Span::new(s, s);
        }
        let mut last = end - 1;
        while last > start && !self.text.is_char_boundary(last) {
            last -= 1;
        }
        Span::new(s, self.end_after(last, end).max(s))
    }

    /// The input offset just past the character at `last` (its start), which ends at `end`:
    /// one search for its run gives both ends of its mapping.
    fn end_after(&self, last: usize, end: usize) -> usize {
        match self.anchors.get(self.anchor_index(last)) {
            Some(a) if a.synthetic => a.orig + a.replaces,
            Some(a) => a.orig + last.saturating_sub(a.at) + (end - last),
            None => end - last,
        }
    }

    /// The smallest input span covering every byte of `start..end`, even when the text was
    /// reordered (a reading-order repair), so runs map out of order.
    pub fn extent(&self, start: usize, end: usize) -> Span {
        let mut out = self.span(start, end);
        if end <= start {
            return out;
        }
        let first = self.anchor_index(start);
        for (k, a) in self.anchors.iter().enumerate().skip(first) {
            if a.at >= end {
                break;
            }
            let run_end = self.anchors.get(k + 1).map_or(end, |n| n.at.min(end));
            let from = a.at.max(start);
            // The run's own mapping, read off its anchor (what `span(from, run_end)` gives,
            // without two searches per run: a paragraph has a run per line).
            if run_end <= from {
                continue;
            }
            let s = if a.synthetic {
                Span::new(a.orig, a.orig + a.replaces)
            } else {
                Span::new(a.orig + (from - a.at), a.orig + (run_end - a.at))
            };
            out = out.cover(s);
        }
        out
    }

    /// Input span of the whole text.
    pub fn full_span(&self) -> Span {
        self.span(0, self.text.len())
    }
}

/// True for characters that are white space in extracted PDF text.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}'
}

/// `s.trim()`, with the ASCII ends read as bytes. The result is the same as std's (Unicode
/// White_Space): only a non-ASCII byte at an end hands that end to std. Std's version decodes
/// and tests one character per call in the size-optimised .wasm, and the body asks this of
/// nearly every line and paragraph.
#[inline]
pub fn trim(s: &str) -> &str {
    trim_start(trim_end(s))
}

/// `s.trim_start()` (see [`trim`]).
#[inline]
pub fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && is_ascii_white_space(b[i]) {
        i += 1;
    }
    match b.get(i) {
        Some(&c) if c >= 0x80 => s[i..].trim_start(),
        // SAFETY: `i` is the length or the index of an ASCII byte, so a char boundary (the
        // checked slice is a call per trim in the .wasm).
        _ => unsafe { s.get_unchecked(i..) },
    }
}

/// `s.trim_end()` (see [`trim`]).
#[inline]
pub fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut e = b.len();
    while e > 0 && is_ascii_white_space(b[e - 1]) {
        e -= 1;
    }
    if e > 0 && b[e - 1] >= 0x80 {
        s[..e].trim_end()
    } else {
        // SAFETY: `e` is 0 or follows an ASCII byte, so it is a char boundary.
        unsafe { s.get_unchecked(..e) }
    }
}

/// The ASCII characters of Unicode's White_Space (`char::is_whitespace`): tab to carriage
/// return, and space (unlike `u8::is_ascii_whitespace`, which leaves out the vertical tab).
#[inline(always)]
const fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Fold runs of white space to single spaces and trim.
pub fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        // Words pushed whole, found byte by byte (std's split decodes one character per call in
        // the .wasm); for ASCII, `is_space` is exactly `is_ascii_white_space`.
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && is_ascii_white_space(b[i]) {
                i += 1;
            }
            let start = i;
            while i < b.len() && !is_ascii_white_space(b[i]) {
                i += 1;
            }
            if i > start {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
            }
        }
        return out;
    }
    for w in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `a.eq_ignore_ascii_case(b)` with the length test inlined at every use: the keyword tests
/// below run per word, and most words are turned away by their length without a call. (The
/// `zip`/`all` chain is still a call at opt-level "z"; an index loop was tried: BENCHMARKS.md.)
#[inline(always)]
fn eq_ci(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y))
}

/// `s.find(needle)`, on bytes: std's two-way searcher costs 2.4 KB of .wasm. The needles here are
/// words and document symbols, a few bytes long (callers keep them under 64 bytes), so trying
/// each position stays linear in `s`.
pub fn find_str(s: &str, needle: &str) -> Option<usize> {
    let Some(&first) = needle.as_bytes().first() else {
        return Some(0);
    };
    s.as_bytes()
        .windows(needle.len())
        .position(|w| w[0] == first && w == needle.as_bytes())
}

/// `s.replacen(from, to, 1)` with [`find_str`].
pub fn replace_first(s: &str, from: &str, to: &str) -> String {
    match find_str(s, from) {
        Some(at) => {
            let mut out = String::with_capacity(s.len() + to.len());
            out.push_str(&s[..at]);
            out.push_str(to);
            out.push_str(&s[at + from.len()..]);
            out
        }
        None => s.to_string(),
    }
}

/// The last byte `b` (ASCII) in `s`: `s.rfind(b as char)` without std's reverse character
/// searcher, which costs 0.8 KB of .wasm.
pub fn rfind_byte(s: &str, b: u8) -> Option<usize> {
    s.bytes().rposition(|c| c == b)
}

/// What follows the last `b` (ASCII) in `s`, or all of `s`: `s.rsplit(b as char).next()`.
pub fn after_last(s: &str, b: u8) -> &str {
    rfind_byte(s, b).map_or(s, |i| &s[i + 1..])
}

/// `parts.join(" ")`: std's `join` is generic over separators and element types and takes
/// 0.9 KB of .wasm for the few titles and names joined here.
pub fn join_spaced<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// `s.rfind(needle)`, on bytes: std's reverse two-way searcher costs 1.6 KB of .wasm, and the
/// needles here are a few bytes long, searched in one line.
pub fn rfind_str(s: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(s.len());
    }
    s.as_bytes()
        .windows(needle.len())
        .rposition(|w| w == needle.as_bytes())
}

/// A resolution number without the prefix of a special or emergency special session:
/// "S-32/1" → "32/1", "ES-11/4" → "11/4"; other text as it is.
pub fn without_session_prefix(number: &str) -> &str {
    number
        .strip_prefix("S-")
        .or_else(|| number.strip_prefix("ES-"))
        .unwrap_or(number)
}

/// ASCII-case-insensitive prefix test.
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| eq_ci(head, prefix.as_bytes()))
}

/// `s.to_ascii_lowercase().ends_with(suffix)` for a lower-case ASCII `suffix`, without the copy.
pub fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len() && eq_ci(&s.as_bytes()[s.len() - suffix.len()..], suffix.as_bytes())
}

/// Is `w` one of `words`, ignoring ASCII case? (`words.contains(&w.to_ascii_lowercase())` for
/// lower-case lists, without the copy.)
#[inline]
pub fn is_one_of_ci(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| eq_ci(x.as_bytes(), w.as_bytes()))
}

/// `format!("{prefix}{n}")` without the formatting machinery: an id is made for every clause
/// ("pp3", "op12"), and `format!` costs several times the allocation it makes.
pub fn numbered(prefix: &str, n: usize) -> String {
    let mut s = String::with_capacity(prefix.len() + 4);
    s.push_str(prefix);
    push_decimal(&mut s, n as u64, 1);
    s
}

/// Append `n` in decimal, zero-padded to at least `width` digits (`{n:0width$}`).
pub fn push_decimal(s: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in digits.len() - start..width {
        s.push('0');
    }
    s.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// English month names, for dates in headers.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "22 April 2002" / "April 22, 2002" at the start of `s` → ISO date.
pub fn parse_date(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| is_space(c) || c == ',')
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    if words.len() < 3 {
        return None;
    }
    let month = |w: &str| MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w));
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches('.');
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            w.parse().ok()
        }
    };
    let (d, m, y) = if let (Some(d), Some(m), Some(y)) =
        (num(words[0]), month(words[1]), num(words[2]))
    {
        (d, m, y)
    } else if let (Some(m), Some(d), Some(y)) = (month(words[0]), num(words[1]), num(words[2])) {
        (d, m, y)
    } else {
        return None;
    };
    if !(1..=31).contains(&d) || !(1900..=2200).contains(&y) {
        return None;
    }
    Some(format!("{y:04}-{:02}-{d:02}", m + 1))
}

// Searching 8 bytes at a time (SWAR: one u64 holds 8 bytes, little-endian, so byte k is bits
// 8k..8k+8). Most clauses hold no digit at all and most lines are ~70 bytes, so the scanners
// that look for digits, slashes or line ends spend their time skipping; a word at a time skips
// 8 bytes in a handful of instructions (also in the .wasm, where i64 is native).
/// 0x01 in every byte of a word.
pub const LO: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
pub const HI: u64 = 0x8080_8080_8080_8080;

/// Flags (the high bit) the bytes of `x` below `n`, for `n <= 127`. Only the lowest flag is
/// exact: a borrow only starts at such a byte, so the first one is flagged and nothing before
/// it; flags above it may be wrong either way. Callers use only whether any flag is set and
/// where the lowest one is.
#[inline(always)]
pub const fn bytes_below(x: u64, n: u8) -> u64 {
    debug_assert!(n <= 127, "bytes_below needs n <= 127");
    x.wrapping_sub(LO * n as u64) & !x & HI
}

/// Flags bytes of `x` equal to `c` (lowest flag exact, as in [`bytes_below`]).
#[inline(always)]
pub const fn bytes_equal(x: u64, c: u8) -> u64 {
    bytes_below(x ^ (LO * c as u64), 1)
}

/// Flags ASCII digits in `x` (lowest flag exact, as in [`bytes_below`]).
#[inline(always)]
pub const fn ascii_digits(x: u64) -> u64 {
    bytes_below(x ^ (LO * b'0' as u64), 10)
}

/// The 8 bytes of `b` from `i` as one little-endian word, if there are 8.
#[inline(always)]
pub fn load8(b: &[u8], i: usize) -> Option<u64> {
    let chunk = b.get(i..i.checked_add(8)?)?;
    // One unaligned load. Copying into an array first (`copy_from_slice`) was free natively
    // but not in the size-optimised .wasm (scripts/wasm-instructions.sh: 517 instructions per
    // byte for the parser alone with the copy, 452 with this load and the phrase index).
    // SAFETY: `chunk` holds exactly 8 readable bytes; `read_unaligned` needs no alignment.
    Some(u64::from_le(unsafe {
        chunk.as_ptr().cast::<u64>().read_unaligned()
    }))
}

/// UTF-16 units contributed by the characters that START in `bytes`: one for every byte that
/// is not a continuation byte (0x80-0xBF), one more for the lead byte of a 4-byte sequence
/// (a surrogate pair). Eight bytes at a time: this runs over the whole input.
pub fn utf16_units(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    let mut i = 0;
    // One load per word (`load8`): a copy into an array is slow in the .wasm.
    while let Some(x) = load8(bytes, i) {
        i += 8;
        // Bit 7 of each byte: set for 10xxxxxx (a continuation byte), and for 1111xxxx (the
        // lead of a 4-byte sequence; 0xF8-0xFF never occur in UTF-8).
        let continuation = x & !(x << 1) & HIGH;
        let four_byte_lead = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        n += 8 - continuation.count_ones() as usize + four_byte_lead.count_ones() as usize;
    }
    for &b in &bytes[i..] {
        n += usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0);
    }
    n
}

/// The first `i >= from` where `b[i]` is one of the bytes `flags` marks in a word (made of the
/// functions above) and `is` accepts one by one (the same set; used for the last < 8 bytes).
/// OR-ing two flag words keeps the lowest flag exact: each part's lowest is.
#[inline(always)]
pub fn find_bytes(
    b: &[u8],
    mut i: usize,
    flags: impl Fn(u64) -> u64,
    is: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(x) = load8(b, i) {
        let f = flags(x);
        if f != 0 {
            return Some(i + (f.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| is(c)).map(|p| i + p)
}

/// The first ASCII digit at or after `from`.
#[inline]
pub fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    find_bytes(b, from, ascii_digits, |c| c.is_ascii_digit())
}

// Byte classes for the inline scanners, which ask them of every byte of every clause: a table
// lookup instead of a chain of range comparisons.
const ALNUM: u8 = 1;
const WORD: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            table[i] = ALNUM | WORD;
        } else if b == b'-' || b == b'\'' || b >= 0x80 {
            table[i] = WORD;
        }
        i += 1;
    }
    table
};

/// An ASCII letter or digit.
#[inline(always)]
pub fn is_alnum_byte(b: u8) -> bool {
    BYTE_CLASS[b as usize] & ALNUM != 0
}

/// The end of the run of ASCII letters and digits that starts at `i`.
/// (Always inlined: it is the inner loop of the reference and date scanners, and the .wasm,
/// built for size, would otherwise call it for every word.)
#[inline(always)]
pub fn alnum_run_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_alnum_byte(b[i]) {
        i += 1;
    }
    i
}

/// A byte of a word: an ASCII letter or digit, a hyphen, an apostrophe, or any byte of a
/// non-ASCII character.
#[inline(always)]
pub fn is_word_byte(b: u8) -> bool {
    BYTE_CLASS[b as usize] & WORD != 0
}

// Character classes without Unicode tables: `char::is_alphabetic`, `is_uppercase` and
// `to_lowercase` pull about 25 KB of tables into the .wasm. UN texts in English need ASCII plus
// the Latin-1, Latin Extended, Greek and Cyrillic letters of names, which these cover.

/// A letter (ASCII, or a non-ASCII character outside the punctuation and symbol blocks).
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c > '\u{bf}'
            && !matches!(c as u32, 0xd7 | 0xf7 | 0x2000..=0x2bff | 0x3000..=0x303f | 0xfe30..=0xfe4f | 0xff00..=0xff20))
}

/// A letter or an ASCII digit.
pub fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit()
}

/// An upper-case letter: ASCII, Latin-1 (À-Þ), Greek and Cyrillic capitals.
pub fn is_upper(c: char) -> bool {
    c.is_ascii_uppercase()
        || matches!(c as u32, 0xc0..=0xde if c != '\u{d7}')
        || matches!(c as u32, 0x391..=0x3a9 | 0x400..=0x42f)
        || (matches!(c as u32, 0x100..=0x17f) && c as u32 % 2 == 0)
}

/// A lower-case letter: ASCII, Latin-1 (ß-ÿ), Greek and Cyrillic small letters.
pub fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase()
        || matches!(c as u32, 0xdf..=0xff if c != '\u{f7}')
        || matches!(c as u32, 0x3b1..=0x3c9 | 0x430..=0x45f)
        || (matches!(c as u32, 0x100..=0x17f) && c as u32 % 2 == 1)
}

/// Lower-case for the letters [`is_upper`] knows; others unchanged.
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5a => u + 32,
        0xc0..=0xde if u != 0xd7 => u + 32,
        0x391..=0x3a9 => u + 32,
        0x410..=0x42f => u + 32,
        0x400..=0x40f => u + 80,
        0x100..=0x17f if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Lower-case a string with [`lower_char`].
pub fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn searches_like_std() {
        let pieces = [" ", "-", "(", "a", "an", "and", "’", "é", " and "];
        let needles = ["", " ", "-", "(", "a", "and", " and ", "’", "nd a", "’’"];
        let mut next = random(0x5ea7_c4e5);
        for _ in 0..20_000 {
            let len = (next() % 8) as usize;
            let s: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            for n in needles {
                assert_eq!(find_str(&s, n), s.find(n), "should find {n:?} in {s:?}");
                assert_eq!(
                    rfind_str(&s, n),
                    s.rfind(n),
                    "should find the last {n:?} in {s:?}"
                );
                assert_eq!(
                    replace_first(&s, n, "X"),
                    s.replacen(n, "X", 1),
                    "should replace the first {n:?} in {s:?}"
                );
            }
            let words: Vec<&str> = s.split(' ').collect();
            assert_eq!(
                join_spaced(words.iter().copied()),
                words.join(" "),
                "should join the words of {s:?} as join does"
            );
            for b in [b' ', b'-', b'('] {
                let c = b as char;
                assert_eq!(
                    rfind_byte(&s, b),
                    s.rfind(c),
                    "should find the last {c:?} in {s:?}"
                );
                assert_eq!(
                    after_last(&s, b),
                    s.rsplit(c).next().unwrap(),
                    "should give what follows the last {c:?} in {s:?}"
                );
            }
        }
    }

    #[test]
    fn trims_and_folds_like_std() {
        let pieces = [
            " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1c}", "\u{85}", "\u{a0}", "\u{2003}",
            "\u{3000}", "a", "é", "😀", ".", "\u{ad}",
        ];
        let mut next = random(0x7e57_0f71);
        for _ in 0..20_000 {
            let len = (next() % 7) as usize;
            let s: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            assert_eq!(trim(&s), s.trim(), "should trim {s:?} as str::trim does");
            assert_eq!(
                trim_start(&s),
                s.trim_start(),
                "should trim the start of {s:?}"
            );
            assert_eq!(trim_end(&s), s.trim_end(), "should trim the end of {s:?}");
            let words: Vec<&str> = s.split(is_space).filter(|w| !w.is_empty()).collect();
            assert_eq!(
                fold_spaces(&s),
                words.join(" "),
                "should fold the spaces of {s:?}"
            );
            let ascii: String = s.chars().filter(char::is_ascii).collect();
            let words: Vec<&str> = ascii.split(is_space).filter(|w| !w.is_empty()).collect();
            assert_eq!(
                fold_spaces(&ascii),
                words.join(" "),
                "should fold {ascii:?}"
            );
        }
    }

    /// A deterministic xorshift generator for the unit tests' random texts.
    pub(crate) fn random(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        let mut next = random(0x1234_5678_9abc_def1);
        for k in 0..10_000u64 {
            // Small numbers, powers of ten and their neighbours, and random ones up to u64::MAX.
            let n = match k % 3 {
                0 => k,
                1 => 10u64.pow((k % 20) as u32).wrapping_sub(k % 2),
                _ => next() >> (k % 64),
            };
            for width in 0..6 {
                let mut s = String::from("x");
                push_decimal(&mut s, n, width);
                assert_eq!(
                    s,
                    format!("x{n:0width$}"),
                    "should write {n} padded to {width}"
                );
            }
            assert_eq!(
                numbered("op", n as usize),
                format!("op{n}"),
                "should number op{n}"
            );
        }
    }

    #[test]
    fn word_at_a_time_search_finds_what_a_byte_loop_finds() {
        // Every byte value, in random texts of every length up to 40 and from every start.
        let mut next = random(0x9e37_79b9_7f4a_7c15);
        let digit_or_star = |x: u64| ascii_digits(x) | bytes_equal(x, b'*');
        for round in 0..20_000 {
            let len = round % 41;
            // Mostly letters and spaces, sometimes any byte, as in real text.
            let b: Vec<u8> = (0..len)
                .map(|_| match next() % 16 {
                    0 => (next() % 256) as u8,
                    1 => b'0' + (next() % 10) as u8,
                    2 => b'*',
                    _ => b"abc /:9\n\r\x80\xff"[(next() % 10) as usize],
                })
                .collect();
            for from in 0..=len {
                let naive = |is: &dyn Fn(u8) -> bool| {
                    b[from..].iter().position(|&c| is(c)).map(|p| from + p)
                };
                assert_eq!(
                    next_digit(&b, from),
                    naive(&|c| c.is_ascii_digit()),
                    "should find the first digit in {b:?} from {from}"
                );
                assert_eq!(
                    find_bytes(&b, from, digit_or_star, |c| c == b'*' || c.is_ascii_digit()),
                    naive(&|c| c == b'*' || c.is_ascii_digit()),
                    "should find the first digit or asterisk in {b:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn mapped_keeps_offsets_across_joins() {
        let input = "abc\ndef";
        let mut m = Mapped::new();
        m.push_orig("abc", 0);
        m.push_synthetic(" ", 3);
        m.push_orig("def", 4);
        assert_eq!(m.text, "abc def");
        assert_eq!(m.orig(0), 0, "should map start");
        assert_eq!(m.orig(4), 4, "should map the second line");
        assert_eq!(m.span(4, 7), Span::new(4, 7), "should span 'def'");
        assert_eq!(&input[m.span(0, 7).start..m.span(0, 7).end], input);
        let mut n = Mapped::new();
        n.push_mapped(&m, 2, 6);
        assert_eq!(n.text, "c de");
        assert_eq!(
            n.span(0, 4),
            Span::new(2, 6),
            "should keep mapping when copied"
        );
    }

    #[test]
    fn dates_in_both_orders() {
        assert_eq!(parse_date("22 April 2002").as_deref(), Some("2002-04-22"));
        assert_eq!(parse_date("July 15, 2025").as_deref(), Some("2025-07-15"));
        assert_eq!(
            parse_date("Agenda item 19"),
            None,
            "should not read agenda lines"
        );
    }
}
