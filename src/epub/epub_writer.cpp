// The EPUB 3 writer (chapters, package files, zip) and the standalone HTML writer.
// Everything is built in memory and written once, atomically; the same input, style and options
// give the same bytes whatever the time zone.
#include "epub/epub_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include <pugixml.hpp>

#include "base/environment.hpp"
#include "base/error.hpp"
#include "base/io.hpp"
#include "base/utf8.hpp"
#include "epub/cover.hpp"
#include "epub/package.hpp"
#include "epub/resources.hpp"
#include "epub/xhtml.hpp"
#include "epub/zip.hpp"
#include "model/json.hpp"
#include "model/text.hpp"

namespace folio::epub {
namespace {

/// Some reading systems (older Adobe RMSDK, Kindle conversion) slow down or fail on content
/// documents above ~300 KB; chapters are split at block boundaries to stay under this size.
constexpr std::size_t max_content_bytes = 250'000;
/// Head, wrapper elements and the newlines between blocks, not counted per block.
constexpr std::size_t content_overhead_bytes = 2'000;

constexpr const char* content_dir = "OEBPS/";
constexpr const char* stylesheet_href = "style.css";
constexpr const char* titlepage_href = "title.xhtml";
constexpr const char* cover_page_href = "cover.xhtml";

/// Used when the chosen style has no CSS text, so the book is still readable and styled.
constexpr const char* fallback_css = R"(/* folio built-in stylesheet */
body { font-family: serif; line-height: 1.4; margin: 0 5%; }
h1, h2, h3, h4, h5, h6 { font-family: sans-serif; line-height: 1.2; margin: 1.4em 0 0.5em; }
p { margin: 0 0 0.6em; }
blockquote { margin: 0.8em 1.5em; font-style: italic; }
pre { white-space: pre-wrap; font-size: 0.85em; background: #f4f4f4; padding: 0.5em; }
code { font-family: monospace; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; }
figure { margin: 1em 0; text-align: center; }
img { max-width: 100%; }
figcaption { font-size: 0.9em; font-style: italic; }
li.task { list-style: none; }
.titlepage { text-align: center; margin: 20% 0 3em; }
.titlepage .title { font-size: 2em; }
.subtitle { font-size: 1.3em; margin-bottom: 1em; }
.byline, .date, .source { margin: 0.3em 0; }
.source { font-size: 0.85em; word-wrap: break-word; }
.description { margin-top: 2em; font-style: italic; }
.footnote { font-size: 0.9em; }
aside.footnote:first-of-type { border-top: 1px solid #999; margin-top: 2em; padding-top: 0.5em; }
.image-missing { font-style: italic; }
dt { font-weight: bold; margin-top: 0.5em; }
dd { margin: 0 0 0.4em 1.5em; }
.cover { text-align: center; margin: 0; padding: 0; }
.cover img { max-width: 100%; max-height: 100vh; }
)";

/// The book's title page is a page of its own, not the head of an article: the block sits a
/// fifth of the way down, centred, the author set apart from the title as on a printed title
/// page. Scoped to the title page's section so that the style's title block (shared with the
/// PDF handout and the HTML page) keeps its own alignment everywhere else.
constexpr const char* titlepage_css = R"(
/* Title page of the book (folio) */
section.titlepage { text-align: center; margin: 20% 8% 0; page-break-after: always; }
section.titlepage .title { text-align: center; font-size: 2.2em; margin-bottom: 0.5em; }
section.titlepage .subtitle { text-align: center; margin-bottom: 0; }
section.titlepage .byline { text-align: center; font-size: 1.15em; margin: 3em 0 0.3em; }
section.titlepage .date, section.titlepage .source { text-align: center; margin: 0.3em 0 0; }
section.titlepage .source { font-size: 0.8em; word-wrap: break-word; }
section.titlepage .description { text-align: center; font-style: italic; margin: 3em 0 0; }
)";

std::string language_of(const model::Document& doc, base::Diagnostics& diag) {
    if (doc.meta.lang.empty()) return "und";
    if (model::plausible_language_tag(doc.meta.lang)) return doc.meta.lang;
    diag.warn(0, 0, "language '" + base::utf8::sanitize(doc.meta.lang) + "' is not a BCP 47 tag: written as 'und'");
    return "und";
}

std::string trimmed(std::string_view s) {
    const std::string clean = base::utf8::sanitize(s);
    const auto b = clean.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return clean.substr(b, clean.find_last_not_of(" \t\r\n") - b + 1);
}

std::string book_title(const model::Document& doc) {
    if (std::string t = trimmed(doc.meta.title); !t.empty()) return t;
    for (const auto& b : doc.blocks)
        if (const auto* h = std::get_if<model::Heading>(&b.node))
            if (std::string t = trimmed(model::plain_text(h->content)); !t.empty() && !model::is_generic_heading(t))
                return t;
    if (!doc.source_name.empty() && doc.source_name != "-") {
        if (std::string t = trimmed(std::filesystem::path(doc.source_name).stem().string()); !t.empty()) return t;
    }
    return "Untitled";
}

/// Gives headings without an id one (keeping the author's) and returns every id "#id" may name.
std::set<std::string, std::less<>> ensure_heading_ids(model::Document& doc) {
    model::assign_heading_ids(doc);
    return model::target_ids(doc);
}

struct Range {
    std::size_t first = 0, last = 0;  // [first, last) of doc.blocks
};

/// Chapters start at headings of level <= split_level; content before the first such heading
/// is the first chapter. Never empty.
std::vector<Range> chapter_ranges(const model::Blocks& bs, int split_level) {
    std::vector<Range> out{{0, 0}};
    for (std::size_t i = 0; i < bs.size(); ++i) {
        const auto* h = std::get_if<model::Heading>(&bs[i].node);
        if (h && h->level <= split_level && out.back().last > out.back().first) out.push_back({i, i});
        out.back().last = i + 1;
    }
    return out;
}

struct ContentFile {
    std::string name;
    Range range;
    std::string title;
    std::unique_ptr<pugi::xml_document> xml;
    std::vector<PendingAnchor> anchors;
    std::vector<std::string> anchor_ids;  // inline anchors written in this file
};

std::string file_title(const model::Document& doc, Range r, const std::string& fallback) {
    if (r.first < r.last)
        if (const auto* h = std::get_if<model::Heading>(&doc.blocks[r.first].node))
            if (std::string t = trimmed(model::plain_text(h->content)); !t.empty()) return t;
    return fallback;
}

std::unique_ptr<pugi::xml_document> render_content(XhtmlBuilder& b, const model::Document& doc, Range r,
                                                   const std::string& title) {
    auto x = std::make_unique<pugi::xml_document>();
    auto body = b.begin(*x, title, stylesheet_href, "");
    body.append_attribute("epub:type") = "bodymatter";
    auto section = body.append_child("section");
    section.append_attribute("epub:type") = "chapter";
    section.append_attribute("role") = "doc-chapter";
    section.append_child(pugi::node_pcdata).set_value("\n");
    for (std::size_t i = r.first; i < r.last; ++i) b.block(section, doc.blocks[i]);
    b.footnotes(section);
    body.append_child(pugi::node_pcdata).set_value("\n");
    close_empty_elements(*x);
    return x;
}

/// Splits `r` into parts whose XHTML stays under max_content_bytes, using the sizes of the
/// blocks as rendered in `whole` (one element per block, then the footnote asides).
std::vector<Range> split_by_size(const pugi::xml_document& whole, Range r) {
    auto section = whole.child("html").child("body").child("section");
    std::vector<std::size_t> sizes;
    std::size_t notes_bytes = 0;
    for (auto c = section.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (sizes.size() < r.last - r.first) sizes.push_back(serialized_size(c) + 1);
        else notes_bytes += serialized_size(c) + 1;
    }
    // Notes are not attributed to blocks: every part keeps room for all of them (conservative).
    const std::size_t budget = std::max(max_content_bytes / 2,
                                        max_content_bytes > notes_bytes + content_overhead_bytes
                                            ? max_content_bytes - notes_bytes - content_overhead_bytes : 0);
    std::vector<Range> parts{{r.first, r.first}};
    std::size_t used = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (used + sizes[i] > budget && parts.back().last > parts.back().first) {
            parts.push_back({parts.back().last, parts.back().last});
            used = 0;
        }
        used += sizes[i];
        parts.back().last = r.first + i + 1;
    }
    return parts;
}

std::string chapter_name(std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "chapter-%03zu.xhtml", n);
    return buf;
}

/// Depth of each top-level heading in the table of contents: one deeper than the nearest
/// preceding heading of a lower level, never jumping more than one level.
class DepthTracker {
public:
    int depth(int level) {
        while (!levels_.empty() && levels_.back() >= level) levels_.pop_back();
        levels_.push_back(level);
        return static_cast<int>(levels_.size()) - 1;
    }

private:
    std::vector<int> levels_;
};

std::string base64(std::string_view in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < in.size(); i += 3) {
        const std::uint32_t b0 = static_cast<unsigned char>(in[i]);
        const std::uint32_t b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
        const std::uint32_t b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
        const std::uint32_t v = b0 << 16 | b1 << 8 | b2;
        out += table[v >> 18 & 63];
        out += table[v >> 12 & 63];
        out += i + 1 < in.size() ? table[v >> 6 & 63] : '=';
        out += i + 2 < in.size() ? table[v & 63] : '=';
    }
    return out;
}

/// @font-face rules for the embedded faces, appended to the stylesheet.
std::string font_face_css(const std::vector<FontFace>& faces, const std::vector<std::string>& hrefs) {
    std::string css = "\n/* Fonts embedded by folio (--embed-fonts) */\n";
    for (std::size_t i = 0; i < faces.size(); ++i) {
        css += "@font-face { font-family: \"" + faces[i].family + "\"; font-weight: " +
               (faces[i].bold ? "bold" : "normal") + "; font-style: " + (faces[i].italic ? "italic" : "normal") +
               "; src: url(\"" + hrefs[i] + "\"); }\n";
    }
    return css;
}

}  // namespace

void write_epub(const model::Document& source, const style::Style& style, const EpubOptions& opts,
                const std::filesystem::path& out, base::Diagnostics& diag) {
    model::Document doc = source;
    const auto heading_ids = ensure_heading_ids(doc);
    const std::string lang = language_of(doc, diag);
    const std::string title = book_title(doc);
    const CollectedImages images = collect_images(doc, "images/", diag);

    XhtmlOptions xo;
    xo.epub = true;
    xo.lang = lang;
    xo.images = &images.map;
    xo.heading_ids = &heading_ids;
    XhtmlBuilder builder(doc, xo, diag);

    // Content files: chapters, each split further when its XHTML would be too large. The first
    // rendering of a chapter reports into a scratch sink, so a chapter rendered twice reports once.
    std::vector<ContentFile> files;
    for (const Range& chapter : chapter_ranges(doc.blocks, opts.split_level)) {
        const std::string chapter_title = file_title(doc, chapter, title);
        base::Diagnostics scratch(diag.file());
        builder.set_diagnostics(scratch);
        auto whole = render_content(builder, doc, chapter, chapter_title);
        const bool too_big = chapter.last - chapter.first > 1 && serialized_size(*whole) > max_content_bytes;
        if (!too_big) {
            for (const auto& d : scratch.items()) diag.add(d);
            files.push_back({chapter_name(files.size() + 1), chapter, chapter_title, std::move(whole), builder.anchors(),
                             builder.anchor_ids()});
            continue;
        }
        builder.set_diagnostics(diag);
        for (const Range& part : split_by_size(*whole, chapter)) {
            auto x = render_content(builder, doc, part, chapter_title);
            files.push_back({chapter_name(files.size() + 1), part, chapter_title, std::move(x), builder.anchors(),
                             builder.anchor_ids()});
        }
    }
    builder.set_diagnostics(diag);

    // Where each heading landed: "#id" links across files and the table of contents need it.
    std::map<std::string, std::string, std::less<>> file_of_id;
    std::vector<NavEntry> toc;
    DepthTracker depths;
    for (const auto& f : files)
        for (const auto& id : f.anchor_ids) file_of_id.emplace(id, f.name);
    for (const auto& f : files) {
        const bool starts_with_heading =
            f.range.first < f.range.last && std::holds_alternative<model::Heading>(doc.blocks[f.range.first].node);
        if (&f == &files.front() && !starts_with_heading) toc.push_back({0, title, f.name});
        for (std::size_t i = f.range.first; i < f.range.last; ++i) {
            const auto* h = std::get_if<model::Heading>(&doc.blocks[i].node);
            if (!h) continue;
            file_of_id.emplace(h->id, f.name);
            toc.push_back({depths.depth(h->level), trimmed(model::plain_text(h->content)), f.name + "#" + h->id});
        }
    }
    for (auto& f : files) {
        for (const auto& a : f.anchors) {
            const auto it = file_of_id.find(a.id);
            if (it != file_of_id.end() && it->second != f.name)
                a.link.attribute("href").set_value((it->second + "#" + a.id).c_str());
        }
    }

    // Title page.
    pugi::xml_document title_xml;
    {
        auto body = builder.begin(title_xml, title, stylesheet_href, "");
        body.append_attribute("epub:type") = "frontmatter";
        auto section = body.append_child("section");
        section.append_attribute("epub:type") = "titlepage";
        section.append_attribute("class") = "titlepage";
        section.append_child(pugi::node_pcdata).set_value("\n");
        builder.title_block(section, title);
        close_empty_elements(title_xml);
    }

    // Cover: a picture first in the reading order, on a page of its own.
    PackageFile cover_image;
    pugi::xml_document cover_xml;
    if (opts.cover != "none") {
        if (opts.cover.empty()) {
            CoverText ct{title, doc.meta.subtitle, doc.meta.authors, model::display_date(doc.meta.date, doc.meta.lang)};
            cover_image = {"images/cover.png", "image/png", render_cover_png(ct, style)};
        } else {
            std::string bytes = base::read_file(opts.cover);
            const std::string_view type = sniff_image_type(bytes);
            if (type != "image/png" && type != "image/jpeg")
                throw base::Error(base::ErrorCode::Usage, "--cover: not a PNG or JPEG file", opts.cover);
            cover_image = {type == "image/png" ? "images/cover.png" : "images/cover.jpg", std::string(type), std::move(bytes)};
        }
        auto body = builder.begin(cover_xml, title, stylesheet_href, "");
        body.append_attribute("epub:type") = "cover";
        auto section = body.append_child("section");
        section.append_attribute("epub:type") = "cover";
        section.append_attribute("class") = "cover";
        auto img = section.append_child("img");
        img.append_attribute("src") = cover_image.href.c_str();
        img.append_attribute("alt") = title.c_str();
        img.append_attribute("role") = "doc-cover";
        close_empty_elements(cover_xml);
    }

    // Stylesheet and fonts.
    std::string css = style.css.empty() ? fallback_css : base::utf8::sanitize(style.css);
    css += titlepage_css;
    std::vector<PackageFile> font_files;
    if (opts.embed_fonts) {
        const auto faces = find_font_faces(style.page.box("body").font_family);
        if (faces.empty()) diag.warn(0, 0, "--embed-fonts: none of the style's body fonts is installed as TrueType");
        std::vector<std::string> hrefs;
        std::set<std::string> names;
        for (const auto& face : faces) {
            // Package names stay plain ASCII so that they are valid URLs as they stand.
            std::string name = face.file.filename().string();
            for (char& c : name)
                if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '-';
            std::string href = "fonts/" + name;
            for (int k = 2; !names.insert(href).second; ++k) href = "fonts/" + std::to_string(k) + "-" + name;
            hrefs.push_back(href);
            font_files.push_back({href, "font/ttf", base::read_file(face.file.string())});
        }
        if (!faces.empty()) css += font_face_css(faces, hrefs);
    }

    PackageInfo pkg;
    pkg.identifier = "urn:uuid:" + base::uuid_from_content(model::to_json(source, false));
    pkg.title = title;
    pkg.lang = lang;
    pkg.modified = base::iso8601_utc(opts.epoch_s);
    pkg.meta = &doc.meta;
    pkg.a11y.lang = lang;
    // The cover is a picture too, described by its alt text (the title).
    pkg.a11y.images = images.used + (cover_image.href.empty() ? 0 : 1);
    pkg.a11y.images_without_alt = images.without_alt;
    pkg.a11y.toc_entries = toc.size();
    count_content(doc, pkg.a11y);
    pkg.manifest.push_back({"nav", "nav.xhtml", "application/xhtml+xml", "nav"});
    pkg.manifest.push_back({"ncx", "toc.ncx", "application/x-dtbncx+xml", ""});
    pkg.manifest.push_back({"css", stylesheet_href, "text/css", ""});
    if (!cover_image.href.empty()) {
        pkg.cover_image_id = "cover-image";
        pkg.manifest.push_back({"cover", cover_page_href, "application/xhtml+xml", ""});
        pkg.manifest.push_back({"cover-image", cover_image.href, cover_image.media_type, "cover-image"});
        pkg.spine.push_back("cover");
    }
    pkg.manifest.push_back({"titlepage", titlepage_href, "application/xhtml+xml", ""});
    pkg.spine.push_back("titlepage");
    for (const auto& f : files) {
        const std::string id = f.name.substr(0, f.name.find('.'));
        pkg.manifest.push_back({id, f.name, "application/xhtml+xml", ""});
        pkg.spine.push_back(id);
    }
    pkg.spine_auxiliary.push_back("nav");
    for (std::size_t i = 0; i < images.files.size(); ++i)
        pkg.manifest.push_back({"img-" + std::to_string(i + 1), images.files[i].href, images.files[i].media_type, ""});
    for (std::size_t i = 0; i < font_files.size(); ++i)
        pkg.manifest.push_back({"font-" + std::to_string(i + 1), font_files[i].href, font_files[i].media_type, ""});

    ZipWriter zip(dos_time_utc(opts.epoch_s));
    zip.add("mimetype", "application/epub+zip", ZipMethod::Store);
    zip.add("META-INF/container.xml", container_xml(std::string(content_dir) + "content.opf"), ZipMethod::Deflate);
    zip.add(std::string(content_dir) + "content.opf", package_opf(pkg, diag), ZipMethod::Deflate);
    const std::string prefix = content_dir;
    zip.add(prefix + "nav.xhtml", nav_xhtml(pkg, toc, stylesheet_href, titlepage_href, files.front().name), ZipMethod::Deflate);
    zip.add(prefix + "toc.ncx", toc_ncx(pkg, toc), ZipMethod::Deflate);
    zip.add(prefix + stylesheet_href, std::move(css), ZipMethod::Deflate);
    if (!cover_image.href.empty()) {
        zip.add(prefix + cover_page_href, serialize(cover_xml) + "\n", ZipMethod::Deflate);
        zip.add(prefix + cover_image.href, std::move(cover_image.bytes), ZipMethod::Store);
    }
    zip.add(prefix + titlepage_href, serialize(title_xml) + "\n", ZipMethod::Deflate);
    for (auto& f : files) {
        zip.add(prefix + f.name, serialize(*f.xml) + "\n", ZipMethod::Deflate);
        f.xml.reset();
    }
    // PNG, JPEG and GIF are compressed already; SVG is text.
    for (const auto& img : images.files)
        zip.add(prefix + img.href, img.bytes, img.media_type == "image/svg+xml" ? ZipMethod::Deflate : ZipMethod::Store);
    for (auto& font : font_files) zip.add(prefix + font.href, std::move(font.bytes), ZipMethod::Deflate);
    base::write_file_atomic(out, zip.finish());
}

std::string render_html(const model::Document& source, const style::Style& style, base::Diagnostics& diag) {
    model::Document doc = source;
    const auto heading_ids = ensure_heading_ids(doc);
    const std::string title = book_title(doc);
    const CollectedImages images = collect_images(doc, "", diag);
    // A standalone page carries its images as data: URLs.
    ImageMap inline_images;
    for (const auto& f : images.files) {
        for (const auto& [src, href] : images.map)
            if (href == f.href) inline_images.emplace(src, "data:" + f.media_type + ";base64," + base64(f.bytes));
    }

    XhtmlOptions xo;
    xo.epub = false;
    xo.lang = language_of(doc, diag);
    xo.images = &inline_images;
    xo.heading_ids = &heading_ids;
    XhtmlBuilder b(doc, xo, diag);
    pugi::xml_document d;
    auto body = b.begin(d, title, "", style.css.empty() ? std::string_view(fallback_css) : std::string_view(style.css));
    auto header = body.append_child("header");
    header.append_attribute("class") = "titlepage";
    header.append_child(pugi::node_pcdata).set_value("\n");
    b.title_block(header, title);
    body.append_child(pugi::node_pcdata).set_value("\n");
    auto main = body.append_child("main");
    main.append_child(pugi::node_pcdata).set_value("\n");
    b.blocks(main, doc.blocks);
    body.append_child(pugi::node_pcdata).set_value("\n");
    auto notes = body.append_child("section");
    notes.append_attribute("class") = "footnotes";
    notes.append_attribute("role") = "doc-endnotes";
    append_ui_text(notes.append_child("h2"), xo.lang, "notes");
    notes.append_child(pugi::node_pcdata).set_value("\n");
    if (b.footnotes(notes) == 0) body.remove_child(notes);
    body.append_child(pugi::node_pcdata).set_value("\n");
    close_empty_elements(d);
    return serialize(d) + "\n";
}

}  // namespace folio::epub
