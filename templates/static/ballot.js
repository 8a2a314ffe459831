// Progressive enhancement of the ranked ballot: a filter box, drag and drop, and
// keyboard-friendly "Move up" / "Move down" buttons. The order of ranked items is written back
// into the same rank fields the page uses without JavaScript, so the form posts exactly as
// before. Built for long ballots (1,000 items): one listener per kind of event on the list
// (not per item), and every action is a single pass over the items.
(function () {
  "use strict";
  var list = document.getElementById("ballot-list");
  if (!list) { return; }

  function items() { return Array.prototype.slice.call(list.children); }
  function field(item) { return item.querySelector("input"); }
  function ranked(item) { return field(item).value.trim() !== ""; }
  function title(item) { return item.querySelector("b").textContent; }
  function itemOf(node) {
    while (node && node.parentNode !== list) { node = node.parentNode; }
    return node;
  }

  // Ranks follow the order of the ranked items in the list: 1, 2, 3, ...
  // Ranked items are marked as such, and the summary above the save button follows.
  var summary = document.getElementById("ballot-summary");
  // The page's language: messages come from the list's data-t-* attributes (English if absent).
  function say(name, fallback) { return list.getAttribute("data-t-" + name) || fallback; }
  function fill(text, n, total) { return text.replace("%n", String(n)).replace("%t", String(total)); }
  function renumber() {
    var n = 0;
    var total = 0;
    items().forEach(function (item) {
      total += 1;
      if (ranked(item)) { n += 1; field(item).value = String(n); }
      item.classList.toggle("is-ranked", ranked(item));
    });
    if (summary) {
      summary.textContent = total === 1
        ? fill(say("summary-one", "You have ranked %n of 1 item."), n, total)
        : fill(say("summary-other", "You have ranked %n of %t items."), n, total);
    }
  }

  // Ranked items first, in rank order (ties keep their order); unranked after.
  function sortByRank() {
    var all = items();
    var rankedItems = all.filter(ranked);
    function rank(i) { var n = Number(field(i).value); return isFinite(n) ? n : Infinity; }
    rankedItems.sort(function (a, b) { return rank(a) - rank(b); });
    var fragment = document.createDocumentFragment();
    rankedItems.forEach(function (i) { fragment.appendChild(i); });
    all.forEach(function (i) { if (!ranked(i)) { fragment.appendChild(i); } });
    list.appendChild(fragment);
  }

  var status = document.createElement("p");
  status.id = "ballot-status";
  status.className = "visually-hidden";
  status.setAttribute("role", "status");

  function announce(item) {
    var count = items().filter(ranked).length;
    var where = ranked(item)
      ? say("moved-rank", "%title: rank %n.").replace("%n", field(item).value)
      : say("moved-unranked", "%title: not ranked.");
    var total = count === 1 ? say("moved-count-one", "1 item ranked.") : say("moved-count-other", "%n items ranked.");
    status.textContent = where.replace("%title", title(item)) + " " + total.replace("%n", String(count));
  }

  // The next visible item in the direction of `delta`, so moving works while filtered.
  function neighbour(item, delta) {
    var other = delta < 0 ? item.previousElementSibling : item.nextElementSibling;
    while (other && other.hidden) { other = delta < 0 ? other.previousElementSibling : other.nextElementSibling; }
    return other;
  }

  function move(item, delta) {
    if (!ranked(item)) {
      // Ranking an unranked item puts it just after the last ranked one.
      field(item).value = String(items().filter(ranked).length + 1);
      sortByRank();
    }
    var other = neighbour(item, delta);
    if (other) {
      if (delta < 0) { list.insertBefore(item, other); } else { list.insertBefore(item, other.nextSibling); }
    }
    // Unranked items passed over stay unranked: ranks follow the order of ranked items only.
    renumber();
    announce(item);
    var again = item.querySelector(delta < 0 ? ".move-up" : ".move-down");
    if (again) { again.focus(); }
  }

  // The filter box: hides items whose title or reason does not contain the text typed.
  var texts = new Map();
  items().forEach(function (item) { texts.set(item, item.textContent.toLowerCase()); });
  var box = document.createElement("div");
  box.className = "field";
  var label = document.createElement("label");
  label.htmlFor = "ballot-filter";
  label.textContent = say("find", "Find items");
  var search = document.createElement("input");
  search.type = "search";
  search.id = "ballot-filter";
  search.setAttribute("aria-describedby", "ballot-filter-count");
  var shown = document.createElement("p");
  shown.id = "ballot-filter-count";
  shown.className = "muted";
  shown.setAttribute("aria-live", "polite");
  box.appendChild(label);
  box.appendChild(search);
  box.appendChild(shown);
  list.parentNode.insertBefore(box, list);
  list.parentNode.insertBefore(status, list);

  var pending = 0;
  function applyFilter() {
    pending = 0;
    var needle = search.value.trim().toLowerCase();
    var total = 0;
    var visible = 0;
    items().forEach(function (item) {
      total += 1;
      var match = needle === "" || texts.get(item).indexOf(needle) !== -1;
      item.hidden = !match;
      if (match) { visible += 1; }
    });
    shown.textContent = needle === "" ? "" : fill(say("shown", "%n of %t items shown; ranked items that are hidden keep their ranks."), visible, total);
  }
  search.addEventListener("input", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(applyFilter, 120);
  });
  // Enter in the filter box must not submit the ballot.
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); applyFilter(); } });

  // Move buttons, made once per item from a template; their clicks are handled on the list.
  items().forEach(function (item) {
    var name = title(item);
    var controls = document.createElement("span");
    controls.className = "moves";
    [[say("up", "Move up"), "move-up"], [say("down", "Move down"), "move-down"]].forEach(function (spec) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary move " + spec[1];
      b.textContent = spec[0];
      b.setAttribute("aria-label", spec[0] + ": “" + name + "”");
      controls.appendChild(b);
    });
    item.appendChild(controls);
    item.draggable = true;
  });

  list.addEventListener("click", function (e) {
    var target = e.target;
    if (!target.classList || !target.classList.contains("move")) { return; }
    move(itemOf(target), target.classList.contains("move-up") ? -1 : 1);
  });

  // Typing a rank puts the item at that place among the ranked items; blank unranks it.
  list.addEventListener("change", function (e) {
    var item = itemOf(e.target);
    if (!item || e.target !== field(item)) { return; }
    var wanted = parseInt(field(item).value, 10);
    if (field(item).value.trim() !== "" && !(wanted >= 1)) { return; } // the server explains it
    if (ranked(item)) {
      var others = items().filter(function (i) { return i !== item && ranked(i); });
      var at = Math.min(wanted, others.length + 1);
      var before = others[at - 1] || null;
      if (before) { list.insertBefore(item, before); } else {
        var firstUnranked = items().filter(function (i) { return i !== item && !ranked(i); })[0] || null;
        list.insertBefore(item, firstUnranked);
      }
    } else {
      var last = items().filter(ranked).pop();
      list.insertBefore(item, last ? last.nextSibling : list.firstChild);
    }
    renumber();
    announce(item);
  });

  var dragged = null;
  list.addEventListener("dragstart", function (e) {
    dragged = itemOf(e.target);
    if (!dragged) { return; }
    dragged.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", title(dragged));
  });
  list.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
  });
  list.addEventListener("dragover", function (e) {
    var item = itemOf(e.target);
    if (!dragged || !item || item === dragged) { return; }
    e.preventDefault();
    var box = item.getBoundingClientRect();
    var after = e.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? item.nextSibling : item);
  });
  list.addEventListener("drop", function (e) {
    e.preventDefault();
    if (!dragged) { return; }
    // Everything above the dropped item is ranked, as is the dropped item itself.
    var all = items();
    var at = all.indexOf(dragged);
    for (var k = 0; k <= at; k += 1) {
      var f = field(all[k]);
      if (f.value.trim() === "") { f.value = String(all.length); }
    }
    renumber();
    announce(dragged);
  });
})();
