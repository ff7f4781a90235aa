import fs from "node:fs"; import path from "node:path";
import { chromium } from "playwright-core";
const pkg = process.argv[2] ?? "/tmp/pkg-json";
const corpus = "/work/shared/corpus";
const files = fs.readdirSync(corpus).filter(f => f.endsWith(".txt")).sort();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const page = await browser.newPage();
await page.route("http://bench.local/**", (route) => {
  const u = new URL(route.request().url());
  let p = u.pathname;
  const file = p.startsWith("/pkg/") ? path.join(pkg, p.slice(5)) : p.startsWith("/corpus/") ? path.join(corpus, p.slice(8)) : null;
  if (!file || !fs.existsSync(file)) return route.fulfill({ status: 404, body: "" });
  const ct = file.endsWith(".js") ? "text/javascript" : file.endsWith(".wasm") ? "application/wasm" : file.endsWith(".html") ? "text/html" : "text/plain; charset=utf-8";
  route.fulfill({ body: fs.readFileSync(file), contentType: ct });
});
await page.route("http://bench.local/", (route) => route.fulfill({ body: "<!doctype html><title>b</title>", contentType: "text/html" }));
await page.goto("http://bench.local/");
console.log(await page.evaluate(() => navigator.userAgent));
const res = await page.evaluate(async (files) => {
  const glue = await import("/pkg/clausemark.js");
  await glue.default({ module_or_path: "/pkg/clausemark_bg.wasm" });
  const texts = await Promise.all(files.map(f => fetch("/corpus/" + f).then(r => r.text())));
  const bytes = texts.reduce((a, t) => a + new TextEncoder().encode(t).length, 0);
  const out = {};
  for (const fn of ["parse", "parseCount", "parse", "parseCount"]) {
    const f = glue[fn]; if (!f) continue;
    const t0 = performance.now(); while (performance.now() - t0 < 1500) for (const t of texts) f(t);
    const times = [];
    const t1 = performance.now();
    while (performance.now() - t1 < 1500) { const a = performance.now(); for (const t of texts) f(t); times.push(performance.now() - a); }
    times.sort((a, b) => a - b);
    (out[fn] ??= []).push((bytes / 1e6 / (times[times.length >> 1] / 1e3)).toFixed(1));
  }
  return out;
}, files);
console.log(JSON.stringify(res));
await browser.close();
