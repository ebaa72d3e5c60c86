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
