// Layout against a fake canvas: fixed-width metrics, then checks on the laid-out pages and the
// trace — no line past the measure, headings kept with what follows, widows and orphans, lists
// and quotations indented, page furniture, paper sizes.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/utf8.hpp"
#include "layout/hyphenate.hpp"
#include "layout/layout.hpp"
#include "layout/paragraph.hpp"

using namespace folio;
using layout::Face;

namespace {

/// Every character is half an em wide (bold a little wider); U+E000 has no glyph.
class FakeMetrics final : public layout::FontMetrics {
public:
    double text_width(Face f, std::string_view s, double size) const override {
        const double per = (f == Face::Bold || f == Face::DisplayBold) ? 0.55 : 0.5;
        return static_cast<double>(base::utf8::length(s)) * per * size;
    }
    double ascent(Face, double size) const override { return 0.8 * size; }
    double descent(Face, double size) const override { return 0.2 * size; }
    bool has_glyph(Face, char32_t c) const override { return c != 0xE000 && c < 0x10000; }
};

model::Inline text(std::string s) { return model::Inline{model::Text{std::move(s)}, {1, 1}}; }
model::Block para(std::string s) { return model::Block{model::Paragraph{{text(std::move(s))}}, {1, 1}}; }
model::Block heading(int level, std::string s) { return model::Block{model::Heading{level, {text(std::move(s))}, {}}, {1, 1}}; }

std::string words(const std::string& w, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + w;
    return s;
}

layout::LaidOut lay(const model::Document& d, base::Diagnostics& diag, const std::string& paper = "") {
    static const FakeMetrics m;
    layout::LayoutOptions o;
    o.paper = paper;
    o.trace = true;
    return layout::layout_document(d, style::default_page_style(), o, m, nullptr, diag);
}

/// The trace as pages of lines.
std::vector<std::vector<std::string>> pages_of(const std::string& trace) {
    std::vector<std::vector<std::string>> pages;
    std::istringstream in(trace);
    for (std::string l; std::getline(in, l);) {
        if (l.starts_with("=== page")) pages.emplace_back();
        else if (!pages.empty()) pages.back().push_back(l);
    }
    return pages;
}

}  // namespace

TEST(Layout, AHugeTitleIsShortenedForTheRunningHeaderInOnePass) {
    // A title may be a page of text read as one line (a web page given as an article): the
    // running header takes the longest prefix that fits, found by bisection and once for all
    // pages. Dropping one character at a time measured the title again for each (77 s).
    class CountingMetrics final : public layout::FontMetrics {
    public:
        mutable std::size_t measured = 0;
        double text_width(Face f, std::string_view s, double size) const override {
            measured += s.size();
            return inner.text_width(f, s, size);
        }
        double ascent(Face f, double size) const override { return inner.ascent(f, size); }
        double descent(Face f, double size) const override { return inner.descent(f, size); }
        bool has_glyph(Face f, char32_t c) const override { return inner.has_glyph(f, c); }
        FakeMetrics inner;
    };
    model::Document d;
    d.meta.title = words("titleword", 2000);  // 20,000 characters
    for (int i = 0; i < 40; ++i) d.blocks.push_back(para(words("body", 200)));
    layout::LayoutOptions o;
    const CountingMetrics m;
    base::Diagnostics diag;
    const auto lo = layout::layout_document(d, style::default_page_style(), o, m, nullptr, diag);
    ASSERT_GT(lo.pages.size(), 3u);
    bool header = false;
    for (const auto& item : lo.pages[2].items)
        if (const auto* r = std::get_if<layout::TextRun>(&item); r && r->text.starts_with("titleword") && r->text.ends_with("…")) {
            header = true;
            EXPECT_LT(r->text.size(), 200u);
        }
    EXPECT_TRUE(header);
    // Laying out the title block and the body measures each character a few times; the header
    // adds about twenty measurements of the title, not one per character per page.
    EXPECT_LT(m.measured, 100 * d.meta.title.size() + 2000000) << m.measured;
}

TEST(Layout, NoTextPastTheMeasure) {
    model::Document d;
    d.meta.title = "Measure";
    std::string mixed;
    for (int i = 0; i < 200; ++i) mixed += "word" + std::to_string(i) + (i % 7 ? " " : " averyveryverylongwordindeed ");
    d.blocks.push_back(para(mixed));
    d.blocks.push_back(para(std::string(300, 'x')));  // longer than a line: cut with a warning
    base::Diagnostics diag;
    const auto lo = lay(d, diag);
    const auto& ps = style::default_page_style();
    const double right = lo.width_pt - ps.margins.right_pt;
    FakeMetrics m;
    int runs = 0;
    for (const auto& p : lo.pages)
        for (const auto& item : p.items)
            if (const auto* t = std::get_if<layout::TextRun>(&item)) {
                ++runs;
                EXPECT_GE(t->x_pt, ps.margins.left_pt - 0.01) << t->text;
                EXPECT_LE(t->x_pt + m.text_width(t->face, t->text, t->size_pt) * t->hscale, right + 0.01) << t->text;
            }
    EXPECT_GT(runs, 200);
    bool warned = false;
    for (const auto& x : diag.items()) warned |= x.message.find("longer than the line") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(Layout, HeadingsAreKeptWithTheNextBlockAndWidowsOrphansHold) {
    model::Document d;
    d.meta.title = "Pagination";
    // Paragraphs of 1..9 lines (each word names its paragraph) and headings in between, enough
    // for many page breaks at many different positions.
    for (int i = 0; i < 120; ++i) {
        const std::string n = std::to_string(i);
        if (i % 5 == 0) d.blocks.push_back(heading(2, std::string("Heading").append(n)));
        d.blocks.push_back(para(words(std::string("p").append(n), 13 * (1 + i % 9))));
    }
    base::Diagnostics diag;
    const auto lo = lay(d, diag);
    const auto pages = pages_of(lo.trace);
    ASSERT_GT(pages.size(), 5u);
    auto tag = [](const std::string& line) {
        std::istringstream in(line);
        std::string w;
        in >> w;
        if (w.starts_with("¶")) in >> w;  // the role that opens a block of lines
        return w;
    };
    for (std::size_t p = 0; p + 1 < pages.size(); ++p) {
        ASSERT_FALSE(pages[p].empty());
        const std::string last = tag(pages[p].back()), first = tag(pages[p + 1].front());
        EXPECT_FALSE(last.starts_with("Heading")) << "page " << p + 1 << " ends with a heading";
        if (last == first) {  // a paragraph continues on the next page
            int before = 0, after = 0;
            for (auto it = pages[p].rbegin(); it != pages[p].rend() && tag(*it) == last; ++it) ++before;
            for (const auto& l : pages[p + 1]) { if (tag(l) != first) break; ++after; }
            EXPECT_GE(before, 2) << "orphan at the end of page " << p + 1;
            EXPECT_GE(after, 2) << "widow at the top of page " << p + 2;
        }
    }
    // Footer on every page, running header from page 2.
    const std::string total = std::to_string(lo.pages.size());
    for (std::size_t p = 0; p < lo.pages.size(); ++p) {
        bool footer = false, header = false;
        for (const auto& item : lo.pages[p].items)
            if (const auto* t = std::get_if<layout::TextRun>(&item)) {
                footer |= t->text == std::to_string(p + 1) + " / " + total;
                header |= t->text == "Pagination" && t->y_pt > lo.height_pt - style::default_page_style().margins.top_pt;
            }
        EXPECT_TRUE(footer) << "page " << p + 1;
        EXPECT_EQ(header, p > 0) << "page " << p + 1;
    }
    // One outline entry per heading, in order.
    EXPECT_EQ(lo.outline.size(), 24u);
}

TEST(Layout, ListsAndQuotationsAreIndented) {
    model::Document d;
    model::BulletList bl;
    bl.items.push_back({{para(words("item", 40))}, std::nullopt});
    d.blocks.push_back(model::Block{bl, {}});
    d.blocks.push_back(model::Block{model::BlockQuote{{para(words("quoted", 40))}}, {}});
    base::Diagnostics diag;
    const auto lo = lay(d, diag);
    const double left = style::default_page_style().margins.left_pt;
    double bullet_x = -1, item_x = 1e9, quote_x = 1e9;
    for (const auto& item : lo.pages.at(0).items)
        if (const auto* t = std::get_if<layout::TextRun>(&item)) {
            if (t->text == "•") bullet_x = t->x_pt;
            if (t->text.starts_with("item")) item_x = std::min(item_x, t->x_pt);
            if (t->text.starts_with("quoted")) quote_x = std::min(quote_x, t->x_pt);
        }
    EXPECT_GE(bullet_x, left);
    EXPECT_GT(item_x, bullet_x);                 // hanging indent: every line of the item
    EXPECT_GT(quote_x, left + 10);
}

TEST(Layout, CodeWrapsWithAContinuationMark) {
    model::Document d;
    d.blocks.push_back(model::Block{model::CodeBlock{"", std::string(200, 'c') + "\nshort"}, {}});
    base::Diagnostics diag;
    const auto lo = lay(d, diag);
    EXPECT_NE(lo.trace.find("code + "), std::string::npos);
    int marks = 0;
    for (const auto& item : lo.pages.at(0).items)
        if (const auto* t = std::get_if<layout::TextRun>(&item)) {
            if (t->text == "↪") ++marks;
            if ((t->text.starts_with("c") || t->text == "short") && t->face != Face::Mono)
                ADD_FAILURE() << "code not in the monospace face";
        }
    EXPECT_GE(marks, 1);
}

TEST(Layout, PaperSizes) {
    model::Document d;
    d.blocks.push_back(para("x"));
    base::Diagnostics diag;
    EXPECT_NEAR(lay(d, diag).width_pt, 595.276, 0.01);
    EXPECT_NEAR(lay(d, diag, "letter").height_pt, 792, 0.01);
    EXPECT_NEAR(lay(d, diag, "A5").width_pt, 419.528, 0.01);
    EXPECT_THROW(lay(d, diag, "legal-ish"), base::Error);
}

TEST(Layout, ParagraphLinesFitAndLastLineIsRagged) {
    FakeMetrics m;
    std::vector<layout::Span> spans{layout::Span{words("alpha beta gamma delta", 30), Face::Regular, 10, 0, {}, {}, false, false, {}}};
    layout::ParagraphStyle ps;
    ps.width_pt = 300;
    base::Diagnostics diag;
    const auto lines = layout::set_paragraph(spans, ps, m, nullptr, false, diag);
    ASSERT_GT(lines.size(), 3u);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        const auto& f = lines[i].fragments.back();
        EXPECT_NEAR(f.x_pt + f.width_pt, 300, 0.01) << "justified line " << i;
    }
    const auto& last = lines.back().fragments.back();
    EXPECT_LT(last.x_pt + last.width_pt, 300);
    EXPECT_DOUBLE_EQ(lines.back().ratio, 0);
}

TEST(Layout, NoBreakAfterAnAuthorsHyphen) {
    // Text extraction joins a line ending in '-' with the next and drops the '-': breaking
    // "deux-points" there would lose the hyphen in every copy-paste.
    FakeMetrics m;
    std::vector<layout::Span> spans{layout::Span{words("les deux-points et auto-immunes", 20) + " https://exemple.fr/un-chemin-long/page",
                                                 Face::Regular, 10, 0, {}, {}, false, false, {}}};
    for (double width : {90.0, 120.0, 150.0, 200.0}) {
        layout::ParagraphStyle ps;
        ps.width_pt = width;
        ps.lang = "fr";
        base::Diagnostics diag;
        for (const auto& l : layout::set_paragraph(spans, ps, m, nullptr, false, diag))
            EXPECT_FALSE(l.words.ends_with("-") && !l.hyphen) << "width " << width << ": " << l.words;
    }
}

TEST(Layout, DocumentsBeyondTheWordLimitAreRefused) {
    model::Document d;
    const std::string words_1000 = words("w", 1000);
    for (int i = 0; i < 2001; ++i) d.blocks.push_back(para(words_1000));  // 2,001,000 words
    base::Diagnostics diag;
    try {
        (void)lay(d, diag);
        ADD_FAILURE() << "a document over the limit was laid out";
    } catch (const base::Error& e) {
        EXPECT_EQ(e.code(), base::ErrorCode::Input);
        EXPECT_NE(std::string(e.what()).find("too long"), std::string::npos);
    }
}

namespace {

layout::Span span_of(std::string s, double size = 10) {
    return layout::Span{std::move(s), Face::Regular, size, 0, {}, {}, false, false, {}};
}

std::vector<layout::Line> set(const std::string& text, double width, const std::string& lang,
                              const layout::Hyphenator* h, bool balance = false, style::TextAlign align = style::TextAlign::Justify) {
    static const FakeMetrics m;
    layout::ParagraphStyle ps;
    ps.width_pt = width;
    ps.lang = lang;
    ps.balance = balance;
    ps.align = align;
    base::Diagnostics diag;
    return layout::set_paragraph({span_of(text)}, ps, m, h, false, diag);
}

const layout::Hyphenator& hyphenator() {
    static const layout::Hyphenator h;
    return h;
}

}  // namespace

TEST(LineBreaking, CompoundsBreakOnlyAtTheirOwnHyphen) {
    // "Informations-Technologie" may break after its hyphen, never inside either half.
    for (double width : {60.0, 80.0, 100.0, 130.0, 170.0}) {
        for (const auto& l : set(words("die Informations-Technologie und Kommunikationstechnik", 6), width, "de", &hyphenator())) {
            EXPECT_EQ(l.words.find("Informations-Techno-"), std::string::npos) << width << ": " << l.words;
            EXPECT_FALSE(l.hyphen && l.words.ends_with("Informa-")) << width << ": " << l.words;
        }
    }
}

TEST(LineBreaking, NamesAndAcronymsAreHyphenatedOnlyWithoutAnotherChoice) {
    // English capitalises names only: "Microsoft" and "Netscape" stay whole while ordinary
    // words can take the hyphens; acronyms are never split.
    std::size_t name_breaks = 0, hyphens = 0;
    // Measures of 50 to 90 characters, as in print.
    for (double width = 250; width <= 450; width += 10) {
        for (const auto& l : set(words("Netscape and Microsoft competed over UNESCO documentation interoperability", 5), width,
                                 "en", &hyphenator())) {
            hyphens += l.hyphen;
            if (l.hyphen && (l.words.ends_with("Net-") || l.words.ends_with("Micro-") || l.words.ends_with("UN-") ||
                             l.words.ends_with("UNE-") || l.words.ends_with("UNES-")))
                ++name_breaks;
        }
    }
    EXPECT_GT(hyphens, 0u);
    EXPECT_EQ(name_breaks, 0u);
    // In German every noun is capitalised: a capital says nothing, and nouns hyphenate.
    std::size_t noun_breaks = 0;
    for (double width : {100.0, 120.0, 140.0})
        for (const auto& l : set(words("Die Kommunikationstechnik verändert Verwaltungsvorschriften", 5), width, "de", &hyphenator()))
            noun_breaks += l.hyphen;
    EXPECT_GT(noun_breaks, 0u);
}

TEST(LineBreaking, TheLastWordIsNeverHyphenatedAndRarelyAlone) {
    std::size_t paragraphs = 0, lone = 0, final_hyphens = 0;
    for (double width = 250; width <= 450; width += 5) {
        const auto lines = set(words("Les anticorps neutralisants et, plus récemment, des vaccins et des thérapies antivirales.", 3),
                               width, "fr", &hyphenator());
        ASSERT_GE(lines.size(), 2u);
        ++paragraphs;
        const bool hyphen_before_last = lines[lines.size() - 2].hyphen;
        final_hyphens += hyphen_before_last;
        // Never "antivi-" / "rales.": the last line is never a fragment of the last word.
        if (hyphen_before_last) {
            EXPECT_NE(lines.back().words.find(' '), std::string::npos) << width;
        }
        lone += lines.back().words.find(' ') == std::string::npos;
    }
    // A hyphen before the last line, or a last line of one word, only where every other choice
    // is far looser.
    EXPECT_LE(final_hyphens * 10, paragraphs) << final_hyphens << " of " << paragraphs;
    EXPECT_LE(lone * 10, paragraphs) << lone << " of " << paragraphs;
}

TEST(LineBreaking, TitlesAreBalanced) {
    const std::string title = "Die Stadt veröffentlicht am 28. Februar ihren Bericht über die Energiewende";
    for (double width = 150; width <= 400; width += 10) {
        const auto lines = set(title, width, "de", nullptr, true, style::TextAlign::Left);
        ASSERT_FALSE(lines.empty());
        double lo = 1e9, hi = 0;
        for (const auto& l : lines) {
            EXPECT_NE(l.words.find(' '), std::string::npos) << width << ": a lone word: " << l.words;
            EXPECT_FALSE(l.words.ends_with("28.")) << width << ": " << l.words;
            lo = std::min(lo, l.natural_pt);
            hi = std::max(hi, l.natural_pt);
        }
        // Even lines: the shortest holds at least half of the longest.
        if (lines.size() > 1) {
            EXPECT_GE(lo * 2, hi) << width;
        }
    }
    for (const auto& l : set("Energie - Wende - Bericht der Stadt im Jahr 2026", 160, "de", nullptr, true, style::TextAlign::Left))
        EXPECT_FALSE(l.words.starts_with("-")) << l.words;
}

TEST(LineBreaking, ASourceUrlIsBalancedLikeATitle) {
    // A balanced line that is one URL breaks inside it where the lines come out even, not
    // after the first part that fits ("https://" alone on a line).
    const std::string url = "https://localtvkstu.wordpress.com/2013/12/30/new-year-new-laws-obamacare-pot-guns-and-drones/";
    // (Its longest part, "new-year-…-drones/", is 240 pt wide in these metrics.)
    for (double width = 250; width <= 450; width += 25) {
        const auto lines = set(url, width, "en", nullptr, true, style::TextAlign::Left);
        ASSERT_FALSE(lines.empty());
        std::string joined;
        double lo = 1e9, hi = 0;
        for (const auto& l : lines) {
            joined += l.words;
            lo = std::min(lo, l.natural_pt);
            hi = std::max(hi, l.natural_pt);
        }
        EXPECT_EQ(joined, url) << width;
        if (lines.size() > 1) {
            EXPECT_GE(lo * 2, hi) << width << ": " << lines.front().words;
        }
    }
}

TEST(Layout, TitlesThatWouldLeaveAWordAloneAreSetSmaller) {
    // On a narrow page a long compound fills a line by itself at the heading's size; a little
    // smaller, it shares its line and no word stands alone.
    std::size_t lone = 0, broken = 0;
    for (const std::string paper : {"a4", "a5", "letter"}) {
        for (const std::string t : {"Koexistenz mit anderen Paketierungssystemen", "Warum Wettervorhersagen besser geworden sind",
                                    "Open Verilog flow for Silego GreenPak4 programmable logic devices"}) {
            model::Document d;
            d.meta.title = "T";
            d.meta.lang = "de";
            d.blocks.push_back(heading(1, t));
            d.blocks.push_back(para(words("x", 10)));
            base::Diagnostics diag;
            std::vector<std::string> lines;
            const auto pages = pages_of(lay(d, diag, paper).trace);
            ASSERT_FALSE(pages.empty());
            for (const auto& l : pages.front())
                if (l.starts_with("  ¶h ") || (!lines.empty() && l.starts_with("     "))) lines.push_back(l.substr(5, l.find(" | ") - 5));
                else if (!lines.empty()) break;
            broken += lines.size() > 1;
            for (const auto& l : lines) lone += l.find(' ') == std::string::npos;
        }
    }
    EXPECT_GT(broken, 0u);
    EXPECT_EQ(lone, 0u);
}

TEST(Layout, OnePageDocumentsHaveNoPageNumber) {
    model::Document d;
    d.meta.title = "Short";
    d.blocks.push_back(para(words("word", 40)));
    base::Diagnostics diag;
    const auto lo = lay(d, diag);
    ASSERT_EQ(lo.pages.size(), 1u);
    for (const auto& item : lo.pages[0].items)
        if (const auto* t = std::get_if<layout::TextRun>(&item)) {
            EXPECT_NE(t->text, "1 / 1");
        }
}

TEST(Layout, NoLastPageOfOneToThreeLines) {
    // Paragraphs of one line each, as many as fill a page and one to three lines more: the
    // page before the last breaks earlier so that the last one holds more than three lines.
    for (int extra = 1; extra <= 3; ++extra) {
        model::Document plain;
        plain.meta.title = "Pages";
        plain.blocks.push_back(para(words("x", 10)));
        base::Diagnostics diag;
        // Find how many one-line paragraphs fill the first two pages exactly.
        int fill = 1;
        for (;; ++fill) {
            model::Document d = plain;
            for (int i = 0; i < fill; ++i) d.blocks.push_back(para(words(std::to_string(i) + "y", 5)));
            if (lay(d, diag).pages.size() > 2) break;
        }
        model::Document d = plain;
        for (int i = 0; i < fill - 1 + extra; ++i) d.blocks.push_back(para(words(std::to_string(i) + "y", 5)));
        const auto pages = pages_of(lay(d, diag).trace);
        ASSERT_EQ(pages.size(), 3u) << extra;
        EXPECT_GT(pages.back().size(), 3u) << extra;
        EXPECT_GT(pages[1].size() * 2, pages[0].size()) << extra;
    }
}

TEST(Layout, ColumnsFillLeftThenRightUnderASpanningTitle) {
    model::Document d;
    d.meta.title = "A Title Spanning Both Columns";
    for (int i = 0; i < 60; ++i) d.blocks.push_back(para(words(std::to_string(i) + "w", 30)));
    style::PageStyle ps = style::default_page_style();
    ps.columns = 2;
    ps.column_gap_pt = 20;
    static const FakeMetrics m;
    layout::LayoutOptions o;
    o.trace = true;
    base::Diagnostics diag;
    const auto lo = layout::layout_document(d, ps, o, m, nullptr, diag);
    ASSERT_GT(lo.pages.size(), 1u);
    const double left = ps.margins.left_pt, text_w = lo.width_pt - ps.margins.left_pt - ps.margins.right_pt;
    const double column_w = (text_w - 20) / 2;
    double title_y = 0;
    std::size_t in_left = 0, in_right = 0;
    for (const auto& item : lo.pages[0].items) {
        const auto* t = std::get_if<layout::TextRun>(&item);
        if (!t) continue;
        if (t->text.find("Title") != std::string::npos || t->text.find("Columns") != std::string::npos) {
            title_y = t->y_pt;
            continue;
        }
        if (t->text.empty() || !std::isdigit(static_cast<unsigned char>(t->text[0])) || t->text.find('w') == std::string::npos)
            continue;  // the page number
        const double w = m.text_width(t->face, t->text, t->size_pt);
        if (t->x_pt + w <= left + column_w + 0.01) ++in_left;
        else if (t->x_pt >= left + column_w + 20 - 0.01) ++in_right;
        else ADD_FAILURE() << "text in the gutter: " << t->text;
        if (title_y > 0) {
            EXPECT_LT(t->y_pt, title_y);  // below the title
        }
    }
    EXPECT_GT(in_left, 10u);
    EXPECT_GT(in_right, 10u);
    // The title block spans the page: its rule is as wide as the text block.
    bool wide_rule = false;
    for (const auto& item : lo.pages[0].items)
        if (const auto* r = std::get_if<layout::Rule>(&item)) wide_rule |= r->x1_pt - r->x0_pt > column_w + 1;
    EXPECT_TRUE(wide_rule);
}

TEST(Layout, ABlockInAnotherLanguageIsHyphenatedByItsPatterns) {
    // The same French text in narrow table cells: inside an English document but marked French,
    // it breaks as it does in a French document, and not as English patterns would break it.
    static const FakeMetrics m;
    static const layout::Hyphenator hyph;
    const std::string fr =
        "Les administrations constitutionnelles reconnaissent l'indépendance informationnelle "
        "des collectivités territoriales et l'interopérabilité des infrastructures numériques ; "
        "les parlementaires souhaitent que les établissements d'enseignement supérieur "
        "développent systématiquement des programmes pluridisciplinaires, particulièrement "
        "en épidémiologie, en océanographie et en cristallographie expérimentale.";
    auto trace_of = [&](const std::string& doc_lang, const std::string& block_lang) {
        model::Document d;
        d.meta.lang = doc_lang;
        // Three narrow columns of the same text: hyphens are needed on most lines.
        model::Table t;
        t.aligns.assign(3, model::Align::Default);
        t.body.push_back({model::TableCell{{text(fr)}}, model::TableCell{{text(fr)}}, model::TableCell{{text(fr)}}});
        model::Block b{std::move(t), {1, 1}};
        b.lang = block_lang;
        d.blocks.push_back(std::move(b));
        layout::LayoutOptions o;
        o.paper = "a5";
        o.trace = true;
        base::Diagnostics diag;
        return layout::layout_document(d, style::default_page_style(), o, m, &hyph, diag).trace;
    };
    const std::string french = trace_of("fr", "");
    ASSERT_NE(french.find("-"), std::string::npos) << french;  // the narrow page needs hyphens
    EXPECT_EQ(trace_of("en", "fr"), french);
    EXPECT_NE(trace_of("en", ""), french);
}
