//! `yuanqu add`: single article pages, by URL or as saved HTML files, into the
//! archive, kept as fetched articles are (once, atomically, remembered).

use std::path::{Path, PathBuf};

use super::memory::item_key;
use super::report::SourceReport;
use super::run::{with_run, Run};
use super::source::FetchSettings;
use crate::core::extract::charset::decode_document;
use crate::core::extract::{extract_html, host_of};
use crate::core::page::Detail;

/// What to add: an address, or a saved page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddInput {
    Url(String),
    File(PathBuf),
}

impl AddInput {
    pub fn parse(arg: &str) -> AddInput {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            AddInput::Url(arg.to_string())
        } else {
            AddInput::File(PathBuf::from(arg))
        }
    }

    /// The source an added article is filed under: the site's host, or `saved pages`.
    fn source(&self) -> String {
        match self {
            AddInput::Url(url) => host_of(url).unwrap_or("web").to_string(),
            AddInput::File(_) => "saved pages".to_string(),
        }
    }
}

/// Add each input; a report per input (its `name` is the URL or file), and notes
/// on the archive. Errs only when the archive itself cannot be used.
pub fn add_all(
    inputs: &[AddInput],
    settings: &FetchSettings,
    archive: &Path,
) -> Result<(Vec<SourceReport>, Vec<String>), String> {
    with_run(archive, settings, |run| {
        inputs.iter().map(|input| add_one(run, input)).collect()
    })
}

fn add_one(run: &Run, input: &AddInput) -> SourceReport {
    let (name, read) = match input {
        AddInput::Url(url) => (url.clone(), read_url(run, url)),
        AddInput::File(path) => (path.display().to_string(), read_file(path)),
    };
    let mut report = SourceReport {
        name: crate::core::sanitize::escape_for_terminal(&name),
        ..SourceReport::default()
    };
    match read {
        Ok((article, key)) => {
            let source = input.source();
            run.keep(article, &source, &item_key(&source, &key), 0, &mut report)
        }
        Err(e) => {
            report.failed += 1;
            report.error = Some(e);
        }
    }
    report
}

/// The article of a URL, and the key it is remembered by (the URL).
fn read_url(run: &Run, url: &str) -> Result<(crate::core::article::Article, String), String> {
    let body = run.client.get_body(url).map_err(|e| e.to_string())?;
    let (text, _) = decode_document(&body.bytes, body.charset.as_deref());
    let article = extract_html(&text, Some(url), Detail::Outline).map_err(|e| e.to_string())?;
    Ok((article, url.to_string()))
}

/// The article of a saved page; remembered by its own address when it names one,
/// else by its content, so adding the same page twice keeps it once.
fn read_file(path: &Path) -> Result<(crate::core::article::Article, String), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > crate::core::collection::MAX_FILE_BYTES {
        return Err("too large for an article page".into());
    }
    let (text, _) = decode_document(&bytes, None);
    let article = extract_html(&text, None, Detail::Outline).map_err(|e| e.to_string())?;
    let key = article
        .url
        .clone()
        .unwrap_or_else(|| format!("{:016x}", crate::core::ids::fast_hash(0, text.as_bytes())));
    Ok((article, key))
}
