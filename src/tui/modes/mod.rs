//! The modes that take keys over the reader, each with its own state: the search
//! prompt and its matches (`search`), the park finder (`finder`), the figures table
//! (`figure_table`), a park number being typed (`park_number`), and the pictures:
//! a park at a glance (`park_view`, `i`) and the archive at a glance (`overview`,
//! `O`). Their drawing is in `view::widgets`.

pub mod figure_table;
pub mod finder;
pub mod overview;
pub mod park_number;
pub mod park_view;
pub mod search;
