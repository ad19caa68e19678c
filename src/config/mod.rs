//! The configuration every command reads: the built-in `config.toml` with the user's
//! file merged over it, resolved into the data and layout settings.
//!
//! Only `[data]` and `[layout]` are read here. The reader's own sections (`[panes]`,
//! `[theme]`, `[keys]`, …) are kept as the parsed files' text in [`Config::sources`]
//! and checked by the reader alone (`crate::tui::config`), so a broken key binding
//! never stops `list`, `figures` or `read`.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::core::fetch::archive::has_articles;
use crate::core::fetch::source::{FetchSettings, Source};
use crate::core::layout::AmbiguousWidth;
use crate::core::sanitize::escape_for_terminal as printable;

/// The documented defaults, built into the binary.
pub const BUILTIN: &str = include_str!("../../config.toml");

/// The settings every command uses, resolved and checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// Pages, articles or folders read when none are given on the command line.
    pub data_paths: Vec<PathBuf>,
    /// Widest text column in cells; None: no limit.
    pub reading_width: Option<usize>,
    /// First-line indent of paragraphs, in full-width spaces.
    pub paragraph_indent: usize,
    pub ambiguous: AmbiguousWidth,
    /// The files merged, built-in first, for the reader to read its own sections from.
    pub sources: Vec<ConfigSource>,
    /// Where fetched and added articles are written (`[data] archive`).
    pub archive: PathBuf,
    /// `[fetch]`: what every request obeys.
    pub fetch: FetchSettings,
    /// `[[sources]]`: where `yuanqu fetch` brings news in from.
    pub news_sources: Vec<Source>,
}

/// The shared sections; the reader's sections pass through unread.
#[derive(Debug, Default, Deserialize)]
struct RawShared {
    data: Option<RawData>,
    layout: Option<RawLayout>,
    fetch: Option<RawFetch>,
    sources: Option<Vec<Spanned<sources::RawSource>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    paths: Option<Vec<String>>,
    archive: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFetch {
    timeout: Option<Spanned<u64>>,
    max_bytes: Option<Spanned<u64>>,
    user_agent: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    reading_width: Option<usize>,
    paragraph_indent: Option<Spanned<usize>>,
    ambiguous_width: Option<Spanned<String>>,
}

impl Config {
    /// The built-in defaults alone.
    pub fn builtin() -> Result<Config, ConfigError> {
        Config::merge(None)
    }

    /// The defaults with `user` (path, text) merged over them, setting by setting.
    pub fn merge(user: Option<(&Path, &str)>) -> Result<Config, ConfigError> {
        let mut config = Config {
            data_paths: Vec::new(),
            reading_width: None,
            paragraph_indent: 2,
            ambiguous: AmbiguousWidth::Narrow,
            sources: Vec::new(),
            archive: default_archive(),
            fetch: FetchSettings::default(),
            news_sources: Vec::new(),
        };
        let builtin = ConfigSource {
            name: BUILTIN_NAME.to_string(),
            text: BUILTIN.to_string(),
            dir: None,
        };
        config.apply(&builtin)?;
        config.sources.push(builtin);
        if let Some((path, text)) = user {
            let src = ConfigSource {
                name: printable(&path.display().to_string()),
                text: text.to_string(),
                dir: path.parent().map(Path::to_path_buf),
            };
            config.apply(&src)?;
            config.sources.push(src);
        }
        Ok(config)
    }

    /// Find and read the user's file: `--config`, else $YUANQU_CONFIG, else the XDG
    /// location. Missing explicit files are errors; a missing default file is fine.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
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

    fn apply(&mut self, src: &ConfigSource) -> Result<(), ConfigError> {
        let raw: RawShared = src.parse()?;
        if let Some(data) = raw.data {
            if let Some(paths) = data.paths {
                self.data_paths = paths.iter().map(|p| data_path(p, src)).collect();
            }
            if let Some(archive) = data.archive.filter(|a| !a.trim().is_empty()) {
                self.archive = data_path(&archive, src);
            }
        }
        if let Some(fetch) = raw.fetch {
            self.apply_fetch(fetch, src)?;
        }
        if let Some(list) = raw.sources {
            self.news_sources = sources::resolve(list, src)?;
        }
        if let Some(layout) = raw.layout {
            if let Some(w) = layout.reading_width {
                self.reading_width = (w > 0).then_some(w);
            }
            if let Some(indent) = layout.paragraph_indent {
                if *indent.get_ref() > 8 {
                    return Err(
                        src.error_at(indent.span().start, "paragraph_indent must be 0 to 8")
                    );
                }
                self.paragraph_indent = indent.into_inner();
            }
            if let Some(amb) = layout.ambiguous_width {
                self.ambiguous = match amb.get_ref().as_str() {
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
        Ok(())
    }
}

impl Config {
    fn apply_fetch(&mut self, fetch: RawFetch, src: &ConfigSource) -> Result<(), ConfigError> {
        if let Some(t) = fetch.timeout {
            if *t.get_ref() == 0 {
                return Err(src.error_at(t.span().start, "timeout must be at least 1 second"));
            }
            self.fetch.timeout = std::time::Duration::from_secs(t.into_inner());
        }
        if let Some(m) = fetch.max_bytes {
            if *m.get_ref() == 0 {
                return Err(src.error_at(m.span().start, "max_bytes must be more than 0"));
            }
            self.fetch.max_bytes = m.into_inner();
        }
        if let Some(agent) = fetch.user_agent.filter(|a| !a.trim().is_empty()) {
            self.fetch.user_agent = agent;
        }
        Ok(())
    }

    /// What commands and the reader read when no paths are given: `[data] paths`,
    /// and the archive once something is in it. Empty: the built-in collection.
    pub fn read_paths(&self) -> Vec<PathBuf> {
        let mut paths = self.data_paths.clone();
        if has_articles(&self.archive) && !paths.contains(&self.archive) {
            paths.push(self.archive.clone());
        }
        paths
    }
}

/// `$XDG_DATA_HOME/yuanqu/archive`, else `~/.local/share/yuanqu/archive`.
fn default_archive() -> PathBuf {
    let data_home = env("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from(".local/share"));
    data_home.join("yuanqu/archive")
}

fn env(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// A `[data] paths` entry: `~` and `~/…` are the home folder, as in a shell; other
/// relative paths are taken from the config file's folder.
fn data_path(entry: &str, src: &ConfigSource) -> PathBuf {
    let home = || env("HOME").map(PathBuf::from);
    if entry == "~" {
        if let Some(home) = home() {
            return home;
        }
    } else if let Some(rest) = entry.strip_prefix("~/") {
        if let Some(home) = home() {
            return home.join(rest);
        }
    }
    match &src.dir {
        Some(dir) if Path::new(entry).is_relative() => dir.join(entry),
        _ => PathBuf::from(entry),
    }
}

mod file;
mod sources;

pub use file::{ConfigError, ConfigSource, BUILTIN_NAME};

#[cfg(test)]
mod tests {
    use super::*;

    fn user(text: &str) -> Result<Config, ConfigError> {
        Config::merge(Some((
            Path::new("/home/u/.config/yuanqu/config.toml"),
            text,
        )))
    }

    #[test]
    fn defaults_come_from_the_builtin_file() {
        let config = Config::builtin().unwrap();
        assert_eq!(config.reading_width, Some(80));
        assert_eq!(config.paragraph_indent, 2);
        assert_eq!(config.ambiguous, AmbiguousWidth::Narrow);
        assert!(config.data_paths.is_empty());
        assert_eq!(config.sources.len(), 1);
        assert!(config.sources[0].is_builtin());
    }

    #[test]
    fn user_settings_merge_over_defaults() {
        let config = user(
            "[layout]\nambiguous_width = \"wide\"\nreading_width = 0\n\
             [data]\npaths = [\"pages\", \"/abs\"]\n",
        )
        .unwrap();
        assert_eq!(config.ambiguous, AmbiguousWidth::Wide);
        assert_eq!(config.reading_width, None, "0 means no limit");
        assert_eq!(
            config.paragraph_indent, 2,
            "untouched settings keep their default"
        );
        assert_eq!(
            config.data_paths,
            vec![
                PathBuf::from("/home/u/.config/yuanqu/pages"),
                PathBuf::from("/abs")
            ]
        );
        assert_eq!(config.sources.len(), 2);
    }

    #[test]
    fn tilde_in_data_paths_is_the_home_folder() {
        let home = PathBuf::from(std::env::var_os("HOME").expect("tests run with a HOME"));
        let config = user("[data]\npaths = [\"~/news\", \"~\", \"a~b\"]\n").unwrap();
        assert_eq!(
            config.data_paths,
            vec![
                home.join("news"),
                home,
                PathBuf::from("/home/u/.config/yuanqu/a~b")
            ]
        );
    }

    #[test]
    fn the_readers_sections_do_not_concern_the_commands() {
        // Broken bindings and colours are the reader's to report.
        let config = user(
            "[keys]\nteleport = [\"t\"]\nzoom = [\"hyper-z\"]\n\
             [theme]\nfigure = { fg = \"mauve\" }\n",
        )
        .unwrap();
        assert_eq!(config.reading_width, Some(80));
    }

    #[test]
    fn unknown_settings_and_bad_values_name_file_and_line() {
        let err = user("[layout]\nreading_width = 60\nreadng_width = 70\n").unwrap_err();
        assert_eq!(err.file, "/home/u/.config/yuanqu/config.toml");
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("readng_width"), "{err}");
        let err = user("[layout]\nambiguous_width = \"half\"\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = user("[layout]\nparagraph_indent = 9\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = user("[data]\npath = []\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
    }

    #[test]
    fn broken_toml_names_the_line_and_the_expected_value_in_words() {
        let err = user("[layout]\nreading_width = \n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        let err = user("[layout]\nreading_width = \"wide\"\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert!(!err.message.contains("usize"), "{err}");
        assert!(err.message.contains("whole number"), "{err}");
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Config::load(Some(Path::new("/nonexistent/yuanqu.toml"))).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/yuanqu.toml"));
    }

    #[test]
    fn sources_are_checked_and_errors_name_their_table() {
        use crate::core::fetch::source::{Follow, SourceKind};
        let config = user(
            "[[sources]]\nname = \"a\"\nurl = \"https://x.example/rss\"\nfollow = true\n\
             [[sources]]\nname = \"b\"\nkind = \"stdaily\"\nurl = \"https://api.example\"\n\
             pages = [\"园区\"]\nsince = \"2025-03-01\"\n",
        )
        .unwrap();
        assert_eq!(config.news_sources.len(), 2);
        assert!(matches!(
            config.news_sources[0].kind,
            SourceKind::Feed {
                follow: Follow::Always,
                ..
            }
        ));
        match &config.news_sources[1].kind {
            SourceKind::Stdaily { editions, .. } => {
                assert_eq!(editions.pages, ["园区"]);
                assert_eq!(
                    editions.since.map(|d| d.to_string()).as_deref(),
                    Some("2025-03-01")
                );
            }
            other => panic!("{other:?}"),
        }
        for (text, line, words) in [
            ("[[sources]]\nname = \"a\"\nurl = \"x\"\n", 1, "http"),
            ("[[sources]]\nurl = \"http://x\"\n", 1, "needs a name"),
            ("[[sources]]\nname = \"a\"\nurl = \"http://x\"\n\n[[sources]]\nname = \"a\"\nurl = \"http://y\"\n", 5, "unique"),
            ("[[sources]]\nname = \"a\"\nurl = \"http://x\"\nfollow = \"yes\"\n", 1, "follow must be"),
            ("[[sources]]\nname = \"a\"\nurl = \"http://x\"\npages = [\"园区\"]\n", 1, "does not apply"),
            ("[[sources]]\nname = \"a\"\nkind = \"epaper\"\nurl = \"http://x\"\nsince = \"2025\"\n", 1, "since must be"),
            ("[fetch]\ntimeout = 0\n", 2, "at least 1"),
        ] {
            let err = user(text).unwrap_err();
            assert_eq!(err.line, Some(line), "{text}: {err}");
            assert!(err.message.contains(words), "{text}: {err}");
        }
    }

    #[test]
    fn the_archive_defaults_under_the_data_home_and_is_read_once_it_has_articles() {
        let config = user("[data]\narchive = \"news\"\n").unwrap();
        assert_eq!(config.archive, PathBuf::from("/home/u/.config/yuanqu/news"));
        assert!(
            config.read_paths().is_empty(),
            "a missing archive adds nothing"
        );
    }
}
