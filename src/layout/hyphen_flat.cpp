// Hyphenation over a flat automaton, step for step as libhyphen 2.8.8's hnj_hyphen_hyphenate2.
//
// The results must equal libhyphen's for every word (the differential test checks whole word
// lists), so this follows hyphen.c's procedure including its quirks, commented where they
// surprise: the compound recursion copies one hyphen fewer than the segment holds, a digit is
// read as '.' until a compound split writes the raw byte back, the hyphen-min rules count bytes
// and ligatures the way libhyphen does. Non-standard patterns (rep/pos/cut) are left to
// libhyphen: a walk that reaches one stops and says so.
#include "layout/hyphen_flat.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace folio::layout {
namespace {

using flat::LevelHeader;

// A correct fallback chain is no longer than the deepest pattern (a line of at most MAX_CHARS
// bytes); a longer walk means a damaged buffer with a cycle in it.
constexpr int max_fallback_steps = 4 * MAX_CHARS;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// libhyphen's hnj_ligature as built (without LONG_LIGATURE): the U+FB00.. ligatures of three
/// letters count as two characters towards the hyphen minimums, the others as one.
int ligature_extra(unsigned char c) noexcept { return c == 0x83 || c == 0x84 ? 1 : 0; }  // ffi, ffl

bool starts_ligature(const char* p) noexcept {
    return static_cast<unsigned char>(p[0]) == 0xEF && static_cast<unsigned char>(p[1]) == 0xAC;
}

/// hnj_hyphen_lhmin without replacements: no break inside the first `lhmin` characters. 2.8.8
/// walks to the word's NUL (every word given here has one at word[size]).
void left_min(bool utf8, const char* word, char* hyphens, int lhmin) {
    int i = 1;
    if (utf8 && starts_ligature(word)) i += ligature_extra(static_cast<unsigned char>(word[2]));
    for (int j = 0; is_digit(word[j]); ++j) --i;  // leading digits do not count
    for (int j = 0; i < lhmin && word[j] != '\0'; ++i) {
        do {
            hyphens[j] = '0';
            ++j;
            if (utf8 && starts_ligature(word + j)) i += ligature_extra(static_cast<unsigned char>(word[j + 2]));
        } while (utf8 && (word[j] & 0xc0) == 0x80);
    }
}

/// hnj_hyphen_rhmin without replacements: no break inside the last `rhmin` characters.
void right_min(bool utf8, const char* word, int size, char* hyphens, int rhmin) {
    int i = 0;
    for (int j = size - 1; j > 0 && is_digit(word[j]); --j) --i;  // trailing digits do not count
    for (int j = size - 1; i < rhmin && j > 0; --j) {
        hyphens[j] = '0';
        if (!utf8 || (word[j] & 0xc0) == 0xc0 || (word[j] & 0x80) != 0x80) ++i;
    }
}

bool is_continuation(char c) noexcept { return (static_cast<unsigned char>(c) >> 6) == 2; }

}  // namespace

std::optional<FlatHyphenDict> FlatHyphenDict::view(std::string_view bytes) noexcept {
    const auto fits = [&](std::uint64_t offset, std::uint64_t size) {
        return offset % 4 == 0 && offset <= bytes.size() && size <= bytes.size() - offset;
    };
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(std::uint64_t) != 0) return std::nullopt;
    if (!fits(0, sizeof(flat::ImageHeader))) return std::nullopt;
    flat::ImageHeader h;
    std::memcpy(&h, bytes.data(), sizeof h);
    if (h.magic != flat::image_magic || h.version != flat::format_version || h.byte_order != flat::byte_order_mark ||
        h.size != bytes.size() || h.level_count < 1 || h.level_count > 2) {
        return std::nullopt;
    }
    for (std::uint32_t i = 0; i < h.level_count; ++i) {
        if (!fits(h.level_offset[i], sizeof(LevelHeader))) return std::nullopt;
        LevelHeader l;
        std::memcpy(&l, bytes.data() + h.level_offset[i], sizeof l);
        if (l.records_words == 0 || l.records_words > flat::max_records_words) return std::nullopt;
        if (!fits(l.records, std::uint64_t{l.records_words} * sizeof(std::uint32_t))) return std::nullopt;
        if (!fits(l.pool, l.pool_size) || (l.pool_size > 0 && bytes[l.pool + l.pool_size - 1] != '\0')) {
            return std::nullopt;
        }
        if (l.nohyphen_size > 0) {
            if (l.nohyphen % 4 != 0 || !fits(l.nohyphen, l.nohyphen_size)) return std::nullopt;
            // nohyphenl + 1 NUL-terminated items, all inside the list.
            const std::string_view list = bytes.substr(l.nohyphen, l.nohyphen_size);
            if (l.nohyphenl < 0 || list.back() != '\0' ||
                std::count(list.begin(), list.end(), '\0') != l.nohyphenl + 1) {
                return std::nullopt;
            }
        }
    }
    return FlatHyphenDict(bytes);
}

const LevelHeader* FlatHyphenDict::level(std::uint32_t i) const noexcept {
    const auto* h = reinterpret_cast<const flat::ImageHeader*>(bytes_.data());
    if (i >= h->level_count) return nullptr;
    return reinterpret_cast<const LevelHeader*>(bytes_.data() + h->level_offset[i]);
}

std::string FlatHyphenDict::charset() const {
    const LevelHeader* l = level(0);
    return std::string(l->cset, strnlen(l->cset, sizeof l->cset));
}

/// hnj_hyphen_hyph_ (2.8.8) on `level`; false when the word needs libhyphen.
bool FlatHyphenDict::hyph(std::uint32_t lv, const char* word, int size, char* hyphens, int clhmin, int crhmin,
                          bool lend, bool rend) const {
    const LevelHeader& l = *level(lv);
    const auto* rec = reinterpret_cast<const std::uint32_t*>(bytes_.data() + l.records);
    const std::uint32_t words = l.records_words;
    const char* pool = bytes_.data() + l.pool;

    // The word between dots, digits read as dots.
    std::vector<char> prep(static_cast<std::size_t>(size) + 3);
    int n = 0;
    prep[n++] = '.';
    for (int i = 0; i < size; ++i) prep[n++] = is_digit(word[i]) ? '.' : word[i];
    prep[n++] = '.';
    prep[n] = '\0';
    std::fill(hyphens, hyphens + n, '0');

    constexpr std::uint32_t none = UINT32_MAX;  // libhyphen's state -1
    std::uint32_t state = 0;
    for (int i = 0; i < n; ++i) {
        const auto ch = static_cast<unsigned char>(prep[i]);
        bool found = false;
        for (int steps = 0; !found; ++steps) {
            if (state == none) break;  // no transition from the root: restart there, next byte
            if (steps > max_fallback_steps) return false;
            const std::uint32_t head = rec[state];
            const std::uint32_t first = state + 1 + ((head & flat::has_match) != 0 ? 1 : 0);
            const std::uint32_t count = head & flat::count_mask;
            if (first + count > words) return false;
            // Binary search on the byte: the transitions are sorted and a trie has no duplicates,
            // so this finds the one transition libhyphen's linear scan finds.
            const std::uint32_t* lo = rec + first;
            const std::uint32_t* hi = lo + count;
            const std::uint32_t* end = hi;
            while (lo < hi) {
                const std::uint32_t* mid = lo + (hi - lo) / 2;
                if ((*mid & 0xff) < ch) lo = mid + 1;
                else hi = mid;
            }
            if (lo != end && (*lo & 0xff) == ch) {
                state = *lo >> 8;
                if (state >= words) return false;
                found = true;
            } else {
                const std::uint32_t fallback = head >> flat::fallback_shift;
                state = fallback == 0 ? none : fallback - 1;
                if (state != none && state >= words) return false;
            }
        }
        if (!found) {
            state = 0;
            continue;
        }
        const std::uint32_t head = rec[state];
        if ((head & flat::has_match) == 0) continue;
        if ((head & flat::has_repl) != 0) return false;  // non-standard: libhyphen's business
        if (state + 1 >= words) return false;
        const std::uint32_t at = rec[state + 1];
        if (at >= l.pool_size) return false;
        const char* match = pool + at;  // the pool ends with a NUL (checked by view)
        const int offset = i + 1 - static_cast<int>(std::strlen(match));
        // 2.8.8 writes before `hyphens` when a match is longer than the text read; we skip that.
        for (int k = offset < 0 ? -offset : 0; match[k] != '\0'; ++k) {
            if (hyphens[offset + k] < match[k]) hyphens[offset + k] = match[k];
        }
    }
    // Values sit between characters of `prep`; shift them to "after character i of the word".
    int i = 0;
    for (; i < n - 3; ++i) hyphens[i] = hyphens[i + 1];
    for (; i < size; ++i) hyphens[i] = '0';
    hyphens[size] = '\0';

    if (lv + 1 >= reinterpret_cast<const flat::ImageHeader*>(bytes_.data())->level_count) return true;

    // A compound level: hyphenate each segment between its breaks again on this level, or the
    // whole word on the next level when there is no break.
    std::vector<char> hyphens2(static_cast<std::size_t>(size) + 3);
    int begin = 0;
    for (i = 0; i < size; ++i) {
        if ((hyphens[i] & 1) == 0 && !(begin > 0 && i + 1 == size)) continue;
        if (i - begin > 1) {
            prep[i + 2] = '\0';
            if (!hyph(lv, prep.data() + begin + 1, i - begin + 1, hyphens2.data(), clhmin, crhmin,
                      begin > 0 ? false : lend, (hyphens[i] & 1) != 0 ? false : rend)) {
                return false;
            }
            // 2.8.8 copies all but the segment's last hyphen value (the one before the break).
            for (int j = 0; j < i - begin - 1; ++j) hyphens[begin + j] = hyphens2[j];
            // The byte comes back from the word, not from `prep`: a digit stays a digit from now on.
            prep[i + 2] = word[i + 1];
        }
        begin = i + 1;
    }
    if (begin == 0) {
        if (!hyph(lv + 1, word, size, hyphens, clhmin, crhmin, lend, rend)) return false;
        if (!lend) left_min(l.utf8 != 0, word, hyphens, clhmin);
        if (!rend) right_min(l.utf8 != 0, word, size, hyphens, crhmin);
    }
    return true;
}

std::optional<int> FlatHyphenDict::hyphenate(const std::string& word, char* hyphens) const {
    if (word.find('\0') != std::string::npos) return std::nullopt;  // libhyphen would stop there
    const LevelHeader& top = *level(0);
    const int size = static_cast<int>(word.size());
    const bool utf8 = top.utf8 != 0;
    if (!hyph(0, word.c_str(), size, hyphens, top.clhmin, top.crhmin, true, true)) return std::nullopt;
    left_min(utf8, word.c_str(), hyphens, top.lhmin > 0 ? top.lhmin : 2);
    right_min(utf8, word.c_str(), size, hyphens, top.rhmin > 0 ? top.rhmin : 2);

    // NOHYPHEN: no break before or at the last byte of each occurrence of an item.
    if (top.nohyphen_size > 0) {
        const char* item = bytes_.data() + top.nohyphen;
        for (int k = 0; k <= top.nohyphenl; ++k) {
            const std::size_t len = std::strlen(item);
            if (len > 0) {
                for (std::size_t at = word.find(item); at != std::string::npos; at = word.find(item, at + 1)) {
                    hyphens[at + len - 1] = '0';
                    if (at >= 1) hyphens[at - 1] = '0';
                }
            } else {
                // strstr finds "" everywhere; 2.8.8 would then run past the word's end.
                for (std::size_t at = 1; at <= word.size(); ++at) hyphens[at - 1] = '0';
            }
            item += len + 1;
        }
    }

    if (!utf8) return 0;
    // hnj_hyphen_norm: one value per character (its last byte's); a word starting inside a
    // character is an error, reported as status 1 with `hyphens` as it stands.
    if (size > 0 && is_continuation(word[0])) return 1;
    int j = -1;
    for (int i = 0; i < size; ++i) {
        if (!is_continuation(word[static_cast<std::size_t>(i)])) ++j;
        hyphens[j] = hyphens[i];
    }
    hyphens[j + 1] = '\0';
    return 0;
}

}  // namespace folio::layout
