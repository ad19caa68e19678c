//! The command line: `yuanqu [PATH…]`, `parse`, `list`, `figures`, `read`, `stats`,
//! `report`, `fetch`, `add`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::figure_table::SortKey;
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::core::index::IndexPlace;
use crate::core::outputs::{self, CommandKey};
use crate::core::sanitize::escape_for_terminal;
use selection::SelectionArgs;

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
    /// Read and write no reading state (the last article, places, read marks).
    #[arg(long)]
    pub no_state: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse one page and print its articles.
    Parse {
        /// A page of text (.txt; UTF-8, UTF-16 or GBK) or a TOML article file; `-` reads
        /// a page from standard input.
        page: PathBuf,
        /// Output format: json, or toml to correct by hand and load again.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// List the parks and their articles.
    List {
        /// Pages, articles or folders (default: the configured data, else the built-in collection).
        paths: Vec<PathBuf>,
        /// Print JSON: {"parks":[{"name","province","city","articles":[{"id","title",…}]}]}.
        #[arg(long)]
        json: bool,
        /// Output format (`--json` is `--format json`).
        #[arg(long, value_enum, conflicts_with = "json")]
        format: Option<ListFormat>,
        #[command(flatten)]
        select: SelectionArgs,
    },
    /// List the figures of the collection, or of one article.
    Figures {
        /// Pages, articles or folders (default: the configured data, else the built-in collection).
        paths: Vec<PathBuf>,
        /// Only this article (its id, as `yuanqu list` shows it).
        #[arg(long)]
        article: Option<String>,
        /// Print JSON: {"figures":[{…figure, "article": id, "park", "date", "title"}]}.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (RFC 4180, UTF-8): park, date, article, title, figure, value,
        /// value_max, unit, bound, kind, qualifier, block, context.
        #[arg(long)]
        csv: bool,
        /// With --csv: begin with a UTF-8 byte-order mark, so that spreadsheets that
        /// guess the encoding (Excel) show the Chinese intact.
        #[arg(long, requires = "csv")]
        bom: bool,
        /// Keep only the figures this filter matches: kinds (money, rate …), units
        /// (元, 吨 …), comparisons (元>=1亿, percent>=20), bounds (at_most …); all
        /// terms must hold. Example: --filter '元>=1亿'.
        #[arg(long)]
        filter: Option<String>,
        /// Order of the rows (default: reading).
        #[arg(long, value_enum)]
        sort: Option<SortArg>,
        /// Output format (`--json` is `--format json`, `--csv` is `--format csv`).
        #[arg(long, value_enum, conflicts_with_all = ["json", "csv"])]
        format: Option<FiguresFormat>,
        #[command(flatten)]
        select: SelectionArgs,
    },
    /// Print one article laid out as the article pane shows it.
    Read {
        /// The article's id, as `yuanqu list` shows it.
        id: String,
        /// Pages, articles or folders (default: the configured data, else the built-in collection).
        paths: Vec<PathBuf>,
        /// Width in cells, at least 2 (default: the terminal's width; when output goes
        /// to a pipe, $COLUMNS, else the controlling terminal's width, else 80).
        #[arg(long, value_parser = clap::value_parser!(u16).range(2..))]
        width: Option<u16>,
        /// Keep lines to this width (0, or at least 2), centred in --width; 0: no limit,
        /// as in the config.
        #[arg(long, value_parser = reading_width)]
        reading_width: Option<u16>,
    },
    /// The numbers behind the pictures: articles per month, per source and per park,
    /// and per park and unit the figures' count, sum, largest and dates.
    Stats {
        /// Pages, articles or folders (default: the configured data, else the built-in collection).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        scope: ScopeArgs,
        /// Print JSON: {"articles","undated","span","months","sources","parks":[{…,"months","sources","units"}]}.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (RFC 4180, UTF-8): table, park, month, source, kind, unit, count,
        /// sum, largest, first, last; one row per month, source, park and park's unit.
        #[arg(long)]
        csv: bool,
    },
    /// Write the pictures and tables as one self-contained HTML file (inline SVG and
    /// CSS; no script, nothing fetched from elsewhere), one section per park.
    Report {
        /// Pages, articles or folders (default: the configured data, else the built-in collection).
        paths: Vec<PathBuf>,
        /// A park to report on (name, alias or pinyin); give it again for more parks
        /// (`--park 赣州 --park 西安`). Without it, every park.
        #[arg(long)]
        park: Vec<String>,
        /// From this year, month or day on (2024, 2024-07, 2024-07-30).
        #[arg(long)]
        since: Option<String>,
        /// Up to this year, month or day (2024, 2024-07, 2024-07-30).
        #[arg(long)]
        until: Option<String>,
        /// The HTML file to write (replaced whole, never half-written).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Bring the archive up to date from the configured [[sources]] (all, or those named).
    Fetch {
        /// Source names, as in the config (default: every source).
        names: Vec<String>,
    },
    /// Add article pages to the archive: URLs, or saved .html files.
    Add {
        /// http(s):// addresses or saved HTML files.
        #[arg(required = true)]
        pages: Vec<String>,
    },
}

/// `--park`, `--since`, `--until`: which articles `stats` counts.
#[derive(Debug, Clone, clap::Args)]
pub struct ScopeArgs {
    /// Only this park: its name, an alias or pinyin, as `p` finds parks in the reader.
    #[arg(long)]
    pub park: Option<String>,
    /// From this year, month or day on (2024, 2024-07, 2024-07-30); the months start there.
    #[arg(long)]
    pub since: Option<String>,
    /// Up to this year, month or day (2024, 2024-07, 2024-07-30); the months end there.
    #[arg(long)]
    pub until: Option<String>,
}

/// `figures --sort`: the table's sort keys, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// As the articles read.
    Reading,
    /// Largest first, each kind and unit by itself, dates last.
    Value,
    /// Newest first.
    Date,
    /// By park, in pinyin order.
    Park,
}

impl From<SortArg> for SortKey {
    fn from(arg: SortArg) -> SortKey {
        match arg {
            SortArg::Reading => SortKey::Reading,
            SortArg::Value => SortKey::Value,
            SortArg::Date => SortKey::Date,
            SortArg::Park => SortKey::Park,
        }
    }
}

/// `parse`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Toml,
}

/// `list`'s and `figures`' output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people (the default).
    Text,
    Json,
}

/// `--reading-width`: 0 (no limit, as `reading_width = 0` in the config) or a width
/// of at least 2 cells.
fn reading_width(text: &str) -> Result<u16, String> {
    match text.parse::<u16>() {
        Ok(1) => Err("must be 0 (no limit) or at least 2".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a width in cells (0 to 65535)")),
    }
}

/// `figures`' output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FiguresFormat {
    /// Aligned columns for people (the default).
    Text,
    Json,
    /// RFC 4180, UTF-8 (`--bom` for spreadsheets).
    Csv,
}

/// `--json` or `--format json`.
fn wants_json(json: bool, format: Option<ListFormat>) -> bool {
    json || format == Some(ListFormat::Json)
}

/// Exit status for bad input (a file that cannot be read or parsed).
const EXIT_BAD_INPUT: u8 = 1;

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
        Err(e) => {
            eprintln!("yuanqu: {e}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let result = match command {
        Command::Parse { page, format } => commands::parse(&page, format),
        Command::List {
            paths,
            json,
            format,
            select,
        } => {
            let paths = with_top_paths(paths, &cli.paths);
            let replayable = !select.unread && !select.starred;
            replayed_or_run(replayable, &paths, &config, || {
                select.resolve().and_then(|selection| {
                    commands::list(&paths, &config, wants_json(json, format), &selection)
                })
            })
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
            let paths = with_top_paths(paths, &cli.paths);
            let replayable = !select.unread && !select.starred;
            replayed_or_run(replayable, &paths, &config, || {
                select.resolve().and_then(|selection| {
                    commands::figures(
                        &paths,
                        &config,
                        &selection,
                        article.as_deref(),
                        match (json, csv, format) {
                            (true, _, _) | (_, _, Some(FiguresFormat::Json)) => {
                                commands::FiguresOutput::Json
                            }
                            (_, true, _) | (_, _, Some(FiguresFormat::Csv)) => {
                                commands::FiguresOutput::Csv { bom }
                            }
                            _ => commands::FiguresOutput::Text,
                        },
                        filter.as_deref(),
                        sort.map(SortKey::from).unwrap_or_default(),
                    )
                })
            })
        }
        Command::Read {
            id,
            paths,
            width,
            reading_width,
        } => commands::read(
            &id,
            &with_top_paths(paths, &cli.paths),
            &config,
            width.map(usize::from),
            reading_width.map(usize::from).filter(|&w| w > 0),
        ),
        Command::Stats {
            paths,
            scope,
            json,
            csv,
        } => stats::stats(
            &with_top_paths(paths, &cli.paths),
            &config,
            &stats::Scope {
                parks: scope.park.into_iter().collect(),
                since: scope.since,
                until: scope.until,
            },
            match (json, csv) {
                (true, _) => stats::StatsOutput::Json,
                (_, true) => stats::StatsOutput::Csv,
                _ => stats::StatsOutput::Text,
            },
        ),
        Command::Report {
            paths,
            park,
            since,
            until,
            output,
        } => report::report(
            &with_top_paths(paths, &cli.paths),
            &config,
            &stats::Scope {
                parks: park,
                since,
                until,
            },
            &output,
        ),
        // These report source by source and choose their own exit status.
        Command::Fetch { names } => return fetch::fetch(&config, &names),
        Command::Add { pages } => return fetch::add(&config, &pages),
    };
    finish(result)
}

/// The exit status of a command; its error, if any, on stderr.
fn finish(result: Result<ExitCode, String>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("yuanqu: {}", escape_for_terminal(&message));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// Run a command that prints what its files give, or print what the same command
/// printed over the very same files last time (`core::outputs`): `list` and
/// `figures` over files, unless they read the reader's state (--unread, --starred).
fn replayed_or_run(
    replayable: bool,
    paths: &[PathBuf],
    config: &Config,
    run: impl FnOnce() -> Result<ExitCode, String>,
) -> Result<ExitCode, String> {
    let read = if paths.is_empty() {
        config.read_paths()
    } else {
        paths.to_vec()
    };
    if !replayable || read.is_empty() {
        return run();
    }
    // Everything the output depends on besides the files: the command as typed,
    // the folder it is typed in, and the configuration.
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let key = format!("{args:?}\n{:?}\n{config:?}", std::env::current_dir().ok());
    let succeeded = |r: &Result<ExitCode, String>| matches!(r, Ok(c) if *c == ExitCode::SUCCESS);
    outputs::replay_or_record(
        &IndexPlace::from_env(),
        CommandKey(key.as_bytes()),
        &read,
        run,
        succeeded,
    )
    .unwrap_or(Ok(ExitCode::SUCCESS))
}

/// `yuanqu PAGE list` and `yuanqu list PAGE` mean the same.
fn with_top_paths(mut paths: Vec<PathBuf>, top: &[PathBuf]) -> Vec<PathBuf> {
    paths.extend(top.iter().cloned());
    paths
}

mod commands;
mod fetch;
mod pretty_json;
mod report;
pub mod selection;
mod stats;
