// End-to-end test of the khabar web interface in Debian's headless Chromium.
//
//   node tests/e2e/e2e.mjs BASE_URL [SCREENSHOT_DIR]
//
// BASE_URL is a running `khabar serve` (loopback) over an index holding the bundled sample and
// crates/server/tests/fixtures/news.jsonl. Loads the interface, searches, follows a deep link,
// opens articles, switches to English, and checks that the injected <script> and onerror= in
// one article never run. Screenshots go to SCREENSHOT_DIR (default target/e2e).
// Prints "N passed, M failed" and exits 1 on any failure.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const base = (process.argv[2] || '').replace(/\/$/, '');
const outDir = process.argv[3] || 'target/e2e';
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d+$/.test(base)) {
  console.error('usage: node e2e.mjs http://127.0.0.1:PORT [SCREENSHOT_DIR] (loopback only)');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
  }
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-e2e-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  locale: 'ar',
  timezoneId: 'UTC',
});

const dialogs = [];
const pageErrors = [];
const consoleErrors = [];
const outside = [];
context.on('request', (r) => {
  const u = r.url();
  if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('about:')) outside.push(u);
});
const csp = [];
await context.exposeFunction('__khabarCsp', (v) => csp.push(v));
await context.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => window.__khabarCsp(`${e.violatedDirective} ${e.blockedURI}`));
});

const page = context.pages()[0] || (await context.newPage());
page.on('dialog', async (d) => {
  dialogs.push(`${d.type()}: ${d.message()}`);
  await d.dismiss();
});
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error') consoleErrors.push(m.text());
});

const shot = async (name) => {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`     screenshot ${file}`);
};
const hitIds = () => page.$$eval('.hit-title', (as) => as.map((a) => new URL(a.href).searchParams.get('id')));

try {
  // 1. The home page: latest articles, facets, right to left.
  await page.goto(`${base}/`);
  await page.waitForSelector('#result-count');
  check('home page is Arabic, right to left', (await page.getAttribute('html', 'dir')) === 'rtl' && (await page.getAttribute('html', 'lang')) === 'ar');
  check('home page lists the latest articles', (await page.$$('.hit')).length === 6, (await page.$$('.hit')).length);
  await shot('01-home.png');

  // 2. A search typed in the box.
  await page.fill('#q', 'كازاخستان');
  await Promise.all([page.waitForURL(/[?&]q=/), page.click('#go')]);
  await page.waitForFunction(() => document.querySelector('#result-count')?.textContent.includes('3'));
  const ids = await hitIds();
  check('search finds the three Kazakhstan articles', ids.length === 3 && ids.includes('csto-withdraw-2022-01-13'), ids);
  const marks = await page.$$eval('.snippet mark', (ms) => ms.map((m) => m.textContent));
  check('snippets highlight the query', marks.length > 0 && marks.every((m) => m.includes('كازاخستان')), marks);
  const bars = await page.$$eval('#facets svg.chart rect', (rs) => rs.length);
  check('an SVG chart of articles per day', bars >= 2, bars);
  const sources = await page.$$eval('#facets .counts a', (as) => as.map((a) => a.textContent));
  check('source facet lists the sources', sources.includes('العرب') && sources.includes('سكاي نيوز عربية'), sources);
  await shot('02-search.png');

  // 3. A deep link opens results directly.
  await page.goto(`${base}/?q=${encodeURIComponent('احتجاجات')}&from=2022-01-01&to=2022-01-08`);
  await page.waitForSelector('.hit');
  const deep = await hitIds();
  check('deep link with dates', deep.length === 2 && deep.includes('almaty-protests-2022-01-05') && deep.includes('sudan-protest-2022-01-06'), deep);
  check('deep link fills the form', (await page.inputValue('#q')) === 'احتجاجات' && (await page.inputValue('#from')) === '2022-01-01');

  // 4. Open an article from the results.
  await page.goto(`${base}/?q=${encodeURIComponent('انسحاب القوات')}`);
  await page.waitForSelector('.hit-title');
  await Promise.all([page.waitForURL(/\/article\?id=/), page.click('.hit-title >> nth=0')]);
  await page.waitForSelector('#article-body');
  const title = await page.textContent('#article-title');
  check('article page shows the article', title.includes('معاهدة الأمن الجماعي'), title);
  const panel = await page.$$eval('#reading section h3', (hs) => hs.map((h) => h.textContent));
  check('side panel has numbers, dates, quotations and events', panel.length >= 5, panel);
  const numbers = await page.$$eval('#reading .panel-numbers li', (ls) => ls.map((l) => l.textContent));
  check('numbers are listed', numbers.some((n) => n.includes('225')), numbers);
  const ents = await page.$$eval('#article-body a.ent', (as) => as.map((a) => [a.className, a.textContent, a.getAttribute('href')]));
  const articleId = new URL(page.url()).searchParams.get('id');
  const readingEntities = await page.evaluate(async (id) => {
    const r = await fetch(`/api/articles/${encodeURIComponent(id)}`);
    return (await r.json()).reading.entities.length;
  }, articleId);
  if (readingEntities === 0) {
    console.log('skip entities: the reading of this article has none (is the NER model built?)');
  } else {
    check('entities are coloured by type and link to their search',
      ents.length > 0 && ents.length <= readingEntities && ents.every(([c, , h]) => /ent-(PERS|LOC|ORG|MISC)/.test(c) && h.startsWith('/?entity=')),
      ents.slice(0, 5));
  }
  await shot('03-article.png');

  // 5. An entity leads to its search.
  if (ents.length) {
    await Promise.all([page.waitForURL(/entity=/), page.click('#article-body a.ent >> nth=0')]);
    await page.waitForSelector('.chips .chip');
    check('entity link opens a filtered search', (await page.$$('.hit')).length >= 1);
    await shot('04-entity-search.png');
  }

  // 6. The article with injected markup: shown as text, nothing runs.
  await page.goto(`${base}/?q=${encodeURIComponent('اختراق')}`);
  await page.waitForSelector('.hit-title');
  const hackTitle = await page.textContent('.hit-title >> nth=0');
  check('markup in a title is shown as text', hackTitle.includes('<script>alert(1)</script>'), hackTitle);
  const snippetText = await page.textContent('.snippet >> nth=0');
  check('markup in a snippet is shown as text', snippetText.includes('<script>alert(1)</script>'), snippetText);
  await shot('05-injected-search.png');
  await Promise.all([page.waitForURL(/\/article\?id=/), page.click('.hit-title >> nth=0')]);
  await page.waitForSelector('#article-body');
  const body = await page.textContent('#article-body');
  check('markup in the body is shown as text', body.includes('<script>alert(1)</script>') && body.includes('<img src=x onerror=alert(1)>'));
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll('main img').length,
    scripts: [...document.scripts].map((s) => s.src || 'inline'),
    onerror: document.querySelectorAll('[onerror]').length,
  }));
  check('no element was made from the text', injected.img === 0 && injected.onerror === 0 && injected.scripts.length === 1 && injected.scripts[0].endsWith('/assets/app.js'), injected);
  const jsLinks = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')).filter((h) => /^\s*javascript:/i.test(h)));
  check('a javascript: url is never a link', jsLinks.length === 0, jsLinks);
  await page.waitForTimeout(300);
  await shot('06-injected-article.png');

  // 7. English labels.
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  check('English labels, left to right', (await page.getAttribute('html', 'dir')) === 'ltr' && (await page.textContent('#go')) === 'Search');
  check('article text stays right to left', (await page.getAttribute('#article-body', 'dir')) === 'rtl');
  await shot('07-english-article.png');
  await page.click('#lang');

  // 8. Analyze a pasted text.
  await page.goto(`${base}/analyze`);
  await page.fill('#an-text', 'وقال بوتين الاثنين إن 2500 جندي انتشروا في كازاخستان لحماية المنشآت الحكومية.');
  await page.fill('#an-date', '2022-01-10');
  await page.click('#analyze-form button[type=submit]');
  await page.waitForSelector('#an-out #reading');
  const an = await page.$$eval('#an-out .panel-numbers li', (ls) => ls.map((l) => l.textContent));
  check('analyze reads a pasted text', an.some((n) => n.includes('2,500')), an);
  await shot('08-analyze.png');

  // 9. The offline API reference.
  await page.goto(`${base}/docs`);
  await page.waitForSelector('.op');
  const ops = await page.$$eval('.op h2', (hs) => hs.map((h) => h.textContent));
  check('API docs list the endpoints', ['/api/search', '/api/articles/{id}', '/api/analyze', '/api/entities', '/api/events'].every((p) => ops.some((o) => o.endsWith(p))), ops.slice(0, 8));
  await shot('09-docs.png');

  check('no script from an article ran (no dialog)', dialogs.length === 0, dialogs);
  check('no content-security-policy violation', csp.length === 0, csp);
  check('no page error', pageErrors.length === 0, pageErrors);
  check('no console error', consoleErrors.length === 0, consoleErrors);
  check('nothing loaded from outside the server', outside.length === 0, outside);
} catch (e) {
  check('the run finished', false, String(e && e.stack ? e.stack : e));
  try {
    await shot('99-failure.png');
  } catch (_) {
    /* ignore */
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
