// The command line, declared once: the binary parses it, and build.rs
// renders the man page from it, so help and man page never drift.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Turn one canonical article into RSS, Atom, JSON Feed, Markdown, plain
/// text, HTML and article JSON, and many articles into one feed, keeping
/// every quote's attribution and the discussion prompts.
#[derive(Debug, Parser)]
#[command(
    name = "newswire",
    version,
    about,
    long_about = None,
    max_term_width = 100,
    disable_help_subcommand = true,
    arg_required_else_help = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// List the formats newswire reads and writes: all (a table), or input or output (names only, one per line)
    #[arg(
        long = "list-formats",
        value_name = "WHICH",
        num_args = 0..=1,
        default_missing_value = "all",
        value_parser = ["all", "input", "output"],
        hide_possible_values = true
    )]
    pub list_formats: Option<String>,

    /// Refuse inputs larger than this many MiB
    #[arg(
        long = "max-input-mib",
        value_name = "MIB",
        default_value_t = 16,
        global = true
    )]
    pub max_input_mib: u64,

    /// Work on this many inputs at once [default: one per core]; the output is the same for any number
    #[arg(short = 'j', long, value_name = "N", global = true)]
    pub jobs: Option<usize>,

    /// Print nothing but errors: no progress bar, no notes or warnings
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert articles to other formats.
    ///
    /// With one input and one format the result goes to standard output, or
    /// to the file -o names. With several inputs or formats, --out-dir names
    /// the directory; each output is named after its input
    /// (syria.md becomes syria.txt, syria.html, syria.article.json).
    /// Outputs are written to a temporary file and renamed into place, so a
    /// failed run never leaves a partial or clobbered file; an --out-dir
    /// that does not exist yet is written beside it under a hidden name and
    /// renamed into place when the run ends.
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// Build one feed from many articles.
    ///
    /// Items are ordered newest first and the feed's own date is the newest
    /// item's, so two runs over the same inputs give the same bytes. One
    /// invalid article fails the run and nothing is written, unless
    /// --skip-invalid is given. Drafts are left out unless --include-drafts.
    #[command(after_help = FEED_EXAMPLES)]
    Feed(FeedArgs),
    /// Report every problem in articles, one per line, like a compiler.
    ///
    /// Each line is FILE:LINE:COLUMN: error|warning: message. Errors are what
    /// makes convert fail; warnings are what probably is not meant (no
    /// summary, relative links with no url, images without alt text, an
    /// attribution that does not parse, a discussion with no prompts, a
    /// publication date in the future, ids shared between inputs). Exits 0
    /// when there are no errors, 65 when there are (or, with --strict, when
    /// there are warnings).
    Check(CheckArgs),
    /// Turn a feed back into canonical articles, one per item.
    ///
    /// Reads RSS (0.9x, 1.0, 2.0), Atom and JSON Feed (1.0, 1.1), told apart
    /// by their content. Feeds newswire wrote come back exactly; others are
    /// rebuilt from their fields, their HTML turned into Markdown, with
    /// quotes and discussion prompts recovered from the HTML. What could not
    /// be carried over is reported on standard error. With --out-dir each
    /// item is written as a file named after its title; a feed of one item
    /// may go to standard output.
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Print a shell completion script.
    ///
    /// The script completes subcommands, flags and format names. Load it
    /// from the shell's startup file, or install it where the shell looks
    /// for completions (see the examples).
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  newswire completions bash > ~/.local/share/bash-completion/completions/newswire
  newswire completions zsh > ~/.zfunc/_newswire     # a directory on $fpath
  newswire completions fish > ~/.config/fish/completions/newswire.fish
  newswire completions elvish >> ~/.config/elvish/rc.elv
  newswire completions powershell >> $PROFILE";

/// Options of `newswire completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  newswire import feed.xml --out-dir articles/
  curl -s https://example.com/feed.json | newswire import - --out-dir articles/
  newswire import one-item.atom.xml > article.md";

/// Options of `newswire import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The feed: a file, or - for standard input
    #[arg(value_name = "FEED")]
    pub feed: PathBuf,

    /// Write one article per item into this directory
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Replace articles that already exist in the directory
    #[arg(long)]
    pub force: bool,

    /// How to report what could not be carried over: text or json, on standard error
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub report: String,
}

/// Options of `newswire check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Article files, directories (every *.md below them) or - for standard input
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Report format: text (one finding per line) or json (an array of findings)
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,

    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,

    /// The inputs go into one feed, so ids they share are errors, not warnings
    #[arg(long)]
    pub feed: bool,

    /// Input format: markdown or article-json [default: from the file name, else markdown]
    #[arg(short = 'f', long = "from", value_name = "FORMAT")]
    pub from: Option<String>,

    /// Which site's rules read the inputs
    #[command(flatten)]
    pub site: SiteArgs,
}

/// How inputs inside a static site are read.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "no_site",
        help_heading = "Sites"
    )]
    pub site: Option<PathBuf>,

    /// Read the inputs as canonical articles even inside a site
    #[arg(long = "no-site", help_heading = "Sites")]
    pub no_site: bool,

    /// Include drafts: `draft: true`, and in a site Jekyll's `published: false` and _drafts/
    #[arg(long, help_heading = "Sites")]
    pub include_drafts: bool,

    /// Include a site's posts dated in the future or past their expiryDate
    #[arg(long, help_heading = "Sites")]
    pub include_future: bool,
}

const FEED_EXAMPLES: &str = "\
Examples:
  newswire feed articles/ -t rss --title 'Inside Story' --link https://example.com/ -o feed.xml
  newswire feed articles/ -t atom --config feed.toml --limit 20 -o atom.xml
  newswire feed a.md b.md -t jsonfeed --config feed.toml

A --config file is TOML:
  title = \"Inside Story\"
  link = \"https://example.com/inside-story/\"
  feed_url = \"https://example.com/inside-story/feed.xml\"
  description = \"Daily debate on the news\"
  language = \"en\"
  authors = [\"Inside Story\"]";

/// Channel metadata given on the command line; each replaces what the
/// configuration file or the article says.
#[derive(Debug, Args)]
pub struct ChannelArgs {
    /// The feed's title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// The site the feed belongs to (absolute URL)
    #[arg(long, value_name = "URL")]
    pub link: Option<String>,

    /// Where the feed itself will be published (absolute URL)
    #[arg(long = "feed-url", value_name = "URL")]
    pub feed_url: Option<String>,

    /// What the feed is about
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// The feed's language, a BCP 47 tag such as en or pt-BR
    #[arg(long, value_name = "TAG")]
    pub language: Option<String>,

    /// Copyright or licence of the feed's content
    #[arg(long, value_name = "TEXT")]
    pub rights: Option<String>,

    /// A small square image for the feed (absolute URL)
    #[arg(long, value_name = "URL")]
    pub icon: Option<String>,

    /// A larger image for the feed, such as a masthead (absolute URL)
    #[arg(long, value_name = "URL")]
    pub logo: Option<String>,

    /// A WebSub hub that pushes the feed's changes to subscribers; may be repeated
    #[arg(long = "hub", value_name = "URL")]
    pub hubs: Vec<String>,

    /// Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML
    #[arg(long)]
    pub lossless: bool,
}

/// Options of `newswire feed`.
#[derive(Debug, Args)]
pub struct FeedArgs {
    /// Article files, directories (every *.md below them) or - for standard input
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Feed format: rss, atom or jsonfeed (json)
    #[arg(short = 't', long = "to", value_name = "FORMAT")]
    pub to: String,

    /// Channel metadata from a TOML file: title, link, feed_url, description, language, authors, rights, icon, logo, hubs, lossless
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Channel metadata
    #[command(flatten)]
    pub channel: ChannelArgs,

    /// Keep only the newest N items
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Write to this file instead of standard output (- for standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report invalid articles and leave them out instead of failing
    #[arg(long)]
    pub skip_invalid: bool,

    /// Keep only articles with this tag (or category); may be repeated, and an article with any of them is kept
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// The same as --tag: categories and tags are one list in the article format
    #[arg(long = "category", value_name = "CATEGORY")]
    pub categories: Vec<String>,

    /// Also write one feed per tag into DIR, named after the tag (rust.rss.xml), as Hugo and Zola do
    #[arg(long = "per-tag", value_name = "DIR")]
    pub per_tag: Option<PathBuf>,

    /// Carry each item's summary instead of its full content
    #[arg(long)]
    pub summary_only: bool,

    /// Which site's rules read the inputs
    #[command(flatten)]
    pub site: SiteArgs,
}

const CONVERT_EXAMPLES: &str = "\
Examples:
  newswire convert article.md -t text
  newswire convert article.md -t html -o article.html
  cat article.md | newswire convert -t article-json | jq .meta.title
  newswire convert article.md -t rss --feed-url https://example.com/a.xml
  newswire convert articles/ -t all --out-dir public/
  newswire convert a.md b.md -t text              # one after the other
  newswire convert article.md -t md -M draft=false -M 'tags=[Featured]'
  newswire convert article.md -o article.html --css /style.css
  newswire convert article.md -o article.html --template page.html
  newswire convert feed.xml -f feed -t atom -o feed.atom.xml

A --template is Jinja (minijinja). Values are escaped for HTML, except body
and stylesheet, which are HTML already:
  title, summary, url, language, dir   text; dir is ltr or rtl
  published, updated                   RFC 3339; date is published's day
  authors                              a list of {name, url, email}
  tags                                 a list of text
  body                                 the article's HTML, quotes and discussion included
  quotes                               a list of {text, name, role, title, cite}
  discussion                           {heading, prompts, note}, or none
  css                                  the --css URLs, a list
  stylesheet                           newswire's own stylesheet, to put in a <style>";

/// Options of `newswire convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Article files, directories (every *.md below them) or - for standard input [default: -]
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format: markdown (md), text (txt), html, article-json, rss, atom, jsonfeed (json), or all; several may be given, comma-separated
    #[arg(short = 't', long = "to", value_name = "FORMAT", value_delimiter = ',')]
    pub to: Vec<String>,

    /// Input format: markdown, article-json, or a feed: feed (any), rss, atom, jsonfeed [default: a feed when the content is one, else from the file name, else markdown]
    #[arg(short = 'f', long = "from", value_name = "FORMAT")]
    pub from: Option<String>,

    /// How to report what a feed conversion could not carry: text or json, on standard error
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub report: String,

    /// Write to this file instead of standard output (- for standard output)
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,

    /// Write one file per input and format into this directory, at the input's path below the directory it was found in
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Write every output straight into --out-dir, named after its input's file name alone
    #[arg(long, requires = "out_dir")]
    pub flat: bool,

    /// Wrap plain text at this column; 0 for no wrapping
    #[arg(long, value_name = "N", default_value_t = 72)]
    pub width: usize,

    /// Write Markdown as plain GFM: a title heading and byline instead of front matter
    #[arg(long)]
    pub gfm: bool,

    /// Set or replace a front-matter field of every article: KEY=VALUE, the value read as YAML (text, a number, true or false, a [list]); KEY alone sets true. May be repeated
    #[arg(short = 'M', long = "metadata", value_name = "KEY=VALUE")]
    pub metadata: Vec<String>,

    /// Link this stylesheet from the HTML page instead of embedding newswire's own; may be repeated
    #[arg(
        short = 'c',
        long = "css",
        value_name = "URL",
        help_heading = "HTML page"
    )]
    pub css: Vec<String>,

    /// Write the HTML page with this template (Jinja syntax) instead of newswire's own page; its variables are listed in newswire-convert(1)
    #[arg(long, value_name = "FILE", help_heading = "HTML page")]
    pub template: Option<PathBuf>,

    /// Channel metadata for feed formats, replacing what the article says
    #[command(flatten, next_help_heading = "Feed channel (rss, atom, jsonfeed)")]
    pub channel: ChannelArgs,

    /// Which site's rules read the inputs
    #[command(flatten)]
    pub site: SiteArgs,
}

/// How a static site's files are read, for the man pages of the commands
/// that read articles (build.rs renders it; the binary has no use for it).
#[allow(dead_code)]
pub const SITE_RULES: &[(&str, &str)] = &[
    (
        "Finding the site",
        "An input in a directory that holds, at or above it up to the repository's root, hugo.toml or config.toml (Hugo; Zola when it sets base_url), config/_default/, _config.yml (Jekyll) or eleventy.config.js (Eleventy, whose _data/metadata.json or a .js file exporting a plain object is read, never run) is read by that generator's rules. --site DIR names the root; --no-site reads every input as a canonical article. A configuration that does not parse is an error at its line.",
    ),
    (
        "The feed's channel",
        "Title, base URL, description, language and authors come from the configuration (Hugo baseURL, title, languageCode, params.description, copyright; Jekyll url and baseurl, title or name, description, author, lang, feed.posts_limit, feed.excerpt_only, feed.icon, feed.logo; Zola base_url, title, description, default_language, feed_limit). --config and the flags replace them; --link also replaces the base URL of every permalink.",
    ),
    (
        "Which files are articles",
        "Hugo and Zola: the pages under content/ (Hugo's contentDir or module mount), not a section's _index.md, a headless bundle or a page that is not rendered. Jekyll: the posts under _posts/ and CATEGORY/_posts/, drafts under _drafts/, and documents of collections with output: true. Eleventy: the pages under its input directory. A page also needs a date: its date key, else a file or bundle name that starts YYYY-MM-DD- (Zola also YYYY-MM-DD_). Any other file is not an article: a run says how many it left out and why, once, and check lists each as a note.",
    ),
    (
        "Dates, drafts and titles",
        "A time without an offset is in the site's timeZone (Hugo) or timezone (Jekyll), else UTC. Drafts (draft: true or \"true\", Jekyll's published: false, _drafts/) are left out unless --include-drafts; posts dated in the future or past their expiryDate unless --include-future (or Jekyll's future: true). The title is the title key, else the first \"# heading\", which leaves the body, else the file name, with a warning. A YAML key given twice is an error, but in a Jekyll site the last one counts, as in Jekyll, with a warning.",
    ),
    (
        "Links and summaries",
        "An item's link is its permalink as the generator builds it, made absolute against the base URL: Hugo url, [permalinks] patterns, slug, the section path and the file or bundle name; Jekyll permalink (date, pretty, ordinal, weekdate, none or placeholders such as :categories/:year/:title), collection permalinks; Zola path, slug, section path; Eleventy permalink or the file's path. The summary is summary, description or excerpt, else the text before <!--more--> (Hugo, Zola) or excerpt_separator (Jekyll), else the first paragraph.",
    ),
    (
        "Templates in content",
        "Outside code, Hugo's figure, youtube, vimeo, x, tweet, instagram, gist, ref, relref, highlight and details shortcodes, Liquid's highlight, raw, comment, link and post_url tags, {{ site.url }}, {{ site.baseurl }}, other site values and the relative_url and absolute_url filters, Zola's @/ links and youtube, vimeo, streamable and gist shortcodes become what they mean, links resolved to the permalinks above. Any other template syntax is left out with a warning at its line and column; Hugo's {{</* */>}} escapes are written as the shortcode they show.",
    ),
];
