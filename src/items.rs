//! Labels of paragraphs and items, and how items nest.
//!
//! Grammar:
//!
//! ```text
//! op-label   = 1*3DIGIT ( "." | "," ) ws            ; "17. ", OCR "6, "
//! item-label = "(" letters ")" | "(" roman ")" | "(" 1*2DIGIT ")" | letter "." | roman "."
//!            | letter ")" | roman ")"
//! section    = "A" | "B" | ... alone on a line | roman "." ws Title | letter "." ws Title
//! ```
//!
//! A real excerpt (S/RES/242, the OCR read "(i)" as "(1)"):
//!
//! ```text
//! 1. Affirms that the fulfilment of Charter principles requires ... principles:
//! (1) Withdrawal of Israel armed forces from territories occupied in the recent conflict ;
//! (ii) Termination of all claims or states of belligerency ...
//! ```
//!
//! Nesting follows the label style, not indentation: (a) → (i) → a. → i. A label continues the
//! innermost open level whose style and next value it matches; otherwise it opens a new level
//! below. "(i)" after "(h)" is a letter; "(1)" followed by "(ii)" is a roman one.

use crate::text::trim_start;

/// The style of an item label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// (a)
    ParenLetter,
    /// (i)
    ParenRoman,
    /// (1)
    ParenDigit,
    /// a. or a)
    Letter,
    /// i. or i)
    Roman,
    /// 1. (measures numbered under an unnumbered operative paragraph)
    Digit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemLabel {
    /// As printed: "(b)".
    pub printed: String,
    /// The bare label, lower case: "b", "ii", "1".
    pub key: String,
    /// The styles this label may have ("(i)" may be a letter or a roman numeral).
    pub letter: Option<u32>,
    pub roman: Option<u32>,
    pub digit: Option<u32>,
    pub paren: bool,
    /// Byte length of the label and the space after it.
    pub len: usize,
}

pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

fn letter_value(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    match b {
        [c] if c.is_ascii_lowercase() => Some((c - b'a') as u32 + 1),
        // (aa), (bb): after (z)
        [c, d] if c == d && c.is_ascii_lowercase() => Some(26 + (c - b'a') as u32 + 1),
        _ => None,
    }
}

/// Read an item label at the start of `t`.
pub fn item_label(t: &str) -> Option<ItemLabel> {
    let p = label_parts(t)?;
    Some(ItemLabel {
        printed: t[..p.consumed].to_string(),
        key: t[p.inner.0..p.inner.1].to_ascii_lowercase(),
        letter: p.letter,
        roman: p.roman,
        digit: p.digit,
        paren: p.paren,
        len: p.len,
    })
}

/// The byte length of the item label at the start of `t`, with its spaces.
pub fn item_label_len(t: &str) -> Option<usize> {
    label_parts(t).map(|p| p.len)
}

/// An item label read without copying anything: most lines are asked whether they start with
/// one, and only the lines that become items need the label's text.
struct LabelParts {
    /// The label inside its punctuation ("b" of "(b)"), as a byte range of `t`.
    inner: (usize, usize),
    consumed: usize,
    len: usize,
    paren: bool,
    letter: Option<u32>,
    roman: Option<u32>,
    digit: Option<u32>,
}

/// The first `n` bytes of `t` (all of a shorter `t`).
fn head(t: &str, n: usize) -> &[u8] {
    &t.as_bytes()[..t.len().min(n)]
}

fn label_parts(t: &str) -> Option<LabelParts> {
    // A label opens with "(" or, unbracketed, with a lower-case letter (the checks below accept
    // nothing else): most lines, asked this once or more, are turned away by their first byte.
    let paren = match t.as_bytes().first() {
        Some(b'(') => true,
        Some(b'a'..=b'z') => false,
        _ => return None,
    };
    let (inner, paren, consumed) = if paren {
        let rest = &t[1..];
        // Labels are short: look no further than a few bytes (keeps long paragraphs linear).
        let close = head(rest, 8).iter().position(|&b| b == b')')?;
        if close == 0 || close > 6 {
            return None;
        }
        ((1, 1 + close), true, close + 2)
    } else {
        let end = head(t, 8).iter().position(|&b| b == b'.' || b == b')')?;
        if end == 0 || end > 5 {
            return None;
        }
        ((0, end), false, end + 1)
    };
    let inner_text = t.get(inner.0..inner.1)?;
    let after = &t[consumed..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    // Lower-cased on the stack: this is asked of every line, and most are no item.
    let mut buf = [0u8; 6];
    let buf = &mut buf[..inner_text.len()];
    buf.copy_from_slice(inner_text.as_bytes());
    buf.make_ascii_lowercase();
    let lower = std::str::from_utf8(buf).ok()?;
    let all_lower = lower == inner_text;
    // Capitals are section headings (A., B.), not items; OCR "l" stays a letter.
    if !all_lower && !paren {
        return None;
    }
    let letter = letter_value(lower).filter(|_| all_lower);
    let roman = roman_value(lower).filter(|_| all_lower);
    let digit = if paren && inner_text.bytes().all(|b| b.is_ascii_digit()) && inner_text.len() <= 2
    {
        inner_text.parse().ok()
    } else {
        None
    };
    if letter.is_none() && roman.is_none() && digit.is_none() {
        return None;
    }
    // "a." at the start of a sentence is ambiguous with the article only in "a. m."; accept.
    let len = consumed + (after.len() - trim_start(after).len());
    Some(LabelParts {
        inner,
        consumed,
        len,
        paren,
        letter,
        roman,
        digit,
    })
}

/// Read an operative number at the start of `t`: "17. ", "17." (1-3 digits and a full stop).
/// Returns (number, label, byte length incl. the spaces after it); the label is borrowed, since
/// most calls only ask whether a line starts with a number.
pub fn op_label(t: &str) -> Option<(u32, &str, usize)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    let punct = rest.chars().next()?;
    if punct != '.' {
        return None;
    }
    let after = &rest[1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let len = digits + 1 + (after.len() - trim_start(after).len());
    Some((n, &t[..digits + 1], len))
}

/// The stack of open item levels while reading one clause's items.
#[derive(Default)]
pub struct Nesting {
    levels: Vec<(Style, u32)>,
}

impl Nesting {
    pub fn new() -> Self {
        Nesting::default()
    }

    /// An item without a label was placed at depth 0: the items after it nest under it, and
    /// the numbered ones around it stay its siblings.
    pub fn unlabelled(&mut self) {
        self.levels.truncate(1);
        if self.levels.is_empty() {
            self.levels.push((Style::Digit, 0));
        }
    }

    /// Place `label` (with a peek at the next label) and return its depth (0 = direct item).
    pub fn place(&mut self, label: &ItemLabel, next: Option<&ItemLabel>) -> usize {
        let candidates = styles(label, next);
        // Continue an open level (innermost first).
        for depth in (0..self.levels.len()).rev() {
            let (style, last) = self.levels[depth];
            if let Some(v) = value(label, style, candidates.as_slice()) {
                if v == last + 1 {
                    self.levels.truncate(depth + 1);
                    self.levels[depth].1 = v;
                    return depth;
                }
            }
        }
        // Open a new level: the first value of one of its styles.
        for &style in &candidates {
            if value(label, style, &candidates) == Some(1) {
                // A style already open at an outer level restarts there.
                if let Some(depth) = self.levels.iter().position(|&(s, _)| s == style) {
                    self.levels.truncate(depth + 1);
                    self.levels[depth].1 = 1;
                    return depth;
                }
                self.levels.push((style, 1));
                return self.levels.len() - 1;
            }
        }
        // Out of sequence: treat as a sibling at the innermost level of a matching style.
        for depth in (0..self.levels.len()).rev() {
            let (style, _) = self.levels[depth];
            if let Some(v) = value(label, style, &candidates) {
                self.levels.truncate(depth + 1);
                self.levels[depth].1 = v;
                return depth;
            }
        }
        let style = candidates.first().copied().unwrap_or(Style::ParenLetter);
        let v = value(label, style, &candidates).unwrap_or(1);
        self.levels.push((style, v));
        self.levels.len() - 1
    }
}

fn styles(label: &ItemLabel, next: Option<&ItemLabel>) -> Vec<Style> {
    let mut out = Vec::with_capacity(2);
    if label.paren {
        if label.letter.is_some() {
            out.push(Style::ParenLetter);
        }
        if label.roman.is_some() {
            out.push(Style::ParenRoman);
        }
        if label.digit.is_some() {
            // OCR "(1)" for "(i)" when "(ii)" follows.
            if label.digit == Some(1) && next.is_some_and(|n| n.paren && n.key == "ii") {
                out.push(Style::ParenRoman);
            } else {
                out.push(Style::ParenDigit);
            }
        }
    } else {
        if label.letter.is_some() {
            out.push(Style::Letter);
        }
        if label.roman.is_some() {
            out.push(Style::Roman);
        }
        if label.digit.is_some() {
            out.push(Style::Digit);
        }
    }
    out
}

fn value(label: &ItemLabel, style: Style, candidates: &[Style]) -> Option<u32> {
    if !candidates.contains(&style) {
        return None;
    }
    match style {
        Style::ParenLetter | Style::Letter => label.letter,
        Style::ParenRoman if label.digit == Some(1) => Some(1),
        Style::ParenRoman | Style::Roman => label.roman,
        Style::ParenDigit | Style::Digit => label.digit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depths(labels: &[&str]) -> Vec<usize> {
        let ls: Vec<ItemLabel> = labels
            .iter()
            .map(|l| item_label(&format!("{l} x")).unwrap())
            .collect();
        let mut n = Nesting::new();
        (0..ls.len())
            .map(|i| n.place(&ls[i], ls.get(i + 1)))
            .collect()
    }

    #[test]
    fn nesting_follows_label_styles() {
        assert_eq!(depths(&["(a)", "(b)", "(c)"]), vec![0, 0, 0]);
        assert_eq!(
            depths(&["(a)", "(i)", "(ii)", "(b)"]),
            vec![0, 1, 1, 0],
            "should nest romans under letters"
        );
        assert_eq!(
            depths(&["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)"]),
            vec![0; 10],
            "should read (i) after (h) as a letter"
        );
        assert_eq!(
            depths(&["(1)", "(ii)"]),
            vec![0, 0],
            "should read OCR (1) as (i)"
        );
        assert_eq!(
            depths(&["(a)", "(i)", "a.", "i.", "ii.", "b."]),
            vec![0, 1, 2, 3, 3, 2]
        );
    }

    #[test]
    fn labels() {
        assert_eq!(op_label("17. Requests").map(|l| l.0), Some(17));
        assert_eq!(
            op_label("2015. The"),
            None,
            "should not read years as numbers"
        );
        assert!(item_label("(b) To continue").is_some());
        assert!(
            item_label("A. Restoration").is_none(),
            "should leave capitals to headings"
        );
        assert!(item_label("(2019) of").is_none());
    }
}
