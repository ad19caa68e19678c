//! The command line as typed: the subcommands, their options and the value enums
//! clap reads them into. Resolved into what each command needs in `cli::main`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::selection::SelectionArgs;
use crate::core::figure_table::SortKey;

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
