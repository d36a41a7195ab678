//! Writes a deterministic archive of generated articles for the benchmark:
//! `cargo run --release --example bench_corpus -- DIR COUNT`.
//!
//! Each article is 4 to 6 KB: front matter, 8 to 15 paragraphs with inline
//! markup and links, 1 to 3 attributed quotes and a discussion. The same
//! count always gives the same bytes, so figures from different runs and
//! machines measure the same work.

use std::fmt::Write as _;
use std::path::Path;

const WORDS: [&str; 16] = [
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

/// A xorshift generator: fixed seed, no dependency, same sequence everywhere.
struct Sequence(u64);

impl Sequence {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

fn article(index: usize, sequence: &mut Sequence) -> String {
    let mut text = String::new();
    let _ = write!(
        text,
        "---\ntitle: \"Article {index}: the {} and the {}\"\nurl: https://example.com/news/{index}\npublished: 2024-{:02}-{:02}T{:02}:00:00Z\nauthors: [Desk {}]\nsummary: A generated article for measuring throughput.\ntags: [{}, {}]\n---\n\n",
        sequence.word(),
        sequence.word(),
        1 + sequence.below(12),
        1 + sequence.below(28),
        sequence.below(24),
        sequence.below(20),
        sequence.word(),
        sequence.word(),
    );
    let paragraphs = 8 + sequence.below(8);
    let quotes = 1 + sequence.below(3);
    for paragraph in 0..paragraphs {
        let length = 28 + sequence.below(14);
        let sentence: Vec<String> = (0..length)
            .map(|position| {
                let word = sequence.word();
                match position % 17 {
                    3 => format!("*{word}*"),
                    7 => format!("**{word}**"),
                    11 => format!("[{word}](https://example.com/{word}/{paragraph})"),
                    _ => word.to_owned(),
                }
            })
            .collect();
        text.push_str(&sentence.join(" "));
        text.push_str(".\n\n");
        if paragraph < quotes {
            let _ = write!(
                text,
                "> The {} will not stop the {}.\n>\n> — Speaker {paragraph}, spokesperson for the {}\n\n",
                sequence.word(),
                sequence.word(),
                sequence.word()
            );
        }
    }
    text.push_str(
        "## Discussion\n\n- What happens next?\n- Who pays?\n- Will it last?\n\nAssembled for the benchmark.\n",
    );
    text
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: bench_corpus DIR COUNT");
        std::process::exit(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("bench_corpus: COUNT must be a whole number, not {count:?}");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    if let Err(error) = std::fs::create_dir_all(dir) {
        eprintln!("bench_corpus: {}: {error}", dir.display());
        std::process::exit(1);
    }
    let mut sequence = Sequence(0x9e37_79b9_7f4a_7c15);
    let mut total = 0;
    for index in 0..count {
        let text = article(index, &mut sequence);
        total += text.len();
        let path = dir.join(format!("article-{index:06}.md"));
        if let Err(error) = std::fs::write(&path, text) {
            eprintln!("bench_corpus: {}: {error}", path.display());
            std::process::exit(1);
        }
    }
    println!("{total}");
}
