// Each CSS property of the PDF subset (styles/README.md) changes the laid-out pages as documented:
// a small document is laid out with a base style and with the base plus one property, and the
// difference is read from the layout trace (words, ratios, hyphens, page breaks) and the pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
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
                      ("style_layout_" + std::to_string(++counter) + ".css");
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

/// Visible text runs of a page.
std::vector<layout::TextRun> runs(const layout::LaidOut& lo, std::size_t page) {
    std::vector<layout::TextRun> out;
    for (const auto& item : lo.pages.at(page).items)
        if (const auto* t = std::get_if<layout::TextRun>(&item); t && !t->invisible) out.push_back(*t);
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

/// Baselines (descending y) of the lines of the block whose first run starts with `start`: the
/// runs of that page between its first line and the next block's, grouped by y.
struct LineBox {
    double y = 0, left = 0, right = 0;
};

std::vector<LineBox> lines_on_page(const layout::LaidOut& lo, std::size_t page, const layout::FontMetrics& m) {
    std::vector<LineBox> out;
    for (const auto& r : runs(lo, page)) {
        const double right = r.x_pt + m.text_width(r.face, r.text, r.size_pt) * r.hscale;
        auto it = std::find_if(out.begin(), out.end(), [&](const LineBox& b) { return std::abs(b.y - r.y_pt) < 0.01; });
        if (it == out.end()) out.push_back({r.y_pt, r.x_pt, right});
        else { it->left = std::min(it->left, r.x_pt); it->right = std::max(it->right, right); }
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

TEST(StyleLayout, Dump) {
    const auto r = plain(sample_doc());
    std::cout << r.trace << r.diagnostics;
    const auto l = plain(long_doc(12));
    std::cout << l.trace;
    for (std::size_t p = 0; p < l.pages.pages.size(); ++p)
        for (auto& x : runs(l.pages, p)) std::cout << p << " " << x.x_pt << " " << x.y_pt << " " << x.text << "\n";
}
