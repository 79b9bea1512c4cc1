// Trunk post-build hook (Trunk.toml, before the service worker's): splits the app's module so
// that a phone downloads and starts only what the first paint and annotating need. Everything
// behind a split point (src/later.rs, and the dialogs' bodies) moves into chunks fetched on first
// use.
//
// Trunk 0.21 has no split step (trunk-rs/trunk#1022), so this does what `cargo leptos --split`
// does, after Trunk's own build:
//   1. wasm_split_cli (crate wasm_split_cli_support, installed by ./dev) reads the module rustc
//      wrote with its relocations (-Clink-args=--emit-relocs, .cargo/config.toml) and writes the
//      main module, one `split_<name>.wasm` per split point, `chunk_<n>.wasm` for code several
//      share, and `__wasm_split.js`, which fetches and links them;
//   2. wasm-bindgen (--keep-lld-exports, so the chunks can link against the main module) writes
//      the main module's JS and wasm under Trunk's names, replacing Trunk's unsplit output;
//   3. release only: wasm-opt -Oz on every module (Trunk's own pass is off: data-wasm-opt="0");
//   4. every chunk and the linking script get a content hash in their names, so that a browser
//      (or the service worker) never mixes the files of two builds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('wasm-split.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR)');
const profile = process.env.TRUNK_PROFILE ?? 'debug';
const targetDir = process.env.CARGO_TARGET_DIR ?? join(process.env.TRUNK_SOURCE_DIR ?? process.cwd(), 'target');
const raw = join(targetDir, 'wasm32-unknown-unknown', profile, 'quotemark.wasm');
if (!existsSync(raw)) throw new Error(`wasm-split.mjs: no module at ${raw}`);

const js = readdirSync(staging).find((f) => /^quotemark-[0-9a-f]+\.js$/.test(f));
if (!js) throw new Error(`wasm-split.mjs: Trunk wrote no quotemark-<hash>.js into ${staging}`);
const base = js.slice(0, -3);

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

// wasm-bindgen 0.2.130 marks the functions it rewrites into casts by calling the import
// `__wbindgen_describe_generic_import`; wasm_split_cli 0.2.2 knows it by its older name,
// `__wbindgen_describe_cast`, and keeps those functions (with shims for the function table) in the
// main module only under that name. Without that, code in a chunk that casts a value for
// JavaScript (every event handler and reactive property of a view) fails with "function
// signature mismatch". So the import is renamed for the split and back for wasm-bindgen.
const GENERIC = '__wbindgen_describe_generic_import';
const CAST = '__wbindgen_describe_cast';

/** The module with the function import `from` of `__wbindgen_placeholder__` renamed `to`. */
function renameImport(bytes, from, to) {
  let p = 8;
  const leb = () => {
    let r = 0, shift = 0, b;
    do { b = bytes[p++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return r;
  };
  const encodeLeb = (n) => {
    const out = [];
    do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
    return Buffer.from(out);
  };
  const name = () => { const n = leb(); const s = bytes.subarray(p, p + n).toString('utf8'); p += n; return s; };
  const encodeName = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([encodeLeb(b.length), b]); };
  while (p < bytes.length) {
    const start = p;
    const id = bytes[p++];
    const size = leb();
    const body = p;
    if (id !== 2) { p = body + size; continue; }
    const count = leb();
    const parts = [encodeLeb(count)];
    let renamed = 0;
    for (let i = 0; i < count; i++) {
      const module = name();
      let field = name();
      const descStart = p;
      const kind = bytes[p++];
      if (kind === 0 || kind === 4) { if (kind === 4) p++; leb(); }
      else if (kind === 1 || kind === 2) { if (kind === 1) p++; const flags = bytes[p++]; leb(); if (flags & 1) leb(); }
      else if (kind === 3) p += 2;
      else throw new Error(`wasm-split.mjs: unknown import kind ${kind}`);
      if (kind === 0 && module === '__wbindgen_placeholder__' && field === from) { field = to; renamed++; }
      parts.push(encodeName(module), encodeName(field), bytes.subarray(descStart, p));
    }
    const section = Buffer.concat(parts);
    return { renamed, bytes: Buffer.concat([bytes.subarray(0, start), Buffer.from([2]), encodeLeb(section.length), section, bytes.subarray(body + size)]) };
  }
  return { renamed: 0, bytes };
}

const work = mkdtempSync(join(tmpdir(), 'quotemark-split-'));
try {
  const input = renameImport(readFileSync(raw), GENERIC, CAST);
  const renamedRaw = join(work, 'input.wasm');
  writeFileSync(renamedRaw, input.bytes);
  run('wasm_split_cli', [renamedRaw, work]);
  const main = renameImport(readFileSync(join(work, 'main.wasm')), CAST, GENERIC);
  if (input.renamed !== main.renamed) throw new Error(`wasm-split.mjs: ${CAST} renamed ${input.renamed} times in, ${main.renamed} back`);
  writeFileSync(join(work, 'main.wasm'), main.bytes);
  const bound = join(work, 'bound');
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', bound, '--out-name', base, join(work, 'main.wasm')]);

  const hashed = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  // QM_NAMES=1 keeps the functions' names (wasm-opt -g), for a CPU profile of the release build.
  const optimise = (path) => {
    if (profile === 'release') run('wasm-opt', [...(process.env.QM_NAMES ? ['-g'] : []), '-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', path, '-o', path]);
  };

  // The chunks, optimised, renamed with their hashes in the linking script.
  let link = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  const chunks = readdirSync(work).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
  for (const chunk of chunks) {
    const path = join(work, chunk);
    optimise(path);
    const name = `${chunk.slice(0, -5)}-${hashed(readFileSync(path))}.wasm`;
    if (!link.includes(`"./${chunk}"`)) throw new Error(`wasm-split.mjs: __wasm_split.js does not name ${chunk}`);
    link = link.replaceAll(`"./${chunk}"`, `"./${name}"`);
    renameSync(path, join(staging, name));
  }
  if (!link.includes('"./main.js"')) throw new Error('wasm-split.mjs: __wasm_split.js does not import ./main.js');
  link = link.replaceAll('"./main.js"', `"./${js}"`);
  const linkName = `__wasm_split-${hashed(link)}.js`;
  writeFileSync(join(staging, linkName), link);

  // The main module and its JS under Trunk's names, importing the renamed linking script.
  const mainWasm = join(bound, `${base}_bg.wasm`);
  optimise(mainWasm);
  cpSync(mainWasm, join(staging, `${base}_bg.wasm`));
  // Only the import statement: the import object's key stays the module name the wasm asks for.
  const glue = readFileSync(join(bound, js), 'utf8');
  const statement = /(from\s*)(['"])\.\/__wasm_split\.js\2/g;
  if (!statement.test(glue)) throw new Error('wasm-split.mjs: the main JS does not import ./__wasm_split.js (no split point was built?)');
  writeFileSync(join(staging, js), glue.replaceAll(statement, `$1'./${linkName}'`));
  rmSync(join(staging, 'snippets'), { recursive: true, force: true });
  if (existsSync(join(bound, 'snippets'))) cpSync(join(bound, 'snippets'), join(staging, 'snippets'), { recursive: true });

  // Trunk puts its preload links at the end of <head>, after the inlined style sheet (about 8 KB
  // brotli on the wire); at the top of <head> the module starts downloading that much sooner.
  const indexPath = join(staging, 'index.html');
  const index = readFileSync(indexPath, 'utf8');
  const preloads = index.match(/<link rel="(?:module)?preload"[^>]*>/g) ?? [];
  if (!preloads.some((l) => l.includes(`${base}_bg.wasm`))) throw new Error('wasm-split.mjs: index.html has no preload link for the module');
  const charset = '<meta charset="utf-8" />';
  if (!index.includes(charset)) throw new Error(`wasm-split.mjs: index.html has no ${charset}`);
  const moved = preloads.reduce((html, l) => html.replace(l, ''), index).replace(charset, `${charset}\n    ${preloads.join('\n    ')}\n    ${storedPreload(link, preloads.find((l) => l.includes(`${base}_bg.wasm`)).match(/href="([^"]*?)[^/"]*"/)[1])}`);
  writeFileSync(indexPath, moved);

  const kb = (f) => (readFileSync(join(staging, f)).length / 1024).toFixed(1);
  const written = readdirSync(staging).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
  console.log(`wasm split: main ${kb(`${base}_bg.wasm`)} KB, ${written.map((f) => `${f} ${kb(f)} KB`).join(', ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * With something stored, the app reads it before it starts, with the store's readers (chunk
 * `stored`, src/persist/readers.rs): a script that fetches them and every chunk they need
 * alongside the module, instead of after it, when local storage holds Quotemark's keys (the
 * build's own key aside). `link` is the renamed linking script, whose loaders name each chunk's
 * file and the chunks it needs; `at` is where the files are served (as the module's preload has it).
 */
function storedPreload(link, at) {
  const loads = new Map();
  const loader = /(?:export )?const (__chunk_\d+|__wasm_split_load_\w+) = (?:wrapAsyncCb\()?makeLoad\((?:new URL\("\.\/([^"]+)", import\.meta\.url\)|undefined), \[([^\]]*)\]\)/g;
  for (const [, name, file, deps] of link.matchAll(loader)) {
    loads.set(name, { file, deps: deps.split(',').map((d) => d.trim()).filter(Boolean) });
  }
  const files = new Set();
  const visit = (name) => {
    const load = loads.get(name);
    if (!load) throw new Error(`wasm-split.mjs: __wasm_split.js has no loader ${name}`);
    if (load.file) files.add(load.file);
    load.deps.forEach(visit);
  };
  visit('__wasm_split_load_stored');
  return `<script>
      // Something stored: the app reads it first (src/persist/readers.rs), so its readers come with the module.
      try {
        if (Object.keys(localStorage).some((k) => k.startsWith('quotemark.') && k !== 'quotemark.v3.build'))
          for (const href of ${JSON.stringify([...files].map((f) => at + f))})
            document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
      } catch (e) {}
    </script>`;
}
