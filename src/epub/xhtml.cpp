// Model → XHTML with pugixml. Every node kind is visited explicitly (no catch-all), so a new kind
// must be mapped here before the project builds again.
#include "epub/xhtml.hpp"

#include "base/overloaded.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "base/url.hpp"
#include "base/utf8.hpp"
#include "model/text.hpp"

namespace folio::epub {
namespace {

using base::Overloaded;

constexpr int max_heading_level = 6;

struct StringWriter final : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};
struct CountingWriter final : pugi::xml_writer {
    std::size_t n = 0;
    void write(const void*, size_t size) override { n += size; }
};

constexpr unsigned save_flags = pugi::format_raw | pugi::format_no_declaration | pugi::format_skip_control_chars;

/// Block elements are followed by a newline so the files stay readable and diffable; whitespace
/// between blocks is not significant.
void newline(pugi::xml_node parent) { parent.append_child(pugi::node_pcdata).set_value("\n"); }

void set_attr(pugi::xml_node n, const char* name, std::string_view value) {
    n.append_attribute(name).set_value(base::utf8::sanitize(value).c_str());
}

/// A class token from a code block's language ("c++" → "language-c++"); empty when nothing
/// usable remains.
std::string language_class(std::string_view lang) {
    std::string t;
    for (char c : lang) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' || c == '#')
            t += c;
        else
            break;
    }
    return t.empty() ? t : "language-" + t;
}

const char* align_style(model::Align a) {
    switch (a) {
        case model::Align::Default: return nullptr;
        case model::Align::Left: return "text-align: left";
        case model::Align::Center: return "text-align: center";
        case model::Align::Right: return "text-align: right";
    }
    return nullptr;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

struct UiWord {
    const char* lang;
    const char* key;
    const char* text;
};
constexpr std::array ui_words{
    UiWord{"en", "contents", "Contents"},   UiWord{"en", "titlepage", "Title page"},
    UiWord{"en", "landmarks", "Landmarks"}, UiWord{"en", "start", "Start of content"},
    UiWord{"en", "notes", "Notes"}, UiWord{"en", "cover", "Cover"}, UiWord{"en", "details", "Details"},
    UiWord{"fr", "contents", "Table des matières"}, UiWord{"fr", "titlepage", "Page de titre"},
    UiWord{"fr", "landmarks", "Repères"},   UiWord{"fr", "start", "Début du texte"},
    UiWord{"fr", "notes", "Notes"}, UiWord{"fr", "cover", "Couverture"}, UiWord{"fr", "details", "Détails"},
    UiWord{"de", "contents", "Inhalt"},     UiWord{"de", "titlepage", "Titelseite"},
    UiWord{"de", "landmarks", "Orientierungspunkte"}, UiWord{"de", "start", "Textanfang"},
    UiWord{"de", "notes", "Anmerkungen"}, UiWord{"de", "cover", "Umschlag"}, UiWord{"de", "details", "Details"},
    UiWord{"es", "contents", "Índice"},     UiWord{"es", "titlepage", "Portada"},
    UiWord{"es", "landmarks", "Puntos de referencia"}, UiWord{"es", "start", "Inicio del texto"},
    UiWord{"es", "notes", "Notas"}, UiWord{"es", "cover", "Cubierta"}, UiWord{"es", "details", "Detalles"},
    UiWord{"pt", "contents", "Índice"},     UiWord{"pt", "titlepage", "Página de rosto"},
    UiWord{"pt", "landmarks", "Pontos de referência"}, UiWord{"pt", "start", "Início do texto"},
    UiWord{"pt", "notes", "Notas"}, UiWord{"pt", "cover", "Capa"}, UiWord{"pt", "details", "Detalhes"},
    UiWord{"it", "contents", "Indice"},     UiWord{"it", "titlepage", "Frontespizio"},
    UiWord{"it", "landmarks", "Punti di riferimento"}, UiWord{"it", "start", "Inizio del testo"},
    UiWord{"it", "notes", "Note"}, UiWord{"it", "cover", "Copertina"}, UiWord{"it", "details", "Dettagli"},
};

}  // namespace

// ---------------------------------------------------------------- helpers

bool is_clean_text(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x80) { ++i; continue; }
        if (c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
        if (c < 0x80 || base::utf8::valid_sequence_length(s, i) == 0) return false;
        if (base::utf8::is_xml_forbidden(base::utf8::decode(s, i))) return false;
    }
    return true;
}

void append_text(pugi::xml_node parent, std::string_view text) {
    if (text.empty()) return;
    auto node = parent.append_child(pugi::node_pcdata);
    // Most text is clean already: check it without copying, and copy only when it is not.
    if (is_clean_text(text)) node.set_value(text.data(), text.size());
    else node.set_value(base::utf8::sanitize(text).c_str());
}

void close_empty_elements(pugi::xml_node root) {
    static constexpr std::array void_elements{"area", "base", "br", "col", "embed", "hr", "img",
                                              "input", "link", "meta", "source", "track", "wbr"};
    for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
        if (n.type() != pugi::node_element) continue;
        if (n.first_child()) {
            close_empty_elements(n);
        } else if (std::none_of(void_elements.begin(), void_elements.end(),
                                [&](const char* v) { return std::strcmp(v, n.name()) == 0; })) {
            n.append_child(pugi::node_pcdata);
        }
    }
}

std::string serialize(const pugi::xml_document& d) {
    StringWriter w;
    d.save(w, "", save_flags, pugi::encoding_utf8);
    return std::move(w.out);
}

std::size_t serialized_size(pugi::xml_node node) {
    CountingWriter w;
    node.print(w, "", save_flags, pugi::encoding_utf8);
    return w.n;
}

bool is_safe_url(std::string_view url) {
    return starts_with_ci(url, "http://") || starts_with_ci(url, "https://") || starts_with_ci(url, "mailto:");
}

std::string encode_url(std::string_view url) { return base::percent_encode_uri(base::utf8::sanitize(url)); }

std::string ui_text(std::string_view lang, std::string_view key) {
    const std::string primary = base::utf8::to_lower(lang.substr(0, lang.find('-')));
    for (const auto& w : ui_words)
        if (primary == w.lang && key == w.key) return w.text;
    for (const auto& w : ui_words)
        if (std::string_view(w.lang) == "en" && key == w.key) return w.text;
    return std::string(key);
}

void append_ui_text(pugi::xml_node parent, std::string_view lang, std::string_view key) {
    append_text(parent, ui_text(lang, key));
    const std::string primary = base::utf8::to_lower(lang.substr(0, lang.find('-')));
    if (primary.empty() || primary == "und" || primary == "en") return;
    const bool known = std::any_of(ui_words.begin(), ui_words.end(),
                                   [&](const UiWord& w) { return primary == w.lang && key == w.key; });
    if (known) return;
    parent.append_attribute("lang") = "en";
    parent.append_attribute("xml:lang") = "en";
}

// ---------------------------------------------------------------- builder

XhtmlBuilder::XhtmlBuilder(const model::Document& doc, XhtmlOptions opts, base::Diagnostics& diag)
    : doc_(doc), opts_(std::move(opts)), diag_(&diag) {}

pugi::xml_node XhtmlBuilder::begin(pugi::xml_document& d, std::string_view title, std::string_view css_href,
                                   std::string_view css_text) {
    ref_count_.clear();
    notes_pending_.clear();
    notes_done_.clear();
    anchors_.clear();
    anchor_ids_.clear();

    if (opts_.epub) {
        auto decl = d.append_child(pugi::node_declaration);
        decl.append_attribute("version") = "1.0";
        decl.append_attribute("encoding") = "UTF-8";
    }
    d.append_child(pugi::node_doctype).set_value("html");
    auto html = d.append_child("html");
    html.append_attribute("xmlns") = xhtml_ns;
    if (opts_.epub) html.append_attribute("xmlns:epub") = ops_ns;
    set_attr(html, "lang", opts_.lang);
    set_attr(html, "xml:lang", opts_.lang);
    newline(html);
    auto head = html.append_child("head");
    head.append_child("meta").append_attribute("charset") = "UTF-8";
    if (!opts_.epub) {
        auto vp = head.append_child("meta");
        vp.append_attribute("name") = "viewport";
        vp.append_attribute("content") = "width=device-width, initial-scale=1";
    }
    append_text(head.append_child("title"), title);
    if (!css_href.empty()) {
        auto link = head.append_child("link");
        link.append_attribute("rel") = "stylesheet";
        link.append_attribute("type") = "text/css";
        set_attr(link, "href", css_href);
    }
    if (!css_text.empty()) {
        // "/*<![CDATA[*/ ... /*]]>*/" reads as CSS comments in an HTML <style> (a raw-text
        // element) and as character data in XML, so '>' and '&' survive both parsers.
        std::string css = base::utf8::sanitize(css_text);
        for (std::size_t p; (p = css.find("</")) != std::string::npos;) css.replace(p, 2, "<\\/");
        auto style = head.append_child("style");
        style.append_child(pugi::node_pcdata).set_value("/*");
        style.append_child(pugi::node_cdata).set_value(("*/\n" + css + "\n/*").c_str());
        style.append_child(pugi::node_pcdata).set_value("*/");
    }
    newline(html);
    auto body = html.append_child("body");
    newline(html);
    return body;
}

void XhtmlBuilder::blocks(pugi::xml_node parent, const model::Blocks& bs) {
    for (const auto& b : bs) block(parent, b);
}

void XhtmlBuilder::set_lang(pugi::xml_node e, std::string_view lang) {
    // Both attributes, equal: XHTML reading systems read xml:lang, HTML ones lang.
    set_attr(e, "lang", lang);
    set_attr(e, "xml:lang", lang);
}

void XhtmlBuilder::block(pugi::xml_node parent, const model::Block& b) {
    // The block's element is the last child added to `parent`; it carries a language of its own.
    const pugi::xml_node before = parent.last_child();
    std::visit(Overloaded{
        [&](const model::Paragraph& p) { inlines(parent.append_child("p"), p.content); },
        [&](const model::Heading& h) {
            const int level = std::clamp(h.level, 1, max_heading_level);
            static constexpr std::array<const char*, max_heading_level> names{"h1", "h2", "h3", "h4", "h5", "h6"};
            // Headings guessed from short lines (model::Heading::inferred) are written as heading
            // elements too: reading systems and assistive technology navigate by <hN> elements, and
            // some ignore role="heading" on a <p>, so the book's structural navigation would rest on
            // ARIA support. The reader gives them the level under the title (2).
            auto e = parent.append_child(names[static_cast<std::size_t>(level - 1)]);
            if (!h.id.empty()) {
                set_attr(e, "id", h.id);
                anchor_ids_.push_back(h.id);
            }
            inlines(e, h.content);
        },
        [&](const model::BulletList& l) {
            auto e = parent.append_child("ul");
            if (l.tight) e.append_attribute("class") = "tight";
            list_items(e, l.items);
        },
        [&](const model::OrderedList& l) {
            auto e = parent.append_child("ol");
            if (l.tight) e.append_attribute("class") = "tight";
            if (l.start != 1) e.append_attribute("start") = l.start;
            list_items(e, l.items);
        },
        [&](const model::BlockQuote& q) {
            auto e = parent.append_child("blockquote");
            newline(e);
            blocks(e, q.blocks);
        },
        [&](const model::CodeBlock& c) {
            auto code = parent.append_child("pre").append_child("code");
            if (const std::string cls = language_class(c.language); !cls.empty()) set_attr(code, "class", cls);
            append_text(code, c.text);
        },
        [&](const model::ThematicBreak&) { parent.append_child("hr"); },
        [&](const model::Table& t) {
            auto table = parent.append_child("table");
            if (!t.caption.empty()) inlines(table.append_child("caption"), t.caption);
            auto row = [&](pugi::xml_node section, const model::TableRow& r, bool head) {
                auto tr = section.append_child("tr");
                for (std::size_t i = 0; i < r.size(); ++i) {
                    auto cell = tr.append_child(head ? "th" : "td");
                    if (head) cell.append_attribute("scope") = "col";
                    if (i < t.aligns.size())
                        if (const char* s = align_style(t.aligns[i])) cell.append_attribute("style") = s;
                    inlines(cell, r[i].content);
                }
                newline(section);
            };
            if (!t.head.empty()) {
                auto thead = table.append_child("thead");
                for (const auto& r : t.head) row(thead, r, true);
            }
            if (!t.body.empty()) {
                auto tbody = table.append_child("tbody");
                newline(tbody);
                for (const auto& r : t.body) row(tbody, r, false);
            }
        },
        [&](const model::Figure& f) {
            auto fig = parent.append_child("figure");
            image(fig, f.image);
            if (!f.caption.empty()) inlines(fig.append_child("figcaption"), f.caption);
        },
        [&](const model::DefinitionList& l) {
            auto dl = parent.append_child("dl");
            newline(dl);
            for (const auto& item : l.items) {
                inlines(dl.append_child("dt"), item.term);
                newline(dl);
                for (const auto& d : item.definitions) {
                    auto dd = dl.append_child("dd");
                    // A one-paragraph definition is written inline, as pandoc writes a tight list.
                    const auto* p = d.size() == 1 ? std::get_if<model::Paragraph>(&d.front().node) : nullptr;
                    if (p) inlines(dd, p->content);
                    else blocks(dd, d);
                    newline(dl);
                }
            }
        },
        [&](const model::Details& d) {
            // A real <details>: reading systems fold and unfold it without scripts, and assistive
            // technology announces it as a disclosure.
            auto e = parent.append_child("details");
            if (d.open) e.append_attribute("open") = "open";
            // The content model requires a <summary> first (epubcheck enforces it): without one
            // in the source, the label browsers would show, in the book's language.
            auto summary = e.append_child("summary");
            if (d.summary.empty()) append_ui_text(summary, opts_.lang, "details");
            else inlines(summary, d.summary);
            newline(e);
            blocks(e, d.blocks);
        },
    }, b.node);
    if (!b.lang.empty()) {
        const pugi::xml_node e = before ? before.next_sibling() : parent.first_child();
        if (e && e.type() == pugi::node_element) set_lang(e, b.lang);
    }
    newline(parent);
}

void XhtmlBuilder::list_items(pugi::xml_node list, const std::vector<model::ListItem>& items) {
    newline(list);
    for (const auto& item : items) {
        auto li = list.append_child("li");
        // Item text is always written in <p> (tightness is a class for the stylesheet), so every
        // text block of the source is a paragraph of the book, inside lists too. A task's box
        // goes inside its first paragraph.
        pugi::xml_node box_parent = li;
        std::size_t skip = 0;
        if (item.task) {
            li.append_attribute("class") = "task";
            const auto* p = item.blocks.empty() ? nullptr : std::get_if<model::Paragraph>(&item.blocks.front().node);
            if (p) box_parent = li.append_child("p");
            auto box = box_parent.append_child("input");
            box.append_attribute("type") = "checkbox";
            box.append_attribute("disabled") = "disabled";
            if (*item.task) box.append_attribute("checked") = "checked";
            if (p) {
                append_text(box_parent, " ");
                inlines(box_parent, p->content);
                skip = 1;
            }
        }
        for (std::size_t i = skip; i < item.blocks.size(); ++i) block(li, item.blocks[i]);
        newline(list);
    }
}

void XhtmlBuilder::inlines(pugi::xml_node parent, const model::Inlines& xs) {
    for (const auto& x : xs) inline_node(parent, x);
}

void XhtmlBuilder::inline_node(pugi::xml_node parent, const model::Inline& x) {
    std::visit(Overloaded{
        [&](const model::Text& t) { append_text(parent, t.text); },
        [&](const model::Emphasis& e) { inlines(parent.append_child("em"), e.children); },
        [&](const model::Strong& e) { inlines(parent.append_child("strong"), e.children); },
        [&](const model::Strikeout& e) { inlines(parent.append_child("del"), e.children); },
        [&](const model::Superscript& e) { inlines(parent.append_child("sup"), e.children); },
        [&](const model::Subscript& e) { inlines(parent.append_child("sub"), e.children); },
        [&](const model::LangSpan& e) {
            auto span = parent.append_child("span");
            set_lang(span, e.lang);
            inlines(span, e.children);
        },
        [&](const model::Code& c) { append_text(parent.append_child("code"), c.text); },
        [&](const model::Link& l) { link(parent, l, x.pos); },
        [&](const model::Image& i) { image(parent, i); },
        [&](const model::LineBreak&) { parent.append_child("br"); },
        [&](const model::FootnoteRef& r) { footnote_ref(parent, r, x.pos); },
        [&](const model::Anchor& a) {
            if (a.id.empty()) return;  // a repeated or unusable id: assign_heading_ids cleared it
            set_attr(parent.append_child("span"), "id", a.id);
            anchor_ids_.push_back(a.id);
        },
    }, x.node);
}

void XhtmlBuilder::image(pugi::xml_node parent, const model::Image& img) {
    const auto it = opts_.images ? opts_.images->find(img.src) : ImageMap::const_iterator{};
    if (!opts_.images || it == opts_.images->end()) {
        // The writer reported the missing image when it collected the package's resources.
        auto span = parent.append_child("span");
        span.append_attribute("class") = "image-missing";
        append_text(span, img.alt.empty() ? img.title : img.alt);
        return;
    }
    auto e = parent.append_child("img");
    set_attr(e, "src", it->second);
    set_attr(e, "alt", img.alt);
    if (!img.title.empty()) set_attr(e, "title", img.title);
}

void XhtmlBuilder::link(pugi::xml_node parent, const model::Link& l, const model::SourcePos& pos) {
    if (is_safe_url(l.url)) {
        if (const auto href = base::web_uri(l.url)) {
            auto a = parent.append_child("a");
            set_attr(a, "href", *href);
            if (!l.title.empty()) set_attr(a, "title", l.title);
            inlines(a, l.children);
        } else {
            diag_->warn(pos.line, pos.col,
                        "link to '" + base::utf8::sanitize(l.url) + "' names no valid host: written as text");
            inlines(parent, l.children);
        }
        return;
    }
    if (!l.url.empty() && l.url[0] == '#') {
        const std::string id = model::fragment_id(l.url);
        if (opts_.heading_ids && opts_.heading_ids->count(id)) {
            auto a = parent.append_child("a");
            set_attr(a, "href", "#" + id);
            if (!l.title.empty()) set_attr(a, "title", l.title);
            anchors_.push_back({a, id});
            inlines(a, l.children);
            return;
        }
        diag_->warn(pos.line, pos.col,
                    "link to '" + base::utf8::sanitize(l.url) + "' matches no heading or anchor: written as text");
        inlines(parent, l.children);
        return;
    }
    diag_->warn(pos.line, pos.col,
                "link target '" + base::utf8::sanitize(l.url) + "' is not http, https or mailto: written as text");
    inlines(parent, l.children);
}

void XhtmlBuilder::footnote_ref(pugi::xml_node parent, const model::FootnoteRef& r, const model::SourcePos& pos) {
    if (r.index >= doc_.footnotes.size()) {
        diag_->warn(pos.line, pos.col, "reference to an undefined footnote '" + base::utf8::sanitize(r.label) + "'");
        append_text(parent, "[" + r.label + "]");
        return;
    }
    const std::string n = std::to_string(r.index + 1);
    const int k = ++ref_count_[r.index];
    if (k == 1 && !notes_done_.count(r.index)) notes_pending_.push_back(r.index);
    auto a = parent.append_child("sup").append_child("a");
    a.append_attribute("id") = (k == 1 ? "fnref-" + n : "fnref-" + n + "-" + std::to_string(k)).c_str();
    a.append_attribute("href") = ("#fn-" + n).c_str();
    a.append_attribute("class") = "noteref";
    if (opts_.epub) a.append_attribute("epub:type") = "noteref";
    a.append_attribute("role") = "doc-noteref";
    append_text(a, n);
}

std::size_t XhtmlBuilder::footnotes(pugi::xml_node parent) {
    std::size_t written = 0;
    // Notes may reference notes: the pending list grows while it is walked.
    for (std::size_t i = 0; i < notes_pending_.size(); ++i) {
        const std::size_t idx = notes_pending_[i];
        if (!notes_done_.insert(idx).second) continue;
        const model::Footnote& fn = doc_.footnotes[idx];
        const std::string n = std::to_string(idx + 1);
        auto aside = parent.append_child("aside");
        aside.append_attribute("id") = ("fn-" + n).c_str();
        aside.append_attribute("class") = "footnote";
        if (opts_.epub) aside.append_attribute("epub:type") = "footnote";
        aside.append_attribute("role") = "doc-footnote";
        newline(aside);
        blocks(aside, fn.blocks);
        // The note's number links back to the first reference; it opens the first paragraph.
        pugi::xml_node first = aside.find_child([](pugi::xml_node c) { return c.type() == pugi::node_element; });
        if (!first || std::strcmp(first.name(), "p") != 0) {
            first = aside.insert_child_after("p", aside.first_child());
        }
        auto back = first.prepend_child("a");
        back.append_attribute("href") = ("#fnref-" + n).c_str();
        back.append_attribute("class") = "footnote-back";
        back.append_attribute("role") = "doc-backlink";
        append_text(back, n + ".");
        first.insert_child_after(pugi::node_pcdata, back).set_value(" ");
        newline(parent);
        ++written;
    }
    notes_pending_.clear();
    return written;
}

void XhtmlBuilder::title_block(pugi::xml_node parent, std::string_view title) {
    const model::Metadata& m = doc_.meta;
    // Divs rather than paragraphs: the title page carries metadata, not body text.
    auto line = [&](const char* cls, std::string_view text) {
        if (text.empty()) return;
        auto d = parent.append_child("div");
        d.append_attribute("class") = cls;
        append_text(d, text);
        newline(parent);
    };
    auto h1 = parent.append_child("h1");
    h1.append_attribute("class") = "title";
    append_text(h1, title);
    newline(parent);
    line("subtitle", m.subtitle);
    std::string authors;
    for (const auto& a : m.authors) authors += (authors.empty() ? "" : ", ") + a;
    line("byline", authors);
    if (!m.date.empty()) {
        // A date read as ISO 8601 is shown as a reader writes it, with the machine form beside.
        const std::string shown = model::display_date(m.date, m.lang);
        auto d = parent.append_child("div");
        d.append_attribute("class") = "date";
        if (shown != m.date) {
            auto t = d.append_child("time");
            set_attr(t, "datetime", m.date.substr(0, 10));
            append_text(t, shown);
        } else {
            append_text(d, shown);
        }
        newline(parent);
    }
    if (!m.source_url.empty()) {
        auto d = parent.append_child("div");
        d.append_attribute("class") = "source";
        const auto href = is_safe_url(m.source_url) ? base::web_uri(m.source_url) : std::nullopt;
        if (href) {
            auto a = d.append_child("a");
            set_attr(a, "href", *href);
            append_text(a, m.source_url);
        } else {
            append_text(d, m.source_url);
        }
        newline(parent);
    }
    line("description", m.description);
}

}  // namespace folio::epub
