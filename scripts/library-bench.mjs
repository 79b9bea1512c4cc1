// Library benchmark (issue 21): a library of 500 articles of about 20 KB with 50,000 annotations
// (100 each), far more than local storage holds, in headless Chromium over the release build.
//
// The library is built the way a reader's grows: ten articles at a time are put in local storage
// in the previous layout (version 2) and the app is loaded, which migrates them, copies them to the
// browser's database and moves the least recently opened articles out of local storage once it
// passes its budget. Then, over `--runs` page loads, medians of:
//   - the load until every article kept only in the browser's database is read (vault ready);
//   - opening the library until it lists the 50 most recent (DOM) and until the next frame, and
//     "Show … more" until it lists all 500;
//   - a search of the library (one word of one article's text) until the list shows the match;
//   - saving after an edit (one quotation tagged on the open article: quotemark:save);
//   - opening an old article (kept only in the browser's database) until its text shows.
// Run with `./dev bench library` (builds first).
import { serveDist, launchBrowser, v2Article, localBytes } from '../tests/e2e/support.mjs';
import { arg, median, seededRandom, selectAndPressQ, WORDS } from './bench-support.mjs';

const ARTICLES = arg('articles', 500);
const PER_ARTICLE = arg('annotations', 100);
const RUNS = arg('runs', 7);
const BATCH = 10;

const rand = seededRandom(11);
const article = (d) => v2Article(d, { paragraphs: 48, annotations: PER_ARTICLE, rand, words: WORDS });

const server = await serveDist();
const browser = await launchBrowser();
const results = {};
const record = (name, v) => (results[name] ??= []).push(v);
const facts = {};
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.evaluate(() => localStorage.clear());
  let textChars = 0;
  let last;
  for (let d = 0; d < ARTICLES; d += BATCH) {
    const batch = [];
    for (let k = d; k < Math.min(ARTICLES, d + BATCH); k++) {
      const a = article(k);
      textChars += a.chars;
      batch.push(...a.records);
      last = a;
    }
    await page.evaluate(([records, current]) => {
      for (const [k, v] of records) localStorage.setItem(k, v);
      localStorage.setItem('quotemark.v2.current', JSON.stringify(current));
    }, [batch, last.id]);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:vault-ready').length > 0, null, { timeout: 120_000 });
    // The move out of local storage runs after the vault is ready: wait until it is under budget.
    for (let t = 0; t < 600; t++) {
      const v2 = await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('quotemark.v2.')));
      if (!v2 && (await localBytes(page)) <= 2_500_000 + 200_000) break;
      await page.waitForTimeout(200);
    }
  }
  Object.assign(facts, await page.evaluate(() => {
    const keys = Object.keys(localStorage);
    return {
      localArticles: keys.filter((k) => k.startsWith('quotemark.v3.doc.')).length,
      away: keys.filter((k) => k.startsWith('quotemark.v3.away.')).length,
    };
  }));
  facts.localMB = (await localBytes(page)) / 1e6;
  facts.textMB = textChars / 1e6;

  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.getByTestId('article-body').waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:vault-ready').length > 0, null, { timeout: 60_000 });
    record('load until every article is read (vault ready, from navigation)', await page.evaluate(() => performance.getEntriesByName('quotemark:vault-ready')[0].startTime));

    const open = await page.evaluate(async (n) => {
      const button = [...document.querySelectorAll('header button')].find((b) => b.textContent.trim() === 'Library');
      const rows = () => document.querySelectorAll('[data-testid="library-item"]').length;
      const t0 = performance.now();
      button.click();
      for (let i = 0; rows() < 50 && i < 2000; i++) await new Promise((r) => setTimeout(r, 0));
      const dom = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const frame = performance.now() - t0;
      const first = rows();
      const t1 = performance.now();
      document.querySelector('[data-testid="library-more"]').click();
      for (let i = 0; rows() < n && i < 2000; i++) await new Promise((r) => setTimeout(r, 0));
      const all = performance.now() - t1;
      return { dom, frame, first, all, rows: rows() };
    }, ARTICLES + 1);
    facts.rows = `${open.first} first, ${open.rows} after "Show more"`;
    record('open the library: of which reading the records', await page.evaluate(() => performance.getEntriesByName('quotemark:library-read').at(-1).duration));
    record('open the library: the 50 most recent listed (DOM)', open.dom);
    record('open the library: next frame', open.frame);
    record(`"Show ${ARTICLES - 49} more": all ${ARTICLES + 1} listed (DOM)`, open.all);

    const search = await page.evaluate(async ([word, n]) => {
      const input = document.querySelector('[data-testid="library-search"]');
      const t0 = performance.now();
      input.value = word;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const rows = () => document.querySelectorAll('[data-testid="library-item"]').length;
      for (let i = 0; rows() !== 1 && i < 2000; i++) await new Promise((r) => setTimeout(r, 0));
      const dom = performance.now() - t0;
      const found = document.querySelector('[data-testid="library-item"] .library-title')?.textContent;
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (let i = 0; rows() < n && i < 2000; i++) await new Promise((r) => setTimeout(r, 0));
      return { dom, found };
    }, ['zeta3quark', ARTICLES + 1]);
    if (search.found !== 'Article 3') throw new Error(`the search found ${search.found}`);
    record('search the library (one word of one text; the first search reads the texts)', search.dom);

    // One of the oldest articles, kept only in the browser's database: open it until its text shows.
    const away = await page.evaluate(async (title) => {
      const items = [...document.querySelectorAll('[data-testid="library-item"]')];
      const item = items.find((li) => li.querySelector('.library-title').textContent === title);
      if (!item) throw new Error(`${title} is not among the ${items.length} listed`);
      if (![...item.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Open')) throw new Error('no Open: ' + item.outerHTML);
      const button = [...item.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Open');
      const t0 = performance.now();
      button.click();
      const word = `zeta${title.split(' ')[1]}quark`;
      const shown = () => document.querySelector('[data-testid="article-body"]')?.textContent.includes(word);
      for (let i = 0; !shown() && i < 5000; i++) await new Promise((r) => setTimeout(r, 0));
      const dom = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 300));
      return { dom, local: !!localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('quotemark.v3.doc.') && localStorage.getItem(k).includes(word)) ?? '') };
    }, `Article ${run}`);
    if (!away.local) throw new Error('the article opened from the database is not back in local storage');
    record('open an old article (kept only in the database) until its text shows', away.dom);

    // Save after an edit: tag a quotation on the open article.
    await page.evaluate(() => performance.clearMeasures());
    await selectAndPressQ(page, 3);
    await page.evaluate(() => document.querySelector('[data-testid="editor"] button[type=submit]').click());
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:save').length > 0);
    record('save after an edit (one quotation tagged)', await page.evaluate(() => performance.getEntriesByName('quotemark:save').at(-1).duration));
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`Library benchmark: ${ARTICLES} articles (${facts.textMB?.toFixed(1)} M characters of text), ${ARTICLES * PER_ARTICLE} annotations, ${RUNS} runs, medians:`);
console.log(`  (local storage: ${facts.localArticles} articles, ${facts.localMB?.toFixed(2)} MB; ${facts.away} kept only in the browser's database; ${facts.rows} rows listed)`);
for (const [name, xs] of Object.entries(results)) {
  console.log(`  ${name.padEnd(76)} ${median(xs).toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
}
