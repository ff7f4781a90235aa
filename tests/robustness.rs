//! Bad input never crashes, hangs or produces an out-of-bounds span.
//!
//! - Hostile and degenerate texts: empty, whitespace only, binary-looking, NUL bytes, one 1 MB
//!   line, 100 000 asterisks, control and bidi characters, CR-only line ends, BOMs; 50 MB of
//!   text and input over `MAX_INPUT_BYTES` (ignored by default: slow in a debug build; run with
//!   `cargo test --release --test robustness -- --ignored`, see BENCHMARKS.md).
//! - Every corpus document, whole and cut at many points.
//! - A property test: 2000 deterministic pseudo-random texts (a xorshift generator mixing corpus
//!   fragments, UN tokens such as `1.`, `(a)`, `*`, `\f`, `A/RES/`, newlines and odd characters;
//!   and corpus documents with random edits), each checked by [`check_document`].
//! - Every input the fuzzer ever found (`tests/fixtures/fuzz-regressions/`).
//!
//! [`check_document`] is the invariant: every span (sponsors, formula, clauses, phrases, items,
//! footnotes, references, dates, adoption, diagnostics) lies inside the input, on char
//! boundaries, with start <= end; each phrase and item lies inside its clause; inline ranges lie
//! inside the clause's `text` and their indexes point at existing entries; the Document
//! serialises to JSON and reads back equal; its tape for JS (`clausemark::tape`) reads back by
//! its grammar.

use clausemark::{Clause, Document, InlineKind, Span};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// The invariant.

fn check_span(input: &str, what: &str, span: Span, errors: &mut Vec<String>) {
    if span.start > span.end {
        errors.push(format!("{what}: start {} > end {}", span.start, span.end));
    } else if span.end > input.len() {
        errors.push(format!(
            "{what}: end {} past the input ({} bytes)",
            span.end,
            input.len()
        ));
    } else if !input.is_char_boundary(span.start) || !input.is_char_boundary(span.end) {
        errors.push(format!(
            "{what}: {}..{} not on char boundaries",
            span.start, span.end
        ));
    }
}

fn check_clause(
    input: &str,
    doc: &Document,
    clause: &Clause,
    parent: Option<&Clause>,
    errors: &mut Vec<String>,
) {
    let id = &clause.id;
    check_span(input, &format!("clause {id}"), clause.span, errors);
    if let Some(p) = &clause.phrase {
        check_span(input, &format!("phrase of {id}"), p.span, errors);
        if !clause.span.contains(&p.span) {
            errors.push(format!(
                "phrase of {id} {:?} outside its clause {:?}",
                p.span, clause.span
            ));
        }
    }
    if let Some(parent) = parent {
        if !parent.span.contains(&clause.span) {
            errors.push(format!(
                "item {id} {:?} outside its parent {} {:?}",
                clause.span, parent.id, parent.span
            ));
        }
    }
    for inline in &clause.inlines {
        let r = inline.range;
        if r.start > r.end
            || r.end > clause.text.len()
            || !clause.text.is_char_boundary(r.start)
            || !clause.text.is_char_boundary(r.end)
        {
            errors.push(format!(
                "inline {:?} of {id}: range {r:?} not a char range of its text ({} bytes)",
                inline.kind,
                clause.text.len()
            ));
        }
        let len = match inline.kind {
            InlineKind::Phrase => None,
            InlineKind::FootnoteRef => Some(doc.footnotes.len()),
            InlineKind::Reference => Some(doc.references.len()),
            InlineKind::Date => Some(doc.dates.len()),
        };
        if let (Some(len), Some(index)) = (len, inline.index) {
            if index >= len {
                errors.push(format!(
                    "inline {:?} of {id}: index {index} but only {len} entries",
                    inline.kind
                ));
            }
        }
    }
    for item in &clause.items {
        check_clause(input, doc, item, Some(clause), errors);
    }
}

/// Every invariant of a Document parsed from `input`; `Err` lists the violations.
fn check_document(input: &str, doc: &Document) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    for (i, s) in doc.sponsors.iter().enumerate() {
        check_span(
            input,
            &format!("sponsor {i} {:?}", s.name),
            s.span,
            &mut errors,
        );
    }
    if let Some(f) = &doc.formula {
        check_span(input, "formula", f.span, &mut errors);
    }
    for clause in doc.preamble.iter().chain(&doc.operative) {
        check_clause(input, doc, clause, None, &mut errors);
    }
    // Ids are links and annotation anchors: never two clauses with one id.
    let mut ids: Vec<&str> = doc.clauses().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    for pair in ids.windows(2).filter(|w| w[0] == w[1]) {
        errors.push(format!("two clauses have the id {:?}", pair[0]));
    }
    for (i, f) in doc.footnotes.iter().enumerate() {
        check_span(
            input,
            &format!("footnote {i} {:?}", f.mark),
            f.span,
            &mut errors,
        );
    }
    for (i, r) in doc.references.iter().enumerate() {
        check_span(
            input,
            &format!("reference {i} {:?}", r.text),
            r.span,
            &mut errors,
        );
    }
    for (i, d) in doc.dates.iter().enumerate() {
        check_span(
            input,
            &format!("date {i} {:?}", d.text),
            d.span,
            &mut errors,
        );
    }
    if let Some(a) = &doc.adoption {
        check_span(input, "adoption", a.span, &mut errors);
    }
    for (i, d) in doc.diagnostics.iter().enumerate() {
        check_span(
            input,
            &format!("diagnostic {i} {}", d.code),
            d.span,
            &mut errors,
        );
    }
    // Round trip through JSON (compared as JSON: fields kept out of JSON do not come back).
    // The tape the .wasm hands to JS reads back by its grammar (src/tape.rs).
    let tape = clausemark::tape::Tape::of_records(doc, input.len());
    if let Err(e) = clausemark::tape::check(&tape, doc) {
        errors.push(format!("the tape for JS does not read back: {e}"));
    }
    match serde_json::to_string(doc) {
        Ok(json) => match serde_json::from_str::<Document>(&json) {
            Ok(back) if serde_json::to_string(&back).ok().as_deref() == Some(json.as_str()) => {}
            Ok(_) => errors.push("JSON round trip changed the Document".into()),
            Err(e) => errors.push(format!("JSON does not read back: {e}")),
        },
        Err(e) => errors.push(format!("Document does not serialise: {e}")),
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn preview(input: &str) -> String {
    let mut end = input.len().min(600);
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{:?}{}",
        &input[..end],
        if end < input.len() { "…" } else { "" }
    )
}

/// Parse and check; panics with the input's preview on a panic or a broken invariant.
fn parse_ok(what: &str, input: &str) -> Document {
    let doc = match catch_unwind(AssertUnwindSafe(|| clausemark::parse(input))) {
        Ok(doc) => doc,
        Err(_) => panic!(
            "{what}: parse should not panic ({} bytes): {}",
            input.len(),
            preview(input)
        ),
    };
    if let Err(errors) = check_document(input, &doc) {
        panic!(
            "{what}: the Document should be well formed; {} violation(s): {:#?}\ninput ({} bytes): {}",
            errors.len(),
            &errors[..errors.len().min(20)],
            input.len(),
            preview(input)
        );
    }
    doc
}

/// [`parse_ok`] on a thread of its own: a hang fails the test after `limit` instead of hanging.
fn parse_ok_within(what: &str, input: String, limit: Duration) -> Document {
    let (tx, rx) = mpsc::channel();
    let name = what.to_owned();
    std::thread::spawn(move || {
        let doc = parse_ok(&name, &input);
        let _ = tx.send(doc);
    });
    match rx.recv_timeout(limit) {
        Ok(doc) => doc,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: parse should finish within {limit:?}")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: see the panic above"),
    }
}

const LIMIT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------------
// Degenerate and hostile texts.

#[test]
fn empty_text() {
    let doc = parse_ok("empty", "");
    assert!(
        doc.preamble.is_empty() && doc.operative.is_empty() && doc.sponsors.is_empty(),
        "empty text should yield no structure: {doc:?}"
    );
}

#[test]
fn whitespace_only() {
    for ws in [
        " ",
        "\n",
        "\n\n\n\n",
        "\r\n\r\n",
        "\r\r\r",
        "\t \t",
        "\x0c",
        "\x0c\n\x0c\n",
        "\u{a0}\u{a0}",
        "\u{2028}\u{2029}",
        "\u{feff}",
        "\u{200b}\u{200b}",
        "\u{3000}",
        " \t\n\r\x0c\u{a0}\u{ad}\u{2011}\u{feff}",
    ] {
        let doc = parse_ok("whitespace", ws);
        assert!(
            doc.preamble.is_empty() && doc.operative.is_empty() && doc.sponsors.is_empty(),
            "whitespace {ws:?} should yield no clauses or sponsors: {doc:?}"
        );
    }
}

#[test]
fn binary_looking_text() {
    // Bytes of every value, as a text viewer would show them after lossy decoding.
    let mut rng = XorShift::new(0xB1_4A_27);
    for round in 0..20 {
        let bytes: Vec<u8> = (0..4096).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        parse_ok(&format!("binary round {round}"), &text);
    }
    let all: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    parse_ok("all bytes", &String::from_utf8_lossy(&all));
    // Control characters only.
    let controls: String = (0u32..32)
        .chain(127..160)
        .filter_map(char::from_u32)
        .collect();
    parse_ok("controls", &controls.repeat(100));
}

#[test]
fn nul_bytes() {
    parse_ok("NULs", &"\0".repeat(100_000));
    parse_ok("NULs in lines", &"\0\n1.\0(a)\0\n".repeat(5_000));
    parse_ok(
        "NULs in a resolution",
        "The General Assembly,\0\n\nRecalling\0 its resolution 1/1,\n\n1.\0 Decides\0;\n",
    );
}

#[test]
fn one_megabyte_line() {
    let line =
        "Recalling its resolution 60/251 of 15 March 2006, (a) A/HRC/RES/59/25* ".repeat(15_000);
    assert!(line.len() > 1_000_000);
    parse_ok_within("1 MB line", line, LIMIT);
}

#[test]
fn hundred_thousand_asterisks() {
    parse_ok_within("asterisks", "*".repeat(100_000), LIMIT);
    parse_ok_within("asterisk lines", "*\n".repeat(100_000), LIMIT);
    parse_ok_within("double asterisks", "** ".repeat(100_000), LIMIT);
}

#[test]
fn odd_characters_and_line_ends() {
    let text = "United Nations\rA/80/L.1\rGeneral Assembly\r\rThe General Assembly,\r\rRecalling \u{202e}evil\u{202c},\r\r1. Decides \u{1f642} ﬁnally;\r";
    parse_ok("CR only", text);
    parse_ok("BOM", &format!("\u{feff}{text}"));
    parse_ok("combining", &"e\u{301}\u{302}\u{303}".repeat(10_000));
    parse_ok("RTL", "الجمعية العامة،\n\n1. تقرر؛\n");
    parse_ok("CJK", "大会，\n\n1. 决定；\n");
    parse_ok("lone CR LF mix", "1.\r(a)\n\r(i)\r\n\n\rDecides");
}

/// Every corpus document, and each cut at 97 points (char boundaries).
#[test]
fn corpus_whole_and_cut() {
    for (name, text) in corpus() {
        parse_ok(&name, &text);
        for k in 1..98 {
            let mut cut = text.len() * k / 98;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            parse_ok(&format!("{name} cut at {cut}"), &text[..cut]);
            parse_ok(&format!("{name} from {cut}"), &text[cut..]);
        }
    }
}

#[test]
fn corpus_concatenated_and_repeated() {
    let all: String = corpus()
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n\x0c\n");
    let doc = parse_ok_within("corpus concatenated", all.clone(), LIMIT);
    assert!(
        !doc.preamble.is_empty() || !doc.operative.is_empty(),
        "the concatenated corpus should still yield clauses"
    );
    parse_ok_within(
        "corpus x4, no line breaks",
        all.replace('\n', " ").repeat(4),
        LIMIT,
    );
}

/// 50 MB of real text (the bar in DESIGN.md): best-effort document, no crash, no hang.
#[test]
#[ignore = "50 MB: run in a release build: cargo test --release --test robustness -- --ignored"]
fn fifty_megabytes() {
    let all: String = corpus()
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::with_capacity(50_000_000 + all.len());
    while text.len() < 50_000_000 {
        text.push_str(&all);
    }
    parse_ok_within("50 MB", text, Duration::from_secs(300));
}

/// Over `MAX_INPUT_BYTES`: still a Document, and a diagnostic that says the input was cut.
#[test]
#[ignore = "65 MiB: run in a release build: cargo test --release --test robustness -- --ignored"]
fn over_the_input_limit() {
    let text = "1. Decides;\n".repeat(clausemark::MAX_INPUT_BYTES / 12 + 100_000);
    assert!(text.len() > clausemark::MAX_INPUT_BYTES);
    let doc = parse_ok_within("over the limit", text, Duration::from_secs(300));
    assert!(
        !doc.diagnostics.is_empty(),
        "input over MAX_INPUT_BYTES should be reported in a diagnostic"
    );
}

// ---------------------------------------------------------------------------------------------
// Fuzz regressions.

/// Every input `cargo fuzz` ever found (crash, timeout, out-of-memory) is kept here and must
/// parse cleanly. Inputs are bytes: decoded lossily, as the fuzz targets do.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{} should exist: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("a regression file");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        parse_ok_within(&path.display().to_string(), text, LIMIT);
    }
}

// ---------------------------------------------------------------------------------------------
// Property test.

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus should be readable at {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the corpus should have *.txt files");
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                std::fs::read_to_string(&p).expect("corpus file is UTF-8"),
            )
        })
        .collect()
}

/// xorshift64*: small, fast, deterministic.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TOKENS: &[&str] = &[
    "1.",
    "2.",
    "3.",
    "10.",
    "17.",
    "1. ",
    "\n1.\n",
    "(a)",
    "(b)",
    "(c)",
    "(i)",
    "(ii)",
    "(iv)",
    "a.",
    "b.",
    "i.",
    "ii.",
    "A.",
    "B.",
    "(A)",
    "I.",
    "*",
    "**",
    "***",
    "*2510614*",
    "\x0c",
    "\x0c\n",
    "A/RES/",
    "A/RES/78/323",
    "A/HRC/59/L.17",
    "E/CN.4/2002/L.108",
    "S/RES/2774 (2025)",
    "resolution",
    "resolutions",
    "decision",
    "resolution 1/1",
    "resolution 217 A (III)",
    "draft resolution",
    "draft decision",
    ": draft resolution",
    ":* draft resolution",
    ":* , ** draft decision",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "\t",
    ",",
    ";",
    ":",
    ".",
    "The General Assembly,",
    "The Security Council,",
    "The Economic and Social Council,",
    "Recalling",
    "Recalling also",
    "Deeply concerned",
    "Decides",
    "Requests",
    "Invites",
    "Distr.: General",
    "Distr.: Limited",
    "Original: English",
    "Agenda item 23 (a)",
    "Fifty-eighth session",
    "GE.25-10614 (E)",
    "25-12035 (E)",
    "2/10",
    "/...",
    "page 2",
    "Page 2",
    "\u{a0}",
    "\u{ad}",
    "\u{2011}",
    "\u{feff}",
    "\0",
    "é",
    "’",
    "“",
    "”",
    "…",
    "–",
    "—",
    "🙂",
    "ﬁ",
    "[",
    "]",
    "(",
    ")",
    "[Adopted without a vote.]",
    "82nd plenary meeting",
    "15 March 2006",
    "July 15, 2025",
    "2023 –\n2026",
    "2025;3",
    "Goals, 1 as",
    ",17",
    "on behalf of the Group of 77 and China",
    "* In accordance with rule 72",
    "* State not a member of the Human Rights Council.",
    "1 E/2025/59.",
    "Afghanistan,",
    "Viet Nam",
    "Bahamas (The),*",
    "Saint Vincent and\nthe Grenadines,*",
    " and ",
    "**",
    "_",
    "**Recalling**",
    "*inter alia*",
    "paragraph 3 above",
    "Article 73 e",
    "United Nations",
];

fn char_boundary_floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn random_char(rng: &mut XorShift) -> char {
    match rng.below(4) {
        0 => (b' ' + rng.below(95) as u8) as char,
        1 => char::from_u32(rng.below(0x3000) as u32).unwrap_or('?'),
        2 => char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
        _ => [
            '\n', '\r', '\x0c', '\t', '\0', '\u{a0}', '\u{2028}', '\u{200b}',
        ][rng.below(8)],
    }
}

fn fragment<'a>(rng: &mut XorShift, corpus: &'a [(String, String)]) -> &'a str {
    let text = &corpus[rng.below(corpus.len())].1;
    let start = char_boundary_floor(text, rng.below(text.len()));
    let end = char_boundary_floor(text, start + rng.below(400));
    &text[start..end.max(start)]
}

/// One generated text: pieces mixed at random, or a corpus document with random edits.
fn generate(rng: &mut XorShift, corpus: &[(String, String)]) -> String {
    let mut out = String::new();
    if rng.below(10) < 6 {
        for _ in 0..1 + rng.below(80) {
            match rng.below(20) {
                0..=9 => out.push_str(rng.pick(TOKENS)),
                10..=15 => out.push_str(fragment(rng, corpus)),
                16..=17 => out.push(random_char(rng)),
                _ => {
                    // A token repeated: runs of labels, asterisks, newlines.
                    let t = rng.pick(TOKENS);
                    for _ in 0..rng.below(50) {
                        out.push_str(t);
                    }
                }
            }
        }
    } else {
        out.push_str(&corpus[rng.below(corpus.len())].1);
        for _ in 0..1 + rng.below(12) {
            let at = char_boundary_floor(&out, rng.below(out.len() + 1));
            match rng.below(5) {
                0 => out.insert_str(at, rng.pick(TOKENS)),
                1 => out.insert(at, random_char(rng)),
                2 => {
                    let end = char_boundary_floor(&out, at + rng.below(200));
                    out.replace_range(at..end.max(at), "");
                }
                3 => {
                    let end = char_boundary_floor(&out, at + rng.below(300));
                    let dup = out[at..end.max(at)].to_owned();
                    out.insert_str(at, &dup);
                }
                _ => {
                    let frag = fragment(rng, corpus).to_owned();
                    out.insert_str(at, &frag);
                }
            }
        }
    }
    out
}

#[test]
fn property_spans_in_bounds_on_2000_generated_texts() {
    let corpus = corpus();
    let mut rng = XorShift::new(20_020_422);
    let mut total = 0usize;
    for case in 0..2000 {
        let text = generate(&mut rng, &corpus);
        total += text.len();
        parse_ok(&format!("generated case {case}"), &text);
    }
    assert!(
        total > 1_000_000,
        "the generator should produce substantial input, got {total} bytes"
    );
}

/// The generator is deterministic: the same seed gives the same texts (so a failure reproduces).
#[test]
fn generator_is_deterministic() {
    let corpus = corpus();
    let a: Vec<String> = {
        let mut rng = XorShift::new(7);
        (0..20).map(|_| generate(&mut rng, &corpus)).collect()
    };
    let b: Vec<String> = {
        let mut rng = XorShift::new(7);
        (0..20).map(|_| generate(&mut rng, &corpus)).collect()
    };
    assert_eq!(a, b);
    assert!(a.iter().any(|t| t.contains('\n')) && a.iter().any(|t| t.len() > 1000));
}

/// The invariant checker itself rejects what it should (so the tests above can fail).
#[test]
fn checker_rejects_broken_documents() {
    // Start from a real parse (so the test follows the model as it grows), then break it.
    let input = "The General Assembly,\n\n1. Décide:\n(a) To act;\n(b) To report;\n";
    let doc = parse_ok("checker seed", input);
    let op = doc
        .operative
        .first()
        .expect("the seed should have an operative clause");
    assert!(
        op.items.len() >= 2,
        "the seed's op1 should have items (a) and (b): {op:?}"
    );
    let with = |f: &dyn Fn(&mut Clause)| {
        let mut d = doc.clone();
        f(&mut d.operative[0]);
        d
    };
    let e = input.find('é').expect("é in the seed");
    // Past the end, reversed, inside the two-byte "é".
    for bad in [
        Span::new(0, input.len() + 1),
        Span::new(5, 4),
        Span::new(0, e + 1),
    ] {
        assert!(
            check_document(input, &with(&|c| c.span = bad)).is_err(),
            "{bad:?} should be rejected"
        );
    }
    // An item outside its parent.
    assert!(check_document(
        input,
        &with(&|c| c.items[1].span = Span::new(0, input.len()))
    )
    .is_err());
    assert!(check_document(input, &with(&|c| c.span.end = c.items[0].span.end)).is_err());
}
