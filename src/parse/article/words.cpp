// Word classification for the article reader. Everything here looks at one word at a time; the
// evidence is weighed elsewhere (spill.cpp).
#include "parse/article/words.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include "base/utf8.hpp"
#include "model/text.hpp"

namespace folio::parse::article {
namespace {

namespace u8 = base::utf8;

bool is_closer(char32_t c) {
    switch (c) {
        case ')': case ']': case '}': case '"': case '\'': case 0xBB /* » */: case 0x203A /* › */:
        case 0x201D /* ” */: case 0x2019 /* ’ */: case 0x201C /* “ closes in German */:
        case '*': case 0xB9: case 0xB2: case 0xB3:
            return true;
        default:
            return c >= 0x2070 && c <= 0x2079;  // superscript digits used as footnote markers
    }
}

bool is_opener(char32_t c) {
    switch (c) {
        case '(': case '[': case '{': case '"': case '\'': case 0xAB /* « */: case 0x2039 /* ‹ */:
        case 0x201C /* “ */: case 0x201E /* „ */: case 0x2018 /* ‘ */: case 0xBF /* ¿ */: case 0xA1 /* ¡ */:
        case 0x2014 /* — */: case 0x2013 /* – */: case '-':
            return true;
        default:
            return false;
    }
}

// Byte-offset cursors over a word of valid UTF-8; ASCII, most of every text, is answered inline.
char32_t cp_at(std::string_view w, std::size_t i) {
    const auto b = static_cast<unsigned char>(w[i]);
    return b < 0x80 ? b : u8::decode(w, i);
}

std::size_t after_cp(std::string_view w, std::size_t i) {
    if (static_cast<unsigned char>(w[i]) < 0x80) return i + 1;
    u8::decode(w, i);
    return i;
}

/// Start of the code point that ends just before byte i (i > 0).
std::size_t before_cp(std::string_view w, std::size_t i) {
    std::size_t j = i - 1;
    // At most three continuation bytes belong to one code point.
    for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(w[j]) & 0xC0) == 0x80; ++k) --j;
    return j;
}

// Case and digit tests with ASCII answered inline.
bool upper_cp(char32_t c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u8::is_upper(c); }
bool lower_cp(char32_t c) { return c < 0x80 ? c >= 'a' && c <= 'z' : u8::is_lower(c); }
bool digit_cp(char32_t c) { return c < 0x80 ? c >= '0' && c <= '9' : u8::is_digit(c); }

/// Writes c as UTF-8 at p; returns the number of bytes.
std::size_t put_utf8(char* p, char32_t c) {
    if (c < 0x80) { p[0] = static_cast<char>(c); return 1; }
    if (c < 0x800) {
        p[0] = static_cast<char>(0xC0 | (c >> 6));
        p[1] = static_cast<char>(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        p[0] = static_cast<char>(0xE0 | (c >> 12));
        p[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        p[2] = static_cast<char>(0x80 | (c & 0x3F));
        return 3;
    }
    p[0] = static_cast<char>(0xF0 | (c >> 18));
    p[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    p[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    p[3] = static_cast<char>(0x80 | (c & 0x3F));
    return 4;
}

/// The word in lower case, in a buffer reused across calls: the word lists below are asked
/// about every word of an article, and a fresh string each time would dominate their cost.
/// Words up to short_word_bytes use a plain array (no allocation, no thread-local
/// construction); longer ones a string. The view is valid until the next call.
std::string_view lower_case(std::string_view word) {
    constexpr std::size_t short_word_bytes = 64;
    // A code point's lower case takes at most 4 bytes, whatever its own length.
    thread_local char buf[4 * short_word_bytes];
    if (word.size() <= short_word_bytes) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < word.size();) {
            const auto b = static_cast<unsigned char>(word[i]);
            if (b < 0x80) {
                buf[n++] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
                ++i;
            } else {
                n += put_utf8(buf + n, u8::to_lower(u8::decode(word, i)));
            }
        }
        return {buf, n};
    }
    thread_local std::string low;
    low.clear();
    for (std::size_t i = 0; i < word.size();) u8::append(low, u8::to_lower(u8::decode(word, i)));
    return low;
}

// Abbreviations whose full stop does not end a sentence, as written (without the final stop).
// Case matters: "No." is a number sign while "no." ends a sentence.
constexpr std::string_view abbreviations[]{
    "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Sr", "Jr", "Mt", "Gen", "Col", "Capt", "Lt", "Rev", "Hon",
    "Mme", "Mlle", "MM", "Me", "Pr", "Mgr", "Sra", "Srta", "Dra", "Ud", "Uds", "Hr", "Hrn", "Fr", "Dott",
    "Sig", "Sig.ra", "Ing", "Avv", "No", "Nr", "Nos", "Fig", "Figs", "Vol", "Art", "Abs", "Bd", "Kap",
    "e.g", "i.e", "cf", "vs", "approx", "ca", "ex", "p", "pp", "vol", "ch", "av", "apr", "J.-C", "z",
    "B", "d.h", "u.a", "bzw", "ggf", "vgl", "sog", "evtl", "inkl", "bspw", "Hrsg", "pág", "págs", "núm",
    "art", "n", "nº", "op", "cit", "ibid", "sq", "cap", "pag", "sec", "resp"};
// Abbreviations that often end a sentence too.
constexpr std::string_view ambiguous_abbreviations[]{
    "etc", "usw", "al", "ecc", "Inc", "Ltd", "Co", "Jh", "Chr"};

template <std::size_t N>
constexpr std::size_t longest(const std::string_view (&list)[N]) {
    std::size_t n = 0;
    for (auto w : list) n = std::max(n, w.size());
    return n;
}
// Every sentence-final word is looked up in both lists: longer words are answered at once.
constexpr std::size_t longest_abbreviation = std::max(longest(abbreviations), longest(ambiguous_abbreviations));

bool in_list(std::string_view core, const auto& list) {
    return std::find(std::begin(list), std::end(list), core) != std::end(list);
}

bool lower_first_variant_in(std::string_view core, const auto& list) {
    // Sentence-initial "Ex." "Vgl." "Cf." are the same abbreviations capitalised.
    if (core.empty() || !(core[0] >= 'A' && core[0] <= 'Z')) return false;
    std::string low(core);
    low[0] = static_cast<char>(low[0] - 'A' + 'a');
    return in_list(std::string_view(low), list);
}

WordEnd classify_stop(std::string_view word_without_stop) {
    // word_without_stop: the word up to (not including) its final full stop, openers removed.
    std::string_view core = word_without_stop;
    while (!core.empty() && (core.front() == '(' || core.front() == '[' || core.front() == '"')) core.remove_prefix(1);
    if (core.empty()) return WordEnd::Final;
    if (core.size() <= longest_abbreviation) {
        if (in_list(core, ambiguous_abbreviations) || lower_first_variant_in(core, ambiguous_abbreviations))
            return WordEnd::Ambiguous;
        if (in_list(core, abbreviations) || lower_first_variant_in(core, abbreviations)) return WordEnd::Abbrev;
    }
    // A single capital ("J.") is an initial.
    if (after_cp(core, 0) == core.size() && upper_cp(cp_at(core, 0))) return WordEnd::Abbrev;
    // "U.S." "z.B." "p.ex." : letters with inner stops.
    if (core.find('.') != std::string_view::npos) {
        bool short_parts = true;
        std::size_t run = 0;
        for (std::size_t i = 0; i < core.size() && short_parts; i = after_cp(core, i)) {
            const char32_t c = cp_at(core, i);
            if (c == '.') { run = 0; continue; }
            if (!u8::is_letter(c) || ++run > 3) short_parts = false;
        }
        if (short_parts) return WordEnd::Ambiguous;
    }
    // German and other ordinals "3." are ambiguous; years and long numbers end sentences
    // (digits are ASCII, one byte each).
    if (core.size() <= 2 && std::all_of(core.begin(), core.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return WordEnd::Ambiguous;
    return WordEnd::Final;
}

}  // namespace

std::vector<std::string_view> split_ascii_words(std::string_view s) {
    std::vector<std::string_view> out;
    split_ascii_words(s, out);
    return out;
}

void split_ascii_words(std::string_view s, std::vector<std::string_view>& out) {
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        const std::size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (i > b) out.push_back(s.substr(b, i - b));
    }
}

std::string_view last_ascii_words(std::string_view s, std::size_t n) {
    std::size_t i = s.size();
    for (std::size_t seen = 0; i > 0;) {
        while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) --i;
        if (i == 0 || seen == n) break;
        while (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t') --i;
        ++seen;
    }
    return s.substr(i);
}

namespace {

/// Bytes of a trailing footnote marker "[12]" / "[a]" ending at byte `end` (0: none).
std::size_t footnote_suffix_bytes(std::string_view w, std::size_t end) {
    // A wiki footnote marker is short; longer bracket groups are real text.
    constexpr std::size_t max_marker_chars = 8;
    if (end < 3 || w[end - 1] != ']') return 0;
    std::size_t k = end - 1;  // byte where the marker's content ends
    std::size_t chars = 1;    // code points from k to end
    while (k > 0 && chars <= max_marker_chars) {
        const std::size_t j = before_cp(w, k);
        const char32_t c = cp_at(w, j);
        if (c == '[') break;
        if (!(digit_cp(c) || lower_cp(c))) return 0;
        k = j;
        ++chars;
    }
    if (k == 0 || w[k - 1] != '[' || chars == 1) return 0;
    return end - (k - 1);
}

}  // namespace

namespace {

// Bytes that may change the bracket balance: ASCII brackets and straight quotes, and the lead
// bytes of « » (C2) and ‹ › “ ” „ (E2). Every byte of every head and spilled word passes here.
constexpr std::array<bool, 256> make_balance_bytes() {
    std::array<bool, 256> t{};
    for (unsigned char c : {'(', ')', '[', ']', '"'}) t[c] = true;
    t[0xC2] = t[0xE2] = true;
    return t;
}
constexpr std::array<bool, 256> balance_bytes = make_balance_bytes();

}  // namespace

Balance balance_of(std::string_view text) {
    Balance b;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c0 = static_cast<unsigned char>(text[i]);
        if (!balance_bytes[c0]) continue;
        switch (c0) {
            case '(': ++b.round; break;
            case ')': --b.round; break;
            case '[': ++b.square; break;
            case ']': --b.square; break;
            case '"': ++b.straight; break;
            default: {
                // C2 and E2 are lead bytes, never continuation bytes: no character is split.
                std::size_t k = i;
                switch (u8::decode(text, k)) {
                    case 0xAB: case 0x2039: ++b.guillemet; break;
                    case 0xBB: case 0x203A: --b.guillemet; break;
                    case 0x201C: ++b.ldq; break;
                    case 0x201D: ++b.rdq; break;
                    case 0x201E: ++b.low; break;
                    default: break;
                }
                i = k - 1;
            }
        }
    }
    return b;
}

namespace {

constexpr std::size_t max_bare_marker_digits = 3;

/// True when a footnote number may be glued after a stop that follows `before`: a word in lower
/// case ("mundo.185"), an acronym or a name of two capitals or more ("UNESCO.12"), a closing
/// mark ("(1879–1955).4", "« vie ».12") or a year ("en 1990.185"). Not a single capital or a
/// short number: "A.1" and "1.234" are numbers of their own.
bool marker_may_follow(std::string_view before) {
    if (before.empty()) return false;
    const std::size_t j = before_cp(before, before.size());
    const char32_t c = cp_at(before, j);
    if (lower_cp(c) || is_closer(c)) return true;
    if (upper_cp(c)) return j > 0 && u8::is_letter(cp_at(before, before_cp(before, j)));
    std::size_t digits = 0, k = before.size();
    while (k > 0 && before[k - 1] >= '0' && before[k - 1] <= '9') { --k; ++digits; }
    constexpr std::size_t year_digits = 4;
    return digits == year_digits && (k == 0 || (before[k - 1] != '.' && before[k - 1] != ','));
}

/// Longest note of two words wikis set in brackets ("[nota 1]", "[citation needed]", "[réf.
/// nécessaire]"), in bytes of each part.
constexpr std::size_t max_note_part_bytes = 16;

/// Bytes of the first part of such a note glued to the word ("mundo.[nota": "[nota"), else 0.
std::size_t open_note_bytes(std::string_view word) {
    const std::size_t open = word.rfind('[');
    if (open == std::string_view::npos || open == 0 || word.size() - open > max_note_part_bytes ||
        word.size() - open < 2 || word.find(']', open) != std::string_view::npos)
        return 0;
    for (std::size_t i = open + 1; i < word.size();) {
        const char32_t c = cp_at(word, i);
        if (!(u8::is_letter(c) || digit_cp(c) || c == '.')) return 0;
        i = after_cp(word, i);
    }
    return word.size() - open;
}

}  // namespace

bool is_note_end(std::string_view word) {
    if (word.size() < 2 || word.size() > max_note_part_bytes || word.back() != ']' || word.find('[') != std::string_view::npos)
        return false;
    for (std::size_t i = 0; i + 1 < word.size();) {
        const char32_t c = cp_at(word, i);
        if (!(u8::is_letter(c) || digit_cp(c) || c == '.' || c == '?')) return false;
        i = after_cp(word, i);
    }
    return true;
}

bool closes_note(std::string_view prev, std::string_view word) { return is_note_end(word) && open_note_bytes(prev) > 0; }

std::size_t glued_marker_bytes(std::string_view word) {
    if (const std::size_t note = open_note_bytes(word)) return note;
    const std::size_t e = word.size();
    std::size_t d = e;
    while (d > 0 && e - d < max_bare_marker_digits + 1 && word[d - 1] >= '0' && word[d - 1] <= '9') --d;
    if (d < e && e - d <= max_bare_marker_digits && d >= 3) {
        const char mark = word[d - 1];
        const bool stop = mark == '.' || mark == ',' || mark == ';' || mark == ':' || mark == '!' || mark == '?';
        if (stop && marker_may_follow(word.substr(0, d - 1))) return e - d;
    }
    return 0;
}

bool is_bare_number(std::string_view word) {
    if (word.empty() || word.size() > max_bare_marker_digits) return false;
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_marker_after(std::string_view prev, std::string_view word) {
    if (closes_note(prev, word)) return true;
    return is_bare_number(word) && (glued_marker_bytes(prev) > 0 || is_bare_number(prev));
}

namespace {

/// Bytes of the no-break spaces French sets inside a word between it and its marks
/// ("«\u00A0Bonjour", "fin.\u00A0»", "dit\u202F:"): U+00A0, U+202F and U+2009.
std::size_t no_break_space_at(std::string_view w, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(w[k]); };
    if (i + 1 < w.size() && b(i) == 0xC2 && b(i + 1) == 0xA0) return 2;
    if (i + 2 < w.size() && b(i) == 0xE2 && b(i + 1) == 0x80 && (b(i + 2) == 0xAF || b(i + 2) == 0x89)) return 3;
    return 0;
}

}  // namespace

namespace {

/// Bytes of the unit at byte i of a word that the quick readings accept: an ASCII letter or
/// digit, a two-byte character from U+00C0 to U+07FF (accented Latin, Greek, Cyrillic: none of
/// them opens, closes or balances anything, nor is it trimmed from a word), or the apostrophe ’
/// between two of these before byte `end` (at either end it is a quote mark); 0 for anything else.
std::size_t quick_unit(std::string_view w, std::size_t i, std::size_t end) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(w[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? 1 : 0;
    if (c >= 0xC3 && c <= 0xDF) return i + 1 < end && (b(i + 1) & 0xC0) == 0x80 ? 2 : 0;
    if (c == 0xE2 && i > 0 && i + 3 < end && b(i + 1) == 0x80 && b(i + 2) == 0x99) return 3;
    return 0;
}

bool is_quick_mark(char c) { return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '.'; }

constexpr std::array<bool, 256> make_ascii_alnum() {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = t[static_cast<std::size_t>(c - 'a' + 'A')] = true;
    return t;
}
constexpr std::array<bool, 256> ascii_alnum = make_ascii_alnum();

/// Most words are such units with at most one of , ; : ! ? . after them: the bytes before that
/// mark, or npos for any other word (which the full readings answer).
std::size_t quick_letters(std::string_view word) {
    const std::size_t n = word.size();
    if (n == 0) return std::string_view::npos;
    const std::size_t letters = is_quick_mark(word[n - 1]) ? n - 1 : n;
    std::size_t i = 0;
    while (i < letters) {
        // Every word passes here several times: ASCII letters and digits by a table.
        if (ascii_alnum[static_cast<unsigned char>(word[i])]) {
            ++i;
            continue;
        }
        const std::size_t u = quick_unit(word, i, letters);
        if (u == 0) return std::string_view::npos;
        i += u;
    }
    return letters > 0 ? letters : std::string_view::npos;
}

}  // namespace

namespace {

/// classify_word of a quick word of `letters` bytes before its mark: its shape is read off its
/// first unit and its mark, and a stop's off the abbreviation lists, as the full reading does
/// (which this answers identically: ArticleWords.QuickReadingsAgreeWithTheFullOnes).
WordInfo classify_quick(std::string_view word, std::size_t letters) {
    WordInfo info;
    if (const auto c = static_cast<unsigned char>(word[0]); c < 0x80) {
        info.start = c >= 'a' ? WordStart::Lower : c >= 'A' ? WordStart::Upper : WordStart::Digit;
    } else {
        const char32_t first = cp_at(word, 0);
        info.start = upper_cp(first)   ? WordStart::Upper
                     : lower_cp(first) ? WordStart::Lower
                     : digit_cp(first) ? WordStart::Digit
                                       : WordStart::Other;
    }
    switch (letters < word.size() ? word.back() : '\0') {
        case ',': case ';': info.end = WordEnd::Pause; break;
        case ':': info.end = WordEnd::Colon; break;
        case '!': case '?': info.end = WordEnd::Final; info.exclaim = true; break;
        case '.': info.end = classify_stop(word.substr(0, letters)); break;
        default: info.end = WordEnd::Plain; break;
    }
    return info;
}

/// classify_word and word_core of one word, a quick word read once for both.
WordInfo classify_with_core(std::string_view word, std::string_view& core) {
    const std::size_t letters = quick_letters(word);
    if (letters == std::string_view::npos) {
        core = word_core_fully(word);
        return classify_word_fully(word);
    }
    core = word.substr(0, letters);
    return classify_quick(word, letters);
}

}  // namespace

WordInfo classify_word(std::string_view word) {
    const std::size_t letters = quick_letters(word);
    return letters == std::string_view::npos ? classify_word_fully(word) : classify_quick(word, letters);
}

WordInfo classify_word_fully(std::string_view word) {
    // The marks a no-break space sets apart are the word's own, as if glued to it.
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto lead = static_cast<unsigned char>(word[i]);
        if ((lead != 0xC2 && lead != 0xE2) || no_break_space_at(word, i) == 0) continue;
        std::string glued;
        glued.reserve(word.size());
        for (std::size_t k = 0; k < word.size();) {
            if (const std::size_t s = no_break_space_at(word, k)) { k += s; continue; }
            glued.push_back(word[k++]);
        }
        return classify_word(glued);
    }
    WordInfo info;
    const std::size_t n = word.size();
    info.balance = balance_of(word);
    // A footnote marker standing alone ("[3]") belongs to the word before it.
    if (n > 0 && word[n - 1] == ']' && footnote_suffix_bytes(word, n) == n) {
        info.start = WordStart::Closer;
        info.end = WordEnd::PunctOnly;
        info.balance = Balance{};
        return info;
    }
    const char32_t first = n > 0 ? cp_at(word, 0) : 0;
    // Start.
    // Guillemets glued to a word open it at its start and close it at its end, whichever way
    // they point: »So« in German, «Así» in Spanish (French sets them apart with a space).
    auto glued_guillemet = [](char32_t c) { return c == 0xAB || c == 0xBB || c == 0x2039 || c == 0x203A; };
    std::size_t s = 0;
    while (s < n && (is_opener(cp_at(word, s)) || glued_guillemet(cp_at(word, s)))) s = after_cp(word, s);
    if (s == n) {
        // Only punctuation: an opener-only word ("«", "—") opens; a closer-only one closes.
        if (n > 0 && is_opener(first) && first != '"' && first != '\'')
            info.start = WordStart::Open;
        else
            info.start = WordStart::Closer;
    } else if (s > 0) {
        info.start = WordStart::Open;
    } else if (upper_cp(first)) {
        info.start = WordStart::Upper;
    } else if (lower_cp(first)) {
        info.start = WordStart::Lower;
    } else if (digit_cp(first)) {
        info.start = WordStart::Digit;
    } else if (is_closer(first) || first == '.' || first == ',' || first == ';' || first == ':' || first == '!' ||
               first == '?' || first == 0x2026) {
        info.start = WordStart::Closer;
    } else {
        info.start = WordStart::Other;
    }
    // End: strip footnote markers and closers, then look at the last character.
    std::size_t e = n;
    // Copied wiki text keeps bare footnote numbers glued to the punctuation ("mundo.185"):
    // one to three digits after a mark that follows a letter are a marker, not the word.
    e -= glued_marker_bytes(word);
    for (;;) {
        if (std::size_t f = e > 0 && word[e - 1] == ']' ? footnote_suffix_bytes(word, e) : 0) { e -= f; continue; }
        if (e > 0) {
            const std::size_t j = before_cp(word, e);
            if (const char32_t c = cp_at(word, j); is_closer(c) || (j > 0 && glued_guillemet(c))) { e = j; continue; }
        }
        break;
    }
    if (e == 0) {
        info.end = n == 0 || !is_opener(first) || first == '"' || first == '\'' ? WordEnd::PunctOnly : WordEnd::Open;
        return info;
    }
    const char32_t last = cp_at(word, before_cp(word, e));
    switch (last) {
        case '!': case '?': info.end = WordEnd::Final; info.exclaim = true; break;
        case 0x2026: info.end = WordEnd::Ellipsis; break;
        case '.': {
            if (e >= 3 && word[e - 2] == '.' && word[e - 3] == '.') { info.end = WordEnd::Ellipsis; break; }
            // The word up to the stop, without its openers, is looked up.
            const std::size_t to = e - 1;
            info.end = classify_stop(s < to ? word.substr(s, to - s) : std::string_view{});
            break;
        }
        case ',': case ';': info.end = WordEnd::Pause; break;
        case ':': info.end = WordEnd::Colon; break;
        default:
            info.end = is_opener(last) && last != '"' && last != '\'' ? WordEnd::Open : WordEnd::Plain;
            break;
    }
    return info;
}

std::string_view word_core(std::string_view word) {
    // A quick word has nothing to trim but its mark.
    if (const std::size_t letters = quick_letters(word); letters != std::string_view::npos) return word.substr(0, letters);
    return word_core_fully(word);
}

std::string_view word_core_fully(std::string_view word) {
    // Trim ASCII punctuation and the common multi-byte quotes at both ends.
    auto is_trim_at = [&](std::string_view w, bool front) -> std::size_t {
        if (w.empty()) return 0;
        const char c = front ? w.front() : w.back();
        // Every multi-byte mark begins and ends with a non-ASCII byte, so an ASCII end byte
        // needs only the ASCII set.
        if (static_cast<unsigned char>(c) < 0x80) {
            switch (c) {
                case '(': case ')': case '[': case ']': case '{': case '}': case '"': case '\'': case '.':
                case ',': case ';': case ':': case '!': case '?': case '*':
                    return 1;
                default:
                    return 0;
            }
        }
        static constexpr std::array<std::string_view, 15> multi{"«", "»", "“", "”", "„", "‘", "’", "…",
                                                                "—", "–", "¿", "¡", "\u00A0", "\u202F", "\u2009"};
        for (auto m : multi)
            if (front ? w.starts_with(m) : w.ends_with(m)) return m.size();
        return 0;
    };
    // Footnote markers are no part of the word: "mundo.185" and "mundo.[12]" are "mundo".
    word.remove_suffix(glued_marker_bytes(word));
    while (std::size_t f = footnote_suffix_bytes(word, word.size())) word.remove_suffix(f);
    while (std::size_t n = is_trim_at(word, true)) word.remove_prefix(n);
    while (std::size_t n = is_trim_at(word, false)) word.remove_suffix(n);
    return word;
}

bool starts_upper(std::string_view word) {
    const std::string_view core = word_core(word);
    if (core.empty()) return false;
    std::size_t i = 0;
    return u8::is_upper(u8::decode(core, i));
}

bool reads_as_token(std::string_view word) {
    if (word.empty()) return false;
    // A word of letters has no bracket, "://", "@" or slash: only "www." itself is a token.
    if (quick_letters(word) != std::string_view::npos) return word.starts_with("www.");
    if (word.back() == ')' || word.back() == ']') return true;
    if (word.find("://") != std::string_view::npos || word.starts_with("www.") || word.starts_with("@")) return true;
    // A slash between two characters of the word ("and/or" too: rare at a paragraph's end).
    const std::string_view core = word_core(word);
    const std::size_t slash = core.find('/');
    return slash != std::string_view::npos && slash > 0 && slash + 1 < core.size();
}

std::uint64_t Lexicon::word_key(std::string_view word) {
    // FNV-1a over the lower-case word, ASCII folded inline and other letters by code point.
    std::uint64_t h = 14695981039346656037ull;
    for (std::size_t i = 0; i < word.size();) {
        const auto b = static_cast<unsigned char>(word[i]);
        std::uint32_t c;
        if (b < 0x80) {
            c = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
            ++i;
        } else {
            c = static_cast<std::uint32_t>(u8::to_lower(u8::decode(word, i)));
        }
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

namespace {

/// classify_word of words[k] (and its word_core in `core`), where a footnote number after a
/// glued one ("mundo.185 186") belongs to that word's sentence end as the glued one does: the
/// capital after it starts a sentence, and is no name seen inside one.
WordInfo classify_in_text(const std::vector<std::string_view>& words, std::size_t k, bool block_start, std::string_view& core) {
    WordInfo info = classify_with_core(words[k], core);
    if (k > 0 && !block_start && is_marker_after(words[k - 1], words[k])) {
        info.start = WordStart::Closer;
        info.end = WordEnd::PunctOnly;
    }
    return info;
}

}  // namespace

void Lexicon::learn(const std::vector<std::string_view>& words, const std::vector<std::uint8_t>& block_starts) {
    const std::size_t n = std::min(words.size(), max_words);
    WordEnd prev = WordEnd::Final;
    std::uint64_t prev_key = 0;
    bool prev_pairs = false;  // the previous word may open a recorded pair
    bool prev_function = false;
    std::size_t sentence_words = 0;
    bool after_end = false;  // the current sentence began after a sentence end
    bool in_block = false;   // ... and in the same block (not a cut head's rest in another one)
    bool prev_exclaim = false;
    for (std::size_t k = 0; k < n; ++k) {
        const bool block_start = k < block_starts.size() && block_starts[k] != 0;
        if (block_start) {
            in_block = prev_exclaim = false;
            // A block starts a paragraph, and with it a sentence, even when the block before
            // ends without punctuation (a cut head, a heading): the words counted so far are no
            // part of it, and its first word's capital is a sentence start's, not a name's.
            after_end = true;
            sentence_words = 0;
            prev = WordEnd::Final;
        }
        std::string_view core;
        const WordInfo info = classify_in_text(words, k, block_start, core);
        if (prev_exclaim && info.end != WordEnd::PunctOnly) {
            ++exclaims_;
            if (info.start == WordStart::Lower) ++exclaims_lower_;
        }
        if (info.end != WordEnd::PunctOnly) prev_exclaim = info.exclaim;
        if (info.balance.low > 0) low_quotes_ = true;  // the word holds a „
        if (prev == WordEnd::Plain || prev == WordEnd::Pause) {
            ++after_plain_;
            if (info.start == WordStart::Upper) {
                ++capital_after_plain_;
                if (!core.empty()) mid_capital_.insert(core);
            }
        }
        if (info.start == WordStart::Lower && !core.empty()) lower_.insert(core);
        if (info.end != WordEnd::PunctOnly) prev = info.end;
        // Word pairs inside a sentence: the second word continues the first.
        const bool opens_pair = info.end == WordEnd::Plain || info.end == WordEnd::Pause;
        const bool closes_pair = prev_pairs && !block_start;
        const std::uint64_t key = opens_pair || closes_pair ? word_key(words[k]) : 0;
        const bool function = (opens_pair || closes_pair) && word_roles(words[k], key).is_function();
        if (closes_pair && !(function && prev_function)) pairs_.insert(pair_key(prev_key, key));
        prev_pairs = opens_pair;
        prev_function = function;
        prev_key = key;
        ++words_;
        if (info.end != WordEnd::PunctOnly) ++sentence_words;
        if (info.end == WordEnd::Final) {
            ++sentence_ends_;
            if (after_end) {
                ++sentences_;
                if (sentence_words <= short_sentence_words) ++short_sentences_[sentence_words];
            }
            if (in_block && sentence_words > 0) {
                const double l = std::log(static_cast<double>(sentence_words));
                whole_sentences_ += 1.0;
                log_length_sum_ += l;
                log_length_sq_ += l * l;
            }
            after_end = true;
            in_block = true;
            sentence_words = 0;
        }
    }
}

void Lexicon::learn_spill_names(const std::vector<std::string_view>& spill) {
    WordEnd prev = WordEnd::Final;
    for (std::size_t k = 0; k < spill.size(); ++k) {
        std::string_view core;
        const WordInfo info = classify_in_text(spill, k, false, core);
        if ((prev == WordEnd::Plain || prev == WordEnd::Pause) && info.start == WordStart::Upper && !core.empty())
            mid_capital_.insert(core);
        if (info.end != WordEnd::PunctOnly) prev = info.end;
    }
}

double Lexicon::sentence_end_rate() const {
    // Typical prose has sentences of 15–25 words; used until the document says otherwise.
    constexpr std::size_t min_words = 100;
    constexpr double default_rate = 1.0 / 20.0;
    if (words_ < min_words) return default_rate;
    return std::clamp(static_cast<double>(sentence_ends_) / static_cast<double>(words_), 0.02, 0.25);
}

double Lexicon::short_sentence_share(std::size_t n) const {
    // Prose has few sentences of one, two or three words (about 1, 2 and 3 in a hundred); a
    // document of dialogue or headlines has more, and says so once it has enough sentences.
    constexpr double prior_share[short_sentence_words + 1] = {0.0, 0.01, 0.02, 0.03};
    constexpr double prior_sentences = 50.0;
    if (n == 0 || n > short_sentence_words) return 1.0;
    return (static_cast<double>(short_sentences_[n]) + prior_share[n] * prior_sentences) /
           (static_cast<double>(sentences_) + prior_sentences);
}

Lexicon::SentenceLengths Lexicon::sentence_lengths() const {
    // Prose: a median sentence of about 17 words, most between 7 and 40.
    constexpr double prior_mean = 2.83, prior_sd = 0.75, prior_sentences = 20.0, min_sd = 0.45;
    const double count = whole_sentences_ + prior_sentences;
    const double mean = (log_length_sum_ + prior_mean * prior_sentences) / count;
    const double second = (log_length_sq_ + (prior_sd * prior_sd + prior_mean * prior_mean) * prior_sentences) / count;
    return {mean, std::max(std::sqrt(std::max(second - mean * mean, 0.0)), min_sd)};
}

double Lexicon::exclaim_lower_rate() const {
    constexpr double prior_rate = 0.02, prior_marks = 5.0;
    return (static_cast<double>(exclaims_lower_) + prior_rate * prior_marks) / (static_cast<double>(exclaims_) + prior_marks);
}

bool Lexicon::is_proper_noun(std::string_view word) const { return mid_capital_.contains(word_core(word)); }

bool Lexicon::seen_lower(std::string_view word) const { return lower_.contains(lower_case(word_core(word))); }

double Lexicon::mid_capital_rate() const {
    // Too few observations say nothing; fall back to a rate typical of Romance and English text.
    constexpr std::size_t min_observations = 30;
    constexpr double default_rate = 0.06;
    if (after_plain_ < min_observations) return default_rate;
    return static_cast<double>(capital_after_plain_) / static_cast<double>(after_plain_);
}

namespace {

// The three word lists, in lower case.
constexpr std::string_view prepositions_and_conjunctions[]{
    "de", "à", "en", "dans", "par", "pour", "sur", "avec", "sans", "sous", "chez", "vers", "entre", "et", "ou",
    "mais", "of", "to", "in", "on", "for", "with", "by", "from", "at", "into", "onto", "about", "between",
    "through", "over", "under", "and", "or", "but", "mit", "von", "zu", "für", "auf", "bei", "nach", "aus",
    "über", "unter", "durch", "gegen", "ohne", "um", "im", "am", "zum", "zur", "vom", "beim", "ins", "und",
    "oder", "aber", "con", "por", "para", "sin", "sobre", "desde", "hasta", "y", "o", "pero", "di", "da",
    "su", "per", "tra", "fra", "e", "ma", "em", "com", "sem", "no", "na", "do", "dos", "das", "del", "al",
    "nel", "nella", "della", "au", "aux", "du"};

// The coordinating conjunctions among them.
constexpr std::string_view conjunctions[]{"et", "ou", "mais", "and", "or", "but", "und", "oder", "aber", "y", "o", "pero", "e", "ma"};

// Subject pronouns. Not German's: its articles are also relative pronouns, which a pronoun
// follows often ("Menschen, die | es wissen").
constexpr std::string_view pronouns[]{"it", "he", "she", "we", "they", "i", "you", "il", "elle", "nous", "vous", "ils",
                                      "elles", "je", "tu", "él", "ella", "ellos", "ellas", "yo", "nosotros", "lui",
                                      "lei", "io", "noi", "voi", "egli", "essi", "ele", "ela", "eles", "elas", "eu",
                                      "nós", "você"};

// Articles and determiners, per language: "il" is an Italian article but a French pronoun,
// "as" a Portuguese article but an English conjunction.
struct LanguageWords {
    std::string_view lang;
    std::span<const std::string_view> words;
};
constexpr std::string_view determiners_en[]{"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those"};
constexpr std::string_view determiners_fr[]{"le", "la", "les", "un", "une", "ce", "cette", "ces", "son", "sa", "ses",
                                            "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes"};
constexpr std::string_view determiners_de[]{"der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer",
                                            "eines", "seine", "ihre", "diese", "dieser", "dieses"};
constexpr std::string_view determiners_es[]{"el", "la", "los", "las", "un", "una", "su", "sus", "este", "esta", "estos", "estas"};
constexpr std::string_view determiners_it[]{"il", "lo", "la", "i", "gli", "le", "un", "una", "questo", "questa"};
constexpr std::string_view determiners_pt[]{"o", "a", "os", "as", "um", "uma", "seu", "sua", "seus", "suas"};
constexpr LanguageWords determiners[]{{"en", determiners_en}, {"fr", determiners_fr}, {"de", determiners_de},
                                      {"es", determiners_es}, {"it", determiners_it}, {"pt", determiners_pt}};

// Auxiliary verbs among the function words.
constexpr std::string_view auxiliaries[]{
    "est", "sont", "était", "être", "avoir", "peut", "peuvent", "ont", "is", "are", "was", "were", "be", "been", "has",
    "have", "had", "can", "could", "will", "would", "should", "may", "might", "must", "do", "does", "did", "ist",
    "sind", "war", "wird", "werden", "hat", "haben", "kann", "können", "es", "son", "fue", "ha", "han", "è", "sono",
    "é", "são", "foi"};

constexpr std::string_view function_words[]{
    // French
    "de", "du", "des", "la", "le", "les", "l’", "d’", "l'", "d'", "un", "une", "et", "ou", "à", "au", "aux",
    "en", "dans", "par", "pour", "sur", "avec", "sans", "que", "qui", "ce", "cette", "ces", "son", "sa",
    "ses", "leur", "leurs", "mais", "dont", "est", "sont", "se", "ne", "très", "comme", "entre", "vers",
    "chez", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "qu’", "qu'", "lorsque", "puis", "sous",
    "selon", "afin", "plus", "ont", "était", "être", "avoir", "peut", "peuvent", "aussi", "tout", "tous",
    // English
    "the", "a", "an", "of", "to", "in", "on", "for", "with", "and", "or", "but", "by", "from", "at", "as",
    "is", "are", "was", "were", "be", "been", "that", "which", "this", "these", "those", "their", "its",
    "his", "her", "our", "your", "my", "than", "into", "onto", "has", "have", "had", "can", "could",
    "will", "would", "should", "may", "might", "must", "who", "whose", "whom", "while", "when", "where",
    "if", "because", "about", "between", "through", "over", "under", "such", "both", "each", "more",
    "most", "very", "also", "not", "do", "does", "did", "many", "some", "any", "all", "other",
    // German
    "der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer", "eines", "und",
    "oder", "aber", "mit", "von", "zu", "zum", "zur", "für", "auf", "im", "an", "am", "bei", "nach",
    "aus", "über", "unter", "durch", "ist", "sind", "war", "wird", "werden", "hat", "haben", "sich",
    "nicht", "als", "wie", "dass", "sein", "seine", "ihre", "ihr", "vom", "beim", "ins", "gegen", "ohne",
    "um", "sowie", "auch", "noch", "sehr", "wenn", "weil", "kann", "können", "diese", "dieser", "dieses",
    // Spanish
    "el", "los", "las", "una", "del", "y", "o", "con", "por", "para", "se", "su", "sus", "al", "es",
    "son", "como", "más", "sin", "sobre", "lo", "e", "u", "pero", "entre", "desde", "hasta", "muy",
    "este", "esta", "estos", "estas", "fue", "ha", "han", "cuando", "donde", "porque",
    // Italian
    "il", "gli", "di", "della", "dello", "dei", "degli", "delle", "nel", "nella", "nei", "con", "per",
    "che", "da", "dal", "dalla", "è", "sono", "anche", "non", "alla", "alle", "allo", "ai", "sulla",
    "questo", "questa", "ma", "tra", "fra",
    // Portuguese
    "os", "as", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "um", "uma", "com", "pelo",
    "pela", "pelos", "pelas", "ao", "aos", "à", "às", "é", "são", "mas", "seu", "sua", "seus", "suas",
    "foi", "ou", "não", "mais", "entre", "sobre"};

// Longest entries of the lists: longer words are looked up no further.
constexpr std::size_t max_function_word_bytes = 12;
constexpr std::size_t max_determiner_bytes = 8;

/// Every listed word with its roles, keyed by Lexicon::word_key, so that a word is folded and
/// hashed once for all three questions (the spill segmentation asks them of every spilled word).
KeyMap<std::uint8_t> make_role_table() {
    KeyMap<std::uint8_t> t;
    for (auto w : function_words) t[Lexicon::word_key(w)] |= WordRoles::function;
    for (const LanguageWords& l : determiners)
        for (auto w : l.words) t[Lexicon::word_key(w)] |= WordRoles::determiner;
    for (auto w : prepositions_and_conjunctions) t[Lexicon::word_key(w)] |= WordRoles::linking;
    for (auto w : conjunctions) t[Lexicon::word_key(w)] |= WordRoles::linking | WordRoles::conjunction;
    for (auto w : auxiliaries) t[Lexicon::word_key(w)] |= WordRoles::auxiliary;
    for (auto w : pronouns) t[Lexicon::word_key(w)] |= WordRoles::pronoun;
    return t;
}

}  // namespace

WordRoles word_roles(std::string_view word) {
    if (word.empty() || word.size() > max_function_word_bytes) return {};
    return word_roles(word, Lexicon::word_key(word));
}

WordRoles word_roles(std::string_view word, std::uint64_t key) {
    if (word.empty() || word.size() > max_function_word_bytes) return {};
    // Capitals only ("ET", "AS", "DA"): an acronym (Eastern Time), not the small word.
    if (word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return {};
    static const KeyMap<std::uint8_t> table = make_role_table();
    const std::uint8_t* found = table.find(key);
    if (!found) return {};
    std::uint8_t bits = *found;
    // The determiner and linking lists are asked only of words as short as their entries.
    if (word.size() > max_determiner_bytes) bits &= WordRoles::function | WordRoles::auxiliary | WordRoles::pronoun;  // (every conjunction is short)
    return WordRoles{bits};
}

bool is_determiner_in(std::uint64_t key, std::string_view lang) {
    static const auto sets = [] {
        std::array<KeySet, std::size(determiners)> out;
        for (std::size_t i = 0; i < out.size(); ++i)
            for (std::string_view w : determiners[i].words) out[i].insert(Lexicon::word_key(w));
        return out;
    }();
    for (std::size_t i = 0; i < sets.size(); ++i)
        if (model::same_language(determiners[i].lang, lang)) return sets[i].contains(key);
    // A language without a list: an article of any of them.
    return std::any_of(sets.begin(), sets.end(), [&](const KeySet& set) { return set.contains(key); });
}

bool is_function_word(std::string_view word) { return word_roles(word).is_function(); }
bool is_determiner(std::string_view word) { return word_roles(word).is_determiner(); }
bool is_preposition_or_conjunction(std::string_view word) { return word_roles(word).is_linking(); }

}  // namespace folio::parse::article
