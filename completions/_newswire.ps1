
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'newswire' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'newswire'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'newswire' {
            [CompletionResult]::new('--list-formats', '--list-formats', [CompletionResultType]::ParameterName, 'List the formats newswire reads and writes: all (a table), or input or output (names only, one per line)')
            [CompletionResult]::new('--max-input-mib', '--max-input-mib', [CompletionResultType]::ParameterName, 'Refuse inputs larger than this many MiB')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert articles to other formats')
            [CompletionResult]::new('feed', 'feed', [CompletionResultType]::ParameterValue, 'Build one feed from many articles')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Report every problem in articles, one per line, like a compiler')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn a feed back into canonical articles, one per item')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            break
        }
        'newswire;convert' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Output format: markdown (md), text (txt), html, article-json, rss, atom, jsonfeed (json), or all; several may be given, comma-separated')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Output format: markdown (md), text (txt), html, article-json, rss, atom, jsonfeed (json), or all; several may be given, comma-separated')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Input format: markdown, article-json, or a feed: feed (any), rss, atom, jsonfeed [default: a feed when the content is one, else from the file name, else markdown]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Input format: markdown, article-json, or a feed: feed (any), rss, atom, jsonfeed [default: a feed when the content is one, else from the file name, else markdown]')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'How to report what a feed conversion could not carry: text or json, on standard error')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output (- for standard output)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output (- for standard output)')
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write one file per input and format into this directory, at the input''s path below the directory it was found in')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Wrap plain text at this column; 0 for no wrapping')
            [CompletionResult]::new('-M', '-M ', [CompletionResultType]::ParameterName, 'Set or replace a front-matter field of every article: KEY=VALUE, the value read as YAML (text, a number, true or false, a [list]); KEY alone sets true. May be repeated')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'Set or replace a front-matter field of every article: KEY=VALUE, the value read as YAML (text, a number, true or false, a [list]); KEY alone sets true. May be repeated')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Link this stylesheet from the HTML page instead of embedding newswire''s own; may be repeated')
            [CompletionResult]::new('--css', '--css', [CompletionResultType]::ParameterName, 'Link this stylesheet from the HTML page instead of embedding newswire''s own; may be repeated')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Write the HTML page with this template (Jinja syntax) instead of newswire''s own page; its variables are listed in newswire-convert(1)')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The feed''s title')
            [CompletionResult]::new('--link', '--link', [CompletionResultType]::ParameterName, 'The site the feed belongs to (absolute URL)')
            [CompletionResult]::new('--feed-url', '--feed-url', [CompletionResultType]::ParameterName, 'Where the feed itself will be published (absolute URL)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the feed is about')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'The feed''s language, a BCP 47 tag such as en or pt-BR')
            [CompletionResult]::new('--rights', '--rights', [CompletionResultType]::ParameterName, 'Copyright or licence of the feed''s content')
            [CompletionResult]::new('--icon', '--icon', [CompletionResultType]::ParameterName, 'A small square image for the feed (absolute URL)')
            [CompletionResult]::new('--logo', '--logo', [CompletionResultType]::ParameterName, 'A larger image for the feed, such as a masthead (absolute URL)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'A WebSub hub that pushes the feed''s changes to subscribers; may be repeated')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]')
            [CompletionResult]::new('--max-input-mib', '--max-input-mib', [CompletionResultType]::ParameterName, 'Refuse inputs larger than this many MiB')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--flat', '--flat', [CompletionResultType]::ParameterName, 'Write every output straight into --out-dir, named after its input''s file name alone')
            [CompletionResult]::new('--gfm', '--gfm', [CompletionResultType]::ParameterName, 'Write Markdown as plain GFM: a title heading and byline instead of front matter')
            [CompletionResult]::new('--lossless', '--lossless', [CompletionResultType]::ParameterName, 'Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML')
            [CompletionResult]::new('--no-site', '--no-site', [CompletionResultType]::ParameterName, 'Read the inputs as canonical articles even inside a site')
            [CompletionResult]::new('--include-drafts', '--include-drafts', [CompletionResultType]::ParameterName, 'Include drafts: `draft: true`, and in a site Jekyll''s `published: false` and _drafts/')
            [CompletionResult]::new('--include-future', '--include-future', [CompletionResultType]::ParameterName, 'Include a site''s posts dated in the future or past their expiryDate')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'newswire;feed' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Feed format: rss, atom or jsonfeed (json)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Feed format: rss, atom or jsonfeed (json)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Channel metadata from a TOML file: title, link, feed_url, description, language, authors, rights, icon, logo, hubs, lossless')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The feed''s title')
            [CompletionResult]::new('--link', '--link', [CompletionResultType]::ParameterName, 'The site the feed belongs to (absolute URL)')
            [CompletionResult]::new('--feed-url', '--feed-url', [CompletionResultType]::ParameterName, 'Where the feed itself will be published (absolute URL)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the feed is about')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'The feed''s language, a BCP 47 tag such as en or pt-BR')
            [CompletionResult]::new('--rights', '--rights', [CompletionResultType]::ParameterName, 'Copyright or licence of the feed''s content')
            [CompletionResult]::new('--icon', '--icon', [CompletionResultType]::ParameterName, 'A small square image for the feed (absolute URL)')
            [CompletionResult]::new('--logo', '--logo', [CompletionResultType]::ParameterName, 'A larger image for the feed, such as a masthead (absolute URL)')
            [CompletionResult]::new('--hub', '--hub', [CompletionResultType]::ParameterName, 'A WebSub hub that pushes the feed''s changes to subscribers; may be repeated')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Keep only the newest N items')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output (- for standard output)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output (- for standard output)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Keep only articles with this tag (or category); may be repeated, and an article with any of them is kept')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'The same as --tag: categories and tags are one list in the article format')
            [CompletionResult]::new('--per-tag', '--per-tag', [CompletionResultType]::ParameterName, 'Also write one feed per tag into DIR, named after the tag (rust.rss.xml), as Hugo and Zola do')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]')
            [CompletionResult]::new('--max-input-mib', '--max-input-mib', [CompletionResultType]::ParameterName, 'Refuse inputs larger than this many MiB')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--lossless', '--lossless', [CompletionResultType]::ParameterName, 'Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Report invalid articles and leave them out instead of failing')
            [CompletionResult]::new('--summary-only', '--summary-only', [CompletionResultType]::ParameterName, 'Carry each item''s summary instead of its full content')
            [CompletionResult]::new('--no-site', '--no-site', [CompletionResultType]::ParameterName, 'Read the inputs as canonical articles even inside a site')
            [CompletionResult]::new('--include-drafts', '--include-drafts', [CompletionResultType]::ParameterName, 'Include drafts: `draft: true`, and in a site Jekyll''s `published: false` and _drafts/')
            [CompletionResult]::new('--include-future', '--include-future', [CompletionResultType]::ParameterName, 'Include a site''s posts dated in the future or past their expiryDate')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'newswire;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format: text (one finding per line) or json (an array of findings)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Input format: markdown or article-json [default: from the file name, else markdown]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Input format: markdown or article-json [default: from the file name, else markdown]')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]')
            [CompletionResult]::new('--max-input-mib', '--max-input-mib', [CompletionResultType]::ParameterName, 'Refuse inputs larger than this many MiB')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on warnings too')
            [CompletionResult]::new('--feed', '--feed', [CompletionResultType]::ParameterName, 'The inputs go into one feed, so ids they share are errors, not warnings')
            [CompletionResult]::new('--no-site', '--no-site', [CompletionResultType]::ParameterName, 'Read the inputs as canonical articles even inside a site')
            [CompletionResult]::new('--include-drafts', '--include-drafts', [CompletionResultType]::ParameterName, 'Include drafts: `draft: true`, and in a site Jekyll''s `published: false` and _drafts/')
            [CompletionResult]::new('--include-future', '--include-future', [CompletionResultType]::ParameterName, 'Include a site''s posts dated in the future or past their expiryDate')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'newswire;import' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write one article per item into this directory')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'How to report what could not be carried over: text or json, on standard error')
            [CompletionResult]::new('--max-input-mib', '--max-input-mib', [CompletionResultType]::ParameterName, 'Refuse inputs larger than this many MiB')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace articles that already exist in the directory')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'newswire;completions' {
            [CompletionResult]::new('--max-input-mib', '--max-input-mib', [CompletionResultType]::ParameterName, 'Refuse inputs larger than this many MiB')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Work on this many inputs at once [default: one per core]; the output is the same for any number')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: no progress bar, no notes or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
