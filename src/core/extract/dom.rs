//! An article body element to blocks: the tree is walked into text units (one per
//! block element or `<br>`), each marked as heading, caption, image or text by
//! where it stands, then the units become paragraphs, headings and captions with
//! their credits. Navigation, share buttons, scripts and 责编 lines are left out.

use scraper::node::Node;
use scraper::ElementRef;

use crate::core::article::{Block, BlockKind};
use crate::core::caption::{credit_only, split_caption};

/// What a unit of text is, by the elements around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Text,
    Heading,
    Caption,
    /// An `<img>`: not text, but what follows it may be its caption.
    Image,
}

#[derive(Debug)]
struct Unit {
    kind: UnitKind,
    text: String,
}

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "iframe", "button", "form", "select", "input", "textarea",
    "nav", "footer", "aside", "svg", "template", "video", "audio", "object",
];

/// Words in a class or id that mark page furniture around an article.
const FURNITURE_MARKS: &[&str] = &[
    "share",
    "nav",
    "footer",
    "copyright",
    "comment",
    "related",
    "breadcrumb",
    "toolbar",
    "qrcode",
    "print",
    "pager",
    "fontsize",
    "advert",
];

/// Elements that end a line of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "blockquote",
    "center",
    "dd",
    "dt",
    "dl",
    "pre",
    "header",
];

/// Lines that belong to the page, not the article: editors, sources, sharing.
const BOILERPLATE_STARTS: &[&str] = &[
    "责任编辑",
    "责编",
    "（责编",
    "(责编",
    "【责任编辑",
    "本版责编",
    "编辑：",
    "编辑:",
    "审核：",
    "校对：",
    "分享到",
    "分享：",
    "打印",
    "关闭窗口",
    "【关闭】",
    "【打印】",
    "扫一扫",
    "上一篇",
    "下一篇",
    "返回顶部",
    "版权所有",
    "Copyright",
    "copyright",
    "【字体",
    "字号：",
    "来源：",
    "来源:",
    "点击量",
    "阅读量",
    "浏览次数",
];

/// The blocks of an article body.
pub fn blocks_of(body: ElementRef<'_>) -> Vec<Block> {
    let mut walker = Walker::default();
    walker.walk(body, Context::default());
    walker.flush();
    blocks_from_units(mark_captions(walker.units))
}

/// Text of an element as one line: whitespace collapsed, spaces between Chinese
/// characters (left by the HTML's own line breaks) dropped.
pub fn element_text(element: ElementRef<'_>) -> String {
    tidy(&element.text().collect::<String>())
}

#[derive(Debug, Clone, Copy, Default)]
struct Context {
    heading: bool,
    caption: bool,
}

#[derive(Default)]
struct Walker {
    units: Vec<Unit>,
    line: String,
    kind: Option<UnitKind>,
}

impl Walker {
    fn walk(&mut self, element: ElementRef<'_>, context: Context) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => {
                    if self.line.is_empty() {
                        self.kind = Some(if context.caption {
                            UnitKind::Caption
                        } else if context.heading {
                            UnitKind::Heading
                        } else {
                            UnitKind::Text
                        });
                    }
                    self.line.push_str(text);
                }
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, context);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef<'_>, context: Context) {
        let name = element.value().name();
        if SKIPPED_ELEMENTS.contains(&name) || is_furniture(element) {
            return;
        }
        match name {
            "br" => return self.flush(),
            "img" => {
                self.flush();
                self.units.push(Unit {
                    kind: UnitKind::Image,
                    text: String::new(),
                });
                return;
            }
            _ => {}
        }
        if !BLOCK_ELEMENTS.contains(&name) {
            return self.walk(element, context);
        }
        self.flush();
        let context = Context {
            heading: context.heading
                || matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
                || (name == "p" && is_strong_only(element)),
            caption: context.caption
                || name == "figcaption"
                || (name == "table" && has_image(element))
                || class_names(element).any(|c| {
                    contains_ignoring_case(c, "caption") || c.eq_ignore_ascii_case("picture")
                }),
        };
        self.walk(element, context);
        self.flush();
    }

    fn flush(&mut self) {
        let text = tidy(&self.line);
        self.line.clear();
        if let (false, Some(kind)) = (text.is_empty(), self.kind.take()) {
            self.units.push(Unit { kind, text });
        }
    }
}

/// An element's classes and id, as written.
fn class_names<'a>(element: ElementRef<'a>) -> impl Iterator<Item = &'a str> + 'a {
    let class = element.value().attr("class").unwrap_or("");
    let id = element.value().attr("id").unwrap_or("");
    class
        .split_ascii_whitespace()
        .chain(std::iter::once(id))
        .filter(|s| !s.is_empty())
}

/// `name` contains `mark` (lowercase ASCII), in any case: no allocation, as this
/// runs for every element of a page.
fn contains_ignoring_case(name: &str, mark: &str) -> bool {
    name.as_bytes()
        .windows(mark.len())
        .any(|w| w.eq_ignore_ascii_case(mark.as_bytes()))
}

fn is_furniture(element: ElementRef<'_>) -> bool {
    class_names(element).any(|c| FURNITURE_MARKS.iter().any(|m| contains_ignoring_case(c, m)))
}

fn has_image(element: ElementRef<'_>) -> bool {
    element
        .descendent_elements()
        .any(|e| e.value().name() == "img")
}

/// A paragraph all of whose text is bold: a heading in most CMS and e-paper bodies.
fn is_strong_only(paragraph: ElementRef<'_>) -> bool {
    let all: usize = paragraph.text().map(|t| t.trim().chars().count()).sum();
    let strong: usize = paragraph
        .descendent_elements()
        .filter(|e| matches!(e.value().name(), "strong" | "b"))
        .filter(|e| {
            // Counted once: a <b> inside a <strong> is already in it.
            !e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "strong" | "b"))
        })
        .map(|e| e.text().map(|t| t.trim().chars().count()).sum::<usize>())
        .sum();
    all > 0 && strong == all && all <= MAX_HEADING_CHARS
}

/// Longer than this, a bold line is an emphasised paragraph, not a heading.
const MAX_HEADING_CHARS: usize = 40;

/// Short text right after an image, shaped like a caption (图为…, a credit at its
/// end), is the image's caption even where no element says so.
fn mark_captions(mut units: Vec<Unit>) -> Vec<Unit> {
    for i in 1..units.len() {
        if units[i - 1].kind == UnitKind::Image
            && units[i].kind == UnitKind::Text
            && units[i].text.chars().count() <= MAX_CAPTION_CHARS
            && split_caption(&units[i].text).is_some()
        {
            units[i].kind = UnitKind::Caption;
        }
    }
    units
}

const MAX_CAPTION_CHARS: usize = 150;

fn blocks_from_units(units: Vec<Unit>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for unit in units {
        if unit.kind == UnitKind::Image || is_boilerplate(&unit.text) {
            continue;
        }
        match unit.kind {
            UnitKind::Caption => push_caption(&mut blocks, &unit.text),
            UnitKind::Heading if !ends_like_sentence(&unit.text) => {
                blocks.push(Block::new(BlockKind::Heading, unit.text))
            }
            _ => blocks.push(Block::new(BlockKind::Paragraph, unit.text)),
        }
    }
    blocks
}

/// A caption, or the credit line of the caption before it (受访者供图 on a line of its own).
fn push_caption(blocks: &mut Vec<Block>, text: &str) {
    if let Some(last) = blocks.last_mut() {
        if last.kind == BlockKind::Caption && last.credit.is_none() {
            if let Some(credit) = credit_only(text) {
                last.credit = Some(credit);
                return;
            }
        }
    }
    let (text, credit) = split_caption(text).unwrap_or_else(|| (text.to_string(), None));
    blocks.push(Block {
        kind: BlockKind::Caption,
        text,
        credit,
    });
}

fn ends_like_sentence(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '；'])
}

/// A line of page furniture: who edited it, where it came from, how to share it.
pub fn is_boilerplate(text: &str) -> bool {
    let text = text.trim_start_matches(['【', '[', '（', '(']);
    BOILERPLATE_STARTS
        .iter()
        .any(|start| text.starts_with(start.trim_start_matches(['【', '（', '('])))
        && text.chars().count() <= 60
}

/// Collapse whitespace; drop a line break the HTML source put between two Chinese
/// characters (a space written between them, as between a label and a name, stays
/// one space, as does a space between Latin words or digits).
pub fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // The whitespace run seen since the last character: none, spaces, or a line break.
    let mut pending: Option<bool> = None;
    // Where the current run of other characters began: copied whole when it ends.
    let mut run: Option<usize> = None;
    for (i, c) in raw.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = run.take() {
                out.push_str(&raw[start..i]);
            }
            pending = Some(pending.unwrap_or(false) || matches!(c, '\n' | '\r'));
            continue;
        }
        if run.is_none() {
            if let (Some(broke), Some(before)) = (pending.take(), out.chars().next_back()) {
                if !(broke && (is_wide(before) || is_wide(c))) {
                    out.push(' ');
                }
            }
            run = Some(i);
        }
    }
    if let Some(start) = run {
        out.push_str(&raw[start..]);
    }
    out
}

/// Ideographs, kana, hangul and full-width forms: text that takes no spaces between.
fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn blocks(html: &str) -> Vec<Block> {
        let doc = Html::parse_document(html);
        let body = Selector::parse("#body").unwrap();
        blocks_of(doc.select(&body).next().unwrap())
    }

    #[test]
    fn paragraphs_headings_and_captions_are_told_apart() {
        let b = blocks(
            r#"<div id="body">
            <p>　　园区今年新落地项目十二个，
               总投资八十亿元。</p>
            <p><strong>建设创新平台</strong></p>
            <p>平台已服务企业三百余家。</p>
            <table class="pci_c"><tr><td><img src="a.jpg"></td></tr>
              <tr><td>图为园区一角。本报记者 周明远摄</td></tr></table>
            <p>责任编辑：李青</p>
            <script>var x = "不是正文";</script>
            <div class="share-bar">分享到微博</div>
            </div>"#,
        );
        let kinds: Vec<BlockKind> = b.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Caption
            ]
        );
        assert_eq!(b[0].text, "园区今年新落地项目十二个，总投资八十亿元。");
        assert_eq!(b[3].text, "图为园区一角。");
        assert_eq!(b[3].credit.as_deref(), Some("本报记者 周明远"));
    }

    #[test]
    fn a_bold_sentence_is_a_paragraph_not_a_heading() {
        let b = blocks(r#"<div id="body"><p><b>这一句话加粗了，但它是完整的句子。</b></p></div>"#);
        assert_eq!(b[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn a_caption_after_an_image_is_found_without_a_table() {
        let b = blocks(
            r#"<div id="body"><p><img src="x.png"></p><p>图为新建成的实验楼 受访者供图</p><p>正文从这里开始。</p></div>"#,
        );
        assert_eq!(b[0].kind, BlockKind::Caption);
        assert_eq!(b[0].credit.as_deref(), Some("受访者供图"));
        assert_eq!(b[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn tidy_keeps_latin_spaces_and_drops_chinese_ones() {
        assert_eq!(
            tidy("  园区 \n 企业  AI model 5 G  "),
            "园区企业 AI model 5 G"
        );
        assert_eq!(
            tidy("本报记者 周明远\u{a0}\u{a0}通讯员 林安"),
            "本报记者 周明远 通讯员 林安"
        );
        assert_eq!(
            tidy("园区今年新落地项目十二个，\n      总投资"),
            "园区今年新落地项目十二个，总投资"
        );
    }
}
