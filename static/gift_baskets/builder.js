// Gift-basket builder: price and availability update as the shopper picks (no page reload).
(function () {
  "use strict";
  var form = document.getElementById("gift-builder-form");
  if (!form) { return; }
  var output = document.getElementById("gift-quote");
  var timer = null;

  function refresh() {
    var params = new URLSearchParams(new FormData(form));
    params.delete("csrfmiddlewaretoken");
    fetch(form.dataset.quoteUrl + "?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var text = data.count + " " + output.dataset.labelItems + " · " + output.dataset.labelTotal + " " + window.ocopMoney(data.total);
        if (data.count) { text += " · " + data.availability; }
        if (data.errors.length) { text += " — " + data.errors.join(" "); }
        output.textContent = text;
      })
      .catch(function () { output.textContent = ""; });
  }

  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 150);
  });
  // On first load only when the form comes back with picks (e.g. after an error): an empty
  // builder has nothing to price.
  if (form.querySelector("input[name=items]:checked")) { refresh(); }
}());
