/* The one price formatter of the browser: whole đồng as "120.000 ₫" (a no-break space before ₫),
   the same text Oscar's `currency` filter prints (OSCAR_CURRENCY_FORMAT, marketplace/money.py). */
(function () {
    "use strict";
    window.ocopMoney = function (value) {
        if (value === null || value === undefined || value === "") { return ""; }
        var amount = Math.round(Number(value));
        if (!isFinite(amount)) { return ""; }
        var sign = amount < 0 ? "-" : "";
        return sign + String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "\u00a0₫";
    };
}());
