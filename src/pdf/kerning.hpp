// Pair kerning read straight from a mapped TrueType file: the pair adjustments of GPOS 'kern'
// lookups (PairPos formats 1 and 2, through Extension lookups), else the legacy 'kern' table.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace folio::pdf {

class KernTable {
public:
    /// The kerning of `font` (the whole file); empty when it has none. Nothing is copied: the
    /// table reads `font` on every lookup, so the bytes must outlive it.
    static KernTable read(std::string_view font);

    /// Horizontal adjustment, in font units, between glyph `left` and the glyph `right` after
    /// it (negative: closer). Lookups add up as a shaper applies them in order.
    int adjust(std::uint16_t left, std::uint16_t right) const noexcept;

    bool empty() const noexcept { return lookups_.empty() && legacy_pairs_ == 0; }

private:
    struct Subtable {
        std::uint32_t offset;  // of a PairPos subtable, in the file
    };
    std::string_view font_;
    std::vector<std::vector<Subtable>> lookups_;  // per 'kern' lookup, its PairPos subtables
    std::uint32_t legacy_pairs_offset_ = 0;       // 'kern' format 0: the sorted pair array
    std::uint32_t legacy_pairs_ = 0;

    int pair_pos(std::uint32_t sub, std::uint16_t left, std::uint16_t right, bool& matched) const noexcept;
};

}  // namespace folio::pdf
