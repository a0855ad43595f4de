// A lexical pre-pass that caps element nesting before gumbo sees the page: gumbo's tree builder
// scans the stack of open elements for most start tags, so 10^6 nested <div>s take hours.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace folio::parse::html {

/// Start tags nested deeper than this are removed (with their end tags); their text stays.
/// Blink caps its tree at 512 for the same reason.
constexpr std::size_t max_source_nesting = 512;

/// Formatting elements (b, i, a, font, ...) left open beyond this count are removed too: HTML
/// reopens every open one in each new paragraph, so N unclosed ones in N paragraphs make N^2
/// elements.
constexpr std::size_t max_open_formatting = 8;

/// Attributes of one element beyond this count are blanked out: gumbo looks for a duplicate
/// among the attributes before it for each one, so 100,000 attributes on a tag took 20 s.
constexpr std::size_t max_tag_attributes = 256;

/// Returns the page with start/end tags beyond max_source_nesting removed, and how many start
/// tags were removed. The bodies of scripts (except JSON-LD) and style sheets are left out too:
/// no text of the page is in them. Attributes past max_tag_attributes are turned into spaces
/// (line breaks kept, so every position after them stays), counted in `blanked_attributes`.
/// Linear in the input.
std::string cap_nesting(std::string_view html, std::size_t& removed, std::size_t* blanked_attributes = nullptr);

}  // namespace folio::parse::html
