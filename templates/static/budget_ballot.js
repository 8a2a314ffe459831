// Keeps the budget ballot's running total live as boxes are ticked or ranks typed. The server
// computes the same total ("Check my total") and refuses an over-limit ballot, so this is
// only a convenience: the page works without it.
(function () {
  "use strict";
  var form = document.getElementById("budget-ballot");
  var out = document.getElementById("running-total");
  if (!form || !out) { return; }
  var amount = parseInt(out.getAttribute("data-amount"), 10) || 0;
  var currency = out.getAttribute("data-currency") || "";
  var max = parseInt(out.getAttribute("data-max"), 10) || 0;
  // The page's language: messages come from data-t-* attributes (English if absent).
  function say(name, fallback) { return out.getAttribute("data-t-" + name) || fallback; }
  // Amounts as the page's language writes them, as the server does: "1,200.50 EUR" in
  // English, "1 200,50 EUR" in French.
  var lang = document.documentElement.lang || "en";
  function money(minor) {
    var digits = Math.abs(minor) % 100 ? 2 : 0;
    return (Math.abs(minor) / 100).toLocaleString(lang, {
      minimumFractionDigits: digits, maximumFractionDigits: digits
    }) + " " + currency;
  }
  function update() {
    var count = 0, total = 0;
    form.querySelectorAll("input[data-cost]").forEach(function (input) {
      var chosen = input.type === "checkbox" ? input.checked : input.value.trim() !== "";
      if (chosen) { count += 1; total += parseInt(input.getAttribute("data-cost"), 10) || 0; }
    });
    var left = amount - total;
    var chosen = count === 1 ? say("chosen-one", "%n idea chosen, costing %c;") :
      say("chosen-other", "%n ideas chosen, costing %c;");
    var text = chosen.replace("%n", count).replace("%c", money(total)) + " " +
      (left < 0 ? say("over", "%c over the budget.").replace("%c", money(-left)) :
        say("left", "%c of the budget left.").replace("%c", money(left)));
    if (max) {
      text += " " + (count > max ? say("remove", "At most %m ideas: remove %n.").replace("%n", count - max) :
        say("at-most", "At most %m ideas.")).replace("%m", max);
    }
    out.textContent = text;
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
})();
