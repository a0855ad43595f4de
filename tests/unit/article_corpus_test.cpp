// Runs the article corpus (tests/corpus/articles): every title and paragraph count right, no word
// lost or added, and the share of paragraphs rebuilt exactly above a floor. The corpus is made by
// tests/corpus/damage.py from the clean articles in tests/corpus/articles/src.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/utf8.hpp"
#include "model/text.hpp"
#include "parse/reader.hpp"

using namespace folio;
namespace fs = std::filesystem;

namespace {

const fs::path corpus_dir = fs::path(FOLIO_TEST_DATA) / "corpus" / "articles";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Expected {
    std::string title, lang;
    std::vector<std::string> removed, paragraphs;
};

/// Reads the flat JSON the corpus uses: string values and arrays of strings.
class MiniJson {
public:
    explicit MiniJson(std::string s) : s_(std::move(s)) {}
    Expected parse() {
        Expected e;
        expect('{');
        while (peek() != '}') {
            const std::string key = str();
            expect(':');
            if (peek() == '[') {
                auto v = array();
                if (key == "removed") e.removed = v;
                else if (key == "paragraphs") e.paragraphs = v;
            } else {
                const std::string v = str();
                if (key == "title") e.title = v;
                else if (key == "lang") e.lang = v;
            }
            if (peek() == ',') ++i_;
        }
        return e;
    }

private:
    char peek() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
        return i_ < s_.size() ? s_[i_] : '\0';
    }
    void expect(char c) {
        if (peek() != c) throw std::runtime_error(std::string("json: expected ") + c);
        ++i_;
    }
    std::vector<std::string> array() {
        std::vector<std::string> v;
        expect('[');
        while (peek() != ']') {
            v.push_back(str());
            if (peek() == ',') ++i_;
        }
        ++i_;
        return v;
    }
    std::string str() {
        expect('"');
        std::string out;
        while (i_ < s_.size() && s_[i_] != '"') {
            if (s_[i_] == '\\') {
                const char c = s_[++i_];
                if (c == 'n') out += '\n';
                else if (c == 't') out += '\t';
                else if (c == 'u') {
                    const char32_t cp = static_cast<char32_t>(std::stoul(s_.substr(i_ + 1, 4), nullptr, 16));
                    base::utf8::append(out, cp);
                    i_ += 4;
                } else out += c;
                ++i_;
            } else {
                out += s_[i_++];
            }
        }
        ++i_;
        return out;
    }
    std::string s_;
    std::size_t i_ = 0;
};

/// Compares modulo typography, as the acceptance check does: kinds of spaces, quote shapes, "…".
std::string norm(std::string_view s) {
    std::string t;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = base::utf8::decode(s, i);
        switch (c) {
            case 0xA0: case 0x202F: case 0x2009: t += ' '; break;
            case 0x2019: case 0x2018: t += '\''; break;
            case 0x201C: case 0x201D: t += '"'; break;
            case 0x2026: t += "..."; break;
            default: base::utf8::append(t, c);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            if (out.empty() || out.back() == ' ') continue;
            // No space before ; : ! ? » and none after «.
            std::size_t j = i;
            while (j < t.size() && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n')) ++j;
            const std::string_view rest(t.data() + j, t.size() - j);
            if (j == t.size() || rest.starts_with(";") || rest.starts_with(":") || rest.starts_with("!") ||
                rest.starts_with("?") || rest.starts_with("»") || std::string_view(out).ends_with("«"))
                continue;
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

void leaf_texts(const model::Blocks& bs, std::vector<std::string>& out) {
    for (const auto& b : bs) {
        if (const auto* p = std::get_if<model::Paragraph>(&b.node)) out.push_back(model::plain_text(p->content));
        else if (const auto* h = std::get_if<model::Heading>(&b.node)) out.push_back(model::plain_text(h->content));
        else if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) leaf_texts(q->blocks, out);
        else if (const auto* l = std::get_if<model::BulletList>(&b.node)) for (const auto& it : l->items) leaf_texts(it.blocks, out);
        else if (const auto* o = std::get_if<model::OrderedList>(&b.node)) for (const auto& it : o->items) leaf_texts(it.blocks, out);
    }
}

bool is_marker(std::string_view w) {
    if (w == "-" || w == "*" || w == "•" || w == ">") return true;
    if (w.size() < 2 || w.size() > 4) return false;
    const char last = w.back();
    return (last == '.' || last == ')') &&
           std::all_of(w.begin(), w.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

/// The input's words, without the title, removed lines and list/quote markers; a word cut by an
/// end-of-line hyphen counts once, as the reader joins it.
std::vector<std::string> input_words(const std::string& text, const model::Document& doc) {
    std::vector<std::string> words;
    std::istringstream in(text);
    std::string line;
    std::uint32_t number = 0;
    bool title_seen = false;
    std::vector<std::uint32_t> removed_lines;
    for (const auto& r : doc.meta.removed) removed_lines.push_back(r.pos.line);
    bool pending_hyphen = false;
    while (std::getline(in, line)) {
        ++number;
        if (std::find(removed_lines.begin(), removed_lines.end(), number) != removed_lines.end()) continue;
        auto ws = model::split_words(line);
        if (ws.empty()) { pending_hyphen = false; continue; }
        if (!title_seen && line == doc.meta.title) { title_seen = true; continue; }
        std::size_t k = 0;
        if (is_marker(ws[0])) k = 1;
        for (; k < ws.size(); ++k) {
            if (pending_hyphen) {
                words.back() += ws[k];
                pending_hyphen = false;
                continue;
            }
            words.push_back(ws[k]);
        }
        pending_hyphen = ws.size() > 1 && words.back().size() > 2 && words.back().back() == '-';
    }
    return words;
}

/// Words compared modulo typography (quote shapes, French spaces) and joined hyphens.
std::vector<std::string> comparable(const std::vector<std::string>& words) {
    std::string all;
    for (const auto& w : words) {
        all += w;
        all += ' ';
    }
    std::vector<std::string> v = model::split_words(norm(all));
    for (auto& w : v) std::erase(w, '-');
    std::sort(v.begin(), v.end());
    return v;
}

struct Outcome {
    std::size_t paragraphs = 0;
    std::size_t exact = 0;
    std::size_t warnings = 0;
};

Outcome run_one(const std::string& name) {
    Outcome o;
    const std::string bytes = slurp(corpus_dir / (name + ".txt"));
    const Expected want = MiniJson(slurp(corpus_dir / (name + ".expected.json"))).parse();
    base::Diagnostics diag(name);
    parse::ReadOptions opts;
    const model::Document doc = parse::read_article(bytes, opts, diag);
    EXPECT_EQ(norm(doc.meta.title), norm(want.title)) << name;
    EXPECT_EQ(doc.meta.lang, want.lang) << name;
    std::vector<std::string> removed;
    for (const auto& r : doc.meta.removed) removed.push_back(r.text);
    EXPECT_EQ(removed, want.removed) << name;
    std::vector<std::string> got;
    leaf_texts(doc.blocks, got);
    EXPECT_EQ(got.size(), want.paragraphs.size()) << name;
    // Words in = words out (order changes where spilled words return to their paragraphs).
    EXPECT_EQ(comparable(input_words(bytes, doc)), comparable(model::body_words(doc)))
        << name;
    o.paragraphs = want.paragraphs.size();
    o.warnings = diag.count(base::Severity::Warning);
    for (std::size_t i = 0; i < std::min(got.size(), want.paragraphs.size()); ++i) {
        if (norm(got[i]) == norm(want.paragraphs[i])) ++o.exact;
        else if (std::getenv("FOLIO_CORPUS_VERBOSE"))
            std::printf("[%s] paragraph %zu differs:\n  want: %s\n  got:  %s\n", name.c_str(), i + 1,
                        norm(want.paragraphs[i]).c_str(), norm(got[i]).c_str());
    }
    return o;
}

std::vector<std::string> corpus_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(corpus_dir)) {
        const std::string f = e.path().filename().string();
        if (f.ends_with(".expected.json")) names.push_back(f.substr(0, f.size() - 14));
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Paragraphs rebuilt exactly, over the whole corpus. Some boundaries cannot be decided from the
// text alone (a cut right after a sentence end, tails of unpunctuated list items); the floor is
// the rate the reader reaches, so that a regression fails.
constexpr double min_exact_rate = 0.84;

}  // namespace

TEST(ArticleCorpus, HasEnoughArticles) { EXPECT_GE(corpus_names().size(), 25u); }

TEST(ArticleCorpus, RebuildsArticles) {
    std::size_t total = 0, exact = 0;
    for (const auto& name : corpus_names()) {
        SCOPED_TRACE(name);
        const Outcome o = run_one(name);
        std::printf("  %-22s %zu/%zu paragraphs exact, %zu warning(s)\n", name.c_str(), o.exact, o.paragraphs,
                    o.warnings);
        total += o.paragraphs;
        exact += o.exact;
    }
    ASSERT_GT(total, 0u);
    const double rate = static_cast<double>(exact) / static_cast<double>(total);
    std::printf("exact-paragraph rate: %zu/%zu = %.1f%%\n", exact, total, 100.0 * rate);
    EXPECT_GE(rate, min_exact_rate);
}
