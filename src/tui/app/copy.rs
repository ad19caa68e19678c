//! `y`: what is copied from where, and what the status bar says about it.

use crate::core::plain_text::figure_text;
use crate::tui::app::daily::handed_on_text;
use crate::tui::app::panes::Focus;
use crate::tui::app::reader::App;
use crate::tui::term::clipboard::{self, CopyError, MAX_BASE64};

/// What `y` can say for sure: the text went to the terminal as an OSC 52 request;
/// whether the terminal put it on the clipboard it does not tell. Inside tmux it
/// reaches the clipboard only with `set-clipboard on`.
pub fn sent_message(what: &str, chars: usize, in_tmux: bool) -> String {
    let sent = format!("sent {what} ({chars} characters) to the terminal's clipboard (OSC 52)");
    if in_tmux {
        format!("{sent}; in tmux it needs `set -g set-clipboard on`")
    } else {
        sent
    }
}

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
                Some(f) => (format!("the figure {}", f.text), figure_text(article, f)),
                None => {
                    app.notice = Some("no figure to copy".into());
                    return;
                }
            }
        }
        Focus::Article | Focus::Parks => match handed_on_text(app, index) {
            Some(text) => ("the article".to_string(), text),
            None => return,
        },
    };
    let (what, text) = copied;
    let chars = text.chars().count();
    match clipboard::osc52(&text) {
        Ok(request) => {
            app.request(crate::tui::effect::Effect::Copy(request));
            app.notice = Some(sent_message(&what, chars, app.in_tmux));
        }
        Err(CopyError::TooLarge(_)) => {
            app.notice = Some(format!(
                "not copied: {chars} characters is more than the terminal's clipboard takes ({} KiB of base64)",
                MAX_BASE64 / 1024
            ));
        }
    }
}
