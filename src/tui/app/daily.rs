//! The keys of daily reading: catching up (`A`, `C` after a y/n question, `t`),
//! stars (`*`, `'`), the jump list (`Ctrl-O`), and handing an article on (`o` opens
//! its url, `|` pipes it to a command). The event loop runs what is handed on
//! ([`External`]); everything here only changes the app's state.

use crate::core::plain_text::{article_text, SourceInfo};
use crate::core::Article;
use crate::tui::app::place::{Jump, ParkItem, Place};
use crate::tui::app::reader::App;
use crate::tui::effect::{Effect, External};
use crate::tui::input::prompt::Prompt;
use crate::tui::modes::figure_table::FigureTable;
use crate::tui::modes::{Confirm, Mode};

/// How many jumps are remembered.
const JUMPS: usize = 100;

/// Remember where the reader is, before a jump takes it elsewhere.
pub fn note_jump(app: &mut App) {
    note_jump_from(app, app.place(), None);
}

/// Remember `place` (and the table open there, if one was) as the place before a jump.
pub fn note_jump_from(app: &mut App, place: Place, table: Option<FigureTable>) {
    if app
        .jumps
        .last()
        .is_some_and(|j| j.place == place && j.table.is_none() && table.is_none())
    {
        return;
    }
    app.jumps.push(Jump { place, table });
    let extra = app.jumps.len().saturating_sub(JUMPS);
    app.jumps.drain(..extra);
}

/// `Ctrl-O`: back to the last place noted, the figures table as it was (scope,
/// filter, sort, row) when it was open there.
pub fn jump_back(app: &mut App) {
    let Some(jump) = app.jumps.pop() else {
        app.notice = Some("no earlier place to go back to".to_string());
        return;
    };
    app.restore_place(jump.place);
    if let Some(table) = jump.table {
        app.open_mode(Mode::FigureTable(table));
    }
}

/// `A`: every article of the park shown read.
pub fn park_read(app: &mut App) {
    let Some(group) = app.collection.parks.get(app.park) else {
        return;
    };
    let (name, articles) = (group.name.clone(), group.articles.clone());
    let marked = articles.iter().filter(|&&a| !app.is_read(a)).count();
    for &article in &articles {
        app.set_read(article, true);
    }
    if let Some(view) = app.view.as_mut().filter(|v| articles.contains(&v.article)) {
        view.auto_read = false;
    }
    app.notice = Some(format!("{name}: {marked} marked read"));
}

/// `C`: ask first.
pub fn ask_all_read(app: &mut App) {
    let unread = (0..app.collection.articles.len())
        .filter(|&a| !app.is_read(a))
        .count();
    if unread == 0 {
        app.notice = Some("every article is read already".to_string());
        return;
    }
    app.open_mode(Mode::Confirm(Confirm::AllRead));
    app.notice = Some(format!("mark all {unread} unread articles read? (y/n)"));
}

/// The answer to `question`, whose mode has closed.
pub fn answer(app: &mut App, question: Confirm, yes: bool) {
    match (question, yes) {
        (Confirm::AllRead, true) => {
            let count = app.collection.articles.len();
            let unread = (0..count).filter(|&a| !app.is_read(a)).count();
            for article in 0..count {
                app.set_read(article, true);
            }
            if let Some(view) = &mut app.view {
                view.auto_read = false;
            }
            app.notice = Some(format!("{unread} articles marked read"));
        }
        (Confirm::AllRead, false) => app.notice = Some("nothing marked".to_string()),
    }
}

/// `t`: all articles, or the unread only, in the parks pane; kept in the state.
pub fn toggle_unread_only(app: &mut App) {
    app.unread_only = !app.unread_only;
    app.reading.unread_only = app.unread_only;
    app.reading_changed = true;
    let shown = app.article();
    app.parks_cursor = app
        .park_items()
        .iter()
        .position(|item| match (item, shown) {
            (ParkItem::Article { article, .. }, Some(shown)) => *article == shown,
            _ => false,
        })
        .unwrap_or(0);
    app.notice = Some(
        if app.unread_only {
            "unread articles only (t: all)"
        } else {
            "all articles (t: unread only)"
        }
        .to_string(),
    );
}

/// `*`: star or unstar the article shown (under the cursor in the parks pane).
pub fn toggle_star(app: &mut App) {
    let Some(article) = app.article_at_hand() else {
        app.notice = Some("no article to star".to_string());
        return;
    };
    let starred = !app.is_starred(article);
    app.set_starred(article, starred);
    app.notice = Some(if starred { "starred ★" } else { "unstarred" }.to_string());
}

/// `'`: the next starred article after the shown one in reading order, wrapping.
pub fn next_starred(app: &mut App) -> Option<usize> {
    let next = app.next_in_reading_order(|app, a| app.is_starred(a));
    if next.is_none() {
        let any = app.article().is_some_and(|a| app.is_starred(a));
        app.notice = Some(
            if any {
                "no other starred article"
            } else {
                "no starred articles (* stars one)"
            }
            .to_string(),
        );
    }
    next
}

/// The article's url, when it has one (fetched and saved web pages do).
pub fn url_of(article: &Article) -> Option<&str> {
    article.url.as_deref()
}

/// What `y`, `|` and `read` give of the article: its header, then its text.
pub fn handed_on_text(app: &App, article: usize) -> Option<String> {
    let a = app.collection.articles.get(article)?;
    let park = app
        .park_of(article)
        .and_then(|p| app.collection.parks.get(p))
        .map(|p| p.name.as_str());
    let source = SourceInfo {
        park,
        file: a.source_file.as_deref(),
        url: url_of(a),
    };
    Some(article_text(a, source))
}

/// `o`: the url in the browser, or why not.
pub fn open_url(app: &mut App, browser_var: Option<String>) {
    let Some(article) = app.article_at_hand() else {
        app.notice = Some("no article to open".to_string());
        return;
    };
    let url = app.collection.articles.get(article).and_then(url_of);
    let Some(url) = url.map(str::to_string) else {
        app.notice = Some("this article has no url (pages read from files carry none)".into());
        return;
    };
    let browser = browser_var
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "xdg-open".to_string());
    app.notice = Some(format!("opening {url} with {browser}"));
    app.request(Effect::Run(External::Open { browser, url }));
}

/// `|`: ask for the command.
pub fn begin_pipe(app: &mut App) {
    if app.article_at_hand().is_none() {
        app.notice = Some("no article to pipe".to_string());
        return;
    }
    app.open_mode(Mode::Pipe(Prompt::default()));
}

/// The command a `|` with nothing typed runs: `$PAGER`, else less.
pub fn default_pager(pager_var: Option<String>) -> String {
    pager_var
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less".to_string())
}

/// Enter at the `|` prompt: the typed command (else the default) gets the article.
pub fn submit_pipe(app: &mut App, typed: &str, default: String) {
    let typed = typed.trim();
    let command = if typed.is_empty() {
        default
    } else {
        typed.to_string()
    };
    let Some(article) = app.article_at_hand() else {
        return;
    };
    // The article at hand in the parks pane may not have been shown: its body may be away.
    app.bring_back_body(article);
    let Some(text) = handed_on_text(app, article) else {
        return;
    };
    app.request(Effect::Run(External::Pipe { command, text }));
}
