// The page logic for kg/viz.py. Data comes from the #kg-data JSON block; every
// piece of it reaches the DOM through textContent, never innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes.length;
  var big = N > 300;
  var GLYPHS = { dot: "\u25CF", diamond: "\u25C6", square: "\u25A0", triangle: "\u25B2", star: "\u2605", hexagon: "\u2B22" };

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  // Canvas labels: one line, no bidi controls (an override could disguise a
  // label), and short. The DOM shows the full text, bidi-isolated.
  function shortLabel(label) {
    var s = String(label).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
    return s.length > 40 ? s.slice(0, 39) + "\u2026" : s;
  }
  function typeName(n) { return n.type || "Other"; }
  function literal(v) { return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v); }

  // Tooltip and details content. vis-network 9 shows an Element title as is
  // (and a string title via innerText), so these are plain DOM built with textContent.
  function nodeInfo(i) {
    var n = data.nodes[i], tip = el("div", "kg-tip");
    var head = el("div");
    head.append(el("span", "kg-name", n.label), el("span", "kg-type", typeName(n)));
    tip.append(head, el("div", "kg-iri", n.iri));
    var keys = Object.keys(n.attrs);
    if (keys.length) {
      var ul = el("ul");
      keys.forEach(function (k) { ul.append(el("li", "", k + ": " + literal(n.attrs[k]))); });
      tip.append(ul);
    }
    return tip;
  }
  function edgeInfo(j) {
    var e = data.edges[j], tip = el("div", "kg-tip");
    tip.append(el("div", "kg-name", e.relation));
    tip.append(el("div", "", data.nodes[e.from].label + " \u2192 " + data.nodes[e.to].label));
    tip.append(el("div", "kg-type", e.sources.length ? "stated by:" : "no source recorded"));
    if (e.sources.length) {
      var ul = el("ul");
      e.sources.forEach(function (s) { ul.append(el("li", "", s)); });
      tip.append(ul);
    }
    return tip;
  }

  // --- vis data: ids are indexes into data.nodes / data.edges -------------
  // Maps keyed by data get no prototype, so no type name can collide with one.
  var groups = Object.create(null), typeCount = Object.create(null);
  Object.keys(data.styles).forEach(function (t) {
    groups[t || "Other"] = { color: data.styles[t][0], shape: data.styles[t][1] };
  });
  var visNodes = data.nodes.map(function (n, i) {
    typeCount[typeName(n)] = (typeCount[typeName(n)] || 0) + 1;
    return { id: i, label: shortLabel(n.label), group: typeName(n), value: n.degree, title: nodeInfo(i) };
  });
  // Parallel edges between one pair would draw on top of each other: bend the
  // 2nd, 3rd, ... alternately left and right, further each time.
  var seen = Object.create(null);
  var visEdges = data.edges.map(function (e, j) {
    var pair = Math.min(e.from, e.to) + "," + Math.max(e.from, e.to);
    var k = seen[pair] = (seen[pair] === undefined ? 0 : seen[pair] + 1);
    var edge = { id: j, from: e.from, to: e.to, label: e.relation, title: edgeInfo(j) };
    if (k > 0) edge.smooth = { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(k / 2) };
    return edge;
  });

  // --- filtering: type checkboxes and focus both feed one visibility array --
  var typeOn = Object.create(null), focusSet = null, shown = new Uint8Array(N);
  Object.keys(typeCount).forEach(function (t) { typeOn[t] = true; });
  function computeShown() {
    var count = 0;
    for (var i = 0; i < N; i++) {
      shown[i] = typeOn[typeName(data.nodes[i])] && (focusSet === null || focusSet.has(i)) ? 1 : 0;
      count += shown[i];
    }
    return count;
  }
  var status = document.getElementById("kg-status");
  function refresh() {
    var count = computeShown();
    nodeView.refresh();
    edgeView.refresh();
    status.textContent = (count === N ? N + " nodes, " + data.edges.length + " edges"
      : "showing " + count + " of " + N + " nodes") + " \u00B7 double-click a node to focus";
  }
  computeShown();  // before the views exist: they take their first contents from it
  var nodeView = new vis.DataView(new vis.DataSet(visNodes), { filter: function (n) { return shown[n.id] === 1; } });
  var edgeView = new vis.DataView(new vis.DataSet(visEdges), {
    filter: function (e) { return shown[e.from] === 1 && shown[e.to] === 1; }
  });

  // Adjacency ignoring direction, for focus.
  var adj = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e) { adj[e.from].push(e.to); adj[e.to].push(e.from); });
  function neighbourhood(start, depth) {
    var found = new Set([start]), frontier = [start];
    for (var d = 0; d < depth && frontier.length; d++) {
      var next = [];
      frontier.forEach(function (i) {
        adj[i].forEach(function (j) { if (!found.has(j)) { found.add(j); next.push(j); } });
      });
      frontier = next;
    }
    return found;
  }

  // --- the network ------------------------------------------------------------
  // Bounded stabilization, then physics off: the layout settles once and the
  // page stays idle afterwards, even for thousands of nodes.
  var options = {
    groups: groups,
    nodes: {
      shape: "dot", borderWidth: 1,
      // Labels grow with degree too, so hubs stay named when zoomed out.
      scaling: { min: 8, max: 24, label: { enabled: true, min: 13, max: 22, drawThreshold: 6, maxVisible: 24 } },
      // font.multi stays off: it would read bold/italic tags in a label as markup.
      font: { size: 14, face: "system-ui, sans-serif", color: "#222", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      color: { color: "#a3adb8", highlight: "#333333", hover: "#333333" },
      font: { size: 10, color: "#555555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: big ? false : { enabled: true, type: "continuous", roundness: 0.5 },
      width: 1
    },
    layout: { improvedLayout: N <= 100, randomSeed: 7 },
    physics: {
      // forceAtlas2Based untangles hub-and-spoke graphs (a series and its
      // cast) well. Small graphs get room and overlap avoidance; big ones a
      // cheaper pass and fewer iterations (about 15 ms each at 2,000 nodes in
      // headless Chromium), so 2,000 nodes settle in 2-3 s.
      solver: "forceAtlas2Based",
      forceAtlas2Based: big
        ? { gravitationalConstant: -60, centralGravity: 0.01, springLength: 90, springConstant: 0.08, damping: 0.4, avoidOverlap: 0, theta: 0.8 }
        : { gravitationalConstant: -120, centralGravity: 0.01, springLength: 150, springConstant: 0.06, damping: 0.4, avoidOverlap: 0.6 },
      stabilization: { enabled: true, iterations: Math.max(60, Math.min(600, Math.round(200000 / Math.max(N, 1)))), updateInterval: 25, fit: true },
      minVelocity: 1
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  };
  var network = new vis.Network(document.getElementById("kg-net"), { nodes: nodeView, edges: edgeView }, options);

  var view = window.kgView = {
    network: network, nodeCount: N, edgeCount: data.edges.length, settled: false, settleMs: null,
    focus: focus, showAll: showAll, select: select,
    visibleNodeCount: function () { return nodeView.length; }
  };
  function settle() {
    network.setOptions({ physics: { enabled: false } });
    network.once("afterDrawing", function () {
      view.settleMs = Math.round(performance.now());
      view.settled = true;
      refresh();
    });
    network.redraw();
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out " + N + " nodes\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settle);
  if (N === 0) settle();

  // --- focus and selection ---------------------------------------------------
  function focus(i, depth) {
    focusSet = neighbourhood(i, depth === undefined ? Math.max(1, data.depth) : depth);
    refresh();
    network.fit({ nodes: Array.from(focusSet).filter(function (j) { return shown[j]; }), animation: { duration: 400 } });
  }
  function showAll() {
    focusSet = null;
    Array.prototype.forEach.call(document.querySelectorAll("#kg-types input"), function (box) {
      box.checked = true; typeOn[box.value] = true;
    });
    refresh();
    network.fit({ animation: { duration: 400 } });
  }
  var details = document.getElementById("kg-details");
  function showDetails(content) {
    details.replaceChildren();
    if (content) details.append(content);
    details.hidden = !content;
  }
  function select(i) {
    if (!shown[i]) {  // a search hit hidden by a filter: bring it back
      focusSet = null;
      typeOn[typeName(data.nodes[i])] = true;
      Array.prototype.forEach.call(document.querySelectorAll("#kg-types input"), function (box) {
        box.checked = typeOn[box.value];
      });
      refresh();
    }
    network.selectNodes([i]);
    network.focus(i, { scale: 1.2, animation: { duration: 400 } });
    showDetails(nodeInfo(i));
  }
  network.on("doubleClick", function (p) { if (p.nodes.length) focus(p.nodes[0]); });
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeInfo(p.nodes[0]));
    else if (p.edges.length) showDetails(edgeInfo(p.edges[0]));
    else showDetails(null);
  });
  document.getElementById("kg-show-all").addEventListener("click", showAll);

  // --- legend doubling as the type filter -----------------------------------
  var legend = document.getElementById("kg-types");
  Object.keys(typeCount).sort().forEach(function (t) {
    var style = groups[t] || { color: "#bab0ac", shape: "dot" };
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = t;
    box.addEventListener("change", function () { typeOn[t] = box.checked; refresh(); });
    var glyph = el("span", "kg-glyph", GLYPHS[style.shape] || GLYPHS.dot);
    glyph.style.color = style.color;
    var label = el("label");
    label.append(box, glyph, el("span", "", t), el("span", "kg-count", typeCount[t]));
    var li = el("li");
    li.append(label);
    legend.append(li);
  });

  // --- search: substring of the label, prefix matches first -----------------
  var search = document.getElementById("kg-search"), results = document.getElementById("kg-results");
  var folded = data.nodes.map(function (n) { return String(n.label).toLowerCase(); });
  function matches(q) {
    var starts = [], contains = [];
    for (var i = 0; i < N && starts.length < 20; i++) {
      var at = folded[i].indexOf(q);
      if (at === 0) starts.push(i); else if (at > 0 && contains.length < 20) contains.push(i);
    }
    return starts.concat(contains).slice(0, 20);
  }
  search.addEventListener("input", function () {
    results.replaceChildren();
    var q = search.value.trim().toLowerCase();
    if (!q) return;
    var hits = matches(q);
    if (!hits.length) { results.append(el("li", "kg-type", "no match")); return; }
    hits.forEach(function (i) {
      var li = el("li");
      li.append(el("span", "kg-name", data.nodes[i].label));
      li.tabIndex = 0;
      li.dataset.node = i;
      li.append(el("span", "kg-type", typeName(data.nodes[i])));
      li.addEventListener("click", function () { select(i); });
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(i); });
      results.append(li);
    });
  });
  search.addEventListener("keydown", function (ev) {
    var first = results.querySelector("li[data-node]");
    if (ev.key === "Enter" && first) select(Number(first.dataset.node));
  });
})();
