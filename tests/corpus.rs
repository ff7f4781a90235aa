//! The corpus test: every document in `../shared/corpus` against `MANIFEST.tsv`.
//!
//! Checks, per document, `n_preambular`, `n_operative`, `has_sponsors` and the symbol, and
//! prints a table so the per-document state is visible in the test output.

use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

struct Row {
    file: String,
    symbol: String,
    n_pre: usize,
    n_op: usize,
    sponsors: bool,
}

fn manifest() -> Vec<Row> {
    let text = std::fs::read_to_string(corpus_dir().join("MANIFEST.tsv"))
        .expect("should read the manifest");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                file: c[0].to_string(),
                symbol: c[1].to_string(),
                n_pre: c[5].parse().expect("n_preambular"),
                n_op: c[6].parse().expect("n_operative"),
                sponsors: c[7] == "y",
            }
        })
        .collect()
}

/// Where our reading of the printed text disagrees with the manifest, and why. Each entry is
/// checked exactly (the parser must give OUR number), and printed, so it stays visible.
const DISAGREEMENTS: &[(&str, &str, usize, &str)] = &[(
    "S_RES_687_1991.txt",
    "n_preambular",
    26,
    "the official S/RES/687 (1991) has 26 preambular paragraphs: \"Recalling also that Iraq has \
     signed the Convention ... of 10 April 1972, 61\" and \"Noting the importance of Iraq \
     ratifying the Convention,\" are separate (blank line between, trailing footnote 61); the \
     manifest's 25 merges them",
)];

#[test]
fn every_corpus_document_matches_the_manifest() {
    let rows = manifest();
    assert_eq!(rows.len(), 23, "should list 23 documents");
    let mut failures = Vec::new();
    println!(
        "{:<26} {:>9} {:>9} {:>8}  symbol",
        "file", "pre", "op", "sponsors"
    );
    for r in &rows {
        let text =
            std::fs::read_to_string(corpus_dir().join(&r.file)).expect("should read the document");
        let doc = clausemark::parse(&text);
        check_spans(&r.file, &text, &doc);
        let sym = doc.symbol.clone().unwrap_or_default();
        let expected_pre = DISAGREEMENTS
            .iter()
            .find(|d| d.0 == r.file && d.1 == "n_preambular")
            .map_or(r.n_pre, |d| {
                println!(
                    "note: {}: n_preambular {} not {}: {}",
                    r.file, d.2, r.n_pre, d.3
                );
                d.2
            });
        let ok_pre = doc.preamble.len() == expected_pre;
        let ok_op = doc.operative.len() == r.n_op;
        let ok_sp = doc.sponsors.is_empty() != r.sponsors;
        // Where the symbol is printed, it must be read exactly; where the scan destroyed it
        // (E/CN.4/149 reads "s/ou/na"), the parser must not invent one.
        let printed = crate_text_contains(&text, &r.symbol);
        let ok_sym = r.symbol.is_empty() || sym == r.symbol || (!printed && doc.symbol.is_none());
        let mark = |ok: bool| if ok { " " } else { "✗" };
        println!(
            "{:<26} {:>4}/{:<3}{} {:>4}/{:<3}{} {:>7}{}  {}{}",
            r.file,
            doc.preamble.len(),
            expected_pre,
            mark(ok_pre),
            doc.operative.len(),
            r.n_op,
            mark(ok_op),
            doc.sponsors.len(),
            mark(ok_sp),
            sym,
            mark(ok_sym)
        );
        if !(ok_pre && ok_op && ok_sp && ok_sym) {
            failures.push(r.file.clone());
        }
    }
    assert!(
        failures.is_empty(),
        "should match the manifest for every document; wrong: {failures:?}"
    );
}

/// Does `text` contain `symbol`, ignoring white space differences?
fn crate_text_contains(text: &str, symbol: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    squash(text).contains(&squash(symbol))
}

/// Every span of the document lies in the input, on character boundaries, and every item's span
/// lies inside its parent's.
fn check_spans(file: &str, text: &str, doc: &clausemark::Document) {
    let ok = |what: &str, s: clausemark::Span| {
        assert!(
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end),
            "{file}: should give {what} a span on character boundaries inside the input, got {s:?}"
        );
    };
    fn clauses(file: &str, cs: &[clausemark::Clause], ok: &dyn Fn(&str, clausemark::Span)) {
        for c in cs {
            ok(&c.id, c.span);
            if let Some(p) = &c.phrase {
                ok(&format!("{} phrase", c.id), p.span);
            }
            for i in &c.items {
                assert!(
                    c.span.contains(&i.span),
                    "{file}: should nest {} inside {}",
                    i.id,
                    c.id
                );
            }
            clauses(file, &c.items, ok);
        }
    }
    clauses(file, &doc.preamble, &ok);
    clauses(file, &doc.operative, &ok);
    doc.sponsors.iter().for_each(|s| ok(&s.name, s.span));
    doc.footnotes
        .iter()
        .for_each(|f| ok(&format!("footnote {}", f.mark), f.span));
    doc.references.iter().for_each(|r| ok(&r.text, r.span));
    doc.dates.iter().for_each(|d| ok(&d.text, d.span));
    doc.diagnostics.iter().for_each(|d| ok(&d.code, d.span));
    if let Some(f) = &doc.formula {
        ok("formula", f.span);
    }
    if let Some(a) = &doc.adoption {
        ok("adoption", a.span);
    }
}
