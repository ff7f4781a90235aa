#!/usr/bin/env bash
# Build the WebAssembly package: pkg/ (wasm-pack layout, package name "clausemark", typed
# parse(): Document) and a copy in www/pkg/ for the viewer. Prints the .wasm size (raw and
# gzipped). Needs the tools scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_PROGRESS_WHEN=never

say() { printf '==> build-wasm: %s\n' "$*"; }

wasm_opt=node_modules/.bin/wasm-opt
if [ ! -x "$wasm_opt" ]; then
  echo "build-wasm: $wasm_opt is missing; run scripts/setup.sh (npm package binaryen)" >&2
  exit 1
fi

# The release profile strips symbols; for the wasm build keep the `target_features` section so
# wasm-bindgen and wasm-opt see which features (reference types, ...) rustc used. wasm-opt
# strips it afterwards, together with the name section and debug info.
export CARGO_PROFILE_RELEASE_STRIP=false
# The .wasm is tuned for size (Cargo.toml's release profile is tuned for native speed).
# CLAUSEMARK_WASM_OPT=s|3 builds it for speed instead (compared in BENCHMARKS.md).
wasm_opt_level=${CLAUSEMARK_WASM_OPT:-z}
export CARGO_PROFILE_RELEASE_OPT_LEVEL=$wasm_opt_level
# binaryen's level for wasm-opt, apart from rustc's: on rustc's opt-level "z" output, -O3 gave a
# module both smaller gzipped (98 761 against 99 023 bytes) and faster (parseCount 298.9 against
# 313.5 instructions per byte) than -Oz; -O4 and -Os were larger (BENCHMARKS.md, session 8).
binaryen_level=${CLAUSEMARK_BINARYEN_OPT:-3}
export CARGO_PROFILE_RELEASE_PANIC=abort
# LLVM's inliner threshold for the wasm build (opt-level "z" alone inlines almost nothing: 5).
# Measured with scripts/wasm-instructions.sh and scripts/size-report.sh (BENCHMARKS.md); 0 or
# empty leaves LLVM's default. Cargo's precedence applies: a RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS
# in the environment replaces this; this replaces a CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS
# of the caller's and `build.rustflags` in a cargo config.
wasm_inline=${CLAUSEMARK_WASM_INLINE-15}
if [ -n "$wasm_inline" ] && [ "$wasm_inline" != 0 ]; then
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Cllvm-args=-inline-threshold=$wasm_inline"
fi

# Fast path: the same cargo build wasm-pack runs (a no-op when nothing changed); when its output
# and every other input of the package are unchanged, keep pkg/ as it is.
# CLAUSEMARK_FEATURES=json-export adds the parseJson export (for scripts/bench-wasm.mjs only).
features=${CLAUSEMARK_FEATURES:-}
feature_args=()
[ -n "$features" ] && feature_args=(--features "$features")
say "cargo build --release --target wasm32-unknown-unknown ${features:+(features: $features)}"
cargo build --quiet --lib --release --target wasm32-unknown-unknown "${feature_args[@]}"
target_dir=$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory));')
key=$(cat "$target_dir/wasm32-unknown-unknown/release/clausemark.wasm" types/document.d.ts src/tape.js \
  scripts/build-wasm.sh package-lock.json <(echo "$features $wasm_opt_level $wasm_inline $binaryen_level") | sha256sum | cut -d' ' -f1)
stamp=pkg/.clausemark-build
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && [ -f pkg/clausemark_bg.wasm ]; then
  say "pkg/ is up to date with the compiled module; wasm-bindgen and wasm-opt skipped"
  raw_before=$(cat pkg/.clausemark-raw-size 2>/dev/null || echo 0)
else
  rm -f "$stamp" pkg/clausemark_bg.wasm
  say "wasm-pack build --target web --release"
  if ! wasm-pack --quiet build --target web --release --out-dir pkg --out-name clausemark \
    --no-opt -- "${feature_args[@]}" >/tmp/clausemark-wasm-pack.$$.log 2>&1; then
    cat /tmp/clausemark-wasm-pack.$$.log >&2
    rm -f /tmp/clausemark-wasm-pack.$$.log
    echo "build-wasm: wasm-pack failed" >&2
    exit 1
  fi
  grep -v '^\[INFO\]' /tmp/clausemark-wasm-pack.$$.log || true
  rm -f /tmp/clausemark-wasm-pack.$$.log
  test -f pkg/clausemark_bg.wasm || {
    echo "build-wasm: wasm-pack produced no pkg/clausemark_bg.wasm" >&2
    exit 1
  }

  raw_before=$(wc -c <pkg/clausemark_bg.wasm)
  say "wasm-opt -O$binaryen_level (binaryen $("$wasm_opt" --version | sed 's/.*version //'))"
  "$wasm_opt" pkg/clausemark_bg.wasm -o pkg/clausemark_bg.opt.wasm "-O$binaryen_level" --converge \
    --strip-debug --strip-producers --strip-target-features
  mv pkg/clausemark_bg.opt.wasm pkg/clausemark_bg.wasm

  # The optimised module must still load and parse (Debian's old wasm-opt, for one, produced
  # modules that failed here).
  node --input-type=module -e '
    import fs from "node:fs";
    const glue = await import(new URL("pkg/clausemark.js", "file://" + process.cwd() + "/").href);
    glue.initSync({ module: fs.readFileSync("pkg/clausemark_bg.wasm") });
    const doc = glue.parse("1. Décide — ok 😀\r\n");
    if (typeof glue.version() !== "string" || !Array.isArray(doc.operative)) {
      throw new Error("optimised module does not work");
    }
  ' || {
    echo "build-wasm: the optimised pkg/clausemark_bg.wasm does not load" >&2
    exit 1
  }

  # Ship the hand-written document types too (they are also inlined in clausemark.d.ts).
  cp types/document.d.ts pkg/document.d.ts
  node --input-type=module -e '
    import fs from "node:fs";
    const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
    p.files = [...new Set([...(p.files ?? []), "document.d.ts"])];
    fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
  '
  echo "$raw_before" >pkg/.clausemark-raw-size
  echo "$key" >"$stamp"
fi

rm -rf www/pkg
mkdir -p www/pkg
cp pkg/clausemark.js pkg/clausemark_bg.wasm pkg/clausemark.d.ts pkg/clausemark_bg.wasm.d.ts \
  pkg/document.d.ts pkg/package.json www/pkg/
# The JS the glue imports (src/tape.js, the decoder of the tape).
cp -r pkg/snippets www/pkg/

raw=$(wc -c <pkg/clausemark_bg.wasm)
gz=$(gzip -9 -c pkg/clausemark_bg.wasm | wc -c)
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
say "pkg/clausemark_bg.wasm: $(kb "$raw") raw, $(kb "$gz") gzipped (before wasm-opt: $(kb "$raw_before")); copied to www/pkg/"
# The JS the module imports ships beside it (not in the .wasm's budget, but in the page's bytes).
snippet_raw=$(cat pkg/snippets/*/src/*.js | wc -c)
snippet_gz=$(cat pkg/snippets/*/src/*.js | gzip -9 -c | wc -c)
say "pkg/snippets (src/tape.js): $(kb "$snippet_raw") raw, $(kb "$snippet_gz") gzipped"
