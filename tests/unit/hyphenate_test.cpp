// Unit tests for hyphenation with Debian's libhyphen dictionaries: points per language, the
// Latin-1 dictionary path, letter minimums, words that must stay whole, and thread sharing.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "layout/hyphenate.hpp"

using folio::layout::Hyphenator;

namespace {

// The word with '-' at every point, e.g. "hy-phen-ation".
std::string marked(const Hyphenator& h, std::string_view lang, std::string_view word, int left = 2, int right = 3) {
    std::string out;
    std::size_t prev = 0;
    for (std::size_t p : h.points(lang, word, left, right)) {
        EXPECT_GT(p, prev);
        EXPECT_LT(p, word.size());
        out.append(word.substr(prev, p - prev));
        out += '-';
        prev = p;
    }
    out.append(word.substr(prev));
    return out;
}

// One instance for the whole suite, so that the German dictionary loads once.
const Hyphenator& shared() {
    static const Hyphenator h;
    return h;
}

}  // namespace

TEST(Hyphenate, FrenchWordGivesByteOffsets) {
    const std::string word = "immunothérapie";
    EXPECT_EQ(shared().points("fr", word), (std::vector<std::size_t>{2, 4, 6, 10, 12}));
    EXPECT_EQ(marked(shared(), "fr", word), "im-mu-no-thé-ra-pie");
    EXPECT_EQ(marked(shared(), "fr-CA", "immunothérapie"), "im-mu-no-thé-ra-pie");
}

TEST(Hyphenate, OnlyTheLetterCoreOfAPunctuatedWord) {
    EXPECT_EQ(marked(shared(), "fr", "“immunothérapie,”"), "“im-mu-no-thé-ra-pie,”");
    EXPECT_EQ(marked(shared(), "fr", "(immunothérapie)."), "(im-mu-no-thé-ra-pie).");
    EXPECT_EQ(marked(shared(), "fr", "«\u202fimmunothérapie\u202f»"), "«\u202fim-mu-no-thé-ra-pie\u202f»");
}

TEST(Hyphenate, ElisionsHyphenateTheWordAfterTheApostrophe) {
    EXPECT_EQ(marked(shared(), "fr", "l’immunothérapie"), "l’im-mu-no-thé-ra-pie");
    EXPECT_EQ(marked(shared(), "fr", "d'immunothérapie"), "d'im-mu-no-thé-ra-pie");
    EXPECT_EQ(marked(shared(), "en", "government's"), "gov-ern-ment's");
}

TEST(Hyphenate, English) {
    EXPECT_EQ(marked(shared(), "en", "hyphenation"), "hy-phen-ation");
    EXPECT_EQ(marked(shared(), "en-US", "Typesetting"), "Type-set-ting");
    // No British patterns on Debian: en-GB falls back to the American ones rather than to nothing.
    EXPECT_TRUE(shared().supports("en-GB"));
    EXPECT_EQ(marked(shared(), "en-GB", "hyphenation"), "hy-phen-ation");
}

TEST(Hyphenate, GermanLatin1Dictionary) {
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(marked(shared(), "de", "Silbentrennung"), "Sil-ben-tren-nung");
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("German dictionary load and first word: %.2f s\n", load_s);
    EXPECT_EQ(marked(shared(), "de", "Straßenbahn"), "Stra-ßen-bahn");
    EXPECT_EQ(marked(shared(), "de-AT", "Übermäßigkeit"), "Über-mä-ßig-keit");
    EXPECT_EQ(marked(shared(), "de-CH", "Schifffahrt"), "Schiff-fahrt");
    // Outside Latin-1: the word cannot reach the dictionary and stays whole.
    EXPECT_TRUE(shared().points("de", "Łódźerstraße").empty());
}

TEST(Hyphenate, SpanishItalianPortuguese) {
    EXPECT_EQ(marked(shared(), "es", "extraordinario"), "ex-tra-or-di-na-rio");
    EXPECT_EQ(marked(shared(), "es-MX", "computadora", 2, 2), "com-pu-ta-do-ra");
    EXPECT_EQ(marked(shared(), "it", "ipotenusa", 2, 2), "ipo-te-nu-sa");
    EXPECT_EQ(marked(shared(), "pt", "informação"), "in-for-ma-ção");  // Latin-1 dictionary
    EXPECT_EQ(marked(shared(), "pt-BR", "paralelepípedo", 2, 2), "pa-ra-le-le-pí-pe-do");
}

TEST(Hyphenate, LetterMinimums) {
    EXPECT_EQ(marked(shared(), "en", "hyphenation", 3, 3), "hyphen-ation");
    EXPECT_EQ(marked(shared(), "en", "hyphenation", 2, 6), "hy-phenation");
    EXPECT_EQ(marked(shared(), "fr", "immunothérapie", 2, 4), "im-mu-no-thé-rapie");
    EXPECT_TRUE(shared().points("fr", "thé").empty());
    EXPECT_TRUE(shared().points("en", "table", 3, 3).empty());  // 5 letters < 3 + 3
}

TEST(Hyphenate, WordsThatStayWhole) {
    for (const char* word : {"PD-L1", "COVID", "NASA", "https://x.org/abc", "www.example.org", "x.org/immunothérapie",
                             "nom@exemple.fr", "e.g.", "3D", "COVID-19", "anti-inflammatoire", "étudiant·es",
                             "rock’n’roll-immunothérapie", "", "-", "«\u202f»"}) {
        EXPECT_TRUE(shared().points("fr", word).empty()) << word;
    }
    EXPECT_TRUE(shared().points("en", "well-known").empty());
}

TEST(Hyphenate, UnknownLanguagesAndBadInput) {
    for (const char* lang : {"xx", "tlh", "", "../../etc/passwd", "fr/../en", "zz-ZZ", "a"}) {
        EXPECT_FALSE(shared().supports(lang)) << lang;
        EXPECT_TRUE(shared().points(lang, "hyphenation").empty()) << lang;
    }
    EXPECT_TRUE(shared().points("en", "hyph\xff" "enation").empty());   // invalid UTF-8
    EXPECT_TRUE(shared().points("en", std::string(400, 'a')).empty());  // longer than any word
}

TEST(Hyphenate, PreloadLoadsOnlyExistingDictionaries) {
    const Hyphenator h;
    EXPECT_TRUE(h.preload("es"));
    EXPECT_FALSE(h.preload("xx"));
    EXPECT_EQ(marked(h, "es", "extraordinario"), "ex-tra-or-di-na-rio");
}

TEST(Hyphenate, EmptyDictionaryDirectory) {
    const Hyphenator h(std::filesystem::temp_directory_path().string() + "/folio-no-such-dir");
    EXPECT_FALSE(h.supports("fr"));
    EXPECT_TRUE(h.points("fr", "immunothérapie").empty());
}

TEST(Hyphenate, ConcurrentFirstUseGivesTheSameResults) {
    const Hyphenator h;  // fresh: the threads race to load the dictionaries
    const std::vector<std::pair<std::string, std::string>> cases{
        {"fr", "immunothérapie"}, {"en", "hyphenation"}, {"es", "extraordinario"}, {"pt", "informação"}};
    std::vector<std::string> expected;
    for (const auto& [lang, word] : cases) expected.push_back(marked(shared(), lang, word));
    std::vector<std::vector<std::string>> got(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < got.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 50; ++round) {
                for (std::size_t k = 0; k < cases.size(); ++k) {
                    const auto& [lang, word] = cases[(k + t) % cases.size()];
                    std::string m;
                    std::size_t prev = 0;
                    for (std::size_t p : h.points(lang, word)) {
                        m += word.substr(prev, p - prev) + "-";
                        prev = p;
                    }
                    m += word.substr(prev);
                    if (round == 0) got[t].push_back(m);
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    for (std::size_t t = 0; t < got.size(); ++t) {
        ASSERT_EQ(got[t].size(), cases.size());
        for (std::size_t k = 0; k < cases.size(); ++k) {
            EXPECT_EQ(got[t][k], expected[(k + t) % cases.size()]);
        }
    }
}

TEST(Hyphenate, AutomataReleasedFromMemoryGiveTheSameResults) {
    const auto cache = std::filesystem::temp_directory_path() / ("folio-hyphen-release-" + std::to_string(::getpid()));
    const std::vector<std::pair<std::string, std::string>> cases{
        {"de", "Silbentrennungsprogramm"}, {"fr", "immunothérapie"}, {"en", "hyphenation"}};
    {
        const Hyphenator writer("/usr/share/hyphen", cache);  // builds the automata, writes the cache
        for (const auto& [lang, word] : cases) marked(writer, lang, word);
    }
    int cached = 0;
    for (const auto& e : std::filesystem::directory_iterator(cache)) cached += e.path().extension() == ".bin";
    ASSERT_EQ(cached, 3);
    const Hyphenator h("/usr/share/hyphen", cache);  // maps them from the cache
    // Each lookup on a fresh thread: a thread remembers the words it has hyphenated, and a
    // remembered word would not read the automaton again.
    const auto all = [&] {
        std::vector<std::string> got;
        std::thread([&] {
            for (const auto& [lang, word] : cases) got.push_back(marked(h, lang, word));
        }).join();
        return got;
    };
    const std::vector<std::string> before = all();
    EXPECT_EQ(before[0], marked(shared(), "de", "Silbentrennungsprogramm"));
    for (int round = 0; round < 3; ++round) {
        h.release_resident();
        // A lookup on another thread while the pages go: it reads them from the file again.
        std::thread other([&] { EXPECT_EQ(marked(h, "de", "Silbentrennungsprogramm"), before[0]); });
        h.release_resident();
        EXPECT_EQ(all(), before);
        other.join();
    }
    std::filesystem::remove_all(cache);
}

TEST(Hyphenate, TimePerWord) {
    const std::vector<std::string> words{"immunothérapie", "traitement", "cancérologie", "anticorps", "lymphocytes",
                                         "administration", "recommandations", "thérapeutique"};
    (void)shared().points("fr", words[0]);  // loaded
    constexpr int rounds = 2000;
    std::size_t total = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r) {
        for (const auto& w : words) total += shared().points("fr", w).size();
    }
    const double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() /
                      (rounds * static_cast<double>(words.size()));
    std::printf("French hyphenation: %.2f us per word\n", us);
    EXPECT_GT(total, 0u);
    EXPECT_LT(us, 5000);  // a guard against pathological slowness (loaded CI, sanitizers); the figure is printed above
}

TEST(Hyphenate, RandomWordsGivePointsAtCharacterBoundaries) {
    std::mt19937 rng(9);
    const std::vector<std::string> atoms{"a", "e", "r", "t", "n", "é", "è", "ç", "œ", "É", "ß", "'", "’", "-", ".",
                                         ",", "«", "»", "\u0301", "\u202f", "x", "io", "tion", "\xff", "Ω", "ﬁ"};
    std::uniform_int_distribution<std::size_t> pick(0, atoms.size() - 1);
    for (int trial = 0; trial < 3000; ++trial) {
        std::string word;
        for (int i = 0; i < 1 + trial % 25; ++i) word += atoms[pick(rng)];
        for (const char* lang : {"fr", "en", "es", "pt"}) {
            const auto points = shared().points(lang, word, 1 + trial % 3, 1 + trial % 4);
            for (std::size_t i = 0; i < points.size(); ++i) {
                ASSERT_GT(points[i], 0u) << word;
                ASSERT_LT(points[i], word.size()) << word;
                // Never inside a UTF-8 sequence.
                EXPECT_NE(static_cast<unsigned char>(word[points[i]]) & 0xC0, 0x80) << word;
                if (i > 0) {
                    EXPECT_GT(points[i], points[i - 1]) << word;
                }
            }
        }
    }
}
