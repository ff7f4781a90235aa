//! Linear time, proved deterministically on pathological inputs.
//!
//! Every case builds an input at two sizes, `S` (128 KiB) and `8 S` (1 MiB), in the style of
//! cmark's pathological tests, and measures the parser's WORK on each, not its wall-clock time:
//!
//! - in `cargo test` (this file's normal tests): the number of allocations and the number of
//!   bytes allocated by `clausemark::parse`, counted by a global allocator that counts only on
//!   the thread that runs the parse (so tests running in parallel do not disturb each other).
//!   8x the input must cost at most 10x the allocations and 10x the bytes. A wall-clock bound is
//!   kept only as a hang guard: each parse runs in its own thread and the test FAILS (instead of
//!   hanging CI) when a parse takes longer than [`HANG_GUARD`].
//! - `linear_callgrind` (ignored by default; needs valgrind): the instructions executed inside
//!   `clausemark::parse`, counted by callgrind, exact and deterministic; same 10x bound.
//!   Run it in an optimised build:
//!
//!   ```text
//!   CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_RELEASE_STRIP=false \
//!     cargo test --release --test linear -- --ignored linear_callgrind --nocapture
//!   ```
//!
//! `cargo test --test linear -- --nocapture` prints the measured table.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Counting allocator (per thread).

struct Counting;

thread_local! {
    static TRACK: Cell<bool> = const { Cell::new(false) };
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn note(size: usize) {
    let _ = TRACK.try_with(|track| {
        if track.get() {
            ALLOCS.with(|a| a.set(a.get() + 1));
            BYTES.with(|b| b.set(b.get() + size as u64));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What one parse cost.
#[derive(Clone, Copy, Debug)]
struct Work {
    allocs: u64,
    bytes: u64,
    time: Duration,
}

/// A parse that takes longer than this fails the test: a quadratic path shows up as a failure,
/// never as a hung CI job. (A linear parse of 1 MiB takes well under a second, even in debug.)
const HANG_GUARD: Duration = Duration::from_secs(20);

/// Parse `input` on a fresh thread, counting that thread's allocations during the parse.
fn measure(case: &str, input: String) -> Work {
    let (tx, rx) = mpsc::channel();
    let len = input.len();
    std::thread::Builder::new()
        .name(format!("parse-{case}-{len}"))
        .spawn(move || {
            ALLOCS.with(|a| a.set(0));
            BYTES.with(|b| b.set(0));
            let start = Instant::now();
            TRACK.with(|t| t.set(true));
            let doc = clausemark::parse(&input);
            TRACK.with(|t| t.set(false));
            let time = start.elapsed();
            drop(doc);
            let _ = tx.send(Work {
                allocs: ALLOCS.with(Cell::get),
                bytes: BYTES.with(Cell::get),
                time,
            });
        })
        .expect("spawn a parse thread");
    match rx.recv_timeout(HANG_GUARD) {
        Ok(work) => work,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!(
            "{case}: parse of {len} bytes should finish within {HANG_GUARD:?} (hang or super-linear path)"
        ),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{case}: parse of {len} bytes should not panic (see the thread's panic above)")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pathological inputs.

/// The small size; the large one is 8x.
const SMALL: usize = 128 * 1024;

/// `prefix`, then `unit(i, &mut out)` for i = 0, 1, ... until the text is `target` bytes long
/// (counting the suffix), then `suffix`.
fn build(
    target: usize,
    prefix: &str,
    suffix: &str,
    mut unit: impl FnMut(usize, &mut String),
) -> String {
    let mut out = String::with_capacity(target + 256);
    out.push_str(prefix);
    let mut i = 0;
    while out.len() + suffix.len() < target {
        unit(i, &mut out);
        i += 1;
    }
    out.push_str(suffix);
    out
}

fn repeat(target: usize, prefix: &str, unit: &str, suffix: &str) -> String {
    build(target, prefix, suffix, |_, out| out.push_str(unit))
}

const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas (The)",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Bolivia (Plurinational State of)",
    "Côte d’Ivoire",
    "Democratic People’s Republic of Korea",
    "Iran (Islamic Republic of)",
    "Saint Vincent and the Grenadines",
    "Türkiye",
    "United Kingdom of Great Britain and Northern Ireland",
    "Venezuela (Bolivarian Republic of)",
    "Viet Nam",
    "Swaziland",
    "Palestine",
    "Holy See",
];

const HEADER: &str = "United Nations\nA/80/L.99\nGeneral Assembly\nDistr.: Limited\n\
                      1 November 2025\n\nOriginal: English\n\nEightieth session\nAgenda item 23 (a)\n\n";

/// Text of the corpus with every line break turned into a space (for the one-line case).
fn corpus_as_one_paragraph() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus should be readable at {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        text.push_str(&std::fs::read_to_string(&f).expect("corpus file is UTF-8"));
        text.push(' ');
    }
    text.replace(['\n', '\r', '\x0c'], " ")
}

/// The pathological input `case` at (about) `target` bytes.
fn input(case: &str, target: usize) -> String {
    match case {
        // 100 000+ asterisks: footnote marks, emphasis markers, barcodes all start with `*`.
        "asterisks" => repeat(target, "", "*", ""),
        // One asterisk per line: footnote marks without footnotes, or emphasis that never closes.
        "asterisk_lines" => repeat(target, "", "*\n", ""),
        // Emphasis markers that do open and close, Markdown style, in one long paragraph.
        "emphasis" => repeat(
            target,
            "The General Assembly,\n\n",
            "*Recalling* **also** *inter alia*,\n",
            "",
        ),
        // `(a) ` repeated on one line: an item label over and over.
        "paren_a" => repeat(target, "", "(a) ", ""),
        // One line, no newline at all, made of real text.
        "one_line" => {
            let para = corpus_as_one_paragraph();
            let mut out = String::with_capacity(target + para.len());
            while out.len() < target {
                out.push_str(&para);
            }
            let mut cut = target;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            out
        }
        // Lines of `1.` only: every line is an operative number with no text.
        "numbered_lines" => repeat(target, "", "1.\n", ""),
        // Items `(a) (i) a. i.` nested thousands deep, each under the previous one.
        "nested_items" => build(
            target,
            "The General Assembly,\n\n1. Decides:\n",
            "",
            |i, out| {
                let label = ["(a)", "(i)", "a.", "i.", "(A)", "(I)", "A.", "I."][i % 8];
                out.push_str(&" ".repeat(i % 40));
                out.push_str(label);
                out.push_str(" To consider:\n");
            },
        ),
        // 1 MB of `resolution 1/1, `: references back to back.
        "resolution_refs" => repeat(
            target,
            "The Security Council,\n\n1. Recalls its ",
            "resolution 1/1, ",
            "and decides to remain seized of the matter.\n",
        ),
        // Symbols back to back.
        "symbols" => repeat(
            target,
            "The General Assembly,\n\nTaking note of ",
            "E/CN.4/2002/L.108, A/HRC/RES/59/25 and S/RES/2774 (2025), ",
            "\n\n1. Decides;\n",
        ),
        // Dates back to back.
        "dates" => repeat(
            target,
            "The General Assembly,\n\n1. Decides to meet on ",
            "15 March 2006, July 15, 2025, 2023–2026, ",
            "and so on.\n",
        ),
        // A sponsor line of 50 000+ names on ONE line.
        "sponsors_one_line" => build(
            target,
            HEADER,
            "Zimbabwe: draft resolution\n\nThe General Assembly,\n\n1. Decides;\n",
            |i, out| {
                out.push_str(COUNTRIES[i % COUNTRIES.len()]);
                out.push_str(if i % 3 == 0 { ",* " } else { ", " });
            },
        ),
        // The same names wrapped six to a line, as pdftotext prints them.
        "sponsors_wrapped" => build(
            target,
            HEADER,
            "Zimbabwe: draft resolution\n\nThe General Assembly,\n\n1. Decides;\n",
            |i, out| {
                out.push_str(COUNTRIES[i % COUNTRIES.len()]);
                out.push_str(if i % 3 == 0 { ",*" } else { "," });
                out.push(if i % 6 == 5 { '\n' } else { ' ' });
            },
        ),
        // 50 000+ footnote markers (spaced and glued) with no footnote anywhere.
        "footnote_markers" => build(
            target,
            "The Human Rights Council,\n\nRecalling ",
            ",\n\n1. Decides;\n",
            |i, out| {
                use std::fmt::Write;
                if i % 2 == 0 {
                    let _ = write!(out, "word{} ", i % 1000);
                } else {
                    let _ = write!(out, "2025;{} Goals, {} as ", i % 100, i % 10);
                }
            },
        ),
        // Footnote-like lines (a number, then text) with no marker anywhere.
        "footnote_lines" => build(
            target,
            "The General Assembly,\n\n1. Decides;\n",
            "",
            |i, out| {
                use std::fmt::Write;
                let _ = writeln!(out, "{} See A/RES/{}/1.", i % 100 + 1, i % 80);
            },
        ),
        // Deeply nested brackets and quotes, closed again.
        "brackets_nested" => {
            let open = "([{“‘\"«";
            let close = "»\"’”}])";
            let n = target / (open.len() + close.len());
            let mut out = String::from("The General Assembly,\n\n1. Decides ");
            for _ in 0..n {
                out.push_str(open);
            }
            for _ in 0..n {
                out.push_str(close);
            }
            out
        }
        // Brackets and quotes opened and never closed.
        "brackets_unclosed" => repeat(
            target,
            "The General Assembly,\n\nRecalling ",
            "([{“‘\"« ",
            "",
        ),
        // 100 000+ blank lines.
        "blank_lines" => repeat(target, "", "\n", ""),
        // Page furniture only: CRLF, form feeds, job numbers, barcodes, page counters.
        "page_breaks" => repeat(
            target,
            "",
            "\r\n\x0c\n2/10\nGE.25-10614 (E)\n*2510614*\n",
            "",
        ),
        // A line of "A/A/A/..." (no symbol: it ends in "/"), then a symbol-shaped word half as
        // long ("A/A/.../A/B"), taken as the document's own symbol: it is looked for in the
        // lines above it, and a search that compares at every position would go nearly the
        // whole symbol's length at each of them.
        "long_symbol" => {
            let pairs = target / 6;
            format!("{}\n{}B\n", "A/".repeat(2 * pairs), "A/".repeat(pairs))
        }
        // A header-like line repeated (a running header that never stops).
        "header_lines" => repeat(target, "", "A/HRC/59/L.17\nGeneral Assembly\n", ""),
        // A leading phrase repeated: phrase matching must not rescan.
        "phrases" => repeat(
            target,
            "The General Assembly,\n\n",
            "Recalling also further reaffirming ",
            ",\n\n1. Decides;\n",
        ),
        // A declaration the resolution adopts, of unnumbered paragraphs only: each becomes an
        // item of the adopting paragraph, numbered without recounting the ones before it.
        "adopted_paragraphs" => repeat(
            target,
            "The General Assembly,\n\nAdopts the following declaration:\n\n",
            "We agree;\n\n",
            "",
        ),
        // Many short preambular and operative paragraphs: realistic structure, scaled.
        "many_paragraphs" => build(target, "The General Assembly,\n\n", "", |i, out| {
            use std::fmt::Write;
            if i % 2 == 0 {
                let _ = writeln!(
                    out,
                    "Recalling its resolution {}/1 of 15 March 2006,1",
                    i % 80
                );
            } else {
                let _ = writeln!(
                    out,
                    "{}. Requests the Secretary-General to report;",
                    i / 2 + 1
                );
            }
        }),
        other => panic!("unknown case {other}"),
    }
}

const CASES: &[&str] = &[
    "asterisks",
    "asterisk_lines",
    "emphasis",
    "paren_a",
    "one_line",
    "numbered_lines",
    "nested_items",
    "resolution_refs",
    "symbols",
    "dates",
    "sponsors_one_line",
    "sponsors_wrapped",
    "footnote_markers",
    "footnote_lines",
    "brackets_nested",
    "brackets_unclosed",
    "blank_lines",
    "page_breaks",
    "long_symbol",
    "header_lines",
    "phrases",
    "adopted_paragraphs",
    "many_paragraphs",
];

/// At most this factor of work for 8x the input.
const MAX_GROWTH: u64 = 10;

fn check_linear(case: &str) {
    let small = input(case, SMALL);
    let large = input(case, 8 * SMALL);
    let (ns, nl) = (small.len(), large.len());
    assert!(
        nl >= 7 * ns && nl <= 9 * ns,
        "{case}: the large input should be about 8x the small one ({ns} vs {nl} bytes)"
    );
    let ws = measure(case, small);
    let wl = measure(case, large);
    println!(
        "{case:<18} {ns:>8} B: {:>8} allocs {:>10} B alloc'd {:>9.1?} | {nl:>8} B: {:>8} allocs {:>10} B alloc'd {:>9.1?} | x{:.2} allocs x{:.2} bytes",
        ws.allocs,
        ws.bytes,
        ws.time,
        wl.allocs,
        wl.bytes,
        wl.time,
        wl.allocs as f64 / ws.allocs.max(1) as f64,
        wl.bytes as f64 / ws.bytes.max(1) as f64,
    );
    // Small constant slack so that "0 allocations vs 3" is not read as a growth factor.
    assert!(
        wl.allocs <= MAX_GROWTH * ws.allocs + 64,
        "{case}: 8x the input ({ns} -> {nl} bytes) should cost at most {MAX_GROWTH}x the allocations, got {} -> {}",
        ws.allocs,
        wl.allocs
    );
    assert!(
        wl.bytes <= MAX_GROWTH * ws.bytes + 64 * 1024,
        "{case}: 8x the input ({ns} -> {nl} bytes) should cost at most {MAX_GROWTH}x the bytes allocated, got {} -> {}",
        ws.bytes,
        wl.bytes
    );
}

macro_rules! linear_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_linear(stringify!($name));
            }
        )*
        /// Every case in [`CASES`] has a test of its own (and vice versa).
        #[test]
        fn every_case_has_a_test() {
            let tested: &[&str] = &[$(stringify!($name)),*];
            assert_eq!(tested, CASES, "the test list should match CASES");
        }
    };
}

linear_tests!(
    asterisks,
    asterisk_lines,
    emphasis,
    paren_a,
    one_line,
    numbered_lines,
    nested_items,
    resolution_refs,
    symbols,
    dates,
    sponsors_one_line,
    sponsors_wrapped,
    footnote_markers,
    footnote_lines,
    brackets_nested,
    brackets_unclosed,
    blank_lines,
    page_breaks,
    long_symbol,
    header_lines,
    phrases,
    adopted_paragraphs,
    many_paragraphs,
);

// ---------------------------------------------------------------------------------------------
// Instructions, counted by callgrind.

/// The function whose inclusive instruction count callgrind collects (`--toggle-collect`).
#[inline(never)]
#[no_mangle]
pub extern "Rust" fn clausemark_linear_measured_parse(input: &str) -> clausemark::Document {
    clausemark::parse(std::hint::black_box(input))
}

/// Child mode of `linear_callgrind`: parse ONE input named by `CLAUSEMARK_LINEAR_CHILD=case:bytes`.
#[test]
#[ignore = "run by linear_callgrind under valgrind"]
fn linear_child() {
    let spec = std::env::var("CLAUSEMARK_LINEAR_CHILD").expect(
        "linear_child runs only under linear_callgrind (CLAUSEMARK_LINEAR_CHILD=case:bytes)",
    );
    let (case, size) = spec.split_once(':').expect("case:bytes");
    let text = input(case, size.parse().expect("a size in bytes"));
    let doc = clausemark_linear_measured_parse(&text);
    std::hint::black_box(doc);
}

/// Instructions executed inside `clausemark::parse` for `case` at `size` bytes; `None` when the
/// child did not finish within `limit` (valgrind runs ~50x slower than native).
fn callgrind_instructions(case: &str, size: usize, limit: Duration) -> Option<u64> {
    let exe = std::env::current_exe().expect("the test binary");
    let out_file = std::env::temp_dir().join(format!(
        "clausemark-linear-{}-{case}-{size}.err",
        std::process::id()
    ));
    let err = std::fs::File::create(&out_file).expect("a temp file for valgrind's report");
    let mut child = std::process::Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=clausemark_linear_measured_parse",
        ])
        .arg(&exe)
        .args([
            "--ignored",
            "--exact",
            "linear_child",
            "--test-threads=1",
            "-q",
        ])
        .env("CLAUSEMARK_LINEAR_CHILD", format!("{case}:{size}"))
        .stdout(std::process::Stdio::null())
        .stderr(err)
        .spawn()
        .expect("valgrind should be installed (apt-get install valgrind)");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for valgrind") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&out_file).unwrap_or_default();
    let _ = std::fs::remove_file(&out_file);
    let status = status?;
    assert!(
        status.success(),
        "{case}: the child run should succeed:\n{stderr}"
    );
    let n = stderr
        .lines()
        .find_map(|l| l.split("Collected : ").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{case}: callgrind should report `Collected :`\n{stderr}"));
    assert!(
        n > 0,
        "{case}: callgrind should count instructions in clausemark_linear_measured_parse \
         (0 means the symbol is stripped: set CARGO_PROFILE_RELEASE_STRIP=false)"
    );
    Some(n)
}

/// `CLAUSEMARK_LINEAR_CASES=a,b` limits the run to some cases; `CLAUSEMARK_CALLGRIND_SECS`
/// (default 300) bounds each valgrind run.
#[test]
#[ignore = "needs valgrind; slow: run it in a release build (see the file's header)"]
fn linear_callgrind() {
    let only = std::env::var("CLAUSEMARK_LINEAR_CASES").unwrap_or_default();
    let limit = Duration::from_secs(
        std::env::var("CLAUSEMARK_CALLGRIND_SECS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300),
    );
    let mut failures = Vec::new();
    for case in CASES {
        if !only.is_empty() && !only.split(',').any(|c| c == *case) {
            continue;
        }
        let Some(small) = callgrind_instructions(case, SMALL, limit) else {
            println!("{case:<18} {SMALL:>8} B: did not finish within {limit:?} under callgrind");
            failures.push(format!("{case}: timed out at {SMALL} bytes"));
            continue;
        };
        let Some(large) = callgrind_instructions(case, 8 * SMALL, limit) else {
            println!(
                "{case:<18} {SMALL:>8} B: {small:>13} instr | {:>8} B: did not finish within {limit:?}",
                8 * SMALL
            );
            failures.push(format!("{case}: timed out at {} bytes", 8 * SMALL));
            continue;
        };
        let ratio = large as f64 / small.max(1) as f64;
        println!(
            "{case:<18} {SMALL:>8} B: {small:>13} instr ({:>6.1}/B) | {:>8} B: {large:>13} instr ({:>6.1}/B) | x{ratio:.2}",
            small as f64 / SMALL as f64,
            8 * SMALL,
            large as f64 / (8 * SMALL) as f64,
        );
        if large > MAX_GROWTH * small.max(1) {
            failures.push(format!("{case}: x{ratio:.2}"));
        }
    }
    assert!(
        failures.is_empty(),
        "8x the input should cost at most {MAX_GROWTH}x the instructions: {failures:?}"
    );
}
