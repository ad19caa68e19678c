//! The structured article every part of yuanqu works on: the article, its blocks
//! and byline, and the figures found in it.

use serde::{Deserialize, Serialize};

use super::dates::PageDate;

/// One news article, parsed from a page or written by hand as TOML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable, unique, short enough to type: a hash of title, subtitle and date unless given (see `ids`).
    #[serde(default)]
    pub id: String,
    pub title: String,
    /// The 引题: the small line over the headline on an e-paper page, if any.
    #[serde(default)]
    pub kicker: Option<String>,
    /// The second of two stacked headings (the first being the kicker).
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The column the article stands under (园镜头 …), if any.
    #[serde(default)]
    pub column: Option<String>,
    /// Canonical name of the park the article is about.
    #[serde(default)]
    pub park: Option<String>,
    #[serde(default)]
    pub byline: Byline,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// True when the article runs off the end of its page.
    #[serde(default)]
    pub truncated: bool,
    /// The figures found in it, or that they have not been looked for yet (a load
    /// that did not ask for them); read as a slice either way.
    #[serde(default)]
    pub figures: Figures,
    /// The page's date: `date = 2024-07-30` in a TOML article, else from its path.
    #[serde(default)]
    pub date: Option<PageDate>,
    /// The e-paper page the article was printed on (园区, from 第08版：园区), if known.
    #[serde(default)]
    pub page: Option<String>,
    /// Where the article was fetched from, if it was.
    #[serde(default)]
    pub url: Option<String>,
    /// Where the article came from: the fetch source that brought it (written in the
    /// archive's TOML files), else the file it was loaded from (its name, without
    /// folders); empty for text parsed from no file.
    #[serde(default)]
    pub source: String,
    /// The file the article was loaded from, when loaded from one (for the source
    /// line of a copy); not part of the article's data. Shared by the file's
    /// articles: an archive has a hundred thousand of them.
    #[serde(skip)]
    pub source_file: Option<std::sync::Arc<std::path::Path>>,
    /// Set when the blocks were let go after parsing (`Detail::Titles`,
    /// `Detail::Figures`): what they said that is still needed.
    #[serde(skip)]
    pub body_summary: Option<BodySummary>,
    /// The article's place among the articles of `source_file`, set when loaded from
    /// a file: what finds it again when its body, let go, is brought back.
    #[serde(skip)]
    pub in_file: Option<usize>,
}

/// What an article's body says that the commands printing no text still need, kept
/// when the body itself is let go: on a large archive the body is most of the memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodySummary {
    /// The hash that orders articles whose ids clash (see `ids`).
    pub text_hash: u64,
    /// The province named right before the article's park (see `parks::province_in`).
    pub province: Option<&'static str>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Byline {
    #[serde(default)]
    pub raw: String,
    #[serde(default)]
    pub reporters: Vec<String>,
    #[serde(default)]
    pub correspondents: Vec<String>,
    /// Names after 实习生.
    #[serde(default)]
    pub interns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Caption,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Photo credit of a caption: 尹才震 (from 尹才震摄), 受访者供图 ….
    #[serde(default)]
    pub credit: Option<String>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            credit: None,
        }
    }
}

impl Figure {
    /// A figure with its text, value, unit and kind, at the start of block 0 with no
    /// qualifier; the scanner and hand-made data (tests) set the rest.
    pub fn new(
        text: impl Into<String>,
        value: f64,
        unit: impl Into<String>,
        kind: FigureKind,
    ) -> Self {
        let text = text.into();
        let end = text.chars().count();
        Figure {
            text,
            value,
            value_max: None,
            unit: unit.into(),
            kind,
            qualifier: None,
            bound: Bound::default(),
            block: 0,
            start: 0,
            end,
            context: String::new(),
        }
    }
}

impl Article {
    /// An empty article with just a title; handy for tests and hand-made data.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            title: title.into(),
            kicker: None,
            subtitle: None,
            column: None,
            park: None,
            byline: Byline::default(),
            blocks: Vec::new(),
            truncated: false,
            figures: Figures::NotScanned,
            date: None,
            page: None,
            url: None,
            source: String::new(),
            source_file: None,
            body_summary: None,
            in_file: None,
        }
    }

    /// Blocks of one kind, in reading order.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// What a figure measures; see `core::figures` for how each is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Percent,
    Multiple,
    Count,
    Quantity,
    Duration,
    Date,
    /// A per-unit rate: 35元/平方米, 每吨2.6万元, 0.38元/千瓦时 (unit 元/平方米 …).
    Rate,
}

impl FigureKind {
    /// Every kind, in the order tables list them.
    pub const ALL: [FigureKind; 8] = [
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Multiple,
        FigureKind::Count,
        FigureKind::Quantity,
        FigureKind::Duration,
        FigureKind::Date,
        FigureKind::Rate,
    ];

    /// The name JSON, CSV and the text table use (`money`, `rate` …).
    pub fn name(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Multiple => "multiple",
            FigureKind::Count => "count",
            FigureKind::Quantity => "quantity",
            FigureKind::Duration => "duration",
            FigureKind::Date => "date",
            FigureKind::Rate => "rate",
        }
    }

    /// The kind called `name`, as [`FigureKind::name`] writes it.
    pub fn from_name(name: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// What the qualifiers say of the true value against the one written: 近 and 约 make
/// it about (`approx`), 至少 and 不低于 `at_least`, 超过, 逾 and 余 `more_than`,
/// 最高 and 不超过 `at_most`, 不足 and 不到 `less_than`; no qualifier is `exact`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    #[default]
    Exact,
    Approx,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

impl Bound {
    /// The name JSON and CSV use (`at_least` …).
    pub fn name(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approx => "approx",
            Bound::AtLeast => "at_least",
            Bound::MoreThan => "more_than",
            Bound::AtMost => "at_most",
            Bound::LessThan => "less_than",
        }
    }

    /// The sign a reader knows it by: `=`, `≈`, `≥`, `>`, `≤`, `<`.
    pub fn sign(self) -> &'static str {
        match self {
            Bound::Exact => "=",
            Bound::Approx => "≈",
            Bound::AtLeast => "≥",
            Bound::MoreThan => ">",
            Bound::AtMost => "≤",
            Bound::LessThan => "<",
        }
    }
}

/// An article's figures: found (perhaps none), or not looked for yet. Read as a
/// slice (empty until found), so that what shows them need not tell the two
/// apart; what finds them does (`Collection::figures_of`), and looks only once.
/// Written as the list (`[]` until found); a list read back (a TOML article's own,
/// the index's) is found figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Figures {
    #[default]
    NotScanned,
    Found(Vec<Figure>),
}

impl Figures {
    /// True once the article's text has been looked through (or its figures given).
    pub fn are_found(&self) -> bool {
        matches!(self, Figures::Found(_))
    }
}

impl std::ops::Deref for Figures {
    type Target = [Figure];

    fn deref(&self) -> &[Figure] {
        match self {
            Figures::NotScanned => &[],
            Figures::Found(figures) => figures,
        }
    }
}

impl<'a> IntoIterator for &'a Figures {
    type Item = &'a Figure;
    type IntoIter = std::slice::Iter<'a, Figure>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<Vec<Figure>> for Figures {
    fn from(figures: Vec<Figure>) -> Figures {
        Figures::Found(figures)
    }
}

impl FromIterator<Figure> for Figures {
    fn from_iter<I: IntoIterator<Item = Figure>>(iter: I) -> Figures {
        Figures::Found(iter.into_iter().collect())
    }
}

impl Extend<Figure> for Figures {
    fn extend<I: IntoIterator<Item = Figure>>(&mut self, iter: I) {
        match self {
            Figures::Found(figures) => figures.extend(iter),
            Figures::NotScanned => *self = iter.into_iter().collect(),
        }
    }
}

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Figures {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Figures, D::Error> {
        Vec::<Figure>::deserialize(deserializer).map(Figures::Found)
    }
}

/// A quantity an article reports, found by `core::figures::extract_figures`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The exact surface form: `text == blocks[block].text[start..end]` (char offsets).
    pub text: String,
    /// Normalised value: 55亿元 → 5500000000, 20% → 0.2, 八成 → 0.8; for the low end of
    /// a range. A date is year·10000 + month·100 + day with missing parts 0
    /// (2024年7月29日 → 20240729, 7月29日 → 729, 2024 → 20240000); a quarter is its number.
    pub value: f64,
    /// The unit as reported (元, 美元, 吨, %, 成, 家, 年 …); empty for a bare number (1.2万).
    pub unit: String,
    pub kind: FigureKind,
    /// 近, 约, 超过, 余, 多, 以上 … as written; several are joined by "…" (约…左右).
    pub qualifier: Option<String>,
    pub block: usize,
    /// Char offsets into the block text.
    pub start: usize,
    pub end: usize,
    /// The sentence the figure stands in.
    pub context: String,
    /// The high end of a range (3至5年 → 5, 10%—20% → 0.2, 三四家 → 4), else null.
    #[serde(default)]
    pub value_max: Option<f64>,
    /// What the qualifier makes of the value (`exact` without one).
    #[serde(default)]
    pub bound: Bound,
}
