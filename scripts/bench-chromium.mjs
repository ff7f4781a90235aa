#!/usr/bin/env node
// Throughput of the WebAssembly build in headless Chromium, the engine the viewer runs in (a
// much newer V8 than Node's). Same inputs, operations and timing as scripts/bench-wasm.mjs (both
// import scripts/bench-core.mjs; here into the page) and the same table, so that
// scripts/bench-ratio.mjs can take either (--engine chromium).
//
//   scripts/build-wasm.sh && node scripts/bench-chromium.mjs        # the shipped pkg/
//   node scripts/bench-chromium.mjs --pkg DIR --ms 1500
//   CLAUSEMARK_BENCH_INPUTS=corpus,1MB node scripts/bench-chromium.mjs
//
// The page is served from memory by Playwright (page.route): pkg/'s glue and .wasm, the corpus;
// the module is compiled and instantiated by the glue's default export, as in the viewer. The
// timing runs inside the page (bench-core.mjs's medianSecs, on performance.now()); nothing here
// asserts a timing. Needs playwright-core and /usr/bin/chromium
// (scripts/setup.sh installs both; CHROMIUM_PATH overrides the path).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { opt, root } from "./options.mjs";

const pkgDir = path.resolve(root, opt("--pkg", "pkg"));
const budgetMs = Number(opt("--ms", "1500"));
const corpusDir = process.env.CLAUSEMARK_CORPUS ?? path.resolve(root, "../shared/corpus");
if (!fs.existsSync(path.join(pkgDir, "clausemark_bg.wasm"))) {
  console.error(`bench-chromium: ${pkgDir}/clausemark_bg.wasm missing: run scripts/build-wasm.sh first`);
  process.exit(1);
}
const files = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith(".txt"))
  .sort();
if (files.length === 0) throw new Error(`no *.txt in ${corpusDir}`);
const wanted = (process.env.CLAUSEMARK_BENCH_INPUTS ?? "").split(",").filter(Boolean);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  // The background-networking flags keep Chromium from calling Google's hosts during the
  // timing (these machines' network refuses them; the machine notes say so, not DESIGN.md).
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  const origin = "http://clausemark.bench";
  const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8" };
  await page.route(`${origin}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === "/") return route.fulfill({ body: "<!doctype html><title>bench</title>", contentType: "text/html" });
    // Only files under pkg/ (the glue, its snippet, the .wasm), the corpus's texts and the
    // benchmark's core, shared with scripts/bench-wasm.mjs.
    const [dir, rel] = pathname.startsWith("/pkg/")
      ? [pkgDir, pathname.slice(5)]
      : pathname.startsWith("/corpus/")
        ? [corpusDir, pathname.slice(8)]
        : pathname === "/bench-core.mjs"
          ? [path.join(root, "scripts"), "bench-core.mjs"]
          : [null, ""];
    const file = dir && /^[\w.\/-]+$/.test(rel) && !rel.includes("..") ? path.join(dir, rel) : null;
    if (!file || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ body: fs.readFileSync(file), contentType: types[path.extname(file)] ?? "application/octet-stream" });
  });
  await page.goto(`${origin}/`);
  const version = await browser.version();
  const result = await page.evaluate(
    async ({ files, wanted, budgetMs }) => {
      const { inputs, medianSecs, operations } = await import("/bench-core.mjs");
      const glue = await import("/pkg/clausemark.js");
      await glue.default({ module_or_path: "/pkg/clausemark_bg.wasm" });
      const texts = await Promise.all(files.map((f) => fetch(`/corpus/${f}`).then((r) => r.text())));
      const { ops, sink } = operations(glue);
      const rows = inputs(
        files.map((f, i) => [f, texts[i]]),
        wanted,
      ).map(({ name, docs, bytes }) => ({
        name,
        docs: docs.length,
        bytes,
        mbs: Object.values(ops).map((op) => bytes / 1e6 / medianSecs(op, docs, budgetMs)),
      }));
      return { columns: Object.keys(ops), rows, sink: sink() };
    },
    { files, wanted, budgetMs },
  );
  console.log(
    `clausemark ${path.basename(pkgDir)} WebAssembly in headless Chromium ${version} ` +
      `(MB = 10^6 UTF-8 bytes; median of timed passes, ~${budgetMs} ms per cell)`,
  );
  const head = ["input   ", "docs".padStart(5), "bytes".padStart(10), ...result.columns.map((c) => `${c} MB/s`.padStart(16))];
  console.log(head.join(" "));
  for (const r of result.rows) {
    console.log(
      [r.name.padEnd(8), String(r.docs).padStart(5), String(r.bytes).padStart(10), ...r.mbs.map((x) => x.toFixed(1).padStart(16))].join(" "),
    );
  }
} finally {
  await browser.close();
}
