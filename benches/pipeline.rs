//! Criterion benches for the stages of the pipeline on a generated, realistic capture
//! (the same shapes `examples/gencapture.rs` writes): the lenient parser, lowering to a
//! `serde_json::Value`, schema validation, the sequencing engine, and the whole `check`
//! on one thread and on every core. Throughput is in bytes of request bodies.
//!
//! `cargo bench --bench pipeline` (add `-- --quick` for a short run).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use valint::check::{check, Input};
use valint::config::Config;
use valint::schema::SchemaSet;
use valint::session::{Engine, Event};
use valint::source::SourceMap;
use valint::syntax::{lower, parse};

/// A few thousand realistic bodies, one per line (bare-body NDJSON).
fn bodies() -> Vec<String> {
    let start = r#"{"playerTime":{"playhead":0,"ts":TS},"eventType":"sessionStart","params":{"analytics.trackingServer":"exampleorg.sc.omtrdc.net","analytics.reportSuite":"exampleprod","visitor.marketingCloudOrgId":"0123456789ABCDEF@AdobeOrg","media.id":"asset-42","media.name":"Episode 7","media.length":1800,"media.contentType":"vod","media.playerName":"html5-player","media.channel":"web","analytics.enableSSL":true},"customMetadata":{"cm.key0":"value-1","cm.key1":"value-2","cm.key2":"value-3"}}"#;
    let mut v = Vec::new();
    let mut ts = 1_731_672_000_000u64;
    for s in 0..50 {
        v.push(start.replace("TS", &ts.to_string()));
        ts += 300;
        v.push(format!(r#"{{"playerTime":{{"playhead":0,"ts":{ts}}},"eventType":"play","qoeData":{{"media.qoe.timeToStart":812}}}}"#));
        for p in 1..60 {
            ts += 10_000;
            v.push(format!(
                r#"{{"playerTime":{{"playhead":{}.{:03},"ts":{ts}}},"eventType":"ping"}}"#,
                p * 10,
                s
            ));
        }
        ts += 1000;
        v.push(format!(
            r#"{{"playerTime":{{"playhead":600,"ts":{ts}}},"eventType":"sessionEnd"}}"#
        ));
    }
    v
}

fn benches(c: &mut Criterion) {
    let bodies = bodies();
    let bytes: usize = bodies.iter().map(|b| b.len() + 1).sum();
    let file: String = bodies.iter().map(|b| format!("{b}\n")).collect();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);

    g.bench_function("serde_json floor (parse to Value)", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(serde_json::from_str::<serde_json::Value>(body).unwrap());
            }
        })
    });
    g.bench_function("lenient parse", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(parse(body.as_bytes()));
            }
        })
    });
    let parsed: Vec<_> = bodies.iter().map(|b| parse(b.as_bytes()).root).collect();
    g.bench_function("lower to Value", |b| {
        b.iter(|| {
            for root in &parsed {
                black_box(lower(root));
            }
        })
    });
    let values: Vec<_> = parsed.iter().map(lower).collect();
    let schemas = SchemaSet::global();
    g.bench_function("schema validation", |b| {
        b.iter(|| {
            for (root, v) in parsed.iter().zip(&values) {
                let t = root.get("eventType").and_then(|n| n.as_str());
                black_box(schemas.validate(t, v));
            }
        })
    });
    let cfg = Config::default();
    g.bench_function("sequencing engine", |b| {
        b.iter_batched(
            || {
                parsed
                    .iter()
                    .map(|r| Event::from_body(0, 0, r.clone(), SourceMap::Offset(0)))
                    .collect::<Vec<_>>()
            },
            |events| {
                let mut e = Engine::new(&cfg, Box::new(|| valint::rules::session_rules(&cfg)));
                for ev in events {
                    e.feed(ev, false);
                }
                black_box(e.finish())
            },
            BatchSize::LargeInput,
        )
    });
    for threads in [1usize, 2] {
        let cfg = Config {
            threads: Some(threads),
            ..Config::default()
        };
        g.bench_function(format!("check, {threads} thread(s)"), |b| {
            b.iter(|| {
                black_box(check(
                    &[Input::Bytes(
                        "bench.jsonl".into(),
                        file.clone().into_bytes(),
                    )],
                    &cfg,
                ))
            })
        });
    }
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
