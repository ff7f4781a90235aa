// annotations.js: highlights and notes pinned to the clauses of a <clausemark-viewer>.
//
// The viewer creates `new Annotator(this)`, calls connect() once connected, refresh() after every
// render and disconnect() when removed; it forwards its `annotations` property here. Everything
// that does not need the DOM (W3C serialisation, validation, re-anchoring, citations) lives in
// annotate-core.js.
//
// What the user gets:
// - select words in a clause (a small toolbar appears) or press "a" on a focused clause (or use
//   the clause's "Highlight" button once it is selected) → a dialog: colour, tag, note;
// - highlights painted with the CSS Custom Highlight API (the viewer's DOM is left alone), notes
//   in the clause's `.cm-margin` and in the "Annotations" panel (go to, edit, delete), undo;
// - "Copy link" / "Copy citation" for the selected clause;
// - persistence in localStorage (by symbol, or a hash of the text), W3C export/import,
//   re-anchoring when the text changes, orphans listed and kept.
// Notes and quotes are user/document text: they only ever reach the DOM through textContent.
//
// For embedders (through <clausemark-viewer>, or on the Annotator):
//   viewer.annotations            get: W3C Annotation objects; set: Annotations, an AnnotationPage
//                                 or an AnnotationCollection (validated; throws TypeError with
//                                 the reason and changes nothing when invalid)
//   "clausemark-annotate" event   detail { action: add|edit|delete|clear|undo|import|set|sync,
//                                 id, annotations } after every change
//   <clausemark-viewer no-annotate>  no annotation layer at all
//   Annotator methods             add({ clause | index, start, end, color, tag, note }),
//                                 update(id, patch), remove(id), clear(), undo(), exportJSON(),
//                                 importJSON(text), citation(clauseId), link(clauseId),
//                                 quotation(annotationId); getter orphans
// Theming: --cm-annot-yellow/green/blue/pink/orange, --cm-annot-panel-bg, --cm-annot-fg,
// --cm-annot-border, --cm-annot-focus on the element (see annotations.css).

import {
  COLORS,
  anchorAnnotation,
  alignToSource,
  clauseLink,
  clauseWords,
  flattenClauses,
  formatCitation,
  newId,
  parseImport,
  quoteOf,
  relatedKeys,
  sourceIri,
  storageKey,
  toCollection,
  toW3C,
} from "./annotate-core.js";

const CSS_URL = new URL("./annotations.css", import.meta.url).href;
const UNDO_LIMIT = 100;
const COLOR_NAMES = { yellow: "Yellow", green: "Green", blue: "Blue", pink: "Pink", orange: "Orange" };

/** Connected annotators of this page: those showing the same document follow each other's saves. */
const live = new Set();

let sheetPromise = null;
function loadSheet() {
  if (!sheetPromise) {
    sheetPromise = fetch(CSS_URL)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
      .then((css) => {
        const s = new CSSStyleSheet();
        return s.replace(css);
      })
      .catch(() => null);
  }
  return sheetPromise;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function clip(s, n) {
  s = String(s ?? "").replace(/\s+/g, " ").trim();
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function nowIso() {
  return new Date().toISOString();
}

/** UTF-16 offset of (container, offset) within `root`'s text. */
function textOffset(root, container, offset) {
  const r = document.createRange();
  r.setStart(root, 0);
  r.setEnd(container, offset);
  return r.toString().length;
}

/** A live Range covering [start, end) of `root`'s text. */
function rangeFor(root, start, end) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let pos = 0;
  let sNode = null;
  let sOff = 0;
  let node;
  while ((node = walker.nextNode())) {
    const len = node.data.length;
    if (!sNode && start <= pos + len && start >= pos) {
      if (start < pos + len || end === start) {
        sNode = node;
        sOff = start - pos;
      }
    }
    if (sNode && end <= pos + len) {
      const r = document.createRange();
      r.setStart(sNode, sOff);
      r.setEnd(node, end - pos);
      return r;
    }
    pos += len;
  }
  return null;
}

export class Annotator {
  constructor(viewer) {
    this.viewer = viewer;
    this._anns = []; // internal annotations (see annotate-core.js)
    this._anchors = new Map(); // id → { clause, start, end, method }
    this._undo = [];
    this._key = null;
    this._text = null;
    this._doc = null;
    this._clauses = [];
    this._pendingSet = null;
    this._selected = null; // selected clause id
    this._ranges = new Map(); // colour → [Range] registered in CSS.highlights by this instance
    this._filled = new Set(); // .cm-margin elements we filled
    this._panelOpen = null;
    this._status = "";
    this._statusKind = "status";
    this._details = [];
    this._connected = false;
    this._onKey = this._onKey.bind(this);
    this._onPointerUp = this._onPointerUp.bind(this);
    this._onSelect = this._onSelect.bind(this);
    this._onSelectionChange = this._onSelectionChange.bind(this);
    this._onStorage = (e) => {
      if (e.key !== this._key || e.storageArea !== localStorage) return;
      this._anns = this._load();
      this._undo = [];
      this._reanchor();
      this._paint();
      this._emit("sync", null);
    };
    this._onScroll = () => {
      if (this._float && !this._float.hidden && this._pendingSel) this._placeFloat(this._pendingSel);
    };
  }

  // ------------------------------------------------------------------ lifecycle

  connect() {
    if (this._connected) return;
    this._connected = true;
    live.add(this);
    const root = this.viewer.shadowRoot;
    root?.addEventListener("keydown", this._onKey);
    root?.addEventListener("pointerup", this._onPointerUp);
    root?.addEventListener("keyup", this._onPointerUp);
    this.viewer.addEventListener("clausemark-select", this._onSelect);
    document.addEventListener("selectionchange", this._onSelectionChange);
    window.addEventListener("scroll", this._onScroll, true);
    window.addEventListener("storage", this._onStorage);
    this._injectStyles();
  }

  disconnect() {
    if (!this._connected) return;
    this._connected = false;
    live.delete(this);
    const root = this.viewer.shadowRoot;
    root?.removeEventListener("keydown", this._onKey);
    root?.removeEventListener("pointerup", this._onPointerUp);
    root?.removeEventListener("keyup", this._onPointerUp);
    this.viewer.removeEventListener("clausemark-select", this._onSelect);
    document.removeEventListener("selectionchange", this._onSelectionChange);
    window.removeEventListener("scroll", this._onScroll, true);
    window.removeEventListener("storage", this._onStorage);
    // leave the viewer as it was: no highlights, notes, panel or dialog of ours (refresh() after a
    // new connect() puts them back)
    this._clearHighlights();
    this._hideFloat();
    if (this._dialog?.open) this._dialog.close();
    for (const m of this._filled) m.replaceChildren();
    this._filled = new Set();
    this._panel?.remove();
    this._dialog?.remove();
    this._float?.remove();
  }

  /** Called by the viewer after every render. */
  refresh() {
    const root = this.viewer.shadowRoot;
    if (!root) return;
    this._injectStyles();
    const doc = this.viewer.document ?? null;
    const text = typeof this.viewer.text === "string" ? this.viewer.text : "";
    const key = storageKey(doc, text);
    if (key !== this._key) {
      this._key = key;
      this._undo = [];
      if (this._pendingSet) {
        this._anns = this._pendingSet;
        this._pendingSet = null;
        this._setDoc(doc, text);
        this._save();
      } else {
        this._anns = this._load();
        this._setDoc(doc, text);
      }
      this._related = this._findRelated(doc);
    } else if (doc !== this._doc || text !== this._text) {
      this._setDoc(doc, text);
    }
    this._paint();
  }

  // ------------------------------------------------------------------ public API

  /** Plain W3C Annotation objects (what export writes, one per annotation). */
  get annotations() {
    const source = sourceIri(this._doc, this._text);
    return this._anns.map((a) => toW3C(a, source));
  }

  /** Replace every annotation (W3C objects, an AnnotationPage or an AnnotationCollection). */
  set annotations(v) {
    const r = parseImport(v ?? []);
    if (!r.ok) throw new TypeError(`clausemark annotations: ${r.error}${r.details.length ? ` ${r.details.join("; ")}` : ""}`);
    if (this._key === null) {
      this._pendingSet = r.annotations;
      this._anns = r.annotations;
      return;
    }
    this._change("set", null, () => {
      this._anns = r.annotations;
    });
  }

  /** Annotations that could not be placed in the current text (W3C objects). */
  get orphans() {
    const source = sourceIri(this._doc, this._text);
    return this._anns.filter((a) => !this._anchors.has(a.id)).map((a) => toW3C(a, source));
  }

  /**
   * Add a highlight on [start, end) of a clause's text (the whole clause when omitted). The
   * clause is given by id, or by `index` in document order when a document repeats an id.
   */
  add({ clause, index, start, end, color = COLORS[0], tag = "", note = "" }) {
    const c = Number.isInteger(index) ? this._clauses[index] : this._clauses.find((x) => x.id === clause);
    if (!c) throw new RangeError(`no clause ${index ?? clause}`);
    const whole = start == null || end == null;
    const s = whole ? 0 : Math.max(0, Math.min(start, c.text.length));
    const e = whole ? c.text.length : Math.max(s, Math.min(end, c.text.length));
    if (e <= s) throw new RangeError("empty selection");
    const t = nowIso();
    const ann = { id: newId(), created: t, modified: t, color: COLORS.includes(color) ? color : COLORS[0], tag: String(tag).trim(), note: String(note), whole, clause: c.id, ...quoteOf(c.text, s, e), start: null, end: null };
    this._setPositions(ann, c, s, e);
    this._change("add", ann.id, () => {
      this._anns.push(ann);
      this._anchors.set(ann.id, { clause: c.id, index: c.index, start: s, end: e, method: "new" });
    });
    return ann.id;
  }

  update(id, patch) {
    const a = this._anns.find((x) => x.id === id);
    if (!a) return false;
    this._change("edit", id, () => {
      if (patch.color != null && COLORS.includes(patch.color)) a.color = patch.color;
      if (patch.tag != null) a.tag = String(patch.tag).trim();
      if (patch.note != null) a.note = String(patch.note);
      a.modified = nowIso();
    });
    return true;
  }

  remove(id) {
    if (!this._anns.some((x) => x.id === id)) return false;
    this._change("delete", id, () => {
      this._anns = this._anns.filter((x) => x.id !== id);
    });
    return true;
  }

  clear() {
    if (!this._anns.length) return;
    const n = this._anns.length;
    this._change("clear", null, () => {
      this._anns = [];
    });
    this._say(`Removed ${n} annotation${n === 1 ? "" : "s"}. Undo brings them back.`);
  }

  undo() {
    const prev = this._undo.pop();
    if (!prev) {
      this._say("Nothing to undo.");
      return false;
    }
    this._anns = prev;
    this._reanchor();
    this._save();
    this._paint();
    this._emit("undo", null);
    this._say("Undone.");
    return true;
  }

  /** The W3C AnnotationCollection as a JSON string. */
  exportJSON() {
    const source = sourceIri(this._doc, this._text);
    const label = `Annotations on ${this._doc?.symbol || this._doc?.title || "a UN document"}`;
    return JSON.stringify(toCollection(this._anns, { source, label }), null, 2);
  }

  /**
   * Import a W3C file's text: validated first; on any error nothing changes and the message
   * says what is wrong. Annotations with an id already present replace it; others are added.
   */
  importJSON(text) {
    const r = parseImport(text);
    if (!r.ok) {
      this._say(`Import failed: ${r.error}`, "alert", r.details);
      return r;
    }
    this._change("import", null, () => {
      const byId = new Map(this._anns.map((a, i) => [a.id, i]));
      for (const a of r.annotations) {
        if (byId.has(a.id)) this._anns[byId.get(a.id)] = a;
        else this._anns.push(a);
      }
    });
    const orphans = r.annotations.filter((a) => !this._anchors.has(a.id)).length;
    this._say(`Imported ${r.annotations.length} annotation${r.annotations.length === 1 ? "" : "s"}${orphans ? `; ${orphans} could not be placed in this text (listed below)` : ""}.`);
    return r;
  }

  citation(id) {
    return formatCitation(this._doc, id);
  }

  /** "E/CN.4/2002/L.108, operative paragraph 17 (b): “…quote…” [tag] note", for pasting elsewhere. */
  quotation(annotationId) {
    const a = this._anns.find((x) => x.id === annotationId);
    if (!a) return "";
    const at = this._anchors.get(a.id);
    const where = this.citation(at ? at.clause : a.clause);
    return `${where}: “${a.exact}”${a.tag ? ` [${a.tag}]` : ""}${a.note ? ` ${a.note}` : ""}`;
  }

  link(id) {
    return clauseLink(location.href, id);
  }

  // ------------------------------------------------------------------ state

  _change(action, id, fn) {
    this._undo.push(structuredClone(this._anns));
    if (this._undo.length > UNDO_LIMIT) this._undo.shift();
    fn();
    this._reanchor({ migrate: true });
    this._save();
    this._paint();
    this._emit(action, id);
  }

  _emit(action, id) {
    this.viewer.dispatchEvent(
      new CustomEvent("clausemark-annotate", { bubbles: true, composed: true, detail: { action, id, annotations: this.annotations } }),
    );
  }

  _setDoc(doc, text) {
    this._doc = doc;
    this._text = text;
    this._clauses = flattenClauses(doc);
    this._aligned = new Map();
    if (this._reanchor({ migrate: true })) this._save();
  }

  /** Source offsets for [s, e) of clause `c`'s text. */
  _setPositions(ann, c, s, e) {
    if (!this._text || !Array.isArray(c.span)) {
      ann.start = ann.end = null;
      return;
    }
    let map = this._aligned.get(c.index);
    if (!map) {
      map = alignToSource(c.text, this._text, c.span[0], c.span[1]);
      this._aligned.set(c.index, map);
    }
    // The parser may restore reading order inside a clause, so the map need not be monotonic:
    // take the source range that covers every character of the selection.
    let lo = map[s];
    let hi = e > s ? map[e - 1] + 1 : map[s];
    for (let i = s; i < e; i++) {
      if (map[i] < lo) lo = map[i];
      if (map[i] + 1 > hi) hi = map[i] + 1;
    }
    ann.start = lo;
    ann.end = hi;
  }

  /**
   * Anchor every annotation in the current clauses. With `migrate`, placed annotations take the
   * clause id, quote, context and positions of where they landed; returns whether any changed.
   */
  _reanchor({ migrate = false } = {}) {
    this._anchors = new Map();
    let changed = false;
    for (const a of this._anns) {
      const hit = anchorAnnotation(a, this._clauses);
      if (!hit) continue;
      this._anchors.set(a.id, hit);
      const c = this._clauses[hit.index];
      a.whole = hit.start === 0 && hit.end === c.text.length;
      if (!migrate) continue;
      const q = quoteOf(c.text, hit.start, hit.end);
      const before = `${a.clause}|${a.exact}|${a.prefix}|${a.suffix}|${a.start}|${a.end}`;
      Object.assign(a, { clause: c.id }, q);
      this._setPositions(a, c, hit.start, hit.end);
      if (`${a.clause}|${a.exact}|${a.prefix}|${a.suffix}|${a.start}|${a.end}` !== before) changed = true;
    }
    return changed;
  }

  /** Annotations kept for other versions of this document (…/Rev.1, the original…). */
  _findRelated(doc) {
    try {
      const keys = [];
      for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
      return relatedKeys(doc, keys)
        .map((r) => {
          const p = parseImport(localStorage.getItem(r.key) ?? "");
          return p.ok && p.annotations.length ? { ...r, count: p.annotations.length } : null;
        })
        .filter(Boolean);
    } catch {
      return [];
    }
  }

  _bringOver(r) {
    let raw = null;
    try {
      raw = localStorage.getItem(r.key);
    } catch {
      /* blocked storage: reported below */
    }
    if (raw == null) {
      this._say(`The annotations of ${r.symbol} are no longer in this browser.`, "alert");
      return;
    }
    this._related = this._related.filter((x) => x.key !== r.key);
    const res = this.importJSON(raw);
    if (res.ok) this._say(`Brought over ${res.annotations.length} annotation${res.annotations.length === 1 ? "" : "s"} from ${r.symbol}${this.orphans.length ? `; ${this.orphans.length} could not be placed in this version (listed below)` : ""}. The originals stay with ${r.symbol}.`);
  }

  _load() {
    let raw = null;
    try {
      raw = localStorage.getItem(this._key);
    } catch {
      return [];
    }
    if (raw == null) return [];
    const r = parseImport(raw);
    if (r.ok) return r.annotations;
    // never throw away what a user wrote: keep the unreadable copy aside and say so
    const aside = `${this._key}:unreadable:${Date.now()}`;
    try {
      localStorage.setItem(aside, raw);
      localStorage.removeItem(this._key);
    } catch {
      /* storage full or blocked: leave it where it is */
    }
    this._say(`Stored annotations for this document could not be read (${r.error}); the data was kept under "${aside}".`, "alert", r.details);
    return [];
  }

  _save() {
    if (!this._key) return;
    try {
      if (this._anns.length) localStorage.setItem(this._key, this.exportJSON());
      else localStorage.removeItem(this._key);
      // the storage event reaches other tabs only: tell the viewers of this page ourselves
      for (const other of live) if (other !== this && other._key === this._key) other._onStorage({ key: this._key, storageArea: localStorage });
    } catch (e) {
      this._say(`Annotations could not be saved in this browser (${e.name}); export them to keep them.`, "alert");
    }
  }

  // ------------------------------------------------------------------ DOM: styles, painting

  _injectStyles() {
    const root = this.viewer.shadowRoot;
    if (!root || this._styled === root) return;
    this._styled = root;
    loadSheet().then((sheet) => {
      if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      else if (!sheet && !root.querySelector("link[data-cm-annotations]")) {
        root.append(el("link", { rel: "stylesheet", href: CSS_URL, "data-cm-annotations": "" }));
      }
    });
  }

  /** The viewer's clause elements in document order (the order of this._clauses), cached. */
  _els() {
    if (!this._elList || (this._elList.length && !this._elList[0].isConnected)) {
      this._elList = [...(this.viewer.shadowRoot?.querySelectorAll(".cm-clause") ?? [])];
    }
    return this._elList;
  }

  /** The element of clause number `index` (falls back to the id when the counts disagree). */
  _elAt(index) {
    const c = this._clauses[index];
    if (!c) return null;
    const list = this._els();
    const node = list.length === this._clauses.length ? list[index] : null;
    if (node && (node.dataset.clauseId === c.id || node.dataset.clauseId?.startsWith(`${c.id}~`))) return node;
    return this._clauseEl(c.id);
  }

  /** The index in this._clauses of a clause element. */
  _indexOfEl(node) {
    const list = this._els();
    if (list.length === this._clauses.length) {
      const i = list.indexOf(node);
      if (i !== -1) return i;
    }
    const c = this._clauses.find((x) => x.id === node?.dataset.clauseId);
    return c ? c.index : -1;
  }

  _clauseEl(id) {
    const v = this.viewer;
    let node = typeof v.clauseElement === "function" ? v.clauseElement(id) : null;
    if (!node) node = v.shadowRoot?.querySelector(`.cm-clause[data-clause-id="${CSS.escape(id)}"]`) ?? null;
    return node;
  }

  _ownPart(clauseEl, cls) {
    for (const n of clauseEl.querySelectorAll(`.${cls}`)) {
      if (n.closest(".cm-clause") === clauseEl) return n;
    }
    return null;
  }

  _clearHighlights() {
    const reg = globalThis.CSS?.highlights;
    if (!reg) return;
    for (const [name, ranges] of this._ranges) {
      const h = reg.get(name);
      if (h) for (const r of ranges) h.delete(r);
    }
    this._ranges = new Map();
  }

  _highlight(name, range) {
    const reg = globalThis.CSS?.highlights;
    if (!reg || typeof Highlight === "undefined") return;
    let h = reg.get(name);
    if (!h) {
      h = new Highlight();
      reg.set(name, h);
    }
    h.add(range);
    if (!this._ranges.has(name)) this._ranges.set(name, []);
    this._ranges.get(name).push(range);
  }

  _paint() {
    const root = this.viewer.shadowRoot;
    if (!root) return;
    this._clearHighlights();
    for (const m of this._filled) m.replaceChildren();
    this._filled = new Set();
    this._elList = null;
    const byClause = new Map();
    for (const a of this._anns) {
      const at = this._anchors.get(a.id);
      if (!at) continue;
      if (!byClause.has(at.index)) byClause.set(at.index, []);
      byClause.get(at.index).push(a);
      const cel = this._elAt(at.index);
      const textEl = cel && this._ownPart(cel, "cm-clause-text");
      const range = textEl && rangeFor(textEl, at.start, at.end);
      if (range) this._highlight(`cm-annot-${a.color}`, range);
    }
    const selected = this._selectedIndex();
    const indexes = new Set(byClause.keys());
    if (selected !== -1) indexes.add(selected);
    for (const i of indexes) {
      const cel = this._elAt(i);
      const margin = cel && this._ownPart(cel, "cm-margin");
      if (!margin) continue;
      this._filled.add(margin);
      if (i === selected) margin.append(this._actionBar(i));
      for (const a of byClause.get(i) ?? []) margin.append(this._marginNote(a));
    }
    this._renderPanel();
  }

  _marginNote(a) {
    const at = this._anchors.get(a.id);
    const where = clauseWords(at.clause);
    const label = [
      `${a.note ? "Note" : "Highlight"} on ${where}`,
      a.tag ? `tag ${a.tag}` : null,
      COLOR_NAMES[a.color],
      a.note ? a.note : `“${clip(a.exact, 80)}”`,
      "Press Enter to edit",
    ].filter(Boolean).join(". ");
    return el(
      "div",
      { class: `cm-annot-note cm-annot-${a.color}`, dataset: { annotId: a.id } },
      el(
        "button",
        { type: "button", class: "cm-annot-note-btn", "aria-label": label, title: "Edit this annotation", onclick: () => this._openEditor({ ann: a }) },
        el("span", { class: "cm-annot-swatch", "aria-hidden": "true" }),
        a.tag ? el("span", { class: "cm-annot-tag", text: a.tag }) : null,
        el("span", { class: a.note ? "cm-annot-note-text" : "cm-annot-note-quote", text: a.note ? a.note : `“${clip(a.exact, 60)}”` }),
      ),
    );
  }

  _actionBar(index) {
    const id = this._clauses[index].id;
    const words = clauseWords(id);
    // the link names the element the viewer can scroll to ("op1~7" when the document repeats "op1")
    const anchor = this._elAt(index)?.dataset.clauseId || id;
    return el(
      "div",
      { class: "cm-annot-actions", role: "group", "aria-label": `Actions for ${words}` },
      el("button", { type: "button", class: "cm-annot-act-highlight", "aria-label": `Highlight ${words} (key A on the clause)`, text: "Highlight", onclick: () => this._annotateClause(index) }),
      el("button", { type: "button", class: "cm-annot-act-link", "aria-label": `Copy link to ${words}`, text: "Copy link", onclick: () => this._copy(this.link(anchor), "Link") }),
      el("button", { type: "button", class: "cm-annot-act-cite", "aria-label": `Copy citation of ${words}`, text: "Copy citation", onclick: () => this._copy(this.citation(id), "Citation") }),
    );
  }

  async _copy(text, what) {
    try {
      await navigator.clipboard.writeText(text);
      this._say(`${what} copied: ${text}`);
    } catch {
      this._say(`${what} (copy it by hand; the clipboard is not available): ${text}`);
    }
  }

  // ------------------------------------------------------------------ panel

  _renderPanel() {
    const root = this.viewer.shadowRoot;
    if (!this._panel) {
      this._fileInput = el("input", { type: "file", accept: ".json,.jsonld,application/json,application/ld+json", class: "cm-annot-file", hidden: true, "aria-hidden": "true", tabindex: "-1" });
      this._fileInput.addEventListener("change", () => this._readFile());
      this._count = el("span", { class: "cm-annot-count" });
      this._statusEl = el("div", { class: "cm-annot-status", role: "status", "aria-live": "polite" });
      this._alertEl = el("div", { class: "cm-annot-alert", role: "alert" });
      this._list = el("ol", { class: "cm-annot-list", "aria-label": "Annotations" });
      this._orphanBox = el("section", { class: "cm-annot-orphans", "aria-label": "Annotations not found in this text" });
      this._relatedBox = el("section", { class: "cm-annot-related", "aria-label": "Annotations on other versions of this document" });
      this._tagFilter = el("select", { class: "cm-annot-filter", "aria-label": "Show annotations with tag" });
      this._tagFilter.addEventListener("change", () => {
        this._filterTag = this._tagFilter.value;
        this._renderPanel();
      });
      this._undoBtn = el("button", { type: "button", class: "cm-annot-undo", text: "Undo", title: "Undo (Ctrl+Z)", "aria-label": "Undo the last annotation change", onclick: () => this.undo() });
      this._panel = el(
        "details",
        { class: "cm-annot-panel" },
        el("summary", { onclick: () => setTimeout(() => (this._panelOpen = this._panel.open)) }, "Annotations ", this._count),
        el(
          "div",
          { class: "cm-annot-toolbar", role: "toolbar", "aria-label": "Annotation tools" },
          this._undoBtn,
          el("button", { type: "button", class: "cm-annot-export", text: "Export", "aria-label": "Export annotations as W3C Web Annotation JSON", onclick: () => this._download() }),
          el("button", { type: "button", class: "cm-annot-import", text: "Import…", "aria-label": "Import annotations from a W3C Web Annotation JSON file", onclick: () => this._fileInput.click() }),
          el("button", { type: "button", class: "cm-annot-clear", text: "Clear all", "aria-label": "Remove all annotations (undo brings them back)", onclick: () => this.clear() }),
          this._fileInput,
          el("label", { class: "cm-annot-filter-label" }, el("span", { text: "Show" }), this._tagFilter),
        ),
        this._statusEl,
        this._alertEl,
        el("p", { class: "cm-annot-help", text: "Select words in a clause, or focus a clause and press A, to highlight it and add a note." }),
        this._relatedBox,
        this._list,
        this._orphanBox,
      );
    }
    if (!this._panel.isConnected) root.prepend(this._panel);
    if (this._dialog && !this._dialog.isConnected) root.append(this._dialog);
    const placed = this._anns.filter((a) => this._anchors.has(a.id));
    const orphans = this._anns.filter((a) => !this._anchors.has(a.id));
    this._count.textContent = `(${this._anns.length})`;
    // notes are in the margins, so the list stays folded until asked for; it opens by itself only
    // for what needs attention (annotations that could not be placed, an error)
    const related = this._related ?? [];
    if (!this._panel.open && this._panelOpen !== false && (orphans.length || this._statusKind === "alert" || (related.length && !this._anns.length))) this._panel.open = true;
    this._relatedBox.replaceChildren(
      ...(related.length
        ? [
            el("h3", { text: "Other versions of this document" }),
            ...related.map((r) =>
              el("button", {
                type: "button",
                class: "cm-annot-bring",
                text: `Bring over ${r.count} annotation${r.count === 1 ? "" : "s"} from ${r.symbol}`,
                onclick: () => this._bringOver(r),
              }),
            ),
          ]
        : []),
    );
    this._undoBtn.disabled = this._undo.length === 0;
    this._renderStatus();
    // in document order
    const order = new Map(this._clauses.map((c, i) => [c.id, i]));
    placed.sort((x, y) => {
      const ax = this._anchors.get(x.id);
      const ay = this._anchors.get(y.id);
      return (order.get(ax.clause) ?? 0) - (order.get(ay.clause) ?? 0) || ax.start - ay.start;
    });
    const tags = [...new Set(this._anns.map((a) => a.tag).filter(Boolean))].sort((x, y) => x.localeCompare(y));
    if (this._filterTag && !tags.includes(this._filterTag)) this._filterTag = "";
    this._tagFilter.replaceChildren(
      el("option", { value: "", text: `all (${this._anns.length})` }),
      ...tags.map((t) => el("option", { value: t, text: `${t} (${this._anns.filter((a) => a.tag === t).length})` })),
    );
    this._tagFilter.value = this._filterTag || "";
    this._tagFilter.disabled = tags.length === 0;
    const shown = this._filterTag ? placed.filter((a) => a.tag === this._filterTag) : placed;
    this._list.replaceChildren(...shown.map((a) => this._listItem(a)));
    if (orphans.length) {
      this._orphanBox.replaceChildren(
        el("h3", { text: `Not found in this text (${orphans.length})` }),
        el("p", { class: "cm-annot-help", text: "These annotations are kept: they come back when their words are in the document again." }),
        el("ol", { class: "cm-annot-list" }, ...orphans.map((a) => this._listItem(a, true))),
      );
    } else {
      this._orphanBox.replaceChildren();
    }
  }

  _listItem(a, orphan = false) {
    const at = this._anchors.get(a.id);
    const where = orphan ? `was ${clauseWords(a.clause || "?")}` : this.citation(at.clause);
    return el(
      "li",
      { class: `cm-annot-item cm-annot-${a.color}${orphan ? " cm-annot-orphan" : ""}`, dataset: { annotId: a.id } },
      el("div", { class: "cm-annot-where" }, el("span", { class: "cm-annot-swatch", "aria-hidden": "true" }), el("span", { text: where })),
      el("blockquote", { class: "cm-annot-quote", text: a.whole ? clip(a.exact, 160) : a.exact }),
      a.tag ? el("span", { class: "cm-annot-tag", text: a.tag }) : null,
      a.note ? el("p", { class: "cm-annot-note-text", text: a.note }) : null,
      el(
        "div",
        { class: "cm-annot-item-actions" },
        orphan ? null : el("button", { type: "button", class: "cm-annot-goto", text: "Go to", "aria-label": `Go to ${clauseWords(at.clause)}`, onclick: () => this._goto(a.id) }),
        orphan
          ? null
          : el("button", {
              type: "button",
              class: "cm-annot-copy",
              text: "Copy",
              "aria-label": `Copy the citation, quote and note of the annotation on ${clauseWords(at.clause)}`,
              onclick: () => this._copy(this.quotation(a.id), "Quotation"),
            }),
        orphan ? null : el("button", { type: "button", class: "cm-annot-edit", text: "Edit", "aria-label": `Edit annotation on ${clauseWords(at.clause)}`, onclick: () => this._openEditor({ ann: a }) }),
        el("button", { type: "button", class: "cm-annot-delete", text: "Delete", "aria-label": `Delete annotation ${orphan ? "" : `on ${clauseWords(at.clause)}`}`.trim(), onclick: () => this.remove(a.id) }),
      ),
    );
  }

  _goto(id) {
    const at = this._anchors.get(id);
    if (!at) return;
    const cel = this._elAt(at.index);
    if (typeof this.viewer.select === "function") this.viewer.select(cel?.dataset.clauseId ?? at.clause);
    cel?.scrollIntoView({ block: "center" });
    const btn = this.viewer.shadowRoot?.querySelector(`.cm-annot-note[data-annot-id="${CSS.escape(id)}"] button`);
    (btn || cel)?.focus({ preventScroll: true });
  }

  _say(msg, kind = "status", details = []) {
    this._status = msg;
    this._statusKind = kind;
    this._details = details;
    this._renderStatus();
    if (kind === "alert" && this._panel) this._panel.open = true;
  }

  _renderStatus() {
    if (!this._statusEl) return;
    const alert = this._statusKind === "alert";
    this._statusEl.textContent = alert ? "" : this._status;
    this._alertEl.replaceChildren();
    if (alert && this._status) {
      this._alertEl.append(el("p", { text: this._status }));
      if (this._details.length) this._alertEl.append(el("ul", {}, ...this._details.slice(0, 20).map((d) => el("li", { text: d }))));
    }
  }

  _download() {
    const json = this.exportJSON();
    const blob = new Blob([json], { type: "application/ld+json" });
    const url = URL.createObjectURL(blob);
    const name = `${(this._doc?.symbol || "annotations").replace(/[^\w.-]+/g, "_")}.annotations.json`;
    const a = el("a", { href: url, download: name });
    this.viewer.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this._say(`Exported ${this._anns.length} annotation${this._anns.length === 1 ? "" : "s"} to ${name}.`);
  }

  async _readFile() {
    const f = this._fileInput.files?.[0];
    this._fileInput.value = "";
    if (!f) return;
    let text;
    try {
      text = await f.text();
    } catch (e) {
      this._say(`Import failed: the file could not be read (${e.message}).`, "alert");
      return;
    }
    this.importJSON(text);
  }

  // ------------------------------------------------------------------ creating annotations

  _onSelect(e) {
    const id = e.detail?.id ?? null;
    if (id === this._selected) return;
    this._selected = id;
    this._paint();
  }

  /** Index of the viewer's selected clause (its element id may be "op1~7" for a repeated id). */
  _selectedIndex() {
    if (!this._selected) return -1;
    const node = this._clauseEl(this._selected);
    return node ? this._indexOfEl(node) : -1;
  }

  _annotateClause(index) {
    const c = this._clauses[index];
    if (!c || !c.text) return;
    this._openEditor({ index, clause: c.id, start: 0, end: c.text.length, whole: true });
  }

  _onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key === "z" && !this._isField(e)) {
        if (this.undo()) e.preventDefault();
      }
      return;
    }
    if (e.key === "Escape") this._hideFloat();
    if (this._isField(e)) return;
    if (e.key !== "a" && e.key !== "A") return;
    const path = e.composedPath();
    const target = path[0];
    if (!(target instanceof Element)) return;
    const clause = target.closest(".cm-clause");
    if (!clause || target.closest(".cm-margin")) return;
    const index = this._indexOfEl(clause);
    if (index === -1) return;
    e.preventDefault();
    const sel = this._selection();
    if (sel && sel.index === index) this._openEditor(sel);
    else this._annotateClause(index);
  }

  _isField(e) {
    const t = e.composedPath()[0];
    return t instanceof Element && (t.closest("input, textarea, select, [contenteditable]") != null || t.closest("dialog") != null);
  }

  /** The current text selection as { clause, start, end } inside one clause's own text, or null. */
  _selection() {
    const root = this.viewer.shadowRoot;
    const sel = document.getSelection();
    if (!root || !sel || sel.rangeCount === 0) return null;
    let r = null;
    try {
      if (typeof sel.getComposedRanges === "function") {
        try {
          r = sel.getComposedRanges({ shadowRoots: [root] })[0] ?? null;
        } catch {
          r = sel.getComposedRanges(root)[0] ?? null;
        }
      } else if (typeof root.getSelection === "function") {
        const s = root.getSelection();
        r = s && s.rangeCount ? s.getRangeAt(0) : null;
      } else {
        r = sel.getRangeAt(0);
      }
    } catch {
      return null;
    }
    if (!r || r.collapsed) return null;
    const elOf = (n) => (n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement);
    let startText = elOf(r.startContainer)?.closest(".cm-clause-text");
    const endText = elOf(r.endContainer)?.closest(".cm-clause-text");
    // a selection that starts on a clause's number (or just before its text) starts at its text
    const fromLabel = !startText && endText && elOf(r.startContainer)?.closest(".cm-clause") === endText.closest(".cm-clause");
    if (fromLabel) startText = endText;
    if (!startText || startText.getRootNode() !== root) return null;
    const clauseEl = startText.closest(".cm-clause");
    if (!clauseEl) return null;
    const c = this._clauses[this._indexOfEl(clauseEl)];
    if (!c) return null;
    const id = c.id;
    let start = fromLabel ? 0 : textOffset(startText, r.startContainer, r.startOffset);
    let end = endText === startText ? textOffset(startText, r.endContainer, r.endOffset) : c.text.length;
    // snap to whole words: a selection that cuts a word takes all of it
    const word = /[\p{L}\p{N}'’-]/u;
    while (start > 0 && start < end && word.test(c.text[start - 1]) && word.test(c.text[start])) start--;
    while (end < c.text.length && end > start && word.test(c.text[end]) && word.test(c.text[end - 1])) end++;
    while (start < end && /\s/.test(c.text[start])) start++;
    while (end > start && /\s/.test(c.text[end - 1])) end--;
    if (end <= start) return null;
    return { index: c.index, clause: id, start, end, whole: start === 0 && end === c.text.length };
  }

  _onSelectionChange() {
    if (this._float?.isConnected && !this._selection()) this._hideFloat();
  }

  _onPointerUp(e) {
    if (e.type === "keyup" && !e.shiftKey) return;
    const t = e.composedPath()[0];
    if (t instanceof Element && t.closest(".cm-annot-float, dialog, .cm-annot-panel")) return;
    // let the selection settle
    setTimeout(() => {
      const sel = this._selection();
      if (sel) this._showFloat(sel);
      else this._hideFloat();
    }, 0);
  }

  _showFloat(sel) {
    const root = this.viewer.shadowRoot;
    this._pendingSel = sel;
    if (!this._float) {
      const keep = (ev) => ev.preventDefault(); // keep the text selection while clicking
      this._float = el(
        "div",
        { class: "cm-annot-float", role: "toolbar", "aria-label": "Annotate selection" },
        el("button", { type: "button", class: "cm-annot-float-hl", text: "Highlight", "aria-label": "Highlight the selected words", onmousedown: keep, onclick: () => this._quickHighlight() }),
        el("button", { type: "button", class: "cm-annot-float-note", text: "Note…", "aria-label": "Highlight the selected words and add a note", onmousedown: keep, onclick: () => this._openEditor(this._pendingSel) }),
      );
    }
    if (!this._float.isConnected) root.append(this._float);
    this._placeFloat(sel);
    this._float.hidden = false;
  }

  _placeFloat(sel) {
    const cel = this._elAt(sel.index);
    const textEl = cel && this._ownPart(cel, "cm-clause-text");
    const range = textEl && rangeFor(textEl, sel.start, sel.end);
    const rect = range?.getBoundingClientRect();
    if (rect) {
      this._float.style.top = `${Math.max(4, rect.top - 40)}px`;
      this._float.style.left = `${Math.max(4, Math.min(window.innerWidth - 200, rect.left))}px`;
    }
  }

  _hideFloat() {
    if (this._float) this._float.hidden = true;
  }

  _quickHighlight() {
    const sel = this._pendingSel;
    this._hideFloat();
    if (!sel) return;
    this.add({ index: sel.index, start: sel.start, end: sel.end, color: this._lastColor || COLORS[0] });
    document.getSelection()?.removeAllRanges();
    this._say(`Highlighted in ${clauseWords(sel.clause)}.`);
  }

  // ------------------------------------------------------------------ the editor dialog

  _buildDialog() {
    const title = el("h2", { class: "cm-annot-dlg-title", id: "cm-annot-dlg-title" });
    const quote = el("blockquote", { class: "cm-annot-dlg-quote" });
    const swatches = COLORS.map((c) =>
      el(
        "label",
        { class: `cm-annot-color cm-annot-${c}` },
        el("input", { type: "radio", name: "cm-annot-color", value: c }),
        el("span", { class: "cm-annot-swatch", "aria-hidden": "true" }),
        el("span", { text: COLOR_NAMES[c] }),
      ),
    );
    const tags = el("datalist", { id: "cm-annot-tags" });
    const tag = el("input", { type: "text", name: "tag", class: "cm-annot-tag-input", list: "cm-annot-tags", maxlength: "60", autocomplete: "off" });
    const note = el("textarea", { name: "note", class: "cm-annot-note-input", rows: "4", maxlength: "10000" });
    const del = el("button", { type: "button", class: "cm-annot-dlg-delete", text: "Delete" });
    const cancel = el("button", { type: "button", class: "cm-annot-dlg-cancel", text: "Cancel" });
    const save = el("button", { type: "submit", class: "cm-annot-dlg-save", text: "Save" });
    const form = el(
      "form",
      { method: "dialog" },
      title,
      quote,
      el("fieldset", { class: "cm-annot-colors" }, el("legend", { text: "Colour" }), ...swatches),
      el("label", { class: "cm-annot-field" }, el("span", { text: "Tag" }), tag, tags),
      el("label", { class: "cm-annot-field" }, el("span", { text: "Note (optional)" }), note),
      el("p", { class: "cm-annot-help", text: "Ctrl+Enter saves, Escape cancels." }),
      el("div", { class: "cm-annot-dlg-buttons" }, save, cancel, del),
    );
    const dialog = el("dialog", { class: "cm-annot-dialog", "aria-labelledby": "cm-annot-dlg-title" }, form);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this._saveEditor();
    });
    note.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this._saveEditor();
      }
    });
    cancel.addEventListener("click", () => dialog.close());
    del.addEventListener("click", () => {
      const id = this._editing?.ann?.id;
      dialog.close();
      if (id) this.remove(id);
    });
    dialog.addEventListener("close", () => this._afterEditor());
    this._dlg = { dialog, title, quote, tag, tags, note, del, form };
    this._dialog = dialog;
  }

  _openEditor(target) {
    if (!target) return;
    this._hideFloat();
    if (!this._dialog) this._buildDialog();
    const root = this.viewer.shadowRoot;
    if (!this._dialog.isConnected) root.append(this._dialog);
    const d = this._dlg;
    const ann = target.ann ?? null;
    const at = ann ? this._anchors.get(ann.id) : null;
    const index = ann ? at?.index ?? -1 : target.index;
    const c = this._clauses[index];
    const clause = c ? c.id : ann?.clause ?? "";
    const exact = ann ? ann.exact : c ? c.text.slice(target.start, target.end) : "";
    this._editing = { ...target, ann, clause, index };
    const active = root.activeElement;
    this._returnFocus = active && !active.closest(".cm-annot-float") ? active : this._elAt(index);
    const whole = ann ? ann.whole : target.whole;
    d.title.textContent = `${ann ? "Edit annotation on" : whole ? "Highlight" : "Highlight words in"} ${clauseWords(clause)}`;
    d.quote.textContent = clip(exact, 300);
    const color = ann?.color ?? this._lastColor ?? COLORS[0];
    for (const r of d.form.querySelectorAll('input[name="cm-annot-color"]')) r.checked = r.value === color;
    d.tag.value = ann?.tag ?? "";
    d.note.value = ann?.note ?? "";
    d.del.hidden = !ann;
    const used = [...new Set(this._anns.map((a) => a.tag).filter(Boolean))].sort();
    d.tags.replaceChildren(...used.map((t) => el("option", { value: t })));
    document.getSelection()?.removeAllRanges();
    this._dialog.showModal();
    d.note.focus();
  }

  _saveEditor() {
    const d = this._dlg;
    const ed = this._editing;
    if (!ed) return;
    const color = d.form.querySelector('input[name="cm-annot-color"]:checked')?.value ?? COLORS[0];
    this._lastColor = color;
    this._editing = null;
    this._focusAfter = ed.index;
    d.dialog.close();
    if (ed.ann) {
      this.update(ed.ann.id, { color, tag: d.tag.value, note: d.note.value });
      this._say(`Annotation on ${clauseWords(ed.clause)} saved.`);
    } else {
      this.add({ index: ed.index, start: ed.start, end: ed.end, color, tag: d.tag.value, note: d.note.value });
      this._say(`${d.note.value.trim() ? "Note" : "Highlight"} added to ${clauseWords(ed.clause)}.`);
    }
    this._restoreFocus();
  }

  _afterEditor() {
    this._editing = null;
    this._restoreFocus();
  }

  _restoreFocus() {
    const target = this._returnFocus?.isConnected ? this._returnFocus : Number.isInteger(this._focusAfter) ? this._elAt(this._focusAfter) : null;
    this._returnFocus = null;
    this._focusAfter = null;
    target?.focus?.({ preventScroll: false });
  }
}
