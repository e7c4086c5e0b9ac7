// The in-page keyword filter of daily lists and search results, in the bar at the bottom of the page
// (KeywordFilter.razor): include/exclude keywords, whole words for Latin text, "show only matching", counts over the
// whole day. Settings live in localStorage; nothing is sent to the server but the request for the day's text.
// Built on site.js (window.paperSearch): loaded after it.
(() => {
  "use strict";

  const STORAGE_KEY = "papersearch.kwfilter.v1";
  const { plainText, onEnhance, quietly } = window.paperSearch;

  const DEFAULTS = { include: "", exclude: "", match: "any", action: "highlight", fields: { title: true, abstract: true, authors: true } };
  const FIELD_SELECTORS = { title: ".card-title", abstract: ".card-abstract", authors: ".card-authors", tldr: ".tldr p" };

  function loadSettings() {
    try { return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}") }; }
    catch { return { ...DEFAULTS }; }
  }

  function saveSettings(s) {
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(s)); } catch { /* private mode: filter still works for this page */ }
  }

  const terms = text => text.split(/[,;\n]+/).map(t => t.trim().toLowerCase()).filter(Boolean);
  const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A Latin keyword matches whole words ("RL" is not in "World"); a trailing * makes it a prefix ("learn*" finds
  // learning). Chinese has no spaces between words, so a keyword without Latin letters or digits matches anywhere.
  const termSource = t => {
    const prefix = t.endsWith("*");
    const word = escapeRe(prefix ? t.slice(0, -1) : t);
    if (!/[\p{Script=Latin}\p{N}]/u.test(t)) return word;
    return "(?<![\\p{L}\\p{N}])" + word + (prefix ? "" : "(?![\\p{L}\\p{N}])");
  };
  const termRe = t => new RegExp(termSource(t), "iu");

  function unhighlight(root) {
    root.querySelectorAll("mark.kw").forEach(m => {
      const parent = m.parentNode;
      m.replaceWith(...m.childNodes);
      parent.normalize();
    });
  }

  function highlight(el, re) {
    // Never inside rendered math (KaTeX markup): the filter searched its TeX source (data-tex) instead.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
      { acceptNode: n => n.parentElement && n.parentElement.closest(".tex-math, .katex") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    for (const node of nodes) {
      const text = node.nodeValue;
      re.lastIndex = 0;
      if (!re.test(text)) continue;
      re.lastIndex = 0;
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const m of text.matchAll(re)) {
        frag.append(text.slice(last, m.index));
        const mark = document.createElement("mark");
        mark.className = "kw";
        mark.textContent = m[0];
        frag.append(mark);
        last = m.index + m[0].length;
      }
      frag.append(text.slice(last));
      node.replaceWith(frag);
    }
  }

  // The whole day's searchable text (id, t = title, a = authors, b = abstract, z = TL;DR) when the page holds only
  // some of its cards: fetched once, the first time a keyword is typed, so the list page itself stays small.
  const DAY_FIELDS = { title: "t", abstract: "b", authors: "a", tldr: "z" };
  const daySources = new Map(); // url → rows, or PENDING while fetched, or FAILED
  const PENDING = "pending", FAILED = "failed";
  function dayText(panel) {
    const url = panel.dataset.kwSource;
    if (!url) return null;
    if (!daySources.has(url)) {
      daySources.set(url, PENDING);
      // A busy server (429, a dropped connection) gets three more tries, 1, 2 and 4 s apart; after that the counts
      // cover the loaded cards only, as without the day's text.
      const attempt = n => fetch(url, { headers: { Accept: "application/json" } })
        .then(r => r.ok ? r.json() : Promise.reject(r.status))
        .then(rows => { daySources.set(url, rows); quietly(() => applyFilter(panel)); })
        .catch(() => {
          if (n < 3) setTimeout(() => attempt(n + 1), 1000 * 2 ** n);
          else { daySources.set(url, FAILED); quietly(() => applyFilter(panel)); }
        });
      attempt(0);
    }
    return daySources.get(url);
  }

  function applyFilter(panel) {
    const s = loadSettings();
    const include = terms(s.include), exclude = terms(s.exclude);
    const fields = Object.keys(FIELD_SELECTORS).filter(f => s.fields[f] !== false);
    const cards = [...document.querySelectorAll("article.card[data-paper]")];
    const includeRe = include.length ? new RegExp(include.map(termSource).join("|"), "giu") : null;
    const includeRes = include.map(termRe), excludeRes = exclude.map(termRe);
    let shown = 0, matched = 0;
    for (const card of cards) {
      unhighlight(card);
      const els = fields.map(f => card.querySelector(FIELD_SELECTORS[f])).filter(Boolean);
      const hay = els.map(plainText).join("\n");
      const hits = includeRes.filter(re => re.test(hay));
      const included = include.length === 0 || (s.match === "all" ? hits.length === include.length : hits.length > 0);
      const excluded = excludeRes.some(re => re.test(hay));
      const isMatch = included && !excluded;
      const active = include.length > 0 || exclude.length > 0;
      if (active && isMatch) matched++;
      const hide = s.action === "show" && active && !isMatch;
      const item = card.closest("li") || card;
      if (hide) item.setAttribute("data-kw-hidden", ""); else { item.removeAttribute("data-kw-hidden"); shown++; }
      card.classList.toggle("kw-match", active && isMatch);
      card.classList.toggle("kw-excluded", excluded);
      if (includeRe && !hide) els.forEach(el => highlight(el, includeRe));
    }
    // Counts over the whole day, not only the cards loaded so far.
    let total = cards.length;
    const active = include.length + exclude.length > 0;
    const rows = active ? dayText(panel) : null;
    const counting = rows === PENDING;
    if (Array.isArray(rows)) {
      total = rows.length;
      matched = 0;
      for (const row of rows) {
        const hay = fields.map(f => row[DAY_FIELDS[f]] || "").join("\n");
        const hits = includeRes.filter(re => re.test(hay));
        const included = include.length === 0 || (s.match === "all" ? hits.length === include.length : hits.length > 0);
        if (included && !excludeRes.some(re => re.test(hay))) matched++;
      }
      shown = matched;
    } else if (panel.dataset.kwTotal) total = Math.max(total, Number(panel.dataset.kwTotal));
    const status = panel.querySelector("[data-kw-status]");
    if (status) {
      // "{0} of {1} shown" in the page's language (KeywordFilter.razor's data-msg-*).
      const template = s.action === "show" ? panel.dataset.msgShown || "{0} of {1} shown" : panel.dataset.msgMatch || "{0} of {1} match";
      status.textContent = !active ? "" : counting ? panel.dataset.msgCounting || "…" : template.replace("{0}", String(s.action === "show" ? shown : matched)).replace("{1}", String(total));
    }
  }

  function fillInputs(panel, s) {
    const get = name => panel.querySelector(`[data-kw="${name}"]`);
    get("include").value = s.include;
    get("exclude").value = s.exclude;
    get("match").value = s.match;
    get("action").value = s.action;
    panel.querySelectorAll("[data-kw-field]").forEach(cb => { cb.checked = s.fields[cb.dataset.kwField] !== false; });
    if (s.include || s.exclude) panel.querySelector("details").open = true;
  }

  const readyPanels = new WeakSet();

  function setupFilter(panel) {
    if (readyPanels.has(panel)) {
      // Enhanced navigation may have merged new server HTML (empty inputs) into this panel.
      if (!panel.contains(document.activeElement)) fillInputs(panel, loadSettings());
      panel.hidden = false;
      applyFilter(panel);
      return;
    }
    readyPanels.add(panel);
    panel.hidden = false;
    fillInputs(panel, loadSettings());
    const get = name => panel.querySelector(`[data-kw="${name}"]`);

    const read = () => {
      const fields = {};
      panel.querySelectorAll("[data-kw-field]").forEach(cb => { fields[cb.dataset.kwField] = cb.checked; });
      return { include: get("include").value, exclude: get("exclude").value, match: get("match").value, action: get("action").value, fields };
    };
    let timer;
    // Saved at once, filtered after a pause: any DOM change in between (math typeset, a page of cards appended) makes
    // enhance() refill the inputs from the saved settings, which must already hold what the reader just chose.
    const onChange = () => {
      saveSettings(read());
      clearTimeout(timer);
      timer = setTimeout(() => quietly(() => applyFilter(panel)), 120);
    };
    panel.addEventListener("input", onChange);
    panel.addEventListener("change", onChange);
    panel.querySelector("[data-kw-clear]").addEventListener("click", () => {
      saveSettings(DEFAULTS);
      fillInputs(panel, DEFAULTS);
      applyFilter(panel);
    });
    applyFilter(panel);
  }

  // The bar is fixed at the bottom of the viewport; the page gets as much room below its last card as the bar is tall.
  function fitBar(panel) {
    const pad = () => { document.body.style.paddingBottom = panel.hidden ? "" : panel.offsetHeight + 16 + "px"; };
    if (!panel.dataset.kwFitted) {
      panel.dataset.kwFitted = "1";
      if (window.ResizeObserver) new ResizeObserver(pad).observe(panel);
      panel.querySelector("details")?.addEventListener("toggle", pad);
    }
    pad();
  }


  onEnhance(() => {
    const panel = document.querySelector("[data-kwfilter]");
    if (panel) { setupFilter(panel); fitBar(panel); }
  });
})();
