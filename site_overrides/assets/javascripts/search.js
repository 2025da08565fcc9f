/* Search: pasted text searches, and a query is cut into the words the index holds.
 *
 * 1. Material searches on key-ups only: text pasted, dictated or chosen from an input
 *    method's list arrives as an `input` event with no key-up. We answer each `input`
 *    in the search box with the key-up Material listens for.
 *
 *    The form's 查找 button (or Enter) keeps the page and moves to the first result.
 *
 * 2. Material cuts a Chinese query with a segmenter that never reaches the last
 *    character (its `segment()` stops one short): 转学 becomes 转*, which matches 转账 and
 *    转冷. Its worker is a fixed bundle, so instead we rewrite the query on its way to
 *    the worker (Worker.prototype.postMessage, the only place it passes through):
 *      - each run of Chinese is cut into the words the index holds, longest first, the
 *        last one allowed to be the start of a word (the resident is still typing);
 *      - each word is sent as ⺀word: Material keeps a run it cannot cut whole, and ⺀ is
 *        a separator (mkdocs.yml), so the word reaches the index as word* and nothing else;
 *      - a single character left over inside a longer run must match exactly (字^1);
 *      - a building number in any form (3号楼, 3栋, 3幢, 三号楼) becomes lou3, which the
 *        build adds to every section naming that building (generator/sites/search_terms.py).
 *    Without this script search works as Material made it.
 */
(function () {
  "use strict";
  if (window.ppSearchReady) return; // navigation.instant may run scripts again
  window.ppSearchReady = true;

  var SETUP = 0, QUERY = 2; // Material's SearchMessageType
  var MARK = "\u2e80";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var CN = "零一二三四五六七八九十百两〇";
  var BUILDING = new RegExp(
    "(^|[^0-9" + CN + "])([0-9]{1,3}|[" + CN + "]{1,4})\\s*(?:号楼|号住宅楼|栋|幢)", "g");
  var words = null;    // every token of the index
  var prefixes = null; // every start of a Chinese token

  function learn(index) {
    words = Object.create(null);
    prefixes = Object.create(null);
    var separator = new RegExp(index.config.separator, "g");
    (index.docs || []).forEach(function (doc) {
      var text = [doc.title || "", doc.text || "", (doc.tags || []).join(" ")].join(" ");
      text.replace(/<[^>]*>/g, " ").toLowerCase().split(separator).forEach(function (w) {
        if (!w || words[w]) return;
        words[w] = true;
        if (/^[\u3400-\u9fff\uf900-\ufaff]+$/.test(w))
          for (var i = 1; i <= w.length; i++) prefixes[w.slice(0, i)] = true;
      });
    });
  }

  function number(written) {
    if (/^[0-9]+$/.test(written)) return parseInt(written, 10);
    var digits = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
      "六": 6, "七": 7, "八": 8, "九": 9 };
    var total = 0, current = 0;
    for (var i = 0; i < written.length; i++) {
      var c = written[i];
      if (c in digits) current = digits[c];
      else if (c === "十") { total += (current || 1) * 10; current = 0; }
      else if (c === "百") { total += (current || 1) * 100; current = 0; }
    }
    return total + current;
  }

  /* A run of Chinese → its words: fewest pieces, single characters and unknown ones last. */
  function cut(run) {
    var n = run.length, best = [0], from = [0];
    for (var j = 1; j <= n; j++) {
      best[j] = Infinity;
      for (var i = Math.max(0, j - 12); i < j; i++) {
        var piece = run.slice(i, j), cost;
        if (piece.length > 1 && words[piece]) cost = 1;
        else if (piece.length > 1 && j === n && prefixes[piece]) cost = 1.5;
        else if (piece.length === 1) cost = words[piece] ? 2 : 4;
        else continue;
        if (best[i] + cost < best[j]) { best[j] = best[i] + cost; from[j] = i; }
      }
    }
    var pieces = [];
    for (var k = n; k > 0; k = from[k]) pieces.unshift(run.slice(from[k], k));
    return pieces;
  }

  function rewrite(query) {
    if (!words || typeof query !== "string") return query;
    query = query.replace(BUILDING, function (all, before, written) {
      var n = number(written);
      return n > 0 ? before + " lou" + n + "^1 " : all;
    });
    return query.replace(HAN, function (run) {
      var pieces = cut(run);
      return " " + pieces.map(function (p) {
        return MARK + p + (p.length === 1 && pieces.length > 1 ? "^1" : "");
      }).join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }

  if (typeof Worker !== "undefined") {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === SETUP && message.data && message.data.config) {
        try { learn(message.data); } catch (e) { words = null; }
      } else if (message && message.type === QUERY) {
        var rewritten;
        try { rewritten = rewrite(message.data); } catch (e) { rewritten = message.data; }
        arguments[0] = { type: QUERY, data: rewritten };
      }
      return post.apply(this, arguments);
    };
  }

  // The form's 查找 button (partials/search.html), or Enter: stay on the page, run the
  // query and move to the first result, as a resident who pressed 查找 expects.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.matches || !form.matches("form[name=search]")) return;
    event.preventDefault();
    var box = form.querySelector("[data-md-component=search-query]");
    if (box) box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    setTimeout(function () {
      var first = document.querySelector(".md-search-result__link");
      if (first) first.focus();
    }, 300);
  });

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches("[data-md-component=search-query]"))
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });
})();
