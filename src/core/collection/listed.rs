//! Loading some of a walk's files alone, each file's articles as a load reads
//! them (through the index), for a caller that keeps what files gave and reads
//! only the files that changed (`core::list_rows`).

use std::path::PathBuf;

use super::files::FoundFile;
use super::indexed::{IndexedRun, WRITE_EVERY};
use super::model::LoadWarning;
use crate::core::article::Article;
use crate::core::index::IndexPlace;
use crate::core::page::Detail;

/// One file's articles, as `stamp_with_path` leaves them (no ids yet), and the
/// length and hash of its bytes, by which a copy of it is known.
pub struct ListedFile {
    pub articles: Vec<Article>,
    pub digest: (u64, u64),
}

/// The files of `files` (the walk over `paths`, in its order) at the positions in
/// `which`, loaded through the index at `place` as deep as `detail`; `None` when
/// one of them fails or gives no articles (what only a whole load reports). The
/// index's notes (an index set aside) come with it. The index keeps its entries for
/// the files not loaded; with `forget_gone`, those of files gone from the walk are
/// forgotten (a look at every entry under the folders: not done when the caller
/// knows none went).
pub fn load_listed(
    place: &IndexPlace,
    paths: &[PathBuf],
    files: &[(PathBuf, bool)],
    which: &[usize],
    detail: Detail,
    forget_gone: bool,
) -> (Option<Vec<ListedFile>>, Vec<LoadWarning>) {
    let found = |(path, named): &(PathBuf, bool)| FoundFile {
        path: path.clone(),
        named: *named,
    };
    let chosen: Vec<FoundFile> = which
        .iter()
        .filter_map(|&i| files.get(i))
        .map(found)
        .collect();
    let mut run = IndexedRun::start(place, paths);
    let mut parsed = Vec::with_capacity(chosen.len());
    for batch in chosen.chunks(WRITE_EVERY) {
        parsed.extend(run.parse(batch, detail));
        run.flush();
    }
    let mut notes = Vec::new();
    let all: Vec<FoundFile> = match forget_gone {
        true => files.iter().map(found).collect(),
        false => Vec::new(),
    };
    run.finish(forget_gone.then_some(all.as_slice()), &mut notes);
    let loaded = parsed
        .into_iter()
        .map(|result| {
            let loaded = result.ok().filter(|l| !l.articles.is_empty())?;
            Some(ListedFile {
                articles: loaded.articles,
                digest: (loaded.digest.len as u64, loaded.digest.hash),
            })
        })
        .collect::<Option<Vec<_>>>()
        .filter(|_| chosen.len() == which.len());
    (loaded, notes)
}
