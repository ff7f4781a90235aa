#!/usr/bin/env node
// Throughput of the WebAssembly build in Node, on the real corpus.
//
//   scripts/build-wasm.sh && node scripts/bench-wasm.mjs     # shipped module: parse only
//   CLAUSEMARK_FEATURES=json-export scripts/build-wasm.sh && node scripts/bench-wasm.mjs
//                                                             # + parseJson, to compare both ways
//   node scripts/bench-wasm.mjs --ms 3000          # time budget per cell (default 1500 ms)
//   node scripts/bench-wasm.mjs --pkg www/pkg      # another wasm-bindgen --target web output
//   node scripts/bench-wasm.mjs --pkg DIR --baseline OLD   # two builds in one run, passes
//                                                  # alternated, so the machine's load hits both
//   CLAUSEMARK_CORPUS=/path/to/corpus node scripts/bench-wasm.mjs
//   CLAUSEMARK_BENCH_INPUTS=corpus,1MB node scripts/bench-wasm.mjs   # some inputs only
//   node --expose-gc scripts/bench-wasm.mjs --once 60    # ONE parse of 60 MB in this fresh
//                                                  # process: time and memory (see below)
//
// Loads pkg/clausemark.js + pkg/clausemark_bg.wasm (initSync) and measures, on the same inputs
// as the native bench (benches/parse.rs: the corpus document by document, each family, and the
// corpus concatenated to 1 MB and 10 MB):
//   floor         counting "\n" in the JS string (indexOf loop): the physical floor in JS
//   parse only    parseCount(text): parsing (and UTF-16 spans) without any conversion to JS
//   parse         parse(text): the Document as a JS object (the records through the tape of
//                 src/tape.rs and src/tape.js, the header through serde-wasm-bindgen)
//   parseJson     parseJson(text): the Document as a JSON string
//   json+parse    JSON.parse(parseJson(text)): the Document as a JS object, the other way
// MB = 10^6 bytes of UTF-8 input (as natively), median of timed passes. It then says which way
// to a JS object is faster, and checks that both give the same object. The inputs, operations
// and timing are scripts/bench-core.mjs's, which scripts/bench-chromium.mjs runs in a page.
//
// --once MB: what a page pays the first time it opens a big document (the memory grows, V8
// compiles), not the steady state: the corpus concatenated to MB million bytes, parsed once;
// printed are the time, the .wasm's linear memory after it (which never shrinks), the JS heap
// with the Document alive (after a collection, with --expose-gc) and the resident memory.
// Peak RSS: run it under `/usr/bin/time -f "peak RSS %M KB"`.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { inputs as benchInputs, medianSecs as timed, operations, scaled } from "./bench-core.mjs";
import { opt, root } from "./options.mjs";

const pkgDir = path.resolve(root, opt("--pkg", "pkg"));
const budgetMs = Number(opt("--ms", "1500"));
const corpusDir = process.env.CLAUSEMARK_CORPUS ?? path.resolve(root, "../shared/corpus");

const gluePath = path.join(pkgDir, "clausemark.js");
const wasmPath = path.join(pkgDir, "clausemark_bg.wasm");
if (!fs.existsSync(gluePath) || !fs.existsSync(wasmPath)) {
  console.error(`bench-wasm: ${gluePath} or ${wasmPath} missing: run scripts/build-wasm.sh first`);
  process.exit(1);
}
const glue = await import(pathToFileURL(gluePath).href);
const wasmBytes = fs.readFileSync(wasmPath);
const wasm = glue.initSync({ module: wasmBytes });

// ---- inputs, as in benches/parse.rs (scripts/bench-core.mjs) ----
const files = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => [f, fs.readFileSync(path.join(corpusDir, f), "utf8")]);
if (files.length === 0) throw new Error(`no *.txt in ${corpusDir}`);
const onceMB = opt("--once", null);
if (onceMB) {
  const [text] = scaled(files, Number(onceMB) * 1e6);
  const t = performance.now();
  const doc = glue.parse(text);
  const ms = performance.now() - t;
  let clauses = 0;
  const walk = (cs) => {
    for (const c of cs) {
      clauses++;
      walk(c.items);
    }
  };
  walk(doc.preamble);
  walk(doc.operative);
  globalThis.gc?.();
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  console.log(
    `${(Buffer.byteLength(text, "utf8") / 1e6).toFixed(1)} MB (${clauses} clauses), parsed once: ${ms.toFixed(0)} ms; ` +
      `.wasm memory ${mb(wasm.memory.buffer.byteLength)}; JS heap with the document ${mb(process.memoryUsage().heapUsed)}` +
      `${globalThis.gc ? "" : " (without --expose-gc: before a collection)"}; RSS ${mb(process.memoryUsage().rss)}`,
  );
  process.exit(0);
}

const wanted = (process.env.CLAUSEMARK_BENCH_INPUTS ?? "").split(",").filter(Boolean);
const inputs = benchInputs(files, wanted);

// ---- operations and timing (scripts/bench-core.mjs) ----
// The shipped module has no parseJson (Cargo feature json-export, off by default): build with
// `CLAUSEMARK_FEATURES=json-export bash scripts/build-wasm.sh` to compare the two ways.
const { ops, sink: opsSink } = operations(glue);
const hasJson = typeof glue.parseJson === "function";
const medianSecs = (op, input) => timed(op, input.docs, budgetMs);
// The baseline comparison's results; printed (never) with the operations' so no work is dropped.
let sink = 0;
const keep = () => {
  if (sink + opsSink() === -1) console.log(sink);
};

// ---- two builds in one run (--baseline OLD): alternate passes, report both ----
const baselineDir = opt("--baseline", null);
if (baselineDir) {
  const basePath = path.resolve(root, baselineDir);
  const base = await import(pathToFileURL(path.join(basePath, "clausemark.js")).href);
  base.initSync({ module: fs.readFileSync(path.join(basePath, "clausemark_bg.wasm")) });
  const pairs = [["parse", (g) => (t) => (sink += g.parse(t).operative.length)]];
  if (typeof glue.parseCount === "function" && typeof base.parseCount === "function") {
    pairs.push(["parse only", (g) => (t) => (sink += g.parseCount(t))]);
  }
  console.log(
    `clausemark WebAssembly in Node ${process.version}: ${pkgDir} against the baseline ${basePath}, ` +
      `passes alternated (~${budgetMs} ms per cell; MB/s, median and best pass)`,
  );
  const head = ["input".padEnd(8), "bytes".padStart(10)];
  for (const [name] of pairs) head.push(`${name}: baseline`.padStart(24), "this".padStart(13), "x".padStart(6));
  console.log(head.join(" "));
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    return { median: xs[xs.length >> 1], best: xs[0] };
  };
  for (const input of inputs.filter((i) => i.docs.length > 0)) {
    const row = [input.name.padEnd(8), String(input.bytes).padStart(10)];
    for (const [, make] of pairs) {
      const a = make(base);
      const b = make(glue);
      const pass = (op) => {
        const t = performance.now();
        for (const d of input.docs) op(d);
        return (performance.now() - t) / 1000;
      };
      pass(a);
      pass(b);
      const sa = [];
      const sb = [];
      const start = performance.now();
      while (sa.length < 5 || (performance.now() - start < 2 * budgetMs && sa.length < 10000)) {
        sa.push(pass(a));
        sb.push(pass(b));
      }
      const [ma, mb] = [stats(sa), stats(sb)];
      const mbs = (secs) => (input.bytes / 1e6 / secs).toFixed(1);
      row.push(
        `${mbs(ma.median)} / ${mbs(ma.best)}`.padStart(24),
        `${mbs(mb.median)} / ${mbs(mb.best)}`.padStart(13),
        (ma.median / mb.median).toFixed(2).padStart(6),
      );
    }
    console.log(row.join(" "));
  }
  console.log("x = baseline median time / this median time (above 1: this build is faster)");
  keep();
  process.exit(0);
}

// ---- run ----
console.log(
  `clausemark ${glue.version()} WebAssembly throughput in Node ${process.version} ` +
    `(${wasmPath}, ${wasmBytes.length} bytes; MB = 10^6 UTF-8 bytes; median, ~${budgetMs} ms per cell)`,
);
const cols = Object.keys(ops);
console.log(["input".padEnd(8), "docs".padStart(5), "bytes".padStart(10), ...cols.map((c) => `${c} MB/s`.padStart(16))].join(" "));
const totals = Object.fromEntries(cols.map((c) => [c, { bytes: 0, secs: 0 }]));
for (const input of inputs) {
  if (input.docs.length === 0) {
    console.log(`${input.name.padEnd(8)} (no documents)`);
    continue;
  }
  const row = [input.name.padEnd(8), String(input.docs.length).padStart(5), String(input.bytes).padStart(10)];
  for (const c of cols) {
    const secs = medianSecs(ops[c], input);
    if (input.name === "corpus" || input.name === "10MB") {
      totals[c].bytes += input.bytes;
      totals[c].secs += secs;
    }
    row.push((input.bytes / 1e6 / secs).toFixed(1).padStart(16));
  }
  console.log(row.join(" "));
}

const rate = (c) => totals[c].bytes / 1e6 / totals[c].secs;
const obj = rate("parse");
if (totals.parse.secs === 0) {
  // CLAUSEMARK_BENCH_INPUTS left out both the corpus and 10MB: no summary line.
  keep();
  process.exit(0);
}
if (!hasJson) {
  console.log(`\nto a JS object, corpus + 10MB together: parse (tape + serde-wasm-bindgen) ${obj.toFixed(1)} MB/s (no parseJson export in this build)`);
  keep();
  process.exit(0);
}
const viaJson = rate("json+parse");
console.log(
  `\nto a JS object, corpus + 10MB together: parse (tape + serde-wasm-bindgen) ${obj.toFixed(1)} MB/s, ` +
    `JSON.parse(parseJson) ${viaJson.toFixed(1)} MB/s: ` +
    (obj >= viaJson
      ? `parse is ${(obj / viaJson).toFixed(2)}x faster`
      : `JSON.parse(parseJson) is ${(viaJson / obj).toFixed(2)}x faster`),
);

// Both ways must give the same Document (spans in UTF-16 units either way).
let differ = 0;
for (const [file, text] of files) {
  const a = JSON.stringify(glue.parse(text));
  const b = JSON.stringify(JSON.parse(glue.parseJson(text)));
  if (a !== b) {
    differ++;
    if (differ <= 3) console.log(`DIFFERENT object from parse and parseJson on ${file}`);
  }
}
console.log(
  differ === 0
    ? `parse and JSON.parse(parseJson) give the same object on all ${files.length} corpus documents`
    : `parse and JSON.parse(parseJson) differ on ${differ} of ${files.length} documents`,
);
keep();
process.exitCode = differ === 0 ? 0 : 1;
