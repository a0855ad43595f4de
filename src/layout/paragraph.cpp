// Paragraph setting: builds the box/glue/penalty list TeX-style, lets break_lines choose the
// breaks, then places every word itself (PDF word spacing does not work with 2-byte fonts).
#include "layout/paragraph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "base/utf8.hpp"
#include "layout/linebreak.hpp"
#include "layout/breaks.hpp"
#include "layout/text_rules.hpp"

namespace folio::layout {
namespace {

/// Cost of breaking after an explicit hyphen or inside a URL (such breaks read worse than a
/// space); hyphenation points cost what the style says (style::BreakCosts).
constexpr double explicit_break_penalty = 60;
constexpr double url_break_penalty = 100;
/// Glue of the last line: stretchable enough that the line is never underfull.
constexpr double fill_stretch_pt = 100000;
/// Interword glue relative to the space width (TeX's fontdimens for Computer Modern).
constexpr double space_stretch_ratio = 0.5;
constexpr double space_shrink_ratio = 1.0 / 3.0;
/// The shortest word fragments a language allows before and after a hyphenation break (TeX's
/// \lefthyphenmin and \righthyphenmin as babel sets them: 2 and 3 in English, French and
/// Portuguese, 2 and 2 in German, Spanish and Italian).
struct HyphenMins {
    int left, right;
};
HyphenMins hyphen_mins(std::string_view lang) {
    const std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
    if (primary == "de" || primary == "es" || primary == "it") return {2, 2};
    return {2, 3};
}

/// Languages that capitalise every noun: a capital there does not mark a name.
bool capitalises_nouns(std::string_view lang) { return lang.substr(0, lang.find_first_of("-_")) == "de"; }

struct Seg {
    std::size_t span;
    std::string text;
    std::size_t cp_offset;  // code points from the span's start (for diagnostics)
    std::vector<std::size_t> soft = {};  // byte offsets in `text` where a soft hyphen stood
};

enum class BreakKind { Hyphenation, NameHyphenation, Explicit, Url, Other };

struct Builder {
    const std::vector<Span>& spans;
    const ParagraphStyle& ps;
    const FontMetrics& m;
    const Hyphenator* hyph;
    base::Diagnostics& diag;
    double min_width;

    std::vector<Item> items;
    // Per item: the text of a box, the span it belongs to, and for penalties whether a hyphen is
    // drawn when the line breaks there.
    struct Info {
        std::size_t span = 0;
        std::string text;
        bool draws_hyphen = false;
        bool cut = false;
        bool fill = false;
    };
    std::vector<Info> info;
    bool warned_long = false;
    std::vector<std::pair<std::size_t, char32_t>> cps_;  // inner_breaks' scratch buffer

    double width(std::size_t span, std::string_view s) const {
        const Span& sp = spans[span];
        return m.text_width(sp.face, s, sp.size_pt);
    }

    void push(Item it, Info in) {
        items.push_back(it);
        info.push_back(std::move(in));
    }

    /// A space; `breakable` false ties the words on either side together.
    void glue(std::size_t span, bool breakable = true) {
        if (items.empty() || items.back().kind != Item::Kind::Box) return;  // no glue at a start
        // Glue is a break only right after a box: a penalty that forbids breaking goes between.
        if (!breakable) push(Item{Item::Kind::Penalty, 0, 0, 0, infinity_penalty, false}, {span, "", false, false, false});
        const double w = width(span, " ");
        // Ragged text keeps its natural spaces: a space that may shrink would let the breaker pick
        // lines wider than the measure, set tighter than their neighbours.
        const double shrink = ps.align == style::TextAlign::Justify ? w * space_shrink_ratio : 0;
        push(Item{Item::Kind::Glue, w, w * space_stretch_ratio, shrink, 0, false}, {span, "", false, false, false});
    }

    void forced_break(std::size_t span) {
        while (!items.empty() && items.back().kind == Item::Kind::Glue) items.pop_back(), info.pop_back();
        push(Item{Item::Kind::Glue, 0, fill_stretch_pt, 0, 0, false}, {span, "", false, false, true});
        push(Item{Item::Kind::Penalty, 0, 0, 0, -infinity_penalty, false}, {span, "", false, false, false});
    }

    /// A box, cut into pieces no wider than the narrowest line when it is too long.
    void box(std::size_t span, std::string text) {
        const double w = width(span, text);
        const double hyphen_w = width(span, "-");
        if (w <= min_width) {
            push(Item{Item::Kind::Box, w, 0, 0, 0, false}, {span, std::move(text), false, false, false});
            return;
        }
        if (!warned_long) {
            warned_long = true;
            const Span& sp = spans[span];
            std::string shown = text.substr(0, std::min<std::size_t>(text.size(), 40));
            while (!shown.empty() && base::utf8::valid_sequence_length(shown, 0) == 0) shown.erase(0, 1);
            if (!base::utf8::is_valid(shown)) shown = base::utf8::sanitize(shown);
            diag.warn(sp.pos.line, sp.pos.col, "word longer than the line is cut: '" + shown + "...'");
        }
        std::string chunk;
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t start = i;
            base::utf8::decode(text, i);
            const std::string ch = text.substr(start, i - start);
            if (!chunk.empty() && width(span, chunk + ch) + hyphen_w > min_width) {
                push(Item{Item::Kind::Box, width(span, chunk), 0, 0, 0, false}, {span, chunk, false, false, false});
                push(Item{Item::Kind::Penalty, hyphen_w, 0, 0, ps.costs.hyphen_penalty, true}, {span, "", true, true, false});
                chunk.clear();
            }
            chunk += ch;
        }
        if (!chunk.empty())
            push(Item{Item::Kind::Box, width(span, chunk), 0, 0, 0, false}, {span, chunk, false, false, false});
    }

    void penalty(std::size_t span, BreakKind kind) {
        switch (kind) {
            case BreakKind::Hyphenation:
                push(Item{Item::Kind::Penalty, width(span, "-"), 0, 0, ps.costs.hyphen_penalty, true}, {span, "", true, false, false});
                break;
            case BreakKind::NameHyphenation:
                push(Item{Item::Kind::Penalty, width(span, "-"), 0, 0, ps.costs.name_hyphen_penalty, true},
                     {span, "", true, false, false});
                break;
            case BreakKind::Explicit:
                push(Item{Item::Kind::Penalty, 0, 0, 0, explicit_break_penalty, true}, {span, "", false, false, false});
                break;
            case BreakKind::Url:
                push(Item{Item::Kind::Penalty, 0, 0, 0, url_break_penalty, false}, {span, "", false, false, false});
                break;
            case BreakKind::Other:
                push(Item{Item::Kind::Penalty, 0, 0, 0, 0, false}, {span, "", false, false, false});
                break;
        }
    }

    /// Break points inside one segment of a word, as (byte offset, kind), ascending.
    /// A compound (a word with a hyphen of its own) breaks only at that hyphen and at soft hyphens:
    /// "IKT-Berei-chen" reads as three words.
    std::vector<std::pair<std::size_t, BreakKind>> inner_breaks(const Seg& seg, bool url, bool compound) {
        std::vector<std::pair<std::size_t, BreakKind>> out;
        const std::string& s = seg.text;
        const Span& sp = spans[seg.span];
        if (url || sp.code) return out;
        // Every word part passes here: its code points go into one buffer kept for the paragraph.
        std::vector<std::pair<std::size_t, char32_t>>& cps = cps_;
        cps.clear();
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t at = i;
            cps.emplace_back(at, base::utf8::decode(s, i));
        }
        for (std::size_t off : seg.soft) out.emplace_back(off, BreakKind::Hyphenation);
        if (ps.hyphenate && hyph && !ps.lang.empty() && !compound) {
            // Hyphenate each maximal run of letters (so "l’immunothérapie" hyphenates its noun).
            const HyphenMins mins = hyphen_mins(ps.lang);
            const std::size_t min_letters = static_cast<std::size_t>(mins.left + mins.right);
            const bool names_capitalised = !capitalises_nouns(ps.lang);
            std::size_t k = 0;
            while (k < cps.size()) {
                if (!base::utf8::is_letter(cps[k].second)) { ++k; continue; }
                std::size_t e = k;
                while (e < cps.size() && base::utf8::is_letter(cps[e].second)) ++e;
                const bool digit_next = (e < cps.size() && base::utf8::is_digit(cps[e].second)) ||
                                        (k > 0 && base::utf8::is_digit(cps[k - 1].second));
                // An acronym (two capitals) is never split; a capitalised word is a name where
                // the language does not capitalise its nouns, split only when nothing else fits.
                const bool acronym = e - k >= 2 && base::utf8::is_upper(cps[k].second) &&
                                     base::utf8::is_upper(cps[k + 1].second);
                const BreakKind kind = names_capitalised && base::utf8::is_upper(cps[k].second)
                                           ? BreakKind::NameHyphenation : BreakKind::Hyphenation;
                if (e - k >= min_letters && !digit_next && !acronym) {
                    const std::size_t b0 = cps[k].first;
                    const std::size_t b1 = e < cps.size() ? cps[e].first : s.size();
                    for (std::size_t off : hyph->points(ps.lang, std::string_view(s).substr(b0, b1 - b0),
                                                        mins.left, mins.right))
                        if (off > 0 && off < b1 - b0) out.emplace_back(b0 + off, kind);
                }
                k = e;
            }
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end(), [](auto& a, auto& b) { return a.first == b.first; }), out.end());
        return out;
    }

    /// The boxes of a word part (between break opportunities), with its hyphenation points.
    void word(const std::vector<Seg>& segs, bool url, bool compound) {
        for (std::size_t i = 0; i < segs.size(); ++i) {
            const Seg& seg = segs[i];
            std::size_t from = 0;
            for (const auto& [off, kind] : inner_breaks(seg, url, compound)) {
                box(seg.span, seg.text.substr(from, off - from));
                penalty(seg.span, kind);
                from = off;
            }
            box(seg.span, seg.text.substr(from));
        }
    }
};

/// A word that counts what follows it: "28.", "5", "1er", "21st", "3e" (a number ending a
/// clause, "1.5:" or "2026,", is not one).
bool is_numeral(std::string_view w) {
    if (w.ends_with(".")) w.remove_suffix(1);
    std::size_t digits = 0;
    while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
    if (digits == 0) return false;
    const std::string_view rest = w.substr(digits);
    return rest.size() <= 2 && std::all_of(rest.begin(), rest.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool starts_with_dash(std::string_view w) {
    return w.starts_with("-") || w.starts_with("\u2013") || w.starts_with("\u2014");
}

/// Balanced ragged lines for a title or heading (ParagraphStyle::balance): among the breaks at
/// spaces that give the fewest lines (one more when every choice of the fewest breaks a rule),
/// the one with the most even line lengths. Empty when the paragraph has no such breaks (a
/// forced line break, a word wider than the line): the caller keeps the total-fit breaks.
std::vector<Break> balanced_breaks(const std::vector<Item>& items, const std::vector<std::string>& texts,
                                   const std::vector<double>& widths, std::size_t fewest) {
    const std::size_t n = items.size();
    // Words between interword glue: their width, text, and the glue after them.
    struct Word {
        double width = 0;
        std::string text;
        std::size_t glue_after = 0;  // item index (n - 1 for the last word: the final break)
        double space_after = 0;      // the glue's width; none after a part of a URL
    };
    std::vector<Word> words(1);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const Item& it = items[i];
        if (it.kind == Item::Kind::Box) {
            words.back().width += it.width;
            words.back().text += texts[i];
        } else if (it.kind == Item::Kind::Glue && it.stretch < fill_stretch_pt && i > 0 &&
                   items[i - 1].kind == Item::Kind::Penalty && items[i - 1].penalty >= infinity_penalty) {
            words.back().width += it.width;  // a space that may not break: inside the word
            words.back().text += ' ';
        } else if (it.kind == Item::Kind::Glue && it.stretch < fill_stretch_pt) {
            if (words.back().text.empty()) return {};
            words.back().glue_after = i;
            words.back().space_after = it.width;
            words.emplace_back();
        } else if (it.kind == Item::Kind::Penalty && !it.flagged && it.width == 0 && it.penalty == url_break_penalty) {
            // Inside a URL (a source line): its parts are balanced as words are, without a
            // space between them, rather than the first part that fits left alone ("https://").
            if (words.back().text.empty()) return {};
            words.back().glue_after = i;
            words.emplace_back();
        } else if (it.kind == Item::Kind::Penalty && it.penalty <= -infinity_penalty) {
            return {};  // a forced line break inside: the author chose the lines
        }
    }
    if (words.back().text.empty()) words.pop_back();
    words.back().glue_after = n - 1;
    const std::size_t m = words.size();
    if (m < 2 || fewest < 2) return {};
    // A lone word on a line is refused when the title has four words or more, unless nothing
    // else fits (a long compound filling a line by itself).
    const bool avoid_single = m >= 4;
    // A break after word k is allowed unless it parts a numeral from what it counts or puts a
    // dash at a line start.
    auto may_break_after = [&](std::size_t k) {
        return k + 1 >= m || (!is_numeral(words[k].text) && !starts_with_dash(words[k + 1].text));
    };
    constexpr double inf = std::numeric_limits<double>::infinity();
    for (int attempt = 0; attempt < 3; ++attempt) {
        const bool no_single = avoid_single && attempt < 2;
        const std::size_t lines = fewest + (attempt == 1 ? 1 : 0);
        if (lines > m || (attempt == 2 && !avoid_single)) continue;
        // cost[l][k]: best cost of l lines holding words [0, k); from[l][k]: where line l starts.
        std::vector<std::vector<double>> cost(lines + 1, std::vector<double>(m + 1, inf));
        std::vector<std::vector<std::size_t>> from(lines + 1, std::vector<std::size_t>(m + 1, 0));
        cost[0][0] = 0;
        for (std::size_t l = 1; l <= lines; ++l) {
            const double w = widths[std::min(l - 1, widths.size() - 1)];
            for (std::size_t k = 1; k <= m; ++k) {
                if (k < m && !may_break_after(k - 1)) continue;
                double natural = 0;
                for (std::size_t a = k; a-- > 0;) {
                    natural += words[a].width + (a + 1 < k ? words[a].space_after : 0);
                    if (natural > w) break;
                    if (cost[l - 1][a] == inf) continue;
                    if (no_single && k - a == 1) continue;
                    const double c = cost[l - 1][a] + (w - natural) * (w - natural);
                    if (c < cost[l][k]) cost[l][k] = c, from[l][k] = a;
                }
            }
        }
        if (cost[lines][m] == inf) continue;
        std::vector<Break> out(lines);
        for (std::size_t l = lines, k = m; l > 0; k = from[l][k], --l) out[l - 1].item = words[k - 1].glue_after;
        return out;
    }
    return {};
}

std::string fmt_ratio(double r) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", r);
    return std::string(buf) == "-0.000" ? "0.000" : buf;
}

}  // namespace

std::vector<Line> set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& ps,
                                const FontMetrics& metrics, const Hyphenator* hyphenator, bool strict,
                                base::Diagnostics& diag) {
    const double first_w = std::max(1.0, ps.width_pt - ps.first_indent_pt);
    Builder b{spans, ps, metrics, hyphenator, diag, std::min(first_w, ps.width_pt), {}, {}, false, {}};

    // The paragraph's text without controls and unshowable characters, with the span of each byte.
    std::string full;
    std::vector<std::uint32_t> owner;
    std::vector<std::size_t> soft;  // offsets in `full` of the characters that followed a soft hyphen
    std::set<char32_t> reported;
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& sp = spans[si];
        std::size_t cp_index = 0;
        for (std::size_t i = 0; i < sp.text.size(); ++cp_index) {
            const std::size_t at = i;
            const char32_t c = base::utf8::decode(sp.text, i);
            if (c == '\t') {
                full += ' ';
                owner.push_back(static_cast<std::uint32_t>(si));
                continue;
            }
            if (c == 0xAD && ps.soft_hyphens && (soft.empty() || soft.back() != full.size())) soft.push_back(full.size());
            if ((c < 0x20 && c != '\n') || (c >= 0x7F && c < 0xA0) || c == 0xAD || c == 0xFEFF || c == 0xFFFE ||
                c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF))
                continue;  // controls and invisible marks draw as .notdef boxes: leave them out
            const bool outside_bmp = c > 0xFFFF;
            if (c != '\n' && (outside_bmp || !metrics.has_glyph(sp.face, c))) {
                if (reported.insert(c).second) {
                    const std::string what = outside_bmp
                        ? base::utf8::codepoint_name(c) + " is outside the Basic Multilingual Plane and cannot be shown in the PDF"
                        : "no font has " + base::utf8::codepoint_name(c);
                    const std::uint32_t col = sp.pos.col ? sp.pos.col + static_cast<std::uint32_t>(cp_index) : 0;
                    if (strict) diag.error(sp.pos.line, col, what);
                    else diag.warn(sp.pos.line, col, what);
                }
                if (outside_bmp) continue;
            }
            full.append(sp.text, at, i - at);
            owner.insert(owner.end(), i - at, static_cast<std::uint32_t>(si));
        }
    }

    // Chunks between break opportunities; white space at a chunk's end is where glue goes.
    struct Chunk {
        std::size_t begin, end;  // content without surrounding white space
        BreakPoint::Kind kind;   // of the break after the chunk
        bool forced;
        bool spaced;             // white space followed the content
    };
    auto is_ws = [](char32_t c) { return c == '\n' || is_breaking_space(c); };
    std::vector<Chunk> chunks;
    auto add_chunk = [&](std::size_t from, std::size_t to, BreakPoint::Kind kind, bool forced) {
        std::size_t bgn = from;
        while (bgn < to) {
            std::size_t k = bgn;
            if (!is_ws(base::utf8::decode(full, k))) break;
            bgn = k;
        }
        std::size_t e = to;
        while (e > bgn) {
            std::size_t s0 = e - 1;
            while (s0 > bgn && (static_cast<unsigned char>(full[s0]) & 0xC0) == 0x80) --s0;
            std::size_t k = s0;
            if (!is_ws(base::utf8::decode(full, k))) break;
            e = s0;
        }
        chunks.push_back(Chunk{bgn, e, kind, forced, e < to});
    };
    std::size_t prev = 0;
    for (const auto& bp : break_opportunities(full, ps.lang)) {
        if (bp.offset <= prev || bp.offset > full.size()) continue;
        add_chunk(prev, bp.offset, bp.kind, bp.forced);
        prev = bp.offset;
    }
    add_chunk(prev, full.size(), BreakPoint::Kind::Space, false);

    // Words (chunks up to a space or forced break) → boxes, hyphenation points and penalties.
    for (std::size_t c0 = 0; c0 < chunks.size();) {
        std::size_t c1 = c0;
        while (c1 + 1 < chunks.size() && !chunks[c1].spaced && !chunks[c1].forced &&
               chunks[c1].kind != BreakPoint::Kind::Space)
            ++c1;
        const std::string_view whole = chunks[c0].begin < chunks[c1].end
                                           ? std::string_view(full).substr(chunks[c0].begin, chunks[c1].end - chunks[c0].begin)
                                           : std::string_view();
        const bool url = !whole.empty() && is_url(whole);
        const bool compound = whole.find('-') != std::string_view::npos || whole.find("\u2010") != std::string_view::npos;
        for (std::size_t c = c0; c <= c1; ++c) {
            const Chunk& ch = chunks[c];
            std::vector<Seg> segs;
            // A segment per run of bytes of one span, with the soft hyphens inside the run.
            for (std::size_t i = ch.begin; i < ch.end;) {
                std::size_t j = i + 1;
                while (j < ch.end && owner[j] == owner[i]) ++j;
                if (segs.empty() || segs.back().span != owner[i]) segs.push_back(Seg{owner[i], {}, 0});
                Seg& sg = segs.back();
                const std::size_t base = sg.text.size();  // where byte i goes in the segment
                for (auto it = std::lower_bound(soft.begin(), soft.end(), i); it != soft.end() && *it < j; ++it)
                    if (base + (*it - i) > 0) sg.soft.push_back(base + (*it - i));
                sg.text.append(full, i, j - i);
                i = j;
            }
            if (!segs.empty()) b.word(segs, url, compound);
            // No break after a hyphen the author wrote: text extraction (poppler) joins a line
            // ending in '-' with the next and drops the '-', which would turn "deux-points" into
            // "deuxpoints". Such words still break at their hyphenation points.
            const bool ends_with_hyphen = ch.end > ch.begin &&
                (full[ch.end - 1] == '-' || std::string_view(full).substr(ch.begin, ch.end - ch.begin).ends_with("\u2010"));
            if (c < c1 && !segs.empty() && !ends_with_hyphen) {
                const std::size_t sp = segs.back().span;
                switch (ch.kind) {
                    case BreakPoint::Kind::Hyphen: b.penalty(sp, BreakKind::Explicit); break;
                    case BreakPoint::Kind::Url: b.penalty(sp, BreakKind::Url); break;
                    case BreakPoint::Kind::Other:
                    case BreakPoint::Kind::Space: b.penalty(sp, BreakKind::Other); break;
                }
            }
        }
        const Chunk& last = chunks[c1];
        const std::size_t space_span = last.end < owner.size() ? owner[last.end] : (spans.empty() ? 0 : spans.size() - 1);
        // A line must not end with a word that ends in a hyphen ("--", a lone "-"): text
        // extraction takes such a hyphen for a hyphenation and joins the next line to it.
        const bool hyphen_end = !whole.empty() && (whole.back() == '-' || whole.ends_with("\u2010"));
        if (last.forced) b.forced_break(space_span);
        else if (last.spaced) b.glue(space_span, !hyphen_end);
        c0 = c1 + 1;
    }
    if (b.items.empty()) return {};
    b.forced_break(spans.empty() ? 0 : spans.size() - 1);
    // The paragraph's last word is never hyphenated: its second half alone on the last line
    // ("antivi-/rales.") reads worst of all.
    for (std::size_t i = b.items.size(); i-- > 0;) {
        const Item& it = b.items[i];
        if (it.kind == Item::Kind::Glue && it.stretch < fill_stretch_pt) break;
        if (it.kind == Item::Kind::Penalty && it.flagged && b.info[i].draws_hyphen && !b.info[i].cut)
            b.items[i].penalty = infinity_penalty;
    }

    BreakParams params;
    params.flagged_demerits = ps.costs.double_hyphen_demerits;
    params.final_hyphen_demerits = ps.costs.final_hyphen_demerits;
    params.last_word_demerits = ps.costs.last_word_demerits;
    params.max_consecutive_hyphens = ps.costs.hyphen_limit;
    // Ragged lines may fall short by a few ems at no great cost (TeX's ragged right uses a
    // \rightskip of 0pt plus 2em); the spaces keep their own small stretch so that, as in TeX,
    // the lines still try to come out even.
    if (ps.align != style::TextAlign::Justify) params.line_end_stretch = 2 * (spans.empty() ? 10.0 : spans.front().size_pt);
    const std::vector<double> widths{first_w, ps.width_pt};
    std::vector<Break> breaks = break_lines(b.items, widths, params);
    // Balancing weighs every way to set the words in that many lines (time and memory grow
    // with lines times words): a title or heading of more lines than this is a paragraph's
    // worth of text read as one and keeps its total-fit lines.
    constexpr std::size_t max_balanced_lines = 12;
    if (ps.balance && ps.align != style::TextAlign::Justify && breaks.size() > 1 && breaks.size() <= max_balanced_lines) {
        std::vector<std::string> texts(b.info.size());
        for (std::size_t i = 0; i < b.info.size(); ++i) texts[i] = b.info[i].text;
        if (auto even = balanced_breaks(b.items, texts, widths, breaks.size()); !even.empty()) breaks = std::move(even);
    }

    std::vector<Line> lines;
    std::size_t start = 0;
    for (std::size_t li = 0; li < breaks.size(); ++li) {
        const std::size_t end = std::min(breaks[li].item, b.items.size() - 1);
        std::size_t s = start;
        while (s < end && b.items[s].kind != Item::Kind::Box) ++s;
        start = end + 1;
        const Item& brk = b.items[end];
        const bool forced = brk.kind == Item::Kind::Penalty && brk.penalty <= -infinity_penalty;
        const bool hyphen = brk.kind == Item::Kind::Penalty && b.info[end].draws_hyphen;
        const double W = li == 0 ? first_w : ps.width_pt;
        const double offset = li == 0 ? ps.first_indent_pt : 0;

        double natural = 0, stretch = 0, shrink = 0;
        bool any_box = false;
        for (std::size_t k = s; k < end; ++k) {
            const Item& it = b.items[k];
            if (it.kind == Item::Kind::Box) natural += it.width, any_box = true;
            else if (it.kind == Item::Kind::Glue && !b.info[k].fill) natural += it.width, stretch += it.stretch, shrink += it.shrink;
        }
        if (!any_box) continue;
        const double hyphen_w = hyphen ? brk.width : 0;
        natural += hyphen_w;

        Line line;
        line.hyphen = hyphen;
        line.space_break = forced || brk.kind == Item::Kind::Glue;
        line.natural_pt = natural;
        const bool justify = ps.align == style::TextAlign::Justify && !forced;
        double r = 0;
        if (natural > W) r = shrink > 0 ? (W - natural) / shrink : -2;
        // A line that could only be justified with gaping spaces (an emergency break among long
        // unbreakable words) is stretched as far as the first pass allows and left short.
        else if (justify && stretch > 0) r = std::min((W - natural) / stretch, BreakParams{}.tolerance);
        double hscale = 1;
        if (r < -1) {
            r = -1;
            const double squeezed = natural - shrink;
            if (squeezed > W) hscale = W / squeezed;
        }
        line.ratio = r;
        const double used = (natural + (r > 0 ? r * stretch : r * shrink)) * hscale;
        double x = offset;
        if (ps.align == style::TextAlign::Center) x += std::max(0.0, (W - used) / 2);
        else if (ps.align == style::TextAlign::Right) x += std::max(0.0, W - used);

        bool joined = false;  // the next box continues the previous fragment (no glue between)
        for (std::size_t k = s; k < end; ++k) {
            const Item& it = b.items[k];
            const auto& in = b.info[k];
            if (it.kind == Item::Kind::Box) {
                if (joined && !line.fragments.empty() && line.fragments.back().span == in.span) {
                    line.fragments.back().text += in.text;
                    line.fragments.back().width_pt += it.width * hscale;
                } else {
                    line.fragments.push_back(Fragment{in.span, in.text, x, it.width * hscale, hscale});
                }
                if (!line.words.empty() && !joined) line.words += ' ';
                line.words += in.text;
                x += it.width * hscale;
                joined = true;
            } else if (it.kind == Item::Kind::Glue) {
                if (!in.fill) x += (it.width + (r > 0 ? r * it.stretch : r * it.shrink)) * hscale;
                if (!in.fill && !line.fragments.empty()) line.fragments.back().space_after = true;
                joined = false;
            } else if (in.cut) {
                line.forced_split = true;
            }
        }
        if (hyphen && !line.fragments.empty()) {
            line.fragments.back().text += '-';
            line.fragments.back().width_pt += hyphen_w * hscale;
            line.words += '-';
            if (b.info[end].cut) line.forced_split = true;
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string describe_line(const Line& l) {
    std::string s = l.words;
    s += " | r=" + fmt_ratio(l.ratio);
    if (l.hyphen) s += " hyphen";
    if (l.forced_split) s += " cut";
    return s;
}

}  // namespace folio::layout
