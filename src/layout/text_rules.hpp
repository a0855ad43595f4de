// Character rules of paragraph setting: which white space turns into glue.
#pragma once

namespace folio::layout {

/// Spaces that become interword glue. No-break spaces (U+00A0, U+202F narrow, U+2007 figure)
/// stay inside the word they join, which is how French spacing before ; : ! ? » stays on the line.
constexpr bool is_breaking_space(char32_t c) noexcept {
    return c == ' ' || c == '\t' || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) ||
           (c >= 0x2008 && c <= 0x200A) || c == 0x205F || c == 0x3000;
}

}  // namespace folio::layout
