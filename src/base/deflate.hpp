// Whole-buffer compression with libdeflate: the streams folio compresses itself (PDF streams in
// the zlib format, zip entries as raw deflate with their CRC-32).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace folio::base {

/// `data` compressed in the zlib format (RFC 1950), which PDF's FlateDecode reads. Level 1-12;
/// libdeflate's level 6 compresses as well as zlib's and about twice as fast.
std::string zlib_compress(std::string_view data, int level = 6);

/// `data` as a raw deflate stream (RFC 1951), as zip entries hold it. Level 1-12, as above.
std::string deflate_compress(std::string_view data, int level = 6);

/// The CRC-32 of `data` (zip, PNG).
std::uint32_t crc32(std::string_view data);

/// The Adler-32 checksum of `data` continued from `adler` (1 to start), as a zlib stream ends with.
std::uint32_t adler32(std::uint32_t adler, std::string_view data);

}  // namespace folio::base
