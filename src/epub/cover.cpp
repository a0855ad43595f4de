// The typographic cover: cairo draws title, rule, subtitle, authors and date on an image surface
// and writes it as PNG. Fonts are opened by file (fontconfig's match for the style's families), so
// the picture depends on the installed fonts and cairo, never on the time or the locale.
#include "epub/cover.hpp"

#include <cairo-ft.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

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
struct FaceDeleter {
    void operator()(cairo_font_face_t* f) const noexcept { cairo_font_face_destroy(f); }
};
struct PatternDeleter {
    void operator()(FcPattern* p) const noexcept { FcPatternDestroy(p); }
};
struct OptionsDeleter {
    void operator()(cairo_font_options_t* o) const noexcept { cairo_font_options_destroy(o); }
};

using FacePtr = std::unique_ptr<cairo_font_face_t, FaceDeleter>;

/// The face of `families` in the wanted style, opened from its file; null when none is installed
/// (cairo's default face is used then).
FacePtr face_for(const std::vector<std::string>& families, bool bold, bool italic) {
    const auto faces = find_font_faces(families);
    const FontFace* best = nullptr;
    for (const auto& f : faces) {
        if (f.bold == bold && f.italic == italic) { best = &f; break; }
        if (!best && !f.bold && !f.italic) best = &f;
    }
    if (!best && !faces.empty()) best = &faces.front();
    if (!best) return nullptr;
    std::unique_ptr<FcPattern, PatternDeleter> pat(FcPatternCreate());
    FcPatternAddString(pat.get(), FC_FILE, reinterpret_cast<const FcChar8*>(best->file.c_str()));
    FcPatternAddInteger(pat.get(), FC_INDEX, 0);
    FacePtr face(cairo_ft_font_face_create_for_pattern(pat.get()));
    if (cairo_font_face_status(face.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
    return face;
}

class Painter {
public:
    Painter() {
        surface_.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24, cover_width_px, cover_height_px));
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
        cairo_scale(cr_.get(), cover_height_px / 2400.0, cover_height_px / 2400.0);
    }

    void background(const style::Color& c) {
        color(c);
        cairo_paint(cr_.get());
    }

    void use(const style::BoxStyle& box, bool bold, bool italic, double size_px) {
        const std::string key = std::to_string(bold) + std::to_string(italic);
        auto& face = faces_[box.font_family.empty() ? "" : box.font_family.front() + key];
        if (!face) face = face_for(box.font_family, bold, italic);
        if (face) cairo_set_font_face(cr_.get(), face.get());
        else cairo_select_font_face(cr_.get(), "serif", italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                                    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_.get(), size_px);
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
        color(c);
        cairo_move_to(cr_.get(), x, baseline);
        cairo_show_text(cr_.get(), s.c_str());
    }

    void rule(double x0, double x1, double y, const style::Color& c) {
        color(c);
        cairo_set_line_width(cr_.get(), rule_px);
        cairo_move_to(cr_.get(), x0, y);
        cairo_line_to(cr_.get(), x1, y);
        cairo_stroke(cr_.get());
    }

    /// The picture as a PNG, encoded here rather than by cairo's libpng writer: every row is
    /// filtered "Up" (a cover is mostly rows equal to the one above, which become zeros) and
    /// deflated at the fastest level with run-length matching, about ten times faster for a
    /// file of the same size. Deterministic: no time or text chunks.
    std::string png() {
        cairo_surface_flush(surface_.get());
        if (cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS)
            throw base::Error(base::ErrorCode::Library, std::string("cairo: cannot draw the cover: ") +
                                                            cairo_status_to_string(cairo_status(cr_.get())));
        const int w = cairo_image_surface_get_width(surface_.get()), h = cairo_image_surface_get_height(surface_.get());
        const int stride = cairo_image_surface_get_stride(surface_.get());
        const unsigned char* px = cairo_image_surface_get_data(surface_.get());
        // Rows are filtered and deflated one at a time: no copy of the whole picture is made.
        z_stream z{};
        if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK)
            throw base::Error(base::ErrorCode::Library, "zlib: cannot compress the cover");
        std::string idat;
        std::vector<unsigned char> prev(3 * static_cast<std::size_t>(w), 0), cur(prev.size()), line(1 + prev.size());
        unsigned char out[1 << 16];
        int rc = Z_OK;
        for (int y = 0; y <= h && rc == Z_OK; ++y) {
            const bool last = y == h;
            if (!last) {
                const auto* src = reinterpret_cast<const std::uint32_t*>(px + static_cast<std::ptrdiff_t>(y) * stride);
                for (int x = 0; x < w; ++x) {  // RGB24: 0x00RRGGBB in native order
                    cur[3 * x] = static_cast<unsigned char>(src[x] >> 16);
                    cur[3 * x + 1] = static_cast<unsigned char>(src[x] >> 8);
                    cur[3 * x + 2] = static_cast<unsigned char>(src[x]);
                }
                line[0] = 2;  // filter: Up
                for (std::size_t i = 0; i < cur.size(); ++i) line[1 + i] = static_cast<unsigned char>(cur[i] - prev[i]);
                std::swap(prev, cur);
                z.next_in = line.data();
                z.avail_in = static_cast<uInt>(line.size());
            }
            do {
                z.next_out = out;
                z.avail_out = sizeof out;
                rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
                idat.append(reinterpret_cast<const char*>(out), sizeof out - z.avail_out);
            } while (rc == Z_OK && (z.avail_out == 0 || (last && rc != Z_STREAM_END)));
            if (rc == Z_BUF_ERROR) rc = Z_OK;  // no progress possible until more input: not an error
        }
        deflateEnd(&z);
        if (rc != Z_STREAM_END) throw base::Error(base::ErrorCode::Library, "zlib: cannot compress the cover");
        std::string png("\x89PNG\r\n\x1a\n", 8);
        auto be32 = [](std::string& s, std::uint32_t v) {
            for (int k = 3; k >= 0; --k) s.push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
        };
        auto chunk = [&](const char* type, const std::string& data) {
            be32(png, static_cast<std::uint32_t>(data.size()));
            const std::size_t at = png.size();
            png.append(type, 4);
            png += data;
            const auto crc = crc32(0, reinterpret_cast<const Bytef*>(png.data() + at), static_cast<uInt>(png.size() - at));
            be32(png, static_cast<std::uint32_t>(crc));
        };
        std::string ihdr;
        be32(ihdr, static_cast<std::uint32_t>(w));
        be32(ihdr, static_cast<std::uint32_t>(h));
        ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, adaptive filters, no interlace
        chunk("IHDR", ihdr);
        chunk("IDAT", idat);
        chunk("IEND", "");
        return png;
    }

private:
    void color(const style::Color& c) { cairo_set_source_rgb(cr_.get(), c.r, c.g, c.b); }

    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
    std::unique_ptr<cairo_t, ContextDeleter> cr_;
    std::map<std::string, FacePtr> faces_;
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
