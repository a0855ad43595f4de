// The typographic cover: cairo draws title, rule, subtitle, authors and date band by band on a
// small image surface, and the bands are written as PNG here. Fonts are opened by file
// (fontconfig's match for the style's families), so the picture depends on the installed fonts
// and cairo, never on the time or the locale.
#include "epub/cover.hpp"

#include <cairo-ft.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

#include "base/deflate.hpp"
#include "base/error.hpp"
#include "base/utf8.hpp"
#include "epub/resources.hpp"

namespace folio::epub {
namespace {

/// Proportions of the page, in units of a 1600 x 2400 picture (scaled to the real size).
constexpr double margin_px = 160;
constexpr double title_top_px = 640;     // first title baseline sits below the upper third's start
constexpr double title_max_px = 150;     // largest title size; shrunk until it fits
constexpr double title_min_px = 72;
constexpr int title_max_lines = 5;
constexpr double rule_px = 3;
constexpr double subtitle_px = 64;
constexpr double author_px = 64;
constexpr double date_px = 48;
constexpr double footer_base_px = 2400 - 260;  // baseline of the last line (the date)

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct PatternDeleter {
    void operator()(FcPattern* p) const noexcept { FcPatternDestroy(p); }
};
struct OptionsDeleter {
    void operator()(cairo_font_options_t* o) const noexcept { cairo_font_options_destroy(o); }
};

/// The face of `families` in the wanted style, opened from its file; null when none is installed
/// (cairo's default face is used then). Faces live for the whole process, shared by every thread
/// (cairo locks its font caches): a batch opens each font file once, not once per book.
cairo_font_face_t* face_for(const std::vector<std::string>& families, bool bold, bool italic) {
    static std::mutex mutex;
    static std::map<std::tuple<std::vector<std::string>, bool, bool>, cairo_font_face_t*> faces;
    std::lock_guard lock(mutex);
    auto [it, fresh] = faces.try_emplace({families, bold, italic}, nullptr);
    if (!fresh) return it->second;
    const auto found = find_font_faces(families);
    const FontFace* best = nullptr;
    for (const auto& f : found) {
        if (f.bold == bold && f.italic == italic) { best = &f; break; }
        if (!best && !f.bold && !f.italic) best = &f;
    }
    if (!best && !found.empty()) best = &found.front();
    if (!best) return nullptr;
    std::unique_ptr<FcPattern, PatternDeleter> pat(FcPatternCreate());
    FcPatternAddString(pat.get(), FC_FILE, reinterpret_cast<const FcChar8*>(best->file.c_str()));
    FcPatternAddInteger(pat.get(), FC_INDEX, 0);
    cairo_font_face_t* face = cairo_ft_font_face_create_for_pattern(pat.get());
    if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(face);
        return nullptr;
    }
    return it->second = face;
}

/// Where the picture's pixels go: the zlib stream of a PNG's IDAT, written by hand around zlib so
/// that runs of blank rows cost nothing. A cover is mostly background: in the palette picture a
/// blank row is all zero bytes (filter None, colour 0), and 1.5 MB of zeros took zlib 2.5 ms even
/// at its fastest. Such runs are written as two tiny deflate blocks made here (a literal zero,
/// then 258-byte copies at distance 1, two bits each) after a full flush of zlib, whose output is
/// then byte-aligned and refers to nothing before: the stream stays one valid zlib stream.
class IdatWriter {
public:
    IdatWriter() {
        if (deflateInit2(&z_, Z_BEST_SPEED, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK)
            throw base::Error(base::ErrorCode::Library, "zlib: cannot compress the cover");
        out_ = "\x78\x01";  // zlib header: deflate, 32 KB window, fastest level (as level 1 writes it)
    }
    ~IdatWriter() { deflateEnd(&z_); }
    IdatWriter(const IdatWriter&) = delete;
    IdatWriter& operator=(const IdatWriter&) = delete;

    /// One filtered row (filter byte included).
    void row(const unsigned char* p, std::size_t n) {
        flush_zeros();
        adler_ = base::adler32(adler_, {reinterpret_cast<const char*>(p), n});  // libdeflate's: vectorised
        z_.next_in = const_cast<unsigned char*>(p);
        z_.avail_in = static_cast<uInt>(n);
        run(Z_NO_FLUSH);
        zlib_has_data_ = true;
    }
    /// `n` zero bytes (blank rows of a palette picture).
    void zeros(std::size_t n) { zeros_ += n; }

    std::string finish() {
        flush_zeros();
        run(Z_FINISH);
        for (int k = 3; k >= 0; --k) out_.push_back(static_cast<char>((adler_ >> (8 * k)) & 0xFF));
        return std::move(out_);
    }

private:
    /// Below this many zeros zlib is fast enough and the flush would cost more bytes than it saves.
    static constexpr std::size_t zero_run_min = 1 << 14;

    void run(int flush) {
        unsigned char buf[1 << 14];
        int rc = Z_OK;
        do {
            z_.next_out = buf;
            z_.avail_out = sizeof buf;
            rc = deflate(&z_, flush);
            if (rc == Z_STREAM_ERROR) throw base::Error(base::ErrorCode::Library, "zlib: cannot compress the cover");
            out_.append(reinterpret_cast<const char*>(buf), sizeof buf - z_.avail_out);
        } while (z_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }

    void flush_zeros() {
        if (zeros_ == 0) return;
        const std::size_t n = std::exchange(zeros_, 0);
        if (n < zero_run_min) {
            static const unsigned char blank[4096] = {};
            for (std::size_t left = n; left > 0;) {
                const std::size_t k = std::min(left, sizeof blank);
                row(blank, k);
                left -= k;
            }
            return;
        }
        if (zlib_has_data_) run(Z_FULL_FLUSH);  // byte-aligned, and later output refers to nothing before
        zlib_has_data_ = false;
        // Adler-32 of n zeros: the first sum stays, the second grows by n times the first.
        const std::uint64_t a = adler_ & 0xFFFF, b = adler_ >> 16;
        adler_ = static_cast<std::uint32_t>((b + (n % 65521) * a) % 65521 << 16 | a);

        Bits w(out_);
        // Block 1, dynamic Huffman codes (RFC 1951 3.2.7) for three literal/length symbols:
        // 285 (length 258) "0", literal 0 "10", end of block "11"; distance codes 0 and 1 (only
        // 0, distance 1, is used; two make a complete code every inflater accepts).
        w.put(0, 1);    // not the last block
        w.put(2, 2);    // dynamic codes
        w.put(29, 5);   // 286 literal/length code lengths
        w.put(1, 5);    // 2 distance code lengths
        w.put(14, 4);   // 18 code length code lengths, in the order below
        // Order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1: symbol 18 gets 1 bit, 1 and 2 get 2.
        static constexpr unsigned char cl_lengths[18] = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2};
        for (unsigned char l : cl_lengths) w.put(l, 3);
        // Code length codes: 18 "0", 1 "10", 2 "11". The lengths: 0 → 2, 1..255 → 0, 256 → 2,
        // 257..284 → 0, 285 → 1, then distances 0 and 1 → 1.
        auto len2 = [&] { w.code(0b11, 2); };
        auto len1 = [&] { w.code(0b10, 2); };
        auto zero_run = [&](unsigned count) { w.code(0, 1); w.put(count - 11, 7); };  // 11..138 zeros
        len2();
        zero_run(138);
        zero_run(117);
        len2();
        zero_run(28);
        len1();
        len1();
        len1();
        // The data: one literal zero, then copies of 258 bytes at distance 1.
        const std::size_t copies = (n - 1) / 258, rest = (n - 1) % 258;
        w.code(0b10, 2);
        for (std::size_t i = 0; i < copies; ++i) w.put(0, 2);  // length 258 "0", distance 1 "0"
        for (std::size_t i = 0; i < rest && rest < 3; ++i) w.code(0b10, 2);
        w.code(0b11, 2);  // end of block
        if (rest >= 3) {
            // Block 2, fixed codes: one copy of the remaining 3..257 bytes.
            static constexpr unsigned short base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                                        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
            static constexpr unsigned char extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                                        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
            unsigned k = 0;
            while (k + 1 < 29 && base[k + 1] <= rest) ++k;
            w.put(0, 1);
            w.put(1, 2);  // fixed codes
            const unsigned sym = 257 + k;
            if (sym < 280) w.code(sym - 256, 7);
            else w.code(0xC0 + (sym - 280), 8);
            w.put(static_cast<std::uint32_t>(rest - base[k]), extra[k]);
            w.code(0, 5);  // distance 1
            w.code(0, 7);  // end of block
        }
        // An empty stored block brings the stream back to a byte boundary for zlib.
        w.put(0, 1);
        w.put(0, 2);
        w.align();
        out_.append("\x00\x00\xff\xff", 4);
    }

    /// Deflate's bit order: fields from the least significant bit, Huffman codes from their first bit.
    struct Bits {
        std::string& out;
        std::uint32_t acc = 0;
        int count = 0;
        explicit Bits(std::string& o) : out(o) {}
        void put(std::uint32_t v, int n) {
            for (int i = 0; i < n; ++i) bit((v >> i) & 1);
        }
        void code(std::uint32_t c, int n) {
            for (int i = n - 1; i >= 0; --i) bit((c >> i) & 1);
        }
        void bit(std::uint32_t b) {
            acc |= b << count;
            if (++count == 8) {
                out.push_back(static_cast<char>(acc));
                acc = 0;
                count = 0;
            }
        }
        void align() {
            if (count) out.push_back(static_cast<char>(acc));
            acc = 0;
            count = 0;
        }
    };

    z_stream z_{};
    std::string out_;
    std::uint32_t adler_ = 1;
    std::size_t zeros_ = 0;
    bool zlib_has_data_ = false;
};

/// What the cover draws, recorded first and painted afterwards band by band.
struct Mark {
    cairo_font_face_t* face = nullptr;  // null: cairo's toy "serif" in the style below (or a rule)
    bool bold = false, italic = false, is_rule = false;
    double size = 0;
    std::string text;
    double x = 0, y = 0, x1 = 0;  // origin (text: baseline start; rule: from x to x1 at y)
    style::Color color;
    int top = 0, bottom = 0;      // device rows it may touch, bottom excluded
};

class Painter {
public:
    /// Rows drawn at a time: enough for a line of the largest title in two or three bands, small
    /// enough that the picture is never held whole (1067 x 64 x 4 bytes instead of 6.8 MB).
    static constexpr int band_rows = 64;
    static constexpr double scale = cover_height_px / 2400.0;

    Painter() {
        surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, cover_width_px, band_rows));
        cr_.reset(cairo_create(surface_.get()));
        if (cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS)
            throw base::Error(base::ErrorCode::Library, "cairo: cannot create the cover surface");
        // Hinting depends on the renderer's settings and rounds positions: off, for the same
        // pixels everywhere.
        std::unique_ptr<cairo_font_options_t, OptionsDeleter> fo(cairo_font_options_create());
        cairo_font_options_set_hint_style(fo.get(), CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_antialias(fo.get(), CAIRO_ANTIALIAS_GRAY);
        cairo_set_font_options(cr_.get(), fo.get());
        cairo_scale(cr_.get(), scale, scale);
    }

    void background(const style::Color& c) { background_ = c; }

    void use(const style::BoxStyle& box, bool bold, bool italic, double size_px) {
        font_.face = face_for(box.font_family, bold, italic);
        font_.bold = bold;
        font_.italic = italic;
        font_.size = size_px;
        select(font_);
    }

    double width(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(cr_.get(), s.c_str(), &e);
        return e.x_advance;
    }

    /// Greedy line filling at word boundaries; a word wider than the measure stands alone.
    std::vector<std::string> wrap(const std::string& text, double measure) {
        std::vector<std::string> lines;
        std::string line;
        std::size_t i = 0;
        while (i < text.size()) {
            const std::size_t j = std::min(text.find(' ', i), text.size());
            const std::string word = text.substr(i, j - i);
            i = j + 1;
            if (word.empty()) continue;
            const std::string trial = line.empty() ? word : line + " " + word;
            if (!line.empty() && width(trial) > measure) {
                lines.push_back(line);
                line = word;
            } else {
                line = trial;
            }
        }
        if (!line.empty()) lines.push_back(line);
        return lines;
    }

    void text(const std::string& s, double x, double baseline, const style::Color& c) {
        Mark m = font_;
        m.text = s;
        m.x = x;
        m.y = baseline;
        m.color = c;
        cairo_text_extents_t e;
        cairo_text_extents(cr_.get(), s.c_str(), &e);
        rows(m, baseline + e.y_bearing, baseline + e.y_bearing + e.height);
        marks_.push_back(std::move(m));
    }

    void rule(double x0, double x1, double y, const style::Color& c) {
        Mark m;
        m.is_rule = true;
        m.x = x0;
        m.x1 = x1;
        m.y = y;
        m.color = c;
        rows(m, y - rule_px / 2, y + rule_px / 2);
        marks_.push_back(std::move(m));
    }

    /// The picture as a PNG, encoded here rather than by cairo's libpng writer, band by band.
    /// A cover has a background and a few ink colours with their grey edges, which nearly always
    /// fit a 256-colour palette: one byte a pixel instead of three, blank rows all zeros. With
    /// more colours (a style with several saturated colours) it is drawn again as RGB, rows
    /// filtered "Up". Deterministic: palette in order of first use, no time or text chunks.
    std::string png() {
        std::string idat, plte;
        bool rgb = false;
        if (!paint_indexed(idat, plte)) {
            rgb = true;
            paint_rgb(idat);
        }
        std::string png("\x89PNG\r\n\x1a\n", 8);
        auto be32 = [](std::string& s, std::uint32_t v) {
            for (int k = 3; k >= 0; --k) s.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
        };
        auto chunk = [&](const char* type, const std::string& data) {
            be32(png, static_cast<std::uint32_t>(data.size()));
            const std::size_t at = png.size();
            png.append(type, 4);
            png += data;
            const auto crc = base::crc32(std::string_view(png).substr(at));
            be32(png, static_cast<std::uint32_t>(crc));
        };
        std::string ihdr;
        be32(ihdr, static_cast<std::uint32_t>(cover_width_px));
        be32(ihdr, static_cast<std::uint32_t>(cover_height_px));
        // 8 bits, RGB or palette, deflate, adaptive filters, no interlace
        ihdr += rgb ? std::string("\x08\x02\x00\x00\x00", 5) : std::string("\x08\x03\x00\x00\x00", 5);
        chunk("IHDR", ihdr);
        if (!rgb) chunk("PLTE", plte);
        chunk("IDAT", idat);
        chunk("IEND", "");
        return png;
    }

private:
    void select(const Mark& f) {
        if (f.face) cairo_set_font_face(cr_.get(), f.face);
        else cairo_select_font_face(cr_.get(), "serif", f.italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                                    f.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_.get(), f.size);
    }

    /// The device rows between user-space heights `y0` and `y1`, with a margin for antialiasing.
    static void rows(Mark& m, double y0, double y1) {
        m.top = std::max(0, static_cast<int>(std::floor(y0 * scale)) - 2);
        m.bottom = std::min(cover_height_px, static_cast<int>(std::ceil(y1 * scale)) + 3);
    }

    void color(const style::Color& c) { cairo_set_source_rgb(cr_.get(), c.r, c.g, c.b); }

    /// Paints the band of rows [y0, y0 + band_rows) on the surface; false when nothing touches it
    /// (every row is background).
    bool paint_band(int y0) {
        bool any = false;
        for (const auto& m : marks_) any = any || (m.top < y0 + band_rows && m.bottom > y0);
        if (!any) return false;
        cairo_t* cr = cr_.get();
        cairo_identity_matrix(cr);
        color(background_);
        cairo_paint(cr);
        // Whole device rows up: every pixel comes out as it would on a surface of the whole picture.
        cairo_translate(cr, 0, -y0);
        cairo_scale(cr, scale, scale);
        for (const auto& m : marks_) {
            if (m.top >= y0 + band_rows || m.bottom <= y0) continue;
            color(m.color);
            if (m.is_rule) {
                cairo_set_line_width(cr, rule_px);
                cairo_move_to(cr, m.x, m.y);
                cairo_line_to(cr, m.x1, m.y);
                cairo_stroke(cr);
            } else {
                select(m);
                cairo_move_to(cr, m.x, m.y);
                cairo_show_text(cr, m.text.c_str());
            }
        }
        cairo_surface_flush(surface_.get());
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            throw base::Error(base::ErrorCode::Library,
                              std::string("cairo: cannot draw the cover: ") + cairo_status_to_string(cairo_status(cr)));
        return true;
    }

    const std::uint32_t* band_row(int y) const {
        return reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(surface_.get()) +
                                                      static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(surface_.get()));
    }

    /// Palette picture, filter None; false (and nothing usable) past 256 colours.
    bool paint_indexed(std::string& idat, std::string& plte) {
        // Colour → index in a small open-addressed table; the background is colour 0.
        constexpr std::uint32_t empty = 0xFFFFFFFF;
        std::vector<std::uint32_t> keys(1024, empty);
        std::vector<unsigned char> values(1024);
        std::vector<std::uint32_t> colors;
        auto index_of = [&](std::uint32_t c) -> int {
            std::size_t h = (c * 2654435761u) >> 22;
            for (;; h = (h + 1) & 1023) {
                if (keys[h] == c) return values[h];
                if (keys[h] == empty) break;
            }
            if (colors.size() == 256) return -1;
            keys[h] = c;
            values[h] = static_cast<unsigned char>(colors.size());
            colors.push_back(c);
            return values[h];
        };
        // The background as cairo stores it (its rounding, not ours).
        paint_band_background();
        const std::uint32_t background = band_row(0)[0] & 0xFFFFFF;
        index_of(background);

        IdatWriter out;
        std::vector<unsigned char> line(1 + static_cast<std::size_t>(cover_width_px));
        for (int y0 = 0; y0 < cover_height_px; y0 += band_rows) {
            const int n = std::min(band_rows, cover_height_px - y0);
            if (!paint_band(y0)) {
                out.zeros(line.size() * static_cast<std::size_t>(n));
                continue;
            }
            for (int y = 0; y < n; ++y) {
                const std::uint32_t* src = band_row(y);
                // Most of a row is background (margins, the gaps between lines of a band): only
                // the span between its first and last inked pixel is looked up in the palette.
                auto bg = [&](int x) { return (src[x] & 0xFFFFFF) == background; };  // RGB24: 0x00RRGGBB
                int x0 = 0, x1 = cover_width_px;
                while (x0 < x1 && bg(x0)) ++x0;
                while (x1 > x0 && bg(x1 - 1)) --x1;
                if (x0 == x1) {
                    out.zeros(line.size());
                    continue;
                }
                // A local pointer: stores through the vector's own would make the compiler reload it.
                unsigned char* dst = line.data() + 1;
                std::memset(line.data(), 0, line.size());  // filter None, background outside the span
                std::uint32_t last = background;
                int last_index = 0;
                for (int x = x0; x < x1; ++x) {
                    const std::uint32_t c = src[x] & 0xFFFFFF;
                    if (c != last) {
                        last = c;
                        last_index = index_of(c);
                        if (last_index < 0) return false;
                    }
                    dst[x] = static_cast<unsigned char>(last_index);
                }
                out.row(line.data(), line.size());
            }
        }
        idat = out.finish();
        plte.clear();
        for (std::uint32_t c : colors) {
            plte.push_back(static_cast<char>(c >> 16));
            plte.push_back(static_cast<char>(c >> 8));
            plte.push_back(static_cast<char>(c));
        }
        return true;
    }

    /// RGB picture, every row filtered "Up" (rows equal to the one above become zeros).
    void paint_rgb(std::string& idat) {
        IdatWriter out;
        const std::size_t w = static_cast<std::size_t>(cover_width_px);
        std::vector<unsigned char> prev(3 * w, 0), cur(3 * w), line(1 + 3 * w);
        bool blank_band = false;
        for (int y0 = 0; y0 < cover_height_px; y0 += band_rows) {
            const int n = std::min(band_rows, cover_height_px - y0);
            if (!paint_band(y0)) {
                if (!blank_band) paint_band_background();
                blank_band = true;
            } else {
                blank_band = false;
            }
            for (int y = 0; y < n; ++y) {
                const std::uint32_t* src = band_row(y);
                for (std::size_t x = 0; x < w; ++x) {
                    cur[3 * x] = static_cast<unsigned char>(src[x] >> 16);
                    cur[3 * x + 1] = static_cast<unsigned char>(src[x] >> 8);
                    cur[3 * x + 2] = static_cast<unsigned char>(src[x]);
                }
                line[0] = 2;  // filter: Up
                for (std::size_t i = 0; i < cur.size(); ++i) line[1 + i] = static_cast<unsigned char>(cur[i] - prev[i]);
                std::swap(prev, cur);
                out.row(line.data(), line.size());
            }
        }
        idat = out.finish();
    }

    void paint_band_background() {
        cairo_identity_matrix(cr_.get());
        color(background_);
        cairo_paint(cr_.get());
        cairo_surface_flush(surface_.get());
    }

    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
    std::unique_ptr<cairo_t, ContextDeleter> cr_;
    style::Color background_{1, 1, 1};
    Mark font_;  // the face and size text() records
    std::vector<Mark> marks_;
};

/// Collapses white space and drops what cairo's text API cannot take (invalid UTF-8, controls).
std::string clean(std::string_view s) {
    const std::string t = base::utf8::sanitize(s);
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t at = i;
        const char32_t c = base::utf8::decode(t, i);
        if (base::utf8::is_space(c) || c < 0x20) { space = !out.empty(); continue; }
        if (space) out += ' ';
        space = false;
        out.append(t, at, i - at);
    }
    return out;
}

}  // namespace

std::string render_cover_png(const CoverText& ct, const style::Style& style) {
    const style::BoxStyle& title_box = style.page.box("title");
    const style::BoxStyle& body_box = style.page.box("body");
    const style::BoxStyle& meta_box = style.page.box("byline");
    const style::Color white{1, 1, 1};
    const style::Color grey{0.4, 0.4, 0.4};
    const style::Color accent = style.page.box("a").color;
    const double measure = 1600 - 2 * margin_px;

    Painter p;
    p.background(white);

    // Title: the largest size at which it takes at most title_max_lines lines.
    const std::string title = clean(ct.title.empty() ? std::string("Untitled") : ct.title);
    double size = title_max_px;
    std::vector<std::string> lines;
    for (;; size -= 6) {
        p.use(title_box, true, title_box.italic, size);
        lines = p.wrap(title, measure);
        if (static_cast<int>(lines.size()) <= title_max_lines || size <= title_min_px) break;
    }
    double y = title_top_px;
    for (const auto& l : lines) {
        p.text(l, margin_px, y, title_box.color);
        y += size * 1.15;
    }
    y += size * 0.1;
    p.rule(margin_px, margin_px + measure * 0.4, y, accent == style::Color{} ? title_box.color : accent);
    y += subtitle_px * 1.8;

    if (const std::string sub = clean(ct.subtitle); !sub.empty()) {
        p.use(body_box, false, true, subtitle_px);
        for (const auto& l : p.wrap(sub, measure)) {
            p.text(l, margin_px, y, body_box.color);
            y += subtitle_px * 1.3;
        }
    }

    // Authors above the date, from the bottom up.
    double base = footer_base_px;
    if (const std::string date = clean(ct.date); !date.empty()) {
        p.use(meta_box, false, false, date_px);
        p.text(date, margin_px, base, grey);
        base -= date_px * 2;
    }
    std::vector<std::string> names;
    for (const auto& a : ct.authors)
        if (std::string n = clean(a); !n.empty()) names.push_back(std::move(n));
    p.use(meta_box, false, false, author_px);
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
        p.text(*it, margin_px, base, body_box.color);
        base -= author_px * 1.3;
    }
    return p.png();
}

}  // namespace folio::epub
