/*! Civic Registry widgets: <civic-events>, <civic-agreements>, <civic-official>, <civic-programme>. No dependencies.
 * Embed: <script src="https://<gateway>/widgets/civic-registry.js" defer></script>
 * Docs: docs/widgets.md */
(() => {
  "use strict";
  if (customElements.get("civic-events")) return;

  const SCRIPT = document.currentScript;
  const ORIGIN = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src, location.href).origin : location.origin;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const LOCALE = { ko: "ko-KR", en: "en-US" };

  const TEXT = {
    ko: {
      language: "언어", loading: "불러오는 중…", error: "정보를 불러오지 못했습니다.", retry: "다시 시도",
      live: "실시간", none: "없음",
      events: (o) => `${o} 공개 일정`, upcoming: "다가오는 일정", calendar: "월간 달력", noEvents: "예정된 일정이 없습니다.", recent: "지난 일정",
      subscribe: "캘린더 구독 (iCal)", addOne: "내 캘린더에 추가", previously: "변경 전", allDay: "종일",
      prevMonth: "이전 달", nextMonth: "다음 달", dayNone: "이 날에는 일정이 없습니다.", count: (n) => `일정 ${n}건`,
      calHelp: "방향키로 날짜 이동, Page Up/Down으로 달 이동", newEvent: "새 일정", changed: "변경된 일정",
      status: { scheduled: "예정", confirmed: "확정", postponed: "연기", rescheduled: "일정 변경", cancelled: "취소", completed: "종료" },
      type: { memorial_visit: "참배", signing_ceremony: "서명식", special_lecture: "특강", meeting: "간담회", launch_ceremony: "출범식",
        policy_presentation: "정책 발표", task_force_meeting: "TF 회의", press_conference: "기자회견", groundbreaking: "기공식",
        ceremony: "기념식", other: "기타" },
      agreements: (o) => `${o} 협약`, noAgreements: "등록된 협약이 없습니다.", nth: (n, kind) => `${n}번째 ${kind}`,
      signedOn: "체결", parties: "당사자", items: "과제", no: "번호", state: "상태", progress: "진행",
      done: (d, n) => `${n}개 과제 중 ${d}개 완료`, milestones: (m, n) => `단계 ${m}/${n}`, sources: "출처", documents: "문서",
      kind: { mutual_development: "상생발전 합의", mou: "업무협약", cooperation: "협력", task_force: "협력 TF",
        joint_declaration: "공동선언", sisterhood: "자매결연", other: "기타" },
      agreementStatus: { draft: "초안", signed: "체결", in_force: "시행 중", expired: "만료", terminated: "해지", archived: "보관" },
      itemStatus: { planned: "계획", in_progress: "추진 중", done: "완료", dropped: "중단" },
      role: { host: "주관", secretariat: "사무국" },
      current: "현직", past: "이전 직위", present: "현재", acting: "권한대행", official: "공직 이력",
      programme: "추진 과제", initiatives: "과제", announced: (d, who) => `${d} 발표${who ? ` (${who})` : ""}`, period: "기간",
      owner: "주체", percent: (n) => `${n}%`, noProgress: "진행률 미보고", subItems: "세부 항목", byStatus: "상태별 과제 수",
      noInitiatives: "등록된 과제가 없습니다.", changedProgramme: "과제 현황이 바뀌었습니다",
      programmeKind: { annual_plan: "연간 계획", pledges: "공약", policy_proposals: "정책 제안", cooperation_plan: "협력 계획", other: "기타" },
      programmeStatus: { draft: "초안", announced: "발표", in_progress: "추진 중", concluded: "종료" },
      initiativeStatus: { planned: "계획", completed: "완료", completed_continuing: "이행 후 계속추진", on_track: "정상추진",
        partially_done: "일부추진", on_hold: "보류", dropped: "폐기" },
    },
    en: {
      language: "Language", loading: "Loading…", error: "Could not load the data.", retry: "Try again",
      live: "Live", none: "None",
      events: (o) => `Public events: ${o}`, upcoming: "Upcoming events", calendar: "Month calendar", noEvents: "No upcoming events.", recent: "Recent events",
      subscribe: "Subscribe to the calendar (iCal)", addOne: "Add to my calendar", previously: "Previously", allDay: "All day",
      prevMonth: "Previous month", nextMonth: "Next month", dayNone: "No events on this day.", count: (n) => `${n} event${n === 1 ? "" : "s"}`,
      calHelp: "Arrow keys move between days, Page Up/Down between months", newEvent: "New event", changed: "Event changed",
      status: { scheduled: "Scheduled", confirmed: "Confirmed", postponed: "Postponed", rescheduled: "Rescheduled", cancelled: "Cancelled", completed: "Completed" },
      type: { memorial_visit: "Memorial visit", signing_ceremony: "Signing ceremony", special_lecture: "Special lecture", meeting: "Meeting",
        launch_ceremony: "Launch ceremony", policy_presentation: "Policy presentation", task_force_meeting: "Task force meeting",
        press_conference: "Press conference", groundbreaking: "Groundbreaking", ceremony: "Ceremony", other: "Other" },
      agreements: (o) => `Agreements: ${o}`, noAgreements: "No agreements registered.", nth: (n, kind) => `${kind}, no. ${n} in signing order`,
      signedOn: "Signed", parties: "Parties", items: "Items", no: "No.", state: "Status", progress: "Progress",
      done: (d, n) => `${d} of ${n} items done`, milestones: (m, n) => `${m} of ${n} milestones`, sources: "Sources", documents: "Documents",
      kind: { mutual_development: "Mutual development", mou: "MOU", cooperation: "Cooperation", task_force: "Task force",
        joint_declaration: "Joint declaration", sisterhood: "Sister cities", other: "Other" },
      agreementStatus: { draft: "Draft", signed: "Signed", in_force: "In force", expired: "Expired", terminated: "Terminated", archived: "Archived" },
      itemStatus: { planned: "Planned", in_progress: "In progress", done: "Done", dropped: "Dropped" },
      role: { host: "host", secretariat: "secretariat" },
      current: "Current posts", past: "Past posts", present: "present", acting: "acting", official: "Offices held",
      programme: "Programme", initiatives: "Initiatives", announced: (d, who) => `Announced ${d}${who ? ` by ${who}` : ""}`, period: "Period",
      owner: "By", percent: (n) => `${n}%`, noProgress: "no progress reported", subItems: "Sub-items", byStatus: "Initiatives by status",
      noInitiatives: "No initiatives registered.", changedProgramme: "The programme changed",
      programmeKind: { annual_plan: "Annual plan", pledges: "Pledges", policy_proposals: "Policy proposals", cooperation_plan: "Cooperation plan", other: "Other" },
      programmeStatus: { draft: "Draft", announced: "Announced", in_progress: "In progress", concluded: "Concluded" },
      initiativeStatus: { planned: "Planned", completed: "Completed", completed_continuing: "Completed, continuing", on_track: "On track",
        partially_done: "Partially done", on_hold: "On hold", dropped: "Dropped" },
    },
  };

  const CSS = `
:host{display:block;container-type:inline-size;font-family:var(--civic-font,inherit);font-size:var(--civic-font-size,1rem);color:var(--civic-color,#1b1f24);line-height:1.5}
:host([hidden]){display:none}
*{box-sizing:border-box}
.w{background:var(--civic-bg,#fff);border:1px solid var(--civic-border,#d6dbe1);border-radius:var(--civic-radius,6px);padding:1em 1.25em}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;border-bottom:2px solid var(--civic-accent,#0b50a0);padding-bottom:.5em;margin-bottom:.75em}
h2{font-size:1.25em;margin:0;flex:1 1 auto;color:var(--civic-heading,inherit)}
h3{font-size:1.05em;margin:.75em 0 .4em}
h4,h5{font-size:1em;margin:0}
ul,ol{margin:0;padding:0;list-style:none}
a{color:var(--civic-accent,#0b50a0)}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:3px solid var(--civic-focus,#ffbf47);outline-offset:2px}
.lang{display:inline-flex;border:1px solid var(--civic-accent,#0b50a0);border-radius:999px;overflow:hidden}
.lang button{border:0;background:transparent;padding:.15em .8em;font-size:.875em;color:var(--civic-accent,#0b50a0)}
.lang button[aria-pressed=true]{background:var(--civic-accent,#0b50a0);color:var(--civic-accent-contrast,#fff)}
.live{font-size:.8em;color:var(--civic-muted,#5b6470)}
.live::before{content:"● ";color:var(--civic-ok,#1a7f37)}
.muted,.meta{color:var(--civic-muted,#5b6470);font-size:.9em}
.meta{margin:.15em 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.badge{display:inline-block;padding:0 .5em;border-radius:999px;font-size:.8em;font-weight:600;background:var(--civic-surface,#eef1f5);color:var(--civic-color,#1b1f24);vertical-align:.1em}
.s-confirmed,.s-done,.s-in_force,.s-completed,.s-completed_continuing,.s-on_track{background:var(--civic-ok,#1a7f37);color:#fff}
.s-postponed,.s-in_progress,.s-partially_done,.s-on_hold{background:var(--civic-warn,#8a5a00);color:#fff}
.s-cancelled,.s-dropped,.s-terminated{background:var(--civic-danger,#b42318);color:#fff}
.s-rescheduled{background:var(--civic-info,#5b3fa8);color:#fff}
.cols{display:grid;gap:1.25em}
@container (min-width:760px){.cols{grid-template-columns:minmax(0,1.2fr) minmax(0,1fr)}}
.ev{padding:.6em 0;border-top:1px solid var(--civic-border,#d6dbe1)}
.ev:first-child{border-top:0}
.ev.cancelled h4 .t{text-decoration:line-through}
.fresh{animation:fresh 4s ease-out}
@keyframes fresh{from{background:var(--civic-highlight,#fff4c2)}to{background:transparent}}
.ics{display:inline-block;margin-top:.75em;font-weight:600}
.cal-head{display:flex;align-items:center;justify-content:space-between;gap:.5em}
.cal-head h4{font-size:1em}
.cal-head button{border:1px solid var(--civic-border,#d6dbe1);background:var(--civic-bg,#fff);border-radius:var(--civic-radius,6px);padding:.1em .7em}
table{border-collapse:collapse;width:100%}
.grid{table-layout:fixed;margin-top:.4em}
.grid th{font-size:.8em;font-weight:600;color:var(--civic-muted,#5b6470);padding:.2em 0}
.grid td{padding:1px;text-align:center}
.day{width:100%;min-height:2.4em;border:1px solid transparent;background:transparent;border-radius:var(--civic-radius,6px);padding:.1em 0;line-height:1.2}
.day.has{background:var(--civic-surface,#eef1f5);font-weight:700}
.day.today{border-color:var(--civic-accent,#0b50a0)}
.day[aria-pressed=true]{background:var(--civic-accent,#0b50a0);color:var(--civic-accent-contrast,#fff)}
.dot{display:block;font-size:.6em;color:inherit}
.agr{padding:.75em 0;border-top:1px solid var(--civic-border,#d6dbe1)}
.agr:first-child{border-top:0}
.items{font-size:.9em;margin:.5em 0}
.items th,.items td{border-bottom:1px solid var(--civic-border,#d6dbe1);padding:.3em .4em;text-align:left;vertical-align:top}
.items thead th{color:var(--civic-muted,#5b6470);font-weight:600}
.items tbody th{font-weight:400}
.n{width:3em}
progress{accent-color:var(--civic-accent,#0b50a0);vertical-align:middle;width:8em}
.src li{font-size:.9em;margin:.15em 0}
.post{padding:.4em 0;border-top:1px solid var(--civic-border,#d6dbe1)}
.post:first-child{border-top:0}
.post strong{margin-right:.4em}
.msg{margin:.5em 0}
.sub{margin:.3em 0 0 1em;font-size:.9em}
.sub li{margin:.1em 0}
.counts{display:flex;flex-wrap:wrap;gap:.25em .75em;margin:.5em 0}
`;

  const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  // The widgets' structured data: schema.org terms, text in the widget's language, statuses as IRIs.
  const schemaContext = (lang) => ({ "@vocab": "https://schema.org/", "@language": lang, eventStatus: { "@type": "@id" } });
  const EVENT_STATUS = { postponed: "EventPostponed", rescheduled: "EventRescheduled", cancelled: "EventCancelled" };
  const pick = (map, lang) => (map == null || typeof map === "string" ? map || "" : map[lang] || map[lang === "ko" ? "en" : "ko"] || Object.values(map)[0] || "");
  const pickLang = (map, lang) => (map && typeof map === "object" && !map[lang] ? (map[lang === "ko" ? "en" : "ko"] ? (lang === "ko" ? "en" : "ko") : "") : "");
  const fmt = (lang, opts) => new Intl.DateTimeFormat(LOCALE[lang], opts);
  /** A partial date (2019, 2019-12, 2019-12-26, or an interval of two: 2022-07-01/2023-05-11) in the language. */
  const day = (value, lang) => {
    if (!value) return "";
    if (String(value).includes("/")) return String(value).split("/").map((v) => day(v, lang)).join(" – ");
    const parts = String(value).split("-");
    const date = new Date(Date.UTC(+parts[0], (+parts[1] || 1) - 1, +parts[2] || 1));
    const opts = { timeZone: "UTC", year: "numeric" };
    if (parts[1]) opts.month = "long";
    if (parts[2]) opts.day = "numeric";
    return fmt(lang, opts).format(date);
  };
  /** The first and last day (YYYY-MM-DD) a partial date may stand for. */
  const bounds = (value) => {
    const [a, b = a] = String(value).split("/");
    const first = (a + "-01-01").slice(0, 10);
    const [y, m, d] = b.split("-").map(Number);
    const last = d ? b : iso(new Date(Date.UTC(y, m || 12, 0)));
    return [first, last];
  };
  /** An event's time in its own time zone. */
  const when = (ev, lang, start = ev.startsAt) => {
    const opts = { timeZone: ev.timeZone || "Asia/Seoul", year: "numeric", month: "long", day: "numeric", weekday: "short" };
    if (ev.allDay) return `${fmt(lang, opts).format(new Date(start))} (${TEXT[lang].allDay})`;
    Object.assign(opts, { hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    const f = fmt(lang, opts);
    return ev.endsAt && start === ev.startsAt ? f.formatRange(new Date(start), new Date(ev.endsAt)) : f.format(new Date(start));
  };
  const endOf = (ev) => Date.parse(ev.endsAt || ev.startsAt) + (ev.allDay && !ev.endsAt ? 864e5 : 0);
  const byStart = (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1);
  const pad = (n) => String(n).padStart(2, "0");
  const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const utc = (s) => new Date(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10) || 1));
  const link = (s, lang) => `${s.url ? `<a href="${esc(s.url)}" rel="noopener"${s.language ? ` hreflang="${esc(s.language)}"` : ""}` : "<cite"}${s.language ? ` lang="${esc(s.language)}"` : ""}>${esc(pick(s.title, lang) || s.url)}${s.url ? "</a>" : "</cite>"}${s.publisher ? ` <span class="muted">· ${esc(pick(s.publisher, lang))}</span>` : ""}${s.publishedOn ? ` <span class="muted">· ${esc(day(s.publishedOn, lang))}</span>` : ""}`;

  // ---- data: one fetch cache per gateway, one EventSource per gateway and topic ----
  const cache = new Map();
  // Accept-Language "*": every language in full (a browser's own Accept-Language would reduce texts to one).
  const getJson = (api, path) => fetch(api + path, { headers: { Accept: "application/json", "Accept-Language": "*" } }).then((r) => {
    if (!r.ok) throw new Error(`${r.status} ${path}`);
    return r.json();
  });
  const record = (api, collection, id) => {
    const key = `${api}/${collection}/${id}`;
    if (!cache.has(key)) cache.set(key, getJson(api, `/api/v1/${collection}/${encodeURIComponent(id)}`).catch((e) => { cache.delete(key); throw e; }));
    return cache.get(key);
  };
  /**
   * Several records by id, as a Map by id, in as few requests as the id filter allows (50 ids a
   * request, not one request each); cached like record(). One the list leaves out (archived, so not
   * among the active ones) is read alone, as record() would; one that does not exist is left out.
   */
  const records = async (api, collection, ids) => {
    const wanted = [...new Set(ids.filter(Boolean))];
    const missing = wanted.filter((id) => !cache.has(`${api}/${collection}/${id}`));
    for (let i = 0; i < missing.length; i += 50) {
      const chunk = missing.slice(i, i + 50);
      const page = getJson(api, `/api/v1/${collection}?${chunk.map((id) => `id=${encodeURIComponent(id)}`).join("&")}&limit=50`);
      for (const id of chunk) {
        const key = `${api}/${collection}/${id}`;
        cache.set(key, page.then((p) => (p.items || []).find((r) => r.id === id)
          || getJson(api, `/api/v1/${collection}/${encodeURIComponent(id)}`)).catch((e) => { cache.delete(key); throw e; }));
      }
    }
    const found = await Promise.all(wanted.map((id) => cache.get(`${api}/${collection}/${id}`).catch(() => null)));
    return new Map(found.filter(Boolean).map((r) => [r.id, r]));
  };
  /** By id, or by slug through the collection's slug filter. */
  const find = async (api, collection, ref) => {
    if (UUID.test(ref)) return record(api, collection, ref);
    const page = await getJson(api, `/api/v1/${collection}?slug=${encodeURIComponent(ref)}&limit=1`);
    if (!page.items || !page.items.length) throw new Error(`no ${collection} ${ref}`);
    return page.items[0];
  };
  const TYPES = {
    "civic.events.v1": ["scheduled", "confirmed", "postponed", "cancelled", "completed", "rescheduled", "updated", "archived"].map((t) => "civic.event." + t),
    "civic.agreements.v1": [
      ...["created", "signed", "in_force", "expired", "terminated", "item.status_changed", "updated", "archived"].map((t) => "civic.agreement." + t),
      ...["created", "announced", "in_progress", "concluded", "updated", "archived", "restored", "initiative.status_changed", "initiative.reported"]
        .map((t) => "civic.programme." + t),
    ],
  };
  const streams = new Map();
  const subscribe = (api, topic, listener) => {
    const key = `${api} ${topic}`;
    let s = streams.get(key);
    if (!s) {
      s = { source: null, listeners: new Set(), lastId: "", retries: 0, timer: 0 };
      const open = () => {
        // resumes where the last stream left off: a new EventSource cannot send Last-Event-ID itself
        const from = s.lastId ? `&lastEventId=${encodeURIComponent(s.lastId)}` : "";
        const source = new EventSource(`${api}/api/v1/stream?topics=${topic}${from}`);
        s.source = source;
        const dispatch = (m) => {
          if (m.lastEventId) s.lastId = m.lastEventId;
          let ce;
          try { ce = JSON.parse(m.data); } catch { return; }
          if (ce && ce.data) s.listeners.forEach((l) => l.change(ce.data, ce.type || m.type));
        };
        TYPES[topic].forEach((t) => source.addEventListener(t, dispatch));
        const state = () => s.listeners.forEach((l) => l.live(source.readyState === 1 ? "open" : source.readyState === 0 ? "connecting" : "closed"));
        source.onopen = () => { s.retries = 0; state(); };
        source.onerror = () => {
          state();
          // A refused stream (429 when the address has too many open, 503 when the gateway is full)
          // closes for good: the browser retries dropped connections only. Open it again later,
          // backing off to a minute, spread so that many pages do not return at once.
          if (source.readyState === 2 && s.listeners.size) {
            const delay = Math.min(60_000, 2_000 * 2 ** s.retries++) * (0.5 + Math.random() / 2);
            s.timer = setTimeout(open, delay);
          }
        };
      };
      open();
      streams.set(key, s);
    }
    s.listeners.add(listener);
    listener.live(s.source.readyState === 1 ? "open" : "connecting");
    return () => {
      s.listeners.delete(listener);
      if (!s.listeners.size) { clearTimeout(s.timer); s.source.close(); streams.delete(key); }
    };
  };

  // ---- the common part of the three widgets ----
  class Widget extends HTMLElement {
    static get observedAttributes() { return ["lang", "api", this.ref, "live"]; }
    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      root.innerHTML = `<style>${CSS}</style><section class="w" part="widget" aria-labelledby="h"><header><h2 id="h"></h2><span class="live" hidden></span><div class="lang" role="group"><button type="button" data-l="ko" lang="ko">한국어</button><button type="button" data-l="en" lang="en">English</button></div></header><div class="b"></div><p class="sr" role="status" aria-live="polite"></p></section>`;
      this.$ = (s) => root.querySelector(s);
      this.seq = 0;
      this.$(".lang").addEventListener("click", (e) => {
        const b = e.target.closest("button");
        if (!b || b.dataset.l === this.language) return;
        this.setAttribute("lang", b.dataset.l);
        this.dispatchEvent(new CustomEvent("civic-language", { detail: b.dataset.l, bubbles: true, composed: true }));
      });
      this.$(".b").addEventListener("click", (e) => { if (e.target.closest(".retry")) this.load(); });
    }
    get language() {
      const l = (this.getAttribute("lang") || document.documentElement.lang || "ko").slice(0, 2).toLowerCase();
      return l === "en" ? "en" : "ko";
    }
    get t() { return TEXT[this.language]; }
    get api() { return (this.getAttribute("api") || ORIGIN).replace(/\/+$/, ""); }
    connectedCallback() { this.ready = true; this.load(); }
    disconnectedCallback() { this.ready = false; this.unsubscribe?.(); this.unsubscribe = null; }
    attributeChangedCallback(name, old, value) {
      if (!this.ready || old === value) return;
      if (name === "lang") this.render(); else this.load();
    }
    async load() {
      const seq = ++this.seq;
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.failed = false;
      this.dataset.state = "loading";
      if (!this.loaded) this.render();
      try {
        await this.fetchAll();
        if (seq !== this.seq) return;
        this.loaded = true;
        this.dataset.state = "ready";
        if (this.topic && this.getAttribute("live") !== "off") this.unsubscribe = subscribe(this.api, this.topic, this);
      } catch (e) {
        if (seq !== this.seq) return;
        console.warn("civic-registry:", e);
        this.failed = true;
        this.loaded = false;
        this.dataset.state = "error";
      }
      this.render();
    }
    live(state) {
      this.dataset.live = state;
      const el = this.$(".live");
      el.hidden = state !== "open";
      el.textContent = this.t.live;
    }
    announce(text) {
      const el = this.$("[role=status]");
      el.textContent = "";
      setTimeout(() => { el.textContent = text; }, 50);
    }
    render() {
      const t = this.t, lang = this.language, sec = this.$("section");
      sec.lang = lang;
      this.shadowRoot.querySelectorAll(".lang button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.l === lang)));
      this.$(".lang").setAttribute("aria-label", t.language);
      this.$(".live").textContent = t.live;
      this.$("#h").textContent = this.loaded ? this.heading(t, lang) : this.fallbackTitle(t);
      const focused = this.shadowRoot.activeElement?.dataset?.k;
      this.$(".b").innerHTML = this.failed
        ? `<p class="msg" role="alert">${t.error}</p><button type="button" class="retry">${t.retry}</button>`
        : this.loaded ? this.view(t, lang) : `<p class="msg">${t.loading}</p>`;
      if (focused) this.$(`[data-k="${focused}"]`)?.focus();
      this.publish(lang);
    }
    // schema.org JSON-LD of what the widget shows, put into the host page (the widget's light DOM, where
    // search engines read structured data; a shadow root they may not). "<" is escaped so no text of a
    // record can close the script element if the page is ever serialized.
    publish(lang) {
      const data = this.loaded && !this.failed ? this.linkedData(lang) : null;
      let script = this.querySelector(":scope > script[type='application/ld+json']");
      if (!data) { script?.remove(); return; }
      if (!script) {
        script = document.createElement("script");
        script.type = "application/ld+json";
        this.appendChild(script);
      }
      script.textContent = JSON.stringify({ "@context": schemaContext(lang), ...data }).replace(/</g, "\\u003c");
    }
    url(collection, id) { return `${this.api}/api/v1/${collection}/${id}`; }
    organization(org, lang) {
      return org ? { "@type": "Organization", "@id": this.url("organizations", org.id), name: pick(org.name, lang) } : undefined;
    }
  }

  // ---- <civic-events organization="gwangju"> ----
  class CivicEvents extends Widget {
    static ref = "organization";
    get topic() { return "civic.events.v1"; }
    fallbackTitle(t) { return t.events(this.getAttribute("organization") || ""); }
    heading(t, lang) { return t.events(pick(this.org.name, lang)); }
    async fetchAll() {
      const api = this.api;
      this.org = await find(api, "organizations", this.getAttribute("organization") || "");
      const limit = Math.min(200, Math.max(1, +this.getAttribute("limit") || 20));
      const [list, children] = await Promise.all([
        getJson(api, `/api/v1/events?organization=${this.org.id}&upcoming=true&limit=${limit}&include=organizer,participants`),
        getJson(api, `/api/v1/organizations?parent=${this.org.id}&limit=200`).catch(() => ({ items: [] })),
      ]);
      this.events = list.items;
      // Nothing ahead: the latest events instead of an empty list, and the calendar opens on the last of them.
      const recent = this.events.length ? { items: [] } : await getJson(api,
        `/api/v1/events?organization=${this.org.id}&to=${new Date().toISOString()}&sort=-startsAt&limit=${Math.min(limit, 5)}&include=organizer,participants`);
      this.recent = recent.items;
      this.linked = new Map([list, recent].flatMap((page) => [...(page.included?.organizations || []), ...(page.included?.people || [])])
        .map((r) => [r.id, r]));
      this.organizers = new Set([this.org.id, ...children.items.map((o) => o.id), ...this.events.map((e) => e.organizerId)]);
      const today = new Date();
      const first = this.events.find((e) => e.status !== "cancelled") || this.events[0] || this.recent[0];
      const start = first ? first.startsAt.slice(0, 10) : `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
      this.selected = this.selected && this.month ? this.selected : start;
      await this.fetchMonth(this.selected.slice(0, 7));
    }
    async fetchMonth(month) {
      const first = utc(month + "-01");
      const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
      const page = await getJson(this.api, `/api/v1/events?organization=${this.org.id}&from=${iso(first)}&to=${iso(last)}&limit=200`);
      this.month = month;
      this.monthEvents = page.items;
    }
    async go(date) {
      const seq = this.seq;
      if (date.slice(0, 7) !== this.month) {
        try { await this.fetchMonth(date.slice(0, 7)); } catch (e) { console.warn("civic-registry:", e); return; }
        if (seq !== this.seq) return;
      }
      this.selected = date;
      this.render();
      this.$(`[data-k="d${date}"]`)?.focus();
    }
    change(ev, type) {
      if (!this.organizers.has(ev.organizerId) && !this.events.some((e) => e.id === ev.id)) return;
      const known = this.events.some((e) => e.id === ev.id) || this.monthEvents.some((e) => e.id === ev.id);
      const keep = (list, ok) => {
        const i = list.findIndex((e) => e.id === ev.id);
        if (i >= 0 && list[i].version >= ev.version) return list;
        const rest = list.filter((e) => e.id !== ev.id);
        return ok && ev.recordStatus !== "archived" && !type.endsWith(".archived") ? [...rest, ev].sort(byStart) : rest;
      };
      this.events = keep(this.events, endOf(ev) >= Date.now());
      // recent is latest first; keep sorts soonest first
      if (this.recent.some((e) => e.id === ev.id)) this.recent = keep([...this.recent].reverse(), endOf(ev) < Date.now()).reverse();
      this.monthEvents = keep(this.monthEvents, ev.startsAt.slice(0, 7) === this.month);
      this.fresh = ev.id;
      this.render();
      this.announce(`${known ? this.t.changed : this.t.newEvent}: ${pick(ev.title, this.language)} (${this.t.status[ev.status] || ev.status}, ${when(ev, this.language)})`);
    }
    item(ev, t, lang, heading) {
      const prev = (ev.previousStartTimes || []).slice(-1)[0];
      const type = t.type[ev.type] || "";
      const place = ev.location ? pick(ev.location.name, lang) : "";
      const titleLang = pickLang(ev.title, lang);
      return `<li class="ev ${esc(ev.status)}${ev.id === this.fresh ? " fresh" : ""}" data-id="${esc(ev.id)}">
<${heading}><span class="t"${titleLang ? ` lang="${titleLang}"` : ""}>${esc(pick(ev.title, lang))}</span>${ev.status !== "scheduled" ? ` <span class="badge s-${esc(ev.status)}">${esc(t.status[ev.status] || ev.status)}</span>` : ""}</${heading}>
<p class="meta"><time datetime="${esc(ev.startsAt)}">${esc(when(ev, lang))}</time></p>
${prev && ev.status === "rescheduled" ? `<p class="meta">${t.previously}: <del><time datetime="${esc(prev)}">${esc(when(ev, lang, prev))}</time></del></p>` : ""}
${type || place ? `<p class="meta">${esc([type, place].filter(Boolean).join(" · "))}</p>` : ""}
<a class="muted" href="${esc(`${this.api}/api/v1/events/${ev.id}/calendar.ics?lang=${lang}`)}" data-k="i${esc(ev.id)}">${t.addOne}<span class="sr">: ${esc(pick(ev.title, lang))}</span></a></li>`;
    }
    linkedData(lang) {
      return { "@graph": [...this.events, ...this.recent].map((ev) => ({
        "@type": "Event",
        "@id": this.url("events", ev.id),
        name: pick(ev.title, lang),
        description: ev.description ? pick(ev.description, lang) : undefined,
        startDate: ev.startsAt,
        endDate: ev.endsAt || undefined,
        previousStartDate: ev.previousStartTimes?.length ? ev.previousStartTimes : undefined,
        eventStatus: `https://schema.org/${EVENT_STATUS[ev.status] || "EventScheduled"}`,
        location: ev.location ? {
          "@type": "Place",
          name: pick(ev.location.name, lang),
          address: ev.location.address ? pick(ev.location.address, lang) : undefined,
          geo: ev.location.lat != null ? { "@type": "GeoCoordinates", latitude: ev.location.lat, longitude: ev.location.lon } : undefined,
        } : undefined,
        organizer: this.organization(this.linked.get(ev.organizerId) || (ev.organizerId === this.org.id ? this.org : { id: ev.organizerId }), lang),
        performer: (ev.participants || []).map((p) => ({ "@type": "Person", "@id": this.url("people", p.personId),
          name: this.linked.get(p.personId) ? pick(this.linked.get(p.personId).name, lang) : undefined })),
      })) };
    }
    view(t, lang) {
      const list = this.events.length
        ? `<ul class="events">${this.events.map((e) => this.item(e, t, lang, "h4")).join("")}</ul>`
        : `<p class="msg">${t.noEvents}</p>${this.recent.length ? `<h3>${t.recent}</h3><ul class="events recent">${this.recent
          .map((e) => this.item(e, t, lang, "h4")).join("")}</ul>` : ""}`;
      const feed = `${this.api}/api/v1/events/calendar.ics?organization=${encodeURIComponent(this.org.slug || this.org.id)}&lang=${lang}`;
      return `<div class="cols"><div><h3>${t.upcoming}</h3>${list}<a class="ics" href="${esc(feed)}" data-k="feed">${t.subscribe}</a></div><div>${this.calendar(t, lang)}</div></div>`;
    }
    calendar(t, lang) {
      const first = utc(this.month + "-01");
      const year = first.getUTCFullYear(), mon = first.getUTCMonth();
      const days = new Date(Date.UTC(year, mon + 1, 0)).getUTCDate();
      const byDay = {};
      this.monthEvents.forEach((e) => (byDay[e.startsAt.slice(0, 10)] ||= []).push(e));
      const now = new Date();
      const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
      const selected = this.selected.slice(0, 7) === this.month ? this.selected : `${this.month}-01`;
      const long = fmt(lang, { timeZone: "UTC", weekday: "long" }), short = fmt(lang, { timeZone: "UTC", weekday: "short" });
      const dayLabel = fmt(lang, { timeZone: "UTC", month: "long", day: "numeric", weekday: "long" });
      let head = "";
      for (let i = 0; i < 7; i++) {
        const d = new Date(Date.UTC(2023, 0, 1 + i)); // a Sunday
        head += `<th scope="col" abbr="${esc(long.format(d))}">${esc(short.format(d))}</th>`;
      }
      let cells = "<tr>" + "<td></td>".repeat(first.getUTCDay());
      for (let n = 1; n <= days; n++) {
        const date = `${this.month}-${pad(n)}`, d = utc(date), evs = byDay[date] || [];
        if (d.getUTCDay() === 0 && n > 1) cells += "</tr><tr>";
        // the visible day number inside its full name ("11월 <1>일 일요일, 일정 2건"), the rest for screen readers only
        const parts = dayLabel.formatToParts(d), at = parts.findIndex((p) => p.type === "day");
        const text = (list) => esc(list.map((p) => p.value).join(""));
        const label = `<span class="sr">${text(parts.slice(0, at))}</span>${n}<span class="sr">${text(parts.slice(at + 1))}${evs.length ? ", " + t.count(evs.length) : ""}</span>`;
        cells += `<td><button type="button" class="day${evs.length ? " has" : ""}${date === today ? " today" : ""}" data-date="${date}" data-k="d${date}" tabindex="${date === selected ? 0 : -1}" aria-pressed="${date === selected}"${date === today ? ' aria-current="date"' : ""}>${label}${evs.length ? `<span class="dot" aria-hidden="true">${"●".repeat(Math.min(3, evs.length))}</span>` : ""}</button></td>`;
      }
      cells += "<td></td>".repeat((7 - ((first.getUTCDay() + days) % 7)) % 7) + "</tr>";
      const chosen = byDay[selected] || [];
      return `<h3>${t.calendar}</h3><div class="cal-head"><button type="button" class="prev" data-k="prev" aria-label="${t.prevMonth}">‹</button><h4 id="m" aria-live="polite">${esc(fmt(lang, { timeZone: "UTC", year: "numeric", month: "long" }).format(first))}</h4><button type="button" class="next" data-k="next" aria-label="${t.nextMonth}">›</button></div>
<table class="grid" aria-labelledby="m" aria-describedby="help"><thead><tr>${head}</tr></thead><tbody>${cells}</tbody></table><p id="help" class="sr">${t.calHelp}</p>
<div class="day-events"><h4>${esc(fmt(lang, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric", weekday: "long" }).format(utc(selected)))}</h4>${chosen.length ? `<ul>${chosen.map((e) => this.item(e, t, lang, "h5")).join("")}</ul>` : `<p class="muted">${t.dayNone}</p>`}</div>`;
    }
    connectedCallback() {
      if (!this.wired) {
        this.wired = true;
        const body = this.$(".b");
        body.addEventListener("click", (e) => {
          const b = e.target.closest("button");
          if (!b) return;
          if (b.dataset.date) this.go(b.dataset.date);
          else if (b.classList.contains("prev") || b.classList.contains("next")) this.month && this.moveMonth(b.classList.contains("prev") ? -1 : 1, b.dataset.k);
        });
        body.addEventListener("keydown", (e) => {
          const b = e.target.closest("button.day");
          if (!b) return;
          const d = utc(b.dataset.date), dow = d.getUTCDay();
          const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -dow, End: 6 - dow }[e.key];
          if (step !== undefined) {
            d.setUTCDate(d.getUTCDate() + step);
          } else if (e.key === "PageUp" || e.key === "PageDown") {
            const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (e.key === "PageUp" ? -1 : 1) * (e.shiftKey ? 12 : 1), 1));
            const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
            target.setUTCDate(Math.min(d.getUTCDate(), last));
            d.setTime(target.getTime());
          } else return;
          e.preventDefault();
          this.go(iso(d));
        });
      }
      super.connectedCallback();
    }
    async moveMonth(delta, key) {
      const first = utc(this.month + "-01");
      const target = iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + delta, 1)));
      await this.go(target);
      this.$(`[data-k="${key}"]`)?.focus();
    }
  }

  // ---- <civic-agreements party="gyeonggi"> ----
  class CivicAgreements extends Widget {
    static ref = "party";
    get topic() { return "civic.agreements.v1"; }
    fallbackTitle(t) { return t.agreements(this.getAttribute("party") || ""); }
    heading(t, lang) { return t.agreements(pick(this.party.name, lang)); }
    async fetchAll() {
      const api = this.api;
      this.party = await find(api, "organizations", this.getAttribute("party") || "");
      // the parties' names come embedded in the same answer (include=), not in a second request
      const page = await getJson(api, `/api/v1/agreements?party=${this.party.id}&limit=200&include=parties`);
      this.orgs = new Map((page.included?.organizations || []).map((o) => [o.id, o]));
      this.agreements = page.items;
      this.complete = !page.nextCursor;
    }
    /**
     * Its place among the party's signed agreements of its kind, only where the register knows it:
     * every other one was signed surely before or surely after (an interval or a bare year may
     * overlap), and the list is complete.
     */
    rank(a) {
      if (!a.signedOn || !this.complete) return 0;
      const [first, last] = bounds(a.signedOn);
      let before = 0;
      for (const o of this.agreements) {
        if (o === a || o.kind !== a.kind || !o.signedOn) continue;
        const [f, l] = bounds(o.signedOn);
        if (l < first) before++;
        else if (f <= last) return 0;
      }
      return before + 1;
    }
    change(a) {
      if (!(a.parties || []).some((p) => p.organizationId === this.party.id) && !this.agreements.some((x) => x.id === a.id)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(async () => {
        const seq = this.seq;
        try { await this.fetchAll(); } catch (e) { return; }
        if (seq !== this.seq) return;
        this.fresh = a.id;
        this.render();
        this.announce(`${this.t.changed}: ${pick(a.title, this.language)}`);
      }, 250);
    }
    linkedData(lang) {
      return { "@graph": this.agreements.map((a) => ({
        "@type": "Legislation",
        "@id": this.url("agreements", a.id),
        name: pick(a.title, lang),
        abstract: a.summary ? pick(a.summary, lang) : undefined,
        // a signing date may be a range (2022-07-01/2023-05-11): schema.org wants one date, the first
        legislationDate: a.signedOn ? String(a.signedOn).split("/")[0] : undefined,
        legislationPassedBy: (a.parties || []).map((p) => this.organization(this.orgs.get(p.organizationId) || { id: p.organizationId }, lang)),
      })) };
    }
    view(t, lang) {
      if (!this.agreements.length) return `<p class="msg">${t.noAgreements}</p>`;
      return `<ol class="agreements">${this.agreements.map((a, i) => {
        const items = (a.items || []).slice().sort((x, y) => x.number - y.number);
        const counted = items.filter((x) => x.status !== "dropped"), done = counted.filter((x) => x.status === "done").length;
        const parties = (a.parties || []).map((p) => {
          const o = this.orgs.get(p.organizationId);
          return esc(o ? pick(o.name, lang) : p.organizationId) + (t.role[p.role] ? ` (${t.role[p.role]})` : "");
        }).join(", ");
        const docs = [...(a.documents || []), ...(a.sources || [])];
        const id = `a${i}`;
        return `<li class="agr${a.id === this.fresh ? " fresh" : ""}" data-id="${esc(a.id)}"><article aria-labelledby="${id}">
<h3 id="${id}">${esc(pick(a.title, lang))}</h3>
<p class="meta">${esc(this.rank(a) ? t.nth(this.rank(a), t.kind[a.kind] || a.kind) : t.kind[a.kind] || a.kind)} · <span class="badge s-${esc(a.status)}">${esc(t.agreementStatus[a.status] || a.status)}</span>${a.signedOn ? ` · ${t.signedOn} ${esc(day(a.signedOn, lang))}` : ""}${a.place ? ` · ${esc(pick(a.place.name, lang))}` : ""}</p>
${a.summary ? `<p>${esc(pick(a.summary, lang))}</p>` : ""}
${parties ? `<p class="meta">${t.parties}: ${parties}</p>` : ""}
${items.length ? `<p><progress max="${counted.length || 1}" value="${done}" aria-label="${esc(t.progress)}"></progress> ${esc(t.done(done, counted.length))}</p>
<table class="items"><caption class="sr">${t.items}</caption><thead><tr><th scope="col" class="n">${t.no}</th><th scope="col">${t.items}</th><th scope="col">${t.state}</th><th scope="col">${t.progress}</th></tr></thead><tbody>${items.map((x) => {
          const ms = x.milestones || [], met = ms.filter((m) => m.met).length;
          return `<tr><td>${x.number}</td><th scope="row">${esc(pick(x.title, lang))}</th><td><span class="badge s-${esc(x.status || "planned")}">${esc(t.itemStatus[x.status || "planned"])}</span></td><td>${ms.length ? esc(t.milestones(met, ms.length)) : "—"}</td></tr>`;
        }).join("")}</tbody></table>` : ""}
${docs.length ? `<h4>${t.sources}</h4><ul class="src">${docs.map((s) => `<li>${link(s, lang)}</li>`).join("")}</ul>` : ""}
</article></li>`;
      }).join("")}</ol>`;
    }
  }

  // ---- <civic-official person="kim-dong-yeon"> ----
  class CivicOfficial extends Widget {
    static ref = "person";
    fallbackTitle(t) { return t.official; }
    heading(t, lang) { return pick(this.person.name, lang); }
    async fetchAll() {
      const api = this.api;
      this.person = await find(api, "people", this.getAttribute("person") || "");
      const [current, past] = await Promise.all(["true", "false"].map((c) =>
        getJson(api, `/api/v1/people/${this.person.id}/memberships?current=${c}&limit=200`).then((p) => p.items)));
      const all = [...current, ...past];
      this.posts = await records(api, "posts", all.map((m) => m.postId));
      const orgIds = all.flatMap((m) => [m.organizationId || this.posts.get(m.postId)?.organizationId, m.onBehalfOfId]);
      this.orgs = await records(api, "organizations", orgIds);
      const latest = (a, b) => String(b.start || "").localeCompare(String(a.start || ""));
      this.current = current.sort(latest);
      this.past = past.sort(latest);
    }
    row(m, t, lang) {
      const post = this.posts.get(m.postId);
      const org = this.orgs.get(m.organizationId || post?.organizationId);
      const party = this.orgs.get(m.onBehalfOfId);
      const label = pick(m.label, lang) || (post ? pick(post.label, lang) : "") || m.role || "";
      const period = `${day(m.start, lang)} – ${m.end ? day(m.end, lang) : t.present}`;
      return `<li class="post"><strong>${esc(label)}</strong>${m.acting ? ` <span class="badge">${t.acting}</span>` : ""}${org && !(post && label.includes(pick(org.name, lang))) ? ` <span class="muted">· ${esc(pick(org.name, lang))}</span>` : ""}${party ? ` <span class="muted">(${esc(pick(party.name, lang))})</span>` : ""}<br><span class="meta">${esc(period)}</span></li>`;
    }
    linkedData(lang) {
      const posts = this.current.map((m) => this.posts.get(m.postId)).filter(Boolean);
      return {
        "@type": "Person",
        "@id": this.url("people", this.person.id),
        name: pick(this.person.name, lang),
        jobTitle: posts.map((p) => pick(p.label, lang)),
        worksFor: [...new Set(posts.map((p) => p.organizationId))].map((id) => this.orgs.get(id)).filter(Boolean)
          .map((o) => this.organization(o, lang)),
      };
    }
    view(t, lang) {
      const list = (ms) => (ms.length ? `<ul>${ms.map((m) => this.row(m, t, lang)).join("")}</ul>` : `<p class="muted">${t.none}</p>`);
      return `<h3>${t.current}</h3>${list(this.current)}<h3>${t.past}</h3>${list(this.past)}`;
    }
  }

  // ---- <civic-programme programme="gwangju-2020-key-initiatives"> ----
  class CivicProgramme extends Widget {
    static ref = "programme";
    get topic() { return "civic.agreements.v1"; }
    fallbackTitle(t) { return t.programme; }
    heading(t, lang) { return pick(this.programme.title, lang); }
    async fetchAll() {
      const api = this.api, ref = this.getAttribute("programme") || "";
      const found = UUID.test(ref) ? { id: ref } : await find(api, "programmes", ref);
      // not through the record cache: after a change the widget must read the new version
      this.programme = await getJson(api, `/api/v1/programmes/${encodeURIComponent(found.id)}`);
      const p = this.programme;
      const [owner, person] = await Promise.all([
        p.ownerId ? record(api, "organizations", p.ownerId).catch(() => null) : null,
        p.announcedBy?.personId ? record(api, "people", p.announcedBy.personId).catch(() => null) : null,
      ]);
      this.owner = owner;
      this.announcer = person;
    }
    change(data) {
      // a programme's change, or one of its initiatives' (which names the programme)
      if (!this.programme || (data.id !== this.programme.id && data.programmeId !== this.programme.id)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(async () => {
        const seq = this.seq;
        try { await this.fetchAll(); } catch (e) { return; }
        if (seq !== this.seq) return;
        this.fresh = true;
        this.render();
        this.announce(`${this.t.changedProgramme}: ${pick(this.programme.title, this.language)}`);
      }, 250);
    }
    linkedData(lang) {
      const p = this.programme;
      return {
        "@type": "Project",
        "@id": this.url("programmes", p.id),
        name: pick(p.title, lang),
        description: p.summary ? pick(p.summary, lang) : undefined,
        parentOrganization: this.organization(this.owner, lang),
      };
    }
    status(t, value) {
      const v = value || "planned";
      return `<span class="badge s-${esc(v)}">${esc(t.initiativeStatus[v] || v)}</span>`;
    }
    progress(t, lang, x) {
      if (x.progress == null) return `<span class="muted">${t.noProgress}</span>`;
      return `<progress max="100" value="${+x.progress}" aria-label="${esc(`${pick(x.title, lang)}: ${t.percent(+x.progress)}`)}"></progress> ${esc(t.percent(+x.progress))}`;
    }
    view(t, lang) {
      const p = this.programme;
      const initiatives = (p.initiatives || []).slice().sort((a, b) => a.number - b.number);
      const period = p.period ? [p.period.start, p.period.end].filter(Boolean).map((d) => day(d, lang)) : [];
      const who = this.announcer ? pick(this.announcer.name, lang) : "";
      const counts = Object.entries(p.statusCounts || {}).filter(([, n]) => n > 0);
      return `<div class="${this.fresh ? "fresh" : ""}">
<p class="meta">${esc(t.programmeKind[p.kind] || p.kind)} · <span class="badge s-${esc(p.status)}">${esc(t.programmeStatus[p.status] || p.status)}</span>${this.owner ? ` · ${t.owner} ${esc(pick(this.owner.name, lang))}` : ""}${period.length ? ` · ${t.period} ${esc([...new Set(period)].join(" – "))}` : ""}</p>
${p.announcedOn ? `<p class="meta">${esc(t.announced(day(p.announcedOn, lang), who))}</p>` : ""}
${p.summary ? `<p>${esc(pick(p.summary, lang))}</p>` : ""}
${counts.length ? `<h3>${t.byStatus}</h3><ul class="counts">${counts.map(([k, n]) => `<li>${this.status(t, k)} ${n}</li>`).join("")}</ul>` : ""}
${initiatives.length ? `<table class="items"><caption class="sr">${t.initiatives}</caption><thead><tr><th scope="col" class="n">${t.no}</th><th scope="col">${t.initiatives}</th><th scope="col">${t.state}</th><th scope="col">${t.progress}</th></tr></thead><tbody>${initiatives.map((x) => {
        const subs = (x.subItems || []).slice().sort((a, b) => a.number - b.number);
        return `<tr data-n="${x.number}"><td>${x.number}</td><th scope="row">${esc(pick(x.title, lang))}${subs.length ? `<ol class="sub" aria-label="${esc(t.subItems)}">${subs.map((u) => `<li>${u.number}. ${esc(pick(u.title, lang))}${u.status && u.status !== "planned" ? ` ${this.status(t, u.status)}` : ""}</li>`).join("")}</ol>` : ""}</th><td>${this.status(t, x.status)}</td><td>${this.progress(t, lang, x)}</td></tr>`;
      }).join("")}</tbody></table>` : `<p class="msg">${t.noInitiatives}</p>`}
${(p.sources || []).length ? `<h4>${t.sources}</h4><ul class="src">${p.sources.map((s) => `<li>${link(s, lang)}</li>`).join("")}</ul>` : ""}
</div>`;
    }
  }

  customElements.define("civic-events", CivicEvents);
  customElements.define("civic-agreements", CivicAgreements);
  customElements.define("civic-official", CivicOfficial);
  customElements.define("civic-programme", CivicProgramme);
})();
