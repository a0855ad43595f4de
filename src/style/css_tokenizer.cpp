// CSS tokenizer: a direct transcription of CSS Syntax Level 3 §4.3 over code points, with the
// input preprocessed as §3.3 asks (newlines normalised, NUL and surrogates replaced).
#include "style/css_tokenizer.hpp"

#include <charconv>

#include "base/utf8.hpp"

namespace folio::style::css {
namespace {

constexpr char32_t eof_cp = 0xFFFFFFFF;  // outside Unicode: marks the end of input

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_hex(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ident_start(char32_t c) { return is_letter(c) || c == '_' || (c >= 0x80 && c != eof_cp); }
bool is_ident_char(char32_t c) { return is_ident_start(c) || is_digit(c) || c == '-'; }
bool is_newline(char32_t c) { return c == '\n'; }  // CR and FF are normalised away
bool is_ws(char32_t c) { return c == '\n' || c == '\t' || c == ' '; }
bool is_non_printable(char32_t c) { return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F; }

class Tokenizer {
public:
    Tokenizer(std::string_view text, std::vector<SyntaxIssue>& issues) : issues_(issues) { preprocess(text); }

    std::vector<Token> run() {
        std::vector<Token> out;
        // Stylesheets average one token per two to five bytes; reserving the upper estimate
        // avoids reallocating a large vector (untouched reserved pages cost nothing).
        out.reserve(cps_.size() / 2 + 16);
        for (;;) {
            Token t = next_token();
            const bool done = t.type == TokenType::EndOfFile;
            out.push_back(std::move(t));
            if (done) return out;
        }
    }

private:
    std::vector<char32_t> cps_;
    std::vector<Position> pos_;  // one per code point, plus one for the end
    std::size_t i_ = 0;
    std::vector<SyntaxIssue>& issues_;

    void preprocess(std::string_view text) {
        cps_.reserve(text.size());
        pos_.reserve(text.size() + 1);
        Position p;
        std::size_t k = 0;
        if (text.starts_with("\xEF\xBB\xBF")) k = 3;  // a byte order mark is not content
        while (k < text.size()) {
            char32_t c = base::utf8::decode(text, k);
            if (c == '\r') {
                if (k < text.size() && text[k] == '\n') ++k;
                c = '\n';
            } else if (c == '\f') {
                c = '\n';
            } else if (c == 0 || (c >= 0xD800 && c <= 0xDFFF)) {
                c = base::utf8::replacement;
            }
            cps_.push_back(c);
            pos_.push_back(p);
            if (c == '\n') {
                ++p.line;
                p.col = 1;
            } else {
                ++p.col;
            }
        }
        pos_.push_back(p);
    }

    char32_t peek(std::size_t ahead = 0) const {
        return i_ + ahead < cps_.size() ? cps_[i_ + ahead] : eof_cp;
    }
    char32_t consume() { return i_ < cps_.size() ? cps_[i_++] : (++i_, eof_cp); }
    Position here() const { return pos_[std::min(i_, cps_.size())]; }
    void issue(Position p, std::string msg) { issues_.push_back({p, std::move(msg)}); }

    // §4.3.8: a backslash followed by EOF still "starts" an escape (it becomes U+FFFD) except in
    // strings, which check EOF themselves; a backslash before a newline never does.
    static bool starts_escape(char32_t a, char32_t b) { return a == '\\' && !is_newline(b); }

    static bool starts_ident(char32_t a, char32_t b, char32_t c) {
        if (a == '-') return is_ident_start(b) || b == '-' || starts_escape(b, c);
        if (is_ident_start(a)) return true;
        if (a == '\\') return starts_escape(a, b);
        return false;
    }
    static bool starts_number(char32_t a, char32_t b, char32_t c) {
        if (a == '+' || a == '-') return is_digit(b) || (b == '.' && is_digit(c));
        if (a == '.') return is_digit(b);
        return is_digit(a);
    }

    void consume_comments() {
        while (peek() == '/' && peek(1) == '*') {
            const Position start = here();
            i_ += 2;
            for (;;) {
                if (peek() == eof_cp) {
                    issue(start, "unterminated comment");
                    return;
                }
                if (peek() == '*' && peek(1) == '/') {
                    i_ += 2;
                    break;
                }
                ++i_;
            }
        }
    }

    // After the backslash (§4.3.7).
    char32_t consume_escape() {
        const Position p = here();
        char32_t c = consume();
        if (c == eof_cp) {
            issue(p, "escape at end of input");
            return base::utf8::replacement;
        }
        if (!is_hex(c)) return c;
        char32_t value = 0;
        int digits = 0;
        for (;;) {
            value = value * 16 + static_cast<char32_t>(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
            if (++digits == 6 || !is_hex(peek())) break;
            c = consume();
        }
        if (is_ws(peek())) consume();
        if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return base::utf8::replacement;
        return value;
    }

    std::string consume_ident_sequence() {
        std::string out;
        for (;;) {
            const char32_t c = peek();
            if (is_ident_char(c)) {
                base::utf8::append(out, consume());
            } else if (starts_escape(c, peek(1))) {
                consume();
                base::utf8::append(out, consume_escape());
            } else {
                return out;
            }
        }
    }

    // §4.3.12: returns the value and whether it is an integer.
    std::pair<double, bool> consume_number() {
        std::string repr;
        bool integer = true;
        if (peek() == '+' || peek() == '-') {
            if (peek() == '-') repr += '-';
            consume();
        }
        while (is_digit(peek())) repr += static_cast<char>(consume());
        if (peek() == '.' && is_digit(peek(1))) {
            repr += static_cast<char>(consume());
            while (is_digit(peek())) repr += static_cast<char>(consume());
            integer = false;
        }
        if ((peek() == 'e' || peek() == 'E') &&
            (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
            consume();
            repr += 'e';
            if (peek() == '+' || peek() == '-') repr += static_cast<char>(consume());
            while (is_digit(peek())) repr += static_cast<char>(consume());
            integer = false;
        }
        double value = 0;
        auto [ptr, ec] = std::from_chars(repr.data(), repr.data() + repr.size(), value);
        if (ec == std::errc::result_out_of_range) value = repr.starts_with('-') ? -1e300 : 1e300;
        (void)ptr;
        return {value, integer};
    }

    Token consume_numeric(Position p) {
        Token t;
        t.pos = p;
        auto [value, integer] = consume_number();
        t.number = value;
        t.is_integer = integer;
        if (starts_ident(peek(), peek(1), peek(2))) {
            t.type = TokenType::Dimension;
            t.unit = consume_ident_sequence();
        } else if (peek() == '%') {
            consume();
            t.type = TokenType::Percentage;
        } else {
            t.type = TokenType::Number;
        }
        return t;
    }

    Token consume_string(char32_t ending, Position p) {
        Token t;
        t.type = TokenType::String;
        t.pos = p;
        for (;;) {
            const char32_t c = consume();
            if (c == ending) return t;
            if (c == eof_cp) {
                issue(p, "unterminated string");
                return t;
            }
            if (is_newline(c)) {
                --i_;  // reconsume: the newline becomes whitespace
                issue(p, "newline in string");
                t.type = TokenType::BadString;
                return t;
            }
            if (c == '\\') {
                if (peek() == eof_cp) continue;
                if (is_newline(peek())) {
                    consume();  // an escaped newline continues the string
                    continue;
                }
                base::utf8::append(t.value, consume_escape());
                continue;
            }
            base::utf8::append(t.value, c);
        }
    }

    void consume_bad_url_remnants() {
        for (;;) {
            const char32_t c = consume();
            if (c == ')' || c == eof_cp) return;
            if (starts_escape(c, peek())) consume_escape();
        }
    }

    Token consume_url(Position p) {
        Token t;
        t.type = TokenType::Url;
        t.pos = p;
        while (is_ws(peek())) consume();
        for (;;) {
            const char32_t c = consume();
            if (c == ')') return t;
            if (c == eof_cp) {
                issue(p, "unterminated url()");
                return t;
            }
            if (is_ws(c)) {
                while (is_ws(peek())) consume();
                if (peek() == ')' || peek() == eof_cp) {
                    if (consume() == eof_cp) issue(p, "unterminated url()");
                    return t;
                }
                consume_bad_url_remnants();
                issue(p, "white space inside url()");
                t.type = TokenType::BadUrl;
                return t;
            }
            if (c == '"' || c == '\'' || c == '(' || is_non_printable(c)) {
                issue(p, "invalid character inside url()");
                consume_bad_url_remnants();
                t.type = TokenType::BadUrl;
                return t;
            }
            if (c == '\\') {
                if (starts_escape(c, peek())) {
                    base::utf8::append(t.value, consume_escape());
                    continue;
                }
                issue(p, "invalid escape inside url()");
                consume_bad_url_remnants();
                t.type = TokenType::BadUrl;
                return t;
            }
            base::utf8::append(t.value, c);
        }
    }

    Token consume_ident_like(Position p) {
        Token t;
        t.pos = p;
        t.value = consume_ident_sequence();
        if (base::utf8::to_lower(t.value) == "url" && peek() == '(') {
            consume();
            while (is_ws(peek()) && is_ws(peek(1))) consume();
            const char32_t a = peek();
            const char32_t b = is_ws(a) ? peek(1) : a;
            if (b == '"' || b == '\'') {
                t.type = TokenType::Function;
                return t;
            }
            return consume_url(p);
        }
        if (peek() == '(') {
            consume();
            t.type = TokenType::Function;
            return t;
        }
        t.type = TokenType::Ident;
        return t;
    }

    Token simple(TokenType type, Position p) {
        Token t;
        t.type = type;
        t.pos = p;
        return t;
    }
    Token delim(char32_t c, Position p) {
        Token t = simple(TokenType::Delim, p);
        base::utf8::append(t.value, c);
        return t;
    }

    Token next_token() {
        consume_comments();
        const Position p = here();
        const char32_t c = peek();
        if (c == eof_cp) return simple(TokenType::EndOfFile, p);
        if (is_ws(c)) {
            while (is_ws(peek())) consume();
            return simple(TokenType::Whitespace, p);
        }
        if (c == '"' || c == '\'') {
            consume();
            return consume_string(c, p);
        }
        if (c == '#') {
            consume();
            if (is_ident_char(peek()) || starts_escape(peek(), peek(1))) {
                Token t = simple(TokenType::Hash, p);
                t.hash_is_id = starts_ident(peek(), peek(1), peek(2));
                t.value = consume_ident_sequence();
                return t;
            }
            return delim(c, p);
        }
        if (c == '+' || c == '.') {
            if (starts_number(c, peek(1), peek(2))) return consume_numeric(p);
            consume();
            return delim(c, p);
        }
        if (c == '-') {
            if (starts_number(c, peek(1), peek(2))) return consume_numeric(p);
            if (peek(1) == '-' && peek(2) == '>') {
                i_ += 3;
                return simple(TokenType::CDC, p);
            }
            if (starts_ident(c, peek(1), peek(2))) return consume_ident_like(p);
            consume();
            return delim(c, p);
        }
        if (is_digit(c)) return consume_numeric(p);
        if (c == '<') {
            consume();
            if (peek() == '!' && peek(1) == '-' && peek(2) == '-') {
                i_ += 3;
                return simple(TokenType::CDO, p);
            }
            return delim(c, p);
        }
        if (c == '@') {
            consume();
            if (starts_ident(peek(), peek(1), peek(2))) {
                Token t = simple(TokenType::AtKeyword, p);
                t.value = consume_ident_sequence();
                return t;
            }
            return delim(c, p);
        }
        if (c == '\\') {
            if (starts_escape(c, peek(1))) return consume_ident_like(p);
            consume();
            issue(p, "backslash before a newline outside a string");
            return delim(c, p);
        }
        if (is_ident_start(c)) return consume_ident_like(p);
        consume();
        switch (c) {
            case '(': return simple(TokenType::LeftParen, p);
            case ')': return simple(TokenType::RightParen, p);
            case '[': return simple(TokenType::LeftBracket, p);
            case ']': return simple(TokenType::RightBracket, p);
            case '{': return simple(TokenType::LeftBrace, p);
            case '}': return simple(TokenType::RightBrace, p);
            case ',': return simple(TokenType::Comma, p);
            case ':': return simple(TokenType::Colon, p);
            case ';': return simple(TokenType::Semicolon, p);
            default: return delim(c, p);
        }
    }
};

std::string number_text(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::string("0");
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, std::vector<SyntaxIssue>& issues) {
    return Tokenizer(text, issues).run();
}

std::string_view describe(TokenType type) noexcept {
    switch (type) {
        case TokenType::Ident: return "identifier";
        case TokenType::Function: return "function";
        case TokenType::AtKeyword: return "at-keyword";
        case TokenType::Hash: return "hash";
        case TokenType::String: return "string";
        case TokenType::BadString: return "bad string";
        case TokenType::Url: return "url";
        case TokenType::BadUrl: return "bad url";
        case TokenType::Delim: return "delimiter";
        case TokenType::Number: return "number";
        case TokenType::Percentage: return "percentage";
        case TokenType::Dimension: return "dimension";
        case TokenType::Whitespace: return "white space";
        case TokenType::CDO: return "'<!--'";
        case TokenType::CDC: return "'-->'";
        case TokenType::Colon: return "':'";
        case TokenType::Semicolon: return "';'";
        case TokenType::Comma: return "','";
        case TokenType::LeftBracket: return "'['";
        case TokenType::RightBracket: return "']'";
        case TokenType::LeftParen: return "'('";
        case TokenType::RightParen: return "')'";
        case TokenType::LeftBrace: return "'{'";
        case TokenType::RightBrace: return "'}'";
        case TokenType::EndOfFile: return "end of file";
    }
    return "token";
}

std::string to_css(const Token& t) {
    switch (t.type) {
        case TokenType::Ident: return t.value;
        case TokenType::Function: return t.value + "(";
        case TokenType::AtKeyword: return "@" + t.value;
        case TokenType::Hash: return "#" + t.value;
        case TokenType::String: return "\"" + t.value + "\"";
        case TokenType::BadString: return "\"" + t.value;
        case TokenType::Url: return "url(" + t.value + ")";
        case TokenType::BadUrl: return "url(";
        case TokenType::Delim: return t.value;
        case TokenType::Number: return number_text(t.number);
        case TokenType::Percentage: return number_text(t.number) + "%";
        case TokenType::Dimension: return number_text(t.number) + t.unit;
        case TokenType::Whitespace: return " ";
        case TokenType::CDO: return "<!--";
        case TokenType::CDC: return "-->";
        case TokenType::Colon: return ":";
        case TokenType::Semicolon: return ";";
        case TokenType::Comma: return ",";
        case TokenType::LeftBracket: return "[";
        case TokenType::RightBracket: return "]";
        case TokenType::LeftParen: return "(";
        case TokenType::RightParen: return ")";
        case TokenType::LeftBrace: return "{";
        case TokenType::RightBrace: return "}";
        case TokenType::EndOfFile: return "";
    }
    return "";
}

}  // namespace folio::style::css
