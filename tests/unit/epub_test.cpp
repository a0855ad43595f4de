// EPUB writer tests: OCF rules checked by reopening the zip, reproducibility (runs, time zones,
// SOURCE_DATE_EPOCH), chapter splitting and navigation, diagnostics, XHTML and HTML goldens.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include <unistd.h>

#include <pugixml.hpp>

#include "base/utf8.hpp"
#include "epub/epub_writer.hpp"
#include "epub/package.hpp"
#include "epub/resources.hpp"
#include "epub/xhtml.hpp"
#include "epub_fixtures.hpp"

namespace fs = std::filesystem;
using namespace folio;
using namespace folio::epub::testing;

namespace {

constexpr std::int64_t epoch_a = 1700000000;  // 2023-11-14T22:13:20Z

std::string write(const model::Document& d, const std::string& name, epub::EpubOptions opts = {},
                  base::Diagnostics* diag_out = nullptr, const style::Style& style = {}) {
    if (opts.epoch_s == 0) opts.epoch_s = epoch_a;
    base::Diagnostics diag;
    const fs::path out = temp_dir() / name;
    epub::write_epub(d, style, opts, out, diag);
    if (diag_out) *diag_out = diag;
    return base::read_file(out.string());
}

pugi::xml_document parse(const std::string& xml) {
    pugi::xml_document d;
    const auto r = d.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype);
    EXPECT_TRUE(r) << r.description() << " at " << r.offset;
    return d;
}

struct Package {
    std::vector<epub::ZipEntry> entries;
    pugi::xml_document opf;
    std::string opf_dir;
};

Package open_package(const std::string& bytes) {
    Package p;
    p.entries = epub::read_zip(bytes);
    const auto* container = find_entry(p.entries, "META-INF/container.xml");
    EXPECT_NE(container, nullptr);
    if (!container) return p;
    auto c = parse(container->bytes);
    const std::string opf_path = c.child("container").child("rootfiles").child("rootfile").attribute("full-path").value();
    const auto* opf = find_entry(p.entries, opf_path);
    EXPECT_NE(opf, nullptr) << opf_path;
    if (!opf) return p;
    p.opf_dir = opf_path.substr(0, opf_path.rfind('/') + 1);
    p.opf = parse(opf->bytes);
    return p;
}

std::string entry(const Package& p, const std::string& href) {
    const auto* e = find_entry(p.entries, p.opf_dir + href);
    return e ? e->bytes : std::string();
}

bool has_forbidden_character(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (base::utf8::valid_sequence_length(s, i) == 0) return true;
        if (base::utf8::is_xml_forbidden(base::utf8::decode(s, i))) return true;
    }
    return false;
}

std::string golden(const std::string& name, const std::string& actual) {
    const fs::path path = fs::path(FOLIO_TEST_DATA) / "golden" / name;
    if (const char* u = std::getenv("FOLIO_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
    }
    return base::read_file(path.string());
}

}  // namespace

TEST(EpubZip, DosTimeIsComputedInUtc) {
    const auto t = epub::dos_time_utc(epoch_a);  // 2023-11-14 22:13:20
    EXPECT_EQ(t.date, (2023 - 1980) << 9 | 11 << 5 | 14);
    EXPECT_EQ(t.time, 22 << 11 | 13 << 5 | 10);
    EXPECT_EQ(epub::dos_time_utc(0).date, 0 << 9 | 1 << 5 | 1);  // before 1980: clamped
}

TEST(EpubOcf, MimetypeFirstStoredWithoutExtraField) {
    const std::string z = write(rich_document(), "ocf.epub");
    // Local file header: signature, method at 8, name length at 26, extra length at 28.
    ASSERT_GT(z.size(), 58u);
    EXPECT_EQ(z.substr(0, 4), std::string("PK\x03\x04", 4));
    EXPECT_EQ(z[8], 0);
    EXPECT_EQ(z[9], 0);
    EXPECT_EQ(z[26], 8);
    EXPECT_EQ(z[28], 0);
    EXPECT_EQ(z[29], 0);
    EXPECT_EQ(z.substr(30, 8), "mimetype");
    EXPECT_EQ(z.substr(38, 20), "application/epub+zip");
    const auto entries = epub::read_zip(z);
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entries[0].name, "mimetype");
    EXPECT_TRUE(entries[0].stored);
    EXPECT_EQ(entries[0].bytes, "application/epub+zip");
}

TEST(EpubOcf, ManifestMatchesFilesAndSpineResolves) {
    const std::string z = write(rich_document(), "manifest.epub");
    Package p = open_package(z);
    auto pkg = p.opf.child("package");
    ASSERT_TRUE(pkg);
    EXPECT_STREQ(pkg.attribute("version").value(), "3.0");

    std::set<std::string> files;
    for (const auto& e : p.entries) files.insert(e.name);
    std::map<std::string, std::string> id_to_href;
    std::set<std::string> manifest_files{"mimetype", "META-INF/container.xml", p.opf_dir + "content.opf"};
    int nav_items = 0;
    for (auto item : pkg.child("manifest").children("item")) {
        const std::string href = item.attribute("href").value();
        EXPECT_TRUE(files.count(p.opf_dir + href)) << "manifest item without file: " << href;
        EXPECT_TRUE(id_to_href.emplace(item.attribute("id").value(), href).second) << "duplicate id";
        manifest_files.insert(p.opf_dir + href);
        if (std::string(item.attribute("properties").value()) == "nav") ++nav_items;
        // The declared media type is the one the bytes have.
        const std::string type = item.attribute("media-type").value();
        if (type.starts_with("image/")) {
            EXPECT_EQ(epub::sniff_image_type(entry(p, href)), type) << href;
        }
    }
    EXPECT_EQ(nav_items, 1);
    for (const auto& f : files) EXPECT_TRUE(manifest_files.count(f)) << "file not in manifest: " << f;

    std::vector<std::string> spine;
    for (auto ref : pkg.child("spine").children("itemref")) {
        ASSERT_TRUE(id_to_href.count(ref.attribute("idref").value())) << ref.attribute("idref").value();
        spine.push_back(id_to_href[ref.attribute("idref").value()]);
    }
    ASSERT_GE(spine.size(), 3u);
    EXPECT_EQ(spine[0], "cover.xhtml");  // the drawn cover first, then the title page
    EXPECT_EQ(spine[1], "title.xhtml");

    for (const auto& e : p.entries) {
        if (e.name.ends_with(".png")) continue;
        EXPECT_FALSE(has_forbidden_character(e.bytes)) << e.name;
    }
    // Every XHTML file parses, declares its language and holds no character XML forbids.
    for (const auto& [id, href] : id_to_href) {
        if (!href.ends_with(".xhtml")) continue;
        const std::string x = entry(p, href);
        EXPECT_FALSE(has_forbidden_character(x)) << href;
        auto d = parse(x);
        EXPECT_STREQ(d.child("html").attribute("lang").value(), "fr") << href;
        EXPECT_STREQ(d.child("html").attribute("xml:lang").value(), "fr") << href;
    }

    // Metadata.
    auto md = pkg.child("metadata");
    EXPECT_STREQ(md.child("dc:title").text().get(), "Éléments de test");
    EXPECT_STREQ(md.child("dc:language").text().get(), "fr");
    EXPECT_STREQ(md.child("dc:date").text().get(), "2024-05-01");
    EXPECT_EQ(std::string(md.child("dc:identifier").text().get()).substr(0, 9), "urn:uuid:");
    std::map<std::string, std::vector<std::string>> props;
    for (auto m : md.children("meta")) props[m.attribute("property").value()].push_back(m.text().get());
    EXPECT_EQ(props["dcterms:modified"], std::vector<std::string>{"2023-11-14T22:13:20Z"});
    EXPECT_EQ(props["schema:accessMode"], (std::vector<std::string>{"textual", "visual"}));
    EXPECT_EQ(props["schema:accessibilityHazard"], std::vector<std::string>{"none"});
    EXPECT_EQ(props["schema:accessibilityFeature"].size(), 4u);
    EXPECT_EQ(props["schema:accessibilitySummary"].size(), 1u);
}

TEST(EpubOcf, ContentMapsEveryNodeKind) {
    base::Diagnostics diag;
    Package p = open_package(write(rich_document(), "kinds.epub", {}, &diag));
    std::string all;
    for (const auto& e : p.entries)
        if (e.name.ends_with(".xhtml")) all += e.bytes;
    for (const char* needle :
         {"<em>emphase</em>", "<strong>gras</strong>", "<del>barré</del>", "<sub>2</sub>", "<sup>2</sup>",
          "<code>a &lt; b &amp;&amp; c &gt; d</code>", "href=\"https://example.org/a%20b\"",
          "href=\"mailto:someone@example.org\"", "href=\"http://example.com/%5C%5B%5C\"",
          "href=\"https://xn--bcher-kva.de/\"", "sans hôte", "hôte invalide", "<br/>", "<ul>", "<ol class=\"tight\" start=\"3\">",
          "<input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\"/>", "<blockquote>",
          "<pre><code class=\"language-cpp\">int main() {\n    return a &lt; b &amp;&amp; c &gt; d; // &lt;tag&gt;\n}\n\n  fin</code></pre>",
          "<hr/>", "<caption>Un tableau</caption>", "<th scope=\"col\" style=\"text-align: center\">Centre</th>",
          "<td style=\"text-align: right\">22</td>", "<td></td>",
          "<figure><img src=\"images/img-001.png\" alt=\"Un dégradé de couleurs\"/><figcaption>",
          "<span class=\"image-missing\">image absente</span>", "epub:type=\"noteref\"", "<aside id=\"fn-1\"",
          "epub:type=\"footnote\"", "un lien refusé",
          "<details><summary>Résumé <em>replié</em></summary>\n<p>Contenu replié.</p>\n</details>",
          "<details open=\"open\"><summary>Détails</summary>\n<p>Ouvert, sans résumé.</p>\n</details>", "[9]", "漢字かな交じり文", "👩‍💻",
          "Caractères interdits : [] et [] et UTF-8 invalide [\xef\xbf\xbd(]."}) {
        EXPECT_NE(all.find(needle), std::string::npos) << needle;
    }
    EXPECT_EQ(all.find("javascript:"), std::string::npos);
    EXPECT_EQ(all.find("<p/>"), std::string::npos);
    // List items always hold their text in <p>; tightness is a class on the list.
    EXPECT_NE(all.find("<li><p>trois</p>"), std::string::npos);
    EXPECT_NE(all.find("<li><p>premier</p>"), std::string::npos);
    // The PNG is copied byte for byte.
    EXPECT_EQ(entry(p, "images/img-001.png"), base::read_file(test_png()));

    // Diagnostics: the unsafe link (with its position), the missing image, the two addresses
    // without a valid host, the unknown anchor and the undefined footnote, each reported once.
    std::vector<std::string> warnings;
    for (const auto& d : diag.items())
        if (d.severity == base::Severity::Warning) warnings.push_back(std::to_string(d.line) + ":" + d.message);
    ASSERT_EQ(warnings.size(), 6u) << ::testing::PrintToString(warnings);
    EXPECT_NE(warnings[0].find("missing.png"), std::string::npos);
    EXPECT_TRUE(warnings[0].starts_with("20:"));
    EXPECT_TRUE(warnings[1].starts_with("3:"));
    EXPECT_NE(warnings[1].find("javascript:alert(1)"), std::string::npos);
    EXPECT_EQ(warnings[2], "0:link to 'http://../' names no valid host: written as text");
    EXPECT_EQ(warnings[3], "0:link to 'http://foo.bar.%60baz' names no valid host: written as text");
}

TEST(EpubOcf, FootnotesArePopUpNotesInTheReferencingFile) {
    Package p = open_package(write(rich_document(), "notes.epub"));
    // Chapter 3 ("Deuxième partie") references notes 1 and 3; note 1 was also used in chapter 1.
    const std::string c1 = entry(p, "chapter-001.xhtml"), c2 = entry(p, "chapter-002.xhtml"),
                      c3 = entry(p, "chapter-003.xhtml");
    EXPECT_NE(c1.find("<aside id=\"fn-1\""), std::string::npos);
    EXPECT_NE(c2.find("<aside id=\"fn-2\""), std::string::npos);
    EXPECT_NE(c2.find("<aside id=\"fn-3\""), std::string::npos);  // referenced from note 2
    EXPECT_NE(c3.find("<aside id=\"fn-1\""), std::string::npos);
    EXPECT_NE(c3.find("<aside id=\"fn-3\""), std::string::npos);
    EXPECT_NE(c3.find("href=\"#fn-3\""), std::string::npos);
    EXPECT_NE(c3.find("<a href=\"#fnref-1\" class=\"footnote-back\" role=\"doc-backlink\">1.</a>"), std::string::npos);
    // The "#id" link in chapter 2 points at the file holding the heading.
    EXPECT_NE(c2.find("href=\"chapter-003.xhtml#deuxième-partie\""), std::string::npos);
}

TEST(EpubReproducible, TwoRunsAreByteIdentical) {
    EXPECT_EQ(write(rich_document(), "run1.epub"), write(rich_document(), "run2.epub"));
}

TEST(EpubReproducible, TimeZoneDoesNotChangeBytes) {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    auto in_zone = [&](const char* tz, std::int64_t epoch) {
        setenv("TZ", tz, 1);
        tzset();
        epub::EpubOptions o;
        o.epoch_s = epoch;
        return write(rich_document(), std::string("tz-") + std::to_string(epoch) + ".epub", o);
    };
    const std::string utc = in_zone("UTC", epoch_a);
    EXPECT_EQ(utc, in_zone("Asia/Tokyo", epoch_a));
    EXPECT_EQ(utc, in_zone("America/Los_Angeles", epoch_a));
    // 2024-03-10 02:30 does not exist in New York (DST gap): mktime cannot round-trip it.
    constexpr std::int64_t gap = 1710037800;
    const std::string gap_utc = in_zone("UTC", gap);
    EXPECT_EQ(gap_utc, in_zone("America/New_York", gap));
    for (const auto& t : epub::zip_header_times(gap_utc)) EXPECT_EQ(t, epub::dos_time_utc(gap));
    if (old) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
    tzset();
}

TEST(EpubReproducible, EpochChangesOnlyDates) {
    epub::EpubOptions a, b;
    a.epoch_s = epoch_a;
    b.epoch_s = 1600000000;  // 2020-09-13T12:26:40Z
    const std::string za = write(rich_document(), "epoch-a.epub", a), zb = write(rich_document(), "epoch-b.epub", b);
    EXPECT_NE(za, zb);
    for (const auto& t : epub::zip_header_times(zb)) EXPECT_EQ(t, epub::dos_time_utc(b.epoch_s));
    const auto ea = epub::read_zip(za), eb = epub::read_zip(zb);
    ASSERT_EQ(ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
        EXPECT_EQ(ea[i].name, eb[i].name);
        std::string x = eb[i].bytes;
        if (const auto at = x.find("2020-09-13T12:26:40Z"); at != std::string::npos) x.replace(at, 20, "2023-11-14T22:13:20Z");
        EXPECT_EQ(ea[i].bytes, x) << ea[i].name;
    }
}

TEST(EpubChapters, SplitLevelAndNavigation) {
    epub::EpubOptions one, two;
    two.split_level = 2;
    Package p1 = open_package(write(multi_chapter_document(), "split1.epub", one));
    Package p2 = open_package(write(multi_chapter_document(), "split2.epub", two));
    auto chapters = [](const Package& p) {
        int n = 0;
        for (auto ref : p.opf.child("package").child("spine").children("itemref"))
            n += std::string(ref.attribute("idref").value()).starts_with("chapter-");
        return n;
    };
    EXPECT_EQ(chapters(p1), 12);
    EXPECT_EQ(chapters(p2), 36);

    // Every nav link resolves to a file holding the id; ids are unique.
    auto nav = parse(entry(p2, "nav.xhtml"));
    int links = 0;
    for (auto a : nav.select_nodes("//nav[@id='toc']//a")) {
        const std::string href = a.node().attribute("href").value();
        const auto hash = href.find('#');
        ASSERT_NE(hash, std::string::npos) << href;
        const std::string file = entry(p2, href.substr(0, hash));
        EXPECT_NE(file.find("id=\"" + href.substr(hash + 1) + "\""), std::string::npos) << href;
        ++links;
    }
    EXPECT_EQ(links, 12 * 5);
    // Nesting follows the heading levels: 12 top entries, each with 2 sections with 1 detail.
    EXPECT_EQ(nav.select_nodes("//nav[@id='toc']/ol/li").size(), 12u);
    EXPECT_EQ(nav.select_nodes("//nav[@id='toc']/ol/li/ol/li/ol/li").size(), 24u);
    auto ncx = parse(entry(p2, "toc.ncx"));
    EXPECT_EQ(ncx.select_nodes("//navPoint").size(), 60u);
    EXPECT_STREQ(ncx.select_node("//meta[@name='dtb:uid']").node().attribute("content").value(),
                 p2.opf.select_node("//dc:identifier").node().text().get());
}

TEST(EpubChapters, LongChapterIsSplitUnderTheSizeLimit) {
    const auto doc = long_document(700'000);
    Package p = open_package(write(doc, "long.epub"));
    int parts = 0;
    std::size_t paragraphs = 0;
    for (auto ref : p.opf.child("package").child("spine").children("itemref")) {
        const std::string id = ref.attribute("idref").value();
        if (!id.starts_with("chapter-")) continue;
        const std::string x = entry(p, id + ".xhtml");
        EXPECT_LE(x.size(), 250'000u) << id;
        EXPECT_GT(x.size(), 50'000u) << id;
        auto d = parse(x);
        paragraphs += d.select_nodes("//section/p").size();
        ++parts;
    }
    EXPECT_GE(parts, 3);
    std::size_t expected = 0;
    for (const auto& b : doc.blocks) expected += std::holds_alternative<model::Paragraph>(b.node);
    EXPECT_EQ(paragraphs, expected);
}

TEST(EpubMetadata, DatesLanguageAndTitleFallbacks) {
    model::Document d;
    d.meta.date = "1 May 2024";
    d.blocks.push_back(heading(1, "Heading as title"));
    base::Diagnostics diag;
    Package p = open_package(write(d, "fallbacks.epub", {}, &diag));
    auto md = p.opf.child("package").child("metadata");
    EXPECT_STREQ(md.child("dc:language").text().get(), "und");
    EXPECT_STREQ(md.child("dc:title").text().get(), "Heading as title");
    EXPECT_FALSE(md.child("dc:date"));
    EXPECT_NE(entry(p, "title.xhtml").find("<div class=\"date\">1 May 2024</div>"), std::string::npos);
    EXPECT_TRUE(epub::is_w3c_date("2024-05-01T10:00:00+02:00"));
    EXPECT_TRUE(epub::is_w3c_date("2024-05-01T10:00Z"));
    EXPECT_FALSE(epub::is_w3c_date("2024-5-1"));
    // The same content gives the same identifier; different content another.
    model::Document e = d;
    e.blocks.push_back(para({txt("more")}));
    Package q = open_package(write(e, "fallbacks2.epub"));
    Package r = open_package(write(d, "fallbacks3.epub"));
    EXPECT_STRNE(md.child("dc:identifier").text().get(), q.opf.select_node("//dc:identifier").node().text().get());
    EXPECT_STREQ(md.child("dc:identifier").text().get(), r.opf.select_node("//dc:identifier").node().text().get());
}

TEST(EpubStyle, StyleCssIsShippedElseTheBuiltInOne) {
    style::Style s;
    s.css = "body { color: #123456; }\n";
    Package with = open_package(write(rich_document(), "css1.epub", {}, nullptr, s));
    // The style comes first, unchanged; the book's title-page rules follow, scoped to its section.
    const std::string css = entry(with, "style.css");
    EXPECT_TRUE(css.starts_with(s.css));
    EXPECT_NE(css.find("section.titlepage { text-align: center;", s.css.size()), std::string::npos);
    EXPECT_EQ(css.find("\n.title", s.css.size()), std::string::npos);
    Package without = open_package(write(rich_document(), "css2.epub"));
    EXPECT_NE(entry(without, "style.css").find("folio built-in stylesheet"), std::string::npos);
    EXPECT_NE(entry(without, "chapter-001.xhtml").find("<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>"),
              std::string::npos);
}

TEST(EpubGolden, SmallDocumentXhtml) {
    model::Document d;
    d.meta.title = "Golden";
    d.meta.lang = "en";
    d.blocks.push_back(para({txt("Intro with a note"), {model::FootnoteRef{0, "a"}, {}}, txt(".")}));
    d.blocks.push_back(heading(1, "First"));
    d.blocks.push_back({model::BulletList{{item({para({txt("one")})}), item({para({txt("two")})}, true)}, true}, {}});
    d.blocks.push_back({model::CodeBlock{"", "  x = 1\n\ty < 2"}, {}});
    model::DefinitionList dl;
    dl.items.push_back({{txt("Term")}, {{para({txt("Its definition.")})}, {para({txt("Another.")})}}});
    dl.items.push_back({{em({txt("Long")})}, {{para({txt("First paragraph.")}), para({txt("Second paragraph.")})}}});
    d.blocks.push_back({std::move(dl), {}});
    d.blocks.push_back(para({txt("Back to "), {model::Link{"#first", "", {txt("First")}}, {}}, txt(", or "),
                             {model::Anchor{"mark"}, {}}, txt("here: "), {model::Link{"#mark", "", {txt("mark")}}, {}}}));
    d.footnotes.push_back({"a", {para({txt("The note.")})}, {}});
    Package p = open_package(write(d, "golden.epub", {.cover = "none"}));
    const std::string c1 = entry(p, "chapter-001.xhtml") + entry(p, "chapter-002.xhtml");
    EXPECT_EQ(c1, golden("epub-small-chapters.xhtml", c1));
    const std::string nav = entry(p, "nav.xhtml");
    EXPECT_EQ(nav, golden("epub-small-nav.xhtml", nav));
    style::Style s;
    s.css = "body { margin: 0 }\n";
    base::Diagnostics diag;
    const std::string html = epub::render_html(d, s, diag);
    EXPECT_EQ(html, golden("html-small.html", html));
}

TEST(Html, StandalonePageWithInlinedCssAndNotesAtTheEnd) {
    base::Diagnostics diag;
    style::Style s;
    s.css = "p > em { color: red; } /* a & b */\n";
    const std::string html = epub::render_html(rich_document(), s, diag);
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
    EXPECT_EQ(html.find("<?xml"), std::string::npos);
    EXPECT_NE(html.find("/*<![CDATA[*/\np > em { color: red; } /* a & b */\n\n/*]]>*/"), std::string::npos);
    EXPECT_NE(html.find("src=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);
    EXPECT_EQ(html.find("epub:type"), std::string::npos);
    EXPECT_FALSE(has_forbidden_character(html));
    auto d = parse(html);
    auto body = d.child("html").child("body");
    EXPECT_STREQ(body.last_child().attribute("class").value(), "footnotes");
    EXPECT_EQ(d.select_nodes("//aside").size(), 3u);
    EXPECT_STREQ(body.child("header").child("h1").text().get(), "Éléments de test");
    // No empty element written as <x/> unless HTML defines it as void.
    for (std::size_t at = html.find("/>"); at != std::string::npos; at = html.find("/>", at + 2)) {
        const std::size_t open = html.rfind('<', at);
        const std::string name = html.substr(open + 1, html.find_first_of(" />", open + 1) - open - 1);
        EXPECT_TRUE(name == "br" || name == "hr" || name == "img" || name == "meta" || name == "input") << name;
    }
}

TEST(EpubPerformance, SeedSizedDocumentIsFast) {
    model::Document d;
    d.meta.title = "immunothérapie";
    d.meta.lang = "fr";
    for (int i = 0; i < 6; ++i)
        d.blocks.push_back(para({txt(std::string(300, 'a') + " L’immunothérapie désigne un ensemble de traitements.")}));
    epub::EpubOptions o;
    o.epoch_s = epoch_a;
    constexpr int runs = 200;
    // On a memory file system the figure is folio's own cost; on a disk it includes the fsync
    // of the atomic write.
    std::error_code ec;
    const fs::path dir = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : temp_dir();
    const fs::path out = dir / ("folio-perf-" + std::to_string(::getpid()) + ".epub");
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < runs; ++i) {
        base::Diagnostics diag;
        epub::write_epub(d, {}, o, out, diag);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / runs;
    std::printf("seed-sized EPUB: %.3f ms per write to %s, %ju bytes\n", ms, dir.c_str(),
                static_cast<std::uintmax_t>(fs::file_size(out)));
    fs::remove(out, ec);
    EXPECT_LT(ms, 1000.0);  // a guard against pathological slowness; the figure is printed above
}

TEST(EpubFonts, EmbeddedFacesAreInTheManifestAndTheCss) {
    style::Style s;
    s.page = style::default_page_style();
    s.page.boxes["body"].font_family = {"No Such Family", "DejaVu Serif"};
    epub::EpubOptions o;
    o.embed_fonts = true;
    base::Diagnostics diag;
    Package p = open_package(write(multi_chapter_document(), "fonts.epub", o, &diag, s));
    const auto faces = epub::find_font_faces(s.page.box("body").font_family);
    if (faces.empty()) {
        EXPECT_EQ(diag.count(base::Severity::Warning), 1u);
        GTEST_SKIP() << "DejaVu Serif is not installed (fonts-dejavu-core)";
    }
    const std::string css = entry(p, "style.css");
    int fonts = 0;
    for (auto item : p.opf.child("package").child("manifest").children("item")) {
        if (std::string(item.attribute("media-type").value()) != "font/ttf") continue;
        const std::string href = item.attribute("href").value();
        EXPECT_NE(css.find("src: url(\"" + href + "\")"), std::string::npos) << href;
        EXPECT_EQ(entry(p, href).substr(0, 4), std::string("\0\1\0\0", 4)) << href;  // TrueType
        ++fonts;
    }
    EXPECT_EQ(fonts, static_cast<int>(faces.size()));
    EXPECT_NE(css.find("@font-face { font-family: \"DejaVu Serif\"; font-weight: bold; font-style: normal;"),
              std::string::npos);
}

TEST(EpubChapters, DeepNestingAndEmptyDocument) {
    model::Document deep;
    model::Block b = para({txt("inner")});
    for (int i = 0; i < 1000; ++i) b = {model::BlockQuote{{b}}, {}};
    deep.blocks.push_back(b);
    Package p = open_package(write(deep, "deep.epub"));
    EXPECT_NE(entry(p, "chapter-001.xhtml").find("<p>inner</p>"), std::string::npos);

    Package e = open_package(write(model::Document{}, "empty.epub"));
    EXPECT_STREQ(e.opf.select_node("//dc:title").node().text().get(), "Untitled");
    auto nav = parse(entry(e, "nav.xhtml"));
    EXPECT_EQ(nav.select_nodes("//nav[@id='toc']//a").size(), 1u);  // never an empty toc
}

TEST(EpubResources, MediaTypesComeFromTheBytes) {
    EXPECT_EQ(epub::sniff_image_type(base::read_file(test_png())), "image/png");
    EXPECT_EQ(epub::sniff_image_type("\xff\xd8\xff\xe0\x00\x10JFIF"), "image/jpeg");
    EXPECT_EQ(epub::sniff_image_type("GIF89a\x01\x00"), "image/gif");
    EXPECT_EQ(epub::sniff_image_type("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
              "image/svg+xml");
    EXPECT_EQ(epub::sniff_image_type("\xef\xbb\xbf<svg>"), "image/svg+xml");
    EXPECT_EQ(epub::sniff_image_type("<svgx>"), "");
    EXPECT_EQ(epub::sniff_image_type("<html><svg></svg></html>"), "");
    EXPECT_EQ(epub::sniff_image_type("root:x:0:0:root:/root:/bin/bash"), "");
    EXPECT_EQ(epub::sniff_image_type(""), "");
}

TEST(EpubResources, UrlsAreFilteredAndEncoded) {
    EXPECT_TRUE(epub::is_safe_url("HTTPS://example.org"));
    EXPECT_TRUE(epub::is_safe_url("mailto:a@b.c"));
    EXPECT_FALSE(epub::is_safe_url("javascript:alert(1)"));
    EXPECT_FALSE(epub::is_safe_url("file:///etc/passwd"));
    EXPECT_FALSE(epub::is_safe_url("httpx://a"));
    EXPECT_EQ(epub::encode_url("https://a.org/é b?q=\"x\"&r=%41%zz"), "https://a.org/%C3%A9%20b?q=%22x%22&r=%41%25zz");
}

TEST(Xhtml, InferredHeadingIsARealHeadingElement) {
    model::Document d;
    d.meta.title = "T";
    d.meta.lang = "en";
    model::Heading h{2, {txt("Background")}, "h-background", true};
    d.blocks.push_back({std::move(h), {}});
    d.blocks.push_back({model::Heading{2, {txt("Marked")}, "h-marked"}, {}});
    base::Diagnostics diag;
    const std::string html = epub::render_html(d, {}, diag);
    // Reading systems navigate by <hN>: a guessed heading must be one, not <p role="heading">.
    EXPECT_NE(html.find("<h2 id=\"h-background\">Background</h2>"), std::string::npos) << html;
    EXPECT_EQ(html.find("role=\"heading\""), std::string::npos) << html;
    EXPECT_NE(html.find("<h2 id=\"h-marked\">Marked</h2>"), std::string::npos);
}
