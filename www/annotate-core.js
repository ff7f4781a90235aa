// annotate-core.js: the pure logic behind clause annotations, with no DOM dependency, so that
// `node --test tests/js/annotations.test.mjs` can exercise it directly.
//
// - clause ids and UN-style citations ("E/CN.4/2002/L.108, operative paragraph 17 (b)");
// - storage keys (the document's symbol, or a hash of its text);
// - alignment of a clause's cleaned `text` with the original source (TextPositionSelector);
// - quote search: exact, normalised (whitespace, hyphenation, quotes, emphasis markers), then
//   approximate (bounded edit distance), disambiguated by prefix/suffix context and a position hint;
// - re-anchoring: clause id + quote, then quote alone anywhere; otherwise an orphan (kept);
// - W3C Web Annotation serialisation (AnnotationCollection) and strict, explanatory validation.
//
// Internal annotation shape (a plain object, persisted through its W3C form):
//   { id, created, modified, color, tag, note, whole (the quote is the clause's whole text),
//     clause, exact, prefix, suffix, start, end }   // start/end: UTF-16 offsets into the source
// An anchor (computed, never persisted): { clause, start, end, method } with start/end relative
// to that clause's `text`.

export const COLORS = ["yellow", "green", "blue", "pink", "orange"];
export const CONTEXT = 32;
/** Upper bound of |text| × |quote| for a document-wide approximate search. */
export const FUZZY_BUDGET = 30_000_000;
export const W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld";

// ---------------------------------------------------------------------------------------------
// Clauses and ids

/**
 * Every clause of a Document, depth first, in document order (the order of the viewer's
 * `.cm-clause` elements), with its index in that order, its part and its parent's id.
 */
export function flattenClauses(doc) {
  const out = [];
  const walk = (list, part, parent) => {
    if (!Array.isArray(list)) return;
    for (const c of list) {
      if (!c || typeof c.id !== "string") continue;
      out.push({ index: out.length, id: c.id, text: typeof c.text === "string" ? c.text : "", span: c.span, label: c.label ?? null, part, parent });
      walk(c.items, part, c.id);
    }
  };
  if (doc) {
    walk(doc.preamble, "preamble", null);
    walk(doc.operative, "operative", null);
  }
  return out;
}

/**
 * "op17-b-ii" → { part: "op", section: null, number: "17", items: ["b", "ii"] };
 * "opA-3" → { part: "op", section: "A", number: "3", items: [] }; "op" → number null.
 */
export function parseClauseId(id) {
  const m = /^(pp|op)(.*)$/.exec(String(id ?? ""));
  if (!m) return null;
  const part = m[1];
  let rest = m[2];
  let section = null;
  const sec = /^([A-Z]+)(?:-|$)/.exec(rest);
  if (sec) {
    section = sec[1];
    rest = rest.slice(sec[0].length);
  } else if (rest.startsWith("-")) {
    rest = rest.slice(1);
  }
  const segs = rest === "" ? [] : rest.split("-");
  let number = null;
  if (segs.length && /^\d+$/.test(segs[0])) number = segs.shift();
  return { part, section, number, items: segs.filter((s) => s !== "") };
}

/** "17 (b) (ii)" from "op17-b-ii". */
export function clauseNumberText(id) {
  const p = parseClauseId(id);
  if (!p) return String(id ?? "");
  const bits = [];
  if (p.number) bits.push(p.number);
  for (const it of p.items) bits.push(`(${it})`);
  return bits.join(" ");
}

/**
 * Human words for a clause: "operative paragraph 17 (b)", "preambular paragraph 3"; `short` gives
 * the Security Council's "para. 5" for operative paragraphs.
 */
export function clauseWords(id, { short = false } = {}) {
  const p = parseClauseId(id);
  if (!p) return `clause ${id}`;
  const num = clauseNumberText(id);
  let words;
  if (p.part === "pp") words = "preambular paragraph";
  else if (!p.number) words = "sole operative paragraph"; // "op", "op-a": one unnumbered paragraph
  else words = short ? "para." : "operative paragraph";
  if (num) words += ` ${num}`;
  if (p.section) words = `section ${p.section}, ${words}`;
  return words;
}

function isUnfinishedNumber(n) {
  return typeof n !== "string" || n.trim() === "" || /\.\.\.|…/.test(n);
}

/**
 * A UN-style citation of a clause:
 *   draft or other symbol-bearing document: "E/CN.4/2002/L.108, operative paragraph 17 (b)"
 *   Security Council resolution: "S/RES/2782 (2025), para. 5"
 *   adopted resolution or decision with a number: "General Assembly resolution 75/100, preambular paragraph 3"
 */
export function formatCitation(doc, clauseId) {
  doc = doc || {};
  const kind = doc.kind || "unknown";
  const symbol = typeof doc.symbol === "string" && doc.symbol.trim() ? doc.symbol.trim() : null;
  const organ = typeof doc.organ === "string" && doc.organ.trim() ? doc.organ.trim() : null;
  const number = typeof doc.number === "string" ? doc.number.trim() : null;
  const isSC = (symbol && /^S\/RES\//i.test(symbol)) || (organ && /^Security Council$/i.test(organ) && kind === "resolution");
  if (isSC) {
    const who = symbol || `Security Council resolution ${number}`;
    return `${who}, ${clauseWords(clauseId, { short: true })}`;
  }
  if ((kind === "resolution" || kind === "decision") && organ && !isUnfinishedNumber(number)) {
    return `${organ} ${kind} ${number}, ${clauseWords(clauseId)}`;
  }
  const who = symbol || (doc.title ? String(doc.title).trim() : null) || "Untitled document";
  return `${who}, ${clauseWords(clauseId)}`;
}

/** The page URL with its hash replaced by the clause id. */
export function clauseLink(href, clauseId) {
  const base = String(href ?? "").split("#")[0];
  return `${base}#${encodeURIComponent(clauseId)}`;
}

// ---------------------------------------------------------------------------------------------
// Keys and hashes

/** cyrb53: a fast 53-bit string hash, as 14 hex digits. */
export function hashText(str) {
  let h1 = 0xdeadbeef ^ 0;
  let h2 = 0x41c6ce57 ^ 0;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, "0");
}

/** localStorage key: by symbol when the document has one, else by a hash of its text. */
export function storageKey(doc, text) {
  const symbol = doc && typeof doc.symbol === "string" && doc.symbol.trim();
  if (symbol) return `clausemark:annotations:symbol:${symbol.replace(/\s+/g, " ")}`;
  return `clausemark:annotations:text:${hashText(String(text ?? ""))}`;
}

/** "E/CN.4/2002/L.108/Rev.1/Corr.2" → "E/CN.4/2002/L.108": a symbol without revisions, corrigenda, addenda. */
export function baseSymbol(symbol) {
  let s = String(symbol ?? "").trim().replace(/\s+/g, " ");
  for (;;) {
    const t = s.replace(/\/(Rev|Corr|Add|Amend)\.\s?\d+$/i, "");
    if (t === s) return s;
    s = t;
  }
}

/**
 * Other documents of the same family whose annotations are in storage: for "…/L.108/Rev.1" the
 * original "…/L.108" and other revisions. `keys` is every storage key. Returns [{ key, symbol }].
 */
export function relatedKeys(doc, keys) {
  const symbol = doc && typeof doc.symbol === "string" && doc.symbol.trim();
  if (!symbol) return [];
  const prefix = "clausemark:annotations:symbol:";
  const own = storageKey(doc, "");
  const base = baseSymbol(symbol);
  return keys
    .filter((k) => k.startsWith(prefix) && k !== own && !k.slice(prefix.length).includes(":"))
    .map((k) => ({ key: k, symbol: k.slice(prefix.length) }))
    .filter((r) => baseSymbol(r.symbol) === base)
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

/** The target `source` IRI of a document. */
export function sourceIri(doc, text) {
  const symbol = doc && typeof doc.symbol === "string" && doc.symbol.trim();
  if (symbol) return `https://undocs.org/${symbol.replace(/\s+/g, "")}`;
  return `urn:clausemark:text:${hashText(String(text ?? ""))}`;
}

// ---------------------------------------------------------------------------------------------
// Normalisation and quote search

const HYPHENS = new Set(["-", "\u2010", "\u2011", "\u2012", "\u00AD"]);
const DROP = new Set(["*", "_"]);
const FOLD = new Map([
  ["\u2018", "'"], ["\u2019", "'"], ["\u201A", "'"], ["\u201B", "'"], ["\u2032", "'"],
  ["\u201C", '"'], ["\u201D", '"'], ["\u201E", '"'], ["\u2033", '"'],
  ["\u2013", "-"], ["\u2014", "-"],
]);

function isSpace(ch) {
  return ch === " " || ch === "\n" || ch === "\t" || ch === "\r" || ch === "\f" || ch === "\u00A0" || ch === "\u2009" || ch === "\u202F" || ch === "\u2028";
}

/**
 * A matching form of `s`: whitespace, hyphens, soft hyphens and emphasis markers removed, quotes
 * and dashes folded, lower case. `map[i]` is the index in `s` of normalised char i
 * (`map[norm.length]` = s.length).
 */
const normCache = new Map();

export function normalize(s) {
  const hit = normCache.get(s);
  if (hit) return hit;
  const out = normalizeUncached(s);
  if (s.length > 64) {
    if (normCache.size > 4000) normCache.clear();
    normCache.set(s, out);
  }
  return out;
}

function normalizeUncached(s) {
  // lower-casing the whole string first is much faster than per character; where it changes the
  // length (rare: "İ"), fall back to per-character folding so the map stays one-to-one
  const lower = s.toLowerCase();
  const same = lower.length === s.length;
  const out = [];
  const map = new Int32Array(s.length + 1);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (isSpace(ch) || HYPHENS.has(ch) || DROP.has(ch)) continue;
    let f = FOLD.get(ch);
    if (f === undefined) {
      if (same) f = lower[i];
      else {
        const l = ch.toLowerCase();
        f = l.length === 1 ? l : ch;
      }
    }
    out.push(f);
    map[n++] = i;
  }
  map[n] = s.length;
  return { norm: out.join(""), map: map.subarray(0, n + 1) };
}

function allIndexes(hay, needle) {
  const out = [];
  if (!needle) return out;
  let i = hay.indexOf(needle);
  while (i !== -1 && out.length < 1000) {
    out.push(i);
    i = hay.indexOf(needle, i + 1);
  }
  return out;
}

function commonSuffix(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Context score of a candidate [start, end) in `text` given the expected prefix/suffix. */
function contextScore(text, start, end, prefix, suffix) {
  const p = normalize(text.slice(Math.max(0, start - CONTEXT * 2), start)).norm;
  const s = normalize(text.slice(end, end + CONTEXT * 2)).norm;
  return commonSuffix(p, normalize(prefix || "").norm) + commonPrefix(s, normalize(suffix || "").norm);
}

/**
 * Sellers' approximate substring search: the end positions in `text` where `pat` matches with
 * the fewest edits, if that is at most `maxErr`. O(|text| × |pat|).
 */
export function approxSearch(text, pat, maxErr) {
  const m = pat.length;
  if (m === 0) return null;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  let best = maxErr + 1;
  let ends = [];
  for (let i = 1; i <= text.length; i++) {
    cur[0] = 0;
    const tc = text.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (pat.charCodeAt(j - 1) === tc ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    if (cur[m] < best) {
      best = cur[m];
      ends = [i];
    } else if (cur[m] === best && best <= maxErr) {
      ends.push(i);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  if (best > maxErr) return null;
  return { errors: best, ends };
}

function reverse(s) {
  return Array.from({ length: s.length }, (_, i) => s[s.length - 1 - i]).join("");
}

/** Approximate match of normalised `pat` in normalised `text`: [start, end) or null. */
function approxMatch(text, pat, maxErr) {
  if (text.length * pat.length > 40_000_000) return null;
  const hit = approxSearch(text, pat, maxErr);
  if (!hit) return null;
  const out = [];
  for (const end of hit.ends.slice(0, 20)) {
    const from = Math.max(0, end - pat.length - maxErr);
    const window = reverse(text.slice(from, end));
    const back = approxSearch(window, reverse(pat), maxErr);
    if (!back) continue;
    // the last end in the reversed window is the earliest start
    const startRev = back.ends[back.ends.length - 1];
    out.push({ start: end - startRev, end, errors: hit.errors });
  }
  // dedupe overlapping candidates, keep the first of a run
  return out.filter((c, i) => i === 0 || c.start >= out[i - 1].end);
}

/**
 * Find `quote` in `text`. Returns { start, end, method: "exact" | "normalized" | "fuzzy",
 * score } (offsets into `text`) or null. `hint` (an offset into `text`) breaks ties.
 */
export function findQuote(text, quote, { prefix = "", suffix = "", hint = null, fuzzy = true } = {}) {
  if (typeof text !== "string" || typeof quote !== "string" || quote === "") return null;
  const pick = (cands, method) => {
    let best = null;
    for (const c of cands) {
      let score = contextScore(text, c.start, c.end, prefix, suffix) * 4 - (c.errors ?? 0) * 2;
      if (hint != null) score -= Math.min(0.99, Math.abs(c.start - hint) / 100_000); // a tie-break only
      if (!best || score > best.score) best = { start: c.start, end: c.end, method, score, ...(c.errors != null ? { errors: c.errors } : {}) };
    }
    return best;
  };
  const exact = allIndexes(text, quote).map((i) => ({ start: i, end: i + quote.length }));
  if (exact.length) return pick(exact, "exact");
  const T = normalize(text);
  const Q = normalize(quote).norm;
  if (Q === "") return null;
  const toOrig = (ns, ne) => ({ start: T.map[ns], end: T.map[ne - 1] + 1 });
  const norm = allIndexes(T.norm, Q).map((i) => toOrig(i, i + Q.length));
  if (norm.length) return pick(norm, "normalized");
  if (!fuzzy || Q.length < 8) return null;
  const maxErr = Math.max(1, Math.floor(Q.length * 0.15));
  if (Q.length > 256) {
    // long quotes: both ends approximately, in order, with a plausible length
    const head = Q.slice(0, 64);
    const tail = Q.slice(-64);
    const err = Math.floor(64 * 0.15);
    const heads = approxMatch(T.norm, head, err) || [];
    const tails = approxMatch(T.norm, tail, err) || [];
    const cands = [];
    for (const h of heads) {
      for (const t of tails) {
        const len = t.end - h.start;
        if (t.end > h.start && len >= Q.length * 0.7 && len <= Q.length * 1.3) {
          cands.push({ ...toOrig(h.start, t.end), errors: h.errors + t.errors });
        }
      }
    }
    return cands.length ? pick(cands, "fuzzy") : null;
  }
  const approx = approxMatch(T.norm, Q, maxErr);
  if (!approx || !approx.length) return null;
  return pick(approx.map((c) => snapToWords(text, { ...toOrig(c.start, c.end), errors: c.errors })), "fuzzy");
}

const WORD = /[\p{L}\p{N}]/u;
/** An approximate match that starts or ends inside a word gives up that partial word. */
function snapToWords(text, c) {
  let { start, end } = c;
  if (start > 0 && WORD.test(text[start - 1]) && WORD.test(text[start] ?? "")) {
    while (start < end && WORD.test(text[start])) start++;
    while (start < end && !WORD.test(text[start])) start++;
  }
  if (end < text.length && WORD.test(text[end]) && WORD.test(text[end - 1] ?? "")) {
    while (end > start && WORD.test(text[end - 1])) end--;
    while (end > start && !WORD.test(text[end - 1]) && text[end - 1] !== "," && text[end - 1] !== ";") end--;
  }
  return end > start ? { ...c, start, end } : c;
}

// ---------------------------------------------------------------------------------------------
// Anchoring

/**
 * Place an annotation in a document's clauses (from `flattenClauses`). Candidates are the quote's
 * exact or normalised (whitespace, hyphenation, quotes) occurrences in every clause, ranked by how
 * well their context agrees with the annotation's prefix/suffix, with a bonus for the clause that
 * has the annotation's id: so the same clause wins when it still says the same thing, and a
 * paragraph that moved (renumbered, a new one inserted before it) is found under its new id.
 * Only when the quote is nowhere does an approximate match count: in the same clause first,
 * then anywhere (within a time budget). Returns { clause, start, end, method } (offsets into
 * that clause's text) or null: an orphan, kept by the caller.
 */
export function anchorAnnotation(ann, clauses) {
  if (!ann || typeof ann.exact !== "string" || ann.exact === "") return null;
  const opts = { prefix: ann.prefix || "", suffix: ann.suffix || "" };
  const byId = clauses.find((c) => c.id === ann.clause) ?? null;
  const fullContext = (normalize(opts.prefix).norm.length + normalize(opts.suffix).norm.length) * 4;
  const SAME_ID = 40;
  // the old TextPositionSelector, made relative to each clause, breaks ties between equal contexts
  const withHint = (c, fuzzy) => ({ ...opts, fuzzy, hint: Number.isInteger(ann.start) && Array.isArray(c.span) ? Math.max(0, ann.start - c.span[0]) : null });
  const rankOf = (c, hit) => hit.score + (c === byId ? SAME_ID : 0) + (hit.method === "exact" ? 8 : 0) - (hit.errors ?? 0) * 8;
  // `index` tells clauses apart when a document repeats an id (parts A and B both with an op1)
  const result = (c, hit, how) => ({ clause: c.id, index: c.index ?? clauses.indexOf(c), start: hit.start, end: hit.end, method: `${how}+${hit.method}` });
  if (byId) {
    const hit = findQuote(byId.text, ann.exact, withHint(byId, false));
    // the same words in the same clause with all their context: nothing can do better
    if (hit && hit.score > fullContext - 1) return result(byId, hit, "clause");
  }
  let best = null;
  for (const c of clauses) {
    const hit = findQuote(c.text, ann.exact, withHint(c, false));
    if (!hit) continue;
    const rank = rankOf(c, hit);
    if (!best || rank > best.rank) best = { rank, c, hit };
  }
  if (best) return result(best.c, best.hit, best.c === byId ? "clause" : "quote");
  if (byId) {
    const hit = findQuote(byId.text, ann.exact, withHint(byId, true));
    if (hit) return result(byId, hit, "clause");
  }
  // approximate search everywhere costs |document| × |quote|: keep it to what runs in well under
  // a second; beyond that, a quote that is not in the text even loosely is an orphan
  const total = clauses.reduce((n, c) => n + c.text.length, 0);
  if (total * Math.min(ann.exact.length, 256) > FUZZY_BUDGET) return null;
  for (const c of clauses) {
    if (c === byId) continue;
    const hit = findQuote(c.text, ann.exact, withHint(c, true));
    if (!hit) continue;
    const rank = rankOf(c, hit);
    if (!best || rank > best.rank) best = { rank, c, hit };
  }
  return best ? result(best.c, best.hit, "quote") : null;
}

/** Quote, prefix and suffix for [start, end) of a clause's text. */
export function quoteOf(text, start, end) {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
  };
}

// ---------------------------------------------------------------------------------------------
// Clause text ↔ source offsets

function sameChar(a, b) {
  if (a === b) return true;
  if (isSpace(a) && isSpace(b)) return true;
  const fa = FOLD.get(a) ?? (HYPHENS.has(a) ? "-" : a);
  const fb = FOLD.get(b) ?? (HYPHENS.has(b) ? "-" : b);
  return fa === fb;
}

/**
 * Map every offset of a clause's cleaned `text` to an offset in `source`, where the clause spans
 * [spanStart, spanEnd). The cleaned text drops labels, emphasis markers, line breaks, page
 * furniture and footnote blocks, so this walks both strings and resynchronises on the next word
 * when they differ. Returns an Int32Array of length text.length + 1.
 */
export function alignToSource(text, source, spanStart = 0, spanEnd = source.length) {
  const n = text.length;
  const map = new Int32Array(n + 1);
  let p = Math.max(0, Math.min(spanStart, source.length));
  const limit = Math.min(source.length, Math.max(spanEnd, p));
  let i = 0;
  while (i < n) {
    const c = text[i];
    const s = p < limit ? source[p] : undefined;
    if (s !== undefined && sameChar(c, s)) {
      map[i++] = p++;
      continue;
    }
    if (isSpace(c)) {
      map[i++] = p; // a space in the cleaned text with no counterpart (joined lines)
      continue;
    }
    if (s !== undefined && (isSpace(s) || DROP.has(s) || HYPHENS.has(s))) {
      p++;
      continue;
    }
    // resynchronise on the next word of the cleaned text
    let w = i;
    while (w < n && !isSpace(text[w]) && w - i < 24) w++;
    const word = text.slice(i, w);
    let idx = word ? source.indexOf(word, p) : -1;
    if (word && (idx === -1 || idx >= limit)) {
      // The parser may have restored reading order (a paragraph's last line printed first):
      // look for the word anywhere in the clause's span, not only ahead.
      idx = source.indexOf(word, Math.max(0, Math.min(spanStart, source.length)));
    }
    if (idx !== -1 && idx < limit) {
      p = idx;
      continue;
    }
    if (s !== undefined) {
      // single unexpected char in the source: skip it
      p++;
      continue;
    }
    // ran out of source: map the rest to the end
    while (i < n) map[i++] = Math.min(p, source.length);
  }
  map[n] = n > 0 ? Math.min(map[n - 1] + 1, source.length) : p;
  return map;
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

/** W3C Annotation for an internal annotation. */
export function toW3C(ann, source) {
  const body = [];
  if (ann.note) body.push({ type: "TextualBody", value: ann.note, format: "text/plain", purpose: "commenting" });
  if (ann.tag) body.push({ type: "TextualBody", value: ann.tag, purpose: "tagging" });
  const selector = [
    { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: ann.clause },
    { type: "TextQuoteSelector", exact: ann.exact, prefix: ann.prefix ?? "", suffix: ann.suffix ?? "" },
  ];
  if (Number.isInteger(ann.start) && Number.isInteger(ann.end)) {
    selector.push({ type: "TextPositionSelector", start: ann.start, end: ann.end });
  }
  const out = {
    "@context": W3C_CONTEXT,
    id: ann.id,
    type: "Annotation",
    motivation: ann.note ? "commenting" : ann.tag ? "tagging" : "highlighting",
    created: ann.created,
    modified: ann.modified,
  };
  if (body.length) out.body = body;
  out.target = { source: ann.source || source, styleClass: `cm-hl-${ann.color}`, selector };
  return out;
}

/** An AnnotationCollection holding every annotation on one embedded page. */
export function toCollection(anns, { source, label } = {}) {
  const items = anns.map((a) => toW3C(a, source));
  return {
    "@context": W3C_CONTEXT,
    type: "AnnotationCollection",
    label: label || "clausemark annotations",
    total: items.length,
    generator: { type: "Software", name: "clausemark" },
    first: { type: "AnnotationPage", startIndex: 0, items },
  };
}

function typeIs(obj, name) {
  const t = obj?.type;
  return t === name || (Array.isArray(t) && t.includes(name));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * One W3C Annotation → internal annotation, or { error } saying what is wrong.
 */
export function fromW3C(a, where = "annotation") {
  if (!a || typeof a !== "object" || Array.isArray(a)) return { error: `${where} is not an object` };
  if (!typeIs(a, "Annotation")) return { error: `${where} has no "type": "Annotation"` };
  if (typeof a.id !== "string" || a.id.trim() === "") return { error: `${where} has no "id"` };
  const target = Array.isArray(a.target) ? a.target[0] : a.target;
  if (!target || typeof target !== "object") return { error: `${where} (${a.id}) has no "target" object` };
  let selectors = target.selector;
  if (!Array.isArray(selectors)) selectors = selectors ? [selectors] : [];
  // a Choice or refinedBy chain: flatten one level
  selectors = selectors.flatMap((s) => (s && typeIs(s, "Choice") && Array.isArray(s.items) ? s.items : [s]));
  const frag = selectors.find((s) => typeIs(s, "FragmentSelector"));
  const quote = selectors.find((s) => typeIs(s, "TextQuoteSelector"));
  const pos = selectors.find((s) => typeIs(s, "TextPositionSelector"));
  if (!quote) return { error: `${where} (${a.id}) has no TextQuoteSelector in its target` };
  if (typeof quote.exact !== "string" || quote.exact === "") return { error: `${where} (${a.id}): TextQuoteSelector "exact" must be a non-empty string` };
  for (const k of ["prefix", "suffix"]) {
    if (quote[k] != null && typeof quote[k] !== "string") return { error: `${where} (${a.id}): TextQuoteSelector "${k}" must be a string` };
  }
  if (frag && (typeof frag.value !== "string" || frag.value === "")) return { error: `${where} (${a.id}): FragmentSelector "value" must be a clause id` };
  if (pos && !(Number.isInteger(pos.start) && Number.isInteger(pos.end) && pos.start >= 0 && pos.end >= pos.start)) {
    return { error: `${where} (${a.id}): TextPositionSelector needs integers 0 ≤ start ≤ end` };
  }
  let bodies = a.body == null ? [] : Array.isArray(a.body) ? a.body : [a.body];
  let note = "";
  let tag = "";
  for (const b of bodies) {
    if (typeof b === "string") continue; // IRIs of external bodies: not ours, ignored
    if (!b || typeof b !== "object") return { error: `${where} (${a.id}) has a body that is not an object` };
    if (b.value != null && typeof b.value !== "string") return { error: `${where} (${a.id}): a body "value" must be a string` };
    if (b.purpose === "tagging") tag = tag || b.value || "";
    else if (typeof b.value === "string") note = note ? `${note}\n${b.value}` : b.value;
  }
  for (const k of ["created", "modified"]) {
    if (a[k] != null && (typeof a[k] !== "string" || !ISO.test(a[k]))) return { error: `${where} (${a.id}): "${k}" must be an ISO 8601 date-time` };
  }
  const style = typeof target.styleClass === "string" ? target.styleClass : "";
  const color = COLORS.find((c) => style === `cm-hl-${c}`) || COLORS[0];
  return {
    annotation: {
      id: a.id,
      created: a.created ?? null,
      modified: a.modified ?? a.created ?? null,
      color,
      tag,
      note,
      whole: false, // known once anchored: the quote is the clause's whole text
      clause: frag ? frag.value.replace(/^#/, "") : null,
      exact: quote.exact,
      prefix: quote.prefix ?? "",
      suffix: quote.suffix ?? "",
      start: pos ? pos.start : null,
      end: pos ? pos.end : null,
      source: typeof target.source === "string" ? target.source : null,
    },
  };
}

/**
 * Parse and validate an import (a JSON string or an already parsed value). Accepts an
 * AnnotationCollection (items on `first`), an AnnotationPage, an array of Annotations or a single
 * Annotation. Returns { ok: true, annotations } or { ok: false, error, details: [...] }; never
 * partial: one bad annotation rejects the file.
 */
export function parseImport(input) {
  let data = input;
  if (typeof input === "string") {
    if (input.trim() === "") return { ok: false, error: "The file is empty.", details: [] };
    try {
      data = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: `The file is not valid JSON (${e.message}).`, details: [] };
    }
  }
  let items;
  if (Array.isArray(data)) items = data;
  else if (data && typeof data === "object") {
    if (typeIs(data, "AnnotationCollection")) {
      const first = data.first;
      if (first && typeof first === "object" && Array.isArray(first.items)) items = first.items;
      else if (Array.isArray(data.items)) items = data.items;
      else if (data.total === 0) items = [];
      else return { ok: false, error: "The AnnotationCollection has no embedded page of items (\"first\": { \"items\": [...] }).", details: [] };
    } else if (typeIs(data, "AnnotationPage")) {
      if (!Array.isArray(data.items)) return { ok: false, error: "The AnnotationPage has no \"items\" array.", details: [] };
      items = data.items;
    } else if (typeIs(data, "Annotation")) items = [data];
    else {
      const keys = Object.keys(data).slice(0, 5).map((k) => JSON.stringify(k)).join(", ");
      return {
        ok: false,
        error: `This is not a W3C Web Annotation file: expected "type": "AnnotationCollection" (found ${data.type === undefined ? `no "type"; keys ${keys || "none"}` : `"type": ${JSON.stringify(data.type)}`}).`,
        details: [],
      };
    }
  } else {
    return { ok: false, error: `This is not a W3C Web Annotation file: expected an object, found ${data === null ? "null" : typeof data}.`, details: [] };
  }
  const out = [];
  const details = [];
  const seen = new Set();
  items.forEach((a, i) => {
    const r = fromW3C(a, `annotation ${i + 1}`);
    if (r.error) details.push(r.error);
    else if (seen.has(r.annotation.id)) details.push(`annotation ${i + 1} repeats the id ${r.annotation.id}`);
    else {
      seen.add(r.annotation.id);
      out.push(r.annotation);
    }
  });
  if (details.length) {
    return { ok: false, error: `${details.length} of ${items.length} annotation${items.length === 1 ? "" : "s"} in the file ${details.length === 1 ? "is" : "are"} invalid; nothing was imported.`, details };
  }
  return { ok: true, annotations: out };
}

/** A fresh id: urn:uuid. */
export function newId() {
  const c = globalThis.crypto;
  if (c?.randomUUID) return `urn:uuid:${c.randomUUID()}`;
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
