//! Terminal events to actions: the keymap in normal use, plain typing in the search prompt.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, SearchMode};
use super::keymap::KeyChord;

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
                super::dispatch(app, action);
            }
            let plain = KeyEvent {
                modifiers: key.modifiers - KeyModifiers::ALT,
                ..*key
            };
            if let Some(action) = action_for_key(app, &plain) {
                super::dispatch(app, action);
            }
            return;
        }
    }
    if let Some(action) = action_for_event(app, event) {
        super::dispatch(app, action);
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
    if app.search.mode == SearchMode::Typing {
        return match key.code {
            // Ctrl-C quits from anywhere, whatever the keymap says.
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            // Control keys are never typed: suspend and repaint work here too.
            KeyCode::Char(_) if ctrl => app
                .config
                .keymap
                .action_for(&KeyChord::from_event(key)?)
                .filter(|a| matches!(a, Action::Suspend | Action::Repaint | Action::Quit)),
            KeyCode::Esc => Some(Action::SearchCancel),
            KeyCode::Enter => Some(Action::SearchSubmit),
            KeyCode::Backspace => Some(Action::SearchBackspace),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::ALT) => {
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
