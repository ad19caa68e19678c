//! The text core: parsing pages, finding figures and parks, laying out text.
//! Nothing here knows about ratatui or crossterm.

pub mod article;
pub mod byline;
pub mod caption;
pub mod collection;
pub mod decode;
pub mod figures;
pub mod ids;
pub mod layout;
pub mod page;
pub mod parks;
pub mod plain_text;
pub mod sanitize;
pub mod toml_article;

pub use article::{Article, Block, BlockKind, Byline};
pub use figures::{Figure, FigureKind};
