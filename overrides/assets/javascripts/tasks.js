// Filters of the tasks page (Nhiệm vụ và thời hạn): the server-rendered rows stay; the selects
// hide the rows that do not match (data-province, data-agency, data-month) and the tables and
// headings left empty. The page's address carries the choice (#tinh=lao-cai&co-quan=so-y-te),
// so agency and province pages link to their part. Without JavaScript the form stays hidden
// and every task is listed.
(function () {
  function params() {
    var out = {};
    var text = (window.location.hash || "").replace(/^#/, "") + "&" +
      (window.location.search || "").replace(/^\?/, "");
    text.split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) { out[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1)); }
    });
    return out;
  }

  function apply(form, write) {
    var selects = form.querySelectorAll("select");
    var wanted = [];
    var state = [];
    selects.forEach(function (s) {
      if (s.value) {
        wanted.push([s.getAttribute("data-attribute"), s.value]);
        state.push(encodeURIComponent(s.name) + "=" + encodeURIComponent(s.value));
      }
    });
    var shown = 0;
    document.querySelectorAll("table.tb-tasks").forEach(function (table) {
      var visible = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var ok = wanted.every(function (w) { return row.getAttribute("data-" + w[0]) === w[1]; });
        row.hidden = !ok;
        if (ok) { visible += 1; }
      });
      shown += visible;
      var box = table.closest(".tb-scroll") || table;
      box.hidden = visible === 0;
    });
    // A month's heading goes with the boxes after it (a long month is several chunks): hidden
    // when every one of them is.
    document.querySelectorAll("h3").forEach(function (heading) {
      var next = heading.nextElementSibling;
      if (!next || !next.classList.contains("tb-scroll")) { return; }
      var empty = true;
      for (; next && next.classList.contains("tb-scroll"); next = next.nextElementSibling) {
        if (!next.hidden) { empty = false; }
      }
      heading.hidden = empty;
    });
    var count = form.querySelector(".tb-filter-count");
    if (count) { count.textContent = wanted.length ? shown + " nhiệm vụ phù hợp" : ""; }
    if (write && window.history && window.history.replaceState) {
      var url = window.location.pathname + window.location.search + (state.length ? "#" + state.join("&") : "");
      window.history.replaceState(null, "", url);
    }
  }

  function setup() {
    var form = document.querySelector("form[data-tb-filters]");
    if (!form || form.getAttribute("data-ready")) { return; }
    form.setAttribute("data-ready", "1");
    var given = params();
    form.querySelectorAll("select").forEach(function (s) {
      var value = given[s.name];
      if (value && s.querySelector('option[value="' + value.replace(/"/g, "") + '"]')) { s.value = value; }
      s.addEventListener("change", function () { apply(form, true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(form, false);
  }

  if (document.readyState !== "loading") { setup(); }
  else { document.addEventListener("DOMContentLoaded", setup); }
})();
