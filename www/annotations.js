// annotations.js: highlights and notes pinned to clauses of a <clausemark-viewer>.
// (First minimal version: keeps annotations in memory; grows below.)
import { parseImport, toCollection, sourceIri } from "./annotate-core.js";

export class Annotator {
  constructor(viewer) {
    this.viewer = viewer;
    this._anns = [];
  }
  connect() {}
  disconnect() {}
  refresh() {}
  get annotations() {
    const doc = this.viewer?.document;
    return toCollection(this._anns, { source: sourceIri(doc, this.viewer?.text) }).first.items;
  }
  set annotations(v) {
    const r = parseImport(v ?? []);
    if (!r.ok) throw new TypeError(r.error + (r.details.length ? " " + r.details.join("; ") : ""));
    this._anns = r.annotations;
  }
}
