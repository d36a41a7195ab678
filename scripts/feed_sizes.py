"""The size of a feed against the same feed with only standard elements.

    python3 scripts/feed_sizes.py FEED...

For each RSS or Atom feed it removes the `nw:article` elements, for each
JSON Feed the `_newswire` objects, and prints the feed's size, the size
without them, and the ratio: how much the structured data adds to a feed
that carries the full HTML content anyway.
"""

import json
import pathlib
import re
import sys

ARTICLE = re.compile(r"\s*<nw:article>.*?</nw:article>", re.S)


def sizes(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    if path.endswith(".json"):
        feed = json.loads(text)
        whole = json.dumps(feed, indent=2, ensure_ascii=False)
        for item in feed.get("items", []):
            item.pop("_newswire", None)
        bare = json.dumps(feed, indent=2, ensure_ascii=False)
    else:
        whole = text
        bare = ARTICLE.sub("", text)
    return len(whole.encode()), len(bare.encode())


def main():
    for path in sys.argv[1:]:
        whole, bare = sizes(path)
        print(f"{path}\t{whole / 1e6:.1f} MB\t{bare / 1e6:.1f} MB standard only\t{whole / bare:.2f}x")


if __name__ == "__main__":
    main()
