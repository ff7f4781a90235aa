// The viewer on real corpus documents, in Chromium, under the demo server's CSP.
import { test, expect, viewer, openSample, showText, corpusText, countOf } from './fixtures.mjs';

const SEED = 'E_CN.4_2002_L.108';
const tooltip = (page) => viewer(page).locator('.cm-tooltip');
const clause = (page, id) => viewer(page).locator(`[data-clause-id="${id}"]`);
const chip = (page, name) => viewer(page).locator('.cm-chip', { hasText: new RegExp(`^${name}[*, ]*$`) });

test.describe('seed E/CN.4/2002/L.108', () => {
  test.beforeEach(async ({ page }) => {
    await openSample(page, SEED);
  });

  test('header shows symbol, organ, date, session, agenda item and title', async ({ page }) => {
    const header = viewer(page).locator('.cm-header');
    await expect(header.locator('.cm-symbol')).toHaveText('E/CN.4/2002/L.108');
    await expect(header.locator('.cm-kind')).toHaveText('Draft resolution');
    await expect(header).toContainText('Commission on Human Rights');
    await expect(header).toContainText('22 April 2002');
    await expect(header).toContainText('Fifty-eighth session');
    await expect(header).toContainText(/Agenda item\s*19/);
    await expect(header.locator('.cm-title')).toContainText(/advisory services and technical cooperation in the field of human rights/i);
  });

  test('sponsor chips and the summary line come from the data', async ({ page }) => {
    await expect(viewer(page).locator('.cm-chip')).toHaveCount(47);
    await expect(viewer(page).locator('.cm-chip[data-marked]')).toHaveCount(30);
    const summary = viewer(page).locator('.cm-sponsor-summary');
    await expect(summary).toContainText('47 sponsors');
    await expect(summary).toContainText('30 marked *');
    await expect(summary).toContainText('rule 69, paragraph 3');
  });

  test('hovering a marked sponsor shows its UN name, ISO code and what the mark means', async ({ page }) => {
    await chip(page, 'Afghanistan').hover();
    const tip = tooltip(page);
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('Afghanistan');
    await expect(tip).toContainText('AFG');
    await expect(tip).toContainText('not a member of the Commission on Human Rights');
    await expect(tip).toContainText('rule 69, paragraph 3');
    // The mark's footnote, quoted.
    await expect(tip).toContainText('rules of procedure of the functional commissions');
  });

  test('hovering an unmarked sponsor says it is unmarked, with its ISO code', async ({ page }) => {
    await chip(page, 'Belgium').hover();
    const tip = tooltip(page);
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('Belgium');
    await expect(tip).toContainText('BEL');
    await expect(tip).toContainText('a member of the Commission on Human Rights');
    await expect(tip).not.toContainText('rule 69');
  });

  test('a historical sponsor name shows its current UN name', async ({ page }) => {
    await chip(page, 'The former Yugoslav Republic of Macedonia').hover();
    const tip = tooltip(page);
    await expect(tip).toContainText('MKD');
    await expect(tip).toContainText('North Macedonia');
  });

  test('keyboard focus opens a sponsor tooltip; Escape closes it', async ({ page }) => {
    // Tab from the top of the page until focus reaches a sponsor chip.
    let name = null;
    for (let i = 0; i < 15 && !name; i++) {
      await page.keyboard.press('Tab');
      name = await page.evaluate(() => {
        const a = document.activeElement;
        const inner = a?.shadowRoot?.activeElement;
        return inner?.classList.contains('cm-chip') ? inner.textContent : null;
      });
    }
    expect(name, 'Tab reaches a sponsor chip').toBe('Afghanistan*');
    const tip = tooltip(page);
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('AFG');
    const focused = viewer(page).locator('.cm-chip:focus');
    await expect(focused).toHaveAttribute('aria-describedby', 'cm-tooltip');
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    await expect(focused).toHaveText('Afghanistan*'); // focus stays on the chip
    // The sponsor list is one Tab stop: arrow keys move to the next sponsor, whose tooltip opens.
    await page.keyboard.press('ArrowRight');
    await expect(viewer(page).locator('.cm-chip:focus')).toHaveText('Albania*');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('ALB');
    await page.keyboard.press('End');
    await expect(tip).toContainText('Yugoslavia');
    // Tab leaves the list for the next control (the legend), closing the tooltip.
    await page.keyboard.press('Tab');
    await expect(tip).toBeHidden();
    expect(await viewer(page).evaluate((v) => v.shadowRoot.activeElement.classList.contains('cm-chip'))).toBe(false);
    // Shift+Tab comes back to the sponsor last visited.
    await page.keyboard.press('Shift+Tab');
    await expect(viewer(page).locator('.cm-chip:focus')).toHaveText('Yugoslavia*');
  });

  test('keyboard: a skip link leads past the sponsors and tools to the text', async ({ page }) => {
    const hidden = await viewer(page).locator('.cm-skip').boundingBox();
    expect(hidden.width * hidden.height, 'invisible until focused').toBeLessThanOrEqual(1);
    let skip = false;
    for (let i = 0; i < 10 && !skip; i++) {
      await page.keyboard.press('Tab');
      skip = await viewer(page).evaluate((v) => v.shadowRoot.activeElement?.classList.contains('cm-skip') ?? false);
    }
    expect(skip, 'Tab reaches the skip link').toBe(true);
    await expect(viewer(page).locator('.cm-skip')).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(clause(page, 'pp1')).toBeFocused();
  });

  test('keyboard: arrow keys move between clauses, Enter selects and links', async ({ page }) => {
    await clause(page, 'op16').focus();
    await page.keyboard.press('ArrowDown');
    await expect(clause(page, 'op17')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(clause(page, 'op17-a')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(clause(page, 'op17-b')).toBeFocused();
    await expect(clause(page, 'op17-b')).toHaveAttribute('aria-label', 'Operative paragraph 17 (b)');
    await page.keyboard.press('Enter');
    await expect(clause(page, 'op17-b')).toHaveClass(/cm-selected/);
    expect(new URL(page.url()).hash).toBe('#op17-b');
    await page.keyboard.press('ArrowUp');
    await expect(clause(page, 'op17-a')).toBeFocused();
  });

  test('hovering a clause highlights it and its items', async ({ page }) => {
    const op17 = clause(page, 'op17');
    await op17.locator(':scope > .cm-clause-text').hover();
    await expect(op17).toHaveClass(/cm-hover/);
    // (polled: the background fades in with a short transition)
    await expect.poll(() => op17.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    const box = await op17.boundingBox();
    for (const item of ['op17-a', 'op17-b', 'op17-c']) {
      const b = await clause(page, item).boundingBox();
      expect(b.y >= box.y && b.y + b.height <= box.y + box.height + 1, `${item} inside the highlight`).toBe(true);
      await expect.poll(() => clause(page, item).evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    }
    // Moving to op18 moves the highlight.
    await clause(page, 'op18').locator(':scope > .cm-clause-text').hover();
    await expect(clause(page, 'op18')).toHaveClass(/cm-hover/);
    await expect(op17).not.toHaveClass(/cm-hover/);
  });

  test('clicking a clause selects it and sets the URL hash', async ({ page }) => {
    const selected = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.querySelector('clausemark-viewer').addEventListener('clausemark-select', (e) => resolve(e.detail.id), { once: true }),
        ),
    );
    await clause(page, 'op17-b').locator(':scope > .cm-clause-text').click();
    expect(await selected).toBe('op17-b');
    expect(new URL(page.url()).hash).toBe('#op17-b');
    await expect(clause(page, 'op17-b')).toHaveClass(/cm-selected/);
    await expect(clause(page, 'op17')).not.toHaveClass(/cm-selected/);
  });

  test('every clause carries its id, one text element with exactly the clause text, items and a margin', async ({ page }) => {
    const problems = await viewer(page).evaluate((v) => {
      const out = [];
      const walk = (cs) => {
        for (const c of cs) {
          const el = v.clauseElement(c.id);
          if (!el) out.push(`${c.id}: no element`);
          else {
            const texts = [...el.querySelectorAll('.cm-clause-text')].filter((t) => t.closest('.cm-clause') === el);
            if (texts.length !== 1) out.push(`${c.id}: ${texts.length} text elements`);
            else if (texts[0].textContent !== c.text) out.push(`${c.id}: text differs`);
            if (!el.querySelector(':scope > .cm-items')) out.push(`${c.id}: no .cm-items`);
            if (!el.querySelector(':scope > .cm-margin')) out.push(`${c.id}: no .cm-margin`);
          }
          walk(c.items ?? []);
        }
      };
      walk(v.document.preamble);
      walk(v.document.operative);
      return out;
    });
    expect(problems).toEqual([]);
    const n = await viewer(page).evaluate((v) => v.document.preamble.length + v.document.operative.length);
    expect(n).toBe(24);
  });

  test('the outline jumps to a clause and follows the scroll', async ({ page }) => {
    const link = viewer(page).locator('.cm-outline a[data-outline="op12"]');
    await link.click();
    await expect(clause(page, 'op12')).toBeInViewport();
    await expect(clause(page, 'op12')).toHaveClass(/cm-selected/);
    expect(new URL(page.url()).hash).toBe('#op12');
    await expect(link).toHaveAttribute('aria-current', 'location');
    // Scroll to the top of the operative part: the outline follows.
    await clause(page, 'op2').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.wheel(0, 1);
    await expect(viewer(page).locator('.cm-outline a[aria-current="location"]')).toHaveAttribute('data-outline', /^op[1-3]$/);
  });

  test('find counts every "Secretary-General" and steps through them', async ({ page }) => {
    const source = corpusText(`${SEED}.txt`);
    const expected = countOf(source, 'Secretary-General');
    expect(expected).toBeGreaterThan(1);
    const input = viewer(page).locator('.cm-find-input');
    await input.fill('Secretary-General'); // searched as you type
    const count = viewer(page).locator('.cm-find-count');
    await expect(count).toHaveText(`1 of ${expected}`);
    await input.press('Enter');
    await expect(count).toHaveText(`2 of ${expected}`);
    await input.press('Shift+Enter');
    await expect(count).toHaveText(`1 of ${expected}`);
    await input.press('Shift+Enter'); // wraps around
    await expect(count).toHaveText(`${expected} of ${expected}`);
    await input.press('Enter');
    expect(await viewer(page).evaluate((v) => v.findState)).toEqual({ query: 'Secretary-General', count: expected, index: 0 });
    // Highlight-all is painted with the CSS Custom Highlight API.
    const painted = await page.evaluate(() => [...CSS.highlights.keys()].some((k) => k.startsWith('cm-find-all')));
    expect(painted).toBe(true);
    await input.press('Escape');
    await expect(count).toHaveText('');
  });

  test('references link to undocs.org in a new tab', async ({ page }) => {
    const link = viewer(page).locator('a.cm-ref[href="https://undocs.org/E/CN.4/2002/116"]');
    await expect(link).toHaveCount(1);
    await expect(link).toHaveText('E/CN.4/2002/116');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
    await link.hover();
    await expect(tooltip(page)).toContainText('E/CN.4/2002/116');
    await expect(tooltip(page)).toContainText('new tab');
    const all = viewer(page).locator('a.cm-ref[href^="https://undocs.org/"]');
    expect(await all.count()).toBeGreaterThanOrEqual(4);
  });

  test('the phrase is emphasised and the legend filters by category', async ({ page }) => {
    await expect(clause(page, 'op17').locator(':scope > .cm-clause-text .cm-phrase')).toHaveText('Requests');
    await expect(clause(page, 'pp2').locator(':scope > .cm-clause-text .cm-phrase')).toHaveText('Recalling also');
    const requests = viewer(page).locator('.cm-legend button[data-category="op:request"]');
    await requests.click();
    await expect(requests).toHaveAttribute('aria-pressed', 'true');
    // Only the requests are shown: op14 and op17 ("Requests ...").
    await expect(clause(page, 'op14')).toBeVisible();
    await expect(clause(page, 'op17')).toBeVisible();
    await expect(clause(page, 'op1')).toBeHidden();
    await expect(clause(page, 'pp1')).toBeHidden();
    await expect(viewer(page).locator('.cm-filter-status')).toHaveText(/Showing 2 of 24/);
    await viewer(page).locator('[data-action="filter-clear"]').click();
    await expect(clause(page, 'op1')).toBeVisible();
  });

  test('filter by addressee; a selected clause shows whom it addresses', async ({ page }) => {
    const doc = await viewer(page).evaluate((v) => v.document);
    const addressed = doc.operative.filter((c) => c.addressee.includes('Secretary-General')).map((c) => c.id);
    expect(addressed).toContain('op17');
    const sg = viewer(page).locator('.cm-legend button[data-category="to:Secretary-General"]');
    // Six addressees show at first, the rest behind "N more…".
    const more = viewer(page).locator('[data-action="more-addressees"]');
    const flat = (cs) => cs.flatMap((c) => [c, ...flat(c.items)]);
    const all = new Set(flat(doc.operative).flatMap((c) => c.addressee)).size;
    if (all > 6) {
      await expect(viewer(page).locator('button[data-category^="to:"]:visible')).toHaveCount(6);
      await more.click();
      await expect(viewer(page).locator('button[data-category^="to:"]:visible')).toHaveCount(all);
    }
    await expect(sg).toHaveText(`Secretary-General (${addressed.length})`);
    await sg.click();
    await expect(viewer(page).locator('.cm-part > .cm-clause:visible')).toHaveCount(addressed.length);
    await expect(clause(page, 'op17')).toBeVisible();
    await expect(clause(page, 'op16')).toBeHidden();
    const meta = clause(page, 'op17').locator(':scope > .cm-clause-meta');
    await expect(meta).toBeHidden();
    await clause(page, 'op17').locator(':scope > .cm-clause-text').click();
    await expect(meta).toBeVisible();
    await expect(meta).toContainText('Addressed to: Secretary-General');
    const mandate = doc.operative.find((c) => c.id === 'op17').mandate;
    if (mandate) await expect(meta).toContainText(`Mandate: ${mandate.who}`);
  });

  test('print stylesheet hides the tools and keeps the text', async ({ page }) => {
    await page.emulateMedia({ media: 'print' });
    await expect(viewer(page).locator('.cm-toolbar')).toBeHidden();
    await expect(viewer(page).locator('.cm-outline')).toBeHidden();
    await expect(viewer(page).locator('.cm-legend-bar')).toBeHidden();
    await expect(clause(page, 'op18')).toBeVisible();
    // Paper is white even when the screen theme is dark.
    const ink = () => clause(page, 'op18').locator(':scope > .cm-clause-text').evaluate((el) => getComputedStyle(el).color);
    await viewer(page).evaluate((v) => v.setAttribute('theme', 'dark'));
    expect(await ink()).toBe('rgb(0, 0, 0)');
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await viewer(page).evaluate((v) => v.removeAttribute('theme'));
    expect(await ink()).toBe('rgb(0, 0, 0)');
  });
});

test('opening a URL with #op17-b scrolls to that clause and marks it', async ({ page }) => {
  await openSample(page, SEED, 'op17-b');
  const el = clause(page, 'op17-b');
  await expect(el).toHaveClass(/cm-selected/);
  await expect(el).toHaveClass(/cm-target/);
  await expect(el).toBeInViewport();
  // The outline marks the paragraph the item belongs to.
  const current = viewer(page).locator('.cm-outline a[aria-current="location"]');
  await expect(current).toHaveAttribute('data-outline', 'op17');
  // A later hash change is followed too.
  await page.evaluate(() => (location.hash = '#pp3-d'));
  await expect(clause(page, 'pp3-d')).toHaveClass(/cm-selected/);
  await expect(clause(page, 'pp3-d')).toBeInViewport();
  await expect(el).not.toHaveClass(/cm-selected/);
  await expect(current).toHaveAttribute('data-outline', 'pp3');
});

test('footnote markers show the footnote text (E/2025/L.28)', async ({ page }) => {
  await openSample(page, 'E_2025_L.28');
  const doc = await viewer(page).evaluate((v) => v.document);
  const fn1 = doc.footnotes.findIndex((f) => f.mark === '1');
  expect(fn1, 'footnote 1 parsed').toBeGreaterThanOrEqual(0);
  expect(doc.footnotes[fn1].text).toContain('A/80/86-E/2025/71');
  const marker = viewer(page).locator(`a.cm-fn[href="#cm-fn-${fn1}"]`).first();
  await expect(marker).toHaveText('1');
  await marker.hover();
  await expect(tooltip(page)).toBeVisible();
  await expect(tooltip(page)).toContainText('A/80/86-E/2025/71');
  // Keyboard: focus opens it, Escape closes it.
  await page.mouse.move(0, 0);
  await marker.focus();
  await expect(tooltip(page)).toContainText('A/80/86-E/2025/71');
  await page.keyboard.press('Escape');
  await expect(tooltip(page)).toBeHidden();
});

test('a sponsor with two marks: on behalf of the Group of 77 and China, and rule 72 (E/2025/L.28)', async ({ page }) => {
  await openSample(page, 'E_2025_L.28');
  await expect(viewer(page).locator('.cm-chip')).toHaveCount(1);
  await chip(page, 'Iraq').hover();
  const tip = tooltip(page);
  await expect(tip).toContainText('IRQ');
  await expect(tip).toContainText('Group of 77 and China');
  await expect(tip).toContainText('rule 72');
  await expect(viewer(page).locator('.cm-sponsor-summary')).toContainText('1 sponsor');
});

test('HRC draft: marked sponsors are not members of the Human Rights Council (A/HRC/59/L.17)', async ({ page }) => {
  await openSample(page, 'A_HRC_59_L.17');
  await expect(viewer(page).locator('.cm-chip')).toHaveCount(5);
  await expect(viewer(page).locator('.cm-sponsor-summary')).toContainText('3 marked *');
  await chip(page, 'Samoa').hover();
  await expect(tooltip(page)).toContainText('WSM');
  await expect(tooltip(page)).toContainText('not a member of the Human Rights Council');
  await chip(page, 'Bangladesh').hover();
  await expect(tooltip(page)).toContainText('BGD');
  await expect(tooltip(page)).toContainText('a member of the Human Rights Council');
  await expect(viewer(page).locator('.cm-part-pp > .cm-clause')).toHaveCount(56);
  await expect(viewer(page).locator('.cm-part-op > .cm-clause')).toHaveCount(26);
});

test('every bundled sample renders clauses without errors', async ({ page }) => {
  for (const name of ['S_RES_2782_2025', 'E_2025_L.20', 'A_C.2_80_L.3', 'S_RES_687_1991']) {
    await openSample(page, name);
    const n = await viewer(page).evaluate((v) => v.document.preamble.length + v.document.operative.length);
    expect(n, name).toBeGreaterThan(0);
    await expect(viewer(page).locator('.cm-part > .cm-clause')).toHaveCount(n);
  }
});

test('every control has an accessible name and every tooltip anchor is keyboard-reachable (A/C.2/80/L.3)', async ({ page }) => {
  await openSample(page, 'A_C.2_80_L.3');
  const problems = await viewer(page).evaluate((v) => {
    const out = [];
    const root = v.shadowRoot.querySelector('.cm-root');
    for (const el of root.querySelectorAll('button, a[href], input, [tabindex], [role]')) {
      if (el.closest('[hidden]') || el.closest('.cm-margin, .cm-annot-panel')) continue;
      const labelled = el.getAttribute('aria-labelledby');
      const name =
        el.getAttribute('aria-label') ||
        (labelled && labelled.split(/\s+/).map((id) => v.shadowRoot.getElementById(id)?.textContent ?? '').join(' ')) ||
        el.textContent;
      const interactive = el.matches('button, a[href], input, [tabindex]');
      if (interactive && !String(name).trim()) out.push(`unnamed ${el.tagName.toLowerCase()}.${el.className}`);
    }
    for (const el of root.querySelectorAll('[data-tip]')) {
      if (el.tabIndex < 0 && !el.matches('.cm-chip')) out.push(`tooltip anchor not focusable: ${el.className}`);
    }
    if (!root.querySelector('.cm-fn')) out.push('no footnote marker rendered');
    return out;
  });
  expect(problems).toEqual([]);
  // Reading order: sponsors, then the tools, then the outline and the text.
  const order = await viewer(page).evaluate((v) => {
    const r = v.shadowRoot;
    const pos = (sel) => {
      const el = r.querySelector(sel);
      return el ? [...r.querySelectorAll('*')].indexOf(el) : -1;
    };
    return [pos('.cm-chip'), pos('.cm-find-input'), pos('.cm-outline a'), pos('.cm-part-op .cm-clause')];
  });
  expect(order.every((p, i) => p >= 0 && (i === 0 || p > order[i - 1]))).toBe(true);
});

test('headings among a clause\'s items stand above the items they head (S/RES/47 (1948))', async ({ page }) => {
  await openSample(page, SEED);
  await showText(page, corpusText('S_RES_47_1948.txt'));
  const headings = await viewer(page).evaluate((v) =>
    [...v.clauseElement('op4').querySelectorAll(':scope > .cm-items > h4')].map((h) => [
      h.textContent,
      h.nextElementSibling?.dataset.clauseId,
    ]),
  );
  expect(headings, 'the measures\' headings A, B and C, each right before its first measure').toEqual([
    ['A. Restoration of peace and order', 'op4-1'],
    ['B. Plebiscite', 'op4-6'],
    ['C. General provisions', 'op4-16'],
  ]);
});

test('a declaration the resolution adopts: its headings once each, its unnumbered paragraphs cited as such', async ({ page }) => {
  await openSample(page, SEED);
  // A/RES/74/3 (2019), shortened.
  await showText(
    page,
    [
      'The General Assembly',
      'Adopts the following political declaration approved by the high-level meeting:',
      'Political declaration of the high-level meeting on small island developing States',
      '1. We, Heads of State and Government, declare our commitment;',
      'Call for action',
      '2. We call upon:',
      '(a) All entities of the United Nations system to integrate these priorities;',
      'We therefore commit to implement the following actions:',
      '(a) To progressively cover 1 billion additional people by 2023;',
      '3. We request the Secretary-General to report back.',
      '14th plenary meeting',
      '10 October 2019',
    ].join('\n\n'),
  );
  const r = await viewer(page).evaluate((v) => ({
    headings: [...v.clauseElement('op').querySelectorAll(':scope > .cm-items > h4')].map((h) => [
      h.textContent,
      h.nextElementSibling?.dataset.clauseId,
    ]),
    label: v.clauseElement('op-p1')?.getAttribute('aria-label'),
    nested: v.clauseElement('op-p1-a')?.parentElement.closest('.cm-clause')?.dataset.clauseId,
  }));
  expect(r.headings, 'each heading once, before the first item under it').toEqual([
    ['Political declaration of the high-level meeting on small island developing States', 'op-1'],
    ['Call for action', 'op-2'],
  ]);
  expect(r.label).toBe('Operative paragraph, unnumbered paragraph 1');
  expect(r.nested, 'the lettered item nests under the unnumbered paragraph before it').toBe('op-p1');
});

test('every corpus document renders: one element per clause, its exact text, no errors', async ({ page }) => {
  test.setTimeout(90_000);
  const fs = await import('node:fs');
  const { CORPUS } = await import('./fixtures.mjs');
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));
  expect(files.length).toBeGreaterThanOrEqual(20);
  await openSample(page, SEED);
  for (const f of files) {
    await showText(page, corpusText(f));
    const r = await viewer(page).evaluate((v) => {
      const d = v.document;
      let clauses = 0;
      const bad = [];
      const walk = (cs) => {
        for (const c of cs) {
          clauses++;
          const el = v.clauseElement(c.id);
          const own = el && [...el.querySelectorAll('.cm-clause-text')].filter((t) => t.closest('.cm-clause') === el);
          if (!own || own.length !== 1 || own[0].textContent !== c.text) bad.push(c.id);
          walk(c.items);
        }
      };
      walk(d.preamble);
      walk(d.operative);
      return {
        clauses,
        rendered: v.shadowRoot.querySelectorAll('.cm-clause').length,
        bad,
        chips: v.shadowRoot.querySelectorAll('.cm-chip').length,
        sponsors: d.sponsors.length,
        blank: !v.shadowRoot.querySelector('.cm-body')?.textContent.trim(),
      };
    });
    expect(r.bad, `${f}: clauses whose element or text is wrong`).toEqual([]);
    expect(r.rendered, `${f}: clause elements`).toBe(r.clauses);
    expect(r.chips, `${f}: sponsor chips`).toBe(r.sponsors);
    expect(r.blank, `${f}: blank body`).toBe(false);
  }
});
