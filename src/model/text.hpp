// Plain-text views of the model: the text of inlines, the words of a document in reading order
// (used for the words-in = words-out invariant and the end-to-end word checks), heading ids.
#pragma once

#include <string>
#include <vector>

#include "model/document.hpp"

namespace folio::model {

/// Concatenated text of inlines (links and emphasis flattened, images give their alt text,
/// line breaks give a space, footnote refs give nothing).
std::string plain_text(const Inlines& xs);

/// Every word of the document's body (title, metadata and footnotes excluded) in reading order;
/// a word is a maximal run of non-space characters.
std::vector<std::string> body_words(const Document& doc);

/// Words of a string, split on Unicode white space.
std::vector<std::string> split_words(std::string_view s);

/// split_words(s).size() and body_words(doc).size(), without building the words.
std::size_t count_words(std::string_view s);
std::size_t count_body_words(const Document& doc);

/// Gives every heading a stable, unique id ("h-" + slug, suffixed "-2", "-3" on repeats).
void assign_heading_ids(Document& doc);

}  // namespace folio::model
