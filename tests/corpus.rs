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
        let sym = doc.symbol.clone().unwrap_or_default();
        let ok_pre = doc.preamble.len() == r.n_pre;
        let ok_op = doc.operative.len() == r.n_op;
        let ok_sp = !doc.sponsors.is_empty() == r.sponsors;
        let ok_sym = r.symbol.is_empty() || sym == r.symbol;
        let mark = |ok: bool| if ok { " " } else { "✗" };
        println!(
            "{:<26} {:>4}/{:<3}{} {:>4}/{:<3}{} {:>7}{}  {}{}",
            r.file,
            doc.preamble.len(),
            r.n_pre,
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
