// Unit tests for typographic normalisation: quotes per language, apostrophes, dashes, ellipsis,
// French spacing, code and URLs left alone, and the "no word changes" property.
#include <gtest/gtest.h>

#include <random>

#include "base/utf8.hpp"
#include "model/text.hpp"
#include "model/typography.hpp"

using namespace folio::model;
using folio::base::Diagnostics;

namespace {

Inline text(std::string s) { return Inline{Text{std::move(s)}, {}}; }

Document doc_of(std::string lang, Inlines content) {
    Document d;
    d.meta.lang = std::move(lang);
    d.blocks.push_back(Block{Paragraph{std::move(content)}, {1, 1}});
    return d;
}

/// Typesets one paragraph of plain text and returns its text.
std::string typeset(const std::string& lang, const std::string& s, TypographyOptions opts = {}) {
    Document d = doc_of(lang, {text(s)});
    Diagnostics diag;
    apply_typography(d, diag, opts);
    return plain_text(std::get<Paragraph>(d.blocks[0].node).content);
}

/// The same with the Markdown rules (`--` and `---` are dashes).
std::string typeset_md(const std::string& lang, const std::string& s) {
    return typeset(lang, s, {.ascii_dashes = true});
}

/// Quote shapes mapped back to straight ones, the typographic spaces next to punctuation
/// removed: what must be identical before and after typography.
std::vector<std::string> normalised_words(const std::string& s) {
    std::u32string cs;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = folio::base::utf8::decode(s, i);
        switch (c) {
            case '\'': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E:
            case 0x2018: case 0x2019: case 0x201A: c = '"'; break;
            case 0x2026: cs += U".."; c = '.'; break;
            case 0xA0: case 0x202F: c = ' '; break;
            case 0x2013: case 0x2014: c = '-'; break;
            default: break;
        }
        cs += c;
    }
    // Spaces before ; : ! ? and after/before quotes are typography, not word boundaries.
    std::string out;
    for (std::size_t i = 0; i < cs.size(); ++i) {
        if (cs[i] == ' ') {
            std::size_t j = i;
            while (j < cs.size() && cs[j] == ' ') ++j;
            const char32_t n = j < cs.size() ? cs[j] : U'\0';
            const char32_t p = i > 0 ? cs[i - 1] : U'\0';
            if (n == ';' || n == ':' || n == '!' || n == '?' || n == '"' || p == '"') {
                i = j - 1;
                continue;
            }
        }
        folio::base::utf8::append(out, cs[i]);
    }
    return split_words(out);
}

}  // namespace

TEST(Typography, ApostropheBetweenLetters) {
    EXPECT_EQ(typeset("fr", "L'homme d'aujourd'hui"), "L’homme d’aujourd’hui");
    EXPECT_EQ(typeset("en", "It's the students' turn, rock 'n' roll in the '90s"),
              "It’s the students’ turn, rock ’n’ roll in the ’90s");
}

TEST(Typography, EnglishQuotes) {
    EXPECT_EQ(typeset("en", "She said \"yes\" and 'maybe'."), "She said “yes” and ‘maybe’.");
}

TEST(Typography, GermanQuotes) {
    EXPECT_EQ(typeset("de", "Er sagte \"ja\" und 'vielleicht'."), "Er sagte „ja“ und ‚vielleicht‘.");
}

TEST(Typography, SpanishItalianPortugueseQuotes) {
    EXPECT_EQ(typeset("es", "Dijo \"sí\"."), "Dijo «sí».");
    EXPECT_EQ(typeset("it", "Disse \"sì\"."), "Disse «sì».");
    EXPECT_EQ(typeset("pt-BR", "Disse \"sim\"."), "Disse “sim”.");
}

TEST(Typography, FrenchQuotesWithNarrowSpaces) {
    EXPECT_EQ(typeset("fr", "Il a dit \"oui\"."), "Il a dit «\u202Foui\u202F».");
    // Existing guillemets: any spaces inside become one narrow no-break space.
    EXPECT_EQ(typeset("fr", "« oui »  et «non»"), "«\u202Foui\u202F»  et «\u202Fnon\u202F»");
    EXPECT_EQ(typeset("fr", "\" oui \""), "«\u202Foui\u202F»");
}

TEST(Typography, FrenchHighPunctuation) {
    EXPECT_EQ(typeset("fr", "Vraiment? Oui! Bon; enfin: voilà."),
              "Vraiment\u202F? Oui\u202F! Bon\u202F; enfin\u00A0: voilà.");
    EXPECT_EQ(typeset("fr", "Vraiment ? Note : ok"), "Vraiment\u202F? Note\u00A0: ok");
    EXPECT_EQ(typeset("fr", "Quoi?!"), "Quoi\u202F?!");
}

TEST(Typography, FrenchSpacingSparesTimesUrlsAndEmoticons) {
    EXPECT_EQ(typeset("fr", "Rendez-vous à 10:30 demain"), "Rendez-vous à 10:30 demain");
    EXPECT_EQ(typeset("fr", "Voir https://exemple.fr/page?x=1 et www.site.fr:8080!"),
              "Voir https://exemple.fr/page?x=1 et www.site.fr:8080!");
    EXPECT_EQ(typeset("fr", "Merci :) et ;-) bien"), "Merci :) et ;-) bien");
    EXPECT_EQ(typeset("fr", "Écrire à moi@exemple.fr: merci"), "Écrire à moi@exemple.fr: merci");
}

TEST(Typography, CanadianFrenchHasNoNarrowSpaceBeforeHighPunctuation) {
    EXPECT_EQ(typeset("fr-CA", "Vraiment? Note: ok"), "Vraiment? Note\u00A0: ok");
}

TEST(Typography, Ellipsis) {
    EXPECT_EQ(typeset("en", "Wait... what.... ok"), "Wait… what.... ok");
}

TEST(Typography, QuotesAcrossInlineNodes) {
    // "*emph*" — the quotes live in the Text nodes around the emphasis.
    Document d = doc_of("en", {text("He said \""), Inline{Emphasis{{text("never")}}, {}}, text("\" twice.")});
    Diagnostics diag;
    apply_typography(d, diag);
    const auto& c = std::get<Paragraph>(d.blocks[0].node).content;
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(std::get<Text>(c[0].node).text, "He said “");
    EXPECT_EQ(std::get<Text>(std::get<Emphasis>(c[1].node).children[0].node).text, "never");
    EXPECT_EQ(std::get<Text>(c[2].node).text, "” twice.");
    EXPECT_TRUE(diag.items().empty());
}

TEST(Typography, FrenchSpaceNodeBetweenGuillemetAndEmphasisIsMerged) {
    Document d = doc_of("fr", {text("« "), Inline{Emphasis{{text("oui")}}, {}}, text(" »")});
    Diagnostics diag;
    apply_typography(d, diag);
    const auto& c = std::get<Paragraph>(d.blocks[0].node).content;
    EXPECT_EQ(plain_text(c), "«\u202Foui\u202F»");
    for (const auto& x : c)
        if (const auto* t = std::get_if<Text>(&x.node)) {
            EXPECT_FALSE(t->text.empty());
        }
}

TEST(Typography, CodeAndLinkUrlsAreUntouched) {
    Document d = doc_of("fr", {text("Tapez "), Inline{Code{"echo \"a\"; ls"}, {}}, text(" puis "),
                               Inline{Link{"https://x.fr/?q=\"a\"", "", {text("ce \"lien\"")}}, {}}});
    Diagnostics diag;
    apply_typography(d, diag);
    const auto& c = std::get<Paragraph>(d.blocks[0].node).content;
    EXPECT_EQ(std::get<Code>(c[1].node).text, "echo \"a\"; ls");
    const auto& link = std::get<Link>(c[3].node);
    EXPECT_EQ(link.url, "https://x.fr/?q=\"a\"");
    EXPECT_EQ(plain_text(link.children), "ce «\u202Flien\u202F»");
}

TEST(Typography, CodeBlocksAreUntouched) {
    Document d;
    d.meta.lang = "fr";
    d.blocks.push_back(Block{CodeBlock{"sh", "echo \"it's\"; x..."}, {1, 1}});
    Diagnostics diag;
    apply_typography(d, diag);
    EXPECT_EQ(std::get<CodeBlock>(d.blocks[0].node).text, "echo \"it's\"; x...");
}

TEST(Typography, TitleAndFootnotesAreTypeset) {
    Document d;
    d.meta.lang = "fr";
    d.meta.title = "L'été";
    d.footnotes.push_back(Footnote{"1", {Block{Paragraph{{text("Voir \"ici\"")}}, {}}}, {}});
    Diagnostics diag;
    apply_typography(d, diag);
    EXPECT_EQ(d.meta.title, "L’été");
    EXPECT_EQ(plain_text(std::get<Paragraph>(d.footnotes[0].blocks[0].node).content), "Voir «\u202Fici\u202F»");
}

TEST(Typography, UnclosedQuoteIsNoted) {
    Document d = doc_of("en", {text("He said \"never and left.")});
    Diagnostics diag;
    apply_typography(d, diag);
    ASSERT_EQ(diag.items().size(), 1u);
    EXPECT_EQ(diag.items()[0].line, 1u);
}

TEST(Typography, ChangesNoWord) {
    const std::vector<std::string> samples = {
        "Il a dit \"oui\" : c'est l'été... Vraiment? Oui! À 10:30, voir https://a.fr/?x=1;y=2 :)",
        "« Bonjour » , dit-il ; puis : \" non \" !",
        "She said \"it's fine...\" and 'left' -- the '90s; ok? yes!",
        "Er sagte \"nein\", dann 'ja'. Wirklich?",
        "\"\"\" '' ... .. ;; :: !! ?? \" ' x\"y'z",
    };
    std::mt19937 rng(3);
    std::vector<std::string> all = samples;
    const std::string alphabet = "ab \"'.:;!?-()«»";
    for (int k = 0; k < 300; ++k) {
        std::string s;
        for (int i = 0; i < 40; ++i) {
            const std::size_t pick = rng() % 15;
            s += pick < 13 ? std::string(1, alphabet[pick]) : (pick == 13 ? "«" : "»");
        }
        all.push_back(s);
    }
    for (const std::string lang : {"fr", "en", "de", "es", "it", "pt", ""}) {
        for (const auto& s : all) {
            const std::string out = typeset(lang, s);
            EXPECT_EQ(normalised_words(out), normalised_words(s)) << lang << ": [" << s << "] → [" << out << "]";
        }
    }
}

TEST(Typography, LiteralAndSymbolQuotes) {
    EXPECT_EQ(typeset("en", "code points U+0022 (\"), U+003C (<)"), "code points U+0022 (\"), U+003C (<)");
    EXPECT_EQ(typeset("en", "a \" b"), "a \" b");
    EXPECT_EQ(typeset("en", "starts with \"/\", \"./\" or \"-\" here"), "starts with “/”, “./” or “-” here");
}

// ---------------------------------------------------------------- dashes

TEST(Typography, SpacedHyphenBetweenWordsBecomesADash) {
    // The no-break space keeps the dash at the end of a line, never at the start of the next.
    EXPECT_EQ(typeset("en", "It was late - too late."), "It was late\u00A0– too late.");
    EXPECT_EQ(typeset("fr", "Il est - dit-on - malade."), "Il est\u00A0– dit-on\u00A0– malade.");
    EXPECT_EQ(typeset("de", "Er kam - spät - an."), "Er kam\u00A0– spät\u00A0– an.");
    EXPECT_EQ(typeset("es", "Llegó - tarde - a casa."), "Llegó\u00A0– tarde\u00A0– a casa.");
    EXPECT_EQ(typeset("it", "Arrivò - tardi - a casa."), "Arrivò\u00A0– tardi\u00A0– a casa.");
    // Portuguese sets its travessão as a spaced em dash.
    EXPECT_EQ(typeset("pt-BR", "Chegou - tarde - em casa."), "Chegou\u00A0— tarde\u00A0— em casa.");
    // After a closing quote or bracket, and before an opening one.
    EXPECT_EQ(typeset("en", "(yes) - \"no\""), "(yes)\u00A0– “no”");
    // Several spaces (or a no-break one already) before the dash become one no-break space.
    EXPECT_EQ(typeset("en", "a  - b"), "a\u00A0– b");
    EXPECT_EQ(typeset("en", "a\u00A0- b"), "a\u00A0– b");
}

TEST(Typography, HyphensThatAreNotSpacedDashesStay) {
    EXPECT_EQ(typeset("en", "a well-known self-made man"), "a well-known self-made man");
    EXPECT_EQ(typeset("en", "from -3 to -1, a -b and a- b"), "from -3 to -1, a -b and a- b");
    // A paragraph or line that begins with "- " is a list or dialogue mark: nothing is invented.
    EXPECT_EQ(typeset("en", "- first item"), "- first item");
    EXPECT_EQ(typeset("fr", "- Bonjour, dit-il."), "- Bonjour, dit-il.");
    EXPECT_EQ(typeset("en", "ends with -"), "ends with -");
    Document d = doc_of("en", {text("one"), Inline{LineBreak{}, {}}, text("- two")});
    Diagnostics diag;
    apply_typography(d, diag);
    EXPECT_EQ(std::get<Text>(std::get<Paragraph>(d.blocks[0].node).content[2].node).text, "- two");
    // In article text "--" is left as typed (often an option name that lost its code markup).
    EXPECT_EQ(typeset("en", "use --verbose, a -- b, c---d"), "use --verbose, a -- b, c---d");
    // URLs keep their hyphens.
    EXPECT_EQ(typeset("en", "see https://a.org/x - y/ and www.a-b.org - z"),
              "see https://a.org/x\u00A0– y/ and www.a-b.org\u00A0– z");
}

TEST(Typography, TypedSpacedDashesGetANoBreakSpace) {
    EXPECT_EQ(typeset("en", "late – too late — really"), "late\u00A0– too late\u00A0— really");
    // Unspaced dashes and the Spanish raya set against its aside are not spaced dashes.
    EXPECT_EQ(typeset("en", "1990–2000 and word—word"), "1990–2000 and word—word");
    EXPECT_EQ(typeset("es", "—Hola —dijo él—. Bien."), "—Hola —dijo él—. Bien.");
}

TEST(Typography, MarkdownAsciiDashes) {
    EXPECT_EQ(typeset_md("en", "pages 10--20, wait---what"), "pages 10–20, wait—what");
    EXPECT_EQ(typeset_md("en", "a -- b --- c"), "a\u00A0– b\u00A0— c");
    EXPECT_EQ(typeset_md("fr", "oui -- non"), "oui\u00A0– non");
    // Four hyphens or more are left alone, as are URLs and code.
    EXPECT_EQ(typeset_md("en", "a ---- b"), "a ---- b");
    EXPECT_EQ(typeset_md("en", "see https://a.org/a--b"), "see https://a.org/a--b");
    Document d = doc_of("en", {text("run "), Inline{Code{"ls --all"}, {}}, text(" -- done")});
    Diagnostics diag;
    apply_typography(d, diag, {.ascii_dashes = true});
    const auto& c = std::get<Paragraph>(d.blocks[0].node).content;
    EXPECT_EQ(std::get<Code>(c[1].node).text, "ls --all");
    EXPECT_EQ(std::get<Text>(c[2].node).text, "\u00A0– done");
}

// ---------------------------------------------------------------- quote direction

TEST(Typography, OpeningQuoteAfterInvertedMarksAndBrackets) {
    EXPECT_EQ(typeset("es", "la campaña \"¿Dinero Público?\" y \"¡Basta!\""),
              "la campaña «¿Dinero Público?» y «¡Basta!»");
    EXPECT_EQ(typeset("es", "¿\"Dinero\"? ¡\"Ya\"!"), "¿«Dinero»? ¡«Ya»!");
    EXPECT_EQ(typeset("en", "(\"a\") [\"b\"]"), "(“a”) [“b”]");
    // After an elided article's apostrophe.
    EXPECT_EQ(typeset("fr", "l'\"expert\" et d'\"autres\""), "l’«\u202Fexpert\u202F» et d’«\u202Fautres\u202F»");
}

TEST(Typography, UnclosedQuoteDoesNotReverseLaterQuotes) {
    // The real case: a quote never closed earlier in the paragraph.
    EXPECT_EQ(typeset("es", "Dijo \"nunca y luego la campaña \"¿Dinero Público?\" empezó."),
              "Dijo «nunca y luego la campaña «¿Dinero Público?» empezó.");
    EXPECT_EQ(typeset("en", "He said \"never and then \"(yes)\" twice."),
              "He said “never and then “(yes)” twice.");
    EXPECT_EQ(typeset("en", "a \"b and \"c\" d"), "a “b and “c” d");
}

TEST(Typography, QuoteAtParagraphStartOpensWhateverCameBefore) {
    Document d;
    d.meta.lang = "es";
    d.blocks.push_back(Block{Paragraph{{text("Uno \"abierto.")}}, {1, 1}});
    d.blocks.push_back(Block{Paragraph{{text("\"¿Dos?\" dijo.")}}, {3, 1}});
    d.blocks.push_back(Block{Heading{2, {text("\"Tres\"")}, {}}, {5, 1}});
    Diagnostics diag;
    apply_typography(d, diag);
    EXPECT_EQ(plain_text(std::get<Paragraph>(d.blocks[1].node).content), "«¿Dos?» dijo.");
    EXPECT_EQ(plain_text(std::get<Heading>(d.blocks[2].node).content), "«Tres»");
}

// ---------------------------------------------------------------- apostrophes

TEST(Typography, LeadingApostrophesOfElisionsAndYears) {
    EXPECT_EQ(typeset("en", "rock 'n' roll, fish 'n chips"), "rock ’n’ roll, fish ’n chips");
    EXPECT_EQ(typeset("en", "'Tis the season; 'twas night"), "’Tis the season; ’twas night");
    EXPECT_EQ(typeset("en", "get 'em 'cause 'til then"), "get ’em ’cause ’til then");
    EXPECT_EQ(typeset("en", "the '90s and '20s"), "the ’90s and ’20s");
    // Inside single quotes, 'n' does not close the outer quotation.
    EXPECT_EQ(typeset("en", "'rock 'n' roll'"), "‘rock ’n’ roll’");
    EXPECT_EQ(typeset("en", "He said \"'Tis so\"."), "He said “’Tis so”.");
}

TEST(Typography, ApostropheAfterClosingBracket) {
    EXPECT_EQ(typeset("en", "Stallman (RMS)'s view and [sic]'s use"), "Stallman (RMS)’s view and [sic]’s use");
}

TEST(Typography, QuotedWordsThatLookLikeElisionsStayQuoted) {
    EXPECT_EQ(typeset("en", "'Emma' and 'tisane' and 'causes'"), "‘Emma’ and ‘tisane’ and ‘causes’");
    EXPECT_EQ(typeset("de", "'Tisch'"), "‚Tisch‘");
}
