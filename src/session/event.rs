//! [`Event`]: the typed view of one request body that sequencing rules read.

use crate::source::{SourceMap, Span};
use crate::syntax::lite::{Lite, LiteMap};
use crate::syntax::{Node, NodeKind};
pub use crate::wire::EventType;
use crate::wire::{event_type_text, Endpoint};
use std::borrow::Cow;

/// Where an event's clock value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockSource {
    /// `playerTime.ts` in the body (epoch milliseconds).
    Body,
    /// The docs page's action-timeline seconds (×1000), used where `ts` is a placeholder.
    ActionTable,
}

/// A number read from the body, with its file span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file.
    pub span: Span,
}

/// One request body seen as a Media Collection event. `'a` is the capture file's: a body
/// read by the fast path may borrow its text from the file.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Index of the file in the run.
    pub file: usize,
    /// Ordinal of the request within its file.
    pub request: usize,
    /// 0-based index within its session (set by the engine).
    pub index: usize,
    /// Session id from the capture (URL or `Location` header), if any.
    pub sid: Option<Cow<'a, str>>,
    /// The recognised event type (see [`EventType::recognise`]).
    pub event_type: Option<EventType>,
    /// The `eventType` value as written (borrowed for an exact event type name: no
    /// allocation for the usual case, see [`event_type_text`]).
    pub event_type_raw: Option<Cow<'static, str>>,
    /// File span of the `eventType` value (or of the body when absent).
    pub event_type_span: Span,
    /// File span of the whole body.
    pub body_span: Span,
    /// `playerTime.playhead` in seconds.
    pub playhead: Option<Spanned<f64>>,
    /// `playerTime.ts` in epoch milliseconds, when the body has a real one.
    pub ts: Option<Spanned<i64>>,
    /// File span of `playerTime.ts` even when it is a placeholder.
    pub ts_span: Option<Span>,
    /// Action-timeline seconds from a docs page table.
    pub action_time_s: Option<f64>,
    /// The playhead (seconds) a docs page's action table gives for this request.
    pub table_playhead_s: Option<f64>,
    /// Arrival time of the request (epoch ms), when the capture records it.
    pub arrival_ms: Option<i64>,
    /// Label of the request (docs action heading).
    pub label: Option<String>,
    /// The endpoint the request went to, when the capture records it.
    pub endpoint: Endpoint,
    /// For an event that is one element of a JSON array body (a downloaded-content batch):
    /// its 0-based position in the array. A batch is one session of its own.
    pub batch: Option<usize>,
    /// Why Adobe rejects this event, when it does: then it never enters the session's
    /// sequence (it opens, closes and satisfies nothing; see [`Rejection`]).
    pub rejected: Option<Rejection>,
    /// For the first event of a request that has a sid: a hash of the sid and the
    /// request's body bytes (the `ts` among them). Two requests with the same fingerprint in
    /// different files are the same traffic recorded twice (see
    /// [`crate::session::Engine::take_repeats`]).
    pub fingerprint: Option<u64>,
    /// The body, as read (see [`Event::tree`]).
    body: Body<'a>,
    /// Body → file offset map.
    pub map: SourceMap,
}

/// Where a param of an event's body is written, found only when a finding needs it.
///
/// Rules remember where an adStart's `media.ad.length` or a chapterStart's
/// `media.chapter.offset` is written, to point at it if a later event contradicts it;
/// most never do. For a body the fast path read (strict JSON, see
/// [`crate::syntax::strict`]), a place keeps a copy of the body's text, its map and the
/// param's key, and scans the text ([`crate::syntax::locate`]) only when [`Place::span`]
/// is asked; a copy costs less than the scan. For a body with a spanned tree the span is
/// taken at once. Either way the span is the one [`Event::span_of`] gives.
#[derive(Debug, Clone)]
pub struct Place(PlaceKind);

#[derive(Debug, Clone)]
enum PlaceKind {
    /// Resolved: a file span.
    At(Span),
    /// `params[key]` in `text`, whose body → file map is `map`.
    Param {
        text: std::sync::Arc<[u8]>,
        params_at: Option<usize>,
        map: SourceMap,
        key: &'static str,
    },
}

impl Place {
    /// The file span of the place: the value's first byte to one past its last (the
    /// deepest existing ancestor when the param is not there).
    pub fn span(&self) -> Span {
        match &self.0 {
            PlaceKind::At(span) => *span,
            PlaceKind::Param {
                text,
                params_at,
                map,
                key,
            } => {
                let span = scan_param(text, *params_at, key).unwrap_or_else(|| {
                    let tree = crate::syntax::parse(text).root;
                    tree.resolve(&format!("/params/{key}")).0.span
                });
                map.span_to_file(span)
            }
        }
    }
}

/// The span of `params[key]` in strict JSON `text` (relative to it) as
/// [`crate::syntax::locate`] finds `/params/<key>`, `None` when it does not: the pointer
/// is not written out unless the key has a character a pointer escapes, and the scan
/// starts at the `params` value when the reader saw where it is (`params_at`).
fn scan_param(text: &[u8], params_at: Option<usize>, key: &str) -> Option<Span> {
    if key.contains(['/', '~']) {
        return crate::syntax::locate(text, &format!("/params/{key}"));
    }
    match params_at {
        Some(at) => crate::syntax::locate_member(text, at, key),
        None => crate::syntax::locate_param(text, key),
    }
}

impl From<Span> for Place {
    fn from(span: Span) -> Self {
        Place(PlaceKind::At(span))
    }
}

/// Why Adobe rejects an event, so that it does not exist for Adobe's processing: the
/// sequencing rules still see it (its own problems are the player's), but it changes no
/// session state (FACTS §1 response codes, §4.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// The capture recorded this answer: 400 (rejected), 404 (unknown session) or 410
    /// (session closed).
    Status(u16),
    /// The body fails the MC API's published schema, which Adobe's server answers with
    /// 400: the code of the (error-severity) schema finding.
    Schema(&'static str),
}

impl Rejection {
    /// A few words on why, for notes: "HTTP 400", "its body fails SCH002".
    pub fn why(self) -> String {
        match self {
            Rejection::Status(s) => format!("answered HTTP {s}"),
            Rejection::Schema(code) => format!("its body fails the schema, {code}"),
        }
    }
}

/// How an event's body was read.
#[derive(Debug, Clone)]
enum Body<'a> {
    /// By the spanned parser.
    Tree(Node),
    /// By the fast path ([`crate::syntax::strict`]): the value (after schema validation
    /// without the members the event holds typed, see [`Event::shed_value`]), and the
    /// body's text (borrowed from the capture file when the body is there as it is),
    /// read again with the spanned parser the first time a finding needs a place in it.
    Strict {
        value: LiteMap<'a>,
        /// The `playerTime` values of a body with no other members than it and a string
        /// `eventType` (its value is then empty), until validation is done with them.
        bare: Option<crate::syntax::strict::Bare>,
        text: Cow<'a, [u8]>,
        tree: std::sync::OnceLock<Node>,
        /// Where the top-level `params` value starts in `text` (see
        /// [`crate::syntax::strict::StrictBody::params_at`]).
        params_at: Option<usize>,
    },
}

/// `value` at body span `span`, mapped to the file.
fn spanned<T>(map: &SourceMap, value: T, span: Span) -> Spanned<T> {
    Spanned {
        value,
        span: map.span_to_file(span),
    }
}

/// What a reading of a body found for [`Event`], spans relative to the body.
struct Read {
    event_type_raw: Option<Cow<'static, str>>,
    body: Span,
    event_type: Option<Span>,
    playhead: Option<(f64, Span)>,
    ts: Option<(i64, Span)>,
    /// `playerTime.ts` even when it is not a number.
    ts_span: Option<Span>,
}

/// The part of a body's value that events keep once it is validated: every member but
/// `playerTime` and `eventType`, which the event holds typed ([`Event::ts`] and the like).
/// Rules read the rest (`params`, `qoeData`, `customMetadata`) through
/// [`Event::param_str`] and the like. Most events are pings with nothing else, so their
/// whole tree is freed early, on the thread that read it, while it is in its caches.
pub fn untyped_members(members: &mut LiteMap<'_>) {
    members.retain(|k| k != "playerTime" && k != "eventType");
    if members.is_empty() {
        // Nothing else: the list goes at once, freed here rather than by whichever
        // thread drops the event.
        *members = LiteMap::default();
    }
}

/// The [`Event::fingerprint`] of a request with session id `sid` and body `body` (its bytes
/// as the capture holds them, decoded).
pub fn fingerprint(sid: &str, body: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    sid.hash(&mut h);
    body.hash(&mut h);
    h.finish()
}

impl<'a> Event<'a> {
    /// Builds the typed view of a parsed body.
    pub fn from_body(file: usize, request: usize, root: Node, map: SourceMap) -> Event<'a> {
        let et_node = root.get("eventType");
        let pt = root.get("playerTime");
        let ph_node = pt.and_then(|p| p.get("playhead"));
        let ts_node = pt.and_then(|p| p.get("ts"));
        let read = Read {
            event_type_raw: et_node.and_then(Node::as_str).map(event_type_text),
            body: root.span,
            event_type: et_node.map(|n| n.span),
            playhead: ph_node.and_then(|n| Some((n.as_f64()?, n.span))),
            ts: ts_node.and_then(|n| Some((n.as_i64()?, n.span))),
            ts_span: ts_node.map(|n| n.span),
        };
        Event::assemble(file, request, read, Body::Tree(root), map)
    }

    /// Builds the typed view of a body read by the fast path; `text` is the body itself
    /// (what `body`'s spans are relative to, borrowed from the capture file or decoded),
    /// kept to find other places on demand.
    pub fn from_strict(
        file: usize,
        request: usize,
        body: crate::syntax::strict::StrictBody<'a>,
        text: Cow<'a, [u8]>,
        map: SourceMap,
    ) -> Event<'a> {
        let read = Read {
            event_type_raw: body.event_type_raw,
            body: body.span,
            event_type: body.event_type,
            playhead: body.playhead_s.zip(body.playhead),
            ts: body.ts_ms.zip(body.ts),
            ts_span: body.ts,
        };
        let body = Body::Strict {
            value: body.value,
            bare: body.bare,
            text,
            tree: std::sync::OnceLock::new(),
            params_at: body.params_at,
        };
        Event::assemble(file, request, read, body, map)
    }

    /// The event from what either reading of its body found.
    fn assemble(
        file: usize,
        request: usize,
        read: Read,
        body: Body<'a>,
        map: SourceMap,
    ) -> Event<'a> {
        let body_span = map.span_to_file(read.body);
        Event {
            file,
            request,
            index: 0,
            sid: None,
            event_type: read
                .event_type_raw
                .as_deref()
                .and_then(EventType::recognise)
                .map(|(e, _)| e),
            event_type_span: read.event_type.map_or(body_span, |s| map.span_to_file(s)),
            event_type_raw: read.event_type_raw,
            body_span,
            playhead: read.playhead.map(|(value, s)| spanned(&map, value, s)),
            ts: read.ts.map(|(value, s)| spanned(&map, value, s)),
            ts_span: read.ts_span.map(|s| map.span_to_file(s)),
            action_time_s: None,
            table_playhead_s: None,
            arrival_ms: None,
            label: None,
            endpoint: Endpoint::Unknown,
            batch: None,
            rejected: None,
            fingerprint: None,
            body,
            map,
        }
    }

    /// The body's spanned tree (spans relative to the body; map them with `map`). For a
    /// body read by the fast path it is parsed on first use.
    pub fn tree(&self) -> &Node {
        match &self.body {
            Body::Tree(root) => root,
            Body::Strict { text, tree, .. } => tree.get_or_init(|| crate::syntax::parse(text).root),
        }
    }

    /// Calls `f` with the body's whole value as serde_json read it, for a body read by the
    /// fast path (`None` for another body); before [`Event::shed_value`] only. A body of
    /// nothing but `playerTime` and `eventType` is assembled without allocating (see
    /// [`crate::syntax::strict::Bare`]).
    pub fn with_value<R>(&self, f: impl FnOnce(&serde_json::Value) -> R) -> Option<R> {
        match &self.body {
            Body::Strict {
                bare: Some(bare), ..
            } => Some(bare.with_value(self.event_type_raw.as_deref().unwrap_or_default(), f)),
            Body::Strict { value, .. } => Some(f(&value.to_value())),
            Body::Tree(_) => None,
        }
    }

    /// The members of a body read by the fast path that is not bare (see
    /// [`crate::syntax::strict::Bare`]), before [`Event::shed_value`]: the whole body.
    pub fn strict_members(&self) -> Option<&LiteMap<'a>> {
        match &self.body {
            Body::Strict {
                bare: None, value, ..
            } => Some(value),
            _ => None,
        }
    }

    /// A bare body's parts, before [`Event::shed_value`]: its `eventType` text and its
    /// `playerTime.playhead` and `playerTime.ts` as serde_json read them (see
    /// [`crate::syntax::strict::Bare`]); `None` for any other body.
    pub fn bare_parts(&self) -> Option<(&str, &serde_json::Value, &serde_json::Value)> {
        match (&self.body, &self.event_type_raw) {
            (
                Body::Strict {
                    bare: Some(bare), ..
                },
                Some(t),
            ) => Some((t, &bare.playhead, &bare.ts)),
            _ => None,
        }
    }

    /// Drops the value of a body read by the fast path, but for its `params`, once schema
    /// validation is done with it (see [`untyped_members`]).
    pub fn shed_value(&mut self) {
        if let Body::Strict { value, bare, .. } = &mut self.body {
            *bare = None;
            untyped_members(value);
        }
    }

    /// Whether the event's type is `t`.
    pub fn is(&self, t: EventType) -> bool {
        self.event_type == Some(t)
    }

    /// The event's name for messages: the recognised type, else the raw value, else `event`.
    pub fn name(&self) -> &str {
        match (self.event_type, &self.event_type_raw) {
            (Some(t), _) => t.name(),
            (None, Some(raw)) => raw,
            (None, None) => "event",
        }
    }

    /// File span of the node at JSON pointer `pointer` (the deepest existing ancestor when
    /// it does not exist).
    pub fn span_of(&self, pointer: &str) -> Span {
        // A body the fast path read is strict JSON: scanning its text finds the value
        // without parsing the whole tree (see [`crate::syntax::locate`]).
        if let Body::Strict { text, tree, .. } = &self.body {
            if tree.get().is_none() {
                if let Some(span) = crate::syntax::locate(text, pointer) {
                    return self.map.span_to_file(span);
                }
            }
        }
        let (node, _, _) = self.tree().resolve(pointer);
        self.map.span_to_file(node.span)
    }

    /// File span of `params[key]`: [`Event::span_of`] with `/params/<key>`, without
    /// writing the pointer out for a body the fast path read.
    pub fn param_span(&self, key: &str) -> Span {
        if let Body::Strict {
            text,
            tree,
            params_at,
            ..
        } = &self.body
        {
            if tree.get().is_none() {
                if let Some(span) = scan_param(text, *params_at, key) {
                    return self.map.span_to_file(span);
                }
            }
        }
        self.span_of(&format!("/params/{key}"))
    }

    /// Where `params[key]` is written (see [`Place`]): the same span as
    /// [`Event::span_of`] with `/params/<key>`, found only when it is asked for.
    pub fn param_place(&self, key: &'static str) -> Place {
        match &self.body {
            Body::Strict {
                text,
                tree,
                params_at,
                ..
            } if tree.get().is_none() => Place(PlaceKind::Param {
                text: std::sync::Arc::from(&text[..]),
                params_at: *params_at,
                map: self.map.clone(),
                key,
            }),
            _ => self.param_span(key).into(),
        }
    }

    /// File span of the playhead, else the body's `playerTime`, else the event type.
    pub fn playhead_span(&self) -> Span {
        self.playhead
            .map(|p| p.span)
            .unwrap_or(self.event_type_span)
    }

    /// A string param `params[key]`.
    pub fn param_str(&self, key: &str) -> Option<&str> {
        match &self.body {
            Body::Strict { value, .. } => value.get("params")?.get(key)?.as_str(),
            Body::Tree(root) => root.get("params")?.get(key)?.as_str(),
        }
    }

    /// A number param `params[key]` (a finite JSON number; not a string that looks like one).
    pub fn param_f64(&self, key: &str) -> Option<f64> {
        match &self.body {
            Body::Strict { value, .. } => value.get("params")?.get(key)?.as_f64(),
            Body::Tree(root) => root.get("params")?.get(key)?.as_f64(),
        }
    }

    /// Whether a sessionStart's content is live (`Some(true)`) or on demand (`Some(false)`),
    /// by its `media.contentType`, else its `media.streamType` (see [`crate::wire::is_live`]);
    /// `None` when neither names a known kind.
    pub fn content_is_live(&self) -> Option<bool> {
        ["media.contentType", "media.streamType"]
            .iter()
            .find_map(|k| self.param_str(k).and_then(crate::wire::is_live))
    }

    /// A number in the QoE data, `qoeData[key]` (for example `media.qoe.bitrate`, bits per
    /// second, or `media.qoe.droppedFrames`, a running count).
    pub fn qoe_f64(&self, key: &str) -> Option<f64> {
        match &self.body {
            Body::Strict { value, .. } => value.get("qoeData")?.get(key)?.as_f64(),
            Body::Tree(root) => root.get("qoeData")?.get(key)?.as_f64(),
        }
    }

    /// The player states (`media.state.name`) this event starts: a stateStart's one, or the
    /// `statesStart` list of a statesUpdate; empty for any other event.
    pub fn started_states(&self) -> Vec<&str> {
        match self.event_type {
            Some(EventType::StateStart) => self.param_str("media.state.name").into_iter().collect(),
            Some(EventType::StatesUpdate) => {
                self.param_list_strs("statesStart", "media.state.name")
            }
            _ => Vec::new(),
        }
    }

    /// Whether `qoeData` has the key `key`, whatever its value.
    pub fn qoe_has(&self, key: &str) -> bool {
        match &self.body {
            Body::Strict { value, .. } => value.get("qoeData").and_then(|q| q.get(key)).is_some(),
            Body::Tree(root) => root.get("qoeData").and_then(|q| q.get(key)).is_some(),
        }
    }

    /// The string `key` of each object in the array `params[list]` (for statesUpdate:
    /// `params.statesStart[*]["media.state.name"]`), in order; read from the value for a
    /// body read by the fast path, without building its tree.
    pub fn param_list_strs(&self, list: &str, key: &str) -> Vec<&str> {
        match &self.body {
            Body::Strict { value, .. } => value
                .get("params")
                .and_then(|p| p.get(list))
                .and_then(|l| l.as_array())
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|it| it.get(key)?.as_str())
                        .collect()
                })
                .unwrap_or_default(),
            Body::Tree(root) => match root
                .get("params")
                .and_then(|p| p.get(list))
                .map(|n| &n.kind)
            {
                Some(NodeKind::Array(items)) => items
                    .iter()
                    .filter_map(|it| it.get(key)?.as_str())
                    .collect(),
                _ => Vec::new(),
            },
        }
    }

    /// The keys of `params`, in body order (empty when `params` is absent or not an
    /// object). [`Event::span_of`] with `/params/<key>` finds a key's value.
    pub fn param_keys(&self) -> Vec<&str> {
        match &self.body {
            Body::Strict { value, .. } => value
                .get("params")
                .and_then(|p| p.as_object())
                .map(|p| p.keys().collect())
                .unwrap_or_default(),
            Body::Tree(root) => match root.get("params").map(|n| &n.kind) {
                Some(NodeKind::Object(members)) => members.iter().map(|m| m.key.as_str()).collect(),
                _ => Vec::new(),
            },
        }
    }

    /// True when the body has a `qoeData` member, whatever its value (what
    /// [`crate::session::Interest::qoe_data`] dispatches on: [`Event::qoe_f64`] and
    /// [`Event::qoe_has`] find nothing without it).
    pub fn has_qoe_data(&self) -> bool {
        match &self.body {
            Body::Strict { value, .. } => value.get("qoeData").is_some(),
            Body::Tree(root) => root.get("qoeData").is_some(),
        }
    }

    /// True when `params` exists and is an object.
    pub fn has_params(&self) -> bool {
        match &self.body {
            Body::Strict { value, .. } => value.get("params").is_some_and(|p| p.is_object()),
            Body::Tree(root) => matches!(
                root.get("params").map(|n| &n.kind),
                Some(NodeKind::Object(_))
            ),
        }
    }

    /// `Some(true)` when `params[key]` is `true`, `Some(false)` when it is anything else,
    /// `None` when it is absent (or `params` is not an object).
    pub fn param_is_true(&self, key: &str) -> Option<bool> {
        match &self.body {
            Body::Strict { value, .. } => value
                .get("params")
                .and_then(|p| p.as_object())
                .and_then(|p| p.get(key))
                .map(|v| *v == Lite::Bool(true)),
            Body::Tree(root) => root
                .get("params")
                .and_then(|p| p.get(key))
                .map(|n| matches!(n.kind, NodeKind::Bool(true))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"playerTime":{"playhead":12.5,"ts":1731672022092},"eventType":"adStart","params":{"media.ad.id":"ad-4210","media.ad.name":"Spot \"1\"","media.ad.length":15,"media.ad.podPosition":1,"nested":{"a":[1,{"b":2}]}},"customMetadata":{"campaign":"c48"}}"#;

    const KEYS: &[&str] = &[
        "media.ad.id",
        "media.ad.name",
        "media.ad.length",
        "media.ad.podPosition",
        "nested",
        "not.there",
    ];

    fn strict(map: SourceMap) -> Event<'static> {
        let body = crate::syntax::strict::parse_body(BODY).expect("strict JSON");
        Event::from_strict(0, 0, body, Cow::Borrowed(BODY), map)
    }

    fn tree(map: SourceMap) -> Event<'static> {
        Event::from_body(0, 0, crate::syntax::parse(BODY).root, map)
    }

    /// A param's place, found late, is the span `span_of` gives at once, for a body read by
    /// the fast path and for a spanned tree, under both kinds of map.
    #[test]
    fn a_place_is_the_span_of_its_param() {
        let maps = [
            SourceMap::Offset(1_000),
            SourceMap::Escaped(vec![(0, 500), (40, 560)]),
        ];
        for map in maps {
            let (s, t) = (strict(map.clone()), tree(map));
            for key in KEYS {
                let want = t.span_of(&format!("/params/{key}"));
                // Taken first: `span_of` parses the tree for a key the scan does not find.
                let late = s.param_place(key);
                assert!(matches!(late.0, PlaceKind::Param { .. }), "{key}");
                assert_eq!(late.span(), want, "{key}");
                assert_eq!(s.param_span(key), want, "{key}");
                assert_eq!(t.param_span(key), want, "{key}");
                assert_eq!(s.span_of(&format!("/params/{key}")), want, "{key}");
                let at_once = t.param_place(key);
                assert!(matches!(at_once.0, PlaceKind::At(_)), "{key}");
                assert_eq!(at_once.span(), want, "{key}");
            }
        }
    }

    /// The scan that starts where the reader saw `params` finds what the tree finds, with
    /// whitespace around the key and another `params` key nested before it.
    #[test]
    fn the_params_the_reader_saw_are_the_top_level_ones() {
        let body: &[u8] = b" {\"customMetadata\": {\"params\": {\"k\": 1}} ,\n \"params\"  :\t{ \"k\" : 2, \"media.length\" :60 } , \"eventType\":\"sessionStart\"} ";
        let strict = crate::syntax::strict::parse_body(body).expect("strict JSON");
        let at = strict.params_at.expect("params seen");
        assert_eq!(body[at], b'{');
        let s = Event::from_strict(0, 0, strict, Cow::Borrowed(body), SourceMap::Offset(3));
        let t = Event::from_body(0, 0, crate::syntax::parse(body).root, SourceMap::Offset(3));
        for key in ["k", "media.length", "nope"] {
            let place = s.param_place(key);
            let want = t.span_of(&format!("/params/{key}"));
            assert_eq!(place.span(), want, "{key}");
            assert_eq!(s.param_span(key), want, "{key}");
        }
        let k = s.param_span("k");
        assert_eq!(&body[k.start as usize - 3..k.end as usize - 3], b"2");
    }

    /// Once a finding has parsed a fast-path body's tree, its places are taken from it.
    #[test]
    fn a_parsed_tree_gives_places_at_once() {
        let s = strict(SourceMap::Offset(7));
        s.tree();
        let place = s.param_place("media.ad.length");
        assert!(matches!(place.0, PlaceKind::At(_)));
        assert_eq!(place.span(), s.span_of("/params/media.ad.length"));
        let text = std::str::from_utf8(BODY).unwrap();
        let span = place.span();
        assert_eq!(&text[span.start as usize - 7..span.end as usize - 7], "15");
    }
}
