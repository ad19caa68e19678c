//! Embeds every page and article under data/ so the binary runs from any folder.

use std::fs;
use std::path::{Path, PathBuf};

/// The pages and articles under `dir` (not the park registry), in a stable order.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut all = Vec::new();
    every_file(dir, &mut all);
    out.extend(all.into_iter().filter(|path| {
        matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "toml")
        ) && path.file_name().and_then(|n| n.to_str()) != Some("parks.toml")
    }));
}

/// Every file under `dir`, in a stable order.
fn every_file(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            every_file(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A hash of every file under `dirs` (relative to `root`), names and bytes.
fn tree_hash(root: &Path, dirs: &[&str]) -> String {
    let mut files = Vec::new();
    for dir in dirs {
        every_file(&root.join(dir), &mut files);
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in files {
        let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy();
        let bytes = fs::read(&path).unwrap_or_default();
        for &b in name.as_bytes().iter().chain(&[0]).chain(&bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/core");
    println!("cargo:rerun-if-changed=src/cli");
    println!("cargo:rerun-if-changed=src/config");
    // The parser's version for the index (src/core/index): everything that decides
    // what parsing a file gives, the core's code and the built-in data, so that no
    // change to either can leave an index entry that parsing would not give.
    let parser = tree_hash(&root, &["src/core", "data"]);
    println!("cargo:rustc-env=YUANQU_PARSER_HASH={parser}");
    // What else decides a command's output (src/cli/mod.rs): how the commands
    // write it, and how the configuration is read. Whole-command and listing
    // entries are keyed by it too, so a build that writes otherwise replays none.
    let output = tree_hash(&root, &["src/cli", "src/config"]);
    println!("cargo:rustc-env=YUANQU_OUTPUT_HASH={output}");
    let mut files = Vec::new();
    collect(&data, &mut files);
    let mut code = String::from("/// (path under data/, bytes) of every built-in page and article.\npub static BUILTIN_FILES: &[(&str, &[u8])] = &[\n");
    for path in &files {
        let name = path
            .strip_prefix(&data)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_data.rs");
    fs::write(out, code).expect("write builtin_data.rs");
}
