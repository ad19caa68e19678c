//! The status bar: park, article, position, search state, the help hint.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use ratatui::style::{Modifier, Style};

use crate::core::layout::char_width;
use crate::core::layout::str_width;
use crate::core::sanitize::escape_for_terminal as printable;
use crate::tui::action::Action;
use crate::tui::app::{App, SearchMode};
use crate::tui::input::prompt::Prompt;
use crate::tui::loader::grouped;
use crate::tui::paint::{fit, paint_line};
use crate::tui::theme::Element;
use crate::tui::view::parks::{short_source, source_without_date};

pub struct StatusBar<'a> {
    pub app: &'a App,
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let style = app.theme.style(Element::Status);
        let amb = app.config.ambiguous;
        buf.set_style(area, style);
        let width = area.width as usize;
        let right = right_side(app, width);
        let room = width.saturating_sub(str_width(&right, amb));
        let left = left_side(app, room);
        let used: usize = left.iter().map(|s| str_width(&s.content, amb)).sum();
        let pad = " ".repeat(width.saturating_sub(used + str_width(&right, amb)));
        let mut spans = left;
        spans.push(Span::raw(pad));
        spans.push(Span::raw(right));
        let line = Line::from(spans).style(style);
        paint_line(&line, area, buf, amb);
    }
}

/// The right-hand pieces, most important first: the search's count, the load and the
/// fetch, the parks found, the position, the help key.
fn pieces(app: &App) -> Vec<String> {
    let search = &app.search;
    let count = match (search.matches.len(), search.current) {
        (0, _) => "no match".to_string(),
        (n, Some(i)) => format!("match {}/{}", i + 1, n),
        (n, None) => format!("{n} matches"),
    };
    let mut pieces = Vec::new();
    match app.search_mode() {
        SearchMode::Off => {}
        SearchMode::Typing => pieces.push(count),
        SearchMode::Results => pieces.push(format!("/{} {count}", search.query())),
    }
    if let Some(count) = app.loading {
        pieces.push(format!(
            "loading {}/{} pages",
            grouped(count.done),
            grouped(count.files)
        ));
    }
    if let Some((done, total)) = app.fetching {
        pieces.push(format!("fetching {done}/{total} sources"));
    }
    if let Some(finder) = app.finder() {
        pieces.push(match finder.found().len() {
            1 => "1 park".to_string(),
            n => format!("{n} parks"),
        });
    }
    pieces.push(position(app));
    pieces.push(format!("{} help", app.config.keymap.hint(Action::Help)));
    pieces
}

/// The right side for a bar `width` cells wide: the last pieces go when space is
/// short. Date and source stand before the help hint, but go first: the whole file
/// name where there is room, else shortened, else neither.
fn right_side(app: &App, width: usize) -> String {
    let amb = app.config.ambiguous;
    let mut pieces = pieces(app);
    let mut abouts = date_and_source(app);
    loop {
        let mut shown = pieces.clone();
        if let Some(about) = abouts.first() {
            shown.insert(shown.len() - 1, about.clone());
        }
        let right = format!(" {} ", shown.join(" │ "));
        // Leave the left side a dozen cells; a message stays whole, and the whole
        // file name shows only where the park › title line stays whole beside it.
        let left_room = match &app.notice {
            Some(notice) if !abouts.is_empty() => str_width(notice, amb) + 1,
            _ if abouts.len() > 1 => str_width(&location(app), amb).max(12),
            _ => 12,
        };
        if str_width(&right, amb) + left_room <= width || shown.len() == 1 {
            return right;
        }
        if abouts.is_empty() {
            pieces.pop();
        } else {
            abouts.remove(0);
        }
    }
}

/// The left side in `room` cells: a prompt being typed, else a park number, a
/// message or where the reader is.
fn left_side(app: &App, room: usize) -> Vec<Span<'static>> {
    let prompt = if let Some(pipe) = app.pipe_prompt() {
        // The long label where it leaves room to type; else the | alone.
        let label = if room >= 70 {
            " | command (Enter alone: $PAGER, else less): "
        } else {
            " |"
        };
        Some((label, pipe))
    } else if app.search_mode() == SearchMode::Typing {
        Some((" /", &app.search.prompt))
    } else {
        app.finder().map(|f| (" park: ", f.prompt()))
    };
    if let Some((label, prompt)) = prompt {
        return prompt_spans(label, prompt, room, app);
    }
    let text = match (app.park_number(), &app.notice) {
        (Some(number), _) => format!(" go to park {}_", number.digits),
        (None, Some(notice)) => format!(" {notice}"),
        (None, None) => location(app),
    };
    vec![Span::raw(fit(&text, room, app.config.ambiguous))]
}

/// A prompt scrolled so its cursor stays in view: the char at the cursor reversed, a
/// block past the end.
fn prompt_spans(label: &str, prompt: &Prompt, room: usize, app: &App) -> Vec<Span<'static>> {
    let amb = app.config.ambiguous;
    let label = fit(label, room, amb);
    let (shown, column) = prompt.window(room.saturating_sub(str_width(&label, amb)), amb);
    let mut before = String::new();
    let mut at = None;
    let mut after = String::new();
    let mut cells = 0;
    for c in shown.chars() {
        if at.is_none() && cells >= column {
            at = Some(c);
        } else if at.is_none() {
            before.push(c);
        } else {
            after.push(c);
        }
        cells += char_width(c, amb);
    }
    let cursor = Style::default().add_modifier(Modifier::REVERSED);
    vec![
        Span::raw(label),
        Span::raw(before),
        match at {
            Some(c) => Span::styled(c.to_string(), cursor),
            None => Span::raw("█"),
        },
        Span::raw(after),
    ]
}

/// The park, the article's place in it ("3/51") and its title.
fn location(app: &App) -> String {
    let park = app
        .article()
        .and_then(|a| app.park_of(a))
        .and_then(|p| app.collection.parks.get(p));
    let title = app.shown_article().map_or("", |a| a.title.as_str());
    match park {
        Some(p) => {
            let at = app
                .article()
                .and_then(|a| p.articles.iter().position(|&x| x == a))
                .map_or(0, |i| i + 1);
            format!(" {} {}/{} › {}", p.name, at, p.articles.len(), title)
        }
        None => format!(" {title}"),
    }
}

/// The shown article's date and the file it came from: with the whole file name,
/// then with the name shortened as the parks pane does; longest first.
fn date_and_source(app: &App) -> Vec<String> {
    let Some(article) = app.shown_article() else {
        return Vec::new();
    };
    let date = article.date.map(|d| d.to_string());
    let full = printable(source_without_date(&article.source));
    let mut forms: Vec<String> = Vec::new();
    for mut source in [full, short_source(&article.source)] {
        // An e-paper article names its page too: 科技日报·园区.
        if let Some(page) = &article.page {
            source = if source.is_empty() {
                printable(page)
            } else {
                format!("{source}·{}", printable(page))
            };
        }
        let form = match (&date, source.is_empty()) {
            (Some(d), false) => format!("{d} {source}"),
            (Some(d), true) => d.clone(),
            (None, false) => source,
            (None, true) => continue,
        };
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// Where the article pane stands, as less and vim say it.
fn position(app: &App) -> String {
    let rows = app.current_layout().map_or(0, |l| l.rows.len());
    position_label(app.scroll(), rows, app.article_height())
}

/// `All` when the article fits, `Top` and `Bot` at its ends, else how far through the
/// article the bottom row of the view is, in percent, as less says it.
pub fn position_label(scroll: usize, rows: usize, height: usize) -> String {
    if rows == 0 {
        return "--".to_string();
    }
    let max = rows.saturating_sub(height);
    let scroll = scroll.min(max);
    if max == 0 {
        "All".to_string()
    } else if scroll == 0 {
        "Top".to_string()
    } else if scroll == max {
        "Bot".to_string()
    } else {
        // 1–99: only the ends read 0 and 100.
        let bottom = (scroll + height).min(rows);
        format!("{:>2}%", (bottom * 100 / rows).clamp(1, 99))
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::view::status::position_label;

    #[test]
    fn position_reads_like_less() {
        assert_eq!(position_label(0, 0, 10), "--");
        assert_eq!(position_label(0, 10, 10), "All");
        assert_eq!(position_label(0, 5, 10), "All");
        assert_eq!(position_label(0, 40, 10), "Top");
        assert_eq!(position_label(30, 40, 10), "Bot");
        assert_eq!(position_label(99, 40, 10), "Bot");
        // The bottom row's place in the article: rows 16–25 of 40 shown.
        assert_eq!(position_label(15, 40, 10), "62%");
        assert_eq!(position_label(1, 40, 10), "27%");
        assert_eq!(position_label(1, 1000, 10), " 1%");
        assert_eq!(position_label(989, 1000, 10), "99%");
    }
}
