use serde_json::{json, Value};

use super::*;

fn set() -> &'static SchemaSet {
    SchemaSet::global()
}

fn pt() -> Value {
    json!({"playhead": 12.5, "ts": 1_509_045_324_153_u64})
}

fn session_params() -> Value {
    json!({
        "analytics.trackingServer": "example.sc.omtrdc.net",
        "analytics.reportSuite": "examplersid",
        "analytics.enableSSL": true,
        "visitor.marketingCloudOrgId": "ABC123@AdobeOrg",
        "media.id": "content-1",
        "media.length": 60.33,
        "media.contentType": "VOD",
        "media.playerName": "sample-player",
        "media.channel": "sample-channel"
    })
}

/// A minimal valid body for every event type.
fn valid_body(event_type: &str) -> Value {
    let mut body = json!({"eventType": event_type, "playerTime": pt()});
    let params = match event_type {
        "sessionStart" => Some(session_params()),
        "adBreakStart" => Some(json!({"media.ad.podIndex": 0, "media.ad.podSecond": 0})),
        "adStart" => Some(json!({
            "media.ad.id": "001",
            "media.ad.length": 15,
            "media.ad.podPosition": 1,
            "media.ad.playerName": "sample-player"
        })),
        "chapterStart" => Some(json!({
            "media.chapter.index": 1,
            "media.chapter.offset": 0,
            "media.chapter.length": 20.5
        })),
        "stateStart" | "stateEnd" => Some(json!({"media.state.name": "fullScreen"})),
        "statesUpdate" => Some(json!({"statesStart": [{"media.state.name": "mute"}]})),
        _ => None,
    };
    if let Some(p) = params {
        body["params"] = p;
    }
    body
}

fn errors(event_type: &str, body: &Value) -> Vec<SchemaError> {
    set().validate(Some(event_type), body)
}

#[test]
fn loads_and_lists_all_event_types() {
    let s = SchemaSet::load().expect("bundled schemas compile");
    assert_eq!(s.event_types().len(), 20);
    assert_eq!(s.event_types()[0], "sessionStart");
    assert_eq!(s.event_types()[19], "statesUpdate");
}

#[test]
fn a_valid_body_passes_for_every_event_type() {
    for et in set().event_types() {
        let body = valid_body(et);
        let errs = errors(et, &body);
        assert!(errs.is_empty(), "{et}: {errs:#?}");
    }
}

#[test]
fn rich_valid_bodies_pass() {
    let mut ss = valid_body("sessionStart");
    let p = ss["params"].as_object_mut().unwrap();
    p.insert("media.streamType".into(), json!("video"));
    p.insert("media.resume".into(), json!(false));
    p.insert("media.downloaded".into(), json!(false));
    p.insert("media.sdkVersion".into(), json!("va-api-0.0.0"));
    p.insert("media.libraryVersion".into(), json!("ios-3.0.0"));
    p.insert("media.artist".into(), json!("Someone"));
    p.insert("media.showType".into(), json!("0"));
    p.insert("visitor.aamLocationHint".into(), json!(9));
    p.insert(
        "visitor.customerIDs".into(),
        json!({"userId": {"id": "u1", "authState": 1}}),
    );
    p.insert("media.qoe.timeToStart".into(), json!(1200));
    ss["qoeData"] = json!({"media.qoe.bitrate": 3_000_000});
    ss["customMetadata"] = json!({"my.key_1": "v"});
    assert_eq!(errors("sessionStart", &ss), vec![]);

    let mut ad = valid_body("adStart");
    ad["params"]["media.ad.podFriendlyName"] = json!("ad_pod1");
    ad["customMetadata"] = json!({"myCustomData1": "x"});
    assert_eq!(errors("adStart", &ad), vec![]);

    let err = json!({
        "eventType": "error",
        "playerTime": pt(),
        "params": {"media.errorId": "e-1", "media.errorSource": "external"},
        "qoeData": {"media.qoe.errorID": "e-1", "media.qoe.errorSource": "player"}
    });
    assert_eq!(errors("error", &err), vec![]);

    let su = json!({
        "eventType": "statesUpdate",
        "playerTime": pt(),
        "params": {"statesEnd": [{"media.state.name": "mute"}], "statesStart": []}
    });
    assert_eq!(errors("statesUpdate", &su), vec![]);
}

#[test]
fn missing_required_params_are_reported_in_one_error() {
    let body =
        json!({"eventType": "adStart", "playerTime": pt(), "params": {"media.ad.name": "Ad 1"}});
    let errs = errors("adStart", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert_eq!(e.instance_path, "/params");
    assert_eq!(e.schema_file, "adStart.json");
    match &e.kind {
        SchemaErrorKind::MissingRequired { keys } => assert_eq!(
            keys,
            &[
                "media.ad.id",
                "media.ad.length",
                "media.ad.podPosition",
                "media.ad.playerName"
            ]
        ),
        other => panic!("unexpected kind {other:?}"),
    }
    assert!(
        e.message.contains("`media.ad.length` (number, seconds)"),
        "{}",
        e.message
    );

    let body = json!({"eventType": "sessionStart", "playerTime": pt(), "params": {}});
    let errs = errors("sessionStart", &body);
    assert_eq!(errs.len(), 1);
    match &errs[0].kind {
        SchemaErrorKind::MissingRequired { keys } => assert_eq!(keys.len(), 8),
        other => panic!("unexpected kind {other:?}"),
    }
}

#[test]
fn missing_top_level_fields() {
    let errs = errors("play", &json!({}));
    assert_eq!(
        errs,
        vec![SchemaError {
            kind: SchemaErrorKind::MissingRequired {
                keys: vec!["eventType".into(), "playerTime".into()]
            },
            instance_path: String::new(),
            message: errs[0].message.clone(),
            schema_file: "play.json".into(),
            source: None,
        }]
    );
    let errs = errors(
        "adStart",
        &json!({"eventType": "adStart", "playerTime": pt()}),
    );
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::MissingRequired {
            keys: vec!["params".into()]
        }
    );
}

#[test]
fn unexpected_top_level_key() {
    let mut body = valid_body("play");
    body["extra"] = json!(1);
    let errs = errors("play", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::UnexpectedProperty {
            key: "extra".into()
        }
    );
    assert_eq!(errs[0].schema_file, "play.json");
}

#[test]
fn custom_metadata_on_play_is_rejected() {
    let mut body = valid_body("play");
    body["customMetadata"] = json!({"a": "b"});
    let errs = errors("play", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::UnexpectedProperty {
            key: "customMetadata".into()
        }
    );
    assert!(errs[0].message.contains("play"), "{}", errs[0].message);
}

#[test]
fn ts_as_string_is_a_type_mismatch() {
    let body = json!({"eventType": "ping", "playerTime": {"playhead": 0, "ts": "<timestamp>"}});
    let errs = errors("ping", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert_eq!(e.instance_path, "/playerTime/ts");
    assert_eq!(
        e.kind,
        SchemaErrorKind::TypeMismatch {
            expected: "integer".into(),
            found: "string".into()
        }
    );
    assert_eq!(e.schema_file, "common.json");
    assert_eq!(
        e.message,
        "`ts` must be an integer (epoch milliseconds), found a string"
    );
}

#[test]
fn ping_with_params_is_rejected() {
    let mut body = valid_body("ping");
    body["params"] = json!({});
    let errs = errors("ping", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::UnexpectedProperty {
            key: "params".into()
        }
    );
    assert_eq!(errs[0].schema_file, "ping.json");
}

#[test]
fn undocumented_qoe_key_is_rejected() {
    let mut body = valid_body("play");
    body["qoeData"] = json!({"bitrate": 10000});
    let errs = errors("play", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/qoeData");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::UnexpectedProperty {
            key: "bitrate".into()
        }
    );
    assert_eq!(errs[0].schema_file, "common.json");
    assert!(
        errs[0].message.contains("media.qoe.bitrate"),
        "{}",
        errs[0].message
    );

    // The SDK's error keys are tolerated on error events only.
    body["qoeData"] = json!({"media.qoe.errorID": "x"});
    assert_eq!(errors("play", &body).len(), 1);
    let mut err = valid_body("error");
    err["qoeData"] = json!({"media.qoe.errorID": "x"});
    assert_eq!(errors("error", &err), vec![]);
}

#[test]
fn bad_custom_metadata_key_and_value() {
    let mut body = valid_body("chapterStart");
    body["customMetadata"] = json!({"my key": "v", "count": 5});
    let errs = errors("chapterStart", &body);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/customMetadata");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::UnexpectedProperty {
            key: "my key".into()
        }
    );
    assert_eq!(errs[1].instance_path, "/customMetadata/count");
    assert_eq!(
        errs[1].kind,
        SchemaErrorKind::TypeMismatch {
            expected: "string".into(),
            found: "integer".into()
        }
    );
    assert!(errs.iter().all(|e| e.schema_file == "common.json"));
}

#[test]
fn unknown_event_type_uses_the_envelope() {
    let body = json!({"eventType": "foo", "playerTime": pt()});
    for selector in [None, Some("foo")] {
        let errs = set().validate(selector, &body);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(errs[0].instance_path, "/eventType");
        assert!(
            matches!(errs[0].kind, SchemaErrorKind::InvalidValue { .. }),
            "{errs:#?}"
        );
        assert_eq!(errs[0].schema_file, "common.json");
    }
    // A known event type passes the envelope.
    assert_eq!(set().validate(None, &valid_body("adStart")), vec![]);
    // A wrong type is reported once, as a type error.
    let errs = set().validate(None, &json!({"eventType": 7, "playerTime": pt()}));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(matches!(errs[0].kind, SchemaErrorKind::TypeMismatch { .. }));
}

#[test]
fn event_type_must_match_the_selected_schema() {
    let errs = errors("play", &valid_body("pauseStart"));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].instance_path, "/eventType");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::InvalidValue {
            detail: "expected \"play\"".into()
        }
    );
}

#[test]
fn session_start_params_are_closed_and_typed() {
    let mut body = valid_body("sessionStart");
    body["params"]["media.unknown"] = json!("x");
    body["params"]["media.length"] = json!("60");
    body["params"]["analytics.enableSSL"] = json!("true");
    let errs = errors("sessionStart", &body);
    let summary: Vec<(&str, &SchemaErrorKind)> = errs
        .iter()
        .map(|e| (e.instance_path.as_str(), &e.kind))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "/params",
                &SchemaErrorKind::UnexpectedProperty {
                    key: "media.unknown".into()
                }
            ),
            (
                "/params/analytics.enableSSL",
                &SchemaErrorKind::TypeMismatch {
                    expected: "boolean".into(),
                    found: "string".into()
                }
            ),
            (
                "/params/media.length",
                &SchemaErrorKind::TypeMismatch {
                    expected: "number".into(),
                    found: "string".into()
                }
            ),
        ]
    );
}

#[test]
fn other_event_params_are_open_but_typed() {
    let mut body = valid_body("adStart");
    body["params"]["media.ad.podFriendlyName"] = json!("pod");
    body["params"]["media.ad.podPosition"] = json!("1");
    let errs = errors("adStart", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/params/media.ad.podPosition");
}

#[test]
fn player_state_rules() {
    let body = json!({"eventType": "stateStart", "playerTime": pt(), "params": {"media.state.name": "full screen"}});
    let errs = errors("stateStart", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/params/media.state.name");
    assert!(matches!(errs[0].kind, SchemaErrorKind::InvalidValue { .. }));
    assert_eq!(errs[0].schema_file, "common.json");

    let body = json!({"eventType": "statesUpdate", "playerTime": pt(), "params": {}});
    let errs = errors("statesUpdate", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/params");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::MissingRequired {
            keys: vec!["statesStart".into(), "statesEnd".into()]
        }
    );

    let body = json!({"eventType": "statesUpdate", "playerTime": pt(),
        "params": {"statesStart": [{"name": "mute"}]}});
    let errs = errors("statesUpdate", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/params/statesStart/0");
}

#[test]
fn error_source_enum() {
    let mut body = valid_body("error");
    body["params"] = json!({"media.errorSource": "network"});
    let errs = errors("error", &body);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].instance_path, "/params/media.errorSource");
    assert!(
        errs[0].message.contains("\"player\""),
        "{}",
        errs[0].message
    );
}

#[test]
fn negative_playhead_and_non_object_body() {
    let body = json!({"eventType": "play", "playerTime": {"playhead": -1, "ts": 5}});
    let errs = errors("play", &body);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].instance_path, "/playerTime/playhead");
    assert!(errs[0].message.contains("(seconds)"), "{}", errs[0].message);

    let errs = errors("play", &json!([1, 2]));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].instance_path, "");
    assert_eq!(
        errs[0].kind,
        SchemaErrorKind::TypeMismatch {
            expected: "object".into(),
            found: "array".into()
        }
    );
}

#[test]
fn errors_are_sorted_and_deterministic() {
    let body = json!({
        "eventType": "adStart",
        "playerTime": {"playhead": "0", "extra": 1},
        "params": {"media.ad.length": "15"},
        "qoeData": {"x": 1},
        "customMetadata": {"a b": "c"},
        "zzz": true
    });
    let first = errors("adStart", &body);
    for _ in 0..5 {
        assert_eq!(errors("adStart", &body), first);
    }
    let paths: Vec<&str> = first.iter().map(|e| e.instance_path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    for e in &first {
        assert!(!e.message.contains('\n'), "{}", e.message);
    }
}

// ------------------------------------------------------------------------------------------
// The acceptor (`schema::accept`) may only prove valid what `jsonschema` finds valid.

/// A valid body of `event_type` with every kind of member the schemas describe: the
/// optional params of each type, `qoeData` and `customMetadata` where allowed.
fn rich_body(event_type: &str) -> Value {
    let mut body = valid_body(event_type);
    match event_type {
        "sessionStart" => {
            let p = body["params"].as_object_mut().unwrap();
            p.insert("media.streamType".into(), json!("video"));
            p.insert("media.resume".into(), json!(false));
            p.insert("visitor.aamLocationHint".into(), json!(9));
            p.insert(
                "visitor.customerIDs".into(),
                json!({"userId": {"id": "u1", "authState": 1}}),
            );
            p.insert("media.qoe.timeToStart".into(), json!(1200));
            body["qoeData"] = json!({"media.qoe.bitrate": 3_000_000});
            body["customMetadata"] = json!({"my.key_1": "v", "Show_2": "w"});
        }
        "adStart" => {
            body["params"]["media.ad.podFriendlyName"] = json!("ad_pod1");
            body["customMetadata"] = json!({"myCustomData1": "x"});
        }
        "play" | "bitrateChange" | "ping" => {
            body["qoeData"] = json!({"media.qoe.bitrate": 1, "media.qoe.droppedFrames": 0});
        }
        _ => {}
    }
    body
}

/// JSON pointers to every value in `v` (the root included).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                pointers(
                    c,
                    &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                pointers(c, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Values that test each keyword's edges: types, integers written as floats, negative and
/// huge numbers, the enum and const values of other places.
fn replacement(i: usize) -> Value {
    let all = [
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1.0),
        json!(-0.0),
        json!(0.5),
        json!(-0.5),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(1e300),
        json!(""),
        json!("ping"),
        json!("sessionStart"),
        json!("player"),
        json!("x"),
        json!([]),
        json!([{"media.state.name": "mute"}]),
        json!({}),
        json!({"id": "u"}),
        json!({"playhead": 1, "ts": 2}),
        json!(2),
    ];
    all[i % all.len()].clone()
}

/// Keys that test `additionalProperties`, `patternProperties` and `pattern`.
fn extra_key(i: usize) -> String {
    let all = [
        "extra",
        "",
        "a\n",
        "\na",
        "é",
        "my key",
        "my.key_1",
        "a-b",
        "media.id",
        "media.qoe.bitrate",
        "playhead",
        "eventType",
        "params",
        "qoeData",
        "customMetadata",
        "id",
        "authState",
        "media.ad.id",
    ];
    let sixty_five = "a".repeat(65);
    if i % (all.len() + 1) == all.len() {
        sixty_five
    } else {
        all[i % (all.len() + 1)].to_string()
    }
}

/// One change to `body`: a value removed, replaced or given an extra member; a string
/// made longer or given a character outside a pattern.
/// The parts of a bare body (a string `eventType` and a `playerTime` of `playhead` and
/// `ts`, nothing else), as `SchemaSet::proves_bare` takes them.
fn bare_parts(body: &Value) -> Option<(&str, &Value, &Value)> {
    let m = body.as_object()?;
    let pt = m.get("playerTime")?.as_object()?;
    if m.len() != 2 || pt.len() != 2 {
        return None;
    }
    Some((
        m.get("eventType")?.as_str()?,
        pt.get("playhead")?,
        pt.get("ts")?,
    ))
}

#[test]
fn bare_bodies_are_judged_from_their_parts_as_whole() {
    let s = set();
    let values = [
        json!(0),
        json!(12.5),
        json!(-1),
        json!(1_509_045_324_153_u64),
        json!(1.0),
        json!("7"),
        json!(null),
    ];
    let mut proven = 0;
    for et in s.event_types().iter().chain(&["bogus", ""]) {
        for playhead in &values {
            for ts in &values {
                let body = json!({"eventType": et, "playerTime": {"playhead": playhead, "ts": ts}});
                for selector in [Some(*et), Some("ping"), None] {
                    let whole = s.acceptor_proves(selector, &body);
                    assert_eq!(
                        s.proves_bare(selector, et, playhead, ts),
                        whole,
                        "{selector:?}: {body}"
                    );
                    proven += usize::from(whole);
                }
            }
        }
    }
    // Most event types need nothing but the two members: those bodies are proven.
    assert!(proven > 100, "{proven}");
}

fn mutate(body: &mut Value, op: usize, at: usize, choice: usize) {
    let mut ptrs = Vec::new();
    pointers(body, "", &mut ptrs);
    let ptr = ptrs[at % ptrs.len()].clone();
    match op % 5 {
        0 => {
            // Remove the member (or array element) at `ptr`.
            if let Some((parent, last)) = ptr.rsplit_once('/') {
                let last = last.replace("~1", "/").replace("~0", "~");
                match body.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        m.remove(&last);
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        1 => {
            if let Some(v) = body.pointer_mut(&ptr) {
                *v = replacement(choice);
            }
        }
        2 => {
            if let Some(Value::Object(m)) = body.pointer_mut(&ptr) {
                m.insert(extra_key(choice), replacement(choice / 7));
            }
        }
        3 => {
            if let Some(Value::String(s)) = body.pointer_mut(&ptr) {
                match choice % 3 {
                    0 => s.push(' '),
                    1 => s.push_str(&"a".repeat(70)),
                    _ => s.clear(),
                }
            }
        }
        _ => {
            // A key renamed: the value moves to a key the schema may not know.
            if let Some((parent, last)) = ptr.rsplit_once('/') {
                let last = last.replace("~1", "/").replace("~0", "~");
                if let Some(Value::Object(m)) = body.pointer_mut(parent) {
                    if let Some(v) = m.remove(&last) {
                        m.insert(extra_key(choice), v);
                    }
                }
            }
        }
    }
}

#[test]
fn the_acceptor_proves_the_valid_bodies_of_the_common_shapes() {
    let s = set();
    let mut proven = 0;
    for et in s.event_types() {
        for body in [valid_body(et), rich_body(et)] {
            assert!(s.jsonschema_valid(Some(et), &body), "{et}: {body}");
            proven += usize::from(s.acceptor_proves(Some(et), &body));
            // Checked against the envelope when the type is unknown.
            assert!(
                !s.acceptor_proves(None, &body) || s.jsonschema_valid(None, &body),
                "{et}: the envelope's acceptor accepted {body}"
            );
        }
    }
    // Every type but statesUpdate (its `anyOf` and `items` are not modelled), valid and
    // rich: proven without `jsonschema`.
    assert_eq!(proven, 2 * (s.event_types().len() - 1));
    assert!(!s.acceptor_proves(Some("statesUpdate"), &valid_body("statesUpdate")));
    // The switch: a set built without the acceptor validates with `jsonschema` alone,
    // and finds the same.
    let plain = SchemaSet::load_jsonschema_only().unwrap();
    let bad = json!({"eventType": "ping", "playerTime": {"playhead": -1, "ts": 1}});
    assert_eq!(
        plain.validate(Some("ping"), &bad),
        s.validate(Some("ping"), &bad)
    );
    assert!(!s.validate(Some("ping"), &bad).is_empty());
}

#[test]
fn key_classes_read_only_their_own_form() {
    use super::accept::KeyClass;
    let c = KeyClass::parse("^[a-zA-Z0-9_.]{1,64}$").unwrap();
    assert!(c.matches("media.state_1"));
    assert!(!c.matches(""));
    assert!(!c.matches(&"a".repeat(65)));
    assert!(c.matches(&"a".repeat(64)));
    assert!(!c.matches("a b"));
    assert!(!c.matches("a\n"));
    assert!(!c.matches("é"));
    let plus = KeyClass::parse("^[a-z-]+$").unwrap();
    assert!(plus.matches("a-b"));
    assert!(!plus.matches(""));
    for other in [
        "^[a-z]+",
        "[a-z]+$",
        "^[^a-z]+$",
        "^[\\w]+$",
        "^[a-z]?$",
        "^(a)+$",
        "^[z-a]+$",
    ] {
        assert!(KeyClass::parse(other).is_none(), "{other}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// Near-valid bodies (a member missing, a value of another type or out of range, an
    /// extra or renamed key, a pattern broken, one to three changes at any depth): the
    /// acceptor never accepts what `jsonschema` rejects, for the body's type and for the
    /// envelope.
    #[test]
    fn the_acceptor_never_accepts_what_jsonschema_rejects(
        et in 0usize..20,
        rich in proptest::bool::ANY,
        changes in proptest::collection::vec((0usize..5, 0usize..64, 0usize..1000), 1..4),
        as_type in 0usize..3,
    ) {
        let s = set();
        let et = s.event_types()[et];
        let mut body = if rich { rich_body(et) } else { valid_body(et) };
        for (op, at, choice) in changes {
            mutate(&mut body, op, at, choice);
        }
        // The body's own schema, another type's, and the envelope.
        let selector = match as_type {
            0 => Some(et),
            1 => Some(if et == "ping" { "play" } else { "ping" }),
            _ => None,
        };
        if s.acceptor_proves(selector, &body) {
            proptest::prop_assert!(
                s.jsonschema_valid(selector, &body),
                "accepted for {selector:?}, jsonschema rejects: {body}"
            );
        }
        // A bare body judged from its parts is judged as the whole body is.
        if let Some((t, playhead, ts)) = bare_parts(&body) {
            proptest::prop_assert_eq!(
                s.proves_bare(selector, t, playhead, ts),
                s.acceptor_proves(selector, &body),
                "{:?}: {}", selector, body
            );
        }
    }
}
