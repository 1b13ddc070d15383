//! `--statistics`: how many findings each rule produced, most frequent first (ruff's
//! table: count, code, name; here also the severity).

use super::Style;
use crate::diagnostic::Severity;
use crate::model::Report;
use crate::rules::RuleMeta;
use serde_json::json;
use std::io::{self, Write};

/// One row: a rule, the severity its findings were reported with, and how many there were.
#[derive(Debug, Clone)]
pub struct Row {
    /// The rule.
    pub rule: &'static RuleMeta,
    /// Effective severity (a rule reports with one severity per run, except container
    /// syntax findings outside Media traffic, which are info).
    pub severity: Severity,
    /// Findings.
    pub count: usize,
}

/// Rows, most frequent first, then by code.
pub fn rows(report: &Report) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for d in &report.diagnostics {
        match rows
            .iter_mut()
            .find(|r| std::ptr::eq(r.rule, d.rule) && r.severity == d.severity)
        {
            Some(r) => r.count += 1,
            None => rows.push(Row {
                rule: d.rule,
                severity: d.severity,
                count: 1,
            }),
        }
    }
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.rule.code.cmp(b.rule.code))
            .then(b.severity.cmp(&a.severity))
    });
    rows
}

/// The table, as ruff prints it: count, code, severity, name.
pub fn render_table(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(report);
    let cw = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let kw = rows.iter().map(|r| r.rule.code.len()).max().unwrap_or(1);
    for r in &rows {
        let sev = format!("{:<7}", r.severity.as_str());
        writeln!(
            out,
            "{:>cw$}\t{:<kw$}\t{}\t{}",
            r.count,
            r.rule.code,
            super::concise::paint(style, r.severity, &sev),
            r.rule.name,
        )?;
    }
    Ok(())
}

fn row_json(r: &Row) -> serde_json::Value {
    json!({"code": r.rule.code, "name": r.rule.name, "severity": r.severity.as_str(), "count": r.count})
}

/// A JSON array of `{code, name, severity, count}`.
pub fn render_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let v: Vec<_> = rows(report).iter().map(row_json).collect();
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

/// One `{code, name, severity, count}` object per line.
pub fn render_json_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for r in rows(report) {
        serde_json::to_writer(&mut *out, &row_json(&r))?;
        writeln!(out)?;
    }
    Ok(())
}
