//! Saved web pages (tests/data/web/): every shape the extractors know, read field by
//! field. The pages are written for these tests in the real templates' structure,
//! with sentences of our own.

use std::path::{Path, PathBuf};

use yuanqu::core::article::{Article, BlockKind};
use yuanqu::core::collection::{read_file, Collection};

fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/web")
        .join(name)
}

fn article(name: &str) -> Article {
    let mut articles = read_file(&page(name)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(articles.len(), 1, "{name}: one article per page");
    articles.remove(0)
}

fn kinds(a: &Article) -> Vec<BlockKind> {
    a.blocks.iter().map(|b| b.kind).collect()
}

fn texts(a: &Article) -> String {
    a.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn date(a: &Article) -> String {
    a.date.map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn people_daily_pc_template_with_hidden_fields() {
    let a = article("rmrb-pc-content.html");
    assert_eq!(a.title, "滨江高新区建成算力调度中心");
    assert_eq!(a.kicker.as_deref(), Some("数字基建加速落地"));
    assert_eq!(a.subtitle.as_deref(), Some("首期接入服务器八千台"));
    assert_eq!(a.byline.reporters, ["韩知远"]);
    assert_eq!(a.byline.correspondents, ["苏晓禾"]);
    assert_eq!(date(&a), "2025-03-14");
    assert_eq!(a.page.as_deref(), Some("园区"));
    use BlockKind::*;
    assert_eq!(
        kinds(&a),
        [Paragraph, Paragraph, Caption, Heading, Paragraph]
    );
    assert_eq!(a.blocks[2].text, "图为算力调度中心机房。");
    assert_eq!(a.blocks[2].credit.as_deref(), Some("本报记者 韩知远"));
    // Joined across the source's line break, with no space left in between.
    assert!(a.blocks[0].text.contains("八千台，可为园区企业"));
    let body = texts(&a);
    for furniture in ["分享到", "责编", "版权所有", "首页", "人民日报 》"] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }
    assert!(a.figures.iter().any(|f| f.text == "12亿元"));
}

#[test]
fn people_daily_old_template_by_its_profile_alone() {
    let a = article("rmrb-old-content.htm");
    assert_eq!(a.title, "青湖经开区引进新能源整车项目");
    assert_eq!(a.kicker.as_deref(), Some("项目带动上下游配套"));
    assert_eq!(a.subtitle, None, "an empty <h2> is no subtitle");
    assert_eq!(a.byline.reporters, ["唐若溪"]);
    assert_eq!(date(&a), "2023-11-08");
    assert_eq!(a.page.as_deref(), Some("园区"));
    assert_eq!(a.blocks.len(), 2);
    assert!(!texts(&a).contains("版权所有"));
}

#[test]
fn guangming_daily_both_templates() {
    let new = article("gmrb-2026-content.html");
    assert_eq!(new.title, "临江科学城打造概念验证中心");
    assert_eq!(
        date(&new),
        "2026-02-03",
        "the date is only in the hidden fields"
    );
    assert_eq!(new.byline.raw, "马清源");
    assert_eq!(new.page.as_deref(), Some("园区"));
    assert_eq!(new.blocks.len(), 3);
    let old = article("gmrb-old-content.html");
    assert_eq!(old.title, "南溪高新区企业研发投入增长");
    assert_eq!(old.byline.reporters, ["秦朗"]);
    assert_eq!(old.blocks.len(), 2);
    assert_eq!(old.page.as_deref(), Some("园区"));
}

#[test]
fn economic_daily_in_gbk_with_a_meta_charset() {
    let a = article("jjrb-gbk-content.htm");
    assert_eq!(a.title, "汾河新区数字经济产业园开园");
    assert_eq!(a.kicker.as_deref(), Some("首批入驻企业四十家"));
    assert_eq!(a.subtitle.as_deref(), Some("提供办公空间三万平方米"));
    assert_eq!(
        a.byline.reporters,
        ["温以宁"],
        "from the hidden author: #Author is empty"
    );
    assert_eq!(date(&a), "2024-11-26");
    assert!(texts(&a).contains("首批入驻企业40家"));
}

#[test]
fn science_daily_old_template_with_a_picture_table() {
    let a = article("kjrb-old-content.htm");
    assert_eq!(a.title, "东湖光谷园区“智造”新品集中亮相");
    assert_eq!(a.kicker.as_deref(), Some("园镜头"));
    assert_eq!(a.subtitle.as_deref(), Some("三十余家企业带来新产品"));
    assert_eq!(a.byline.reporters, ["钟灵"]);
    assert_eq!(date(&a), "2022-06-21");
    assert_eq!(a.page.as_deref(), Some("园区"));
    use BlockKind::*;
    assert_eq!(kinds(&a), [Paragraph, Caption, Paragraph]);
    assert_eq!(a.blocks[1].credit.as_deref(), Some("受访者供图"));
}

#[test]
fn a_park_committee_cms_page() {
    let a = article("park-cms.html");
    assert_eq!(a.title, "松岭高新区举办人才招聘周活动");
    assert_eq!(date(&a), "2025-05-12");
    assert_eq!(a.byline.raw, "许安然");
    assert_eq!(a.park.as_deref(), Some("松岭高新区"));
    assert_eq!(a.blocks.len(), 2);
    let body = texts(&a);
    for furniture in ["上一篇", "微信", "备案号", "当前位置", "政务公开"] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }
    assert!(a.figures.iter().any(|f| f.text == "1500余个"));
}

#[test]
fn a_wechat_article_with_its_time_in_a_script() {
    let a = article("wechat.html");
    assert_eq!(a.title, "这家园区企业又拿下一项国家级荣誉");
    assert_eq!(date(&a), "2025-04-14");
    assert_eq!(a.blocks.len(), 3);
    let body = texts(&a);
    assert!(body.contains("去年营业收入达3.2亿元，同比增长25%。"));
    for furniture in ["来源：", "编辑：", "扫一扫"] {
        assert!(!body.contains(furniture), "{furniture} in {body}");
    }
}

#[test]
fn a_short_brief_on_an_unknown_site() {
    let a = article("brief.html");
    assert_eq!(a.title, "西岭园区新增两家孵化器");
    assert_eq!(
        texts(&a),
        "西岭园区新增两家市级孵化器。\n园区孵化器总数达到9家。"
    );
}

#[test]
fn a_gbk_page_with_no_charset_anywhere() {
    let a = article("gbk-no-charset.html");
    assert_eq!(a.title, "东坪园区光伏项目并网发电");
    assert!(texts(&a).contains("装机容量达到12兆瓦"));
}

#[test]
fn a_folder_of_saved_pages_loads_as_a_collection() {
    let c = Collection::load(&[page("")]);
    let titled: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(c.articles.len(), 10, "{titled:?} {:?}", c.warnings);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
}

#[test]
fn a_page_with_no_article_is_a_named_error() {
    let dir = crate::private_folder::test_folder("web-no-article");
    let empty = dir.join("nav-only.html");
    std::fs::write(
        &empty,
        "<html><body><h1>网站地图</h1><ul><li><a href='/'>首页</a></li></ul></body></html>",
    )
    .unwrap();
    let e = read_file(&empty).unwrap_err();
    assert!(e.to_string().contains("nav-only.html"), "{e}");
    assert!(e.to_string().contains("no article text"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

mod hostile_pages {
    use proptest::prelude::*;
    use yuanqu::core::extract::extract_html;
    use yuanqu::core::page::Detail;

    /// Pieces of real page markup, Chinese text and hostile characters, in any order
    /// and nesting (unclosed tags included).
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<div id=\"ozoom\">".to_string()),
            Just("<div class=\"TRS_Editor\">".to_string()),
            Just("</div>".to_string()),
            Just("<h1>".to_string()),
            Just("</h1>".to_string()),
            Just("<br>".to_string()),
            Just("<table class=\"pci_c\"><tr><td><img src=x></td></tr><tr><td>".to_string()),
            Just(
                "<!--enpproperty <title>标题</title><introtitle>引题</introtitle>/enpproperty-->"
                    .to_string()
            ),
            Just("<!--enpcontent-->".to_string()),
            Just("<founder-content>".to_string()),
            Just("<script>var ct = \"99999999999999999999\";</script>".to_string()),
            Just("\u{1b}[2J\u{202e}\u{200b}\u{7}".to_string()),
            "[园区高新技术企业亿元万吨，。“”（）0-9a-z ]{0,40}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn extraction_never_panics_and_lets_no_control_through(pieces in prop::collection::vec(piece(), 0..40)) {
            let html = pieces.concat();
            if let Ok(article) = extract_html(&html, None, Detail::Full) {
                let texts = std::iter::once(&article.title)
                    .chain(article.kicker.iter())
                    .chain(article.blocks.iter().map(|b| &b.text));
                for text in texts {
                    prop_assert!(!text.chars().any(|c| c.is_control() || c == '\u{202e}'), "{:?}", text);
                }
                prop_assert!(!article.blocks.is_empty());
            }
        }
    }
}

#[test]
fn parse_list_and_figures_carry_kicker_page_and_url() {
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_yuanqu"))
            .args(args)
            .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
            .env_remove("YUANQU_CONFIG")
            .output()
            .expect("run yuanqu");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("JSON")
    };
    let page = page("rmrb-pc-content.html");
    let page = page.to_str().unwrap();
    let parsed = run(&["parse", page]);
    let a = &parsed["articles"][0];
    assert_eq!(a["kicker"], "数字基建加速落地");
    assert_eq!(a["page"], "园区");
    assert!(
        a["url"].is_null(),
        "a saved page that names no address has none"
    );
    let listed = run(&["list", "--json", page]);
    let a = &listed["parks"][0]["articles"][0];
    assert_eq!(a["kicker"], "数字基建加速落地");
    assert_eq!(a["page"], "园区");
    assert!(a.get("url").is_some());
    let figures = run(&["figures", "--json", page]);
    let f = &figures["figures"][0];
    assert_eq!(f["kicker"], "数字基建加速落地");
    assert_eq!(f["page"], "园区");
    assert!(f.get("url").is_some());
}
