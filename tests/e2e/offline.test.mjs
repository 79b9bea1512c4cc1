// Offline (issue 21): after one visit the app opens and works with the server gone; a new build is
// picked up on the next load with a quiet notice and its own cache only (never two builds' files);
// the page is installable (manifest, icons, service worker), as Chromium itself judges it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, serveDist, launchBrowser, Annotator } from './support.mjs';

/** A copy of the release build to serve (and to change into a "new version"). */
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'quotemark-dist-'));
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** The build's version and files, as its service worker lists them. */
function buildOf(dir) {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  return JSON.parse(sw.match(/const BUILD = (\{.*\});/)[1]);
}

/** Opens the app and waits until its service worker controls the page. */
async function visit(app, url) {
  await app.open(url);
  await app.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
}

const cacheKeys = (page) =>
  page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('quotemark-'));
    const out = {};
    for (const n of names) out[n] = (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
    return out;
  });

test('after one visit the app opens and works with the network gone', async () => {
  const dir = copyOfDist();
  let server = await serveDist(dir);
  const browser = await launchBrowser({ serviceWorkers: 'allow' });
  try {
    const app = new Annotator(await browser.context.newPage());
    await visit(app, server.url);
    const build = buildOf(dir);
    assert.deepEqual(await cacheKeys(app.page), { [`quotemark-${build.version}`]: [...build.files].sort() });
    const url = server.url;
    await server.close();
    server = null;
    // No server at all: the page, its wasm and the sample come from the cache.
    await app.reload();
    await app.title.waitFor();
    await app.quote('“This could be a very risky approach”.', 'Amber Rudd', 'said');
    await app.card('This could be a very risky approach').filter({ hasText: 'Amber Rudd' }).waitFor();
    // And again: the annotation was kept.
    await app.page.goto(url);
    await app.card('This could be a very risky approach').filter({ hasText: 'Amber Rudd' }).waitFor();
    assert.deepEqual(app.errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e)), []);
  } finally {
    await browser.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new version is picked up on the next load, said quietly, and replaces the old cache', async () => {
  const dir = copyOfDist();
  const server = await serveDist(dir);
  const browser = await launchBrowser({ serviceWorkers: 'allow' });
  try {
    const app = new Annotator(await browser.context.newPage());
    await visit(app, server.url);
    const old = buildOf(dir);
    assert.equal(await app.page.getByTestId('toast').count(), 0, 'no notice on the first visit');

    // A deploy: a new index.html (another build version, a changed page) and its worker.
    const version = 'feedfacefeedface';
    const index = readFileSync(join(dir, 'index.html'), 'utf8')
      .replace(/(<meta name="quotemark-build" content=")[^"]*"/, `$1${version}"`)
      .replace('<title>Quotemark</title>', '<title>Quotemark (new)</title>');
    writeFileSync(join(dir, 'index.html'), index);
    writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replace(`"version":"${old.version}"`, `"version":"${version}"`));

    await app.reload();
    await app.title.waitFor();
    await app.page.getByTestId('toast').filter({ hasText: 'Quotemark was updated to a new version.' }).waitFor();
    assert.equal(await app.page.evaluate(() => document.querySelector('meta[name=quotemark-build]').content), version);
    // The new worker takes over with its own cache, filled whole; the old one is gone.
    await app.page.evaluate(async (v) => {
      for (let i = 0; i < 300 && (await caches.keys()).join() !== `quotemark-${v}`; i++) await new Promise((ok) => setTimeout(ok, 100));
    }, version);
    const cached = await cacheKeys(app.page);
    assert.deepEqual(Object.keys(cached), [`quotemark-${version}`]);
    assert.deepEqual(cached[`quotemark-${version}`], [...old.files].sort());
    const page = await app.page.evaluate(async (v) => (await (await caches.open(`quotemark-${v}`)).match('index.html')).text(), version);
    assert.match(page, /content="feedfacefeedface"/, 'the cache holds the new index.html, not the old');

    // The load after that: the same version, no notice.
    await app.reload();
    await app.title.waitFor();
    await app.page.waitForTimeout(300);
    assert.equal(await app.page.getByTestId('toast').filter({ hasText: 'updated' }).count(), 0);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a development build (trunk serve) on the same address clears the caches and the worker', async () => {
  const dir = copyOfDist();
  let server = await serveDist(dir);
  const browser = await launchBrowser({ serviceWorkers: 'allow' });
  try {
    const app = new Annotator(await browser.context.newPage());
    await visit(app, server.url);
    const port = new URL(server.url).port;
    await server.close();
    // What the build hook writes for a debug build, served where the release build was.
    execFileSync('node', ['scripts/service-worker.mjs'], { env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'debug' } });
    server = await serveDist(dir, Number(port));
    await app.reload();
    await app.title.waitFor();
    const left = await app.page.evaluate(async () => {
      for (let i = 0; i < 300; i++) {
        const [names, regs] = [await caches.keys(), await navigator.serviceWorker.getRegistrations()];
        if (names.length === 0 && regs.length === 0) return { names, regs: 0 };
        await new Promise((ok) => setTimeout(ok, 100));
      }
      return { names: await caches.keys(), regs: (await navigator.serviceWorker.getRegistrations()).length };
    });
    assert.deepEqual(left, { names: [], regs: 0 }, 'no cache and no worker are left to serve stale files');
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('installable: manifest, icons and service worker as Chromium checks them', async () => {
  const server = await serveDist();
  const browser = await launchBrowser({ serviceWorkers: 'allow' });
  try {
    const app = new Annotator(await browser.context.newPage());
    await visit(app, server.url);
    const manifest = await app.page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.name, 'Quotemark');
    assert.equal(manifest.display, 'standalone');
    for (const icon of manifest.icons) {
      const ok = await app.page.evaluate(async (src) => (await fetch(src)).ok, icon.src);
      assert.ok(ok, `${icon.src} is served`);
    }
    const cdp = await browser.context.newCDPSession(app.page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the library says what the browser keeps, and asks it to keep the library', async () => {
  const server = await serveDist();
  const browser = await launchBrowser({ serviceWorkers: 'allow' });
  try {
    const app = new Annotator(await browser.context.newPage());
    await visit(app, server.url);
    await app.page.getByRole('button', { name: 'Library' }).click();
    const note = app.page.getByTestId('storage-note');
    await note.waitFor();
    const text = await note.textContent();
    const expected = await app.page.evaluate(async () => ({ ...(await navigator.storage.estimate()), persisted: await navigator.storage.persisted() }));
    assert.match(text, /^Articles and annotations: \d+ KB of local storage \(browsers allow about 5 MB\)\. All this site's data, app files included: \d+\.\d MB of \d+\.\d (MB|GB)\. /);
    assert.ok(expected.usage > 1e6, 'the app files are counted');
    if (expected.persisted) {
      assert.match(text, /The browser keeps it until you delete it\.$/);
    } else {
      assert.match(text, /The browser may clear it when space runs low/);
      await note.getByRole('button', { name: 'Ask the browser to keep it' }).click();
      // The browser decides (Chromium by the site's use, Firefox by asking); the note says which.
      const decided = await app.page.evaluate(() => navigator.storage.persisted());
      await note.filter({ hasText: decided ? 'until you delete it' : 'may clear it' }).waitFor();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
