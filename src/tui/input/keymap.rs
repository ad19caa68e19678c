//! Keys: parsing the config's key names, and the active map from keys to actions.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::{Action, BINDABLE};

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    pub code: KeyCodeName,
    pub ctrl: bool,
    pub alt: bool,
    /// Shift on a key that has no case (`shift-up`); on characters shift is already
    /// in the case (`G`), and `shift-tab` is [`KeyCodeName::BackTab`].
    pub shift: bool,
}

/// The key codes a binding may name (crossterm's `KeyCode` is not `Ord`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeName {
    Char(char),
    F(u8),
    Tab,
    BackTab,
    Enter,
    Esc,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

const NAMED: &[(&str, KeyCodeName)] = &[
    ("tab", KeyCodeName::Tab),
    ("shift-tab", KeyCodeName::BackTab),
    ("backtab", KeyCodeName::BackTab),
    ("enter", KeyCodeName::Enter),
    ("esc", KeyCodeName::Esc),
    ("backspace", KeyCodeName::Backspace),
    ("delete", KeyCodeName::Delete),
    ("insert", KeyCodeName::Insert),
    ("up", KeyCodeName::Up),
    ("down", KeyCodeName::Down),
    ("left", KeyCodeName::Left),
    ("right", KeyCodeName::Right),
    ("home", KeyCodeName::Home),
    ("end", KeyCodeName::End),
    ("pageup", KeyCodeName::PageUp),
    ("pagedown", KeyCodeName::PageDown),
    ("space", KeyCodeName::Char(' ')),
];

impl KeyChord {
    pub const fn plain(code: KeyCodeName) -> Self {
        KeyChord {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parse `q`, `G`, `ctrl-d`, `alt-x`, `shift-tab`, `pagedown`, `f5`, `space`, `-`.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut rest = text;
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        // A lone "-" is the minus key, so only strip prefixes that leave something behind.
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else if lower.starts_with("shift-") && rest.len() > 6 && lower != "shift-tab" {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                let c = if shift {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                // Ctrl combines with the letter, not its case: ctrl-D is ctrl-d.
                KeyCodeName::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => {
                if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    *code
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCodeName::F(n)
                } else {
                    return Err(format!("unknown key name {text:?}"));
                }
            }
        };
        // Shift is carried only where the code does not already say it.
        let (code, shift) = match code {
            KeyCodeName::Tab if shift => (KeyCodeName::BackTab, false),
            KeyCodeName::Char(_) | KeyCodeName::BackTab => (code, false),
            _ => (code, shift),
        };
        Ok(KeyChord {
            code,
            ctrl,
            alt,
            shift,
        })
    }

    /// The chord a terminal key event stands for, if it is one we can bind.
    pub fn from_event(event: &KeyEvent) -> Option<KeyChord> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            // Shift is already in the char's case.
            KeyCode::Char(c) => KeyCodeName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeName::F(n),
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCodeName::BackTab,
            KeyCode::Tab => KeyCodeName::Tab,
            KeyCode::BackTab => KeyCodeName::BackTab,
            KeyCode::Enter => KeyCodeName::Enter,
            KeyCode::Esc => KeyCodeName::Esc,
            KeyCode::Backspace => KeyCodeName::Backspace,
            KeyCode::Delete => KeyCodeName::Delete,
            KeyCode::Insert => KeyCodeName::Insert,
            KeyCode::Up => KeyCodeName::Up,
            KeyCode::Down => KeyCodeName::Down,
            KeyCode::Left => KeyCodeName::Left,
            KeyCode::Right => KeyCodeName::Right,
            KeyCode::Home => KeyCodeName::Home,
            KeyCode::End => KeyCodeName::End,
            KeyCode::PageUp => KeyCodeName::PageUp,
            KeyCode::PageDown => KeyCodeName::PageDown,
            _ => return None,
        };
        let shift = event.modifiers.contains(KeyModifiers::SHIFT)
            && !matches!(code, KeyCodeName::Char(_) | KeyCodeName::BackTab);
        Some(KeyChord {
            code,
            ctrl,
            alt,
            shift,
        })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCodeName::Char(' ') => f.write_str("space"),
            KeyCodeName::Char(c) => write!(f, "{c}"),
            KeyCodeName::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == other)
                    .map_or("?", |(n, _)| *n);
                f.write_str(name)
            }
        }
    }
}

/// The active bindings: for each bindable action its keys, and the reverse lookup.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// In `BINDABLE` order, so help lists actions in a stable order.
    pub bindings: Vec<(Action, Vec<KeyChord>)>,
    lookup: HashMap<KeyChord, Action>,
}

impl Keymap {
    /// Build from per-action key lists; the caller has already rejected conflicts.
    pub fn new(bindings: impl IntoIterator<Item = (Action, Vec<KeyChord>)>) -> Keymap {
        let mut by_action: HashMap<Action, Vec<KeyChord>> = bindings.into_iter().collect();
        let mut ordered = Vec::new();
        let mut lookup = HashMap::new();
        for (_, action, _) in BINDABLE {
            let keys = by_action.remove(action).unwrap_or_default();
            for k in &keys {
                lookup.insert(*k, *action);
            }
            ordered.push((*action, keys));
        }
        Keymap {
            bindings: ordered,
            lookup,
        }
    }

    pub fn action_for(&self, chord: &KeyChord) -> Option<Action> {
        self.lookup.get(chord).copied()
    }

    pub fn keys_for(&self, action: Action) -> &[KeyChord] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// The first key of an action, for hints such as "? help".
    pub fn hint(&self, action: Action) -> String {
        self.keys_for(action)
            .first()
            .map_or_else(String::new, |k| k.to_string())
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::input::keymap::*;

    #[test]
    fn parses_names_and_modifiers() {
        assert_eq!(
            KeyChord::parse("q"),
            Ok(KeyChord::plain(KeyCodeName::Char('q')))
        );
        assert_eq!(
            KeyChord::parse("G"),
            Ok(KeyChord::plain(KeyCodeName::Char('G')))
        );
        assert_eq!(
            KeyChord::parse("shift-g"),
            Ok(KeyChord::plain(KeyCodeName::Char('G')))
        );
        assert_eq!(
            KeyChord::parse("-"),
            Ok(KeyChord::plain(KeyCodeName::Char('-')))
        );
        assert_eq!(
            KeyChord::parse("shift-tab"),
            Ok(KeyChord::plain(KeyCodeName::BackTab))
        );
        assert_eq!(
            KeyChord::parse("PageDown"),
            Ok(KeyChord::plain(KeyCodeName::PageDown))
        );
        assert_eq!(
            KeyChord::parse("f12"),
            Ok(KeyChord::plain(KeyCodeName::F(12)))
        );
        let ctrl_d = KeyChord::parse("ctrl-D").unwrap();
        assert!(ctrl_d.ctrl);
        assert_eq!(ctrl_d.code, KeyCodeName::Char('d'));
        assert!(KeyChord::parse("hyper-x").is_err());
        assert!(KeyChord::parse("").is_err());
        assert!(KeyChord::parse("f13").is_err());
    }

    #[test]
    fn events_match_parsed_chords() {
        let shifted_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&shifted_g), KeyChord::parse("G").ok());
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            KeyChord::from_event(&ctrl_c),
            KeyChord::parse("ctrl-c").ok()
        );
        let shift_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            KeyChord::from_event(&shift_tab),
            KeyChord::parse("shift-tab").ok()
        );
    }

    #[test]
    fn shift_on_keys_without_case_is_kept() {
        let shift_up = KeyChord::parse("shift-up").unwrap();
        assert_ne!(
            shift_up,
            KeyChord::parse("up").unwrap(),
            "shift-up is not up"
        );
        assert!(shift_up.shift);
        let event = KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&event), Some(shift_up));
        let plain = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_ne!(KeyChord::from_event(&plain), Some(shift_up));
        // On characters shift is the case, as the terminal sends it.
        assert_eq!(KeyChord::parse("shift-g"), KeyChord::parse("G"));
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::from_event(&shifted), KeyChord::parse("G").ok());
        assert_eq!(shift_up.to_string(), "shift-up");
    }

    #[test]
    fn display_round_trips() {
        for name in [
            "q",
            "ctrl-d",
            "space",
            "backtab",
            "pagedown",
            "f5",
            "G",
            "[",
            "shift-up",
            "ctrl-shift-f5",
        ] {
            let chord = KeyChord::parse(name).unwrap();
            assert_eq!(KeyChord::parse(&chord.to_string()), Ok(chord), "{name}");
        }
    }
}
