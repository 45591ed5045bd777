#!/usr/bin/env node
/* Browser tests of the annals page: Debian's chromium, driven by playwright-core,
 * against a running `annals serve`.
 *
 *   node run.mjs URL ARTIFACTS
 *
 * URL is the server (http://127.0.0.1:PORT/); ARTIFACTS a folder for the
 * screenshots (timeline, index, reader, entity, search, phone, …) and, for each
 * failed check, a screenshot of the page at that moment.
 *
 * The record must hold the seed article and the hostile document of
 * crates/annals-web/tests/browser.rs (script tags, event-handler attributes and
 * `javascript:` links written into sentences that name Japan, the Soviet Union
 * and Mongolia). Every check runs even when an earlier one failed; the summary
 * lists the failures and the exit status is 1 if there is any.
 *
 * The page is only waited on through its hooks: `body[data-ready="1"]` and the
 * `data-drawn` counter (see the top of assets/app.js), never by sleeping.
 */

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.ANNALS_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** How long one wait on the page may take. */
const WAIT = 15_000;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/* What the hostile document writes; the page must show it as text. */
const HOSTILE_DOC = 'hostile.md';
const PAYLOADS = {
  script: '<script>window.__pwned=1</script>',
  img: '"><img src=x onerror="window.__pwned=1">',
  bold: '<b onmouseover=alert(1)>bold</b>',
  js: 'javascript:alert(1)',
};

const [base0, artifacts] = process.argv.slice(2);
if (!base0 || !artifacts) {
  console.error('usage: node run.mjs URL ARTIFACTS   (URL of a running `annals serve`, a folder for screenshots)');
  process.exit(2);
}
const base = new URL(base0);
const origin = base.origin;
fs.mkdirSync(artifacts, { recursive: true });

/* ---------- reporting ---------- */

const started = Date.now();
const failures = [];
const log = (line) => console.log(line);
class CheckError extends Error {}
function assert(cond, message) {
  if (!cond) throw new CheckError(message);
}
function eq(actual, expected, what) {
  assert(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Runs one named check; a failure is recorded (with a screenshot) and the run goes on. */
async function check(name, page, fn) {
  const t0 = Date.now();
  try {
    await fn();
    log(`ok   ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (err) {
    const message = err instanceof CheckError ? err.message : `${err && err.stack ? err.stack : err}`;
    failures.push({ name, message });
    log(`FAIL ${name} (${Date.now() - t0} ms): ${message}`);
    if (page && !page.isClosed()) {
      const file = path.join(artifacts, `failure-${slug(name)}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      const state = await page
        .evaluate(() => ({ hash: location.hash, ready: document.body.dataset.ready, drawn: document.body.dataset.drawn }))
        .catch(() => null);
      if (state) log(`     page: hash ${JSON.stringify(state.hash)}, ready ${state.ready}, drawn ${state.drawn}; screenshot ${file}`);
    }
    return false;
  }
}

/* ---------- the API, read directly (what the page should show) ---------- */

async function api(p, params = {}) {
  const url = new URL(p, origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(`GET ${url.pathname}${url.search}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}
async function apiAll(p, params = {}) {
  const items = [];
  for (;;) {
    const page = await api(p, { ...params, limit: 1000, offset: items.length });
    items.push(...page.items);
    if (!page.items.length || items.length >= page.total) return { items, total: page.total };
  }
}

/* ---------- the browser ---------- */

const profiles = [];
/** A browser with a fresh profile of its own (removed at the end). */
async function browserContext(options) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'annals-chromium-'));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    reducedMotion: 'reduce',
    timeout: 30_000,
    ...options,
  });
  context.setDefaultTimeout(WAIT);
  return context;
}

/** What the page did that it should not: console errors, uncaught exceptions, CSP
 * violations, dialogs, failed or refused requests, requests leaving the server. */
function watch(page, label) {
  const seen = { console: [], errors: [], dialogs: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.console.push(`${msg.text()} (${msg.location().url || '?'}:${msg.location().lineNumber ?? '?'})`);
  });
  page.on('pageerror', (err) => seen.errors.push(String(err && err.stack ? err.stack : err)));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:')) return;
    let ok = false;
    try {
      const url = new URL(u);
      ok = url.origin === origin && (url.pathname === '/' || url.pathname.startsWith('/assets/') || url.pathname.startsWith('/api/'));
    } catch {
      ok = false;
    }
    if (!ok) seen.requests.push(`request to ${u}`);
  });
  page.on('requestfailed', (req) => seen.requests.push(`failed: ${req.url()} (${req.failure() && req.failure().errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) seen.requests.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  seen.label = label;
  return seen;
}

const INIT = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber || '?'}: ${e.sample || ''}`);
  });
  // Routes finished: each time body[data-ready] goes from "0" to "1" (a route sets
  // "0" when it starts and "1" once it has drawn). Redraws within a view only bump
  // data-drawn, so they are not taken for the end of a route that is still loading.
  window.__routed = 0;
  new MutationObserver((records) => {
    const mine = records.filter((r) => r.target === document.body);
    mine.forEach((r, i) => {
      const after = i + 1 < mine.length ? mine[i + 1].oldValue : document.body.dataset.ready;
      if (r.oldValue === '0' && after === '1') window.__routed += 1;
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], attributeOldValue: true });
};

/** The page's counters: routes finished and (re)draws. */
const counters = (page) => page.evaluate(() => ({ routed: window.__routed || 0, drawn: Number(document.body.dataset.drawn) || 0 }));

/** Waits until the page is ready on a route matching `hash` and has, since `before`,
 * finished a route (`kind` "routed") or drawn again (`kind` "drawn"). */
async function settled(page, before, hash, what, kind = 'routed') {
  try {
    await page.waitForFunction(
      ({ before, re, kind }) => {
        const now = kind === 'routed' ? window.__routed || 0 : Number(document.body.dataset.drawn) || 0;
        return document.body.dataset.ready === '1' && now > before && new RegExp(re).test(location.hash);
      },
      { before, re: hash.source, kind },
      { timeout: WAIT },
    );
  } catch (err) {
    const state = await page
      .evaluate(() => ({ hash: location.hash, ready: document.body.dataset.ready, drawn: document.body.dataset.drawn, routed: window.__routed }))
      .catch(() => ({}));
    throw new CheckError(`${what} did not finish drawing within ${WAIT / 1000} s (wanted a hash matching ${hash}; hash ${JSON.stringify(state.hash)}, ready ${state.ready}, routes ${state.routed}, draws ${state.drawn}; ${kind} ${before} before)`);
  }
}
/** Does `action`, which changes the route, and waits for the page to finish it. */
async function act(page, hash, what, action) {
  const before = (await counters(page)).routed;
  await action();
  await settled(page, before, hash, what, 'routed');
}
/** Does `action`, which redraws the current view, and waits for the redraw. */
async function redraw(page, hash, what, action) {
  const before = (await counters(page)).drawn;
  await action();
  await settled(page, before, hash, what, 'drawn');
}
/** Goes to a route by the nav link of its view. */
const nav = (page, view, hash) => act(page, hash, `the ${view} view`, () => page.click(`.views a[data-view="${view}"]`));
/** Goes to a route by setting the hash (what a deep link does). */
const visit = (page, h, hash) => act(page, hash, h, () => page.evaluate((h) => { location.hash = h; }, h));

async function shot(page, name, options = {}) {
  await page.mouse.move(0, 0);
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}
const top = (page) => page.evaluate(() => window.scrollTo(0, 0));

/** Hostile markup must never become elements, attributes or links. */
async function scanDom(page, where) {
  const found = await page.evaluate(() => {
    const bad = [];
    for (const n of document.querySelectorAll('*')) {
      for (const a of n.attributes) {
        if (/^on/i.test(a.name)) bad.push(`<${n.localName} ${a.name}="${a.value}"> (an event-handler attribute)`);
      }
    }
    for (const s of document.querySelectorAll('script')) {
      if (s.getAttribute('src') !== '/assets/app.js') bad.push(`a script element: ${s.outerHTML.slice(0, 120)}`);
    }
    for (const n of document.querySelectorAll('img, iframe, object, embed, base, frame, form[action], meta[http-equiv], link[rel=import]')) {
      if (n.localName === 'img' && !n.hasAttribute('onerror') && n.getAttribute('src') !== 'x') continue;
      bad.push(`an element from the text: ${n.outerHTML.slice(0, 120)}`);
    }
    for (const a of document.querySelectorAll('a, area')) {
      const h = a.getAttribute('href') ?? a.getAttribute('xlink:href');
      if (h == null) continue;
      if (!(h.startsWith('#') || h.startsWith('/api/') || h.startsWith('https://en.wikipedia.org/'))) {
        bad.push(`a link to ${JSON.stringify(h)}: ${a.outerHTML.slice(0, 120)}`);
      }
    }
    return { bad, pwned: typeof window.__pwned };
  });
  assert(found.pwned === 'undefined', `${where}: window.__pwned is defined: a payload ran`);
  assert(!found.bad.length, `${where}: ${found.bad.length} unsafe node(s) in the DOM:\n       ${found.bad.slice(0, 10).join('\n       ')}`);
}

/** Hovers (with the real mouse) every element `selector` (a CSS selector or a
 * locator) finds, up to `cap`. */
async function hoverAll(page, selector, cap = 40) {
  const loc = typeof selector === 'string' ? page.locator(selector) : selector;
  const n = Math.min(cap, await loc.count());
  for (let i = 0; i < n; i++) {
    const item = loc.nth(i);
    if (!(await item.isVisible())) continue;
    await item.scrollIntoViewIfNeeded();
    await item.hover({ force: true, timeout: 2000 });
  }
  return n;
}

const textOf = (page, selector) => page.$eval(selector, (n) => n.textContent);
const textsOf = (page, selector) => page.$$eval(selector, (ns) => ns.map((n) => n.textContent));
const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

/* ---------- the run ---------- */

async function main() {
  log(`annals browser tests: ${origin} with ${CHROMIUM}; artifacts in ${artifacts}`);
  const screenshots = [];

  // What the API says, to compare the page with.
  const timeline = await apiAll('/api/timeline');
  const tlEvents = timeline.items.filter((i) => i.kind === 'event');
  const tlDates = timeline.items.filter((i) => i.kind === 'date');
  const datedEvents = await api('/api/events', { from: '0001', to: '9999', limit: 1 });
  const docs = (await api('/api/documents')).items;
  assert(docs.some((d) => d.name === HOSTILE_DOC), `the record lacks the hostile document ${HOSTILE_DOC}: ${JSON.stringify(docs.map((d) => d.name))}`);

  const context = await browserContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
  await context.addInitScript(INIT);
  const page = context.pages()[0] || (await context.newPage());
  const seen = watch(page, 'desktop');

  const loaded = await check('the page loads and draws the timeline', page, async () => {
    const res = await page.goto(new URL('/', origin).href, { waitUntil: 'load' });
    eq(res.status(), 200, 'the status of /');
    const csp = res.headers()['content-security-policy'] || '';
    assert(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), `the page's Content-Security-Policy is not strict: ${JSON.stringify(csp)}`);
    await settled(page, 0, /^(#timeline.*)?$/, 'the first view');
    assert(await page.isVisible('#timeline-chart'), 'the timeline is not visible');
    // A route's hash must not also be an element's id, or the browser
    // scrolls to (and may focus) that element when the page opens on it.
    const clashes = await page.evaluate(() => [...document.querySelectorAll('a[data-view]')]
      .map((a) => a.getAttribute('href').replace(/^#/, '').split(/[/?]/)[0])
      .filter((route) => document.getElementById(route)));
    eq(clashes.join(', '), '', 'route names that are also element ids');
  });
  if (!loaded) return finish(context, screenshots);

  await check('the timeline draws every dated event of the API', page, async () => {
    const events = await page.locator('#timeline-chart .mark[data-kind=event]').count();
    const dates = await page.locator('#timeline-chart .mark[data-kind=date]').count();
    eq(tlEvents.length, datedEvents.total, 'events on /api/timeline vs dated events on /api/events?from=0001&to=9999');
    eq(events, tlEvents.length, 'event marks on the page vs event items of /api/timeline');
    eq(dates, tlDates.length, 'time-expression marks on the page vs date items of /api/timeline');
    assert(events > 100, `only ${events} event marks: is the seed in the record?`);
    const hidden = await page.locator('#timeline-chart .mark[data-kind=event].off').count();
    eq(hidden, 0, 'event marks outside the window at "fit"');
    await top(page);
    screenshots.push(await shot(page, 'timeline'));
  });

  await check('zoom in (button and keyboard) narrows the window', page, async () => {
    const range = () => textOf(page, '#timeline-range');
    const onScreen = () => page.locator('#timeline-chart .mark:not(.off)').count();
    const r0 = await range();
    const n0 = await onScreen();
    const x0 = await page.$eval('#timeline-chart .mark[data-kind=event]', (m) => m.getBoundingClientRect().x);
    await redraw(page, /^(#timeline.*)?$/, 'zoom in (button)', () => page.click('#zoom-in'));
    const r1 = await range();
    assert(r1 !== r0, `the "+" button left the window at ${r0}`);
    const x1 = await page.$eval('#timeline-chart .mark[data-kind=event]', (m) => m.getBoundingClientRect().x);
    assert(x1 !== x0, 'the "+" button did not move the marks');
    await page.waitForFunction(() => /[?&]view=/.test(location.hash), null, { timeout: WAIT });
    await page.focus('#timeline-chart');
    await redraw(page, /^#timeline/, 'zoom in (keyboard)', () => page.keyboard.press('+'));
    const r2 = await range();
    assert(r2 !== r1, `the "+" key left the window at ${r1}`);
    const n2 = await onScreen();
    assert(n2 < n0, `zooming in twice did not put marks out of view (${n0} before, ${n2} after)`);
    await redraw(page, /^#timeline/, 'zoom out (keyboard)', () => page.keyboard.press('-'));
    assert((await range()) !== r2, 'the "−" key did not change the window');
    await redraw(page, /^#timeline/, 'zoom out (button)', () => page.click('#zoom-out'));
    await redraw(page, /^#timeline/, 'fit', () => page.click('#zoom-fit'));
    eq(await range(), r0, 'the window after "Fit"');
  });

  const pact = tlEvents.find((i) => i.quote && /signed a neutrality pact/.test(i.quote.text));
  await check('clicking an event mark opens the reader at its sentence', page, async () => {
    assert(pact, 'no event of /api/timeline quotes "signed a neutrality pact"');
    const mark = page.locator(`#timeline-chart .mark[data-kind=event][data-doc="${pact.quote.document}"][data-start="${pact.start}"]`).first();
    eq(await mark.count(), 1, `marks of the 1941 pact event (start ${pact.start})`);
    await act(page, /^#doc\//, 'the reader', () => mark.click());
    const hash = await page.evaluate(() => decodeURIComponent(location.hash));
    eq(hash, `#doc/${pact.quote.document}/${pact.start}`, 'the route after the click');
    assert(await page.isVisible('#reader'), 'the reader is not visible');
    const selected = norm((await textsOf(page, '#reader .sent.selected')).join(''));
    eq(selected, norm(pact.quote.text), 'the selected sentence');
    const starts = await page.$$eval('#reader .sent.selected', (ns) => [...new Set(ns.map((n) => n.dataset.start))]);
    eq(starts.join(','), String(pact.quote.start), 'data-start of the selected sentence');
    const panel = norm(await textOf(page, '#reader-panel'));
    assert(panel.includes(`Sentence ${pact.quote.sentence}`), `the side panel does not name sentence ${pact.quote.sentence}: ${panel.slice(0, 200)}`);
    screenshots.push(await shot(page, 'reader'));
  });

  await check('search "neutrality" finds the 1941 pact sentence', page, async () => {
    const hits = (await api('/api/search', { q: 'neutrality' })).items;
    await nav(page, 'search', /^#search/);
    await page.fill('#search-input', 'neutrality');
    await act(page, /^#search\?q=neutrality/, 'the search results', () => page.press('#search-input', 'Enter'));
    const items = (await textsOf(page, '#search-results > li')).map(norm);
    eq(items.length, hits.length, 'results on the page vs /api/search');
    assert(items.some((t) => t.includes('Japan and the Soviet Union signed a neutrality pact')), `no result holds "signed a neutrality pact":\n       ${items.join('\n       ')}`);
    const marked = await textsOf(page, '#search-results mark');
    assert(marked.some((t) => /neutrality/i.test(t)), 'the matched word is not highlighted');
    await top(page);
    screenshots.push(await shot(page, 'search'));
  });

  await check('ask when the neutrality pact was signed: 1941, with its quote', page, async () => {
    const q = 'When did Japan and the Soviet Union sign the neutrality pact?';
    const answer = await api('/api/ask', { q });
    eq(answer.answer, '1941', 'the answer of /api/ask');
    await nav(page, 'ask', /^#ask/);
    await page.fill('#ask-input', q);
    await act(page, /^#ask\?q=/, 'the answer', () => page.press('#ask-input', 'Enter'));
    eq(norm(await textOf(page, '#ask-answer .said')), '1941', 'the answer on the page');
    const quotes = (await textsOf(page, '#ask-answer blockquote')).map(norm);
    assert(quotes.includes(norm(answer.evidence[0].quote.text)), `the evidence quote is missing; the page shows:\n       ${quotes.join('\n       ')}`);
    await top(page);
    screenshots.push(await shot(page, 'ask'));
  });

  await check("the Soviet Union's entity page: label, ISO SUN, COW 365, its events", page, async () => {
    const info = await api('/api/entities/Soviet Union', { events: 200 });
    await nav(page, 'entities', /^#entities/);
    await redraw(page, /^#entities/, 'the entity filter', () => page.fill('#entity-filter', 'Soviet'));
    await act(page, /^#entity\//, 'the entity page', () => page.click('#entity-index a[href="#entity/Soviet%20Union"]'));
    assert(await page.isVisible('#entity-page'), '#entity-page is not visible');
    eq(norm(await textOf(page, '#entity-page h1')), 'Soviet Union', 'the heading');
    const meta = norm(await textOf(page, '#entity-page .entity-meta'));
    for (const want of ['(GPE)', 'ISO 3166 SUN', 'COW 365']) assert(meta.includes(want), `the entity line lacks "${want}": ${meta}`);
    const shown = await page.locator('#entity-page .event-list > li').count();
    assert(info.events.length > 0, '/api/entities/Soviet Union lists no events');
    eq(shown, Math.min(25, info.events.length), 'events listed (the first 25)');
    const heading = norm(await textOf(page, '#entity-page h2'));
    eq(heading, `Events: ${info.as_source} as actor, ${info.as_target} as target`, 'the events heading');
    const wiki = await page.getAttribute('#entity-page .entity-links a', 'href');
    eq(wiki, 'https://en.wikipedia.org/wiki/Soviet_Union', 'the Wikipedia link');
    await top(page);
    screenshots.push(await shot(page, 'entity'));
  });

  await check("the index chart's period: year → decade → section", page, async () => {
    const periods = () => page.$$eval('#index-chart .bar[data-period]', (ns) => ns.map((n) => n.dataset.period));
    const seenSets = [];
    for (const by of ['year', 'decade', 'section']) {
      const rows = (await api('/api/index', { by })).rows.map((r) => r.period);
      if (by === 'year') await nav(page, 'index', /^#index/);
      else await act(page, new RegExp(`^#index\\?(.*&)?by=${by}`), `the index by ${by}`, () => page.selectOption('#index-by', by));
      eq(await page.inputValue('#index-by'), by, 'the period select');
      const bars = await periods();
      assert(bars.length > 0, `no bars by ${by}`);
      eq(JSON.stringify(bars), JSON.stringify(rows), `the bars by ${by} vs /api/index?by=${by}`);
      seenSets.push(JSON.stringify(bars));
      if (by === 'year') {
        await top(page);
        screenshots.push(await shot(page, 'index'));
      }
    }
    assert(new Set(seenSets).size === 3, 'the bars did not change with the period');
  });

  await check('the measures chart has points', page, async () => {
    const items = (await api('/api/measures', { unit: 'USD' })).items;
    await nav(page, 'measures', /^#measures/);
    const points = await page.locator('#measures-chart .point').count();
    assert(points > 0, 'no points in #measures-chart');
    assert(points <= items.length, `${points} points for ${items.length} amounts`);
    await top(page);
    screenshots.push(await shot(page, 'measures'));
  });

  /* ----- hostile text: shown, never run ----- */

  await check('XSS: search results show the payloads as text', page, async () => {
    await nav(page, 'search', /^#search/);
    for (const [word, payload] of [['pwned', PAYLOADS.script], ['onerror', PAYLOADS.img], ['bold', PAYLOADS.bold], ['archive', PAYLOADS.js]]) {
      await page.fill('#search-input', word);
      await act(page, new RegExp(`^#search\\?q=${word}`), `the search for ${word}`, () => page.press('#search-input', 'Enter'));
      const items = await textsOf(page, '#search-results > li');
      assert(items.some((t) => t.includes(payload)), `searching "${word}": no result shows ${payload} as text:\n       ${items.map(norm).join('\n       ')}`);
      await hoverAll(page, '#search-results blockquote, #search-results mark');
      await scanDom(page, `search "${word}"`);
    }
  });

  await check("XSS: the hostile document's reader", page, async () => {
    await page.fill('#search-input', 'onerror');
    await act(page, /^#search\?q=onerror/, 'the search for onerror', () => page.press('#search-input', 'Enter'));
    const link = page.locator('#search-results > li', { hasText: 'fishing rights' }).locator('a', { hasText: 'Read in context' });
    await act(page, /^#doc\//, 'the reader of the hostile document', () => link.click());
    eq(norm(await textOf(page, '#reader h1')), `Hostile ${PAYLOADS.script} notes`, 'the document heading');
    const selected = norm((await textsOf(page, '#reader .sent.selected')).join(''));
    assert(selected.includes(PAYLOADS.img), `the selected sentence does not show ${PAYLOADS.img}: ${selected}`);
    const sents = page.locator('#reader .sent');
    const n = await sents.count();
    assert(n >= 5, `only ${n} sentences in the hostile document`);
    for (let i = 0; i < n; i++) {
      await sents.nth(i).hover();
      await sents.nth(i).click();
      await scanDom(page, `the reader, sentence ${i}`);
    }
    await hoverAll(page, '#reader [class^="a-"], #reader [class*=" a-"]');
    const text = await textOf(page, '#reader');
    for (const p of Object.values(PAYLOADS)) assert(text.includes(p), `the reader does not show ${p} as text`);
    await scanDom(page, 'the reader');
  });

  await check('XSS: an entity page that lists the hostile events', page, async () => {
    const sent = page.locator('#reader .sent', { hasText: 'visited Mongolia' }).first();
    await sent.click();
    const name = page.locator('#reader-panel a[href^="#entity/"]', { hasText: 'Mongolia' }).first();
    await act(page, /^#entity\//, 'the entity page of Mongolia', () => name.click());
    const body = await textOf(page, '#entity-page');
    assert(body.includes(PAYLOADS.js), `the Mongolian entity page does not show ${PAYLOADS.js} in its events: ${norm(body).slice(0, 300)}`);
    await hoverAll(page, '#entity-page li, #entity-page blockquote');
    await scanDom(page, 'the Mongolian entity page');

    await visit(page, '#entity/Soviet%20Union', /^#entity\/Soviet/);
    const all = page.locator('#entity-page button', { hasText: /^Show all/ });
    if (await all.count()) await redraw(page, /^#entity\//, 'all the events', () => all.click());
    const su = await textOf(page, '#entity-page');
    for (const p of [PAYLOADS.script, PAYLOADS.img]) assert(su.includes(p), `the Soviet Union's events do not show ${p} as text`);
    await hoverAll(page, '#entity-page .event-list > li:has-text("Hostile"), #entity-page .event-list > li:has-text("pwned")');
    await scanDom(page, "the Soviet Union's entity page");
  });

  await check('XSS: timeline tooltips and list of the hostile marks', page, async () => {
    await visit(page, '#timeline', /^#timeline$/);
    const marks = page.locator(`#timeline-chart .mark[data-doc="${HOSTILE_DOC}"]`);
    const n = await marks.count();
    assert(n >= 5, `only ${n} marks of the hostile document on the timeline`);
    const tips = [];
    for (let i = 0; i < n; i++) {
      const m = marks.nth(i);
      await m.focus();
      tips.push(await textOf(page, '#tooltip'));
      await m.hover({ force: true });
      tips.push(await textOf(page, '#tooltip'));
      await scanDom(page, `the timeline tooltip of hostile mark ${i}`);
    }
    const all = tips.join('\n');
    for (const p of [PAYLOADS.script, PAYLOADS.img, PAYLOADS.bold, PAYLOADS.js]) assert(all.includes(p), `no tooltip shows ${p} as text`);
    await page.click('#timeline-list summary');
    await page.waitForFunction(() => document.querySelectorAll('#timeline-list li').length > 0, null, { timeout: WAIT });
    const hostileItems = page.locator('#timeline-list li').filter({ hasText: /pwned|onerror|onmouseover|javascript:/ });
    assert((await hostileItems.count()) >= 5, 'the list of items in view lacks the hostile sentences');
    await hoverAll(page, hostileItems.locator('a'));
    await scanDom(page, 'the list of timeline items');
    await page.click('#timeline-list summary');
    const first = page.locator(`#timeline-chart .mark[data-kind=event][data-doc="${HOSTILE_DOC}"]`).first();
    await act(page, /^#doc\//, 'the reader from a hostile mark', () => first.click());
    const selected = (await textsOf(page, '#reader .sent.selected')).join('');
    assert(selected.length > 0, 'no sentence selected after clicking a hostile mark');
    await scanDom(page, 'the reader from a hostile mark');
  });

  await check('XSS: answers and closest sentences', page, async () => {
    await nav(page, 'ask', /^#ask/);
    for (const [q, payload] of [
      ['When did Japan protest against the Soviet Union over fishing rights?', PAYLOADS.img],
      ['Who attacked Japan in 1975?', '<img src=x onerror=alert(1)>'],
    ]) {
      await page.fill('#ask-input', q);
      await act(page, /^#ask\?q=/, `the answer to "${q}"`, () => page.press('#ask-input', 'Enter'));
      const text = await textOf(page, '#ask-answer');
      assert(text.includes(payload), `asking "${q}": the answer does not show ${payload} as text: ${norm(text).slice(0, 300)}`);
      await hoverAll(page, '#ask-answer blockquote');
      await scanDom(page, `the answer to "${q}"`);
    }
  });

  await check('XSS: the index by section of the article', page, async () => {
    await visit(page, '#index?by=section', /^#index\?by=section/);
    const bar = page.locator('#index-chart .bar[data-period^="Hostile"]').first();
    assert((await bar.count()) === 1, 'no bar of the hostile document');
    await bar.hover({ force: true });
    await act(page, /period=Hostile/, 'the index detail', () => bar.click({ force: true }));
    const detail = await textOf(page, '#index-detail');
    assert(detail.includes(PAYLOADS.script), `the index detail does not show ${PAYLOADS.script} as text`);
    await hoverAll(page, '#index-detail li');
    await scanDom(page, 'the index by section');
  });

  await check('XSS: nothing ran', page, async () => {
    eq(await page.evaluate(() => typeof window.__pwned), 'undefined', 'typeof window.__pwned');
    assert(!seen.dialogs.length, `dialogs opened: ${seen.dialogs.join('; ')}`);
    await scanDom(page, 'the whole page');
  });

  await check('no console errors, exceptions, CSP violations or stray requests (desktop)', page, async () => {
    const csp = await page.evaluate(() => window.__csp || ['(the listener is missing)']);
    const problems = [
      ...seen.console.map((m) => `console error: ${m}`),
      ...seen.errors.map((m) => `exception: ${m}`),
      ...csp.map((m) => `CSP violation: ${m}`),
      ...seen.requests,
      ...seen.dialogs.map((m) => `dialog: ${m}`),
    ];
    assert(!problems.length, `${problems.length} problem(s):\n       ${problems.join('\n       ')}`);
  });
  await context.close();

  /* ----- a phone ----- */
  const phone = await browserContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await phone.addInitScript(INIT);
  const small = phone.pages()[0] || (await phone.newPage());
  const seenPhone = watch(small, 'phone');
  await check('a phone (390×844) shows the timeline without horizontal scrolling', small, async () => {
    await small.goto(new URL('/', origin).href, { waitUntil: 'load' });
    await settled(small, 0, /^(#timeline.*)?$/, 'the timeline on a phone');
    const dims = await small.evaluate(() => ({
      inner: window.innerWidth,
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      svg: document.querySelector('#timeline-chart').getBoundingClientRect().width,
    }));
    eq(dims.inner, PHONE.width, 'the window width');
    assert(dims.doc <= dims.inner && dims.body <= dims.inner, `the page scrolls sideways: ${JSON.stringify(dims)}`);
    assert(dims.svg > 0 && dims.svg <= dims.inner, `the timeline is ${dims.svg} px wide in a ${dims.inner} px window`);
    eq(await small.locator('#timeline-chart .mark[data-kind=event]').count(), tlEvents.length, 'event marks on a phone');
    await small.$eval('#timeline-status', (n) => n.scrollIntoView({ block: 'start' }));
    screenshots.push(await shot(small, 'phone'));
  });
  await check('no console errors, exceptions, CSP violations or stray requests (phone)', small, async () => {
    const csp = await small.evaluate(() => window.__csp || ['(the listener is missing)']);
    const problems = [
      ...seenPhone.console.map((m) => `console error: ${m}`),
      ...seenPhone.errors.map((m) => `exception: ${m}`),
      ...csp.map((m) => `CSP violation: ${m}`),
      ...seenPhone.requests,
      ...seenPhone.dialogs.map((m) => `dialog: ${m}`),
    ];
    assert(!problems.length, `${problems.length} problem(s):\n       ${problems.join('\n       ')}`);
  });
  return finish(phone, screenshots);
}

async function finish(context, screenshots) {
  if (context) await context.close().catch(() => {});
  for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true });
  log(`screenshots: ${screenshots.map((f) => path.basename(f)).join(', ') || 'none'}`);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    log(`\n${failures.length} check(s) failed in ${secs} s:`);
    for (const f of failures) log(`  - ${f.name}: ${f.message.split('\n')[0]}`);
    process.exitCode = 1;
  } else log(`all checks passed in ${secs} s`);
}

main().catch((err) => {
  console.error(`browser tests aborted: ${err && err.stack ? err.stack : err}`);
  for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
