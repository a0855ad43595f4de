// The article reader's structural pass: decoded text → Document (crumbs, title, blocks, spill
// re-attachment, hard-wrap joins), before language detection and typography.
#pragma once

#include <string_view>

#include "base/diagnostics.hpp"
#include "model/document.hpp"

namespace folio::parse::article {

/// Builds the document from valid UTF-8 text with LF line ends. Never fails on content: doubtful
/// decisions become warnings with positions. Leaves meta.lang empty and applies no typography.
model::Document build_article(std::string_view text, base::Diagnostics& diag);

}  // namespace folio::parse::article
