// Unit tests for the Markdown reader beyond the spec examples: positions, options, image
// folders, hostile nesting, encodings, words kept, speed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "model/json.hpp"
#include "model/text.hpp"
#include "parse/front_matter.hpp"
#include "parse/reader.hpp"

using namespace folio;
namespace fs = std::filesystem;

namespace {

model::Document read(const std::string& md, parse::ReadOptions opts = {}) {
    base::Diagnostics diag("t.md");
    return parse::read_markdown(md, opts, diag);
}

model::Document read(const std::string& md, base::Diagnostics& diag, parse::ReadOptions opts = {}) {
    return parse::read_markdown(md, opts, diag);
}

bool has_warning(const base::Diagnostics& d, const std::string& needle) {
    for (const auto& x : d.items())
        if (x.message.find(needle) != std::string::npos) return true;
    return false;
}

std::size_t depth_of(const model::Blocks& bs) {
    std::size_t best = 0;
    for (const auto& b : bs) {
        std::size_t d = 0;
        if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) d = 1 + depth_of(q->blocks);
        if (const auto* l = std::get_if<model::BulletList>(&b.node))
            for (const auto& it : l->items) d = std::max(d, 1 + depth_of(it.blocks));
        best = std::max(best, d);
    }
    return best;
}

/// A temporary folder tree, removed at the end of the test.
struct TempDir {
    fs::path root;
    TempDir() {
        root = fs::temp_directory_path() / ("folio-md-" + std::to_string(::getpid()) +
                                            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root);
        fs::create_directories(root);
    }
    ~TempDir() { fs::remove_all(root); }
    void copy_png(const fs::path& to) const {
        fs::create_directories(to.parent_path());
        fs::copy_file(fs::path(FOLIO_TEST_DATA) / "golden/markdown-assets/red.png", to, fs::copy_options::overwrite_existing);
    }
};

bool has_empty_text(const model::Inlines& xs) {
    for (const auto& x : xs) {
        if (const auto* t = std::get_if<model::Text>(&x.node); t && t->text.empty()) return true;
        const bool inner = std::visit([](const auto& n) {
            if constexpr (requires { n.children; }) return has_empty_text(n.children);
            else return false;
        }, x.node);
        if (inner) return true;
    }
    return false;
}

bool has_empty_text(const model::Blocks& bs) {
    for (const auto& b : bs) {
        const bool found = std::visit([](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, model::Paragraph> || std::is_same_v<T, model::Heading>) return has_empty_text(n.content);
            else if constexpr (std::is_same_v<T, model::BlockQuote>) return has_empty_text(n.blocks);
            else if constexpr (std::is_same_v<T, model::BulletList> || std::is_same_v<T, model::OrderedList>) {
                for (const auto& it : n.items)
                    if (has_empty_text(it.blocks)) return true;
                return false;
            } else if constexpr (std::is_same_v<T, model::Table>) {
                for (const auto* rows : {&n.head, &n.body})
                    for (const auto& row : *rows)
                        for (const auto& cell : row)
                            if (has_empty_text(cell.content)) return true;
                return false;
            } else if constexpr (std::is_same_v<T, model::Figure>) return has_empty_text(n.caption);
            else return false;
        }, b.node);
        if (found) return true;
    }
    return false;
}

}  // namespace

TEST(Markdown, BlockPositionsCountFrontMatterLinesAndCodePoints) {
    const auto doc = read("---\ntitle: T\n---\n\nÉté *x*\n\n- item\n\n> quote\n");
    ASSERT_EQ(doc.blocks.size(), 3u);
    EXPECT_EQ(doc.blocks[0].pos, (model::SourcePos{5, 1}));
    EXPECT_EQ(doc.blocks[1].pos, (model::SourcePos{7, 1}));
    EXPECT_EQ(doc.blocks[2].pos, (model::SourcePos{9, 1}));
    // Inline positions are in code points: "*x*" starts after "Été " (4 characters, 7 bytes).
    const auto& para = std::get<model::Paragraph>(doc.blocks[0].node);
    ASSERT_EQ(para.content.size(), 2u);
    EXPECT_EQ(para.content[1].pos, (model::SourcePos{5, 5}));
}

TEST(Markdown, WarningsNameFileLineAndColumn) {
    base::Diagnostics diag("doc.md");
    read("---\ntitle: x\n---\n\nSee [x](javascript:void(0)).\n", diag);
    ASSERT_EQ(diag.items().size(), 1u);
    EXPECT_EQ(base::format(diag.items()[0]).rfind("folio: warning: doc.md:5:5: link to", 0), 0u)
        << base::format(diag.items()[0]);
}

TEST(Markdown, FrontMatterFinder) {
    EXPECT_FALSE(parse::find_front_matter("no front matter"));
    EXPECT_FALSE(parse::find_front_matter("---\n\ntitle: x\n---\n"));  // blank line after the fence
    EXPECT_FALSE(parse::find_front_matter("---\ntitle: x\n"));        // never closed
    const auto fm = parse::find_front_matter("---  \ntitle: x\n...\nbody");
    ASSERT_TRUE(fm);
    EXPECT_EQ(fm->yaml, "title: x\n");
    EXPECT_EQ(fm->lines, 3u);
}

TEST(Markdown, TitleFromFirstHeadingOnlyWithoutFrontMatterTitle) {
    auto doc = read("# Big title\n\ntext\n\n# Second\n");
    EXPECT_EQ(doc.meta.title, "Big title");
    EXPECT_EQ(doc.blocks.size(), 2u);
    doc = read("---\ntitle: Given\n---\n# Heading\n");
    EXPECT_EQ(doc.meta.title, "Given");
    EXPECT_EQ(doc.blocks.size(), 1u);
    EXPECT_TRUE(doc.meta.removed.empty());
}

TEST(Markdown, LanguageOptionOverridesFrontMatterAndDetection) {
    parse::ReadOptions opts;
    opts.lang = "de";
    EXPECT_EQ(read("---\nlang: fr\n---\ntext\n", opts).meta.lang, "de");
    EXPECT_EQ(read("---\nlang: fr\n---\ntext\n").meta.lang, "fr");
}

TEST(Markdown, SmartOffKeepsStraightQuotes) {
    parse::ReadOptions opts;
    opts.smart = false;
    opts.lang = "en";
    const auto doc = read("It's \"here\"...", opts);
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(doc.blocks[0].node).content), "It's \"here\"...");
}

TEST(Markdown, AsciiDashesInProseNotInCode) {
    parse::ReadOptions opts;
    opts.lang = "en";
    const auto doc = read("Pages 10--20 -- a pause --- and `ls --all -- x` or a-b.\n\n"
                          "```\nx -- y --- z\n```\n\n    indented -- code\n",
                          opts);
    ASSERT_EQ(doc.blocks.size(), 3u);
    const auto& c = std::get<model::Paragraph>(doc.blocks[0].node).content;
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(std::get<model::Text>(c[0].node).text, "Pages 10–20\u00A0– a pause\u00A0— and ");
    EXPECT_EQ(std::get<model::Code>(c[1].node).text, "ls --all -- x");
    EXPECT_EQ(std::get<model::Text>(c[2].node).text, " or a-b.");
    EXPECT_EQ(std::get<model::CodeBlock>(doc.blocks[1].node).text, "x -- y --- z");
    EXPECT_EQ(std::get<model::CodeBlock>(doc.blocks[2].node).text, "indented -- code");
}

TEST(Markdown, AsciiDashesSpareUrlsAndTitles) {
    parse::ReadOptions opts;
    opts.lang = "en";
    const auto doc = read("---\ntitle: Before -- after\n---\nSee <https://a.org/a--b> and https://b.org/x---y.\n", opts);
    EXPECT_EQ(doc.meta.title, "Before\u00A0– after");
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(doc.blocks[0].node).content),
              "See https://a.org/a--b and https://b.org/x---y.");
}

TEST(Markdown, SmartOffKeepsDashesAndHyphens) {
    parse::ReadOptions opts;
    opts.smart = false;
    opts.lang = "en";
    const auto doc = read("a -- b --- c - d 'n' (RMS)'s", opts);
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(doc.blocks[0].node).content),
              "a -- b --- c - d 'n' (RMS)'s");
}

TEST(Markdown, EncodingsAreDecodedFirst) {
    base::Diagnostics diag;
    const std::string utf16 = std::string("\xFF\xFE", 2) + std::string("#\0 \0T\0\xE9\0", 8);
    const auto doc = read(utf16, diag);
    EXPECT_EQ(doc.meta.title, "Té");
    EXPECT_THROW(read(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), base::Error);
}

TEST(Markdown, ImagesInsideResourcePathsAreAllowed) {
    TempDir t;
    const fs::path input_dir = t.root / "doc";
    const fs::path shared = t.root / "shared";
    t.copy_png(input_dir / "img/a.png");
    t.copy_png(shared / "b.png");
    parse::ReadOptions opts;
    opts.base_dir = input_dir;
    base::Diagnostics diag;
    auto doc = read("![a](img/a.png)\n\n![b](../shared/b.png)\n", diag, opts);
    EXPECT_TRUE(std::holds_alternative<model::Figure>(doc.blocks[0].node));
    EXPECT_TRUE(std::holds_alternative<model::Paragraph>(doc.blocks[1].node));
    EXPECT_TRUE(has_warning(diag, "outside the input's folder"));

    opts.resource_paths.push_back(shared);
    base::Diagnostics diag2;
    doc = read("![b](../shared/b.png)\n\n![c](b.png)\n\n![d](" + (shared / "b.png").string() + ")\n", diag2, opts);
    for (const auto& b : doc.blocks) EXPECT_TRUE(std::holds_alternative<model::Figure>(b.node));
    EXPECT_TRUE(diag2.items().empty());
}

TEST(Markdown, SymlinkLeavingTheFolderIsRefused) {
    TempDir t;
    t.copy_png(t.root / "outside.png");
    fs::create_directories(t.root / "doc");
    std::error_code ec;
    fs::create_symlink(t.root / "outside.png", t.root / "doc/link.png", ec);
    if (ec) GTEST_SKIP() << "symlinks unavailable";
    parse::ReadOptions opts;
    opts.base_dir = t.root / "doc";
    base::Diagnostics diag;
    const auto doc = read("![alt](link.png)", diag, opts);
    EXPECT_TRUE(std::holds_alternative<model::Paragraph>(doc.blocks[0].node));
    EXPECT_TRUE(has_warning(diag, "outside the input's folder"));
}

TEST(Markdown, EmptyBaseDirMeansTheCurrentFolderNotEverywhere) {
    TempDir t;
    t.copy_png(t.root / "elsewhere.png");
    ASSERT_FALSE(t.root.string().rfind(fs::current_path().string(), 0) == 0) << "temp folder inside the working folder";
    parse::ReadOptions opts;
    opts.base_dir = "";
    opts.resource_paths.push_back("");
    base::Diagnostics diag;
    const auto doc = read("![x](" + (t.root / "elsewhere.png").string() + ")\n", diag, opts);
    EXPECT_TRUE(std::holds_alternative<model::Paragraph>(doc.blocks[0].node));
    EXPECT_TRUE(has_warning(diag, "outside the input's folder"));
}

TEST(Markdown, PercentEncodedImagePath) {
    TempDir t;
    t.copy_png(t.root / "my image.png");
    parse::ReadOptions opts;
    opts.base_dir = t.root;
    base::Diagnostics diag;
    const auto doc = read("![x](my%20image.png)\n\n![y](<my image.png>)\n", diag, opts);
    EXPECT_TRUE(std::holds_alternative<model::Figure>(doc.blocks[0].node));
    EXPECT_TRUE(std::holds_alternative<model::Figure>(doc.blocks[1].node));
    EXPECT_TRUE(diag.items().empty());
}

TEST(Markdown, TenThousandNestedQuotesDoNotOverflow) {
    base::Diagnostics diag;
    const auto doc = read(std::string(10000, '>') + " deep words\n", diag);
    EXPECT_LE(depth_of(doc.blocks), 65u);
    EXPECT_TRUE(has_warning(diag, "nested deeper than 64"));
    const auto words = model::body_words(doc);
    ASSERT_EQ(words.size(), 2u);
    EXPECT_EQ(words[1], "words");
}

TEST(Markdown, DeepListsAndInlinesAreBounded) {
    std::string lists;
    for (int i = 0; i < 3000; ++i) lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- l" + std::to_string(i) + "\n";
    auto doc = read(lists);
    EXPECT_LE(depth_of(doc.blocks), 65u);
    EXPECT_EQ(model::body_words(doc).size(), 3000u);

    std::string emph;
    for (int i = 0; i < 5000; ++i) emph += "*a ";
    emph += "core";
    for (int i = 0; i < 5000; ++i) emph += " b*";
    doc = read(emph);  // must simply not crash; words survive
    EXPECT_EQ(model::body_words(doc).size(), 10001u);

    std::string html;
    for (int i = 0; i < 5000; ++i) html += "<em>";
    html += "inner";
    for (int i = 0; i < 5000; ++i) html += "</em>";
    base::Diagnostics diag;
    doc = read("x " + html, diag);
    EXPECT_EQ(model::plain_text(std::get<model::Paragraph>(doc.blocks[0].node).content), "x inner");
    EXPECT_TRUE(has_warning(diag, "more raw HTML elements dropped"));

    std::string links;
    for (int i = 0; i < 5000; ++i) links += "[";
    links += "t";
    for (int i = 0; i < 5000; ++i) links += "](u)";
    doc = read(links);
    EXPECT_FALSE(model::body_words(doc).empty());
}

TEST(Markdown, EveryWordOfPlainProseIsKept) {
    std::string md = "# Title here\n\n";
    std::vector<std::string> expected;
    const char* words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
    for (int p = 0; p < 40; ++p) {
        std::string line;
        for (int w = 0; w < 12; ++w) {
            const std::string word = std::string(words[(p * 7 + w) % 8]) + std::to_string(p);
            expected.push_back(word);
            const int k = (p + w) % 6;
            if (k == 0) line += "*" + word + "* ";
            else if (k == 1) line += "**" + word + "** ";
            else if (k == 2) line += "[" + word + "](https://e.org/" + word + ") ";
            else if (k == 3) line += "<span>" + word + "</span> ";
            else line += word + " ";
        }
        md += (p % 5 == 0 ? "- " : p % 5 == 1 ? "> " : "") + line + "\n\n";
    }
    base::Diagnostics diag;
    parse::ReadOptions opts;
    opts.lang = "en";
    const auto doc = read(md, diag, opts);
    EXPECT_EQ(model::body_words(doc), expected);
}

TEST(Markdown, GeneratedLargeDocumentSpeed) {
    std::string md = "---\ntitle: Big\nlang: en\n---\n\n";
    int i = 0;
    while (md.size() < 3u * 1024 * 1024) {
        ++i;
        md += "## Section " + std::to_string(i) + "\n\nSome *emphasised* text with a [link](https://example.org/" +
              std::to_string(i) + ") and `code`, \"quotes\" and it's fine.\n\n- item one\n- item two\n\n"
              "| a | b |\n|---|---|\n| 1 | 2 |\n\n```c\nint x = " + std::to_string(i) + ";\n```\n\n";
    }
    timespec t0{}, t1{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    const auto doc = read(md);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    const double s = static_cast<double>(t1.tv_sec - t0.tv_sec) + static_cast<double>(t1.tv_nsec - t0.tv_nsec) / 1e9;
    std::printf("read_markdown: %.1f MB/s (CPU time) on %.1f MB\n", static_cast<double>(md.size()) / 1e6 / s, static_cast<double>(md.size()) / 1e6);
    EXPECT_EQ(doc.blocks.size(), static_cast<std::size_t>(i) * 5);
}

TEST(Markdown, RandomMarkupNeverFailsAndGivesValidText) {
    const std::vector<std::string> atoms = {"*", "_", "**", "~~", "`", "```", "\n", "\n\n", " ", "    ", "> ", "- ", "1. ",
                                            "[", "]", "(", ")", "![", "[^1]", "[^1]: ", "<em>", "</em>", "<span>",
                                            "<!--", "-->", "<br>", "|", "|---|", "#", "---", "\"", "'", "...", "é",
                                            "&amp;", "&#0;", "\\", "word", "x.png", "javascript:", "<div>", "</div>",
                                            "- [ ] ", "\t", ":", "?"};
    std::mt19937 rng(11);
    for (int round = 0; round < 400; ++round) {
        std::string md;
        const int n = 1 + static_cast<int>(rng() % 120);
        for (int i = 0; i < n; ++i) md += atoms[rng() % atoms.size()];
        base::Diagnostics diag;
        model::Document doc;
        ASSERT_NO_THROW(doc = read(md, diag)) << md;
        const std::string json = model::to_json(doc, true);
        ASSERT_TRUE(folio::base::utf8::is_valid(json)) << md;
        ASSERT_FALSE(has_empty_text(doc.blocks)) << md;
        for (const auto& f : doc.footnotes) ASSERT_FALSE(has_empty_text(f.blocks)) << md;
    }
}

TEST(Markdown, StrikethroughHoldsWhileOtherThreadsParse) {
    // cmark-gfm adds '~' to a process-wide table when a parse finishes and removes it after: a
    // parse finishing beside another one read "~~text~~" as plain text now and then.
    std::string md = "---\ntitle: T\nlang: en\n---\n\n";
    for (int i = 0; i < 40; ++i) md += "Some *emphasis*, a ~~struck word~~ and `code` in paragraph " + std::to_string(i) + ".\n\n";
    auto strikes = [](const model::Document& doc) {
        const std::string json = model::to_json(doc, false);
        std::size_t n = 0;
        for (std::size_t at = 0; (at = json.find("\"strike\"", at)) != std::string::npos; ++at) ++n;
        return n;
    };
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int k = 0; k < 60; ++k)
                if (strikes(read(md)) != 40) ++wrong;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(wrong.load(), 0);
}
