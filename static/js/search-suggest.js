/* Suggestions as the shopper types (no inline script, no library).
   Any <input data-suggest-url> gets a listbox of product titles from /search/suggest/;
   arrow keys move, Enter opens the highlighted product, Escape closes. */
(function () {
    "use strict";

    function debounce(fn, ms) {
        var timer;
        return function () {
            var args = arguments, self = this;
            clearTimeout(timer);
            timer = setTimeout(function () { fn.apply(self, args); }, ms);
        };
    }

    function attach(input) {
        var list = document.getElementById(input.getAttribute("aria-controls"));
        if (!list) { return; }
        var url = input.getAttribute("data-suggest-url");
        var active = -1;
        var lastQuery = "";
        var controller = null;

        function close() {
            list.hidden = true;
            list.innerHTML = "";
            active = -1;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
        }

        function highlight(index) {
            var items = list.querySelectorAll("[role=option]");
            if (!items.length) { return; }
            active = (index + items.length) % items.length;
            items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
            input.setAttribute("aria-activedescendant", items[active].id);
        }

        function render(suggestions) {
            list.innerHTML = "";
            active = -1;
            if (!suggestions.length) { close(); return; }
            suggestions.forEach(function (suggestion, i) {
                var li = document.createElement("li");
                li.id = list.id + "-" + i;
                li.setAttribute("role", "option");
                li.setAttribute("aria-selected", "false");
                var a = document.createElement("a");
                a.href = suggestion.url;
                a.textContent = suggestion.title;
                a.tabIndex = -1;
                li.appendChild(a);
                list.appendChild(li);
            });
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
        }

        var fetchSuggestions = debounce(function () {
            var q = input.value.trim();
            if (q === lastQuery) { return; }
            lastQuery = q;
            if (q.length < 2) { close(); return; }
            if (controller) { controller.abort(); }
            controller = window.AbortController ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(q), {
                headers: { "Accept": "application/json" },
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) { if (input.value.trim() === q) { render(data.suggestions || []); } })
                .catch(function () { /* typing on: the next keystroke asks again */ });
        }, 150);

        input.addEventListener("input", fetchSuggestions);
        input.addEventListener("keydown", function (event) {
            if (list.hidden) { return; }
            if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
            else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
            else if (event.key === "Escape") { close(); }
            else if (event.key === "Enter" && active >= 0) {
                var link = list.querySelectorAll("[role=option] a")[active];
                if (link) { event.preventDefault(); window.location.href = link.href; }
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 200); });
    }

    function init() {
        document.querySelectorAll("input[data-suggest-url][aria-controls]").forEach(attach);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
