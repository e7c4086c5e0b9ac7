// The reader's library: starred papers with their tags and the papers dismissed from "For you", kept in this browser
// only (localStorage "ps-library"), like Cool Papers keeps its preferences. Nothing personal goes to the server except
// in the request that asks for it (recommendations, an import's matching, a feed the reader chose to save).
// - ☆/★ on every card, the paper page and related lists ([data-star], rendered hidden by StarButton.razor)
// - "❤ for you" on daily lists and search results ([data-foryou-sort]): orders the page's cards by the library
// - the For-you page's form ([data-foryou-form]): filled from the library and sent once on arrival; dismissing
// - every tab stays in step: a change in one updates the stars of the others (the "storage" event)
// The Library page itself is wwwroot/js/library-page.js, built on window.psLibrary below.
(() => {
  "use strict";

  const KEY = "ps-library";
  const LIMIT = 2000; // the recommender's limit on a library (RecommendRequest.MaxPositives)
  const listeners = new Set();

  function empty() { return { v: 1, papers: [], dismissed: [], saved: null }; }

  function clean(tags) {
    return [...new Set((Array.isArray(tags) ? tags : []).map(t => String(t).trim().replace(/\s+/g, " ")).filter(t => t && t.length <= 40))];
  }

  /** The library as stored, repaired where a hand edit or an older version left it odd. */
  function load() {
    let raw;
    try { raw = JSON.parse(localStorage.getItem(KEY) || "null"); } catch { raw = null; }
    if (!raw || typeof raw !== "object" || !Array.isArray(raw.papers)) return empty();
    const seen = new Set();
    const papers = raw.papers.filter(p => p && typeof p.id === "string" && p.id && !seen.has(p.id) && seen.add(p.id))
      .map(p => ({ id: p.id, title: String(p.title || p.id), meta: String(p.meta || ""), tags: clean(p.tags), added: String(p.added || "") }));
    const dismissed = Array.isArray(raw.dismissed) ? [...new Set(raw.dismissed.filter(d => typeof d === "string" && d))] : [];
    const saved = raw.saved && typeof raw.saved.token === "string" ? { token: raw.saved.token, feed: String(raw.saved.feed || ""), at: String(raw.saved.at || "") } : null;
    return { v: 1, papers, dismissed, saved };
  }

  function save(lib) {
    try {
      localStorage.setItem(KEY, JSON.stringify(lib));
    } catch (e) {
      // Private windows and full quotas refuse writes: say so rather than lose a star silently.
      console.warn("PaperSearch: the library could not be saved in this browser", e);
      return false;
    }
    listeners.forEach(f => f(lib));
    return true;
  }

  function update(change) { const lib = load(); change(lib); save(lib); return lib; }

  const api = {
    KEY, LIMIT, load, save, clean,
    has: id => load().papers.some(p => p.id === id),
    /** Stars or unstars one paper; returns whether it is starred now. */
    toggle(id, title, meta) {
      let starred = false;
      update(lib => {
        const i = lib.papers.findIndex(p => p.id === id);
        if (i >= 0) lib.papers.splice(i, 1);
        else if (lib.papers.length < LIMIT) {
          lib.papers.unshift({ id, title: title || id, meta: meta || "", tags: [], added: new Date().toISOString() });
          lib.dismissed = lib.dismissed.filter(d => d !== id);
          starred = true;
        }
      });
      return starred;
    },
    setTags(id, tags) { update(lib => { const p = lib.papers.find(x => x.id === id); if (p) p.tags = clean(tags); }); },
    /** Adds papers ({id, title, meta, tags}); the tags of papers already there are merged. Returns how many were new. */
    addMany(entries) {
      let added = 0;
      update(lib => {
        for (const e of entries) {
          if (!e || typeof e.id !== "string" || !e.id) continue;
          const old = lib.papers.find(p => p.id === e.id);
          if (old) { old.tags = clean([...old.tags, ...(e.tags || [])]); continue; }
          if (lib.papers.length >= LIMIT) break;
          lib.papers.push({ id: e.id, title: e.title || e.id, meta: e.meta || "", tags: clean(e.tags), added: e.added || new Date().toISOString() });
          added++;
        }
      });
      return added;
    },
    dismiss(id) { update(lib => { if (!lib.dismissed.includes(id)) lib.dismissed.push(id); }); },
    undismiss(id) { update(lib => { lib.dismissed = lib.dismissed.filter(d => d !== id); }); },
    setSaved(saved) { update(lib => { lib.saved = saved; }); },
    clear() { save({ ...empty(), saved: load().saved }); }, // a saved feed outlives the list: revoke it explicitly
    /** What the recommender is sent: the ids, optionally of one tag, and the dismissed ones. */
    request(tag) {
      const lib = load();
      return { positives: lib.papers.filter(p => !tag || p.tags.includes(tag)).map(p => p.id), negatives: lib.dismissed };
    },
    onChange(f) { listeners.add(f); },
  };
  window.psLibrary = api;

  // Another tab starred or imported something: this one follows.
  window.addEventListener("storage", e => { if (e.key === KEY || e.key === null) { const lib = load(); listeners.forEach(f => f(lib)); } });

  // ---------- stars ----------

  function paintStar(button, ids) {
    const on = ids.has(button.dataset.star);
    button.hidden = false;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.classList.toggle("starred", on);
    // Text is written only when it changes: a write is a DOM mutation, which would wake both pages' observers again.
    setText(button.querySelector(".star-icon"), on ? "★" : "☆");
    setText(button.querySelector(".star-label"), on ? button.dataset.labelRemove : button.dataset.labelAdd);
  }

  function setText(el, text) { if (el && el.textContent !== text) el.textContent = text; }

  function paintStars(lib) {
    const ids = new Set((lib || load()).papers.map(p => p.id));
    document.querySelectorAll("[data-star]").forEach(b => paintStar(b, ids));
  }

  document.addEventListener("click", e => {
    const star = e.target.closest("[data-star]");
    if (star) { api.toggle(star.dataset.star, star.dataset.starTitle, star.dataset.starMeta); return; }
    const dismiss = e.target.closest("[data-dismiss]");
    if (dismiss) { dismissHit(dismiss); return; }
    const undo = e.target.closest("[data-undismiss]");
    if (undo) { undismissHit(undo); return; }
    const sort = e.target.closest("[data-foryou-toggle]");
    if (sort) toggleForYouSort(sort.closest("[data-foryou-sort]"));
  });

  // ---------- "❤ for you" on a list of cards ----------

  function cardItems() {
    return [...document.querySelectorAll("ol.cards > li")].filter(li => li.querySelector("article.card[data-paper]"));
  }

  async function toggleForYouSort(bar) {
    const button = bar.querySelector("[data-foryou-toggle]");
    const label = bar.querySelector("[data-foryou-label]");
    const status = bar.querySelector("[data-foryou-status]");
    const items = cardItems();
    items.forEach((li, i) => { if (!li.dataset.order) li.dataset.order = String(i); });
    const list = items.length ? items[0].parentElement : null;
    if (!list) return;

    if (button.getAttribute("aria-pressed") === "true") {
      items.sort((a, b) => a.dataset.order - b.dataset.order).forEach(li => list.appendChild(li));
      button.setAttribute("aria-pressed", "false");
      label.textContent = bar.dataset.msgOff;
      status.textContent = "";
      return;
    }
    const { positives, negatives } = api.request();
    if (positives.length === 0) return;
    status.textContent = bar.dataset.msgBusy;
    button.disabled = true;
    try {
      const ids = items.map(li => li.querySelector("article.card").dataset.paper).slice(0, 1000);
      const response = await fetch("/api/recommend", {
        method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ positives, negatives, candidates: ids }),
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const result = await response.json();
      const rank = new Map(result.hits.map((h, i) => [h.id, i]));
      const byId = li => li.querySelector("article.card").dataset.paper;
      // Papers the model ranked first, in its order; the rest (the library's own, unknown ones) keep the page's order after them.
      const ordered = [...items].sort((a, b) => {
        const ra = rank.has(byId(a)) ? rank.get(byId(a)) : Infinity, rb = rank.has(byId(b)) ? rank.get(byId(b)) : Infinity;
        return ra === rb ? a.dataset.order - b.dataset.order : ra - rb;
      });
      ordered.forEach(li => list.appendChild(li));
      button.setAttribute("aria-pressed", "true");
      label.textContent = bar.dataset.msgOn;
      status.textContent = "";
    } catch (err) {
      status.textContent = bar.dataset.msgFailed;
      console.warn("PaperSearch: ❤ for you failed", err);
    } finally {
      button.disabled = false;
    }
  }

  function paintSortBars(lib) {
    const has = (lib || load()).papers.length > 0;
    document.querySelectorAll("[data-foryou-sort]").forEach(bar => { bar.hidden = !has || cardItems().length < 2; });
  }

  // ---------- the For-you page ----------

  function libraryJson() {
    const lib = load();
    return JSON.stringify({ papers: lib.papers.map(p => ({ id: p.id, tags: p.tags })), dismissed: lib.dismissed });
  }

  function setupForYouForm(form) {
    const field = form.querySelector("[data-library-field]");
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    form.addEventListener("submit", () => { field.value = libraryJson(); });
    const lib = load();
    const emptyNote = document.querySelector("[data-foryou-empty-client]");
    if (lib.papers.length === 0) { if (emptyNote) emptyNote.hidden = false; return; }
    // Arriving with a GET: send the library once, so the page shows recommendations without a click.
    if (form.dataset.posted !== "true") { field.value = libraryJson(); form.requestSubmit(); }
  }

  function dismissHit(button) {
    const li = button.closest("[data-foryou-hit]");
    api.dismiss(button.dataset.dismiss);
    if (!li) return;
    const note = document.createElement("p");
    note.className = "foryou-dismissed hint";
    note.textContent = (button.dataset.msgDismissed || "Dismissed.") + " ";
    const undo = document.createElement("button");
    undo.type = "button";
    undo.className = "linkish";
    undo.dataset.undismiss = button.dataset.dismiss;
    undo.textContent = button.dataset.msgUndo || "Undo";
    note.appendChild(undo);
    li.querySelectorAll(":scope > *").forEach(c => { c.hidden = true; });
    li.appendChild(note);
    undo.focus();
  }

  function undismissHit(button) {
    const li = button.closest("[data-foryou-hit]");
    api.undismiss(button.dataset.undismiss);
    if (!li) return;
    button.closest(".foryou-dismissed").remove();
    li.querySelectorAll(":scope > *").forEach(c => { c.hidden = false; });
  }

  // ---------- wiring ----------

  function enhance() {
    const lib = load();
    paintStars(lib);
    paintSortBars(lib);
    document.querySelectorAll("[data-dismiss][hidden]").forEach(b => { b.hidden = false; });
    const form = document.querySelector("[data-foryou-form]");
    if (form) setupForYouForm(form);
  }

  api.onChange(lib => { paintStars(lib); paintSortBars(lib); });

  // Streaming and enhanced navigation replace parts of the page: paint what arrives. Our own edits are not observed
  // (they would re-trigger us every frame, a page busy forever).
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      observer.disconnect();
      enhance();
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
  enhance();
  observer.observe(document.body, { childList: true, subtree: true });
})();
