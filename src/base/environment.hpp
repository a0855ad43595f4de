// The injected environment: the clock used for dates in outputs, and content hashes for ids.
// Output is deterministic: time comes from SOURCE_DATE_EPOCH when set, else a fixed epoch.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace folio::base {

/// Fixed time used when SOURCE_DATE_EPOCH is unset: 2000-01-01T00:00:00Z. A fixed value (not the
/// wall clock, not the input's mtime) keeps outputs byte-identical across machines and checkouts.
inline constexpr std::int64_t default_epoch_s = 946684800;

/// Seconds since 1970 from SOURCE_DATE_EPOCH, or default_epoch_s when unset or malformed.
std::int64_t source_date_epoch();

/// "2024-05-01T12:00:00Z" for a UTC time (no dependence on TZ).
std::string iso8601_utc(std::int64_t epoch_s);

struct CivilTime {
    int year, month, day, hour, minute, second;
};
CivilTime civil_utc(std::int64_t epoch_s) noexcept;

/// SHA-256 of bytes.
std::array<std::uint8_t, 32> sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

/// An RFC 4122 version-5-style UUID string derived from a content hash (stable for same input).
std::string uuid_from_content(std::string_view bytes);

}  // namespace folio::base
