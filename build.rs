//! Build step: the country table without its documentation.
//!
//! `data/countries.tsv` carries a comment header and, for each alias, the source that justifies
//! it (third column). Both are for readers of the repository; the parser needs only the name, the
//! ISO code and whether the name is the UN short name. This writes `$OUT_DIR/countries.tsv` with
//! just that, so the notes do not ship in the .wasm (about 1.6 KB).

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=data/countries.tsv");
    let table = std::fs::read_to_string("data/countries.tsv").expect("data/countries.tsv");
    let mut out = String::with_capacity(table.len());
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let (Some(name), Some(iso)) = (cols.next(), cols.next()) else {
            panic!("data/countries.tsv: a line without a name and a code: {line:?}");
        };
        let kind = if cols.next() == Some("short") {
            "\tshort"
        } else {
            ""
        };
        writeln!(out, "{name}\t{iso}{kind}").expect("writing to a String");
    }
    let dest =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("countries.tsv");
    std::fs::write(dest, out).expect("writing $OUT_DIR/countries.tsv");
}
