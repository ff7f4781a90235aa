// Clause annotations in a real browser (issue 7): highlights and notes pinned to clauses, kept in
// localStorage, exported/imported as W3C Web Annotation JSON, re-anchored when the text changes.
// Runs on the demo page (www/index.html) with the seed E/CN.4/2002/L.108.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";

const SEED = readFileSync(new URL("../../www/samples/E_CN.4_2002_L.108.txt", import.meta.url), "utf8");
const PAGE = "index.html?sample=E_CN.4_2002_L.108";
const B_WORDS = "administrative assistance for the Board of Trustees";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Watch for page errors and CSP violations for the whole test. */
function watch(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/favicon/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

async function openSeed(page) {
  await page.goto(PAGE);
  await expect(page.locator('clausemark-viewer [data-clause-id="op17-b"] .cm-clause-text')).toBeVisible();
}

/** Load another text through the demo page's file input, as a user would. */
async function openText(page, text, name = "revised.txt", clause = "op17-b") {
  await page.locator("#file").setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text, "utf8") });
  await page.waitForFunction((t) => document.querySelector("clausemark-viewer").text === t, text);
  await expect(page.locator(`clausemark-viewer [data-clause-id="${clause}"] .cm-clause-text`).first()).toBeVisible();
}

const viewer = (page) => page.locator("clausemark-viewer");

/** Unfold the annotations panel (folded until asked for, unless something needs attention). */
async function openPanel(page) {
  const panel = viewer(page).locator("details.cm-annot-panel");
  if (!(await panel.evaluate((d) => d.open))) await panel.locator("summary").click();
  await expect(panel).toHaveAttribute("open", "");
}
const anns = (page) => page.evaluate(() => document.querySelector("clausemark-viewer").annotations);

/** Select `words` inside a clause's own text with the mouse (retrying if layout moved under it). */
async function selectWords(page, clauseId, words) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const pts = await page.evaluate(
      async ([id, words]) => {
        const v = document.querySelector("clausemark-viewer");
        // a clause id, or { index } in document order (for documents that repeat an id)
        const clause = typeof id === "string" ? v.clauseElement(id) : v.shadowRoot.querySelectorAll(".cm-clause")[id.index];
        clause.scrollIntoView({ block: "center" });
        // let content-visibility and scroll anchoring settle
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const textEl = [...clause.querySelectorAll(".cm-clause-text")].find((n) => n.closest(".cm-clause") === clause);
        const at = textEl.textContent.indexOf(words);
        if (at < 0) throw new Error(`"${words}" is not in ${JSON.stringify(id)}`);
        const w = document.createTreeWalker(textEl, NodeFilter.SHOW_TEXT);
        const point = (off, end) => {
          let pos = 0;
          let n;
          while ((n = w.nextNode())) {
            if (off < pos + n.data.length || (end && off === pos + n.data.length)) {
              const r = document.createRange();
              r.setStart(n, end ? off - pos - 1 : off - pos);
              r.setEnd(n, end ? off - pos : off - pos + 1);
              const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
              return end ? [rect.right - 1, rect.top + rect.height / 2] : [rect.left + 1, rect.top + rect.height / 2];
            }
            pos += n.data.length;
          }
          throw new Error("offset outside the clause");
        };
        const a = point(at, false);
        w.currentNode = textEl;
        return [a, point(at + words.length, true)];
      },
      [clauseId, words],
    );
    await page.mouse.move(...pts[0]);
    await page.mouse.down();
    await page.mouse.move(...pts[1], { steps: 8 });
    await page.mouse.up();
    const got = await page.evaluate(() => {
      const root = document.querySelector("clausemark-viewer").shadowRoot;
      const sr = document.getSelection().getComposedRanges({ shadowRoots: [root] })[0];
      if (!sr) return "";
      const r = document.createRange();
      r.setStart(sr.startContainer, sr.startOffset);
      r.setEnd(sr.endContainer, sr.endOffset);
      return r.toString();
    });
    if (got.trim() === words) return;
  }
  throw new Error(`could not select "${words}" in ${JSON.stringify(clauseId)}`);
}

/** Text of every range painted under a highlight name. */
const painted = (page, color) =>
  page.evaluate((name) => [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString()), `cm-annot-${color}`);

/** Highlight words of a clause with a note (mouse path). */
async function annotateWords(page, clauseId, words, { note = "", tag = "", color = "Yellow" } = {}) {
  await selectWords(page, clauseId, words);
  const v = viewer(page);
  await expect(v.locator(".cm-annot-float")).toBeVisible();
  await v.locator(".cm-annot-float-note").click();
  const dialog = v.locator("dialog.cm-annot-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(".cm-annot-dlg-quote")).toHaveText(words);
  await dialog.getByLabel(color).check();
  await dialog.getByLabel("Tag").fill(tag);
  await dialog.getByLabel("Note (optional)").fill(note);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

function selectorsOf(a) {
  return Object.fromEntries(a.target.selector.map((s) => [s.type, s]));
}

// Every test runs in a fresh browser context: an empty localStorage.

test("a highlight with a note on op17-b survives a reload", async ({ page }) => {
  const problems = watch(page);
  await openSeed(page);
  const events = [];
  await page.exposeFunction("__annotEvent", (d) => events.push(d));
  await page.evaluate(() =>
    document.querySelector("clausemark-viewer").addEventListener("clausemark-annotate", (e) => window.__annotEvent(e.detail.action)),
  );
  const note = 'Ask for <img src=x onerror="window.__pwned=1"> numbers & "dates"';
  await annotateWords(page, "op17-b", B_WORDS, { note, tag: "negotiate", color: "Green" });
  expect(events).toEqual(["add"]);

  const v = viewer(page);
  const margin = v.locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note');
  await expect(margin).toHaveCount(1);
  await expect(margin).toContainText(note); // the markup is shown as text
  expect(await v.locator("img").count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await painted(page, "green")).toEqual([B_WORDS]);
  await expect(v.locator(".cm-annot-panel .cm-annot-list .cm-annot-item")).toContainText("E/CN.4/2002/L.108, operative paragraph 17 (b)");

  const [a] = await anns(page);
  expect(a.type).toBe("Annotation");
  const sel = selectorsOf(a);
  expect(sel.FragmentSelector.value).toBe("op17-b");
  expect(sel.TextQuoteSelector.exact).toBe(B_WORDS);
  const text = await page.evaluate(() => document.querySelector("clausemark-viewer").text);
  expect(text.slice(sel.TextPositionSelector.start, sel.TextPositionSelector.end)).toBe(B_WORDS);
  expect(a.body).toEqual(
    expect.arrayContaining([expect.objectContaining({ purpose: "commenting", value: note }), expect.objectContaining({ purpose: "tagging", value: "negotiate" })]),
  );

  await page.reload();
  await expect(v.locator('[data-clause-id="op17-b"] .cm-clause-text')).toBeVisible();
  await expect(v.locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText(note);
  expect(await painted(page, "green")).toEqual([B_WORDS]);
  expect(await anns(page)).toEqual([a]);
  expect(problems).toEqual([]);
});

test("copy link and copy citation for a selected clause", async ({ page }) => {
  await openSeed(page);
  const v = viewer(page);
  await v.locator('[data-clause-id="op17-b"] .cm-clause-text').click();
  await expect(page).toHaveURL(/#op17-b$/);
  await v.getByRole("button", { name: "Copy citation of operative paragraph 17 (b)" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("E/CN.4/2002/L.108, operative paragraph 17 (b)");
  await v.getByRole("button", { name: "Copy link to operative paragraph 17 (b)" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/index\.html\?sample=E_CN\.4_2002_L\.108#op17-b$/);
  await expect(v.locator(".cm-annot-status")).toContainText("Link copied");

  // a Security Council resolution is cited its own way
  await page.goto("index.html?sample=S_RES_2782_2025");
  await v.locator('[data-clause-id="op5"] .cm-clause-text').first().click();
  await v.getByRole("button", { name: "Copy citation of operative paragraph 5" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("S/RES/2782 (2025), para. 5");
});

test("export, clear, import in a fresh page: identical annotations; undo", async ({ page, browser }) => {
  await openSeed(page);
  await annotateWords(page, "op17-b", B_WORDS, { note: "first note\nsecond line", tag: "negotiate", color: "Blue" });
  // a whole clause, by keyboard, with a tag and no note
  await viewer(page).locator('[data-clause-id="op16"]').focus();
  await page.keyboard.press("a");
  const dialog = viewer(page).locator("dialog.cm-annot-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Tag").fill("funding");
  await dialog.getByRole("button", { name: "Save" }).click();
  const before = await anns(page);
  expect(before).toHaveLength(2);
  // the list filters by tag
  await openPanel(page);
  const list = viewer(page).locator(".cm-annot-panel > .cm-annot-list > li");
  await expect(list).toHaveCount(2);
  await viewer(page).getByLabel("Show annotations with tag").selectOption("funding");
  await expect(list).toHaveCount(1);
  await expect(list).toContainText("operative paragraph 16");
  await viewer(page).getByLabel("Show annotations with tag").selectOption("");
  await expect(list).toHaveCount(2);
  // "Copy" on a list item: citation, quote, tag and note, ready to paste
  await list.filter({ hasText: "17 (b)" }).getByRole("button", { name: /^Copy the citation/ }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`E/CN.4/2002/L.108, operative paragraph 17 (b): “${B_WORDS}” [negotiate] first note\nsecond line`);

  const download = page.waitForEvent("download");
  await viewer(page).getByRole("button", { name: /^Export/ }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.type).toBe("AnnotationCollection");
  expect(exported.total).toBe(2);
  expect(exported.first.items).toEqual(before);

  await viewer(page).getByRole("button", { name: /^Remove all annotations/ }).click();
  expect(await anns(page)).toEqual([]);
  await expect(viewer(page).locator(".cm-annot-note")).toHaveCount(0);
  // undo brings them back, and clearing again sticks across a reload
  await viewer(page).getByRole("button", { name: /^Undo/ }).click();
  expect(await anns(page)).toEqual(before);
  await viewer(page).getByRole("button", { name: /^Remove all annotations/ }).click();
  await page.reload();
  await openPanel(page);
  await expect(viewer(page).locator('[data-clause-id="op17-b"] .cm-clause-text')).toBeVisible();
  expect(await anns(page)).toEqual([]);

  const fresh = await browser.newPage();
  await openSeed(fresh);
  expect(await anns(fresh)).toEqual([]);
  await openPanel(fresh);
  await viewer(fresh).locator("input.cm-annot-file").setInputFiles(file);
  await expect(viewer(fresh).locator(".cm-annot-status")).toContainText("Imported 2 annotations");
  expect(await anns(fresh)).toEqual(before);
  await expect(viewer(fresh).locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("first note");
  // the keyboard-made highlight took the last colour used (blue)
  const op16 = await fresh.evaluate(() => document.querySelector("clausemark-viewer").document.operative.find((c) => c.id === "op16").text);
  expect((await painted(fresh, "blue")).sort()).toEqual([B_WORDS, op16].sort());
  await fresh.close();
});

test("re-anchoring: a revised copy with an extra preambular paragraph and re-wrapped lines", async ({ page }) => {
  await openSeed(page);
  const ppWords = "to achieve international cooperation in promoting and encouraging respect for human rights";
  await annotateWords(page, "op17-b", B_WORDS, { note: "keep" });
  await annotateWords(page, "pp1-a", ppWords, { note: "purposes", color: "Pink" });
  const orphanWords = "Decides to continue consideration of this subject";
  await annotateWords(page, "op18", orphanWords, { note: "will vanish" });
  const seedDoc = await page.evaluate(() => document.querySelector("clausemark-viewer").document);
  const ppCount = seedDoc.preamble.length;

  // the revision: one more preambular paragraph first, every paragraph re-wrapped at 60 columns,
  // and the last operative paragraph rewritten
  const wrap = (p) => p.replace(/(.{1,60})(?: |$)/g, "$1\n").trimEnd();
  const revised = SEED.replace(/\r\n/g, "\n")
    .replace("Recalling:\n", "Guided by the Charter of the United Nations,\n\nRecalling:\n")
    .replace("18. *Decides* to continue consideration of this subject at its sixtieth session.", "18. *Decides* to remain seized of the matter.")
    .split("\n\n")
    .map((p) => (/^(\(\w+\)|\d+\.) /.test(p) ? wrap(p) : p))
    .join("\n\n");
  expect(revised).toContain("to remain seized");
  expect(revised).not.toBe(SEED);
  await openText(page, revised);
  const doc = await page.evaluate(() => document.querySelector("clausemark-viewer").document);
  expect(doc.preamble.length).toBe(ppCount + 1);

  const after = await anns(page);
  const byNote = Object.fromEntries(after.map((a) => [a.body.find((b) => b.purpose === "commenting").value, a]));
  const b = selectorsOf(byNote.keep);
  expect(b.FragmentSelector.value).toBe("op17-b");
  expect(b.TextQuoteSelector.exact).toBe(B_WORDS);
  expect(revised.slice(b.TextPositionSelector.start, b.TextPositionSelector.end).replace(/\s+/g, " ")).toBe(B_WORDS);
  const p = selectorsOf(byNote.purposes);
  expect(p.FragmentSelector.value).toBe("pp2-a"); // the paragraph moved down one
  expect(p.TextQuoteSelector.exact).toBe(ppWords);
  expect(await painted(page, "pink")).toEqual([ppWords]);
  expect(await painted(page, "yellow")).toEqual([B_WORDS]);
  await expect(viewer(page).locator('[data-clause-id="pp2-a"] > .cm-margin .cm-annot-note')).toContainText("purposes");

  // the one whose words are gone is listed with its text, not dropped
  const orphans = viewer(page).locator(".cm-annot-orphans");
  await expect(orphans).toContainText("Not found in this text (1)");
  await expect(orphans).toContainText(orphanWords);
  await expect(orphans).toContainText("will vanish");
  expect(after).toHaveLength(3);

  // back to the original: everything is placed again, the orphan included
  await page.goto(PAGE);
  await expect(viewer(page).locator('[data-clause-id="op18"] > .cm-margin .cm-annot-note')).toContainText("will vanish");
  await expect(viewer(page).locator(".cm-annot-orphans")).not.toContainText("Not found");
});

test("a corrupt or foreign file on import: a clear message, nothing lost", async ({ page }) => {
  await openSeed(page);
  await annotateWords(page, "op17-b", B_WORDS, { note: "precious" });
  const before = await anns(page);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  const v = viewer(page);
  const input = v.locator("input.cm-annot-file");
  const alert = v.locator(".cm-annot-alert");
  const cases = [
    ["truncated.json", '{"type": "AnnotationCollection", "first": {"items": [{"type": "Annot', /Import failed: The file is not valid JSON/],
    ["package.json", JSON.stringify({ name: "left-pad", version: "1.3.0", main: "index.js" }), /Import failed: This is not a W3C Web Annotation file: expected "type": "AnnotationCollection"/],
    [
      "half-good.json",
      JSON.stringify({ type: "AnnotationCollection", first: { items: [before[0], { type: "Annotation", id: "urn:x:2", target: { selector: [{ type: "FragmentSelector", value: "op1" }] } }] } }),
      /Import failed: 1 of 2 annotations in the file is invalid; nothing was imported/,
    ],
    ["binary.json", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]), /Import failed/],
  ];
  for (const [name, content, message] of cases) {
    await input.setInputFiles({ name, mimeType: "application/json", buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
    await expect(alert).toContainText(message);
    expect(await anns(page)).toEqual(before);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(stored);
  }
  await expect(alert).not.toContainText("annotation 2 has no TextQuoteSelector"); // last message replaced
  await input.setInputFiles({ name: "half-good.json", mimeType: "application/json", buffer: Buffer.from(cases[2][1]) });
  await expect(alert.locator("li")).toContainText("annotation 2 (urn:x:2) has no TextQuoteSelector");
  await expect(v.locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("precious");
  // the property refuses bad input the same way
  const err = await page.evaluate(() => {
    try {
      document.querySelector("clausemark-viewer").annotations = { hello: "world" };
      return null;
    } catch (e) {
      return e.message;
    }
  });
  expect(err).toMatch(/not a W3C Web Annotation file/);
  expect(await anns(page)).toEqual(before);
});

test("keyboard only: focus a clause, annotate it, reach and edit the note in the margin", async ({ page }) => {
  await openSeed(page);
  const v = viewer(page);
  const active = () => page.evaluate(() => {
    const a = document.querySelector("clausemark-viewer").shadowRoot.activeElement;
    return a ? { id: a.dataset.clauseId ?? null, cls: a.className, label: a.getAttribute("aria-label") ?? "" } : null;
  });
  // Tab from the top of the page until op17-b has the focus
  let found = false;
  for (let i = 0; i < 600 && !found; i++) {
    await page.keyboard.press("Tab");
    found = (await active())?.id === "op17-b";
  }
  expect(found).toBe(true);
  await page.keyboard.press("a");
  const dialog = v.locator("dialog.cm-annot-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator("h2")).toHaveText("Highlight operative paragraph 17 (b)");
  await expect(dialog.getByLabel("Note (optional)")).toBeFocused();
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Shift+Tab"); // back to the tag
  await page.keyboard.type("keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+Enter");
  await expect(dialog).toBeHidden();
  expect((await active())?.id).toBe("op17-b"); // focus came back to the clause

  await page.keyboard.press("Tab");
  const note = await active();
  expect(note.cls).toContain("cm-annot-note-btn");
  expect(note.label).toContain("Note on operative paragraph 17 (b)");
  expect(note.label).toContain("Typed without a mouse");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Note (optional)")).toHaveValue("Typed without a mouse");
  await page.keyboard.press("End");
  await page.keyboard.type(", then edited");
  await page.keyboard.press("Control+Enter");
  await expect(v.locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("Typed without a mouse, then edited");
  // the list's "Go to" brings the focus back to the note in the margin
  await openPanel(page);
  await v.locator(".cm-annot-panel").getByRole("button", { name: "Go to operative paragraph 17 (b)" }).press("Enter");
  expect(await page.evaluate(() => document.querySelector("clausemark-viewer").selected)).toBe("op17-b");
  expect((await active()).cls).toContain("cm-annot-note-btn");
  await v.locator('[data-clause-id="op17-b"]').focus();
  // Escape closes the editor without saving
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.type(" (discarded)");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const [a] = await anns(page);
  expect(a.body.find((b) => b.purpose === "commenting").value).toBe("Typed without a mouse, then edited");
  expect(a.body.find((b) => b.purpose === "tagging").value).toBe("keyboard");
});

test("no-annotate turns the layer off", async ({ page }) => {
  await openSeed(page);
  await expect(viewer(page).locator(".cm-annot-panel")).toHaveCount(1);
  await page.evaluate(() => {
    const v = document.createElement("clausemark-viewer");
    v.id = "plain";
    v.setAttribute("no-annotate", "");
    v.text = document.querySelector("clausemark-viewer").text;
    document.body.append(v);
  });
  const plain = page.locator("#plain");
  await expect(plain.locator('[data-clause-id="op17-b"] .cm-clause-text')).toBeVisible();
  await expect(plain.locator(".cm-annot-panel")).toHaveCount(0);
  await plain.locator('[data-clause-id="op17-b"]').focus();
  await page.keyboard.press("a");
  await expect(plain.locator("dialog")).toHaveCount(0);
  // and switching it on a live viewer removes every trace of the layer
  await annotateWords(page, "op17-b", B_WORDS, { note: "hidden soon" });
  await page.evaluate(() => document.querySelector("#viewer").setAttribute("no-annotate", ""));
  const main = page.locator("#viewer");
  await expect(main.locator(".cm-annot-panel, .cm-annot-note, dialog.cm-annot-dialog")).toHaveCount(0);
  expect(await painted(page, "yellow")).toEqual([]);
});

test("the annotations property and the clausemark-annotate event, for embedders", async ({ page }) => {
  await openSeed(page);
  const text = await page.evaluate(() => document.querySelector("clausemark-viewer").text);
  const start = text.indexOf(B_WORDS);
  const w3c = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: "urn:uuid:00000000-0000-4000-a000-000000000001",
    type: "Annotation",
    motivation: "commenting",
    created: "2026-01-02T03:04:05.000Z",
    modified: "2026-01-02T03:04:05.000Z",
    body: [{ type: "TextualBody", value: "from an embedding page", format: "text/plain", purpose: "commenting" }],
    target: {
      source: "https://undocs.org/E/CN.4/2002/L.108",
      styleClass: "cm-hl-orange",
      selector: [
        { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc3986", value: "op17-b" },
        { type: "TextQuoteSelector", exact: B_WORDS, prefix: "", suffix: "" },
        { type: "TextPositionSelector", start, end: start + B_WORDS.length },
      ],
    },
  };
  const detail = await page.evaluate((a) => {
    const v = document.querySelector("clausemark-viewer");
    let got = null;
    v.addEventListener("clausemark-annotate", (e) => (got = e.detail), { once: true });
    v.annotations = [a];
    return got;
  }, w3c);
  expect(detail.action).toBe("set");
  expect(detail.annotations).toHaveLength(1);
  await expect(viewer(page).locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("from an embedding page");
  expect(await painted(page, "orange")).toEqual([B_WORDS]);
  // what comes back is the same annotation, its context filled in from the document
  const [back] = await anns(page);
  expect({ ...back, target: { ...back.target, selector: back.target.selector.filter((s) => s.type !== "TextQuoteSelector") } }).toEqual({
    ...w3c,
    target: { ...w3c.target, selector: w3c.target.selector.filter((s) => s.type !== "TextQuoteSelector") },
  });
  const b = await page.evaluate(() => document.querySelector("clausemark-viewer").clauseElement("op17-b").querySelector(".cm-clause-text").textContent);
  const i = b.indexOf(B_WORDS);
  expect(selectorsOf(back).TextQuoteSelector).toEqual({ type: "TextQuoteSelector", exact: B_WORDS, prefix: b.slice(i - 32, i), suffix: b.slice(i + B_WORDS.length, i + B_WORDS.length + 32) });
});

test("unreadable stored annotations are kept aside and reported, never overwritten", async ({ page }) => {
  const key = "clausemark:annotations:symbol:E/CN.4/2002/L.108";
  await openSeed(page); // the page is settled: nothing else will read the store before the reload
  await page.evaluate((k) => localStorage.setItem(k, '{"type":"AnnotationCollection","first":{"items":[{"id":'), key);
  await page.reload();
  await expect(viewer(page).locator('[data-clause-id="op17-b"] .cm-clause-text')).toBeVisible();
  await expect(viewer(page).locator(".cm-annot-alert")).toContainText("Stored annotations for this document could not be read");
  const kept = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(`${k}:unreadable:`)).map((x) => localStorage.getItem(x)), key);
  expect(kept).toEqual(['{"type":"AnnotationCollection","first":{"items":[{"id":']);
  // new work is saved as usual
  await annotateWords(page, "op17-b", B_WORDS, { note: "fresh start" });
  await page.reload();
  await expect(viewer(page).locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("fresh start");
});

test("a revised draft (…/Rev.1) brings over the original's annotations on request", async ({ page }) => {
  await openSeed(page);
  await annotateWords(page, "op17-b", B_WORDS, { note: "carried to the revision" });
  const rev1 = SEED.replace("E/CN.4/2002/L.108", "E/CN.4/2002/L.108/Rev.1").replace("to arrange meetings of the Board", "to arrange regular meetings of the Board");
  await openText(page, rev1, "rev1.txt");
  expect(await page.evaluate(() => document.querySelector("clausemark-viewer").document.symbol)).toBe("E/CN.4/2002/L.108/Rev.1");
  expect(await anns(page)).toEqual([]); // its own store is empty
  const bring = viewer(page).getByRole("button", { name: "Bring over 1 annotation from E/CN.4/2002/L.108" });
  await expect(bring).toBeVisible(); // the panel opened by itself to offer it
  await bring.click();
  await expect(viewer(page).locator(".cm-annot-status")).toContainText("Brought over 1 annotation from E/CN.4/2002/L.108");
  await expect(viewer(page).locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("carried to the revision");
  expect(await painted(page, "yellow")).toEqual([B_WORDS]);
  await expect(bring).toHaveCount(0);
  // both versions keep their own copy
  await page.goto(PAGE);
  await expect(viewer(page).locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("carried to the revision");
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  expect(keys).toEqual(["clausemark:annotations:symbol:E/CN.4/2002/L.108", "clausemark:annotations:symbol:E/CN.4/2002/L.108/Rev.1"]);
});

test("two viewers of the same document on one page never overwrite each other's notes", async ({ page }) => {
  await openSeed(page);
  await page.evaluate(() => {
    const v = document.createElement("clausemark-viewer");
    v.id = "second";
    v.text = document.querySelector("clausemark-viewer").text;
    document.body.append(v);
  });
  const second = page.locator("#second");
  await expect(second.locator('[data-clause-id="op16"] .cm-clause-text')).toBeVisible();
  await annotateWords(page, "op17-b", B_WORDS, { note: "made in the first viewer" });
  // the second viewer shows it too, and its own note is added to it, not instead of it
  await expect(second.locator('[data-clause-id="op17-b"] > .cm-margin .cm-annot-note')).toContainText("made in the first viewer");
  await second.locator('[data-clause-id="op16"]').focus();
  await page.keyboard.press("a");
  await second.locator("dialog.cm-annot-dialog").getByLabel("Note (optional)").fill("made in the second viewer");
  await second.locator("dialog.cm-annot-dialog").getByRole("button", { name: "Save" }).click();
  await expect(viewer(page).first().locator('[data-clause-id="op16"] > .cm-margin .cm-annot-note')).toContainText("made in the second viewer");
  await page.reload();
  await expect(viewer(page).locator(".cm-annot-note")).toHaveCount(2);
});
