#!/usr/bin/env python3
"""Writes one small Media Collection session, recorded through a proxy, in the formats
valint reads: a HAR (`charles-session.har`), a Charles JSON session (`charles-session.chlsj`),
a Fiddler archive (`charles-session.saz`) and `charles-session.tsv`, the input of `GenChls.java`, which writes the same traffic as a
Charles native session (`charles-session.chls`). tests/proxy_sessions.rs checks that all
three give the same findings.

The traffic: a CORS preflight, a sessionStart answered 201 with its Location, a page asset,
a legacy heartbeat, play, an ad sent without its ad break (AD001 twice), a ping 15 s after
the play (PNG001) and sessionEnd. One events body is gzip-compressed in the .chls (as sent
with Content-Encoding: gzip) and base64-encoded in the .chlsj.

Run from this folder (Python 3 and a JDK):

    python3 traffic.py
    javac -d /tmp/genchls GenChls.java com/xk72/charles/model/*.java com/xk72/proxy/*.java
    java -cp /tmp/genchls GenChls charles-session.tsv ../charles-session.chls
"""
import base64
import json
import zipfile
from datetime import datetime, timedelta, timezone

SID = "5f0c2a9e7b1d4c3a8e6f0b2d4a6c8e0f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b"
HOST = "example.hb-api.omtrdc.net"
T0 = 1_718_000_000_000
IST = timezone(timedelta(hours=5, minutes=30))

START = {
    "eventType": "sessionStart",
    "playerTime": {"playhead": 0, "ts": T0},
    "params": {
        "analytics.trackingServer": "example.sc.omtrdc.net",
        "analytics.reportSuite": "examplevod",
        "analytics.enableSSL": True,
        "media.channel": "web",
        "media.contentType": "vod",
        "media.id": "ep-101",
        "media.length": 600,
        "media.name": "Episode 101",
        "media.playerName": "web-player",
        "visitor.marketingCloudOrgId": "EXAMPLEORG@AdobeOrg",
    },
}


def event(kind, playhead, ts, params=None):
    body = {"eventType": kind, "playerTime": {"playhead": playhead, "ts": ts}}
    if params:
        body["params"] = params
    return body


AD = {
    "media.ad.id": "ad-1",
    "media.ad.length": 15,
    "media.ad.name": "Ad one",
    "media.ad.playerName": "web-player",
    "media.ad.podPosition": 1,
}

# (method, host, path+query, status, location, body, gzip in .chls / base64 in .chlsj)
EVENTS = f"/api/v1/sessions/{SID}/events"
TRAFFIC = [
    ("OPTIONS", HOST, "/api/v1/sessions", 204, None, None, False),
    ("POST", HOST, "/api/v1/sessions", 201, f"/api/v1/sessions/{SID}", START, False),
    ("GET", "cdn.example.com", "/player/app.js", 200, None, None, False),
    ("GET", "example.hb.omtrdc.net", "/?s:ver=1.5&s:event:type=start&s:event:sid=9", 200, None, None, False),
    ("POST", HOST, EVENTS, 204, None, event("play", 0, T0 + 100), False),
    ("POST", HOST, EVENTS, 204, None, event("adStart", 0, T0 + 2_000, AD), True),
    ("POST", HOST, EVENTS, 204, None, event("adComplete", 0, T0 + 9_000), False),
    ("POST", HOST, EVENTS, 204, None, event("ping", 0, T0 + 15_100), False),
    ("POST", HOST, EVENTS, 204, None, event("sessionEnd", 0, T0 + 16_000), False),
]


def started(i):
    return T0 - 50 + i * 10 if i < 4 else TRAFFIC[i][5]["playerTime"]["ts"] - 20


def iso(ms):
    return datetime.fromtimestamp(ms / 1000, IST).isoformat(timespec="milliseconds")


def text(body):
    return None if body is None else json.dumps(body, separators=(",", ":"))


def har():
    entries = []
    for i, (method, host, path, status, location, body, _) in enumerate(TRAFFIC):
        request = {
            "method": method,
            "url": f"https://{host}{path}",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": "Host", "value": host}],
            "queryString": [],
            "headersSize": -1,
            "bodySize": 0 if body is None else len(text(body)),
        }
        if body is not None:
            request["postData"] = {"mimeType": "application/json", "text": text(body)}
        headers = [] if location is None else [{"name": "Location", "value": location}]
        entries.append({
            "startedDateTime": iso(started(i)),
            "time": 20,
            "request": request,
            "response": {
                "status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                "cookies": [], "headers": headers,
                "content": {"size": 0, "mimeType": "text/plain"},
                "redirectURL": "", "headersSize": -1, "bodySize": 0,
            },
            "cache": {},
            "timings": {"send": 1, "wait": 18, "receive": 1},
        })
    return {"log": {"version": "1.2", "creator": {"name": "Charles Proxy", "version": "4.6.6"}, "entries": entries}}


def chlsj():
    out = []
    for i, (method, host, path, status, location, body, encode) in enumerate(TRAFFIC):
        p, _, q = path.partition("?")
        req = {"header": {"firstLine": f"{method} {path} HTTP/1.1", "headers": [{"name": "Host", "value": host}]}}
        if body is not None:
            if encode:
                req["body"] = {"encoded": base64.b64encode(text(body).encode()).decode()}
            else:
                req["body"] = {"text": text(body), "charset": "UTF-8"}
        headers = [] if location is None else [{"name": "Location", "value": location}]
        out.append({
            "status": "COMPLETE", "method": method, "protocolVersion": "HTTP/1.1",
            "scheme": "https", "host": host, "actualPort": 443, "path": p, "query": q or None,
            "times": {"start": iso(started(i)), "end": iso(started(i) + 20)},
            "request": req,
            "response": {"status": status, "header": {"firstLine": f"HTTP/1.1 {status} ", "headers": headers}},
        })
    return out


def saz(path):
    """A Fiddler archive: raw/N_c.txt, raw/N_s.txt and raw/N_m.xml per session."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="utf-8"?><Types/>')
        for i, (method, host, path_, status, location, body, _) in enumerate(TRAFFIC):
            n = f"{i + 1:02d}"
            b = (text(body) or "").encode()
            head = f"{method} https://{host}{path_} HTTP/1.1\r\nHost: {host}\r\n"
            if body is not None:
                head += f"Content-Type: application/json\r\nContent-Length: {len(b)}\r\n"
            z.writestr(f"raw/{n}_c.txt", head.encode() + b"\r\n" + b)
            answer = f"HTTP/1.1 {status} OK\r\n"
            if location:
                answer += f"Location: {location}\r\n"
            answer += "Content-Length: 0\r\n\r\n"
            z.writestr(f"raw/{n}_s.txt", answer)
            z.writestr(f"raw/{n}_m.xml", f'<Session SID="{i + 1}"><SessionTimers ClientBeginRequest="{iso(started(i))}"/></Session>')


def tsv():
    lines = []
    for i, (method, host, path, status, location, body, gz) in enumerate(TRAFFIC):
        lines.append("\t".join([
            method, host, path, str(status), location or "-", str(started(i)),
            "gzip" if gz else "plain", text(body) or "-",
        ]))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    with open("../charles-session.har", "w") as f:
        json.dump(har(), f, indent=2)
        f.write("\n")
    with open("../charles-session.chlsj", "w") as f:
        json.dump(chlsj(), f, indent=2)
        f.write("\n")
    with open("charles-session.tsv", "w") as f:
        f.write(tsv())
    saz("../charles-session.saz")
