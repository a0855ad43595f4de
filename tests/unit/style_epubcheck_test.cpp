// Every shipped stylesheet is valid EPUB CSS: packs one small EPUB 3 whose chapters use each style
// on the markup the EPUB writer produces, and runs epubcheck on it (0 errors, 0 warnings).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "base/io.hpp"
#include "style/style.hpp"

namespace folio::style {
namespace {
namespace fs = std::filesystem;

// The classes and elements the EPUB writer emits (title block, notes, figures, tables, code).
constexpr const char* chapter_body = R"(<section class="titlepage"><h1 class="title">Titre</h1>
<p class="subtitle">Sous-titre</p><p class="byline">A. Auteur</p><p class="date">2023</p>
<p class="source">https://example.org/</p></section>
<h2 id="s1">Section</h2><p>Texte<a class="noteref" epub:type="noteref" href="#n1" id="r1">1</a> avec <code>code</code>
et un <a href="https://example.org/">lien</a>.</p>
<blockquote><p>Citation.</p></blockquote><pre><code>a = b</code></pre>
<ul><li>un</li><li>deux</li></ul><ol><li>trois</li></ol>
<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
<figure><figcaption>Légende</figcaption></figure><hr/>
<aside class="footnote" epub:type="footnote" id="n1"><p><a href="#r1">1.</a> Note.</p></aside>)";

bool have(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::string xhtml(const std::string& title, const std::string& css, const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
           "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" "
           "xml:lang=\"fr\" lang=\"fr\"><head><meta charset=\"UTF-8\"/><title>" + title + "</title>"
           "<link rel=\"stylesheet\" type=\"text/css\" href=\"" + css + "\"/></head><body>" + body + "</body></html>\n";
}

TEST(StyleEpubcheck, ShippedStylesAreValidEpubCss) {
    if (!have("command -v zip") || !have("command -v java") || !fs::exists("/usr/bin/epubcheck"))
        GTEST_SKIP() << "zip, java or epubcheck is not installed";
    const auto styles = list_styles();
    ASSERT_FALSE(styles.empty());

    // One folder per process: test runs of several build trees may share /tmp.
    const fs::path root = fs::path(::testing::TempDir()) / ("folio-style-epubcheck-" + std::to_string(::getpid()));
    fs::remove_all(root);
    const fs::path oebps = root / "OEBPS";
    write(root / "mimetype", "application/epub+zip");
    write(root / "META-INF" / "container.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" "
          "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "
          "full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>\n");
    std::string manifest, spine, toc;
    for (const auto& [name, description] : styles) {
        base::Diagnostics diag;
        const Style s = load_style(name, diag);
        write(oebps / (name + ".css"), s.css);
        write(oebps / (name + ".xhtml"), xhtml(name, name + ".css", chapter_body));
        manifest += "<item id=\"css-" + name + "\" href=\"" + name + ".css\" media-type=\"text/css\"/>"
                    "<item id=\"c-" + name + "\" href=\"" + name + ".xhtml\" media-type=\"application/xhtml+xml\"/>";
        spine += "<itemref idref=\"c-" + name + "\"/>";
        toc += "<li><a href=\"" + name + ".xhtml\">" + name + "</a></li>";
    }
    const std::string first = styles.front().first;
    write(oebps / "nav.xhtml", xhtml("Table", first + ".css",
                                     "<nav epub:type=\"toc\" id=\"toc\"><h1>Table</h1><ol>" + toc + "</ol></nav>"));
    write(oebps / "content.opf",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
          "unique-identifier=\"id\" xml:lang=\"fr\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
          "<dc:identifier id=\"id\">urn:uuid:6f1c2a3b-1d2e-4f50-8a9b-0c1d2e3f4a5b</dc:identifier><dc:title>Styles</dc:title>"
          "<dc:language>fr</dc:language><meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta></metadata>"
          "<manifest><item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>" +
              manifest + "</manifest><spine>" + spine + "</spine></package>\n");

    const fs::path epub = root / "styles.epub";
    const std::string zip = "cd '" + root.string() + "' && zip -X0q styles.epub mimetype && zip -Xrq9 styles.epub META-INF OEBPS";
    ASSERT_EQ(std::system(zip.c_str()), 0);
    const fs::path log = root / "epubcheck.txt";
    std::system(("java -jar /usr/bin/epubcheck '" + epub.string() + "' >'" + log.string() + "' 2>&1").c_str());
    const std::string out = base::read_file(log.string());
    EXPECT_NE(out.find("0 fatals / 0 errors / 0 warnings"), std::string::npos) << out;
    fs::remove_all(root);
}

}  // namespace
}  // namespace folio::style
