// Raw HTML in Markdown carried through to the outputs: <details>, <table>, <img> and what must
// never cross (scripts, event attributes, javascript: URLs, frames), plus hostile <details> nesting.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "epub/epub_writer.hpp"
#include "epub/zip.hpp"
#include "base/io.hpp"
#include "model/text.hpp"
#include "parse/reader.hpp"

using namespace folio;
namespace fs = std::filesystem;

namespace {

model::Document read(const std::string& md, base::Diagnostics& diag, parse::ReadOptions opts = {}) {
    return parse::read_markdown(md, opts, diag);
}

bool has_warning(const base::Diagnostics& d, const std::string& needle) {
    for (const auto& x : d.items())
        if (x.message.find(needle) != std::string::npos) return true;
    return false;
}

/// Every XHTML file of the EPUB written from `doc`, concatenated.
std::string epub_xhtml(const model::Document& doc, const fs::path& out) {
    base::Diagnostics diag;
    epub::EpubOptions opts;
    opts.epoch_s = 1700000000;
    opts.cover = "none";
    epub::write_epub(doc, {}, opts, out, diag);
    std::string all;
    for (const auto& e : epub::read_zip(base::read_file(out.string())))
        if (e.name.ends_with(".xhtml")) all += e.bytes;
    fs::remove(out);
    return all;
}

struct TempDir {
    fs::path root;
    TempDir() {
        root = fs::temp_directory_path() / std::string("folio-rawhtml-")
                                               .append(std::to_string(::getpid()))
                                               .append("-")
                                               .append(::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root);
        fs::create_directories(root / "pics");
        fs::copy_file(fs::path(FOLIO_TEST_DATA) / "data" / "gradient.png", root / "pics" / "g.png");
    }
    ~TempDir() { fs::remove_all(root); }
};

}  // namespace

TEST(MarkdownRawHtml, NothingExecutableReachesTheBookOrThePage) {
    const std::string md =
        "# Hostile\n\n"
        "<details ontoggle=\"steal()\"><summary onclick=\"steal()\">Open me</summary>\n"
        "<iframe src=\"https://evil.example/frame\"></iframe>\n"
        "<object data=\"x.swf\"></object><embed src=\"y.swf\">\n"
        "Kept words.\n"
        "</details>\n\n"
        "<table onmouseover=\"steal()\">\n"
        "<tr><th>A</th><th>B</th></tr>\n"
        "<tr><td><script>steal()</script>cell</td><td><a href=\"javascript:steal()\">bad</a> "
        "<a href=\" JaVaScRiPt:steal()\">worse</a> <a href=\"https://ok.example/\" onclick=\"steal()\">fine</a></td></tr>\n"
        "</table>\n\n"
        "<img src=\"javascript:steal()\" alt=\"alt one\" onerror=\"steal()\">\n\n"
        "<svg onload=\"steal()\"><text>svg text</text></svg>\n\n"
        "<p style=\"x\" onclick=\"steal()\">Para <a href=\"vbscript:steal()\">vb</a> "
        "<a href=\"data:text/html,steal\">data</a>.</p>\n";
    base::Diagnostics diag("t.md");
    const model::Document doc = read(md, diag);
    const std::string book = epub_xhtml(doc, fs::temp_directory_path() / "folio-rawhtml-hostile.epub");
    base::Diagnostics quiet;
    const std::string page = epub::render_html(doc, {}, quiet);
    for (const std::string* out : {&book, &page}) {
        for (const char* bad : {"steal", "<script", "<iframe", "<object", "<embed", "<svg", "onclick", "onerror",
                                "onload", "ontoggle", "onmouseover", "javascript:", "JaVaScRiPt", "vbscript:", "data:text"})
            EXPECT_EQ(out->find(bad), std::string::npos) << bad;
        for (const char* kept : {"Open me", "Kept words.", "cell", "bad", "worse", "alt one", "Para", "vb", "data"})
            EXPECT_NE(out->find(kept), std::string::npos) << kept;
        EXPECT_NE(out->find("<a href=\"https://ok.example/\">fine</a>"), std::string::npos);
    }
    EXPECT_NE(book.find("<details><summary>Open me</summary>"), std::string::npos) << book;
    EXPECT_NE(book.find("<th scope=\"col\">A</th>"), std::string::npos);
    EXPECT_TRUE(has_warning(diag, "<iframe> element dropped"));
    EXPECT_TRUE(has_warning(diag, "<script> element dropped"));
    EXPECT_TRUE(has_warning(diag, "is not local and is not fetched"));
}

TEST(MarkdownRawHtml, DetailsHoldMarkdownInListsQuotesAndFootnotes) {
    const std::string md =
        "- item\n\n"
        "  <details>\n  <summary>In a list</summary>\n\n  *Emphasis* inside.\n\n  </details>\n\n"
        "Text with a note.[^n]\n\n"
        "[^n]: <details><summary>In a note</summary>\n\n    Note body.\n\n    </details>\n";
    base::Diagnostics diag("t.md");
    const model::Document doc = read(md, diag);
    ASSERT_FALSE(doc.blocks.empty());
    const auto* list = std::get_if<model::BulletList>(&doc.blocks[0].node);
    ASSERT_NE(list, nullptr);
    ASSERT_EQ(list->items.at(0).blocks.size(), 2u);
    const auto* d = std::get_if<model::Details>(&list->items[0].blocks[1].node);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(model::plain_text(d->summary), "In a list");
    ASSERT_EQ(d->blocks.size(), 1u);
    EXPECT_NE(std::get_if<model::Paragraph>(&d->blocks[0].node), nullptr);
    ASSERT_EQ(doc.footnotes.size(), 1u);
    ASSERT_EQ(doc.footnotes[0].blocks.size(), 1u);
    const auto* nd = std::get_if<model::Details>(&doc.footnotes[0].blocks[0].node);
    ASSERT_NE(nd, nullptr);
    EXPECT_EQ(model::plain_text(nd->summary), "In a note");
    EXPECT_EQ(model::count_body_words(doc), 10u);  // item, In a list, Emphasis inside., Text with a note.
    for (const auto& x : diag.items()) ADD_FAILURE() << x.message;
}

TEST(MarkdownRawHtml, HostileDetailsNestingIsBounded) {
    std::string md;
    for (int i = 0; i < 20000; ++i) md += "<details><summary>s</summary>\n\nx\n\n";
    for (int i = 0; i < 20000; ++i) md += "</details>\n\n";
    const auto t0 = std::chrono::steady_clock::now();
    base::Diagnostics diag("t.md");
    const model::Document doc = read(md, diag);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(s, 5.0);
    // Every word is still there, whatever the nesting became.
    EXPECT_EQ(model::count_body_words(doc), 40000u);
    EXPECT_TRUE(has_warning(diag, "nested deeper than"));
    const std::string book = epub_xhtml(doc, fs::temp_directory_path() / "folio-rawhtml-deep.epub");
    EXPECT_NE(book.find("<details>"), std::string::npos);
}

TEST(MarkdownRawHtml, LocalImagesResolveBesideTheDocumentAndRemoteOnesAreNotFetched) {
    TempDir dir;
    parse::ReadOptions opts;
    opts.base_dir = dir.root;
    const std::string md =
        "<img src=\"pics/g.png\" alt=\"Gradient\">\n\n"
        "Inline <img src=\"pics/g.png\" alt=\"small\"> image.\n\n"
        "<img src=\"../outside.png\" alt=\"Outside\">\n\n"
        "<img src=\"https://example.org/x.png\" alt=\"Remote\">\n\n"
        "<table><tr><th>Picture</th><th>Name</th></tr><tr><td><img src=\"pics/g.png\" alt=\"cell picture\"></td><td>g</td></tr></table>\n";
    base::Diagnostics diag("t.md");
    const model::Document doc = read(md, diag, opts);
    ASSERT_GE(doc.blocks.size(), 5u);
    const auto* fig = std::get_if<model::Figure>(&doc.blocks[0].node);
    ASSERT_NE(fig, nullptr);
    EXPECT_EQ(fs::path(fig->image.src), (dir.root / "pics/g.png").lexically_normal());
    EXPECT_EQ(fig->image.alt, "Gradient");
    const auto* inl = std::get_if<model::Paragraph>(&doc.blocks[1].node);
    ASSERT_NE(inl, nullptr);
    EXPECT_NE(std::get_if<model::Image>(&inl->content.at(1).node), nullptr);
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(doc.blocks[2].node).content), "Outside");
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(doc.blocks[3].node).content), "Remote");
    const auto* t = std::get_if<model::Table>(&doc.blocks[4].node);
    ASSERT_NE(t, nullptr);
    ASSERT_EQ(t->body.size(), 1u);
    const auto* cell_img = std::get_if<model::Image>(&t->body[0][0].content.at(0).node);
    ASSERT_NE(cell_img, nullptr);
    EXPECT_EQ(cell_img->alt, "cell picture");
    EXPECT_TRUE(has_warning(diag, "is not local and is not fetched"));
    EXPECT_TRUE(has_warning(diag, "outside.png"));
}

TEST(MarkdownRawHtml, TablesKeepColumnsAndDegradeWithAWarning) {
    base::Diagnostics diag("t.md");
    const model::Document doc = read(
        "<table>\n<tr><th>A</th><th>B</th><th>C</th></tr>\n"
        "<tr><td colspan=\"2\">wide</td><td>c</td></tr>\n"
        "<tr><td>a</td><td>b</td></tr>\n"
        "<tr><td colspan=\"999999999999999999999\">huge</td><td>z</td></tr>\n</table>\n",
        diag);
    ASSERT_EQ(doc.blocks.size(), 1u);
    const auto& t = std::get<model::Table>(doc.blocks[0].node);
    ASSERT_EQ(t.head.size(), 1u);
    ASSERT_EQ(t.body.size(), 3u);
    // "c" stays under C; the ragged row is padded; a huge span is capped.
    EXPECT_EQ(model::plain_text(t.body[0][2].content), "c");
    EXPECT_TRUE(t.body[0][1].content.empty());
    EXPECT_TRUE(t.body[1][2].content.empty());
    EXPECT_EQ(t.aligns.size(), 65u);
    EXPECT_EQ(model::plain_text(t.body[2][64].content), "z");
    EXPECT_TRUE(has_warning(diag, "spanning rows or columns"));
}
