#!/usr/bin/env bash
# Size of the shipped WebAssembly module and what takes the bytes.
#
#   scripts/size-report.sh            # report on pkg/clausemark_bg.wasm (builds it if missing)
#   scripts/size-report.sh --build    # run scripts/build-wasm.sh first
#   TOP=40 scripts/size-report.sh     # longer list of the largest functions
#
# 1. pkg/clausemark_bg.wasm (what ships: wasm-bindgen + wasm-opt -O3, names stripped): raw,
#    gzip -9 and brotli sizes, and the issue's targets (<= 100 KB gzipped; stretch 60 KB).
# 2. A breakdown: the same module rebuilt WITH its name section (the pre-bindgen module that
#    wasm-pack leaves in target/, run through wasm-bindgen and the same `wasm-opt -O3`, but with
#    -g so names survive), parsed here (no twiggy needed): bytes per section, code bytes per
#    crate/module, the largest functions, and the data segments (string and country tables).
#    Sizes in the breakdown are within a few percent of the shipped module's.
#    If `twiggy` is on PATH, its `top` is printed too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

wasm=pkg/clausemark_bg.wasm
if [ "${1:-}" = --build ] || [ ! -f "$wasm" ]; then
  bash scripts/build-wasm.sh
fi
test -f "$wasm" || { echo "size-report: $wasm missing (run scripts/build-wasm.sh)" >&2; exit 1; }

target_dir=$(cargo metadata --format-version 1 --no-deps 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
raw="$target_dir/wasm32-unknown-unknown/release/clausemark.wasm"
named=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -f "$raw" ] && command -v wasm-bindgen >/dev/null && [ -x node_modules/.bin/wasm-opt ]; then
  if [ "$raw" -nt "$wasm" ]; then
    echo "size-report: warning: $raw is newer than $wasm; run with --build for a consistent report" >&2
  fi
  # Same steps as build-wasm.sh, names kept (wasm-bindgen keeps the name section by default;
  # wasm-opt keeps it with -g).
  wasm-bindgen --target web --out-dir "$tmp" --out-name clausemark "$raw"
  node_modules/.bin/wasm-opt "$tmp/clausemark_bg.wasm" -o "$tmp/named.wasm" -O3 -g \
    --strip-dwarf --strip-producers --strip-target-features
  named="$tmp/named.wasm"
else
  echo "size-report: no names-kept module ($raw, wasm-bindgen or node_modules/.bin/wasm-opt missing): sizes only" >&2
fi

node --input-type=module - "$wasm" "$named" "${TOP:-25}" <<'EOF'
import fs from "node:fs";
import zlib from "node:zlib";

const [shipped, named, topArg] = process.argv.slice(2);
const top = Number(topArg) || 25;
const kb = (n) => (n / 1000).toFixed(1) + " KB";
const pct = (n, t) => ((100 * n) / t).toFixed(1).padStart(5) + " %";

const bytes = fs.readFileSync(shipped);
const gz = zlib.gzipSync(bytes, { level: 9 }).length;
const br = zlib.brotliCompressSync(bytes, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;
console.log(`${shipped}: ${bytes.length} bytes raw (${kb(bytes.length)}), ${gz} gzip -9 (${kb(gz)}), ${br} brotli (${kb(br)})`);
console.log(
  `target <= 100 KB gzipped: ${gz <= 100_000 ? "met" : "MISSED"}; stretch <= 60 KB: ${gz <= 60_000 ? "met" : "missed"}` +
    "  (bluebell 375 KB, pulldown-cmark 87 KB)",
);
if (!named) process.exit(0);

// ---- a minimal WebAssembly reader: sections, imports, code bodies, data segments, names ----
const buf = fs.readFileSync(named);
let pos = 8;
const u8 = () => buf[pos++];
const leb = () => {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
};
const str = () => {
  const n = leb();
  const s = buf.toString("utf8", pos, pos + n);
  pos += n;
  return s;
};
const limits = () => {
  const flags = leb();
  leb();
  if (flags & 1) leb();
};
const skipConstExpr = () => {
  // i32.const / i64.const / global.get ... end (0x0b)
  for (;;) {
    const op = u8();
    if (op === 0x0b) return;
    if (op === 0x41 || op === 0x42 || op === 0x23) leb();
  }
};

const SECTION = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
const sections = [];
let importedFuncs = 0;
const bodies = []; // sizes of code bodies, in order
const segments = []; // { size, preview }
const names = new Map();
while (pos < buf.length) {
  const id = u8();
  const size = leb();
  const start = pos;
  const end = start + size;
  let label = SECTION[id] ?? `section ${id}`;
  if (id === 0) label = `custom "${str()}"`;
  sections.push({ label, size: end - start + 1 + Math.ceil(Math.log2(size + 1) / 7) });
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      str();
      str();
      const kind = u8();
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { u8(); limits(); }
      else if (kind === 2) limits();
      else if (kind === 3) { u8(); u8(); }
      else if (kind === 4) { u8(); leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const len = leb();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      const flags = leb();
      if (flags === 2) leb();
      if (flags !== 1) skipConstExpr();
      const len = leb();
      const text = buf.subarray(pos, pos + Math.min(len, 4096)).toString("latin1");
      segments.push({ size: len, preview: text.replace(/[^\x20-\x7e]+/g, " ").trim().slice(0, 70) });
      pos += len;
    }
  } else if (label === 'custom "name"') {
    while (pos < end) {
      const sub = u8();
      const subSize = leb();
      const subEnd = pos + subSize;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const idx = leb();
          names.set(idx, str());
        }
      }
      pos = subEnd;
    }
  }
  pos = end;
}

// ---- names: lld writes them demangled (legacy `::h<hash>` suffixes, v0 `[hash]` crate
// disambiguators); older toolchains leave `_ZN...E`: handle both. Then group by crate/module.
function demangle(sym) {
  if (sym.startsWith("_ZN")) {
    let i = 3;
    const parts = [];
    while (i < sym.length && sym[i] !== "E") {
      let n = 0;
      while (/[0-9]/.test(sym[i])) n = n * 10 + Number(sym[i++]);
      if (n === 0) break;
      parts.push(sym.slice(i, i + n));
      i += n;
    }
    const unescape = (p) =>
      p
        .replace(/^_\$/, "$")
        .replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$RF\$/g, "&").replace(/\$BP\$/g, "*")
        .replace(/\$C\$/g, ",").replace(/\$SP\$/g, "@").replace(/\$LP\$/g, "(").replace(/\$RP\$/g, ")")
        .replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/\.\./g, "::");
    sym = parts.map(unescape).join("::");
  }
  return sym.replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, "");
}
function group(name) {
  if (/ shim$|^__wbg|^__wbindgen|^__externref|^wasm_bindgen::__rt|^wasm_bindgen::/.test(name)) {
    return / shim$/.test(name) ? "wasm-bindgen export shims (inlined callees included)" : "wasm-bindgen runtime";
  }
  const s = name.replace(/^[<&*\s]+/, "").replace(/^(mut|dyn) /, "");
  const as = name.match(/^<.*? as ([A-Za-z_][\w:]*)/);
  let path = s.match(/^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*/)?.[0] ?? "";
  if (!path.includes("::") && as) path = as[1];
  const segs = path.split("::");
  if (!path.includes("::")) {
    if (/^(dlmalloc|malloc|free|realloc|calloc|mem(cpy|set|move|cmp))/.test(name)) return "allocator / libc";
    return "(other)";
  }
  if (segs[0] === "__rustc") return "alloc (rustc shims)";
  if (segs[0] === "clausemark" && segs.length > 2) return segs.slice(0, 2).join("::");
  if (segs[0] === "core" || segs[0] === "alloc" || segs[0] === "std") return `${segs[0]}::${segs[1]}`;
  return segs[0];
}

const funcs = bodies.map((size, i) => {
  const raw = names.get(importedFuncs + i) ?? `func[${importedFuncs + i}]`;
  const name = demangle(raw);
  return { name, size, group: group(name) };
});
const codeTotal = funcs.reduce((a, f) => a + f.size, 0);
const dataTotal = segments.reduce((a, s) => a + s.size, 0);
const nameSec = sections.find((s) => s.label === 'custom "name"')?.size ?? 0;
const moduleTotal = buf.length - nameSec;

console.log(`\nbreakdown of the same module built with names (${moduleTotal} bytes without its name section):`);
console.log("\nsections");
for (const s of sections.filter((s) => s.label !== 'custom "name"').sort((a, b) => b.size - a.size)) {
  console.log(`  ${String(s.size).padStart(8)}  ${pct(s.size, moduleTotal)}  ${s.label}`);
}

const groups = new Map();
for (const f of funcs) {
  const g = groups.get(f.group) ?? { size: 0, n: 0 };
  g.size += f.size;
  g.n += 1;
  groups.set(f.group, g);
}
console.log(`\ncode by crate / module (${funcs.length} functions, ${codeTotal} bytes of bodies)`);
for (const [name, g] of [...groups].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`  ${String(g.size).padStart(8)}  ${pct(g.size, moduleTotal)}  ${String(g.n).padStart(4)} fn  ${name}`);
}

console.log(`\nlargest ${top} functions`);
for (const f of [...funcs].sort((a, b) => b.size - a.size).slice(0, top)) {
  const n = f.name.length > 110 ? f.name.slice(0, 107) + "..." : f.name;
  console.log(`  ${String(f.size).padStart(8)}  ${pct(f.size, moduleTotal)}  ${n}`);
}

console.log(`\ndata segments (${segments.length}, ${dataTotal} bytes: string literals, tables such as country names and phrases)`);
for (const s of [...segments].sort((a, b) => b.size - a.size).slice(0, 8)) {
  console.log(`  ${String(s.size).padStart(8)}  ${pct(s.size, moduleTotal)}  "${s.preview}"`);
}
EOF

if [ -n "$named" ] && command -v twiggy >/dev/null; then
  echo
  echo "twiggy top -n 20 (names-kept module):"
  twiggy top -n 20 "$named"
fi
