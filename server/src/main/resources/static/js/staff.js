// The staff app's only script of its own (the Content-Security-Policy allows no inline script): a form or button
// with data-confirm="…" asks that question first and goes ahead only on OK. Pages work without it; htmx requests
// use hx-confirm instead.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var submitter = event.submitter;
  var question = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
