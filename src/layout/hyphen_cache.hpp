// Flat hyphenation automata kept between runs: built from a .dic file once, written to the user's
// cache folder, and mapped read-only by later runs, which then skip parsing the patterns.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/mapped_file.hpp"
#include "layout/hyphen_flat.hpp"

namespace folio::layout {

/// $XDG_CACHE_HOME/folio (default ~/.cache/folio); empty when FOLIO_NO_HYPHEN_CACHE is set (to
/// anything but "" or "0") or no absolute home folder is known.
std::filesystem::path default_hyphen_cache_dir();

/// The cache file for `dictionary` in `cache_dir`: named by a hash of the dictionary's path (its
/// header holds the path itself, the file's size and modification time and the format version).
std::filesystem::path hyphen_cache_file(const std::string& dictionary, const std::filesystem::path& cache_dir);

/// One dictionary's flat automaton, mapped from its cache file or built in memory.
class FlatDictionaryFile {
public:
    /// Maps the cache file of `dictionary` when it is valid: same format version, path, size and
    /// modification time, complete, and with sound headers. Otherwise builds the automaton from
    /// the .dic file and, unless `cache_dir` is empty, writes it there (temporary file + rename)
    /// for the next run. An unusable cache only costs time: a missing, stale, damaged or
    /// unwritable one leads to the in-memory build. nullptr when the .dic cannot be built at all.
    static std::unique_ptr<FlatDictionaryFile> open(const std::string& dictionary,
                                                    const std::filesystem::path& cache_dir);

    const FlatHyphenDict& dict() const noexcept { return *view_; }
    /// True when the automaton came from the cache file rather than the .dic file.
    bool from_cache() const noexcept { return mapped_.bytes().size() > 0; }
    /// Drops the pages of a mapped automaton from resident memory (see MappedFile).
    void release_resident() const noexcept { mapped_.release_resident(); }

private:
    FlatDictionaryFile() = default;
    base::MappedFile mapped_;
    std::string built_;
    std::optional<FlatHyphenDict> view_;
};

}  // namespace folio::layout
