//! Static sites as they are: each generator's fixture site, written from
//! its documentation and modelled on public sites, through the binary.

use crate::util::{assert_fails, root, run, stderr, stdout};
use std::path::{Path, PathBuf};

fn site(name: &str) -> String {
    format!("tests/fixtures/sites/{name}")
}

/// The feed of a fixture site in `format`, read back by feed-rs, with what
/// the run printed on standard error.
fn site_feed(name: &str, format: &str, extra: &[&str]) -> (feed_rs::model::Feed, String) {
    let path = site(name);
    let mut args = vec!["feed", path.as_str(), "-t", format];
    args.extend(extra);
    let output = run(&args, b"");
    assert!(output.status.success(), "{name}: {}", stderr(&output));
    let feed = feed_rs::parser::parse(output.stdout.as_slice())
        .unwrap_or_else(|error| panic!("{name} {format}: {error}"));
    (feed, stderr(&output))
}

fn links(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|entry| entry.links[0].href.clone())
        .collect()
}

fn content(entry: &feed_rs::model::Entry) -> String {
    entry
        .content
        .as_ref()
        .and_then(|content| content.body.clone())
        .unwrap_or_default()
}

fn entry<'f>(feed: &'f feed_rs::model::Feed, title: &str) -> &'f feed_rs::model::Entry {
    feed.entries
        .iter()
        .find(|entry| {
            entry
                .title
                .as_ref()
                .is_some_and(|text| text.content == title)
        })
        .unwrap_or_else(|| panic!("no entry {title:?}"))
}

#[test]
fn every_fixture_site_gives_a_feed_in_every_format_with_links_under_its_base() {
    for (name, base, items) in [
        ("hugo", "https://hugo.example.org/", 3),
        ("jekyll", "https://jekyll.example.org/blog/", 5),
        ("zola", "https://zola.example.org/", 3),
        ("eleventy", "https://eleventy.example.org/", 3),
    ] {
        for format in ["rss", "atom", "jsonfeed"] {
            let (feed, _) = site_feed(name, format, &[]);
            assert_eq!(feed.entries.len(), items, "{name} {format}");
            for link in links(&feed) {
                assert!(link.starts_with(base), "{name} {format}: {link}");
            }
            for entry in &feed.entries {
                let body = content(entry);
                for syntax in ["{{<", "{{%", "{%", "{{ ", "@/"] {
                    assert!(
                        !body.contains(syntax) || body.contains("<code"),
                        "{name} {format}: {syntax} in {body}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_channel_comes_from_the_site_configuration() {
    let (feed, _) = site_feed("hugo", "atom", &[]);
    assert_eq!(feed.title.unwrap().content, "Hugo Example");
    assert_eq!(feed.language.as_deref(), Some("en-us"));
    assert_eq!(feed.rights.unwrap().content, "© 2024 The Example Authors");
    let (feed, _) = site_feed("jekyll", "atom", &[]);
    assert_eq!(feed.title.unwrap().content, "Brew Notes");
    assert_eq!(feed.links[0].href, "https://jekyll.example.org/blog/");
    assert_eq!(feed.language.as_deref(), Some("en-US"), "en_US is repaired");
    assert_eq!(
        feed.logo.unwrap().uri,
        "https://jekyll.example.org/logo.png"
    );
    let (feed, _) = site_feed("zola", "jsonfeed", &[]);
    assert_eq!(feed.title.unwrap().content, "The Ongoing Struggle");
    let (feed, _) = site_feed("eleventy", "rss", &[]);
    assert_eq!(feed.title.unwrap().content, "Eleventy Base Blog");
    assert_eq!(
        feed.description.unwrap().content,
        "I am writing about my experiences as a naval navel-gazer."
    );
    // Flags still win.
    let (feed, _) = site_feed("zola", "atom", &["--title", "Mine"]);
    assert_eq!(feed.title.unwrap().content, "Mine");
}

#[test]
fn jekyll_dates_categories_and_permalinks_are_jekylls() {
    let (feed, warnings) = site_feed("jekyll", "atom", &[]);
    let release = entry(&feed, "Homebrew 2.2.0");
    // The date is only in the file name, at midnight in the site's zone.
    assert_eq!(
        release.published.unwrap().to_rfc3339(),
        "2019-11-27T05:00:00+00:00"
    );
    assert_eq!(
        release.links[0].href,
        "https://jekyll.example.org/blog/release/news/2019/11/27/homebrew-2.2.0.html"
    );
    let terms: Vec<&str> = release.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["release", "news"]);
    // The directory above _posts is a category too.
    assert_eq!(
        entry(&feed, "Filed under news").links[0].href,
        "https://jekyll.example.org/blog/news/2020/01/15/in-a-category.html"
    );
    // One-digit months and days, as Jekyll Now names its first post.
    let hello = entry(&feed, "You're up and running!");
    assert_eq!(
        hello.links[0].href,
        "https://jekyll.example.org/blog/2014/03/03/Hello-World.html"
    );
    assert!(
        content(hello).contains("src=\"https://jekyll.example.org/blog/images/config.png\""),
        "{}",
        content(hello)
    );
    // A collection with `output: true`; `category` is a tag too.
    let bread = entry(&feed, "Bread");
    assert_eq!(
        bread.links[0].href,
        "https://jekyll.example.org/blog/recipes/bread.html"
    );
    assert_eq!(bread.categories[0].term, "baking");
    // `excerpt` is the summary, `last_modified_at` the update.
    assert_eq!(
        entry(&feed, "Filed under news")
            .summary
            .as_ref()
            .unwrap()
            .content,
        "Where a post's category comes from."
    );
    assert_eq!(
        entry(&feed, "Moving house").updated.unwrap().to_rfc3339(),
        "2019-12-06T14:00:00+00:00"
    );
    // The title given twice: the last wins, with a warning at the first.
    assert!(
        warnings.contains("2019-11-27-homebrew-2.2.0.md:2:1: warning: `title` is given again"),
        "{warnings}"
    );
    // Liquid tags become links to the pages they name.
    let body = content(release);
    assert!(
        body.contains("href=\"https://jekyll.example.org/blog/2019/12/05/moving-house.html\""),
        "{body}"
    );
    assert!(
        body.contains("href=\"https://jekyll.example.org/blog/about/\""),
        "{body}"
    );
    assert!(
        body.contains("href=\"https://github.com/example/brew/releases\""),
        "{body}"
    );
    assert!(body.contains("language-ruby"), "{body}");
    // The summary is what comes before the excerpt separator.
    assert_eq!(
        release.summary.as_ref().unwrap().content,
        "Homebrew 2.2.0 has been released."
    );
    // The heading is the title, and leaves the body.
    let moving = entry(&feed, "Moving house");
    assert!(!content(moving).contains("<h1"), "{}", content(moving));
    assert!(
        warnings.contains(
            "2019-12-05-moving-house.markdown:8:10: warning: the template tag `{% include %}`"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "3 files are not articles, left out: a draft (1), a page, not a post (1), no date (1)"
        ),
        "{warnings}"
    );
}

#[test]
fn jekyll_lang_is_the_items_language() {
    let jekyll = site("jekyll");
    let output = run(&["feed", &jekyll, "-t", "json", "-q"], b"");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let bread = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["title"] == "Bread")
        .unwrap();
    assert_eq!(bread["language"], "en-GB");
}

#[test]
fn hugo_sections_bundles_drafts_and_shortcodes_are_hugos() {
    let (feed, warnings) = site_feed("hugo", "atom", &[]);
    assert_eq!(
        links(&feed),
        [
            "https://hugo.example.org/2019/11/now-commonmark-compliant/",
            "https://hugo.example.org/commands/hugo_list/",
            "https://hugo.example.org/2018/06/theme-components/",
        ]
    );
    // A time without an offset is in the site's zone.
    let release = entry(&feed, "Now CommonMark Compliant!");
    assert_eq!(
        release.published.unwrap().to_rfc3339(),
        "2019-11-27T08:30:00+00:00"
    );
    assert_eq!(
        release.summary.as_ref().unwrap().content,
        "Goldmark is the new default library for Markdown."
    );
    let body = content(release);
    assert!(
        body.contains("href=\"https://hugo.example.org/2018/06/theme-components/\""),
        "{body}"
    );
    assert!(
        body.contains("https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
        "{body}"
    );
    assert!(
        body.contains("<figcaption>Hugo 0.60 &amp; Goldmark</figcaption>"),
        "{body}"
    );
    // An escaped shortcode in code is written as the shortcode it shows.
    assert!(
        body.contains("{{&lt; figure src=\"x.png\" &gt;}}"),
        "{body}"
    );
    assert!(
        warnings.contains("now-commonmark.md:17:1: warning: the Hugo shortcode `{{% note %}}`"),
        "{warnings}"
    );
    // The bundle's title is its first heading.
    let bundle = entry(&feed, "Hugo 0.42: Theme Composition and Inheritance!");
    assert!(!content(bundle).contains("<h1"));
    assert!(content(bundle).contains("language-toml"));
    assert!(warnings.contains("a draft (1), a headless bundle (1), a section's list page (2), expired (1), in the future (1), no date (1)"), "{warnings}");
    // The flags that take them back.
    let (feed, _) = site_feed("hugo", "atom", &["--include-drafts", "--include-future"]);
    assert_eq!(feed.entries.len(), 6);
}

#[test]
fn zola_dates_in_names_paths_and_internal_links_are_zolas() {
    let (feed, warnings) = site_feed("zola", "atom", &[]);
    assert_eq!(
        links(&feed),
        [
            "https://zola.example.org/notes/custom/",
            "https://zola.example.org/blog/second/",
            "https://zola.example.org/blog/moving-house/",
        ]
    );
    let moving = entry(&feed, "Moving house");
    assert_eq!(
        moving.published.unwrap().to_rfc3339(),
        "2019-12-05T00:00:00+00:00"
    );
    let body = content(moving);
    assert!(
        body.contains("href=\"https://zola.example.org/blog/second/#boxes\""),
        "{body}"
    );
    assert!(
        body.contains("https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
        "{body}"
    );
    assert!(
        warnings
            .contains("2019-12-05-moving-house.md:15:1: warning: the Zola shortcode `{{ toc() }}`"),
        "{warnings}"
    );
    let terms: Vec<&str> = moving.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["personal", "house"]);
    assert_eq!(
        entry(&feed, "Second post")
            .summary
            .as_ref()
            .unwrap()
            .content,
        "Unpacking the boxes"
    );
}

#[test]
fn eleventy_data_directory_pages_and_titles_are_eleventys() {
    let (feed, warnings) = site_feed("eleventy", "jsonfeed", &[]);
    assert_eq!(
        links(&feed),
        [
            "https://eleventy.example.org/blog/fourthpost/",
            "https://eleventy.example.org/blog/2018-08-24-second-post/",
            "https://eleventy.example.org/blog/firstpost/",
        ]
    );
    assert!(warnings.contains("2018-08-24-second-post.md:1:1: warning: no title: `Second post` is made from the file name"), "{warnings}");
    let first = entry(&feed, "This is my first post.");
    let body = content(first);
    assert!(body.contains("Published by Eleventy Base Blog."), "{body}");
    assert!(
        body.contains("<img src=\"https://eleventy.example.org/blog/firstpost/possum.png\""),
        "{body}"
    );
    assert_eq!(first.authors[0].name.as_deref(), Some("Your Name Here"));
}

#[test]
fn check_reports_template_warnings_and_notes_but_no_errors_on_the_sites_posts() {
    for name in ["hugo", "jekyll", "zola", "eleventy"] {
        let output = run(&["check", &site(name)], b"");
        let report = stdout(&output);
        assert!(
            output.status.success(),
            "{name}: {report}{}",
            stderr(&output)
        );
        assert!(!report.contains(": error:"), "{name}: {report}");
        assert!(
            report.contains(": note: not an article:"),
            "{name}: {report}"
        );
    }
    let report = stdout(&run(&["check", &site("hugo")], b""));
    assert!(
        report.contains("now-commonmark.md:17:1: warning: the Hugo shortcode"),
        "{report}"
    );
    assert!(
        report.contains("_index.md:1:1: note: not an article: a section's list page"),
        "{report}"
    );
}

#[test]
fn every_site_feed_passes_the_feed_checks() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["hugo", "jekyll", "zola", "eleventy"] {
        for format in ["rss", "atom", "jsonfeed"] {
            let out = dir.path().join(format!("{name}.{format}"));
            let out_name = out.display().to_string();
            let path = site(name);
            let made = run(&["feed", &path, "-t", format, "-q", "-o", &out_name], b"");
            assert!(made.status.success(), "{}", stderr(&made));
            let checked = run(&["check", &out_name], b"");
            assert!(
                checked.status.success(),
                "{name} {format}: {}",
                stdout(&checked)
            );
        }
    }
}

#[test]
fn a_yaml_key_given_twice_is_an_error_outside_a_jekyll_site() {
    let article = b"---\ntitle: A\ntitle: B\npublished: 2024-01-01\n---\nText.\n";
    let output = run(&["convert", "-", "-t", "text"], article);
    assert_fails(&output, 65, "-:3:1: error: duplicate key `title`");
}

#[test]
fn no_site_reads_a_post_as_a_canonical_article() {
    let post = format!("{}/_posts/2019-11-27-homebrew-2.2.0.md", site("jekyll"));
    let output = run(&["convert", &post, "-t", "text", "--no-site"], b"");
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    let output = run(&["convert", &post, "-t", "text"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("Homebrew 2.2.0"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn site_names_the_root_explicitly() {
    // Content kept in a repository of its own: the search for the site
    // stops at that repository's root, so --site names it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Submodule\"\n",
    )
    .unwrap();
    let posts = dir.path().join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::create_dir(dir.path().join("content/.git")).unwrap();
    std::fs::write(
        posts.join("first.md"),
        "---\ndate: 2024-01-01\n---\n# First\n\nText.\n",
    )
    .unwrap();
    let posts_name = posts.display().to_string();
    let plain = run(
        &[
            "feed",
            &posts_name,
            "-t",
            "rss",
            "--title",
            "T",
            "--link",
            "https://example.com/",
        ],
        b"",
    );
    assert_fails(&plain, 65, "missing required key `title`");
    let root_name = dir.path().display().to_string();
    let with_site = run(
        &["feed", &posts_name, "-t", "rss", "--site", &root_name],
        b"",
    );
    assert!(with_site.status.success(), "{}", stderr(&with_site));
    let feed = feed_rs::parser::parse(with_site.stdout.as_slice()).unwrap();
    assert_eq!(links(&feed), ["https://example.org/posts/first/"]);
    let output = run(
        &["feed", &posts_name, "-t", "rss", "--site", &posts_name],
        b"",
    );
    assert_fails(&output, 2, "has no site configuration");
}

#[test]
fn a_broken_site_configuration_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hugo.toml"),
        "title = \"Broken\"\nbaseURL = \n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let name = dir.path().display().to_string();
    let output = run(&["feed", &name, "-t", "rss"], b"");
    assert_fails(&output, 65, "hugo.toml:2:");
    // An Eleventy data file that computes its values is not read.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("eleventy.config.js"),
        "export default function () {}\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("_data")).unwrap();
    std::fs::write(
        dir.path().join("_data/metadata.js"),
        "module.exports = {\n  title: process.env.TITLE,\n};\n",
    )
    .unwrap();
    let name = dir.path().display().to_string();
    let output = run(&["feed", &name, "-t", "rss"], b"");
    assert_fails(&output, 65, "metadata.js:2:");
}

#[test]
fn a_site_of_no_articles_is_an_error_never_an_empty_feed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "base_url = \"https://example.org\"\ntitle = \"Docs\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/guide.md"),
        "+++\ntitle = \"Guide\"\n+++\nNo date.\n",
    )
    .unwrap();
    let name = dir.path().display().to_string();
    let out = dir.path().join("feed.xml");
    let out_name = out.display().to_string();
    let output = run(&["feed", &name, "-t", "rss", "-o", &out_name], b"");
    assert_fails(
        &output,
        65,
        "no article to make a feed of: of 1 input, 1 not articles",
    );
    assert!(!out.exists());
    // Every input invalid and skipped: the same.
    let broken = dir.path().join("broken.md");
    std::fs::write(&broken, "---\ntitle: [unclosed\n---\n").unwrap();
    let broken_name = broken.display().to_string();
    let output = run(
        &[
            "feed",
            &broken_name,
            "-t",
            "rss",
            "--no-site",
            "--skip-invalid",
            "--title",
            "T",
            "--link",
            "https://example.com/",
            "-o",
            &out_name,
        ],
        b"",
    );
    assert_fails(&output, 65, "1 invalid");
    assert!(!out.exists());
}

#[test]
fn convert_mirrors_input_paths_so_bundles_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_name = out.display().to_string();
    let hugo = site("hugo");
    let output = run(
        &["convert", &hugo, "-t", "html", "--out-dir", &out_name],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("posts/theme-components/index.html").is_file());
    assert!(out.join("posts/now-commonmark.html").is_file());
    assert!(out.join("commands/hugo_list.html").is_file());
    // Not articles are not written.
    assert!(!out.join("about.html").exists());
    // Named on its own, a file that is not an article fails the run
    // rather than giving an empty output.
    let about = format!("{hugo}/content/about.md");
    let output = run(&["convert", &about, "-t", "text"], b"");
    assert_fails(&output, 65, "about.md:1:1: error: not an article: no date");
    assert!(output.stdout.is_empty());
    // Flat, two bundles' index.md would share a name.
    let dir = tempfile::tempdir().unwrap();
    for bundle in ["a", "b"] {
        let bundle_dir = dir.path().join(bundle);
        std::fs::create_dir(&bundle_dir).unwrap();
        std::fs::write(
            bundle_dir.join("index.md"),
            format!("---\ntitle: {bundle}\npublished: 2024-01-01\n---\nText.\n"),
        )
        .unwrap();
    }
    let input = dir.path().display().to_string();
    let flat_out = dir.path().join("flat").display().to_string();
    let output = run(
        &[
            "convert",
            &input,
            "-t",
            "text",
            "--out-dir",
            &flat_out,
            "--flat",
        ],
        b"",
    );
    assert_fails(&output, 2, "two inputs would both be written to");
    let tree_out = dir.path().join("tree");
    let tree_name = tree_out.display().to_string();
    let output = run(
        &["convert", &input, "-t", "text", "--out-dir", &tree_name],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(tree_out.join("a/index.txt").is_file() && tree_out.join("b/index.txt").is_file());
}

#[test]
fn tag_and_category_feeds() {
    let (feed, _) = site_feed("jekyll", "atom", &["--tag", "personal"]);
    assert_eq!(
        links(&feed),
        ["https://jekyll.example.org/blog/2019/12/05/moving-house.html"]
    );
    let (feed, _) = site_feed(
        "jekyll",
        "atom",
        &["--category", "Release", "--tag", "personal"],
    );
    assert_eq!(feed.entries.len(), 2);
    let dir = tempfile::tempdir().unwrap();
    let per_tag = dir.path().join("tags");
    let per_tag_name = per_tag.display().to_string();
    site_feed("zola", "rss", &["--per-tag", &per_tag_name]);
    let house = std::fs::read(per_tag.join("house.rss.xml")).unwrap();
    let house = feed_rs::parser::parse(house.as_slice()).unwrap();
    assert_eq!(house.entries.len(), 2);
    assert_eq!(house.title.unwrap().content, "The Ongoing Struggle: house");
    assert!(per_tag.join("personal.rss.xml").is_file());
}

#[test]
fn summary_only_icon_logo_rights_and_hubs() {
    let (feed, _) = site_feed(
        "zola",
        "atom",
        &[
            "--summary-only",
            "--icon",
            "https://zola.example.org/icon.png",
            "--logo",
            "https://zola.example.org/logo.png",
            "--rights",
            "CC BY-SA 4.0",
            "--hub",
            "https://pubsubhubbub.appspot.com/",
        ],
    );
    let moving = entry(&feed, "Moving house");
    assert_eq!(content(moving), "<p>We moved across town.</p>");
    assert_eq!(feed.icon.unwrap().uri, "https://zola.example.org/icon.png");
    assert_eq!(feed.logo.unwrap().uri, "https://zola.example.org/logo.png");
    assert_eq!(feed.rights.unwrap().content, "CC BY-SA 4.0");
    assert!(
        feed.links
            .iter()
            .any(|link| link.rel.as_deref() == Some("hub")
                && link.href == "https://pubsubhubbub.appspot.com/")
    );
    let zola = site("zola");
    let output = run(
        &[
            "feed",
            &zola,
            "-t",
            "json",
            "-q",
            "--hub",
            "https://hub.example.org/",
        ],
        b"",
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["hubs"][0]["type"], "WebSub");
    assert_eq!(json["hubs"][0]["url"], "https://hub.example.org/");
    let output = run(
        &["feed", &zola, "-t", "rss", "--hub", "javascript:alert(1)"],
        b"",
    );
    assert_fails(&output, 2, "hub");
}

#[test]
fn fixture_sites_need_no_flags() {
    // Nothing beyond -t: the site says the rest.
    for name in ["hugo", "jekyll", "zola", "eleventy"] {
        let path: PathBuf = root().join(site(name));
        assert!(Path::new(&path).is_dir());
        let output = run(&["feed", &site(name), "-t", "rss", "-q"], b"");
        assert!(output.status.success(), "{name}: {}", stderr(&output));
        assert!(stderr(&output).is_empty());
    }
}

#[test]
fn a_canonical_article_kept_in_a_site_reads_as_it_does_anywhere() {
    let configs = [
        (
            "hugo.toml",
            "baseURL = \"https://example.org/\"\ntitle = \"T\"\n",
            "content/posts",
        ),
        (
            "config.toml",
            "base_url = \"https://example.org\"\ntitle = \"T\"\n",
            "content/blog",
        ),
        (
            "eleventy.config.js",
            "export default function () {}\n",
            "blog",
        ),
    ];
    for (config, text, posts) in configs {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(config), text).unwrap();
        std::fs::create_dir_all(dir.path().join(posts)).unwrap();
        for sample in crate::util::samples() {
            let kept = dir.path().join(posts).join(sample.file_name().unwrap());
            std::fs::copy(&sample, &kept).unwrap();
            let kept = kept.display().to_string();
            let sample = sample.display().to_string();
            let in_site = run(&["convert", &kept, "-t", "md"], b"");
            let alone = run(&["convert", &sample, "-t", "md"], b"");
            assert!(in_site.status.success(), "{config}: {}", stderr(&in_site));
            assert_eq!(stdout(&in_site), stdout(&alone), "{config} {sample}");
        }
    }
}

#[test]
fn hugo_frontmatter_configuration_chooses_the_date_keys() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"T\"\n[frontmatter]\ndate = [\"publishDate\", \":filename\"]\nexpiryDate = [\"unpublish\"]\n",
    )
    .unwrap();
    let posts = dir.path().join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    let write = |name: &str, text: &str| std::fs::write(posts.join(name), text).unwrap();
    write(
        "a.md",
        "---\ntitle: A\ndate: 2019-01-01\npublishDate: 2020-01-02\n---\nA.\n",
    );
    write("2021-03-04-b.md", "---\ntitle: B\n---\nB.\n");
    write(
        "c.md",
        "---\ntitle: C\npublishDate: 2020-01-01\nunpublish: 2020-06-01\n---\nC.\n",
    );
    let name = dir.path().display().to_string();
    let output = run(&["feed", &name, "-t", "json"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("expired (1)"),
        "{}",
        stderr(&output)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let dates: Vec<(&str, &str)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["title"].as_str().unwrap(),
                item["date_published"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [("B", "2021-03-04T00:00:00Z"), ("A", "2020-01-02T00:00:00Z")]
    );
}
