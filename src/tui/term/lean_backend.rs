//! Changed cells to terminal bytes, as few as will do: the reader is used over SSH,
//! where every byte crosses the link.
//!
//! ratatui's crossterm backend writes a cursor move before every cell that does not
//! follow the last one by exactly one column (so after every wide character), a
//! separate sequence per colour and attribute, and a style-reset tail every frame.
//! This writer keeps what the terminal's cursor and pen are and writes only what
//! changes them: no move to where the cursor already is, one SGR sequence per style
//! change, erase-to-end-of-row or erase-characters for blank runs where that is
//! shorter, and nothing at all — no synchronized-update pair, no cursor hide — for a
//! frame that changes nothing. (ratatui PR #2721 fixes the wide-character moves after
//! 0.30.2; no release has it yet.)
//!
//! The cursor is trusted to advance by a symbol's width only for printable ASCII, box
//! drawing, the reader's own marks (… ▶ •) and for wide characters every terminal agrees
//! on (CJK); after anything else (ambiguous
//! width, emoji) the next cell is placed with an absolute column, so a terminal that
//! disagrees about a width cannot shift the rest of the row (ratatui#1396).

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::buffer::{Buffer, Cell};

use crate::tui::term::sgr::{sgr_from_reset, sgr_step, Pen};
use unicode_width::UnicodeWidthStr;

const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

/// Where the terminal's cursor is, as far as this writer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cursor {
    At(u16, u16),
    /// On this row, column unknown (after a symbol whose width terminals disagree on,
    /// or at the right margin with a wrap pending).
    OnRow(u16),
    Unknown,
}

/// A cell that shows as nothing: a space with no colour and no attribute, what the
/// erase sequences leave behind.
pub fn is_blank(cell: &Cell) -> bool {
    cell.symbol() == " " && Pen::of(cell) == Pen::PLAIN
}

/// The lean writer. Each frame is gathered and sent as one write inside a
/// synchronized update, or not at all when it is empty.
pub struct LeanWriter<W: Write> {
    out: W,
    frame: Vec<u8>,
    cursor: Cursor,
    pen: Option<Pen>,
    cursor_visible: Option<bool>,
}

impl<W: Write> LeanWriter<W> {
    pub fn new(out: W) -> LeanWriter<W> {
        LeanWriter {
            out,
            frame: Vec::with_capacity(16 * 1024),
            cursor: Cursor::Unknown,
            pen: None,
            cursor_visible: None,
        }
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Forget what the terminal's cursor and pen are (another program had it).
    pub fn forget(&mut self) {
        self.cursor = Cursor::Unknown;
        self.pen = None;
        self.cursor_visible = None;
    }

    pub fn hide_cursor(&mut self) {
        if self.cursor_visible != Some(false) {
            self.frame.extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = Some(false);
        }
    }

    /// Erase the whole screen (junk another program wrote included).
    pub fn clear(&mut self) {
        self.set_pen(Pen::PLAIN);
        self.frame.extend_from_slice(b"\x1b[H\x1b[2J");
        self.cursor = Cursor::At(0, 0);
    }

    /// Scroll rows `top..=bottom` (0-based) by `amount`: up (content moves up, blank
    /// rows come in at the bottom) when positive, down when negative. The scroll region
    /// is reset afterwards, which puts the cursor home.
    pub fn scroll(&mut self, top: u16, bottom: u16, amount: i32, height: u16) {
        if amount == 0 || top >= bottom {
            return;
        }
        // Erased rows take the current background (BCE): make it the default.
        self.set_pen(Pen::PLAIN);
        let whole = top == 0 && bottom + 1 >= height;
        if !whole {
            let _ = write!(Text(&mut self.frame), "\x1b[{};{}r", top + 1, bottom + 1);
        }
        let n = amount.unsigned_abs();
        let letter = if amount > 0 { 'S' } else { 'T' };
        if n == 1 {
            let _ = write!(Text(&mut self.frame), "\x1b[{letter}");
        } else {
            let _ = write!(Text(&mut self.frame), "\x1b[{n}{letter}");
        }
        if whole {
            // SU/SD leave the cursor where it was.
        } else {
            self.frame.extend_from_slice(b"\x1b[r");
            self.cursor = Cursor::Unknown;
        }
    }

    /// Write `updates` (ratatui's cell diff, in row order) of the buffer `next`.
    pub fn draw(&mut self, next: &Buffer, updates: &[(u16, u16, &Cell)]) {
        let width = next.area.width;
        let mut i = 0;
        while i < updates.len() {
            let (x, y, cell) = updates[i];
            if is_blank(cell) {
                if let Some(skip) = self.erase_run(next, updates, i, width) {
                    i = skip;
                    continue;
                }
            }
            self.move_to(x, y);
            self.set_pen(Pen::of(cell));
            let symbol = cell.symbol();
            self.frame.extend_from_slice(symbol.as_bytes());
            let advance = symbol.width().max(1) as u16;
            let end = x.saturating_add(advance);
            self.cursor = if end >= width || !trusted_width(symbol) {
                Cursor::OnRow(y)
            } else {
                Cursor::At(end, y)
            };
            i += 1;
        }
    }

    /// A run of blank updates from `updates[i]`: erased with one sequence when that is
    /// shorter than writing them. Returns the index of the first update not covered.
    fn erase_run(
        &mut self,
        next: &Buffer,
        updates: &[(u16, u16, &Cell)],
        i: usize,
        width: u16,
    ) -> Option<usize> {
        let (x, y, _) = updates[i];
        // How far the row is blank in the new frame from x.
        let mut end = x;
        while end < width && next.cell((end, y)).is_some_and(is_blank) {
            end += 1;
        }
        let covered = updates[i..]
            .iter()
            .take_while(|(ux, uy, _)| *uy == y && *ux < end)
            .count();
        // What writing them one by one would cost: a space each, a move per gap.
        let mut one_by_one = 0;
        let mut at = Cursor::At(x, y);
        for (ux, uy, _) in &updates[i..i + covered] {
            if at != Cursor::At(*ux, *uy) {
                one_by_one += 4;
            }
            one_by_one += 1;
            at = Cursor::At(ux + 1, *uy);
        }
        let to_end = end == width;
        let after_run = updates.get(i + covered);
        // The erase leaves the cursor at x; the next update on this row needs a move.
        let next_move = match after_run {
            Some((_, uy, _)) if *uy == y => 4,
            _ => 0,
        };
        let count = end - x;
        let erase = if to_end {
            3
        } else {
            4 + decimal_len(count) + next_move
        };
        // Both ways need the plain pen and the first move: compare the rest.
        if erase >= one_by_one {
            return None;
        }
        self.move_to(x, y);
        self.set_pen(Pen::PLAIN);
        if to_end {
            self.frame.extend_from_slice(b"\x1b[K");
        } else if count == 1 {
            self.frame.extend_from_slice(b"\x1b[X");
        } else {
            let _ = write!(Text(&mut self.frame), "\x1b[{count}X");
        }
        Some(i + covered)
    }

    fn move_to(&mut self, x: u16, y: u16) {
        let (col, row) = (u32::from(x) + 1, u32::from(y) + 1);
        let absolute = |f: &mut Vec<u8>| {
            let _ = if x == 0 {
                write!(Text(f), "\x1b[{row}H")
            } else {
                write!(Text(f), "\x1b[{row};{col}H")
            };
        };
        match self.cursor {
            Cursor::At(cx, cy) if (cx, cy) == (x, y) => {}
            Cursor::At(cx, cy) if cy == y => {
                if x == 0 {
                    self.frame.push(b'\r');
                } else if x > cx {
                    let n = x - cx;
                    let forward = if n == 1 { 3 } else { 3 + decimal_len(n) };
                    if forward <= 3 + decimal_len(x + 1) {
                        push_csi(&mut self.frame, n, 'C');
                    } else {
                        push_csi(&mut self.frame, x + 1, 'G');
                    }
                } else {
                    push_csi(&mut self.frame, x + 1, 'G');
                }
            }
            Cursor::At(_, cy) if y == cy + 1 && x == 0 => self.frame.extend_from_slice(b"\r\n"),
            Cursor::OnRow(cy) if cy == y => {
                if x == 0 {
                    self.frame.push(b'\r');
                } else {
                    push_csi(&mut self.frame, x + 1, 'G');
                }
            }
            _ => absolute(&mut self.frame),
        }
        self.cursor = Cursor::At(x, y);
    }

    fn set_pen(&mut self, pen: Pen) {
        if self.pen == Some(pen) {
            return;
        }
        let from_reset = sgr_from_reset(pen);
        let params = match self.pen {
            Some(current) => {
                let step = sgr_step(current, pen);
                if step.len() < from_reset.len() {
                    step
                } else {
                    from_reset
                }
            }
            None => from_reset,
        };
        self.frame.extend_from_slice(b"\x1b[");
        self.frame.extend_from_slice(params.as_bytes());
        self.frame.push(b'm');
        self.pen = Some(pen);
    }

    /// Bytes waiting for `end_frame`.
    pub fn pending(&self) -> usize {
        self.frame.len()
    }

    /// Send the frame: one write inside a synchronized update, nothing when empty.
    /// Returns the bytes written.
    pub fn end_frame(&mut self) -> io::Result<usize> {
        if self.frame.is_empty() {
            return Ok(0);
        }
        let mut bytes = Vec::with_capacity(self.frame.len() + 16);
        bytes.extend_from_slice(BEGIN_SYNC);
        bytes.append(&mut self.frame);
        bytes.extend_from_slice(END_SYNC);
        self.out.write_all(&bytes)?;
        self.out.flush()?;
        Ok(bytes.len())
    }

    /// Bytes outside any frame (a clipboard request), sent at once.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.out.flush()
    }
}

/// `fmt::Write` over a byte vector, for `write!` of sequences.
struct Text<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Text<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

fn push_csi(frame: &mut Vec<u8>, n: u16, letter: char) {
    if n == 1 && letter != 'G' {
        let _ = write!(Text(frame), "\x1b[{letter}");
    } else {
        let _ = write!(Text(frame), "\x1b[{n}{letter}");
    }
}

fn decimal_len(n: u16) -> usize {
    n.to_string().len()
}

/// Whether every terminal advances the cursor by this symbol's width.
fn trusted_width(symbol: &str) -> bool {
    if symbol.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return true;
    }
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    // Box drawing and block elements (─ ━ │ ┌ █): ambiguous in the tables, yet one cell
    // in every terminal that draws frames at all; a terminal set to show ambiguous
    // characters wide gets ASCII frames from the reader (`ambiguous_width = "wide"`).
    if ('\u{2500}'..='\u{259F}').contains(&c) {
        return true;
    }
    // The reader's own marks (truncation, selection, unread), placed on nearly every
    // frame; text ambiguous characters (“ ” · —) still get an absolute column.
    if matches!(c, '…' | '▶' | '•') {
        return true;
    }
    let narrow = unicode_width::UnicodeWidthChar::width(c);
    let cjk = unicode_width::UnicodeWidthChar::width_cjk(c);
    // Wide in every table and not an emoji (whose widths changed between versions).
    narrow == Some(2)
        && cjk == Some(2)
        && (c as u32) < 0x1F000
        && !('\u{2600}'..='\u{27BF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use crate::tui::term::lean_backend::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    fn frame_of(prev: &Buffer, next: &Buffer) -> String {
        let mut w = LeanWriter::new(Vec::new());
        let updates = prev.diff(next);
        w.draw(next, &updates);
        w.end_frame().unwrap();
        String::from_utf8(w.out).unwrap()
    }

    #[test]
    fn no_move_after_a_wide_character() {
        let prev = Buffer::empty(Rect::new(0, 0, 10, 1));
        let mut next = prev.clone();
        next.set_string(0, 0, "园区科技", Style::default());
        let out = frame_of(&prev, &next);
        assert_eq!(out, "\x1b[?2026h\x1b[1H\x1b[m园区科技\x1b[?2026l");
    }

    #[test]
    fn ambiguous_width_gets_an_absolute_column() {
        let prev = Buffer::empty(Rect::new(0, 0, 10, 1));
        let mut next = prev.clone();
        next.set_string(0, 0, "“ab", Style::default());
        let out = frame_of(&prev, &next);
        assert!(out.contains("“\x1b[2Gab"), "{out:?}");
    }

    #[test]
    fn box_drawing_advances_without_moves() {
        let prev = Buffer::empty(Rect::new(0, 0, 10, 1));
        let mut next = prev.clone();
        next.set_string(0, 0, "━━━│█…a", Style::default());
        let out = frame_of(&prev, &next);
        assert!(out.contains("━━━│█…a"), "{out:?}");
    }

    #[test]
    fn an_unchanged_frame_writes_nothing() {
        let mut prev = Buffer::empty(Rect::new(0, 0, 10, 2));
        prev.set_string(0, 0, "园区", Style::default());
        let mut w = LeanWriter::new(Vec::new());
        w.hide_cursor();
        w.end_frame().unwrap();
        let before = w.out.len();
        w.hide_cursor();
        w.draw(&prev, &prev.diff(&prev));
        assert_eq!(w.end_frame().unwrap(), 0);
        assert_eq!(w.out.len(), before);
    }

    #[test]
    fn blank_tail_is_erased_to_end_of_row() {
        let mut prev = Buffer::empty(Rect::new(0, 0, 20, 1));
        prev.set_string(0, 0, "稀土新材料高地产业园", Style::default());
        let mut next = Buffer::empty(Rect::new(0, 0, 20, 1));
        next.set_string(0, 0, "稀土", Style::default());
        let out = frame_of(&prev, &next);
        assert_eq!(out, "\x1b[?2026h\x1b[1;5H\x1b[m\x1b[K\x1b[?2026l");
    }

    #[test]
    fn one_sgr_per_change_and_none_to_restate() {
        let prev = Buffer::empty(Rect::new(0, 0, 10, 1));
        let mut next = prev.clone();
        let bold_red = Style::default()
            .fg(Color::Red)
            .bg(Color::Indexed(12))
            .bold();
        next.set_string(0, 0, "ab", bold_red);
        next.set_string(2, 0, "c", Style::default().fg(Color::Red));
        let out = frame_of(&prev, &next);
        assert_eq!(
            out,
            "\x1b[?2026h\x1b[1H\x1b[;1;31;104mab\x1b[;31mc\x1b[?2026l"
        );
    }
}
