// Records what a real browser writes: headless Chromium (Debian's, driven by playwright-core)
// plays a scripted Media Collection session against a mock endpoint on 127.0.0.1, and
// Playwright saves the HAR. Run by hand (see README.md); the HAR is committed as a fixture.
//
//   node record-har.mjs [--defects] [OUT.har]
//
// Default output: ../../testdata/captures/chromium-playwright.har, or with --defects
// chromium-playwright-defects.har: the same session with four player bugs written in (see
// DEFECTS in the page script).
//
// Time is compressed: the page keeps a virtual clock that runs SPEED times faster than the
// wall clock, and stamps `playerTime.ts` with it, so the session reads like 95 s of viewing
// while the recording takes two seconds. Arrival times in the HAR are the real ones.

import http from 'node:http';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const defects = args.includes('--defects');
const named = args.find((a) => !a.startsWith('--'));
const out = path.resolve(
  named ?? path.join(here, '../../testdata/captures', defects ? 'chromium-playwright-defects.har' : 'chromium-playwright.har'),
);
const SPEED = 50;

// What the mock endpoint saw, for the summary printed at the end.
const seen = { sessions: 0, events: 0, preflights: 0, other: 0 };

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

// --- The mock Media Collection endpoint -------------------------------------------------
let pageOrigin = '';
const api = http.createServer((req, res) => {
  const cors = {
    'Access-Control-Allow-Origin': pageOrigin,
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Expose-Headers': 'Location',
  };
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'OPTIONS') {
      seen.preflights++;
      res.writeHead(204, cors).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/sessions') {
      seen.sessions++;
      JSON.parse(body); // a body the page could not have meant would fail the recording
      const sid = crypto.randomBytes(32).toString('hex');
      res.writeHead(201, { ...cors, Location: `/api/v1/sessions/${sid}`, 'Content-Length': '0' }).end();
      return;
    }
    if (req.method === 'POST' && /^\/api\/v1\/sessions\/[0-9a-f]{64}\/events$/.test(url.pathname)) {
      seen.events++;
      JSON.parse(body);
      // Adobe drops events after sessionEnd silently: still 204.
      res.writeHead(204, cors).end();
      return;
    }
    seen.other++;
    res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('not found');
  });
});

// --- The page: a player that plays a scripted session -----------------------------------
function pageHtml(apiOrigin, defects) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>valint HAR recording</title></head>
<body>
<h1>Scripted Media Collection session</h1>
<img src="/poster.svg" alt="poster" width="160" height="90">
<pre id="log"></pre>
<script>
const API = ${JSON.stringify(apiOrigin)};
// Player bugs, on with --defects: the pre-roll adStart sent before its adBreakStart (stamped
// 5 ms later), the ping at 40 s never sent, the ping at 80 s reporting a playhead 10 s too
// small, and the ping timer left running after sessionEnd.
const DEFECTS = ${JSON.stringify(defects)};
const SPEED = ${SPEED};
const t0 = Date.now();
let vt = 0;              // virtual milliseconds since sessionStart
let playhead = 0;        // content seconds
let sid = null;
const log = (s) => (document.getElementById('log').textContent += s + '\\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Sends one event and waits for its answer, like a player that queues its calls.
async function send(eventType, extra = {}) {
  const body = {
    playerTime: { playhead: Math.round(playhead * 1000) / 1000, ts: t0 + vt },
    eventType,
    ...extra,
  };
  const url = sid ? API + '/api/v1/sessions/' + sid + '/events' : API + '/api/v1/sessions';
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!sid) {
    // The reference player's way (mc-api-obtain-sid).
    sid = /^\\/api\\/(.*)\\/sessions\\/(.*)/.exec(res.headers.get('Location'))[2];
  }
  log(eventType + ' ' + res.status);
}

// The scripted viewing, in virtual seconds. Pings every 10 s from sessionStart, whatever
// else happens; the playhead moves only while content plays.
const script = [
  [0.000, 'sessionStart', { params: {
    'analytics.trackingServer': 'exampleorg.sc.omtrdc.net',
    'analytics.reportSuite': 'exampleprod',
    'analytics.enableSSL': true,
    'visitor.marketingCloudOrgId': '0123456789ABCDEF@AdobeOrg',
    'media.id': 'vod-3141',
    'media.name': 'Recorded in Chromium',
    'media.length': 600,
    'media.contentType': 'VOD',
    'media.playerName': 'html5-player',
    'media.channel': 'web',
  } }],
  [0.005, 'adBreakStart', { params: { 'media.ad.podIndex': 0, 'media.ad.podSecond': 0, 'media.ad.podFriendlyName': 'pre-roll' } }],
  [0.010, 'adStart', { params: { 'media.ad.id': 'ad-101', 'media.ad.name': 'Spring sale', 'media.ad.length': 15, 'media.ad.podPosition': 1, 'media.ad.playerName': 'html5-player' } }],
  [15.010, 'adComplete'],
  [15.015, 'adBreakComplete'],
  [15.020, 'play', { startsContent: true }],
  [42.000, 'pauseStart', { stopsContent: true }],
  [55.000, 'play', { startsContent: true }],
  [65.000, 'adBreakStart', { stopsContent: true, params: { 'media.ad.podIndex': 1, 'media.ad.podSecond': null, 'media.ad.podFriendlyName': 'mid-roll' } }],
  [65.005, 'adStart', { params: { 'media.ad.id': 'ad-202', 'media.ad.name': 'New phone', 'media.ad.length': 10, 'media.ad.podPosition': 1, 'media.ad.playerName': 'html5-player' } }],
  [75.005, 'adComplete'],
  [75.010, 'adBreakComplete'],
  [75.015, 'play', { startsContent: true }],
  [95.000, 'sessionEnd', { stopsContent: true }],
];
for (let t = 10; t < 95; t += 10) {
  if (!(DEFECTS && t === 40)) script.push([t, 'ping', DEFECTS && t === 80 ? { playheadError: -10 } : {}]);
}
if (DEFECTS) script.push([100, 'ping']);
script.sort((a, b) => a[0] - b[0]);
if (DEFECTS) {
  const i = script.findIndex((e) => e[1] === 'adBreakStart');
  [script[i], script[i + 1]] = [script[i + 1], script[i]];
}

async function run() {
  let playing = false;
  for (const [at, eventType, opts = {}] of script) {
    const target = Math.round(at * 1000);
    await sleep(Math.max(0, target - vt) / SPEED);
    if (playing) playhead += (target - vt) / 1000;
    vt = target;
    const { startsContent, stopsContent, playheadError = 0, ...extra } = opts;
    if (stopsContent) playing = false;
    if (extra.params && 'media.ad.podSecond' in extra.params && extra.params['media.ad.podSecond'] === null) {
      extra.params = { ...extra.params, 'media.ad.podSecond': Math.round(playhead * 1000) / 1000 };
    }
    playhead += playheadError;
    await send(eventType, extra);
    playhead -= playheadError;
    if (startsContent) playing = true;
  }
  window.__done = true;
}
run().catch((e) => { log('failed: ' + e); window.__failed = String(e); });
</script>
</body></html>`;
}

const pageServer = http.createServer((req, res) => {
  if (req.url === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pageHtml(apiOrigin, defects));
  } else if (req.url === '/poster.svg') {
    res.writeHead(200, { 'Content-Type': 'image/svg+xml' })
      .end('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#345"/></svg>');
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});

const apiPort = await listen(api);
const apiOrigin = `http://127.0.0.1:${apiPort}`;
const pagePort = await listen(pageServer);
// A different port is a different origin: JSON POSTs get CORS preflights, as on a real site.
pageOrigin = `http://127.0.0.1:${pagePort}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
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
try {
  const context = await browser.newContext({ recordHar: { path: out, content: 'embed' } });
  const page = await context.newPage();
  await page.goto(pageOrigin + '/');
  await page.waitForFunction(() => window.__done === true || window.__failed, null, { timeout: 60_000 });
  const failed = await page.evaluate(() => window.__failed);
  if (failed) throw new Error('the page failed: ' + failed);
  await context.close(); // writes the HAR
} finally {
  await browser.close();
  api.close();
  pageServer.close();
}
console.log(`wrote ${out}`);
console.log(`mock endpoint saw: ${seen.sessions} sessions request(s), ${seen.events} events requests, ${seen.preflights} CORS preflight(s), ${seen.other} other`);
