//! The command line as a user runs it: output shapes, exit codes, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yuanqu::core::collection::Collection;

fn yuanqu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(args)
        .env("NO_COLOR", "1")
        // The user's own configuration must not change what is checked.
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .output()
        .expect("run yuanqu")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn seed() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/keji-ribao-yuanqu-page.txt")
        .display()
        .to_string()
}

/// A fresh folder for one test (names are unique across the cli tests).
pub(crate) fn tempdir(name: &str) -> PathBuf {
    crate::private_folder::test_folder(&format!("cli-{name}"))
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn parse_prints_the_documented_json() {
    let o = yuanqu(&["parse", &seed()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let articles = v["articles"].as_array().unwrap();
    let seed_articles = Collection::builtin()
        .articles
        .iter()
        .filter(|a| a.source == "keji-ribao-yuanqu-page.txt")
        .count();
    assert_eq!(articles.len(), seed_articles);
    for key in [
        "id",
        "title",
        "subtitle",
        "column",
        "park",
        "byline",
        "blocks",
        "truncated",
        "figures",
    ] {
        assert!(articles[0].get(key).is_some(), "missing key {key}");
    }
    for key in ["raw", "reporters", "correspondents"] {
        assert!(
            articles[0]["byline"].get(key).is_some(),
            "missing byline key {key}"
        );
    }
    let block = &articles[0]["blocks"][0];
    for key in ["kind", "text", "credit"] {
        assert!(block.get(key).is_some(), "missing block key {key}");
    }
    assert_eq!(articles[5]["truncated"], true);
}

#[test]
fn toml_round_trip_loads_the_corrected_file() {
    let o = yuanqu(&["parse", &seed(), "--format", "toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = tempdir("toml");
    let edited = stdout(&o).replacen(
        "赣州高新区打造稀土新材料高地",
        "赣州高新区打造稀土新材料高地（修订）",
        1,
    );
    std::fs::write(dir.join("page.toml"), edited).unwrap();
    let o = yuanqu(&["list", "--json", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let seed_parks = Collection::load(&[PathBuf::from(seed())]).parks.len();
    assert_eq!(v["parks"].as_array().unwrap().len(), seed_parks);
    assert_eq!(
        v["parks"][0]["articles"][0]["title"],
        "赣州高新区打造稀土新材料高地（修订）"
    );
    // The ids written in the file are kept, so the command line still finds them.
    let original: serde_json::Value =
        serde_json::from_str(&stdout(&yuanqu(&["parse", &seed()]))).unwrap();
    assert_eq!(
        v["parks"][0]["articles"][0]["id"],
        original["articles"][0]["id"]
    );
}

#[test]
fn hand_written_single_article_toml() {
    let dir = tempdir("hand");
    std::fs::write(
        dir.join("a.toml"),
        r#"title = "成都高新区发布新政"
park = "成都高新区"
[[blocks]]
kind = "paragraph"
text = "成都高新区日前发布支持政策，最高给予1000万元奖励。"
"#,
    )
    .unwrap();
    let o = yuanqu(&["list", "--json", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["parks"][0]["name"], "成都高新区");
    assert_eq!(v["parks"][0]["articles"][0]["title"], "成都高新区发布新政");
}

#[test]
fn list_shows_the_six_parks() {
    let o = yuanqu(&["list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for park in [
        "赣州高新区",
        "鄂尔多斯",
        "大同",
        "沈抚",
        "贵阳综合保税区",
        "西安高新区",
    ] {
        assert!(out.contains(park), "{park} missing from\n{out}");
    }
    assert_eq!(
        out.lines().filter(|l| !l.starts_with(' ')).count(),
        Collection::builtin().parks.len()
    );
}

#[test]
fn missing_file_is_bad_input_naming_it() {
    let o = yuanqu(&["parse", "/no/such/page.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/page.txt"));
    assert!(stderr(&o).contains("no such file"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(yuanqu(&["parse"]).status.code(), Some(2));
    assert_eq!(
        yuanqu(&["parse", "x", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(yuanqu(&["--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn folders_fifos_binaries_and_broken_toml() {
    let dir = tempdir("bad");
    std::fs::write(
        dir.join("good.txt"),
        "## 杭州高新区发布新政\n\n◎本报记者 张三\n\n杭州高新区日前发布新政。\n",
    )
    .unwrap();
    std::fs::write(dir.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("broken.toml"), "title = \"缺引号\n[[blocks]]\n").unwrap();
    std::fs::write(
        dir.join("unknown.toml"),
        "title = \"标题\"\nauthor = \"某人\"\n",
    )
    .unwrap();
    let fifo = dir.join("pipe.txt");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let o = yuanqu(&["list", dir.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "broken files make the exit status 1"
    );
    assert!(stdout(&o).contains("杭州高新区"), "the rest still loads");
    assert!(err.contains("image.txt") && err.contains("binary"), "{err}");
    assert!(
        err.contains("broken.toml") && err.contains("line 1"),
        "{err}"
    );
    assert!(
        err.contains("unknown.toml") && err.contains("author"),
        "{err}"
    );
    if made_fifo {
        assert!(
            err.contains("pipe.txt") && err.contains("not a regular file"),
            "{err}"
        );
        // Named directly, a FIFO is refused, not opened (which would hang).
        let o = yuanqu(&["parse", fifo.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
    }
    let o = yuanqu(&["parse", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a regular file"));
}

#[test]
fn oversized_files_are_skipped() {
    let dir = tempdir("big");
    let f = std::fs::File::create(dir.join("huge.txt")).unwrap();
    f.set_len(17 * 1024 * 1024).unwrap();
    let o = yuanqu(&["list", dir.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("huge.txt") && stderr(&o).contains("limit"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "a skipped file is a warning, not an error"
    );
}

#[test]
fn hostile_text_never_reaches_the_output() {
    let dir = tempdir("hostile");
    let page = "## 标题\u{1b}]0;pwned\u{7}\n\n◎本报记者 张三\u{202e}\n\n正文\u{1b}[2J\u{9b}31m内容\u{200b}。\n";
    let path = dir.join("evil\u{1b}[31m.txt");
    std::fs::write(&path, page).unwrap();
    let o = yuanqu(&["parse", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("\\u001b") && !has_control(&out), "{out}");
    assert!(!out.contains('\u{202e}') && !out.contains('\u{200b}'));
    let o = yuanqu(&["parse", dir.join("missing\u{1b}[2J.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!has_control(&stderr(&o)), "{:?}", stderr(&o));
    let o = yuanqu(&["list", dir.to_str().unwrap()]);
    assert!(!has_control(&stdout(&o)));
}

#[test]
fn read_prints_rows_within_the_width() {
    let list = stdout(&yuanqu(&["list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = v["parks"][0]["articles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = yuanqu(&["read", &id, "--width", "31"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("赣州高新区打造稀土新材料高地"));
    for line in out.lines() {
        assert!(
            yuanqu::core::layout::str_width(line, Default::default()) <= 31,
            "{line}"
        );
    }
    assert_eq!(yuanqu(&["read", "nope"]).status.code(), Some(1));
}

#[test]
fn commands_honour_the_config() {
    let dir = tempdir("config");
    let config = dir.join("c.toml");
    std::fs::write(&config, "[layout]\nparagraph_indent = 0\n").unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&yuanqu(&["list", "--json"]))).unwrap();
    let id = list["parks"][0]["articles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let indented = stdout(&yuanqu(&["read", &id, "--width", "40"]));
    assert!(
        indented.lines().any(|l| l.starts_with("    近日")),
        "{indented}"
    );
    let flat = stdout(&yuanqu(&[
        "--config",
        config.to_str().unwrap(),
        "read",
        &id,
        "--width",
        "40",
    ]));
    assert!(flat.lines().any(|l| l.starts_with("近日")), "{flat}");
    // The configured data paths replace the built-in collection.
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("p.txt"),
        "## 长沙高新区发布新政\n\n◎本报记者 张三\n\n长沙高新区日前发布新政。\n",
    )
    .unwrap();
    std::fs::write(
        &config,
        format!("[data]\npaths = [{:?}]\n", pages.display().to_string()),
    )
    .unwrap();
    let o = yuanqu(&["--config", config.to_str().unwrap(), "list"]);
    assert!(
        stdout(&o).contains("长沙高新区") && !stdout(&o).contains("赣州"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_or_missing_config_is_bad_input_for_every_command() {
    let o = yuanqu(&["--config", "/no/such/config.toml", "list"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/no/such/config.toml"),
        "{}",
        stderr(&o)
    );
    let dir = tempdir("badconfig");
    let config = dir.join("c.toml");
    std::fs::write(&config, "[layout]\nno_such_setting = 1\n").unwrap();
    let o = yuanqu(&["--config", config.to_str().unwrap(), "read", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("c.toml") && stderr(&o).contains('2'),
        "{}",
        stderr(&o)
    );
}

#[test]
fn read_refuses_widths_a_chinese_char_cannot_fit() {
    assert_eq!(
        yuanqu(&["read", "x", "--width", "1"]).status.code(),
        Some(2)
    );
    assert_eq!(
        yuanqu(&["read", "x", "--width", "0"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_file_with_no_articles_is_mentioned_but_not_an_error() {
    let dir = tempdir("empty");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "## 杭州高新区发布新政\n\n◎本报记者 张三\n\n杭州高新区日前发布新政。\n",
    )
    .unwrap();
    let o = yuanqu(&["list", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("empty.txt") && stderr(&o).contains("no articles"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn parse_gives_a_toml_article_its_id() {
    let dir = tempdir("toml-id");
    let path = dir.join("a.toml");
    std::fs::write(
        &path,
        "title = \"成都高新区发布新政\"\n[[blocks]]\nkind = \"paragraph\"\ntext = \"成都高新区日前发布新政。\"\n",
    )
    .unwrap();
    let o = yuanqu(&["parse", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let listed: serde_json::Value = serde_json::from_str(&stdout(&yuanqu(&[
        "list",
        "--json",
        path.to_str().unwrap(),
    ])))
    .unwrap();
    let id = parsed["articles"][0]["id"].as_str().unwrap();
    assert!(!id.is_empty());
    assert_eq!(id, listed["parks"][0]["articles"][0]["id"]);
}

#[test]
fn an_oversized_file_named_alone_is_an_error() {
    let dir = tempdir("big-alone");
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    for command in ["list", "figures"] {
        let o = yuanqu(&[command, huge.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{command}");
        assert!(
            stderr(&o).contains("huge.txt") && stderr(&o).contains("limit"),
            "{command}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn list_keeps_titles_in_one_column_whatever_the_id() {
    // Twelve items with one headline: ids up to `-12`, longer than the plain ones.
    let dir = tempdir("align");
    let page: String = (1..=12)
        .map(|i| format!("## 园区简讯\n\n◎本报记者 张三\n\n杭州高新区第{i}项工作启动。\n\n"))
        .collect();
    std::fs::write(dir.join("p.txt"), page).unwrap();
    let out = stdout(&yuanqu(&["list", dir.to_str().unwrap()]));
    let columns: Vec<usize> = out
        .lines()
        .filter(|l| l.starts_with(' '))
        .map(|l| l.find("园区简讯").unwrap())
        .collect();
    assert_eq!(columns.len(), 12, "{out}");
    assert!(columns.iter().all(|&c| c == columns[0]), "{out}");
    assert!(out.contains("-12 "), "{out}");
}

/// `| head` closes the pipe: every output form stops quietly with status 0.
#[test]
fn a_closed_pipe_ends_output_quietly() {
    // Output larger than any writer's buffer, so the failed write comes mid-way too.
    let dir = tempdir("closed-pipe");
    let page = std::fs::read_to_string(seed()).unwrap();
    for n in 0..12 {
        std::fs::write(
            dir.join(format!("copy-{n}.txt")),
            format!("{page}\n第{n}版\n"),
        )
        .unwrap();
    }
    let dir = dir.display().to_string();
    for command in [
        &["figures", "--json"][..],
        &["figures", "--csv"],
        &["figures"],
        &["list", "--json"],
        &["list"],
    ] {
        let args: Vec<&str> = command.iter().copied().chain([dir.as_str()]).collect();
        // The reading end is closed before the command starts, so its first write fails.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_yuanqu"))
            .args(&args)
            .env_remove("YUANQU_CONFIG")
            .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
            .stdout(writer)
            .output()
            .expect("run yuanqu");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}
