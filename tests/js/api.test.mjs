// The JS API of the WebAssembly build, in Node (fast, no browser):
//   node --test tests/js/
// Needs the package built first (scripts/build-wasm.sh writes pkg/ and www/pkg/).
//
// Offsets: parse() returns UTF-16 offsets; the CLI (`clausemark parse`) prints byte offsets.
// When the native binary has been built (cargo test / cargo build do it), every span from the
// WASM build is checked against the CLI's byte span converted to UTF-16 here, in JS, by an
// independent implementation (TextEncoder).
import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const root = new URL("../../", import.meta.url);
const at = (p) => new URL(p, root);

const glue = await import(at("pkg/clausemark.js").href);
const exports = glue.initSync({ module: readFileSync(at("pkg/clausemark_bg.wasm")) });
const { parse, parseJson, version } = glue;

const SEED = readFileSync(at("tests/fixtures/wasm/E_CN.4_2002_L.108.txt"), "utf8");

// The seed with CRLF line ends and "é", "’", "—" and an emoji in most clauses.
function unicodeSeed() {
  return SEED.replaceAll("human rights", "human rights — l’été 😀")
    .replaceAll("Member States", "Member States (é)")
    .replaceAll("\n", "\r\n");
}

/** Byte offset → UTF-16 offset table for `text`, built from TextEncoder (independent of Rust). */
function byteToUtf16(text) {
  const map = new Map();
  let bytes = 0;
  let units = 0;
  const enc = new TextEncoder();
  for (const ch of text) {
    map.set(bytes, units);
    bytes += enc.encode(ch).length;
    units += ch.length;
  }
  map.set(bytes, units);
  return (b) => {
    if (!map.has(b)) throw new Error(`byte offset ${b} is not on a character boundary`);
    return map.get(b);
  };
}

/** Every `span` in a document (path, [start, end]), and every inline `range` with its clause. */
function* spans(value, path = "doc", clause = null) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* spans(value[i], `${path}[${i}]`, clause);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "span") yield { path: `${path}.span`, span: v, local: null };
      else if (k === "range") yield { path: `${path}.range`, span: v, local: clause };
      else yield* spans(v, `${path}.${k}`, "inlines" in value && "text" in value ? value : clause);
    }
  }
}

const nativeBin = [process.env.CLAUSEMARK_BIN, "target/debug/clausemark", "target/release/clausemark"]
  .filter(Boolean)
  .map((p) => at(p))
  .find((u) => existsSync(u));

function nativeParse(text) {
  const out = execFileSync(nativeBin.pathname, ["parse", "-"], { input: text, maxBuffer: 1 << 28 });
  return JSON.parse(out.toString("utf8"));
}

test("version() is the crate version from Cargo.toml", () => {
  const cargo = readFileSync(at("Cargo.toml"), "utf8");
  const v = cargo.match(/^version\s*=\s*"([^"]+)"/m)[1];
  assert.equal(version(), v);
});

test("parse() returns a plain object with null (not undefined) for absent values", () => {
  const doc = parse("");
  assert.equal(Object.getPrototypeOf(doc), Object.prototype, "a plain object, not a Map");
  for (const key of ["symbol", "masthead", "organ", "distribution", "date", "formula", "adoption", "report_of"]) {
    assert.ok(key in doc, `${key} should be present`);
    assert.equal(doc[key], null, `${key} should be null for empty input`);
  }
  for (const key of ["sponsors", "preamble", "operative", "footnotes", "references"]) {
    assert.deepEqual(doc[key], [], `${key} should be [] for empty input`);
  }
  assert.ok(Array.isArray(doc.diagnostics), "diagnostics should be an array");
});

test("the seed parses with its facts", () => {
  const doc = parse(SEED);
  assert.equal(doc.kind, "draft-resolution");
  assert.equal(doc.symbol, "E/CN.4/2002/L.108");
  assert.equal(doc.masthead, "Economic and Social Council");
  assert.equal(doc.organ, "Commission on Human Rights");
  assert.equal(doc.distribution, "limited");
  assert.equal(doc.date, "2002-04-22");
  assert.equal(doc.language, "English");
  assert.equal(doc.session?.number, 58);
  assert.equal(doc.agenda_items[0]?.number, "19");
  assert.equal(doc.sponsors.length, 47);
  assert.ok(doc.sponsors.every((s) => typeof s.iso3 === "string" && s.iso3.length === 3), "every sponsor has an iso3");
  assert.equal(doc.sponsors.filter((s) => s.marks.includes("*")).length, 30);
  const star = doc.footnotes.find((f) => f.mark === "*");
  assert.match(star?.text ?? "", /rule 69/);
  assert.equal(doc.preamble.length, 6);
  assert.deepEqual(doc.preamble[0].items.map((c) => c.id), ["pp1-a", "pp1-b"]);
  assert.equal(doc.operative.length, 18);
  assert.deepEqual(doc.operative[16].items.map((c) => c.id), ["op17-a", "op17-b", "op17-c"]);
});

test("UTF-16 spans slice the JS string (é, ’, —, emoji, CRLF)", () => {
  const text = unicodeSeed();
  const doc = parse(text);
  assert.equal(doc.operative.length, 18, "CRLF and non-ASCII text should not change the structure");
  let checked = 0;
  for (const s of doc.sponsors) {
    const slice = text.slice(s.span[0], s.span[1]);
    assert.ok(slice.replace(/\s+/g, " ").includes(s.name), `sponsor span should hold ${s.name}: ${slice}`);
    checked++;
  }
  for (const c of [...doc.preamble, ...doc.operative]) {
    const slice = text.slice(c.span[0], c.span[1]);
    if (c.label) assert.ok(slice.startsWith(c.label), `${c.id} span should start with its label ${c.label}: ${slice.slice(0, 20)}`);
    if (c.phrase) {
      // The span covers the phrase as printed, emphasis markers included ("*Calls* for").
      const printed = text.slice(c.phrase.span[0], c.phrase.span[1]).replace(/[*_]/g, "").replace(/\s+/g, " ");
      assert.equal(printed, c.phrase.text, `${c.id} phrase span`);
      const inline = c.inlines.find((i) => i.kind === "phrase");
      if (inline) assert.equal(c.text.slice(inline.range[0], inline.range[1]), c.phrase.text, `${c.id} phrase range`);
    }
    checked++;
  }
  assert.ok(checked >= 47 + 24, `should check sponsors and clauses, checked ${checked}`);
  // The last clause comes after many non-ASCII characters: its offset must be in UTF-16 units.
  const op18 = doc.operative[17];
  assert.ok(text.slice(op18.span[0]).startsWith("18."), "op18 should start at its label in the JS string");
});

test("every UTF-16 span equals the CLI's byte span converted in JS", { skip: !nativeBin && "native binary not built" }, () => {
  for (const text of [SEED, unicodeSeed(), "Décide — 😀\r\n1. Requests é’\r\n"]) {
    const wasm = [...spans(parse(text))];
    const native = [...spans(nativeParse(text))];
    assert.equal(wasm.length, native.length, "same number of spans");
    const conv = byteToUtf16(text);
    for (let i = 0; i < wasm.length; i++) {
      const w = wasm[i];
      const n = native[i];
      assert.equal(w.path, n.path);
      if (n.local) {
        const local = byteToUtf16(n.local.text);
        assert.deepEqual(w.span, [local(n.span[0]), local(n.span[1])], `${n.path} (clause-local)`);
      } else {
        assert.deepEqual(w.span, [conv(n.span[0]), conv(n.span[1])], n.path);
      }
    }
  }
});

/** The CLI's document with every byte offset converted to UTF-16 (in JS, with TextEncoder);
 * keys stay in their order. */
function nativeInUtf16(text) {
  const doc = nativeParse(text);
  const conv = byteToUtf16(text);
  const walk = (value, local) => {
    if (Array.isArray(value)) return value.map((v) => walk(v, local));
    if (!value || typeof value !== "object") return value;
    const here = "inlines" in value && "text" in value ? byteToUtf16(value.text) : local;
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === "span") out[k] = [conv(v[0]), conv(v[1])];
      else if (k === "range") out[k] = [local(v[0]), local(v[1])];
      else out[k] = walk(v, here);
    }
    return out;
  };
  return walk(doc, null);
}

test("parse() gives the CLI's document, key for key and in the same order, on every corpus document and every tenth oracle text", { skip: !nativeBin && "native binary not built" }, () => {
  const texts = [["seed", SEED], ["unicode seed", unicodeSeed()], ["empty", ""]];
  for (const [dir, every] of [["../shared/corpus/", 1], ["../shared/oracle/ga/", 10]]) {
    const url = new URL(dir, root);
    if (!existsSync(url)) continue;
    const files = readdirSync(url).filter((f) => f.endsWith(".txt")).sort();
    for (let i = 0; i < files.length; i += every) {
      texts.push([files[i], readFileSync(new URL(files[i], url), "utf8")]);
    }
  }
  for (const [name, text] of texts) {
    const wasm = JSON.stringify(parse(text));
    const native = JSON.stringify(nativeInUtf16(text));
    if (wasm !== native) {
      let i = 0;
      while (wasm[i] === native[i]) i++;
      assert.fail(`${name}: parse() should equal the CLI's JSON; they differ at ${i}:\n` +
        `  wasm:   …${wasm.slice(Math.max(0, i - 80), i + 80)}\n  native: …${native.slice(Math.max(0, i - 80), i + 80)}`);
    }
  }
});

test("parseJson() (a build with the json-export feature) gives the same document as parse()", { skip: parseJson ? false : "shipped build has no parseJson export" }, () => {
  for (const text of ["", SEED, unicodeSeed()]) {
    assert.deepEqual(JSON.parse(parseJson(text)), parse(text));
  }
});

const ORACLE = new URL("../shared/oracle/ga/", root);
test("every clause id is unique in all 651 oracle resolutions (ids are links and annotation anchors)", { skip: !existsSync(ORACLE) && "../shared/oracle is not here" }, () => {
  const dir = ORACLE;
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
  assert.ok(files.length > 600, "should find the oracle texts");
  for (const f of files) {
    const doc = parse(readFileSync(new URL(f, dir), "utf8"));
    const ids = [];
    const walk = (cs) => cs.forEach((c) => (ids.push(c.id), walk(c.items ?? [])));
    walk(doc.preamble);
    walk(doc.operative);
    const seen = new Set();
    for (const id of ids) {
      assert.ok(!seen.has(id), `${f}: id ${id} should appear once`);
      seen.add(id);
    }
  }
});

test("hostile input never throws and keeps spans in bounds", () => {
  let binary = "";
  for (let i = 0; i < 65536; i++) binary += String.fromCharCode((i * 7919) % 65536); // lone surrogates, NULs
  const inputs = {
    empty: "",
    "1 MB line": "x".repeat(1 << 20),
    "100 000 asterisks": "*".repeat(100000),
    "binary-ish": binary,
    "lone surrogate": "1. Decides \uD800 that\n",
    "only CR": "1. Decides\r2. Requests\r",
  };
  for (const [name, text] of Object.entries(inputs)) {
    const doc = parse(text);
    assert.ok(Array.isArray(doc.operative), `${name}: a document`);
    for (const { path, span, local } of spans(doc)) {
      const len = local ? local.text.length : text.length;
      assert.ok(0 <= span[0] && span[0] <= span[1] && span[1] <= len, `${name}: ${path} ${span} within ${len}`);
    }
  }
});

test("parsing again reuses the memory: the .wasm's memory stops growing (src/chunks.rs gives chunks back)", () => {
  const corpus = readdirSync(at("../shared/corpus"))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => readFileSync(at(`../shared/corpus/${f}`), "utf8"));
  const big = corpus.join("\n\n").repeat(5); // ~1 MB: many chunks, and large blocks from talc
  const pass = () => {
    for (const text of corpus) parse(text);
    parse(big);
  };
  pass();
  pass();
  const settled = exports.memory.buffer.byteLength;
  for (let i = 0; i < 10; i++) pass();
  assert.equal(exports.memory.buffer.byteLength, settled, "ten more passes over the same inputs should not grow the memory");
});

test("www/clausemark.js: load(), parse(), and recovery after a panic", async () => {
  const cm = await import(at("www/clausemark.js").href);
  assert.throws(() => cm.parse("x"), /load\(\)/, "parse before load should say to call load()");
  await cm.load(readFileSync(at("www/pkg/clausemark_bg.wasm")));
  await cm.load(); // a second call resolves at once
  assert.equal(cm.version(), version());
  assert.deepEqual(cm.parse(SEED), parse(SEED));
  assert.deepEqual(JSON.parse(cm.parseJson(SEED)), parse(SEED));

  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args.join(" "));
  try {
    assert.throws(() => cm.__panicForTests(), (e) => e.name === "ClausemarkCrash" && e.cause instanceof WebAssembly.RuntimeError);
  } finally {
    console.error = original;
  }
  assert.ok(errors.some((m) => m.includes("deliberate panic")), `the panic hook should report the message: ${errors}`);
  // The very next call works, on a fresh instance.
  assert.deepEqual(cm.parse(SEED), parse(SEED));
  assert.equal(cm.isLoaded(), true);
});
