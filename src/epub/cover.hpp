// The EPUB cover picture: a typographic PNG drawn with cairo from the document's metadata, or a
// PNG/JPEG the user gives. This seam is the only place that includes cairo.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "style/style.hpp"

namespace folio::epub {

/// Cover size in pixels: 2:3, the shape of a book, and just tall enough (1600 px) for the stores'
/// and reading systems' cover requirements: every pixel more costs time in every book.
inline constexpr int cover_width_px = 1067;
inline constexpr int cover_height_px = 1600;

struct CoverText {
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string date;
};

/// A PNG of cover_width_px x cover_height_px (256-colour palette, or RGB when the style's colours
/// need more): large title, thin rule, subtitle, authors and date, in the style's title and body
/// fonts and colours. The same text and style give the same bytes
/// (no time chunk, fonts taken by file from fontconfig's answer, hinting off). Throws
/// base::Error(Library) when cairo fails; a missing font falls back to cairo's default face.
std::string render_cover_png(const CoverText& text, const style::Style& style);

}  // namespace folio::epub
