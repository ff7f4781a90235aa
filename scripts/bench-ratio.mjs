#!/usr/bin/env node
// The .wasm against native, in one run: how many times slower `parse` is in WebAssembly (issue
// 6's target: no more than 2.5x). Each round times the native parser (benches/parse.rs, summary
// mode) and then the built .wasm in Node (scripts/bench-wasm.mjs), on the same inputs, one right
// after the other, so that what the machine's load does to one it does to the other; the ratio
// is taken within each round, and its median over the rounds is printed. Timings print MB/s;
// nothing here asserts a timing.
//
//   scripts/build-wasm.sh && node scripts/bench-ratio.mjs        # 5 rounds, the corpus and 1MB
//   node scripts/bench-ratio.mjs --rounds 9 --inputs corpus,SC,1MB --ms 1500 --pkg DIR
//   node scripts/bench-ratio.mjs --engine chromium    # the .wasm in headless Chromium instead
//                                                     # of Node (scripts/bench-chromium.mjs)
//
// The .wasm's column is `parse` (the Document as a JS object, what a page calls); a json-export
// build (CLAUSEMARK_FEATURES=json-export scripts/build-wasm.sh) adds `parse only` (the parser
// without the conversion), against the same native numbers.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { opt, root } from "./options.mjs";

const rounds = Number(opt("--rounds", "5"));
const inputs = opt("--inputs", "corpus,1MB");
const ms = opt("--ms", "1500");
const pkg = opt("--pkg", "pkg");
const engine = opt("--engine", "node");
const wasmBench = { node: "bench-wasm.mjs", chromium: "bench-chromium.mjs" }[engine];
if (!wasmBench) throw new Error(`bench-ratio: --engine is node or chromium, not ${engine}`);
const env = { ...process.env, CLAUSEMARK_BENCH_INPUTS: inputs, CLAUSEMARK_BENCH_MS: ms };

function run(cmd, argv, extraEnv) {
  const r = spawnSync(cmd, argv, { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`bench-ratio: ${cmd} ${argv.join(" ")} failed (exit ${r.status})`);
  }
  return r.stdout.split("\n");
}

// Rows are "name docs bytes number..."; `columns` names the numbers after the bytes.
function table(lines, columns) {
  const out = new Map();
  for (const line of lines) {
    const cells = line.trim().split(/\s+/);
    if (cells.length < 3 + columns.length || !/^\d+$/.test(cells[1]) || !/^\d+$/.test(cells[2])) continue;
    const row = {};
    columns.forEach((c, i) => (row[c] = Number(cells[3 + i].replace(/x$/, ""))));
    out.set(cells[0], row);
  }
  return out;
}

const native = () =>
  table(run("cargo", ["bench", "--quiet", "--bench", "parse"], { CLAUSEMARK_BENCH: "summary" }), [
    "floor",
    "parse",
  ]);
function wasm() {
  const lines = run("node", [path.join("scripts", wasmBench), "--pkg", pkg, "--ms", ms]);
  const header = lines.find((l) => l.startsWith("input "));
  if (!header) throw new Error(`bench-ratio: no table from scripts/${wasmBench}`);
  // The header's columns are "<name> MB/s", padded: "floor", optionally "parse only", "parse", ...
  const columns = header
    .slice(header.indexOf("bytes") + 5)
    .trim()
    .split(/ MB\/s\s*/)
    .filter(Boolean);
  return table(lines, columns);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const wanted = inputs.split(",");
const seen = Object.fromEntries(wanted.map((n) => [n, []]));
console.log(
  `clausemark: .wasm (${pkg}, in ${engine}) against native, ${rounds} rounds, each native then .wasm, ~${ms} ms per cell; MB/s, ratio = native / .wasm`,
);
for (let r = 1; r <= rounds; r++) {
  const n = native();
  const w = wasm();
  for (const name of wanted) {
    const a = n.get(name);
    const b = w.get(name);
    if (!a || !b) throw new Error(`bench-ratio: no row for ${name} in both benches`);
    const round = { native: a.parse, wasm: b.parse, only: b["parse only"] };
    seen[name].push(round);
    const only = round.only ? `, parse only ${round.only.toFixed(1)} (${(round.native / round.only).toFixed(2)}x)` : "";
    console.log(
      `round ${r} ${name.padEnd(7)} native ${round.native.toFixed(1).padStart(6)}   .wasm parse ${round.wasm
        .toFixed(1)
        .padStart(6)} (${(round.native / round.wasm).toFixed(2)}x)${only}`,
    );
  }
}
console.log("median of the rounds' ratios (target: parse no more than 2.5x):");
for (const name of wanted) {
  const rs = seen[name];
  const ratios = rs.map((x) => x.native / x.wasm);
  const only = rs[0].only ? `; parse only ${median(rs.map((x) => x.native / x.only)).toFixed(2)}x` : "";
  console.log(
    `${name.padEnd(7)} parse ${median(ratios).toFixed(2)}x (rounds: ${ratios.map((x) => x.toFixed(2)).join(" ")})${only}`,
  );
}
