// Clock and hashing for deterministic outputs.
#include "base/environment.hpp"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP_Digest, which on its first
// call loads the default provider and its algorithm tables: 2.2 MB more resident memory, a tenth
// of a single conversion's peak, to hash a few kilobytes. The low-level functions hash directly.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>

#include "base/error.hpp"

namespace folio::base {

std::int64_t source_date_epoch() {
    const char* v = std::getenv("SOURCE_DATE_EPOCH");
    if (!v || !*v) return default_epoch_s;
    char* end = nullptr;
    const long long s = std::strtoll(v, &end, 10);
    if (*end != '\0' || s < 0 || s > 253402300799LL) return default_epoch_s;
    return s;
}

CivilTime civil_utc(std::int64_t t) noexcept {
    // Days-from-civil inverse (Howard Hinnant's algorithm), independent of the TZ variable.
    std::int64_t days = t / 86400;
    std::int64_t rem = t % 86400;
    if (rem < 0) { rem += 86400; --days; }
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d),
            static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60)};
}

std::string iso8601_utc(std::int64_t epoch_s) {
    const CivilTime c = civil_utc(epoch_s);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    return buf;
}

std::array<std::uint8_t, 32> sha256(std::string_view bytes) {
    std::array<std::uint8_t, 32> out{};
    SHA256_CTX ctx;
    if (SHA256_Init(&ctx) != 1 || SHA256_Update(&ctx, bytes.data(), bytes.size()) != 1 || SHA256_Final(out.data(), &ctx) != 1)
        throw Error(ErrorCode::Library, "SHA-256 failed");
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (auto b : sha256(bytes)) {
        s += hex[b >> 4];
        s += hex[b & 15];
    }
    return s;
}

std::string uuid_from_content(std::string_view bytes) {
    auto h = sha256(bytes);
    h[6] = static_cast<std::uint8_t>((h[6] & 0x0F) | 0x50);  // version 5 (name-based)
    h[8] = static_cast<std::uint8_t>((h[8] & 0x3F) | 0x80);  // RFC 4122 variant
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex[h[i] >> 4];
        s += hex[h[i] & 15];
    }
    return s;
}

}  // namespace folio::base
