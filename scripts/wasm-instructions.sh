#!/usr/bin/env bash
# Machine instructions per input byte of the WebAssembly build, counted by callgrind while V8
# runs it, to compare two builds (the wall clock is scripts/bench-wasm.mjs). V8 takes some
# decisions by time (tiering, garbage collection), so without its predictable mode the same
# module moved by up to 7 % between runs; with `--predictable --predictable-gc-schedule` (below)
# two runs of each of two modules agreed within 0.3 %. Still compare alternating runs.
#
#   scripts/build-wasm.sh && scripts/wasm-instructions.sh            # the shipped pkg/
#   scripts/wasm-instructions.sh --pkg /path/to/pkg                  # another --target web build
#
# V8 compiles the module with its optimising tier only (--no-liftoff), eagerly, on one thread, so
# the code that runs is the same each time. Node runs the corpus three times and then seven
# times; the difference, over four passes, is what parsing costs (start-up, compilation and
# loading cancel out). The JS half of parse() (src/tape.js) is compiled by V8 while it runs, in
# the first passes: counted from one pass instead of three, that compilation added ~95
# instructions per byte to parse (516 against 421 at a1dc228). Functions: parse (Document as a
# JS object, what the viewer calls) and, in a json-export build, parseCount (the parser alone,
# no conversion).
set -euo pipefail
usage() {
  echo "usage: scripts/wasm-instructions.sh [--pkg DIR]" >&2
  exit 2
}
pkg=
while [ $# -gt 0 ]; do
  case $1 in
    --pkg)
      [ $# -ge 2 ] || usage
      pkg=$(realpath -m -- "$2")
      shift 2
      ;;
    *) usage ;;
  esac
done
# Paths given by the caller are theirs (resolved above and here), the defaults the repository's.
corpus=${CLAUSEMARK_CORPUS:+$(realpath -m -- "$CLAUSEMARK_CORPUS")}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pkg=${pkg:-pkg}
corpus=${corpus:-../shared/corpus}
command -v valgrind >/dev/null || {
  echo "wasm-instructions: needs valgrind (apt-get install valgrind)" >&2
  exit 1
}
[ -f "$pkg/clausemark_bg.wasm" ] || {
  echo "wasm-instructions: $pkg/clausemark_bg.wasm missing: run scripts/build-wasm.sh" >&2
  exit 1
}
runner=$(mktemp --suffix .mjs)
trap 'rm -f "$runner"' EXIT
cat >"$runner" <<'EOF'
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const [pkg, corpus, passes, fn] = process.argv.slice(2);
const glue = await import(pathToFileURL(path.resolve(pkg, "clausemark.js")).href);
glue.initSync({ module: fs.readFileSync(path.resolve(pkg, "clausemark_bg.wasm")) });
if (typeof glue[fn] !== "function") process.exit(3);
const docs = fs.readdirSync(corpus).filter((f) => f.endsWith(".txt")).sort()
  .map((f) => fs.readFileSync(path.join(corpus, f), "utf8"));
if (process.env.BYTES) console.log(docs.reduce((a, d) => a + Buffer.byteLength(d), 0));
for (let r = 0; r < Number(passes); r++) for (const d of docs) glue[fn](d);
EOF
bytes=$(BYTES=1 node "$runner" "$pkg" "$corpus" 0 version)
[ "$bytes" -gt 0 ] || {
  echo "wasm-instructions: no text in $corpus/*.txt" >&2
  exit 1
}
count() {
  valgrind --tool=callgrind --smc-check=all --callgrind-out-file=/dev/null \
    node --predictable --predictable-gc-schedule --single-threaded --no-liftoff --no-wasm-lazy-compilation \
    "$runner" "$pkg" "$corpus" "$1" "$2" 2>&1 | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
echo "clausemark WebAssembly ($pkg/clausemark_bg.wasm) in Node $(node --version): machine instructions per corpus byte ($bytes bytes)"
for fn in parse parseCount; do
  status=0
  node "$runner" "$pkg" "$corpus" 0 "$fn" || status=$?
  if [ "$status" -eq 3 ]; then
    echo "$fn: not exported by this build (parseCount needs CLAUSEMARK_FEATURES=json-export)"
    continue
  elif [ "$status" -ne 0 ]; then
    echo "wasm-instructions: loading $pkg failed (exit $status)" >&2
    exit 1
  fi
  three=$(count 3 "$fn")
  seven=$(count 7 "$fn")
  awk -v fn="$fn" -v a="$three" -v b="$seven" -v n="$bytes" \
    'BEGIN { printf "%s: %.1f instructions/byte\n", fn, (b - a) / 4 / n }' 
done
