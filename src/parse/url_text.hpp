// URL text helpers the readers share: unsafe schemes, and percent-decoding of local paths
// (model::percent_decode, which "#id" links use too).
#pragma once

#include <string>
#include <string_view>

#include "model/text.hpp"

namespace folio::parse {

/// Schemes that run code or smuggle content when a reader taps the link (javascript:, vbscript:,
/// data:), ignoring the control characters and spaces browsers skip inside a scheme.
bool is_unsafe_url(std::string_view url);

using model::percent_decode;

}  // namespace folio::parse
