//! `yuanqu fetch` and `yuanqu add`: a line per source (or page) on stderr, notes
//! indented under it; exit 0 when all succeeded, 1 when any failed, 2 for usage errors.

use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

use super::error::{CliError, EXIT_BAD_INPUT};
use crate::config::Config;
use crate::core::fetch::add::{add_all, AddInput};
use crate::core::fetch::source::Source;
use crate::core::fetch::{fetch_all, SourceReport};
use crate::core::sanitize::escape_for_terminal;

pub fn fetch(config: &Config, names: &[String]) -> Result<ExitCode, CliError> {
    let sources = chosen_sources(&config.news_sources, names)?;
    let done = AtomicUsize::new(0);
    let outcome = fetch_all(&sources, &config.fetch, &config.archive, &done).map_err(|cause| {
        CliError::Fetch {
            command: "yuanqu fetch",
            cause,
        }
    })?;
    report_all(&outcome.reports, &outcome.notes);
    Ok(exit_status(outcome.succeeded()))
}

/// The sources named (every one when none is), or which name is unknown.
fn chosen_sources(all: &[Source], names: &[String]) -> Result<Vec<Source>, CliError> {
    if all.is_empty() {
        return Err(CliError::NoSources);
    }
    if names.is_empty() {
        return Ok(all.to_vec());
    }
    names
        .iter()
        .map(|name| {
            all.iter()
                .find(|s| &s.name == name)
                .cloned()
                .ok_or_else(|| CliError::UnknownSource {
                    name: name.clone(),
                    known: all.iter().map(|s| s.name.clone()).collect(),
                })
        })
        .collect()
}

pub fn add(config: &Config, pages: &[String]) -> Result<ExitCode, CliError> {
    let inputs: Vec<AddInput> = pages.iter().map(|p| AddInput::parse(p)).collect();
    let (reports, notes) =
        add_all(&inputs, &config.fetch, &config.archive).map_err(|cause| CliError::Fetch {
            command: "yuanqu add",
            cause,
        })?;
    report_all(&reports, &notes);
    Ok(exit_status(reports.iter().all(SourceReport::succeeded)))
}

fn report_all(reports: &[SourceReport], notes: &[String]) {
    for note in notes {
        say(&format!("yuanqu: {note}"));
    }
    for report in reports {
        say(&report.summary());
        for note in &report.notes {
            say(&format!("  {note}"));
        }
    }
}

fn exit_status(succeeded: bool) -> ExitCode {
    if succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BAD_INPUT)
    }
}

/// One line on stderr, made safe to print: it may quote what a server sent.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", escape_for_terminal(line));
}
