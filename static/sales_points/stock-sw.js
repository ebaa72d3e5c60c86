/* Service worker of a sales point's stock page. Loaded by the small script the server answers at
   <stock page>sw.js, which sets self.OCOP_STOCK = {page, precache, cache} before importing this.

   - The stock page: network first, the cached copy when there is no connection.
   - Static files (styles, scripts, icons) and the manifest: cache first, refreshed from the network.
   - Background Sync "ocop-stock-sync": sends the queued edits when the connection is back
     (browsers without Background Sync: the page sends them on its next open or "online" event). */
/* global OcopStockQueue */
(function () {
    "use strict";
    var config = self.OCOP_STOCK;
    var CACHE = config.cache;

    function cacheAll(urls) {
        return caches.open(CACHE).then(function (cache) {
            return Promise.all(urls.map(function (url) {
                return cache.add(new Request(url, { credentials: "same-origin" })).catch(function () { return null; });
            }));
        });
    }

    self.addEventListener("install", function (event) {
        event.waitUntil(cacheAll([config.page].concat(config.precache)).then(function () { return self.skipWaiting(); }));
    });

    self.addEventListener("activate", function (event) {
        event.waitUntil(caches.keys().then(function (names) {
            return Promise.all(names.filter(function (name) {
                return name.indexOf("ocop-stock-") === 0 && name.indexOf(config.cacheFamily) === 0 && name !== CACHE;
            }).map(function (name) { return caches.delete(name); }));
        }).then(function () { return self.clients.claim(); }));
    });

    function networkFirst(request, key) {
        return fetch(request).then(function (response) {
            if (response.ok && !response.redirected) {
                var copy = response.clone();
                caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
            }
            return response;
        }, function () {
            return caches.open(CACHE).then(function (cache) { return cache.match(key); }).then(function (cached) {
                return cached || Response.error();
            });
        });
    }

    function cacheFirst(request) {
        return caches.open(CACHE).then(function (cache) {
            return cache.match(request, { ignoreSearch: false }).then(function (cached) {
                var fresh = fetch(request).then(function (response) {
                    if (response.ok) { cache.put(request, response.clone()); }
                    return response;
                });
                if (cached) { fresh.catch(function () { return null; }); return cached; }
                return fresh;
            });
        });
    }

    self.addEventListener("fetch", function (event) {
        var request = event.request;
        if (request.method !== "GET") { return; }
        var url = new URL(request.url);
        if (url.origin !== self.location.origin) { return; }
        if (url.pathname === config.page) {
            event.respondWith(networkFirst(request, config.page));
        } else if (url.pathname.indexOf(config.staticUrl) === 0 || url.pathname === config.manifest) {
            event.respondWith(cacheFirst(request));
        }
    });

    function tellPages(message) {
        return self.clients.matchAll({ type: "window" }).then(function (clients) {
            clients.forEach(function (client) { client.postMessage(message); });
        });
    }

    function flushAndTell() {
        return OcopStockQueue.flush().then(function (outcome) {
            return tellPages({ type: "ocop-stock-flushed", outcome: outcome }).then(function () {
                if (outcome.failed) { throw new Error("stock sync failed: " + outcome.status); }  // the browser retries later
            });
        });
    }

    self.addEventListener("sync", function (event) {
        if (event.tag === OcopStockQueue.SYNC_TAG) { event.waitUntil(flushAndTell()); }
    });

    self.addEventListener("message", function (event) {
        var data = event.data || {};
        if (data.type === "cache" && Array.isArray(data.urls)) {
            event.waitUntil(cacheAll(data.urls.filter(function (url) {
                return new URL(url, self.location.href).origin === self.location.origin;
            })));
        }
    });
})();
