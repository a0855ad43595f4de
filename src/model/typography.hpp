// Typographic normalisation by language (quotes, apostrophes, ellipsis, French spacing).
// It changes no word: only the shape of punctuation and the kind of spaces.
#pragma once

#include "base/diagnostics.hpp"
#include "model/document.hpp"

namespace folio::model {

/// Applies the rules of doc.meta.lang to every Text node (code is left alone).
void apply_typography(Document& doc, base::Diagnostics& diag);

}  // namespace folio::model
