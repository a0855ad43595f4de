// fontconfig's answers (which file draws a family in a face) kept between runs in a small text
// file, so that a run whose lookups are all answered never loads fontconfig's configuration.
#pragma once

#include <fontconfig/fontconfig.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace folio::pdf {

/// The answers read from and written to one cache file. An answer is given back only while the
/// file is fresh: same cache format, folio and fontconfig versions, same environment variables
/// fontconfig reads, every watched file and folder (fontconfig's configuration, font and cache
/// folders) unchanged, and the answered font file unchanged. A stale, unreadable or damaged file
/// is ignored and a missing or read-only folder only means nothing is kept: the cache can make a
/// run faster, never different, and never fails it. Not thread-safe (FontLibrary locks).
class FontLookupCache {
public:
    /// $XDG_CACHE_HOME/folio/font-lookups.txt (default ~/.cache/folio); empty when
    /// FOLIO_NO_FONT_CACHE is set (to anything but "" or "0") or no absolute home is known.
    static std::filesystem::path default_file();

    /// Reads `file` when it exists; an empty path disables the cache.
    explicit FontLookupCache(std::filesystem::path file);

    /// The file fontconfig gave for `key` ("" when it gave none), if still valid.
    std::optional<std::string> find(const std::string& key) const;
    /// Records an answer fontconfig just gave.
    void record(const std::string& key, const std::string& path);
    /// True when record() added answers not yet written.
    bool dirty() const noexcept { return dirty_; }
    /// Writes every valid answer (temporary file + rename) with the stamps of `watched`, the files
    /// and folders whose change makes the answers stale. Failures are ignored.
    void save(const std::vector<std::string>& watched) noexcept;

private:
    struct Answer {
        std::string path, stamp;
    };
    std::filesystem::path file_;
    std::string header_;  // format, versions and environment; "" when this environment cannot be cached
    std::map<std::string, Answer> answers_;
    bool dirty_ = false;
};

/// The files and folders whose change can change fontconfig's answers: its configuration files
/// and their folders, the user configuration places that may not exist yet, every font folder
/// (a font added or removed changes its folder's time) and fontconfig's cache folders. Every
/// cache of fontconfig's answers (the PDF's and the EPUB's) watches this list.
std::vector<std::string> fontconfig_watch_list(FcConfig* config);

/// The modification time, size and inode of a file or folder, "-" when it does not exist.
std::string file_stamp(const std::string& path);

}  // namespace folio::pdf
