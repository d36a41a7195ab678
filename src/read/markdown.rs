//! The canonical article: front matter, then a CommonMark/GFM body whose
//! attributed quotes and discussion section become typed parts of the model.

use super::site::Page;
use super::{Metadata, front_matter, meta};
use crate::commonmark;
use crate::error::{Error, Result};
use crate::model::{Article, Block, Discussion, Meta};
use crate::pieces;
use crate::pieces::ParsedBody;
use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

/// The heading that opens the discussion when `discussion_heading` is not set.
pub const DEFAULT_DISCUSSION_HEADING: &str = "Discussion";

/// The longest line an article may have. Real paragraphs are a few
/// kilobytes; a megabyte line is a broken or hostile file.
pub const LINE_LIMIT: usize = 1024 * 1024;

/// Reads an article from its text; `file` names it in errors.
pub fn read(text: &str, file: &str) -> Result<Article> {
    read_reporting_all(text, file, None).map_err(|mut errors| errors.swap_remove(0))
}

/// Reads the front matter only.
pub(crate) fn read_meta(text: &str, file: &str, page: Option<&Page<'_>>) -> Result<Meta> {
    check_line_lengths(text, file)?;
    let (tree, _) = front(text, file, page)?;
    meta::read(tree, file).map_err(|mut errors| errors.swap_remove(0))
}

/// Reads front matter that leaves out fields `given` supplies, as a feed
/// item carries it beside its title, link and tags.
pub(crate) fn read_meta_with(
    text: &str,
    file: &str,
    given: Vec<front_matter::Entry>,
) -> Result<Meta> {
    let split = front_matter::split(text, file)?;
    let mut tree = front_matter::parse(&split, file)?;
    if let front_matter::Value::Map(entries) = &mut tree.value {
        for entry in given {
            let field = meta::field_of(&entry.key);
            if !entries
                .iter()
                .any(|known| meta::field_of(&known.key) == field)
            {
                entries.push(entry);
            }
        }
    }
    meta::read(tree, file).map_err(|mut errors| errors.swap_remove(0))
}

/// The front matter's tree, and the body with the file line it starts
/// on: as written, or as a site's page is read by its generator's rules.
fn front<'t>(
    text: &'t str,
    file: &str,
    page: Option<&Page<'_>>,
) -> Result<(front_matter::Node, (std::borrow::Cow<'t, str>, usize))> {
    match page {
        Some(page) => {
            let prepared = page.prepare(text, file)?;
            Ok((
                prepared.tree,
                (std::borrow::Cow::Owned(prepared.body), prepared.body_line),
            ))
        }
        None => {
            let split = front_matter::split(text, file)?;
            let tree = front_matter::parse(&split, file)?;
            Ok((
                tree,
                (std::borrow::Cow::Borrowed(split.body), split.body_line),
            ))
        }
    }
}

/// Refuses a line past [`LINE_LIMIT`], naming it.
fn check_line_lengths(text: &str, file: &str) -> Result<()> {
    match text
        .split('\n')
        .enumerate()
        .find(|(_, line)| line.len() > LINE_LIMIT)
    {
        Some((index, _)) => Err(Error::invalid_input(
            file,
            index + 1,
            1,
            format!(
                "line {} is longer than the limit of {} KiB",
                index + 1,
                LINE_LIMIT / 1024
            ),
        )),
        None => Ok(()),
    }
}

/// Reads an article, reporting every front-matter problem rather than the
/// first; the error list is never empty.
pub(crate) fn read_reporting_all(
    text: &str,
    file: &str,
    page: Option<&Page<'_>>,
) -> std::result::Result<Article, Vec<Error>> {
    read_parsed_reporting_all(&Arena::new(), text, file, false, &Metadata::default(), page)
        .map(|(article, _)| article)
}

/// Reads an article, and keeps its body's tree for the writers when it is
/// the tree they would parse from the article's blocks.
pub(crate) fn read_parsed<'a>(
    arena: &'a Arena<'a>,
    text: &str,
    file: &str,
    metadata: &Metadata,
    page: Option<&Page<'_>>,
) -> Result<(Article, Option<ParsedBody<'a>>)> {
    read_parsed_reporting_all(arena, text, file, true, metadata, page)
        .map_err(|mut errors| errors.swap_remove(0))
}

fn read_parsed_reporting_all<'a>(
    arena: &'a Arena<'a>,
    text: &str,
    file: &str,
    keep_tree: bool,
    metadata: &Metadata,
    page: Option<&Page<'_>>,
) -> std::result::Result<(Article, Option<ParsedBody<'a>>), Vec<Error>> {
    check_line_lengths(text, file).map_err(|error| vec![error])?;
    let (mut tree, (body, body_line)) = front(text, file, page).map_err(|error| vec![error])?;
    metadata.apply(&mut tree);
    let meta = meta::read(tree, file)?;
    let body =
        read_body(arena, &body, body_line, &meta, file, keep_tree).map_err(|error| vec![error])?;
    let article = Article {
        meta,
        body: body.blocks,
        discussion: body.discussion,
    };
    let shared = body
        .tree
        .map(|(root, quotes)| ParsedBody::shared(root, quotes));
    Ok((article, shared))
}

/// Reads a body with no front matter, such as one converted from a feed's
/// HTML, for an article whose metadata is already known.
pub(crate) fn read_body_text(
    text: &str,
    meta: &Meta,
    file: &str,
) -> Result<(Vec<Block>, Option<Discussion>)> {
    read_body(&Arena::new(), text, 1, meta, file, false).map(|body| (body.blocks, body.discussion))
}

/// A body as read: its blocks, its discussion, and its tree when the
/// writers may take it in place of parsing the blocks again.
struct ReadBody<'a> {
    blocks: Vec<Block>,
    discussion: Option<Discussion>,
    /// The tree, and each attributed quote in it as newswire writes it.
    tree: Option<(&'a AstNode<'a>, Vec<String>)>,
}

/// A long body is parsed in the pieces [`pieces::pieces`] finds, each
/// tree freed before the next is made; such a body's tree is not kept for
/// the writers.
fn read_body<'a>(
    arena: &'a Arena<'a>,
    text: &str,
    first_line: usize,
    meta: &Meta,
    file: &str,
    keep_tree: bool,
) -> Result<ReadBody<'a>> {
    if let Some((line, columns, rows)) = commonmark::table_too_large(text) {
        return Err(Error::invalid_input(
            file,
            first_line + line - 1,
            1,
            format!(
                "a table of {columns} columns and {rows} or more rows has more than {} cells",
                commonmark::TABLE_CELL_LIMIT
            ),
        ));
    }
    let mut reader = BodyReader::new(meta, file);
    let cut = pieces::pieces(text, pieces::piece_bytes());
    // A long body with nowhere to cut is read whole, its tree shared.
    if cut.len() == 1 {
        let root = commonmark::parse(arena, text);
        let tree = reader.read(root, text, first_line, keep_tree)?;
        return Ok(reader.finish(tree));
    }
    pieces::parse_in_pieces(text, &cut, |root, piece, line| {
        reader
            .read(root, piece, first_line + line - 1, false)
            .map(drop)
    })?;
    Ok(reader.finish(None))
}

/// What reading a body has found so far, piece by piece.
struct BodyReader<'m> {
    file: &'m str,
    /// The discussion heading looked for, trimmed and lowercase.
    wanted: String,
    blocks: Vec<Block>,
    discussion: Option<DiscussionParts>,
    in_discussion: bool,
    /// The nesting of the raw HTML read so far.
    html: Option<crate::nesting::HtmlNesting>,
}

impl<'m> BodyReader<'m> {
    fn new(meta: &Meta, file: &'m str) -> BodyReader<'m> {
        BodyReader {
            file,
            wanted: meta
                .discussion_heading
                .as_deref()
                .unwrap_or(DEFAULT_DISCUSSION_HEADING)
                .trim()
                .to_lowercase(),
            blocks: Vec::new(),
            discussion: None,
            in_discussion: false,
            html: None,
        }
    }

    fn finish<'a>(self, tree: Option<(&'a AstNode<'a>, Vec<String>)>) -> ReadBody<'a> {
        ReadBody {
            blocks: self.blocks,
            discussion: self.discussion.map(DiscussionParts::finish),
            tree,
        }
    }

    /// Reads the blocks of `root`, parsed from `text`, which starts on
    /// file line `first_line`; with `keep_tree`, gives back the tree when
    /// the writers may take it.
    fn read<'a>(
        &mut self,
        root: &'a AstNode<'a>,
        text: &str,
        first_line: usize,
        keep_tree: bool,
    ) -> Result<Option<(&'a AstNode<'a>, Vec<String>)>> {
        let file = self.file;
        if let Some((line, column)) = commonmark::too_deep(root, &mut self.html) {
            return Err(Error::invalid_input(
                file,
                first_line + line - 1,
                column,
                format!(
                    "the body nests deeper than {} levels of quotes, lists or markup",
                    commonmark::NESTING_LIMIT
                ),
            ));
        }
        let source = BlockSource::new(text, root);
        // The tree is the one the writers would parse from the blocks when
        // each block is its own text and nothing in the discussion, which
        // they do not see, defines a link or footnote the body uses.
        let mut shared = keep_tree && source.is_some();
        let mut discussion_nodes = Vec::new();
        let mut quotes_written = Vec::new();
        for node in root.children() {
            if let NodeValue::Heading(heading) = &node.data.borrow().value
                && heading.level == 2
            {
                let title = commonmark::plain_text(node);
                self.in_discussion = title.trim().to_lowercase() == self.wanted;
                if self.in_discussion {
                    let line = first_line + node.data.borrow().sourcepos.start.line - 1;
                    if let Some(first) = &self.discussion {
                        return Err(Error::invalid_input(
                            file,
                            line,
                            node.data.borrow().sourcepos.start.column,
                            format!(
                                "a second discussion section: the first opens on line {}; an article has at most one",
                                first.line
                            ),
                        ));
                    }
                    self.discussion = Some(DiscussionParts {
                        heading: title.trim().to_owned(),
                        line,
                        ..Default::default()
                    });
                    discussion_nodes.push(node);
                    continue;
                }
            }
            // comrak moves footnote definitions to the end of the document, so
            // they may land after the discussion heading; they belong to the body.
            let is_footnote = matches!(node.data.borrow().value, NodeValue::FootnoteDefinition(_));
            let written = source.as_ref().and_then(|source| source.span(node));
            match (&mut self.discussion, self.in_discussion && !is_footnote) {
                (Some(parts), true) => {
                    parts.add(node);
                    discussion_nodes.push(node);
                    shared = shared && written.is_some_and(|text| !text.contains("]:"));
                }
                _ => match commonmark::quote(node) {
                    Some(quote) => {
                        if shared {
                            let markdown = commonmark::quote_markdown(&quote);
                            shared = written == Some(markdown.as_str());
                            quotes_written.push(markdown);
                        }
                        self.blocks.push(Block::Quote(Box::new(quote)));
                    }
                    None => match source.as_ref().and_then(|source| source.of(node)) {
                        Some(markdown) => self.blocks.push(Block::Markdown { markdown }),
                        None => {
                            shared = false;
                            self.blocks.extend(normalised_blocks(node));
                        }
                    },
                },
            }
        }
        Ok(shared.then(|| {
            for node in discussion_nodes {
                node.detach();
            }
            (root, quotes_written)
        }))
    }
}

/// The body's text, for keeping each top-level block as its author wrote
/// it: that is lossless, and far cheaper than having comrak write it back.
struct BlockSource<'t> {
    text: &'t str,
    /// Where each line starts, the first at 0.
    line_starts: Vec<usize>,
}

impl<'t> BlockSource<'t> {
    /// `None` unless every non-blank line belongs to exactly one top-level
    /// block. Link reference definitions belong to none, and a block that
    /// uses one would not stand on its own, so such a body is normalised.
    fn new<'a>(text: &'t str, root: &'a AstNode<'a>) -> Option<BlockSource<'t>> {
        let mut spans = root
            .children()
            .map(|node| {
                let place = node.data.borrow().sourcepos;
                (place.start.line, place.end.line)
            })
            .collect::<Vec<_>>();
        spans.sort_unstable();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .filter(|&start| start < text.len())
            .collect();
        let mut spans = spans.into_iter().peekable();
        let mut covered_to = 0;
        for line in 1..=line_starts.len() {
            if let Some(&(start, end)) = spans.peek()
                && start == line
            {
                if start <= covered_to || end < start {
                    return None;
                }
                covered_to = end;
                spans.next();
            }
            let blank = line_text(text, &line_starts, line).trim().is_empty();
            if line > covered_to && !blank {
                return None;
            }
        }
        // Every block must have started on a line of the text.
        spans
            .next()
            .is_none()
            .then_some(BlockSource { text, line_starts })
    }

    /// The block as written, unless it is code that would read differently
    /// elsewhere: indented code after a list joins the list, and an unclosed
    /// fence runs on over whatever follows.
    fn of<'a>(&self, node: &'a AstNode<'a>) -> Option<String> {
        if let NodeValue::CodeBlock(code) = &node.data.borrow().value
            && !(code.fenced && code.closed)
        {
            return None;
        }
        self.span(node).map(str::to_owned)
    }

    /// The lines the block was written on, trailing blanks dropped.
    fn span<'a>(&self, node: &'a AstNode<'a>) -> Option<&'t str> {
        let place = node.data.borrow().sourcepos;
        let first = *self.line_starts.get(place.start.line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(place.end.line)
            .copied()
            .unwrap_or(self.text.len());
        let written = self.text[first..end].trim_end();
        (!written.is_empty()).then_some(written)
    }
}

/// A block as comrak writes it. A list before another list ends with a
/// comment that keeps the two apart; that comment is a block of its own,
/// as it is when the text is read again.
fn normalised_blocks<'a>(node: &'a AstNode<'a>) -> Vec<Block> {
    let markdown = commonmark::to_commonmark(node);
    let blocks = match markdown.strip_suffix(commonmark::END_OF_LIST) {
        Some(list) => vec![
            list.trim_end().to_owned(),
            commonmark::END_OF_LIST.to_owned(),
        ],
        None => vec![markdown],
    };
    blocks
        .into_iter()
        .map(|markdown| Block::Markdown { markdown })
        .collect()
}

/// Line `line` (1-based) of `text`, without its newline.
fn line_text<'t>(text: &'t str, line_starts: &[usize], line: usize) -> &'t str {
    let start = line_starts[line - 1];
    let end = line_starts.get(line).map_or(text.len(), |next| next - 1);
    &text[start..end]
}

#[derive(Default)]
struct DiscussionParts {
    heading: String,
    line: usize,
    prompts: Vec<String>,
    note: Vec<String>,
}

impl DiscussionParts {
    /// List items are prompts; every other block belongs to the note.
    fn add<'a>(&mut self, node: &'a AstNode<'a>) {
        if matches!(node.data.borrow().value, NodeValue::List(_)) {
            for item in node.children() {
                let paragraphs: Vec<String> =
                    item.children().map(commonmark::to_commonmark).collect();
                self.prompts.push(paragraphs.join(" "));
            }
        } else {
            self.note.push(commonmark::to_commonmark(node));
        }
    }

    fn finish(self) -> Discussion {
        Discussion {
            heading: self.heading,
            prompts: self.prompts,
            note: (!self.note.is_empty()).then(|| self.note.join("\n\n")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(body: &str) -> bool {
        let arena = Arena::new();
        let text = format!("---\ntitle: T\npublished: 2024-05-01\n---\n\n{body}");
        read_parsed(&arena, &text, "t.md", &Metadata::default(), None)
            .unwrap()
            .1
            .is_some()
    }

    /// The body read with a cut at every line where one may be made, and
    /// read whole: its blocks, discussion or error.
    fn in_pieces_and_whole(body: &str) -> (String, String) {
        let meta = read_meta("---\ntitle: T\npublished: 2024-05-01\n---\n", "t.md", None).unwrap();
        let read = |piece_bytes| {
            pieces::TEST_PIECE_BYTES.set(piece_bytes);
            match read_body(&Arena::new(), body, 5, &meta, "t.md", false) {
                Ok(body) => format!("{:?} {:?}", body.blocks, body.discussion),
                Err(error) => error.to_string(),
            }
        };
        (read(1), read(usize::MAX))
    }

    proptest::proptest! {
        /// Cutting a body into pieces changes nothing it reads as: blocks
        /// that run over blank lines, lists that go on after one, block
        /// quotes, the discussion and HTML nesting across pieces.
        #[test]
        fn a_body_reads_the_same_in_pieces(
            blocks in proptest::collection::vec(proptest::sample::select(&pieces::tests::TRICKY_BLOCKS[..]), 0..14),
        ) {
            let body = blocks.join("\n\n");
            let (pieces, whole) = in_pieces_and_whole(&body);
            proptest::prop_assert_eq!(pieces, whole, "{:?}", body);
        }
    }

    #[test]
    fn the_tree_is_shared_when_every_block_is_its_own_text() {
        assert!(shares(
            "Lead [link](https://example.com/).\n\n> Words.\n>\n> — Name, Role\n\n## Discussion\n\n- Why?\n"
        ));
        // Written as they are read again: the writers would see other text.
        assert!(!shares("Lead.\n\n> Words.\n>\n> -- Name, Role\n"));
        assert!(!shares("Lead [link][l].\n\n[l]: https://example.com/\n"));
        assert!(!shares(
            "Lead.\n\n## Discussion\n\n- Why?\n\n  [l]: https://example.com/\n"
        ));
    }
}
