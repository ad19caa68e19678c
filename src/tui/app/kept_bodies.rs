//! Bodies brought back: over a collection loaded without them (see
//! `core::searchable`), the article shown has its body brought back from the index
//! or its file, and the last few read keep theirs; the figures table's rows in view
//! have their figures brought back.

use crate::core::collection::BringBack;
use crate::tui::app::reader::App;
use crate::tui::modes::figure_table::body_height;

/// Bodies brought back and kept at once over a collection loaded without them:
/// the article shown and the last few read, so that going back is instant.
const BODIES_KEPT: usize = 16;

impl App {
    /// Bring back the body of article `index` if it is away (a collection loaded
    /// without bodies, see `core::searchable`); past the last few, the body brought
    /// back longest ago is let go again, unless it is the one shown. A file that no
    /// longer gives the article is said in the status bar.
    pub fn bring_back_body(&mut self, index: usize) {
        if !self.collection.body_is_away(index) {
            return;
        }
        let warnings = self.collection.bring_back(&[index], BringBack::Body);
        if let Some(warning) = warnings.first() {
            self.notice = Some(format!("could not read {warning}"));
        }
        self.kept_bodies.retain(|&i| i != index);
        self.kept_bodies.push_back(index);
        while self.kept_bodies.len() > BODIES_KEPT {
            let Some(oldest) = self.kept_bodies.pop_front() else {
                break;
            };
            if self.article() == Some(oldest) {
                self.kept_bodies.push_back(oldest);
            } else {
                self.collection.let_go_of_body(oldest);
            }
        }
    }

    /// Bring back the figures of the rows the figures table shows, if it is open: a
    /// table over an archive keeps the keys of its figures, not the figures (see
    /// `FigureKeys`), and draws the rows in view from their articles' figures.
    pub fn bring_back_rows_in_view(&mut self) {
        let Some(table) = self.figure_table() else {
            return;
        };
        let height = body_height(self.screen.height.saturating_sub(1));
        let articles: Vec<usize> = table
            .rows
            .iter()
            .skip(table.offset.first())
            .take(height)
            .map(|row| row.article)
            .collect();
        let missing = articles.iter().any(|&a| {
            self.collection
                .articles
                .get(a)
                .is_some_and(|article| !article.figures.are_found())
        });
        if missing {
            self.collection.find_figures_of(&articles);
        }
    }
}
