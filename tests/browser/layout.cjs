// Opens every kind of page of a built site (started by tests/browser.rs) at
// 390 px and at 1280 px in Debian's Chromium, driven by Playwright, and
// checks what a reader would see go wrong:
//   - the page scrolls sideways (document scrollWidth > clientWidth);
//   - a table's container is wider than it shows (scrollWidth > clientWidth
//     of every .table-scroll and of every table not in one);
//   - chart labels overlap (the boxes of the x labels intersect).
// Prints one JSON line per page and width; exits 1 listing every fault.
//
//   OUT=/path/to/public PAGES="index.html countries/index.html …" CHROMIUM=/usr/bin/chromium \
//     node tests/browser/layout.cjs
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const OUT = process.env.OUT;
const PAGES = (process.env.PAGES || "").split(/\s+/).filter(Boolean);
const WIDTHS = [390, 1280];

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const faults = [];
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const relative of PAGES) {
      const url = pathToFileURL(path.join(OUT, relative)).href;
      await page.goto(url, { waitUntil: "load", timeout: 30000 });
      const seen = await page.evaluate(() => {
        const doc = document.documentElement;
        const wide = [];
        const containers = Array.from(document.querySelectorAll(".table-scroll"));
        const loose = Array.from(document.querySelectorAll("table")).filter((t) => !t.closest(".table-scroll"));
        for (const el of containers.concat(loose)) {
          if (el.getClientRects().length === 0) continue; // not shown
          if (el.scrollWidth > el.clientWidth + 1) {
            wide.push((el.id || el.className || el.tagName) + " " + el.scrollWidth + ">" + el.clientWidth);
          }
        }
        const overlaps = [];
        for (const svg of document.querySelectorAll("svg.chart")) {
          const labels = Array.from(svg.querySelectorAll('text.tick[text-anchor="middle"]'))
            .map((t) => t.getBoundingClientRect());
          for (let i = 1; i < labels.length; i++) {
            const a = labels[i - 1], b = labels[i];
            if (a.right > b.left && b.right > a.left && a.bottom > b.top && b.bottom > a.top) {
              overlaps.push(svg.getAttribute("aria-labelledby"));
              break;
            }
          }
        }
        return {
          page_overflow: doc.scrollWidth > doc.clientWidth + 1 ? doc.scrollWidth + ">" + doc.clientWidth : "",
          wide,
          overlaps,
          charts: document.querySelectorAll("svg.chart").length,
          tables: document.querySelectorAll("table").length,
        };
      });
      console.log(JSON.stringify({ width, page: relative, ...seen }));
      if (seen.page_overflow) faults.push(`${relative} at ${width}px: the page scrolls sideways (${seen.page_overflow})`);
      for (const w of seen.wide) faults.push(`${relative} at ${width}px: a table is wider than its container (${w})`);
      for (const o of seen.overlaps) faults.push(`${relative} at ${width}px: chart labels overlap (${o})`);
    }
    await context.close();
  }
  // Search opened from disk cannot load its index: the page says to serve
  // or publish the site, not the browser's module error.
  {
    const page = await browser.newPage();
    const url = pathToFileURL(path.join(OUT, "search/index.html")).href + "?q=gas";
    await page.goto(url, { waitUntil: "load", timeout: 30000 });
    const said = await page.waitForFunction(
      () => document.getElementById("search-status").textContent,
      null, { timeout: 30000 }).then((h) => h.jsonValue()).catch(() => "");
    console.log(JSON.stringify({ search_from_disk: said }));
    if (!said.includes("briefing serve")) faults.push("search opened from disk says: " + JSON.stringify(said));
    await page.close();
  }
  await browser.close();
  if (faults.length > 0) {
    console.error(faults.join("\n"));
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
