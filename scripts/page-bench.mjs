// Page benchmark: drives headless Chromium over the release build with a synthetic article and many
// overlapping annotations, and prints medians. Run with `./dev bench page` (builds first).
//
//   node scripts/page-bench.mjs [--kb 200] [--annotations 5000] [--runs 15] [--big-kb 1024]
//
// Timings are from inside the page (performance.now / marks). "DOM" means the change is in the DOM
// (observed by a MutationObserver); "frame" adds the wait for the next animation frame, when the
// browser paints it.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { serveDist, launchBrowser } from '../tests/e2e/support.mjs';
import { arg, median, selectAndPressQ } from './bench-support.mjs';

const KB = arg('kb', 200);
const ANNOTATIONS = arg('annotations', 5000);
const RUNS = arg('runs', 15);

// ---- A deterministic synthetic article (normalised: single spaces, paragraphs joined by \n\n) ----
let seed = 42;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const WORDS = ('the minister said that government would act on the report which found that more than ' +
  'half of all households faced higher costs this winter according to figures from statistics office ' +
  'while critics argued plan was too little too late and warned of consequences for schools hospitals').split(' ');
const SPEAKERS = ['Theresa May', 'Peter Neumann', 'Jim Killock', 'Amber Rudd', 'a Facebook spokesperson'];
function sentence() {
  const n = 8 + rand(18);
  const words = Array.from({ length: n }, () => WORDS[rand(WORDS.length)]);
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  const s = words.join(' ') + '.';
  return rand(4) === 0 ? `“${s}” ${SPEAKERS[rand(SPEAKERS.length)]} said.` : s;
}
const paragraphs = [];
let size = 0;
while (size < KB * 1024) {
  const p = Array.from({ length: 3 + rand(4) }, sentence).join(' ');
  paragraphs.push(p);
  size += Buffer.byteLength(p) + 2;
}
const text = paragraphs.join('\n\n');
const chars = [...text];
const id = 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 32);

function annotation(i, start, end) {
  const exact = chars.slice(start, end).join('');
  const base = {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    target: {
      source: id,
      position: { start, end },
      quote: { exact, prefix: chars.slice(Math.max(0, start - 32), start).join(''), suffix: chars.slice(end, end + 32).join('') },
    },
    tags: i % 7 === 0 ? ['economy'] : [],
    created: 1496620800000 + i,
    modified: 1496620800000 + i,
  };
  return i % 3 === 0
    ? { ...base, kind: 'claim', claimType: 'statistic', status: i % 2 ? 'unverified' : 'needs-source', evidence: [] }
    : { ...base, kind: 'quote', speaker: SPEAKERS[i % SPEAKERS.length], cue: 'said', form: 'direct' };
}
// Overlapping and nested spans of 20–400 characters spread over the whole text.
const annotations = Array.from({ length: ANNOTATIONS }, (_, i) => {
  const start = rand(chars.length - 500);
  return annotation(i, start, start + 20 + rand(380));
});
// Storage seeds, written by the app itself: version 2 records (one key per annotation, the layout
// Quotemark used before) that a first load migrates into version 3 (one set per document, see
// crates/store/src/lib.rs); every run then starts from what that load wrote.
const hex = id.slice(7);
const v2Records = [
  [`quotemark.v2.doc.${hex}`, JSON.stringify({ version: 2, document: { id, title: `Synthetic ${KB} KB article`, text }, opened: 0 })],
  ['quotemark.v2.current', JSON.stringify(id)],
  ...annotations.map((a) => {
    const { target, ...rest } = a;
    const { start, end } = target.position;
    const record = { ...rest, s: start, e: end, p: [...target.quote.prefix].length, x: [...target.quote.suffix].length };
    return [`quotemark.v2.a.${hex}.${a.id}`, JSON.stringify(record)];
  }),
];

// A 1 MB article (from the same generator) stored with no annotations, for its first paint.
const BIG_KB = arg('big-kb', 1024);
const bigParagraphs = [];
for (let size = 0; size < BIG_KB * 1024; ) {
  const p = Array.from({ length: 3 + rand(4) }, sentence).join(' ');
  bigParagraphs.push(p);
  size += Buffer.byteLength(p) + 2;
}
const bigText = bigParagraphs.join('\n\n');
const bigId = 'sha256:' + createHash('sha256').update(bigText).digest('hex').slice(0, 32);
const bigRecords = [
  [`quotemark.v3.doc.${bigId.slice(7)}`, JSON.stringify({ version: 3, document: { id: bigId, title: `Synthetic ${BIG_KB} KB article`, text: bigText }, opened: 0 })],
  ['quotemark.v3.current', JSON.stringify(bigId)],
];

// A Quotemark export (W3C AnnotationCollection, format version 2) of the same annotations with the
// text embedded, for the import benchmark: with a 480-character note on each (6.8 MB), and without
// (the document of the load benchmark, to time writing it whole).
const exportOf = (note) => JSON.stringify({
  '@context': ['http://www.w3.org/ns/anno.jsonld', { qm: 'https://quotemark.example/ns#' }],
  type: 'AnnotationCollection',
  'qm:formatVersion': 2,
  'qm:document': { id, type: 'Text', 'qm:title': `Synthetic ${KB} KB article`, 'qm:text': text },
  first: {
    type: 'AnnotationPage',
    items: annotations.map((a) => ({
      id: a.id,
      type: 'Annotation',
      created: new Date(a.created).toISOString(),
      modified: new Date(a.modified).toISOString(),
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: a.kind, 'qm:kind': a.kind },
        a.kind === 'quote'
          ? { type: 'TextualBody', purpose: 'describing', value: a.speaker, 'qm:speaker': a.speaker, 'qm:cue': a.cue, 'qm:form': a.form }
          : { type: 'TextualBody', purpose: 'assessing', value: a.status, 'qm:claimType': a.claimType, 'qm:status': a.status },
        ...(note ? [{ type: 'TextualBody', purpose: 'commenting', value: note }] : []),
        ...a.tags.map((t) => ({ type: 'TextualBody', purpose: 'tagging', value: t })),
      ],
      target: {
        source: id,
        selector: [
          { type: 'TextQuoteSelector', ...a.target.quote },
          { type: 'TextPositionSelector', ...a.target.position },
        ],
      },
    })),
  },
});
const NOTE = 'A note of moderate length about this passage, for realism. ';
const exportFile = exportOf(NOTE.repeat(8));
const exportWithoutNotes = exportOf(null);
// And one of exactly the 5 MB (5 × 2^20 bytes, give or take a few): notes as long as fit.
const noteFor5MB = (5 * 1048576 - Buffer.byteLength(exportWithoutNotes)) / annotations.length - 57;
const export5MB = exportOf(NOTE.repeat(20).slice(0, Math.floor(noteFor5MB)));

/** Replaces local storage with `records` ([key, value] pairs). */
const seedStorage = (page, records) =>
  page.evaluate((records) => {
    localStorage.clear();
    for (const [k, v] of records) localStorage.setItem(k, v);
  }, records);

const fmt = (x) => `${x.toFixed(1)} ms`;

// --dist DIR: another build (an older commit's, for a side-by-side run).
const distAt = process.argv.indexOf('--dist');
const server = await serveDist(distAt > 0 ? resolve(process.argv[distAt + 1]) : undefined);
const browser = await launchBrowser();
const results = {};
const record = (name, value) => (results[name] ??= []).push(value);
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await seedStorage(page, v2Records);
  await page.reload();
  await page.getByTestId('annotation-card').first().waitFor();
  await page.waitForTimeout(500);
  const records = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.')).map((k) => [k, localStorage.getItem(k)]),
  );
  const setBytes = records.find(([k]) => k.startsWith('quotemark.v3.set.'))?.[1].length ?? 0;
  if (!setBytes || records.some(([k]) => k.startsWith('quotemark.v3.a.'))) throw new Error('the migration did not write one set');
  results.setKB = setBytes / 1024;
  for (let run = 0; run < RUNS; run++) {
    await seedStorage(page, records);
    await page.reload();
    await page.getByTestId('annotation-card').first().waitFor();
    await page.evaluate(() => performance.clearMeasures());
    const load = await page.evaluate(() => {
      const mark = (n) => performance.getEntriesByName(n)[0]?.startTime;
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      return {
        mounted: mark('quotemark:mounted'),
        load: mark('quotemark:loaded') - mark('quotemark:mount-start'),
        loadDocument: mark('quotemark:load-document') - mark('quotemark:mount-start'),
        readSet: mark('quotemark:load-set-read') - mark('quotemark:load-document'),
        decodeSet: mark('quotemark:load-set-decoded') - mark('quotemark:load-set-read'),
        collect: mark('quotemark:loaded') - mark('quotemark:load-set-decoded'),
        render: mark('quotemark:mounted') - mark('quotemark:mount-start'),
        state: mark('quotemark:state-ready') - mark('quotemark:loaded'),
        view: mark('quotemark:mounted') - mark('quotemark:state-ready'),
        fcp: fcp?.startTime,
        highlights: document.querySelectorAll('[data-testid="highlight"]').length,
      };
    });
    record('first paint with all highlights (FCP, from navigation)', load.fcp);
    record('  of which: mount and render the app', load.render);
    record('    load 5,000 saved annotations from local storage', load.load);
    record('      start, migration check, read and check the document', load.loadDocument);
    record('      read the set', load.readSet);
    record('      decode the set', load.decodeSet);
    record("      change records, the app's set and state", load.collect);
    record('    anchor and segment', load.state);
    record('    build the view', load.view);
    results.highlights = load.highlights;

    // Create one annotation: select, Q, save; time the save until its highlight and card exist.
    await selectAndPressQ(page, 3 + run);
    const create = await page.evaluate(async () => {
      const cardsBefore = document.querySelectorAll('[data-testid="annotation-card"]').length;
      const save = document.querySelector('[data-testid="editor"] button[type=submit]');
      return await new Promise((resolve) => {
        const t0 = performance.now();
        let dom;
        const observer = new MutationObserver(() => {
          const keys = new Set([...document.querySelectorAll('[data-testid="annotation-card"]')].map((c) => c.dataset.k));
          const newest = [...document.querySelectorAll('.hl')].some((h) => h.dataset.k.split(' ').some((k) => Number(k) >= 5000));
          if (!document.querySelector('[data-testid="editor"]') && newest && keys.size >= Math.min(cardsBefore, 100)) {
            dom = performance.now() - t0;
            observer.disconnect();
            requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        save.click();
      });
    });
    record('create one annotation (DOM)', create.dom);
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:save').length > 0);
    record('save after one change (one record written)', await page.evaluate(() => performance.getEntriesByName('quotemark:save').at(-1).duration));
    record('create one annotation (next frame)', create.frame);

    // Undo it: Ctrl+Z until the highlight is gone.
    const undo = await page.evaluate(async () => {
      return await new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          const stillThere = [...document.querySelectorAll('.hl')].some((h) => h.dataset.k.split(' ').some((k) => Number(k) >= 5000));
          if (!stillThere) {
            const dom = performance.now() - t0;
            observer.disconnect();
            requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
      });
    });
    record('undo (DOM)', undo.dom);
    record('undo (next frame)', undo.frame);

    // Filter the panel: a search that matches a subset, timed until the card list changes.
    const filter = await page.evaluate(async () => {
      const input = document.querySelector('input[type=search]');
      const list = document.querySelector('.cards');
      return await new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          const dom = performance.now() - t0;
          observer.disconnect();
          requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
        });
        observer.observe(list, { childList: true, subtree: true });
        input.value = 'economy';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    });
    record('filter the panel (DOM)', filter.dom);
    record('filter the panel (next frame)', filter.frame);
  }
  // Suggestions for the whole 200 KB article, worked out in the page.
  for (let run = 0; run < 5; run++) {
    await page.reload();
    await page.getByTestId('annotation-card').first().waitFor();
    await page.evaluate(() => performance.clearMeasures());
    await page.getByRole('button', { name: 'Suggest quotes and claims' }).click();
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:suggest').length > 0);
    record('suggest quotes and claims for the whole article', await page.evaluate(() => performance.getEntriesByName('quotemark:suggest')[0].duration));
  }
  // A compaction as it happens in use: the load benchmark's document with 64 change records laid
  // over its set (annotations made one by one), and one more change, after which the app folds
  // them all into the set and writes all 5,064 annotations at once.
  {
    await seedStorage(page, records);
    await page.reload();
    await page.getByTestId('annotation-card').first().waitFor();
    const paragraphs = await page.evaluate(() => document.querySelectorAll('[data-testid="paragraph"]').length);
    const annotateOne = async (i) => {
      await page.evaluate(() => performance.clearMeasures());
      await selectAndPressQ(page, i % paragraphs, 8 + (i % 5));
      return page.evaluate(async () => {
        document.querySelector('[data-testid="editor"] button[type=submit]').click();
        for (let t = 0; t < 400 && !performance.getEntriesByName('quotemark:save').length; t++) await new Promise((r) => setTimeout(r, 10));
        return performance.getEntriesByName('quotemark:save').at(-1)?.duration;
      });
    };
    for (let i = 0; i < 64; i++) await annotateOne(i);
    const changed = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.')).map((k) => [k, localStorage.getItem(k)]),
    );
    if (changed.filter(([k]) => k.startsWith('quotemark.v3.a.')).length !== 64) throw new Error('expected 64 change records');
    for (let run = 0; run < Math.max(3, Math.floor(RUNS / 3)); run++) {
      await seedStorage(page, changed);
      await page.reload();
      await page.getByTestId('annotation-card').first().waitFor();
      const save = await annotateOne(64 + run);
      // The save is done once the set is written; the folded records go in the next idle moment.
      await page.waitForFunction(() => performance.getEntriesByName('quotemark:tidy').length > 0);
      const tidy = await page.evaluate(() => performance.getEntriesByName('quotemark:tidy').at(-1).duration);
      const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('quotemark.v3.a.')).length);
      if (left !== 0) throw new Error(`the 65th change did not compact (${left} change records left)`);
      record('save all 5,065 after the 65th change (a compaction, as in use)', save);
      record('  then, when idle, remove the 64 change records it folded in', tidy);
    }
  }
  // Import the 6.8 MB export into an empty document, then save all of it; the same for the load
  // benchmark's document (no notes), whose whole set is written as a compaction writes it; and
  // import the 5 MB export.
  for (let run = 0; run < Math.max(3, Math.floor(RUNS / 3)); run++) {
    for (const [file, saveName] of [
      [exportFile, 'save all 5,000 after the import (a set of 2.9 M characters)'],
      [exportWithoutNotes, "save all 5,000 after importing the load benchmark's document"],
      [export5MB, null],
    ]) {
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.getByTestId('article-title').waitFor();
      await page.evaluate(() => performance.clearMeasures());
      await page.getByTestId('import-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(file) });
      await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => performance.getEntriesByName('quotemark:save').length > 0, null, { timeout: 60_000 });
      const m = await page.evaluate(() => ({
        import: performance.getEntriesByName('quotemark:import')[0].duration,
        save: performance.getEntriesByName('quotemark:save').at(-1).duration,
        setChars: Object.entries(localStorage).find(([k]) => k.startsWith('quotemark.v3.set.'))?.[1].length ?? 0,
      }));
      if (file !== exportWithoutNotes) {
        record(`import a ${(Buffer.byteLength(file) / 1048576).toFixed(1)} MB export (parse, validate, merge; before rendering)`, m.import);
      }
      if (saveName) record(saveName.replace('2.9 M', `${(m.setChars / 1e6).toFixed(1)} M`), m.save);
    }
  }
  // A 1 MB article with no annotations yet: its first paint, and annotating its last paragraph.
  for (let run = 0; run < Math.max(3, Math.floor(RUNS / 3)); run++) {
    await seedStorage(page, bigRecords);
    await page.reload();
    await page.getByTestId('article-title').waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('quotemark:mounted').length > 0);
    const first = await page.evaluate(() => ({
      fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime,
      render: performance.getEntriesByName('quotemark:mounted')[0].startTime - performance.getEntriesByName('quotemark:mount-start')[0].startTime,
    }));
    record(`first paint of a ${BIG_KB} KB article (FCP, from navigation)`, first.fcp);
    record(`  of which: mount and render the app (${BIG_KB} KB)`, first.render);
    const annotate = await page.evaluate(async () => {
      const ps = document.querySelectorAll('[data-testid="paragraph"]');
      const p = ps[ps.length - 1];
      p.scrollIntoView();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      const node = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode();
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, Math.min(node.length, 30));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      const body = document.querySelector('[data-testid="article-body"]');
      body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'q', bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
      const save = document.querySelector('[data-testid="editor"] button[type=submit]');
      return await new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="annotation-card"]') && document.querySelector('.hl')) {
            observer.disconnect();
            const dom = performance.now() - t0;
            requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        save.click();
      });
    });
    record(`annotate the last paragraph of the ${BIG_KB} KB article (DOM)`, annotate.dom);
    record(`annotate the last paragraph of the ${BIG_KB} KB article (next frame)`, annotate.frame);
  }
  await page.close();
} finally {
  await browser.close();
  await server.close();
}

console.log(`Page benchmark: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB article, ${paragraphs.length} paragraphs, ` +
  `${ANNOTATIONS} overlapping annotations (${results.highlights} highlight spans; stored set ${results.setKB.toFixed(0)} K characters), ${RUNS} runs, medians:`);
for (const [name, values] of Object.entries(results)) {
  if (Array.isArray(values)) console.log(`  ${name.padEnd(58)} ${fmt(median(values)).padStart(10)}`);
}
