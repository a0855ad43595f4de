// Which words a language writes in lower case and which with a capital, from Debian's word lists
// compiled at build time (cmake/wordlist_table.py): a capitalised word whose lower-case form is
// an ordinary word most likely starts a sentence; one the language always capitalises does not.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace folio::parse {

class Vocabulary {
public:
    enum class Case : std::uint8_t { Unknown, Lower, Capital, Both };

    /// The vocabulary of a BCP 47 language ("de", "pt-BR" → pt), or nullptr when folio has no
    /// word list for it. The tables are static data: nothing is loaded or built.
    static const Vocabulary* for_language(std::string_view lang);

    /// How the list writes the word whose folded key is `word_key` (Lexicon::word_key of the
    /// word's core): in lower case, with a capital, both, or not at all.
    Case case_of(std::uint64_t word_key) const;

    std::span<const std::uint32_t> lower;
    std::span<const std::uint32_t> capital;
};

}  // namespace folio::parse
