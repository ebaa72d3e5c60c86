/* The sales point's stock page keeps working without a connection.

   "Lưu" on a stock line does not post the form: the edit (what was typed, what the line showed
   before, the time) goes to the offline queue (stock-queue.js), and the queue is sent at once when
   there is a connection, else by Background Sync or on the next open / "online" event. The page
   shows how many edits are waiting and, per line, what the server made of each edit.
   Without JavaScript the forms post as before. */
/* global OcopStockQueue */
(function () {
    "use strict";
    var root = document.querySelector("[data-stock-offline]");
    if (!root || !window.indexedDB || !window.OcopStockQueue || !window.fetch || !window.Promise) { return; }

    var syncUrl = root.getAttribute("data-sync-url");
    var status = root.querySelector(".sp-sync-status");
    var counter = root.querySelector(".sp-sync-pending");
    var network = root.querySelector(".sp-sync-network");
    var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-stock-line]"));
    var csrfInput = document.querySelector("input[name=csrfmiddlewaretoken]");

    function text(name, values) {
        var template = root.getAttribute("data-msg-" + name) || "";
        Object.keys(values || {}).forEach(function (key) { template = template.replace("__" + key.toUpperCase() + "__", values[key]); });
        return template;
    }

    function formFor(product) {
        return forms.filter(function (form) { return form.getAttribute("data-product") === String(product); })[0];
    }

    function field(form, name) { return form.querySelector("[name$='-" + name + "']"); }

    function lineStatus(form, message, kind) {
        var box = form.querySelector(".sp-line-status");
        if (!box) { return; }
        box.textContent = message || "";
        box.className = "sp-line-status small d-block " + (kind === "warning" ? "text-warning" : kind === "error" ? "text-danger" : "text-muted");
    }

    function showNetwork() {
        network.textContent = navigator.onLine ? "" : text("offline");
        network.hidden = navigator.onLine;
    }

    function showPending() {
        return OcopStockQueue.pending(syncUrl).then(function (edits) {
            counter.textContent = edits.length ? text("pending", { n: edits.length }) : text("synced");
            counter.setAttribute("data-pending", String(edits.length));
            counter.className = "sp-sync-pending " + (edits.length ? "badge badge-warning" : "badge badge-success");
            return edits;
        });
    }

    /* The values a line shows (and the "seen" values of the next edit) are those of its latest
       queued edit, so an edit made after a reload offline is relative to what the staff member saw. */
    function show(form, values) {
        if (values.quantity !== undefined) { field(form, "quantity").value = values.quantity === null ? "" : values.quantity; }
        if (values.price !== undefined) { field(form, "price").value = values.price === null ? "" : values.price; }
        if (values.in_stock !== undefined && values.in_stock !== null) { field(form, "in_stock").checked = !!values.in_stock; }
        form.setAttribute("data-seen-quantity", field(form, "quantity").value);
        form.setAttribute("data-seen-price", field(form, "price").value);
        form.setAttribute("data-seen-in-stock", field(form, "in_stock").checked ? "1" : "0");
    }

    function numberOrNull(value) { return value === "" || value === null || value === undefined ? null : parseInt(value, 10); }

    function applyResults(results) {
        return OcopStockQueue.pending(syncUrl).then(function (left) {
            var waiting = {};
            left.forEach(function (edit) { waiting[edit.product] = true; });
            results.forEach(function (result) {
                var form = formFor(result.product);
                if (!form) { return; }
                if (!waiting[result.product] && result.listing) {
                    show(form, { quantity: result.listing.quantity, price: result.listing.price, in_stock: result.listing.in_stock });
                }
                var kind = result.status === "rejected" ? "error" : result.moved ? "warning" : "";
                lineStatus(form, result.message || text(result.status === "rejected" ? "rejected" : "saved"), kind);
                form.setAttribute("data-sync-state", result.status);
            });
        });
    }

    function flush() {
        if (!navigator.onLine) { return showPending(); }
        return OcopStockQueue.flush().then(function (outcome) {
            if (outcome.failed && outcome.status === 403) { status.textContent = text("login"); }
            else if (outcome.failed) { status.textContent = text("retry"); }
            else { status.textContent = ""; }
            return applyResults(outcome.results);
        }).then(showPending, showPending);
    }

    function queueEdit(form) {
        var quantity = field(form, "quantity").value.trim();
        var edit = {
            url: syncUrl,
            product: parseInt(form.getAttribute("data-product"), 10),
            seen_quantity: numberOrNull(form.getAttribute("data-seen-quantity")),
            quantity: numberOrNull(quantity),
            seen_price: form.getAttribute("data-seen-price"),
            price: field(form, "price").value.trim(),
            seen_in_stock: form.getAttribute("data-seen-in-stock") === "1",
            in_stock: field(form, "in_stock").checked
        };
        if (quantity !== "" && !/^\d+$/.test(quantity)) {
            lineStatus(form, text("bad-quantity"), "error");
            return Promise.resolve();
        }
        return OcopStockQueue.add(edit).then(function () {
            show(form, {});
            lineStatus(form, text("queued"), "");
            form.setAttribute("data-sync-state", "queued");
            return registerSync();
        }).then(flush);
    }

    var registration = null;
    function registerSync() {
        if (registration && registration.sync) {
            return registration.sync.register(OcopStockQueue.SYNC_TAG).catch(function () { return null; });
        }
        return Promise.resolve();
    }

    forms.forEach(function (form) {
        show(form, {});
        form.addEventListener("submit", function (event) {
            var action = event.submitter ? event.submitter.value : "update";
            if (action === "update") {
                event.preventDefault();
                queueEdit(form);
            } else if (!navigator.onLine) {
                event.preventDefault();
                lineStatus(form, text("needs-network"), "error");
            }
        });
    });

    // Other actions (add a product, pick-up on/off, CSV) need the network.
    Array.prototype.forEach.call(document.querySelectorAll("form[data-needs-network]"), function (form) {
        form.addEventListener("submit", function (event) {
            if (!navigator.onLine) { event.preventDefault(); status.textContent = text("needs-network"); }
        });
    });

    if (csrfInput) { OcopStockQueue.setMeta("csrf", csrfInput.value); }

    // A reload (online or not) shows the edits still waiting on their lines.
    OcopStockQueue.pending(syncUrl).then(function (edits) {
        edits.forEach(function (edit) {
            var form = formFor(edit.product);
            if (!form) { return; }
            show(form, { quantity: edit.quantity, price: edit.price, in_stock: edit.in_stock });
            lineStatus(form, text("queued"), "");
            form.setAttribute("data-sync-state", "queued");
        });
    }).then(showPending).then(flush);

    showNetwork();
    window.addEventListener("online", function () { showNetwork(); flush(); });
    window.addEventListener("offline", showNetwork);

    if ("serviceWorker" in navigator) {
        navigator.serviceWorker.addEventListener("message", function (event) {
            var data = event.data || {};
            if (data.type === "ocop-stock-flushed") { applyResults(data.outcome.results || []).then(showPending); }
        });
        navigator.serviceWorker.register(root.getAttribute("data-sw-url"), { scope: root.getAttribute("data-sw-scope") })
            .then(function () { return navigator.serviceWorker.ready; })
            .then(function (ready) {
                registration = ready;
                var urls = [location.pathname].concat(performance.getEntriesByType("resource").map(function (entry) { return entry.name; }));
                if (ready.active) { ready.active.postMessage({ type: "cache", urls: urls }); }
                root.setAttribute("data-offline-ready", "1");
            })
            .catch(function () { root.setAttribute("data-offline-ready", "0"); });
    }
})();
