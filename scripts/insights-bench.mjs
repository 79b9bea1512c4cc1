// Insights benchmark: a library of 200 articles with 10,000 annotations (50 each: two thirds
// quotes by 60 people, one third claims), in headless Chromium over the release build. Prints
// medians of `--runs` cold page loads:
//   - reading and tallying the library's other 199 articles (quotemark:insights-library);
//   - computing the insights for the whole library from the tallies (quotemark:insights);
//   - a change (a person's role) until the role chart shows it (DOM) and until the next frame.
// Run with `./dev bench insights` (builds first).
import { createHash } from 'node:crypto';
import { serveDist, launchBrowser } from '../tests/e2e/support.mjs';
import { arg, median, seededRandom, WORDS } from './bench-support.mjs';

const ARTICLES = arg('articles', 200);
const PER_ARTICLE = arg('annotations', 50);
const RUNS = arg('runs', 9);

const rand = seededRandom(7);
const FIRST = ['Anna', 'Peter', 'Maria', 'John', 'Amber', 'Jim', 'Theresa', 'Omar', 'Li', 'Sara'];
const LAST = ['Berg', 'Neumann', 'Lopez Garcia', 'Smith', 'Rudd', 'Killock'];
const PEOPLE = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
const CUES = ['said', 'told', 'warned', 'added', 'argued', 'claimed'];

const records = [];
for (let d = 0; d < ARTICLES; d++) {
  const paragraphs = Array.from({ length: 8 }, () =>
    Array.from({ length: 4 }, () => Array.from({ length: 14 }, () => WORDS[rand(WORDS.length)]).join(' ') + '.').join(' '),
  );
  const text = `Article ${d}. ${paragraphs.join('\n\n')}`;
  const chars = [...text];
  const id = 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 32);
  const hex = id.slice(7);
  records.push([`quotemark.v2.doc.${hex}`, JSON.stringify({ version: 2, document: { id, title: `Article ${d}`, text }, opened: d })]);
  if (d === ARTICLES - 1) records.push(['quotemark.v2.current', JSON.stringify(id)]);
  for (let i = 0; i < PER_ARTICLE; i++) {
    const start = rand(chars.length - 200);
    const end = start + 20 + rand(150);
    const n = d * PER_ARTICLE + i;
    const base = {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      tags: [],
      created: 1496620800000 + n,
      modified: 1496620800000 + n,
      s: start,
      e: end,
      p: Math.min(32, start),
      x: Math.min(32, chars.length - end),
    };
    const body = i % 3 === 2
      ? { kind: 'claim', claimType: 'statistic', status: ['unverified', 'supported', 'false'][rand(3)], evidence: [] }
      : { kind: 'quote', speaker: PEOPLE[rand(PEOPLE.length)], cue: CUES[rand(CUES.length)], form: rand(4) ? 'direct' : 'partial' };
    records.push([`quotemark.v2.a.${hex}.${base.id}`, JSON.stringify({ ...base, ...body })]);
  }
}


const server = await serveDist();
const browser = await launchBrowser();
const results = {};
const record = (name, v) => (results[name] ??= []).push(v);
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.evaluate((records) => {
    localStorage.clear();
    for (const [k, v] of records) localStorage.setItem(k, v);
  }, records);
  await page.reload();
  await page.getByTestId('annotation-card').first().waitFor();
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.set.')).length);
  if (stored !== ARTICLES) throw new Error(`the migration wrote ${stored} sets, not ${ARTICLES}`);
  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.getByTestId('annotation-card').first().waitFor();
    await page.evaluate(() => performance.clearMeasures());
    await page.getByRole('button', { name: 'Insights' }).click();
    await page.getByTestId('insights-dialog').waitFor();
    record('insights of the open article (50 annotations)', await page.evaluate(() => performance.getEntriesByName('quotemark:insights').at(-1).duration));
    await page.getByTestId('insights-library').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="insights-summary"]').textContent.startsWith(`${n} articles`), ARTICLES);
    const m = await page.evaluate(() => ({
      load: performance.getEntriesByName('quotemark:insights-library').at(-1).duration,
      compute: performance.getEntriesByName('quotemark:insights').at(-1).duration,
      rows: document.querySelectorAll('[data-testid="person-row"]').length,
      summary: document.querySelector('[data-testid="insights-summary"]').textContent,
    }));
    results.summary = m.summary;
    record(`read and tally the other ${ARTICLES - 1} articles`, m.load);
    record(`insights of the library (${ARTICLES} articles, ${ARTICLES * PER_ARTICLE} annotations)`, m.compute);
    // A change: the top person's role, until the table shows it and until the next frame.
    const change = await page.evaluate(async (role) => {
      const select = document.querySelector('[data-testid="person-row"] select');
      const label = role[0].toUpperCase() + role.slice(1) + ':';
      const shown = () => [...document.querySelectorAll('section[aria-label="By role"] .bar-row')].some((b) => b.getAttribute('aria-label').startsWith(label));
      if (shown()) throw new Error(`${role} is already shown`);
      const changed = new Promise((ok) => {
        const obs = new MutationObserver(() => {
          if (shown()) {
            obs.disconnect();
            ok(performance.now());
          }
        });
        obs.observe(document.querySelector('[data-testid="insights-dialog"]'), { subtree: true, childList: true, attributes: true, characterData: true });
      });
      const t0 = performance.now();
      select.value = role;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const dom = await Promise.race([changed, new Promise((ok) => setTimeout(() => ok(NaN), 2000))]);
      await new Promise((ok) => requestAnimationFrame(() => ok()));
      return { dom: dom - t0, frame: performance.now() - t0, compute: performance.getEntriesByName('quotemark:insights').at(-1).duration };
    }, run % 2 ? 'official' : 'expert');
    record('a role changed: recompute the library insights', change.compute);
    record('a role changed: the chart shows it (DOM)', change.dom);
    record('a role changed: next frame', change.frame);
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`Insights benchmark: ${ARTICLES} articles, ${ARTICLES * PER_ARTICLE} annotations, ${RUNS} runs, medians:`);
console.log(`  (${results.summary})`);
for (const [name, xs] of Object.entries(results)) {
  if (name === 'summary') continue;
  console.log(`  ${name.padEnd(62)} ${median(xs).toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
}
