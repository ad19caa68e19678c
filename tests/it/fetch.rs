//! `yuanqu fetch` and `yuanqu add` against a server on 127.0.0.1 (tests/support):
//! every kind of source, later runs that ask nothing twice, bad servers, and an
//! archive that stays whole and readable whatever fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yuanqu::core::article::Article;
use yuanqu::core::collection::Collection;

#[allow(dead_code)] // the example uses what the tests do not
#[path = "../support/fixture_server.rs"]
mod fixture_server;
use fixture_server::FixtureServer;

/// A fresh folder for one test.
fn tempdir(name: &str) -> PathBuf {
    crate::private_folder::test_folder(&format!("fetch-{name}"))
}

/// A config with `archive` in `dir`, short timeouts and small bodies, and `sources`.
fn config(dir: &Path, sources: &str) -> PathBuf {
    let path = dir.join("config.toml");
    let text = format!(
        "[data]\narchive = \"{}\"\n[fetch]\ntimeout = 2\nmax_bytes = 1000000\n{sources}",
        dir.join("archive").display()
    );
    std::fs::write(&path, text).unwrap();
    path
}

fn yuanqu(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .arg("--config")
        .arg(config)
        .args(args)
        .env("YUANQU_TODAY", "2025-03-14")
        .env("NO_COLOR", "1")
        .output()
        .expect("run yuanqu")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn archive(dir: &Path) -> Collection {
    Collection::load(&[dir.join("archive")])
}

fn find<'a>(c: &'a Collection, title_part: &str) -> &'a Article {
    c.articles
        .iter()
        .find(|a| a.title.contains(title_part))
        .unwrap_or_else(|| {
            let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
            panic!("no article with {title_part:?} in {titles:?}")
        })
}

fn source(name: &str, kind: &str, url: &str, extra: &str) -> String {
    format!("[[sources]]\nname = \"{name}\"\nkind = \"{kind}\"\nurl = \"{url}\"\n{extra}\n")
}

#[test]
fn every_kind_of_source_fills_the_archive() {
    let server = FixtureServer::start(0);
    let dir = tempdir("kinds");
    let s = |p: &str| server.url(p);
    let sources = [
        source("云港", "feed", &s("/static/feeds/rss2.xml"), ""),
        source("松岭", "feed", &s("/static/feeds/atom.xml"), ""),
        source("河湾", "feed", &s("/static/feeds/rss1.rdf"), ""),
        source("临江", "feed", &s("/static/feeds/feed.json"), ""),
        source(
            "rsshub",
            "feed",
            &s("/static/feeds/rsshub.xml"),
            "follow = false",
        ),
        source("北塘", "feed", &s("/static/feeds/gbk-declared.xml"), ""),
        source("北塘2", "feed", &s("/static/feeds/gbk-unlabelled.xml"), ""),
        source(
            "科技日报",
            "stdaily",
            &s("/api"),
            "pages = [\"园区\"]\nsince = \"2025-03-13\"",
        ),
        source(
            "经济日报",
            "epaper",
            &s("/static/epaper/html/2025-03/14/node_01.htm"),
            "pages = [\"园区\"]",
        ),
        format!(
            "[[sources]]\nname = \"存档\"\nkind = \"page\"\nurls = [\"{}\", \"{}\"]\n",
            s("/web/park-cms.html"),
            s("/web/wechat.html")
        ),
    ]
    .concat();
    let cfg = config(&dir, &sources);
    let o = yuanqu(&cfg, &["fetch"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("科技日报: 3 new, 0 unchanged, 0 failed"),
        "{err}"
    );
    let c = archive(&dir);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);

    // 科技日报's API: only the 园区 page, since the 13th, with kicker and caption.
    let a = find(&c, "白鹭湾高新区");
    assert_eq!(
        a.title, "白鹭湾高新区打造氢能产业先导区",
        "a <br> in a Chinese headline joins its lines"
    );
    assert_eq!(a.kicker.as_deref(), Some("园区观察"));
    assert_eq!(a.subtitle.as_deref(), Some("已集聚氢能企业四十余家"));
    assert_eq!(a.page.as_deref(), Some("园区"));
    assert_eq!(a.source, "科技日报");
    assert_eq!(a.date.unwrap().to_string(), "2025-03-14");
    assert!(a.url.as_deref().unwrap().contains("currentNewsId=a-9001"));
    let caption = a.blocks.iter().find(|b| b.credit.is_some()).unwrap();
    assert_eq!(caption.text, "图为园区内的加氢站。");
    assert!(find(&c, "石门科技园").date.unwrap().to_string() == "2025-03-13");
    assert!(!c
        .articles
        .iter()
        .any(|a| a.title.contains("要闻版") || a.title.contains("综合版")));

    // The Founder e-paper: the 园区 page's articles, not the 责编 line, not 要闻.
    let e = find(&c, "长岭高新区光电产业链");
    assert_eq!(e.subtitle.as_deref(), Some("龙头企业带动配套企业集聚"));
    assert_eq!(e.page.as_deref(), Some("园区"));
    assert_eq!(e.source, "经济日报");
    assert_eq!(
        find(&c, "集成电路设计园满租").kicker.as_deref(),
        Some("产业集聚效应显现"),
        "GBK, by its meta charset"
    );
    assert!(!c.articles.iter().any(|a| a.title.contains("要闻版头条")));

    // Feeds of every kind; a follow to the link page when the item has no full text.
    assert_eq!(
        find(&c, "松岭高新区举办").byline.raw,
        "许安然",
        "from the followed page"
    );
    assert_eq!(
        find(&c, "河湾经开区").date.unwrap().to_string(),
        "2025-02-20"
    );
    assert_eq!(
        find(&c, "临江科学城新增").date.unwrap().to_string(),
        "2025-04-02"
    );
    let hub = find(&c, "金沙湾高新区");
    assert_eq!(
        hub.date.unwrap().to_string(),
        "2025-03-14",
        "GMT 16:00 is the next day in China"
    );
    assert_eq!(hub.page.as_deref(), Some("园区"));
    assert_eq!(
        find(&c, "云港高新区召开企业座谈会").date,
        None,
        "no date: undated"
    );
    // GBK, declared or not.
    find(&c, "北塘经开区新增两家省级企业技术中心");
    find(&c, "北塘经开区新增三家市级工程研究中心");
    // Hostile text is cleaned before it reaches the archive.
    let hostile = find(&c, "人才新政");
    assert!(
        !hostile.title.contains('\u{1b}') && !hostile.title.contains('\u{202e}'),
        "{:?}",
        hostile.title
    );
    assert_eq!(
        hostile.date.unwrap().to_string(),
        "2025-03-12",
        "a zone-less time is Beijing time"
    );
    // Saved-page sources.
    assert_eq!(find(&c, "国家级荣誉").source, "存档");
    // Figures and parks are found as for text pages.
    assert!(find(&c, "青峰经开区")
        .figures
        .iter()
        .any(|f| f.text == "165亿元"));

    // Every file is whole: nothing but article files and the fetch's own folder.
    for entry in walk(&dir.join("archive")) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".toml") || entry.starts_with(dir.join("archive/.yuanqu")),
            "{name}"
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_second_run_asks_conditionally_and_fetches_no_article_twice() {
    let server = FixtureServer::start(0);
    let dir = tempdir("again");
    let sources = [
        source("云港", "feed", &server.url("/static/feeds/rss2.xml"), ""),
        source("松岭", "feed", &server.url("/static/feeds/atom.xml"), ""),
        source(
            "科技日报",
            "stdaily",
            &server.url("/api"),
            "pages = [\"园区\"]",
        ),
    ]
    .concat();
    let cfg = config(&dir, &sources);
    assert!(yuanqu(&cfg, &["fetch"]).status.success());
    let files_before = walk(&dir.join("archive"));
    let pages_before = server.count("/web/");
    let articles_before = server.count("/api/uv/article/article/articleId");
    let o = yuanqu(&cfg, &["fetch"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("云港: 0 new"), "{err}");
    assert!(err.contains("not modified"), "the feed answered 304: {err}");
    assert_eq!(
        server.count("/web/"),
        pages_before,
        "a followed page is not fetched again"
    );
    assert_eq!(
        server.count("/api/uv/article/article/articleId"),
        articles_before
    );
    assert_eq!(walk(&dir.join("archive")), files_before);
}

#[test]
fn an_article_changed_at_the_source_is_rewritten_under_its_id() {
    let root = tempdir("changing-root");
    let page = root.join("page.html");
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web/park-cms.html"),
    )
    .unwrap();
    std::fs::write(&page, &original).unwrap();
    let server = FixtureServer::serving(0, root.clone());
    let dir = tempdir("changing");
    let cfg = config(
        &dir,
        &source("松岭", "page", &server.url("/static/page.html"), ""),
    );
    assert!(yuanqu(&cfg, &["fetch"]).status.success());
    let before = find(&archive(&dir), "人才招聘周").clone();
    std::fs::write(
        &page,
        original
            .replace("1500余个", "1600余个")
            .replace("人才招聘周活动</h1>", "人才招聘周活动圆满结束</h1>"),
    )
    .unwrap();
    let o = yuanqu(&cfg, &["fetch"]);
    assert!(stderr(&o).contains("1 updated"), "{}", stderr(&o));
    let c = archive(&dir);
    assert_eq!(c.articles.len(), 1);
    let after = &c.articles[0];
    assert!(after.title.ends_with("圆满结束"));
    assert_eq!(after.id, before.id, "the id is kept when the title changes");
}

#[test]
fn bad_servers_fail_by_name_and_the_rest_is_written() {
    let server = FixtureServer::start(0);
    let dir = tempdir("bad");
    let s = |p: &str| server.url(p);
    let sources = [
        source("hangs", "feed", &s("/hang"), ""),
        source("gone", "feed", &s("/status/404"), ""),
        source("broken", "feed", &s("/status/500"), ""),
        source("loops", "feed", &s("/loop"), ""),
        source("bomb", "feed", &s("/bomb"), ""),
        source("big", "page", &s("/big"), ""),
        source("cut", "feed", &s("/static/feeds/truncated.xml"), ""),
        source("busy", "feed", &s("/busy"), ""),
        source("empty", "feed", &s("/static/feeds/empty.xml"), ""),
        source("good", "feed", &s("/static/feeds/feed.json"), ""),
    ]
    .concat();
    let cfg = config(&dir, &sources);
    let started = std::time::Instant::now();
    let o = yuanqu(&cfg, &["fetch"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // Not a timing assert on the work: a hang would take the server's 30 s.
    assert!(started.elapsed().as_secs() < 25, "a request hung: {err}");
    for (name, reason) in [
        ("hangs", "timeout"),
        ("gone", "HTTP 404"),
        ("broken", "HTTP 500"),
        ("loops", "too many redirects"),
        ("bomb", "too large"),
        ("big", "too large"),
        ("cut", "malformed"),
        ("busy", "HTTP 503, the server asks to wait 3600 s"),
    ] {
        assert!(report_of(&err, name).contains(reason), "{name}: {err}");
    }
    assert!(err.contains("empty: 0 new, 0 unchanged, 0 failed"), "{err}");
    assert!(err.contains("good: 1 new"), "{err}");
    let c = archive(&dir);
    assert_eq!(c.articles.len(), 1, "{:?}", c.warnings);
    assert!(c.warnings.is_empty());
    // The next run leaves the host that asked for an hour alone.
    let busy = source("busy", "feed", &s("/busy"), "");
    let cfg = config(&dir, &busy);
    let asked = server.count("/busy");
    let o = yuanqu(&cfg, &["fetch"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the server asked to wait another"),
        "{}",
        stderr(&o)
    );
    assert_eq!(server.count("/busy"), asked, "not asked again");
}

/// A source's summary line with the notes indented under it.
fn report_of(err: &str, name: &str) -> String {
    let mut lines = err
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{name}:")));
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("no line for {name}: {err}"));
    let notes: Vec<&str> = lines.take_while(|l| l.starts_with("  ")).collect();
    format!("{first}\n{}", notes.join("\n"))
}

#[test]
fn a_short_retry_after_is_waited_out() {
    let server = FixtureServer::start(0);
    let dir = tempdir("retry");
    let cfg = config(
        &dir,
        &source("临江", "feed", &server.url("/retry-once"), ""),
    );
    let o = yuanqu(&cfg, &["fetch"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(server.count("/retry-once"), 2);
}

#[test]
fn the_same_article_in_two_sources_is_kept_once() {
    let server = FixtureServer::start(0);
    let dir = tempdir("twice");
    let sources = [
        source("first", "feed", &server.url("/static/feeds/feed.json"), ""),
        // Another address serving the same feed.
        source(
            "second",
            "feed",
            &server.url("/static/feeds/feed.json?copy"),
            "",
        ),
    ]
    .concat();
    let cfg = config(&dir, &sources);
    let o = yuanqu(&cfg, &["fetch"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("already from another source"), "{err}");
    assert!(err.contains("kept once"), "{err}");
    assert_eq!(archive(&dir).articles.len(), 1);
}

#[test]
fn usage_errors_exit_2_and_name_what_is_wrong() {
    let dir = tempdir("usage");
    let cfg = config(&dir, "");
    let o = yuanqu(&cfg, &["fetch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no [[sources]]"), "{}", stderr(&o));
    let cfg = config(&dir, &source("a", "feed", "http://127.0.0.1:9/x", ""));
    let o = yuanqu(&cfg, &["fetch", "b"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no source is called \"b\" (sources: a)"),
        "{}",
        stderr(&o)
    );
    let cfg = config(
        &dir,
        "[[sources]]\nname = \"a\"\nkind = \"rss\"\nurl = \"http://x\"\n",
    );
    let o = yuanqu(&cfg, &["fetch"]);
    assert!(stderr(&o).contains("config.toml:6:"), "{}", stderr(&o));
    assert!(stderr(&o).contains("kind must be"), "{}", stderr(&o));
}

#[test]
fn a_corrupt_fetch_memory_is_set_aside_not_deleted() {
    let server = FixtureServer::start(0);
    let dir = tempdir("corrupt");
    let meta = dir.join("archive/.yuanqu");
    std::fs::create_dir_all(&meta).unwrap();
    std::fs::write(meta.join("fetch.json"), "{ not json").unwrap();
    let cfg = config(
        &dir,
        &source("临江", "feed", &server.url("/static/feeds/feed.json"), ""),
    );
    let o = yuanqu(&cfg, &["fetch"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("set aside"), "{}", stderr(&o));
    let aside: Vec<_> = std::fs::read_dir(&meta)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("fetch.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).unwrap(),
        "{ not json"
    );
}

#[test]
fn add_takes_urls_and_saved_files_and_keeps_each_once() {
    let server = FixtureServer::start(0);
    let dir = tempdir("add");
    let cfg = config(&dir, "");
    let saved = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web/rmrb-pc-content.html");
    let url = server.url("/web/wechat.html");
    let o = yuanqu(&cfg, &["add", &url, saved.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = yuanqu(&cfg, &["add", saved.to_str().unwrap()]);
    assert!(stderr(&o).contains("0 new, 1 unchanged"), "{}", stderr(&o));
    let c = archive(&dir);
    assert_eq!(c.articles.len(), 2);
    assert_eq!(
        find(&c, "算力调度中心").kicker.as_deref(),
        Some("数字基建加速落地")
    );
    let o = yuanqu(&cfg, &["add", "/nonexistent/page.html"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent/page.html"),
        "{}",
        stderr(&o)
    );
    // With no paths, commands read the archive.
    let o = yuanqu(&cfg, &["list"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("算力调度中心"));
}
