// Unit tests for input decoding: encodings, binary refusal, repairs and their diagnostics, speed.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "base/error.hpp"
#include "parse/input.hpp"

using folio::base::Diagnostics;
using folio::base::Error;
using folio::base::ErrorCode;
using folio::parse::decode_input;
using namespace std::string_literals;

namespace {

bool any_message_contains(const Diagnostics& d, const std::string& needle) {
    for (const auto& x : d.items())
        if (x.message.find(needle) != std::string::npos) return true;
    return false;
}

std::string utf16(const std::u16string& s, bool le, bool bom) {
    std::string out;
    auto put = [&](char16_t u) {
        const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
        out += le ? lo : hi;
        out += le ? hi : lo;
    };
    if (bom) put(0xFEFF);
    for (char16_t u : s) put(u);
    return out;
}

}  // namespace

TEST(Input, PlainUtf8IsUnchangedAndSilent) {
    Diagnostics d;
    const std::string s = "Déjà vu — naïve café.\n\tTabbed line.\n";
    const auto r = decode_input(s, d);
    EXPECT_EQ(r.text, s);
    EXPECT_EQ(r.encoding, "UTF-8");
    EXPECT_TRUE(d.items().empty());
}

TEST(Input, EmptyInput) {
    Diagnostics d;
    EXPECT_EQ(decode_input("", d).text, "");
    EXPECT_TRUE(d.items().empty());
}

TEST(Input, Utf8BomIsDropped) {
    Diagnostics d;
    const auto r = decode_input("\xEF\xBB\xBFHello", d);
    EXPECT_EQ(r.text, "Hello");
    EXPECT_EQ(r.encoding, "UTF-8");
    EXPECT_TRUE(d.items().empty());
}

TEST(Input, Utf16LittleAndBigEndianWithBom) {
    const std::u16string s = u"Été \U0001F600 ok\r\nfin";
    for (bool le : {true, false}) {
        Diagnostics d;
        const auto r = decode_input(utf16(s, le, true), d);
        EXPECT_EQ(r.text, "Été \U0001F600 ok\nfin");
        EXPECT_EQ(r.encoding, le ? "UTF-16LE" : "UTF-16BE");
        EXPECT_TRUE(d.items().empty());
    }
}

TEST(Input, Utf16WithoutBomIsRecognisedWithAWarning) {
    Diagnostics d;
    const auto r = decode_input(utf16(u"Plain ASCII text in UTF-16 without a mark.", true, false), d);
    EXPECT_EQ(r.text, "Plain ASCII text in UTF-16 without a mark.");
    EXPECT_EQ(r.encoding, "UTF-16LE");
    EXPECT_TRUE(any_message_contains(d, "UTF-16LE"));
}

TEST(Input, UnpairedSurrogateBecomesReplacement) {
    Diagnostics d;
    std::u16string s = u"a";
    s += static_cast<char16_t>(0xD800);
    s += u"b";
    const auto r = decode_input(utf16(s, true, true), d);
    EXPECT_EQ(r.text, "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(d.items().size(), 1u);
}

TEST(Input, Latin1IsDetectedAndConverted) {
    Diagnostics d;
    // French prose in ISO-8859-1 / Windows-1252: é = 0xE9, à = 0xE0, ç = 0xE7.
    const std::string latin1 =
        "Le th\xE9\xE2tre de la ville a rouvert ses portes apr\xE8s deux ann\xE9" "es de travaux. "
        "Les com\xE9" "diens ont jou\xE9 une pi\xE8" "ce tr\xE8s attendue, et le public \xE9tait "
        "au rendez-vous. \xC0 la sortie, chacun parlait de la fa\xE7on dont la mise en sc\xE8ne "
        "avait \xE9t\xE9 pens\xE9" "e, d\xE9j\xE0 r\xE9" "compens\xE9" "e par la critique.\n";
    const auto r = decode_input(latin1, d);
    EXPECT_NE(r.encoding, "UTF-8");
    EXPECT_NE(r.text.find("théâtre"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("À la sortie"), std::string::npos);
    EXPECT_NE(r.text.find("façon"), std::string::npos);
    ASSERT_FALSE(d.items().empty());
    EXPECT_TRUE(any_message_contains(d, r.encoding));
}

TEST(Input, InvalidUtf8InMostlyValidTextIsReplacedWithPosition) {
    Diagnostics d;
    const auto r = decode_input("Éléphant déjà\nab\xFF" "cd çà\n", d);
    EXPECT_EQ(r.encoding, "UTF-8");
    EXPECT_EQ(r.text, "Éléphant déjà\nab\xEF\xBF\xBD" "cd çà\n");
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].line, 2u);
    EXPECT_EQ(d.items()[0].col, 3u);
    EXPECT_TRUE(any_message_contains(d, "0xFF"));
}

TEST(Input, ManyInvalidSequencesAreSummarised) {
    Diagnostics d;
    std::string s;
    for (int i = 0; i < 40; ++i) s += "ééé mot \xC3 suite çà\n";  // 0xC3 followed by a space: truncated
    const auto r = decode_input(s, d);
    EXPECT_EQ(r.encoding, "UTF-8");
    EXPECT_EQ(d.items().size(), 11u);
    EXPECT_TRUE(any_message_contains(d, "30 more invalid UTF-8 sequences"));
    EXPECT_EQ(d.items()[9].line, 10u);
}

TEST(Input, LineEndsAreNormalised) {
    Diagnostics d;
    EXPECT_EQ(decode_input("a\r\nb\rc\n\r\nd\r", d).text, "a\nb\nc\n\nd\n");
    EXPECT_TRUE(d.items().empty());
}

TEST(Input, ControlCharactersAreRemovedAndReportedOnce) {
    Diagnostics d;
    const auto r = decode_input("line one\nab\x01" "c\x07 and \x1B and\x7F\tend", d);
    EXPECT_EQ(r.text, "line one\nabc and  and\tend");
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].line, 2u);
    EXPECT_EQ(d.items()[0].col, 3u);
    EXPECT_TRUE(any_message_contains(d, "removed 4 control characters"));
}

TEST(Input, EveryControlIsFoundWhereverItStands) {
    // Clean text is checked eight bytes at a time, among line ends and tabs (which stay): a
    // control or a carriage return in any of the eight places is still found and removed.
    std::string controls = "\r\x7F";
    for (char c = 1; c < 0x20; ++c)
        if (c != '\t' && c != '\n' && c != '\r') controls += c;
    for (char c : controls) {
        for (std::size_t at = 0; at < 24; ++at) {
            std::string s = "ab\ncd\tef gh\nij\tkl mn\nop\tqr";
            s[at] = c;
            Diagnostics d;
            const std::string out = decode_input(s, d).text;
            EXPECT_EQ(out.find(c), std::string::npos) << static_cast<int>(c) << " at " << at;
            EXPECT_NE(out, s);
        }
    }
}

TEST(Input, AnyNulOutsideUtf16IsBinary) {
    Diagnostics d;
    EXPECT_THROW(decode_input("A short text with one stray\0 NUL in it.\n"s, d), Error);
    EXPECT_THROW(decode_input("\0\x01binary\xff"s, d), Error);
}

TEST(Input, ZeroWidthCharactersAreRemovedAndReported) {
    Diagnostics d;
    const auto r = decode_input("zero\u200Bwidth\u2060joiner and bom\uFEFFinside", d);
    EXPECT_EQ(r.text, "zerowidthjoiner and bominside");
    ASSERT_EQ(d.items().size(), 1u);
    EXPECT_EQ(d.items()[0].col, 5u);
    EXPECT_TRUE(any_message_contains(d, "removed 3 zero-width characters"));
}

TEST(Input, NoncharactersAreReplaced) {
    Diagnostics d;
    EXPECT_EQ(decode_input("a\uFFFFb", d).text, "a\uFFFDb");
    EXPECT_EQ(d.items().size(), 1u);
}

TEST(Input, BinaryDataIsRefused) {
    std::mt19937 rng(42);
    std::string random(4096, '\0');
    for (auto& c : random) c = static_cast<char>(rng() & 0xFF);
    const std::string png = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s;
    std::string elf_like = "\x7F" "ELF"s + std::string(64, '\0');
    std::string nul_heavy = "abc";
    for (int i = 0; i < 200; ++i) nul_heavy += "xy\0\0\0z"s;
    for (const std::string& bytes : {random, png, elf_like, nul_heavy}) {
        Diagnostics d;
        try {
            decode_input(bytes, d);
            ADD_FAILURE() << "accepted binary input";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::Input);
            EXPECT_NE(std::string(e.what()).find("binary data, not text"), std::string::npos);
        }
    }
}

TEST(Input, OutputIsAlwaysValidUtf8WithoutControls) {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::string s;
        for (int i = 0; i < 300; ++i) {
            const unsigned v = rng() % 100;
            if (v < 70) s += static_cast<char>('a' + rng() % 26);
            else if (v < 80) s += "é";
            else if (v < 85) s += ' ';
            else if (v < 90) s += '\n';
            else s += static_cast<char>(0x80 + rng() % 0x80);
        }
        Diagnostics d;
        const auto r = decode_input(s, d);
        for (std::size_t i = 0; i < r.text.size(); ++i) {
            const auto c = static_cast<unsigned char>(r.text[i]);
            ASSERT_FALSE(c < 0x20 && c != '\n' && c != '\t');
        }
        ASSERT_EQ(r.text.find('\r'), std::string::npos);
        // Valid UTF-8: decoding again changes nothing and reports nothing.
        Diagnostics again;
        ASSERT_EQ(decode_input(r.text, again).text, r.text);
        ASSERT_TRUE(again.items().empty());
    }
}
