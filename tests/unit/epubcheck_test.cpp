// epubcheck on EPUBs built from documents constructed in C++ (independent of the readers): every
// node kind, many chapters with embedded fonts, and a chapter split by size. 0 fatals, 0 errors,
// 0 warnings, else the test fails. Each run starts a JVM (~5-8 s), so the set is kept small.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>

#include "epub/epub_writer.hpp"
#include "epub_fixtures.hpp"

namespace fs = std::filesystem;
using namespace folio;
using namespace folio::epub::testing;

namespace {

constexpr const char* epubcheck_jar = "/usr/bin/epubcheck";

struct CheckResult {
    int status = -1;
    std::string output;
};

CheckResult run_epubcheck(const fs::path& file) {
    CheckResult r;
    const std::string cmd = "java -jar " + std::string(epubcheck_jar) + " '" + file.string() + "' 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.output.append(buf, n);
    const int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

void expect_clean(const model::Document& d, const std::string& name, epub::EpubOptions opts = {}) {
    if (!fs::exists(epubcheck_jar)) GTEST_SKIP() << "epubcheck is not installed (apt-get install epubcheck)";
    opts.epoch_s = 1700000000;
    base::Diagnostics diag;
    const fs::path out = temp_dir() / name;
    epub::write_epub(d, {}, opts, out, diag);
    const CheckResult r = run_epubcheck(out);
    std::string summary;
    if (const auto at = r.output.find("Messages:"); at != std::string::npos)
        summary = r.output.substr(at, r.output.find('\n', at) - at);
    std::printf("epubcheck %s (%ju bytes): %s\n", name.c_str(), static_cast<std::uintmax_t>(fs::file_size(out)),
                summary.c_str());
    EXPECT_EQ(summary, "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos") << r.output;
    EXPECT_EQ(r.status, 0) << r.output;
}

}  // namespace

TEST(Epubcheck, EveryNodeKind) { expect_clean(rich_document(), "check-rich.epub"); }

TEST(Epubcheck, ManyChaptersWithEmbeddedFonts) {
    epub::EpubOptions o;
    o.split_level = 2;
    o.embed_fonts = true;
    expect_clean(multi_chapter_document(), "check-chapters.epub", o);
}

TEST(Epubcheck, LongChapterSplitBySize) { expect_clean(long_document(600'000), "check-long.epub"); }

// A book that makes no conformance claim (no language, a picture without alt text) and whose
// only headings were guessed from short lines: the metadata of that path is valid too.
TEST(Epubcheck, GuessedHeadingsWithoutConformanceClaim) {
    model::Document d;
    d.meta.title = "Guessed";
    d.blocks.push_back(para({txt("Opening paragraph.")}));
    d.blocks.push_back({model::Heading{2, {txt("Background")}, "", true}, {}});
    d.blocks.push_back(para({txt("Text under the guessed heading.")}));
    d.blocks.push_back({model::Figure{{test_png(), "", ""}, {}}, {}});
    expect_clean(d, "check-guessed.epub");
}
