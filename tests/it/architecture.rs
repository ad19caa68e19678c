//! The shape of the code, checked: the text core knows nothing of the terminal, no
//! two modules import each other (directly or around a loop), no two folders do at
//! any depth, no child imports its parent, and no function is too long to read at once.
//!
//! Modules are files under `src/`; an import is any `crate::…`, `super::…` or `self::…`
//! path in a file, braces included. A module's use of its own parent or children is
//! not an edge: parents declare and re-export their children.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`core::figures::scan`) → the file's text.
fn modules() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            match parts.last().map(String::as_str) {
                Some("main") if parts.len() == 1 => continue,
                Some("lib") if parts.len() == 1 => parts.clear(),
                Some("mod") => {
                    parts.pop();
                }
                _ => {}
            }
            let text = std::fs::read_to_string(&path).expect("read module");
            out.insert(parts.join("::"), text);
        }
    }
    out
}

fn segments(module: &str) -> Vec<String> {
    if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").map(str::to_string).collect()
    }
}

/// The text without its comments (docs may name any module).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path the text names through `crate::`, `super::` or `self::`, made absolute.
fn imports(module: &str, text: &str) -> Vec<Vec<String>> {
    let code = code_of(text);
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let rest: String = chars[i..(i + 8).min(chars.len())].iter().collect();
        let root = ["crate::", "super::", "self::"]
            .into_iter()
            .find(|r| rest.starts_with(r));
        let (Some(root), true) = (root, boundary) else {
            i += 1;
            continue;
        };
        let mut base = match root {
            "crate::" => Vec::new(),
            "super::" => {
                let mut s = segments(module);
                s.pop();
                s
            }
            _ => segments(module),
        };
        i += root.len();
        // Further `super::` steps.
        loop {
            let rest: String = chars[i..(i + 7).min(chars.len())].iter().collect();
            if rest == "super::" {
                base.pop();
                i += 7;
            } else {
                break;
            }
        }
        i = path_tail(&chars, i, base, &mut out);
    }
    out
}

/// Read `a::b::{c, d::e}` from `i`, pushing each full path; returns where it stopped.
fn path_tail(
    chars: &[char],
    mut i: usize,
    mut base: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        if chars.get(i) == Some(&'{') {
            // A group: each item is a path of its own under `base`.
            i += 1;
            loop {
                while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    i += 1;
                }
                if i >= chars.len() || chars[i] == '}' {
                    return i + 1;
                }
                let before = i;
                i = path_tail(chars, i, base.clone(), out);
                if i == before {
                    i += 1;
                }
            }
        }
        let start = i;
        while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        if i > start {
            base.push(chars[start..i].iter().collect());
        }
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
            continue;
        }
        out.push(base);
        return i;
    }
}

/// The module a path lands in: its longest prefix that is a module.
fn resolve(path: &[String], known: &BTreeSet<String>) -> Option<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| known.contains(m))
}

fn is_ancestor(a: &str, b: &str) -> bool {
    a.is_empty() || b == a || b.starts_with(&format!("{a}::"))
}

fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &modules {
        let targets: &mut BTreeSet<String> = graph.entry(module.clone()).or_default();
        for path in imports(module, text) {
            if let Some(target) = resolve(&path, &known) {
                if !is_ancestor(&target, module) && !is_ancestor(module, &target) {
                    targets.insert(target);
                }
            }
        }
    }
    graph
}

/// The modules `from` reaches by imports.
fn reachable(from: &str, graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(node) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let graph = edges();
    // Every import a → b where b leads back to a closes a loop.
    let loops: Vec<String> = graph
        .iter()
        .flat_map(|(a, targets)| targets.iter().map(move |b| (a, b)))
        .filter(|(a, b)| reachable(b, &graph).contains(*a))
        .map(|(a, b)| format!("{a} → {b}"))
        .collect();
    assert!(
        loops.is_empty(),
        "imports that close a loop:\n{}",
        loops.join("\n")
    );
}

#[test]
fn the_text_core_and_the_shared_config_know_nothing_of_the_terminal() {
    for (module, text) in modules() {
        let shared = module == "core"
            || module.starts_with("core::")
            || module == "config"
            || module.starts_with("config::");
        if !shared {
            continue;
        }
        let code = code_of(&text);
        for word in ["ratatui", "crossterm", "crate::tui", "crate::cli"] {
            assert!(!code.contains(word), "{module} uses {word}");
        }
    }
}

#[test]
fn the_checker_sees_imports_and_cycles() {
    // The oracle itself: braces, super chains and a planted loop.
    let paths = imports(
        "tui::widgets::parks",
        "use super::super::app::{App, Focus};\nuse crate::core::{collection::Collection, layout};\nlet x = self::helper();\nuse super::{search, finder::open};",
    );
    let flat: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    for want in [
        "tui::app::App",
        "tui::app::Focus",
        "core::collection::Collection",
        "core::layout",
        "tui::widgets::parks::helper",
        "tui::widgets::search",
        "tui::widgets::finder::open",
    ] {
        assert!(flat.contains(&want.to_string()), "{want} not in {flat:?}");
    }
    let known: BTreeSet<String> = ["", "tui", "tui::app", "core", "core::collection"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        resolve(&segments("tui::app::App"), &known).as_deref(),
        Some("tui::app")
    );
    assert!(is_ancestor("tui", "tui::app") && !is_ancestor("tui::app", "tui::apps"));
}

/// Imports of a module's own ancestors (`use super::Item` where the item lives in
/// the parent): the parent declares its children, so a child that reaches back up
/// makes the two a loop. Only `crate::` root re-exports of other folders are fine.
fn upward_imports() -> Vec<String> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    let mut out = Vec::new();
    for (module, text) in &modules {
        // A file's test module is a child of the file: its `super::*` is no upward import.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or("");
        for path in imports(module, shipped) {
            if let Some(target) = resolve(&path, &known) {
                if target != *module && is_ancestor(&target, module) && !target.is_empty() {
                    out.push(format!("{module} → {target} ({})", path.join("::")));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The module graph seen from folders `depth` deep: each module stands for its first
/// `depth` path segments, and imports between two different such folders (neither
/// inside the other) are edges.
fn folder_edges(depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let cut = |m: &str| {
        segments(m)
            .into_iter()
            .take(depth)
            .collect::<Vec<_>>()
            .join("::")
    };
    for (module, targets) in edges() {
        let from = cut(&module);
        for target in targets {
            let to = cut(&target);
            if !is_ancestor(&from, &to) && !is_ancestor(&to, &from) {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

fn loops_in(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    graph
        .iter()
        .flat_map(|(a, targets)| targets.iter().map(move |b| (a, b)))
        .filter(|(a, b)| reachable(b, graph).contains(*a))
        .map(|(a, b)| format!("{a} → {b}"))
        .collect()
}

/// No loop between folders at any depth, and no module importing its own ancestor.
/// (On 5f42123 there were 84: the reader's folders importing each other around, the
/// figure scan's children and the index's loading reaching up to their parents.)
#[test]
fn folders_import_only_downward_at_every_depth() {
    let mut problems = Vec::new();
    for depth in 1..=3 {
        for edge in loops_in(&folder_edges(depth)) {
            problems.push(format!("depth {depth}: {edge}"));
        }
    }
    problems.extend(upward_imports());
    assert!(
        problems.is_empty(),
        "{} layer problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_layer_checker_sees_folder_loops_and_upward_imports() {
    // A planted loop between two folders whose files never import each other back.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph
        .entry("a::x".into())
        .or_default()
        .insert("b::y".into());
    graph
        .entry("b::z".into())
        .or_default()
        .insert("a::w".into());
    let cut = |g: &BTreeMap<String, BTreeSet<String>>, depth: usize| {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, targets) in g {
            for to in targets {
                let f = segments(from)
                    .into_iter()
                    .take(depth)
                    .collect::<Vec<_>>()
                    .join("::");
                let t = segments(to)
                    .into_iter()
                    .take(depth)
                    .collect::<Vec<_>>()
                    .join("::");
                if f != t {
                    out.entry(f).or_default().insert(t);
                }
            }
        }
        out
    };
    assert!(
        loops_in(&cut(&graph, 2)).is_empty(),
        "no loop between files"
    );
    assert_eq!(loops_in(&cut(&graph, 1)), ["a → b", "b → a"]);
    // `use super::Item` from a child resolves to its parent.
    let known: BTreeSet<String> = ["x", "x::child"].iter().map(|s| s.to_string()).collect();
    let paths = imports("x::child", "use super::Item;");
    let target = resolve(&paths[0], &known).unwrap();
    assert!(target != "x::child" && is_ancestor(&target, "x::child"));
}

/// The functions of `text` longer than `limit` lines, outside its test module: each
/// from its `fn` line to the closing brace at the same indent (rustfmt's layout).
fn long_functions_in(text: &str, limit: usize) -> Vec<(String, usize)> {
    let shipped = text.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = shipped.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let signature = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "const fn ",
        ]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p));
        let Some(rest) = signature else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let closing = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|l| *l == closing) {
            if end + 2 > limit {
                out.push((name, end + 2));
            }
        }
    }
    out
}

#[test]
fn no_function_over_80_lines_and_no_reader_file_over_500() {
    let mut problems = Vec::new();
    for (module, text) in modules() {
        for (name, lines) in long_functions_in(&text, 80) {
            problems.push(format!("{module}::{name}: {lines} lines"));
        }
        let lines = text.lines().count();
        if module.starts_with("tui") && lines > 500 {
            problems.push(format!("{module}: {lines} lines in one file"));
        }
    }
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}

#[test]
fn the_length_checker_sees_a_long_function() {
    let body = "    let x = 1;\n".repeat(85);
    let text = format!("pub fn short() {{\n}}\n\n    pub(crate) fn long() {{\n{body}    }}\n");
    assert_eq!(long_functions_in(&text, 80), [("long".to_string(), 87)]);
    let tests_only = format!("#[cfg(test)]\nmod tests {{\n    fn long() {{\n{body}    }}\n}}\n");
    assert!(long_functions_in(&tests_only, 80).is_empty());
}
