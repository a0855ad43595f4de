// Plain-text views of the model: the text of inlines, the words of a document in reading order
// (used for the words-in = words-out invariant and the end-to-end word checks), heading ids.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/url.hpp"
#include "model/document.hpp"

namespace folio::model {

/// Concatenated text of inlines (links and emphasis flattened, images give their alt text,
/// line breaks give a space, footnote refs give nothing).
std::string plain_text(const Inlines& xs);

/// Every word of the document's body (title, metadata and footnotes excluded) in reading order;
/// a word is a maximal run of non-space characters.
std::vector<std::string> body_words(const Document& doc);
/// The same words in one string, each after a single space (" w1 w2 ..."; empty for none):
/// what language detection reads, without a string per word (a 55 MB page has millions).
std::string spaced_body_words(const Document& doc);

/// Words of a string, split on Unicode white space.
std::vector<std::string> split_words(std::string_view s);

/// split_words(s).size() and body_words(doc).size(), without building the words.
std::size_t count_words(std::string_view s);
std::size_t count_body_words(const Document& doc);

/// Gives every heading without an id a stable, unique one as GitHub and pandoc make them
/// ("Getting Started!" → "getting-started"; repeats "-1", "-2"; "section" when nothing is left).
/// Ids already set (the author's `{#id}`) are kept when usable and unique, else replaced; anchor
/// ids that are unusable or repeat an earlier id are cleared (the anchor then marks nothing).
/// Idempotent.
void assign_heading_ids(Document& doc);

/// The id a heading with this text gets before de-duplication (may be empty).
std::string heading_slug(const std::string& text);

/// An id folio writes as is: an XML NCName subset (a letter or '_' first, then letters, digits,
/// '-', '_', '.'), valid UTF-8, not in the footnote namespaces "fn-" / "fnref-".
bool usable_id(std::string_view id);

/// `s` with every valid %XX escape decoded (base::percent_decode).
using base::percent_decode;

/// The id a "#id" link names, percent-decoded ("#%C3%A9t%C3%A9" → "été", as browsers match
/// fragments); empty when `url` is not a fragment.
std::string fragment_id(std::string_view url);

/// Every heading and anchor id of the document: what a "#id" link may name.
std::set<std::string, std::less<>> target_ids(const Document& doc);

/// True for headings such as "Table of Contents", "Inhalt", "Sommaire" that are page furniture,
/// never a document's title (case-insensitive, trailing colon ignored).
bool is_generic_heading(std::string_view text);

/// A BCP 47 tag as written in a `lang` attribute: 1-35 letters, digits and inner hyphens,
/// starting with a letter.
bool plausible_language_tag(std::string_view tag);

/// True when two tags name one language (the same primary subtag, case aside): "en-GB" in an
/// "en" document needs no mark of its own.
bool same_language(std::string_view a, std::string_view b);

/// Removes the language marks (model::LangSpan, Block::lang) that name the document's own
/// language, once that is known (a reader may learn it only after reading): their text is
/// simply the document's. Spans become their children.
void drop_document_language(Document& doc);

/// A date as a reader writes it in `lang` ("2026-06-12T18:11:51+03:00" in French: "12 juin
/// 2026"): an ISO 8601 date, with or without a time, in the six languages folio knows, else
/// its day alone ("2026-06-12"). Any other text is returned as it is (a date written by hand).
std::string display_date(std::string_view date, std::string_view lang);

}  // namespace folio::model
