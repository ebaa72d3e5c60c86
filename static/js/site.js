/* Starts Oscar's storefront widgets without inline scripts: each page's init is
   chosen from what the page contains. */
(function ($) {
    "use strict";
    if (!$ || !window.oscar) { return; }
    $(function () {
        var oscar = window.oscar;
        oscar.init();
        var basketForm = document.getElementById("basket_formset");
        if (basketForm && oscar.basket) {
            oscar.basket.init({ basketURL: basketForm.getAttribute("action") || window.location.pathname });
        }
        // The checkout gateway: the password field is enabled only for "returning customer".
        if (document.querySelector("form input[name=options]") && document.getElementById("id_password") && oscar.checkout && oscar.checkout.gateway) {
            oscar.checkout.gateway.init();
        }
        if (document.querySelector("[data-oscar-search], .side_categories, form#search_result_form, #id_sort_by") && oscar.search) {
            oscar.search.init();
        }
        if (document.querySelector(".wishlist-list") && oscar.customer && oscar.customer.wishlists) {
            oscar.customer.wishlists.init();
        }
    });
})(window.jQuery);

/* The filter drawer of listings on phones: "Lọc" opens it, ×, "Xem … sản phẩm", Escape or a
   tap beside it close it; focus goes in and comes back. Without JavaScript the
   link's #filters target opens it (CSS :target). */
(function () {
    "use strict";
    var opener = null;
    function drawer(id) { return document.getElementById(id); }
    function open(id, from) {
        var el = drawer(id);
        if (!el) { return; }
        opener = from || null;
        el.classList.add("is-open");
        el.setAttribute("role", "dialog");
        el.setAttribute("aria-modal", "true");
        document.body.classList.add("has-drawer");
        if (opener) { opener.setAttribute("aria-expanded", "true"); }
        el.focus();
    }
    function close(id) {
        var el = drawer(id);
        if (!el || !el.classList.contains("is-open")) { return; }
        el.classList.remove("is-open");
        el.removeAttribute("role");
        el.removeAttribute("aria-modal");
        document.body.classList.remove("has-drawer");
        if (opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); }
    }
    document.addEventListener("click", function (event) {
        var openLink = event.target.closest("[data-drawer-open]");
        if (openLink) { event.preventDefault(); open(openLink.getAttribute("data-drawer-open"), openLink); return; }
        var closeLink = event.target.closest("[data-drawer-close]");
        if (closeLink) { event.preventDefault(); close(closeLink.getAttribute("data-drawer-close")); return; }
        if (document.body.classList.contains("has-drawer") && !event.target.closest(".filter-drawer")) { close("filters"); }
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { close("filters"); }
    });
    document.querySelectorAll("[data-drawer-open]").forEach(function (link) { link.setAttribute("aria-expanded", "false"); });
})();
