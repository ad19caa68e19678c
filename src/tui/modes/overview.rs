//! `O`: the archive at a glance — articles per month across the archive, the parks
//! ranked by their articles (the top 20, as bars, with the numbers that take you to
//! them), the sources with their counts and date spans. The scope key switches
//! between the whole span and the last 12 months. Its state, keys and drawing; the
//! numbers are `core::stats`'s, as `yuanqu stats` prints them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use crate::core::collection::Collection;
use crate::core::layout::AmbiguousWidth;
use crate::core::stats::{stats, MonthSpan, Stats};
use crate::tui::action::{Action, ViewOutcome};
use crate::tui::input::keymap::Keymap;
use crate::tui::paint::charts::{
    blit, counted, months_height, months_title, text_row, LabelledBars, MonthsChart,
};
use crate::tui::paint::{fit, paint_title, render_pane};
use crate::tui::theme::{Element, Theme};

/// Parks ranked in the picture.
pub const RANKED: usize = 20;

#[derive(Debug, Clone)]
pub struct Overview {
    /// The last 12 months of the archive rather than all of it.
    pub last_year: bool,
    pub stats: Stats,
    /// The top parks: their number in the parks pane (1-based), name and articles.
    pub ranked: Vec<(usize, String, usize)>,
    /// The first row of the page shown.
    pub scroll: usize,
}

impl Overview {
    pub fn new(collection: &Collection, last_year: bool) -> Overview {
        let span = if last_year {
            crate::core::stats::months_of(&collection.articles).map(|s| s.last_months(12))
        } else {
            None
        };
        let stats = stats(collection, |_| true, span);
        let ranked = stats
            .parks
            .iter()
            .take(RANKED)
            .filter_map(|p| {
                let number = collection.parks.iter().position(|g| g.name == p.name)? + 1;
                Some((number, p.name.clone(), p.articles))
            })
            .collect();
        Overview {
            last_year,
            stats,
            ranked,
            scroll: 0,
        }
    }

    fn span(&self) -> Option<MonthSpan> {
        self.stats.span
    }
}

impl Overview {
    /// j/k/Space/b/g/G scroll, the scope key switches between the whole span and the
    /// last 12 months, a park's number closes the view and goes there, Esc, q or O
    /// close; the view's page is `width` × `height`.
    pub fn handle(
        &mut self,
        action: Action,
        width: u16,
        height: u16,
        collection: &Collection,
    ) -> ViewOutcome {
        if action == Action::TableScope {
            let scroll = self.scroll;
            *self = Overview::new(collection, !self.last_year);
            self.scroll = scroll;
        }
        let max = usize::from(page(self, width, height).height.saturating_sub(height));
        let rows = height.max(2) as isize - 1;
        let mut scroll_by = |delta: isize| {
            self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        };
        match action {
            Action::Down => scroll_by(1),
            Action::Up => scroll_by(-1),
            Action::PageDown | Action::HalfPageDown => scroll_by(rows),
            Action::PageUp | Action::HalfPageUp => scroll_by(-rows),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = max,
            Action::TableScope => self.scroll = self.scroll.min(max),
            Action::Park(_) | Action::ParkDigit(_) => return ViewOutcome::CloseAndPassOn,
            Action::Overview | Action::Close | Action::Quit => return ViewOutcome::Close,
            action if action.reaches_through_views() => return ViewOutcome::PassOn,
            _ => {}
        }
        ViewOutcome::Handled
    }

    /// After the screen changed size: the page stays within its end.
    pub fn fit_to(&mut self, width: u16, height: u16) {
        let max = usize::from(page(self, width, height).height.saturating_sub(height));
        self.scroll = self.scroll.min(max);
    }
}

struct Page {
    months: Rect,
    parks: Rect,
    sources: Rect,
    height: u16,
}

/// Header, months, then parks and sources side by side where the width allows.
fn page(v: &Overview, width: u16, height: u16) -> Page {
    let months = Rect::new(0, 4, width, months_height(height));
    let below = months.bottom() + 1;
    let parks_rows = (v.ranked.len() as u16).max(1);
    let sources_rows = (v.stats.sources.len() as u16).max(1);
    let (parks, sources) = if width >= 70 {
        let left = width * 3 / 5;
        (
            Rect::new(0, below + 1, left.saturating_sub(2), parks_rows),
            Rect::new(left, below + 1, width - left, sources_rows),
        )
    } else {
        let parks = Rect::new(0, below + 1, width, parks_rows);
        (parks, Rect::new(0, parks.bottom() + 2, width, sources_rows))
    };
    Page {
        months,
        parks,
        sources,
        height: parks.bottom().max(sources.bottom()),
    }
}

impl Overview {
    /// The keys that work here, from the live keymap, for the bottom border.
    pub fn hint(keymap: &Keymap) -> String {
        let key = |action| keymap.hint(action);
        format!(
            " {}/{} scroll · a park's number goes there · {} back ",
            key(Action::Down),
            key(Action::Up),
            key(Action::Close)
        )
    }
}

pub struct OverviewWidget<'a> {
    pub view: &'a Overview,
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
    /// The scope key's name, for the hint.
    pub scope_key: String,
    /// The keys that work here, on the bottom border.
    pub hint: String,
}

impl Widget for OverviewWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (v, theme, amb) = (self.view, self.theme, self.amb);
        Clear.render(area, buf);
        let inner = render_pane("档案 Archive at a glance", true, theme, amb, area, buf);
        paint_title(&Line::from(self.hint.as_str()), area, true, buf, amb);
        if inner.is_empty() {
            return;
        }
        let layout = page(v, inner.width, inner.height);
        let mut sheet = Buffer::empty(Rect::new(0, 0, inner.width, layout.height));
        draw_page(&self, &layout, &mut sheet);
        blit(&sheet, v.scroll, inner, buf);
    }
}

fn draw_page(widget: &OverviewWidget, page: &Page, buf: &mut Buffer) {
    let (v, theme, amb) = (widget.view, widget.theme, widget.amb);
    let width = buf.area.width;
    let s = &v.stats;
    let heading = theme.style(Element::Heading);
    let span = v.span().map_or_else(
        || "undated".to_string(),
        |m| format!("{} … {}", m.first, m.last),
    );
    let counts = format!(
        "{} · {} · {} · {span}",
        counted(s.articles, "article"),
        counted(s.parks.len(), "park"),
        counted(s.sources.len(), "source")
    );
    let counts = Line::styled(
        fit(&counts, usize::from(width), amb),
        theme.style(Element::Title),
    );
    text_row(buf, 0, 0, width, counts, amb);
    let key = &widget.scope_key;
    let scope = if v.last_year {
        format!("scope: the last 12 months ({key}: the whole span)")
    } else {
        format!("scope: the whole span ({key}: the last 12 months)")
    };
    text_row(
        buf,
        0,
        1,
        width,
        Line::from(fit(&scope, usize::from(width), amb)),
        amb,
    );
    let title = Line::styled(months_title(&s.months, width, amb), heading);
    text_row(buf, 0, page.months.y - 1, width, title, amb);
    MonthsChart {
        months: &s.months,
        marked: None,
        theme,
        amb,
    }
    .render(page.months, buf);
    let parks_title = format!(
        "园区 parks by articles (top {}; type a number to go there)",
        v.ranked.len()
    );
    let parks_title = Line::styled(
        fit(&parks_title, usize::from(page.parks.width), amb),
        heading,
    );
    text_row(buf, 0, page.parks.y - 1, page.parks.width, parks_title, amb);
    let rows: Vec<(String, u64)> = v
        .ranked
        .iter()
        .map(|(n, name, count)| (format!("{n:>3} {name}"), *count as u64))
        .collect();
    LabelledBars {
        rows: &rows,
        theme,
        amb,
    }
    .render(page.parks, buf);
    let area = page.sources;
    let title = Line::styled("来源 sources: articles, dates", heading);
    text_row(buf, area.x, area.y - 1, area.width, title, amb);
    for (i, source) in s.sources.iter().enumerate().take(usize::from(area.height)) {
        let span = source.span.map_or_else(
            || "undated".to_string(),
            |d| format!("{} … {}", d.first, d.last),
        );
        let text = format!("{} {}  {span}", source.name, source.articles);
        let line = Line::from(fit(&text, usize::from(area.width), amb));
        text_row(buf, area.x, area.y + i as u16, area.width, line, amb);
    }
}
