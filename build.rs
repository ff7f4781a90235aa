//! Build step: the country table without its documentation, in lookup order.
//!
//! `data/countries.tsv` carries a comment header and, for each alias, the source that justifies
//! it (third column). Both are for readers of the repository; the parser needs only the name,
//! the ISO code and whether the name is the UN short name. This writes
//! `$OUT_DIR/countries.tsv` with just that ("iso3 TAB name [TAB short]"), so the notes do not
//! ship in the .wasm (about 1.6 KB), and sorted by the name's lookup key, so that
//! `src/countries.rs` needs no sort of its own for them.
//!
//! The key is the normalised name `countries::key` computes at run time (lower case, one space
//! between words, without "the" around it, "’" as "'"); the test
//! `countries::tests::every_name_of_the_table_resolves_to_its_code` checks that both agree.

use std::fmt::Write as _;

/// The lookup key of a name, as `countries::key` makes it.
fn key(name: &str) -> String {
    let mut k = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    for suffix in [" (the)", " (the"] {
        if k.ends_with(suffix) {
            k.truncate(k.len() - suffix.len());
        }
    }
    if let Some(rest) = k.strip_prefix("the ") {
        k = rest.to_string();
    }
    k.replace('’', "'")
}

fn main() {
    println!("cargo:rerun-if-changed=data/countries.tsv");
    let table = std::fs::read_to_string("data/countries.tsv").expect("data/countries.tsv");
    let mut rows: Vec<(String, &str, &str, bool)> = Vec::new();
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let (Some(name), Some(iso)) = (cols.next(), cols.next()) else {
            panic!("data/countries.tsv: a line without a name and a code: {line:?}");
        };
        rows.push((key(name), iso, name, cols.next() == Some("short")));
    }
    rows.sort();
    let mut out = String::with_capacity(table.len());
    for (_, iso, name, short) in &rows {
        let kind = if *short { "\tshort" } else { "" };
        writeln!(out, "{iso}\t{name}{kind}").expect("writing to a String");
    }
    let dest =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("countries.tsv");
    std::fs::write(dest, out).expect("writing $OUT_DIR/countries.tsv");
}
