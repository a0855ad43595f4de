// Input decoding shared by the readers: bytes → valid UTF-8 with LF line ends.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.hpp"

namespace folio::parse {

struct DecodedText {
    std::string text;      // valid UTF-8, no BOM, LF line ends, no NULs
    std::string encoding;  // the detected source encoding ("UTF-8", "ISO-8859-1", "UTF-16LE", ...)
};

/// Detects BOMs and other encodings (uchardet, converted with iconv, with a warning), replaces
/// invalid UTF-8 sequences with U+FFFD (warning with LINE:COL) and normalises CRLF/CR to LF.
/// Throws base::Error(Input) for binary data.
DecodedText decode_input(std::string_view bytes, base::Diagnostics& diag);

}  // namespace folio::parse
