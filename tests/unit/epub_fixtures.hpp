// Documents built in C++ for the EPUB tests: one covering every node kind (with a real PNG,
// footnotes that reference footnotes, non-Latin text and characters XML forbids), one with many
// chapters, one long enough to be split by size. Also small helpers to reopen the package.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/io.hpp"
#include "epub/zip.hpp"
#include "model/document.hpp"

namespace folio::epub::testing {

namespace m = folio::model;

inline m::Inline txt(std::string s) { return {m::Text{std::move(s)}, {}}; }
inline m::Inline em(m::Inlines xs) { return {m::Emphasis{std::move(xs)}, {}}; }
inline m::Block para(m::Inlines xs, std::uint32_t line = 0) { return {m::Paragraph{std::move(xs)}, {line, 1}}; }
inline m::Block heading(int level, std::string text) { return {m::Heading{level, {txt(std::move(text))}, ""}, {}}; }
inline m::ListItem item(m::Blocks bs, std::optional<bool> task = std::nullopt) { return {std::move(bs), task}; }

inline std::string test_png() { return std::string(FOLIO_TEST_DATA) + "/data/gradient.png"; }

/// Every block and inline kind at least once.
inline m::Document rich_document() {
    m::Document d;
    d.source_name = "rich.md";
    d.meta.title = "Éléments de test";
    d.meta.subtitle = "Un document qui couvre tout\x02";
    d.meta.authors = {"Anne Autrice", "Bo \x1f\xef\xbf\xbeÉcrivain"};
    d.meta.lang = "fr";
    d.meta.date = "2024-05-01";
    d.meta.description = "Chaque type de nœud du modèle, pour epubcheck.";
    d.meta.keywords = {"test", "epub"};
    d.meta.source_url = "https://example.org/articles/éléments de test?x=1&y=2";

    m::Inlines intro{
        txt("Avant le premier titre : "), em({txt("emphase")}), txt(", "),
        {m::Strong{{txt("gras")}}, {}}, txt(", "), {m::Strikeout{{txt("barré")}}, {}}, txt(", H"),
        {m::Subscript{{txt("2")}}, {}}, txt("O, x"), {m::Superscript{{txt("2")}}, {}}, txt(", "),
        {m::Code{"a < b && c > d"}, {}}, txt(", "),
        {m::Link{"https://example.org/a b", "un titre\x0b", {txt("un lien")}}, {}}, txt(", "),
        {m::Link{"mailto:someone@example.org", "", {txt("un courriel")}}, {}}, txt(", "),
        {m::Link{"javascript:alert(1)", "", {txt("un lien refusé")}}, {3, 10}}, txt(" et une note"),
        {m::FootnoteRef{0, "1"}, {}}, txt("."), {m::LineBreak{}, {}}, txt("Une image en ligne "),
        {m::Image{test_png(), "dégradé\x01", "titre"}, {}}, txt(".")};
    d.blocks.push_back(para(std::move(intro), 3));

    // Addresses URI parsers reject as written: brackets in a path, a host beyond ASCII, hosts
    // that are no domain names (written as text).
    d.blocks.push_back(para({{m::Link{"http://example.com/%5C[%5C", "", {txt("crochets")}}, {}}, txt(", "),
                             {m::Link{"https://bücher.de/", "", {txt("un domaine accentué")}}, {}}, txt(", "),
                             {m::Link{"http://../", "", {txt("sans hôte")}}, {}}, txt(", "),
                             {m::Link{"http://foo.bar.%60baz", "", {txt("hôte invalide")}}, {}}, txt(".")}));

    d.blocks.push_back(heading(1, "Première partie"));
    d.blocks.push_back(para({txt("Caractères interdits : [\x01\x07\x1b] et [\xef\xbf\xbf] et UTF-8 invalide [\xc3\x28].")}));
    d.blocks.push_back(para({txt("漢字かな交じり文、العربية، עברית, Ελληνικά, русский, emoji 👩‍💻.")}));

    m::BulletList inner{{item({para({txt("tâche faite")})}, true), item({para({txt("tâche à faire")})}, false)}, true};
    m::OrderedList ordered{3, {item({para({txt("trois")})}), item({para({txt("quatre")}), {inner, {}}})}, true};
    m::BulletList outer{{item({para({txt("premier")})}), item({para({txt("deuxième")}), {ordered, {}}}),
                         item({para({txt("paragraphe lâche")}), para({txt("second paragraphe")})})},
                        false};
    d.blocks.push_back({outer, {}});

    d.blocks.push_back({m::BlockQuote{{para({txt("Une citation")}), heading(3, "Titre dans une citation"),
                                       para({txt("avec deux paragraphes"), {m::FootnoteRef{1, "deux"}, {}}})}},
                        {}});
    d.blocks.push_back({m::CodeBlock{"cpp", "int main() {\n    return a < b && c > d; // <tag>\n}\n\n  fin"}, {}});
    d.blocks.push_back({m::ThematicBreak{}, {}});

    m::Table t;
    t.aligns = {m::Align::Left, m::Align::Center, m::Align::Right, m::Align::Default};
    t.caption = {txt("Un tableau")};
    t.head = {{{{txt("Nom")}}, {{txt("Centre")}}, {{txt("Nombre")}}, {{txt("Vide")}}}};
    t.body = {{{{txt("a")}}, {{em({txt("b")})}}, {{txt("1")}}, {{}}},
              {{{txt("c")}}, {{txt("d")}}, {{txt("22")}}, {{txt("x")}}}};
    d.blocks.push_back({t, {}});

    d.blocks.push_back({m::Figure{{test_png(), "Un dégradé de couleurs", ""}, {txt("Figure 1 — un dégradé")}}, {}});
    d.blocks.push_back({m::Figure{{"/nonexistent/missing.png", "image absente", ""}, {txt("Figure 2")}}, {20, 1}});

    d.blocks.push_back(heading(2, "Sous-partie"));
    d.blocks.push_back(para({txt("Voir "), {m::Link{"#deuxième-partie", "", {txt("la deuxième partie")}}, {}},
                             txt(" et "), {m::Link{"#nulle-part", "", {txt("une ancre inconnue")}}, {}}, txt(".")}));

    d.blocks.push_back(heading(1, "Deuxième partie"));
    d.blocks.push_back(para({txt("Encore la note"), {m::FootnoteRef{0, "1"}, {}}, txt(" et une troisième"),
                             {m::FootnoteRef{2, "3"}, {}}, txt(" et une inexistante"), {m::FootnoteRef{9, "9"}, {}}}));
    m::DefinitionList dl;
    dl.items.push_back({{txt("Terme")}, {{para({txt("Sa définition, avec une "), {m::Anchor{"ancre"}, {}}, txt("ancre.")})},
                                         {para({txt("Une autre.")})}}});
    dl.items.push_back({{em({txt("Long")})}, {{para({txt("Premier.")}), para({txt("Second, vers "),
                        {m::Link{"#ancre", "", {txt("l'ancre")}}, {}}, txt(".")})}}});
    d.blocks.push_back({std::move(dl), {}});
    d.blocks.push_back({m::Details{{txt("Résumé "), em({txt("replié")})}, {para({txt("Contenu replié.")})}, false}, {}});
    d.blocks.push_back({m::Details{{}, {para({txt("Ouvert, sans résumé.")})}, true}, {}});
    d.blocks.push_back(heading(4, "Niveau quatre"));
    d.blocks.push_back(para({txt("Fin.")}));

    d.footnotes.push_back({"1", {para({txt("La première note, avec "), em({txt("emphase")}), txt(".")})}, {}});
    d.footnotes.push_back({"deux", {{m::BulletList{{item({para({txt("une note en liste")})})}, true}, {}},
                                    para({txt("qui renvoie à la note"), {m::FootnoteRef{2, "3"}, {}}})}, {}});
    d.footnotes.push_back({"3", {para({txt("La troisième note.")})}, {}});
    return d;
}

/// Twelve chapters with sub-headings, for chapter splitting and the navigation.
inline m::Document multi_chapter_document() {
    m::Document d;
    d.meta.title = "Multi-chapter test";
    d.meta.lang = "en";
    d.meta.authors = {"A. Writer"};
    for (int c = 1; c <= 12; ++c) {
        d.blocks.push_back(heading(1, "Chapter " + std::to_string(c)));
        d.blocks.push_back(para({txt("Opening of chapter " + std::to_string(c) + ".")}));
        for (int s = 1; s <= 2; ++s) {
            d.blocks.push_back(heading(2, "Section " + std::to_string(c) + "." + std::to_string(s)));
            d.blocks.push_back(para({txt("Text of the section.")}));
            d.blocks.push_back(heading(3, "Detail"));  // repeated titles: ids must stay unique
            d.blocks.push_back(para({txt("Detail text.")}));
        }
    }
    return d;
}

/// One chapter of about `bytes` of text in many paragraphs, with footnotes along the way.
inline m::Document long_document(std::size_t bytes) {
    m::Document d;
    d.meta.title = "A long chapter";
    d.meta.lang = "en";
    d.blocks.push_back(heading(1, "The only heading"));
    const std::string sentence = "This sentence fills the long chapter so that it must be split by size. ";
    std::size_t n = 0;
    for (int p = 0; n < bytes; ++p) {
        std::string s;
        for (int k = 0; k < 8; ++k) s += sentence;
        n += s.size();
        m::Inlines xs{txt(s)};
        if (p % 100 == 0) {
            xs.push_back({m::FootnoteRef{d.footnotes.size(), ""}, {}});
            d.footnotes.push_back({"", {para({txt("Note " + std::to_string(p))})}, {}});
        }
        if (p % 250 == 125) d.blocks.push_back(heading(2, "Part " + std::to_string(p)));
        d.blocks.push_back(para(std::move(xs)));
    }
    return d;
}

inline std::filesystem::path temp_dir() {
    static const std::filesystem::path dir = [] {
        std::string tmpl = (std::filesystem::temp_directory_path() / "folio-epub-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) std::abort();
        return std::filesystem::path(tmpl);
    }();
    return dir;
}

/// Removes the temporary folder when the test program ends.
struct TempDirCleanup final : ::testing::Environment {
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(temp_dir(), ec);
    }
};
inline ::testing::Environment* const temp_dir_cleanup = ::testing::AddGlobalTestEnvironment(new TempDirCleanup);

inline const ZipEntry* find_entry(const std::vector<ZipEntry>& es, std::string_view name) {
    for (const auto& e : es)
        if (e.name == name) return &e;
    return nullptr;
}

}  // namespace folio::epub::testing
