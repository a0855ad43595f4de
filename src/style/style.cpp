// Style loading. Until the CSS parser lands, named styles resolve to the built-in defaults and
// the file's text is carried as is.
#include "style/style.hpp"

#include <algorithm>
#include <cstdlib>

#include "base/error.hpp"
#include "base/io.hpp"

namespace folio::style {
namespace fs = std::filesystem;

const BoxStyle& PageStyle::box(std::string_view selector) const {
    static const BoxStyle fallback;
    if (auto it = boxes.find(selector); it != boxes.end()) return it->second;
    if (auto it = boxes.find("body"); it != boxes.end()) return it->second;
    return fallback;
}

PageStyle default_page_style() {
    PageStyle p;
    p.first_margins = p.margins;
    for (const char* s : {"body", "p", "blockquote", "li", "table", "th", "td", "a", "code", "pre",
                          "title", "subtitle", "byline", "header", "footer", "footnote", "h1", "h2",
                          "h3", "h4", "h5", "h6"})
        p.boxes[s] = BoxStyle{};
    return p;
}

std::vector<fs::path> style_dirs() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("FOLIO_STYLE_PATH"); env && *env) dirs.emplace_back(env);
    dirs.emplace_back(FOLIO_STYLE_DIR_SOURCE);
    dirs.emplace_back(FOLIO_STYLE_DIR_INSTALLED);
    return dirs;
}

Style load_style(const std::string& name_or_path, base::Diagnostics&) {
    fs::path path;
    if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".css")) {
        path = name_or_path;
    } else {
        for (const auto& d : style_dirs()) {
            std::error_code ec;
            if (fs::exists(d / (name_or_path + ".css"), ec)) { path = d / (name_or_path + ".css"); break; }
        }
        if (path.empty()) throw base::Error(base::ErrorCode::Style, "unknown style '" + name_or_path + "' (see --list-styles)");
    }
    Style s;
    s.name = path.stem().string();
    s.path = path;
    try {
        s.css = base::read_file(path.string());
    } catch (const base::Error& e) {
        throw base::Error(base::ErrorCode::Style, e.what(), e.where());
    }
    s.page = default_page_style();
    return s;
}

std::vector<std::pair<std::string, std::string>> list_styles() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& d : style_dirs()) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(d, ec)) {
            if (e.path().extension() != ".css") continue;
            const std::string name = e.path().stem().string();
            if (std::any_of(out.begin(), out.end(), [&](auto& p) { return p.first == name; })) continue;
            out.emplace_back(name, "");
        }
        if (!out.empty()) break;
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace folio::style
