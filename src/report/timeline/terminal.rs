//! The terminal picture of a session: one row per lane, a column per slice of time, the
//! time axis below, then the session's digest. A long session is compressed to the width;
//! `--from`/`--to` pick a window. Every span, ping and finding takes at least one column,
//! so a 1 s buffer stays visible in an hour-long session.

use super::{digest_items, header_items, rank, secs, views, wrap, SessionView};
use crate::diagnostic::Severity;
use crate::model::Report;
use crate::session::metrics::{Lane, PhaseName};
use std::io::{self, Write};

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct TerminalOptions {
    /// Columns of the whole picture (labels included); at least 40 are used.
    pub width: usize,
    /// Start of the window, seconds from the session's start.
    pub from_s: Option<f64>,
    /// End of the window, seconds from the session's start.
    pub to_s: Option<f64>,
    /// ANSI colours.
    pub color: bool,
}

/// Width of the lane labels (a player state's name longer than this less one is cut with
/// `…`).
const LABEL: usize = 12;
/// Most rows of finding labels.
const LABEL_ROWS: usize = 3;

const RESET: &str = "\x1b[0m";

/// The glyph and ANSI colour of a player state.
fn phase_look(p: PhaseName) -> (char, &'static str) {
    match p {
        PhaseName::Starting => ('┄', "\x1b[2m"),
        PhaseName::Playing => ('█', "\x1b[32m"),
        PhaseName::Paused => ('░', "\x1b[33m"),
        PhaseName::Buffering => ('▓', "\x1b[31m"),
    }
}

fn severity_look(s: Severity) -> (char, &'static str) {
    match s {
        Severity::Error => ('✖', "\x1b[1;31m"),
        Severity::Warning => ('▲', "\x1b[1;33m"),
        Severity::Info => ('●', "\x1b[1;34m"),
    }
}

/// One row of cells, each a character and its colour.
struct Row {
    cells: Vec<(char, &'static str)>,
}

impl Row {
    fn new(w: usize) -> Row {
        Row {
            cells: vec![(' ', ""); w],
        }
    }

    fn set(&mut self, col: usize, c: char, color: &'static str) {
        if let Some(cell) = self.cells.get_mut(col) {
            *cell = (c, color);
        }
    }

    fn text(&mut self, col: usize, s: &str, color: &'static str) {
        for (i, c) in s.chars().enumerate() {
            self.set(col + i, c, color);
        }
    }

    fn free(&self, from: usize, len: usize) -> bool {
        from + len <= self.cells.len() && self.cells[from..from + len].iter().all(|c| c.0 == ' ')
    }

    fn render(&self, color: bool) -> String {
        let mut s = String::new();
        let mut cur = "";
        for &(c, col) in &self.cells {
            if color && col != cur {
                if !cur.is_empty() {
                    s.push_str(RESET);
                }
                s.push_str(col);
                cur = col;
            }
            s.push(c);
        }
        if color && !cur.is_empty() {
            s.push_str(RESET);
        }
        s.trim_end().to_string()
    }
}

/// The time window and its mapping to columns.
struct Scale {
    from: f64,
    to: f64,
    w: usize,
}

impl Scale {
    /// The column of time `t`, if it is in the window.
    fn col(&self, t: f64) -> Option<usize> {
        if t < self.from || t > self.to {
            return None;
        }
        Some(self.col_clamped(t))
    }

    fn col_clamped(&self, t: f64) -> usize {
        let x = (t - self.from) / (self.to - self.from) * self.w as f64;
        (x.floor().max(0.0) as usize).min(self.w - 1)
    }

    /// The columns a span covers (at least one), if it meets the window.
    fn cols(&self, a: f64, b: f64) -> Option<(usize, usize)> {
        if b < self.from || a > self.to {
            return None;
        }
        let s = self.col_clamped(a.max(self.from));
        // The end is exclusive: a span that ends where the next starts leaves it its column.
        let e = if b >= self.to {
            self.w - 1
        } else {
            let x = (b - self.from) / (self.to - self.from) * self.w as f64;
            ((x.ceil() as usize).saturating_sub(1)).min(self.w - 1)
        };
        Some((s, e.max(s)))
    }
}

fn label(name: &str) -> String {
    let mut s: String = if name.chars().count() > LABEL - 1 {
        name.chars().take(LABEL - 2).chain(['…']).collect()
    } else {
        name.to_string()
    };
    while s.chars().count() < LABEL {
        s.push(' ');
    }
    s
}

/// A tick step in seconds that leaves at least 8 columns between ticks.
pub(super) fn tick_step(span: f64, w: usize) -> f64 {
    const STEPS: [f64; 16] = [
        0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0,
        3600.0,
    ];
    for s in STEPS {
        if s / span * w as f64 >= 8.0 {
            return s;
        }
    }
    let mut s = 3600.0;
    while s / span * (w as f64) < 8.0 {
        s *= 2.0;
    }
    s
}

/// Draws one session.
fn session(
    report: &Report,
    v: &SessionView,
    opts: &TerminalOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bold = |s: &str| {
        if opts.color {
            format!("\x1b[1m{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let width = opts.width.max(40);
    for line in wrap(&header_items(report, v.metrics), width, "", "  ") {
        writeln!(out, "{}", bold(&line))?;
    }
    if v.origin_ms.is_none() {
        writeln!(
            out,
            "  (no event of this session has a clock, ts or action-timeline seconds: nothing to place in time)"
        )?;
    } else {
        picture(v, opts, out)?;
    }
    for line in wrap(&digest_items(v.metrics), width, "  ", "  ") {
        writeln!(out, "{line}")?;
    }
    writeln!(out)
}

fn picture(v: &SessionView, opts: &TerminalOptions, out: &mut dyn Write) -> io::Result<()> {
    let width = opts.width.max(40);
    let w = width - LABEL;
    let from = opts.from_s.unwrap_or(0.0).max(0.0);
    let mut to = opts.to_s.unwrap_or(v.end_s);
    if to <= from {
        to = from + 1.0;
    }
    let sc = Scale { from, to, w };
    let mut rows: Vec<(String, Row)> = Vec::new();
    for lane in v.lanes() {
        let mut row = Row::new(w);
        match &lane {
            Lane::Player(_) => {
                // Longer states first, so that a short pause or buffer is drawn over them.
                for phase in [
                    PhaseName::Starting,
                    PhaseName::Playing,
                    PhaseName::Paused,
                    PhaseName::Buffering,
                ] {
                    let (g, c) = phase_look(phase);
                    for (a, b, _) in v.spans(&Lane::Player(phase)) {
                        if let Some((s, e)) = sc.cols(a, b) {
                            for col in s..=e {
                                row.set(col, g, c);
                            }
                        }
                    }
                }
                rows.push((label("player"), row));
            }
            Lane::AdBreak | Lane::Ad | Lane::Chapter => {
                let (name, color) = match lane {
                    Lane::AdBreak => ("ad breaks", "\x1b[35m"),
                    Lane::Ad => ("ads", "\x1b[1;35m"),
                    _ => ("chapters", "\x1b[36m"),
                };
                let mut any = false;
                for (a, b, span) in v.spans(&lane) {
                    let Some((s, e)) = sc.cols(a, b) else {
                        continue;
                    };
                    any = true;
                    for col in s..=e {
                        row.set(col, '━', color);
                    }
                    if e > s {
                        row.set(s, '┣', color);
                        row.set(e, if span.open { '»' } else { '┫' }, color);
                    }
                    if let Some(l) = &span.label {
                        // Inside the span, cut with `…` when it does not fit.
                        let room = e.saturating_sub(s + 1);
                        let n = l.chars().count();
                        if n <= room {
                            row.text(s + 1, l, color);
                        } else if room >= 4 {
                            let cut: String = l.chars().take(room - 1).collect();
                            row.text(s + 1, &format!("{cut}…"), color);
                        }
                    }
                }
                if any || lane != Lane::Chapter {
                    rows.push((label(name), row));
                }
            }
            Lane::State(name) => {
                for (a, b, span) in v.spans(&lane) {
                    if let Some((s, e)) = sc.cols(a, b) {
                        for col in s..=e {
                            row.set(col, '▬', "\x1b[34m");
                        }
                        if span.open && e > s {
                            row.set(e, '»', "\x1b[34m");
                        }
                    }
                }
                rows.push((label(name), row));
            }
        }
    }
    // Pings: a tick, or how many fell in one column.
    let mut counts = vec![0usize; w];
    for t in v.pings() {
        if let Some(c) = sc.col(t) {
            counts[c] += 1;
        }
    }
    let mut row = Row::new(w);
    for (c, n) in counts.iter().enumerate() {
        match n {
            0 => {}
            1 => row.set(c, '│', "\x1b[2m"),
            2..=9 => row.set(c, char::from(b'0' + *n as u8), "\x1b[2m"),
            _ => row.set(c, '+', "\x1b[2m"),
        }
    }
    rows.push((label("pings"), row));
    // The playhead: the value of the last event at or before each column's end.
    let heads = v.playheads();
    let top = heads.iter().map(|h| h.1).fold(0.0f64, f64::max);
    let mut row = Row::new(w);
    if !heads.is_empty() {
        const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let mut sorted = heads.clone();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut k = 0;
        let mut cur: Option<f64> = None;
        for col in 0..w {
            let end = from + (to - from) * (col + 1) as f64 / w as f64;
            while k < sorted.len() && sorted[k].0 <= end {
                cur = Some(sorted[k].1);
                k += 1;
            }
            if let Some(ph) = cur {
                let lvl = if top > 0.0 {
                    ((ph / top) * 7.0).round().clamp(0.0, 7.0) as usize
                } else {
                    0
                };
                row.set(col, BARS[lvl], "\x1b[37m");
            }
        }
    }
    rows.push((label("playhead"), row));
    // Findings: the most severe marker per column, then their codes below.
    let mut marks = Row::new(w);
    let mut worst: Vec<Option<Severity>> = vec![None; w];
    let mut groups: Vec<(usize, &'static str, Severity, usize)> = Vec::new();
    let mut outside = 0;
    for (d, t) in &v.findings {
        let Some(c) = t.and_then(|t| sc.col(t)) else {
            outside += 1;
            continue;
        };
        if worst[c].is_none_or(|s| rank(d.severity) > rank(s)) {
            worst[c] = Some(d.severity);
        }
        match groups.iter_mut().find(|g| g.0 == c && g.1 == d.rule.code) {
            Some(g) => g.3 += 1,
            None => groups.push((c, d.rule.code, d.severity, 1)),
        }
    }
    for (c, s) in worst.iter().enumerate() {
        if let Some(s) = s {
            let (g, col) = severity_look(*s);
            marks.set(c, g, col);
        }
    }
    rows.push((label("findings"), marks));
    // Labels go to the rarest codes first (a TIM001 matters more to see than the tenth
    // SYN003 of a docs page), the most severe first among equals, then left to right.
    let mut per_code: std::collections::BTreeMap<&str, usize> = Default::default();
    for g in &groups {
        *per_code.entry(g.1).or_default() += g.3;
    }
    groups.sort_by_key(|g| (per_code[g.1], std::cmp::Reverse(rank(g.2)), g.0, g.1));
    let mut label_rows: Vec<Row> = Vec::new();
    let mut unplaced = 0;
    for (c, code, sev, n) in &groups {
        let text = if *n > 1 {
            format!("{code}×{n}")
        } else {
            code.to_string()
        };
        let len = text.chars().count();
        let start = (*c).min(w.saturating_sub(len));
        // A blank column on either side of every label.
        let (lo, hi) = (start.saturating_sub(1), (start + len + 1).min(w));
        let slot =
            (0..LABEL_ROWS).find(|&r| label_rows.get(r).is_none_or(|row| row.free(lo, hi - lo)));
        match slot {
            Some(r) => {
                while label_rows.len() <= r {
                    label_rows.push(Row::new(w));
                }
                label_rows[r].text(start, &text, severity_look(*sev).1);
            }
            None => unplaced += n,
        }
    }
    for row in label_rows {
        rows.push((label(""), row));
    }
    for (name, row) in &rows {
        writeln!(
            out,
            "{}",
            format!("{name}{}", row.render(opts.color)).trim_end()
        )?;
    }
    // The axis: ticks and their seconds.
    let step = tick_step(to - from, w);
    let mut axis = Row::new(w);
    let mut names = Row::new(w);
    for c in 0..w {
        axis.set(c, '─', "");
    }
    let mut t = (from / step).ceil() * step;
    while t <= to + 1e-9 {
        let c = sc.col_clamped(t);
        axis.set(c, '┬', "");
        let text = format!("{}s", secs(t));
        let start = c.min(w.saturating_sub(text.len()));
        if names.free(start.saturating_sub(1), text.len() + 1) || start == 0 {
            names.text(start, &text, "");
        }
        t += step;
    }
    writeln!(out, "{}{}", label(""), axis.render(false))?;
    writeln!(out, "{}{}", label("seconds"), names.render(false))?;
    let mut notes = Vec::new();
    if opts.from_s.is_some() || opts.to_s.is_some() {
        notes.push(format!(
            "window {} s to {} s of {} s",
            secs(from),
            secs(to),
            secs(v.end_s)
        ));
    }
    if !heads.is_empty() {
        notes.push(format!("playhead 0 to {} s", secs(top)));
    }
    if unplaced > 0 {
        notes.push(format!("{unplaced} more findings without a label"));
    }
    if outside > 0 {
        notes.push(format!(
            "{outside} findings outside the window or without a time"
        ));
    }
    if !notes.is_empty() {
        for line in wrap(&notes, width, &label(""), &label("")) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The legend of the glyphs, printed once after the sessions.
fn legend(opts: &TerminalOptions) -> String {
    let mut parts = Vec::new();
    for p in [
        PhaseName::Starting,
        PhaseName::Playing,
        PhaseName::Paused,
        PhaseName::Buffering,
    ] {
        let (g, c) = phase_look(p);
        parts.push(if opts.color {
            format!("{c}{g}{RESET} {}", p.name())
        } else {
            format!("{g} {}", p.name())
        });
    }
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let (g, c) = severity_look(s);
        parts.push(if opts.color {
            format!("{c}{g}{RESET} {}", s.as_str())
        } else {
            format!("{g} {}", s.as_str())
        });
    }
    let items = [
        parts.join(" "),
        "┣━┫ ad break, ad, chapter (» still open)".to_string(),
        "│ ping (a digit: pings in one column)".to_string(),
        "▁..█ playhead".to_string(),
    ];
    wrap(&items, opts.width.max(40), "legend: ", "        ").join("\n")
}

/// Draws every session of `report` that has a trace.
pub fn render(report: &Report, opts: &TerminalOptions, out: &mut dyn Write) -> io::Result<()> {
    let listed = report.diagnostics.to_vec();
    let all = views(report, &listed);
    for v in &all {
        session(report, v, opts, out)?;
    }
    if all.is_empty() {
        writeln!(out, "no session in the capture")?;
    } else {
        writeln!(out, "{}", legend(opts))?;
    }
    Ok(())
}
