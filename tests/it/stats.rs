//! `yuanqu stats` against counts made another way: from the dates `list --json`
//! gives each article.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::cli::{seed, tempdir};

pub(crate) fn run(args: &[&str]) -> Value {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(args)
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .output()
        .expect("run yuanqu");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

/// Seed pages on days with gaps of whole months between them, each page a little
/// different so none is a copy of another.
pub(crate) fn archive(name: &str) -> std::path::PathBuf {
    let dir = tempdir(name);
    let page = std::fs::read_to_string(seed()).unwrap();
    for (i, date) in [
        "2023-11-02",
        "2023-11-20",
        "2024-02-14",
        "2024-05-01",
        "2024-05-30",
    ]
    .iter()
    .enumerate()
    {
        let text = page.replacen("。", &format!("。{}", "又".repeat(i + 1)), 1);
        std::fs::write(dir.join(format!("{date}-kjrb.txt")), text).unwrap();
    }
    std::fs::write(dir.join("undated.txt"), page.replacen("。", "。无日期", 1)).unwrap();
    dir
}

/// Per month (2024-05) and per park, from `list --json`.
fn counts_from_list(
    dir: &Path,
    keep_park: impl Fn(&str) -> bool,
) -> (BTreeMap<String, usize>, BTreeMap<String, usize>, usize) {
    let list = run(&["list", &dir.display().to_string(), "--json"]);
    let (mut months, mut parks, mut undated) = (BTreeMap::new(), BTreeMap::new(), 0);
    for park in list["parks"].as_array().unwrap() {
        let name = park["name"].as_str().unwrap();
        if !keep_park(name) {
            continue;
        }
        for a in park["articles"].as_array().unwrap() {
            *parks.entry(name.to_string()).or_insert(0) += 1;
            match a["date"].as_str() {
                Some(date) => *months.entry(date[..7].to_string()).or_insert(0) += 1,
                None => undated += 1,
            }
        }
    }
    (months, parks, undated)
}

/// The months of `stats --json`: every one from the first to the last, empty ones 0.
fn months_of(stats: &Value) -> Vec<(String, usize)> {
    stats["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_string(),
                m["articles"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn every_month(from: &str, to: &str, counts: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let (mut y, mut m): (u32, u32) = (from[..4].parse().unwrap(), from[5..].parse().unwrap());
    let mut out = Vec::new();
    loop {
        let key = format!("{y:04}-{m:02}");
        out.push((key.clone(), counts.get(&key).copied().unwrap_or(0)));
        if key == to {
            return out;
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
}

#[test]
fn stats_counts_what_list_lists() {
    let dir = archive("stats-all");
    let (months, parks, undated) = counts_from_list(&dir, |_| true);
    let stats = run(&["stats", &dir.display().to_string(), "--json"]);
    assert_eq!(
        months_of(&stats),
        every_month("2023-11", "2024-05", &months)
    );
    assert_eq!(stats["undated"].as_u64(), Some(undated as u64));
    assert_eq!(
        stats["articles"].as_u64(),
        Some(parks.values().sum::<usize>() as u64)
    );
    let from_stats: BTreeMap<String, usize> = stats["parks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["articles"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(from_stats, parks);
    // Five dated pages of one paper, and the undated page on its own.
    let sources: Vec<(String, u64)> = stats["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    let per_page = (undated) as u64;
    assert_eq!(
        sources,
        [
            ("kjrb".to_string(), 5 * per_page),
            ("undated".to_string(), per_page)
        ]
    );
}

#[test]
fn stats_of_one_park_and_a_span_counts_what_list_lists_of_them() {
    let dir = archive("stats-park");
    let (months, _, _) = counts_from_list(&dir, |name| name.contains("赣州"));
    let dir_arg = dir.display().to_string();
    let stats = run(&[
        "stats", &dir_arg, "--park", "ganzhou", "--since", "2023-12", "--json",
    ]);
    let kept: BTreeMap<String, usize> = months
        .into_iter()
        .filter(|(m, _)| m.as_str() >= "2023-12")
        .collect();
    // The months start where --since says, though nothing is in December.
    assert_eq!(months_of(&stats), every_month("2023-12", "2024-05", &kept));
    assert_eq!(
        stats["undated"].as_u64(),
        Some(0),
        "a date bound drops undated articles"
    );
    let parks = stats["parks"].as_array().unwrap();
    assert_eq!(parks.len(), 1);
    assert!(parks[0]["name"].as_str().unwrap().contains("赣州"));
    let money = &parks[0]["units"][0];
    assert_eq!(
        (money["kind"].as_str(), money["unit"].as_str()),
        (Some("money"), Some("元"))
    );
    assert!(money["top"].as_array().unwrap().len() <= 10);
}

#[test]
fn stats_text_and_csv_say_the_same_counts() {
    let dir = archive("stats-formats");
    let dir_arg = dir.display().to_string();
    let json = run(&["stats", &dir_arg, "--json"]);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(["stats", &dir_arg, "--csv"])
        .env_remove("YUANQU_CONFIG")
        .output()
        .unwrap();
    let csv = String::from_utf8(o.stdout).unwrap();
    let month_rows: Vec<(String, usize)> = csv
        .lines()
        .filter(|l| l.starts_with("month,"))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[2].to_string(), cells[6].parse().unwrap())
        })
        .collect();
    assert_eq!(month_rows, months_of(&json));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .args(["stats", &dir_arg, "--park", "不存在的园区"])
        .env_remove("YUANQU_CONFIG")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不存在的园区"));
}
