//! The page parser on the seed page and on pages it was not written against.

use yuanqu::core::collection::{read_file, Collection};
use yuanqu::core::page::parse_page;
use yuanqu::core::parks::ParkRegistry;
use yuanqu::core::{Article, BlockKind};

const SEED: &str = include_str!("../../data/keji-ribao-yuanqu-page.txt");

fn count(article: &Article, kind: BlockKind) -> usize {
    article.blocks_of(kind).count()
}

fn captions(article: &Article) -> Vec<(String, Option<String>)> {
    article
        .blocks_of(BlockKind::Caption)
        .map(|b| (b.text.clone(), b.credit.clone()))
        .collect()
}

fn all_text(article: &Article) -> String {
    article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_has_six_articles_with_their_parks() {
    let articles = parse_page(SEED);
    let parks: Vec<_> = articles
        .iter()
        .map(|a| a.park.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        parks,
        [
            "赣州高新区",
            "暖城鄂尔多斯（上海）人才科创中心",
            "大同经济技术开发区",
            "沈抚改革创新示范区",
            "贵阳综合保税区",
            "西安高新区"
        ]
    );
}

#[test]
fn seed_ganzhou_article() {
    let a = &parse_page(SEED)[0];
    assert_eq!(a.title, "赣州高新区打造稀土新材料高地");
    assert_eq!(a.subtitle.as_deref(), Some("产业“聚链成群” 企业“众木成林”"));
    assert_eq!(a.column, None);
    assert_eq!(a.byline.reporters, ["魏依晨"]);
    assert_eq!(a.byline.correspondents, ["杨天卓"]);
    assert_eq!(count(a, BlockKind::Heading), 3);
    assert_eq!(count(a, BlockKind::Paragraph), 22);
    let caps = captions(a);
    assert_eq!(caps.len(), 1);
    assert_eq!(caps[0].1.as_deref(), Some("尹才震"));
    assert!(
        !caps[0].0.contains("尹才震"),
        "credit is kept out of the caption text"
    );
    let text = all_text(a);
    assert!(text.contains("签订合作协议"));
    assert!(text.contains("能够为赣州"));
    assert!(!a.truncated);
    // The caption that split 签订合|作协议 follows the joined paragraph.
    let joined = a
        .blocks
        .iter()
        .position(|b| b.text.contains("签订合作协议"))
        .unwrap();
    assert_eq!(a.blocks[joined + 1].kind, BlockKind::Caption);
}

#[test]
fn seed_column_items() {
    let articles = parse_page(SEED);
    let items = &articles[1..5];
    let paragraphs: Vec<usize> = items
        .iter()
        .map(|a| count(a, BlockKind::Paragraph))
        .collect();
    assert_eq!(paragraphs, [3, 3, 4, 3]);
    for item in items {
        assert_eq!(item.column.as_deref(), Some("园镜头"));
        assert_eq!(item.subtitle, None);
        assert!(!item.truncated);
    }
    assert_eq!(items[0].title, "暖城鄂尔多斯(上海)人才科创中心启动运营");
    assert_eq!(items[0].byline.raw, "科技日报（记者张景阳 王春）");
    assert_eq!(items[0].byline.reporters, ["张景阳", "王春"]);
    assert_eq!(items[2].title, "辽宁新材料中试基地落地沈抚示范区");
    assert_eq!(items[3].byline.reporters, ["何星辉"]);
    assert_eq!(
        captions(&items[3]),
        [(
            "图为贵阳综合保税区一角。".to_string(),
            Some("受访者供图".to_string())
        )]
    );
}

#[test]
fn seed_xian_article_is_truncated() {
    let a = &parse_page(SEED)[5];
    assert_eq!(a.title, "以概念验证解决科技创新落地难题");
    assert_eq!(
        a.subtitle.as_deref(),
        Some("西安高新区打通成果转化“最初一公里”")
    );
    assert_eq!(count(a, BlockKind::Paragraph), 12);
    assert!(a.truncated);
    let caps = captions(a);
    assert_eq!(caps.len(), 1);
    assert_eq!(caps[0].1.as_deref(), Some("新华社记者 邵瑞"));
    let text = all_text(a);
    assert!(text.contains("概念验证中心——"));
    assert!(text.contains("交叉融合创新"));
}

#[test]
fn seed_parks_are_found_without_the_registry() {
    let registry = ParkRegistry::default();
    let articles =
        yuanqu::core::page::parse_page_with(SEED, &registry, yuanqu::core::page::Detail::Full);
    let parks: Vec<_> = articles
        .iter()
        .map(|a| a.park.clone().unwrap_or_default())
        .collect();
    assert_eq!(parks[0], "赣州高新区");
    assert_eq!(parks[2], "大同经济技术开发区");
    assert_eq!(parks[3], "沈抚改革创新示范区");
    assert_eq!(parks[4], "贵阳综合保税区");
    assert_eq!(parks[5], "西安高新区");
}

#[test]
fn ids_are_unique_and_typeable() {
    let articles = parse_page(SEED);
    let mut ids: Vec<_> = articles.iter().map(|a| a.id.clone()).collect();
    assert!(ids
        .iter()
        .all(|id| id.len() <= 8 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')));
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), articles.len());
    assert_eq!(parse_page(SEED)[0].id, articles[0].id, "ids are stable");
}

fn page(name: &str) -> Vec<Article> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pages")
        .join(name);
    read_file(&path).expect("test page loads")
}

#[test]
fn unseen_page_articles_columns_and_parks() {
    let articles = page("hefei-page.txt");
    let summary: Vec<_> = articles
        .iter()
        .map(|a| {
            (
                a.title.as_str(),
                a.column.as_deref(),
                a.park.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("合肥高新区量子产业跑出“加速度”", None, "合肥高新区"),
            (
                "株洲经开区新能源装备产业园开工",
                Some("园区速递"),
                "株洲经济技术开发区"
            ),
            (
                "宁德锂电新材料基地签约落户",
                Some("园区速递"),
                "宁德新材料产业园"
            ),
            ("数字经济赋能传统制造", None, "苏州工业园区"),
        ]
    );
}

#[test]
fn unseen_page_joins_and_captions() {
    let articles = page("hefei-page.txt");
    let hefei = &articles[0];
    assert_eq!(count(hefei, BlockKind::Heading), 2);
    assert_eq!(count(hefei, BlockKind::Paragraph), 5);
    let text = all_text(hefei);
    assert!(
        text.contains("重点支持早期项目，目前已投资企业23家。"),
        "split across a caption"
    );
    assert!(
        text.contains("带动产业集聚的发展路径"),
        "split across a column break"
    );
    assert_eq!(
        captions(hefei),
        [(
            "在合肥高新区一家量子企业的生产车间，工作人员正在组装设备。".to_string(),
            Some("本报记者 吴长锋".to_string())
        )]
    );
    assert!(!hefei.truncated);
    // A one-line headline before a byline starts an item; a credit line joins its caption.
    let ningde = &articles[2];
    assert_eq!(ningde.byline.reporters, ["谢开飞"]);
    assert_eq!(
        captions(ningde),
        [(
            "图为宁德新材料产业园全景。".to_string(),
            Some("资料图片".to_string())
        )]
    );
    // A dateline with labelled reporter and correspondent.
    assert_eq!(articles[1].byline.reporters, ["俞慧友"]);
    assert_eq!(articles[1].byline.correspondents, ["刘洋"]);
    // The last article runs off the page.
    assert!(articles[3].truncated);
    assert_eq!(
        articles[3].subtitle.as_deref(),
        Some("苏州工业园区打造智能工厂集群")
    );
}

#[test]
fn gbk_page_with_crlf() {
    let articles = page("shenzhen-gbk.txt");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.title, "深圳湾科技城");
    assert_eq!(a.subtitle.as_deref(), Some("前沿产业“拔节生长”"));
    assert_eq!(a.park.as_deref(), Some("深圳湾科技城"));
    assert_eq!(count(a, BlockKind::Paragraph), 2);
    assert!(all_text(a).chars().all(|c| c != '\r'));
}

#[test]
fn collection_groups_short_and_full_forms() {
    let dir = tempdir("groups");
    std::fs::write(
        dir.join("a.txt"),
        "## 芜湖综保区跨境电商提速\n\n◎本报记者 张三\n\n芜湖综保区今年以来跨境电商业务快速增长。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "## 外贸新业态加速集聚\n\n◎本报记者 李四\n\n安徽省芜湖综合保税区日前举行项目签约仪式。\n",
    )
    .unwrap();
    let c = Collection::load(std::slice::from_ref(&dir));
    assert_eq!(c.parks.len(), 1, "{:?}", c.parks);
    assert_eq!(c.parks[0].name, "芜湖综合保税区");
    assert_eq!(c.parks[0].articles, [0, 1]);
}

pub fn tempdir(name: &str) -> std::path::PathBuf {
    crate::private_folder::test_folder(&format!("parse-{name}"))
}

#[test]
fn unseen_page_with_orphan_tail_bracket_dateline_and_split_number() {
    let articles = page("wuhan-changsha-page.txt");
    assert_eq!(articles.len(), 3);
    // Text before the first heading is the tail of an article from another page.
    assert_eq!(articles[0].title, yuanqu::core::page::UNTITLED);
    assert!(!articles[0].truncated, "（完） ends it");
    // A one-line headline before a 本报讯（记者 … 通讯员 …） dateline.
    let item = &articles[1];
    assert_eq!(item.title, "武汉东湖高新区光谷科创大走廊建设提速");
    assert_eq!(item.column.as_deref(), Some("园区快讯"));
    assert_eq!(item.byline.reporters, ["刘志伟"]);
    assert_eq!(item.byline.correspondents, ["王敏"]);
    assert_eq!(item.park.as_deref(), Some("东湖高新区"));
    // Three stacked headings: the first is the title, the rest the subtitle.
    let long = &articles[2];
    assert_eq!(long.title, "以场景创新牵引产业升级");
    assert!(long
        .subtitle
        .as_deref()
        .is_some_and(|s| s.starts_with("长沙经开区打造工程机械")));
    assert_eq!(count(long, BlockKind::Heading), 1);
    // 产值1. | 7亿元: a decimal point cut by a column break is joined, and the
    // figure is found once, whole.
    let text = all_text(long);
    assert!(text.contains("产值1.7亿元"), "{text}");
    let figures: Vec<&str> = long.figures.iter().map(|f| f.text.as_str()).collect();
    assert!(figures.contains(&"1.7亿元"), "{figures:?}");
    assert!(!figures.contains(&"7亿元"), "{figures:?}");
    // A paragraph split after an opening quote joins its closing part.
    assert!(text.contains("继续”推进"), "{text}");
    assert_eq!(
        captions(long),
        [(
            "车间里，工人正在组装挖掘机。".to_string(),
            Some("新华社发".to_string())
        )]
    );
}

/// The unseen pages' parks are found from their text alone, not through the
/// aliases of `data/parks.toml`: the same parks with an empty registry.
#[test]
fn unseen_pages_parks_without_the_registry() {
    let expected: [(&str, &[&str]); 3] = [
        (
            "hefei-page.txt",
            &[
                "合肥高新区",
                "株洲经济技术开发区",
                "宁德新材料产业园",
                "苏州工业园区",
            ],
        ),
        // The registry names it 东湖高新区; the page itself says 武汉东湖高新区.
        (
            "wuhan-changsha-page.txt",
            &["", "武汉东湖高新区", "长沙经开区"],
        ),
        ("shenzhen-gbk.txt", &["深圳湾科技城"]),
    ];
    let empty = ParkRegistry::default();
    for (name, parks) in expected {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/pages")
            .join(name);
        let bytes = std::fs::read(&path).unwrap();
        let (text, _) = yuanqu::core::decode::decode_bytes(&bytes).unwrap();
        let articles =
            yuanqu::core::page::parse_page_with(&text, &empty, yuanqu::core::page::Detail::Outline);
        let found: Vec<&str> = articles
            .iter()
            .map(|a| a.park.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(found, parks, "{name}");
    }
}
