// The EPUB 3 writer and the standalone HTML writer; both use the same XHTML builder (pugixml).
// This folder is the only place that includes zip.h.
#pragma once

#include <filesystem>
#include <string>

#include "base/diagnostics.hpp"
#include "model/document.hpp"
#include "style/style.hpp"

namespace folio::epub {

struct EpubOptions {
    /// Chapters start at headings of this level and above (1 = each top-level heading).
    int split_level = 1;
    /// Embed the style's fonts with @font-face.
    bool embed_fonts = false;
    /// Seconds since 1970 for dcterms:modified and zip entry times (base::source_date_epoch()).
    std::int64_t epoch_s = 0;
    /// The cover: empty draws one from the metadata (epub::render_cover_png); "none" leaves the
    /// book without one; anything else is a PNG or JPEG file to use as is.
    std::string cover;
};

/// Writes `doc` as an EPUB 3 package at `out`, atomically. Throws base::Error(Io/Library).
void write_epub(const model::Document& doc, const style::Style& style, const EpubOptions& opts,
                const std::filesystem::path& out, base::Diagnostics& diag);

/// One standalone HTML5 (XHTML syntax) page with the style's CSS inlined.
std::string render_html(const model::Document& doc, const style::Style& style, base::Diagnostics& diag);

}  // namespace folio::epub
