// PaperSearch page helpers. Progressive enhancement only: every page works without this file.
// - copy buttons (card text, BibTeX), "/" focuses the search box, empty GET fields left out of URLs
// - math in titles and abstracts typeset by KaTeX (vendored in lib/katex), also in content streamed in later
// - the in-page keyword filter (settings in localStorage; nothing is sent to the server)
// Streaming rendering and enhanced navigation replace parts of the page, so setup is idempotent and
// re-run whenever the DOM changes.
(() => {
  "use strict";

  const STORAGE_KEY = "papersearch.kwfilter.v1";

  // blazor.web.js comes async with autostart="false" (App.razor): start it once both it and the page are in.
  const startBlazor = () => { if (window.Blazor && !startBlazor.done) { startBlazor.done = true; window.Blazor.start(); } };
  if (window.Blazor) startBlazor();
  else document.querySelector("script[data-blazor-script]")?.addEventListener("load", startBlazor);

  // Tells the server this browser runs scripts, so it may stream slow parts of a page (they need blazor.web.js).
  if (!document.cookie.split("; ").includes("ps-js=1")) document.cookie = "ps-js=1; path=/; max-age=31536000; samesite=lax";

  // ---------- copy ----------

  /** Text of an element as the author wrote it: rendered math back to its TeX source, numbering dropped. */
  function plainText(el) {
    if (!el) return "";
    const clone = el.cloneNode(true);
    clone.querySelectorAll(".tex-math").forEach(m => m.replaceWith(document.createTextNode(m.dataset.tex || m.textContent)));
    clone.querySelectorAll(".card-number").forEach(n => n.remove());
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API needs a secure context; fall back to a hidden textarea.
      const ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.opacity = "0";
      document.body.appendChild(ta);
      ta.select();
      document.execCommand("copy");
      ta.remove();
    }
    if (button) {
      const label = button.dataset.label || button.textContent;
      button.dataset.label = label;
      // The words come from the page (App.razor), in its language.
      button.textContent = document.body.dataset.msgCopied || "Copied ✓";
      setTimeout(() => { button.textContent = label; }, 1500);
    }
  }

  document.addEventListener("click", e => {
    const cardButton = e.target.closest("[data-copy-card]");
    if (cardButton) {
      // The server writes the text (title, authors, whole abstract, link): a search card shows only a highlighted passage.
      copyText(cardButton.dataset.copyText, cardButton);
      return;
    }
    const bibButton = e.target.closest("[data-copy-bibtex]");
    if (bibButton) {
      const scope = bibButton.closest("details, section") || document;
      copyText(scope.querySelector(".bibtex-entry").textContent, bibButton);
    }
  });

  // ---------- keyboard and forms ----------

  document.addEventListener("keydown", e => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable) return;
    const box = document.querySelector("main [data-search-box]") || document.querySelector("[data-header-search]");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });

  // Leave empty and default-valued fields out of the URL (disabled fields are not submitted): /?q=bert, not
  // /?q=bert&cat=&from=&to=&sort=relevance&mode=hybrid.
  document.addEventListener("submit", e => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") return;
    const disabled = [];
    for (const el of form.elements) {
      if ((el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name && !el.disabled
          && (el.value.trim() === "" || (el.dataset.default !== undefined && el.value === el.dataset.default))) {
        el.disabled = true;
        disabled.push(el);
      }
    }
    // Re-enable after the navigation started, so a back-navigation restores a usable form.
    setTimeout(() => disabled.forEach(el => { el.disabled = false; }), 0);
  });

  // ---------- TeX ----------

  // The server (TexHtml) finds the formulas and puts each in a .tex-math element, text-mode TeX already turned into HTML;
  // KaTeX's auto-render typesets them, here and in whatever streams in later. A formula KaTeX cannot parse keeps its
  // source as text (auto-render leaves it as it was when KaTeX throws), never a red error. Without the vendored KaTeX
  // (a blocked script) the TeX source stays readable.
  const MATH_OPTIONS = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
      { left: "$", right: "$", display: false },
    ],
    throwOnError: true,
    errorCallback: () => { /* the source stays on the page; nothing to report to the reader */ },
    strict: "ignore",
  };

  // Typesetting is the costly part of a page load (40 list cards: about 0.9 s of the 1.4 s to DOMContentLoaded on the
  // largest day), and deferred scripts run before DOMContentLoaded. So formulas are typeset only as they come within
  // a screen or so of the viewport: IntersectionObserver reports after the first layout, never inside the parse.
  // Math in a folded <details> has no box and waits until it is opened.
  const mathObserver = window.IntersectionObserver
    ? new IntersectionObserver(entries => {
        const near = entries.filter(e => e.isIntersecting).map(e => e.target);
        near.forEach(el => mathObserver.unobserve(el));
        typeset(near);
      }, { rootMargin: "1000px 0px" })
    : null;

  function renderAllMath() {
    if (typeof window.renderMathInElement !== "function") return;
    const fresh = [...document.querySelectorAll(".tex-math:not([data-tex]):not([data-tex-queued])")];
    if (!mathObserver) return typeset(fresh);
    fresh.forEach(el => { el.dataset.texQueued = ""; mathObserver.observe(el); });
  }

  function typeset(els) {
    els.forEach(el => {
      delete el.dataset.texQueued;
      el.dataset.tex = el.textContent; // the source, for copy and the keyword filter (plainText)
      window.renderMathInElement(el, MATH_OPTIONS);
      if (!el.querySelector(".katex")) el.classList.add("tex-error");
    });
    if (els.length) fitWideMath(els);
  }

  // Inline math flows with the text (KaTeX breaks it after relations and operators); one that still sticks out of its
  // column becomes a box that scrolls sideways (.tex-wide), so it never widens the page. Display math always scrolls (CSS).
  // Measured after all rendering (one layout), again once KaTeX's fonts have loaded and when the window is resized.
  function fitWideMath(els) {
    const wide = els.filter(el => {
      const k = el.querySelector(".katex");
      if (!k || el.classList.contains("tex-wide") || k.closest(".katex-display")) return false;
      const column = el.closest(".tex")?.getBoundingClientRect();
      const box = k.getBoundingClientRect();
      return column && (box.right > column.right + 1 || box.left < column.left - 1);
    });
    wide.forEach(el => el.classList.add("tex-wide"));
  }
  const refitAllMath = () => fitWideMath([...document.querySelectorAll(".tex-math[data-tex]")]);
  document.fonts?.ready.then(refitAllMath);
  let resizeTimer;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(refitAllMath, 150); });

  // ---------- keyword filter ----------

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
        .then(rows => { daySources.set(url, rows); applyFilter(panel); })
        .catch(() => {
          if (n < 3) setTimeout(() => attempt(n + 1), 1000 * 2 ** n);
          else { daySources.set(url, FAILED); applyFilter(panel); }
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
      timer = setTimeout(() => applyFilter(panel), 120);
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

  // ---------- paging of long daily lists ----------
  // The server sends 40 cards and a "more" link (works without JS). Here the next page's cards are fetched and
  // appended when the link comes into view or is clicked; the new page brings its own "more" link.
  let loadingMore = false;
  async function loadMore(link) {
    if (loadingMore || !link.isConnected) return;
    const list = document.querySelector("[data-list-cards]");
    if (!list) return;
    loadingMore = true;
    link.setAttribute("aria-busy", "true");
    try {
      const r = await fetch(link.href, { headers: { Accept: "text/html" } });
      if (!r.ok) throw new Error(String(r.status));
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      const items = doc.querySelectorAll("[data-list-cards] > li");
      list.append(...[...items].map(li => document.importNode(li, true)));
      const nav = link.closest(".list-pages"), next = doc.querySelector(".list-pages");
      if (nav) {
        if (next) nav.replaceWith(document.importNode(next, true)); else nav.remove();
        // The range line and a "previous" link would describe one page; after appending, keep only "more".
        document.querySelectorAll(".list-pages [rel=prev], .list-pages .list-range").forEach(a => a.remove());
        document.querySelectorAll(".list-pages").forEach(n => { if (!n.querySelector("[data-list-more]")) n.remove(); });
      }
    } catch {
      link.removeAttribute("aria-busy");
      link.dataset.listMoreFailed = "1"; // a click now follows the link the ordinary way
    } finally {
      loadingMore = false;
    }
  }
  document.addEventListener("click", e => {
    const link = e.target.closest && e.target.closest("[data-list-more]");
    if (!link || link.dataset.listMoreFailed || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    loadMore(link);
  });
  const moreObserver = window.IntersectionObserver
    ? new IntersectionObserver(entries => entries.forEach(en => { if (en.isIntersecting && !en.target.dataset.listMoreFailed) loadMore(en.target); }), { rootMargin: "600px 0px" })
    : null;
  const watchedMore = new WeakSet();
  function watchMore() {
    if (!moreObserver) return;
    document.querySelectorAll("[data-list-more]").forEach(a => { if (!watchedMore.has(a)) { watchedMore.add(a); moreObserver.observe(a); } });
  }

  // ---------- wiring ----------

  function enhance() {
    document.querySelectorAll("[data-copy-card][hidden], [data-copy-bibtex][hidden]").forEach(b => { b.hidden = false; });
    renderAllMath();
    const panel = document.querySelector("[data-kwfilter]");
    if (panel) { setupFilter(panel); fitBar(panel); }
    watchMore();
  }

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      observer.disconnect(); // our own DOM edits must not re-trigger us
      enhance();
      observer.observe(document.body, { childList: true, subtree: true });
    });
  };
  const observer = new MutationObserver(schedule);
  enhance();
  observer.observe(document.body, { childList: true, subtree: true });
  window.paperSearch = { renderAllMath, applyFilter: () => { const p = document.querySelector("[data-kwfilter]"); if (p) applyFilter(p); } };
})();
