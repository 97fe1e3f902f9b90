// The register's linked data read by a JSON-LD processor (jsonld.js), not by string matching: the API's
// records as application/ld+json with the context the gateway serves, and the schema.org data the
// widgets put into the host page. Run by WidgetsBrowserTest (e2e-tests), which seeds the records.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import jsonld from "jsonld";
import { GATEWAY, env, launch, open, ready } from "./support.mjs";

const SCHEMA = "https://schema.org/";
const ORG = "http://www.w3.org/ns/org#";
const OPENGOV = "http://www.w3.org/ns/opengov#";
const FOAF = "http://xmlns.com/foaf/0.1/";
const SKOS = "http://www.w3.org/2004/02/skos/core#";
const XSD = "http://www.w3.org/2001/XMLSchema#";

// Contexts come from the gateway, as any processor would fetch them; nothing else is loaded (no web here,
// and a document that needed more than the register's own context would be a failure).
const documentLoader = async (url) => {
  if (!url.startsWith(`${GATEWAY()}/`)) throw new Error(`only the gateway's documents are loaded, not ${url}`);
  const response = await fetch(url, { headers: { Accept: "application/ld+json" } });
  assert.equal(response.status, 200, `${url}: ${response.status}`);
  assert.match(response.headers.get("content-type"), /^application\/ld\+json/);
  return { contextUrl: null, documentUrl: url, document: await response.json() };
};
// safe mode: a term the context does not define, or any other loss, is an error instead of a silent drop
const expand = (document) => jsonld.expand(document, { documentLoader, safe: true });

async function linked(collection, id) {
  const response = await fetch(`${GATEWAY()}/api/v1/${collection}/${id}`, { headers: { Accept: "application/ld+json" } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/ld\+json/);
  return response.json();
}
const url = (collection, id) => `${GATEWAY()}/api/v1/${collection}/${id}`;
const ids = (values) => (values || []).map((v) => v["@id"]);
const texts = (values) => Object.fromEntries((values || []).map((v) => [v["@language"], v["@value"]]));
const one = (node, property) => {
  assert.ok(node[property]?.length === 1, `${property}: ${JSON.stringify(node[property])}`);
  return node[property][0];
};

// what compaction gives back has to be what the API sent: same values, language maps still maps. JSON-LD
// writes a one-element list as the element and drops empty lists and nulls, so both sides are put in that form.
const normal = (value) => {
  if (Array.isArray(value)) {
    const items = value.map(normal).filter((v) => v !== undefined);
    return items.length === 0 ? undefined : items.length === 1 ? items[0] : items;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, normal(v)]).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries);
  }
  return value === null ? undefined : value;
};
async function roundTrip(document) {
  const compacted = await jsonld.compact(await expand(document), document["@context"], { documentLoader, safe: true });
  assert.deepEqual(normal(compacted), normal(document));
}

describe("records as JSON-LD", () => {
  test("people, organizations, posts and memberships are Popolo's", async () => {
    const membership = await linked("memberships", env("MEMBERSHIP_ID"));
    const [m] = await expand(membership);
    assert.deepEqual(m["@type"], [`${ORG}Membership`]);
    assert.equal(m["@id"], url("memberships", env("MEMBERSHIP_ID")));
    assert.deepEqual(ids(m[`${ORG}member`]), [url("people", env("PERSON_ID"))]);
    assert.deepEqual(ids(m[`${OPENGOV}post`]), [url("posts", env("POST_ID"))]);
    assert.equal(one(m, `${SCHEMA}validFrom`)["@value"], "2022-07-01");

    const [person] = await expand(await linked("people", env("PERSON_ID")));
    assert.deepEqual(person["@type"], ["http://www.w3.org/ns/person#Person"]);
    assert.deepEqual(texts(person[`${FOAF}name`]), { ko: "김동연", en: "Kim Dong-yeon" });

    const [post] = await expand(await linked("posts", env("POST_ID")));
    assert.deepEqual(post["@type"], [`${ORG}Post`]);
    assert.deepEqual(ids(post[`${ORG}postIn`]), [url("organizations", env("PARTY_ID"))]);
    assert.deepEqual(texts(post[`${SKOS}prefLabel`]), { ko: "경기도지사", en: "Governor of Gyeonggi Province" });
    assert.equal(one(post, `${ORG}role`)["@value"], "governor");

    const organization = await linked("organizations", env("PARTY_ID"));
    const [o] = await expand(organization);
    assert.deepEqual(o["@type"], [`${ORG}Organization`]);
    assert.deepEqual(texts(o[`${SKOS}prefLabel`]), { ko: "경기도", en: "Gyeonggi Province" });

    for (const document of [membership, organization]) await roundTrip(document);
  });

  test("events are schema.org Events with their place, organizer, performers and status", async () => {
    const event = await linked("events", env("EVENT_MEETING"));
    const [e] = await expand(event);
    assert.deepEqual(e["@type"], [`${SCHEMA}Event`]);
    assert.deepEqual(texts(e[`${SCHEMA}name`]), { ko: "AI 산업 협력 간담회", en: "AI industry cooperation meeting" });
    const start = one(e, `${SCHEMA}startDate`);
    assert.equal(start["@type"], `${XSD}dateTime`);
    assert.equal(start["@value"], event.startsAt);
    // the widgets' test reschedules this meeting, so it may have run first
    const expected = { scheduled: "EventScheduled", rescheduled: "EventRescheduled" }[event.status];
    assert.deepEqual(ids(e[`${SCHEMA}eventStatus`]), [`${SCHEMA}${expected}`]);
    assert.deepEqual(ids(e[`${SCHEMA}organizer`]), [url("organizations", env("ORGANIZATION_ID"))]);
    const place = one(e, `${SCHEMA}location`);
    assert.deepEqual(place["@type"], [`${SCHEMA}Place`]);
    assert.deepEqual(texts(place[`${SCHEMA}name`]).ko, "광주광역시청 비즈니스룸");
    const performer = one(e, `${SCHEMA}performer`);
    assert.deepEqual(performer["@type"], [`${SCHEMA}PerformanceRole`]);
    assert.deepEqual(ids(performer[`${SCHEMA}performer`]), [url("people", env("HOST_PERSON_ID"))]);
    assert.equal(one(performer, `${SCHEMA}roleName`)["@value"], "host");
    await roundTrip(event);

    const [cancelled] = await expand(await linked("events", env("EVENT_CANCELLED")));
    assert.deepEqual(ids(cancelled[`${SCHEMA}eventStatus`]), [`${SCHEMA}EventCancelled`]);
  });

  test("agreements are schema.org Legislation and programmes schema.org Projects", async () => {
    const agreement = await linked("agreements", env("AGREEMENT_ID"));
    const [a] = await expand(agreement);
    assert.deepEqual(a["@type"], [`${SCHEMA}Legislation`]);
    assert.equal(one(a, `${SCHEMA}legislationDate`)["@value"], "2023-10-12");
    const parties = a[`${SCHEMA}legislationPassedBy`];
    assert.deepEqual(parties.map((p) => p["@type"]), [[`${SCHEMA}Role`], [`${SCHEMA}Role`]]);
    assert.ok(parties.some((p) => ids(p[`${SCHEMA}legislationPassedBy`])[0] === url("organizations", env("PARTY_ID"))));
    const items = a[`${SCHEMA}hasPart`];
    assert.deepEqual(items.map((i) => one(i, `${SCHEMA}position`)["@value"]), [1, 2, 3, 4]);
    assert.deepEqual(texts(one(a, `${SCHEMA}locationCreated`)[`${SCHEMA}name`]), { ko: "광주광역시청", en: "Gwangju City Hall" });
    await roundTrip(agreement);

    const programme = await linked("programmes", env("PROGRAMME_ID"));
    const [p] = await expand(programme);
    assert.deepEqual(p["@type"], [`${SCHEMA}Project`]);
    assert.deepEqual(ids(p[`${SCHEMA}parentOrganization`]), [url("organizations", env("ORGANIZATION_ID"))]);
    assert.deepEqual(texts(p[`${SCHEMA}name`]), { ko: "2020년 시정 중점과제", en: "Key initiatives for 2020" });
    await roundTrip(programme);
  });

  test("one language stays a language map", async () => {
    const response = await fetch(`${url("people", env("PERSON_ID"))}?lang=en`, { headers: { Accept: "application/ld+json" } });
    const [person] = await expand(await response.json());
    assert.deepEqual(texts(person[`${FOAF}name`]), { en: "Kim Dong-yeon" });
  });
});

describe("the widgets' structured data", () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => browser?.close());

  // what a search engine reads from the host page: the JSON-LD of each widget, in the page's DOM
  async function structuredData(page, widget) {
    const scripts = await page.locator(`${widget} > script[type="application/ld+json"]`).allTextContents();
    assert.equal(scripts.length, 1, `${widget} puts one JSON-LD script into the page`);
    assert.ok(!scripts[0].includes("<"), "no markup can end the script element");
    const refuse = async (u) => { throw new Error(`the widgets' JSON-LD needs no remote context, but asked for ${u}`); };
    return jsonld.expand(JSON.parse(scripts[0]), { documentLoader: refuse, safe: true });
  }

  test("events, agreements, the official and the programme are in the host page as schema.org", async () => {
    const page = await open(browser, `${GATEWAY()}/demo/?organization=${env("ORGANIZATION")}&party=${env("PARTY")}`
      + `&person=${env("PERSON")}&programme=${env("PROGRAMME")}`);
    await ready(page, "civic-events, civic-agreements, civic-official, civic-programme");

    const events = await structuredData(page, "civic-events");
    const meeting = events.find((e) => e["@id"] === url("events", env("EVENT_MEETING")));
    assert.deepEqual(meeting["@type"], [`${SCHEMA}Event`]);
    assert.deepEqual(meeting[`${SCHEMA}name`], [{ "@value": "AI 산업 협력 간담회", "@language": "ko" }]);
    assert.ok(one(meeting, `${SCHEMA}startDate`)["@value"]);
    assert.ok([`${SCHEMA}EventScheduled`, `${SCHEMA}EventRescheduled`].includes(ids(meeting[`${SCHEMA}eventStatus`])[0]));
    const place = one(meeting, `${SCHEMA}location`);
    assert.deepEqual(place["@type"], [`${SCHEMA}Place`]);
    assert.equal(one(place, `${SCHEMA}name`)["@value"], "광주광역시청 비즈니스룸");
    const organizer = one(meeting, `${SCHEMA}organizer`);
    assert.deepEqual(organizer["@type"], [`${SCHEMA}Organization`]);
    assert.equal(one(organizer, `${SCHEMA}name`)["@value"], "광주광역시");
    const performer = one(meeting, `${SCHEMA}performer`);
    assert.equal(performer["@id"], url("people", env("HOST_PERSON_ID")));
    assert.equal(one(performer, `${SCHEMA}name`)["@value"], "강기정", "the participant's name came with the page (include=)");
    const cancelled = events.find((e) => e["@id"] === url("events", env("EVENT_CANCELLED")));
    assert.deepEqual(ids(cancelled[`${SCHEMA}eventStatus`]), [`${SCHEMA}EventCancelled`]);

    const agreements = await structuredData(page, "civic-agreements");
    const agreement = agreements.find((a) => a["@id"] === url("agreements", env("AGREEMENT_ID")));
    assert.deepEqual(agreement["@type"], [`${SCHEMA}Legislation`]);
    assert.deepEqual(agreement[`${SCHEMA}legislationPassedBy`].map((p) => one(p, `${SCHEMA}name`)["@value"]).sort(),
      ["경기도", "광주광역시"]);

    const [official] = await structuredData(page, "civic-official");
    assert.deepEqual(official["@type"], [`${SCHEMA}Person`]);
    assert.equal(one(official, `${SCHEMA}jobTitle`)["@value"], "경기도지사");
    assert.equal(one(one(official, `${SCHEMA}worksFor`), `${SCHEMA}name`)["@value"], "경기도");

    const [programme] = await structuredData(page, "civic-programme");
    assert.deepEqual(programme["@type"], [`${SCHEMA}Project`]);
    assert.equal(one(programme, `${SCHEMA}name`)["@value"], "2020년 시정 중점과제");

    // the page's language changes what it says, and the structured data with it
    await page.locator("civic-events .lang button[data-l=en]").click();
    await page.waitForFunction(() => document.querySelector("civic-events > script[type='application/ld+json']")
      .textContent.includes('"@language":"en"'));
    const english = await structuredData(page, "civic-events");
    assert.equal(one(english.find((e) => e["@id"] === meeting["@id"]), `${SCHEMA}name`)["@value"], "AI industry cooperation meeting");
    assert.deepEqual(page.errors, []);
  });
});
