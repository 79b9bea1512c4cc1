// Every string from an article, an import or a link is shown as text, never run; links are
// http/https only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { serveDist, launchBrowser, Annotator, importFile, storageSnapshot } from './support.mjs';

const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"><circle r="1"/></svg>',
  'javascript:window.__pwned = "js-url"',
  'data:text/html,<script>window.__pwned = "data-url"</script>',
  '</style><style>body { display: none !important }</style>',
  '"><iframe src="javascript:alert(1)"></iframe>',
  '__proto__',
  'constructor',
  'Bidi ‮evil‬ and ⁦isolate⁩ marks',
  'Control \u0007 bell and \u001b escape',
  '{{7*7}} ${7*7} <%= 7*7 %>',
];
const LONG = 'A'.repeat(50_000);

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

/** A Quotemark version 2 file for an article made of the payloads, with annotations full of them. */
function maliciousFile() {
  const paragraphs = PAYLOADS.map((p, i) => `Paragraph ${i}: ${p.replace(/\s+/g, ' ')} ends here.`);
  const text = [...paragraphs, LONG].join('\n\n');
  const id = 'sha256:' + createHash('sha256').update(text).digest('hex').slice(0, 32);
  const items = PAYLOADS.map((p, i) => {
    const exact = paragraphs[i];
    // Code-point offset of paragraph i: the paragraphs before it and their blank-line separators.
    const start = paragraphs.slice(0, i).reduce((n, q) => n + [...q].length + 2, 0);
    return {
      id: `payload-${i}`,
      type: 'Annotation',
      created: '2017-06-05T00:00:00.000Z',
      modified: '2017-06-05T00:00:00.000Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'quote', 'qm:kind': 'quote' },
        { type: 'TextualBody', purpose: 'describing', value: p, 'qm:speaker': p, 'qm:cue': p, 'qm:form': 'direct' },
        { type: 'TextualBody', purpose: 'commenting', value: `${p} ${LONG.slice(0, 2000)}` },
        { type: 'TextualBody', purpose: 'tagging', value: p },
      ],
      target: {
        source: id,
        selector: [
          { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
          { type: 'TextPositionSelector', start, end: start + [...exact].length },
        ],
      },
    };
  });
  return {
    text,
    file: JSON.stringify({
      '@context': ['http://www.w3.org/ns/anno.jsonld', { qm: 'https://quotemark.example/ns#' }],
      type: 'AnnotationCollection',
      'qm:formatVersion': 2,
      'qm:document': { id, type: 'Text', 'qm:title': PAYLOADS[0], 'qm:text': text },
      first: { type: 'AnnotationPage', items },
    }),
  };
}

async function guardedPage() {
  const page = await browser.context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const app = new Annotator(page);
  await app.open(server.url);
  await page.evaluate(() => localStorage.clear());
  await app.open(server.url);
  return { app, page, dialogs };
}

async function assertInert(page, dialogs) {
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload ran');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.ok(await page.getByTestId('article-title').isVisible(), 'no CSS payload hid the page');
  assert.equal(await page.locator('body script:not([type]), iframe, svg circle').count() <= 1, true);
  assert.equal(await page.locator('body img, body iframe, [data-testid="article-body"] svg').count(), 0);
}

test('payloads in an imported article, speakers, cues, notes and tags appear literally and never run', async () => {
  const { app, page, dialogs } = await guardedPage();
  const { text, file } = maliciousFile();
  await importFile(page, 'malicious.json', file);
  await page.getByTestId('import-preview').waitFor();
  await page.getByRole('button', { name: 'Apply' }).click();
  await assertInert(page, dialogs);

  assert.equal(await app.title.textContent(), PAYLOADS[0]);
  const shown = await app.paragraphs.allTextContents();
  assert.deepEqual(shown, text.split('\n\n'), 'every paragraph reads exactly as the text');
  assert.equal(await app.cards.count(), PAYLOADS.length);
  const cardText = (await app.cards.allTextContents()).join('\n');
  for (const p of PAYLOADS.slice(0, 9)) assert.ok(cardText.includes(p.replace(/\s+/g, ' ').slice(0, 20)) || cardText.includes(p), `card shows ${p}`);

  // Open each annotation: the editor shows the payload as field values.
  await app.cards.first().click();
  assert.equal(await app.editor.getByLabel('Speaker').inputValue(), PAYLOADS[0]);
  await assertInert(page, dialogs);
  await page.close();
});

test('an evidence link that is not http(s) is refused on import and in the editor', async () => {
  const { app, page, dialogs } = await guardedPage();
  const snapshot = await storageSnapshot(page);
  const claim = {
    type: 'Annotation',
    id: 'claim-1',
    body: [
      { type: 'TextualBody', purpose: 'tagging', value: 'claim', 'qm:kind': 'claim' },
      { type: 'SpecificResource', purpose: 'linking', source: 'javascript:window.__pwned = "link"' },
    ],
    target: { source: 'x', selector: { type: 'TextQuoteSelector', exact: 'almost 400,000 accounts' } },
  };
  for (const bad of ['javascript:window.__pwned = "link"', 'data:text/html,<script>window.__pwned=1</script>']) {
    claim.body[1].source = bad;
    await importFile(page, 'claim.json', JSON.stringify(claim));
    const error = await page.getByTestId('import-error').textContent();
    assert.match(error, /http or https/);
    await page.getByRole('button', { name: 'Close' }).click();
  }
  assert.deepEqual(await storageSnapshot(page), snapshot);
  await assertInert(page, dialogs);
  assert.equal(await app.cards.count(), 0);
  await page.close();
});

test('payloads in a share link are shown as text and never run', async () => {
  const { app, page, dialogs } = await guardedPage();
  const { file } = maliciousFile();
  // Build the link the way the app does: raw DEFLATE then base64url.
  const { deflateRawSync } = await import('node:zlib');
  const payload = deflateRawSync(Buffer.from(file)).toString('base64url');
  await page.goto(`${server.url}#share=${payload}`);
  await page.getByTestId('import-preview').waitFor();
  await page.getByRole('button', { name: 'Apply' }).click();
  await assertInert(page, dialogs);
  assert.equal(await app.title.textContent(), PAYLOADS[0]);
  assert.equal(await app.cards.count(), PAYLOADS.length);
  await page.close();
});
