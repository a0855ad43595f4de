// Language detection (libcld2): text → BCP 47 code.
#pragma once

#include <string>
#include <string_view>

namespace folio::parse {

/// The language of `utf8` as a BCP 47 code ("fr", "en", "de", ...), or "" when the text is too
/// short or the detector is unsure.
std::string detect_language(std::string_view utf8);

}  // namespace folio::parse
