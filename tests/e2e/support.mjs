// Shared end-to-end test support: a static server for the release build on loopback, Debian's
// Chromium driven by playwright-core, and a page object for the Quotemark app.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';

export const DIST = process.env.QM_DIST ?? resolve(new URL('../../dist', import.meta.url).pathname);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` on 127.0.0.1 at `port` (an ephemeral one by default); unknown paths fall back to
 * index.html.
 */
export async function serveDist(root = DIST, port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(root, 'index.html');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    // Kept-alive connections too: after close() nothing more is served (the offline tests).
    close: () => new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    }),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches Debian's Chromium with a fresh profile; `close()` also removes the profile. Service
 * workers are blocked unless `serviceWorkers: 'allow'` (the offline tests): a page served from the
 * worker's cache would bypass the routes other tests set (holding back the wasm, say).
 */
export async function launchBrowser({ serviceWorkers = 'block' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'quotemark-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    serviceWorkers,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Page object for the Quotemark app. */
export class QuotemarkPage {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push(msg.text());
    });
    page.on('pageerror', (err) => this.errors.push(String(err)));
  }

  /** Opens the app and waits for the panel's body, which arrives after the app has started. */
  async open(url) {
    await this.page.goto(url);
    await this.title.waitFor();
    await this.page.getByTestId('panel-rest').waitFor({ state: 'attached' });
  }

  /** Loads the page again and waits for the app, as `open` does. */
  async reload() {
    await this.page.reload();
    await this.title.waitFor();
    await this.page.getByTestId('panel-rest').waitFor({ state: 'attached' });
  }

  get title() {
    return this.page.getByTestId('article-title');
  }
  get date() {
    return this.page.getByTestId('article-date');
  }
  get paragraphs() {
    return this.page.getByTestId('paragraph');
  }
  get panel() {
    return this.page.getByRole('complementary', { name: 'Annotations' });
  }
}

/**
 * Selects the `occurrence`-th appearance of `needle` in the article body as a reader would with the
 * mouse (a DOM Range over the text nodes, then mouseup), and returns the selected string.
 */
export async function selectText(page, needle, occurrence = 0, { event = 'mouseup' } = {}) {
  return page.evaluate(
    ([needle, occurrence, event]) => {
      const body = document.querySelector('[data-testid="article-body"]');
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const p = n.parentElement.closest('[data-testid="paragraph"]');
        if (nodes.length && nodes[nodes.length - 1].p !== p) text += '\n\n';
        nodes.push({ node: n, start: text.length, p });
        text += n.data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) {
        at = text.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`"${needle}" not found in the article`);
      }
      const point = (offset, preferEnd) => {
        for (const { node, start } of nodes) {
          const end = start + node.data.length;
          if (offset < end || (preferEnd && offset === end)) {
            if (offset >= start) return [node, offset - start];
          }
        }
        const last = nodes[nodes.length - 1];
        return [last.node, last.node.data.length];
      };
      const range = document.createRange();
      range.setStart(...point(at, false));
      range.setEnd(...point(at + needle.length, true));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      body.dispatchEvent(new MouseEvent(event === 'mouseup' ? 'mouseup' : 'keyup', { bubbles: true }));
      return selection.toString();
    },
    [needle, occurrence, event],
  );
}

/** Page-object helpers for annotating. */
export class Annotator extends QuotemarkPage {
  get toolbar() {
    return this.page.getByTestId('selection-toolbar');
  }
  get editor() {
    return this.page.getByTestId('editor');
  }
  get cards() {
    return this.page.getByTestId('annotation-card');
  }
  get highlights() {
    return this.page.getByTestId('highlight');
  }
  get announcer() {
    return this.page.getByTestId('announcer');
  }
  get toast() {
    return this.page.getByTestId('toast');
  }
  card(text) {
    return this.cards.filter({ hasText: text });
  }
  select(needle, occurrence = 0) {
    return selectText(this.page, needle, occurrence);
  }
  /** Tags `needle` as a quote with a speaker and optional cue, using the Q shortcut. */
  async quote(needle, speaker, cue) {
    await this.select(needle);
    await this.toolbar.waitFor();
    await this.page.keyboard.press('q');
    await this.editor.waitFor();
    await this.editor.getByLabel('Speaker').fill(speaker);
    if (cue) await this.editor.getByLabel('Cue verb').fill(cue);
    await this.page.keyboard.press('Control+Enter');
    await this.editor.waitFor({ state: 'detached' });
  }
  /** Tags `needle` as a claim with a status, using the toolbar button. */
  async claim(needle, status = 'Unverified') {
    await this.select(needle);
    await this.toolbar.getByRole('button', { name: /Claim/ }).click();
    await this.editor.waitFor();
    await this.editor.getByLabel('Status').selectOption({ label: status });
    await this.editor.getByRole('button', { name: /Save/ }).click();
    await this.editor.waitFor({ state: 'detached' });
  }
  /** The text of every highlight, joined per annotation key. */
  async highlightedText(key) {
    return this.page.evaluate((key) => {
      return [...document.querySelectorAll('[data-testid="highlight"]')]
        .filter((el) => el.dataset.k.split(' ').includes(String(key)))
        .map((el) => el.textContent)
        .join('');
    }, key);
  }
}

/** Every `quotemark.*` key and value in local storage, sorted (for byte-for-byte comparisons). */
export function storageSnapshot(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('quotemark.'))
      .sort()
      .map((k) => [k, localStorage.getItem(k)]),
  );
}

/** The open document as stored: `{ id, title, text }` from its `quotemark.v3.doc.*` record. */
export function storedDocument(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.doc.'));
    return JSON.parse(localStorage.getItem(key)).document;
  });
}

/**
 * A W3C Web Annotation export of `n` quotes on a document (`{ id, title, text }`), one every few
 * words from the start of its text, with ids `…-000000000001` and up (`idBase` varies them).
 */
export function manyQuotesExport(doc, n, idBase = 0) {
  const chars = [...doc.text];
  const items = Array.from({ length: n }, (_, i) => {
    const start = (i * 7) % (chars.length - 40);
    const end = start + 12 + (i % 20);
    const id = `00000000-0000-4000-8000-${String(idBase + i + 1).padStart(12, '0')}`;
    return {
      id,
      type: 'Annotation',
      created: '2017-06-05T10:00:00Z',
      modified: '2017-06-05T10:00:00Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'quote', 'qm:kind': 'quote' },
        { type: 'TextualBody', purpose: 'describing', value: `Speaker ${i + 1}`, 'qm:speaker': `Speaker ${i + 1}`, 'qm:form': 'direct' },
      ],
      target: {
        source: doc.id,
        selector: [
          { type: 'TextQuoteSelector', exact: chars.slice(start, end).join(''), prefix: chars.slice(Math.max(0, start - 32), start).join(''), suffix: chars.slice(end, end + 32).join('') },
          { type: 'TextPositionSelector', start, end },
        ],
      },
    };
  });
  return JSON.stringify({
    '@context': ['http://www.w3.org/ns/anno.jsonld', { qm: 'https://quotemark.example/ns#' }],
    type: 'AnnotationCollection',
    'qm:formatVersion': 2,
    'qm:document': { id: doc.id, type: 'Text', 'qm:title': doc.title },
    first: { type: 'AnnotationPage', items },
  });
}

/** Opens the "Open an article" dialog and waits until it has moved the focus in (a frame after
 * it opens): text filled before that would follow the focus into the first field. */
export async function openArticleDialog(page) {
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="library-dialog"]')?.contains(document.activeElement));
}

/** Opens `text` as an article through the "Open an article" dialog (optionally with a title). */
export async function pasteArticle(page, text, title = '') {
  await openArticleDialog(page);
  if (title) await page.getByLabel('Title (optional)').fill(title);
  await page.getByTestId('article-paste').fill(text);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('library-dialog').waitFor({ state: 'detached' });
  // The pasted article drawn (its last words: the first line may become the title), so that the
  // next step can select its text.
  await page.getByTestId('article-body').filter({ hasText: text.trim().split(/\s+/).slice(-4).join(' ') }).waitFor();
}

/** Opens the Share & export menu and clicks an item. */
export async function menu(page, item) {
  await page.getByRole('button', { name: 'Share & export' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Imports a file (name + contents) through the file picker and waits for the dialog. */
export async function importFile(page, name, contents, mimeType = 'application/json') {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer: Buffer.from(contents) });
  await page.getByTestId('import-dialog').waitFor();
}

/** Downloads through a menu item and returns [file name, contents]. */
export async function downloadVia(page, item) {
  return downloaded(page, () => menu(page, item));
}

/** Runs `start`, which starts a download, and returns [file name, contents]. */
export async function downloaded(page, start) {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return [download.suggestedFilename(), Buffer.concat(chunks).toString('utf8')];
}

/**
 * Registers node:test hooks shared by the annotating tests: serve the release build and launch
 * Chromium once per file; give every test a fresh page on empty local storage, and fail it on any
 * console error (but those `expected` matches, for tests that make something fail on purpose).
 * `set` receives `{ server, browser, app }` whenever they change.
 */
export function freshPagePerTest(set, { permissions = [], expected = null } = {}) {
  const state = {};
  before(async () => {
    state.server = await serveDist();
    state.browser = await launchBrowser();
    if (permissions.length) await state.browser.context.grantPermissions(permissions, { origin: state.server.url });
    set({ ...state });
  });
  after(async () => {
    await state.browser?.close();
    await state.server?.close();
  });
  beforeEach(async () => {
    state.app = new Annotator(await state.browser.context.newPage());
    await state.app.open(state.server.url);
    await state.app.page.evaluate(() => localStorage.clear());
    await state.app.open(state.server.url);
    set({ ...state });
  });
  afterEach(async () => {
    assert.deepEqual(state.app.errors.filter((e) => !expected?.test(e)), [], 'no console errors');
    await state.app.page.close();
  });
}

/** The article fixtures the reader is tested on (crates/core/tests/fixtures/articles/). */
export const ARTICLES = new URL('../../crates/core/tests/fixtures/articles/', import.meta.url).pathname;

/** Opens article fixture `name` through "Open article" and its file picker. */
export async function openArticleFile(page, name, type) {
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.getByTestId('article-file').setInputFiles({ name, mimeType: type, buffer: await readFile(`${ARTICLES}${name}`) });
}

/** Everything in the vault's `documents` store (key → value). */
export const vaultContents = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('quotemark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('documents')) return resolve({});
          const store = db.transaction('documents').objectStore('documents');
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            db.close();
            resolve(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]])));
          };
        };
      }),
  );

/**
 * Article `d` of a generated library in the version-2 layout (which the app migrates on load):
 * its document record (title `Article d`, opened at `d` ms after a fixed date, with the word
 * `zeta<d>quark` in its text and nowhere else) and one record per annotation (two quotations
 * for every claim). `rand(n)` gives whole numbers below `n`; `words` is what the text is made of.
 */
export function v2Article(d, { paragraphs, annotations, rand, words }) {
  const people = ['Anna Berg', 'Peter Neumann', 'Maria Lopez Garcia', 'John Smith', 'Omar Rudd', 'Li Killock'];
  const cues = ['said', 'told', 'warned', 'added', 'argued', 'claimed'];
  const body = Array.from({ length: paragraphs }, () =>
    Array.from({ length: 4 }, () => Array.from({ length: 14 }, () => words[rand(words.length)]).join(' ') + '.').join(' '),
  );
  const text = `Article ${d} about zeta${d}quark. ${body.join('\n\n')}`;
  const chars = [...text];
  const id = 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 32);
  const hex = id.slice(7);
  const records = [[`quotemark.v2.doc.${hex}`, JSON.stringify({ version: 2, document: { id, title: `Article ${d}`, text }, opened: 1_700_000_000_000 + d })]];
  for (let i = 0; i < annotations; i++) {
    const start = rand(chars.length - 200);
    const end = start + 20 + rand(150);
    const n = d * annotations + i;
    const base = {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      tags: [],
      created: 1496620800000 + n,
      modified: 1496620800000 + n,
      s: start,
      e: end,
      p: Math.min(32, start),
      x: Math.min(32, chars.length - end),
    };
    const kind = i % 3 === 2
      ? { kind: 'claim', claimType: 'statistic', status: 'unverified', evidence: [] }
      : { kind: 'quote', speaker: people[rand(people.length)], cue: cues[rand(cues.length)], form: 'direct' };
    records.push([`quotemark.v2.a.${hex}.${base.id}`, JSON.stringify({ ...base, ...kind })]);
  }
  return { id, hex, chars: chars.length, records };
}

/** Bytes of Quotemark's records in the page's local storage (UTF-16, as browsers count them). */
export const localBytes = (page) =>
  page.evaluate(() => {
    let bytes = 0;
    for (const k of Object.keys(localStorage)) if (k.startsWith('quotemark.')) bytes += 2 * (k.length + localStorage.getItem(k).length);
    return bytes;
  });
