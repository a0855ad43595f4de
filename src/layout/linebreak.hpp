// Knuth–Plass total-fit line breaking over boxes, glue and penalties (TeX's algorithm), with a
// last-resort fallback so that a paragraph always gets lines.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace folio::layout {

struct Item {
    enum class Kind { Box, Glue, Penalty };
    Kind kind = Kind::Box;
    double width = 0;
    double stretch = 0;  // glue only
    double shrink = 0;   // glue only
    double penalty = 0;  // penalty only; <= -infinity_penalty forces, >= infinity_penalty forbids
    bool flagged = false;  // penalty only: a hyphen break (consecutive flagged breaks cost extra)
};

inline constexpr double infinity_penalty = 10000;

struct BreakParams {
    double tolerance = 3.0;           // largest adjustment ratio accepted in the first pass
    double emergency_tolerance = 10;  // second pass, before falling back to overfull lines
    double line_penalty = 10;
    double flagged_demerits = 3000;   // two hyphenated lines in a row
    double fitness_demerits = 100;    // adjacent lines of very different tightness
    int max_consecutive_hyphens = 2;  // 0: no hyphenated lines; negative: no limit
    double final_hyphen_demerits = 5000;  // the line before a forced break ends with a hyphen
    double last_word_demerits = 0;        // the line before a forced break holds one word
    /// Stretch every line has at its end besides its spaces (TeX's \rightskip plus): ragged
    /// text sets 0 in its spaces' stead, so that a short line is merely ragged, not infeasible.
    double line_end_stretch = 0;
};

struct Break {
    std::size_t item = 0;  // index of the glue or penalty the line ends at (items.size()-1 for the last)
    double ratio = 0;      // adjustment ratio of the line that ends here
    bool hyphen = false;   // the line ends at a flagged penalty
};

/// Chooses breakpoints minimising total demerits. `line_widths[i]` is the width of line i
/// (the last value repeats). The list must end with a forced break (penalty -infinity); when it
/// does not, one is assumed after the last item and reported as items.size()-1.
/// Never fails: when no feasible set exists, lines may be overfull (ratio < -1) and the caller
/// must break long boxes itself.
std::vector<Break> break_lines(const std::vector<Item>& items, const std::vector<double>& line_widths,
                               const BreakParams& params = {});

/// The ratio reported for a line whose glue cannot stretch (+) or shrink (-) at all, and the
/// bound on every reported ratio: finite, so that `ratio * stretch` never yields NaN.
inline constexpr double unbounded_ratio = 10000;

/// One text line per output line ("line 2: items 9-17 natural 281.50 ratio +0.412 hyphen"),
/// for traces and golden tests. Natural widths skip the discardable items at line starts.
std::string describe_breaks(const std::vector<Item>& items, const std::vector<Break>& breaks);

}  // namespace folio::layout
