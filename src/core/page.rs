//! Page parser: the raw text of a printed newspaper page to articles.
//!
//! Two passes. `lex` turns lines into units (heading, headline, byline, caption,
//! credit, text) by their own shape; `assemble` walks the units and decides where
//! articles start, joins paragraphs cut by a column break or a photo, and files
//! captions with their article.

use std::borrow::Cow;

use super::article::{Article, Block, BlockKind, BodySummary, Figures};
use super::byline::{parse_byline, split_dateline};
use super::caption::{credit_only, split_caption};
use super::figures::extract_figures;
use super::ids::{assign_unique_ids, content_hash};
use super::parks::{detect_park, province_in, ParkRegistry};
use super::punctuation;
use super::sanitize::sanitize_cow;

/// Title given to text that stands before any heading (the tail of an article
/// begun on another page).
pub const UNTITLED: &str = "（无标题）";

/// One line (or two-line headline) of a page, classified by its own shape.
/// Lines borrow the page's text: a text line is copied once, into its block,
/// and not at all when it continues a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PageLine<'a> {
    /// `## …`
    Heading(&'a str),
    /// A headline over a short item: lines ending in two spaces, joined.
    Headline(Cow<'a, str>),
    /// `◎本报记者 …`
    Byline(&'a str),
    Caption {
        text: String,
        credit: Option<String>,
    },
    /// A credit on a line of its own (受访者供图).
    Credit(String),
    Text(&'a str),
}

/// Parse a page into articles, with parks and figures filled in.
pub fn parse_page(raw: &str) -> Vec<Article> {
    parse_page_with(raw, ParkRegistry::builtin(), Detail::Full)
}

/// How much of each article to derive, and whether its body is kept after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything, figures included.
    Full,
    /// All but figures: enough to list parks and titles, at twice the speed.
    Outline,
    /// Figures found, then the body let go (see [`BodySummary`]): for commands that
    /// print figures, not text.
    Figures,
    /// Outline, then the body let go: for commands that print titles only.
    Titles,
    /// Outline, each file's articles folded for search, then the body let go (by
    /// the loader, once folded): the reader's load. A file's entry in the index
    /// gives its folded text, so its body is not even read.
    Searchable,
}

impl Detail {
    pub(crate) fn finds_figures(self) -> bool {
        matches!(self, Detail::Full | Detail::Figures)
    }

    /// Whether a parse keeps the body (a searchable one, until it is folded).
    pub(crate) fn keeps_body(self) -> bool {
        matches!(self, Detail::Full | Detail::Outline | Detail::Searchable)
    }

    /// Whether the load gives each file's articles folded for search.
    pub(crate) fn folds(self) -> bool {
        self == Detail::Searchable
    }
}

pub fn parse_page_with(raw: &str, registry: &ParkRegistry, detail: Detail) -> Vec<Article> {
    let mut articles = parse_page_articles(raw, registry, detail);
    assign_unique_ids(&mut articles);
    articles
}

/// The articles of a page without ids: a collection gives them, once every
/// article's date is known.
pub(crate) fn parse_page_articles(
    raw: &str,
    registry: &ParkRegistry,
    detail: Detail,
) -> Vec<Article> {
    let text = sanitize_cow(raw);
    let units = classify_headlines(lex(&text));
    let mut articles = assemble(units);
    for article in &mut articles {
        finish_article(article, registry, detail);
    }
    articles
}

/// Fill in what is derived from an article's text: park, figures.
pub fn finish_article(article: &mut Article, registry: &ParkRegistry, detail: Detail) {
    if article.park.is_none() {
        let mut paragraphs = article
            .blocks_of(BlockKind::Paragraph)
            .map(|b| b.text.as_str());
        let lead = paragraphs.next().unwrap_or("");
        let body: Vec<&str> = paragraphs.collect();
        article.park = detect_park(
            &article.title,
            article.subtitle.as_deref(),
            lead,
            &body,
            registry,
        );
    }
    if detail.finds_figures() {
        article.figures = Figures::Found(extract_figures(&article.blocks));
    }
    if !detail.keeps_body() {
        let_go_of_body(article);
    }
}

/// What the body says that is still needed once it is gone (see [`BodySummary`]).
pub(crate) fn body_summary(article: &Article) -> BodySummary {
    let province = article
        .park
        .as_deref()
        .and_then(|p| province_in(article, p));
    BodySummary {
        text_hash: content_hash(article),
        province,
    }
}

/// Keep the body's summary and let the body go (`Detail::Titles`, `Detail::Figures`).
pub(crate) fn let_go_of_body(article: &mut Article) {
    article.body_summary = Some(body_summary(article));
    article.blocks = Vec::new();
}

fn lex(text: &str) -> Vec<PageLine<'_>> {
    // One unit at most per line; lines are read with one line of lookahead.
    let mut units = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if heading_text(trimmed).is_some() {
            lex_headings(trimmed, &mut units);
            continue;
        }
        // A headline: every line but the last ends in two spaces, no blank line between.
        if ends_in_two_spaces(line) && lines.peek().is_some_and(|next| continues_headline(next)) {
            let mut headline = trimmed.to_string();
            while let Some(next) = lines.next_if(|n| continues_headline(n)) {
                join_headline(&mut headline, next.trim());
                if !ends_in_two_spaces(next) {
                    break;
                }
            }
            units.push(PageLine::Headline(Cow::Owned(headline)));
            continue;
        }
        units.push(classify_line(trimmed));
    }
    units
}

/// The longest heading, in chars: past it a `## ` line is a heading run into its
/// text (a page whose line breaks were lost), and the rest is body.
const MAX_HEADING_CHARS: usize = 64;

/// A `## ` line as headings: a heading of reasonable length, cut before a `#` or `◎`
/// run into it or after its first sentence, else at [`MAX_HEADING_CHARS`]; what
/// follows a cut is read again as a heading when it is one, else as text.
fn lex_headings<'a>(line: &'a str, units: &mut Vec<PageLine<'a>>) {
    let mut line = line;
    while let Some(heading) = heading_text(line) {
        let (title, rest) = split_long_heading(heading);
        if !title.is_empty() {
            units.push(PageLine::Heading(title));
        }
        match rest {
            Some(rest) if rest.starts_with('#') => line = rest,
            Some(rest) => {
                units.push(PageLine::Text(rest));
                return;
            }
            None => return,
        }
    }
}

/// A heading and the text run into it, if it is too long to be one heading.
fn split_long_heading(heading: &str) -> (&str, Option<&str>) {
    let Some((limit, _)) = heading.char_indices().nth(MAX_HEADING_CHARS) else {
        return (heading, None);
    };
    let cut = heading[..limit]
        .char_indices()
        .skip(1)
        .find_map(|(at, c)| match c {
            '#' | '◎' => Some(at),
            '。' | '！' | '？' => Some(at + c.len_utf8()),
            _ => None,
        })
        .unwrap_or(limit);
    let rest = heading[cut..].trim();
    (heading[..cut].trim(), (!rest.is_empty()).then_some(rest))
}

fn heading_text(line: &str) -> Option<&str> {
    line.starts_with('#')
        .then(|| line.trim_start_matches('#').trim())
}

fn ends_in_two_spaces(line: &str) -> bool {
    line.ends_with("  ") || line.ends_with('\u{3000}') || line.ends_with(" \u{3000}")
}

fn continues_headline(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && heading_text(t).is_none() && !t.starts_with('◎')
}

fn join_headline(headline: &mut String, next: &str) {
    // Latin words broken over two headline lines keep their space.
    let ascii_join = headline
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii_join {
        headline.push(' ');
    }
    headline.push_str(next);
}

fn classify_line(line: &str) -> PageLine<'_> {
    if line.starts_with('◎') || looks_like_bare_byline(line) {
        return PageLine::Byline(line);
    }
    if let Some(credit) = credit_only(line) {
        return PageLine::Credit(credit);
    }
    if let Some((text, credit)) = split_caption(line) {
        return PageLine::Caption { text, credit };
    }
    PageLine::Text(line)
}

/// 本报记者 张三 通讯员 李四, on a line of its own without the ◎.
fn looks_like_bare_byline(line: &str) -> bool {
    let starts = ["本报记者", "本报通讯员", "记者 ", "通讯员 "];
    // The cheap test first; the length is counted no further than the limit.
    starts.iter().any(|s| line.starts_with(s))
        && line.chars().nth(40).is_none()
        && !line.contains(['。', '，', '：', '；'])
}

/// Short text lines with no punctuation that stand right before a byline or a
/// dateline are one-line headlines.
fn classify_headlines(mut units: Vec<PageLine<'_>>) -> Vec<PageLine<'_>> {
    for i in 0..units.len() {
        let PageLine::Text(text) = units[i] else {
            continue;
        };
        // The shape first: it reads only a short line, and most lines are long.
        if !is_headline_shaped(text) {
            continue;
        }
        let next_starts_article = match units.get(i + 1) {
            Some(PageLine::Byline(_)) => true,
            Some(PageLine::Text(next)) => split_dateline(next).is_some(),
            _ => false,
        };
        if next_starts_article {
            units[i] = PageLine::Headline(Cow::Borrowed(text));
        }
    }
    units
}

fn is_headline_shaped(text: &str) -> bool {
    // A char is at most four bytes: most lines are known too long without counting.
    if text.len() > 4 * 40 {
        return false;
    }
    // Counted no further than one past the longest headline.
    let n = text.chars().take(41).count();
    (4..=40).contains(&n) && !text.contains(['。', '，', '；', '：', '！', '？'])
}

/// True when a paragraph may end here; otherwise the next text block continues it.
pub fn ends_paragraph(text: &str) -> bool {
    // Only the last 48 chars matter; reading no more keeps joining long runs linear.
    const TAIL_CHARS: usize = 48;
    let text = text.trim_end();
    if text.ends_with('）') || text.ends_with(')') {
        // （完） and a closing credit end a paragraph; a bracket mid-sentence does not.
        let t = tail(text, TAIL_CHARS);
        if let Some(open) = t.rfind(['（', '(']) {
            let inner = &t[open..];
            if ["完", "记者", "通讯员", "编辑", "供图", "摄"]
                .iter()
                .any(|m| inner.contains(m))
            {
                return true;
            }
        }
    }
    // Read from the end as far as needed, never past the tail.
    let mut before_closers = text
        .chars()
        .rev()
        .take(TAIL_CHARS)
        .skip_while(|&c| punctuation::closes_sentence(c));
    match before_closers.next() {
        Some(c) if punctuation::ends_sentence(c) || matches!(c, '…' | '：') => true,
        // 产值1. cut by a column break is a decimal point, not a full stop.
        Some('.') => !before_closers.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The last `n` chars of `s` (all of it when shorter).
fn tail(s: &str, n: usize) -> &str {
    // They lie within the last 4n bytes (a char is at most four): only those are
    // walked, however long the paragraph has grown.
    let mut from = s.len().saturating_sub(4 * n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let end = &s[from..];
    match end.char_indices().rev().nth(n) {
        Some((i, c)) => &end[i + c.len_utf8()..],
        None => end,
    }
}

/// Article under construction, with the paragraph a column break left open.
#[derive(Default)]
struct Assembler {
    done: Vec<Article>,
    current: Option<Article>,
    column: Option<String>,
    /// Index in the current article's blocks of a paragraph still waiting for its end.
    open_paragraph: Option<usize>,
    /// Captions met while a paragraph was open: they follow it once it is whole.
    held_captions: Vec<Block>,
}

fn assemble(mut units: Vec<PageLine<'_>>) -> Vec<Article> {
    let mut asm = Assembler::default();
    let mut i = 0;
    while i < units.len() {
        // Units are consumed as they are read: their text moves into the article.
        match &mut units[i] {
            PageLine::Heading(_) => {
                let run: Vec<String> = units[i..]
                    .iter()
                    .map_while(|u| match u {
                        PageLine::Heading(h) => Some(h.to_string()),
                        _ => None,
                    })
                    .collect();
                i += run.len();
                asm.headings(run, units.get(i));
                continue;
            }
            PageLine::Headline(h) => {
                let title = std::mem::take(h).into_owned();
                asm.start(title, None, asm.column.clone())
            }
            PageLine::Byline(b) => asm.byline(b),
            PageLine::Caption { text, credit } => asm.caption(Block {
                kind: BlockKind::Caption,
                text: std::mem::take(text),
                credit: credit.take(),
            }),
            PageLine::Credit(c) => asm.credit(c),
            PageLine::Text(t) => asm.text(t),
        }
        i += 1;
    }
    asm.close();
    asm.done
}

impl Assembler {
    fn headings(&mut self, run: Vec<String>, next: Option<&PageLine>) {
        let mut run = run.into_iter();
        let Some(first) = run.next() else { return };
        let rest: Vec<String> = run.collect();
        if !rest.is_empty() {
            // Kicker and title stacked: a new article.
            self.column = None;
            self.start(first, Some(rest.join(" ")), None);
            return;
        }
        match next {
            Some(PageLine::Headline(_)) => {
                // A column name over short items.
                self.close();
                self.column = Some(first);
            }
            Some(PageLine::Byline(_)) | None => {
                self.column = None;
                self.start(first, None, None);
            }
            _ => {
                let in_long_article = self.current.as_ref().is_some_and(|a| a.column.is_none());
                if in_long_article {
                    self.close_paragraph();
                    self.push_block(Block::new(BlockKind::Heading, first));
                } else {
                    self.column = None;
                    self.start(first, None, None);
                }
            }
        }
    }

    fn start(&mut self, title: String, subtitle: Option<String>, column: Option<String>) {
        self.close();
        let mut article = Article::new(String::new(), title);
        article.subtitle = subtitle;
        article.column = column;
        self.current = Some(article);
    }

    fn current(&mut self) -> &mut Article {
        self.current
            .get_or_insert_with(|| Article::new(String::new(), UNTITLED))
    }

    fn byline(&mut self, raw: &str) {
        let article = self.current();
        if article.byline.raw.is_empty() && article.blocks.is_empty() {
            article.byline = parse_byline(raw);
        } else {
            self.text(raw);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(open) = self.open_paragraph {
            let article = self.current();
            if let Some(block) = article.blocks.get_mut(open) {
                block.text.push_str(text);
                if ends_paragraph(&block.text) {
                    self.close_paragraph();
                }
                return;
            }
        }
        let article = self.current();
        if article.blocks.is_empty() && article.byline.raw.is_empty() {
            if let Some(dateline) = split_dateline(text) {
                article.byline = parse_byline(dateline);
            }
        }
        let finished = ends_paragraph(text);
        self.push_block(Block::new(BlockKind::Paragraph, text));
        if !finished {
            self.open_paragraph = Some(self.current().blocks.len() - 1);
        }
    }

    fn caption(&mut self, block: Block) {
        if self.open_paragraph.is_some() {
            self.held_captions.push(block);
        } else {
            self.push_block(block);
        }
    }

    /// A credit line belongs to the caption right before it.
    fn credit(&mut self, credit: &str) {
        let previous = if self.open_paragraph.is_some() {
            self.held_captions.last_mut()
        } else {
            self.current.as_mut().and_then(|a| a.blocks.last_mut())
        };
        let uncredited = previous.filter(|b| b.kind == BlockKind::Caption && b.credit.is_none());
        match uncredited {
            Some(caption) => caption.credit = Some(credit.to_string()),
            None => self.caption(Block {
                kind: BlockKind::Caption,
                text: String::new(),
                credit: Some(credit.to_string()),
            }),
        }
    }

    fn push_block(&mut self, block: Block) {
        self.current().blocks.push(block);
    }

    /// The open paragraph is as whole as it will get: captions held for it follow.
    fn close_paragraph(&mut self) {
        self.open_paragraph = None;
        let held = std::mem::take(&mut self.held_captions);
        self.current().blocks.extend(held);
    }

    fn close(&mut self) {
        if self.current.is_none() {
            return;
        }
        let cut_off = self.open_paragraph.is_some();
        self.close_paragraph();
        if let Some(mut article) = self.current.take() {
            article.truncated = cut_off;
            self.done.push(article);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page in the usual layout, written for this test, with its line breaks lost.
    fn flattened() -> String {
        let page = "## 宁波高新区集成电路产业提速\n\n## 三家龙头企业新品发布\n\n\
                    ◎本报记者 陈立 通讯员 王芳\n\n\
                    日前，宁波高新区举行集成电路产业推介会，三家龙头企业发布新品。\
                    园区今年新增相关企业四十余家，产业规模持续扩大。\n\n\
                    业内人士认为，完善的配套是企业集聚的关键。\n";
        page.repeat(200).replace('\n', "")
    }

    #[test]
    fn a_paragraph_ends_as_its_last_48_chars_say() {
        // The rule on the whole tail, as it read before the tail was taken lazily.
        let reference = |text: &str| {
            let t = tail(text.trim_end(), 48);
            if t.ends_with('）') || t.ends_with(')') {
                if let Some(open) = t.rfind(['（', '(']) {
                    let inner = &t[open..];
                    if ["完", "记者", "通讯员", "编辑", "供图", "摄"]
                        .iter()
                        .any(|m| inner.contains(m))
                    {
                        return true;
                    }
                }
            }
            let mut rest = t
                .chars()
                .rev()
                .skip_while(|&c| punctuation::closes_sentence(c));
            match rest.next() {
                Some(c) if punctuation::ends_sentence(c) || matches!(c, '…' | '：') => true,
                Some('.') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
                _ => false,
            }
        };
        let closers = "”’」』）)".repeat(10);
        let texts = [
            "园区产值增长。".to_string(),
            "园区产值增长".to_string(),
            "产值1.".to_string(),
            "产值约为a.".to_string(),
            "项目签约（完）  ".to_string(),
            "（本报记者 王强）".to_string(),
            format!("{}（记者 李明）", "长".repeat(60)),
            format!("（记者{}）", "长".repeat(60)),
            format!("他说。{closers}"),
            format!("他说。{}", "”".repeat(47)),
            format!("他说。{}", "”".repeat(48)),
            "”".repeat(50),
            String::new(),
            "   ".to_string(),
        ];
        for text in texts {
            assert_eq!(ends_paragraph(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn a_tail_is_the_last_chars_however_wide_they_are() {
        let naive = |s: &str, n: usize| -> String {
            let chars: Vec<char> = s.chars().collect();
            chars[chars.len().saturating_sub(n)..].iter().collect()
        };
        // Chars of one to four bytes, in runs of every length around the limit.
        let pieces = ["a", "é", "园", "😀", "。"];
        for len in 0..60 {
            for (k, _) in pieces.iter().enumerate() {
                let s: String = (0..len)
                    .map(|i| pieces[(i * 7 + k) % pieces.len()])
                    .collect();
                for n in [0, 1, 3, 48] {
                    assert_eq!(tail(&s, n), naive(&s, n), "{s:?} {n}");
                }
            }
        }
    }

    #[test]
    fn a_page_with_no_line_breaks_gets_a_one_line_title_and_a_body() {
        let articles = parse_page(&flattened());
        let first = articles.first().expect("an article");
        assert_eq!(first.title, "宁波高新区集成电路产业提速");
        assert_eq!(first.subtitle.as_deref(), Some("三家龙头企业新品发布"));
        let body: usize = first.blocks.iter().map(|b| b.text.chars().count()).sum();
        assert!(body > 10_000, "the rest is body: {body} chars");
        for a in &articles {
            assert!(a.title.chars().count() <= MAX_HEADING_CHARS, "{}", a.title);
            assert!(!a.title.contains('\n'));
        }
    }

    #[test]
    fn a_long_heading_with_no_break_in_reach_is_cut_at_the_limit() {
        let long = format!("## {}", "园区".repeat(300));
        let articles = parse_page(&long);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title.chars().count(), MAX_HEADING_CHARS);
        assert_eq!(articles[0].blocks.len(), 1);
        // A heading of ordinary length is left whole.
        let articles = parse_page("## 西宁经开区光伏项目投产\n\n◎本报记者 李明\n\n项目投产。\n");
        assert_eq!(articles[0].title, "西宁经开区光伏项目投产");
    }
}
