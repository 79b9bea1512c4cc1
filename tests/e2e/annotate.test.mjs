// Annotating the reference article: select → tag → highlight → edit → delete → undo → reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPagePerTest, selectText } from './support.mjs';

const RISKY = '“This could be a very risky approach”.';
const SUSPENDED = 'Twitter claims it suspended almost 400,000 accounts for inappropriate content';
const ACCOUNTS = 'almost 400,000 accounts';

let server;
let browser;
let app;
freshPagePerTest((s) => ({ server, browser, app } = s));

test('select a quoted passage and tag it as a quote with its speaker', async () => {
  const selected = await app.select(RISKY);
  assert.equal(selected, RISKY);
  await app.toolbar.waitFor();
  assert.ok(await app.toolbar.getByRole('button', { name: /Quote/ }).isVisible());
  await app.page.keyboard.press('q');
  await app.editor.waitFor();
  assert.match(await app.editor.textContent(), /very risky approach/);
  await app.editor.getByLabel('Speaker').fill('Theresa May');
  await app.editor.getByLabel('Cue verb').fill('said');
  await app.page.keyboard.press('Control+Enter');
  await app.editor.waitFor({ state: 'detached' });

  assert.equal(await app.cards.count(), 1);
  const card = app.cards.first();
  assert.match(await card.textContent(), /Theresa May · said/);
  assert.match(await card.textContent(), /very risky approach/);
  const key = await card.getAttribute('data-k');
  assert.equal(await app.highlightedText(key), RISKY);
  assert.equal(await app.highlights.first().evaluate((e) => e.classList.contains('q')), true);
  assert.match(await app.announcer.textContent(), /Created quote/);
});

test('whitespace around a selection is trimmed, and a selection outside the article does nothing', async () => {
  await app.select(' very risky approach”.\n\n');
  await app.toolbar.waitFor();
  await app.page.keyboard.press('q');
  await app.editor.waitFor();
  assert.match(await app.editor.locator('blockquote').textContent(), /^very risky approach”\.$/);
  await app.page.keyboard.press('Escape');
  await app.editor.waitFor({ state: 'detached' });
  assert.equal(await app.cards.count(), 0);

  // Select the page header's tagline: no toolbar, Q does nothing.
  await app.page.evaluate(() => {
    const el = document.querySelector('.brand-name');
    const range = document.createRange();
    range.selectNodeContents(el);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await app.page.keyboard.press('q');
  assert.equal(await app.toolbar.count(), 0);
  assert.equal(await app.editor.count(), 0);
});

test('tag a claim with status and an evidence link; only http(s) links are accepted', async () => {
  await app.select(ACCOUNTS);
  await app.toolbar.getByRole('button', { name: /Claim/ }).click();
  await app.editor.waitFor();
  await app.editor.getByLabel('Type').selectOption({ label: 'Statistic' });
  await app.editor.getByLabel('Status').selectOption({ label: 'Needs source' });
  await app.editor.getByRole('button', { name: '+ Add evidence' }).click();
  await app.editor.getByLabel('Evidence 1 link').fill('javascript:alert(1)');
  await app.editor.getByLabel('Evidence 1 link').blur();
  await app.editor.getByRole('button', { name: /Save/ }).click();
  assert.match(await app.editor.getByRole('alert').textContent(), /http:\/\/ or https:\/\//);
  await app.editor.getByLabel('Evidence 1 link').fill('https://blog.twitter.com/transparency');
  await app.editor.getByLabel('Evidence 1 link').blur();
  const link = app.editor.locator('a.evidence-link');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await app.editor.getByRole('button', { name: /Save/ }).click();
  await app.editor.waitFor({ state: 'detached' });
  assert.match(await app.cards.first().textContent(), /claim.*Needs source.*almost 400,000 accounts/);
  assert.equal(await app.highlights.first().evaluate((e) => e.classList.contains('c')), true);
});

test('two overlapping annotations both stay visible, and a click offers both', async () => {
  await app.claim(ACCOUNTS, 'Needs source');
  await app.quote(SUSPENDED, 'Twitter', 'claims');
  assert.equal(await app.cards.count(), 2);
  const keys = await app.cards.evaluateAll((cards) => cards.map((c) => c.dataset.k));
  // The quote starts first, so it is first in document order.
  const [quoteKey, claimKey] = keys;
  assert.equal(await app.highlightedText(quoteKey), SUSPENDED);
  assert.equal(await app.highlightedText(claimKey), ACCOUNTS);
  const both = app.page.locator(`[data-testid="highlight"].q.c`);
  assert.equal(await both.count(), 1);
  assert.equal(await both.textContent(), ACCOUNTS);

  await both.click();
  const chooser = app.page.getByTestId('overlap-chooser');
  await chooser.waitFor();
  assert.equal(await chooser.getByRole('button').count(), 2);
  await chooser.getByRole('button', { name: /^claim/ }).click();
  await app.editor.waitFor();
  assert.match(await app.editor.getByRole('heading').textContent(), /Edit claim/);
});

test('edit an annotation, delete it, undo and redo', async () => {
  await app.quote(RISKY, 'May');
  await app.cards.first().click();
  await app.editor.waitFor();
  await app.editor.getByLabel('Speaker').fill('Theresa May');
  await app.editor.getByLabel('Note').fill('Said on the steps of Downing Street');
  await app.editor.getByLabel('Tags').fill('security, internet, security');
  await app.editor.getByRole('button', { name: /Save/ }).click();
  await app.editor.waitFor({ state: 'detached' });
  assert.match(await app.cards.first().textContent(), /Theresa May/);
  assert.deepEqual(await app.cards.first().locator('.tag').allTextContents(), ['security', 'internet']);

  await app.cards.first().click();
  await app.editor.getByRole('button', { name: 'Delete' }).click();
  assert.equal(await app.cards.count(), 0);
  assert.equal(await app.highlights.count(), 0);
  await app.toast.waitFor();
  assert.match(await app.toast.textContent(), /Deleted quote/);
  await app.toast.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /Theresa May/);

  await app.page.getByRole('button', { name: 'Undo', exact: true }).click(); // undo the edit
  assert.match(await app.cards.first().textContent(), /May/);
  assert.doesNotMatch(await app.cards.first().textContent(), /Theresa/);
  await app.page.keyboard.press('Control+Shift+Z'); // redo the edit
  assert.match(await app.cards.first().textContent(), /Theresa May/);
  await app.page.keyboard.press('Control+z');
  await app.page.keyboard.press('Control+y');
  assert.match(await app.cards.first().textContent(), /Theresa May/);
});

test('annotations are kept across a reload', async () => {
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.claim(ACCOUNTS, 'Supported');
  const before = await app.cards.allTextContents();
  await app.reload();
  await app.title.waitFor();
  await app.cards.first().waitFor();
  assert.deepEqual(await app.cards.allTextContents(), before);
  assert.equal(await app.page.locator('[data-testid="highlight"].q').count() > 0, true);
  assert.equal(await app.page.locator('[data-testid="highlight"].c').count() > 0, true);
});

test('a whole flow with the keyboard alone', async () => {
  // The selection is made as a keyboard selection would end (a keyup in the article); everything
  // after it uses keys only.
  await selectText(app.page, RISKY, 0, { event: 'keyup' });
  await app.toolbar.waitFor();
  await app.page.keyboard.press('q');
  await app.page.keyboard.type('Theresa May');
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.type('said');
  await app.page.keyboard.press('Control+Enter');
  await app.editor.waitFor({ state: 'detached' });
  await selectText(app.page, ACCOUNTS, 0, { event: 'keyup' });
  await app.page.keyboard.press('c');
  await app.editor.waitFor();
  await app.page.keyboard.press('Control+Enter');
  await app.editor.waitFor({ state: 'detached' });
  assert.equal(await app.cards.count(), 2);

  await app.page.keyboard.press('j');
  assert.equal(await app.page.evaluate(() => document.activeElement.dataset.testid), 'annotation-card');
  assert.match(await app.page.evaluate(() => document.activeElement.textContent), /Theresa May/);
  await app.page.keyboard.press('j');
  assert.match(await app.page.evaluate(() => document.activeElement.textContent), /400,000/);
  await app.page.keyboard.press('k');
  await app.page.keyboard.press('Enter');
  await app.editor.waitFor();
  assert.match(await app.editor.getByRole('heading').textContent(), /Edit quote/);
  await app.page.keyboard.press('Escape');
  await app.editor.waitFor({ state: 'detached' });

  await app.page.keyboard.press('j');
  await app.page.keyboard.press('Delete');
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.announcer.textContent(), /Deleted/);
  await app.page.keyboard.press('Control+z');
  assert.equal(await app.cards.count(), 2);

  await app.page.keyboard.press('?');
  const overlay = app.page.getByTestId('shortcuts');
  await overlay.waitFor();
  assert.match(await overlay.textContent(), /Next \/ previous annotation/);
  await app.page.keyboard.press('Escape');
  await overlay.waitFor({ state: 'detached' });
});

test('filter and search the panel', async () => {
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.quote('“Our thoughts are with the victims of this shocking attack', 'Twitter');
  await app.claim(ACCOUNTS, 'Needs source');
  assert.match(await app.page.getByTestId('counts').textContent(), /2 quotes · 1 claim/);

  const panel = app.panel;
  await panel.getByLabel('Filter by kind').selectOption('claim');
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.page.getByTestId('counts').textContent(), /Showing 1 of 3/);
  await panel.getByLabel('Filter by kind').selectOption('');
  await panel.getByLabel('Filter by speaker').selectOption('Twitter');
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /victims/);
  await panel.getByLabel('Filter by speaker').selectOption('');
  await panel.getByLabel('Filter by status').selectOption('needs-source');
  assert.equal(await app.cards.count(), 1);
  await panel.getByLabel('Filter by status').selectOption('');
  await panel.getByLabel('Search annotations').fill('RISKY');
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /Theresa May/);
  await panel.getByLabel('Search annotations').fill('nothing like this');
  assert.equal(await app.cards.count(), 0);
  assert.ok(await app.page.getByText('No annotation matches these filters.').isVisible());
});

test('an annotation whose text is gone is kept in its own section with its stored quote', async () => {
  // Save one annotation normally, then rewrite its stored quote and position to text that is not in
  // the article, as if the article had been edited since.
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.page.waitForTimeout(100); // the save runs after the paint
  const key = await app.page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.a.')));
  await app.page.evaluate((key) => {
    const record = JSON.parse(localStorage.getItem(key));
    for (const field of ['s', 'e', 'p', 'x', 'src']) delete record[field];
    record.target = {
      source: 'sha256:' + key.split('.')[3],
      position: { start: 99990, end: 100050 },
      quote: { exact: 'A sentence the editors later removed entirely from the story.', prefix: '', suffix: '' },
    };
    localStorage.setItem(key, JSON.stringify(record));
  }, key);
  await app.reload();
  await app.title.waitFor();
  const orphans = app.page.getByTestId('orphans');
  await orphans.waitFor();
  assert.match(await orphans.textContent(), /A sentence the editors later removed/);
  assert.match(await orphans.textContent(), /Theresa May/);
  assert.equal(await app.highlights.count(), 0);
  assert.match(await app.page.getByTestId('annotation-count').textContent(), /1/);
});

test('hovering a highlight emphasises its card, and clicking a card flashes its highlight', async () => {
  await app.quote(RISKY, 'Theresa May', 'said');
  await app.highlights.first().hover();
  const border = await app.cards.first().evaluate((c) => getComputedStyle(c).borderTopColor);
  await app.page.mouse.move(5, 5);
  await app.page.waitForTimeout(50);
  const plain = await app.cards.first().evaluate((c) => getComputedStyle(c).borderTopColor);
  assert.notEqual(border, plain, 'the card is emphasised while its highlight is hovered');
  await app.cards.first().click();
  // The flash comes in the frame after the click (once the paragraphs have drawn) and lasts 1.6 s.
  await app.page.waitForFunction(() => document.querySelector('[data-testid="highlight"]')?.classList.contains('flash'), null, { timeout: 1500 });
});

test('on a phone the panel is a bottom sheet that opens for the editor', async () => {
  await app.page.setViewportSize({ width: 390, height: 844 });
  await app.page.waitForTimeout(300); // the sheet's transition from the desktop size
  const sheet = app.panel;
  const collapsed = await sheet.boundingBox();
  assert.ok(collapsed.height < 80 && collapsed.y > 700, `collapsed sheet ${JSON.stringify(collapsed)}`);
  await app.select(RISKY);
  await app.page.keyboard.press('q');
  await app.editor.waitFor();
  await app.page.waitForTimeout(300); // the sheet's opening transition
  const open = await sheet.boundingBox();
  assert.ok(open.height > 400, `open sheet ${JSON.stringify(open)}`);
  assert.ok(await app.editor.getByLabel('Speaker').isVisible());
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0);
});

test('one person is one speaker: a short form typed later joins the fuller name', async () => {
  await app.quote('This could be a very risky approach', 'Maria Lopez Garcia', 'said');
  await app.quote('darker corners of the web', 'Ms Lopez Garcia', 'said');
  await app.quote('aggressively', 'Garcia', 'told');
  assert.equal(await app.cards.count(), 3);
  for (const card of await app.cards.all()) {
    assert.match(await card.textContent(), /Maria Lopez Garcia · (said|told)/);
  }
  // The speaker filter lists the person once, and filtering by them keeps all three.
  const filter = app.page.getByLabel('Filter by speaker');
  const options = await filter.locator('option').allTextContents();
  assert.deepEqual(options, ['Any speaker', 'Maria Lopez Garcia']);
  await filter.selectOption({ label: 'Maria Lopez Garcia' });
  assert.equal(await app.cards.count(), 3);
  // The editor suggests the fullest name only.
  await app.cards.first().click();
  await app.editor.waitFor();
  const suggested = await app.editor.locator('#ed-speakers option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(suggested, ['Maria Lopez Garcia']);
});
