// One conversion: an input file → the requested outputs, with diagnostics and stage timings.
// Shared resources (styles, fonts, dictionaries) are loaded once per process and only read here.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "cli/options.hpp"
#include "model/document.hpp"
#include "pdf/pdf_writer.hpp"
#include "style/style.hpp"

namespace folio::cli {

/// Loaded once, then shared read-only by every worker thread.
struct Shared {
    style::Style pdf_style;   // --style, else "handout"
    style::Style epub_style;  // --style, else "reader"
    std::shared_ptr<pdf::Resources> pdf;
    std::int64_t epoch_s = 0;
};

/// Loads the styles (diagnostics go to `diag`); throws base::Error(Style) when one is unusable.
Shared load_shared(const Options& opts, base::Diagnostics& diag);

struct Job {
    std::string input;  // path as given, or "-"
    std::vector<std::pair<Target, std::filesystem::path>> outputs;
};

struct OutputInfo {
    Target target;
    std::filesystem::path path;
    std::uintmax_t bytes = 0;
    std::string sha256;  // filled only when a report is requested
};

struct Result {
    enum class Status { Converted, Failed, Skipped };
    Status status = Status::Failed;
    std::string input;
    std::string error;  // formatted "folio: error: ..." line when Failed
    std::vector<OutputInfo> outputs;
    std::string title;
    std::string lang;
    std::size_t words_in = 0;
    std::size_t words_out = 0;
    base::Diagnostics diag;
    std::vector<std::pair<std::string, double>> stage_ms;  // "read", "pdf", "epub", ...
};

/// An input read into its document, before any output is written: `doc` is empty when the input
/// could not be read (the result then says why).
struct ReadInput {
    Result result;
    std::optional<model::Document> doc;
};

/// The first half of convert(): reads the input. Needs no Shared, so it may run while they load.
ReadInput read_input(const Job& job, const Options& opts);

/// The second half of convert(): writes every output of a read input.
Result write_outputs(const Job& job, const Options& opts, Shared& shared, ReadInput in, bool with_hashes,
                     bool last_job = false, bool spare_core = false);

/// Converts one job. Never throws: failures are reported in the Result. `with_hashes` fills
/// OutputInfo::sha256 (costs a re-read of every output). With `last_job` (no other job will use
/// `shared`), the PDF resources are released once the job's last output that needs them is
/// written, so the memory of fonts and hyphenation dictionaries is not held under the outputs
/// made after it (the EPUB). With `spare_core` (a core no other job uses), the outputs of a large
/// input drawn with the PDF resources and the others are written on two threads; results and
/// diagnostics keep the order of the outputs either way.
Result convert(const Job& job, const Options& opts, Shared& shared, bool with_hashes, bool last_job = false,
               bool spare_core = false);

/// Applies -M overrides to the metadata (title, subtitle, author (adds), date, lang, description,
/// keywords (comma list), source/url; other keys go to meta.extra).
void apply_metadata_overrides(model::Metadata& meta, const std::vector<std::pair<std::string, std::string>>& kv);

}  // namespace folio::cli
