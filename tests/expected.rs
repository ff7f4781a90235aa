//! Expected output: the full JSON of every corpus document, compared on every run, so that any
//! change in output shows up in review as a diff of `tests/expected/*.json`.
//!
//! Re-bless after an intended change:
//!
//! ```sh
//! BLESS=1 cargo test --test expected
//! ```

use std::path::PathBuf;

#[test]
fn corpus_output_matches_the_blessed_json() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let expected_dir = root.join("tests/expected");
    let bless = std::env::var_os("BLESS").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .expect("should list the corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 23, "should find the 23 corpus documents");
    let mut changed = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("should read a document");
        let json = serde_json::to_string_pretty(&clausemark::parse(&text))
            .expect("should serialise")
            + "\n";
        let name = path.file_stem().unwrap().to_string_lossy().to_string() + ".json";
        let target = expected_dir.join(&name);
        if bless {
            std::fs::write(&target, &json).expect("should write the blessed output");
            continue;
        }
        match std::fs::read_to_string(&target) {
            Ok(old) if old == json => {}
            Ok(old) => {
                let line = old
                    .lines()
                    .zip(json.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                changed.push(format!(
                    "{name}: first difference at line {}:\n  expected: {}\n  got:      {}",
                    line + 1,
                    old.lines().nth(line).unwrap_or(""),
                    json.lines().nth(line).unwrap_or("")
                ));
            }
            Err(_) => changed.push(format!("{name}: no blessed output yet")),
        }
    }
    // A blessed file whose document is gone is stale: it must go too.
    if !bless {
        for e in std::fs::read_dir(&expected_dir)
            .expect("should list tests/expected")
            .flatten()
        {
            let name = e.file_name().to_string_lossy().to_string();
            if !corpus.join(name.replace(".json", ".txt")).exists() {
                changed.push(format!("{name}: stale (no such corpus document)"));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "should produce the blessed output (re-bless with `BLESS=1 cargo test --test expected` if the change is intended):\n{}",
        changed.join("\n")
    );
}
