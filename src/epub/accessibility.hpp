// EPUB accessibility metadata derived from what the book contains: the schema.org features,
// the EPUB Accessibility 1.1 conformance claim and a summary in the book's language.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace folio::epub {

/// What the package holds, counted by the writer; every claim below is a function of these.
struct AccessibilityFacts {
    std::string lang = "und";  // as written in the package; "und" when unknown
    std::size_t images = 0;    // pictures shown, the cover included
    std::size_t images_without_alt = 0;
    std::size_t headings = 0;  // heading elements in the content documents (title page excluded)
    std::size_t empty_headings = 0;
    std::size_t tables = 0;
    std::size_t tables_without_header = 0;  // tables without a header row (data tables need one)
    std::size_t empty_links = 0;            // links whose text is empty (nothing to announce)
    std::size_t toc_entries = 0;            // entries of the navigation document's toc
    bool footnotes = false;
};

/// Adds the headings, tables and links of `doc` (body and footnotes) to `facts`.
void count_content(const model::Document& doc, AccessibilityFacts& facts);

/// The exact conformance string of EPUB Accessibility 1.1 §"Publication conformance" that folio
/// claims when conforms_to_epub_a11y() holds.
inline constexpr const char* epub_a11y_conformance = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";
/// The evaluator named by a11y:certifiedBy, which the same section requires beside the claim:
/// folio's own checks at conversion time, not a human audit.
inline constexpr const char* epub_a11y_evaluator = "folio (automated checks at conversion)";

/// Why the book does not meet EPUB Accessibility 1.1 at WCAG 2.1 AA as far as folio can check
/// (message keys for accessibility_summary); empty when it does.
std::vector<std::string> accessibility_deficiencies(const AccessibilityFacts& f);
bool conforms_to_epub_a11y(const AccessibilityFacts& f);

/// schema:accessibilityFeature values, each claimed only when the book has it.
std::vector<std::string> accessibility_features(const AccessibilityFacts& f);
/// schema:accessModeSufficient values.
std::vector<std::string> access_modes_sufficient(const AccessibilityFacts& f);

struct LocalizedText {
    std::string text;
    std::string lang;  // the language the text is written in (xml:lang)
};
/// A human-readable summary in the book's language when folio knows it (fr, en, de, es, it, pt),
/// else in English; it names the deficiencies found.
LocalizedText accessibility_summary(const AccessibilityFacts& f);

}  // namespace folio::epub
