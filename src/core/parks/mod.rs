//! Parks: the registry in `data/parks.toml` (`registry`), what a park name looks
//! like (`names`), finding the park an article is about (`detect`), and finding a
//! park by Chinese or pinyin as a reader types (`finder`).

mod detect;
pub mod finder;
mod names;
mod registry;

pub use detect::{detect_park, province_before, province_in};
pub(crate) use names::PROVINCES;
pub use names::{normalize, same_park, ParkKey};
pub use registry::{Park, ParkRegistry};
