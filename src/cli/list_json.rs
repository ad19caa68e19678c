//! `list --json` written from rows: each article's row rendered alone, with an
//! empty id (put in as it is written), and the parks framed around the rows byte
//! for byte as `serde_json::to_writer_pretty` writes `{"parks": [{"name",
//! "province", "city", "articles": [{"id", "title", "kicker", "subtitle",
//! "column", "date", "source", "page", "url"}]}]}`. Rows made alone are what
//! `core::list_rows` keeps, to put a listing together again after a few pages
//! changed; a whole load's listing is written the same way.

use std::io::{self, Write};
use std::sync::LazyLock;

use serde::Serialize;

use super::pretty_json::NestedPretty;
use crate::core::collection::ParkGroup;
use crate::core::dates::PageDate;
use crate::core::list_rows::Row;
use crate::core::workers::map_on_every_core;
use crate::core::Article;

/// How deep an article stands: in the articles of a park, in the parks, in the
/// object.
const ROW_LEVEL: usize = 4;

/// How deep a park stands.
const PARK_LEVEL: usize = 2;

#[derive(Serialize)]
struct ArticleListing<'a> {
    id: &'a str,
    title: &'a str,
    kicker: Option<&'a str>,
    subtitle: Option<&'a str>,
    column: Option<&'a str>,
    date: Option<PageDate>,
    source: &'a str,
    page: Option<&'a str>,
    url: Option<&'a str>,
}

/// A park's own fields; its articles follow them.
#[derive(Serialize)]
struct ParkFields<'a> {
    name: &'a str,
    province: Option<&'a str>,
    city: Option<&'a str>,
}

/// An article's row: its listing with an empty id, pretty at the depth articles
/// stand in the output.
pub(super) fn render_row(a: &Article) -> Vec<u8> {
    pretty_at(&ArticleListing::of(a, ""), ROW_LEVEL)
}

impl<'a> ArticleListing<'a> {
    fn of(a: &'a Article, id: &'a str) -> ArticleListing<'a> {
        ArticleListing {
            id,
            title: &a.title,
            kicker: a.kicker.as_deref(),
            subtitle: a.subtitle.as_deref(),
            column: a.column.as_deref(),
            date: a.date,
            source: &a.source,
            page: a.page.as_deref(),
            url: a.url.as_deref(),
        }
    }
}

/// The rows of `articles`, rendered on every core.
pub(super) fn render_rows(articles: &[&Article]) -> Vec<Vec<u8>> {
    map_on_every_core(articles, 1024, |a| render_row(a))
}

/// `value` as serde_json's pretty printer writes it `level` levels deep.
fn pretty_at(value: &impl Serialize, level: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(384);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, NestedPretty::at_level(level));
    // Plain strings and options into memory: nothing here can fail.
    let _ = value.serialize(&mut serializer);
    out
}

/// Write the listing of `parks`, each with its rows in order, and a final newline.
pub(super) fn write_listing<'r, P, R>(out: &mut dyn Write, parks: P) -> io::Result<()>
where
    P: IntoIterator<Item = (&'r ParkGroup, R)>,
    R: IntoIterator<Item = Row<'r>>,
{
    out.write_all(b"{\n  \"parks\": [")?;
    let mut any_park = false;
    for (park, rows) in parks {
        out.write_all(if any_park { b",\n    " } else { b"\n    " })?;
        any_park = true;
        write_park_fields(out, park)?;
        out.write_all(b",\n      \"articles\": [")?;
        let mut any_row = false;
        for row in rows {
            out.write_all(if any_row {
                b",\n        "
            } else {
                b"\n        "
            })?;
            any_row = true;
            write_row(out, &row)?;
        }
        out.write_all(if any_row {
            b"\n      ]\n    }"
        } else {
            b"]\n    }"
        })?;
    }
    out.write_all(if any_park { b"\n  ]\n}\n" } else { b"]\n}\n" })
}

/// `{` and the park's fields, as its object begins (no closing brace).
fn write_park_fields(out: &mut dyn Write, park: &ParkGroup) -> io::Result<()> {
    let fields = ParkFields {
        name: &park.name,
        province: park.province.as_deref(),
        city: park.city.as_deref(),
    };
    let whole = pretty_at(&fields, PARK_LEVEL);
    // The object's end: a line end, the park's indent and `}`.
    let end = whole.len().saturating_sub(2 * PARK_LEVEL + 2);
    out.write_all(&whole[..end])
}

/// A row with its id put in place of the empty one, its first field.
fn write_row(out: &mut dyn Write, row: &Row) -> io::Result<()> {
    let at = empty_id_at(row.rendered);
    out.write_all(&row.rendered[..at])?;
    serde_json::to_writer(&mut *out, row.id)?;
    out.write_all(row.rendered.get(at + 2..).unwrap_or_default())
}

/// Where a row's empty id (`""`) is: where `render_row` puts it in every row,
/// else (never, while rows are this build's, which their entries are keyed by)
/// wherever it is first. Searching every row was half of writing them.
fn empty_id_at(rendered: &[u8]) -> usize {
    static AT: LazyLock<usize> = LazyLock::new(|| {
        let probe = render_row(&Article::new("", ""));
        memchr::memmem::find(&probe, b"\"\"").unwrap_or(0)
    });
    if rendered.get(*AT..*AT + 2) == Some(b"\"\"") {
        return *AT;
    }
    memchr::memmem::find(rendered, b"\"\"").unwrap_or(rendered.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct ParkListing<'a> {
        name: &'a str,
        province: Option<&'a str>,
        city: Option<&'a str>,
        articles: Vec<ArticleListing<'a>>,
    }

    fn article(id: &str, title: &str, kicker: Option<&str>) -> Article {
        let mut a = Article::new(id, title);
        a.kicker = kicker.map(str::to_string);
        a.source = "2024-07-30-园区\"版\".txt".into();
        a.date = PageDate::parse("2024-07-30");
        a
    }

    fn group(name: &str, province: Option<&str>, articles: Vec<usize>) -> ParkGroup {
        ParkGroup {
            name: name.into(),
            province: province.map(str::to_string),
            city: None,
            articles,
        }
    }

    /// What serde_json writes for the same parks and articles: the oracle.
    fn by_serde(parks: &[ParkGroup], articles: &[Article]) -> Vec<u8> {
        let parks: Vec<ParkListing> = parks
            .iter()
            .map(|p| ParkListing {
                name: &p.name,
                province: p.province.as_deref(),
                city: p.city.as_deref(),
                articles: p
                    .articles
                    .iter()
                    .map(|&i| &articles[i])
                    .map(|a| ArticleListing::of(a, &a.id))
                    .collect(),
            })
            .collect();
        #[derive(Serialize)]
        struct Listing<'a> {
            parks: Vec<ParkListing<'a>>,
        }
        let mut out = serde_json::to_vec_pretty(&Listing { parks }).expect("serialisable");
        out.push(b'\n');
        out
    }

    fn by_rows(parks: &[ParkGroup], articles: &[Article]) -> Vec<u8> {
        let refs: Vec<&Article> = articles.iter().collect();
        let rows = render_rows(&refs);
        let mut out = Vec::new();
        let listing = parks.iter().map(|p| {
            let rows = p.articles.iter().map(|&i| Row {
                id: &articles[i].id,
                rendered: &rows[i],
                source: "",
                date: None,
            });
            (p, rows)
        });
        write_listing(&mut out, listing).expect("written");
        out
    }

    #[test]
    fn rows_framed_are_what_serde_writes() {
        let articles = vec![
            article("7tzxfs", "常州高新区打造稀土新材料高地", None),
            article("7tzxfs-2", "标题里有\"引号\"和\\反斜杠", Some("引题")),
            article("ab\"c", "\u{1}控制字符", None),
        ];
        let cases = [
            vec![],
            vec![group("常州高新区", None, vec![0])],
            vec![
                group("常州高新区", Some("江苏"), vec![0, 2]),
                group("其他\"园\"", None, vec![1]),
            ],
        ];
        for parks in cases {
            assert_eq!(
                String::from_utf8(by_rows(&parks, &articles)),
                String::from_utf8(by_serde(&parks, &articles)),
            );
        }
    }

    #[test]
    fn a_park_with_no_rows_is_framed_as_serde_frames_it() {
        let articles = vec![article("a", "题", None)];
        let parks = vec![group("空园区", None, vec![])];
        assert_eq!(by_rows(&parks, &articles), by_serde(&parks, &articles));
    }
}
