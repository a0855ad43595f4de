// The HTML reader's entry point: bytes → UTF-8 (BOM, <meta charset>, detection) → gumbo tree →
// flat DOM → metadata and article extraction → model blocks, then language and typography.
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/utf8.hpp"
#include "model/text.hpp"
#include "model/typography.hpp"
#include "parse/html/build.hpp"
#include "parse/html/dom.hpp"
#include "parse/html/extract.hpp"
#include "parse/html/gumbo_tree.hpp"
#include "parse/html/metadata.hpp"
#include "parse/html/nesting.hpp"
#include "parse/dates.hpp"
#include "parse/input.hpp"
#include "parse/language.hpp"
#include "parse/reader.hpp"

namespace folio::parse {
namespace {

using base::utf8::ascii_lower;

/// The HTML standard's prescan looks for <meta charset> in the first 1024 bytes.
constexpr std::size_t charset_prescan_bytes = 1024;

/// The charset a <meta charset=...> or <meta http-equiv content="...; charset=..."> declares.
std::string declared_charset(std::string_view bytes) {
    const std::string head = ascii_lower(bytes.substr(0, charset_prescan_bytes));
    for (std::size_t at = 0; (at = head.find("charset", at)) != std::string::npos;) {
        at += 7;
        std::size_t i = at;
        while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) ++i;
        std::size_t j = i;
        while (j < head.size() && (std::isalnum(static_cast<unsigned char>(head[j])) || head[j] == '-' || head[j] == '_' || head[j] == ':')) ++j;
        if (j > i && head.rfind("<meta", at) != std::string::npos) return head.substr(i, j - i);
    }
    return {};
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) { ++i; continue; }
        const std::size_t n = base::utf8::valid_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

/// Converts from a declared legacy charset; false when iconv does not know it.
bool convert_declared(std::string_view in, std::string charset, std::string& out, base::Diagnostics& diag) {
    // WHATWG: labels for Latin-1 and ASCII mean windows-1252.
    if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" || charset == "ascii") charset = "windows-1252";
    iconv_t cd = iconv_open("UTF-8//TRANSLIT", charset.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
    out.assign(in.size() * 3 + 16, '\0');
    char* src = const_cast<char*>(in.data());  // iconv's signature is not const-correct
    std::size_t left = in.size();
    char* dst = out.data();
    std::size_t room = out.size();
    std::size_t bad = 0;
    while (left > 0) {
        if (iconv(cd, &src, &left, &dst, &room) != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) return false;  // cannot happen with 3 bytes per input byte + slack
        // An undecodable byte becomes U+FFFD.
        ++bad;
        ++src;
        --left;
        if (room >= 3) { std::memcpy(dst, "\xEF\xBF\xBD", 3); dst += 3; room -= 3; }
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    diag.note(0, 0, "decoded as " + charset + " (declared by the page)");
    if (bad > 0) diag.warn(0, 0, std::to_string(bad) + " bytes undecodable as " + charset + " replaced with U+FFFD");
    return true;
}

std::string comparable(std::string_view s) {
    std::string out;
    for (const char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80)
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// The headline, when the declared title is the headline and the site's name or a rubric on
/// either side of a separator ("Headline | WIRED.jp", "r/Showerthoughts - Headline"); else the
/// title unchanged. A colon is no such separator: what follows it is the title's subtitle ("Why
/// the sky is blue: a physicist explains"). The title's own characters are kept.
std::string title_at_headline(const std::string& title, std::string_view headline) {
    const std::string h = comparable(headline);
    if (h.size() < 10 || comparable(title) == h) return title;
    static constexpr std::string_view separators[] = {" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · ", "｜", "_"};
    for (std::string_view sep : separators) {
        for (std::size_t p = title.find(sep); p != std::string::npos; p = title.find(sep, p + 1)) {
            const std::string left = title.substr(0, p), right = title.substr(p + sep.size());
            if (comparable(left) == h) return left;
            if (comparable(right) == h) return right;
        }
    }
    return title;
}

/// Short lines above the article's first paragraph of prose that only date it or time its
/// reading ("15.05.2020, 07:11", "Sep 30, 2016 7:00 am", "Lesedauer: 8 Minuten"): the date is
/// the document's metadata, shown once by every output; in the body it would be shown twice.
void drop_leading_datelines(model::Document& doc) {
    constexpr std::size_t max_dateline_bytes = 80;
    for (std::size_t k = 0; k < doc.blocks.size() && k < 6;) {
        const auto* p = std::get_if<model::Paragraph>(&doc.blocks[k].node);
        // A date set as a list of one item ("<ul><li>Sept. 19, 2016</li></ul>").
        if (const auto* l = std::get_if<model::BulletList>(&doc.blocks[k].node);
            l && l->items.size() == 1 && l->items[0].blocks.size() == 1)
            p = std::get_if<model::Paragraph>(&l->items[0].blocks[0].node);
        if (!p) { ++k; continue; }
        const std::string text = model::plain_text(p->content);
        if (text.size() > max_dateline_bytes) return;  // the prose has begun
        if (is_dateline(text)) {
            doc.meta.removed.push_back({text, "date", doc.blocks[k].pos});
            doc.blocks.erase(doc.blocks.begin() + static_cast<std::ptrdiff_t>(k));
            continue;
        }
        ++k;
    }
}

/// Whether a short line only credits a picture ("(Credit: Marguerite Reardon/CNET)", "Win
/// McNamee / Getty Images", "Foto: Michael Rauhe", "Screenshot by Amanda Tan/ONE Esports",
/// "Instagram"): what is left of a caption whose picture the
/// page set apart, never the article's text. (build.cpp judges alt texts by their credit
/// words too, more strictly: an alt text "Image: a dog asleep" describes.)
bool is_credit_paragraph(std::string_view text) {
    constexpr std::size_t max_credit_bytes = 80;
    if (text.empty() || text.size() > max_credit_bytes) return false;
    const std::string low = base::utf8::ascii_lower(text);
    for (std::string_view w : {"credit:", "(credit:", "photo:", "photos:", "(photo:", "foto:", "fotos:", "bild:", "image:",
                               "photograph:", "photo credit", "picture:", "illustration:", "©", "(c) ", "screenshot:",
                               "screenshot by ", "photo by ", "photos by ", "photograph by ", "image by ", "picture by ",
                               "illustration by ", "(photo by ", "courtesy of ", "photo courtesy", "image courtesy",
                               "(courtesy of ", "image source:", "[featured image", "[photo by ", "[image by ",
                               "credit...", "credit\u2026", "video by ", "video shot", "video: "})
        if (low.starts_with(w)) return true;
    // "Courtesy NASA", "Courtesy G4": a name or two after the word, no sentence.
    constexpr std::size_t max_courtesy_spaces = 4;
    if (low.starts_with("courtesy ") && static_cast<std::size_t>(std::count(low.begin(), low.end(), ' ')) <= max_courtesy_spaces &&
        std::string_view(".!?").find(low.back()) == std::string_view::npos)
        return true;
    // The label an embedded post leaves behind ("Instagram", "via Twitter"): it names where the
    // picture above it came from.
    std::string_view name = low;
    if (name.starts_with("via ")) name.remove_prefix(4);
    for (std::string_view w : {"instagram", "twitter", "facebook", "youtube", "tiktok", "pinterest", "giphy", "tumblr", "flickr"})
        if (name == w) return true;
    // An agency and its photographer ("REUTERS/Benoit Tessier", "AP Photo/Evan Vucci").
    for (std::string_view w : {"reuters/", "afp/", "ap/", "ap photo/", "epa/", "dpa/", "getty/", "afp photo/"})
        if (low.starts_with(w) && low.size() > w.size()) return true;
    // ... or the word a page sets where a picture was ("Image", "Photo").
    if (html::is_picture_word(low) || low == "getty image" || low == "getty images") return true;
    for (std::string_view w : {"getty images", "/ getty", "/getty", "/ ap", "/ap", "/ afp", "/afp", "/ reuters", "/reuters",
                               "/ dpa", "/dpa", "shutterstock", "(ap photo)", "/ epa", "/epa", "istockphoto", "/ ddp", "/ imago"})
        if (low.ends_with(w) && (low.find('/') != std::string::npos || w == "getty images" || w == "shutterstock" || w == "istockphoto"))
            return true;
    return false;
}

/// A short paragraph that ends with a picture's credit ("Tapie en 2008. REUTERS/Benoit
/// Tessier", "Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com") is that picture's
/// caption, left where the page set it apart: it is set in italics, as captions are, so that
/// it does not read as the article's text.
void set_credited_captions(model::Document& doc) {
    constexpr std::size_t max_caption_bytes = 400;
    for (auto& b : doc.blocks) {
        auto* p = std::get_if<model::Paragraph>(&b.node);
        if (!p) continue;
        std::string text = model::plain_text(p->content);
        if (text.size() > max_caption_bytes) continue;
        // ("- Tapie en 2008. REUTERS/Benoit Tessier -": dashes around the whole.)
        while (!text.empty() && (text.back() == ' ' || text.back() == '-')) text.pop_back();
        std::size_t cut = std::string::npos;
        for (std::string_view sep : {". ", " - ", " \u2013 ", " | "})
            if (const std::size_t at = text.rfind(sep); at != std::string::npos && (cut == std::string::npos || at > cut))
                cut = at + sep.size();
        if (cut == std::string::npos || cut >= text.size() || !is_credit_paragraph(std::string_view(text).substr(cut))) continue;
        html::set_as_caption(*p, b.pos);
    }
}

/// A short paragraph above the text that names its author ("Von Gregory Lipinski", "Written
/// by: Julie Mollins", "Un texte de Frédéric Zalac"): the byline, set as a paragraph of its own
/// where the page gave it no telling name. It leaves the body and names the author when the
/// page's markup did not.
void take_leading_byline(model::Document& doc) {
    constexpr std::size_t max_words = 10, first_blocks = 3;
    for (std::size_t k = 0; k < doc.blocks.size() && k < first_blocks; ++k) {
        const auto* p = std::get_if<model::Paragraph>(&doc.blocks[k].node);
        if (!p) continue;
        const std::string text = model::plain_text(p->content);
        if (model::count_words(text) > max_words) return;  // the prose has begun
        const std::string low = base::utf8::to_lower(text);
        bool lead = false;
        for (std::string_view w : {"by ", "by: ", "written by ", "written by: ", "von ", "par ", "por ", "di ", "un texte de ",
                                   "texto de ", "testo di ", "text von "})
            lead = lead || low.starts_with(w);
        if (!lead) continue;
        const std::string name = html::author_name(text);
        // A name: two to four words, each capitalised ("Von der Leyen sagte" is a sentence).
        std::size_t words = 0, capitalised = 0;
        for (std::size_t i = 0; i < name.size();) {
            const std::size_t j = std::min(name.find(' ', i), name.size());
            ++words;
            std::size_t at = i;
            const char32_t c = base::utf8::decode(name, at);
            capitalised += base::utf8::is_upper(c);
            i = j + 1;
        }
        if (words < 2 || words > 4 || capitalised < words) continue;
        if (doc.meta.authors.empty()) doc.meta.authors.push_back(name);
        doc.meta.removed.push_back({text, "byline", doc.blocks[k].pos});
        doc.blocks.erase(doc.blocks.begin() + static_cast<std::ptrdiff_t>(k));
        return;
    }
}

/// A place and source set apart from the first paragraph they open ("Washington CNN —",
/// "VALVE --"): put back in front of it.
void join_dateline_fragment(model::Document& doc) {
    constexpr std::size_t max_words = 5, first_blocks = 3;
    for (std::size_t k = 0; k + 1 < doc.blocks.size() && k < first_blocks; ++k) {
        auto* p = std::get_if<model::Paragraph>(&doc.blocks[k].node);
        auto* next = std::get_if<model::Paragraph>(&doc.blocks[k + 1].node);
        if (!p || !next) continue;
        std::string text = model::plain_text(p->content);
        if (model::count_words(text) > max_words) continue;
        // (No-break spaces count as spaces: "CNN\u00a0\u2014\u00a0".)
        for (std::size_t at; (at = text.find("\u00a0")) != std::string::npos;) text.replace(at, 2, " ");
        text = base::utf8::collapse_spaces(text);
        if (!(text.ends_with(" \u2014") || text.ends_with(" \u2013") || text.ends_with(" --") || text.ends_with(" -"))) continue;
        model::Inlines joined = std::move(p->content);
        while (!joined.empty()) {  // one space between the two
            auto* t = std::get_if<model::Text>(&joined.back().node);
            if (!t || t->text.find_first_not_of(' ') != std::string::npos) break;
            joined.pop_back();
        }
        if (auto* t = joined.empty() ? nullptr : std::get_if<model::Text>(&joined.back().node)) {
            while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
            t->text += ' ';
        } else {
            joined.push_back(model::Inline{model::Text{" "}, doc.blocks[k].pos});
        }
        for (auto& x : next->content) joined.push_back(std::move(x));
        next->content = std::move(joined);
        doc.blocks[k + 1].pos = doc.blocks[k].pos;
        doc.blocks.erase(doc.blocks.begin() + static_cast<std::ptrdiff_t>(k));
        return;
    }
}

/// Paragraphs that only credit a picture (see is_credit_paragraph) leave the body.
void drop_credit_lines(model::Document& doc) {
    std::erase_if(doc.blocks, [&](const model::Block& b) {
        const auto* p = std::get_if<model::Paragraph>(&b.node);
        if (!p) return false;
        const std::string text = model::plain_text(p->content);
        if (!is_credit_paragraph(text)) return false;
        doc.meta.removed.push_back({text, "credit", b.pos});
        return true;
    });
}

/// The share of a paragraph's text that is the text of links.
double link_share(const model::Inlines& xs) {
    std::size_t linked = 0, all = 0;
    auto walk = [&](auto&& self, const model::Inlines& ys, bool in_link) -> void {
        for (const auto& x : ys) {
            if (const auto* t = std::get_if<model::Text>(&x.node)) {
                all += t->text.size();
                if (in_link) linked += t->text.size();
            } else if (const auto* l = std::get_if<model::Link>(&x.node)) {
                self(self, l->children, true);
            } else {
                std::visit([&](const auto& n) {
                    if constexpr (requires { n.children; }) self(self, n.children, in_link);
                }, x.node);
            }
        }
    };
    walk(walk, xs, false);
    return all == 0 ? 0.0 : static_cast<double>(linked) / static_cast<double>(all);
}

/// Why a short line of the body is the page's rather than the article's, or empty: the label
/// of a box of links that went ("Related", "Related Coverage", "Read more:"), a link to another
/// story under such a label ("Related: Chicago is America's most segregated city"), a call to
/// sign up for a newsletter or to share the post, a comment counter ("Comments (5 posted)").
std::string_view promo_line(const std::string& text, const model::Inlines& content, bool list_follows) {
    constexpr std::size_t max_label_bytes = 40, max_promo_bytes = 160;
    if (text.empty() || text.size() > max_promo_bytes) return {};
    std::string low = base::utf8::ascii_lower(text);
    while (!low.empty() && (low.back() == ':' || low.back() == ' ' || low.back() == '.')) low.pop_back();
    low.erase(0, std::min(low.find_first_not_of(' '), low.size()));
    // The page's controls and players, by what they say ("SHOW CAPTION +", "toggle caption",
    // "Video player loading", an embedded post's stand-in).
    {
        std::string c = low;
        for (std::string_view tail : {"(opens in a new tab)", "+", "\u2013", "-"})
            if (c.ends_with(tail)) c.erase(c.size() - tail.size());
        while (!c.empty() && c.back() == ' ') c.pop_back();
        for (std::string_view w : {"show caption", "hide caption", "toggle caption", "video player loading", "watch", "print",
                                   "tweet may have been deleted", "this video has expired", "we apologize, this video has expired",
                                   "enlarge", "enlarge this image", "enlarge image", "read full story", "read the full story",
                                   "continue reading", "continue reading the main story"})
            if (c == w) return "controls";
        // A picture's button with what is left of its caption ("[+] EnlargeMaurkice Pouncey").
        if (c.starts_with("[+] enlarge")) return "controls";
    }
    if (text.size() <= max_label_bytes && !list_follows) {
        for (std::string_view w : {"related", "related articles", "related stories", "related coverage", "related content",
                                   "related links", "related posts", "related news", "read more", "more on this story",
                                   "you may also like", "recommended", "comment", "comments", "lire aussi", "lesen sie auch",
                                   "mehr zum thema", "leer m\u00e1s", "leggi anche", "leia tamb\u00e9m", "weiterf\u00fchrender link",
                                   "weiterf\u00fchrende links", "further reading", "pour aller plus loin", "enlaces relacionados",
                                   "link utili", "links relacionados"})
            if (low == w) return w.starts_with("comment") ? "comments" : "related-links";
    }
    // "Related: <headline>", "RELATED PHOTOS: <headline>": a link to another story.
    if (low.starts_with("related")) {
        const std::size_t colon = low.find(':');
        if (colon != std::string::npos && colon <= 16 && link_share(content) >= 0.5) return "related-links";
    }
    if ((low.starts_with("comments (") || low.starts_with("comment (")) && low.ends_with(")")) return "comments";
    const bool newsletter = low.find("newsletter") != std::string::npos;
    if (low.starts_with("sign up for") || (newsletter && (low.find("sign up") != std::string::npos ||
                                                           low.find("subscribe") != std::string::npos)))
        return "newsletter";
    for (std::string_view w : {"share this post", "share this article", "share this story"})
        if (low.find(w) != std::string::npos) return "share-links";
    // A newsletter named by what it brings ("Get Data Sheet, Fortune's technology newsletter").
    if (newsletter && low.starts_with("get ")) return "newsletter";
    // The shop's note under a product review ("… through one of our affiliate links we may earn a
    // commission").
    for (std::string_view w : {"affiliate link", "earn a commission", "receive a commission", "earn an affiliate commission"})
        if (low.find(w) != std::string::npos) return "disclaimer";
    for (std::string_view w : {"scroll down to comment", "leave a comment below", "let us know in the comments"})
        if (low.find(w) != std::string::npos) return "comments";
    return {};
}

/// Whether a list only names the page's share and print buttons ("Print Email Recommend Tweet"):
/// every item one such word.
bool is_share_bar(const std::vector<model::ListItem>& items) {
    if (items.size() < 2) return false;
    for (const auto& it : items) {
        if (it.blocks.size() != 1) return false;
        const auto* p = std::get_if<model::Paragraph>(&it.blocks[0].node);
        if (!p) return false;
        const std::string w = comparable(model::plain_text(p->content));
        static const std::unordered_set<std::string> buttons = {
            "print", "email", "mail", "share", "tweet", "recommend", "like", "save", "comment", "comments", "facebook",
            "twitter", "linkedin", "pinterest", "reddit", "whatsapp", "telegram", "xing", "flipboard", "pocket",
            "sharethis", "addthis", "more", "copylink", "link", "drucken", "teilen", "imprimer", "partager", "compartir",
            "imprimir", "condividi", "stampa", "partilhar"};
        if (!buttons.contains(w)) return false;
    }
    return true;
}

/// Short lines of the page's own (see promo_line) leave the body, recorded with their reason;
/// inside a quotation too (an embedded post's stand-in), which goes when nothing is left of it.
void drop_promo_lines(model::Blocks& blocks, std::vector<model::Removed>& removed) {
    model::Blocks kept;
    kept.reserve(blocks.size());
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        model::Block& b = blocks[k];
        const model::Inlines* content = nullptr;
        if (const auto* p = std::get_if<model::Paragraph>(&b.node)) content = &p->content;
        else if (const auto* h = std::get_if<model::Heading>(&b.node)) content = &h->content;
        if (content) {
            const bool list_follows = k + 1 < blocks.size() && (std::holds_alternative<model::BulletList>(blocks[k + 1].node) ||
                                                               std::holds_alternative<model::OrderedList>(blocks[k + 1].node));
            const std::string text = model::plain_text(*content);
            if (const std::string_view why = promo_line(text, *content, list_follows); !why.empty()) {
                removed.push_back({text, std::string(why), b.pos});
                continue;
            }
        } else if (auto* q = std::get_if<model::BlockQuote>(&b.node)) {
            drop_promo_lines(q->blocks, removed);
            if (q->blocks.empty()) continue;
        } else if (const auto* l = std::get_if<model::BulletList>(&b.node); l && is_share_bar(l->items)) {
            std::string text;
            for (const auto& it : l->items) text += (text.empty() ? "" : " ") + model::plain_text(std::get<model::Paragraph>(it.blocks[0].node).content);
            removed.push_back({std::move(text), "share-links", b.pos});
            continue;
        }
        kept.push_back(std::move(b));
    }
    blocks = std::move(kept);
}

/// Lines that only name the site ("| FoxNews.com", "The Guardian"): its og:site_name, or what
/// the page's <title> says after the headline's last separator. The outputs name the source
/// once, in the metadata.
void drop_site_labels(model::Document& doc) {
    constexpr std::size_t max_label_bytes = 60;
    std::vector<std::string> names;
    for (const auto& [k, v] : doc.meta.extra) {
        if (k == "site") names.push_back(comparable(v));
        if (k == "page-title")
            for (std::string_view sep : {" | ", " - ", " – ", " — ", " · "})
                if (const std::size_t at = v.rfind(sep); at != std::string::npos) names.push_back(comparable(v.substr(at + sep.size())));
    }
    std::erase_if(names, [](const std::string& n) { return n.size() < 3; });
    if (names.empty()) return;
    std::erase_if(doc.blocks, [&](const model::Block& b) {
        const auto* p = std::get_if<model::Paragraph>(&b.node);
        if (!p) return false;
        const std::string text = model::plain_text(p->content);
        if (text.size() > max_label_bytes) return false;
        const std::string c = comparable(text);
        if (std::find(names.begin(), names.end(), c) == names.end()) return false;
        doc.meta.removed.push_back({text, "site-name", b.pos});
        return true;
    });
}

/// Runs of two or more paragraphs that are each only the next number ("1", "2", "3"): the
/// counters of a list whose entries were removed (a "Trending" box's thumbnails), or a slide
/// show's buttons. No article numbers its paragraphs so, on lines of their own.
void drop_number_runs(model::Document& doc) {
    constexpr std::size_t max_digits = 3;
    auto number_of = [](const model::Block& b) -> int {
        const auto* p = std::get_if<model::Paragraph>(&b.node);
        if (!p) return -1;
        const std::string t = model::plain_text(p->content);
        if (t.empty() || t.size() > max_digits || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return -1;
        return std::stoi(t);
    };
    std::vector<char> gone(doc.blocks.size(), 0);
    for (std::size_t i = 0; i < doc.blocks.size();) {
        std::size_t j = i + 1;
        if (number_of(doc.blocks[i]) >= 0)
            while (j < doc.blocks.size() && number_of(doc.blocks[j]) == number_of(doc.blocks[j - 1]) + 1) ++j;
        if (j - i >= 2)
            for (std::size_t k = i; k < j; ++k) {
                gone[k] = 1;
                doc.meta.removed.push_back({model::plain_text(std::get<model::Paragraph>(doc.blocks[k].node).content), "numbering",
                                            doc.blocks[k].pos});
            }
        i = j;
    }
    model::Blocks kept;
    kept.reserve(doc.blocks.size());
    for (std::size_t k = 0; k < doc.blocks.size(); ++k)
        if (!gone[k]) kept.push_back(std::move(doc.blocks[k]));
    doc.blocks = std::move(kept);
}

/// A short paragraph that ends the article with a colon leads into what the page showed after
/// it and was removed ("À lire aussi :" over related stories, "Trump's tweet:" over an embedded
/// post): said to nothing, it goes.
void drop_dangling_lead_in(model::Document& doc) {
    constexpr std::size_t max_words = 10;
    while (!doc.blocks.empty()) {
        const auto* p = std::get_if<model::Paragraph>(&doc.blocks.back().node);
        if (!p) return;
        std::string t = model::plain_text(p->content);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
        const bool colon = t.ends_with(":") || t.ends_with("\uFF1A");  // (fullwidth in Chinese and Japanese)
        if (!colon || model::count_words(t) > max_words) return;
        doc.meta.removed.push_back({t, "lead-in", doc.blocks.back().pos});
        doc.blocks.pop_back();
    }
}

/// A paragraph that is a row of one mark ("___", "==========", "* * *") is the page's rule
/// between parts, and is one; a rule before the first block or after the last, or right after
/// another, parts nothing (the box it closed was removed) and goes.
void set_rules(model::Document& doc) {
    constexpr std::size_t min_marks = 3;
    auto is_rule_line = [](const model::Block& b) {
        const auto* p = std::get_if<model::Paragraph>(&b.node);
        if (!p) return false;
        const std::string t = model::plain_text(p->content);
        char mark = 0;
        std::size_t marks = 0;
        for (const char c : t) {
            if (c == ' ') continue;
            if (std::string_view("_=-*~").find(c) == std::string_view::npos || (mark && c != mark)) return false;
            mark = c;
            ++marks;
        }
        return marks >= min_marks;
    };
    model::Blocks kept;
    kept.reserve(doc.blocks.size());
    for (auto& b : doc.blocks) {
        if (is_rule_line(b)) b = model::Block{model::ThematicBreak{}, b.pos};
        const bool rule = std::holds_alternative<model::ThematicBreak>(b.node);
        if (rule && (kept.empty() || std::holds_alternative<model::ThematicBreak>(kept.back().node))) continue;
        kept.push_back(std::move(b));
    }
    while (!kept.empty() && std::holds_alternative<model::ThematicBreak>(kept.back().node)) kept.pop_back();
    doc.blocks = std::move(kept);
}

/// Whether a headline and the declared title word the same story differently ("COVID-19: Trump
/// Talks Retaliation …" under "Coronavirus News: Donald Trump Talks Retaliation …", a rubric
/// before one of them): most of the words of the longer one are in the other.
bool same_story(std::string_view headline, std::string_view title) {
    const std::vector<std::string> h = html::title_words(headline), t = html::title_words(title);
    if (h.size() < 4 || t.size() < 4) return false;
    const std::unordered_set<std::string> hs(h.begin(), h.end()), ts(t.begin(), t.end());
    std::size_t common = 0;
    for (const auto& w : hs) common += ts.count(w);
    return static_cast<double>(common) >= 0.6 * static_cast<double>(std::max(hs.size(), ts.size()));
}

/// The page's headline, repeated as the first heading, would be printed twice under the title.
void drop_title_heading(model::Document& doc) {
    const std::size_t look = std::min<std::size_t>(doc.blocks.size(), 3);
    for (std::size_t k = 0; k < look; ++k) {
        const auto* h = std::get_if<model::Heading>(&doc.blocks[k].node);
        if (!h) continue;
        const std::string text = model::plain_text(h->content);
        const std::string a = comparable(text), t = comparable(doc.meta.title);
        if (doc.meta.title.empty()) {
            // Without a declared title, a leading h1/h2 is the title (as in the Markdown reader).
            if (k != 0 || h->level > 2) return;
            doc.meta.title = text;
        } else if (h->level <= 2 && t.size() > 10 && a.size() > t.size() && a.starts_with(t)) {
            // The headline says more than the declared title, which a site shortened for its
            // <title> ("… Messenger" for "… Messenger Worldwide"): the headline is the title.
            doc.meta.title = text;
        } else if (a.empty() || t.empty() ||
                   (a != t && !(a.size() > 10 && t.find(a) != std::string::npos) && !(h->level <= 2 && same_story(text, doc.meta.title)))) {
            // A section label above the headline ("Tech") is passed over; any other heading
            // that is not the title ends the search.
            if (h->level > 2) continue;
            return;
        }
        doc.meta.removed.push_back({text, "title", doc.blocks[k].pos});
        doc.blocks.erase(doc.blocks.begin() + static_cast<std::ptrdiff_t>(k));
        return;
    }
}

}  // namespace

model::Document read_html(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag) {
    using namespace std::string_view_literals;
    std::string converted;
    const bool has_bom = bytes.substr(0, 3) == "\xEF\xBB\xBF"sv || bytes.substr(0, 2) == "\xFF\xFE"sv || bytes.substr(0, 2) == "\xFE\xFF"sv;
    if (!has_bom) {
        const std::string cs = declared_charset(bytes);
        if (!cs.empty() && cs != "utf-8" && cs != "utf8" && !valid_utf8(bytes) && convert_declared(bytes, cs, converted, diag))
            bytes = converted;
    }
    const DecodedText decoded = decode_input(bytes, diag);
    converted.clear();
    converted.shrink_to_fit();

    std::size_t flattened = 0, blanked = 0;
    const std::string capped = html::cap_nesting(decoded.text, flattened, &blanked);
    if (blanked > 0)
        diag.warn(0, 0, "attributes past the " + std::to_string(html::max_tag_attributes) + "th of an element were ignored (" +
                            std::to_string(blanked) + " values)");
    if (flattened > 0)
        diag.warn(0, 0, std::to_string(flattened) + " elements nested deeper than " + std::to_string(html::max_source_nesting) +
                            " levels were flattened into their parent");
    const html::GumboTree tree(capped);
    html::Dom dom(tree.root());
    html::PageMetadata page = html::read_metadata(dom);
    html::Extraction article = html::extract_article(dom, page.meta.title);

    model::Document doc;
    doc.source_name = diag.file();
    doc.meta = std::move(page.meta);
    doc.meta.title = title_at_headline(doc.meta.title, article.headline);
    html::BuildOptions bo{opts.base_dir, opts.resource_paths, page.base_url, doc.meta.title, false,
                          opts.lang.empty() ? doc.meta.lang : opts.lang};
    doc.blocks = html::build_blocks(dom, article.roots, bo, diag);
    for (auto& r : article.removed) doc.meta.removed.push_back(std::move(r));
    drop_title_heading(doc);
    drop_leading_datelines(doc);
    drop_credit_lines(doc);
    drop_number_runs(doc);
    drop_site_labels(doc);
    drop_promo_lines(doc.blocks, doc.meta.removed);
    drop_dangling_lead_in(doc);
    set_rules(doc);
    if (doc.meta.authors.empty())
        if (std::string a = html::author_name(article.byline); !a.empty()) doc.meta.authors.push_back(std::move(a));
    take_leading_byline(doc);
    join_dateline_fragment(doc);
    set_credited_captions(doc);
    if (doc.blocks.empty()) diag.warn(0, 0, "no article text found in the page");

    if (!opts.lang.empty()) doc.meta.lang = opts.lang;
    if (doc.meta.lang.empty()) {
        doc.meta.lang = detect_language(doc.meta.title + model::spaced_body_words(doc));
    }
    model::drop_document_language(doc);
    if (opts.smart) model::apply_typography(doc, diag);
    return doc;
}

}  // namespace folio::parse
