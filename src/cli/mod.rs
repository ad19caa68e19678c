//! The command line: `yuanqu [PATH…]`, `parse`, `list`, `figures`, `read`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::sanitize::escape_for_terminal;

#[derive(Debug, Parser)]
#[command(
    name = "yuanqu",
    version,
    about = "A terminal reader for Chinese news about industrial and high-tech parks"
)]
pub struct Cli {
    /// Pages (.txt), articles (.toml) or folders to read; the built-in collection when none.
    pub paths: Vec<PathBuf>,
    /// Configuration file (else $YUANQU_CONFIG, else ~/.config/yuanqu/config.toml).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one page and print its articles.
    Parse {
        page: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// List the parks and their articles.
    List {
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List the figures of the collection, or of one article.
    Figures {
        paths: Vec<PathBuf>,
        #[arg(long)]
        article: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Print one article laid out as the article pane shows it.
    Read {
        id: String,
        paths: Vec<PathBuf>,
        /// Width in cells (default: the terminal's width, else 80).
        #[arg(long)]
        width: Option<usize>,
        /// Keep lines to this width, centred in --width.
        #[arg(long)]
        reading_width: Option<usize>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Toml,
}

/// Exit status for bad input (a file that cannot be read or parsed).
const EXIT_BAD_INPUT: u8 = 1;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => return crate::tui::run(&cli.paths, cli.config.as_deref()),
        Some(Command::Parse { page, format }) => commands::parse(&page, format),
        Some(Command::List { paths, json }) => {
            commands::list(&with_top_paths(paths, &cli.paths), json)
        }
        Some(Command::Figures {
            paths,
            article,
            json,
        }) => commands::figures(&with_top_paths(paths, &cli.paths), article.as_deref(), json),
        Some(Command::Read {
            id,
            paths,
            width,
            reading_width,
        }) => commands::read(
            &id,
            &with_top_paths(paths, &cli.paths),
            width,
            reading_width,
        ),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("yuanqu: {}", escape_for_terminal(&message));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// `yuanqu PAGE list` and `yuanqu list PAGE` mean the same.
fn with_top_paths(mut paths: Vec<PathBuf>, top: &[PathBuf]) -> Vec<PathBuf> {
    paths.extend(top.iter().cloned());
    paths
}

mod commands;
