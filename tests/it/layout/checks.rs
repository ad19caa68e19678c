//! Rule checkers for laid-out text, written apart from the layout code: they
//! ask icu_segmenter for the raw UAX #14 breaks and apply the Chinese rules of
//! issue 4 themselves. Each returns a description of the first fault.

use std::ops::Range;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;
use unicode_segmentation::UnicodeSegmentation;
use yuanqu::core::layout::{
    byline_opens_lead, credit_line, never_starts_row, str_width, AmbiguousWidth, ArticleLayout,
    LayoutOptions, Part, RowStyle, TRUNCATION_MARK,
};
use yuanqu::core::{Article, BlockKind};

const NO_START: &str = "，。、；：？！）》」』”’·％%,.;:?!)]}";
const NO_END: &str = "（《「『“‘([{";

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_cjk(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// Byte offsets of grapheme boundaries inside `text` (not 0, not the end).
fn cluster_starts(text: &str) -> Vec<usize> {
    text.grapheme_indices(true)
        .map(|(b, _)| b)
        .filter(|&b| b > 0)
        .collect()
}

fn base_before(text: &str, b: usize) -> Option<char> {
    text[..b]
        .graphemes(true)
        .next_back()
        .and_then(|g| g.chars().next())
}

fn base_after(text: &str, b: usize) -> Option<char> {
    text[b..].chars().next()
}

/// May a row begin at byte `b`, by UAX #14 and the Chinese rules?
pub fn may_break_at(text: &str, b: usize, icu: &[usize]) -> bool {
    let (Some(before), Some(after)) = (base_before(text, b), base_after(text, b)) else {
        return false;
    };
    if !text.is_char_boundary(b) || !cluster_starts(text).contains(&b) {
        return false;
    }
    if NO_START.contains(after) || NO_END.contains(before) {
        return false;
    }
    if is_digit(before) && !after.is_whitespace() {
        return false;
    }
    if before == after && "—―…⋯".contains(before) {
        return false;
    }
    let around_is_cjk =
        |far: Option<char>| is_cjk(before) || is_cjk(after) || far.is_some_and(is_cjk);
    let after_after = text[b..]
        .graphemes(true)
        .nth(1)
        .and_then(|g| g.chars().next());
    let before_before = text[..b]
        .graphemes(true)
        .nth_back(1)
        .and_then(|g| g.chars().next());
    if "“‘".contains(after) && around_is_cjk(after_after) {
        return true;
    }
    if "”’".contains(before) && around_is_cjk(before_before) {
        return true;
    }
    icu.contains(&b)
}

fn icu_breaks(text: &str) -> Vec<usize> {
    LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default())
        .segment_str(text)
        .collect()
}

/// Width of row `k` from a list whose last entry repeats.
fn line_width(widths: &[usize], k: usize) -> usize {
    widths.get(k).or(widths.last()).copied().unwrap_or(1).max(1)
}

/// Rule 7: the rows tile the text, in order, none empty.
pub fn check_concat(text: &str, rows: &[Range<usize>]) -> Result<(), String> {
    let mut at = 0;
    for r in rows {
        if r.start != at || r.end <= r.start {
            return Err(format!("row {r:?} does not continue at {at}"));
        }
        at = r.end;
    }
    if at != text.len() {
        return Err(format!("rows end at {at}, text at {}", text.len()));
    }
    Ok(())
}

/// Rules 2 and 6: no row wider than its width, but for a lone cluster too wide for any row.
pub fn check_widths(
    text: &str,
    rows: &[Range<usize>],
    widths: &[usize],
    amb: AmbiguousWidth,
) -> Result<(), String> {
    for (k, r) in rows.iter().enumerate() {
        let row = &text[r.clone()];
        let w = str_width(row, amb);
        let lone_cluster = row.graphemes(true).count() == 1;
        if w > line_width(widths, k) && !lone_cluster {
            return Err(format!(
                "row {k} {row:?} is {w} cells, over {}",
                line_width(widths, k)
            ));
        }
    }
    Ok(())
}

/// Rules 3, 4 and 6: every row boundary is a break opportunity, or splits a
/// piece (between two opportunities) wider than the row, between clusters.
pub fn check_breaks(
    text: &str,
    rows: &[Range<usize>],
    widths: &[usize],
    amb: AmbiguousWidth,
) -> Result<(), String> {
    let icu = icu_breaks(text);
    let clusters = cluster_starts(text);
    for (k, r) in rows.iter().enumerate().take(rows.len().saturating_sub(1)) {
        let b = r.end;
        if !clusters.contains(&b) {
            return Err(format!("row {k} ends inside a grapheme cluster at {b}"));
        }
        if may_break_at(text, b, &icu) {
            continue;
        }
        let start = clusters
            .iter()
            .rev()
            .find(|&&c| c < b && may_break_at(text, c, &icu))
            .copied()
            .unwrap_or(0);
        let end = clusters
            .iter()
            .find(|&&c| c > b && may_break_at(text, c, &icu))
            .copied()
            .unwrap_or(text.len());
        let piece = &text[start..end];
        if str_width(piece, amb) <= line_width(widths, k) {
            return Err(format!(
                "row {k} ends at {b} inside the piece {piece:?}, which fits a row: {:?} | {:?}",
                &text[r.clone()],
                &text[b..rows[k + 1].end]
            ));
        }
    }
    Ok(())
}

/// The stretch a row must not break inside when it fits: `zone` (a figure, a byline's
/// word) widened to the break opportunities around it, as the checker finds them.
fn whole_piece(text: &str, zone: &Range<usize>, icu: &[usize], clusters: &[usize]) -> Range<usize> {
    let start = clusters
        .iter()
        .rev()
        .find(|&&c| c <= zone.start && may_break_at(text, c, icu))
        .copied()
        .unwrap_or(0);
    let end = clusters
        .iter()
        .find(|&&c| c >= zone.end && may_break_at(text, c, icu))
        .copied()
        .unwrap_or(text.len());
    start..end
}

/// The zone that byte `b` lies strictly inside, if any.
fn zone_at(whole: &[Range<usize>], b: usize) -> Option<&Range<usize>> {
    whole.iter().find(|z| z.start < b && b < z.end)
}

/// Rule 8: a row never breaks inside a figure (or a byline's word) that, with what
/// is glued to it, fits a row.
pub fn check_whole(
    text: &str,
    rows: &[Range<usize>],
    widths: &[usize],
    amb: AmbiguousWidth,
    whole: &[Range<usize>],
) -> Result<(), String> {
    let icu = icu_breaks(text);
    let clusters = cluster_starts(text);
    for (k, r) in rows.iter().enumerate().take(rows.len().saturating_sub(1)) {
        let b = r.end;
        let Some(zone) = zone_at(whole, b) else {
            continue;
        };
        let piece = whole_piece(text, zone, &icu, &clusters);
        if str_width(&text[piece.clone()], amb) <= line_width(widths, k + 1) {
            return Err(format!(
                "row {k} splits {:?}, which fits a row: {:?} | {:?}",
                &text[zone.clone()],
                &text[r.clone()],
                &text[b..rows[k + 1].end]
            ));
        }
    }
    Ok(())
}

/// Rule 5: a row ends early only when what comes next would not fit: the next
/// unbreakable piece (by the checker's own break rules, with each figure that fits a
/// row taken whole), or the next cluster of a split piece.
pub fn check_no_early_break(
    text: &str,
    rows: &[Range<usize>],
    widths: &[usize],
    amb: AmbiguousWidth,
    whole: &[Range<usize>],
) -> Result<(), String> {
    let icu = icu_breaks(text);
    let clusters = cluster_starts(text);
    for (k, r) in rows.iter().enumerate().take(rows.len().saturating_sub(1)) {
        let b = r.end;
        let zone_width = line_width(widths, k + 1);
        // A break opportunity, unless it lies inside a figure that is kept whole.
        let usable = |c: usize| {
            may_break_at(text, c, &icu)
                && zone_at(whole, c).is_none_or(|z| {
                    let piece = whole_piece(text, z, &icu, &clusters);
                    str_width(&text[piece], amb) > zone_width
                })
        };
        let at_opportunity = usable(b);
        let next_end = if at_opportunity {
            clusters
                .iter()
                .find(|&&c| c > b && usable(c))
                .copied()
                .unwrap_or(text.len())
        } else {
            b + text[b..].graphemes(true).next().map_or(0, str::len)
        };
        let used = str_width(&text[r.clone()], amb);
        let next = str_width(&text[b..next_end], amb);
        // Cutting an over-long piece, the cut moves back so that a closing mark
        // does not start the next row (rule 4 over rule 6's greedy cut).
        let backs_off_from_mark = !at_opportunity
            && text[next_end..]
                .chars()
                .next()
                .is_some_and(never_starts_row);
        if used + next <= line_width(widths, k) && !backs_off_from_mark {
            return Err(format!(
                "row {k} {:?} ({used} cells) ended early: {:?} ({next} cells) fits in {}",
                &text[r.clone()],
                &text[b..next_end],
                line_width(widths, k)
            ));
        }
    }
    Ok(())
}

/// All the rules on one wrapped text.
pub fn check_text(
    text: &str,
    rows: &[Range<usize>],
    widths: &[usize],
    amb: AmbiguousWidth,
) -> Result<(), String> {
    check_text_keeping(text, rows, widths, amb, &[])
}

/// All the rules on one wrapped text whose `whole` stretches (byte ranges) are kept
/// on one row when they fit.
pub fn check_text_keeping(
    text: &str,
    rows: &[Range<usize>],
    widths: &[usize],
    amb: AmbiguousWidth,
    whole: &[Range<usize>],
) -> Result<(), String> {
    check_concat(text, rows)?;
    check_widths(text, rows, widths, amb)?;
    check_breaks(text, rows, widths, amb)?;
    check_whole(text, rows, widths, amb, whole)?;
    check_no_early_break(text, rows, widths, amb, whole)
}

/// Byte ranges of the figures of block `i`, from their char offsets.
fn figure_zones(article: &Article, i: usize, text: &str) -> Vec<Range<usize>> {
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    article
        .figures
        .iter()
        .filter(|f| f.block == i)
        .filter_map(|f| Some(*bytes.get(f.start)?..*bytes.get(f.end)?))
        .collect()
}

/// The words of a byline with spaces: it breaks at its spaces.
fn word_zones(text: &str) -> Vec<Range<usize>> {
    if !text.contains(char::is_whitespace) {
        return Vec::new();
    }
    text.split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            at..at + w.len()
        })
        .collect()
}

fn part_text(article: &Article, part: Part) -> Option<String> {
    match part {
        Part::Kicker => article.kicker.clone(),
        Part::Title => Some(article.title.clone()),
        Part::Subtitle => article.subtitle.clone(),
        Part::Byline => Some(article.byline.raw.clone()).filter(|_| !byline_opens_lead(article)),
        Part::Truncation => article.truncated.then(|| TRUNCATION_MARK.to_string()),
        Part::Block(i) => article.blocks.get(i).map(|b| b.text.clone()),
        Part::Credit(i) => article
            .blocks
            .get(i)
            .filter(|b| b.kind == BlockKind::Caption)
            .and_then(|b| b.credit.as_deref())
            .map(credit_line),
    }
}

/// All the rules on a laid-out article: every part's rows checked as text in
/// the column the options give, indents inside the column, parts in order with
/// one blank row between them, and every part shown.
pub fn check_article(
    article: &Article,
    layout: &ArticleLayout,
    opts: &LayoutOptions,
) -> Result<(), String> {
    let width = opts.width.max(1);
    let (margin, column) = match opts.reading_width {
        Some(r) if r.max(1) < width => ((width - r.max(1)) / 2, r.max(1)),
        _ => (0, width),
    };
    let mut parts: Vec<Part> = Vec::new();
    for (k, row) in layout.rows.iter().enumerate() {
        match row.part {
            None => {
                if row.style != RowStyle::Blank || !row.text.is_empty() {
                    return Err(format!("row {k} has no part but is not blank"));
                }
                if k == 0 || layout.rows.get(k + 1).is_none_or(|r| r.part.is_none()) {
                    return Err(format!("blank row {k} is not between two parts"));
                }
            }
            Some(p) if parts.last() != Some(&p) => {
                // A credit sits right under its caption; every other part follows a blank row.
                let follows_caption =
                    matches!(p, Part::Credit(i) if parts.last() == Some(&Part::Block(i)));
                if follows_caption && layout.rows[k - 1].part.is_none() {
                    return Err(format!("blank row between caption and {p:?}"));
                }
                if !follows_caption && k > 0 && layout.rows[k - 1].part.is_some() {
                    return Err(format!("no blank row before {p:?}"));
                }
                parts.push(p);
            }
            Some(_) => {}
        }
        if row.indent < margin && row.part.is_some() {
            return Err(format!("row {k} starts left of the column"));
        }
    }
    for &part in &parts {
        let text = part_text(article, part).ok_or(format!("{part:?} is not in the article"))?;
        let rows: Vec<&yuanqu::core::layout::Row> = layout
            .rows
            .iter()
            .filter(|r| r.part == Some(part))
            .collect();
        let mut ranges = Vec::new();
        let mut widths = Vec::new();
        let mut at = 0;
        let mut chars = 0;
        for r in &rows {
            if r.chars.start != chars {
                return Err(format!(
                    "{part:?}: row chars {:?} do not continue at {chars}",
                    r.chars
                ));
            }
            chars = r.chars.end;
            if r.chars.len() != r.text.chars().count() {
                return Err(format!(
                    "{part:?}: row chars {:?} do not match {:?}",
                    r.chars, r.text
                ));
            }
            ranges.push(at..at + r.text.len());
            at += r.text.len();
            widths.push((margin + column).saturating_sub(r.indent));
        }
        let joined: String = rows.iter().map(|r| r.text.as_str()).collect();
        let text = text.as_str();
        if joined != text {
            return Err(format!("{part:?}: rows join to {joined:?}, not {text:?}"));
        }
        let whole = match part {
            Part::Block(i) => figure_zones(article, i, text),
            Part::Byline => word_zones(text),
            _ => Vec::new(),
        };
        check_text_keeping(text, &ranges, &widths, opts.ambiguous, &whole)
            .map_err(|e| format!("{part:?}: {e}"))?;
    }
    let expected: Vec<Part> = [Part::Title, Part::Subtitle, Part::Byline]
        .into_iter()
        .chain((0..article.blocks.len()).flat_map(|i| [Part::Block(i), Part::Credit(i)]))
        .chain([Part::Truncation])
        .filter(|&p| part_text(article, p).is_some_and(|t| !t.is_empty()))
        .collect();
    if parts != expected {
        return Err(format!("parts shown {parts:?}, expected {expected:?}"));
    }
    Ok(())
}
