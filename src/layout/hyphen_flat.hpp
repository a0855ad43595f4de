// A libhyphen automaton flattened into one pointer-free byte buffer, and hyphenation over it.
//
// Building libhyphen's HyphenDict costs a malloc per state, string and transition array (German:
// 279,000 states, tens of megabytes, most of a German article's run time). The same automaton as
// offsets into one buffer can be written to a file once and mapped read-only on later runs, where
// only the pages a lookup touches are ever read.
#pragma once

#include <hyphen.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace folio::layout {

/// The buffer's layout. All integers are native-endian (the buffer never leaves the machine that
/// wrote it; `byte_order` catches a foreign one) and every section is 4-byte aligned.
namespace flat {

/// Raised whenever the layout or the meaning of a field changes.
inline constexpr std::uint32_t format_version = 2;
inline constexpr std::uint32_t image_magic = 0x79486f46;  // "FoHy"
inline constexpr std::uint32_t byte_order_mark = 0x01020304;

/// Each state is a record of 32-bit words in `records`, named by the index of its first word:
///   word 0: transition count (bits 0-7), has-match (bit 8), has-replacement (bit 9: a
///           non-standard pattern, left to libhyphen), fallback record + 1 (bits 10-31, 0: none);
///   word 1, with a match: its offset in the pool of NUL-terminated match strings;
///   then one word per transition, sorted by byte: target record << 8 | byte.
/// The root is record 0 and records follow a depth-first walk of the trie, so the states a word
/// passes through lie close together: few pages of a mapped file are ever read.
inline constexpr std::uint32_t max_records_words = 1u << 22;
inline constexpr std::uint32_t count_mask = 0xff;
inline constexpr std::uint32_t has_match = 1u << 8;
inline constexpr std::uint32_t has_repl = 1u << 9;
inline constexpr int fallback_shift = 10;

struct ImageHeader {
    std::uint32_t magic;
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint32_t size;          // of the whole image, this header included
    std::uint32_t level_count;   // 1 or 2: level 0 is libhyphen's dict, level 1 its nextlevel
    std::uint32_t level_offset[2];
};

struct LevelHeader {
    std::uint32_t num_states;
    std::uint32_t records;       // offset of the state records
    std::uint32_t records_words; // their length in 32-bit words
    std::uint32_t pool;          // offset of NUL-terminated match strings
    std::uint32_t pool_size;
    std::uint32_t nohyphen;      // offset of libhyphen's NOHYPHEN list (items split by NUL)
    std::uint32_t nohyphen_size; // 0: no list
    std::int32_t nohyphenl;      // libhyphen's count of separators
    std::int8_t lhmin, rhmin, clhmin, crhmin;
    std::uint8_t utf8;
    std::uint8_t padding[3];
    char cset[MAX_NAME];
};

}  // namespace flat

/// A read-only view of a flat automaton held elsewhere (a mapped file or a string).
class FlatHyphenDict {
public:
    /// Checks the headers and that every section lies inside `bytes`; nullopt when they do not.
    /// The sections' contents are checked as lookups read them, so a damaged buffer can never
    /// make a lookup read outside it: such a lookup asks for libhyphen instead.
    static std::optional<FlatHyphenDict> view(std::string_view bytes) noexcept;

    /// hnj_hyphen_hyphenate2(dict, word, size, hyphens, nullptr, &rep, &pos, &cut) of libhyphen
    /// 2.8.8 for the dictionary this buffer was built from: fills `hyphens` (room for
    /// word.size() + 5 bytes, NUL-terminated like libhyphen's) and returns libhyphen's status.
    /// Returns nullopt, leaving `hyphens` undefined, when the word reaches a non-standard
    /// ("ff=f") pattern or damaged data: then the caller must ask libhyphen itself. A word
    /// reaching no such pattern would get no rep/pos/cut from libhyphen either.
    std::optional<int> hyphenate(const std::string& word, char* hyphens) const;

    bool utf8() const noexcept { return level(0)->utf8 != 0; }
    /// The charset named on the dictionary's first line (libhyphen's cset).
    std::string charset() const;

private:
    explicit FlatHyphenDict(std::string_view bytes) : bytes_(bytes) {}
    const flat::LevelHeader* level(std::uint32_t i) const noexcept;
    bool hyph(std::uint32_t level, const char* word, int size, char* hyphens, int clhmin, int crhmin, bool lend,
              bool rend) const;

    std::string_view bytes_;
};

}  // namespace folio::layout
