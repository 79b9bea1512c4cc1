// Suggestions on the reference article: turn them on, accept one, reject one, accept all above a
// confidence, undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPagePerTest } from './support.mjs';

let server;
let browser;
let app;
freshPagePerTest((s) => ({ server, browser, app } = s));

const suggestions = () => app.page.getByTestId('suggestion');
const turnOn = () => app.page.getByRole('button', { name: 'Suggest quotes and claims' }).click();

test('suggestions show as a list and as faint highlights; accept one and reject one', async () => {
  await turnOn();
  await suggestions().first().waitFor();
  const before = await suggestions().count();
  assert.ok(before >= 10, `${before} suggestions on the reference article`);
  await app.page.waitForFunction(() => CSS.highlights?.get('qm-suggestion')?.size > 0);

  const quote = suggestions().filter({ hasText: 'This could be a very risky approach' }).first();
  await quote.getByRole('button', { name: 'Accept' }).click();
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /very risky approach/);
  assert.equal(await suggestions().count(), before - 1);

  const first = await suggestions().first().getAttribute('aria-label');
  await suggestions().first().getByRole('button', { name: 'Reject' }).click();
  assert.equal(await suggestions().count(), before - 2);
  // Rejected suggestions stay hidden for this document.
  await app.reload();
  await app.title.waitFor();
  await turnOn();
  await suggestions().first().waitFor();
  assert.equal(await suggestions().count(), before - 2);
  assert.ok(!(await suggestions().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).includes(first));
});

test('an attributed suggestion is accepted with its speaker and cue', async () => {
  await turnOn();
  const attributed = suggestions().filter({ hasText: 'the Prime Minister' }).or(suggestions().filter({ hasText: '· said' })).first();
  await attributed.waitFor();
  await attributed.focus();
  await app.page.keyboard.press('a');
  await app.cards.first().waitFor();
  assert.match(await app.cards.first().textContent(), /· said|said/);
});

test('accept all above a confidence, then undo', async () => {
  await turnOn();
  await suggestions().first().waitFor();
  const confident = await suggestions().evaluateAll((els) =>
    els.filter((e) => Number(e.querySelector('.confidence').textContent.replace('%', '')) >= 90).length,
  );
  await app.page.getByLabel('Confidence').selectOption('90');
  await app.page.getByRole('button', { name: 'Accept all' }).click();
  assert.equal(await app.cards.count(), confident);
  assert.ok(confident > 0);
  await app.page.keyboard.press('Control+z');
  assert.equal(await app.cards.count(), 0);
});
