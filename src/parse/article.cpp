// The article reader's entry point: decode the bytes, rebuild the structure (article_build.cpp),
// then set the language and apply typography.
#include "parse/article_build.hpp"
#include "parse/input.hpp"
#include "parse/language.hpp"
#include "parse/reader.hpp"
#include "model/text.hpp"
#include "model/typography.hpp"

namespace folio::parse {
namespace {

// CLD2 is settled by a thousand words or so; more text only costs time.
constexpr std::size_t language_sample_bytes = 8 * 1024;

void sample_blocks(const model::Blocks& blocks, std::string& out) {
    for (const auto& b : blocks) {
        if (out.size() >= language_sample_bytes) return;
        if (const auto* p = std::get_if<model::Paragraph>(&b.node)) {
            out.push_back('\n');
            out += model::plain_text(p->content);
        } else if (const auto* h = std::get_if<model::Heading>(&b.node)) {
            out.push_back('\n');
            out += model::plain_text(h->content);
        } else if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) {
            sample_blocks(q->blocks, out);
        } else if (const auto* l = std::get_if<model::BulletList>(&b.node)) {
            for (const auto& it : l->items) sample_blocks(it.blocks, out);
        } else if (const auto* o = std::get_if<model::OrderedList>(&b.node)) {
            for (const auto& it : o->items) sample_blocks(it.blocks, out);
        }
    }
}

}  // namespace

model::Document read_article(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag) {
    const DecodedText decoded = decode_input(bytes, diag);
    model::Document doc = article::build_article(decoded.text, diag);
    if (!opts.lang.empty()) {
        doc.meta.lang = opts.lang;
    } else {
        // The title and the body together: the title alone is often too short to tell.
        std::string sample = doc.meta.title;
        sample_blocks(doc.blocks, sample);
        doc.meta.lang = detect_language(sample);
    }
    if (opts.smart) model::apply_typography(doc, diag);
    return doc;
}

}  // namespace folio::parse
