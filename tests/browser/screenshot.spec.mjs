// Regenerates docs/screenshot.png (the seed, a sponsor tooltip open, a clause hovered).
// Opt-in, so a normal run never rewrites a committed file:
//   CLAUSEMARK_SCREENSHOT=1 npx playwright test tests/browser/screenshot.spec.mjs
import { test, expect, viewer, openSample } from './fixtures.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshot.png');

test('screenshot of the seed for the README', async ({ page }) => {
  test.skip(!process.env.CLAUSEMARK_SCREENSHOT, 'set CLAUSEMARK_SCREENSHOT=1 to regenerate docs/screenshot.png');
  await page.setViewportSize({ width: 1280, height: 1320 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await openSample(page, 'E_CN.4_2002_L.108');
  await viewer(page).locator('.cm-chip', { hasText: /^Bangladesh/ }).hover();
  await expect(viewer(page).locator('.cm-tooltip')).toContainText('BGD');
  await page.screenshot({ path: out });
});
