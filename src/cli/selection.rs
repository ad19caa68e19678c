//! `--park --since --until --unread --starred`: which articles `list` and `figures`
//! look at, resolved once into a [`Selection`] (the park and date part is
//! `core::article_filter`, shared with the reader's figures table).

use clap::Args;

use super::error::CliError;
use crate::core::article_filter::{ArticleFilter, ParkMatches};
use crate::core::collection::Collection;
use crate::core::Article;
use crate::state::{self, State, Store};

/// The options, as typed.
#[derive(Debug, Clone, Default, Args)]
pub struct SelectionArgs {
    /// Only the parks this names: a name, an alias or pinyin, as the reader's park
    /// finder (`p`) matches (赣州, ganzhou, gz).
    #[arg(long, value_name = "NAME")]
    pub park: Option<String>,
    /// Only articles dated from this day on: 2024, 2024-07 or 2024-07-30 (the first
    /// day it covers). Undated articles are left out.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles dated up to this day: 2024, 2024-07 or 2024-07-30 (the last day
    /// it covers). Undated articles are left out.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles the reader has not marked read (from its state file).
    #[arg(long)]
    pub unread: bool,
    /// Only articles starred in the reader (`*`).
    #[arg(long)]
    pub starred: bool,
}

/// The options resolved: dates parsed, the state file read when it is needed.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub filter: ArticleFilter,
    /// The reader's state, read only for --unread or --starred.
    marks: Option<Marks>,
}

#[derive(Debug, Clone)]
struct Marks {
    state: State,
    unread: bool,
    starred: bool,
}

impl SelectionArgs {
    /// Parse the dates and read the state file when asked to; errors name what is wrong.
    pub fn resolve(&self) -> Result<Selection, CliError> {
        let filter = ArticleFilter::new(
            self.park.as_deref(),
            self.since.as_deref(),
            self.until.as_deref(),
        )
        .map_err(CliError::BadSelection)?;
        let marks = if self.unread || self.starred {
            let dir = state::default_dir().ok_or(CliError::NoStateDir)?;
            Some(Marks {
                state: Store::new(dir).peek().map_err(CliError::State)?,
                unread: self.unread,
                starred: self.starred,
            })
        } else {
            None
        };
        Ok(Selection { filter, marks })
    }
}

impl Selection {
    /// The parks the filter names in this collection; an error naming the query
    /// when none matches.
    pub fn parks(&self, collection: &Collection) -> Result<ParkMatches, CliError> {
        self.filter
            .park_matches(collection)
            .map_err(CliError::Scope)
    }

    /// True when the reader's state decides what is kept (--unread, --starred).
    pub fn reads_state(&self) -> bool {
        self.marks.is_some()
    }

    /// True when every article is kept.
    pub fn keeps_all(&self) -> bool {
        self.filter.is_empty() && self.marks.is_none()
    }

    pub fn keeps(&self, article: &Article, parks: &ParkMatches) -> bool {
        self.filter.keeps(article, parks)
            && self.marks.as_ref().is_none_or(|m| {
                (!m.unread || !m.state.is_read(&article.id))
                    && (!m.starred || m.state.is_starred(&article.id))
            })
    }
}
