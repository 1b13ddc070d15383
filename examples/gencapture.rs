//! Deterministic capture generator for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gencapture -- --format ndjson|bodies|har \
//!     --size 100M --seed 1 --defects 5 --out capture.ndjson
//! ```
//!
//! Writes realistic Media Collection sessions (VOD and live, pre- and mid-roll ad breaks,
//! chapters, pauses, buffering, pings every 10 s, sessionStart params and customMetadata),
//! eight sessions interleaved at a time, until the file reaches `--size` bytes. `--defects`
//! is the percentage of sessions with one injected defect, drawn from every rule family
//! (syntax, schema, session, time, ping, ad). The same seed gives the same bytes.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Ndjson,
    Bodies,
    Har,
}

/// One event about to be written: its body, the request target and the send time.
struct Req {
    url: String,
    body: String,
    sent_ms: u64,
    status: u16,
    location: Option<String>,
}

const DEFECTS: [&str; 10] = [
    "trailing-comma",
    "string-length",
    "missing-start",
    "after-end",
    "playhead-back",
    "ts-dup",
    "ts-swap",
    "ping-gap",
    "ad-outside",
    "unquoted",
];

fn session(rng: &mut Rng, n: u64, start_ms: u64, defect: Option<&str>) -> Vec<Req> {
    let sid = format!(
        "{:016x}{:016x}{:016x}{:016x}",
        rng.next(),
        rng.next(),
        rng.next(),
        n
    );
    let host = "https://exampleorg.hb-api.omtrdc.net";
    let events_url = format!("{host}/api/v1/sessions/{sid}/events");
    let live = rng.chance(25);
    // Seconds of content each chapter plays, drawn first: the chapters declare their real
    // lengths, and a viewer who reaches the end (sessionComplete) has watched all of
    // `media.length`; one who does not leaves long before it.
    let chapter_secs: Vec<u64> = (0..1 + rng.below(3)).map(|_| 30 + rng.below(90)).collect();
    let content: u64 = chapter_secs.iter().sum();
    let completes = !live && rng.chance(50);
    let length = if live {
        86400.0
    } else if completes {
        content as f64 + 0.5
    } else {
        (content + 600 + rng.below(3000)) as f64
    };
    let mut ts = start_ms;
    let mut ph: f64 = if live {
        (start_ms / 1000 % 86400) as f64
    } else {
        0.0
    };
    let mut out: Vec<Req> = Vec::new();
    let push = |out: &mut Vec<Req>, url: &str, body: String, ts: u64| {
        out.push(Req {
            url: url.to_string(),
            body,
            sent_ms: ts + 15,
            status: 204,
            location: None,
        })
    };
    let pt = |ph: f64, ts: u64| format!(r#""playerTime":{{"playhead":{ph:.3},"ts":{ts}}}"#);
    // sessionStart
    let mut meta = String::new();
    for k in 0..(5 + rng.below(20)) {
        let _ = write!(
            meta,
            r#"{}"cm.key{k}":"value-{}""#,
            if k > 0 { "," } else { "" },
            rng.below(1000)
        );
    }
    let length_json = if defect == Some("string-length") {
        format!("\"{length}\"")
    } else {
        format!("{length}")
    };
    let start = format!(
        r#"{{{},"eventType":"sessionStart","params":{{"analytics.trackingServer":"exampleorg.sc.omtrdc.net","analytics.reportSuite":"exampleprod","analytics.visitorId":"{:x}","visitor.marketingCloudOrgId":"0123456789ABCDEF@AdobeOrg","visitor.marketingCloudUserId":"{:x}","media.id":"asset-{}","media.name":"Episode {}","media.length":{},"media.contentType":"{}","media.playerName":"html5-player","media.channel":"web","media.streamType":"video","analytics.enableSSL":true}},"customMetadata":{{{}}}}}"#,
        pt(ph, ts),
        rng.next(),
        rng.next(),
        rng.below(100_000),
        rng.below(500),
        length_json,
        if live { "live" } else { "vod" },
        meta
    );
    if defect != Some("missing-start") {
        out.push(Req {
            url: format!("{host}/api/v1/sessions"),
            body: start,
            sent_ms: ts + 10,
            status: 201,
            location: Some(format!("/api/v1/sessions/{sid}")),
        });
    }
    let mut last_ping = ts;
    let tick = |out: &mut Vec<Req>,
                ts: &mut u64,
                ph: &mut f64,
                secs: u64,
                advance: bool,
                last_ping: &mut u64| {
        // Pings every 10 s of wall time while `secs` pass.
        let end = *ts + secs * 1000;
        while *last_ping + 10_000 <= end {
            let at = *last_ping + 10_000;
            if advance {
                *ph += (at - *ts) as f64 / 1000.0;
            }
            *ts = at;
            *last_ping = at;
            push(
                out,
                &events_url,
                format!(r#"{{{},"eventType":"ping"}}"#, pt(*ph, *ts)),
                *ts,
            );
        }
        if advance {
            *ph += (end - *ts) as f64 / 1000.0;
        }
        *ts = end;
    };
    // Pre-roll.
    let preroll = rng.chance(60);
    if preroll {
        ts += 200;
        push(
            &mut out,
            &events_url,
            format!(
                r#"{{{},"eventType":"adBreakStart","params":{{"media.ad.podIndex":0,"media.ad.podSecond":0,"media.ad.podFriendlyName":"preroll"}}}}"#,
                pt(ph, ts)
            ),
            ts,
        );
        for pos in 1..=(1 + rng.below(2)) {
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(
                    r#"{{{},"eventType":"adStart","params":{{"media.ad.id":"ad-{}","media.ad.name":"Spot {pos}","media.ad.length":15,"media.ad.podPosition":{pos},"media.ad.playerName":"html5-player","media.ad.advertiser":"Acme"}},"customMetadata":{{"campaign":"c{}"}}}}"#,
                    pt(ph, ts),
                    rng.below(9999),
                    rng.below(99)
                ),
                ts,
            );
            tick(&mut out, &mut ts, &mut ph, 15, false, &mut last_ping);
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"adComplete"}}"#, pt(ph, ts)),
                ts,
            );
        }
        ts += 1;
        push(
            &mut out,
            &events_url,
            format!(r#"{{{},"eventType":"adBreakComplete"}}"#, pt(ph, ts)),
            ts,
        );
    }
    ts += 300;
    push(
        &mut out,
        &events_url,
        format!(
            r#"{{{},"eventType":"play","qoeData":{{"media.qoe.timeToStart":{}}}}}"#,
            pt(ph, ts),
            300 + rng.below(2000)
        ),
        ts,
    );
    // Content with chapters, a mid-roll, a pause and a buffer.
    for (i, &secs) in chapter_secs.iter().enumerate() {
        let c = i + 1;
        ts += 1;
        push(
            &mut out,
            &events_url,
            format!(
                r#"{{{},"eventType":"chapterStart","params":{{"media.chapter.index":{c},"media.chapter.offset":{ph:.3},"media.chapter.length":{secs},"media.chapter.friendlyName":"Part {c}"}}}}"#,
                pt(ph, ts)
            ),
            ts,
        );
        tick(&mut out, &mut ts, &mut ph, secs, true, &mut last_ping);
        if rng.chance(30) {
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"pauseStart"}}"#, pt(ph, ts)),
                ts,
            );
            tick(
                &mut out,
                &mut ts,
                &mut ph,
                5 + rng.below(40),
                false,
                &mut last_ping,
            );
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"play"}}"#, pt(ph, ts)),
                ts,
            );
        }
        if rng.chance(20) {
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"bufferStart"}}"#, pt(ph, ts)),
                ts,
            );
            tick(
                &mut out,
                &mut ts,
                &mut ph,
                1 + rng.below(5),
                false,
                &mut last_ping,
            );
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"play"}}"#, pt(ph, ts)),
                ts,
            );
        }
        ts += 1;
        push(
            &mut out,
            &events_url,
            format!(r#"{{{},"eventType":"chapterComplete"}}"#, pt(ph, ts)),
            ts,
        );
        if c == 1 && rng.chance(50) {
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(
                    r#"{{{},"eventType":"adBreakStart","params":{{"media.ad.podIndex":1,"media.ad.podSecond":{ph:.3}}}}}"#,
                    pt(ph, ts)
                ),
                ts,
            );
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(
                    r#"{{{},"eventType":"adStart","params":{{"media.ad.id":"ad-{}","media.ad.length":30,"media.ad.podPosition":1,"media.ad.playerName":"html5-player"}}}}"#,
                    pt(ph, ts),
                    rng.below(9999)
                ),
                ts,
            );
            tick(&mut out, &mut ts, &mut ph, 30, false, &mut last_ping);
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"adComplete"}}"#, pt(ph, ts)),
                ts,
            );
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"adBreakComplete"}}"#, pt(ph, ts)),
                ts,
            );
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(r#"{{{},"eventType":"play"}}"#, pt(ph, ts)),
                ts,
            );
        }
        if rng.chance(15) {
            ts += 1;
            push(
                &mut out,
                &events_url,
                format!(
                    r#"{{{},"eventType":"bitrateChange","qoeData":{{"media.qoe.bitrate":{}}}}}"#,
                    pt(ph, ts),
                    800_000 + rng.below(5_000_000)
                ),
                ts,
            );
        }
    }
    ts += 1;
    if completes {
        push(
            &mut out,
            &events_url,
            format!(r#"{{{},"eventType":"sessionComplete"}}"#, pt(ph, ts)),
            ts,
        );
        ts += 1;
    }
    push(
        &mut out,
        &events_url,
        format!(r#"{{{},"eventType":"sessionEnd"}}"#, pt(ph, ts)),
        ts,
    );

    // Inject the defect.
    let n = out.len();
    let mid = 3 + rng.below((n as u64).saturating_sub(6).max(1)) as usize;
    let mid = mid.min(n - 2);
    match defect {
        Some("trailing-comma") => {
            let b = &mut out[mid].body;
            b.insert(b.len() - 1, ',');
        }
        Some("unquoted") => {
            out[mid].body = out[mid].body.replacen("\"eventType\"", "eventType", 1);
        }
        Some("after-end") => {
            let last = out[n - 1].sent_ms + 5000;
            out.push(Req {
                url: events_url.clone(),
                body: format!(r#"{{{},"eventType":"ping"}}"#, pt(ph, last)),
                sent_ms: last,
                status: 204,
                location: None,
            });
        }
        Some("playhead-back") => {
            if let Some(r) = out
                .iter_mut()
                .skip(mid)
                .find(|r| r.body.contains("\"ping\""))
            {
                let body = r.body.clone();
                if let Some(i) = body.find("\"playhead\":") {
                    let rest = &body[i + 11..];
                    let end = rest.find(',').unwrap_or(rest.len());
                    let v: f64 = rest[..end].parse().unwrap_or(0.0);
                    r.body = format!(
                        "{}\"playhead\":{:.3}{}",
                        &body[..i],
                        (v - 5.0).max(0.0),
                        &rest[end..]
                    );
                }
            }
        }
        Some("ts-dup") | Some("ts-swap") => {
            let a = mid;
            let (ta, tb) = (extract_ts(&out[a].body), extract_ts(&out[a + 1].body));
            if let (Some(ta), Some(tb)) = (ta, tb) {
                if defect == Some("ts-dup") {
                    out[a + 1].body = out[a + 1].body.replace(&tb.to_string(), &ta.to_string());
                } else {
                    out.swap(a, a + 1);
                }
            }
        }
        Some("ping-gap") => {
            let idx: Vec<usize> = (0..n)
                .filter(|&i| out[i].body.contains("\"ping\""))
                .collect();
            if let Some(&i) = idx.get(idx.len() / 2) {
                out.remove(i);
            }
        }
        Some("ad-outside") => {
            let at = out[mid].sent_ms;
            let t = extract_ts(&out[mid].body).unwrap_or(at) + 1;
            out.insert(
                mid + 1,
                Req {
                    url: events_url.clone(),
                    body: format!(r#"{{{},"eventType":"adSkip"}}"#, pt(0.0, t)),
                    sent_ms: at + 1,
                    status: 204,
                    location: None,
                },
            );
        }
        _ => {}
    }
    out
}

fn extract_ts(body: &str) -> Option<u64> {
    let i = body.find("\"ts\":")? + 5;
    let rest = &body[i..];
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    rest[..end].parse().ok()
}

fn iso(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86400, secs % 86400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}

fn parse_size(s: &str) -> u64 {
    let (num, mul) = match s.chars().last() {
        Some('K' | 'k') => (&s[..s.len() - 1], 1 << 10),
        Some('M' | 'm') => (&s[..s.len() - 1], 1 << 20),
        Some('G' | 'g') => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<u64>().expect("size") * mul
}

fn main() -> std::io::Result<()> {
    let mut format = Format::Ndjson;
    let mut size = 10 << 20;
    let mut seed = 1u64;
    let mut defects = 5u64;
    let mut out_path = String::from("capture.ndjson");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--format" => {
                format = match v.as_str() {
                    "ndjson" => Format::Ndjson,
                    "bodies" => Format::Bodies,
                    "har" => Format::Har,
                    other => panic!("unknown format {other}"),
                }
            }
            "--size" => size = parse_size(&v),
            "--seed" => seed = v.parse().expect("seed"),
            "--defects" => defects = v.parse().expect("defects"),
            "--out" => out_path = v,
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    let mut rng = Rng(seed);
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&out_path)?);
    let mut written: u64 = 0;
    if format == Format::Har {
        let head = r#"{"log":{"version":"1.2","creator":{"name":"valint-gencapture","version":"1"},"entries":["#;
        w.write_all(head.as_bytes())?;
        written += head.len() as u64;
    }
    let mut first_entry = true;
    let mut n = 0u64;
    let mut clock = 1_731_672_000_000u64;
    'outer: loop {
        // Eight sessions at a time, interleaved by send time.
        let mut batch: Vec<Req> = Vec::new();
        for _ in 0..8 {
            let defect = rng
                .chance(defects)
                .then(|| DEFECTS[rng.below(DEFECTS.len() as u64) as usize]);
            let at = clock + rng.below(60_000);
            batch.extend(session(&mut rng, n, at, defect));
            n += 1;
        }
        batch.sort_by_key(|r| r.sent_ms);
        clock = batch.last().map_or(clock, |r| r.sent_ms) + 1000;
        for r in batch {
            let line = match format {
                Format::Ndjson => {
                    let loc = r
                        .location
                        .as_ref()
                        .map(|l| format!(r#","response_headers":{{"Location":"{l}"}}"#))
                        .unwrap_or_default();
                    format!(
                        r#"{{"timestamp":"{}","method":"POST","url":"{}","status":{}{loc},"body":{}}}"#,
                        iso(r.sent_ms),
                        r.url,
                        r.status,
                        r.body
                    ) + "\n"
                }
                Format::Bodies => format!(
                    "POST {}\n{}\n",
                    &r.url[r.url.find("/api/").unwrap_or(0)..],
                    r.body
                ),
                Format::Har => {
                    let text = serde_json::to_string(&r.body).expect("string");
                    let headers = r
                        .location
                        .as_ref()
                        .map(|l| format!(r#"{{"name":"Location","value":"{l}"}}"#))
                        .unwrap_or_default();
                    let e = format!(
                        r#"{}{{"startedDateTime":"{}","time":20,"request":{{"method":"POST","url":"{}","httpVersion":"HTTP/1.1","headers":[{{"name":"Content-Type","value":"application/json"}}],"queryString":[],"cookies":[],"headersSize":-1,"bodySize":{},"postData":{{"mimeType":"application/json","text":{text}}}}},"response":{{"status":{},"statusText":"","httpVersion":"HTTP/1.1","headers":[{headers}],"cookies":[],"content":{{"size":0,"mimeType":"text/plain"}},"redirectURL":"","headersSize":-1,"bodySize":0}},"cache":{{}},"timings":{{"send":0,"wait":19,"receive":1}}}}"#,
                        if first_entry { "" } else { "," },
                        iso(r.sent_ms),
                        r.url,
                        r.body.len(),
                        r.status
                    );
                    first_entry = false;
                    e + "\n"
                }
            };
            w.write_all(line.as_bytes())?;
            written += line.len() as u64;
            if written >= size {
                break 'outer;
            }
        }
    }
    if format == Format::Har {
        w.write_all(b"]}}\n")?;
    }
    w.flush()?;
    eprintln!("wrote {written} bytes, {n} sessions, to {out_path}");
    Ok(())
}
