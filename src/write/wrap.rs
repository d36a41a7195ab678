//! Wrapping plain text into lines, as fmt and mail clients do.

use textwrap::core::{Fragment, display_width};
use textwrap::wrap_algorithms::wrap_first_fit;

/// Appends `text` wrapped at `width` columns (`0`: each line as it is),
/// with `first` before its first line and `rest` before the others.
///
/// The lines are those of `textwrap::fill` splitting words at ASCII spaces,
/// without hyphenation, placing them greedily first-fit as fmt and mail
/// clients do; textwrap places the words. They are measured here, so that
/// printable ASCII, nearly all of an article, skips the Unicode width
/// lookup, and the lines go straight into `out`.
pub(crate) fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    if width == 0 {
        let mut lines = text.lines();
        out.push_str(first);
        out.push_str(lines.next().unwrap_or_default());
        for line in lines {
            out.push('\n');
            out.push_str(rest);
            out.push_str(line);
        }
        return;
    }
    let widths = [first, rest].map(|indent| width.saturating_sub(display_width(indent)) as f64);
    let mut lines = 0;
    for line in text.split('\n') {
        let indent = if lines == 0 { first } else { rest };
        // textwrap leaves a short line as it is when it has no indent,
        // even where the first line's indent would have moved a word on.
        if line.len() < width && indent.is_empty() {
            start_line(out, &mut lines);
            out.push_str(line.trim_end_matches(' '));
            continue;
        }
        let words = Word::all(line);
        let mut at = 0;
        for words in wrap_first_fit(&words, &widths) {
            let indent = if lines == 0 { first } else { rest };
            start_line(out, &mut lines);
            // A line of no words is left empty, without its indent.
            let Some(last) = words.last() else {
                continue;
            };
            let end = at + words.iter().map(Word::len).sum::<usize>() - last.spaces.len();
            out.push_str(indent);
            out.push_str(&line[at..end]);
            at = end + last.spaces.len();
        }
    }
}

/// Ends the line before, if any, and counts the new one.
fn start_line(out: &mut String, lines: &mut usize) {
    if *lines > 0 {
        out.push('\n');
    }
    *lines += 1;
}

/// A word and the spaces after it, as textwrap's first-fit places it.
#[derive(Debug)]
struct Word<'t> {
    word: &'t str,
    spaces: &'t str,
    width: usize,
}

impl<'t> Word<'t> {
    /// The words of a line: each run of non-spaces with the spaces after
    /// it, the first run possibly empty.
    fn all(line: &'t str) -> Vec<Word<'t>> {
        let bytes = line.as_bytes();
        // Words of English average under six letters and a space.
        let mut words = Vec::with_capacity(bytes.len() / 6 + 1);
        let mut start = 0;
        while start < bytes.len() {
            let mut word_end = start;
            let mut printable = true;
            while let Some(&byte) = bytes.get(word_end).filter(|&&byte| byte != b' ') {
                printable &= matches!(byte, b'!'..=b'~');
                word_end += 1;
            }
            let mut spaces_end = word_end;
            while bytes.get(spaces_end) == Some(&b' ') {
                spaces_end += 1;
            }
            // Spaces are ASCII, so these are character boundaries.
            let word = &line[start..word_end];
            words.push(Word {
                word,
                spaces: &line[word_end..spaces_end],
                width: if printable {
                    word.len()
                } else {
                    display_width(word)
                },
            });
            start = spaces_end;
        }
        words
    }

    /// Bytes of the word and its spaces.
    fn len(&self) -> usize {
        self.word.len() + self.spaces.len()
    }
}

impl Fragment for Word<'_> {
    fn width(&self) -> f64 {
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        self.spaces.len() as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::wrap_into;
    use proptest::prelude::*;
    use textwrap::{WordSeparator, WordSplitter, WrapAlgorithm};

    /// Text with what wrapping must measure or keep: runs of spaces, hard
    /// breaks, wide and zero-width characters, terminal colour codes, control characters.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-z]{1,12}",
            Just(" ".to_owned()),
            Just("  ".to_owned()),
            Just("\n".to_owned()),
            Just("\t".to_owned()),
            Just("日本語".to_owned()),
            Just("e\u{301}".to_owned()),
            Just("\u{1b}[31mred\u{1b}[0m".to_owned()),
            Just("—".to_owned()),
            Just("\u{7f}\u{7}".to_owned()),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn wrapping_breaks_lines_where_textwrap_fill_does(
            text in text(),
            first in prop_oneof![Just(""), Just("    "), Just("1. "), Just("日 ")],
            rest in prop_oneof![Just(""), Just("    "), Just("   ")],
            width in 1usize..40,
        ) {
            let options = textwrap::Options::new(width)
                .initial_indent(first)
                .subsequent_indent(rest)
                .word_separator(WordSeparator::AsciiSpace)
                .word_splitter(WordSplitter::NoHyphenation)
                .break_words(false)
                .wrap_algorithm(WrapAlgorithm::FirstFit);
            let mut wrapped = String::new();
            wrap_into(&mut wrapped, &text, first, rest, width);
            prop_assert_eq!(wrapped, textwrap::fill(&text, options));
        }
    }
}
