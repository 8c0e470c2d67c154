// Progressive enhancement only: every page works without this script.
// Material's instant navigation is off, so plain DOMContentLoaded is enough.
(function () {
  "use strict";

  function setUpTimelineFilter(block) {
    var fieldset = block.querySelector(".timeline-filter");
    if (!fieldset) return;
    var boxes = fieldset.querySelectorAll("input[name=thread]");
    var events = block.querySelectorAll(".timeline-event");
    var count = fieldset.querySelector(".timeline-count");
    function apply() {
      var on = {};
      boxes.forEach(function (b) { on[b.value] = b.checked; });
      var shown = 0;
      events.forEach(function (e) {
        var visible = e.getAttribute("data-threads").split(" ").some(function (t) { return on[t]; });
        e.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + " of " + events.length + " events shown";
    }
    boxes.forEach(function (b) { b.addEventListener("change", apply); });
    fieldset.hidden = false;
    apply();
  }

  function setUpCopyLinks() {
    document.querySelectorAll("[data-copy-link], a.headerlink").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!navigator.clipboard) return;  // fall back to following the anchor
        var url = new URL(link.getAttribute("href"), window.location.href).href;
        navigator.clipboard.writeText(url).then(function () {
          link.setAttribute("data-copied", "true");
          link.setAttribute("title", "Link copied");
        }, function () {});
        // Still move to the anchor, so the address bar shows the link too.
        void event;
      });
    });
  }

  function start() {
    document.querySelectorAll("[data-timeline-filter]").forEach(setUpTimelineFilter);
    setUpCopyLinks();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
