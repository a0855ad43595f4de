// How layout measures text without knowing about PDF: a FontMetrics answers widths for a face.
// The PDF module implements it from the embedded TrueType fonts (with per-character fallback).
#pragma once

#include <cstddef>
#include <string_view>

namespace folio::layout {

/// The four faces of the text family, the monospace face, and the four faces of the display
/// family used for headings (the same as the text family unless the style sets another).
enum class Face { Regular, Bold, Italic, BoldItalic, Mono, DisplayRegular, DisplayBold, DisplayItalic, DisplayBoldItalic };
inline constexpr std::size_t face_count = 9;

class FontMetrics {
public:
    virtual ~FontMetrics() = default;
    /// Advance width in points of UTF-8 text at `size_pt`, including per-character fallback.
    virtual double text_width(Face face, std::string_view utf8, double size_pt) const = 0;
    /// Ascender and descender (positive, in points) at `size_pt`.
    virtual double ascent(Face face, double size_pt) const = 0;
    virtual double descent(Face face, double size_pt) const = 0;
    /// True when some font of the face's fallback list has a glyph for `cp` (BMP only: the PDF
    /// writer cannot show characters above U+FFFF).
    virtual bool has_glyph(Face face, char32_t cp) const = 0;
};

}  // namespace folio::layout
