// One paragraph: styled spans → Knuth–Plass items (words, hyphenation points, glue) → lines of
// positioned fragments. Knows nothing about pages.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "layout/font_metrics.hpp"
#include "layout/hyphenate.hpp"
#include "layout/page.hpp"
#include "model/document.hpp"
#include "style/style.hpp"

namespace folio::layout {

/// Inline text with one style. `text` may hold spaces (word separators) and '\n' (a forced break).
struct Span {
    std::string text;
    Face face = Face::Regular;
    double size_pt = 11;
    double rise_pt = 0;  // baseline shift (superscripts)
    style::Color color;
    std::string link;    // URI of the enclosing link, empty when none
    bool code = false;   // verbatim: never hyphenated
    bool strike = false; // struck through
    model::SourcePos pos;
    Tag tag = artifact_tag;       // the structure node its text belongs to
    Tag link_tag = artifact_tag;  // the Link element of its link area, when `link` is set
};

struct ParagraphStyle {
    double width_pt = 400;
    double first_indent_pt = 0;
    style::TextAlign align = style::TextAlign::Justify;
    bool hyphenate = true;
    /// Break at the author's soft hyphens (U+00AD): hyphens auto and manual, as in CSS.
    bool soft_hyphens = true;
    std::string lang;
    style::BreakCosts costs;
    /// Titles and headings: ragged lines of even length in as few lines as fit, with no line of
    /// a single word, no break between a numeral and what it counts ("28. Februar") and no
    /// line that starts with a dash.
    bool balance = false;
};

/// Text of one span placed on a line; x is relative to the line's left edge.
struct Fragment {
    std::size_t span = 0;  // index into the input spans
    std::string text;
    double x_pt = 0;
    double width_pt = 0;
    double hscale = 1;
    bool space_after = false;  // a word space follows on the line
};

struct Line {
    std::vector<Fragment> fragments;
    double ratio = 0;         // adjustment ratio used to set the line
    bool hyphen = false;      // ends with an inserted hyphen
    bool space_break = false; // ends at a space or a forced break, not inside a word or URL
    bool forced_split = false;// a word was cut because it was longer than the line
    double natural_pt = 0;    // width at natural spacing
    std::string words;        // the line's words, space-separated (for the trace)
};

/// Sets a paragraph. Characters no font has and characters above U+FFFF are reported on `diag`
/// (errors when `strict`); the latter are left out of the lines. Never returns a line wider than
/// the measure: a word longer than a line is cut (with a warning) and, as a last resort, a line is
/// condensed horizontally.
std::vector<Line> set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& ps,
                                const FontMetrics& metrics, const Hyphenator* hyphenator,
                                bool strict, base::Diagnostics& diag);

/// "words of the line | r=0.123 hyphen" for the layout trace.
std::string describe_line(const Line& line);

}  // namespace folio::layout
