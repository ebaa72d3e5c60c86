/* Producer map: Leaflet over OpenStreetMap tiles. The list on the page stays the fallback:
   without Leaflet, without data, or when tiles fail, the map hides or says so. */
(function () {
    "use strict";
    var containers = document.querySelectorAll("[data-shops-map]");
    Array.prototype.forEach.call(containers, function (el) {
        var dataEl = document.getElementById(el.getAttribute("data-points-id"));
        var points = [];
        try { points = dataEl ? JSON.parse(dataEl.textContent) : []; } catch (e) { points = []; }
        if (!window.L || !points.length) { el.parentNode.style.display = "none"; return; }
        var map = window.L.map(el, { scrollWheelZoom: false });
        var failures = 0, notified = false;
        var tiles = window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
            maxZoom: 18,
            attribution: "&copy; OpenStreetMap"
        });
        tiles.on("tileerror", function () {
            failures += 1;
            if (failures >= 4 && !notified) {
                notified = true;
                var note = document.createElement("p");
                note.className = "shops-map-failed";
                note.textContent = el.getAttribute("data-tiles-failed");
                el.parentNode.insertBefore(note, el.nextSibling);
            }
        });
        tiles.addTo(map);
        var bounds = [];
        points.forEach(function (p) {
            var marker = window.L.marker([p.lat, p.lng]).addTo(map);
            var link = document.createElement("a");
            link.href = p.url;
            link.textContent = p.name;
            var box = document.createElement("div");
            box.appendChild(link);
            if (p.place) {
                var place = document.createElement("div");
                place.textContent = p.place;
                box.appendChild(place);
            }
            marker.bindPopup(box);
            bounds.push([p.lat, p.lng]);
        });
        el.setAttribute("data-markers-rendered", String(bounds.length));
        if (bounds.length === 1) { map.setView(bounds[0], 11); } else { map.fitBounds(bounds, { padding: [20, 20] }); }
    });
})();
