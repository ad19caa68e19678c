//! The text core: parsing pages, finding figures and parks, laying out text.
//! Nothing here knows about ratatui or crossterm.

pub mod article;
pub mod article_filter;
pub(crate) mod binary;
pub mod byline;
pub mod caption;
pub mod collection;
pub mod dates;
pub mod decode;
pub mod extract;
pub(crate) mod fast_hasher;
pub mod fetch;
pub mod figure_table;
pub mod figures;
pub mod files;
pub mod fold;
pub mod folded_text;
pub mod ids;
pub mod index;
pub mod layout;
pub mod list_rows;
pub mod mapped;
pub mod outputs;
pub mod page;
pub mod parks;
pub mod plain_text;
pub mod punctuation;
pub mod reading_order;
pub mod sanitize;
pub mod search;
pub mod search_text;
pub mod searchable;
pub mod searchable_entry;
pub mod stats;
pub mod toml_article;
pub mod workers;

pub use article::{Article, Block, BlockKind, Byline};
pub use article::{Bound, Figure, FigureKind, Figures};
