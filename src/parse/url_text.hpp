// URL text helpers the readers share: unsafe schemes and percent-decoding of local paths.
#pragma once

#include <string>
#include <string_view>

namespace folio::parse {

/// Schemes that run code or smuggle content when a reader taps the link (javascript:, vbscript:,
/// data:), ignoring the control characters and spaces browsers skip inside a scheme.
bool is_unsafe_url(std::string_view url);

/// `s` with every valid %XX escape decoded; malformed escapes stay as written.
std::string percent_decode(std::string_view s);

}  // namespace folio::parse
