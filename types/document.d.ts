// The clausemark document model, as returned by parse() in JS (hand-written; mirrors
// src/model.rs field for field; tests/js/types.test.mjs compares these field names with the keys
// of real parsed documents, so a drift fails the tests).
//
// Every Span is [start, end) in UTF-16 code units of the string passed to parse(), so
// `text.slice(span[0], span[1])` is the spanned text. (The CLI's JSON uses byte offsets.)
// Absent values are `null` (never `undefined`) or `[]`.

/** `[start, end)`: UTF-16 code units into the parsed text. */
export type Span = [start: number, end: number];

export type DocumentKind =
  | "resolution"
  | "draft-resolution"
  | "decision"
  | "draft-decision"
  | "amendment"
  | "report"
  | "unknown";

export type Distribution = "general" | "limited" | "restricted";

export type Severity = "error" | "warning" | "info";

export interface Session {
  /** As printed: "Fifty-eighth session", "2025 session". */
  text: string;
  /** 58 for "Fifty-eighth session"; null when the text names no ordinal. */
  number: number | null;
}

export interface AgendaItem {
  /** "19", "23 (a)", "3 (b) (iii)". */
  number: string;
  title: string | null;
}

export interface ReportOf {
  /** "on the report of the Third Committee (A/79/431)". */
  text: string;
  symbol: string | null;
}

export interface Sponsor {
  /** As printed, line breaks folded. */
  name: string;
  /** ISO 3166-1 alpha-3; null when the name is not a known State. */
  iso3: string | null;
  /** The UN short name the sponsor resolved to. */
  un_name: string | null;
  /** Footnote marks printed after the name: ["*"], ["*", "**"]. */
  marks: string[];
  /** "Group of 77 and China" when a footnote says the sponsor acts on behalf of a group. */
  on_behalf_of: string | null;
  span: Span;
}

export interface Formula {
  /** "The Commission on Human Rights,". */
  text: string;
  span: Span;
}

export interface Phrase {
  /** The leading phrase: "Recalling also", "Requests". */
  text: string;
  span: Span;
  /** Lexicon category ("request", "recalling", ...); null when not recognised. */
  category: string | null;
}

export type InlineKind = "phrase" | "footnote-ref" | "reference" | "date";

/** An annotation inside a clause's `text`. */
export interface Inline {
  kind: InlineKind;
  /** `[start, end)` in UTF-16 code units of the CLAUSE's `text` (not of the document). */
  range: Span;
  /** Index into Document.footnotes / references / dates, by kind; null when unmatched. */
  index: number | null;
}

export interface Mandate {
  who: string | null;
  what: string | null;
  to: string | null;
  when: string | null;
}

export interface Clause {
  /** "pp1", "op17-b", "opA-3", "op" (single unnumbered operative paragraph), "op-p2" (the second unnumbered paragraph of a text the clause adopts, such as a declaration); unique: a numbering that restarts with no section heading gives "op1.2" (with a duplicate-id diagnostic). */
  id: string;
  /** As printed: "17.", "(b)"; null when unnumbered. */
  label: string | null;
  phrase: Phrase | null;
  /** The clause's own text (not its items'), cleaned. */
  text: string;
  /** From the label to the end of the last item. */
  span: Span;
  items: Clause[];
  /** Text after the items that still belongs to this clause. */
  continuation: string | null;
  /** Section heading the clause falls under ("A", "B. Plebiscite"); for the items of a text a clause adopts, the heading of that text they fall under ("Call for action"). */
  section: string | null;
  /** Who an operative clause addresses ("Secretary-General", "States"). */
  addressee: string[];
  mandate: Mandate | null;
  /** Phrase, footnote markers, references and dates inside `text`, in order. */
  inlines: Inline[];
}

export interface Footnote {
  /** "*", "**", "1". */
  mark: string;
  text: string;
  span: Span;
}

export interface Reference {
  /** "symbol" | "resolution" | "decision" | "paragraph" | "treaty". */
  kind: string;
  text: string;
  /** Canonical symbol ("A/RES/92(X)") or, for internal references, a clause id. */
  target: string | null;
  /** https://undocs.org/<target>; null for internal references. */
  url: string | null;
  /** Id of the clause the reference is in. */
  clause: string | null;
  span: Span;
}

export interface DateMention {
  text: string;
  /** "2002-04-22", "1993-06", "2023/2026". */
  iso: string;
  /** "day" | "month" | "year" | "range". */
  precision: string;
  clause: string | null;
  span: Span;
}

export interface Adoption {
  meeting: string | null;
  date: string | null;
  vote: string | null;
  span: Span;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable kebab-case code: "numbering-gap", "unmatched-marker", ... */
  code: string;
  message: string;
  span: Span;
}

export interface Document {
  kind: DocumentKind;
  symbol: string | null;
  masthead: string | null;
  organ: string | null;
  distribution: Distribution | null;
  /** ISO 8601: "2002-04-22". */
  date: string | null;
  language: string | null;
  session: Session | null;
  agenda_items: AgendaItem[];
  number: string | null;
  title: string | null;
  report_of: ReportOf | null;
  sponsors: Sponsor[];
  formula: Formula | null;
  preamble: Clause[];
  operative: Clause[];
  footnotes: Footnote[];
  references: Reference[];
  dates: DateMention[];
  adoption: Adoption | null;
  diagnostics: Diagnostic[];
}
