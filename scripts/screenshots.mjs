// Takes screenshots of the release build in headless Chromium: desktop 1280×800 and phone 390×844,
// light and dark, into docs/screenshots/. Run with `./dev screenshots`.
import { mkdirSync } from 'node:fs';
import { serveDist, launchBrowser } from '../tests/e2e/support.mjs';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

const server = await serveDist();
const browser = await launchBrowser();
try {
  for (const scheme of ['light', 'dark']) {
    for (const vp of VIEWPORTS) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url);
      await page.getByTestId('article-title').waitFor();
      const file = `${OUT}${vp.name}-${scheme}.png`;
      await page.screenshot({ path: file });
      console.log(`  ${file}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
