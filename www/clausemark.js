// clausemark.js: the JS entry point to the WebAssembly parser (no DOM; works in a page, a
// module Web Worker and Node).
//
//   import { load, parse, parseJson, version } from "./clausemark.js";
//   await load();                      // fetches ./pkg/clausemark_bg.wasm next to this file
//   const doc = parse(text);           // plain object; spans are UTF-16 offsets into `text`
//   text.slice(doc.operative[0].span[0], doc.operative[0].span[1]);
//
// Recovery: a Rust panic traps the instance (the release build aborts on panic; the panic hook
// has already printed the message with console.error). parse()/parseJson() catch the
// WebAssembly.RuntimeError, throw a ClausemarkCrash for that input, and make the NEXT call run
// on a fresh instance. wasm-bindgen's glue keeps one instance per module record, so a fresh
// instance needs a fresh copy of the glue: a spare copy is imported ahead of time under a new
// query string, and initSync()ed on the already-compiled WebAssembly.Module when needed (no
// second download or compile, no await).

const GLUE = new URL("./pkg/clausemark.js", import.meta.url);
const WASM = new URL("./pkg/clausemark_bg.wasm", import.meta.url);

let compiled = null; // WebAssembly.Module, compiled once
let api = null; // the live glue module (exports parse, parseJson, version, ...)
let generation = 0; // how many instances have been created
let loading = null; // the pending load() promise

/** Thrown when the parser trapped on an input; the module has already been restarted. */
export class ClausemarkCrash extends Error {
  constructor(cause) {
    super(
      "clausemark: the parser crashed on this input (see the console for the panic message); " +
        "it has been restarted and will parse the next input normally",
      { cause },
    );
    this.name = "ClausemarkCrash";
  }
}

async function compile(source) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return WebAssembly.compile(source);
  }
  const url = source ?? WASM;
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`clausemark: cannot fetch ${url}: ${response.status} ${response.statusText}`);
  }
  if (typeof WebAssembly.compileStreaming === "function") {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch (e) {
      // Served without the application/wasm MIME type: fall back to bytes.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

function importGlue() {
  generation += 1;
  const glueUrl = new URL(GLUE);
  if (generation > 1) glueUrl.searchParams.set("instance", String(generation));
  return import(glueUrl.href);
}

// A fresh, not yet initialised copy of the glue, imported ahead of time so that recovery
// after a crash is synchronous (initSync on the compiled module: no await, no fetch).
let spare = null;
function prepareSpare() {
  return importGlue().then(
    (glue) => {
      spare = glue;
    },
    () => {
      spare = null;
    },
  );
}

// A live instance of `module` (the compiled module, or a promise of it). The glue's import,
// the spare's and the module's download run side by side: one after the other they were three
// round trips before the first parse.
async function instantiate(module = compiled) {
  const live = importGlue();
  const spareReady = prepareSpare();
  const glue = await live;
  compiled = await module;
  await glue.default({ module_or_path: compiled });
  api = glue;
  await spareReady;
  return api;
}

/**
 * Load the WebAssembly module. Call once before parse(); later calls return at once.
 * @param {URL|string|ArrayBuffer|ArrayBufferView|WebAssembly.Module} [source]
 *   where the .wasm is (default: ./pkg/clausemark_bg.wasm next to this file), its bytes
 *   (Node: `fs.readFileSync(...)`) or a compiled module.
 */
export function load(source) {
  if (api) return Promise.resolve();
  if (!loading) {
    const module = compile(source);
    module.catch(() => {}); // handled below, once the glue is in
    loading = instantiate(module);
    loading.catch(() => {
      loading = null;
    });
  }
  return loading.then(() => undefined);
}

/** True once load() has finished and a live instance is ready. */
export function isLoaded() {
  return api !== null;
}

function live() {
  if (api) return api;
  if (restarting) {
    throw new Error("clausemark: restarting after a crash; `await ready()` and try again");
  }
  throw new Error("clausemark: call `await load()` before parse()");
}

let restarting = null;

function restart() {
  api = null;
  if (spare) {
    const glue = spare;
    spare = null;
    glue.initSync({ module: compiled });
    api = glue;
    prepareSpare();
  } else if (!restarting) {
    restarting = instantiate().finally(() => {
      restarting = null;
    });
  }
}

function call(name, text) {
  const glue = live();
  try {
    return glue[name](String(text ?? ""));
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      // The instance is poisoned (its stack pointer and heap are in an unknown state).
      restart();
      throw new ClausemarkCrash(e);
    }
    throw e;
  }
}

/**
 * Resolves when the module is usable (after load(), or after a crash whose restart could not
 * be done synchronously).
 */
export async function ready() {
  if (restarting) await restarting;
  else if (loading) await loading;
}

/**
 * Parse the text of a UN resolution.
 * @param {string} text
 * @returns {import("./clausemark").Document} spans in UTF-16 code units of `text`
 */
export function parse(text) {
  return call("parse", text);
}

/**
 * Same as parse(), as a JSON string.
 * @param {string} text
 * @returns {string}
 */
export function parseJson(text) {
  // The shipped module has no JSON writer of its own (see Cargo.toml, feature json-export).
  return JSON.stringify(parse(text));
}

/** The crate version, for example "0.1.0". */
export function version() {
  return live().version();
}

/** @internal How many copies of the glue have been imported (the live one and spares). */
export function instanceCount() {
  return generation;
}

/** @internal Panic inside the module on purpose (tests of the recovery path). */
export function __panicForTests() {
  return call("__panicForTests", "");
}
