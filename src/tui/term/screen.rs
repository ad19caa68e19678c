//! The screen as the terminal has it: ratatui's two buffers and cell diff, written
//! through the lean writer, and terminal scrolling where it pays.
//!
//! When rows of the new frame are rows of the last one moved up or down (a scroll in
//! a region that spans the full width: zoom, the one-pane layout, or any layout where
//! it happens), the terminal is scrolled (DECSTBM + SU/SD, region reset) and ratatui's
//! previous buffer is shifted the same way, so the diff then sends only the rows that
//! came into view and whatever else changed. Only whole rows scroll (tmux accepts no
//! left/right margins from programs), so the choice is made on whole rows: a pane
//! beside others scrolls only if that still costs less than redrawing it, which in
//! practice means it is redrawn. `[terminal] scroll_region = false` turns it off.

use std::io::{self, Write};

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

use unicode_width::UnicodeWidthStr;

use crate::tui::term::lean_backend::LeanWriter;

/// Bytes the scroll sequences cost; a scroll must save more than this.
const SCROLL_OVERHEAD: i64 = 16;
/// Candidate shifts tried per frame, the most common among matching rows first.
const CANDIDATES: usize = 3;

pub struct Screen<W: Write> {
    writer: LeanWriter<W>,
    previous: Buffer,
    current: Buffer,
    scroll_region: bool,
}

/// A scroll the terminal is asked to do: rows `top..=bottom`, `amount` rows up
/// (negative: down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub amount: i32,
}

impl<W: Write> Screen<W> {
    /// A screen of `width` × `height` whose terminal content is unknown: the first
    /// frame clears it.
    pub fn new(out: W, width: u16, height: u16, scroll_region: bool) -> Screen<W> {
        let area = Rect::new(0, 0, width, height);
        let mut screen = Screen {
            writer: LeanWriter::new(out),
            previous: Buffer::empty(area),
            current: Buffer::empty(area),
            scroll_region,
        };
        screen.clear();
        screen
    }

    pub fn area(&self) -> Rect {
        self.previous.area
    }

    /// Repaint from scratch: erase the terminal and forget the last frame.
    pub fn clear(&mut self) {
        self.writer.forget();
        self.writer.clear();
        self.previous.reset();
    }

    /// A new size: the terminal's content is not to be trusted, so repaint.
    pub fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        self.previous = Buffer::empty(area);
        self.current = Buffer::empty(area);
        self.writer.clear();
    }

    /// After another program had the terminal (suspend): repaint all.
    pub fn forget(&mut self) {
        self.clear();
    }

    /// Draw a frame: render into the new buffer, scroll the terminal if that pays,
    /// send the diff. Returns the bytes written (0 when nothing changed).
    pub fn draw(&mut self, render: impl FnOnce(Rect, &mut Buffer)) -> io::Result<usize> {
        let area = self.current.area;
        self.current.reset();
        render(area, &mut self.current);
        if self.scroll_region {
            if let Some(scroll) = find_scroll(&self.previous, &self.current) {
                self.writer
                    .scroll(scroll.top, scroll.bottom, scroll.amount, area.height);
                shift_rows(&mut self.previous, scroll);
            }
        }
        let mut updates = self.previous.diff(&self.current);
        add_orphaned_halves(&self.previous, &self.current, &mut updates);
        self.writer.draw(&self.current, &updates);
        self.writer.hide_cursor();
        std::mem::swap(&mut self.previous, &mut self.current);
        self.writer.end_frame()
    }

    /// The frame last drawn, as the terminal should now show it.
    pub fn last_frame(&self) -> &Buffer {
        &self.previous
    }

    pub fn writer_mut(&mut self) -> &mut LeanWriter<W> {
        &mut self.writer
    }

    pub fn writer(&self) -> &LeanWriter<W> {
        &self.writer
    }
}

/// Writing over one half of a wide character leaves the other half blank, with that
/// character's attributes in some terminals (an underline under nothing): redraw
/// such halves when the diff does not already.
fn add_orphaned_halves<'a>(
    prev: &Buffer,
    next: &'a Buffer,
    updates: &mut Vec<(u16, u16, &'a Cell)>,
) {
    let width = prev.area.width;
    let wide_at = |x: u16, y: u16| prev.cell((x, y)).is_some_and(|c| c.symbol().width() > 1);
    let mut extra = Vec::new();
    for &(x, y, cell) in updates.iter() {
        let end = x + (cell.symbol().width().max(1) as u16) - 1;
        if end + 1 < width && wide_at(end, y) {
            extra.push((end + 1, y));
        }
        // Unless x - 1 is itself the right half of a new wide character.
        let covered = x > 1
            && next
                .cell((x - 2, y))
                .is_some_and(|c| c.symbol().width() > 1);
        if x > 0 && wide_at(x - 1, y) && !covered {
            extra.push((x - 1, y));
        }
    }
    if extra.is_empty() {
        return;
    }
    // The diff is in row order: look cells up by binary search, not one by one.
    extra.sort_by_key(|&(x, y)| (y, x));
    extra.dedup();
    let known = |x: u16, y: u16, list: &[(u16, u16, &Cell)]| {
        list.binary_search_by_key(&(y, x), |&(ux, uy, _)| (uy, ux))
            .is_ok()
    };
    let missing: Vec<(u16, u16, &'a Cell)> = extra
        .into_iter()
        .filter(|&(x, y)| !known(x, y, updates))
        .filter_map(|(x, y)| next.cell((x, y)).map(|cell| (x, y, cell)))
        .collect();
    if missing.is_empty() {
        return;
    }
    updates.extend(missing);
    updates.sort_by_key(|&(x, y, _)| (y, x));
}

/// What the terminal does to `buffer` on `scroll`: rows move, the rows that come in
/// are blank.
pub fn shift_rows(buffer: &mut Buffer, scroll: Scroll) {
    let width = usize::from(buffer.area.width);
    let (top, bottom) = (usize::from(scroll.top), usize::from(scroll.bottom));
    let n = scroll.amount.unsigned_abs() as usize;
    let rows = bottom + 1 - top;
    let band = &mut buffer.content[top * width..(bottom + 1) * width];
    if n >= rows {
        band.fill(Cell::EMPTY);
    } else if scroll.amount > 0 {
        band.rotate_left(n * width);
        band[(rows - n) * width..].fill(Cell::EMPTY);
    } else {
        band.rotate_right(n * width);
        band[..n * width].fill(Cell::EMPTY);
    }
}

/// About the bytes the writer spends to turn row `from` into row `to`: the symbols of
/// the cells that differ, a cursor move before each run of them and a style sequence
/// at each change of style (borders and figures cost more than their glyphs).
fn row_cost(from: &[Cell], to: &[Cell]) -> i64 {
    let mut cost = 0;
    let mut last: Option<(usize, &Cell)> = None;
    for (x, (a, b)) in from.iter().zip(to).enumerate() {
        if a == b {
            continue;
        }
        cost += b.symbol().len().max(1) as i64;
        match last {
            Some((lx, _)) if lx + 1 == x => {}
            _ => cost += 5,
        }
        let same_style =
            last.is_some_and(|(_, l)| (l.fg, l.bg, l.modifier) == (b.fg, b.bg, b.modifier));
        if !same_style {
            cost += 8;
        }
        last = Some((x, b));
    }
    cost
}

fn row_hash(cells: &[Cell]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for cell in cells {
        cell.symbol().hash(&mut hasher);
        (cell.fg, cell.bg, cell.modifier).hash(&mut hasher);
    }
    hasher.finish()
}

fn blank_cost(to: &[Cell]) -> i64 {
    let blank = vec![Cell::EMPTY; to.len()];
    row_cost(&blank, to)
}

/// Row `r` of a buffer `width` cells wide.
fn row_of(b: &Buffer, r: usize, width: usize) -> &[Cell] {
    &b.content[r * width..(r + 1) * width]
}

/// The scroll that saves most bytes over plain redrawing, if any saves enough.
pub fn find_scroll(prev: &Buffer, next: &Buffer) -> Option<Scroll> {
    if prev.area != next.area || prev.area.width == 0 {
        return None;
    }
    let width = usize::from(prev.area.width);
    let height = usize::from(prev.area.height);
    let mut votes = shift_votes(prev, next, width, height);
    if votes.is_empty() {
        return None;
    }
    votes.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), k.unsigned_abs()));
    let row = |b, r| row_of(b, r, width);
    let stay: Vec<i64> = (0..height)
        .map(|r| row_cost(row(prev, r), row(next, r)))
        .collect();
    let blank: Vec<i64> = (0..height).map(|r| blank_cost(row(next, r))).collect();
    let fresh: Vec<i64> = (0..height).map(|r| stay[r] - blank[r]).collect();
    let mut best: Option<(i64, Scroll)> = None;
    for &(k, _) in votes.iter().take(CANDIDATES) {
        // gain[r]: what row r saves when it shows old row r + k; fresh[r]: when blank.
        // Only rows whose source is on screen are ever summed; the others stay 0.
        let moved: Vec<i64> = (0..height)
            .map(|r| match usize::try_from(r as i64 + i64::from(k)) {
                Ok(s) if s < height => stay[r] - row_cost(row(prev, s), row(next, r)),
                _ => 0,
            })
            .collect();
        if let Some(found) = best_band(k, &moved, &fresh) {
            if best.is_none_or(|(g, _)| found.0 > g) {
                best = Some(found);
            }
        }
    }
    best.map(|(_, scroll)| scroll)
}

/// Shifts under which some changed, non-blank row of the new frame is a row of the
/// old, with how many rows each; rows compared by hash first (a frame is compared
/// with every row of the last).
fn shift_votes(prev: &Buffer, next: &Buffer, width: usize, height: usize) -> Vec<(i32, usize)> {
    let row = |b, r| row_of(b, r, width);
    let old_hashes: Vec<u64> = (0..height).map(|r| row_hash(row(prev, r))).collect();
    let new_hashes: Vec<u64> = (0..height).map(|r| row_hash(row(next, r))).collect();
    let blank_hash = row_hash(&vec![Cell::EMPTY; width]);
    let mut votes: Vec<(i32, usize)> = Vec::new();
    for r in 0..height {
        if new_hashes[r] == old_hashes[r] || new_hashes[r] == blank_hash {
            continue;
        }
        for (s, old) in old_hashes.iter().enumerate() {
            if s != r && *old == new_hashes[r] && row(prev, s) == row(next, r) {
                let k = s as i32 - r as i32;
                match votes.iter_mut().find(|(v, _)| *v == k) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((k, 1)),
                }
            }
        }
    }
    votes
}

/// The band that a scroll by `k` rows saves most in, and what it saves, if anything:
/// `moved[r]` is what row r saves showing a moved row, `fresh[r]` showing a blank one.
fn best_band(k: i32, moved: &[i64], fresh: &[i64]) -> Option<(i64, Scroll)> {
    let height = moved.len();
    let n = k.unsigned_abs() as usize;
    // Prefix sums: the gain of any band is then two subtractions.
    let prefix = |v: &[i64]| -> Vec<i64> {
        std::iter::once(0)
            .chain(v.iter().scan(0, |acc, x| {
                *acc += x;
                Some(*acc)
            }))
            .collect()
    };
    let (moved_sum, fresh_sum) = (prefix(moved), prefix(fresh));
    let sum = |p: &[i64], from: usize, to: usize| p[to + 1] - p[from];
    let mut best: Option<(i64, Scroll)> = None;
    for top in 0..height {
        for bottom in top + n..height {
            // Up: rows top..=bottom-n show moved rows, the last n come in blank.
            // Down: the first n come in blank, the rest show moved rows.
            let gain = if k > 0 {
                sum(&moved_sum, top, bottom - n) + sum(&fresh_sum, bottom + 1 - n, bottom)
            } else {
                sum(&moved_sum, top + n, bottom) + sum(&fresh_sum, top, top + n - 1)
            } - SCROLL_OVERHEAD;
            if gain > 0 && best.is_none_or(|(g, _)| gain > g) {
                let scroll = Scroll {
                    top: top as u16,
                    bottom: bottom as u16,
                    amount: k,
                };
                best = Some((gain, scroll));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use crate::tui::term::screen::*;
    use ratatui::style::Style;

    /// Rows of distinct text: row r shows line `first + r`.
    fn lines(width: u16, height: u16, first: usize, left: Option<&str>) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, width, height));
        for r in 0..height {
            let x = match left {
                Some(text) => {
                    b.set_string(0, r, format!("{text}{r:02}"), Style::default());
                    20
                }
                None => 0,
            };
            let line = format!("第{}行园区稀土新材料产业", first + usize::from(r));
            b.set_string(x, r, line, Style::default());
        }
        b
    }

    #[test]
    fn a_full_width_scroll_is_found_and_mirrored() {
        let prev = lines(60, 10, 0, None);
        let next = lines(60, 10, 1, None);
        let scroll = find_scroll(&prev, &next).expect("a scroll");
        assert_eq!(scroll.amount, 1);
        let mut shifted = prev.clone();
        shift_rows(&mut shifted, scroll);
        // Only the row that came in differs now.
        let changed: Vec<u16> = shifted.diff(&next).iter().map(|(_, y, _)| *y).collect();
        assert!(changed.iter().all(|&y| y == scroll.bottom), "{changed:?}");
        let back = find_scroll(&next, &prev).expect("a scroll back");
        assert_eq!(back.amount, -1);
    }

    #[test]
    fn a_pane_beside_other_content_is_redrawn() {
        // The left 20 columns hold rows that do not move: scrolling whole rows would
        // break them all.
        let prev = lines(60, 10, 0, Some("左栏内容不同"));
        let next = lines(60, 10, 1, Some("左栏内容不同"));
        assert_eq!(find_scroll(&prev, &next), None);
    }
}
