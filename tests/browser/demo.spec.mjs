// The demo page around the viewer (files, paste, bad input, long texts) and the element's API.
import { test, expect, viewer, openSample, showText, waitRendered, corpusText } from './fixtures.mjs';

const message = (page) => page.locator('#message');

test.describe('opening files', () => {
  test.beforeEach(async ({ page }) => {
    await openSample(page, 'E_CN.4_2002_L.108');
  });

  test('a .txt file opens in the viewer', async ({ page }) => {
    await page.locator('#file').setInputFiles({
      name: 'S_RES_2774_2025.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(corpusText('S_RES_2774_2025.txt')),
    });
    await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2774 (2025)');
    await expect(viewer(page).locator('.cm-part-op > .cm-clause')).toHaveCount(1);
    await expect(message(page)).toBeHidden();
  });

  const bad = [
    ['legacy.txt', Buffer.from([0x52, 0xe9, 0x73, 0x6f, 0x6c, 0x75, 0x74, 0x69, 0x6f, 0x6e, 0x0a]), /not UTF-8 text/],
    ['scan.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1'), /PDF file/],
    ['blob.txt', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43, 0x00, 0x44]), /binary/],
  ];
  for (const [name, buffer, expected] of bad) {
    test(`${name} gets a clear message and the document stays`, async ({ page }) => {
      await page.locator('#file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await expect(message(page)).toBeVisible();
      await expect(message(page)).toContainText(name);
      await expect(message(page)).toContainText(expected);
      await expect(viewer(page).locator('.cm-symbol')).toHaveText('E/CN.4/2002/L.108');
    });
  }

  test('pasted text is parsed and shown', async ({ page }) => {
    await page.locator('#paste-toggle').click();
    await page.locator('#paste').fill(corpusText('S_RES_2770_2025.txt'));
    await page.locator('#paste-show').click();
    await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2770 (2025)');
    await expect(viewer(page).locator('.cm-part-pp > .cm-clause')).toHaveCount(3);
  });
});

test('document text never becomes markup', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  const evil =
    'The Security Council,\n\nRecalling <img src=x onerror="window.__pwned=1"> its resolutions,\n\n' +
    '1. Decides <script>window.__pwned=2</script> to remain <b>seized</b> of the matter.\n';
  await showText(page, evil);
  const injected = await viewer(page).evaluate(
    (v) => v.shadowRoot.querySelectorAll('img, script, b, [onerror]').length,
  );
  expect(injected).toBe(0);
  await expect(viewer(page).locator('.cm-body')).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('empty or structureless text is never a blank page', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  await showText(page, '');
  await expect(viewer(page).locator('.cm-body')).toContainText('found no preambular or operative paragraphs');
  await showText(page, 'Just a sentence, not a resolution.');
  await expect(viewer(page).locator('.cm-raw')).toHaveText('Just a sentence, not a resolution.');
});

test('a 1 MB text is parsed in a Web Worker and renders', async ({ page }) => {
  test.setTimeout(60_000);
  await openSample(page, 'E_CN.4_2002_L.108');
  // A long but well-formed resolution: the seed's operative paragraphs, each four times as long,
  // renumbered 1..N (N stays under 1000, as printed resolutions do).
  const seed = corpusText('E_CN.4_2002_L.108.txt');
  const head = seed.slice(0, seed.indexOf('1. *Notes with appreciation*'));
  const ops = seed
    .slice(seed.indexOf('1. *Notes with appreciation*'))
    .split(/\n\s*\n/)
    .filter((p) => /^\d+\. /.test(p));
  let body = '';
  let n = 0;
  while (head.length + body.length < 1_000_000) {
    for (const p of ops) {
      const t = p.replace(/^\d+\. /, '').replace(/[.;:]$/, '');
      body += `${++n}. ${[t, t, t, t].join(', and ')};\n\n`;
    }
  }
  const text = head + body;
  expect(text.length).toBeGreaterThan(1_000_000);
  const t0 = Date.now();
  await showText(page, text);
  const elapsed = Date.now() - t0;
  const info = await viewer(page).evaluate((v) => ({
    where: v.parsedIn,
    ops: v.document.operative.length,
    rendered: v.shadowRoot.querySelectorAll('.cm-part-op > .cm-clause').length,
  }));
  expect(info.where).toBe('worker');
  expect(info.ops).toBe(n);
  expect(n).toBeGreaterThan(500);
  expect(info.rendered).toBe(info.ops);
  expect(elapsed).toBeLessThan(20_000);
  // Deep link into the long document still works.
  await page.evaluate(() => (location.hash = '#op500'));
  await expect(viewer(page).locator('[data-clause-id="op500"]')).toBeInViewport();
});

test('an internal reference jumps to its clause', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  await showText(
    page,
    'The General Assembly,\n\nRecalling its resolution 75/1 of 21 September 2020,\n\n' +
      '1. Requests the Secretary-General to submit a report on the matter;\n\n' +
      '2. Decides to review the implementation of paragraph 1 above at its eightieth session.\n',
  );
  const doc = await viewer(page).evaluate((v) => v.document);
  const ref = doc.references.find((r) => r.target === 'op1');
  expect(ref, 'the parser resolves "paragraph 1 above" to op1').toBeTruthy();
  const link = viewer(page).locator('a.cm-ref-internal[data-clause-target="op1"]');
  await expect(link).toHaveText(/paragraph 1/);
  await link.click();
  await expect(viewer(page).locator('[data-clause-id="op1"]')).toHaveClass(/cm-selected/);
  expect(new URL(page.url()).hash).toBe('#op1');
});

test('diagnostics are shown on demand next to their clause', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  await showText(
    page,
    'The Security Council,\n\nRecalling its previous resolutions,\n\n1. Decides to act;\n\n2. Requests a report;\n\n4. Decides to remain seized of the matter.\n',
  );
  const count = await viewer(page).evaluate((v) => v.document.diagnostics.length);
  expect(count, 'a numbering gap (2 → 4) is diagnosed').toBeGreaterThan(0);
  const button = viewer(page).locator('[data-action="diagnostics"]');
  await expect(button).toHaveText(`Diagnostics (${count})`);
  const shown = viewer(page).locator('.cm-diag');
  await expect(shown.first()).toBeHidden();
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(shown.first()).toBeVisible();
  await expect(viewer(page).locator('.cm-clause .cm-diag').first()).toBeVisible();
});

test.describe('the element', () => {
  test('attributes are mirrored as properties; registered once; events', async ({ page }) => {
    await openSample(page, 'S_RES_2782_2025');
    const r = await page.evaluate(async () => {
      const v = document.querySelector('clausemark-viewer');
      v.theme = 'dark';
      const themeAttr = v.getAttribute('theme');
      v.noAnnotate = true;
      const noAnnotateAttr = v.hasAttribute('no-annotate');
      v.noAnnotate = false;
      v.setAttribute('no-hash', '');
      const noHash = v.noHash;
      v.removeAttribute('no-hash');
      const src = v.src;
      const Ctor = customElements.get('clausemark-viewer');
      await import('./clausemark-viewer.js?again');
      return { themeAttr, noAnnotateAttr, noHash, src, same: customElements.get('clausemark-viewer') === Ctor };
    });
    expect(r).toEqual({
      themeAttr: 'dark',
      noAnnotateAttr: true,
      noHash: true,
      src: 'samples/S_RES_2782_2025.txt',
      same: true,
    });
    const bg = await viewer(page).evaluate((v) => getComputedStyle(v).backgroundColor);
    expect(bg).toBe('rgb(21, 24, 28)');
  });

  test('a viewer made from script renders, and stops listening once removed', async ({ page }) => {
    await openSample(page, 'E_CN.4_2002_L.108');
    const text = corpusText('S_RES_2785_2025.txt');
    const r = await page.evaluate(async (t) => {
      const v = document.createElement('clausemark-viewer');
      v.setAttribute('no-annotate', '');
      const ready = new Promise((res) => v.addEventListener('clausemark-ready', (e) => res(e.detail.document), { once: true }));
      v.text = t;
      document.body.append(v);
      const doc = await ready;
      let selects = 0;
      v.addEventListener('clausemark-select', () => selects++);
      location.hash = '#op1';
      await new Promise((res) => setTimeout(res, 100));
      const whileConnected = selects;
      v.remove();
      location.hash = '#op2';
      await new Promise((res) => setTimeout(res, 100));
      return { symbol: doc.symbol, ops: doc.operative.length, whileConnected, afterRemoval: selects - whileConnected };
    }, text);
    expect(r.symbol).toBe('S/RES/2785 (2025)');
    expect(r.ops).toBe(5);
    expect(r.whileConnected).toBeGreaterThanOrEqual(1);
    expect(r.afterRemoval).toBe(0);
  });

  test('dark theme follows prefers-color-scheme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openSample(page, 'E_CN.4_2002_L.108');
    expect(await viewer(page).evaluate((v) => getComputedStyle(v).color)).toBe('rgb(230, 233, 237)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await viewer(page).evaluate((v) => getComputedStyle(v).color)).toBe('rgb(27, 31, 36)');
  });

  test('the demo page is served with the CSP and the wasm MIME type', async ({ page, request }) => {
    const res = await request.get('/index.html');
    expect(res.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const wasm = await request.get('/pkg/clausemark_bg.wasm');
    expect(wasm.status()).toBe(200);
    expect(wasm.headers()['content-type']).toBe('application/wasm');
    const escape = await request.get('/%2e%2e/Cargo.toml');
    expect([403, 404]).toContain(escape.status());
    await openSample(page, 'E_CN.4_2002_L.108');
    await waitRendered(page);
  });
});

test('a .txt file dropped on the page opens; a dropped binary file gets a message', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  const drop = async (name, bytes) =>
    page.evaluate(
      ([n, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], n, { type: 'text/plain' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        }
      },
      [name, [...bytes]],
    );
  await drop('S_RES_2770_2025.txt', Buffer.from(corpusText('S_RES_2770_2025.txt')));
  await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2770 (2025)');
  await expect(page.locator('#drop-overlay')).toBeHidden();
  await drop('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xd8]));
  await expect(message(page)).toContainText('image.txt');
  await expect(message(page)).toContainText(/not UTF-8|binary/);
  await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2770 (2025)');
});

test('a src that cannot be loaded shows an error inside the element', async ({ page, problems }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  await page.evaluate(() => (document.querySelector('clausemark-viewer').src = 'samples/no-such-file.txt'));
  await expect(viewer(page).locator('.cm-error[role="alert"]')).toContainText('Could not load samples/no-such-file.txt');
  await expect(viewer(page).locator('.cm-error')).toContainText('404');
  // The browser logs the failed request itself; that one is expected.
  const expected = problems.filter((p) => /404 \(Not Found\)/.test(p));
  expect(expected.length).toBe(1);
  problems.splice(problems.indexOf(expected[0]), 1);
});

test('hostile inputs: 100 000 asterisks, one 1 MB line; never a hang or a blank', async ({ page }) => {
  test.setTimeout(60_000);
  await openSample(page, 'E_CN.4_2002_L.108');
  await showText(page, '*'.repeat(100_000));
  await expect(viewer(page).locator('.cm-root')).toBeVisible();
  expect(await viewer(page).evaluate((v) => v.shadowRoot.querySelector('.cm-body').textContent.length)).toBeGreaterThan(1000);
  const line = 'The General Assembly, ' + 'Recalling its resolutions and decisions, '.repeat(25_000);
  expect(line.length).toBeGreaterThan(1_000_000);
  await showText(page, line);
  await expect(viewer(page).locator('.cm-root')).toBeVisible();
  expect(await viewer(page).evaluate((v) => v.parsedIn)).toBe('worker');
  expect(await viewer(page).evaluate((v) => v.shadowRoot.querySelector('.cm-body').textContent.length)).toBeGreaterThan(100_000);
});

test('the parsed document downloads as JSON', async ({ page }) => {
  await openSample(page, 'S_RES_2782_2025');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-json').click()]);
  expect(download.suggestedFilename()).toBe('S_RES_2782_2025.json');
  const json = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(json.symbol).toBe('S/RES/2782 (2025)');
  expect(json.operative.length).toBe(16);
  expect(json.preamble.length).toBe(21);
});

test('no-annotate switches the annotation layer off and back on', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  const panel = viewer(page).locator('.cm-annot-panel');
  await expect(panel).toHaveCount(1);
  await page.evaluate(() => document.querySelector('clausemark-viewer').setAttribute('no-annotate', ''));
  await expect(panel).toHaveCount(0);
  await page.evaluate(() => document.querySelector('clausemark-viewer').removeAttribute('no-annotate'));
  await expect(panel).toHaveCount(1);
  // The viewer itself is untouched either way.
  await expect(viewer(page).locator('.cm-part > .cm-clause')).toHaveCount(24);
});

test('the smallest embedding: one script and one element (embed.html)', async ({ page }) => {
  await page.goto('/embed.html');
  await waitRendered(page);
  await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2782 (2025)');
  await expect(viewer(page).locator('.cm-part-op > .cm-clause')).toHaveCount(16);
  await expect(viewer(page).locator('.cm-annot-panel')).toHaveCount(0); // no-annotate
});

test('embed.html loads the module while the text downloads, and the glue while the module does', async ({ page }) => {
  // Each download is held until the next one has been asked for (or 5 s have passed): done one
  // after the other, as before, the second request never comes while the first is held.
  const asked = (pattern) => page.waitForRequest(pattern, { timeout: 5_000 }).then(() => true, () => false);
  const wasmAsked = asked(/\/pkg\/clausemark_bg\.wasm$/);
  const spareAsked = asked(/\/pkg\/clausemark\.js\?instance=2$/);
  let wasmDuringText = null;
  let spareDuringWasm = null;
  await page.route(/\/samples\/S_RES_2782_2025\.txt$/, async (route) => {
    wasmDuringText = await wasmAsked;
    await route.continue();
  });
  await page.route(/\/pkg\/clausemark_bg\.wasm$/, async (route) => {
    spareDuringWasm = await spareAsked;
    await route.continue();
  });
  await page.goto('/embed.html');
  await waitRendered(page);
  await expect(viewer(page).locator('.cm-part-op > .cm-clause')).toHaveCount(16);
  expect(wasmDuringText, 'the .wasm should be asked for while the text is still downloading').toBe(true);
  expect(spareDuringWasm, "the glue's spare copy should be asked for while the .wasm is still downloading").toBe(true);
});

test('the sample picker says when the viewer shows your own text', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  await page.locator('#paste-toggle').click();
  await page.locator('#paste').fill(corpusText('S_RES_2774_2025.txt'));
  await page.locator('#paste-show').click();
  await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2774 (2025)');
  await expect(page.locator('#sample option:checked')).toHaveText('Your text: pasted text');
  await page.locator('#sample').selectOption('S_RES_2782_2025');
  await expect(viewer(page).locator('.cm-symbol')).toHaveText('S/RES/2782 (2025)');
  expect(new URL(page.url()).searchParams.get('sample')).toBe('S_RES_2782_2025');
});

test('the text inside the element is parsed when there is no src (progressive enhancement)', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  const text = corpusText('S_RES_2768_2025.txt');
  const r = await page.evaluate(async (t) => {
    const v = document.createElement('clausemark-viewer');
    v.setAttribute('no-annotate', '');
    v.setAttribute('no-hash', '');
    v.textContent = t;
    const ready = new Promise((res) => v.addEventListener('clausemark-ready', (e) => res(e.detail.document), { once: true }));
    document.body.append(v);
    const doc = await ready;
    return { symbol: doc.symbol, ops: doc.operative.length, same: v.text === t };
  }, text);
  expect(r).toEqual({ symbol: 'S/RES/2768 (2025)', ops: 6, same: true });
});

test('the layout follows the element width, not the window', async ({ page }) => {
  await openSample(page, 'E_CN.4_2002_L.108');
  const outline = viewer(page).locator('.cm-outline');
  await expect(outline).toBeVisible();
  await page.evaluate(() => (document.querySelector('clausemark-viewer').style.width = '600px'));
  await expect(outline).toBeHidden();
  // Tooltips still sit next to their anchor in a narrow viewer.
  const chip = viewer(page).locator('.cm-chip').first();
  await chip.hover();
  const tip = await viewer(page).locator('.cm-tooltip').boundingBox();
  const anchor = await chip.boundingBox();
  expect(Math.abs(tip.y - (anchor.y + anchor.height)) < 20 || Math.abs(tip.y + tip.height - anchor.y) < 20).toBe(true);
});
