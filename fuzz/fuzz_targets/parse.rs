//! `parse` never panics, and every span of the Document is inside the input on char boundaries.
#![no_main]

use clausemark::{Clause, Document, Span};
use libfuzzer_sys::fuzz_target;

fn span_ok(input: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= input.len()
        && input.is_char_boundary(s.start)
        && input.is_char_boundary(s.end)
}

fn clause_ok(input: &str, c: &Clause, parent: Option<Span>) {
    assert!(span_ok(input, c.span), "clause {} span {:?}", c.id, c.span);
    if let Some(p) = parent {
        assert!(
            p.contains(&c.span),
            "item {} {:?} outside {:?}",
            c.id,
            c.span,
            p
        );
    }
    if let Some(ph) = &c.phrase {
        assert!(span_ok(input, ph.span), "phrase of {} {:?}", c.id, ph.span);
        assert!(
            c.span.contains(&ph.span),
            "phrase of {} outside its clause",
            c.id
        );
    }
    for i in &c.inlines {
        let r = i.range;
        assert!(
            r.start <= r.end
                && r.end <= c.text.len()
                && c.text.is_char_boundary(r.start)
                && c.text.is_char_boundary(r.end),
            "inline {:?} of {} out of its text",
            r,
            c.id
        );
    }
    for item in &c.items {
        clause_ok(input, item, Some(c.span));
    }
}

pub fn check(input: &str, doc: &Document) {
    for s in &doc.sponsors {
        assert!(span_ok(input, s.span), "sponsor {:?}", s.span);
    }
    if let Some(f) = &doc.formula {
        assert!(span_ok(input, f.span), "formula {:?}", f.span);
    }
    for c in doc.preamble.iter().chain(&doc.operative) {
        clause_ok(input, c, None);
    }
    for f in &doc.footnotes {
        assert!(span_ok(input, f.span), "footnote {:?}", f.span);
    }
    for r in &doc.references {
        assert!(span_ok(input, r.span), "reference {:?}", r.span);
    }
    for d in &doc.dates {
        assert!(span_ok(input, d.span), "date {:?}", d.span);
    }
    if let Some(a) = &doc.adoption {
        assert!(span_ok(input, a.span), "adoption {:?}", a.span);
    }
    for d in &doc.diagnostics {
        assert!(span_ok(input, d.span), "diagnostic {} {:?}", d.code, d.span);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = clausemark::parse(&text);
    check(&text, &doc);
});
