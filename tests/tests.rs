// One test binary for the whole suite: faster to build on two cores.

// Shared helpers: the samples, the binary, golden-file comparison.
mod util;

// The check command: every finding, placed, and its exit status.
mod check_command;
// CLI behaviour through the real binary: pipes, files, exit codes, errors.
mod cli;
// Feeds as real servers and old tools wrote them: dialects, encodings.
mod dialects;
// Every command's error lines, in the compiler format where placed.
mod errors;
// The feed command through the real binary.
mod feed_command;
// Feeds read back with real parsers and the JSON Feed schema.
mod feeds;
// What pandoc users try first: --list-formats, -M, several inputs to one output.
mod habits;
// Strangers' input: forbidden characters by every escape, dangerous URLs,
// markup where text belongs.
mod hostile;
// Every sample in every format against its reviewed golden file.
mod golden;
// Feeds read back: round trips, foreign feeds, feed to feed, the report.
mod import;
// The library's modules in layers, and files short enough to read.
mod layout;
// The committed man pages match the clap definition.
mod man;
// The HTML page parsed as a browser would: stylesheet, --css, --template.
mod page;
// Generated articles: Markdown is a fixed point, article JSON round-trips.
mod property;
// Reader rules, checked on the model.
mod reader;
// Hostile and awkward inputs that once broke an output.
mod regressions;
// Cross-site scripting vectors against the sanitiser, and the markup it keeps.
mod sanitise;
// Hugo, Jekyll, Zola and Eleventy sites as they are, through the binary.
mod sites;
// Many inputs: the same bytes for any number of jobs, --limit reads only
// what it keeps, --quiet, no progress bar in pipes.
mod scale;
