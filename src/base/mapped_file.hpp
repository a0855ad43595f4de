// A read-only memory mapping of a whole file: callers read large files (fonts) in place, and only
// the pages they actually touch are read from disk and count towards the process's memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace folio::base {

/// Owns a private read-only mapping of one file, unmapped on destruction. Move-only.
class MappedFile {
public:
    MappedFile() = default;
    /// Maps `path`. Throws Error(Io) naming the file when it cannot be opened, examined or mapped,
    /// or when it is larger than `max_bytes`. An empty file gives an empty view.
    explicit MappedFile(const std::string& path, std::size_t max_bytes);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const noexcept { return {data_, size_}; }

    /// Drops the pages read so far from the process's resident memory; the view stays valid and
    /// a later read takes them from the file again (the mapping is private and never written).
    void release_resident() const noexcept;

private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace folio::base
