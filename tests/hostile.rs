//! Strangers' input: characters no output may carry, whatever escape
//! brings them; links to anything but the web; markup where text belongs.
//! Nothing of it reaches an output, and no output is ever malformed.

use crate::util::{assert_well_formed, is_forbidden, run, stderr, stdout};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use newswire::{Channel, Format, WriteOptions};

/// Every character the rule forbids: the ASCII and C1 controls but tab
/// and newline, and the noncharacters of every plane.
fn forbidden_characters() -> Vec<char> {
    let mut all: Vec<char> = (0..0x20u32)
        .chain(0x7F..=0x9F)
        .chain(0xFDD0..=0xFDEF)
        .filter_map(char::from_u32)
        .filter(|&c| c != '\t' && c != '\n')
        .collect();
    for plane in 0..=0x10u32 {
        all.extend(
            [0xFFFE, 0xFFFF]
                .into_iter()
                .filter_map(|low| char::from_u32(plane << 16 | low)),
        );
    }
    assert!(all.iter().all(|&c| is_forbidden(c)));
    all
}

fn hex(c: char) -> String {
    format!("{:04X}", u32::from(c))
}

/// `c` as a JSON string escape, as a surrogate pair past the first plane.
fn json_escape(c: char) -> String {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .iter()
        .map(|unit| format!("\\u{unit:04X}"))
        .collect()
}

fn options() -> WriteOptions {
    WriteOptions {
        channel: Channel {
            link: Some("https://example.com/".into()),
            ..Channel::default()
        },
        ..WriteOptions::default()
    }
}

/// Every escape syntax of an article reader, each spelling `c` inside the
/// title: the article is refused at the escape's line and column.
#[test]
fn an_escaped_forbidden_character_is_refused_where_it_is_written() {
    for c in forbidden_characters() {
        let code = hex(c);
        let yaml_escape = if u32::from(c) < 0x100 {
            format!("\\x{:02X}", u32::from(c))
        } else if u32::from(c) < 0x10000 {
            format!("\\u{code}")
        } else {
            format!("\\U{:08X}", u32::from(c))
        };
        let toml_escape = if u32::from(c) < 0x10000 {
            format!("\\u{code}")
        } else {
            format!("\\U{:08X}", u32::from(c))
        };
        let cases = [
            (
                Format::Markdown,
                format!("---\npublished: 2014-02-17\ntitle: \"no {yaml_escape}\"\n---\nBody.\n"),
                (3, 12),
            ),
            (
                Format::Markdown,
                format!("+++\npublished = 2014-02-17\ntitle = \"no {toml_escape}\"\n+++\nBody.\n"),
                (3, 13),
            ),
            (
                Format::Markdown,
                format!(
                    "---\npublished: 2014-02-17\ntitle: ok\ntags: [\"a\", \"b{yaml_escape}\"]\n---\n"
                ),
                (4, 15),
            ),
            (
                Format::ArticleJson,
                format!(
                    "{{\"meta\": {{\"title\": \"no {}\", \"published\": \"2014-02-17\"}},\n\"body\": []}}",
                    json_escape(c)
                ),
                (1, 24),
            ),
        ];
        for (format, source, (line, column)) in cases {
            let error = newswire::read(source.as_bytes(), format, "a")
                .expect_err(&format!("U+{code} in {source:?}"));
            let at = error.diagnostic().expect("placed");
            assert_eq!(
                (at.line, at.column),
                (line, column),
                "U+{code} in {source:?}: {error}"
            );
            assert!(at.message.contains(&format!("U+{code}")), "{error}");
        }
    }
}

/// Raw, the characters are refused too; by reference in the body, they
/// are dropped, and no output holds one.
#[test]
fn forbidden_characters_in_the_body_never_reach_an_output() {
    // A carriage return is a line ending, raw.
    for c in forbidden_characters().into_iter().filter(|&c| c != '\r') {
        let raw = format!("---\ntitle: a\npublished: 2014-02-17\n---\n\nx{c}y\n");
        let error = newswire::read(raw.as_bytes(), Format::Markdown, "a").unwrap_err();
        assert_eq!(
            error.diagnostic().map(|at| (at.line, at.column)),
            Some((6, 2))
        );
        let code = u32::from(c);
        let referenced = format!(
            "---\ntitle: a\npublished: 2014-02-17\n---\n\nx&#{code};y &#x{code:X};\n\n<div>a&#x{code:X};b</div>\n\n> q&#{code};\n>\n> — Name&#{code};, Role\n"
        );
        let article = newswire::read(referenced.as_bytes(), Format::Markdown, "a").unwrap();
        for format in Format::ALL {
            let output = newswire::write_to_string(format, &article, &options());
            assert_well_formed(format, &output)
                .unwrap_or_else(|error| panic!("U+{code:04X}: {error}"));
        }
    }
}

/// Every escape a feed may hold brings the character into no article and
/// no output: XML character references in RSS and Atom (text and
/// attributes), raw C1 controls and noncharacters, JSON Feed escapes, and
/// HTML references inside the content.
#[test]
fn forbidden_characters_in_feeds_are_left_out() {
    for c in forbidden_characters() {
        let code = u32::from(c);
        let raw = if c.is_ascii_control() {
            String::new()
        } else {
            c.to_string()
        };
        let rss = format!(
            "<rss version=\"2.0\"><channel><title>T&#{code};</title><link>https://example.com/</link><description>d</description>\
             <item><title>a&#x{code:X};b{raw}</title><link>https://example.com/a?x=&#{code};</link><guid>g1</guid>\
             <description>&lt;p&gt;x&amp;#{code};y&lt;/p&gt;</description><pubDate>Mon, 17 Feb 2014 18:00:00 GMT</pubDate></item>\
             </channel></rss>"
        );
        let atom = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x</id><title>T</title><link href=\"https://example.com/\"/><updated>2014-02-17T18:00:00Z</updated>\
             <entry><id>urn:a</id><title type=\"html\">a&amp;#{code};b</title><updated>2014-02-17T18:00:00Z</updated>\
             <author><name>N&#{code};{raw}</name></author><content type=\"html\">&lt;b&gt;x&amp;#x{code:X};&lt;/b&gt;{raw}</content></entry></feed>"
        );
        let json = format!(
            "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T{escape}\", \"home_page_url\": \"https://example.com/\", \"items\": [{{\"id\": \"1\", \
             \"title\": \"a{escape}b{raw}\", \"content_html\": \"<p>x&#{code};{escape}</p>\", \"date_published\": \"2014-02-17T18:00:00Z\"}}]}}",
            escape = json_escape(c),
        );
        for (kind, feed) in [("rss", rss), ("atom", atom), ("jsonfeed", json)] {
            let imported = newswire::read_feed(feed.as_bytes(), "feed")
                .unwrap_or_else(|error| panic!("{kind} with U+{code:04X}: {error}"));
            for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
                let mut written = Vec::new();
                newswire::write_feed(format, &imported.feed, &mut written).unwrap();
                let written = String::from_utf8(written).unwrap();
                assert_well_formed(format, &written)
                    .unwrap_or_else(|error| panic!("{kind} → {format}, U+{code:04X}: {error}"));
            }
            for article in &imported.feed.articles {
                let markdown = newswire::write_to_string(Format::Markdown, article, &options());
                // What import writes reads back as an article.
                newswire::read(markdown.as_bytes(), Format::Markdown, "imported.md")
                    .unwrap_or_else(|error| panic!("{kind}, U+{code:04X}: {error}"));
            }
        }
    }
}

/// Parses HTML as a browser would.
fn html_tree(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap()
}

/// Every element and attribute of an HTML tree, as (element, attribute,
/// value), an element alone with empty attribute and value.
fn markup(node: &Handle, found: &mut Vec<(String, String, String)>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        found.push((name.local.to_string(), String::new(), String::new()));
        for attr in attrs.borrow().iter() {
            found.push((
                name.local.to_string(),
                attr.name.local.to_string(),
                attr.value.to_string(),
            ));
        }
    }
    for child in node.children.borrow().iter() {
        markup(child, found);
    }
}

/// Whether `html` holds anything live: a script, an event handler, an
/// image or frame, or a link to anything but the web.
fn live_markup(html: &str) -> Option<String> {
    let mut found = Vec::new();
    markup(&html_tree(html).document, &mut found);
    found.into_iter().find_map(|(element, attribute, value)| {
        let dangerous_url = ["href", "src", "cite", "action", "formaction"]
            .contains(&attribute.as_str())
            && !(value.starts_with("http://")
                || value.starts_with("https://")
                || value.starts_with("mailto:")
                || value.starts_with('#'));
        let live = ["script", "img", "iframe", "object", "svg", "style"]
            .contains(&element.as_str())
            || attribute.starts_with("on")
            || dangerous_url;
        live.then(|| format!("<{element} {attribute}={value:?}>"))
    })
}

const VECTORS: [&str; 4] = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
];

/// RSS readers take `description` as HTML: a summary, a first paragraph
/// that quotes markup, a channel description are all text there.
#[test]
fn rss_descriptions_hold_text_never_markup() {
    for vector in VECTORS {
        let summary = serde_json::to_string(vector).unwrap();
        let with_summary = format!(
            "---\ntitle: a\npublished: 2014-02-17\nurl: https://example.com/a\nsummary: {summary}\n---\n\nBody.\n"
        );
        let with_code = format!(
            "---\ntitle: a\npublished: 2014-02-17\nurl: https://example.com/a\n---\n\nUse `{vector}` to test.\n"
        );
        for source in [with_summary, with_code] {
            let output = run(
                &["convert", "-t", "rss", "--description", vector],
                source.as_bytes(),
            );
            assert!(output.status.success(), "{}", stderr(&output));
            let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
            let item = &channel.items[0];
            for description in [
                item.description.as_deref().unwrap(),
                channel.description.as_str(),
            ] {
                assert_eq!(
                    live_markup(description),
                    None,
                    "{vector} in {description:?}"
                );
                assert!(
                    html_text(description).contains(vector),
                    "{vector:?} is still said: {description:?}"
                );
            }
        }
        // A JSON Feed's plain-text summary, converted to RSS.
        let feed = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "T",
            "home_page_url": "https://example.com/",
            "description": vector,
            "items": [{"id": "https://example.com/a", "url": "https://example.com/a", "summary": vector,
                       "content_text": "x", "date_published": "2014-02-17T18:00:00Z"}]
        });
        let output = run(
            &["convert", "-f", "jsonfeed", "-t", "rss", "-q"],
            feed.to_string().as_bytes(),
        );
        assert!(output.status.success(), "{}", stderr(&output));
        let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
        for description in [
            channel.items[0].description.as_deref().unwrap(),
            channel.description.as_str(),
        ] {
            assert_eq!(
                live_markup(description),
                None,
                "{vector} in {description:?}"
            );
        }
    }
}

/// The text a reader sees of an HTML fragment.
fn html_text(html: &str) -> String {
    fn collect(node: &Handle, out: &mut String) {
        if let NodeData::Text { contents } = &node.data {
            out.push_str(&contents.borrow());
        }
        for child in node.children.borrow().iter() {
            collect(child, out);
        }
    }
    let mut out = String::new();
    collect(&html_tree(html).document, &mut out);
    out
}

const DANGEROUS: [&str; 4] = [
    "javascript:alert(1)",
    "javascript://example.com/%0Aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
];

/// A feed's every URL field with a dangerous URL: nothing of it reaches
/// any output of feed → feed or import.
#[test]
fn dangerous_urls_in_feeds_reach_no_output() {
    for url in DANGEROUS {
        let json = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "T",
            "home_page_url": url,
            "feed_url": url,
            "authors": [{"name": "Feed Author", "url": url}],
            "items": [{"id": "1", "url": url, "external_url": url, "image": url,
                       "attachments": [{"url": url, "mime_type": "audio/mpeg"}],
                       "authors": [{"name": "Ana", "url": url}],
                       "content_html": format!("<p><a href=\"{url}\">x</a></p><blockquote cite=\"{url}\">q</blockquote>"),
                       "date_published": "2014-02-17T18:00:00Z"}]
        })
        .to_string();
        let escaped = url
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;");
        let atom = format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x</id><title>T</title><link href=\"https://example.com/\"/><updated>2014-02-17T18:00:00Z</updated>\
             <link rel=\"alternate\" href=\"{escaped}\"/><author><name>N</name><uri>{escaped}</uri></author>\
             <entry><id>urn:a</id><title>a</title><updated>2014-02-17T18:00:00Z</updated><link href=\"{escaped}\"/>\
             <author><name>Ana</name><uri>{escaped}</uri></author><content type=\"html\">x</content></entry></feed>"
        );
        for (kind, feed) in [("jsonfeed", json), ("atom", atom)] {
            for to in ["rss", "atom", "jsonfeed"] {
                let output = run(
                    &["convert", "-t", to, "--link", "https://example.com/", "-q"],
                    feed.as_bytes(),
                );
                assert!(
                    output.status.success(),
                    "{kind} → {to}: {}",
                    stderr(&output)
                );
                let written = stdout(&output);
                let scheme = url.split(':').next().unwrap();
                assert!(
                    !written.to_ascii_lowercase().contains(&format!("{scheme}:")),
                    "{kind} → {to} keeps {url}: {written}"
                );
            }
            let output = run(&["import", "-", "-q"], feed.as_bytes());
            assert!(output.status.success(), "{kind}: {}", stderr(&output));
            let article = stdout(&output);
            assert!(
                !article.contains(url),
                "{kind} import keeps {url}: {article}"
            );
            // What import writes, newswire reads.
            // Linking a stylesheet, the page has no markup of its own to see.
            let converted = run(
                &[
                    "convert",
                    "-t",
                    "html",
                    "--css",
                    "https://example.com/s.css",
                ],
                article.as_bytes(),
            );
            assert!(converted.status.success(), "{kind}: {}", stderr(&converted));
            assert_eq!(live_markup(&stdout(&converted)), None);
        }
    }
}

#[test]
fn an_article_links_only_to_the_web() {
    for url in DANGEROUS {
        let quoted = serde_json::to_string(url).unwrap();
        for (field, source, line) in [
            ("url", format!("url: {quoted}"), 4),
            (
                "author url",
                format!("authors:\n  - name: Ana\n    url: {quoted}"),
                6,
            ),
            ("image", format!("image:\n  url: {quoted}"), 5),
        ] {
            let article = format!("---\ntitle: a\npublished: 2014-02-17\n{source}\n---\n\nBody.\n");
            let output = run(&["convert", "-t", "html"], article.as_bytes());
            assert_eq!(
                output.status.code(),
                Some(65),
                "{field} {url}: {}",
                stderr(&output)
            );
            assert!(
                stderr(&output).starts_with(&format!("-:{line}:")),
                "{field}: {}",
                stderr(&output)
            );
        }
        // A quote's linked name is its source only when a reader may follow it.
        let quote = format!(
            "---\ntitle: a\npublished: 2014-02-17\nurl: https://example.com/a\n---\n\n> Q.\n>\n> — [Evil]({url}), Role\n"
        );
        for format in ["html", "rss", "atom", "jsonfeed", "article-json"] {
            let output = run(&["convert", "-t", format], quote.as_bytes());
            assert!(output.status.success(), "{}", stderr(&output));
            let written = stdout(&output);
            let scheme = url.split(':').next().unwrap();
            assert!(
                !written.contains(&format!("{scheme}:")),
                "{format}: {written}"
            );
            assert!(written.contains("Evil"), "{format}: the name stays");
        }
    }
}

/// Every attribute newswire writes is escaped, whatever a URL holds.
#[test]
fn attributes_are_escaped_in_every_feed() {
    let article = "---\ntitle: 'a & <b> \"c\"'\npublished: 2014-02-17\nurl: https://example.com/a?x=1&y=2\n\
                   image:\n  url: https://avatars.example.com/u/1?s=60&v=4\"x\n  alt: a & b\n---\n\n\
                   > Q.\n>\n> — [Ana & Rui](https://example.com/q?a=1&b=\"2\"), Role\n";
    for format in ["rss", "atom", "jsonfeed", "html"] {
        let output = run(&["convert", "-t", format], article.as_bytes());
        assert!(output.status.success(), "{}", stderr(&output));
        let written = stdout(&output);
        let format = Format::parse(format).unwrap();
        assert_well_formed(format, &written).unwrap();
        if format == Format::Atom {
            let document = roxmltree::Document::parse(&written).unwrap();
            let media = document
                .descendants()
                .find(|node| {
                    node.tag_name().name() == "content" && node.attribute("medium").is_some()
                })
                .expect("media:content");
            assert_eq!(
                media.attribute("url"),
                Some("https://avatars.example.com/u/1?s=60&v=4%22x")
            );
        }
    }
    // Our own feed reads back.
    let feed = run(&["convert", "-t", "atom"], article.as_bytes());
    let imported = run(&["import", "-"], &feed.stdout);
    assert!(imported.status.success(), "{}", stderr(&imported));
}

#[test]
fn aliases_cannot_multiply_text_without_bound() {
    let long = "x".repeat(100_000);
    let mut front = format!("---\ntitle: a\npublished: 2014-02-17\nbig: &big {long}\ncopies:\n");
    for _ in 0..20 {
        front.push_str("  - *big\n");
    }
    front.push_str("---\n");
    let error = newswire::read(front.as_bytes(), Format::Markdown, "a.md").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("YAML aliases expand to more than 1024 KiB of text"),
        "{error}"
    );
}

/// Markup nested past the limit, in every reader that meets HTML: a clear
/// error naming the limit, never a crash or an hour's work.
#[test]
fn deep_html_is_refused_in_every_reader() {
    let article = format!(
        "---\ntitle: a\npublished: 2014-02-17\n---\n\n{}",
        "<div>\n\n".repeat(50_000)
    );
    let output = run(&["convert", "-t", "html"], article.as_bytes());
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("-:206:1: error: the body nests deeper than 100 levels"),
        "{}",
        stderr(&output)
    );
    let inline = format!(
        "---\ntitle: a\npublished: 2014-02-17\n---\n\nx {}\n",
        "<span>".repeat(20_000)
    );
    let output = run(
        &["convert", "-t", "rss", "--link", "https://example.com/"],
        inline.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    // The same in article JSON.
    let json = serde_json::json!({
        "meta": {"title": "a", "published": "2014-02-17"},
        "body": [{"type": "markdown", "markdown": "<div>".repeat(20_000)}],
    });
    let output = run(
        &["convert", "-f", "article-json", "-t", "html"],
        json.to_string().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    // Feeds: content, summary and title, in each format.
    let deep = "&lt;div&gt;".repeat(20_000);
    let rss = format!(
        "<rss version=\"2.0\"><channel><title>t</title><link>https://example.com/</link><description>d</description>\
         <item><title>a</title><description>{deep}</description></item></channel></rss>"
    );
    let atom = format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:x</id><title>T</title><link href=\"https://example.com/\"/><updated>2014-02-17T18:00:00Z</updated>\
         <entry><id>urn:a</id><title type=\"html\">{deep}</title><updated>2014-02-17T18:00:00Z</updated>\
         <author><name>N</name></author><content type=\"html\">x</content></entry></feed>"
    );
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "1", "content_html": "<div>".repeat(20_000)}],
    })
    .to_string();
    for feed in [rss, atom, json] {
        for args in [
            &["import", "-"][..],
            &["convert", "-t", "atom"],
            &["check", "-"],
        ] {
            let output = run(args, feed.as_bytes());
            assert_eq!(
                output.status.code(),
                Some(65),
                "{args:?}: {}",
                stderr(&output)
            );
            let said = format!("{}{}", stdout(&output), stderr(&output));
            assert!(
                said.contains("nests deeper than 100 levels"),
                "{args:?}: {said}"
            );
        }
    }
}

/// A wide header over many one-cell rows would be padded into millions
/// of cells: refused before it is parsed.
#[test]
fn a_table_of_too_many_cells_is_refused() {
    let table = format!(
        "---\ntitle: a\npublished: 2014-02-17\n---\n\n|{}\n|{}\n{}",
        "a|".repeat(1000),
        "-|".repeat(1000),
        "x\n".repeat(16_000)
    );
    for args in [&["convert", "-t", "html"][..], &["check", "-"]] {
        let output = run(args, table.as_bytes());
        assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
        let said = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            said.contains("-:7:1: error: a table of 1000 columns and 101 or more rows has more than 100000 cells"),
            "{said}"
        );
    }
    // A real table, however long, is fine.
    let long = format!(
        "---\ntitle: a\npublished: 2014-02-17\n---\n\n| a | b |\n|---|---|\n{}",
        "| 1 | 2 |\n".repeat(10_000)
    );
    let output = run(&["convert", "-t", "html"], long.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A CDF channel nested far past the limit, or of many items on one line,
/// is refused or read in one pass by `check` and `import` alike, each
/// element's base and owner found without looking back over the others.
#[test]
fn deep_and_long_cdf_channels_are_read_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.xml");
    std::fs::write(
        &deep,
        format!(
            "<CHANNEL>{}{}</CHANNEL>",
            "<A>".repeat(50_000),
            "</A>".repeat(50_000)
        ),
    )
    .unwrap();
    for command in ["check", "import"] {
        let out = dir.path().join(format!("out-{command}"));
        let mut args = vec![command, deep.to_str().unwrap()];
        if command == "import" {
            args.extend(["--out-dir", out.to_str().unwrap()]);
        }
        let output = run(&args, b"");
        assert_eq!(
            output.status.code(),
            Some(65),
            "{command}: {}",
            stderr(&output)
        );
        assert!(
            format!("{}{}", stdout(&output), stderr(&output)).contains("nest deeper than 256"),
            "{command}: {}",
            stderr(&output)
        );
    }
    // Items sharing one title and link on one line: numbered, all kept.
    let long = dir.path().join("long.xml");
    std::fs::write(
        &long,
        format!(
            "<CHANNEL HREF=\"https://e.example/\">{}</CHANNEL>",
            "<ITEM HREF=\"x\"><TITLE>t</TITLE></ITEM>".repeat(5_000)
        ),
    )
    .unwrap();
    // What RSS lacks (a description, distinct guids) is reported, each at
    // its place.
    let output = run(&["check", long.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("check found"),
        "{}",
        stderr(&output)
    );
    let out = dir.path().join("long-out");
    let output = run(
        &[
            "import",
            long.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "-q",
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 5_000);
    assert!(out.join("t-5000.md").exists());
}
