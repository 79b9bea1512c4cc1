// Storage that never loses work: quota exceeded, storage unavailable, corrupt values, two tabs,
// migration from version 1, and the usage figure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, Annotator, storageSnapshot, menu } from './support.mjs';

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
  await app.page.reload();
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
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('a corrupt stored value is moved aside, the reader is told, and the app starts', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.claim(ACCOUNTS, 'Needs source');
  await settle(app);
  const key = await app.page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('quotemark.v2.a.')));
  await app.page.evaluate((key) => localStorage.setItem(key, '{"s": 12, "e": oops'), key);
  await app.page.reload();
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
  const docKey = await app.page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('quotemark.v2.doc.')));
  await app.page.evaluate((k) => localStorage.setItem(k, 'not json at all'), docKey);
  await app.page.reload();
  await app.title.waitFor();
  assert.match(await app.title.textContent(), /Open Rights Group/);
  assert.match(await app.page.getByTestId('load-notes').textContent(), /set aside/);
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('two tabs on one document: changes appear in the other and concurrent changes merge', async () => {
  const a = await freshPage();
  const b = new Annotator(await browser.context.newPage());
  await b.open(server.url);
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
  await a.page.reload();
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
    const docKey = keys.find((k) => k.startsWith('quotemark.v2.doc.'));
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
  await app.page.reload();
  await app.title.waitFor();
  await app.cards.first().waitFor();
  assert.match(await app.cards.first().textContent(), /Open Rights Group/);
  const keys = (await storageSnapshot(app.page)).map(([k]) => k);
  assert.ok(!keys.some((k) => k.startsWith('quotemark.v1.')), `v1 keys removed: ${keys}`);
  assert.ok(keys.some((k) => k.startsWith('quotemark.v2.a.')));
  await app.page.close();
});

test('the menu shows how much of the storage quota is used', async () => {
  const app = await freshPage();
  await app.quote(RISKY, 'Theresa May', 'said');
  await settle(app);
  await app.page.getByRole('button', { name: 'Share & export' }).click();
  assert.match(await app.page.getByTestId('storage-usage').textContent(), /Saved in this browser: 0\.\d\d MB of about 5 MB/);
  await app.page.close();
});
