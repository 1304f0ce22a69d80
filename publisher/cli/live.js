/* publisher serve: reload the page after a build, show a build's problems over it, link the PDF. */
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script.getAttribute("data-generation");
  var overlay = null;
  var bar = null;

  function show(problems) {
    if (!problems.length) {
      if (overlay) overlay.remove();
      overlay = null;
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "publisher-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2em;background:rgba(20,20,24,.94);" +
        "color:#fff;font:14px/1.6 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The last build failed; this page is the last good one. Fix the sources and save:\n\n" +
      problems.join("\n");
  }

  function links(files) {
    if (bar || !files.pdf) return;
    bar = document.createElement("nav");
    bar.id = "publisher-serve";
    bar.setAttribute("aria-label", "publisher serve");
    bar.style.cssText = "position:fixed;right:.5em;bottom:.5em;z-index:2147483646;font:13px sans-serif;" +
      "background:#222;color:#fff;padding:.3em .6em;border-radius:.3em";
    [["PDF", files.pdf], ["EPUB", files.epub]].forEach(function (pair, index) {
      if (!pair[1]) return;
      if (index) bar.appendChild(document.createTextNode(" · "));
      var link = document.createElement("a");
      link.href = "/" + pair[1];
      link.textContent = pair[0];
      link.style.color = "#fff";
      bar.appendChild(link);
    });
    document.body.appendChild(bar);
  }

  var events = new EventSource("/__publisher/events");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (String(state.generation) !== generation) {
      events.close();
      location.reload();
      return;
    }
    links(state.files);
    show(state.problems);
  };
})();
