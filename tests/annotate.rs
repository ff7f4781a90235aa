//! Fixture and oracle tests for the inline scanners in `clausemark::annotate`
//! (references, dates, phrases, addressees, mandates).
//!
//! Fixtures live in `tests/fixtures/annotate/`; the phrase-agreement test reads the GA oracle
//! from `$CLAUSEMARK_ORACLE` or `/work/shared/oracle` and is skipped (with a message) when absent.
//! `CLAUSEMARK_SHOW=1 cargo test --test annotate -- --nocapture` prints the disagreements.

use clausemark::annotate::phrases::{leading_phrase, Part};
use std::collections::HashMap;
use std::path::PathBuf;

fn oracle_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CLAUSEMARK_ORACLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/oracle"));
    dir.join("truth-ga.jsonl").exists().then_some(dir)
}

/// "12. Decides ..." -> Some("Decides ..."); "12." alone -> Some("").
fn strip_number(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 || line.as_bytes().get(digits) != Some(&b'.') {
        return None;
    }
    let rest = &line[digits + 1..];
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix(' ').map(str::trim_start)
}

/// "(a) Expresses ..." -> "Expresses ..."
fn strip_item_label(line: &str) -> &str {
    if line.starts_with('(') {
        if let Some(i) = line.find(") ") {
            if i <= 6 {
                return &line[i + 2..];
            }
        }
    }
    line
}

/// Pair every oracle phrase with its paragraph text: (part, paragraph, oracle phrase).
fn oracle_pairs(dir: &std::path::Path) -> (Vec<(Part, String, String)>, usize, usize) {
    let jsonl = std::fs::read_to_string(dir.join("truth-ga.jsonl")).unwrap();
    let mut out = Vec::new();
    let (mut docs, mut skipped) = (0, 0);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["reliable"] != serde_json::Value::Bool(true) {
            continue;
        }
        let id = v["id"].as_str().unwrap();
        let Ok(txt) = std::fs::read_to_string(dir.join("ga").join(format!("{id}.txt"))) else {
            continue;
        };
        docs += 1;
        let strs = |k: &str| -> Vec<String> {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let pp = strs("preambular_phrases");
        let op = strs("operative_phrases");
        let lines: Vec<&str> = txt.lines().filter(|l| !l.trim().is_empty()).collect();
        let (mut pre, mut ops) = (Vec::new(), Vec::new());
        let mut in_body = false;
        let mut in_pre = false;
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i].trim();
            if l.starts_with("The General Assembly") && l.len() < 30 {
                in_body = true;
                in_pre = true;
            } else if in_body && (l.ends_with("plenary meeting") || l == "Annex") {
                in_body = false;
                in_pre = false;
            } else if in_body {
                if let Some(rest) = strip_number(l) {
                    in_pre = false;
                    if rest.is_empty() {
                        if let Some(next) = lines.get(i + 1) {
                            ops.push(strip_item_label(next.trim()).to_string());
                        }
                    } else {
                        ops.push(rest.to_string());
                    }
                } else if in_pre {
                    pre.push(l.to_string());
                }
            }
            i += 1;
        }
        let numbered = v["operative_numbers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| n.as_str() != Some(""));
        if pre.len() == pp.len() {
            for (t, p) in pre.into_iter().zip(pp) {
                out.push((Part::Preamble, t, p));
            }
        } else {
            skipped += 1;
        }
        if numbered && ops.len() == op.len() {
            for (t, p) in ops.into_iter().zip(op) {
                out.push((Part::Operative, t, p));
            }
        } else if numbered {
            skipped += 1;
        }
    }
    (out, docs, skipped)
}

#[test]
fn phrases_agree_with_the_oracle() {
    let Some(dir) = oracle_dir() else {
        eprintln!("oracle not found: skipping phrase agreement");
        return;
    };
    let (pairs, docs, skipped) = oracle_pairs(&dir);
    let show = std::env::var_os("CLAUSEMARK_SHOW").is_some();
    let mut agree = [0usize; 2];
    let mut total = [0usize; 2];
    let mut misses: HashMap<(String, String), (usize, String)> = HashMap::new();
    for (part, text, want) in &pairs {
        // Pairing sanity: the paragraph must start with the oracle's phrase.
        if !text.starts_with(want.as_str()) {
            continue;
        }
        let k = (*part == Part::Operative) as usize;
        total[k] += 1;
        let got = leading_phrase(text, *part)
            .map(|m| &text[..m.len])
            .unwrap_or("<none>");
        if got == want {
            agree[k] += 1;
        } else {
            let e = misses
                .entry((want.clone(), got.to_string()))
                .or_insert((0, text.chars().take(90).collect()));
            e.0 += 1;
        }
    }
    let rate = |k: usize| agree[k] as f64 / total[k].max(1) as f64;
    eprintln!(
        "phrase agreement: preambular {}/{} = {:.4}, operative {}/{} = {:.4} ({docs} docs, {skipped} parts unpaired)",
        agree[0], total[0], rate(0), agree[1], total[1], rate(1)
    );
    if show {
        let mut v: Vec<_> = misses.into_iter().collect();
        v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0));
        for ((want, got), (n, ex)) in v.iter().take(150) {
            eprintln!("{n:4}  want {want:?}  got {got:?}  | {ex}");
        }
    }
    assert!(
        total[0] > 8000 && total[1] > 10000,
        "should pair most oracle paragraphs"
    );
    assert!(
        rate(0) >= 0.98,
        "should agree with the oracle on ≥98% of preambular phrases"
    );
    assert!(
        rate(1) >= 0.98,
        "should agree with the oracle on ≥98% of operative phrases"
    );
}
