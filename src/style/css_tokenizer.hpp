// CSS tokenizer following CSS Syntax Module Level 3 (§4): turns stylesheet text into tokens with
// 1-based line:column positions, reporting parse errors instead of failing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace folio::style::css {

enum class TokenType {
    Ident,
    Function,   // "name(" — value holds the name
    AtKeyword,  // "@name" — value holds the name
    Hash,       // "#name" — value holds the name; hash_is_id as in the spec's type flag
    String,     // value holds the unescaped contents
    BadString,
    Url,        // url(...) without quotes — value holds the unescaped URL
    BadUrl,
    Delim,      // value holds the one code point (UTF-8)
    Number,
    Percentage,
    Dimension,  // number with unit (unit holds the unescaped unit)
    Whitespace,
    CDO,        // <!--
    CDC,        // -->
    Colon,
    Semicolon,
    Comma,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    EndOfFile,
};

/// Position of a token's first code point: line and column count from 1, columns in code points
/// after newline normalisation (CR LF, CR and FF each end one line).
struct Position {
    std::uint32_t line = 1;
    std::uint32_t col = 1;
    friend bool operator==(const Position&, const Position&) = default;
};

struct Token {
    TokenType type = TokenType::EndOfFile;
    std::string value;        // see TokenType
    double number = 0;        // Number, Percentage, Dimension
    bool is_integer = false;  // the spec's type flag "integer"
    std::string unit;         // Dimension
    bool hash_is_id = false;  // Hash
    Position pos;
};

/// A parse error found while tokenizing or parsing; never fatal.
struct SyntaxIssue {
    Position pos;
    std::string message;
};

/// Tokenizes `text` (UTF-8; invalid bytes become U+FFFD). Comments are dropped; the last token is
/// always EndOfFile. Parse errors (unterminated strings, comments or url(), bad escapes) are
/// appended to `issues` and the token stream follows the spec's recovery.
std::vector<Token> tokenize(std::string_view text, std::vector<SyntaxIssue>& issues);

/// A short name of a token type for messages ("'{'", "identifier", ...).
std::string_view describe(TokenType type) noexcept;

/// The token written back as CSS text (used for messages and preludes); comments and escapes
/// are not reproduced.
std::string to_css(const Token& t);

}  // namespace folio::style::css
