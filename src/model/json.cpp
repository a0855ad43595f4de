// Document → JSON. Every node kind is visited explicitly (no catch-all), so a new kind must be
// dumped before the project builds again.
#include "model/json.hpp"

#include "base/overloaded.hpp"
#include "base/json.hpp"

namespace folio::model {
namespace {

using base::Overloaded;

class Dumper {
public:
    Dumper(base::JsonWriter& w, bool pos) : w_(w), pos_(pos) {}

    void position(const SourcePos& p) {
        if (pos_ && p.line > 0) w_.key("pos").value(std::to_string(p.line) + ":" + std::to_string(p.col));
    }

    void inlines(const Inlines& xs) {
        w_.begin_array();
        for (const auto& x : xs) inline_node(x);
        w_.end_array();
    }

    void inline_node(const Inline& in) {
        w_.begin_object();
        std::visit(Overloaded{
            [&](const Text& t) { w_.key("t").value("text").key("text").value(t.text); },
            [&](const Emphasis& e) { w_.key("t").value("emph").key("c"); inlines(e.children); },
            [&](const Strong& e) { w_.key("t").value("strong").key("c"); inlines(e.children); },
            [&](const Strikeout& e) { w_.key("t").value("strike").key("c"); inlines(e.children); },
            [&](const Superscript& e) { w_.key("t").value("sup").key("c"); inlines(e.children); },
            [&](const Subscript& e) { w_.key("t").value("sub").key("c"); inlines(e.children); },
            [&](const LangSpan& e) { w_.key("t").value("lang").key("lang").value(e.lang).key("c"); inlines(e.children); },
            [&](const Code& c) { w_.key("t").value("code").key("text").value(c.text); },
            [&](const Link& l) {
                w_.key("t").value("link").key("url").value(l.url);
                if (!l.title.empty()) w_.key("title").value(l.title);
                w_.key("c");
                inlines(l.children);
            },
            [&](const Image& i) { image(i); },
            [&](const LineBreak&) { w_.key("t").value("br"); },
            [&](const FootnoteRef& f) {
                w_.key("t").value("noteref").key("index").value(f.index).key("label").value(f.label);
            },
            [&](const Anchor& a) { w_.key("t").value("anchor").key("id").value(a.id); },
        }, in.node);
        position(in.pos);
        w_.end_object();
    }

    void image(const Image& i) {
        w_.key("t").value("image").key("src").value(i.src).key("alt").value(i.alt);
        if (!i.title.empty()) w_.key("title").value(i.title);
    }

    void blocks(const Blocks& bs) {
        w_.begin_array();
        for (const auto& b : bs) block(b);
        w_.end_array();
    }

    void items(const std::vector<ListItem>& items) {
        w_.begin_array();
        for (const auto& it : items) {
            w_.begin_object();
            if (it.task) w_.key("task").value(*it.task);
            w_.key("c");
            blocks(it.blocks);
            w_.end_object();
        }
        w_.end_array();
    }

    void rows(const std::vector<TableRow>& rs) {
        w_.begin_array();
        for (const auto& r : rs) {
            w_.begin_array();
            for (const auto& c : r) inlines(c.content);
            w_.end_array();
        }
        w_.end_array();
    }

    void block(const Block& b) {
        w_.begin_object();
        std::visit(Overloaded{
            [&](const Paragraph& p) { w_.key("t").value("para").key("c"); inlines(p.content); },
            [&](const Heading& h) {
                w_.key("t").value("heading").key("level").value(h.level);
                if (!h.id.empty()) w_.key("id").value(h.id);
                if (h.inferred) w_.key("inferred").value(true);
                w_.key("c");
                inlines(h.content);
            },
            [&](const BulletList& l) {
                w_.key("t").value("bullets").key("tight").value(l.tight).key("items");
                items(l.items);
            },
            [&](const OrderedList& l) {
                w_.key("t").value("ordered").key("start").value(l.start).key("tight").value(l.tight).key("items");
                items(l.items);
            },
            [&](const BlockQuote& q) { w_.key("t").value("quote").key("c"); blocks(q.blocks); },
            [&](const CodeBlock& c) {
                w_.key("t").value("codeblock");
                if (!c.language.empty()) w_.key("lang").value(c.language);
                w_.key("text").value(c.text);
            },
            [&](const ThematicBreak&) { w_.key("t").value("hr"); },
            [&](const Table& t) {
                w_.key("t").value("table").key("aligns").begin_array();
                for (Align a : t.aligns)
                    w_.value(a == Align::Left ? "left" : a == Align::Center ? "center" : a == Align::Right ? "right" : "default");
                w_.end_array().key("head");
                rows(t.head);
                w_.key("body");
                rows(t.body);
                if (!t.caption.empty()) { w_.key("caption"); inlines(t.caption); }
            },
            [&](const Figure& f) {
                w_.key("t").value("figure").key("image").begin_object();
                image(f.image);
                w_.end_object().key("caption");
                inlines(f.caption);
            },
            [&](const DefinitionList& l) {
                w_.key("t").value("deflist").key("items").begin_array();
                for (const auto& it : l.items) {
                    w_.begin_object().key("term");
                    inlines(it.term);
                    w_.key("defs").begin_array();
                    for (const auto& d : it.definitions) blocks(d);
                    w_.end_array().end_object();
                }
                w_.end_array();
            },
            [&](const Details& d) {
                w_.key("t").value("details");
                if (d.open) w_.key("open").value(true);
                w_.key("summary");
                inlines(d.summary);
                w_.key("c");
                blocks(d.blocks);
            },
        }, b.node);
        if (!b.lang.empty()) w_.key("lang").value(b.lang);
        position(b.pos);
        w_.end_object();
    }

    void strings(std::string_view k, const std::vector<std::string>& xs) {
        w_.key(k).begin_array();
        for (const auto& x : xs) w_.value(x);
        w_.end_array();
    }

    void document(const Document& d) {
        const Metadata& m = d.meta;
        w_.begin_object().key("meta").begin_object();
        w_.key("title").value(m.title);
        if (!m.subtitle.empty()) w_.key("subtitle").value(m.subtitle);
        strings("authors", m.authors);
        w_.key("lang").value(m.lang);
        if (!m.date.empty()) w_.key("date").value(m.date);
        if (!m.description.empty()) w_.key("description").value(m.description);
        if (!m.keywords.empty()) strings("keywords", m.keywords);
        if (!m.source_url.empty()) w_.key("source").value(m.source_url);
        w_.key("removed").begin_array();
        for (const auto& r : m.removed) {
            w_.begin_object().key("text").value(r.text).key("reason").value(r.reason);
            position(r.pos);
            w_.end_object();
        }
        w_.end_array();
        if (!m.extra.empty()) {
            w_.key("extra").begin_object();
            for (const auto& [k, v] : m.extra) w_.key(k).value(v);
            w_.end_object();
        }
        w_.end_object();
        w_.key("blocks");
        blocks(d.blocks);
        w_.key("footnotes").begin_array();
        for (const auto& f : d.footnotes) {
            w_.begin_object().key("label").value(f.label).key("c");
            blocks(f.blocks);
            position(f.pos);
            w_.end_object();
        }
        w_.end_array();
        w_.end_object();
    }

private:
    base::JsonWriter& w_;
    bool pos_;
};

}  // namespace

std::string to_json(const Document& doc, bool with_positions) {
    base::JsonWriter w;
    Dumper(w, with_positions).document(doc);
    std::string s = w.take();
    s += '\n';
    return s;
}

}  // namespace folio::model
