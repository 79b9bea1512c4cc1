// Storage that never loses work: quota exceeded, storage unavailable, corrupt values, two tabs,
// compaction into one set per document, migration from versions 1 and 2, and the usage figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, Annotator, storageSnapshot, menu, importFile, storedDocument, manyQuotesExport } from './support.mjs';

const RISKY = '“This could be a very risky approach”.';
const ACCOUNTS = 'almost 400,000 accounts';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function freshPage(init) {
  const page = await browser.context.newPage();
  if (init) await page.addInitScript(init);
  const app = new Annotator(page);
  await app.open(server.url);
  await page.evaluate(() => {
    try {
      localStorage.clear();
    } catch {
      // blocked on purpose by the init script
    }
  });
  await app.open(server.url);
  return app;
}

/** Two pages on the same (empty) storage and document, as two tabs. */
async function twoTabs() {
  const a = await freshPage();
  const b = new Annotator(await browser.context.newPage());
  await b.open(server.url);
  return [a, b];
}

const settle = (app) => app.page.waitForTimeout(150); // saves run just after the paint

test('quota exceeded: a banner offers export, nothing in the page is lost, the next change retries', async () => {
  const app = await freshPage(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await app.quote(RISKY, 'Theresa May', 'said');
  await settle(app);
  await app.page.evaluate(() => (window.__quotaFull = true));
  await app.claim(ACCOUNTS, 'Needs source');
  const banner = app.page.getByTestId('storage-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /full/);
  assert.ok(await banner.getByRole('button', { name: 'Export JSON' }).isVisible());
  assert.equal(await app.cards.count(), 2, 'the in-memory state is whole');

  await app.page.evaluate(() => (window.__quotaFull = false));
  await app.quote('“Our thoughts are with the victims of this shocking attack', 'Twitter');
  await settle(app);
  await banner.waitFor({ state: 'detached' });
  await app.reload();
  await app.title.waitFor();
  await app.cards.first().waitFor();
  assert.equal(await app.cards.count(), 3, 'the retry saved the change that failed');
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('local storage unavailable: the app works in memory and says nothing will be kept', async () => {
  const app = await freshPage(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const banner = app.page.getByTestId('storage-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /not available.*nothing you do here will be kept/);
  await app.quote(RISKY, 'Theresa May', 'said');
  assert.equal(await app.cards.count(), 1);
  await menu(app.page, 'Download JSON').catch(() => {});
  // The library and its note on storage open too (nothing is read from local storage).
  await app.page.getByRole('button', { name: 'Library' }).click();
  await app.page.getByTestId('storage-note').waitFor();
  await app.page.getByTestId('library-item').first().waitFor();
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('a corrupt stored value is moved aside, the reader is told, and the app starts', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.claim(ACCOUNTS, 'Needs source');
  await settle(app);
  const key = await app.page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.a.')));
  await app.page.evaluate((key) => localStorage.setItem(key, '{"s": 12, "e": oops'), key);
  await app.reload();
  await app.title.waitFor();
  const notes = app.page.getByTestId('load-notes');
  await notes.waitFor();
  assert.match(await notes.textContent(), /could not be read.*set aside under “quotemark\.backup\./);
  assert.equal(await app.cards.count(), 1, 'the readable annotation is there');
  const backups = await app.page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('quotemark.backup.')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(backups, ['{"s": 12, "e": oops'], 'the corrupt value is kept byte for byte');

  // A corrupt document record: the sample opens, the value is kept aside.
  const docKey = await app.page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.doc.')));
  await app.page.evaluate((k) => localStorage.setItem(k, 'not json at all'), docKey);
  await app.reload();
  await app.title.waitFor();
  assert.match(await app.title.textContent(), /Open Rights Group/);
  assert.match(await app.page.getByTestId('load-notes').textContent(), /set aside/);
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('two tabs on one document: changes appear in the other and concurrent changes merge', async () => {
  const [a, b] = await twoTabs();
  await a.quote(RISKY, 'Theresa May', 'said');
  await b.cards.first().waitFor();
  assert.match(await b.cards.first().textContent(), /Theresa May/);

  // Concurrent: A edits the quote while B adds a claim.
  await a.cards.first().click();
  await a.editor.getByLabel('Note').fill('from tab A');
  await b.claim(ACCOUNTS, 'Needs source');
  await a.editor.getByRole('button', { name: /Save/ }).click();
  await settle(a);
  await settle(b);
  for (const app of [a, b]) {
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-card"]').length === 2);
  }
  await a.reload();
  await a.title.waitFor();
  await a.cards.nth(1).waitFor();
  assert.equal(await a.cards.count(), 2);
  // B shows A's edited note in its editor.
  await b.cards.first().click();
  assert.equal(await b.editor.getByLabel('Note').inputValue(), 'from tab A');
  // Deleting in B removes it in A.
  await b.editor.getByRole('button', { name: 'Delete' }).click();
  await a.page.waitForFunction(() => document.querySelectorAll('[data-testid="annotation-card"]').length === 1);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await b.page.close();
});

test('version 1 records are migrated', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await settle(app);
  // Rewrite what was saved as the version 1 layout (one record with the document and annotations).
  await app.page.evaluate(() => {
    const keys = Object.keys(localStorage);
    const docKey = keys.find((k) => k.startsWith('quotemark.v3.doc.'));
    const doc = JSON.parse(localStorage.getItem(docKey)).document;
    const hex = doc.id.slice(7);
    const annotations = [
      {
        id: '6b0f7a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        target: { source: doc.id, position: { start: 0, end: 26 }, quote: { exact: doc.text.slice(0, 26), prefix: '', suffix: '' } },
        kind: 'quote',
        speaker: 'Open Rights Group',
        form: 'indirect',
        created: 1496620800000,
        modified: 1496620800000,
      },
    ];
    localStorage.clear();
    localStorage.setItem(`quotemark.v1.doc.${hex}`, JSON.stringify({ version: 1, document: doc, annotations }));
    localStorage.setItem('quotemark.v1.current', JSON.stringify(doc.id));
  });
  await app.reload();
  await app.title.waitFor();
  await app.cards.first().waitFor();
  assert.match(await app.cards.first().textContent(), /Open Rights Group/);
  const keys = (await storageSnapshot(app.page)).map(([k]) => k);
  assert.ok(!keys.some((k) => k.startsWith('quotemark.v1.')), `v1 keys removed: ${keys}`);
  assert.ok(keys.some((k) => k.startsWith('quotemark.v3.set.')));
  await app.page.close();
});

test('version 2 records (one key per annotation) are migrated into one set', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.claim(ACCOUNTS, 'Needs source');
  await settle(app);
  // Rewrite what was saved as the version 2 layout: the same records, one key each.
  await app.page.evaluate(() => {
    const keys = Object.keys(localStorage);
    const doc = JSON.parse(localStorage.getItem(keys.find((k) => k.startsWith('quotemark.v3.doc.'))));
    const hex = doc.document.id.slice(7);
    const records = keys.filter((k) => k.startsWith('quotemark.v3.a.')).map((k) => localStorage.getItem(k));
    localStorage.clear();
    localStorage.setItem(`quotemark.v2.doc.${hex}`, JSON.stringify({ ...doc, version: 2 }));
    for (const r of records) localStorage.setItem(`quotemark.v2.a.${hex}.${JSON.parse(r).id}`, r);
    localStorage.setItem('quotemark.v2.current', JSON.stringify(doc.document.id));
    localStorage.setItem(`quotemark.v2.rejected.${hex}`, JSON.stringify(['quote:0:10']));
  });
  await app.reload();
  await app.title.waitFor();
  await app.cards.nth(1).waitFor();
  assert.equal(await app.cards.count(), 2);
  const keys = (await storageSnapshot(app.page)).map(([k]) => k);
  assert.ok(!keys.some((k) => k.startsWith('quotemark.v2.')), `v2 keys removed: ${keys}`);
  assert.deepEqual(
    (await storageSnapshot(app.page)).filter(([k]) => k.startsWith('quotemark.v3.rejected.')).map(([, v]) => v),
    ['["quote:0:10"]'],
    'rejected suggestions moved',
  );
  const set = await app.page.evaluate(() =>
    JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.set.')))),
  );
  assert.equal(set.version, 3);
  assert.deepEqual([...set.columns.kind].sort(), ['c', 'q']);
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

const setOf = (page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.set.'));
    return key ? localStorage.getItem(key) : null;
  });
const changeKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.a.')).sort());
// A compaction writes the set at once and removes the change records it folded in when the page is idle.
const folded = (page) =>
  page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('quotemark.v3.a.')));
const count = async (app) => Number(await app.page.getByTestId('annotation-count').textContent());

test('a document keeps one set; changes are small records until there are many, then folded in', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await settle(app);
  assert.equal((await changeKeys(app.page)).length, 1, 'one change, one small record');
  assert.equal(await setOf(app.page), null, 'no set written yet');

  // An import of 80 annotations is one save of the whole set; the change record is folded in.
  const doc = await storedDocument(app.page);
  await importFile(app.page, 'many.json', manyQuotesExport(doc, 80));
  await app.page.getByRole('button', { name: 'Apply' }).click();
  await folded(app.page);
  const stored = JSON.parse(await setOf(app.page));
  assert.equal(stored.version, 3);
  assert.equal(stored.columns.id.length, 81);
  await app.reload();
  await app.title.waitFor();
  await app.cards.first().waitFor();
  assert.equal(await count(app), 81);

  // The next change is a change record again; deleting writes `null` (not a removal).
  await app.claim(ACCOUNTS, 'Needs source');
  await settle(app);
  assert.equal((await changeKeys(app.page)).length, 1);
  await app.cards.first().click();
  await app.editor.getByRole('button', { name: 'Delete' }).click();
  await settle(app);
  const records = await app.page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.a.')).map((k) => localStorage.getItem(k)),
  );
  assert.equal(records.length, 2);
  assert.ok(records.includes('null'), 'the deletion is recorded as null');
  await app.reload();
  await app.title.waitFor();
  await app.cards.first().waitFor();
  assert.equal(await count(app), 81);

  // A bad entry inside the set costs only itself: the set is kept aside byte for byte, the others load
  // and are written again. (Quotemark's own annotations are kept in columns; the third gets an
  // unknown kind letter.)
  const set = JSON.parse(await setOf(app.page));
  const victim = set.columns.id[2];
  set.columns.kind = [...set.columns.kind].map((c, i) => (i === 2 ? 'x' : c)).join('');
  const corrupt = JSON.stringify(set);
  await app.page.evaluate((v) => {
    localStorage.setItem(Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.set.')), v);
  }, corrupt);
  await app.reload();
  await app.title.waitFor();
  const notes = app.page.getByTestId('load-notes');
  await notes.waitFor();
  assert.match(await notes.textContent(), new RegExp(`annotation 3 \\(id ${victim}\\): "x" is not a kind.*set aside under “quotemark\\.backup\\.`));
  assert.equal(await count(app), 80);
  await settle(app);
  const backups = await app.page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('quotemark.backup.')).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(backups, [corrupt]);
  assert.equal(JSON.parse(await setOf(app.page)).columns.id.length, 80, 'the good ones are written again');
  await folded(app.page);
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('two tabs: a whole set written in one tab (an import) appears in the other', async () => {
  const [a, b] = await twoTabs();
  await b.quote(RISKY, 'Theresa May', 'said');
  await a.cards.first().waitFor();
  const doc = await storedDocument(a.page);
  await importFile(a.page, 'many.json', manyQuotesExport(doc, 70));
  await a.page.getByRole('button', { name: 'Apply' }).click();
  await b.page.waitForFunction(() => document.querySelector('[data-testid="annotation-count"]').textContent.trim() === '71');
  // B's own quote survived A's compaction, in both tabs and in storage.
  assert.equal(await count(a), 71);
  await b.reload();
  await b.title.waitFor();
  await b.cards.first().waitFor();
  assert.equal(await count(b), 71);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await b.page.close();
});

test('the menu shows how much of the storage quota is used', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await settle(app);
  await app.page.getByRole('button', { name: 'Share & export' }).click();
  assert.match(await app.page.getByTestId('storage-usage').textContent(), /Saved in this browser: 0\.\d\d MB of about 5 MB/);
  await app.page.close();
});
