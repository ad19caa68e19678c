//! The modes open over the reader, newest on top. The top one takes the keys; each
//! keeps the [`Place`] the reader had when it opened, which closing it with Esc gives
//! back. Help can open over the figures table, which opens over the reader: the
//! order in which modes take keys is this stack's, written nowhere else.

use crate::tui::app::place::Place;
use crate::tui::modes::Mode;

/// An open mode and the place to go back to.
#[derive(Debug, Clone)]
pub struct Layer {
    pub mode: Mode,
    pub origin: Place,
}

#[derive(Debug, Clone, Default)]
pub struct ModeStack {
    layers: Vec<Layer>,
}

impl ModeStack {
    /// The mode taking the keys, if any.
    pub fn top(&self) -> Option<&Mode> {
        self.layers.last().map(|l| &l.mode)
    }

    /// The place the top mode opened from.
    pub fn origin(&self) -> Option<Place> {
        self.layers.last().map(|l| l.origin)
    }

    pub fn push(&mut self, mode: Mode, origin: Place) {
        self.layers.push(Layer { mode, origin });
    }

    /// Put `layer` back at `depth` from the bottom (under what opened since it was
    /// taken off).
    pub fn put_back(&mut self, depth: usize, layer: Layer) {
        let depth = depth.min(self.layers.len());
        self.layers.insert(depth, layer);
    }

    pub fn len(&self) -> usize {
        self.layers.len()
    }

    /// Close the top mode; it and its origin are returned.
    pub fn pop(&mut self) -> Option<Layer> {
        self.layers.pop()
    }

    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// Bottom to top, as they are drawn.
    pub fn iter(&self) -> impl Iterator<Item = &Mode> {
        self.layers.iter().map(|l| &l.mode)
    }

    /// The first open mode `pick` finds something in, from the top.
    pub fn find<'a, T>(&'a self, pick: impl Fn(&'a Mode) -> Option<&'a T>) -> Option<&'a T> {
        self.layers.iter().rev().find_map(|l| pick(&l.mode))
    }

    /// Close every mode (a jump back, a new collection's layers set up again).
    pub fn take_all(&mut self) -> Vec<Layer> {
        std::mem::take(&mut self.layers)
    }
}
