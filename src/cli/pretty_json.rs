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
    let threads = crate::core::workers::cores();
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

/// `,` + `ITEM_START` + the item, pretty and indented two levels, for each item:
/// written straight into the output by a formatter that starts two levels in
/// (serialising each item alone and indenting its lines after cost a second pass).
fn serialise_items<T: Serialize>(items: &[T]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for value in items {
        out.push(b',');
        out.extend_from_slice(ITEM_START);
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut out, NestedPretty::at_level(2));
        value.serialize(&mut serializer)?;
    }
    Ok(out)
}

/// serde_json's `PrettyFormatter` (two-space indent), begun `level` levels in: what
/// it writes is what the pretty printer writes for a value nested that deep.
pub(super) struct NestedPretty {
    level: usize,
    has_value: bool,
}

impl NestedPretty {
    pub(super) fn at_level(level: usize) -> NestedPretty {
        NestedPretty {
            level,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        for _ in 0..self.level {
            out.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }

    fn next_entry<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }
}

impl serde_json::ser::Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next_entry(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next_entry(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
