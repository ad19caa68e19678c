//! The reader's state and the one place it changes.
//!
//! - `reader`: the [`App`] itself: the collection, where the reader is, the modes open
//!   over it (`stack`); its methods by concern in `article_view`, `marks`, `swap` and `kept_bodies`;
//! - `place`, `matches`, `panes`, `layout_cache`: what the state is made of: the place
//!   and article view, the search's matches, the pane geometry, the laid-out article;
//! - `keys`: a terminal event to an [`Action`](crate::tui::action::Action), by the mode
//!   on top;
//! - `update`: an action applied, by the mode on top (`reader_keys` for the reader's
//!   own), then the panes, lists and reading place settled; `search`, `daily` and
//!   `copy` are the reader's features that `update` calls.

pub mod article_view;
pub mod copy;
pub mod daily;
pub mod highlight_rows;
pub mod kept_bodies;
pub mod keys;
pub mod layout_cache;
pub mod marks;
pub mod matches;
pub mod panes;
pub mod place;
pub mod reader;
pub mod reader_keys;
pub mod search;
pub mod stack;
pub mod swap;
pub mod update;

pub use crate::tui::effect::{Effect, External};
pub use matches::{Search, SearchMode};
pub use panes::Focus;
pub use place::{ArticleView, Jump, ParkItem, Place, PARK_PREVIEW, READ_AFTER};
pub use reader::App;
