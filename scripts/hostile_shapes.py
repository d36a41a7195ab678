#!/usr/bin/env python3
"""Time and peak memory of newswire on hostile but legal input shapes.

Each shape is one file of about SIZE bytes (default just under the 16 MiB
input limit) made of one construct repeated: one-line headings,
paragraphs, list items, attributed quotes, discussion prompts, footnotes,
link reference definitions, balanced raw-HTML blocks, inline markup, a
table at the cell limit and front matter at the alias limit; and, for the
feed readers, an RSS feed and a JSON Feed of many small items. Every
shape runs through each command that reads it, and the script prints a
row per shape and command: wall time, seconds per MB of input, peak
resident memory and its ratio to the input's size, against the targets
of one second per MB and ten times the input.

  scripts/hostile_shapes.py              release build, 16 MiB shapes
  scripts/hostile_shapes.py --smoke      debug build, 64 KiB shapes: checks
                                         the script works, measures nothing
  NEWSWIRE_HOSTILE_MIB=4 scripts/hostile_shapes.py     smaller shapes
  NEWSWIRE_HOSTILE_ONLY=quotes,paragraphs ...          some shapes only

Shapes go to NEWSWIRE_BENCH_DIR (default target/bench)/hostile; what the
commands write goes to NEWSWIRE_HOSTILE_OUT (default /dev/shm when there is
one), a fresh directory per run: the figures are newswire's, not a disk's
(ext4 creating files right after many were deleted is slow for minutes).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMOKE = "--smoke" in sys.argv[1:]
PROFILE = "debug" if SMOKE else "release"
LIMIT = 16 * 1024 * 1024
# Room under the input limit for the front matter and the last unit.
SIZE = 64 * 1024 if SMOKE else int(float(os.environ.get("NEWSWIRE_HOSTILE_MIB", "16")) * 1024 * 1024) - 4096
WORK = os.path.join(os.environ.get("NEWSWIRE_BENCH_DIR", os.path.join(ROOT, "target", "bench")), "hostile")
BIN = os.path.join(ROOT, "target", PROFILE, "newswire")
OUT = os.environ.get("NEWSWIRE_HOSTILE_OUT") or ("/dev/shm" if os.access("/dev/shm", os.W_OK) else WORK)

FRONT = '+++\ntitle = "Shape"\ndate = 2024-01-01T00:00:00Z\nurl = "https://example.com/shape"\n+++\n\n'


def repeated(unit, size, head=""):
    """Units numbered from 0 until the text reaches size bytes."""
    parts = [head]
    total = len(head.encode())
    n = 0
    while total < size:
        piece = unit(n)
        parts.append(piece)
        total += len(piece.encode())
        n += 1
    return "".join(parts)


def article(body_unit, head=""):
    return FRONT + repeated(body_unit, SIZE - len(FRONT), head)


def table():
    # 10 columns; rows until just under 100,000 cells (fewer in a smoke run).
    count = min(9_998, SIZE // 100)
    header = "| " + " | ".join(f"h{c}" for c in range(10)) + " |\n|" + "---|" * 10 + "\n"
    rows = "".join("| " + " | ".join(f"r{r}c{c}" for c in range(10)) + " |\n" for r in range(count))
    return FRONT + header + rows


def aliases():
    # An anchored string repeated through aliases up to the 1 MiB limit,
    # then ordinary paragraphs to the shape's size.
    anchor = "x" * 1000
    front = "---\ntitle: Shape\ndate: 2024-01-01T00:00:00Z\nurl: https://example.com/shape\n"
    copies = min(1000, SIZE // 4000)
    front += f"extra:\n  base: &a {anchor}\n  copies: [" + ", ".join(["*a"] * copies) + "]\n---\n\n"
    return front + repeated(lambda n: f"Line {n}.\n\n", SIZE - len(front))


def rss():
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Shape</title><link>https://example.com/</link><description>Shape</description>\n'
    tail = "</channel></rss>\n"
    items = repeated(
        lambda n: f"<item><title>Item {n}</title><link>https://example.com/{n}</link><guid>https://example.com/{n}</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>&lt;p&gt;Text {n}.&lt;/p&gt;</description></item>\n",
        SIZE - len(head) - len(tail),
    )
    return head + items + tail


def json_feed():
    items = []
    total = 200
    n = 0
    while total < SIZE:
        item = {"id": f"https://example.com/{n}", "url": f"https://example.com/{n}", "title": f"Item {n}",
                "date_published": "2024-01-01T00:00:00Z", "content_html": f"<p>Text {n}.</p>"}
        total += len(json.dumps(item)) + 2
        items.append(item)
        n += 1
    def dumped():
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Shape",
                           "home_page_url": "https://example.com/", "items": items}, indent=1)
    text = dumped()
    # The indentation the estimate left out, taken off the end.
    while len(text.encode()) > SIZE:
        del items[len(items) * 19 // 20:]
        text = dumped()
    return text


ARTICLE_COMMANDS = {
    "convert -t all": lambda f, out: ["convert", f, "-t", "all", "--out-dir", out],
    "check": lambda f, out: ["check", f],
    "feed -t rss": lambda f, out: ["feed", f, "-t", "rss", "--title", "Shapes", "--link", "https://example.com/",
                                   "-o", os.path.join(out, "feed.xml")],
}
FEED_COMMANDS = {
    "import": lambda f, out: ["import", f, "--out-dir", out],
    "check": lambda f, out: ["check", f],
    "convert -t atom": lambda f, out: ["convert", f, "-t", "atom", "-o", os.path.join(out, "feed.atom")],
}

SHAPES = [
    ("headings", "md", lambda: article(lambda n: f"## Heading {n}\n\n"), ARTICLE_COMMANDS),
    ("paragraphs", "md", lambda: article(lambda n: f"Line {n}.\n\n"), ARTICLE_COMMANDS),
    ("list items", "md", lambda: article(lambda n: f"- item {n}\n"), ARTICLE_COMMANDS),
    ("quotes", "md", lambda: article(lambda n: f"> Words {n}.\n>\n> -- Person {n}\n\n"), ARTICLE_COMMANDS),
    ("prompts", "md", lambda: article(lambda n: f"- Prompt {n}?\n", "## Discussion\n\n"), ARTICLE_COMMANDS),
    ("footnotes", "md", lambda: article(lambda n: f"Text[^{n}].\n\n[^{n}]: Note {n}.\n\n"), ARTICLE_COMMANDS),
    ("link definitions", "md", lambda: article(lambda n: f"[l{n}]: https://example.com/{n}\n"), ARTICLE_COMMANDS),
    ("html blocks", "md", lambda: article(lambda n: f"<div>{n}</div>\n\n"), ARTICLE_COMMANDS),
    ("inline markup", "md", lambda: article(lambda n: f"**b{n}** _i_ `c` [l](https://example.com/{n})\n"), ARTICLE_COMMANDS),
    ("table at cell limit", "md", table, ARTICLE_COMMANDS),
    ("aliases at limit", "md", aliases, ARTICLE_COMMANDS),
    ("rss items", "xml", rss, FEED_COMMANDS),
    ("json feed items", "json", json_feed, FEED_COMMANDS),
]


# GNU time measures the peak of newswire alone: a child forked from this
# script would start from the script's own resident memory.
GNU_TIME = "/usr/bin/time"


def run(args):
    """Wall seconds, peak RSS in bytes, exit status and standard error of one run."""
    report = os.path.join(WORK, "time.txt")
    start = time.monotonic()
    proc = subprocess.run([GNU_TIME, "-o", report, "-f", "%M", BIN, *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    with open(report) as f:
        peak = int(f.read().split()[-1]) * 1024
    return wall, peak, proc.returncode, proc.stderr.decode(errors="replace")


def main():
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("hostile_shapes: needs GNU time at /usr/bin/time (Debian: apt-get install time)")
    build = ["cargo", "build", "--locked", "--bin", "newswire"] + ([] if SMOKE else ["--release"])
    subprocess.run(build, cwd=ROOT, check=True)
    os.makedirs(WORK, exist_ok=True)
    only = set(filter(None, os.environ.get("NEWSWIRE_HOSTILE_ONLY", "").split(",")))
    print(f"{'shape':<22} {'command':<16} {'MB':>6} {'status':>6} {'seconds':>8} {'s/MB':>6} {'peak MB':>8} {'x input':>8}")
    failed = False
    for name, ext, make, commands in SHAPES:
        if only and name not in only:
            continue
        path = os.path.join(WORK, name.replace(" ", "-") + "." + ext)
        with open(path, "w", encoding="utf-8") as f:
            f.write(make())
        size = os.path.getsize(path)
        mb = size / 1e6
        for label, command in commands.items():
            out = tempfile.mkdtemp(prefix="newswire-hostile-", dir=OUT)
            try:
                wall, peak, status, stderr = run(command(path, out))
            finally:
                shutil.rmtree(out, ignore_errors=True)
            # 0 or 1 (findings); anything else is a failure of the shape.
            if status not in (0, 1) and not (label == "check" and status == 65):
                failed = True
                print(f"hostile_shapes: {name}: {label} exited {status}: {stderr.strip()[:300]}", file=sys.stderr)
            print(f"{name:<22} {label:<16} {mb:>6.1f} {status:>6} {wall:>8.2f} {wall / mb:>6.2f} {peak / 1e6:>8.0f} {peak / size:>8.1f}")
        os.remove(path)
    print("targets: at most 1.00 s/MB and 10.0x the input in peak memory")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
