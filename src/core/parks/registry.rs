//! The park registry (`data/parks.toml`): canonical names, aliases, province
//! and city, and finding its names in a text.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::names::{normalize, ParkKey};

/// One entry of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Park {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default, rename = "park")]
    parks: Vec<Park>,
}

#[derive(Debug, Clone, Default)]
pub struct ParkRegistry {
    pub parks: Vec<Park>,
    /// Every name and alias, normalised, with the index of its park.
    forms: Vec<(String, usize)>,
    /// Indexes into `forms` by their first char, for one-pass search.
    by_first_char: HashMap<char, Vec<usize>>,
    /// One bit per char of the Basic Multilingual Plane: may a form start with
    /// it? Most chars of a text start none, and a bit is cheaper than a hash.
    first_char_bits: Vec<u64>,
    /// Each form as place prefix and kind of park, for short/full matching.
    form_kinds: Vec<Option<ParkKey>>,
    /// The first form of each exact name, so a lookup is one hash, not a scan.
    by_form: HashMap<String, usize>,
    /// Indexes into `forms` of each kind of park, in order: a short/full lookup
    /// compares only forms of its own kind.
    by_kind: HashMap<&'static str, Vec<usize>>,
}

pub(super) const BUILTIN_REGISTRY: &str = include_str!("../../../data/parks.toml");

impl ParkRegistry {
    pub fn from_toml(text: &str) -> Result<ParkRegistry, toml::de::Error> {
        let file: RegistryFile = toml::from_str(text)?;
        Ok(ParkRegistry::new(file.parks))
    }

    pub fn new(parks: Vec<Park>) -> ParkRegistry {
        let forms = parks
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.forms().map(move |f| (normalize(f), i)))
            .filter(|(f, _)| !f.is_empty())
            .collect();
        let forms: Vec<(String, usize)> = forms;
        let mut by_first_char: HashMap<char, Vec<usize>> = HashMap::new();
        let mut first_char_bits = vec![0u64; 0x1_0000 / 64];
        for (k, (form, _)) in forms.iter().enumerate() {
            if let Some(c) = form.chars().next() {
                by_first_char.entry(c).or_default().push(k);
                if let Some(word) = first_char_bits.get_mut(c as usize / 64) {
                    *word |= 1 << (c as usize % 64);
                }
            }
        }
        let form_kinds: Vec<Option<ParkKey>> = forms
            .iter()
            .map(|(f, _)| ParkKey::of_normalized(f))
            .collect();
        let mut by_form = HashMap::new();
        for (form, park) in &forms {
            by_form.entry(form.clone()).or_insert(*park);
        }
        let mut by_kind: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (k, key) in form_kinds.iter().enumerate() {
            if let Some(key) = key {
                by_kind.entry(key.kind).or_default().push(k);
            }
        }
        ParkRegistry {
            parks,
            forms,
            first_char_bits,
            by_first_char,
            form_kinds,
            by_form,
            by_kind,
        }
    }

    /// The registry built into the binary.
    pub fn builtin() -> &'static ParkRegistry {
        static REGISTRY: OnceLock<ParkRegistry> = OnceLock::new();
        // The built-in file is checked by a test; an empty registry is the safe fallback.
        REGISTRY.get_or_init(|| ParkRegistry::from_toml(BUILTIN_REGISTRY).unwrap_or_default())
    }

    /// The entry whose name or alias is `name`, or a short/full form of one.
    pub fn lookup(&self, name: &str) -> Option<&Park> {
        let name = normalize(name);
        if let Some(&i) = self.by_form.get(&name) {
            return Some(&self.parks[i]);
        }
        // Short and full forms: only forms of the same kind of park can match.
        let key = ParkKey::of_normalized(&name)?;
        self.by_kind
            .get(key.kind)?
            .iter()
            .find(|&&k| {
                self.form_kinds[k]
                    .as_ref()
                    .is_some_and(|kind| kind.same_park(&key))
            })
            .map(|&k| &self.parks[self.forms[k].1])
    }

    /// The earliest registry form in `text` (normalised): (char position, canonical name).
    /// One pass over the text, trying only the forms that start with each char.
    pub(super) fn first_form_in(&self, text: &str) -> Option<(usize, &str)> {
        for (pos, (at, c)) in text.char_indices().enumerate() {
            // Chars beyond the plane are looked up; an empty registry has no bits.
            let bit = 1u64 << (c as usize % 64);
            let starts_none = (c as usize) < 0x1_0000
                && self
                    .first_char_bits
                    .get(c as usize / 64)
                    .is_none_or(|word| word & bit == 0);
            if starts_none {
                continue;
            }
            let Some(candidates) = self.by_first_char.get(&c) else {
                continue;
            };
            let rest = &text[at..];
            let hit = candidates
                .iter()
                .map(|&k| &self.forms[k])
                .filter(|(f, _)| rest.starts_with(f.as_str()))
                .max_by_key(|(f, _)| f.len());
            if let Some(&(_, i)) = hit {
                return Some((pos, self.parks[i].name.as_str()));
            }
        }
        None
    }
}

impl Park {
    /// The canonical name and every alias.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_registry_parses() {
        let reg = ParkRegistry::from_toml(BUILTIN_REGISTRY).expect("data/parks.toml");
        assert!(reg.parks.len() >= 5);
        assert_eq!(
            reg.lookup("贵阳综保区").map(|p| p.name.as_str()),
            Some("贵阳综合保税区")
        );
        assert_eq!(
            reg.lookup("沈抚示范区").map(|p| p.name.as_str()),
            Some("沈抚改革创新示范区")
        );
    }
}
