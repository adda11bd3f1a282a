/* thongbao search: Vietnamese full-text search in the reader's browser, over the archive's own
 * index files (thongbao.searchfiles writes them; README, "Tìm kiếm", says why not Pagefind).
 *
 * Two views share one engine:
 *  - the box in Material's header (every page): "/", "s" or "f" focuses it; it lists the best
 *    matches and leads to the full page;
 *  - the full page (#tb-search-page): facets with counts, sort by date, and its whole state in
 *    the URL (?q=…&tinh=…&nam=…&sap-xep=moi-nhat) so that a filtered search can be shared.
 *
 * A query word is looked up by its folded term (no diacritics, đ → d): one bucket file per
 * word and per pair of consecutive words, whatever the size of the archive. Every notice has
 * all the words (AND); quoted words must be side by side. Relevance lists first the notices
 * with the exact accents typed and the words side by side, then the others, each by score
 * (idf × saturated term score; titles weigh most). Newest first is by notice number (numbered
 * oldest first). Facet counts and filters come from one facet table. Snippets are cut from the
 * notice page itself, fetched when its result comes into view.
 */
(() => {
  "use strict";

  const CONFIG = window.thongbaoSearch || {};
  const SCRIPT = document.currentScript;
  const ROOT = new URL("../../", SCRIPT ? SCRIPT.src : location.href);
  const PAGE = new URL(CONFIG.page ?? "tim-kiem/", ROOT);

  const FACETS = [
    { key: "tinh", param: "tinh", label: "Tỉnh/thành" },
    { key: "tinh_nay", param: "tinh-nay", label: "Tỉnh/thành từ 1/7/2025" },
    { key: "nam", param: "nam", label: "Năm" },
    { key: "chu_de_chinh", param: "chu-de-chinh", label: "Chủ đề chính" },
    { key: "chu_de", param: "chu-de", label: "Chủ đề (cả nhắc đến)" },
    { key: "co_quan", param: "co-quan", label: "Cơ quan" },
    { key: "loai", param: "loai", label: "Loại văn bản" },
  ];
  const SORT_PARAM = "sap-xep";
  const SORT_NEWEST = "moi-nhat";
  const PAGE_SIZE = 10;
  const HEADER_SIZE = 8; // results in the header box
  const FACET_VISIBLE = 8;
  const DEBOUNCE_MS = 60;
  const SNIPPET_DELAY_MS = 150;

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
  const fold = (text) =>
    text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  const slug = (text) => fold(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const escapeHtml = (text) =>
    String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  /** Same as thongbao.searchindex.word_form: [term, exact form]. "Đường" → ["duong", "đường"]. */
  function wordForm(word) {
    const form = word.toLowerCase().normalize("NFC");
    return [form.replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, ""), form];
  }

  const pairKeys = (words) =>
    words.slice(1).map((w, i) => `${wordForm(words[i])[0]} ${wordForm(w)[0]}`);

  /** The reader's query: its words (term and form), and its pairs of words ("…" required,
   * unquoted runs preferred). */
  function parseQuery(text) {
    const segments = [];
    for (const m of text.normalize("NFC").matchAll(/"([^"]*)"|([^"]+)/g)) {
      const words = (m[1] ?? m[2]).match(WORD) || [];
      if (words.length) segments.push({ words, quoted: m[1] !== undefined });
    }
    const words = segments.flatMap((s) => s.words);
    const terms = new Map();
    for (const [key, form] of words.map(wordForm)) {
      if (!terms.has(key)) terms.set(key, new Set());
      if (form !== key) terms.get(key).add(form); // typed with accents: this exact form
    }
    const unique = (list) => [...new Set(list)];
    return {
      words,
      terms,
      keys: words.map((w) => wordForm(w)[0]),
      forms: words.map((w) => wordForm(w)[1]),
      required: unique(segments.filter((s) => s.quoted).flatMap((s) => pairKeys(s.words))),
      preferred: unique(segments.filter((s) => !s.quoted).flatMap((s) => pairKeys(s.words))),
    };
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

  /* ---- index files ---------------------------------------------------------------------- */
  // Written by thongbao.searchfiles (its docstring describes them): t/<bucket>.bin holds terms
  // and their postings, d/<k>.json the rows results show, facets.json every notice's facets.

  const DOCS = CONFIG.docs || 0;
  const BUCKETS = CONFIG.buckets || 0;
  const PER_FILE = CONFIG.docsPerFile || 64;
  const INDEX = CONFIG.version ? new URL(`${CONFIG.bundle || "search-index/"}${CONFIG.version}/`, ROOT) : null;
  const MAX_FORM_BIT = 30;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const loaded = new Map();

  /** 32-bit FNV-1a over UTF-8, as thongbao.searchfiles.fnv1a. */
  function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash >>> 0;
  }

  /** A file of the index, fetched once (a failed fetch may be tried again). */
  function indexFile(path, read) {
    if (!loaded.has(path)) {
      const promise = fetch(new URL(path, INDEX)).then((r) => {
        if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
        return read(r);
      });
      promise.catch(() => loaded.delete(path));
      loaded.set(path, promise);
    }
    return loaded.get(path);
  }

  class Reader {
    constructor(bytes, at = 0) {
      this.bytes = bytes;
      this.at = at;
    }
    varint() {
      let value = 0;
      let shift = 0;
      for (;;) {
        const byte = this.bytes[this.at++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
        shift += 7;
      }
    }
    string() {
      const length = this.varint();
      const text = decoder.decode(this.bytes.subarray(this.at, this.at + length));
      this.at += length;
      return text;
    }
  }

  /** A bucket: term → {df, forms, bytes of its postings}. */
  function parseBucket(buffer) {
    const bytes = new Uint8Array(buffer);
    const reader = new Reader(bytes);
    const count = reader.varint();
    const heads = [];
    for (let i = 0; i < count; i++) {
      const key = reader.string();
      const df = reader.varint();
      const forms = Array.from({ length: reader.varint() }, () => reader.string());
      heads.push({ key, df, forms, length: reader.varint() });
    }
    const terms = new Map();
    let at = reader.at;
    for (const head of heads) {
      terms.set(head.key, { ...head, bytes: bytes.subarray(at, at + head.length) });
      at += head.length;
    }
    return terms;
  }

  function term(key) {
    if (!INDEX || !BUCKETS) return Promise.resolve(null);
    const path = `t/${fnv1a(key) % BUCKETS}.bin`;
    return indexFile(path, (r) => r.arrayBuffer().then(parseBucket)).then((t) => t.get(key) || null);
  }

  /** A term's postings: notice numbers (ascending), scores, form masks. Each posting is a
   * varint delta << 3 | flags: bits 0-1 the score (1-3, or 3: a score byte follows), bit 2 a
   * form mask follows (else the notice has the term's first form only). */
  function postings(entry) {
    if (!entry.decoded) {
      const reader = new Reader(entry.bytes);
      const ids = new Int32Array(entry.df);
      const scores = new Uint8Array(entry.df);
      const masks = new Uint32Array(entry.df);
      let id = 0;
      for (let i = 0; i < entry.df; i++) {
        const value = reader.varint();
        id += Math.floor(value / 8);
        ids[i] = id;
        const code = value & 3;
        scores[i] = code === 3 ? entry.bytes[reader.at++] : code + 1;
        masks[i] = value & 4 ? reader.varint() : 1;
      }
      entry.decoded = { ids, scores, masks };
    }
    return entry.decoded;
  }

  /** What a result shows: url, title, province, date, type and number. */
  function row(id) {
    const path = `d/${Math.floor(id / PER_FILE)}.json`;
    return indexFile(path, (r) => r.json()).then((rows) => {
      const [url, title, province, date, type, number] = rows[id % PER_FILE];
      return { id, url: new URL(url, ROOT).href, title, province, date,
        type: [type, number].filter(Boolean).join(" ") };
    });
  }

  /** Facet values and each notice's value(s): {key: {values, docs}}. */
  const facetTable = () => indexFile("facets.json", (r) => r.json());

  /* ---- search --------------------------------------------------------------------------- */

  const SATURATION = 2; // a term's score s counts s·(K+1)/(s+K): a title hit (7) ≈ 2.3 body hits
  const PAIR_BONUS = 0.5;

  const idf = (df) => Math.log(1 + (DOCS - df + 0.5) / (df + 0.5));
  const weight = (score) => (score * (SATURATION + 1)) / (score + SATURATION);

  /** The notices holding every word of the query (and its quoted phrases), with their scores.
   * ``best`` marks those with the exact accents typed and every pair of words side by side:
   * they come first; Vietnamese syllables are short and frequent, so a pair says much more
   * than either word. Returns {ids, score, best} (ids ascending) or null when nothing matches. */
  async function match(query) {
    const keys = [...query.terms.keys()];
    const pairs = [...new Set([...query.required, ...query.preferred])];
    const entries = await Promise.all([...keys, ...pairs].map(term));
    performance.mark("tb:buckets");
    const words = entries.slice(0, keys.length);
    const byPair = new Map(pairs.map((p, i) => [p, entries[keys.length + i]]));
    if (words.some((e) => !e) || query.required.some((p) => !byPair.get(p))) return null;
    const hits = new Uint16Array(DOCS);
    const score = new Float64Array(DOCS);
    const misses = new Uint16Array(DOCS); // accented words without the exact form, pairs apart
    words.forEach((entry, n) => {
      const { ids, scores, masks } = postings(entry);
      const typed = query.terms.get(keys[n]);
      const bits = exactBits(entry, typed);
      const w = idf(entry.df);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        hits[id] += 1;
        score[id] += w * weight(scores[i]);
        if (bits !== null && !hasForm(masks, i, bits)) misses[id] += 1;
      }
    });
    const required = new Uint16Array(DOCS);
    for (const [pair, entry] of byPair) {
      const need = query.required.includes(pair);
      const wanted = query.preferred.includes(pair);
      const present = new Uint8Array(DOCS);
      if (entry) {
        const { ids, scores } = postings(entry);
        const w = PAIR_BONUS * idf(entry.df);
        for (let i = 0; i < ids.length; i++) {
          present[ids[i]] = 1;
          score[ids[i]] += w * weight(scores[i]);
          if (need) required[ids[i]] += 1;
        }
      }
      if (wanted) for (let id = 0; id < DOCS; id++) if (!present[id]) misses[id] += 1;
    }
    const ids = [];
    for (let id = 0; id < DOCS; id++) {
      if (hits[id] === words.length && required[id] === query.required.length) ids.push(id);
    }
    const best = new Uint8Array(DOCS);
    for (const id of ids) best[id] = misses[id] === 0 ? 1 : 0;
    return { ids, score, best };
  }

  /** Which form bits a notice must have for the word's exact accents; null: any form. */
  function exactBits(entry, typed) {
    if (!typed || !typed.size) return null;
    let bits = 0;
    for (const form of typed) {
      const at = entry.forms.indexOf(form);
      if (at >= 0) bits |= 1 << Math.min(at, MAX_FORM_BIT);
    }
    return bits;
  }

  const hasForm = (masks, i, bits) => (masks[i] & bits) !== 0;

  const isBlank = (selected) => Object.values(selected).every((values) => values.size === 0);

  /** The selected facet values ({key: Set of names}) as [key, column, Set of value indexes]
   * per facet with a selection. */
  function chosenColumns(selected, facets) {
    const columns = [];
    for (const [key, names] of Object.entries(selected)) {
      if (!names.size || !facets[key]) continue;
      const values = facets[key].values;
      const wanted = new Set([...names].map((v) => values.indexOf(v)).filter((i) => i >= 0));
      columns.push([key, facets[key].docs, wanted]);
    }
    return columns;
  }

  /** Calls ``fn`` with each value index of a notice in a facet column (a number, -1 for
   * none, or a list of numbers). */
  function eachValue(column, id, fn) {
    const value = column[id];
    if (typeof value === "number") {
      if (value >= 0) fn(value);
    } else for (let i = 0; i < value.length; i++) fn(value[i]);
  }

  function hasAny(column, id, wanted) {
    const value = column[id];
    if (typeof value === "number") return wanted.has(value);
    for (let i = 0; i < value.length; i++) if (wanted.has(value[i])) return true;
    return false;
  }

  /** The selected facets a notice fails: 0, 1 (then ``failed.key`` says which), or more. */
  function failures(columns, id, failed) {
    let count = 0;
    for (const [key, column, wanted] of columns) {
      if (!hasAny(column, id, wanted)) {
        count += 1;
        failed.key = key;
      }
    }
    return count;
  }

  /**
   * A search: ``text`` (may be empty), ``selected`` facet values ({key: Set of names}),
   * ``newest`` first or by relevance. ``facets`` (the facet table) is needed only with a
   * selection, and for counts. Returns {results: ids in order, and for the counts matched: ids
   * before the facet filters, columns: the selected facets}.
   */
  async function search(text, selected = {}, newest = false, facets = null) {
    const query = parseQuery(text);
    const columns = facets ? chosenColumns(selected, facets) : [];
    let matched = [];
    let found = null;
    if (query.words.length) {
      performance.mark("tb:search");
      found = await match(query);
      performance.mark("tb:matched");
      if (found) matched = found.ids;
    } else if (columns.length) {
      matched = Array.from({ length: DOCS }, (_, id) => id); // filters alone: every notice
    }
    const failed = {};
    const results = columns.length ? matched.filter((id) => !failures(columns, id, failed))
      : matched.slice();
    if (newest || !found) results.sort((a, b) => b - a);
    else {
      const { score, best } = found;
      results.sort((a, b) => best[b] - best[a] || score[b] - score[a] || b - a);
    }
    return { query, results, matched, columns };
  }

  /** Counts per facet value. A facet with a selection counts as if it had none (its values are
   * alternatives); the other facets count within the current results. */
  function facetCounts(res, facets) {
    const keys = Object.keys(facets);
    const counts = {};
    for (const key of keys) counts[key] = new Int32Array(facets[key].values.length);
    const { columns } = res;
    const failed = {};
    let counting = null;
    const add = (v) => (counting[v] += 1);
    for (const id of res.matched) {
      const count = columns.length ? failures(columns, id, failed) : 0;
      if (count === 0) {
        for (const key of keys) {
          counting = counts[key];
          eachValue(facets[key].docs, id, add);
        }
      } else if (count === 1) {
        counting = counts[failed.key];
        eachValue(facets[failed.key].docs, id, add);
      }
    }
    const named = {};
    for (const key of keys) {
      named[key] = {};
      counts[key].forEach((n, v) => {
        if (n) named[key][facets[key].values[v]] = n;
      });
    }
    return named;
  }

  /** Fetch the buckets a query will need while the reader is still typing: for the words
   * already finished (a word being typed would fetch a bucket per keystroke). */
  function preload(text) {
    const done = /[\s"]$/.test(text) ? text : text.replace(/[\p{L}\p{N}]+$/u, "");
    const query = parseQuery(done);
    for (const key of [...query.terms.keys(), ...query.required, ...query.preferred]) {
      term(key).catch(() => {});
    }
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
      const [key, form] = wordForm(word);
      if (!query.keys.includes(key)) return 0;
      return query.forms.includes(form) ? 2 : 1;
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

  /** A snippet costs its notice page (~3 KB gzipped): fetched only for a result still shown
   * a moment after it came into view, not for those a reader's next keystroke replaces. */
  async function fillSnippet(element) {
    const { url, query } = element.tbSnippet || {};
    const target = element.querySelector(".tb-result__excerpt");
    if (!url || !target || !query.words.length) return;
    await new Promise((resolve) => setTimeout(resolve, SNIPPET_DELAY_MS));
    if (!element.isConnected) return;
    const text = await pageText(url);
    if (text) target.innerHTML = snippet(text, query);
  }

  function metaLine(item) {
    return [item.province, item.date, item.type].filter(Boolean).map(escapeHtml).join(" · ");
  }

  /* ---- header box ----------------------------------------------------------------------- */

  function headerMarkup() {
    const box = el("div", { class: "md-search tb-search", role: "dialog", "aria-label": T.search });
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
      try {
        const res = await search(query);
        if (mine !== seq) return; // the reader typed on: skip this query's rows and snippets
        meta.textContent = res.results.length ? T.found(res.results.length, query) : T.none(query);
        for (const pending of res.results.slice(0, HEADER_SIZE).map(row)) {
          const item = await pending; // drawn in order, each as soon as its row is in
          if (mine !== seq) return;
          list.append(headerItem(item, res.query));
          box.dataset.shown = "1";
        }
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

    input.addEventListener("focus", () => setOpen(true));
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
      const values = (all[facet.key] && all[facet.key].values) || [];
      const slugs = new Set(wanted[facet.key] || []);
      selected[facet.key] = new Set(values.filter((v) => slugs.has(slug(v))));
    }
    return selected;
  }

  // Layout: beside the results on a wide screen the facets are open; on a phone they fold
  // into one "Bộ lọc" line above the results (a <details>: keyboard-operable without script).
  const WIDE = window.matchMedia("(min-width: 45em)");

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
          <details class="tb-search__fold"${WIDE.matches ? " open" : ""}>
            <summary>${T.filters}</summary>
            <button type="button" class="tb-search__clear md-button" hidden>${T.clear}</button>
            <div class="tb-search__facet-list"></div>
          </details>
        </aside>
        <section class="tb-search__results" aria-live="polite">
          <p class="tb-search__status" role="status">${T.typeToSearch}</p>
          <ol class="tb-search__list"></ol>
          <button type="button" class="tb-search__more md-button" hidden>${T.more}</button>
        </section>
      </div>`;
  }

  const collator = new Intl.Collator("vi");

  function orderedValues(facet, counts, selected) {
    const values = Object.keys(counts).filter((v) => counts[v] > 0 || selected.has(v));
    if (facet.key === "nam") return values.sort((a, b) => b.localeCompare(a));
    return values.sort((a, b) => counts[b] - counts[a] || collator.compare(a, b));
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
      performance.mark("tb:page"); // for benchmarks: the page's own loading ends here
      const fromUrl = readUrl();
      this.input.value = fromUrl.q;
      this.sort.value = fromUrl.newest ? SORT_NEWEST : "";
      this.state.q = fromUrl.q;
      this.state.newest = fromUrl.newest;
      this.wire();
      this.root.dataset.state = "loading";
      // The facet table (~10 bytes a notice) is needed first only to read the URL's filters;
      // otherwise it is fetched once the first results are drawn, for the counts, so that it
      // does not delay them.
      if (Object.values(fromUrl.wanted).some((v) => v.length)) {
        try {
          this.state.selected = resolveSlugs(fromUrl.wanted, await facetTable());
        } catch (err) {
          this.status.textContent = T.failed;
          console.error(err);
          return;
        }
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
      try {
        const facets = isBlank(selected) ? null : await facetTable();
        const res = await search(q, selected, newest, facets);
        if (mine !== this.seq) return;
        this.results = res.results;
        this.query = res.query;
        this.shown = 0;
        this.list.innerHTML = "";
        await this.showMore(mine, "first", PAGE_SIZE);
        if (mine !== this.seq) return;
        this.status.textContent = this.summary(res.results.length);
        const all = await facetTable();
        if (mine !== this.seq) return;
        this.facetCountsNow = facetCounts(res, all);
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
      this.root.dataset.state = "loading";
      facetTable()
        .then((facets) => {
          if (mine !== this.seq) return;
          const everything = Array.from({ length: DOCS }, (_, id) => id);
          this.facetCountsNow = facetCounts({ matched: everything, columns: [] }, facets);
          this.renderFacets();
          this.root.dataset.state = "idle";
        })
        .catch(() => mine === this.seq && (this.status.textContent = T.failed));
    }

    renderFacets() {
      const counts = this.facetCountsNow || {};
      this.facetList.innerHTML = FACETS.map((facet) =>
        facetMarkup(facet, counts[facet.key] || {}, this.state.selected[facet.key],
          this.expanded.has(facet.key)),
      ).join("");
    }

    async showMore(mine = this.seq, state = "done", upTo = this.shown + PAGE_SIZE) {
      // Rows come from several files: each result is drawn as soon as it and those above it
      // are in, so the first ones show while the last rows are still on their way.
      for (const pending of this.results.slice(this.shown, upTo).map(row)) {
        const item = await pending;
        if (mine !== this.seq) return;
        this.list.append(pageItem(item, this.query));
        this.shown += 1;
      }
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

  // For tests: the browser's terms must equal thongbao.searchindex.word_form and its hash
  // thongbao.searchfiles.fnv1a.
  window.thongbaoSearchTerms = Object.freeze({ wordForm, fnv1a });

  wireShortcut();
  // The full page opened with ?q=: fetch the query's buckets now, while the page is still
  // being parsed and laid out (start() waits for DOMContentLoaded or Material's document$).
  if (document.getElementById("tb-search-page")) preload(`${readUrl().q} `);
  // Material's instant navigation swaps pages without reloading: mount again on each.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
