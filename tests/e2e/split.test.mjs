// The module split (scripts/wasm-split.mjs, src/later.rs): the first load fetches only the main
// module, and the annotation panel's body and the store's readers after the app's first frame
// (with something stored, the app waits for the readers first); the readers of files, the
// suggestion engine, the exports, the imports and the dialogs' bodies arrive on first use; a chunk
// that cannot be downloaded gives a clear message, loses nothing, and loads when tried again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloadVia, freshPagePerTest, menu, openArticleFile } from './support.mjs';

// What a refused download writes to the console: the request, and the loader's log.
const REFUSED = /Failed to load resource|failed to load split module|Failed to fetch|TypeError: Failed/i;

let app;
freshPagePerTest((s) => ({ app } = s), { expected: REFUSED });

/** The chunks the page has fetched since it was loaded (names without the leading slash). */
const chunks = () =>
  app.page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.slice(1))
      .filter((p) => /^(split|chunk)_[\w-]+\.wasm$/.test(p)),
  );

const turnOn = () => app.page.getByRole('button', { name: 'Suggest quotes and claims' }).click();
const suggestions = () => app.page.getByTestId('suggestion');
const blocked = (name) => app.page.route(new RegExp(`/split_${name}-[0-9a-f]+\\.wasm$`), (route) => route.abort('internetdisconnected'));
const unblocked = (name) => app.page.unroute(new RegExp(`/split_${name}-[0-9a-f]+\\.wasm$`));
const openFile = (name, type) => openArticleFile(app.page, name, type);

test('the first load fetches only the panel\'s and the store\'s chunks; annotating needs no other; suggestions and readers load theirs on first use', async () => {
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  assert.equal(await app.cards.count(), 1);
  const loaded = (await chunks()).filter((c) => c.startsWith('split_'));
  assert.deepEqual(loaded.map((c) => c.replace(/-[0-9a-f]+\.wasm$/, '')).sort(), ['split_panel', 'split_stored'], 'only the panel\'s and the store\'s chunks for loading and annotating');

  await turnOn();
  await suggestions().first().waitFor();
  assert.ok((await chunks()).some((c) => c.startsWith('split_suggestions-')), 'the suggestions chunk fetched');
  assert.ok(!(await chunks()).some((c) => c.startsWith('split_readers-')));

  const title = await app.title.textContent();
  await openFile('messy-news-page.html', 'text/html');
  // (The sample's title is there until the page is read: wait for the new one.)
  await app.page.waitForFunction((t) => document.querySelector('[data-testid="article-title"]').textContent !== t, title);
  await app.paragraphs.first().waitFor();
  assert.ok((await chunks()).some((c) => c.startsWith('split_readers-')), 'the readers chunk fetched');
  assert.deepEqual(app.errors, [], 'no console errors when nothing is refused');
});

test('suggestions whose chunk cannot be downloaded: a message, the page keeps working, Try again loads it', async () => {
  await blocked('suggestions');
  await turnOn();
  const alert = app.page.getByRole('alert').filter({ hasText: 'Suggesting quotes and claims needs a part of Quotemark that could not be downloaded' });
  await alert.waitFor();
  assert.equal(await suggestions().count(), 0);

  // Nothing else is lost: annotating still works, and is saved.
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  assert.equal(await app.cards.count(), 1);

  await unblocked('suggestions');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await suggestions().first().waitFor();
  assert.equal(await alert.count(), 0);
  assert.ok((await suggestions().count()) >= 10);
});

test('an HTML file whose reader cannot be downloaded: a message, the open article stays, the next try opens it', async () => {
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  const title = await app.title.textContent();
  await blocked('readers');
  await openFile('messy-news-page.html', 'text/html');
  await app.toast.filter({ hasText: 'Reading this file needs a part of Quotemark that could not be downloaded' }).waitFor();
  assert.equal(await app.title.textContent(), title);
  assert.equal(await app.cards.count(), 1);

  await unblocked('readers');
  await app.page.keyboard.press('Escape');
  await openFile('messy-news-page.html', 'text/html');
  await app.page.waitForFunction((t) => document.querySelector('[data-testid="article-title"]').textContent !== t, title);
  await app.paragraphs.first().waitFor();
});

test('an export whose chunk cannot be downloaded: a message, nothing lost; the next try downloads the file', async () => {
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  await blocked('exports');
  await menu(app.page, 'Download JSON');
  await app.toast.filter({ hasText: 'Exporting needs a part of Quotemark that could not be downloaded' }).waitFor();
  assert.equal(await app.cards.count(), 1);

  await unblocked('exports');
  const [name, json] = await downloadVia(app.page, 'Download JSON');
  assert.match(name, /\.json$/);
  assert.match(json, /very risky approach/);
  assert.ok((await chunks()).some((c) => c.startsWith('split_exports-')));
});

test('a dialog whose body cannot be downloaded: Loading…, then a message with Try again in the dialog; the page keeps working', async () => {
  await blocked('insights');
  await app.page.getByRole('button', { name: 'Insights' }).click();
  const dialog = app.page.getByTestId('insights-dialog');
  const alert = dialog.getByRole('alert').filter({ hasText: 'The insights view needs a part of Quotemark that could not be downloaded' });
  await alert.waitFor();
  assert.equal(await app.page.getByTestId('insights-summary').count(), 0);
  await app.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  assert.equal(await app.cards.count(), 1);

  await app.page.getByRole('button', { name: 'Insights' }).click();
  await alert.waitFor();
  await unblocked('insights');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await app.page.getByTestId('insights-summary').filter({ hasText: '1 quote' }).waitFor();
  assert.ok((await chunks()).some((c) => c.startsWith('split_insights-')));
  // Once loaded, the dialog's first field or button has the focus.
  assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement) && document.activeElement !== d));
});

test('while a dialog body loads, Tab and Shift+Tab keep the focus in the dialog; then its first field has it', async () => {
  let release;
  const held = new Promise((ok) => (release = ok));
  await app.page.route(/\/split_insights-[0-9a-f]+\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  const inside = () => app.page.evaluate(() => !!document.activeElement.closest('[data-testid="insights-dialog"]'));
  await app.page.getByRole('button', { name: 'Insights' }).focus();
  await app.page.keyboard.press('Enter');
  await app.page.getByTestId('insights-dialog').getByRole('status').filter({ hasText: 'Loading' }).waitFor();
  await app.page.waitForFunction(() => !!document.activeElement.closest('[data-testid="insights-dialog"]'));
  for (const key of ['Tab', 'Shift+Tab', 'Tab']) {
    await app.page.keyboard.press(key);
    assert.ok(await inside(), `${key} while loading kept the focus in the dialog`);
  }
  release();
  await app.page.getByTestId('insights-summary').waitFor();
  await app.page.keyboard.press('Shift+Tab');
  assert.ok(await inside(), 'Shift+Tab from the dialog itself goes to its last field');
});

/** Holds chunk `split_<name>` back until the returned function is called. */
async function hold(name) {
  let release;
  const held = new Promise((ok) => (release = ok));
  await app.page.route(new RegExp(`/split_${name}-[0-9a-f]+\\.wasm$`), async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Opens the app again with the panel's chunk held back until `release()` is called. */
async function holdPanel() {
  const release = await hold('panel');
  await app.page.goto(app.page.url());
  await app.title.waitFor();
  return release;
}

test('before the panel\'s chunk is there, select and Q already open the editor and tag the quote; the list follows', async () => {
  const release = await holdPanel();
  await app.page.waitForFunction(() => performance.getEntriesByName('quotemark:mounted').length > 0);
  assert.equal(await app.page.getByTestId('empty-state').count(), 1, 'the panel shows how to start meanwhile');
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  await app.highlights.first().waitFor();
  assert.equal(await app.highlights.first().textContent(), 'This could be a very risky approach');
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '1');
  await app.panel.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
  assert.equal(await app.cards.count(), 0);

  release();
  await app.card('Open Rights Group').waitFor();
  assert.equal(await app.cards.count(), 1);
  assert.equal(await app.panel.getByRole('status').filter({ hasText: 'Loading…' }).count(), 0);
});

test('a panel whose chunk cannot be downloaded: a message with Try again in the panel; tagging still works and is kept', async () => {
  await blocked('panel');
  await app.page.goto(app.page.url());
  await app.title.waitFor();
  const alert = app.panel.getByRole('alert').filter({ hasText: 'The annotation panel needs a part of Quotemark that could not be downloaded' }).first();
  await alert.waitFor();
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  await app.highlights.first().waitFor();
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '1');

  await unblocked('panel');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await app.card('Open Rights Group').waitFor();
  assert.equal(await app.cards.count(), 1, 'the quote tagged while the panel was missing');
});

/** What local storage holds, key by key. */
const stored = () =>
  app.page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
const preloaded = () => app.page.locator('link[rel="preload"][href*="/split_stored-"]').count();
const mounted = () => app.page.evaluate(() => performance.getEntriesByName('quotemark:mounted').length > 0);

test('a first visit starts without the store\'s readers (fetched after); with something stored, the app waits for them and reads it all', async () => {
  await app.page.evaluate(() => localStorage.clear());
  await app.page.goto(app.page.url());
  await app.title.waitFor();
  await app.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/split_stored-/.test(e.name)));
  const [started, fetched] = await app.page.evaluate(() => [
    performance.getEntriesByName('quotemark:mounted')[0].startTime,
    performance.getEntriesByType('resource').find((e) => /\/split_stored-/.test(e.name)).startTime,
  ]);
  assert.ok(fetched > started, `nothing stored: the readers were fetched (${fetched} ms) after the app started (${started} ms)`);
  assert.equal(await preloaded(), 0, 'nothing stored: index.html does not fetch the readers early');

  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  await app.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('quotemark.v3.doc.')));
  const release = await hold('stored');
  await app.page.goto(app.page.url());
  await app.page.locator('#boot').waitFor();
  await app.page.waitForTimeout(300);
  assert.equal(await mounted(), false, 'the app waits for the readers');
  assert.equal(await preloaded(), 1, 'something stored: index.html fetches the readers with the module');
  assert.equal(await app.page.locator('#boot').count(), 1, 'the article stays on screen meanwhile');
  release();
  await app.card('Open Rights Group').waitFor();
  assert.equal(await app.cards.count(), 1);
});

test('something stored and the store\'s readers refused: a message over the article, nothing stored touched; Try again starts the app', async () => {
  await app.quote('This could be a very risky approach', 'Open Rights Group', 'said');
  await app.page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('quotemark.v3.doc.')));
  await app.page.evaluate(() => new Promise((ok) => setTimeout(ok, 1200)));
  const before = await stored();
  await blocked('stored');
  await app.page.goto(app.page.url());
  const alert = app.page.getByTestId('cannot-start');
  await alert.filter({ hasText: 'a part of it could not be downloaded, so your saved work could not be read. Nothing was changed.' }).waitFor();
  assert.equal(await app.page.locator('#boot').count(), 1, 'the article stays on screen');
  assert.equal(await mounted(), false);
  assert.deepEqual(await stored(), before, 'nothing stored was changed');

  await unblocked('stored');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await app.card('Open Rights Group').waitFor();
  assert.equal(await app.cards.count(), 1);
});
