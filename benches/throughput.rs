//! Throughput and memory of the real binary on a generated archive, as
//! ratios against a baseline measured in the same run: reading every file
//! and rendering it with comrak to HTML in one thread.
//!
//! `cargo bench --bench throughput` uses 1,000 and 10,000 articles;
//! `NEWSWIRE_BENCH_SIZES=1000,10000,100000` sets the sizes and
//! `NEWSWIRE_BENCH_RUNS=5` the runs per figure (the median is printed).
//! Timings are never asserted: these machines are shared and noisy.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const NEWSWIRE: &str = env!("CARGO_BIN_EXE_newswire");

fn main() {
    let sizes: Vec<usize> = std::env::var("NEWSWIRE_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".to_owned())
        .split(',')
        .filter_map(|size| size.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("NEWSWIRE_BENCH_RUNS")
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(3);
    let work = tempfile::tempdir().expect("a temporary directory");
    let mut per_article = Vec::new();
    for &size in &sizes {
        let corpus = work.path().join(format!("corpus-{size}"));
        let bytes = generate(&corpus, size);
        let baseline = median(runs, || baseline(&corpus));
        let (feed, feed_rss) = measure(
            runs,
            &[
                "feed",
                path(&corpus),
                "-t",
                "rss",
                "--title",
                "Bench",
                "--link",
                "https://example.com/",
                "-o",
                path(&work.path().join("feed.xml")),
            ],
        );
        let out = work.path().join(format!("out-{size}"));
        let (convert, convert_rss) = measure(
            runs,
            &[
                "convert",
                path(&corpus),
                "-t",
                "all",
                "--out-dir",
                path(&out),
            ],
        );
        let feed_size =
            std::fs::metadata(work.path().join("feed.xml")).map_or(0, |meta| meta.len());
        println!("{size} articles, {:.1} MB:", bytes as f64 / 1e6);
        println!(
            "  baseline (read + comrak to HTML, one thread): {:.3} s",
            baseline.as_secs_f64()
        );
        println!(
            "  feed -t rss:            {:.3} s = {:.2}x baseline, peak {:.1} MB (output {:.1} MB)",
            feed.as_secs_f64(),
            ratio(feed, baseline),
            feed_rss as f64 / 1e3,
            feed_size as f64 / 1e6
        );
        println!(
            "  convert -t all:         {:.3} s = {:.2}x baseline, peak {:.1} MB",
            convert.as_secs_f64(),
            ratio(convert, baseline),
            convert_rss as f64 / 1e3
        );
        per_article.push((size, feed.as_secs_f64() / size as f64));
        let _ = std::fs::remove_dir_all(&out);
    }
    if let Some(&(first_size, first)) = per_article.first() {
        for &(size, cost) in &per_article[1..] {
            println!(
                "feed cost per article at {size} vs {first_size}: {:.2}x (1.00 is linear)",
                cost / first
            );
        }
    }
    let one = work.path().join("corpus-one");
    generate(&one, 1);
    let article = std::fs::read_dir(&one)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text_out = work.path().join("one.txt");
    let single = median(runs, || {
        let start = Instant::now();
        for _ in 0..100 {
            run(&[
                "convert",
                path(&article),
                "-t",
                "text",
                "-o",
                path(&text_out),
            ]);
        }
        start.elapsed() / 100
    });
    println!(
        "one article, convert -t text, process start included: {:.2} ms",
        single.as_secs_f64() * 1e3
    );
}

fn path(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn ratio(time: Duration, baseline: Duration) -> f64 {
    time.as_secs_f64() / baseline.as_secs_f64()
}

fn median(runs: usize, mut measure: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1)).map(|_| measure()).collect();
    times.sort();
    times[times.len() / 2]
}

/// The median wall time of `newswire ARGS`, and its largest peak RSS in KB
/// as GNU time reports it.
fn measure(runs: usize, args: &[&str]) -> (Duration, u64) {
    let mut peak = 0;
    let time = median(runs, || {
        let start = Instant::now();
        let output = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg(NEWSWIRE)
            .args(args)
            .output()
            .expect("GNU time runs newswire");
        let elapsed = start.elapsed();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report = String::from_utf8_lossy(&output.stderr);
        peak = peak.max(
            report
                .lines()
                .last()
                .and_then(|line| line.trim().parse().ok())
                .unwrap_or(0),
        );
        elapsed
    });
    (time, peak)
}

fn run(args: &[&str]) {
    let status = Command::new(NEWSWIRE)
        .args(args)
        .status()
        .expect("newswire runs");
    assert!(status.success());
}

/// What newswire's work is compared with: read each file, render it.
fn baseline(corpus: &Path) -> Duration {
    let start = Instant::now();
    let mut total = 0;
    for entry in std::fs::read_dir(corpus).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        total += comrak::markdown_to_html(&text, &comrak::Options::default()).len();
    }
    assert!(total > 0);
    start.elapsed()
}

/// Writes `count` articles of 4 to 6 KB: front matter, 8 to 15 paragraphs
/// with inline markup and links, 1 to 3 attributed quotes, a discussion.
/// Returns the bytes written.
fn generate(dir: &PathBuf, count: usize) -> usize {
    std::fs::create_dir_all(dir).unwrap();
    let words = [
        "talks",
        "ceasefire",
        "minister",
        "council",
        "budget",
        "harbour",
        "election",
        "report",
        "villagers",
        "negotiators",
        "drought",
        "court",
        "ruling",
        "coalition",
        "protest",
        "market",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    let mut total = 0;
    for index in 0..count {
        let mut text = format!(
            "---\ntitle: \"Article {index}: the {} and the {}\"\nurl: https://example.com/news/{index}\npublished: 2024-{:02}-{:02}T{:02}:00:00Z\nauthors: [Desk {}]\nsummary: A generated article for measuring throughput.\ntags: [{}, {}]\n---\n\n",
            words[next(words.len())],
            words[next(words.len())],
            1 + next(12),
            1 + next(28),
            next(24),
            next(20),
            words[next(words.len())],
            words[next(words.len())],
        );
        let paragraphs = 8 + next(8);
        let quotes = 1 + next(3);
        for paragraph in 0..paragraphs {
            let mut sentence = Vec::new();
            for word in 0..28 + next(14) {
                let token = words[next(words.len())];
                sentence.push(match word % 17 {
                    3 => format!("*{token}*"),
                    7 => format!("**{token}**"),
                    11 => format!("[{token}](https://example.com/{token}/{paragraph})"),
                    _ => token.to_owned(),
                });
            }
            text.push_str(&sentence.join(" "));
            text.push_str(".\n\n");
            if paragraph < quotes {
                text.push_str(&format!(
                    "> The {} will not stop the {}.\n>\n> — Speaker {paragraph}, spokesperson for the {}\n\n",
                    words[next(words.len())],
                    words[next(words.len())],
                    words[next(words.len())]
                ));
            }
        }
        text.push_str("## Discussion\n\n- What happens next?\n- Who pays?\n- Will it last?\n\nAssembled for the benchmark.\n");
        total += text.len();
        std::fs::write(dir.join(format!("article-{index:06}.md")), text).unwrap();
    }
    total
}
