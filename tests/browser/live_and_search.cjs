// Drives Debian's Chromium with Playwright against a running `briefing serve`
// (started by tests/browser.rs):
//   1. an open article page shows an edit to its content file after the
//      save (live reload), with the edited title; the time it took is
//      printed, not asserted (speed lives in benches/serve-edit.py);
//   2. the search page finds the gas-swap article for "gas", and choosing
//      Iran in the country filter narrows the results, on an index in
//      three shards or more that the page merges;
//   3. searching while the index is remade after a save (a page opened
//      before the save searching again, and a page opened just after it)
//      always finds results and never meets a missing file.
// Prints one JSON line of what it saw; exits 1 with the reason on failure.
//
//   BASE=http://127.0.0.1:PORT/briefing/ SITE=/path/to/site CHROMIUM=/usr/bin/chromium \
//     node tests/browser/live_and_search.cjs
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const BASE = process.env.BASE;
const SITE = process.env.SITE;
const EDITED = "azerbaijan-and-russia-discuss-trade-at-the-caspian-economic-forum";
const GAS_SWAP = "Azerbaijan and Iran discuss joint military projects";
// Every wait polls up to this long: CI machines are busy, and a slow
// answer is not a wrong one.
const WAIT_MS = 30000;

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function resultTitles(page) {
  return page.$$eval("#search-results .search-result h2 a", (links) => links.map((a) => a.textContent));
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const seen = {};
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => { if (r.status() >= 400) errors.push(r.status() + " " + r.url()); });

    // 1. Live reload: the page is open, then the article is saved.
    await page.goto(BASE + "articles/" + EDITED + "/");
    await page.waitForFunction(() => document.documentElement.dataset.briefingLive === "connected",
      null, { timeout: WAIT_MS });
    const file = path.join(SITE, "content", EDITED + ".md");
    const text = fs.readFileSync(file, "utf8");
    const newTitle = "Caspian forum: trade talks edited " + Date.now();
    const edited = text.replace(/^title: .*$/m, "title: \"" + newTitle + "\"");
    if (edited === text) fail("no title line in " + file);
    // The search index is remade in the background after a save; step 2
    // searches once the new one is in place (step 3 searches during it).
    // Its list of shards names the edited article's new shard.
    const entry = BASE + "pagefind/briefing-shards.json";
    const entryBefore = await (await page.request.get(entry)).text();
    seen.shards = JSON.parse(entryBefore).shards.length;
    if (seen.shards < 3) fail("the index is not in three shards or more: " + entryBefore);
    const saved = Date.now();
    fs.writeFileSync(file, edited);
    try {
      await page.waitForFunction((t) => {
        const h1 = document.querySelector("main h1");
        return h1 && h1.textContent.includes(t);
      }, newTitle, { timeout: WAIT_MS, polling: 10 });
    } catch (_) {
      fail("the open page did not show the edited title within " + WAIT_MS + " ms");
    }
    seen.reload_ms = Date.now() - saved;
    for (const until = Date.now() + WAIT_MS; Date.now() < until;) {
      if ((await (await page.request.get(entry)).text()) !== entryBefore) break;
      await page.waitForTimeout(100);
    }
    seen.index_ms = Date.now() - saved;
    await page.reload();

    // 2. Search, from the box every page carries.
    await page.fill("#site-search", "gas");
    await page.press("#site-search", "Enter");
    await page.waitForURL(/search\/(index\.html)?\?q=gas/);
    await page.waitForFunction(() => document.querySelectorAll("#search-results .search-result").length > 0,
      null, { timeout: WAIT_MS });
    const all = await resultTitles(page);
    seen.gas = all;
    if (!all.includes(GAS_SWAP)) fail("\"gas\" did not find the gas-swap article: " + JSON.stringify(all));
    const status = await page.textContent("#search-status");
    await page.selectOption("select[data-filter=country]", "Iran");
    // "Searching…" comes first, while the old results are still listed: wait
    // for the filtered count itself.
    await page.waitForFunction((before) => {
      const now = document.getElementById("search-status").textContent;
      return now !== before && !now.startsWith("Searching");
    }, status, { timeout: WAIT_MS }).catch(() => fail("the Iran filter did not change the results: " + status));
    await page.waitForFunction(() => document.querySelectorAll("#search-results .search-result").length > 0,
      null, { timeout: WAIT_MS });
    const iran = await resultTitles(page);
    seen.gas_iran = iran;
    if (!(iran.length < all.length)) fail("the Iran filter did not narrow " + JSON.stringify({ all, iran }));
    if (!iran.includes(GAS_SWAP)) fail("the Iran filter dropped the gas-swap article: " + JSON.stringify(iran));
    if (!iran.every((t) => all.includes(t))) fail("the Iran filter added results: " + JSON.stringify({ all, iran }));
    seen.address = page.url();
    if (!/[?&]country=Iran\b/.test(seen.address)) fail("the filter is not in the address: " + seen.address);
    const links = await page.$$eval("#search-results .search-result h2 a", (l) => l.map((a) => a.href));
    if (!links.every((href) => href.startsWith(BASE + "articles/"))) fail("result links outside the site's articles: " + links);

    // The filter alone lists every article it matches, from every shard,
    // newest first and the undated last.
    await page.goto(BASE + "search/?country=Iran");
    await page.waitForFunction(() => /^\d/.test(document.getElementById("search-status").textContent),
      null, { timeout: WAIT_MS }).catch(async () => fail("the Iran filter alone listed nothing: " +
        await page.textContent("#search-status")));
    const option = await page.textContent("select[data-filter=country] option[value=Iran]");
    const listed = await page.$$eval("#search-results .search-result .meta", (m) => m.map((p) => p.textContent.split(" · ")[0]));
    seen.iran_alone = listed;
    const expected = Number(/\((\d+)\)/.exec(option)[1]);
    if (listed.length !== Math.min(expected, 5)) fail("the Iran filter alone listed " + listed.length + " of " + option);
    const times = listed.map((d) => (d === "Undated" ? -Infinity : Date.parse(d)));
    if (times.some((t) => Number.isNaN(t))) fail("unreadable dates: " + listed);
    if (!times.every((t, i) => i === 0 || times[i - 1] >= t)) fail("not newest first: " + listed);

    // 3. Saves, each followed at once by searches while the index is being
    // remade: the open search page, reloaded by serve once the pages are
    // served (the index comes after them), searches for a new word, and a
    // new page opens a search.
    seen.during_reindex = [];
    await page.goto(BASE + "search/?q=gas");
    await page.waitForFunction(() => document.querySelectorAll("#search-results .search-result").length > 0,
      null, { timeout: WAIT_MS });
    const terms = ["oil", "trade", "pipeline", "Baku"];
    for (let i = 0; i < terms.length; i++) {
      const reloaded = page.waitForEvent("load", { timeout: WAIT_MS });
      fs.writeFileSync(file, text.replace(/^title: .*$/m, "title: \"Caspian forum edit " + i + " " + Date.now() + "\""));
      await reloaded.catch(() => fail("the search page was not reloaded after a save"));
      await page.waitForFunction(() => document.querySelectorAll("#search-results .search-result").length > 0,
        null, { timeout: WAIT_MS });
      const before = await page.textContent("#search-status");
      await page.fill("#search-q", terms[i]);
      await page.press("#search-q", "Enter");
      await page.waitForFunction((b) => {
        const now = document.getElementById("search-status").textContent;
        return now !== b && !now.startsWith("Searching");
      }, before, { timeout: WAIT_MS }).catch(async () => fail("no answer for " + terms[i] + " after a save: " +
        await page.textContent("#search-status") + "\n" + errors.join("\n")));
      await page.waitForFunction(() => document.querySelectorAll("#search-results .search-result").length > 0,
        null, { timeout: WAIT_MS }).catch(async () =>
        fail("\"" + terms[i] + "\" found nothing while the index was remade: " +
          await page.textContent("#search-status") + "\n" + errors.join("\n")));
      const found = (await resultTitles(page)).length;
      const fresh = await browser.newPage();
      fresh.on("pageerror", (e) => errors.push(String(e)));
      fresh.on("response", (r) => { if (r.status() >= 400) errors.push(r.status() + " " + r.url()); });
      await fresh.goto(BASE + "search/?q=gas");
      await fresh.waitForFunction(() => document.querySelectorAll("#search-results .search-result").length > 0,
        null, { timeout: WAIT_MS }).catch(() => fail("a page opened during a re-index found nothing for gas"));
      await fresh.close();
      seen.during_reindex.push([terms[i], found]);
      if (found === 0) fail("\"" + terms[i] + "\" found nothing while the index was remade");
    }
    fs.writeFileSync(file, text);
    if (errors.length) fail("errors in the page: " + errors.join("\n"));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(seen));
}

main().catch((e) => fail(e.stack || String(e)));
