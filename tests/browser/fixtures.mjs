// Shared fixtures for the viewer's browser tests: every test fails if the page logged a console
// error, threw, or violated its Content-Security-Policy.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { expect };

const here = path.dirname(fileURLToPath(import.meta.url));
/** ../shared/corpus next to the repository (CI lays a copy of shared/ beside the clone). */
export const CORPUS = process.env.CLAUSEMARK_CORPUS || path.resolve(here, '../../../shared/corpus');

export function corpusText(name) {
  return fs.readFileSync(path.join(CORPUS, name), 'utf8');
}

export const test = base.extend({
  problems: [
    async ({ page }, use) => {
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener(
          'securitypolicyviolation',
          (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
          true,
        );
      });
      await use(problems);
      const csp = await page.evaluate(() => window.__csp ?? []).catch(() => []);
      expect([...problems, ...csp.map((v) => `CSP violation: ${v}`)], 'console errors, page errors, CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** The viewer on the demo page. */
export const viewer = (page) => page.locator('clausemark-viewer');

/** Open the demo page on a bundled sample (optionally with a #hash) and wait for the render. */
export async function openSample(page, name, hash = '') {
  await page.goto(`/?sample=${encodeURIComponent(name)}${hash ? '#' + hash : ''}`);
  await waitRendered(page);
}

export async function waitRendered(page) {
  await page.waitForFunction(() => {
    const v = document.querySelector('clausemark-viewer');
    return v && v.document && v.shadowRoot.querySelector('.cm-root');
  });
}

/** Show `text` in the demo page's viewer (as the `text` property) and wait for the render. */
export async function showText(page, text) {
  if (!page.url().startsWith('http')) {
    await page.goto('/');
    await waitRendered(page);
  }
  await page.evaluate(
    (t) =>
      new Promise((resolve) => {
        const v = document.querySelector('clausemark-viewer');
        v.addEventListener('clausemark-ready', () => resolve(), { once: true });
        v.removeAttribute('src');
        v.text = t;
      }),
    text,
  );
}

/** Occurrences of `needle` in `hay` (non-overlapping, case-insensitive). */
export function countOf(hay, needle) {
  const h = hay.toLowerCase();
  const n = needle.toLowerCase();
  let count = 0;
  for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + n.length)) count++;
  return count;
}
