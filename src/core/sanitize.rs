//! Input hygiene: nothing that can steer a terminal survives past loading.
//!
//! Applied to every text before parsing, so the parser, the JSON and the
//! screen only ever see printable text, newlines and spaces.

use std::borrow::Cow;

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
    sanitize_cow(input).into_owned()
}

/// `sanitize_text` that borrows the input when it is already clean, as nearly
/// every page is: no copy of the page, no allocation.
pub fn sanitize_cow(input: &str) -> Cow<'_, str> {
    let bytes = input.as_bytes();
    let mut line = Line::default();
    // Allocated at the first change only.
    let mut out = String::new();
    let mut changed = false;
    // Unchanged text is copied a run at a time, not char by char.
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(end) = line.skip_plain(bytes, i) {
            i = end;
            continue;
        }
        // `i` is always at a char boundary: we only ever step over whole chars.
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        if line.keeps(c) {
            continue;
        }
        if !changed {
            changed = true;
            out.reserve(input.len());
        }
        out.push_str(&input[run_start..at]);
        if starts_escape_sequence(c) {
            // The whole sequence goes, not just its ESC: `\e[31m` leaves no `[31m`.
            i = at + escape_sequence_len(&input[at..]);
        } else if !(c == '\r' && bytes.get(i) == Some(&b'\n')) {
            // The \r of a CRLF goes and its \n ends the line; a lone CR ends one itself.
            line.replace(c, &mut out);
        }
        run_start = i;
    }
    if !changed {
        return Cow::Borrowed(input);
    }
    out.push_str(&input[run_start..]);
    Cow::Owned(out)
}

/// Where the sanitiser stands in the current line.
#[derive(Debug, Default)]
struct Line {
    /// Cells since the line began: tab stops are in cells, as the terminal counts them.
    column: usize,
    /// Zero-width characters in a row: combining marks stacked on one base.
    marks_in_row: usize,
}

impl Line {
    /// The fast path over bytes: past a newline, or a run of printable ASCII and of
    /// U+4000–U+9FFF (lead bytes E4–E9) and the wide punctuation, which need no
    /// decoding and no checks; they are nearly all of a Chinese page. None when the
    /// char at `i` needs a closer look.
    #[inline(always)]
    fn skip_plain(&mut self, bytes: &[u8], mut i: usize) -> Option<usize> {
        if bytes[i] == b'\n' {
            self.column = 0;
            self.marks_in_row = 0;
            return Some(i + 1);
        }
        let (plain_len, cells) = match bytes[i] {
            0x20..=0x7e => (1, 1),
            // U+4000–U+9FFF, all wide (the Yijing hexagrams U+4DC0–U+4DFF too, since
            // Unicode 16, as unicode-width and the layout count them).
            0xe4..=0xe9 => (3, 2),
            // U+3000–U+3029 (E3 80 80–A9): 。、《》「」 and the ideographic space, all wide.
            0xe3 if bytes.get(i + 1) == Some(&0x80)
                && bytes
                    .get(i + 2)
                    .is_some_and(|&b| (0x80..=0xa9).contains(&b)) =>
            {
                (3, 2)
            }
            // U+FF01–U+FF60 (EF BC 81–BF, EF BD 80–A0): ，：（）！？ and the other
            // full-width forms, all wide.
            0xef if fullwidth_form(bytes.get(i + 1..i + 3)) => (3, 2),
            _ => return None,
        };
        i += plain_len;
        self.column += cells;
        self.marks_in_row = 0;
        // The rest of a run of ideographs (most of a page) in a tight loop.
        while let [0xe4..=0xe9, _, _, ..] = bytes[i..] {
            i += 3;
            self.column += 2;
        }
        Some(i)
    }

    /// Is `c` kept as it is (。、 and the like, or a mark within the cap), so that
    /// the run of unchanged text goes on?
    #[inline(always)]
    fn keeps(&mut self, c: char) -> bool {
        if is_plain(c) {
            self.column += c.width().unwrap_or(0);
            self.marks_in_row = 0;
            return true;
        }
        if changes(c) {
            return false;
        }
        if c.width() == Some(0) {
            self.marks_in_row += 1;
            self.marks_in_row <= MAX_COMBINING
        } else {
            self.marks_in_row = 0;
            self.column += c.width().unwrap_or(0);
            true
        }
    }

    /// Write what stands for `c`, a char that is not kept: a line end for the line
    /// separators, spaces to the next tab stop for a tab, nothing for the rest
    /// (removed, or a combining mark past MAX_COMBINING).
    fn replace(&mut self, c: char, out: &mut String) {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                out.push('\n');
                self.column = 0;
            }
            '\t' => {
                let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                self.column += spaces;
            }
            _ => {}
        }
    }
}

/// Do these two bytes after an EF lead byte encode a char of U+FF01–U+FF60?
fn fullwidth_form(rest: Option<&[u8]>) -> bool {
    matches!(rest, Some([0xbc, 0x81..=0xbf] | [0xbd, 0x80..=0xa0]))
}

/// Does sanitising replace or drop `c` (whatever stands around it)?
fn changes(c: char) -> bool {
    starts_escape_sequence(c)
        || matches!(c, '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\t')
        || is_removed(c)
}

/// ESC, and the 8-bit C1 introducers of CSI, OSC and the string sequences.
fn starts_escape_sequence(c: char) -> bool {
    matches!(
        c,
        '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}'
    )
}

/// Longest escape sequence we strip; a longer one is cut off there.
const MAX_SEQUENCE_BYTES: usize = 256;

/// Bytes taken by the escape sequence at the start of `rest` (ECMA-48 shapes:
/// CSI params+final, OSC/DCS/SOS/PM/APC strings up to BEL or ST, two- and
/// three-byte ESC sequences). An unterminated string stops at the line's end, so
/// a stray ESC never swallows the rest of a page.
fn escape_sequence_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let body = match first {
        '\u{9b}' => Sequence::Control,
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Sequence::String,
        _ => match chars.peek().map(|&(_, c)| c) {
            Some('[') => {
                chars.next();
                Sequence::Control
            }
            Some(']' | 'P' | 'X' | '^' | '_') => {
                chars.next();
                Sequence::String
            }
            Some(' '..='/') => {
                // ESC ( B and kin: intermediates, then one final char.
                while chars.next_if(|&(_, c)| matches!(c, ' '..='/')).is_some() {}
                return chars.next().map_or(rest.len(), |(i, c)| i + c.len_utf8());
            }
            Some('0'..='~') => {
                return chars.next().map_or(rest.len(), |(i, c)| i + c.len_utf8());
            }
            _ => return first.len_utf8(),
        },
    };
    for (i, c) in chars {
        if i >= MAX_SEQUENCE_BYTES || c == '\n' {
            return i;
        }
        match body {
            Sequence::Control if ('@'..='~').contains(&c) => return i + 1,
            Sequence::Control if !(' '..='?').contains(&c) => return i,
            Sequence::String if c == '\u{7}' || c == '\u{9c}' => return i + c.len_utf8(),
            Sequence::String if c == '\u{1b}' && rest[i + 1..].starts_with('\\') => return i + 2,
            _ => {}
        }
    }
    rest.len()
}

#[derive(Clone, Copy)]
enum Sequence {
    /// CSI: parameter and intermediate bytes, then a final byte.
    Control,
    /// OSC, DCS, SOS, PM, APC: any text up to BEL or ST.
    String,
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
    fn removes_whole_escape_sequences() {
        let s = sanitize_text("标题\u{1b}]52;c;ZXZpbA==\u{7}完\u{9b}2J尾");
        assert_eq!(s, "标题完尾");
        assert_eq!(
            sanitize_text("危险\u{1b}[31m红色\u{1b}[0m\u{1b}]0;PWNED\u{7}。"),
            "危险红色。"
        );
        assert_eq!(
            sanitize_text("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(sanitize_text("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
        assert_eq!(sanitize_text("a\u{1b}(Bb\u{1b}cc\u{1b}7d"), "abcd");
    }

    #[test]
    fn unterminated_sequences_stop_at_the_line_end() {
        assert_eq!(sanitize_text("标题\u{1b}]0;no end\n正文。"), "标题\n正文。");
        assert_eq!(sanitize_text("a\u{1b}[12;"), "a");
        assert_eq!(sanitize_text("a\u{1b}"), "a");
        assert_eq!(sanitize_text("a\u{1b}\u{1b}[2Jb"), "ab");
        let long = format!("a\u{1b}]{}b", "x".repeat(1000));
        assert!(
            sanitize_text(&long).ends_with("xb"),
            "cut off after the cap"
        );
    }

    #[test]
    fn clean_text_is_borrowed_and_dirty_text_copied() {
        let clean = "园区动态\n宁德高新区 ABC 123。\n";
        assert!(matches!(sanitize_cow(clean), Cow::Borrowed(s) if s == clean));
        let dirty = "宁德\u{1b}[31m高新区\r\n";
        let cleaned = sanitize_cow(dirty);
        assert!(matches!(cleaned, Cow::Owned(_)));
        assert_eq!(cleaned, sanitize_text(dirty));
        assert_eq!(cleaned, "宁德高新区\n");
    }

    #[test]
    fn the_cjk_punctuation_fast_path_holds_only_wide_kept_chars() {
        // Lead bytes E4–E9: U+4000–U+9FFF, every one wide and kept.
        for c in '\u{4000}'..='\u{9fff}' {
            assert_eq!(c.width(), Some(2), "{c:?}");
            assert!(!changes(c), "{c:?}");
        }
        for c in '\u{3000}'..='\u{3029}' {
            assert_eq!(c.width(), Some(2), "{c:?}");
            assert!(!changes(c), "{c:?}");
            let mut bytes = [0u8; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            assert_eq!(&encoded[..2], &[0xe3, 0x80], "{c:?}");
        }
        for c in '\u{ff01}'..='\u{ff60}' {
            assert_eq!(c.width(), Some(2), "{c:?}");
            assert!(!changes(c), "{c:?}");
            let mut bytes = [0u8; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            assert!(fullwidth_form(encoded.get(1..3)), "{c:?}");
        }
        for c in ['\u{ff00}', '\u{ff61}', '\u{feff}'] {
            let mut bytes = [0u8; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            assert!(!fullwidth_form(encoded.get(1..3)), "{c:?}");
        }
        assert_eq!(sanitize_text("甲，\t乙\u{feff}"), "甲，    乙");
        // Right after the range: combining marks, not on the fast path.
        assert_eq!('\u{302a}'.width(), Some(0));
        assert_eq!(sanitize_text("甲。\t乙"), "甲。    乙");
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
        // Stops count cells: 园 fills two of them, · (narrow) one, ䷀ (U+4DC0) two.
        assert_eq!(sanitize_text("园\tx"), "园  x");
        assert_eq!(sanitize_text("园区\tx"), "园区    x");
        assert_eq!(sanitize_text("园区科\tx"), "园区科  x");
        assert_eq!(sanitize_text("ａ\tx"), "ａ  x");
        assert_eq!(sanitize_text("·\tx"), "·   x");
        assert_eq!(sanitize_text("\u{4dc0}\tx"), "\u{4dc0}  x");
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

    /// Tabs expanded as a plain loop over chars does it, nothing else changed.
    fn expand_tabs(text: &str) -> String {
        let mut out = String::new();
        let mut column = 0;
        for c in text.chars() {
            match c {
                '\n' => {
                    out.push('\n');
                    column = 0;
                }
                '\t' => {
                    let spaces = TAB_WIDTH - column % TAB_WIDTH;
                    out.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
                c => {
                    out.push(c);
                    column += c.width().unwrap_or(0);
                }
            }
        }
        out
    }

    proptest::proptest! {
        /// The byte fast paths (ASCII, runs of ideographs, 。 and full-width forms) keep
        /// clean text as it is and count tab stops in cells as the plain loop does.
        #[test]
        fn fast_paths_agree_with_a_plain_loop(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "中", "园区", "䷀", "a", " ", "\t", "\n", "，", "。", "（", "“", "…", "é",
                    "e\u{301}", "Ａ", "ｱ", "한",
                ]),
                0..60,
            )
        ) {
            let text: String = pieces.concat();
            let (clean, expected) = (sanitize_cow(&text), expand_tabs(&text));
            proptest::prop_assert_eq!(clean.as_ref(), expected.as_str());
            if !text.contains('\t') {
                proptest::prop_assert!(matches!(sanitize_cow(&text), Cow::Borrowed(_)));
            }
        }
    }
}
