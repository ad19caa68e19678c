//! The archive index (src/core/index, docs/index.md): output the same with and
//! without it, entries used only for the very file they were made from, a broken
//! index set aside, two runs at once.

use std::fs::{File, FileTimes};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use yuanqu::core::collection::Collection;
use yuanqu::core::index::IndexPlace;
use yuanqu::core::page::Detail;

fn tempdir(name: &str) -> PathBuf {
    crate::private_folder::test_folder(&format!("index-{name}"))
}

/// A page of two articles about one park; `n` varies its figures.
pub(crate) fn page(park: &str, n: u32) -> String {
    format!(
        "## {park}新材料产业加速集聚\n\n◎本报记者 王五\n\n{park}今年引进项目{n}个，总投资{n}0亿元，\
         同比增长1{n}%。\n\n## {park}人才驿站开门迎客\n\n◎本报记者 赵六\n\n\
         {park}人才驿站日前开门，已服务企业{n}家，发放补贴约{n}00万元。\n"
    )
}

/// A file time an hour old: well before any entry, so that entries are used.
pub(crate) fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

pub(crate) fn write_old(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    set_mtime(path, an_hour_ago());
}

pub(crate) fn set_mtime(path: &Path, when: SystemTime) {
    let file = File::options().write(true).open(path).unwrap();
    file.set_times(FileTimes::new().set_modified(when)).unwrap();
}

/// An archive: pages, a fetched TOML article and saved web pages, all old.
pub(crate) fn archive(name: &str) -> (PathBuf, PathBuf) {
    let root = tempdir(name);
    let pages = root.join("pages");
    std::fs::create_dir_all(pages.join("2024/07")).unwrap();
    for (i, park) in ["宁德高新区", "株洲高新区", "芜湖经开区"]
        .iter()
        .enumerate()
    {
        let n = i as u32 + 3;
        write_old(&pages.join(format!("2024-07-{n:02}-a.txt")), &page(park, n));
    }
    for (i, park) in ["常州高新区", "柳州高新区", "襄阳高新区"]
        .iter()
        .enumerate()
    {
        let n = i as u32 + 13;
        write_old(&pages.join(format!("2024/07/{n}.txt")), &page(park, n));
    }
    write_old(
        &pages.join("fetched.toml"),
        "title = \"洛阳高新区新建中试基地\"\nkicker = \"创新平台\"\npage = \"园区\"\n\
         url = \"https://example.org/a.html\"\nsource = \"园区报\"\ndate = 2024-06-30\n\
         blocks = [{ kind = \"paragraph\", text = \"洛阳高新区中试基地总投资5.2亿元，占地120亩。\" }]\n",
    );
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/web");
    for entry in std::fs::read_dir(web).unwrap() {
        let from = entry.unwrap().path();
        let to = pages.join(from.file_name().unwrap());
        std::fs::copy(&from, &to).unwrap();
        set_mtime(&to, an_hour_ago());
    }
    (pages, root.join("cache"))
}

pub(crate) fn yuanqu(args: &[&str], cache: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_yuanqu"));
    command
        .args(args)
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config");
    match cache {
        Some(cache) => command
            .env("XDG_CACHE_HOME", cache)
            .env_remove("YUANQU_NO_INDEX"),
        None => command.env("YUANQU_NO_INDEX", "1"),
    };
    command.output().expect("run yuanqu")
}

pub(crate) fn index_db(cache: &Path) -> PathBuf {
    cache.join("yuanqu").join("index.db")
}

fn place(cache: &Path) -> IndexPlace {
    IndexPlace::At(index_db(cache))
}

fn titles(c: &Collection) -> Vec<String> {
    c.articles.iter().map(|a| a.title.clone()).collect()
}

/// Change a title inside the index only: a run that shows it took the entry.
fn tamper(cache: &Path, from: &str, to: &str) {
    let db = rusqlite::Connection::open(index_db(cache)).unwrap();
    let changed = db
        .execute(
            "UPDATE files SET outline = replace(outline, ?1, ?2) WHERE instr(outline, ?1) > 0",
            [from, to],
        )
        .unwrap();
    assert!(changed > 0, "no entry holds {from}");
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn output_is_the_same_with_and_without_the_index() {
    let (pages, cache) = archive("same");
    let p = pages.to_str().unwrap();
    let listing = yuanqu(&["list", "--json", p], None);
    let listing: serde_json::Value = serde_json::from_slice(&listing.stdout).unwrap();
    let id = listing["parks"][0]["articles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let html = pages.join("park-cms.html");
    let commands: Vec<Vec<&str>> = vec![
        vec!["list", p],
        vec!["list", "--json", p],
        vec!["figures", p],
        vec!["figures", "--json", p],
        vec!["figures", "--csv", p],
        vec!["read", &id, "--width", "60", p],
        vec!["parse", html.to_str().unwrap()],
        vec!["stats", "--json", p],
    ];
    for args in &commands {
        let without = yuanqu(args, None);
        assert!(!without.stdout.is_empty(), "{args:?}");
        // Cold, then warm (from the entries the first run made), twice.
        for run in ["cold", "warm", "warm again"] {
            let with = yuanqu(args, Some(&cache));
            assert_eq!(stdout(&with), stdout(&without), "{args:?} {run}");
            assert_eq!(with.status.code(), without.status.code(), "{args:?} {run}");
            assert_eq!(with.stderr, without.stderr, "{args:?} {run}");
        }
    }
    // The warm runs did read the index: a title changed in it alone shows.
    tamper(&cache, "人才驿站开门迎客", "人才驿站（索引）");
    let warm = yuanqu(&["list", p], Some(&cache));
    assert!(
        stdout(&warm).contains("人才驿站（索引）"),
        "{}",
        stdout(&warm)
    );
}

#[test]
fn a_page_changed_with_its_size_and_mtime_put_back_is_read_again() {
    let (pages, cache) = archive("ctime");
    let changed = pages.join("2024-07-03-a.txt");
    let kept = pages.join("2024-07-04-a.txt");
    let load =
        || Collection::load_indexed(std::slice::from_ref(&pages), Detail::Titles, &place(&cache));
    load();
    // Both entries say 驿站 where the pages do not: only an entry used shows it.
    tamper(&cache, "新材料产业加速集聚", "新材料产业加速集聚（索引）");
    let before = std::fs::metadata(&changed).unwrap();
    let text = std::fs::read_to_string(&changed).unwrap();
    // 速 and 快 are three bytes each: the size stays.
    std::fs::write(&changed, text.replace("加速", "加快")).unwrap();
    set_mtime(&changed, before.modified().unwrap());
    let after = std::fs::metadata(&changed).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
    let titles = titles(&load());
    assert!(
        titles.contains(&"宁德高新区新材料产业加快集聚".to_string()),
        "{titles:?}"
    );
    assert!(
        !titles
            .iter()
            .any(|t| t.starts_with("宁德高新区新材料产业加速")),
        "{titles:?}"
    );
    // The page left alone came from its entry.
    assert!(
        titles.contains(&"株洲高新区新材料产业加速集聚（索引）".to_string()),
        "{titles:?} ({})",
        kept.display()
    );
}

#[test]
fn a_page_written_in_the_same_moment_as_its_entry_is_read_again() {
    let (pages, cache) = archive("racy");
    let fresh = pages.join("2024-07-05-a.txt");
    // Written now: its entry is made within the racy margin of its mtime.
    std::fs::write(&fresh, page("芜湖经开区", 5)).unwrap();
    let load =
        || Collection::load_indexed(std::slice::from_ref(&pages), Detail::Titles, &place(&cache));
    load();
    tamper(&cache, "芜湖经开区新材料", "芜湖经开区（索引）新材料");
    let titles = titles(&load());
    assert!(
        titles.contains(&"芜湖经开区新材料产业加速集聚".to_string()),
        "{titles:?}"
    );
}

#[test]
fn an_index_from_another_parser_version_is_not_used() {
    let (pages, cache) = archive("version");
    let load =
        || Collection::load_indexed(std::slice::from_ref(&pages), Detail::Titles, &place(&cache));
    let first = titles(&load());
    tamper(&cache, "人才驿站开门迎客", "人才驿站（索引）");
    assert!(titles(&load()).iter().any(|t| t.contains("（索引）")));
    let db = rusqlite::Connection::open(index_db(&cache)).unwrap();
    db.execute("UPDATE files SET parser = '0.0.1+other'", [])
        .unwrap();
    drop(db);
    assert_eq!(titles(&load()), first);
}

#[test]
fn an_added_and_a_removed_page_are_picked_up() {
    let (pages, cache) = archive("added");
    let p = pages.to_str().unwrap();
    yuanqu(&["list", "--json", p], Some(&cache));
    std::fs::remove_file(pages.join("2024-07-04-a.txt")).unwrap();
    write_old(&pages.join("2024-07-09-a.txt"), &page("烟台高新区", 9));
    let with = yuanqu(&["list", "--json", p], Some(&cache));
    let without = yuanqu(&["list", "--json", p], None);
    assert_eq!(stdout(&with), stdout(&without));
    assert!(stdout(&with).contains("烟台高新区新材料产业加速集聚"));
    assert!(!stdout(&with).contains("株洲高新区新材料产业加速集聚\""));
    // The removed page's entry is forgotten.
    let db = rusqlite::Connection::open(index_db(&cache)).unwrap();
    let gone: i64 = db
        .query_row(
            "SELECT count(*) FROM files WHERE CAST(path AS TEXT) LIKE '%2024-07-04-a.txt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gone, 0);
}

/// Each kind of broken index: the output is that of no index, a note says where
/// the old one went (once), and the next run is quiet again.
#[test]
fn a_broken_index_is_set_aside_and_rebuilt() {
    let (pages, cache) = archive("broken");
    let p = pages.to_str().unwrap();
    let args = ["figures", "--json", p];
    let without = yuanqu(&args, None);
    let good = {
        yuanqu(&args, Some(&cache));
        // Everything into the database file itself (runs leave it in the WAL).
        let db = rusqlite::Connection::open(index_db(&cache)).unwrap();
        db.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        drop(db);
        std::fs::read(index_db(&cache)).unwrap()
    };
    assert!(good.len() > 4096);
    let garbled: Vec<u8> = b"not an index at all\n".repeat(good.len() / 20);
    let truncated = good[..good.len() / 2].to_vec();
    let mut scrambled = good.clone();
    for b in scrambled[4096..].iter_mut().step_by(7) {
        *b = b.wrapping_add(0x5a);
    }
    for (kind, bytes) in [
        ("garbled", garbled),
        ("truncated", truncated),
        ("zero-length", Vec::new()),
        ("scrambled", scrambled),
    ] {
        let _ = std::fs::remove_dir_all(&cache);
        std::fs::create_dir_all(cache.join("yuanqu")).unwrap();
        std::fs::write(index_db(&cache), &bytes).unwrap();
        let with = yuanqu(&args, Some(&cache));
        assert_eq!(stdout(&with), stdout(&without), "{kind}");
        assert_eq!(with.status.code(), without.status.code(), "{kind}");
        let usual = String::from_utf8_lossy(&without.stderr).into_owned();
        let said = String::from_utf8_lossy(&with.stderr).into_owned();
        let notes: Vec<&str> = said.lines().filter(|l| !usual.contains(l)).collect();
        assert_eq!(notes.len(), 1, "{kind}: {said:?}");
        assert!(notes[0].contains("set aside as"), "{kind}: {said:?}");
        let aside: Vec<_> = std::fs::read_dir(cache.join("yuanqu"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("index.db.broken-"))
            .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
            .collect();
        assert_eq!(aside.len(), 1, "{kind}: {aside:?}");
        let kept = std::fs::read(cache.join("yuanqu").join(&aside[0])).unwrap();
        assert_eq!(kept, bytes, "{kind}: set aside as it was");
        let again = yuanqu(&args, Some(&cache));
        assert_eq!(stdout(&again), stdout(&without), "{kind}, rebuilt");
        assert_eq!(again.stderr, without.stderr, "{kind}: reported once");
    }
}

#[test]
fn an_index_folder_that_cannot_be_written_means_no_index() {
    let (pages, root_cache) = archive("readonly");
    let p = pages.to_str().unwrap();
    // A file where the cache folder should be: nothing can be made under it.
    std::fs::write(&root_cache, "a file, not a folder").unwrap();
    let args = ["list", "--json", p];
    let with = yuanqu(&args, Some(&root_cache));
    let without = yuanqu(&args, None);
    assert_eq!(stdout(&with), stdout(&without));
    assert_eq!(with.stderr, without.stderr);
}

#[test]
fn two_runs_building_the_index_at_once_both_print_the_right_output() {
    let (pages, cache) = archive("two");
    std::fs::create_dir_all(pages.join("many")).unwrap();
    for i in 0..120u32 {
        let park = ["南通高新区", "潍坊高新区", "绵阳高新区"][i as usize % 3];
        write_old(&pages.join(format!("many/p{i:03}.txt")), &page(park, i + 2));
    }
    let p = pages.to_str().unwrap();
    for args in [["figures", "--json", p], ["list", "--json", p]] {
        let without = stdout(&yuanqu(&args, None));
        for round in ["cold", "warm"] {
            let spawn = || {
                Command::new(env!("CARGO_BIN_EXE_yuanqu"))
                    .args(args)
                    .env_remove("YUANQU_CONFIG")
                    .env_remove("YUANQU_NO_INDEX")
                    .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
                    .env("XDG_CACHE_HOME", &cache)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            };
            let (a, b) = (spawn(), spawn());
            for run in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
                assert_eq!(stdout(&run), without, "{args:?} {round}");
                assert_eq!(run.status.code(), Some(0), "{args:?} {round}");
            }
        }
    }
}

#[test]
fn runs_starting_at_once_on_a_new_cache_set_nothing_aside() {
    let (pages, root) = archive("new-at-once");
    let p = pages.to_str().unwrap();
    let args = ["list", "--json", p];
    let without = stdout(&yuanqu(&args, None));
    // The index is made as both runs begin: either may meet it half made.
    for round in 0..8 {
        let cache = root.join(format!("cache-{round}"));
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_yuanqu"))
                .args(args)
                .env_remove("YUANQU_CONFIG")
                .env_remove("YUANQU_NO_INDEX")
                .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
                .env("XDG_CACHE_HOME", &cache)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for run in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
            assert_eq!(stdout(&run), without, "round {round}");
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert!(stderr.is_empty(), "round {round}: {stderr}");
        }
        let folder = std::fs::read_dir(cache.join("yuanqu")).unwrap();
        let names: Vec<String> = folder
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| !n.contains("broken") && !n.contains(".new-")),
            "round {round}: {names:?}"
        );
    }
}

#[test]
fn analysts_can_query_the_figures_view() {
    let (pages, cache) = archive("views");
    Collection::load_indexed(
        std::slice::from_ref(&pages),
        Detail::Figures,
        &place(&cache),
    );
    let db = rusqlite::Connection::open(index_db(&cache)).unwrap();
    let mut stmt = db
        .prepare(
            "SELECT park, sum(value) FROM figures WHERE unit = '元' \
             GROUP BY park ORDER BY park",
        )
        .unwrap();
    let sums: Vec<(Option<String>, f64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected = Collection::load_indexed(&[pages], Detail::Figures, &IndexPlace::Off);
    let money = |park: &str| -> f64 {
        expected
            .articles
            .iter()
            .filter(|a| a.park.as_deref() == Some(park))
            .flat_map(|a| &a.figures)
            .filter(|f| f.unit == "元")
            .map(|f| f.value)
            .sum()
    };
    let ningde = sums
        .iter()
        .find(|(p, _)| p.as_deref() == Some("宁德高新区"))
        .map(|(_, s)| *s);
    assert_eq!(ningde, Some(money("宁德高新区")));
    assert!(money("宁德高新区") > 0.0);
    let dated: i64 = db
        .query_row(
            "SELECT count(*) FROM articles WHERE date = '2024-07-13'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        dated, 2,
        "the date of 2024/07/13.txt comes from its folders"
    );
}

#[test]
fn commands_in_turn_each_leave_the_entry_serving_the_others() {
    let (pages, cache) = archive("turns");
    let load =
        |detail| Collection::load_indexed(std::slice::from_ref(&pages), detail, &place(&cache));
    let direct =
        |detail| Collection::load_indexed(std::slice::from_ref(&pages), detail, &IndexPlace::Off);
    // list, then figures, then read: each parses for what it needs and keeps
    // what the entry held.
    for detail in [Detail::Titles, Detail::Figures, Detail::Outline] {
        let c = load(detail);
        assert_eq!(c.articles, direct(detail).articles, "{detail:?}");
    }
    tamper(&cache, "人才驿站开门迎客", "人才驿站（索引）");
    for detail in [
        Detail::Titles,
        Detail::Figures,
        Detail::Outline,
        Detail::Full,
    ] {
        let c = load(detail);
        assert!(
            titles(&c).iter().any(|t| t.contains("（索引）")),
            "{detail:?} parsed the pages again"
        );
        let mut expected = direct(detail).articles;
        for a in &mut expected {
            a.title = a.title.replace("人才驿站开门迎客", "人才驿站（索引）");
        }
        let got: Vec<_> = c
            .articles
            .iter()
            .map(|a| (&a.title, &a.figures, &a.blocks))
            .collect();
        let want: Vec<_> = expected
            .iter()
            .map(|a| (&a.title, &a.figures, &a.blocks))
            .collect();
        assert_eq!(got, want, "{detail:?}");
    }
}

#[test]
fn the_tests_build_their_index_in_a_cache_of_their_own() {
    // Set before main (tests/support/private_folder.rs), inherited by every run.
    let private = crate::private_folder::private_cache();
    assert_eq!(
        std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from),
        Some(private.clone())
    );
    let (pages, _) = archive("private");
    let out = Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(["list", pages.to_str().unwrap()])
        .env_remove("YUANQU_NO_INDEX")
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(index_db(&private).is_file(), "{}", private.display());
}

/// An entry's bytes broken in each way a disk or a person can break them.
pub(crate) fn breakages_of(good: &[u8]) -> [(&'static str, Vec<u8>); 5] {
    let mut flipped = good.to_vec();
    flipped[good.len() / 3] ^= 0x20;
    [
        ("one byte changed", flipped),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("cut before its end", good[..good.len() - 3].to_vec()),
        ("zero-length", Vec::new()),
        ("garbled", b"not an entry\n".repeat(good.len() / 13)),
    ]
}

/// The whole-command entries (core/outputs.rs), in `cache`.
fn output_entries(cache: &Path) -> Vec<PathBuf> {
    entries_in(cache, "outputs")
}

/// The entries in `folder` of the cache (not those being written), in order.
pub(crate) fn entries_in(cache: &Path, folder: &str) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(cache.join("yuanqu").join(folder)) else {
        return Vec::new();
    };
    let mut entries: Vec<PathBuf> = read
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    entries.sort();
    entries
}

/// Wait out the racy margin: files changed (or their ctime set) before this are
/// old enough for a whole-command entry to be made from them.
pub(crate) fn past_the_racy_margin() {
    let margin = yuanqu::core::index::RACY_MARGIN_NS as u64;
    std::thread::sleep(Duration::from_nanos(margin) + Duration::from_millis(200));
}

/// A run with the cache that must replay the entry: the output is right and the
/// entry was not written again.
fn replayed(args: &[&str], cache: &Path, without: &Output) {
    let entries = output_entries(cache);
    assert_eq!(entries.len(), 1, "{args:?}: {entries:?}");
    let before = std::fs::metadata(&entries[0]).unwrap();
    let with = yuanqu(args, Some(cache));
    assert_eq!(stdout(&with), stdout(without), "{args:?}");
    assert_eq!(with.stderr, without.stderr, "{args:?}");
    let after = std::fs::metadata(&entries[0]).unwrap();
    assert_eq!(
        (after.modified().unwrap(), after.len()),
        (before.modified().unwrap(), before.len()),
        "{args:?}: the entry was made again, not replayed"
    );
}

#[test]
fn whole_command_entries_print_what_the_command_would() {
    let (pages, cache) = archive("whole");
    let p = pages.to_str().unwrap();
    let html = pages.join("park-cms.html");
    // A copy of a page: the note about it goes to stderr, and is replayed.
    std::fs::copy(pages.join("2024-07-03-a.txt"), pages.join("copy.txt")).unwrap();
    set_mtime(&pages.join("copy.txt"), an_hour_ago());
    past_the_racy_margin();
    let commands: Vec<Vec<&str>> = vec![
        vec!["list", p],
        vec!["list", "--json", p],
        vec!["list", "--json", "--park", "宁德", p],
        vec!["list", "--json", "--park", "宁德", "--since", "2030", p],
        vec!["figures", "--json", p],
        vec!["figures", "--csv", "--bom", p],
        vec!["figures", "--filter", "元>=1亿", p],
        vec!["figures", "--json", p, html.to_str().unwrap()],
    ];
    for args in &commands {
        let _ = std::fs::remove_dir_all(&cache);
        let without = yuanqu(args, None);
        assert!(!without.stdout.is_empty(), "{args:?}");
        let first = yuanqu(args, Some(&cache));
        assert_eq!(stdout(&first), stdout(&without), "{args:?}");
        assert_eq!(first.stderr, without.stderr, "{args:?}");
        replayed(args, &cache, &without);
        replayed(args, &cache, &without);
    }
}

#[test]
fn a_whole_command_entry_is_not_used_once_a_page_is_added_removed_or_rewritten() {
    let (pages, cache) = archive("whole-changes");
    let p = pages.to_str().unwrap();
    let args = ["list", "--json", p];
    let added = pages.join("2024-07-09-a.txt");
    let rewritten = pages.join("2024-07-03-a.txt");
    let rewrite = || {
        // The size and mtime put back: only the ctime tells.
        let before = std::fs::metadata(&rewritten).unwrap();
        let text = std::fs::read_to_string(&rewritten).unwrap();
        std::fs::write(&rewritten, text.replace("加速", "加快")).unwrap();
        set_mtime(&rewritten, before.modified().unwrap());
        assert_eq!(std::fs::metadata(&rewritten).unwrap().len(), before.len());
    };
    let changes: [(&str, &dyn Fn()); 3] = [
        ("added", &|| write_old(&added, &page("烟台高新区", 9))),
        ("removed", &|| std::fs::remove_file(&added).unwrap()),
        ("ctime only", &rewrite),
    ];
    for (what, change) in changes {
        past_the_racy_margin();
        let before = yuanqu(&args, None);
        yuanqu(&args, Some(&cache));
        replayed(&args, &cache, &before);
        change();
        let without = yuanqu(&args, None);
        assert_ne!(
            stdout(&without),
            stdout(&before),
            "{what}: the change shows"
        );
        // Past the margin, so that the stamps alone must tell the change.
        past_the_racy_margin();
        let with = yuanqu(&args, Some(&cache));
        assert_eq!(stdout(&with), stdout(&without), "{what}");
    }
}

#[test]
fn a_broken_whole_command_entry_gives_the_output_of_no_index() {
    let (pages, cache) = archive("whole-broken");
    let p = pages.to_str().unwrap();
    let args = ["figures", "--json", p];
    past_the_racy_margin();
    let without = yuanqu(&args, None);
    yuanqu(&args, Some(&cache));
    replayed(&args, &cache, &without);
    let entry = output_entries(&cache).remove(0);
    for (kind, bytes) in breakages_of(&std::fs::read(&entry).unwrap()) {
        std::fs::write(&entry, &bytes).unwrap();
        let with = yuanqu(&args, Some(&cache));
        assert_eq!(stdout(&with), stdout(&without), "{kind}");
        assert_eq!(with.stderr, without.stderr, "{kind}");
        assert_eq!(with.status.code(), without.status.code(), "{kind}");
    }
    // A FIFO where the entry goes is no entry, and is not waited on.
    std::fs::remove_file(&entry).unwrap();
    let made = Command::new("mkfifo").arg(&entry).status();
    if made.is_ok_and(|s| s.success()) {
        let (done, ran) = std::sync::mpsc::channel();
        let (args, cache) = (args.map(String::from), cache.clone());
        std::thread::spawn(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            done.send(yuanqu(&args, Some(&cache)))
        });
        let with = ran.recv_timeout(Duration::from_secs(30));
        let with = with.expect("the command waited on the FIFO");
        assert_eq!(stdout(&with), stdout(&without), "a FIFO");
    }
}

#[test]
fn output_cut_short_by_a_closed_pipe_is_not_kept() {
    let (pages, cache) = archive("whole-pipe");
    // Enough figures that the output outgrows the pipe's buffer.
    for n in 0..300 {
        write_old(
            &pages.join(format!("more-{n}.txt")),
            &page("潍坊高新区", n + 20),
        );
    }
    let p = pages.to_str().unwrap();
    let args = ["figures", "--json", p];
    past_the_racy_margin();
    let without = yuanqu(&args, None);
    assert!(without.stdout.len() > 512 << 10, "{}", without.stdout.len());
    let mut child = Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(args)
        .env("XDG_CACHE_HOME", &cache)
        .env_remove("YUANQU_NO_INDEX")
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut head).unwrap();
    drop(child.stdout.take());
    child.wait().unwrap();
    assert!(
        output_entries(&cache).is_empty(),
        "{:?}",
        output_entries(&cache)
    );
    let with = yuanqu(&args, Some(&cache));
    assert!(with.stdout == without.stdout, "the whole output");
    replayed(&args, &cache, &without);
}

/// The folded search text of every entry for a file under `dir`, changed by `change`.
fn change_search_texts(dir: &Path, change: impl Fn(Vec<u8>) -> Vec<u8>) -> usize {
    let cache = yuanqu::core::index::cache_folder().unwrap();
    let db = rusqlite::Connection::open(cache.join("index.db")).unwrap();
    db.busy_timeout(Duration::from_secs(10)).unwrap();
    let dir = std::path::absolute(dir).unwrap();
    let prefix = format!("{}/%", dir.display());
    let rows: Vec<(i64, Vec<u8>)> = db
        .prepare(
            "SELECT t.file, t.units FROM search_texts AS t JOIN files AS f ON f.id = t.file \
             WHERE CAST(f.path AS TEXT) LIKE ?1",
        )
        .unwrap()
        .query_map([&prefix], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (file, units) in &rows {
        db.execute(
            "UPDATE search_texts SET units = ?1 WHERE file = ?2",
            rusqlite::params![change(units.clone()), file],
        )
        .unwrap();
    }
    rows.len()
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn a_warm_reader_takes_its_search_text_from_the_index_and_parses_a_damaged_one() {
    use yuanqu::core::collection::{LoadProgress, PREVIEW_FILES};
    use yuanqu::core::searchable::load_searchable;
    let dir = tempdir("folded");
    let page = include_str!("../../data/keji-ribao-yuanqu-page.txt");
    let files = PREVIEW_FILES + 6;
    for n in 0..files {
        let name = format!("2024-{:02}-{:02}.txt", 1 + n / 28, 1 + n % 28);
        write_old(
            &dir.join(name),
            &page.replacen("园区", &format!("园区第{n}号"), 1),
        );
    }
    let count = |query: &str| {
        let loaded = load_searchable(
            &IndexPlace::from_env(),
            std::slice::from_ref(&dir),
            &LoadProgress::default(),
            |_| {},
        );
        loaded.search.unwrap().find_all(query).unwrap().len()
    };
    // Cold, then warm: the same matches, once in each page.
    assert_eq!(count("金磁微粒"), files);
    assert_eq!(count("金磁微粒"), files);
    // A word changed in the index's folded texts alone is found in the pages past
    // the preview's (which come with their bodies, and are folded from them).
    let (from, to) = (utf16("金磁微粒"), utf16("银磁微粒"));
    let changed = change_search_texts(&dir, |units| {
        let at = units.windows(from.len()).position(|w| w == from).unwrap();
        let mut units = units;
        units[at..at + to.len()].copy_from_slice(&to);
        units
    });
    assert_eq!(changed, files);
    assert_eq!(count("银磁微粒"), files - PREVIEW_FILES);
    assert_eq!(count("金磁微粒"), PREVIEW_FILES);
    // Damaged folded texts: those pages are parsed again, and found as they are.
    change_search_texts(&dir, |_| vec![1, 2, 3]);
    assert_eq!(count("金磁微粒"), files);
    assert_eq!(count("银磁微粒"), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_replayed_output_that_cannot_be_written_is_an_error_as_a_run_is() {
    let (pages, cache) = archive("full-disk");
    let p = pages.to_str().unwrap();
    past_the_racy_margin();
    let to_full_disk = |cache: Option<&Path>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_yuanqu"));
        command
            .args(["list", "--json", p])
            .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
            .stdout(std::fs::File::create("/dev/full").expect("/dev/full"));
        match cache {
            Some(cache) => command.env("XDG_CACHE_HOME", cache),
            None => command.env("YUANQU_NO_INDEX", "1"),
        };
        command.output().expect("run yuanqu")
    };
    let run = to_full_disk(None);
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(said.contains("cannot write output"), "{said}");
    // The entry made by a run that could write, then replayed to a full disk.
    assert!(yuanqu(&["list", "--json", p], Some(&cache))
        .status
        .success());
    assert_eq!(output_entries(&cache).len(), 1);
    let replayed = to_full_disk(Some(&cache));
    assert_eq!(replayed.status.code(), Some(1));
    assert_eq!(replayed.stderr, run.stderr);
}
