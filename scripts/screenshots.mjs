// Takes screenshots of the release build in headless Chromium: desktop 1280×800 and phone 390×844,
// light and dark, into docs/screenshots/: the article as it opens, and annotated with an editor open;
// on the desktop also the menu, an import preview, suggestions, the open dialog, the library and the
// review after opening an edited version; on both the insights and their exports, and a
// colleague's layer compared with mine.
// Run with `./dev screenshots`.
import { mkdirSync, readFileSync } from 'node:fs';
import { serveDist, launchBrowser, Annotator, openArticleDialog } from '../tests/e2e/support.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** The sample article, edited: a word added early, a phrase reworded, a passage replaced. */
const edited = () =>
  readFileSync(new URL('../assets/sample-article.txt', import.meta.url), 'utf8')
    .replace('In the aftermath of the London attack,', 'In the aftermath of Saturday’s London attack,')
    .replace('fresh calls to crack down on the Internet and end-to-end crypto', 'renewed calls to crack down on the Internet and end-to-end encryption')
    .replace('technology companies like Facebook, Twitter and WhatsApp', 'firms such as Meta and X');

async function annotate(app) {
  await app.quote('“We need to work with allies democratic governments', 'Theresa May', 'said');
  await app.claim('fresh calls to crack down on the Internet and end-to-end crypto', 'Needs source');
  await app.quote('“Instead of posturing, politicians need to work with technology companies', 'Open Rights Group');
  await app.claim('technology companies like Facebook, Twitter and WhatsApp', 'Disputed');
  await app.select('“This could be a very risky approach”.');
  await app.page.keyboard.press('q');
  await app.editor.waitFor();
  await app.editor.getByLabel('Speaker').fill('Open Rights Group');
}

/** A colleague's layer for the sample (another tool's W3C JSON: text quote selectors only). */
const colleague = () => {
  const items = [
    ['quote', '“We need to work with allies democratic governments to reach worldwide agreements to regulate cyberspace to prevent the spread of extremist and terrorism planning”', 'Theresa May'],
    ['quote', '“This could be a very risky approach”', 'Jim Killock'],
    ['claim', 'calls to crack down on the Internet and end-to-end crypto', 'needs-source'],
    ['quote', '“We can not allow this ideology the safe space it needs to breed.Yet that is precisely what the internet, and the big companies provide”', 'Theresa May'],
  ];
  return JSON.stringify({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    first: {
      type: 'AnnotationPage',
      items: items.map(([kind, exact, label], i) => ({
        id: `urn:uuid:c0000000-0000-4000-8000-00000000000${i + 1}`,
        type: 'Annotation',
        body: kind === 'quote'
          ? [{ type: 'TextualBody', purpose: 'tagging', value: 'quote', 'qm:kind': 'quote' }, { type: 'TextualBody', purpose: 'describing', value: label, 'qm:speaker': label, 'qm:form': 'direct' }]
          : [{ type: 'TextualBody', purpose: 'tagging', value: 'claim', 'qm:kind': 'claim' }, { type: 'TextualBody', purpose: 'assessing', value: label, 'qm:claimType': 'causal', 'qm:status': label }],
        target: { selector: [{ type: 'TextQuoteSelector', exact }] },
      })),
    },
  });
};

const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const scheme of ['light', 'dark']) {
    for (const vp of VIEWPORTS) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme: scheme });
      const app = new Annotator(page);
      await app.open(server.url);
      await page.evaluate(() => localStorage.clear());
      await app.open(server.url);
      await page.screenshot({ path: `${OUT}${vp.name}-${scheme}.png` });
      await annotate(app);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}${vp.name}-${scheme}-annotated.png` });
      console.log(`  ${OUT}${vp.name}-${scheme}{,-annotated}.png`);
      // The insights: the people table with a role set, the charts, and (scrolled) the exports.
      await page.keyboard.press('Control+Enter');
      await app.editor.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Insights' }).click();
      const insights = page.getByTestId('insights-dialog');
      await insights.waitFor();
      await insights.getByLabel('Role of Theresa May').selectOption('official');
      await insights.getByLabel('Role of Open Rights Group').selectOption('campaigner');
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${OUT}${vp.name}-${scheme}-insights.png` });
      await insights.evaluate((d) => d.scrollTo(0, d.scrollHeight));
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${OUT}${vp.name}-${scheme}-insights-exports.png` });
      await insights.getByRole('button', { name: 'Close' }).click();
      console.log(`  ${OUT}${vp.name}-${scheme}-insights{,-exports}.png`);
      // A colleague's layer compared with mine, one difference settled.
      await page.getByTestId('compare-button').click();
      await page.getByTestId('compare-file').setInputFiles({ name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(colleague()) });
      await page.getByTestId('difference-counter').waitFor();
      await page.getByTestId('difference').first().getByRole('button', { name: 'Keep mine' }).click();
      await page.getByTestId('latest-decision').waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${OUT}${vp.name}-${scheme}-compare.png` });
      await page.getByTestId('compare-button').click();
      console.log(`  ${OUT}${vp.name}-${scheme}-compare.png`);
      if (vp.name === 'desktop') {
        // The Share & export menu, and an import preview.
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Share & export' }).click();
        await page.waitForTimeout(150);
        await page.screenshot({ path: `${OUT}desktop-${scheme}-menu.png` });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('menuitem', { name: 'Download JSON' }).click(),
        ]);
        const chunks = [];
        for await (const c of await download.createReadStream()) chunks.push(c);
        await page.evaluate(() => localStorage.clear());
        await page.reload();
        await page.getByTestId('article-title').waitFor();
        await page.getByTestId('import-file').setInputFiles({ name: 'annotations.json', mimeType: 'application/json', buffer: Buffer.concat(chunks) });
        await page.getByTestId('import-preview').waitFor();
        await page.screenshot({ path: `${OUT}desktop-${scheme}-import.png` });
        console.log(`  ${OUT}desktop-${scheme}-{menu,import}.png`);
        // Suggestions on the reference article, the open dialog and the library.
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.getByRole('button', { name: 'Suggest quotes and claims' }).click();
        await page.getByTestId('suggestion').first().waitFor();
        await page.waitForTimeout(200);
        await page.screenshot({ path: `${OUT}desktop-${scheme}-suggestions.png` });
        await page.getByRole('button', { name: 'Hide suggestions' }).click();
        await openArticleDialog(page);
        await page.getByTestId('article-paste').fill('Harbour reopens after storm\n\nThe harbour reopened on Monday after three days of repairs. “We worked through the night,” said harbour master Ellen Price.');
        await page.screenshot({ path: `${OUT}desktop-${scheme}-open.png` });
        await page.getByRole('button', { name: 'Open', exact: true }).click();
        await page.getByRole('button', { name: 'Library' }).click();
        await page.getByTestId('library-item').first().waitFor();
        await page.screenshot({ path: `${OUT}desktop-${scheme}-library.png` });
        console.log(`  ${OUT}desktop-${scheme}-{suggestions,open,library}.png`);
        // An edited version of the sample opened as a new version of it: the re-anchoring review.
        await page.getByTestId('library-dialog').getByRole('button', { name: 'Close' }).click();
        await openArticleDialog(page);
        await page.getByTestId('article-paste').fill(edited());
        await page.getByTestId('version-of').selectOption({ index: 1 });
        await page.getByRole('button', { name: 'Open', exact: true }).click();
        await page.getByTestId('reanchor-review').waitFor();
        const toast = page.getByTestId('toast').getByRole('button', { name: 'Dismiss' });
        if (await toast.count()) await toast.click();
        await page.waitForTimeout(200);
        await page.screenshot({ path: `${OUT}desktop-${scheme}-review.png` });
        console.log(`  ${OUT}desktop-${scheme}-review.png`);
      }
      if (vp.name === 'phone') {
        // The review after opening an edited version, on the phone (the sheet unfolds for it).
        await page.keyboard.press('Escape');
        await openArticleDialog(page);
        await page.getByTestId('article-paste').fill(edited());
        await page.getByTestId('version-of').selectOption({ index: 1 });
        await page.getByRole('button', { name: 'Open', exact: true }).click();
        await page.getByTestId('reanchor-review').waitFor();
        await page.waitForTimeout(400);
        await page.screenshot({ path: `${OUT}phone-${scheme}-review.png` });
        console.log(`  ${OUT}phone-${scheme}-review.png`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
