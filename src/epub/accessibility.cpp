// Accessibility claims as functions of counted facts, so that a claim cannot outlive the content
// that justified it, and a summary in the six languages folio's interface words cover.
#include "epub/accessibility.hpp"

#include <array>
#include <string_view>

#include "base/overloaded.hpp"
#include "base/utf8.hpp"
#include "model/text.hpp"

namespace folio::epub {
namespace {

using base::Overloaded;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

class Counter {
public:
    explicit Counter(AccessibilityFacts& f) : f_(f) {}

    void blocks(const model::Blocks& bs) {
        for (const auto& b : bs) block(b);
    }

private:
    void block(const model::Block& b) {
        std::visit(Overloaded{
            [&](const model::Paragraph& p) { inlines(p.content); },
            [&](const model::Heading& h) {
                ++f_.headings;
                // plain_text gives an image's alt text, which a screen reader announces.
                if (blank(model::plain_text(h.content))) ++f_.empty_headings;
                inlines(h.content);
            },
            [&](const model::BulletList& l) { items(l.items); },
            [&](const model::OrderedList& l) { items(l.items); },
            [&](const model::BlockQuote& q) { blocks(q.blocks); },
            [&](const model::CodeBlock&) {},
            [&](const model::ThematicBreak&) {},
            [&](const model::Table& t) {
                ++f_.tables;
                if (t.head.empty()) ++f_.tables_without_header;
                inlines(t.caption);
                for (const auto* rows : {&t.head, &t.body})
                    for (const auto& r : *rows)
                        for (const auto& c : r) inlines(c.content);
            },
            [&](const model::Figure& f) { inlines(f.caption); },
            [&](const model::DefinitionList& l) {
                for (const auto& item : l.items) {
                    inlines(item.term);
                    for (const auto& d : item.definitions) blocks(d);
                }
            },
            [&](const model::Details& d) {
                inlines(d.summary);
                blocks(d.blocks);
            },
        }, b.node);
    }

    void items(const std::vector<model::ListItem>& xs) {
        for (const auto& item : xs) blocks(item.blocks);
    }

    void inlines(const model::Inlines& xs) {
        for (const auto& x : xs) {
            std::visit(Overloaded{
                [&](const model::Text&) {},
                [&](const model::Emphasis& e) { inlines(e.children); },
                [&](const model::Strong& e) { inlines(e.children); },
                [&](const model::Strikeout& e) { inlines(e.children); },
                [&](const model::Superscript& e) { inlines(e.children); },
                [&](const model::Subscript& e) { inlines(e.children); },
                [&](const model::LangSpan& e) { inlines(e.children); },
                [&](const model::Code&) {},
                [&](const model::Link& l) {
                    if (blank(model::plain_text(l.children))) ++f_.empty_links;
                    inlines(l.children);
                },
                [&](const model::Image&) {},  // counted by collect_images, which knows what is shown
                [&](const model::LineBreak&) {},
                [&](const model::FootnoteRef&) {},
                [&](const model::Anchor&) {},
            }, x.node);
        }
    }

    AccessibilityFacts& f_;
};

struct Sentence {
    const char* key;
    const char* en;
    const char* fr;
    const char* de;
    const char* es;
    const char* it;
    const char* pt;
};

// Every sentence in every language, so a summary never mixes languages under one xml:lang.
constexpr std::array sentences{
    Sentence{"headings",
             "Sections are marked with headings, listed in the table of contents.",
             "Les sections sont signalées par des titres, repris dans la table des matières.",
             "Abschnitte sind durch Überschriften gekennzeichnet, die im Inhaltsverzeichnis stehen.",
             "Las secciones están marcadas con encabezados, recogidos en el índice.",
             "Le sezioni sono indicate da titoli, riportati nell’indice.",
             "As partes do texto estão marcadas com títulos, listados no índice."},
    Sentence{"no-headings",
             "The text has no section headings.",
             "Le texte n’a pas d’intertitres.",
             "Der Text hat keine Zwischenüberschriften.",
             "El texto no tiene encabezados de sección.",
             "Il testo non ha titoli di sezione.",
             "O texto não tem intertítulos."},
    Sentence{"notes",
             "Footnotes are linked to their references and back.",
             "Les notes sont liées à leurs appels, et inversement.",
             "Fußnoten sind mit ihren Verweisen verlinkt und zurück.",
             "Las notas están enlazadas con sus llamadas, y viceversa.",
             "Le note sono collegate ai loro richiami, e viceversa.",
             "As notas estão ligadas às suas chamadas, e vice-versa."},
    Sentence{"alt-all",
             "Every image has a text alternative.",
             "Chaque image a une alternative textuelle.",
             "Jedes Bild hat einen Alternativtext.",
             "Cada imagen tiene un texto alternativo.",
             "Ogni immagine ha un testo alternativo.",
             "Cada imagem tem um texto alternativo."},
    Sentence{"alt-missing",
             "Some images have no text alternative.",
             "Certaines images n’ont pas d’alternative textuelle.",
             "Einige Bilder haben keinen Alternativtext.",
             "Algunas imágenes no tienen texto alternativo.",
             "Alcune immagini non hanno un testo alternativo.",
             "Algumas imagens não têm texto alternativo."},
    Sentence{"no-language",
             "The language of the text is not declared.",
             "La langue du texte n’est pas déclarée.",
             "Die Sprache des Textes ist nicht angegeben.",
             "El idioma del texto no está declarado.",
             "La lingua del testo non è dichiarata.",
             "O idioma do texto não está declarado."},
    Sentence{"empty-headings",
             "Some headings have no text.",
             "Certains titres sont vides.",
             "Einige Überschriften sind leer.",
             "Algunos encabezados están vacíos.",
             "Alcuni titoli sono vuoti.",
             "Alguns títulos estão vazios."},
    Sentence{"tables-without-header",
             "Some tables have no header row.",
             "Certains tableaux n’ont pas de ligne d’en-tête.",
             "Einige Tabellen haben keine Kopfzeile.",
             "Algunas tablas no tienen fila de encabezado.",
             "Alcune tabelle non hanno una riga di intestazione.",
             "Algumas tabelas não têm linha de cabeçalho."},
    Sentence{"empty-links",
             "Some links have no text.",
             "Certains liens n’ont pas de texte.",
             "Einige Links haben keinen Text.",
             "Algunos enlaces no tienen texto.",
             "Alcuni collegamenti non hanno testo.",
             "Alguns links não têm texto."},
    Sentence{"no-toc",
             "There is no table of contents.",
             "Il n’y a pas de table des matières.",
             "Es gibt kein Inhaltsverzeichnis.",
             "No hay índice.",
             "Non c’è un indice.",
             "Não há índice."},
    Sentence{"conforms",
             "Checked automatically at conversion against EPUB Accessibility 1.1 and WCAG 2.1 Level AA.",
             "Vérifié automatiquement à la conversion selon EPUB Accessibility 1.1 et WCAG 2.1 niveau AA.",
             "Bei der Konvertierung automatisch geprüft nach EPUB Accessibility 1.1 und WCAG 2.1 Stufe AA.",
             "Comprobado automáticamente en la conversión según EPUB Accessibility 1.1 y WCAG 2.1 nivel AA.",
             "Verificato automaticamente durante la conversione secondo EPUB Accessibility 1.1 e WCAG 2.1 livello AA.",
             "Verificado automaticamente na conversão segundo EPUB Accessibility 1.1 e WCAG 2.1 nível AA."},
    Sentence{"no-claim",
             "No conformance to EPUB Accessibility 1.1 is claimed.",
             "Aucune conformité à EPUB Accessibility 1.1 n’est revendiquée.",
             "Konformität mit EPUB Accessibility 1.1 wird nicht beansprucht.",
             "No se declara conformidad con EPUB Accessibility 1.1.",
             "Non si dichiara la conformità a EPUB Accessibility 1.1.",
             "Não é declarada conformidade com EPUB Accessibility 1.1."},
};

constexpr std::array summary_languages{"en", "fr", "de", "es", "it", "pt"};

const char* sentence(std::string_view key, std::string_view lang) {
    for (const auto& s : sentences) {
        if (key != s.key) continue;
        if (lang == "fr") return s.fr;
        if (lang == "de") return s.de;
        if (lang == "es") return s.es;
        if (lang == "it") return s.it;
        if (lang == "pt") return s.pt;
        return s.en;
    }
    return "";
}

}  // namespace

void count_content(const model::Document& doc, AccessibilityFacts& facts) {
    Counter c(facts);
    c.blocks(doc.blocks);
    for (const auto& fn : doc.footnotes) c.blocks(fn.blocks);
    if (!doc.footnotes.empty()) facts.footnotes = true;
}

// The rule for claiming EPUB Accessibility 1.1 at WCAG 2.1 AA. folio checks what depends on the
// content and refuses the claim when one check fails:
//   - the language is declared (WCAG 3.1.1): not "und";
//   - every picture shown has a text alternative (1.1.1); the cover's is the title;
//   - every heading has text (2.4.6), every link has text (2.4.4);
//   - every table has a header row, written as <th scope="col"> (1.3.1);
//   - the navigation document lists at least one entry (EPUB: table of contents; 2.4.5).
// What holds by construction for every book folio writes, and is therefore not checked here:
//   - headings are heading elements at the levels of the source, also the guessed ones (1.3.1);
//   - one linear spine in document order, no CSS reordering: reading order (1.3.2);
//   - no scripts, forms, audio, video or animation (2.1, 2.2, 2.3; hazards: none);
//   - born-digital, with no print source: no page list is required (EPUB A11y 1.1 "Page
//     navigation" applies to publications with a statically paginated source);
//   - the shipped stylesheets set dark text on a light background and sizes in em (1.4.3,
//     1.4.4). A stylesheet the user gives with --style is the user's responsibility.
std::vector<std::string> accessibility_deficiencies(const AccessibilityFacts& f) {
    std::vector<std::string> out;
    if (f.lang.empty() || f.lang == "und") out.emplace_back("no-language");
    if (f.images_without_alt > 0) out.emplace_back("alt-missing");
    if (f.empty_headings > 0) out.emplace_back("empty-headings");
    if (f.tables_without_header > 0) out.emplace_back("tables-without-header");
    if (f.empty_links > 0) out.emplace_back("empty-links");
    if (f.toc_entries == 0) out.emplace_back("no-toc");
    return out;
}

bool conforms_to_epub_a11y(const AccessibilityFacts& f) { return accessibility_deficiencies(f).empty(); }

std::vector<std::string> accessibility_features(const AccessibilityFacts& f) {
    std::vector<std::string> out;
    // Structural navigation means headings to move between: a book whose body has none has
    // nothing but its title page to offer.
    if (f.headings > f.empty_headings) out.emplace_back("structuralNavigation");
    if (f.toc_entries > 0) out.emplace_back("tableOfContents");
    // One linear spine in document order (see accessibility_deficiencies).
    out.emplace_back("readingOrder");
    if (f.images > 0 && f.images_without_alt == 0) out.emplace_back("alternativeText");
    return out;
}

std::vector<std::string> access_modes_sufficient(const AccessibilityFacts& f) {
    // Text with pictures can always be read by seeing both; text alone suffices when every
    // picture has a text alternative.
    if (f.images == 0) return {"textual"};
    if (f.images_without_alt == 0) return {"textual", "textual,visual"};
    return {"textual,visual"};
}

LocalizedText accessibility_summary(const AccessibilityFacts& f) {
    const std::string primary = base::utf8::to_lower(std::string_view(f.lang).substr(0, f.lang.find('-')));
    std::string lang = "en";
    for (const char* l : summary_languages)
        if (primary == l) lang = l;
    std::string text;
    auto add = [&](std::string_view key) {
        if (!text.empty()) text += ' ';
        text.append(sentence(key, lang));
    };
    add(f.headings > f.empty_headings ? "headings" : "no-headings");
    if (f.footnotes) add("notes");
    if (f.images > 0 && f.images_without_alt == 0) add("alt-all");
    const auto deficiencies = accessibility_deficiencies(f);
    for (const auto& d : deficiencies) add(d);
    add(deficiencies.empty() ? "conforms" : "no-claim");
    return {std::move(text), std::move(lang)};
}

}  // namespace folio::epub
