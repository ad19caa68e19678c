//! `i`: a park at a glance — its name, place and aliases, its articles per month
//! over the span of the archive (the open article's month marked), its articles by
//! source, its money over time and the ten largest figures of each unit; Enter on
//! one opens the article at the figure. Its state, keys and drawing. The numbers are
//! `core::stats`'s, as `yuanqu stats` prints them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::core::collection::Collection;
use crate::core::figures::format_amount;
use crate::core::layout::str_width;
use crate::core::layout::AmbiguousWidth;
use crate::core::parks::ParkRegistry;
use crate::core::stats::{stats, Month, ParkStats, UnitStats};
use crate::core::FigureKind;
use crate::tui::action::{Action, ViewOutcome};
use crate::tui::input::keymap::Keymap;
use crate::tui::paint::charts::{
    blit, counted, months_height, months_title, text_row, LabelledBars, MoneyChart, MonthsChart,
};
use crate::tui::paint::{fit, paint_title, render_pane};
use crate::tui::theme::{Element, Theme};

#[derive(Debug, Clone)]
pub struct ParkView {
    /// Index into the collection's parks.
    pub park: usize,
    pub stats: ParkStats,
    pub aliases: Vec<String>,
    /// The open article's month, marked under the months.
    pub marked: Option<Month>,
    /// The largest figures as listed: (index into `stats.units`, place in its top ten).
    pub rows: Vec<(usize, usize)>,
    pub cursor: usize,
    /// The first row of the page shown.
    pub scroll: usize,
}

impl ParkView {
    /// The view of park `park` of `collection` (its figures found), with `marked`
    /// (the open article's month) marked under the months.
    pub fn new(collection: &Collection, park: usize, marked: Option<Month>) -> Option<ParkView> {
        let group = collection.parks.get(park)?;
        // Over every article, so the park's months run over the archive's span.
        let all = stats(collection, |_| true, None);
        let park_stats = all.parks.into_iter().find(|p| p.name == group.name)?;
        let aliases = ParkRegistry::builtin()
            .lookup(&group.name)
            .map(|p| p.aliases.clone())
            .unwrap_or_default();
        let rows = park_stats
            .units
            .iter()
            .enumerate()
            .flat_map(|(u, unit)| (0..unit.top.len()).map(move |i| (u, i)))
            .collect();
        Some(ParkView {
            park,
            stats: park_stats,
            aliases,
            marked,
            rows,
            cursor: 0,
            scroll: 0,
        })
    }
}

/// The page's size on a screen of `screen`: inside the frame, above the status bar.
pub fn view_size(screen: Rect) -> (u16, u16) {
    (
        screen.width.saturating_sub(2),
        screen.height.saturating_sub(3),
    )
}

impl ParkView {
    /// j/k move through the largest figures (the page follows), Space/b page, g/G
    /// go to the ends, Enter opens the figure, Esc, q or i close; the view's page
    /// is `width` × `height`.
    pub fn handle(&mut self, action: Action, width: u16, height: u16) -> ViewOutcome {
        let layout = page(self, width, height);
        let rows = height.max(1) as isize;
        match action {
            Action::Down => self.step(1, &layout, height),
            Action::Up => self.step(-1, &layout, height),
            Action::PageDown | Action::HalfPageDown => self.scroll_by(rows - 1, &layout, height),
            Action::PageUp | Action::HalfPageUp => self.scroll_by(-(rows - 1), &layout, height),
            Action::Top => {
                self.cursor = 0;
                self.scroll = 0;
            }
            Action::Bottom => {
                self.cursor = self.rows.len().saturating_sub(1);
                self.scroll = layout.max_scroll(height);
            }
            // Only a figure in view is opened: the cursor's row may be below a short view.
            Action::Open if !self.shows(self.cursor, &layout, height) => {}
            Action::Open => {
                let Some(point) = self
                    .rows
                    .get(self.cursor)
                    .and_then(|&(unit, i)| self.stats.units.get(unit)?.top.get(i))
                else {
                    return ViewOutcome::Handled;
                };
                return ViewOutcome::OpenFigure {
                    article: point.article,
                    figure: point.figure,
                };
            }
            Action::ParkView | Action::Close | Action::Quit => return ViewOutcome::Close,
            action if action.reaches_through_views() => return ViewOutcome::PassOn,
            _ => {}
        }
        ViewOutcome::Handled
    }

    /// After the screen changed size: the page stays within its end.
    pub fn fit_to(&mut self, width: u16, height: u16) {
        let layout = page(self, width, height);
        self.scroll = self.scroll.min(layout.max_scroll(height));
    }
}

impl ParkView {
    /// Is listed figure `i` in view?
    fn shows(&self, i: usize, page: &Page, height: u16) -> bool {
        (self.scroll..self.scroll + usize::from(height)).contains(&page.row_of(self, i))
    }

    /// The cursor `delta` figures on; the page follows it. While the cursor's row is
    /// out of view, the page scrolls instead.
    fn step(&mut self, delta: isize, page: &Page, height: u16) {
        // Above the list (a short view), j and k scroll the page as a pager does.
        if self.rows.is_empty() || !self.shows(self.cursor, page, height) {
            return self.scroll_by(delta, page, height);
        }
        let last = self.rows.len() - 1;
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        let row = page.row_of(self, self.cursor);
        let height = usize::from(height.max(1));
        if row < self.scroll {
            // The unit's heading too, when this is its first figure.
            let first_of_unit =
                self.cursor == 0 || self.rows[self.cursor - 1].0 != self.rows[self.cursor].0;
            self.scroll = if first_of_unit {
                row.saturating_sub(1)
            } else {
                row
            };
        } else if row >= self.scroll + height {
            self.scroll = row + 1 - height;
        }
    }

    /// The page `delta` rows on; the cursor stays on a figure in view.
    fn scroll_by(&mut self, delta: isize, page: &Page, height: u16) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(page.max_scroll(height));
        let shown = self.scroll..self.scroll + usize::from(height);
        if !self.rows.is_empty() && !shown.contains(&page.row_of(self, self.cursor)) {
            let in_view = (0..self.rows.len()).filter(|&i| shown.contains(&page.row_of(self, i)));
            let nearest = if delta > 0 {
                in_view.min()
            } else {
                in_view.max()
            };
            if let Some(i) = nearest {
                self.cursor = i;
            }
        }
    }
}

/// Where each part of the page is, in page rows (x from 0).
struct Page {
    months: Rect,
    sources: Rect,
    money: Rect,
    /// The first row of the largest figures' list (its heading).
    list: u16,
    height: u16,
}

impl Page {
    fn max_scroll(&self, height: u16) -> usize {
        usize::from(self.height.saturating_sub(height))
    }

    /// The page row of listed figure `i`: after the list's heading, each unit's
    /// heading and the figures before it.
    fn row_of(&self, view: &ParkView, i: usize) -> usize {
        let units_so_far = view.rows.get(i).map_or(0, |&(u, _)| {
            view.stats.units[..=u]
                .iter()
                .filter(|x| !x.top.is_empty())
                .count()
        });
        usize::from(self.list) + 1 + units_so_far + i
    }
}

/// Rows of the header: name and place, aliases, counts.
const HEADER: u16 = 3;

/// Lay the page out for `width` columns and a view of `height` rows: header,
/// months, then money and sources side by side where the width allows (else one
/// under the other), then the list.
fn page(view: &ParkView, width: u16, height: u16) -> Page {
    // A short view keeps no blank row under the header.
    let top = if height < 30 { HEADER + 1 } else { HEADER + 2 };
    let months = Rect::new(0, top, width, months_height(height));
    let below = months.bottom();
    let sources_rows = (view.stats.sources.len() as u16).clamp(1, 10);
    let (sources, money, list) = if width >= 70 {
        // Side by side, as tall as leaves a few rows of the list in view.
        let block = height.saturating_sub(below + 4).clamp(7, 12);
        let left = width * 3 / 5;
        let money = Rect::new(0, below + 1, left.saturating_sub(2), block - 1);
        let sources = Rect::new(left, below + 1, width - left, sources_rows.min(block - 1));
        (sources, money, below + block + 1)
    } else {
        let sources = Rect::new(0, below + 1, width, sources_rows.min(5));
        let money = Rect::new(0, sources.bottom() + 1, width, 10);
        (sources, money, money.bottom() + 1)
    };
    let units = view
        .stats
        .units
        .iter()
        .filter(|u| !u.top.is_empty())
        .count() as u16;
    Page {
        months,
        sources,
        money,
        list,
        height: list + 1 + units + view.rows.len() as u16,
    }
}

impl ParkView {
    /// The keys that work here, from the live keymap, for the bottom border.
    pub fn hint(keymap: &Keymap) -> String {
        let key = |action| keymap.hint(action);
        format!(
            " {}/{} figures · {} opens · {} back ",
            key(Action::Down),
            key(Action::Up),
            key(Action::Open),
            key(Action::Close)
        )
    }
}

pub struct ParkViewWidget<'a> {
    pub view: &'a ParkView,
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
    /// The keys that work here, on the bottom border.
    pub hint: String,
}

impl Widget for ParkViewWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (v, theme, amb) = (self.view, self.theme, self.amb);
        Clear.render(area, buf);
        let title = format!("园区 Park · {}", v.stats.name);
        let inner = render_pane(&title, true, theme, amb, area, buf);
        paint_title(&Line::from(self.hint.as_str()), area, true, buf, amb);
        if inner.is_empty() {
            return;
        }
        let layout = page(v, inner.width, inner.height);
        let mut sheet = Buffer::empty(Rect::new(0, 0, inner.width, layout.height));
        draw_page(theme, amb, v, &layout, &mut sheet);
        blit(&sheet, v.scroll, inner, buf);
    }
}

fn draw_page(theme: &Theme, amb: AmbiguousWidth, v: &ParkView, page: &Page, buf: &mut Buffer) {
    let width = buf.area.width;
    let s = &v.stats;
    let heading = theme.style(Element::Heading);
    let place: Vec<&str> = [s.province.as_deref(), s.city.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let name = Line::from(vec![
        Span::styled(s.name.clone(), theme.style(Element::Title)),
        Span::raw(format!("  {}", place.join(" "))),
    ]);
    text_row(buf, 0, 0, width, name, amb);
    let aliases = if v.aliases.is_empty() {
        "别名 aliases: —".to_string()
    } else {
        format!("别名 aliases: {}", v.aliases.join("、"))
    };
    let aliases = fit(&aliases, usize::from(width), amb);
    text_row(buf, 0, 1, width, Line::from(aliases), amb);
    let span = s.span.map_or_else(
        || "undated".to_string(),
        |d| format!("{} … {}", d.first, d.last),
    );
    let counts = format!(
        "{} · {} · {} · {span}",
        counted(s.articles, "article"),
        counted(s.sources.len(), "source"),
        counted(s.figures, "figure")
    );
    let counts = fit(&counts, usize::from(width), amb);
    text_row(buf, 0, 2, width, Line::from(counts), amb);
    let months_title = Line::styled(months_title(&s.months, width, amb), heading);
    text_row(buf, 0, page.months.y - 1, width, months_title, amb);
    MonthsChart {
        months: &s.months,
        marked: v.marked,
        theme,
        amb,
    }
    .render(page.months, buf);
    draw_sources(theme, amb, v, page.sources, buf);
    draw_money(theme, amb, v, page.money, buf);
    draw_list(theme, amb, v, page, buf);
}

fn draw_sources(theme: &Theme, amb: AmbiguousWidth, v: &ParkView, area: Rect, buf: &mut Buffer) {
    let title = Line::styled("来源 by source", theme.style(Element::Heading));
    text_row(buf, area.x, area.y - 1, area.width, title, amb);
    let rows: Vec<(String, u64)> = v
        .stats
        .sources
        .iter()
        .map(|s| (s.name.clone(), s.articles as u64))
        .collect();
    LabelledBars {
        rows: &rows,
        theme,
        amb,
    }
    .render(area, buf);
}

fn draw_money(theme: &Theme, amb: AmbiguousWidth, v: &ParkView, area: Rect, buf: &mut Buffer) {
    let money = v.stats.units.iter().find(|u| u.kind == FigureKind::Money);
    let title = match money {
        Some(m) if !m.series.is_empty() => format!(
            "金额 money {} · {} dated{}",
            m.unit,
            m.series.len(),
            if MoneyChart::is_log(m) {
                " · log scale"
            } else {
                ""
            }
        ),
        _ => "金额 money: none dated".to_string(),
    };
    let title = Line::styled(
        fit(&title, usize::from(area.width), amb),
        theme.style(Element::Heading),
    );
    text_row(buf, area.x, area.y - 1, area.width, title, amb);
    if let Some(money) = money {
        MoneyChart { money, theme, amb }.render(area, buf);
    }
}

/// Each unit's heading (count, sum, largest), then its ten largest: value, date,
/// title; the cursor's row selected.
fn draw_list(theme: &Theme, amb: AmbiguousWidth, v: &ParkView, page: &Page, buf: &mut Buffer) {
    let width = buf.area.width;
    let heading = fit(
        "最大的数字 largest figures (Enter opens the article)",
        usize::from(width),
        amb,
    );
    let heading = Line::styled(heading, theme.style(Element::Heading));
    text_row(buf, 0, page.list, width, heading, amb);
    let mut y = page.list + 1;
    let mut listed = 0;
    for unit in v.stats.units.iter().filter(|u| !u.top.is_empty()) {
        let line = Line::from(fit(&unit_heading(unit), usize::from(width), amb));
        text_row(buf, 0, y, width, line, amb);
        y += 1;
        for point in &unit.top {
            let date = point
                .date
                .map_or_else(|| "-".to_string(), |d| d.to_string());
            let value = format_amount(point.value, unit.kind, &unit.unit);
            let pad = " ".repeat(10usize.saturating_sub(str_width(&value, amb)));
            let text = format!("  {pad}{value}  {date:<10}  {}", point.title);
            let style = if listed == v.cursor {
                theme.style(Element::Selection)
            } else {
                Style::default()
            };
            let line = Line::styled(fit(&text, usize::from(width), amb), style);
            text_row(buf, 0, y, width, line, amb);
            y += 1;
            listed += 1;
        }
    }
}

fn unit_heading(u: &UnitStats) -> String {
    format!(
        "{} {} · {} · sum {} · largest {}",
        u.kind.name(),
        u.unit,
        u.count,
        format_amount(u.sum, u.kind, &u.unit),
        format_amount(u.largest, u.kind, &u.unit)
    )
}
