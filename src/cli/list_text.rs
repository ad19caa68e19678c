//! `list` as text, written from rows: a line per park (its number, name, place and
//! count) and under it a line per article (id, date, source, title) in columns
//! as wide as the widest of the listing. A whole load writes it from its
//! articles, and `core::list_rows` from the rows it kept, whose `rendered` is
//! the title; one writer for both, so the two cannot drift apart.

use std::io::{self, Write};

use crate::core::collection::ParkGroup;
use crate::core::layout::{str_width, AmbiguousWidth};
use crate::core::list_rows::Row;
use crate::core::Article;

/// What `core::list_rows` keeps of an article for a text listing: its title.
pub(super) fn title_row(a: &Article) -> Vec<u8> {
    a.title.as_bytes().to_vec()
}

/// An article's row in a text listing, from the article.
pub(super) fn row_of(a: &Article) -> Row<'_> {
    Row {
        id: &a.id,
        rendered: a.title.as_bytes(),
        source: &a.source,
        date: a.date,
    }
}

/// A park of the listing: its number in the whole collection, the park, and its
/// rows (each with the title as `rendered`).
pub(super) type ListedPark<'a, 'r> = (usize, &'a ParkGroup, &'a [Row<'r>]);

/// Write the text listing of `parks`.
pub(super) fn write_list_text(out: &mut dyn Write, parks: &[ListedPark]) -> io::Result<()> {
    let rows = || parks.iter().flat_map(|(_, _, rows)| rows.iter());
    let id_width = rows().map(|r| r.id.chars().count()).max().unwrap_or(0);
    let source_width = rows()
        .map(|r| str_width(source_shown(r), AmbiguousWidth::Narrow))
        .max()
        .unwrap_or(0);
    for &(number, park, rows) in parks {
        writeln!(
            out,
            "{} {}{}  {} 篇",
            number + 1,
            park.name,
            place(park),
            rows.len()
        )?;
        for r in rows {
            let date = r.date.map_or_else(|| "-".to_string(), |d| d.to_string());
            let source = source_shown(r);
            let pad = source_width.saturating_sub(str_width(source, AmbiguousWidth::Narrow));
            write!(
                out,
                "    {:<id_width$}  {date:<10}  {source}{}  ",
                r.id,
                " ".repeat(pad)
            )?;
            out.write_all(r.rendered)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

fn source_shown<'r>(r: &Row<'r>) -> &'r str {
    if r.source.is_empty() {
        "-"
    } else {
        r.source
    }
}

/// `（province city）`, or nothing when neither is known.
fn place(park: &ParkGroup) -> String {
    let place: Vec<&str> = [park.province.as_deref(), park.city.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if place.is_empty() {
        String::new()
    } else {
        format!("（{}）", place.join(" "))
    }
}
