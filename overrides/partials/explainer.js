// Progressive enhancement only: every page works without this script. overrides/main.html
// writes it into every page (no request of its own), so it holds no Jinja delimiters and no
// closing script tag.
// Material's instant navigation is off, so plain DOMContentLoaded is enough. Nothing here
// measures or moves layout: it only sets attributes, text and the order of list items.
(function () {
  "use strict";

  // -- Old links to a record that now lives on another page ---------------------------------
  // /timeline/ and /sources/ list their records on pages made from data, and a page's own
  // timeline may show only its key and latest events; a link such as timeline/#<event-id> is
  // sent on to the page that has the event (anchors.json, written by the build next to the page).
  function forwardOldAnchor() {
    var marker = document.querySelector("[data-anchor-map]");
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (!marker || !hash || document.getElementById(hash) || !window.fetch) return;
    fetch(marker.getAttribute("data-anchor-map"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (map) {
        if (Object.prototype.hasOwnProperty.call(map, hash)) {
          window.location.replace(new URL(map[hash], window.location.href).href);
        }
      })
      .catch(function () {});
  }

  // -- The timeline filter: one thread or all, key moments only, newest first ---------------
  function setUpTimelineFilter(block) {
    var controls = block.querySelector(".timeline-controls");
    if (!controls) return;
    var radios = controls.querySelectorAll("input[name=thread]");
    var keyOnly = controls.querySelector("input[name=key]");
    var newest = controls.querySelector("input[name=newest]");
    var count = controls.querySelector(".timeline-count");
    var events = block.querySelectorAll(".timeline-event");
    var sections = block.querySelectorAll(".timeline-year");
    var reversed = false;

    function reverseChildren(parent, selector) {
      var items = Array.prototype.slice.call(parent.querySelectorAll(":scope > " + selector));
      items.reverse().forEach(function (item) { parent.appendChild(item); });
    }

    function apply() {
      var thread = "";
      radios.forEach(function (r) { if (r.checked) thread = r.value; });
      var shown = 0;
      events.forEach(function (e) {
        var threads = e.getAttribute("data-threads").split(" ");
        var visible = (!thread || threads.indexOf(thread) >= 0) && (!keyOnly || !keyOnly.checked || e.hasAttribute("data-key"));
        e.hidden = !visible;
        if (visible) shown += 1;
      });
      sections.forEach(function (s) {
        s.hidden = !s.querySelector(".timeline-event:not([hidden])");
      });
      if (newest && newest.checked !== reversed) {
        reversed = newest.checked;
        block.querySelectorAll("ol.timeline").forEach(function (list) { reverseChildren(list, "li"); });
        if (sections.length > 1) reverseChildren(sections[0].parentNode, ".timeline-year");
      }
      // The words come from the page, in its language: "{shown} of {total} events shown".
      var template = count.getAttribute("data-template") || "{shown} / {total}";
      count.textContent = template.replace("{shown}", shown).replace("{total}", events.length);
    }

    radios.forEach(function (r) { r.addEventListener("change", apply); });
    if (keyOnly) keyOnly.addEventListener("change", apply);
    if (newest) newest.addEventListener("change", apply);
    apply();
  }

  // -- Copy a permanent link ----------------------------------------------------------------
  function setUpCopyLinks() {
    document.querySelectorAll("[data-copy-link], a.headerlink").forEach(function (link) {
      link.addEventListener("click", function () {
        if (!navigator.clipboard) return;  // the link is followed as usual
        var url = new URL(link.getAttribute("href"), window.location.href).href;
        navigator.clipboard.writeText(url).then(function () {
          link.setAttribute("data-copied", "true");
          link.setAttribute("title", "Link copied");
        }, function () {});
      });
    });
  }

  function start() {
    forwardOldAnchor();
    document.querySelectorAll("[data-timeline-filter]").forEach(setUpTimelineFilter);
    setUpCopyLinks();
  }
  if (document.readyState === "loading") {
    // once: the theme's deferred bundle announces DOMContentLoaded a second time (overrides/main.html).
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
