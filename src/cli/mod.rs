//! The command line: `yuanqu [PATH…]`, `parse`, `list`, `figures`, `read`, `stats`,
//! `report`, `fetch`, `add`.
//!
//! `args` is the command line as typed (clap), `error` what can go wrong in any
//! command; `main` resolves the options once and hands each command what it needs.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::Parser;

use crate::config::Config;
use crate::core::figure_table::SortKey;
use crate::core::index::IndexPlace;
use crate::core::list_rows::StoredRows;
use crate::core::outputs::{self, CommandKey, Listing, Outcome};
use commands::FiguresOutput;
use error::finish;
use selection::SelectionArgs;
use stats::{Scope, StatsOutput};

pub use args::{Cli, Command, FiguresFormat, Format, ListFormat, ScopeArgs, SortArg};
pub use error::CliError;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        return crate::tui::run(&cli.paths, cli.config.as_deref(), cli.no_state);
    };
    // `parse` reads one page and no configuration.
    if let Command::Parse { page, format } = &command {
        return finish(commands::parse(page, *format));
    }
    // Every other command honours the shared configuration (data paths, layout); a
    // broken one is reported whichever command was given. The reader's own sections
    // (keys, theme) are not read here.
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => return finish(Err(e.into())),
    };
    finish(run(command, &cli.paths, &config))
}

/// Run one command over the paths it names and those given before it.
fn run(command: Command, top: &[PathBuf], config: &Config) -> Result<ExitCode, CliError> {
    match command {
        Command::Parse { page, format } => commands::parse(&page, format),
        Command::List {
            paths,
            json,
            format,
            select,
        } => {
            let paths = with_top_paths(paths, top);
            list(
                &paths,
                config,
                json || format == Some(ListFormat::Json),
                &select,
            )
        }
        Command::Figures {
            paths,
            article,
            json,
            csv,
            bom,
            filter,
            sort,
            format,
            select,
        } => {
            let paths = with_top_paths(paths, top);
            replayed_or_run(&select, &paths, config, |_| {
                commands::figures(
                    &paths,
                    config,
                    &select.resolve()?,
                    article.as_deref(),
                    figures_output(json, csv, bom, format),
                    filter.as_deref(),
                    sort.map(SortKey::from).unwrap_or_default(),
                )
            })
        }
        Command::Read {
            id,
            paths,
            width,
            reading_width,
        } => commands::read(
            &id,
            &with_top_paths(paths, top),
            config,
            width.map(usize::from),
            reading_width.map(usize::from).filter(|&w| w > 0),
        ),
        Command::Stats {
            paths,
            scope,
            json,
            csv,
        } => stats::stats(
            &with_top_paths(paths, top),
            config,
            &scope.into(),
            stats_output(json, csv),
        ),
        Command::Report {
            paths,
            park,
            since,
            until,
            output,
        } => {
            let scope = Scope::of(park, since, until);
            report::report(&with_top_paths(paths, top), config, &scope, &output)
        }
        // These report source by source and choose their own exit status.
        Command::Fetch { names } => fetch::fetch(config, &names),
        Command::Add { pages } => fetch::add(config, &pages),
    }
}

/// `figures`' output: `--json` and `--csv` are `--format json` and `--format csv`.
fn figures_output(
    json: bool,
    csv: bool,
    bom: bool,
    format: Option<FiguresFormat>,
) -> FiguresOutput {
    match (json, csv, format) {
        (true, _, _) | (_, _, Some(FiguresFormat::Json)) => FiguresOutput::Json,
        (_, true, _) | (_, _, Some(FiguresFormat::Csv)) => FiguresOutput::Csv { bom },
        _ => FiguresOutput::Text,
    }
}

/// `stats`' output: `--json` first, as clap lets only one of them through.
fn stats_output(json: bool, csv: bool) -> StatsOutput {
    match (json, csv) {
        (true, _) => StatsOutput::Json,
        (_, true) => StatsOutput::Csv,
        _ => StatsOutput::Text,
    }
}

/// `stats --park --since --until`, as `report` takes them too.
impl From<ScopeArgs> for Scope {
    fn from(scope: ScopeArgs) -> Scope {
        Scope {
            parks: scope.park.into_iter().collect(),
            since: scope.since,
            until: scope.until,
        }
    }
}

/// `list`, replayed or run. `list --json` of every article, when its output is
/// not replayed, reads its listing's entry (`core::list_rows`).
fn list(
    paths: &[PathBuf],
    config: &Config,
    json: bool,
    select: &SelectionArgs,
) -> Result<ExitCode, CliError> {
    let selection = select.resolve()?;
    // One entry for the listing whatever --park, --since and --until keep of it.
    let key = (!selection.reads_state())
        .then(|| list_key(json, &commands::read_paths(paths, config), config));
    let body = OnceLock::new();
    let listed = replayed_or_run(select, paths, config, |listing| {
        let place = IndexPlace::from_env();
        let stored = key
            .as_ref()
            .map(|k| StoredRows::read(&place, k.as_bytes(), &body));
        commands::list(paths, config, json, &selection, listing, stored)
    });
    // The entry's tens of megabytes are left for the exit to unmap, as its
    // records are (`core::list_rows`).
    std::mem::forget(body);
    listed
}

/// What a listing's rows depend on besides the files: the paths read, the folder
/// they are relative to, the configuration and how output is written.
fn list_key(json: bool, read: &[PathBuf], config: &Config) -> String {
    let cwd = std::env::current_dir().ok();
    let command = if json { "list --json" } else { "list" };
    format!("{command}\n{read:?}\n{cwd:?}\n{config:?}\n{OUTPUT_VERSION}")
}

/// Run a command that prints what its files give, or print what the same command
/// printed over the very same files last time (`core::outputs`): `list` and
/// `figures` over files, unless they read the reader's state (--unread, --starred).
fn replayed_or_run(
    select: &SelectionArgs,
    paths: &[PathBuf],
    config: &Config,
    run: impl FnOnce(Option<&Listing>) -> Result<ExitCode, CliError>,
) -> Result<ExitCode, CliError> {
    let read = if paths.is_empty() {
        config.read_paths()
    } else {
        paths.to_vec()
    };
    // The reading state is no file: what reads it is run each time.
    let replayable = !select.unread && !select.starred;
    if !replayable || read.is_empty() {
        return run(None);
    }
    // Everything the output depends on besides the files: the command as typed,
    // the folder it is typed in, and the configuration.
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let key = format!(
        "{args:?}\n{:?}\n{config:?}\n{OUTPUT_VERSION}",
        std::env::current_dir().ok()
    );
    let succeeded = |r: &Result<ExitCode, CliError>| matches!(r, Ok(c) if *c == ExitCode::SUCCESS);
    let outcome = outputs::replay_or_record(
        &IndexPlace::from_env(),
        CommandKey(key.as_bytes()),
        &read,
        run,
        succeeded,
    );
    match outcome {
        Outcome::Ran(result) => result,
        Outcome::Replayed(None) => Ok(ExitCode::SUCCESS),
        Outcome::Replayed(Some(e)) => Err(CliError::Output(e)),
    }
}

/// A hash of the code that writes the commands' output and reads the
/// configuration (build.rs): entries of commands are keyed by it besides the
/// parser's version, so that a build that writes otherwise never replays one.
pub(crate) const OUTPUT_VERSION: &str = env!("YUANQU_OUTPUT_HASH");

/// `yuanqu PAGE list` and `yuanqu list PAGE` mean the same.
fn with_top_paths(mut paths: Vec<PathBuf>, top: &[PathBuf]) -> Vec<PathBuf> {
    paths.extend(top.iter().cloned());
    paths
}

mod args;
mod commands;
mod error;
mod fetch;
mod list_json;
mod list_text;
mod pretty_json;
mod report;
pub mod selection;
mod stats;
