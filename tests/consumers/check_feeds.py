"""Reads newswire's feeds the way real consumers do.

Usage: check_feeds.py DIR

DIR holds `convert -t all --out-dir` outputs (NAME.rss.xml and NAME.atom.xml
beside NAME.article.json) and any other RSS or Atom feeds. Every feed
must parse in Python's feedparser without the bozo flag, and the content it
shows must keep each quote's "— Name, Role" and every discussion prompt.
Every Atom feed must also validate against RFC 4287's RELAX NG grammar.
"""

import html
import json
import pathlib
import re
import subprocess
import sys

import feedparser

ROOT = pathlib.Path(__file__).resolve().parents[2]
ATOM_RNG = ROOT / "tests" / "conformance" / "atom.rng"
# Released feedparser reads RSS and Atom only; JSON Feed is checked against
# the JSON Feed 1.1 schema and with feed-rs by the Rust test suite.
SUFFIXES = (".rss.xml", ".atom.xml")


def plain(markup):
    """The text a reader sees: tags dropped, entities decoded, spaces folded."""
    text = html.unescape(re.sub(r"<[^>]+>", "", markup))
    return " ".join(text.split())


def expected_strings(article):
    """What the shown content must contain, from the article model."""
    wanted = []
    for block in article["body"]:
        if block["type"] == "quote":
            who = block["attribution"]
            line = "— " + who["name"]
            if who.get("role"):
                line += ", " + who["role"]
            wanted.append(line)
    discussion = article.get("discussion")
    if discussion:
        wanted.append(discussion["heading"])
        wanted.extend(plain(prompt.replace("*", "")) for prompt in discussion["prompts"])
    return wanted


def check(path, failures):
    parsed = feedparser.parse(str(path))
    if parsed.bozo:
        failures.append(f"{path.name}: feedparser bozo: {parsed.bozo_exception}")
        return
    if not parsed.entries:
        return
    stem = path.name
    for suffix in SUFFIXES:
        stem = stem.removesuffix(suffix)
    model = path.with_name(stem + ".article.json")
    if not model.exists():
        return
    article = json.loads(model.read_text(encoding="utf-8"))
    entry = parsed.entries[0]
    shown = plain(entry.content[0].value if entry.get("content") else entry.get("summary", ""))
    for wanted in expected_strings(article):
        if wanted not in shown:
            failures.append(f"{path.name}: feedparser shows no {wanted!r}")
    if entry.get("title") != article["meta"]["title"]:
        failures.append(f"{path.name}: title {entry.get('title')!r}")


def validate_atom(path, failures):
    result = subprocess.run(
        ["xmllint", "--noout", "--relaxng", str(ATOM_RNG), str(path)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        failures.append(f"{path.name}: RFC 4287 grammar: {result.stderr.strip()}")


def main():
    directory = pathlib.Path(sys.argv[1])
    failures = []
    feeds = sorted(p for p in directory.iterdir() if p.name.endswith(SUFFIXES))
    for path in feeds:
        check(path, failures)
        if path.name.endswith(".atom.xml"):
            validate_atom(path, failures)
    for failure in failures:
        print(failure)
    print(f"feeds: {len(feeds) - len({f.split(':')[0] for f in failures})} passed, "
          f"{len({f.split(':')[0] for f in failures})} failed")
    return 1 if failures or not feeds else 0


if __name__ == "__main__":
    sys.exit(main())
