// The hub's filter box: an enhancement. Drawn from the first paint (no jump); without
// JavaScript a <noscript> style hides it (main.html) and the full list shows.
document$.subscribe(function () {
  var box = document.querySelector(".pp-filter");
  var input = document.getElementById("pp-filter-input");
  var items = document.querySelectorAll(".pp-settlements li");
  if (!box || !input) return;
  box.hidden = false;
  var count = box.querySelector(".pp-filter__count");
  input.addEventListener("input", function () {
    var q = input.value.trim();
    var shown = 0;
    items.forEach(function (li) {
      var hit = !q || li.getAttribute("data-search").indexOf(q) !== -1;
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    count.textContent = q ? "找到 " + shown + " 个安置点" : "";
  });
});
