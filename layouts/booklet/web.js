/* The web edition's script (copied into the site as site.js): the contents button on a phone, the
   search over search-index.js, the highlight of the words searched for, and print page numbers
   (#page-12) from any page. Everything works from the files alone, with no server. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var index = window.publisherSearch || { articles: [], pages: {} };

  /* #page-N on a page that does not hold that printed page: go to the article that does. */
  var page = /^#page-(\d+)$/.exec(location.hash);
  if (page && !document.getElementById("page-" + page[1]) && index.pages[page[1]]) {
    location.replace(index.pages[page[1]] + location.hash);
    return;
  }

  var toggle = document.querySelector(".contents-toggle");
  var contents = document.getElementById("contents");
  if (toggle && contents) {
    toggle.addEventListener("click", function () {
      var open = contents.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function plain(text) {
    return text.replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* Whether a word of the article begins (2) or ends (1) before character i (publisher/render/web/search.py). */
  function cut(cuts, i) {
    return (parseInt(cuts.charAt(i >> 1), 16) >> (i & 1 ? 0 : 2)) & 3;
  }

  function positions(article, term) {
    var found = [];
    for (var at = article.text.indexOf(term); at >= 0; at = article.text.indexOf(term, at + 1)) {
      found.push(at);
    }
    return found;
  }

  /* Where each term is found in each article: as a word where the segmenter saw one in any article,
     else (a name it did not know, a part of a word) as any run of characters. */
  function search(query) {
    var terms = plain(query).split(" ").filter(Boolean);
    if (!terms.length) return [];
    var hits = index.articles.map(function () { return []; });
    terms.forEach(function (term, n) {
      var anywhere = index.articles.map(function (article) { return positions(article, term); });
      var words = index.articles.map(function (article, i) {
        return anywhere[i].filter(function (at) {
          return cut(article.cuts, at) & 2 && cut(article.cuts, at + term.length) & 1;
        });
      });
      var chosen = words.some(function (w) { return w.length; }) ? words : anywhere;
      chosen.forEach(function (found, i) {
        hits[i].push(found);
      });
    });
    var results = [];
    index.articles.forEach(function (article, i) {
      if (hits[i].every(function (found) { return found.length; })) {
        var score = 0;
        hits[i].forEach(function (found, n) {
          score += found.length + (article.title.toLowerCase().indexOf(terms[n]) >= 0 ? 10 : 0);
        });
        results.push({ article: article, score: score, at: hits[i][0][0], terms: terms, order: i });
      }
    });
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return results;
  }

  /* Text with every term in <mark>, built as nodes (never as markup: the text is the book's). */
  function marked(text, terms, into) {
    var at = 0;
    while (at < text.length) {
      var next = -1, length = 0;
      terms.forEach(function (term) {
        var found = text.indexOf(term, at);
        if (found >= 0 && (next < 0 || found < next)) { next = found; length = term.length; }
      });
      if (next < 0) break;
      into.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      into.appendChild(mark);
      at = next + length;
    }
    into.appendChild(document.createTextNode(text.slice(at)));
  }

  var form = document.querySelector("form.search");
  var input = document.getElementById("search-query");
  var panel = document.getElementById("search-results");
  var shown = [];

  function show(query) {
    shown = search(query);
    panel.textContent = "";
    if (!plain(query)) {
      panel.hidden = true;
      return;
    }
    var heading = document.createElement("p");
    heading.className = "count";
    heading.textContent = shown.length
      ? form.getAttribute("data-results").replace("{count}", shown.length)
      : form.getAttribute("data-none");
    panel.appendChild(heading);
    var list = document.createElement("ol");
    shown.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.article.href + "?q=" + encodeURIComponent(query);
      link.textContent = result.article.title;
      var snippet = document.createElement("p");
      var text = result.article.text;
      var start = Math.max(0, result.at - 24);
      marked((start ? "…" : "") + text.slice(start, result.at + 56) + "…", result.terms, snippet);
      item.appendChild(link);
      item.appendChild(snippet);
      list.appendChild(item);
    });
    panel.appendChild(list);
    panel.hidden = false;
  }

  /* Every place a term is on this page, in <mark>, across the elements the text is set in; the first in view. */
  function highlight(root, terms) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [], text = "";
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: text.length });
      text += walker.currentNode.data.toLowerCase();
    }
    var pieces = [];
    terms.forEach(function (term) {
      for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
        nodes.forEach(function (entry) {
          var from = Math.max(at, entry.start), to = Math.min(at + term.length, entry.start + entry.node.data.length);
          if (from < to) pieces.push({ node: entry.node, from: from - entry.start, to: to - entry.start });
        });
      }
    });
    pieces.sort(function (a, b) { return b.from - a.from; });
    var marks = [];
    pieces.forEach(function (piece) {
      var middle = piece.node.splitText(piece.from);
      middle.splitText(piece.to - piece.from);
      var mark = document.createElement("mark");
      middle.parentNode.replaceChild(mark, middle);
      mark.appendChild(middle);
      marks.push(mark);
    });
    var first = root.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
    return marks.length;
  }

  if (form && input && panel) {
    input.addEventListener("input", function () { show(input.value); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(input.value);
      if (shown.length) location.href = panel.querySelector("a").href;
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; show(""); }
    });
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      input.value = query;
      var article = document.querySelector("main section.article");
      if (article) highlight(article, plain(query).split(" ").filter(Boolean));
      else show(query);
    }
  }
})();
