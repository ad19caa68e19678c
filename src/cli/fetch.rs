//! `yuanqu fetch` and `yuanqu add`: a line per source (or page) on stderr, notes
//! indented under it; exit 0 when all succeeded, 1 when any failed, 2 for usage errors.

use std::process::ExitCode;
use std::sync::atomic::AtomicUsize;

use crate::config::Config;
use crate::core::fetch::add::{add_all, AddInput};
use crate::core::fetch::source::Source;
use crate::core::fetch::{fetch_all, SourceReport};
use crate::core::sanitize::escape_for_terminal;

const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

pub fn fetch(config: &Config, names: &[String]) -> ExitCode {
    let sources = match chosen_sources(&config.news_sources, names) {
        Ok(sources) => sources,
        Err(message) => {
            say(&format!("yuanqu fetch: {message}"));
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let done = AtomicUsize::new(0);
    match fetch_all(&sources, &config.fetch, &config.archive, &done) {
        Ok(outcome) => {
            report_all(&outcome.reports, &outcome.notes);
            exit_status(outcome.succeeded())
        }
        Err(message) => {
            say(&format!("yuanqu fetch: {message}"));
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// The sources named (every one when none is), or which name is unknown.
fn chosen_sources(all: &[Source], names: &[String]) -> Result<Vec<Source>, String> {
    if all.is_empty() {
        return Err(
            "no [[sources]] in the configuration: see config.toml and the README's \"News in\""
                .into(),
        );
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
                .ok_or_else(|| {
                    let known: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
                    format!(
                        "no source is called {name:?} (sources: {})",
                        known.join(", ")
                    )
                })
        })
        .collect()
}

pub fn add(config: &Config, pages: &[String]) -> ExitCode {
    let inputs: Vec<AddInput> = pages.iter().map(|p| AddInput::parse(p)).collect();
    match add_all(&inputs, &config.fetch, &config.archive) {
        Ok((reports, notes)) => {
            report_all(&reports, &notes);
            exit_status(reports.iter().all(SourceReport::succeeded))
        }
        Err(message) => {
            say(&format!("yuanqu add: {message}"));
            ExitCode::from(EXIT_FAILED)
        }
    }
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
        ExitCode::from(EXIT_FAILED)
    }
}

/// One line on stderr, made safe to print: it may quote what a server sent.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{}", escape_for_terminal(line));
}
