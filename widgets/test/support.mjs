// Shared set-up of the browser tests: Debian's Chromium through playwright-core (never a downloaded
// browser), the gateway under test and the records WidgetsBrowserTest seeded (environment variables).
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);

export const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through WidgetsBrowserTest (./mvnw -pl e2e-tests verify), see docs/widgets.md`);
  return value;
};

export const GATEWAY = () => env("GATEWAY_URL").replace(/\/+$/, "");

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** A page that fails the test on any uncaught error in it. */
export async function open(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.console = [];
  page.on("pageerror", (e) => page.errors.push(e));
  page.on("console", (m) => page.console.push(`${m.type()}: ${m.text()}`));
  page.requests = [];
  page.on("request", (r) => page.requests.push(r.url()));
  page.on("requestfailed", (r) => page.console.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(url);
  return page;
}

export async function ready(page, selector) {
  try {
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((w) => w.dataset.state === "ready"), selector,
      { timeout: 20_000 });
  } catch (e) {
    // say which widget was not ready and what the page saw, so a failure in CI can be read from its log
    const states = await page.evaluate((s) => [...document.querySelectorAll(s)]
      .map((w) => `${w.localName}: state=${w.dataset.state} live=${w.dataset.live}`), selector).catch((x) => [String(x)]);
    throw new Error(`${e.message}\n${states.join("\n")}\n${page.console.join("\n")}`);
  }
}

/** Waits until the text of the first element the locator finds matches the pattern. */
export async function textMatches(locator, pattern, timeout = 20_000) {
  const until = Date.now() + timeout;
  let text = "";
  while (Date.now() < until) {
    text = await locator.innerText();
    if (pattern.test(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`"${text}" did not come to match ${pattern} within ${timeout} ms`);
}

/** Runs axe-core over the page (shadow roots included); returns the serious and critical violations. */
export async function axe(page) {
  const source = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" > ")).slice(0, 5) }));
}

/** A static server on a port of its own: pages of another origin than the gateway. */
export async function hostSite(html) {
  const server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}
