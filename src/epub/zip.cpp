// libzip behind RAII: in-memory archives with TZ-independent entry times.
// libzip 1.7 converts DOS times through mktime/localtime; a final pass over the headers writes the
// requested fields directly, because a local time inside a DST gap cannot round-trip.
#include "epub/zip.hpp"

#include <malloc.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>

#include "base/environment.hpp"
#include "base/error.hpp"

namespace folio::epub {
namespace {

// Zip record layout (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
constexpr std::uint32_t local_header_sig = 0x04034b50;
constexpr std::uint32_t central_header_sig = 0x02014b50;
constexpr std::uint32_t end_of_central_sig = 0x06054b50;
constexpr std::size_t end_of_central_size = 22;
constexpr std::size_t central_header_size = 46;
constexpr std::size_t local_header_size = 30;
/// The end record may be followed by a comment of at most 65535 bytes.
constexpr std::size_t max_comment_bytes = 65535;

std::uint32_t get16(std::string_view s, std::size_t at) {
    return static_cast<std::uint8_t>(s[at]) | static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + 1])) << 8;
}
std::uint32_t get32(std::string_view s, std::size_t at) { return get16(s, at) | get16(s, at + 2) << 16; }

[[noreturn]] void broken(const char* what) {
    throw base::Error(base::ErrorCode::Library, std::string("zip archive: ") + what);
}

/// Calls `visit(offset_of_time_field)` for the time field of every central and local header.
void for_each_header_time(std::string_view z, const std::function<void(std::size_t)>& visit) {
    if (z.size() < end_of_central_size) broken("too short");
    std::size_t eocd = std::string_view::npos;
    const std::size_t lowest = z.size() > end_of_central_size + max_comment_bytes
                                   ? z.size() - end_of_central_size - max_comment_bytes : 0;
    for (std::size_t p = z.size() - end_of_central_size + 1; p-- > lowest;) {
        if (get32(z, p) == end_of_central_sig) { eocd = p; break; }
    }
    if (eocd == std::string_view::npos) broken("no end of central directory");
    const std::size_t count = get16(z, eocd + 10);
    std::size_t p = get32(z, eocd + 16);
    for (std::size_t i = 0; i < count; ++i) {
        if (p + central_header_size > z.size() || get32(z, p) != central_header_sig) broken("bad central header");
        visit(p + 12);
        const std::size_t local = get32(z, p + 42);
        if (local + local_header_size > z.size() || get32(z, local) != local_header_sig) broken("bad local header");
        visit(local + 10);
        p += central_header_size + get16(z, p + 28) + get16(z, p + 30) + get16(z, p + 32);
    }
}

struct SourceDeleter {
    void operator()(zip_source_t* s) const noexcept { zip_source_free(s); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceDeleter>;

std::string error_text(zip_error_t* e) {
    std::string s = zip_error_strerror(e);
    zip_error_fini(e);
    return s;
}

/// libzip deflates at level 9 unless told otherwise; zlib's default level 6 is faster and, on
/// 300 KB of generated French XHTML, made the package only 1.1% larger.
constexpr zip_uint32_t deflate_level = 6;

/// libzip sets up a fresh deflate state (~400 KB with its memory level 9) for every entry and
/// frees it after. With glibc's default thresholds each free gives the memory back to the kernel
/// (brk shrink + TLB flush) and the next entry takes it again: 6 ms of system time for a 7-entry
/// EPUB, 0.5 ms once freed memory stays in the heap. Batch runs write thousands of packages.
constexpr int malloc_trim_threshold_bytes = 32 << 20;
/// Blocks above this size still come from mmap, so large images do not pin heap memory.
constexpr int malloc_mmap_threshold_bytes = 1 << 20;

void keep_freed_memory_in_heap() {
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, malloc_mmap_threshold_bytes);
        mallopt(M_TRIM_THRESHOLD, malloc_trim_threshold_bytes);
    });
}

}  // namespace

DosTime dos_time_utc(std::int64_t epoch_s) noexcept {
    constexpr std::int64_t dos_first_s = 315532800;     // 1980-01-01T00:00:00Z
    constexpr std::int64_t dos_last_s = 4354819198;     // 2107-12-31T23:59:58Z
    const base::CivilTime c = base::civil_utc(std::clamp(epoch_s, dos_first_s, dos_last_s));
    DosTime d;
    d.time = static_cast<std::uint16_t>(c.hour << 11 | c.minute << 5 | c.second / 2);
    d.date = static_cast<std::uint16_t>((c.year - 1980) << 9 | c.month << 5 | c.day);
    return d;
}

struct ZipWriter::Impl {
    zip_source_t* buffer = nullptr;  // the archive's bytes; kept alive past zip_close
    zip_t* archive = nullptr;
};

ZipWriter::ZipWriter(DosTime mtime) : impl_(new Impl), mtime_(mtime) {
    keep_freed_memory_in_heap();
    zip_error_t err;
    zip_error_init(&err);
    impl_->buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
    if (!impl_->buffer) {
        delete impl_;
        throw base::Error(base::ErrorCode::Library, "libzip: " + error_text(&err));
    }
    zip_source_keep(impl_->buffer);
    impl_->archive = zip_open_from_source(impl_->buffer, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!impl_->archive) {
        zip_source_free(impl_->buffer);
        zip_source_free(impl_->buffer);
        delete impl_;
        throw base::Error(base::ErrorCode::Library, "libzip: " + error_text(&err));
    }
    zip_error_fini(&err);
}

ZipWriter::~ZipWriter() {
    if (!impl_) return;
    if (impl_->archive) zip_discard(impl_->archive);
    if (impl_->buffer) zip_source_free(impl_->buffer);
    delete impl_;
}

void ZipWriter::add(const std::string& name, std::string bytes, ZipMethod method) {
    if (!impl_ || !impl_->archive) throw base::Error(base::ErrorCode::Internal, "zip archive already finished");
    zip_t* za = impl_->archive;
    const std::string& kept = data_.emplace_back(std::move(bytes));
    zip_source_t* src = zip_source_buffer(za, kept.data(), kept.size(), 0);
    if (!src) throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(za), name);
    const zip_int64_t idx = zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(za), name);
    }
    const auto i = static_cast<zip_uint64_t>(idx);
    const zip_int32_t cm = method == ZipMethod::Store ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(za, i, cm, method == ZipMethod::Store ? 0 : deflate_level) != 0 ||
        zip_file_set_dostime(za, i, mtime_.time, mtime_.date, 0) != 0)
        throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(za), name);
}

std::string ZipWriter::finish() {
    if (!impl_ || !impl_->archive) throw base::Error(base::ErrorCode::Internal, "zip archive already finished");
    if (zip_close(impl_->archive) != 0)
        throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(impl_->archive));
    impl_->archive = nullptr;
    data_.clear();

    zip_source_t* buf = impl_->buffer;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(buf, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(buf) != 0)
        throw base::Error(base::ErrorCode::Library, "libzip: cannot read back the archive");
    std::string out(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t n = zip_source_read(buf, out.data(), st.size);
    zip_source_close(buf);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
        throw base::Error(base::ErrorCode::Library, "libzip: short read of the archive");

    for_each_header_time(out, [&](std::size_t at) {
        out[at] = static_cast<char>(mtime_.time & 0xff);
        out[at + 1] = static_cast<char>(mtime_.time >> 8);
        out[at + 2] = static_cast<char>(mtime_.date & 0xff);
        out[at + 3] = static_cast<char>(mtime_.date >> 8);
    });
    return out;
}

std::vector<ZipEntry> read_zip(std::string_view archive) {
    zip_error_t err;
    zip_error_init(&err);
    SourcePtr src(zip_source_buffer_create(archive.data(), archive.size(), 0, &err));
    if (!src) throw base::Error(base::ErrorCode::Library, "libzip: " + error_text(&err));
    zip_t* za = zip_open_from_source(src.get(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!za) throw base::Error(base::ErrorCode::Library, "zip archive: " + error_text(&err));
    zip_error_fini(&err);
    src.release();  // owned by the archive now
    std::unique_ptr<zip_t, decltype(&zip_discard)> guard(za, &zip_discard);

    std::vector<ZipEntry> out;
    const zip_int64_t count = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto idx = static_cast<zip_uint64_t>(i);
        zip_stat_t st;
        if (zip_stat_index(za, idx, 0, &st) != 0) broken("unreadable entry");
        ZipEntry e;
        e.name = st.name;
        e.stored = st.comp_method == ZIP_CM_STORE;
        e.bytes.resize(static_cast<std::size_t>(st.size));
        zip_file_t* f = zip_fopen_index(za, idx, 0);
        if (!f) broken("cannot open entry");
        const zip_int64_t n = zip_fread(f, e.bytes.data(), st.size);
        zip_fclose(f);
        if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) broken("short entry");
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<DosTime> zip_header_times(std::string_view archive) {
    std::vector<DosTime> out;
    for_each_header_time(archive, [&](std::size_t at) {
        out.push_back({static_cast<std::uint16_t>(get16(archive, at)), static_cast<std::uint16_t>(get16(archive, at + 2))});
    });
    return out;
}

}  // namespace folio::epub
