// CSS parser: rules, declarations, !important, at-rules with nested blocks, and recovery from
// syntax errors with the positions they are reported at.
#include <gtest/gtest.h>

#include "style/css_parser.hpp"

namespace folio::style::css {
namespace {

struct Parsed {
    std::vector<Rule> rules;
    std::vector<SyntaxIssue> issues;
};

Parsed parse(std::string_view text) {
    Parsed p;
    p.rules = parse_stylesheet(text, p.issues);
    return p;
}

DeclarationList decls(const Rule& r, std::vector<SyntaxIssue>& issues) { return parse_declarations(r.block, issues); }

TEST(CssParser, QualifiedRuleWithDeclarations) {
    auto p = parse("h1, .title {\n  font-size: 2em;\n  color : #333 ;\n}");
    ASSERT_EQ(p.rules.size(), 1u);
    const Rule& r = p.rules[0];
    EXPECT_EQ(r.kind, Rule::Kind::Qualified);
    EXPECT_EQ(to_css(r.prelude), "h1, .title");
    EXPECT_EQ(r.pos, (Position{1, 1}));
    std::vector<SyntaxIssue> issues;
    auto d = decls(r, issues);
    EXPECT_TRUE(issues.empty());
    ASSERT_EQ(d.declarations.size(), 2u);
    EXPECT_EQ(d.declarations[0].name, "font-size");
    EXPECT_EQ(to_css(d.declarations[0].value), "2em");
    EXPECT_EQ(d.declarations[0].pos, (Position{2, 3}));
    EXPECT_EQ(d.declarations[1].name, "color");
    EXPECT_EQ(to_css(d.declarations[1].value), "#333");
    EXPECT_TRUE(p.issues.empty());
}

TEST(CssParser, PropertyNamesAreCaseInsensitiveButCustomPropertiesAreNot) {
    auto p = parse("p { FONT-Size: 1pt; --Folio-X: a }");
    std::vector<SyntaxIssue> issues;
    auto d = decls(p.rules.at(0), issues);
    ASSERT_EQ(d.declarations.size(), 2u);
    EXPECT_EQ(d.declarations[0].name, "font-size");
    EXPECT_EQ(d.declarations[1].name, "--Folio-X");
}

TEST(CssParser, ImportantIsRecognisedAndRemoved) {
    auto p = parse("p { color: red !important; margin: 0 ! IMPORTANT ; x: important }");
    std::vector<SyntaxIssue> issues;
    auto d = decls(p.rules.at(0), issues);
    ASSERT_EQ(d.declarations.size(), 3u);
    EXPECT_TRUE(d.declarations[0].important);
    EXPECT_EQ(to_css(d.declarations[0].value), "red");
    EXPECT_TRUE(d.declarations[1].important);
    EXPECT_EQ(to_css(d.declarations[1].value), "0");
    EXPECT_FALSE(d.declarations[2].important);
    EXPECT_EQ(to_css(d.declarations[2].value), "important");
}

TEST(CssParser, AtRulesWithAndWithoutBlocks) {
    auto p = parse("@charset \"UTF-8\";\n@page :first { margin: 1in }\n@import url(x.css) screen;");
    ASSERT_EQ(p.rules.size(), 3u);
    EXPECT_EQ(p.rules[0].at_name, "charset");
    EXPECT_FALSE(p.rules[0].has_block);
    EXPECT_EQ(p.rules[1].at_name, "page");
    EXPECT_TRUE(p.rules[1].has_block);
    EXPECT_EQ(to_css(p.rules[1].prelude), ":first");
    EXPECT_EQ(p.rules[1].pos, (Position{2, 1}));
    EXPECT_EQ(p.rules[2].at_name, "import");
    EXPECT_EQ(to_css(p.rules[2].prelude), "url(x.css) screen");
    EXPECT_TRUE(p.issues.empty());
}

TEST(CssParser, UnknownAtRuleWithNestedBlocksIsSkippedWhole) {
    auto p = parse("@media print { a { color: red } b { x: { y } } }\n@supports (display: grid) { p {} }\np { color: blue }");
    ASSERT_EQ(p.rules.size(), 3u);
    EXPECT_EQ(p.rules[0].at_name, "media");
    EXPECT_EQ(p.rules[1].at_name, "supports");
    EXPECT_EQ(p.rules[2].kind, Rule::Kind::Qualified);
    EXPECT_EQ(to_css(p.rules[2].prelude), "p");
    EXPECT_EQ(p.rules[2].pos, (Position{3, 1}));
    EXPECT_TRUE(p.issues.empty());
}

TEST(CssParser, MismatchedBracketsInsideABlockDoNotEndIt) {
    // The '}' inside the parentheses belongs to them; the rule's block ends at the last '}'.
    auto p = parse("@foo ( } ) { ] } q { }");
    ASSERT_EQ(p.rules.size(), 2u);
    EXPECT_EQ(to_css(p.rules[1].prelude), "q");
}

TEST(CssParser, AtRuleAtEndOfFileIsReported) {
    auto p = parse("p { } @bad thing");
    ASSERT_EQ(p.rules.size(), 2u);
    ASSERT_EQ(p.issues.size(), 1u);
    EXPECT_EQ(p.issues[0].pos, (Position{1, 7}));
}

TEST(CssParser, MissingColonDropsOnlyThatDeclaration) {
    auto p = parse("p {\n  color red;\n  font-size: 12pt\n}");
    std::vector<SyntaxIssue> issues;
    auto d = decls(p.rules.at(0), issues);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].pos, (Position{2, 3}));
    EXPECT_NE(issues[0].message.find("expected ':'"), std::string::npos);
    ASSERT_EQ(d.declarations.size(), 1u);
    EXPECT_EQ(d.declarations[0].name, "font-size");
}

TEST(CssParser, GarbageBeforeADeclarationIsSkippedToTheSemicolon) {
    auto p = parse("p { 12px; {nested: block} ; color: red; }");
    std::vector<SyntaxIssue> issues;
    auto d = decls(p.rules.at(0), issues);
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].pos, (Position{1, 5}));
    EXPECT_EQ(issues[1].pos, (Position{1, 11}));
    ASSERT_EQ(d.declarations.size(), 1u);
    EXPECT_EQ(d.declarations[0].name, "color");
}

TEST(CssParser, NestedAtRulesInDeclarationLists) {
    auto p = parse("@page { margin: 1cm; @top-center { content: \"x\" } size: A4 }");
    std::vector<SyntaxIssue> issues;
    auto d = decls(p.rules.at(0), issues);
    EXPECT_TRUE(issues.empty());
    ASSERT_EQ(d.declarations.size(), 2u);
    EXPECT_EQ(d.declarations[1].name, "size");
    ASSERT_EQ(d.at_rules.size(), 1u);
    EXPECT_EQ(d.at_rules[0].at_name, "top-center");
    EXPECT_TRUE(d.at_rules[0].has_block);
}

TEST(CssParser, UnclosedBlockAtEndOfFileKeepsItsDeclarations) {
    auto p = parse("p { color: red;\n  margin: 0");
    ASSERT_EQ(p.rules.size(), 1u);
    ASSERT_EQ(p.issues.size(), 1u);
    EXPECT_EQ(p.issues[0].pos, (Position{1, 3}));
    std::vector<SyntaxIssue> issues;
    EXPECT_EQ(decls(p.rules[0], issues).declarations.size(), 2u);
}

TEST(CssParser, PreludeWithoutBlockAtEndOfFileIsDropped) {
    auto p = parse("p { } h1, h2");
    ASSERT_EQ(p.rules.size(), 1u);
    ASSERT_EQ(p.issues.size(), 1u);
    EXPECT_EQ(p.issues[0].pos, (Position{1, 7}));
}

TEST(CssParser, StrayClosingBraceBecomesPartOfTheNextPrelude) {
    auto p = parse("} p { color: red } a { }");
    ASSERT_EQ(p.rules.size(), 2u);
    EXPECT_EQ(to_css(p.rules[0].prelude), "} p");
    EXPECT_EQ(to_css(p.rules[1].prelude), "a");
}

TEST(CssParser, HtmlCommentMarkersAreIgnoredAtTopLevel) {
    auto p = parse("<!-- p { color: red } -->");
    ASSERT_EQ(p.rules.size(), 1u);
    EXPECT_EQ(to_css(p.rules[0].prelude), "p");
}

TEST(CssParser, DeepNestingIsCutAtTheLimitAndParsingContinues) {
    const int levels = max_nesting_depth * 3;
    std::string css = "a " + std::string(levels, '{') + std::string(levels, '}') + "\np { color: red }";
    auto p = parse(css);
    ASSERT_EQ(p.rules.size(), 2u);
    EXPECT_EQ(to_css(p.rules[1].prelude), "p");
    ASSERT_EQ(p.issues.size(), 1u);
    EXPECT_NE(p.issues[0].message.find("nested deeper"), std::string::npos);
}

TEST(CssParser, HostileNestingDoesNotExhaustTheStack) {
    std::string css = "a " + std::string(200000, '(') + std::string(200000, '[');
    auto p = parse(css);
    EXPECT_FALSE(p.issues.empty());
    EXPECT_TRUE(p.rules.empty());
}

TEST(CssParser, FunctionsKeepTheirArguments) {
    auto p = parse("p { color: rgb(10, 20 , 30) }");
    std::vector<SyntaxIssue> issues;
    auto d = decls(p.rules.at(0), issues);
    ASSERT_EQ(d.declarations.size(), 1u);
    ASSERT_EQ(d.declarations[0].value.size(), 1u);
    const ComponentValue& f = d.declarations[0].value[0];
    EXPECT_EQ(f.kind, ComponentValue::Kind::Function);
    EXPECT_EQ(f.token.value, "rgb");
    EXPECT_EQ(to_css(d.declarations[0].value), "rgb(10, 20 , 30)");
}

// Inputs assembled from CSS's special characters: every one must parse without a crash (the
// sanitizer build checks memory), and every reported position must lie inside the input.
TEST(CssParser, ArbitraryInputsTerminateWithPositionsInRange) {
    const std::string alphabet = "{}()[];:,@#.\\'\"/*-+!<>%url( \n\tap0123e\xC3\xA9\r\f";
    std::uint32_t seed = 12345;
    auto next = [&] {
        seed = seed * 1664525u + 1013904223u;  // a fixed LCG keeps the test deterministic
        return seed >> 8;
    };
    for (int round = 0; round < 3000; ++round) {
        std::string css;
        const std::size_t len = next() % 80;
        for (std::size_t k = 0; k < len; ++k) css += alphabet[next() % alphabet.size()];
        std::uint32_t lines = 1;
        for (char c : css) lines += c == '\n' || c == '\r' || c == '\f';
        std::vector<SyntaxIssue> issues;
        auto rules = parse_stylesheet(css, issues);
        for (const auto& r : rules) {
            EXPECT_LE(r.pos.line, lines) << css;
            if (r.has_block) {
                auto d = parse_declarations(r.block, issues);
                for (const auto& decl : d.declarations) EXPECT_FALSE(decl.name.empty()) << css;
            }
        }
        for (const auto& i : issues) {
            EXPECT_GE(i.pos.line, 1u) << css;
            EXPECT_LE(i.pos.line, lines) << css;
            EXPECT_GE(i.pos.col, 1u) << css;
        }
    }
}

TEST(CssParser, EmptyAndWhitespaceOnlyStylesheets) {
    EXPECT_TRUE(parse("").rules.empty());
    EXPECT_TRUE(parse("  /* only a comment */ \n").rules.empty());
}

}  // namespace
}  // namespace folio::style::css
