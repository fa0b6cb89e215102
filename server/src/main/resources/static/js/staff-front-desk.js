// The front desk's pages: a button with data-print prints the page (the print style shows only the card).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
