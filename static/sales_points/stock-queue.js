/* The offline queue of the sales-point stock page, shared by the page and its service worker
   (both load this file: `self` is the window or the worker).

   Each stock edit is stored in IndexedDB ("ocop-stock" → "edits") with an id made in the browser
   and the time it was made, and stays there until the server has answered for it. The server
   applies an edit at most once per id (sales_points.services.listing_apply_edit), so the page and
   the service worker may both send the queue at the same moment without harm. */
(function (root) {
    "use strict";
    var DB_NAME = "ocop-stock";
    var DB_VERSION = 1;
    var SYNC_TAG = "ocop-stock-sync";

    function open() {
        return new Promise(function (resolve, reject) {
            var request = root.indexedDB.open(DB_NAME, DB_VERSION);
            request.onupgradeneeded = function () {
                var db = request.result;
                if (!db.objectStoreNames.contains("edits")) {
                    db.createObjectStore("edits", { keyPath: "id" }).createIndex("url", "url");
                }
                if (!db.objectStoreNames.contains("meta")) {
                    db.createObjectStore("meta", { keyPath: "key" });
                }
            };
            request.onsuccess = function () { resolve(request.result); };
            request.onerror = function () { reject(request.error); };
        });
    }

    function run(storeName, mode, work) {
        return open().then(function (db) {
            return new Promise(function (resolve, reject) {
                var tx = db.transaction(storeName, mode);
                var result = work(tx.objectStore(storeName));
                tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
                tx.onerror = function () { db.close(); reject(tx.error); };
                tx.onabort = function () { db.close(); reject(tx.error); };
            });
        });
    }

    function uuid() {
        if (root.crypto && root.crypto.randomUUID) { return root.crypto.randomUUID(); }
        var bytes = new Uint8Array(16);
        root.crypto.getRandomValues(bytes);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
        return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
    }

    function add(edit) {
        edit.id = edit.id || uuid();
        edit.made_at = edit.made_at || new Date().toISOString();
        edit.seq = Date.now() + Math.random();  // keeps the order the edits were made in
        return run("edits", "readwrite", function (store) { store.put(edit); }).then(function () { return edit; });
    }

    function pending(url) {
        return run("edits", "readonly", function (store) {
            return url ? store.index("url").getAll(url) : store.getAll();
        }).then(function (edits) {
            return (edits || []).sort(function (a, b) { return a.seq - b.seq; });
        });
    }

    function remove(ids) {
        return run("edits", "readwrite", function (store) { ids.forEach(function (id) { store.delete(id); }); });
    }

    function setMeta(key, value) {
        return run("meta", "readwrite", function (store) { store.put({ key: key, value: value }); });
    }

    function getMeta(key) {
        return run("meta", "readonly", function (store) { return store.get(key); }).then(function (row) {
            return row ? row.value : null;
        });
    }

    var flushing = null;

    /* Send every queued edit, grouped by the point's sync URL; resolves with
       {results: [...], failed: bool, status}. Edits the server answered for leave the queue;
       the others stay for the next attempt. */
    function flush() {
        if (flushing) { return flushing; }
        flushing = Promise.all([pending(), getMeta("csrf")]).then(function (values) {
            var edits = values[0], csrf = values[1];
            var byUrl = {};
            edits.forEach(function (edit) { (byUrl[edit.url] = byUrl[edit.url] || []).push(edit); });
            var outcome = { results: [], failed: false, status: 200 };
            return Object.keys(byUrl).reduce(function (chain, url) {
                return chain.then(function () {
                    var batch = byUrl[url];
                    return root.fetch(url, {
                        method: "POST",
                        credentials: "same-origin",
                        redirect: "error",
                        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf || "", "Accept": "application/json" },
                        body: JSON.stringify({ edits: batch.map(function (edit) {
                            var copy = {};
                            Object.keys(edit).forEach(function (key) { if (key !== "url" && key !== "seq") { copy[key] = edit[key]; } });
                            return copy;
                        }) })
                    }).then(function (response) {
                        outcome.status = response.status;
                        if (!response.ok) { outcome.failed = true; return null; }
                        return response.json().then(function (data) {
                            var answered = (data.results || []).map(function (result) { return result.id; });
                            outcome.results = outcome.results.concat(data.results || []);
                            return remove(answered);
                        });
                    }, function () { outcome.failed = true; });
                });
            }, Promise.resolve()).then(function () { return outcome; });
        }).then(function (outcome) { flushing = null; return outcome; }, function (error) { flushing = null; throw error; });
        return flushing;
    }

    root.OcopStockQueue = {
        SYNC_TAG: SYNC_TAG, add: add, pending: pending, flush: flush, setMeta: setMeta, getMeta: getMeta, uuid: uuid
    };
})(self);
