// Fonts for the PDF: families found through fontconfig, TrueType files mapped and parsed once per
// process (cmap, advances, vertical metrics), and fallback chains that measure text, parsing a
// fallback file only when a character the earlier fonts lack is met.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/mapped_file.hpp"
#include "layout/font_metrics.hpp"
#include "pdf/kerning.hpp"

namespace folio::pdf {

/// Code points a face can measure and draw: the Basic Multilingual Plane (libharu's UTF-8 mode
/// writes 2-byte codes).
inline constexpr std::size_t bmp_size = 0x10000;

/// One TrueType file, parsed once. Immutable after construction, shared by every thread.
struct FontFace {
    std::string path;
    std::string family;        // as fontconfig names it
    int units_per_em = 1000;
    double ascent_em = 0.8;    // hhea ascender / unitsPerEm
    double descent_em = 0.2;   // positive
    std::uint16_t glyph_count = 0;    // maxp numGlyphs
    std::uint16_t metric_count = 0;   // hhea numberOfHMetrics, >= 1
    std::uint32_t hmtx_offset = 0;
    std::uint16_t notdef_advance = 600;

    /// Glyph id of `cp` in the font's cmap (0: none), looked up in the mapped subtable.
    std::uint16_t glyph(char32_t cp) const noexcept;
    /// True when the cmap maps `cp` (< bmp_size) to a real glyph.
    bool has_glyph(char32_t cp) const noexcept;
    /// Advance of `cp` (< bmp_size) in 1/1000 em, truncated as libharu does for /W, so that our
    /// measures and the widths the viewer uses agree exactly; .notdef's when the font lacks it.
    std::uint16_t advance(char32_t cp) const noexcept;
    /// Pair kerning of `a` followed by `b` (both < bmp_size) in 1/1000 em, truncated toward
    /// zero as advances are, so that measuring and drawing add the same integers.
    int kern(char32_t a, char32_t b) const noexcept;

    /// The file, mapped rather than read: parsing touches only the directory and the cmap, hmtx,
    /// head, hhea and maxp tables, and only a face a document draws with has its outlines read
    /// (by subset_truetype), so unused faces cost address space, not memory.
    base::MappedFile file;
    /// Where a table lies in `file`.
    struct TableRef {
        char tag[4];
        std::uint32_t offset, length;
    };
    /// The tables a PDF embedding keeps (outlines, metrics, hinting, names), sorted by tag as a
    /// table directory must be; checked present and in bounds when the file is parsed.
    std::vector<TableRef> pdf_tables;
    /// Offset in `file` of the format-4 Unicode subtable glyph() reads.
    std::size_t cmap_subtable = 0;
    /// Glyph ids of every BMP code point, read up front only for a subtable whose segments are
    /// out of order or overlap (binary search needs them ordered); empty for sound fonts.
    std::vector<std::uint16_t> gid_table;
    /// The font's pair kerning, found on first use (most faces of a chain are never kerned).
    mutable std::once_flag kern_once;
    mutable KernTable kern_table;
};

class FontLibrary;

/// The fonts of one face (regular, bold, ...) across a family list, first match wins per
/// character. The first usable font is parsed when the chain is made; each later one only when a
/// character all earlier fonts lack is measured or drawn, and each character's pick is settled on
/// its first use. Picks and advances are the same as if every font had been parsed up front.
/// Thread-safe; references to it stay valid for the lifetime of its FontLibrary.
class FaceChain {
public:
    static constexpr std::uint8_t no_face = 0xFF;

    /// Index of the font that draws `cp` (< bmp_size), or no_face when none has it.
    std::uint8_t pick(char32_t cp) const { return static_cast<std::uint8_t>(cell(cp) >> 16); }
    /// Advance of `cp` (< bmp_size) in 1/1000 em from the picked font (else font 0's .notdef).
    std::uint16_t advance(char32_t cp) const { return static_cast<std::uint16_t>(cell(cp)); }
    /// Font `index`: 0 is the first usable one; other indices as pick() returns them.
    const FontFace& face(std::size_t index) const;
    /// Fonts in fallback order, including ones not parsed yet (or found unusable when they were).
    std::size_t size() const noexcept { return slots_.size(); }

    double width(std::string_view utf8, double size_pt) const noexcept;
    /// Kerning in 1/1000 em between `prev` and `c` when one font draws both (0 otherwise, and
    /// after a space, which the layout sets itself).
    int kern(char32_t prev, char32_t c) const noexcept;

    FaceChain(const FaceChain&) = delete;
    FaceChain& operator=(const FaceChain&) = delete;
    ~FaceChain();

private:
    friend class FontLibrary;
    struct Slot {
        std::string path, family;
        const FontFace* face = nullptr;  // once tried: null when the file is unusable
        bool tried = false;
    };
    explicit FaceChain(FontLibrary& lib) : lib_(lib) {}

    /// Settled cells hold settled_bit | pick << 16 | advance; 0 means not settled yet.
    static constexpr std::uint32_t settled_bit = 0x80000000u;
    std::uint32_t cell(char32_t cp) const {
        const std::uint32_t v = std::atomic_ref<std::uint32_t>(cells_[cp]).load(std::memory_order_acquire);
        return v != 0 ? v : settle(cp);
    }
    std::uint32_t settle(char32_t cp) const;
    const FontFace* slot_face(std::size_t index) const;  // caller holds mutex_

    FontLibrary& lib_;
    mutable std::vector<Slot> slots_;    // past slot 0, filled in under mutex_ as fonts are needed
    mutable std::mutex mutex_;
    std::uint32_t* cells_ = nullptr;     // bmp_size cells, calloc'd: untouched pages cost nothing
    /// Kerning of pairs of code points below kern_cached, stored biased by kern_bias (0: not
    /// settled yet); calloc'd like cells_.
    static constexpr std::size_t kern_cached = 0x180;  // Latin-1 and Latin Extended-A
    static constexpr int kern_bias = 0x4000;
    std::uint16_t* kern_cells_ = nullptr;
};

class FontLookupCache;

/// Process-wide font cache. Thread-safe: lookups lock briefly; returned references stay valid for
/// the lifetime of the FontLibrary.
class FontLibrary {
public:
    /// fontconfig's answers are kept between runs in FontLookupCache::default_file().
    FontLibrary();
    /// Keeps fontconfig's answers in `lookup_cache` ("": not kept).
    explicit FontLibrary(const std::filesystem::path& lookup_cache);
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    /// The chain for `families` (CSS-like list; generic names "serif", "sans-serif", "monospace"
    /// allowed) in the given face. Families that fontconfig cannot find as a TrueType (glyf) file are
    /// skipped; when none is found, DejaVu is used. Throws base::Error(Library) when no usable font
    /// exists at all.
    const FaceChain& chain(const std::vector<std::string>& families, layout::Face face);

    /// Writes the answers fontconfig gave since the last call to the lookup cache, if any.
    /// Never throws: the cache only saves time.
    void save_lookups() noexcept;
    /// How many lookups fontconfig answered (the others came from the cache).
    std::size_t fontconfig_queries() const;

private:
    friend class FaceChain;
    /// The file fontconfig gives for `family` in `face`, "" when none; caller holds mutex_.
    std::string find_file(const std::string& family, layout::Face face);
    /// The parsed file, null when it is unusable (CFF, damaged); caller holds mutex_.
    const FontFace* load_locked(const std::string& path, const std::string& family);
    const FontFace* load(const std::string& path, const std::string& family);

    mutable std::mutex mutex_;
    std::unique_ptr<FontLookupCache> cache_;
    std::size_t fontconfig_queries_ = 0;
    std::map<std::string, std::unique_ptr<FontFace>> files_;           // by path; null: unusable
    std::map<std::string, std::string> lookups_;                        // family|face → path or ""
    std::map<std::string, std::unique_ptr<FaceChain>> chains_;          // key → chain
};

/// FontMetrics over the chains of one style: body families for the four text faces, the mono
/// families for Face::Mono, the heading families for the display faces.
class ChainMetrics final : public layout::FontMetrics {
public:
    ChainMetrics(FontLibrary& lib, const std::vector<std::string>& text_families,
                 const std::vector<std::string>& mono_families,
                 const std::vector<std::string>& display_families);
    double text_width(layout::Face face, std::string_view utf8, double size_pt) const override;
    double ascent(layout::Face face, double size_pt) const override;
    double descent(layout::Face face, double size_pt) const override;
    bool has_glyph(layout::Face face, char32_t cp) const override;

    const FaceChain& chain(layout::Face face) const { return *chains_[static_cast<std::size_t>(face)]; }

private:
    std::array<const FaceChain*, layout::face_count> chains_{};
};

/// Parses a TrueType file; throws base::Error(Library) when it is not a glyf-outline TrueType font.
std::unique_ptr<FontFace> parse_truetype(const std::string& path);

/// A font holding only the glyphs that draw `codes` (sorted BMP code points), renumbered from 1
/// in code order after .notdef, with the components of composite glyphs, its cmap mapping
/// exactly those codes: what one document embeds. Cut straight from the mapped file: the tables
/// of FontFace::pdf_tables, `post` reduced to format 3.0 and `name` to the records a PDF consumer
/// uses, with a fresh table directory and checksums. Empty when the outlines cannot be read.
/// Without `hinting` the TrueType instructions are left out (the cvt, fpgm and prep tables and
/// each glyph's own), as WeasyPrint does by default: they steer screen rasterisers at small
/// sizes only, print never uses them, and they are about half of a hinted face's subset.
std::string subset_truetype(const FontFace& face, const std::vector<std::uint16_t>& codes, bool hinting = false);

}  // namespace folio::pdf
