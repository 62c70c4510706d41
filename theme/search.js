// The search page. Pagefind's index (pagefind/ at the site's root) is
// fetched only when someone searches, a few small chunks per query. The
// filters are in the page already; searches update their counts. The
// query lives in the address (?q=gas&country=Iran), so a search can be
// bookmarked and the box on every other page can start one.
(function () {
  "use strict";

  const form = document.getElementById("search");
  if (!form) return;
  const input = form.querySelector("#search-q");
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  // Five at a time, as Pagefind's own interface shows them: each result
  // fetches its text (a few kilobytes) to show its excerpt.
  const PAGE = 5;

  let pagefind = null;
  function load() {
    if (!pagefind) {
      const bundle = new URL(form.dataset.bundle, document.baseURI).href;
      pagefind = import(bundle + "pagefind.js").then(async function (module) {
        // No web worker: it is one more script (43 kB) to fetch, and a
        // search of 10,000 articles takes milliseconds on the page itself.
        // The records' addresses hold the site's base path already.
        await module.options({ excerptLength: 24, noWorker: true, baseUrl: "/" });
        await module.init();
        // The index is in shards, newest first, each merged into the
        // (empty) index beside the script. The list is fetched fresh: a
        // page opened before a rebuild gets the shards of the new index.
        const response = await fetch(bundle + "briefing-shards.json?ts=" + Date.now());
        if (!response.ok) throw new Error(response.status + " fetching the list of shards");
        const list = await response.json();
        // Merged in the list's order (each call adds its shard at once).
        await Promise.all(list.shards.map(function (shard) {
          return module.mergeIndex(bundle + shard, { excerptLength: 24, baseUrl: "/" });
        }));
        return module;
      });
      // A failed load is tried again by the next search.
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  // Pagefind's excerpts are HTML with <mark> around the words found. Only
  // text and <mark> are kept, whatever else the text holds.
  function excerptNodes(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    return Array.from(doc.body.childNodes).map(function (node) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        return mark;
      }
      return document.createTextNode(node.textContent);
    });
  }

  function sameSite(url) {
    try {
      const target = new URL(url, location.href);
      return target.origin === location.origin ? target.href : null;
    } catch (_) {
      return null;
    }
  }

  function resultItem(data) {
    const item = document.createElement("li");
    item.className = "search-result";
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.textContent = data.meta.title || data.url;
    const href = sameSite(data.url);
    if (href) link.href = href;
    heading.appendChild(link);
    item.appendChild(heading);
    const facts = [data.meta.date || "Undated", data.meta.source].filter(Boolean);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = facts.join(" · ");
    item.appendChild(meta);
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.append.apply(excerpt, excerptNodes(data.excerpt || ""));
    item.appendChild(excerpt);
    return item;
  }

  function chosenFilters() {
    const filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.dataset.filter] = select.value;
    });
    return filters;
  }

  // How many results each filter value would leave, or the site's own
  // counts when nothing is searched.
  function showCounts(counts) {
    selects.forEach(function (select) {
      const values = counts && counts[select.dataset.filter];
      Array.from(select.options).forEach(function (option) {
        if (!option.value) return;
        const count = values ? values[option.value] || 0 : Number(option.dataset.count);
        option.textContent = option.value + " (" + count + ")";
      });
    });
  }

  function remember(term, filters) {
    const url = new URL(location.href);
    url.search = "";
    if (term) url.searchParams.set("q", term);
    Object.keys(filters).forEach(function (key) {
      url.searchParams.set(key, filters[key]);
    });
    history.replaceState(null, "", url);
  }

  let current = 0;
  let results = [];
  let shown = 0;

  async function showMore(run) {
    const batch = results.slice(shown, shown + PAGE);
    const data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (run !== current) return;
    data.forEach(function (d) { list.appendChild(resultItem(d)); });
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  // The page's phrases, in its language, one per plural form
  // (data-found-one, data-found-few, …), chosen by the browser's CLDR rules.
  const plurals = new Intl.PluralRules(document.documentElement.lang || "en");
  const shownNumber = new Intl.NumberFormat(document.documentElement.lang || "en");
  function counted(kind, n, term) {
    const data = status.dataset;
    const key = kind + plurals.select(n).replace(/^./, (c) => c.toUpperCase());
    const phrase = data[key] || data[kind + "Other"] || (kind === "found" ? "{n} articles found for “{term}”" : "{n} articles");
    return phrase.replace("{n}", shownNumber.format(n)).replace("{term}", term);
  }

  async function search() {
    const run = ++current;
    const term = input.value.trim();
    const filters = chosenFilters();
    remember(term, filters);
    if (!term && Object.keys(filters).length === 0) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      showCounts(null);
      return;
    }
    // Opened from disk, the browser refuses to load the index's module:
    // say what works instead of the browser's error.
    if (window.location.protocol === "file:") {
      status.textContent = status.dataset.needsServer || "Search needs a web server: run briefing serve, or publish the site.";
      return;
    }
    status.textContent = status.dataset.searching || "Searching…";
    let found;
    try {
      const pf = await load();
      // Without words, the filters alone choose: newest first.
      found = await pf.search(term || null, term ? { filters: filters } : { filters: filters, sort: { date: "desc" } });
    } catch (error) {
      if (run === current) status.textContent = (status.dataset.failed || "Search could not be loaded:") + " " + error.message;
      return;
    }
    if (run !== current || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    showCounts(found.filters);
    status.textContent = counted(term ? "found" : "count", results.length, term);
    await showMore(run);
  }

  let timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  selects.forEach(function (select) { select.addEventListener("change", search); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  more.addEventListener("click", function () { showMore(current); });

  // A search given in the address: from the box on another page, or a link.
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    const wanted = params.get(select.dataset.filter);
    if (wanted && Array.from(select.options).some(function (o) { return o.value === wanted; })) {
      select.value = wanted;
    }
  });
  if (input.value || Object.keys(chosenFilters()).length) search();
})();
