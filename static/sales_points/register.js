/* Registration form: pick the location on a map (or type it), and check the Decision 736
   criteria live on the server as the applicant chooses products and counts items. */
(function () {
    "use strict";

    function initPicker() {
        var el = document.getElementById("sp-picker");
        var lat = document.getElementById("id_latitude");
        var lng = document.getElementById("id_longitude");
        if (!el || !lat || !lng) { return; }
        if (!window.L) { el.hidden = true; return; }
        var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : null;
        var map = L.map(el).setView(start || [22.15, 105.83], start ? 15 : 9);
        var tiles = L.tileLayer(el.getAttribute("data-tiles"), { maxZoom: 18, attribution: el.getAttribute("data-attribution") });
        var loaded = false;
        tiles.on("tileload", function () { loaded = true; });
        window.setTimeout(function () { if (!loaded) { el.hidden = true; } }, 8000);
        tiles.addTo(map);
        var icon = L.icon({
            iconUrl: el.getAttribute("data-marker-icon"), shadowUrl: el.getAttribute("data-marker-shadow"),
            iconSize: [25, 41], iconAnchor: [12, 41], shadowSize: [41, 41]
        });
        var marker = start ? L.marker(start, { icon: icon }).addTo(map) : null;
        function place(latlng) {
            if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { icon: icon }).addTo(map); }
        }
        map.on("click", function (e) {
            lat.value = e.latlng.lat.toFixed(6);
            lng.value = e.latlng.lng.toFixed(6);
            place(e.latlng);
        });
        function typed() {
            var a = parseFloat(lat.value), b = parseFloat(lng.value);
            if (!isNaN(a) && !isNaN(b)) { place([a, b]); map.setView([a, b], 15); }
        }
        lat.addEventListener("change", typed);
        lng.addEventListener("change", typed);
    }

    function render(panel, report) {
        var list = panel.querySelector("[data-sp-criteria-list]");
        var summary = panel.querySelector("[data-sp-summary]");
        list.textContent = "";
        report.criteria.forEach(function (c) {
            var li = document.createElement("li");
            li.className = c.met ? "text-success" : "text-danger";
            li.setAttribute("data-code", c.code);
            var mark = document.createElement("span");
            mark.setAttribute("aria-hidden", "true");
            mark.textContent = c.met ? "✔ " : "✘ ";
            var label = document.createElement("strong");
            label.textContent = c.label;
            var detail = document.createElement("span");
            detail.className = "small";
            detail.textContent = c.detail;
            li.appendChild(mark); li.appendChild(label); li.appendChild(document.createElement("br")); li.appendChild(detail);
            list.appendChild(li);
        });
        summary.textContent = summary.getAttribute(report.is_met ? "data-met" : "data-unmet");
        summary.className = "badge " + (report.is_met ? "badge-success" : "badge-warning");
    }

    function initCheck() {
        var form = document.getElementById("sp-register-form");
        var panel = document.getElementById("sp-criteria");
        if (!form || !panel || !window.fetch) { return; }
        var url = form.getAttribute("data-check-url");
        var pending = null;
        function check() {
            var body = new FormData();
            body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
            form.querySelectorAll("[name=products]:checked").forEach(function (box) { body.append("products", box.value); });
            ["local_item_kinds", "other_item_kinds"].forEach(function (name) {
                var input = form.querySelector("[name=" + name + "]");
                if (input && input.value !== "") { body.append(name, input.value); }
            });
            var stamps = form.querySelector("[name=stamps_confirmed]");
            if (stamps && stamps.checked) { body.append("stamps_confirmed", "on"); }
            fetch(url, { method: "POST", body: body, credentials: "same-origin" })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (report) { if (report) { render(panel, report); } })
                .catch(function () { /* keep the last server-rendered report */ });
        }
        form.addEventListener("change", function (e) {
            var name = e.target.name;
            if (["products", "local_item_kinds", "other_item_kinds", "stamps_confirmed"].indexOf(name) === -1) { return; }
            window.clearTimeout(pending);
            pending = window.setTimeout(check, 250);
        });
    }

    function start() { initPicker(); initCheck(); }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
