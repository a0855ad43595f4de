// The fontconfig answer cache: answers kept between runs give the same chains without asking
// fontconfig, and a stale, damaged or unwritable cache is ignored without an error.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "base/io.hpp"
#include "pdf/font_cache.hpp"
#include "pdf/fonts.hpp"

using namespace folio;
using layout::Face;
namespace fs = std::filesystem;

namespace {

/// A fresh folder for one test's cache file.
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("folio-font-cache-test-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

/// What a chain answers for a few characters: its first file, and each character's pick and
/// advance (a private-use character no font has, a ballot box only DejaVu has).
std::string answers(pdf::FontLibrary& lib) {
    pdf::ChainMetrics m(lib, {"Liberation Serif", "No Such Family"}, {"monospace"}, {"DejaVu Sans"});
    std::string out;
    for (Face f : {Face::Regular, Face::Bold, Face::Mono, Face::DisplayItalic}) {
        const pdf::FaceChain& c = m.chain(f);
        out += c.face(0).path + ' ' + std::to_string(c.size());
        for (char32_t cp : {U'a', U'é', U'\u2610', U'\uE000'})
            out += ' ' + std::to_string(c.pick(cp)) + ':' + std::to_string(c.advance(cp));
        out += '\n';
    }
    return out;
}

}  // namespace

TEST(PdfFontCache, KeptAnswersSkipFontconfigAndChangeNothing) {
    const fs::path file = scratch("kept") / "sub" / "font-lookups.txt";
    std::string cold, warm;
    {
        pdf::FontLibrary lib(file);
        cold = answers(lib);
        EXPECT_GT(lib.fontconfig_queries(), 0u);
    }
    ASSERT_TRUE(fs::exists(file));
    {
        pdf::FontLibrary lib(file);
        warm = answers(lib);
        EXPECT_EQ(lib.fontconfig_queries(), 0u);
    }
    EXPECT_EQ(cold, warm);
    pdf::FontLibrary uncached{fs::path()};
    EXPECT_EQ(answers(uncached), cold);
}

TEST(PdfFontCache, StaleOrDamagedFilesAreIgnored) {
    const fs::path file = scratch("stale") / "font-lookups.txt";
    std::string expected;
    {
        pdf::FontLibrary lib(file);
        expected = answers(lib);
    }
    std::string text = base::read_file(file.string());
    // A watched folder that changed: the stamp no longer matches.
    const auto at = text.find("\nwatch\t");
    ASSERT_NE(at, std::string::npos);
    const auto stamp = text.find('\t', text.find('\t', at + 1) + 1);
    text[stamp + 1] = text[stamp + 1] == '1' ? '2' : '1';
    base::write_file_atomic(file, text);
    {
        pdf::FontLibrary lib(file);
        EXPECT_EQ(answers(lib), expected);
        EXPECT_GT(lib.fontconfig_queries(), 0u);
    }
    // Rewritten fresh by the run above.
    {
        pdf::FontLibrary lib(file);
        EXPECT_EQ(answers(lib), expected);
        EXPECT_EQ(lib.fontconfig_queries(), 0u);
    }
    // An answer naming a file that has changed since is not used.
    text = base::read_file(file.string());
    const auto answer = text.find("\nanswer\t");
    ASSERT_NE(answer, std::string::npos);
    char& ino_digit = text[text.find('\n', answer + 1) - 1];
    ino_digit = ino_digit == '1' ? '2' : '1';
    base::write_file_atomic(file, text);
    {
        pdf::FontLibrary lib(file);
        EXPECT_EQ(answers(lib), expected);
        EXPECT_GT(lib.fontconfig_queries(), 0u);
    }
    for (const std::string& garbage : {std::string(), std::string("\0\1\2", 3), std::string("folio-font-lookups 1\n")}) {
        base::write_file_atomic(file, garbage);
        pdf::FontLibrary lib(file);
        EXPECT_EQ(answers(lib), expected);
        EXPECT_GT(lib.fontconfig_queries(), 0u);
    }
}

TEST(PdfFontCache, UnwritablePlacesAreNotAnError) {
    const fs::path dir = scratch("readonly");
    const fs::path blocker = dir / "not-a-folder";
    base::write_file_atomic(blocker, "x");
    pdf::FontLibrary lib(blocker / "folio" / "font-lookups.txt");  // parent is a file: cannot be made
    EXPECT_FALSE(answers(lib).empty());
    EXPECT_FALSE(fs::exists(blocker / "folio"));
}

TEST(PdfFontCache, DefaultPlaceFollowsTheEnvironment) {
    const char* saved_home = std::getenv("HOME");
    const char* saved_xdg = std::getenv("XDG_CACHE_HOME");
    const std::string home = saved_home ? saved_home : "", xdg = saved_xdg ? saved_xdg : "";
    ::setenv("XDG_CACHE_HOME", "/some/cache", 1);
    EXPECT_EQ(pdf::FontLookupCache::default_file(), fs::path("/some/cache/folio/font-lookups.txt"));
    ::setenv("XDG_CACHE_HOME", "relative", 1);  // not absolute: ignored, as the XDG rules say
    ::setenv("HOME", "/home/x", 1);
    EXPECT_EQ(pdf::FontLookupCache::default_file(), fs::path("/home/x/.cache/folio/font-lookups.txt"));
    ::unsetenv("HOME");
    EXPECT_TRUE(pdf::FontLookupCache::default_file().empty());
    ::setenv("HOME", "/home/x", 1);
    ::setenv("FOLIO_NO_FONT_CACHE", "1", 1);
    EXPECT_TRUE(pdf::FontLookupCache::default_file().empty());
    ::unsetenv("FOLIO_NO_FONT_CACHE");
    if (saved_home) ::setenv("HOME", home.c_str(), 1);
    else ::unsetenv("HOME");
    if (saved_xdg) ::setenv("XDG_CACHE_HOME", xdg.c_str(), 1);
    else ::unsetenv("XDG_CACHE_HOME");
}
