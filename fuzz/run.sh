#!/usr/bin/env bash
# Run one fuzz target for a while on ONE core (one libFuzzer process, no -jobs/-fork), seeded with the real corpus, and keep every
# crash/timeout/oom input as a regression file for tests/robustness.rs.
#
#   fuzz/run.sh parse 600      # target, seconds (default: parse, 300)
#   fuzz/run.sh json 300
#   FUZZ_MAX_LEN=65536 FUZZ_SANITIZER=address fuzz/run.sh parse 600
#
# Needs `cargo install cargo-fuzz` and a nightly toolchain (`cargo +nightly fuzz`); on a machine
# with only stable, RUSTC_BOOTSTRAP=1 lets stable act as nightly: set FUZZ_TOOLCHAIN=stable.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-parse}"
secs="${2:-300}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
corpus_src="${CLAUSEMARK_CORPUS:-../../shared/corpus}"

max_len="${FUZZ_MAX_LEN:-8192}"
sanitizer="${FUZZ_SANITIZER:-none}" # safe Rust: ASan finds nothing more and costs ~2x speed

mkdir -p "corpus/$target" "artifacts/$target"
# Seeds: every corpus document, cut at line boundaries into pieces of at most 4000 bytes (the
# fuzzer then works on inputs of a few KB: more executions per second than whole documents).
for f in "$corpus_src"/*.txt; do
  [ -e "$f" ] || continue
  split -C 4000 -d -a 3 "$f" "corpus/$target/seed-$(basename "$f" .txt)-"
done
cp -n ../tests/fixtures/fuzz-regressions/* "corpus/$target/" 2>/dev/null || true
rm -f "corpus/$target/README.md"

if [ "$toolchain" = stable ]; then
  cargo_fuzz=(env RUSTC_BOOTSTRAP=1 cargo fuzz)
else
  cargo_fuzz=(cargo "+$toolchain" fuzz)
fi

log="artifacts/$target.log"
set +e
"${cargo_fuzz[@]}" run -O -s "$sanitizer" "$target" "corpus/$target" -- \
  -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
  -dict=un.dict -print_final_stats=1 -artifact_prefix="artifacts/$target/" 2>&1 | tee "$log" | grep -E "INITED|DONE|Done|ERROR|panicked|SUMMARY|stat::"
status=${PIPESTATUS[0]}
set -e

found=0
for f in "artifacts/$target"/crash-* "artifacts/$target"/timeout-* "artifacts/$target"/oom-* "artifacts/$target"/slow-unit-*; do
  [ -e "$f" ] || continue
  cp -n "$f" ../tests/fixtures/fuzz-regressions/ && found=$((found + 1))
  echo "kept $(basename "$f") in tests/fixtures/fuzz-regressions/"
done
echo "target $target: exit $status, $found artifact(s); log in fuzz/$log"
exit "$status"
