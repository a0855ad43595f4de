// Typographic normalisation: each run of inlines (a paragraph, a heading, a cell) is flattened
// into one character stream so that quotes spanning emphasis or links are paired with context,
// then the result is cut back into the original Text nodes. Code and URLs are never touched.
// Quote direction is read from the characters around each quote first, and only where they are
// ambiguous from how many quotes are open: an unclosed quote earlier in a paragraph must not turn
// every later one around.
#include "model/typography.hpp"

#include <algorithm>
#include <array>
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
constexpr char32_t en_dash = 0x2013;
constexpr char32_t em_dash = 0x2014;

struct QuoteStyle {
    char32_t open_double, close_double, open_single, close_single;
    bool french_spacing;       // U+202F inside « », before ; ! ? and U+00A0 before :
    bool spaced_high_punct;    // U+202F before ; ! ? (not in Canadian French)
    // What a spaced hyphen between words becomes. The spaced en dash is the usual parenthetical
    // dash in English (British usage; it is common in American text online), French (tiret
    // demi-cadratin), German (Gedankenstrich), Italian (lineetta) and, on the web, Spanish.
    // Portuguese sets its travessão as a spaced em dash. Spanish print prescribes the raya set
    // against the aside (—así—), but which side a " - " belongs to is a guess, and the guess
    // would move spaces: the spaced en dash changes the hyphen only.
    char32_t spaced_dash = en_dash;
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
    if (primary == "pt") return {0x201C, 0x201D, 0x2018, 0x2019, false, false, em_dash};
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
                           std::is_same_v<T, Subscript> || std::is_same_v<T, Link> || std::is_same_v<T, LangSpan>)
            collect(n.children, pieces);
        else if constexpr (std::is_same_v<T, LineBreak>) pieces.push_back({nullptr, '\n'});
        else if constexpr (std::is_same_v<T, Code> || std::is_same_v<T, Image> || std::is_same_v<T, FootnoteRef>)
            pieces.push_back({nullptr, 'x'});
        else if constexpr (std::is_same_v<T, Anchor>) {}  // invisible: no context for quotes
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
    return c == '(' || c == '[' || c == '{' || c == '<' || c == em_dash || c == en_dash || c == '-' ||
           c == '/' || c == 0xAB || c == 0x201C || c == 0x201E || c == 0x2018 || c == 0x201A || c == 0xBF ||
           c == 0xA1;
}
/// Before a quote, these leave no doubt that it opens (a dash or slash may end a quoted symbol: "-").
bool is_clear_opening_context(char32_t c) {
    return is_opening_context(c) && c != '-' && c != '/' && c != '<' && c != en_dash && c != em_dash;
}
/// Punctuation that ends a word or a quotation: a quote between it and a space closes.
bool is_closing_punct(char32_t c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' ||
           c == '}' || c == ellipsis || c == 0xBB || c == 0x201D || c == 0x2019;
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

/// Bytes the check below asks about: every byte of every paragraph passes it, and most are
/// letters and spaces, which no rule changes.
constexpr std::array<bool, 256> make_asked_bytes() {
    std::array<bool, 256> t{};
    for (std::size_t c = 0x80; c < 0x100; ++c) t[c] = true;
    for (unsigned char c : {'"', '\'', '-', '.', ';', '!', '?', ':'}) t[c] = true;
    return t;
}
constexpr std::array<bool, 256> asked_bytes = make_asked_bytes();

/// False when no rule of `st` can change the run: no quote, no guillemet, no "...", and no
/// punctuation that takes a space in this style. Most paragraphs are so, and then they are
/// left as they are instead of being decoded and encoded again (which is the identity on
/// valid UTF-8, the only kind this shortcut accepts).
bool needs_typesetting(const QuoteStyle& st, bool ascii_dashes, const std::vector<Piece>& pieces) {
    for (const Piece& pc : pieces) {
        if (!pc.text) continue;
        const std::string& t = *pc.text;
        // "..." may span two nodes: a node that begins or ends with a full stop is looked at.
        if (pieces.size() > 1 && !t.empty() && (t.front() == '.' || t.back() == '.')) return true;
        for (std::size_t k = 0; k < t.size(); ++k) {
            if (!asked_bytes[static_cast<unsigned char>(t[k])]) continue;
            if (static_cast<unsigned char>(t[k]) >= 0x80) {
                // Only valid UTF-8 may skip the rules; « » are C2 AB and C2 BB.
                const std::size_t len = utf8::valid_sequence_length(t, k);
                if (len == 0) return true;
                if (t[k] == '\xC2' && (t[k + 1] == '\xAB' || t[k + 1] == '\xBB')) return true;
                // – and — (E2 80 93/94): a spaced one takes a no-break space before it.
                if (len == 3 && t[k] == '\xE2' && t[k + 1] == '\x80' && (t[k + 2] == '\x93' || t[k + 2] == '\x94'))
                    return true;
                k += len - 1;
                continue;
            }
            switch (t[k]) {
                case '"': case '\'': return true;
                case '-':
                    // A hyphen inside a word (well-known) never changes; one at a node's edge may
                    // be spaced by the next node.
                    if (k == 0 || k + 1 == t.size() || t[k - 1] == ' ' || t[k + 1] == ' ') return true;
                    if (ascii_dashes && t[k + 1] == '-') return true;
                    break;
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
    Run(const QuoteStyle& st, bool ascii_dashes, std::vector<Ch> in)
        : st_(st), ascii_dashes_(ascii_dashes), in_(std::move(in)), prot_(protected_chars(in_)) {}

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
            case '"': double_quote(); return;
            case 0xAB: open_guillemet(c); return;
            case 0xBB: close_guillemet(c); return;
            case '\'': single_quote(); return;
            case '-': hyphen(); return;
            case en_dash: case em_dash: dash(c, 1); return;
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

    void double_quote() {
        const char32_t p = prev(), n = next();
        const bool at_end = i_ + 1 >= in_.size();
        // The neighbours decide first: `campaña "¿Dinero` opens even after an unclosed quote.
        const bool clear_open = ((out_.empty() || is_space(p) || is_clear_opening_context(p)) && !at_end &&
                                 (is_word(n) || n == 0xBF || n == 0xA1 || n == '(' || n == '[' || n == '\'' ||
                                  n == 0x2018 || n == 0x201A)) ||
                                (p == apostrophe && is_word(n));  // after an elision: l'"expert"
        const bool clear_close = !out_.empty() && (is_word(p) || is_closing_punct(p)) &&
                                 (at_end || is_space(n) || is_closing_punct(n));
        if (clear_open) {
            ++open_doubles_;
            open_guillemet(st_.open_double);
            return;
        }
        if (clear_close) {
            if (open_doubles_ > 0) --open_doubles_;
            close_guillemet(st_.close_double);
            return;
        }
        // Ambiguous neighbours (spaces on both sides, symbols): the count of open quotes decides.
        if (closes_after_space() || closes_after_symbol()) {
            --open_doubles_;
            close_guillemet(st_.close_double);
        } else if (isolated()) {
            emit('"');  // a quote standing for itself: ( " ) or between spaces
        } else if (opens()) {
            ++open_doubles_;
            open_guillemet(st_.open_double);
        } else {
            if (open_doubles_ > 0) --open_doubles_;
            close_guillemet(st_.close_double);
        }
    }

    /// A run of hyphens starting here: `--` and `---` in Markdown, or one hyphen with a space on
    /// each side between words. Hyphens inside words, at a paragraph or line start (a list or
    /// dialogue mark), at the end, and runs of four or more stay as typed.
    void hyphen() {
        if (i_ > 0 && in_[i_ - 1].c == '-') {  // the rest of a run kept as typed
            emit('-');
            return;
        }
        std::size_t len = 1;
        while (i_ + len < in_.size() && in_[i_ + len].c == '-' && !prot_[i_ + len]) ++len;
        if (ascii_dashes_ && (len == 2 || len == 3)) {
            dash(len == 2 ? en_dash : em_dash, len);
            return;
        }
        if (len == 1 && spaced(1)) {
            dash(st_.spaced_dash, 1);
            return;
        }
        emit('-');
    }

    /// True when the `len` characters from here have an inline space before and after them, and
    /// text (not a line start or the end) beyond those spaces on both sides.
    bool spaced(std::size_t len) const {
        std::size_t b = out_.size();
        while (b > 0 && is_inline_space(out_[b - 1].c)) --b;
        if (b == out_.size() || b == 0 || is_space(out_[b - 1].c)) return false;
        std::size_t a = i_ + len;
        if (a >= in_.size() || !is_inline_space(in_[a].c)) return false;
        while (a < in_.size() && is_inline_space(in_[a].c)) ++a;
        return a < in_.size() && !is_space(in_[a].c);
    }

    /// Emits dash `d` for the `len` input characters from here. A spaced dash gets a no-break
    /// space before it so that no line begins with it; the space after stays breakable.
    void dash(char32_t d, std::size_t len) {
        if (spaced(len)) {
            drop_trailing_spaces();
            emit(nbsp);
        }
        emit(d);
        i_ += len - 1;
    }

    /// English elisions written with a leading apostrophe: 'tis, 'twas, rock 'n' roll, 'em, 'cause.
    /// Returns the length of the elided word after the quote, 0 when there is none.
    std::size_t elision() const {
        std::string w;
        std::size_t k = i_ + 1;
        while (k < in_.size() && utf8::is_letter(in_[k].c) && w.size() < 8) {
            const char32_t c = in_[k].c;
            w += c < 0x80 ? static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c) : '?';
            ++k;
        }
        if (k < in_.size() && (utf8::is_letter(in_[k].c) || utf8::is_digit(in_[k].c))) return 0;
        for (const char* e : {"tis", "twas", "twere", "twill", "til", "n", "em", "cause"})
            if (w == e) return w.size();
        return 0;
    }

    void single_quote() {
        const char32_t p = prev(), n = next();
        if (is_word(p) && utf8::is_letter(n)) { emit(apostrophe); return; }
        // (RMS)'s: a possessive after a closing bracket.
        if ((p == ')' || p == ']') && utf8::is_letter(n)) { emit(apostrophe); return; }
        if (opens()) {
            if (const std::size_t len = elision()) {
                emit(apostrophe);
                for (std::size_t k = 0; k < len; ++k) {
                    ++i_;
                    emit(in_[i_].c);
                }
                // 'n' closes with an apostrophe too, not with an outer quote's closing mark.
                if (len == 1 && next() == '\'' && !utf8::is_letter(next(2)) && !prot_[i_ + 1]) {
                    ++i_;
                    emit(apostrophe);
                }
                return;
            }
        }
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
    bool ascii_dashes_;
    std::vector<Ch> in_;
    std::vector<bool> prot_;
    std::vector<Ch> out_;
    std::size_t i_ = 0;
    int open_doubles_ = 0;
    int open_singles_ = 0;
};

/// Returns false when the run's straight double quotes did not pair up.
bool typeset(const QuoteStyle& st, bool ascii_dashes, std::vector<Piece>& pieces) {
    if (!needs_typesetting(st, ascii_dashes, pieces)) return true;
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
    Run run(st, ascii_dashes, std::move(in));
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
    bool ascii_dashes;
    base::Diagnostics& diag;
};

void typeset_inlines(Context& cx, Inlines& xs, SourcePos pos) {
    std::vector<Piece> pieces;
    collect(xs, pieces);
    if (!typeset(cx.st, cx.ascii_dashes, pieces))
        cx.diag.note(pos.line, pos.col, "a straight double quote is never closed here; check the quotation marks");
    drop_empty_texts(xs);
}

void typeset_string(const Context& cx, std::string& s) {
    std::vector<Piece> pieces{{&s, 0}};
    static_cast<void>(typeset(cx.st, cx.ascii_dashes, pieces));
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
        } else if constexpr (std::is_same_v<T, DefinitionList>) {
            for (auto& item : n.items) {
                typeset_inlines(cx, item.term, b.pos);
                for (auto& d : item.definitions) typeset_blocks(cx, d);
            }
        } else if constexpr (std::is_same_v<T, Details>) {
            typeset_inlines(cx, n.summary, b.pos);
            typeset_blocks(cx, n.blocks);
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

void apply_typography(Document& doc, base::Diagnostics& diag, TypographyOptions opts) {
    Context cx{style_for(doc.meta.lang), opts.ascii_dashes, diag};
    typeset_string(cx, doc.meta.title);
    typeset_string(cx, doc.meta.subtitle);
    typeset_string(cx, doc.meta.description);
    typeset_blocks(cx, doc.blocks);
    for (auto& fn : doc.footnotes) typeset_blocks(cx, fn.blocks);
}

}  // namespace folio::model
