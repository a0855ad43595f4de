// Fonts for the PDF: families found through fontconfig, TrueType files mapped and parsed once per
// process (cmap, advances, vertical metrics) into 64K tables, and fallback chains that measure text.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/mapped_file.hpp"
#include "layout/font_metrics.hpp"

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
    /// Advance of each BMP code point in 1/1000 em, truncated as libharu does for /W, so that our
    /// measures and the widths the viewer uses agree exactly.
    std::vector<std::uint16_t> advance;
    /// Glyph id of each BMP code point in the font's cmap (0: none).
    std::vector<std::uint16_t> gid;
    /// 1 when the cmap maps the code point to a real glyph.
    std::vector<std::uint8_t> has;
    std::uint16_t notdef_advance = 600;

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
    /// Offset in `file` of the format-4 Unicode subtable `gid` was read from.
    std::size_t cmap_subtable = 0;
};

/// The fonts of one face (regular, bold, ...) across a family list, first match wins per
/// character. Immutable once built.
struct FaceChain {
    std::vector<const FontFace*> faces;  // in fallback order; never empty
    /// Index into `faces` of the font that draws each BMP code point (no_face: none has it).
    std::vector<std::uint8_t> pick;
    /// Advance in 1/1000 em of each BMP code point, from the picked font (else faces[0]'s .notdef).
    std::vector<std::uint16_t> advance;
    static constexpr std::uint8_t no_face = 0xFF;

    double width(std::string_view utf8, double size_pt) const noexcept;
};

/// Process-wide font cache. Thread-safe: lookups lock briefly; returned references stay valid for
/// the lifetime of the FontLibrary.
class FontLibrary {
public:
    /// The chain for `families` (CSS-like list; generic names "serif", "sans-serif", "monospace"
    /// allowed) in the given face. Families that fontconfig cannot find as a TrueType (glyf) file are
    /// skipped; when none is found, DejaVu is used. Throws base::Error(Library) when no usable font
    /// exists at all.
    const FaceChain& chain(const std::vector<std::string>& families, layout::Face face);

private:
    const FontFace* face_file(const std::string& family, layout::Face face);

    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<FontFace>> files_;           // by path
    std::map<std::string, const FontFace*> lookups_;                    // family|face → file or null
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
std::string subset_truetype(const FontFace& face, const std::vector<std::uint16_t>& codes);

}  // namespace folio::pdf
