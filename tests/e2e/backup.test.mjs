// A backup of the whole library: one file with every article and its annotations, restored
// through a preview into an empty browser (and undone), into one that has newer work (kept), and
// refused or rolled back whole when the file is damaged or the storage fills up mid-way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPagePerTest, downloaded, pasteArticle, storageSnapshot } from './support.mjs';

let app;
freshPagePerTest((s) => ({ app } = s));

const RISKY = '“This could be a very risky approach”.';
const NIGHT = '“We worked through the night,”';
const PASTED = `Harbour reopens after storm

The harbour reopened on Monday after three days of repairs. ${NIGHT} said harbour master Ellen Price.

Fishing crews said the closure had cost them more than £40,000.`;

/** A title by its first four words: the sample's title is a whole sentence. */
const short = (title) => title.split(' ').slice(0, 4).join(' ');

const settle = () => app.page.waitForTimeout(200); // saves run just after the paint

async function openLibrary() {
  await app.page.getByRole('button', { name: 'Library' }).click();
  // Its body is loaded on first use.
  await app.page.getByTestId('library').waitFor();
}

async function downloadBackup() {
  await openLibrary();
  const file = await downloaded(app.page, () => app.page.getByTestId('backup-download').click());
  await app.page.keyboard.press('Escape');
  return file;
}

async function restore(name, contents) {
  await openLibrary();
  await app.page.getByTestId('backup-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
  // The file is read in the background ("Importing"); wait for what it comes to.
  await app.page.locator('#import-title', { hasNotText: 'Importing' }).waitFor();
}

/** The preview's rows, as { label: number }. */
async function previewRows() {
  const rows = await app.page.getByTestId('restore-preview').locator('tr').allTextContents();
  return Object.fromEntries(rows.map((r) => [r.replace(/\d+$/, ''), Number(r.match(/\d+$/)[0])]));
}

async function libraryTitles() {
  await openLibrary();
  const titles = await app.page.getByTestId('library-item').locator('.library-title').allTextContents();
  const meta = await app.page.getByTestId('library-item').locator('.library-meta').allTextContents();
  await app.page.keyboard.press('Escape');
  return titles.map((t, i) => `${short(t)} (${meta[i].match(/\d+ annotations?/)[0]})`).sort();
}

/** Two annotated articles: the sample with one quote, the pasted harbour story with one. */
async function twoArticles() {
  await app.quote(RISKY, 'Theresa May', 'said');
  await pasteArticle(app.page, PASTED);
  await app.quote(NIGHT, 'Ellen Price', 'said');
  await settle();
}

test('back up the library, restore it in an empty browser through the preview, undo it', async () => {
  await twoArticles();
  const [name, json] = await downloadBackup();
  assert.match(name, /^quotemark-library-\d{4}-\d\d-\d\d\.json$/);
  const backup = JSON.parse(json);
  assert.equal(backup.type, 'qm:Library');
  assert.equal(backup.label, 'Quotemark library backup: 2 articles, 2 annotations');
  assert.deepEqual(backup['qm:articles'].map((a) => short(a['qm:document']['qm:title'])).sort(), ['Harbour reopens after storm', 'The Open Rights Group']);
  assert.ok(backup['qm:articles'].every((a) => a.type === 'AnnotationCollection' && a['qm:document']['qm:text'].length > 100));

  // Another browser: nothing kept, the sample open.
  await app.page.evaluate(() => localStorage.clear());
  await app.open(app.page.url().replace(/#.*$/, ''));
  assert.equal(await app.cards.count(), 0);
  const empty = await storageSnapshot(app.page);

  await restore(name, json);
  await app.page.getByRole('heading', { name: 'Restore a library backup' }).waitFor();
  assert.deepEqual(await previewRows(), {
    'Articles new here': 1,
    'Articles already here': 1, // the sample, open here
    'New annotations': 2,
    'Updated (newer in the backup)': 0,
    Unchanged: 0,
    'Duplicates (skipped)': 0,
    'Conflicts (yours is newer; kept)': 0,
  });
  assert.deepEqual(await storageSnapshot(app.page), empty, 'the preview changes nothing');
  await app.page.getByRole('button', { name: 'Restore', exact: true }).click();
  await app.toast.waitFor();
  assert.match(await app.toast.textContent(), /Restored from quotemark-library-.*: 1 article added, 2 annotations merged/);
  // The open article takes in its quote at once; the other is in the library.
  await app.card('Theresa May').waitFor();
  await settle();
  assert.deepEqual(await libraryTitles(), ['Harbour reopens after storm (1 annotation)', 'The Open Rights Group (1 annotation)']);

  // Undo from the toast: the browser is as it was before the restore.
  await app.toast.getByRole('button', { name: 'Undo' }).click();
  await app.card('Theresa May').waitFor({ state: 'detached' });
  await settle();
  assert.deepEqual(await libraryTitles(), ['The Open Rights Group (0 annotations)']);

  // Restored again, it survives a reload, and the harbour story opens with its quote.
  await restore(name, json);
  await app.page.getByRole('button', { name: 'Restore', exact: true }).click();
  await app.card('Theresa May').waitFor();
  await settle();
  await app.reload();
  await app.card('Theresa May').waitFor();
  await openLibrary();
  await app.page.getByTestId('library-item').filter({ hasText: 'Harbour reopens' }).getByRole('button', { name: 'Open' }).click();
  await app.card('Ellen Price').waitFor();
});

test('a restore keeps what is newer here and adds nothing twice', async () => {
  await twoArticles();
  const [name, json] = await downloadBackup();
  // A later edit here: the harbour master's speaker is changed after the backup.
  await app.card('Ellen Price').click();
  await app.editor.getByLabel('Speaker').fill('Ellen Price, harbour master');
  await app.page.keyboard.press('Control+Enter');
  await settle();

  await restore(name, json);
  const rows = await previewRows();
  assert.equal(rows['Articles new here'], 0);
  assert.equal(rows['Conflicts (yours is newer; kept)'], 1);
  assert.equal(rows.Unchanged, 1);
  assert.equal(rows['New annotations'], 0);
  await app.page.getByRole('button', { name: 'Done' }).click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="announcer"]').textContent.startsWith('Nothing to restore'));
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /Ellen Price, harbour master/);
});

test('a damaged backup is refused, and a restore the storage cannot hold is taken back whole', async () => {
  await app.page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__fullAt && key.startsWith(window.__fullAt)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await app.reload();
  await twoArticles();
  const [name, json] = await downloadBackup();
  const backup = JSON.parse(json);

  // One article's text changed after the backup was made: nothing is imported.
  const damaged = json.replace('after three days of repairs', 'after four days of repairs');
  const before = await storageSnapshot(app.page);
  await restore(name, damaged);
  const error = await app.page.getByTestId('import-error').textContent();
  assert.match(error, /^qm:articles\[\d\]\.qm:document\.id: .* does not match the text/);
  await app.page.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(await storageSnapshot(app.page), before);

  // Another browser whose storage fills up when the second article's annotations are written.
  await app.page.evaluate(() => localStorage.clear());
  await app.open(app.page.url().replace(/#.*$/, ''));
  await settle();
  const harbour = backup['qm:articles'].find((a) => a['qm:document']['qm:title'].startsWith('Harbour'));
  const hex = harbour['qm:document'].id.replace('sha256:', '');
  const empty = await storageSnapshot(app.page);
  await app.page.evaluate((prefix) => (window.__fullAt = prefix), `quotemark.v3.set.${hex}`);
  await restore(name, json);
  await app.page.getByRole('button', { name: 'Restore', exact: true }).click();
  await app.toast.waitFor();
  assert.match(await app.toast.textContent(), /^The library could not be restored: the browser's storage for Quotemark is full; nothing was changed\./);
  assert.deepEqual(await storageSnapshot(app.page), empty, 'the article record written before the failure is gone again');
  assert.equal(await app.cards.count(), 0, 'the open article is unchanged');
});
