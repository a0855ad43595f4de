// Web addresses as the outputs write them: an author's URL made a valid ASCII URI (an EPUB href,
// a PDF link), with its host in the ASCII form of internationalised domain names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace folio::base {

/// `url` (absolute; http, https, ftp or mailto) as a URI every consumer parses: bytes a URI may
/// not hold percent-encoded (existing escapes kept), square brackets in the path too, and a
/// host of letters beyond ASCII converted to its IDNA ASCII form ("bücher.de" →
/// "xn--bcher-kva.de"). std::nullopt when the address has no valid host: a domain name whose
/// labels are letters, digits, '-' (not first or last) and '_', an IPv4 or a bracketed IPv6
/// address, with an optional user and port. Other schemes are the caller's to refuse.
std::optional<std::string> web_uri(std::string_view url);

/// `s` with every valid %XX escape decoded; malformed escapes stay as written.
std::string percent_decode(std::string_view s);

/// Percent-encodes what a URI may not hold (controls, spaces, bytes beyond ASCII, `"<>\^`{|}`
/// and a '%' that starts no escape); `brackets` encodes '[' and ']' as well.
std::string percent_encode_uri(std::string_view s, bool brackets = false);

}  // namespace folio::base
