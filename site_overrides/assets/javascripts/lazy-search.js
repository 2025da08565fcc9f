/* Search loads nothing until a resident uses it (issue 19: a resident's first view).
 *
 * Inlined in every page's <head> (main.html), so it runs before Material's bundle:
 *
 * 1. The bundle asks for search/search_index.json with an XMLHttpRequest as the page
 *    loads. Such a request is opened as usual but not sent until the search box is
 *    first used: a tap or a click on the magnifier or the box, focus (Material's /, s
 *    and f keys focus it), typing. Then every held request is sent. A page opened from
 *    a search result with ?h= (Material highlights the words) sends it at once.
 * 2. The bundle creates its search worker (a 39 KB script, which then loads lunr's
 *    Chinese support) as the page loads, and first talks to it once the index has
 *    arrived. The worker it gets is a stand-in that creates the real one on that first
 *    message, with every listener the bundle added; messages go through the real
 *    Worker.prototype.postMessage, where search.js rewrites queries.
 *
 * Without this script (or without JavaScript) search works as Material made it.
 */
(function () {
  "use strict";
  var wanted = /[?&]h=/.test(location.search), held = [];
  var X = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (X) {
    var open = X.open, send = X.send;
    X.open = function (method, url) {
      this.ppIndex = /\/search\/search_index\.json$/.test(String(url).split("?")[0]);
      return open.apply(this, arguments);
    };
    X.send = function () {
      if (this.ppIndex && !wanted) { held.push([this, arguments]); return; }
      return send.apply(this, arguments);
    };
  }
  function use(event) {
    var t = event.target;
    if (wanted || !t || !t.closest ||
        !t.closest("[data-md-component=search],label[for=__search],#__search")) return;
    wanted = true;
    held.splice(0).forEach(function (h) { send.apply(h[0], h[1]); });
  }
  ["pointerdown", "touchstart", "mousedown", "focusin", "input", "change"].forEach(
    function (name) { document.addEventListener(name, use, true); });

  var Real = window.Worker;
  if (!Real) return;
  function Lazy(url, options) {
    if (!/\/workers\/search\.[^\/]*\.js$/.test(String(url)))
      return options === undefined ? new Real(url) : new Real(url, options);
    var real = null, listeners = [];
    function start() {
      if (real) return real;
      real = options === undefined ? new Real(url) : new Real(url, options);
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      return real;
    }
    // (the stand-in's prototype is Worker's, for instanceof; its accessors such as
    // onmessage throw on it: Material uses addEventListener only)
    this.addEventListener = function (type, listener, capture) {
      listeners.push([type, listener, capture]);
      if (real) real.addEventListener(type, listener, capture);
    };
    this.removeEventListener = function (type, listener, capture) {
      listeners = listeners.filter(function (l) { return l[0] !== type || l[1] !== listener; });
      if (real) real.removeEventListener(type, listener, capture);
    };
    this.postMessage = function () { var w = start(); return w.postMessage.apply(w, arguments); };
    this.terminate = function () { if (real) real.terminate(); };
  }
  Lazy.prototype = Real.prototype;
  window.Worker = Lazy;
})();
