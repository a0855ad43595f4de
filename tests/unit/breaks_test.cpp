// Unit tests for line-break opportunities: spaces, hyphens and dashes, URLs, French spacing and
// guillemets, no-break spaces, and the offsets reported.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "layout/breaks.hpp"

using namespace folio::layout;

namespace {

std::string show(std::string_view text, std::string_view lang = "en") {
    return describe_break_points(text, break_opportunities(text, lang));
}

}  // namespace

TEST(Breaks, BetweenWordsAfterTheSpaces) {
    const std::string text = "one two  three";
    const auto points = break_opportunities(text, "en");
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[0].offset, 4u);  // the next line starts at "two"
    EXPECT_EQ(points[0].kind, BreakPoint::Kind::Space);
    EXPECT_EQ(points[1].offset, 9u);
    EXPECT_FALSE(points[1].forced);
    EXPECT_EQ(show(text), "one [s]two  [s]three");
}

TEST(Breaks, NothingBeforeTheFirstWordOrAtTheEnd) {
    EXPECT_EQ(show("  lead trail  "), "  lead [s]trail  ");
    EXPECT_TRUE(break_opportunities("", "en").empty());
    EXPECT_TRUE(break_opportunities("word", "en").empty());
}

TEST(Breaks, NewlineIsForced) {
    const auto points = break_opportunities("line\nnext", "en");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].offset, 5u);
    EXPECT_TRUE(points[0].forced);
}

TEST(Breaks, NoBreakSpacesNeverBreak) {
    EXPECT_EQ(show("10\u00a0km et 5\u202f%", "fr"), "10\u00a0km [s]et [s]5\u202f%");
    EXPECT_EQ(show("a\u00a0 b c \u202fd"), "a\u00a0 b [s]c \u202fd");  // a no-break space anywhere in the run
    EXPECT_EQ(show("x\u2060y z"), "x\u2060y [s]z");                      // word joiner
}

TEST(Breaks, AfterHyphensAndDashes) {
    EXPECT_EQ(show("anti-inflammatoire week-end", "fr"), "anti-[h]inflammatoire [s]week-[h]end");
    EXPECT_EQ(show("well-known\u2010thing"), "well-[h]known\u2010[h]thing");
    // Inside a word of a spaced script, an em dash or a slash is no break: the word could not be
    // rejoined from extracted text.
    EXPECT_EQ(show("this—that and/or"), "this—that [s]and/or");
    EXPECT_EQ(show("漢字かな"), "漢[o]字[o]か[o]な");
    const auto points = break_opportunities("anti-inflammatoire", "fr");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].offset, 5u);
    EXPECT_EQ(points[0].kind, BreakPoint::Kind::Hyphen);
}

TEST(Breaks, ShortHyphenPartsStayTogether) {
    EXPECT_EQ(show("dit-il vingt-et-un PD-L1 COVID-19 e-mail", "fr"), "dit-il [s]vingt-et-un [s]PD-L1 [s]COVID-19 [s]e-mail");
    EXPECT_EQ(show("dix\u2011huit", "fr"), "dix\u2011huit");  // non-breaking hyphen
    EXPECT_EQ(show("a\u00adb"), "a\u00adb");                    // soft hyphens are not ours to break
}

TEST(Breaks, UrlsBreakOnlyAfterSlashDotHyphenQuestionMark) {
    EXPECT_EQ(show("voir https://x.org/abc/def.html?q=1 et", "fr"),
              "voir [s]https://[u]x.[u]org/[u]abc/[u]def.[u]html?[u]q=1 [s]et");
    EXPECT_EQ(show("(https://x.org/a-b)."), "(https://[u]x.[u]org/[u]a-[u]b).");
    EXPECT_EQ(show("www.ex-ample.org."), "www.[u]ex-[u]ample.[u]org.");
    EXPECT_EQ(show("mail nom.prenom@exemple.fr ok", "fr"), "mail [s]nom.[u]prenom@exemple.[u]fr [s]ok");
    // A word with a hyphen inside a URL is not a "Hyphen" break, and "//" is never split.
    for (const BreakPoint& p : break_opportunities("https://a-b.org/", "en")) {
        EXPECT_EQ(p.kind, BreakPoint::Kind::Url);
        EXPECT_NE(p.offset, 7u);
    }
}

TEST(Breaks, IsUrl) {
    for (const char* yes : {"https://x.org/abc", "http://x", "ftp://a.b/c", "www.example.org", "WWW.Example.org",
                            "mailto:a@b.fr", "a@b.fr", "(https://x.org).", "«https://x.org»", "“www.x.org”,"}) {
        EXPECT_TRUE(is_url(yes)) << yes;
    }
    for (const char* no : {"example", "x.org", "e.g.", "a@b", "@handle", "://x", "https://", "9ttp://x",
                           "immunothérapie", "", "www.", "a@b@c.d"}) {
        EXPECT_FALSE(is_url(no)) << no;
    }
}

TEST(Breaks, FrenchGuillemetsAndHighPunctuation) {
    const std::string text = "« Bonjour » dit-il : oui ! Vraiment ? Non ; si.";
    EXPECT_EQ(show(text, "fr"), "« Bonjour » [s]dit-il : [s]oui ! [s]Vraiment ? [s]Non ; [s]si.");
    EXPECT_EQ(show(text, "fr-CA"), show(text, "fr"));
    EXPECT_EQ(show("«\u202fBonjour\u202f» a", "fr"), "«\u202fBonjour\u202f» [s]a");
    EXPECT_EQ(show("«Bonjour»", "fr"), "«Bonjour»");
    // Outside French, a guillemet after a space is an ordinary quotation mark (UAX #14 LB18).
    EXPECT_NE(show(text, "en"), show(text, "fr"));
}

TEST(Breaks, NeverBeforeClosingPunctuationEvenAcrossSpaces) {
    for (const char* lang : {"en", "fr", "de"}) {
        for (const BreakPoint& p : break_opportunities("word ; word : word ! word ? end", lang)) {
            const std::string_view t = "word ; word : word ! word ? end";
            EXPECT_EQ(t.substr(p.offset, 4).find_first_of(";:!?"), std::string_view::npos) << lang;
        }
    }
}

TEST(Breaks, IdeographsBreakBetweenCharacters) {
    EXPECT_EQ(show("日本語の文章です", "ja"), "日[o]本[o]語[o]の[o]文[o]章[o]で[o]す");
}

TEST(Breaks, InvalidUtf8KeepsOffsets) {
    const std::string text = "ab\xff" "cd ef";
    const auto points = break_opportunities(text, "en");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(points[0].offset, 6u);
}

TEST(Breaks, ManyUrlsStayLinear) {
    std::string text;
    for (int i = 0; i < 5000; ++i) text += "https://e.org/p-" + std::to_string(i) + " et ";
    const auto t0 = std::chrono::steady_clock::now();
    const auto points = break_opportunities(text, "fr");
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::size_t urls = 0;
    for (const BreakPoint& p : points) urls += p.kind == BreakPoint::Kind::Url ? 1 : 0;
    EXPECT_EQ(urls, 5000u * 4);  // after "//", "e.", "org/" and "p-"
    EXPECT_LT(ms, 5000);  // a guard against hanging, not a speed target (bench/ measures speed)
}

TEST(Breaks, LongParagraphIsFast) {
    std::string text;
    for (int i = 0; i < 10000; ++i) text += (i % 50 == 0) ? "https://example.org/some/path " : "mot-clé et «\u202fdit\u202f» ";
    const auto t0 = std::chrono::steady_clock::now();
    const auto points = break_opportunities(text, "fr");
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%zu bytes, %zu break points: %.2f ms\n", text.size(), points.size(), ms);
    EXPECT_GT(points.size(), 20000u);
    EXPECT_LT(ms, 5000);  // a guard against hanging, not a speed target (bench/ measures speed)
}

TEST(Breaks, RandomBytesGiveOrderedOffsetsInside) {
    std::mt19937 rng(5);
    const std::vector<std::string> atoms{"a", "é", " ", "\u00a0", "\u202f", "-", "—", "/", ".", "?", "«", "»", ":",
                                         "https://", "www.", "@", "\n", "\xff", "\xc3", "日", "'", "1"};
    std::uniform_int_distribution<std::size_t> pick(0, atoms.size() - 1);
    for (int trial = 0; trial < 2000; ++trial) {
        std::string text;
        for (int i = 0; i < trial % 40; ++i) text += atoms[pick(rng)];
        for (const char* lang : {"fr", "en", ""}) {
            const auto points = break_opportunities(text, lang);
            for (std::size_t i = 0; i < points.size(); ++i) {
                EXPECT_GT(points[i].offset, 0u);
                EXPECT_LT(points[i].offset, text.size());
                if (i > 0) {
                    EXPECT_GT(points[i].offset, points[i - 1].offset);
                }
            }
        }
    }
}
