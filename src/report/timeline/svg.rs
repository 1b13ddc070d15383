//! The timeline as SVG (`valint timeline --svg FILE`): the lanes of the terminal picture,
//! one block per session, stacked; every event is a tick whose `<title>` (the tooltip)
//! gives its type, `ts`, playhead and findings, and every span and finding marker has a
//! `<title>` too. Written with a small writer that escapes every attribute and text.

use super::{header, rank, secs, views, SessionView};
use crate::diagnostic::Severity;
use crate::model::Report;
use crate::session::metrics::{Counted, Lane, PhaseName};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Width of the picture, px.
pub const WIDTH: f64 = 1000.0;
/// Width of the lane labels, px.
pub const LABEL_W: f64 = 90.0;
/// Height of a lane, px.
pub const LANE_H: f64 = 16.0;
/// Space between lanes, px.
pub const GAP: f64 = 4.0;

/// The style sheet shared by the SVG file and the HTML report (class names of lanes).
pub const CSS: &str = "\
.tl text{font:11px ui-monospace,Menlo,Consolas,monospace;fill:#222}\
.tl .hdr{font-weight:bold}\
.tl .starting{fill:#bdbdbd}.tl .playing{fill:#2e7d32}.tl .paused{fill:#f9a825}.tl .buffering{fill:#c62828}\
.tl .adbreak{fill:#ce93d8}.tl .ad{fill:#7b1fa2}.tl .chapter{fill:#0277bd}.tl .state{fill:#5c6bc0}\
.tl .open{stroke:#000;stroke-dasharray:3 2}\
.tl .ping{stroke:#555;stroke-width:1}.tl .ph{fill:none;stroke:#1565c0;stroke-width:1.5}\
.tl .ev{stroke:#888;stroke-width:3}.tl .ev.rejected{stroke:#c62828}.tl .ev.dropped{stroke:#bbb}\
.tl .error{fill:#c62828}.tl .warning{fill:#ef6c00}.tl .info{fill:#1565c0}\
.tl .axis{stroke:#999;stroke-width:1}.tl .lbl{fill:#fff;font-size:10px}";

/// A small SVG/XML writer: elements with escaped attributes and text.
pub struct Writer {
    out: String,
}

/// Escapes `s` for XML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Characters XML 1.0 does not allow (control characters from a capture).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('?'),
            c => o.push(c),
        }
    }
    o
}

impl Writer {
    fn new() -> Writer {
        Writer { out: String::new() }
    }

    fn attrs(&mut self, attrs: &[(&str, String)]) {
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", esc(v));
        }
    }

    /// `<name attrs>`.
    fn open(&mut self, name: &str, attrs: &[(&str, String)]) {
        self.out.push('<');
        self.out.push_str(name);
        self.attrs(attrs);
        self.out.push('>');
    }

    /// `</name>`.
    fn close(&mut self, name: &str) {
        let _ = write!(self.out, "</{name}>");
    }

    /// An element with an optional `<title>` (the tooltip) and nothing else inside.
    fn leaf(&mut self, name: &str, attrs: &[(&str, String)], title: Option<&str>) {
        match title {
            Some(t) => {
                self.open(name, attrs);
                let _ = write!(self.out, "<title>{}</title>", esc(t));
                self.close(name);
            }
            None => {
                self.out.push('<');
                self.out.push_str(name);
                self.attrs(attrs);
                self.out.push_str("/>");
            }
        }
    }

    /// `<text>` at (x, y).
    fn text(&mut self, x: f64, y: f64, class: &str, s: &str) {
        self.open(
            "text",
            &[("x", num(x)), ("y", num(y)), ("class", class.to_string())],
        );
        self.out.push_str(&esc(s));
        self.close("text");
    }
}

/// A coordinate with at most two decimals.
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// The class of a player state.
fn phase_class(p: PhaseName) -> &'static str {
    p.name()
}

/// The tooltip of an event: its index, type, ts, playhead, whether Adobe counts it, and
/// its findings.
fn event_title(v: &SessionView, e: &crate::session::metrics::TracePoint) -> String {
    let mut t = format!("event #{} {}", e.index, e.event_type);
    match e.clock_ms {
        Some(c) => {
            let _ = write!(t, "\nt {} s · ts {c}", secs(v.at(c)));
        }
        None => t.push_str("\nno ts"),
    }
    if let Some(p) = e.playhead {
        let _ = write!(t, " · playhead {} s", secs(p));
    }
    match e.counted {
        Counted::Yes => {}
        Counted::Rejected => t.push_str("\nrejected by Adobe: counts for nothing"),
        Counted::Dropped => t.push_str("\nsent after the session closed: dropped"),
    }
    for (d, _) in v
        .findings
        .iter()
        .filter(|(d, _)| d.context.event_index == Some(e.index))
    {
        let _ = write!(
            t,
            "\n{}[{}] {}",
            d.severity.as_str(),
            d.rule.code,
            d.message
        );
    }
    t
}

/// The top of the next lane (rows counted in `row`), with its name written on the left.
fn lane_y(row: &mut f64, name: &str, w: &mut Writer) -> f64 {
    let top = 20.0 + *row * (LANE_H + GAP);
    *row += 1.0;
    w.text(4.0, top + 12.0, "", name);
    top
}

/// Draws one session at `y`; returns its height.
fn session(
    w: &mut Writer,
    report: &Report,
    v: &SessionView,
    y: f64,
    window: (Option<f64>, Option<f64>),
) -> f64 {
    let from = window.0.unwrap_or(0.0).max(0.0);
    let mut to = window.1.unwrap_or(v.end_s);
    if to <= from {
        to = from + 1.0;
    }
    let plot = WIDTH - LABEL_W - 10.0;
    let x = |t: f64| LABEL_W + ((t.clamp(from, to) - from) / (to - from)) * plot;
    let visible = |t: f64| t >= from && t <= to;
    w.open(
        "g",
        &[
            ("transform", format!("translate(0,{})", num(y))),
            ("class", "session".into()),
            ("data-session", v.metrics.id.clone()),
        ],
    );
    w.text(4.0, 12.0, "hdr", &header(report, v.metrics));
    let mut row = 0.0;
    if v.origin_ms.is_none() {
        w.text(
            4.0,
            34.0,
            "",
            "no event of this session has a clock: nothing to place in time",
        );
        w.close("g");
        return 48.0;
    }
    for lane in v.lanes() {
        let (name, class) = match &lane {
            Lane::Player(_) => ("player".to_string(), ""),
            Lane::AdBreak => ("ad breaks".to_string(), "adbreak"),
            Lane::Ad => ("ads".to_string(), "ad"),
            Lane::Chapter => ("chapters".to_string(), "chapter"),
            Lane::State(n) => (n.clone(), "state"),
        };
        let top = lane_y(&mut row, &name, w);
        let lanes: Vec<Lane> = match &lane {
            Lane::Player(_) => [
                PhaseName::Starting,
                PhaseName::Playing,
                PhaseName::Paused,
                PhaseName::Buffering,
            ]
            .into_iter()
            .map(Lane::Player)
            .collect(),
            other => vec![other.clone()],
        };
        for l in &lanes {
            let class = match l {
                Lane::Player(p) => phase_class(*p),
                _ => class,
            };
            for (a, b, span) in v.spans(l) {
                if b < from || a > to {
                    continue;
                }
                let (x0, x1) = (x(a), x(b));
                let what = match l {
                    Lane::Player(p) => p.name().to_string(),
                    Lane::AdBreak => "ad break".into(),
                    Lane::Ad => "ad".into(),
                    Lane::Chapter => "chapter".into(),
                    Lane::State(n) => format!("player state {n}"),
                };
                let mut title = format!("{what} {} s to {} s", secs(a), secs(b));
                if let Some(lbl) = &span.label {
                    let _ = write!(title, ": {lbl}");
                }
                if span.open {
                    title.push_str(" (never closed)");
                }
                let cls = if span.open {
                    format!("{class} open")
                } else {
                    class.to_string()
                };
                w.leaf(
                    "rect",
                    &[
                        ("x", num(x0)),
                        ("y", num(top)),
                        ("width", num((x1 - x0).max(1.5))),
                        ("height", num(LANE_H)),
                        ("class", cls),
                    ],
                    Some(&title),
                );
                if let Some(lbl) = &span.label {
                    // The label inside the span when it fits (about 6.6 px a character).
                    if (x1 - x0) > lbl.chars().count() as f64 * 6.6 + 6.0 {
                        w.text(x0 + 3.0, top + 12.0, "lbl", lbl);
                    }
                }
            }
        }
    }
    // Pings.
    let top = lane_y(&mut row, "pings", w);
    for t in v.pings().into_iter().filter(|t| visible(*t)) {
        w.leaf(
            "line",
            &[
                ("x1", num(x(t))),
                ("x2", num(x(t))),
                ("y1", num(top)),
                ("y2", num(top + LANE_H)),
                ("class", "ping".into()),
            ],
            None,
        );
    }
    // The playhead against wall time, scaled to a lane three high.
    let top = lane_y(&mut row, "playhead", w);
    let h = LANE_H * 3.0 + GAP * 2.0;
    row += 2.0;
    let heads = v.playheads();
    let peak = heads.iter().map(|p| p.1).fold(0.0f64, f64::max).max(1.0);
    let points: Vec<String> = heads
        .iter()
        .filter(|(t, _)| visible(*t))
        .map(|(t, p)| format!("{},{}", num(x(*t)), num(top + h - (p / peak) * h)))
        .collect();
    if !points.is_empty() {
        w.leaf(
            "polyline",
            &[("points", points.join(" ")), ("class", "ph".into())],
            Some(&format!("playhead, 0 to {} s", secs(peak))),
        );
    }
    // Findings: a marker at their event, the code beside it.
    let top = lane_y(&mut row, "findings", w);
    let mut placed: Vec<f64> = Vec::new();
    let mut sorted: Vec<_> = v
        .findings
        .iter()
        .filter_map(|(d, t)| Some((*d, (*t).filter(|t| visible(*t))?)))
        .collect();
    // Codes go to the rarest first (as in the terminal), the most severe among equals.
    let mut per_code: std::collections::BTreeMap<&str, usize> = Default::default();
    for (d, _) in &sorted {
        *per_code.entry(d.rule.code).or_default() += 1;
    }
    sorted.sort_by_key(|(d, _)| (per_code[d.rule.code], std::cmp::Reverse(rank(d.severity))));
    for (d, t) in sorted {
        let cx = x(t);
        let sev = d.severity.as_str();
        let title = format!(
            "{}[{}] {}\nevent #{} at {} s",
            sev,
            d.rule.code,
            d.message,
            d.context.event_index.map_or("-".into(), |i| i.to_string()),
            secs(t)
        );
        let r = match d.severity {
            Severity::Error => 5.0,
            Severity::Warning => 4.5,
            Severity::Info => 4.0,
        };
        w.leaf(
            "circle",
            &[
                ("cx", num(cx)),
                ("cy", num(top + 6.0)),
                ("r", num(r)),
                ("class", sev.to_string()),
            ],
            Some(&title),
        );
        // The code under its marker unless another code is already there.
        let tx = (cx - 3.0).min(WIDTH - 4.0 - d.rule.code.len() as f64 * 6.6);
        if placed.iter().all(|p| (p - tx).abs() > 48.0) {
            placed.push(tx);
            w.text(tx, top + 24.0, sev, d.rule.code);
        }
    }
    row += 1.0;
    // Every event, with its tooltip.
    let top = lane_y(&mut row, "events", w);
    for e in &v.trace.events {
        let Some(c) = e.clock_ms else { continue };
        let t = v.at(c);
        if !visible(t) {
            continue;
        }
        let class = match e.counted {
            Counted::Yes => "ev".to_string(),
            other => format!("ev {}", other.name()),
        };
        w.leaf(
            "line",
            &[
                ("x1", num(x(t))),
                ("x2", num(x(t))),
                ("y1", num(top)),
                ("y2", num(top + LANE_H)),
                ("class", class),
                ("data-event", e.index.to_string()),
            ],
            Some(&event_title(v, e)),
        );
    }
    // The axis.
    let top = 20.0 + row * (LANE_H + GAP) + 2.0;
    w.leaf(
        "line",
        &[
            ("x1", num(LABEL_W)),
            ("x2", num(LABEL_W + plot)),
            ("y1", num(top)),
            ("y2", num(top)),
            ("class", "axis".into()),
        ],
        None,
    );
    let step = super::terminal::tick_step(to - from, (plot / 10.0) as usize);
    let mut t = (from / step).ceil() * step;
    while t <= to + 1e-9 {
        w.leaf(
            "line",
            &[
                ("x1", num(x(t))),
                ("x2", num(x(t))),
                ("y1", num(top)),
                ("y2", num(top + 4.0)),
                ("class", "axis".into()),
            ],
            None,
        );
        let label = format!("{}s", secs(t));
        let tx = (x(t) - 4.0).min(WIDTH - 4.0 - label.len() as f64 * 6.6);
        w.text(tx, top + 15.0, "", &label);
        t += step;
    }
    w.close("g");
    top + 24.0
}

/// Writes the SVG of every session of `report` that has a trace, stacked; `window` is
/// `--from`/`--to` in seconds from each session's start.
pub fn render(
    report: &Report,
    window: (Option<f64>, Option<f64>),
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut body = Writer::new();
    let mut y = 4.0;
    let listed = report.diagnostics.to_vec();
    for v in views(report, &listed) {
        y += session(&mut body, report, &v, y, window) + 12.0;
    }
    let mut w = Writer::new();
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg".into()),
            ("width", num(WIDTH)),
            ("height", num(y)),
            ("viewBox", format!("0 0 {} {}", num(WIDTH), num(y))),
            ("class", "tl".into()),
        ],
    );
    w.open("style", &[]);
    w.out.push_str(CSS);
    w.close("style");
    w.leaf(
        "rect",
        &[
            ("width", "100%".into()),
            ("height", "100%".into()),
            ("fill", "#fff".into()),
        ],
        None,
    );
    w.out.push_str(&body.out);
    w.close("svg");
    w.out.push('\n');
    out.write_all(w.out.as_bytes())
}
