//! Output formats. Each renders from the same [`Report`](crate::check::Report) and
//! [`Diagnostic`](crate::diagnostic::Diagnostic) list.

pub mod full;
pub mod json;
pub mod summary;

/// How the terminal output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Unicode box drawing (else ASCII).
    pub unicode: bool,
    /// Wrap width in columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
        }
    }
}

/// Text of a file for rendering, with every invalid UTF-8 byte replaced by `?` so byte
/// offsets stay the same as in the file.
pub fn render_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        let n = e.error_len().unwrap_or(bad.len()).max(1);
                        for _ in 0..n {
                            out.push('?');
                        }
                        rest = &bad[n..];
                    }
                }
            }
            out
        }
    }
}
