// dyad serve: the pages work without this script. It suggests actor codes while one types
// (from /api/actors) and marks the sentence a link pointed at.
(function () {
  "use strict";
  var list = document.getElementById("actor-codes");
  var timer = null;
  function suggest(input) {
    var q = input.value.trim();
    if (!list || q.length < 2) return;
    fetch("/api/actors?limit=30&q=" + encodeURIComponent(q))
      .then(function (r) { return r.ok ? r.json() : { actors: [] }; })
      .then(function (data) {
        list.textContent = "";
        data.actors.forEach(function (a) {
          var o = document.createElement("option");
          o.value = a.code;
          o.textContent = a.name + " (" + a.events + ")";
          list.appendChild(o);
        });
      })
      .catch(function () {});
  }
  document.querySelectorAll("input[list=actor-codes]").forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(input); }, 150);
    });
  });
  // A document opened at a sentence (#s12): mark that sentence's text.
  if (location.hash.match(/^#s\d+$/)) {
    var anchor = document.getElementById(location.hash.slice(1));
    var next = anchor && anchor.nextElementSibling;
    if (next && next.tagName === "SPAN") next.classList.add("focus");
    if (anchor) anchor.scrollIntoView({ block: "center" });
  }
})();
