// Plain text extraction and heading ids.
#include "model/text.hpp"

#include "base/overloaded.hpp"

#include <set>

#include "base/utf8.hpp"

namespace folio::model {
namespace {

using base::Overloaded;

void append_text(std::string& out, const Inlines& xs) {
    for (const auto& x : xs) {
        std::visit(Overloaded{
            [&](const Text& t) { out += t.text; },
            [&](const Emphasis& e) { append_text(out, e.children); },
            [&](const Strong& e) { append_text(out, e.children); },
            [&](const Strikeout& e) { append_text(out, e.children); },
            [&](const Superscript& e) { append_text(out, e.children); },
            [&](const Subscript& e) { append_text(out, e.children); },
            [&](const Code& c) { out += c.text; },
            [&](const Link& l) { append_text(out, l.children); },
            [&](const Image& i) { out += i.alt; },
            [&](const LineBreak&) { out += ' '; },
            [&](const FootnoteRef&) {},
        }, x.node);
    }
}

void block_text(std::string& out, const Blocks& bs);

void cell_rows(std::string& out, const std::vector<TableRow>& rows) {
    for (const auto& r : rows)
        for (const auto& c : r) {
            append_text(out, c.content);
            out += ' ';
        }
}

void block_text(std::string& out, const Blocks& bs) {
    for (const auto& b : bs) {
        std::visit(Overloaded{
            [&](const Paragraph& p) { append_text(out, p.content); },
            [&](const Heading& h) { append_text(out, h.content); },
            [&](const BulletList& l) { for (const auto& it : l.items) { block_text(out, it.blocks); out += ' '; } },
            [&](const OrderedList& l) { for (const auto& it : l.items) { block_text(out, it.blocks); out += ' '; } },
            [&](const BlockQuote& q) { block_text(out, q.blocks); },
            [&](const CodeBlock& c) { out += c.text; },
            [&](const ThematicBreak&) {},
            [&](const Table& t) { cell_rows(out, t.head); cell_rows(out, t.body); append_text(out, t.caption); },
            [&](const Figure& f) { out += f.image.alt; out += ' '; append_text(out, f.caption); },
        }, b.node);
        out += '\n';
    }
}

}  // namespace

std::string plain_text(const Inlines& xs) {
    std::string s;
    append_text(s, xs);
    return s;
}

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t c = base::utf8::decode(s, i);
        if (base::utf8::is_space(c)) {
            if (!cur.empty()) words.push_back(std::move(cur)), cur.clear();
        } else {
            cur.append(s.substr(start, i - start));
        }
    }
    if (!cur.empty()) words.push_back(std::move(cur));
    return words;
}

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        bool space;
        if (b < 0x80) {  // ASCII, most of every text, without a decode
            space = b == ' ' || (b >= 0x09 && b <= 0x0D);
            ++i;
        } else {
            space = base::utf8::is_space(base::utf8::decode(s, i));
        }
        if (space) {
            in_word = false;
        } else if (!in_word) {
            in_word = true;
            ++n;
        }
    }
    return n;
}

std::size_t count_body_words(const Document& doc) {
    std::string s;
    block_text(s, doc.blocks);
    return count_words(s);
}

std::vector<std::string> body_words(const Document& doc) {
    std::string s;
    block_text(s, doc.blocks);
    return split_words(s);
}

namespace {

std::string slug(const std::string& text) {
    std::string out;
    bool dash = false;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = base::utf8::to_lower(base::utf8::decode(text, i));
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += static_cast<char>(c);
        } else if (base::utf8::is_letter(c)) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            base::utf8::append(out, c);  // XML ids may hold letters of any script
        } else {
            dash = true;
        }
        if (out.size() > 48) break;
    }
    return out;
}

void assign(Blocks& bs, std::set<std::string>& used, int& n) {
    for (auto& b : bs) {
        if (auto* h = std::get_if<Heading>(&b.node)) {
            ++n;
            std::string base = slug(plain_text(h->content));
            base = "h-" + (base.empty() ? std::to_string(n) : base);
            std::string id = base;
            for (int k = 2; used.count(id); ++k) id = base + "-" + std::to_string(k);
            used.insert(id);
            h->id = id;
        } else if (auto* q = std::get_if<BlockQuote>(&b.node)) {
            assign(q->blocks, used, n);
        }
    }
}

}  // namespace

void assign_heading_ids(Document& doc) {
    std::set<std::string> used;
    int n = 0;
    assign(doc.blocks, used, n);
}

}  // namespace folio::model
