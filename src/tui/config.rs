//! Reader configuration: the built-in `config.toml`, with the user's file merged over it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::action::{Action, BINDABLE};
use super::keymap::{KeyChord, Keymap};
use super::theme::{Colour, ColourPair, Element, ELEMENTS};
use crate::core::layout::AmbiguousWidth;
use crate::core::sanitize::escape_for_terminal as printable;

/// The documented defaults, built into the binary.
pub const BUILTIN: &str = include_str!("../../config.toml");
const BUILTIN_NAME: &str = "built-in config.toml";

/// Everything the reader is configured with, resolved and checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_paths: Vec<PathBuf>,
    /// None: no limit.
    pub reading_width: Option<usize>,
    pub paragraph_indent: usize,
    pub ambiguous: AmbiguousWidth,
    pub parks_width: u16,
    pub highlights_width: u16,
    pub three_pane_min_width: u16,
    pub two_pane_min_width: u16,
    pub colours: Vec<(Element, ColourPair)>,
    pub keymap: Keymap,
    /// `[terminal] scroll_region`: scroll the terminal (DECSTBM) for full-width scrolls.
    pub scroll_region: bool,
    /// `[copy] osc52`: `y` copies through the terminal (OSC 52).
    pub osc52: bool,
}

/// A config problem, naming the file and (when known) the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    data: Option<RawData>,
    layout: Option<RawLayout>,
    panes: Option<RawPanes>,
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
struct RawData {
    paths: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    reading_width: Option<usize>,
    paragraph_indent: Option<Spanned<usize>>,
    ambiguous_width: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPanes {
    parks_width: Option<Spanned<u16>>,
    highlights_width: Option<Spanned<u16>>,
    three_pane_min_width: Option<u16>,
    two_pane_min_width: Option<u16>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColours {
    fg: Option<Spanned<String>>,
    bg: Option<Spanned<String>>,
}

/// One parsed file with what is needed to point at its lines.
struct Source<'a> {
    name: String,
    text: &'a str,
    /// Folder that relative data paths are taken from.
    dir: Option<PathBuf>,
}

impl Source<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn error_at(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.name.clone(),
            line: Some(self.line_of(offset)),
            message: printable(&message.into()),
        }
    }

    fn parse(&self) -> Result<RawConfig, ConfigError> {
        toml::from_str(self.text).map_err(|e| ConfigError {
            file: self.name.clone(),
            line: e.span().map(|s| self.line_of(s.start)),
            message: printable(e.message().trim()),
        })
    }
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
    fn apply(&mut self, raw: RawConfig, src: &Source) -> Result<(), ConfigError> {
        let c = &mut self.config;
        if let Some(paths) = raw.data.and_then(|d| d.paths) {
            c.data_paths = paths
                .iter()
                .map(|p| match &src.dir {
                    Some(dir) if Path::new(p).is_relative() => dir.join(p),
                    _ => PathBuf::from(p),
                })
                .collect();
        }
        if let Some(layout) = raw.layout {
            if let Some(w) = layout.reading_width {
                c.reading_width = (w > 0).then_some(w);
            }
            if let Some(indent) = layout.paragraph_indent {
                if *indent.get_ref() > 8 {
                    return Err(
                        src.error_at(indent.span().start, "paragraph_indent must be 0 to 8")
                    );
                }
                c.paragraph_indent = indent.into_inner();
            }
            if let Some(amb) = layout.ambiguous_width {
                c.ambiguous = match amb.get_ref().as_str() {
                    "narrow" => AmbiguousWidth::Narrow,
                    "wide" => AmbiguousWidth::Wide,
                    other => {
                        return Err(src.error_at(
                            amb.span().start,
                            format!(
                                "ambiguous_width must be \"narrow\" or \"wide\", not {other:?}"
                            ),
                        ))
                    }
                };
            }
        }
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
            if let Some(w) = panes.three_pane_min_width {
                c.three_pane_min_width = w;
            }
            if let Some(w) = panes.two_pane_min_width {
                c.two_pane_min_width = w;
            }
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
        Config::merge(None)
    }

    /// The defaults with `user` (name, text) merged over them.
    pub fn merge(user: Option<(&Path, &str)>) -> Result<Config, ConfigError> {
        let mut builder = Builder {
            config: Config {
                data_paths: Vec::new(),
                reading_width: None,
                paragraph_indent: 2,
                ambiguous: AmbiguousWidth::Narrow,
                parks_width: 28,
                highlights_width: 34,
                three_pane_min_width: 100,
                two_pane_min_width: 50,
                colours: Vec::new(),
                keymap: Keymap::default(),
                scroll_region: true,
                osc52: true,
            },
            keys: BTreeMap::new(),
        };
        let builtin = Source {
            name: BUILTIN_NAME.to_string(),
            text: BUILTIN,
            dir: None,
        };
        builder.apply(builtin.parse()?, &builtin)?;
        if let Some((path, text)) = user {
            let src = Source {
                name: printable(&path.display().to_string()),
                text,
                dir: path.parent().map(Path::to_path_buf),
            };
            builder.apply(src.parse()?, &src)?;
        }
        builder.finish()
    }

    /// Find and read the user's file: `--config`, else $YUANQU_CONFIG, else the XDG
    /// location. Missing explicit files are errors; a missing default file is fine.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let (path, required) = if let Some(p) = explicit {
            (Some(p.to_path_buf()), true)
        } else if let Some(p) = env("YUANQU_CONFIG") {
            (Some(PathBuf::from(p)), true)
        } else if let Some(dir) = env("XDG_CONFIG_HOME") {
            (Some(PathBuf::from(dir).join("yuanqu/config.toml")), false)
        } else {
            (
                env("HOME").map(|h| PathBuf::from(h).join(".config/yuanqu/config.toml")),
                false,
            )
        };
        let Some(path) = path else {
            return Config::builtin();
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::merge(Some((&path, &text))),
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Config::builtin(),
            Err(e) => Err(ConfigError {
                file: printable(&path.display().to_string()),
                line: None,
                message: format!("cannot read: {e}"),
            }),
        }
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
    use super::*;
    use crate::tui::keymap::KeyCodeName;

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
        };
        assert_eq!(config.keymap.action_for(&ctrl_q), Some(Action::Quit));
    }

    #[test]
    fn broken_toml_names_the_line() {
        let err = user("[layout]\nreading_width = \n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = user("[layout]\nreading_width = \"wide\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/yuanqu.toml"))).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/yuanqu.toml"));
    }
}
