// Font lookup (fontconfig), TrueType parsing (cmap format 4, the table libharu itself uses,
// horizontal advances, vertical metrics) from mapped files, and the per-document subset font files.
#include "pdf/fonts.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>

#include "base/error.hpp"
#include "base/mapped_file.hpp"
#include "base/utf8.hpp"
#include "pdf/font_cache.hpp"

namespace folio::pdf {
namespace {

/// Families tried after the style's own, for characters none of those has (and used alone when
/// none of the style's families exists): Debian's fonts-dejavu-core comes with fontconfig itself,
/// and DejaVu Sans covers the most scripts and symbols of the TrueType fonts Debian ships.
const std::vector<std::string>& last_resort_families() {
    static const std::vector<std::string> f{"DejaVu Sans", "DejaVu Serif"};
    return f;
}

/// A TrueType file larger than this is refused (the largest Debian TrueType fonts folio meets are
/// ~25 MB CJK fonts; anything far beyond is not a font worth mapping).
constexpr std::size_t max_font_file_bytes = 64u << 20;

struct Reader {
    std::string_view data;
    bool ok(std::size_t off, std::size_t n) const { return off <= data.size() && n <= data.size() - off; }
    std::uint16_t u16(std::size_t off) const {
        if (!ok(off, 2)) return 0;
        return static_cast<std::uint16_t>((static_cast<unsigned char>(data[off]) << 8) |
                                          static_cast<unsigned char>(data[off + 1]));
    }
    std::int16_t i16(std::size_t off) const { return static_cast<std::int16_t>(u16(off)); }
    std::uint32_t u32(std::size_t off) const {
        return (static_cast<std::uint32_t>(u16(off)) << 16) | u16(off + 2);
    }
};

struct Table {
    std::size_t offset = 0, length = 0;
    bool found = false;
};

Table find_table(const Reader& r, const char* tag) {
    const std::uint16_t n = r.u16(4);
    for (std::uint16_t i = 0; i < n; ++i) {
        const std::size_t rec = 12 + 16u * i;
        if (!r.ok(rec, 16)) break;
        if (std::memcmp(r.data.data() + rec, tag, 4) == 0) {
            Table t{r.u32(rec + 8), r.u32(rec + 12), true};
            if (!r.ok(t.offset, t.length)) return {};
            return t;
        }
    }
    return {};
}

/// The segment arrays of a format-4 cmap subtable.
struct Cmap4 {
    std::size_t seg_count, ends, starts, deltas, ranges;
    Cmap4(const Reader& r, std::size_t sub)
        : seg_count(r.u16(sub + 6) / 2), ends(sub + 14), starts(ends + 2 * seg_count + 2),
          deltas(starts + 2 * seg_count), ranges(deltas + 2 * seg_count) {}
    std::uint32_t start(const Reader& r, std::size_t s) const { return r.u16(starts + 2 * s); }
    std::uint32_t end(const Reader& r, std::size_t s) const { return r.u16(ends + 2 * s); }
    /// The glyph segment `s` gives `c` (start <= c <= end).
    std::uint16_t glyph(const Reader& r, std::size_t s, std::uint32_t c) const {
        const std::uint16_t delta = r.u16(deltas + 2 * s), range = r.u16(ranges + 2 * s);
        if (range == 0) return static_cast<std::uint16_t>(c + delta);
        const std::uint16_t g = r.u16(ranges + 2 * s + range + 2 * (c - start(r, s)));
        return g != 0 ? static_cast<std::uint16_t>(g + delta) : 0;
    }
    /// True when the segments are disjoint and in code order, as the format requires: then the one
    /// segment holding a code is found by binary search.
    bool ordered(const Reader& r) const {
        for (std::size_t s = 0; s < seg_count; ++s)
            if (start(r, s) > end(r, s) || (s > 0 && start(r, s) <= end(r, s - 1))) return false;
        return true;
    }
};

/// Glyph ids of all BMP code points, for a subtable whose segments are out of order or overlap:
/// segments are applied in file order, a later one overriding an earlier one.
std::vector<std::uint16_t> read_cmap4(const Reader& r, std::size_t sub) {
    std::vector<std::uint16_t> gid(bmp_size, 0);
    const Cmap4 m(r, sub);
    for (std::size_t s = 0; s < m.seg_count; ++s) {
        const std::uint32_t start = m.start(r, s), end = m.end(r, s);
        if (start > end) continue;
        for (std::uint32_t c = start; c <= end && c < 0xFFFF; ++c) gid[c] = m.glyph(r, s, c);
    }
    return gid;
}

/// A glyph's advance in 1/1000 em, truncated as libharu does for /W; glyphs past the last long
/// metric share its advance.
std::uint16_t glyph_advance(const FontFace& f, std::size_t g) {
    const Reader r{f.file.bytes()};
    const std::size_t i = std::min<std::size_t>(g, f.metric_count - 1u);
    const std::uint32_t adv = r.u16(f.hmtx_offset + 4 * i);
    return static_cast<std::uint16_t>(adv * 1000u / static_cast<std::uint32_t>(f.units_per_em));
}

std::string face_key(const std::string& family, layout::Face face) {
    return family + '|' + std::to_string(static_cast<int>(face));
}

bool is_generic(std::string_view f) {
    return f == "serif" || f == "sans-serif" || f == "monospace" || f == "sans" || f == "mono";
}

std::string lower(std::string_view s) { return base::utf8::to_lower(s); }


/// fontconfig's configuration, loaded once per process, and only when a lookup is not answered
/// by the cache.
FcConfig* fc_config() {
    static FcConfig* config = [] {
        FcConfig* c = FcInitLoadConfigAndFonts();
        if (!c) throw base::Error(base::ErrorCode::Library, "fontconfig could not load its configuration");
        return c;
    }();
    return config;
}


void put16(std::string& out, std::size_t at, std::uint32_t v) {
    out[at] = static_cast<char>((v >> 8) & 0xFF);
    out[at + 1] = static_cast<char>(v & 0xFF);
}
void put32(std::string& out, std::size_t at, std::uint32_t v) {
    put16(out, at, v >> 16);
    put16(out, at + 2, v & 0xFFFF);
}
void append16(std::string& out, std::uint32_t v) {
    out.append(2, '\0');
    put16(out, out.size() - 2, v);
}
void append32(std::string& out, std::uint32_t v) {
    out.append(4, '\0');
    put32(out, out.size() - 4, v);
}

/// The TrueType checksum: the sum of the big-endian 32-bit words, the last one zero-padded.
std::uint32_t table_checksum(std::string_view t) {
    const auto* p = reinterpret_cast<const unsigned char*>(t.data());
    const std::size_t whole = t.size() & ~std::size_t{3};
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < whole; i += 4)
        sum += (std::uint32_t{p[i]} << 24) | (std::uint32_t{p[i + 1]} << 16) | (std::uint32_t{p[i + 2]} << 8) | p[i + 3];
    std::uint32_t last = 0;
    for (std::size_t k = 0; k < 4; ++k) last = (last << 8) | (whole + k < t.size() ? p[whole + k] : 0u);
    return whole == t.size() ? sum : sum + last;
}

/// The `name` records a PDF consumer uses (family, subfamily, unique id, full name, version,
/// PostScript name); the copyright, licence and description texts are dropped.
constexpr std::uint16_t max_kept_name_id = 6;

std::string slim_name(const Reader& r, const Table& t) {
    const std::size_t count = r.u16(t.offset + 2);
    const std::size_t strings = t.offset + r.u16(t.offset + 4);
    std::string records, storage;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t rec = t.offset + 6 + 12 * i;
        if (rec + 12 > t.offset + t.length) break;
        if (r.u16(rec + 6) > max_kept_name_id) continue;
        const std::size_t len = r.u16(rec + 8), off = strings + r.u16(rec + 10);
        if (!r.ok(off, len) || off + len > t.offset + t.length) continue;
        records.append(r.data.substr(rec, 8));
        append16(records, len);
        append16(records, storage.size());
        storage.append(r.data.substr(off, len));
        ++kept;
    }
    std::string out;
    append16(out, 0);
    append16(out, kept);
    append16(out, 6 + records.size());
    return out + records + storage;
}

/// A font file from its tables (sorted by tag): directory with searchRange fields, each table
/// 4-byte aligned with its checksum, and head's checkSumAdjustment.
std::string assemble_font(const std::vector<std::pair<const char*, std::string>>& tables) {
    const std::size_t n = tables.size();
    std::uint16_t entry_selector = 0;
    while ((2u << entry_selector) <= n) ++entry_selector;
    const std::uint16_t search_range = static_cast<std::uint16_t>(16u << entry_selector);
    std::string out;
    append32(out, 0x00010000u);
    append16(out, n);
    append16(out, search_range);
    append16(out, entry_selector);
    append16(out, 16 * n - search_range);
    std::size_t offset = 12 + 16 * n;
    std::size_t head_at = 0;
    for (const auto& [tag, body] : tables) {
        out.append(tag, 4);
        append32(out, table_checksum(body));
        append32(out, offset);
        append32(out, body.size());
        if (std::string_view(tag, 4) == "head") head_at = offset;
        offset += (body.size() + 3) & ~std::size_t{3};
    }
    for (const auto& t : tables) {
        out += t.second;
        out.append((4 - t.second.size() % 4) % 4, '\0');
    }
    put32(out, head_at + 8, 0xB1B0AFBAu - table_checksum(out));
    return out;
}

}  // namespace

std::string subset_truetype(const FontFace& face, const std::vector<std::uint16_t>& codes, bool hinting) {
    const std::string_view file = face.file.bytes();
    const Reader r{file};
    auto table = [&](std::string_view tag) -> Table {
        for (const FontFace::TableRef& t : face.pdf_tables)
            if (std::string_view(t.tag, 4) == tag) return r.ok(t.offset, t.length) ? Table{t.offset, t.length, true} : Table{};
        return {};
    };
    const Table head = table("head"), hhea = table("hhea"), maxp = table("maxp"), loca = table("loca"),
                glyf = table("glyf"), hmtx = table("hmtx");
    if (!head.found || !hhea.found || !maxp.found || !loca.found || !glyf.found || !hmtx.found) return {};
    if (head.length < 54 || hhea.length < 36 || maxp.length < 6) return {};
    const bool long_loca = r.i16(head.offset + 50) != 0;
    const std::size_t n_glyphs = r.u16(maxp.offset + 4), n_metrics = r.u16(hhea.offset + 34);
    if (n_glyphs == 0 || n_metrics == 0 || n_metrics > n_glyphs) return {};
    if (loca.length < (n_glyphs + 1) * (long_loca ? 4u : 2u) || hmtx.length < 4 * n_metrics + 2 * (n_glyphs - n_metrics))
        return {};
    auto glyph_at = [&](std::size_t g) -> std::pair<std::size_t, std::size_t> {  // offset in glyf, length
        const std::size_t a = long_loca ? r.u32(loca.offset + 4 * g) : 2u * r.u16(loca.offset + 2 * g);
        const std::size_t b = long_loca ? r.u32(loca.offset + 4 * g + 4) : 2u * r.u16(loca.offset + 2 * g + 2);
        if (b < a || b > glyf.length) return {0, 0};
        return {a, b - a};
    };

    // Old glyph ids in new order; composite glyphs pull in their components.
    std::vector<std::uint16_t> olds{0};
    std::vector<std::uint16_t> renumber(n_glyphs, 0);
    auto add = [&](std::uint16_t g) {
        if (g == 0 || g >= n_glyphs || renumber[g] != 0) return;
        renumber[g] = static_cast<std::uint16_t>(olds.size());
        olds.push_back(g);
    };
    for (std::uint16_t c : codes) add(face.glyph(c));
    // libharu reads the boxes of 'H' and 'x' for the descriptor's CapHeight and XHeight.
    const std::uint16_t cap_x[] = {'H', 'x'};
    for (std::uint16_t c : cap_x) add(face.glyph(c));
    // Component flags (TrueType glyf): argument size, scale forms, more components.
    constexpr std::uint16_t args_are_words = 0x0001, have_scale = 0x0008, more_components = 0x0020,
                            have_xy_scale = 0x0040, have_2x2 = 0x0080;
    std::vector<std::size_t> component_refs;  // per new glyph, filled below
    for (std::size_t i = 0; i < olds.size(); ++i) {
        const auto [off, len] = glyph_at(olds[i]);
        if (len < 10 || r.i16(glyf.offset + off) >= 0) continue;
        std::size_t at = glyf.offset + off + 10;
        const std::size_t end = glyf.offset + off + len;
        for (;;) {
            if (at + 4 > end) break;
            const std::uint16_t flags = r.u16(at);
            add(r.u16(at + 2));
            at += 4 + ((flags & args_are_words) ? 4 : 2);
            at += (flags & have_scale) ? 2 : (flags & have_xy_scale) ? 4 : (flags & have_2x2) ? 8 : 0;
            if (!(flags & more_components)) break;
        }
    }

    constexpr std::uint16_t have_instructions = 0x0100;
    std::string new_glyf, new_loca, new_hmtx;
    append32(new_loca, 0);
    for (std::uint16_t g : olds) {
        const auto [off, len] = glyph_at(g);
        const std::size_t start = new_glyf.size();
        const std::string_view src = file.substr(glyf.offset + off, len);
        const std::int16_t contours = len >= 10 ? r.i16(glyf.offset + off) : 0;
        // A simple glyph: header, contour ends, instruction length, instructions, then points
        // (a glyph of no contour may still carry instructions).
        const std::size_t ends = 10 + 2 * static_cast<std::size_t>(std::max<std::int16_t>(contours, 0));
        if (!hinting && len >= ends + 2 && contours >= 0 && len >= ends + 2 + r.u16(glyf.offset + off + ends)) {
            new_glyf.append(src.substr(0, ends));
            append16(new_glyf, 0);
            new_glyf.append(src.substr(ends + 2 + r.u16(glyf.offset + off + ends)));
        } else {
            new_glyf.append(src);
        }
        if (contours < 0) {
            std::size_t at = start + 10;
            for (;;) {
                if (at + 4 > new_glyf.size()) break;
                const Reader w{new_glyf};
                const std::uint16_t flags = w.u16(at);
                const std::uint16_t comp = w.u16(at + 2);
                put16(new_glyf, at + 2, comp < n_glyphs ? renumber[comp] : 0);
                if (!hinting) put16(new_glyf, at, flags & ~have_instructions);
                at += 4 + ((flags & args_are_words) ? 4 : 2);
                at += (flags & have_scale) ? 2 : (flags & have_xy_scale) ? 4 : (flags & have_2x2) ? 8 : 0;
                if (!(flags & more_components)) {
                    // The composite's own instructions follow its last component.
                    if (!hinting && (flags & have_instructions) && at <= new_glyf.size()) new_glyf.resize(at);
                    break;
                }
            }
        }
        new_glyf.append((4 - new_glyf.size() % 4) % 4, '\0');
        append32(new_loca, new_glyf.size());
        const std::size_t m = std::min<std::size_t>(g, n_metrics - 1);
        append16(new_hmtx, r.u16(hmtx.offset + 4 * m));
        append16(new_hmtx, g < n_metrics ? r.u16(hmtx.offset + 4 * g + 2)
                                          : r.u16(hmtx.offset + 4 * n_metrics + 2 * (g - n_metrics)));
    }

    // cmap format 4: runs of consecutive codes with consecutive new glyph ids, then 0xFFFF.
    std::vector<std::uint16_t> mapped(codes.begin(), codes.end());
    for (std::uint16_t c : cap_x) mapped.push_back(c);
    std::sort(mapped.begin(), mapped.end());
    mapped.erase(std::unique(mapped.begin(), mapped.end()), mapped.end());
    struct Segment {
        std::uint16_t start, end, delta;
    };
    std::vector<Segment> segments;
    for (std::uint16_t c : mapped) {
        const std::uint16_t old = face.glyph(c);
        const std::uint16_t g = old < n_glyphs ? renumber[old] : 0;
        if (g == 0 || c == 0xFFFF) continue;
        const auto delta = static_cast<std::uint16_t>(g - c);
        if (!segments.empty() && segments.back().end + 1 == c && segments.back().delta == delta)
            segments.back().end = c;
        else
            segments.push_back({c, c, delta});
    }
    segments.push_back({0xFFFF, 0xFFFF, 1});
    const std::size_t seg_count = segments.size();
    std::uint16_t entry_selector = 0;
    while ((2u << entry_selector) <= seg_count) ++entry_selector;
    const std::size_t search_range = 2u << entry_selector;
    std::string sub;
    append16(sub, 4);
    append16(sub, 16 + 8 * seg_count);
    append16(sub, 0);
    append16(sub, 2 * seg_count);
    append16(sub, search_range);
    append16(sub, entry_selector);
    append16(sub, 2 * seg_count - search_range);
    for (const auto& sg : segments) append16(sub, sg.end);
    append16(sub, 0);
    for (const auto& sg : segments) append16(sub, sg.start);
    for (const auto& sg : segments) append16(sub, sg.delta);
    for (std::size_t i = 0; i < seg_count; ++i) append16(sub, 0);
    std::string new_cmap;
    append16(new_cmap, 0);
    append16(new_cmap, 1);
    append16(new_cmap, 3);
    append16(new_cmap, 1);
    append32(new_cmap, 12);
    new_cmap += sub;

    std::vector<std::pair<const char*, std::string>> tables;
    const std::uint16_t n_new = static_cast<std::uint16_t>(olds.size());
    for (const FontFace::TableRef& ref : face.pdf_tables) {
        const std::string_view tv(ref.tag, 4);
        const Table t{ref.offset, ref.length, true};
        if (!r.ok(t.offset, t.length)) return {};
        // Left out, the hinting tables stay in the directory, empty (below).
        if (!hinting && (tv == "cvt " || tv == "fpgm" || tv == "prep")) continue;
        std::string body;
        if (tv == "glyf") body = std::move(new_glyf);
        else if (tv == "loca") body = std::move(new_loca);
        else if (tv == "hmtx") body = std::move(new_hmtx);
        else if (tv == "cmap") body = std::move(new_cmap);
        else if (tv == "name") body = slim_name(r, t);
        else if (tv == "post") {
            // Format 3.0: no glyph names. Angle, underline and pitch are kept.
            if (t.length < 16) return {};
            append32(body, 0x00030000u);
            body.append(file.substr(t.offset + 4, 12));
            body.append(16, '\0');
        } else body.assign(file.substr(t.offset, t.length));
        if (tv == "head") {
            put32(body, 8, 0);  // checkSumAdjustment, set by assemble_font
            put16(body, 50, 1);  // long loca
        } else if (tv == "hhea") put16(body, 34, n_new);
        else if (tv == "maxp") {
            put16(body, 4, n_new);
            // Version 1.0 also sizes the instructions' machine: one zone, no storage, functions
            // or stack left to reserve.
            if (!hinting && body.size() >= 28 && Reader{body}.u32(0) == 0x00010000u) {
                put16(body, 14, 1);
                for (std::size_t at = 16; at <= 26; at += 2) put16(body, at, 0);
            }
        }
        tables.emplace_back(ref.tag, std::move(body));
    }
    // libharu writes all thirteen tables it knows, an absent one empty, under the directory
    // fields (searchRange, entrySelector, rangeShift) of the font it was given: that font lists
    // all thirteen too, so that the fields fit the directory libharu writes.
    for (const char* tag : {"cvt ", "fpgm", "prep"}) {
        const bool listed = std::any_of(tables.begin(), tables.end(),
                                        [&](const auto& t) { return std::string_view(t.first, 4) == tag; });
        if (!listed) tables.emplace_back(tag, std::string());
    }
    std::sort(tables.begin(), tables.end(),
              [](const auto& a, const auto& b) { return std::string_view(a.first, 4) < std::string_view(b.first, 4); });
    return assemble_font(tables);
}

std::unique_ptr<FontFace> parse_truetype(const std::string& path) {
    auto f = std::make_unique<FontFace>();
    f->file = base::MappedFile(path, max_font_file_bytes);
    const Reader r{f->file.bytes()};
    const std::uint32_t version = r.u32(0);
    if (version != 0x00010000u && version != 0x74727565u)  // 1.0 or 'true'; 'OTTO' is CFF
        throw base::Error(base::ErrorCode::Library, "not a TrueType (glyf) font", path);
    const Table head = find_table(r, "head"), hhea = find_table(r, "hhea"), hmtx = find_table(r, "hmtx"),
                cmap = find_table(r, "cmap"), glyf = find_table(r, "glyf"), maxp = find_table(r, "maxp");
    if (!head.found || !hhea.found || !hmtx.found || !cmap.found || !glyf.found || !maxp.found)
        throw base::Error(base::ErrorCode::Library, "TrueType font lacks a required table", path);

    f->path = path;
    f->units_per_em = r.u16(head.offset + 18);
    if (f->units_per_em < 16) throw base::Error(base::ErrorCode::Library, "bad unitsPerEm", path);
    f->ascent_em = static_cast<double>(r.i16(hhea.offset + 4)) / f->units_per_em;
    f->descent_em = -static_cast<double>(r.i16(hhea.offset + 6)) / f->units_per_em;
    const std::size_t n_metrics = r.u16(hhea.offset + 34);
    const std::size_t n_glyphs = r.u16(maxp.offset + 4);
    if (n_metrics == 0) throw base::Error(base::ErrorCode::Library, "font has no horizontal metrics", path);
    f->glyph_count = static_cast<std::uint16_t>(n_glyphs);
    f->metric_count = static_cast<std::uint16_t>(n_metrics);
    f->hmtx_offset = static_cast<std::uint32_t>(hmtx.offset);

    const std::uint16_t n_sub = r.u16(cmap.offset + 2);
    std::size_t best = 0;
    for (std::uint16_t i = 0; i < n_sub; ++i) {
        const std::size_t rec = cmap.offset + 4 + 8u * i;
        const std::uint16_t platform = r.u16(rec), encoding = r.u16(rec + 2);
        const std::size_t sub = cmap.offset + r.u32(rec + 4);
        if (r.u16(sub) != 4) continue;
        if (platform == 3 && encoding == 1) { best = sub; break; }
        if (platform == 0 && best == 0) best = sub;
    }
    if (best == 0) throw base::Error(base::ErrorCode::Library, "font has no Unicode cmap (format 4)", path);
    f->cmap_subtable = best;
    if (!Cmap4(r, best).ordered(r)) f->gid_table = read_cmap4(r, best);
    // The tables libharu writes into a PDF, sorted by tag (cvt, fpgm and prep are optional: fonts
    // without hinting lack them). Only the directory is read here; subset_truetype copies them.
    static constexpr const char* pdf_tags[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                               "hmtx", "loca", "maxp", "name", "post", "prep"};
    for (const char* tag : pdf_tags) {
        const Table t = find_table(r, tag);
        const std::string_view tv = tag;
        if (!t.found && (tv == "cvt " || tv == "fpgm" || tv == "prep")) continue;
        const bool usable = t.found && (tv != "post" || t.length >= 16) && (tv != "head" || t.length >= 12) &&
                            (tv != "cmap" || r.ok(best, r.u16(best + 2)));
        if (!usable) throw base::Error(base::ErrorCode::Library, "TrueType font lacks a table PDFs need", path);
        FontFace::TableRef ref{{tag[0], tag[1], tag[2], tag[3]}, static_cast<std::uint32_t>(t.offset),
                               static_cast<std::uint32_t>(t.length)};
        f->pdf_tables.push_back(ref);
    }

    f->notdef_advance = glyph_advance(*f, 0);
    return f;
}

std::uint16_t FontFace::glyph(char32_t cp) const noexcept {
    if (!gid_table.empty()) return cp < bmp_size ? gid_table[cp] : 0;
    if (cp >= 0xFFFF) return 0;  // the terminating segment's code maps nothing
    const Reader r{file.bytes()};
    const Cmap4 m(r, cmap_subtable);
    std::size_t lo = 0, hi = m.seg_count;  // first segment ending at or after cp
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (m.end(r, mid) < cp) lo = mid + 1;
        else hi = mid;
    }
    if (lo == m.seg_count || m.start(r, lo) > cp) return 0;
    return m.glyph(r, lo, cp);
}

bool FontFace::has_glyph(char32_t cp) const noexcept {
    const std::uint16_t g = glyph(cp);
    return g != 0 && g < glyph_count;
}

int FontFace::kern(char32_t a, char32_t b) const noexcept {
    std::call_once(kern_once, [this] { kern_table = KernTable::read(file.bytes()); });
    if (kern_table.empty()) return 0;
    const int units = kern_table.adjust(glyph(a), glyph(b));
    return units * 1000 / units_per_em;  // C++ division truncates toward zero
}

std::uint16_t FontFace::advance(char32_t cp) const noexcept {
    const std::uint16_t g = glyph(cp);
    return g != 0 && g < glyph_count ? glyph_advance(*this, g) : notdef_advance;
}

FaceChain::~FaceChain() {
    std::free(cells_);
    std::free(kern_cells_);
}

std::uint32_t FaceChain::settle(char32_t cp) const {
    std::lock_guard lock(mutex_);
    std::atomic_ref<std::uint32_t> cell(cells_[cp]);
    if (const std::uint32_t v = cell.load(std::memory_order_relaxed); v != 0) return v;
    std::uint32_t v = settled_bit | std::uint32_t{no_face} << 16 | slots_[0].face->notdef_advance;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        const FontFace* f = slot_face(i);
        if (f && f->has_glyph(cp)) {
            v = settled_bit | static_cast<std::uint32_t>(i) << 16 | f->advance(cp);
            break;
        }
    }
    cell.store(v, std::memory_order_release);
    return v;
}

const FontFace* FaceChain::slot_face(std::size_t index) const {
    Slot& slot = slots_[index];
    if (!slot.tried) {
        slot.face = lib_.load(slot.path, slot.family);
        slot.tried = true;
    }
    return slot.face;
}

const FontFace& FaceChain::face(std::size_t index) const {
    if (index == 0 || index >= slots_.size()) return *slots_[0].face;
    std::lock_guard lock(mutex_);
    const FontFace* f = slot_face(index);
    return f ? *f : *slots_[0].face;
}

double FaceChain::width(std::string_view s, double size_pt) const noexcept {
    std::int64_t units = 0;
    char32_t prev = 0;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char b = static_cast<unsigned char>(s[i]);
        char32_t c = b;
        if (b < 0x80) ++i;
        else c = base::utf8::decode(s, i);
        if (c >= bmp_size) continue;
        units += advance(c);
        units += kern(prev, c);
        prev = c;
    }
    return static_cast<double>(units) * size_pt / 1000.0;
}

int FaceChain::kern(char32_t prev, char32_t c) const noexcept {
    if (prev == 0 || c == ' ' || prev == ' ') return 0;
    // Pairs of Latin-1 characters, nearly all a text measures, are settled once per chain: the
    // font's lookups walk several tables per pair.
    const bool cached = prev < kern_cached && c < kern_cached;
    if (cached) {
        const std::uint16_t v = std::atomic_ref<std::uint16_t>(kern_cells_[prev * kern_cached + c]).load(std::memory_order_relaxed);
        if (v != 0) return static_cast<int>(v) - kern_bias;
    }
    int k = 0;
    const std::uint8_t p = pick(c);
    if (p != no_face && pick(prev) == p) k = face(p).kern(prev, c);
    if (cached && k > -kern_bias && k < 0xFFFF - kern_bias)
        std::atomic_ref<std::uint16_t>(kern_cells_[prev * kern_cached + c])
            .store(static_cast<std::uint16_t>(k + kern_bias), std::memory_order_relaxed);
    return k;
}

FontLibrary::FontLibrary() : FontLibrary(FontLookupCache::default_file()) {}

FontLibrary::FontLibrary(const std::filesystem::path& lookup_cache)
    : cache_(std::make_unique<FontLookupCache>(lookup_cache)) {}

FontLibrary::~FontLibrary() = default;

void FontLibrary::save_lookups() noexcept {
    std::lock_guard lock(mutex_);
    if (!cache_->dirty()) return;
    try {
        cache_->save(fontconfig_watch_list(fc_config()));
    } catch (...) {
        // Only a cache: the run goes on without it.
    }
}

std::size_t FontLibrary::fontconfig_queries() const {
    std::lock_guard lock(mutex_);
    return fontconfig_queries_;
}

std::string FontLibrary::find_file(const std::string& family, layout::Face face) {
    const std::string key = face_key(family, face);
    if (auto it = lookups_.find(key); it != lookups_.end()) return it->second;
    if (auto cached = cache_->find(key)) return lookups_.emplace(key, std::move(*cached)).first->second;
    ++fontconfig_queries_;

    FcConfig* config = fc_config();
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    using layout::Face;
    const bool bold = face == Face::Bold || face == Face::BoldItalic || face == Face::DisplayBold ||
                      face == Face::DisplayBoldItalic;
    const bool italic = face == Face::Italic || face == Face::BoldItalic || face == Face::DisplayItalic ||
                        face == Face::DisplayBoldItalic;
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(config, pat, &result);
    FcPatternDestroy(pat);

    std::string path;
    if (match) {
        FcChar8* file = nullptr;
        bool family_ok = is_generic(lower(family));
        for (int i = 0; !family_ok; ++i) {
            FcChar8* fam = nullptr;
            if (FcPatternGetString(match, FC_FAMILY, i, &fam) != FcResultMatch) break;
            family_ok = lower(reinterpret_cast<const char*>(fam)) == lower(family);
        }
        if (family_ok && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
            path = reinterpret_cast<const char*>(file);
        FcPatternDestroy(match);
    }
    cache_->record(key, path);
    lookups_.emplace(key, path);
    return path;
}

const FontFace* FontLibrary::load_locked(const std::string& path, const std::string& family) {
    if (auto it = files_.find(path); it != files_.end()) return it->second.get();
    std::unique_ptr<FontFace> parsed;
    try {
        parsed = parse_truetype(path);
        parsed->family = family;
    } catch (const base::Error&) {
        parsed.reset();  // CFF or damaged: the family is skipped like a missing one
    }
    return files_.emplace(path, std::move(parsed)).first->second.get();
}

const FontFace* FontLibrary::load(const std::string& path, const std::string& family) {
    std::lock_guard lock(mutex_);
    return load_locked(path, family);
}

const FaceChain& FontLibrary::chain(const std::vector<std::string>& families, layout::Face face) {
    std::lock_guard lock(mutex_);
    std::string key = std::to_string(static_cast<int>(face));
    for (const auto& f : families) key += '|' + f;
    if (auto it = chains_.find(key); it != chains_.end()) return *it->second;

    std::unique_ptr<FaceChain> c(new FaceChain(*this));
    auto add = [&](const std::string& family) {
        std::string path = find_file(family, face);
        if (path.empty()) return;
        for (const auto& s : c->slots_)
            if (s.path == path) return;
        // Until the chain has a usable first font, each candidate is parsed now (an unusable one
        // is dropped, as it would never be picked); the later ones wait until they are needed.
        if (c->slots_.empty() && !load_locked(path, family)) return;
        c->slots_.push_back({path, family, nullptr, false});
    };
    for (const auto& f : families)
        if (c->slots_.size() < 32) add(f);
    for (const auto& f : last_resort_families()) add(f);
    if (c->slots_.empty())
        throw base::Error(base::ErrorCode::Library, "no usable TrueType font found through fontconfig "
                                                    "(install fonts-dejavu-core)");
    c->slots_[0].face = load_locked(c->slots_[0].path, c->slots_[0].family);
    c->slots_[0].tried = true;
    c->cells_ = static_cast<std::uint32_t*>(std::calloc(bmp_size, sizeof(std::uint32_t)));
    if (!c->cells_) throw std::bad_alloc();
    c->kern_cells_ = static_cast<std::uint16_t*>(std::calloc(FaceChain::kern_cached * FaceChain::kern_cached, sizeof(std::uint16_t)));
    if (!c->kern_cells_) throw std::bad_alloc();
    const FaceChain& ref = *c;
    chains_.emplace(std::move(key), std::move(c));
    return ref;
}

ChainMetrics::ChainMetrics(FontLibrary& lib, const std::vector<std::string>& text_families,
                           const std::vector<std::string>& mono_families,
                           const std::vector<std::string>& display_families) {
    using layout::Face;
    chains_[0] = &lib.chain(text_families, Face::Regular);
    chains_[1] = &lib.chain(text_families, Face::Bold);
    chains_[2] = &lib.chain(text_families, Face::Italic);
    chains_[3] = &lib.chain(text_families, Face::BoldItalic);
    chains_[4] = &lib.chain(mono_families, Face::Mono);
    chains_[5] = &lib.chain(display_families, Face::Regular);
    chains_[6] = &lib.chain(display_families, Face::Bold);
    chains_[7] = &lib.chain(display_families, Face::Italic);
    chains_[8] = &lib.chain(display_families, Face::BoldItalic);
    lib.save_lookups();
}

double ChainMetrics::text_width(layout::Face face, std::string_view utf8, double size_pt) const {
    return chain(face).width(utf8, size_pt);
}
double ChainMetrics::ascent(layout::Face face, double size_pt) const {
    return chain(face).face(0).ascent_em * size_pt;
}
double ChainMetrics::descent(layout::Face face, double size_pt) const {
    return chain(face).face(0).descent_em * size_pt;
}
bool ChainMetrics::has_glyph(layout::Face face, char32_t cp) const {
    return cp < bmp_size && chain(face).pick(cp) != FaceChain::no_face;
}

}  // namespace folio::pdf
