//! The parks pane: numbered parks with article counts, the expanded park's articles.
//!
//! The list keeps a scroll offset between frames: the view moves only when the cursor
//! would leave it, so the cursor moves freely through a screenful of rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::core::layout::str_width;
use crate::core::layout::AmbiguousWidth;
use crate::core::sanitize::escape_for_terminal;
use crate::core::Article;
use crate::tui::app::{App, Focus, ParkItem};
use crate::tui::paint::{fit, pad_to, paint_line, render_pane};
use crate::tui::theme::Element;

/// The mark before an unread article's branch.
pub const UNREAD: &str = "•";
/// The mark before a starred article's title.
pub const STAR: &str = "★";

pub struct ParksPane<'a> {
    pub app: &'a App,
}

impl Widget for ParksPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let theme = &app.theme;
        let amb = app.config.ambiguous;
        let focused = app.focus == Focus::Parks;
        let inner = render_pane("园区 Parks", focused, theme, amb, area, buf);
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        let items = app.park_items();
        if items.is_empty() {
            let empty = if app.finder().is_some() {
                "(no park matches)"
            } else {
                "(no articles)"
            };
            paint_line(&Line::from(empty), inner, buf, amb);
            return;
        }
        let rows = Rows {
            app,
            amb,
            width: inner.width as usize,
            // ▶ is ambiguous: two cells in wide mode, and the rows without it match.
            marker_width: str_width("▶", amb),
            // Every park has its number, all as wide as the largest.
            number_width: app.collection.parks.len().max(1).to_string().len(),
        };
        // The offset `update` keeps, so the cursor moves within the view.
        let first = app.parks_offset.first();
        let shown = items.iter().enumerate().skip(first);
        for (row, (index, item)) in shown.take(inner.height as usize).enumerate() {
            let at_cursor = index == app.parks_cursor;
            let marker = pad_to(if at_cursor { "▶" } else { "" }, rows.marker_width, amb);
            let line = match *item {
                ParkItem::Park(park) => rows.park(park, marker),
                ParkItem::Article { park, article } => {
                    // The last row of the park's listing (unread only may list fewer).
                    let last = !matches!(
                        items.get(index + 1),
                        Some(ParkItem::Article { .. } | ParkItem::More { .. })
                    );
                    rows.article(park, article, last, marker)
                }
                ParkItem::More { hidden, .. } => rows.more(hidden, marker),
            };
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            paint_line(&line, row_area, buf, amb);
            if at_cursor && focused {
                buf.set_style(row_area, theme.style(Element::Selection));
            }
        }
    }
}

/// What every row of the pane is measured with.
struct Rows<'a> {
    app: &'a App,
    amb: AmbiguousWidth,
    width: usize,
    marker_width: usize,
    number_width: usize,
}

impl Rows<'_> {
    /// A park's row: its number, its name, its unread and all articles.
    fn park(&self, park: usize, marker: String) -> Line<'static> {
        let (app, amb, theme) = (self.app, self.amb, &self.app.theme);
        let group = &app.collection.parks[park];
        let number = format!("{:>width$}", park + 1, width = self.number_width);
        let room = self
            .width
            .saturating_sub(self.marker_width + str_width(&number, amb) + 1);
        let count = park_count(
            app.unread_in_park(park),
            group.articles.len(),
            &group.name,
            room,
            amb,
        );
        let name_width = room.saturating_sub(str_width(&count, amb));
        let name = fit(&group.name, name_width, amb);
        let pad = " ".repeat(name_width.saturating_sub(str_width(&name, amb)));
        let mut name_style = theme.style(Element::Title);
        if park != app.park || app.finder().is_some() {
            name_style = name_style.remove_modifier(Modifier::BOLD);
        }
        Line::from(vec![
            Span::raw(marker),
            Span::styled(number, theme.style(Element::ParkNumber)),
            Span::raw(" "),
            Span::styled(name, name_style),
            Span::raw(pad),
            Span::styled(count, theme.style(Element::Count)),
        ])
    }

    /// An article's row under its park: branch, unread mark, date label, star, title.
    fn article(&self, park: usize, article: usize, last: bool, marker: String) -> Line<'static> {
        let (app, amb, theme) = (self.app, self.amb, &self.app.theme);
        let branch = if last { "└ " } else { "├ " };
        let shown = app.article() == Some(article);
        // Unread: a • where the branch has a space (a mark, not colour alone).
        let unread = if app.is_read(article) { " " } else { UNREAD };
        let branch = format!("{unread}{branch}");
        let room = self
            .width
            .saturating_sub(self.marker_width + str_width(&branch, amb));
        let star = if app.is_starred(article) { STAR } else { "" };
        let room = room.saturating_sub(str_width(star, amb));
        let (label, (title, tail)) = app
            .collection
            .articles
            .get(article)
            .map_or((String::new(), Default::default()), |a| {
                (article_label(a, room, amb), shown_title(app, park, a))
            });
        // The tail that tells alike rows apart stays; the title gives way.
        // The title keeps a few cells to read by.
        let after_label = room.saturating_sub(str_width(&label, amb));
        let tail = fit(
            &tail,
            after_label.saturating_sub(6.min(after_label / 2)),
            amb,
        );
        let title_room = room.saturating_sub(str_width(&label, amb) + str_width(&tail, amb));
        let text = format!("{}{tail}", fit(&title, title_room, amb));
        let mut style = theme.style(Element::Paragraph);
        if shown {
            style = style.add_modifier(Modifier::BOLD);
        }
        Line::from(vec![
            Span::raw(marker),
            Span::styled(branch, theme.style(Element::Count)),
            Span::styled(label, theme.style(Element::Count)),
            Span::styled(star, theme.style(Element::ParkNumber)),
            Span::styled(text, style),
        ])
    }

    /// The row under a long park's first articles.
    fn more(&self, hidden: usize, marker: String) -> Line<'static> {
        let room = self.width.saturating_sub(self.marker_width);
        let text = fit(&format!(" └ … {hidden} more"), room, self.amb);
        Line::from(vec![
            Span::raw(marker),
            Span::styled(text, self.app.theme.style(Element::Count)),
        ])
    }
}

/// Cells of a park's name (six Chinese characters) that tell most parks apart.
const NAME_CELLS_TO_READ: usize = 12;
/// Cells a park's name keeps before its count gives way to it entirely.
const MIN_NAME_CELLS: usize = 6;

/// A park row's count, as room (the cells after the number) allows: unread before total
/// ("2/5", as newsboat), or the unread alone with the article rows' unread mark ("•2").
/// The name comes first: the first of the two that shows the whole name, else
/// [`NAME_CELLS_TO_READ`] of it; else, of those that leave [`MIN_NAME_CELLS`], the one
/// that shows more of it (the full one when they show as much); else nothing. A park
/// with all read shows its total.
fn park_count(unread: usize, total: usize, name: &str, room: usize, amb: AmbiguousWidth) -> String {
    let (full, short) = match unread {
        0 => (format!(" {total}"), format!(" {total}")),
        n => (format!(" {n}/{total}"), format!(" {UNREAD}{n}")),
    };
    let leaves = |count: &str| room.saturating_sub(str_width(count, amb));
    // Wide characters fit whole or not at all: what shows is what counts.
    let shown = |count: &str| str_width(&fit(name, leaves(count), amb), amb);
    let name_cells = str_width(name, amb);
    let readable = [name_cells, name_cells.min(NAME_CELLS_TO_READ)]
        .into_iter()
        .find_map(|cells| [&full, &short].into_iter().find(|c| shown(c) >= cells));
    let most = || {
        [&full, &short]
            .into_iter()
            .filter(|c| leaves(c) >= MIN_NAME_CELLS)
            .reduce(|best, c| if shown(c) > shown(best) { c } else { best })
    };
    readable.or_else(most).cloned().unwrap_or_default()
}

/// Titles in one park often read alike: each article row starts with its date and
/// source, as room allows: both when 8 cells are left for the title, else the date
/// alone when 4 are, else neither. An undated article has no label: its file name is
/// no date (its title tells it apart, see [`shown_title`]).
fn article_label(article: &Article, room: usize, amb: AmbiguousWidth) -> String {
    let Some(date) = article.date.map(|d| d.to_string()) else {
        return String::new();
    };
    let source = short_source(&article.source);
    let both = if source.is_empty() {
        format!("{date} ")
    } else {
        format!("{date} {source} ")
    };
    if str_width(&both, amb) + 8 <= room {
        return both;
    }
    if date.len() + 1 + 4 <= room {
        format!("{date} ")
    } else {
        String::new()
    }
}

/// The title as the row shows it, and a tail that must show whatever room is left.
/// Where another article of the park has the same date and title (copies of one
/// headline, undated pages), the row shows what tells it apart: the title and
/// subtitle from a little before where they first differ; and where one has the
/// same subtitle too, the file's name as the tail.
fn shown_title(app: &App, park: usize, article: &Article) -> (String, String) {
    let Some(group) = app.collection.parks.get(park) else {
        return (article.title.clone(), String::new());
    };
    let alike: Vec<&Article> = group
        .articles
        .iter()
        .filter_map(|&a| app.collection.articles.get(a))
        .filter(|a| a.title == article.title && a.date == article.date && a.id != article.id)
        .collect();
    if alike.is_empty() {
        return (article.title.clone(), String::new());
    }
    let whole = |a: &Article| -> Vec<char> {
        let mut text = a.title.clone();
        if let Some(sub) = &a.subtitle {
            text.push(' ');
            text.push_str(sub);
        }
        text.chars().collect()
    };
    let mine = whole(article);
    let others: Vec<Vec<char>> = alike.iter().map(|a| whole(a)).collect();
    let shared = others
        .iter()
        .filter(|other| **other != mine)
        .map(|other| mine.iter().zip(other).take_while(|(x, y)| x == y).count())
        .max();
    let text = match shared {
        // Two characters before the difference, for a word to read.
        Some(at) if at < mine.len() => {
            let from = at.saturating_sub(2);
            let rest: String = mine[from..].iter().collect();
            if from == 0 {
                rest
            } else {
                format!("…{rest}")
            }
        }
        _ => article.title.clone(),
    };
    let same_words: Vec<&Article> = alike.iter().copied().filter(|a| whole(a) == mine).collect();
    let tail = if same_words.is_empty() {
        String::new()
    } else {
        format!("（{}）", telling_part_of_source(article, &same_words))
    };
    (text, tail)
}

/// The end of an article's file name from a character before where it first differs
/// from the others' (page-00046 beside page-00047: `…46`), so a narrow row shows it.
fn telling_part_of_source(article: &Article, others: &[&Article]) -> String {
    let mine: Vec<char> = source_without_date(&article.source).chars().collect();
    let shared = others
        .iter()
        .map(|a| {
            let theirs = source_without_date(&a.source);
            mine.iter()
                .zip(theirs.chars())
                .take_while(|(x, y)| **x == *y)
                .count()
        })
        .max()
        .unwrap_or(0);
    let from = shared.saturating_sub(1).min(mine.len().saturating_sub(1));
    let rest: String = mine[from..].iter().collect();
    let rest = escape_for_terminal(&rest);
    if from == 0 {
        rest
    } else {
        format!("…{rest}")
    }
}

/// A source file's name without its extension and without a leading date (shown
/// already beside it); the whole stem if it is nothing but a date. Not escaped.
pub fn source_without_date(source: &str) -> &str {
    let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_');
    if rest.is_empty() {
        stem
    } else {
        rest
    }
}

/// A source file's name as the parks pane shows it: without its extension and without a
/// leading date (the date is shown already), at most 12 characters; the whole stem if
/// it is nothing but a date.
pub fn short_source(source: &str) -> String {
    let name = source_without_date(source);
    let mut short: String = name.chars().take(12).collect();
    if name.chars().count() > 12 {
        short.pop();
        short.push('…');
    }
    escape_for_terminal(&short)
}

#[cfg(test)]
mod tests {
    use crate::core::layout::AmbiguousWidth::{Narrow, Wide};
    use crate::tui::view::parks::{park_count, short_source};

    #[test]
    fn the_park_name_comes_before_its_count() {
        // Ten cells, and thirty.
        const TEN: &str = "常州高新区";
        const LONG: &str = "广西壮族自治区南宁经济技术开发区";
        // Room for all: unread/total.
        assert_eq!(park_count(3, 51, TEN, 20, Narrow), " 3/51");
        assert_eq!(park_count(0, 51, TEN, 20, Narrow), " 51");
        // The whole name and the short form fit: •unread.
        assert_eq!(park_count(319, 319, TEN, 15, Narrow), " •319");
        // The name is cut, never below six cells.
        assert_eq!(park_count(319, 319, TEN, 11, Narrow), " •319");
        assert_eq!(park_count(319, 319, TEN, 10, Narrow), "");
        // All read: the total, or nothing.
        assert_eq!(park_count(0, 2000, TEN, 12, Narrow), " 2000");
        assert_eq!(park_count(0, 2000, TEN, 10, Narrow), "");
        // • is two cells where ambiguous characters are wide: then •5 saves nothing.
        assert_eq!(park_count(5, 9, TEN, 13, Narrow), " •5");
        assert_eq!(park_count(5, 9, TEN, 13, Wide), " 5/9");
        assert_eq!(park_count(5, 9, TEN, 14, Wide), " 5/9");
        // A long name keeps the full count while six characters of it show.
        assert_eq!(park_count(2, 7, LONG, 20, Narrow), " 2/7");
        assert_eq!(park_count(2, 7, LONG, 17, Narrow), " 2/7");
        // Else the one that shows more of it; as much either way, the full count.
        assert_eq!(park_count(2, 7, LONG, 16, Narrow), " •2");
        assert_eq!(park_count(2, 7, LONG, 15, Narrow), " 2/7");
        assert_eq!(park_count(2, 7, LONG, 9, Narrow), " •2");
        // 常州高新区 beside 319 unread in a narrow pane: •319, so that 常州高新… shows.
        assert_eq!(park_count(319, 319, TEN, 14, Narrow), " •319");
        assert_eq!(park_count(5, 9, TEN, 9, Wide), "");
    }

    #[test]
    fn sources_lose_extension_and_leading_date() {
        assert_eq!(short_source("2024-07-30-kjrb-yuanqu.txt"), "kjrb-yuanqu");
        assert_eq!(short_source("20240730.txt"), "20240730");
        assert_eq!(short_source("page-00001.txt"), "page-00001");
        assert_eq!(short_source("a-very-long-source-name.toml"), "a-very-long…");
        assert_eq!(short_source(""), "");
    }
}
