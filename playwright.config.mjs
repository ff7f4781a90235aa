// Browser tests of the viewer and the demo page: `npx playwright test` (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1;
// the system Chromium is used, no browser download). The demo is served by scripts/serve.mjs on a
// free port with the production Content-Security-Policy header.
import { defineConfig } from '@playwright/test';
import net from 'node:net';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The config is evaluated in the runner and again in each worker: pick the port once and pass it
// down through the environment.
process.env.CLAUSEMARK_TEST_PORT ||= String(await freePort());
const port = Number(process.env.CLAUSEMARK_TEST_PORT);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: /.*\.spec\.mjs$/,
  workers: 2,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    },
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 20_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
