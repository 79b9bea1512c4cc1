// Compare benchmark (issue 20): my layer of 5,000 annotations and a colleague's of 5,000 on a
// 200 KB article, in headless Chromium over the release build. A third of theirs are my spans
// with the same labels, a third my spans with another speaker or status, a sixth my spans moved
// by a few words (overlapping), a sixth spans only they tagged. Prints medians of `--runs`:
//   - the comparison when the layer is added (a fresh page each time, at most 5);
//   - the comparison (pairwise figures, α_U, differences and their decisions: quotemark:compare)
//     when the panel opens after a reload;
//   - a decision (take theirs on the first difference) until the counter shows it (DOM) and until
//     the next frame, with the recomputed comparison.
// Run with `./dev bench compare` (builds first).
//
//   node scripts/compare-bench.mjs [--kb 200] [--annotations 5000] [--runs 9]
import { createHash } from 'node:crypto';
import { serveDist, launchBrowser } from '../tests/e2e/support.mjs';
import { arg, median, seededRandom, WORDS } from './bench-support.mjs';

const KB = arg('kb', 200);
const N = arg('annotations', 5000);
const RUNS = arg('runs', 9);

const rand = seededRandom(11);
const PEOPLE = ['Theresa May', 'Peter Neumann', 'Jim Killock', 'Amber Rudd', 'Maria Lopez Garcia', 'Omar Berg'];
const STATUSES = ['unverified', 'supported', 'false', 'needs-source'];

const paragraphs = [];
for (let size = 0; size < KB * 1024; ) {
  const p = Array.from({ length: 4 }, () => Array.from({ length: 14 }, () => WORDS[rand(WORDS.length)]).join(' ') + '.').join(' ');
  paragraphs.push(p);
  size += p.length + 2;
}
const text = paragraphs.join('\n\n');
const chars = [...text];
const id = 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 32);
const hex = id.slice(7);

// My layer: spans of 20–200 characters over the whole text, every third a claim.
const mine = Array.from({ length: N }, (_, i) => {
  const start = rand(chars.length - 300);
  return i % 3 === 2
    ? { i, start, end: start + 20 + rand(180), kind: 'claim', status: STATUSES[rand(STATUSES.length)] }
    : { i, start, end: start + 20 + rand(180), kind: 'quote', speaker: PEOPLE[rand(PEOPLE.length)] };
});
// Theirs, from mine: same, relabelled, moved, or new.
const theirs = mine.map((a, i) => {
  const r = i % 6;
  if (r < 2) return { ...a };
  if (r < 4) return a.kind === 'quote' ? { ...a, speaker: PEOPLE[(PEOPLE.indexOf(a.speaker) + 1) % PEOPLE.length] } : { ...a, status: STATUSES[(STATUSES.indexOf(a.status) + 1) % STATUSES.length] };
  if (r === 4) return { ...a, start: a.start + 6, end: a.end + 6 };
  const start = rand(chars.length - 300);
  return { ...a, start, end: start + 20 + rand(180) };
});

const uuid = (prefix, i) => `${prefix}0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;

// Mine as the app's version 2 records, which a first load migrates (as the page benchmark does).
const records = [
  [`quotemark.v2.doc.${hex}`, JSON.stringify({ version: 2, document: { id, title: `Synthetic ${KB} KB article`, text }, opened: 0 })],
  ['quotemark.v2.current', JSON.stringify(id)],
  ...mine.map((a) => {
    const base = {
      id: uuid('a', a.i), tags: [], created: 1496620800000 + a.i, modified: 1496620800000 + a.i,
      s: a.start, e: a.end, p: Math.min(32, a.start), x: Math.min(32, chars.length - a.end),
    };
    const body = a.kind === 'claim'
      ? { kind: 'claim', claimType: 'statistic', status: a.status, evidence: [] }
      : { kind: 'quote', speaker: a.speaker, cue: 'said', form: 'direct' };
    return [`quotemark.v2.a.${hex}.${base.id}`, JSON.stringify({ ...base, ...body })];
  }),
];

// Theirs as a Quotemark W3C export for the same document.
const theirsFile = JSON.stringify({
  '@context': ['http://www.w3.org/ns/anno.jsonld', { qm: 'https://quotemark.example/ns#' }],
  type: 'AnnotationCollection',
  'qm:formatVersion': 2,
  'qm:document': { id, type: 'Text', 'qm:title': `Synthetic ${KB} KB article` },
  first: {
    type: 'AnnotationPage',
    items: theirs.map((a) => ({
      id: uuid('b', a.i),
      type: 'Annotation',
      created: '2017-06-05T10:00:00Z',
      modified: '2017-06-05T10:00:00Z',
      body: a.kind === 'claim'
        ? [
            { type: 'TextualBody', purpose: 'tagging', value: 'claim', 'qm:kind': 'claim' },
            { type: 'TextualBody', purpose: 'assessing', value: a.status, 'qm:claimType': 'statistic', 'qm:status': a.status },
          ]
        : [
            { type: 'TextualBody', purpose: 'tagging', value: 'quote', 'qm:kind': 'quote' },
            { type: 'TextualBody', purpose: 'describing', value: a.speaker, 'qm:speaker': a.speaker, 'qm:cue': 'said', 'qm:form': 'direct' },
          ],
      target: {
        source: id,
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: chars.slice(a.start, a.end).join(''),
            prefix: chars.slice(Math.max(0, a.start - 32), a.start).join(''),
            suffix: chars.slice(a.end, a.end + 32).join(''),
          },
          { type: 'TextPositionSelector', start: a.start, end: a.end },
        ],
      },
    })),
  },
});


const server = await serveDist();
const browser = await launchBrowser();
const results = {};
const record = (name, v) => (results[name] ??= []).push(v);
let summary = '';
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.evaluate((records) => {
    localStorage.clear();
    for (const [k, v] of records) localStorage.setItem(k, v);
  }, records);
  await page.reload();
  await page.getByTestId('annotation-card').first().waitFor();
  await page.getByTestId('compare-button').click();
  await page.getByTestId('compare-file').setInputFiles({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(theirsFile) });
  await page.getByTestId('difference-counter').waitFor({ timeout: 60000 });
  summary = `${await page.getByTestId('compare-message').textContent()}; ${await page.getByTestId('difference-counter').textContent()}`;
  record('add the layer: comparison', await page.evaluate(() => performance.getEntriesByName('quotemark:compare').at(-1).duration));
  // Added again on a fresh page, a few times (the first run above compiles the code).
  for (let run = 1; run < Math.min(RUNS, 5); run++) {
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.layers.')).forEach((k) => localStorage.removeItem(k)));
    await page.reload();
    await page.getByTestId('annotation-card').first().waitFor();
    await page.getByTestId('compare-button').click();
    await page.getByTestId('compare-file').setInputFiles({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(theirsFile) });
    await page.getByTestId('difference-counter').waitFor({ timeout: 60000 });
    record('add the layer: comparison', await page.evaluate(() => performance.getEntriesByName('quotemark:compare').at(-1).duration));
  }

  for (let run = 0; run < RUNS; run++) {
    await page.reload();
    await page.getByTestId('annotation-card').first().waitFor();
    await page.evaluate(() => performance.clearMeasures());
    await page.getByTestId('compare-button').click();
    await page.getByTestId('difference-counter').waitFor();
    record(`open: compare 2 layers × ${N} annotations`, await page.evaluate(() => performance.getEntriesByName('quotemark:compare').at(-1).duration));
    // A decision and its undo, each until the counter shows it.
    const choice = page.getByTestId('difference').first().getByRole('button', { name: /Take theirs|Keep mine/ }).first();
    const undo = page.getByTestId('latest-decision').getByRole('button', { name: 'Undo' });
    for (const [label, target] of [['a decision (take theirs)', choice], ['its undo', undo]]) {
      const before = await page.getByTestId('difference-counter').textContent();
      const handle = await target.elementHandle();
      const m = await page.evaluate(async ({ el, before }) => {
        const counter = () => document.querySelector('[data-testid="difference-counter"]').textContent;
        const changed = new Promise((ok) => {
          const obs = new MutationObserver(() => {
            if (counter() !== before) {
              obs.disconnect();
              ok(performance.now());
            }
          });
          obs.observe(document.querySelector('[data-testid="compare"]'), { subtree: true, childList: true, characterData: true });
        });
        const t0 = performance.now();
        el.click();
        const dom = await Promise.race([changed, new Promise((ok) => setTimeout(() => ok(NaN), 5000))]);
        await new Promise((ok) => requestAnimationFrame(() => ok()));
        return { dom: dom - t0, frame: performance.now() - t0, compute: performance.getEntriesByName('quotemark:compare').at(-1).duration };
      }, { el: handle, before });
      record(`${label}: recompute`, m.compute);
      record(`${label}: the counter shows it (DOM)`, m.dom);
      record(`${label}: next frame`, m.frame);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`Compare benchmark: ${KB} KB article, mine and theirs ${N} annotations each, ${RUNS} runs, medians:`);
console.log(`  (${summary})`);
for (const [name, xs] of Object.entries(results)) {
  console.log(`  ${name.padEnd(56)} ${median(xs).toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`);
}
