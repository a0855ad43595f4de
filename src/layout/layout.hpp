// Document → pages: blocks become vertical boxes (lines, rows, images), then pagination with
// keep-with-next, widows and orphans, a title block, running header and page-number footer.
#pragma once

#include <string>

#include "base/diagnostics.hpp"
#include "layout/font_metrics.hpp"
#include "layout/hyphenate.hpp"
#include "layout/page.hpp"
#include "model/document.hpp"
#include "style/style.hpp"

namespace folio::layout {

struct LayoutOptions {
    /// "A4", "Letter", "A5" (any case) or empty for the style's page size.
    std::string paper;
    /// Characters that cannot be shown become errors instead of warnings.
    bool strict = false;
    /// Fill LaidOut::trace (costs a copy of the whole text: only for layout_trace and tests).
    bool trace = false;
};

/// Page size in points for a paper name; throws base::Error(Usage) for an unknown name.
std::pair<double, double> paper_size(std::string_view name);

/// The font families of the four text faces and of the monospace face for a style.
std::vector<std::string> text_families(const style::PageStyle& ps);
std::vector<std::string> mono_families(const style::PageStyle& ps);
std::vector<std::string> display_families(const style::PageStyle& ps);

/// Lays the document out. `hyphenator` may be null (no hyphenation). Problems with the content
/// (missing glyphs, unreadable images, over-long words) are reported on `diag`.
LaidOut layout_document(const model::Document& doc, const style::PageStyle& ps, const LayoutOptions& opts,
                        const FontMetrics& metrics, const Hyphenator* hyphenator, base::Diagnostics& diag);

}  // namespace folio::layout
