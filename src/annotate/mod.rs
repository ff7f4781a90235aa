//! Inline annotations: what is inside each clause's text.
//!
//! For every clause, in document order:
//!
//! 1. **Footnote markers** ([`markers`]): digits or asterisks glued to a word or punctuation
//!    (`Development4`, `2025;3`, `79/7;1`) or standing apart (`Goals, 1 as`), linked to the
//!    footnote with that mark; then masked with spaces so the scanners below never read them.
//! 2. **Leading phrase** ([`phrases`]) with its category; unrecognised and unusual openings
//!    become diagnostics.
//! 3. **References** ([`references`]) to other documents and to paragraphs of this one.
//! 4. **Dates** ([`dates`]).
//! 5. **Addressees and mandates** ([`mandate`]) of operative clauses.
//!
//! Every find is placed twice: as an [`Inline`] range in the clause's `text` (for renderers),
//! and in the document-wide lists with a span into the original input.

pub mod dates;
pub mod mandate;
pub mod markers;
pub mod phrases;
pub mod references;

use crate::body::clause_mapping;
use crate::model::{
    Clause, DateMention, Diagnostic, Document, Inline, InlineKind, Phrase, Reference, Severity,
    Span,
};
use crate::text::Mapped;
use phrases::Part;
use references::{RefContext, RefKind};

struct Sink<'a> {
    ctx: RefContext<'a>,
    /// The internal references ("paragraph 5") found, by index in `references`: each counts only
    /// if it names a clause, checked once all are found (see [`keep_internal_references`]).
    internal: Vec<usize>,
    references: Vec<Reference>,
    dates: Vec<DateMention>,
    markers: markers::MarkerState,
}

pub fn annotate(_input: &str, doc: &mut Document, diagnostics: &mut Vec<Diagnostic>) {
    let organ = doc.organ.clone();
    let symbol = doc.symbol.clone();
    let marks: Vec<String> = doc.footnotes.iter().map(|f| f.mark.clone()).collect();
    let mut sink = Sink {
        ctx: RefContext {
            organ: organ.as_deref(),
            symbol: symbol.as_deref(),
        },
        internal: Vec::new(),
        // Room for what a typical resolution cites (the corpus: up to 35 references a
        // document), so these lists of large records rarely regrow and move.
        references: Vec::with_capacity(32),
        dates: Vec::with_capacity(16),
        markers: markers::MarkerState::new(marks),
    };
    let mut preamble = std::mem::take(&mut doc.preamble);
    let mut operative = std::mem::take(&mut doc.operative);
    for c in &mut preamble {
        clause(c, Part::Preamble, true, &mut sink, diagnostics);
    }
    for c in &mut operative {
        clause(c, Part::Operative, true, &mut sink, diagnostics);
    }
    doc.preamble = preamble;
    doc.operative = operative;
    // References and dates in footnotes (not in any clause).
    for f in &mut doc.footnotes {
        let m = f.source.take().unwrap_or_else(|| {
            let mut m = Mapped::new();
            m.push_synthetic(&f.text, f.span.start);
            m
        });
        for r in references::find_references(&m.text, &sink.ctx) {
            push_reference(&mut sink, &m, &r, None);
        }
    }
    // And in the header's "[on the report of the First Committee (A/74/366)]".
    if let Some(m) = doc.report_of.as_mut().and_then(|r| r.source.take()) {
        for r in references::find_references(&m.text, &sink.ctx) {
            push_reference(&mut sink, &m, &r, None);
        }
    }
    for (mark, span) in sink.markers.unmatched() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "unmatched-marker".into(),
            message: format!("footnote marker {mark} has no footnote"),
            span,
        });
    }
    doc.references = sink.references;
    doc.dates = sink.dates;
    keep_internal_references(doc, &sink.internal);
}

/// Drop the target of each internal reference that names no clause of the document. Done at
/// the end, so that the list of ids is only made for documents that cite their own paragraphs.
fn keep_internal_references(doc: &mut Document, internal: &[usize]) {
    if internal.is_empty() {
        return;
    }
    // Borrowed ids (`Vec<&str>`, the element type the parser's other sorts have, so the .wasm
    // carries one sort routine for them all).
    let Document {
        preamble,
        operative,
        references,
        ..
    } = doc;
    let mut ids: Vec<&str> = Vec::new();
    crate::body::collect_ids(preamble, &mut ids);
    crate::body::collect_ids(operative, &mut ids);
    ids.sort_unstable();
    for &i in internal {
        if let Some(r) = references.get_mut(i) {
            let known = r
                .target
                .as_deref()
                .is_some_and(|t| ids.binary_search(&t).is_ok());
            if !known {
                r.target = None;
            }
        }
    }
}

fn clause(
    c: &mut Clause,
    part: Part,
    top: bool,
    sink: &mut Sink,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let m = clause_mapping(c);
    let mut inlines: Vec<Inline> = Vec::new();
    // 1. Footnote markers, masked out of the text the scanners see.
    let found = sink.markers.scan(&m);
    // Masking replaces ASCII digits and asterisks only, so the bytes stay valid UTF-8; most
    // clauses have no markers and are scanned as they are.
    let masked: std::borrow::Cow<str> = if found.is_empty() {
        std::borrow::Cow::Borrowed(m.text.as_str())
    } else {
        let mut bytes = m.text.clone().into_bytes();
        for mk in &found {
            for b in &mut bytes[mk.start..mk.end] {
                *b = b' ';
            }
        }
        std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| m.text.clone()))
    };
    for mk in &found {
        inlines.push(Inline {
            kind: InlineKind::FootnoteRef,
            range: Span::new(mk.start, mk.end),
            index: mk.footnote,
        });
    }
    // 2. Leading phrase.
    // A clause's, and a paragraph's of a text the clause adopts or quotes (`body::Adopted`:
    // "Recalling its resolution 78/230 ...," op2-p2, "Decides to convene ...;" op2-1), come from
    // the lexicon; a list entry's is its "To ..." (one call site each: the .wasm inlines them).
    let lexicon_part = if top {
        Some(part)
    } else if paragraph_of_its_own(c) {
        Some(if crate::text::trim_end(&masked).ends_with(',') {
            Part::Preamble
        } else {
            Part::Operative
        })
    } else {
        None
    };
    let phrase = lexicon_part
        .and_then(|own| phrases::leading_phrase(&masked, own))
        .or_else(|| if top { None } else { item_phrase(&masked) });
    match phrase {
        Some(p) if p.len > 0 && p.len <= m.text.len() => {
            c.phrase = Some(Phrase {
                text: m.text[..p.len].to_string(),
                span: m.span(0, p.len),
                category: (!p.category.is_empty()).then(|| p.category.to_string()),
            });
            inlines.push(Inline {
                kind: InlineKind::Phrase,
                range: Span::new(0, p.len),
                index: None,
            });
            if p.unusual && part == Part::Preamble {
                diagnostics.push(Diagnostic {
                    severity: Severity::Info,
                    code: "unusual-phrase".into(),
                    message: format!(
                        "preambular paragraph {} opens with a finite verb (\"{}\"); it is preambular by its position and trailing comma",
                        c.id,
                        &m.text[..p.len]
                    ),
                    span: m.span(0, p.len),
                });
            }
            if part == Part::Operative && top {
                // Only a clause that asks something of someone carries a mandate.
                let asks = matches!(
                    p.category,
                    "request"
                        | "call"
                        | "invitation"
                        | "encouragement"
                        | "authorization"
                        | "decision"
                        | "recommendation"
                );
                (c.addressee, c.mandate) = mandate::addressees_and_mandate(&masked, p.len, asks);
            }
        }
        _ if top && !m.text.is_empty() => diagnostics.push(Diagnostic {
            severity: Severity::Info,
            code: "unrecognised-phrase".into(),
            message: format!(
                "no leading phrase recognised in {}: \"{}\"",
                c.id,
                preview(&m.text)
            ),
            span: m.span(0, m.text.len().min(first_words(&m.text))),
        }),
        _ => {}
    }
    // 3. References.
    for r in references::find_references(&masked, &sink.ctx) {
        let index = sink.references.len();
        if let Some(start) = push_reference(sink, &m, &r, Some(c.id.clone())) {
            inlines.push(Inline {
                kind: InlineKind::Reference,
                range: Span::new(start, r.end),
                index: Some(index),
            });
        }
    }
    // 4. Dates.
    for d in dates::find_dates(&masked) {
        inlines.push(Inline {
            kind: InlineKind::Date,
            range: Span::new(d.start, d.end),
            index: Some(sink.dates.len()),
        });
        sink.dates.push(DateMention {
            text: m.text[d.start..d.end].to_string(),
            iso: d.iso,
            precision: d.precision.to_string(),
            clause: Some(c.id.clone()),
            span: m.span(d.start, d.end),
        });
    }
    drop(masked);
    c.text = m.text;
    inlines.sort_unstable_by_key(|i| (i.range.start, std::cmp::Reverse(i.range.end), i.kind as u8));
    c.inlines = inlines;
    for item in &mut c.items {
        clause(item, part, false, sink, diagnostics);
    }
    // "Requests the Secretary-General: ... (c) To submit a further analytical report to the
    // Commission at its sixtieth session": the mandate is in an item.
    if top && part == Part::Operative && c.mandate.is_none() && !c.addressee.is_empty() {
        let who = c.addressee.first().map(String::as_str);
        // Prefer the item that says when (a session or a date).
        let found: Vec<_> = c
            .items
            .iter()
            .filter_map(|i| mandate::mandate_in_item(&i.text, who))
            .collect();
        c.mandate = found
            .iter()
            .find(|m| m.when.is_some())
            .or(found.first())
            .cloned();
    }
}

/// Records the reference; returns where its text starts (the organ's name may precede the
/// scanner's find), or None when nothing was recorded.
fn push_reference(
    sink: &mut Sink,
    m: &Mapped,
    r: &references::FoundRef,
    clause: Option<String>,
) -> Option<usize> {
    if r.end > m.text.len() || r.start >= r.end {
        return None;
    }
    // An internal reference counts only when the clause exists: checked at the end.
    let target = r.target.clone();
    if r.kind == RefKind::Paragraph && target.is_some() {
        sink.internal.push(sink.references.len());
    }
    let url = match r.kind {
        RefKind::Paragraph => None,
        _ => target.as_deref().map(references::undocs_url),
    };
    // "General Assembly resolution 92 (X)": the organ printed before the citation is part of it.
    let start = match r.kind {
        RefKind::Resolution | RefKind::Decision => organ_before(&m.text, r.start),
        _ => r.start,
    };
    sink.references.push(Reference {
        kind: r.kind.as_str().to_string(),
        text: crate::text::fold_spaces(&m.text[start..r.end]),
        target,
        url,
        clause,
        span: m.span(start, r.end),
    });
    Some(start)
}

/// Where an organ's name printed right before `at` starts ("... Economic and Social Council
/// decision 1987/147"), or `at` itself.
fn organ_before(text: &str, at: usize) -> usize {
    const ORGANS: [&str; 9] = [
        "General Assembly ",
        "Security Council ",
        "Economic and Social Council ",
        "Human Rights Council ",
        "Commission on Human Rights ",
        "Trusteeship Council ",
        "Council ",
        "Commission ",
        "Assembly ",
    ];
    let before = &text[..at];
    ORGANS
        .iter()
        .find(|o| before.ends_with(*o))
        .map_or(at, |o| at - o.len())
}

/// An item that is a paragraph, not a list entry: unlabelled, or numbered "1." as a
/// resolution's paragraphs are (lists are lettered, or numbered "(1)").
fn paragraph_of_its_own(c: &Clause) -> bool {
    c.label.as_deref().is_none_or(|l| {
        l.strip_suffix('.')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Items open with "To continue", "To submit": the infinitive is their phrase.
fn item_phrase(t: &str) -> Option<phrases::PhraseMatch> {
    let rest = t.strip_prefix("To ")?;
    let verb = rest.split([' ', ',', ';']).next()?;
    if verb.is_empty() || !verb.starts_with(crate::text::is_lower) {
        return None;
    }
    Some(phrases::PhraseMatch {
        len: 3 + verb.len(),
        category: "",
        unusual: false,
    })
}

fn first_words(t: &str) -> usize {
    t.char_indices()
        .filter(|&(_, c)| c == ' ')
        .nth(4)
        .map_or(t.len(), |(i, _)| i)
}

fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
