// Small character rules shared by paragraph setting and code wrapping: which spaces allow a
// line break, and where a URL may be broken.
#pragma once

#include <string_view>

namespace folio::layout {

/// Spaces a line may break at. No-break spaces (U+00A0, U+202F narrow, U+2007 figure) glue the
/// words around them, which is how French spacing before ; : ! ? » stays on the line.
constexpr bool is_breaking_space(char32_t c) noexcept {
    return c == ' ' || c == '\t' || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) ||
           (c >= 0x2008 && c <= 0x200A) || c == 0x205F || c == 0x3000;
}

/// A URL may break after these (and nowhere else).
constexpr bool is_url_break_after(char32_t c) noexcept {
    return c == '/' || c == '.' || c == '-' || c == '?';
}

/// Words that are web addresses: never hyphenated, broken only after / . - ?
constexpr bool looks_like_url(std::string_view w) noexcept {
    return w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.") ||
           w.starts_with("ftp://") || w.starts_with("mailto:") || w.find("://") != std::string_view::npos;
}

}  // namespace folio::layout
