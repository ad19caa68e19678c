//! Listing entries (src/core/list_rows.rs): `list --json` and `list` after pages
//! changed are put together from the rows kept for the rest, and print what a run
//! without any index prints, whatever changed.

use std::path::{Path, PathBuf};

use crate::index::{
    archive, breakages_of, entries_in, index_db, page, past_the_racy_margin, stdout, write_old,
    yuanqu,
};

/// The listing entries (`lists/`) in `cache`.
fn list_entries(cache: &Path) -> Vec<PathBuf> {
    entries_in(cache, "lists")
}

/// How many files the index holds an entry for (none: no index made).
fn indexed_files(cache: &Path) -> i64 {
    if !index_db(cache).exists() {
        return 0;
    }
    let db = rusqlite::Connection::open(index_db(cache)).unwrap();
    db.query_row("SELECT count(*) FROM files", [], |r| r.get(0))
        .unwrap()
}

/// Delete the index (not the listing entries), so that what the next run parses
/// is what the index then holds.
fn without_index(cache: &Path) {
    for end in ["", "-wal", "-shm"] {
        let mut db = index_db(cache).into_os_string();
        db.push(end);
        let _ = std::fs::remove_file(db);
    }
}

/// `list --json` with the cache prints what it prints without an index, and says
/// the same on stderr, with the same status.
fn same_as_without(args: &[&str], cache: &Path, what: &str) -> String {
    let without = yuanqu(args, None);
    let with = yuanqu(args, Some(cache));
    assert_eq!(stdout(&with), stdout(&without), "{what}");
    assert_eq!(
        String::from_utf8_lossy(&with.stderr),
        String::from_utf8_lossy(&without.stderr),
        "{what}"
    );
    assert_eq!(with.status.code(), without.status.code(), "{what}");
    stdout(&with)
}

/// A page of one article under `title`, about `park`.
fn one_article(title: &str, park: &str, n: u32) -> String {
    format!("## {title}\n\n◎本报记者 钱七\n\n{park}日前宣布新建孵化器{n}座，入驻企业{n}0家。\n")
}

#[test]
fn a_listing_after_pages_changed_reads_only_them_and_prints_what_a_whole_load_does() {
    patched_listing_prints_what_a_whole_load_does("rows-patched", &["--json"]);
}

#[test]
fn a_text_listing_after_pages_changed_reads_only_them_too() {
    patched_listing_prints_what_a_whole_load_does("rows-patched-text", &[]);
}

/// `list` with `options` over an archive changed six ways in turn.
fn patched_listing_prints_what_a_whole_load_does(name: &str, options: &[&str]) {
    let (pages, cache) = archive(name);
    let p = pages.to_str().unwrap();
    let args: Vec<&str> = ["list"]
        .iter()
        .chain(options)
        .chain([&p])
        .copied()
        .collect();
    let args = args.as_slice();
    past_the_racy_margin();
    same_as_without(args, &cache, "the first run");
    assert_eq!(list_entries(&cache).len(), 1, "the rows are kept");
    let same_day = pages.join("2024-07-04-b.txt");
    let edited = pages.join("2024/07/14.txt");
    let fuller = pages.join("2024-07-20-c.txt");
    // What each change writes to a page, or `None`: the page is removed.
    let changes = [
        // The headline of an article of another page, on its day: ids clash, and
        // the one whose text hashes lower keeps the id.
        (
            "a clashing headline added",
            &same_day,
            Some(one_article("株洲高新区新材料产业加速集聚", "株洲高新区", 7)),
        ),
        ("a page edited", &edited, Some(page("柳州高新区", 41))),
        // The fuller name of a park met before: the park's group takes it.
        (
            "a fuller name of a park",
            &fuller,
            Some(one_article("宁德东侨高新区再添新兵", "宁德东侨高新区", 5)),
        ),
        ("the clashing headline removed", &same_day, None),
        ("the fuller name removed", &fuller, None),
        (
            "a page rewritten to another park",
            &edited,
            Some(page("烟台高新区", 2)),
        ),
    ];
    // The pages changed since the entry was made are too young to be kept in it
    // (the racy rule): they are read on every run, and nothing else is.
    let mut young = std::collections::BTreeSet::new();
    for (what, path, text) in changes {
        match text {
            Some(text) => {
                write_old(path, &text);
                young.insert(path);
            }
            None => {
                std::fs::remove_file(path).unwrap();
                young.remove(path);
            }
        }
        without_index(&cache);
        same_as_without(args, &cache, what);
        assert_eq!(
            indexed_files(&cache),
            young.len() as i64,
            "{what}: {young:?}"
        );
    }
}

#[test]
fn the_clash_and_the_fuller_name_show_in_the_listing() {
    // The cases above must reach what they are about: a suffixed id, one group.
    let (pages, cache) = archive("rows-cases");
    let p = pages.to_str().unwrap();
    write_old(
        &pages.join("2024-07-04-b.txt"),
        &one_article("株洲高新区新材料产业加速集聚", "株洲高新区", 7),
    );
    write_old(
        &pages.join("2024-07-20-c.txt"),
        &one_article("宁德东侨高新区再添新兵", "宁德东侨高新区", 5),
    );
    let listing = same_as_without(&["list", "--json", p], &cache, "clash and fuller name");
    assert!(listing.contains("-2\","), "a suffixed id:\n{listing}");
    assert!(
        listing.contains("\"name\": \"宁德东侨高新区\""),
        "{listing}"
    );
    assert!(!listing.contains("\"name\": \"宁德高新区\""), "{listing}");
}

/// A change to an archive, named for the assertion messages.
type Change<'a> = (&'a str, Box<dyn Fn() + 'a>);

#[test]
fn what_a_whole_load_would_warn_of_is_left_to_it() {
    let (pages, cache) = archive("rows-warnings");
    let p = pages.to_str().unwrap();
    let args = ["list", "--json", p];
    past_the_racy_margin();
    same_as_without(&args, &cache, "the first run");
    let empty = pages.join("2024-07-21-empty.txt");
    let copy = pages.join("2024-07-22-copy.txt");
    let changes: [Change; 4] = [
        (
            "a page with no articles",
            Box::new(|| write_old(&empty, "")),
        ),
        (
            "the empty page gone",
            Box::new(|| std::fs::remove_file(&empty).unwrap()),
        ),
        (
            "a copy of a page",
            Box::new(|| {
                let text = std::fs::read_to_string(pages.join("2024-07-03-a.txt")).unwrap();
                write_old(&copy, &text)
            }),
        ),
        (
            "the copy gone",
            Box::new(|| std::fs::remove_file(&copy).unwrap()),
        ),
    ];
    for (what, change) in changes {
        change();
        same_as_without(&args, &cache, what);
    }
}

#[test]
fn a_page_changed_within_the_racy_margin_is_listed_but_not_kept() {
    let (pages, cache) = archive("rows-racy");
    let p = pages.to_str().unwrap();
    let args = ["list", "--json", p];
    past_the_racy_margin();
    same_as_without(&args, &cache, "the first run");
    let young = pages.join("2024-07-23-young.txt");
    std::fs::write(
        &young,
        one_article("潍坊高新区新建中试基地", "潍坊高新区", 3),
    )
    .unwrap();
    let listing = same_as_without(&args, &cache, "a page written just now");
    assert!(listing.contains("潍坊高新区新建中试基地"));
    let entry = std::fs::read(&list_entries(&cache)[0]).unwrap();
    let name = young.file_name().unwrap().to_string_lossy().into_owned();
    let kept = memchr::memmem::find(&entry, name.as_bytes()).is_some();
    assert!(!kept, "a page that young is read again next time");
}

#[test]
fn a_damaged_listing_entry_gives_the_output_of_no_index() {
    let (pages, cache) = archive("rows-broken");
    let p = pages.to_str().unwrap();
    let args = ["list", "--json", p];
    past_the_racy_margin();
    same_as_without(&args, &cache, "the first run");
    let entry = list_entries(&cache).remove(0);
    let breakages = breakages_of(&std::fs::read(&entry).unwrap());
    for (n, (kind, bytes)) in breakages.into_iter().enumerate() {
        // A page changed, so that the whole-command entry is not replayed.
        write_old(
            &pages.join("2024/07/15.txt"),
            &page("襄阳高新区", 50 + n as u32),
        );
        past_the_racy_margin();
        std::fs::write(&entry, &bytes).unwrap();
        same_as_without(&args, &cache, kind);
        assert_ne!(
            std::fs::read(&entry).unwrap(),
            bytes,
            "{kind}: written anew"
        );
    }
    // A FIFO where the entry goes is no entry, and is not waited on.
    std::fs::remove_file(&entry).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&entry).status();
    if made.is_ok_and(|s| s.success()) {
        write_old(&pages.join("2024/07/15.txt"), &page("襄阳高新区", 90));
        past_the_racy_margin();
        let without = yuanqu(&args, None);
        let (done, ran) = std::sync::mpsc::channel();
        let (args, cache) = (args.map(String::from), cache.clone());
        std::thread::spawn(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            done.send(yuanqu(&args, Some(&cache)))
        });
        let with = ran.recv_timeout(std::time::Duration::from_secs(30));
        let with = with.expect("the command waited on the FIFO");
        assert_eq!(stdout(&with), stdout(&without), "a FIFO");
    }
}

#[test]
fn a_listing_kept_to_parks_or_dates_is_put_together_from_the_rows_too() {
    let (pages, cache) = archive("rows-selected");
    let p = pages.to_str().unwrap();
    past_the_racy_margin();
    same_as_without(&["list", "--json", p], &cache, "the first run");
    same_as_without(&["list", p], &cache, "the first text run");
    write_old(
        &pages.join("2024/07/14.txt"),
        &one_article("柳州高新区新建智能网联汽车测试场", "柳州高新区", 4),
    );
    let selections: [&[&str]; 6] = [
        &["--park", "柳州"],
        &["--park", "liuzhou"],
        &["--since", "2024-07-10", "--until", "2024-07-20"],
        &["--park", "宁德", "--since", "2030"],
        &["--park", "没有这个园区"],
        &["--until", "2024-07-04"],
    ];
    for selection in selections {
        for json in [true, false] {
            let mut args = vec!["list"];
            args.extend(json.then_some("--json"));
            args.extend(selection);
            args.push(p);
            without_index(&cache);
            same_as_without(&args, &cache, &format!("{args:?}"));
            let parsed = indexed_files(&cache);
            assert!(
                parsed <= 1,
                "{args:?}: {parsed} pages parsed, not only the changed one"
            );
        }
    }
}

/// The inode and mtime of the one listing entry in `cache`: which file it is.
fn entry_identity(cache: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let entries = list_entries(cache);
    assert_eq!(entries.len(), 1, "{entries:?}");
    let meta = std::fs::metadata(&entries[0]).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

#[test]
fn a_few_pages_changed_leave_the_entry_as_it_is_and_more_have_it_written_anew() {
    let (pages, cache) = archive("rows-deferred");
    let p = pages.to_str().unwrap();
    let args = ["list", "--json", p];
    past_the_racy_margin();
    same_as_without(&args, &cache, "the first run");
    let first = entry_identity(&cache);
    // One page changed, and old enough to be kept: read again on each run, the
    // entry left as it is.
    write_old(&pages.join("2024/07/14.txt"), &page("烟台高新区", 8));
    past_the_racy_margin();
    let listing = same_as_without(&args, &cache, "one page changed");
    assert!(listing.contains("烟台高新区"));
    assert_eq!(entry_identity(&cache), first, "one page changed");
    same_as_without(&args, &cache, "the run after");
    // Five pages changed: more than may be read again each time.
    for (n, park) in [
        "日照高新区",
        "威海高新区",
        "潍坊高新区",
        "淄博高新区",
        "东营高新区",
    ]
    .iter()
    .enumerate()
    {
        let name = ["2024-07-03-a.txt", "2024-07-04-a.txt", "2024-07-05-a.txt"];
        let path = match name.get(n) {
            Some(name) => pages.join(name),
            None => pages.join(format!("2024/07/{}.txt", n + 10)),
        };
        write_old(&path, &page(park, n as u32 + 20));
    }
    past_the_racy_margin();
    let listing = same_as_without(&args, &cache, "five pages changed");
    assert!(listing.contains("东营高新区"));
    assert_ne!(entry_identity(&cache), first, "five pages changed");
}
