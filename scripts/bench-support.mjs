// Shared by the page benchmarks: command-line numbers, medians and a seeded random generator
// (the same sequence on every run, so every run measures the same data).

/** The number after `--name` on the command line, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A generator of whole numbers below `n`, from `seed` (a linear congruential sequence). */
export function seededRandom(seed) {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
}

/** The words the synthetic news text is made of. */
export const WORDS = ('the minister said that government would act on the report which found that more than half of all ' +
  'households faced higher costs this winter according to figures from statistics office while critics argued').split(' ');

/**
 * In the page: selects the first `length` characters of paragraph `index` of the article as a
 * reader would (a Range, then mouseup) and presses Q, so that the editor opens on a new quotation.
 */
export function selectAndPressQ(page, index, length = 12) {
  return page.evaluate(async ([index, length]) => {
    const body = document.querySelector('[data-testid="article-body"]');
    const p = body.querySelectorAll('[data-testid="paragraph"]')[index];
    const node = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode();
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, Math.min(node.length, length));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    body.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'q', bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
  }, [index, length]);
}
