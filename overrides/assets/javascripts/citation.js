// A notice's ready citation: completed with the reader's own access date (dd/mm/yyyy), the
// Vietnamese citation practice, and copied by its button. Without JavaScript the placeholder
// asks the reader to add the date and the button stays hidden (nothing that cannot work).
(function () {
  var COPIED = "Đã sao chép trích dẫn.";
  var FAILED = "Không sao chép được: hãy chọn và sao chép đoạn trích dẫn.";

  function fillDate() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
    document.querySelectorAll(".tb-accessed").forEach(function (el) { el.textContent = text; });
  }

  // Older browsers and pages not served over https/localhost have no navigator.clipboard:
  // select the text and use the legacy command instead.
  function copyText(source) {
    var text = source.textContent.replace(/\s+/g, " ").trim();
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = document.execCommand && document.execCommand("copy");
    return done ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function wireCopy() {
    document.querySelectorAll("button.tb-copy").forEach(function (button) {
      var source = button.parentNode.querySelector(".tb-cite");
      if (!source || button.dataset.wired) return;
      button.dataset.wired = "1";
      button.hidden = false;
      var status = button.parentNode.querySelector(".tb-copy__status");
      button.addEventListener("click", function () {
        copyText(source).then(
          function () { if (status) status.textContent = COPIED; },
          function () { if (status) status.textContent = FAILED; }
        );
      });
    });
  }

  function init() {
    fillDate();
    wireCopy();
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState !== "loading") { init(); }
  else { document.addEventListener("DOMContentLoaded", init); }
})();
