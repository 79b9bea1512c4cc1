// Bring your own article: paste, open files of each type, drop, the library (rename, delete, undo),
// the URL naming the open document, "same text, same annotations", a new version of an article (and
// a file made on another version) re-anchored and reviewed, and a 1 MB article.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDist, launchBrowser, Annotator, ARTICLES, downloadVia, importFile, openArticleDialog, openArticleFile, pasteArticle } from './support.mjs';

/** The expected reading of a fixture: its title, date and paragraphs (from the core's golden files). */
function expected(name) {
  const [head, body] = readFileSync(`${ARTICLES}${name}.expected.txt`, 'utf8').split('\n---\n');
  const meta = Object.fromEntries(head.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
  return { title: meta.title, date: meta.date, paragraphs: body.trim().split('\n\n') };
}

const PASTED = `Harbour reopens after storm

The harbour reopened on Monday after three days of repairs. “We worked through the night,” said harbour master Ellen Price.

Fishing crews said the closure had cost them more than £40,000.`;

let server;
let browser;
let app;
let dialogs;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  const page = await browser.context.newPage();
  dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  app = new Annotator(page);
  await app.open(server.url);
  await page.evaluate(() => localStorage.clear());
  await app.open(server.url);
});
afterEach(async () => {
  assert.deepEqual(app.errors, [], 'no console errors');
  assert.deepEqual(dialogs, []);
  await app.page.close();
});

const paste = (text, title) => pasteArticle(app.page, text, title);

const openFile = (name, type) => openArticleFile(app.page, name, type);

test('paste an article: its headline becomes the title, the URL names it', async () => {
  await paste(PASTED);
  assert.equal(await app.title.textContent(), 'Harbour reopens after storm');
  assert.equal(await app.paragraphs.count(), 2);
  assert.match(app.page.url(), /#doc=[0-9a-f]{32}$/);
  // Reload: the same document opens.
  await app.reload();
  await app.title.waitFor();
  assert.equal(await app.title.textContent(), 'Harbour reopens after storm');
});

for (const [file, type] of [
  ['clean-article.txt', 'text/plain'],
  ['feature-article.md', 'text/markdown'],
  ['messy-news-page.html', 'text/html'],
]) {
  test(`open ${file}: title, date and readable paragraphs only`, async () => {
    const want = expected(file.replace(/\.\w+$/, ''));
    await openFile(file, type);
    await app.page.waitForFunction((t) => document.querySelector('[data-testid="article-title"]').textContent === t, want.title);
    assert.deepEqual(await app.paragraphs.allTextContents(), want.paragraphs);
    if (want.date) assert.equal(await app.date.getAttribute('datetime'), want.date);
  });
}

test('a malicious HTML file renders as inert text', async () => {
  const want = expected('malicious');
  await openFile('malicious.html', 'text/html');
  await app.page.waitForFunction((t) => document.querySelector('[data-testid="article-title"]').textContent === t, want.title);
  assert.deepEqual(await app.paragraphs.allTextContents(), want.paragraphs);
  await app.page.waitForTimeout(200);
  assert.equal(await app.page.evaluate(() => window.__pwned), undefined);
  assert.equal(await app.page.locator('[data-testid="article-body"] *:not(p):not(span)').count(), 0, 'only paragraphs and highlight spans');
});

test('drop an article file to open it', async () => {
  const md = readFileSync(`${ARTICLES}feature-article.md`, 'utf8');
  await app.page.evaluate((md) => {
    const dt = new DataTransfer();
    dt.items.add(new File([md], 'feature-article.md', { type: 'text/markdown' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, md);
  await app.page.waitForFunction(() => document.querySelector('[data-testid="article-title"]').textContent === 'Ferry strike ends after three weeks');
});

test('the same text opens with its annotations; back returns to the previous document', async () => {
  await paste(PASTED);
  await app.quote('“We worked through the night,”', 'Ellen Price', 'said');
  await app.page.waitForTimeout(150);
  await app.page.getByRole('button', { name: 'Library' }).click();
  await app.page.getByTestId('library-item').filter({ hasText: 'The Open Rights Group' }).getByRole('button', { name: 'Open' }).click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="article-title"]').textContent.startsWith('The Open Rights'));
  assert.equal(await app.cards.count(), 0);
  await app.page.goBack();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="article-title"]').textContent === 'Harbour reopens after storm');
  assert.equal(await app.cards.count(), 1);
  // Pasting the very same text again opens its annotations too.
  await app.page.getByRole('button', { name: 'Library' }).click();
  await app.page.getByTestId('library-item').filter({ hasText: 'The Open Rights Group' }).getByRole('button', { name: 'Open' }).click();
  await paste(PASTED, 'Harbour (again)');
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /Ellen Price/);
});

test('the library lists documents; rename, delete and undo', async () => {
  await paste(PASTED);
  await app.quote('“We worked through the night,”', 'Ellen Price', 'said');
  await app.page.waitForTimeout(150);
  await app.page.getByRole('button', { name: 'Library' }).click();
  await app.page.getByTestId('library-item').filter({ hasText: 'The Open Rights Group' }).getByRole('button', { name: 'Open' }).click();
  await app.page.getByRole('button', { name: 'Library' }).click();
  const items = app.page.getByTestId('library-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 2);
  const harbour = items.filter({ hasText: 'Harbour reopens after storm' });
  assert.match(await harbour.textContent(), /1 annotation/);

  await harbour.getByRole('button', { name: 'Rename' }).click();
  await app.page.getByLabel('New title').fill('Harbour reopens (renamed)');
  await app.page.getByRole('button', { name: 'Save' }).click();
  const renamed = items.filter({ hasText: 'Harbour reopens (renamed)' });
  await renamed.waitFor();

  await renamed.getByRole('button', { name: 'Delete' }).click();
  assert.equal(await items.count(), 1);
  await app.toast.getByRole('button', { name: 'Undo' }).click();
  await renamed.waitFor();
  assert.match(await renamed.textContent(), /1 annotation/);
  // The sample is always there and cannot be deleted.
  assert.ok(await items.filter({ hasText: 'The Open Rights Group' }).getByRole('button', { name: 'Delete' }).isDisabled());
});

// Two versions of one story: the second adds a word in the first paragraph (everything after it
// moves), changes a figure (a fuzzy match) and drops a sentence (lost), and adds one instead.
const STORY_V1 = `Council approves bridge plan

The council approved the new bridge on Tuesday after a long debate. “This bridge will connect the two halves of our town,” said mayor Alan Reed.

Opponents said the project would cost more than £12 million and warned of long delays.

A spokesperson for the contractor said work could begin in the spring.`;
const STORY_V2 = `Council approves bridge plan

The council approved the new bridge on Tuesday evening after a long debate. “This bridge will connect the two halves of our town,” said mayor Alan Reed.

Opponents said the project would cost more than £14 million and warned of long delays.

The contractor has not commented on when work will start.`;

test('open an edited version: each annotation is re-anchored and shown; confirm a fuzzy match, re-attach a lost one', async () => {
  const { page } = app;
  await paste(STORY_V1);
  await app.claim('approved the new bridge');
  await app.quote('“This bridge will connect the two halves of our town,”', 'Alan Reed', 'said');
  await app.claim('cost more than £12 million', 'Needs source');
  await app.quote('work could begin in the spring', 'a spokesperson', 'said');
  assert.equal(await app.cards.count(), 4);

  // Open the edited text as a new version of the first.
  await openArticleDialog(page);
  await page.getByTestId('article-paste').fill(STORY_V2);
  await page.getByLabel('This is a new version of').selectOption({ label: 'Council approves bridge plan (4 annotations)' });
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const review = page.getByTestId('reanchor-review');
  await review.waitFor();
  assert.match(await review.getByRole('heading').textContent(), /Re-anchored from “Council approves bridge plan”/);
  assert.equal(await page.getByTestId('review-summary').textContent(), '1 exact · 1 moved · 1 fuzzy · 1 not found');
  const row = (text) => review.getByTestId('review-row').filter({ hasText: text });
  const status = (text) => row(text).getByTestId('review-status').textContent();
  assert.match(await status('cost more than £12 million'), /^Fuzzy (9\d|8\d) %$/);
  assert.equal(await status('work could begin in the spring'), 'Not found');
  await review.locator('summary').click();
  assert.equal(await status('This bridge will connect'), 'Moved');
  assert.equal(await status('approved the new bridge'), 'Exact');
  // The fuzzy match is highlighted where it was found; the lost quote is kept with its stored text.
  assert.ok(await app.highlights.filter({ hasText: '£14 million' }).count());
  assert.match(await page.getByTestId('orphans').textContent(), /work could begin in the spring/);

  // A fuzzy row shows what the text says now, to compare before confirming.
  assert.match(await row('cost more than £12 million').textContent(), /Was: cost more than £12 million.*Now: cost more than £14 million/);

  // Reloading keeps what still needs checking.
  await page.waitForTimeout(150);
  await app.reload();
  await review.waitFor();
  assert.equal(await review.getByRole('heading').textContent(), 'Annotations from an earlier version');
  assert.equal(await review.getByTestId('review-row').count(), 2);
  assert.match(await status('cost more than £12 million'), /^Fuzzy/);
  assert.equal(await status('work could begin in the spring'), 'Not found');

  // Confirm the fuzzy match: the claim now quotes the new text. Undo and redo show in the review.
  await row('cost more than £12 million').getByRole('button', { name: 'Confirm' }).click();
  assert.equal(await status('cost more than £14 million'), 'Confirmed');
  assert.equal(await app.card('cost more than £14 million').count(), 1);
  await page.keyboard.press('Control+z');
  await row('cost more than £12 million').getByRole('button', { name: 'Confirm' }).waitFor();
  assert.match(await status('cost more than £12 million'), /^Fuzzy/);
  await page.keyboard.press('Control+Shift+z');
  await row('cost more than £14 million').getByText('Confirmed').waitFor();

  // Re-attach the lost quote by selecting its new passage.
  await row('work could begin in the spring').getByRole('button', { name: 'Re-attach…' }).click();
  await page.getByTestId('reattach-banner').waitFor();
  await app.select('The contractor has not commented on when work will start');
  await app.toolbar.getByRole('button', { name: /Attach here/ }).click();
  await page.getByTestId('reattach-banner').waitFor({ state: 'detached' });
  assert.equal(await status('The contractor has not commented'), 'Re-attached');
  assert.equal(await page.getByTestId('orphans').count(), 0);
  assert.equal(await app.cards.count(), 4);
  assert.match(await app.card('The contractor has not commented').textContent(), /a spokesperson/);

  // Kept: the new version reopens with all four in place, and the first version is unchanged.
  await page.waitForTimeout(150);
  await app.reload();
  await app.cards.nth(3).waitFor();
  assert.equal(await page.getByTestId('orphans').count(), 0);
  assert.equal(await app.card('cost more than £14 million').count(), 1);
  assert.equal(await page.getByTestId('paragraph').filter({ hasText: 'Tuesday evening' }).count(), 1);
  await page.getByRole('button', { name: 'Library' }).click();
  const items = page.getByTestId('library-item');
  await items.first().waitFor();
  const texts = await items.allTextContents();
  assert.equal(texts.filter((t) => t.includes('Council approves bridge plan') && t.includes('4 annotations')).length, 2, texts.join(' | '));
  assert.equal(texts.filter((t) => t.includes('new version of “Council approves bridge plan”')).length, 1, texts.join(' | '));

  // Deleting the first version also drops what the versions record says of it; Undo brings both back.
  const versions = () => page.evaluate(() => JSON.parse(localStorage.getItem('quotemark.v3.versions') ?? '{}'));
  assert.equal(Object.keys(await versions()).length, 1);
  const first = items.filter({ hasNotText: 'new version of' }).filter({ hasText: 'Council approves bridge plan' });
  await first.getByRole('button', { name: 'Delete' }).click();
  await items.filter({ hasText: 'Council approves bridge plan' }).first().waitFor();
  assert.equal(await items.filter({ hasText: 'Council approves bridge plan' }).count(), 1);
  assert.deepEqual(await versions(), {});
  assert.equal(await items.filter({ hasText: 'new version of' }).count(), 0);
  await app.toast.getByRole('button', { name: 'Undo' }).click();
  await items.filter({ hasText: 'new version of “Council approves bridge plan”' }).waitFor();
  assert.equal(Object.keys(await versions()).length, 1);
});

test('a file made on another version of the text can be re-anchored onto the open article', async () => {
  const { page } = app;
  await paste(STORY_V1);
  await app.claim('cost more than £12 million', 'Needs source');
  await app.quote('work could begin in the spring', 'a spokesperson', 'said');
  await app.quote('“This bridge will connect the two halves of our town,”', 'Alan Reed', 'said');
  const [, file] = await downloadVia(page, 'Download JSON');
  await paste(STORY_V2);
  assert.equal(await app.cards.count(), 0);

  await importFile(page, 'bridge.json', file);
  await page.getByTestId('import-preview').waitFor();
  const dialog = page.getByTestId('import-dialog');
  assert.match(await dialog.textContent(), /for another article, “Council approves bridge plan”/);
  await dialog.getByLabel(/the open article/).check();
  assert.match(await page.getByTestId('import-anchoring').textContent(), /1 moved, 1 fuzzy, 1 not found/);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const review = page.getByTestId('reanchor-review');
  await review.waitFor();
  assert.equal(await page.getByTestId('review-summary').textContent(), '1 moved · 1 fuzzy · 1 not found');
  assert.equal(await app.cards.count(), 3);
  assert.equal(await page.getByTestId('orphans').getByTestId('annotation-card').count(), 1, 'the lost one is kept apart');
  assert.match(page.url(), /#doc=/);
  assert.equal(await page.getByTestId('paragraph').filter({ hasText: 'Tuesday evening' }).count(), 1, 'the open version stays open');
  // The whole import is one undoable change.
  await app.panel.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await app.cards.count(), 0);
  assert.equal(await page.getByTestId('reanchor-review').count(), 0, 'the review goes with what it reviewed');
});

test('a 1 MB article opens and stays usable: scroll to its end, select, annotate', async () => {
  const { page } = app;
  const paragraphs = [];
  for (let i = 0, size = 0; size < 1024 * 1024; i++) {
    const p = `Paragraph ${i + 1} of the long report. The committee heard evidence from witnesses about the harbour, the bridge and the budget, and noted that costs had risen again this year. `.repeat(3).trim();
    paragraphs.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  const last = paragraphs.length;
  paragraphs[last - 1] = `“The final word belongs to the readers,” said the editor in paragraph ${last}.`;
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.getByTestId('article-file').setInputFiles({
    name: 'long-report.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`Long report\n\n${paragraphs.join('\n\n')}`),
  });
  await page.getByTestId('article-title').filter({ hasText: 'Long report' }).waitFor();
  assert.equal(await app.paragraphs.count(), last);
  await app.paragraphs.last().scrollIntoViewIfNeeded();
  await app.quote('“The final word belongs to the readers,”', 'the editor', 'said');
  assert.equal(await app.cards.count(), 1);
  assert.equal(await app.highlights.filter({ hasText: 'The final word belongs to the readers' }).count(), 1);
  assert.ok(await page.evaluate(() => window.scrollY > 100_000), 'still scrolled near the end');
});
