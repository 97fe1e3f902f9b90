// Screenshots of the widgets for docs/widgets.md, taken with Debian's Chromium from a running gateway
// with the demo data (./civic up) and a few upcoming events:
//   GATEWAY_URL=http://localhost:8080 node scripts/screenshots.mjs ../docs/images
import { launch } from "../test/support.mjs";

const gateway = (process.env.GATEWAY_URL || "http://localhost:8080").replace(/\/+$/, "");
const out = process.argv[2] || "../docs/images";
const query = process.env.DEMO_QUERY || "";
const browser = await launch();
try {
  for (const [name, width, lang] of [["demo-page", 1280, "ko"], ["demo-page-mobile", 390, "en"]]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${gateway}/demo/?lang=${lang}${query}`);
    await page.waitForFunction(() => [...document.querySelectorAll("civic-events, civic-agreements, civic-official")].every((w) => w.dataset.state === "ready"));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/widgets-${name}.png`, fullPage: true });
    if (name === "demo-page") {
      for (const [tag, file] of [["civic-events", "events"], ["civic-agreements", "agreements"], ["civic-official", "official"]]) {
        await page.locator(tag).screenshot({ path: `${out}/widget-${file}-ko.png` });
      }
      await page.locator("civic-events .lang button[lang=en]").click();
      await page.waitForTimeout(200);
      for (const [tag, file] of [["civic-events", "events"], ["civic-agreements", "agreements"], ["civic-official", "official"]]) {
        await page.locator(tag).screenshot({ path: `${out}/widget-${file}-en.png` });
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
