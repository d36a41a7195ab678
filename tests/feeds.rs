//! Every feed newswire writes, read back with real parsers: `feed-rs`,
//! the `rss` and `atom_syndication` readers, and the JSON Feed 1.1 schema.

use crate::util::{root, samples};
use newswire::{Article, Channel, Feed, Format, WriteOptions};

fn sample_articles() -> Vec<Article> {
    samples()
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            newswire::read(&bytes, Format::Markdown, &path.display().to_string()).unwrap()
        })
        .collect()
}

fn one_item_feed(article: &Article, format: Format) -> String {
    newswire::write_to_string(format, article, &WriteOptions::default())
}

/// The many-article feed the golden files and CLI tests use.
pub fn channel() -> Channel {
    Channel {
        title: Some("Newswire samples".into()),
        link: Some("https://example.com/".into()),
        feed_url: Some("https://example.com/feed.xml".into()),
        description: Some("Every bundled sample".into()),
        language: Some("en".into()),
        ..Channel::default()
    }
}

fn feed_of_samples(format: Format) -> String {
    let feed = Feed::new(channel(), sample_articles());
    let mut out = Vec::new();
    newswire::write_feed(format, &feed, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What a person must see in the content a feed reader shows.
fn assert_content_keeps_quotes_and_prompts(article: &Article, content: &str, format: Format) {
    for quote in article.quotes() {
        let who = &quote.attribution;
        assert!(
            content.contains("— <cite>"),
            "{format}: the dash before the name"
        );
        assert!(
            content.contains(&who.name.replace('\'', "&#39;")) || content.contains(&who.name),
            "{format}: {}",
            who.name
        );
        if let Some(role) = &who.role {
            assert!(content.contains(role), "{format}: role {role}");
        }
    }
    if let Some(discussion) = &article.discussion {
        assert!(
            content.contains(&discussion.heading),
            "{format}: discussion heading"
        );
        assert!(content.matches("<li>").count() >= discussion.prompts.len());
        for prompt in &discussion.prompts {
            let text = prompt.replace('*', "");
            assert!(content.contains(&text), "{format}: prompt {prompt}");
        }
    }
}

#[test]
fn feed_rs_reads_every_feed_with_full_content() {
    for article in sample_articles() {
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let text = one_item_feed(&article, format);
            let parsed = feed_rs::parser::parse(text.as_bytes())
                .unwrap_or_else(|error| panic!("{format} of {}: {error}", article.meta.title));
            assert_eq!(parsed.entries.len(), 1);
            let entry = &parsed.entries[0];
            assert_eq!(entry.title.as_ref().unwrap().content, article.meta.title);
            assert_eq!(entry.id, article.meta.id, "{format}");
            assert_eq!(
                entry.published.unwrap().timestamp(),
                article.meta.published.utc().timestamp(),
                "{format}"
            );
            let content = entry
                .content
                .as_ref()
                .and_then(|content| content.body.clone())
                .unwrap();
            assert_content_keeps_quotes_and_prompts(&article, &content, format);
            let authors: Vec<&str> = entry
                .authors
                .iter()
                .filter_map(|person| person.name.as_deref())
                .collect();
            // Each person once; RSS writes one with an address as
            // `email (Name)`, which feed-rs keeps whole.
            assert_eq!(
                authors.len(),
                article.meta.authors.len(),
                "{format}: {authors:?}"
            );
            for author in &article.meta.authors {
                assert!(
                    authors.iter().any(|shown| shown.contains(&author.name)),
                    "{format}: author {}",
                    author.name
                );
            }
            let tags: Vec<&str> = entry
                .categories
                .iter()
                .map(|category| category.term.as_str())
                .collect();
            assert_eq!(
                tags,
                article
                    .meta
                    .tags
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
                "{format}"
            );
        }
    }
}

#[test]
fn rss_round_trips_every_field() {
    for article in sample_articles() {
        let text = one_item_feed(&article, Format::Rss);
        let channel = rss::Channel::read_from(text.as_bytes()).unwrap();
        let meta = &article.meta;
        assert_eq!(channel.title, meta.title);
        assert_eq!(channel.language, meta.language);
        assert!(
            channel.namespaces.contains_key("nw"),
            "the extension namespace is declared"
        );
        let item = &channel.items[0];
        assert_eq!(item.link, meta.url);
        let guid = item.guid.as_ref().unwrap();
        assert_eq!(guid.value, meta.id);
        assert_eq!(
            guid.permalink,
            meta.url.as_deref() == Some(meta.id.as_str())
        );
        let date = chrono::DateTime::parse_from_rfc2822(item.pub_date.as_deref().unwrap()).unwrap();
        assert_eq!(date, meta.published.instant());
        let creators = &item
            .dublin_core_ext
            .as_ref()
            .map(|dc| dc.creators.clone())
            .unwrap_or_default();
        // Each person once: the first with an address in `author`, every
        // other name in `dc:creator`.
        let emailed = meta.authors.iter().find(|author| author.email.is_some());
        let names: Vec<String> = meta
            .authors
            .iter()
            .filter(|author| Some(*author) != emailed)
            .map(|author| author.name.clone())
            .collect();
        assert_eq!(creators, &names);
        assert_eq!(item.author.is_some(), emailed.is_some());
        if let (Some(author), Some(emailed)) = (&item.author, emailed) {
            assert_eq!(
                author,
                &format!("{} ({})", emailed.email.as_deref().unwrap(), emailed.name),
                "RSS author is an e-mail address and the name"
            );
        }
        let categories: Vec<&str> = item
            .categories
            .iter()
            .map(|category| category.name.as_str())
            .collect();
        assert_eq!(
            categories,
            meta.tags.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(item.description.is_some());
        assert_content_keeps_quotes_and_prompts(
            &article,
            item.content.as_deref().unwrap(),
            Format::Rss,
        );
        let data = &item.extensions["nw"]["article"][0];
        let quotes = data.children.get("quote").map(Vec::len).unwrap_or(0);
        assert_eq!(quotes, article.quotes().count());
        for (quote, element) in article
            .quotes()
            .zip(data.children.get("quote").into_iter().flatten())
        {
            assert_eq!(
                element.children["name"][0].value.as_deref(),
                Some(quote.attribution.name.as_str())
            );
        }
        if let Some(discussion) = &article.discussion {
            let section = &data.children["discussion"][0];
            assert_eq!(section.children["prompt"].len(), discussion.prompts.len());
        }
        if let Some(image) = &meta.image
            && (meta.url.is_some() || image.url.starts_with("https://"))
        {
            let media = &item.extensions["media"]["content"][0];
            assert!(media.attrs["url"].starts_with("http"), "absolute image URL");
            assert_eq!(media.children["credit"][0].value, image.credit);
        }
    }
}

#[test]
fn atom_round_trips_every_field() {
    for article in sample_articles() {
        let text = one_item_feed(&article, Format::Atom);
        let feed = atom_syndication::Feed::read_from(text.as_bytes()).unwrap();
        let meta = &article.meta;
        assert_eq!(feed.title.value, meta.title);
        assert!(
            !feed.authors.is_empty() || feed.entries.iter().all(|entry| !entry.authors.is_empty())
        );
        let entry = &feed.entries[0];
        assert_eq!(entry.id, meta.id);
        assert_eq!(entry.published, Some(meta.published.instant()));
        assert_eq!(entry.updated, meta.updated_or_published().instant());
        let content = entry.content.as_ref().unwrap();
        assert_eq!(content.content_type.as_deref(), Some("html"));
        assert_content_keeps_quotes_and_prompts(
            &article,
            content.value.as_deref().unwrap(),
            Format::Atom,
        );
        let terms: Vec<&str> = entry
            .categories
            .iter()
            .map(|category| category.term.as_str())
            .collect();
        assert_eq!(
            terms,
            meta.tags.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(entry.extensions.contains_key("nw"));
    }
}

#[test]
fn json_feed_is_valid_json_feed_1_1_and_carries_the_data() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/conformance/jsonfeed-schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut documents: Vec<(String, Option<Article>)> = sample_articles()
        .into_iter()
        .map(|article| (one_item_feed(&article, Format::JsonFeed), Some(article)))
        .collect();
    documents.push((feed_of_samples(Format::JsonFeed), None));
    for (text, article) in documents {
        let feed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&feed)
            .map(|error| error.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        let Some(article) = article else { continue };
        let item = &feed["items"][0];
        let data = &item["_newswire"];
        let quotes: Vec<&Article> = vec![&article];
        for (index, quote) in quotes[0].quotes().enumerate() {
            assert_eq!(
                data["quotes"][index]["name"],
                quote.attribution.name.as_str()
            );
            assert_eq!(
                data["quotes"][index]["role"].as_str(),
                quote.attribution.role.as_deref()
            );
            assert_eq!(
                data["quotes"][index]["title"].as_str(),
                quote.title.as_deref()
            );
            assert_eq!(
                data["quotes"][index]["cite"].as_str(),
                quote.attribution.cite.as_deref()
            );
        }
        if let Some(discussion) = &article.discussion {
            assert_eq!(data["discussion"]["heading"], discussion.heading.as_str());
            assert_eq!(
                data["discussion"]["prompts"].as_array().unwrap().len(),
                discussion.prompts.len()
            );
        }
        assert_eq!(
            data["publisher"].as_str(),
            article.meta.publisher.as_deref()
        );
        if article.meta.url.is_none() {
            assert!(
                item.get("image").is_none(),
                "a relative image has no absolute form"
            );
        }
        assert_eq!(
            data["image_credit"].as_str(),
            article
                .meta
                .image
                .as_ref()
                .and_then(|image| image.credit.as_deref())
        );
        assert!(item["content_text"].as_str().unwrap().contains("— "));
        assert_content_keeps_quotes_and_prompts(
            &article,
            item["content_html"].as_str().unwrap(),
            Format::JsonFeed,
        );
    }
}

#[test]
fn many_articles_go_newest_first_and_the_feed_date_is_the_newest() {
    let articles = sample_articles();
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        let parsed = feed_rs::parser::parse(feed_of_samples(format).as_bytes()).unwrap();
        assert_eq!(parsed.entries.len(), articles.len(), "{format}");
        let dates: Vec<i64> = parsed
            .entries
            .iter()
            .map(|entry| entry.published.unwrap().timestamp())
            .collect();
        assert!(
            dates.windows(2).all(|pair| pair[0] >= pair[1]),
            "{format}: {dates:?}"
        );
        let newest = articles
            .iter()
            .map(|article| article.meta.updated_or_published().utc())
            .max()
            .unwrap();
        if format != Format::JsonFeed {
            // JSON Feed has no feed-level date.
            assert_eq!(
                parsed.updated.map(|date| date.timestamp()),
                Some(newest.timestamp()),
                "{format}"
            );
        }
    }
}

#[test]
fn hostile_html_never_reaches_a_feed() {
    let source = "---\ntitle: T\npublished: 2024-01-02\nurl: https://example.com/news/t\n---\n\n<script>alert(1)</script>\n\n<p onclick=\"steal()\">Hi <a href=\"javascript:alert(1)\">x</a> <a href=\"../rel\">rel</a> ]]> done</p>\n\n![pic](img/a.png)\n";
    let article = newswire::read(source.as_bytes(), Format::Markdown, "t.md").unwrap();
    for format in [Format::Rss, Format::Atom, Format::JsonFeed, Format::Html] {
        let output = newswire::write_to_string(format, &article, &WriteOptions::default());
        let parsed_content = match format {
            Format::Rss => rss::Channel::read_from(output.as_bytes()).unwrap().items[0].content.clone().unwrap(),
            Format::Atom => atom_syndication::Feed::read_from(output.as_bytes()).unwrap().entries[0]
                .content
                .clone()
                .unwrap()
                .value
                .unwrap(),
            Format::JsonFeed => serde_json::from_str::<serde_json::Value>(&output).unwrap()["items"][0]["content_html"]
                .as_str()
                .unwrap()
                .to_owned(),
            _ => output.clone(),
        };
        for forbidden in ["<script", "onclick", "javascript:"] {
            assert!(
                !parsed_content.contains(forbidden),
                "{format} keeps {forbidden}"
            );
        }
        assert!(
            parsed_content.contains("https://example.com/rel"),
            "{format} resolves relative links"
        );
        assert!(
            parsed_content.contains("https://example.com/news/img/a.png"),
            "{format} resolves images"
        );
        assert!(
            parsed_content.contains("]]&gt; done"),
            "{format} keeps the text of ]]>"
        );
    }
}
