// The stable JSON dump of a Document (`-t json`), used by golden tests and by users for debugging.
#pragma once

#include <string>

#include "model/document.hpp"

namespace folio::model {

/// Pretty-printed JSON; same document, same bytes. Positions are included as "line:col".
std::string to_json(const Document& doc, bool with_positions = true);

}  // namespace folio::model
