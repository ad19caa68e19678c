#!/usr/bin/env python3
"""Write N synthetic pages in the seed's layout, for benchmarks.

Each page is the seed with its park names, figures and order of items varied,
so that no two pages are byte-identical. Usage: gen-pages.py OUT_DIR [N] [--dated]
(gen-pages.py --help says more).

With --dated, page i is named by its date, a week apart going back from
2024-07-30 (2024-07-30-kjrb-yuanqu.txt, 2024-07-23-kjrb-yuanqu.txt, …), as an
archive of a weekly page is.
"""
import argparse
import datetime
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = open(os.path.join(ROOT, "data", "keji-ribao-yuanqu-page.txt"), encoding="utf-8").read()
CITIES = ["合肥", "宁德", "株洲", "芜湖", "洛阳", "绵阳", "常州", "烟台", "柳州", "襄阳", "南通", "潍坊"]


def page(i: int) -> str:
    rnd = random.Random(i)
    text = SEED
    for old in ["赣州", "西安", "贵阳", "大同", "沈抚"]:
        text = text.replace(old, rnd.choice(CITIES))
    digits = list(text)
    for j, c in enumerate(digits):
        if c.isdigit() and rnd.random() < 0.3:
            digits[j] = str(rnd.randrange(1, 10))
    return "".join(digits)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Write N synthetic pages in the seed's layout into OUT_DIR, for "
        "benchmarks and for trying the reader on a large collection.",
    )
    parser.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the pages into (made if missing)")
    parser.add_argument("n", metavar="N", nargs="?", type=int, default=2000, help="how many pages (default 2000)")
    parser.add_argument(
        "--dated",
        action="store_true",
        help="name page i by its date, a week apart back from 2024-07-30 "
        "(2024-07-30-kjrb-yuanqu.txt …), as an archive of a weekly page is",
    )
    args = parser.parse_args(argv)
    # `gen-pages.py --hlep` once wrote 2,000 pages into ./--hlep: a folder that
    # starts with - is almost surely a mistyped option.
    if args.out_dir.startswith("-"):
        parser.error(f"OUT_DIR {args.out_dir!r} starts with '-': if you mean it, write ./{args.out_dir}")
    if args.n < 0:
        parser.error("N must be 0 or more")
    return args


def main(argv=None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.makedirs(args.out_dir, exist_ok=True)
    last = datetime.date(2024, 7, 30)
    for i in range(args.n):
        if args.dated:
            name = f"{last - datetime.timedelta(weeks=i)}-kjrb-yuanqu.txt"
        else:
            name = f"page-{i:05}.txt"
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
            f.write(page(i))


if __name__ == "__main__":
    main()
