// Progressive enhancement of the ranked ballot: drag and drop, and keyboard-friendly
// "Move up" / "Move down" buttons. The order of ranked items is written back into the same
// rank selectors the page uses without JavaScript, so the form posts exactly as before.
(function () {
  "use strict";
  var list = document.getElementById("ballot-list");
  if (!list) { return; }

  function items() { return Array.prototype.slice.call(list.querySelectorAll(".ballot-item")); }
  function select(item) { return item.querySelector("select"); }
  function ranked(item) { return select(item).value !== ""; }

  // Ranks follow the visual order of the ranked items: 1, 2, 3, ...
  function renumber() {
    var n = 0;
    items().forEach(function (item) {
      if (ranked(item)) { n += 1; select(item).value = String(n); }
    });
  }

  // Ranked items first, in rank order; unranked after, in their current order.
  function sortByRank() {
    var all = items();
    var byRank = all.filter(ranked).sort(function (a, b) {
      return Number(select(a).value) - Number(select(b).value);
    });
    all.filter(function (i) { return !ranked(i); }).forEach(function (i) { byRank.push(i); });
    byRank.forEach(function (i) { list.appendChild(i); });
  }

  function announce(item) {
    var status = document.getElementById("ballot-status");
    var title = item.querySelector("strong").textContent;
    status.textContent = ranked(item) ? title + ": rank " + select(item).value : title + ": not ranked";
  }

  function move(item, delta) {
    if (!ranked(item)) { select(item).value = String(items().filter(ranked).length + 1); }
    var siblings = items();
    var at = siblings.indexOf(item) + delta;
    if (at < 0 || at >= siblings.length) { renumber(); announce(item); return; }
    var other = siblings[at];
    if (delta < 0) { list.insertBefore(item, other); } else { list.insertBefore(other, item); }
    // Unranked items in between stay unranked: ranks follow the order of ranked items only.
    renumber();
    announce(item);
    item.querySelector(delta < 0 ? ".move-up" : ".move-down").focus();
  }

  function button(label, cls, handler) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "secondary move " + cls;
    b.textContent = label;
    b.addEventListener("click", handler);
    return b;
  }

  var status = document.createElement("p");
  status.id = "ballot-status";
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  list.parentNode.insertBefore(status, list);

  var dragged = null;
  items().forEach(function (item) {
    var title = item.querySelector("strong").textContent;
    var controls = document.createElement("div");
    var up = button("Move up", "move-up", function () { move(item, -1); });
    var down = button("Move down", "move-down", function () { move(item, 1); });
    up.setAttribute("aria-label", "Move “" + title + "” up");
    down.setAttribute("aria-label", "Move “" + title + "” down");
    controls.appendChild(up);
    controls.appendChild(down);
    item.appendChild(controls);

    item.draggable = true;
    item.addEventListener("dragstart", function (e) {
      dragged = item;
      item.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", item.getAttribute("data-id"));
    });
    item.addEventListener("dragend", function () {
      item.classList.remove("dragging");
      dragged = null;
    });
    item.addEventListener("dragover", function (e) {
      if (!dragged || dragged === item) { return; }
      e.preventDefault();
      var box = item.getBoundingClientRect();
      var after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? item.nextSibling : item);
    });
    item.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!dragged) { return; }
      // Everything above the dropped item is ranked, as is the dropped item itself.
      var all = items();
      var at = all.indexOf(dragged);
      all.forEach(function (i, k) { if (k <= at && !ranked(i)) { select(i).value = String(all.length); } });
      renumber();
      announce(dragged);
    });
    select(item).addEventListener("change", function () { sortByRank(); renumber(); announce(item); });
  });
})();
