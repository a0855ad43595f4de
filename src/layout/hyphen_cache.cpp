// The hyphenation automaton cache: one binary file per dictionary, validated against the
// dictionary's path, size and modification time; see hyphen_cache.hpp.
#include "layout/hyphen_cache.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <system_error>

#include "base/io.hpp"
#include "layout/hyphen_loader.hpp"

namespace folio::layout {
namespace {

constexpr char cache_magic[8] = {'f', 'o', 'l', 'i', 'o', '-', 'h', 'y'};
// Far above any real dictionary (German's image is a few megabytes); a larger file is not ours.
constexpr std::size_t max_cache_bytes = std::size_t{1} << 30;

/// What the cached image was built from. A changed dictionary file changes its size or
/// modification time (package upgrades replace the file), and the image is then built anew.
struct CacheHeader {
    char magic[8];
    std::uint32_t version;       // flat::format_version
    std::uint32_t path_size;     // the dictionary path follows the header
    std::uint64_t source_size;
    std::int64_t source_mtime_sec;
    std::int64_t source_mtime_nsec;
    std::uint64_t image_offset;  // 8-aligned, after the path
    std::uint64_t image_size;
};

struct SourceStamp {
    std::uint64_t size = 0;
    std::int64_t sec = 0, nsec = 0;
};

std::optional<SourceStamp> stamp_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return SourceStamp{static_cast<std::uint64_t>(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
}

std::uint64_t image_offset_for(std::size_t path_size) { return (sizeof(CacheHeader) + path_size + 7) / 8 * 8; }

/// The image inside a cache file's bytes, if the file is complete and belongs to `dictionary`
/// as it is now.
std::optional<std::string_view> cached_image(std::string_view file, const std::string& dictionary,
                                             const SourceStamp& stamp) {
    if (file.size() < sizeof(CacheHeader)) return std::nullopt;
    CacheHeader h;
    std::memcpy(&h, file.data(), sizeof h);
    if (std::memcmp(h.magic, cache_magic, sizeof cache_magic) != 0 || h.version != flat::format_version ||
        h.path_size != dictionary.size() || h.source_size != stamp.size || h.source_mtime_sec != stamp.sec ||
        h.source_mtime_nsec != stamp.nsec || h.image_offset != image_offset_for(h.path_size) ||
        h.image_offset > file.size() || h.image_size != file.size() - h.image_offset) {
        return std::nullopt;
    }
    if (file.substr(sizeof h, h.path_size) != dictionary) return std::nullopt;  // a hash collision
    return file.substr(h.image_offset);
}

void write_cache(const std::filesystem::path& file, const std::string& dictionary, const SourceStamp& stamp,
                 std::string_view image) noexcept {
    try {
        CacheHeader h{};
        std::memcpy(h.magic, cache_magic, sizeof cache_magic);
        h.version = flat::format_version;
        h.path_size = static_cast<std::uint32_t>(dictionary.size());
        h.source_size = stamp.size;
        h.source_mtime_sec = stamp.sec;
        h.source_mtime_nsec = stamp.nsec;
        h.image_offset = image_offset_for(dictionary.size());
        h.image_size = image.size();
        std::string bytes(reinterpret_cast<const char*>(&h), sizeof h);
        bytes += dictionary;
        bytes.resize(h.image_offset, '\0');
        bytes += image;
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) return;
        base::write_file_atomic(file, bytes);
    } catch (...) {
        // A cache that cannot be written (read-only home, full disk) only costs speed next time.
    }
}

}  // namespace

std::filesystem::path default_hyphen_cache_dir() {
    if (const char* off = std::getenv("FOLIO_NO_HYPHEN_CACHE"); off && *off && std::string_view(off) != "0") {
        return {};
    }
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/') {
        return std::filesystem::path(xdg) / "folio";
    }
    if (const char* home = std::getenv("HOME"); home && home[0] == '/') {
        return std::filesystem::path(home) / ".cache" / "folio";
    }
    return {};
}

std::filesystem::path hyphen_cache_file(const std::string& dictionary, const std::filesystem::path& cache_dir) {
    // FNV-1a: a stable name per path; the header's copy of the path settles collisions.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const char c : dictionary) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    char name[40];
    std::snprintf(name, sizeof name, "hyphen-%016llx.bin", static_cast<unsigned long long>(hash));
    return cache_dir / name;
}

std::unique_ptr<FlatDictionaryFile> FlatDictionaryFile::open(const std::string& dictionary,
                                                             const std::filesystem::path& cache_dir) {
    const std::optional<SourceStamp> stamp = stamp_of(dictionary);
    if (!stamp) return nullptr;
    std::unique_ptr<FlatDictionaryFile> out(new FlatDictionaryFile());
    const std::filesystem::path file =
        cache_dir.empty() ? std::filesystem::path() : hyphen_cache_file(dictionary, cache_dir);
    if (!file.empty()) {
        try {
            base::MappedFile mapped(file.string(), max_cache_bytes);
            if (const auto image = cached_image(mapped.bytes(), dictionary, *stamp)) {
                if (auto view = FlatHyphenDict::view(*image)) {
                    out->mapped_ = std::move(mapped);
                    out->view_ = view;
                    return out;
                }
            }
        } catch (...) {
            // Missing or unreadable: build it below.
        }
    }
    std::optional<std::string> image = build_flat_hyphen_dictionary(dictionary);
    if (!image) return nullptr;
    out->built_ = std::move(*image);
    out->view_ = FlatHyphenDict::view(out->built_);
    if (!out->view_) return nullptr;
    if (!file.empty()) write_cache(file, dictionary, *stamp, out->built_);
    return out;
}

}  // namespace folio::layout
