// CSS parser following CSS Syntax Module Level 3 (§5): tokens → rules (qualified rules and
// at-rules) whose blocks parse into declarations. Nothing here knows any property's meaning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "style/css_tokenizer.hpp"

namespace folio::style::css {

/// Blocks nested deeper than this are skipped without building a tree: the parser recurses once
/// per level, and a hostile file of "{{{{..." must not exhaust the stack. Real stylesheets nest
/// three or four levels (@media { rule { } }).
inline constexpr int max_nesting_depth = 32;

/// A component value (§5.1): a preserved token, a function with its arguments, or a simple block
/// ({}, [] or ()) with its contents.
struct ComponentValue {
    enum class Kind { Token, Function, Block };
    Kind kind = Kind::Token;
    /// Token: the token itself. Function: a Function token (value = name). Block: the opening
    /// token ({, [ or ().
    Token token;
    std::vector<ComponentValue> children;  // Function arguments or block contents

    bool is(TokenType t) const noexcept { return kind == Kind::Token && token.type == t; }
    bool is_block(TokenType open) const noexcept { return kind == Kind::Block && token.type == open; }
};

struct Rule {
    enum class Kind { Qualified, At };
    Kind kind = Kind::Qualified;
    std::string at_name;  // At: the keyword without '@', lowercased
    std::vector<ComponentValue> prelude;
    bool has_block = false;
    std::vector<ComponentValue> block;  // contents of the {} block
    Position pos;
};

struct Declaration {
    std::string name;  // lowercased, except custom properties ("--x"), which are case-sensitive
    std::vector<ComponentValue> value;  // without surrounding white space and "!important"
    bool important = false;
    Position pos;
};

struct DeclarationList {
    std::vector<Declaration> declarations;
    std::vector<Rule> at_rules;  // nested at-rules, e.g. @top-center inside @page
};

/// Parses a stylesheet (§5.3.3). Never fails: parse errors go to `issues` and the rule or
/// declaration concerned is dropped as the spec says.
std::vector<Rule> parse_stylesheet(std::string_view text, std::vector<SyntaxIssue>& issues);

/// Parses the contents of a {} block as a list of declarations (§5.3.8).
DeclarationList parse_declarations(const std::vector<ComponentValue>& block, std::vector<SyntaxIssue>& issues);

/// Component values written back as CSS text, white space collapsed (for messages).
std::string to_css(const std::vector<ComponentValue>& values);

}  // namespace folio::style::css
