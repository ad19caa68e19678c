//! Where each pane goes: one pure function of the screen area and what the reader
//! asks of it (pane settings, zoom, focus, hidden panes). `update` computes it once
//! per action and stores it in the app; rendering and paging read the stored result.
//!
//! The rule (docs/reader.md says it for users):
//! - The article pane wants its *reading width*: the text column plus its frame and
//!   padding. Side panes have a least, a preferred and a largest width.
//! - Below [`ONE_PANE_BELOW`] columns one pane shows: the article, or the pane moved to.
//! - With one side pane shown it stands beside the article. The side pane shrinks to
//!   its least width before the article gives up any of its reading width, and grows
//!   from there up to its largest width; only then does the article grow past its
//!   reading width.
//! - With both side panes: three columns once the article keeps its reading width
//!   beside both at their least widths. Below that, parks and highlights share the
//!   left column (parks on top, as tall as their rows need, at most half), so the
//!   article keeps the whole height. On a short screen the left column shows the one
//!   of them that has the focus.
//! - So the article pane never gets narrower as the terminal gets wider, and the side
//!   panes take the room the reading width leaves.

use ratatui::layout::Rect;

/// Below this the reader shows only a "too small" message.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// Below this many columns only one pane shows.
pub const ONE_PANE_BELOW: u16 = 50;
/// Parks and highlights share the left column only when the body is this tall.
const SHARED_MIN_HEIGHT: u16 = 16;
/// The least widths of the side panes: a park name and its counts, a figure and its value.
const PARKS_LEAST: u16 = 20;
const HIGHLIGHTS_LEAST: u16 = 22;
/// Frame (2) and padding (2) around the article's text column.
pub const ARTICLE_CHROME: u16 = 4;
/// The reading width used to share the room when the text column has no limit.
const UNLIMITED_READING: u16 = 80;

/// The pane that takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Parks,
    Article,
    Highlights,
}

impl Focus {
    /// Left to right, as the panes stand on a wide screen.
    pub const ORDER: [Focus; 3] = [Focus::Parks, Focus::Article, Focus::Highlights];
}

/// Which side panes the user has hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Hidden {
    pub parks: bool,
    pub highlights: bool,
}

impl Hidden {
    pub fn hides(self, focus: Focus) -> bool {
        match focus {
            Focus::Parks => self.parks,
            Focus::Highlights => self.highlights,
            Focus::Article => false,
        }
    }
}

/// The configured widths the geometry works from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneSettings {
    pub parks_width: u16,
    pub highlights_width: u16,
    /// The text column's widest, in cells; None: no limit.
    pub reading_width: Option<u16>,
}

/// Everything the pane geometry depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneInputs {
    pub area: Rect,
    pub settings: PaneSettings,
    pub zoom: bool,
    pub focus: Focus,
    pub hidden: Hidden,
    /// Rows the parks list has, so a short list leaves the left column to highlights.
    pub parks_rows: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub parks: Option<Rect>,
    pub article: Option<Rect>,
    pub highlights: Option<Rect>,
    pub status: Option<Rect>,
    pub too_small: bool,
}

impl Panes {
    /// The area of a pane, if it shows.
    pub fn of(&self, focus: Focus) -> Option<Rect> {
        match focus {
            Focus::Parks => self.parks,
            Focus::Article => self.article,
            Focus::Highlights => self.highlights,
        }
    }

    /// Rows inside the frame of a pane (0 when it does not show).
    pub fn inner_height(&self, focus: Focus) -> usize {
        self.of(focus)
            .map_or(0, |r| usize::from(r.height.saturating_sub(2)))
    }

    /// The article's text area (see [`article_text_area`]), if the article shows.
    pub fn article_text(&self) -> Option<Rect> {
        self.article.map(article_text_area)
    }
}

/// A side pane's widths: least, largest (the preferred one grows to twice as wide when
/// the text column has a limit, else stays as configured).
#[derive(Debug, Clone, Copy)]
struct Side {
    least: u16,
    most: u16,
}

impl Side {
    fn new(least: u16, preferred: u16, limited: bool) -> Side {
        let least = least.min(preferred);
        let most = if limited {
            preferred.saturating_mul(2)
        } else {
            preferred
        };
        Side { least, most }
    }

    /// Width beside an article that wants `reading` of `width`: the article's reading
    /// width comes first, then the side grows to its largest.
    fn beside(self, width: u16, reading: u16) -> u16 {
        width.saturating_sub(reading).clamp(self.least, self.most)
    }
}

pub fn panes(inputs: &PaneInputs) -> Panes {
    let area = inputs.area;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            too_small: true,
            ..Panes::default()
        };
    }
    let status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let mut panes = Panes {
        status: Some(status),
        ..Panes::default()
    };
    let hidden = inputs.hidden;
    let (show_parks, show_highlights) = (!hidden.parks, !hidden.highlights);
    if inputs.zoom || (!show_parks && !show_highlights) {
        panes.article = Some(body);
    } else if body.width < ONE_PANE_BELOW {
        // A narrow screen shows the pane moved to.
        match inputs.focus {
            Focus::Parks if show_parks => panes.parks = Some(body),
            Focus::Highlights if show_highlights => panes.highlights = Some(body),
            _ => panes.article = Some(body),
        }
    } else {
        Columns::new(inputs, body).place(&mut panes, show_parks, show_highlights);
    }
    panes
}

/// The body in columns: the article at its reading width, the sides beside it.
struct Columns<'a> {
    inputs: &'a PaneInputs,
    body: Rect,
    /// The article pane's reading width, its frame and padding included.
    reading: u16,
    parks: Side,
    highlights: Side,
}

impl Columns<'_> {
    fn new(inputs: &PaneInputs, body: Rect) -> Columns<'_> {
        let settings = inputs.settings;
        let limited = settings.reading_width.is_some();
        Columns {
            inputs,
            body,
            reading: settings
                .reading_width
                .unwrap_or(UNLIMITED_READING)
                .saturating_add(ARTICLE_CHROME),
            parks: Side::new(PARKS_LEAST, settings.parks_width, limited),
            highlights: Side::new(HIGHLIGHTS_LEAST, settings.highlights_width, limited),
        }
    }

    fn left(&self, width: u16) -> Rect {
        Rect { width, ..self.body }
    }

    fn right(&self, width: u16) -> Rect {
        Rect {
            x: self.body.right() - width,
            width,
            ..self.body
        }
    }

    fn between(&self, from: u16, to_right: u16) -> Rect {
        Rect {
            x: self.body.x + from,
            width: self.body.width - from - to_right,
            ..self.body
        }
    }

    fn place(&self, panes: &mut Panes, show_parks: bool, show_highlights: bool) {
        let (body, reading) = (self.body, self.reading);
        match (show_parks, show_highlights) {
            (true, false) => {
                let width = self.parks.beside(body.width, reading);
                panes.parks = Some(self.left(width));
                panes.article = Some(self.between(width, 0));
            }
            (false, true) => {
                let width = self.highlights.beside(body.width, reading);
                panes.highlights = Some(self.right(width));
                panes.article = Some(self.between(0, width));
            }
            _ if body.width >= reading + self.parks.least + self.highlights.least => {
                self.three(panes);
            }
            _ => self.two(panes),
        }
    }

    /// Three columns: the sides share what the reading width leaves, each from its
    /// least width towards its largest in proportion.
    fn three(&self, panes: &mut Panes) {
        let (parks, highlights) = (self.parks, self.highlights);
        let least = parks.least + highlights.least;
        let most = parks.most + highlights.most;
        let sides = (self.body.width - self.reading).min(most);
        let growth = u32::from(sides - least);
        let room = u32::from(most - least).max(1);
        let parks_growth = growth * u32::from(parks.most - parks.least) / room;
        let parks_width = parks.least + parks_growth as u16;
        let highlights_width = sides - parks_width;
        panes.parks = Some(self.left(parks_width));
        panes.highlights = Some(self.right(highlights_width));
        panes.article = Some(self.between(parks_width, highlights_width));
    }

    /// Two columns: parks and highlights share the left one, which takes all the
    /// article's reading width leaves (less than both least widths together).
    fn two(&self, panes: &mut Panes) {
        let body = self.body;
        let width = body
            .width
            .saturating_sub(self.reading)
            .max(self.parks.least);
        panes.article = Some(self.between(width, 0));
        let column = self.left(width);
        if body.height >= SHARED_MIN_HEIGHT {
            let wanted = u16::try_from(self.inputs.parks_rows)
                .unwrap_or(u16::MAX)
                .saturating_add(2);
            let parks_height = wanted.clamp(5, body.height / 2);
            panes.parks = Some(Rect {
                height: parks_height,
                ..column
            });
            panes.highlights = Some(Rect {
                y: column.y + parks_height,
                height: column.height - parks_height,
                ..column
            });
        } else if self.inputs.focus == Focus::Highlights {
            panes.highlights = Some(column);
        } else {
            panes.parks = Some(column);
        }
    }
}

/// The cells the article text fills inside the article pane: within the border, one
/// cell of padding each side.
pub fn article_text_area(pane: Rect) -> Rect {
    let inner = Rect {
        x: pane.x.saturating_add(2),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(ARTICLE_CHROME),
        height: pane.height.saturating_sub(2),
    };
    if inner.width == 0 || inner.height == 0 {
        Rect {
            width: 0,
            height: 0,
            ..inner
        }
    } else {
        inner
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::app::panes::*;

    fn inputs(width: u16, height: u16) -> PaneInputs {
        PaneInputs {
            area: Rect::new(0, 0, width, height),
            settings: PaneSettings {
                parks_width: 28,
                highlights_width: 34,
                reading_width: Some(80),
            },
            zoom: false,
            focus: Focus::Article,
            hidden: Hidden::default(),
            parks_rows: 8,
        }
    }

    fn width(r: Option<Rect>) -> u16 {
        r.map_or(0, |r| r.width)
    }

    /// No pane overlaps another, and together with the status bar they stay on screen.
    fn check_tiling(p: &Panes, area: Rect) {
        let shown: Vec<Rect> = [p.parks, p.article, p.highlights, p.status]
            .into_iter()
            .flatten()
            .collect();
        for (i, a) in shown.iter().enumerate() {
            assert!(area.contains(a.as_position()) && a.right() <= area.right());
            assert!(a.bottom() <= area.bottom(), "{a:?} off {area:?}");
            for b in &shown[i + 1..] {
                assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
            }
        }
        let covered: u32 = shown.iter().map(|r| r.area()).sum();
        assert_eq!(covered, area.area(), "panes fill the screen");
    }

    #[test]
    fn table_of_sizes() {
        // (width, height) -> (parks, article, highlights) widths; 0: not shown.
        type Size = (u16, u16);
        type Widths = (u16, u16, u16);
        let table: &[(Size, Widths)] = &[
            ((40, 15), (0, 40, 0)),
            ((49, 30), (0, 49, 0)),
            ((50, 30), (20, 30, 20)),
            ((80, 24), (20, 60, 20)),
            ((99, 30), (20, 79, 20)),
            ((100, 30), (20, 80, 20)),
            ((104, 30), (20, 84, 20)),
            ((125, 30), (41, 84, 41)),
            ((126, 36), (20, 84, 22)),
            ((200, 50), (52, 84, 64)),
            ((240, 50), (56, 116, 68)),
        ];
        for &((w, h), (parks, article, highlights)) in table {
            let i = inputs(w, h);
            let p = panes(&i);
            let got = (width(p.parks), width(p.article), width(p.highlights));
            assert_eq!(got, (parks, article, highlights), "{w}×{h}");
            check_tiling(&p, i.area);
        }
    }

    #[test]
    fn the_article_never_narrows_as_the_terminal_widens() {
        for settings in [
            (28, 34, Some(80)),
            (28, 34, None),
            (8, 8, Some(20)),
            (200, 200, Some(200)),
            (40, 20, Some(60)),
        ] {
            for hidden in [
                Hidden::default(),
                Hidden {
                    parks: true,
                    highlights: false,
                },
                Hidden {
                    parks: false,
                    highlights: true,
                },
            ] {
                let mut last = 0;
                for w in 60..=240 {
                    let mut i = inputs(w, 30);
                    i.settings = PaneSettings {
                        parks_width: settings.0,
                        highlights_width: settings.1,
                        reading_width: settings.2,
                    };
                    i.hidden = hidden;
                    let p = panes(&i);
                    check_tiling(&p, i.area);
                    let article = width(p.article);
                    assert!(
                        article >= last,
                        "{settings:?} {hidden:?}: {article} at {w}, {last} at {}",
                        w - 1
                    );
                    last = article;
                }
            }
        }
    }

    #[test]
    fn at_80x24_the_article_takes_the_whole_height() {
        let p = panes(&inputs(80, 24));
        assert_eq!(p.article.map(|r| r.height), Some(23));
        let parks = p.parks.unwrap();
        let highlights = p.highlights.unwrap();
        assert_eq!(parks.height, 10, "the parks list's 8 rows and its frame");
        assert_eq!(highlights.y, parks.bottom());
        assert_eq!(highlights.height, 13);
        // A long parks list takes at most half the column.
        let mut long = inputs(80, 24);
        long.parks_rows = 500;
        assert_eq!(panes(&long).parks.map(|r| r.height), Some(11));
    }

    #[test]
    fn short_screens_show_the_focused_side_pane_beside_the_article() {
        let mut i = inputs(80, 15);
        let p = panes(&i);
        assert!(p.parks.is_some() && p.highlights.is_none());
        i.focus = Focus::Highlights;
        let p = panes(&i);
        assert!(p.parks.is_none() && p.highlights.is_some());
        assert_eq!(width(p.article), 60);
    }

    #[test]
    fn one_pane_zoom_hidden_and_too_small() {
        let mut i = inputs(45, 20);
        i.focus = Focus::Parks;
        assert_eq!(width(panes(&i).parks), 45);
        i.hidden.parks = true;
        assert_eq!(width(panes(&i).article), 45, "a hidden pane is never shown");
        let mut i = inputs(200, 50);
        i.zoom = true;
        assert_eq!(width(panes(&i).article), 200);
        i.zoom = false;
        i.hidden = Hidden {
            parks: true,
            highlights: true,
        };
        assert_eq!(width(panes(&i).article), 200);
        i.hidden.highlights = false;
        let p = panes(&i);
        assert_eq!((width(p.article), width(p.highlights)), (132, 68));
        assert!(panes(&inputs(19, 30)).too_small);
        assert!(panes(&inputs(80, 4)).too_small);
    }

    #[test]
    fn article_text_area_is_inside_the_frame() {
        let r = article_text_area(Rect::new(10, 0, 30, 10));
        assert_eq!(r, Rect::new(12, 1, 26, 8));
        assert_eq!(article_text_area(Rect::new(0, 0, 3, 10)).width, 0);
    }
}
