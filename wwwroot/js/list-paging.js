// Paging of long daily lists. The server sends 40 cards and a "more" link (works without JS); here the next page's
// cards are fetched and appended when the link comes into view or is clicked; the new page brings its own "more" link.
// Built on site.js (window.paperSearch): loaded after it.
(() => {
  "use strict";

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

  window.paperSearch.onEnhance(watchMore);
})();
