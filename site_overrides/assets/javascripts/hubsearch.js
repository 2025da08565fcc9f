// The hub's search by need: "where can I apply for 低保" across every settlement.
//
// The index is static, sharded JSON under search/hub/<version>/ (generator/sites/hub_index.py
// says what each file holds). A query fetches meta.json, the term shards of its own words,
// the few service groups it ranks first and, for the settlements it shows, their blocks:
// a few tens of KB, however many settlements the county has. Town by town: when more
// settlements match than fit a phone's screen, each town opens on a tap.
//
// Everything from the index is staff data: it is only ever put in the page as text
// (textContent) or as an address made of encoded parts, never as HTML.
(function () {
  "use strict";
  // loaded by the hub's home page only: again each time navigation.instant shows it
  if (window.ppHubSearch) return;
  window.ppHubSearch = true;

  var MAX_GROUPS = 6; // service groups shown (a query that matches more says so)
  var SHOW_ALL = 40; // up to this many settlements are listed at once; more: town by town
  // (the form's data-show-all, when set, says another number: the tests use it)
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var ASCII = /[a-z0-9]+/g;
  // words of a question that say nothing about the need: 孩子转学怎么办 → 孩子转学
  var FILLER = /怎么办|怎么|如何|我要|我想|想要|请问|哪里|在哪|去哪|能不能|可以|需要|什么|吗|呢|啊|吧/g;
  var cache = {}; // url → promise of its JSON, for this page's life

  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  // FNV-1a, 32 bits, over UTF-16 code units: hub_index.shard_of
  function shardOf(term, shards) {
    var h = 0x811c9dc5;
    for (var k = 0; k < term.length; k++) {
      h ^= term.charCodeAt(k);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }

  // The query's terms (hub_index.query_terms), each with the characters it covers.
  function parse(query) {
    var text = query.normalize("NFKC").toLowerCase();
    var kept = text.replace(FILLER, " ");
    if (kept.match(HAN) || kept.match(ASCII)) text = kept;
    var terms = {};
    var total = 0;
    (text.match(HAN) || []).forEach(function (run, r) {
      if (run.length === 1) {
        terms[run] = terms[run] || [];
        terms[run].push(r + ":0");
      }
      for (var k = 0; k + 1 < run.length; k++) {
        var bigram = run.substr(k, 2);
        terms[bigram] = terms[bigram] || [];
        terms[bigram].push(r + ":" + k, r + ":" + (k + 1));
      }
      total += run.length;
    });
    (text.match(ASCII) || []).forEach(function (word) {
      terms[word] = terms[word] || [];
      for (var k = 0; k < word.length; k++) terms[word].push("a" + word + ":" + k);
      total += word.length;
    });
    return { terms: terms, total: total };
  }

  // Groups ranked by how much of the query they cover, then by how well (name > words).
  function rank(parsed, shards) {
    var covered = {};
    var weight = {};
    Object.keys(parsed.terms).forEach(function (term, t) {
      var postings = shards[t][term];
      if (!Array.isArray(postings)) return;
      for (var k = 0; k + 1 < postings.length; k += 2) {
        var g = postings[k];
        covered[g] = covered[g] || {};
        parsed.terms[term].forEach(function (place) { covered[g][place] = true; });
        weight[g] = (weight[g] || 0) + postings[k + 1];
      }
    });
    var found = Object.keys(covered).map(function (g) {
      return { id: Number(g), cover: Object.keys(covered[g]).length / parsed.total, weight: weight[g] };
    });
    found = found.filter(function (x) { return x.cover > 0.5; });
    found.sort(function (a, b) { return b.cover - a.cover || b.weight - a.weight || a.id - b.id; });
    return found;
  }

  function townOf(meta, number) {
    var town = meta.towns[0];
    for (var k = 0; k < meta.towns.length && meta.towns[k][1] <= number; k++) town = meta.towns[k];
    return town[0];
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function segment(value) {
    return encodeURIComponent(String(value));
  }

  function setup(form) {
    var input = form.querySelector("#pp-needsearch-input");
    var status = form.querySelector(".pp-needsearch__status");
    var results = form.querySelector(".pp-needsearch__results");
    var base = new URL(form.getAttribute("data-index"), location.href).href;
    var root = new URL(form.getAttribute("data-root") || ".", location.href).href;
    var turn = 0; // the latest query: an answer to an older one is dropped
    var timer = null;

    function blocksOf(meta, numbers) {
      var wanted = {};
      numbers.forEach(function (n) { wanted[Math.floor(n / meta.block)] = true; });
      return Promise.all(Object.keys(wanted).map(function (b) {
        return getJSON(base + "s/" + b + ".json").then(function (rows) { return [Number(b), rows]; });
      })).then(function (pairs) {
        var byBlock = {};
        pairs.forEach(function (pair) { byBlock[pair[0]] = pair[1]; });
        return function (n) { return byBlock[Math.floor(n / meta.block)][n % meta.block]; };
      });
    }

    // One town's settlements, each with its matching services as links.
    function townList(meta, numbers, hits, settlement) {
      var list = el("ul", "pp-hits");
      numbers.forEach(function (n) {
        var row = settlement(n);
        if (!row) return;
        var item = el("li", "pp-hit");
        item.appendChild(el("span", "pp-hit__name", row[1]));
        hits[n].forEach(function (hit) {
          var link = el("a", "pp-hit__service", hit.name);
          link.href = root + segment(row[0]) + "/handbook/" + segment(hit.id) + "/";
          link.appendChild(el("span", "pp-visually-hidden", "（" + row[1] + "）"));
          item.appendChild(link);
        });
        list.appendChild(item);
      });
      return list;
    }

    function show(meta, groups, more) {
      var hits = {}; // settlement number → [{name, id}]
      groups.forEach(function (group) {
        group.s.forEach(function (n, k) {
          (hits[n] = hits[n] || []).push({ name: group.n, id: group.ids[group.i ? group.i[k] : 0] });
        });
      });
      var numbers = Object.keys(hits).map(Number).sort(function (a, b) { return a - b; });
      var towns = [];
      numbers.forEach(function (n) {
        var town = townOf(meta, n);
        if (!towns.length || towns[towns.length - 1].name !== town) towns.push({ name: town, numbers: [] });
        towns[towns.length - 1].numbers.push(n);
      });
      var limit = Number(form.getAttribute("data-show-all") || SHOW_ALL);
      var all = numbers.length <= limit;
      return (all ? blocksOf(meta, numbers) : Promise.resolve(null)).then(function (settlement) {
        results.textContent = "";
        towns.forEach(function (town, t) {
          results.appendChild(el("h3", "pp-hits__town", town.name + "（" + town.numbers.length + " 个安置点）"));
          if (settlement) {
            results.appendChild(townList(meta, town.numbers, hits, settlement));
            return;
          }
          var button = el("button", "pp-hits__open", "查看" + town.name + "能办的 " + town.numbers.length + " 个安置点");
          button.type = "button";
          button.setAttribute("aria-expanded", "false");
          var box = el("div", "pp-hits__box");
          box.id = "pp-hits-town-" + t;
          button.setAttribute("aria-controls", box.id);
          button.addEventListener("click", function () {
            if (button.getAttribute("aria-expanded") === "true") {
              box.hidden = true;
              button.setAttribute("aria-expanded", "false");
              return;
            }
            button.setAttribute("aria-expanded", "true");
            box.hidden = false;
            if (box.firstChild) return;
            box.appendChild(el("p", "pp-hits__wait", "正在加载……"));
            blocksOf(meta, town.numbers).then(function (one) {
              box.textContent = "";
              box.appendChild(townList(meta, town.numbers, hits, one));
            }, function () {
              box.textContent = "";
              box.appendChild(el("p", "", "加载失败，请检查网络后再点一次。"));
              button.setAttribute("aria-expanded", "false");
            });
          });
          results.appendChild(button);
          results.appendChild(box);
        });
        var names = groups.map(function (g) { return g.n; }).join("、");
        var said = "找到 " + numbers.length + " 个安置点能办：" + names + "。";
        if (towns.length > 1) said += "分布在 " + towns.length + " 个乡镇。";
        if (!all) said += "请点您所在的乡镇查看。";
        if (more) said += "还有 " + more + " 项相关事项，输入得更具体些可以找到。";
        status.textContent = said;
      });
    }

    function search() {
      var query = input.value.trim();
      var mine = ++turn;
      if (!query) {
        status.textContent = "";
        results.textContent = "";
        return;
      }
      var parsed = parse(query);
      var terms = Object.keys(parsed.terms);
      if (!terms.length) {
        status.textContent = "请输入想办的事，例如：低保、转学、医保。";
        results.textContent = "";
        return;
      }
      status.textContent = "正在查找……";
      getJSON(base + "meta.json").then(function (meta) {
        return Promise.all(terms.map(function (term) {
          return getJSON(base + "t/" + shardOf(term, meta.shards) + ".json");
        })).then(function (shards) {
          var ranked = rank(parsed, shards);
          var top = ranked.slice(0, MAX_GROUPS);
          return Promise.all(top.map(function (x) {
            return getJSON(base + "g/" + x.id + ".json");
          })).then(function (groups) {
            if (mine !== turn) return null;
            if (!groups.length) {
              results.textContent = "";
              status.textContent = "没有找到「" + query + "」。换个说法试试，或点下面的常办事项。";
              return null;
            }
            return show(meta, groups, ranked.length - top.length);
          });
        });
      }).catch(function () {
        if (mine !== turn) return;
        status.textContent = "现在查不了，请检查网络后再试，或点下面的常办事项。";
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search();
    });
    input.addEventListener("input", function (event) {
      if (event.isComposing) return; // an input method is still choosing characters
      clearTimeout(timer);
      timer = setTimeout(search, 400);
    });
    input.addEventListener("compositionend", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 400);
    });
  }

  function start() {
    var form = document.querySelector(".pp-needsearch");
    if (form && !form.hasAttribute("data-ready")) {
      form.setAttribute("data-ready", "");
      setup(form);
    }
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
