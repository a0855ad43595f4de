// Page metadata: <title>, <meta> (Open Graph, Twitter, Dublin Core, article:*), JSON-LD,
// <link rel=canonical>, <html lang>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"
#include "parse/html/dom.hpp"

namespace folio::parse::html {

struct PageMetadata {
    model::Metadata meta;  // title, authors, date, description, keywords, lang, source_url, extra
    std::string base_url;  // <base href> or the page's own URL: what relative links resolve against
};

/// Reads what the page declares about itself; fields it does not declare stay empty. Looks at
/// every element, dropped or not (metadata lives in <head>, which is never content).
PageMetadata read_metadata(const Dom& dom);

/// Lower-case word tokens of a title or a headline (ASCII letters and digits; other bytes,
/// UTF-8 included, are kept in words too, so non-Latin titles compare as well).
std::vector<std::string> title_words(std::string_view s);

/// Words of a shared with b over the larger word count of the two (title_words; 0 when either
/// has none): how far a headline and a title say the same.
double title_overlap(std::string_view a, std::string_view b);

/// The author's name out of a byline as pages write it: without "By" in front, and without
/// the date, time, reading time or agency that follow the name ("Saibal Dasgupta / TNN /
/// Updated: Oct 9, 2019" gives "Saibal Dasgupta"); empty when nothing in it is a name
/// ("December 20, 2016").
std::string author_name(std::string_view byline);

/// Decodes the JSON string literal starting at s[i] == '"'; advances i past it.
std::string json_string(std::string_view s, std::size_t& i);

}  // namespace folio::parse::html
