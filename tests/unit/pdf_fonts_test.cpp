// Font lookup and measuring: fontconfig families, fallback chains, refusal of non-TrueType files,
// and the cost of measuring a word with the 64K advance tables.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/io.hpp"
#include "pdf/fonts.hpp"

using namespace folio;
using layout::Face;

namespace {

pdf::FontLibrary& library() {
    static pdf::FontLibrary lib;
    return lib;
}

}  // namespace

TEST(PdfFonts, FamiliesAreFoundAndMeasured) {
    const auto& serif = library().chain({"DejaVu Serif"}, Face::Regular);
    ASSERT_FALSE(serif.faces.empty());
    EXPECT_NE(serif.faces[0]->path.find("DejaVuSerif.ttf"), std::string::npos);
    // DejaVu Serif: 2048 units per em; 'a' (glyph 68) advances 1221 units → 596/1000 em, truncated.
    EXPECT_EQ(serif.advance['a'], 596);
    EXPECT_NEAR(serif.width("aa", 10), 11.92, 1e-9);
    EXPECT_GT(serif.faces[0]->ascent_em, 0.7);
    EXPECT_GT(serif.faces[0]->descent_em, 0.1);
    const auto& bold = library().chain({"DejaVu Serif"}, Face::Bold);
    EXPECT_NE(bold.faces[0]->path.find("Bold"), std::string::npos);
    EXPECT_GT(bold.width("folio", 11), serif.width("folio", 11));
    const auto& mono = library().chain({"DejaVu Sans Mono"}, Face::Mono);
    EXPECT_DOUBLE_EQ(mono.width("iiii", 10), mono.width("MMMM", 10));
}

TEST(PdfFonts, FallbackPerCharacter) {
    const auto& chain = library().chain({"No Such Family", "Liberation Serif"}, Face::Regular);
    ASSERT_GE(chain.faces.size(), 2u);  // Liberation Serif, then the DejaVu last resorts
    EXPECT_NE(chain.faces[0]->path.find("LiberationSerif"), std::string::npos);
    EXPECT_EQ(chain.pick['e'], 0);
    // U+2610 BALLOT BOX: not in Liberation Serif, found in DejaVu Sans.
    ASSERT_NE(chain.pick[0x2610], pdf::FaceChain::no_face);
    EXPECT_NE(chain.faces[chain.pick[0x2610]]->path.find("DejaVuSans"), std::string::npos);
    // A private-use code point no installed font has.
    EXPECT_EQ(chain.pick[0xE000], pdf::FaceChain::no_face);
    pdf::ChainMetrics m(library(), {"Liberation Serif"}, {"DejaVu Sans Mono"}, {"DejaVu Sans"});
    EXPECT_TRUE(m.has_glyph(Face::Regular, 0x2610));
    EXPECT_FALSE(m.has_glyph(Face::Regular, 0xE000));
    EXPECT_FALSE(m.has_glyph(Face::Regular, 0x1F600));  // above the BMP: never
}

TEST(PdfFonts, OnlyTrueTypeOutlinesAreAccepted) {
    const auto dir = std::filesystem::temp_directory_path();
    const auto fake = dir / "folio-fonts-test-not-a-font.ttf";
    base::write_file_atomic(fake, std::string("OTTO") + std::string(200, '\0'));
    EXPECT_THROW(pdf::parse_truetype(fake.string()), base::Error);
    base::write_file_atomic(fake, std::string(3, 'x'));
    EXPECT_THROW(pdf::parse_truetype(fake.string()), base::Error);
    std::filesystem::remove(fake);
}

TEST(PdfFonts, MeasuringAWordTakesNanoseconds) {
    const auto& chain = library().chain({"DejaVu Serif"}, Face::Regular);
    const std::vector<std::string> words{"immunothérapie", "désigne", "un", "ensemble", "de", "traitements",
                                         "qui", "utilisent", "l’immunité", "œuvre"};
    constexpr int rounds = 200000;
    double sum = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r)
        for (const auto& w : words) sum += chain.width(w, 11);
    const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
                      (static_cast<double>(rounds) * static_cast<double>(words.size()));
    std::printf("measuring: %.1f ns per word\n", ns);
    EXPECT_GT(sum, 0);
    EXPECT_LT(ns, 500);  // generous: shared, loaded machines; typically well under 20 ns
}
