//! `{"key": [item, …]}` written byte for byte as `serde_json::to_writer_pretty` writes
//! it, the items serialised on every core. `figures --json` over an archive is as
//! large as the archive and its rows are independent: one core writing them all was
//! a third of the command's time.

use std::io::{self, Write};

use serde::Serialize;

/// Items serialised between two writes: enough to keep every core busy, few enough
/// that the output waiting to be written stays small.
const BATCH: usize = 4096;

/// What serde_json's pretty printer puts before an item of the array: the comma after
/// the one before, a line end, and two levels of its two-space indent.
const ITEM_START: &[u8] = b"\n    ";

/// Write `{"key": items}` as serde_json would. `key` is written as it is: a plain
/// name, nothing that needs escaping in JSON.
pub fn write_object_of_array<T: Serialize + Sync>(
    out: &mut dyn Write,
    key: &str,
    items: &[T],
) -> io::Result<()> {
    if items.is_empty() {
        return write!(out, "{{\n  \"{key}\": []\n}}");
    }
    write!(out, "{{\n  \"{key}\": [")?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut first = true;
    for batch in items.chunks(BATCH) {
        let chunk = batch.len().div_ceil(threads).max(1);
        let parts: Vec<io::Result<Vec<u8>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = batch
                .chunks(chunk)
                .map(|part| scope.spawn(move || serialise_items(part)))
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join()
                        .unwrap_or_else(|_| Err(io::Error::other("panicked")))
                })
                .collect()
        });
        for part in parts {
            let part = part?;
            // Each part starts with its item separator; the very first item has no comma.
            let part = if first { &part[1..] } else { &part[..] };
            out.write_all(part)?;
            first = false;
        }
    }
    out.write_all(b"\n  ]\n}")
}

/// `,` + `ITEM_START` + the item, pretty and indented two levels, for each item. JSON
/// strings hold no raw line end (serde_json escapes them), so every line end in an
/// item's text is one of the printer's and takes the indent.
fn serialise_items<T: Serialize>(items: &[T]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut item = Vec::new();
    for value in items {
        item.clear();
        serde_json::to_writer_pretty(&mut item, value)?;
        out.push(b',');
        out.extend_from_slice(ITEM_START);
        let mut lines = item.split(|&b| b == b'\n');
        if let Some(line) = lines.next() {
            out.extend_from_slice(line);
        }
        for line in lines {
            out.extend_from_slice(ITEM_START);
            out.extend_from_slice(line);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        text: String,
        value: f64,
        unit: Option<&'static str>,
        nested: Vec<u32>,
    }

    #[derive(Serialize)]
    struct Listing<'a> {
        figures: &'a [Row],
    }

    fn rows(n: usize) -> Vec<Row> {
        (0..n)
            .map(|i| Row {
                text: format!("{i}亿元 \"引号\"\n换行\t制表 \\ ✓"),
                value: i as f64 / 3.0,
                unit: (i % 2 == 0).then_some("元"),
                nested: (0..(i % 3) as u32).collect(),
            })
            .collect()
    }

    #[test]
    fn writes_what_serde_json_writes() {
        // Empty, one, a few, and more than a batch (with a part of one item at the end).
        for n in [0, 1, 2, 7, BATCH + 5] {
            let rows = rows(n);
            let mut ours = Vec::new();
            write_object_of_array(&mut ours, "figures", &rows).unwrap();
            let theirs = serde_json::to_vec_pretty(&Listing { figures: &rows }).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap(),
                "{n} rows"
            );
        }
    }
}
