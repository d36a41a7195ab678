//! Known cross-site scripting vectors in an article body never reach the
//! HTML page or any feed's content, while the markup the HTML contract
//! needs (figure, figcaption, blockquote, cite, tables, footnotes) stays.

use newswire::{Format, WriteOptions};

const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">a</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">b</a>",
    "<a href=\"&#106;avascript:alert(1)\">c</a>",
    "<a href=\"&#x6A;avascript&#x3A;alert(1)\">d</a>",
    "<a href=\"java&#x09;script:alert(1)\">e</a>",
    "<a href=\" javascript:alert(1)\">f</a>",
    "[g](javascript:alert(1))",
    "![h](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">i</a>",
    "<a href=\"vbscript:msgbox(1)\">j</a>",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<p style=\"background:url(javascript:alert(1))\">k</p>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<object data=\"https://evil.example/x.swf\"></object>",
    "<embed src=\"https://evil.example/x.swf\">",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<form action=\"https://evil.example/\"><input name=x><button>go</button></form>",
    "<div onmouseover=\"alert(1)\">l</div>",
    "<details open ontoggle=alert(1)><summary>m</summary></details>",
    "<a href=\"https://example.com/\" target=\"_blank\" onclick=\"alert(1)\">n</a>",
    "<img src=\"https://example.com/x.png\" srcset=\"javascript:alert(1) 1x\">",
    "<style>body{background:red}</style>",
    "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
    "<!--<script>alert(1)</script>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
];

/// Lower-cased fragments no output may contain.
const FORBIDDEN: &[&str] = &[
    "<script",
    "onerror",
    "onload",
    "onmouseover",
    "ontoggle",
    "onclick",
    "javascript:",
    "vbscript:",
    "data:",
    "<iframe",
    "<object",
    "<embed",
    "<base",
    "http-equiv",
    "<form",
    "<input",
    "<button",
    "style=",
    "<style",
    "<svg",
    "<math",
    "<link",
    "srcset",
    "evil.example",
];

fn article_with_vectors() -> newswire::Article {
    let mut source = String::from(
        "---\ntitle: T\npublished: 2024-01-02\nurl: https://example.com/news/t\n---\n\n",
    );
    for vector in VECTORS {
        source.push_str(&format!("Before {vector} after.\n\n{vector}\n\n"));
    }
    source.push_str(
        "A claim.[^1]\n\n> Quoted.\n>\n> — [Name](https://example.com/name), Role\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: A note.\n\n## Discussion\n\n- Why?\n",
    );
    newswire::read(source.as_bytes(), Format::Markdown, "xss.md").unwrap()
}

/// The content each format shows, read back with the format's own parser.
fn contents(article: &newswire::Article) -> Vec<(Format, String)> {
    let options = WriteOptions::default();
    let text = |format| newswire::write_to_string(format, article, &options);
    let html = text(Format::Html);
    let start = html.find("</header>").unwrap();
    let end = html.rfind("</article>").unwrap();
    vec![
        (Format::Html, html[start..end].to_owned()),
        (
            Format::Rss,
            rss::Channel::read_from(text(Format::Rss).as_bytes())
                .unwrap()
                .items[0]
                .content
                .clone()
                .unwrap(),
        ),
        (
            Format::Atom,
            atom_syndication::Feed::read_from(text(Format::Atom).as_bytes())
                .unwrap()
                .entries[0]
                .content
                .clone()
                .unwrap()
                .value
                .unwrap(),
        ),
        (
            Format::JsonFeed,
            serde_json::from_str::<serde_json::Value>(&text(Format::JsonFeed)).unwrap()["items"][0]
                ["content_html"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
    ]
}

#[test]
fn no_vector_survives_in_any_output() {
    let article = article_with_vectors();
    for (format, content) in contents(&article) {
        let lower = content.to_lowercase();
        for forbidden in FORBIDDEN {
            assert!(
                !lower.contains(forbidden),
                "{format} keeps {forbidden:?}:\n{content}"
            );
        }
    }
}

#[test]
fn the_contract_markup_survives_sanitising() {
    let article = article_with_vectors();
    for (format, content) in contents(&article) {
        for kept in [
            "<figure class=\"quote\">",
            "<blockquote cite=\"https://example.com/name\">",
            "<figcaption>— <cite><a href=\"https://example.com/name\">Name</a></cite>, Role</figcaption>",
            "<table>",
            "<td>1</td>",
            "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>",
            "<section class=\"footnotes\">",
            "<section class=\"discussion\">",
            "<li>Why?</li>",
            "Before ",
            " after.",
        ] {
            assert!(content.contains(kept), "{format} lost {kept:?}:\n{content}");
        }
    }
}
