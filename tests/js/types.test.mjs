// The hand-written TypeScript types (types/document.d.ts) against real documents: every object
// in parsed corpus documents has exactly the fields its interface declares, enum-like unions
// list every value seen, and the package's generated d.ts ships the types with a typed parse().
//   node --test tests/js/   (after scripts/build-wasm.sh)
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const at = (p) => new URL(p, root);

const glue = await import(at("pkg/clausemark.js").href);
glue.initSync({ module: readFileSync(at("pkg/clausemark_bg.wasm")) });

const dts = readFileSync(at("types/document.d.ts"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

/** interface name → { field → type text } */
const interfaces = new Map();
for (const m of dts.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
  const fields = {};
  for (const f of m[2].matchAll(/^\s*(\w+)\??:\s*([^;]+);/gm)) fields[f[1]] = f[2].trim();
  interfaces.set(m[1], fields);
}
/** type alias name → list of string literals (for unions like DocumentKind) */
const unions = new Map();
for (const m of dts.matchAll(/export type (\w+) =([^;]+);/g)) {
  const literals = [...m[2].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
  if (literals.length) unions.set(m[1], literals);
}

function referenced(typeText) {
  return [...typeText.matchAll(/\b([A-Z]\w*)\b/g)].map((x) => x[1]).filter((n) => interfaces.has(n) || unions.has(n));
}

/** Check `value` against interface `name`; record which interfaces and fields were seen. */
function check(value, name, path, seen) {
  const fields = interfaces.get(name);
  assert.ok(fields, `unknown interface ${name}`);
  assert.equal(typeof value, "object", `${path} should be an object (${name})`);
  assert.deepEqual(Object.keys(value).sort(), Object.keys(fields).sort(), `${path}: keys of ${name} should match types/document.d.ts`);
  seen.add(name);
  for (const [field, type] of Object.entries(fields)) {
    const v = value[field];
    if (v === null) {
      assert.match(type, /\| null\b/, `${path}.${field} is null but ${name}.${field} is typed ${type}`);
      continue;
    }
    assert.notEqual(v, undefined, `${path}.${field} should never be undefined`);
    if (type === "Span") {
      assert.ok(Array.isArray(v) && v.length === 2 && v.every(Number.isInteger), `${path}.${field} should be [start, end]`);
      continue;
    }
    const refs = referenced(type);
    const items = type.includes("[]") ? (assert.ok(Array.isArray(v), `${path}.${field} should be an array`), v) : [v];
    for (const [i, item] of items.entries()) {
      const p = type.includes("[]") ? `${path}.${field}[${i}]` : `${path}.${field}`;
      const iface = refs.find((r) => interfaces.has(r));
      const union = refs.find((r) => unions.has(r));
      if (iface) check(item, iface, p, seen);
      else if (union) {
        assert.ok(unions.get(union).includes(item), `${p} = ${JSON.stringify(item)} is not in ${union}`);
        seen.add(union);
      } else if (/\bstring\b/.test(type)) assert.equal(typeof item, "string", `${p} should be a string`);
      else if (/\bnumber\b/.test(type)) assert.equal(typeof item, "number", `${p} should be a number`);
    }
  }
}

function corpus() {
  const docs = [["fixture seed", readFileSync(at("tests/fixtures/wasm/E_CN.4_2002_L.108.txt"), "utf8")]];
  const dir = at("../shared/corpus/");
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
      docs.push([f, readFileSync(new URL(f, dir), "utf8")]);
    }
  }
  return docs;
}

test("types/document.d.ts declares the document model", () => {
  for (const name of ["Document", "Clause", "Sponsor", "Footnote", "Reference", "Diagnostic", "Phrase", "Inline"]) {
    assert.ok(interfaces.has(name), `interface ${name}`);
  }
  assert.ok(Object.keys(interfaces.get("Document")).length >= 20);
});

test("every parsed object has exactly the fields its interface declares", (t) => {
  const seen = new Set();
  const docs = corpus();
  for (const [name, text] of docs) check(glue.parse(text), "Document", name, seen);
  check(glue.parse(""), "Document", "empty", seen);
  // The real documents exercise every part of the model that they contain.
  for (const name of ["Document", "Clause", "Sponsor", "Footnote", "Phrase", "Session", "AgendaItem", "Formula", "Inline", "Reference", "Diagnostic"]) {
    assert.ok(seen.has(name), `no parsed document contained a ${name}; the check of its fields did not run`);
  }
  const unseen = [...interfaces.keys()].filter((n) => !seen.has(n));
  t.diagnostic(`interfaces not present in any of ${docs.length} documents: ${unseen.join(", ") || "none"}`);
});

test("the package ships the types and a typed parse()", () => {
  const generated = readFileSync(at("pkg/clausemark.d.ts"), "utf8");
  assert.match(generated, /export function parse\(text: string\): Document;/);
  assert.match(generated, /export interface Document \{/);
  assert.match(generated, /export interface Clause \{/);
  const pkg = JSON.parse(readFileSync(at("pkg/package.json"), "utf8"));
  assert.equal(pkg.name, "clausemark");
  assert.ok(pkg.files.includes("clausemark.d.ts") && pkg.files.includes("document.d.ts"));
  assert.equal(pkg.types, "clausemark.d.ts");
});
