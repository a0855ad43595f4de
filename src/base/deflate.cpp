// libdeflate behind one function: a compressor per thread and level, kept for the next call
// (setting one up costs more than compressing a small stream).
#include "base/deflate.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <memory>

#include "base/error.hpp"

namespace folio::base {
namespace {

struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const noexcept { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

constexpr int min_level = 1;
constexpr int max_level = 12;

libdeflate_compressor* compressor(int level) {
    thread_local std::array<Compressor, max_level + 1> cache;
    Compressor& c = cache[static_cast<std::size_t>(level)];
    if (!c) {
        c.reset(libdeflate_alloc_compressor(level));
        if (!c) throw Error(ErrorCode::Library, "libdeflate: out of memory");
    }
    return c.get();
}

/// `data` compressed by `compress` (zlib-wrapped or raw), in a buffer of its `bound`.
template <class Bound, class Compress>
std::string compress_with(std::string_view data, int level, Bound bound, Compress compress) {
    libdeflate_compressor* c = compressor(std::clamp(level, min_level, max_level));
    std::string out(bound(c, data.size()), '\0');
    const std::size_t n = compress(c, data.data(), data.size(), out.data(), out.size());
    if (n == 0) throw Error(ErrorCode::Library, "libdeflate: output larger than its bound");
    out.resize(n);
    return out;
}

}  // namespace

std::string zlib_compress(std::string_view data, int level) {
    return compress_with(data, level, libdeflate_zlib_compress_bound, libdeflate_zlib_compress);
}

std::string deflate_compress(std::string_view data, int level) {
    return compress_with(data, level, libdeflate_deflate_compress_bound, libdeflate_deflate_compress);
}

std::uint32_t crc32(std::string_view data) { return libdeflate_crc32(0, data.data(), data.size()); }

std::uint32_t adler32(std::uint32_t adler, std::string_view data) {
    return libdeflate_adler32(adler, data.data(), data.size());
}

}  // namespace folio::base
