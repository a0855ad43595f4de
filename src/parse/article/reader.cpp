// The article reader's entry point: decode the bytes, rebuild the structure (build.cpp),
// with the language, then apply typography.
#include "parse/article/build.hpp"
#include "parse/input.hpp"
#include "parse/reader.hpp"
#include "model/text.hpp"
#include "model/typography.hpp"

namespace folio::parse {

model::Document read_article(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag) {
    const DecodedText decoded = decode_input(bytes, diag);
    // The builder sets the language: it needs it before it gives the spilled words back.
    article::BuildOptions build;
    build.lang = opts.lang;
    model::Document doc = article::build_article(decoded.text, diag, build);
    if (opts.smart) model::apply_typography(doc, diag);
    return doc;
}

}  // namespace folio::parse
