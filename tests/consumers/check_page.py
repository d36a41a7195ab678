"""Looks at newswire's HTML pages in a real browser: headless Chromium.

Usage: check_page.py DIR

Every NAME.html in DIR is opened at a desktop and a phone width with a
script added to a copy of it that measures what a reader sees: the page's
stylesheet is applied (a measure of at most 40em for the text, quotes set
off by a rule, captions and bylines quieter than the text, the discussion
on a tinted box), and nothing is wider than the phone's screen. The
browser writes the figures into the page, and --dump-dom hands them back.
"""

import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network: no background services, no first-run work.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=2000",
]

MEASURE = """
<script>
(() => {
  const style = (selector, property) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element).getPropertyValue(property) : null;
  };
  const width = (selector) => {
    const element = document.querySelector(selector);
    return element ? element.getBoundingClientRect().width : null;
  };
  const figures = {
    textWidth: width("article > p"),
    fontSize: parseFloat(style("body", "font-size")),
    quoteRule: parseFloat(style("figure.quote", "border-inline-start-width")),
    quoteBlock: style("figure.quote blockquote", "font-style"),
    bodyColor: style("body", "color"),
    captionColor: style("figure.quote figcaption", "color"),
    bylineColor: style(".byline", "color"),
    discussionBackground: style("section.discussion", "background-color"),
    pageWidth: document.documentElement.scrollWidth,
    viewWidth: window.innerWidth,
  };
  const out = document.createElement("pre");
  out.id = "newswire-figures";
  out.textContent = JSON.stringify(figures);
  document.body.appendChild(out);
})();
</script>
"""


def measure(page, width):
    """What the browser measured of `page` at `width` pixels."""
    with tempfile.TemporaryDirectory() as profile:
        copy = pathlib.Path(profile) / "page.html"
        copy.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        dumped = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}/data",
             f"--window-size={width},900", "--dump-dom", copy.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout
    found = re.search(r'<pre id="newswire-figures">(.*?)</pre>', dumped, re.S)
    if not found:
        raise AssertionError("the browser ran no script: " + dumped[:300])
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def check(path):
    page = path.read_text(encoding="utf-8")
    problems = []
    desktop = measure(page, 1280)
    size = desktop["fontSize"]
    if not desktop["textWidth"] or desktop["textWidth"] > 40 * size:
        problems.append(f"text {desktop['textWidth']}px wide: more than 40em of {size}px")
    if size < 16:
        problems.append(f"body text {size}px: smaller than 16px")
    if "<figure class=\"quote\">" in page:
        if not desktop["quoteRule"] or desktop["quoteRule"] < 2:
            problems.append("quotes are not set off by a rule")
        if desktop["captionColor"] == desktop["bodyColor"]:
            problems.append("quote attributions are as loud as the text")
    if desktop["bylineColor"] == desktop["bodyColor"]:
        problems.append("the byline is as loud as the text")
    if "<section class=\"discussion\">" in page and desktop["discussionBackground"] in (
        None, "rgba(0, 0, 0, 0)", "transparent"):
        problems.append("the discussion has no box of its own")
    phone = measure(page, 375)
    if phone["pageWidth"] > phone["viewWidth"]:
        problems.append(f"{phone['pageWidth']}px wide on a {phone['viewWidth']}px phone")
    return problems


def main():
    if CHROMIUM is None:
        sys.exit("check_page.py: no chromium on PATH")
    pages = sorted(pathlib.Path(sys.argv[1]).glob("*.html"))
    if not pages:
        sys.exit("check_page.py: no pages in " + sys.argv[1])
    failed = 0
    for path in pages:
        problems = check(path)
        for problem in problems:
            print(f"{path.name}: {problem}")
        failed += bool(problems)
    print(f"{len(pages) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
