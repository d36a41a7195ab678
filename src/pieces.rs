//! A long body cut into pieces that parse on their own as they do within
//! the whole, so that no reader or writer holds the tree of a whole long
//! body: a tree takes some eighty times the text of short paragraphs.

use crate::commonmark::{QuoteParts, body_markdown, parse, quote_parts};
use crate::model::Block;
use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

/// About how long a piece is. A body is cut only when it is longer than
/// [`PIECES_BEFORE_CUTTING`] pieces: up to that, one tree shared by the
/// reader and every writer (some 20 MB for 256 KiB of short paragraphs)
/// costs less than each of them parsing every piece again.
pub(crate) const PIECE_BYTES: usize = 64 * 1024;

/// How many pieces long a body may be before it is cut.
const PIECES_BEFORE_CUTTING: usize = 4;

/// [`PIECE_BYTES`], which unit tests set lower to cut small bodies.
#[cfg(not(test))]
pub(crate) fn piece_bytes() -> usize {
    PIECE_BYTES
}

#[cfg(test)]
thread_local! {
    pub(crate) static TEST_PIECE_BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(PIECE_BYTES) };
}

#[cfg(test)]
pub(crate) fn piece_bytes() -> usize {
    TEST_PIECE_BYTES.get()
}

/// A stretch of a body that parses on its own as it does within the
/// whole: its bytes, and the 1-based line of the body it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) bytes: std::ops::Range<usize>,
    pub(crate) first_line: usize,
}

/// `text`, when longer than [`PIECES_BEFORE_CUTTING`] times `size`, cut
/// after at least `size` bytes each before lines that no block open above
/// them can take in: a line after a blank one, starting in the first
/// column, that cannot start a list item (a blank line ends
/// paragraphs, tables, block quotes and HTML blocks of the last two kinds,
/// and an unindented line ends list items and indented code). Fenced code
/// and the first five kinds of HTML block run on over blank lines; a
/// reader finding one open at the end of a piece reads the rest whole
/// ([`runs_on`]). Link reference definitions and footnotes resolve across
/// the whole document, so a body that may have one (`]:`) is one piece.
pub(crate) fn pieces(text: &str, size: usize) -> Vec<Piece> {
    if text.len() <= size.saturating_mul(PIECES_BEFORE_CUTTING) || text.contains("]:") {
        return vec![Piece {
            bytes: 0..text.len(),
            first_line: 1,
        }];
    }
    let mut pieces = Vec::new();
    let (mut start, mut start_line) = (0, 1);
    let (mut at, mut line) = (0, 1);
    let mut after_blank = false;
    for written in text.split_inclusive('\n') {
        if at - start >= size && after_blank && starts_a_piece(written) {
            pieces.push(Piece {
                bytes: start..at,
                first_line: start_line,
            });
            (start, start_line) = (at, line);
        }
        after_blank = written.trim().is_empty();
        at += written.len();
        line += 1;
    }
    pieces.push(Piece {
        bytes: start..text.len(),
        first_line: start_line,
    });
    pieces
}

/// Parses `text` in its `pieces`, handing `each` every tree with its
/// text and the 1-based line of `text` it starts on; each tree is freed
/// before the next is made. When a block is open at a cut, the rest of
/// `text` is parsed as one piece.
pub(crate) fn parse_in_pieces<E>(
    text: &str,
    pieces: &[Piece],
    mut each: impl for<'a> FnMut(&'a AstNode<'a>, &str, usize) -> Result<(), E>,
) -> Result<(), E> {
    for (index, piece) in pieces.iter().enumerate() {
        let runs_on = {
            let arena = Arena::new();
            let piece_text = &text[piece.bytes.clone()];
            let root = parse(&arena, piece_text);
            let runs_on = index + 1 < pieces.len() && runs_on(root);
            if !runs_on {
                each(root, piece_text, piece.first_line)?;
            }
            runs_on
        };
        if runs_on {
            let rest = &text[piece.bytes.start..];
            let arena = Arena::new();
            return each(parse(&arena, rest), rest, piece.first_line);
        }
    }
    Ok(())
}

/// A line that starts in the first column and not with a list marker.
fn starts_a_piece(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    let marker = matches!(first, '-' | '+' | '*') || first.is_ascii_digit();
    !first.is_whitespace() && !marker
}

/// Whether the last block of a piece's tree would run on into the next
/// piece: a fence left open, or an HTML block that only its end marker
/// closes, not yet closed.
pub(crate) fn runs_on<'a>(root: &'a AstNode<'a>) -> bool {
    let Some(last) = root.last_child() else {
        return false;
    };
    match &last.data.borrow().value {
        NodeValue::CodeBlock(code) => code.fenced && !code.closed,
        NodeValue::HtmlBlock(html) => {
            let ends: &[&str] = match html.block_type {
                1 => &["</pre>", "</script>", "</style>", "</textarea>"],
                2 => &["-->"],
                3 => &["?>"],
                4 => &[">"],
                5 => &["]]>"],
                _ => return false,
            };
            let literal = html.literal.to_ascii_lowercase();
            !ends.iter().any(|end| literal.contains(end))
        }
        _ => false,
    }
}

/// The body parsed once as one document, so footnotes and references
/// resolve across blocks (quotes included), and shared by the writers of
/// one article. Those that only read the tree go first; the HTML content,
/// which rewrites links and quotes in place, takes it last, by value. A
/// long body that [`pieces`] cuts is kept as text instead, and each
/// writer parses it piece by piece: trees of a few pieces at a time,
/// rather than one of the whole body beside all that is written from it.
pub(crate) struct ParsedBody<'a> {
    tree: Tree<'a>,
    /// Each attributed quote as [`quote_markdown`] writes it, in order,
    /// when the reader found them so written and the tree's quotes are
    /// the article's.
    ///
    /// [`quote_markdown`]: crate::commonmark::quote_markdown
    quotes: Option<Vec<String>>,
}

/// The body as the writers walk it.
enum Tree<'a> {
    /// Parsed once, for all of them.
    Whole(&'a AstNode<'a>),
    /// The body's text, and the pieces it is cut into: more than one.
    InPieces(String, Vec<Piece>),
}

impl<'a> ParsedBody<'a> {
    pub(crate) fn new(arena: &'a Arena<'a>, body: &[Block]) -> ParsedBody<'a> {
        let text = body_markdown(body).join("\n\n");
        let cut = pieces(&text, piece_bytes());
        // A long body with nowhere to cut is parsed once, as a short one.
        let tree = if cut.len() > 1 {
            Tree::InPieces(text, cut)
        } else {
            Tree::Whole(parse(arena, &text))
        };
        ParsedBody { tree, quotes: None }
    }

    /// The tree a reader parsed, when it is the one [`ParsedBody::new`]
    /// would parse from the blocks it read, with its attributed quotes as
    /// newswire writes them.
    pub(crate) fn shared(root: &'a AstNode<'a>, quotes: Vec<String>) -> ParsedBody<'a> {
        ParsedBody {
            tree: Tree::Whole(root),
            quotes: Some(quotes),
        }
    }

    /// The article's attributed quotes as newswire writes them, when the
    /// reader already has.
    pub(crate) fn quotes_written(&self) -> Option<&[String]> {
        self.quotes.as_deref()
    }

    /// The reader's tree when it shared one, else `body` parsed.
    pub(crate) fn shared_or_new(
        shared: Option<ParsedBody<'a>>,
        arena: &'a Arena<'a>,
        body: &[Block],
    ) -> ParsedBody<'a> {
        shared.unwrap_or_else(|| ParsedBody::new(arena, body))
    }

    /// Hands `each` the body's tree, or the tree of each of its pieces in
    /// turn, each root's children being top-level blocks of the body.
    pub(crate) fn each_tree(&self, mut each: impl for<'b> FnMut(&'b AstNode<'b>)) {
        match &self.tree {
            Tree::Whole(root) => each(root),
            Tree::InPieces(text, cut) => {
                let parsed = parse_in_pieces(text, cut, |root, _, _| {
                    each(root);
                    Ok::<(), std::convert::Infallible>(())
                });
                let Ok(()) = parsed;
            }
        }
    }
}

/// Each top-level node of `root`, paired with its quote parts when it is
/// an attributed quote.
pub(crate) fn nodes<'a>(root: &'a AstNode<'a>) -> Vec<(&'a AstNode<'a>, Option<QuoteParts<'a>>)> {
    root.children()
        .map(|child| (child, quote_parts(child)))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Blocks that decide where a body may be cut: ones that run over
    /// blank lines, closed or not, lists that go on after one, block
    /// quotes, quotes, the discussion, raw HTML that nests across blocks.
    pub(crate) const TRICKY_BLOCKS: [&str; 34] = [
        "Para one\nlazy line.",
        "1. one\n\n2. two",
        "- a\n\n  still a\n\n- b",
        "- a\n\n      code in a",
        "* star",
        "+ plus",
        "```\nfenced\n\nwith a blank\n```",
        "```\nnever closed",
        "~~~~\n```\n\n~~~~",
        "<pre>\nraw\n\n</pre>",
        "<script>\nx\n\ny",
        "<!--\ncomment\n\n-->",
        "<!-- never closed",
        "<?php\n\n?>",
        "<!DOCTYPE\n\nhtml>",
        "<![CDATA[\n\n]]>",
        "<div>\nopen",
        "</div>",
        "<div><div><div><div><div><div><div><div><div><div>",
        "> quoted\n\n> again",
        "> Words.\n>\n> — Name, Role",
        "> Said [here](https://example.com/s).\n>\n> — [Name](https://example.com/n)",
        "## Discussion",
        "## Other",
        "- Why?\n- How?",
        "    indented code\n\n    more",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "Setext\n===",
        "===",
        "---",
        "2024. A year",
        "\tTabbed",
        "  two spaces [rel](/a) and <https://example.com/>",
        "# Heading ![](x.png)",
    ];

    #[test]
    fn a_long_body_is_cut_only_where_nothing_runs_on() {
        let body = "A.\n\n- a\n\n- b\n\nB.\n\n```\n\nC.\n```\n\nD.\n";
        let cuts: Vec<usize> = pieces(body, 1)
            .iter()
            .map(|piece| piece.first_line)
            .collect();
        // Not before a list item, and at a fence it cannot know is open.
        assert_eq!(cuts, [1, 7, 9, 11, 14]);
        assert_eq!(pieces("[a]: b\n\nA.\n\nB.\n", 1).len(), 1);
        let arena = Arena::new();
        assert!(runs_on(parse(&arena, "```\n\nC.\n")));
        assert!(runs_on(parse(&arena, "<PRE>\nx\n")));
        assert!(!runs_on(parse(&arena, "<pre>\nx</PRE>\n")));
        assert!(!runs_on(parse(&arena, "<div>\nx\n")));
    }
}
