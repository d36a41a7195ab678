# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_newswire_global_optspecs
    string join \n list-formats= max-input-mib= j/jobs= q/quiet h/help V/version
end

function __fish_newswire_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_newswire_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_newswire_using_subcommand
    set -l cmd (__fish_newswire_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c newswire -n "__fish_newswire_needs_command" -l list-formats -d 'List the formats newswire reads and writes: all (a table), or input or output (names only, one per line)' -r -f -a "all\t''
input\t''
output\t''"
complete -c newswire -n "__fish_newswire_needs_command" -l max-input-mib -d 'Refuse inputs larger than this many MiB' -r
complete -c newswire -n "__fish_newswire_needs_command" -s j -l jobs -d 'Work on this many inputs at once [default: one per core]; the output is the same for any number' -r
complete -c newswire -n "__fish_newswire_needs_command" -s q -l quiet -d 'Print nothing but errors: no progress bar, no notes or warnings'
complete -c newswire -n "__fish_newswire_needs_command" -s h -l help -d 'Print help'
complete -c newswire -n "__fish_newswire_needs_command" -s V -l version -d 'Print version'
complete -c newswire -n "__fish_newswire_needs_command" -f -a "convert" -d 'Convert articles to other formats'
complete -c newswire -n "__fish_newswire_needs_command" -f -a "feed" -d 'Build one feed from many articles'
complete -c newswire -n "__fish_newswire_needs_command" -f -a "check" -d 'Report every problem in articles, one per line, like a compiler'
complete -c newswire -n "__fish_newswire_needs_command" -f -a "import" -d 'Turn a feed back into canonical articles, one per item'
complete -c newswire -n "__fish_newswire_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s t -l to -d 'Output format: markdown (md), text (txt), html, article-json, rss, atom, jsonfeed (json), or all; several may be given, comma-separated' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s f -l from -d 'Input format: markdown, article-json, or a feed: feed (any), rss, atom, jsonfeed [default: a feed when the content is one, else from the file name, else markdown]' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l report -d 'How to report what a feed conversion could not carry: text or json, on standard error' -r -f -a "text\t''
json\t''"
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s o -l output -d 'Write to this file instead of standard output (- for standard output)' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l out-dir -d 'Write one file per input and format into this directory, at the input\'s path below the directory it was found in' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l width -d 'Wrap plain text at this column; 0 for no wrapping' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s M -l metadata -d 'Set or replace a front-matter field of every article: KEY=VALUE, the value read as YAML (text, a number, true or false, a [list]); KEY alone sets true. May be repeated' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s c -l css -d 'Link this stylesheet from the HTML page instead of embedding newswire\'s own; may be repeated' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l template -d 'Write the HTML page with this template (Jinja syntax) instead of newswire\'s own page; its variables are listed in newswire-convert(1)' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l title -d 'The feed\'s title' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l link -d 'The site the feed belongs to (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l feed-url -d 'Where the feed itself will be published (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l description -d 'What the feed is about' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l language -d 'The feed\'s language, a BCP 47 tag such as en or pt-BR' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l rights -d 'Copyright or licence of the feed\'s content' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l icon -d 'A small square image for the feed (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l logo -d 'A larger image for the feed, such as a masthead (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l hub -d 'A WebSub hub that pushes the feed\'s changes to subscribers; may be repeated' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l site -d 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l max-input-mib -d 'Refuse inputs larger than this many MiB' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s j -l jobs -d 'Work on this many inputs at once [default: one per core]; the output is the same for any number' -r
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l flat -d 'Write every output straight into --out-dir, named after its input\'s file name alone'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l gfm -d 'Write Markdown as plain GFM: a title heading and byline instead of front matter'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l lossless -d 'Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l no-site -d 'Read the inputs as canonical articles even inside a site'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l include-drafts -d 'Include drafts: `draft: true`, and in a site Jekyll\'s `published: false` and _drafts/'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -l include-future -d 'Include a site\'s posts dated in the future or past their expiryDate'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s q -l quiet -d 'Print nothing but errors: no progress bar, no notes or warnings'
complete -c newswire -n "__fish_newswire_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -s t -l to -d 'Feed format: rss, atom or jsonfeed (json)' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l config -d 'Channel metadata from a TOML file: title, link, feed_url, description, language, authors, rights, icon, logo, hubs, lossless' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l title -d 'The feed\'s title' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l link -d 'The site the feed belongs to (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l feed-url -d 'Where the feed itself will be published (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l description -d 'What the feed is about' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l language -d 'The feed\'s language, a BCP 47 tag such as en or pt-BR' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l rights -d 'Copyright or licence of the feed\'s content' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l icon -d 'A small square image for the feed (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l logo -d 'A larger image for the feed, such as a masthead (absolute URL)' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l hub -d 'A WebSub hub that pushes the feed\'s changes to subscribers; may be repeated' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l limit -d 'Keep only the newest N items' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -s o -l output -d 'Write to this file instead of standard output (- for standard output)' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l tag -d 'Keep only articles with this tag (or category); may be repeated, and an article with any of them is kept' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l category -d 'The same as --tag: categories and tags are one list in the article format' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l per-tag -d 'Also write one feed per tag into DIR, named after the tag (rust.rss.xml), as Hugo and Zola do' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l site -d 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l max-input-mib -d 'Refuse inputs larger than this many MiB' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -s j -l jobs -d 'Work on this many inputs at once [default: one per core]; the output is the same for any number' -r
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l lossless -d 'Carry each whole article as canonical Markdown too, so that import gives it back byte for byte; by default an item carries its HTML, front matter, quotes and prompts, and import rebuilds the body from the HTML'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l skip-invalid -d 'Report invalid articles and leave them out instead of failing'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l summary-only -d 'Carry each item\'s summary instead of its full content'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l no-site -d 'Read the inputs as canonical articles even inside a site'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l include-drafts -d 'Include drafts: `draft: true`, and in a site Jekyll\'s `published: false` and _drafts/'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -l include-future -d 'Include a site\'s posts dated in the future or past their expiryDate'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -s q -l quiet -d 'Print nothing but errors: no progress bar, no notes or warnings'
complete -c newswire -n "__fish_newswire_using_subcommand feed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c newswire -n "__fish_newswire_using_subcommand check" -l format -d 'Report format: text (one finding per line) or json (an array of findings)' -r -f -a "text\t''
json\t''"
complete -c newswire -n "__fish_newswire_using_subcommand check" -s f -l from -d 'Input format: markdown or article-json [default: from the file name, else markdown]' -r
complete -c newswire -n "__fish_newswire_using_subcommand check" -l site -d 'Read the inputs as pages of the Hugo, Jekyll, Zola or Eleventy site whose root is DIR [default: the site each input is in, found by its configuration file]' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand check" -l max-input-mib -d 'Refuse inputs larger than this many MiB' -r
complete -c newswire -n "__fish_newswire_using_subcommand check" -s j -l jobs -d 'Work on this many inputs at once [default: one per core]; the output is the same for any number' -r
complete -c newswire -n "__fish_newswire_using_subcommand check" -l strict -d 'Fail on warnings too'
complete -c newswire -n "__fish_newswire_using_subcommand check" -l feed -d 'The inputs go into one feed, so ids they share are errors, not warnings'
complete -c newswire -n "__fish_newswire_using_subcommand check" -l no-site -d 'Read the inputs as canonical articles even inside a site'
complete -c newswire -n "__fish_newswire_using_subcommand check" -l include-drafts -d 'Include drafts: `draft: true`, and in a site Jekyll\'s `published: false` and _drafts/'
complete -c newswire -n "__fish_newswire_using_subcommand check" -l include-future -d 'Include a site\'s posts dated in the future or past their expiryDate'
complete -c newswire -n "__fish_newswire_using_subcommand check" -s q -l quiet -d 'Print nothing but errors: no progress bar, no notes or warnings'
complete -c newswire -n "__fish_newswire_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c newswire -n "__fish_newswire_using_subcommand import" -l out-dir -d 'Write one article per item into this directory' -r -F
complete -c newswire -n "__fish_newswire_using_subcommand import" -l report -d 'How to report what could not be carried over: text or json, on standard error' -r -f -a "text\t''
json\t''"
complete -c newswire -n "__fish_newswire_using_subcommand import" -l max-input-mib -d 'Refuse inputs larger than this many MiB' -r
complete -c newswire -n "__fish_newswire_using_subcommand import" -s j -l jobs -d 'Work on this many inputs at once [default: one per core]; the output is the same for any number' -r
complete -c newswire -n "__fish_newswire_using_subcommand import" -l force -d 'Replace articles that already exist in the directory'
complete -c newswire -n "__fish_newswire_using_subcommand import" -s q -l quiet -d 'Print nothing but errors: no progress bar, no notes or warnings'
complete -c newswire -n "__fish_newswire_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c newswire -n "__fish_newswire_using_subcommand completions" -l max-input-mib -d 'Refuse inputs larger than this many MiB' -r
complete -c newswire -n "__fish_newswire_using_subcommand completions" -s j -l jobs -d 'Work on this many inputs at once [default: one per core]; the output is the same for any number' -r
complete -c newswire -n "__fish_newswire_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors: no progress bar, no notes or warnings'
complete -c newswire -n "__fish_newswire_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
