// Accessibility metadata of the EPUB package: every claim must follow from the content (features,
// sufficient access modes, the EPUB Accessibility 1.1 conformance statement) and the summary is
// written in the book's language.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include <pugixml.hpp>

#include "epub/accessibility.hpp"
#include "epub/epub_writer.hpp"
#include "epub_fixtures.hpp"

namespace fs = std::filesystem;
using namespace folio;
using namespace folio::epub::testing;

namespace {

/// A book that meets every check: declared language, headings, a table of contents.
epub::AccessibilityFacts clean_facts() {
    epub::AccessibilityFacts f;
    f.lang = "en";
    f.headings = 3;
    f.toc_entries = 3;
    return f;
}

bool has(const std::vector<std::string>& xs, std::string_view x) {
    return std::find(xs.begin(), xs.end(), x) != xs.end();
}

struct Opf {
    std::map<std::string, std::vector<std::string>> props;  // property → values in order
    pugi::xml_document xml;
    std::string chapter1;
};

Opf write_and_read(const model::Document& d, const std::string& name) {
    epub::EpubOptions opts;
    opts.epoch_s = 1700000000;
    opts.cover = "none";
    base::Diagnostics diag;
    const fs::path out = temp_dir() / name;
    epub::write_epub(d, {}, opts, out, diag);
    const auto entries = epub::read_zip(base::read_file(out.string()));
    Opf o;
    const auto* opf = find_entry(entries, "OEBPS/content.opf");
    EXPECT_NE(opf, nullptr);
    if (!opf) return o;
    EXPECT_TRUE(o.xml.load_buffer(opf->bytes.data(), opf->bytes.size()));
    for (auto m : o.xml.child("package").child("metadata").children("meta"))
        if (*m.attribute("property").value()) o.props[m.attribute("property").value()].push_back(m.text().get());
    if (const auto* c = find_entry(entries, "OEBPS/chapter-001.xhtml")) o.chapter1 = c->bytes;
    return o;
}

pugi::xml_node meta(const Opf& o, std::string_view property) {
    for (auto m : o.xml.child("package").child("metadata").children("meta"))
        if (property == m.attribute("property").value()) return m;
    return {};
}

/// Paragraphs only, as the article reader gives for a text without heading-like lines.
model::Document plain_article(std::string lang) {
    model::Document d;
    d.meta.title = "Un article";
    d.meta.lang = std::move(lang);
    d.blocks.push_back(para({txt("Premier paragraphe.")}));
    d.blocks.push_back(para({txt("Second paragraphe.")}));
    return d;
}

}  // namespace

// ---------------------------------------------------------------- rules on counted facts

TEST(EpubA11yRules, FeaturesFollowTheContent) {
    auto f = clean_facts();
    EXPECT_EQ(epub::accessibility_features(f),
              (std::vector<std::string>{"structuralNavigation", "tableOfContents", "readingOrder"}));

    f.headings = 0;
    EXPECT_FALSE(has(epub::accessibility_features(f), "structuralNavigation"));
    f.headings = 2;
    f.empty_headings = 2;  // headings with nothing to navigate by
    EXPECT_FALSE(has(epub::accessibility_features(f), "structuralNavigation"));

    f = clean_facts();
    f.toc_entries = 0;
    EXPECT_FALSE(has(epub::accessibility_features(f), "tableOfContents"));

    f = clean_facts();
    f.images = 2;
    EXPECT_TRUE(has(epub::accessibility_features(f), "alternativeText"));
    f.images_without_alt = 1;
    EXPECT_FALSE(has(epub::accessibility_features(f), "alternativeText"));
    f.images = 0;
    f.images_without_alt = 0;
    EXPECT_FALSE(has(epub::accessibility_features(f), "alternativeText"));  // nothing to describe
}

TEST(EpubA11yRules, AccessModesSufficient) {
    auto f = clean_facts();
    EXPECT_EQ(epub::access_modes_sufficient(f), std::vector<std::string>{"textual"});
    f.images = 3;
    EXPECT_EQ(epub::access_modes_sufficient(f), (std::vector<std::string>{"textual", "textual,visual"}));
    f.images_without_alt = 1;
    EXPECT_EQ(epub::access_modes_sufficient(f), std::vector<std::string>{"textual,visual"});
}

TEST(EpubA11yRules, ConformanceNeedsEveryCheck) {
    EXPECT_TRUE(epub::conforms_to_epub_a11y(clean_facts()));
    // A short article without section headings can conform: WCAG asks for headings where
    // there are sections, and it has none.
    auto f = clean_facts();
    f.headings = 0;
    EXPECT_TRUE(epub::conforms_to_epub_a11y(f));

    const std::vector<std::pair<std::string, void (*)(epub::AccessibilityFacts&)>> breakers{
        {"no-language", [](epub::AccessibilityFacts& x) { x.lang = "und"; }},
        {"no-language", [](epub::AccessibilityFacts& x) { x.lang.clear(); }},
        {"alt-missing", [](epub::AccessibilityFacts& x) { x.images = 2; x.images_without_alt = 1; }},
        {"empty-headings", [](epub::AccessibilityFacts& x) { x.empty_headings = 1; }},
        {"tables-without-header", [](epub::AccessibilityFacts& x) { x.tables = 1; x.tables_without_header = 1; }},
        {"empty-links", [](epub::AccessibilityFacts& x) { x.empty_links = 1; }},
        {"no-toc", [](epub::AccessibilityFacts& x) { x.toc_entries = 0; }},
    };
    for (const auto& [key, breaks] : breakers) {
        auto g = clean_facts();
        breaks(g);
        EXPECT_FALSE(epub::conforms_to_epub_a11y(g)) << key;
        EXPECT_TRUE(has(epub::accessibility_deficiencies(g), key)) << key;
    }
    EXPECT_STREQ(epub::epub_a11y_conformance, "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
}

TEST(EpubA11yRules, SummaryIsInTheBooksLanguage) {
    const std::map<std::string, std::string> expected{
        {"fr", "fr"}, {"fr-CA", "fr"}, {"FR", "fr"}, {"en-GB", "en"}, {"de-CH", "de"}, {"es", "es"},
        {"it", "it"}, {"pt-BR", "pt"}, {"ja", "en"}, {"und", "en"}, {"", "en"}};
    std::set<std::string> texts;
    for (const auto& [tag, lang] : expected) {
        auto f = clean_facts();
        f.lang = tag;
        const auto s = epub::accessibility_summary(f);
        EXPECT_EQ(s.lang, lang) << tag;
        EXPECT_FALSE(s.text.empty()) << tag;
        texts.insert(s.text);
    }
    // en, fr, de, es, it, pt, and English again with the undeclared-language remark.
    EXPECT_EQ(texts.size(), 7u);

    auto f = clean_facts();
    f.lang = "fr";
    f.footnotes = true;
    f.images = 1;
    EXPECT_EQ(epub::accessibility_summary(f).text,
              "Les sections sont signalées par des titres, repris dans la table des matières. "
              "Les notes sont liées à leurs appels, et inversement. Chaque image a une alternative textuelle. "
              "Vérifié automatiquement à la conversion selon EPUB Accessibility 1.1 et WCAG 2.1 niveau AA.");
    f.images_without_alt = 1;
    f.headings = 0;
    EXPECT_EQ(epub::accessibility_summary(f).text,
              "Le texte n’a pas d’intertitres. Les notes sont liées à leurs appels, et inversement. "
              "Certaines images n’ont pas d’alternative textuelle. "
              "Aucune conformité à EPUB Accessibility 1.1 n’est revendiquée.");
}

TEST(EpubA11yRules, ContentIsCountedEverywhere) {
    model::Document d;
    d.blocks.push_back(heading(1, "Titre"));
    d.blocks.push_back({model::Heading{2, {}, ""}, {}});
    d.blocks.push_back({model::BlockQuote{{heading(3, "Cité"), para({{model::Link{"https://a.b", "", {}}, {}}})}}, {}});
    model::Table t;
    t.aligns = {model::Align::Default};
    t.body = {{{{txt("x")}}}};
    d.blocks.push_back({t, {}});
    t.head = {{{{txt("h")}}}};
    d.blocks.push_back({t, {}});
    // A link around an image with alt text has text to announce.
    d.footnotes.push_back({"1", {para({{model::Link{"https://a.b", "", {{model::Image{"x.png", "alt", ""}, {}}}}, {}}})}, {}});
    epub::AccessibilityFacts f;
    epub::count_content(d, f);
    EXPECT_EQ(f.headings, 3u);
    EXPECT_EQ(f.empty_headings, 1u);
    EXPECT_EQ(f.tables, 2u);
    EXPECT_EQ(f.tables_without_header, 1u);
    EXPECT_EQ(f.empty_links, 1u);
    EXPECT_TRUE(f.footnotes);
}

// ---------------------------------------------------------------- the package as written

TEST(EpubA11yPackage, ArticleWithoutHeadingsClaimsNoStructuralNavigation) {
    const Opf o = write_and_read(plain_article("fr"), "a11y-article.epub");
    const auto& features = o.props.at("schema:accessibilityFeature");
    EXPECT_FALSE(has(features, "structuralNavigation"));
    EXPECT_TRUE(has(features, "tableOfContents"));  // the nav lists the text's start
    EXPECT_FALSE(has(features, "alternativeText"));  // no picture at all (no cover)
    EXPECT_EQ(o.props.at("schema:accessMode"), std::vector<std::string>{"textual"});
    auto summary = meta(o, "schema:accessibilitySummary");
    EXPECT_STREQ(summary.attribute("xml:lang").value(), "fr");
    EXPECT_EQ(std::string(summary.text().get()).rfind("Le texte n’a pas d’intertitres.", 0), 0u) << summary.text().get();
    // Nothing fails: the claim and its evaluator, refining it.
    auto conf = meta(o, "dcterms:conformsTo");
    ASSERT_TRUE(conf);
    EXPECT_STREQ(conf.text().get(), "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
    auto by = meta(o, "a11y:certifiedBy");
    ASSERT_TRUE(by);
    EXPECT_EQ(std::string("#").append(conf.attribute("id").value()), by.attribute("refines").value());
}

TEST(EpubA11yPackage, GuessedHeadingsAreHeadingElementsAndCountAsNavigation) {
    model::Document d = plain_article("de");
    d.blocks.insert(d.blocks.begin() + 1, {model::Heading{2, {txt("Hintergrund")}, "", true}, {}});
    const Opf o = write_and_read(d, "a11y-inferred.epub");
    EXPECT_TRUE(has(o.props.at("schema:accessibilityFeature"), "structuralNavigation"));
    EXPECT_NE(o.chapter1.find("<h2 id=\"hintergrund\">Hintergrund</h2>"), std::string::npos) << o.chapter1;
    EXPECT_EQ(o.chapter1.find("role=\"heading\""), std::string::npos);
    EXPECT_STREQ(meta(o, "schema:accessibilitySummary").attribute("xml:lang").value(), "de");
}

TEST(EpubA11yPackage, ImageWithoutAltWithdrawsTheClaims) {
    model::Document d = plain_article("en");
    d.blocks.push_back({model::Figure{{test_png(), " ", ""}, {}}, {}});  // blank: describes nothing
    d.blocks.push_back({model::Figure{{test_png(), "A gradient", ""}, {}}, {}});
    const Opf o = write_and_read(d, "a11y-noalt.epub");
    EXPECT_FALSE(has(o.props.at("schema:accessibilityFeature"), "alternativeText"));
    EXPECT_EQ(o.props.at("schema:accessModeSufficient"), std::vector<std::string>{"textual,visual"});
    EXPECT_FALSE(meta(o, "dcterms:conformsTo"));
    EXPECT_FALSE(meta(o, "a11y:certifiedBy"));
    EXPECT_NE(std::string(meta(o, "schema:accessibilitySummary").text().get()).find("Some images have no text alternative."),
              std::string::npos);
}

TEST(EpubA11yPackage, UndeclaredLanguageWithdrawsTheClaimAndSummaryIsEnglish) {
    const Opf o = write_and_read(plain_article(""), "a11y-und.epub");
    EXPECT_FALSE(meta(o, "dcterms:conformsTo"));
    auto summary = meta(o, "schema:accessibilitySummary");
    EXPECT_STREQ(summary.attribute("xml:lang").value(), "en");
    EXPECT_NE(std::string(summary.text().get()).find("The language of the text is not declared."), std::string::npos);
}

TEST(EpubA11yPackage, RichDocumentClaimsMatchItsContent) {
    const Opf o = write_and_read(rich_document(), "a11y-rich.epub");
    EXPECT_EQ(o.props.at("schema:accessibilityFeature"),
              (std::vector<std::string>{"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"}));
    EXPECT_EQ(o.props.at("schema:accessMode"), (std::vector<std::string>{"textual", "visual"}));
    EXPECT_TRUE(meta(o, "dcterms:conformsTo"));
}

TEST(EpubA11yPackage, InterfaceWordsInAnotherLanguageAreMarked) {
    auto nav_of = [](const model::Document& d, const std::string& name) {
        epub::EpubOptions opts;
        opts.epoch_s = 1700000000;
        opts.cover = "none";
        base::Diagnostics diag;
        const fs::path out = temp_dir() / name;
        epub::write_epub(d, {}, opts, out, diag);
        const auto entries = epub::read_zip(base::read_file(out.string()));
        const auto* nav = find_entry(entries, "OEBPS/nav.xhtml");
        return nav ? nav->bytes : std::string();
    };
    // Dutch: folio has no Dutch words, so the English ones say they are English.
    const std::string nl = nav_of(plain_article("nl"), "a11y-nl.epub");
    EXPECT_NE(nl.find("<h1 lang=\"en\" xml:lang=\"en\">Contents</h1>"), std::string::npos) << nl;
    EXPECT_NE(nl.find("lang=\"en\" xml:lang=\"en\">Title page</a>"), std::string::npos) << nl;
    // Portuguese words exist: no marking.
    const std::string pt = nav_of(plain_article("pt-BR"), "a11y-pt.epub");
    EXPECT_NE(pt.find("<h1>Índice</h1>"), std::string::npos) << pt;
    EXPECT_EQ(pt.find("lang=\"en\""), std::string::npos) << pt;
}
