//! The one internal finding type every stage produces and every output format renders.

use crate::source::Span;
use std::fmt;

pub mod store;
pub use store::Diagnostics;

/// How bad a finding is, in terms of what Adobe does with the data.
///
/// `Error`: the request is rejected (HTTP 400) or its data is lost or miscounted.
/// `Warning`: accepted, but against a documented "must" or suspicious.
/// `Info`: a position on a contradiction in Adobe's docs, or style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational.
    Info,
    /// Accepted but wrong or suspicious.
    Warning,
    /// Rejected, lost or miscounted.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule families (code prefixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// `SYN`: the body is not strict JSON.
    Syntax,
    /// `SCH`: the body fails the event's JSON Schema (Adobe answers 400).
    Schema,
    /// `SES`: session lifecycle.
    Session,
    /// `TIM`: playhead and `ts`.
    Time,
    /// `PLB`: playback transitions (play, pauseStart, bufferStart).
    Playback,
    /// `CHP`: chapters.
    Chapter,
    /// `STA`: player states (mute, full screen ...).
    State,
    /// `QOE`: quality-of-experience data.
    Qoe,
    /// `PNG`: ping cadence.
    Ping,
    /// `AD`: ad breaks and ads.
    Ad,
    /// `HTTP`: Adobe's recorded answers.
    Http,
    /// `LIM`: valint's own resource limits.
    Limit,
    /// `SUP`: valint's own inline suppressions (`valint: ignore[CODE] -- reason`).
    Suppression,
    /// `CAP`: the capture files themselves (the same traffic recorded twice).
    Capture,
}

impl Family {
    /// Lower-case family name, as used in `valint rules` and SARIF tags.
    pub fn name(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Schema => "schema",
            Family::Session => "session",
            Family::Time => "time",
            Family::Playback => "playback",
            Family::Chapter => "chapter",
            Family::State => "state",
            Family::Qoe => "qoe",
            Family::Ping => "ping",
            Family::Ad => "ad",
            Family::Http => "http",
            Family::Limit => "limit",
            Family::Suppression => "suppression",
            Family::Capture => "capture",
        }
    }
}

/// Everything static about one rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `AD001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `ad-outside-break`.
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The explain text in sections: What it checks / Why it matters / Example / Use
    /// instead / Options / References.
    pub docs: &'static str,
}

/// A labelled byte range in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// File bytes the label sits under.
    pub span: Span,
    /// Text of the label, if any.
    pub text: Option<String>,
}

impl Label {
    /// A label with text.
    pub fn new(span: Span, text: impl Into<String>) -> Label {
        Label {
            span,
            text: Some(text.into()),
        }
    }
}

/// One value of the session state a finding records, typed as the machine formats write
/// it.
#[derive(Debug, Clone, PartialEq)]
pub enum StateValue {
    /// A flag, such as whether an ad break is open.
    Bool(bool),
    /// A number: a playhead (seconds) or a `ts` (epoch milliseconds).
    Number(f64),
    /// A name, such as the player's phase.
    Text(String),
}

impl StateValue {
    /// The value as JSON: a whole number below 2^53 without a fraction (`20`, not
    /// `20.0`), so that a `ts` reads as the integer it is.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            StateValue::Bool(b) => serde_json::Value::Bool(*b),
            StateValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => {
                serde_json::Value::from(*n as i64)
            }
            StateValue::Number(n) => serde_json::Value::from(*n),
            StateValue::Text(t) => serde_json::Value::String(t.clone()),
        }
    }
}

/// Where in the session stream a finding sits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventContext {
    /// The session: its `sid`, or `#N` (1-based, per file) when the capture has no sids.
    pub session: Option<String>,
    /// 0-based index of the event within its session, in arrival order.
    pub event_index: Option<usize>,
    /// The event's `eventType`, when it has one.
    pub event_type: Option<String>,
    /// A label for the request from the capture (for docs pages: the action heading).
    pub request_label: Option<String>,
    /// Ordinal of the request within its file.
    pub request: Option<usize>,
    /// Engine state when the finding was made (open ad break, last playhead ...), as
    /// typed `key=value` pairs for machine formats.
    pub state: Vec<(&'static str, StateValue)>,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that produced it (code, name, family, default severity, docs).
    pub rule: &'static RuleMeta,
    /// Effective severity (the rule's default unless configured).
    pub severity: Severity,
    /// One-sentence message stating the problem and its consequence in Adobe's terms.
    pub message: String,
    /// Index of the file in the run's file list.
    pub file: usize,
    /// The offending bytes.
    pub primary: Label,
    /// Places that explain the finding ("ad break opened here").
    pub secondary: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Extra context (for example the doc page the rule comes from).
    pub note: Option<String>,
    /// Session and event the finding belongs to.
    pub context: EventContext,
}

impl Diagnostic {
    /// A finding of `rule` at `span` in `file`, with the rule's default severity.
    pub fn new(
        rule: &'static RuleMeta,
        file: usize,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            file,
            primary: Label { span, text: None },
            secondary: Vec::new(),
            help: None,
            note: None,
            context: EventContext::default(),
        }
    }

    /// Sets the primary label's text.
    pub fn label(&mut self, text: impl Into<String>) -> &mut Self {
        self.primary.text = Some(text.into());
        self
    }

    /// Adds a secondary label.
    pub fn secondary(&mut self, span: Span, text: impl Into<String>) -> &mut Self {
        self.secondary.push(Label::new(span, text));
        self
    }

    /// Adds a secondary label at `span` of `file` when that is this finding's own file: a
    /// label in another file of the run cannot be drawn in this finding's snippet.
    pub fn secondary_in(&mut self, file: usize, span: Span, text: impl Into<String>) -> &mut Self {
        if file == self.file {
            self.secondary.push(Label::new(span, text));
        }
        self
    }

    /// Sets the help line.
    pub fn help(&mut self, text: impl Into<String>) -> &mut Self {
        self.help = Some(text.into());
        self
    }

    /// Sets the note.
    pub fn note(&mut self, text: impl Into<String>) -> &mut Self {
        self.note = Some(text.into());
        self
    }

    /// Sort key: file, then position, then code (deterministic output order).
    pub fn sort_key(&self) -> (usize, u32, u32, &'static str) {
        (
            self.file,
            self.primary.span.start,
            self.primary.span.end,
            self.rule.code,
        )
    }
}
