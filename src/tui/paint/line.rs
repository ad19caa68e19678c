//! Lines in cells: text cut to a width with `…`, padded, painted with the configured
//! ambiguous width; a pane's frame and its title.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use unicode_segmentation::UnicodeSegmentation;

use crate::core::layout::{char_width, str_width, AmbiguousWidth};
use crate::tui::theme::{Element, Theme};

/// The mark a cut text ends with.
pub const ELLIPSIS: &str = "…";

/// `text` cut to `width` cells, with `…` when something was cut.
pub fn fit(text: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    if str_width(text, ambiguous) <= width {
        return text.to_string();
    }
    let mark = str_width(ELLIPSIS, ambiguous);
    if width < mark {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = str_width(g, ambiguous);
        if used + w + mark > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push_str(ELLIPSIS);
    out
}

/// `text` padded with spaces to `width` cells.
pub fn pad_to(text: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    let pad = width.saturating_sub(str_width(text, ambiguous));
    format!("{text}{}", " ".repeat(pad))
}

/// Draw `line` in the one-row `area`, left-aligned. Text goes through ratatui's
/// string drawing, which drops control characters. With wide ambiguous characters
/// each one is followed by a skipped cell, so the terminal's wide glyph is not
/// overdrawn and the rest of the row stays where it is measured to be.
pub fn paint_line(line: &Line, area: Rect, buf: &mut Buffer, ambiguous: AmbiguousWidth) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    match ambiguous {
        AmbiguousWidth::Narrow => line.render(area, buf),
        AmbiguousWidth::Wide => {
            let area = Rect { height: 1, ..area };
            buf.set_style(area, line.style);
            let mut col = area.x;
            for span in &line.spans {
                let style = line.style.patch(span.style);
                for c in span.content.chars() {
                    let cells = char_width(c, AmbiguousWidth::Wide) as u16;
                    if cells == 0 {
                        continue;
                    }
                    if col + cells > area.right() {
                        return;
                    }
                    let mut tmp = [0u8; 4];
                    let (next, _) = buf.set_stringn(
                        col,
                        area.y,
                        c.encode_utf8(&mut tmp),
                        usize::from(cells),
                        style,
                    );
                    if next < col + cells {
                        // Ratatui counts this one narrow; the terminal draws it wide.
                        for skip in next..col + cells {
                            buf[(skip, area.y)].set_diff_option(CellDiffOption::Skip);
                        }
                    }
                    col += cells;
                }
            }
        }
    }
}

/// A pane's frame: focused panes get the bold, coloured border and a `▶` in the
/// title. Draws the frame and its title; returns the area inside.
pub fn render_pane(
    title: &str,
    focused: bool,
    theme: &Theme,
    ambiguous: AmbiguousWidth,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let (border, marker, kind) = if focused {
        (theme.style(Element::BorderFocused), "▶ ", BorderType::Thick)
    } else {
        (theme.style(Element::Border), "", BorderType::Plain)
    };
    let block = frame(kind, ambiguous).border_style(border);
    let inner = block.inner(area);
    block.render(area, buf);
    let title_style: Style = theme.style(Element::PaneTitle);
    paint_title(
        &Line::styled(format!(" {marker}{title} "), title_style),
        area,
        false,
        buf,
        ambiguous,
    );
    inner
}

/// A bordered block. Box-drawing characters are ambiguous-width, so in wide mode the
/// border is ASCII, which every terminal draws one cell wide.
pub fn frame(kind: BorderType, ambiguous: AmbiguousWidth) -> Block<'static> {
    let block = Block::default().borders(Borders::ALL);
    match ambiguous {
        AmbiguousWidth::Narrow => block.border_type(kind),
        AmbiguousWidth::Wide => {
            let horizontal = if kind == BorderType::Thick { "=" } else { "-" };
            block.border_set(border::Set {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical_left: "|",
                vertical_right: "|",
                horizontal_top: horizontal,
                horizontal_bottom: horizontal,
            })
        }
    }
}

/// A title on the top (or bottom) border of a framed `area`, inside its corners,
/// where ratatui's `Block` puts a left-aligned title.
pub fn paint_title(
    line: &Line,
    area: Rect,
    bottom: bool,
    buf: &mut Buffer,
    ambiguous: AmbiguousWidth,
) {
    if area.width < 2 || area.height == 0 {
        return;
    }
    let room = area.width - 2;
    let width = (str_width(&line.to_string(), ambiguous).min(usize::from(room))) as u16;
    let y = if bottom { area.bottom() - 1 } else { area.y };
    paint_line(
        line,
        Rect {
            x: area.x + 1,
            y,
            width,
            height: 1,
        },
        buf,
        ambiguous,
    );
}

/// Where a view of `height` rows from row `first` stands in a list of `len` rows
/// (`11–20/57`), on the bottom border of `area`, when the list is longer than the view.
pub fn paint_position(
    first: usize,
    height: usize,
    len: usize,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    amb: AmbiguousWidth,
) {
    if len <= height {
        return;
    }
    let mark = format!(" {}–{}/{len} ", first + 1, (first + height).min(len));
    let w = str_width(&mark, amb) as u16;
    let at = Rect {
        x: area.right().saturating_sub(w + 1).max(area.x),
        y: area.bottom().saturating_sub(1),
        width: w.min(area.width),
        height: 1,
    };
    paint_line(
        &Line::styled(mark, theme.style(Element::PaneTitle)),
        at,
        buf,
        amb,
    );
}

#[cfg(test)]
mod tests {
    use crate::tui::paint::line::*;
    use AmbiguousWidth::{Narrow, Wide};

    #[test]
    fn fit_cuts_by_cells() {
        assert_eq!(fit("赣州高新区", 10, Narrow), "赣州高新区");
        assert_eq!(fit("赣州高新区", 9, Narrow), "赣州高新…");
        assert_eq!(fit("赣州高新区", 8, Narrow), "赣州高…");
        assert_eq!(fit("abc", 0, Narrow), "");
    }

    #[test]
    fn fit_measures_ambiguous_chars_and_the_mark_wide() {
        // “ and … take two cells each in wide mode.
        assert_eq!(str_width("“中”", Wide), 6);
        assert_eq!(str_width("“中”", Narrow), 4);
        assert_eq!(fit("“中”abc", 7, Narrow), "“中”abc");
        assert_eq!(fit("“中”abc", 7, Wide), "“中…");
        assert_eq!(fit("“中”abc", 8, Wide), "“中”…");
        assert_eq!(fit("abcdef", 4, Wide), "ab…");
        assert_eq!(fit("abcdef", 1, Wide), "");
        assert!(str_width(&fit("▶ 园区 · 一二三四", 9, Wide), Wide) <= 9);
    }

    #[test]
    fn wide_lines_skip_the_cell_after_an_ambiguous_char() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        paint_line(&Line::from("▶a…b"), buf.area, &mut buf, Wide);
        let symbols: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols, ["▶", " ", "a", "…", " ", "b"]);
        assert_eq!(buf.content[1].diff_option, CellDiffOption::Skip);
        assert_eq!(buf.content[4].diff_option, CellDiffOption::Skip);
        let mut narrow = Buffer::empty(Rect::new(0, 0, 6, 1));
        paint_line(&Line::from("▶a…b"), narrow.area, &mut narrow, Narrow);
        let symbols: Vec<&str> = narrow.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(symbols, ["▶", "a", "…", "b", " ", " "]);
    }
}
