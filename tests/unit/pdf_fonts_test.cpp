// Font lookup and measuring: fontconfig families, fallback chains, refusal of non-TrueType files,
// and the cost of measuring a word through a chain's settled advance cells.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
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
    ASSERT_FALSE((serif.size() == 0));
    EXPECT_NE(serif.face(0).path.find("DejaVuSerif.ttf"), std::string::npos);
    // DejaVu Serif: 2048 units per em; 'a' (glyph 68) advances 1221 units → 596/1000 em, truncated.
    EXPECT_EQ(serif.advance('a'), 596);
    EXPECT_NEAR(serif.width("aa", 10), 11.92, 1e-9);
    EXPECT_GT(serif.face(0).ascent_em, 0.7);
    EXPECT_GT(serif.face(0).descent_em, 0.1);
    const auto& bold = library().chain({"DejaVu Serif"}, Face::Bold);
    EXPECT_NE(bold.face(0).path.find("Bold"), std::string::npos);
    EXPECT_GT(bold.width("folio", 11), serif.width("folio", 11));
    const auto& mono = library().chain({"DejaVu Sans Mono"}, Face::Mono);
    EXPECT_DOUBLE_EQ(mono.width("iiii", 10), mono.width("MMMM", 10));
}

TEST(PdfFonts, FallbackPerCharacter) {
    const auto& chain = library().chain({"No Such Family", "Liberation Serif"}, Face::Regular);
    ASSERT_GE(chain.size(), 2u);  // Liberation Serif, then the DejaVu last resorts
    EXPECT_NE(chain.face(0).path.find("LiberationSerif"), std::string::npos);
    EXPECT_EQ(chain.pick('e'), 0);
    // U+2610 BALLOT BOX: not in Liberation Serif, found in DejaVu Sans.
    ASSERT_NE(chain.pick(0x2610), pdf::FaceChain::no_face);
    EXPECT_NE(chain.face(chain.pick(0x2610)).path.find("DejaVuSans"), std::string::npos);
    // A private-use code point no installed font has.
    EXPECT_EQ(chain.pick(0xE000), pdf::FaceChain::no_face);
    pdf::ChainMetrics m(library(), {"Liberation Serif"}, {"DejaVu Sans Mono"}, {"DejaVu Sans"});
    EXPECT_TRUE(m.has_glyph(Face::Regular, 0x2610));
    EXPECT_FALSE(m.has_glyph(Face::Regular, 0xE000));
    EXPECT_FALSE(m.has_glyph(Face::Regular, 0x1F600));  // above the BMP: never
}

TEST(PdfFonts, ChainsSettleTheSameFromManyThreadsInAnyOrder) {
    // Two libraries without a lookup cache: one chain settled by one thread in code order, the
    // other by four threads racing in different orders; every pick and advance must agree.
    pdf::FontLibrary ordered{std::filesystem::path()}, raced{std::filesystem::path()};
    const std::vector<std::string> families{"Liberation Serif", "DejaVu Serif"};
    const pdf::FaceChain& a = ordered.chain(families, Face::Italic);
    const pdf::FaceChain& b = raced.chain(families, Face::Italic);
    std::vector<std::thread> threads;
    for (unsigned k = 0; k < 4; ++k)
        threads.emplace_back([&b, k] {
            for (std::size_t i = 0; i < pdf::bmp_size; ++i) {
                const char32_t cp = static_cast<char32_t>(k % 2 ? pdf::bmp_size - 1 - i : (i * (2 * k + 1)) % pdf::bmp_size);
                (void)b.advance(cp);
            }
        });
    for (auto& t : threads) t.join();
    std::size_t differing = 0, fallbacks = 0;
    for (char32_t cp = 0; cp < pdf::bmp_size; ++cp) {
        const std::uint8_t pa = a.pick(cp), pb = b.pick(cp);
        differing += pa != pb || a.advance(cp) != b.advance(cp);
        if (pa != pdf::FaceChain::no_face && pa > 0) {
            ++fallbacks;
            differing += a.face(pa).path != b.face(pb).path;
        }
    }
    EXPECT_EQ(differing, 0u);
    EXPECT_GT(fallbacks, 1000u);  // DejaVu fills in much that Liberation lacks
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

namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(s[at + k]);
    return v;
}

}  // namespace

TEST(PdfFonts, DocumentSubsetKeepsOnlyPdfTablesWithValidChecksums) {
    const auto& serif = library().chain({"DejaVu Serif"}, Face::Regular);
    const pdf::FontFace& face = serif.face(0);
    const std::string file = base::read_file(face.path);
    for (const bool hinting : {false, true}) {
        SCOPED_TRACE(hinting ? "with hinting" : "without hinting");
        const std::string e = pdf::subset_truetype(face, {'a', 'b', 'c'}, hinting);
        ASSERT_GT(e.size(), 12u);
        EXPECT_LT(e.size(), file.size());
        EXPECT_EQ(be32(e, 0), 0x00010000u);
        const std::size_t n = (static_cast<unsigned char>(e[4]) << 8) | static_cast<unsigned char>(e[5]);
        EXPECT_EQ(n, 13u);  // the tables libharu writes, the hinting ones (cvt, fpgm, prep) empty without hinting
        std::string previous;
        std::uint32_t whole = 0;
        for (std::size_t i = 0; i < e.size(); i += 4) whole += be32(e + std::string(3, '\0'), i);
        EXPECT_EQ(whole, 0xB1B0AFBAu);  // checkSumAdjustment makes the font sum to the magic number
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t rec = 12 + 16 * i;
            const std::string tag = e.substr(rec, 4);
            EXPECT_LT(previous, tag) << "table directory sorted by tag";
            previous = tag;
            const std::uint32_t sum = be32(e, rec + 4), off = be32(e, rec + 8), len = be32(e, rec + 12);
            ASSERT_LE(off + len, e.size()) << tag;
            EXPECT_EQ(off % 4, 0u) << tag;
            std::string body = e.substr(off, len);
            body.append((4 - len % 4) % 4, '\0');
            std::uint32_t s = 0;
            for (std::size_t k = 0; k < body.size(); k += 4) s += be32(body, k);
            if (tag != "head") {  // head's sum excludes checkSumAdjustment
                EXPECT_EQ(s, sum) << tag;
            }
            if (tag == "post") {
                EXPECT_EQ(len, 32u);
                EXPECT_EQ(be32(body, 0), 0x00030000u);
            }
            EXPECT_NE(tag, "GSUB");
            EXPECT_NE(tag, "GPOS");
            EXPECT_NE(tag, "kern");
            if (tag == "fpgm" || tag == "prep" || tag == "cvt ") {
                if (hinting) EXPECT_GT(len, 0u) << tag;  // DejaVu is hinted
                else EXPECT_EQ(len, 0u) << tag;
            }
        }
    }
}

namespace {

struct TableRef {
    std::uint32_t offset = 0, length = 0;
};

TableRef table_of(const std::string& font, const std::string& tag) {
    const std::size_t n = (static_cast<unsigned char>(font[4]) << 8) | static_cast<unsigned char>(font[5]);
    for (std::size_t i = 0; i < n; ++i)
        if (font.compare(12 + 16 * i, 4, tag) == 0) return {be32(font, 12 + 16 * i + 8), be32(font, 12 + 16 * i + 12)};
    return {};
}

std::uint16_t be16(const std::string& s, std::size_t at) {
    return static_cast<std::uint16_t>((static_cast<unsigned char>(s[at]) << 8) | static_cast<unsigned char>(s[at + 1]));
}

}  // namespace

TEST(PdfFonts, CmapSegmentsOutOfOrderGiveTheSameGlyphs) {
    // DejaVu Serif with two adjacent delta-only segments of its cmap swapped: binary search no
    // longer applies, and the face falls back to a full table with the same answers.
    const pdf::FontFace& sound = library().chain({"DejaVu Serif"}, Face::Regular).face(0);
    ASSERT_TRUE(sound.gid_table.empty());
    std::string file = base::read_file(sound.path);
    const std::size_t sub = sound.cmap_subtable, segs = be16(file, sub + 6) / 2;
    const std::size_t ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs,
                      ranges = deltas + 2 * segs;
    std::size_t s = 0;
    while (s + 2 < segs && (be16(file, ranges + 2 * s) != 0 || be16(file, ranges + 2 * s + 2) != 0)) ++s;
    ASSERT_LT(s + 2, segs);
    for (std::size_t array : {ends, starts, deltas})
        for (std::size_t k = 0; k < 2; ++k) std::swap(file[array + 2 * s + k], file[array + 2 * s + 2 + k]);
    const auto path = std::filesystem::temp_directory_path() / "folio-fonts-test-unordered-cmap.ttf";
    base::write_file_atomic(path, file);
    const auto unordered = pdf::parse_truetype(path.string());
    std::filesystem::remove(path);
    EXPECT_FALSE(unordered->gid_table.empty());
    std::size_t differing = 0;
    for (char32_t cp = 0; cp < pdf::bmp_size; ++cp)
        differing += unordered->glyph(cp) != sound.glyph(cp) || unordered->advance(cp) != sound.advance(cp);
    EXPECT_EQ(differing, 0u);
    EXPECT_EQ(sound.glyph(0xFFFF), 0);
}

TEST(PdfFonts, DocumentSubsetRenumbersGlyphsAndKeepsComponents) {
    const pdf::FontFace& face = library().chain({"DejaVu Serif"}, Face::Regular).face(0);
    // 'H' and 'x' are always kept (libharu measures them); "Hix" needs .notdef + 3 glyphs.
    const std::string plain = pdf::subset_truetype(face, {'H', 'i', 'x'});
    ASSERT_FALSE(plain.empty());
    EXPECT_EQ(be16(plain, table_of(plain, "maxp").offset + 4), 4);
    EXPECT_EQ(be16(plain, table_of(plain, "hhea").offset + 34), 4);
    EXPECT_EQ(table_of(plain, "hmtx").length, 16u);
    EXPECT_EQ(table_of(plain, "loca").length, 20u);
    const std::string file = base::read_file(face.path);
    EXPECT_LT(plain.size(), file.size() / 50);
    std::uint32_t whole = 0;
    for (std::size_t i = 0; i < plain.size(); i += 4) whole += be32(plain, i);
    EXPECT_EQ(whole, 0xB1B0AFBAu);
    // 'H' advance is kept with the glyph: new glyph 1 is 'H' (codes are numbered in order).
    const std::uint32_t hmtx = table_of(plain, "hmtx").offset;
    const std::uint32_t old_hmtx = table_of(file, "hmtx").offset;
    EXPECT_EQ(be16(plain, hmtx + 4), be16(file, old_hmtx + 4 * face.glyph('H')));

    // DejaVu draws ü as a composite of u and the diaeresis: both components come along and the
    // composite's references point at their new numbers.
    const std::string comp = pdf::subset_truetype(face, {0x00FC});
    ASSERT_FALSE(comp.empty());
    const std::uint16_t n = be16(comp, table_of(comp, "maxp").offset + 4);
    EXPECT_GE(n, 6);  // .notdef, ü, H, x and at least two components
    const TableRef loca = table_of(comp, "loca"), glyf = table_of(comp, "glyf");
    int composites = 0;
    for (std::uint16_t g = 0; g < n; ++g) {
        const std::uint32_t a = be32(comp, loca.offset + 4u * g), b = be32(comp, loca.offset + 4u * g + 4);
        ASSERT_LE(a, b);
        ASSERT_LE(b, glyf.length);
        if (b - a < 10 || static_cast<std::int16_t>(be16(comp, glyf.offset + a)) >= 0) continue;
        ++composites;
        std::size_t at = glyf.offset + a + 10;
        for (;;) {
            const std::uint16_t flags = be16(comp, at), ref = be16(comp, at + 2);
            EXPECT_GT(ref, 0);
            EXPECT_LT(ref, n);
            at += 4 + ((flags & 1) ? 4 : 2);
            at += (flags & 0x8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
            if (!(flags & 0x20)) break;
        }
    }
    EXPECT_GE(composites, 1);
}

TEST(PdfFonts, PairsAreKernedAsTheFontSays) {
    // Gentium Book Plus kerns through GPOS: "T" then "o" closes up, "o" then "o" does not.
    const auto& chain = library().chain({"Gentium Book Plus"}, Face::Regular);
    ASSERT_NE(chain.face(0).path.find("GentiumBookPlus"), std::string::npos) << chain.face(0).path;
    EXPECT_LT(chain.kern('T', 'o'), 0);
    EXPECT_EQ(chain.kern('o', 'o'), 0);
    EXPECT_EQ(chain.kern(' ', 'T'), 0);  // no kerning across a space: the layout sets spaces
    // The measured width is the advances plus the kerning, in the same integers the PDF uses.
    const int units = chain.advance('T') + chain.advance('o') + chain.kern('T', 'o');
    EXPECT_NEAR(chain.width("To", 10), units * 10 / 1000.0, 1e-9);
    EXPECT_LT(chain.width("To", 10), (chain.advance('T') + chain.advance('o')) * 10 / 1000.0);
    // DejaVu kerns its capitals too.
    const auto& dejavu = library().chain({"DejaVu Sans"}, Face::Regular);
    EXPECT_LT(dejavu.kern('A', 'V'), 0);
}

TEST(PdfFonts, DamagedKerningTablesGiveNoKerning) {
    // Every prefix of a real font, and the font with bytes flipped inside its GPOS table: reads
    // stay in bounds (ASan would say otherwise) and give some value, never a crash.
    const auto& chain = library().chain({"Gentium Book Plus"}, Face::Regular);
    const std::string_view file = chain.face(0).file.bytes();
    std::string bytes(file);
    for (std::size_t cut : {std::size_t{0}, std::size_t{12}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) {
        const pdf::KernTable k = pdf::KernTable::read(std::string_view(bytes).substr(0, cut));
        (void)k.adjust(10, 20);
    }
    std::string damaged = bytes;
    for (std::size_t i = 0; i < damaged.size(); i += 97) damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
    const pdf::KernTable k = pdf::KernTable::read(damaged);
    for (std::uint16_t a = 0; a < 200; ++a) (void)k.adjust(a, static_cast<std::uint16_t>(a * 7 % 300));
}

namespace {

/// The glyph records of a subset, by new glyph id.
std::vector<std::string> glyphs_of(const std::string& font) {
    const TableRef loca = table_of(font, "loca"), glyf = table_of(font, "glyf");
    const std::uint16_t n = be16(font, table_of(font, "maxp").offset + 4);
    std::vector<std::string> out;
    for (std::uint16_t g = 0; g < n; ++g) {
        const std::uint32_t a = be32(font, loca.offset + 4u * g), b = be32(font, loca.offset + 4u * g + 4);
        out.push_back(font.substr(glyf.offset + a, b - a));
    }
    return out;
}

}  // namespace

TEST(PdfFonts, SubsetsWithoutHintingKeepTheOutlinesAndDropEveryInstruction) {
    const pdf::FontFace& face = library().chain({"DejaVu Serif"}, Face::Regular).face(0);
    // Simple glyphs, ü (a composite of u and the diaeresis) and ĳ (a composite of i and j with
    // instructions of its own after its components).
    const std::vector<std::uint16_t> codes{'a', 'g', 0x00FC, 0x0133};
    const std::string hinted = pdf::subset_truetype(face, codes, true);
    const std::string plain = pdf::subset_truetype(face, codes, false);
    ASSERT_FALSE(hinted.empty());
    ASSERT_FALSE(plain.empty());
    EXPECT_LT(plain.size() * 10, hinted.size() * 8);  // DejaVu's instructions are more than a fifth
    const auto with = glyphs_of(hinted), without = glyphs_of(plain);
    ASSERT_EQ(with.size(), without.size());
    int simple = 0, composite = 0, composite_instructions = 0;
    for (std::size_t g = 0; g < with.size(); ++g) {
        const std::string& h = with[g];
        const std::string& p = without[g];
        if (h.size() < 10) {
            EXPECT_EQ(p, h);
            continue;
        }
        EXPECT_EQ(p.substr(0, 10), h.substr(0, 10)) << "glyph " << g << ": contours and bounding box";
        const auto contours = static_cast<std::int16_t>(be16(h, 0));
        if (contours > 0) {
            ++simple;
            const std::size_t ends = 10 + 2u * contours;
            const std::size_t length = be16(h, ends);
            EXPECT_GT(length, 0u);
            EXPECT_EQ(be16(p, ends), 0u);
            EXPECT_EQ(p.substr(0, ends), h.substr(0, ends));
            // The points follow unchanged (both records are padded to four bytes).
            std::string rest = h.substr(ends + 2 + length), kept = p.substr(ends + 2);
            while (!rest.empty() && rest.back() == '\0') rest.pop_back();
            while (!kept.empty() && kept.back() == '\0') kept.pop_back();
            EXPECT_EQ(kept, rest) << "glyph " << g;
        } else if (contours < 0) {
            ++composite;
            std::size_t at = 10;
            bool instructions = false;
            for (;;) {
                const std::uint16_t flags = be16(p, at);
                EXPECT_EQ(flags & 0x0100, 0) << "no component says instructions follow";
                EXPECT_EQ(flags | (be16(h, at) & 0x0100), be16(h, at));
                instructions = (be16(h, at) & 0x0100) != 0;
                at += 4 + ((flags & 1) ? 4 : 2);
                at += (flags & 0x8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
                if (!(flags & 0x20)) break;
            }
            EXPECT_LE(p.size(), (at + 3) / 4 * 4);
            if (instructions) {
                ++composite_instructions;
                EXPECT_GT(be16(h, at), 0) << "the hinted copy keeps them";
                EXPECT_LT(p.size(), h.size());
            }
        }
    }
    EXPECT_GE(simple, 3);
    EXPECT_GE(composite, 2);
    EXPECT_GE(composite_instructions, 1);
    // maxp no longer reserves room for instructions: one zone, no twilight points, storage,
    // functions, instruction definitions, stack or instructions; the component limits stay.
    const std::uint32_t maxp = table_of(plain, "maxp").offset, hmaxp = table_of(hinted, "maxp").offset;
    EXPECT_EQ(be16(plain, maxp + 14), 1);
    for (std::uint32_t at = 16; at <= 26; at += 2) EXPECT_EQ(be16(plain, maxp + at), 0) << "maxp at " << at;
    EXPECT_GT(be16(hinted, hmaxp + 26), 0);
    EXPECT_EQ(be16(plain, maxp + 28), be16(hinted, hmaxp + 28));
    EXPECT_EQ(be16(plain, maxp + 30), be16(hinted, hmaxp + 30));
}
