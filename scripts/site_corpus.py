"""Measures newswire on static-site repositories as they are.

    python3 scripts/site_corpus.py [--newswire BIN] SITE...

For each site (a Hugo, Jekyll, Zola or Eleventy repository) it runs
`newswire feed SITE -t FORMAT` with no other flag, in every feed format,
and prints: whether a feed was made, how many of the site's dated posts
became items, whether every item link is absolute under the site's base
URL, whether any template syntax is left in content outside code, the
errors `newswire check` finds in each feed (the W3C validator's rules it
implements), and the errors it finds in the site's own posts.
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

TEMPLATE = re.compile(r"\{\{[<%]|\{%|\{\{ |\]\(@/|href=\"@/")
CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def measure(newswire, site, work):
    row = {"site": site}
    checked = run([newswire, "check", site, "--format", "json"])
    errors = [f for f in json.loads(checked.stdout or "[]") if f["severity"] == "error"]
    row["post errors"] = len(errors)
    feed = run([newswire, "feed", site, "-t", "jsonfeed", "-q"])
    if feed.returncode != 0:
        row["feed"] = "FAIL: " + feed.stderr.strip().splitlines()[-1][:120]
        return row, errors
    document = json.loads(feed.stdout)
    items = document["items"]
    base = document.get("home_page_url", "")
    # A dated post that is not an item failed to read: check has its error.
    dated = len(items) + len({error["file"] for error in errors})
    row["feed"] = "ok"
    row["items"] = f"{len(items)}/{dated}"
    row["links"] = "ok" if base and all(item.get("url", "").startswith(base) for item in items) else "FAIL"
    leftover = [item["url"] for item in items if TEMPLATE.search(CODE.sub("", item["content_html"]))]
    row["templates"] = "none" if not leftover else f"{len(leftover)} items"
    feed_errors = 0
    for format in ["rss", "atom", "jsonfeed"]:
        out = pathlib.Path(work) / f"{pathlib.Path(site).name}.{format}"
        made = run([newswire, "feed", site, "-t", format, "-q", "-o", str(out)])
        if made.returncode != 0:
            feed_errors += 1
            continue
        found = json.loads(run([newswire, "check", str(out), "--format", "json"]).stdout or "[]")
        feed_errors += sum(1 for f in found if f["severity"] == "error")
    row["feed errors"] = feed_errors
    return row, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--newswire", default="target/release/newswire")
    parser.add_argument("sites", nargs="+")
    args = parser.parse_args()
    columns = ["site", "feed", "items", "links", "templates", "feed errors", "post errors"]
    print("  ".join(f"{c:<14}" for c in columns))
    failures = []
    with tempfile.TemporaryDirectory() as work:
        for site in args.sites:
            row, errors = measure(args.newswire, site, work)
            print("  ".join(f"{str(row.get(c, '-')):<14}" for c in columns))
            failures.extend(errors)
    for error in failures:
        print(f"  {error['file']}:{error['line']}:{error['column']}: {error['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
