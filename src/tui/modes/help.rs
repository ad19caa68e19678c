//! Help (`?`): the keys, generated from the active keymap so it always tells the truth.
//! Descriptions wrap within the box; the scroll stops where the last row shows; the
//! screen behind the box is cleared. `q`, Esc and `?` close it, as in less and man;
//! resizing, suspending and repainting pass through; other keys wait.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{BorderType, Clear, Widget};

use crate::core::layout::{str_width, AmbiguousWidth};
use crate::tui::action::{Action, ViewOutcome};
use crate::tui::config::Config;
use crate::tui::paint::{fit, frame, paint_line, paint_title};
use crate::tui::scroll::{ListOffset, Motion};
use crate::tui::theme::{Element, Theme};

/// The keys column is at most this wide; longer key lists are cut with a mark.
const KEYS_MAX: usize = 22;

/// Help's state: how far it is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    scroll: ListOffset,
}

impl Help {
    /// What a key does with help open, on a screen of `screen`'s size.
    pub fn handle(&mut self, action: Action, config: &Config, screen: Rect) -> ViewOutcome {
        let layout = help_layout(config, overlay_area(screen));
        let visible = usize::from(layout.popup.height.saturating_sub(2));
        let page = visible.max(1) as isize;
        let motion = match action {
            Action::Help | Action::Close | Action::Quit => return ViewOutcome::Close,
            action if action.reaches_through_views() => return ViewOutcome::PassOn,
            Action::Down => Motion::By(1),
            Action::Up => Motion::By(-1),
            Action::PageDown | Action::HalfPageDown => Motion::By(page),
            Action::PageUp | Action::HalfPageUp => Motion::By(-page),
            Action::Top => Motion::Top,
            Action::Bottom => Motion::Bottom,
            _ => return ViewOutcome::Handled,
        };
        self.scroll.scroll(motion, layout.rows.len(), visible);
        ViewOutcome::Handled
    }

    /// Keep the scroll inside the help after the screen changed.
    pub fn fit_to(&mut self, config: &Config, screen: Rect) {
        let layout = help_layout(config, overlay_area(screen));
        let visible = usize::from(layout.popup.height.saturating_sub(2));
        self.scroll
            .scroll(Motion::By(0), layout.rows.len(), visible);
    }

    /// The first row shown.
    pub fn first(&self) -> usize {
        self.scroll.first()
    }
}

/// Help drawn over the screen.
pub struct HelpOverlay<'a> {
    pub help: &'a Help,
    pub config: &'a Config,
    pub theme: &'a Theme,
}

/// The groups of the help, in order: how to leave first, so that it shows on the
/// first screen of a small terminal.
const GROUPS: &[(&str, &[Action])] = &[
    (
        "leaving",
        &[Action::Quit, Action::Close, Action::Help, Action::Suspend],
    ),
    (
        "moving",
        &[
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::Top,
            Action::Bottom,
            Action::FocusNext,
            Action::FocusPrev,
            Action::FocusLeft,
            Action::FocusRight,
            Action::Open,
            Action::JumpBack,
        ],
    ),
    (
        "parks",
        &[
            Action::Park(1),
            Action::PrevPark,
            Action::NextPark,
            Action::FindPark,
            Action::ToggleParks,
            Action::UnreadOnly,
        ],
    ),
    (
        "reading",
        &[
            Action::NextArticle,
            Action::PrevArticle,
            Action::NextUnread,
            Action::ToggleRead,
            Action::ParkRead,
            Action::AllRead,
            Action::Star,
            Action::NextStarred,
            Action::Zoom,
            Action::ToggleHighlights,
            Action::Repaint,
        ],
    ),
    (
        "search",
        &[Action::Search, Action::NextMatch, Action::PrevMatch],
    ),
    (
        "figures",
        &[Action::FiguresTable, Action::TableScope, Action::TableSort],
    ),
    ("pictures", &[Action::ParkView, Action::Overview]),
    (
        "copy and hand on",
        &[Action::Copy, Action::Pipe, Action::OpenUrl],
    ),
    ("news", &[Action::Fetch]),
];

/// The help text, from the live keymap: each group's title, then one line per action
/// with its keys (an action with no key left out); what the parks pane's marks mean;
/// the prompts' keys.
pub fn help_lines(config: &Config) -> Vec<(String, String)> {
    let keymap = &config.keymap;
    let keys_of = |action: Action| -> String {
        keymap
            .keys_for(action)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut lines = Vec::new();
    for (title, actions) in GROUPS {
        if !lines.is_empty() {
            lines.push((String::new(), String::new()));
        }
        lines.push((String::new(), format!("── {title} ──")));
        for &action in *actions {
            if action == Action::Park(1) {
                lines.extend(park_line(config));
                continue;
            }
            let keys = keys_of(action);
            if !keys.is_empty() {
                lines.push((keys, action.description().to_string()));
            }
        }
        if *title == "parks" {
            lines.push((
                "3/51  •51".into(),
                "a park's unread / all articles (• unread, when narrow)".into(),
            ));
            lines.push(("• ★".into(), "an article unread; starred".into()));
        }
    }
    lines.push((String::new(), String::new()));
    lines.push((
        "in prompts".into(),
        "type, backspace, enter, esc; up / down: earlier searches".into(),
    ));
    lines.push(("ctrl-c".into(), "always quits".into()));
    lines
}

/// The nine park jumps on one line: their keys, in park order.
fn park_line(config: &Config) -> Option<(String, String)> {
    let park_keys: Vec<String> = config
        .keymap
        .bindings
        .iter()
        .filter(|(a, keys)| matches!(a, Action::Park(_)) && !keys.is_empty())
        .map(|(_, keys)| {
            keys.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    (!park_keys.is_empty()).then(|| {
        (
            park_keys.join(" "),
            "park N (past 9 parks: all its digits)".to_string(),
        )
    })
}

/// Where the box goes and what its rows say, for a screen of `screen`'s size.
struct HelpLayout {
    popup: Rect,
    key_width: usize,
    /// Keys (empty on a wrapped description's later rows) and description.
    rows: Vec<(String, String)>,
}

/// The area the overlay covers: the screen above the status bar.
fn overlay_area(screen: Rect) -> Rect {
    Rect {
        height: screen.height.saturating_sub(1),
        ..screen
    }
}

fn help_layout(config: &Config, area: Rect) -> HelpLayout {
    let amb = config.ambiguous;
    let lines = help_lines(config);
    let key_width = lines
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0)
        .min(KEYS_MAX);
    let what_width = lines
        .iter()
        .map(|(_, w)| str_width(w, amb))
        .max()
        .unwrap_or(0);
    // Frame, a space, keys, two spaces, description, a space.
    let want_width = (key_width + what_width + 6).min(usize::from(u16::MAX)) as u16;
    let width = want_width
        .min(area.width.saturating_sub(2))
        .max(area.width.min(10));
    let room = usize::from(width).saturating_sub(key_width + 6).max(1);
    let mut rows = Vec::new();
    for (keys, what) in lines {
        let pieces = wrap(&what, room, amb);
        for (i, piece) in pieces.into_iter().enumerate() {
            let keys = if i == 0 { keys.clone() } else { String::new() };
            rows.push((keys, piece));
        }
    }
    let height = (rows.len() as u16).saturating_add(2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    HelpLayout {
        popup,
        key_width,
        rows,
    }
}

/// Words of `text` in rows of at most `width` cells; a word longer than a row is cut.
fn wrap(text: &str, width: usize, amb: AmbiguousWidth) -> Vec<String> {
    let mut rows = vec![String::new()];
    for word in text.split(' ') {
        let Some(row) = rows.last_mut() else {
            break;
        };
        let used = str_width(row, amb);
        let wanted = str_width(word, amb);
        if used == 0 {
            row.push_str(word);
        } else if used + 1 + wanted <= width {
            row.push(' ');
            row.push_str(word);
        } else {
            rows.push(word.to_string());
        }
    }
    rows.into_iter().map(|r| fit(&r, width, amb)).collect()
}

impl Widget for HelpOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (config, theme) = (self.config, self.theme);
        let amb = config.ambiguous;
        let HelpLayout {
            popup,
            key_width,
            rows,
        } = help_layout(config, area);
        // Nothing of the panes shows around the box.
        Clear.render(area, buf);
        let close = config.keymap.hint(Action::Close);
        let scroll = if rows.len() + 2 > usize::from(popup.height) {
            format!(
                " {}/{} scroll ·",
                config.keymap.hint(Action::Down),
                config.keymap.hint(Action::Up)
            )
        } else {
            String::new()
        };
        let style = theme.style(Element::Help);
        let block = frame(BorderType::Plain, amb)
            .border_style(theme.style(Element::BorderFocused))
            .style(style);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let title = Line::styled(" Help · 帮助 ", theme.style(Element::PaneTitle));
        paint_title(&title, popup, false, buf, amb);
        let closes = Line::from(format!("{scroll} {close} closes "));
        paint_title(&closes, popup, true, buf, amb);
        let visible = inner.height as usize;
        let first = self.help.first().min(rows.len().saturating_sub(visible));
        let room = usize::from(inner.width).saturating_sub(1 + key_width + 2);
        for (row, (keys, what)) in rows.iter().skip(first).take(visible).enumerate() {
            let keys_text = fit(keys, key_width, amb);
            let pad = " ".repeat(key_width.saturating_sub(str_width(&keys_text, amb)) + 2);
            let line = Line::from(vec![
                Span::raw(" "),
                Span::styled(keys_text, theme.style(Element::ParkNumber)),
                Span::raw(pad),
                Span::raw(fit(what, room, amb)),
            ]);
            let row_area = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            paint_line(&line, row_area, buf, amb);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::layout::AmbiguousWidth::Narrow;
    use crate::tui::modes::help::{wrap, Action, GROUPS};

    #[test]
    fn every_bindable_action_is_in_a_group() {
        for (name, action, _) in crate::tui::action::BINDABLE {
            let listed = matches!(action, Action::Park(_))
                || GROUPS.iter().any(|(_, actions)| actions.contains(action));
            assert!(listed, "{name} is in no help group");
        }
    }

    #[test]
    fn descriptions_wrap_at_words() {
        assert_eq!(
            wrap("hide / show the parks pane", 12, Narrow),
            ["hide / show", "the parks", "pane"]
        );
        assert_eq!(wrap("short", 12, Narrow), ["short"]);
        assert_eq!(wrap("", 12, Narrow), [""]);
        assert_eq!(wrap("abcdefghij", 4, Narrow), ["abc…"]);
    }
}
