// Command-line options: what the user asked for, validated, before any input is touched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace folio::cli {

/// Trace: the PDF's layout as text (one line per typeset line, with its adjustment ratio and
/// hyphen), for measuring typography and for golden tests.
enum class Target { Pdf, Epub, Html, Json, Trace };

struct Options {
    std::vector<std::string> inputs;
    std::string output;      // -o FILE ("-" = stdout); empty when unset
    std::string output_dir;  // -d DIR
    std::vector<Target> targets{Target::Pdf, Target::Epub};
    bool targets_given = false;
    std::string format;      // -f article|markdown; empty: from the extension
    std::string style;       // --style NAME|FILE; empty: handout for PDF, reader for EPUB/HTML
    std::vector<std::pair<std::string, std::string>> metadata;  // -M KEY=VALUE, in order
    std::string lang;
    unsigned jobs = 0;       // 0: number of cores
    bool quiet = false;
    int verbose = 0;
    bool smart = true;
    bool strict = false;
    bool hinting = false;    // --hinting: PDF fonts keep their TrueType instructions
    int split_level = 1;
    bool embed_fonts = false;
    std::string cover;       // --cover FILE|none; empty: draw one
    std::string paper;
    std::vector<std::string> resource_paths;
    std::string report;      // --report FILE.json
    std::optional<std::pair<unsigned, unsigned>> shard;  // K/N, 1-based K
    bool skip_unchanged = false;
    std::vector<std::string> extensions{"txt", "md", "markdown", "html", "htm"};
    bool list_styles = false;
};

/// What parse_options decided: run with options, or exit at once with a status (help, version,
/// usage errors — already printed).
struct ParseResult {
    std::optional<Options> options;
    int exit_status = 0;
};

ParseResult parse_options(int argc, char** argv);

std::string target_extension(Target t);
std::optional<Target> target_from_extension(std::string_view path);

}  // namespace folio::cli
