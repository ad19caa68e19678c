//! The reader's configuration: the shared settings (`crate::config`) plus the sections
//! only the reader reads — panes, theme and keys — from the same files.
//!
//! These sections are checked here and nowhere else, so a broken binding or colour
//! stops the reader with file:line but never `list`, `figures` or `read`.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::Spanned;

pub use crate::config::ConfigError;
use crate::config::{ConfigSource, BUILTIN_NAME};
use crate::core::sanitize::escape_for_terminal as printable;
use crate::tui::action::{Action, BINDABLE};
use crate::tui::input::keymap::{KeyChord, Keymap};
use crate::tui::theme::{Colour, ColourPair, Element, ELEMENTS};

/// Everything the reader is configured with, resolved and checked. The shared
/// settings (data paths, layout) are reached through it as `config.reading_width`.
#[derive(Debug, Clone)]
pub struct Config {
    pub shared: crate::config::Config,
    pub parks_width: u16,
    pub highlights_width: u16,
    /// `[state] save`: read and write the reading state file.
    pub state_save: bool,
    /// `[reader] space_continues`: page down at an article's end opens the next one.
    pub space_continues: bool,
    pub colours: Vec<(Element, ColourPair)>,
    pub keymap: Keymap,
    /// `[terminal] scroll_region`: scroll the terminal (DECSTBM) for full-width scrolls.
    pub scroll_region: bool,
    /// `[copy] osc52`: `y` copies through the terminal (OSC 52).
    pub osc52: bool,
}

/// The reader's settings extend the shared ones, which every command reads.
impl Deref for Config {
    type Target = crate::config::Config;

    fn deref(&self) -> &crate::config::Config {
        &self.shared
    }
}

/// A config file as the reader reads it: its own sections, the shared ones passed over.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReaderFile {
    /// Read by `crate::config`.
    #[allow(dead_code)]
    data: Option<IgnoredAny>,
    #[allow(dead_code)]
    layout: Option<IgnoredAny>,
    #[allow(dead_code)]
    fetch: Option<IgnoredAny>,
    #[allow(dead_code)]
    sources: Option<IgnoredAny>,
    panes: Option<RawPanes>,
    state: Option<RawState>,
    reader: Option<RawReader>,
    theme: Option<BTreeMap<String, Spanned<RawColours>>>,
    keys: Option<BTreeMap<String, Spanned<Vec<Spanned<String>>>>>,
    terminal: Option<RawTerminal>,
    copy: Option<RawCopy>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerminal {
    scroll_region: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCopy {
    osc52: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPanes {
    parks_width: Option<Spanned<u16>>,
    highlights_width: Option<Spanned<u16>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    save: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReader {
    space_continues: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColours {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
}

/// Where a key binding came from, to name it in conflict errors.
#[derive(Debug, Clone)]
struct Origin {
    file: String,
    line: usize,
}

/// The merge in progress: later layers override earlier ones, setting by setting.
struct Builder {
    config: Config,
    keys: BTreeMap<Action, Vec<(KeyChord, Origin)>>,
}

impl Builder {
    fn apply(&mut self, src: &ConfigSource) -> Result<(), ConfigError> {
        let raw: RawReaderFile = src.parse()?;
        let c = &mut self.config;
        if let Some(panes) = raw.panes {
            for (value, target) in [
                (panes.parks_width, &mut c.parks_width),
                (panes.highlights_width, &mut c.highlights_width),
            ] {
                if let Some(value) = value {
                    if !(8..=200).contains(value.get_ref()) {
                        return Err(
                            src.error_at(value.span().start, "pane widths must be 8 to 200")
                        );
                    }
                    *target = value.into_inner();
                }
            }
        }
        if let Some(save) = raw.state.and_then(|s| s.save) {
            c.state_save = save;
        }
        if let Some(on) = raw.reader.and_then(|r| r.space_continues) {
            c.space_continues = on;
        }
        if let Some(value) = raw.terminal.and_then(|t| t.scroll_region) {
            c.scroll_region = value;
        }
        if let Some(value) = raw.copy.and_then(|t| t.osc52) {
            c.osc52 = value;
        }
        for (name, colours) in raw.theme.unwrap_or_default() {
            let at = colours.span().start;
            let element = Element::from_name(&name).ok_or_else(|| {
                let known: Vec<&str> = ELEMENTS.iter().map(|(n, _)| *n).collect();
                src.error_at(
                    at,
                    format!(
                        "unknown theme element {name:?}; known: {}",
                        known.join(", ")
                    ),
                )
            })?;
            let colours = colours.into_inner();
            let index = match c.colours.iter().position(|(e, _)| *e == element) {
                Some(i) => i,
                None => {
                    c.colours.push((element, ColourPair::default()));
                    c.colours.len() - 1
                }
            };
            let pair = &mut c.colours[index].1;
            for (value, target) in [(colours.fg, &mut pair.fg), (colours.bg, &mut pair.bg)] {
                if let Some(value) = value {
                    *target = Colour::parse(value.get_ref())
                        .map_err(|m| src.error_at(value.span().start, m))?;
                }
            }
        }
        for (name, keys) in raw.keys.unwrap_or_default() {
            let at = keys.span().start;
            let action = Action::from_name(&name)
                .ok_or_else(|| src.error_at(at, format!("unknown action {name:?} in [keys]")))?;
            let mut parsed = Vec::new();
            for key in keys.into_inner() {
                let chord = KeyChord::parse(key.get_ref())
                    .map_err(|m| src.error_at(key.span().start, m))?;
                let origin = Origin {
                    file: src.name.clone(),
                    line: src.line_of(key.span().start),
                };
                if !parsed.iter().any(|(k, _)| *k == chord) {
                    parsed.push((chord, origin));
                }
            }
            // Setting an action replaces its keys.
            self.keys.insert(action, parsed);
        }
        Ok(())
    }

    fn finish(self) -> Result<Config, ConfigError> {
        // Report the binding read last (the user's file, the later line): the one to fix.
        let rank = |o: &Origin| (o.file != BUILTIN_NAME, o.line);
        let mut bindings: Vec<(KeyChord, Action, &Origin)> = self
            .keys
            .iter()
            .flat_map(|(a, keys)| keys.iter().map(move |(k, o)| (*k, *a, o)))
            .collect();
        bindings.sort_by_key(|(_, _, o)| std::cmp::Reverse(rank(o)));
        for (i, (chord, action, origin)) in bindings.iter().enumerate() {
            if let Some((_, other, other_origin)) = bindings[i + 1..]
                .iter()
                .find(|(k, a, _)| k == chord && a != action)
            {
                return Err(ConfigError {
                    file: origin.file.clone(),
                    line: Some(origin.line),
                    message: format!(
                        "key {} is bound to both {} and {} ({}:{}); one key, one action",
                        printable(&chord.to_string()),
                        action.name().unwrap_or("?"),
                        other.name().unwrap_or("?"),
                        other_origin.file,
                        other_origin.line
                    ),
                });
            }
        }
        let mut config = self.config;
        config.keymap = Keymap::new(
            self.keys
                .into_iter()
                .map(|(a, keys)| (a, keys.into_iter().map(|(k, _)| k).collect())),
        );
        Ok(config)
    }
}

impl Config {
    /// The built-in defaults alone.
    pub fn builtin() -> Result<Config, ConfigError> {
        Config::from_shared(crate::config::Config::builtin()?)
    }

    /// The defaults with `user` (path, text) merged over them.
    pub fn merge(user: Option<(&Path, &str)>) -> Result<Config, ConfigError> {
        Config::from_shared(crate::config::Config::merge(user)?)
    }

    /// The user's file, found as every command finds it (`crate::config::Config::load`).
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        Config::from_shared(crate::config::Config::load(explicit)?)
    }

    /// Read the reader's sections from the files the shared settings came from.
    pub fn from_shared(shared: crate::config::Config) -> Result<Config, ConfigError> {
        let sources = shared.sources.clone();
        let mut builder = Builder {
            config: Config {
                shared,
                parks_width: 28,
                highlights_width: 34,
                state_save: true,
                space_continues: true,
                colours: Vec::new(),
                keymap: Keymap::default(),
                scroll_region: true,
                osc52: true,
            },
            keys: BTreeMap::new(),
        };
        for src in &sources {
            builder.apply(src)?;
        }
        builder.finish()
    }

    /// Every bindable action has at least one key in the defaults.
    pub fn unbound_actions(&self) -> Vec<&'static str> {
        BINDABLE
            .iter()
            .filter(|(_, a, _)| self.keymap.keys_for(*a).is_empty())
            .map(|(n, _, _)| *n)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::core::layout::AmbiguousWidth;
    use crate::tui::config::*;
    use crate::tui::input::keymap::KeyCodeName;

    fn user(text: &str) -> Result<Config, ConfigError> {
        Config::merge(Some((
            Path::new("/home/u/.config/yuanqu/config.toml"),
            text,
        )))
    }

    fn chord(name: &str) -> KeyChord {
        KeyChord::parse(name).unwrap()
    }

    #[test]
    fn builtin_binds_every_action_and_sets_every_element() {
        let config = Config::builtin().unwrap();
        assert!(
            config.unbound_actions().is_empty(),
            "{:?}",
            config.unbound_actions()
        );
        for (_, element) in ELEMENTS {
            assert!(
                config.colours.iter().any(|(e, _)| e == element),
                "{element:?}"
            );
        }
        assert_eq!(config.keymap.action_for(&chord("q")), Some(Action::Quit));
        assert_eq!(
            config.keymap.action_for(&chord("ctrl-c")),
            Some(Action::Quit)
        );
        assert_eq!(config.keymap.action_for(&chord("6")), Some(Action::Park(6)));
        assert_eq!(config.keymap.action_for(&chord("G")), Some(Action::Bottom));
        assert_eq!(config.reading_width, Some(80));
        assert_eq!(config.ambiguous, AmbiguousWidth::Narrow);
    }

    #[test]
    fn user_settings_merge_over_defaults() {
        let config = user(
            "[layout]\nambiguous_width = \"wide\"\nreading_width = 0\n\
             [panes]\nparks_width = 30\n\
             [theme]\nfigure = { fg = \"red\" }\n\
             [keys]\nzoom = [\"Z\", \"f2\"]\n\
             [data]\npaths = [\"pages\", \"/abs\"]\n",
        )
        .unwrap();
        assert_eq!(config.ambiguous, AmbiguousWidth::Wide);
        assert_eq!(config.reading_width, None);
        assert_eq!(config.parks_width, 30);
        assert_eq!(
            config.highlights_width, 34,
            "untouched settings keep their default"
        );
        assert_eq!(config.keymap.action_for(&chord("Z")), Some(Action::Zoom));
        assert_eq!(config.keymap.action_for(&chord("f2")), Some(Action::Zoom));
        assert_eq!(
            config.keymap.action_for(&chord("z")),
            None,
            "setting an action replaces its keys"
        );
        assert_eq!(config.keymap.action_for(&chord("q")), Some(Action::Quit));
        let figure = config
            .colours
            .iter()
            .find(|(e, _)| *e == Element::Figure)
            .unwrap()
            .1;
        assert_eq!(figure.fg, Colour::Ansi(ratatui::style::Color::Red));
        assert_eq!(figure.bg, Colour::Default, "bg keeps its default");
        assert_eq!(
            config.data_paths,
            vec![
                PathBuf::from("/home/u/.config/yuanqu/pages"),
                PathBuf::from("/abs")
            ]
        );
    }

    #[test]
    fn unknown_keys_name_file_and_line() {
        let err = user("[layout]\nreading_width = 60\nreadng_width = 70\n").unwrap_err();
        assert_eq!(err.file, "/home/u/.config/yuanqu/config.toml");
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("readng_width"), "{err}");
        let err = user("\n[colours]\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = user("[keys]\n\nteleport = [\"t\"]\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("teleport"));
        let err = user("[theme]\nfigure = { fg = \"mauve\" }\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = user("[theme]\nfigure = { fg = \"red\", underline = true }\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = user("[layout]\nambiguous_width = \"half\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = user("[keys]\nzoom = [\"hyper-z\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn one_key_for_two_actions_is_an_error() {
        // Against a default binding that the user left alone.
        let err = user("[keys]\n# zoom with q\nzoom = [\"q\"]\n").unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(
            err.message.contains("zoom") && err.message.contains("quit"),
            "{err}"
        );
        assert!(err.message.contains(BUILTIN_NAME), "{err}");
        // Two of the user's own bindings.
        let err = user("[keys]\nzoom = [\"x\"]\nhelp = [\"x\"]\n").unwrap_err();
        assert_eq!(err.file, "/home/u/.config/yuanqu/config.toml");
        assert_eq!(err.line, Some(3), "{err}");
        // Moving a key is fine when its old action is rebound too.
        let config = user("[keys]\nzoom = [\"q\"]\nquit = [\"ctrl-q\"]\n").unwrap();
        assert_eq!(config.keymap.action_for(&chord("q")), Some(Action::Zoom));
        let ctrl_q = KeyChord {
            code: KeyCodeName::Char('q'),
            ctrl: true,
            alt: false,
            shift: false,
        };
        assert_eq!(config.keymap.action_for(&ctrl_q), Some(Action::Quit));
    }

    #[test]
    fn the_reader_checks_what_the_commands_pass_over() {
        // `crate::config` accepts these (its tests say so); the reader does not.
        let err = user("[keys]\nteleport = [\"t\"]\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = user("[theme]\nfigure = { fg = \"mauve\" }\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        // The shared sections are still checked when the reader loads them.
        let err = user("[layout]\nreadng_width = 70\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/yuanqu.toml"))).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/yuanqu.toml"));
    }
}
