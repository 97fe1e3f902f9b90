// The widgets as a visitor of a municipal website meets them, in Chromium, against the running platform.
// Run by WidgetsBrowserTest (e2e-tests), which seeds the records named in the environment.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GATEWAY, axe, env, hostSite, launch, open, ready, textMatches } from "./support.mjs";
// typed by the platform's OpenAPI document: WidgetsBrowserTest runs `npm run client` first
import { createEvent, programmeId, registry, reportProgress, reschedule } from "../target/client/registry.js";

const ALL = "civic-events, civic-agreements, civic-official";
let browser;
let demo;
let api;

before(async () => {
  browser = await launch();
  api = registry(GATEWAY(), env("ADMIN_TOKEN"));
  demo = `${GATEWAY()}/demo/?organization=${env("ORGANIZATION")}&party=${env("PARTY")}&person=${env("PERSON")}`;
});
after(async () => browser?.close());
// a failed test leaves its page open; its stream must not live on into the next test
afterEach(async () => Promise.all(browser.contexts().map((c) => c.close())));

const texts = (page, selector) => page.locator(selector).allInnerTexts();

describe("civic-programme", () => {
  test("shows the initiatives with their status, progress and sub-items, in Korean and in English", async () => {
    const page = await open(browser, `${demo}&programme=${env("PROGRAMME")}`);
    await ready(page, "civic-programme");
    const rows = page.locator("civic-programme tbody tr");
    assert.deepEqual(await rows.locator("td:nth-child(3)").allInnerTexts(), ["정상추진", "계획", "완료"]);
    assert.deepEqual((await rows.locator("td:nth-child(4)").allInnerTexts()).map((t) => t.trim()), ["40%", "진행률 미보고", "100%"],
      "an unreported progress is not shown as 0 %");
    assert.equal(await rows.nth(0).locator("progress").getAttribute("value"), "40");
    assert.deepEqual(await rows.nth(1).locator("ol.sub li").allInnerTexts(), ["1. AI·드론 산업", "2. 친환경 자동차 산업 정상추진"]);
    assert.match(await page.locator("civic-programme .counts").innerText(), /정상추진\s*1/);
    await page.locator("civic-programme .lang button[data-l=en]").click();
    await textMatches(page.locator("civic-programme h2"), /Key initiatives for 2020/);
    assert.deepEqual(await rows.locator("td:nth-child(3)").allInnerTexts(), ["On track", "Planned", "Completed"]);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);
  });
});

describe("civic-events", () => {
  test("with nothing ahead, shows the latest events and opens the calendar on the last", async () => {
    const page = await open(browser, `${GATEWAY()}/demo/?organization=${env("PAST_ORGANIZATION")}&party=${env("PARTY")}&person=${env("PERSON")}`);
    await ready(page, "civic-events");
    assert.equal(await page.locator("civic-events .msg").innerText(), "예정된 일정이 없습니다.");
    assert.deepEqual(await page.locator("civic-events h3").allInnerTexts(), ["다가오는 일정", "지난 일정", "월간 달력"]);
    assert.deepEqual(await page.locator("civic-events ul.recent > li").evaluateAll((items) => items.map((li) => li.dataset.id)),
      [env("EVENT_PAST_NEWER"), env("EVENT_PAST_OLDER")]);
    assert.match(await page.locator("civic-events .cal-head h4").innerText(), /2023년 5월/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);
  });
});

describe("the demo page", () => {
  test("/demo redirects to the page, which shows the three widgets with the seeded records", async () => {
    const page = await open(browser, `${GATEWAY()}/demo?organization=${env("ORGANIZATION")}&party=${env("PARTY")}&person=${env("PERSON")}`);
    assert.match(page.url(), /\/demo\/\?organization=/);
    await ready(page, ALL);

    // events: upcoming list in start order, each time in the event's own zone, status badges, calendar links
    const events = page.locator("civic-events ul.events > li");
    const titles = await events.locator("h4 .t").allInnerTexts();
    assert.deepEqual(titles.slice(0, 4), ["AI 산업 협력 간담회", "베를린 투자 설명회", "청년 정책 토론회", "시민 자전거 대행진"]);
    const berlin = await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_BERLIN")}"] time`).innerText();
    assert.match(berlin, /오후 2:00/, "14:00 in Berlin, not the viewer's or Seoul's time");
    assert.match(berlin, /GMT\+[12]|CES?T/);
    const seoul = await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_MEETING")}"] time`).innerText();
    assert.match(seoul, /오전 10:00/);
    assert.match(seoul, /11:30/, "the end time of the range");
    assert.equal(await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_POSTPONED")}"] .badge`).innerText(), "연기");
    assert.equal(await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_CANCELLED")}"] .badge`).innerText(), "취소");
    assert.match(await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_CANCELLED")}"] time`).innerText(), /종일/);
    const feed = await page.locator("civic-events a.ics").getAttribute("href");
    assert.equal(feed, `${GATEWAY()}/api/v1/events/calendar.ics?organization=${env("ORGANIZATION")}&lang=ko`);
    const ics = await page.request.get(feed);
    assert.equal(ics.status(), 200);
    assert.match(ics.headers()["content-type"], /^text\/calendar/);
    assert.match(await ics.text(), new RegExp(`UID:${env("EVENT_MEETING")}@civic-registry`));
    // the calendar shows the month of the next event, with the event's day marked
    const meetingDay = await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_MEETING")}"] time`).getAttribute("datetime");
    assert.match(await page.locator(`civic-events button.day[data-date="${meetingDay.slice(0, 10)}"]`).textContent(), /일정 \d+건/);

    // agreements: in signing order, items with status and progress, source links
    const agreements = page.locator("civic-agreements ol.agreements > li");
    assert.deepEqual(await agreements.locator("h3").allInnerTexts(), ["경기도·충청남도 상생협력 협약", "경기도·광주광역시 상생발전 합의문"]);
    const second = agreements.nth(1);
    // an ordinal among the party's agreements of that kind, only because both dates say which came first
    assert.match(await second.locator(".meta").first().innerText(), /2번째 상생발전 합의/);
    const first = await agreements.nth(0).locator(".meta").first().innerText();
    assert.match(first, /1번째 상생발전 합의/);
    assert.match(first, /체결 2022년 7월 1일 – 2023년 5월 11일/, "a date known only by its bounds reads as a range");
    assert.deepEqual(await second.locator("tbody tr td:nth-child(3)").allInnerTexts(), ["완료", "추진 중", "계획", "중단"]);
    assert.deepEqual(await second.locator("tbody tr td:nth-child(4)").allInnerTexts(), ["단계 1/1", "단계 1/2", "—", "—"]);
    assert.match(await second.innerText(), /3개 과제 중 1개 완료/, "dropped items do not count");
    assert.equal(await second.locator("progress").getAttribute("value"), "1");
    assert.deepEqual(await second.locator(".src a").evaluateAll((as) => as.map((a) => a.href)),
      ["https://www.gg.go.kr/", "https://www.asiae.co.kr/"]);

    // official: current and past posts with their periods
    assert.equal(await page.locator("civic-official h2").innerText(), "김동연");
    const [current, past] = await page.locator("civic-official ul").all();
    assert.match(await current.innerText(), /경기도지사[\s\S]*2022년 7월 1일 – 현재/);
    assert.match(await past.innerText(), /경제부총리 겸 기획재정부 장관[\s\S]*2017년 6월 – 2018년 12월/);

    // the linked records come embedded (agreement parties, include=) or in multi-id requests (the
    // official's posts and organizations), not one request each; a programme's owner is one record, read alone
    const api = page.requests.filter((u) => u.startsWith(`${GATEWAY()}/api/v1/`)).map((u) => u.slice(GATEWAY().length));
    assert.ok(api.some((u) => /^\/api\/v1\/agreements\?.*include=parties/.test(u)), api.join("\n"));
    assert.ok(api.some((u) => /^\/api\/v1\/organizations\?id=/.test(u)), api.join("\n"));
    assert.ok(api.some((u) => /^\/api\/v1\/posts\?id=/.test(u)), api.join("\n"));
    assert.deepEqual(api.filter((u) => /^\/api\/v1\/posts\/[0-9a-f-]{36}$/.test(u)), []);
    assert.ok(api.filter((u) => /^\/api\/v1\/organizations\/[0-9a-f-]{36}$/.test(u)).length <= 1, api.join("\n"));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a language toggle switches the widget, and the demo page switches the others with it", async () => {
    const page = await open(browser, demo);
    await ready(page, ALL);
    const toggle = page.locator("civic-events .lang button[lang=en]");
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator("civic-events").getAttribute("lang"), "en");
    assert.equal(await page.locator("civic-events h2").innerText(), "Public events: Gwangju Metropolitan City");
    assert.equal(await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_POSTPONED")}"] .badge`).innerText(), "Postponed");
    assert.match(await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_BERLIN")}"] time`).innerText(), /2:00\s?PM/);
    assert.match(await page.locator("civic-events a.ics").getAttribute("href"), /lang=en$/);
    assert.equal(await page.locator("civic-agreements h2").innerText(), "Agreements: Gyeonggi Province");
    assert.deepEqual(await page.locator("civic-agreements ol.agreements > li").nth(1).locator("tbody tr td:nth-child(3)").allInnerTexts(),
      ["Done", "In progress", "Planned", "Dropped"]);
    assert.match(await page.locator("civic-official section").innerText(), /Governor of Gyeonggi Province[\s\S]*July 1, 2022 – present/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    // and back, by the attribute alone
    await page.evaluate(() => document.querySelector("civic-agreements").setAttribute("lang", "ko"));
    assert.equal(await page.locator("civic-agreements h2").innerText(), "경기도 협약");
    await page.context().close();
  });
});

describe("live updates", () => {
  test("a stream the gateway refuses (429) is opened again, and the widget goes live", async () => {
    const context = await browser.newContext();
    let refused = 0;
    let opened = 0;
    // the events widget's stream: refused once, then let through
    await context.route(/\/api\/v1\/stream\?topics=civic\.events\.v1/, (route) => {
      if (refused === 0) {
        refused++;
        return route.fulfill({ status: 429, headers: { "Retry-After": "1", "Content-Type": "application/problem+json" },
          body: JSON.stringify({ type: "https://civic-registry.org/problems/rate-limited", status: 429 }) });
      }
      opened++;
      return route.continue();
    });
    const page = await context.newPage();
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(e));
    await page.goto(demo);
    await ready(page, ALL);
    await page.waitForFunction(() => document.querySelector("civic-events").dataset.live === "open", null, { timeout: 20_000 });
    assert.equal(refused, 1);
    assert.ok(opened >= 1, "the events stream was requested again after the 429");
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test("a progress report on an initiative updates the programme without a reload", async () => {
    const page = await open(browser, `${demo}&programme=${env("PROGRAMME")}`);
    await ready(page, "civic-programme");
    await page.waitForFunction(() => document.querySelector("civic-programme").dataset.live === "open", null, { timeout: 20_000 });
    await page.evaluate(() => { window.notReloaded = true; });
    // a report may not be dated in the future: yesterday is in the past in every zone
    const on = new Date(Date.now() - 24 * 3600e3).toISOString().slice(0, 10);
    await reportProgress(api, await programmeId(api, env("PROGRAMME")), 3,
      { on, status: "completed_continuing", progress: 100, note: { ko: "계속 추진", en: "Continuing" } });
    const third = page.locator("civic-programme tbody tr[data-n='3'] td:nth-child(3)");
    await textMatches(third, /이행 후 계속추진/);
    await textMatches(page.locator("civic-programme [role=status]"), /과제 현황이 바뀌었습니다: 2020년 시정 중점과제/);
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("a new event and a rescheduled one appear without a reload", async () => {
    const page = await open(browser, demo);
    await ready(page, ALL);
    await page.waitForFunction(() => document.querySelector("civic-events").dataset.live === "open", null, { timeout: 20_000 });
    await page.evaluate(() => { window.notReloaded = true; });

    const startsAt = new Date(Date.now() + 36 * 3600e3);
    startsAt.setUTCMinutes(0, 0, 0);
    const created = await createEvent(api, {
      title: { ko: "실시간 반영 시험 행사", en: "Live update check" }, type: "press_conference",
      startsAt: startsAt.toISOString().replace(".000Z", "Z"), timeZone: "Asia/Seoul", organizerId: env("ORGANIZATION_ID"),
    });
    const item = page.locator(`civic-events ul.events > li[data-id="${created}"]`);
    await item.waitFor({ timeout: 20_000 });
    assert.match(await item.innerText(), /실시간 반영 시험 행사/);
    // the widget clears the live region and sets it 50 ms later, so screen readers announce a repeat too
    await textMatches(page.locator("civic-events [role=status]"), /새 일정: 실시간 반영 시험 행사/);

    const meeting = env("EVENT_MEETING");
    const before = await (await fetch(`${GATEWAY()}/api/v1/events/${meeting}`)).json();
    const moved = new Date(Date.parse(before.startsAt) + 5 * 3600e3).toISOString().replace(".000Z", "Z");
    await reschedule(api, meeting, moved);
    const rescheduled = page.locator(`civic-events ul.events > li[data-id="${meeting}"] .badge`);
    await page.waitForFunction((id) => document.querySelector("civic-events").shadowRoot
      .querySelector(`ul.events > li[data-id="${id}"] .badge`)?.textContent === "일정 변경", meeting, { timeout: 20_000 });
    assert.equal(await rescheduled.innerText(), "일정 변경");
    const text = await page.locator(`civic-events ul.events > li[data-id="${meeting}"]`).innerText();
    assert.match(text, /오후 3:00/, "the new start, 15:00 in Seoul");
    assert.match(text, /변경 전: .*오전 10:00/, "the previous start, struck through");
    await textMatches(page.locator("civic-events [role=status]"), /변경된 일정: AI 산업 협력 간담회/);
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("keyboard", () => {
  test("the calendar is reached with Tab and walked with the arrow, Home/End and Page keys", async () => {
    const page = await open(browser, demo);
    await ready(page, ALL);
    const focusedDay = () => page.evaluate(() => {
      const el = document.querySelector("civic-events").shadowRoot.activeElement;
      return el && el.dataset.date ? { date: el.dataset.date, pressed: el.getAttribute("aria-pressed") } : null;
    });
    assert.equal(await page.locator("civic-events button.day[tabindex='0']").count(), 1, "one day in the tab order");
    await page.locator("civic-events a.ics").focus();
    let day = null;
    for (let i = 0; i < 5 && !day; i++) {
      await page.keyboard.press("Tab");
      day = await focusedDay();
    }
    assert.ok(day, "Tab reaches a day of the calendar");
    const shift = (date, days) => { const x = new Date(date + "T00:00:00Z"); x.setUTCDate(x.getUTCDate() + days); return x.toISOString().slice(0, 10); };
    const weekday = (date) => new Date(date + "T00:00:00Z").getUTCDay();
    /** Presses a key and waits until that day has the focus and is selected (another month loads first). */
    const press = async (key, date) => {
      await page.keyboard.press(key);
      await page.waitForFunction((d) => {
        const el = document.querySelector("civic-events").shadowRoot.activeElement;
        return el && el.dataset.date === d && el.getAttribute("aria-pressed") === "true";
      }, date, { timeout: 10_000 });
      return date;
    };
    let at = await press("ArrowRight", shift(day.date, 1));
    at = await press("ArrowDown", shift(at, 7));
    at = await press("ArrowUp", shift(at, -7));
    at = await press("ArrowLeft", shift(at, -1));
    assert.equal(at, day.date);
    at = await press("Home", shift(at, -weekday(at)));
    assert.equal(weekday(at), 0, "Home: Sunday");
    at = await press("End", shift(at, 6));
    const month = await page.locator("civic-events .cal-head h4").innerText();
    const [y, m, d] = at.split("-").map(Number);
    const nextMonth = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate()))).toISOString().slice(0, 10);
    at = await press("PageDown", nextMonth);
    assert.notEqual(await page.locator("civic-events .cal-head h4").innerText(), month, "PageDown shows the next month");
    // to the postponed forum's day with the arrows: its events are listed under the calendar
    const forumDay = (await page.locator(`civic-events ul.events > li[data-id="${env("EVENT_POSTPONED")}"] time`).getAttribute("datetime")).slice(0, 10);
    while (at !== forumDay) {
      at = await press(at < forumDay ? "ArrowRight" : "ArrowLeft", shift(at, at < forumDay ? 1 : -1));
    }
    assert.match(await page.locator("civic-events .day-events").innerText(), /청년 정책 토론회/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe("accessibility", () => {
  for (const lang of ["ko", "en"]) {
    test(`axe-core finds no serious or critical violation (${lang})`, async () => {
      const page = await open(browser, `${demo}&lang=${lang}`);
      await ready(page, ALL);
      assert.deepEqual(await axe(page), []);
      await page.context().close();
    });
  }

  test("axe-core on a phone-sized screen, and nothing overflows sideways", async () => {
    const page = await open(browser, demo, { viewport: { width: 375, height: 800 }, isMobile: true });
    await ready(page, ALL);
    assert.deepEqual(await axe(page), []);
    const overflow = await page.evaluate(() => [...document.querySelectorAll("civic-events, civic-agreements, civic-official")]
      .filter((w) => w.shadowRoot.querySelector("section").scrollWidth > w.shadowRoot.querySelector("section").clientWidth + 1)
      .map((w) => w.localName));
    assert.deepEqual(overflow, []);
    await page.context().close();
  });
});

describe("another origin", () => {
  const page = (gateway, extra = "") => `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>구청 누리집</title>
<script src="${gateway}/widgets/civic-registry.js" defer></script></head><body><main><h1>구청 소식</h1>
<civic-events organization="${env("ORGANIZATION")}"></civic-events>
<civic-agreements party="${env("PARTY")}" lang="en"></civic-agreements>
<civic-official person="${env("PERSON")}" api="${gateway}"></civic-official>${extra}</main></body></html>`;

  test("a page on an origin the gateway allows embeds the widgets, live stream included", async () => {
    const site = await hostSite(page(GATEWAY()));
    try {
      const tab = await open(browser, `http://127.0.0.1:${site.port}/`);
      await ready(tab, ALL);
      assert.match(await tab.locator("civic-events section").innerText(), /AI 산업 협력 간담회|베를린 투자 설명회/);
      assert.equal(await tab.locator("civic-agreements h2").innerText(), "Agreements: Gyeonggi Province");
      assert.equal(await tab.locator("civic-official h2").innerText(), "김동연");
      await tab.waitForFunction(() => document.querySelector("civic-events").dataset.live === "open", null, { timeout: 20_000 });
      const feed = await tab.locator("civic-events a.ics").getAttribute("href");
      assert.ok(feed.startsWith(GATEWAY() + "/api/v1/events/calendar.ics"), "links point at the gateway, not the host page");
      assert.deepEqual(tab.errors, []);
      await tab.context().close();
    } finally {
      await site.close();
    }
  });

  test("from an origin the gateway does not allow, the browser refuses the data and the widgets say so", async () => {
    const site = await hostSite(page(GATEWAY()));
    try {
      const tab = await open(browser, `http://localhost:${site.port}/`);
      await tab.waitForFunction(() => [...document.querySelectorAll("civic-events, civic-agreements, civic-official")]
        .every((w) => w.dataset.state === "error"), null, { timeout: 20_000 });
      assert.match(await tab.locator("civic-events [role=alert]").innerText(), /정보를 불러오지 못했습니다/);
      await tab.context().close();
    } finally {
      await site.close();
    }
  });
});
