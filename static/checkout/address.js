// Fills the commune/ward suggestions when the province changes (no inline script).
(function () {
  var script = document.currentScript;
  var url = script && script.getAttribute("data-wards-url");
  var province = document.getElementById("id_province");
  var list = document.getElementById("ward-options");
  if (!url || !province || !list) { return; }
  province.addEventListener("change", function () {
    list.innerHTML = "";
    if (!province.value) { return; }
    fetch(url + "?province=" + encodeURIComponent(province.value), {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {wards: []}; })
      .then(function (data) {
        (data.wards || []).forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          list.appendChild(option);
        });
      });
  });
})();
