//! Property tests beyond the parser: arbitrary event sequences through the whole pipeline
//! never panic, the summary's counts always add up, and the facts that do not depend on
//! event order hold under any order.

use proptest::prelude::*;
use valint::check::{check, Input, Report};
use valint::config::Config;
use valint::rules::Family;
use valint::session::EventType;

/// Every event type, plus one Adobe does not have.
fn types() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = EventType::ALL.iter().map(|t| t.name()).collect();
    v.push("bogus");
    v
}

#[derive(Debug, Clone)]
struct Ev {
    sid: Option<u8>,
    kind: usize,
    playhead: f64,
    ts: u64,
    sent: Option<u64>,
}

fn event() -> impl Strategy<Value = Ev> {
    (
        prop::option::of(0u8..4),
        0..EventType::ALL.len() + 1,
        0.0f64..100.0,
        0u64..2_000_000,
        prop::option::of(0u64..2_000_000),
    )
        .prop_map(|(sid, kind, playhead, ts, sent)| Ev {
            sid,
            kind,
            playhead,
            ts: 1_700_000_000_000 + ts,
            sent: sent.map(|s| 1_700_000_000_000 + s),
        })
}

/// One NDJSON record (or bare body) per event.
fn render(events: &[Ev]) -> Vec<u8> {
    let types = types();
    let mut out = String::new();
    for e in events {
        let t = types[e.kind];
        let params = match t {
            "stateStart" | "stateEnd" => r#","params":{"media.state.name":"mute"}"#,
            "adBreakStart" => r#","params":{"media.ad.podIndex":1,"media.ad.podSecond":0}"#,
            _ => "",
        };
        let body = format!(
            r#"{{"playerTime":{{"playhead":{:.3},"ts":{}}},"eventType":"{t}"{params}}}"#,
            e.playhead, e.ts
        );
        match (e.sid, e.sent) {
            (Some(s), sent) => {
                let url = if t == "sessionStart" {
                    "https://h/api/v1/sessions".to_string()
                } else {
                    format!("https://h/api/v1/sessions/s{s}/events")
                };
                let time = sent
                    .map(|ms| format!(r#","timestamp":{ms}"#))
                    .unwrap_or_default();
                let loc = if t == "sessionStart" {
                    format!(r#","response_headers":{{"Location":"/api/v1/sessions/s{s}"}}"#)
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    r#"{{"method":"POST","url":"{url}"{time}{loc},"body":{body}}}"#
                ));
            }
            (None, _) => out.push_str(&body),
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// A line of the log that is not a Media Collection request, and what the NDJSON reader
/// makes of it.
#[derive(Debug, Clone, Copy)]
enum Noise {
    /// A `#` comment: not counted at all.
    Comment,
    /// A blank line: not counted at all.
    Blank,
    /// A record for another host: skipped as other traffic.
    OtherHost,
    /// A CORS preflight to the API: skipped.
    Preflight,
    /// Not JSON: unreadable.
    Garbage,
    /// A record for the API without a body: unreadable.
    NoBody,
}

const NOISE: [Noise; 6] = [
    Noise::Comment,
    Noise::Blank,
    Noise::OtherHost,
    Noise::Preflight,
    Noise::Garbage,
    Noise::NoBody,
];

impl Noise {
    fn line(self) -> &'static str {
        match self {
            Noise::Comment => "# a note in the log",
            Noise::Blank => "   ",
            Noise::OtherHost => {
                r#"{"method":"POST","url":"https://other.example/collect","body":{"eventType":"play"}}"#
            }
            Noise::Preflight => r#"{"method":"OPTIONS","url":"https://h/api/v1/sessions"}"#,
            Noise::Garbage => "not json at all",
            Noise::NoBody => r#"{"method":"POST","url":"https://h/api/v1/sessions/s1/events"}"#,
        }
    }
}

/// `render(events)` with `noise` lines put in at the given places, after a first line that
/// is a record for another host (so the file reads as a request log wherever the noise
/// lands: without a record among its first lines, a log of bare bodies is a body stream).
fn render_with_noise(events: &[Ev], noise: &[(usize, Noise)]) -> Vec<u8> {
    let body = String::from_utf8(render(events)).unwrap();
    let mut lines: Vec<&str> = body.lines().collect();
    let mut noise = noise.to_vec();
    // Back to front, so that earlier places stay where they were.
    noise.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, n) in noise {
        lines.insert(at % (lines.len() + 1), n.line());
    }
    let mut out = Noise::OtherHost.line().to_string();
    for l in lines {
        out.push('\n');
        out.push_str(l);
    }
    out.push('\n');
    out.into_bytes()
}

/// Lines of `bytes` that hold something: not blank, not a `#` or `//` comment. Each is
/// one request of the log, checked, unreadable or skipped.
fn content_lines(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//"))
        .count()
}

fn run(bytes: Vec<u8>, name: &str) -> Report {
    check(&[Input::Bytes(name.into(), bytes)], &Config::default())
}

fn per_request_codes(r: &Report) -> Vec<&'static str> {
    let mut v: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.rule.family,
                Family::Syntax | Family::Schema | Family::Http
            )
        })
        .map(|d| d.rule.code)
        .collect();
    v.sort_unstable();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any sequence, any mix of sids and arrival times, among other traffic, comments and
    /// lines that are not requests: no panic, every request accounted for, and every
    /// finding points inside the file. The counts are those of what was generated: each
    /// event a checked request with one event, each other-host record and preflight
    /// skipped, each line of garbage and each record without a body unreadable; together,
    /// every line of the file that is not blank or a comment.
    #[test]
    fn arbitrary_sequences_are_accounted_for(
        events in prop::collection::vec(event(), 0..60),
        noise in prop::collection::vec((any::<usize>(), prop::sample::select(NOISE.to_vec())), 0..12),
    ) {
        let bytes = render_with_noise(&events, &noise);
        let len = bytes.len();
        let lines = content_lines(&bytes);
        let of = |want: fn(Noise) -> bool| noise.iter().filter(|(_, n)| want(*n)).count();
        let skipped = 1 + of(|n| matches!(n, Noise::OtherHost | Noise::Preflight));
        let unreadable = of(|n| matches!(n, Noise::Garbage | Noise::NoBody));
        let r = run(bytes, "events.ndjson");
        let f = &r.files[0];
        prop_assert_eq!(f.format.as_str(), "NDJSON request log");
        prop_assert_eq!((f.checked, f.unreadable, f.skipped), (events.len(), unreadable, skipped));
        prop_assert_eq!(f.checked + f.unreadable + f.skipped, lines);
        prop_assert_eq!(f.events, events.len());
        prop_assert_eq!(r.events, f.events);
        prop_assert!(r.sessions <= r.events.max(1));
        for d in &r.diagnostics {
            prop_assert!(d.primary.span.end as usize <= len);
            for l in &d.secondary {
                prop_assert!(l.span.end as usize <= len);
            }
        }
    }

    /// What one request says about itself (syntax, schema, HTTP answer) does not depend on
    /// the order requests come in; nor do the counts of requests and events.
    #[test]
    fn per_request_facts_do_not_depend_on_order(
        events in prop::collection::vec(event(), 1..40),
        seed in any::<u64>(),
    ) {
        let mut shuffled = events.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = run(render(&events), "a.ndjson");
        let b = run(render(&shuffled), "b.ndjson");
        prop_assert_eq!(per_request_codes(&a), per_request_codes(&b));
        prop_assert_eq!(a.events, b.events);
        prop_assert_eq!(a.files[0].checked, b.files[0].checked);
    }

    /// The thread count never changes what is reported, nor its order.
    #[test]
    fn threads_do_not_change_the_report(events in prop::collection::vec(event(), 0..40)) {
        let bytes = render(&events);
        let one = check(&[Input::Bytes("t.ndjson".into(), bytes.clone())], &Config { threads: Some(1), ..Config::default() });
        let two = check(&[Input::Bytes("t.ndjson".into(), bytes)], &Config { threads: Some(2), ..Config::default() });
        let key = |r: &Report| r.diagnostics.iter().map(|d| (d.rule.code, d.primary.span, d.message.clone())).collect::<Vec<_>>();
        prop_assert_eq!(key(&one), key(&two));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// The engine calls each sequencing rule only for the event types it declares
    /// (`SessionRule::interest`): on any sequence, under the defaults and with the options
    /// that turn rules on set, the findings are those of a run that calls every rule for
    /// every event.
    #[test]
    fn declared_event_types_do_not_change_the_findings(
        events in prop::collection::vec(event(), 0..60),
        options in any::<bool>(),
    ) {
        let bytes = render(&events);
        let cfg = Config {
            threads: Some(1),
            require_stream_type: options,
            qoe_in_params: !options,
            ..Config::default()
        };
        let everything = Config { every_rule_on_every_event: true, ..cfg.clone() };
        let declared = check(&[Input::Bytes("d.ndjson".into(), bytes.clone())], &cfg);
        let all = check(&[Input::Bytes("d.ndjson".into(), bytes)], &everything);
        let key = |r: &Report| format!("{:?}", r.diagnostics);
        prop_assert_eq!(key(&declared), key(&all));
    }
}
