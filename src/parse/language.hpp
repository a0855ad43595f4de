// Language detection (libcld2): text → BCP 47 code.
#pragma once

#include <string>
#include <string_view>

namespace folio::parse {

/// The language of `utf8` as a BCP 47 code ("fr", "en", "de", ...), or "" when the text is too
/// short or the detector is unsure.
std::string detect_language(std::string_view utf8);

/// Drops CLD2's tables (about 1.5 MB of read-only pages of libcld2, nearly all of them touched
/// by one detection) from the process's resident memory, for a process that will detect no more
/// for a while. A later detection reads them back from the file and gives the same answers.
void release_language_tables();

}  // namespace folio::parse
