// Loads libhyphen .dic pattern files into libhyphen's own automaton in linear time.
#pragma once

#include <hyphen.h>

#include <optional>
#include <string>

namespace folio::layout {

/// Reads the pattern file at `path` and returns the same automaton that libhyphen 2.8.8's
/// hnj_hyphen_load builds (charset line, hyphen-min and NOHYPHEN settings, NEXTLEVEL or the
/// default compound level, non-standard `/` patterns), so hnj_hyphen_hyphenate2 gives identical
/// results. libhyphen finds each state's fallback by probing every suffix of every state in a
/// hash table, which is quadratic in the pattern length and takes seconds for German; here the
/// patterns go into a trie whose fallback links are found breadth-first (Aho–Corasick).
/// Everything is allocated with malloc: release the result with hnj_hyphen_free.
/// Returns nullptr when the file cannot be read or memory runs out (libhyphen: unreadable → NULL).
HyphenDict* load_hyphen_dictionary(const std::string& path) noexcept;

/// The same automaton in the flat layout of hyphen_flat.hpp, built without libhyphen's
/// per-state allocations. nullopt when the file cannot be read, memory runs out, or the
/// automaton exceeds the layout's limits.
std::optional<std::string> build_flat_hyphen_dictionary(const std::string& path) noexcept;

}  // namespace folio::layout
