//! Bodies brought back: over a collection loaded without them (see
//! `core::searchable`), the article shown has its body brought back from the index
//! or its file, and the last few read keep theirs.

use crate::core::collection::BringBack;
use crate::tui::app::reader::App;

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
}
