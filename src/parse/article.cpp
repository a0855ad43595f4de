// Placeholder until the article reader lands: fails with a clear error rather than producing anything.
#include "parse/reader.hpp"

#include "base/error.hpp"

namespace folio::parse {

model::Document read_article(std::string_view, const ReadOptions&, base::Diagnostics&) {
    throw base::Error(base::ErrorCode::Input, "the article reader is not available in this build");
}

}  // namespace folio::parse
