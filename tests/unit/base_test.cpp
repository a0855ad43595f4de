// Unit tests for base: UTF-8 helpers, diagnostics formatting, atomic writes, clock and hashes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "base/diagnostics.hpp"
#include "base/environment.hpp"
#include "base/error.hpp"
#include "base/io.hpp"
#include "base/json.hpp"
#include "base/url.hpp"
#include "base/utf8.hpp"

using namespace folio::base;
namespace fs = std::filesystem;

TEST(Utf8, DecodeValidAndInvalid) {
    std::string s = "a\xc3\xa9\xe2\x80\x99\xf0\x9f\x98\x80";
    std::size_t i = 0;
    EXPECT_EQ(utf8::decode(s, i), U'a');
    EXPECT_EQ(utf8::decode(s, i), U'é');
    EXPECT_EQ(utf8::decode(s, i), U'\u2019');
    EXPECT_EQ(utf8::decode(s, i), U'\U0001F600');
    EXPECT_EQ(i, s.size());
    for (std::string bad : {"\xc3\x28", "\xe2\x82", "\xf0\x28\x8c\x28", "\xc0\xaf", "\xed\xa0\x80", "\xff"}) {
        std::size_t k = 0;
        EXPECT_EQ(utf8::decode(bad, k), utf8::replacement) << bad;
        EXPECT_EQ(k, 1u);
        EXPECT_FALSE(utf8::is_valid(bad));
    }
}

TEST(Utf8, LengthCountsWhatDecodingReads) {
    // ASCII is counted eight bytes at a time: every split of ASCII runs and other characters,
    // and invalid bytes among them, counts as decoding one character at a time does.
    const std::string pieces[] = {"a", "abcdefg", "abcdefgh", "é", "€", "😀", "\xFF", "\xC3", "\x80\x80", " ", "123456789"};
    for (std::size_t seed = 0; seed < 2000; ++seed) {
        std::string s;
        for (std::size_t k = seed, parts = seed % 9; parts-- > 0; k = k * 7 + 3) s += pieces[k % std::size(pieces)];
        std::size_t n = 0;
        for (std::size_t i = 0; i < s.size(); ++n) utf8::decode(s, i);
        EXPECT_EQ(utf8::length(s), n) << s;
    }
}

TEST(Utf8, EncodeRoundTrip) {
    for (char32_t c : {U'A', U'é', U'€', U'\U0001F600', U'\u202F'}) {
        const std::string s = utf8::encode(c);
        std::size_t i = 0;
        EXPECT_EQ(utf8::decode(s, i), c);
    }
    EXPECT_EQ(utf8::encode(0xD800), utf8::encode(utf8::replacement));
}

TEST(Utf8, CaseAndClasses) {
    EXPECT_EQ(utf8::to_lower("ÉCOLE Ŀ Ÿ ĂĞ"), "école ŀ ÿ ăğ");
    EXPECT_EQ(utf8::to_lower("Font-Family: \"Noto SERIF\" @[]^_`{}~ 0-9"), "font-family: \"noto serif\" @[]^_`{}~ 0-9");
    EXPECT_EQ(utf8::to_lower("A\xFF" "B"), "a\uFFFD" "b");  // an invalid byte is decoded as U+FFFD, as before
    EXPECT_TRUE(utf8::is_upper(U'Ł'));
    EXPECT_TRUE(utf8::is_lower(U'ł'));
    EXPECT_TRUE(utf8::is_upper(U'Ž'));
    EXPECT_TRUE(utf8::is_lower(U'ž'));
    EXPECT_EQ(utf8::to_upper(U'ß'), U'ß');
    EXPECT_EQ(utf8::to_upper(U'я'), U'Я');
    EXPECT_TRUE(utf8::is_space(U'\u202F'));
    EXPECT_TRUE(utf8::is_letter(U'漢'));
    EXPECT_FALSE(utf8::is_letter(U'1'));
    EXPECT_EQ(utf8::sanitize("a\x01" "b\xef\xbf\xbf" "c"), "abc");
    EXPECT_EQ(utf8::codepoint_name(0x1F600), "U+1F600");
}

TEST(Diagnostics, FormatWithAndWithoutPosition) {
    Diagnostics d("a.txt");
    d.warn(3, 7, "something");
    d.error(0, 0, "whole file");
    EXPECT_EQ(format(d.items()[0]), "folio: warning: a.txt:3:7: something");
    EXPECT_EQ(format(d.items()[1]), "folio: error: a.txt: whole file");
    EXPECT_TRUE(d.has_errors());
    EXPECT_EQ(exit_status(ErrorCode::Usage), 2);
    EXPECT_EQ(exit_status(ErrorCode::Io), 1);
}

TEST(Environment, CivilTimeIsIndependentOfTz) {
    EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(iso8601_utc(1700000000), "2023-11-14T22:13:20Z");
    EXPECT_EQ(iso8601_utc(951782400), "2000-02-29T00:00:00Z");
    ::setenv("TZ", "Asia/Tokyo", 1);
    EXPECT_EQ(iso8601_utc(1700000000), "2023-11-14T22:13:20Z");
    ::unsetenv("TZ");
}

TEST(Environment, SourceDateEpoch) {
    ::setenv("SOURCE_DATE_EPOCH", "1234", 1);
    EXPECT_EQ(source_date_epoch(), 1234);
    ::setenv("SOURCE_DATE_EPOCH", "12x", 1);
    EXPECT_EQ(source_date_epoch(), default_epoch_s);
    ::unsetenv("SOURCE_DATE_EPOCH");
    EXPECT_EQ(source_date_epoch(), default_epoch_s);
}

TEST(Environment, HashesAndUuids) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string u = uuid_from_content("x");
    EXPECT_EQ(u, uuid_from_content("x"));
    EXPECT_NE(u, uuid_from_content("y"));
    ASSERT_EQ(u.size(), 36u);
    EXPECT_EQ(u[14], '5');
}

TEST(Io, AtomicWriteLeavesNoTemporary) {
    const fs::path dir = fs::temp_directory_path() / ("folio-io-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    write_file_atomic(dir / "a.txt", "hello");
    EXPECT_EQ(read_file((dir / "a.txt").string()), "hello");
    EXPECT_THROW(produce_file_atomic(dir / "b.txt", [](const fs::path& tmp) {
                     write_file_atomic(tmp, "partial");
                     throw Error(ErrorCode::Library, "writer failed");
                 }),
                 Error);
    EXPECT_FALSE(fs::exists(dir / "b.txt"));
    std::size_t files = 0;
    for (auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
    EXPECT_THROW(write_file_atomic(dir / "no" / "such" / "c.txt", "x"), Error);
    EXPECT_THROW(read_file((dir / "missing").string()), Error);
    fs::remove_all(dir);
}

TEST(Json, StableOutput) {
    JsonWriter w(false);
    w.begin_object().key("a").value("x\"\n\x01").key("b").begin_array().value(1).value(true).null().end_array()
        .key("c").begin_object().end_object().end_object();
    EXPECT_EQ(w.str(), R"({"a":"x\"\n\u0001","b":[1,true,null],"c":{}})");
}

TEST(WebUri, KeepsValidAddressesAndEncodesWhatAUriMayNotHold) {
    EXPECT_EQ(web_uri("https://example.org/a b?q=\"x\"#f"), "https://example.org/a%20b?q=%22x%22#f");
    EXPECT_EQ(web_uri("http://user@example.com:8080/x"), "http://user@example.com:8080/x");
    EXPECT_EQ(web_uri("http://[::1]:80/x"), "http://[::1]:80/x");
    EXPECT_EQ(web_uri("http://127.0.0.1/"), "http://127.0.0.1/");
    EXPECT_EQ(web_uri("http://a_b.example.com./"), "http://a_b.example.com./");
    EXPECT_EQ(web_uri("HTTP://Example.COM"), "HTTP://Example.COM");
    EXPECT_EQ(web_uri("mailto:a@b.c"), "mailto:a@b.c");
    // Existing escapes stay; a lone '%' is escaped.
    EXPECT_EQ(web_uri("https://a.org/%41%zz"), "https://a.org/%41%25zz");
}

TEST(WebUri, EncodesBracketsInThePathOnly) {
    EXPECT_EQ(web_uri("http://example.com/a[b]c?q=[1]#n[2]"), "http://example.com/a%5Bb%5Dc?q=[1]#n[2]");
    EXPECT_EQ(web_uri("http://example.com/%5C[%5C"), "http://example.com/%5C%5B%5C");
}

TEST(WebUri, RefusesAddressesWithoutAValidHost) {
    for (const char* url : {"http://../", "http://foo.bar.%60baz", "http://-a.example/", "http://a-.example/",
                            "http://a..b/", "http://", "http:example.com", "https://exa mple.com/", "http://[zz]/",
                            "http://example.com:80a/", "http://a%2Fb.example/"})
        EXPECT_FALSE(web_uri(url).has_value()) << url;
}

TEST(WebUri, WritesInternationalHostsInTheirAsciiForm) {
    // libidn2 is opened at run time; without it such a host is refused rather than written wrong.
    const auto uri = web_uri("https://bücher.de/straße?ä=1");
    if (!uri) GTEST_SKIP() << "libidn2 is not installed";
    EXPECT_EQ(*uri, "https://xn--bcher-kva.de/stra%C3%9Fe?%C3%A4=1");
    EXPECT_EQ(web_uri("http://m%C3%BCller.de/"), "http://xn--mller-kva.de/");
    EXPECT_FALSE(web_uri("http://\xF0\x28.de/").has_value());
}
