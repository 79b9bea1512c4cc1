// Quotemark's service worker: keeps one build's files so the app opens and works offline.
//
// The build hook (scripts/service-worker.mjs) writes this file into dist/ with BUILD filled in:
// the build's version (a hash of its files) and the list of them. Every build has its own cache,
// filled whole on install before it serves anything, so a page is never made of two builds' files:
//   - a page load asks the network first (a fresh index.html names the new build's hashed files)
//     and falls back to the cached one when the network fails or is slow (4 s);
//   - every other file comes from the caches first (its name carries its hash), then the network.
// On activation the other builds' caches are deleted. A development build (trunk serve) gets
// BUILD with no files: it clears every Quotemark cache and unregisters itself, so nothing stale
// is ever served while developing.
const BUILD = /*BUILD*/ null; /*BUILD*/
const PREFIX = 'quotemark-';
const CACHE = BUILD && BUILD.files ? PREFIX + BUILD.version : null;
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      if (CACHE) {
        const cache = await caches.open(CACHE);
        // index.html revalidated; the hashed files may come from the HTTP cache.
        await cache.addAll(BUILD.files.map((f) => new Request(new URL(f, self.registration.scope), { cache: f === 'index.html' ? 'no-cache' : 'default' })));
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      if (!CACHE) {
        await self.registration.unregister();
        return;
      }
      await self.clients.claim();
    })(),
  );
});

/** The network's answer, or `null` after `ms` or on a failure. */
function network(request, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    fetch(request).then(
      (response) => {
        clearTimeout(timer);
        resolve(response.ok ? response : null);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!CACHE || request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => (await network(request, 4000)) || (await caches.match(INDEX, { cacheName: CACHE })) || fetch(request))(),
    );
    return;
  }
  event.respondWith((async () => (await caches.match(request)) || fetch(request))());
});
