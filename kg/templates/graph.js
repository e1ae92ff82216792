// The page logic for kg/viz.py. Data comes from the #kg-data JSON block; every
// piece of it reaches the DOM through textContent, never innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes.length, E = data.edges.length;
  var big = N > 300;
  var ANN = data.announcements || {};
  var GLYPHS = { dot: "\u25CF", diamond: "\u25C6", square: "\u25A0", triangle: "\u25B2", star: "\u2605", hexagon: "\u2B22" };
  // Labels are drawn when their size on screen reaches LABEL_MIN px (vis-network
  // hides a label below drawThreshold - 1); LABEL_READ is the size of a label
  // that is meant to be read at the current zoom.
  var LABEL_MIN = 8, LABEL_READ = 14;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // Canvas labels: one line, no bidi controls (an override could disguise a
  // label), and short. The DOM shows the full text, bidi-isolated.
  function shortLabel(label) {
    var s = String(label).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim();
    return s.length > 40 ? s.slice(0, 39) + "\u2026" : s;
  }
  function typeName(n) { return n.type || "Other"; }
  function literal(v) {
    if (Array.isArray(v)) return v.map(literal).join(", ");
    return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
  }

  // --- layout: a force layout over typed arrays, computed once ----------------
  // ForceAtlas2-like: linear springs along edges, repulsion weighted by degree
  // (hubs push harder, so a series and its cast get room), between all pairs
  // in small graphs and between nodes of neighbouring grid cells in big ones
  // (linear per step), a cooling step limit and a weak pull to the centre that
  // keeps separate components in view. Deterministic: the start is a spiral in
  // breadth-first order from the most important node, so neighbours start near
  // each other and the same graph always gives the same picture.
  function layout(n, links, rankOf) {
    var x = new Float64Array(n), y = new Float64Array(n);
    if (!n) return { x: x, y: y };
    var K = 40, nbr = [], i, j, k;
    for (i = 0; i < n; i++) nbr.push([]);
    links.forEach(function (l) { nbr[l[0]].push(l[1]); nbr[l[1]].push(l[0]); });
    var mass = new Float64Array(n);
    for (i = 0; i < n; i++) mass[i] = 1 + nbr[i].length;
    var byRank = Array.from({ length: n }, function (_, i) { return i; });
    byRank.sort(function (a, b) { return rankOf(a) - rankOf(b); });
    var placed = new Uint8Array(n), order = [];
    byRank.forEach(function (start) {
      if (placed[start]) return;
      placed[start] = 1; order.push(start);
      for (var h = order.length - 1; h < order.length; h++) {
        nbr[order[h]].forEach(function (j) { if (!placed[j]) { placed[j] = 1; order.push(j); } });
      }
    });
    order.forEach(function (v, idx) {
      var r = K * 1.2 * Math.sqrt(idx + 0.5), a = idx * 2.399963;
      x[v] = r * Math.cos(a); y[v] = r * Math.sin(a);
    });
    var dx = new Float64Array(n), dy = new Float64Array(n);
    var iterations = n <= 500 ? 300 : n <= 2000 ? 150 : n <= 5000 ? 80 : 30;
    var t0 = K * Math.sqrt(n) * 0.1, K2 = K * K, gravity = 0.5 / Math.sqrt(n);
    var from = new Int32Array(links.length), to = new Int32Array(links.length);
    links.forEach(function (l, e) { from[e] = l[0]; to[e] = l[1]; });
    // Barnes-Hut quadtree in flat arrays: cell q has centre of mass (qx, qy),
    // mass qm, half-width qh, children at kids[4q..4q+3] (0 = none) and, while
    // it holds one body, that body in body[q] (-1 otherwise).
    var cap = 4 * n + 8, qx = new Float64Array(cap), qy = new Float64Array(cap), qm = new Float64Array(cap);
    var ox = new Float64Array(cap), oy = new Float64Array(cap), qh = new Float64Array(cap);
    var kids = new Int32Array(4 * cap), body = new Int32Array(cap), used = 0;
    function cellAt(cx, cy, h) {
      if (used >= cap) return -1;
      ox[used] = cx; oy[used] = cy; qh[used] = h; qm[used] = 0; qx[used] = 0; qy[used] = 0; body[used] = -1;
      kids[4 * used] = kids[4 * used + 1] = kids[4 * used + 2] = kids[4 * used + 3] = 0;
      return used++;
    }
    function quadrant(q, px, py) { return (px >= ox[q] ? 1 : 0) + (py >= oy[q] ? 2 : 0); }
    function child(q, k) {
      if (!kids[4 * q + k]) {
        var h = qh[q] / 2, c = cellAt(ox[q] + (k & 1 ? h : -h), oy[q] + (k & 2 ? h : -h), h);
        if (c < 0) return -1;
        kids[4 * q + k] = c;
      }
      return kids[4 * q + k];
    }
    function insert(b) {
      var q = 0, depth = 0;
      for (;;) {
        var m = qm[q];
        qx[q] = (qx[q] * m + x[b] * mass[b]) / (m + mass[b]); qy[q] = (qy[q] * m + y[b] * mass[b]) / (m + mass[b]);
        qm[q] = m + mass[b];
        if (m === 0) { body[q] = b; return; }
        if (depth > 40) return;  // coincident bodies: the cell keeps their total mass
        if (body[q] >= 0) {  // split: move the resident body one level down
          var old = body[q], c = child(q, quadrant(q, x[old], y[old]));
          body[q] = -1;
          if (c < 0) return;
          qx[c] = x[old]; qy[c] = y[old]; qm[c] = mass[old]; body[c] = old;
        }
        q = child(q, quadrant(q, x[b], y[b]));
        if (q < 0) return;
        depth++;
      }
    }
    var stack = new Int32Array(64 * 4 + 8), theta2 = 1.0;  // Barnes-Hut opening criterion theta = 1
    function repel(b) {
      var top = 0;
      stack[top++] = 0;
      while (top) {
        var q = stack[--top];
        if (qm[q] === 0 || body[q] === b) continue;
        var ddx = x[b] - qx[q], ddy = y[b] - qy[q], d2 = ddx * ddx + ddy * ddy;
        var leaf = body[q] >= 0 || !(kids[4 * q] | kids[4 * q + 1] | kids[4 * q + 2] | kids[4 * q + 3]);
        if (leaf || 4 * qh[q] * qh[q] < theta2 * d2) {
          if (d2 < 0.01) { ddx = 0.1 * ((b * 7 + q * 13) % 11 - 5); ddy = 0.1 * ((b * 11 + q * 7) % 13 - 6); d2 = ddx * ddx + ddy * ddy + 0.01; }
          var f = K2 * qm[q] / d2 / 4;
          dx[b] += ddx * f; dy[b] += ddy * f;
        } else {
          for (var k = 0; k < 4; k++) if (kids[4 * q + k] && top < stack.length) stack[top++] = kids[4 * q + k];
        }
      }
    }
    for (var it = 0; it < iterations; it++) {
      dx.fill(0); dy.fill(0);
      var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
        for (i = 0; i < n; i++) {
          if (x[i] < minx) minx = x[i]; if (x[i] > maxx) maxx = x[i];
          if (y[i] < miny) miny = y[i]; if (y[i] > maxy) maxy = y[i];
        }
        used = 0;
        cellAt((minx + maxx) / 2, (miny + maxy) / 2, Math.max(maxx - minx, maxy - miny) / 2 + 1);
        for (i = 0; i < n; i++) insert(i);
        for (i = 0; i < n; i++) repel(i);
      for (k = 0; k < from.length; k++) {
        var u = from[k], v = to[k], ex = (x[u] - x[v]) / K, ey = (y[u] - y[v]) / K;
        dx[u] -= ex * K / mass[u] * 2; dy[u] -= ey * K / mass[u] * 2; dx[v] += ex * K / mass[v] * 2; dy[v] += ey * K / mass[v] * 2;
      }
      var temp = t0 * (1 - it / iterations) + K * 0.05;
      for (i = 0; i < n; i++) {
        dx[i] -= x[i] * gravity; dy[i] -= y[i] * gravity;
        var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (len > 0) { var s = Math.min(len, temp) / len; x[i] += dx[i] * s; y[i] += dy[i] * s; }
      }
    }
    return { x: x, y: y };
  }
  // The scale at which the whole layout fits the container, and its centre.
  function fitView(pos, ids, box) {
    var minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
    ids.forEach(function (i) {
      if (pos.x[i] < minx) minx = pos.x[i]; if (pos.x[i] > maxx) maxx = pos.x[i];
      if (pos.y[i] < miny) miny = pos.y[i]; if (pos.y[i] > maxy) maxy = pos.y[i];
    });
    if (!ids.length) return { scale: 1, x: 0, y: 0 };
    var w = maxx - minx + 160, h = maxy - miny + 160;
    return { scale: Math.min(1.2, 0.95 * Math.min(box.clientWidth / w, box.clientHeight / h)), x: (minx + maxx) / 2, y: (miny + maxy) / 2 };
  }

  // --- provenance: announcements and evidence sentences ---------------------
  function announcementItem(id, sentences) {
    var li = el("li", "kg-ann"), a = ANN[id];
    var head = el("div");
    head.append(el("span", "kg-name", a && a.title ? a.title : id));
    if (a && a.date) head.append(el("span", "kg-type", a.date));
    li.append(head);
    if (a && a.file) li.append(el("div", "kg-iri", a.file));
    (sentences || []).forEach(function (s) { li.append(el("blockquote", "kg-evidence", s)); });
    return li;
  }
  function provenance(j, open) {
    var e = data.edges[j], box = el("details", "kg-prov");
    box.open = !!open;
    var said = Object.keys(e.evidence || {}).length;
    box.append(el("summary", "", e.sources.length
      ? e.sources.length + (e.sources.length === 1 ? " announcement" : " announcements") + (said ? ", with evidence" : "")
      : "no source recorded"));
    var ul = el("ul");
    e.sources.forEach(function (s) { ul.append(announcementItem(s, (e.evidence || {})[s])); });
    box.append(ul);
    return box;
  }

  // --- tooltips and the details panel ----------------------------------------
  // vis-network 9 shows an Element title as is (and a string title via
  // innerText), so these are plain DOM built with textContent.
  function nodeHead(i) {
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
      e.sources.forEach(function (s) { ul.append(el("li", "", ANN[s] && ANN[s].title ? ANN[s].title + " (" + s + ")" : s)); });
      tip.append(ul);
    }
    return tip;
  }
  var MAX_PER_GROUP = 50;
  // A node's relations grouped by type ("castMember \u2192" out, "\u2190 castMember" in),
  // each neighbour a button, each edge's announcements and evidence one click away.
  function nodeDetails(i) {
    var box = nodeHead(i), groups = Object.create(null);
    incident[i].forEach(function (j) {
      var e = data.edges[j], out = e.from === i;
      var name = out ? e.relation + " \u2192" : "\u2190 " + e.relation;
      (groups[name] = groups[name] || []).push(j);
    });
    var names = Object.keys(groups).sort(function (a, b) {
      return a.replace("\u2190 ", "").localeCompare(b.replace("\u2190 ", "")) || a.localeCompare(b);
    });
    if (names.length) box.append(el("h3", "", "Relations"));
    names.forEach(function (name) {
      var section = el("section", "kg-rel");
      section.dataset.relation = name;
      section.append(el("h4", "", name + " (" + groups[name].length + ")"));
      var ul = el("ul");
      groups[name].slice(0, MAX_PER_GROUP).forEach(function (j) {
        var e = data.edges[j], other = e.from === i ? e.to : e.from;
        var li = el("li"), go = el("button", "kg-link", data.nodes[other].label);
        go.type = "button";
        go.addEventListener("click", function () { select(other); });
        li.append(go, provenance(j, false));
        ul.append(li);
      });
      if (groups[name].length > MAX_PER_GROUP) ul.append(el("li", "kg-type", "and " + (groups[name].length - MAX_PER_GROUP) + " more"));
      section.append(ul);
      box.append(section);
    });
    return box;
  }
  function edgeDetails(j) {
    var box = edgeInfo(j);
    box.replaceChildren(box.firstChild, box.childNodes[1]);
    box.append(provenance(j, true));
    return box;
  }

  // --- vis data: ids are indexes into data.nodes / data.edges -------------
  var incident = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, j) { incident[e.from].push(j); if (e.to !== e.from) incident[e.to].push(j); });
  var container = document.getElementById("kg-net"), details = document.getElementById("kg-details");
  var layoutStart = performance.now();
  var pos = layout(N, data.edges.map(function (e) { return [e.from, e.to]; }), function (i) { return data.nodes[i].rank; });
  var layoutMs = Math.round(performance.now() - layoutStart);
  var all = Array.from({ length: N }, function (_, i) { return i; });
  var view0 = fitView(pos, all, container);
  var focusNode = data.focus === null || data.focus === undefined ? null : data.focus;

  // Labels by importance and zoom: the most important nodes (works first, then
  // the most connected characters; see kg/viz.py) are readable at the opening
  // zoom; the others are sized so that they appear as one zooms in, in rank order.
  // Sizes are rounded to a few steps (half pixels on screen where labels are
  // read, 25% steps below): the canvas caches one parsed font per distinct
  // size, and 10,000 distinct sizes made vis-network's first measuring of the
  // labels take most of the page's start (7 of 11 s).
  var readable = Math.max(12, Math.min(60, Math.round(2 * Math.sqrt(N))));
  function fontSize(rank) {
    var px = rank < readable ? LABEL_READ + 4 * (1 - rank / readable) : (LABEL_MIN - 0.5) * Math.sqrt(readable / (rank + 1));
    px = px >= LABEL_MIN ? Math.round(2 * px) / 2 : Math.pow(1.25, Math.round(Math.log(px) / Math.log(1.25)));
    return px / view0.scale;
  }
  var groups = Object.create(null), typeCount = Object.create(null);
  Object.keys(data.styles).forEach(function (t) {
    groups[t || "Other"] = { color: data.styles[t][0], shape: data.styles[t][1] };
  });
  var maxDegree = data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 1);
  var visNodes = data.nodes.map(function (n, i) {
    typeCount[typeName(n)] = (typeCount[typeName(n)] || 0) + 1;
    var node = { id: i, label: shortLabel(n.label), group: typeName(n), value: n.degree, x: pos.x[i], y: pos.y[i],
                 font: { size: fontSize(n.rank) } };
    if (!big) node.title = nodeHead(i);
    if (i === focusNode) {
      node.value = maxDegree;
      node.borderWidth = 5;
      node.borderWidthSelected = 6;
      node.color = { border: "#111111", highlight: { border: "#111111" } };
      node.font = { size: Math.max(fontSize(0), (LABEL_READ + 6) / view0.scale), bold: true };
    }
    return node;
  });
  // Parallel edges between one pair would draw on top of each other: bend the
  // 2nd, 3rd, ... alternately left and right, further each time.
  var seen = Object.create(null);
  var visEdges = data.edges.map(function (e, j) {
    var pair = Math.min(e.from, e.to) + "," + Math.max(e.from, e.to);
    var k = seen[pair] = (seen[pair] === undefined ? 0 : seen[pair] + 1);
    var edge = { id: j, from: e.from, to: e.to, label: e.relation };
    if (!big) edge.title = edgeInfo(j);
    if (k > 0) edge.smooth = { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(k / 2) };
    return edge;
  });

  // --- filtering: type checkboxes, focus and date feed one visibility array --
  var typeOn = Object.create(null), focusSet = null, shown = new Uint8Array(N), cutoff = null;
  Object.keys(typeCount).forEach(function (t) { typeOn[t] = true; });
  function inTime(since) { return cutoff === null || !since || since <= cutoff; }
  function computeShown() {
    var count = 0;
    for (var i = 0; i < N; i++) {
      var n = data.nodes[i];
      shown[i] = typeOn[typeName(n)] && (focusSet === null || focusSet.has(i)) && inTime(n.since) ? 1 : 0;
      count += shown[i];
    }
    return count;
  }
  var status = document.getElementById("kg-status");
  function refresh() {
    var count = computeShown();
    nodeView.refresh();
    edgeView.refresh();
    status.textContent = (count === N ? N + " nodes, " + E + " edges"
      : "showing " + count + " of " + N + " nodes") + " \u00B7 double-click a node to focus";
  }
  computeShown();  // before the views exist: they take their first contents from it
  var nodeView = new vis.DataView(new vis.DataSet(visNodes), { filter: function (n) { return shown[n.id] === 1; } });
  var edgeView = new vis.DataView(new vis.DataSet(visEdges), {
    filter: function (e) { return shown[e.from] === 1 && shown[e.to] === 1 && inTime(data.edges[e.id].since); }
  });

  function neighbourhood(start, depth) {
    var found = new Set([start]), frontier = [start];
    for (var d = 0; d < depth && frontier.length; d++) {
      var next = [];
      frontier.forEach(function (i) {
        incident[i].forEach(function (j) {
          var e = data.edges[j], o = e.from === i ? e.to : e.from;
          if (!found.has(o)) { found.add(o); next.push(o); }
        });
      });
      frontier = next;
    }
    return found;
  }

  // --- the network: positions given, physics off --------------------------------
  var options = {
    groups: groups,
    nodes: {
      shape: "dot", borderWidth: 1,
      scaling: { min: 8, max: 24, label: { enabled: false, drawThreshold: LABEL_MIN + 1, maxVisible: 22 } },
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
    layout: { improvedLayout: false },
    physics: { enabled: false },
    interaction: { hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false }
  };
  var networkStart = performance.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var networkMs = Math.round(performance.now() - networkStart);
  function home(animate) {
    var at = focusNode === null ? { x: view0.x, y: view0.y } : { x: pos.x[focusNode], y: pos.y[focusNode] };
    network.moveTo({ position: at, scale: view0.scale, animation: animate ? { duration: 400 } : false });
  }
  home(false);

  var view = window.kgView = {
    network: network, nodeCount: N, edgeCount: E, settled: false, settleMs: null, layoutMs: layoutMs, networkMs: networkMs, focusNode: focusNode,
    focus: focus, showAll: showAll, select: select, showWorks: showWorks, setDate: setDate,
    dates: [], worksNetwork: null,
    visibleNodeCount: function () { return nodeView.length; },
    visibleEdgeCount: function () { return edgeView.length; },
    // Whether node i's label is drawn at the current zoom (vis-network's own rule).
    labelShown: function (i) { return visNodes[i].font.size * network.getScale() >= LABEL_MIN; }
  };
  network.once("afterDrawing", function () {
    view.settleMs = Math.round(performance.now());
    view.settled = true;
    refresh();
    if (focusNode !== null) {
      network.selectNodes([focusNode]);
      showDetails(nodeDetails(focusNode));
    }
  });
  network.redraw();

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
    setDate(null);
    home(true);
  }
  function showDetails(content) {
    details.replaceChildren();
    if (content) details.append(content);
    details.hidden = !content;
  }
  function select(i) {
    showWorks(false);
    if (!shown[i]) {  // a search hit hidden by a filter: bring it back
      focusSet = null;
      typeOn[typeName(data.nodes[i])] = true;
      Array.prototype.forEach.call(document.querySelectorAll("#kg-types input"), function (box) {
        box.checked = typeOn[box.value];
      });
      setDate(null);
    }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400 } });
    showDetails(nodeDetails(i));
  }
  network.on("doubleClick", function (p) { if (p.nodes.length) focus(p.nodes[0]); });
  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeDetails(p.nodes[0]));
    else if (p.edges.length) showDetails(edgeDetails(p.edges[0]));
    else showDetails(null);
  });
  document.getElementById("kg-show-all").addEventListener("click", showAll);

  // --- time: a slider over announcement dates ---------------------------------
  var dates = Array.from(new Set(data.edges.map(function (e) { return e.since; }).filter(Boolean))).sort();
  view.dates = dates;
  var slider = document.getElementById("kg-time"), when = document.getElementById("kg-when");
  var play = document.getElementById("kg-play"), timer = null;
  document.getElementById("kg-timeline").hidden = dates.length < 2;
  slider.max = String(dates.length);
  slider.value = String(dates.length);
  // setDate(null) shows everything; setDate("2024-06-30") what was announced by then.
  function setDate(date) {
    cutoff = date || null;
    var k = cutoff === null ? dates.length : dates.filter(function (d) { return d <= cutoff; }).length;
    slider.value = String(k);
    when.textContent = cutoff === null ? "all announcements" : "announced by " + cutoff;
    refresh();
  }
  slider.addEventListener("input", function () {
    var k = Number(slider.value);
    setDate(k >= dates.length ? null : dates[Math.max(0, k - 1)]);
  });
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25B6"; return; }
    var k = 0;
    play.textContent = "\u25A0";
    timer = setInterval(function () {
      k += 1;
      setDate(k >= dates.length ? null : dates[k - 1]);
      if (k >= dates.length) { clearInterval(timer); timer = null; play.textContent = "\u25B6"; }
    }, 700);
  });

  // --- the works map: series and films linked by shared people and characters --
  var worksBox = document.getElementById("kg-works-net"), worksButton = document.getElementById("kg-works");
  var worksOn = false;
  worksButton.hidden = !data.works.nodes.length;
  function linkDetails(l) {
    var box = el("div", "kg-tip");
    box.append(el("div", "kg-name", data.nodes[l[0]].label + " \u2194 " + data.nodes[l[1]].label));
    [["shared people", l[3]], ["shared characters", l[4]]].forEach(function (part) {
      if (!part[1].length) return;
      box.append(el("h4", "", part[0] + " (" + part[1].length + ")"));
      var ul = el("ul");
      part[1].forEach(function (name) { ul.append(el("li", "", name)); });
      box.append(ul);
    });
    return box;
  }
  function buildWorks() {
    var ids = data.works.nodes, local = Object.create(null);
    ids.forEach(function (g, k) { local[g] = k; });
    var wpos = layout(ids.length, data.works.links.map(function (l) { return [local[l[0]], local[l[1]]]; }),
      function (k) { return data.nodes[ids[k]].rank; });
    var maxW = data.works.links.reduce(function (m, l) { return Math.max(m, l[2]); }, 1);
    var wnodes = ids.map(function (g, k) {
      return { id: g, label: shortLabel(data.nodes[g].label), group: typeName(data.nodes[g]), value: data.nodes[g].degree,
               x: wpos.x[k] * 1.6, y: wpos.y[k] * 1.6 };
    });
    var wedges = data.works.links.map(function (l, k) {
      return { id: k, from: l[0], to: l[1], label: String(l[2]), width: 1 + 7 * l[2] / maxW, title: linkDetails(l) };
    });
    var net = new vis.Network(worksBox, { nodes: new vis.DataSet(wnodes), edges: new vis.DataSet(wedges) }, {
      groups: groups, layout: { improvedLayout: false }, physics: { enabled: false },
      nodes: { shape: "dot", scaling: { min: 10, max: 30 }, font: { size: 16, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } },
      edges: { color: { color: "#8aa0b8", highlight: "#333333" }, smooth: false, font: { size: 11, strokeWidth: 3, strokeColor: "#ffffff" } },
      interaction: { hover: true, tooltipDelay: 150 }
    });
    net.on("click", function (p) {
      if (p.nodes.length) showDetails(nodeDetails(p.nodes[0]));
      else if (p.edges.length) showDetails(linkDetails(data.works.links[p.edges[0]]));
      else showDetails(null);
    });
    net.on("doubleClick", function (p) { if (p.nodes.length) select(p.nodes[0]); });
    return net;
  }
  // showWorks(true) shows the works map, showWorks(false) the whole graph.
  function showWorks(on) {
    worksOn = !!on;
    worksBox.hidden = !worksOn;
    container.hidden = worksOn;
    worksButton.textContent = worksOn ? "Full graph" : "Works map";
    document.body.classList.toggle("kg-works-mode", worksOn);
    if (worksOn && !view.worksNetwork) view.worksNetwork = buildWorks();
    if (worksOn) view.worksNetwork.fit();
  }
  worksButton.addEventListener("click", function () { showWorks(!worksOn); });

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
