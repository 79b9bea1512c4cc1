// Insights: tag quotes for two speakers and a claim, give a speaker a role, read the numbers in
// the table, filter the list from a bar, export the research table and ClaimReview, and keep the
// role across a reload and in the JSON export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPagePerTest, downloadVia } from './support.mjs';

let app;
freshPagePerTest((s) => ({ app } = s));

const RISKY = '“This could be a very risky approach”.'; // 7 words
const CYBER = '“cyberspace to prevent the spread of extremist terrorism planning”'; // 9 words
const PLACE = '“terrorist content has no place on”'; // 6 words
const ACCOUNTS = 'almost 400,000 accounts';

async function annotate() {
  await app.quote(RISKY, 'Theresa May', 'warned');
  await app.quote(CYBER, 'May', 'called');
  await app.quote(PLACE, 'Twitter', 'said');
  await app.claim(ACCOUNTS, 'False');
}

const dialog = () => app.page.getByTestId('insights-dialog');
async function openInsights() {
  await app.page.getByRole('button', { name: 'Insights' }).click();
  // Its body is loaded on first use: the summary is there once it is.
  await app.page.getByTestId('insights-summary').waitFor();
}

/** The people table as [person, quotes, words, share] rows. */
async function peopleRows() {
  return app.page.getByTestId('person-row').evaluateAll((rows) =>
    rows.map((r) => [
      r.querySelector('th').textContent.trim(),
      ...['quotes', 'words', 'share'].map((c) => r.querySelector(`[data-col="${c}"]`).textContent.trim()),
    ]),
  );
}

async function download(testid) {
  const [d] = await Promise.all([app.page.waitForEvent('download'), dialog().getByTestId(testid).click()]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return [d.suggestedFilename(), Buffer.concat(chunks).toString('utf8')];
}

test('who is quoted, by role, with bars that filter the list', async () => {
  await annotate();
  await openInsights();
  // One person under two names: “May” is Theresa May. 7 + 9 = 16 of 22 words.
  assert.deepEqual(await peopleRows(), [
    ['Theresa May', '2', '16', '73%'],
    ['Twitter', '1', '6', '27%'],
  ]);
  assert.match(await app.page.getByTestId('insights-summary').textContent(), /3 quotes · 22 words quoted · 2 people · 0 unattributed quotes · 0 anonymous quotes · 1 claim/);

  await dialog().getByLabel('Role of Twitter').selectOption('company');
  await dialog().getByLabel('Role of Theresa May').selectOption('official');
  const roles = dialog().getByRole('region', { name: 'By role' });
  await roles.getByRole('button', { name: /^Company: 6 words quoted/ }).waitFor();
  await roles.getByRole('button', { name: /^Official: 16 words quoted/ }).waitFor();

  // A speaker's bar lists that speaker's quotes.
  await dialog().getByRole('region', { name: 'Who is quoted' }).getByRole('button', { name: /^Twitter:/ }).click();
  await dialog().waitFor({ state: 'detached' });
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /terrorist content has no place on/);
  assert.equal(await app.page.getByLabel('Filter by speaker').inputValue(), 'Twitter');

  // A role's bar, with a chip to remove it.
  await openInsights();
  await dialog().getByRole('region', { name: 'By role' }).getByRole('button', { name: /^Official:/ }).click();
  assert.equal(await app.cards.count(), 2);
  const chip = app.page.getByRole('button', { name: 'Remove filter Role: Official' });
  await chip.click();
  assert.equal(await app.cards.count(), 4);

  // A status bar lists the claims.
  await openInsights();
  await dialog().getByRole('region', { name: 'Claims by status' }).getByRole('button', { name: /^False: 1 claim,/ }).click();
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /400,000/);

  // Roles are kept for the library: after a reload, and in the JSON export.
  await app.reload();
  await app.title.waitFor();
  await openInsights();
  assert.equal(await dialog().getByLabel('Role of Twitter').inputValue(), 'company');
  await dialog().getByRole('button', { name: 'Close' }).click();
  const [, json] = await downloadVia(app.page, 'Download JSON');
  assert.deepEqual(JSON.parse(json)['qm:document']['qm:speakerRoles'], { 'Theresa May': 'official', Twitter: 'company' });
});

test('the research table and ClaimReview exports', async () => {
  await annotate();
  await openInsights();
  await dialog().getByLabel('Role of Twitter').selectOption('company');

  const [csvName, csv] = await download('export-research-csv');
  assert.match(csvName, /^quotemark-library-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.startsWith('\uFEFFarticle,date,source_url,kind,speaker,speaker_as_written,role,cue,form,text,start,end,'));
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 1 + 4);
  assert.ok(lines.some((l) => l.includes(',2017-06-05,,quote,Twitter,Twitter,company,said,direct,“terrorist content has no place on”,')), csv);
  assert.ok(lines.some((l) => l.includes(',quote,Theresa May,May,,called,direct,')), csv);
  assert.ok(lines.some((l) => l.includes(',claim,,,,,,"almost 400,000 accounts",')), csv);

  const [, jsonl] = await download('export-research-jsonl');
  const rows = jsonl.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 4);
  const claim = rows.find((r) => r.kind === 'claim');
  assert.equal(claim.status, 'false');
  assert.equal(claim.speaker, null);

  // Not publishable until there is a review page; then it is.
  const summary = dialog().getByTestId('claimreview-summary');
  assert.match(await summary.textContent(), /^0 of 1 claim ready to publish \(1 with a verdict\)/);
  assert.match(await dialog().getByTestId('claimreview-check').textContent(), /Required: no review page/);
  await dialog().getByLabel('Reviewer (you or your desk)').fill('Fact Desk');
  await dialog().getByLabel('Reviewer (you or your desk)').press('Tab');
  await dialog().getByLabel('Fact-check page URL').fill('https://factdesk.example/twitter-accounts');
  await dialog().getByLabel('Fact-check page URL').press('Tab');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="claimreview-summary"]').textContent.startsWith('1 of 1'));
  assert.match(await dialog().getByTestId('claimreview-check').textContent(), /False · ready.*Recommended: who made the claim is unknown/);

  const [name, ld] = await download('export-claimreview');
  assert.match(name, /-claimreview\.jsonld$/);
  const [review] = JSON.parse(ld);
  assert.equal(review['@type'], 'ClaimReview');
  assert.equal(review.claimReviewed, ACCOUNTS);
  assert.equal(review.url, 'https://factdesk.example/twitter-accounts');
  assert.deepEqual(review.author, { '@type': 'Organization', name: 'Fact Desk' });
  assert.deepEqual(review.reviewRating, { '@type': 'Rating', alternateName: 'False', ratingValue: 1, worstRating: 1, bestRating: 5 });
  assert.equal(review.itemReviewed.datePublished, '2017-06-05');

  // Another scale, kept with the settings.
  await dialog().getByLabel('Rating scale').selectOption('words');
  const [, words] = await download('export-claimreview');
  assert.deepEqual(JSON.parse(words)[0].reviewRating, { '@type': 'Rating', alternateName: 'False' });
  await app.reload();
  await app.title.waitFor();
  await openInsights();
  assert.equal(await dialog().getByLabel('Rating scale').inputValue(), 'words');
  assert.equal(await dialog().getByLabel('Fact-check page URL').inputValue(), 'https://factdesk.example/twitter-accounts');
});

test('unattributed and anonymous quotes are counted as such; the library view adds other articles', async () => {
  await app.quote(PLACE, 'a Twitter spokesperson', 'said');
  await app.select(RISKY);
  await app.toolbar.waitFor();
  await app.page.keyboard.press('q');
  await app.editor.waitFor();
  await app.page.keyboard.press('Control+Enter');
  await app.editor.waitFor({ state: 'detached' });
  await openInsights();
  assert.match(await app.page.getByTestId('insights-summary').textContent(), /2 quotes · 13 words quoted · 1 person · 1 unattributed quote · 1 anonymous quote/);
  // People first (a described speaker is named without its article), the unattributed last.
  assert.deepEqual(await peopleRows(), [
    ['Twitter spokesperson', '1', '6', '46%'],
    ['Unattributed', '1', '7', '54%'],
  ]);
  assert.match(await dialog().getByLabel('Role of Twitter spokesperson').textContent(), /Anonymous \(guessed\)/);
  await dialog().getByRole('region', { name: 'Who is quoted' }).getByRole('button', { name: /^Unattributed:/ }).click();
  assert.equal(await app.cards.count(), 1);
  assert.match(await app.cards.first().textContent(), /very risky approach/);

  // A second article in the library, with one quote by the same person under a fuller name.
  await app.page.getByRole('button', { name: 'Open article' }).click();
  await app.page.getByLabel('Article text').fill('Officials met. “We are reviewing the accounts,” a Twitter spokesperson said.');
  await app.page.getByRole('button', { name: 'Open', exact: true }).click();
  await app.title.waitFor();
  await app.quote('“We are reviewing the accounts,”', 'a Twitter spokesperson', 'said');
  await openInsights();
  assert.match(await app.page.getByTestId('insights-summary').textContent(), /^1 quote · 5 words quoted/);
  await dialog().getByTestId('insights-library').click();
  assert.match(await app.page.getByTestId('insights-summary').textContent(), /^2 articles · 3 quotes · 18 words quoted · 1 person · 1 unattributed quote · 2 anonymous quotes/);
  assert.deepEqual((await peopleRows())[0], ['Twitter spokesperson', '2', '11', '61%']);
});

test('unreadable roles or settings are kept aside with a note, and the defaults are used', async () => {
  await app.page.evaluate(() => {
    localStorage.setItem('quotemark.v3.roles', '{"twitter": "villain"');
    localStorage.setItem('quotemark.v3.claimreview', '[1, 2]');
  });
  await app.reload();
  await app.title.waitFor();
  const notes = app.page.getByTestId('load-notes');
  await notes.waitFor();
  assert.match(await notes.textContent(), /quotemark\.v3\.roles.*could not be read.*kept under quotemark\.backup\./);
  assert.match(await notes.textContent(), /quotemark\.v3\.claimreview.*could not be read/);
  const kept = await app.page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('quotemark.backup.')).map((k) => localStorage.getItem(k)).sort(),
  );
  assert.deepEqual(kept, ['[1, 2]', '{"twitter": "villain"']);
  // The app works on: a role set now is saved over the unreadable value.
  await app.quote(PLACE, 'Twitter', 'said');
  await openInsights();
  await dialog().getByLabel('Role of Twitter').selectOption('company');
  assert.equal(await app.page.evaluate(() => localStorage.getItem('quotemark.v3.roles')), '{"twitter":"company"}');
});

test('the dialog is modal for the keyboard: focus moves in, stays in, Esc closes and gives it back', async () => {
  await app.quote(PLACE, 'Twitter', 'said');
  const button = app.page.getByRole('button', { name: 'Insights' });
  await button.focus();
  await app.page.keyboard.press('Enter');
  await dialog().waitFor();
  const inside = () => app.page.evaluate(() => !!document.activeElement.closest('[data-testid="insights-dialog"]'));
  await app.page.waitForFunction(() => !!document.activeElement.closest('[data-testid="insights-dialog"]'));
  for (let i = 0; i < 40; i++) {
    await app.page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
    assert.ok(await inside(), `focus left the dialog after ${i + 1} presses`);
  }
  // Shortcuts of the page behind do nothing while it is open.
  await app.select(RISKY);
  await app.page.getByRole('button', { name: 'Close' }).focus();
  await app.page.keyboard.press('q');
  assert.equal(await app.editor.count(), 0);
  await app.page.evaluate(() => document.body.focus());
  await app.page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'detached' });
  assert.equal(await app.page.evaluate(() => document.activeElement.textContent.trim()), 'Insights');
});
