// <clausemark-viewer>: renders a UN resolution parsed in the browser by the clausemark WASM module.
//
//   <script type="module" src="clausemark-viewer.js"></script>
//   <clausemark-viewer src="E_CN.4_2002_L.108.txt"></clausemark-viewer>   <!-- or set .text -->
//
// Without src or text, the element's own text content is parsed (progressive enhancement).
// Attributes (mirrored as properties): src, theme ("light" | "dark"; default: the user's
// prefers-color-scheme), no-annotate (boolean: no annotation layer), no-hash (boolean: clicking a
// clause does not touch location.hash).
// Properties: text (the source text; setting it parses and renders), document (the parsed
// Document, read-only), annotations (forwarded to the annotation layer), parseTime (ms).
// Methods: select(id, {scroll}), clauseElement(id), find(query), reload().
// Events (bubbling, composed): clausemark-ready {document} after every render,
// clausemark-select {id}, clausemark-error {message}.
//
// Safety: document text is untrusted. Every node is built with createElement/textContent/
// setAttribute; nothing here ever assigns innerHTML. Styles are a constructed stylesheet, so the
// element runs under a CSP without 'unsafe-inline'.

import { css } from './viewer-style.js';
import { Annotator } from './annotations.js';

/** Texts longer than this (UTF-16 code units) are parsed in a Web Worker. */
export const WORKER_THRESHOLD = 150_000;

/** Top-level clauses rendered per task; longer documents render in several tasks. */
const RENDER_SLICE = 250;

/** Outline entries per part (the rest is reachable by scrolling, find and deep links). */
const OUTLINE_MAX = 600;

const TAG = 'clausemark-viewer';

// ---------------------------------------------------------------------------------------------
// Engine: the WASM module, loaded once per page, on the main thread or in a worker.

let enginePromise = null;
function engine() {
  enginePromise ??= import('./clausemark.js')
    .then(async (m) => {
      await m.load();
      return m;
    })
    .catch((e) => {
      enginePromise = null; // let a later call try again
      throw e;
    });
  return enginePromise;
}

let worker = null;
let workerSeq = 0;
const workerWaiting = new Map();
function workerParse(text) {
  if (!worker) {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'clausemark' });
    worker.addEventListener('message', (e) => {
      const { id, doc, error } = e.data ?? {};
      const w = workerWaiting.get(id);
      if (!w) return;
      workerWaiting.delete(id);
      if (error) w.reject(Object.assign(new Error(error), { fromParser: true }));
      else w.resolve(doc);
    });
    worker.addEventListener('error', (e) => {
      // A worker that fails to start (old browser, CSP) rejects everything pending; the caller
      // falls back to the main thread.
      e.preventDefault?.();
      for (const w of workerWaiting.values()) w.reject(new Error(e.message || 'worker failed'));
      workerWaiting.clear();
      worker?.terminate();
      worker = null;
    });
  }
  const id = ++workerSeq;
  return new Promise((resolve, reject) => {
    workerWaiting.set(id, { resolve, reject });
    worker.postMessage({ id, text });
  });
}

/** Parse `text` with the WASM module; long texts go to a Web Worker so the page never freezes. */
export async function parseText(text, { threshold = WORKER_THRESHOLD } = {}) {
  if (text.length > threshold && typeof Worker === 'function') {
    try {
      return { doc: await workerParse(text), where: 'worker' };
    } catch (e) {
      if (e.fromParser) throw e; // the parser itself failed: the main thread would fail the same way
      console.warn('clausemark: the worker is not available, parsing on the main thread:', e.message);
    }
  }
  const m = await engine();
  return { doc: m.parse(text), where: 'main thread' };
}

/** The engine's version string, or null while it is not loaded. */
export async function engineVersion() {
  try {
    return (await engine()).version();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes to text, with a clear message for what is not UTF-8 text.

export class TextFileError extends Error {}

/** Decode a file's bytes as UTF-8 text; throws TextFileError with a message for people. */
export function decodeText(buffer) {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const starts = (...sig) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46)) {
    throw new TextFileError(
      'This is a PDF file. clausemark reads plain text: extract the text first (for example with pdftotext) and open the .txt file.',
    );
  }
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new TextFileError(
      'This looks like a Word or other office document, not plain text. Save it as "Plain text (.txt)" in UTF-8 and open that.',
    );
  }
  let text;
  try {
    if (starts(0xff, 0xfe)) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    else if (starts(0xfe, 0xff)) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    else text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TextFileError(
      'This file is not UTF-8 text. It may be binary, or text in a legacy encoding such as Windows-1252: save it as UTF-8 plain text and try again.',
    );
  }
  const n = Math.min(text.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) {
      throw new TextFileError('This file is binary (it contains NUL bytes), not plain text.');
    }
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  if (control > 8 + n / 100) {
    throw new TextFileError('This file looks binary (many control characters), not plain text.');
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only ever goes through text nodes and setAttribute).

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const arr = (v) => (Array.isArray(v) ? v : []);
const isObj = (v) => v !== null && typeof v === 'object';
const spanOf = (s) =>
  Array.isArray(s) && Number.isFinite(s[0]) && Number.isFinite(s[1]) ? [s[0], s[1]] : null;

const KIND_NAMES = {
  resolution: 'Resolution',
  'draft-resolution': 'Draft resolution',
  decision: 'Decision',
  'draft-decision': 'Draft decision',
  amendment: 'Amendment',
  report: 'Report',
};

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(iso));
  if (!m) return str(iso);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (Number.isNaN(d.getTime())) return str(iso);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/**
 * "op17-b" -> "Operative paragraph 17 (b)"; "pp2" -> "Preambular paragraph 2"; "op-p2-a" ->
 * "Operative paragraph, unnumbered paragraph 2 (a)" (in a text the paragraph adopts).
 */
export function citation(id) {
  const s = str(id);
  const m = /^(pp|op)([A-Z]+-)?(\d+)?((?:-[a-z0-9]+)*)$/i.exec(s);
  if (!m) return s;
  const part = m[1].toLowerCase() === 'pp' ? 'Preambular paragraph' : 'Operative paragraph';
  const items = m[4]
    .split('-')
    .filter(Boolean)
    .map((x) => (/^p\d+$/.test(x) ? `, unnumbered paragraph ${x.slice(1)}` : ` (${x})`))
    .join('');
  const section = m[2] ? ` of section ${m[2].slice(0, -1)}` : '';
  return `${part}${m[3] ? ' ' + m[3] : ''}${items}${section}`;
}

// Phrase categories (src/annotate/phrases.rs) get stable colours and legend names; a category the
// viewer does not know yet still gets a colour (hashed) and a readable name.
const CATEGORIES = {
  decision: [0, 'Decides'],
  request: [1, 'Requests'],
  call: [2, 'Calls upon'],
  encouragement: [3, 'Encourages'],
  invitation: [4, 'Invites'],
  welcome: [5, 'Welcomes'],
  appreciation: [6, 'Appreciation'],
  condemnation: [7, 'Condemns'],
  affirmation: [8, 'Affirms'],
  note: [9, 'Notes'],
  concern: [7, 'Concern'],
  authorization: [0, 'Authorizes'],
  recommendation: [4, 'Recommends'],
  amendment: [5, 'Amends'],
  recalling: [9, 'Recalling'],
  reaffirming: [8, 'Reaffirming'],
  noting: [9, 'Noting'],
  recognizing: [8, 'Recognizing'],
  mindful: [2, 'Mindful'],
  determination: [0, 'Determined'],
  acting: [3, 'Acting'],
  considering: [4, 'Considering'],
  other: [-1, 'Other'],
};
function categoryColour(cat) {
  const known = CATEGORIES[cat];
  if (known) return known[0] < 0 ? 'var(--cm-muted)' : `var(--cm-cat-${known[0]})`;
  let hash = 0;
  for (const ch of cat) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `var(--cm-cat-${hash % 10})`;
}
function categoryName(cat) {
  if (Object.hasOwn(CATEGORIES, cat)) return CATEGORIES[cat][1];
  const s = str(cat).replace(/[-_]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What a sponsor's footnote mark means, from the footnote text. */
export function markMeaning(footnoteText, organ) {
  const t = str(footnoteText).replace(/\s+/g, ' ').trim();
  if (!t) return null;
  let m = /\bon behalf of (.+?)(?:,\s*taking into account\b.*|[.;]\s*$|$)/i.exec(t);
  if (m) {
    const who = m[1].replace(/[.;,]\s*$/, '');
    return { type: 'behalf', one: `on behalf of ${who}`, many: `on behalf of ${who}` };
  }
  m = /\bnot (?:a )?members? of (?:the )?(.+?)[.;]?$/i.exec(t);
  if (m) {
    const body = `the ${m[1]}`;
    return { type: 'non-member', one: `not a member of ${body}`, many: `not members of ${body}` };
  }
  m = /\brule\s+(\d+)(?:,?\s*paragraph\s+(\d+))?/i.exec(t);
  if (m) {
    let body = str(organ);
    if (!body) {
      const b = /rules of procedure of (?:the )?(.+?)[.;]?$/i.exec(t);
      body = b ? b[1].replace(/^functional commissions of the .*/i, 'the commission') : 'the body';
    }
    body = /^the /i.test(body) ? body : `the ${body}`;
    const rule = `rule ${m[1]}${m[2] ? `, paragraph ${m[2]}` : ''}`;
    return {
      type: 'non-member',
      one: `not a member of ${body}; sponsoring under ${rule}`,
      many: `not members of ${body}, sponsoring under ${rule}`,
    };
  }
  const short = t.length > 110 ? t.slice(0, 107).replace(/\s+\S*$/, '') + '…' : t.replace(/\.$/, '');
  return { type: 'other', one: short, many: short };
}

// ---------------------------------------------------------------------------------------------

let styleSheet = null;
let instanceCount = 0;

export class ClausemarkViewer extends HTMLElement {
  static observedAttributes = ['src', 'theme', 'no-annotate', 'no-hash'];

  #root;
  #uid;
  #doc = null;
  #text = '';
  #token = 0;
  #loadedSrc = null;
  #annotator = null;
  #pendingAnnotations = undefined;
  #listeners = null;
  #io = null;
  #clauses = new Map(); // id -> element
  #topLevel = []; // top-level clause elements in document order
  #outlineLinks = new Map(); // id -> outline <a>
  #visible = new Set();
  #hover = null;
  #selected = null;
  #tip = null;
  #tipAnchor = null;
  #tipTimer = 0;
  #findSheet = null;
  #find = { query: '', ranges: [], index: -1 };
  #findTimer = 0;
  #filter = new Set();
  #showDiagnostics = false;
  #parseTime = null;
  #parsedWhere = null;

  constructor() {
    super();
    this.#uid = ++instanceCount;
    this.#root = this.attachShadow({ mode: 'open' });
    if (!styleSheet) {
      styleSheet = new CSSStyleSheet();
      styleSheet.replaceSync(css);
    }
    this.#findSheet = new CSSStyleSheet();
    this.#findSheet.replaceSync(
      `::highlight(${this.#hl('all')}) { background-color: var(--cm-find); color: inherit; }
       ::highlight(${this.#hl('current')}) { background-color: var(--cm-find-current); color: #000; }`,
    );
    this.#root.adoptedStyleSheets = [styleSheet, this.#findSheet];
    this.#root.append(h('div', { class: 'cm-status', role: 'status' }, 'No document yet.'));
  }

  // ---- attributes mirrored as properties ----
  get src() {
    return this.getAttribute('src') ?? '';
  }
  set src(v) {
    this.setAttribute('src', str(v));
  }
  get theme() {
    return this.getAttribute('theme') ?? '';
  }
  set theme(v) {
    if (v) this.setAttribute('theme', str(v));
    else this.removeAttribute('theme');
  }
  get noAnnotate() {
    return this.hasAttribute('no-annotate');
  }
  set noAnnotate(v) {
    this.toggleAttribute('no-annotate', Boolean(v));
  }
  get noHash() {
    return this.hasAttribute('no-hash');
  }
  set noHash(v) {
    this.toggleAttribute('no-hash', Boolean(v));
  }

  // ---- content ----
  get text() {
    return this.#text;
  }
  set text(v) {
    this.#text = str(v);
    this.#loadedSrc = null;
    this.#parseAndRender();
  }
  /** The parsed Document (spans in UTF-16 code units), or null before the first render. */
  get document() {
    return this.#doc;
  }
  /** Milliseconds the last parse took (WASM, including the JS conversion). */
  get parseTime() {
    return this.#parseTime;
  }
  /** Milliseconds the last render took (building the DOM, before layout). */
  get renderTime() {
    return this.#renderTime;
  }
  #renderTime = null;
  /** Where the last parse ran: "worker" or "main thread". */
  get parsedIn() {
    return this.#parsedWhere;
  }
  get annotations() {
    if (this.#annotator) return this.#annotator.annotations;
    return this.#pendingAnnotations ?? [];
  }
  set annotations(v) {
    if (this.#annotator) this.#annotator.annotations = v;
    else this.#pendingAnnotations = v;
  }

  clauseElement(id) {
    return this.#clauses.get(str(id)) ?? null;
  }

  /** Re-fetch `src` (or re-parse `text`). */
  reload() {
    if (this.src) this.#loadSrc(this.src);
    else this.#parseAndRender();
  }

  connectedCallback() {
    for (const p of ['text', 'src', 'theme', 'noAnnotate', 'noHash', 'annotations']) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    const ac = new AbortController();
    this.#listeners = ac;
    const o = { signal: ac.signal };
    const r = this.#root;
    r.addEventListener('click', (e) => this.#onClick(e), o);
    r.addEventListener('keydown', (e) => this.#onKeydown(e), o);
    r.addEventListener('pointerover', (e) => this.#onPointerOver(e), o);
    r.addEventListener('pointerout', (e) => this.#onPointerOut(e), o);
    r.addEventListener('focusin', (e) => this.#onFocusIn(e), o);
    r.addEventListener('focusout', (e) => this.#onFocusOut(e), o);
    r.addEventListener('input', (e) => this.#onInput(e), o);
    window.addEventListener('hashchange', () => this.#applyHash(true), o);
    // Capture: scrolling of any container the viewer sits in moves tooltips and the outline too.
    document.addEventListener(
      'scroll',
      () => {
        this.#placeTip();
        if (this.#jumpTarget) this.#holdJump();
        else this.#queueSync();
      },
      { ...o, passive: true, capture: true },
    );
    // Every scroller ends its own scroll: the jump ends shortly after the last one.
    document.addEventListener('scrollend', () => this.#jumpTarget && this.#holdJump(150), { ...o, passive: true, capture: true });
    window.addEventListener('resize', () => this.#placeTip(), { ...o, passive: true });
    if (typeof ResizeObserver === 'function') {
      this.#ro = new ResizeObserver((entries) => {
        this.#width = entries[entries.length - 1].contentRect.width;
        this.#applyWidth();
      });
      this.#ro.observe(this);
    }
    this.addEventListener('pointerleave', () => this.#setHover(null), o);

    if (!this.noAnnotate && !this.#annotator) this.#startAnnotator();
    else this.#annotator?.connect();
    if (this.#doc) {
      this.#observeOutline();
      this.#refreshAnnotator();
    }
    if (this.src && this.src !== this.#loadedSrc) this.#loadSrc(this.src);
    else if (!this.src && !this.#text && !this.#doc && this.textContent.trim()) {
      // Progressive enhancement: <clausemark-viewer>plain text…</clausemark-viewer>.
      this.text = this.textContent;
    }
  }

  #startAnnotator() {
    try {
      this.#annotator = new Annotator(this);
      if (this.#pendingAnnotations !== undefined) this.#annotator.annotations = this.#pendingAnnotations;
      this.#pendingAnnotations = undefined;
      this.#annotator.connect();
    } catch (e) {
      console.error('clausemark: the annotation layer failed to start', e);
      this.#annotator = null;
    }
  }

  #refreshAnnotator() {
    try {
      this.#annotator?.refresh();
    } catch (e) {
      console.error('clausemark: the annotation layer failed to refresh', e);
    }
  }

  #ro = null;
  #width = 0;
  /** Narrow layouts follow the element's own width (set after each render and on resize). */
  #applyWidth() {
    const root = this.#root.querySelector('.cm-root');
    if (!root || !this.#width) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    root.classList.toggle('cm-narrow', this.#width < 52 * rem);
    root.classList.toggle('cm-tiny', this.#width < 36 * rem);
  }

  disconnectedCallback() {
    this.#ro?.disconnect();
    this.#ro = null;
    this.#listeners?.abort();
    this.#listeners = null;
    this.#io?.disconnect();
    this.#io = null;
    clearTimeout(this.#jumpTimer);
    this.#jumpTarget = null;
    this.#hideTip();
    clearTimeout(this.#findTimer);
    this.#clearFindHighlights();
    this.#annotator?.disconnect();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'src' && this.isConnected && value && value !== this.#loadedSrc) this.#loadSrc(value);
    if (name === 'no-annotate' && value !== null && this.#annotator) {
      this.#annotator.disconnect();
      this.#annotator = null;
    }
    if (name === 'no-annotate' && value === null && this.isConnected && !this.#annotator) {
      this.#startAnnotator();
      if (this.#doc) this.#refreshAnnotator();
    }
  }

  // ---- loading and parsing ----
  async #loadSrc(src) {
    const token = ++this.#token;
    this.#loadedSrc = src;
    this.#showStatus(`Loading ${src}…`);
    // The module downloads and compiles while the text does (a failure shows when parsing).
    engine().catch(() => {});
    let text;
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
      text = decodeText(await res.arrayBuffer());
    } catch (e) {
      if (token === this.#token) this.#showError(`Could not load ${src}: ${e.message}`);
      return;
    }
    if (token !== this.#token) return;
    this.#text = text;
    await this.#parseAndRender(token);
  }

  async #parseAndRender(token = ++this.#token) {
    const text = this.#text;
    if (text.length > WORKER_THRESHOLD) this.#showStatus(`Parsing ${Math.round(text.length / 1024)} KB…`);
    let result;
    let t0 = performance.now();
    try {
      if (text.length <= WORKER_THRESHOLD) {
        const m = await engine(); // loading the module is not parsing: time the parse alone
        if (token !== this.#token) return;
        t0 = performance.now();
        result = { doc: m.parse(text), where: 'main thread' };
      } else {
        result = await parseText(text);
      }
    } catch (e) {
      if (token === this.#token) this.#showError(`clausemark could not parse this text: ${e?.message ?? e}`, text);
      return;
    }
    if (token !== this.#token) return;
    this.#parseTime = performance.now() - t0;
    this.#parsedWhere = result.where;
    this.#doc = isObj(result.doc) ? result.doc : {};
    this.#render();
  }

  #showStatus(message) {
    this.#hideTip();
    this.#root.replaceChildren(h('div', { class: 'cm-status', role: 'status' }, message));
  }

  #showError(message, text) {
    this.#hideTip();
    this.#doc = null;
    this.#clauses.clear();
    this.#root.replaceChildren(
      h('div', { class: 'cm-error', role: 'alert' }, message),
      text ? h('pre', { class: 'cm-raw' }, text.slice(0, 200_000)) : null,
    );
    this.dispatchEvent(new CustomEvent('clausemark-error', { bubbles: true, composed: true, detail: { message } }));
  }

  // ---- rendering ----
  #render() {
    const tRender = performance.now();
    const doc = this.#doc;
    this.#hideTip();
    this.#io?.disconnect();
    this.#clauses.clear();
    this.#outlineLinks.clear();
    this.#topLevel = [];
    this.#visible.clear();
    this.#outlineCurrent = null;
    clearTimeout(this.#jumpTimer);
    this.#jumpTarget = null;
    this.#lastJump = null;
    this.#hover = null;
    this.#selected = null;
    this.#clearFindHighlights();
    this.#find = { query: '', ranges: [], index: -1 };
    this.#filter.clear();

    const preamble = arr(doc.preamble);
    const operative = arr(doc.operative);
    const hasClauses = preamble.length + operative.length > 0;

    const body = h('article', { class: 'cm-body', 'aria-label': 'Text of the resolution' });
    const generalDiags = h('ul', { class: 'cm-diags cm-diags-general', 'aria-label': 'Diagnostics', hidden: true });
    body.append(generalDiags);
    if (doc.formula && str(doc.formula.text)) body.append(h('p', { class: 'cm-formula' }, str(doc.formula.text)));
    // Long documents render in slices: the first RENDER_SLICE top-level clauses now, the rest
    // in later tasks, so the page stays responsive; clausemark-ready fires when all are in.
    const pending = [];
    const budget = { left: RENDER_SLICE };
    if (preamble.length) body.append(this.#renderPart('pp', 'Preamble', preamble, pending, budget));
    if (operative.length) body.append(this.#renderPart('op', 'Operative part', operative, pending, budget));
    if (!hasClauses) {
      body.append(
        h(
          'p',
          { class: 'cm-error', role: 'note' },
          'clausemark found no preambular or operative paragraphs in this text. It is shown below as it was given.',
        ),
        h('pre', { class: 'cm-raw' }, this.#text.slice(0, 200_000) || '(empty text)'),
      );
    }
    const adoption = this.#renderAdoption(doc);
    if (adoption) body.append(adoption);
    const footnotes = this.#renderFootnotes(doc);
    if (footnotes) body.append(footnotes);
    const diagCount = arr(doc.diagnostics).filter(isObj).length;

    const outline = this.#renderOutline(preamble, operative);
    const layout = h('div', { class: 'cm-layout' }, outline, body);
    this.#tip = h('div', { class: 'cm-tooltip', role: 'tooltip', id: 'cm-tooltip', hidden: true });
    const footer = h(
      'p',
      { class: 'cm-footer' },
      `Parsed in the browser by clausemark (WebAssembly, ${this.#parsedWhere ?? 'main thread'}) in ${
        this.#parseTime === null ? '?' : this.#parseTime.toFixed(1)
      } ms.`,
    );

    const firstClause = this.#topLevel[0]?.dataset.clauseId;
    const root = h(
      'div',
      { class: 'cm-root', part: 'root' },
      firstClause ? h('a', { class: 'cm-skip', href: `#${firstClause}`, 'data-skip': firstClause }, 'Skip to the text') : null,
      this.#renderHeader(doc),
      this.#renderSponsors(doc),
      this.#renderToolbar(preamble, operative, diagCount),
      layout,
      footer,
    );
    this.#root.replaceChildren(root, this.#tip);
    this.#applyWidth();
    const finish = () => {
      this.#placeDiagnostics(doc, generalDiags);
      if (this.#showDiagnostics) {
        this.#showDiagnostics = false;
        this.#toggleDiagnostics();
      }
      this.#renderTime = performance.now() - tRender;
      if (this.isConnected) this.#observeOutline();
      this.#applyHash(false);
      this.#refreshAnnotator();
      this.dispatchEvent(new CustomEvent('clausemark-ready', { bubbles: true, composed: true, detail: { document: doc } }));
    };
    if (!pending.length) finish();
    else this.#renderRest(pending, this.#token, finish);
  }

  /** Render the remaining slices of a long document, one task each; stop if a newer render began. */
  async #renderRest(pending, token, finish) {
    while (pending.length) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (token !== this.#token) return;
      const budget = { left: RENDER_SLICE };
      while (pending.length && budget.left > 0) {
        const job = pending.shift();
        this.#renderClauses(job, pending, budget);
      }
    }
    if (token === this.#token) finish();
  }

  #renderHeader(doc) {
    const header = h('header', { class: 'cm-header' });
    const top = h('div', { class: 'cm-masthead' });
    const left = h('div');
    const sym = str(doc.symbol);
    if (sym) left.append(h('span', { class: 'cm-symbol' }, sym));
    const kind = KIND_NAMES[doc.kind];
    if (kind) left.append(h('span', { class: 'cm-kind' }, kind));
    const right = h('div');
    if (str(doc.masthead)) right.append(h('span', null, str(doc.masthead)));
    if (left.childNodes.length) top.append(left);
    if (right.childNodes.length) top.append(right);
    if (top.childNodes.length) header.append(top);

    const meta = h('dl', { class: 'cm-meta' });
    const add = (k, v) => {
      if (v) meta.append(h('div', null, h('dt', null, k), h('dd', null, v)));
    };
    add('Organ', str(doc.organ));
    add('Date', doc.date ? formatDate(doc.date) : '');
    add('Session', isObj(doc.session) ? str(doc.session.text) : '');
    for (const a of arr(doc.agenda_items)) {
      if (!isObj(a)) continue;
      add('Agenda item', [str(a.number), str(a.title)].filter(Boolean).join(': '));
    }
    add('Distribution', str(doc.distribution));
    add('Original', str(doc.language));
    if (meta.childNodes.length) header.append(meta);

    const title = str(doc.title);
    const number = str(doc.number);
    if (title || number) {
      header.append(
        h('h1', { class: 'cm-title' }, number ? h('span', { class: 'cm-number' }, number) : null, title || null),
      );
    }
    if (isObj(doc.report_of) && str(doc.report_of.text)) {
      header.append(h('p', { class: 'cm-reportof' }, `[${str(doc.report_of.text)}]`));
    }
    return header.childNodes.length ? header : h('header', { class: 'cm-header', hidden: true });
  }

  #sponsorFootnotes(doc) {
    const byMark = new Map();
    for (const f of arr(doc.footnotes)) {
      if (isObj(f) && str(f.mark) && !byMark.has(str(f.mark))) byMark.set(str(f.mark), f);
    }
    return byMark;
  }

  #renderSponsors(doc) {
    const sponsors = arr(doc.sponsors).filter(isObj);
    if (!sponsors.length) return h('section', { class: 'cm-sponsors', hidden: true });
    const byMark = this.#sponsorFootnotes(doc);
    const counts = new Map();
    for (const s of sponsors) for (const m of new Set(arr(s.marks).map(str))) counts.set(m, (counts.get(m) ?? 0) + 1);
    const parts = [`${sponsors.length} sponsor${sponsors.length === 1 ? '' : 's'}`];
    for (const [mark, n] of counts) {
      const meaning = markMeaning(byMark.get(mark)?.text, doc.organ);
      parts.push(`${n} marked ${mark}${meaning ? ` (${n === 1 ? meaning.one : meaning.many})` : ''}`);
    }
    const section = h(
      'section',
      { class: 'cm-sponsors', 'aria-labelledby': 'cm-sponsors-h' },
      h('h2', { id: 'cm-sponsors-h' }, 'Sponsors'),
      h('p', { class: 'cm-sponsor-summary' }, parts.join(', ')),
    );
    // One Tab stop for the whole list; arrow keys, Home and End move between sponsors.
    const list = h('ul', { class: 'cm-chips', 'aria-label': `Sponsors (${sponsors.length}); arrow keys move between them` });
    sponsors.forEach((s, i) => {
      const marks = arr(s.marks).map(str).filter(Boolean);
      const chip = h(
        'button',
        {
          type: 'button',
          class: 'cm-chip',
          'data-tip': `sponsor:${i}`,
          'data-marked': marks.length ? '' : null,
          tabindex: i === 0 ? '0' : '-1',
        },
        str(s.name) || str(s.un_name) || '(unnamed)',
      );
      if (marks.length) chip.append(h('span', { class: 'cm-chip-mark' }, marks.join(', ')));
      list.append(h('li', null, chip));
    });
    section.append(list);
    return section;
  }

  #renderToolbar(preamble, operative, diagCount) {
    const bar = h('div', { class: 'cm-toolbar', role: 'toolbar', 'aria-label': 'Document tools' });
    let legendBar = null;
    const input = h('input', {
      type: 'search',
      class: 'cm-find-input',
      id: 'cm-find-input',
      placeholder: 'Find in document',
      'aria-label': 'Find in document',
      autocomplete: 'off',
      spellcheck: 'false',
    });
    bar.append(
      h(
        'div',
        { class: 'cm-find', role: 'search' },
        input,
        h('span', { class: 'cm-find-count', role: 'status', 'aria-live': 'polite' }, ''),
        h('button', { type: 'button', class: 'cm-btn', 'data-action': 'find-prev', 'aria-label': 'Previous match', title: 'Previous match (Shift+Enter)' }, '↑'),
        h('button', { type: 'button', class: 'cm-btn', 'data-action': 'find-next', 'aria-label': 'Next match', title: 'Next match (Enter)' }, '↓'),
      ),
    );

    // Legend = filter by phrase category, one row per part ("Operative: Requests (2) ...").
    const rows = [];
    for (const [part, name, clauses] of [['op', 'Operative', operative], ['pp', 'Preamble', preamble]]) {
      const cats = new Map();
      const walk = (cs) => {
        for (const c of cs) {
          if (!isObj(c)) continue;
          const cat = isObj(c.phrase) ? str(c.phrase.category) : '';
          if (cat) cats.set(cat, (cats.get(cat) ?? 0) + 1);
          walk(arr(c.items));
        }
      };
      walk(clauses);
      if (!cats.size) continue;
      const row = h('ul', { class: 'cm-legend', 'aria-label': `${name} phrases: press to show only those paragraphs` });
      row.append(h('li', { class: 'cm-legend-label', 'aria-hidden': 'true' }, `${name}:`));
      const sorted = [...cats].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      for (const [cat, n] of sorted) {
        const sw = h('span', { class: 'cm-swatch', 'aria-hidden': 'true' });
        sw.style.setProperty('--cm-c', categoryColour(cat));
        row.append(
          h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'cm-btn', 'data-category': `${part}:${cat}`, 'aria-pressed': 'false' },
              sw,
              `${categoryName(cat)} (${n})`,
            ),
          ),
        );
      }
      rows.push(row);
    }
    // Who the operative part addresses ("Secretary-General (3)"): filter by addressee too.
    const who = new Map();
    const walkWho = (cs) => {
      for (const c of cs) {
        if (!isObj(c)) continue;
        for (const a of new Set(arr(c.addressee).map(str).filter(Boolean))) who.set(a, (who.get(a) ?? 0) + 1);
        walkWho(arr(c.items));
      }
    };
    walkWho(operative);
    if (who.size) {
      const row = h('ul', { class: 'cm-legend', 'aria-label': 'Addressees: press to show only the paragraphs addressed to them' });
      row.append(h('li', { class: 'cm-legend-label', 'aria-hidden': 'true' }, 'Addressed to:'));
      const rank = (name) => {
        const i = ['Secretary-General', 'Member States', 'States', 'Governments'].indexOf(name);
        return i < 0 ? 99 : i;
      };
      const sorted = [...who].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
      const SHOWN = 6;
      sorted.forEach(([name, n], k) => {
        row.append(
          h(
            'li',
            { hidden: k >= SHOWN, 'data-more': k >= SHOWN ? '' : null },
            h('button', { type: 'button', class: 'cm-btn', 'data-category': `to:${name}`, 'aria-pressed': 'false' }, `${name} (${n})`),
          ),
        );
      });
      if (sorted.length > SHOWN) {
        row.append(
          h(
            'li',
            null,
            h('button', { type: 'button', class: 'cm-btn cm-more', 'data-action': 'more-addressees', 'aria-expanded': 'false' }, `${sorted.length - SHOWN} more…`),
          ),
        );
      }
      rows.push(row);
    }
    if (rows.length) {
      rows[rows.length - 1].append(
        h('li', null, h('button', { type: 'button', class: 'cm-btn', 'data-action': 'filter-clear', hidden: true }, 'Show all')),
        h('li', { class: 'cm-filter-status', role: 'status', 'aria-live': 'polite' }),
      );
      legendBar = h('div', { class: 'cm-legend-bar', role: 'group', 'aria-label': 'Filters: show only some paragraphs' }, ...rows);
    }
    if (diagCount) {
      bar.append(
        h(
          'button',
          { type: 'button', class: 'cm-btn', 'data-action': 'diagnostics', 'aria-pressed': 'false' },
          `Diagnostics (${diagCount})`,
        ),
      );
    }
    const frag = document.createDocumentFragment();
    if (legendBar) frag.append(legendBar);
    frag.append(bar);
    return frag;
  }

  #renderPart(part, heading, clauses, pending, budget) {
    const section = h('section', { class: `cm-part cm-part-${part}`, 'aria-labelledby': `cm-h-${part}` });
    section.append(h('h2', { id: `cm-h-${part}` }, heading));
    this.#renderClauses({ section, part, clauses, i: 0, lastSection: null }, pending, budget);
    return section;
  }

  /** Render job.clauses from job.i on into job.section, within the budget; queue the rest. */
  #renderClauses(job, pending, budget) {
    const { section, part, clauses } = job;
    const frag = document.createDocumentFragment();
    while (job.i < clauses.length && budget.left > 0) {
      const i = job.i++;
      const c = clauses[i];
      if (!isObj(c)) continue;
      budget.left--;
      const sec = str(c.section);
      if (sec && sec !== job.lastSection) frag.append(h('h3', { class: 'cm-section-heading' }, sec));
      job.lastSection = sec || job.lastSection;
      const el = this.#renderClause(c, part, `${part}${i + 1}`);
      this.#topLevel.push(el);
      frag.append(el);
    }
    section.append(frag);
    if (job.i < clauses.length) pending.push(job);
  }

  #renderClause(c, part, fallbackId) {
    let id = str(c.id) || fallbackId;
    if (this.#clauses.has(id)) id = `${id}~${this.#clauses.size}`; // duplicate ids: keep the first addressable
    const el = h('div', {
      class: `cm-clause cm-${part}`,
      'data-clause-id': id,
      tabindex: '0',
      role: 'group',
      'aria-label': citation(id),
    });
    this.#clauses.set(id, el);
    const cat = isObj(c.phrase) ? str(c.phrase.category) : '';
    if (cat) {
      el.classList.add('cm-has-cat');
      el.dataset.category = cat;
      el.style.setProperty('--cm-c', categoryColour(cat));
    }
    el.append(h('span', { class: 'cm-label', 'aria-hidden': 'true' }, str(c.label)));
    el.append(this.#renderClauseText(c));
    const items = h('div', { class: 'cm-items' });
    // Items carry a section when they are the paragraphs of a text the clause adopts (a
    // declaration's "Call for action") or measures under headings (S/RES/47's "B. Plebiscite").
    let lastSection = null;
    arr(c.items).forEach((it, j) => {
      if (!isObj(it)) return;
      const sec = str(it.section);
      if (sec && sec !== lastSection) items.append(h('h4', { class: 'cm-section-heading cm-item-heading' }, sec));
      lastSection = sec || lastSection;
      items.append(this.#renderClause(it, part, `${id}-${j + 1}`));
    });
    el.append(items);
    if (str(c.continuation)) el.append(h('span', { class: 'cm-continuation' }, str(c.continuation)));
    const addressees = arr(c.addressee).map(str).filter(Boolean);
    if (addressees.length) el.dataset.addressees = addressees.join('\u001f');
    const meta = this.#clauseMeta(addressees, c.mandate);
    if (meta) el.append(meta);
    el.append(h('div', { class: 'cm-margin' }));
    return el;
  }

  /** "Addressed to …; mandate: …", shown under a selected clause (Mandate Registry style). */
  #clauseMeta(addressees, mandate) {
    const bits = [];
    if (addressees.length) bits.push(h('span', null, h('span', { class: 'cm-meta-key' }, 'Addressed to: '), addressees.join('; ')));
    if (isObj(mandate)) {
      // "Secretary-General: report to the Commission (sixtieth session)"
      const who = str(mandate.who);
      const what = str(mandate.what);
      const to = str(mandate.to);
      const when = str(mandate.when);
      let line = [what, to ? `to ${/^the /i.test(to) ? to : `the ${to}`}` : ''].filter(Boolean).join(' ');
      if (when) line = line ? `${line} (${when})` : when;
      if (who) line = line ? `${who}: ${line}` : who;
      if (line) bits.push(h('span', null, h('span', { class: 'cm-meta-key' }, 'Mandate: '), line));
    }
    return bits.length ? h('p', { class: 'cm-clause-meta' }, ...bits) : null;
  }

  /** The clause's text, exactly (textContent === clause.text), split at its inlines. */
  #renderClauseText(c) {
    const text = str(c.text);
    const out = h('span', { class: 'cm-clause-text' });
    const len = text.length;
    const inl = [];
    for (const i of arr(c.inlines)) {
      if (!isObj(i)) continue;
      const r = spanOf(i.range);
      if (!r || r[0] < 0 || r[1] > len || r[0] >= r[1]) continue;
      inl.push({ kind: str(i.kind), start: r[0], end: r[1], index: Number.isInteger(i.index) ? i.index : null });
    }
    const phraseText = isObj(c.phrase) ? str(c.phrase.text) : '';
    if (phraseText && !inl.some((i) => i.kind === 'phrase') && text.startsWith(phraseText)) {
      inl.push({ kind: 'phrase', start: 0, end: phraseText.length, index: null });
    }
    inl.sort((a, b) => a.start - b.start || b.end - a.end);
    // Build a tree: an inline fully inside the previous open one nests; a crossing one is dropped.
    const build = (parent, from, to, list) => {
      let pos = from;
      while (list.length && list[0].start < to) {
        const i = list.shift();
        if (i.start < pos || i.end > to) continue;
        if (i.start > pos) parent.append(text.slice(pos, i.start));
        const node = this.#inlineNode(i);
        build(node, i.start, i.end, list);
        parent.append(node);
        pos = i.end;
      }
      if (pos < to) parent.append(text.slice(pos, to));
    };
    build(out, 0, len, inl);
    return out;
  }

  #inlineNode(i) {
    const doc = this.#doc;
    switch (i.kind) {
      case 'phrase':
        return h('em', { class: 'cm-phrase' });
      case 'footnote-ref': {
        const f = i.index !== null ? arr(doc.footnotes)[i.index] : null;
        return h('a', {
          class: 'cm-fn',
          href: f ? `#cm-fn-${i.index}` : null,
          role: 'doc-noteref',
          tabindex: '0',
          'data-tip': `fn:${i.index ?? ''}`,
          'aria-label': f ? `Footnote ${str(f.mark)}` : 'Footnote marker (no footnote text found)',
        });
      }
      case 'reference': {
        const ref = i.index !== null ? arr(doc.references)[i.index] : null;
        const target = isObj(ref) ? str(ref.target) : '';
        if (target && this.#clauseKnown(target) && !str(ref.url)) {
          return h('a', { class: 'cm-ref cm-ref-internal', href: `#${target}`, 'data-clause-target': target, 'data-tip': `ref:${i.index}` });
        }
        const url = isObj(ref) ? safeUrl(ref.url) : null;
        if (url) {
          return h('a', { class: 'cm-ref', href: url, target: '_blank', rel: 'noopener noreferrer', 'data-tip': `ref:${i.index}` });
        }
        return h('span', { class: 'cm-ref cm-ref-unresolved' });
      }
      case 'date': {
        const d = i.index !== null ? arr(doc.dates)[i.index] : null;
        const iso = isObj(d) ? str(d.iso) : '';
        return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(iso)
          ? h('time', { class: 'cm-date', datetime: iso, title: iso })
          : h('span', { class: 'cm-date' });
      }
      default:
        return h('span', { class: `cm-inline` });
    }
  }

  /** Whether the document has a clause with this id (the element map fills while rendering). */
  #clauseKnown(id) {
    if (this.#knownIdsFor !== this.#doc) {
      const ids = new Set();
      const add = (cs) => {
        for (const c of cs) {
          if (!isObj(c)) continue;
          ids.add(str(c.id));
          add(arr(c.items));
        }
      };
      add(arr(this.#doc.preamble));
      add(arr(this.#doc.operative));
      this.#knownIds = ids;
      this.#knownIdsFor = this.#doc;
    }
    return this.#knownIds.has(id);
  }
  #knownIds = new Set();
  #knownIdsFor = null;

  #renderAdoption(doc) {
    const a = doc.adoption;
    if (!isObj(a)) return null;
    const bits = [str(a.meeting), a.date ? formatDate(a.date) : '', str(a.vote)].filter(Boolean);
    return bits.length ? h('p', { class: 'cm-adoption' }, bits.join(' · ')) : null;
  }

  #renderFootnotes(doc) {
    const fns = arr(doc.footnotes).filter(isObj);
    if (!fns.length) return null;
    const ol = h('ol');
    arr(doc.footnotes).forEach((f, i) => {
      if (!isObj(f)) return;
      ol.append(h('li', { id: `cm-fn-${i}`, role: 'doc-footnote' }, h('span', { class: 'cm-fn-mark' }, str(f.mark)), h('span', null, str(f.text))));
    });
    return h('section', { class: 'cm-footnotes', 'aria-labelledby': 'cm-fn-h' }, h('h2', { id: 'cm-fn-h' }, 'Footnotes'), ol);
  }

  /** Put each diagnostic next to the deepest clause whose span holds it; returns the count. */
  #placeDiagnostics(doc, general) {
    const diags = arr(doc.diagnostics).filter(isObj);
    // Clauses in document order (depth first), so starts ascend and a clause's items follow it:
    // the deepest clause holding a position is the last one, at or before it, that holds it.
    const spans = [];
    const walk = (cs) => {
      for (const c of cs) {
        if (!isObj(c)) continue;
        const s = spanOf(c.span);
        const el = this.#clauses.get(str(c.id));
        if (s && el) spans.push({ s, el });
        walk(arr(c.items));
      }
    };
    walk(arr(doc.preamble));
    walk(arr(doc.operative));
    spans.sort((a, b) => a.s[0] - b.s[0]);
    for (const d of diags) {
      const ds = spanOf(d.span);
      let best = null;
      if (ds && spans.length) {
        let lo = 0;
        let hi = spans.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (spans[mid].s[0] <= ds[0]) lo = mid;
          else hi = mid - 1;
        }
        for (let k = lo, steps = 0; k >= 0 && steps < 64; k--, steps++) {
          const c = spans[k];
          if (c.s[0] <= ds[0] && ds[0] < Math.max(c.s[1], c.s[0] + 1)) {
            best = c;
            break;
          }
        }
      }
      const sev = ['error', 'warning', 'info'].includes(d.severity) ? d.severity : 'warning';
      const li = h('li', { class: 'cm-diag', 'data-severity': sev }, h('code', null, str(d.code) || sev), ' ', str(d.message));
      if (best) {
        let list = best.el.querySelector(':scope > .cm-diags');
        if (!list) {
          list = h('ul', { class: 'cm-diags', 'aria-label': 'Diagnostics for this paragraph', hidden: true });
          best.el.insertBefore(list, best.el.querySelector(':scope > .cm-margin'));
        }
        list.append(li);
      } else {
        general.append(li);
      }
    }
    return diags.length;
  }

  #renderOutline(preamble, operative) {
    const nav = h('nav', { class: 'cm-outline', 'aria-label': 'Outline' }, h('h2', null, 'Outline'));
    const add = (ol, c, fallback, numText) => {
      if (!isObj(c)) return;
      const id = str(c.id) || fallback;
      const phrase = isObj(c.phrase) ? str(c.phrase.text) : str(c.text).split(/\s+/).slice(0, 3).join(' ');
      const a = h('a', { href: `#${id}`, 'data-outline': id, title: citation(id) }, h('span', { class: 'cm-ol-num' }, numText), phrase);
      this.#outlineLinks.set(id, a);
      ol.append(h('li', null, a));
    };
    if (preamble.length) {
      const first = isObj(preamble[0]) ? str(preamble[0].id) || 'pp1' : 'pp1';
      nav.append(h('a', { href: `#${first}`, 'data-outline': first, class: 'cm-outline-group' }, `Preamble (${preamble.length})`));
      const ol = h('ol', { 'aria-label': 'Preambular paragraphs' });
      preamble.slice(0, OUTLINE_MAX).forEach((c, i) => add(ol, c, `pp${i + 1}`, `${i + 1}`));
      if (preamble.length > OUTLINE_MAX) ol.append(h('li', { class: 'cm-outline-more' }, `… and ${preamble.length - OUTLINE_MAX} more`));
      nav.append(ol);
    }
    if (operative.length) {
      const first = isObj(operative[0]) ? str(operative[0].id) || 'op1' : 'op1';
      nav.append(h('a', { href: `#${first}`, 'data-outline': `${first}`, class: 'cm-outline-group' }, `Operative (${operative.length})`));
      const ol = h('ol', { 'aria-label': 'Operative paragraphs' });
      let lastSection = null;
      operative.slice(0, OUTLINE_MAX).forEach((c, i) => {
        const sec = isObj(c) ? str(c.section) : '';
        if (sec && sec !== lastSection) {
          ol.append(h('li', { class: 'cm-outline-section', 'aria-hidden': 'true' }, /^[A-Z]$/.test(sec) ? `Section ${sec}` : sec));
          lastSection = sec;
        }
        add(ol, c, `op${i + 1}`, isObj(c) && str(c.label) ? str(c.label).replace(/\.$/, '') : `${i + 1}`);
      });
      if (operative.length > OUTLINE_MAX) ol.append(h('li', { class: 'cm-outline-more' }, `… and ${operative.length - OUTLINE_MAX} more`));
      nav.append(ol);
    }
    if (!preamble.length && !operative.length) nav.hidden = true;
    return nav;
  }

  #observeOutline() {
    this.#io?.disconnect();
    if (typeof IntersectionObserver !== 'function' || !this.#topLevel.length) return;
    // The observer keeps the set of top-level clauses on screen; which one is "current" (the
    // first whose bottom is below the sticky toolbar) is measured among those few only.
    this.#io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.#visible.add(e.target);
        else this.#visible.delete(e.target);
      }
      this.#syncOutline();
    });
    for (const el of this.#topLevel) this.#io.observe(el);
  }

  #syncQueued = false;
  #queueSync() {
    if (this.#syncQueued || !this.#visible.size) return;
    this.#syncQueued = true;
    requestAnimationFrame(() => {
      this.#syncQueued = false;
      this.#syncOutline();
    });
  }

  #syncOutline() {
    // While a jump scrolls, the outline shows where it goes, not what it passes.
    if (this.#jumpTarget) return;
    const bar = this.#root.querySelector('.cm-toolbar');
    const line = Math.max(0, bar ? bar.getBoundingClientRect().bottom : 0) + 24;
    let current = null;
    let currentTop = Infinity;
    for (const el of this.#visible) {
      if (!el.isConnected || el.offsetParent === null) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom > line && r.top < currentTop) {
        current = el.dataset.clauseId;
        currentTop = r.top;
      }
    }
    // The clause last jumped to stays current while it is on screen: its scroll may end a few
    // pixels off, and near the end of the text the page cannot bring it to the top.
    const jumped = this.#lastJump && this.#clauses.get(this.#lastJump);
    if (jumped?.isConnected) {
      const r = jumped.getBoundingClientRect();
      if (r.bottom > line && r.top < innerHeight - 24) current = this.#lastJump;
      else this.#lastJump = null;
    }
    this.#setOutlineCurrent(current);
  }

  #setOutlineCurrent(current) {
    if (!current || current === this.#outlineCurrent) return;
    this.#outlineCurrent = current;
    for (const [id, a] of this.#outlineLinks) {
      if (id === current) a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
    }
    const a = this.#outlineLinks.get(current);
    const nav = a?.closest('.cm-outline');
    if (a && nav && nav.scrollHeight > nav.clientHeight) {
      const top = a.getBoundingClientRect().top - nav.getBoundingClientRect().top + nav.scrollTop;
      if (top < nav.scrollTop || top > nav.scrollTop + nav.clientHeight - a.offsetHeight) {
        nav.scrollTop = Math.max(0, top - nav.clientHeight / 3);
      }
    }
  }
  #outlineCurrent = null;

  // A jump (outline link, arrow keys, a URL hash) marks its clause in the outline at once and
  // holds it there until the scroll it started ends ('scrollend', or no scroll event for a while
  // when the clause was already in place); the scroll spy then follows the reader's own scrolling.
  #jumpTarget = null;
  #lastJump = null;
  #jumpTimer = 0;
  #jumpStart = 0;
  #startJump(el) {
    const top = el.closest('.cm-part > .cm-clause') ?? el;
    const id = top.dataset.clauseId;
    if (!this.#outlineLinks.has(id)) return;
    this.#jumpTarget = id;
    this.#lastJump = id;
    this.#jumpStart = performance.now();
    this.#setOutlineCurrent(id);
    this.#holdJump();
  }
  #holdJump(ms = 1000) {
    clearTimeout(this.#jumpTimer);
    // A page that never stops scrolling (and no 'scrollend') must not freeze the outline.
    if (performance.now() - this.#jumpStart > 3000) return this.#endJump();
    this.#jumpTimer = setTimeout(() => this.#endJump(), ms);
  }
  #endJump() {
    clearTimeout(this.#jumpTimer);
    if (!this.#jumpTarget) return;
    this.#jumpTarget = null;
    this.#syncOutline();
  }

  // ---- selection, hash ----

  /** Select a clause by id: marks it, dispatches clausemark-select, optionally scrolls to it. */
  select(id, { scroll = true } = {}) {
    const el = this.#clauses.get(str(id));
    if (!el) return false;
    if (this.#filter.size && !el.closest('.cm-part > .cm-clause')?.classList.contains('cm-match')) this.#setFilter(null);
    this.#selected?.classList.remove('cm-selected');
    this.#selected?.removeAttribute('aria-current');
    el.classList.add('cm-selected');
    el.setAttribute('aria-current', 'true');
    this.#selected = el;
    if (scroll) {
      this.#startJump(el);
      const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
    }
    this.dispatchEvent(new CustomEvent('clausemark-select', { bubbles: true, composed: true, detail: { id: str(id) } }));
    return true;
  }

  get selected() {
    return this.#selected?.dataset.clauseId ?? null;
  }

  #setHash(id) {
    if (this.noHash) return;
    const url = new URL(location.href);
    url.hash = id;
    history.replaceState(history.state, '', url);
  }

  #applyHash(fromEvent) {
    if (this.noHash && fromEvent) return;
    let id = '';
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    const el = id && this.#clauses.get(id);
    if (!el) return;
    this.select(id, { scroll: false });
    this.#startJump(el);
    el.classList.remove('cm-target');
    void el.offsetWidth; // restart the flash animation
    el.classList.add('cm-target');
    // Scroll after layout (content-visibility: auto sizes settle on the next frame).
    requestAnimationFrame(() => el.scrollIntoView({ block: 'start' }));
    if (!fromEvent) setTimeout(() => el.isConnected && el.scrollIntoView({ block: 'start' }), 120);
  }

  // ---- event handlers ----
  #onClick(e) {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    const action = t.closest('[data-action]');
    if (action) {
      switch (action.dataset.action) {
        case 'find-next':
          return this.#step(1);
        case 'find-prev':
          return this.#step(-1);
        case 'filter-clear':
          return this.#setFilter(null);
        case 'diagnostics':
          return this.#toggleDiagnostics();
        case 'more-addressees': {
          const open = action.getAttribute('aria-expanded') !== 'true';
          for (const li of action.closest('ul').querySelectorAll('li[data-more]')) li.hidden = !open;
          action.setAttribute('aria-expanded', String(open));
          action.textContent = open ? 'fewer' : `${action.closest('ul').querySelectorAll('li[data-more]').length} more…`;
          return;
        }
      }
    }
    const catBtn = t.closest('button[data-category]');
    if (catBtn) return this.#setFilter(catBtn.dataset.category);
    const skip = t.closest('a[data-skip]');
    if (skip) {
      e.preventDefault();
      const el = this.clauseElement(skip.dataset.skip);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: 'start' });
      return;
    }
    const outline = t.closest('a[data-outline]');
    if (outline) {
      e.preventDefault();
      const id = outline.dataset.outline;
      if (this.select(id)) this.#setHash(id);
      this.clauseElement(id)?.focus({ preventScroll: true });
      return;
    }
    const internal = t.closest('a[data-clause-target]');
    if (internal) {
      e.preventDefault();
      const id = internal.dataset.clauseTarget;
      if (this.select(id)) this.#setHash(id);
      return;
    }
    const fn = t.closest('a.cm-fn');
    if (fn) {
      e.preventDefault();
      this.#showTip(fn);
      return;
    }
    if (t.closest('a, button, input, textarea, select, .cm-margin, .cm-tooltip')) return;
    const clause = t.closest('.cm-clause');
    if (!clause) return;
    const sel = this.#root.getSelection?.() ?? document.getSelection();
    if (sel && !sel.isCollapsed && sel.toString().trim()) return; // the user is selecting text
    const id = clause.dataset.clauseId;
    if (this.select(id, { scroll: false })) this.#setHash(id);
  }

  #onKeydown(e) {
    const t = e.target instanceof Element ? e.target : null;
    if (e.key === 'Escape') {
      if (this.#tipAnchor) {
        this.#hideTip();
        e.stopPropagation();
        return;
      }
      if (t?.matches('.cm-find-input') && t.value) {
        t.value = '';
        this.#runFind('');
        e.preventDefault();
        return;
      }
    }
    if (t?.matches('.cm-find-input') && e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(this.#findTimer);
      if (t.value !== this.#find.query) this.#runFind(t.value);
      else this.#step(e.shiftKey ? -1 : 1);
      return;
    }
    if (t?.matches('.cm-chip') && ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'].includes(e.key)) {
      const chips = [...this.#root.querySelectorAll('.cm-chip')];
      const i = chips.indexOf(t);
      const next =
        e.key === 'Home' ? 0 : e.key === 'End' ? chips.length - 1 : e.key === 'ArrowRight' || e.key === 'ArrowDown' ? Math.min(chips.length - 1, i + 1) : Math.max(0, i - 1);
      e.preventDefault();
      if (next !== i) {
        t.tabIndex = -1;
        chips[next].tabIndex = 0;
        chips[next].focus();
      }
      return;
    }
    if (t?.matches('.cm-clause') && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // Move between clauses (items included) in reading order, skipping filtered-out ones.
      const all = [...this.#root.querySelectorAll('.cm-clause')].filter((x) => x.offsetParent !== null);
      const next = all[all.indexOf(t) + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        e.preventDefault();
        next.focus({ preventScroll: true });
        next.scrollIntoView({ block: 'nearest' });
      }
      return;
    }
    if (t?.matches('.cm-clause') && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      const id = t.dataset.clauseId;
      if (this.select(id, { scroll: false })) this.#setHash(id);
    }
  }

  #onInput(e) {
    const t = e.target;
    if (!(t instanceof HTMLInputElement) || !t.matches('.cm-find-input')) return;
    clearTimeout(this.#findTimer);
    this.#findTimer = setTimeout(() => this.#runFind(t.value), 150);
  }

  #setHover(el) {
    if (el === this.#hover) return;
    this.#hover?.classList.remove('cm-hover');
    this.#hover = el;
    el?.classList.add('cm-hover');
  }

  #onPointerOver(e) {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    if (!t.closest('.cm-margin')) this.#setHover(t.closest('.cm-clause'));
    if (t.closest('.cm-tooltip')) {
      clearTimeout(this.#tipTimer);
      return;
    }
    const anchor = t.closest('[data-tip]');
    if (anchor) {
      clearTimeout(this.#tipTimer);
      if (anchor !== this.#tipAnchor) this.#showTip(anchor);
    }
  }

  #onPointerOut(e) {
    const t = e.target instanceof Element ? e.target : null;
    const to = e.relatedTarget instanceof Element ? e.relatedTarget : null;
    if (!t || !this.#tipAnchor) return;
    const from = t.closest('[data-tip], .cm-tooltip');
    if (!from) return;
    if (to && (this.#tipAnchor.contains(to) || this.#tip?.contains(to))) return;
    if (this.#root.activeElement === this.#tipAnchor) return; // keyboard focus keeps it open
    clearTimeout(this.#tipTimer);
    this.#tipTimer = setTimeout(() => this.#hideTip(), 150);
  }

  #onFocusIn(e) {
    const t = e.target instanceof Element ? e.target : null;
    const anchor = t?.closest('[data-tip]');
    if (anchor && anchor === t) {
      clearTimeout(this.#tipTimer);
      this.#showTip(anchor);
    }
  }

  #onFocusOut(e) {
    const t = e.target instanceof Element ? e.target : null;
    if (t && t === this.#tipAnchor) this.#hideTip();
  }

  // ---- tooltips ----
  #showTip(anchor) {
    const tip = this.#tip;
    if (!tip) return;
    const content = this.#tipContent(anchor.dataset.tip ?? '');
    if (!content) return;
    if (this.#tipAnchor && this.#tipAnchor !== anchor) this.#tipAnchor.removeAttribute('aria-describedby');
    tip.replaceChildren(...content);
    tip.hidden = false;
    this.#tipAnchor = anchor;
    anchor.setAttribute('aria-describedby', 'cm-tooltip');
    this.#placeTip();
  }

  #hideTip() {
    clearTimeout(this.#tipTimer);
    if (this.#tip) this.#tip.hidden = true;
    this.#tipAnchor?.removeAttribute('aria-describedby');
    this.#tipAnchor = null;
  }

  #placeTip() {
    const tip = this.#tip;
    const a = this.#tipAnchor;
    if (!tip || !a || tip.hidden) return;
    if (!a.isConnected) return this.#hideTip();
    const r = a.getBoundingClientRect();
    const w = tip.offsetWidth;
    const th = tip.offsetHeight;
    const vw = document.documentElement.clientWidth || innerWidth;
    const left = Math.max(8, Math.min(r.left, vw - w - 8));
    let top = r.bottom + 6;
    if (top + th > innerHeight - 8 && r.top - th - 6 > 8) top = r.top - th - 6;
    tip.style.left = `${Math.round(left)}px`;
    tip.style.top = `${Math.round(top)}px`;
  }

  #tipContent(key) {
    const doc = this.#doc;
    if (!doc) return null;
    const [kind, raw] = key.split(':');
    const index = raw === '' || raw === undefined ? null : Number(raw);
    const row = (k, v) => h('span', { class: 'cm-tip-row' }, k ? h('span', { class: 'cm-tip-key' }, `${k}: `) : null, v);
    if (kind === 'sponsor') {
      const s = arr(doc.sponsors)[index];
      if (!isObj(s)) return null;
      const out = [h('span', { class: 'cm-tip-title' }, str(s.un_name) || str(s.name))];
      if (str(s.un_name) && str(s.un_name) !== str(s.name)) out.push(row('As printed', str(s.name)));
      out.push(row('ISO 3166 code', str(s.iso3) || 'unknown'));
      const byMark = this.#sponsorFootnotes(doc);
      const marks = arr(s.marks).map(str).filter(Boolean);
      for (const m of marks) {
        const f = byMark.get(m);
        const meaning = markMeaning(f?.text, doc.organ);
        out.push(row(`Mark ${m}`, meaning ? meaning.one : 'no footnote found for this mark'));
        if (f && str(f.text)) out.push(h('span', { class: 'cm-tip-quote' }, `“${str(f.text)}”`));
      }
      if (str(s.on_behalf_of)) out.push(row('On behalf of', str(s.on_behalf_of)));
      if (!marks.length) {
        const nonMember = [...byMark.values()].map((f) => markMeaning(f.text, doc.organ)).find((m) => m?.type === 'non-member');
        const anyMarked = arr(doc.sponsors).some((x) => isObj(x) && arr(x.marks).length);
        out.push(
          row(
            null,
            nonMember && anyMarked
              ? `Unmarked: ${nonMember.one.replace(/^not a member/, 'a member').replace(/; sponsoring under .*$/, '')}.`
              : 'No footnote mark.',
          ),
        );
      }
      return out;
    }
    if (kind === 'ref') {
      const r = index === null ? null : arr(doc.references)[index];
      if (!isObj(r)) return null;
      const target = str(r.target);
      const out = [h('span', { class: 'cm-tip-title' }, str(r.text) || target)];
      if (str(r.kind)) out.push(row('Kind', str(r.kind)));
      if (safeUrl(r.url)) {
        out.push(row('Document', target || str(r.url)));
        out.push(row(null, 'Opens on undocs.org in a new tab.'));
      } else if (target) {
        out.push(row(null, `Goes to ${citation(target)}.`));
      }
      return out;
    }
    if (kind === 'fn') {
      const f = index === null ? null : arr(doc.footnotes)[index];
      if (!isObj(f)) return [h('span', { class: 'cm-tip-title' }, 'Footnote'), row(null, 'No footnote text was found for this marker.')];
      return [h('span', { class: 'cm-tip-title' }, `Footnote ${str(f.mark)}`), row(null, str(f.text))];
    }
    return null;
  }

  // ---- filter and diagnostics ----
  #setFilter(cat) {
    if (cat === null) this.#filter.clear();
    else if (this.#filter.has(cat)) this.#filter.delete(cat);
    else this.#filter.add(cat);
    const root = this.#root.querySelector('.cm-body');
    if (!root) return;
    let shown = 0;
    for (const el of this.#topLevel) {
      const part = el.classList.contains('cm-pp') ? 'pp' : 'op';
      const cats = [];
      for (const x of [el, ...el.querySelectorAll('.cm-clause')]) {
        if (x.dataset.category) cats.push(`${part}:${x.dataset.category}`);
        for (const a of (x.dataset.addressees ?? '').split('\u001f')) if (a) cats.push(`to:${a}`);
      }
      const match = cats.some((c) => this.#filter.has(c));
      el.classList.toggle('cm-match', match);
      if (match) shown++;
    }
    root.classList.toggle('cm-filtering', this.#filter.size > 0);
    for (const b of this.#root.querySelectorAll('button[data-category]')) {
      b.setAttribute('aria-pressed', String(this.#filter.has(b.dataset.category)));
    }
    const clear = this.#root.querySelector('[data-action="filter-clear"]');
    if (clear) clear.hidden = this.#filter.size === 0;
    const status = this.#root.querySelector('.cm-filter-status');
    if (status) status.textContent = this.#filter.size ? `Showing ${shown} of ${this.#topLevel.length} paragraphs` : '';
    if (this.#find.query) this.#runFind(this.#find.query);
  }

  /** The category filter in force (read-only copy). */
  get filter() {
    return [...this.#filter];
  }

  #toggleDiagnostics() {
    this.#showDiagnostics = !this.#showDiagnostics;
    for (const l of this.#root.querySelectorAll('.cm-diags')) l.hidden = !this.#showDiagnostics || !l.childElementCount;
    this.#root.querySelector('[data-action="diagnostics"]')?.setAttribute('aria-pressed', String(this.#showDiagnostics));
  }

  // ---- find ----
  #hl(which) {
    return `cm-find-${which}-${this.#uid}`;
  }

  #clearFindHighlights() {
    if (typeof CSS !== 'undefined' && CSS.highlights) {
      CSS.highlights.delete(this.#hl('all'));
      CSS.highlights.delete(this.#hl('current'));
    }
  }

  /** Find all matches of `query` (case-insensitive); returns the count. Also what the find box does. */
  find(query) {
    const input = this.#root.querySelector('.cm-find-input');
    if (input) input.value = str(query);
    return this.#runFind(str(query));
  }

  /** The find state: { query, count, index } (index is 0-based, -1 for none). */
  get findState() {
    return { query: this.#find.query, count: this.#find.ranges.length, index: this.#find.index };
  }

  #runFind(query) {
    this.#clearFindHighlights();
    const ranges = [];
    const body = this.#root.querySelector('.cm-body');
    if (query && body) {
      const fold = (s) => {
        let out = '';
        for (let i = 0; i < s.length; i++) {
          const ch = s[i];
          const l = ch.toLowerCase();
          out += l.length === 1 ? l : ch;
        }
        return out;
      };
      const segs = [];
      let joined = '';
      let lastBlock = null;
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => {
          const p = n.parentElement;
          if (!p || p.closest('.cm-margin, .cm-diags, .cm-raw, .cm-label, .cm-clause-meta')) return NodeFilter.FILTER_REJECT;
          if (body.classList.contains('cm-filtering')) {
            const top = p.closest('.cm-part > .cm-clause');
            if (top && !top.classList.contains('cm-match')) return NodeFilter.FILTER_REJECT;
          }
          return NodeFilter.FILTER_ACCEPT;
        },
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const block = n.parentElement.closest('.cm-clause-text, .cm-continuation, li, p, h2, h3');
        if (block !== lastBlock) {
          joined += '\n';
          lastBlock = block;
        }
        segs.push({ node: n, start: joined.length });
        joined += n.data;
      }
      const hay = fold(joined);
      const needle = fold(query);
      const locate = (pos, end) => {
        // last segment with start <= pos (for an end offset, the segment that holds pos-1)
        let lo = 0;
        let hi = segs.length - 1;
        const p = end ? pos - 1 : pos;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (segs[mid].start <= p) lo = mid;
          else hi = mid - 1;
        }
        const s = segs[lo];
        return [s.node, pos - s.start];
      };
      for (let at = hay.indexOf(needle); at >= 0 && ranges.length < 10000; at = hay.indexOf(needle, at + needle.length)) {
        const r = document.createRange();
        const [sn, so] = locate(at, false);
        const [en, eo] = locate(at + needle.length, true);
        r.setStart(sn, Math.min(so, sn.length));
        r.setEnd(en, Math.min(eo, en.length));
        ranges.push(r);
      }
    }
    this.#find = { query, ranges, index: ranges.length ? 0 : -1 };
    if (ranges.length && typeof Highlight === 'function' && CSS.highlights) {
      CSS.highlights.set(this.#hl('all'), new Highlight(...ranges));
    }
    this.#showCurrent();
    return ranges.length;
  }

  #step(delta) {
    const f = this.#find;
    if (!f.ranges.length) return;
    f.index = (f.index + delta + f.ranges.length) % f.ranges.length;
    this.#showCurrent();
  }

  #showCurrent() {
    const f = this.#find;
    const count = this.#root.querySelector('.cm-find-count');
    if (count) count.textContent = !f.query ? '' : f.ranges.length ? `${f.index + 1} of ${f.ranges.length}` : 'No matches';
    if (typeof CSS !== 'undefined' && CSS.highlights) CSS.highlights.delete(this.#hl('current'));
    const r = f.ranges[f.index];
    if (!r) return;
    if (typeof Highlight === 'function' && CSS.highlights) CSS.highlights.set(this.#hl('current'), new Highlight(r));
    const el = r.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center' });
  }
}

function safeUrl(u) {
  try {
    const url = new URL(str(u));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, ClausemarkViewer);
