// What scripts/bench-wasm.mjs (in Node) and scripts/bench-chromium.mjs (in a page of headless
// Chromium) measure, in one place: the inputs built from the corpus, the operations and the
// timing. Plain ES module, no Node API: the Chromium bench imports it into the page.

/** The family of a corpus file, from its symbol (file name), as in benches/parse.rs. */
export function family(file) {
  if (file.startsWith("S_")) return "SC";
  if (file.startsWith("A_HRC_")) return "HRC";
  if (file.startsWith("A_")) return "GA";
  if (file.startsWith("E_CN.4_")) return "CHR";
  if (file.startsWith("E_")) return "ECOSOC";
  return "other";
}

const utf8 = new TextEncoder();
const size = (text) => utf8.encode(text).length;

/**
 * The corpus concatenated (a blank line between documents, over and over) until it holds
 * `bytes` UTF-8 bytes, as ONE flat string (not a rope), in a list of one.
 * @param {Array<[string, string]>} files [file name, text], sorted
 */
export function scaled(files, bytes) {
  const parts = [];
  let n = 0;
  for (;;) {
    for (const [, text] of files) {
      parts.push(text, "\n\n");
      n += size(text) + 2;
      if (n >= bytes) return [parts.join("")];
    }
  }
}

/**
 * The named inputs of benches/parse.rs: the corpus document by document, each family, and the
 * corpus scaled to 1 MB and 10 MB.
 * @param {Array<[string, string]>} files [file name, text], sorted
 * @param {string[]} wanted names to keep (all when empty)
 * @returns {Array<{name: string, docs: string[], bytes: number}>}
 */
export function inputs(files, wanted) {
  return ["corpus", "SC", "GA", "ECOSOC", "HRC", "CHR", "1MB", "10MB"]
    .filter((name) => wanted.length === 0 || wanted.includes(name))
    .map((name) => {
      const docs =
        name === "corpus"
          ? files.map(([, t]) => t)
          : name === "1MB"
            ? scaled(files, 1_000_000)
            : name === "10MB"
              ? scaled(files, 10_000_000)
              : files.filter(([f]) => family(f) === name).map(([, t]) => t);
      return { name, docs, bytes: docs.reduce((a, d) => a + size(d), 0) };
    });
}

/**
 * The operations, each over one text, on a loaded wasm-bindgen module `glue`:
 *   floor         counting "\n" in the JS string (indexOf loop): the physical floor in JS
 *   parse only    parseCount(text): the parser (and UTF-16 spans) without any conversion to JS
 *   parse         parse(text): the Document as a JS object (what a page calls)
 *   parseJson     parseJson(text): the Document as a JSON string
 *   json+parse    JSON.parse(parseJson(text)): the Document as a JS object, the other way
 * The last three but `parse` exist only in a json-export build (Cargo feature, off in the
 * shipped module) and are left out otherwise. Each result goes into `sink()`, so that no
 * engine can drop the work.
 */
export function operations(glue) {
  let sink = 0;
  const ops = {
    floor(text) {
      let n = 0;
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
      sink += n;
    },
    "parse only"(text) {
      sink += glue.parseCount(text);
    },
    parse(text) {
      sink += glue.parse(text).operative.length;
    },
    parseJson(text) {
      sink += glue.parseJson(text).length;
    },
    "json+parse"(text) {
      sink += JSON.parse(glue.parseJson(text)).operative.length;
    },
  };
  if (typeof glue.parseJson !== "function") {
    delete ops["parse only"];
    delete ops.parseJson;
    delete ops["json+parse"];
  }
  return { ops, sink: () => sink };
}

/**
 * Seconds per pass of `op` over `docs`: the median of timed samples after one untimed pass. A
 * sample is as many passes as make it last 2 ms or more: a browser's performance.now() ticks by
 * 0.1 ms (without cross-origin isolation), longer than the floor's pass over a family.
 */
export function medianSecs(op, docs, budgetMs) {
  const pass = () => {
    for (const d of docs) op(d);
  };
  pass();
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) pass();
    if (performance.now() - t >= 2 || reps >= 1 << 20) break;
    reps *= 2;
  }
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || (performance.now() - start < budgetMs && samples.length < 10000)) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) pass();
    samples.push((performance.now() - t) / 1000 / reps);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}
