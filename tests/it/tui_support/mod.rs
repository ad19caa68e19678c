//! Shared by the reader's tests: a hand-made collection and a harness that drives the
//! app with key events through the same path as the real event loop.
#![allow(dead_code)]

pub mod screenshot;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use yuanqu::core::collection::{Collection, ParkGroup};
use yuanqu::core::figures::{Figure, FigureKind};
use yuanqu::core::searchable::SearchableCollection;
use yuanqu::core::{Article, Block, BlockKind};
use yuanqu::tui::config::Config;
use yuanqu::tui::theme::{ColourDepth, Theme};
use yuanqu::tui::{view, App};

fn figure(
    blocks: &[Block],
    block: usize,
    text: &str,
    value: f64,
    unit: &str,
    kind: FigureKind,
) -> Figure {
    let haystack = &blocks[block].text;
    let byte = haystack.find(text).expect("figure text in block");
    let start = haystack[..byte].chars().count();
    Figure {
        block,
        start,
        end: start + text.chars().count(),
        context: haystack.clone(),
        ..Figure::new(text, value, unit, kind)
    }
}

/// Three parks, four articles, figures placed by hand.
pub fn sample_collection() -> Collection {
    let mut ganzhou = Article::new("gz", "赣州高新区打造稀土新材料高地");
    ganzhou.park = Some("赣州高新区".into());
    ganzhou.byline.raw = "◎本报记者 魏依晨".into();
    ganzhou.blocks = vec![
        Block::new(BlockKind::Paragraph, "园区设立基金6只，总规模达55亿元，其中基金总规模2亿元的创投基金是首只科技创投基金。"),
        Block::new(BlockKind::Heading, "构建转化体系"),
        Block::new(BlockKind::Paragraph, "该项目预计每年可量产环保新材料3000吨，年产值10亿元。项目达产后，公司年产能将提升3.7倍。"),
        Block::new(BlockKind::Paragraph, "2024年7月，园区已招收1500余名学生，发电能力将比传统设备提高20%。"),
    ];
    ganzhou.figures = vec![
        figure(&ganzhou.blocks, 0, "6只", 6.0, "只", FigureKind::Count),
        figure(&ganzhou.blocks, 0, "55亿元", 5.5e9, "元", FigureKind::Money),
        figure(&ganzhou.blocks, 0, "2亿元", 2e8, "元", FigureKind::Money),
        figure(
            &ganzhou.blocks,
            2,
            "3000吨",
            3000.0,
            "吨",
            FigureKind::Quantity,
        ),
        figure(&ganzhou.blocks, 2, "10亿元", 1e9, "元", FigureKind::Money),
        figure(&ganzhou.blocks, 2, "3.7倍", 3.7, "倍", FigureKind::Multiple),
        figure(
            &ganzhou.blocks,
            3,
            "2024年7月",
            20240700.0,
            "月",
            FigureKind::Date,
        ),
        figure(
            &ganzhou.blocks,
            3,
            "1500余名",
            1500.0,
            "名",
            FigureKind::Count,
        ),
        figure(&ganzhou.blocks, 3, "20%", 0.2, "%", FigureKind::Percent),
    ]
    .into();
    let mut datong = Article::new("dt", "“晋创谷·大同”人才发展综合服务站揭牌");
    datong.column = Some("园镜头".into());
    datong.blocks = vec![Block::new(
        BlockKind::Paragraph,
        "服务站日前在山西省大同经济技术开发区揭牌启用，集招才引智、校企对接、政策咨询等功能为一体。",
    )];
    let mut guiyang = Article::new("gy", "贵阳综保区为企业做好“七找服务”");
    guiyang.blocks = vec![
        Block::new(
            BlockKind::Paragraph,
            "从资金池争取到了6000万元的资金支持，产值从4421万元攀升到1.7亿元。",
        ),
        Block::new(BlockKind::Caption, "图为贵阳综合保税区一角。"),
    ];
    guiyang.figures = vec![figure(
        &guiyang.blocks,
        0,
        "6000万元",
        6e7,
        "元",
        FigureKind::Money,
    )]
    .into();
    let mut xian = Article::new("xa", "以概念验证解决科技创新落地难题");
    xian.subtitle = Some("西安高新区打通成果转化“最初一公里”".into());
    xian.blocks = (0..12)
        .map(|i| {
            Block::new(
                BlockKind::Paragraph,
                format!("第{i}段：联创孵化器通过开展概念验证，帮助企业打开市场，推动成果转化。"),
            )
        })
        .chain([Block::new(
            BlockKind::Paragraph,
            "企业以自主抗体“金磁微粒”打开了体外试剂检测市场。",
        )])
        .collect();
    Collection {
        articles: vec![ganzhou, datong, guiyang, xian],
        parks: vec![
            ParkGroup {
                name: "赣州高新区".into(),
                province: Some("江西省".into()),
                city: Some("赣州市".into()),
                articles: vec![0],
            },
            ParkGroup {
                name: "大同经济技术开发区".into(),
                province: None,
                city: None,
                articles: vec![1],
            },
            ParkGroup {
                name: "贵阳综合保税区".into(),
                province: None,
                city: None,
                articles: vec![2],
            },
            ParkGroup {
                name: "西安高新区".into(),
                province: None,
                city: None,
                articles: vec![3],
            },
        ],
        warnings: vec![],
    }
}

pub struct Harness {
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(collection: impl Into<SearchableCollection>, width: u16, height: u16) -> Harness {
        Harness::with_config(
            collection,
            Config::builtin().expect("built-in config"),
            width,
            height,
        )
    }

    pub fn with_config(
        collection: impl Into<SearchableCollection>,
        config: Config,
        width: u16,
        height: u16,
    ) -> Harness {
        let theme = Theme::new(&config.colours, ColourDepth::TrueColor);
        let mut harness = Harness {
            app: App::new(collection, config, theme),
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
        };
        harness.resize(width, height);
        harness
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.event(ratatui::crossterm::event::Event::Resize(width, height));
    }

    /// One event, applied as the event loop applies a batch of them.
    pub fn event(&mut self, event: ratatui::crossterm::event::Event) {
        yuanqu::tui::step(&mut self.app, vec![event]);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.event(ratatui::crossterm::event::Event::Key(KeyEvent::new(
            code, modifiers,
        )));
    }

    /// Type each char as a key press (uppercase with shift, as terminals send it).
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.key(KeyCode::Enter),
                '\u{1b}' => self.key(KeyCode::Esc),
                '\t' => self.key(KeyCode::Tab),
                c if c.is_ascii_uppercase() => self.key_with(KeyCode::Char(c), KeyModifiers::SHIFT),
                c => self.key(KeyCode::Char(c)),
            }
        }
    }

    /// Draw a frame and return the screen as text, one line per row, as a terminal
    /// shows it (the cell behind a wide character is left out).
    pub fn screen(&mut self) -> String {
        screen_text(&self.buffer())
    }

    /// Draw a frame through the terminal and return the buffer it drew.
    pub fn buffer(&mut self) -> Buffer {
        let app = &self.app;
        let frame = self
            .terminal
            .draw(|frame| view::draw(frame, app))
            .expect("draw");
        frame.buffer.clone()
    }
}

pub fn screen_text(buffer: &Buffer) -> String {
    let mut text = String::new();
    let width = usize::from(buffer.area.width);
    if width == 0 {
        return text;
    }
    for row in buffer.content.chunks(width) {
        let mut hidden = 0;
        let mut line = String::new();
        for cell in row {
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            line.push_str(cell.symbol());
            hidden = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}
