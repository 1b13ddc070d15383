//! The Media Collection API's own terms, shared by every stage: the event types, the
//! endpoints a request goes to, and how a request target names them (FACTS §3.1,
//! mc-api-ref/mc-api-sessions-req.md and mc-api-events-req.md), plus the two ways valint
//! reads a JSON value that Adobe reads as an integer or an event type.

use std::borrow::Cow;

/// The Media Collection API event types (FACTS §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum EventType {
    SessionStart,
    Play,
    Ping,
    BitrateChange,
    BufferStart,
    PauseStart,
    AdBreakStart,
    AdStart,
    AdComplete,
    AdSkip,
    AdBreakComplete,
    ChapterStart,
    ChapterComplete,
    ChapterSkip,
    Error,
    SessionComplete,
    SessionEnd,
    StateStart,
    StateEnd,
    StatesUpdate,
}

impl EventType {
    /// All event types, in the order of Adobe's event inventory.
    pub const ALL: [EventType; 20] = [
        EventType::SessionStart,
        EventType::Play,
        EventType::Ping,
        EventType::BitrateChange,
        EventType::BufferStart,
        EventType::PauseStart,
        EventType::AdBreakStart,
        EventType::AdStart,
        EventType::AdComplete,
        EventType::AdSkip,
        EventType::AdBreakComplete,
        EventType::ChapterStart,
        EventType::ChapterComplete,
        EventType::ChapterSkip,
        EventType::Error,
        EventType::SessionComplete,
        EventType::SessionEnd,
        EventType::StateStart,
        EventType::StateEnd,
        EventType::StatesUpdate,
    ];

    /// The wire name, e.g. `adBreakStart`.
    pub fn name(self) -> &'static str {
        match self {
            EventType::SessionStart => "sessionStart",
            EventType::Play => "play",
            EventType::Ping => "ping",
            EventType::BitrateChange => "bitrateChange",
            EventType::BufferStart => "bufferStart",
            EventType::PauseStart => "pauseStart",
            EventType::AdBreakStart => "adBreakStart",
            EventType::AdStart => "adStart",
            EventType::AdComplete => "adComplete",
            EventType::AdSkip => "adSkip",
            EventType::AdBreakComplete => "adBreakComplete",
            EventType::ChapterStart => "chapterStart",
            EventType::ChapterComplete => "chapterComplete",
            EventType::ChapterSkip => "chapterSkip",
            EventType::Error => "error",
            EventType::SessionComplete => "sessionComplete",
            EventType::SessionEnd => "sessionEnd",
            EventType::StateStart => "stateStart",
            EventType::StateEnd => "stateEnd",
            EventType::StatesUpdate => "statesUpdate",
        }
    }

    /// The event type named exactly `s`.
    pub fn from_name(s: &str) -> Option<EventType> {
        use EventType as E;
        // A match on the bytes: the compiler sorts the names by length and compares each
        // candidate as a few words (this runs for every event; a scan of `ALL` called
        // `memcmp` for each name of the same length). `tests::names_read_back` holds
        // this list to `name`.
        Some(match s.as_bytes() {
            b"sessionStart" => E::SessionStart,
            b"play" => E::Play,
            b"ping" => E::Ping,
            b"bitrateChange" => E::BitrateChange,
            b"bufferStart" => E::BufferStart,
            b"pauseStart" => E::PauseStart,
            b"adBreakStart" => E::AdBreakStart,
            b"adStart" => E::AdStart,
            b"adComplete" => E::AdComplete,
            b"adSkip" => E::AdSkip,
            b"adBreakComplete" => E::AdBreakComplete,
            b"chapterStart" => E::ChapterStart,
            b"chapterComplete" => E::ChapterComplete,
            b"chapterSkip" => E::ChapterSkip,
            b"error" => E::Error,
            b"sessionComplete" => E::SessionComplete,
            b"sessionEnd" => E::SessionEnd,
            b"stateStart" => E::StateStart,
            b"stateEnd" => E::StateEnd,
            b"statesUpdate" => E::StatesUpdate,
            _ => return None,
        })
    }

    /// The event type for sequencing: the exact name, else (for a value the schema stage
    /// already flags, such as `"sessionStart, params"` or `"Play"`) the known name that the
    /// value starts with, ignoring case. Returns (type, exact match?).
    pub fn recognise(s: &str) -> Option<(EventType, bool)> {
        if let Some(e) = EventType::from_name(s) {
            return Some((e, true));
        }
        let head: String = s
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        EventType::ALL
            .iter()
            .copied()
            .find(|e| e.name().eq_ignore_ascii_case(&head))
            .map(|e| (e, false))
    }

    /// True for adStart, adComplete and adSkip: the events that need an open ad break.
    pub fn is_ad_event(self) -> bool {
        matches!(
            self,
            EventType::AdStart | EventType::AdComplete | EventType::AdSkip
        )
    }
}

/// Which Media Collection API endpoint a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /api/v1/sessions`: opens a session (body must be `sessionStart`).
    Sessions,
    /// `POST /api/v1/sessions/{sid}/events`.
    Events,
    /// `POST /api/v1/downloaded`: a JSON array of events for offline content.
    Downloaded,
    /// Not known (a bare body with no request line).
    Unknown,
}

/// Why a legacy heartbeat request is skipped (see [`is_legacy_heartbeat`]).
pub const LEGACY_HEARTBEAT: &str = "legacy Media Analytics heartbeat, not checked";

/// Whether a request is a legacy Media Analytics heartbeat (the protocol before the Media
/// Collection API): a `GET` (or a request whose method the capture does not record) to a
/// `*.hb.omtrdc.net` host whose query carries `s:event:type` (also percent-encoded). valint
/// does not check them; readers count them apart so that a capture of only them is not
/// taken for a clean one.
pub fn is_legacy_heartbeat(method: Option<&str>, url: &str) -> bool {
    if method.is_some_and(|m| !m.eq_ignore_ascii_case("GET")) {
        return false;
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..host_end]
        .rsplit_once('@')
        .map_or(&rest[..host_end], |(_, h)| h);
    let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
    if !host.ends_with(".hb.omtrdc.net") {
        return false;
    }
    let Some((_, query)) = rest[host_end..].split_once('?') else {
        return false;
    };
    query.split('&').any(|p| {
        let key = p.split('=').next().unwrap_or(p);
        key == "s:event:type" || key.eq_ignore_ascii_case("s%3Aevent%3Atype")
    })
}

#[cfg(test)]
mod legacy_tests {

    #[test]
    fn names_read_back() {
        use super::EventType;
        for e in EventType::ALL {
            assert_eq!(EventType::from_name(e.name()), Some(e));
            assert_eq!(EventType::from_name(&e.name().to_uppercase()), None);
            assert_eq!(EventType::from_name(&e.name()[1..]), None);
        }
        assert_eq!(EventType::from_name(""), None);
        assert_eq!(EventType::from_name("pings"), None);
    }

    use super::is_legacy_heartbeat;

    #[test]
    fn legacy_heartbeats_are_gets_to_hb_hosts_with_an_event_type() {
        let url = "https://acme.hb.omtrdc.net/?s:ver=1.5&s:event:type=play&l:event:playhead=3";
        assert!(is_legacy_heartbeat(Some("GET"), url));
        assert!(is_legacy_heartbeat(None, url));
        assert!(is_legacy_heartbeat(
            Some("get"),
            "http://ACME.HB.OMTRDC.NET:443/path?a=1&s%3Aevent%3Atype=start"
        ));
        for (method, url) in [
            (Some("POST"), url),
            (
                Some("GET"),
                "https://acme.hb-api.omtrdc.net/?s:event:type=play",
            ),
            (Some("GET"), "https://acme.hb.omtrdc.net/?s:event:sid=1"),
            (
                Some("GET"),
                "https://hb.omtrdc.net.example.com/?s:event:type=play",
            ),
            (Some("GET"), "https://acme.hb.omtrdc.net/s:event:type=play"),
        ] {
            assert!(!is_legacy_heartbeat(method, url), "{method:?} {url}");
        }
    }
}

/// Parses a request target such as `POST /api/v1/sessions/abc/events` or a full URL into
/// (endpoint, sid). A sid written as a template (`{sid}`, `<sid>`, `:sid`) is `None`.
pub fn classify_url(url: &str) -> (Endpoint, Option<String>) {
    let (endpoint, sid) = classify_url_borrowed(url);
    (endpoint, sid.map(str::to_string))
}

/// [`classify_url`], the sid borrowed from `url`.
pub fn classify_url_borrowed(url: &str) -> (Endpoint, Option<&str>) {
    // Short stretches (a scheme, a version) are scanned byte by byte; the host, the path
    // and the sid with memchr. No `str::find` or `split` with a pattern: both
    // set up a searcher on every call, and this runs once per request.
    let b = url.as_bytes();
    let slash = |s: &[u8]| s.iter().position(|&c| c == b'/');
    // The path starts at the first '/', or, after a scheme ("https://"), at the first
    // '/' after the host.
    let path_start = match slash(b) {
        Some(i) if i > 0 && b[i - 1] == b':' && b.get(i + 1) == Some(&b'/') => {
            match memchr::memchr(b'/', &b[i + 2..]) {
                Some(j) => i + 2 + j,
                None => return (Endpoint::Unknown, None),
            }
        }
        Some(i) => i,
        None => return (Endpoint::Unknown, None),
    };
    let rest = &b[path_start..];
    let path_end = path_start + memchr::memchr2(b'?', b'#', rest).unwrap_or(rest.len());
    let mut p = &b[path_start..path_end];
    while let [head @ .., b'/'] = p {
        p = head;
    }
    // The first "/api/" of the path (most paths start with it).
    let api = if p.starts_with(b"/api/") {
        0
    } else {
        match memchr::memchr_iter(b'/', p).find(|&i| p[i..].starts_with(b"/api/")) {
            Some(i) => i,
            None => return (Endpoint::Unknown, None),
        }
    };
    // After "/api/": the version (v1), then the resource's segments.
    let Some(v) = slash(&p[api + 5..]) else {
        return (Endpoint::Unknown, None);
    };
    let resource = &url[path_start + api + 5 + v + 1..path_start + p.len()];
    match resource {
        "sessions" => (Endpoint::Sessions, None),
        "downloaded" => (Endpoint::Downloaded, None),
        _ => {
            // `sessions/{sid}/events`, the sid without a '/' (64 bytes: memchr).
            let Some(tail) = resource.strip_prefix("sessions/") else {
                return (Endpoint::Unknown, None);
            };
            match tail.strip_suffix("/events") {
                Some(sid) if memchr::memchr(b'/', sid.as_bytes()).is_none() => {
                    (Endpoint::Events, (!is_template_sid(sid)).then_some(sid))
                }
                _ => (Endpoint::Unknown, None),
            }
        }
    }
}

fn is_template_sid(sid: &str) -> bool {
    sid.is_empty()
        || sid.starts_with('{')
        || sid.starts_with('<')
        || sid.starts_with(':')
        || sid.starts_with('[')
        || sid.eq_ignore_ascii_case("sid")
}

/// An `eventType` value as written: the static name when it is exactly an event type's
/// name (the usual case), else a copy.
pub fn event_type_text(s: &str) -> Cow<'static, str> {
    match EventType::from_name(s) {
        Some(t) => Cow::Borrowed(t.name()),
        None => Cow::Owned(s.to_string()),
    }
}

/// `i64` of a number as `syntax::Node::as_i64` reads it: an integer that fits, or a double with
/// no fraction below 2^53.
pub fn value_as_i64(v: &serde_json::Value) -> Option<i64> {
    let n = v.as_number()?;
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    if n.is_u64() {
        return None;
    }
    n.as_f64()
        .filter(|f| f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15)
        .map(|f| f as i64)
}

/// Whether a `media.contentType` or `media.streamType` value names live content (`Some(true)`:
/// live, linear, radio), on-demand content (`Some(false)`: vod, dvod, ugc, song, podcast,
/// audiobook, aod), or neither (`None`). Case and surrounding spaces do not matter.
pub fn is_live(kind: &str) -> Option<bool> {
    const LIVE: &[&str] = &["live", "linear", "radio"];
    const VOD: &[&str] = &["vod", "dvod", "ugc", "song", "podcast", "audiobook", "aod"];
    let k = kind.trim();
    if LIVE.iter().any(|l| k.eq_ignore_ascii_case(l)) {
        Some(true)
    } else if VOD.iter().any(|v| k.eq_ignore_ascii_case(v)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{is_live, Endpoint};

    #[test]
    fn content_kinds_are_live_on_demand_or_unknown() {
        assert_eq!(is_live("live"), Some(true));
        assert_eq!(is_live(" Linear "), Some(true));
        assert_eq!(is_live("VOD"), Some(false));
        assert_eq!(is_live("podcast"), Some(false));
        assert_eq!(is_live("clip"), None);
        assert_eq!(is_live(""), None);
    }

    /// The rule `classify_url_borrowed` reads, written the plain way with the standard
    /// library's string searches (slower, plainly right): the scanner must agree with it
    /// on every target.
    fn by_segments(url: &str) -> (Endpoint, Option<&str>) {
        let unknown = (Endpoint::Unknown, None);
        // The path: from the first '/', or after a scheme's "//" and the host.
        let Some(first) = url.find('/') else {
            return unknown;
        };
        let path = if url[..first].ends_with(':') && url[first..].starts_with("//") {
            match url[first + 2..].find('/') {
                Some(j) => &url[first + 2 + j..],
                None => return unknown,
            }
        } else {
            &url[first..]
        };
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        // After the first "/api/": a version, then the resource.
        let Some(api) = path.find("/api/") else {
            return unknown;
        };
        let Some((_version, resource)) = path[api + 5..].split_once('/') else {
            return unknown;
        };
        match resource.split('/').collect::<Vec<_>>()[..] {
            ["sessions"] => (Endpoint::Sessions, None),
            ["downloaded"] => (Endpoint::Downloaded, None),
            ["sessions", sid, "events"] => (
                Endpoint::Events,
                (!super::is_template_sid(sid)).then_some(sid),
            ),
            _ => unknown,
        }
    }

    proptest::proptest! {
        #[test]
        fn url_classes_agree_with_the_segment_reading(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "https://", "http://", "h.example", ":", "/", "//", "api", "/api/", "v1",
                    "sessions", "downloaded", "events", "{sid}", "<sid>", "sid", "abc123",
                    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                    "?", "#", "x=1", "&", "é", " ", "api/", "/sessions/", "/events",
                ]),
                0..12,
            )
        ) {
            let url: String = parts.concat();
            proptest::prop_assert_eq!(super::classify_url_borrowed(&url), by_segments(&url), "{}", url);
        }
    }

    #[test]
    fn usual_targets_agree_with_the_segment_reading() {
        for url in [
            "https://a.hb-api.omtrdc.net/api/v1/sessions",
            "https://a.hb-api.omtrdc.net/api/v1/sessions/abc/events",
            "https://a.hb-api.omtrdc.net/api/v1/sessions/abc/events/",
            "https://a.hb-api.omtrdc.net/x/api/v1/sessions/abc/events?q=1",
            "/api/v1/downloaded",
            "/api/v1/sessions//events",
            "/api/v1/sessions/a/b/events",
            "/api/v1/sessions/",
            "/api/v1",
            "/api//sessions",
            "api/v1/sessions",
            "https://h",
            "",
        ] {
            assert_eq!(super::classify_url_borrowed(url), by_segments(url), "{url}");
        }
    }
}
