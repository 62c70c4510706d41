// What one search costs a reader: opens the search page of a built site,
// searches, and adds up the bytes of every response, those of the search
// (Pagefind's script, WebAssembly, index and fragments) apart.
//
//   node benches/search-payload.cjs URL-OF-SEARCH-PAGE QUERY [FILTER=VALUE]
//
// Run by benches/search-payload.sh, which builds the site and serves it.
const { chromium } = require("playwright-core");

(async () => {
  const [page_url, query, filter] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const page = await browser.newPage();
  const sizes = [];
  page.on("requestfinished", async (request) => {
    const response = await request.response();
    const body = response ? (await response.body()).length : 0;
    const sent = await request.sizes();
    sizes.push({ url: request.url(), body, transfer: sent.responseBodySize });
  });
  await page.goto(page_url, { waitUntil: "networkidle" });
  const before = sizes.length;
  await page.fill("#search-q", query);
  await page.press("#search-q", "Enter");
  await page.waitForFunction(() => /found|articles?$/.test(document.getElementById("search-status").textContent));
  if (filter) {
    const [name, value] = filter.split("=");
    await page.selectOption(`select[data-filter="${name}"]`, value);
  }
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const status = await page.textContent("#search-status");
  const results = await page.locator("#search-results > li").count();
  const search = sizes.slice(before);
  const kB = (n) => (n / 1000).toFixed(1) + " kB";
  for (const s of search) {
    const name = s.url.replace(/^.*\/pagefind\//, "pagefind/");
    console.log(`${kB(s.body).padStart(10)}  ${name}`);
  }
  const total = search.reduce((n, s) => n + s.body, 0);
  const page_bytes = sizes.slice(0, before).reduce((n, s) => n + s.body, 0);
  console.log(`search page itself: ${kB(page_bytes)} in ${before} responses`);
  console.log(`search for "${query}"${filter ? " then " + filter : ""}: ${kB(total)} in ${search.length} responses; ${status.trim()}, ${results} shown`);
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
