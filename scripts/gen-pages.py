#!/usr/bin/env python3
"""Write N synthetic pages in the seed's layout, for benchmarks.

Each page is the seed with its park names, figures and order of items varied,
so that no two pages are byte-identical. Usage: gen-pages.py OUT_DIR [N] [--dated]

With --dated, page i is named by its date, a week apart going back from
2024-07-30 (2024-07-30-kjrb-yuanqu.txt, 2024-07-23-kjrb-yuanqu.txt, …), as an
archive of a weekly page is.
"""
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


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--dated"]
    dated = "--dated" in sys.argv[1:]
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 2000
    os.makedirs(out, exist_ok=True)
    last = datetime.date(2024, 7, 30)
    for i in range(n):
        if dated:
            name = f"{last - datetime.timedelta(weeks=i)}-kjrb-yuanqu.txt"
        else:
            name = f"page-{i:05}.txt"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(page(i))


if __name__ == "__main__":
    main()
