/*
 * Shieldline field app service worker: keeps the app shell for opening it without a network,
 * and shows pushed assignments while the app is in the background or closed. API calls and the
 * socket are never touched here: the app's own offline queue handles those.
 */
const CACHE = 'shieldline-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (request.mode === 'navigate') {
    // Network first, so a new release shows at once; the cached shell when there is no network.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put('/', copy));
          return response;
        })
        .catch(() => caches.match('/').then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Built assets have content hashes in their names: a cached one is never stale.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const reference = typeof data.reference === 'string' ? data.reference : '';
  // An early warning (第三十五条) for a supervisor or 维权办: no names or references travel, only that one fired.
  if (data.type === 'warning') {
    event.waitUntil(
      self.registration.showNotification('新预警 · New warning', {
        body: '请打开指挥调度台查看预警 · Open the console to see the warning',
        tag: typeof data.warningId === 'string' ? data.warningId : 'warning',
        icon: '/favicon.svg',
        data: { url: '/' },
      }),
    );
    return;
  }
  event.waitUntil(
    self.registration.showNotification('新派警任务 · New assignment', {
      body: `警情 ${reference}：请立即打开警务终端确认接警 · Open the field app and acknowledge`,
      tag: typeof data.assignmentId === 'string' ? data.assignmentId : 'assignment',
      renotify: true,
      requireInteraction: true,
      vibrate: [600, 200, 600, 200, 600],
      icon: '/favicon.svg',
      data: { url: '/' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.focus();
      return self.clients.openWindow('/');
    }),
  );
});
