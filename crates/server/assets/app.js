// khabar web interface. Every piece of data from the API is put in the page as text
// (text nodes, textContent, attributes set one by one); markup is never parsed from data.
'use strict';

const LABELS = {
  ar: {
    query: 'البحث', placeholder: 'ابحث في الأخبار…', from: 'من', to: 'إلى', sort: 'الترتيب',
    sort_score: 'الأهم', sort_date: 'الأحدث', search: 'بحث', analyze: 'تحليل نص', api: 'واجهة البرمجة',
    footer: 'خبر: محرك عربي لتحويل الأخبار إلى معرفة', loading: 'جار التحميل…',
    results: (n) => `${fmt(n)} نتيجة`, latest: 'أحدث الأخبار', no_results: 'لا نتائج لهذا البحث.',
    sources: 'المصادر', per_day: 'المقالات حسب اليوم', per_month: 'المقالات حسب الشهر', entities: 'الكيانات',
    filters: 'المرشحات', remove: 'إزالة', prev: 'السابق', next: 'التالي', page: (a, b) => `${fmt(a)}–${fmt(b)}`,
    PERS: 'أشخاص', LOC: 'أماكن', ORG: 'منظمات', MISC: 'أخرى',
    numbers: 'الأعداد', dates: 'التواريخ', quotes: 'الاقتباسات', events: 'الأحداث', keywords: 'الكلمات المفتاحية',
    summary: 'الملخص', none: 'لا شيء', original: 'المصدر الأصلي', back: 'عودة إلى البحث', source: 'المصدر',
    published: 'النشر', author: 'الكاتب', duplicate_of: 'نسخة من', said: 'قال', unknown_speaker: 'متحدث غير معروف',
    denial: 'نفي', actor: 'الفاعل', target: 'المفعول', location: 'المكان', count: 'العدد', error: 'خطأ',
    analyze_title: 'تحليل نص', analyze_text: 'النص', analyze_title_field: 'العنوان (اختياري)',
    analyze_date: 'تاريخ النشر (اختياري)', analyze_go: 'حلل', reading: 'القراءة', not_found: 'المقال غير موجود',
    in_article: 'في المقال', when: 'التاريخ', search_entity: 'ابحث عن هذا الكيان',
  },
  en: {
    query: 'Search', placeholder: 'Search the news…', from: 'From', to: 'To', sort: 'Order',
    sort_score: 'Relevance', sort_date: 'Newest', search: 'Search', analyze: 'Analyze text', api: 'API',
    footer: 'khabar: Arabic news into knowledge', loading: 'Loading…',
    results: (n) => `${fmt(n)} results`, latest: 'Latest news', no_results: 'No results for this search.',
    sources: 'Sources', per_day: 'Articles per day', per_month: 'Articles per month', entities: 'Entities',
    filters: 'Filters', remove: 'Remove', prev: 'Previous', next: 'Next', page: (a, b) => `${fmt(a)}–${fmt(b)}`,
    PERS: 'People', LOC: 'Places', ORG: 'Organizations', MISC: 'Other',
    numbers: 'Numbers', dates: 'Dates', quotes: 'Quotations', events: 'Events', keywords: 'Keywords',
    summary: 'Summary', none: 'None', original: 'Original', back: 'Back to search', source: 'Source',
    published: 'Published', author: 'Author', duplicate_of: 'Duplicate of', said: 'said', unknown_speaker: 'unknown speaker',
    denial: 'denial', actor: 'Actor', target: 'Target', location: 'Place', count: 'Count', error: 'Error',
    analyze_title: 'Analyze a text', analyze_text: 'Text', analyze_title_field: 'Title (optional)',
    analyze_date: 'Publication date (optional)', analyze_go: 'Analyze', reading: 'Reading', not_found: 'No such article',
    in_article: 'in the article', when: 'Date', search_entity: 'Search this entity',
  },
};
const TYPES = ['PERS', 'LOC', 'ORG', 'MISC'];
const FILTER_KEYS = ['q', 'from', 'to', 'source', 'entity', 'sort', 'offset'];
const PAGE = 10;

let lang = localStorage.getItem('khabar.lang') === 'en' ? 'en' : 'ar';
const t = (k, ...a) => {
  const v = LABELS[lang][k] ?? LABELS.ar[k] ?? k;
  return typeof v === 'function' ? v(...a) : v;
};
const fmt = (n) => Number(n).toLocaleString(lang === 'ar' ? 'ar' : 'en');

// el('a', {href: '/x', class: 'c'}, 'text', child): children are strings (text nodes) or nodes.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}
function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

const app = () => document.getElementById('app');
function show(...nodes) {
  app().replaceChildren(...nodes);
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    const err = new Error((body && body.error) || `HTTP ${r.status}`);
    err.status = r.status;
    throw err;
  }
  return body;
}

function errorBox(e) {
  return el('div', { class: 'error', role: 'alert' }, el('strong', {}, t('error'), ': '), e.message);
}

function dateOnly(rfc) {
  return rfc ? String(rfc).slice(0, 10) : '';
}
function niceDate(rfc) {
  if (!rfc) return '';
  const d = new Date(rfc);
  if (Number.isNaN(d.getTime())) return String(rfc);
  try {
    return new Intl.DateTimeFormat(lang === 'ar' ? 'ar' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  } catch (_) {
    return dateOnly(rfc);
  }
}
// Only web links are ever made clickable (never javascript: or data: from a document).
function safeUrl(u) {
  return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
}
function searchHref(params) {
  const sp = new URLSearchParams();
  for (const k of FILTER_KEYS) if (params[k]) sp.set(k, params[k]);
  const s = sp.toString();
  return s ? `/?${s}` : '/';
}
function articleHref(id) {
  return `/article?${new URLSearchParams({ id })}`;
}
function entityHref(type, name) {
  return searchHref({ entity: `${type}:${name}` });
}

// Links inside the app navigate without reloading.
function link(href, attrs, ...children) {
  const a = el('a', { ...attrs, href }, ...children);
  a.addEventListener('click', (ev) => {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    navigate(href);
  });
  return a;
}
function navigate(href) {
  history.pushState(null, '', href);
  route();
}

// ------------------------------------------------------------------------------------------
// labels and language

function applyLabels() {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  const b = document.getElementById('lang');
  b.textContent = lang === 'ar' ? 'English' : 'العربية';
  b.lang = lang === 'ar' ? 'en' : 'ar';
}

// ------------------------------------------------------------------------------------------
// search page

function readParams() {
  const sp = new URLSearchParams(location.search);
  const p = {};
  for (const k of FILTER_KEYS) {
    const v = sp.get(k);
    if (v) p[k] = v.trim();
  }
  return p;
}

function fillForm(p) {
  document.getElementById('q').value = p.q || '';
  document.getElementById('from').value = /^\d{4}-\d{2}-\d{2}$/.test(p.from || '') ? p.from : '';
  document.getElementById('to').value = /^\d{4}-\d{2}-\d{2}$/.test(p.to || '') ? p.to : '';
  document.getElementById('sort').value = p.sort === 'date' ? 'date' : 'score';
}

async function showSearch() {
  const p = readParams();
  fillForm(p);
  sessionStorage.setItem('khabar.lastSearch', searchHref(p));
  const any = p.q || p.from || p.to || p.source || p.entity;
  const query = { ...p, limit: PAGE };
  if (!any) query.sort = 'date';
  document.title = p.q ? `${p.q} · خبر` : 'خبر · khabar';
  show(el('p', { class: 'loading' }, t('loading')));
  let res;
  try {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) sp.set(k, v);
    res = await api(`/api/search?${sp}`);
  } catch (e) {
    show(errorBox(e));
    return;
  }
  const results = el('section', { class: 'results', id: 'results' },
    el('h2', { class: 'count', id: 'result-count' }, any ? t('results', res.total) : t('latest')),
    filterChips(p),
    res.hits.length ? el('ol', { class: 'hits', start: (res.offset + 1) }, res.hits.map(hitItem)) : el('p', { class: 'empty' }, t('no_results')),
    pager(p, res));
  show(el('div', { class: 'layout' }, results, facetsPanel(p, res.facets)));
}

function filterChips(p) {
  const chips = [];
  const drop = (k) => {
    const q = { ...p };
    delete q[k];
    delete q.offset;
    return searchHref(q);
  };
  if (p.source) chips.push(chip(`${t('source')}: ${p.source}`, drop('source')));
  if (p.entity) {
    const i = p.entity.indexOf(':');
    const ty = p.entity.slice(0, i);
    chips.push(chip(p.entity.slice(i + 1), drop('entity'), `ent-${TYPES.includes(ty) ? ty : 'MISC'}`));
  }
  if (p.from) chips.push(chip(`${t('from')} ${p.from}`, drop('from')));
  if (p.to) chips.push(chip(`${t('to')} ${p.to}`, drop('to')));
  return chips.length ? el('div', { class: 'chips', 'aria-label': t('filters') }, chips) : null;
}
function chip(text, removeHref, cls) {
  return el('span', { class: `chip ${cls || ''}` }, el('bdi', {}, text), ' ',
    link(removeHref, { class: 'chip-x', title: t('remove'), 'aria-label': t('remove') }, '×'));
}

function hitItem(h) {
  const snippet = el('p', { class: 'snippet', dir: 'auto' },
    (h.snippet_parts || []).map((part) => (part.hl ? el('mark', {}, part.text) : part.text)));
  const meta = el('div', { class: 'meta' },
    h.source ? link(searchHref({ source: h.source }), { class: 'src' }, h.source) : null,
    h.published ? el('time', { datetime: h.published }, niceDate(h.published)) : null);
  return el('li', { class: 'hit' },
    el('h3', { dir: 'auto' }, link(articleHref(h.id), { class: 'hit-title' }, h.title || h.id)),
    meta, snippet);
}

function pager(p, res) {
  if (res.total <= res.limit) return null;
  const from = res.offset + 1;
  const to = Math.min(res.offset + res.hits.length, res.total);
  const at = (off) => searchHref({ ...p, offset: off > 0 ? String(off) : '' });
  return el('nav', { class: 'pager' },
    res.offset > 0 ? link(at(Math.max(0, res.offset - res.limit)), { rel: 'prev' }, t('prev')) : el('span'),
    el('span', {}, t('page', from, to)),
    to < res.total ? link(at(res.offset + res.limit), { rel: 'next' }, t('next')) : el('span'));
}

function facetsPanel(p, f) {
  const parts = [];
  if (f.dates && f.dates.length) {
    const monthly = f.dates[0].date.length === 7;
    parts.push(el('section', { class: 'facet' }, el('h3', {}, monthly ? t('per_month') : t('per_day')), chart(p, f.dates)));
  }
  if (f.sources && f.sources.length) {
    parts.push(el('section', { class: 'facet' }, el('h3', {}, t('sources')),
      el('ul', { class: 'counts' }, f.sources.map((s) => el('li', {},
        link(searchHref({ ...p, source: s.name, offset: '' }), { dir: 'auto' }, s.name), el('span', { class: 'n' }, fmt(s.count)))))));
  }
  for (const ty of TYPES) {
    const list = (f.entities || {})[ty];
    if (!list || !list.length) continue;
    parts.push(el('section', { class: `facet facet-${ty}` }, el('h3', {}, el('span', { class: `dot ent-${ty}` }), t(ty)),
      el('ul', { class: 'counts' }, list.slice(0, 10).map((e) => el('li', {},
        link(searchHref({ ...p, entity: `${ty}:${e.name}`, offset: '' }), { class: `ent ent-${ty}`, dir: 'auto' }, e.name),
        el('span', { class: 'n' }, fmt(e.count)))))));
  }
  return el('aside', { class: 'facets', id: 'facets' }, parts);
}

// An SVG bar chart of articles per day (or month); a bar links to the search on that period.
function chart(p, buckets) {
  const W = 300, H = 120, pad = 18;
  const max = Math.max(...buckets.map((b) => b.count), 1);
  const n = buckets.length;
  const bw = (W - 2) / n;
  const s = svg('svg', { viewBox: `0 0 ${W} ${H + pad}`, class: 'chart', direction: 'ltr', role: 'img', 'aria-label': buckets.map((b) => `${b.date}: ${b.count}`).join(', ') });
  // Time runs right to left in Arabic, left to right in English.
  const rtl = document.documentElement.dir === 'rtl';
  buckets.forEach((b, i) => {
    const h = Math.max(2, (b.count / max) * (H - 14));
    const x = rtl ? W - 1 - (i + 1) * bw : 1 + i * bw;
    const href = searchHref({ ...p, from: b.date, to: b.date, offset: '' });
    const a = svg('a', { href, class: 'bar' },
      svg('rect', { x: x + bw * 0.1, y: H - h, width: Math.max(1, bw * 0.8), height: h, rx: 1.5 }),
      svg('title', {}, `${b.date}: ${b.count}`));
    a.addEventListener('click', (ev) => { ev.preventDefault(); navigate(href); });
    s.append(a);
    if (n <= 12 || i === 0 || i === n - 1) {
      s.append(svg('text', { x: x + bw / 2, y: H - h - 3, 'text-anchor': 'middle', class: 'bar-n' }, String(b.count)));
    }
  });
  // The oldest date sits where time starts (right in Arabic), the newest at the other end.
  const first = buckets[0].date, last = buckets[n - 1].date;
  const label = (text, atRight) => svg('text', { x: atRight ? W - 2 : 2, y: H + pad - 4, 'text-anchor': atRight ? 'end' : 'start', class: 'axis' }, text);
  s.append(label(first, rtl));
  if (n > 1) s.append(label(last, !rtl));
  return s;
}

// ------------------------------------------------------------------------------------------
// article page

async function showArticle() {
  const id = new URLSearchParams(location.search).get('id') || '';
  show(el('p', { class: 'loading' }, t('loading')));
  let a;
  try {
    a = await api(`/api/articles/${encodeURIComponent(id)}`);
  } catch (e) {
    show(e.status === 404 ? el('div', { class: 'error' }, t('not_found'), ' ', el('bdi', {}, id)) : errorBox(e),
      el('p', {}, link('/', {}, t('back'))));
    return;
  }
  document.title = `${a.title} · خبر`;
  const url = safeUrl(a.url);
  const meta = el('div', { class: 'meta' },
    a.source ? link(searchHref({ source: a.source }), { class: 'src' }, a.source) : null,
    a.published ? el('time', { datetime: a.published }, niceDate(a.published)) : null,
    a.author ? el('span', {}, `${t('author')}: `, el('bdi', {}, a.author)) : null,
    a.duplicate_of ? el('span', {}, `${t('duplicate_of')} `, link(articleHref(a.duplicate_of), {}, a.duplicate_of)) : null,
    url ? el('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'orig' }, t('original')) : null);
  const article = el('article', { class: 'article', id: 'article' },
    el('p', { class: 'back' }, link(sessionStorage.getItem('khabar.lastSearch') || '/', { id: 'back-link' }, t('back'))),
    el('h1', { dir: 'auto', id: 'article-title' }, a.title),
    meta,
    legend(a.reading),
    markedText(a.body, a.reading, 'article-body'));
  show(el('div', { class: 'layout article-layout' }, article, readingPanel(a.body, a.reading)));
}

function legend(reading) {
  const counts = {};
  for (const e of (reading && reading.entities) || []) counts[e.label] = (counts[e.label] || 0) + 1;
  return el('div', { class: 'legend' }, TYPES.map((ty) => el('span', { class: `ent ent-${ty}` }, t(ty), ' ', el('span', { class: 'n' }, fmt(counts[ty] || 0)))));
}

// The text with entity mentions as coloured links. Spans are UTF-8 byte offsets.
function markedText(text, reading, id) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const slice = (a, b) => dec.decode(bytes.subarray(a, b));
  const spans = ((reading && reading.entities) || [])
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start < e.end && e.end <= bytes.length)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const out = el('div', { class: 'body', dir: 'rtl', id });
  let at = 0;
  for (const e of spans) {
    if (e.start < at) continue; // overlapping: keep the first
    if (e.start > at) out.append(slice(at, e.start));
    const ty = TYPES.includes(e.label) ? e.label : 'MISC';
    out.append(link(entityHref(ty, e.text), { class: `ent ent-${ty}`, title: `${t(ty)} · ${e.canonical || e.text}` }, slice(e.start, e.end)));
    at = e.end;
  }
  if (at < bytes.length) out.append(slice(at, bytes.length));
  return out;
}

function panelSection(key, items) {
  return el('section', { class: `panel-${key}` }, el('h3', {}, t(key), ' ', el('span', { class: 'n' }, fmt(items.length))),
    items.length ? el('ul', {}, items) : el('p', { class: 'none' }, t('none')));
}

// A participant's kind: PERSON, ORG, PLACE, MISC for named entities, else a role noun.
const KIND_TYPE = { PERSON: 'PERS', ORG: 'ORG', PLACE: 'LOC', MISC: 'MISC' };
function participant(p) {
  if (!p) return null;
  const ty = KIND_TYPE[p.kind];
  if (ty) return link(entityHref(ty, p.text), { class: `ent ent-${ty}`, dir: 'auto' }, p.text);
  return el('span', {}, el('bdi', {}, p.name || p.text), p.kind ? el('span', { class: 'tag' }, p.kind.toLowerCase()) : null);
}

function readingPanel(body, r) {
  r = r || {};
  const byName = new Map();
  for (const e of r.entities || []) {
    const k = `${e.label}:${e.canonical || e.text}`;
    const v = byName.get(k) || { label: e.label, name: e.canonical || e.text, link: e.text, n: 0 };
    v.n += 1;
    byName.set(k, v);
  }
  const ents = [...byName.values()].sort((a, b) => b.n - a.n || TYPES.indexOf(a.label) - TYPES.indexOf(b.label));
  const entityItems = ents.map((e) => {
    const ty = TYPES.includes(e.label) ? e.label : 'MISC';
    return el('li', {}, link(entityHref(ty, e.link), { class: `ent ent-${ty}`, dir: 'auto', title: t('search_entity') }, e.name), ' ',
      el('span', { class: 'tag' }, t(ty)), e.n > 1 ? el('span', { class: 'n' }, `×${fmt(e.n)}`) : null);
  });
  const numbers = (r.numbers || []).map((n) => el('li', {}, el('bdi', { class: 'q' }, n.text), ' → ',
    el('span', { class: 'val', dir: 'ltr' }, `${Number(n.value).toLocaleString('en')}${n.unit ? ' ' + n.unit : ''}`),
    n.kind ? el('span', { class: 'tag' }, n.kind) : null));
  const dates = (r.dates || []).map((d) => el('li', {}, el('bdi', { class: 'q' }, d.text),
    d.value ? [' → ', el('span', { class: 'val', dir: 'ltr' }, d.end_value ? `${d.value} – ${d.end_value}` : d.value)] : null,
    d.calendar && d.calendar !== 'gregorian' ? el('span', { class: 'tag' }, d.calendar) : null));
  const quotes = (r.quotes || []).map((q) => el('li', { class: 'quote' },
    el('div', { class: 'who' }, q.speaker ? participant(q.speaker) : el('em', {}, t('unknown_speaker')),
      q.verb ? el('span', { class: 'tag' }, q.verb) : null, q.denial ? el('span', { class: 'tag neg' }, t('denial')) : null),
    el('blockquote', { dir: 'rtl' }, q.text)));
  const events = (r.events || []).map((e) => el('li', { class: 'event' },
    el('div', {}, el('span', { class: 'etype' }, e.type), e.mode ? el('span', { class: 'tag' }, e.mode) : null,
      ' ', el('bdi', { class: 'q' }, e.trigger)),
    el('dl', {},
      e.actor ? [el('dt', {}, t('actor')), el('dd', {}, participant(e.actor))] : null,
      e.target ? [el('dt', {}, t('target')), el('dd', {}, participant(e.target))] : null,
      e.location ? [el('dt', {}, t('location')), el('dd', {}, participant(e.location))] : null,
      e.date ? [el('dt', {}, t('when')), el('dd', { dir: 'ltr' }, e.date)] : null,
      e.count !== null && e.count !== undefined ? [el('dt', {}, t('count')), el('dd', {}, fmt(e.count))] : null)));
  const keywords = (r.keywords || []).map((k) => el('li', { class: 'kw' }, link(searchHref({ q: k.text || k.key || '' }), { dir: 'auto' }, k.text || k.key || '')));
  const summary = (r.summary || []).map((s) => el('li', { dir: 'rtl' }, s.text || ''));
  return el('aside', { class: 'reading', id: 'reading' },
    panelSection('entities', entityItems), panelSection('numbers', numbers), panelSection('dates', dates),
    panelSection('quotes', quotes), panelSection('events', events),
    keywords.length ? panelSection('keywords', keywords) : null,
    summary.length ? panelSection('summary', summary) : null);
}

// ------------------------------------------------------------------------------------------
// analyze page

function showAnalyze() {
  document.title = `${t('analyze_title')} · خبر`;
  const text = el('textarea', { id: 'an-text', dir: 'rtl', rows: 10, required: true });
  const title = el('input', { id: 'an-title', dir: 'rtl', type: 'text' });
  const date = el('input', { id: 'an-date', type: 'date' });
  const out = el('div', { id: 'an-out' });
  const form = el('form', { class: 'analyze', id: 'analyze-form' },
    el('h1', {}, t('analyze_title')),
    el('label', {}, t('analyze_title_field'), title),
    el('label', {}, t('analyze_text'), text),
    el('label', {}, t('analyze_date'), date),
    el('button', { type: 'submit' }, t('analyze_go')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.replaceChildren(el('p', { class: 'loading' }, t('loading')));
    try {
      const body = { text: text.value };
      if (title.value.trim()) body.title = title.value;
      if (date.value) body.date = date.value;
      const r = await api('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      out.replaceChildren(el('div', { class: 'layout article-layout' },
        el('article', { class: 'article' }, el('h2', {}, t('reading')), legend(r), markedText(text.value, r, 'analyze-body')),
        readingPanel(text.value, r)));
    } catch (e) {
      out.replaceChildren(errorBox(e));
    }
  });
  show(form, out);
}

// ------------------------------------------------------------------------------------------

function route() {
  applyLabels();
  const path = location.pathname;
  if (path === '/article') showArticle();
  else if (path === '/analyze') showAnalyze();
  else showSearch();
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = location.pathname === '/' ? readParams() : {};
    const q = document.getElementById('q').value.trim();
    const next = {
      q,
      from: document.getElementById('from').value,
      to: document.getElementById('to').value,
      sort: document.getElementById('sort').value === 'date' ? 'date' : '',
      source: p.source || '',
      entity: p.entity || '',
    };
    navigate(searchHref(next));
  });
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'ar' ? 'en' : 'ar';
    localStorage.setItem('khabar.lang', lang);
    route();
  });
  for (const a of document.querySelectorAll('#brand, #nav-analyze')) {
    a.addEventListener('click', (ev) => { ev.preventDefault(); navigate(a.getAttribute('href')); });
  }
  window.addEventListener('popstate', route);
  route();
});
