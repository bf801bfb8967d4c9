// Claim matrix: a click on a row or an outlet cell opens that claim's evidence (a <details>,
// which also works without this script) and points at the outlet clicked.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function show(row, outlet) {
    var details = row.querySelector("details.evidence");
    if (!details) return;
    var items = details.querySelectorAll("[data-outlet]");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.toggle("focus", outlet !== null && items[i].getAttribute("data-outlet") === outlet);
    }
    details.open = outlet !== null || !details.open;
    row.classList.toggle("selected", details.open);
  }

  function activate(target) {
    var row = target.closest && target.closest("tr.claim");
    // the <summary> toggles by itself; clicks inside open evidence are for reading and selecting text
    if (!row || target.closest("summary, details.evidence > div, a")) return false;
    var cell = target.closest("td[data-outlet]");
    show(row, cell ? cell.getAttribute("data-outlet") : null);
    return true;
  }

  document.addEventListener("click", function (event) { activate(event.target); });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("td[data-outlet]")) {
      if (activate(event.target)) event.preventDefault();
    }
  });

  // A link to an article opens its collapsed section.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
