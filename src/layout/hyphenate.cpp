// Hyphenation points from libhyphen's pattern dictionaries (Debian's hyphen-* packages). Words are
// reduced to their letter core, lower-cased and converted to the dictionary's charset; the
// points come back as byte offsets into the caller's original word.
#include "layout/hyphenate.hpp"

#include <hyphen.h>
#include <iconv.h>

#include <algorithm>
#include <atomic>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "base/utf8.hpp"
#include "layout/hyphen_cache.hpp"
#include "layout/hyphen_loader.hpp"

namespace folio::layout {
namespace {

namespace utf8 = base::utf8;

constexpr const char* system_dictionary_dir = "/usr/share/hyphen";

// libhyphen's own MAX_WORD; longer "words" are identifiers, sequences or URLs, never prose.
constexpr std::size_t max_word_bytes = 256;
// Longest BCP 47 tag we look up; anything longer is not a language tag worth a file lookup.
constexpr std::size_t max_tag_bytes = 35;

// The region whose patterns stand for a bare language when Debian ships no `hyph_xx.dic` link.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> default_regions{{
    {"en", "US"}, {"de", "DE"}, {"fr", "FR"}, {"es", "ES"}, {"it", "IT"}, {"pt", "PT"},
    {"nl", "NL"}, {"ru", "RU"}, {"pl", "PL"}, {"sv", "SE"}, {"da", "DK"}, {"nb", "NO"},
    {"cs", "CZ"}, {"hu", "HU"}, {"ro", "RO"}, {"uk", "UA"},
}};

struct DictFree {
    void operator()(HyphenDict* d) const noexcept {
        if (d != nullptr) hnj_hyphen_free(d);
    }
};

struct IconvClose {
    void operator()(iconv_t cd) const noexcept { iconv_close(cd); }
};

/// One dictionary file, loaded at most once. After `loaded` has run, every member but the
/// libhyphen copy is read-only, and that one is built under its own once_flag: lookups only read
/// the automata (hnj_hyphen_hyphenate2 too, checked in hyphen.c 2.8.8), so threads share them.
struct Dictionary {
    std::string path;
    std::filesystem::path cache_dir;
    std::once_flag loaded;
    // The flat automaton answers every word that reaches no non-standard pattern; libhyphen's
    // own automaton is built only for the others (none in most documents), or when the flat
    // one cannot be had.
    std::unique_ptr<FlatDictionaryFile> flat;
    std::atomic<bool> flat_ready{false};  // `flat` is set (written once, before this)
    std::once_flag libhyphen_loaded;
    std::unique_ptr<HyphenDict, DictFree> dict;
    bool usable = false;
    bool is_utf8 = true;
    std::array<char32_t, 256> byte_to_cp{};  // single-byte charsets only
    std::unordered_map<char32_t, unsigned char> cp_to_byte;

    HyphenDict* libhyphen() {
        std::call_once(libhyphen_loaded, [this] { dict.reset(load_hyphen_dictionary(path)); });
        return dict.get();
    }

    void load() {
        flat = FlatDictionaryFile::open(path, cache_dir);
        if (flat) flat_ready.store(true, std::memory_order_release);
        std::string charset;
        if (flat) {
            is_utf8 = flat->dict().utf8();
            charset = flat->dict().charset();
        } else {
            const HyphenDict* d = libhyphen();
            if (d == nullptr) return;
            is_utf8 = d->utf8 != 0;
            charset.assign(d->cset, strnlen(d->cset, sizeof d->cset));
        }
        usable = true;
        if (is_utf8) return;
        // The first line of the file names its charset (libhyphen keeps it in `cset`). Build a
        // byte table once so that converting a word later needs no iconv state.
        iconv_t raw = iconv_open("UTF-8", charset.c_str());
        if (raw == reinterpret_cast<iconv_t>(-1)) {
            usable = false;  // a charset glibc cannot read: treat as no dictionary
            return;
        }
        std::unique_ptr<std::remove_pointer_t<iconv_t>, IconvClose> cd(raw);
        for (unsigned b = 1; b < 256; ++b) {
            char in[1] = {static_cast<char>(b)};
            char out[8] = {};
            char* inp = in;
            char* outp = out;
            std::size_t inleft = 1, outleft = sizeof out;
            iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);
            if (iconv(cd.get(), &inp, &inleft, &outp, &outleft) == static_cast<std::size_t>(-1)) continue;
            std::size_t i = 0;
            const std::string_view bytes(out, sizeof out - outleft);
            if (bytes.empty()) continue;
            const char32_t cp = utf8::decode(bytes, i);
            if (cp == utf8::replacement) continue;
            byte_to_cp[b] = cp;
            cp_to_byte.emplace(cp, static_cast<unsigned char>(b));
        }
    }
};

/// Frees what libhyphen allocated for non-standard hyphenation (rep/pos/cut may stay NULL).
struct NonStandard {
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    int size = 0;
    NonStandard(const NonStandard&) = delete;
    NonStandard& operator=(const NonStandard&) = delete;
    explicit NonStandard(int n) : size(n) {}
    ~NonStandard() {
        if (rep != nullptr) {
            for (int i = 0; i < size; ++i) std::free(rep[i]);
            std::free(rep);
        }
        std::free(pos);
        std::free(cut);
    }
};

bool is_combining(char32_t c) noexcept {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_apostrophe(char32_t c) noexcept { return c == U'\'' || c == 0x2019 || c == 0x02BC; }

bool is_hyphen(char32_t c) noexcept { return c == U'-' || c == 0x2010 || c == 0x2011; }

struct Char {
    char32_t cp;
    std::size_t offset;  // byte offset in the original word
};

/// Splits a BCP 47 tag into lower-case language and upper-case region ("pt-br" → pt, BR).
bool parse_tag(std::string_view tag, std::string& language, std::string& region) {
    if (tag.empty() || tag.size() > max_tag_bytes) return false;
    std::size_t index = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= tag.size(); ++i) {
        if (i < tag.size() && tag[i] != '-' && tag[i] != '_') {
            if (!std::isalnum(static_cast<unsigned char>(tag[i]))) return false;
            continue;
        }
        const std::string_view part = tag.substr(start, i - start);
        start = i + 1;
        if (index == 0) {
            if (part.size() < 2 || part.size() > 3) return false;
            for (char c : part) language += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (part.size() == 2 && region.empty()) {
            for (char c : part) region += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        ++index;  // script and variant subtags do not choose a pattern file
    }
    return std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

namespace {
/// Distinguishes Hyphenators (their dictionary folders may differ) in the per-thread memo.
std::atomic<std::uint64_t> next_hyphenator_id{1};
}  // namespace

struct Hyphenator::Impl {
    const std::uint64_t id = next_hyphenator_id++;
    std::filesystem::path dir;
    std::filesystem::path cache_dir;
    std::mutex mutex;
    std::map<std::string, Dictionary*, std::less<>> by_tag;  // nullptr: no dictionary
    std::map<std::string, std::unique_ptr<Dictionary>> by_file;

    /// The dictionary file for `tag`, or empty. Tries xx_YY, xx, then xx with its default region.
    std::string resolve(std::string_view tag) const {
        std::string language, region;
        if (!parse_tag(tag, language, region)) return {};
        std::vector<std::string> names;
        if (!region.empty()) names.push_back(language + "_" + region);
        names.push_back(language);
        for (const auto& [lang, reg] : default_regions) {
            if (lang == language) names.push_back(language + "_" + std::string(reg));
        }
        for (const std::string& name : names) {
            std::error_code ec;
            const auto path = dir / ("hyph_" + name + ".dic");
            if (std::filesystem::is_regular_file(path, ec)) {
                const auto canonical = std::filesystem::canonical(path, ec);
                return ec ? path.string() : canonical.string();
            }
        }
        return {};
    }

    Dictionary* entry(std::string_view tag) {
        const std::lock_guard lock(mutex);
        if (auto it = by_tag.find(tag); it != by_tag.end()) return it->second;
        const std::string file = resolve(tag);
        Dictionary* d = nullptr;
        if (!file.empty()) {
            auto& slot = by_file[file];
            if (!slot) {
                slot = std::make_unique<Dictionary>();
                slot->path = file;
                slot->cache_dir = cache_dir;
            }
            d = slot.get();
        }
        by_tag.emplace(std::string(tag), d);
        return d;
    }

    Dictionary* loaded(std::string_view tag) {
        Dictionary* d = entry(tag);
        if (d == nullptr) return nullptr;
        std::call_once(d->loaded, [d] { d->load(); });
        return d->usable ? d : nullptr;
    }
};

Hyphenator::Hyphenator() : Hyphenator(system_dictionary_dir) {}

Hyphenator::Hyphenator(std::string dictionary_dir)
    : Hyphenator(std::move(dictionary_dir), default_hyphen_cache_dir()) {}

Hyphenator::Hyphenator(std::string dictionary_dir, std::filesystem::path cache_dir) : impl_(std::make_unique<Impl>()) {
    impl_->dir = std::move(dictionary_dir);
    impl_->cache_dir = std::move(cache_dir);
}

Hyphenator::~Hyphenator() = default;

bool Hyphenator::supports(std::string_view lang) const { return impl_->entry(lang) != nullptr; }

bool Hyphenator::preload(std::string_view lang) const { return impl_->loaded(lang) != nullptr; }

void Hyphenator::release_resident() const {
    const std::lock_guard lock(impl_->mutex);
    for (const auto& [file, d] : impl_->by_file)
        if (d->flat_ready.load(std::memory_order_acquire)) d->flat->release_resident();
}

namespace {

/// Points inside one run of letters (`chars[begin, end)`), appended to `out`.
void hyphenate_segment(Dictionary& d, const std::vector<Char>& chars, std::size_t begin, std::size_t end,
                       int left_min, int right_min, std::vector<std::size_t>& out) {
    int letters = 0;
    for (std::size_t i = begin; i < end; ++i) letters += is_combining(chars[i].cp) ? 0 : 1;
    if (letters < left_min + right_min) return;

    std::string key;  // the segment, lower-cased, in the dictionary's charset
    for (std::size_t i = begin; i < end; ++i) {
        const char32_t lower = utf8::to_lower(chars[i].cp);
        if (d.is_utf8) {
            utf8::append(key, lower);
        } else {
            const auto it = d.cp_to_byte.find(lower);
            if (it == d.cp_to_byte.end()) return;  // not representable: leave the word whole
            key += static_cast<char>(it->second);
        }
    }
    const int size = static_cast<int>(key.size());
    std::vector<char> hyphens(key.size() + 5, '0');
    NonStandard ns(size);
    std::optional<int> status;
    if (d.flat) status = d.flat->dict().hyphenate(key, hyphens.data());
    if (!status) {
        // A non-standard pattern (or a damaged cache file): libhyphen answers this word.
        HyphenDict* dict = d.libhyphen();
        if (dict == nullptr) return;
        std::fill(hyphens.begin(), hyphens.end(), '0');
        status = hnj_hyphen_hyphenate2(dict, key.c_str(), size, hyphens.data(), nullptr, &ns.rep, &ns.pos, &ns.cut);
    }
    if (*status != 0) return;
    // Positions count characters (code points for UTF-8 dictionaries, bytes otherwise — one per
    // character either way), so index k means "after the k-th character of the segment".
    const std::size_t count = end - begin;
    int before = 0;
    for (std::size_t k = 0; k + 1 < count; ++k) {
        before += is_combining(chars[begin + k].cp) ? 0 : 1;
        if ((hyphens[k] & 1) == 0) continue;
        // Non-standard breaks (a spelling change such as German "Schiff-fahrt") cannot be
        // expressed as an offset in the original text: skip them.
        if (ns.rep != nullptr && ns.rep[k] != nullptr) continue;
        if (is_combining(chars[begin + k + 1].cp)) continue;
        if (before < left_min || letters - before < right_min) continue;
        out.push_back(chars[begin + k + 1].offset);
    }
}

}  // namespace

namespace {

/// The points of recent words, per thread: a document repeats its words (a long one draws
/// each distinct word about ten times), and a lookup costs a fraction of decoding, lower-casing
/// and running the automaton again. Kept for one Hyphenator at a time (its id), and emptied
/// when it grows past max_memo_words so that memory stays bounded in long batch runs.
struct PointsMemo {
    std::uint64_t owner = 0;
    std::unordered_map<std::string, std::vector<std::size_t>> points;
    std::string key;
};
constexpr std::size_t max_memo_words = 1 << 16;

}  // namespace

std::vector<std::size_t> Hyphenator::points(std::string_view lang, std::string_view word, int left_min,
                                            int right_min) const {
    thread_local PointsMemo memo;
    if (memo.owner != impl_->id) {
        memo.points.clear();
        memo.owner = impl_->id;
    }
    std::string& key = memo.key;
    key.assign(lang);
    key += '\0';
    key += static_cast<char>(std::clamp(left_min, 0, 127));
    key += static_cast<char>(std::clamp(right_min, 0, 127));
    key += word;
    if (const auto it = memo.points.find(key); it != memo.points.end()) return it->second;
    std::vector<std::size_t> out = points_of(lang, word, left_min, right_min);
    if (memo.points.size() >= max_memo_words) memo.points.clear();
    memo.points.emplace(key, out);
    return out;
}

std::vector<std::size_t> Hyphenator::points_of(std::string_view lang, std::string_view word, int left_min,
                                               int right_min) const {
    std::vector<std::size_t> out;
    if (word.empty() || word.size() > max_word_bytes || !utf8::is_valid(word)) return out;
    left_min = std::max(left_min, 1);
    right_min = std::max(right_min, 1);

    std::vector<Char> chars;
    for (std::size_t i = 0; i < word.size();) {
        const std::size_t at = i;
        chars.push_back(Char{utf8::decode(word, i), at});
    }
    // URLs, e-mail addresses, paths and anything with digits are never hyphenated.
    if (word.find("://") != std::string_view::npos) return out;
    for (const Char& c : chars) {
        if (utf8::is_digit(c.cp) || c.cp == U'/' || c.cp == U'@') return out;
    }
    // The letter core: leading and trailing punctuation (quotes, brackets, commas) stays outside.
    std::size_t first = chars.size(), last = 0;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (utf8::is_letter(chars[i].cp)) {
            first = std::min(first, i);
            last = i;
        }
    }
    if (first == chars.size()) return out;
    std::size_t end = last + 1;
    while (end < chars.size() && is_combining(chars[end].cp)) ++end;

    int letters = 0, capitals = 0;
    for (std::size_t i = first; i < end; ++i) {
        const char32_t c = chars[i].cp;
        if (utf8::is_letter(c)) {
            ++letters;
            capitals += utf8::is_upper(c) ? 1 : 0;
        } else if (is_hyphen(c)) {
            // A compound already hyphenated breaks only at its own hyphen (TeX's rule, and French
            // and German house style): the break opportunities supply that one.
            return out;
        } else if (!is_apostrophe(c) && !is_combining(c)) {
            return out;  // "e.g.", "a&b", "x_y", "étudiant·es": not a plain word
        }
    }
    if (letters >= 2 && capitals == letters) return out;  // acronyms: COVID, NASA
    if (letters < left_min + right_min) return out;

    Dictionary* d = impl_->loaded(lang);
    if (d == nullptr) return out;

    // Elisions ("l'immunothérapie", "government's") hyphenate each side of the apostrophe alone.
    std::size_t seg = first;
    for (std::size_t i = first; i <= end; ++i) {
        if (i == end || is_apostrophe(chars[i].cp)) {
            if (i > seg) hyphenate_segment(*d, chars, seg, i, left_min, right_min, out);
            seg = i + 1;
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace folio::layout
