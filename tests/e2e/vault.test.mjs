// The vault (issue 21): every article is copied to IndexedDB as well as kept in local storage. A
// library saved in today's layout (fixtures/library-v3.json, written by the app itself: the sample
// and three pasted articles, one with non-ASCII text, two annotations) is copied on first load
// with nothing lost and nothing changed in local storage; later writes and deletions follow; and
// when IndexedDB is missing or full, or an upgrade is blocked by another tab, the app says so and
// keeps working from local storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDist, launchBrowser, Annotator, pasteArticle, vaultContents } from './support.mjs';

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/library-v3.json', import.meta.url), 'utf8'));
const docKeys = Object.keys(FIXTURE).filter((k) => k.startsWith('quotemark.v3.doc.')).sort();

/** The vault's contents once `ready` holds of them (the mirror writes after local storage), or after 5 s. */
async function vaultWhen(page, ready) {
  let contents = await vaultContents(page);
  for (let i = 0; i < 50 && !ready(contents); i++) {
    await page.waitForTimeout(100);
    contents = await vaultContents(page);
  }
  return contents;
}

/** Whether the mirror copies a key: every library record but the open article's id and the build. */
const mirrored = (k) => k.startsWith('quotemark.v3.') && k !== 'quotemark.v3.current' && k !== 'quotemark.v3.build';

const localContents = (page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('quotemark.')).map((k) => [k, localStorage.getItem(k)])));

/** A page whose local storage starts as the fixture (once: a reload keeps what the app wrote). */
async function withFixture(browser, init) {
  const page = await browser.context.newPage();
  await page.addInitScript((fixture) => {
    if (sessionStorage.getItem('fixture-loaded')) return;
    sessionStorage.setItem('fixture-loaded', '1');
    localStorage.clear();
    for (const [k, v] of Object.entries(fixture)) localStorage.setItem(k, v);
  }, FIXTURE);
  if (init) await page.addInitScript(init);
  return new Annotator(page);
}

/**
 * One test on a fresh server and browser: the app opened on the fixture (after `before`, given
 * the browser and page), the body run, no page error allowed.
 */
function vaultTest(name, { init, before } = {}, body) {
  test(name, async () => {
    const server = await serveDist();
    const browser = await launchBrowser();
    try {
      const app = await withFixture(browser, init);
      if (before) await before(browser, app, server);
      await app.open(server.url);
      await fixtureShown(app);
      await body(app);
      assert.deepEqual(app.errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}

const fixtureShown = (app) => app.card('We are thrilled').filter({ hasText: 'Zoë Ångström' }).waitFor();

async function storageNote(app) {
  await app.page.getByRole('button', { name: 'Library' }).click();
  const note = app.page.getByTestId('storage-note');
  await note.waitFor();
  return note;
}

vaultTest("a library in today's layout is copied to the vault on first load, nothing lost or changed", {}, async (app) => {
  await (await storageNote(app)).filter({ hasText: `A second copy of every article and its annotations is kept in the browser's database (${docKeys.length} stored).` }).waitFor();
  const vault = await vaultContents(app.page);
  const local = await localContents(app.page);
  assert.deepEqual(Object.keys(vault).filter((k) => k.startsWith('quotemark.v3.doc.')).sort(), docKeys);
  // The annotations' records too; not which article is open, nor the build.
  for (const k of Object.keys(local).filter(mirrored)) assert.equal(vault[k], local[k], `${k} copied exactly`);
  assert.ok(!('quotemark.v3.current' in vault) && !('quotemark.v3.build' in vault));
  const open = `quotemark.v3.doc.${JSON.parse(FIXTURE['quotemark.v3.current']).replace('sha256:', '')}`;
  for (const k of docKeys) {
    assert.equal(vault[k], local[k], `${k} copied exactly`);
    // Only the open document's record changed (when it was opened).
    if (k !== open) assert.equal(vault[k], FIXTURE[k], `${k} as it was`);
  }
  // Local storage still holds every other record as it was.
  for (const [k, v] of Object.entries(FIXTURE)) {
    if (k === 'quotemark.v3.build') continue;
    assert.ok(k in local, `${k} is still in local storage`);
    if (!k.startsWith('quotemark.v3.doc.')) assert.equal(local[k], v, `${k} unchanged`);
  }
  await app.page.keyboard.press('Escape');
  // A new article is mirrored once written; deleting one removes its copy.
  await pasteArticle(app.page, 'Ferry timetable changes\n\nThe ferry will leave an hour earlier from May. “It suits the commuters,” said operator Anna Berg.');
  await app.title.filter({ hasText: 'Ferry timetable changes' }).waitFor();
  await app.page.waitForFunction(
    () => Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.doc.')).length === 5,
  );
  const after = await vaultWhen(app.page, (v) => Object.keys(v).length === 5);
  const local5 = await localContents(app.page);
  const newKey = Object.keys(local5).find((k) => k.startsWith('quotemark.v3.doc.') && !docKeys.includes(k));
  assert.equal(after[newKey], local5[newKey], 'the new article is in the vault as in local storage');
  await app.page.getByRole('button', { name: 'Library' }).click();
  await app.page.getByTestId('library-item').filter({ hasText: 'Library opening hours cut' }).getByRole('button', { name: 'Delete' }).click();
  const deleted = docKeys.find((k) => JSON.parse(FIXTURE[k]).document.title === 'Library opening hours cut');
  await app.page.waitForFunction((key) => localStorage.getItem(key) === null, deleted);
  const gone = await vaultWhen(app.page, (v) => !(deleted in v));
  assert.ok(!(deleted in gone), 'the deleted article left the vault too');
  assert.deepEqual(Object.keys(gone).filter((k) => k.startsWith('quotemark.v3.doc.')).sort(), [...docKeys.filter((k) => k !== deleted), newKey].sort(), 'the other copies stay');
});

vaultTest('without IndexedDB (as in some private modes) the app works from local storage and says so', { init: () => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }) }, async (app) => {
  const note = await storageNote(app);
  await note.filter({ hasText: "No second copy in the browser's database: the browser's database is not available here" }).waitFor();
  const local = await localContents(app.page);
  for (const k of docKeys) assert.ok(k in local, `${k} kept`);
});

vaultTest('when the disk is full the vault says so and local storage keeps everything', {
  // A quota smaller than what the site already uses: every IndexedDB write fails.
  before: async (browser, app, server) => {
    const cdp = await browser.context.newCDPSession(app.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: 1 });
  },
}, async (app) => {
  await app.page.getByTestId('toast').filter({ hasText: "The browser's storage is full" }).waitFor();
  const note = await storageNote(app);
  await note.filter({ hasText: "No second copy in the browser's database: the browser's storage for Quotemark is full." }).waitFor();
  const local = await localContents(app.page);
  for (const [k, v] of Object.entries(FIXTURE)) {
    if (k.startsWith('quotemark.v3.doc.') || k === 'quotemark.v3.build') continue;
    assert.equal(local[k], v, `${k} unchanged`);
  }
  for (const k of docKeys) assert.ok(k in local, `${k} kept`);
  // The app goes on saving to local storage.
  await app.reload();
  await fixtureShown(app);
});

vaultTest('a damaged copy in the vault is written again from local storage, which the app reads', {}, async (app) => {
  await (await storageNote(app)).filter({ hasText: `(${docKeys.length} stored)` }).waitFor();
  // Damage two copies: one is no longer a string, one is cut short.
  const [a, b] = docKeys;
  await app.page.evaluate(
    ([a, b]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('quotemark');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('documents', 'readwrite');
          tx.objectStore('documents').put({ not: 'a record' }, a);
          tx.objectStore('documents').put('{"version":3,"docu', b);
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onabort = () => reject(tx.error);
        };
      }),
    [a, b],
  );
  await app.reload();
  await fixtureShown(app);
  await (await storageNote(app)).filter({ hasText: `(${docKeys.length} stored)` }).waitFor();
  const vault = await vaultContents(app.page);
  const local = await localContents(app.page);
  for (const k of docKeys) assert.equal(vault[k], local[k], `${k} copied again`);
});

/**
 * Once the vault holds every library record, local storage cleared (as a browser's "clear site
 * data" for it alone would): the app opens the sample, and the library's note says what the vault
 * still holds. Returns local storage as it was before, and the note.
 */
async function clearedLocalStorage(app) {
  await (await storageNote(app)).filter({ hasText: `(${docKeys.length} stored)` }).waitFor();
  const before = await localContents(app.page);
  await vaultWhen(app.page, (v) => Object.keys(before).filter(mirrored).every((k) => v[k] === before[k]));
  await app.page.evaluate(() => localStorage.clear());
  await app.reload();
  await app.title.waitFor();
  const note = await storageNote(app);
  await note.filter({ hasText: /\d+ more articles? (is|are) kept there but missing from this library/ }).waitFor();
  return { before, note };
}

vaultTest('articles only the vault still holds (local storage cleared) are offered back with their annotations', {}, async (app) => {
  const { before, note } = await clearedLocalStorage(app);
  assert.equal(await app.page.getByTestId('library-item').filter({ hasText: 'Library opening hours cut' }).count(), 0);
  await note.getByRole('button', { name: 'Bring them back' }).click();
  await app.page.getByTestId('toast').filter({ hasText: "brought back from the browser's database" }).waitFor();
  // Every record is back as it was, and the article opens with its annotations.
  const after = await localContents(app.page);
  for (const k of Object.keys(before).filter(mirrored)) {
    assert.ok(k in after, `${k} is back`);
    if (!k.startsWith('quotemark.v3.doc.')) assert.equal(after[k], before[k], `${k} as it was`);
  }
  await note.filter({ hasText: 'missing from this library' }).waitFor({ state: 'detached' });
  const current = `quotemark.v3.doc.${JSON.parse(FIXTURE['quotemark.v3.current']).replace('sha256:', '')}`;
  const title = JSON.parse(FIXTURE[current]).document.title;
  await app.page.getByTestId('library-item').filter({ hasText: title }).getByRole('button', { name: 'Open' }).click();
  await fixtureShown(app);
});

vaultTest('bringing back into a full local storage says why, loses nothing, and works once there is room', {}, async (app) => {
  const { before, note } = await clearedLocalStorage(app);
  const vaultBefore = await vaultContents(app.page);
  // Local storage filled to the last character by another use of the site.
  await app.page.evaluate(() => {
    let i = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) localStorage.setItem(`filler.${i++}`, 'x'.repeat(size));
      } catch {
        // full at this size: try a smaller piece
      }
    }
  });
  await note.getByRole('button', { name: 'Bring them back' }).click();
  await app.page.getByTestId('toast').filter({ hasText: "Nothing could be brought back, because the browser's storage for Quotemark is full; the articles stay in the browser's database." }).waitFor();
  assert.deepEqual(await vaultContents(app.page), vaultBefore, 'the vault keeps every record');
  await note.filter({ hasText: 'missing from this library' }).waitFor();
  // With room again, the same button brings them all back.
  await app.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await note.getByRole('button', { name: 'Bring them back' }).click();
  await app.page.getByTestId('toast').filter({ hasText: "brought back from the browser's database" }).waitFor();
  const after = await localContents(app.page);
  for (const k of Object.keys(before).filter(mirrored)) assert.ok(k in after, `${k} is back`);
});

/**
 * A blocked upgrade: the app asks for the vault's next version (its request for the database's
 * version raised by one, as the next schema would) while another tab keeps the current version
 * open and does not let go, as a tab of an older Quotemark that does not listen for version
 * changes would. The app says so, goes on saving to local storage, and finishes the upgrade and
 * the copy once that tab closes the database.
 */
let older;
vaultTest('an upgrade blocked by another tab says so, loses nothing, and finishes when that tab lets go', {
  before: async (browser, app, server) => {
    older = await browser.context.newPage();
    await older.goto(`${server.url}icon.svg`);
    await older.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('quotemark', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('documents');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            window.heldOpen = open.result;
            resolve();
          };
        }),
    );
    await app.page.route(/\/snippets\/.*\.js$/, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      const next = body.replace('indexedDB.open(name, version)', 'indexedDB.open(name, version + 1)');
      await route.fulfill({ response, body: next });
    });
  },
}, async (app) => {
  await app.toast.filter({ hasText: 'Another Quotemark tab runs an older version: close it to finish upgrading' }).waitFor();
  const note = await storageNote(app);
  await note.filter({ hasText: 'waits for another Quotemark tab on an older version to close' }).waitFor();
  await app.page.keyboard.press('Escape');

  // Meanwhile the annotations are saved as ever, in local storage.
  const words = (await app.paragraphs.first().textContent()).split(/\s+/).slice(0, 6).join(' ');
  await app.quote(words, 'Someone Quoted', 'said');
  await app.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('quotemark.') && localStorage.getItem(k).includes('Someone Quoted')));
  const local = await localContents(app.page);

  // The other tab lets go: the upgrade runs, and every record is copied.
  await older.evaluate(() => window.heldOpen.close());
  const vault = await vaultWhen(app.page, (v) => Object.keys(local).filter(mirrored).every((k) => v[k] === local[k]));
  for (const k of Object.keys(local).filter(mirrored)) assert.equal(vault[k], local[k], `${k} copied after the upgrade`);
  const version = await app.page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('quotemark');
        open.onsuccess = () => {
          resolve(open.result.version);
          open.result.close();
        };
      }),
  );
  assert.equal(version, 2, 'the database was upgraded');
});
