// Typographic normalisation by language (quotes, apostrophes, dashes, ellipsis, French spacing).
// It changes no word: only the shape of punctuation and the kind of spaces.
#pragma once

#include "base/diagnostics.hpp"
#include "model/document.hpp"

namespace folio::model {

struct TypographyOptions {
    /// `--` → – and `---` → —, as pandoc's smart extension does for Markdown. Off for article
    /// text: it comes from pages whose authors had real dashes, so a literal `--` there is far
    /// more often an option name (`--verbose`) that lost its code markup than a dash.
    bool ascii_dashes = false;
};

/// Applies the rules of doc.meta.lang to every Text node (code is left alone).
void apply_typography(Document& doc, base::Diagnostics& diag, TypographyOptions opts = {});

}  // namespace folio::model
