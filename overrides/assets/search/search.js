/* thongbao search: Vietnamese full-text search in the reader's browser, on Pagefind's JS API.
 *
 * Two views share one engine:
 *  - the box in Material's header (every page): "/", "s" or "f" focuses it; it lists the best
 *    matches among the newest notices (the newest index shard first, older shards only when
 *    it has too few results: fast whatever the size of the archive) and leads to the full page;
 *  - the full page (#tb-search-page), over every shard: facets with counts, sort by date, and
 *    its whole state in the URL (?q=…&tinh=…&nam=…&sap-xep=moi-nhat) so that a filtered search
 *    can be shared.
 *
 * The index holds tokens, not text (build/thongbao/searchindex.py explains why): a word's token
 * is its folded form plus a code of its diacritics, so the folded query term matches every
 * accented form as a prefix and the coded one matches the exact form; "qq" + two folded words
 * is a pair (phrase) token. Relevance lists first the results with the query's exact accents
 * and its words side by side, then the others (Pagefind's ranking within each group). Snippets
 * are cut from the notice page itself, fetched when its result comes into view.
 */
(() => {
  "use strict";

  const CONFIG = window.thongbaoSearch || {};
  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);
  const BUNDLE = new URL(CONFIG.bundle || "pagefind/", ROOT);
  const PAGE = new URL(CONFIG.page ?? "tim-kiem/", ROOT);

  const FACETS = [
    { key: "tinh", param: "tinh", label: "Tỉnh/thành" },
    { key: "tinh_nay", param: "tinh-nay", label: "Tỉnh/thành từ 1/7/2025" },
    { key: "nam", param: "nam", label: "Năm" },
    { key: "chu_de", param: "chu-de", label: "Chủ đề" },
    { key: "co_quan", param: "co-quan", label: "Cơ quan" },
    { key: "loai", param: "loai", label: "Loại văn bản" },
  ];
  const SORT_PARAM = "sap-xep";
  const SORT_NEWEST = "moi-nhat";
  const PAGE_SIZE = 10;
  const HEADER_SIZE = CONFIG.headerSize || 8; // results in the header box
  const FACET_VISIBLE = 8;
  const DEBOUNCE_MS = 60;

  const T = {
    search: "Tìm kiếm",
    placeholder: "Tìm kiếm",
    pagePlaceholder: "Tìm trong toàn văn các văn bản…",
    close: "Xóa",
    back: "Đóng",
    typeToSearch: "Gõ từ khóa, có dấu hoặc không dấu; đặt cụm từ trong \"ngoặc kép\".",
    none: (q) => `Không tìm thấy kết quả nào cho “${q}”`,
    noneFiltered: "Không có văn bản nào khớp với bộ lọc đã chọn",
    found: (n, q) => (q ? `${n} kết quả cho “${q}”` : `${n} văn bản`),
    foundSince: (n, q, since) => `${n} kết quả cho “${q}” trong các văn bản từ ${since}`,
    loading: "Đang tìm…",
    failed: "Không tải được chỉ mục tìm kiếm.",
    sort: "Sắp xếp:",
    relevance: "Liên quan",
    newest: "Mới nhất",
    more: "Xem thêm kết quả",
    allResults: (q) => `Lọc và sắp xếp mọi kết quả cho “${q}” →`,
    facetMore: "Hiện thêm",
    facetLess: "Thu gọn",
    clear: "Bỏ lọc",
    filters: "Bộ lọc",
  };

  // Material Design Icons (Apache 2.0), as Material draws them in its header.
  const ICON = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  };

  /* ---- text ----------------------------------------------------------------------------- */

  const WORD = /[\p{L}\p{N}]+/gu;
  const PAIR = "qq";
  const END = "z";
  const fold = (text) =>
    text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  const slug = (text) => fold(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const escapeHtml = (text) =>
    String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  /** Same as thongbao.searchindex.word_token: folded word, "z", then the position and code
   * point (base 36) of each letter with diacritics. */
  function wordToken(word) {
    const lower = word.normalize("NFC").toLowerCase();
    let code = "";
    let i = 0;
    for (const c of lower) {
      const point = c.codePointAt(0);
      if (point > 127) code += `${i}${point.toString(36).padStart(3, "0")}`;
      i += 1;
    }
    return foldedToken(lower) + code;
  }

  const foldedWord = (word) => fold(word.normalize("NFC").toLowerCase());
  const foldedToken = (word) => foldedWord(word) + END;
  const pairTokens = (words) =>
    words.slice(1).map((w, i) => PAIR + foldedWord(words[i]) + foldedToken(w));

  /** The reader's query: its words, and its phrases ("…" required, unquoted runs preferred). */
  function parseQuery(text) {
    const segments = [];
    for (const m of text.normalize("NFC").matchAll(/"([^"]*)"|([^"]+)/g)) {
      const words = (m[1] ?? m[2]).match(WORD) || [];
      if (words.length) segments.push({ words, quoted: m[1] !== undefined });
    }
    const words = segments.flatMap((s) => s.words);
    const exact = words.map(wordToken);
    const folded = words.map(foldedToken);
    return {
      words,
      exact,
      folded,
      accented: exact.some((t, i) => t !== folded[i]),
      required: segments.filter((s) => s.quoted).flatMap((s) => pairTokens(s.words)),
      preferred: segments.filter((s) => !s.quoted).flatMap((s) => pairTokens(s.words)),
    };
  }

  /** Term lists, best first; the last one is the whole result set. The best matches have the
   * exact accents of the query and its words side by side; the rest follow by relevance. */
  function relevanceLayers(query) {
    const base = [...query.folded, ...query.required];
    const words = query.accented ? query.exact : query.folded;
    const best = [...words, ...query.required, ...query.preferred];
    const layers = best.join(" ") === base.join(" ") ? [base] : [best, base];
    return layers.map((terms) => terms.join(" "));
  }

  const svg = (path) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="${path}"/></svg>`;

  function el(tag, attrs = {}, html = "") {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    if (html) node.innerHTML = html;
    return node;
  }

  function debounce(fn, ms) {
    let timer = 0;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  /* ---- engine --------------------------------------------------------------------------- */

  const SHARDS = CONFIG.shards || [];
  const NO_RESULTS = { results: [], filters: {}, totalFilters: {}, unfilteredResultCount: 0 };
  const EMPTY_ENGINE = {
    search: async () => NO_RESULTS,
    preload: async () => {},
    filters: async () => ({}),
  };
  const OPTIONS = {
    baseUrl: ROOT.pathname,
    // Metadata is for display: the title and facts are searched as tokens (weighted).
    ranking: { metaWeights: { title: 0, tinh: 0, ngay: 0, so: 0, loai: 0 } },
  };
  const shardUrl = (name) => new URL(`${name}/`, BUNDLE).href;
  let engine = null;
  const merges = [];
  let wanted = 1;

  /** Pagefind with (at least) the ``count`` newest shards: the newest shard's bundle, loaded
   * once on first need, and older shards merged into it when asked for (default: all). The
   * full page needs every shard (exact counts); the header box starts with the newest. */
  function pagefind(count = SHARDS.length) {
    if (!engine) {
      engine = loadEngine();
      engine.catch(() => (engine = null));
    }
    return engine.then((pf) => widen(pf, count));
  }

  async function loadEngine() {
    if (!SHARDS.length) return EMPTY_ENGINE;
    const pf = await import(`${shardUrl(SHARDS[0])}pagefind.js`);
    await pf.options(OPTIONS);
    await pf.init();
    return pf;
  }

  async function widen(pf, count) {
    if (pf === EMPTY_ENGINE) return pf;
    wanted = Math.max(wanted, Math.min(count, SHARDS.length));
    for (let i = 1; i < wanted; i++) {
      if (!merges[i]) {
        merges[i] = pf.mergeIndex(shardUrl(SHARDS[i]), OPTIONS);
        merges[i].catch(() => (merges[i] = null));
      }
    }
    await Promise.all(merges.slice(1, wanted));
    return pf;
  }

  /** The shards merged so far (or being merged). */
  const shardsWanted = () => wanted;

  /** "2024" → "2024", "2021-12" → "12/2021": the oldest period of a shard. */
  function shardSince(name) {
    const m = /^(\d{4})(?:-(\d{2}))?$/.exec(name || "");
    if (!m) return "";
    return m[2] ? `${m[2]}/${m[1]}` : m[1];
  }

  function isBlank(selected) {
    return Object.values(selected).every((values) => values.size === 0);
  }

  /** Pagefind filters: any of the values chosen in a facet, all facets together. */
  function pagefindFilters(selected) {
    const filters = {};
    for (const [key, values] of Object.entries(selected)) {
      if (values.size) filters[key] = { any: [...values] };
    }
    return filters;
  }

  /** Pagefind 1.5 also indexes the metadata (title, province … as written, not as tokens),
   * and a query word that no indexed word begins with falls back to the longest indexed word
   * it begins with: `khongcotunayz` matched the title word *khó* (`kho`). Every word a query
   * sends is a token, so a result with no match in the indexed text (`words`) matched only
   * such a fallback: it is dropped (and if none is left, so are Pagefind's facet counts, which
   * counted them). A search with no words (filters only) keeps them all. */
  function textMatches(res, terms) {
    if (!terms) return res;
    const results = res.results.filter((r) => r.words.length);
    return results.length ? { ...res, results } : { ...res, results, filters: {} };
  }

  /** Results for a query (and filters): the best matches, then the others; or all of them
   * newest first. ``onFirst`` gets the first results as soon as they are known (they are drawn
   * while the rest is still being worked out). ``base`` is the whole set (count, facets). */
  async function runSearch(pf, text, selected, newest, onFirst = null) {
    const filters = pagefindFilters(selected);
    const query = parseQuery(text);
    const layers = query.words.length ? relevanceLayers(query) : [null];
    const whole = layers[layers.length - 1];
    if (newest || !query.words.length) return newestFirst(pf, whole, filters, onFirst);
    const best = textMatches(await pf.search(layers[0], { filters }), layers[0]);
    if (layers.length === 1) return { base: best, results: best.results };
    if (onFirst && best.results.length) await onFirst(best.results);
    const base = textMatches(await pf.search(whole, { filters }), whole);
    const seen = new Set(best.results.map((r) => r.id));
    return { base, results: [...best.results, ...base.results.filter((r) => !seen.has(r.id))] };
  }

  /** Newest first: each shard sorts its own notices; shards are periods, newest first. */
  async function newestFirst(pf, terms, filters, onFirst) {
    const results = [];
    let told = !onFirst;
    for (const name of SHARDS.slice(0, shardsWanted())) {
      const sort = { ngay: "desc" };
      const part = textMatches(
        await pf.search(terms, { filters: { ...filters, kho: name }, sort }), terms);
      results.push(...part.results);
      if (!told && results.length >= PAGE_SIZE) {
        told = true;
        await onFirst(results.slice());
      }
    }
    return { base: textMatches(await pf.search(terms, { filters }), terms), results };
  }

  /** The whole result set only (counts for facets). */
  function baseSearch(pf, text, selected) {
    const query = parseQuery(text);
    const layers = query.words.length ? relevanceLayers(query) : [null];
    const whole = layers[layers.length - 1];
    const res = pf.search(whole, { filters: pagefindFilters(selected) });
    return res.then((r) => textMatches(r, whole));
  }

  /** Load the index chunks a query will need while the reader is still typing. */
  function preload(text) {
    const query = parseQuery(text);
    if (!query.words.length) return;
    pagefind(1)
      .then((pf) => Promise.all(relevanceLayers(query).map((terms) => pf.preload(terms))))
      .catch(() => {});
  }

  async function resultData(result) {
    const data = await result.data();
    const meta = data.meta || {};
    return {
      url: data.url,
      title: meta.title || data.url,
      province: meta.tinh || "",
      date: meta.ngay || "",
      type: [meta.loai, meta.so].filter(Boolean).join(" "),
    };
  }

  /* ---- snippets, cut from the notice page ----------------------------------------------- */

  const pageTexts = new Map();

  function pageText(url) {
    if (!pageTexts.has(url)) {
      const text = fetch(url)
        .then((r) => (r.ok ? r.text() : ""))
        .then((html) => {
          const doc = new DOMParser().parseFromString(html, "text/html");
          const body = doc.querySelector(".tb-text") || doc.querySelector("article") || doc.body;
          return (body ? body.textContent : "").replace(/\s+/g, " ").trim();
        })
        .catch(() => "");
      pageTexts.set(url, text);
    }
    return pageTexts.get(url);
  }

  /** ~28 words around the densest run of query words, matches in <mark> (exact accents count
   * double). The page text is data: everything else is escaped. */
  function snippet(text, query, length = 28) {
    const words = text.split(" ");
    const score = words.map((w) => {
      const word = (w.match(WORD) || [""])[0];
      if (!word) return 0;
      if (query.exact.includes(wordToken(word))) return 2;
      return query.folded.includes(foldedToken(word)) ? 1 : 0;
    });
    let best = 0;
    let bestAt = 0;
    let sum = 0;
    for (let i = 0; i < words.length; i++) {
      sum += score[i] - (i >= length ? score[i - length] : 0);
      if (sum > best) [best, bestAt] = [sum, Math.max(0, i - length + 1)];
    }
    const start = Math.max(0, Math.min(bestAt, words.length - length));
    const parts = words.slice(start, start + length).map((w, i) =>
      score[start + i] ? `<mark>${escapeHtml(w)}</mark>` : escapeHtml(w));
    const head = start > 0 ? "… " : "";
    const tail = start + length < words.length ? " …" : "";
    return head + parts.join(" ") + tail;
  }

  const snippetObserver =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) {
                snippetObserver.unobserve(entry.target);
                fillSnippet(entry.target);
              }
            }
          },
          { rootMargin: "100px" },
        )
      : null;

  /** Fill the snippet of a result element once it is (nearly) visible. */
  function wantSnippet(element, url, query) {
    element.tbSnippet = { url, query };
    if (snippetObserver) snippetObserver.observe(element);
    else fillSnippet(element);
  }

  async function fillSnippet(element) {
    const { url, query } = element.tbSnippet || {};
    const target = element.querySelector(".tb-result__excerpt");
    if (!url || !target || !query.words.length) return;
    const text = await pageText(url);
    if (text) target.innerHTML = snippet(text, query);
  }

  function metaLine(item) {
    return [item.province, item.date, item.type].filter(Boolean).map(escapeHtml).join(" · ");
  }

  /* ---- header box ----------------------------------------------------------------------- */

  function headerMarkup() {
    const box = el("div", { class: "md-search tb-search", role: "dialog" });
    box.innerHTML = `
      <label class="md-search__overlay" for="__search"></label>
      <div class="md-search__inner" role="search">
        <form class="md-search__form" name="tb-search" action="${escapeHtml(PAGE.href)}" method="get">
          <input type="text" class="md-search__input" name="q" required
            aria-label="${T.search}" placeholder="${T.placeholder}"
            autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false">
          <label class="md-search__icon md-icon" for="__search" title="${T.back}">
            ${svg(ICON.magnify)}${svg(ICON.back)}
          </label>
          <nav class="md-search__options" aria-label="${T.search}">
            <button type="reset" class="md-search__icon md-icon" title="${T.close}"
              aria-label="${T.close}" tabindex="-1">${svg(ICON.close)}</button>
          </nav>
        </form>
        <div class="md-search__output">
          <div class="md-search__scrollwrap" tabindex="0">
            <div class="md-search-result">
              <div class="md-search-result__meta">${T.typeToSearch}</div>
              <ol class="md-search-result__list" role="presentation"></ol>
              <a class="tb-search__all" hidden></a>
            </div>
          </div>
        </div>
      </div>`;
    return box;
  }

  function mountHeader() {
    const inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".tb-search")) return null;
    const button = el(
      "label",
      { class: "md-header__button md-icon tb-search__button", for: "__search", title: T.search },
      svg(ICON.magnify),
    );
    const box = headerMarkup();
    const anchor = inner.querySelector(".md-header__source");
    inner.insertBefore(button, anchor);
    inner.insertBefore(box, anchor);
    wireHeader(box);
    return box;
  }

  function setOpen(open) {
    const toggle = document.getElementById("__search");
    if (toggle && toggle.checked !== open) toggle.checked = open;
  }

  function wireHeader(box) {
    const form = box.querySelector("form");
    const input = box.querySelector("input");
    const meta = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const all = box.querySelector(".tb-search__all");
    let seq = 0;

    const render = async () => {
      const query = input.value.trim();
      const mine = ++seq;
      list.innerHTML = "";
      all.hidden = true;
      if (!query) {
        meta.textContent = T.typeToSearch;
        box.dataset.state = "idle";
        return;
      }
      meta.textContent = T.loading;
      box.dataset.state = "loading";
      delete box.dataset.shown;
      const parsed = parseQuery(query);
      let drawn = [];
      const draw = async (results) => {
        const ids = results.slice(0, HEADER_SIZE).map((r) => r.id);
        if (ids.join() === drawn.join()) return;
        const items = await Promise.all(results.slice(0, HEADER_SIZE).map(resultData));
        if (mine !== seq) return;
        list.replaceChildren(...items.map((item) => headerItem(item, parsed)));
        drawn = ids;
        box.dataset.shown = "1";
      };
      try {
        // The newest shard first, then twice as many shards while there are fewer than
        // HEADER_SIZE results: a common query is answered by one shard (its time and bytes do
        // not grow with the archive). The full page (the link below) searches them all.
        let count = shardsWanted();
        const pf = await pagefind(count);
        let res = await runSearch(pf, query, {}, false, draw);
        while (res.results.length < HEADER_SIZE && count < SHARDS.length && mine === seq) {
          count = Math.min(SHARDS.length, Math.max(count * 2, shardsWanted()));
          await pagefind(count);
          if (mine !== seq) return;
          res = await runSearch(pf, query, {}, false, draw);
        }
        await draw(res.results);
        if (mine !== seq) return;
        const since = count < SHARDS.length ? shardSince(SHARDS[count - 1]) : "";
        meta.textContent = !res.results.length
          ? T.none(query)
          : since
            ? T.foundSince(res.results.length, query, since)
            : T.found(res.results.length, query);
        const url = new URL(PAGE);
        url.searchParams.set("q", query);
        all.href = url.href;
        all.textContent = T.allResults(query);
        all.hidden = res.results.length === 0;
        box.dataset.state = "done";
      } catch (err) {
        if (mine === seq) meta.textContent = T.failed;
        console.error(err);
      }
    };
    const later = debounce(render, DEBOUNCE_MS);

    input.addEventListener("focus", () => {
      setOpen(true);
      pagefind(1).catch(() => {});
    });
    input.addEventListener("input", () => {
      preload(input.value);
      later();
    });
    form.addEventListener("reset", () => setTimeout(() => { render(); input.focus(); }));
    form.addEventListener("submit", (ev) => {
      if (!input.value.trim()) ev.preventDefault();
    });
    box.addEventListener("keydown", (ev) => headerKeys(ev, box, input));
    document.getElementById("__search")?.addEventListener("change", (ev) => {
      if (ev.target.checked) input.focus();
      else input.blur();
    });
  }

  function headerItem(item, query) {
    const li = el("li", { class: "md-search-result__item tb-result" });
    li.innerHTML = `
      <a href="${escapeHtml(item.url)}" class="md-search-result__link tb-result__link" tabindex="-1">
        <article class="md-search-result__article md-typeset">
          <h1 class="tb-result__title">${escapeHtml(item.title)}</h1>
          <p class="tb-result__meta">${metaLine(item)}</p>
          <p class="tb-result__excerpt"></p>
        </article>
      </a>`;
    wantSnippet(li, item.url, query);
    return li;
  }

  function headerKeys(ev, box, input) {
    if (ev.isComposing) return;
    const links = [...box.querySelectorAll(".tb-result__link, .tb-search__all:not([hidden])")];
    const at = links.indexOf(document.activeElement);
    if (ev.key === "Escape") {
      setOpen(false);
      input.blur();
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!links.length) return;
      ev.preventDefault();
      const step = ev.key === "ArrowDown" ? 1 : -1;
      const next = at < 0 ? (step > 0 ? 0 : links.length - 1) : at + step;
      if (next < 0 || next >= links.length) input.focus();
      else links[next].focus();
    }
  }

  /* ---- keyboard shortcut ---------------------------------------------------------------- */

  function typingInto(target) {
    if (!target) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function wireShortcut() {
    window.addEventListener(
      "keydown",
      (ev) => {
        if (ev.isComposing || ev.metaKey || ev.ctrlKey || ev.altKey) return;
        if (!["/", "s", "f", "S", "F"].includes(ev.key) || typingInto(document.activeElement)) return;
        const target =
          document.querySelector("#tb-search-page .tb-search__input") ||
          document.querySelector(".tb-search .md-search__input");
        if (!target) return;
        ev.preventDefault();
        ev.stopPropagation();
        if (target.classList.contains("md-search__input")) setOpen(true);
        target.focus();
        target.select();
      },
      true,
    );
  }

  /* ---- full page ------------------------------------------------------------------------ */

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const wanted = {};
    for (const facet of FACETS) wanted[facet.key] = params.getAll(facet.param).map(slug);
    return { q: params.get("q") || "", newest: params.get(SORT_PARAM) === SORT_NEWEST, wanted };
  }

  function writeUrl(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const facet of FACETS) {
      for (const value of state.selected[facet.key]) params.append(facet.param, slug(value));
    }
    if (state.newest) params.set(SORT_PARAM, SORT_NEWEST);
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "");
    if (url !== location.pathname + location.search) history.replaceState(null, "", url);
  }

  /** URL slugs → the facet values they name (all values sharing a slug). */
  function resolveSlugs(wanted, all) {
    const selected = {};
    for (const facet of FACETS) {
      const values = Object.keys(all[facet.key] || {});
      const slugs = new Set(wanted[facet.key] || []);
      selected[facet.key] = new Set(values.filter((v) => slugs.has(slug(v))));
    }
    return selected;
  }

  function pageMarkup(root) {
    root.innerHTML = `
      <form class="tb-search__form" role="search" action="" method="get">
        <input type="search" name="q" class="tb-search__input" aria-label="${T.search}"
          placeholder="${T.pagePlaceholder}" autocomplete="off" spellcheck="false">
        <label class="tb-search__sort">${T.sort}
          <select name="${SORT_PARAM}" class="tb-search__sort-select">
            <option value="">${T.relevance}</option>
            <option value="${SORT_NEWEST}">${T.newest}</option>
          </select>
        </label>
      </form>
      <div class="tb-search__layout">
        <aside class="tb-search__facets" aria-label="${T.filters}">
          <button type="button" class="tb-search__clear md-button" hidden>${T.clear}</button>
          <div class="tb-search__facet-list"></div>
        </aside>
        <section class="tb-search__results" aria-live="polite">
          <p class="tb-search__status" role="status">${T.typeToSearch}</p>
          <ol class="tb-search__list"></ol>
          <button type="button" class="tb-search__more md-button" hidden>${T.more}</button>
        </section>
      </div>`;
  }

  function facetCounts(res, facet) {
    return (res && res.filters && res.filters[facet.key]) || {};
  }

  function orderedValues(facet, counts, selected) {
    const values = Object.keys(counts).filter((v) => counts[v] > 0 || selected.has(v));
    if (facet.key === "nam") return values.sort((a, b) => b.localeCompare(a));
    return values.sort((a, b) => counts[b] - counts[a] || a.localeCompare(b, "vi"));
  }

  function facetMarkup(facet, counts, selected, expanded) {
    const values = orderedValues(facet, counts, selected);
    if (!values.length) return "";
    const shown = expanded ? values : values.filter((v, i) => i < FACET_VISIBLE || selected.has(v));
    const boxes = shown
      .map((v) => {
        const checked = selected.has(v) ? " checked" : "";
        return `<li><label class="tb-facet__value"><input type="checkbox" data-facet="${facet.key}"
          value="${escapeHtml(v)}"${checked}> <span class="tb-facet__name">${escapeHtml(v)}</span>
          <span class="tb-facet__count">${counts[v] ?? 0}</span></label></li>`;
      })
      .join("");
    const more =
      values.length > FACET_VISIBLE
        ? `<button type="button" class="tb-facet__more" data-facet="${facet.key}">${
            expanded ? T.facetLess : T.facetMore
          }</button>`
        : "";
    return `<fieldset class="tb-facet" data-facet="${facet.key}">
      <legend>${facet.label}</legend><ul>${boxes}</ul>${more}</fieldset>`;
  }

  function pageItem(item, query) {
    const li = el("li", { class: "tb-result" });
    li.innerHTML = `
      <a class="tb-result__link" href="${escapeHtml(item.url)}">
        <h3 class="tb-result__title">${escapeHtml(item.title)}</h3></a>
      <p class="tb-result__meta">${metaLine(item)}</p>
      <p class="tb-result__excerpt"></p>`;
    wantSnippet(li, item.url, query);
    return li;
  }

  class SearchPage {
    constructor(root) {
      pageMarkup(root);
      this.root = root;
      this.input = root.querySelector(".tb-search__input");
      this.sort = root.querySelector(".tb-search__sort-select");
      this.status = root.querySelector(".tb-search__status");
      this.list = root.querySelector(".tb-search__list");
      this.more = root.querySelector(".tb-search__more");
      this.clear = root.querySelector(".tb-search__clear");
      this.facetList = root.querySelector(".tb-search__facet-list");
      this.state = { q: "", newest: false, selected: {} };
      this.expanded = new Set();
      this.results = [];
      this.shown = 0;
      this.seq = 0;
      for (const facet of FACETS) this.state.selected[facet.key] = new Set();
    }

    async start() {
      const fromUrl = readUrl();
      this.input.value = fromUrl.q;
      this.sort.value = fromUrl.newest ? SORT_NEWEST : "";
      this.state.q = fromUrl.q;
      this.state.newest = fromUrl.newest;
      this.wire();
      this.root.dataset.state = "loading";
      try {
        const pf = await pagefind();
        // Facet values are needed first only to read the URL's filters; otherwise they load
        // while the first results are drawn.
        this.filtersReady = pf.filters().then((all) => (this.all = all));
        if (Object.values(fromUrl.wanted).some((v) => v.length)) {
          this.state.selected = resolveSlugs(fromUrl.wanted, await this.filtersReady);
        }
      } catch (err) {
        this.status.textContent = T.failed;
        console.error(err);
        return;
      }
      await this.update();
    }

    wire() {
      const later = debounce(() => this.update(), DEBOUNCE_MS);
      this.input.addEventListener("input", () => {
        this.state.q = this.input.value.trim();
        preload(this.state.q);
        later();
      });
      this.root.querySelector("form").addEventListener("submit", (ev) => {
        ev.preventDefault();
        this.state.q = this.input.value.trim();
        this.update();
      });
      this.sort.addEventListener("change", () => {
        this.state.newest = this.sort.value === SORT_NEWEST;
        this.update();
      });
      this.facetList.addEventListener("change", (ev) => this.onFacet(ev));
      this.facetList.addEventListener("click", (ev) => this.onFacetMore(ev));
      this.more.addEventListener("click", () => this.showMore());
      this.clear.addEventListener("click", () => {
        for (const facet of FACETS) this.state.selected[facet.key].clear();
        this.update();
      });
    }

    onFacet(ev) {
      const box = ev.target;
      if (!box.matches("input[type=checkbox][data-facet]")) return;
      const values = this.state.selected[box.dataset.facet];
      if (box.checked) values.add(box.value);
      else values.delete(box.value);
      this.update();
    }

    onFacetMore(ev) {
      const button = ev.target.closest(".tb-facet__more");
      if (!button) return;
      const key = button.dataset.facet;
      if (this.expanded.has(key)) this.expanded.delete(key);
      else this.expanded.add(key);
      this.renderFacets();
    }

    async update() {
      const mine = ++this.seq;
      writeUrl(this.state);
      const { q, newest, selected } = this.state;
      this.root.dataset.state = "loading";
      this.clear.hidden = isBlank(selected);
      if (!q && isBlank(selected)) return this.idle(mine);
      const early = async (results) => {
        if (mine !== this.seq) return;
        this.results = results;
        this.shown = 0;
        this.list.innerHTML = "";
        await this.showMore(mine, "first");
      };
      try {
        const pf = await pagefind();
        const res = await runSearch(pf, q, selected, newest, early);
        if (mine !== this.seq) return;
        const drawn = this.results.slice(0, this.shown).map((r) => r.id).join();
        const same = this.shown > 0 && res.results.slice(0, this.shown).map((r) => r.id).join() === drawn;
        this.results = res.results;
        if (!same) {
          this.shown = 0;
          this.list.innerHTML = "";
        }
        if (this.shown < PAGE_SIZE) await this.showMore(mine, "first", PAGE_SIZE);
        this.status.textContent = this.summary(res.results.length);
        this.more.hidden = this.shown >= this.results.length;
        if (!this.all) {
          await this.filtersReady;
          res.base = await baseSearch(pf, q, selected);
        }
        const counts = await this.counts(pf, res);
        if (mine !== this.seq) return;
        this.facetCountsNow = counts;
        this.renderFacets();
        this.root.dataset.state = "done";
      } catch (err) {
        if (mine === this.seq) this.status.textContent = T.failed;
        console.error(err);
      }
    }

    summary(count) {
      const q = this.state.q;
      if (count) return T.found(count, q);
      return q ? T.none(q) : T.noneFiltered;
    }

    idle(mine) {
      this.results = [];
      this.list.innerHTML = "";
      this.more.hidden = true;
      this.status.textContent = T.typeToSearch;
      this.facetCountsNow = this.all || {};
      this.renderFacets();
      if (mine === this.seq) this.root.dataset.state = "idle";
      if (!this.all && this.filtersReady) {
        this.filtersReady.then(() => mine === this.seq && this.idle(mine));
      }
    }

    /** Counts per facet value. A facet with a selection counts as if it had none (its values
     * are alternatives); the other facets count within the current results. */
    async counts(pf, res) {
      const counts = {};
      for (const facet of FACETS) {
        if (!this.state.selected[facet.key].size) {
          counts[facet.key] = facetCounts(res.base, facet);
          continue;
        }
        const others = { ...this.state.selected, [facet.key]: new Set() };
        const without = await baseSearch(pf, this.state.q, others);
        counts[facet.key] = facetCounts(without, facet);
      }
      return counts;
    }

    renderFacets() {
      const counts = this.facetCountsNow || {};
      this.facetList.innerHTML = FACETS.map((facet) =>
        facetMarkup(facet, counts[facet.key] || {}, this.state.selected[facet.key],
          this.expanded.has(facet.key)),
      ).join("");
    }

    async showMore(mine = this.seq, state = "done", upTo = this.shown + PAGE_SIZE) {
      const next = this.results.slice(this.shown, upTo);
      const items = await Promise.all(next.map(resultData));
      if (mine !== this.seq) return;
      const query = parseQuery(this.state.q);
      this.list.append(...items.map((item) => pageItem(item, query)));
      this.shown += next.length;
      this.more.hidden = this.shown >= this.results.length;
      if (this.root.dataset.state !== "done") this.root.dataset.state = state;
    }
  }

  /* ---- start ---------------------------------------------------------------------------- */

  function start() {
    mountHeader();
    const root = document.getElementById("tb-search-page");
    if (root && !root.dataset.mounted) {
      root.dataset.mounted = "1";
      new SearchPage(root).start();
    }
  }

  // For tests: the browser's tokens must equal thongbao.searchindex.word_token.
  window.thongbaoSearchTokens = Object.freeze({ wordToken, foldedToken });

  wireShortcut();
  // Material's instant navigation swaps pages without reloading: mount again on each.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
