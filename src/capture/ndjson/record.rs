//! What a request record on an NDJSON line means, written once for both readings of a line:
//! the fast path's (serde_json, members borrowed from the line, see `fast_line`) and the
//! spanned parser's tree (see `read_line`). Each reading only says how to look up a member
//! and read a string or an integer out of it ([`Record`]); which members count, under which
//! names, and what they make of the request is [`read`]'s, so a name accepted here is
//! accepted by both readings.
//!
//! Record members valint reads (the first name a record has wins; everything else is
//! ignored):
//!
//! | meaning | member names |
//! |---|---|
//! | method | `method` |
//! | URL or path | `url`, `uri`, `path` |
//! | body | `body`, `payload`, `data`, `postData` (a JSON string holding the body, or the body object/array itself) |
//! | sent at | `timestamp`, `time`, `startedDateTime`, `sentAt` (RFC 3339 string, or epoch milliseconds); when every record has one, requests are read in that order |
//! | HTTP status | `status`, `statusCode`, `response_status` |
//! | session id | `sid`, `sessionId`, or the `Location` of `response_headers`/`headers` (object or `[{name, value}]`) |
//!
//! An object with `eventType` or `playerTime` is a bare request body, never a record.

use super::super::common::{classify_location, header_in_list, parse_time_ms};
use super::LineValue;
use crate::syntax::{Node, NodeKind};
use crate::wire::{classify_url_borrowed, Endpoint};
use std::borrow::Cow;

/// Names of the request method. `OPTIONS` (a CORS preflight) is other traffic.
pub(super) const METHOD: &[&str] = &["method"];
/// Names of the request URL (absolute, or a path): it gives the endpoint and the session id.
pub(super) const URL: &[&str] = &["url", "uri", "path"];
/// Names of the request body: a JSON string holding it, or the body object or array.
pub(super) const BODY: &[&str] = &["body", "payload", "data", "postData"];
/// Names of when the request was sent: RFC 3339 string, or epoch milliseconds.
pub(super) const TIME: &[&str] = &["timestamp", "time", "startedDateTime", "sentAt"];
/// Names of the answer's HTTP status (an integer; 0 is "not recorded").
pub(super) const STATUS: &[&str] = &["status", "statusCode", "response_status"];
/// Names of the session id, when the URL does not carry it (a string).
pub(super) const SID: &[&str] = &["sid", "sessionId"];
/// Names of the answer's headers, whose `Location` names the session a sessions request
/// opened: an object, or a HAR-style `[{name, value}]` list.
pub(super) const HEADERS: &[&str] = &["response_headers", "headers"];
/// Members of a request body, never of a record: an object with one is a bare body.
pub(super) const BODY_MEMBERS: &[&str] = &["eventType", "playerTime"];

/// A meaning of record members, as `--ndjson-field MEANING=NAME` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The request method ([`METHOD`]).
    Method,
    /// The URL or path ([`URL`]).
    Url,
    /// The body ([`BODY`]).
    Body,
    /// When the request was sent ([`TIME`]).
    Time,
    /// The answer's HTTP status ([`STATUS`]).
    Status,
    /// The session id ([`SID`]).
    Sid,
    /// The answer's headers ([`HEADERS`]).
    Headers,
}

impl Field {
    /// Every meaning, in the order `--help` lists them.
    pub const ALL: [Field; 7] = [
        Field::Method,
        Field::Url,
        Field::Body,
        Field::Time,
        Field::Status,
        Field::Sid,
        Field::Headers,
    ];

    /// The meaning's name in `--ndjson-field` (`body`, `time`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Field::Method => "method",
            Field::Url => "url",
            Field::Body => "body",
            Field::Time => "time",
            Field::Status => "status",
            Field::Sid => "sid",
            Field::Headers => "headers",
        }
    }

    /// The member names valint reads for this meaning by default, first wins.
    pub fn builtin(self) -> &'static [&'static str] {
        match self {
            Field::Method => METHOD,
            Field::Url => URL,
            Field::Body => BODY,
            Field::Time => TIME,
            Field::Status => STATUS,
            Field::Sid => SID,
            Field::Headers => HEADERS,
        }
    }
}

/// Record member names beyond the built-in ones (`--ndjson-field body=requestBody`): each
/// is tried before the built-in names of its meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    extra: Vec<(Field, String)>,
}

impl Fields {
    /// Reads `MEANING=NAME` (`body=requestBody`); errors name the accepted meanings.
    pub fn parse(mapping: &str) -> Result<(Field, String), String> {
        let meanings = || {
            Field::ALL
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some((meaning, name)) = mapping.split_once('=') else {
            return Err(format!(
                "`{mapping}`: expected MEANING=NAME, such as body=requestBody (meanings: {})",
                meanings()
            ));
        };
        let field = Field::ALL
            .into_iter()
            .find(|f| f.name() == meaning.trim())
            .ok_or_else(|| {
                format!(
                    "`{meaning}` is no record meaning (meanings: {})",
                    meanings()
                )
            })?;
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("`{mapping}`: the member name is empty"));
        }
        Ok((field, name.to_string()))
    }

    /// Reads `name` as a member for `field`, before the built-in names.
    pub fn add(&mut self, field: Field, name: String) {
        self.extra.push((field, name));
    }

    /// Whether no name was added.
    pub fn is_empty(&self) -> bool {
        self.extra.is_empty()
    }

    /// The names read for `field`: the added ones, then the built-in ones.
    pub fn names(&self, field: Field) -> impl Iterator<Item = &str> {
        self.extra
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, n)| n.as_str())
            .chain(field.builtin().iter().copied())
    }

    fn first<'r, R: Record + ?Sized>(&'r self, r: &'r R, field: Field) -> Option<&'r R::Value> {
        r.first_named(self, field).map(|(_, v)| v)
    }
}

/// The built-in names only, for the readings that take no `--ndjson-field`.
pub(super) static BUILTIN: Fields = Fields { extra: Vec::new() };

/// Why a record that is not checked is skipped.
pub(super) const OTHER_TRAFFIC: &str = "other traffic";
/// Why a record without a body member is unreadable (the start of the message
/// [`without_body`] gives).
pub(super) const WITHOUT_BODY: &str = "record without a body";

/// Why a record with members `found` has no body: the names valint reads the body (and
/// the time) from, the names the record has, and how to map one.
pub(super) fn without_body<'n>(found: impl Iterator<Item = &'n str>, fields: &Fields) -> String {
    let quote = |names: Vec<&str>| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let found: Vec<&str> = found.collect();
    format!(
        "{WITHOUT_BODY}: valint reads the body from {} (and the time from {}); this record has {}; name yours with --ndjson-field body=NAME (and time=NAME)",
        quote(fields.names(Field::Body).collect()),
        quote(fields.names(Field::Time).collect()),
        if found.is_empty() {
            "no member".to_string()
        } else {
            quote(found)
        }
    )
}

/// A record as one reading of its line holds it.
pub(super) trait Record {
    /// A member's value.
    type Value: ?Sized;
    /// The value of the member `name`, if the record has one.
    fn get(&self, name: &str) -> Option<&Self::Value>;
    /// The first of `field`'s names under `fields` that the record has, and its value.
    fn first_named<'r>(
        &'r self,
        fields: &'r Fields,
        field: Field,
    ) -> Option<(&'r str, &'r Self::Value)> {
        fields.names(field).find_map(|n| Some((n, self.get(n)?)))
    }
    /// Whether the record has a member of a request body ([`BODY_MEMBERS`]).
    fn has_body_member(&self) -> bool {
        BODY_MEMBERS.iter().any(|n| self.get(n).is_some())
    }
    /// The value when it is a string.
    fn str(v: &Self::Value) -> Option<&str>;
    /// The value when it is an integer (a number with no fraction, within ±2^53 when
    /// written as a float).
    fn int(v: &Self::Value) -> Option<i64>;
    /// The `Location` header in an answer's headers (an object, or a `[{name, value}]`
    /// list; `None` for anything else), or [`Undecided`] when this reading cannot tell
    /// which of several is the first.
    fn location(headers: &Self::Value) -> Result<Option<&str>, Undecided>;
}

/// A reading cannot tell what the record means (the fast path: the spanned reader then
/// reads the line).
pub(super) struct Undecided;

/// What a record says about its request.
pub(super) struct Meaning<'r, V: ?Sized> {
    /// From the URL.
    pub endpoint: Endpoint,
    /// From the URL, else the `SID` member, else the `Location` header of the answer
    /// (borrowed from the record where it is written out).
    pub sid: Option<Cow<'r, str>>,
    /// When it was sent, epoch milliseconds.
    pub arrival_ms: Option<i64>,
    /// The answer's HTTP status, if recorded (0 is not a status).
    pub status: Option<u16>,
    /// The body member: the first of the body names the record has, and its value
    /// (which the reading decodes).
    pub body_name: &'r str,
    /// The body member's value.
    pub body: &'r V,
}

/// What becomes of a record.
pub(super) enum Reading<'r, V: ?Sized> {
    /// A request to check.
    Request(Meaning<'r, V>),
    /// Skipped ([`OTHER_TRAFFIC`]): its URL is not a Media Collection API endpoint, or it
    /// is a CORS preflight.
    OtherTraffic,
    /// Skipped ([`crate::wire::LEGACY_HEARTBEAT`]): a legacy heartbeat request.
    LegacyHeartbeat,
    /// Unreadable ([`WITHOUT_BODY`]): a request to the API without a body member.
    WithoutBody,
    /// See [`Undecided`].
    Undecided,
}

/// True when an object read from a line is a request record: it has a URL or a body
/// member, and no member of a request body.
pub(super) fn is_record<R: Record + ?Sized>(r: &R, fields: &Fields) -> bool {
    !r.has_body_member()
        && (fields.first(r, Field::Body).is_some() || fields.first(r, Field::Url).is_some())
}

/// What the record `r` means, with member names `fields`.
pub(super) fn read<'r, R: Record + ?Sized>(r: &'r R, fields: &'r Fields) -> Reading<'r, R::Value> {
    let first = |f: Field| fields.first(r, f);
    let url = first(Field::Url).and_then(R::str);
    let method = first(Field::Method).and_then(R::str);
    let (endpoint, sid) = url.map_or((Endpoint::Unknown, None), classify_url_borrowed);
    let mut sid = sid.map(Cow::Borrowed);
    if let Some(u) = url.filter(|_| endpoint == Endpoint::Unknown) {
        if crate::wire::is_legacy_heartbeat(method, u) {
            return Reading::LegacyHeartbeat;
        }
    }
    if (url.is_some() && endpoint == Endpoint::Unknown)
        || method.is_some_and(|m| m.eq_ignore_ascii_case("OPTIONS"))
    {
        return Reading::OtherTraffic;
    }
    let Some((body_name, body)) = r.first_named(fields, Field::Body) else {
        return Reading::WithoutBody;
    };
    let arrival_ms = first(Field::Time).and_then(|t| match R::str(t) {
        Some(s) => parse_time_ms(s),
        None => R::int(t),
    });
    let status = first(Field::Status)
        .and_then(R::int)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|&s| s != 0);
    if sid.is_none() {
        sid = first(Field::Sid).and_then(R::str).map(Cow::Borrowed);
    }
    if sid.is_none() {
        if let Some(h) = first(Field::Headers) {
            match R::location(h) {
                Ok(l) => sid = l.and_then(classify_location).map(Cow::Owned),
                Err(Undecided) => return Reading::Undecided,
            }
        }
    }
    Reading::Request(Meaning {
        endpoint,
        sid,
        arrival_ms,
        status,
        body_name,
        body,
    })
}

/// The spanned parser's reading: a record is an object node (the last of a repeated
/// member counts, as everywhere in valint).
impl Record for Node {
    type Value = Node;
    fn get(&self, name: &str) -> Option<&Node> {
        Node::get(self, name)
    }
    fn str(v: &Node) -> Option<&str> {
        v.as_str()
    }
    fn int(v: &Node) -> Option<i64> {
        v.as_i64()
    }
    /// The first `Location` as written.
    fn location(h: &Node) -> Result<Option<&str>, Undecided> {
        Ok(match &h.kind {
            NodeKind::Object(members) => members
                .iter()
                .find(|m| m.key.eq_ignore_ascii_case("location"))
                .and_then(|m| m.value.as_str()),
            NodeKind::Array(_) => header_in_list(h, "location"),
            _ => None,
        })
    }
}

/// The built-in meaning of the member name `key`, and the name's place among that
/// meaning's names ([`Field::builtin`]); `Err(())` for a member of a request body
/// ([`BODY_MEMBERS`]). One `match`, so that a record's members are sorted out in one pass
/// (see [`Indexed`]); a unit test holds it to the lists.
fn builtin_meaning(key: &str) -> Result<Option<(Field, u8)>, ()> {
    Ok(Some(match key {
        "method" => (Field::Method, 0),
        "url" => (Field::Url, 0),
        "uri" => (Field::Url, 1),
        "path" => (Field::Url, 2),
        "body" => (Field::Body, 0),
        "payload" => (Field::Body, 1),
        "data" => (Field::Body, 2),
        "postData" => (Field::Body, 3),
        "timestamp" => (Field::Time, 0),
        "time" => (Field::Time, 1),
        "startedDateTime" => (Field::Time, 2),
        "sentAt" => (Field::Time, 3),
        "status" => (Field::Status, 0),
        "statusCode" => (Field::Status, 1),
        "response_status" => (Field::Status, 2),
        "sid" => (Field::Sid, 0),
        "sessionId" => (Field::Sid, 1),
        "response_headers" => (Field::Headers, 0),
        "headers" => (Field::Headers, 1),
        "eventType" | "playerTime" => return Err(()),
        _ => return Ok(None),
    }))
}

/// The fast path's record: its members in line order (a record with a repeated member is
/// never read this way), with the member of each built-in meaning found in one pass
/// instead of a search per name.
pub(super) struct Indexed<'m, 'de> {
    members: &'m [(&'de str, LineValue<'de>)],
    /// For each meaning (by `Field as usize`): the place of its name among the meaning's
    /// names, and the member's index.
    first: [Option<(u8, usize)>; Field::ALL.len()],
    body_member: bool,
}

impl<'m, 'de> Indexed<'m, 'de> {
    /// Sorts out `members` by their built-in meanings.
    pub(super) fn new(members: &'m [(&'de str, LineValue<'de>)]) -> Indexed<'m, 'de> {
        let mut first = [None; Field::ALL.len()];
        let mut body_member = false;
        for (i, (key, _)) in members.iter().enumerate() {
            match builtin_meaning(key) {
                Ok(Some((field, rank))) => {
                    let slot: &mut Option<(u8, usize)> = &mut first[field as usize];
                    if slot.is_none_or(|(r, _)| rank < r) {
                        *slot = Some((rank, i));
                    }
                }
                Ok(None) => {}
                Err(()) => body_member = true,
            }
        }
        Indexed {
            members,
            first,
            body_member,
        }
    }
}

impl<'de> Record for Indexed<'_, 'de> {
    type Value = LineValue<'de>;
    fn get(&self, name: &str) -> Option<&LineValue<'de>> {
        Record::get(self.members, name)
    }
    fn first_named<'r>(
        &'r self,
        fields: &'r Fields,
        field: Field,
    ) -> Option<(&'r str, &'r LineValue<'de>)> {
        if !fields.is_empty() {
            return self.members.first_named(fields, field);
        }
        let (_, i) = self.first[field as usize]?;
        let (key, value) = &self.members[i];
        Some((key, value))
    }
    fn has_body_member(&self) -> bool {
        self.body_member
    }
    fn str<'v>(v: &'v LineValue<'de>) -> Option<&'v str> {
        <[(&str, LineValue)]>::str(v)
    }
    fn int(v: &LineValue<'de>) -> Option<i64> {
        <[(&str, LineValue)]>::int(v)
    }
    fn location<'v>(h: &'v LineValue<'de>) -> Result<Option<&'v str>, Undecided> {
        <[(&str, LineValue)]>::location(h)
    }
}

/// The fast path's reading: the members of a record in line order (a record with a
/// repeated member is never read this way).
impl<'de> Record for [(&'de str, LineValue<'de>)] {
    type Value = LineValue<'de>;
    fn get(&self, name: &str) -> Option<&LineValue<'de>> {
        self.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
    fn str<'v>(v: &'v LineValue<'de>) -> Option<&'v str> {
        match v {
            LineValue::Str(s) => Some(s),
            _ => None,
        }
    }
    fn int(v: &LineValue<'de>) -> Option<i64> {
        match v {
            LineValue::Value(v) => crate::wire::value_as_i64(v),
            _ => None,
        }
    }
    /// A `serde_json` object has its keys sorted, not in the order they were written:
    /// with two `Location`s (differing in case) it cannot tell which comes first.
    fn location<'v>(h: &'v LineValue<'de>) -> Result<Option<&'v str>, Undecided> {
        Ok(match h {
            LineValue::Value(serde_json::Value::Object(members)) => {
                let mut found = members
                    .iter()
                    .filter(|(k, _)| k.eq_ignore_ascii_case("location"));
                let first = found.next();
                if found.next().is_some() {
                    return Err(Undecided);
                }
                first.and_then(|(_, v)| v.as_str())
            }
            LineValue::Value(serde_json::Value::Array(items)) => items.iter().find_map(|it| {
                let name = it.get("name")?.as_str()?;
                name.eq_ignore_ascii_case("location")
                    .then(|| it.get("value").and_then(|v| v.as_str()))
                    .flatten()
            }),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{fast_line, read_line, LineOut};
    use super::*;

    #[test]
    fn builtin_meanings_are_the_lists() {
        for field in Field::ALL {
            for (rank, name) in field.builtin().iter().enumerate() {
                assert_eq!(
                    builtin_meaning(name),
                    Ok(Some((field, rank as u8))),
                    "{name}"
                );
            }
        }
        let listed: usize = Field::ALL.iter().map(|f| f.builtin().len()).sum();
        assert_eq!(
            listed, 19,
            "a name added to a list is added to builtin_meaning"
        );
        for name in BODY_MEMBERS {
            assert_eq!(builtin_meaning(name), Err(()));
        }
        for name in ["URL", "Body", "", "bodies", "headers "] {
            assert_eq!(builtin_meaning(name), Ok(None), "{name}");
        }
        // The first of a meaning's names wins, wherever it stands in the record.
        let members = [
            ("payload", LineValue::Str("p".into())),
            ("uri", LineValue::Str("u".into())),
            ("body", LineValue::Str("b".into())),
            ("url", LineValue::Str("v".into())),
        ];
        let r = Indexed::new(&members);
        for field in Field::ALL {
            let got = r.first_named(&BUILTIN, field).map(|(n, _)| n);
            let slow = members[..].first_named(&BUILTIN, field).map(|(n, _)| n);
            assert_eq!(got, slow, "{field:?}");
        }
        assert_eq!(
            r.first_named(&BUILTIN, Field::Body).map(|(n, _)| n),
            Some("body")
        );
    }

    /// What both readings of `line` give: endpoint, sid, arrival, status and body of the
    /// request, or `None` for a skipped record. Panics when they differ, or when either
    /// reading gives anything else.
    #[allow(clippy::type_complexity)]
    fn read_both(
        line: &str,
    ) -> Option<(Endpoint, Option<String>, Option<i64>, Option<u16>, String)> {
        let src = line.as_bytes();
        let out = |o: &LineOut| match o {
            LineOut::Request(r) => Some((
                r.endpoint,
                r.sid.as_deref().map(str::to_string),
                r.arrival_ms,
                r.status,
                String::from_utf8_lossy(&r.body).into_owned(),
            )),
            LineOut::Skipped(..) => None,
            LineOut::Unreadable(u) => panic!("{line}: unreadable: {}", u.reason),
        };
        let fast = fast_line(src, 0, src.len()).unwrap_or_else(|| panic!("{line}: no fast read"));
        let spanned = read_line(src, 0, src.len());
        assert_eq!(spanned.len(), 1, "{line}");
        let (a, b) = (out(&fast), out(&spanned[0]));
        assert_eq!(a, b, "{line}: the fast path and the spanned reader differ");
        a
    }

    /// Every name of every meaning, read both ways: each is understood, and alike (a name
    /// added to a list above is checked here without more ado).
    #[test]
    fn every_name_is_read_alike_both_ways() {
        let events = r#""url":"/api/v1/sessions/s1/events""#;
        let body = r#""body":{"a":1}"#;
        for name in URL {
            let r = read_both(&format!(
                r#"{{"{name}":"/api/v1/sessions/s1/events",{body}}}"#
            ));
            assert_eq!(
                r.map(|r| (r.0, r.1)),
                Some((Endpoint::Events, Some("s1".into())))
            );
        }
        for name in BODY {
            let r = read_both(&format!(r#"{{{events},"{name}":{{"b":2}}}}"#));
            assert_eq!(r.map(|r| r.4).as_deref(), Some(r#"{"b":2}"#), "{name}");
        }
        for name in TIME {
            let r = read_both(&format!(
                r#"{{{events},"{name}":"2024-01-01T00:00:00.5Z",{body}}}"#
            ));
            assert_eq!(r.and_then(|r| r.2), Some(1_704_067_200_500), "{name}");
            let r = read_both(&format!(r#"{{{events},"{name}":1700000000000,{body}}}"#));
            assert_eq!(r.and_then(|r| r.2), Some(1_700_000_000_000), "{name}");
        }
        for name in STATUS {
            let r = read_both(&format!(r#"{{{events},"{name}":204,{body}}}"#));
            assert_eq!(r.and_then(|r| r.3), Some(204), "{name}");
        }
        let sessions = r#""url":"/api/v1/sessions""#;
        for name in SID {
            let r = read_both(&format!(r#"{{{sessions},"{name}":"s2",{body}}}"#));
            assert_eq!(r.and_then(|r| r.1).as_deref(), Some("s2"), "{name}");
        }
        for name in HEADERS {
            for headers in [
                r#"{"Location":"/api/v1/sessions/s3"}"#,
                r#"[{"name":"location","value":"/api/v1/sessions/s3"}]"#,
            ] {
                let r = read_both(&format!(r#"{{{sessions},"{name}":{headers},{body}}}"#));
                assert_eq!(r.and_then(|r| r.1).as_deref(), Some("s3"), "{name}");
            }
        }
        for name in METHOD {
            assert!(read_both(&format!(r#"{{{events},"{name}":"post",{body}}}"#)).is_some());
            assert!(read_both(&format!(r#"{{{events},"{name}":"OPTIONS",{body}}}"#)).is_none());
        }
        assert!(read_both(&format!(r#"{{"url":"https://h/other",{body}}}"#)).is_none());
        // A legacy heartbeat is skipped both ways, under its own reason.
        let legacy = r#"{"method":"GET","url":"https://a.hb.omtrdc.net/?s:event:type=play"}"#;
        assert!(matches!(
            fast_line(legacy.as_bytes(), 0, legacy.len()),
            Some(LineOut::Skipped(_, ref why)) if why == crate::wire::LEGACY_HEARTBEAT
        ));
        assert!(matches!(
            &read_line(legacy.as_bytes(), 0, legacy.len())[..],
            [LineOut::Skipped(_, why)] if why == crate::wire::LEGACY_HEARTBEAT
        ));
        for name in BODY_MEMBERS {
            // A bare body, whatever else it holds.
            let line = format!(r#"{{{events},"{name}":"x",{body}}}"#);
            assert_eq!(read_both(&line).map(|r| r.4), Some(line));
        }
    }

    /// A request to the API without a body member is unreadable, and the fast path leaves
    /// it to the spanned reader, which says so.
    #[test]
    fn a_record_without_a_body_is_unreadable() {
        let line = r#"{"url":"/api/v1/sessions/s1/events","status":204}"#;
        assert!(fast_line(line.as_bytes(), 0, line.len()).is_none());
        let out = read_line(line.as_bytes(), 0, line.len());
        let [LineOut::Unreadable(u)] = &out[..] else {
            panic!("not unreadable");
        };
        assert_eq!(
            u.reason,
            "record without a body: valint reads the body from `body`, `payload`, `data`, `postData` (and the time from `timestamp`, `time`, `startedDateTime`, `sentAt`); this record has `url`, `status`; name yours with --ndjson-field body=NAME (and time=NAME)"
        );
    }
}
