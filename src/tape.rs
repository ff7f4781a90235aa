//! The tape: the document's repeated records (sponsors, clauses, footnotes, references, dates,
//! diagnostics) as a flat list of 32-bit words plus two strings, for the JS binding.
//!
//! Why: serde-wasm-bindgen builds a JS object by calling into JS once per field, number and
//! string, and V8 stores those fields through one megamorphic site onto empty objects; session 6
//! measured that at a third of `parse()` in the .wasm. The tape crosses into JS in one call;
//! `src/tape.js` then builds every record with an object literal of a fixed shape, and every
//! string is a slice of one of two decoded strings, one for the ASCII strings and one for the
//! rest. (With a single string, one "’" anywhere made V8 store every string of the document in
//! two bytes a character, since slices share their parent's storage.) The small, irregular
//! header still goes through serde-wasm-bindgen (`src/wasm.rs`), which takes these lists as
//! they are. The sponsors joined the tape in session 12: through serde-wasm-bindgen each one
//! cost about 4 µs in Node, a sixth of `parse()` on a draft of 47 sponsors.
//!
//! Grammar (one word = one `u32`; `src/tape.js` reads exactly this, in this order):
//!
//! ```text
//! tape      = list<sponsor> list<clause> list<clause> list<footnote> list<reference> list<date>
//!             list<diagnostic>
//! list<T>   = count T*
//! sponsor   = str(name) opt_str(iso3) opt_str(un_name) list<str>(marks) opt_str(on_behalf_of)
//!             span
//! clause    = str(id) opt_str(label) opt<phrase> str(text) span list<clause>(items)
//!             opt_str(continuation) opt_str(section) list<str>(addressee) opt<mandate>
//!             list<inline>
//! phrase    = str(text) span opt_str(category)
//! mandate   = opt_str(who) opt_str(what) opt_str(to) opt_str(when)
//! inline    = kind span(range) opt_num(index)
//! footnote  = str(mark) str(text) span
//! reference = str(kind) str(text) opt_str(target) opt_str(url) opt_str(clause) span
//! date      = str(text) str(iso) str(precision) opt_str(clause) span
//! diagnostic= severity str(code) str(message) span
//! str       = n | WIDE + n         the next n UTF-16 units of the ASCII string, or of the
//!                                  other one (WIDE = 0x8000_0000)
//! opt_str   = NONE | str           NONE = 0xFFFF_FFFF (no string or offset comes near it)
//! opt_num   = NONE | n
//! opt<T>    = 0 | 1 T
//! span      = start end            as they are in the Document (UTF-16 in the .wasm)
//! kind      = 0 phrase | 1 footnote-ref | 2 reference | 3 date
//! severity  = 0 error | 1 warning | 2 info
//! ```
//!
//! A real excerpt: "1. Decides that l’été 😀 is here;" after "The General Assembly," starts
//! `0 0 1 | 3 2 | 1 7 26 33 8 | W+30 23 62 | …`: no sponsor, no preambular clause, one operative
//! clause; its id
//! "op1" and label "1."; a phrase "Decides" at 26..33 of category "decision"; its text of 30
//! UTF-16 units (36 bytes; WIDE + 30, as it is not ASCII) and its span (the unit test below
//! spells out the rest).
//!
//! The field order of every record is the order of the Rust struct's fields, which is also the
//! order of the keys in the CLI's JSON. Three checks keep the halves together: [`check`] reads
//! every tape of `tests/robustness.rs` and of the json fuzz target by this grammar;
//! `tests/js/api.test.mjs` checks that `parse()` gives, key for key, the CLI's JSON on every
//! corpus document and every tenth oracle text; and `tape.js` throws when a tape is not read
//! exactly to its end.

use crate::model::*;
use crate::text::utf16_units;

/// An absent optional string or number.
pub const NONE: u32 = u32::MAX;
/// Set in the length of a string that is not ASCII (lengths stay far below it).
pub const WIDE: u32 = 1 << 31;

/// The encoded records: `words`, and the strings they take by length, in order, from `ascii`
/// or (marked [`WIDE`]) from `other`.
#[derive(Clone, Debug, Default)]
pub struct Tape {
    pub words: Vec<u32>,
    pub ascii: String,
    pub other: String,
}

impl Tape {
    /// The tape of `doc`'s repeated records (see the grammar above). `input_len` sizes the
    /// buffers so that they do not regrow (a copy of the whole, and twice the memory for a
    /// moment): on the corpus the strings are 1.06 bytes per input byte (the clauses' text,
    /// with the references' and dates' text again), and there is one word per 13.7 bytes.
    /// Either string may take them all; reserved memory that is never written costs address
    /// space, not pages.
    pub fn of_records(doc: &Document, input_len: usize) -> Tape {
        let strings = input_len + input_len / 8 + 64;
        let mut tape = Tape {
            words: Vec::with_capacity(input_len / 12 + 64),
            ascii: String::with_capacity(strings),
            other: String::new(),
        };
        if !doc
            .preamble
            .iter()
            .chain(&doc.operative)
            .all(|c| c.text.is_ascii())
        {
            tape.other.reserve(strings);
        }
        tape.list(&doc.sponsors);
        tape.list(&doc.preamble);
        tape.list(&doc.operative);
        tape.list(&doc.footnotes);
        tape.list(&doc.references);
        tape.list(&doc.dates);
        tape.list(&doc.diagnostics);
        tape
    }

    fn word(&mut self, n: usize) {
        // Offsets and lengths are below MAX_INPUT_BYTES (64 MiB), far from NONE.
        self.words.push(n as u32);
    }

    fn str(&mut self, s: &str) {
        if s.is_ascii() {
            self.word(s.len());
            self.ascii.push_str(s);
        } else {
            self.words.push(WIDE | utf16_units(s.as_bytes()) as u32);
            self.other.push_str(s);
        }
    }

    fn opt_str(&mut self, s: &Option<String>) {
        match s {
            Some(s) => self.str(s),
            None => self.words.push(NONE),
        }
    }

    fn span(&mut self, span: Span) {
        self.word(span.start);
        self.word(span.end);
    }

    fn list<T: Record>(&mut self, items: &[T]) {
        self.word(items.len());
        for item in items {
            item.write(self);
        }
    }

    fn opt<T: Record>(&mut self, item: &Option<T>) {
        match item {
            Some(item) => {
                self.word(1);
                item.write(self);
            }
            None => self.word(0),
        }
    }
}

/// A record on the tape. Each impl destructures its struct completely, so a new field does
/// not compile until it is written here (and read in `src/tape.js`).
trait Record {
    fn write(&self, tape: &mut Tape);
}

impl Record for String {
    fn write(&self, tape: &mut Tape) {
        tape.str(self);
    }
}

impl Record for Sponsor {
    fn write(&self, tape: &mut Tape) {
        let Sponsor {
            name,
            iso3,
            un_name,
            marks,
            on_behalf_of,
            span,
        } = self;
        tape.str(name);
        tape.opt_str(iso3);
        tape.opt_str(un_name);
        tape.list(marks);
        tape.opt_str(on_behalf_of);
        tape.span(*span);
    }
}

impl Record for Clause {
    fn write(&self, tape: &mut Tape) {
        let Clause {
            id,
            label,
            phrase,
            text,
            span,
            items,
            continuation,
            section,
            addressee,
            mandate,
            inlines,
            source: _,
        } = self;
        tape.str(id);
        tape.opt_str(label);
        tape.opt(phrase);
        tape.str(text);
        tape.span(*span);
        tape.list(items);
        tape.opt_str(continuation);
        tape.opt_str(section);
        tape.list(addressee);
        tape.opt(mandate);
        tape.list(inlines);
    }
}

impl Record for Phrase {
    fn write(&self, tape: &mut Tape) {
        let Phrase {
            text,
            span,
            category,
        } = self;
        tape.str(text);
        tape.span(*span);
        tape.opt_str(category);
    }
}

impl Record for Mandate {
    fn write(&self, tape: &mut Tape) {
        let Mandate {
            who,
            what,
            to,
            when,
        } = self;
        tape.opt_str(who);
        tape.opt_str(what);
        tape.opt_str(to);
        tape.opt_str(when);
    }
}

/// The word for each inline kind; `INLINE_KINDS` in `src/tape.js` names them in this order.
pub const fn inline_kind_word(kind: InlineKind) -> u32 {
    match kind {
        InlineKind::Phrase => 0,
        InlineKind::FootnoteRef => 1,
        InlineKind::Reference => 2,
        InlineKind::Date => 3,
    }
}

/// The word for each severity; `SEVERITIES` in `src/tape.js` names them in this order.
pub const fn severity_word(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl Record for Inline {
    fn write(&self, tape: &mut Tape) {
        let Inline { kind, range, index } = self;
        tape.words.push(inline_kind_word(*kind));
        tape.span(*range);
        match index {
            Some(i) => tape.word(*i),
            None => tape.words.push(NONE),
        }
    }
}

impl Record for Footnote {
    fn write(&self, tape: &mut Tape) {
        let Footnote {
            mark,
            text,
            span,
            source: _,
        } = self;
        tape.str(mark);
        tape.str(text);
        tape.span(*span);
    }
}

impl Record for Reference {
    fn write(&self, tape: &mut Tape) {
        let Reference {
            kind,
            text,
            target,
            url,
            clause,
            span,
        } = self;
        tape.str(kind);
        tape.str(text);
        tape.opt_str(target);
        tape.opt_str(url);
        tape.opt_str(clause);
        tape.span(*span);
    }
}

impl Record for DateMention {
    fn write(&self, tape: &mut Tape) {
        let DateMention {
            text,
            iso,
            precision,
            clause,
            span,
        } = self;
        tape.str(text);
        tape.str(iso);
        tape.str(precision);
        tape.opt_str(clause);
        tape.span(*span);
    }
}

impl Record for Diagnostic {
    fn write(&self, tape: &mut Tape) {
        let Diagnostic {
            severity,
            code,
            message,
            span,
        } = self;
        tape.words.push(severity_word(*severity));
        tape.str(code);
        tape.str(message);
        tape.span(*span);
    }
}

/// Reads a tape by the grammar above, as `src/tape.js` does, and checks it against the
/// document it was written from: every word read and none left over, both strings consumed to
/// the unit, the lists as long as the document's, every kind and span well-formed. For the tests
/// and the fuzz target (`fuzz/fuzz_targets/json.rs`); the .wasm never calls it.
#[doc(hidden)]
pub fn check(tape: &Tape, doc: &Document) -> Result<(), String> {
    let mut walk = Walk {
        words: &tape.words,
        at: 0,
        ascii: 0,
        other: 0,
        clauses: 0,
    };
    let lists = [
        walk.list(Walk::sponsor)?,
        walk.list(Walk::clause)?,
        walk.list(Walk::clause)?,
        walk.list(Walk::footnote)?,
        walk.list(Walk::reference)?,
        walk.list(Walk::date)?,
        walk.list(Walk::diagnostic)?,
    ];
    let expected = [
        doc.sponsors.len(),
        doc.preamble.len(),
        doc.operative.len(),
        doc.footnotes.len(),
        doc.references.len(),
        doc.dates.len(),
        doc.diagnostics.len(),
    ];
    if lists != expected {
        return Err(format!("lists of {lists:?}, the document has {expected:?}"));
    }
    let clauses = doc.clauses().count();
    if walk.clauses != clauses {
        return Err(format!(
            "{} clauses read, {clauses} in the document",
            walk.clauses
        ));
    }
    if walk.at != tape.words.len() {
        return Err(format!("{} of {} words read", walk.at, tape.words.len()));
    }
    if walk.ascii != tape.ascii.len() || !tape.ascii.is_ascii() {
        return Err(format!(
            "{} of {} ASCII units read",
            walk.ascii,
            tape.ascii.len()
        ));
    }
    let other = tape.other.encode_utf16().count();
    if walk.other != other {
        return Err(format!("{} of {other} other units read", walk.other));
    }
    Ok(())
}

struct Walk<'a> {
    words: &'a [u32],
    at: usize,
    ascii: usize,
    other: usize,
    clauses: usize,
}

type Step = Result<(), String>;

impl Walk<'_> {
    fn word(&mut self) -> Result<u32, String> {
        let w = *self
            .words
            .get(self.at)
            .ok_or_else(|| format!("the tape ends at word {}", self.at))?;
        self.at += 1;
        Ok(w)
    }

    fn str(&mut self) -> Step {
        match self.word()? {
            NONE => return Err(format!("NONE for a string at word {}", self.at - 1)),
            n if n & WIDE == 0 => self.ascii += n as usize,
            n => self.other += (n & !WIDE) as usize,
        }
        Ok(())
    }

    fn opt_str(&mut self) -> Step {
        if self.words.get(self.at) == Some(&NONE) {
            self.at += 1;
            return Ok(());
        }
        self.str()
    }

    fn span(&mut self) -> Step {
        let (start, end) = (self.word()?, self.word()?);
        if start > end {
            return Err(format!("span [{start}, {end}] at word {}", self.at - 2));
        }
        Ok(())
    }

    fn below(&mut self, limit: u32, what: &str) -> Step {
        let w = self.word()?;
        if w >= limit {
            return Err(format!("{what} {w} at word {}", self.at - 1));
        }
        Ok(())
    }

    fn opt(&mut self, read: fn(&mut Self) -> Step) -> Step {
        match self.word()? {
            0 => Ok(()),
            1 => read(self),
            w => Err(format!("option tag {w} at word {}", self.at - 1)),
        }
    }

    fn list(&mut self, read: fn(&mut Self) -> Step) -> Result<usize, String> {
        let n = self.word()? as usize;
        if n > self.words.len() - self.at {
            return Err(format!(
                "a list of {n} with {} words left",
                self.words.len() - self.at
            ));
        }
        for _ in 0..n {
            read(self)?;
        }
        Ok(n)
    }

    fn sponsor(&mut self) -> Step {
        self.str()?; // name
        self.opt_str()?; // iso3
        self.opt_str()?; // un_name
        self.list(Self::str)?; // marks
        self.opt_str()?; // on_behalf_of
        self.span()
    }

    fn clause(&mut self) -> Step {
        self.clauses += 1;
        self.str()?; // id
        self.opt_str()?; // label
        self.opt(|w| {
            w.str()?;
            w.span()?;
            w.opt_str()
        })?; // phrase
        self.str()?; // text
        self.span()?;
        self.list(Self::clause)?; // items
        self.opt_str()?; // continuation
        self.opt_str()?; // section
        self.list(Self::str)?; // addressee
        self.opt(|w| {
            for _ in 0..4 {
                w.opt_str()?;
            }
            Ok(())
        })?; // mandate: who, what, to, when
        self.list(|w| {
            w.below(4, "inline kind")?;
            w.span()?;
            w.word().map(drop) // index or NONE
        })?;
        Ok(())
    }

    fn footnote(&mut self) -> Step {
        self.str()?;
        self.str()?;
        self.span()
    }

    fn reference(&mut self) -> Step {
        self.str()?;
        self.str()?;
        for _ in 0..3 {
            self.opt_str()?;
        }
        self.span()
    }

    fn date(&mut self) -> Step {
        for _ in 0..3 {
            self.str()?;
        }
        self.opt_str()?;
        self.span()
    }

    fn diagnostic(&mut self) -> Step {
        self.below(3, "severity")?;
        self.str()?;
        self.str()?;
        self.span()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `src/tape.js` gives the words of an enum, e.g. `INLINE_KINDS`.
    fn js_names(name: &str) -> Vec<String> {
        let js = include_str!("tape.js");
        let start = js
            .find(&format!("const {name} = ["))
            .unwrap_or_else(|| panic!("src/tape.js should define {name}"));
        let list = &js[start..];
        let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
        list.split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn serde_name<T: serde::Serialize>(value: T) -> String {
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn js_enum_tables_match_the_serde_names() {
        let kinds = [
            InlineKind::Phrase,
            InlineKind::FootnoteRef,
            InlineKind::Reference,
            InlineKind::Date,
        ];
        let names = js_names("INLINE_KINDS");
        assert_eq!(names.len(), kinds.len(), "should name every inline kind");
        for kind in kinds {
            assert_eq!(
                names[inline_kind_word(kind) as usize],
                serde_name(kind),
                "INLINE_KINDS in src/tape.js should name {kind:?} as serde does"
            );
        }
        let severities = [Severity::Error, Severity::Warning, Severity::Info];
        let names = js_names("SEVERITIES");
        assert_eq!(names.len(), severities.len(), "should name every severity");
        for severity in severities {
            assert_eq!(
                names[severity_word(severity) as usize],
                serde_name(severity),
                "SEVERITIES in src/tape.js should name {severity:?} as serde does"
            );
        }
    }

    #[test]
    fn check_reads_a_real_tape_and_finds_a_damaged_one() {
        let input = include_str!("../tests/fixtures/wasm/E_CN.4_2002_L.108.txt");
        let doc = crate::parse(input);
        let tape = Tape::of_records(&doc, input.len());
        assert_eq!(
            check(&tape, &doc),
            Ok(()),
            "the seed's tape should read back"
        );
        let mut short = tape.clone();
        short.words.pop();
        assert!(
            check(&short, &doc).is_err(),
            "a tape one word short should fail"
        );
        let mut wide = tape.clone();
        // The first sponsor's name, taken from the other string instead of the ASCII one.
        assert!(!doc.sponsors.is_empty() && doc.sponsors[0].name.is_ascii());
        wide.words[1] |= WIDE;
        assert!(
            check(&wide, &doc).is_err(),
            "a string read from the wrong piece should fail"
        );
        let mut fewer = tape;
        fewer.words[0] -= 1;
        assert!(check(&fewer, &doc).is_err(), "a list one short should fail");
    }

    #[test]
    fn a_clause_is_written_in_field_order_with_utf16_lengths() {
        let doc = crate::parse("The General Assembly,\n\n1. Decides that l’été 😀 is here;\n");
        let tape = Tape::of_records(&doc, 64);
        let text = &doc.operative[0].text;
        assert_eq!(text, "Decides that l’été 😀 is here;");
        let units = text.encode_utf16().count() as u32;
        assert!(
            units < text.len() as u32,
            "the text should have fewer units than bytes"
        );
        #[rustfmt::skip]
        let expected = [
            0, 0, 1,        // no sponsor, no preambular clause, one operative clause:
            3, 2,           // id "op1", label "1."
            1, 7, 26, 33,   // a phrase: "Decides", its span
            8,              // its category "decision"
            WIDE | units, 23, 62, // the text (not ASCII), the clause's span
            0, NONE, NONE,  // no items, continuation, section
            0, 0,           // no addressee, no mandate
            1, 0, 0, 7, NONE, // one inline: the phrase, range [0, 7], no index
        ];
        assert_eq!(
            &tape.words[..expected.len()],
            &expected,
            "the clause should be written field by field, strings counted in UTF-16 units"
        );
        assert_eq!(
            tape.ascii, "op11.Decidesdecision",
            "the ASCII strings should follow the words' order"
        );
        assert_eq!(
            tape.other, "Decides that l’été 😀 is here;",
            "the other strings should be apart"
        );
    }
}
