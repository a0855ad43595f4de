// libzip behind RAII: in-memory archives with TZ-independent entry times.
// libzip 1.7 converts DOS times through mktime/localtime; a final pass over the headers writes the
// requested fields directly, because a local time inside a DST gap cannot round-trip.
#include "epub/zip.hpp"

#include <malloc.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "base/deflate.hpp"
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

/// zlib's default level 6: on 300 KB of generated French XHTML it made the package only 1.1%
/// larger than level 9, and much faster.
constexpr int deflate_level = 6;

/// A conversion allocates and frees a few megabytes (libharu's objects, the layout, the EPUB's
/// parts). With glibc's default thresholds freed memory at the top of the heap goes back to the
/// kernel (brk shrink + TLB flush) and the next document takes it again; batch runs convert
/// thousands: keeping freed memory in the heap makes a batch about 4% faster.
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

/// An entry deflated by folio (libdeflate: about twice as fast as zlib at the same level, and no
/// deflate state set up per entry). Its source tells libzip the data is already deflated, with
/// its size and CRC, and libzip copies the bytes as they are.
struct Packed {
    Packed() { zip_error_init(&error); }
    ~Packed() { zip_error_fini(&error); }
    Packed(const Packed&) = delete;
    Packed& operator=(const Packed&) = delete;

    std::string bytes;  // raw deflate
    std::uint64_t size = 0;
    std::uint32_t crc = 0;
    std::size_t pos = 0;
    zip_error_t error;
};

zip_int64_t packed_source(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* p = static_cast<Packed*>(state);
    switch (cmd) {
        case ZIP_SOURCE_OPEN: p->pos = 0; return 0;
        case ZIP_SOURCE_READ: {
            const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(len), p->bytes.size() - p->pos);
            std::memcpy(data, p->bytes.data() + p->pos, n);
            p->pos += n;
            return static_cast<zip_int64_t>(n);
        }
        case ZIP_SOURCE_CLOSE: return 0;
        case ZIP_SOURCE_STAT: {
            auto* st = static_cast<zip_stat_t*>(data);
            zip_stat_init(st);
            st->size = p->size;
            st->comp_size = p->bytes.size();
            st->comp_method = ZIP_CM_DEFLATE;
            st->crc = p->crc;
            st->encryption_method = ZIP_EM_NONE;
            st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
            return sizeof(zip_stat_t);
        }
        case ZIP_SOURCE_ERROR: return zip_error_to_data(&p->error, data, len);
        case ZIP_SOURCE_FREE: return 0;  // owned by the writer
        case ZIP_SOURCE_SUPPORTS:
            return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                                  ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
        default: zip_error_set(&p->error, ZIP_ER_OPNOTSUPP, 0); return -1;
    }
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
    std::deque<Packed> packed;       // deflated entries, read by libzip when the archive closes
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
    zip_source_t* src = nullptr;
    if (method == ZipMethod::Store) {
        const std::string& kept = data_.emplace_back(std::move(bytes));
        src = zip_source_buffer(za, kept.data(), kept.size(), 0);
    } else {
        Packed& p = impl_->packed.emplace_back();
        p.bytes = base::deflate_compress(bytes, deflate_level);
        p.size = bytes.size();
        p.crc = base::crc32(bytes);
        src = zip_source_function(za, packed_source, &p);
    }
    if (!src) throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(za), name);
    const zip_int64_t idx = zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(za), name);
    }
    const auto i = static_cast<zip_uint64_t>(idx);
    const zip_int32_t cm = method == ZipMethod::Store ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(za, i, cm, 0) != 0 ||
        zip_file_set_dostime(za, i, mtime_.time, mtime_.date, 0) != 0)
        throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(za), name);
}

std::string ZipWriter::finish() {
    if (!impl_ || !impl_->archive) throw base::Error(base::ErrorCode::Internal, "zip archive already finished");
    if (zip_close(impl_->archive) != 0)
        throw base::Error(base::ErrorCode::Library, std::string("libzip: ") + zip_strerror(impl_->archive));
    impl_->archive = nullptr;
    data_.clear();
    impl_->packed.clear();

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
