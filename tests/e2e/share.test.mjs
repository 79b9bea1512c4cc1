// Keep and share: export → import identity, preview before changes, other articles, paste, drop,
// CSV and Markdown, share links, and bad files that change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { freshPagePerTest, launchBrowser, Annotator, storageSnapshot, menu, importFile, downloadVia } from './support.mjs';

const RISKY = '“This could be a very risky approach”.';
const ACCOUNTS = 'almost 400,000 accounts';
const FIXTURES = new URL('../../crates/core/tests/fixtures/', import.meta.url).pathname;

let server;
let browser;
let app;
freshPagePerTest((s) => ({ server, browser, app } = s), { permissions: ['clipboard-read', 'clipboard-write'] });

async function annotateTwo() {
  await app.quote(RISKY, 'Theresa May', 'warned');
  await app.cards.first().click();
  await app.editor.getByLabel('Note').fill('Said on the steps of Downing Street');
  await app.editor.getByLabel('Tags').fill('security, risk');
  await app.editor.getByRole('button', { name: /Save/ }).click();
  await app.editor.waitFor({ state: 'detached' });
  await app.select(ACCOUNTS);
  await app.page.keyboard.press('c');
  await app.editor.getByLabel('Status').selectOption({ label: 'Needs source' });
  await app.editor.getByRole('button', { name: '+ Add evidence' }).click();
  await app.editor.getByLabel('Evidence 1 link').fill('https://blog.twitter.com/transparency?a=1&b=2');
  await app.editor.getByLabel('Evidence 1 note').fill('Transparency report, H2 2016');
  await app.editor.getByRole('button', { name: /Save/ }).click();
  await app.editor.waitFor({ state: 'detached' });
}

const annotationsOf = (json) => JSON.parse(json).first.items;

test('export → clear → import restores identical annotations', async () => {
  await annotateTwo();
  const [name, exported] = await downloadVia(app.page, 'Download JSON');
  assert.match(name, /^2017-06-05-the-open-rights-group.*\.json$/);
  const before = annotationsOf(exported);
  assert.equal(before.length, 2);

  await app.page.evaluate(() => localStorage.clear());
  await app.reload();
  await app.title.waitFor();
  assert.equal(await app.cards.count(), 0);

  await importFile(app.page, name, exported);
  const preview = app.page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match(await preview.textContent(), /New2/);
  assert.equal(await app.cards.count(), 0, 'nothing changes before Apply');
  await app.page.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await app.cards.count(), 2);

  const [, again] = await downloadVia(app.page, 'Download JSON');
  assert.deepEqual(annotationsOf(again), before, 'ids, offsets and every field survive the round trip');

  // Importing the same file again changes nothing.
  await importFile(app.page, name, exported);
  assert.match(await app.page.getByTestId('import-preview').textContent(), /Unchanged2/);
  await app.page.getByRole('button', { name: 'Done' }).click();
  assert.equal(await app.cards.count(), 2);
});

test('Cancel in the preview changes nothing; Undo takes an applied import back', async () => {
  await annotateTwo();
  const [name, exported] = await downloadVia(app.page, 'Download JSON');
  await app.page.evaluate(() => localStorage.clear());
  await app.reload();
  await app.title.waitFor();
  const snapshot = await storageSnapshot(app.page);
  await importFile(app.page, name, exported);
  await app.page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await app.cards.count(), 0);
  assert.deepEqual(await storageSnapshot(app.page), snapshot);

  await importFile(app.page, name, exported);
  await app.page.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await app.cards.count(), 2);
  await app.page.keyboard.press('Control+z');
  assert.equal(await app.cards.count(), 0);
});

test('W3C annotations from other tools import, pasted', async () => {
  const hypothesis = {
    id: 'https://hypothes.is/a/abc123',
    type: 'Annotation',
    created: '2017-06-06T10:00:00Z',
    body: [{ type: 'TextualBody', purpose: 'commenting', value: 'Check who said this' }],
    target: {
      source: 'https://example.org/news/story',
      selector: { type: 'TextQuoteSelector', exact: 'This could be a very risky approach' },
    },
  };
  await menu(app.page, 'Paste JSON…');
  await app.page.getByLabel('JSON to import').fill(JSON.stringify(hypothesis));
  await app.page.getByRole('button', { name: 'Preview' }).click();
  assert.match(await app.page.getByTestId('import-preview').textContent(), /New1/);
  assert.match(await app.page.getByTestId('import-dialog').textContent(), /1 moved|1 exact/);
  await app.page.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await app.cards.count(), 1);
  assert.equal(await app.highlightedText(await app.cards.first().getAttribute('data-k')), 'This could be a very risky approach');
});

test('a dropped file is previewed too', async () => {
  await annotateTwo();
  const [name, exported] = await downloadVia(app.page, 'Download JSON');
  await app.page.evaluate(() => localStorage.clear());
  await app.reload();
  await app.title.waitFor();
  await app.page.evaluate(([name, exported]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([exported], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, exported]);
  await app.page.getByTestId('import-preview').waitFor();
  await app.page.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await app.cards.count(), 2);
});

test('a file for another article opens it from its embedded text; without text it says which article', async () => {
  const full = readFileSync(`${FIXTURES}v2-small.json`, 'utf8');
  await importFile(app.page, 'v2-small.json', full);
  await app.page.getByTestId('import-preview').waitFor();
  assert.match(await app.page.getByTestId('import-dialog').textContent(), /another article, “Minister defends encryption plans”/);
  await app.page.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await app.title.textContent(), 'Minister defends encryption plans');
  assert.equal(await app.cards.count(), 4);

  await app.page.evaluate(() => localStorage.clear());
  await app.reload();
  await app.title.waitFor();
  const reference = readFileSync(`${FIXTURES}v2-small-reference.json`, 'utf8');
  const snapshot = await storageSnapshot(app.page);
  await importFile(app.page, 'v2-small-reference.json', reference);
  assert.match(await app.page.getByTestId('import-error').textContent(), /“Minister defends encryption plans”.*not open here/);
  assert.deepEqual(await storageSnapshot(app.page), snapshot);
});

test('every bad file gets a message that says what and where, and changes nothing', async () => {
  await annotateTwo();
  await app.page.waitForTimeout(100);
  const snapshot = await storageSnapshot(app.page);
  const cards = await app.cards.allTextContents();
  const bad = readdirSync(`${FIXTURES}bad`).filter((f) => f.endsWith('.json'));
  assert.ok(bad.length >= 20);
  const cases = bad.map((f) => [f, readFileSync(`${FIXTURES}bad/${f}`), readFileSync(`${FIXTURES}bad/${f.replace(/json$/, 'error')}`, 'utf8').trim()]);
  cases.push(['binary.json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x01]), 'not a text file']);
  cases.push(['oversized.json', Buffer.alloc(21 * 1024 * 1024, 0x20), 'up to 20 MB']);
  for (const [name, contents, expected] of cases) {
    await importFile(app.page, name, contents);
    const error = app.page.getByTestId('import-error');
    await error.waitFor();
    const message = await error.textContent();
    assert.ok(message.includes(expected), `${name}: “${message}” should include “${expected}”`);
    await app.page.getByRole('button', { name: 'Close' }).click();
    assert.deepEqual(await storageSnapshot(app.page), snapshot, `${name} left storage as it was`);
    assert.deepEqual(await app.cards.allTextContents(), cards, `${name} left the annotations as they were`);
  }
});

test('CSV and Markdown exports carry every annotation', async () => {
  await annotateTwo();
  const [csvName, csv] = await downloadVia(app.page, 'Download CSV');
  assert.match(csvName, /\.csv$/);
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'kind,quoted text,speaker,cue,form,claim type,status,evidence,note,tags,start,end');
  assert.equal(lines.length, 3);
  assert.match(csv, /quote,"?“This could be a very risky approach”\."?,Theresa May,warned,direct/);
  assert.match(csv, /claim,almost 400,000 accounts|claim,"almost 400,000 accounts"/);
  const [mdName, md] = await downloadVia(app.page, 'Download Markdown report');
  assert.match(mdName, /\.md$/);
  assert.match(md, /^# The Open Rights Group/m);
  assert.match(md, /## Quotes/);
  assert.match(md, /### Theresa May/);
  assert.match(md, /## Claims/);
  assert.match(md, /Needs source/);
});

test('a share link carries the annotations and opens through the same preview', async () => {
  await annotateTwo();
  await menu(app.page, 'Copy share link');
  await app.toast.waitFor();
  assert.match(await app.toast.textContent(), /Copied a share link/);
  const url = await app.page.evaluate(() => navigator.clipboard.readText());
  assert.match(url, /#share=[A-Za-z0-9_-]+$/);

  // Another reader: a browser with its own storage.
  const recipient = await launchBrowser();
  const other = await recipient.context.newPage();
  const reader = new Annotator(other);
  await other.goto(url);
  await other.getByTestId('import-preview').waitFor();
  assert.match(await other.getByTestId('import-preview').textContent(), /New2/);
  await other.getByRole('button', { name: 'Apply' }).click();
  assert.equal(await reader.cards.count(), 2);
  assert.ok(!other.url().includes('#share='), 'the fragment is cleared after opening');

  await other.goto(`${server.url}#share=not-a-valid-payload`);
  await other.getByTestId('import-error').waitFor();
  assert.match(await other.getByTestId('import-error').textContent(), /damaged/);
  assert.deepEqual(reader.errors, []);
  await recipient.close();
});

export const docId = (text) => 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 32);
