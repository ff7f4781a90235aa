// The JS half of the tape (src/tape.rs has the grammar): builds the document's repeated
// records from the words and the two strings that the .wasm hands over in a single call.
//
// Every record is an object literal with its keys in the order of the Rust struct's fields
// (the order of the CLI's JSON), so all records of a kind share one hidden class and are built
// without a call per field. Every string is a slice of `ascii` or `other`, each decoded once
// (two, so that ASCII strings keep V8's one-byte storage when the document has a "’").
//
// wasm-bindgen bundles this file with the package (pkg/snippets/) and imports it from the
// generated glue; it is not part of the public API.

const INLINE_KINDS = ["phrase", "footnote-ref", "reference", "date"];
const SEVERITIES = ["error", "warning", "info"];
const NONE = 0xffffffff;
const WIDE = 0x80000000;

// The reading position: `T` and `t` in the words, `A` and `a` in the ASCII string, `O` and `o`
// in the other. Module state rather than closures, so each reader below is a plain function V8
// can inline; decoding never re-enters itself.
const EMPTY = new Uint32Array(0);
let T = EMPTY;
let t = 0;
let A = "";
let a = 0;
let O = "";
let o = 0;

function str() {
  const n = T[t++];
  if (n < WIDE) {
    const end = a + n;
    const v = A.slice(a, end);
    a = end;
    return v;
  }
  const end = o + (n - WIDE);
  const v = O.slice(o, end);
  o = end;
  return v;
}

function optStr() {
  return T[t] === NONE ? (t++, null) : str();
}

function span() {
  const v = [T[t], T[t + 1]];
  t += 2;
  return v;
}

function list(read) {
  const n = T[t++];
  const out = [];
  for (let i = 0; i < n; i++) out.push(read());
  return out;
}

function sponsor() {
  return {
    name: str(),
    iso3: optStr(),
    un_name: optStr(),
    marks: list(str),
    on_behalf_of: optStr(),
    span: span(),
  };
}

function clause() {
  return {
    id: str(),
    label: optStr(),
    phrase: T[t++] ? phrase() : null,
    text: str(),
    span: span(),
    items: list(clause),
    continuation: optStr(),
    section: optStr(),
    addressee: list(str),
    mandate: T[t++] ? mandate() : null,
    inlines: list(inline),
  };
}

function phrase() {
  return { text: str(), span: span(), category: optStr() };
}

function mandate() {
  return { who: optStr(), what: optStr(), to: optStr(), when: optStr() };
}

function inline() {
  const kind = INLINE_KINDS[T[t++]];
  const range = span();
  const i = T[t++];
  return { kind, range, index: i === NONE ? null : i };
}

function footnote() {
  return { mark: str(), text: str(), span: span() };
}

function reference() {
  return {
    kind: str(),
    text: str(),
    target: optStr(),
    url: optStr(),
    clause: optStr(),
    span: span(),
  };
}

function date() {
  return { text: str(), iso: str(), precision: str(), clause: optStr(), span: span() };
}

function diagnostic() {
  return { severity: SEVERITIES[T[t++]], code: str(), message: str(), span: span() };
}

/**
 * The seven lists of the tape, in its order: sponsors, preamble, operative, footnotes,
 * references, dates, diagnostics. `words` is a view of the module's memory, valid only during this call.
 * @param {Uint32Array} words
 * @param {string} ascii
 * @param {string} other
 * @returns {Array<Array<object>>}
 */
export function decodeRecords(words, ascii, other) {
  T = words;
  t = 0;
  A = ascii;
  a = 0;
  O = other;
  o = 0;
  try {
    const lists = [
      list(sponsor),
      list(clause),
      list(clause),
      list(footnote),
      list(reference),
      list(date),
      list(diagnostic),
    ];
    if (t !== T.length || a !== A.length || o !== O.length) {
      throw new Error(
        `clausemark: the tape was not read to its end (${t} of ${T.length} words, ` +
          `${a} of ${A.length} and ${o} of ${O.length} units)`,
      );
    }
    return lists;
  } finally {
    // Drop the references: the view would pin a detached buffer after the memory grows.
    T = EMPTY;
    A = "";
    O = "";
  }
}
