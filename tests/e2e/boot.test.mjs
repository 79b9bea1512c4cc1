// The first paint comes before the wasm: index.html draws the article (the sample, or the last
// opened one from storage) and the app takes over without moving it, keeping a selection and a
// Q pressed early.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, QuotemarkPage, openArticleDialog } from './support.mjs';

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

/** A page whose wasm is held back until `release()` is called. */
async function heldPage() {
  const page = await browser.context.newPage();
  let release;
  const released = new Promise((ok) => (release = ok));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return { page, release };
}

const rect = (page, selector) => page.locator(selector).first().evaluate((e) => {
  const r = e.getBoundingClientRect();
  return { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width) };
});

test('the sample is on screen before the wasm, and the app replaces it without a jump', async () => {
  const { page, release } = await heldPage();
  const app = new QuotemarkPage(page);
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  await page.locator('#boot-title').waitFor();
  assert.match(await page.locator('#boot-title').textContent(), /^The Open Rights Group said/);
  assert.match(await page.getByRole('status').first().textContent(), /Getting the tagging tools ready/);
  const before = { title: await rect(page, '#boot-title'), first: await rect(page, '#boot-body p') };

  release();
  await app.title.waitFor();
  assert.equal(await page.locator('#boot').count(), 0, 'the pre-rendered frame is gone');
  assert.equal(await page.locator('h1').count(), 1, 'the title shows once');
  const after = { title: await rect(page, '[data-testid=article-title]'), first: await rect(page, '[data-testid=paragraph]') };
  assert.deepEqual(after, before, 'title and first paragraph stay where they were drawn');
  assert.deepEqual(app.errors, []);
  await page.close();
});

test('the last opened article is drawn from storage before the wasm, as text', async () => {
  const setup = new QuotemarkPage(await browser.context.newPage());
  await setup.open(server.url);
  await openArticleDialog(setup.page);
  const text = 'Rain <b>fell</b> on the city.\n\n“It was loud,” said Ana Ruiz.';
  await setup.page.getByLabel('Title (optional)').fill('A <i>wet</i> day');
  await setup.page.getByTestId('article-paste').fill(text);
  await setup.page.getByRole('button', { name: 'Open', exact: true }).click();
  await setup.title.filter({ hasText: 'A <i>wet</i> day' }).waitFor();
  await setup.page.close();

  const { page, release } = await heldPage();
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  await page.locator('#boot-title').waitFor();
  assert.equal(await page.locator('#boot-title').textContent(), 'A <i>wet</i> day');
  assert.deepEqual(await page.locator('#boot-body p').allTextContents(), ['Rain <b>fell</b> on the city.', '“It was loud,” said Ana Ruiz.']);
  assert.equal(await page.locator('#boot b, #boot i').count(), 0, 'stored text is never markup');
  release();
  await new QuotemarkPage(page).title.filter({ hasText: 'A <i>wet</i> day' }).waitFor();
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('a selection and a Q made before the app starts open the quote editor when it does', async () => {
  const { page, release } = await heldPage();
  const app = new QuotemarkPage(page);
  await page.goto(server.url, { waitUntil: 'domcontentloaded' });
  await page.locator('#boot-body p').nth(4).waitFor();
  await page.evaluate(() => {
    const p = document.querySelectorAll('#boot-body p')[4];
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  await page.keyboard.press('q');
  assert.match(await page.locator('#boot-status').textContent(), /open as a quote/);
  release();
  const editor = page.getByTestId('editor');
  await editor.waitFor();
  assert.match(await editor.textContent(), /This could be a very risky approach/);
  assert.deepEqual(app.errors, []);
  await page.close();
});
