/* Sales points directory: Leaflet map of the recognised points (the list below works without
   it), and "near me", which asks for the browser's location only when the user clicks. */
(function () {
    "use strict";

    function fallback(mapEl, message) {
        var note = document.getElementById("sp-map-fallback");
        if (mapEl) { mapEl.hidden = true; mapEl.classList.add("sp-map-failed"); }
        if (note) { note.textContent = message; note.hidden = false; }
    }

    function iconFrom(el) {
        if (!window.L) { return null; }
        return L.icon({
            iconUrl: el.getAttribute("data-marker-icon"),
            shadowUrl: el.getAttribute("data-marker-shadow"),
            iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
        });
    }

    function popup(marker) {
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = marker.url;
        link.textContent = marker.name;
        var meta = document.createElement("div");
        meta.className = "small";
        meta.textContent = marker.kind + " · " + marker.address;
        box.appendChild(link);
        box.appendChild(meta);
        return box;
    }

    function initMap() {
        var el = document.getElementById("sp-map");
        var data = document.getElementById("sp-markers");
        if (!el || !data) { return; }
        var failedText = el.getAttribute("data-tiles-failed");
        if (!window.L) { fallback(el, failedText); return; }
        var markers = JSON.parse(data.textContent || "[]");
        var map = L.map(el, { scrollWheelZoom: false });
        var loaded = 0, errors = 0;
        var tiles = L.tileLayer(el.getAttribute("data-tiles"), {
            maxZoom: 18, attribution: el.getAttribute("data-attribution")
        });
        tiles.on("tileload", function () { loaded += 1; });
        tiles.on("tileerror", function () {
            errors += 1;
            if (!loaded && errors >= 2) { el.classList.add("sp-tiles-failed"); showNote(); }
        });
        function showNote() {
            var note = document.getElementById("sp-map-fallback");
            if (note && note.hidden) { note.textContent = failedText; note.hidden = false; }
        }
        window.setTimeout(function () { if (!loaded) { el.classList.add("sp-tiles-failed"); showNote(); } }, 8000);
        tiles.addTo(map);
        var icon = iconFrom(el);
        var bounds = [];
        markers.forEach(function (m) {
            var marker = L.marker([m.lat, m.lng], { icon: icon, title: m.name, alt: m.name }).addTo(map);
            marker.bindPopup(popup(m));
            bounds.push([m.lat, m.lng]);
        });
        if (bounds.length === 1) { map.setView(bounds[0], 13); }
        else if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30] }); }
        else { map.setView([22.15, 105.83], 9); }
        el.setAttribute("data-markers-rendered", String(markers.length));
    }

    function initNearMe() {
        var button = document.getElementById("sp-near-me");
        var status = document.getElementById("sp-geo-status");
        if (!button || !("geolocation" in navigator)) { return; }
        button.hidden = false;
        button.addEventListener("click", function () {
            var form = button.form;
            status.textContent = button.getAttribute("data-locating");
            navigator.geolocation.getCurrentPosition(function (pos) {
                form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(5);
                form.querySelector("[name=lng]").value = pos.coords.longitude.toFixed(5);
                form.submit();
            }, function () {
                status.textContent = button.getAttribute("data-geo-error");
            }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
        });
    }

    function start() { initNearMe(); initMap(); }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
