// Style resolution: each supported property changes the resolved PageStyle as documented, the
// cascade (specificity, order, !important, inheritance) holds, diagnostics carry positions, and
// the shipped styles load cleanly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "base/error.hpp"
#include "style/style.hpp"

namespace folio::style {
namespace {
namespace fs = std::filesystem;

constexpr double mm_pt = 72.0 / 25.4;

fs::path write_css(const std::string& css) {
    static int counter = 0;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    fs::path p = fs::path(::testing::TempDir()) /
                 ("folio-style-" + std::to_string(::getpid()) + "-" + std::string(info->name()) + "-" + std::to_string(counter++) + ".css");
    std::ofstream(p, std::ios::binary) << css;
    return p;
}

struct Loaded {
    Style style;
    base::Diagnostics diag;
    std::size_t warnings() const { return diag.count(base::Severity::Warning); }
    std::size_t notes() const { return diag.count(base::Severity::Note); }
    bool has(base::Severity s, std::uint32_t line, std::uint32_t col, std::string_view text) const {
        for (const auto& d : diag.items())
            if (d.severity == s && d.line == line && d.col == col && d.message.find(text) != std::string::npos)
                return true;
        return false;
    }
    std::string dump() const {
        std::string out;
        for (const auto& d : diag.items()) out += base::format(d) + "\n";
        return out;
    }
    const BoxStyle& box(std::string_view name) const { return style.page.box(name); }
};

Loaded load(const std::string& css) {
    Loaded l;
    l.style = load_style(write_css(css).string(), l.diag);
    return l;
}

// ----- @page -----

TEST(StylePage, DefaultsAreA4) {
    auto l = load("p { color: black }");
    EXPECT_NEAR(l.style.page.width_pt, 595.276, 0.01);
    EXPECT_NEAR(l.style.page.height_pt, 841.89, 0.01);
}

TEST(StylePage, NamedSizes) {
    auto letter = load("@page { size: Letter }");
    EXPECT_DOUBLE_EQ(letter.style.page.width_pt, 612);
    EXPECT_DOUBLE_EQ(letter.style.page.height_pt, 792);
    auto a5 = load("@page { size: a5 }");
    EXPECT_NEAR(a5.style.page.width_pt, 148 * mm_pt, 0.01);
    EXPECT_NEAR(a5.style.page.height_pt, 210 * mm_pt, 0.01);
    auto a4 = load("@page { size: A4 portrait }");
    EXPECT_NEAR(a4.style.page.width_pt, 210 * mm_pt, 0.01);
}

TEST(StylePage, Landscape) {
    auto l = load("@page { size: A4 landscape }");
    EXPECT_NEAR(l.style.page.width_pt, 841.89, 0.01);
    EXPECT_NEAR(l.style.page.height_pt, 595.276, 0.01);
    auto alone = load("@page { size: landscape }");
    EXPECT_GT(alone.style.page.width_pt, alone.style.page.height_pt);
    auto first = load("@page { size: landscape letter }");
    EXPECT_DOUBLE_EQ(first.style.page.width_pt, 792);
}

TEST(StylePage, ExplicitWidthAndHeightInEveryUnit) {
    auto mm = load("@page { size: 210mm 297mm }");
    EXPECT_NEAR(mm.style.page.width_pt, 595.276, 0.01);
    EXPECT_NEAR(mm.style.page.height_pt, 841.89, 0.01);
    auto in = load("@page { size: 8.5in 11in }");
    EXPECT_DOUBLE_EQ(in.style.page.width_pt, 612);
    EXPECT_DOUBLE_EQ(in.style.page.height_pt, 792);
    auto cm = load("@page { size: 10cm 20cm }");
    EXPECT_NEAR(cm.style.page.width_pt, 283.465, 0.01);
    auto pt = load("@page { size: 400pt 600pt }");
    EXPECT_DOUBLE_EQ(pt.style.page.width_pt, 400);
    EXPECT_DOUBLE_EQ(pt.style.page.height_pt, 600);
    auto px = load("@page { size: 800px 1000px }");
    EXPECT_DOUBLE_EQ(px.style.page.width_pt, 600);
    EXPECT_DOUBLE_EQ(px.style.page.height_pt, 750);
    auto square = load("@page { size: 5in }");
    EXPECT_DOUBLE_EQ(square.style.page.width_pt, 360);
    EXPECT_DOUBLE_EQ(square.style.page.height_pt, 360);
}

TEST(StylePage, UnsupportedSizesAreNotedAndIgnored) {
    for (const char* value : {"A9", "1pt 1pt", "300in 300in", "A4 A5", "landscape portrait", "-5in 3in", "12pt 12pt 12pt"}) {
        auto l = load("@page {\n  size: " + std::string(value) + ";\n}");
        EXPECT_NEAR(l.style.page.width_pt, 595.276, 0.01) << value;
        EXPECT_TRUE(l.has(base::Severity::Note, 2, 3, "'size'")) << value << "\n" << l.dump();
        EXPECT_EQ(l.warnings(), 0u) << l.dump();
    }
}

TEST(StylePage, MarginShorthandWithOneToFourValues) {
    auto one = load("@page { margin: 1in }");
    EXPECT_DOUBLE_EQ(one.style.page.margins.top_pt, 72);
    EXPECT_DOUBLE_EQ(one.style.page.margins.right_pt, 72);
    EXPECT_DOUBLE_EQ(one.style.page.margins.bottom_pt, 72);
    EXPECT_DOUBLE_EQ(one.style.page.margins.left_pt, 72);
    auto two = load("@page { margin: 10pt 20pt }");
    EXPECT_DOUBLE_EQ(two.style.page.margins.top_pt, 10);
    EXPECT_DOUBLE_EQ(two.style.page.margins.right_pt, 20);
    EXPECT_DOUBLE_EQ(two.style.page.margins.bottom_pt, 10);
    EXPECT_DOUBLE_EQ(two.style.page.margins.left_pt, 20);
    auto three = load("@page { margin: 10pt 20pt 30pt }");
    EXPECT_DOUBLE_EQ(three.style.page.margins.bottom_pt, 30);
    EXPECT_DOUBLE_EQ(three.style.page.margins.left_pt, 20);
    auto four = load("@page { margin: 10pt 20pt 30pt 40pt }");
    EXPECT_DOUBLE_EQ(four.style.page.margins.top_pt, 10);
    EXPECT_DOUBLE_EQ(four.style.page.margins.right_pt, 20);
    EXPECT_DOUBLE_EQ(four.style.page.margins.bottom_pt, 30);
    EXPECT_DOUBLE_EQ(four.style.page.margins.left_pt, 40);
}

TEST(StylePage, MarginLonghandsAndUnits) {
    auto l = load("@page { margin: 1in; margin-top: 20mm; margin-right: 2cm; margin-bottom: 30pt; margin-left: 96px }");
    EXPECT_NEAR(l.style.page.margins.top_pt, 20 * mm_pt, 1e-9);
    EXPECT_NEAR(l.style.page.margins.right_pt, 20 * mm_pt, 1e-9);
    EXPECT_DOUBLE_EQ(l.style.page.margins.bottom_pt, 30);
    EXPECT_DOUBLE_EQ(l.style.page.margins.left_pt, 72);
}

TEST(StylePage, MarginPercentagesReferToThePageSides) {
    auto l = load("@page { size: 400pt 800pt; margin: 10% }");
    EXPECT_DOUBLE_EQ(l.style.page.margins.top_pt, 80);
    EXPECT_DOUBLE_EQ(l.style.page.margins.left_pt, 40);
}

TEST(StylePage, FirstPageMargins) {
    auto l = load("@page { margin: 50pt } @page :first { margin-top: 120pt }");
    EXPECT_DOUBLE_EQ(l.style.page.margins.top_pt, 50);
    EXPECT_DOUBLE_EQ(l.style.page.first_margins.top_pt, 120);
    EXPECT_DOUBLE_EQ(l.style.page.first_margins.left_pt, 50);  // the rest comes from @page
    // Order does not matter: :first is more specific than @page.
    auto rev = load("@page :first { margin-top: 120pt } @page { margin: 50pt }");
    EXPECT_DOUBLE_EQ(rev.style.page.first_margins.top_pt, 120);
    auto none = load("@page { margin: 50pt }");
    EXPECT_DOUBLE_EQ(none.style.page.first_margins.top_pt, 50);
}

TEST(StylePage, MarginsThatLeaveNoRoomAreRefused) {
    auto l = load("@page {\n  margin: 300pt;\n}");
    EXPECT_DOUBLE_EQ(l.style.page.margins.left_pt, default_page_style().margins.left_pt);
    EXPECT_EQ(l.warnings(), 1u) << l.dump();
}

TEST(StylePage, OtherPageSelectorsAndPropertiesAreNoted) {
    auto l = load("@page :left { margin: 1pt }\n@page { font-size: 30pt; @top-center { content: 'x' } }");
    EXPECT_DOUBLE_EQ(l.style.page.margins.left_pt, default_page_style().margins.left_pt);
    EXPECT_TRUE(l.has(base::Severity::Note, 1, 1, ":left"));
    EXPECT_TRUE(l.has(base::Severity::Note, 2, 9, "font-size"));
    EXPECT_TRUE(l.has(base::Severity::Note, 2, 26, "@top-center"));
    EXPECT_DOUBLE_EQ(l.box("body").font_size_pt, 11);
}

// ----- custom properties for the running header and footer -----

TEST(StyleCustom, RunningHeaderAndPageNumbersOnPage) {
    auto l = load("@page { --folio-running-header: none; --folio-page-numbers: \"n\" }");
    EXPECT_FALSE(l.style.page.running_header);
    EXPECT_EQ(l.style.page.page_number_format, "n");
    auto on = load("@page { --folio-running-header: title; --folio-page-numbers: \"n / N\" }");
    EXPECT_TRUE(on.style.page.running_header);
    EXPECT_EQ(on.style.page.page_number_format, "n / N");
    auto off = load("@page { --folio-page-numbers: none }");
    EXPECT_TRUE(off.style.page.page_number_format.empty());
}

TEST(StyleCustom, OnBodyAndPageWinsOverBody) {
    auto body = load("body { --folio-running-header: none; --folio-page-numbers: \"n\" }");
    EXPECT_FALSE(body.style.page.running_header);
    EXPECT_EQ(body.style.page.page_number_format, "n");
    auto both = load("@page { --folio-page-numbers: none } body { --folio-page-numbers: \"n\" }");
    EXPECT_TRUE(both.style.page.page_number_format.empty());
}

TEST(StyleCustom, InvalidValuesAndOtherPlacesAreNoted) {
    auto l = load("@page {\n  --folio-page-numbers: \"page n\";\n  --folio-running-header: author;\n}\np { --folio-running-header: none }");
    EXPECT_EQ(l.style.page.page_number_format, "n / N");
    EXPECT_TRUE(l.style.page.running_header);
    EXPECT_TRUE(l.has(base::Severity::Note, 2, 3, "--folio-page-numbers"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 3, "--folio-running-header"));
    EXPECT_TRUE(l.has(base::Severity::Note, 5, 5, "body and @page"));
}

// ----- typography, one property at a time -----

TEST(StyleFont, FamilyListsQuotedAndUnquoted) {
    auto l = load("body { font-family: \"Linux Libertine\", Gentium Book Basic, serif }");
    const std::vector<std::string> expected{"Linux Libertine", "Gentium Book Basic", "DejaVu Serif"};
    EXPECT_EQ(l.box("body").font_family, expected);
    EXPECT_EQ(l.box("p").font_family, expected);  // inherited
}

TEST(StyleFont, GenericFamiliesMapToDejaVu) {
    auto l = load("p { font-family: sans-serif } pre { font-family: monospace } h1 { font-family: serif }");
    EXPECT_EQ(l.box("p").font_family, std::vector<std::string>{"DejaVu Sans"});
    EXPECT_EQ(l.box("pre").font_family, std::vector<std::string>{"DejaVu Sans Mono"});
    EXPECT_EQ(l.box("h1").font_family, std::vector<std::string>{"DejaVu Serif"});
    // A quoted generic name is a family called "serif", not the generic.
    auto q = load("p { font-family: 'serif' }");
    EXPECT_EQ(q.box("p").font_family, std::vector<std::string>{"serif"});
}

TEST(StyleFont, BadFamilyListIsNoted) {
    auto l = load("p {\n  font-family: 12pt, serif;\n}");
    EXPECT_EQ(l.box("p").font_family, BoxStyle{}.font_family);
    EXPECT_TRUE(l.has(base::Severity::Note, 2, 3, "font-family"));
}

TEST(StyleFont, SizeUnits) {
    auto l = load("body { font-size: 10pt } p { font-size: 16px } h1 { font-size: 2em } h2 { font-size: 150% } "
                  "h3 { font-size: 2rem } h4 { font-size: 5mm } h5 { font-size: larger } h6 { font-size: large }");
    EXPECT_DOUBLE_EQ(l.box("body").font_size_pt, 10);
    EXPECT_DOUBLE_EQ(l.box("p").font_size_pt, 12);
    EXPECT_DOUBLE_EQ(l.box("h1").font_size_pt, 20);  // relative to body
    EXPECT_DOUBLE_EQ(l.box("h2").font_size_pt, 15);
    EXPECT_DOUBLE_EQ(l.box("h3").font_size_pt, 22);  // rem: the 11 pt root size
    EXPECT_NEAR(l.box("h4").font_size_pt, 5 * mm_pt, 1e-9);
    EXPECT_DOUBLE_EQ(l.box("h5").font_size_pt, 12);
    EXPECT_DOUBLE_EQ(l.box("h6").font_size_pt, 11 * 1.2);
    EXPECT_DOUBLE_EQ(l.box("li").font_size_pt, 10);  // inherited
}

TEST(StyleFont, BodyEmIsRelativeToTheRootSize) {
    auto l = load("body { font-size: 1.5em }");
    EXPECT_DOUBLE_EQ(l.box("body").font_size_pt, 16.5);
    EXPECT_DOUBLE_EQ(l.box("h1").font_size_pt, 33);  // built-in h1 is 2em
}

TEST(StyleFont, NoBodySizeFallsBackToTheRootSize) {
    auto l = load("body { line-height: 1.6 }");
    EXPECT_DOUBLE_EQ(l.box("body").font_size_pt, 11);
}

TEST(StyleFont, NegativeAndHugeSizes) {
    auto l = load("p { font-size: -3pt } h1 { font-size: 5000pt }");
    EXPECT_DOUBLE_EQ(l.box("p").font_size_pt, 11);
    EXPECT_DOUBLE_EQ(l.box("h1").font_size_pt, 400);  // clamped to the largest usable size
    EXPECT_EQ(l.notes(), 1u) << l.dump();
}

TEST(StyleFont, LineHeightForms) {
    auto l = load("body { font-size: 10pt; line-height: 1.5 } p { line-height: 120% } h1 { line-height: 30pt } "
                  "h2 { line-height: normal } pre { line-height: 2em }");
    EXPECT_DOUBLE_EQ(l.box("body").line_height, 1.5);
    EXPECT_DOUBLE_EQ(l.box("li").line_height, 1.5);  // inherited as a multiple
    EXPECT_DOUBLE_EQ(l.box("p").line_height, 1.2);
    EXPECT_DOUBLE_EQ(l.box("h1").line_height, 30.0 / 20.0);  // h1 is 20 pt
    EXPECT_DOUBLE_EQ(l.box("h2").line_height, 1.2);
    EXPECT_DOUBLE_EQ(l.box("pre").line_height, 2);
}

TEST(StyleFont, Weight) {
    auto l = load("p { font-weight: bold } li { font-weight: 600 } td { font-weight: 500 } h1 { font-weight: normal } "
                  "h2 { font-weight: 300 } a { font-weight: bolder } th { font-weight: lighter } code { font-weight: 900 }");
    EXPECT_TRUE(l.box("p").bold);
    EXPECT_TRUE(l.box("li").bold);
    EXPECT_FALSE(l.box("td").bold);
    EXPECT_FALSE(l.box("h1").bold);
    EXPECT_FALSE(l.box("h2").bold);
    EXPECT_TRUE(l.box("a").bold);
    EXPECT_FALSE(l.box("th").bold);
    EXPECT_TRUE(l.box("code").bold);
    EXPECT_TRUE(l.box("h3").bold);  // built-in
}

TEST(StyleFont, Style) {
    auto l = load("blockquote { font-style: italic } p { font-style: oblique 10deg } body { font-style: italic } "
                  "h1 { font-style: normal }");
    EXPECT_TRUE(l.box("blockquote").italic);
    EXPECT_TRUE(l.box("p").italic);
    EXPECT_TRUE(l.box("li").italic);  // inherited from body
    EXPECT_FALSE(l.box("h1").italic);
}

TEST(StyleText, Align) {
    auto l = load("body { text-align: justify } p { text-align: left } h1 { text-align: center } "
                  "h2 { text-align: right } h3 { text-align: start } h4 { text-align: end }");
    EXPECT_EQ(l.box("body").align, TextAlign::Justify);
    EXPECT_EQ(l.box("li").align, TextAlign::Justify);
    EXPECT_EQ(l.box("p").align, TextAlign::Left);
    EXPECT_EQ(l.box("h1").align, TextAlign::Center);
    EXPECT_EQ(l.box("h2").align, TextAlign::Right);
    EXPECT_EQ(l.box("h3").align, TextAlign::Left);
    EXPECT_EQ(l.box("h4").align, TextAlign::Right);
    EXPECT_EQ(l.box("th").align, TextAlign::Center);  // built-in
}

TEST(StyleText, IndentUsesTheBoxFontSize) {
    auto l = load("body { font-size: 10pt } p { font-size: 12pt; text-indent: 1.5em } li { text-indent: -6pt }");
    EXPECT_DOUBLE_EQ(l.box("p").text_indent_pt, 18);
    EXPECT_DOUBLE_EQ(l.box("li").text_indent_pt, -6);
    EXPECT_DOUBLE_EQ(l.box("h1").text_indent_pt, 0);
}

TEST(StyleText, Hyphens) {
    auto l = load("body { hyphens: none } p { hyphens: auto } pre { hyphens: manual } td { -epub-hyphens: auto }");
    EXPECT_EQ(l.box("body").hyphens, Hyphens::None);
    EXPECT_EQ(l.box("li").hyphens, Hyphens::None);
    EXPECT_EQ(l.box("p").hyphens, Hyphens::Auto);
    EXPECT_EQ(l.box("pre").hyphens, Hyphens::Manual);
    EXPECT_EQ(l.box("td").hyphens, Hyphens::Auto);  // the EPUB prefix counts as the property
}

TEST(StyleText, Colors) {
    auto l = load("body { color: #333 } p { color: #1d4e89 } h1 { color: rgb(255, 0, 128) } "
                  "h2 { color: rgb(100% 50% 0%) } h3 { color: navy } h4 { color: rgba(0, 0, 255, 0.5) } "
                  "a { color: currentColor }");
    EXPECT_EQ(l.box("body").color, (Color{0.2, 0.2, 0.2}));
    EXPECT_EQ(l.box("li").color, (Color{0.2, 0.2, 0.2}));
    EXPECT_EQ(l.box("p").color, (Color{0x1d / 255.0, 0x4e / 255.0, 0x89 / 255.0}));
    EXPECT_EQ(l.box("h1").color, (Color{1, 0, 128 / 255.0}));
    EXPECT_EQ(l.box("h2").color, (Color{1, 0.5, 0}));
    EXPECT_EQ(l.box("h3").color, (Color{0, 0, 128 / 255.0}));
    EXPECT_EQ(l.box("h4").color, (Color{0, 0, 1}));
    EXPECT_EQ(l.box("a").color, (Color{0.2, 0.2, 0.2}));
}

TEST(StyleText, BadColorIsNoted) {
    auto l = load("p {\n  color: #12345;\n  color: hsl(0, 0%, 0%);\n}");
    EXPECT_EQ(l.box("p").color, Color{});
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 3, "'color'"));  // the later declaration wins and is unsupported
}

TEST(StyleBlock, WidowsAndOrphans) {
    auto l = load("body { widows: 3; orphans: 4 } pre { widows: 1 } p { orphans: 0 }");
    EXPECT_EQ(l.box("li").widows, 3);
    EXPECT_EQ(l.box("li").orphans, 4);
    EXPECT_EQ(l.box("pre").widows, 1);
    EXPECT_EQ(l.box("p").orphans, 4);  // 0 is not a valid count
    EXPECT_EQ(l.notes(), 1u) << l.dump();
}

TEST(StyleBlock, BreakBefore) {
    auto l = load("h1 { break-before: page } h2 { page-break-before: always } h3 { break-before: auto }");
    EXPECT_TRUE(l.box("h1").break_before);
    EXPECT_TRUE(l.box("title").break_before);  // h1's rules reach the title (an h1 in the EPUB)
    EXPECT_TRUE(l.box("h2").break_before);
    EXPECT_FALSE(l.box("h3").break_before);
    auto body = load("body { break-before: page }");
    EXPECT_FALSE(body.box("p").break_before);  // not inherited
}

TEST(StyleBlock, VerticalMarginsUseTheBoxFontSize) {
    auto l = load("body { font-size: 10pt } h2 { font-size: 20pt; margin-top: 1em; margin-bottom: 6pt } "
                  "p { margin-top: 0; margin-bottom: .5em }");
    EXPECT_DOUBLE_EQ(l.box("h2").margin_top_pt, 20);
    EXPECT_DOUBLE_EQ(l.box("h2").margin_bottom_pt, 6);
    EXPECT_DOUBLE_EQ(l.box("p").margin_top_pt, 0);
    EXPECT_DOUBLE_EQ(l.box("p").margin_bottom_pt, 5);
}

TEST(StyleBlock, MarginShorthandOnBlocks) {
    auto l = load("blockquote { margin: 6pt 20pt 8pt 30pt } li { margin: 0 0 0 1em } pre { margin: 4pt }");
    EXPECT_DOUBLE_EQ(l.box("blockquote").margin_top_pt, 6);
    EXPECT_DOUBLE_EQ(l.box("blockquote").margin_right_pt, 20);
    EXPECT_DOUBLE_EQ(l.box("blockquote").margin_bottom_pt, 8);
    EXPECT_DOUBLE_EQ(l.box("blockquote").margin_left_pt, 30);
    EXPECT_DOUBLE_EQ(l.box("li").margin_left_pt, 11);
    EXPECT_DOUBLE_EQ(l.box("pre").margin_left_pt, 4);
    EXPECT_DOUBLE_EQ(l.box("pre").margin_bottom_pt, 4);
}

TEST(StyleBlock, MarginLonghands) {
    auto l = load("blockquote { margin-left: 2em; margin-right: 10px } li { margin-left: auto }");
    EXPECT_DOUBLE_EQ(l.box("blockquote").margin_left_pt, 22);
    EXPECT_DOUBLE_EQ(l.box("blockquote").margin_right_pt, 7.5);
    EXPECT_DOUBLE_EQ(l.box("li").margin_left_pt, 0);
}

TEST(StyleBlock, MarginsAreNotInherited) {
    auto l = load("body { margin: 40pt }");
    EXPECT_DOUBLE_EQ(l.box("body").margin_left_pt, 40);
    EXPECT_DOUBLE_EQ(l.box("li").margin_left_pt, 0);
    EXPECT_DOUBLE_EQ(l.box("td").margin_top_pt, 0);
}

// ----- selectors and cascade -----

TEST(StyleCascade, EverySupportedSelectorReachesItsBox) {
    const char* boxes[] = {"body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                           "pre", "code", "li", "table", "th", "td", "a"};
    for (const char* b : boxes) {
        auto l = load(std::string(b) + " { font-size: 7pt }");
        EXPECT_DOUBLE_EQ(l.box(b).font_size_pt, 7) << b;
        EXPECT_EQ(l.notes(), 0u) << b << "\n" << l.dump();
    }
    const std::pair<const char*, const char*> classes[] = {
        {".title", "title"},           {".subtitle", "subtitle"},  {".byline", "byline"},
        {".running-header", "header"}, {".page-footer", "footer"}, {".footnote", "footnote"},
        {"h1.title", "title"},         {"aside.footnote", "footnote"}};
    for (const auto& [sel, box] : classes) {
        auto l = load(std::string(sel) + " { font-size: 7pt }");
        EXPECT_DOUBLE_EQ(l.box(box).font_size_pt, 7) << sel;
        EXPECT_DOUBLE_EQ(l.box("p").font_size_pt, 11) << sel;
    }
}

TEST(StyleCascade, ElementRulesReachTheClassBoxesWrittenOnThem) {
    auto l = load("p { color: red; margin-bottom: 3pt } h1 { font-size: 30pt }");
    EXPECT_EQ(l.box("subtitle").color, (Color{1, 0, 0}));
    EXPECT_EQ(l.box("byline").color, (Color{1, 0, 0}));
    EXPECT_DOUBLE_EQ(l.box("byline").margin_bottom_pt, 3);
    EXPECT_DOUBLE_EQ(l.box("title").font_size_pt, 30);
    EXPECT_EQ(l.box("footnote").color, Color{});  // an aside, not a p
}

TEST(StyleCascade, ClassBeatsElementWhateverTheOrder) {
    auto l = load(".title { font-size: 24pt } h1 { font-size: 30pt }");
    EXPECT_DOUBLE_EQ(l.box("title").font_size_pt, 24);
    EXPECT_DOUBLE_EQ(l.box("h1").font_size_pt, 30);
    auto typed = load("h1.title { color: red } .title { color: blue }");
    EXPECT_EQ(typed.box("title").color, (Color{1, 0, 0}));  // (0,1,1) > (0,1,0)
}

TEST(StyleCascade, LaterRuleWinsAtEqualSpecificity) {
    auto l = load("p { color: red } p { color: blue }");
    EXPECT_EQ(l.box("p").color, (Color{0, 0, 1}));
}

TEST(StyleCascade, ImportantWins) {
    auto l = load("p { color: red !important } p { color: blue }");
    EXPECT_EQ(l.box("p").color, (Color{1, 0, 0}));
    auto spec = load(".subtitle { color: blue } p { color: red !important }");
    EXPECT_EQ(spec.box("subtitle").color, (Color{1, 0, 0}));
}

TEST(StyleCascade, SelectorListsApplyToEachBox) {
    auto l = load("h1, h2 , blockquote { color: red }");
    EXPECT_EQ(l.box("h1").color, (Color{1, 0, 0}));
    EXPECT_EQ(l.box("h2").color, (Color{1, 0, 0}));
    EXPECT_EQ(l.box("blockquote").color, (Color{1, 0, 0}));
    EXPECT_EQ(l.box("h3").color, Color{});
}

TEST(StyleCascade, InheritanceFromBody) {
    auto l = load("body { font-family: sans-serif; font-size: 9pt; line-height: 1.7; font-weight: bold; "
                  "font-style: italic; text-align: center; hyphens: none; color: #fff; "
                  "margin-top: 9pt; break-before: page }");
    for (const char* b : {"p", "li", "td", "title", "footer", "footnote"}) {
        const BoxStyle& s = l.box(b);
        EXPECT_EQ(s.font_family, std::vector<std::string>{"DejaVu Sans"}) << b;
        EXPECT_DOUBLE_EQ(s.font_size_pt, b == std::string("title") ? 18 : 9) << b;
        EXPECT_DOUBLE_EQ(s.line_height, 1.7) << b;
        EXPECT_TRUE(s.bold) << b;
        EXPECT_TRUE(s.italic) << b;
        EXPECT_EQ(s.align, TextAlign::Center) << b;
        EXPECT_EQ(s.hyphens, Hyphens::None) << b;
        EXPECT_EQ(s.color, (Color{1, 1, 1})) << b;
        EXPECT_FALSE(s.break_before) << b;
        EXPECT_DOUBLE_EQ(s.margin_top_pt, std::string(b) == "p" ? 9 : std::string(b) == "title" ? 0.67 * 18 : 0) << b;
    }
}

TEST(StyleCascade, InheritInitialAndUnsetKeywords) {
    auto l = load("body { color: red; font-size: 14pt } p { color: blue } p { color: inherit } "
                  "li { font-size: initial } h1 { margin-top: inherit } body { margin-top: 5pt } "
                  "h2 { font-weight: unset }");
    EXPECT_EQ(l.box("p").color, (Color{1, 0, 0}));
    EXPECT_DOUBLE_EQ(l.box("li").font_size_pt, 11);
    EXPECT_DOUBLE_EQ(l.box("h1").margin_top_pt, 5);
    EXPECT_FALSE(l.box("h2").bold);  // inherits body's normal weight instead of the built-in bold
}

TEST(StyleCascade, BuiltInDefaultsMirrorTheBrowser) {
    const PageStyle d = default_page_style();
    EXPECT_DOUBLE_EQ(d.box("h1").font_size_pt, 22);
    EXPECT_TRUE(d.box("h1").bold);
    EXPECT_DOUBLE_EQ(d.box("h2").font_size_pt, 16.5);
    EXPECT_DOUBLE_EQ(d.box("p").margin_top_pt, 11);
    EXPECT_DOUBLE_EQ(d.box("p").margin_bottom_pt, 11);
    EXPECT_EQ(d.box("pre").font_family, std::vector<std::string>{"DejaVu Sans Mono"});
    EXPECT_EQ(d.box("code").font_family, std::vector<std::string>{"DejaVu Sans Mono"});
    EXPECT_GT(d.box("blockquote").margin_left_pt, 0);
    EXPECT_TRUE(d.box("title").bold);
    for (const char* b : {"body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "li", "table",
                          "th", "td", "a", "title", "subtitle", "byline", "header", "footer", "footnote"})
        EXPECT_TRUE(d.boxes.count(b)) << b;
    EXPECT_DOUBLE_EQ(d.first_margins.top_pt, d.margins.top_pt);
}

// ----- diagnostics -----

TEST(StyleDiagnostics, IgnoredSelectorsAreNotesWithPositions) {
    auto l = load("p { color: red }\nsection.titlepage h1,\n  div, p:first-child, #toc, .unknown, h1 > p, [lang] {\n  color: red;\n}\n");
    EXPECT_EQ(l.warnings(), 0u) << l.dump();
    EXPECT_TRUE(l.has(base::Severity::Note, 2, 1, "'section.titlepage h1'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 3, "'div'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 8, "'p:first-child'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 23, "'#toc'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 29, "'.unknown'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 39, "'h1 > p'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 47, "'[lang]'"));
    EXPECT_EQ(l.box("h1").color, Color{});
}

TEST(StyleDiagnostics, UnknownPropertiesAreNotes) {
    auto l = load("p {\n  color: red;\n  border: 1px solid;\n  --my-var: 3;\n}\n@media print { p { color: blue } }");
    EXPECT_EQ(l.warnings(), 0u) << l.dump();
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 3, "'border'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 4, 3, "'--my-var'"));
    EXPECT_TRUE(l.has(base::Severity::Note, 6, 1, "@media"));
    EXPECT_EQ(l.box("p").color, (Color{1, 0, 0}));
}

TEST(StyleDiagnostics, OneNotePerDeclarationWhateverTheSelectorCount) {
    auto l = load("h1, h2, h3 { border: 0; color: red }");
    EXPECT_EQ(l.notes(), 1u) << l.dump();
    EXPECT_TRUE(l.has(base::Severity::Note, 1, 14, "'border'"));
}

TEST(StyleDiagnostics, RulesOnlyForTheEpubAreNotCheckedPropertyByProperty) {
    auto l = load("figure img { max-width: 100%; border: 0 }\n@charset \"UTF-8\";\np { color: red }");
    EXPECT_EQ(l.notes(), 1u) << l.dump();  // the selector, not its two properties
    EXPECT_TRUE(l.has(base::Severity::Note, 1, 1, "'figure img'"));
    EXPECT_EQ(l.warnings(), 0u);
}

TEST(StyleDiagnostics, EmptySelectorAndEmptyValueAreWarnings) {
    auto l = load("p, { color: red }\nh1 { color: ; font-style: italic }");
    EXPECT_TRUE(l.has(base::Severity::Warning, 1, 1, "empty selector"));
    EXPECT_TRUE(l.has(base::Severity::Warning, 2, 6, "no value"));
    EXPECT_EQ(l.box("p").color, (Color{1, 0, 0}));
    EXPECT_TRUE(l.box("h1").italic);
}

TEST(StyleDiagnostics, SyntaxErrorsAreWarningsWithFileLineColumn) {
    const std::string css = "p {\n  color red;\n  font-size: 12pt;\n}\nh1 { font-style: italic; content: \"open\n}\n";
    base::Diagnostics diag;
    const fs::path path = write_css(css);
    Style s = load_style(path.string(), diag);
    EXPECT_DOUBLE_EQ(s.page.box("p").font_size_pt, 12);  // recovered after the bad declaration
    EXPECT_TRUE(s.page.box("h1").italic);
    std::vector<std::string> warnings;
    for (const auto& d : diag.items())
        if (d.severity == base::Severity::Warning) warnings.push_back(base::format(d));
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0], "folio: warning: " + path.string() + ":2:3: expected ':' after property name 'color'; declaration dropped");
    EXPECT_EQ(warnings[1], "folio: warning: " + path.string() + ":5:35: newline in string");
}

TEST(StyleDiagnostics, DiagnosticsComeInFileOrder) {
    auto l = load("p { a: b }\nq { }\np { color: red; x y }\n");
    std::uint32_t last = 0;
    for (const auto& d : l.diag.items()) {
        EXPECT_GE(d.line, last);
        last = d.line;
    }
    EXPECT_EQ(l.warnings(), 1u) << l.dump();
    EXPECT_EQ(l.notes(), 2u) << l.dump();
}

TEST(StyleDiagnostics, ImportIsAWarningBecauseTheEpubWouldMissTheFile) {
    auto l = load("@import url(other.css);\np { color: red }");
    EXPECT_TRUE(l.has(base::Severity::Warning, 1, 1, "@import"));
}

TEST(StyleDiagnostics, FontFaceWithAFileIsAWarningWithoutANote) {
    auto l = load("@font-face { font-family: A; src: url(a.woff2) }\n"
                  "@font-face { font-family: B; src: url('b.ttf') format('truetype') }\n"
                  "@font-face { font-family: C; src: local(C) }\np { color: red }");
    EXPECT_TRUE(l.has(base::Severity::Warning, 1, 1, "@font-face"));
    EXPECT_TRUE(l.has(base::Severity::Warning, 2, 1, "@font-face"));
    EXPECT_TRUE(l.has(base::Severity::Note, 3, 1, "@font-face"));
    EXPECT_EQ(l.warnings(), 2u) << l.dump();
}

TEST(StyleDiagnostics, InvalidUtf8IsReplacedAndWarned) {
    auto l = load("/* caf\xE9 */ p { color: red }");
    EXPECT_EQ(l.warnings(), 1u);
    EXPECT_EQ(l.style.css.find('\xE9'), std::string::npos);
    EXPECT_EQ(l.box("p").color, (Color{1, 0, 0}));
}

// ----- failures -----

TEST(StyleErrors, UnreadableFileThrowsStyleError) {
    base::Diagnostics diag;
    try {
        load_style((fs::path(::testing::TempDir()) / "folio-no-such-style.css").string(), diag);
        FAIL() << "expected an exception";
    } catch (const base::Error& e) {
        EXPECT_EQ(e.code(), base::ErrorCode::Style);
    }
}

TEST(StyleErrors, UnknownNamedStyleThrows) {
    base::Diagnostics diag;
    try {
        load_style("no-such-style-name", diag);
        FAIL() << "expected an exception";
    } catch (const base::Error& e) {
        EXPECT_EQ(e.code(), base::ErrorCode::Style);
        EXPECT_NE(std::string(e.what()).find("--list-styles"), std::string::npos);
    }
}

TEST(StyleErrors, FileWithoutUsableRulesThrows) {
    for (const char* css : {"", "/* only a comment */", "p { }", "this is not css", "\x89PNG\r\n\x1a\n\x01\x02"}) {
        base::Diagnostics diag;
        try {
            load_style(write_css(css).string(), diag);
            ADD_FAILURE() << "expected an exception for: " << css;
        } catch (const base::Error& e) {
            EXPECT_EQ(e.code(), base::ErrorCode::Style);
        }
    }
}

TEST(StyleErrors, FileOverTheSizeLimitThrows) {
    std::string css = "p { color: red }\n";
    css += std::string((1 << 20) + 1 - css.size(), ' ');
    base::Diagnostics diag;
    try {
        load_style(write_css(css).string(), diag);
        FAIL() << "expected an exception";
    } catch (const base::Error& e) {
        EXPECT_EQ(e.code(), base::ErrorCode::Style);
        EXPECT_NE(std::string(e.what()).find("KiB"), std::string::npos);
    }
}

TEST(StyleErrors, DeeplyNestedFileStillLoads) {
    auto l = load(std::string(500, '{') + std::string(500, '}') + "\np { color: red }");
    EXPECT_EQ(l.box("p").color, (Color{1, 0, 0}));
    EXPECT_GE(l.warnings(), 1u);
}

TEST(StyleText, ToTextShowsEveryResolvedValue) {
    auto l = load("@page { size: 500pt 700pt; margin: 40pt 30.5pt; --folio-page-numbers: none }\n"
                  "@page :first { margin-top: 80pt }\n"
                  "body { --folio-hyphen-penalty: 300; --folio-last-word-demerits: 2e5; --folio-hyphen-limit: 1 }\n"
                  "h2 { font-family: 'A B', serif; font-size: 13pt; line-height: 1.25; font-style: italic; "
                  "text-align: center; text-indent: 1pt; margin: 2pt 3pt 4pt 5pt; hyphens: none; color: #102030; "
                  "widows: 3; orphans: 4; break-before: page }");
    const std::string text = to_text(l.style.page);
    EXPECT_NE(text.find("page 500 x 700 pt; margins 40 30.5 40 30.5; first 80 30.5 40 30.5\n"), std::string::npos) << text;
    EXPECT_NE(text.find("running-header title; page-numbers none\n"), std::string::npos) << text;
    EXPECT_NE(text.find("box h2: family \"A B\", \"DejaVu Serif\"; size 13; line-height 1.25; bold; italic; align center; "
                        "indent 1; margin 2 3 4 5; hyphens none; color #102030; widows 3; orphans 4; break-before page\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("breaks: hyphen-penalty 300; name-hyphen-penalty 3000; double-hyphen-demerits 10000; "
                        "final-hyphen-demerits 100000; last-word-demerits 200000; hyphen-limit 1\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("columns 1; gap 18\n"), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4 + 22);
}

TEST(StyleColumns, ColumnsAndGapAreRead) {
    auto l = load("@page { --folio-columns: 2; --folio-column-gap: 6mm }");
    EXPECT_EQ(l.style.page.columns, 2);
    EXPECT_NEAR(l.style.page.column_gap_pt, 6 / 25.4 * 72, 1e-6);
    auto bad = load("@page { --folio-columns: 7; --folio-column-gap: red }");
    EXPECT_EQ(bad.style.page.columns, 1);
    EXPECT_GE(bad.notes(), 2u);
}

TEST(StyleBreaks, CostPropertiesAreCheckedNumbers) {
    auto l = load("body { --folio-hyphen-penalty: 500; --folio-name-hyphen-penalty: -3; --folio-final-hyphen-demerits: big;"
                  " --folio-hyphen-limit: 1.5 }\n@page { --folio-double-hyphen-demerits: 20000 }");
    const BreakCosts& k = l.style.page.breaks;
    EXPECT_DOUBLE_EQ(k.hyphen_penalty, 500);
    EXPECT_DOUBLE_EQ(k.double_hyphen_demerits, 20000);
    // Out of range, not a number, not whole: noted and left at the default.
    EXPECT_DOUBLE_EQ(k.name_hyphen_penalty, BreakCosts{}.name_hyphen_penalty);
    EXPECT_DOUBLE_EQ(k.final_hyphen_demerits, BreakCosts{}.final_hyphen_demerits);
    EXPECT_EQ(k.hyphen_limit, BreakCosts{}.hyphen_limit);
    EXPECT_GE(l.notes(), 3u);
}

// ----- the shipped styles -----

class ShippedStyle : public ::testing::TestWithParam<const char*> {};

TEST_P(ShippedStyle, LoadsWithoutWarningsAndHasADescription) {
    base::Diagnostics diag;
    Style s = load_style(GetParam(), diag);
    EXPECT_EQ(diag.count(base::Severity::Warning), 0u);
    EXPECT_EQ(diag.count(base::Severity::Error), 0u);
    for (const auto& d : diag.items())
        if (d.severity != base::Severity::Note) ADD_FAILURE() << base::format(d);
    EXPECT_EQ(s.name, GetParam());
    EXPECT_FALSE(s.description.empty());
    EXPECT_EQ(s.description.find("*/"), std::string::npos);
    EXPECT_FALSE(s.css.empty());
    EXPECT_EQ(s.path.filename(), std::string(GetParam()) + ".css");
}

INSTANTIATE_TEST_SUITE_P(All, ShippedStyle, ::testing::Values("handout", "reader", "compact"));

TEST(ShippedStyles, ListedWithDescriptions) {
    const auto list = list_styles();
    std::vector<std::string> names;
    for (const auto& [name, description] : list) {
        names.push_back(name);
        EXPECT_FALSE(description.empty()) << name;
    }
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    for (const char* n : {"compact", "handout", "reader"})
        EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
}

TEST(ShippedStyles, HandoutIsTheDocumentedPdfDefault) {
    base::Diagnostics diag;
    const Style s = load_style("handout", diag);
    const PageStyle& p = s.page;
    EXPECT_NEAR(p.width_pt, 595.276, 0.01);
    EXPECT_NEAR(p.height_pt, 841.89, 0.01);
    EXPECT_DOUBLE_EQ(p.box("body").font_size_pt, 11.5);
    EXPECT_EQ(p.box("body").font_family.at(0), "Gentium Book Plus");
    // Headings belong to the body's family; the measure is about 72 characters (125 mm).
    EXPECT_EQ(p.box("h2").font_family.at(0), "Gentium Book Plus");
    EXPECT_NEAR(p.width_pt - p.margins.left_pt - p.margins.right_pt, 125 / 25.4 * 72, 0.5);
    EXPECT_GE(p.breaks.hyphen_penalty, 300);
    EXPECT_GT(p.breaks.last_word_demerits, 0);
    EXPECT_EQ(p.box("p").align, TextAlign::Justify);
    EXPECT_EQ(p.box("p").hyphens, Hyphens::Auto);
    EXPECT_TRUE(p.running_header);
    EXPECT_EQ(p.page_number_format, "n / N");
    EXPECT_GT(p.box("title").font_size_pt, p.box("h1").font_size_pt);
    EXPECT_GT(p.first_margins.top_pt, p.margins.top_pt);
    EXPECT_EQ(p.box("pre").hyphens, Hyphens::None);
    EXPECT_LT(p.box("header").font_size_pt, p.box("body").font_size_pt);
}

TEST(ShippedStyles, ReaderLeavesTheSizeToTheReadingSystem) {
    base::Diagnostics diag;
    const Style s = load_style("reader", diag);
    EXPECT_DOUBLE_EQ(s.page.box("body").font_size_pt, 11);  // the PDF's fallback
    EXPECT_EQ(s.page.box("p").align, TextAlign::Left);
    EXPECT_GE(s.page.box("body").line_height, 1.5);
    // No font-size in the body rule: find the rule and check it.
    const auto body = s.css.find("\nbody {");
    ASSERT_NE(body, std::string::npos);
    const auto end = s.css.find('}', body);
    EXPECT_EQ(s.css.substr(body, end - body).find("font-size"), std::string::npos);
}

TEST(ShippedStyles, CompactIsSmallerAndTighterThanHandout) {
    base::Diagnostics diag;
    const Style h = load_style("handout", diag);
    const Style c = load_style("compact", diag);
    EXPECT_LT(c.page.box("body").font_size_pt, h.page.box("body").font_size_pt);
    EXPECT_LT(c.page.margins.left_pt, h.page.margins.left_pt);
    EXPECT_LT(c.page.margins.top_pt, h.page.margins.top_pt);
    EXPECT_LT(c.page.box("p").margin_bottom_pt, h.page.box("p").margin_bottom_pt);
}

}  // namespace
}  // namespace folio::style
