/* annals — the page. One hand-written ES module: no framework, no build step,
 * no external requests. It uses nothing but the JSON API of `annals serve`
 * (crates/annals-web/API.md) and builds every element with createElement and
 * textContent, so text that comes from documents stays inert. The links it
 * makes are internal `#` routes, `/api/export` downloads, or
 * https://en.wikipedia.org/wiki/… pages.
 *
 * Routes (the state lives in the URL hash; back/forward and deep links work):
 *   #timeline?from=1930&to=1950&entity=Japan&type=ASSAULT&colour=goldstein&view=1936..1946
 *   #index?by=year|decade|section&dyad=JPN-SUN&value=sum|mean|count&period=1941
 *   #measures
 *   #entities?q=gor                 #entity/NAME
 *   #search?q=WORDS&from=&to=&entity=          #ask?q=QUESTION
 *   #doc/ID/BYTE   ID = a document's name (Quote.document) or row id; BYTE = a UTF-8
 *                  byte offset: the reader shows and flashes the sentence holding it.
 *
 * Stable hooks for browser tests:
 *   #timeline-chart the timeline <svg>; one element with class `mark` per timeline item,
 *                   data-kind="event"|"date", data-doc, data-start, data-end (bytes).
 *                   Marks outside the visible window get class `off` (still in the DOM).
 *   #zoom-in, #zoom-out (also #zoom-fit, #pan-left, #pan-right)
 *   #index-chart    <svg>, bars: class `bar`, data-period;  #index-by (year|decade|section)
 *   #measures-chart <svg>, points: class `point`, data-series, data-start
 *   #reader         the document; sentences: class `sent`, data-start, data-end, data-i;
 *                   the asked sentence gets class `selected`
 *   #search-input, #search-results, #ask-input, #ask-answer, #entity-page
 *   nav links:      a[data-view] (timeline, index, measures, entities, search, ask, reader)
 *   document.body.dataset.ready  "1" once the current view has drawn ("0" while loading)
 *   document.body.dataset.drawn  a counter, incremented on every (re)draw
 */

const SVGNS = 'http://www.w3.org/2000/svg';
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/* ---------- DOM building (never innerHTML) ---------- */

function el(tag, props, ...kids) {
  return build(document.createElement(tag), props, kids);
}
function svg(tag, props, ...kids) {
  return build(document.createElementNS(SVGNS, tag), props, kids);
}
function build(node, props, kids) {
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else if (k === 'href') node.setAttribute('href', safeHref(v));
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  return append(node, kids);
}
/** Replace a node's children, flattening nested lists (unlike replaceChildren). */
function fill(node, ...kids) {
  node.replaceChildren();
  return append(node, kids);
}
function append(node, kids) {
  for (const k of kids.flat(Infinity)) {
    if (k == null || k === false) continue;
    node.append(k instanceof Node ? k : String(k));
  }
  return node;
}

/** Only internal routes, API downloads and English Wikipedia pages become links. */
export function safeHref(href) {
  const s = String(href);
  if (s.startsWith('#')) return s;
  if (s.startsWith('/api/')) return s;
  if (s.startsWith('https://en.wikipedia.org/wiki/')) return s;
  return '#';
}

const enc = encodeURIComponent;
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function href(view, parts = [], params = {}) {
  let h = '#' + [view, ...parts.map((p) => enc(String(p)))].join('/');
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${h}?${qs}` : h;
}
const docHref = (doc, byte) => `#doc/${enc(doc ?? '')}${byte != null ? '/' + byte : ''}`;
const entityHref = (name) => `#entity/${enc(name)}`;
const wikiHref = (title) => `https://en.wikipedia.org/wiki/${enc(String(title).replace(/ /g, '_'))}`;

/* ---------- UTF-8 byte offsets -> string indexes ---------- */

/** A function from UTF-8 byte offsets into `text` to JS string (UTF-16) indexes.
 * A byte inside a character maps to that character's index. */
export function byteMap(text) {
  const bytes = new TextEncoder().encode(text).length;
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    i += cp > 0xffff ? 2 : 1;
  }
  map[bytes] = text.length;
  return (byte) => map[Math.max(0, Math.min(bytes, Math.floor(Number(byte) || 0)))];
}
/** The string index of a UTF-8 byte offset (see API.md). */
export function byteToIndex(text, byte) {
  return byteMap(text)(byte);
}

/* ---------- API ---------- */

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
async function api(path, params = {}) {
  const url = new URL(path, location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v != null && v !== '') url.searchParams.set(k, String(v));
  }
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'The server did not answer. Is `annals serve` still running?');
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok || body == null || (body && body.error)) {
    const e = body && body.error;
    const message = (e && e.message) || `The server answered HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}.`;
    throw new ApiError((e && e.status) || res.status, message);
  }
  return body;
}
/** All pages of a paged list (the API caps a page at 1000). */
async function apiAll(path, params, cap = 50000) {
  const first = await api(path, { ...params, limit: 1000, offset: 0 });
  if (Array.isArray(first)) return { items: first, total: first.length };
  const items = [...(first.items || [])];
  const total = first.total ?? items.length;
  while (items.length < total && items.length < cap) {
    const next = await api(path, { ...params, limit: 1000, offset: items.length });
    if (!next.items || !next.items.length) break;
    items.push(...next.items);
  }
  return { items, total };
}
const itemsOf = (body) => (Array.isArray(body) ? body : body.items || []);

/* ---------- status, errors, readiness ---------- */

function setStatus(node, text, kind = '') {
  node.className = 'status' + (kind ? ' ' + kind : '');
  node.replaceChildren(...(Array.isArray(text) ? text : [text || '']));
}
function showError(node, err, what) {
  node.className = 'status';
  node.replaceChildren(
    el(
      'div',
      { class: 'error', role: 'alert' },
      el('strong', { text: `Could not load ${what}.` }),
      ' ',
      err && err.message ? err.message : String(err),
      err && err.status ? ` (HTTP ${err.status})` : '',
    ),
  );
}
/* While a route loads, redraws from earlier interactions must not flag it ready. */
let routeBusy = false;
function drawn() {
  if (routeBusy) return;
  const d = document.body.dataset;
  d.drawn = String((Number(d.drawn) || 0) + 1);
  d.ready = '1';
}

/* ---------- dates, numbers, codes ---------- */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SEASONS = { SP: 'spring', SU: 'summer', FA: 'autumn', AU: 'autumn', WI: 'winter' };
const MODS = {
  APPROX: 'about ', BEFORE: 'before ', AFTER: 'after ', ON_OR_BEFORE: 'on or before ', ON_OR_AFTER: 'on or after ',
  START: 'early ', MID: 'mid-', END: 'late ', LESS_THAN: 'less than ', MORE_THAN: 'more than ',
  EQUAL_OR_LESS: 'at most ', EQUAL_OR_MORE: 'at least ',
};
function describeOne(v) {
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) return `${+m[3]} ${MONTHS[+m[2] - 1] || m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return `${MONTHS[+m[2] - 1] || m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(SP|SU|FA|AU|WI)$/.exec(v))) return `${SEASONS[m[2]]} ${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) return `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(v))) return `${m[2] === '1' ? 'first' : 'second'} half of ${m[1]}`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(v))) return `week ${+m[2]} of ${m[1]}`;
  if (/^\d{4}$/.test(v)) return v;
  if (/^\d{3}$/.test(v)) return `the ${v}0s`;
  if (/^\d{2}$/.test(v)) return `the ${v}00s`;
  return v;
}
/** "13 April 1941", "late 1940s", "1904 – 1905", "about 1963". */
function describeDate(value, modifier, end) {
  if (!value) return 'undated';
  let s = describeOne(value);
  if (end) s += ' – ' + describeOne(end);
  const mod = MODS[modifier] || '';
  if (['START', 'MID', 'END'].includes(modifier) && s.startsWith('the ')) s = s.slice(4);
  if (modifier && !mod) return `${s} (${modifier})`;
  return mod + s;
}
const describeDated = (d) => (d ? describeDate(d.value, d.modifier || d.mod, d.end) : 'undated');

function dayOf(y, m = 0, d = 1) {
  const t = new Date(0);
  t.setUTCFullYear(y, m, d);
  t.setUTCHours(0, 0, 0, 0);
  return Math.round(t.getTime() / 864e5);
}
function isoToDay(iso) {
  const m = /^(-?\d{1,6})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(iso || '').trim());
  return m ? dayOf(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
}
/** The exclusive end day of a YYYY[-MM[-DD]] string. */
function isoEndDay(iso) {
  const m = /^(-?\d{1,6})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(iso || '').trim());
  if (!m) return null;
  if (m[3]) return dayOf(+m[1], +m[2] - 1, +m[3]) + 1;
  if (m[2]) return dayOf(+m[1], +m[2], 1);
  return dayOf(+m[1] + 1, 0, 1);
}
const dateOfDay = (day) => new Date(day * 864e5);
const yearOfDay = (day) => dateOfDay(day).getUTCFullYear();
function isoOfDay(day) {
  const d = dateOfDay(Math.floor(day));
  const p = (n) => String(n).padStart(2, '0');
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}
function shortDay(day, span) {
  const d = dateOfDay(Math.floor(day));
  if (span > 365 * 4) return String(d.getUTCFullYear());
  if (span > 120) return `${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
}
function signed(g, digits = 1) {
  if (g == null || Number.isNaN(Number(g))) return '–';
  const n = Number(g);
  return (n > 0 ? '+' : n < 0 ? '−' : '±') + Math.abs(n).toFixed(digits);
}
function money(amount, unit) {
  if (amount == null) return '';
  if (unit === 'USD') {
    if (Math.abs(amount) >= 1e9) return `US$${trim(amount / 1e9)} billion`;
    if (Math.abs(amount) >= 1e6) return `US$${trim(amount / 1e6)} million`;
    return `US$${amount.toLocaleString('en')}`;
  }
  return `${amount.toLocaleString('en')} ${unit || ''}`.trim();
}
const trim = (x) => String(Math.round(x * 100) / 100);
const plural = (n, one, many = one + 's') => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/* PLOVER types, cooperative first, in calm colours grouped by kind:
   blues and greens (cooperation), ambers (verbal conflict), reds (material conflict). */
const PLOVER = [
  ['AGREE', '#2f6f9f'], ['CONSULT', '#6a9bc3'], ['SUPPORT', '#1f4e79'], ['COOPERATE', '#3a8f7a'],
  ['AID', '#5aa469'], ['CONCEDE', '#86b8a9'], ['RETREAT', '#9aaed0'], ['REQUEST', '#c9a227'],
  ['ACCUSE', '#d08c3a'], ['REJECT', '#b8742a'], ['PROTEST', '#c46a4a'], ['THREATEN', '#a65e2e'],
  ['SANCTION', '#8c5a8a'], ['MOBILIZE', '#b5523b'], ['COERCE', '#9e2a2b'], ['ASSAULT', '#5e1a1f'],
];
const TYPE_COLOUR = new Map(PLOVER);
const DATE_COLOUR = '#7c8591';
const OTHER_COLOUR = '#8a8a8a';
const GOLD_NEUTRAL = [0xd9, 0xd4, 0xca];
const GOLD_COOP = [0x1f, 0x5a, 0x96];
const GOLD_CONF = [0x9e, 0x1f, 0x22];
function mix(a, b, t) {
  return '#' + a.map((x, i) => Math.round(x + (b[i] - x) * t).toString(16).padStart(2, '0')).join('');
}
function goldsteinColour(g) {
  if (g == null || Number.isNaN(Number(g))) return OTHER_COLOUR;
  const t = Math.min(1, Math.abs(g) / 10);
  return mix(GOLD_NEUTRAL, g >= 0 ? GOLD_COOP : GOLD_CONF, 0.25 + 0.75 * t);
}
const signClass = (g) => (g > 0 ? 'coop' : g < 0 ? 'conf' : '');
const LABELS = {
  PERSON: 'person', NORP: 'nationality or group', ORG: 'organisation', GPE: 'state, city or region',
  LOC: 'place', FAC: 'facility', EVENT: 'named event', LAW: 'law or treaty', MONEY: 'money',
  DATE: 'date', WORK_OF_ART: 'work', PRODUCT: 'product',
};
function actors(ev) {
  const s = (ev.source || []).join(', ');
  const t = (ev.target || []).join(', ');
  if (s && t) return `${s} → ${t}`;
  if (s) return s;
  if (t) return `→ ${t}`;
  return 'actors not named';
}
function eventCodes(ev) {
  return [
    ev.mode ? `${ev.type} (${ev.mode})` : ev.type,
    ev.cameo ? `CAMEO ${ev.cameo}` : null,
    ev.goldstein != null ? `Goldstein ${signed(ev.goldstein)}` : null,
  ].filter(Boolean).join(' · ');
}
function eventFlags(ev) {
  return [ev.negated ? 'negated' : null, ev.hypothetical ? 'hypothetical' : null, ev.same_as ? `same event as ${ev.same_as}` : null].filter(Boolean);
}

/** A quote (blockquote) with byte spans of its document highlighted. */
function quoteBlock(quote, spans = [], cls = 'hl', tag = 'mark') {
  const text = quote.text || '';
  const ix = byteMap(text);
  const local = spans
    .map(([a, b]) => [ix(a - quote.start), ix(b - quote.start)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out = [];
  let at = 0;
  for (const [a, b] of local) {
    if (b <= at) continue;
    const s = Math.max(a, at);
    if (s > at) out.push(text.slice(at, s));
    out.push(el(tag, { class: cls }, text.slice(s, b)));
    at = b;
  }
  out.push(text.slice(at));
  return el('blockquote', { class: 'quote' }, out);
}
/** "Japan–Soviet Union relations, sentence 46 · Read in context". */
function sourceLine(quote, byte) {
  return el(
    'p',
    { class: 'source-line' },
    quote.title || quote.document || '',
    quote.sentence != null ? `, sentence ${quote.sentence}` : '',
    ' · ',
    el('a', { href: docHref(quote.document, byte ?? quote.start) }, 'Read in context'),
  );
}

/* ---------- router ---------- */

const VIEWS = {};
const WHAT = {
  timeline: 'the timeline', index: 'the index', measures: 'the amounts', entities: 'the entities',
  entity: 'the entity', search: 'the search results', ask: 'an answer', reader: 'the document',
};
const TITLES = {
  timeline: 'Timeline', index: 'Cooperation and conflict', measures: 'Trade', entities: 'Entities',
  entity: 'Entity', search: 'Search', ask: 'Ask', reader: 'Reader',
};
let routeToken = 0;
let currentView = null;
const lastHash = {};

function parseRoute() {
  const raw = location.hash.replace(/^#/, '');
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const query = qi < 0 ? '' : raw.slice(qi + 1);
  const parts = path.split('/').map(safeDecode);
  let view = parts[0] || 'timeline';
  if (view === 'doc') view = 'reader';
  if (!VIEWS[view]) view = 'timeline';
  return { view, parts: parts.slice(1), params: new URLSearchParams(query) };
}
const stale = (token) => token !== routeToken;
const navFor = (view) => (view === 'entity' ? 'entities' : view);

function go(h) {
  if (location.hash === h || (location.hash === '' && h === '#timeline')) route();
  else location.hash = h;
}

async function route() {
  const r = parseRoute();
  const token = ++routeToken;
  document.body.dataset.ready = '0';
  const changed = currentView !== r.view;
  const initial = currentView === null;
  currentView = r.view;
  for (const s of $$('[data-panel]')) s.hidden = s.dataset.panel !== r.view;
  for (const a of $$('.views a[data-view]')) {
    if (a.dataset.view === navFor(r.view)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (location.hash) {
    lastHash[navFor(r.view)] = location.hash;
    const nav = $(`.views a[data-view="${navFor(r.view)}"]`);
    if (nav) nav.setAttribute('href', safeHref(location.hash));
  }
  document.title = `${TITLES[r.view]} — annals`;
  hideTip();
  if (changed && !initial && r.view !== 'reader') {
    const h = $(`[data-panel="${r.view}"] h1`);
    if (h) h.focus({ preventScroll: false });
  }
  routeBusy = true;
  try {
    await VIEWS[r.view](r, token);
    if (stale(token)) return;
    routeBusy = false;
    drawn();
  } catch (err) {
    if (stale(token)) return;
    routeBusy = false;
    const status = $(`[data-panel="${r.view}"] .status`);
    if (status) {
      showError(status, err, WHAT[r.view]);
      if (r.view === 'timeline' && [...r.params.keys()].some((k) => k !== 'colour' && k !== 'view')) {
        append(status.firstChild, [' ', el('a', { href: '#timeline' }, 'Clear the filters')]);
      }
    }
    drawn();
  }
}

/* ---------- entity names for the filter boxes (fetched on first use) ---------- */

let entityList = null;
async function loadEntities() {
  if (!entityList) entityList = apiAll('/api/entities', {}, 5000).catch((e) => {
    entityList = null;
    throw e;
  });
  return entityList;
}
async function fillEntityNames() {
  const list = $('#entity-names');
  if (list.dataset.filled) return;
  list.dataset.filled = '1';
  try {
    const { items } = await loadEntities();
    list.replaceChildren(...items.map((e) => el('option', { value: e.link })));
  } catch {
    delete list.dataset.filled;
  }
}

/* =====================================================================
 * 1. Timeline
 * ===================================================================== */

const TL = {
  key: null, items: [], total: 0, marks: [], ext: [0, 1], view: [0, 1], width: 0, height: 0,
  colour: 'type', filter: {}, svg: null, gMarks: null, gAxis: null, gGrid: null, gLabels: null,
  defs: null, gradients: new Map(), frame: 0, settle: 0, suppressClick: false, groups: [],
};
const TM = { left: 14, right: 14, axis: 30, header: 20, lane: 13, mark: 9, gap: 14 };

VIEWS.timeline = async (r, token) => {
  const p = r.params;
  const filter = {
    from: p.get('from') || '', to: p.get('to') || '', entity: p.get('entity') || '', type: p.get('type') || '',
  };
  const form = $('#timeline-filters');
  for (const k of Object.keys(filter)) form.elements[k].value = filter[k];
  TL.colour = p.get('colour') === 'goldstein' ? 'goldstein' : 'type';
  for (const radio of $$('input[name="colour"]')) radio.checked = radio.value === TL.colour;
  const key = JSON.stringify(filter);
  const status = $('#timeline-status');
  if (TL.key !== key) {
    setStatus(status, 'Loading the timeline…', 'loading');
    const wrap = $('.timeline-wrap');
    wrap.classList.add('stale');
    const { items, total } = await apiAll('/api/timeline', filter);
    if (stale(token)) return;
    wrap.classList.remove('stale');
    TL.key = key;
    TL.filter = filter;
    TL.items = items;
    TL.total = total;
    buildTimeline();
    TL.view = [...TL.ext];
  }
  const wanted = parseViewParam(p.get('view'));
  if (wanted) TL.view = wanted;
  applyColours();
  drawLegend();
  layoutTimeline();
  clampView();
  positionMarks(false);
  timelineSummary();
};

function parseViewParam(v) {
  if (!v) return null;
  const [a, b] = v.split('..');
  const s = isoToDay(a);
  const e = isoEndDay(b || a);
  return s != null && e != null && e > s ? [s, e] : null;
}

function timelineSummary() {
  const status = $('#timeline-status');
  const events = TL.items.filter((i) => i.kind === 'event').length;
  const dates = TL.items.length - events;
  const f = TL.filter;
  const conds = [
    f.entity ? `involving “${f.entity}”` : null,
    f.type ? `of type ${f.type}` : null,
    f.from || f.to ? `between ${f.from || 'the start'} and ${f.to || 'the end'}` : null,
  ].filter(Boolean);
  if (!TL.items.length) {
    setStatus(status, [
      el('span', { class: 'empty' }, `Nothing in the record ${conds.length ? conds.join(', ') : 'is dated yet'}. `),
      conds.length ? el('a', { href: '#timeline' }, 'Clear the filters') : '',
    ]);
    return;
  }
  const [e0, e1] = TL.ext;
  setStatus(status, `${plural(events, 'event')} and ${plural(dates, 'time expression')}${conds.length ? ' ' + conds.join(', ') : ''}, ${yearOfDay(e0 + 1)}–${yearOfDay(e1 - 1)}.${TL.total > TL.items.length ? ` Showing the first ${TL.items.length} of ${TL.total}.` : ''}`);
}

function markShape(d) {
  const prec = d.precision || '';
  if (prec === 'decade' || prec === 'century') return 'band';
  if (prec === 'day' && d.last_day - d.first_day <= 0) return 'point';
  return 'bar';
}
function markFade(mod) {
  if (!mod) return '';
  if (mod === 'BEFORE' || mod === 'ON_OR_BEFORE') return 'left';
  if (mod === 'AFTER' || mod === 'ON_OR_AFTER') return 'right';
  return 'both';
}

function tipLines(it) {
  const d = it.date || {};
  const lines = [];
  const when = describeDated(d);
  const range = d.earliest && d.latest ? (d.earliest === d.latest ? d.earliest : `${d.earliest} … ${d.latest}`) : '';
  if (it.kind === 'event' && it.event) {
    const ev = it.event;
    lines.push(['Date', `${when}${range ? ` (${range})` : ''}`]);
    lines.push(['Type', ev.mode ? `${ev.type} (${ev.mode})` : ev.type]);
    lines.push(['CAMEO', ev.cameo || '–']);
    lines.push(['Goldstein', signed(ev.goldstein)]);
    lines.push(['Actors', actors(ev)]);
    lines.push(['Trigger', `“${(ev.trigger && ev.trigger.text) || it.text}”`]);
    const flags = eventFlags(ev);
    if (flags.length) lines.push(['Note', flags.join(', ')]);
  } else {
    lines.push(['Date', `${when}${range ? ` (${range})` : ''}`]);
    lines.push(['Written', `“${it.text}”`]);
    lines.push(['TIMEX3', `${d.value}${d.end ? '/' + d.end : ''}${d.modifier ? ' ' + d.modifier : ''} (${d.precision})`]);
  }
  return lines;
}
function markLabel(it) {
  const d = it.date || {};
  if (it.kind === 'event' && it.event) {
    const ev = it.event;
    const flags = eventFlags(ev);
    return `Event, ${describeDated(d)}: ${ev.type} “${(ev.trigger && ev.trigger.text) || it.text}”, ${actors(ev)}; CAMEO ${ev.cameo || '–'}, Goldstein ${signed(ev.goldstein)}${flags.length ? '; ' + flags.join(', ') : ''}.`;
  }
  return `Time expression “${it.text}”: ${describeDated(d)}.`;
}

function buildTimeline() {
  const s = (TL.svg = $('#timeline-chart'));
  s.replaceChildren();
  TL.gradients.clear();
  TL.defs = svg('defs', null, svg('clipPath', { id: 'tl-clip' }, svg('rect', { id: 'tl-clip-rect', x: 0, y: 0, width: 10, height: 10 })));
  TL.bg = svg('rect', { class: 'bg', x: 0, y: 0, width: 10, height: 10, fill: '#ffffff' });
  TL.gGrid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  TL.gLabels = svg('g', { class: 'lane-labels', 'aria-hidden': 'true' });
  TL.gMarks = svg('g', { class: 'marks', 'clip-path': 'url(#tl-clip)' });
  TL.gAxis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  // Events first, then time expressions, each in time order: the Tab order follows the picture.
  const frag = document.createDocumentFragment();
  const dateFrag = document.createDocumentFragment();
  let lo = Infinity;
  let hi = -Infinity;
  TL.marks = TL.items.map((it, i) => {
    const d = it.date || {};
    let a = d.first_day ?? isoToDay(d.earliest);
    let b = d.last_day ?? isoToDay(d.latest);
    const dated = a != null && b != null;
    if (dated) {
      b += 1;
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
    const shape = dated ? markShape({ precision: d.precision, first_day: a, last_day: b - 1 }) : 'bar';
    const fade = markFade(d.modifier);
    const node = shape === 'point' ? svg('circle', { r: 4.5, cy: 0, cx: -20 }) : svg('rect', { x: -20, width: 1, rx: shape === 'band' ? 0 : 1.5 });
    const ev = it.kind === 'event' ? it.event : null;
    node.setAttribute('class', dated ? 'mark' : 'mark off');
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'link');
    node.setAttribute('aria-label', markLabel(it));
    node.dataset.kind = it.kind === 'event' ? 'event' : 'date';
    node.dataset.i = String(i);
    if (it.quote) node.dataset.doc = it.quote.document;
    node.dataset.start = String(it.start);
    node.dataset.end = String(it.end);
    if (ev && (ev.negated || ev.hypothetical)) node.setAttribute('stroke-dasharray', '2 2');
    (it.kind === 'event' ? frag : dateFrag).append(node);
    return { it, i, el: node, a, b, dated, shape, fade, off: !dated, lane: 0, group: node.dataset.kind, unreal: !!(ev && (ev.negated || ev.hypothetical)) };
  });
  TL.gMarks.append(frag, dateFrag);
  if (lo === Infinity) {
    lo = dayOf(1900);
    hi = dayOf(2000);
  }
  const pad = Math.max(60, (hi - lo) * 0.015);
  TL.ext = [lo - pad, hi + pad];
  s.append(TL.defs, TL.bg, TL.gGrid, TL.gLabels, TL.gMarks, TL.gAxis);
}

/** Lanes, packed at the most zoomed-out scale, so that no two marks overlap at any
 * zoom level at or above "fit"; stable while zooming (a reader's mental map). */
function layoutTimeline() {
  const s = TL.svg;
  if (!s) return;
  const width = Math.max(280, s.clientWidth || s.parentNode.clientWidth || 960);
  TL.width = width;
  const plotW = width - TM.left - TM.right;
  const [e0, e1] = TL.ext;
  const k = plotW / (e1 - e0);
  let y = TM.axis + 6;
  TL.gLabels.replaceChildren();
  TL.groups = [];
  for (const [group, title] of [['event', 'Events'], ['date', 'Time expressions']]) {
    const marks = TL.marks.filter((m) => m.group === group && m.dated);
    if (!marks.length) continue;
    marks.sort((p, q) => p.a - q.a || q.b - p.b);
    const ends = [];
    for (const m of marks) {
      let x0 = (m.a - e0) * k;
      let x1 = (m.b - e0) * k;
      if (m.shape === 'point') {
        const c = (x0 + x1) / 2;
        x0 = c - 6;
        x1 = c + 6;
      } else x1 = Math.max(x1, x0 + 4);
      let lane = ends.findIndex((end) => end + 2 <= x0);
      if (lane < 0) {
        lane = ends.length;
        ends.push(x1);
      } else ends[lane] = x1;
      m.lane = lane;
    }
    const count = TL.marks.filter((m) => m.group === group).length;
    TL.gLabels.append(svg('text', { x: TM.left, y: y + 13, fill: '#4a5058', 'font-size': 12, 'font-weight': 600 }, `${title} · ${count}`));
    const top = y + TM.header;
    for (const m of marks) {
      const cy = top + m.lane * TM.lane + TM.lane / 2;
      if (m.shape === 'point') m.el.setAttribute('cy', cy);
      else {
        const h = m.shape === 'band' ? TM.lane - 1 : group === 'date' ? TM.mark - 2 : TM.mark;
        m.el.setAttribute('y', cy - h / 2);
        m.el.setAttribute('height', h);
      }
    }
    y = top + ends.length * TM.lane + TM.gap;
    TL.groups.push({ group, top, bottom: y - TM.gap });
  }
  if (!TL.groups.length) {
    TL.gLabels.append(svg('text', { x: width / 2, y: y + 40, 'text-anchor': 'middle', fill: '#5c636d', 'font-size': 14 }, 'No dated items to draw.'));
    y += 70;
  }
  TL.height = Math.max(y + 4, 120);
  s.setAttribute('height', TL.height);
  s.setAttribute('viewBox', `0 0 ${width} ${TL.height}`);
  TL.bg.setAttribute('width', width);
  TL.bg.setAttribute('height', TL.height);
  const clip = $('#tl-clip-rect', s);
  clip.setAttribute('x', TM.left - 6);
  clip.setAttribute('width', plotW + 12);
  clip.setAttribute('height', TL.height);
}

function gradientFor(colour, fade) {
  const id = `tlg-${colour.slice(1)}-${fade}`;
  if (!TL.gradients.has(id)) {
    const stops = fade === 'left' ? [[0, 0], [0.45, 1], [1, 1]] : fade === 'right' ? [[0, 1], [0.55, 1], [1, 0]] : [[0, 0], [0.3, 1], [0.7, 1], [1, 0]];
    const g = svg('linearGradient', { id, x1: 0, x2: 1, y1: 0, y2: 0 }, stops.map(([o, a]) => svg('stop', { offset: o, 'stop-color': colour, 'stop-opacity': a })));
    TL.defs.append(g);
    TL.gradients.set(id, g);
  }
  return `url(#${id})`;
}
function colourOf(it) {
  if (it.kind !== 'event' || !it.event) return DATE_COLOUR;
  if (TL.colour === 'goldstein') return goldsteinColour(it.event.goldstein);
  return TYPE_COLOUR.get(it.event.type) || OTHER_COLOUR;
}
function applyColours() {
  for (const m of TL.marks) {
    const c = colourOf(m.it);
    const n = m.el;
    if (m.shape === 'point') {
      if (m.fade || m.unreal) {
        n.setAttribute('fill', '#ffffff');
        n.setAttribute('stroke', c);
        n.setAttribute('stroke-width', 2);
        n.setAttribute('stroke-dasharray', '2 2');
      } else {
        n.setAttribute('fill', c);
        n.setAttribute('stroke', '#ffffff');
        n.setAttribute('stroke-width', 1);
      }
      continue;
    }
    n.setAttribute('fill', m.fade ? gradientFor(c, m.fade) : c);
    const opacity = m.shape === 'band' ? 0.32 : m.unreal ? 0.35 : m.group === 'date' ? 0.7 : 0.92;
    n.setAttribute('fill-opacity', opacity);
    if (m.unreal) {
      n.setAttribute('stroke', c);
      n.setAttribute('stroke-width', 1);
    }
  }
}

function drawLegend() {
  const box = $('#timeline-legend');
  const kids = [];
  if (TL.colour === 'goldstein') {
    const ramp = el('span', { class: 'ramp', 'aria-hidden': 'true' });
    ramp.style.background = `linear-gradient(to right, ${goldsteinColour(-10)}, ${goldsteinColour(0)}, ${goldsteinColour(10)})`;
    kids.push(el('span', { class: 'key' }, 'conflict −10 ', ramp, ' +10 cooperation'));
  } else {
    const counts = new Map();
    for (const it of TL.items) if (it.kind === 'event' && it.event) counts.set(it.event.type, (counts.get(it.event.type) || 0) + 1);
    for (const [type, colour] of PLOVER) {
      if (!counts.has(type) && TL.filter.type !== type) continue;
      const sw = el('span', { class: 'sw', 'aria-hidden': 'true' });
      sw.style.background = colour;
      const on = TL.filter.type === type;
      kids.push(el('button', {
        type: 'button', 'aria-pressed': on ? 'true' : 'false',
        title: on ? 'Show every type again' : `Show only ${type} events`,
        onclick: () => go(href('timeline', [], { ...TL.filter, type: on ? '' : type, colour: TL.colour === 'goldstein' ? 'goldstein' : '' })),
      }, sw, type.toLowerCase(), el('span', { class: 'count' }, String(counts.get(type) || 0))));
    }
  }
  const swatch = (cls, colour) => {
    const sw = el('span', { class: `sw ${cls}`, 'aria-hidden': 'true' });
    sw.style.background = colour;
    return sw;
  };
  const soft = swatch('', DATE_COLOUR);
  soft.style.background = `linear-gradient(to right, transparent, ${DATE_COLOUR} 35%, ${DATE_COLOUR} 65%, transparent)`;
  soft.style.width = '1.6em';
  kids.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, '|'));
  kids.push(el('span', { class: 'key' }, swatch('', DATE_COLOUR), 'time expression'));
  kids.push(el('span', { class: 'key' }, swatch('point', '#555'), 'day'));
  kids.push(el('span', { class: 'key' }, swatch('', '#555'), 'month / year / span'));
  kids.push(el('span', { class: 'key' }, swatch('band', '#555'), 'decade / century'));
  kids.push(el('span', { class: 'key' }, soft, 'approximate edge'));
  kids.push(el('span', { class: 'key' }, 'dashed: negated or hypothetical'));
  box.replaceChildren(...kids);
}

function clampView() {
  let [v0, v1] = TL.view;
  const [e0, e1] = TL.ext;
  const full = e1 - e0;
  let span = v1 - v0;
  const min = 12;
  const max = full * 1.5;
  const c = (v0 + v1) / 2;
  if (!(span >= min)) span = min;
  if (span > max) span = max;
  v0 = c - span / 2;
  v1 = c + span / 2;
  const slack = span * 0.5;
  if (v0 < e0 - slack) {
    v0 = e0 - slack;
    v1 = v0 + span;
  }
  if (v1 > e1 + slack) {
    v1 = e1 + slack;
    v0 = v1 - span;
  }
  TL.view = [v0, v1];
}
function setView(v0, v1) {
  TL.view = [v0, v1];
  clampView();
  if (!TL.frame) TL.frame = requestAnimationFrame(() => {
    TL.frame = 0;
    positionMarks(true);
  });
}
function zoomBy(f, centre) {
  const [v0, v1] = TL.view;
  const c = centre ?? (v0 + v1) / 2;
  const span = (v1 - v0) / f;
  const t = (c - v0) / (v1 - v0);
  setView(c - t * span, c - t * span + span);
}
function panBy(frac) {
  const [v0, v1] = TL.view;
  const d = (v1 - v0) * frac;
  setView(v0 + d, v1 + d);
}
const fitView = () => setView(...TL.ext);
function dayAtClientX(x) {
  const r = TL.svg.getBoundingClientRect();
  const [v0, v1] = TL.view;
  return v0 + ((x - r.left - TM.left) / (TL.width - TM.left - TM.right)) * (v1 - v0);
}

function positionMarks(interactive) {
  if (!TL.svg) return;
  const [v0, v1] = TL.view;
  const plotW = TL.width - TM.left - TM.right;
  const k = plotW / (v1 - v0);
  const lo = TM.left - 10;
  const hi = TM.left + plotW + 10;
  const focused = document.activeElement;
  let lost = false;
  for (const m of TL.marks) {
    if (!m.dated) continue;
    const x0 = TM.left + (m.a - v0) * k;
    const x1 = TM.left + (m.b - v0) * k;
    const off = x1 < lo || x0 > hi;
    if (off !== m.off) {
      m.el.classList.toggle('off', off);
      m.off = off;
      if (off && m.el === focused) lost = true;
    }
    if (off) continue;
    if (m.shape === 'point') m.el.setAttribute('cx', ((x0 + x1) / 2).toFixed(1));
    else {
      const w = x1 - x0;
      const ww = Math.max(2.5, w);
      m.el.setAttribute('x', (w >= 2.5 ? x0 : (x0 + x1) / 2 - ww / 2).toFixed(1));
      m.el.setAttribute('width', ww.toFixed(1));
    }
  }
  if (lost) TL.svg.focus({ preventScroll: true });
  drawAxis(v0, v1, k);
  $('#timeline-range').textContent = `${shortDay(v0, v1 - v0)} – ${shortDay(v1, v1 - v0)}`;
  clearTimeout(TL.settle);
  TL.settle = setTimeout(() => {
    TL.settle = 0;
    if (currentView !== 'timeline') return;
    syncViewParam();
    if ($('#timeline-list').open) drawItemList();
  }, interactive ? 350 : 0);
  drawn();
}

const TICK_STEPS = [
  ['day', 1], ['day', 2], ['day', 7], ['day', 14], ['month', 1], ['month', 2], ['month', 3], ['month', 6],
  ['year', 1], ['year', 2], ['year', 5], ['year', 10], ['year', 20], ['year', 25], ['year', 50], ['year', 100], ['year', 200], ['year', 500],
];
function drawAxis(v0, v1, k) {
  const approx = { day: 1, month: 30.44, year: 365.25 };
  const minPx = TL.width < 500 ? 56 : 72;
  const [unit, step] = TICK_STEPS.find(([u, n]) => approx[u] * n * k >= minPx) || ['year', 1000];
  const ticks = [];
  const d0 = dateOfDay(Math.floor(v0));
  if (unit === 'year') {
    for (let y = Math.ceil(d0.getUTCFullYear() / step) * step; ; y += step) {
      const day = dayOf(y);
      if (day > v1) break;
      if (day >= v0) ticks.push([day, String(y)]);
    }
  } else if (unit === 'month') {
    let y = d0.getUTCFullYear();
    let mo = Math.ceil(d0.getUTCMonth() / step) * step;
    for (;;) {
      if (mo >= 12) {
        y += 1;
        mo -= 12;
      }
      const day = dayOf(y, mo);
      if (day > v1) break;
      if (day >= v0) ticks.push([day, mo === 0 ? String(y) : `${MONTHS[mo].slice(0, 3)} ${y}`]);
      mo += step;
    }
  } else {
    for (let day = Math.ceil(v0 / step) * step; day <= v1; day += step) {
      const d = dateOfDay(day);
      ticks.push([day, `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)}${d.getUTCDate() === 1 && d.getUTCMonth() === 0 ? ' ' + d.getUTCFullYear() : ''}`]);
    }
  }
  const grid = [];
  const axis = [svg('line', { x1: 0, x2: TL.width, y1: TM.axis, y2: TM.axis, stroke: '#c9c2b4' })];
  for (const [day, label] of ticks) {
    const x = (TM.left + (day - v0) * k).toFixed(1);
    grid.push(svg('line', { x1: x, x2: x, y1: TM.axis, y2: TL.height, stroke: '#efebe3' }));
    axis.push(svg('line', { x1: x, x2: x, y1: TM.axis - 5, y2: TM.axis, stroke: '#9a9386' }));
    axis.push(svg('text', { x, y: TM.axis - 9, 'text-anchor': 'middle', fill: '#4a5058', 'font-size': 11 }, label));
  }
  for (const g of TL.groups.slice(1)) {
    grid.push(svg('line', { x1: 0, x2: TL.width, y1: g.top - TM.header - 4, y2: g.top - TM.header - 4, stroke: '#e2ddd3', 'stroke-dasharray': '4 3' }));
  }
  TL.gGrid.replaceChildren(...grid);
  TL.gAxis.replaceChildren(...axis);
}

function syncViewParam() {
  const r = parseRoute();
  if (r.view !== 'timeline') return;
  const [v0, v1] = TL.view;
  const [e0, e1] = TL.ext;
  const params = Object.fromEntries(r.params);
  const before = params.view || '';
  const isFit = Math.abs(v0 - e0) < 1 && Math.abs(v1 - e1) < 1;
  if (isFit) delete params.view;
  else if (v1 - v0 > 365 * 6) params.view = `${yearOfDay(v0)}..${yearOfDay(v1)}`;
  else params.view = `${isoOfDay(v0)}..${isoOfDay(v1 - 1)}`;
  if ((params.view || '') === before) return;
  const h = href('timeline', [], params);
  if (h !== location.hash) {
    history.replaceState(history.state, '', h);
    lastHash.timeline = h;
    const nav = $('.views a[data-view="timeline"]');
    if (nav) nav.setAttribute('href', h);
  }
}

function drawItemList() {
  const [v0, v1] = TL.view;
  const inView = TL.marks.filter((m) => m.dated && m.b >= v0 && m.a <= v1).sort((p, q) => p.a - q.a || p.i - q.i);
  const cap = 400;
  const list = $('#timeline-list ol');
  list.replaceChildren(
    ...inView.slice(0, cap).map(({ it }) => {
      const ev = it.kind === 'event' ? it.event : null;
      return el(
        'li',
        null,
        el('span', { class: 'when' }, describeDated(it.date)),
        ev ? el('span', { class: `badge ${signClass(ev.goldstein)}` }, ev.type) : el('span', { class: 'badge' }, 'time'),
        ' ',
        el('a', { href: docHref(it.quote && it.quote.document, it.start) }, ev ? `“${(ev.trigger && ev.trigger.text) || it.text}”` : `“${it.text}”`),
        ev ? el('span', { class: 'codes' }, ` ${actors(ev)} · CAMEO ${ev.cameo || '–'} · ${signed(ev.goldstein)}`) : '',
        it.quote ? el('div', { class: 'codes' }, it.quote.text) : '',
      );
    }),
    inView.length > cap ? el('li', { class: 'empty' }, `and ${inView.length - cap} more: zoom in to list them.`) : '',
  );
  $('#timeline-list summary').textContent = `List the ${plural(inView.length, 'item')} in view`;
}

/* Tooltip */
let tipFor = null;
function showTip(markEl) {
  const m = TL.marks[Number(markEl.dataset.i)];
  if (!m) return;
  const tip = $('#tooltip');
  const ev = m.it.kind === 'event' ? m.it.event : null;
  tip.replaceChildren(
    el('div', { class: 'tt-date' }, ev ? `${ev.type} · ${describeDated(m.it.date)}` : `Time expression · ${describeDated(m.it.date)}`),
    el('dl', null, tipLines(m.it).map(([k, v]) => [el('dt', null, k), el('dd', null, v)])),
    m.it.quote ? el('div', { class: 'tt-quote' }, clip(m.it.quote.text, 260)) : '',
  );
  tip.hidden = false;
  tipFor = markEl;
  const wrap = tip.parentNode.getBoundingClientRect();
  const r = markEl.getBoundingClientRect();
  const tw = tip.offsetWidth;
  const th = tip.offsetHeight;
  let left = r.left - wrap.left + r.width / 2 + 12;
  if (left + tw > wrap.width - 4) left = Math.max(4, r.left - wrap.left - tw - 12);
  let top = r.bottom - wrap.top + 6;
  if (top + th > wrap.height - 4) top = Math.max(4, r.top - wrap.top - th - 6);
  tip.style.left = `${Math.round(left)}px`;
  tip.style.top = `${Math.round(top)}px`;
}
function hideTip() {
  const tip = $('#tooltip');
  if (tip) tip.hidden = true;
  tipFor = null;
}
const clip = (s, n) => (s && s.length > n ? s.slice(0, n - 1) + '…' : s || '');

/** Write a pending zoom window into the current history entry before leaving it. */
function flushTimelineHash() {
  if (currentView !== 'timeline' || !TL.settle) return;
  clearTimeout(TL.settle);
  TL.settle = 0;
  syncViewParam();
}

function openMark(markEl) {
  const m = TL.marks[Number(markEl.dataset.i)];
  if (!m) return;
  flushTimelineHash();
  go(docHref(m.it.quote && m.it.quote.document, m.it.start));
}

function timelineKeys(e) {
  switch (e.key) {
    case 'ArrowLeft': panBy(e.shiftKey ? -0.5 : -0.15); break;
    case 'ArrowRight': panBy(e.shiftKey ? 0.5 : 0.15); break;
    case '+': case '=': zoomBy(1.5); break;
    case '-': case '_': zoomBy(1 / 1.5); break;
    case '0': case 'Home': fitView(); break;
    default: return false;
  }
  return true;
}

function setupTimeline() {
  const s = $('#timeline-chart');
  TL.svg = s;
  $('#zoom-in').addEventListener('click', () => zoomBy(1.6));
  $('#zoom-out').addEventListener('click', () => zoomBy(1 / 1.6));
  $('#zoom-fit').addEventListener('click', fitView);
  $('#pan-left').addEventListener('click', () => panBy(-0.25));
  $('#pan-right').addEventListener('click', () => panBy(0.25));
  for (const radio of $$('input[name="colour"]')) {
    radio.addEventListener('change', () => {
      const params = Object.fromEntries(parseRoute().params);
      params.colour = radio.value === 'goldstein' ? 'goldstein' : '';
      go(href('timeline', [], params));
    });
  }
  const form = $('#timeline-filters');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const f = Object.fromEntries(['from', 'to', 'entity', 'type'].map((k) => [k, form.elements[k].value.trim()]));
    go(href('timeline', [], { ...f, colour: TL.colour === 'goldstein' ? 'goldstein' : '' }));
  });
  $('[data-action="clear-filters"]').addEventListener('click', () => go(href('timeline', [], { colour: TL.colour === 'goldstein' ? 'goldstein' : '' })));
  $('#tl-entity').addEventListener('focus', fillEntityNames);
  $('#timeline-list').addEventListener('toggle', () => {
    if ($('#timeline-list').open) drawItemList();
  });

  s.addEventListener('pointerover', (e) => {
    const m = e.target.closest && e.target.closest('.mark');
    if (m && !s.classList.contains('dragging')) showTip(m);
  });
  s.addEventListener('pointerout', (e) => {
    const m = e.target.closest && e.target.closest('.mark');
    if (m && m === tipFor && document.activeElement !== m) hideTip();
  });
  s.addEventListener('focusin', (e) => {
    const m = e.target.closest && e.target.closest('.mark');
    if (m) showTip(m);
  });
  s.addEventListener('focusout', () => hideTip());
  s.addEventListener('click', (e) => {
    if (TL.suppressClick) return;
    const m = e.target.closest && e.target.closest('.mark');
    if (m) openMark(m);
  });
  s.addEventListener('keydown', (e) => {
    const m = e.target.closest && e.target.closest('.mark');
    if (m && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      openMark(m);
    } else if (e.key === 'Escape') {
      hideTip();
      if (m) s.focus();
    } else if (!e.altKey && !e.ctrlKey && !e.metaKey && timelineKeys(e)) {
      e.preventDefault();
      e.stopPropagation();
    }
  });
  s.addEventListener('wheel', (e) => {
    if (!TL.marks.length) return;
    e.preventDefault();
    hideTip();
    const dx = e.deltaMode === 1 ? e.deltaX * 16 : e.deltaX;
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    if (!e.ctrlKey && Math.abs(dx) > Math.abs(dy)) {
      panBy(dx / (TL.width - TM.left - TM.right));
      return;
    }
    const f = Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0022));
    zoomBy(f, dayAtClientX(e.clientX));
  }, { passive: false });

  const ptrs = new Map();
  let drag = null;
  let pinch = null;
  s.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    ptrs.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (ptrs.size === 1) drag = { x0: e.clientX, view: [...TL.view], moved: false, id: e.pointerId };
    else if (ptrs.size === 2) {
      const [p, q] = [...ptrs.values()];
      pinch = { d0: Math.hypot(p.x - q.x, p.y - q.y) || 1, centre: dayAtClientX((p.x + q.x) / 2), view: [...TL.view] };
      drag = null;
      for (const id of ptrs.keys()) {
        try { s.setPointerCapture(id); } catch { /* already released */ }
      }
    }
  });
  s.addEventListener('pointermove', (e) => {
    if (!ptrs.has(e.pointerId)) return;
    ptrs.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch && ptrs.size === 2) {
      const [p, q] = [...ptrs.values()];
      const ratio = Math.hypot(p.x - q.x, p.y - q.y) / pinch.d0;
      const [v0, v1] = pinch.view;
      const span = (v1 - v0) / Math.max(0.05, ratio);
      const t = (pinch.centre - v0) / (v1 - v0);
      setView(pinch.centre - t * span, pinch.centre - t * span + span);
      return;
    }
    if (!drag) return;
    const dx = e.clientX - drag.x0;
    if (!drag.moved && Math.abs(dx) > 4) {
      drag.moved = true;
      try { s.setPointerCapture(e.pointerId); } catch { /* ignore */ }
      s.classList.add('dragging');
      hideTip();
    }
    if (drag.moved) {
      const [v0, v1] = drag.view;
      const d = (dx / (TL.width - TM.left - TM.right)) * (v1 - v0);
      setView(v0 - d, v1 - d);
    }
  });
  const end = (e) => {
    ptrs.delete(e.pointerId);
    if (ptrs.size < 2) pinch = null;
    if (drag && drag.moved) {
      TL.suppressClick = true;
      setTimeout(() => { TL.suppressClick = false; }, 0);
    }
    if (!ptrs.size) drag = null;
    s.classList.remove('dragging');
  };
  s.addEventListener('pointerup', end);
  s.addEventListener('pointercancel', end);

  // +, − and 0 work anywhere in the timeline view; arrows too, outside form fields.
  document.addEventListener('keydown', (e) => {
    if (currentView !== 'timeline' || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t && (t.closest('input, select, textarea, [contenteditable], details summary') || s.contains(t))) return;
    if (timelineKeys(e)) e.preventDefault();
  });
}

/* =====================================================================
 * 2. Cooperation–conflict index
 * ===================================================================== */

const IX = { key: null, data: null, by: 'year', value: 'sum', period: null, slots: [] };

VIEWS.index = async (r, token) => {
  const p = r.params;
  const by = ['year', 'decade', 'section'].includes(p.get('by')) ? p.get('by') : 'year';
  const dyad = (p.get('dyad') || '').trim();
  const value = ['sum', 'mean', 'count'].includes(p.get('value')) ? p.get('value') : 'sum';
  $('#index-by').value = by;
  $('#index-value').value = value;
  const key = `${by}|${dyad}`;
  const status = $('#index-status');
  if (IX.key !== key) {
    setStatus(status, 'Loading the index…', 'loading');
    const data = await api('/api/index', { by, dyad });
    if (stale(token)) return;
    IX.key = key;
    IX.data = data;
  }
  IX.by = by;
  IX.value = value;
  IX.period = p.get('period');
  IX.dyadParam = dyad;
  const d = IX.data;
  const dy = dyadName(d.dyad);
  $('#index-dyad').value = dyad || dy.code;
  const opts = dyadOptions(d.dyad);
  $('#dyad-options').replaceChildren(...opts.map((o) => el('option', { value: o })));
  const rows = d.rows || [];
  const events = rows.reduce((n, row) => n + (row.count || 0), 0);
  if (!rows.length) {
    setStatus(status, el('span', { class: 'empty' }, `No events between ${dy.label} in the record.`));
  } else {
    setStatus(status, `${plural(events, 'event')} between ${dy.label} in ${plural(rows.length, by === 'section' ? 'section' : by)}${d.documents != null ? ` of ${plural(Number(d.documents) || 0, 'document')}` : ''}.`);
  }
  drawIndex();
  drawIndexDetail();
};

/* Names for the ISO 3166 codes a dyad is most likely to use; others show as codes. */
const ISO_NAMES = {
  JPN: 'Japan', SUN: 'the Soviet Union', RUS: 'Russia', USA: 'the United States', CHN: 'China',
  GBR: 'the United Kingdom', DEU: 'Germany', FRA: 'France', KOR: 'South Korea', PRK: 'North Korea',
  MNG: 'Mongolia', TWN: 'Taiwan', IND: 'India', DDR: 'East Germany', ITA: 'Italy', POL: 'Poland',
};
const isoName = (code) => (ISO_NAMES[code] ? `${ISO_NAMES[code]} (${code})` : code);
function dyadName(dyad) {
  if (!dyad || !dyad.a || !dyad.b) return { code: '', label: 'the two sides' };
  const a = dyad.a[0];
  const b = dyad.b[0];
  return dyad.directed
    ? { code: `${a}>${b}`, label: `${isoName(a)} acting on ${isoName(b)}` }
    : { code: `${a}-${b}`, label: `${isoName(a)} and ${isoName(b)}` };
}
function dyadOptions(dyad) {
  if (!dyad || !dyad.a || !dyad.b) return [];
  const a = dyad.a[0];
  const b = dyad.b[0];
  return [`${a}-${b}`, `${a}>${b}`, `${b}>${a}`];
}
const indexValue = (row) => (IX.value === 'count' ? row.count : Number(row[IX.value]) || 0);
const VALUE_NAMES = { sum: 'sum of Goldstein values', mean: 'mean Goldstein value', count: 'number of events' };

function indexSlots(rows, by) {
  if (by === 'section' || !rows.length) return rows.map((row) => ({ label: row.period, row }));
  const num = (row) => parseInt(row.period, 10);
  const step = by === 'decade' ? 10 : 1;
  const ok = rows.every((row) => Number.isFinite(num(row)));
  if (!ok) return rows.map((row) => ({ label: row.period, row }));
  const byNum = new Map(rows.map((row) => [num(row), row]));
  const lo = Math.min(...byNum.keys());
  const hi = Math.max(...byNum.keys());
  const out = [];
  for (let y = lo; y <= hi; y += step) out.push({ label: by === 'decade' ? `${y}s` : String(y), row: byNum.get(y) || null });
  return out;
}

function niceTicks(lo, hi, n = 5) {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= n + 1) || mag * 10;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

function drawIndex() {
  const s = $('#index-chart');
  const rows = (IX.data && IX.data.rows) || [];
  const by = IX.by;
  const slots = (IX.slots = indexSlots(rows, by));
  const W = Math.max(300, s.clientWidth || 900);
  const section = by === 'section';
  const M = { top: 62, right: 16, bottom: section ? 150 : 34, left: section ? Math.min(110, W * 0.2) : 54 };
  const H = section ? 486 : 356;
  s.setAttribute('height', H);
  s.setAttribute('viewBox', `0 0 ${W} ${H}`);
  s.replaceChildren();
  const dy = dyadName(IX.data && IX.data.dyad);
  s.append(svg('text', { x: 14, y: 18, fill: '#1f2328', 'font-size': 14, 'font-weight': 600 }, clip(dy.label, Math.floor(W / 7.5))));
  s.append(svg('text', { x: 14, y: 35, fill: '#4a5058', 'font-size': 12 }, `${VALUE_NAMES[IX.value]} by ${by}`));
  const legend = [['cooperation (positive)', GOLD_COOP], ['conflict (negative)', GOLD_CONF]];
  let lx = W - M.right;
  for (const [label, rgb] of legend.reverse()) {
    const t = svg('text', { x: lx, y: 52, 'text-anchor': 'end', fill: '#4a5058', 'font-size': 11 }, label);
    s.append(t);
    const w = label.length * 5.6 + 6;
    s.append(svg('rect', { x: lx - w - 12, y: 43, width: 10, height: 10, fill: mix(GOLD_NEUTRAL, rgb, 1) }));
    lx -= w + 26;
  }
  if (!slots.length) {
    s.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', fill: '#5c636d', 'font-size': 14 }, 'No events for this dyad.'));
    return;
  }
  const vals = slots.filter((x) => x.row).map((x) => indexValue(x.row));
  let lo = Math.min(0, ...vals);
  let hi = Math.max(0, ...vals);
  if (lo === hi) hi = lo + 1;
  const pad = (hi - lo) * 0.06;
  lo = lo < 0 ? lo - pad : lo;
  hi = hi > 0 ? hi + pad : hi;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v) => M.top + ((hi - v) / (hi - lo)) * plotH;
  const band = plotW / slots.length;
  const barW = Math.max(1, Math.min(60, band * 0.74));
  for (const t of niceTicks(lo, hi)) {
    s.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), stroke: t === 0 ? '#6b6b6b' : '#ece8df', 'stroke-width': t === 0 ? 1.2 : 1 }));
    s.append(svg('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end', fill: '#4a5058', 'font-size': 11 }, IX.value === 'count' ? String(t) : signed(t, Math.abs(t) < 10 && t % 1 ? 1 : 0)));
  }
  const labelEvery = section ? 1 : Math.max(1, Math.ceil((by === 'decade' ? 44 : 38) / band));
  const nice = [1, 2, 5, 10, 20, 25, 50].find((n) => n >= labelEvery) || labelEvery;
  const g = svg('g', { class: 'bars' });
  slots.forEach((slot, i) => {
    const cx = M.left + band * (i + 0.5);
    const num = parseInt(slot.label, 10);
    const showLabel = section || (by === 'decade' ? i % labelEvery === 0 : Number.isFinite(num) ? num % nice === 0 : i % nice === 0);
    if (showLabel) {
      if (section) {
        s.append(svg('text', { x: cx, y: H - M.bottom + 12, 'text-anchor': 'end', fill: '#4a5058', 'font-size': 11, transform: `rotate(-35 ${cx} ${H - M.bottom + 12})` }, clip(slot.label, 34)));
      } else {
        s.append(svg('text', { x: cx, y: H - M.bottom + 16, 'text-anchor': 'middle', fill: '#4a5058', 'font-size': 11 }, slot.label));
      }
    }
    if (!slot.row) return;
    const row = slot.row;
    const v = indexValue(row);
    const sign = IX.value === 'count' ? Number(row.sum) || 0 : v;
    const y0 = y(0);
    const y1 = y(v);
    const strength = Math.min(1, Math.abs(Number(row.mean) || 0) / 10);
    const rect = svg('rect', {
      class: 'bar' + (IX.period === row.period ? ' selected' : ''),
      x: (cx - barW / 2).toFixed(1), y: Math.min(y0, y1).toFixed(1), width: barW.toFixed(1), height: Math.max(1, Math.abs(y1 - y0)).toFixed(1),
      fill: sign >= 0 ? mix(GOLD_NEUTRAL, GOLD_COOP, 1) : mix(GOLD_NEUTRAL, GOLD_CONF, 1),
      'fill-opacity': (0.45 + 0.55 * strength).toFixed(2),
      tabindex: 0, role: 'button', 'aria-pressed': IX.period === row.period ? 'true' : 'false',
      'aria-label': `${row.period}: ${plural(row.count, 'event')}, sum ${signed(row.sum)}, mean ${signed(row.mean)}${row.hypothetical ? `, ${row.hypothetical} hypothetical` : ''}. Show its weightiest events.`,
      dataset: { period: row.period },
    }, svg('title', null, `${row.period}: ${plural(row.count, 'event')}; sum ${signed(row.sum)}, mean ${signed(row.mean)}`));
    g.append(rect);
  });
  s.append(g);
  s.append(svg('text', { x: 14, y: M.top + plotH / 2, fill: '#4a5058', 'font-size': 11, 'text-anchor': 'middle', transform: `rotate(-90 14 ${M.top + plotH / 2})` }, IX.value === 'count' ? 'events' : 'Goldstein'));
  drawIndexTable(rows);
}

function drawIndexTable(rows) {
  let box = $('#index-table');
  if (!box) {
    box = el('details', { id: 'index-table', class: 'in-view' }, el('summary', null, 'The values as a table'));
    $('#index-detail').before(box);
  }
  const table = el('table', null,
    el('thead', null, el('tr', null, el('th', null, 'Period'), el('th', { class: 'num' }, 'Events'), el('th', { class: 'num' }, 'Sum'), el('th', { class: 'num' }, 'Mean'), el('th', { class: 'num' }, 'Hypothetical'))),
    el('tbody', null, rows.map((row) => el('tr', null,
      el('td', null, el('a', { href: href('index', [], { by: IX.by, dyad: IX.dyadParam, value: IX.value === 'sum' ? '' : IX.value, period: row.period }) }, row.period)),
      el('td', { class: 'num' }, String(row.count)), el('td', { class: 'num' }, signed(row.sum)), el('td', { class: 'num' }, signed(row.mean)), el('td', { class: 'num' }, String(row.hypothetical || 0)))))
  );
  box.replaceChildren(el('summary', null, 'The values as a table'), table);
}

function drawIndexDetail() {
  const box = $('#index-detail');
  const rows = (IX.data && IX.data.rows) || [];
  const row = IX.period != null ? rows.find((x) => x.period === IX.period) : null;
  if (!row) {
    box.replaceChildren(rows.length ? el('p', { class: 'hint' }, 'Select a bar (click, or Tab and Enter) to list the weightiest events of that period with their sentences.') : '');
    return;
  }
  const docName = row.document || (IX.data && IX.data.document) || '';
  const num = parseInt(row.period, 10);
  const range = IX.by === 'year' && Number.isFinite(num) ? [num, num] : IX.by === 'decade' && Number.isFinite(num) ? [num, num + 9] : null;
  box.replaceChildren(
    el('h2', { tabindex: '-1', id: 'index-detail-heading' }, `${row.period}: ${plural(row.count, 'event')}, sum ${signed(row.sum)}, mean ${signed(row.mean)}`),
    row.hypothetical ? el('p', { class: 'hint' }, `${plural(row.hypothetical, 'hypothetical verbal act')} counted (proposals, threats, refusals).`) : '',
    el('p', { class: 'hint' }, `The ${row.top && row.top.length > 1 ? plural(row.top.length, 'weightiest event') : 'weightiest event'} of the period:`),
    el('ol', { class: 'event-list' }, (row.top || []).map((t) => {
      const sentence = { text: t.sentence || '', start: t.sentence_start, document: t.document || docName };
      const at = t.trigger ? sentence.text.indexOf(t.trigger) : -1;
      const [value, endValue] = String(t.date || '').split('..');
      const quote = at >= 0
        ? el('blockquote', { class: 'quote' }, sentence.text.slice(0, at), el('span', { class: 'trigger-hl' }, t.trigger), sentence.text.slice(at + t.trigger.length))
        : el('blockquote', { class: 'quote' }, sentence.text);
      return el('li', null,
        el('span', { class: `badge ${signClass(t.goldstein)}` }, t.type), ' ',
        el('strong', null, `“${t.trigger}”`), ' ',
        el('span', { class: 'codes' }, `${t.date ? describeDate(value, null, endValue) + ' · ' : ''}CAMEO ${t.cameo} · Goldstein ${signed(t.goldstein)}${t.hypothetical ? ' · hypothetical' : ''}`),
        quote,
        el('p', { class: 'source-line' }, el('a', { href: docHref(sentence.document, t.sentence_start) }, 'Read in context')));
    })),
    range ? el('p', null, el('a', { href: href('timeline', [], { from: range[0], to: range[1] }) }, `Everything dated ${range[0] === range[1] ? range[0] : `${range[0]}–${range[1]}`} on the timeline`)) : '',
  );
}

function setupIndex() {
  const nav = () => {
    const by = $('#index-by').value;
    const dyad = $('#index-dyad').value.trim();
    const value = $('#index-value').value;
    const def = IX.data ? dyadName(IX.data.dyad).code : '';
    go(href('index', [], { by, dyad: dyad && dyad !== def ? dyad : IX.dyadParam && dyad ? dyad : '', value: value === 'sum' ? '' : value }));
  };
  $('#index-by').addEventListener('change', nav);
  $('#index-value').addEventListener('change', nav);
  $('#index-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const by = $('#index-by').value;
    const dyad = $('#index-dyad').value.trim();
    const value = $('#index-value').value;
    go(href('index', [], { by, dyad, value: value === 'sum' ? '' : value }));
  });
  const chart = $('#index-chart');
  const pick = (bar) => {
    const period = bar.dataset.period;
    const params = Object.fromEntries(parseRoute().params);
    params.period = params.period === period ? '' : period;
    go(href('index', [], params));
    setTimeout(() => {
      const h = $('#index-detail-heading');
      if (h && params.period) h.scrollIntoView({ block: 'nearest' });
    }, 0);
  };
  chart.addEventListener('click', (e) => {
    const bar = e.target.closest('.bar');
    if (bar) pick(bar);
  });
  chart.addEventListener('keydown', (e) => {
    const bar = e.target.closest('.bar');
    if (bar && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      pick(bar);
    }
  });
}

/* =====================================================================
 * 3. Measures (trade)
 * ===================================================================== */

const MS = { items: null };
const SERIES = [
  ['exports', 'Exports', '#2f6f9f'],
  ['imports', 'Imports', '#c07a22'],
  ['total', 'Total trade', '#3a3f45'],
  ['other', 'Other amounts', '#8c5a8a'],
];
function seriesOf(desc) {
  const d = String(desc || '').toLowerCase();
  if (d.includes('export')) return 'exports';
  if (d.includes('import')) return 'imports';
  if (d.includes('trade') || d.includes('turnover')) return 'total';
  return 'other';
}
/** [start, end) in fractional years of a TIMEX3 value with its modifier. */
function yearSpan(value, mod, end) {
  const one = (v) => {
    let m;
    if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) {
      const a = +m[1] + (dayOf(+m[1], +m[2] - 1, +m[3]) - dayOf(+m[1])) / 365.25;
      return [a, a + 1 / 365.25];
    }
    if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return [+m[1] + (+m[2] - 1) / 12, +m[1] + +m[2] / 12];
    if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) return [+m[1] + (+m[2] - 1) / 4, +m[1] + +m[2] / 4];
    if ((m = /^(\d{4})-H([12])$/.exec(v))) return [+m[1] + (+m[2] - 1) / 2, +m[1] + +m[2] / 2];
    if ((m = /^(\d{4})/.exec(v))) return [+m[1], +m[1] + 1];
    if ((m = /^(\d{3})$/.exec(v))) return [+m[1] * 10, +m[1] * 10 + 10];
    if ((m = /^(\d{2})$/.exec(v))) return [+m[1] * 100, +m[1] * 100 + 100];
    return null;
  };
  let span = one(String(value || ''));
  if (!span) return null;
  if (end) {
    const e = one(String(end));
    if (e) span = [span[0], Math.max(span[1], e[1])];
  }
  const [a, b] = span;
  const w = b - a;
  if (mod === 'START') return [a, a + w * 0.4];
  if (mod === 'MID') return [a + w * 0.35, a + w * 0.65];
  if (mod === 'END') return [a + w * 0.6, b];
  return span;
}

VIEWS.measures = async (r, token) => {
  const status = $('#measures-status');
  if (!MS.items) {
    setStatus(status, 'Loading the amounts…', 'loading');
    const body = await api('/api/measures', { unit: 'USD' });
    if (stale(token)) return;
    MS.items = itemsOf(body).map((x) => (x.measure ? x : { measure: x, quote: null }));
  }
  const points = [];
  for (const { measure: m, quote } of MS.items) {
    const date = m.date || null;
    const span = date ? yearSpan(date.value, date.modifier || date.mod, date.end) : null;
    points.push({ m, quote, span, series: seriesOf(m.measure), date });
  }
  const dated = points.filter((p) => p.span);
  if (!points.length) setStatus(status, el('span', { class: 'empty' }, 'The record states no amounts in US dollars.'));
  else setStatus(status, `${plural(points.length, 'amount')} in US dollars${dated.length < points.length ? `, ${dated.length} of them dated` : ''}.`);
  drawMeasures(dated);
  drawMeasuresTable(points);
};

function drawMeasures(points) {
  const s = $('#measures-chart');
  const W = Math.max(300, s.clientWidth || 900);
  const H = 360;
  const M = { top: 46, right: 20, bottom: 34, left: 62 };
  s.setAttribute('height', H);
  s.setAttribute('viewBox', `0 0 ${W} ${H}`);
  s.replaceChildren();
  s.append(svg('text', { x: M.left, y: 18, fill: '#1f2328', 'font-size': 14, 'font-weight': 600 }, 'Trade stated in the text, US$ billions'));
  if (!points.length) {
    s.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', fill: '#5c636d', 'font-size': 14 }, 'No dated amounts in US dollars.'));
    return;
  }
  const x0 = Math.floor(Math.min(...points.map((p) => p.span[0]))) - 1;
  const x1 = Math.ceil(Math.max(...points.map((p) => p.span[1]))) + 1;
  const maxV = Math.max(...points.map((p) => p.m.amount || 0)) / 1e9;
  const hi = maxV > 0 ? maxV * 1.18 : 1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (yr) => M.left + ((yr - x0) / (x1 - x0)) * plotW;
  const y = (v) => M.top + (1 - v / hi) * plotH;
  for (const t of niceTicks(0, hi)) {
    s.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), stroke: t === 0 ? '#6b6b6b' : '#ece8df' }));
    s.append(svg('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end', fill: '#4a5058', 'font-size': 11 }, `$${t}bn`));
  }
  const stepYears = [1, 2, 5, 10, 20, 50].find((n) => (plotW / (x1 - x0)) * n >= 40) || 100;
  for (let yr = Math.ceil(x0 / stepYears) * stepYears; yr <= x1; yr += stepYears) {
    s.append(svg('line', { x1: x(yr), x2: x(yr), y1: H - M.bottom, y2: H - M.bottom + 5, stroke: '#9a9386' }));
    s.append(svg('text', { x: x(yr), y: H - M.bottom + 18, 'text-anchor': 'middle', fill: '#4a5058', 'font-size': 11 }, String(yr)));
  }
  // Legend: only the series present.
  let lx = W - M.right;
  for (const [key, label, colour] of [...SERIES].reverse()) {
    if (!points.some((p) => p.series === key)) continue;
    s.append(svg('text', { x: lx, y: 36, 'text-anchor': 'end', fill: '#4a5058', 'font-size': 11 }, label));
    const w = label.length * 5.8 + 4;
    s.append(svg('circle', { cx: lx - w - 8, cy: 32, r: 5, fill: colour }));
    lx -= w + 26;
  }
  if (W >= 640) s.append(svg('text', { x: M.left, y: 36, fill: '#5c636d', 'font-size': 11 }, 'hollow: a qualified figure (“nearly”, “over”); a line: the period it spans'));
  for (const [key, , colour] of SERIES) {
    const ps = points.filter((p) => p.series === key).sort((p, q) => p.span[0] + p.span[1] - q.span[0] - q.span[1]);
    if (ps.length > 1) {
      const d = ps.map((p, i) => `${i ? 'L' : 'M'}${x((p.span[0] + p.span[1]) / 2).toFixed(1)},${y(p.m.amount / 1e9).toFixed(1)}`).join(' ');
      s.append(svg('path', { d, fill: 'none', stroke: colour, 'stroke-width': 1.5, 'stroke-dasharray': '5 4', 'stroke-opacity': 0.7 }));
    }
    for (const p of ps) {
      const cx = x((p.span[0] + p.span[1]) / 2);
      const cy = y(p.m.amount / 1e9);
      if (x(p.span[1]) - x(p.span[0]) > 10) {
        s.append(svg('line', { x1: x(p.span[0]), x2: x(p.span[1]), y1: cy, y2: cy, stroke: colour, 'stroke-width': 4, 'stroke-opacity': 0.35, 'stroke-linecap': 'round' }));
      }
      const label = `${SERIES.find((z) => z[0] === key)[1]}, ${describeDated(p.date)}: ${p.m.approx ? p.m.approx + ' ' : ''}${money(p.m.amount, 'USD')} (“${p.m.measure}”). Read its sentence.`;
      s.append(svg('circle', {
        class: 'point', cx: cx.toFixed(1), cy: cy.toFixed(1), r: 5.5,
        fill: p.m.approx ? '#ffffff' : colour, stroke: colour, 'stroke-width': 2,
        tabindex: 0, role: 'link', 'aria-label': label,
        dataset: { series: key, start: String(p.m.start), doc: (p.quote && p.quote.document) || '' },
      }, svg('title', null, label)));
      s.append(svg('text', { x: cx.toFixed(1), y: (cy - 10).toFixed(1), 'text-anchor': 'middle', fill: '#4a5058', 'font-size': 10 }, `${trim(p.m.amount / 1e9)}`));
    }
  }
}

function drawMeasuresTable(points) {
  const box = $('#measures-table');
  if (!points.length) {
    box.replaceChildren();
    return;
  }
  const sorted = [...points].sort((p, q) => (p.span ? p.span[0] : 1e9) - (q.span ? q.span[0] : 1e9));
  box.replaceChildren(el('table', null,
    el('caption', null, 'The amounts and their sentences'),
    el('thead', null, el('tr', null, el('th', null, 'Series'), el('th', null, 'When'), el('th', { class: 'num' }, 'Amount'), el('th', null, 'As written'), el('th', null, 'Sentence'))),
    el('tbody', null, sorted.map((p) => el('tr', null,
      el('td', null, SERIES.find((z) => z[0] === p.series)[1]),
      el('td', null, describeDated(p.date)),
      el('td', { class: 'num' }, `${p.m.approx ? p.m.approx + ' ' : ''}${money(p.m.amount, p.m.unit)}`),
      el('td', null, `“${p.m.text}” (${p.m.measure})`),
      el('td', null, p.quote ? el('a', { href: docHref(p.quote.document, p.m.start) }, clip(p.quote.text, 120)) : el('a', { href: docHref('', p.m.start) }, 'read')),
    ))),
  ));
}

function setupMeasures() {
  const chart = $('#measures-chart');
  const open = (pt) => go(docHref(pt.dataset.doc, pt.dataset.start));
  chart.addEventListener('click', (e) => {
    const pt = e.target.closest('.point');
    if (pt) open(pt);
  });
  chart.addEventListener('keydown', (e) => {
    const pt = e.target.closest('.point');
    if (pt && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      open(pt);
    }
  });
}

/* =====================================================================
 * 4. Entities
 * ===================================================================== */

VIEWS.entities = async (r, token) => {
  const q = r.params.get('q') || '';
  const input = $('#entity-filter');
  if (document.activeElement !== input) input.value = q;
  const status = $('#entities-status');
  if (!$('#entity-index').dataset.loaded) setStatus(status, 'Loading the entities…', 'loading');
  const { items, total } = await loadEntities();
  if (stale(token)) return;
  $('#entity-index').dataset.loaded = '1';
  drawEntityIndex(items, total, input.value);
};

function drawEntityIndex(items, total, q) {
  const needle = q.trim().toLowerCase();
  const shown = needle ? items.filter((e) => String(e.link).toLowerCase().includes(needle) || (e.forms || []).some((f) => String(Array.isArray(f) ? f[0] : f).toLowerCase().includes(needle))) : items;
  const status = $('#entities-status');
  if (!items.length) setStatus(status, el('span', { class: 'empty' }, 'The record names no entities yet.'));
  else if (!shown.length) setStatus(status, el('span', { class: 'empty' }, `No entity matches “${q}”.`));
  else setStatus(status, `${needle ? `${shown.length} of ` : ''}${plural(items.length, 'entity', 'entities')}${total > items.length ? ` (the first ${items.length} of ${total})` : ''}, most mentioned first.`);
  const cap = 600;
  $('#entity-index').replaceChildren(shown.length ? el('table', null,
    el('thead', null, el('tr', null, el('th', null, 'Name'), el('th', null, 'Kind'), el('th', null, 'ISO'), el('th', { class: 'num' }, 'COW'), el('th', { class: 'num' }, 'Mentions'), el('th', { class: 'num' }, 'Documents'))),
    el('tbody', null, shown.slice(0, cap).map((e) => el('tr', null,
      el('td', null, el('a', { href: entityHref(e.link) }, e.link)),
      el('td', { title: e.label || '' }, LABELS[e.label] || e.label || (e.labels || []).join(', ') || ''),
      el('td', null, e.iso || ''),
      el('td', { class: 'num' }, e.cow != null ? String(e.cow) : ''),
      el('td', { class: 'num' }, String(e.mentions ?? e.count ?? '')),
      el('td', { class: 'num' }, String(e.documents ?? '')),
    ))),
  ) : '', shown.length > cap ? el('p', { class: 'hint' }, `and ${shown.length - cap} more: narrow the filter.`) : '');
}

function setupEntities() {
  const input = $('#entity-filter');
  let t = 0;
  input.addEventListener('input', () => {
    clearTimeout(t);
    t = setTimeout(async () => {
      const h = href('entities', [], { q: input.value.trim() });
      history.replaceState(history.state, '', h);
      lastHash.entities = h;
      try {
        const { items, total } = await loadEntities();
        drawEntityIndex(items, total, input.value);
        drawn();
      } catch (err) {
        showError($('#entities-status'), err, 'the entities');
      }
    }, 120);
  });
  $('#entities-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const first = $('#entity-index tbody a');
    if (first) go(first.getAttribute('href'));
  });
}

VIEWS.entity = async (r, token) => {
  const name = r.parts[0] || '';
  const body = $('#entity-body');
  const status = $('#entity-status');
  $('#h-entity').textContent = name || 'Entity';
  document.title = `${name || 'Entity'} — annals`;
  body.replaceChildren();
  if (!name) {
    setStatus(status, ['No entity named. ', el('a', { href: '#entities' }, 'Browse the entities')]);
    return;
  }
  setStatus(status, `Loading ${name}…`, 'loading');
  let info;
  try {
    info = await api(`/api/entities/${enc(name)}`, { events: 200 });
  } catch (err) {
    if (stale(token)) return;
    if (err.status === 404) {
      setStatus(status, [el('span', { class: 'empty' }, `The record has no entity named “${name}”. `), el('a', { href: href('entities', [], { q: name }) }, 'Look for similar names')]);
      return;
    }
    throw err;
  }
  if (stale(token)) return;
  setStatus(status, '');
  drawEntity(info);
};

function datedQuote(label, pair) {
  if (!pair || !pair[1]) return el('div', null, el('h3', null, label), el('p', { class: 'empty' }, 'No dated mention.'));
  const [dated, quote] = pair;
  return el('div', null,
    el('h3', null, `${label}: ${describeDated(dated)}`),
    quoteBlock(quote),
    sourceLine(quote));
}

function eventItem(ev, quote, who) {
  const trig = ev.trigger || {};
  const q = quote || (ev.quote ? ev.quote : null);
  const flags = eventFlags(ev);
  const role = who ? [(ev.source || []).includes(who) ? 'actor' : null, (ev.target || []).includes(who) ? 'target' : null].filter(Boolean).join(' and ') : '';
  return el('li', null,
    role ? el('span', { class: 'badge flag', title: `${who} is this event's ${role}` }, role) : '', role ? ' ' : '',
    el('span', { class: `badge ${signClass(ev.goldstein)}` }, ev.type || 'EVENT'), ' ',
    el('strong', null, `“${trig.text || ''}”`), ' ',
    el('span', { class: 'codes' }, [
      ev.dated ? describeDated(ev.dated) : ev.date ? describeDate(ev.date.value, ev.date.modifier || ev.date.mod, ev.date.end) : 'undated',
      actors(ev), eventCodes(ev), ...flags,
    ].join(' · ')),
    q ? quoteBlock(q, trig.start != null ? [[trig.start, trig.end]] : [], 'trigger-hl', 'span') : '',
    q ? sourceLine(q, trig.start) : '');
}

function drawEntity(info) {
  const body = $('#entity-body');
  $('#h-entity').textContent = info.link;
  document.title = `${info.link} — annals`;
  const meta = el('p', { class: 'entity-meta' },
    el('span', null, LABELS[info.label] ? `${LABELS[info.label]} (${info.label})` : info.label || 'entity'),
    info.iso ? el('span', null, `ISO 3166 ${info.iso}`) : '',
    info.cow != null ? el('span', null, `COW ${info.cow}`) : '',
    el('span', null, `${plural(info.mentions || 0, 'mention')} in ${plural(info.documents || 0, 'document')}`),
  );
  const links = el('p', { class: 'entity-links' },
    el('a', { href: wikiHref(info.link), rel: 'noopener noreferrer', target: '_blank' }, 'Wikipedia article ↗'),
    el('a', { href: href('timeline', [], { entity: info.link }) }, 'On the timeline'),
    el('a', { href: href('search', [], { q: (info.forms && info.forms[0] && info.forms[0][0]) || info.link }) }, 'Search its sentences'),
  );
  const forms = (info.forms || []).length
    ? el('p', { class: 'forms' }, 'Written as: ', info.forms.map(([f, n], i) => [i ? ', ' : '', el('span', null, `“${f}”`), ` ×${n}`]))
    : '';
  const events = info.events || [];
  const co = info.cooccurring || [];
  const FIRST = 25;
  const eventsList = el('ol', { class: 'event-list' }, events.slice(0, FIRST).map((ev) => eventItem(ev, ev.quote, info.link)));
  const known = (info.as_source || 0) + (info.as_target || 0);
  const more = el('p', { class: 'hint' });
  if (events.length > FIRST) {
    append(more, [`Showing the first ${FIRST} of ${events.length}, earliest first. `, el('button', {
      type: 'button',
      onclick: () => {
        append(eventsList, [events.slice(FIRST).map((ev) => eventItem(ev, ev.quote, info.link))]);
        fill(more, known > events.length ? `The first ${events.length} events, earliest first.` : '');
        const next = eventsList.children[FIRST];
        if (next) next.querySelector('a') && next.querySelector('a').focus();
        drawn();
      },
    }, `Show all ${events.length}`)]);
  } else if (known > events.length) append(more, [`The first ${events.length}, earliest first.`]);
  body.replaceChildren(
    meta, links, forms,
    el('div', { class: 'cols' }, datedQuote('First dated mention', info.first), datedQuote('Last dated mention', info.last)),
    el('h2', null, `Events: ${info.as_source ?? 0} as actor, ${info.as_target ?? 0} as target`),
    events.length ? eventsList : el('p', { class: 'empty' }, 'No events name it as actor or target.'),
    more,
    el('h2', null, 'Named in the same sentences'),
    co.length
      ? el('ul', { class: 'chips' }, co.slice(0, 80).map(([link, n]) => el('li', null, el('a', { href: entityHref(link) }, link, el('span', { class: 'n' }, `×${n}`)))))
      : el('p', { class: 'empty' }, 'None.'),
  );
}

/* =====================================================================
 * 5. Search and ask
 * ===================================================================== */

VIEWS.search = async (r, token) => {
  const p = r.params;
  const form = $('#search-form');
  const f = { q: p.get('q') || '', from: p.get('from') || '', to: p.get('to') || '', entity: p.get('entity') || '' };
  for (const k of Object.keys(f)) form.elements[k].value = f[k];
  const status = $('#search-status');
  const list = $('#search-results');
  if (!f.q.trim()) {
    list.replaceChildren();
    setStatus(status, 'Type words to search every sentence of the record; quotes find a phrase.');
    return;
  }
  setStatus(status, `Searching for “${f.q}”…`, 'loading');
  list.setAttribute('aria-busy', 'true');
  let body;
  try {
    body = await api('/api/search', f);
  } finally {
    list.removeAttribute('aria-busy');
  }
  if (stale(token)) return;
  const hits = itemsOf(body);
  if (!hits.length) {
    list.replaceChildren();
    setStatus(status, el('span', { class: 'empty' }, `No sentence matches “${f.q}”${f.from || f.to || f.entity ? ' with these filters' : ''}.`));
    return;
  }
  setStatus(status, `${plural(hits.length, 'sentence')} ${hits.length === 1 ? 'matches' : 'match'} “${f.q}”, best first.`);
  list.replaceChildren(...hits.map((hit) => el('li', null,
    quoteBlock(hit.quote, hit.matches || []),
    sourceLine(hit.quote, (hit.matches && hit.matches[0] && hit.matches[0][0]) ?? hit.quote.start))));
};

VIEWS.ask = async (r, token) => {
  const q = r.params.get('q') || '';
  $('#ask-input').value = q;
  const status = $('#ask-status');
  const box = $('#ask-answer');
  if (!q.trim()) {
    box.replaceChildren();
    setStatus(status, '');
    return;
  }
  setStatus(status, 'Looking for the answer…', 'loading');
  const a = await api('/api/ask', { q });
  if (stale(token)) return;
  setStatus(status, '');
  const evidence = a.evidence || [];
  const closest = a.closest || [];
  if (a.answer == null || a.answer === '') {
    box.replaceChildren(el('div', { class: 'answer none' },
      el('p', { class: 'asked' }, `Asked: ${a.question || q}`),
      el('p', { class: 'said' }, 'No answer found in the record.'),
      closest.length ? [el('p', null, 'The closest sentences:'), el('ol', { class: 'results' }, closest.map((quote) => el('li', null, quoteBlock(quote), sourceLine(quote))))] : el('p', { class: 'hint' }, 'Nothing close either. Try other words, or search.'),
      el('p', null, el('a', { href: href('search', [], { q: keywords(q) }) }, 'Search the sentences for these words instead'))));
    return;
  }
  box.replaceChildren(el('div', { class: 'answer' },
    el('p', { class: 'asked' }, `Asked (${String(a.asks || 'question').replace(/_/g, ' ')}): ${a.question || q}`),
    el('p', { class: 'said' }, String(a.answer)),
    evidence.length ? el('p', { class: 'hint' }, evidence.length === 1 ? 'From this sentence:' : `From these ${evidence.length} sentences:`) : '',
    el('ol', { class: 'results' }, evidence.map((ev) => {
      const e = ev.event;
      const trig = e && e.trigger;
      return el('li', null,
        ev.quote ? quoteBlock(ev.quote, trig && trig.start != null ? [[trig.start, trig.end]] : [], 'trigger-hl', 'span') : '',
        el('p', { class: 'codes' }, [ev.date ? describeDate(String(ev.date), null, null) : null, e ? `${actors(e)} · ${eventCodes(e)}` : null].filter(Boolean).join(' · ')),
        ev.quote ? sourceLine(ev.quote, trig ? trig.start : ev.quote.start) : '');
    }))));
};

const QUESTION_WORDS = new Set('a an and are as at be by did do does for from had has have how in is it much many of on or take took place the their them then there they this to was were what when where which who whom whose why with'.split(' '));
/** The content words of a question, for a full-text search. */
function keywords(q) {
  return String(q).split(/[^\p{L}\p{N}'-]+/u).filter((w) => w && !QUESTION_WORDS.has(w.toLowerCase())).join(' ') || q;
}

function setupSearch() {
  const form = $('#search-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const f = Object.fromEntries(['q', 'from', 'to', 'entity'].map((k) => [k, form.elements[k].value.trim()]));
    go(href('search', [], f));
  });
  form.elements.entity.addEventListener('focus', fillEntityNames);
  const ask = $('#ask-form');
  ask.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('#ask-input').value.trim();
    if (q) go(href('ask', [], { q }));
  });
}

/* =====================================================================
 * 6. Reader
 * ===================================================================== */

const RD = { key: null, doc: null, sentences: [], spans: new Map(), pieces: [], sel: -1, ix: null };

let documentList = null;
async function documents() {
  if (!documentList) documentList = api('/api/documents').then(itemsOf).catch((e) => {
    documentList = null;
    throw e;
  });
  return documentList;
}
/** A document by its row id or its name (Quote.document): the API takes row ids. */
async function loadDocument(id) {
  if (/^\d+$/.test(id)) {
    try {
      return await api(`/api/documents/${id}`);
    } catch (err) {
      if (err.status !== 404 && err.status !== 400) throw err;
    }
  }
  const list = await documents();
  if (!list.length) throw new ApiError(404, 'The record holds no documents yet: add some with `annals ingest`.');
  const hit = id ? list.find((d) => d.name === id || String(d.id) === id) : list[0];
  if (!hit) throw new ApiError(404, `The record has no document named “${id}”.`);
  return api(`/api/documents/${enc(String(hit.id))}`);
}

VIEWS.reader = async (r, token) => {
  const id = r.parts[0] || '';
  const byteText = r.parts[1];
  const byte = byteText != null && byteText !== '' && /^\d+$/.test(byteText) ? Number(byteText) : null;
  const status = $('#reader-status');
  const same = RD.doc && (!id || id === RD.doc.name || id === String(RD.doc.id) || id === RD.key);
  if (!same) {
    setStatus(status, 'Loading the document…', 'loading');
    $('#reader').replaceChildren();
    $('#reader-panel').replaceChildren();
    const doc = await loadDocument(id);
    if (stale(token)) return;
    RD.key = id;
    RD.doc = doc;
    renderDocument(doc);
  }
  const doc = RD.doc;
  document.title = `${doc.title || doc.name} — annals`;
  setStatus(status, `${doc.title || doc.name}: ${plural((doc.sentences || []).length, 'sentence')}, ${plural((doc.timexes || []).length, 'time expression')}, ${plural((doc.mentions || []).length, 'name')}, ${plural((doc.events || []).length, 'event')}, ${plural((doc.measures || []).length, 'measure')}. Select a sentence for its annotations.`);
  const nav = $('.views a[data-view="reader"]');
  if (nav) nav.setAttribute('href', safeHref(location.hash || '#doc'));
  if (byte != null) {
    const i = sentenceAt(byte);
    showSentence(i, { flash: true, scroll: true, focus: true, byte });
  } else {
    for (const n of $$('#reader .sent.selected, #reader .target')) n.classList.remove('selected', 'target');
    showOverview();
  }
};

function sentenceAt(byte) {
  const ss = RD.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid].start <= byte) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best >= 0 && byte < ss[best].end) return best;
  return Math.min(ss.length - 1, best + 1);
}

/** Blocks of the seed's plain-text format (also Markdown and plain text):
 * headings, list items and paragraphs, as string index ranges. */
function parseBlocks(text) {
  const blocks = [];
  let para = null;
  let list = null;
  let at = 0;
  while (at <= text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl);
    const ls = at;
    at = nl + 1;
    let m;
    if (!line.trim()) {
      para = null;
      list = null;
    } else if ((m = /^(=+)[ \t]*(.*?)[ \t]*\1[ \t]*$/.exec(line)) || (m = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(line))) {
      const s = ls + line.indexOf(m[2], m[1].length);
      blocks.push({ kind: 'h', level: m[1].length, s, e: s + m[2].length });
      para = null;
      list = null;
    } else if ((m = /^([ \t]*[-*•][ \t]+)/.exec(line))) {
      if (!list) {
        list = { kind: 'ul', items: [], infobox: !!(para && para.infobox) };
        blocks.push(list);
      }
      list.items.push({ s: ls + m[1].length, e: nl });
      para = null;
    } else if (para) {
      para.e = nl;
    } else {
      para = { kind: 'p', s: ls, e: nl, infobox: line.trim() === 'Infobox' };
      blocks.push(para);
      list = null;
    }
    if (nl >= text.length) break;
  }
  return blocks;
}

function annotationTitle(a) {
  const d = a.data;
  switch (a.layer) {
    case 'time': {
      const parts = [`Time: ${d.type || 'TIMEX3'} ${d.value || ''}${d.mod ? ' ' + d.mod : ''}`];
      if (d.edtf) parts.push(`EDTF ${d.edtf}`);
      if (d.earliest) parts.push(`${d.earliest} … ${d.latest}`);
      return parts.join(' · ');
    }
    case 'ent':
      return `Entity: ${d.link || d.text} (${d.label || ''}${d.iso ? ', ' + d.iso : ''}${d.cow != null ? ', COW ' + d.cow : ''})${d.link ? ' — ' + wikiHref(d.link) : ''}`;
    case 'event':
      return `Event: ${eventCodes(d)} · ${actors(d)}${d.date ? ' · ' + describeDate(d.date.value, d.date.modifier || d.date.mod, d.date.end) : ''}${eventFlags(d).length ? ' · ' + eventFlags(d).join(', ') : ''}`;
    case 'measure':
      return `Measure: ${d.approx ? d.approx + ' ' : ''}${money(d.amount, d.unit)} · ${d.measure || ''}${d.date ? ' · ' + describeDate(d.date.value, d.date.modifier || d.date.mod, d.date.end) : ''}`;
    default:
      return '';
  }
}

function renderDocument(doc) {
  const text = doc.text || '';
  const ix = (RD.ix = byteMap(text));
  const anns = [];
  const add = (layer, data, start, end) => {
    if (start == null || end == null) return;
    const s = ix(start);
    const e = ix(end);
    if (e > s) anns.push({ layer, data, s, e, start, end });
  };
  for (const t of doc.timexes || []) add('time', t, t.start, t.end);
  for (const m of doc.mentions || []) add('ent', m, m.start, m.end);
  for (const ev of doc.events || []) add('event', ev, ev.trigger && ev.trigger.start, ev.trigger && ev.trigger.end);
  for (const q of doc.measures || []) add('measure', q, q.start, q.end);
  anns.sort((a, b) => a.s - b.s || b.e - a.e);
  RD.anns = anns;
  RD.sentences = (doc.sentences || []).map((s, i) => ({ i, start: s.start, end: s.end, s: ix(s.start), e: ix(s.end), section: s.section })).sort((a, b) => a.s - b.s);
  RD.sentences.forEach((s, i) => { s.i = i; });
  const cuts = new Set();
  for (const a of anns) {
    cuts.add(a.s);
    cuts.add(a.e);
  }
  for (const s of RD.sentences) {
    cuts.add(s.s);
    cuts.add(s.e);
  }
  const sortedCuts = [...cuts].sort((a, b) => a - b);
  RD.spans = new Map();
  RD.pieces = [];
  let annAt = 0;
  let active = [];
  let sentAt = 0;
  let cutAt = 0;

  // One block's content, split at every boundary; runs of one sentence grouped.
  const content = (s, e) => {
    const out = [];
    let group = null;
    let groupSent = -1;
    const points = [s];
    while (cutAt < sortedCuts.length && sortedCuts[cutAt] <= s) cutAt++;
    let c = cutAt;
    while (c < sortedCuts.length && sortedCuts[c] < e) points.push(sortedCuts[c++]);
    points.push(e);
    for (let k = 0; k + 1 < points.length; k++) {
      const p = points[k];
      const q = points[k + 1];
      if (q <= p) continue;
      while (annAt < anns.length && anns[annAt].s <= p) active.push(anns[annAt++]);
      active = active.filter((a) => a.e > p);
      while (sentAt < RD.sentences.length && RD.sentences[sentAt].e <= p) sentAt++;
      const sent = sentAt < RD.sentences.length && RD.sentences[sentAt].s <= p ? RD.sentences[sentAt] : null;
      const str = text.slice(p, q);
      let node;
      if (active.length) {
        const layers = [...new Set(active.map((a) => a.layer))];
        node = el('span', { class: layers.map((l) => 'a-' + l).join(' '), title: active.map(annotationTitle).join('\n') }, str);
        RD.pieces.push({ el: node, s: p, e: q });
      } else node = document.createTextNode(str);
      const si = sent ? sent.i : -1;
      if (si !== groupSent) {
        groupSent = si;
        if (sent) {
          group = el('span', { class: 'sent', tabindex: '-1', dataset: { start: String(sent.start), end: String(sent.end), i: String(sent.i) } });
          if (!RD.spans.has(sent.i)) RD.spans.set(sent.i, []);
          RD.spans.get(sent.i).push(group);
          out.push(group);
        } else group = null;
      }
      if (group) group.append(node);
      else out.push(node);
    }
    return out;
  };

  const article = $('#reader');
  const frag = document.createDocumentFragment();
  const blocks = parseBlocks(text);
  if (!blocks.some((b) => b.kind === 'h' && b.level === 1)) frag.append(el('h1', null, doc.title || doc.name || 'Document'));
  for (const b of blocks) {
    if (b.kind === 'h') {
      const level = Math.min(6, b.level);
      frag.append(el(`h${level}`, { dataset: { start: String(b.s) } }, content(b.s, b.e)));
    } else if (b.kind === 'ul') {
      frag.append(el('ul', { class: b.infobox ? 'infobox' : null }, b.items.map((it) => el('li', null, content(it.s, it.e)))));
    } else {
      frag.append(el('p', { class: b.infobox ? 'infobox' : null }, content(b.s, b.e)));
    }
  }
  article.replaceChildren(frag);
  RD.sel = -1;
}

function annotationsIn(start, end) {
  const doc = RD.doc;
  const inside = (s, e) => s >= start && e <= end;
  return {
    times: (doc.timexes || []).filter((t) => inside(t.start, t.end)),
    names: (doc.mentions || []).filter((m) => inside(m.start, m.end)),
    events: (doc.events || []).filter((ev) => ev.trigger && inside(ev.trigger.start, ev.trigger.end)),
    measures: (doc.measures || []).filter((q) => inside(q.start, q.end)),
  };
}

function sectionOf(sent) {
  const secs = RD.doc.sections || [];
  if (sent.section != null && secs[sent.section]) return secs[sent.section].heading;
  const hit = secs.filter((s) => s.start <= sent.start && sent.start < s.end).pop();
  return hit ? hit.heading : null;
}

function showSentence(i, { flash = false, scroll = false, focus = false, byte = null } = {}) {
  const s = RD.sentences[i];
  for (const n of $$('#reader .sent.selected, #reader .sent.flash')) n.classList.remove('selected', 'flash');
  for (const n of $$('#reader .target')) n.classList.remove('target');
  if (!s) {
    showOverview();
    return;
  }
  RD.sel = i;
  const spans = RD.spans.get(i) || [];
  for (const n of spans) {
    n.classList.add('selected');
    if (flash) {
      n.classList.remove('flash');
      void n.getBoundingClientRect();
      n.classList.add('flash');
    }
  }
  if (byte != null && byte !== s.start) {
    const starting = RD.anns.filter((a) => a.start === byte).sort((a, b) => b.e - a.e)[0];
    if (starting) for (const p of RD.pieces) if (p.s >= starting.s && p.e <= starting.e) p.el.classList.add('target');
  }
  if (spans[0]) {
    if (scroll) spans[0].scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    if (focus) spans[0].focus({ preventScroll: true });
  }
  drawPanel(s);
}

function drawPanel(s) {
  const panel = $('#reader-panel');
  const doc = RD.doc;
  const text = doc.text.slice(s.s, s.e);
  const { times, names, events, measures } = annotationsIn(s.start, s.end);
  const section = sectionOf(s);
  const step = (d) => {
    const j = RD.sel + d;
    if (j < 0 || j >= RD.sentences.length) return;
    const t = RD.sentences[j];
    history.replaceState(history.state, '', docHref(RD.doc.name, t.start));
    showSentence(j, { flash: true, scroll: true, focus: true });
  };
  fill(panel,
    el('h2', null, `Sentence ${s.i}`, el('span', { class: 'codes' }, ` of 0–${RD.sentences.length - 1}`)),
    section ? el('p', { class: 'codes' }, section) : '',
    el('p', { class: 'codes' }, `bytes ${s.start}–${s.end} · `, el('a', { href: docHref(doc.name, s.start) }, 'link to this sentence')),
    el('div', { class: 'nav-row' },
      el('button', { type: 'button', onclick: () => step(-1), disabled: s.i === 0 }, '← Previous'),
      el('button', { type: 'button', onclick: () => step(1), disabled: s.i + 1 >= RD.sentences.length }, 'Next →')),
    times.length ? [el('h3', null, 'Time'), el('ul', null, times.map((t) => el('li', null,
      el('span', { class: 'a-time' }, t.text), ' ',
      el('span', { class: 'codes' }, [t.type, t.value + (t.mod ? ' ' + t.mod : ''), t.edtf ? `EDTF ${t.edtf}` : null, t.earliest ? `${t.earliest} … ${t.latest}` : null].filter(Boolean).join(' · ')))))] : '',
    names.length ? [el('h3', null, 'Names'), el('ul', null, names.map((m) => el('li', null,
      m.link ? el('a', { href: entityHref(m.link) }, m.text) : el('span', null, m.text), ' ',
      el('span', { class: 'codes' }, [m.label, m.link && m.link !== m.text ? m.link : null, m.iso, m.cow != null ? `COW ${m.cow}` : null].filter(Boolean).join(' · ')),
      m.link ? [' ', el('a', { href: wikiHref(m.link), rel: 'noopener noreferrer', target: '_blank', 'aria-label': `${m.link} on Wikipedia` }, 'W↗')] : '')))] : '',
    events.length ? [el('h3', null, 'Events'), el('ul', null, events.map((ev) => el('li', null,
      el('span', { class: `badge ${signClass(ev.goldstein)}` }, ev.type), ' ',
      el('strong', null, `“${ev.trigger.text}”`), el('br'),
      el('span', { class: 'codes' }, [actors(ev), eventCodes(ev), ev.date ? describeDate(ev.date.value, ev.date.modifier || ev.date.mod, ev.date.end) : 'undated', ...eventFlags(ev)].join(' · ')))))] : '',
    measures.length ? [el('h3', null, 'Measures'), el('ul', null, measures.map((q) => el('li', null,
      el('span', { class: 'a-measure' }, q.text), ' ',
      el('span', { class: 'codes' }, [`${q.approx ? q.approx + ' ' : ''}${money(q.amount, q.unit)}`, q.measure, q.date ? describeDate(q.date.value, q.date.modifier || q.date.mod, q.date.end) : null].filter(Boolean).join(' · ')))))] : '',
    !times.length && !names.length && !events.length && !measures.length ? el('p', { class: 'empty' }, 'No annotations in this sentence.') : '',
    el('h3', null, 'Cite'),
    el('p', { class: 'codes' }, `“${clip(text, 300)}” — ${doc.title || doc.name}, sentence ${s.i} (bytes ${s.start}–${s.end}).`),
  );
}

function showOverview() {
  const doc = RD.doc;
  RD.sel = -1;
  const secs = (doc.sections || []).filter((s) => s.level > 1 && s.heading);
  fill($('#reader-panel'),
    el('h2', null, 'Contents'),
    secs.length ? el('ul', null, secs.map((s) => el('li', { class: s.level > 2 ? 'codes' : null }, el('a', { href: docHref(doc.name, sentenceStartFrom(s.start)) }, s.heading)))) : el('p', { class: 'empty' }, 'No sections.'),
    el('h3', null, 'Highlights'),
    el('p', { class: 'codes' }, 'Time expressions on a gold ground, names underlined in blue, event words in red, amounts dotted in green. Hover for the normalised value; select a sentence for all of its annotations.'),
  );
}
function sentenceStartFrom(byte) {
  const i = sentenceAt(byte);
  return RD.sentences[i] ? RD.sentences[i].start : byte;
}

function setupReader() {
  const article = $('#reader');
  article.addEventListener('click', (e) => {
    if (window.getSelection && String(window.getSelection()).length > 2) return;
    const s = e.target.closest('.sent');
    if (!s || !RD.doc) return;
    history.replaceState(history.state, '', docHref(RD.doc.name, s.dataset.start));
    showSentence(Number(s.dataset.i));
  });
  for (const box of $$('#reader-layers input')) {
    box.addEventListener('change', () => article.classList.toggle(`hide-${box.value}`, !box.checked));
  }
}

/* =====================================================================
 * 7. Chart downloads (SVG and PNG; a data: URL, which the CSP allows)
 * ===================================================================== */

function serializeChart(id) {
  const src = document.getElementById(id);
  const w = Math.round(src.clientWidth || Number(src.getAttribute('width')) || 900);
  const h = Math.round(Number(src.getAttribute('height')) || src.clientHeight || 400);
  const copy = src.cloneNode(true);
  copy.setAttribute('xmlns', SVGNS);
  copy.setAttribute('width', w);
  copy.setAttribute('height', h);
  copy.setAttribute('viewBox', `0 0 ${w} ${h}`);
  copy.setAttribute('font-family', 'Helvetica, Arial, sans-serif');
  for (const a of ['class', 'tabindex', 'role', 'aria-label', 'aria-describedby', 'focusable', 'id']) copy.removeAttribute(a);
  for (const n of copy.querySelectorAll('.off')) n.remove();
  for (const n of copy.querySelectorAll('[tabindex]')) n.removeAttribute('tabindex');
  copy.insertBefore(svg('rect', { x: 0, y: 0, width: w, height: h, fill: '#ffffff' }), copy.firstChild);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`, w, h };
}
function saveUrl(url, name) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}
function downloadChart(id, kind) {
  const { text, w, h } = serializeChart(id);
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  const name = `annals-${id}`;
  if (kind === 'svg') {
    saveUrl(url, `${name}.svg`);
    return;
  }
  const img = new Image();
  img.onload = () => {
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = w * scale;
    canvas.height = h * scale;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, w, h);
    try {
      saveUrl(canvas.toDataURL('image/png'), `${name}.png`);
    } catch (err) {
      reportDownloadError(id, err);
    }
  };
  img.onerror = () => reportDownloadError(id, new Error('the browser could not draw the chart as an image'));
  img.src = url;
}
function reportDownloadError(id, err) {
  const status = document.getElementById(id).closest('section').querySelector('.status');
  if (status) showError(status, err, 'the PNG');
}

/* =====================================================================
 * start
 * ===================================================================== */

function setupCommon() {
  const types = $('#tl-type');
  types.append(...PLOVER.map(([t]) => el('option', { value: t }, t.toLowerCase())));
  document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('a[href^="#"]')) flushTimelineHash();
    const skip = e.target.closest && e.target.closest('a[data-skip]');
    if (skip) {
      e.preventDefault();
      const target = document.getElementById(skip.dataset.skip);
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
      return;
    }
    const dl = e.target.closest && e.target.closest('[data-download]');
    if (dl) downloadChart(dl.dataset.chart, dl.dataset.download);
  });
  let resizeTimer = 0;
  let lastWidth = 0;
  new ResizeObserver((entries) => {
    const w = Math.round(entries[0].contentRect.width);
    if (w === lastWidth) return;
    lastWidth = w;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (currentView === 'timeline' && TL.marks.length) {
        layoutTimeline();
        positionMarks(false);
      } else if (currentView === 'index' && IX.data) {
        drawIndex();
        drawn();
      } else if (currentView === 'measures' && MS.items) {
        route();
      }
    }, 120);
  }).observe($('main'));
}

function start() {
  setupCommon();
  setupTimeline();
  setupIndex();
  setupMeasures();
  setupEntities();
  setupSearch();
  setupReader();
  window.addEventListener('hashchange', route);
  route();
}

start();
