// The RAII seam around libzip: builds an archive in memory with fixed entry times, and reads one
// back (used by the tests). This file pair is the only place in folio that includes zip.h.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace folio::epub {

/// An MS-DOS date and time as stored in zip headers (local time of no particular zone).
struct DosTime {
    std::uint16_t time = 0;  // hour << 11 | minute << 5 | second / 2
    std::uint16_t date = 0;  // (year - 1980) << 9 | month << 5 | day
    friend bool operator==(const DosTime&, const DosTime&) = default;
};

/// The DOS fields for a UTC instant; instants before 1980 (not representable) clamp to
/// 1980-01-01 00:00:00, those after 2107 to the last representable second.
DosTime dos_time_utc(std::int64_t epoch_s) noexcept;

enum class ZipMethod { Store, Deflate };

/// Builds a zip archive in memory. Entries keep the order in which they are added, and every
/// entry gets the same DOS time, written so that the bytes do not depend on the TZ variable.
/// Not copyable; the archive is discarded if finish() is never called. Throws base::Error(Library).
/// Deflated entries are compressed here with libdeflate and handed to libzip as they are. The
/// first writer raises glibc's trim and mmap thresholds for the process (see zip.cpp).
class ZipWriter {
public:
    explicit ZipWriter(DosTime mtime);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    /// Adds an entry; `name` is a relative path with '/' separators, unique in the archive.
    void add(const std::string& name, std::string bytes, ZipMethod method);

    /// Closes the archive and returns its bytes. The writer cannot be used afterwards.
    std::string finish();

private:
    struct Impl;
    Impl* impl_;
    DosTime mtime_;
    std::deque<std::string> data_;  // entry bytes, alive until the archive is closed
};

struct ZipEntry {
    std::string name;
    bool stored = false;  // compression method 0
    std::string bytes;    // uncompressed content
};

/// Every entry of an archive held in memory, in central-directory order.
/// Throws base::Error(Library) when the bytes are not a readable zip archive.
std::vector<ZipEntry> read_zip(std::string_view archive);

/// The DOS time and date of every central-directory and local header, read from the raw bytes.
/// Throws base::Error(Library) when the structure is broken.
std::vector<DosTime> zip_header_times(std::string_view archive);

}  // namespace folio::epub
