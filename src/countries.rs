//! Country names → ISO 3166-1 alpha-3, from the UN's UNTERM short names.
//!
//! The table `data/countries.tsv` (compiled in by `build.rs`, which leaves out its comments and
//! alias sources) is generated from `../shared/data/` (current and 2017 UN
//! short names, official and CLDR names) plus a small alias table of historical and variant
//! names with their sources (Yugoslavia, Union of Soviet Socialist Republics, Swaziland, "The
//! former Yugoslav Republic of Macedonia", ...). It is compiled into the crate, so the library
//! builds and runs without `../shared`.
//!
//! Matching is case-insensitive and ignores a trailing "(the)"/"(The)" and a leading "the":
//! "Bahamas (The)", "the Netherlands", "Venezuela (Bolivarian Republic of)".

use std::sync::OnceLock;

/// `data/countries.tsv` as `build.rs` writes it: "iso3 TAB name [TAB short]", sorted by the
/// name's key, without the comments and alias sources (documentation, not data the parser
/// reads).
const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/countries.tsv"));

pub struct Country {
    pub iso3: &'static str,
    /// The UNTERM English short name.
    pub un_name: &'static str,
}

fn key(name: &str) -> String {
    // One string, edited in place (every sponsor is looked up; most names are ASCII).
    let mut k = crate::text::fold_spaces(name);
    if k.is_ascii() {
        k.make_ascii_lowercase();
    } else {
        k = crate::text::lower(&k);
    }
    for suffix in [" (the)", " (the"] {
        if k.ends_with(suffix) {
            k.truncate(k.len() - suffix.len());
        }
    }
    if k.starts_with("the ") {
        k.replace_range(..4, "");
    }
    if crate::text::find_str(&k, "’").is_some() {
        k = k.replace('’', "'");
    }
    k
}

struct Index {
    /// (lookup key, ISO code), sorted by key (as `build.rs` sorted the table), one per key.
    by_key: Vec<(String, &'static str)>,
    /// The lines of the UN short names ("PHL TAB Philippines (the) TAB short"), sorted, which
    /// is by code.
    short: Vec<&'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_key: Vec<(String, &'static str)> = Vec::new();
        let mut short = Vec::new();
        for line in TABLE.lines() {
            let mut cols = line.split('\t');
            let (Some(iso), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            if cols.next() == Some("short") {
                short.push(line);
            }
            let k = key(name);
            // Of names with one key, the first (lowest code) answers.
            if by_key.last().is_none_or(|(last, _)| *last != k) {
                by_key.push((k, iso));
            }
        }
        // `Vec<&str>`: the element type of the parser's other sorts (one routine in the .wasm).
        short.sort_unstable();
        Index { by_key, short }
    })
}

/// Look up a State by the name printed in a sponsor list.
pub fn lookup(name: &str) -> Option<Country> {
    let idx = index();
    let k = key(name);
    let i = idx
        .by_key
        .binary_search_by(|(n, _)| n.as_str().cmp(&k))
        .ok()?;
    let iso3 = idx.by_key[i].1;
    let un_name = idx
        .short
        .binary_search_by(|line| line.get(..iso3.len()).unwrap_or(line).cmp(iso3))
        .ok()
        .and_then(|j| idx.short[j].split('\t').nth(1))
        .unwrap_or(name_static(iso3));
    Some(Country { iso3, un_name })
}

fn name_static(iso3: &'static str) -> &'static str {
    iso3
}

#[cfg(test)]
mod tests {
    use super::lookup;

    #[test]
    fn current_historical_and_variant_names() {
        for (name, iso) in [
            ("Afghanistan", "AFG"),
            ("Bahamas (The)", "BHS"),
            ("Venezuela (Bolivarian Republic of)", "VEN"),
            ("Saint Vincent and the Grenadines", "VCT"),
            ("Yugoslavia", "YUG"),
            ("The former Yugoslav Republic of Macedonia", "MKD"),
            ("Swaziland", "SWZ"),
            ("Union of Soviet Socialist Republics", "SUN"),
            ("Republic of Korea", "KOR"),
            ("Viet Nam", "VNM"),
        ] {
            assert_eq!(
                lookup(name).map(|c| c.iso3),
                Some(iso),
                "should resolve {name}"
            );
        }
        assert!(lookup("Atlantis").is_none(), "should not invent a code");
        assert_eq!(lookup("the   Netherlands").map(|c| c.iso3), Some("NLD"));
        assert_eq!(
            lookup("Philippines").map(|c| c.un_name),
            Some("Philippines (the)")
        );
    }

    /// `build.rs` sorts the table by its own copy of the key; every name of the source table
    /// must come back to its code through the run-time key, and the lists must be sorted, or
    /// the binary searches would miss.
    #[test]
    fn every_name_of_the_table_resolves_to_its_code() {
        let source = include_str!("../data/countries.tsv");
        let rows: Vec<(&str, &str)> = source
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut cols = l.split('\t');
                (cols.next().unwrap(), cols.next().unwrap())
            })
            .collect();
        assert!(rows.len() > 250, "should read the whole table");
        for (name, iso) in &rows {
            // A name two rows give different codes is found with one of them.
            let codes: Vec<&str> = rows
                .iter()
                .filter(|(n, _)| super::key(n) == super::key(name))
                .map(|(_, i)| *i)
                .collect();
            let got = lookup(name).map(|c| c.iso3);
            assert!(
                got.is_some_and(|g| codes.contains(&g)),
                "should resolve {name:?} to {iso} (got {got:?})"
            );
        }
        let idx = super::index();
        assert!(
            idx.by_key.windows(2).all(|w| w[0].0 < w[1].0),
            "should have the keys sorted and unique (build.rs's key and the run-time key agree)"
        );
        assert!(idx.short.len() > 190, "should keep every UN short name");
    }
}
