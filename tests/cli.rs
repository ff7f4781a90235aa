//! The `clausemark` binary: commands, output, and one-line errors with exit code 2.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const SEED: &str = "../shared/corpus/E_CN.4_2002_L.108.txt";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_clausemark"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    // A backtrace must never appear, even when the environment asks for one.
    c.env("RUST_BACKTRACE", "1");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("should start the binary")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("should start the binary");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("should write stdin");
    child.wait_with_output().expect("should finish")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout should be UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr should be UTF-8")
}

/// A fresh temporary file holding `bytes`.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "clausemark-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("should create a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("should write the temp file");
    path
}

/// Exit code 2 and exactly one line on stderr, naming the problem, with no panic or backtrace.
fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "should exit with 2; stderr: {err}"
    );
    assert!(o.stdout.is_empty(), "should print nothing on stdout");
    assert_eq!(err.lines().count(), 1, "should be one line: {err:?}");
    assert!(
        err.starts_with("clausemark: "),
        "should name the program: {err}"
    );
    assert!(err.contains(needle), "should mention {needle:?}: {err}");
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "os error"] {
        assert!(!err.contains(bad), "should not contain {bad:?}: {err}");
    }
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("clausemark parse FILE"),
        "help should show parse: {out}"
    );
    assert!(
        out.contains("clausemark outline FILE"),
        "help should show outline: {out}"
    );

    let o = run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        format!("clausemark {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn parse_prints_the_same_json_as_the_library() {
    let text = std::fs::read_to_string(SEED).expect("seed should be readable from ../shared");
    let expected = serde_json::to_value(clausemark::parse(&text)).expect("should serialise");

    let o = run(&["parse", SEED]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "compact JSON should be one line");
    let got: serde_json::Value = serde_json::from_str(&out).expect("should be JSON");
    assert_eq!(got, expected, "should print the library's document");

    let o = run(&["parse", "--pretty", SEED]);
    assert_eq!(o.status.code(), Some(0));
    let pretty = stdout(&o);
    assert!(
        pretty.lines().count() > 20,
        "--pretty should indent over many lines"
    );
    let got: serde_json::Value = serde_json::from_str(&pretty).expect("should be JSON");
    assert_eq!(got, expected, "--pretty should print the same document");
}

#[test]
fn parse_json_has_the_contract_fields() {
    let o = run(&["parse", SEED]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("should be JSON");
    for key in [
        "kind",
        "symbol",
        "masthead",
        "organ",
        "distribution",
        "date",
        "language",
        "session",
        "agenda_items",
        "number",
        "title",
        "report_of",
        "sponsors",
        "formula",
        "preamble",
        "operative",
        "footnotes",
        "references",
        "adoption",
        "diagnostics",
    ] {
        assert!(v.get(key).is_some(), "document JSON should have {key:?}");
    }
}

#[test]
fn stdin_dash_reads_standard_input() {
    let text = std::fs::read(SEED).expect("seed should be readable");
    let from_stdin = run_stdin(&["parse", "-"], &text);
    let from_file = run(&["parse", SEED]);
    assert_eq!(from_stdin.status.code(), Some(0));
    assert_eq!(
        stdout(&from_stdin),
        stdout(&from_file),
        "stdin and file should give the same JSON"
    );
}

#[test]
fn the_seed_parses_with_its_facts() {
    let o = run(&["parse", SEED]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("should be JSON");
    assert_eq!(v["symbol"], "E/CN.4/2002/L.108");
    assert_eq!(v["date"], "2002-04-22");
    assert_eq!(v["sponsors"].as_array().map(Vec::len), Some(47));
    assert_eq!(v["preamble"].as_array().map(Vec::len), Some(6));
    assert_eq!(v["operative"].as_array().map(Vec::len), Some(18));
    // Spans are byte offsets into the file: the first operative clause starts with "1.".
    let text = std::fs::read_to_string(SEED).unwrap();
    let span = &v["operative"][0]["span"];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert!(
        text[a..b].starts_with('1'),
        "op1 span should start at its label: {:?}",
        &text[a..b]
    );
}

#[test]
fn outline_of_the_seed_shows_header_sponsors_and_clauses() {
    let o = run(&["outline", SEED]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("symbol:        E/CN.4/2002/L.108"), "{out}");
    assert!(out.contains("date:          2002-04-22"), "{out}");
    assert!(out.contains("sponsors (47):"), "{out}");
    assert!(
        out.contains("Afghanistan* [AFG]"),
        "sponsor marks and iso3: {out}"
    );
    assert!(
        out.contains("* (30 sponsors): In accordance with rule 69"),
        "the mark legend should count the starred sponsors and quote the footnote: {out}"
    );
    assert!(out.contains("preamble (6):"), "{out}");
    assert!(out.contains("operative (18):"), "{out}");
    for id in ["pp1-a", "pp3-d", "op1 ", "op17-c", "op18 "] {
        assert!(out.contains(id), "outline should list {id:?}: {out}");
    }
    assert!(out.contains("diagnostics:"), "{out}");
}

#[test]
fn outline_of_empty_input_is_not_an_error() {
    let o = run_stdin(&["outline", "-"], b"");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(stdout(&o).contains("operative (0):"));
    let o = run_stdin(&["parse", "-"], b"");
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("should be JSON");
    assert_eq!(v["operative"], serde_json::json!([]));
}

#[test]
fn missing_file_is_one_line_and_exit_2() {
    let o = run(&["parse", "no/such/file.txt"]);
    assert_one_line_error(&o, "no/such/file.txt");
    assert!(stderr(&o).contains("no such file"));
}

#[test]
fn directory_is_one_line_and_exit_2() {
    let o = run(&["outline", "tests"]);
    assert_one_line_error(&o, "is a directory");
}

#[test]
fn non_utf8_gives_the_byte_offset() {
    let path = temp_file("latin1.txt", b"Resolution 12/3\nAdopted \xe9 vote\n");
    let o = run(&["parse", path.to_str().unwrap()]);
    assert_one_line_error(&o, "byte offset 24");
    assert!(stderr(&o).contains("UTF-8"));

    let o = run_stdin(&["outline", "-"], b"\xff\xfeA\x00");
    assert_one_line_error(&o, "byte offset 0");
    assert!(stderr(&o).contains("standard input"));
}

#[test]
fn bad_usage_is_one_line_and_exit_2() {
    assert_one_line_error(&run(&[]), "missing command");
    assert_one_line_error(&run(&["frobnicate", SEED]), "unknown command 'frobnicate'");
    assert_one_line_error(&run(&["parse"]), "needs a FILE");
    assert_one_line_error(
        &run(&["parse", SEED, "--colour"]),
        "unknown option '--colour'",
    );
    assert_one_line_error(&run(&["parse", SEED, SEED]), "unexpected argument");
}

#[test]
fn binary_input_that_is_valid_utf8_still_gives_a_document() {
    let mut junk = Vec::new();
    for i in 0..20_000u32 {
        let c = char::from_u32(i % 0x3000)
            .filter(|c| *c != '\0')
            .unwrap_or('*');
        junk.extend_from_slice(c.to_string().as_bytes());
    }
    let o = run_stdin(&["parse", "-"], &junk);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let _: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("should be JSON");
}
