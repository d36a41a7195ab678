
use builtin;
use str;

set edit:completion:arg-completer[newswire] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'newswire'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'newswire'= {
            cand --list-formats 'List the formats newswire reads and writes: all (a table), or input or output (names only, one per line)'
            cand --max-input-mib 'Refuse inputs larger than this many MiB'
            cand -j 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --jobs 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand -q 'Print nothing but errors: no progress bar, no notes or warnings'
            cand --quiet 'Print nothing but errors: no progress bar, no notes or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand convert 'Convert articles to other formats'
            cand feed 'Build one feed from many articles'
            cand check 'Report every problem in articles, one per line, like a compiler'
            cand import 'Turn a feed back into canonical articles, one per item'
            cand completions 'Print a shell completion script'
        }
        &'newswire;convert'= {
            cand -t 'Output format: markdown (md), text (txt), html, article-json, rss, atom, jsonfeed (json), or all; several may be given, comma-separated'
            cand --to 'Output format: markdown (md), text (txt), html, article-json, rss, atom, jsonfeed (json), or all; several may be given, comma-separated'
            cand -f 'Input format: markdown, article-json, or a feed: feed (any), rss, atom, jsonfeed [default: a feed when the content is one, else from the file name, else markdown]'
            cand --from 'Input format: markdown, article-json, or a feed: feed (any), rss, atom, jsonfeed [default: a feed when the content is one, else from the file name, else markdown]'
            cand --report 'How to report what a feed conversion could not carry: text or json, on standard error'
            cand -o 'Write to this file instead of standard output (- for standard output)'
            cand --output 'Write to this file instead of standard output (- for standard output)'
            cand --out-dir 'Write one file per input and format into this directory, at the input''s path below the directory it was found in'
            cand --width 'Wrap plain text at this column; 0 for no wrapping'
            cand -M 'Set or replace a front-matter field of every article: KEY=VALUE, the value read as YAML (text, a number, true or false, a [list]); KEY alone sets true. May be repeated'
            cand --metadata 'Set or replace a front-matter field of every article: KEY=VALUE, the value read as YAML (text, a number, true or false, a [list]); KEY alone sets true. May be repeated'
            cand -c 'Link this stylesheet from the HTML page instead of embedding newswire''s own; may be repeated'
            cand --css 'Link this stylesheet from the HTML page instead of embedding newswire''s own; may be repeated'
            cand --template 'Write the HTML page with this template (Jinja syntax) instead of newswire''s own page; its variables are listed in newswire-convert(1)'
            cand --title 'The feed''s title'
            cand --link 'The site the feed belongs to (absolute URL)'
            cand --feed-url 'Where the feed itself will be published (absolute URL)'
            cand --description 'What the feed is about'
            cand --language 'The feed''s language, a BCP 47 tag such as en or pt-BR'
            cand --rights 'Copyright or licence of the feed''s content'
            cand --icon 'A small square image for the feed (absolute URL)'
            cand --logo 'A larger image for the feed, such as a masthead (absolute URL)'
            cand --hub 'A WebSub hub that pushes the feed''s changes to subscribers; may be repeated'
            cand --site 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]'
            cand --max-input-mib 'Refuse inputs larger than this many MiB'
            cand -j 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --jobs 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --flat 'Write every output straight into --out-dir, named after its input''s file name alone'
            cand --gfm 'Write Markdown as plain GFM: a title heading and byline instead of front matter'
            cand --lossless 'Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML'
            cand --no-site 'Read the inputs as canonical articles even inside a site'
            cand --include-drafts 'Include drafts: `draft: true`, and in a site Jekyll''s `published: false` and _drafts/'
            cand --include-future 'Include a site''s posts dated in the future or past their expiryDate'
            cand -q 'Print nothing but errors: no progress bar, no notes or warnings'
            cand --quiet 'Print nothing but errors: no progress bar, no notes or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'newswire;feed'= {
            cand -t 'Feed format: rss, atom or jsonfeed (json)'
            cand --to 'Feed format: rss, atom or jsonfeed (json)'
            cand --config 'Channel metadata from a TOML file: title, link, feed_url, description, language, authors, rights, icon, logo, hubs, lossless'
            cand --title 'The feed''s title'
            cand --link 'The site the feed belongs to (absolute URL)'
            cand --feed-url 'Where the feed itself will be published (absolute URL)'
            cand --description 'What the feed is about'
            cand --language 'The feed''s language, a BCP 47 tag such as en or pt-BR'
            cand --rights 'Copyright or licence of the feed''s content'
            cand --icon 'A small square image for the feed (absolute URL)'
            cand --logo 'A larger image for the feed, such as a masthead (absolute URL)'
            cand --hub 'A WebSub hub that pushes the feed''s changes to subscribers; may be repeated'
            cand --limit 'Keep only the newest N items'
            cand -o 'Write to this file instead of standard output (- for standard output)'
            cand --output 'Write to this file instead of standard output (- for standard output)'
            cand --tag 'Keep only articles with this tag (or category); may be repeated, and an article with any of them is kept'
            cand --category 'The same as --tag: categories and tags are one list in the article format'
            cand --per-tag 'Also write one feed per tag into DIR, named after the tag (rust.rss.xml), as Hugo and Zola do'
            cand --site 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]'
            cand --max-input-mib 'Refuse inputs larger than this many MiB'
            cand -j 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --jobs 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --lossless 'Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML'
            cand --skip-invalid 'Report invalid articles and leave them out instead of failing'
            cand --summary-only 'Carry each item''s summary instead of its full content'
            cand --no-site 'Read the inputs as canonical articles even inside a site'
            cand --include-drafts 'Include drafts: `draft: true`, and in a site Jekyll''s `published: false` and _drafts/'
            cand --include-future 'Include a site''s posts dated in the future or past their expiryDate'
            cand -q 'Print nothing but errors: no progress bar, no notes or warnings'
            cand --quiet 'Print nothing but errors: no progress bar, no notes or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'newswire;check'= {
            cand --format 'Report format: text (one finding per line) or json (an array of findings)'
            cand -f 'Input format: markdown or article-json [default: from the file name, else markdown]'
            cand --from 'Input format: markdown or article-json [default: from the file name, else markdown]'
            cand --site 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]'
            cand --max-input-mib 'Refuse inputs larger than this many MiB'
            cand -j 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --jobs 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --strict 'Fail on warnings too'
            cand --feed 'The inputs go into one feed, so ids they share are errors, not warnings'
            cand --no-site 'Read the inputs as canonical articles even inside a site'
            cand --include-drafts 'Include drafts: `draft: true`, and in a site Jekyll''s `published: false` and _drafts/'
            cand --include-future 'Include a site''s posts dated in the future or past their expiryDate'
            cand -q 'Print nothing but errors: no progress bar, no notes or warnings'
            cand --quiet 'Print nothing but errors: no progress bar, no notes or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'newswire;import'= {
            cand --out-dir 'Write one article per item into this directory'
            cand --report 'How to report what could not be carried over: text or json, on standard error'
            cand --max-input-mib 'Refuse inputs larger than this many MiB'
            cand -j 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --jobs 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --force 'Replace articles that already exist in the directory'
            cand -q 'Print nothing but errors: no progress bar, no notes or warnings'
            cand --quiet 'Print nothing but errors: no progress bar, no notes or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'newswire;completions'= {
            cand --max-input-mib 'Refuse inputs larger than this many MiB'
            cand -j 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand --jobs 'Work on this many inputs at once [default: one per core]; the output is the same for any number'
            cand -q 'Print nothing but errors: no progress bar, no notes or warnings'
            cand --quiet 'Print nothing but errors: no progress bar, no notes or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
    ]
    $completions[$command]
}
