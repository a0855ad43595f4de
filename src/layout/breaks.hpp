// Where a paragraph's text may break into lines: UAX #14 opportunities from libunibreak, with
// folio's rules on top (French spacing and guillemets, no-break spaces, URLs, short hyphen parts).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace folio::layout {

struct BreakPoint {
    enum class Kind {
        Space,   // between words: the white space just before `offset` vanishes at the line end
        Hyphen,  // after an existing hyphen or dash, which stays at the end of the line
        Url,     // inside a URL or e-mail address, after '/', '.', '-' or '?'; nothing is added
        Other,   // between two non-space characters, nothing added (after '/' in "and/or", CJK)
    };
    std::size_t offset = 0;  // byte offset in the text where the next line starts
    Kind kind = Kind::Space;
    bool forced = false;     // after a newline in the text
};

/// Break opportunities in `utf8` (one paragraph), in increasing offset order. `lang` is BCP 47;
/// French ("fr", "fr-CA", ...) adds its rules: no break after « or before ; : ! ? » even across
/// ordinary spaces. No break falls at U+00A0, U+202F, U+2007 or U+2060, nor at the end of the text
/// nor before its first word. Invalid UTF-8 bytes are treated as opaque letters.
std::vector<BreakPoint> break_opportunities(std::string_view utf8, std::string_view lang);

/// True for a token that is a URL or e-mail address ("https://x.org/a", "www.x.org",
/// "mailto:a@b.fr", "a@b.fr"), ignoring surrounding punctuation such as brackets and quotes.
bool is_url(std::string_view word);

/// The text with a marker at each break, for tests and traces: "[s]" space, "[h]" hyphen,
/// "[u]" URL, "[o]" other, "[!]" forced. E.g. "voir [s]https://[u]x.[u]org".
std::string describe_break_points(std::string_view utf8, const std::vector<BreakPoint>& points);

}  // namespace folio::layout
