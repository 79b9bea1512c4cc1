// Load benchmark: cold loads of the release build as a phone meets it (Lighthouse's mobile
// profile: 150 ms round trip, 1.6 Mbit/s down, 4x CPU slowdown, cache disabled) and on the
// desktop (no throttling), with every file served brotli-compressed as a real host would.
// Run with `./dev bench load` (builds first).
//
//   node scripts/load-bench.mjs [--runs 5] [--dist dist]
//
// Prints the median (and min–max) of: first contentful paint, when the app has started (the
// selection can be tagged with Q), and the bytes on the wire before the first paint and in all.
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launchBrowser } from '../tests/e2e/support.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const DIST = resolve(arg('dist', 'dist'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

// Every file compressed once, at brotli's highest quality (what `./dev build` writes as .br).
const files = new Map();
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!name.endsWith('.br') && !name.endsWith('.gz')) {
      const raw = readFileSync(path);
      const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
      files.set('/' + path.slice(DIST.length + 1), { raw, br, type: TYPES[extname(name)] ?? 'application/octet-stream' });
    }
  }
})(DIST);

const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/') path = '/index.html';
  const file = files.get(path) ?? files.get('/index.html');
  const br = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
  res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...(br ? { 'content-encoding': 'br' } : {}) });
  res.end(br ? file.br : file.raw);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

async function load(browser, phone, seed = null) {
  const page = await browser.context.newPage();
  if (phone) await page.setViewportSize({ width: 390, height: 844 });
  if (seed) await page.addInitScript((entries) => { if (!localStorage.length) for (const [k, v] of entries) localStorage.setItem(k, v); }, seed);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (phone) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  // Bytes on the wire per request and when each finished (seconds, the browser's monotonic clock).
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { url: e.request.url, start: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => Object.assign(requests.get(e.requestId) ?? {}, { bytes: e.encodedDataLength, end: e.timestamp }));
  let navigationStart;
  cdp.on('Network.requestWillBeSent', (e) => { if (e.type === 'Document') navigationStart ??= e.timestamp; });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('quotemark:mounted').length > 0 && performance.getEntriesByName('first-contentful-paint').length > 0,
    null, { timeout: 120000 },
  );
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    started: performance.getEntriesByName('quotemark:mounted')[0].startTime,
    text: document.querySelector('#boot-body, [data-testid=article-body]') !== null,
  }));
  const all = [...requests.values()].filter((r) => r.bytes !== undefined);
  const beforePaint = all.filter((r) => (r.end - navigationStart) * 1000 <= t.fcp);
  await page.close();
  return {
    fcp: t.fcp,
    started: t.started,
    before: beforePaint.reduce((s, r) => s + r.bytes, 0),
    total: all.reduce((s, r) => s + r.bytes, 0),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (label, xs, unit, digits = 0) =>
  console.log(`  ${label.padEnd(52)} ${median(xs).toFixed(digits).padStart(8)} ${unit}  (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`);

const br = (f) => `${(f.br.length / 1024).toFixed(1)} KB br`;
const main = [...files.entries()].find(([p]) => p.endsWith('_bg.wasm'));
const chunks = [...files.entries()].filter(([p]) => /^\/(split|chunk)_/.test(p));
const stored = chunks.find(([p]) => p.startsWith('/split_stored'));
console.log(`Load benchmark: release build in ${DIST} served brotli-compressed (main module ${br(main[1])}${stored ? `, the store's readers ${br(stored[1])}` : ''}, ${chunks.length} chunks on first use); ${RUNS} cold loads each, medians (min–max):`);
// What a first visit leaves in local storage (the document open last and its record): a returning
// reader has it, so the app waits for the store's readers (src/persist/readers.rs). Measured with
// nothing cached, as after a cleared cache or without the service worker (with it, every file
// comes from its cache).
const seed = await (async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:mounted').length > 0);
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('quotemark.v3.doc.')));
    return await page.evaluate(() => Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
  } finally {
    await browser.close();
  }
})();
const PROFILES = [
  { phone: true, seed: null, title: ' phone (150 ms RTT, 1.6 Mbit/s, 4x CPU, 390x844), first visit:' },
  { phone: true, seed, title: ' phone, returning (something stored, nothing cached):' },
  { phone: false, seed: null, title: ' desktop (no throttling, 1280x800), first visit:' },
];
for (const { phone, seed, title } of PROFILES) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const browser = await launchBrowser();
    try {
      runs.push(await load(browser, phone, seed));
    } finally {
      await browser.close();
    }
  }
  console.log(title);
  line('first contentful paint (article text on screen)', runs.map((r) => r.fcp), 'ms');
  line('app started (select text and press Q works)', runs.map((r) => r.started), 'ms');
  line('fetched before the first paint', runs.map((r) => r.before / 1024), 'KB', 1);
  line('fetched in all', runs.map((r) => r.total / 1024), 'KB', 1);
}
server.close();
