//! `yuanqu report`: one self-contained HTML file, checked by its structure — a bar
//! per month of the span with heights in proportion to the counts `stats` gives, and
//! nothing fetched from elsewhere.

use std::process::Command;

use crate::cli::tempdir;
use crate::stats::{archive, run};

fn report(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yuanqu"))
        .arg("report")
        .args(args)
        .env_remove("YUANQU_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/yuanqu-test-config")
        .output()
        .expect("run yuanqu")
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Every tag `<name …>` in `html`, as its text.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        found.push(&rest[at..end]);
        rest = &rest[end..];
    }
    found
}

/// The bars of the months chart of one section: (month, count, height).
fn month_bars(section: &str) -> Vec<(String, usize, f64)> {
    let start = section
        .find("<svg class=\"months\"")
        .expect("a months chart");
    let end = section[start..].find("</svg>").unwrap() + start;
    tags(&section[start..end], "rect")
        .into_iter()
        .filter(|t| attribute(t, "class") == Some("bar"))
        .map(|t| {
            (
                attribute(t, "data-month").unwrap().to_string(),
                attribute(t, "data-count").unwrap().parse().unwrap(),
                attribute(t, "height").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_bar_per_month_in_proportion_to_the_counts_of_stats() {
    let dir = archive("report-bars");
    let out = tempdir("report-bars-out").join("r.html");
    let (dir_arg, out_arg) = (dir.display().to_string(), out.display().to_string());
    let o = report(&[&dir_arg, "--park", "ganzhou", "-o", &out_arg]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    let stats = run(&["stats", &dir_arg, "--park", "ganzhou", "--json"]);
    let park = &stats["parks"][0];
    let name = park["name"].as_str().unwrap();
    let section_at = html
        .find("<section class=\"park\"")
        .expect("a park section");
    let section = &html[section_at..];
    assert!(section.contains(&format!("<h2>{name}</h2>")));
    let bars = month_bars(section);
    let months: Vec<(String, usize)> = park["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_string(),
                m["articles"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    // Nov 2023 to May 2024: seven bars, the empty months too.
    assert_eq!(months.len(), 7);
    let from_bars: Vec<(String, usize)> = bars.iter().map(|(m, c, _)| (m.clone(), *c)).collect();
    assert_eq!(from_bars, months);
    let (_, top, top_height) = bars.iter().max_by_key(|b| b.1).unwrap().clone();
    assert!(top > 0 && top_height > 0.0);
    for (month, count, height) in &bars {
        let expected = *count as f64 / top as f64 * top_height;
        assert!(
            (height - expected).abs() < 0.02,
            "{month}: {height} for {count}"
        );
    }
    // The money table says what stats says.
    let money = &park["units"][0];
    assert!(section.contains(&format!("<td class=\"n\">{}</td>", money["count"])));
}

#[test]
fn nothing_is_fetched_from_elsewhere() {
    let dir = archive("report-self");
    let out = tempdir("report-self-out").join("r.html");
    let o = report(&[&dir.display().to_string(), "-o", &out.display().to_string()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.contains("url(") && !html.contains("@import") && !html.contains("@font-face"));
    let mut links = 0;
    for tag in [
        "a", "img", "link", "image", "use", "iframe", "source", "embed", "object",
    ] {
        for t in tags(&html, tag) {
            for name in ["src", "href", "xlink:href", "data"] {
                if let Some(value) = attribute(t, name) {
                    links += 1;
                    assert!(value.starts_with('#'), "{t} points elsewhere");
                }
            }
        }
    }
    assert!(links > 1, "the parks are linked from the top");
    // Every park has its section.
    let parks = run(&["stats", &dir.display().to_string(), "--json"])["parks"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(html.matches("<section class=\"park\"").count(), parks);
}

#[test]
fn the_file_is_replaced_whole_and_a_bad_folder_is_an_error() {
    let dir = archive("report-atomic");
    let out_dir = tempdir("report-atomic-out");
    let out = out_dir.join("r.html");
    std::fs::write(&out, "old").unwrap();
    let o = report(&[&dir.display().to_string(), "-o", &out.display().to_string()]);
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    let left: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        [std::ffi::OsString::from("r.html")],
        "no temporary file left"
    );
    let missing = out_dir.join("no-such-folder").join("r.html");
    let o = report(&[
        &dir.display().to_string(),
        "-o",
        &missing.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-folder/r.html"), "{err}");
}
