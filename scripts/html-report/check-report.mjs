// Opens valint's HTML timeline report of a capture in headless Chromium and checks it as a
// user would see it:
//
//   * every session and every finding of the capture is in the page (compared with what
//     `valint check --output-format json --sessions` reports for the same capture);
//   * choosing a rule in the filter hides every other finding, and the sessions without it;
//   * clicking a finding marks its event on the session's timeline;
//   * the page makes no network request at all (every request the browser makes is
//     recorded; the only one allowed is the report file itself);
//
// and writes two screenshots for the README: the HTML report, and the terminal timeline
// (`valint timeline --color always`, drawn in the page's monospace font).
//
//   node check-report.mjs [CAPTURE] [OUT_DIR]
//
// CAPTURE defaults to testdata/captures/chromium-playwright-defects.har, OUT_DIR to
// docs/images. The valint binary is $VALINT, else target/release/valint, else
// target/debug/valint (build it first). Needs Debian's Chromium at /usr/bin/chromium.

import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const started = Date.now();
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const capture = process.argv[2] ?? 'testdata/captures/chromium-playwright-defects.har';
const outDir = path.resolve(root, process.argv[3] ?? 'docs/images');
const valint =
  process.env.VALINT ??
  [path.join(root, 'target/release/valint'), path.join(root, 'target/debug/valint')].find((p) =>
    fs.existsSync(p),
  );
if (!valint) throw new Error('no valint binary: run `cargo build` first, or set VALINT');

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exitCode = 1;
  throw new Error(msg);
}
function check(cond, msg) {
  if (!cond) fail(msg);
  console.log('ok: ' + msg);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'valint-html-'));
const report = path.join(work, 'report.html');
// The report, and the oracle: what `valint check` says about the same capture.
spawnSync(valint, ['timeline', '--quiet', '--html', report, capture], { cwd: root, stdio: 'inherit' });
check(fs.existsSync(report), `valint timeline --html wrote ${report}`);
const oracle = JSON.parse(
  spawnSync(valint, ['check', '--output-format', 'json', '--sessions', capture], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  }).stdout,
);
const terminal = spawnSync(valint, ['timeline', '--color', 'always', '--width', '110', capture], {
  cwd: root,
  encoding: 'utf8',
}).stdout;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'valint-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const requests = [];
context.on('request', (r) => requests.push(r.url()));
const reportUrl = pathToFileURL(report).href;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(reportUrl);
  await page.waitForSelector('tr.session');

  // Every session.
  const ids = await page.$$eval('tr.session', (rows) => rows.map((r) => r.dataset.session));
  const want = oracle.sessions.map((s) => s.session);
  check(
    JSON.stringify(ids) === JSON.stringify(want),
    `the table lists the ${want.length} sessions valint check reports: ${want.join(', ')}`,
  );

  // Every finding: open every session, then count the findings shown by code.
  await page.click('#expand-all');
  await page.waitForSelector('tr.detail svg');
  const svgs = await page.$$eval('tr.detail svg.tl', (s) => s.length);
  check(svgs === want.length, `opening every session draws ${want.length} timelines`);
  const shown = await page.$$eval('li.finding', (li) => li.map((l) => l.dataset.code));
  const expected = oracle.findings.map((f) => f.code);
  const tally = (a) => JSON.stringify(a.slice().sort());
  check(
    tally(shown) === tally(expected),
    `all ${expected.length} findings are in the page (${[...new Set(expected)].join(', ')})`,
  );
  const snippets = await page.$$eval('li.finding pre.snippet', (p) => p.filter((x) => x.textContent.length > 0).length);
  check(snippets === expected.length, 'every finding has its snippet');

  // A finding leads to its event.
  const link = await page.$('li.finding a.to-event');
  if (link) {
    const ev = await link.evaluate((a) => a.closest('li').dataset.event);
    await link.click();
    const marked = await page.$$eval('line.ev.hl', (l) => l.map((x) => x.dataset.event));
    check(marked.length === 1 && marked[0] === ev, `clicking a finding marks its event #${ev} on the timeline`);
  }

  // Filtering by a rule hides the others.
  const codes = [...new Set(expected)];
  const rule = codes.find((c) => expected.filter((x) => x === c).length < expected.length) ?? codes[0];
  if (rule) {
    await page.selectOption('#rule-filter', rule);
    const after = await page.$$eval('li.finding', (li) => li.map((l) => l.dataset.code));
    const n = expected.filter((c) => c === rule).length;
    check(
      after.length === n && after.every((c) => c === rule),
      `filtering by ${rule} shows its ${n} findings and hides the other ${expected.length - n}`,
    );
    const rows = await page.$$eval('tr.session', (r) => r.map((x) => x.dataset.session));
    const withRule = new Set(oracle.findings.filter((f) => f.code === rule).map((f) => f.session));
    check(
      rows.length === want.filter((s) => withRule.has(s)).length,
      `and only the ${rows.length} sessions that have it`,
    );
    await page.selectOption('#rule-filter', '');
  }
  check(errors.length === 0, 'no script error' + (errors.length ? ': ' + errors.join('; ') : ''));

  // --from / --to: every timeline is drawn in that window, as in the terminal.
  const windowed = path.join(work, 'window.html');
  spawnSync(valint, ['timeline', '--quiet', '--from', '5', '--to', '20', '--html', windowed, capture], {
    cwd: root,
    stdio: 'inherit',
  });
  const wpage = await context.newPage();
  await wpage.goto(pathToFileURL(windowed).href);
  await wpage.click('#expand-all');
  await wpage.waitForSelector('tr.detail svg');
  const axes = await wpage.$$eval('tr.detail svg.tl', (svgs) =>
    svgs.map((s) => [...s.querySelectorAll('text')].map((t) => t.textContent).filter((t) => /^\d+(\.\d+)?s$/.test(t))),
  );
  check(
    axes.length > 0 &&
      axes.every((labels) => labels.length >= 3 && labels.every((l) => parseFloat(l) >= 5 && parseFloat(l) <= 20)),
    `--from 5 --to 20: every timeline's axis is labelled within 5 s to 20 s (${JSON.stringify(axes[0])})`,
  );
  await wpage.close();
  requests.splice(0, requests.length, ...requests.filter((u) => u !== pathToFileURL(windowed).href));

  // The screenshots.
  fs.mkdirSync(outDir, { recursive: true });
  await page.click('#expand-all').catch(() => {});
  await page.screenshot({ path: path.join(outDir, 'timeline-html.png'), fullPage: true });
  const term = await context.newPage();
  await term.setContent(terminalPage(terminal));
  await term.setViewportSize({ width: 1000, height: 200 });
  await term.locator('pre').screenshot({ path: path.join(outDir, 'timeline-terminal.png') });
  await term.close();
  console.log(`screenshots: ${path.join(outDir, 'timeline-html.png')}, ${path.join(outDir, 'timeline-terminal.png')}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

// No network: the only request is the report file itself (the terminal screenshot's page
// is set from a string and makes none).
const others = requests.filter((u) => u !== reportUrl);
check(others.length === 0, 'the report made no network request' + (others.length ? ': ' + others.join(', ') : ''));
fs.rmSync(work, { recursive: true, force: true });
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

/// The terminal's text with its ANSI colours as HTML, in a dark terminal's colours.
function terminalPage(text) {
  const colors = { 1: 'font-weight:bold', 2: 'opacity:.6', 31: 'color:#ef5350', 32: 'color:#66bb6a',
    33: 'color:#ffca28', 34: 'color:#64b5f6', 35: 'color:#ce93d8', 36: 'color:#4dd0e1', 37: 'color:#eeeeee' };
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let html = '';
  let open = false;
  for (const part of text.split(/(\x1b\[[0-9;]*m)/)) {
    const m = part.match(/^\x1b\[([0-9;]*)m$/);
    if (!m) {
      html += esc(part);
      continue;
    }
    if (open) html += '</span>';
    open = false;
    const style = m[1].split(';').map((c) => colors[c]).filter(Boolean).join(';');
    if (style) {
      html += `<span style="${style}">`;
      open = true;
    }
  }
  if (open) html += '</span>';
  return `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">` +
    `<pre style="margin:0;padding:12px;display:inline-block;color:#ddd;background:#1e1e1e;` +
    `font:13px/1.25 'DejaVu Sans Mono',monospace">${html}</pre>`;
}
