// PaperSearch page helpers. Progressive enhancement only: every page works without this file.
// - copy buttons (card text, BibTeX), "/" focuses the search box, empty GET fields left out of URLs
// - math in titles and abstracts typeset by KaTeX (vendored in lib/katex), also in content streamed in later
// The keyword filter (keyword-filter.js) and the paging of long lists (list-paging.js) plug into its one
// MutationObserver through paperSearch.onEnhance. Streaming rendering and enhanced navigation replace parts of
// the page, so every setup is idempotent and re-run whenever the DOM changes.
(() => {
  "use strict";

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
  // largest day). So formulas are typeset only as they come within a screen or so of the viewport: IntersectionObserver
  // reports after the first layout, never inside the parse.
  // Math in a folded <details> has no box and waits until it is opened.
  const mathObserver = window.IntersectionObserver
    ? new IntersectionObserver(entries => {
        const near = entries.filter(e => e.isIntersecting).map(e => e.target);
        near.forEach(el => mathObserver.unobserve(el));
        typeset(near);
      }, { rootMargin: "1000px 0px" })
    : null;

  // KaTeX's script is fetched once, when a page first has a formula (App.razor puts its URLs on this script's tag).
  // Injected scripts never hold up DOMContentLoaded; async = false keeps the two in order. If it cannot load, the
  // TeX source stays as it is.
  const katexUrls = document.currentScript?.dataset || {};
  let katexLoading = null;
  function loadKatex() {
    if (katexLoading || !katexUrls.katex) return;
    katexLoading = new Promise((resolve, reject) => {
      [katexUrls.katex, katexUrls.katexAutoRender].forEach((src, i, all) => {
        const s = document.createElement("script");
        s.src = src;
        s.async = false;
        if (i === all.length - 1) s.onload = resolve;
        s.onerror = reject;
        document.body.appendChild(s);
      });
    });
    katexLoading.then(renderAllMath, () => { /* no KaTeX: the formulas stay readable as TeX */ });
  }

  function renderAllMath() {
    if (typeof window.renderMathInElement !== "function") {
      if (document.querySelector(".tex-math")) loadKatex();
      return;
    }
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

  // ---------- wiring ----------

  // The other page scripts' setups, run after this file's own on every DOM change. One observer for all, disconnected
  // while any of them edits: two observers would each wake on the other's edits, frame after frame.
  const hooks = [];

  // See site.css: the skipped layout of far-away list cards is for the first load only.
  let layingOut = false;
  function layOutAllCardsWhenIdle() {
    const root = document.documentElement;
    if (layingOut || root.classList.contains("cards-laid-out") || !document.querySelector("[data-list-cards]")) return;
    layingOut = true;
    const idle = window.requestIdleCallback || (f => setTimeout(f, 200));
    const release = () => idle(() => { layingOut = false; root.classList.add("cards-laid-out"); }, { timeout: 2000 });
    if (document.readyState === "complete") release(); else window.addEventListener("load", release, { once: true });
  }

  function enhance() {
    layOutAllCardsWhenIdle();
    document.querySelectorAll("[data-copy-card][hidden], [data-copy-bibtex][hidden]").forEach(b => { b.hidden = false; });
    renderAllMath();
    hooks.forEach(h => h());
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
  const quietly = f => { observer.disconnect(); try { f(); } finally { observer.observe(document.body, { childList: true, subtree: true }); } };
  quietly(enhance);
  window.paperSearch = {
    plainText,
    /** Runs <setup> now and after every DOM change, as part of this page's enhancement. */
    onEnhance(setup) { hooks.push(setup); quietly(setup); },
    /** Runs a DOM edit made outside enhancement (a fetch's answer) without waking the observer. */
    quietly,
  };
})();
