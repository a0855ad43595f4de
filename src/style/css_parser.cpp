// CSS parser: the consume-* algorithms of CSS Syntax Level 3 §5.4 over the token list, with a
// depth limit so that recursion stays bounded.
#include "style/css_parser.hpp"

#include <optional>

#include "base/utf8.hpp"

namespace folio::style::css {
namespace {

TokenType closer_of(TokenType open) {
    switch (open) {
        case TokenType::LeftBrace: return TokenType::RightBrace;
        case TokenType::LeftBracket: return TokenType::RightBracket;
        default: return TokenType::RightParen;  // '(' and functions
    }
}
bool is_opener(TokenType t) {
    return t == TokenType::LeftBrace || t == TokenType::LeftBracket || t == TokenType::LeftParen ||
           t == TokenType::Function;
}

class Parser {
public:
    Parser(std::vector<Token> tokens, std::vector<SyntaxIssue>& issues) : tokens_(std::move(tokens)), issues_(issues) {}

    std::vector<Rule> stylesheet() {
        std::vector<Rule> rules;
        for (;;) {
            const Token& t = peek();
            switch (t.type) {
                case TokenType::Whitespace:
                case TokenType::CDO:
                case TokenType::CDC: ++i_; break;  // top level ignores HTML comment markers
                case TokenType::EndOfFile: return rules;
                case TokenType::AtKeyword: rules.push_back(at_rule()); break;
                default:
                    if (auto r = qualified_rule()) rules.push_back(std::move(*r));
                    break;
            }
        }
    }

private:
    std::vector<Token> tokens_;
    std::size_t i_ = 0;
    std::vector<SyntaxIssue>& issues_;
    bool depth_reported_ = false;

    const Token& peek() const { return tokens_[std::min(i_, tokens_.size() - 1)]; }
    // Each token is consumed once, so it can be moved out; the final EndOfFile stays in place.
    Token consume() {
        if (i_ < tokens_.size() - 1) return std::move(tokens_[i_++]);
        return tokens_.back();
    }

    Rule at_rule() {
        Token kw = consume();
        Rule r;
        r.kind = Rule::Kind::At;
        r.at_name = base::utf8::to_lower(kw.value);
        r.pos = kw.pos;
        for (;;) {
            const TokenType t = peek().type;
            if (t == TokenType::Semicolon) {
                consume();
                return r;
            }
            if (t == TokenType::EndOfFile) {
                issues_.push_back({r.pos, "@" + kw.value + " rule is not closed at end of file"});
                return r;
            }
            if (t == TokenType::LeftBrace) {
                ComponentValue b = block_value(0);
                r.has_block = true;
                r.block = std::move(b.children);
                return r;
            }
            r.prelude.push_back(component_value(0));
        }
    }

    std::optional<Rule> qualified_rule() {
        Rule r;
        r.pos = peek().pos;
        for (;;) {
            const TokenType t = peek().type;
            if (t == TokenType::EndOfFile) {
                issues_.push_back({r.pos, "rule without a {} block at end of file; dropped"});
                return std::nullopt;
            }
            if (t == TokenType::LeftBrace) {
                ComponentValue b = block_value(0);
                r.has_block = true;
                r.block = std::move(b.children);
                return r;
            }
            r.prelude.push_back(component_value(0));
        }
    }

    ComponentValue component_value(int depth) {
        const TokenType t = peek().type;
        if (t == TokenType::LeftBrace || t == TokenType::LeftBracket || t == TokenType::LeftParen ||
            t == TokenType::Function)
            return block_value(depth);
        ComponentValue v;
        v.token = consume();
        return v;
    }

    // Consumes a simple block or a function (the opening token is next).
    ComponentValue block_value(int depth) {
        ComponentValue v;
        v.token = consume();
        v.kind = v.token.type == TokenType::Function ? ComponentValue::Kind::Function : ComponentValue::Kind::Block;
        const TokenType close = closer_of(v.token.type);
        if (depth + 1 >= max_nesting_depth) {
            if (!depth_reported_) {
                issues_.push_back({v.token.pos, "blocks nested deeper than " + std::to_string(max_nesting_depth) +
                                                    " levels; the innermost are skipped"});
                depth_reported_ = true;
            }
            skip_to_closer(close, v.token.pos);
            return v;
        }
        for (;;) {
            const TokenType t = peek().type;
            if (t == close) {
                consume();
                return v;
            }
            if (t == TokenType::EndOfFile) {
                issues_.push_back({v.token.pos, std::string(describe(v.token.type)) + " is not closed at end of file"});
                return v;
            }
            v.children.push_back(component_value(depth + 1));
        }
    }

    // Skips tokens up to and including the closer of an open block, iteratively.
    void skip_to_closer(TokenType close, Position open_pos) {
        std::vector<TokenType> expected{close};
        while (!expected.empty()) {
            const Token t = consume();
            if (t.type == TokenType::EndOfFile) {
                issues_.push_back({open_pos, "block is not closed at end of file"});
                return;
            }
            if (t.type == expected.back()) {
                expected.pop_back();
            } else if (is_opener(t.type)) {
                expected.push_back(closer_of(t.type));
            }
        }
    }
};

bool is_ws(const ComponentValue& v) { return v.is(TokenType::Whitespace); }

void trim(std::vector<ComponentValue>& v) {
    while (!v.empty() && is_ws(v.back())) v.pop_back();
    std::size_t k = 0;
    while (k < v.size() && is_ws(v[k])) ++k;
    v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k));
}

// §5.4.6 on the component values of one declaration (up to its ';').
std::optional<Declaration> declaration(std::vector<ComponentValue> parts, std::vector<SyntaxIssue>& issues) {
    Declaration d;
    d.pos = parts.front().token.pos;
    const std::string& raw = parts.front().token.value;
    d.name = raw.starts_with("--") ? raw : base::utf8::to_lower(raw);
    std::size_t k = 1;
    while (k < parts.size() && is_ws(parts[k])) ++k;
    if (k >= parts.size() || !parts[k].is(TokenType::Colon)) {
        issues.push_back({d.pos, "expected ':' after property name '" + raw + "'; declaration dropped"});
        return std::nullopt;
    }
    d.value.assign(parts.begin() + static_cast<std::ptrdiff_t>(k + 1), parts.end());
    trim(d.value);
    // "!important": the last two non-white-space values are '!' and an ident "important".
    if (!d.value.empty() && d.value.back().is(TokenType::Ident) &&
        base::utf8::to_lower(d.value.back().token.value) == "important") {
        std::size_t j = d.value.size() - 1;
        while (j > 0 && is_ws(d.value[j - 1])) --j;
        if (j > 0 && d.value[j - 1].is(TokenType::Delim) && d.value[j - 1].token.value == "!") {
            d.important = true;
            d.value.resize(j - 1);
            trim(d.value);
        }
    }
    return d;
}

void append_css(std::string& out, const ComponentValue& v) {
    switch (v.kind) {
        case ComponentValue::Kind::Token: out += to_css(v.token); break;
        case ComponentValue::Kind::Function:
            out += v.token.value + "(";
            for (const auto& c : v.children) append_css(out, c);
            out += ")";
            break;
        case ComponentValue::Kind::Block:
            out += to_css(v.token);
            for (const auto& c : v.children) append_css(out, c);
            {
                Token close;
                close.type = closer_of(v.token.type);
                out += to_css(close);
            }
            break;
    }
}

}  // namespace

std::vector<Rule> parse_stylesheet(std::string_view text, std::vector<SyntaxIssue>& issues) {
    return Parser(tokenize(text, issues), issues).stylesheet();
}

DeclarationList parse_declarations(const std::vector<ComponentValue>& block, std::vector<SyntaxIssue>& issues) {
    DeclarationList out;
    std::size_t i = 0;
    const std::size_t n = block.size();
    while (i < n) {
        const ComponentValue& v = block[i];
        if (is_ws(v) || v.is(TokenType::Semicolon)) {
            ++i;
            continue;
        }
        if (v.is(TokenType::AtKeyword)) {
            // A nested at-rule: its prelude runs to ';' or a {} block.
            Rule r;
            r.kind = Rule::Kind::At;
            r.at_name = base::utf8::to_lower(v.token.value);
            r.pos = v.token.pos;
            ++i;
            while (i < n && !block[i].is(TokenType::Semicolon) && !block[i].is_block(TokenType::LeftBrace))
                r.prelude.push_back(block[i++]);
            if (i < n && block[i].is_block(TokenType::LeftBrace)) {
                r.has_block = true;
                r.block = block[i].children;
            }
            ++i;
            out.at_rules.push_back(std::move(r));
            continue;
        }
        std::vector<ComponentValue> parts;
        while (i < n && !block[i].is(TokenType::Semicolon)) parts.push_back(block[i++]);
        if (v.is(TokenType::Ident)) {
            if (auto d = declaration(std::move(parts), issues)) out.declarations.push_back(std::move(*d));
        } else {
            issues.push_back({v.token.pos, "expected a property name, found " +
                                               std::string(v.kind == ComponentValue::Kind::Token ? describe(v.token.type)
                                                           : v.kind == ComponentValue::Kind::Function ? "function"
                                                                                                     : "block") +
                                               "; skipped to the next ';'"});
        }
    }
    return out;
}

std::string to_css(const std::vector<ComponentValue>& values) {
    std::string out;
    for (const auto& v : values) append_css(out, v);
    std::string collapsed;
    for (char c : out) {
        if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
        collapsed += c;
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    return collapsed;
}

}  // namespace folio::style::css
