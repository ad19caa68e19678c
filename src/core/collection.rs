//! A collection: articles from pages and TOML files, grouped by park.

use std::path::{Path, PathBuf};

use super::article::Article;

/// The parks of a collection, each with its articles, in order of first appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct ParkGroup {
    /// Canonical park name; "其他" for articles with no park.
    pub name: String,
    pub province: Option<String>,
    pub city: Option<String>,
    /// Indexes into `Collection::articles`.
    pub articles: Vec<usize>,
}

/// Something skipped while loading (the rest still loaded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Collection {
    pub articles: Vec<Article>,
    pub parks: Vec<ParkGroup>,
    pub warnings: Vec<LoadWarning>,
}

impl Collection {
    /// The collection built into the binary (data/).
    pub fn builtin() -> Collection {
        todo!("foundation")
    }

    /// Load files and folders (recursively).
    pub fn load(paths: &[PathBuf]) -> Collection {
        let _ = paths;
        todo!("foundation")
    }

    pub fn find(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    #[allow(dead_code)]
    fn _p(_: &Path) {}
}
