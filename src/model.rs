//! The document model: the public contract of the CLI's JSON, the JS object and the tests.
//!
//! Field names follow `DESIGN.md` ("The document model"); they may be extended, never renamed.
//! Absent values are `None`/empty, never invented. Every [`Span`] is a byte range into the
//! ORIGINAL input (before any normalisation), serialised as `[start, end]`; the WASM layer
//! rewrites them to UTF-16 code units with [`Document::map_offsets`].
//!
//! Offsets that are relative to a clause's cleaned `text` (see [`Inline::range`]) are kept apart
//! from document spans so both can be converted correctly.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the original input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// What sort of document this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Resolution,
    DraftResolution,
    Decision,
    DraftDecision,
    Amendment,
    Report,
    #[default]
    Unknown,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Resolution => "resolution",
            DocumentKind::DraftResolution => "draft-resolution",
            DocumentKind::Decision => "decision",
            DocumentKind::DraftDecision => "draft-decision",
            DocumentKind::Amendment => "amendment",
            DocumentKind::Report => "report",
            DocumentKind::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Distribution {
    General,
    Limited,
    Restricted,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// As printed: "Fifty-eighth session", "2025 session".
    pub text: String,
    /// The ordinal as a number when the text names one (58); null for "2025 session".
    pub number: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// "19", "23 (a)", "3 (b) (iii)".
    pub number: String,
    pub title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportOf {
    /// "on the report of the Third Committee (A/79/431)".
    pub text: String,
    pub symbol: Option<String>,
    /// Where each byte of the bracketed line came from (not serialised; taken by annotation,
    /// which finds its references: "(A/74/L.8 and A/74/L.8/Add.1)").
    #[doc(hidden)]
    #[serde(skip)]
    pub source: Option<crate::text::Mapped>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    /// As printed, with line breaks folded to single spaces.
    pub name: String,
    /// ISO 3166-1 alpha-3 from the UN short names (current or historical); null when unknown.
    pub iso3: Option<String>,
    /// The UN short name this sponsor resolved to ("Venezuela (Bolivarian Republic of)").
    pub un_name: Option<String>,
    /// Footnote marks printed after the name: `["*"]`, `["*", "**"]`.
    pub marks: Vec<String>,
    /// "Group of 77 and China" when a footnote attached to this sponsor says "On behalf of ...".
    pub on_behalf_of: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    /// "The Commission on Human Rights,".
    pub text: String,
    pub span: Span,
}

/// The leading phrase of a clause ("Recalling also", "Requests").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub text: String,
    pub span: Span,
    /// One of the closed sets in `crate::annotate::phrases` ("request", "recalling", ...);
    /// null when the phrase was not recognised from the lexicons.
    pub category: Option<String>,
}

/// What an inline annotation inside a clause's text points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InlineKind {
    /// The leading phrase.
    Phrase,
    /// A footnote marker; `index` is into `Document::footnotes` (null when unmatched).
    FootnoteRef,
    /// A reference; `index` is into `Document::references`.
    Reference,
    /// A date; `index` is into `Document::dates`.
    Date,
}

/// An annotation placed inside a clause's cleaned `text`, for renderers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inline {
    pub kind: InlineKind,
    /// Offsets into the clause's `text` (not the document): `[start, end]`.
    pub range: Span,
    pub index: Option<usize>,
}

/// A request for a report or an action by a date or session (Mandate Registry style).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mandate {
    pub who: Option<String>,
    pub what: Option<String>,
    pub to: Option<String>,
    pub when: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// "pp1", "op17-b", "opA-3", "op" (a single unnumbered operative paragraph), "op-p2" (the
    /// second unnumbered paragraph of a text the clause adopts, such as a declaration). Unique
    /// in the document: a numbering that restarts with no section heading gives "op1.2".
    pub id: String,
    /// As printed: "17.", "(b)", "(ii)", "a."; null for unnumbered paragraphs.
    pub label: Option<String>,
    pub phrase: Option<Phrase>,
    /// The clause's own text (not its items'), lines joined, furniture, footnote blocks,
    /// emphasis markers and the label removed.
    pub text: String,
    /// From the label (or first word) to the end of the last item.
    pub span: Span,
    pub items: Vec<Clause>,
    /// Text that follows the items and belongs to this clause ("..., and decides that ...").
    pub continuation: Option<String>,
    /// Section heading this clause falls under ("A", "B. Plebiscite"), when the part is lettered;
    /// for the items of a text a clause adopts, the heading of that text ("Call for action").
    pub section: Option<String>,
    /// Who an operative clause addresses ("Secretary-General", "States").
    pub addressee: Vec<String>,
    pub mandate: Option<Mandate>,
    /// Phrase, footnote markers, references and dates inside `text`, ordered by position.
    pub inlines: Vec<Inline>,
    /// Where each byte of `text` came from (not serialised; taken by annotation).
    #[doc(hidden)]
    #[serde(skip)]
    pub source: Option<crate::text::Mapped>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footnote {
    /// "*", "**", "1", "12".
    pub mark: String,
    pub text: String,
    pub span: Span,
    /// Where each byte of `text` came from (not serialised; taken by annotation).
    #[doc(hidden)]
    #[serde(skip)]
    pub source: Option<crate::text::Mapped>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// "symbol" | "resolution" | "decision" | "paragraph" | "treaty" (see `annotate::references`).
    pub kind: String,
    /// As printed, whitespace folded.
    pub text: String,
    /// The canonical symbol ("A/RES/92(X)", "E/CN.4/2002/116"); for internal references the
    /// clause id; null when the text cannot be resolved.
    pub target: Option<String>,
    /// `https://undocs.org/<target>` for document targets; null for internal ones.
    pub url: Option<String>,
    /// Id of the clause the reference is in (null in the header or footnotes).
    pub clause: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    /// "2002-04-22", "1993-06", "2023/2026" for ranges.
    pub iso: String,
    /// "day" | "month" | "year" | "range".
    pub precision: String,
    pub clause: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    pub meeting: Option<String>,
    pub date: Option<String>,
    pub vote: Option<String>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, kebab-case: "numbering-gap", "unmatched-marker", "unknown-sponsor", ...
    pub code: String,
    pub message: String,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub symbol: Option<String>,
    pub masthead: Option<String>,
    pub organ: Option<String>,
    pub distribution: Option<Distribution>,
    pub date: Option<String>,
    pub language: Option<String>,
    pub session: Option<Session>,
    pub agenda_items: Vec<AgendaItem>,
    pub number: Option<String>,
    pub title: Option<String>,
    pub report_of: Option<ReportOf>,
    pub sponsors: Vec<Sponsor>,
    pub formula: Option<Formula>,
    pub preamble: Vec<Clause>,
    pub operative: Vec<Clause>,
    pub footnotes: Vec<Footnote>,
    pub references: Vec<Reference>,
    pub dates: Vec<DateMention>,
    pub adoption: Option<Adoption>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// Every clause, depth first, in document order.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        fn walk<'a>(cs: &'a [Clause], out: &mut Vec<&'a Clause>) {
            for c in cs {
                out.push(c);
                walk(&c.items, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.preamble, &mut out);
        walk(&self.operative, &mut out);
        out.into_iter()
    }

    /// Rewrite every offset in the document: `doc` maps a byte offset into the original input,
    /// `local` maps a byte offset into a clause's `text` (given that text). The WASM layer uses
    /// this to turn bytes into UTF-16 code units.
    pub fn map_offsets(
        &mut self,
        mut doc: impl FnMut(usize) -> usize,
        mut local: impl FnMut(&str, usize) -> usize,
    ) {
        let mut span = |s: &mut Span| {
            s.start = doc(s.start);
            s.end = doc(s.end);
        };
        fn clauses(
            cs: &mut [Clause],
            span: &mut dyn FnMut(&mut Span),
            local: &mut dyn FnMut(&str, usize) -> usize,
        ) {
            for c in cs {
                span(&mut c.span);
                if let Some(p) = &mut c.phrase {
                    span(&mut p.span);
                }
                for i in &mut c.inlines {
                    i.range.start = local(&c.text, i.range.start);
                    i.range.end = local(&c.text, i.range.end);
                }
                clauses(&mut c.items, span, local);
            }
        }
        for s in &mut self.sponsors {
            span(&mut s.span);
        }
        if let Some(f) = &mut self.formula {
            span(&mut f.span);
        }
        clauses(&mut self.preamble, &mut span, &mut local);
        clauses(&mut self.operative, &mut span, &mut local);
        for f in &mut self.footnotes {
            span(&mut f.span);
        }
        for r in &mut self.references {
            span(&mut r.span);
        }
        for d in &mut self.dates {
            span(&mut d.span);
        }
        if let Some(a) = &mut self.adoption {
            span(&mut a.span);
        }
        for d in &mut self.diagnostics {
            span(&mut d.span);
        }
    }
}
