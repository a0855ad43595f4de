// UTF-8 helpers: decoding, encoding, validation and simple character classes used by every stage.
// All functions take text that is already valid UTF-8 unless they say otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace folio::base::utf8 {

inline constexpr char32_t replacement = 0xFFFD;

/// Decodes one code point at `s[i]` and advances `i`. Invalid or truncated sequences yield
/// U+FFFD and advance by one byte, so a loop over any bytes always terminates.
char32_t decode(std::string_view s, std::size_t& i) noexcept;

/// Appends the UTF-8 encoding of `cp` (surrogates and values above U+10FFFF become U+FFFD).
void append(std::string& out, char32_t cp);
std::string encode(char32_t cp);

/// Length in bytes of the valid sequence starting at s[i], or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view s, std::size_t i) noexcept;
bool is_valid(std::string_view s) noexcept;

/// Number of code points (invalid bytes count one each).
std::size_t length(std::string_view s) noexcept;

/// Unicode white space (White_Space property).
bool is_space(char32_t c) noexcept;
/// Letters of the scripts folio typesets (Latin, Greek, Cyrillic, and other alphabetic blocks).
bool is_letter(char32_t c) noexcept;
bool is_upper(char32_t c) noexcept;
bool is_lower(char32_t c) noexcept;
bool is_digit(char32_t c) noexcept;
/// Simple one-to-one case mapping for Latin, Greek and Cyrillic; other characters unchanged.
char32_t to_lower(char32_t c) noexcept;
char32_t to_upper(char32_t c) noexcept;
std::string to_lower(std::string_view s);
/// A-Z folded to a-z and nothing else: for names the markup defines in ASCII (tags,
/// attributes, URL schemes, meta names), where other bytes must stay as they are.
std::string ascii_lower(std::string_view s);

/// `s` with every run of ASCII white space (space, tab, LF, CR, FF) as one space, and none at
/// either end.
std::string collapse_spaces(std::string_view s);

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
std::string_view prefix_within(std::string_view s, std::size_t max) noexcept;

/// Characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates, U+FFFE, U+FFFF).
bool is_xml_forbidden(char32_t c) noexcept;
/// Format/zero-width characters that a reader strips (ZWSP, ZWNJ is kept, soft hyphen, BOM...).
bool is_invisible(char32_t c) noexcept;

/// Returns `s` with U+FFFD in place of invalid sequences and without XML-forbidden characters.
std::string sanitize(std::string_view s);

/// "U+00E9" style name of a code point.
std::string codepoint_name(char32_t c);

}  // namespace folio::base::utf8
