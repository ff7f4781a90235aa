// Types for www/clausemark.js (the wrapper the viewer imports). The document model types are
// hand-written in types/document.d.ts and shipped inside the generated pkg/clausemark.d.ts,
// which scripts/build-wasm.sh copies to www/pkg/.
import type { Document } from "./pkg/clausemark.js";
export type {
  AgendaItem,
  Adoption,
  Clause,
  DateMention,
  Diagnostic,
  Distribution,
  Document,
  DocumentKind,
  Footnote,
  Formula,
  Inline,
  InlineKind,
  Mandate,
  Phrase,
  Reference,
  ReportOf,
  Session,
  Severity,
  Span,
  Sponsor,
} from "./pkg/clausemark.js";

/** Thrown by parse()/parseJson() when the parser trapped; the module is already restarted. */
export class ClausemarkCrash extends Error {
  name: "ClausemarkCrash";
  cause: unknown;
}

/**
 * Load the WebAssembly module (once; later calls resolve at once). Default source:
 * ./pkg/clausemark_bg.wasm next to clausemark.js. In Node pass the bytes.
 */
export function load(
  source?: URL | string | ArrayBuffer | ArrayBufferView | WebAssembly.Module,
): Promise<void>;

/** True once load() has finished and an instance is live. */
export function isLoaded(): boolean;

/** Resolves when the module is usable (after load(), or after an asynchronous restart). */
export function ready(): Promise<void>;

/** Parse a resolution; spans are UTF-16 offsets into `text`. Throws ClausemarkCrash on a trap. */
export function parse(text: string): Document;

/** parse() as a JSON string (same UTF-16 offsets). */
export function parseJson(text: string): string;

/** The crate version, e.g. "0.1.0". */
export function version(): string;

/** @internal */
export function instanceCount(): number;
/** @internal Panics inside the module on purpose (recovery tests). */
export function __panicForTests(): never;
