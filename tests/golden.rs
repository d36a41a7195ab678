use crate::util::{assert_golden, root, samples};
use newswire::{Format, WriteOptions};

fn check_sample_in(format: Format, options: &WriteOptions, suffix: &str) {
    for sample in samples() {
        let bytes = std::fs::read(&sample).expect("sample is readable");
        let name = sample.file_name().unwrap().to_string_lossy().into_owned();
        let article = newswire::read(&bytes, Format::Markdown, &name).expect("sample is valid");
        let output = newswire::write_to_string(format, &article, options);
        let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
        assert_golden(
            &root().join("tests/golden").join(format!("{stem}{suffix}")),
            &output,
        );
    }
}

#[test]
fn markdown() {
    check_sample_in(Format::Markdown, &WriteOptions::default(), ".md");
}

#[test]
fn plain_gfm() {
    let options = WriteOptions {
        plain_markdown: true,
        ..WriteOptions::default()
    };
    check_sample_in(Format::Markdown, &options, ".gfm.md");
}

#[test]
fn text() {
    check_sample_in(Format::Text, &WriteOptions::default(), ".txt");
}

#[test]
fn text_unwrapped() {
    let options = WriteOptions {
        width: 0,
        ..WriteOptions::default()
    };
    check_sample_in(Format::Text, &options, ".nowrap.txt");
}

#[test]
fn html() {
    check_sample_in(Format::Html, &WriteOptions::default(), ".html");
}

#[test]
fn article_json() {
    check_sample_in(
        Format::ArticleJson,
        &WriteOptions::default(),
        ".article.json",
    );
}

/// What the article format says every output must keep, for the reference
/// sample: checked on each output so a golden file cannot drift from it.
#[test]
fn every_output_keeps_quotes_prompts_and_credit() {
    let bytes = std::fs::read(root().join("samples/syria-what-happens-now.md")).unwrap();
    let article = newswire::read(&bytes, Format::Markdown, "syria.md").unwrap();
    let must_keep = [
        "Syria: What happens now?",
        "2014-02-17",
        "Assad himself is a magnet for terrorism. He is the principal magnet",
        "John Kerry",
        "U.S. Secretary of State",
        "Kerry on Assad",
        "Louay Safi",
        "spokesman, Syrian National Coalition",
        "2013 AFP",
        "How will the breakdown in talks affect Syrian civilians?",
        "Will the civil war rage on as before?",
        "Did Geneva II make a difference?",
        "This panel was assembled for the broadcast of “Inside Story.”",
        "A third round of talks on Syria have been promised",
    ];
    for format in Format::ALL {
        let output = newswire::write_to_string(
            format,
            &article,
            &WriteOptions {
                width: 0,
                ..WriteOptions::default()
            },
        );
        for needle in must_keep {
            assert!(output.contains(needle), "{format} output lacks {needle:?}");
        }
        let first = output.find("How will the breakdown").unwrap();
        let second = output.find("Will the civil war").unwrap();
        let third = output.find("Did Geneva II").unwrap();
        assert!(
            first < second && second < third,
            "{format} prompts are out of order"
        );
    }
}

#[test]
fn one_item_feeds() {
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        check_sample_in(format, &WriteOptions::default(), format.file_suffix());
    }
}

#[test]
fn feed_of_every_sample() {
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        let articles = samples()
            .iter()
            .map(|path| {
                newswire::read(&std::fs::read(path).unwrap(), Format::Markdown, "s.md").unwrap()
            })
            .collect();
        let feed = newswire::Feed::new(crate::feeds::channel(), articles);
        let mut out = Vec::new();
        newswire::write_feed(format, &feed, &mut out).unwrap();
        let name = format!("all-samples{}", format.file_suffix());
        assert_golden(
            &root().join("tests/golden").join(name),
            &String::from_utf8(out).unwrap(),
        );
    }
}
