// The front desk's pages: a button with data-print prints the page (the print style shows only the card).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});

// The consent form: once a kind is chosen, only the fields of that kind are shown (elements with data-for-kind name
// theirs). Without script, or before a kind is chosen, every field shows; the server checks them either way.
(function () {
  function showFieldsOfKind(form) {
    var chosen = form.querySelector("input[name=kind]:checked");
    form.querySelectorAll("[data-for-kind]").forEach(function (element) {
      element.hidden = chosen !== null && element.getAttribute("data-for-kind") !== chosen.value;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "kind" && event.target.form) {
      showFieldsOfKind(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.consent-form").forEach(showFieldsOfKind);
  });
})();
