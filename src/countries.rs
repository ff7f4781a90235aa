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

/// `data/countries.tsv` as `build.rs` writes it: "name TAB iso3 [TAB short]", without the
/// comments and alias sources (documentation, not data the parser reads).
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
    by_key: Vec<(String, &'static str)>,
    /// (ISO code, UN short name); the same element type as `by_key`, so one sort serves both.
    short: Vec<(String, &'static str)>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_key = Vec::new();
        let mut short = Vec::new();
        for line in TABLE.lines() {
            let mut cols = line.split('\t');
            let (Some(name), Some(iso)) = (cols.next(), cols.next()) else {
                continue;
            };
            if cols.next() == Some("short") {
                short.push((iso.to_string(), name));
            }
            by_key.push((key(name), iso));
        }
        by_key.sort_unstable();
        by_key.dedup_by(|a, b| a.0 == b.0);
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
        .binary_search_by(|(iso, _)| iso.as_str().cmp(iso3))
        .map(|j| idx.short[j].1)
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
        assert_eq!(
            lookup("Philippines").map(|c| c.un_name),
            Some("Philippines (the)")
        );
    }
}
