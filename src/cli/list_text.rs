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
    let source_widths = source_widths(rows());
    // As wide as the widest source given (a `-` for none is not counted).
    let source_width = source_widths.iter().copied().max().unwrap_or(0);
    let mut widths = source_widths.into_iter();
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
            let date = r.date.map(|d| d.text());
            let date = date.as_ref().map_or("-", |d| d.as_str());
            let source = source_shown(r);
            let width = widths.next().unwrap_or(0);
            let pad = source_width.saturating_sub(if r.source.is_empty() { 1 } else { width });
            write!(
                out,
                "    {:<id_width$}  {date:<10}  {source}{:pad$}  ",
                r.id, ""
            )?;
            out.write_all(r.rendered)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// The width each row's source takes: the articles of a page mostly come one
/// after another, so a source is measured once for them all.
fn source_widths<'r>(rows: impl Iterator<Item = &'r Row<'r>>) -> Vec<usize> {
    let mut last: Option<(&str, usize)> = None;
    rows.map(|r| {
        let source = r.source;
        match last {
            Some((s, width)) if s == source => width,
            _ => {
                let width = str_width(source, AmbiguousWidth::Narrow);
                last = Some((source, width));
                width
            }
        }
    })
    .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::PageDate;

    #[test]
    fn columns_are_as_wide_as_the_widest_and_a_missing_source_is_a_dash() {
        let park = ParkGroup {
            name: "宁德高新区".into(),
            province: Some("福建".into()),
            city: None,
            articles: vec![0, 1, 2],
        };
        let row = |id, title: &'static str, source, date: &str| Row {
            id,
            rendered: title.as_bytes(),
            source,
            date: PageDate::parse(date),
        };
        let rows = [
            row("a2", "标题一", "abc", "2024-07-30"),
            row("b3-2", "标题二", "", ""),
            row("c4", "标题三", "来源", "2024-07"),
        ];
        let mut out = Vec::new();
        write_list_text(&mut out, &[(0, &park, &rows)]).expect("into memory");
        let expected = [
            "1 宁德高新区（福建）  3 篇",
            "    a2    2024-07-30  abc   标题一",
            "    b3-2  -           -     标题二",
            "    c4    2024-07     来源  标题三",
        ];
        assert_eq!(String::from_utf8(out).unwrap(), expected.join("\n") + "\n");
    }
}
