//! Keys: the keymap (`keymap`, built in and merged with the user's) and the one-line
//! prompt the search, the finder, the table's filter and `|` edit (`prompt`).

pub mod keymap;
pub mod prompt;
