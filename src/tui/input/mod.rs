//! Terminal events to actions: the keymap in normal use, plain typing in the search prompt.

pub mod keymap;
pub mod prompt;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::action::Action;
use crate::tui::app::{App, SearchMode};
use crate::tui::input::keymap::KeyChord;
use crate::tui::input::prompt::edit_for_key;

/// Apply one terminal event, as the event loop does.
///
/// Over a laggy link an `Esc` and the next key arrive in one read, and crossterm
/// reads them as Alt-key. In the search prompt, and wherever that Alt-key is bound to
/// nothing, it is taken as what it was: `Esc` (closing the prompt, or whatever Esc is
/// bound to), then the key.
pub fn handle_event(app: &mut App, event: &Event) {
    if let Event::Key(key) = event {
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let typing = app.search.mode == SearchMode::Typing;
        let unbound =
            || KeyChord::from_event(key).is_none_or(|c| app.config.keymap.action_for(&c).is_none());
        if alt && matches!(key.code, KeyCode::Char(_)) && (typing || unbound()) {
            let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
            if let Some(action) = action_for_key(app, &esc) {
                crate::tui::dispatch(app, action);
            }
            let plain = KeyEvent {
                modifiers: key.modifiers - KeyModifiers::ALT,
                ..*key
            };
            if let Some(action) = action_for_key(app, &plain) {
                crate::tui::dispatch(app, action);
            }
            return;
        }
    }
    if let Some(action) = action_for_event(app, event) {
        crate::tui::dispatch(app, action);
    }
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
    if ctrl && key.code == KeyCode::Char('c') {
        // Ctrl-C quits from anywhere, whatever the keymap says.
        if app.confirm.is_some() || app.pipe_prompt.is_some() {
            return Some(Action::QuitNow);
        }
    }
    // A y/n question: y is yes, any other key no.
    if app.confirm.is_some() {
        return Some(match key.code {
            KeyCode::Char('y' | 'Y') => Action::ConfirmYes,
            _ => Action::ConfirmNo,
        });
    }
    if app.pipe_prompt.is_some() {
        return match key.code {
            KeyCode::Esc => Some(Action::PipeCancel),
            KeyCode::Enter => Some(Action::PipeSubmit),
            _ => edit_for_key(key).map(Action::PipeEdit),
        };
    }
    let editing_filter = app.figure_table.as_ref().is_some_and(|t| t.editing);
    if app.search.mode == SearchMode::Typing || editing_filter {
        return match key.code {
            // Ctrl-C quits from anywhere, whatever the keymap says.
            KeyCode::Char('c') if ctrl => Some(Action::QuitNow),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Enter => Some(Action::SearchSubmit),
            _ => edit_for_key(key).map(Action::SearchEdit).or_else(|| {
                // Control keys that edit nothing are never typed: suspend and repaint
                // work here too.
                if !ctrl {
                    return None;
                }
                app.config
                    .keymap
                    .action_for(&KeyChord::from_event(key)?)
                    .filter(|a| matches!(a, Action::Suspend | Action::Repaint | Action::Quit))
            }),
        };
    }
    if app.finder.is_some() {
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Esc => Some(Action::FinderCancel),
            KeyCode::Enter => Some(Action::FinderSubmit),
            KeyCode::Up => Some(Action::FinderUp),
            KeyCode::Down => Some(Action::FinderDown),
            _ => edit_for_key(key).map(Action::FinderEdit),
        };
    }
    if app.park_number.is_some() && !ctrl {
        match key.code {
            KeyCode::Char(c @ '0'..='9') => return Some(Action::ParkDigit(c as u8 - b'0')),
            KeyCode::Enter => return Some(Action::ParkNumberDone),
            KeyCode::Backspace => return Some(Action::ParkNumberBackspace),
            KeyCode::Esc => return Some(Action::ParkNumberCancel),
            _ => {}
        }
    }
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::QuitNow);
    }
    app.config.keymap.action_for(&KeyChord::from_event(key)?)
}
