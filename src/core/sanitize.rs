//! Input hygiene: nothing that can steer a terminal survives past loading.
//!
//! Applied to every text before parsing, so the parser, the JSON and the
//! screen only ever see printable text, newlines and spaces.

use unicode_width::UnicodeWidthChar;

/// Tab stops are every this many columns.
const TAB_WIDTH: usize = 4;
/// Combining marks kept after a base character; the rest of the run is dropped.
const MAX_COMBINING: usize = 4;

/// Characters removed outright: they move the cursor, reorder text or are invisible.
fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'
        | '\u{80}'..='\u{9f}'                       // C1 controls (8-bit CSI, OSC …)
        | '\u{ad}'                                  // soft hyphen
        | '\u{61c}' | '\u{200e}' | '\u{200f}'       // bidi marks
        | '\u{202a}'..='\u{202e}'                   // bidi embeddings and overrides
        | '\u{2066}'..='\u{2069}'                   // bidi isolates
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' // zero-width
        | '\u{fe00}'..='\u{fe0f}'                   // variation selectors (skew widths)
        | '\u{e0000}'..='\u{e007f}'                 // tag characters
        | '\u{e0100}'..='\u{e01ef}'                 // variation selectors supplement
        | '\u{fff9}'..='\u{fffb}'                   // interlinear annotation controls
    )
}

/// Clean text for display: normalise line ends, expand tabs, drop controls,
/// bidi and zero-width characters, and cap runs of combining marks.
pub fn sanitize_text(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize;
    // Zero-width characters in a row: combining marks stacked on one base.
    let mut marks_in_row = 0usize;
    // Unchanged text is copied a run at a time, not char by char.
    let mut run_start = 0;
    let mut chars = input.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_plain(c) {
            column += 1;
            marks_in_row = 0;
            continue;
        }
        out.push_str(&input[run_start..at]);
        run_start = at + c.len_utf8();
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                // CRLF and lone CR both end a line.
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    continue;
                }
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if is_removed(c) => {}
            c => {
                if c.width() == Some(0) {
                    marks_in_row += 1;
                    if marks_in_row > MAX_COMBINING {
                        continue;
                    }
                } else {
                    marks_in_row = 0;
                }
                out.push(c);
                column += 1;
            }
        }
    }
    out.push_str(&input[run_start..]);
    out
}

/// Printable ASCII and the bulk of CJK text and punctuation: nothing to check.
fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{3030}'..='\u{9fff}' | '\u{ff01}'..='\u{ffef}')
}

/// Make a short string (a path, a message) safe to print on one line: control
/// characters become escapes such as `\u{1b}`.
pub fn escape_for_terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || is_removed(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences_but_keeps_their_printable_tail() {
        let s = sanitize_text("标题\u{1b}]52;c;ZXZpbA==\u{7}完\u{9b}2J");
        assert!(!s.chars().any(|c| c.is_control()));
        assert_eq!(s, "标题]52;c;ZXZpbA==完2J");
    }

    #[test]
    fn removes_bidi_and_zero_width() {
        let s = sanitize_text("a\u{202e}b\u{2066}c\u{200b}d\u{feff}e\u{ad}f\u{fe01}g");
        assert_eq!(s, "abcdefg");
    }

    #[test]
    fn normalises_line_ends_and_expands_tabs() {
        assert_eq!(sanitize_text("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(sanitize_text("ab\tc\t"), "ab  c   ");
    }

    #[test]
    fn caps_combining_runs() {
        let input = format!("e{}x", "\u{301}".repeat(200));
        let s = sanitize_text(&input);
        assert_eq!(s.chars().count(), 1 + MAX_COMBINING + 1);
        assert!(s.ends_with('x'));
    }

    #[test]
    fn escapes_controls_for_messages() {
        assert_eq!(escape_for_terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_for_terminal("赣州\n"), "赣州\\u{a}");
    }
}
