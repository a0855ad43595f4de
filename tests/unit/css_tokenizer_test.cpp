// CSS tokenizer: token kinds, escapes, positions and the spec's recovery from unterminated input.
#include <gtest/gtest.h>

#include "style/css_tokenizer.hpp"

namespace folio::style::css {
namespace {

struct Lexed {
    std::vector<Token> tokens;
    std::vector<SyntaxIssue> issues;
};

Lexed lex(std::string_view text) {
    Lexed l;
    l.tokens = tokenize(text, l.issues);
    return l;
}

// Tokens without white space and the final EndOfFile, for compact assertions.
std::vector<Token> solid(std::string_view text) {
    auto l = lex(text);
    std::vector<Token> out;
    for (auto& t : l.tokens)
        if (t.type != TokenType::Whitespace && t.type != TokenType::EndOfFile) out.push_back(t);
    return out;
}

TEST(CssTokenizer, EmptyInputIsOnlyEndOfFile) {
    auto l = lex("");
    ASSERT_EQ(l.tokens.size(), 1u);
    EXPECT_EQ(l.tokens[0].type, TokenType::EndOfFile);
    EXPECT_TRUE(l.issues.empty());
}

TEST(CssTokenizer, PunctuationAndBlocks) {
    auto t = solid("{}()[],:;");
    const TokenType expected[] = {TokenType::LeftBrace,    TokenType::RightBrace, TokenType::LeftParen,
                                  TokenType::RightParen,   TokenType::LeftBracket, TokenType::RightBracket,
                                  TokenType::Comma,        TokenType::Colon,       TokenType::Semicolon};
    ASSERT_EQ(t.size(), std::size(expected));
    for (std::size_t i = 0; i < t.size(); ++i) EXPECT_EQ(t[i].type, expected[i]) << i;
}

TEST(CssTokenizer, IdentsAtKeywordsFunctionsAndCustomProperties) {
    auto t = solid("body @page rgb( --folio-page-numbers -moz-x _a");
    ASSERT_EQ(t.size(), 6u);
    EXPECT_EQ(t[0].type, TokenType::Ident);
    EXPECT_EQ(t[0].value, "body");
    EXPECT_EQ(t[1].type, TokenType::AtKeyword);
    EXPECT_EQ(t[1].value, "page");
    EXPECT_EQ(t[2].type, TokenType::Function);
    EXPECT_EQ(t[2].value, "rgb");
    EXPECT_EQ(t[3].type, TokenType::Ident);
    EXPECT_EQ(t[3].value, "--folio-page-numbers");
    EXPECT_EQ(t[4].value, "-moz-x");
    EXPECT_EQ(t[5].value, "_a");
}

TEST(CssTokenizer, HashTokensCarryTheIdFlag) {
    auto t = solid("#toc #1a2b3c #-x #");
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0].type, TokenType::Hash);
    EXPECT_TRUE(t[0].hash_is_id);
    EXPECT_EQ(t[1].value, "1a2b3c");
    EXPECT_FALSE(t[1].hash_is_id);  // starts with a digit: valid colour, not an id selector
    EXPECT_TRUE(t[2].hash_is_id);
    EXPECT_EQ(t[3].type, TokenType::Delim);
    EXPECT_EQ(t[3].value, "#");
}

TEST(CssTokenizer, NumbersPercentagesAndDimensions) {
    auto t = solid("12 1.5 -.5 +3 1e3 2E-1 11pt 50% 1.2em 3e 10px");
    ASSERT_EQ(t.size(), 11u);
    EXPECT_EQ(t[0].type, TokenType::Number);
    EXPECT_TRUE(t[0].is_integer);
    EXPECT_DOUBLE_EQ(t[0].number, 12);
    EXPECT_DOUBLE_EQ(t[1].number, 1.5);
    EXPECT_FALSE(t[1].is_integer);
    EXPECT_DOUBLE_EQ(t[2].number, -0.5);
    EXPECT_DOUBLE_EQ(t[3].number, 3);
    EXPECT_DOUBLE_EQ(t[4].number, 1000);
    EXPECT_FALSE(t[4].is_integer);
    EXPECT_DOUBLE_EQ(t[5].number, 0.2);
    EXPECT_EQ(t[6].type, TokenType::Dimension);
    EXPECT_EQ(t[6].unit, "pt");
    EXPECT_DOUBLE_EQ(t[6].number, 11);
    EXPECT_EQ(t[7].type, TokenType::Percentage);
    EXPECT_DOUBLE_EQ(t[7].number, 50);
    EXPECT_EQ(t[8].unit, "em");
    // "3e" is a dimension with unit "e": an exponent needs digits.
    EXPECT_EQ(t[9].type, TokenType::Dimension);
    EXPECT_EQ(t[9].unit, "e");
    EXPECT_EQ(t[10].unit, "px");
}

TEST(CssTokenizer, DelimitersForLoneSigns) {
    auto t = solid("a > b + c ~ d . ! * -");
    std::string delims;
    for (const auto& x : t)
        if (x.type == TokenType::Delim) delims += x.value;
    EXPECT_EQ(delims, ">+~.!*-");
}

TEST(CssTokenizer, StringsWithEscapes) {
    auto t = solid(R"("a\"b" 'it\'s' "\41 BC" "\e9t\E9" "x\
y" "\0" "\110000" "\D800")");
    ASSERT_EQ(t.size(), 8u);
    for (const auto& x : t) EXPECT_EQ(x.type, TokenType::String);
    EXPECT_EQ(t[0].value, "a\"b");
    EXPECT_EQ(t[1].value, "it's");
    EXPECT_EQ(t[2].value, "ABC");  // the white space after a hex escape belongs to it
    EXPECT_EQ(t[3].value, "\xC3\xA9t\xC3\xA9");
    EXPECT_EQ(t[4].value, "xy");  // an escaped newline continues the string
    EXPECT_EQ(t[5].value, "\xEF\xBF\xBD");
    EXPECT_EQ(t[6].value, "\xEF\xBF\xBD");
    EXPECT_EQ(t[7].value, "\xEF\xBF\xBD");
}

TEST(CssTokenizer, EscapesInIdentifiers) {
    auto t = solid(R"(\31 0px .a\:b \@x \-)");
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(t[0].type, TokenType::Ident);
    EXPECT_EQ(t[0].value, "10px");
    EXPECT_EQ(t[1].type, TokenType::Delim);
    EXPECT_EQ(t[2].type, TokenType::Ident);
    EXPECT_EQ(t[2].value, "a:b");
    EXPECT_EQ(t[3].value, "@x");
    EXPECT_EQ(t[4].value, "-");
}

TEST(CssTokenizer, UnterminatedStringAtEndOfFile) {
    auto l = lex("a { content: \"open");
    ASSERT_EQ(l.issues.size(), 1u);
    EXPECT_EQ(l.issues[0].pos, (Position{1, 14}));
    EXPECT_NE(l.issues[0].message.find("unterminated string"), std::string::npos);
    const Token& s = l.tokens[l.tokens.size() - 2];
    EXPECT_EQ(s.type, TokenType::String);
    EXPECT_EQ(s.value, "open");
}

TEST(CssTokenizer, NewlineInStringGivesBadStringAndResumes) {
    auto l = lex("p{x:'ab\ny:1}");
    ASSERT_EQ(l.issues.size(), 1u);
    EXPECT_EQ(l.issues[0].pos, (Position{1, 5}));
    std::vector<TokenType> types;
    for (const auto& t : l.tokens) types.push_back(t.type);
    const std::vector<TokenType> expected{TokenType::Ident,     TokenType::LeftBrace, TokenType::Ident,
                                          TokenType::Colon,     TokenType::BadString, TokenType::Whitespace,
                                          TokenType::Ident,     TokenType::Colon,     TokenType::Number,
                                          TokenType::RightBrace, TokenType::EndOfFile};
    EXPECT_EQ(types, expected);
}

TEST(CssTokenizer, CommentsAreDroppedAndUnterminatedOnesReported) {
    auto t = solid("a/* x */b/**/c");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[1].value, "b");
    auto l = lex("a\n  /* never closed");
    ASSERT_EQ(l.issues.size(), 1u);
    EXPECT_EQ(l.issues[0].pos, (Position{2, 3}));
    EXPECT_EQ(l.tokens.back().type, TokenType::EndOfFile);
}

TEST(CssTokenizer, UrlTokens) {
    auto t = solid(R"(url(img/a.png) URL(  b\)c  ) url("q.png") url(a b) url(x"y) c)");
    ASSERT_EQ(t.size(), 8u);
    EXPECT_EQ(t[0].type, TokenType::Url);
    EXPECT_EQ(t[0].value, "img/a.png");
    EXPECT_EQ(t[1].type, TokenType::Url);
    EXPECT_EQ(t[1].value, "b)c");
    EXPECT_EQ(t[2].type, TokenType::Function);  // a quoted url is a function with a string
    EXPECT_EQ(t[3].type, TokenType::String);
    EXPECT_EQ(t[4].type, TokenType::RightParen);
    EXPECT_EQ(t[5].type, TokenType::BadUrl);
    EXPECT_EQ(t[6].type, TokenType::BadUrl);
    EXPECT_EQ(t[7].value, "c");  // the bad url's remnants end at ')'
    auto l = lex("url(abc");
    ASSERT_EQ(l.issues.size(), 1u);
    EXPECT_EQ(l.tokens[0].type, TokenType::Url);
    EXPECT_EQ(l.tokens[0].value, "abc");
}

TEST(CssTokenizer, CdoAndCdc) {
    auto t = solid("<!-- a --> <! -->");
    ASSERT_EQ(t.size(), 6u);
    EXPECT_EQ(t[0].type, TokenType::CDO);
    EXPECT_EQ(t[2].type, TokenType::CDC);
    EXPECT_EQ(t[3].type, TokenType::Delim);
    EXPECT_EQ(t[4].type, TokenType::Delim);
    EXPECT_EQ(t[5].type, TokenType::CDC);
}

TEST(CssTokenizer, BackslashBeforeNewlineIsAnError) {
    auto l = lex("a \\\nb");
    ASSERT_EQ(l.issues.size(), 1u);
    EXPECT_EQ(l.issues[0].pos, (Position{1, 3}));
    EXPECT_EQ(l.tokens[2].type, TokenType::Delim);
    EXPECT_EQ(l.tokens[2].value, "\\");
}

TEST(CssTokenizer, PositionsCountCodePointsAndNormalisedNewlines) {
    auto l = lex("\xC3\xA9t\xC3\xA9 x\r\ny\rz\fw");
    std::vector<Position> pos;
    for (const auto& t : l.tokens)
        if (t.type == TokenType::Ident) pos.push_back(t.pos);
    ASSERT_EQ(pos.size(), 5u);
    EXPECT_EQ(pos[0], (Position{1, 1}));
    EXPECT_EQ(pos[1], (Position{1, 5}));  // "été" is three code points
    EXPECT_EQ(pos[2], (Position{2, 1}));  // CR LF is one newline
    EXPECT_EQ(pos[3], (Position{3, 1}));
    EXPECT_EQ(pos[4], (Position{4, 1}));
}

TEST(CssTokenizer, InvalidBytesAndNulBecomeReplacementCharacters) {
    auto t = solid(std::string("a\xFF" "b c\0d", 7));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].value, "a\xEF\xBF\xBD" "b");
    EXPECT_EQ(t[1].value, "c\xEF\xBF\xBD" "d");
}

TEST(CssTokenizer, ByteOrderMarkIsSkipped) {
    auto t = solid("\xEF\xBB\xBF" "body");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].value, "body");
    EXPECT_EQ(t[0].pos, (Position{1, 1}));
}

TEST(CssTokenizer, ToCssWritesTokensBack) {
    auto t = solid("11pt 50% #fff \"s\" a( @x");
    std::string out;
    for (const auto& x : t) out += to_css(x) + "|";
    EXPECT_EQ(out, "11pt|50%|#fff|\"s\"|a(|@x|");
}

}  // namespace
}  // namespace folio::style::css
