//! One configuration file's text and the errors that point into it (file:line),
//! shared by the commands' settings and the reader's.

use std::fmt;
use std::path::PathBuf;

use crate::core::sanitize::escape_for_terminal as printable;

/// How the built-in file is named in error messages.
pub const BUILTIN_NAME: &str = "built-in config.toml";

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

/// One configuration file's text, with what is needed to point at its lines.
#[derive(Debug, Clone)]
pub struct ConfigSource {
    /// The path as shown in messages (escaped), or [`BUILTIN_NAME`].
    pub name: String,
    pub text: String,
    /// Folder that relative data paths are taken from.
    pub dir: Option<PathBuf>,
}

impl ConfigSource {
    pub fn is_builtin(&self) -> bool {
        self.name == BUILTIN_NAME
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[..end]).count() + 1
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.name.clone(),
            line: Some(self.line_of(offset)),
            message: printable(&message.into()),
        }
    }

    /// Deserialise the file into `T`; errors name the line and say what was expected
    /// in words rather than Rust type names.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, ConfigError> {
        toml::from_str(&self.text).map_err(|e| ConfigError {
            file: self.name.clone(),
            line: e.span().map(|s| self.line_of(s.start)),
            message: printable(&plain_type_names(e.message().trim())),
        })
    }
}

/// serde says "expected usize"; a user wants to know what to write.
fn plain_type_names(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        ("expected usize", "expected a whole number (0 or more)"),
        ("expected u16", "expected a whole number (0 to 65535)"),
        ("expected u8", "expected a whole number (0 to 255)"),
        ("expected a boolean", "expected true or false"),
    ] {
        out = out.replace(rust, plain);
    }
    out
}
