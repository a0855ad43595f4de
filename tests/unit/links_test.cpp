// Heading ids, in-document links and what a Markdown file gives them: GitHub/pandoc ids with
// repeats and `{#id}`, raw HTML anchors, links resolved across EPUB chapter files and as PDF
// jumps, generic first headings kept from the title, definition lists in every output, the cover.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <pugixml.hpp>
#include <zlib.h>

#include "base/io.hpp"
#include "base/utf8.hpp"
#include "epub/cover.hpp"
#include "epub/epub_writer.hpp"
#include "epub/zip.hpp"
#include "layout/layout.hpp"
#include "model/json.hpp"
#include "model/text.hpp"
#include "pdf/pdf_writer.hpp"
#include "parse/reader.hpp"
#include "style/style.hpp"

using namespace folio;
namespace fs = std::filesystem;

namespace {

model::Document read(const std::string& md, base::Diagnostics& diag) {
    parse::ReadOptions o;
    o.lang = "en";
    model::Document d = parse::read_markdown(md, o, diag);
    model::assign_heading_ids(d);
    return d;
}

model::Document read(const std::string& md) {
    base::Diagnostics diag("t.md");
    return read(md, diag);
}

std::vector<std::string> heading_ids(const model::Document& d) {
    std::vector<std::string> ids;
    for (const auto& b : d.blocks)
        if (const auto* h = std::get_if<model::Heading>(&b.node)) ids.push_back(h->id);
    return ids;
}

bool has_message(const base::Diagnostics& d, const std::string& needle) {
    for (const auto& x : d.items())
        if (x.message.find(needle) != std::string::npos) return true;
    return false;
}

fs::path temp_path(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "folio-links-test";
    fs::create_directories(dir);
    return dir / name;
}

std::vector<epub::ZipEntry> write_epub(const model::Document& d, const std::string& name, epub::EpubOptions o = {}) {
    base::Diagnostics diag;
    if (o.epoch_s == 0) o.epoch_s = 1700000000;
    const fs::path out = temp_path(name);
    epub::write_epub(d, {}, o, out, diag);
    return epub::read_zip(base::read_file(out.string()));
}

/// Every element id of every XHTML file, by file name ("OEBPS/chapter-001.xhtml" → ids).
std::map<std::string, std::set<std::string>> ids_by_file(const std::vector<epub::ZipEntry>& es) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& e : es) {
        if (!e.name.ends_with(".xhtml")) continue;
        pugi::xml_document x;
        x.load_buffer(e.bytes.data(), e.bytes.size());
        auto& ids = out[e.name.substr(e.name.rfind('/') + 1)];
        for (auto n : x.select_nodes("//*[@id]")) ids.insert(n.node().attribute("id").value());
    }
    return out;
}

class FixedMetrics final : public layout::FontMetrics {
public:
    double text_width(layout::Face, std::string_view s, double size) const override {
        return static_cast<double>(base::utf8::length(s)) * 0.5 * size;
    }
    double ascent(layout::Face, double size) const override { return 0.8 * size; }
    double descent(layout::Face, double size) const override { return 0.2 * size; }
    bool has_glyph(layout::Face, char32_t c) const override { return c < 0x10000; }
};

layout::LaidOut lay(const model::Document& d, base::Diagnostics& diag) {
    static const FixedMetrics m;
    layout::LayoutOptions o;
    o.trace = true;
    return layout::layout_document(d, style::default_page_style(), o, m, nullptr, diag);
}

}  // namespace

// ---------------------------------------------------------------- ids

TEST(HeadingIds, GithubStyleWithRepeats) {
    const auto d = read("# Doc\n\n## Overview\n\n## Overview\n\n## Overview\n\n"
                        "## What's new? (2024)\n\n## C++ & Rust_2\n\n## 1. Getting started\n\n## !!!\n\n## !!!\n");
    EXPECT_EQ(heading_ids(d), (std::vector<std::string>{"overview", "overview-1", "overview-2",
                                                        "whats-new-2024", "c--rust_2", "getting-started",
                                                        "section", "section-1"}));
}

TEST(HeadingIds, UnicodeLettersAreKeptLowerCased) {
    const auto d = read("# T\n\n## Élément Déjà Vu\n\n## Straße und Übersicht\n\n## Ελληνικά\n\n## 漢字 かな\n");
    EXPECT_EQ(heading_ids(d), (std::vector<std::string>{"élément-déjà-vu", "straße-und-übersicht", "ελληνικά",
                                                        "漢字-かな"}));
    for (const auto& id : heading_ids(d)) EXPECT_TRUE(model::usable_id(id)) << id;
}

TEST(HeadingIds, ExplicitAttributeIsKeptAndStripped) {
    base::Diagnostics diag("t.md");
    const auto d = read("# T\n\n## Overview {#intro}\n\n## Overview\n\n## Other {#intro}\n\n"
                        "## Classes {#cls .wide lang=en}\n\n## Bad {#9lives}\n\n## Braces {not attributes}\n",
                        diag);
    EXPECT_EQ(heading_ids(d), (std::vector<std::string>{"intro", "overview", "other", "cls", "bad",
                                                        "braces-not-attributes"}));
    const auto& h = std::get<model::Heading>(d.blocks[0].node);
    EXPECT_EQ(model::plain_text(h.content), "Overview");
    EXPECT_TRUE(has_message(diag, "heading id '9lives' is not usable"));
}

TEST(HeadingIds, AssignIsIdempotentAndAvoidsAnchors) {
    auto d = read("# T\n\n<a name=\"usage\"></a>Text.\n\n## Usage\n");
    const auto first = heading_ids(d);
    model::assign_heading_ids(d);
    EXPECT_EQ(heading_ids(d), first);
    EXPECT_EQ(first, (std::vector<std::string>{"usage-1"}));
    const auto ids = model::target_ids(d);
    EXPECT_TRUE(ids.contains("usage"));
    EXPECT_TRUE(ids.contains("usage-1"));
}

TEST(Anchors, RawHtmlNameAndIdBecomeAnchors) {
    const auto d = read("# T\n\nBefore <a id=\"here\"></a> and <a name=\"there\">named</a>.\n");
    const std::string json = model::to_json(d, false);
    EXPECT_NE(json.find(R"("t": "anchor")"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("id": "here")"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("id": "there")"), std::string::npos) << json;
}

// ---------------------------------------------------------------- title

TEST(Title, GenericFirstHeadingIsNotTheTitle) {
    for (const char* generic : {"Table of Contents", "Contents", "Inhalt", "Inhaltsverzeichnis", "Sommaire",
                                "Table des matières", "Índice", "Indice", "Sumário", "Contenido"}) {
        const auto d = read(std::string("# ") + generic + "\n\n- [A](#real-title)\n\n# Real title\n\nText.\n");
        EXPECT_EQ(d.meta.title, "Real title") << generic;
        ASSERT_FALSE(d.blocks.empty());
        EXPECT_TRUE(std::holds_alternative<model::Heading>(d.blocks.front().node)) << generic << ": kept in the text";
    }
}

TEST(Title, OnlyGenericHeadingsLeaveTheTitleToTheFileName) {
    model::Document d = read("# Contents\n\nText.\n");
    EXPECT_EQ(d.meta.title, "");
    d.source_name = "guide.md";
    const auto es = write_epub(d, "generic-title.epub", {.cover = "none"});
    for (const auto& e : es) {
        if (e.name.ends_with("content.opf")) { EXPECT_NE(e.bytes.find("<dc:title>guide</dc:title>"), std::string::npos); }
    }
}

// ---------------------------------------------------------------- links in the EPUB

TEST(EpubLinks, FragmentsPointToTheFileHoldingTheId) {
    const auto d = read("# Book\n\nSee [overview](#overview), [usage](#usage), [deep](#deep-part) and "
                        "[anchor](#spot) and [nothing](#missing).\n\n"
                        "# Overview\n\nText.\n\n## Usage\n\nMore [back](#overview).\n\n"
                        "# Deep {#deep-part}\n\nLast <a id=\"spot\"></a> words.\n");
    for (int level : {1, 2}) {
        const auto es = write_epub(d, "links-" + std::to_string(level) + ".epub", {.split_level = level, .cover = "none"});
        const auto ids = ids_by_file(es);
        std::size_t checked = 0;
        for (const auto& e : es) {
            if (!e.name.ends_with(".xhtml") || e.name.ends_with("nav.xhtml")) continue;
            const std::string file = e.name.substr(e.name.rfind('/') + 1);
            pugi::xml_document x;
            x.load_buffer(e.bytes.data(), e.bytes.size());
            for (auto n : x.select_nodes("//*[@href]")) {
                const std::string href = n.node().attribute("href").value();
                if (href.starts_with("http") || href.ends_with(".css")) continue;
                const auto hash = href.find('#');
                ASSERT_NE(hash, std::string::npos) << href;
                const std::string target = hash == 0 ? file : href.substr(0, hash);
                ASSERT_TRUE(ids.contains(target)) << href;
                EXPECT_TRUE(ids.at(target).contains(href.substr(hash + 1))) << file << " → " << href;
                ++checked;
            }
        }
        EXPECT_GE(checked, 5u) << "level " << level;
    }
    // With one chapter per level-1 heading, "#overview" from the first file names another file.
    const auto es = write_epub(d, "links-cross.epub", {.split_level = 1, .cover = "none"});
    bool cross = false;
    for (const auto& e : es)
        if (e.bytes.find("href=\"chapter-002.xhtml#overview\"") != std::string::npos) cross = true;
    EXPECT_TRUE(cross);
}

TEST(EpubLinks, MissingTargetWarnsWithPositionAndStaysText) {
    base::Diagnostics diag("t.md");
    const auto d = read("# Book\n\nA [dead link](#nowhere).\n", diag);
    base::Diagnostics out("t.md");
    const std::string html = epub::render_html(d, {}, out);
    EXPECT_EQ(html.find("#nowhere"), std::string::npos);
    EXPECT_NE(html.find("dead link"), std::string::npos);
    bool positioned = false;
    for (const auto& x : out.items())
        if (x.message.find("#nowhere") != std::string::npos && x.line == 3) positioned = true;
    EXPECT_TRUE(positioned);
}

TEST(HtmlLinks, FragmentsAreWrittenAsGiven) {
    const auto d = read("# Book\n\nGo to [usage](#usage).\n\n## Usage\n\nText.\n");
    base::Diagnostics diag;
    const std::string html = epub::render_html(d, {}, diag);
    EXPECT_NE(html.find("href=\"#usage\""), std::string::npos);
    EXPECT_NE(html.find("id=\"usage\""), std::string::npos);
}

// ---------------------------------------------------------------- links in the PDF layout

TEST(PdfLinks, InternalLinksHaveTargetsOnTheRightPage) {
    std::string md = "# Book\n\nJump to [the end](#the-end) or [the spot](#spot) or [nowhere](#nowhere).\n\n";
    for (int i = 0; i < 200; ++i) md += "Filler paragraph number " + std::to_string(i) + " with some words in it.\n\n";
    md += "## The end\n\nFinal <a name=\"spot\"></a>text.\n";
    base::Diagnostics diag("t.md");
    const auto d = read(md, diag);
    const auto lo = lay(d, diag);
    ASSERT_GT(lo.pages.size(), 2u);
    std::map<std::string, layout::LinkTarget> targets;
    for (const auto& t : lo.targets) targets.emplace(t.id, t);
    ASSERT_TRUE(targets.contains("the-end"));
    ASSERT_TRUE(targets.contains("spot"));
    EXPECT_EQ(targets.at("the-end").page, lo.pages.size() - 1);
    EXPECT_EQ(targets.at("spot").page, lo.pages.size() - 1);
    EXPECT_GT(targets.at("the-end").y_pt, targets.at("spot").y_pt);  // the heading is above the anchor
    std::set<std::string> links;
    for (const auto& item : lo.pages.front().items)
        if (const auto* l = std::get_if<layout::LinkArea>(&item)) links.insert(l->uri);
    EXPECT_TRUE(links.contains("#the-end"));
    EXPECT_TRUE(links.contains("#spot"));
    EXPECT_FALSE(links.contains("#nowhere"));
    EXPECT_TRUE(has_message(diag, "'#nowhere' matches no heading or anchor"));
}

// ---------------------------------------------------------------- definition lists

namespace {
const char* const deflist_md =
    "# Glossary\n\nApple\n: A fruit\n  that grows on trees.\n: A company.\n\nOrange\n\n: A colour.\n\n"
    "Not a term: a sentence with a colon.\n";
}

TEST(DefinitionLists, MarkdownTermsAndDefinitions) {
    const auto d = read(deflist_md);
    ASSERT_GE(d.blocks.size(), 2u);
    const auto* dl = std::get_if<model::DefinitionList>(&d.blocks[0].node);
    ASSERT_NE(dl, nullptr) << model::to_json(d, false);
    ASSERT_EQ(dl->items.size(), 2u);
    EXPECT_EQ(model::plain_text(dl->items[0].term), "Apple");
    ASSERT_EQ(dl->items[0].definitions.size(), 2u);
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(dl->items[0].definitions[0][0].node).content),
              "A fruit that grows on trees.");
    EXPECT_EQ(model::plain_text(dl->items[1].term), "Orange");
    EXPECT_TRUE(std::holds_alternative<model::Paragraph>(d.blocks[1].node));
    EXPECT_NE(model::to_json(d, false).find(R"("t": "deflist")"), std::string::npos);
    // Every word survives.
    EXPECT_EQ(model::count_body_words(d), 20u);
}

TEST(DefinitionLists, XhtmlAndHtmlUseDl) {
    const auto d = read(deflist_md);
    base::Diagnostics diag;
    const std::string html = epub::render_html(d, {}, diag);
    EXPECT_NE(html.find("<dl>\n<dt>Apple</dt>\n<dd>A fruit that grows on trees.</dd>\n<dd>A company.</dd>"),
              std::string::npos) << html;
    const auto es = write_epub(d, "deflist.epub", {.cover = "none"});
    bool found = false;
    for (const auto& e : es)
        if (e.bytes.find("<dt>Orange</dt>") != std::string::npos) found = true;
    EXPECT_TRUE(found);
}

TEST(DefinitionLists, PdfLayoutBoldTermAndIndentedDefinition) {
    const auto d = read(deflist_md);
    base::Diagnostics diag;
    const auto lo = lay(d, diag);
    double term_x = -1, def_x = -1;
    bool term_bold = false;
    for (const auto& item : lo.pages.front().items)
        if (const auto* r = std::get_if<layout::TextRun>(&item)) {
            if (r->text.starts_with("Apple")) { term_x = r->x_pt; term_bold = r->face == layout::Face::Bold; }
            if (r->text.starts_with("A company") || r->text == "A") def_x = def_x < 0 ? r->x_pt : def_x;
        }
    ASSERT_GE(term_x, 0);
    ASSERT_GE(def_x, 0);
    EXPECT_TRUE(term_bold);
    EXPECT_GT(def_x, term_x + 10);
}

// ---------------------------------------------------------------- cover

TEST(Cover, PngIsTallAndDeterministicAcrossTimeZones) {
    epub::CoverText ct{"A Guide to Handouts and Books", "Markdown in, PDF and EPUB out", {"Ada Writer"}, "2024-05-01"};
    const char* old_tz = std::getenv("TZ");
    const std::string saved = old_tz ? old_tz : "";
    setenv("TZ", "UTC", 1);
    tzset();
    const std::string a = epub::render_cover_png(ct, {});
    setenv("TZ", "Pacific/Kiritimati", 1);
    tzset();
    const std::string b = epub::render_cover_png(ct, {});
    if (old_tz) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
    tzset();
    EXPECT_EQ(a, b);
    ASSERT_GT(a.size(), 33u);
    EXPECT_EQ(a.substr(0, 8), "\x89PNG\r\n\x1a\n");
    auto be32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(a[at])) << 24 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(a[at + 1])) << 16 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(a[at + 2])) << 8 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(a[at + 3]));
    };
    EXPECT_EQ(be32(16), static_cast<std::uint32_t>(epub::cover_width_px));
    EXPECT_EQ(be32(20), static_cast<std::uint32_t>(epub::cover_height_px));
    EXPECT_GE(epub::cover_height_px, 1600);
    EXPECT_EQ(a.find("tIME"), std::string::npos);
}

/// The chunks of a PNG (type → concatenated data), every CRC checked.
std::map<std::string, std::string> png_chunks(const std::string& png) {
    std::map<std::string, std::string> out;
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) v = v << 8 | static_cast<unsigned char>(png[at + k]);
        return v;
    };
    for (std::size_t at = 8; at + 12 <= png.size();) {
        const std::uint32_t n = be32(at);
        const std::string type = png.substr(at + 4, 4);
        EXPECT_EQ(crc32(0, reinterpret_cast<const Bytef*>(png.data() + at + 4), n + 4), be32(at + 8 + n)) << type;
        out[type] += png.substr(at + 8, n);
        at += 12 + n;
    }
    return out;
}

TEST(Cover, PixelDataInflatesToEveryRow) {
    // Blank rows are written as hand-made deflate blocks between zlib's: the stream must still
    // inflate (Adler-32 checked) to exactly one filter byte and one row per line. Texts of
    // several lengths move the blank runs, a colourful style takes the RGB path.
    style::Style colourful;
    colourful.page.boxes["title"].color = {0.8, 0.1, 0.1};
    colourful.page.boxes["body"].color = {0.1, 0.6, 0.1};
    colourful.page.boxes["a"].color = {1.0, 0.5, 0.0};
    const std::vector<std::pair<epub::CoverText, const style::Style*>> cases = {
        {{"T", "", {}, ""}, nullptr},
        {{"A Guide to Handouts and Books", "Markdown in, PDF and EPUB out", {"Ada Writer"}, "2024-05-01"}, nullptr},
        {{std::string(300, 'w'), std::string(200, 'x'), {"A", "B", "C"}, "1999"}, nullptr},
        {{"Colour", "in every part", {"Someone"}, "2020"}, &colourful},
    };
    for (const auto& [ct, st] : cases) {
        const std::string png = epub::render_cover_png(ct, st ? *st : style::Style{});
        auto chunks = png_chunks(png);
        ASSERT_EQ(chunks["IHDR"].size(), 13u);
        const int colour_type = chunks["IHDR"][9];
        const std::size_t row = 1 + static_cast<std::size_t>(epub::cover_width_px) * (colour_type == 3 ? 1 : 3);
        EXPECT_EQ(colour_type, st ? 2 : 3) << ct.title;  // greys and one blue fit a palette
        if (colour_type == 3) {
            EXPECT_FALSE(chunks["PLTE"].empty());
        }
        std::string pixels(row * epub::cover_height_px + 1, '\0');
        uLongf size = pixels.size();
        ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(pixels.data()), &size,
                             reinterpret_cast<const Bytef*>(chunks["IDAT"].data()), chunks["IDAT"].size()), Z_OK) << ct.title;
        EXPECT_EQ(size, row * epub::cover_height_px) << ct.title;
        for (int y = 0; y < epub::cover_height_px; ++y) ASSERT_LE(pixels[y * row], 4) << "filter byte of row " << y;
    }
}

TEST(Cover, DeclaredInTheOpfAndFirstInTheSpine) {
    const auto d = read("# A Title\n\nText.\n");
    const auto es = write_epub(d, "cover.epub");
    std::string opf, page;
    bool png = false;
    for (const auto& e : es) {
        if (e.name.ends_with("content.opf")) opf = e.bytes;
        if (e.name.ends_with("cover.xhtml")) page = e.bytes;
        if (e.name.ends_with("images/cover.png")) png = e.bytes.starts_with("\x89PNG");
    }
    EXPECT_TRUE(png);
    EXPECT_NE(opf.find(R"(properties="cover-image")"), std::string::npos);
    const auto spine = opf.find("<spine");
    ASSERT_NE(spine, std::string::npos);
    EXPECT_LT(opf.find(R"(idref="cover")", spine), opf.find(R"(idref="titlepage")", spine));
    EXPECT_NE(page.find("images/cover.png"), std::string::npos);
    // Two runs, byte for byte.
    const auto again = write_epub(d, "cover2.epub");
    EXPECT_EQ(base::read_file(temp_path("cover.epub").string()), base::read_file(temp_path("cover2.epub").string()));
}

TEST(Cover, GivenFileIsUsedAsIs) {
    const auto d = read("# A Title\n\nText.\n");
    const std::string png = base::read_file(std::string(FOLIO_TEST_DATA) + "/data/gradient.png");
    const auto es = write_epub(d, "cover-given.epub", {.cover = std::string(FOLIO_TEST_DATA) + "/data/gradient.png"});
    bool same = false;
    for (const auto& e : es)
        if (e.name.ends_with("images/cover.png")) same = e.bytes == png;
    EXPECT_TRUE(same);
}

TEST(DefinitionLists, RawHtmlDlAndPreMapToTheModel) {
    base::Diagnostics diag("t.md");
    const auto d = read("# T\n\n<dl>\n<dt>Key</dt>\n<dd>Value <kbd>Ctrl</kbd> x<sup>2</sup></dd>\n<dd>Again</dd>\n</dl>\n\n"
                        "<pre><code class=\"language-sh\">echo &lt;hi&gt;\n  two\n</code></pre>\n\n"
                        "<script>alert(1)</script>\n",
                        diag);
    ASSERT_GE(d.blocks.size(), 2u) << model::to_json(d, false);
    const auto* dl = std::get_if<model::DefinitionList>(&d.blocks[0].node);
    ASSERT_NE(dl, nullptr) << model::to_json(d, false);
    ASSERT_EQ(dl->items.size(), 1u);
    EXPECT_EQ(model::plain_text(dl->items[0].term), "Key");
    ASSERT_EQ(dl->items[0].definitions.size(), 2u);
    const auto& def = std::get<model::Paragraph>(dl->items[0].definitions[0][0].node).content;
    EXPECT_EQ(model::plain_text(def), "Value Ctrl x2");
    EXPECT_TRUE(std::holds_alternative<model::Code>(def[1].node));
    const auto* code = std::get_if<model::CodeBlock>(&d.blocks[1].node);
    ASSERT_NE(code, nullptr);
    EXPECT_EQ(code->language, "sh");
    EXPECT_EQ(code->text, "echo <hi>\n  two");
    EXPECT_EQ(model::to_json(d, false).find("alert"), std::string::npos);
    base::Diagnostics out;
    const std::string html = epub::render_html(d, {}, out);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("<dt>Key</dt>"), std::string::npos);
}

TEST(PdfLinks, WriterMakesGoToAnnotationsForFragmentLinks) {
    std::string md = "# Book\n\nJump to [the end](#the-end) and [the spot](#spot); [away](https://example.org).\n\n";
    for (int i = 0; i < 80; ++i) md += "Filler paragraph number " + std::to_string(i) + " with some words in it.\n\n";
    md += "## The end\n\nFinal <a name=\"spot\"></a>text.\n";
    base::Diagnostics diag("t.md");
    const auto d = read(md, diag);
    style::Style st;
    st.page = style::default_page_style();
    static auto res = pdf::make_resources();
    pdf::PdfOptions o;
    o.epoch_s = 1700000000;
    const std::string bytes = pdf::render_pdf(d, st, o, *res, diag);
    // Annotation dictionaries are plain objects (only content streams are compressed): one
    // annotation per word of a link, "the end" and "the spot" with a destination, "away" a URI.
    std::size_t dests = 0, uris = 0;
    for (std::size_t at = bytes.find("/Subtype /Link"); at != std::string::npos; at = bytes.find("/Subtype /Link", at + 1)) {
        const std::size_t start = bytes.rfind("<<", at), end = bytes.find(">>", at);
        const std::string dict = bytes.substr(start, end - start);
        if (dict.find("/Dest") != std::string::npos) ++dests;
        if (dict.find("/URI") != std::string::npos || dict.find("/A ") != std::string::npos) ++uris;
    }
    EXPECT_EQ(dests, 4u);
    EXPECT_EQ(uris, 1u);
}

TEST(HtmlLinks, PercentEncodedFragmentsMatchTheirIds) {
    base::Diagnostics diag;
    const auto d = read("# Book\n\nSee [summer](#%C3%A9t%C3%A9).\n\n## Été\n\nText.\n", diag);
    base::Diagnostics out;
    const std::string html = epub::render_html(d, {}, out);
    EXPECT_NE(html.find("href=\"#été\""), std::string::npos) << html;
    EXPECT_TRUE(out.items().empty());
    const auto lo = lay(d, out);
    bool linked = false;
    for (const auto& item : lo.pages.front().items)
        if (const auto* l = std::get_if<layout::LinkArea>(&item)) linked = linked || l->uri == "#été";
    EXPECT_TRUE(linked);
}
