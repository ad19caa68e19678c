//! The subcommands that print: `parse`, `list`, `figures`, `read`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::json;

use super::args::Format;
use super::error::{CliError, EXIT_BAD_INPUT};
use super::list_json::{render_row, render_rows, write_listing};
use super::list_text::{row_of, title_row, write_list_text, ListedPark};
use super::pretty_json::write_object_of_array;
use super::selection::Selection;
use crate::config::Config;
use crate::core::article_filter::ArticleFilter;
use crate::core::collection::{
    parse_file_bytes, read_file, Collection, LoadWarning, ParkGroup, MAX_FILE_BYTES,
};
use crate::core::dates::PageDate;
use crate::core::figure_table::{table, FigureRef, Filter, SortKey};
use crate::core::figures::{normalised_value, Figure};
use crate::core::ids::assign_unique_ids;
use crate::core::index::IndexPlace;
use crate::core::layout::{
    layout_article, str_width, wrap_paragraph, AmbiguousWidth, LayoutOptions,
};
use crate::core::list_rows::{list_rows, Listed, Row, StoredRows};
use crate::core::outputs::{note, note_warning, Listing, TeedStdout};
use crate::core::page::Detail;
use crate::core::plain_text::{header_lines, SourceInfo};
use crate::core::toml_article::articles_to_toml;
use crate::core::Article;

/// Everything a command prints goes through one locked, buffered stdout; a
/// closed pipe (`| head`) ends the command quietly.
pub(super) fn emit(text: &str) -> Result<(), CliError> {
    emit_with(|out| out.write_all(text.as_bytes()))
}

/// Output written as it is made, not built whole first: `figures --json` over an
/// archive is as large as the archive, and growing one string that size cost more
/// than writing it.
pub(super) fn emit_with(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    let mut out = TeedStdout::new();
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Output(e)),
        _ => Ok(()),
    }
}

/// Pretty JSON and a final newline, written as it is made.
pub(super) fn emit_json(value: &impl Serialize) -> Result<(), CliError> {
    emit_with(|out| {
        serde_json::to_writer_pretty(&mut *out, value)?;
        out.write_all(b"\n")
    })
}

pub(super) fn load(paths: &[PathBuf], config: &Config, detail: Detail) -> Collection {
    let mut collection = Collection::open(paths, &config.read_paths(), detail);
    let empty_folders = empty_folders(paths, &collection);
    collection.warnings.extend(empty_folders);
    for w in &collection.warnings {
        note_warning(w);
    }
    collection
}

/// A warning for each folder given whose files gave no article and no warning of
/// their own (`list EMPTYDIR`): nothing found is bad input, as a missing path is.
fn empty_folders(paths: &[PathBuf], collection: &Collection) -> Vec<LoadWarning> {
    let under = |dir: &Path, path: &Path| path.starts_with(dir);
    paths
        .iter()
        .filter(|p| p.is_dir())
        .filter(|dir| {
            let sources = collection
                .articles
                .iter()
                .filter_map(|a| a.source_file.as_deref());
            let warned = collection.warnings.iter().map(|w| w.path.as_path());
            !sources.chain(warned).any(|p| under(dir, p))
        })
        .map(|dir| LoadWarning {
            path: dir.clone(),
            message: "nothing found under it (no .txt pages or .toml articles)".into(),
            is_error: true,
        })
        .collect()
}

/// 0 when everything loaded, 1 when some path was broken (the rest is still printed).
pub(super) fn status(collection: Collection) -> ExitCode {
    let code = if collection.has_errors() {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends right after: freeing every article one by one would only
    // cost time on a large collection.
    std::mem::forget(collection);
    code
}

/// A row of `figures --json`: {"figures":[{…figure, "article", "park", "date",
/// "title"}]}, written straight from the figures (no JSON tree built first: it cost
/// more than finding them), on every core (`pretty_json`).
struct FigureRow<'a> {
    figure: &'a Figure,
    article: &'a str,
    park: Option<&'a str>,
    date: Option<PageDate>,
    title: &'a str,
    kicker: Option<&'a str>,
    page: Option<&'a str>,
    url: Option<&'a str>,
}

/// The figure's fields, then the article's: what `#[serde(flatten)]` of the figure
/// wrote, as one struct (flatten goes through a map, and cost a fifth of the output).
impl Serialize for FigureRow<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let f = self.figure;
        let mut row = serializer.serialize_struct("FigureRow", 18)?;
        row.serialize_field("text", &f.text)?;
        row.serialize_field("value", &f.value)?;
        row.serialize_field("unit", &f.unit)?;
        row.serialize_field("kind", &f.kind)?;
        row.serialize_field("qualifier", &f.qualifier)?;
        row.serialize_field("block", &f.block)?;
        row.serialize_field("start", &f.start)?;
        row.serialize_field("end", &f.end)?;
        row.serialize_field("context", &f.context)?;
        row.serialize_field("value_max", &f.value_max)?;
        row.serialize_field("bound", &f.bound)?;
        row.serialize_field("article", self.article)?;
        row.serialize_field("park", &self.park)?;
        row.serialize_field("date", &self.date)?;
        row.serialize_field("title", self.title)?;
        row.serialize_field("kicker", &self.kicker)?;
        row.serialize_field("page", &self.page)?;
        row.serialize_field("url", &self.url)?;
        row.end()
    }
}

pub fn parse(page: &Path, format: Format) -> Result<ExitCode, CliError> {
    let articles = if page == Path::new("-") {
        read_stdin_page()?
    } else {
        read_file(page)?
    };
    match format {
        Format::Json => emit_json(&json!({ "articles": articles }))?,
        Format::Toml => emit(&articles_to_toml(&articles).map_err(CliError::Toml)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `parse -`: a page on standard input, held to the same size limit as a file.
fn read_stdin_page() -> Result<Vec<Article>, CliError> {
    use std::io::Read;
    let name = Path::new("standard input");
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| CliError::Read {
            path: name.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(CliError::TooLarge {
            path: name.to_path_buf(),
            limit_mib: MAX_FILE_BYTES / 1024 / 1024,
        });
    }
    let mut articles = parse_file_bytes(name, &bytes, Detail::Full)?;
    // As `read_file` gives them: ids as the page's articles would have alone.
    assign_unique_ids(&mut articles);
    Ok(articles)
}

pub fn list(
    paths: &[PathBuf],
    config: &Config,
    as_json: bool,
    selection: &Selection,
    listing: Option<&Listing>,
    stored: Option<StoredRows>,
) -> Result<ExitCode, CliError> {
    if let (Some(listing), Some(stored)) = (listing, stored) {
        if let Some(code) = list_from_rows(paths, config, listing, stored, as_json, selection) {
            return code;
        }
    }
    let collection = load(paths, config, Detail::Titles);
    let parks = selected_parks(&collection, selection)?;
    let kept: Vec<&Article> = parks
        .iter()
        .flat_map(|(_, articles)| articles.iter().map(|&i| &collection.articles[i]))
        .collect();
    // JSON rows are rendered on every core; a text row is the title.
    let rendered = if as_json {
        render_rows(&kept)
    } else {
        Vec::new()
    };
    let rows: Vec<Row> = kept
        .iter()
        .enumerate()
        .map(|(i, a)| match rendered.get(i) {
            Some(rendered) => Row {
                rendered,
                ..row_of(a)
            },
            None => row_of(a),
        })
        .collect();
    let listed: Vec<ListedPark> = parks
        .iter()
        .scan(0, |start, (park, articles)| {
            let end = *start + articles.len();
            let park_rows = rows.get(*start..end).unwrap_or_default();
            *start = end;
            Some((number_of(&collection, park), *park, park_rows))
        })
        .collect();
    emit_with(|out| write_listed(out, &listed, as_json))?;
    if parks.is_empty() && !selection.keeps_all() && !collection.articles.is_empty() {
        note(NOTHING_MATCHES);
    }
    Ok(status(collection))
}

/// The paths a command reads: those given, else the configured ones.
pub(super) fn read_paths(paths: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if paths.is_empty() {
        config.read_paths()
    } else {
        paths.to_vec()
    }
}

/// The listing of `listed`, as JSON or as text: a whole load's and one put
/// together from rows alike.
fn write_listed(out: &mut dyn Write, listed: &[ListedPark], as_json: bool) -> std::io::Result<()> {
    if as_json {
        let parks = listed.iter().map(|(_, p, rows)| (*p, rows.iter().copied()));
        write_listing(out, parks)
    } else {
        write_list_text(out, listed)
    }
}

/// A park's number in the whole collection.
fn number_of(collection: &Collection, park: &ParkGroup) -> usize {
    let mut parks = collection.parks.iter();
    parks
        .position(|p| std::ptr::eq(p, park))
        .unwrap_or_default()
}

/// `list` as text or JSON, put together from the rows its entry kept and the
/// files changed since (`core::list_rows`), then kept to the parks and dates
/// selected; `None` when the collection must be loaded whole (a warning to give,
/// a folder with nothing in it).
fn list_from_rows(
    paths: &[PathBuf],
    config: &Config,
    listing: &Listing,
    stored: StoredRows,
    as_json: bool,
    selection: &Selection,
) -> Option<Result<ExitCode, CliError>> {
    let read = read_paths(paths, config);
    // A folder given with nothing in it is an error a whole load reports.
    let empty_folder = paths
        .iter()
        .filter(|p| p.is_dir())
        .any(|dir| !listing.files.iter().any(|(file, _)| file.starts_with(dir)));
    if read.is_empty() || listing.files.is_empty() || empty_folder {
        return None;
    }
    let listed = list_rows(
        &IndexPlace::from_env(),
        &read,
        listing,
        stored,
        if as_json { render_row } else { title_row },
        |parks, rows| {
            let selected = selected_rows(parks, rows, &selection.filter)?;
            let listed: Vec<ListedPark> = selected
                .iter()
                .map(|(number, park, rows)| (*number, *park, rows.as_slice()))
                .collect();
            emit_with(|out| write_listed(out, &listed, as_json))?;
            if listed.is_empty() && !selection.keeps_all() {
                note(NOTHING_MATCHES);
            }
            Ok(())
        },
    );
    match listed {
        Listed::Emitted(written, notes) => {
            notes.iter().for_each(note_warning);
            Some(written.map(|()| ExitCode::SUCCESS))
        }
        Listed::Unlisted(notes) => {
            notes.iter().for_each(note_warning);
            None
        }
    }
}

const NOTHING_MATCHES: &str =
    "yuanqu: no article matches --park, --since, --until, --unread or --starred";

/// A park of a selected listing: its number in the whole collection, the park,
/// and the rows kept of it.
type SelectedPark<'p, 'r> = (usize, &'p ParkGroup, Vec<Row<'r>>);

/// The rows of the parks `filter` names, in their order, each park with its number
/// and the rows in the dates it keeps (a park with none left out), as
/// `selected_parks` keeps them of a collection. `rows` are the parks' rows, park
/// after park.
fn selected_rows<'p, 'r>(
    parks: &'p [ParkGroup],
    rows: &[Row<'r>],
    filter: &ArticleFilter,
) -> Result<Vec<SelectedPark<'p, 'r>>, CliError> {
    let mut starts = Vec::with_capacity(parks.len());
    let mut start = 0;
    for park in parks {
        starts.push(start);
        start += park.articles.len();
    }
    let mut groups = filter.groups_matching(parks).map_err(CliError::Scope)?;
    groups.sort_unstable();
    Ok(groups
        .into_iter()
        .filter_map(|g| {
            let (park, start) = (parks.get(g)?, *starts.get(g)?);
            let park_rows = rows.get(start..start + park.articles.len())?;
            let kept: Vec<Row> = park_rows
                .iter()
                .filter(|r| filter.keeps_day(r.date))
                .copied()
                .collect();
            (!kept.is_empty()).then_some((g, park, kept))
        })
        .collect())
}

/// The parks with the articles the selection keeps, in the collection's order (a
/// park with none left out); each park keeps its number in the whole collection.
fn selected_parks<'a>(
    collection: &'a Collection,
    selection: &Selection,
) -> Result<Vec<(&'a ParkGroup, Vec<usize>)>, CliError> {
    let matches = selection.parks(collection)?;
    let mut groups = matches.groups.clone();
    groups.sort_unstable();
    Ok(groups
        .into_iter()
        .filter_map(|g| {
            let park = collection.parks.get(g)?;
            let kept: Vec<usize> = park
                .articles
                .iter()
                .copied()
                .filter(|&i| selection.keeps(&collection.articles[i], &matches))
                .collect();
            (!kept.is_empty()).then_some((park, kept))
        })
        .collect())
}

/// How `yuanqu figures` writes its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiguresOutput {
    Text,
    Json,
    /// RFC 4180 CSV in UTF-8, with a byte-order mark first when `bom` (for spreadsheets
    /// that guess the encoding otherwise).
    Csv {
        bom: bool,
    },
}

#[allow(clippy::too_many_arguments)]
pub fn figures(
    paths: &[PathBuf],
    config: &Config,
    selection: &Selection,
    article: Option<&str>,
    output: FiguresOutput,
    filter: Option<&str>,
    sort: SortKey,
) -> Result<ExitCode, CliError> {
    let filter = Filter::parse(filter.unwrap_or_default()).map_err(CliError::BadFilter)?;
    // One article: outline every page, then find that article's figures only.
    let detail = if article.is_some() {
        Detail::Outline
    } else {
        Detail::Figures
    };
    let mut collection = load(paths, config, detail);
    let only = match article {
        Some(id) => {
            let index = article_index(&collection, id)?;
            collection.figures_of(index);
            Some(index)
        }
        None => None,
    };
    let matches = selection.parks(&collection)?;
    let articles = &collection.articles;
    let rows: Vec<FigureRef> = table(articles, None, &filter, sort)
        .into_iter()
        .filter(|r| only.is_none_or(|i| r.article == i))
        .filter(|r| selection.keeps(&articles[r.article], &matches))
        .collect();
    match output {
        FiguresOutput::Json => {
            let rows = figure_rows_of(articles, &rows);
            emit_with(|out| {
                write_object_of_array(out, "figures", &rows)?;
                out.write_all(b"\n")
            })?
        }
        FiguresOutput::Csv { bom } => {
            emit_with(|out| write_figures_csv(out, articles, &rows, bom))?
        }
        FiguresOutput::Text => emit(&figure_table(articles, &rows))?,
    }
    Ok(status(collection))
}

/// The rows of {"figures":[{…figure, "article", "park", "date", "title"}]}.
fn figure_rows_of<'a>(articles: &'a [Article], rows: &[FigureRef]) -> Vec<FigureRow<'a>> {
    rows.iter()
        .filter_map(|r| r.get(articles))
        .map(|(a, f)| FigureRow {
            figure: f,
            article: &a.id,
            park: a.park.as_deref(),
            date: a.date,
            title: &a.title,
            kicker: a.kicker.as_deref(),
            page: a.page.as_deref(),
            url: a.url.as_deref(),
        })
        .collect()
}

/// The CSV columns, in order.
const CSV_HEADER: [&str; 13] = [
    "park",
    "date",
    "article",
    "title",
    "figure",
    "value",
    "value_max",
    "unit",
    "bound",
    "kind",
    "qualifier",
    "block",
    "context",
];

/// One row per figure, RFC 4180 (quotes doubled, fields with commas, quotes or line
/// ends quoted, CRLF line ends), UTF-8; a BOM first when asked for.
fn write_figures_csv(
    out: &mut dyn Write,
    articles: &[Article],
    rows: &[FigureRef],
    bom: bool,
) -> std::io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(CSV_HEADER).map_err(csv_error)?;
    for (a, f) in rows.iter().filter_map(|r| r.get(articles)) {
        let record = [
            a.park.as_deref().unwrap_or_default(),
            &a.date.map(|d| d.to_string()).unwrap_or_default(),
            &a.id,
            &a.title,
            &f.text,
            &f.value.to_string(),
            &f.value_max.map(|v| v.to_string()).unwrap_or_default(),
            &f.unit,
            f.bound.name(),
            f.kind.name(),
            f.qualifier.as_deref().unwrap_or_default(),
            &f.block.to_string(),
            &f.context,
        ];
        writer.write_record(record).map_err(csv_error)?;
    }
    writer.flush()
}

/// The io error inside a CSV one, so that a closed pipe is still known as one.
pub(super) fn csv_error(e: csv::Error) -> std::io::Error {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        _ => std::io::Error::other(message),
    }
}

/// The text table's columns; the title and the figure's sentence, which may hold
/// spaces, come last.
const TEXT_HEADER: [&str; 9] = [
    "park", "date", "article", "figure", "value", "bound", "kind", "title", "context",
];

/// Columns padded by display width, so Chinese lines up; `-` for no park or date.
fn figure_table(articles: &[Article], rows: &[FigureRef]) -> String {
    const N: usize = TEXT_HEADER.len();
    let rows: Vec<[String; N]> = rows
        .iter()
        .filter_map(|r| r.get(articles))
        .map(|(a, f)| figure_row(a, f))
        .collect();
    let header = TEXT_HEADER.map(String::from);
    let mut widths = [0usize; N - 1];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(str_width(cell, AmbiguousWidth::Narrow));
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        for (cell, w) in row.iter().zip(widths) {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(
                ' ',
                w - str_width(cell, AmbiguousWidth::Narrow) + 2,
            ));
        }
        out.push_str(&row[N - 1]);
        out.push('\n');
    }
    out
}

fn figure_row(article: &Article, f: &Figure) -> [String; TEXT_HEADER.len()] {
    [
        article.park.clone().unwrap_or_else(|| "-".to_string()),
        article
            .date
            .map_or_else(|| "-".to_string(), |d| d.to_string()),
        article.id.clone(),
        f.text.clone(),
        normalised_value(f),
        f.bound.name().to_string(),
        f.kind.name().to_string(),
        article.title.clone(),
        f.context.clone(),
    ]
}

pub fn read(
    id: &str,
    paths: &[PathBuf],
    config: &Config,
    width: Option<usize>,
    reading_width: Option<usize>,
) -> Result<ExitCode, CliError> {
    // Outline every page, then find this article's figures only: the layout keeps
    // them whole.
    let mut collection = load(paths, config, Detail::Outline);
    let index = article_index(&collection, id)?;
    collection.figures_of(index);
    let article = &collection.articles[index];
    // Printed text has no pane to centre in: a reading width narrower than the
    // width is the width, with no margin before every row.
    let width = width.unwrap_or_else(default_width).max(1);
    let width = reading_width.map_or(width, |r| r.clamp(1, width));
    let options = LayoutOptions {
        width,
        reading_width: None,
        paragraph_indent: config.paragraph_indent,
        ambiguous: config.ambiguous,
    };
    let park = collection
        .parks
        .iter()
        .find(|p| p.articles.contains(&index))
        .map(|p| p.name.as_str());
    let source = SourceInfo {
        park,
        file: None,
        url: article.url.as_deref(),
    };
    let mut text = String::new();
    for line in header_lines(article, source) {
        for row in wrap_paragraph(&line, width, config.ambiguous) {
            text.push_str(&line[row]);
            text.push('\n');
        }
    }
    text.push('\n');
    text.push_str(&layout_article(article, &options).to_plain_text());
    emit(&text)?;
    Ok(status(collection))
}

/// The article whose id is `id`, or the one id that starts with it; an error
/// naming the ids a prefix fits when it fits several.
fn article_index(collection: &Collection, id: &str) -> Result<usize, CliError> {
    if let Some(index) = collection.position(id) {
        return Ok(index);
    }
    let fits: Vec<usize> = (0..collection.articles.len())
        .filter(|&i| !id.is_empty() && collection.articles[i].id.starts_with(id))
        .collect();
    match fits[..] {
        [index] => Ok(index),
        [] => Err(CliError::NoSuchArticle { id: id.to_string() }),
        _ => Err(CliError::AmbiguousId {
            id: id.to_string(),
            count: fits.len(),
            ids: fits
                .iter()
                .take(6)
                .map(|&i| collection.articles[i].id.clone())
                .collect(),
        }),
    }
}

/// `read`'s width when none is given: the terminal's when stdout is one; when output
/// goes to a pipe (`| less`), $COLUMNS, else the controlling terminal's, else 80.
fn default_width() -> usize {
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&w| w > 0)
    };
    // crossterm asks /dev/tty (an ioctl, never a query that could stall), so this
    // is the controlling terminal's width even when stdout is a pipe.
    let terminal = || {
        ratatui::crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w))
            .filter(|&w| w > 0)
    };
    let width = if std::io::stdout().is_terminal() {
        terminal().or_else(columns)
    } else {
        columns().or_else(terminal)
    };
    width.unwrap_or(80)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{Bound, FigureKind};

    #[test]
    fn a_figure_row_is_the_figure_then_its_article() {
        let figure = Figure {
            text: "约12.5亿元".into(),
            value: 1.25e9,
            unit: "元".into(),
            kind: FigureKind::Money,
            qualifier: Some("约".into()),
            block: 3,
            start: 7,
            end: 14,
            context: "园区去年产值约12.5亿元。".into(),
            value_max: Some(1.5e9),
            bound: Bound::Approx,
        };
        let row = FigureRow {
            figure: &figure,
            article: "ab23cd",
            park: Some("芜湖高新区"),
            date: None,
            title: "芜湖高新区产值增长",
            kicker: None,
            page: Some("5"),
            url: None,
        };
        // The figure as it serialises itself, then the article's fields.
        let figure_json = serde_json::to_string(&figure).unwrap();
        let expected = format!(
            "{},\"article\":\"ab23cd\",\"park\":\"芜湖高新区\",\"date\":null,\
             \"title\":\"芜湖高新区产值增长\",\"kicker\":null,\"page\":\"5\",\"url\":null}}",
            figure_json.strip_suffix('}').unwrap()
        );
        assert_eq!(serde_json::to_string(&row).unwrap(), expected);
    }
}
