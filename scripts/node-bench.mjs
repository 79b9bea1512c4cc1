// Node benchmark: Quotemark's matcher and batch re-anchoring (quotemark-core built to wasm, see
// crates/bench-node) side by side with the approx-string-match package (what the Hypothesis client
// uses), on the same deterministic English-like text. Run with `./dev bench node`, which builds
// the wasm module (profile bench-node: release with opt-level 3) and its bindings into
// target/bench-node first; this script expects them there.
//
//   node scripts/node-bench.mjs [--runs 15] [--warmup 3] [--kb 100] [--patterns 20] [--annotations 1000]
//                               [--bindings target/bench-node]
//
// (a) Matcher. For each case both sides answer what approx-string-match's search(text, pattern, k)
//     answers: the least error count e ≤ k, every end with e errors, and a start for each. Ours is
//     `search` in crates/bench-node (Pattern::match_ends, then Pattern::best_start per end). Both
//     must agree on e for every case; the ends are compared as well.
// (b) Re-anchoring. ~1,000 stored targets in a ~100 KB text, re-anchored after ~10% of the quotes
//     were edited and paragraphs inserted elsewhere: ours is AnchorText::anchor_all; theirs is the
//     Hypothesis strategy written with the package (exact indexOf first, nearest the old position;
//     else search(text, quote, min(256, ⌊len/2⌋)) over the whole text, fewest errors, then nearest).
//
// Times are medians over the runs of the total for each group; every run alternates which side
// goes first. The text has only Basic Multilingual Plane characters, so the package's UTF-16
// offsets and the core's code-point offsets are the same numbers.
import { createRequire } from 'node:module';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import approxSearch from 'approx-string-match';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
};
const RUNS = Number(argValue('runs', 15));
const WARMUP = Number(argValue('warmup', 3));
const KB = Number(argValue('kb', 100));
const PATTERNS = Number(argValue('patterns', 20));
const ANNOTATIONS = Number(argValue('annotations', 1000));
const BINDINGS = resolve(ROOT, argValue('bindings', 'target/bench-node'));

const modulePath = join(BINDINGS, 'quotemark_bench_node.js');
if (!existsSync(modulePath)) {
  console.error(`${modulePath} is missing: run ./dev bench node (it builds the wasm module first).`);
  process.exit(2);
}
// wasm-bindgen's nodejs target writes CommonJS, but the repository's package.json says
// "type": "module"; a package.json next to the bindings restores CommonJS for that directory.
const marker = join(BINDINGS, 'package.json');
if (!existsSync(marker)) writeFileSync(marker, '{ "type": "commonjs" }\n');
const ours = createRequire(import.meta.url)(modulePath);

// ---- Deterministic data -------------------------------------------------------------------------

/** A seeded 32-bit linear congruential generator (Numerical Recipes constants). */
function lcg(seed) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const below = (n) => Math.floor((next() / 4294967296) * n);
  return { below, pick: (xs) => xs[below(xs.length)] };
}

// Frequency-ordered English words; squaring a uniform index skews towards the front (Zipf-like).
const WORDS = (
  'the of and to a in that is was he for it with as his on be at by had not are but from or have an they ' +
  'which one you were her all she there would their we him been has when who will more no if out so said what ' +
  'up its about into than them can only other new some could time these two may then do first any my now such ' +
  'like our over man me even most made after also did many before must through back years where much your way ' +
  'well down should because each just those people how too little state good very make world still own see men ' +
  'work long get here between both life being under never day same another know while last might us great old ' +
  'year off come since against go came right used take three government minister police internet terrorism ' +
  'security companies report spokesman campaign election council policy evidence statement week country public ' +
  'households costs winter figures office critics plan schools hospitals budget energy prices families support ' +
  'officials investigation attack court judge party leader vote parliament economy growth inflation workers'
).split(' ');
const NAMES = ['Theresa May', 'Amber Rudd', 'Peter Neumann', 'Jim Killock', 'Sadiq Khan', 'the prime minister',
  'a Home Office spokeswoman', 'Dr Ana Pereira', 'the chief constable', 'José Álvarez'];
const NUMBERS = ['3.4 per cent', '£2.1bn', '2017', '48', 'one in five', '£350m', '12,000', 'nearly half'];

function prose(rng, chars) {
  const word = () => {
    const r = rng.below(WORDS.length);
    return WORDS[Math.floor((r * r) / WORDS.length)];
  };
  const clause = (n) => {
    const ws = [];
    for (let i = 0; i < n; i++) {
      let w = rng.below(40) === 0 ? rng.pick(NUMBERS) : word();
      if (rng.below(30) === 0) w += '’s';
      ws.push(w);
      if (i + 1 < n && rng.below(12) === 0) ws[ws.length - 1] += ',';
    }
    if (n > 8 && rng.below(8) === 0) ws.splice(3 + rng.below(n - 6), 0, '—');
    return ws.join(' ');
  };
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const sentence = () => {
    const n = 6 + rng.below(18);
    switch (rng.below(6)) {
      case 0: return `“${cap(clause(n))},” ${rng.pick(NAMES)} said.`;
      case 1: return `${cap(rng.pick(NAMES))} said: “${cap(clause(n))}.”`;
      default: return `${cap(clause(n))}.`;
    }
  };
  const paragraph = () => Array.from({ length: 2 + rng.below(5) }, sentence).join(' ');
  const paragraphs = [];
  let size = 0;
  while (size < chars) {
    const p = paragraph();
    paragraphs.push(p);
    size += p.length + 2;
  }
  return { text: paragraphs.join('\n\n'), paragraph };
}

const { text, paragraph } = prose(lcg(42), KB * 1000);
if ([...text].length !== text.length) throw new Error('the text must stay in the Basic Multilingual Plane');
const N = text.length;

// ---- (a) Matcher cases --------------------------------------------------------------------------

const BANDS = [[20, 49], [50, 149], [150, 300]];
const BUDGETS = [
  { name: 'k = max(1, ⌊m/4⌋)', k: (m) => Math.max(1, Math.floor(m / 4)) },
  { name: 'k = min(256, ⌊m/2⌋)', k: (m) => Math.min(256, Math.floor(m / 2)) },
];
const EDIT_CHARS = 'abcdefghijklmnopqrstuvwxyz ,';

/** `s` with `e` random single-character edits (substitution, insertion or deletion). */
function mutate(rng, s, e) {
  const cs = [...s];
  for (let i = 0; i < e; i++) {
    const at = rng.below(cs.length);
    const c = rng.pick(EDIT_CHARS);
    switch (rng.below(3)) {
      case 0: cs[at] = c; break;
      case 1: cs.splice(at, 0, c); break;
      default: if (cs.length > 1) cs.splice(at, 1); else cs[at] = c;
    }
  }
  return cs.join('');
}

const caseRng = lcg(7);
const groups = [];
for (const budget of BUDGETS) {
  for (const [lo, hi] of BANDS) {
    const cases = [];
    for (let i = 0; i < PATTERNS; i++) {
      const m = lo + caseRng.below(hi - lo + 1);
      const start = caseRng.below(N - m);
      const k = budget.k(m);
      const edits = caseRng.below(k + 1);
      const pattern = mutate(caseRng, text.slice(start, start + m), edits);
      cases.push({ pattern, k, edits });
    }
    groups.push({ budget: budget.name, band: `${lo}–${hi}`, cases });
  }
}

// ---- (b) Stored targets and the edited text ------------------------------------------------------

const CONTEXT = 32;
const annRng = lcg(2024);
const paraBreaks = [];
for (let i = text.indexOf('\n\n'); i !== -1; i = text.indexOf('\n\n', i + 1)) paraBreaks.push(i);
const paragraphEnd = (p) => {
  const i = text.indexOf('\n\n', p);
  return i === -1 ? N : i;
};

const targets = [];
while (targets.length < ANNOTATIONS) {
  // A selection inside one paragraph, from a word start, 20–300 code points, shorter ones likelier.
  let start = annRng.below(N - 20);
  while (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n') start++;
  const want = 20 + Math.floor(280 * (annRng.below(1000) / 1000) ** 2);
  let end = Math.min(start + want, paragraphEnd(start));
  while (end < N && /[\p{L}\p{N}’]/u.test(text[end]) && end < paragraphEnd(start)) end++;
  if (end - start < 20) continue;
  targets.push({
    source: 'doc',
    position: { start, end },
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
  });
}

// Edits on original offsets, non-overlapping: `at`, `del` code points removed, `ins` inserted.
const edits = [];
const overlaps = (a, b) => edits.some((e) => a < e.at + e.del + 1 && e.at - 1 < b);
// A tenth of the targets (drawn at random) get an edit inside their quote.
for (let made = 0, attempts = 0; made < Math.round(ANNOTATIONS / 10) && attempts < 100 * ANNOTATIONS; attempts++) {
  const { start, end } = targets[annRng.below(targets.length)].position;
  for (let tries = 0; tries < 20; tries++) {
    // A word in the middle half of the quote: a typo fixed, or the word replaced.
    let at = start + Math.floor((end - start) / 4) + annRng.below(Math.max(1, Math.floor((end - start) / 2)));
    while (at > start && text[at - 1] !== ' ') at--;
    let wordEnd = at;
    while (wordEnd < end && text[wordEnd] !== ' ') wordEnd++;
    if (wordEnd - at < 2 || overlaps(at, wordEnd)) continue;
    const old = text.slice(at, wordEnd);
    const typo = annRng.below(2) === 0;
    const ins = typo ? mutate(annRng, old, 1 + annRng.below(2)) : WORDS[annRng.below(WORDS.length)];
    if (ins === old) continue;
    edits.push({ at, del: wordEnd - at, ins, kind: typo ? 'typo' : 'word' });
    made++;
    break;
  }
}
const quoteEdits = edits.length;
// New paragraphs between existing ones (each shifts everything after it).
const insRng = lcg(99);
for (let i = 0; i < 12; i++) {
  const at = paraBreaks[insRng.below(paraBreaks.length)];
  if (!overlaps(at, at)) edits.push({ at, del: 0, ins: `\n\n${paragraph()}`, kind: 'insert' });
}
edits.sort((a, b) => a.at - b.at || a.del - b.del);

let edited = '';
let cursor = 0;
for (const e of edits) {
  edited += text.slice(cursor, e.at) + e.ins;
  cursor = e.at + e.del;
}
edited += text.slice(cursor);

/** Where original offset `p` went; an insertion exactly at `p` goes before it unless `isEnd`. */
function mapOffset(p, isEnd) {
  let shift = 0;
  for (const e of edits) {
    const before = e.at + e.del < p || (e.at + e.del === p && !(isEnd && e.del === 0 && e.at === p));
    if (before) shift += e.ins.length - e.del;
    else if (e.at < p && p < e.at + e.del) return e.at + shift + (isEnd ? e.ins.length : 0);
  }
  return p + shift;
}
const truth = targets.map((t) => ({ start: mapOffset(t.position.start, false), end: mapOffset(t.position.end, true) }));
const touched = targets.filter((t) => edits.some((e) => e.kind !== 'insert' && e.at < t.position.end && t.position.start < e.at + e.del)).length;
const targetsJson = JSON.stringify(targets);

/** The Hypothesis strategy, with approx-string-match. */
function hypothesisAnchor(haystack, target) {
  const quote = target.quote.exact;
  const old = target.position.start;
  let best = -1;
  for (let i = haystack.indexOf(quote); i !== -1; i = haystack.indexOf(quote, i + 1)) {
    if (best === -1 || Math.abs(i - old) < Math.abs(best - old)) best = i;
  }
  if (best !== -1) return { exact: true, start: best, end: best + quote.length };
  const matches = approxSearch(haystack, quote, Math.min(256, Math.floor(quote.length / 2)));
  let chosen = null;
  for (const m of matches) {
    if (!chosen || m.errors < chosen.errors || (m.errors === chosen.errors && Math.abs(m.start - old) < Math.abs(chosen.start - old))) chosen = m;
  }
  return chosen && { exact: false, start: chosen.start, end: chosen.end };
}
const theirsBatch = (haystack) => targets.map((t) => hypothesisAnchor(haystack, t));

// ---- Timing helpers ------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const time = (f) => {
  const t0 = performance.now();
  const r = f();
  return [performance.now() - t0, r];
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (theirs, oursMs) => `${(theirs / oursMs).toFixed(1)}×`;
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const sink = [];

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load average ${load()}`);
console.log(`text: ${N} code points (${Buffer.byteLength(text)} bytes UTF-8), ${paraBreaks.length + 1} paragraphs; ` +
  `${RUNS} timed runs after ${WARMUP} warm-up runs, medians\n`);

// ---- (a) Verification, then timing ---------------------------------------------------------------

const prepared = new ours.Text(text);
const prepareMs = median(Array.from({ length: 21 }, () => {
  const [ms, t] = time(() => new ours.Text(text));
  t.free();
  return ms;
}));
let bestMismatches = 0;
let endMismatches = 0;
let startDifferences = 0;
let totalCases = 0;
for (const g of groups) {
  for (const c of g.cases) {
    totalCases++;
    const theirs = approxSearch(text, c.pattern, c.k);
    const mine = ours.search(prepared, c.pattern, c.k);
    const theirBest = theirs.length ? theirs[0].errors : -1;
    if (theirBest !== mine[0] || theirBest > c.edits) {
      bestMismatches++;
      console.log(`  MISMATCH best errors: theirs ${theirBest}, ours ${mine[0]}, m ${c.pattern.length}, k ${c.k}`);
    }
    const theirEnds = theirs.map((m) => m.end).join(',');
    const mineEnds = Array.from({ length: mine[1] }, (_, i) => mine[3 + 2 * i]).join(',');
    if (theirEnds !== mineEnds) endMismatches++;
    else theirs.forEach((m, i) => { if (m.start !== mine[2 + 2 * i]) startDifferences++; });
  }
}

const matcherTimes = groups.map(() => ({ theirs: [], ours: [], find: [] }));
for (let run = -WARMUP; run < RUNS; run++) {
  groups.forEach((g, gi) => {
    let [t, o, f] = [0, 0, 0];
    for (const c of g.cases) {
      const order = run & 1 ? ['o', 't'] : ['t', 'o'];
      for (const side of order) {
        if (side === 't') {
          const [ms, r] = time(() => approxSearch(text, c.pattern, c.k));
          t += ms;
          sink.push(r.length);
        } else {
          const [ms, r] = time(() => ours.search(prepared, c.pattern, c.k));
          o += ms;
          sink.push(r[0]);
        }
      }
      const [ms, r] = time(() => ours.find(prepared, c.pattern, c.k));
      f += ms;
      sink.push(r[1]);
    }
    if (run >= 0) {
      matcherTimes[gi].theirs.push(t);
      matcherTimes[gi].ours.push(o);
      matcherTimes[gi].find.push(f);
    }
  });
  sink.length = 0;
}

console.log(`(a) search(text, pattern, k) over the whole text: ${PATTERNS} patterns per row, each cut from the text ` +
  'and given 0–k random edits; total per row, ms');
const header = ['budget', 'lengths', 'approx-string-match', 'Quotemark (same answer)', 'ratio', 'Quotemark find (all local minima)'];
const rowsA = [];
const sums = {};
groups.forEach((g, gi) => {
  const m = matcherTimes[gi];
  rowsA.push([g.budget, g.band, fmt(median(m.theirs)), fmt(median(m.ours)), ratio(median(m.theirs), median(m.ours)), fmt(median(m.find))]);
  const s = (sums[g.budget] ??= { theirs: Array(RUNS).fill(0), ours: Array(RUNS).fill(0), find: Array(RUNS).fill(0) });
  for (let r = 0; r < RUNS; r++) {
    s.theirs[r] += m.theirs[r];
    s.ours[r] += m.ours[r];
    s.find[r] += m.find[r];
  }
});
const all = { theirs: Array(RUNS).fill(0), ours: Array(RUNS).fill(0) };
for (const [budget, s] of Object.entries(sums)) {
  rowsA.push([budget, 'all', fmt(median(s.theirs)), fmt(median(s.ours)), ratio(median(s.theirs), median(s.ours)), fmt(median(s.find))]);
  for (let r = 0; r < RUNS; r++) {
    all.theirs[r] += s.theirs[r];
    all.ours[r] += s.ours[r];
  }
}
rowsA.push(['both', 'all', fmt(median(all.theirs)), fmt(median(all.ours)), ratio(median(all.theirs), median(all.ours)), '']);
const table = (head, rows) => {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
};
table(header, rowsA);
console.log(`the core's side searches a Text prepared once (text copied into wasm and decoded to code points: ` +
  `${fmt(prepareMs)} ms, not in the totals); the pattern crosses into wasm in every call\n` +
  `agreement over ${totalCases} cases: best error count mismatches ${bestMismatches}; ` +
  `cases whose set of best ends differs ${endMismatches}; starts chosen differently ${startDifferences} ` +
  '(ties: the package takes the longest span, the core the length closest to the pattern’s)\n');

// ---- (b) Re-anchoring ----------------------------------------------------------------------------

const textHandle = new ours.Text(edited);
const targetsHandle = new ours.Targets(targetsJson);
const batchTimes = { theirs: [], e2e: [], prepared: [] };
let theirsResult = null;
let oursResult = null;
for (let run = -WARMUP; run < RUNS; run++) {
  const sides = ['theirs', 'e2e', 'prepared'];
  if (run & 1) sides.reverse();
  for (const side of sides) {
    if (side === 'theirs') {
      const [ms, r] = time(() => theirsBatch(edited));
      theirsResult = r;
      if (run >= 0) batchTimes.theirs.push(ms);
    } else if (side === 'e2e') {
      const [ms, r] = time(() => ours.anchor_batch(edited, targetsJson));
      oursResult = r;
      if (run >= 0) batchTimes.e2e.push(ms);
    } else {
      const [ms, r] = time(() => ours.anchor_prepared(textHandle, targetsHandle));
      sink.push(r[0]);
      if (run >= 0) batchTimes.prepared.push(ms);
    }
  }
}

const [ex, mv, fz, or] = oursResult;
const oursSpans = targets.map((_, i) => ({ start: oursResult[5 + 3 * i], end: oursResult[6 + 3 * i] }));
const theirsFound = theirsResult.filter(Boolean).length;
const theirsExact = theirsResult.filter((r) => r?.exact).length;
const placed = (spans) => {
  let same = 0;
  let overlapping = 0;
  let elsewhere = 0;
  spans.forEach((s, i) => {
    if (!s || s.start < 0) return;
    const t = truth[i];
    if (s.start === t.start && s.end === t.end) same++;
    else if (s.start < t.end && t.start < s.end) overlapping++;
    else elsewhere++;
  });
  return `${same} at the true span, ${overlapping} overlapping it, ${elsewhere} elsewhere`;
};

console.log(`(b) re-anchoring ${targets.length} targets (quotes ${Math.min(...targets.map((t) => t.quote.exact.length))}–` +
  `${Math.max(...targets.map((t) => t.quote.exact.length))} code points, ${CONTEXT} of context each side) in the edited text ` +
  `(${edited.length} code points): ${quoteEdits} quotes edited (a typo or a word replaced; ${touched} targets touched, ` +
  `counting overlaps), ${edits.length - quoteEdits} paragraphs inserted elsewhere, ms`);
const headB = ['side', 'median', 'ratio (approx-string-match ÷ side)', 'found'];
const mb = { theirs: median(batchTimes.theirs), e2e: median(batchTimes.e2e), prepared: median(batchTimes.prepared) };
const oursFound = `${ex} exact, ${mv} moved, ${fz} fuzzy, ${or} orphan`;
table(headB, [
  ['Hypothesis strategy with approx-string-match', fmt(mb.theirs), '1×',
    `${theirsFound} found (${theirsExact} by indexOf, ${theirsFound - theirsExact} by search), ${targets.length - theirsFound} not`],
  ['Quotemark anchor_all, from JS (text copied in, targets JSON parsed)', fmt(mb.e2e), ratio(mb.theirs, mb.e2e), oursFound],
  ['Quotemark anchor_all, text and targets already in wasm', fmt(mb.prepared), ratio(mb.theirs, mb.prepared), oursFound],
]);
console.log(`against the known edits: Quotemark ${placed(oursSpans)}; ` +
  `Hypothesis strategy ${placed(theirsResult)}`);
console.log(`\nload average at the end ${load()}`);
