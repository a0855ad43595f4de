// The word-list tables as static data: cmake/wordlist_table.py writes one binary file of sorted
// keys, which the assembler includes as read-only data, so the tables cost no start-up time and
// only the pages a lookup touches are ever read.
#include "parse/article/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <bit>

#include "folio_wordlists.hpp"

static_assert(std::endian::native == std::endian::little, "the key table is stored little-endian");

// FOLIO_WORDLIST_BIN is the generated table's absolute path (set by CMakeLists.txt).
#define FOLIO_STR2(x) #x
#define FOLIO_STR(x) FOLIO_STR2(x)
asm(".section .rodata\n"
    ".balign 4\n"
    ".globl folio_wordlist_keys\n"
    "folio_wordlist_keys:\n"
    ".incbin \"" FOLIO_STR(FOLIO_WORDLIST_BIN) "\"\n"
    ".long 0\n"  // keeps the symbol valid when every list is missing
    ".previous\n");
extern "C" const std::uint32_t folio_wordlist_keys[];

namespace folio::parse {
namespace {

constexpr std::size_t languages = std::size(wordlist_data::rows);

std::array<Vocabulary, languages> make_vocabularies() {
    std::array<Vocabulary, languages> v{};
    for (std::size_t i = 0; i < languages; ++i) {
        const auto& r = wordlist_data::rows[i];
        const std::uint32_t* base = folio_wordlist_keys + r.start;
        v[i].lower = {base, r.lower};
        v[i].capital = {base + r.lower, r.capital};
    }
    return v;
}

bool contains(std::span<const std::uint32_t> keys, std::uint32_t k) {
    return std::binary_search(keys.begin(), keys.end(), k);
}

}  // namespace

const Vocabulary* Vocabulary::for_language(std::string_view lang) {
    static const std::array<Vocabulary, languages> all = make_vocabularies();
    const std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
    for (std::size_t i = 0; i < languages; ++i)
        if (primary == wordlist_data::rows[i].lang && !all[i].lower.empty()) return &all[i];
    return nullptr;
}

Vocabulary::Case Vocabulary::case_of(std::uint64_t word_key) const {
    const auto k = static_cast<std::uint32_t>(word_key ^ (word_key >> 32));
    const bool lo = contains(lower, k), cap = contains(capital, k);
    return lo && cap ? Case::Both : lo ? Case::Lower : cap ? Case::Capital : Case::Unknown;
}

}  // namespace folio::parse
