#!/usr/bin/env python3
"""List the functions longer than a limit (80 lines: the house rule), outside tests.

A function runs from its `fn` line to the closing brace at the same indent; a
file's test module (`#[cfg(test)] mod …`) and everything after it is left out.
Usage: long-functions.py [LIMIT] [PATH…] (default: 80 and src/). Prints
`path:line name lines`, longest first; exits 1 when any is found.
"""
import os
import re
import sys

FN = re.compile(r"^(\s*)(?:pub(?:\([^)]*\))? )?(?:const )?(?:async )?(?:unsafe )?fn (\w+)")
TEST_MODULE = re.compile(r"\s*(?:pub )?mod \w+")


def rust_files(roots):
    for root in roots:
        if os.path.isfile(root):
            yield root
            continue
        for folder, _, names in os.walk(root):
            for name in names:
                if name.endswith(".rs"):
                    yield os.path.join(folder, name)


def long_functions(path, limit):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    end = len(lines)
    for i, line in enumerate(lines[:-1]):
        if line.strip() == "#[cfg(test)]" and TEST_MODULE.match(lines[i + 1]):
            end = i
            break
    for i, line in enumerate(lines[:end]):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent, name = m.group(1), m.group(2)
        if line.rstrip().endswith("}"):
            continue  # one line
        close = next(
            (j for j in range(i + 1, end) if lines[j].startswith(indent + "}")),
            None,
        )
        if close is not None and close - i + 1 > limit:
            yield close - i + 1, f"{path}:{i + 1} {name} {close - i + 1}"


def main():
    args = sys.argv[1:]
    limit = int(args.pop(0)) if args and args[0].isdigit() else 80
    found = sorted(
        (hit for path in sorted(rust_files(args or ["src"])) for hit in long_functions(path, limit)),
        reverse=True,
    )
    for _, text in found:
        print(text)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
