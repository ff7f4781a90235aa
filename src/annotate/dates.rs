//! Dates in a clause's cleaned text, with their ISO form and precision.
//!
//! Grammar (spaces are runs of one or more spaces; `–` is a hyphen, en dash or em dash, with or
//! without spaces around it):
//!
//! ```text
//! date     = day month year                 "22 April 2002"           day     2002-04-22
//!          | month day "," year             "July 15, 2025"           day     2025-07-15
//!          | month year                     "June 1993"               month   1993-06
//! range    = date "–" date                  "25 July 2024–30 July 2025"       2024-07-25/2025-07-30
//!          | day "–" day month year         "12–16 May 2025"                  2025-05-12/2025-05-16
//!          | day month "–" day month year   "12 September–7 October 2022"     2022-09-12/2022-10-07
//!          | year "–" year                  "2023–2026", "2023 - 2026"        2023/2026
//! bareyear = ("in"|"by"|"until"|"since"|"before"|"after"|"beyond"|"through") year
//!                                           "by 2030"                 year    2030
//! ```
//!
//! A bare year counts only in a range or after one of those prepositions: "the 2030 Agenda",
//! "resolution 2023/31", "1325 (2000)" and "2476 (2019)" are not dates. Years are 1900–2099;
//! months are the English month names, capitalised. Traps: a resolution number "2023/31" must not
//! become a year; "13 January" without a year (a typo in one GA XML) is not a date; year ranges
//! need the second year to be larger ("2023-2026", not "1325-2000"). One forward pass, no
//! allocation except the ISO strings.

/// A date found in a text: byte offsets into it, ISO form, precision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    /// "2002-04-22", "1993-06", "2030", "2023/2026", "2024-07-25/2025-07-30".
    pub iso: String,
    /// "day" | "month" | "year" | "range".
    pub precision: &'static str,
}

use crate::text::MONTHS;

const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "by", "until", "till", "since", "before", "after", "beyond", "through",
];

/// A parsed date: year, month (0 when absent), day (0 when absent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Ymd {
    y: u32,
    m: u32,
    d: u32,
}

impl Ymd {
    fn iso(self) -> String {
        // "2030", "2030-05", "2030-05-17" (`{:04}-{:02}-{:02}`, without `format!`).
        let mut iso = String::with_capacity(10);
        crate::text::push_decimal(&mut iso, u64::from(self.y), 4);
        for part in [self.m, self.d] {
            if part == 0 {
                break;
            }
            iso.push('-');
            crate::text::push_decimal(&mut iso, u64::from(part), 2);
        }
        iso
    }
    fn precision(self) -> &'static str {
        match (self.m, self.d) {
            (0, _) => "year",
            (_, 0) => "month",
            _ => "day",
        }
    }
}

fn is_word_byte(c: u8) -> bool {
    crate::text::is_alnum_byte(c)
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// Digits at `i`: (value, end), at most `max` digits and not followed by another digit.
fn number(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while j < b.len() && b[j].is_ascii_digit() {
        if j - i == max {
            return None;
        }
        v = v * 10 + u32::from(b[j] - b'0');
        j += 1;
    }
    (j > i).then_some((v, j))
}

/// A four-digit year 1900–2099 at `i` that is not part of "2023/31" or a longer number.
fn year(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let (y, e) = number(b, i, 4)?;
    if e - i != 4 || !(1900..=2099).contains(&y) {
        return None;
    }
    if e < b.len() && (b[e] == b'/' || is_word_byte(b[e])) {
        return None;
    }
    Some((y, e))
}

fn month(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let first = *b.get(i)?;
    if !matches!(first, b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D') {
        return None;
    }
    for (k, m) in MONTHS.iter().enumerate() {
        if m.as_bytes()[0] != first {
            continue;
        }
        let e = i + m.len();
        if e <= b.len() && &b[i..e] == m.as_bytes() && (e == b.len() || !is_word_byte(b[e])) {
            return Some((k as u32 + 1, e));
        }
    }
    None
}

fn day(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let (d, e) = number(b, i, 2)?;
    (1..=31).contains(&d).then_some((d, e))
}

/// A dash (hyphen, en dash, em dash) with optional spaces around it: end after it.
fn dash(b: &[u8], i: usize) -> Option<usize> {
    let j = skip_spaces(b, i);
    let k = if b.get(j) == Some(&b'-') {
        j + 1
    } else if b.len() >= j + 3
        && b[j] == 0xE2
        && b[j + 1] == 0x80
        && (b[j + 2] == 0x93 || b[j + 2] == 0x94)
    {
        j + 3
    } else {
        return None;
    };
    Some(skip_spaces(b, k))
}

/// A full or month-precision date starting at `i`: "22 April 2002", "July 15, 2025", "June 1993".
fn date_at(b: &[u8], i: usize) -> Option<(Ymd, usize)> {
    if let Some((d, e)) = day(b, i) {
        let j = skip_spaces(b, e);
        if j > e {
            if let Some((m, e2)) = month(b, j) {
                let k = skip_spaces(b, e2);
                if k > e2 {
                    if let Some((y, e3)) = year(b, k) {
                        return Some((Ymd { y, m, d }, e3));
                    }
                }
            }
        }
        return None;
    }
    let (m, e) = month(b, i)?;
    let j = skip_spaces(b, e);
    if j == e {
        return None;
    }
    if let Some((y, e2)) = year(b, j) {
        return Some((Ymd { y, m, d: 0 }, e2));
    }
    if let Some((d, e2)) = day(b, j) {
        if b.get(e2) == Some(&b',') {
            let k = skip_spaces(b, e2 + 1);
            if let Some((y, e3)) = year(b, k) {
                return Some((Ymd { y, m, d }, e3));
            }
        }
    }
    None
}

/// The end of a date (any form [`find_dates`] accepts, ranges included) starting exactly at `i`;
/// used by the reference scanner to skip "of 22 July 2013" inside citation lists.
pub(crate) fn date_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match_at(b, i).map(|(e, _, _)| e)
}

/// A date or range starting at `i`: (end, iso, precision).
fn match_at(b: &[u8], i: usize) -> Option<(usize, String, &'static str)> {
    // day–day month year, day month–day month year
    if let Some((d1, e1)) = day(b, i) {
        if let Some(j) = dash(b, e1) {
            if let Some((to, e2)) = date_at(b, j) {
                if to.d > 0 && d1 < to.d {
                    let from = Ymd { d: d1, ..to };
                    return Some((e2, format!("{}/{}", from.iso(), to.iso()), "range"));
                }
            }
        }
        let j = skip_spaces(b, e1);
        if j > e1 {
            if let Some((m1, e2)) = month(b, j) {
                if let Some(k) = dash(b, e2) {
                    if let Some((to, e3)) = date_at(b, k) {
                        if to.d > 0 {
                            let from = Ymd {
                                y: to.y,
                                m: m1,
                                d: d1,
                            };
                            return Some((e3, format!("{}/{}", from.iso(), to.iso()), "range"));
                        }
                    }
                }
            }
        }
    }
    if let Some((from, e1)) = date_at(b, i) {
        if let Some(j) = dash(b, e1) {
            if let Some((to, e2)) = date_at(b, j) {
                return Some((e2, format!("{}/{}", from.iso(), to.iso()), "range"));
            }
        }
        return Some((e1, from.iso(), from.precision()));
    }
    // year–year
    let (y1, e1) = year(b, i)?;
    let j = dash(b, e1)?;
    let (y2, e2) = year(b, j)?;
    (y2 > y1).then(|| (e2, format!("{y1}/{y2}"), "range"))
}

/// Four digits 19xx or 20xx somewhere in `b` (looked for from digit to digit: most clauses have
/// few or none).
fn has_year_digits(b: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = crate::text::next_digit(b, from) {
        if matches!(b.get(i..i + 4), Some(&[b'1', b'9', c, d] | &[b'2', b'0', c, d])
            if c.is_ascii_digit() && d.is_ascii_digit())
        {
            return true;
        }
        from = i + 1;
    }
    false
}

/// Every date in `text`, in order, non-overlapping.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let b = text.as_bytes();
    // Every date holds a year, 19xx or 20xx: a text without four such digits needs no
    // word-by-word scan.
    if !has_year_digits(b) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    // The last word seen (for "by 2030").
    let mut prev_word: (usize, usize) = (0, 0);
    while i < b.len() {
        let c = b[i];
        let at_boundary = i == 0 || !is_word_byte(b[i - 1]);
        if at_boundary
            && (c.is_ascii_digit()
                || matches!(c, b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'))
        {
            // Do not start inside "2023/31" or "(2000)".
            let prev = if i > 0 { b[i - 1] } else { b' ' };
            if prev != b'/' && prev != b'.' {
                if let Some((e, iso, precision)) = match_at(b, i) {
                    out.push(FoundDate {
                        start: i,
                        end: e,
                        iso,
                        precision,
                    });
                    i = e;
                    continue;
                }
                if c.is_ascii_digit() && prev != b'(' {
                    let pw = &text[prev_word.0..prev_word.1];
                    if YEAR_PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(pw))
                        && skip_spaces(b, prev_word.1) == i
                    {
                        if let Some((y, e)) = year(b, i) {
                            if b.get(e) != Some(&b')') {
                                out.push(FoundDate {
                                    start: i,
                                    end: e,
                                    iso: format!("{y:04}"),
                                    precision: "year",
                                });
                                i = e;
                                continue;
                            }
                        }
                    }
                }
            }
        }
        if at_boundary && is_word_byte(c) {
            let e = crate::text::alnum_run_end(b, i);
            prev_word = (i, e);
            i = e;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(t: &str) -> Option<(String, &'static str, &str)> {
        let v = find_dates(t);
        v.first()
            .map(|d| (d.iso.clone(), d.precision, &t[d.start..d.end]))
    }

    #[test]
    fn forms() {
        assert_eq!(
            one("of 22 April 2002,"),
            Some(("2002-04-22".into(), "day", "22 April 2002"))
        );
        assert_eq!(
            one("in June 1993"),
            Some(("1993-06".into(), "month", "June 1993"))
        );
        assert_eq!(
            one("on July 15, 2025."),
            Some(("2025-07-15".into(), "day", "July 15, 2025"))
        );
        assert_eq!(
            one("for 2023–2026"),
            Some(("2023/2026".into(), "range", "2023–2026"))
        );
        assert_eq!(
            one("for 2023 - 2026"),
            Some(("2023/2026".into(), "range", "2023 - 2026"))
        );
        assert_eq!(
            one("from 25 July 2024–30 July 2025"),
            Some((
                "2024-07-25/2025-07-30".into(),
                "range",
                "25 July 2024–30 July 2025"
            ))
        );
        assert_eq!(
            one("held 12–16 May 2025"),
            Some(("2025-05-12/2025-05-16".into(), "range", "12–16 May 2025"))
        );
        assert_eq!(
            one("12 September–7 October 2022"),
            Some((
                "2022-09-12/2022-10-07".into(),
                "range",
                "12 September–7 October 2022"
            ))
        );
        assert_eq!(one("by 2030,"), Some(("2030".into(), "year", "2030")));
        assert_eq!(
            one("of 14 December   1955"),
            Some(("1955-12-14".into(), "day", "14 December   1955"))
        );
    }

    #[test]
    fn negatives() {
        assert_eq!(
            one("resolution 2023/31 of"),
            None,
            "should not read a resolution number as a year"
        );
        assert_eq!(
            one("resolution 1325 (2000)"),
            None,
            "should not read an SC year as a date"
        );
        assert_eq!(one("the 2030 Agenda"), None, "should not take a bare year");
        assert_eq!(one("on 13 January, the"), None, "should need a year");
        assert_eq!(one("in 20301"), None);
        assert_eq!(one("May we"), None);
    }
}
