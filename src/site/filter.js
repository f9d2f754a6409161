// The careers page's filters, when scripts run: four menus that show only the matching cards.
// Without scripts the page lists every posting and links to one page per filter value.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  var links = document.getElementById("filter-links");
  var status = document.getElementById("shown");
  if (!form || !status) { return; }
  var keys = ["role", "level", "place", "workplace"];
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".group"));
  var params = new URLSearchParams(window.location.search);
  keys.forEach(function (key) {
    var value = params.get(key);
    var menu = form.elements[key];
    if (value && menu && Array.prototype.some.call(menu.options, function (o) { return o.value === value; })) {
      menu.value = value;
    }
  });
  function apply() {
    var wanted = {};
    keys.forEach(function (key) { wanted[key] = form.elements[key] ? form.elements[key].value : ""; });
    var shown = 0;
    cards.forEach(function (card) {
      var match = keys.every(function (key) { return !wanted[key] || card.getAttribute("data-" + key) === wanted[key]; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) { group.hidden = !group.querySelector(".card:not([hidden])"); });
    status.textContent = shown === 1 ? "1 position shown" : shown + " positions shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  if (links) { links.hidden = true; }
  apply();
})();
