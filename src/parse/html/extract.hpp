// Main-content extraction in the manner of Readability: paragraphs score their ancestors, the
// best candidate and its related siblings are kept, boilerplate inside them is cleaned out.
#pragma once

#include <string>
#include <vector>

#include "model/document.hpp"
#include "parse/html/dom.hpp"

namespace folio::parse::html {

struct Extraction {
    /// The article: kept subtrees in document order (descendants marked dropped are left out).
    std::vector<int> roots;
    /// The article's headline: the first <h1> whose words are nearly all in the title, or empty.
    std::string headline;
    /// A byline found in the page ("By Jane Doe" → "Jane Doe"), empty if none.
    std::string byline;
    /// What was taken out, in document order: boilerplate inside the article and the page
    /// around it, each with a reason ("navigation", "share-links", "outside-article", ...).
    std::vector<model::Removed> removed;
};

/// Marks dropped nodes in `dom` and returns the article. Never fails: a page without any
/// paragraph keeps the whole <body> minus its boilerplate. `title` is the page's declared title
/// (metadata): the headline that matches it tells the article from the next ones a page shows
/// in full below it.
Extraction extract_article(Dom& dom, std::string_view title = {});

}  // namespace folio::parse::html
