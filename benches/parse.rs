//! Native throughput of `clausemark::parse`, measured on the real corpus.
//!
//! ```text
//! cargo bench --bench parse                                   # summary table, then divan's statistics
//! CLAUSEMARK_BENCH=summary cargo bench --bench parse          # summary table only (~30 s)
//! CLAUSEMARK_BENCH=divan cargo bench --bench parse            # divan only
//! CLAUSEMARK_CORPUS=/path/to/corpus cargo bench --bench parse # another corpus directory
//! CLAUSEMARK_BENCH_INPUTS=corpus,1MB CLAUSEMARK_BENCH=summary cargo bench --bench parse
//!                                  # the summary of some inputs only (scripts/bench-ratio.mjs)
//! CLAUSEMARK_BENCH=callgrind CARGO_PROFILE_RELEASE_STRIP=false cargo bench --bench parse
//!                                  # instructions per byte under callgrind (deterministic)
//! ```
//!
//! (While `[profile.release]` has `panic = "abort"`, cargo needs `CARGO_PROFILE_RELEASE_PANIC=unwind`
//! in front of these commands, or the library is built twice and the bench does not link.)
//!
//! Inputs (all read at run time from `../shared/corpus/*.txt`, or `$CLAUSEMARK_CORPUS`):
//! - `corpus`: every document, each parsed on its own (the realistic case);
//! - `SC`, `GA`, `ECOSOC`, `HRC`, `CHR`: the documents of one family, each parsed on its own;
//! - `1MB`, `10MB`: corpus documents concatenated (blank line between them) until the size is
//!   reached, parsed as ONE input: this is where a super-linear path would show.
//!
//! Operations, each over the same bytes:
//! - `floor`: count the newlines (a memchr-style scan): the physical floor, what merely touching
//!   every byte once costs on this machine;
//! - `parse`: `clausemark::parse`;
//! - `parse_json`: `parse` followed by `serde_json::to_string` of the Document.
//!
//! The summary prints MB/s (10^6 bytes per second, median of the timed runs) and how many times
//! slower than the floor each operation is. Nothing here asserts a timing.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use divan::counter::BytesCount;
    use divan::Bencher;
    use std::hint::black_box;
    use std::path::PathBuf;
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    /// A named input: the documents parsed one by one, and their total size.
    pub struct Input {
        pub name: &'static str,
        pub docs: Vec<String>,
        pub bytes: usize,
    }

    pub const NAMES: &[&str] = &["corpus", "SC", "GA", "ECOSOC", "HRC", "CHR", "1MB", "10MB"];

    fn corpus_dir() -> PathBuf {
        match std::env::var_os("CLAUSEMARK_CORPUS") {
            Some(dir) => PathBuf::from(dir),
            None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        }
    }

    /// The family of a corpus file, from its symbol (file name).
    pub fn family(file: &str) -> &'static str {
        if file.starts_with("S_") {
            "SC"
        } else if file.starts_with("A_HRC_") {
            "HRC"
        } else if file.starts_with("A_") {
            "GA"
        } else if file.starts_with("E_CN.4_") {
            "CHR"
        } else if file.starts_with("E_") {
            "ECOSOC"
        } else {
            "other"
        }
    }

    fn load_corpus() -> Vec<(String, String)> {
        let dir = corpus_dir();
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read the corpus at {}: {e}", dir.display()))
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                if path.extension()? != "txt" {
                    return None;
                }
                let name = path.file_name()?.to_str()?.to_owned();
                let text = std::fs::read_to_string(&path).ok()?;
                Some((name, text))
            })
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no *.txt in {}", dir.display());
        files
    }

    /// Corpus documents concatenated, a blank line apart, until at least `size` bytes.
    fn scaled(corpus: &[(String, String)], size: usize) -> String {
        let mut out = String::with_capacity(size + 64 * 1024);
        'fill: loop {
            for (_, text) in corpus {
                out.push_str(text);
                out.push_str("\n\n");
                if out.len() >= size {
                    break 'fill;
                }
            }
        }
        out
    }

    pub fn inputs() -> &'static [Input] {
        static INPUTS: OnceLock<Vec<Input>> = OnceLock::new();
        INPUTS.get_or_init(|| {
            let corpus = load_corpus();
            NAMES
                .iter()
                .map(|&name| {
                    let docs: Vec<String> = match name {
                        "corpus" => corpus.iter().map(|(_, t)| t.clone()).collect(),
                        "1MB" => vec![scaled(&corpus, 1_000_000)],
                        "10MB" => vec![scaled(&corpus, 10_000_000)],
                        fam => corpus
                            .iter()
                            .filter(|(f, _)| family(f) == fam)
                            .map(|(_, t)| t.clone())
                            .collect(),
                    };
                    let bytes = docs.iter().map(String::len).sum();
                    Input { name, docs, bytes }
                })
                .collect()
        })
    }

    pub fn input(name: &str) -> &'static Input {
        inputs()
            .iter()
            .find(|i| i.name == name)
            .expect("known input")
    }

    /// Number of `\n` bytes: 32-byte blocks compared and summed in u8 lanes (the compiler
    /// vectorises this), i.e. what `memchr::memchr_iter(b'\n', ..).count()` does, by hand.
    pub fn count_newlines(bytes: &[u8]) -> usize {
        let mut total = 0usize;
        // At most 255 blocks per round, so a u8 lane cannot overflow.
        for round in bytes.chunks(32 * 255) {
            let mut lanes = [0u8; 32];
            let mut blocks = round.chunks_exact(32);
            for block in &mut blocks {
                for (lane, &b) in lanes.iter_mut().zip(block) {
                    *lane += (b == b'\n') as u8;
                }
            }
            total += lanes.iter().map(|&l| l as usize).sum::<usize>();
            total += blocks.remainder().iter().filter(|&&b| b == b'\n').count();
        }
        total
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Op {
        Floor,
        Parse,
        ParseJson,
    }

    /// One pass of `op` over every document of the input; returns something to keep alive.
    #[inline(never)]
    pub fn run(op: Op, input: &Input) -> usize {
        let mut sink = 0usize;
        for doc in &input.docs {
            let doc = black_box(doc.as_str());
            sink += match op {
                Op::Floor => count_newlines(doc.as_bytes()),
                Op::Parse => {
                    let d = clausemark::parse(doc);
                    d.preamble.len() + d.operative.len() + d.diagnostics.len()
                }
                Op::ParseJson => {
                    let d = clausemark::parse(doc);
                    serde_json::to_string(&d)
                        .expect("a Document serialises")
                        .len()
                }
            };
        }
        black_box(sink)
    }

    /// Median seconds per pass: warm up, then time passes until `budget` is spent (at least 5).
    fn median_secs(op: Op, input: &Input, budget: Duration) -> f64 {
        run(op, input);
        let mut samples = Vec::new();
        let start = Instant::now();
        while samples.len() < 5 || (start.elapsed() < budget && samples.len() < 10_000) {
            let t = Instant::now();
            run(op, input);
            samples.push(t.elapsed().as_secs_f64());
        }
        samples.sort_by(f64::total_cmp);
        samples[samples.len() / 2]
    }

    fn summary() {
        let budget = Duration::from_millis(
            std::env::var("CLAUSEMARK_BENCH_MS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(1500),
        );
        println!(
            "clausemark {} native throughput (MB = 10^6 bytes; median of timed passes; ~{} ms per cell)",
            clausemark::VERSION,
            budget.as_millis()
        );
        println!(
            "{:<8} {:>5} {:>10} {:>11} {:>10} {:>11} {:>10} {:>11}",
            "input",
            "docs",
            "bytes",
            "floor MB/s",
            "parse MB/s",
            "x floor",
            "+json MB/s",
            "x floor"
        );
        let wanted = std::env::var("CLAUSEMARK_BENCH_INPUTS").unwrap_or_default();
        let wanted = |name: &str| wanted.is_empty() || wanted.split(',').any(|w| w == name);
        for input in inputs().iter().filter(|i| wanted(i.name)) {
            if input.docs.is_empty() {
                println!("{:<8} (no documents)", input.name);
                continue;
            }
            let mb = input.bytes as f64 / 1e6;
            let floor = median_secs(Op::Floor, input, budget);
            let parse = median_secs(Op::Parse, input, budget);
            let json = median_secs(Op::ParseJson, input, budget);
            println!(
                "{:<8} {:>5} {:>10} {:>11.0} {:>10.1} {:>10.0}x {:>10.1} {:>10.0}x",
                input.name,
                input.docs.len(),
                input.bytes,
                mb / floor,
                mb / parse,
                parse / floor,
                mb / json,
                json / floor
            );
        }
        println!("(x floor = how many times slower than counting the newlines of the same bytes)");
    }

    /// One pass of `op` over `input`, the only code callgrind counts in `callgrind` mode.
    #[inline(never)]
    #[no_mangle]
    pub extern "Rust" fn clausemark_bench_once(op: Op, input: &Input) -> usize {
        run(op, input)
    }

    const OPS: [(&str, Op); 3] = [
        ("floor", Op::Floor),
        ("parse", Op::Parse),
        ("parse_json", Op::ParseJson),
    ];

    /// `callgrind` mode: instructions per input byte, counted by callgrind for each input and
    /// operation (10MB left out: too slow under valgrind). Deterministic: the number to watch on
    /// a busy machine, where wall-clock MB/s swing with the load.
    fn callgrind() {
        let exe = std::env::current_exe().expect("the bench binary");
        println!(
            "clausemark {} instructions per input byte (callgrind, inclusive, one pass after a warm-up pass)",
            clausemark::VERSION
        );
        println!(
            "{:<8} {:>10} {:>11} {:>11} {:>8} {:>11} {:>8}",
            "input", "bytes", "floor I/B", "parse I/B", "x floor", "+json I/B", "x floor"
        );
        for input in inputs()
            .iter()
            .filter(|i| i.name != "10MB" && !i.docs.is_empty())
        {
            let per_byte: Vec<f64> = OPS
                .iter()
                .map(|(op, _)| {
                    let out = std::process::Command::new("valgrind")
                        .args([
                            "--tool=callgrind",
                            "--callgrind-out-file=/dev/null",
                            "--toggle-collect=clausemark_bench_once",
                        ])
                        .arg(&exe)
                        .env("CLAUSEMARK_BENCH", format!("once:{op}:{}", input.name))
                        .output()
                        .expect("valgrind should be installed");
                    let err = String::from_utf8_lossy(&out.stderr);
                    let n: f64 = err
                        .lines()
                        .find_map(|l| l.split("Collected : ").nth(1))
                        .and_then(|n| n.trim().parse().ok())
                        .unwrap_or_else(|| {
                            panic!("no callgrind count for {op} {}:\n{err}", input.name)
                        });
                    n / input.bytes as f64
                })
                .collect();
            println!(
                "{:<8} {:>10} {:>11.2} {:>11.1} {:>7.0}x {:>11.1} {:>7.0}x",
                input.name,
                input.bytes,
                per_byte[0],
                per_byte[1],
                per_byte[1] / per_byte[0],
                per_byte[2],
                per_byte[2] / per_byte[0]
            );
        }
    }

    pub fn main() {
        let mode = std::env::var("CLAUSEMARK_BENCH").unwrap_or_default();
        if let Some(spec) = mode.strip_prefix("once:") {
            let (op, name) = spec.split_once(':').expect("once:<op>:<input>");
            let op = OPS.iter().find(|(n, _)| *n == op).expect("an op").1;
            // A warm-up pass, not counted: what a long-running parser pays once (the country
            // index built on first use, the allocator's first pages) stays out of the
            // per-byte figure, as it stays out of the timed passes.
            black_box(run(op, input(name)));
            black_box(clausemark_bench_once(op, input(name)));
            return;
        }
        if mode == "callgrind" {
            callgrind();
            return;
        }
        if mode != "divan" {
            summary();
        }
        if mode != "summary" {
            println!();
            divan::main();
        }
    }

    fn bench(bencher: Bencher, name: &str, op: Op) {
        let input = input(name);
        bencher
            .counter(BytesCount::new(input.bytes))
            .bench(|| run(op, input));
    }

    // Few samples: one pass over 10 MB takes a good fraction of a second.
    #[divan::bench(args = NAMES, sample_count = 20, sample_size = 1)]
    fn floor(bencher: Bencher, name: &str) {
        bench(bencher, name, Op::Floor)
    }

    #[divan::bench(args = NAMES, sample_count = 20, sample_size = 1)]
    fn parse(bencher: Bencher, name: &str) {
        bench(bencher, name, Op::Parse)
    }

    #[divan::bench(args = NAMES, sample_count = 20, sample_size = 1)]
    fn parse_json(bencher: Bencher, name: &str) {
        bench(bencher, name, Op::ParseJson)
    }
}
