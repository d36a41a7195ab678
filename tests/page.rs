//! The HTML page as a browser gets it: parsed by an HTML5 parser, with its
//! stylesheet embedded or linked, or written by a template.

use crate::util::{assert_fails, root, run, stderr, stdout};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

fn syria() -> String {
    root()
        .join("samples/syria-what-happens-now.md")
        .display()
        .to_string()
}

/// The page parsed as a browser parses it; the parse must need no error
/// recovery.
fn parse(page: &str) -> RcDom {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut page.as_bytes())
        .expect("reading from memory");
    assert!(
        dom.errors.borrow().is_empty(),
        "parse errors: {:?}",
        dom.errors.borrow()
    );
    dom
}

/// Every element named `name`, in document order.
fn elements(node: &Handle, name: &str, found: &mut Vec<Handle>) {
    if let NodeData::Element { name: element, .. } = &node.data
        && &*element.local == name
    {
        found.push(node.clone());
    }
    for child in node.children.borrow().iter() {
        elements(child, name, found);
    }
}

fn all(dom: &RcDom, name: &str) -> Vec<Handle> {
    let mut found = Vec::new();
    elements(&dom.document, name, &mut found);
    found
}

fn attribute(node: &Handle, name: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else {
        return None;
    };
    attrs
        .borrow()
        .iter()
        .find(|attr| &*attr.name.local == name)
        .map(|attr| attr.value.to_string())
}

fn text(node: &Handle) -> String {
    let mut out = String::new();
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    for child in node.children.borrow().iter() {
        out.push_str(&text(child));
    }
    out
}

#[test]
fn the_page_embeds_its_stylesheet_in_the_head() {
    let page = stdout(&run(&["convert", &syria(), "-t", "html"], b""));
    let dom = parse(&page);
    let styles = all(&dom, "style");
    assert_eq!(styles.len(), 1);
    assert_eq!(text(&styles[0]).trim(), newswire::write::STYLESHEET.trim());
    // What the stylesheet styles is on the page.
    for selector in [
        "figure.quote",
        "section.discussion",
        "figcaption",
        ".byline",
    ] {
        assert!(newswire::write::STYLESHEET.contains(selector), "{selector}");
    }
    assert_eq!(
        all(&dom, "figure").len(),
        3,
        "the lead image and two quotes"
    );
    assert!(
        all(&dom, "link")
            .iter()
            .all(|link| attribute(link, "rel").as_deref() != Some("stylesheet"))
    );
}

#[test]
fn css_links_stylesheets_instead() {
    let page = stdout(&run(
        &[
            "convert",
            &syria(),
            "-t",
            "html",
            "--css",
            "/style.css",
            "-c",
            "https://example.com/a.css?x=1&y=\"2\"",
        ],
        b"",
    ));
    let dom = parse(&page);
    assert!(all(&dom, "style").is_empty());
    let linked: Vec<String> = all(&dom, "link")
        .iter()
        .filter(|link| attribute(link, "rel").as_deref() == Some("stylesheet"))
        .filter_map(|link| attribute(link, "href"))
        .collect();
    assert_eq!(
        linked,
        ["/style.css", "https://example.com/a.css?x=1&y=\"2\""]
    );
}

const TEMPLATE: &str = "<!DOCTYPE html>
<html lang=\"{{ language }}\" dir=\"{{ dir }}\">
<head><title>{{ title }}</title>{% for href in css %}<link rel=\"stylesheet\" href=\"{{ href }}\">{% endfor %}</head>
<body>
<h1>{{ title }}</h1>
<p class=\"meta\">{{ date }} {{ published }}{% for author in authors %} {{ author.name }}{% endfor %}</p>
<main>{{ body }}</main>
<aside>{% for quote in quotes %}<p class=\"pull\">{{ quote.text }} — {{ quote.name }}{% if quote.role %}, {{ quote.role }}{% endif %}</p>{% endfor %}</aside>
{% if discussion %}<ul class=\"ask\">{% for prompt in discussion.prompts %}<li>{{ prompt }}</li>{% endfor %}</ul>{% endif %}
<footer>{{ tags | join(\", \") }}</footer>
</body>
</html>
";

fn with_template(template: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html.j2");
    std::fs::write(&path, template).unwrap();
    let syria = syria();
    let mut args = vec![
        "convert",
        syria.as_str(),
        "-t",
        "html",
        "--template",
        path.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args, b"")
}

#[test]
fn a_template_gets_every_documented_variable() {
    let output = with_template(TEMPLATE, &["--css", "/site.css"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dom = parse(&stdout(&output));
    let html = &all(&dom, "html")[0];
    assert_eq!(attribute(html, "lang").as_deref(), Some("en"));
    assert_eq!(attribute(html, "dir").as_deref(), Some("ltr"));
    assert_eq!(text(&all(&dom, "h1")[0]), "Syria: What happens now?");
    assert_eq!(
        text(&all(&dom, "p")[0]),
        "2014-02-17 2014-02-17T18:00:00-05:00 Inside Story"
    );
    // The body is HTML, not escaped text: its quotes are figures.
    let main = &all(&dom, "main")[0];
    let mut figures = Vec::new();
    elements(main, "figure", &mut figures);
    assert_eq!(figures.len(), 3);
    let pulls: Vec<String> = all(&dom, "aside")
        .iter()
        .flat_map(|aside| {
            let mut found = Vec::new();
            elements(aside, "p", &mut found);
            found
        })
        .map(|p| text(&p))
        .collect();
    assert_eq!(pulls.len(), 2);
    assert!(
        pulls[0].ends_with("— John Kerry, U.S. Secretary of State"),
        "{pulls:?}"
    );
    assert_eq!(
        all(&dom, "ul")
            .iter()
            .map(|ul| ul.children.borrow().len())
            .sum::<usize>(),
        3
    );
    assert_eq!(
        text(&all(&dom, "footer")[0]),
        "Syria, Geneva II, Diplomacy, Civil war"
    );
    assert_eq!(
        attribute(&all(&dom, "link")[0], "href").as_deref(),
        Some("/site.css")
    );
}

#[test]
fn a_template_escapes_what_the_article_says() {
    let output = with_template(
        TEMPLATE,
        &[
            "-M",
            "title=<script>alert(1)</script>",
            "-M",
            "tags=[\"<b onclick=x>\"]",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let page = stdout(&output);
    let dom = parse(&page);
    assert!(all(&dom, "script").is_empty(), "{page}");
    assert!(all(&dom, "b").is_empty(), "{page}");
    assert_eq!(text(&all(&dom, "h1")[0]), "<script>alert(1)</script>");
}

#[test]
fn a_broken_template_is_an_error_at_its_line() {
    let output = with_template("<p>{{ title }}</p>\n{% for x in %}\n", &[]);
    assert_fails(&output, 65, "page.html.j2:2:1: error: template: ");
    assert!(output.stdout.is_empty());
    // A filter that does not exist is found when the page is written.
    let output = with_template("<p>{{ title }}</p>\n\n{{ title | shout }}\n", &[]);
    assert_fails(&output, 65, "page.html.j2:3:1: error: template: ");
    assert!(
        output.stdout.is_empty(),
        "no half page: {}",
        stdout(&output)
    );
    let output = run(
        &[
            "convert",
            &syria(),
            "-t",
            "html",
            "--template",
            "no-such.j2",
        ],
        b"",
    );
    assert_fails(&output, 66, "newswire: error: cannot read no-such.j2");
}

#[test]
fn a_template_failing_partway_leaves_every_output_as_it_was() {
    // The filter is found missing only after the first line is written.
    let broken = "<p>{{ title }}</p>\n\n{{ title | shout }}\n";
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("page.j2");
    std::fs::write(&template, broken).unwrap();
    let file = dir.path().join("page.html");
    std::fs::write(&file, "old page\n").unwrap();
    let existing = dir.path().join("existing");
    std::fs::create_dir(&existing).unwrap();
    std::fs::write(existing.join("syria-what-happens-now.html"), "old page\n").unwrap();
    let new = dir.path().join("new");
    let syria = syria();
    for target in [
        ["-o", file.to_str().unwrap()],
        ["--out-dir", existing.to_str().unwrap()],
        ["--out-dir", new.to_str().unwrap()],
    ] {
        let output = run(
            &[
                "convert",
                &syria,
                "-t",
                "html",
                "--template",
                template.to_str().unwrap(),
                target[0],
                target[1],
            ],
            b"",
        );
        assert_fails(&output, 65, "page.j2:3:1: error: template: ");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old page\n");
    assert_eq!(
        std::fs::read_to_string(existing.join("syria-what-happens-now.html")).unwrap(),
        "old page\n"
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .chain(std::fs::read_dir(&existing).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "existing",
            "page.html",
            "page.j2",
            "syria-what-happens-now.html"
        ],
        "nothing half-written, nothing beside"
    );
}

#[test]
fn a_template_changes_the_page_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("page.j2");
    std::fs::write(&template, TEMPLATE).unwrap();
    let out = dir.path().join("out");
    let output = run(
        &[
            "convert",
            &syria(),
            "-t",
            "all",
            "--out-dir",
            out.to_str().unwrap(),
            "--template",
            template.to_str().unwrap(),
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    for suffix in [".md", ".txt", ".rss.xml", ".atom.xml", ".feed.json"] {
        let written = std::fs::read(out.join(format!("syria-what-happens-now{suffix}"))).unwrap();
        let golden =
            std::fs::read(root().join(format!("tests/golden/syria-what-happens-now{suffix}")))
                .unwrap();
        assert!(written == golden, "{suffix} changed");
    }
    let page = std::fs::read_to_string(out.join("syria-what-happens-now.html")).unwrap();
    assert!(page.contains("<aside>"), "{page}");
}
