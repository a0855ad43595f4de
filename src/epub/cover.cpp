// The typographic cover: cairo draws title, rule, subtitle, authors and date on an image surface
// and writes it as PNG. Fonts are opened by file (fontconfig's match for the style's families), so
// the picture depends on the installed fonts and cairo, never on the time or the locale.
#include "epub/cover.hpp"

#include <cairo-ft.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <map>
#include <memory>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "epub/resources.hpp"

namespace folio::epub {
namespace {

/// Proportions of the page, in pixels of the 1600 x 2400 picture.
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

    std::string png() {
        cairo_surface_flush(surface_.get());
        std::string out;
        const auto status = cairo_surface_write_to_png_stream(
            surface_.get(),
            [](void* closure, const unsigned char* data, unsigned int length) -> cairo_status_t {
                static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
                return CAIRO_STATUS_SUCCESS;
            },
            &out);
        if (status != CAIRO_STATUS_SUCCESS || cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS)
            throw base::Error(base::ErrorCode::Library, std::string("cairo: cannot draw the cover: ") +
                                                            cairo_status_to_string(cairo_status(cr_.get())));
        return out;
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
    const double measure = cover_width_px - 2 * margin_px;

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
