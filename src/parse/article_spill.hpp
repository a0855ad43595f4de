// Spill re-attachment: the words of cut paragraphs that a scraper spilled one per line at the end
// of an article are given back to their paragraphs. The spill is segmented into tails, in order,
// by a beam-bounded dynamic programme that scores every candidate segmentation with word-level
// evidence (see article_spill.cpp for the cost model).
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "parse/article_words.hpp"

namespace folio::parse::article {

enum class HeadKind { Paragraph, ListItem, HeadingLike, Quote };

/// A block that may have lost its tail to the spill.
struct SpillHead {
    /// The block's last word, and the one before it (used when the last is punctuation only).
    std::string_view last_word;
    std::string_view prev_word;
    std::size_t words = 0;
    HeadKind kind = HeadKind::Paragraph;
    /// For list items: most items of the same list end without punctuation.
    bool unpunctuated_list = false;
    /// The next block is a list, so a colon ending is complete.
    bool before_list = false;
    Balance balance;
    /// Words after the block's last sentence end, and, when the block itself ends a sentence,
    /// the length of that sentence; both counted up to short_sentence_cap (beyond it a sentence
    /// is simply long).
    std::size_t trailing_words = 0;
    std::size_t last_sentence_words = 0;
    static constexpr std::size_t short_sentence_cap = 4;
};

struct SpillResult {
    /// Per head, the half-open range of spill words it receives (first == second: none).
    std::vector<std::pair<std::size_t, std::size_t>> tails;
    /// Heads whose tail boundary the evidence did not decide clearly.
    std::vector<std::size_t> uncertain;
};

/// Segments `spill` over `heads`. Every spill word is placed exactly once, in order; when there is
/// no head at all, the result has no tails (the caller keeps the words as their own paragraph).
/// Time is O(heads × beam × candidates) in the worst case, linear in the input for fixed limits.
SpillResult attach_spill(const std::vector<SpillHead>& heads, const std::vector<std::string_view>& spill,
                         const Lexicon& lexicon);

}  // namespace folio::parse::article
