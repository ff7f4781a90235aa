// The shipped module's size budget (issue 6): pkg/clausemark_bg.wasm, gzipped at level 9 as
// scripts/size-report.sh measures it, must stay within 100 KB (100 000 bytes). gzip sizes move
// by a few hundred bytes when code is merely reordered, so a step that only looks small can
// cross the line; this makes it fail here instead of in a report (BENCHMARKS.md, "Size").
//   node --test tests/js/   (after scripts/build-wasm.sh)
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const root = new URL("../../", import.meta.url);
const wasm = readFileSync(new URL("pkg/clausemark_bg.wasm", root));
const glue = readFileSync(new URL("pkg/clausemark.js", root), "utf8");
// The benchmark build (CLAUSEMARK_FEATURES=json-export) carries serde_json and does not ship.
const benchmarkBuild = /export function parseJson\b/.test(glue);

test("the shipped .wasm stays within 100 KB gzipped", { skip: benchmarkBuild && "json-export build" }, () => {
  const gz = gzipSync(wasm, { level: 9 }).length;
  assert.ok(
    gz <= 100_000,
    `should be at most 100 000 bytes gzipped (level 9), is ${gz} (${wasm.length} raw)`,
  );
});
