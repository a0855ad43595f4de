// The article reader's structural pass: decoded text → Document (crumbs, title, blocks, spill
// re-attachment, hard-wrap joins), before language detection and typography.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/document.hpp"
#include "parse/article/spill.hpp"

namespace folio::parse::article {

struct BuildOptions {
    /// The document's language (BCP 47); empty: detected from the intact text before the spill
    /// is attached, since the language's vocabulary is evidence for where tails end.
    std::string lang;
    /// The evidence weights; nullptr: default_spill_weights(). Set by the fitting tool.
    const SpillWeights* weights = nullptr;
    /// Called with the spill segmentation folio chose, for tools that explain its evidence.
    std::function<void(const std::vector<SpillHead>&, const std::vector<std::string_view>&, const Lexicon&,
                       const SpillResult&)>
        on_spill = nullptr;
};

/// Builds the document from valid UTF-8 text with LF line ends. Never fails on content: doubtful
/// decisions become warnings with positions. Sets meta.lang and applies no typography.
model::Document build_article(std::string_view text, base::Diagnostics& diag, const BuildOptions& opts = {});

}  // namespace folio::parse::article
