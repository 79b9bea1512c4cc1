// The built-in article opens by default: title, date, every paragraph, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveDist, launchBrowser, QuotemarkPage } from './support.mjs';

const SAMPLE = readFileSync(new URL('../../assets/sample-article.txt', import.meta.url), 'utf8');
// The sample's paragraphs as a reader sees them: the leading `date YYYY-MM-DD` marker removed.
const PARAGRAPHS = SAMPLE.replace(/^\s*date \d{4}-\d{2}-\d{2}\s+/, '')
  .split(/\n\s*\n/)
  .map((p) => p.replace(/\s+/g, ' ').trim())
  .filter(Boolean);

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

test('the sample article opens with title, date and all paragraphs, without console errors', async () => {
  const app = new QuotemarkPage(await browser.context.newPage());
  await app.open(server.url);

  assert.match(await app.title.textContent(), /^The Open Rights Group said it was short-sighted/);
  assert.equal(await app.date.textContent(), '5 June 2017');
  assert.equal(await app.date.getAttribute('datetime'), '2017-06-05');

  const shown = await app.paragraphs.allTextContents();
  assert.equal(shown.length, PARAGRAPHS.length);
  assert.deepEqual(shown, PARAGRAPHS);
  assert.ok(!shown.join(' ').includes('date 2017'), 'the date marker is not body text');

  assert.match(await app.panel.textContent(), /Select a passage/);
  assert.match(await app.page.title(), /· Quotemark$/);
  assert.deepEqual(app.errors, []);
  await app.page.close();
});

test('the page is not blank: the article is visible and fills the column', async () => {
  const app = new QuotemarkPage(await browser.context.newPage());
  await app.open(server.url);
  const box = await app.page.getByRole('article').boundingBox();
  assert.ok(box && box.height > 1000 && box.width > 400, `article box ${JSON.stringify(box)}`);
  assert.ok(await app.paragraphs.first().isVisible());
  assert.ok(await app.page.getByRole('banner').isVisible());
  assert.ok(await app.page.getByRole('main').isVisible());
  await app.page.close();
});

test('on a 390 px phone the article reads without horizontal scrolling', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new QuotemarkPage(page);
  await app.open(server.url);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  assert.deepEqual(app.errors, []);
  await page.close();
});

test('light and dark themes follow prefers-color-scheme', async () => {
  const page = await browser.context.newPage();
  const app = new QuotemarkPage(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await app.open(server.url);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  assert.notEqual(light, dark);
  const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);
  assert.ok(luminance(light) > 600 && luminance(dark) < 150, `${light} / ${dark}`);
  await page.close();
});
