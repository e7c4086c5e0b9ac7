// The Library page (/library, LibraryPage.razor): lists the papers of window.psLibrary (library.js) by tag, edits tags,
// exports (BibTeX/RIS through a form post to /api/export; JSON straight from the browser), imports (.bib matched by the
// server, a JSON export, a list of ids) and carries the library to another browser in a link (#add=…, a fragment, so
// the server never sees it). Every word it writes comes from the page's data-msg-* attributes, in the page's language.
(() => {
  "use strict";

  const lib = window.psLibrary;
  if (!lib) return;
  const FORMAT = "papersearch-library";

  /** "{0} papers" → "3 papers": the page's own strings with .NET-style placeholders. */
  function fmt(template, ...args) { return String(template || "").replace(/\{(\d+)\}/g, (_, i) => String(args[+i] ?? "")); }

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("data-") || k.startsWith("aria-") || k === "lang" || k === "list" || k === "href" || k === "type") e.setAttribute(k, v);
      else e[k] = v;
    });
    children.forEach(c => e.append(c));
    return e;
  }

  let root, currentTag = "";

  // ---------- list ----------

  function render() {
    const data = lib.load();
    const m = root.dataset;
    root.querySelector("[data-library-count]").textContent = fmt(m.msgCount, data.papers.length.toLocaleString());
    root.querySelector("[data-library-empty]").hidden = data.papers.length > 0;
    root.querySelector("[data-library-foryou]").hidden = data.papers.length === 0;
    root.querySelector("[data-library-export-ids]").value = data.papers.map(p => p.id).join(",");
    root.querySelectorAll("[data-library-export] button, [data-library-share], [data-library-clear]").forEach(b => { b.disabled = data.papers.length === 0; });

    const counts = new Map();
    data.papers.forEach(p => p.tags.forEach(t => counts.set(t, (counts.get(t) || 0) + 1)));
    if (currentTag && !counts.has(currentTag)) currentTag = "";
    const tags = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
    const nav = root.querySelector("[data-library-tags]");
    nav.replaceChildren(...(tags.length === 0 ? [] : [null, ...tags].map(t => {
      const b = el("button", { type: "button", class: "tag-tab", "data-tag-filter": t || "", text: t ? `#${t} (${counts.get(t)})` : m.msgAll });
      if ((t || "") === currentTag) b.setAttribute("aria-current", "page");
      return b;
    })));
    root.querySelector("[data-library-tag-names]").replaceChildren(...tags.map(t => el("option", { value: t })));

    const shown = data.papers.filter(p => !currentTag || p.tags.includes(currentTag));
    root.querySelector("[data-library-list]").replaceChildren(...shown.map(item));
  }

  function item(p) {
    const m = root.dataset;
    const tags = el("span", { class: "library-tags" }, ...p.tags.map(t => el("span", { class: "tag-chip" }, "#" + t, " ",
      el("button", { type: "button", class: "linkish", "data-tag-remove": t, "aria-label": fmt(m.msgRemoveTag, t), text: "×" }))));
    const input = el("input", { type: "text", class: "tag-input", list: "library-tag-names", placeholder: m.msgAddTag, "aria-label": m.msgAddTag, maxLength: 40 });
    return el("li", { class: "library-item", "data-library-item": p.id },
      el("button", { type: "button", class: "linkish star starred", "data-library-unstar": p.id, "aria-label": m.msgUnstar, title: m.msgUnstar, text: "★" }),
      " ",
      el("a", { class: "card-title", href: "/paper/" + p.id, lang: "en", text: p.title }),
      el("span", { class: "related-meta" }, el("span", { lang: "en", text: p.meta ? p.meta + " · " : "" }), "arXiv:" + p.id),
      el("span", { class: "library-item-tags" }, tags, el("form", { class: "tag-form", "data-tag-form": p.id }, input)));
  }

  // ---------- import ----------

  function report(lines, isError) {
    const box = root.querySelector("[data-library-import-report]");
    box.replaceChildren(...lines.map(l => typeof l === "string" ? el("p", { text: l }) : l));
    box.classList.toggle("field-error", !!isError);
  }

  function reportAdded(added, total, unmatched) {
    const m = root.dataset;
    const lines = [fmt(m.msgImported, added.toLocaleString(), total.toLocaleString())];
    if (unmatched && unmatched.length) {
      lines.push(fmt(m.msgUnmatched, unmatched.length.toLocaleString()));
      lines.push(el("ul", {}, ...unmatched.slice(0, 50).map(u => el("li", { lang: "en" }, el("code", { text: u.input }),
        u.line ? ` (line ${u.line})` : "", ": " + u.reason))));
    }
    if (lib.load().papers.length >= lib.LIMIT) lines.push(fmt(m.msgFull, lib.LIMIT.toLocaleString()));
    report(lines, false);
  }

  /** Asks the server which of its papers a .bib or an id list names; adds them with the given tags. */
  async function importMatched(body) {
    try {
      const response = await fetch("/api/library/match", {
        method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body),
      });
      const result = await response.json().catch(() => null);
      if (!response.ok) {
        const detail = result && (result.detail || Object.values(result.errors || {}).flat().join(" ") || result.title);
        report([fmt(root.dataset.msgImportFailed, detail || "HTTP " + response.status)], true);
        return;
      }
      const entries = result.papers.map(p => ({ id: p.id, title: p.title }));
      const added = lib.addMany(entries);
      reportAdded(added, entries.length, result.unmatched);
    } catch (e) {
      report([fmt(root.dataset.msgImportFailed, e.message)], true);
    }
  }

  /** A JSON export of this page (tags, dismissed papers and all), or a plain array of ids. */
  function importJson(text) {
    let data;
    try { data = JSON.parse(text); } catch { report([root.dataset.msgBadFile], true); return; }
    if (Array.isArray(data) && data.every(x => typeof x === "string")) { importMatched({ ids: data }); return; }
    if (!data || data.format !== FORMAT || !Array.isArray(data.papers)) { report([root.dataset.msgBadFile], true); return; }
    const entries = data.papers.filter(p => p && typeof p.id === "string");
    const added = lib.addMany(entries);
    (Array.isArray(data.dismissed) ? data.dismissed : []).forEach(d => { if (typeof d === "string" && !lib.has(d)) lib.dismiss(d); });
    reportAdded(added, entries.length, []);
  }

  async function importFile(file) {
    const text = await file.text();
    if (/\.json$/i.test(file.name) || /^\s*[[{]/.test(text)) importJson(text);
    else importMatched({ bibtex: text });
  }

  // ---------- export and share ----------

  function download(name, type, text) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })) });
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function exportJson() {
    const data = lib.load();
    const day = new Date().toISOString().slice(0, 10);
    download(`papersearch-library-${day}.json`, "application/json",
      JSON.stringify({ format: FORMAT, version: 1, exported: new Date().toISOString(), papers: data.papers, dismissed: data.dismissed }, null, 2));
  }

  // The link carries ids and tags only (titles come back from the server on arrival): base64url of compact JSON.
  function encodeShare(papers) {
    const json = JSON.stringify(papers.map(p => p.tags.length ? [p.id, p.tags] : p.id));
    const bytes = new TextEncoder().encode(json);
    let bin = "";
    bytes.forEach(b => { bin += String.fromCharCode(b); });
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decodeShare(s) {
    try {
      const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
      const json = new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0)));
      const list = JSON.parse(json);
      if (!Array.isArray(list)) return null;
      return list.map(x => typeof x === "string" ? { id: x, tags: [] } : Array.isArray(x) && typeof x[0] === "string" ? { id: x[0], tags: lib.clean(x[1]) } : null)
        .filter(Boolean).slice(0, lib.LIMIT);
    } catch { return null; }
  }

  async function share() {
    const url = `${location.origin}/library#add=${encodeShare(lib.load().papers)}`;
    const box = root.querySelector("[data-library-share-url]");
    box.hidden = false;
    box.value = url;
    box.select();
    // Browsers and chat apps handle links of a few tens of KB; a bigger library moves better as a JSON file.
    if (url.length > 32_000) { report([root.dataset.msgTooLong], true); return; }
    try { await navigator.clipboard.writeText(url); root.querySelector("[data-library-share]").textContent = root.dataset.msgCopied; } catch { /* the box shows it */ }
  }

  /** Arrived by a share link: offer to add what it holds (never silently). */
  function offerIncoming() {
    const match = /^#add=([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (!match) return;
    const entries = decodeShare(match[1]);
    history.replaceState(null, "", location.pathname + location.search);
    if (!entries || entries.length === 0) { report([root.dataset.msgBadFile], true); return; }
    const box = root.querySelector("[data-library-incoming]");
    const add = el("button", { type: "button", class: "button primary", text: fmt(root.dataset.msgLinkAdd, entries.length.toLocaleString()) });
    add.addEventListener("click", async () => {
      box.hidden = true;
      const tagsById = new Map(entries.map(e => [e.id, e.tags]));
      // Titles from the server; the tags from the link.
      const before = new Set(lib.load().papers.map(p => p.id));
      await importMatched({ ids: entries.map(e => e.id) });
      lib.load().papers.filter(p => tagsById.has(p.id) && tagsById.get(p.id).length)
        .forEach(p => lib.setTags(p.id, before.has(p.id) ? [...p.tags, ...tagsById.get(p.id)] : tagsById.get(p.id)));
    });
    box.replaceChildren(el("p", { text: fmt(root.dataset.msgLinkHolds, entries.length.toLocaleString()) }), add);
    box.hidden = false;
  }

  // ---------- a feed: the library saved on the server under a capability token (/api/libraries) ----------

  function paintFeed() {
    const box = root.querySelector("[data-library-feed]");
    const saved = lib.load().saved;
    box.querySelector("[data-library-feed-save]").hidden = !!saved;
    box.querySelector("[data-library-feed-save]").disabled = lib.load().papers.length === 0;
    box.querySelector("[data-library-feed-saved]").hidden = !saved;
    if (!saved) return;
    const a = box.querySelector("[data-library-feed-url]");
    a.href = saved.feed;
    a.textContent = saved.feed;
    box.querySelector("[data-library-feed-when]").textContent = fmt(box.dataset.msgSavedAt, new Date(saved.at).toLocaleString());
  }

  async function feedRequest(method, url) {
    const box = root.querySelector("[data-library-feed]");
    const out = box.querySelector("[data-library-feed-report]");
    out.textContent = "";
    try {
      const init = { method, headers: { Accept: "application/json" } };
      if (method !== "DELETE") {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(lib.request());
      }
      const response = await fetch(url, init);
      const result = await response.json().catch(() => null);
      if (method === "DELETE" || response.status === 404) {
        lib.setSaved(null);
        if (method === "DELETE") out.textContent = box.dataset.msgRevoked;
        return;
      }
      if (!response.ok) {
        const detail = result && (Object.values(result.errors || {}).flat().join(" ") || result.detail || result.title);
        out.textContent = fmt(box.dataset.msgFailed, detail || "HTTP " + response.status);
        return;
      }
      lib.setSaved({ token: result.token, feed: result.feed, at: new Date().toISOString() });
    } catch (e) {
      out.textContent = fmt(box.dataset.msgFailed, e.message);
    }
  }

  function onFeedClick(t) {
    const saved = lib.load().saved;
    if (t.closest("[data-library-feed-save]")) { feedRequest("POST", "/api/libraries"); return true; }
    if (t.closest("[data-library-feed-update]") && saved) { feedRequest("PUT", "/api/libraries/" + encodeURIComponent(saved.token)); return true; }
    const revoke = t.closest("[data-library-feed-revoke]");
    if (revoke && saved) {
      const box = root.querySelector("[data-library-feed]");
      if (revoke.dataset.armed) {
        delete revoke.dataset.armed;
        revoke.textContent = revoke.dataset.label;
        feedRequest("DELETE", "/api/libraries/" + encodeURIComponent(saved.token));
      } else { revoke.dataset.label = revoke.textContent; revoke.dataset.armed = "1"; revoke.textContent = box.dataset.msgRevokeConfirm; }
      return true;
    }
    return false;
  }

  // ---------- wiring ----------

  function setup() {
    root = document.querySelector("[data-library-page]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    root.hidden = false;

    root.addEventListener("click", e => {
      const t = e.target;
      if (onFeedClick(t)) return;
      const unstar = t.closest("[data-library-unstar]");
      if (unstar) { lib.toggle(unstar.dataset.libraryUnstar); return; }
      const remove = t.closest("[data-tag-remove]");
      if (remove) {
        const id = remove.closest("[data-library-item]").dataset.libraryItem;
        const p = lib.load().papers.find(x => x.id === id);
        if (p) lib.setTags(id, p.tags.filter(x => x !== remove.dataset.tagRemove));
        return;
      }
      const filter = t.closest("[data-tag-filter]");
      if (filter) { currentTag = filter.dataset.tagFilter; render(); return; }
      if (t.closest("[data-library-export-json]")) { exportJson(); return; }
      if (t.closest("[data-library-share]")) { share(); return; }
      if (t.closest("[data-library-import-ids-button]")) {
        const box = root.querySelector("[data-library-import-ids]");
        const ids = box.value.split(/[\s,;]+/).filter(Boolean);
        if (ids.length) importMatched({ ids }).then(() => { box.value = ""; });
        return;
      }
      const clear = t.closest("[data-library-clear]");
      if (clear) {
        // Two presses, no dialog: the first turns the button into the question.
        if (clear.dataset.armed) { lib.clear(); delete clear.dataset.armed; clear.textContent = clear.dataset.label; }
        else { clear.dataset.label = clear.textContent; clear.dataset.armed = "1"; clear.textContent = root.dataset.msgClearConfirm; }
      }
    });

    root.addEventListener("submit", e => {
      const form = e.target.closest("[data-tag-form]");
      if (form) {
        e.preventDefault();
        const input = form.querySelector("input");
        const id = form.dataset.tagForm;
        const p = lib.load().papers.find(x => x.id === id);
        const added = lib.clean(input.value.split(","));
        if (p && added.length) lib.setTags(id, [...p.tags, ...added]);
        // The list is drawn again: keep the reader in this paper's tag box.
        requestAnimationFrame(() => { const again = root.querySelector(`[data-tag-form="${CSS.escape(id)}"] input`); if (again) again.focus(); });
        return;
      }
      if (e.target.matches("[data-library-export]")) root.querySelector("[data-library-export-ids]").value = lib.load().papers.map(p => p.id).join(",");
    });

    root.querySelector("[data-library-import-file]").addEventListener("change", e => {
      const file = e.target.files && e.target.files[0];
      if (file) importFile(file).finally(() => { e.target.value = ""; });
    });

    lib.onChange(() => { render(); paintFeed(); });
    render();
    paintFeed();
    offerIncoming();
  }

  setup();
  // Enhanced navigation may bring the page in without a reload.
  new MutationObserver(() => { if (document.querySelector("[data-library-page]:not([data-ready])")) setup(); })
    .observe(document.body, { childList: true, subtree: true });
})();
