//! What can go wrong in a command, as one type: each variant carries what it is
//! about (the file, the id, the option) and its cause, is shown by one `Display`,
//! and knows its exit status (1 for bad input and failures, 2 for usage errors).

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::ConfigError;
use crate::core::collection::FileError;
use crate::core::sanitize::escape_for_terminal;

/// Exit status for bad input (a file that cannot be read or parsed) and for
/// commands that failed.
pub const EXIT_BAD_INPUT: u8 = 1;
/// Exit status for a command line that names what is not there (`fetch NOSUCH`).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug)]
pub enum CliError {
    /// The configuration file is broken (its message names the file and line).
    Config(ConfigError),
    /// A page or article file that cannot be read or parsed.
    File(FileError),
    /// A page on standard input (or another stream) that cannot be read.
    Read { path: PathBuf, source: io::Error },
    /// A page larger than the loader takes.
    TooLarge { path: PathBuf, limit_mib: u64 },
    /// Printing failed (a closed pipe is no failure).
    Output(io::Error),
    /// Articles that cannot be written as TOML.
    Toml(toml::ser::Error),
    /// A file the command writes (`report -o`) that cannot be written.
    Write { path: PathBuf, source: io::Error },
    /// `--park`, `--since` or `--until` of `list` and `figures` that do not parse.
    BadSelection(String),
    /// A scope no article can be chosen by: a park none matches, or (for `stats`
    /// and `report`) a date that does not parse; the core's message.
    Scope(String),
    /// `--unread` or `--starred` with nowhere to find the reader's state.
    NoStateDir,
    /// The reader's state file cannot be read.
    State(String),
    /// A `figures --filter` that does not parse.
    BadFilter(String),
    /// No article has this id, nor one starting with it.
    NoSuchArticle { id: String },
    /// Several articles' ids start with this one: `count` of them, the first few in `ids`.
    AmbiguousId {
        id: String,
        count: usize,
        ids: Vec<String>,
    },
    /// `fetch` with no `[[sources]]` configured.
    NoSources,
    /// `fetch NAME` where no source is called NAME.
    UnknownSource { name: String, known: Vec<String> },
    /// `fetch` or `add` (`command`) could not run at all: the core's message.
    Fetch {
        command: &'static str,
        cause: String,
    },
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Config(e) => write!(f, "{e}"),
            CliError::File(e) => write!(f, "{e}"),
            CliError::Read { path, source } => {
                write!(f, "{}: cannot read: {source}", path.display())
            }
            CliError::TooLarge { path, limit_mib } => {
                write!(f, "{}: over the {limit_mib} MiB limit", path.display())
            }
            CliError::Output(e) => write!(f, "cannot write output: {e}"),
            CliError::Toml(e) => write!(f, "cannot write TOML: {e}"),
            CliError::Write { path, source } => {
                write!(f, "{}: cannot write: {source}", path.display())
            }
            CliError::BadSelection(cause) => {
                write!(f, "bad --park, --since or --until: {cause}")
            }
            CliError::Scope(cause) | CliError::State(cause) => write!(f, "{cause}"),
            CliError::NoStateDir => write!(
                f,
                "--unread and --starred read the reader's state, but neither \
                 $XDG_STATE_HOME nor $HOME is set"
            ),
            CliError::BadFilter(cause) => {
                write!(f, "bad --filter: {cause} (see `yuanqu figures --help`)")
            }
            CliError::NoSuchArticle { id } => {
                write!(f, "no article with id {id:?}; `yuanqu list` shows the ids")
            }
            CliError::AmbiguousId { id, count, ids } => {
                let more = if *count > ids.len() { ", …" } else { "" };
                write!(
                    f,
                    "{count} articles have ids starting with {id:?} ({}{more}): type more of it",
                    ids.join(", ")
                )
            }
            CliError::NoSources => write!(
                f,
                "no [[sources]] in the configuration: see config.toml and the README's \"News in\""
            ),
            CliError::UnknownSource { name, known } => write!(
                f,
                "no source is called {name:?} (sources: {})",
                known.join(", ")
            ),
            CliError::Fetch { cause, .. } => write!(f, "{cause}"),
        }
    }
}

impl std::error::Error for CliError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CliError::Config(e) => Some(e),
            CliError::Read { source, .. } | CliError::Write { source, .. } => Some(source),
            CliError::Output(e) => Some(e),
            CliError::Toml(e) => Some(e),
            _ => None,
        }
    }
}

impl CliError {
    /// The process's exit status for this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::NoSources | CliError::UnknownSource { .. } => ExitCode::from(EXIT_USAGE),
            _ => ExitCode::from(EXIT_BAD_INPUT),
        }
    }

    /// The line's opening: the command when it speaks for itself (`yuanqu fetch:`).
    fn speaker(&self) -> &'static str {
        match self {
            CliError::NoSources | CliError::UnknownSource { .. } => "yuanqu fetch",
            CliError::Fetch { command, .. } => command,
            _ => "yuanqu",
        }
    }

    /// The line printed on stderr: escaped, since it may quote a file's or a
    /// server's text; a configuration error as the configuration wrote it (its file
    /// name is escaped there, and its message may run over several lines).
    pub fn line(&self) -> String {
        let message = match self {
            CliError::Config(e) => e.to_string(),
            other => escape_for_terminal(&other.to_string()),
        };
        format!("{}: {message}", self.speaker())
    }
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> CliError {
        CliError::Config(e)
    }
}

impl From<FileError> for CliError {
    fn from(e: FileError) -> CliError {
        CliError::File(e)
    }
}

/// The exit status of a command; its error, if any, on stderr.
pub fn finish(result: Result<ExitCode, CliError>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(io::stderr(), "{}", e.line());
            e.exit_code()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_2_and_speak_as_fetch_the_rest_exit_1() {
        let unknown = CliError::UnknownSource {
            name: "b".into(),
            known: vec!["a".into(), "c".into()],
        };
        assert_eq!(unknown.exit_code(), ExitCode::from(EXIT_USAGE));
        assert_eq!(
            unknown.line(),
            "yuanqu fetch: no source is called \"b\" (sources: a, c)"
        );
        let failed = CliError::Fetch {
            command: "yuanqu add",
            cause: "archive is not a folder".into(),
        };
        assert_eq!(failed.exit_code(), ExitCode::from(EXIT_BAD_INPUT));
        assert_eq!(failed.line(), "yuanqu add: archive is not a folder");
        let missing = CliError::NoSuchArticle { id: "x1".into() };
        assert_eq!(missing.exit_code(), ExitCode::from(EXIT_BAD_INPUT));
        assert!(missing
            .line()
            .starts_with("yuanqu: no article with id \"x1\""));
    }

    #[test]
    fn a_quoted_file_is_escaped_a_config_error_printed_as_the_config_wrote_it() {
        let file = CliError::File(FileError {
            path: PathBuf::from("a.txt"),
            message: "bad \u{1b}[31m byte".into(),
            skipped: false,
        });
        let line = file.line();
        assert!(!line.contains('\u{1b}'), "{line:?}");
        assert!(line.contains("\\u{1b}[31m"), "{line:?}");
        let config = CliError::Config(ConfigError {
            file: "c.toml".into(),
            line: Some(3),
            message: "unclosed array\nexpected `]`".into(),
        });
        assert_eq!(
            config.line(),
            "yuanqu: c.toml:3: unclosed array\nexpected `]`"
        );
    }

    #[test]
    fn an_ambiguous_id_names_the_ids_shown_and_says_when_there_are_more() {
        let ids = vec!["ab1".to_string(), "ab2".to_string()];
        let all = CliError::AmbiguousId {
            id: "ab".into(),
            count: 2,
            ids: ids.clone(),
        };
        assert_eq!(
            all.to_string(),
            "2 articles have ids starting with \"ab\" (ab1, ab2): type more of it"
        );
        let more = CliError::AmbiguousId {
            id: "ab".into(),
            count: 9,
            ids,
        };
        assert!(more.to_string().contains("(ab1, ab2, …)"), "{more}");
    }
}
