// Draws the app icons in assets/pwa/ from icon.svg with headless Chromium: 192 and 512 px, and a
// 512 px maskable one (the mark inside the 80% safe zone on a full-bleed background). Run once
// after changing the SVG: `node scripts/icons.mjs`.
import { readFileSync } from 'node:fs';
import { launchBrowser } from '../tests/e2e/support.mjs';

const dir = new URL('../assets/pwa/', import.meta.url).pathname;
const svg = readFileSync(`${dir}icon.svg`, 'utf8');
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true]]) {
    await page.setViewportSize({ width: size, height: size });
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? '#fffdf8' : 'transparent'}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: `${dir}${name}`, omitBackground: !maskable });
    console.log(`  ${dir}${name}`);
  }
} finally {
  await browser.close();
}
