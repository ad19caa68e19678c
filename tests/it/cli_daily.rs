//! The daily-use options of the commands: --park --since --until --unread
//! --starred on `list` and `figures`, and the edges a daily reader hits.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::cli::tempdir;

/// yuanqu with no user configuration and its state in `state_home`.
fn yuanqu_in(state_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .env("XDG_STATE_HOME", state_home)
        .output()
        .expect("run yuanqu")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One article in a page's structure: two stacked headings, a byline, paragraphs.
fn page(title: &str, subtitle: &str, body: &str) -> String {
    format!("## {title}\n\n## {subtitle}\n\n◎本报记者 周明\n\n{body}\n")
}

/// Three dated pages and one undated, about three parks.
fn archive(name: &str) -> PathBuf {
    let dir = tempdir(name);
    let pages = [
        (
            "2024-07-30.txt",
            page(
                "赣州高新区新材料项目集中开工",
                "总投资超过30亿元",
                "赣州高新区日前举行项目集中开工仪式，12个项目总投资超过30亿元。",
            ),
        ),
        (
            "2024-06-03.txt",
            page(
                "西安高新区光子产业再添新军",
                "年产值有望达到8亿元",
                "西安高新区一家光子企业新厂房投产，年产值有望达到8亿元。",
            ),
        ),
        (
            "2023-11-20.txt",
            page(
                "赣州高新区人才公寓交付",
                "可容纳600户",
                "赣州高新区人才公寓正式交付，可容纳600户青年人才入住。",
            ),
        ),
        (
            "notes.txt",
            page(
                "成都高新区发布算力券",
                "单家企业最高500万元",
                "成都高新区发布算力券政策，单家企业每年最多补助500万元。",
            ),
        ),
    ];
    for (file, text) in pages {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn titles(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().last())
        .collect()
}

#[test]
fn list_by_park_name_pinyin_and_date() {
    let dir = archive("daily-list");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let o = yuanqu_in(&state, &["list", d, "--park", "ganzhou"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(
        titles(&out(&o)),
        ["赣州高新区新材料项目集中开工", "赣州高新区人才公寓交付"]
    );
    let o = yuanqu_in(&state, &["list", d, "--since", "2024"]);
    assert_eq!(
        titles(&out(&o)),
        ["赣州高新区新材料项目集中开工", "西安高新区光子产业再添新军"]
    );
    // --until covers the whole month it names; the undated page is left out.
    let o = yuanqu_in(&state, &["list", d, "--until", "2024-06"]);
    let listed = out(&o);
    let mut found = titles(&listed);
    found.sort();
    assert_eq!(
        found,
        ["西安高新区光子产业再添新军", "赣州高新区人才公寓交付"]
    );
    let o = yuanqu_in(
        &state,
        &[
            "list",
            d,
            "--park",
            "赣州",
            "--since",
            "2024-07-30",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["parks"].as_array().unwrap().len(), 1);
    assert_eq!(v["parks"][0]["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn a_park_or_date_nobody_has_is_an_error_naming_it() {
    let dir = archive("daily-bad");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let o = yuanqu_in(&state, &["list", d, "--park", "深圳"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("`深圳`"), "{}", err(&o));
    let o = yuanqu_in(&state, &["figures", d, "--since", "2024-13"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("`2024-13`"), "{}", err(&o));
}

#[test]
fn unread_and_starred_come_from_the_state_file() {
    let dir = archive("daily-marks");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let all = yuanqu_in(&state, &["list", d, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&all)).unwrap();
    let id_of = |title: &str| {
        v["parks"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["articles"].as_array().unwrap())
            .find(|a| a["title"] == title)
            .map(|a| a["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let read = id_of("西安高新区光子产业再添新军");
    let starred = id_of("成都高新区发布算力券");
    std::fs::create_dir_all(state.join("yuanqu")).unwrap();
    std::fs::write(
        state.join("yuanqu/state.json"),
        format!(
            r#"{{"version": 1, "articles": {{"{read}": {{"read": true, "read_changed": 5}},
               "{starred}": {{"starred": true, "starred_changed": 6}}}}}}"#
        ),
    )
    .unwrap();
    let o = yuanqu_in(&state, &["list", d, "--starred"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(titles(&out(&o)), ["成都高新区发布算力券"]);
    let o = yuanqu_in(&state, &["list", d, "--unread"]);
    assert_eq!(titles(&out(&o)).len(), 3);
    assert!(!out(&o).contains("西安"), "{}", out(&o));
    let o = yuanqu_in(&state, &["figures", d, "--starred", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let figures = v["figures"].as_array().unwrap();
    assert!(!figures.is_empty());
    assert!(figures.iter().all(|f| f["article"] == starred.as_str()));
}

#[test]
fn figures_by_park_and_date() {
    let dir = archive("daily-figures");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let o = yuanqu_in(&state, &["figures", d, "--park", "xa", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let figures = v["figures"].as_array().unwrap();
    assert!(!figures.is_empty());
    assert!(
        figures.iter().all(|f| f["park"] == "西安高新区"),
        "{figures:?}"
    );
    let o = yuanqu_in(&state, &["figures", d, "--since", "2024-07", "--csv"]);
    let csv = out(&o);
    assert!(
        csv.lines().skip(1).all(|l| l.contains("2024-07-30")),
        "{csv}"
    );
    assert!(csv.lines().count() > 1);
}

#[test]
fn an_empty_folder_is_said_and_is_bad_input() {
    let dir = tempdir("daily-empty");
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    for command in ["list", "figures"] {
        let o = yuanqu_in(&dir, &[command, empty.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{command}");
        assert!(err(&o).contains("nothing found under it"), "{}", err(&o));
        assert!(err(&o).contains("empty"), "{}", err(&o));
    }
}

#[test]
fn figures_filter_terms_park_date_and_unknown() {
    let dir = archive("daily-filter");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let o = yuanqu_in(&state, &["figures", d, "--filter", "moeny"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("`moeny`"), "{}", err(&o));
    assert!(out(&o).is_empty());
    let o = yuanqu_in(
        &state,
        &[
            "figures",
            d,
            "--filter",
            "元>=10亿元 park:赣州 date>=2024",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let texts: Vec<&str> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["超过30亿元"]);
}

#[test]
fn the_figures_text_has_park_date_and_title_and_percent_as_the_reader_shows_it() {
    let dir = tempdir("daily-figures-text");
    std::fs::write(
        dir.join("2024-05-06.txt"),
        page(
            "西安高新区外贸稳中有进",
            "进出口总额同比增长",
            "西安高新区一季度进出口总额同比增长20%，其中出口增长12.5%。",
        ),
    )
    .unwrap();
    let o = yuanqu_in(&dir, &["figures", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["park", "date", "article", "figure", "value", "bound", "kind", "title", "context"]
    );
    let cells: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|cells| cells.get(3) == Some(&"20%"))
        .expect("the 20% row");
    assert_eq!(cells[0], "西安高新区");
    assert_eq!(cells[1], "2024-05-06");
    assert_eq!(cells[3], "20%");
    assert_eq!(
        cells[4], "20%",
        "the value as the reader prints it, not 0.2"
    );
    assert_eq!(cells[7], "西安高新区外贸稳中有进");
    assert!(text.contains("12.5%") && !text.contains(" 0.2 "), "{text}");
}

#[test]
fn parse_from_standard_input_gives_ids_as_for_a_file() {
    use std::io::Write;
    let dir = tempdir("daily-stdin");
    let text = page(
        "郑州航空港区物流枢纽扩容",
        "新增货位3000个",
        "郑州航空港区物流枢纽扩容完成。",
    );
    let file = dir.join("page.txt");
    std::fs::write(&file, &text).unwrap();
    let from_file = yuanqu_in(&dir, &["parse", file.to_str().unwrap()]);
    let file_json: serde_json::Value = serde_json::from_str(&out(&from_file)).unwrap();
    let id = file_json["articles"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 6, "{id}");
    for format in ["json", "toml"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yuanqu"))
            .args(["parse", "-", "--format", format])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success());
        let printed = out(&o);
        assert!(printed.contains(&id), "{format}: {printed}");
        assert!(!printed.contains(r#""id": """#) && !printed.contains(r#"id = """#));
    }
}

#[test]
fn a_cap_a_verb_away_bounds_the_figure_without_joining_it() {
    use yuanqu::core::figures::extract_figures;
    use yuanqu::core::{Block, BlockKind, Bound};
    let blocks = [Block::new(
        BlockKind::Paragraph,
        "对新引进的研发机构最高给予1000万元支持，对科技型企业最多补助500万元。",
    )];
    let found: Vec<_> = extract_figures(&blocks)
        .into_iter()
        .map(|f| (f.text, f.value, f.bound))
        .collect();
    assert_eq!(
        found,
        [
            ("1000万元".to_string(), 1e7, Bound::AtMost),
            ("500万元".to_string(), 5e6, Bound::AtMost)
        ]
    );
}

/// The ids of an archive's articles, by title.
fn ids_by_title(state: &Path, dir: &str) -> Vec<(String, String)> {
    let o = yuanqu_in(state, &["list", dir, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    v["parks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["articles"].as_array().unwrap().clone())
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_string(),
                a["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn read_has_a_header_and_takes_a_unique_id_prefix() {
    let dir = archive("daily-read");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let ids = ids_by_title(&state, d);
    let (title, id) = ids
        .iter()
        .find(|(t, _)| t.starts_with("西安"))
        .cloned()
        .unwrap();
    // The shortest prefix no other id starts with.
    let prefix = (1..=id.len())
        .map(|n| &id[..n])
        .find(|p| ids.iter().filter(|(_, i)| i.starts_with(p)).count() == 1)
        .unwrap();
    let o = yuanqu_in(&state, &["read", prefix, d, "--width", "60"]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..6],
        [
            format!("Title: {title}").as_str(),
            "Park: 西安高新区",
            "Date: 2024-06-03",
            "Source: 2024-06-03.txt",
            format!("Id: {id}").as_str(),
            ""
        ]
    );
    // An empty or unknown prefix is no article.
    let o = yuanqu_in(&state, &["read", "zzzzzzz", d]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_id_prefix_several_ids_share_is_an_error_naming_them() {
    let dir = tempdir("daily-prefix");
    // Enough articles that two ids share a first character.
    for n in 0..40 {
        std::fs::write(
            dir.join(format!("p{n}.txt")),
            page(&format!("第{n}号园区新闻稿"), "副标题", "园区开展活动。"),
        )
        .unwrap();
    }
    let d = dir.to_str().unwrap();
    let ids = ids_by_title(&dir, d);
    let shared = ids
        .iter()
        .map(|(_, id)| &id[..1])
        .find(|p| ids.iter().filter(|(_, i)| i.starts_with(p)).count() > 1)
        .expect("two ids share a first character");
    let o = yuanqu_in(&dir, &["read", shared, d]);
    assert_eq!(o.status.code(), Some(1));
    let message = err(&o);
    assert!(message.contains("type more of it"), "{message}");
    let named = ids
        .iter()
        .filter(|(_, i)| message.contains(i.as_str()))
        .count();
    assert!(named >= 2, "{message}");
}

#[test]
fn read_at_a_reading_width_narrower_than_the_width_has_no_margin() {
    let dir = archive("daily-read-width");
    let d = dir.to_str().unwrap();
    let state = dir.join("state");
    let ids = ids_by_title(&state, d);
    let o = yuanqu_in(
        &state,
        &[
            "read",
            &ids[0].1,
            d,
            "--width",
            "200",
            "--reading-width",
            "60",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    for line in text.lines() {
        let lead = line.chars().take_while(|&c| c == ' ').count();
        // A paragraph's first-line indent (full-width spaces) at most, never a margin.
        assert!(lead <= 4, "{lead} spaces: {line:?}");
        assert!(
            yuanqu::core::layout::str_width(line, Default::default()) <= 60,
            "{line}"
        );
    }
}

/// scripts/gen-pages.py with `args`, run in `dir`; None when python3 is missing.
fn gen_pages(dir: &Path, args: &[&str]) -> Option<Output> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-pages.py");
    Command::new("python3")
        .arg(script)
        .args(args)
        .current_dir(dir)
        .output()
        .ok()
}

#[test]
fn gen_pages_has_help_and_refuses_a_folder_named_like_an_option() {
    let dir = tempdir("daily-gen-pages");
    let Some(help) = gen_pages(&dir, &["--help"]) else {
        eprintln!("python3 is not installed: gen-pages.py not checked");
        return;
    };
    assert!(help.status.success());
    assert!(out(&help).contains("OUT_DIR"), "{}", out(&help));
    for args in [&[][..], &["--hlep"], &["--", "-x", "2"], &["out", "many"]] {
        let o = gen_pages(&dir, args).expect("python3 ran before");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(!err(&o).contains("Traceback"), "{args:?}: {}", err(&o));
    }
    let written: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(written.is_empty(), "nothing written: {written:?}");
    let o = gen_pages(&dir, &["pages", "3", "--dated"]).unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(std::fs::read_dir(dir.join("pages")).unwrap().count(), 3);
}

#[test]
fn no_generated_pages_are_committed_at_the_root() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !name.starts_with('-'),
            "a folder named like an option: {name}"
        );
    }
}
