//! Terminal events to actions: the keymap in normal use, plain typing in the search prompt.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, SearchMode};
use super::keymap::KeyChord;

pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(app, key),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        _ => None,
    }
}

pub fn action_for_key(app: &App, key: &KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let editing_filter = app.figure_table.as_ref().is_some_and(|t| t.editing);
    if app.search.mode == SearchMode::Typing || editing_filter {
        return match key.code {
            // Ctrl-C quits from anywhere, whatever the keymap says.
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                Some(Action::SearchInput(c))
            }
            _ => None,
        };
    }
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    app.config.keymap.action_for(&KeyChord::from_event(key)?)
}
