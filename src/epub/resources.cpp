// Images copied into the package (type sniffed from the bytes, never from the name) and font
// files looked up with fontconfig, whose answers are kept between runs.
#include "epub/resources.hpp"

#include "base/overloaded.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "base/error.hpp"
#include "base/io.hpp"
#include "base/utf8.hpp"
#include "pdf/font_cache.hpp"

namespace folio::epub {
namespace {

using base::Overloaded;

/// How far into a file an SVG root element is looked for (after a declaration, comments, DTD).
constexpr std::size_t svg_sniff_bytes = 4096;

const char* extension_for(std::string_view media_type) {
    if (media_type == "image/png") return "png";
    if (media_type == "image/jpeg") return "jpg";
    if (media_type == "image/gif") return "gif";
    return "svg";
}

class ImageCollector {
public:
    ImageCollector(std::string_view dir, base::Diagnostics& diag) : dir_(dir), diag_(diag) {}

    void blocks(const model::Blocks& bs) {
        for (const auto& b : bs) block(b);
    }

    CollectedImages result;

private:
    void block(const model::Block& b) {
        std::visit(Overloaded{
            [&](const model::Paragraph& p) { inlines(p.content); },
            [&](const model::Heading& h) { inlines(h.content); },
            [&](const model::BulletList& l) { for (const auto& i : l.items) blocks(i.blocks); },
            [&](const model::OrderedList& l) { for (const auto& i : l.items) blocks(i.blocks); },
            [&](const model::BlockQuote& q) { blocks(q.blocks); },
            [&](const model::CodeBlock&) {},
            [&](const model::ThematicBreak&) {},
            [&](const model::Table& t) {
                inlines(t.caption);
                for (const auto& r : t.head) for (const auto& c : r) inlines(c.content);
                for (const auto& r : t.body) for (const auto& c : r) inlines(c.content);
            },
            [&](const model::Figure& f) {
                image(f.image, b.pos);
                inlines(f.caption);
            },
            [&](const model::DefinitionList& l) {
                for (const auto& it : l.items) {
                    inlines(it.term);
                    for (const auto& d : it.definitions) blocks(d);
                }
            },
            [&](const model::Details& d) {
                inlines(d.summary);
                blocks(d.blocks);
            },
        }, b.node);
    }

    void inlines(const model::Inlines& xs) {
        for (const auto& x : xs) {
            std::visit(Overloaded{
                [&](const model::Text&) {},
                [&](const model::Emphasis& e) { inlines(e.children); },
                [&](const model::Strong& e) { inlines(e.children); },
                [&](const model::Strikeout& e) { inlines(e.children); },
                [&](const model::Superscript& e) { inlines(e.children); },
                [&](const model::Subscript& e) { inlines(e.children); },
                [&](const model::LangSpan& e) { inlines(e.children); },
                [&](const model::Code&) {},
                [&](const model::Link& l) { inlines(l.children); },
                [&](const model::Image& i) { image(i, x.pos); },
                [&](const model::LineBreak&) {},
                [&](const model::FootnoteRef&) {},
                [&](const model::Anchor&) {},
            }, x.node);
        }
    }

    void image(const model::Image& img, const model::SourcePos& pos) {
        if (!seen_.insert(img.src).second) {
            if (result.map.count(img.src)) count(img);
            return;
        }
        const std::string shown = base::utf8::sanitize(img.src);
        if (img.src.find("://") != std::string::npos || img.src.starts_with("data:")) {
            diag_.warn(pos.line, pos.col, "image '" + shown + "' is not a local file: shown as its alt text");
            return;
        }
        std::string bytes;
        try {
            std::error_code ec;
            const auto size = std::filesystem::file_size(img.src, ec);
            if (!ec && size > max_image_bytes) {
                diag_.warn(pos.line, pos.col, "image '" + shown + "' is larger than " +
                                                  std::to_string(max_image_bytes >> 20) + " MiB: shown as its alt text");
                return;
            }
            if (img.src.empty() || img.src == "-") throw base::Error(base::ErrorCode::Io, "no file name");
            bytes = base::read_file(img.src);
        } catch (const base::Error& e) {
            diag_.warn(pos.line, pos.col, "image '" + shown + "' cannot be read (" + e.what() + "): shown as its alt text");
            return;
        }
        const std::string_view type = sniff_image_type(bytes);
        if (type.empty()) {
            diag_.warn(pos.line, pos.col,
                       "image '" + shown + "' is not PNG, JPEG, GIF or SVG: shown as its alt text");
            return;
        }
        char name[32];
        std::snprintf(name, sizeof name, "img-%03zu.%s", result.files.size() + 1, extension_for(type));
        const std::string href = std::string(dir_) + name;
        result.map.emplace(img.src, href);
        result.files.push_back({href, std::string(type), std::move(bytes)});
        count(img);
    }

    void count(const model::Image& img) {
        ++result.used;
        // A blank alt text describes nothing (it marks a decorative picture, which an article's
        // pictures are not).
        if (img.alt.find_first_not_of(" \t\r\n") == std::string::npos) ++result.without_alt;
    }

    std::string_view dir_;
    base::Diagnostics& diag_;
    std::set<std::string, std::less<>> seen_;
};

struct PatternDeleter {
    void operator()(FcPattern* p) const noexcept { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;

std::string lower(std::string_view s) { return base::utf8::to_lower(s); }

std::vector<FontFace> lookup_font_faces(const std::vector<std::string>& families);

}  // namespace

std::string_view sniff_image_type(std::string_view b) {
    if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
    if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
    if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "image/gif";
    std::string_view head = b.substr(0, svg_sniff_bytes);
    if (head.starts_with("\xef\xbb\xbf")) head.remove_prefix(3);
    std::size_t i = 0;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    if (head.substr(i).starts_with("<?xml") || head.substr(i).starts_with("<svg") || head.substr(i).starts_with("<!--") ||
        head.substr(i).starts_with("<!DOCTYPE svg")) {
        if (const auto at = head.find("<svg"); at != std::string_view::npos) {
            const char next = at + 4 < head.size() ? head[at + 4] : '\0';
            if (next == ' ' || next == '>' || next == '\n' || next == '\t' || next == '\r') return "image/svg+xml";
        }
    }
    return "";
}

CollectedImages collect_images(const model::Document& doc, std::string_view dir, base::Diagnostics& diag) {
    ImageCollector c(dir, diag);
    c.blocks(doc.blocks);
    for (const auto& fn : doc.footnotes) c.blocks(fn.blocks);
    return std::move(c.result);
}

std::vector<FontFace> find_font_faces(const std::vector<std::string>& families) {
    // A batch run asks for the same families for every document.
    static std::mutex mutex;
    static std::map<std::vector<std::string>, std::vector<FontFace>> cache;
    std::lock_guard lock(mutex);
    if (const auto it = cache.find(families); it != cache.end()) return it->second;
    return cache[families] = lookup_font_faces(families);
}

namespace {

/// fontconfig's configuration, loaded on the first lookup the answer file cannot give: loading
/// it takes 3 to 10 ms, as long as the rest of an EPUB. Kept for the process and never freed
/// (freeing it at exit only costs time); callers lock.
FcConfig* fc_config() {
    static FcConfig* config = nullptr;
    if (!config) {
        config = FcInitLoadConfigAndFonts();
        if (!config) throw base::Error(base::ErrorCode::Library, "fontconfig: cannot load its configuration");
    }
    return config;
}


/// The answers kept between runs, next to the PDF's (a file of their own: each cache rewrites
/// its whole file). Empty path, nothing kept, when the PDF's cache is turned off.
pdf::FontLookupCache& answer_file() {
    static pdf::FontLookupCache cache([] {
        const std::filesystem::path pdf = pdf::FontLookupCache::default_file();
        return pdf.empty() ? pdf : pdf.parent_path() / "epub-font-lookups.txt";
    }());
    return cache;
}

/// The TrueType file of `family` in a style (bit 0 bold, bit 1 italic) as fontconfig answers,
/// "" when its answer is another family, another style or not a .ttf file; `other_family` tells
/// the first case apart.
std::string ask_fontconfig(const std::string& family, int style, bool& other_family) {
    FcConfig* config = fc_config();
    const bool bold = style & 1, italic = style & 2;
    PatternPtr pat(FcPatternCreate());
    FcPatternAddString(pat.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pat.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat.get(), FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(config, pat.get(), FcMatchPattern);
    FcDefaultSubstitute(pat.get());
    FcResult res = FcResultNoMatch;
    PatternPtr match(FcFontMatch(config, pat.get(), &res));
    other_family = false;
    if (!match) return "";
    FcChar8* got_family = nullptr;
    FcChar8* file = nullptr;
    int weight = 0, slant = 0;
    if (FcPatternGetString(match.get(), FC_FAMILY, 0, &got_family) != FcResultMatch ||
        FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch)
        return "";
    FcPatternGetInteger(match.get(), FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(match.get(), FC_SLANT, 0, &slant);
    // fontconfig always answers with some font: keep only the family asked for, in the style
    // asked for, as a TrueType file.
    const std::string path = reinterpret_cast<const char*>(file);
    if (lower(reinterpret_cast<const char*>(got_family)) != lower(family)) {
        other_family = true;
        return "";
    }
    if ((weight >= FC_WEIGHT_BOLD) != bold || (slant != FC_SLANT_ROMAN) != italic) return "";
    if (lower(std::filesystem::path(path).extension().string()) != ".ttf") return "";
    return path;
}

std::vector<FontFace> lookup_font_faces(const std::vector<std::string>& families) {
    pdf::FontLookupCache& answers = answer_file();
    std::vector<FontFace> faces;
    for (const auto& family : families) {
        std::set<std::string> files;
        for (int style = 0; style < 4; ++style) {
            const std::string key = "epub|" + family + "|" + std::to_string(style);
            std::string path;
            if (auto cached = answers.find(key)) {
                path = std::move(*cached);
            } else {
                bool other_family = false;
                path = ask_fontconfig(family, style, other_family);
                // Another family: this one is not installed, none of its styles are asked for.
                for (int s = style; s < (other_family ? 4 : style + 1); ++s)
                    answers.record("epub|" + family + "|" + std::to_string(s), path);
                if (other_family) break;
            }
            if (path.empty() || !files.insert(path).second) continue;
            faces.push_back({family, (style & 1) != 0, (style & 2) != 0, path});
        }
        if (!faces.empty()) break;
    }
    if (answers.dirty()) answers.save(pdf::fontconfig_watch_list(fc_config()));
    return faces;
}

}  // namespace

}  // namespace folio::epub
