// Stripe Payment Element for an order whose stock is already reserved.
(function () {
  var form = document.getElementById("card-payment-form");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.getAttribute("data-publishable-key"));
  var elements = stripe.elements({clientSecret: form.getAttribute("data-client-secret")});
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.getAttribute("data-return-url")}})
      .then(function (result) {
        if (result.error) { document.getElementById("card-payment-error").textContent = result.error.message; }
      });
  });
})();
