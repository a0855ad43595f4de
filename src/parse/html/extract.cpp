// Content extraction: drop what is never content, score paragraphs into their ancestors, pick
// the best candidate with its siblings, clean conditionally. The weights and thresholds are
// Readability's (Readability.js, Apache-2.0), checked with bench/html/score.py on the dev set.
#include "parse/html/extract.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/utf8.hpp"
#include "parse/html/metadata.hpp"

namespace folio::parse::html {
namespace {

using base::utf8::ascii_lower;

/// Paragraphs shorter than this (visible code points) do not score: captions, buttons, bylines.
constexpr std::uint32_t min_paragraph_chars = 25;
/// An extraction with less text than this is retried without the class/id filter, which real
/// pages sometimes defeat (an article inside id="main-header-wrapper").
constexpr std::uint32_t retry_below_chars = 500;
/// Removed text is reported up to this many bytes per entry; -v prints it.
constexpr std::size_t removed_text_bytes = 160;
/// Entries kept in metadata.removed; the rest are summed up in one entry.
constexpr std::size_t max_removed_entries = 200;
/// Score levels a paragraph gives to its ancestors (Readability: 5).
constexpr int scored_ancestor_levels = 5;
/// A headline has at least this many words, nearly all (this share) in the page's title.
constexpr std::size_t min_headline_words = 4;
constexpr double headline_match = 0.75;
/// Headlines are looked for among this many <h1>, each (and the title) read up to this many
/// bytes: a hostile page may hold thousands, or one of megabytes.
constexpr std::size_t max_h1s = 64;
constexpr std::size_t max_headline_bytes = 400;
/// Another story: the article's own text between the two headlines, and the other story's
/// text beyond its headline, are at least this many bytes.
constexpr std::size_t min_story_bytes = 200;
/// Score kept by a candidate that lies in another article shown below this one.
constexpr double other_article_factor = 0.2;
/// A figure with a heading and at least this share of its text in links is a teaser.
constexpr double teaser_link_density = 0.8;
/// ... and at least this much text (visible code points) beyond its heading.
constexpr std::uint32_t min_teaser_summary = 20;

bool has_token(std::string_view s, std::string_view word) {
    for (std::size_t i = 0; (i = s.find(word, i)) != std::string_view::npos; ++i) {
        const bool left = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
        const std::size_t e = i + word.size();
        const bool right = e >= s.size() || !std::isalnum(static_cast<unsigned char>(s[e]));
        if (left && right) return true;
    }
    return false;
}

/// First hint of `words` found in `s`: plain words match anywhere, words starting with '=' only
/// as a whole token ("ad" must not match "header" or "shadow").
std::string_view match_hint(std::string_view s, std::span<const std::string_view> words) {
    for (std::string_view w : words) {
        if (w[0] == '=') {
            if (has_token(s, w.substr(1))) return w.substr(1);
        } else if (s.find(w) != std::string_view::npos) {
            return w;
        }
    }
    return {};
}

constexpr std::string_view unlikely_hints[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus",
    "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
    "pagination", "pager", "popup", "modal", "=dialog", "yom-remote", "share", "cookie", "newsletter", "subscribe",
    "=nav", "=navbar", "=ad", "=ads", "promo", "author-bio", "user-bio", "authorbio", "author-info", "author-box", "authorbox", "about-author",
    "about-the-author", "taboola", "outbrain", "most-popular", "mostpopular", "paywall", "=cta", "navbox",
    // the buttons that make the text larger or smaller ("Text Size  -  +  reset")
    "textsize", "text-size", "fontsize", "font-size", "textresize", "text-resize", "fontresize", "font-resize"};
constexpr std::string_view maybe_hints[] = {
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow"};
constexpr std::string_view positive_hints[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
    "text", "blog", "story"};
constexpr std::string_view negative_hints[] = {
    "-ad-", "=hidden", "=hid", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "=nav", "menu", "breadcrumb",
    "cookie", "newsletter", "subscribe", "social", "=ad", "=ads", "author-bio", "user-bio", "authorbio", "author-box", "authorbox",
    "author-info", "about-author", "about-the-author", "taboola", "most-popular", "mostpopular", "paywall", "=cta", "navbox"};

/// The reason reported for a hint word.
std::string reason_for(std::string_view hint) {
    auto any = [&](std::initializer_list<std::string_view> ws) {
        return std::any_of(ws.begin(), ws.end(), [&](std::string_view w) { return hint.find(w) != std::string_view::npos; });
    };
    if (any({"textsize", "text-size", "fontsize", "font-size", "resize"})) return "controls";
    if (any({"comment", "disqus", "replies", "remark", "shoutbox", "community"})) return "comments";
    if (any({"share", "social"})) return "share-links";
    if (any({"nav", "menu", "breadcrumb", "pagination", "pager"})) return "navigation";
    if (any({"footer"})) return "footer";
    if (any({"header", "masthead"})) return "header";
    if (any({"sidebar", "aside", "supplemental", "extra"})) return "sidebar";
    if (any({"related", "outbrain", "taboola", "popular"})) return "related-links";
    if (any({"cookie", "gdpr", "agegate", "popup", "modal", "dialog"})) return "cookie-notice";
    if (any({"newsletter", "subscribe", "rss"})) return "newsletter";
    if (any({"ad", "promo", "sponsor", "banner", "skyscraper", "cta"})) return "advertising";
    return "boilerplate";
}

/// Whether element i has one of `names` (lower case) among its classes: a whole class, case aside.
bool has_any_class(const Dom& dom, int i, std::initializer_list<std::string_view> names) {
    const std::string c = ascii_lower(dom.attr(i, "class"));
    for (std::size_t at = 0; at < c.size();) {
        const std::size_t b = c.find_first_not_of(" \t\n\r\f", at);
        if (b == std::string::npos) break;
        const std::size_t e = std::min(c.find_first_of(" \t\n\r\f", b), c.size());
        const std::string_view token = std::string_view(c).substr(b, e - b);
        if (std::find(names.begin(), names.end(), token) != names.end()) return true;
        at = e;
    }
    return false;
}

bool is_hidden(const Dom& dom, int i) {
    if (dom.has_attr(i, "hidden")) return true;
    if (ascii_lower(dom.attr(i, "aria-hidden")) == "true") return true;
    // Classes the usual style sheets hide: text for screen readers, or shown by a script only
    // when asked ("<span class=\"magnifier hide\"><span class=icon>S</span></span>": an icon
    // font's letter). Bootstrap's "d-none" is not one: beside "d-md-block" it hides the text on
    // small screens only.
    if (has_any_class(dom, i, {"hide", "hidden", "is-hidden", "visually-hidden", "visuallyhidden", "sr-only",
                               "screen-reader-text", "screenreader-only"}))
        return true;
    std::string style = ascii_lower(dom.attr(i, "style"));
    style.erase(std::remove_if(style.begin(), style.end(), [](char c) { return is_html_space(c); }), style.end());
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

/// What one extraction attempt may use; later attempts turn these off (see Extractor::run).
struct Flags {
    bool strip_unlikely;  ///< drop containers whose class/id look like boilerplate
    bool weight_classes;  ///< add or take score for class/id hints
};

class Extractor {
public:
    Extractor(Dom& dom, std::string_view title) : dom_(dom), title_(title) {}

    Extraction run() {
        int body = 0;
        for (int i = 0; i < dom_.size(); ++i)
            if (!dom_[i].is_text && dom_[i].tag == GUMBO_TAG_BODY) { body = i; break; }
        body_ = body;
        find_article_markup();
        find_headlines();

        auto length = [&](const Extraction& e) {
            std::uint32_t len = 0;
            for (int r : e.roots) len += dom_[r].text_len;
            return len;
        };
        // Readability's retry order: first keep the class hints' weights and only stop dropping
        // "unlikely" containers (a page wrapper named like a nav drawer), then drop the weights too.
        constexpr std::array<Flags, 3> stages{{{true, true}, {false, true}, {false, false}}};
        std::size_t best_stage = 0;
        std::uint32_t best_len = 0;
        Extraction best;
        for (std::size_t k = 0; k < stages.size(); ++k) {
            if (k > 0) reset();
            Extraction e = attempt(stages[k]);
            const std::uint32_t len = length(e);
            if (k == 0 || len > best_len) { best = std::move(e); best_len = len; best_stage = k; }
            if (len >= retry_below_chars) break;
            if (k + 1 == stages.size() && best_stage != k) {
                // The DOM must carry the marks of the attempt that is returned.
                reset();
                best = attempt(stages[best_stage]);
            }
        }
        collect_removed(best);
        if (headline_ >= 0) best.headline = dom_.text_of(headline_, true, max_headline_bytes);
        return best;
    }

private:
    void reset() {
        core_ = -1;
        core_classes_.clear();
        for (auto& n : dom_.nodes) {
            n.dropped = n.silent = n.scored = false;
            n.drop_reason.clear();
            n.score = 0;
            n.text_len = n.link_len = n.inline_len = n.commas = 0;
            n.paragraphs = n.images = n.items = n.inputs = n.embeds = n.headings = 0;
        }
    }

    Extraction attempt(Flags f) {
        Extraction e;
        mark(f.strip_unlikely);
        compute_stats(dom_);
        e.byline = take_byline();
        score_paragraphs(f.weight_classes);
        const int top = choose_top();
        if (core_ >= 0)
            for (int a = core_; a >= 0 && a != dom_[top].parent && a != body_; a = dom_[a].parent)
                // Not a grid's own names: a "row" or a "container" is every box of the page.
                if (std::string c = first_class(a); !c.empty() && !is_comments_class(c) && !is_layout_class(c))
                    core_classes_.insert(std::move(c));
        e.roots = siblings_of(top);
        add_lead_paragraphs(e.roots);
        drop_other_articles(e.roots, top);
        for (int r : e.roots) clean(r, f.weight_classes);
        drop_related_section(e.roots);
        drop_teaser_run(e.roots);
        drop_trailing_furniture(e.roots);
        return e;
    }

    // ------------------------------------------------ pass 1: what is never content

    /// Marks the elements that hold the article by its schema.org markup (an Article type,
    /// itemprop="articleBody") and their ancestors: a container a site calls an aside or names
    /// like a sidebar is no boilerplate when the article is inside it. (A bare <article> is
    /// not enough: lists of related stories are made of them.)
    void find_article_markup() {
        holds_article_.assign(static_cast<std::size_t>(dom_.size()), 0);
        for (int i = 0; i < dom_.size(); ++i) {
            const Node& n = dom_[i];
            if (n.is_text) continue;
            const std::string type = ascii_lower(dom_.attr(i, "itemtype"));
            const bool marked = ascii_lower(dom_.attr(i, "itemprop")).find("articlebody") != std::string::npos ||
                                (type.find("schema.org/") != std::string::npos &&
                                 (type.ends_with("article") || type.ends_with("blogposting") || type.ends_with("report")));
            if (!marked) continue;
            for (int a = i; a >= 0 && !holds_article_[static_cast<std::size_t>(a)]; a = dom_[a].parent)
                holds_article_[static_cast<std::size_t>(a)] = 1;
        }
    }

    bool holds_article(int i) const { return holds_article_[static_cast<std::size_t>(i)] != 0; }

    void mark(bool strict) {
        for (int i = 0; i < dom_.size(); ++i) {
            Node& n = dom_[i];
            if (n.parent >= 0 && dom_[n.parent].dropped) {
                n.dropped = true;
                n.silent = dom_[n.parent].silent || (!n.is_text && is_silent_tag(n.tag));
                continue;
            }
            if (n.is_text) continue;
            if (is_silent_tag(n.tag)) { n.dropped = n.silent = true; continue; }
            if (n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_HTML) continue;
            if (const std::string_view why = furniture(i); !why.empty()) { drop_mark(i, std::string(why)); continue; }
            if (!strict || n.tag == GUMBO_TAG_ARTICLE || n.tag == GUMBO_TAG_MAIN || n.tag == GUMBO_TAG_A) continue;
            // A heading is the article's own even when its id names a jump target for a table
            // of contents ("nav_schredder_statt_ofen"); a heading that is furniture is judged
            // with its container.
            if (n.tag >= GUMBO_TAG_H1 && n.tag <= GUMBO_TAG_H6) continue;
            // What holds the article by its markup (itemprop=articleBody, schema.org Article).
            if (holds_article(i)) continue;
            const std::string hints = dom_.class_and_id(i);
            const std::string_view hit = match_hint(hints, unlikely_hints);
            if (hit.empty() || !match_hint(hints, maybe_hints).empty() || in_table_or_code(i)) continue;
            // A paragraph marked "paywall" is the part of the article a site hides from readers
            // who have not subscribed, served in the page all the same: it is text, not a box
            // asking for a subscription.
            if (n.tag == GUMBO_TAG_P && hit == "paywall" && has_any_class(dom_, i, {"paywall"})) continue;
            drop_mark(i, reason_for(hit));
        }
    }

    /// Why element i is page furniture by its tag, role or visibility ("hidden", "navigation",
    /// "sidebar", "cookie-notice"), or empty. An aside that holds the article is none.
    std::string_view furniture(int i) const {
        if (is_hidden(dom_, i)) return "hidden";
        const GumboTag t = dom_[i].tag;
        if (t == GUMBO_TAG_NAV) return "navigation";
        if (t == GUMBO_TAG_ASIDE && !holds_article(i)) return "sidebar";
        const std::string role = ascii_lower(dom_.attr(i, "role"));
        if (role == "navigation" || role == "menu" || role == "menubar" || role == "search") return "navigation";
        if (role == "complementary") return "sidebar";
        if (role == "dialog" || role == "alertdialog") return "cookie-notice";
        if (is_control(i, role)) return "controls";
        return {};
    }

    /// Whether element i is a control of the page's scripts rather than text: a short box that
    /// acts when clicked ("HIDE CAPTION", the numbered buttons of a slide show) or a box of
    /// arrows alone ("<<", "›"). A link stays a link, and text inside a paragraph stays text.
    bool is_control(int i, std::string_view role) const {
        constexpr std::uint32_t max_control_chars = 40, max_arrow_chars = 3;
        constexpr int max_levels = 32;  // how far up a paragraph or a table is looked for
        const Node& n = dom_[i];
        if (n.tag == GUMBO_TAG_A || n.tag == GUMBO_TAG_P || (n.tag >= GUMBO_TAG_H1 && n.tag <= GUMBO_TAG_H6)) return false;
        const bool clickable = role == "button" || dom_.has_attr(i, "onclick");
        // (Runs before the text is counted: measured here, and only as far as the limit.)
        const std::uint32_t len = short_text_length(i, clickable ? max_control_chars : max_arrow_chars);
        if (len > (clickable ? max_control_chars : max_arrow_chars)) return false;
        if (!clickable && (len == 0 || !only_arrows(i))) return false;
        int level = 0;
        for (int p = n.parent; p >= 0 && level < max_levels; p = dom_[p].parent, ++level) {
            const GumboTag t = dom_[p].tag;
            if (t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_CODE || t == GUMBO_TAG_TABLE) return false;
        }
        return true;
    }

    /// The visible length of element i's text, or more than `limit` once it is past it (or
    /// the box holds more than a few hundred nodes: no control is that large).
    std::uint32_t short_text_length(int i, std::uint32_t limit) const {
        constexpr int max_nodes = 256;
        const int d = dom_[i].depth;
        std::uint32_t len = 0;
        for (int k = i + 1, seen = 0; k < dom_.size() && dom_[k].depth > d; ++k) {
            if (++seen > max_nodes) return limit + 1;
            if (dom_[k].is_text) len += static_cast<std::uint32_t>(visible_length(dom_[k].text));
            if (len > limit) return len;
        }
        return len;
    }

    /// Whether the text of element i is arrows alone ("<<", "> ", "\u203a").
    bool only_arrows(int i) const {
        const std::string t = dom_.text_of(i);
        for (std::size_t at = 0; at < t.size();) {
            const std::string_view rest = std::string_view(t).substr(at);
            if (rest[0] == '<' || rest[0] == '>' || rest[0] == ' ') { ++at; continue; }
            bool arrow = false;
            for (std::string_view a : {"\u00ab", "\u00bb", "\u2039", "\u203a", "\u2190", "\u2192"})
                if (rest.starts_with(a)) { at += a.size(); arrow = true; break; }
            if (!arrow) return false;
        }
        return !t.empty();
    }

    void drop_mark(int i, std::string reason) {
        dom_[i].dropped = true;
        dom_[i].drop_reason = std::move(reason);
    }

    bool in_table_or_code(int i) const {
        for (int p = dom_[i].parent; p >= 0; p = dom_[p].parent)
            if (dom_[p].tag == GUMBO_TAG_TABLE || dom_[p].tag == GUMBO_TAG_CODE || dom_[p].tag == GUMBO_TAG_PRE) return true;
        return false;
    }

    // ------------------------------------------------ byline

    /// Readability's byline test: rel/itemprop author, or a class/id naming a byline or an
    /// author (an author's bio, avatar, picture, job title or date is not the byline).
    bool is_byline_node(int i) const {
        if (ascii_lower(dom_.attr(i, "rel")) == "author") return true;
        if (ascii_lower(dom_.attr(i, "itemprop")).find("author") != std::string::npos) return true;
        const std::string hints = dom_.class_and_id(i);
        if (hints.find("byline") != std::string::npos || hints.find("writtenby") != std::string::npos) return true;
        if (hints.find("author") == std::string::npos) return false;
        for (std::string_view w : {"bio", "avatar", "image", "title", "date"})
            if (hints.find(w) != std::string::npos) return false;
        return true;
    }

    static std::string strip_by(std::string t) {
        for (std::string_view prefix : {"By ", "by ", "BY ", "Par ", "par ", "Von ", "von "})
            if (t.rfind(prefix, 0) == 0) t.erase(0, prefix.size());
        return t;
    }

    std::string take_byline() {
        for (int i = body_; i < dom_.size(); ++i) {
            const Node& n = dom_[i];
            if (n.is_text || !byline_may_be_in(i) || !is_byline_node(i)) continue;
            // A byline block often holds the date and a handle too; its schema.org name, when
            // marked, is the author alone (Readability prefers it the same way). Otherwise an
            // author element inside it ("byline__author", rel="author") is.
            const std::string whole = byline_text(i);
            if (whole.empty() || (dom_[i].dropped ? whole.size() > 200 : n.text_len > 100)) continue;
            int at = name_inside(i);
            if (at < 0) at = byline_inside(i);
            std::string t = strip_by(at >= 0 ? byline_text(at) : whole);
            if (author_name(t).empty()) continue;  // "By" alone, a date: the names are further on
            drop(i, "byline");
            return t;
        }
        return {};
    }

    /// Whether the byline may be taken from node i: not dropped, or dropped only as part of a
    /// block whose class/id named it a share bar (an article's header often holds the byline
    /// beside the share buttons, "gigya-share-btns"). Hidden, navigation, header, comment and
    /// sidebar blocks never give it.
    bool byline_may_be_in(int i) const {
        if (!dom_[i].dropped) return true;
        int top = i;
        while (dom_[top].parent >= 0 && dom_[dom_[top].parent].dropped) top = dom_[top].parent;
        if (dom_[top].silent) return false;
        const std::string& r = dom_[top].drop_reason;
        return r == "share-links";
    }

    std::string byline_text(int i) const { return dom_.text_of(i, dom_[i].dropped); }

    /// The innermost element below i that passes the byline test and holds more than the word
    /// "By", or -1.
    int byline_inside(int i) const {
        int found = -1;
        for (int at = i;;) {
            const int d = dom_[at].depth;
            int next = -1;
            for (int k = at + 1; k < dom_.size() && dom_[k].depth > d; ++k) {
                if (dom_[k].is_text || !byline_may_be_in(k) || !is_byline_node(k)) continue;
                if (strip_by(byline_text(k) + " ").find_first_not_of(' ') == std::string::npos) continue;
                next = k;
                break;
            }
            if (next < 0) return found;
            found = at = next;
        }
    }

    /// The first element below i with itemprop="name" and some text, or -1.
    int name_inside(int i) const {
        const int d = dom_[i].depth;
        for (int k = i + 1; k < dom_.size() && dom_[k].depth > d; ++k)
            if (!dom_[k].is_text && byline_may_be_in(k) && ascii_lower(dom_.attr(k, "itemprop")) == "name" && !byline_text(k).empty())
                return k;
        return -1;
    }

    // ------------------------------------------------ headlines

    /// The article's headline: the first <h1> whose words are nearly all in the page's title
    /// ("Meta Outage Hits … Worldwide" under "Meta Outage Hits … | Kulu Media"). Below it, an
    /// <h1> of the same class is the headline of another story the page shows in full (an
    /// endless scroll of the next stories) when the article's own text comes between the two
    /// and the other headline heads a part of the page with text of its own. A second copy of
    /// the headline (one for small screens, one for large), section headings inside the
    /// article's body and headings in navigation or sidebars are not other stories.
    void find_headlines() {
        const std::vector<std::string> title = title_words(title_.substr(0, std::min(title_.size(), max_headline_bytes)));
        if (title.size() < min_headline_words) return;
        const std::unordered_set<std::string> title_set(title.begin(), title.end());
        auto matches_title = [&](const std::vector<std::string>& words) {
            if (words.size() < min_headline_words) return false;
            const auto found = std::count_if(words.begin(), words.end(), [&](const std::string& w) { return title_set.contains(w); });
            return static_cast<double>(found) >= headline_match * static_cast<double>(words.size());
        };
        std::vector<int> h1s;
        for (int i = body_; i < dom_.size() && h1s.size() < max_h1s; ++i)
            if (!dom_[i].is_text && dom_[i].tag == GUMBO_TAG_H1 && !in_furniture(i)) h1s.push_back(i);
        std::vector<std::vector<std::string>> words;
        for (int h : h1s) words.push_back(title_words(dom_.text_of(h, false, max_headline_bytes)));
        for (std::size_t k = 0; k < h1s.size() && headline_ < 0; ++k)
            if (matches_title(words[k])) headline_ = h1s[k];
        if (headline_ < 0) return;
        const std::string cls = first_class(headline_);
        if (cls.empty()) return;
        // Per node, where its subtree ends (nodes are in document order), and the text bytes
        // before it: what lies between two places of the page, in constant time.
        subtree_end_.assign(static_cast<std::size_t>(dom_.size()), dom_.size());
        std::vector<std::size_t> text_before(static_cast<std::size_t>(dom_.size()) + 1, 0);
        std::vector<int> open;
        for (int i = 0; i < dom_.size(); ++i) {
            while (!open.empty() && dom_[open.back()].depth >= dom_[i].depth) {
                subtree_end_[static_cast<std::size_t>(open.back())] = i;
                open.pop_back();
            }
            open.push_back(i);
            text_before[static_cast<std::size_t>(i) + 1] = text_before[static_cast<std::size_t>(i)] + (dom_[i].is_text ? dom_[i].text.size() : 0);
        }
        auto text_between = [&](int a, int b) { return b > a ? text_before[static_cast<std::size_t>(b)] - text_before[static_cast<std::size_t>(a)] : 0; };
        for (std::size_t k = 0; k < h1s.size(); ++k) {
            const int h = h1s[k];
            if (h <= headline_ || first_class(h) != cls || words[k].size() < min_headline_words || matches_title(words[k])) continue;
            int part = h;
            while (dom_[part].parent >= 0 && dom_[part].parent != body_ && !dom_.inside(headline_, dom_[part].parent))
                part = dom_[part].parent;
            if (text_between(subtree_end_[static_cast<std::size_t>(headline_)], part) < min_story_bytes) continue;
            if (text_between(part, subtree_end_[static_cast<std::size_t>(part)]) <
                text_between(h, subtree_end_[static_cast<std::size_t>(h)]) + min_story_bytes)
                continue;
            other_headlines_.push_back(h);
            other_parts_.push_back(part);
        }
    }

    /// Node i lies in navigation, a sidebar, a dialog or a hidden block.
    bool in_furniture(int i) const {
        for (int a = dom_[i].parent; a >= 0 && a != body_; a = dom_[a].parent)
            if (!furniture(a).empty()) return true;
        return false;
    }

    std::string first_class(int i) const {
        const std::string_view c = dom_.attr(i, "class");
        const std::size_t b = c.find_first_not_of(" \t\n");
        if (b == std::string_view::npos) return {};
        return std::string(c.substr(b, c.find_first_of(" \t\n", b) - b));
    }

    /// Candidate c lies in another story: it does not hold the headline, and another story's
    /// headline comes before its end (before it, or inside it).
    bool of_another_article(int c) const {
        if (other_headlines_.empty()) return false;
        const int end = subtree_end_[static_cast<std::size_t>(c)];
        if (c <= headline_ && headline_ < end) return false;
        return other_headlines_.front() < end;
    }

    /// Takes other stories out of the kept roots: a sibling of the top that lies in one goes
    /// whole (the top stays, whatever it is); inside a root that holds the headline, the part
    /// of the page another story's headline heads goes.
    void drop_other_articles(std::vector<int>& roots, int top) {
        if (other_headlines_.empty()) return;
        std::erase_if(roots, [&](int r) {
            if (r == top || !of_another_article(r)) return false;
            drop(r, "other-article");
            return true;
        });
        for (int r : roots) {
            if (!dom_.inside(headline_, r)) continue;
            for (int part : other_parts_)
                if (part != r && dom_.inside(part, r)) drop(part, "other-article");
        }
    }

    // ------------------------------------------------ pass 2: scoring

    double class_weight(int i) const {
        double w = 0;
        auto weigh = [&](std::string_view v) {
            const std::string s = ascii_lower(v);
            if (s.empty()) return;
            if (!match_hint(s, negative_hints).empty()) w -= 25;
            if (!match_hint(s, positive_hints).empty()) w += 25;
        };
        weigh(dom_.attr(i, "class"));
        weigh(dom_.attr(i, "id"));
        if (ascii_lower(dom_.attr(i, "itemprop")).find("articlebody") != std::string::npos) w += 50;
        return w;
    }

    static double tag_base(GumboTag t) {
        switch (t) {
            case GUMBO_TAG_DIV: return 5;
            case GUMBO_TAG_ARTICLE: return 10;
            case GUMBO_TAG_MAIN: case GUMBO_TAG_SECTION: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return 3;
            case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
            case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: return -3;
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
            case GUMBO_TAG_H6: case GUMBO_TAG_TH: return -5;
            default: return 0;
        }
    }

    void init_candidate(int i, bool weights) {
        Node& n = dom_[i];
        if (n.scored) return;
        n.scored = true;
        n.score = tag_base(n.tag) + (weights ? class_weight(i) : 0);
        candidates_.push_back(i);
    }

    static bool is_container(GumboTag t) {
        return t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN ||
               t == GUMBO_TAG_CENTER || t == GUMBO_TAG_BODY;
    }

    void score_paragraphs(bool weights) {
        candidates_.clear();
        for (int i = body_; i < dom_.size(); ++i) {
            const Node& n = dom_[i];
            if (n.is_text || n.dropped) continue;
            // Subheadings long enough to be sentences score like paragraphs (Readability's tags to
            // score): a body made of short sections under long headings still wins over a sidebar.
            const bool para = n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_PRE || n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_H2 ||
                              n.tag == GUMBO_TAG_H3 || n.tag == GUMBO_TAG_H4 || n.tag == GUMBO_TAG_H5 || n.tag == GUMBO_TAG_H6;
            const bool mixed = is_container(n.tag) && n.inline_len >= min_paragraph_chars;
            if (!para && !mixed) continue;
            if (para && in_paragraph(i)) continue;
            const std::uint32_t len = para ? n.text_len : n.inline_len;
            if (len < min_paragraph_chars) continue;
            const double score = 1 + (para ? n.commas : std::min(n.commas, n.inline_len / 20)) + std::min(len / 100, 3u);
            // A container's own text is a paragraph inside it: the container is level 0.
            int a = para ? n.parent : i;
            for (int level = 0; a >= 0 && level < scored_ancestor_levels; ++level, a = dom_[a].parent) {
                if (dom_[a].tag == GUMBO_TAG_HTML) break;
                init_candidate(a, weights);
                dom_[a].score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
            }
        }
        for (int c : candidates_) {
            Node& n = dom_[c];
            n.score *= 1 - link_density(c);
            if (of_another_article(c)) n.score *= other_article_factor;
        }
    }

    bool in_paragraph(int i) const {
        for (int p = dom_[i].parent; p >= 0; p = dom_[p].parent)
            if (dom_[p].tag == GUMBO_TAG_P || dom_[p].tag == GUMBO_TAG_PRE) return true;
        return false;
    }

    double link_density(int i) const {
        const Node& n = dom_[i];
        return n.text_len == 0 ? 0 : static_cast<double>(n.link_len) / n.text_len;
    }

    int element_children(int i) const {
        int k = 0;
        for (int c = dom_[i].first_child; c >= 0; c = dom_[c].next_sibling)
            k += !dom_[c].is_text && !dom_[c].dropped;
        return k;
    }

    int choose_top() {
        int top = -1;
        for (int c : candidates_)
            if (top < 0 || dom_[c].score > dom_[top].score) top = c;
        if (top < 0 || dom_[top].tag == GUMBO_TAG_BODY) return body_;
        core_ = top;
        // Several near-best candidates under one ancestor: the article is that ancestor.
        std::vector<int> sorted = candidates_;
        std::sort(sorted.begin(), sorted.end(), [&](int a, int b) { return dom_[a].score > dom_[b].score; });
        std::vector<int> alternatives;
        for (std::size_t k = 1; k < sorted.size() && k < 5; ++k)
            if (dom_[sorted[k]].score / dom_[top].score >= 0.75) alternatives.push_back(sorted[k]);
        if (alternatives.size() >= 3) {
            for (int p = dom_[top].parent; p >= 0 && p != body_; p = dom_[p].parent) {
                const auto inside = std::count_if(alternatives.begin(), alternatives.end(), [&](int a) { return dom_.inside(a, p); });
                if (inside >= 3) { top = p; break; }
            }
        }
        if (!dom_[top].scored) init_candidate(top, true);
        // Climb while the parent scores higher (its other children hold article text too).
        double last = dom_[top].score;
        const double threshold = last / 3;
        for (int p = dom_[top].parent; p >= 0 && p != body_; p = dom_[p].parent) {
            if (!dom_[p].scored) continue;
            if (dom_[p].score < threshold) break;
            if (dom_[p].score > last) { top = p; break; }
            last = dom_[p].score;
        }
        for (int p = dom_[top].parent; p >= 0 && p != body_ && element_children(p) == 1; p = dom_[p].parent) top = p;
        return top;
    }

    std::vector<int> siblings_of(int top) {
        if (top == body_ || dom_[top].parent < 0) return {top};
        const double threshold = std::max(10.0, dom_[top].score * 0.2);
        const std::string_view top_class = dom_.attr(top, "class");
        const bool in_article = inside_tag(top, GUMBO_TAG_ARTICLE, -1);
        std::vector<int> kept;
        for (int s = dom_[dom_[top].parent].first_child; s >= 0; s = dom_[s].next_sibling) {
            const Node& n = dom_[s];
            if (s == top) { kept.push_back(s); continue; }
            if (n.is_text || n.dropped) continue;
            double bonus = 0;
            if (!top_class.empty() && dom_.attr(s, "class") == top_class) bonus += dom_[top].score * 0.2;
            if (n.scored && n.score + bonus >= threshold) { kept.push_back(s); continue; }
            const double ld = link_density(s);
            // A sibling built like the top (same class) holding paragraphs is another block of the
            // same article, even when its paragraphs sit too deep to have scored it, or are the
            // items of a list of prose (a heading over numbered points, which score nothing).
            if (!top_class.empty() && (dom_.attr(s, "class") == top_class || same_build(s, top)) &&
                (n.paragraphs > 0 || (n.items > 0 && n.commas >= n.items)) && n.text_len > 80 && ld < 0.25) {
                kept.push_back(s);
                continue;
            }
            // The article's own header before the body: a <header> sibling ahead of the top,
            // inside an <article>, holding a paragraph of prose (a standfirst); clean() then
            // takes out its share bar. A site's header is not inside the <article>.
            if (n.tag == GUMBO_TAG_HEADER && s < top && in_article && n.paragraphs > 0 && n.text_len > 80 && ld < 0.25 && n.commas > 0) {
                kept.push_back(s);
                continue;
            }
            if (n.tag != GUMBO_TAG_P && !(is_container(n.tag) && n.inline_len == n.text_len)) continue;
            if (n.text_len > 80 && ld < 0.25) kept.push_back(s);
            else if (n.text_len > 0 && n.text_len < 80 && ld == 0) {
                const std::string t = dom_.text_of(s);
                if (t.find(". ") != std::string::npos || (!t.empty() && t.back() == '.')) kept.push_back(s);
            }
        }
        return kept;
    }

    /// Whether a class names readers' comments: a best candidate among comments (a short post
    /// under a long thread) does not make its fellow comments the article's.
    static bool is_comments_class(const std::string& c) {
        const std::string low = ascii_lower(c);
        for (std::string_view w : {"comment", "reply", "replies", "disqus", "thread"})
            if (low.find(w) != std::string::npos) return true;
        return false;
    }

    /// Class names every box of a page layout may carry.
    static bool is_layout_class(const std::string& c) {
        static constexpr std::string_view names[] = {"row", "container", "container-fluid", "col", "column", "columns", "wrapper",
                                                     "wrap", "grid", "clearfix", "inner", "box", "block", "section", "content"};
        const std::string low = ascii_lower(c);
        return std::find(std::begin(names), std::end(names), low) != std::end(names) || low.starts_with("col-");
    }

    /// Whether a and b are built alike: the same tag and first class, and the same kind in a
    /// page builder's naming ("elementor-widget-text-editor" beside the first class, which all
    /// widgets share).
    bool same_build(int a, int b) const {
        if (dom_[a].tag != dom_[b].tag) return false;
        const std::string ca = first_class(a);
        if (ca.empty() || ca != first_class(b)) return false;
        auto kind = [&](int i) {
            const std::string_view c = dom_.attr(i, "class");
            const std::size_t at = c.find("-widget-");
            return at == std::string_view::npos ? std::string_view() : c.substr(at, c.find(' ', at) - at);
        };
        return kind(a) == kind(b);
    }

    /// Paragraphs of prose right before the article's first block, with nothing but empty
    /// elements (ad slots, closed columns) in between: the article's opening, which a page
    /// layout put in a row or section of its own (a lead above an ad, the first paragraphs in a
    /// full-width row and the rest in a column beside a sidebar). The walk stops at the first
    /// text that is not such a paragraph: a headline, a byline, a caption, a link list.
    void add_lead_paragraphs(std::vector<int>& roots) {
        if (roots.empty() || roots.front() == body_) return;
        const int first = *std::min_element(roots.begin(), roots.end());
        // Only paragraphs made like the body's own (the same class, or none as theirs): a
        // standfirst, a byline or a site's banner above the article is made otherwise.
        std::unordered_set<std::string_view> body_classes;
        for (int r : roots)
            for (int i = r, end = after_subtree(r); i < end; ++i)
                if (!dom_[i].is_text && dom_[i].tag == GUMBO_TAG_P && !dom_[i].dropped) body_classes.insert(dom_.attr(i, "class"));
        std::vector<int> lead;
        for (int j = first - 1; j > body_;) {
            const Node& n = dom_[j];
            if (!n.is_text || std::all_of(n.text.begin(), n.text.end(), is_html_space)) { --j; continue; }
            int box = -1;
            if (const Shown v = shown(j, box); v == Shown::never) {
                --j;
                continue;
            } else if (v == Shown::removed) {
                // A box that interrupts articles (related stories, an ad, a share bar) is passed
                // over whole; other removed text in between (a byline, a header) means the
                // article starts below it.
                const std::string_view why = box >= 0 ? std::string_view(dom_[box].drop_reason) : std::string_view();
                if (why == "related-links" || why == "advertising" || why == "share-links" || why == "newsletter") {
                    j = box - 1;
                    continue;
                }
                break;
            }
            int block = n.parent;
            while (block >= 0 && !is_block_tag(dom_[block].tag)) block = dom_[block].parent;
            if (block < 0 || block <= body_ || dom_.inside(first, block) || !is_prose_paragraph(block) ||
                !body_classes.contains(dom_.attr(block, "class")) || block < headline_ || is_caption(block))
                break;  // (an article's opening comes after its headline: above it is a site's banner)
            lead.push_back(block);
            j = block - 1;
        }
        if (lead.empty()) return;
        roots.insert(roots.begin(), lead.rbegin(), lead.rend());
    }

    /// Whether paragraph p is a picture's caption: inside a figure, or right after a picture
    /// with no text between ("<a><img></a><p>Jeff Chiu, File - In this March 2, 2011 file
    /// photo, …</p>").
    bool is_caption(int p) const {
        if (inside_tag(p, GUMBO_TAG_FIGURE, -1) || inside_tag(p, GUMBO_TAG_FIGCAPTION, -1)) return true;
        // The sibling before p: the node before it in document order, or that node's ancestor
        // under p's parent (whitespace-only text is not in the Dom).
        const int parent = dom_[p].parent;
        int before = p - 1;
        if (before < 0 || before == parent) return false;
        while (before >= 0 && dom_[before].parent != parent) before = dom_[before].parent;
        if (before < 0 || dom_[before].is_text) return false;
        const Node& b = dom_[before];
        return b.tag == GUMBO_TAG_IMG || (dom_.find(before, GUMBO_TAG_IMG) >= 0 && b.text_len == 0);
    }

    /// Whether a text node is shown: inside no dropped element, inside one that is never shown
    /// (a script, an element the page hides), or inside one the extraction removed.
    /// `box` is set to the removed element that says why (or -1).
    enum class Shown { yes, never, removed };
    Shown shown(int i, int& box) const {
        // mark() gives its reason to the topmost dropped element only: the first reason up the
        // ancestors is what removed the text.
        bool dropped = false;
        box = -1;
        for (int p = i; p >= 0; p = dom_[p].parent) {
            if (dom_[p].silent) return Shown::never;
            dropped = dropped || dom_[p].dropped;
            if (dom_[p].dropped && !dom_[p].drop_reason.empty()) {
                box = p;
                return dom_[p].drop_reason == "hidden" ? Shown::never : Shown::removed;
            }
        }
        return dropped ? Shown::removed : Shown::yes;
    }

    /// A <p> of prose: long enough to be a sentence, with a sentence's punctuation, few links.
    bool is_prose_paragraph(int i) const {
        const Node& n = dom_[i];
        if (n.tag != GUMBO_TAG_P || n.dropped || n.text_len < min_paragraph_chars || link_density(i) > 0.25) return false;
        const std::string t = dom_.text_of(i, false, 4096);
        return t.find(". ") != std::string::npos || t.find(", ") != std::string::npos || (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?'));
    }

    // ------------------------------------------------ pass 3: cleaning inside the article

    /// Drops node i and takes its statistics out of its ancestors.
    void drop(int i, std::string reason) {
        Node& n = dom_[i];
        if (n.dropped) return;
        n.dropped = true;
        n.drop_reason = std::move(reason);
        const bool is_inline = n.is_text || !is_block_tag(n.tag);
        for (int p = n.parent, level = 0; p >= 0; p = dom_[p].parent, ++level) {
            Node& a = dom_[p];
            a.text_len -= n.text_len;
            a.link_len -= std::min(a.link_len, a.tag == GUMBO_TAG_A ? n.text_len : n.link_len);
            a.commas -= n.commas;
            a.paragraphs -= n.paragraphs;  // a p, img or li counts itself (compute_stats)
            a.images -= n.images;
            a.items -= n.items;
            a.inputs -= n.inputs;
            a.embeds -= n.embeds;
            a.headings -= n.headings;
            if (level == 0 && is_inline) a.inline_len -= std::min(a.inline_len, n.text_len);
        }
    }

    /// Readability's test for a table of data (kept) rather than one of layout: header or column
    /// markup, or else a grid too big for layout (10+ rows, 5+ columns or more than 10 cells)
    /// without nested tables. One pass over the table's subtree.
    bool is_data_table(int i) const {
        if (ascii_lower(dom_.attr(i, "role")) == "presentation" || dom_.attr(i, "datatable") == "0") return false;
        if (dom_.has_attr(i, "summary")) return true;
        const int d = dom_[i].depth;
        bool nested = false;
        int rows = 0, cols = 0, cells = 0;
        for (int k = i + 1; k < dom_.size() && dom_[k].depth > d; ++k) {
            if (dom_[k].is_text) continue;
            switch (dom_[k].tag) {
                case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
                case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL:
                    return true;
                case GUMBO_TAG_TABLE: nested = true; break;
                case GUMBO_TAG_TR: ++rows; cells = 0; break;
                case GUMBO_TAG_TD: cols = std::max(cols, ++cells); break;
                default: break;
            }
        }
        return !nested && (rows >= 10 || cols > 4 || rows * cols > 10);
    }

    /// is_data_table, worked out once per table during clean().
    bool is_data_table_cached(int i) {
        auto& v = data_table_[static_cast<std::size_t>(i)];
        if (v < 0) v = is_data_table(i) ? 1 : 0;
        return v == 1;
    }

    bool inside_tag(int i, GumboTag t, int stop) const {
        for (int p = dom_[i].parent; p >= 0 && p != stop; p = dom_[p].parent)
            if (dom_[p].tag == t) return true;
        return false;
    }

    void clean(int root, bool weights) {
        // Children before parents (reverse pre-order), so a container is judged on what is left.
        const int d = dom_[root].depth;
        int end = root + 1;
        while (end < dom_.size() && dom_[end].depth > d) ++end;
        list_len_.assign(static_cast<std::size_t>(dom_.size()), 0);
        data_table_.assign(static_cast<std::size_t>(dom_.size()), -1);
        text_before_.assign(static_cast<std::size_t>(dom_.size()), 0);
        for (int i = root; i < end; ++i) text_before_[static_cast<std::size_t>(i)] = dom_[i].text_len;
        for (int i = end - 1; i >= root; --i) {
            Node& n = dom_[i];
            if (n.is_text || n.dropped || ancestor_dropped(i, root)) continue;
            // Text inside lists, summed from the children judged before (and what they kept).
            std::uint32_t in_lists = 0;
            for (int c = n.first_child; c >= 0; c = dom_[c].next_sibling) {
                if (dom_[c].is_text || dom_[c].dropped) continue;
                in_lists += dom_[c].tag == GUMBO_TAG_UL || dom_[c].tag == GUMBO_TAG_OL ? dom_[c].text_len : list_len_[static_cast<std::size_t>(c)];
            }
            list_len_[static_cast<std::size_t>(i)] = in_lists;
            const std::string hints = dom_.class_and_id(i);
            if (i != root && n.text_len < 500 && (hints.find("share") != std::string::npos || hints.find("social") != std::string::npos)) {
                drop(i, "share-links");
                continue;
            }
            switch (n.tag) {
                case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET:
                    if (i != root) drop(i, "form");
                    continue;
                // Inside an article a footer holds its meta data (categories, tags, "posted in",
                // share bars), as Readability treats it.
                case GUMBO_TAG_FOOTER:
                    if (i != root) drop(i, "footer");
                    continue;
                case GUMBO_TAG_H1: case GUMBO_TAG_H2:
                    if (weights && class_weight(i) < 0) drop(i, reason_for(match_hint(hints, negative_hints)));
                    continue;
                case GUMBO_TAG_P:
                    if (n.text_len == 0 && n.images == 0 && n.embeds == 0) drop(i, "empty");
                    else if (n.text_len < 40 && n.link_len > 0 && is_read_more(i)) drop(i, "read-more");
                    continue;
                case GUMBO_TAG_TABLE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION:
                    if (i != root) clean_conditionally(i, hints, weights);
                    continue;
                case GUMBO_TAG_FIGURE:
                    // A figure that is a link with a headline is a teaser of another story set in
                    // the text (a picture, "ICE im S-Bahn-Takt" and its summary), not a picture
                    // of this one.
                    if (i != root && n.headings > 0 && link_density(i) >= teaser_link_density && is_teaser(i)) drop(i, "related-links");
                    continue;
                default:
                    continue;
            }
        }
    }

    /// A figure whose link goes to another page (not to its own picture or an anchor) and that
    /// holds text beyond its heading: a headline with a summary.
    bool is_teaser(int i) const {
        const int d = dom_[i].depth;
        bool page_link = false;
        std::uint32_t heading_text = 0;
        for (int k = i + 1; k < dom_.size() && dom_[k].depth > d; ++k) {
            if (dom_[k].is_text || dom_[k].dropped) continue;
            if (dom_[k].tag >= GUMBO_TAG_H1 && dom_[k].tag <= GUMBO_TAG_H6) heading_text += dom_[k].text_len;
            if (dom_[k].tag != GUMBO_TAG_A) continue;
            const std::string href = ascii_lower(dom_.attr(k, "href"));
            const std::string_view path = std::string_view(href).substr(0, href.find_first_of("?#"));
            static constexpr std::string_view pictures[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"};
            const bool picture = std::any_of(std::begin(pictures), std::end(pictures), [&](std::string_view e) { return path.ends_with(e); });
            if (!href.empty() && href[0] != '#' && !picture) page_link = true;
        }
        return page_link && dom_[i].text_len >= heading_text + min_teaser_summary;
    }

    /// The lower-case text of a heading that opens the readers' comments ("12 Comments", "#1
    /// Kommentar von …", "Leave a reply", "Laisser un commentaire").
    static bool is_comments_heading(std::string_view t) {
        std::size_t k = 0;
        while (k < t.size() && (t[k] == '#' || t[k] == ' ' || (t[k] >= '0' && t[k] <= '9'))) ++k;
        t.remove_prefix(k);
        // Whole words only: French "Comment faire …" is a heading of the article.
        for (std::string_view w : {"comment", "comments", "kommentar", "kommentare", "commentaire", "commentaires", "comentario",
                                   "comentarios", "commento", "commenti", "comentário", "comentários"})
            if (t == w) return true;
        for (std::string_view w : {"comment by ", "comments on ", "kommentar von ", "leave a reply", "leave a comment",
                                   "schreibe einen kommentar", "laisser un commentaire", "deja un comentario", "lascia un commento",
                                   "deixe um comentário", "deixe uma resposta"})
            if (t.starts_with(w)) return true;
        return false;
    }

    /// A heading that announces other stories ("Related posts", "Ähnliche Beiträge", "À lire
    /// aussi") or the readers' comments in the second half of the article: it and everything
    /// after it are not the article, kept only because the box around them had no telling name.
    void drop_related_section(const std::vector<int>& roots) {
        static constexpr std::string_view phrases[] = {
            "related posts", "related articles", "related stories", "related content", "related reading",
            "you may also like", "you might also like", "more stories", "recommended for you", "more from this author",
            "ähnliche beiträge", "ähnliche artikel", "mehr zum thema", "weitere artikel", "das könnte sie auch interessieren",
            "das könnte dich auch interessieren", "lesen sie auch", "auch interessant", "verwandte artikel", "weitere beiträge",
            "à lire aussi", "a lire aussi", "lire aussi", "articles similaires", "sur le même sujet", "dans la même rubrique",
            "artículos relacionados", "noticias relacionadas", "te puede interesar", "también te puede interesar",
            "articoli correlati", "potrebbe interessarti", "leggi anche", "artigos relacionados", "leia também", "veja também"};
        std::uint32_t total = 0;
        for (int r : roots) total += dom_[r].text_len;
        each_shown(roots, [&](int i, int r, std::uint32_t before) {
            const Node& n = dom_[i];
            const bool heading = n.tag >= GUMBO_TAG_H2 && n.tag <= GUMBO_TAG_H6;
            // A paragraph says it too ("<p><strong>À lire aussi :</strong></p>"), over links.
            if ((!heading && n.tag != GUMBO_TAG_P) || 2 * before < total) return false;
            std::string t = base::utf8::to_lower(dom_.text_of(i));
            while (!t.empty() && (t.back() == ':' || t.back() == ' ' || t.back() == '.')) t.pop_back();
            const bool related = std::find(std::begin(phrases), std::end(phrases), t) != std::end(phrases);
            if (!heading && !(related && mostly_links_after(i, r))) return false;
            if (!related && !is_comments_heading(t)) return false;
            drop_to_end(i, r, related ? "related-links" : "comments");
            return true;
        });
    }

    /// Whether the text that root r still shows after element i is mostly link text, and there is some.
    bool mostly_links_after(int i, int r) const {
        std::uint32_t text = 0, links = 0;
        for (int k = after_subtree(i), end = after_subtree(r); k < end; ++k) {
            const Node& n = dom_[k];
            if (n.dropped || ancestor_dropped(k, r)) continue;
            if (n.is_text) text += n.text_len;
            else if (n.tag == GUMBO_TAG_A && !inside_tag(k, GUMBO_TAG_A, r)) links += n.text_len;
        }
        return text > 0 && 2 * links >= text;
    }

    /// Visits the elements the kept roots still show, in reading order, with the length of
    /// the shown text before each, until `visit(element, its root, text before)` returns true.
    /// Returns the length of the text seen.
    template <class Visit>
    std::uint32_t each_shown(const std::vector<int>& roots, Visit&& visit) const {
        std::uint32_t text = 0;
        for (int r : roots)
            for (int i = r, end = after_subtree(r); i < end; ++i) {
                const Node& n = dom_[i];
                if (n.dropped || ancestor_dropped(i, r)) continue;
                if (n.is_text) { text += n.text_len; continue; }
                if (visit(i, r, text)) return text;
            }
        return text;
    }

    /// A heading right above three or more headings that are each one link to another page,
    /// with nothing but their teasers between them, up to the end of the article ("Popular
    /// Stories" and six linked headlines, each over its summary): a list of other stories,
    /// however the box around it is named. It goes, from the announcing heading on. The
    /// article's own text must come before it (at least min_story_bytes).
    void drop_teaser_run(const std::vector<int>& roots) {
        constexpr int min_run = 3;
        constexpr std::uint32_t max_teaser_chars = 700;
        int previous = -1;  // the heading before the current one
        int announce = -1, run_start = -1, run = 0, run_root = -1;
        std::uint32_t text_at_start = 0, text_at_last = 0, text_at_previous = 0;
        int paragraphs_since_last = 0;
        const std::uint32_t text_seen = each_shown(roots, [&](int i, int r, std::uint32_t text_before) {
            const Node& n = dom_[i];
            if (n.tag == GUMBO_TAG_P && n.text_len > 0) ++paragraphs_since_last;
            if (n.tag < GUMBO_TAG_H2 || n.tag > GUMBO_TAG_H6 || n.text_len == 0) return false;
            if (!is_link_heading(i)) {
                run = 0;
            } else {
                // A teaser is a sentence or two: more text since the last headline ends the run.
                if (run > 0 && text_before - text_at_last > max_teaser_chars) run = 0;
                if (run == 0) {
                    run_start = i;
                    run_root = r;
                    text_at_start = text_before;
                    // The heading that announces the run: right above its first headline,
                    // with no text between, and not a smaller heading (a kicker above a
                    // card's headline, "Skin Deep" over a story's title, is smaller).
                    const bool adjacent = previous >= 0 && text_at_previous + dom_[previous].text_len == text_before;
                    announce = adjacent && dom_[previous].tag <= n.tag && !is_link_heading(previous) ? previous : -1;
                }
                text_at_last = text_before;
                paragraphs_since_last = 0;
                ++run;
            }
            previous = i;
            text_at_previous = text_before;
            return false;
        });
        // Without a heading that announces them, linked headlines may be the article's own
        // sections (a review of games, each heading a link to its shop); the article's own
        // headline, a link to itself, heads no list of other stories.
        if (run < min_run || announce < 0 || text_at_start < min_story_bytes || title_overlap_with(run_start) >= 0.6) return;
        // ... up to the end of the article: after the last headline, its teaser and no more (a
        // box of picks in the middle of the article is followed by the article's paragraphs).
        if (text_seen - text_at_last > max_teaser_chars || paragraphs_since_last > 1) return;
        if (!dom_.inside(announce, run_root)) return;
        drop_to_end(announce, run_root, "related-links");
    }

    /// Drops node `from` and everything after it up to the end of root `root`.
    void drop_to_end(int from, int root, const std::string& reason) {
        for (int a = from; a >= 0 && a != root; a = dom_[a].parent)
            for (int s = dom_[a].next_sibling; s >= 0; s = dom_[s].next_sibling) drop(s, reason);
        drop(from, reason);
    }

    /// Shared words of heading h and the page's title (see title_overlap).
    double title_overlap_with(int h) const {
        return title_overlap(dom_.text_of(h, false, max_headline_bytes), title_.substr(0, std::min(title_.size(), max_headline_bytes)));
    }

    /// A heading whose text is one link away from the page (not an anchor in it).
    bool is_link_heading(int h) const {
        const Node& n = dom_[h];
        if (n.text_len == 0 || n.link_len < n.text_len * 9 / 10) return false;
        const int a = dom_.find(h, GUMBO_TAG_A);
        if (a < 0) return false;
        const std::string_view href = dom_.attr(a, "href");
        return !href.empty() && href[0] != '#';
    }

    /// Whether a picture that is kept comes after node i, inside root (`gone`: see
    /// drop_trailing_furniture).
    bool picture_after(int i, int root, const std::vector<char>& gone) const {
        for (int k = after_subtree(i), end = after_subtree(root); k < end; ++k)
            if (!dom_[k].is_text && dom_[k].tag == GUMBO_TAG_IMG && !gone[static_cast<std::size_t>(k)]) return true;
        return false;
    }

    /// The index after node i's subtree.
    int after_subtree(int i) const {
        const int d = dom_[i].depth;
        int k = i + 1;
        while (k < dom_.size() && dom_[k].depth > d) ++k;
        return k;
    }

    /// What is left at the very end of an article once the boxes around it are gone: the
    /// heading of a removed box ("Mehr zum Thema", "You might also like:") or the label of a
    /// removed bar ("Share this article:"). A heading introduces something and a label ending
    /// in a colon announces it; with nothing after them they belong to what was removed.
    void drop_trailing_furniture(const std::vector<int>& roots) {
        // A run of teaser headings whose teasers went (a "Read This Next" grid) leaves as many
        // headings as it had stories.
        constexpr int max_rounds = 64;
        constexpr std::size_t max_label_words = 6;
        // Per node of the roots, whether it or an ancestor is dropped: one pass a round (parents
        // come before children), so that a round costs the size of the article whatever its depth.
        std::vector<char> gone(static_cast<std::size_t>(dom_.size()), 0);
        for (int round = 0; round < max_rounds; ++round) {
            int last = -1, last_root = -1;
            for (int r : roots) {
                for (int i = r, end = after_subtree(r); i < end; ++i) {
                    const Node& n = dom_[i];
                    const bool g = n.dropped || (i != r && gone[static_cast<std::size_t>(n.parent)]);
                    gone[static_cast<std::size_t>(i)] = g;
                    if (!g && n.is_text && n.text.find_first_not_of(" \t\n\r\f\xA0") != std::string_view::npos) {
                        last = i;
                        last_root = r;
                    }
                }
            }
            if (last < 0) return;
            int b = dom_[last].parent;
            while (b >= 0 && b != last_root && !is_block_tag(dom_[b].tag)) b = dom_[b].parent;
            if (b < 0) return;
            // A root of its own (a sibling block kept beside the article) may go too, when it
            // is not the only one: a copyright line or an error-report box.
            const int above = roots.size() > 1 ? dom_[last_root].parent : last_root;
            if (b == last_root) {
                if (roots.size() == 1 || (dom_[b].tag != GUMBO_TAG_P && dom_[b].tag != GUMBO_TAG_DIV) ||
                    !drop_page_notice(b, above, dom_.text_of(b)))
                    return;
                continue;
            }
            const GumboTag t = dom_[b].tag;
            if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) {
                // A heading over a picture is not left alone (a list of pictures, each under
                // its numbered heading).
                if (picture_after(b, last_root, gone)) return;
                // A heading that is a sentence ("Still, Lovato will continue to slay.") is the
                // article's own text set large, not the title of a box.
                if (const std::string h = dom_.text_of(b);
                    !h.empty() && (h.back() == '.' || h.back() == '!') && !h.ends_with("..."))
                    return;
                drop(b, "trailing-heading");
            } else if (t == GUMBO_TAG_P || t == GUMBO_TAG_DIV) {
                const std::string text = dom_.text_of(b);
                const auto words = static_cast<std::size_t>(std::count(text.begin(), text.end(), ' ')) + 1;
                if (t == GUMBO_TAG_P && !text.empty() && text.back() == ':' && words <= max_label_words) {
                    drop(b, "label");
                } else if (drop_page_notice(b, above, text)) {
                    // Gone: the next round looks at the block before it.
                } else if (ends_with_read_more_link(b, last)) {
                    // The teaser of another story, ending in its "Weiterlesen" link: it goes
                    // with the card around it (its picture, its headline).
                    while (dom_[b].parent != last_root && dom_[dom_[b].parent].text_len == dom_[b].text_len) b = dom_[b].parent;
                    drop(b, "read-more");
                } else {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /// Drops block b (text `text`) when it is the page's notice rather than the article's: the
    /// site's copyright line under the story ("© 2013 Cable News Network. All rights
    /// reserved.") or the box of an error-report widget around it (looked for below `stop`).
    bool drop_page_notice(int b, int stop, const std::string& text) {
        if (is_rights_notice(text)) {
            drop(b, "copyright");
            return true;
        }
        if (const int box = error_report_box(b, stop); box >= 0) {
            drop(box, "error-report");
            return true;
        }
        return false;
    }

    /// Whether a short block is a copyright notice: it reserves the rights, or opens with the
    /// copyright sign or word ("© 2023 …", "Copyright 2023 Scripps Media, Inc.").
    static bool is_rights_notice(const std::string& text) {
        constexpr std::size_t max_notice_bytes = 300;
        if (text.empty() || text.size() > max_notice_bytes) return false;
        const std::string t = ascii_lower(text);
        for (std::string_view w : {"all rights reserved", "alle rechte vorbehalten", "tous droits r\u00e9serv\u00e9s",
                                   "todos los derechos reservados", "tutti i diritti riservati", "todos os direitos reservados"})
            if (t.find(w) != std::string::npos) return true;
        std::string_view v(t);
        for (std::string_view sign : {"\u00a9", "(c)", "copyright"}) {
            if (!v.starts_with(sign)) continue;
            v.remove_prefix(sign.size());
            while (!v.empty() && (v.front() == ' ' || v.front() == ':')) v.remove_prefix(1);
            if (v.starts_with("\u00a9")) v.remove_prefix(std::string_view("\u00a9").size());
            while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
            return v.size() >= 4 && std::isdigit(static_cast<unsigned char>(v[0])) && std::isdigit(static_cast<unsigned char>(v[3]));
        }
        return false;
    }

    /// The box of a "found a mistake? select it and press Ctrl+Enter" widget that block b
    /// belongs to, or -1: the largest short box around b, below `stop`, whose class or id says
    /// so ("article__report", "orphus", "typo") and whose text names the keys.
    int error_report_box(int b, int stop) const {
        constexpr std::size_t max_widget_bytes = 400;
        int found = -1;
        for (int a = b; a >= 0 && a != stop; a = dom_[a].parent) {
            const std::string t = ascii_lower(dom_.text_of(a, false, max_widget_bytes + 1));
            if (t.size() > max_widget_bytes) break;
            if (t.find("ctrl+enter") == std::string::npos && t.find("ctrl + enter") == std::string::npos) continue;
            const std::string hints = dom_.class_and_id(a);
            for (std::string_view w : {"report", "error", "mistake", "typo", "orphus", "fehler", "erreur"})
                if (hints.find(w) != std::string::npos) found = a;
        }
        return found;
    }

    /// Whether text node `last`, the end of paragraph p, is the text of a link that says "read more".
    bool ends_with_read_more_link(int p, int last) const {
        int a = dom_[last].parent;
        while (a >= 0 && a != p && dom_[a].tag != GUMBO_TAG_A) a = dom_[a].parent;
        if (a < 0 || a == p) return false;
        std::string t = ascii_lower(dom_.text_of(a));
        while (!t.empty() && (t.back() == '.' || t.back() == ' ')) t.pop_back();
        if (t.ends_with("\u2026") || t.ends_with("\u00bb") || t.ends_with(">")) {
            while (!t.empty() && static_cast<unsigned char>(t.back()) >= 0x80) t.pop_back();
            while (!t.empty() && (t.back() == '>' || t.back() == ' ')) t.pop_back();
        }
        for (std::string_view w : {"read more", "continue reading", "weiterlesen", "mehr lesen", "lire la suite", "lire plus",
                                   "leer m\u00e1s", "seguir leyendo", "leggi tutto", "continua a leggere", "ler mais", "continuar lendo"})
            if (t == w) return true;
        return false;
    }

    bool ancestor_dropped(int i, int root) const {
        for (int p = dom_[i].parent; p >= 0; p = dom_[p].parent) {
            if (dom_[p].dropped) return true;
            if (p == root) break;
        }
        return false;
    }

    bool is_read_more(int i) const {
        const std::string t = ascii_lower(dom_.text_of(i));
        for (std::string_view w : {"read more", "continue reading", "read the full", "related:", "see also", "more from",
                                   "lire aussi", "lire la suite", "weiterlesen", "leer más"})
            if (t.find(w) != std::string::npos) return true;
        return false;
    }

    /// Whether the whole text of box i is the label of an ad slot or a loading placeholder
    /// ("Advertisement", "Publicité", "Loading…"): once short link-free text is kept, these
    /// labels would otherwise stay in the body (Readability drops them the same way).
    bool is_ad_or_loading_label(int i) const {
        std::string t = ascii_lower(dom_.text_of(i));  // trimmed, spaces collapsed
        for (std::string_view suffix : {"...", "\u2026"})
            if (t.size() > suffix.size() && t.ends_with(suffix)) { t.erase(t.size() - suffix.size()); break; }
        for (std::string_view w : {"ad", "ads", "advert", "advertising", "advertisement", "pub", "publicit\u00e9", "werbung", "anzeige",
                                   "\u5e7f\u544a", "\u0440\u0435\u043a\u043b\u0430\u043c\u0430", "\u0420\u0435\u043a\u043b\u0430\u043c\u0430", "anuncio", "publicidad",
                                   "loading", "chargement", "cargando", "\u6b63\u5728\u52a0\u8f7d", "video player loading"})
            if (t == w) return true;
        return false;
    }

    /// Whether a <pre> with text lies below i: a short code block ("2, 3, 5, 12") is content
    /// however few characters it has (Readability counts its spaces and keeps it).
    bool holds_code(int i) const {
        const int d = dom_[i].depth;
        for (int k = i + 1; k < dom_.size() && dom_[k].depth > d; ++k)
            if (!dom_[k].is_text && !dom_[k].dropped && dom_[k].tag == GUMBO_TAG_PRE && dom_[k].text_len > 0) return true;
        return false;
    }

    void clean_conditionally(int i, const std::string& hints, bool weights) {
        Node& n = dom_[i];
        if (n.tag == GUMBO_TAG_TABLE && is_data_table_cached(i)) return;
        // Nothing inside a data table is judged on its own (Readability: a cell holding a link or
        // a short label is data, not a link farm).
        for (int p = n.parent; p >= 0; p = dom_[p].parent)
            if (dom_[p].tag == GUMBO_TAG_TABLE && !dom_[p].dropped && is_data_table_cached(p)) return;
        if (inside_tag(i, GUMBO_TAG_PRE, -1) || inside_tag(i, GUMBO_TAG_CODE, -1)) return;
        // The wrappers of the best-scoring candidate are the article's, whatever their names say
        // ("ScrollSpy_container" around a whole story): they are not judged as boxes inside it.
        if (core_ >= 0 && dom_.inside(core_, i)) return;
        // The same wrappers around the article's other parts (a page builder's
        // "elementor-widget-container" around every text block, one of them the core's) are
        // not judged by their names either, only by what they hold.
        const std::string first = first_class(i);
        const bool core_twin = !first.empty() && core_classes_.contains(first) && !is_comments_class(hints);
        const double weight = weights && !core_twin ? class_weight(i) : 0;
        const std::string reason = reason_for(match_hint(hints, negative_hints));
        if (weight < 0) { drop(i, reason); return; }
        // A box named like boilerplate ("multi-related-article-links") that is mostly links goes
        // even when a content word in its name evens out its weight, list or not.
        if (weights && n.text_len > 0 && link_density(i) > 0.5 && !match_hint(hints, negative_hints).empty()) {
            drop(i, reason == "boilerplate" ? "links" : reason);
            return;
        }
        if (n.commas >= 10) return;
        if (n.text_len > 0 && n.text_len < 20 && is_ad_or_loading_label(i)) { drop(i, "advertising"); return; }
        // A wrapper that is nearly all list is judged as a list (Readability does the same): a
        // feature list whose items end in "Learn more" links is not a link farm.
        const bool list = n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL ||
                          (n.text_len > 0 && list_len_[static_cast<std::size_t>(i)] > 0.9 * n.text_len);
        const double p = n.paragraphs, img = n.images, li = static_cast<double>(n.items) - 100, input = n.inputs;
        const double ld = link_density(i);
        const std::uint32_t len = n.text_len;
        const bool in_figure = inside_tag(i, GUMBO_TAG_FIGURE, -1);
        // A heading left alone once the box's links or list were removed is the title of that
        // box ("Other People Are Reading", "Related"): it goes with them. A short heading that
        // was alone from the start stays.
        const bool emptied = text_before_[static_cast<std::size_t>(i)] > 2 * len + 25;
        const bool heading_only = n.headings > 0 && len < 25 && !emptied;
        // Short text is suspicious only when it holds links (Readability since 0.5): a line of
        // dialogue or a one-sentence paragraph in a div stays; a short link box or an empty one goes.
        const bool remove = (img > 1 && p / img < 0.5 && !in_figure) || (!list && li > p) ||
                            (input > static_cast<int>(p / 3)) ||
                            (!list && !heading_only && len < 25 && (img == 0 || img > 2) && !in_figure && !holds_code(i) && (ld > 0 || len == 0)) ||
                            (!list && weight < 25 && ld > 0.2) || (weight >= 25 && ld > 0.5) ||
                            (n.embeds == 1 && len < 75) || n.embeds > 1;
        if (remove) drop(i, ld > 0.2 ? (reason == "boilerplate" ? "links" : reason) : reason);
    }

    // ------------------------------------------------ what was removed

    void collect_removed(Extraction& e) const {
        std::vector<bool> on_path(static_cast<std::size_t>(dom_.size()), false);
        std::vector<bool> is_root(static_cast<std::size_t>(dom_.size()), false);
        for (int r : e.roots) {
            is_root[static_cast<std::size_t>(r)] = true;
            for (int p = dom_[r].parent; p >= 0; p = dom_[p].parent) on_path[static_cast<std::size_t>(p)] = true;
        }
        std::size_t dropped_entries = 0;
        std::string overflow;
        auto record = [&](int i, std::string reason) {
            std::string t = dom_.text_of(i, true, removed_text_bytes + 8);
            if (t.empty()) return;
            if (t.size() > removed_text_bytes) t = std::string(base::utf8::prefix_within(t, removed_text_bytes)) + "…";
            if (e.removed.size() < max_removed_entries) e.removed.push_back({std::move(t), std::move(reason), dom_.pos(i)});
            else ++dropped_entries;
        };
        bool in_article = false;
        int article_end_depth = -1;
        for (int i = 0; i < dom_.size(); ++i) {
            const Node& n = dom_[i];
            if (in_article && n.depth <= article_end_depth) in_article = false;
            if (is_root[static_cast<std::size_t>(i)]) { in_article = true; article_end_depth = n.depth; }
            auto skip_subtree = [&] { while (i + 1 < dom_.size() && dom_[i + 1].depth > n.depth) ++i; };
            if (n.silent) { skip_subtree(); continue; }
            if (in_article) {
                if (n.dropped) { record(i, n.drop_reason.empty() ? "boilerplate" : n.drop_reason); skip_subtree(); }
                continue;
            }
            if (on_path[static_cast<std::size_t>(i)] || n.tag == GUMBO_TAG_HTML) continue;
            if (n.is_text && n.text.find_first_not_of(" \t\n\r\f") == std::string_view::npos) continue;
            record(i, n.dropped && !n.drop_reason.empty() ? n.drop_reason : "outside-article");
            skip_subtree();
        }
        if (dropped_entries > 0)
            e.removed.push_back({std::to_string(dropped_entries) + " more removed parts not listed", "limit", {}});
    }

    Dom& dom_;
    std::string_view title_;
    int headline_ = -1;                 // see find_headlines
    std::vector<int> other_headlines_;  // headlines of the stories shown below it (ascending)
    std::vector<int> other_parts_;      // the part of the page each of them heads
    std::vector<int> subtree_end_;      // per node, the index after its subtree (when there are some)
    int body_ = 0;
    int core_ = -1;  // the best-scoring candidate, before choose_top widens it
    std::unordered_set<std::string> core_classes_;  // first classes of core_ and its ancestors up to the top
    std::vector<int> candidates_;
    std::vector<std::uint8_t> holds_article_;  // see find_article_markup
    /// Per node, during clean(): visible text inside ul/ol descendants.
    std::vector<std::uint32_t> list_len_;
    /// Per table, during clean(): -1 not yet known, else whether it holds data.
    std::vector<signed char> data_table_;
    /// Per node, during clean(): visible text before anything inside the root was dropped.
    std::vector<std::uint32_t> text_before_;
};

}  // namespace

Extraction extract_article(Dom& dom, std::string_view title) { return Extractor(dom, title).run(); }

}  // namespace folio::parse::html
