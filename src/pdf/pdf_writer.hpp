// The PDF writer: lays the document out (layout/) and draws the pages with libharu.
// This folder is the only place that includes hpdf.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/diagnostics.hpp"
#include "model/document.hpp"
#include "style/style.hpp"

namespace folio::pdf {

/// Read-only resources shared by every conversion of a process (fonts found through fontconfig
/// and their metrics, hyphenation dictionaries). Thread-safe; loaded lazily, once.
class Resources;
std::shared_ptr<Resources> make_resources();

struct PdfOptions {
    /// Seconds since 1970 for the Info dates (base::source_date_epoch()).
    std::int64_t epoch_s = 0;
    /// Missing glyphs and characters above U+FFFF become errors instead of warnings.
    bool strict = false;
    /// Page size override ("A4", "Letter", "A5"); empty: the style's.
    std::string paper;
    /// The embedded font subsets keep the faces' TrueType hinting (subset_truetype).
    bool hinting = false;
    /// Threads that may compress the finished document's streams (the bytes do not depend on it).
    unsigned threads = 1;
    /// No other document follows in this run: the hyphenation automata leave resident memory
    /// once this one is laid out (Hyphenator::release_resident).
    bool last_layout = false;
};

/// Writes `doc` as a PDF at `out`, atomically. Throws base::Error(Io/Library).
void write_pdf(const model::Document& doc, const style::Style& style, const PdfOptions& opts,
               Resources& res, const std::filesystem::path& out, base::Diagnostics& diag);

/// The PDF's bytes (what write_pdf writes). Throws base::Error(Library).
std::string render_pdf(const model::Document& doc, const style::Style& style, const PdfOptions& opts,
                       Resources& res, base::Diagnostics& diag);

/// The layout trace (lines with words, hyphens, adjustment ratios; page breaks) as text.
std::string layout_trace(const model::Document& doc, const style::Style& style, const PdfOptions& opts,
                         Resources& res, base::Diagnostics& diag);

}  // namespace folio::pdf
