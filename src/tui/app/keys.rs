//! Terminal events to actions, by the mode on top: the keymap in the reader and the
//! pictures, plain typing in prompts, y/n in a question. Which mode reads a key is
//! the mode stack's order (`app::stack`), decided here once.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::action::Action;
use crate::tui::app::matches::SearchMode;
use crate::tui::app::reader::App;
use crate::tui::input::keymap::KeyChord;
use crate::tui::input::prompt::edit_for_key;
use crate::tui::modes::Mode;

/// The events one terminal event stands for, in order: itself, or an Esc and a key.
///
/// Over a laggy link an `Esc` and the next key arrive in one read, and crossterm
/// reads them as Alt-key. In the search prompt, and wherever that Alt-key is bound to
/// nothing, it is taken as what it was: `Esc` (closing the prompt, or whatever Esc is
/// bound to), then the key.
pub fn keys_for_event(app: &App, event: &Event) -> Vec<Event> {
    if let Event::Key(key) = event {
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let typing = app.search_mode() == SearchMode::Typing;
        let unbound =
            || KeyChord::from_event(key).is_none_or(|c| app.config.keymap.action_for(&c).is_none());
        if alt && matches!(key.code, KeyCode::Char(_)) && (typing || unbound()) {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            let plain = KeyEvent {
                modifiers: key.modifiers - KeyModifiers::ALT,
                ..*key
            };
            return vec![Event::Key(esc), Event::Key(plain)];
        }
    }
    vec![event.clone()]
}

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
    match app.mode() {
        // A y/n question: y is yes, any other key no (Ctrl-C quits).
        Some(Mode::Confirm(_)) => Some(match key.code {
            KeyCode::Char('c') if ctrl => Action::QuitNow,
            KeyCode::Char('y' | 'Y') => Action::ConfirmYes,
            _ => Action::ConfirmNo,
        }),
        Some(Mode::Pipe(_)) => match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::QuitNow),
            KeyCode::Esc => Some(Action::PipeCancel),
            KeyCode::Enter => Some(Action::PipeSubmit),
            _ => edit_for_key(key).map(Action::PipeEdit),
        },
        Some(Mode::SearchPrompt) => prompt_key(app, key, ctrl),
        Some(Mode::FigureTable(table)) if table.editing => prompt_key(app, key, ctrl),
        Some(Mode::Finder(_)) => match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Esc => Some(Action::FinderCancel),
            KeyCode::Enter => Some(Action::FinderSubmit),
            KeyCode::Up => Some(Action::FinderUp),
            KeyCode::Down => Some(Action::FinderDown),
            _ => edit_for_key(key).map(Action::FinderEdit),
        },
        Some(Mode::ParkNumber(_)) if !ctrl => {
            park_number_key(key).or_else(|| keymap_key(app, key, ctrl))
        }
        _ => keymap_key(app, key, ctrl),
    }
}

/// A key in a prompt (the search's, the table's filter): typing and editing; control
/// keys that edit nothing are never typed, so suspend and repaint work here too.
fn prompt_key(app: &App, key: &KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        // Ctrl-C quits from anywhere, whatever the keymap says.
        KeyCode::Char('c') if ctrl => Some(Action::QuitNow),
        KeyCode::Esc => Some(Action::SearchCancel),
        KeyCode::Enter => Some(Action::SearchSubmit),
        _ => edit_for_key(key).map(Action::SearchEdit).or_else(|| {
            if !ctrl {
                return None;
            }
            app.config
                .keymap
                .action_for(&KeyChord::from_event(key)?)
                .filter(|a| matches!(a, Action::Suspend | Action::Repaint | Action::Quit))
        }),
    }
}

/// The keys of a park number being typed; others go to the keymap.
fn park_number_key(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char(c @ '0'..='9') => Some(Action::ParkDigit(c as u8 - b'0')),
        KeyCode::Enter => Some(Action::ParkNumberDone),
        KeyCode::Backspace => Some(Action::ParkNumberBackspace),
        KeyCode::Esc => Some(Action::ParkNumberCancel),
        _ => None,
    }
}

/// The keymap's action for `key`; Ctrl-C quits whatever the keymap says.
fn keymap_key(app: &App, key: &KeyEvent, ctrl: bool) -> Option<Action> {
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::QuitNow);
    }
    app.config.keymap.action_for(&KeyChord::from_event(key)?)
}
