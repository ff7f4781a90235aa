#!/usr/bin/env node
// A tiny dependency-free static server for www/ (the demo page and the viewer), with the
// Content-Security-Policy the page must run under.
//
//   node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--root www]
//
// --port 0 picks a free port. The URL is printed on stdout as "clausemark demo: http://...".

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1] ?? fallback;
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return fallback;
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--root www]');
  process.exit(0);
}

const port = Number(option('port', process.env.PORT ?? '8080'));
const host = option('host', '127.0.0.1');
const root = path.resolve(option('root', path.join(here, '..', 'www')));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: bad --port ${option('port')}`);
  process.exit(2);
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error(`serve.mjs: ${req.method} ${req.url}: ${e?.message ?? e}`);
    if (!res.headersSent) send(res, 500, 'internal error\n');
    else res.destroy();
  });
});

async function handle(req, res) {
  const common = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  for (const [k, v] of Object.entries(common)) res.setHeader(k, v);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return send(res, 400, 'bad request\n');
  }
  if (pathname.includes('\0')) return send(res, 400, 'bad request\n');
  // Resolve inside root; anything that escapes it (.., symlink tricks aside) is refused.
  let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return send(res, 403, 'forbidden\n');
  if (path.basename(file).startsWith('.')) return send(res, 404, 'not found\n');
  try {
    let stat = await fs.stat(file);
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) return send(res, 301, '', { Location: encodeURI(pathname + '/') });
      file = path.join(file, 'index.html');
      stat = await fs.stat(file);
    }
    const real = await fs.realpath(file);
    const realRoot = await fs.realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return send(res, 403, 'forbidden\n');
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  } catch {
    send(res, 404, 'not found\n');
  }
}

server.listen(port, host, () => {
  const { port: actual } = server.address();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(`clausemark demo: http://${shown}:${actual}/  (serving ${root})`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
