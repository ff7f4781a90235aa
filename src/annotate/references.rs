//! References to other documents (UN symbols and resolution/decision citations) and to
//! paragraphs, found in one clause's cleaned text.
//!
//! Grammar (`un-conventions.md` §2; spaces are runs of one or more spaces, since line breaks
//! became spaces and footnote markers became spaces of the same length):
//!
//! ```text
//! symbol    = series "/" comp { "/" comp } [ " "* paren ]        A/C.3/68/L.75/Rev.1
//! series    = UPPER { UPPER | DIGIT }                            (at most 10)
//! comp      = ("S-"|"ES-") digits | digits | UPPER {alpha} ["." digits ["-" digits]]
//! paren     = "(" roman ")"  after X/RES/n                       A/RES/217 (III)
//!           | "(" year ")"   after S/RES/n                       S/RES/1373 (2001)
//!           | "(Part " roman ")" | "(Resumption " n ")" | "(Sect. " n ")" | "(Vol. " roman ")" | "(Supp)"
//! joint     = symbol "-" symbol                                  A/80/74-E/2025/53 (two refs)
//! citation  = [organ] ("resolution"|"decision")["s"] num { sep num }
//! organ     = "General Assembly" | "Security Council" | "Economic and Social Council"
//!           | "Human Rights Council" | "Commission on Human Rights" | "its" | "the Assembly" ...
//! num       = ["S-"|"ES-"] d{1,3} "/" d{1,4} [let]               60/251, S-8/1, 54/237 C
//!           | year "/" d{1,4} [let]                              1987/147, 2000/80
//!           | d{1,4} [let] "(" ["S-"|"ES-"] roman ")"            92 (X), 217 A (III), 3411 A and B (XXX)
//!           | d{1,4} "(" year ")"                                1325 (2000), 2476 (2019)
//!           | d{1,4}                                             2743 (Security Council only)
//!           | d "/" UPPER "." d                                  1/CP.21 (target null)
//! let       = " " UPPER [(" and " | " to " | "-") UPPER]
//! sep       = [" of " date] ("," | " and " | ", and " | " or ")
//! paragraph = ["operative"|"preambular"] "paragraph"["s"] d{1,3} {"(" label ")"} {sep ...}
//!             ("above" | "below" | "of the present resolution")  -> internal, target "op1-a"
//!           | ... "of" <another document>                       -> kind paragraph, target null
//! ```
//!
//! Targets: "General Assembly resolution 92 (X)" → `A/RES/92(X)`; "Security Council resolution
//! 1325 (2000)" → `S/RES/1325(2000)`; "resolution 2743" in an SC text → `S/RES/2743`;
//! "Economic and Social Council decision 1987/147" → `E/DEC/1987/147`; "Human Rights Council
//! resolution 5/1" → `A/HRC/RES/5/1`; "Commission resolution 2000/80" in a Commission on Human
//! Rights text → `E/CN.4/RES/2000/80`; "54/237 C" → `A/RES/54/237 C` and "74/92 A and B" →
//! `A/RES/74/92 A-B` (the oracle's normalisation); "217 A (III)" → `A/RES/217(III)` (undocs.org
//! files all lettered parts of a pre-1976 resolution under one symbol). Symbols printed with a
//! space before the parenthesis lose it (`A/52/23(PartIV)`), as on undocs.org. Resolutions of
//! other bodies ("Governing Council decision 27/2", "Commission for Social Development
//! resolution 2023/1") are kept with a null target, as are GA decisions (no document symbol).
//!
//! Real excerpt (E/2025/L.20): "Recalling its resolutions 2013/12 of 22 July 2013, … and 2024/17
//! of 23 July 2024 and its decisions 2022/355 ..." → one reference per number, the first span
//! starting at "resolutions".
//!
//! Traps: `A/RES/60-251` (wrong separator) and lowercase `a/res/60/251` are not symbols; "resolution"
//! followed by a page or a bare number outside the Security Council is not a citation; "the 2030
//! Agenda", dates and "para. 33" are not references; `A/RES/60/251 (2006)` keeps the year out;
//! a gloss inside a list (", on the right to the truth, and 4/102") ends the list. One forward
//! pass: every position is examined a bounded number of times (no backtracking across a list).

use super::dates::date_end;
use crate::text::{trim, trim_end};

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Symbol,
    Resolution,
    Decision,
    Paragraph,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Symbol => "symbol",
            RefKind::Resolution => "resolution",
            RefKind::Decision => "decision",
            RefKind::Paragraph => "paragraph",
        }
    }
}

/// A reference found in a text: byte offsets into it and the canonical target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRef {
    pub kind: RefKind,
    pub start: usize,
    pub end: usize,
    /// Canonical symbol ("A/RES/92(X)"), clause id for internal paragraphs ("op1-a"), or None.
    pub target: Option<String>,
}

/// What the scanner knows about the document the text comes from.
pub struct RefContext<'a> {
    /// The adopting body: "General Assembly", "Security Council", "Economic and Social Council",
    /// "Human Rights Council", "Commission on Human Rights", "Commission for Social Development"...
    pub organ: Option<&'a str>,
    /// The document's own symbol (not used for resolution yet; kept for context).
    pub symbol: Option<&'a str>,
}

/// `https://undocs.org/<target>`, spaces removed ("A/RES/54/237 C" → ".../A/RES/54/237C") and
/// anything outside `[A-Za-z0-9./()-]` percent-encoded.
pub fn undocs_url(target: &str) -> String {
    let mut s = String::with_capacity(19 + target.len());
    s.push_str("https://undocs.org/");
    // "A/RES/74/92 A-B": undocs files the parts separately; link the first. (The end is
    // matched first: a substring search per reference is a searcher set up each time.)
    let n = target.len();
    let t = match target.as_bytes() {
        [.., b' ', b'A', b'-', _] if crate::text::find_str(target, " A-") == Some(n - 4) => {
            &target[..n - 2]
        }
        _ => target,
    };
    for &c in t.as_bytes() {
        match c {
            b' ' => {}
            c if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'/' | b'(' | b')' | b'-') => {
                s.push(c as char)
            }
            c => {
                s.push('%');
                s.push(char::from(b"0123456789ABCDEF"[usize::from(c >> 4)]));
                s.push(char::from(b"0123456789ABCDEF"[usize::from(c & 15)]));
            }
        }
    }
    s
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Organ {
    Ga,
    Sc,
    Ecosoc,
    Hrc,
    Chr,
    /// Another named body: a functional commission, a governing council, a COP...
    Other,
    /// "the Council" in a text that is not a council's: the number's form tells which one
    /// (1987/147 ECOSOC, 1325 (2000) Security Council, 5/1 Human Rights Council).
    AnyCouncil,
}

fn organ_from_name(name: &str) -> Organ {
    const ORGANS: [(&str, &str, Organ); 5] = [
        ("General Assembly", "GA", Organ::Ga),
        ("Security Council", "SC", Organ::Sc),
        ("Economic and Social Council", "ECOSOC", Organ::Ecosoc),
        ("Human Rights Council", "HRC", Organ::Hrc),
        ("Commission on Human Rights", "CHR", Organ::Chr),
    ];
    let n = trim(name);
    // Asked for every clause with a digit or a slash, and the name is nearly always exactly one
    // of these: equality first, since each substring search sets up a searcher. (No name
    // contains another, so the order of the two passes does not change the answer.)
    ORGANS
        .iter()
        .find(|&&(full, short, _)| n == full || n == short)
        .or_else(|| {
            ORGANS
                .iter()
                .find(|&&(full, _, _)| crate::text::find_str(n, full).is_some())
        })
        .map_or(Organ::Other, |&(_, _, organ)| organ)
}

fn is_alnum(c: u8) -> bool {
    crate::text::is_alnum_byte(c)
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

fn digits(b: &[u8], i: usize, max: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    (j > i && j - i <= max).then_some(j)
}

fn roman(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && matches!(b[j], b'I' | b'V' | b'X' | b'L' | b'C') {
        j += 1;
    }
    (j > i && j - i <= 8).then_some(j)
}

/// `word` at `i`, case-sensitive, followed by a non-alphanumeric byte.
fn word_at(b: &[u8], i: usize, w: &str) -> bool {
    let e = i + w.len();
    e <= b.len() && &b[i..e] == w.as_bytes() && (e == b.len() || !is_alnum(b[e]))
}

/// "(S-|ES-)?ROMAN" inside parentheses starting at `i` (just after "("): end before ")".
fn session_roman(b: &[u8], i: usize) -> Option<usize> {
    let j = if b[i..].starts_with(b"S-") {
        i + 2
    } else if b[i..].starts_with(b"ES-") {
        i + 3
    } else {
        i
    };
    roman(b, j)
}

/// A symbol at `i`: (end, target).
fn symbol(text: &str, i: usize) -> Option<(usize, String)> {
    let b = text.as_bytes();
    // series
    if !b.get(i)?.is_ascii_uppercase() {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && (b[j].is_ascii_uppercase() || b[j].is_ascii_digit()) && j - i < 10 {
        j += 1;
    }
    if b.get(j) != Some(&b'/') {
        return None;
    }
    let series_len = j - i;
    let mut comps = 0;
    let mut dotted = false;
    let mut numeric_only = true;
    let mut has_digit = b[i..j].iter().any(u8::is_ascii_digit);
    // (index of the "RES" component end, number component end) to allow "(III)"/"(2000)".
    let mut res_at: Option<usize> = None;
    let mut res_num_only = false;
    let mut end;
    loop {
        // j is at '/'
        let s = j + 1;
        if s >= b.len() {
            return None;
        }
        let c = b[s];
        let e;
        if c.is_ascii_digit() {
            e = digits(b, s, 4)?;
            has_digit = true;
            // "A/RES/60-251": a hyphen between numbers is a wrong separator.
            if b.get(e) == Some(&b'-') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            if res_at == Some(s) {
                res_num_only = true;
            }
        } else if (b[s..].starts_with(b"S-") || b[s..].starts_with(b"ES-"))
            && b.get(s + if c == b'S' { 2 } else { 3 })
                .is_some_and(u8::is_ascii_digit)
        {
            e = digits(b, s + if c == b'S' { 2 } else { 3 }, 3)?;
            has_digit = true;
            numeric_only = false;
        } else if c.is_ascii_uppercase() {
            let mut k = s + 1;
            while k < b.len() && b[k].is_ascii_alphabetic() && k - s < 10 {
                k += 1;
            }
            numeric_only = false;
            if b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
                k = digits(b, k + 1, 5)?;
                if b.get(k) == Some(&b'-') && b.get(k + 1).is_some_and(u8::is_ascii_digit) {
                    k = digits(b, k + 1, 5)?;
                }
                dotted = true;
                has_digit = true;
            } else if &b[s..k] == b"RES" || &b[s..k] == b"DEC" {
                res_at = Some(k + 1);
            }
            e = k;
        } else {
            return None;
        }
        comps += 1;
        end = e;
        // Glued alphanumerics ("A/60/L1") make the whole thing not a symbol.
        if b.get(e).is_some_and(|&x| is_alnum(x)) {
            return None;
        }
        if b.get(e) == Some(&b'/') && b.get(e + 1).is_some_and(|&x| is_alnum(x)) {
            j = e;
            continue;
        }
        break;
    }
    let _ = numeric_only;
    let valid = has_digit && (comps >= 2 || dotted || series_len >= 2);
    if !valid {
        return None;
    }
    let mut target = String::with_capacity(end - i + 8);
    target.push_str(&text[i..end]);
    // Optional parenthesis.
    let is_res_number = res_at.is_some() && res_num_only && comps == 2;
    let k = skip_spaces(b, end);
    // "A/RES/217 A (III)": a lettered old GA resolution.
    let mut k2 = k;
    if is_res_number
        && k > end
        && b.get(k).is_some_and(u8::is_ascii_uppercase)
        && b.get(k + 1) == Some(&b' ')
    {
        let k3 = skip_spaces(b, k + 1);
        if b.get(k3) == Some(&b'(') {
            k2 = k3;
        }
    }
    if b.get(k2) == Some(&b'(') {
        let p = k2 + 1;
        let mut close = None;
        if p < b.len() {
            if is_res_number && b[i] == b'S' && series_len == 1 {
                if let Some(e) = digits(b, p, 4).filter(|e| e - p == 4) {
                    close = Some(e);
                }
            } else if is_res_number {
                close = session_roman(b, p);
            }
            if close.is_none() {
                for prefix in ["Part ", "Part", "Vol. ", "Vol."] {
                    if b[p..].starts_with(prefix.as_bytes()) {
                        close = roman(b, p + prefix.len());
                        break;
                    }
                }
            }
            if close.is_none() {
                for prefix in ["Resumption ", "Sect. ", "Sect."] {
                    if b[p..].starts_with(prefix.as_bytes()) {
                        close = digits(b, p + prefix.len(), 3);
                        break;
                    }
                }
            }
            if close.is_none() {
                for w in ["Supp", "supp", "SUPP"] {
                    if b[p..].starts_with(w.as_bytes()) {
                        close = Some(p + 4);
                    }
                }
            }
        }
        if let Some(c) = close {
            if b.get(c) == Some(&b')') {
                target.push('(');
                target.extend(text[p..c].chars().filter(|&ch| ch != ' '));
                target.push(')');
                return Some((c + 1, target));
            }
        }
    }
    Some((end, target))
}

/// The shape of a cited number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// 60/251, S-8/1, ES-10/19: (session text range, number range)
    Session,
    /// 1987/147
    Year,
    /// 92 (X), 217 A (III)
    Roman,
    /// 1325 (2000)
    ScYear,
    /// 2743
    Bare,
    /// 1/CP.21
    Cop,
}

struct Num {
    form: Form,
    end: usize,
    /// "60/251", "1987/147", "92", "1325".
    core: (usize, usize),
    /// "(X)" content or "2000".
    paren: (usize, usize),
    /// Letters: first and last ("A", "B") as bytes; 0 when absent. A doubled letter (parts
    /// after Z: "53/77 AA") is the letter and 0.
    letters: (u8, u8),
}

/// " A", " A and B", " A to D", " A-B" after a number: (end, first, last); " AA": (end,
/// b'A', 0).
fn letters(b: &[u8], i: usize) -> Option<(usize, u8, u8)> {
    let j = skip_spaces(b, i);
    if j == i {
        return None;
    }
    // "53/77 AA of 4 December 1998": the parts after Z are lettered AA, BB, ...
    let doubled = b.get(j).is_some_and(u8::is_ascii_uppercase)
        && b.get(j + 1) == b.get(j)
        && !b
            .get(j + 2)
            .is_some_and(|&c| is_alnum(c) || c == b'/' || c == b'.');
    if doubled {
        return Some((j + 2, b[j], 0));
    }
    // A single capital: not "A/RES", not "A.1" (but "67/234 B." ends a sentence).
    let one = |k: usize| -> bool {
        b.get(k).is_some_and(u8::is_ascii_uppercase)
            && !b.get(k + 1).is_some_and(|&c| is_alnum(c) || c == b'/')
            && !(b.get(k + 1) == Some(&b'.') && b.get(k + 2).is_some_and(|&c| is_alnum(c)))
    };
    if !one(j) {
        return None;
    }
    let first = b[j];
    let mut end = j + 1;
    let mut last = first;
    if b.get(end) == Some(&b'-') && one(end + 1) {
        last = b[end + 1];
        end += 2;
    } else {
        let k = skip_spaces(b, end);
        for w in ["and", "to"] {
            if k > end && word_at(b, k, w) {
                let m = skip_spaces(b, k + w.len());
                if m > k + w.len() && one(m) {
                    last = b[m];
                    end = m + 1;
                }
                break;
            }
        }
    }
    Some((end, first, last))
}

/// A cited number at `i`.
fn cite_num(b: &[u8], i: usize) -> Option<Num> {
    let mut s = i;
    let special = if b[i..].starts_with(b"S-") {
        s = i + 2;
        true
    } else if b[i..].starts_with(b"ES-") {
        s = i + 3;
        true
    } else {
        false
    };
    let e1 = digits(b, s, 4)?;
    if b.get(e1) == Some(&b'/') {
        let n = e1 + 1;
        if b.get(n).is_some_and(u8::is_ascii_uppercase) && !special {
            // 1/CP.21, 4/CMA.1
            let mut k = n;
            while k < b.len() && b[k].is_ascii_uppercase() {
                k += 1;
            }
            if b.get(k) == Some(&b'.') {
                let e = digits(b, k + 1, 3)?;
                if b.get(e).is_some_and(|&c| is_alnum(c)) {
                    return None;
                }
                return Some(Num {
                    form: Form::Cop,
                    end: e,
                    core: (i, e),
                    paren: (0, 0),
                    letters: (0, 0),
                });
            }
            return None;
        }
        let e2 = digits(b, n, 4)?;
        if b.get(e2).is_some_and(|&c| is_alnum(c) || c == b'/') {
            return None;
        }
        let year_form = !special && e1 - s == 4 && (b[s] == b'1' || b[s] == b'2');
        if !year_form && e1 - s > 3 {
            return None;
        }
        let (end, l) = match letters(b, e2) {
            Some((e, f, l)) => (e, (f, l)),
            None => (e2, (0, 0)),
        };
        return Some(Num {
            form: if year_form { Form::Year } else { Form::Session },
            end,
            core: (i, e2),
            paren: (0, 0),
            letters: l,
        });
    }
    if special {
        return None;
    }
    if b.get(e1).is_some_and(|&c| is_alnum(c))
        || (b.get(e1) == Some(&b'.') && b.get(e1 + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    // "217 A (III)", "1325 (2000)", "2476  (2019)"
    let (after_letters, l) = match letters(b, e1) {
        Some((e, f, l)) => (e, (f, l)),
        None => (e1, (0, 0)),
    };
    let p = skip_spaces(b, after_letters);
    if b.get(p) == Some(&b'(') {
        let q = p + 1;
        if let Some(e) = digits(b, q, 4).filter(|e| e - q == 4 && l.0 == 0) {
            if b.get(e) == Some(&b')') {
                return Some(Num {
                    form: Form::ScYear,
                    end: e + 1,
                    core: (i, e1),
                    paren: (q, e),
                    letters: (0, 0),
                });
            }
        }
        if q < b.len() {
            if let Some(e) = session_roman(b, q) {
                if b.get(e) == Some(&b')') {
                    return Some(Num {
                        form: Form::Roman,
                        end: e + 1,
                        core: (i, e1),
                        paren: (q, e),
                        letters: l,
                    });
                }
            }
        }
    }
    Some(Num {
        form: Form::Bare,
        end: e1,
        core: (i, e1),
        paren: (0, 0),
        letters: (0, 0),
    })
}

/// Start of the last word of `s` (letters, digits, hyphens).
fn word_start(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| !crate::text::is_word_char(c) && c != '-')
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// The organ named just before a citation trigger at `t`; Ok(None) when none is named
/// (the form of the number and the context decide), Ok(Some) when one is.
fn organ_before(text: &str, t: usize, ctx: Option<Organ>) -> Option<Organ> {
    let pre = trim_end(&text[..t]);
    organ_ending(pre, ctx, true)
}

/// The organ whose name ends `named` ("... the Economic and Social Council"), without looking
/// further back through ", in its".
fn organ_before_named(named: &str, ctx: Option<Organ>) -> Option<Organ> {
    organ_ending(named, ctx, false)
}

fn organ_ending(pre: &str, ctx: Option<Organ>, follow_its: bool) -> Option<Organ> {
    const NAMED: &[(&str, Organ)] = &[
        ("Economic and Social Council", Organ::Ecosoc),
        ("Human Rights Council", Organ::Hrc),
        ("Commission on Human Rights", Organ::Chr),
        ("General Assembly", Organ::Ga),
        ("Security Council", Organ::Sc),
    ];
    for (name, o) in NAMED {
        if pre.ends_with(name) {
            return Some(*o);
        }
    }
    // The last word and the one before it.
    let last_start = word_start(pre);
    let last = &pre[last_start..];
    let before = trim_end(&pre[..last_start]);
    let prev_start = word_start(before);
    let prev = &before[prev_start..];
    let generic_prev = prev.is_empty()
        || prev == "the"
        || prev == "its"
        || prev == "that"
        || prev == "this"
        || prev.bytes().next().is_some_and(|c| c.is_ascii_lowercase())
        || ((prev.ends_with("ing") || prev.ends_with("ed"))
            && !matches!(
                prev,
                "Governing" | "Standing" | "Coordinating" | "Organizing" | "United"
            ))
        || (prev_start == 0 && !prev.as_bytes()[0].is_ascii_uppercase());
    match last {
        // "the Economic and Social Council, in its resolution 2003/14": the organ named before
        // ", in its" (looked up once, not recursively).
        "its" if follow_its && prev == "in" && trim_end(&before[..prev_start]).ends_with(',') => {
            let named = trim_end(&before[..prev_start]);
            let named = trim_end(&named[..named.len() - 1]);
            organ_before_named(named, ctx)
        }
        // "its resolutions": the document's own organ, which the defaults by form already use.
        "its" | "their" => None,
        "Assembly" if generic_prev => Some(Organ::Ga),
        "Council" if generic_prev => match ctx {
            Some(o @ (Organ::Sc | Organ::Ecosoc | Organ::Hrc)) => Some(o),
            _ => Some(Organ::AnyCouncil),
        },
        "Commission" if generic_prev => match ctx {
            Some(o @ (Organ::Chr | Organ::Other)) => Some(o),
            _ => Some(Organ::Other),
        },
        "Assembly" | "Council" | "Commission" | "Board" | "Conference" | "Committee"
        | "Parties" | "Meeting" | "Forum" | "Development" | "Women" | "Statistics"
        | "Population" | "Drugs" | "Justice" | "Governors" | "Directors" | "Authority"
        | "Agency" | "Programme" | "Organization" | "Sub-Commission" | "Subcommission" => {
            Some(Organ::Other)
        }
        _ => None,
    }
}

/// The canonical target of a cited number given its organ (explicit or by default).
fn cite_target(
    text: &str,
    n: &Num,
    decision: bool,
    organ: Option<Organ>,
    ctx: Option<Organ>,
) -> Option<String> {
    let core = &text[n.core.0..n.core.1];
    let paren = &text[n.paren.0..n.paren.1];
    let organ = match organ {
        Some(o) => o,
        None => match n.form {
            Form::ScYear => Organ::Sc,
            Form::Roman => match ctx {
                Some(Organ::Ecosoc) => Organ::Ecosoc,
                _ => Organ::Ga,
            },
            Form::Session => match ctx {
                Some(Organ::Hrc) => Organ::Hrc,
                _ => Organ::Ga,
            },
            Form::Year => match ctx {
                Some(Organ::Hrc | Organ::Chr) => Organ::Chr,
                Some(Organ::Other) => Organ::Other,
                _ => Organ::Ecosoc,
            },
            Form::Bare => ctx.unwrap_or(Organ::Other),
            Form::Cop => Organ::Other,
        },
    };
    let organ = match (organ, n.form) {
        (Organ::AnyCouncil, Form::Year | Form::Roman) => Organ::Ecosoc,
        (Organ::AnyCouncil, Form::ScYear | Form::Bare) => Organ::Sc,
        (Organ::AnyCouncil, Form::Session) => Organ::Hrc,
        (o, _) => o,
    };
    let kind = if decision { "DEC" } else { "RES" };
    let mut t = match (organ, n.form) {
        (Organ::Ga, Form::Session) if !decision => format!("A/RES/{core}"),
        (Organ::Ga, Form::Roman) if !decision => format!("A/RES/{core}({paren})"),
        (Organ::Sc, Form::ScYear) if !decision => format!("S/RES/{core}({paren})"),
        (Organ::Sc, Form::Bare) if !decision => format!("S/RES/{core}"),
        (Organ::Ecosoc, Form::Year) => format!("E/{kind}/{core}"),
        (Organ::Ecosoc, Form::Roman) if !decision => format!("E/RES/{core}({paren})"),
        (Organ::Hrc, Form::Session) => format!("A/HRC/{kind}/{core}"),
        (Organ::Chr, Form::Year) => format!("E/CN.4/{kind}/{core}"),
        _ => return None,
    };
    if n.letters.0 != 0 && n.form != Form::Roman {
        t.push(' ');
        t.push(n.letters.0 as char);
        if n.letters.1 == 0 {
            t.push(n.letters.0 as char);
        } else if n.letters.1 != n.letters.0 {
            t.push('-');
            t.push(n.letters.1 as char);
        }
    }
    Some(t)
}

/// After a cited number: skip " of <date>" and a separator; the start of the next number.
fn next_in_list(text: &str, mut i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let k = skip_spaces(b, i);
    if word_at(b, k, "of") {
        let d = skip_spaces(b, k + 2);
        if let Some(e) = date_end(text, d) {
            i = e;
        }
    }
    // ", entitled “...”"
    let mut k = skip_spaces(b, i);
    let k_comma = if b.get(k) == Some(&b',') {
        skip_spaces(b, k + 1)
    } else {
        k
    };
    if word_at(b, k_comma, "entitled") {
        let q = skip_spaces(b, k_comma + 8);
        let close: &[u8] = if text[q..].starts_with('“') {
            "”".as_bytes()
        } else if b.get(q) == Some(&b'"') {
            b"\""
        } else {
            b""
        };
        if !close.is_empty() {
            let open_len = if b[q] == b'"' { 1 } else { 3 };
            if let Some(e) = find_bytes(&b[q + open_len..], close) {
                i = q + open_len + e + close.len();
                k = skip_spaces(b, i);
            }
        }
    }
    // A short gloss: "2/105 of 27 November 2006, on the right to the truth, and 4/102",
    // "2419 (2018) of 6 June 2018 on youth, peace and security, 1366 (2001)".
    let g = if b.get(k) == Some(&b',') {
        skip_spaces(b, k + 1)
    } else {
        k
    };
    if word_at(b, g, "on") {
        let lim = (g + 150).min(b.len());
        let mut x = g + 2;
        while x < lim && !matches!(b[x], b';' | b'.' | b'(' | b':') {
            let y = if b[x] == b',' {
                let y = skip_spaces(b, x + 1);
                if word_at(b, y, "and") {
                    skip_spaces(b, y + 3)
                } else {
                    y
                }
            } else if b[x - 1] == b' ' && word_at(b, x, "and") {
                skip_spaces(b, x + 3)
            } else {
                x += 1;
                continue;
            };
            if b.get(y).is_some_and(u8::is_ascii_digit) {
                if let Some(n) = cite_num(b, y) {
                    if matches!(
                        n.form,
                        Form::Session | Form::Year | Form::ScYear | Form::Roman
                    ) {
                        return Some(y);
                    }
                }
            }
            x += 1;
        }
    }
    let mut sep = false;
    if b.get(k) == Some(&b',') {
        k = skip_spaces(b, k + 1);
        sep = true;
    }
    for w in ["and", "or"] {
        if word_at(b, k, w) {
            k = skip_spaces(b, k + w.len());
            sep = true;
            break;
        }
    }
    (sep && b
        .get(k)
        .is_some_and(|c| c.is_ascii_digit() || *c == b'S' || *c == b'E'))
    .then_some(k)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Internal or external paragraph references after "paragraph(s)" at `t` (word end `we`).
fn paragraphs(text: &str, t: usize, we: usize, out: &mut Vec<FoundRef>) -> usize {
    let b = text.as_bytes();
    let pre = trim_end(&text[..t]);
    let prefix = if pre.ends_with("preambular") {
        Some("pp")
    } else if pre.ends_with("operative") {
        Some("op")
    } else {
        None
    };
    let start_word = if prefix.is_some() {
        crate::text::rfind_byte(pre, b' ').map_or(0, |k| k + 1)
    } else {
        t
    };
    // Items: (start, end, id)
    let mut items: Vec<(usize, usize, String)> = Vec::new();
    let mut k = skip_spaces(b, we);
    while let Some(e) = digits(b, k, 3) {
        if b.get(e).is_some_and(|&c| {
            is_alnum(c) || c == b'/' || c == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_digit)
        }) {
            break;
        }
        let mut id = String::with_capacity(8);
        id.push_str(&text[k..e]);
        let mut end = e;
        // "(a)", "(ii)"
        loop {
            let p = skip_spaces(b, end);
            if b.get(p) != Some(&b'(') {
                break;
            }
            let mut q = p + 1;
            while q < b.len() && b[q].is_ascii_lowercase() && q - p <= 5 {
                q += 1;
            }
            if q == p + 1 || b.get(q) != Some(&b')') {
                break;
            }
            id.push('-');
            id.push_str(&text[p + 1..q]);
            end = q + 1;
        }
        items.push((if items.is_empty() { start_word } else { k }, end, id));
        // separators
        let mut n = skip_spaces(b, end);
        let mut sep = false;
        if b.get(n) == Some(&b',') {
            n = skip_spaces(b, n + 1);
            sep = true;
        }
        for w in ["and", "to", "or"] {
            if word_at(b, n, w) {
                n = skip_spaces(b, n + w.len());
                sep = true;
                break;
            }
        }
        if !sep || !b.get(n).is_some_and(u8::is_ascii_digit) {
            break;
        }
        k = n;
    }
    let Some(last_end) = items.last().map(|x| x.1) else {
        return we;
    };
    let after = skip_spaces(b, last_end);
    let after_comma = if b.get(after) == Some(&b',') {
        skip_spaces(b, after + 1)
    } else {
        after
    };
    let internal = prefix.is_some()
        || word_at(b, after, "above")
        || word_at(b, after, "below")
        || text[after..].starts_with("of the present resolution")
        || text[after..].starts_with("of the present decision")
        || text[after..].starts_with("of this resolution");
    let external = !internal && word_at(b, after_comma, "of");
    if !internal && !external {
        return last_end;
    }
    let p = prefix.unwrap_or("op");
    for (n, (s, e, id)) in items.into_iter().enumerate() {
        let mut s = s;
        if external && n == 0 {
            // "Part II, paragraph 16, of the Vienna Declaration"
            let pre = trim_end(&text[..s]);
            let pre = pre.strip_suffix(',').unwrap_or(pre).trim_end();
            let w = crate::text::rfind_byte(pre, b' ').map_or(0, |k| k + 1);
            let w2 = trim_end(&pre[..w]).rfind(' ').map_or(0, |k| k + 1);
            let label = trim_end(&pre[w2..w]);
            if matches!(
                label,
                "Part" | "part" | "section" | "Section" | "chapter" | "Chapter"
            ) && pre[w..]
                .bytes()
                .all(|c| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C' | b'A'..=b'Z' | b'0'..=b'9'))
            {
                s = w2;
            }
        }
        out.push(FoundRef {
            kind: RefKind::Paragraph,
            start: s,
            end: e,
            target: internal.then(|| format!("{p}{id}")),
        });
    }
    last_end
}

/// Every reference in `text`, in order of position.
pub fn find_references(text: &str, ctx: &RefContext) -> Vec<FoundRef> {
    let b = text.as_bytes();
    // Every reference holds a number or a slash (a symbol, "resolution 60/251", "paragraph 5"):
    // a text with neither (a good part of all clauses) needs no word-by-word scan.
    let digit_or_slash = |x| crate::text::ascii_digits(x) | crate::text::bytes_equal(x, b'/');
    if crate::text::find_bytes(b, 0, digit_or_slash, |c| c.is_ascii_digit() || c == b'/').is_none()
    {
        return Vec::new();
    }
    let ctx_organ = ctx.organ.map(organ_from_name);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let boundary = i == 0 || !(is_alnum(b[i - 1]) || matches!(b[i - 1], b'/' | b'.' | b'-'));
        if !boundary || !c.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        if c.is_ascii_uppercase() {
            if let Some((mut e, t)) = symbol(text, i) {
                out.push(FoundRef {
                    kind: RefKind::Symbol,
                    start: i,
                    end: e,
                    target: Some(t),
                });
                // Joint symbols: A/80/74-E/2025/53
                while b.get(e) == Some(&b'-') {
                    match symbol(text, e + 1) {
                        Some((e2, t2)) => {
                            out.push(FoundRef {
                                kind: RefKind::Symbol,
                                start: e + 1,
                                end: e2,
                                target: Some(t2),
                            });
                            e = e2;
                        }
                        None => break,
                    }
                }
                i = e;
                continue;
            }
        }
        // The word at i.
        let we = crate::text::alnum_run_end(b, i);
        // Keywords by length and first letter first: most words are rejected without a compare.
        let wb = &b[i..we];
        let tail_is = |t: &[u8]| {
            wb.len() > t.len()
                && &wb[1..=t.len()] == t
                && (wb.len() == t.len() + 1 || wb[t.len() + 1] == b's')
        };
        let (mut trigger, mut para) = (None, false);
        match (wb.len(), wb[0] | 0x20) {
            (10 | 11, b'r') if tail_is(b"esolution") => trigger = Some(false),
            (8 | 9, b'd') if tail_is(b"ecision") => trigger = Some(true),
            (9 | 10, b'p') if tail_is(b"aragraph") => para = true,
            _ => {}
        }
        if let Some(decision) = trigger {
            let organ = organ_before(text, i, ctx_organ);
            let mut k = skip_spaces(b, we);
            let mut first = true;
            let mut end = we;
            while k < b.len() {
                let Some(n) = cite_num(b, k) else { break };
                let bare_ok = matches!(organ.or(ctx_organ), Some(Organ::Sc));
                if n.form == Form::Bare && !bare_ok {
                    break;
                }
                let target = cite_target(text, &n, decision, organ, ctx_organ);
                out.push(FoundRef {
                    kind: if decision {
                        RefKind::Decision
                    } else {
                        RefKind::Resolution
                    },
                    start: if first { i } else { k },
                    end: n.end,
                    target,
                });
                first = false;
                end = n.end;
                match next_in_list(text, n.end) {
                    Some(nk) => k = nk,
                    None => break,
                }
            }
            i = end;
            continue;
        }
        if para {
            i = paragraphs(text, i, we, &mut out);
            continue;
        }
        i = we.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(t: &str, organ: Option<&str>) -> Vec<(String, Option<String>)> {
        find_references(
            t,
            &RefContext {
                organ,
                symbol: None,
            },
        )
        .into_iter()
        .map(|r| (t[r.start..r.end].to_string(), r.target))
        .collect()
    }

    #[test]
    fn symbols() {
        assert_eq!(
            targets("in A/C.3/68/L.75/Rev.1,", None),
            vec![(
                "A/C.3/68/L.75/Rev.1".into(),
                Some("A/C.3/68/L.75/Rev.1".into())
            )]
        );
        let j = targets("report (A/80/74-E/2025/53)", None);
        assert_eq!(j.len(), 2, "should split a joint symbol: {j:?}");
        assert_eq!(j[1].1.as_deref(), Some("E/2025/53"));
        assert_eq!(
            targets("A/52/23 (Part IV)", None)[0].1.as_deref(),
            Some("A/52/23(PartIV)")
        );
        assert!(
            targets("A/RES/60-251", None).is_empty(),
            "should reject a hyphen separator"
        );
        assert!(
            targets("a/res/60/251", None).is_empty(),
            "should reject lowercase"
        );
        assert!(targets("N/A and A/60/L1", None).is_empty());
    }

    #[test]
    fn undocs_links() {
        let url = |t| undocs_url(t).replace("https://undocs.org/", "");
        assert_eq!(
            url("A/RES/74/92 A-B"),
            "A/RES/74/92A",
            "should link part A of parts A-B"
        );
        assert_eq!(
            url("A/RES/54/237 C"),
            "A/RES/54/237C",
            "should drop the space"
        );
        assert_eq!(
            url("A/RES/74/92 A-B A-C"),
            "A/RES/74/92A-BA-C",
            "should link the whole target when \" A-\" occurs before its end"
        );
        assert_eq!(
            url("A/RES/1 A-é"),
            "A/RES/1A-%C3%A9",
            "should percent-encode other bytes"
        );
        assert_eq!(
            url(" A-"),
            "A-",
            "should keep a target too short to name parts"
        );
    }

    #[test]
    fn citations() {
        assert_eq!(
            targets(
                "General Assembly resolution 92 (X) of 14 December 1955",
                None
            )[0]
            .1
            .as_deref(),
            Some("A/RES/92(X)")
        );
        assert_eq!(
            targets("resolution 2743", Some("Security Council"))[0]
                .1
                .as_deref(),
            Some("S/RES/2743")
        );
        assert!(targets("resolution 12, page 3", Some("General Assembly")).is_empty());
    }
}
