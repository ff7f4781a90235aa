//! Scale test over `../shared/oracle`: 651 GA resolutions with structure from the UN's own
//! Akoma Ntoso XML. For every reliable document, compares the preambular and operative counts
//! and the leading phrase of every paragraph, prints the agreement rate (kept in the test
//! output so regressions show) and the first disagreements, and holds the rate to a floor.
//! `ORACLE_SHOW=1` lists every phrase whose head differs. Measured: 99.2% (the target is 99%;
//! the rest are the largest budget resolutions, with thirty-odd sectioned preambles, a table
//! note the oracle counts as a paragraph, and two italic spans that differ from the printed
//! words).

use serde_json::Value;
use std::path::PathBuf;

/// The share of reliable documents whose counts are exact and whose every leading phrase agrees,
/// where "agrees" tolerates the UN's inconsistent italics: one phrase may extend the other by
/// whole words ("Reaffirming" / "Reaffirming its commitment" for the same construction). The
/// strict rate is printed beside it.
const FLOOR_EXACT: f64 = 0.99;

fn oracle_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/oracle")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn oracle_agreement() {
    let truth = std::fs::read_to_string(oracle_dir().join("truth-ga.jsonl"))
        .expect("should read the oracle truth");
    let (mut total, mut counts_ok, mut exact, mut tolerant) = (0usize, 0usize, 0usize, 0usize);
    let (mut phrases_total, mut phrases_ok, mut phrases_guessed) = (0usize, 0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    let mut count_misses: Vec<String> = Vec::new();
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let t: Value = serde_json::from_str(line).expect("should parse a truth line");
        if t["reliable"] != Value::Bool(true) {
            continue;
        }
        let id = t["id"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(oracle_dir().join("ga").join(format!("{id}.txt")))
            .expect("should read an oracle text");
        let doc = clausemark::parse(&text);
        total += 1;
        let n_pre = t["n_preambular"].as_u64().unwrap_or(0) as usize;
        let n_op = t["n_operative"].as_u64().unwrap_or(0) as usize;
        // Preambles of sections (budget resolutions) are counted apart, as in the truth.
        let n_sec = t["n_section_preambular"].as_u64().unwrap_or(0) as usize;
        let (sectioned, plain): (Vec<_>, Vec<_>) =
            doc.preamble.iter().partition(|c| c.section.is_some());
        let counts =
            plain.len() == n_pre && sectioned.len() == n_sec && doc.operative.len() == n_op;
        counts_ok += counts as usize;
        // An operative phrase the oracle took from the XML's italics is truth; one it guessed
        // ("h" in operative_phrase_sources: the first word of "The Working Capital Fund shall
        // ...", under an old-style "Resolves that:") is not, and is not scored.
        let pre_phrases = strings(&t["preambular_phrases"]);
        let sources: Vec<char> = t["operative_phrase_sources"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .collect();
        let guessed: Vec<bool> = (0..pre_phrases.len())
            .map(|_| false)
            .chain((0..n_op).map(|k| sources.get(k) == Some(&'h')))
            .collect();
        let want: Vec<String> = pre_phrases
            .into_iter()
            .chain(strings(&t["operative_phrases"]))
            .collect();
        let got: Vec<String> = plain
            .iter()
            .copied()
            .chain(doc.operative.iter())
            .map(|c| c.phrase.as_ref().map_or(String::new(), |p| p.text.clone()))
            .collect();
        let mut all_phrases = counts;
        let mut all_tolerant = counts;
        for (k, (w, g)) in want.iter().zip(got.iter()).enumerate() {
            if guessed.get(k) == Some(&true) {
                phrases_guessed += 1;
                continue;
            }
            phrases_total += 1;
            if !same_head(w, g) {
                all_tolerant = false;
                if counts && std::env::var("ORACLE_SHOW").is_ok() {
                    println!("  head: {id}: {w:?} got {g:?}");
                }
            }
            if w.trim() == g.trim() {
                phrases_ok += 1;
            } else {
                all_phrases = false;
                if counts && misses.len() < 30 {
                    misses.push(format!("{id}: phrase {w:?} got {g:?}"));
                }
            }
        }
        if !counts {
            count_misses.push(format!(
                "{id}: counts {}+{}/{} want {n_pre}+{n_sec}/{n_op}",
                plain.len(),
                sectioned.len(),
                doc.operative.len()
            ));
        }
        exact += all_phrases as usize;
        tolerant += all_tolerant as usize;
    }
    let rate = tolerant as f64 / total.max(1) as f64;
    println!("oracle: {total} reliable GA resolutions");
    println!(
        "  counts exact:           {counts_ok}/{total} ({:.1}%)",
        100.0 * counts_ok as f64 / total as f64
    );
    println!(
        "  phrases exact:          {phrases_ok}/{phrases_total} ({:.1}%)",
        100.0 * phrases_ok as f64 / phrases_total.max(1) as f64
    );
    println!(
        "  (not scored: {phrases_guessed} operative phrases the oracle guessed, not from XML)"
    );
    println!(
        "  documents exact (both): {exact}/{total} ({:.1}%)",
        100.0 * exact as f64 / total as f64
    );
    println!(
        "  documents exact, phrases up to the UN's varying italics: {tolerant}/{total} ({:.1}%)",
        100.0 * rate
    );
    for m in count_misses.iter().chain(misses.iter()) {
        println!("  miss: {m}");
    }
    assert!(total >= 640, "should find the reliable oracle documents");
    assert!(
        rate >= FLOOR_EXACT,
        "should keep ≥ {:.0}% of oracle documents exact; got {:.1}%",
        FLOOR_EXACT * 100.0,
        100.0 * rate
    );
}

/// Equal, or one extends the other by whole words.
fn same_head(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.starts_with(short) && long[short.len()..].starts_with(' ')
}

/// The reliable oracle documents: id, text, truth.
fn reliable_docs() -> Vec<(String, String, Value)> {
    let truth = std::fs::read_to_string(oracle_dir().join("truth-ga.jsonl"))
        .expect("should read the oracle truth");
    let mut docs = Vec::new();
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let t: Value = serde_json::from_str(line).expect("should parse a truth line");
        if t["reliable"] != Value::Bool(true) {
            continue;
        }
        let id = t["id"].as_str().unwrap_or_default().to_string();
        let text = std::fs::read_to_string(oracle_dir().join("ga").join(format!("{id}.txt")))
            .expect("should read an oracle text");
        docs.push((id, text, t));
    }
    docs
}

/// Parse every document as `degrade` changes it; print how many keep their counts exact (plain
/// preambular + sectioned preambular / operative) and the first misses; hold them to `floor`.
fn counts_after(what: &str, floor: f64, degrade: &dyn Fn(&str, &Value) -> String) {
    let docs = reliable_docs();
    let (mut ok, mut misses) = (0usize, Vec::new());
    for (id, text, t) in &docs {
        let doc = clausemark::parse(&degrade(text, t));
        let n = |k: &str| t[k].as_u64().unwrap_or(0) as usize;
        let (sectioned, plain): (Vec<_>, Vec<_>) =
            doc.preamble.iter().partition(|c| c.section.is_some());
        let got = (plain.len(), sectioned.len(), doc.operative.len());
        let want = (
            n("n_preambular"),
            n("n_section_preambular"),
            n("n_operative"),
        );
        if got == want {
            ok += 1;
        } else if misses.len() < 20 {
            misses.push(format!("{id}: {got:?}, want {want:?}"));
        }
    }
    let rate = ok as f64 / docs.len().max(1) as f64;
    println!(
        "oracle {what}: counts exact {ok}/{} ({:.1}%)",
        docs.len(),
        100.0 * rate
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(
        rate >= floor,
        "should keep ≥ {:.1}% of documents {what} exact; got {:.1}%",
        floor * 100.0,
        100.0 * rate
    );
}

/// The header and the notes of every document against the XML: symbol (with its parts,
/// "A/RES/74/92 A-B"), adoption date, title (the parser folds the non-breaking hyphen U+2011
/// into "-", as it does everywhere), and the number of footnotes.
#[test]
fn oracle_header_fields() {
    // Measured (session 9): symbol 647/647 (was 625: parts dropped), adoption date 647,
    // title 645 (was 605: "B1" part labels, "Report of the ..." titles, a title read as a
    // sponsor line, "S-32/1."; A/RES/75/290 A and B print two titles, over 400 bytes),
    // footnotes 646 (was 627: notes opening with a year or an address).
    let docs = reliable_docs();
    let mut wrong: Vec<(&str, String)> = Vec::new();
    for (id, text, t) in &docs {
        let doc = clausemark::parse(text);
        let want = |k: &str| t[k].as_str().unwrap_or_default().replace('\u{2011}', "-");
        let adopted = doc.adoption.as_ref().and_then(|a| a.date.clone());
        let fields = [
            ("symbol", doc.symbol.clone(), want("symbol")),
            ("adoption date", adopted, want("date")),
            ("title", doc.title.clone(), want("title")),
            (
                "footnotes",
                Some(doc.footnotes.len().to_string()),
                t["n_footnotes"].to_string(),
            ),
        ];
        for (field, got, want) in fields {
            if got.as_deref() != Some(want.as_str()) {
                wrong.push((field, format!("{id}: got {got:?}, want {want:?}")));
            }
        }
    }
    for field in ["symbol", "adoption date", "title", "footnotes"] {
        let misses: Vec<&String> = wrong
            .iter()
            .filter(|w| w.0 == field)
            .map(|w| &w.1)
            .collect();
        let ok = docs.len() - misses.len();
        println!("oracle {field}: {ok}/{} exact", docs.len());
        for m in misses.iter().take(5) {
            println!("  miss: {m}");
        }
        assert!(
            ok as f64 >= 0.995 * docs.len() as f64,
            "should read the {field} of ≥ 99.5% of documents; got {ok}/{}",
            docs.len()
        );
    }
}

/// The documents each document cites, against the XML's references: each one the XML names
/// must be among the parser's targets. Targets follow this project's form (no space before a
/// parenthesis: "S/RES/1325(2000)"), and a target may name the part the XML leaves out
/// ("A/RES/54/237 C" for "A/RES/54/237").
#[test]
fn oracle_references() {
    // Measured (session 9): 11 575 of 12 166 (95.1 %); before this session 10 633 (87.4 %):
    // the header's "[on the report of ... (A/74/366)]" was not read, and a list stopped at a
    // doubled part letter ("53/77 AA"). The rest differ in form ("A/75/6 (Sect. 29)") or are
    // the XML's guesses (a period "2017/18" as a resolution).
    let docs = reliable_docs();
    let (mut wanted, mut found) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (id, text, t) in &docs {
        let doc = clausemark::parse(text);
        let targets: Vec<&str> = doc
            .references
            .iter()
            .filter_map(|r| r.target.as_deref())
            .collect();
        for want in t["references"].as_array().into_iter().flatten() {
            let want = want.as_str().unwrap_or_default().replace(" (", "(");
            wanted += 1;
            let named = |g: &&str| {
                *g == want
                    || g.strip_prefix(want.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
            };
            if targets.iter().any(named) {
                found += 1;
            } else if misses.len() < 10 {
                misses.push(format!("{id}: {want}"));
            }
        }
    }
    let rate = found as f64 / wanted.max(1) as f64;
    println!(
        "oracle references: {found}/{wanted} found ({:.1}%)",
        100.0 * rate
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(
        rate >= 0.94,
        "should find ≥ 94% of the references the XML names; got {:.1}%",
        100.0 * rate
    );
}

/// The same documents as pdftotext would give them: every paragraph wrapped, and no blank
/// lines between paragraphs, so paragraph breaks must come from the text itself (punctuation,
/// labels, openers, headings). Counts only (phrases are checked above). Three widths, so that
/// no rule fits one wrapping: each puts other words at the start of a line.
#[test]
fn oracle_rewrapped_without_blank_lines() {
    // Measured (session 9): 641/647 at 60 columns, 641 at 85, 642 at 110 (99.1 %); the rest
    // are budget resolutions, a title in Title Case broken before "Taking" (A/RES/75/60), a
    // section title wrapped onto two lines before its part label (A/RES/75/245, 60 columns),
    // and A/RES/75/246, which the oracle counts differently.
    for width in [60, 85, 110] {
        let what = format!("re-wrapped at {width} columns, no blank lines");
        counts_after(&what, 0.985, &|text, _| rewrap(text, width));
    }
}

/// The same documents with the furniture of a born-digital UN PDF through pdftotext every 45
/// lines (job number, barcode, form feed, running symbol and title, page counter, as in the
/// corpus's A/RES/78/323), wherever that falls: between paragraphs, mid-sentence, before a
/// number. Once with the paragraphs' blank lines and once re-wrapped without them.
#[test]
fn oracle_with_page_furniture() {
    // Measured (session 9): 640/647 with blank lines, 638/647 re-wrapped at 85 columns (608
    // and 624 before the masthead title was matched without the resolution's number and across
    // its lines, and before "4 May 2019," ceased to be read as the closing date).
    counts_after("with page furniture", 0.98, &|text, t| {
        paginate(text, t, 45)
    });
    counts_after(
        "with page furniture, re-wrapped at 85 columns",
        0.98,
        &|text, t| paginate(&rewrap(text, 85), t, 45),
    );
}

/// Insert page furniture every `every` lines. The running title is the document's title when
/// short (a long one wraps differently in a page header than in the masthead); else the symbol.
fn paginate(text: &str, truth: &Value, every: usize) -> String {
    let symbol = truth["symbol"].as_str().unwrap_or_default();
    let title = truth["title"]
        .as_str()
        .filter(|t| t.len() <= 100)
        .unwrap_or(symbol);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.lines().enumerate() {
        if i > 0 && i % every == 0 {
            let page = i / every + 1;
            if page % 2 == 0 {
                out.push_str(&format!(
                    "\n19-22469 (E)\n\n*1922469*\n\n\u{c}{symbol}\n\n{title}\n\n"
                ));
            } else {
                out.push_str(&format!(
                    "\n19-22469\n\n{page}/9\n\n\u{c}{title}\n\n{symbol}\n\n"
                ));
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Greedy word wrap of every line at `width` columns; blank lines dropped.
fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for line in text.lines() {
        let mut col = 0;
        for word in line.split_whitespace() {
            let w = word.chars().count();
            if col > 0 && col + 1 + w > width {
                out.push('\n');
                col = 0;
            }
            if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += w;
        }
        if col > 0 {
            out.push('\n');
        }
    }
    out
}

/// Budget resolutions print tables with tab-separated cells whose numbered rows ("1. Income from
/// staff assessment\t273 171 400") are not paragraphs: the table stays in the paragraph that
/// introduces it, and every id stays unique (A/RES/74/264 A-C, parts A, B and C).
#[test]
fn budget_tables_stay_in_their_paragraph() {
    let text = std::fs::read_to_string(oracle_dir().join("ga").join("A_RES_74_264_A-C.txt"))
        .expect("should read A/RES/74/264 A-C");
    let doc = clausemark::parse(&text);
    let labels: Vec<&str> = doc
        .operative
        .iter()
        .map(|c| c.label.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        labels,
        ["1.", "2.", "3.", "1.", "2.", "3.", "1.", "2."],
        "should read the 3 + 3 + 2 paragraphs of parts A, B and C and no table row"
    );
    let top: Vec<&str> = doc.operative.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        top,
        ["opA-1", "opA-2", "opA-3", "opB-1", "opB-2", "opB-3", "opC-1", "opC-2"],
        "should give every part, A included, its letter in the ids"
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("Programme budget for 2020"),
        "should not take part A's letter and title into the document's title"
    );
    let mut ids: Vec<&str> = doc.clauses().map(|c| c.id.as_str()).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "should give every clause a unique id");
    assert!(
        doc.operative[0].text.contains("77 087 600"),
        "should keep the appropriations table in paragraph A.1"
    );
    assert!(
        doc.operative[3]
            .text
            .contains("Income from staff assessment 273 171 400"),
        "should keep the income table in paragraph B.1"
    );
}
