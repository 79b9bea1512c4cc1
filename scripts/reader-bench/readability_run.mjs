// Runs @mozilla/readability (npm) with jsdom on every NAME.html of the given folders; prints JSON
// lines {"page", "title", "text", "ms"} for crates/core/examples/reader_eval.rs to score.
//
// Default options; "ms" is the median of RUNS timed runs of parsing the page with jsdom and
// Readability's parse(). The text is textContent with each block element's end made a line
// break, so that boilerplate lines can be counted as for the other readers.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(resolve(process.env.PEERS_DIR ?? process.cwd(), 'package.json'));
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const RUNS = 3;
const BLOCKS = 'p, div, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, tr, dt, dd, section, article, br';

function lines(html) {
  // Readability returns HTML content; render it to text with line breaks at block ends.
  const dom = new JSDOM(`<body>${html}</body>`);
  const doc = dom.window.document;
  for (const el of doc.querySelectorAll(BLOCKS)) el.append(doc.createTextNode('\n'));
  return doc.body.textContent.replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

for (const folder of process.argv.slice(2)) {
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.html')).sort()) {
    const html = readFileSync(join(folder, name), 'utf8');
    const times = [];
    let article = null;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const virtualConsole = new VirtualConsole();
      const dom = new JSDOM(html, { virtualConsole });
      article = new Readability(dom.window.document).parse();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const text = article?.content ? lines(article.content) : '';
    console.log(JSON.stringify({ page: name.slice(0, -5), title: article?.title ?? null, text, ms: times[RUNS >> 1] }));
  }
}
