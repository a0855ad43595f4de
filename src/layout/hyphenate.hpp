// Hyphenation with libhyphen and Debian's hyphen-* dictionaries. Dictionaries are loaded lazily,
// once per language (from the automaton cache when it is valid), and shared read-only between
// threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace folio::layout {

class Hyphenator {
public:
    Hyphenator();
    /// Looks for `hyph_<lang>.dic` files in `dictionary_dir` instead of /usr/share/hyphen.
    explicit Hyphenator(std::string dictionary_dir);
    /// Keeps the dictionaries' flat automata in `cache_dir` (hyphen_cache.hpp) instead of the
    /// user's cache folder; an empty path keeps nothing.
    Hyphenator(std::string dictionary_dir, std::filesystem::path cache_dir);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// Byte offsets inside `word` (UTF-8) where a hyphen may be inserted, honouring at least
    /// `left_min` letters before and `right_min` after. Empty for languages without a dictionary,
    /// for words with digits, all-capital words, URLs. `lang` is BCP 47 ("fr", "en-GB").
    /// Leading/trailing punctuation is ignored; each side of an apostrophe is hyphenated alone;
    /// a word that already holds a hyphen gets no points (it breaks at its hyphen only).
    std::vector<std::size_t> points(std::string_view lang, std::string_view word, int left_min = 2,
                                    int right_min = 3) const;

    /// True when a dictionary for `lang` exists on this machine (does not load it).
    bool supports(std::string_view lang) const;

    /// Loads the dictionary for `lang` now (German takes about 150 ms when its cache file is
    /// missing), e.g. on a worker thread while the document is still being read. Returns false
    /// when there is none or it does not load.
    bool preload(std::string_view lang) const;

    /// Drops the pages of the automata mapped from the cache so far from resident memory (a
    /// German one: about 2.5 MB), e.g. once the last document of a run is laid out. Lookups
    /// stay valid, on any thread: they read the pages from the file again.
    void release_resident() const;

private:
    std::vector<std::size_t> points_of(std::string_view lang, std::string_view word, int left_min, int right_min) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace folio::layout
