// Pair kerning from GPOS and 'kern' tables, read in place from the mapped font file. Every read
// is bounds-checked: a damaged table gives no kerning, never a crash.
#include "pdf/kerning.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace folio::pdf {
namespace {

struct Bytes {
    std::string_view d;
    bool ok(std::size_t off, std::size_t n) const { return off <= d.size() && n <= d.size() - off; }
    std::uint16_t u16(std::size_t off) const {
        if (!ok(off, 2)) return 0;
        return static_cast<std::uint16_t>((static_cast<unsigned char>(d[off]) << 8) | static_cast<unsigned char>(d[off + 1]));
    }
    std::int16_t i16(std::size_t off) const { return static_cast<std::int16_t>(u16(off)); }
    std::uint32_t u32(std::size_t off) const { return (static_cast<std::uint32_t>(u16(off)) << 16) | u16(off + 2); }
};

// Bound on what a font may make us walk: beyond it the table is damaged or hostile.
constexpr std::uint32_t max_entries = 1u << 16;

std::uint32_t table(const Bytes& b, const char* tag) {
    const std::uint16_t n = b.u16(4);
    for (std::uint16_t i = 0; i < n; ++i) {
        const std::size_t rec = 12 + 16u * i;
        if (!b.ok(rec, 16)) break;
        if (std::memcmp(b.d.data() + rec, tag, 4) == 0) return b.ok(b.u32(rec + 8), b.u32(rec + 12)) ? b.u32(rec + 8) : 0;
    }
    return 0;
}

// Index of `g` in a Coverage table, or -1.
int coverage(const Bytes& b, std::size_t at, std::uint16_t g) {
    const std::uint16_t format = b.u16(at), n = b.u16(at + 2);
    std::size_t lo = 0, hi = n;
    if (format == 1) {
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const std::uint16_t v = b.u16(at + 4 + 2 * mid);
            if (v == g) return static_cast<int>(mid);
            if (v < g) lo = mid + 1; else hi = mid;
        }
    } else if (format == 2) {
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const std::size_t r = at + 4 + 6 * mid;
            if (g < b.u16(r)) hi = mid;
            else if (g > b.u16(r + 2)) lo = mid + 1;
            else return static_cast<int>(b.u16(r + 4) + (g - b.u16(r)));
        }
    }
    return -1;
}

// Class of `g` in a ClassDef table (0 when unlisted).
std::uint16_t class_of(const Bytes& b, std::size_t at, std::uint16_t g) {
    const std::uint16_t format = b.u16(at);
    if (format == 1) {
        const std::uint16_t start = b.u16(at + 2), n = b.u16(at + 4);
        return g >= start && g - start < n ? b.u16(at + 6 + 2u * (g - start)) : 0;
    }
    if (format == 2) {
        std::size_t lo = 0, hi = b.u16(at + 2);
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const std::size_t r = at + 4 + 6 * mid;
            if (g < b.u16(r)) hi = mid;
            else if (g > b.u16(r + 2)) lo = mid + 1;
            else return b.u16(r + 4);
        }
    }
    return 0;
}

// Size of a ValueRecord and where its XAdvance sits (-1: absent).
std::size_t value_size(std::uint16_t format) { return 2u * static_cast<std::size_t>(std::popcount(static_cast<unsigned>(format & 0xFF))); }
int x_advance_at(std::uint16_t format) {
    return (format & 0x0004) ? 2 * std::popcount(static_cast<unsigned>(format & 0x0003)) : -1;
}

}  // namespace

KernTable KernTable::read(std::string_view font) {
    KernTable k;
    k.font_ = font;
    const Bytes b{font};
    if (const std::uint32_t gpos = table(b, "GPOS"); gpos != 0) {
        const std::size_t features = gpos + b.u16(gpos + 6), lookups = gpos + b.u16(gpos + 8);
        std::vector<std::uint16_t> indices;
        const std::uint16_t nf = b.u16(features);
        for (std::uint16_t i = 0; i < nf && i < max_entries; ++i) {
            const std::size_t rec = features + 2 + 6u * i;
            if (!b.ok(rec, 6) || std::memcmp(font.data() + rec, "kern", 4) != 0) continue;
            const std::size_t feature = features + b.u16(rec + 4);
            const std::uint16_t nl = b.u16(feature + 2);
            for (std::uint16_t j = 0; j < nl; ++j) indices.push_back(b.u16(feature + 4 + 2u * j));
        }
        // Every script's 'kern' feature lists its lookups: each applies once, in list order.
        std::sort(indices.begin(), indices.end());
        indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
        for (std::uint16_t li : indices) {
            if (li >= b.u16(lookups)) continue;
            const std::size_t lookup = lookups + b.u16(lookups + 2 + 2u * li);
            const std::uint16_t type = b.u16(lookup), n = b.u16(lookup + 4);
            std::vector<Subtable> subs;
            for (std::uint16_t s = 0; s < n; ++s) {
                std::size_t sub = lookup + b.u16(lookup + 6 + 2u * s);
                std::uint16_t t = type;
                if (t == 9 && b.u16(sub) == 1) {  // Extension: the real subtable lies further on
                    t = b.u16(sub + 2);
                    sub += b.u32(sub + 4);
                }
                if (t == 2 && b.ok(sub, 10) && (b.u16(sub) == 1 || b.u16(sub) == 2))
                    subs.push_back({static_cast<std::uint32_t>(sub)});
            }
            if (!subs.empty()) k.lookups_.push_back(std::move(subs));
        }
    }
    if (k.lookups_.empty()) {
        // The legacy table, version 0: its first subtable if it is a horizontal format-0 one.
        if (const std::uint32_t kern = table(b, "kern"); kern != 0 && b.u16(kern) == 0 && b.u16(kern + 2) > 0) {
            const std::size_t sub = kern + 4;
            const std::uint16_t cov = b.u16(sub + 4);
            const std::uint32_t n = b.u16(sub + 6);
            if ((cov >> 8) == 0 && (cov & 0x1) && !(cov & 0x4) && b.ok(sub + 14, 6u * n)) {
                k.legacy_pairs_offset_ = static_cast<std::uint32_t>(sub + 14);
                k.legacy_pairs_ = n;
            }
        }
    }
    return k;
}

int KernTable::pair_pos(std::uint32_t sub, std::uint16_t left, std::uint16_t right, bool& matched) const noexcept {
    const Bytes b{font_};
    matched = false;
    const int index = coverage(b, sub + b.u16(sub + 2), left);
    if (index < 0) return 0;
    const std::uint16_t vf1 = b.u16(sub + 4), vf2 = b.u16(sub + 6);
    const int xa = x_advance_at(vf1);
    const std::size_t v1 = value_size(vf1), v2 = value_size(vf2);
    if (b.u16(sub) == 1) {
        if (index >= b.u16(sub + 8)) return 0;
        const std::size_t set = sub + b.u16(sub + 10 + 2u * static_cast<std::size_t>(index));
        const std::size_t rec = 2 + v1 + v2;
        std::size_t lo = 0, hi = b.u16(set);
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const std::size_t r = set + 2 + rec * mid;
            const std::uint16_t g = b.u16(r);
            if (g == right) {
                matched = true;
                return xa < 0 ? 0 : b.i16(r + 2 + static_cast<std::size_t>(xa));
            }
            if (g < right) lo = mid + 1; else hi = mid;
        }
        return 0;
    }
    const std::uint16_t c1 = class_of(b, sub + b.u16(sub + 8), left), c2 = class_of(b, sub + b.u16(sub + 10), right);
    const std::uint16_t n1 = b.u16(sub + 12), n2 = b.u16(sub + 14);
    if (c1 >= n1 || c2 >= n2) return 0;
    matched = true;
    const std::size_t r = sub + 16 + (static_cast<std::size_t>(c1) * n2 + c2) * (v1 + v2);
    return xa < 0 ? 0 : b.i16(r + static_cast<std::size_t>(xa));
}

int KernTable::adjust(std::uint16_t left, std::uint16_t right) const noexcept {
    if (left == 0 || right == 0) return 0;
    int total = 0;
    for (const auto& lookup : lookups_) {
        for (const Subtable& s : lookup) {
            bool matched = false;
            const int v = pair_pos(s.offset, left, right, matched);
            if (matched) {
                total += v;
                break;  // the first subtable that applies ends this lookup
            }
        }
    }
    if (legacy_pairs_ != 0) {
        const Bytes b{font_};
        const std::uint32_t key = (static_cast<std::uint32_t>(left) << 16) | right;
        std::size_t lo = 0, hi = legacy_pairs_;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const std::size_t r = legacy_pairs_offset_ + 6 * mid;
            const std::uint32_t k = b.u32(r);
            if (k == key) return b.i16(r + 4);
            if (k < key) lo = mid + 1; else hi = mid;
        }
    }
    return total;
}

}  // namespace folio::pdf
