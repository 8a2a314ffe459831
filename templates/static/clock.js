// Ticks the running agenda item's clock on the live meeting page between page loads. The
// page itself shows the minutes used by the server's clock and works without this file; the
// script only counts on from the server's time (so a wrong clock on this device does not
// matter) and says when the item runs over its time box.
(function () {
  "use strict";
  var root = document.getElementById("live-clock");
  var clocks = document.querySelectorAll(".live-clock");
  if (!root || clocks.length === 0) { return; }
  var offset = Date.parse(root.getAttribute("data-now")) - Date.now();
  // The page's language: the words come from the clock's data-t-* attributes (English if absent).
  function say(name, fallback) { return root.getAttribute("data-t-" + name) || fallback; }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function tick() {
    var now = Date.now() + offset;
    Array.prototype.forEach.call(clocks, function (el) {
      var started = Date.parse(el.getAttribute("data-started"));
      var planned = Number(el.getAttribute("data-planned")) * 60;
      var used = Math.max(0, Math.floor((now - started) / 1000));
      var text = say("used", "%t used").replace("%t", Math.floor(used / 60) + ":" + pad(used % 60));
      if (used > planned) {
        text += ", " + say("over", "%n min over").replace("%n", String(Math.ceil((used - planned) / 60)));
      }
      el.textContent = text;
    });
  }
  tick();
  window.setInterval(tick, 1000);
}());
