// The styles of <clausemark-viewer>, adopted into its shadow root as a constructed stylesheet
// (no inline <style>, so the element runs under a strict style CSP too).
//
// Theming: every colour is a custom property on :host; override them from the page, e.g.
//   clausemark-viewer { --cm-accent: #005ea2; --cm-font: Georgia, serif; }
// theme="light" | theme="dark" force a theme; without it prefers-color-scheme decides.

export const css = String.raw`
:host {
  --cm-font: "Source Serif 4", "Georgia", "Times New Roman", serif;
  --cm-ui-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --cm-bg: #ffffff;
  --cm-fg: #1b1f24;
  --cm-muted: #5b6470;
  --cm-border: #d6dbe1;
  --cm-panel: #f5f7f9;
  --cm-accent: #005ea2;
  --cm-link: #0b5cad;
  --cm-hover: #fff6d6;
  --cm-hover-edge: #e8b500;
  --cm-selected: #e3f0ff;
  --cm-selected-edge: #005ea2;
  --cm-target: #ffe58a;
  --cm-chip-bg: #eef2f6;
  --cm-chip-fg: #1b1f24;
  --cm-mark: #b3261e;
  --cm-tip-bg: #1b1f24;
  --cm-tip-fg: #ffffff;
  --cm-find: #ffe066;
  --cm-find-current: #ff9632;
  --cm-pp: #5b6470;
  --cm-op: #1b1f24;
  --cm-diag-warning: #8a5a00;
  --cm-diag-error: #b3261e;
  --cm-diag-info: #3a5f8a;
  --cm-outline-width: 12rem;
  /* phrase categories: a fixed palette, chosen per category in JS (--cm-cat on each clause) */
  --cm-cat-0: #0b6e4f; --cm-cat-1: #a4133c; --cm-cat-2: #3f37c9; --cm-cat-3: #b05d00;
  --cm-cat-4: #00798c; --cm-cat-5: #7b2cbf; --cm-cat-6: #5c7a00; --cm-cat-7: #c2185b;
  --cm-cat-8: #0d47a1; --cm-cat-9: #6d4c41;
  display: block;
  color: var(--cm-fg);
  background: var(--cm-bg);
  font-family: var(--cm-font);
  font-size: 1rem;
  line-height: 1.55;
  position: relative;
}
:host([hidden]) { display: none; }

@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --cm-bg: #15181c; --cm-fg: #e6e9ed; --cm-muted: #9aa4af; --cm-border: #343b44;
    --cm-panel: #1d2126; --cm-accent: #6cb4ff; --cm-link: #8cc4ff; --cm-hover: #3a3320;
    --cm-hover-edge: #d6a800; --cm-selected: #1e3550; --cm-selected-edge: #6cb4ff;
    --cm-target: #5a4a10; --cm-chip-bg: #262c33; --cm-chip-fg: #e6e9ed; --cm-mark: #ff8a80;
    --cm-tip-bg: #f1f3f5; --cm-tip-fg: #15181c; --cm-find: #8a6d00; --cm-find-current: #c45a00;
    --cm-pp: #aab3bd; --cm-op: #e6e9ed;
    --cm-diag-warning: #ffcc66; --cm-diag-error: #ff8a80; --cm-diag-info: #9cc3ef;
    --cm-cat-0: #4fd1a5; --cm-cat-1: #ff7aa2; --cm-cat-2: #a5a0ff; --cm-cat-3: #ffb366;
    --cm-cat-4: #5fd3e6; --cm-cat-5: #c79bff; --cm-cat-6: #b6d96b; --cm-cat-7: #ff8fc0;
    --cm-cat-8: #82b1ff; --cm-cat-9: #c8a99a;
  }
}
:host([theme="dark"]) {
  --cm-bg: #15181c; --cm-fg: #e6e9ed; --cm-muted: #9aa4af; --cm-border: #343b44;
  --cm-panel: #1d2126; --cm-accent: #6cb4ff; --cm-link: #8cc4ff; --cm-hover: #3a3320;
  --cm-hover-edge: #d6a800; --cm-selected: #1e3550; --cm-selected-edge: #6cb4ff;
  --cm-target: #5a4a10; --cm-chip-bg: #262c33; --cm-chip-fg: #e6e9ed; --cm-mark: #ff8a80;
  --cm-tip-bg: #f1f3f5; --cm-tip-fg: #15181c; --cm-find: #8a6d00; --cm-find-current: #c45a00;
  --cm-pp: #aab3bd; --cm-op: #e6e9ed;
  --cm-diag-warning: #ffcc66; --cm-diag-error: #ff8a80; --cm-diag-info: #9cc3ef;
  --cm-cat-0: #4fd1a5; --cm-cat-1: #ff7aa2; --cm-cat-2: #a5a0ff; --cm-cat-3: #ffb366;
  --cm-cat-4: #5fd3e6; --cm-cat-5: #c79bff; --cm-cat-6: #b6d96b; --cm-cat-7: #ff8fc0;
  --cm-cat-8: #82b1ff; --cm-cat-9: #c8a99a;
}

*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
a { color: var(--cm-link); }
button, input { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--cm-accent); outline-offset: 2px; }
.cm-skip { position: absolute; left: 0; top: 0; z-index: 20; background: var(--cm-accent); color: var(--cm-bg);
  font-family: var(--cm-ui-font); font-size: .85rem; padding: .3rem .7rem; border-radius: 4px; }
.cm-skip:not(:focus) { width: 1px; height: 1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.cm-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* ---- states ---- */
.cm-status { font-family: var(--cm-ui-font); color: var(--cm-muted); padding: 1rem; }
.cm-error { font-family: var(--cm-ui-font); border: 1px solid var(--cm-diag-error); color: var(--cm-diag-error);
  border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.cm-raw { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: .85rem; background: var(--cm-panel);
  padding: 1rem; border-radius: 6px; max-height: 60vh; overflow: auto; }

/* ---- header ---- */
.cm-header { border-bottom: 2px solid var(--cm-fg); padding-bottom: .75rem; margin-bottom: 1rem; }
.cm-masthead { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .25rem 1.5rem;
  font-family: var(--cm-ui-font); font-size: .85rem; color: var(--cm-muted); }
.cm-symbol { font-family: var(--cm-ui-font); font-weight: 700; font-size: 1.35rem; color: var(--cm-fg); letter-spacing: .01em; }
.cm-kind { display: inline-block; font-family: var(--cm-ui-font); font-size: .72rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .06em; border: 1px solid currentColor; color: var(--cm-accent); border-radius: 999px; padding: 0 .55rem;
  margin-left: .6rem; vertical-align: middle; }
.cm-meta { margin: .35rem 0 0; display: flex; flex-wrap: wrap; gap: .15rem 1.25rem; font-family: var(--cm-ui-font); font-size: .85rem; }
.cm-meta dt { color: var(--cm-muted); display: inline; }
.cm-meta dt::after { content: ":"; }
.cm-meta dd { display: inline; margin: 0 0 0 .3rem; }
.cm-meta > div { white-space: normal; }
.cm-title { font-size: 1.45rem; line-height: 1.3; margin: .75rem 0 .25rem; font-weight: 700; }
.cm-title .cm-number { color: var(--cm-muted); font-weight: 600; margin-right: .5rem; }
.cm-reportof { font-style: italic; color: var(--cm-muted); margin: 0; }

/* ---- sponsors ---- */
.cm-sponsors { margin: 0 0 1rem; }
.cm-sponsors h2, .cm-outline h2, .cm-footnotes h2 { font-family: var(--cm-ui-font); font-size: .78rem; text-transform: uppercase;
  letter-spacing: .08em; color: var(--cm-muted); margin: 0 0 .35rem; font-weight: 600; }
.cm-sponsor-summary { font-family: var(--cm-ui-font); font-size: .88rem; margin: 0 0 .5rem; }
.cm-chips { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem; margin: 0; padding: 0; }
.cm-chip { font-family: var(--cm-ui-font); font-size: .82rem; border: 1px solid var(--cm-border); background: var(--cm-chip-bg);
  color: var(--cm-chip-fg); border-radius: 999px; padding: .1rem .6rem; cursor: help; line-height: 1.5; }
.cm-chip:hover { border-color: var(--cm-accent); }
.cm-chip[data-marked] { border-style: dashed; }
.cm-chip .cm-chip-mark { color: var(--cm-mark); font-weight: 700; margin-left: .1rem; }
.cm-chip .cm-iso { color: var(--cm-muted); font-size: .72rem; margin-left: .35rem; }

/* ---- toolbar: find, legend, diagnostics ---- */
.cm-toolbar { position: sticky; top: 0; z-index: 3; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .9rem;
  background: var(--cm-bg); border-bottom: 1px solid var(--cm-border); padding: .45rem 0; margin-bottom: .75rem;
  font-family: var(--cm-ui-font); font-size: .85rem; }
.cm-find { display: flex; align-items: center; gap: .25rem; }
.cm-find input { width: 13rem; padding: .2rem .45rem; border: 1px solid var(--cm-border); border-radius: 4px; background: var(--cm-bg); }
.cm-find-count { min-width: 4.5rem; color: var(--cm-muted); font-variant-numeric: tabular-nums; }
.cm-btn { border: 1px solid var(--cm-border); background: var(--cm-panel); border-radius: 4px; padding: .1rem .5rem; cursor: pointer; }
.cm-btn:hover { border-color: var(--cm-accent); }
.cm-btn[aria-pressed="true"] { background: var(--cm-accent); color: var(--cm-bg); border-color: var(--cm-accent); }
.cm-legend-bar { font-family: var(--cm-ui-font); font-size: .8rem; margin: 0 0 .4rem; display: grid; gap: .25rem; }
.cm-legend-bar .cm-legend { padding-left: 6.2rem; }
.cm-legend-bar .cm-legend-label { margin-left: -6.2rem; width: 6.2rem; }
.cm-legend-bar .cm-btn { padding: 0 .45rem; }
.cm-legend { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem; margin: 0; padding: 0; list-style: none; }
.cm-legend-label { color: var(--cm-muted); margin-right: .2rem; }
.cm-legend .cm-btn { display: inline-flex; align-items: center; gap: .3rem; }
.cm-swatch { width: .7rem; height: .7rem; border-radius: 2px; background: var(--cm-c, var(--cm-muted)); display: inline-block; }
.cm-legend .cm-btn[aria-pressed="true"] .cm-swatch { outline: 1px solid var(--cm-bg); }
.cm-filter-status { color: var(--cm-muted); }

/* ---- layout ---- */
.cm-layout { display: grid; grid-template-columns: var(--cm-outline-width) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
/* The layout follows the element's own width (a ResizeObserver sets .cm-narrow / .cm-tiny on
   .cm-root), not the window's: the viewer may sit in a sidebar. */
.cm-root { position: relative; }
.cm-narrow .cm-layout { grid-template-columns: minmax(0, 1fr); }
.cm-narrow .cm-outline { display: none; }
.cm-tiny .cm-clause { grid-template-columns: 1.9rem minmax(0, 1fr); padding-right: .15rem; }
.cm-tiny .cm-clause .cm-clause { grid-template-columns: 1.6rem minmax(0, 1fr); }
.cm-tiny .cm-pp:not(:has(> .cm-label:not(:empty))) { grid-template-columns: .6rem minmax(0, 1fr); }
.cm-tiny .cm-find input { width: 9rem; }
.cm-tiny .cm-legend-bar .cm-legend { padding-left: 0; }
.cm-tiny .cm-legend-bar .cm-legend-label { margin-left: 0; width: 100%; }
.cm-outline { position: sticky; top: 3.2rem; max-height: calc(100vh - 3.5rem); overflow: auto; font-family: var(--cm-ui-font);
  font-size: .8rem; padding-right: .25rem; }
.cm-outline ol { list-style: none; margin: 0 0 .6rem; padding: 0; }
.cm-outline a { display: block; text-decoration: none; color: var(--cm-muted); padding: .05rem .45rem; border-left: 2px solid transparent;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.cm-outline a:hover { color: var(--cm-fg); }
.cm-outline a[aria-current="location"] { color: var(--cm-accent); border-left-color: var(--cm-accent); font-weight: 600; }
.cm-outline .cm-outline-group { font-weight: 600; color: var(--cm-fg); }
.cm-outline .cm-outline-more { color: var(--cm-muted); padding: .1rem .45rem; font-style: italic; }
.cm-outline .cm-ol-num { display: inline-block; min-width: 1.8rem; font-variant-numeric: tabular-nums; }

/* ---- body ---- */
.cm-body { min-width: 0; }
.cm-formula { font-style: italic; margin: 0 0 .75rem; }
.cm-part { margin: 0 0 1rem; }
.cm-part > h2 { font-family: var(--cm-ui-font); font-size: .75rem; text-transform: uppercase; letter-spacing: .08em; color: var(--cm-muted);
  margin: 1.1rem 0 .4rem; font-weight: 600; border-bottom: 1px solid var(--cm-border); padding-bottom: .15rem; }
.cm-section-heading { font-size: 1.05rem; margin: 1.1rem 0 .4rem; text-align: center; }
.cm-item-heading { font-size: 1rem; }
.cm-outline .cm-outline-section { font-size: .72rem; text-transform: uppercase; letter-spacing: .06em; color: var(--cm-muted); padding: .35rem .45rem .1rem; }

.cm-clause { position: relative; display: grid; grid-template-columns: 2.6rem minmax(0, 1fr); column-gap: .2rem;
  border-left: 3px solid transparent; border-radius: 3px; padding: .2rem .4rem .2rem .3rem; margin: .1rem 0 .35rem;
  scroll-margin-top: 4rem; cursor: pointer; transition: background-color .12s; }
.cm-part > .cm-clause { content-visibility: auto; contain-intrinsic-size: auto 5rem; }
.cm-clause .cm-clause { margin: .15rem 0 .15rem; }
.cm-label { grid-column: 1; text-align: right; padding-right: .55rem; color: var(--cm-muted); font-variant-numeric: tabular-nums;
  user-select: none; }
.cm-clause > :not(.cm-label):not(.cm-margin) { grid-column: 2; min-width: 0; }
.cm-pp > .cm-clause-text { color: var(--cm-pp); }
.cm-op > .cm-clause-text { color: var(--cm-op); }
.cm-op > .cm-label { color: var(--cm-fg); font-weight: 600; }
.cm-phrase { font-style: italic; }
.cm-op .cm-phrase { font-weight: 650; }
.cm-clause.cm-has-cat > .cm-clause-text .cm-phrase { color: var(--cm-c); }
.cm-clause.cm-has-cat { border-left-color: color-mix(in srgb, var(--cm-c) 45%, transparent); }
.cm-continuation { display: block; margin-top: .2rem; }
.cm-clause-meta { display: none; margin: .3rem 0 0; font-family: var(--cm-ui-font); font-size: .78rem; color: var(--cm-muted); }
.cm-clause-meta > span + span::before { content: " · "; }
.cm-meta-key { font-weight: 600; }
.cm-selected > .cm-clause-meta { display: block; }
.cm-items { margin: 0; }
.cm-items:empty { display: none; }
.cm-margin { position: absolute; left: calc(100% + .5rem); top: .2rem; width: 0; }
.cm-margin:empty { display: none; }

.cm-clause.cm-hover { background: var(--cm-hover); border-left-color: var(--cm-hover-edge); }
.cm-clause.cm-hover .cm-clause { background: color-mix(in srgb, var(--cm-hover) 60%, transparent); }
.cm-clause:focus-visible { background: var(--cm-hover); outline: 2px solid var(--cm-accent); outline-offset: 1px; }
/* focus on a link or marker inside a clause highlights the innermost clause around it */
.cm-clause:focus-within:not(:has(.cm-clause:focus-within)):not(.cm-selected) { background: var(--cm-hover); border-left-color: var(--cm-hover-edge); }
.cm-clause.cm-selected { background: var(--cm-selected); border-left-color: var(--cm-selected-edge); }
.cm-clause.cm-target { animation: cm-flash 1.6s ease-out 1; }
@keyframes cm-flash { 0% { background: var(--cm-target); } 100% { background: var(--cm-selected); } }
.cm-filtering .cm-part > .cm-clause:not(.cm-match) { display: none; }

.cm-fn { text-decoration: none; color: var(--cm-mark); font-weight: 700; font-size: .72em; vertical-align: super; line-height: 0; cursor: help;
  padding: 0 .08em; border-radius: 2px; font-family: var(--cm-ui-font); }
.cm-fn:hover { background: var(--cm-chip-bg); }
.cm-ref { text-decoration-thickness: 1px; text-underline-offset: 2px; }
.cm-ref-internal { text-decoration-style: dashed; }
.cm-ref-unresolved { text-decoration: underline dotted var(--cm-muted); }
.cm-date { text-decoration: underline dotted var(--cm-border); text-underline-offset: 3px; }

.cm-diags { list-style: none; margin: .25rem 0 0; padding: 0; font-family: var(--cm-ui-font); font-size: .78rem; }
.cm-diag { border-left: 3px solid var(--cm-diag-warning); color: var(--cm-diag-warning); padding: .1rem .5rem; margin: .1rem 0;
  background: var(--cm-panel); }
.cm-diag[data-severity="error"] { border-color: var(--cm-diag-error); color: var(--cm-diag-error); }
.cm-diag[data-severity="info"] { border-color: var(--cm-diag-info); color: var(--cm-diag-info); }
.cm-diag code { font-size: .95em; }
.cm-diags-general { margin: 0 0 1rem; }

.cm-footnotes { margin-top: 1.5rem; border-top: 1px solid var(--cm-border); padding-top: .6rem; font-size: .88rem; }
.cm-footnotes ol { list-style: none; margin: 0; padding: 0; }
.cm-footnotes li { display: grid; grid-template-columns: 2.2rem minmax(0, 1fr); scroll-margin-top: 4rem; }
.cm-footnotes .cm-fn-mark { color: var(--cm-mark); font-weight: 700; text-align: right; padding-right: .5rem; }
.cm-adoption { margin-top: 1.25rem; font-style: italic; color: var(--cm-muted); }
.cm-footer { margin-top: 1.5rem; font-family: var(--cm-ui-font); font-size: .72rem; color: var(--cm-muted); }

/* ---- tooltip ---- */
.cm-tooltip { position: fixed; z-index: 10; max-width: min(26rem, calc(100vw - 1rem)); background: var(--cm-tip-bg); color: var(--cm-tip-fg);
  font-family: var(--cm-ui-font); font-size: .8rem; line-height: 1.45; padding: .5rem .7rem; border-radius: 6px;
  box-shadow: 0 4px 18px rgb(0 0 0 / .25); pointer-events: auto; }
.cm-tooltip .cm-tip-title { font-weight: 700; font-size: .88rem; display: block; }
.cm-tooltip .cm-tip-row { display: block; margin-top: .2rem; }
.cm-tooltip .cm-tip-key { opacity: .75; }
.cm-tooltip .cm-tip-quote { display: block; margin-top: .2rem; opacity: .85; font-style: italic; }

/* ---- find ---- */
::highlight(cm-find) { background-color: var(--cm-find); color: inherit; }
::highlight(cm-find-current) { background-color: var(--cm-find-current); color: #000; }

/* ---- print: the clean text ---- */
@media print {
  /* paper is white whatever the screen theme (these selectors outrank the dark ones) */
  :host, :host([theme]), :host(:not([theme="light"])) {
    --cm-bg: #fff; --cm-fg: #000; --cm-muted: #333; --cm-pp: #000; --cm-op: #000; --cm-mark: #000; --cm-chip-fg: #000;
    --cm-link: #000; color: #000; background: #fff; font-size: 11pt;
  }
  .cm-skip, .cm-toolbar, .cm-legend-bar, .cm-clause-meta, .cm-outline, .cm-tooltip, .cm-diags, .cm-margin, .cm-footer, .cm-sponsor-summary { display: none !important; }
  .cm-date, .cm-ref { text-decoration: none; }
  .cm-layout { display: block; }
  .cm-chips { display: inline; }
  .cm-chips li { display: inline; }
  .cm-chips li:not(:last-child)::after { content: ", "; }
  .cm-chip { border: 0; background: none; padding: 0; font: inherit; }
  .cm-chip .cm-iso { display: none; }
  .cm-clause { background: none !important; border: 0 !important; break-inside: avoid; cursor: auto; animation: none !important; }
  .cm-part > .cm-clause { content-visibility: visible; }
  .cm-filtering .cm-part > .cm-clause:not(.cm-match) { display: grid; }
  .cm-phrase { color: #000 !important; }
  a { color: #000; text-decoration: none; }
  .cm-fn { color: #000; }
}
@media (prefers-reduced-motion: reduce) { .cm-clause { transition: none; } .cm-clause.cm-target { animation: none; background: var(--cm-selected); } }
`;
