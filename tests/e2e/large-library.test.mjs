// A library larger than local storage keeps (issue 21): past its budget the least recently opened
// articles live only in the browser's database (IndexedDB), with a stub in local storage. Built the
// way a reader's library grows (ten articles at a time, each load migrating them), it is listed,
// searched and opened whole; an article opened from the database comes back into local storage
// with its annotations and is there after a reload; deleting one deletes it there too; a tab
// open all along follows the moves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launchBrowser, Annotator, v2Article, localBytes, vaultContents } from './support.mjs';
import { seededRandom, WORDS } from '../../scripts/bench-support.mjs';

const ARTICLES = 80;
const PER_ARTICLE = 6;
const BUDGET = 2_500_000;

const rand = seededRandom(5);
const articles = Array.from({ length: ARTICLES }, (_, d) => v2Article(d, { paragraphs: 60, annotations: PER_ARTICLE, rand, words: WORDS }));
const docKey = (a) => `quotemark.v3.doc.${a.hex}`;
const awayKey = (a) => `quotemark.v3.away.${a.hex}`;

async function grow(app, url) {
  for (let d = 0; d < ARTICLES; d += 10) {
    const batch = articles.slice(d, d + 10);
    await app.page.evaluate(([records, current]) => {
      for (const [k, v] of records) localStorage.setItem(k, v);
      localStorage.setItem('quotemark.v2.current', JSON.stringify(current));
    }, [batch.flatMap((a) => a.records), batch.at(-1).id]);
    await app.open(url);
    await app.page.getByTestId('article-body').waitFor();
    // Migrated, copied and moved out once the vault is ready.
    for (let t = 0; t < 100; t++) {
      const v2 = await app.page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('quotemark.v2.')));
      const ready = await app.page.evaluate(() => performance.getEntriesByName('quotemark:vault-ready').length > 0);
      if (!v2 && ready && (await localBytes(app.page)) <= BUDGET) break;
      await app.page.waitForTimeout(100);
    }
  }
}

const library = async (app) => {
  await app.page.getByRole('button', { name: 'Library' }).click();
  await app.page.getByTestId('library').waitFor();
};
const items = (app) => app.page.getByTestId('library-item');

test('a library larger than local storage is kept, listed, searched and opened whole', async () => {
  const server = await serveDist();
  const browser = await launchBrowser();
  try {
    const app = new Annotator(await browser.context.newPage());
    await app.open(server.url);
    await app.page.evaluate(() => localStorage.clear());
    // Another tab, open all along: it hears of each move and follows.
    const other = new Annotator(await browser.context.newPage());
    await other.open(server.url);
    await other.page.waitForFunction(() => performance.getEntriesByName('quotemark:vault-ready').length > 0);
    await grow(app, server.url);

    // Local storage stays within its budget; the oldest articles left a stub and nothing else.
    const local = await app.page.evaluate(() => Object.keys(localStorage));
    assert.ok((await localBytes(app.page)) <= BUDGET, 'local storage within its budget');
    const away = articles.filter((a) => local.includes(awayKey(a)));
    assert.ok(away.length >= 10, `${away.length} articles moved out`);
    assert.ok(away.includes(articles[0]), 'the least recently opened moved out first');
    assert.ok(!away.includes(articles.at(-1)), 'never the open one');
    for (const a of away) {
      assert.ok(!local.includes(docKey(a)), `${a.id} has no record left in local storage`);
      assert.ok(!local.some((k) => k.startsWith(`quotemark.v3.set.${a.hex}`)), 'nor its annotations');
    }
    // The database holds every article and every annotation set.
    const vault = await vaultContents(app.page);
    for (const a of articles) {
      assert.ok(docKey(a) in vault, `${a.id} in the database`);
      assert.ok(`quotemark.v3.set.${a.hex}` in vault, `its annotations in the database`);
    }

    // The other tab, not reloaded, lists and opens an article moved out while it was open.
    await library(other);
    await other.page.getByTestId('library-search').fill('zeta2quark');
    await other.page.getByTestId('library-found').filter({ hasText: `1 article matches of ${ARTICLES + 1}.` }).waitFor();
    await items(other).filter({ hasText: 'Article 2' }).getByRole('button', { name: 'Open', exact: true }).click();
    await other.page.getByTestId('article-body').filter({ hasText: 'zeta2quark' }).waitFor();
    await other.page.waitForFunction((n) => document.querySelectorAll('[data-testid="annotation-card"]').length === n, PER_ARTICLE);
    assert.deepEqual(other.errors, []);
    await other.page.close();

    // Listed: the 50 most recent first, then all (the sample too).
    await app.open(server.url);
    await app.page.waitForFunction(() => performance.getEntriesByName('quotemark:vault-ready').length > 0);
    await library(app);
    await app.page.getByTestId('storage-note').filter({ hasText: `${away.length} articles are kept only there` }).waitFor();
    assert.equal(await items(app).count(), 50);
    await app.page.getByTestId('library-more').click();
    await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="library-item"]').length === n, ARTICLES + 1);
    await items(app).filter({ hasText: 'Article 0' }).filter({ hasText: `${PER_ARTICLE} annotations` }).first().waitFor();

    // Searched: a word only an article kept in the database has, in its text.
    await app.page.getByTestId('library-search').fill('ZETA1QUARK');
    await app.page.getByTestId('library-found').filter({ hasText: `1 article matches of ${ARTICLES + 1}.` }).waitFor();
    assert.deepEqual(await app.page.locator('[data-testid="library-item"] .library-title').allTextContents(), ['Article 1']);
    await app.page.getByTestId('library-search').fill('no such words');
    await app.page.getByTestId('library-found').filter({ hasText: `No article of the ${ARTICLES + 1} here has these words.` }).waitFor();
    await app.page.getByTestId('library-search').fill('zeta1quark');

    // Opened: its text and its annotations, back in local storage; still so after a reload.
    await items(app).filter({ hasText: 'Article 1' }).getByRole('button', { name: 'Open', exact: true }).click();
    await app.page.getByTestId('article-body').filter({ hasText: 'zeta1quark' }).waitFor();
    await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="annotation-card"]').length === n, PER_ARTICLE);
    const back = await app.page.evaluate(([doc, stub]) => [!!localStorage.getItem(doc), !!localStorage.getItem(stub)], [docKey(articles[1]), awayKey(articles[1])]);
    assert.deepEqual(back, [true, false], 'its record back in local storage, its stub gone');
    await app.open(server.url);
    await app.page.getByTestId('article-body').filter({ hasText: 'zeta1quark' }).waitFor();
    await app.page.waitForFunction((n) => document.querySelectorAll('[data-testid="annotation-card"]').length === n, PER_ARTICLE);

    // Deleted while kept only in the database: gone there too, and after a reload.
    await app.page.waitForFunction(() => performance.getEntriesByName('quotemark:vault-ready').length > 0);
    await library(app);
    await app.page.getByTestId('library-search').fill('zeta0quark');
    await items(app).filter({ hasText: 'Article 0' }).getByRole('button', { name: 'Delete' }).click();
    await app.page.getByTestId('library-found').filter({ hasText: 'No article' }).waitFor();
    for (let t = 0; t < 50 && docKey(articles[0]) in (await vaultContents(app.page)); t++) await app.page.waitForTimeout(100);
    const after = await vaultContents(app.page);
    assert.ok(!(docKey(articles[0]) in after), 'deleted in the database');
    assert.ok(!(`quotemark.v3.set.${articles[0].hex}` in after), 'its annotations too');
    assert.equal(await app.page.evaluate((k) => localStorage.getItem(k), awayKey(articles[0])), null, 'and its stub');
    await app.open(server.url);
    await app.page.waitForFunction(() => performance.getEntriesByName('quotemark:vault-ready').length > 0);
    await library(app);
    await app.page.getByTestId('library-search').fill('zeta0quark');
    await app.page.getByTestId('library-found').filter({ hasText: 'No article' }).waitFor();
    assert.deepEqual(app.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
