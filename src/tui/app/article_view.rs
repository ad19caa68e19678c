//! The article view: the panes worked out for the screen, the shown article laid
//! out for its pane, and its scroll kept at the reading place.

use std::rc::Rc;

use crate::core::figures::FigureKind;
use crate::core::layout::{ArticleLayout, LayoutOptions, Part};
use crate::state::Anchor;
use crate::tui::app::panes::{self, Focus, PaneInputs, PaneSettings};
use crate::tui::app::reader::App;

impl App {
    /// What the pane geometry is worked out from.
    pub fn pane_inputs(&self) -> PaneInputs {
        PaneInputs {
            area: self.screen,
            settings: PaneSettings {
                parks_width: self.config.parks_width,
                highlights_width: self.config.highlights_width,
                reading_width: self
                    .config
                    .reading_width
                    .map(|w| u16::try_from(w).unwrap_or(u16::MAX)),
            },
            zoom: self.zoom,
            focus: self.focus,
            hidden: self.hidden,
            parks_rows: self.park_items().len(),
        }
    }

    /// Actions about the article show the article pane: in the one-pane layout (or a short
    /// screen where the article shares its column) the focus moves to it.
    pub fn show_article_pane(&mut self) {
        self.relayout();
        if self.panes.article.is_none() {
            self.focus = Focus::Article;
            self.relayout();
        }
    }

    /// Scroll the article so that char `offset` of `part` is in view, a third of the way down.
    pub fn reveal(&mut self, part: Part, offset: usize) {
        let Some(layout) = self.current_layout() else {
            return;
        };
        let Some((row, _)) = layout.locate(part, offset) else {
            return;
        };
        let height = self.article_height();
        let scroll = self.scroll();
        if row < scroll || row >= scroll + height {
            self.set_scroll(row.saturating_sub(height / 3));
        }
    }

    /// The first text shown in the article view: its part and char offset.
    pub fn top_of_view(&self) -> Option<(Part, usize)> {
        let layout = self.current_layout()?;
        layout
            .rows
            .iter()
            .skip(self.scroll())
            .find_map(|row| Some((row.part?, row.chars.start)))
    }

    /// Work out the panes again (after the screen, focus, zoom or hidden panes changed).
    pub fn relayout(&mut self) {
        self.panes = panes::panes(&self.pane_inputs());
    }

    /// Rows the article pane shows.
    pub fn article_height(&self) -> usize {
        self.panes.article_text().map_or(0, |r| r.height as usize)
    }

    /// The shown article laid out for the article pane, if it shows.
    pub fn current_layout(&self) -> Option<Rc<ArticleLayout>> {
        let width = self.panes.article_text()?.width;
        Some(self.layout(self.article()?, width as usize))
    }

    /// The article laid out at `width`, from the cache when it was laid out at that width.
    pub fn layout(&self, article: usize, width: usize) -> Rc<ArticleLayout> {
        let Some(a) = self.collection.articles.get(article) else {
            return Rc::new(ArticleLayout::default());
        };
        let options = self.layout_options(width);
        self.cache
            .borrow_mut()
            .layout(article, a, self.config.ambiguous, &options)
    }

    pub fn layout_options(&self, width: usize) -> LayoutOptions {
        LayoutOptions {
            width: width.max(1),
            reading_width: self.config.reading_width,
            paragraph_indent: self.config.paragraph_indent,
            ambiguous: self.config.ambiguous,
        }
    }

    /// The largest useful scroll offset: the last row at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        let rows = self.current_layout().map_or(0, |l| l.rows.len());
        rows.saturating_sub(self.article_height())
    }

    /// Set the article's scroll, kept within the article, and note the text now at the
    /// top as the reading place. Without a laid-out article the place is kept as it was.
    pub fn set_scroll(&mut self, scroll: usize) {
        let Some(layout) = self.current_layout() else {
            return;
        };
        let max = layout.rows.len().saturating_sub(self.article_height());
        let Some(view) = &mut self.view else {
            return;
        };
        view.scroll = scroll.min(max);
        view.anchor = layout
            .rows
            .iter()
            .enumerate()
            .skip(view.scroll)
            .find_map(|(i, row)| {
                Some(Anchor {
                    part: row.part?,
                    offset: row.chars.start,
                    lead: i - view.scroll,
                })
            });
    }

    /// Scroll so the reading place is at the top again (after the panes changed). The
    /// place itself stays as it was, even where the article's end holds the view back.
    pub fn scroll_to_anchor(&mut self) {
        let Some(layout) = self.current_layout() else {
            return;
        };
        let max = layout.rows.len().saturating_sub(self.article_height());
        let Some(view) = &mut self.view else {
            return;
        };
        let Some(anchor) = view.anchor else {
            view.scroll = view.scroll.min(max);
            return;
        };
        if let Some((row, _)) = layout.locate(anchor.part, anchor.offset) {
            view.scroll = row.saturating_sub(anchor.lead).min(max);
        }
    }

    /// Figures of the shown article for the highlights pane: quantities, then dates.
    pub fn highlight_order(&self) -> Vec<usize> {
        let Some(article) = self.shown_article() else {
            return Vec::new();
        };
        let is_date = |i: &usize| article.figures[*i].kind == FigureKind::Date;
        let (dates, quantities): (Vec<usize>, Vec<usize>) =
            (0..article.figures.len()).partition(is_date);
        quantities.into_iter().chain(dates).collect()
    }
}
