// Two coders, one article: my annotations (imported from coder A's file) compared with coder B's
// file for the seed article, with known differences → the expected figures; each kind of
// adjudication (take theirs, keep mine, edit, keep both) and its undo; a reload keeps it all; a
// file for another article is refused and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshPagePerTest, importFile } from './support.mjs';

let app;
freshPagePerTest((s) => ({ app } = s));

const Q1 = '“This could be a very risky approach”.';
const Q2 = '“We can not allow this ideology the safe space it needs to breed.Yet that is precisely what the internet, and the big companies provide”';
const Q3 = '“We need to work with allies democratic governments to reach worldwide agreements to regulate cyberspace to prevent the spread of extremist and terrorism planning”.';
const Q5 = '“Instead of posturing, politicians need to work with technology companies like Facebook, Twitter and WhatsApp';
const C1 = 'doing so through narrow-minded regulation would only push militants’ communications into the “darker corners of the web”';
// 103 of C1's 120 code points: an overlap of 86%.
const C1_SHORT = 'narrow-minded regulation would only push militants’ communications into the “darker corners of the web”';

/** A W3C Web Annotation file of another tool (quote selectors only, no Quotemark document). */
function layerFile(prefix, items) {
  return JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: items.map((it, i) => ({
        id: `urn:uuid:${prefix}0000000-0000-4000-8000-00000000000${i + 1}`,
        type: 'Annotation',
        created: '2017-06-05T10:00:00Z',
        modified: '2017-06-05T10:00:00Z',
        body:
          it.kind === 'quote'
            ? [
                { type: 'TextualBody', purpose: 'tagging', value: 'quote', 'qm:kind': 'quote' },
                { type: 'TextualBody', purpose: 'describing', value: it.speaker, 'qm:speaker': it.speaker, 'qm:form': 'direct' },
              ]
            : [
                { type: 'TextualBody', purpose: 'tagging', value: 'claim', 'qm:kind': 'claim' },
                { type: 'TextualBody', purpose: 'assessing', value: 'claim', 'qm:claimType': 'causal', 'qm:status': it.status },
              ],
        target: { source: 'https://example.org/london-attack', selector: [{ type: 'TextQuoteSelector', exact: it.text }] },
      })),
    },
  });
}

const CODER_A = layerFile('a', [
  { kind: 'quote', text: Q1, speaker: 'Theresa May' },
  { kind: 'quote', text: Q2, speaker: 'Theresa May' },
  { kind: 'claim', text: C1, status: 'unverified' },
  { kind: 'quote', text: Q3, speaker: 'Theresa May' },
]);
const CODER_B = layerFile('b', [
  { kind: 'quote', text: Q1, speaker: 'Theresa May' },
  { kind: 'quote', text: Q2, speaker: 'Peter Neumann' },
  { kind: 'claim', text: C1_SHORT, status: 'unverified' },
  { kind: 'quote', text: Q5, speaker: 'Open Rights Group' },
]);

const compare = () => app.page.getByTestId('compare');
const counter = () => app.page.getByTestId('difference-counter');
const difference = (kind) => app.page.getByTestId('difference').filter({ hasText: kind });

async function mineFromCoderA() {
  await importFile(app.page, 'coder-a.json', CODER_A);
  await app.page.getByRole('button', { name: 'Apply' }).click();
  await app.page.getByTestId('annotation-count').filter({ hasText: '4' }).waitFor();
  // Placed by their quotes alone, they are "moved": the re-anchoring review says so; close it.
  const done = app.page.getByRole('button', { name: 'Done' });
  if (await done.isVisible()) await done.click();
}

async function addLayer(name, contents) {
  await app.page.getByTestId('compare-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(contents) });
}

/** The agreement table as { measure: [values…] }. */
async function figures() {
  return app.page.getByTestId('agreement-table').evaluate((t) =>
    Object.fromEntries([...t.querySelectorAll('tbody tr')].map((r) => [r.querySelector('th').textContent, [...r.querySelectorAll('td')].map((d) => d.textContent)])),
  );
}

test('two coders: figures, every kind of adjudication, undo, and a reload keeps it', async () => {
  await mineFromCoderA();
  await app.page.getByTestId('compare-button').click();
  await compare().waitFor();
  await addLayer('coder-b.json', CODER_B);
  await app.page.getByTestId('compare-message').filter({ hasText: 'Added “coder-b”: 4 annotations, 0 exact, 4 moved' }).waitFor();
  const before = await app.page.getByTestId('annotation-count').textContent();
  assert.equal(before, '4', 'adding a layer changes nothing of mine');

  // 2 same spans of 4 and 4: F1 0.50; with the claim's 86% overlap, 3 of 4: 0.75. Kinds all
  // agree (κ 1 on 3 pairs); speakers agree on 1 of 2 with May on one side only (κ 0); one claim
  // pair has a single status (κ undefined).
  const f = await figures();
  assert.deepEqual(f['Span F1, exact'], ['0.50']);
  assert.deepEqual(f['Span F1, ≥ 80% overlap'], ['0.75']);
  assert.deepEqual(f['κ kind'], ['1.00 (3)']);
  assert.deepEqual(f['κ speaker'], ['0.00 (2)']);
  assert.deepEqual(f['κ claim status'], ['— (1)']);
  assert.match(f['α_U'][0], /^0\.\d\d$/);
  assert.match(await app.page.getByTestId('alpha-overall').textContent(), /α_U over all 2 layers: 0\.\d\d/);
  assert.equal(await counter().textContent(), '4 of 4 differences left to settle with “coder-b”');
  // Both layers are drawn in the text; theirs alone where only they tagged.
  assert.ok((await app.page.locator('.th').count()) >= 4);
  assert.match(await app.page.getByTestId('theirs').first().textContent(), /Instead of posturing/);

  // Take theirs: my quote now names their speaker.
  await difference('another speaker').getByRole('button', { name: 'Take theirs' }).click();
  await counter().filter({ hasText: '3 of 4' }).waitFor();
  await app.card('We can not allow').filter({ hasText: 'Peter Neumann' }).waitFor();
  // Undone from the difference: back to mine and open again.
  await difference('another speaker').getByRole('button', { name: 'Undo' }).click();
  await counter().filter({ hasText: '4 of 4' }).waitFor();
  await app.card('We can not allow').filter({ hasText: 'Theresa May' }).waitFor();
  await difference('another speaker').getByRole('button', { name: 'Take theirs' }).click();
  await counter().filter({ hasText: '3 of 4' }).waitFor();

  // Keep mine: nothing changes, the difference is settled.
  await difference('Only mine').getByRole('button', { name: 'Keep mine' }).click();
  await counter().filter({ hasText: '2 of 4' }).waitFor();
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '4');
  // The latest decision can be undone from the top of the list too.
  const latest = app.page.getByTestId('latest-decision');
  assert.equal(await latest.textContent(), 'Last settled: Only mine, Keep mine. Undo');
  await latest.getByRole('button', { name: 'Undo' }).click();
  await counter().filter({ hasText: '3 of 4' }).waitFor();
  assert.match(await latest.textContent(), /^Last settled: Same span, another speaker, Take theirs\./);
  await difference('Only mine').getByRole('button', { name: 'Keep mine' }).click();
  await counter().filter({ hasText: '2 of 4' }).waitFor();
  assert.equal(await difference('Only mine').getByRole('button', { name: 'Keep both' }).count(), 0, 'keep both is not offered for one side');

  // Edit theirs: a copy joins mine and opens in the editor.
  await difference('Only theirs').getByRole('button', { name: 'Edit' }).click();
  await app.editor.waitFor();
  await app.editor.getByLabel('Speaker').fill('Jim Killock');
  await app.page.keyboard.press('Control+Enter');
  await app.editor.waitFor({ state: 'detached' });
  await counter().filter({ hasText: '1 of 4' }).waitFor();
  await app.card('Instead of posturing').filter({ hasText: 'Jim Killock' }).waitFor();

  // Keep both: their shorter claim joins mine beside my longer one.
  await difference('Overlapping').getByRole('button', { name: 'Keep both' }).click();
  await counter().filter({ hasText: '0 of 4' }).waitFor();
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '6');

  // The panel's Undo takes back the last choice too: the difference opens again.
  await app.page.getByRole('button', { name: 'Undo', exact: true }).first().click();
  await counter().filter({ hasText: '1 of 4' }).waitFor();
  await app.page.getByRole('button', { name: 'Redo', exact: true }).click();
  await counter().filter({ hasText: '0 of 4' }).waitFor();

  // The reports.
  const [md] = await Promise.all([app.page.waitForEvent('download'), compare().getByRole('button', { name: 'Report (Markdown)' }).click()]);
  const report = Buffer.concat(await (async () => { const c = []; for await (const x of await md.createReadStream()) c.push(x); return c; })()).toString('utf8');
  assert.match(report, /- Layer 1: Mine \(6 annotations\)/);
  assert.match(report, /- Layer 2: coder-b \(4 annotations\)/);
  assert.match(report, /\(\d, \d settled\)/);

  const download = async (button) => {
    const [d] = await Promise.all([app.page.waitForEvent('download'), compare().getByRole('button', { name: button }).click()]);
    const chunks = [];
    for await (const c of await d.createReadStream()) chunks.push(c);
    return [d.suggestedFilename(), Buffer.concat(chunks).toString('utf8')];
  };
  const [csvName, csv] = await download('Figures (CSV)');
  assert.match(csvName, /-agreement\.csv$/);
  const rows = csv.trim().split(/\r?\n/);
  assert.equal(rows.length, 2, 'a header and one pair of layers');
  assert.match(rows[1], /^Mine,coder-b,/);
  const [jsonName, json] = await download('Adjudicated annotations (JSON)');
  assert.match(jsonName, /-adjudicated\.json$/);
  const items = JSON.parse(json).first.items;
  assert.equal(items.length, 6);
  assert.ok(items.some((a) => a.body.some((b) => b['qm:speaker'] === 'Jim Killock')), 'the edited copy of theirs is in my set');

  // A reload keeps the layer, the decisions and my adjudicated annotations.
  await app.reload();
  await app.title.waitFor();
  await app.page.getByTestId('compare-button').click();
  await counter().filter({ hasText: 'left to settle with “coder-b”' }).waitFor();
  assert.match(await counter().textContent(), /^0 of \d differences? left/);
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '6');
  assert.equal(await app.page.getByTestId('layer').count(), 1);
});

test('a file for another article is refused and nothing changes', async () => {
  await mineFromCoderA();
  await app.page.getByTestId('compare-button').click();
  await compare().waitFor();
  const other = layerFile('c', [
    { kind: 'quote', text: 'Words that are nowhere in this article at all, said nobody.', speaker: 'Nobody' },
    { kind: 'quote', text: Q1, speaker: 'Theresa May' },
    { kind: 'quote', text: 'Another sentence from some other story entirely.', speaker: 'Somebody' },
  ]);
  await addLayer('other.json', other);
  const message = app.page.getByTestId('compare-message').filter({ hasText: 'was not added' });
  await message.waitFor();
  assert.match(await message.textContent(), /“other” was not added\. Only 1 of this file’s 3 annotations are in the open article/);
  assert.equal(await app.page.getByTestId('layer').count(), 0);
  await addLayer('broken.json', '{ "not": json');
  await app.page.getByTestId('compare-message').filter({ hasText: '“broken” was not added.' }).waitFor();
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '4');
});

test('up to five layers: figures for every pair and over all; no sixth', async () => {
  await mineFromCoderA();
  await app.page.getByTestId('compare-button').click();
  await compare().waitFor();
  await addLayer('coder-b.json', CODER_B);
  await app.page.getByTestId('compare-message').filter({ hasText: 'Added “coder-b”' }).waitFor();
  await addLayer('coder-a-again.json', CODER_A);
  await app.page.getByTestId('compare-message').filter({ hasText: 'Added “coder-a-again”' }).waitFor();
  // Three layers: three pairs; mine and a copy of my own file agree completely.
  const heads = await app.page.getByTestId('agreement-table').locator('thead th').allTextContents();
  assert.deepEqual(heads.slice(1), ['Mine – coder-b', 'Mine – coder-a-again', 'coder-b – coder-a-again']);
  const f = await figures();
  assert.deepEqual(f['Span F1, exact'], ['0.50', '1.00', '0.50']);
  assert.deepEqual(f['α_U'].slice(1, 2), ['1.00']);
  assert.match(await app.page.getByTestId('alpha-overall').textContent(), /α_U over all 3 layers: 0\.\d\d/);
  for (const name of ['c3', 'c4', 'c5']) {
    await addLayer(`${name}.json`, CODER_B);
    await app.page.getByTestId('compare-message').filter({ hasText: `Added “${name}”` }).waitFor();
  }
  assert.equal(await app.page.getByTestId('layer').count(), 5);
  assert.equal(await app.page.getByTestId('agreement-table').locator('thead th').count(), 1 + 15, 'six layers: fifteen pairs');
  // The picker is disabled at five (the action refuses a sixth too, with a message).
  assert.equal(await app.page.getByTestId('compare-file').isDisabled(), true);
  assert.equal(await app.page.getByTestId('annotation-count').textContent(), '4', 'nothing of mine changed');
});
