// Styles: a CSS file in styles/ (or any path) that drives both outputs. The EPUB carries the CSS
// text as is; the PDF layout reads a documented subset resolved into a PageStyle.
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"

namespace folio::style {

enum class TextAlign { Justify, Left, Center, Right };
enum class Hyphens { Auto, Manual, None };

struct Color {
    double r = 0, g = 0, b = 0;  // 0..1
    friend bool operator==(const Color&, const Color&) = default;
};

/// The resolved typographic settings of one selector (inheritance from body already applied).
/// Vertical margins are meant to collapse as in CSS: the space between two blocks is the larger
/// of the first's margin_bottom_pt and the second's margin_top_pt.
struct BoxStyle {
    std::vector<std::string> font_family{"DejaVu Serif", "Liberation Serif", "DejaVu Sans"};
    double font_size_pt = 11;
    double line_height = 1.35;  // multiple of font_size_pt
    bool bold = false;
    bool italic = false;
    TextAlign align = TextAlign::Justify;
    double text_indent_pt = 0;
    double margin_top_pt = 0;
    double margin_bottom_pt = 6;
    double margin_left_pt = 0;  // extra left indent (blockquote, lists)
    double margin_right_pt = 0; // extra right indent (blockquote)
    Hyphens hyphens = Hyphens::Auto;
    Color color;
    int widows = 2;
    int orphans = 2;
    bool break_before = false;  // start on a new page
};

struct Margins {
    double top_pt = 72, right_pt = 64, bottom_pt = 72, left_pt = 64;
};

/// Line-breaking costs of the PDF layout, as TeX names them; each is a custom property of body
/// or @page (--folio-hyphen-penalty ...). Demerits add to the square of a line's badness. The
/// defaults are the shipped styles' values: hyphenation only where spacing clearly gains, set
/// so that about one line in ten ends with a hyphen (TeX's own defaults, 50 / 10000 / 5000,
/// hyphenate one line in four on a wide serif face).
struct BreakCosts {
    /// Breaking at a hyphenation point (\hyphenpenalty).
    double hyphen_penalty = 300;
    /// Breaking inside a capitalised word (a name) where the language does not capitalise its
    /// nouns: dear enough that it happens only when nothing else fits.
    double name_hyphen_penalty = 3000;
    /// Two hyphenated lines in a row (\doublehyphendemerits).
    double double_hyphen_demerits = 10000;
    /// A hyphen on the line before a paragraph's last (\finalhyphendemerits).
    double final_hyphen_demerits = 100000;
    /// A paragraph whose last line holds a single word.
    double last_word_demerits = 200000;
    /// Hyphenated lines allowed in a row (0: none, negative: no limit).
    int hyphen_limit = 2;
};

struct PageStyle {
    double width_pt = 595.276;   // A4
    double height_pt = 841.89;
    Margins margins;
    Margins first_margins;       // @page :first (defaults to margins)
    /// Running header on pages after the first (custom property --folio-running-header: title|none).
    bool running_header = true;
    /// Footer "n / N" (custom property --folio-page-numbers: "n / N" | "n" | none).
    std::string page_number_format = "n / N";
    BreakCosts breaks;
    /// Columns of body text (custom properties --folio-columns: 1-4, --folio-column-gap: a
    /// length); the title block spans them all. Only the PDF reads these.
    int columns = 1;
    double column_gap_pt = 18;
    /// Selector name → resolved box: "body", "p", "h1".."h6", "blockquote", "pre", "code", "li",
    /// "table", "th", "td", "a", "title", "subtitle", "byline", "header", "footer", "footnote".
    std::map<std::string, BoxStyle, std::less<>> boxes;

    /// The box for a selector, falling back to "body", then to defaults.
    const BoxStyle& box(std::string_view selector) const;
};

struct Style {
    std::string name;         // "handout", or the file's stem
    std::string description;  // first comment line of the file
    std::string css;          // the stylesheet text, shipped in the EPUB
    std::filesystem::path path;
    PageStyle page;
};

/// Folders searched for named styles, in order: $FOLIO_STYLE_PATH, PREFIX/share/folio/styles
/// beside an installed binary, the source tree (the binary in the build tree), the configured
/// install folder.
std::vector<std::filesystem::path> style_dirs();

/// Loads a style by name ("handout") or path ("my.css"). Unknown properties and selectors are
/// reported as notes; a syntax error is a warning with FILE:LINE:COL; a file that cannot be read
/// or used throws Error(Style).
Style load_style(const std::string& name_or_path, base::Diagnostics& diag);

/// Name and one-line description of every shipped style, sorted by name.
std::vector<std::pair<std::string, std::string>> list_styles();

/// The built-in defaults (what a PageStyle holds before any CSS is applied), with every
/// selector filled in.
PageStyle default_page_style();

/// The resolved page and boxes as diffable text, one line each, sorted by box name (for -v,
/// layout traces and tests).
std::string to_text(const PageStyle& page);

}  // namespace folio::style
