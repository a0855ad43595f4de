// Each CSS property of the PDF subset (styles/README.md) changes the laid-out pages as documented:
// a small document is laid out with a base style and with the base plus one property, and the
// difference is read from the layout trace (words, ratios, hyphens, page breaks) and the pages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.hpp"
#include "layout/hyphenate.hpp"
#include "layout/layout.hpp"
#include "model/document.hpp"
#include "pdf/fonts.hpp"
#include "pdf/pdf_writer.hpp"
#include "style/style.hpp"

using namespace folio;

namespace {

constexpr double tolerance_pt = 0.05;  // rounding in the style resolution (mm → pt)
constexpr double mm_pt = 72.0 / 25.4;

const char* const base_css = "body { font-family: serif; font-size: 11pt; line-height: 1.4; }\n";

const char* const text_a =
    "Typography shapes how comfortably a reader follows an argument across several pages of "
    "continuous prose, because justified lines with irregular word spacing, frequent hyphenation "
    "and unbalanced paragraphs interrupt the rhythm of reading and draw attention to themselves "
    "instead of the meaning they are supposed to convey to the attentive reader.";
const char* const text_b =
    "Paragraphs of moderate length, separated by a consistent vertical interval, help the eye "
    "return to the correct position after each line; an indentation of the first line or a small "
    "gap between paragraphs is traditionally sufficient, and combining both is considered "
    "redundant by most printers and typographers.";
const char* const quote_text =
    "Quoted material is usually indented from the left margin so that it stands apart from the "
    "surrounding argument without requiring a change of typeface or size.";
const char* const item_text =
    "Listed items are indented as well, and their continuation lines align with the first word of "
    "the item rather than with the bullet that introduces it.";

model::Inlines text(const std::string& s) { return {model::Inline{model::Text{s}, {}}}; }
model::Block para(const std::string& s) { return model::Block{model::Paragraph{text(s)}, {}}; }

model::Document sample_doc() {
    model::Document d;
    d.meta.title = "Layout Sample";
    d.meta.lang = "en";
    d.source_name = "sample";
    d.blocks.push_back(para(text_a));
    d.blocks.push_back(para(text_b));
    model::Heading h;
    h.level = 2;
    h.content = text("Section heading");
    h.id = "section-heading";
    d.blocks.push_back(model::Block{h, {}});
    model::BlockQuote q;
    q.blocks.push_back(para(quote_text));
    d.blocks.push_back(model::Block{q, {}});
    model::BulletList l;
    model::ListItem it;
    it.blocks.push_back(para(item_text));
    l.items.push_back(it);
    d.blocks.push_back(model::Block{l, {}});
    d.blocks.push_back(para(text_a));
    return d;
}

/// A document long enough to fill several pages: paragraphs "Para1 ...", "Para2 ...", ...
model::Document long_doc(int paragraphs) {
    model::Document d;
    d.meta.title = "Long Sample";
    d.meta.lang = "en";
    d.source_name = "long";
    for (int i = 1; i <= paragraphs; ++i) {
        if (i == 4) {
            model::Heading h;
            h.level = 2;
            h.content = text("Middle heading");
            h.id = "middle-heading";
            d.blocks.push_back(model::Block{h, {}});
        }
        d.blocks.push_back(para("Para" + std::to_string(i) + " " + (i % 2 ? text_a : text_b)));
    }
    return d;
}

struct TraceLine {
    std::string words;
    double ratio = 0;
    bool hyphen = false;
};
using TracePages = std::vector<std::vector<TraceLine>>;

TracePages parse_trace(const std::string& trace) {
    TracePages pages;
    std::istringstream in(trace);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("=== page", 0) == 0) { pages.emplace_back(); continue; }
        const auto bar = line.rfind(" | r=");
        if (bar == std::string::npos || pages.empty()) continue;
        TraceLine t;
        t.words = line.substr(2, bar - 2);
        // A block's first line carries its role ("¶p "), the others an indent of the same width.
        if (t.words.rfind("¶", 0) == 0) t.words.erase(0, std::string("¶p ").size());
        else if (t.words.rfind("   ", 0) == 0) t.words.erase(0, 3);
        t.ratio = std::stod(line.substr(bar + 5));
        t.hyphen = line.find(" hyphen", bar) != std::string::npos;
        pages.back().push_back(t);
    }
    return pages;
}

std::size_t line_count(const TracePages& p) {
    std::size_t n = 0;
    for (const auto& pg : p) n += pg.size();
    return n;
}

std::size_t hyphen_count(const TracePages& p) {
    std::size_t n = 0;
    for (const auto& pg : p)
        for (const auto& l : pg) n += l.hyphen;
    return n;
}

/// Font files and dictionaries, loaded once for the whole test program.
struct Shared {
    std::shared_ptr<pdf::Resources> res = pdf::make_resources();
    pdf::FontLibrary fonts;
    layout::Hyphenator hyphenator;
};
Shared& shared() {
    static Shared s;
    return s;
}

struct Result {
    style::Style style;
    std::string trace;
    TracePages lines;
    layout::LaidOut pages;
    std::string diagnostics;
};

Result run(const model::Document& doc, const std::string& css) {
    static int counter = 0;
    const auto path = std::filesystem::path(::testing::TempDir()) /
                      ("style_layout_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".css");
    {
        std::ofstream f(path, std::ios::binary);
        f << css;
    }
    base::Diagnostics diag;
    Result r;
    r.style = style::load_style(path.string(), diag);
    std::filesystem::remove(path);
    r.trace = pdf::layout_trace(doc, r.style, {}, *shared().res, diag);
    r.lines = parse_trace(r.trace);
    const pdf::ChainMetrics metrics(shared().fonts, layout::text_families(r.style.page),
                                    layout::mono_families(r.style.page), layout::display_families(r.style.page));
    layout::LayoutOptions lo;
    r.pages = layout::layout_document(doc, r.style.page, lo, metrics, &shared().hyphenator, diag);
    std::ostringstream d;
    for (const auto& x : diag.items()) d << x.message << "\n";
    r.diagnostics = d.str();
    return r;
}

Result plain(const model::Document& doc) { return run(doc, base_css); }
Result with(const model::Document& doc, const std::string& extra) { return run(doc, std::string(base_css) + extra); }

/// Text runs of a page.
std::vector<layout::TextRun> runs(const layout::LaidOut& lo, std::size_t page) {
    std::vector<layout::TextRun> out;
    for (const auto& item : lo.pages.at(page).items)
        if (const auto* t = std::get_if<layout::TextRun>(&item)) out.push_back(*t);
    return out;
}

/// The first run on any page whose text begins with `start`; fails the test when there is none.
layout::TextRun run_starting(const layout::LaidOut& lo, const std::string& start, std::size_t* page = nullptr) {
    for (std::size_t p = 0; p < lo.pages.size(); ++p)
        for (const auto& r : runs(lo, p))
            if (r.text.rfind(start, 0) == 0) {
                if (page) *page = p;
                return r;
            }
    ADD_FAILURE() << "no run starts with " << start;
    return {};
}

/// The lines of a page (runs grouped by baseline), top to bottom, with their horizontal extent.
struct LineBox {
    double y = 0, left = 0, right = 0;
    std::string first;  // the text of the leftmost run
};

std::vector<LineBox> lines_on_page(const layout::LaidOut& lo, std::size_t page, const layout::FontMetrics& m) {
    std::vector<LineBox> out;
    for (const auto& r : runs(lo, page)) {
        const double right = r.x_pt + m.text_width(r.face, r.text, r.size_pt) * r.hscale;
        auto it = std::find_if(out.begin(), out.end(), [&](const LineBox& b) { return std::abs(b.y - r.y_pt) < 0.01; });
        if (it == out.end()) {
            out.push_back({r.y_pt, r.x_pt, right, r.text});
            continue;
        }
        if (r.x_pt < it->left) it->first = r.text;
        it->left = std::min(it->left, r.x_pt);
        it->right = std::max(it->right, right);
    }
    std::sort(out.begin(), out.end(), [](const LineBox& a, const LineBox& b) { return a.y > b.y; });
    return out;
}

/// The trace lines of the paragraph whose first line begins with `start` (up to its last line,
/// which has ratio 0 and is followed by another block).
std::vector<TraceLine> paragraph_lines(const TracePages& pages, const std::string& start, const std::string& next) {
    std::vector<TraceLine> out;
    bool in = false;
    for (const auto& pg : pages)
        for (const auto& l : pg) {
            if (!in && l.words.rfind(start, 0) == 0) in = true;
            else if (in && l.words.rfind(next, 0) == 0) return out;
            if (in) out.push_back(l);
        }
    return out;
}

const pdf::ChainMetrics& metrics_of(const Result& r) {
    static std::vector<std::unique_ptr<pdf::ChainMetrics>> keep;
    keep.push_back(std::make_unique<pdf::ChainMetrics>(shared().fonts, layout::text_families(r.style.page),
                                                        layout::mono_families(r.style.page),
                                                        layout::display_families(r.style.page)));
    return *keep.back();
}

}  // namespace

// ------------------------------------------------------------------------------- the page

TEST(StyleLayout, PageSizeNamesAndCustom) {
    const auto doc = sample_doc();
    const auto a4 = plain(doc);
    EXPECT_NEAR(a4.pages.width_pt, 595.276, tolerance_pt);
    EXPECT_NEAR(a4.pages.height_pt, 841.89, tolerance_pt);
    const auto letter = with(doc, "@page { size: Letter; }");
    EXPECT_NEAR(letter.pages.width_pt, 612, tolerance_pt);
    EXPECT_NEAR(letter.pages.height_pt, 792, tolerance_pt);
    const auto a5 = with(doc, "@page { size: A5; }");
    EXPECT_NEAR(a5.pages.width_pt, 419.528, tolerance_pt);
    EXPECT_NEAR(a5.pages.height_pt, 595.276, tolerance_pt);
    // A narrower measure: more lines, more pages.
    EXPECT_GT(line_count(a5.lines), line_count(a4.lines));
    EXPECT_GT(a5.lines.size(), a4.lines.size());
    const auto custom = with(doc, "@page { size: 150mm 200mm; }");
    EXPECT_NEAR(custom.pages.width_pt, 150 * mm_pt, tolerance_pt);
    EXPECT_NEAR(custom.pages.height_pt, 200 * mm_pt, tolerance_pt);
    const auto landscape = with(doc, "@page { size: A4 landscape; }");
    EXPECT_NEAR(landscape.pages.width_pt, 841.89, tolerance_pt);
    EXPECT_LT(line_count(landscape.lines), line_count(a4.lines));
}

TEST(StyleLayout, PageMarginMovesTextAndShortensLines) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    const auto m = with(doc, "@page { margin: 40mm 50mm; }");
    EXPECT_NEAR(run_starting(m.pages, "Typography").x_pt, 50 * mm_pt, tolerance_pt);
    const auto& first = run_starting(m.pages, "Typography");
    // The first baseline sits below the 40 mm top margin (after the title block).
    EXPECT_LT(first.y_pt, m.pages.height_pt - 40 * mm_pt);
    EXPECT_GT(line_count(m.lines), line_count(b.lines));
    EXPECT_NE(run_starting(b.pages, "Typography").x_pt, run_starting(m.pages, "Typography").x_pt);
}

TEST(StyleLayout, FirstPageMarginOnlyOnPageOne) {
    const auto doc = long_doc(12);
    const auto b = plain(doc);
    const auto f = with(doc, "@page :first { margin-top: 120mm; }");
    ASSERT_GE(b.lines.size(), 2u);
    // The title starts lower on page 1, so page 1 holds fewer lines.
    const auto tb = lines_on_page(b.pages, 0, metrics_of(b));
    const auto tf = lines_on_page(f.pages, 0, metrics_of(f));
    ASSERT_FALSE(tb.empty());
    ASSERT_FALSE(tf.empty());
    EXPECT_LT(tf.front().y, tb.front().y - 50);
    EXPECT_LT(f.lines[0].size(), b.lines[0].size());
    // Page 2 starts at the ordinary top margin.
    ASSERT_GE(f.lines.size(), 2u);
    const auto body2b = lines_on_page(b.pages, 1, metrics_of(b));
    const auto body2f = lines_on_page(f.pages, 1, metrics_of(f));
    ASSERT_GE(body2b.size(), 2u);
    ASSERT_GE(body2f.size(), 2u);
    // [0] is the running header; [1] the first body line.
    EXPECT_NEAR(body2b[1].y, body2f[1].y, 0.01);
}

/// `count` lines of a page starting at the line whose leftmost run begins with `start`.
std::vector<LineBox> lines_from(const Result& r, std::size_t page, const std::string& start, std::size_t count) {
    const auto all = lines_on_page(r.pages, page, metrics_of(r));
    auto it = std::find_if(all.begin(), all.end(), [&](const LineBox& b) { return b.first.rfind(start, 0) == 0; });
    if (it == all.end() || static_cast<std::size_t>(all.end() - it) < count) {
        ADD_FAILURE() << "no " << count << " lines from " << start << " on page " << page + 1;
        return {};
    }
    return {it, it + static_cast<std::ptrdiff_t>(count)};
}

std::vector<std::string> words_of(const TracePages& p) {
    std::vector<std::string> out;
    for (const auto& pg : p)
        for (const auto& l : pg) out.push_back(l.words);
    return out;
}

double content_right(const Result& r) { return r.pages.width_pt - r.style.page.margins.right_pt; }
double content_left(const Result& r) { return r.style.page.margins.left_pt; }

// ------------------------------------------------------------------------------- fonts

TEST(StyleLayout, FontFamilyChangesFontsAndLineBreaks) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    const auto f = with(doc, "body { font-family: sans-serif; }");
    ASSERT_FALSE(layout::text_families(f.style.page).empty());
    EXPECT_EQ(layout::text_families(f.style.page).front(), "DejaVu Sans");
    EXPECT_EQ(layout::text_families(b.style.page).front(), "DejaVu Serif");
    // The words are measured in DejaVu Sans, so the lines break elsewhere or are spaced otherwise.
    EXPECT_GT(std::abs(metrics_of(f).text_width(layout::Face::Regular, text_a, 11) -
                       metrics_of(b).text_width(layout::Face::Regular, text_a, 11)),
              10);
    EXPECT_NE(f.trace, b.trace);
    EXPECT_GE(line_count(f.lines), line_count(b.lines));
    const auto mono = with(doc, "body { font-family: \"DejaVu Sans Mono\", monospace; }");
    EXPECT_EQ(layout::text_families(mono.style.page).front(), "DejaVu Sans Mono");
    EXPECT_GT(line_count(mono.lines), line_count(b.lines));
    // Headings take the family of h1.
    const auto h = with(doc, "h1 { font-family: sans-serif; }");
    EXPECT_EQ(layout::display_families(h.style.page).front(), "DejaVu Sans");
    EXPECT_EQ(words_of(h.lines), words_of(b.lines));  // the paragraphs keep their font
}

TEST(StyleLayout, FontSizeMakesMoreLinesAndWiderLeading) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    const auto f = with(doc, "p { font-size: 14pt; }");
    EXPECT_GT(line_count(f.lines), line_count(b.lines));
    EXPECT_DOUBLE_EQ(run_starting(f.pages, "Typography").size_pt, 14);
    EXPECT_DOUBLE_EQ(run_starting(b.pages, "Typography").size_pt, 11);
    const auto lb = lines_from(b, 0, "Typography", 2);
    const auto lf = lines_from(f, 0, "Typography", 2);
    ASSERT_EQ(lb.size(), 2u);
    ASSERT_EQ(lf.size(), 2u);
    EXPECT_NEAR(lb[0].y - lb[1].y, 11 * 1.4, 0.01);
    EXPECT_NEAR(lf[0].y - lf[1].y, 14 * 1.4, 0.01);
    // The heading keeps its own size.
    EXPECT_DOUBLE_EQ(run_starting(f.pages, "Section").size_pt, run_starting(b.pages, "Section").size_pt);
}

TEST(StyleLayout, LineHeightChangesLeadingOnly) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    const auto f = with(doc, "p { line-height: 2; }");
    EXPECT_EQ(words_of(f.lines), words_of(b.lines));  // same line breaks
    const auto lf = lines_from(f, 0, "Typography", 2);
    ASSERT_EQ(lf.size(), 2u);
    EXPECT_NEAR(lf[0].y - lf[1].y, 22, 0.01);
    const auto pc = with(doc, "p { line-height: 150%; }");
    const auto lp = lines_from(pc, 0, "Typography", 2);
    ASSERT_EQ(lp.size(), 2u);
    EXPECT_NEAR(lp[0].y - lp[1].y, 16.5, 0.01);
    const auto len = with(doc, "p { line-height: 20pt; }");
    const auto ll = lines_from(len, 0, "Typography", 2);
    ASSERT_EQ(ll.size(), 2u);
    EXPECT_NEAR(ll[0].y - ll[1].y, 20, 0.01);
}

TEST(StyleLayout, FontWeightSelectsBoldFace) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    EXPECT_EQ(run_starting(b.pages, "Typography").face, layout::Face::Regular);
    for (const char* v : {"bold", "700", "600"}) {
        const auto f = with(doc, std::string("p { font-weight: ") + v + "; }");
        EXPECT_EQ(run_starting(f.pages, "Typography").face, layout::Face::Bold) << v;
        EXPECT_NE(words_of(f.lines), words_of(b.lines)) << v;  // bold is wider
    }
    const auto light = with(doc, "p { font-weight: 500; }");
    EXPECT_EQ(run_starting(light.pages, "Typography").face, layout::Face::Regular);
}

TEST(StyleLayout, FontStyleSelectsItalicFace) {
    const auto doc = sample_doc();
    for (const char* v : {"italic", "oblique"}) {
        const auto f = with(doc, std::string("p { font-style: ") + v + "; }");
        EXPECT_EQ(run_starting(f.pages, "Typography").face, layout::Face::Italic) << v;
    }
    const auto both = with(doc, "p { font-style: italic; font-weight: bold; }");
    EXPECT_EQ(run_starting(both.pages, "Typography").face, layout::Face::BoldItalic);
}

// ------------------------------------------------------------------------------- alignment

TEST(StyleLayout, JustifyFillsTheMeasure) {
    const auto b = plain(sample_doc());
    const auto lines = lines_from(b, 0, "Typography", 5);
    ASSERT_EQ(lines.size(), 5u);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        EXPECT_NEAR(lines[i].left, content_left(b), 0.01);
        EXPECT_NEAR(lines[i].right, content_right(b), 0.05) << i;
    }
    EXPECT_LT(lines.back().right, content_right(b) - 50);  // the last line is not stretched
    const auto para = paragraph_lines(b.lines, "Typography", "Paragraphs");
    ASSERT_GE(para.size(), 2u);
    EXPECT_NE(para.front().ratio, 0);
}

TEST(StyleLayout, TextAlignLeftIsRagged) {
    const auto r = with(sample_doc(), "p { text-align: left; }");
    const auto para = paragraph_lines(r.lines, "Typography", "Paragraphs");
    ASSERT_GE(para.size(), 3u);
    for (const auto& l : para) EXPECT_EQ(l.ratio, 0) << l.words;
    const auto lines = lines_from(r, 0, "Typography", para.size());
    ASSERT_EQ(lines.size(), para.size());
    for (const auto& l : lines) {
        EXPECT_NEAR(l.left, content_left(r), 0.01);
        EXPECT_LE(l.right, content_right(r) + 0.01);  // natural spaces fit the measure
    }
    EXPECT_LT(lines.front().right, content_right(r) - 1);  // ragged, not justified
}

TEST(StyleLayout, TextAlignCenterBalancesBothSides) {
    const auto r = with(sample_doc(), "p { text-align: center; }");
    const auto para = paragraph_lines(r.lines, "Typography", "Paragraphs");
    ASSERT_GE(para.size(), 3u);
    const auto lines = lines_from(r, 0, "Typography", para.size());
    ASSERT_EQ(lines.size(), para.size());
    for (const auto& l : lines)
        EXPECT_NEAR(l.left - content_left(r), content_right(r) - l.right, 0.05) << l.first;
    EXPECT_GT(lines.back().left, content_left(r) + 50);
}

TEST(StyleLayout, TextAlignRightFlushesRight) {
    const auto r = with(sample_doc(), "p { text-align: right; }");
    const auto para = paragraph_lines(r.lines, "Typography", "Paragraphs");
    ASSERT_GE(para.size(), 3u);
    const auto lines = lines_from(r, 0, "Typography", para.size());
    ASSERT_EQ(lines.size(), para.size());
    for (const auto& l : lines) EXPECT_NEAR(l.right, content_right(r), 0.05) << l.first;
    EXPECT_GT(lines.back().left, content_left(r) + 50);
}

TEST(StyleLayout, TextIndentMovesOnlyTheFirstLine) {
    const auto r = with(sample_doc(), "p { text-indent: 2em; }");
    const auto lines = lines_from(r, 0, "Typography", 2);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NEAR(lines[0].left, content_left(r) + 22, 0.01);
    EXPECT_NEAR(lines[1].left, content_left(r), 0.01);
    const auto mm = with(sample_doc(), "p { text-indent: 10mm; }");
    EXPECT_NEAR(run_starting(mm.pages, "Typography").x_pt, content_left(mm) + 10 * mm_pt, 0.01);
}

// ------------------------------------------------------------------------------- margins

TEST(StyleLayout, VerticalMarginsCollapse) {
    const auto doc = sample_doc();
    const auto gap = [&](const Result& r) {
        const auto all = lines_on_page(r.pages, 0, metrics_of(r));
        auto it = std::find_if(all.begin(), all.end(), [](const LineBox& b) { return b.first == "Paragraphs"; });
        EXPECT_TRUE(it != all.end() && it != all.begin());
        if (it == all.end() || it == all.begin()) return 0.0;
        return (it - 1)->y - it->y;
    };
    const auto b = plain(doc);
    const double base_gap = gap(b);
    const double base_margin = std::max(b.style.page.box("p").margin_top_pt, b.style.page.box("p").margin_bottom_pt);
    const auto both = with(doc, "p { margin-top: 30pt; margin-bottom: 30pt; }");
    EXPECT_NEAR(gap(both) - base_gap, 30 - base_margin, 0.01);
    // Collapsing: the larger of the two, not their sum.
    const auto top = with(doc, "p { margin-top: 40pt; margin-bottom: 5pt; }");
    EXPECT_NEAR(gap(top) - base_gap, 40 - base_margin, 0.01);
    const auto bottom = with(doc, "p { margin-top: 0; margin-bottom: 25pt; }");
    EXPECT_NEAR(gap(bottom) - base_gap, 25 - base_margin, 0.01);
}

TEST(StyleLayout, MarginLeftIndentsBlockquoteAndListItems) {
    const auto doc = sample_doc();
    const auto q30 = with(doc, "blockquote { margin-left: 30pt; }");
    const auto q60 = with(doc, "blockquote { margin-left: 60pt; }");
    EXPECT_NEAR(run_starting(q60.pages, "Quoted").x_pt - run_starting(q30.pages, "Quoted").x_pt, 30, 0.01);
    EXPECT_NEAR(run_starting(q30.pages, "Quoted").x_pt, content_left(q30) + 30, 0.01);
    EXPECT_DOUBLE_EQ(run_starting(q60.pages, "Typography").x_pt, run_starting(q30.pages, "Typography").x_pt);
    EXPECT_DOUBLE_EQ(run_starting(q60.pages, "Listed").x_pt, run_starting(q30.pages, "Listed").x_pt);
    const auto l20 = with(doc, "li { margin-left: 20pt; }");
    const auto l50 = with(doc, "li { margin-left: 50pt; }");
    EXPECT_NEAR(run_starting(l50.pages, "Listed").x_pt - run_starting(l20.pages, "Listed").x_pt, 30, 0.01);
    EXPECT_NEAR(run_starting(l50.pages, "Listed").x_pt, content_left(l50) + 50, 0.01);
    EXPECT_DOUBLE_EQ(run_starting(l50.pages, "Quoted").x_pt, run_starting(l20.pages, "Quoted").x_pt);
    // margin-right narrows the measure of quotations and list items.
    for (const auto& [css, start] : {std::pair{"blockquote { margin-right: 80pt; }", "Quoted"},
                                     std::pair{"li { margin-right: 80pt; }", "•"}}) {
        const auto r = with(doc, css);
        const auto lines = lines_from(r, 0, start, 2);
        ASSERT_EQ(lines.size(), 2u) << css;
        EXPECT_NEAR(lines[0].right, content_right(r) - 80, 0.05) << css;  // a justified line
        EXPECT_NEAR(run_starting(r.pages, "Typography").x_pt, content_left(r), 0.01) << css;
    }
    // A right indent that would leave less than an inch is dropped.
    const auto wide = with(doc, "blockquote { margin-right: 150mm; }");
    const auto wl = lines_from(wide, 0, "Quoted", 1);
    ASSERT_EQ(wl.size(), 1u);
    EXPECT_NEAR(wl[0].right, content_right(wide), 0.05);
    // The shorthand sets the left margin too.
    const auto sh = with(doc, "blockquote { margin: 0 0 0 45pt; }");
    EXPECT_NEAR(run_starting(sh.pages, "Quoted").x_pt, content_left(sh) + 45, 0.01);
}

// ------------------------------------------------------------------------------- hyphens

TEST(StyleLayout, HyphensAutoManualNone) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    EXPECT_GT(hyphen_count(b.lines), 0u);
    const auto none = with(doc, "body { hyphens: none; }");
    EXPECT_EQ(hyphen_count(none.lines), 0u);
    const auto pnone = with(doc, "p { hyphens: none; }");
    const auto plines = paragraph_lines(pnone.lines, "Typography", "Paragraphs");
    ASSERT_FALSE(plines.empty());
    for (const auto& l : plines) EXPECT_FALSE(l.hyphen) << l.words;
    const auto manual = with(doc, "body { hyphens: manual; }");
    EXPECT_EQ(hyphen_count(manual.lines), 0u);  // the text has no soft hyphens
    const auto webkit = with(doc, "body { -webkit-hyphens: none; }");
    EXPECT_EQ(hyphen_count(webkit.lines), 0u);

    // Soft hyphens: manual breaks there and only there; none ignores them.
    constexpr const char* shy = "\xC2\xAD";  // U+00AD SOFT HYPHEN
    std::string long_words;
    for (int i = 0; i < 12; ++i)
        long_words += std::string("in") + shy + "compre" + shy + "hensi" + shy + "bility counter" + shy + "revolu" + shy +
                      "tionaries ";
    long_words.pop_back();
    model::Document soft;
    soft.meta.lang = "en";
    soft.blocks.push_back(para(long_words));
    const std::string narrow = "@page { size: A5; margin: 20mm 45mm; } ";
    const auto sm = with(soft, narrow + "body { hyphens: manual; }");
    EXPECT_GT(hyphen_count(sm.lines), 0u) << sm.trace;
    for (const auto& pg : sm.lines)
        for (const auto& l : pg) {
            EXPECT_EQ(l.words.find(shy), std::string::npos) << l.words;  // never drawn
            if (!l.hyphen) continue;
            const std::string last = l.words.substr(l.words.rfind(' ') + 1);
            // The word part after the previous break ends where a soft hyphen stood.
            EXPECT_TRUE(last.ends_with("in-") || last.ends_with("compre-") || last.ends_with("hensi-") ||
                        last.ends_with("counter-") || last.ends_with("revolu-"))
                << l.words;
        }
    const auto sn = with(soft, narrow + "body { hyphens: none; }");
    EXPECT_EQ(hyphen_count(sn.lines), 0u) << sn.trace;
    const auto sa = with(soft, narrow);
    EXPECT_GT(hyphen_count(sa.lines), 0u) << sa.trace;
}

// ------------------------------------------------------------------------------- colour

TEST(StyleLayout, ColorReachesTheRuns) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    EXPECT_EQ(run_starting(b.pages, "Typography").color, style::Color{});
    const auto red = with(doc, "p { color: #c00000; }");
    const auto c = run_starting(red.pages, "Typography").color;
    EXPECT_NEAR(c.r, 192.0 / 255, 1e-6);
    EXPECT_EQ(c.g, 0);
    EXPECT_EQ(c.b, 0);
    EXPECT_EQ(run_starting(red.pages, "Section").color, style::Color{});  // headings keep theirs
    EXPECT_EQ(words_of(red.lines), words_of(b.lines));                   // colour does not move text
    const auto green = with(doc, "body { color: rgb(0, 128, 0); }");
    EXPECT_NEAR(run_starting(green.pages, "Typography").color.g, 128.0 / 255, 1e-6);
    EXPECT_NEAR(run_starting(green.pages, "Section").color.g, 128.0 / 255, 1e-6);  // inherited
}

// ------------------------------------------------------------------------------- pagination

/// The paragraph split across pages 1 and 2: lines at the foot of page 1 and at the head of
/// page 2 (0, 0 when no paragraph is split).
std::pair<std::size_t, std::size_t> split_at_first_break(const TracePages& p) {
    if (p.size() < 2 || p[1].empty() || p[1].front().words.rfind("Para", 0) == 0) return {0, 0};
    std::size_t head = 0;
    while (head < p[1].size() && p[1][head].words.rfind("Para", 0) != 0) ++head;
    std::size_t foot = 0;
    while (foot < p[0].size() && p[0][p[0].size() - 1 - foot].words.rfind("Para", 0) != 0) ++foot;
    return {foot + 1, head};
}

TEST(StyleLayout, WidowsMoveTheSplit) {
    const auto doc = long_doc(12);
    const auto b = plain(doc);
    const std::size_t head = split_at_first_break(b.lines).second;
    ASSERT_GT(head, 0u) << b.trace;
    const auto w = with(doc, "body { widows: " + std::to_string(head + 1) + "; }");
    ASSERT_GE(w.lines.size(), 2u);
    const std::size_t whead = split_at_first_break(w.lines).second;
    EXPECT_NE(b.lines[1].front().words, w.lines[1].front().words);
    if (whead > 0) {
        EXPECT_GE(whead, head + 1);
    }
    EXPECT_GT(w.lines[1].size(), b.lines[1].size());
}

TEST(StyleLayout, OrphansMoveTheSplit) {
    const auto doc = long_doc(12);
    const auto b = plain(doc);
    const std::size_t foot = split_at_first_break(b.lines).first;
    ASSERT_GT(foot, 0u) << b.trace;
    const auto o = with(doc, "p { orphans: " + std::to_string(foot + 1) + "; }");
    ASSERT_GE(o.lines.size(), 2u);
    const std::size_t ofoot = split_at_first_break(o.lines).first;
    if (ofoot > 0) {
        EXPECT_GE(ofoot, foot + 1);
    }
    EXPECT_LT(o.lines[0].size(), b.lines[0].size());
}

TEST(StyleLayout, BreakBeforeStartsANewPage) {
    const auto doc = sample_doc();
    const auto b = plain(doc);
    ASSERT_EQ(b.lines.size(), 1u);
    for (const char* css : {"h2 { break-before: page; }", "h2 { page-break-before: always; }",
                            "h2 { break-before: right; }"}) {
        const auto r = with(doc, css);
        ASSERT_EQ(r.lines.size(), 2u) << css;
        EXPECT_EQ(r.lines[1].front().words, "Section heading") << css;
        EXPECT_EQ(r.lines[0].back().words, b.lines[0][9].words) << css;
    }
    for (const char* css : {"h2 { break-before: avoid; }", "h2 { page-break-before: auto; }"}) {
        const auto r = with(doc, css);
        EXPECT_EQ(r.trace, b.trace) << css;
    }
}

// ------------------------------------------------------------------------------- page furniture

std::size_t runs_with_text(const layout::LaidOut& lo, std::size_t page, const std::string& text) {
    std::size_t n = 0;
    for (const auto& r : runs(lo, page)) n += r.text == text;
    return n;
}

TEST(StyleLayout, RunningHeader) {
    const auto doc = long_doc(12);
    const auto b = plain(doc);
    ASSERT_EQ(b.pages.pages.size(), 2u);
    // The title block on page 1 is drawn word by word; the header on page 2 as one run.
    EXPECT_EQ(runs_with_text(b.pages, 1, "Long Sample"), 1u);
    EXPECT_EQ(runs_with_text(b.pages, 0, "Long Sample"), 0u);
    for (const char* css : {"@page { --folio-running-header: none; }", "body { --folio-running-header: none; }"}) {
        const auto r = with(doc, css);
        EXPECT_EQ(runs_with_text(r.pages, 1, "Long Sample"), 0u) << css;
        EXPECT_EQ(r.trace, b.trace) << css;  // the text does not move
    }
    // @page wins over body.
    const auto r = with(doc, "body { --folio-running-header: none; } @page { --folio-running-header: title; }");
    EXPECT_EQ(runs_with_text(r.pages, 1, "Long Sample"), 1u);
}

TEST(StyleLayout, PageNumbers) {
    const auto doc = long_doc(12);
    const auto b = plain(doc);
    ASSERT_EQ(b.pages.pages.size(), 2u);
    EXPECT_EQ(runs_with_text(b.pages, 0, "1 / 2"), 1u);
    EXPECT_EQ(runs_with_text(b.pages, 1, "2 / 2"), 1u);
    const auto n = with(doc, "@page { --folio-page-numbers: \"n\"; }");
    EXPECT_EQ(runs_with_text(n.pages, 0, "1 / 2"), 0u);
    EXPECT_EQ(runs_with_text(n.pages, 1, "2"), 1u);
    const auto none = with(doc, "@page { --folio-page-numbers: none; }");
    EXPECT_EQ(runs_with_text(none.pages, 0, "1 / 2"), 0u);
    EXPECT_EQ(runs_with_text(none.pages, 1, "2"), 0u);
    EXPECT_EQ(runs(none.pages, 1).size() + 1, runs(b.pages, 1).size());
}

/// The structure tree in pre-order, one "Role" per element, indented by depth (Content nodes left
/// out).
std::string outline_of(const layout::LaidOut& lo) {
    static const char* const names[] = {"Document", "", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl",
                                        "LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Caption", "Figure",
                                        "Div", "BlockQuote", "Code", "Link", "Note", "Reference"};
    std::string out;
    std::vector<std::pair<layout::Tag, int>> todo{{0, 0}};
    while (!todo.empty()) {
        const auto [t, depth] = todo.back();
        todo.pop_back();
        const auto& n = lo.structure.at(t);
        if (n.role == layout::Role::Content) continue;
        out += std::string(static_cast<std::size_t>(2 * depth), ' ') + names[static_cast<int>(n.role)] + "\n";
        for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) todo.emplace_back(*it, depth + 1);
    }
    return out;
}

TEST(StyleLayout, StructureTreeFollowsTheModel) {
    const auto r = plain(sample_doc());
    EXPECT_EQ(outline_of(r.pages),
              "Document\n  H1\n  P\n  P\n  H2\n  BlockQuote\n    P\n  L\n    LI\n      Lbl\n      LBody\n        P\n  P\n");
    // Every node's parent lists it, and children come after their parent (the writer relies on it).
    for (layout::Tag t = 1; t < r.pages.structure.size(); ++t) {
        const auto& kids = r.pages.structure[r.pages.structure[t].parent].children;
        EXPECT_NE(std::find(kids.begin(), kids.end(), t), kids.end());
        EXPECT_LT(r.pages.structure[t].parent, t);
    }
    // Text is tagged; the list label belongs to the Lbl although it is drawn after the item's line.
    for (const auto& item : r.pages.pages.at(0).items)
        if (const auto* t = std::get_if<layout::TextRun>(&item)) {
            ASSERT_NE(t->tag, layout::artifact_tag) << t->text;
            ASSERT_LT(t->tag, r.pages.structure.size());
            const auto& node = r.pages.structure[t->tag];
            if (t->text == "•") {
                EXPECT_EQ(r.pages.structure[node.parent].role, layout::Role::Lbl);
            }
        }
}

TEST(StyleLayout, PageFurnitureIsAnArtifact) {
    const auto b = plain(long_doc(12));
    ASSERT_EQ(b.pages.pages.size(), 2u);
    std::size_t furniture = 0;
    for (const auto& item : b.pages.pages[1].items)
        if (const auto* t = std::get_if<layout::TextRun>(&item); t && (t->text == "2 / 2" || t->text == "Long Sample")) {
            EXPECT_EQ(t->tag, layout::pagination_tag);
            ++furniture;
        }
    EXPECT_EQ(furniture, 2u);
}

TEST(StyleLayout, HeadingTagsSkipNoLevel) {
    model::Document d;
    d.meta.lang = "en";
    for (int level : {2, 4, 3, 5, 2}) {
        model::Heading h;
        h.level = level;
        h.content = text("Heading " + std::to_string(level));
        d.blocks.push_back(model::Block{h, {}});
        d.blocks.push_back(para(text_a));
    }
    // ## #### ### ##### ## without a title: H1 H2 H2 H3 H1 (the #### and ### both sit under the ##).
    EXPECT_EQ(outline_of(plain(d).pages), "Document\n  H1\n  P\n  H2\n  P\n  H2\n  P\n  H3\n  P\n  H1\n  P\n");
}
