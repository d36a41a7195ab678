use newswire::{Article, Block, Format};

fn read(text: &str) -> Article {
    newswire::read(text.as_bytes(), Format::Markdown, "test.md")
        .unwrap_or_else(|error| panic!("expected a valid article: {error}"))
}

fn read_error(text: &str) -> String {
    match newswire::read(text.as_bytes(), Format::Markdown, "test.md") {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(error) => error.to_string(),
    }
}

fn article(body: &str) -> String {
    format!("---\ntitle: T\npublished: 2024-01-02\n---\n\n{body}")
}

/// The model as article JSON, which is what reader tests compare.
fn model_json(text: &str) -> serde_json::Value {
    serde_json::to_value(read(text)).unwrap()
}

#[test]
fn em_dash_attribution_splits_name_and_role_at_first_comma() {
    let json = model_json(&article(
        "> We are not leaving.\n>\n> — Louay Safi, spokesman, Syrian National Coalition\n",
    ));
    assert_eq!(
        json["body"][0],
        serde_json::json!({
            "type": "quote",
            "text": "We are not leaving.",
            "attribution": {"name": "Louay Safi", "role": "spokesman, Syrian National Coalition"}
        })
    );
}

#[test]
fn horizontal_bar_and_double_hyphen_also_attribute() {
    for dash in ["―", "--"] {
        let text = article(&format!("> Words.\n>\n> {dash} Someone\n"));
        let article = read(&text);
        let quote = article
            .quotes()
            .next()
            .unwrap_or_else(|| panic!("{dash} makes a quote"));
        assert_eq!(quote.attribution.name, "Someone");
        assert_eq!(quote.attribution.role, None);
    }
}

#[test]
fn linked_name_is_the_cite() {
    let article = read(&article(
        "> Words.\n>\n> — [John Kerry](https://www.state.gov/), Secretary\n",
    ));
    let quote = article.quotes().next().unwrap();
    assert_eq!(quote.attribution.name, "John Kerry");
    assert_eq!(
        quote.attribution.cite.as_deref(),
        Some("https://www.state.gov/")
    );
    assert_eq!(quote.attribution.role.as_deref(), Some("Secretary"));
}

#[test]
fn heading_first_is_the_title_and_paragraphs_stay_together() {
    let article = read(&article(
        "> ### Kerry on Assad\n>\n> First *paragraph*.\n>\n> Second.\n>\n> — John Kerry\n",
    ));
    let quote = article.quotes().next().unwrap();
    assert_eq!(quote.title.as_deref(), Some("Kerry on Assad"));
    assert_eq!(quote.text, "First *paragraph*.\n\nSecond.");
}

#[test]
fn block_quotes_without_attribution_stay_plain() {
    for body in [
        "> Just a quote.\n",
        "> — Attribution first\n>\n> then text.\n",
        "> —No space after the dash\n",
        "> ### Only a title\n>\n> — Name\n",
    ] {
        let article = read(&article(body));
        assert_eq!(article.quotes().count(), 0, "{body:?} is not a quote");
        assert!(matches!(article.body[0], Block::Markdown { .. }));
    }
}

#[test]
fn discussion_prompts_note_and_end() {
    let article = read(&article(
        "Body.\n\n## Discussion\n\n1. First?\n2. Second?\n\nA note.\n\n## Afterword\n\nMore body.\n",
    ));
    let discussion = article.discussion.clone().unwrap();
    assert_eq!(discussion.heading, "Discussion");
    assert_eq!(discussion.prompts, ["First?", "Second?"]);
    assert_eq!(discussion.note.as_deref(), Some("A note."));
    let json = serde_json::to_value(&article.body).unwrap();
    assert_eq!(
        json[2]["markdown"], "More body.",
        "the section ends at the next level-2 heading"
    );
}

#[test]
fn discussion_heading_is_configurable_and_case_insensitive() {
    let text = "---\ntitle: T\npublished: 2024-01-02\ndiscussion_heading: Talking points\n---\n\n## TALKING POINTS\n\n- One?\n";
    let article = read(text);
    assert_eq!(article.discussion.unwrap().prompts, ["One?"]);
    let article = read(&article_with_default_heading_lowercase());
    assert!(article.discussion.is_some());
}

fn article_with_default_heading_lowercase() -> String {
    article("## discussion\n\n* Bulleted?\n")
}

#[test]
fn a_second_discussion_section_is_an_error() {
    let message = read_error(&article("## Discussion\n\n- A?\n\n## Discussion\n\n- B?\n"));
    assert_eq!(
        message,
        "test.md:10:1: a second discussion section: the first opens on line 6; an article has at most one"
    );
}

#[test]
fn yaml_aliases_and_author_forms() {
    let text = "---\ntitle: T\ndate: 2024-01-02T10:00:00+02:00\nlastmod: 2024-01-03\ndescription: Dek\nauthor: Ana\ncategories: [News]\ntags: [News, World]\n---\nBody.\n";
    let meta = read(text).meta;
    assert_eq!(meta.published.to_string(), "2024-01-02T10:00:00+02:00");
    assert_eq!(meta.updated.unwrap().to_string(), "2024-01-03");
    assert_eq!(meta.summary.as_deref(), Some("Dek"));
    assert_eq!(meta.authors[0].name, "Ana");
    assert_eq!(meta.tags, ["News", "World"]);
}

#[test]
fn authors_as_strings_or_objects() {
    let text = "---\ntitle: T\npublished: 2024-01-02\nauthors:\n  - Ana\n  - name: Bo\n    email: bo@example.com\n    url: https://example.com/bo\n---\n";
    let authors = read(text).meta.authors;
    assert_eq!(authors[0].name, "Ana");
    assert_eq!(authors[1].email.as_deref(), Some("bo@example.com"));
    assert_eq!(authors[1].url.as_deref(), Some("https://example.com/bo"));
}

#[test]
fn toml_front_matter_with_date_literals() {
    let text = "+++\ntitle = \"T\"\npublished = 2024-01-02T10:00:00Z\nupdated = 2024-01-05\nweight = 3\n[image]\nurl = \"https://example.com/a.jpg\"\ncredit = \"AFP\"\n+++\nBody.\n";
    let meta = read(text).meta;
    assert_eq!(meta.published.to_string(), "2024-01-02T10:00:00Z");
    assert_eq!(meta.updated.unwrap().to_string(), "2024-01-05");
    assert_eq!(meta.image.unwrap().credit.as_deref(), Some("AFP"));
    assert_eq!(meta.extra["weight"], 3);
}

#[test]
fn unknown_keys_are_kept_in_order() {
    let text = "---\ntitle: T\npublished: 2024-01-02\nlayout: post\nseo: {noindex: true}\n---\n";
    let extra = read(text).meta.extra;
    assert_eq!(extra.keys().collect::<Vec<_>>(), ["layout", "seo"]);
    assert_eq!(extra["seo"]["noindex"], true);
}

#[test]
fn urls_are_normalised() {
    let text = "---\ntitle: T\npublished: 2024-01-02\nurl: HTTPS://Example.com/a b\n---\n";
    assert_eq!(
        read(text).meta.url.as_deref(),
        Some("https://example.com/a%20b")
    );
}

#[test]
fn derived_ids_are_deterministic() {
    let without_url = article("Body.\n");
    assert_eq!(read(&without_url).meta.id, "urn:newswire:2024-01-02:t");
    assert_eq!(read(&without_url).meta.id, read(&without_url).meta.id);
    let with_url = "---\ntitle: T\npublished: 2024-01-02\nurl: https://example.com/t\n---\n";
    assert_eq!(read(with_url).meta.id, "https://example.com/t");
}

#[test]
fn errors_name_the_line_and_key() {
    let cases = [
        (
            "---\npublished: 2024-01-02\n---\n",
            "test.md:1:1: missing required key `title` in the front matter",
        ),
        (
            "---\ntitle: T\npublished: soon\n---\n",
            "test.md:3:12: `published` is not a date: \"soon\"; expected RFC 3339 (2014-02-17T18:00:00-05:00) or YYYY-MM-DD",
        ),
        (
            "---\ntitle: T\npublished: 2024-01-02\ntags: 3\n---\n",
            "test.md:4:7: expected `tags` to be a list of strings, found an integer",
        ),
        (
            "---\ntitle: [a, b]\npublished: 2024-01-02\n---\n",
            "test.md:2:8: expected `title` to be a string, found a list",
        ),
        (
            "---\ntitle: T\npublished: 2024-01-02\nlanguage: en_GB\n---\n",
            "test.md:4:11: `language` is not a BCP 47 tag: \"en_GB\"; expected one such as `en`, `ar` or `pt-BR`",
        ),
        (
            "---\ntitle: T\ndate: 2024-01-02\npublished: 2024-01-02\n---\n",
            "test.md:4:1: `published` repeats `date` from line 3: give one of them",
        ),
        (
            "Just text.\n",
            "test.md:1:1: expected front matter: a `---` (YAML) or `+++` (TOML) line at the start of the file",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(read_error(text), expected);
    }
}

#[test]
fn article_json_reads_back_to_the_same_model() {
    for sample in crate::util::samples() {
        let bytes = std::fs::read(&sample).unwrap();
        let article = newswire::read(&bytes, Format::Markdown, "sample.md").unwrap();
        let json = newswire::write_to_string(Format::ArticleJson, &article, &Default::default());
        let again = newswire::read(json.as_bytes(), Format::ArticleJson, "sample.json").unwrap();
        assert_eq!(again, article, "{}", sample.display());
    }
}

#[test]
fn bad_article_json_is_placed() {
    let error =
        newswire::read(b"{\"meta\": {\"title\": 3}}", Format::ArticleJson, "a.json").unwrap_err();
    assert!(error.to_string().starts_with("a.json:1:"), "{error}");
    let error = newswire::read(
        b"{\"meta\": {\"title\": \"a\\u0000\", \"published\": \"2024-01-02\"}, \"body\": []}",
        Format::ArticleJson,
        "a.json",
    )
    .unwrap_err();
    assert!(error.to_string().contains("U+0000"), "{error}");
}

/// The body's Markdown blocks, in order.
fn markdown_blocks(text: &str) -> Vec<String> {
    read(text)
        .body
        .into_iter()
        .filter_map(|block| match block {
            Block::Markdown { markdown } => Some(markdown),
            Block::Quote(_) => None,
        })
        .collect()
}

#[test]
fn blocks_are_kept_as_written_and_normalised_when_written_out() {
    let text = article(
        "   Indented  *text*.\n# Heading #\n* one\n* two\nStill two.\n\n|a|b|\n|-|-:|\n|1|2|\n\n\n```\ncode\n\n```\n\n   \n",
    );
    assert_eq!(
        markdown_blocks(&text),
        [
            "   Indented  *text*.",
            "# Heading #",
            "* one\n* two\nStill two.",
            "|a|b|\n|-|-:|\n|1|2|",
            "```\ncode\n\n```",
        ]
    );
    let markdown = newswire::write_to_string(Format::Markdown, &read(&text), &Default::default());
    let body = markdown.split_once("\n---\n\n").unwrap().1;
    assert_eq!(
        body,
        "Indented  *text*.\n\n# Heading\n\n- one\n- two\n  Still two.\n\n| a | b |\n| --- | --: |\n| 1 | 2 |\n\n```\ncode\n\n```\n"
    );
}

#[test]
fn a_body_with_link_reference_definitions_is_normalised() {
    // A block using a definition would not stand on its own.
    let text =
        article("See [the plan][plan].\n\n[plan]: https://example.com/plan \"Plan\"\n\n*  item\n");
    assert_eq!(
        markdown_blocks(&text),
        [
            "See [the plan](https://example.com/plan \"Plan\").",
            "- item"
        ]
    );
}

#[test]
fn code_that_would_read_differently_elsewhere_is_fenced() {
    let text = article("Text.\n\n    indented code\n\n```\nnever closed\n\nmore");
    assert_eq!(
        markdown_blocks(&text),
        [
            "Text.",
            "```\nindented code\n```",
            "```\nnever closed\n\nmore\n```"
        ]
    );
}

#[test]
fn lists_kept_apart_by_a_comment_read_back_the_same() {
    // Normalised, both lists are bulleted with `-`, so comrak puts a comment
    // between them; it is a block of its own, as it is when read again.
    let text = article("- a\n\n* b\n\n[x][r]\n\n[r]: https://example.com/\n");
    let blocks = markdown_blocks(&text);
    assert_eq!(
        blocks,
        [
            "- a",
            "<!-- end list -->",
            "- b",
            "[x](https://example.com/)"
        ]
    );
    let markdown = newswire::write_to_string(Format::Markdown, &read(&text), &Default::default());
    assert_eq!(markdown_blocks(&markdown), blocks);
}
