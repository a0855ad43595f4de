// Knuth–Plass total-fit line breaking: one forward sweep over the items keeps a list of active
// breakpoints (TeX's algorithm, "Breaking Paragraphs into Lines", 1981). Each pass widens the
// tolerance; the last one accepts any underfull line and forces overfull ones when nothing fits.
#include "layout/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace folio::layout {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

// TeX's inf_bad: the badness of a line whose glue cannot stretch far enough. Caps the cubic so
// that demerits stay finite in the last pass, where any underfull line is acceptable.
constexpr double infinite_badness = 10000;

// Line widths come from prefix sums over the whole paragraph, whose rounding can push a line
// that shrinks exactly to its limit just past ratio -1; ratios this close to a bound count as on it.
constexpr double ratio_epsilon = 1e-6;

// Fitness classes (TeX §817); lines of adjacent classes may follow each other without extra cost.
enum Fitness : int { VeryLoose = 0, Loose = 1, Decent = 2, Tight = 3 };

struct Node {
    std::size_t position = none;  // item index of the break; `none` for the paragraph start
    std::size_t start = 0;        // first item of the next line (discardable items skipped)
    std::size_t line = 0;         // number of lines ended at this break
    int fitness = Decent;
    int hyphens = 0;              // hyphenated lines in a row ending here
    bool flagged = false;
    double ratio = 0;
    double total = 0;             // total demerits from the paragraph start
    std::size_t parent = none;    // index into the node arena
};

struct Candidate {
    std::size_t line_class = 0;
    int fitness = Decent;
    int hyphens = 0;
    double total = 0;
    double ratio = 0;
    std::size_t parent = none;
};

class Breaker {
public:
    Breaker(const std::vector<Item>& items, const std::vector<double>& widths, const BreakParams& params)
        : items_(items), widths_(widths), params_(params) {
        const std::size_t n = items.size();
        // The paragraph ends at its last item when that item can end a line (normally the final
        // forced penalty); otherwise at a virtual forced break just after it.
        end_ = is_legal(n - 1) ? n - 1 : n;
        sum_width_.assign(n + 1, 0);
        sum_stretch_.assign(n + 1, 0);
        sum_shrink_.assign(n + 1, 0);
        word_spaces_.assign(n + 1, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const Item& it = items[i];
            double w = 0, y = 0, z = 0;
            if (it.kind != Item::Kind::Penalty) w = finite(it.width);
            if (it.kind == Item::Kind::Glue) {
                y = std::max(0.0, finite(it.stretch));
                z = std::max(0.0, finite(it.shrink));
            }
            sum_width_[i + 1] = sum_width_[i] + w;
            sum_stretch_[i + 1] = sum_stretch_[i] + y;
            sum_shrink_[i + 1] = sum_shrink_[i] + z;
            // Interword glue; the fill glue that ends a paragraph stretches without bound.
            word_spaces_[i + 1] = word_spaces_[i] + (it.kind == Item::Kind::Glue && y < fill_threshold ? 1 : 0);
        }
        // A line starts at the first box or forced break after its breakpoint: glue and
        // penalties at the start of a line vanish, as in TeX.
        next_start_.assign(n + 1, n);
        for (std::size_t i = n; i-- > 0;) {
            const bool keeps = items[i].kind == Item::Kind::Box || is_forced(i);
            next_start_[i] = keeps ? i : next_start_[i + 1];
        }
    }

    /// One sweep; returns false when no feasible set of breaks exists at this tolerance.
    bool run(double tolerance, bool final_pass, std::vector<Break>& out);

private:
    static double finite(double v) { return std::isfinite(v) ? v : 0.0; }

    bool is_forced(std::size_t i) const {
        if (i >= end_) return true;  // the paragraph end
        const Item& it = items_[i];
        return it.kind == Item::Kind::Penalty && it.penalty <= -infinity_penalty;
    }

    bool is_legal(std::size_t i) const {
        if (i >= items_.size()) return true;
        const Item& it = items_[i];
        if (it.kind == Item::Kind::Penalty) return it.penalty < infinity_penalty;
        if (it.kind == Item::Kind::Glue) return i > 0 && items_[i - 1].kind == Item::Kind::Box;
        return false;
    }

    double width_of_line(std::size_t line) const {
        if (widths_.empty()) return 0;
        return finite(widths_[std::min(line, widths_.size() - 1)]);
    }

    // Lines past the last distinct width are interchangeable: one class for all of them keeps
    // the active list small (TeX's easy_line).
    std::size_t line_class(std::size_t line) const {
        return widths_.empty() ? 0 : std::min(line, widths_.size() - 1);
    }

    static int fitness_of(double ratio) {
        if (ratio > 1) return VeryLoose;
        if (ratio > 0.5) return Loose;
        if (ratio >= -0.5) return Decent;
        return Tight;
    }

    const std::vector<Item>& items_;
    const std::vector<double>& widths_;
    const BreakParams& params_;
    std::size_t end_ = 0;  // index of the final break; items.size() when it is virtual
    std::vector<double> sum_width_, sum_stretch_, sum_shrink_;
    std::vector<std::size_t> word_spaces_;  // word_spaces_[i]: interword glue among the first i items
    static constexpr double fill_threshold = 1000;
    std::vector<std::size_t> next_start_;
};

bool Breaker::run(double tolerance, bool final_pass, std::vector<Break>& out) {
    std::vector<Node> nodes;
    nodes.reserve(items_.size() / 2 + 1);  // roughly one node per breakpoint
    nodes.push_back(Node{none, next_start_[0], 0, Decent, 0, false, 0, 0, none});
    std::vector<std::size_t> active{0};
    std::vector<std::size_t> kept;
    std::vector<Candidate> candidates, survivors;

    const int max_hyphens = params_.max_consecutive_hyphens;
    for (std::size_t e = 0; e <= end_; ++e) {
        if (!is_legal(e)) continue;
        const bool at_item = e < items_.size();
        const bool is_penalty = at_item && items_[e].kind == Item::Kind::Penalty;
        const double penalty_width = is_penalty ? finite(items_[e].width) : 0.0;
        const bool forced = is_forced(e);
        const double own_penalty = is_penalty ? items_[e].penalty : 0.0;
        const double penalty = forced ? std::min(-infinity_penalty, own_penalty) : own_penalty;
        const bool flagged = is_penalty && items_[e].flagged;

        candidates.clear();
        survivors.clear();
        kept.clear();
        std::size_t fallback = none;  // best deactivated node, for an artificial break
        double fallback_ratio = 0;
        for (const std::size_t a : active) {
            const Node& node = nodes[a];
            if (!forced && e < node.start) {  // the line would hold only discardable items
                kept.push_back(a);
                continue;
            }
            const double natural = sum_width_[e] - sum_width_[node.start] + penalty_width;
            const double stretch = sum_stretch_[e] - sum_stretch_[node.start] + params_.line_end_stretch;
            const double shrink = sum_shrink_[e] - sum_shrink_[node.start];
            const double goal = width_of_line(node.line);
            double ratio = 0;
            if (natural < goal) {
                ratio = stretch > 0 ? (goal - natural) / stretch : unbounded_ratio;
            } else if (natural > goal) {
                ratio = shrink > 0 ? (goal - natural) / shrink : -unbounded_ratio;
            }
            ratio = std::clamp(ratio, -unbounded_ratio, unbounded_ratio);
            if (ratio < -1 && ratio >= -1 - ratio_epsilon) ratio = -1;
            if (std::fabs(ratio) < ratio_epsilon) ratio = 0;

            const int hyphens = flagged ? node.hyphens + 1 : 0;
            const bool hyphen_ok = !flagged || max_hyphens < 0 || hyphens <= max_hyphens;
            if (ratio >= -1 && (final_pass || ratio <= tolerance + ratio_epsilon) && hyphen_ok) {
                const double badness = std::min(infinite_badness, 100 * ratio * ratio * std::fabs(ratio));
                double demerits = params_.line_penalty + badness;
                demerits *= demerits;
                if (penalty >= 0) {
                    demerits += penalty * penalty;
                } else if (penalty > -infinity_penalty) {
                    demerits -= penalty * penalty;
                }
                if (flagged && node.flagged) demerits += params_.flagged_demerits;
                // TeX's \finalhyphendemerits, applied at every forced break (a <br> ends a block
                // of lines as the paragraph end does): a hyphen just before it reads badly.
                if (forced && node.flagged) demerits += params_.final_hyphen_demerits;
                // A last line of one word (after at least one full line) leaves a lonely word.
                if (forced && node.line > 0 && word_spaces_[e] == word_spaces_[node.start])
                    demerits += params_.last_word_demerits;
                const int fitness = fitness_of(ratio);
                if (std::abs(fitness - node.fitness) > 1) demerits += params_.fitness_demerits;
                const double total = node.total + demerits;
                // Hyphen counts above 1 matter only for the limit; without one, 0/1 suffices.
                const int hyphen_key = max_hyphens < 0 ? std::min(hyphens, 1) : hyphens;
                const std::size_t cls = line_class(node.line + 1);
                auto same = std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& c) {
                    return c.line_class == cls && c.fitness == fitness && c.hyphens == hyphen_key;
                });
                if (same == candidates.end()) {
                    candidates.push_back(Candidate{cls, fitness, hyphen_key, total, ratio, a});
                } else if (total < same->total) {
                    *same = Candidate{cls, fitness, hyphen_key, total, ratio, a};
                }
            }
            if (ratio < -1 || forced) {
                // Deactivated. For the last resort, prefer the latest break (the least overfull
                // line), then the cheapest; the start node (`none`) counts as the earliest.
                if (fallback == none || node.position + 1 > nodes[fallback].position + 1 ||
                    (node.position == nodes[fallback].position && node.total < nodes[fallback].total)) {
                    fallback = a;
                    fallback_ratio = ratio;
                }
            } else {
                kept.push_back(a);
            }
        }

        if (final_pass && candidates.empty() && kept.empty() && fallback != none) {
            const Node& node = nodes[fallback];
            const int hyphens = flagged ? node.hyphens + 1 : 0;
            const int hyphen_key = max_hyphens < 0 ? std::min(hyphens, 1) : hyphens;
            candidates.push_back(Candidate{line_class(node.line + 1), fitness_of(fallback_ratio), hyphen_key,
                                           node.total, fallback_ratio, fallback});
        }

        // Dominance: a node's future costs differ from another's (same line class, no more
        // hyphens in a row) by at most the fitness demerits, so a candidate dearer than that can
        // never lead to the optimum. This keeps the last pass, which accepts every line, small.
        for (const Candidate& x : candidates) {
            const bool dominated = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& y) {
                return y.line_class == x.line_class && y.hyphens <= x.hyphens &&
                       y.total + params_.fitness_demerits < x.total;
            });
            if (!dominated) survivors.push_back(x);
        }

        active.swap(kept);
        for (const Candidate& c : survivors) {
            const Node& parent = nodes[c.parent];
            const std::size_t start = e < items_.size() ? next_start_[e + 1] : items_.size();
            active.push_back(nodes.size());
            nodes.push_back(Node{e, start, parent.line + 1, c.fitness, c.hyphens, flagged, c.ratio, c.total,
                                 c.parent});
        }

        if (e == end_) break;
        if (active.empty()) return false;
    }

    // Active nodes now are exactly the breaks at the end (the end is forced).
    std::size_t best = none;
    for (const std::size_t a : active) {
        if (nodes[a].position != end_) continue;
        if (best == none || nodes[a].total < nodes[best].total) best = a;
    }
    if (best == none) return false;

    out.clear();
    for (std::size_t k = best; nodes[k].parent != none; k = nodes[k].parent) {
        const Node& node = nodes[k];
        const std::size_t item = node.position < items_.size() ? node.position : items_.size() - 1;
        out.push_back(Break{item, node.ratio, node.flagged});
    }
    std::reverse(out.begin(), out.end());
    return true;
}

}  // namespace

std::vector<Break> break_lines(const std::vector<Item>& items, const std::vector<double>& line_widths,
                               const BreakParams& params) {
    std::vector<Break> out;
    if (items.empty()) return out;
    Breaker breaker(items, line_widths, params);
    if (breaker.run(params.tolerance, false, out)) return out;
    if (params.emergency_tolerance > params.tolerance && breaker.run(params.emergency_tolerance, false, out)) {
        return out;
    }
    breaker.run(unbounded_ratio, true, out);
    return out;
}

std::string describe_breaks(const std::vector<Item>& items, const std::vector<Break>& breaks) {
    std::string out;
    std::size_t first = 0;
    std::size_t line = 1;
    char buf[128];
    for (const Break& b : breaks) {
        while (first < b.item && first < items.size() && items[first].kind != Item::Kind::Box) ++first;
        double natural = 0;
        const std::size_t last = std::min(b.item, items.empty() ? 0 : items.size() - 1);
        for (std::size_t i = first; i < last && i < items.size(); ++i) {
            if (items[i].kind != Item::Kind::Penalty) natural += items[i].width;
        }
        if (last < items.size() && items[last].kind != Item::Kind::Glue) natural += items[last].width;
        std::snprintf(buf, sizeof buf, "line %zu: items %zu-%zu natural %.2f ratio %+.3f%s\n", line, first, b.item,
                      natural, b.ratio, b.hyphen ? " hyphen" : "");
        out += buf;
        first = b.item + 1;
        ++line;
    }
    return out;
}

}  // namespace folio::layout
