//! Command-line options that behave alike across commands: which commands read which
//! part of the configuration, `--format`, `parse -`, `read`'s width through a pipe.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::cli::{seed, tempdir};

fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yuanqu"));
    c.env("NO_COLOR", "1")
        .env_remove("YUANQU_CONFIG")
        .env_remove("COLUMNS")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config");
    c
}

fn run(args: &[&str]) -> Output {
    command().args(args).output().expect("run yuanqu")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn first_id() -> String {
    let list: serde_json::Value =
        serde_json::from_slice(&run(&["list", "--json"]).stdout).expect("list --json is JSON");
    list["parks"][0]["articles"][0]["id"]
        .as_str()
        .expect("an id")
        .to_string()
}

#[test]
fn broken_keys_or_theme_never_stop_the_commands() {
    let dir = tempdir("keys");
    let config = dir.join("c.toml");
    std::fs::write(
        &config,
        "[keys]\nteleport = [\"t\"]\nzoom = [\"hyper-z\"]\n[theme]\nfigure = { fg = \"mauve\" }\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let id = first_id();
    for args in [
        vec!["--config", config, "parse", &seed()],
        vec!["--config", config, "list"],
        vec!["--config", config, "figures"],
        vec!["--config", config, "read", &id, "--width", "40"],
    ] {
        let o = run(&args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn parse_reads_no_configuration() {
    let o = run(&["--config", "/no/such/config.toml", "parse", &seed()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn a_wrong_type_in_the_config_is_said_in_words() {
    let dir = tempdir("type");
    let config = dir.join("c.toml");
    std::fs::write(&config, "[layout]\nreading_width = \"wide\"\n").unwrap();
    let o = run(&["--config", config.to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("c.toml:2"), "{err}");
    assert!(
        !err.contains("usize") && err.contains("whole number"),
        "{err}"
    );
}

#[test]
fn format_json_is_accepted_by_every_command_that_prints_json() {
    for cmd in ["list", "figures"] {
        let by_flag = run(&[cmd, "--json"]);
        let by_format = run(&[cmd, "--format", "json"]);
        assert!(
            by_format.status.success(),
            "{cmd}: {}",
            text(&by_format.stderr)
        );
        assert_eq!(by_flag.stdout, by_format.stdout, "{cmd}");
        let plain = run(&[cmd, "--format", "text"]);
        assert!(plain.status.success());
        assert_ne!(plain.stdout, by_format.stdout, "{cmd}");
        assert_eq!(run(&[cmd, "--format", "yaml"]).status.code(), Some(2));
    }
}

#[test]
fn parse_dash_reads_a_page_from_standard_input() {
    let mut child = command()
        .args(["parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let page =
        "## 长沙高新区发布新政\n\n◎本报记者 张三\n\n长沙高新区日前发布新政，首期投入3亿元。\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(page.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["articles"][0]["title"], "长沙高新区发布新政");
    assert_eq!(v["articles"][0]["byline"]["reporters"][0], "张三");
}

#[test]
fn parse_toml_writes_fields_in_reading_order() {
    let o = run(&["parse", &seed(), "--format", "toml"]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    let first = out.split("[[articles]]").nth(1).expect("an article");
    let at = |key: &str| {
        first
            .find(key)
            .unwrap_or_else(|| panic!("{key} missing in {first}"))
    };
    assert!(at("\nid = ") < at("\ntitle = "));
    assert!(
        at("\ntitle = ") < at("\nsubtitle = "),
        "title before subtitle"
    );
    assert!(
        at("[articles.byline]") < at("[[articles.blocks]]"),
        "the byline before the blocks"
    );
}

#[test]
fn read_takes_its_width_from_columns_when_piped() {
    let id = first_id();
    // stdout is a pipe here and tests have no controlling terminal to ask.
    let o = command()
        .args(["read", &id])
        .env("COLUMNS", "50")
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let widest = out
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!(widest <= 50 && widest > 40, "widest row {widest}");
}

#[test]
fn reading_width_zero_means_no_limit_as_in_the_config() {
    let id = first_id();
    let unlimited = run(&["read", &id, "--width", "120", "--reading-width", "0"]);
    assert!(unlimited.status.success(), "{}", text(&unlimited.stderr));
    let limited = run(&["read", &id, "--width", "120", "--reading-width", "40"]);
    let widest = |o: &Output| {
        text(&o.stdout)
            .lines()
            .map(|l| unicode_width::UnicodeWidthStr::width(l.trim_start()))
            .max()
            .unwrap_or(0)
    };
    assert!(widest(&unlimited) > 80, "{}", widest(&unlimited));
    assert!(widest(&limited) <= 40);
    assert_eq!(
        run(&["read", &id, "--reading-width", "1"]).status.code(),
        Some(2)
    );
}
