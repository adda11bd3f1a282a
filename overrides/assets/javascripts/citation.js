// Completes a notice's ready citation with the reader's own access date (dd/mm/yyyy), the
// Vietnamese citation practice; without JavaScript the placeholder asks the reader to add it.
(function () {
  function fill() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
    document.querySelectorAll(".tb-accessed").forEach(function (el) { el.textContent = text; });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(fill); }
  else if (document.readyState !== "loading") { fill(); }
  else { document.addEventListener("DOMContentLoaded", fill); }
})();
