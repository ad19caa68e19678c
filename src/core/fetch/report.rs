//! What a fetch tells: a report per source, and the whole fetch's outcome.

/// What one source gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceReport {
    pub name: String,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Articles (or pages) that could not be fetched or read.
    pub failed: usize,
    /// Articles another source had brought first.
    pub duplicates: usize,
    /// Why the source as a whole failed, if it did.
    pub error: Option<String>,
    /// What went wrong with single items, and other remarks, one line each.
    pub notes: Vec<String>,
}

impl SourceReport {
    pub fn succeeded(&self) -> bool {
        self.error.is_none() && self.failed == 0
    }

    /// `科技日报: 3 new, 1 updated, 12 unchanged, 0 failed` (and why, when it failed).
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{}: {} new, {} unchanged, {} failed",
            self.name, self.new, self.unchanged, self.failed
        );
        if self.updated > 0 {
            line.push_str(&format!(", {} updated", self.updated));
        }
        if self.duplicates > 0 {
            line.push_str(&format!(
                ", {} already from another source",
                self.duplicates
            ));
        }
        if let Some(error) = &self.error {
            line.push_str(&format!(" ({error})"));
        }
        line
    }
}

/// A whole fetch: a report per source, in the order given, and notes on the archive.
#[derive(Debug, Default)]
pub struct FetchOutcome {
    pub reports: Vec<SourceReport>,
    pub notes: Vec<String>,
}

impl FetchOutcome {
    pub fn succeeded(&self) -> bool {
        self.reports.iter().all(SourceReport::succeeded)
    }

    pub fn new_articles(&self) -> usize {
        self.reports.iter().map(|r| r.new + r.updated).sum()
    }
}
