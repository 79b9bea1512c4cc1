// Trunk post-build hook (Trunk.toml): makes the build installable and able to work offline.
// Copies the web app manifest and icons from assets/pwa/ into the build, and writes its service
// worker (assets/pwa/sw.js) with this build's version and files filled in. The version (a hash of
// every file's name and bytes) is also written into index.html as
// <meta name="quotemark-build">, which the app compares with the last one it ran (src/offline.rs)
// to say quietly that it was updated. A debug build (trunk serve) gets a service worker with no
// files, which clears Quotemark's caches and unregisters itself.
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!staging) throw new Error('service-worker.mjs runs as a Trunk hook (TRUNK_STAGING_DIR) or with a dist folder');
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const source = new URL('../assets/pwa/', import.meta.url).pathname;

for (const f of ['manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png']) {
  copyFileSync(join(source, f), join(staging, f));
}

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (!/\.(br|gz)$/.test(name) && name !== 'sw.js') files.push(relative(staging, path).split('\\').join('/'));
  }
})(staging);

const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(join(staging, f)));
const version = hash.digest('hex').slice(0, 16);

const indexPath = join(staging, 'index.html');
const index = readFileSync(indexPath, 'utf8').replace(/<meta name="quotemark-build" content="[^"]*"\s*\/?>/, `<meta name="quotemark-build" content="${version}" />`);
if (!index.includes(`content="${version}"`)) throw new Error('index.html has no <meta name="quotemark-build"> to fill in');
writeFileSync(indexPath, index);

const build = release ? { version, files } : { version: 'development', files: null };
const worker = readFileSync(join(source, 'sw.js'), 'utf8').replace('/*BUILD*/ null; /*BUILD*/', `${JSON.stringify(build)};`);
if (worker.includes('/*BUILD*/')) throw new Error('assets/pwa/sw.js has no /*BUILD*/ placeholder');
writeFileSync(join(staging, 'sw.js'), worker);
console.log(`service worker: ${release ? `build ${version}, ${files.length} files kept offline` : 'development build (clears caches, unregisters)'}`);
