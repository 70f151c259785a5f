// Filtering for reprint's HTML pages. The pages are complete without it: it only hides
// articles or rows on request. When it has run, it marks the page with data-js="ok".
(function () {
  "use strict";
  var root = document.documentElement;
  var form = document.getElementById("filters");
  if (form) {
    form.hidden = false;
    var articles = Array.prototype.slice.call(document.querySelectorAll("article.art"));
    var shown = document.getElementById("shown");
    var apply = function () {
      var kinds = Array.prototype.slice
        .call(form.querySelectorAll("input[name=kind]:checked"))
        .map(function (x) { return x.value; });
      var q = (form.querySelector("input[type=search]") || { value: "" }).value.trim().toLowerCase();
      var flaggedOnly = form.querySelector("input[name=flagged]");
      document.body.classList.toggle("flagged-only", !!(flaggedOnly && flaggedOnly.checked));
      var n = 0;
      articles.forEach(function (a) {
        var have = (a.getAttribute("data-kinds") || "").split(" ");
        var okKind = kinds.length === 0 || kinds.some(function (k) { return have.indexOf(k) >= 0; });
        var okText = q === "" || (a.getAttribute("data-search") || "").indexOf(q) >= 0;
        a.hidden = !(okKind && okText);
        if (!a.hidden) { n += 1; }
      });
      if (shown) { shown.textContent = String(n); }
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }
  var pairs = document.getElementById("pairs-only");
  if (pairs) {
    pairs.parentNode.hidden = false;
    pairs.addEventListener("change", function () {
      document.body.classList.toggle("pairs-only", pairs.checked);
    });
  }
  root.setAttribute("data-js", "ok");
})();
