// Metadata scan: one pass over the elements; the first source in the priority order that has a
// value wins (JSON-LD, then Open Graph, Twitter, Dublin Core, then plain <meta> and <title>).
#include "parse/html/metadata.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/utf8.hpp"
#include "parse/dates.hpp"

namespace folio::parse::html {
namespace {

using base::utf8::ascii_lower;
using base::utf8::collapse_spaces;

std::size_t skip_space(std::string_view s, std::size_t i) {
    while (i < s.size() && is_html_space(s[i])) ++i;
    return i;
}

/// End of the JSON value (object, array, string or scalar) starting at s[i].
std::size_t value_end(std::string_view s, std::size_t i) {
    int depth = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') { json_string(s, i); --i; if (depth == 0) return i + 1; continue; }
        if (c == '{' || c == '[') ++depth;
        else if (c == '}' || c == ']') { if (--depth <= 0) return i + 1; }
        else if (depth == 0 && (c == ',')) return i;
    }
    return s.size();
}

/// Values of every `"key": "string"` in s (a simple scan, not a JSON parser: JSON-LD graphs
/// nest and vary too much for a schema, and a wrong guess only costs a metadata field).
std::vector<std::string> json_values(std::string_view s, std::string_view key, bool names_inside) {
    std::vector<std::string> out;
    std::string quoted(1, '"');
    quoted.append(key).push_back('"');
    for (std::size_t at = 0; (at = s.find(quoted, at)) != std::string_view::npos;) {
        std::size_t i = skip_space(s, at + quoted.size());
        at += quoted.size();
        if (i >= s.size() || s[i] != ':') continue;
        i = skip_space(s, i + 1);
        if (i >= s.size()) break;
        if (s[i] == '"') {
            out.push_back(collapse_spaces(json_string(s, i)));
        } else if (names_inside && (s[i] == '{' || s[i] == '[')) {
            const std::size_t end = value_end(s, i);
            for (auto& v : json_values(s.substr(i, end - i), "name", false)) out.push_back(v);
        }
    }
    return out;
}

/// What sites set between a headline and their name in a title ("Headline | Site").
constexpr std::string_view title_separators[] = {" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · "};

/// "Headline | Site" → "Headline" when the part before the last separator still has 3 words.
std::string clean_title(const std::string& t) {
    std::size_t best = std::string::npos;
    for (auto sep : title_separators) {
        const std::size_t p = t.rfind(sep);
        if (p != std::string::npos && (best == std::string::npos || p > best)) best = p;
    }
    if (best == std::string::npos) return t;
    const std::string head = t.substr(0, best);
    return std::count(head.begin(), head.end(), ' ') >= 2 ? head : t;
}

/// "Headline | Site" → "Headline" when the part after the last separator is the site's name,
/// or the name of one of its sections ("Why Donald Trump won't change | CNN Politics" on
/// "CNN": the site's name and a word or two). A colon set apart, as French writes it ("Titre :
/// Site"), separates the name too.
std::string without_site_name(const std::string& t, std::string_view site) {
    constexpr std::size_t max_section_words = 2;
    const std::string low_site = ascii_lower(site);
    auto strip = [&](std::string_view sep, std::string& out) {
        const std::size_t p = t.rfind(sep);
        if (p == std::string::npos || p == 0) return false;
        const std::string tail = ascii_lower(std::string_view(t).substr(p + sep.size()));
        const bool section = tail.starts_with(low_site + " ") &&
                             static_cast<std::size_t>(std::count(tail.begin() + static_cast<std::ptrdiff_t>(low_site.size()) + 1, tail.end(), ' ')) + 1 <=
                                 max_section_words;
        if (tail != low_site && !section) return false;
        out = t.substr(0, p);
        return true;
    };
    std::string out;
    for (auto sep : title_separators)
        if (strip(sep, out)) return out;
    return strip(" : ", out) ? out : t;
}


}  // namespace

std::string json_string(std::string_view s, std::size_t& i) {
    std::string out;
    ++i;  // opening quote
    while (i < s.size() && s[i] != '"') {
        if (s[i] != '\\' || i + 1 >= s.size()) { out += s[i++]; continue; }
        const char e = s[i + 1];
        i += 2;
        switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': case 'b': case 'f': out += ' '; break;
            case 'u': {
                char32_t cp = 0;
                std::size_t k = 0;
                for (; k < 4 && i + k < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + k])); ++k)
                    cp = cp * 16 + static_cast<char32_t>(std::isdigit(static_cast<unsigned char>(s[i + k])) ? s[i + k] - '0' : (s[i + k] | 32) - 'a' + 10);
                i += k;
                // Surrogate pairs.
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 5 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                    char32_t lo = 0;
                    std::size_t m = 0;
                    for (; m < 4 && std::isxdigit(static_cast<unsigned char>(s[i + 2 + m])); ++m)
                        lo = lo * 16 + static_cast<char32_t>(std::isdigit(static_cast<unsigned char>(s[i + 2 + m])) ? s[i + 2 + m] - '0' : (s[i + 2 + m] | 32) - 'a' + 10);
                    if (m == 4 && lo >= 0xDC00 && lo <= 0xDFFF) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); i += 6; }
                }
                if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = base::utf8::replacement;
                base::utf8::append(out, cp);
                break;
            }
            default: out += e; break;
        }
    }
    if (i < s.size()) ++i;  // closing quote
    return out;
}

namespace {

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
/// A byte of a word: an ASCII letter or part of a UTF-8 sequence (any other script's letter).
bool word_byte(char c) { return std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); }

/// The name in one field of a byline (see author_name).
std::string name_in_field(std::string_view field) {
    std::string s = collapse_spaces(field);
    // "By", "Written by", "Von", … in front, sometimes twice or glued to the name ("ByTravis").
    for (bool again = true; again;) {
        again = false;
        const std::string low = ascii_lower(s);
        for (std::string_view p : {"by ", "written by ", "posted by "}) {
            if (low.starts_with(p) && s.size() > p.size()) { s.erase(0, p.size()); again = true; break; }
        }
        // "Von", "Par", "Por", "Di", "Door" may begin a name too ("Von der Leyen", "Di Maio"):
        // taken for the byline's word when written in lower case, or before a name of two
        // capitalised words or more.
        for (std::string_view p : {"von ", "par ", "por ", "di ", "door "}) {
            if (again || !low.starts_with(p) || s.size() <= p.size()) continue;
            const std::string_view rest = std::string_view(s).substr(p.size());
            const bool lower = std::islower(static_cast<unsigned char>(s[0])) != 0;
            const bool name_follows = std::isupper(static_cast<unsigned char>(rest[0])) && rest.find(' ') != std::string_view::npos;
            if (lower || name_follows) { s.erase(0, p.size()); again = true; }
        }
        if (low.starts_with("byby ")) { s.erase(0, 2); again = true; continue; }
        if (!again && s.size() > 2 && (s.starts_with("By") || s.starts_with("BY")) && std::isupper(static_cast<unsigned char>(s[2])) &&
            s.size() > 3 && std::islower(static_cast<unsigned char>(s[3]))) {
            s.erase(0, 2);
            again = true;
        }
        while (!s.empty() && (s[0] == ' ' || s[0] == ':')) { s.erase(0, 1); again = true; }
    }
    // A date, a time or a publishing note after the name ends it; glued to the name it starts
    // with a capital after a lower-case letter ("Washington PostDec 13, 2016").
    const std::string low = ascii_lower(s);
    bool dated = false;
    for (std::size_t i = 0; i < low.size(); ++i) {
        const bool word_start = i == 0 || !ascii_alnum(s[i - 1]);
        const bool glued = i > 0 && std::islower(static_cast<unsigned char>(s[i - 1])) && std::isupper(static_cast<unsigned char>(s[i]));
        if ((word_start || glued || (i > 0 && !ascii_digit(s[i - 1]) && ascii_digit(s[i]))) && date_at(low, i)) {
            s.erase(i);
            dated = true;
            break;
        }
    }
    // Trailing separators and the little words that led into the date ("… on", "… le").
    for (bool again = true; again;) {
        again = false;
        while (!s.empty() && std::string_view(" ,;:-|/").find(s.back()) != std::string_view::npos) { s.pop_back(); again = true; }
        if (!dated) continue;  // "Thanh Le", "Lisa Du": these words end names too
        for (std::string_view w : {" on", " at", " le", " am", " el", " il", " em", " de", " in", " du", " the", " –", " —"}) {
            if (s.size() > w.size() && ascii_lower(s.substr(s.size() - w.size())) == w) { s.erase(s.size() - w.size()); again = true; }
        }
        // The day of the week that opens the date ("By Bryan Walsh Tuesday, Aug. 17, 2010"),
        // unless the name would be left a single word: a weekday is a surname too ("Plácido
        // Domingo").
        const std::size_t space = s.rfind(' ');
        if (space != std::string::npos && s.find(' ') < space && is_weekday(std::string_view(s).substr(space + 1))) {
            s.erase(space);
            again = true;
        }
    }
    // A name shown twice, with more after it ("Ellyn Shook Ellyn Shook Creating …"): the name.
    std::vector<std::string_view> words;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        words.push_back(std::string_view(s).substr(i, j - i));
        i = j + 1;
    }
    // (A one-word name said twice and nothing more may be the name: "Sirhan Sirhan".)
    for (std::size_t k = 1; k <= 4 && 2 * k <= words.size(); ++k) {
        if (k == 1 && words.size() == 2) continue;
        if (!std::equal(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(k), words.begin() + static_cast<std::ptrdiff_t>(k))) continue;
        std::string unit(words[0].data(), static_cast<std::size_t>(words[k - 1].data() + words[k - 1].size() - words[0].data()));
        words.resize(k);
        s = std::move(unit);
        break;
    }
    // No letter at all, or a sentence rather than a name: no author.
    const bool letter = std::any_of(s.begin(), s.end(), word_byte);
    const std::string word = ascii_lower(s);
    if (!letter || words.size() > 12 || word == "by" || word == "von" || word == "par" || word == "por") return {};
    return s;
}

}  // namespace

std::string author_name(std::string_view byline) {
    // Fields after separators ("Saibal Dasgupta / TNN / Updated: …", "Politik · Jochen
    // Bittner"): the first that names somebody in two words or more, else the first one.
    // A byline is a line: a longer text names nobody (and would cost its length squared).
    constexpr std::size_t max_byline_bytes = 600;
    if (byline.size() > max_byline_bytes) return {};
    const std::string all = collapse_spaces(byline);
    std::string first;
    for (std::size_t i = 0; i <= all.size();) {
        std::size_t end = all.size(), next = all.size() + 1;
        for (std::string_view sep : {" | ", " / ", " • ", " · ", "|"})
            if (const std::size_t at = all.find(sep, i); at != std::string::npos && at < end) { end = at; next = at + sep.size(); }
        std::string name = name_in_field(std::string_view(all).substr(i, end - i));
        if (name.find(' ') != std::string::npos) return name;
        if (first.empty()) first = std::move(name);
        i = next;
    }
    return first;
}


std::vector<std::string> title_words(std::string_view s) {
    std::vector<std::string> out;
    std::string w;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) { w += static_cast<char>(std::tolower(u)); continue; }
        if (!w.empty()) out.push_back(std::move(w)), w.clear();
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
}

double title_overlap(std::string_view a, std::string_view b) {
    const auto wa = title_words(a), wb = title_words(b);
    if (wa.empty() || wb.empty()) return 0;
    std::size_t shared = 0;
    for (const auto& w : wa) shared += std::find(wb.begin(), wb.end(), w) != wb.end();
    return static_cast<double>(shared) / static_cast<double>(std::max(wa.size(), wb.size()));
}

PageMetadata read_metadata(const Dom& dom) {
    PageMetadata pm;
    std::map<std::string, std::string> metas;  // first value of each lower-case name/property
    std::string title_tag, canonical, base_href, jsonld;
    for (int i = 0; i < dom.size(); ++i) {
        const Node& n = dom[i];
        if (n.is_text) continue;
        switch (n.tag) {
            case GUMBO_TAG_HTML:
                if (pm.meta.lang.empty()) pm.meta.lang = collapse_spaces(dom.attr(i, "lang"));
                if (pm.meta.lang.empty()) pm.meta.lang = collapse_spaces(dom.attr(i, "xml:lang"));
                break;
            case GUMBO_TAG_TITLE:
                if (title_tag.empty()) title_tag = dom.text_of(i, true);
                break;
            case GUMBO_TAG_META: {
                std::string key = ascii_lower(dom.attr(i, "property"));
                if (key.empty()) key = ascii_lower(dom.attr(i, "name"));
                if (key.empty()) key = ascii_lower(dom.attr(i, "itemprop"));
                if (key.empty()) key = ascii_lower(dom.attr(i, "http-equiv"));
                // Some sites write value= for content= (<meta name="author" value="Jack Davis">).
                const std::string value = collapse_spaces(dom.has_attr(i, "content") ? dom.attr(i, "content") : dom.attr(i, "value"));
                // property="og:title twitter:title" declares several at once.
                std::size_t a = 0;
                while (!key.empty() && a < key.size()) {
                    std::size_t b = key.find(' ', a);
                    if (b == std::string::npos) b = key.size();
                    if (b > a && !value.empty()) metas.emplace(key.substr(a, b - a), value);
                    a = b + 1;
                }
                break;
            }
            case GUMBO_TAG_LINK:
                if (canonical.empty() && ascii_lower(dom.attr(i, "rel")) == "canonical") canonical = collapse_spaces(dom.attr(i, "href"));
                break;
            case GUMBO_TAG_BASE:
                if (base_href.empty()) base_href = collapse_spaces(dom.attr(i, "href"));
                break;
            case GUMBO_TAG_SCRIPT:
                if (ascii_lower(dom.attr(i, "type")) == "application/ld+json") {
                    for (int c = n.first_child; c >= 0; c = dom[c].next_sibling)
                        if (dom[c].is_text) jsonld.append(dom[c].text), jsonld += '\n';
                }
                break;
            default: break;
        }
    }
    auto meta = [&](std::initializer_list<const char*> keys) -> std::string {
        for (const char* k : keys)
            if (auto it = metas.find(k); it != metas.end() && !it->second.empty()) return it->second;
        return {};
    };
    auto first = [](const std::vector<std::string>& v) { return v.empty() ? std::string() : v.front(); };

    model::Metadata& m = pm.meta;
    m.title = first(json_values(jsonld, "headline", false));
    // Some pages put a subtitle in JSON-LD's "headline" and the title in its "name" (Wikipedia:
    // "constitutional monarchy in Oceania" for "New Zealand"). Readability then takes the one
    // that matches the <title>; here a "name" replaces a headline that shares almost nothing
    // with the <title> when the name makes up most of it.
    if (!m.title.empty() && !title_tag.empty() && title_overlap(m.title, title_tag) < 0.3) {
        for (const auto& name : json_values(jsonld, "name", false))
            if (title_overlap(name, title_tag) >= 0.5) { m.title = name; break; }
    }
    if (m.title.empty()) m.title = meta({"dc.title", "dcterm:title", "og:title", "twitter:title", "parsely-title", "title"});
    if (m.title.empty()) m.title = clean_title(title_tag);
    // SEO plugins write the site's name into the headline too ("Headline | Kulu Media").
    if (const std::string site = meta({"og:site_name", "application-name"}); !site.empty())
        m.title = without_site_name(m.title, site);

    std::vector<std::string> authors = json_values(jsonld, "author", true);
    if (authors.empty()) authors = json_values(jsonld, "creator", true);
    // The site's own name is no author ("ABC News"), and neither is a profile's address: the
    // article's tags come before the page-wide "author", which a publisher may fill with its
    // name ("Condé Nast" on every page, the writer in article:author).
    const std::string site_name = ascii_lower(meta({"og:site_name", "application-name"}));
    auto names_someone = [&](const std::string& a) { return !a.empty() && a.find("://") == std::string::npos && ascii_lower(a) != site_name; };
    if (authors.empty()) {
        for (const char* key : {"dc.creator", "dcterm:creator", "article:author", "parsely-author", "sailthru.author", "author"})
            if (std::string a = meta({key}); names_someone(a)) { authors.push_back(std::move(a)); break; }
    }
    // A card's labelled field ("twitter:label1" "Written by", "twitter:data1" the name), as
    // WordPress's SEO plugins and LinkedIn set it.
    static constexpr std::string_view author_labels[] = {"written by", "author", "geschrieben von", "verfasst von",
                                                         "\u00e9crit par", "escrito por", "scritto da"};
    for (const char* n : {"1", "2", "3"}) {
        if (!authors.empty()) break;
        const std::string label = base::utf8::to_lower(meta({(std::string("twitter:label") + n).c_str()}));
        if (std::find(std::begin(author_labels), std::end(author_labels), label) == std::end(author_labels)) continue;
        if (std::string a = meta({(std::string("twitter:data") + n).c_str()}); names_someone(a)) authors.push_back(std::move(a));
    }
    for (auto& raw : authors) {
        const std::string a = names_someone(raw) ? author_name(raw) : std::string();
        if (!a.empty() && std::find(m.authors.begin(), m.authors.end(), a) == m.authors.end()) m.authors.push_back(a);
    }

    m.date = first(json_values(jsonld, "datePublished", false));
    if (m.date.empty()) m.date = meta({"article:published_time", "parsely-pub-date", "dc.date", "dcterms.date", "date", "pubdate", "publishdate", "datepublished"});
    m.description = meta({"og:description", "description", "dc.description", "twitter:description"});
    if (m.lang.empty()) m.lang = meta({"content-language", "dc.language", "language"});
    m.source_url = !canonical.empty() ? canonical : meta({"og:url", "twitter:url"});
    const std::string keywords = meta({"keywords", "news_keywords"});
    for (std::size_t a = 0; a < keywords.size();) {
        std::size_t b = keywords.find(',', a);
        if (b == std::string::npos) b = keywords.size();
        std::string k = collapse_spaces(keywords.substr(a, b - a));
        if (!k.empty()) m.keywords.push_back(k);
        a = b + 1;
    }
    if (const std::string site = meta({"og:site_name", "application-name"}); !site.empty()) m.extra.emplace_back("site", site);
    if (!title_tag.empty() && title_tag != m.title) m.extra.emplace_back("page-title", title_tag);
    pm.base_url = !base_href.empty() && base_href.find("://") != std::string::npos ? base_href : m.source_url;
    return pm;
}

}  // namespace folio::parse::html
