//! An archive of many pages: dates and sources from paths, newest first, ids
//! that stay put as pages come and go, and a page loaded twice counted once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yuanqu::core::collection::Collection;
use yuanqu::core::page::Detail;

fn tempdir(name: &str) -> PathBuf {
    crate::private_folder::test_folder(&format!("archive-{name}"))
}

fn yuanqu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(args)
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .output()
        .expect("run yuanqu")
}

/// A page of two articles about one park, its figures varied by `n`.
fn page(park: &str, n: u32) -> String {
    format!(
        "## {park}新材料产业加速集聚\n\n◎本报记者 张三\n\n{park}今年引进项目{n}个，总投资{n}0亿元。\n\n\
         ## 人才服务站揭牌\n\n◎本报记者 李四\n\n{park}人才服务站日前揭牌，已服务企业{n}家。\n"
    )
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn load(dir: &Path) -> Collection {
    Collection::load_with(&[dir.to_path_buf()], Detail::Outline)
}

/// (id, title, source) of every article, in the collection's order.
fn ids_by_source(c: &Collection) -> Vec<(String, String)> {
    let mut ids: Vec<(String, String)> = c
        .articles
        .iter()
        .map(|a| (a.id.clone(), format!("{} {}", a.source, a.title)))
        .collect();
    ids.sort();
    ids
}

#[test]
fn dated_pages_come_newest_first_and_undated_ones_after_in_path_order() {
    let dir = tempdir("order");
    write(&dir.join("2023/11/05/p.txt"), &page("宁德高新区", 1));
    write(
        &dir.join("2024-07-30-kjrb-yuanqu.txt"),
        &page("宁德高新区", 2),
    );
    write(&dir.join("b-undated.txt"), &page("宁德高新区", 3));
    write(&dir.join("a-undated.txt"), &page("宁德高新区", 4));
    write(&dir.join("20240102.txt"), &page("宁德高新区", 5));
    let c = load(&dir);
    let order: Vec<(String, String)> = c
        .articles
        .iter()
        .map(|a| {
            (
                a.date.map(|d| d.to_string()).unwrap_or_default(),
                a.source.clone(),
            )
        })
        .collect();
    let expect = [
        ("2024-07-30", "2024-07-30-kjrb-yuanqu.txt"),
        ("2024-07-30", "2024-07-30-kjrb-yuanqu.txt"),
        ("2024-01-02", "20240102.txt"),
        ("2024-01-02", "20240102.txt"),
        ("2023-11-05", "p.txt"),
        ("2023-11-05", "p.txt"),
        ("", "a-undated.txt"),
        ("", "a-undated.txt"),
        ("", "b-undated.txt"),
        ("", "b-undated.txt"),
    ];
    let expect: Vec<(String, String)> = expect
        .iter()
        .map(|(d, s)| (d.to_string(), s.to_string()))
        .collect();
    assert_eq!(order, expect);
    // A page's own articles keep their order; the park lists them newest first.
    assert_eq!(c.articles[0].title, "宁德高新区新材料产业加速集聚");
    assert_eq!(c.parks.len(), 1);
    let dates: Vec<_> = c.parks[0]
        .articles
        .iter()
        .map(|&i| c.articles[i].date)
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()),
        "{dates:?}"
    );
}

#[test]
fn a_toml_date_wins_over_the_path() {
    let dir = tempdir("toml-date");
    write(
        &dir.join("2020-01-01.toml"),
        "title = \"成都高新区发布新政\"\ndate = 2024-07-30\n\n[[blocks]]\nkind = \"paragraph\"\ntext = \"成都高新区日前发布新政。\"\n",
    );
    write(
        &dir.join("2020-01-02.toml"),
        "title = \"成都高新区再发新政\"\n\n[[blocks]]\nkind = \"paragraph\"\ntext = \"成都高新区再发新政。\"\n",
    );
    let c = load(&dir);
    let dates: Vec<String> = c
        .articles
        .iter()
        .map(|a| a.date.unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2024-07-30", "2020-01-02"]);
    let bad = dir.join("bad.toml");
    write(&bad, "title = \"某园区\"\ndate = 2024-13-01\n");
    let c = load(&dir);
    assert!(
        c.warnings
            .iter()
            .any(|w| w.is_error && w.path == bad && w.message.contains("line 2")),
        "{:?}",
        c.warnings
    );
}

#[test]
fn list_and_parse_carry_date_and_source() {
    let dir = tempdir("cli");
    let path = dir.join("2024/07/30/kjrb.txt");
    write(&path, &page("宁德高新区", 1));
    let o = yuanqu(&["list", "--json", dir.to_str().unwrap()]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let article = &v["parks"][0]["articles"][0];
    assert_eq!(article["date"], "2024-07-30");
    assert_eq!(article["source"], "kjrb.txt");
    // Keys are added, none renamed.
    for key in ["id", "title", "subtitle", "column"] {
        assert!(article.get(key).is_some(), "{key}");
    }
    let o = yuanqu(&["parse", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["articles"][1]["date"], "2024-07-30");
    assert_eq!(v["articles"][1]["source"], "kjrb.txt");
    let text = String::from_utf8(yuanqu(&["list", dir.to_str().unwrap()]).stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("2024-07-30") && l.contains("kjrb.txt")),
        "{text}"
    );
    // Written as TOML and loaded back from a file with no date in its name,
    // the date stays and the source is the new file.
    let o = yuanqu(&["parse", path.to_str().unwrap(), "--format", "toml"]);
    let toml = dir.join("corrected.toml");
    std::fs::write(&toml, &o.stdout).unwrap();
    let o = yuanqu(&["parse", toml.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["articles"][0]["date"], "2024-07-30");
    assert_eq!(v["articles"][0]["source"], "corrected.toml");
}

#[test]
fn ids_stay_put_as_pages_are_added_removed_and_renamed() {
    let dir = tempdir("ids");
    write(&dir.join("2024-07-30.txt"), &page("宁德高新区", 7));
    write(&dir.join("2024-07-23.txt"), &page("株洲经开区", 3));
    write(&dir.join("undated.txt"), &page("芜湖综保区", 5));
    let before = ids_by_source(&load(&dir));
    // An older, edited copy of the first page.
    write(&dir.join("2024-06-01.txt"), &page("宁德高新区", 8));
    // A newer one, and an undated page with other headlines.
    write(&dir.join("2024-08-06.txt"), &page("宁德高新区", 9));
    let other = page("常州高新区", 4)
        .replace("新材料", "新能源")
        .replace("人才服务站", "创新服务站");
    write(&dir.join("0-first.txt"), &other);
    let grown = ids_by_source(&load(&dir));
    for entry in &before {
        assert!(grown.contains(entry), "{entry:?} moved: {grown:?}");
    }
    assert_eq!(grown.len(), before.len() + 6);
    // Another page removed, another renamed (its date kept).
    std::fs::remove_file(dir.join("2024-07-23.txt")).unwrap();
    std::fs::rename(dir.join("undated.txt"), dir.join("renamed.txt")).unwrap();
    let after = load(&dir);
    for a in &after.articles {
        let was = format!(
            "{} {}",
            a.source.replace("renamed.txt", "undated.txt"),
            a.title
        );
        if let Some((id, _)) = grown.iter().find(|(_, s)| *s == was) {
            assert_eq!(&a.id, id, "{was}");
        }
    }
}

#[test]
fn one_headline_twice_gets_ids_by_content_whatever_the_order() {
    let dir = tempdir("clash");
    write(&dir.join("a.txt"), &page("宁德高新区", 1));
    write(&dir.join("b.txt"), &page("宁德高新区", 2));
    let forward = load(&dir);
    // The same pages named in the other order, and under other names.
    let other = tempdir("clash-renamed");
    std::fs::copy(dir.join("a.txt"), other.join("z.txt")).unwrap();
    std::fs::copy(dir.join("b.txt"), other.join("y.txt")).unwrap();
    let backward = load(&other);
    let by_text = |c: &Collection| {
        let mut v: Vec<(String, String)> = c
            .articles
            .iter()
            .map(|a| (a.blocks[0].text.clone(), a.id.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(by_text(&forward), by_text(&backward));
    let mut ids: Vec<&str> = forward.articles.iter().map(|a| a.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4);
}

#[test]
fn a_page_given_twice_or_copied_loads_once_with_a_note() {
    let dir = tempdir("dedup");
    let first = dir.join("2024-07-30.txt");
    write(&first, &page("宁德高新区", 1));
    let copy = dir.join("copies/again.txt");
    write(&copy, &page("宁德高新区", 1));
    // Not a copy: one figure differs.
    write(&dir.join("edited.txt"), &page("宁德高新区", 2));
    let c = Collection::load_with(&[dir.clone(), first.clone()], Detail::Outline);
    assert_eq!(
        c.articles.len(),
        4,
        "{:?}",
        c.articles.iter().map(|a| &a.source).collect::<Vec<_>>()
    );
    let notes: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
    assert!(!c.has_errors(), "{notes:?}");
    assert!(
        c.warnings.iter().any(|w| w.path == copy
            && w.message.contains(&first.display().to_string())
            && w.message.contains("same bytes")),
        "{notes:?}"
    );
    assert!(
        c.warnings
            .iter()
            .any(|w| w.path == first && w.message.contains("same file")),
        "{notes:?}"
    );
    // The copy is dropped, the first (dated) one kept.
    assert!(c.articles.iter().all(|a| a.source != "again.txt"));
}

#[test]
fn figures_are_found_only_for_the_article_asked_for() {
    let dir = tempdir("lazy");
    write(&dir.join("2024-07-30.txt"), &page("宁德高新区", 7));
    let mut c = load(&dir);
    assert!(c.articles.iter().all(|a| a.figures.is_empty()));
    let texts: Vec<String> = c.figures_of(0).iter().map(|f| f.text.clone()).collect();
    assert!(texts.contains(&"70亿元".to_string()), "{texts:?}");
    assert!(c.articles[1].figures.is_empty(), "only the one asked for");
    assert!(c.figures_of(99).is_empty());
    let full = Collection::load_with(std::slice::from_ref(&dir), Detail::Full);
    c.find_all_figures();
    for (lazy, full) in c.articles.iter().zip(&full.articles) {
        assert_eq!(lazy.figures, full.figures);
    }
}

#[test]
fn a_region_prefix_names_the_province_not_the_park() {
    let dir = tempdir("province");
    write(
        &dir.join("p.txt"),
        "## 西部陆海新通道项目集中签约\n\n◎本报记者 王五\n\n广西壮族自治区南宁经济技术开发区日前集中签约项目12个。\n",
    );
    let c = load(&dir);
    assert_eq!(c.parks[0].name, "南宁经济技术开发区");
    assert_eq!(c.parks[0].province.as_deref(), Some("广西壮族自治区"));
}

/// `list` and `figures` let each article's body go once parsed; what they print
/// (ids, clashes settled by content, parks, provinces, figures) is as with the body kept.
#[test]
fn letting_the_body_go_changes_nothing_that_is_printed() {
    let dir = tempdir("body");
    // One headline on one day from six papers, told apart by their text only (six,
    // so that their text's order is not their sources' order by chance).
    for (n, paper) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
        write(
            &dir.join(format!("2024-07-30-{paper}.txt")),
            &page("宁德高新区", n as u32 + 1),
        );
    }
    // A park not in the registry, its province named only in the lead.
    write(
        &dir.join("2024-07-23.txt"),
        "## 西部陆海新通道项目集中签约\n\n◎本报记者 王五\n\n广西壮族自治区钦州临港产业园日前集中签约项目12个，总投资超过80亿元。\n",
    );
    let paths = [dir.clone()];
    let full = Collection::load_with(&paths, Detail::Full);
    let outline = Collection::load_with(&paths, Detail::Outline);
    let titles = Collection::load_with(&paths, Detail::Titles);
    let figures = Collection::load_with(&paths, Detail::Figures);
    assert!(
        full.articles.iter().any(|a| a.id.ends_with("-2")),
        "a clash"
    );
    assert!(
        full.parks
            .iter()
            .any(|p| p.province.as_deref() == Some("广西壮族自治区")),
        "{:?}",
        full.parks
    );
    let shape = |c: &Collection| {
        let articles: Vec<_> = c
            .articles
            .iter()
            .map(|a| (a.id.clone(), a.title.clone(), a.park.clone(), a.date))
            .collect();
        let parks: Vec<_> = c
            .parks
            .iter()
            .map(|p| (p.name.clone(), p.province.clone(), p.articles.clone()))
            .collect();
        (articles, parks)
    };
    for lean in [&titles, &figures] {
        assert_eq!(shape(lean), shape(&full));
        assert!(lean.articles.iter().all(|a| a.blocks.is_empty()));
    }
    assert_eq!(shape(&outline), shape(&full));
    for (lean, full) in figures.articles.iter().zip(&full.articles) {
        assert_eq!(lean.figures, full.figures);
    }
    assert!(titles.articles.iter().all(|a| a.figures.is_empty()));
}
