//! `y`: what is copied from where, and what the status bar says about it.

use super::app::{App, Focus};
use super::clipboard::{self, CopyError, MAX_BASE64};
use crate::core::plain_text::{article_text, figure_text, SourceInfo};

/// Make the OSC 52 request for the focused pane's text (the event loop sends it)
/// and say in the status bar what was copied, or why nothing was.
pub fn copy(app: &mut App) {
    if !app.config.osc52 {
        app.notice = Some("copying is off ([copy] osc52 = false)".into());
        return;
    }
    let Some(index) = app.article() else {
        app.notice = Some("nothing to copy".into());
        return;
    };
    let Some(article) = app.collection.articles.get(index) else {
        return;
    };
    let copied = match app.focus {
        Focus::Highlights => {
            let order = app.highlight_order();
            let figure = order
                .get(app.figure_cursor())
                .and_then(|&f| article.figures.get(f));
            match figure {
                Some(f) => (format!("figure {}", f.text), figure_text(article, f)),
                None => {
                    app.notice = Some("no figure to copy".into());
                    return;
                }
            }
        }
        Focus::Article | Focus::Parks => {
            let park = app
                .park_of(index)
                .and_then(|p| app.collection.parks.get(p))
                .map(|p| p.name.as_str())
                .or(article.park.as_deref());
            let source = SourceInfo {
                park,
                file: article.source_file.as_deref(),
                url: None,
            };
            ("article".to_string(), article_text(article, source))
        }
    };
    let (what, text) = copied;
    let chars = text.chars().count();
    match clipboard::osc52(&text) {
        Ok(request) => {
            app.clipboard_request = Some(request);
            app.notice = Some(format!("copied {what}: {chars} characters"));
        }
        Err(CopyError::TooLarge(_)) => {
            app.notice = Some(format!(
                "not copied: {chars} characters is more than the terminal's clipboard takes ({} KiB of base64)",
                MAX_BASE64 / 1024
            ));
        }
    }
}
