/* "Điểm gần tôi trước": the browser's location (only when the shopper agrees) reloads the
   pick-up choice with the points nearest first. */
(function () {
    "use strict";
    var form = document.querySelector("[data-geo-form]");
    var button = form && form.querySelector("[data-geo-button]");
    if (!button || !navigator.geolocation) { if (button) { button.hidden = true; } return; }
    button.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (position) {
            form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(4);
            form.querySelector("[name=lng]").value = position.coords.longitude.toFixed(4);
            form.submit();
        }, function () { button.disabled = true; }, { timeout: 10000, maximumAge: 600000 });
    });
})();
