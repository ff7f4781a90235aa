// www/clausemark.js in real Chromium, on the demo server with its Content-Security-Policy:
// load() fetches and compiles the module, parse() works, and after a deliberate panic the
// wrapper restarts on a fresh copy of the glue (imported under a new query string), with the
// panic message on the console and no CSP violation.
//   node --test tests/js/   (after scripts/build-wasm.sh; needs /usr/bin/chromium)
import test from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

async function startServer() {
  const child = spawn(process.execPath, [new URL("scripts/serve.mjs", root).pathname, "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/[^\s]+/);
      if (m) resolve(m[0].replace(/\/?$/, "/"));
    });
    child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill() };
}

const ready = existsSync(chromiumPath) && existsSync(new URL("scripts/serve.mjs", root)) && existsSync(new URL("www/pkg/clausemark_bg.wasm", root));

test("the wrapper loads, parses and recovers from a panic in Chromium under the page's CSP", { skip: !ready && "needs chromium, scripts/serve.mjs and www/pkg", timeout: 60_000 }, async () => {
  const { chromium } = await import("playwright-core");
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage();
    const consoleErrors = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    const response = await page.goto(server.url);
    assert.match(response.headers()["content-security-policy"] ?? "", /script-src 'self' 'wasm-unsafe-eval'/, "the page is served with its CSP");

    const result = await page.evaluate(async () => {
      const cm = await import("/clausemark.js");
      await cm.load();
      const text = await (await fetch("/samples/E_CN.4_2002_L.108.txt")).text();
      const before = cm.parse(text);
      let crash = null;
      try {
        cm.__panicForTests();
      } catch (e) {
        crash = { name: e.name, cause: e.cause?.constructor?.name };
      }
      const after = cm.parse(text);
      return {
        version: cm.version(),
        operative: before.operative.length,
        same: JSON.stringify(before) === JSON.stringify(after),
        crash,
        instances: cm.instanceCount(),
        sliced: text.slice(before.operative[16].span[0], before.operative[16].span[0] + 3),
      };
    });
    assert.equal(result.operative, 18);
    assert.equal(result.sliced, "17.", "op17's UTF-16 span indexes the page's string");
    assert.deepEqual(result.crash, { name: "ClausemarkCrash", cause: "RuntimeError" });
    assert.ok(result.same, "the restarted module gives the same document");
    assert.ok(result.instances >= 3, "a fresh glue copy was imported for the restart");
    assert.ok(consoleErrors.some((m) => m.includes("deliberate panic")), `panic hook message on the console: ${consoleErrors}`);
    assert.ok(!consoleErrors.some((m) => /Content Security Policy/i.test(m)), `no CSP violation: ${consoleErrors}`);
  } finally {
    await browser.close();
    server.stop();
  }
});
