#!/usr/bin/env node
// Time and memory of ONE parse of a large input in the WebAssembly build, in a fresh Node
// process: what a page pays the first time it opens a big document (the memory grows, V8
// compiles). bench-wasm.mjs measures the steady state instead.
//
//   scripts/build-wasm.sh && node --expose-gc scripts/bench-memory.mjs           # 60 MB
//   node --expose-gc scripts/bench-memory.mjs --pkg DIR --mb 10
//   /usr/bin/time -f "peak RSS %M KB" node --expose-gc scripts/bench-memory.mjs   # + peak RSS
//
// The input is the corpus (../shared/corpus, or CLAUSEMARK_CORPUS) concatenated, a blank line
// apart, until it has --mb million characters. Printed: the parse's time, the .wasm's linear
// memory after it (which never shrinks), the JS heap with the Document alive (after a garbage
// collection when --expose-gc is given), and the process's resident memory.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const pkgDir = path.resolve(root, opt("--pkg", "pkg"));
const chars = Number(opt("--mb", "60")) * 1e6;
const corpusDir = process.env.CLAUSEMARK_CORPUS ?? path.resolve(root, "../shared/corpus");

const glue = await import(pathToFileURL(path.join(pkgDir, "clausemark.js")).href);
const wasm = glue.initSync({ module: fs.readFileSync(path.join(pkgDir, "clausemark_bg.wasm")) });
const docs = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => fs.readFileSync(path.join(corpusDir, f), "utf8"));
const parts = [];
let n = 0;
while (n < chars) {
  for (const d of docs) {
    parts.push(d, "\n\n");
    n += d.length + 2;
    if (n >= chars) break;
  }
}
const text = parts.join("");

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
  `${(text.length / 1e6).toFixed(1)} M characters (${clauses} clauses): parse ${ms.toFixed(0)} ms; ` +
    `.wasm memory ${mb(wasm.memory.buffer.byteLength)}; JS heap with the document ${mb(process.memoryUsage().heapUsed)}` +
    `${globalThis.gc ? "" : " (no --expose-gc: before a collection)"}; RSS ${mb(process.memoryUsage().rss)}`,
);
