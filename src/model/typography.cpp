// Typographic normalisation: each run of inlines (a paragraph, a heading, a cell) is flattened
// into one character stream so that quotes spanning emphasis or links are paired with context,
// then the result is cut back into the original Text nodes. Code and URLs are never touched.
#include "model/typography.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.hpp"

namespace folio::model {
namespace {

namespace utf8 = base::utf8;

constexpr char32_t nbsp = 0x00A0;
constexpr char32_t nnbsp = 0x202F;  // NARROW NO-BREAK SPACE (French "espace fine insécable")
constexpr char32_t apostrophe = 0x2019;
constexpr char32_t ellipsis = 0x2026;

struct QuoteStyle {
    char32_t open_double, close_double, open_single, close_single;
    bool french_spacing;       // U+202F inside « », before ; ! ? and U+00A0 before :
    bool spaced_high_punct;    // U+202F before ; ! ? (not in Canadian French)
};

QuoteStyle style_for(std::string_view lang) {
    std::string primary;
    for (char c : lang.substr(0, lang.find_first_of("-_")))
        primary += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (primary == "fr") {
        const bool canada = lang.size() > 3 && (lang.substr(3) == "CA" || lang.substr(3) == "ca");
        return {0xAB, 0xBB, 0x201C, 0x201D, true, !canada};
    }
    if (primary == "de") return {0x201E, 0x201C, 0x201A, 0x2018, false, false};
    if (primary == "es" || primary == "it") return {0xAB, 0xBB, 0x201C, 0x201D, false, false};
    if (primary == "pt") return {0x201C, 0x201D, 0x2018, 0x2019, false, false};
    // English and any language without its own rules here: the English curly quotes.
    return {0x201C, 0x201D, 0x2018, 0x2019, false, false};
}

/// One Text node of the run, or an opaque item (code, image, note reference, line break)
/// that only gives context.
struct Piece {
    std::string* text = nullptr;
    char32_t stand_in = 'x';
};

void collect(Inlines& xs, std::vector<Piece>& pieces);

void collect_one(Inline& in, std::vector<Piece>& pieces) {
    std::visit([&](auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Text>) pieces.push_back({&n.text, 0});
        else if constexpr (std::is_same_v<T, Emphasis> || std::is_same_v<T, Strong> ||
                           std::is_same_v<T, Strikeout> || std::is_same_v<T, Superscript> ||
                           std::is_same_v<T, Subscript> || std::is_same_v<T, Link>)
            collect(n.children, pieces);
        else if constexpr (std::is_same_v<T, LineBreak>) pieces.push_back({nullptr, '\n'});
        else if constexpr (std::is_same_v<T, Code> || std::is_same_v<T, Image> || std::is_same_v<T, FootnoteRef>)
            pieces.push_back({nullptr, 'x'});
        else static_assert(sizeof(T) == 0, "every inline kind must be handled");
    }, in.node);
}

void collect(Inlines& xs, std::vector<Piece>& pieces) {
    for (auto& x : xs) collect_one(x, pieces);
}

struct Ch {
    char32_t c;
    int piece;
};

// Every character of every run passes here: ASCII, by far the most common, is answered inline.
bool is_space(char32_t c) { return c < 0x80 ? c == ' ' || (c >= 0x09 && c <= 0x0D) : utf8::is_space(c); }
bool is_word(char32_t c) { return utf8::is_letter(c) || utf8::is_digit(c); }
bool is_opening_context(char32_t c) {
    return c == '(' || c == '[' || c == '{' || c == '<' || c == 0x2014 || c == 0x2013 || c == '-' ||
           c == '/' || c == 0xAB || c == 0x201C || c == 0x201E || c == 0x2018 || c == 0x201A;
}
bool is_inline_space(char32_t c) { return c == ' ' || c == nbsp || c == nnbsp; }

/// True when s[i, j) contains `pattern` (at `i` only, when `at_start`).
bool contains(const std::vector<Ch>& s, std::size_t i, std::size_t j, std::u32string_view pattern,
              bool at_start = false) {
    if (j - i < pattern.size()) return false;
    const std::size_t last = at_start ? i : j - pattern.size();
    for (std::size_t k = i; k <= last; ++k) {
        std::size_t m = 0;
        while (m < pattern.size() && s[k + m].c == pattern[m]) ++m;
        if (m == pattern.size()) return true;
    }
    return false;
}

/// Marks characters inside URL-like or e-mail-like words (no rule applies there).
std::vector<bool> protected_chars(const std::vector<Ch>& s) {
    std::vector<bool> prot(s.size(), false);
    // Every pattern below needs one of these characters; most runs have none.
    if (std::none_of(s.begin(), s.end(), [](const Ch& ch) { return ch.c == ':' || ch.c == '@' || ch.c == 'w'; }))
        return prot;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_space(s[i].c)) { ++i; continue; }
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j].c)) ++j;
        const bool url = contains(s, i, j, U"://") || contains(s, i, j, U"www.", true) || contains(s, i, j, U"(www.") ||
                         (contains(s, i, j, U"@") && contains(s, i, j, U"."));
        if (url)
            for (std::size_t k = i; k < j; ++k) prot[k] = true;
        i = j;
    }
    return prot;
}

/// False when no rule of `st` can change the run: no quote, no guillemet, no "...", and no
/// punctuation that takes a space in this style. Most paragraphs are so, and then they are
/// left as they are instead of being decoded and encoded again (which is the identity on
/// valid UTF-8, the only kind this shortcut accepts).
bool needs_typesetting(const QuoteStyle& st, const std::vector<Piece>& pieces) {
    for (const Piece& pc : pieces) {
        if (!pc.text) continue;
        const std::string& t = *pc.text;
        // "..." may span two nodes: a node that begins or ends with a full stop is looked at.
        if (pieces.size() > 1 && !t.empty() && (t.front() == '.' || t.back() == '.')) return true;
        for (std::size_t k = 0; k < t.size(); ++k) {
            if (static_cast<unsigned char>(t[k]) >= 0x80) {
                // Only valid UTF-8 may skip the rules; « » are C2 AB and C2 BB.
                const std::size_t len = utf8::valid_sequence_length(t, k);
                if (len == 0) return true;
                if (t[k] == '\xC2' && (t[k + 1] == '\xAB' || t[k + 1] == '\xBB')) return true;
                k += len - 1;
                continue;
            }
            switch (t[k]) {
                case '"': case '\'': return true;
                case '.': if (k + 1 < t.size() && t[k + 1] == '.') return true; break;
                case ';': case '!': case '?': if (st.spaced_high_punct) return true; break;
                case ':': if (st.french_spacing) return true; break;
                default: break;
            }
        }
    }
    return false;
}

class Run {
public:
    Run(const QuoteStyle& st, std::vector<Ch> in) : st_(st), in_(std::move(in)), prot_(protected_chars(in_)) {}

    std::vector<Ch> process() {
        // Rules add a few spaces and remove some; the output is about as long as the input.
        out_.reserve(in_.size() + in_.size() / 8 + 8);
        for (i_ = 0; i_ < in_.size(); ++i_) step();
        return std::move(out_);
    }
    /// True when a straight double quote opened in this run was never closed.
    bool unbalanced() const { return open_doubles_ > 0; }

private:
    char32_t prev() const { return out_.empty() ? U' ' : out_.back().c; }
    char32_t next(std::size_t k = 1) const { return i_ + k < in_.size() ? in_[i_ + k].c : U' '; }
    int piece() const { return in_[i_].piece; }
    void emit(char32_t c) { out_.push_back({c, piece()}); }
    /// `word "` followed by the end or punctuation closes an open quote despite the space.
    bool closes_after_space() const {
        if (open_doubles_ == 0 || out_.empty() || !is_inline_space(prev())) return false;
        const char32_t n = next();
        return i_ + 1 >= in_.size() || is_space(n) || (!is_word(n) && n != '"' && n != '\'' && !is_opening_context(n));
    }
    /// `"-"`, `"/"`: after a dash or slash the quote closes when one is open and no word follows.
    bool closes_after_symbol() const {
        if (open_doubles_ == 0 || out_.empty() || is_space(prev())) return false;
        const char32_t n = next();
        return i_ + 1 >= in_.size() || (!is_word(n) && n != '"');
    }
    /// Nothing to quote on either side: the character is meant literally.
    bool isolated() const {
        const char32_t p = prev(), n = next();
        const bool before = out_.empty() || is_space(p) || p == '(' || p == '[';
        // French writers often type « " oui " » with spaces: there a space does not isolate.
        const bool after = i_ + 1 >= in_.size() || n == ')' || n == ']' || (is_space(n) && !st_.french_spacing);
        return before && after;
    }
    bool opens() const {
        const char32_t p = prev();
        return out_.empty() || is_space(p) || is_opening_context(p);
    }

    /// Drops ordinary/no-break spaces just emitted (they are replaced by the right one).
    bool drop_trailing_spaces() {
        bool had = false;
        while (!out_.empty() && is_inline_space(out_.back().c)) {
            out_.pop_back();
            had = true;
        }
        return had;
    }

    /// Skips the spaces that follow the current character in the input.
    void skip_following_spaces() {
        while (i_ + 1 < in_.size() && is_inline_space(in_[i_ + 1].c)) ++i_;
    }

    void open_guillemet(char32_t c) {
        emit(c);
        if (!st_.french_spacing) return;
        const char32_t n = next();
        if (n == '\n' || i_ + 1 >= in_.size()) return;
        skip_following_spaces();
        emit(nnbsp);
    }

    void close_guillemet(char32_t c) {
        if (st_.french_spacing && !out_.empty()) {
            drop_trailing_spaces();
            if (!out_.empty() && out_.back().c != '\n') emit(nnbsp);
        }
        emit(c);
    }

    void step() {
        const char32_t c = in_[i_].c;
        if (prot_[i_]) { emit(c); return; }
        switch (c) {
            case '"':
                if (closes_after_space() || closes_after_symbol()) {
                    --open_doubles_;
                    close_guillemet(st_.close_double);
                } else if (isolated()) {
                    emit(c);  // a quote standing for itself: ( " ) or between spaces
                } else if (opens()) {
                    ++open_doubles_;
                    open_guillemet(st_.open_double);
                } else {
                    if (open_doubles_ > 0) --open_doubles_;
                    close_guillemet(st_.close_double);
                }
                return;
            case 0xAB: open_guillemet(c); return;
            case 0xBB: close_guillemet(c); return;
            case '\'': single_quote(); return;
            case '.':
                if (prev() != '.' && next() == '.' && next(2) == '.' && next(3) != '.') {
                    emit(ellipsis);
                    i_ += 2;
                } else {
                    emit(c);
                }
                return;
            case ';': case '!': case '?':
                if (st_.spaced_high_punct) high_punct(nnbsp);
                else emit(c);
                return;
            case ':':
                if (st_.french_spacing) high_punct(nbsp);
                else emit(c);
                return;
            default: emit(c);
        }
    }

    void single_quote() {
        const char32_t p = prev(), n = next();
        if (is_word(p) && utf8::is_letter(n)) { emit(apostrophe); return; }
        if (is_word(p) || p == '.' || p == ',' || p == '!' || p == '?') {
            if (open_singles_ > 0) {
                --open_singles_;
                emit(st_.close_single);
            } else {
                emit(apostrophe);
            }
            return;
        }
        if (opens() && utf8::is_digit(n)) { emit(apostrophe); return; }  // '90s
        if (opens() && utf8::is_letter(n)) {
            ++open_singles_;
            emit(st_.open_single);
            return;
        }
        emit('\'');
    }

    /// French spacing before ; ! ? : — only for sentence punctuation (followed by a space, the
    /// end, or closing punctuation), never for times (10:30), emoticons or "?!" clusters.
    void high_punct(char32_t space) {
        const char32_t c = in_[i_].c;
        const char32_t n = next();
        const bool sentence_end = i_ + 1 >= in_.size() || is_space(n) || n == ')' || n == ']' || n == 0xBB ||
                                  n == '"' || n == 0x201D || n == '!' || n == '?' || n == '.' || n == ',' ||
                                  n == ';' || n == ':';
        const bool emoticon = (is_space(prev()) || out_.empty()) &&
                              (n == ')' || n == '(' || n == '-' || n == 'D' || n == 'P' || n == 'p' || n == '/');
        const char32_t p = prev();
        const bool cluster = p == '!' || p == '?' || p == ';' || p == ':' || p == ellipsis;
        if (!sentence_end || emoticon || out_.empty() || p == '\n' || cluster) {
            emit(c);
            return;
        }
        if (is_inline_space(p)) drop_trailing_spaces();
        if (out_.empty() || out_.back().c == '\n') {
            emit(c);
            return;
        }
        emit(space);
        emit(c);
    }

    const QuoteStyle& st_;
    std::vector<Ch> in_;
    std::vector<bool> prot_;
    std::vector<Ch> out_;
    std::size_t i_ = 0;
    int open_doubles_ = 0;
    int open_singles_ = 0;
};

/// Returns false when the run's straight double quotes did not pair up.
bool typeset(const QuoteStyle& st, std::vector<Piece>& pieces) {
    if (!needs_typesetting(st, pieces)) return true;
    // Every character of the run passes through here twice: ASCII is decoded and encoded inline.
    std::size_t bytes = 0;
    for (const Piece& pc : pieces) bytes += pc.text ? pc.text->size() : 1;
    std::vector<Ch> in;
    in.reserve(bytes);
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        const int id = static_cast<int>(p);
        if (!pieces[p].text) {
            in.push_back({pieces[p].stand_in, id});
            continue;
        }
        const std::string& s = *pieces[p].text;
        for (std::size_t i = 0; i < s.size();) {
            const auto b = static_cast<unsigned char>(s[i]);
            if (b < 0x80) {
                in.push_back({b, id});
                ++i;
            } else {
                in.push_back({utf8::decode(s, i), id});
            }
        }
    }
    Run run(st, std::move(in));
    const std::vector<Ch> out = run.process();
    for (auto& pc : pieces)
        if (pc.text) {
            const std::size_t old_size = pc.text->size();
            pc.text->clear();
            pc.text->reserve(old_size + old_size / 8);
        }
    for (const Ch& ch : out) {
        std::string* t = pieces[static_cast<std::size_t>(ch.piece)].text;
        if (!t) continue;
        if (ch.c < 0x80) t->push_back(static_cast<char>(ch.c));
        else utf8::append(*t, ch.c);
    }
    return !run.unbalanced();
}

/// A space may have been dropped where it was a whole Text node: remove nodes left empty.
void drop_empty_texts(Inlines& xs) {
    std::erase_if(xs, [](const Inline& x) {
        const auto* t = std::get_if<Text>(&x.node);
        return t && t->text.empty();
    });
    for (auto& x : xs)
        std::visit([&](auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (requires { n.children; }) {
                static_assert(std::is_same_v<decltype(n.children), Inlines>);
                drop_empty_texts(n.children);
            } else {
                static_cast<void>(sizeof(T));
            }
        }, x.node);
}

struct Context {
    QuoteStyle st;
    base::Diagnostics& diag;
};

void typeset_inlines(Context& cx, Inlines& xs, SourcePos pos) {
    std::vector<Piece> pieces;
    collect(xs, pieces);
    if (!typeset(cx.st, pieces))
        cx.diag.note(pos.line, pos.col, "a straight double quote is never closed here; check the quotation marks");
    drop_empty_texts(xs);
}

void typeset_string(const QuoteStyle& st, std::string& s) {
    std::vector<Piece> pieces{{&s, 0}};
    static_cast<void>(typeset(st, pieces));
}

void typeset_blocks(Context& cx, Blocks& bs);

void typeset_block(Context& cx, Block& b) {
    std::visit([&](auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Paragraph> || std::is_same_v<T, Heading>) {
            typeset_inlines(cx, n.content, b.pos);
        } else if constexpr (std::is_same_v<T, BulletList> || std::is_same_v<T, OrderedList>) {
            for (auto& item : n.items) typeset_blocks(cx, item.blocks);
        } else if constexpr (std::is_same_v<T, BlockQuote>) {
            typeset_blocks(cx, n.blocks);
        } else if constexpr (std::is_same_v<T, Table>) {
            for (auto* rows : {&n.head, &n.body})
                for (auto& row : *rows)
                    for (auto& cell : row) typeset_inlines(cx, cell.content, b.pos);
            typeset_inlines(cx, n.caption, b.pos);
        } else if constexpr (std::is_same_v<T, Figure>) {
            typeset_inlines(cx, n.caption, b.pos);
        } else if constexpr (std::is_same_v<T, CodeBlock> || std::is_same_v<T, ThematicBreak>) {
            // verbatim or empty
        } else {
            static_assert(sizeof(T) == 0, "every block kind must be handled");
        }
    }, b.node);
}

void typeset_blocks(Context& cx, Blocks& bs) {
    for (auto& b : bs) typeset_block(cx, b);
}

}  // namespace

void apply_typography(Document& doc, base::Diagnostics& diag) {
    Context cx{style_for(doc.meta.lang), diag};
    typeset_string(cx.st, doc.meta.title);
    typeset_string(cx.st, doc.meta.subtitle);
    typeset_string(cx.st, doc.meta.description);
    typeset_blocks(cx, doc.blocks);
    for (auto& fn : doc.footnotes) typeset_blocks(cx, fn.blocks);
}

}  // namespace folio::model
