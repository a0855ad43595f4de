// Unit tests for the article reader: word classes, crumbs, structure, and the seed rebuilt exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/io.hpp"
#include "model/text.hpp"
#include "parse/article/build.hpp"
#include "parse/article/words.hpp"
#include "parse/reader.hpp"
#include "parse/article/vocabulary.hpp"

using namespace folio;
using namespace folio::parse::article;

namespace {

std::vector<std::string> leaf_texts(const model::Blocks& bs) {
    std::vector<std::string> out;
    for (const auto& b : bs) {
        if (const auto* p = std::get_if<model::Paragraph>(&b.node)) out.push_back(model::plain_text(p->content));
        else if (const auto* h = std::get_if<model::Heading>(&b.node)) out.push_back(model::plain_text(h->content));
        else if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) { auto v = leaf_texts(q->blocks); out.insert(out.end(), v.begin(), v.end()); }
        else if (const auto* l = std::get_if<model::BulletList>(&b.node)) for (const auto& it : l->items) { auto v = leaf_texts(it.blocks); out.insert(out.end(), v.begin(), v.end()); }
        else if (const auto* o = std::get_if<model::OrderedList>(&b.node)) for (const auto& it : o->items) { auto v = leaf_texts(it.blocks); out.insert(out.end(), v.begin(), v.end()); }
    }
    return out;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The title and blocks of a clean text of the real-text corpus (tests/corpus/real/NAME).
std::vector<std::string> clean_lines(const std::string& name) {
    std::istringstream clean(slurp(std::string(FOLIO_TEST_DATA) + "/corpus/real/" + name));
    std::vector<std::string> out;
    for (std::string line; std::getline(clean, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

}  // namespace

TEST(ArticleWords, LexiconCountsShortSentences) {
    // Prose: long sentences only. Dialogue: many one-word answers. The share of one-word
    // sentences follows the document, starting from what prose usually has.
    std::vector<std::string> prose_words, dialogue_words;
    for (int k = 0; k < 60; ++k) {
        for (std::string_view w : {"The", "bridge", "was", "built", "in", "stone", "over", "many", "years."})
            prose_words.emplace_back(w);
        for (std::string_view w : {"Yes.", "Nope.", "Really?", "She", "said", "it", "twice."}) dialogue_words.emplace_back(w);
    }
    auto views = [](const std::vector<std::string>& ws) { return std::vector<std::string_view>(ws.begin(), ws.end()); };
    Lexicon prose, dialogue;
    prose.learn(views(prose_words));
    dialogue.learn(views(dialogue_words));
    EXPECT_LT(prose.short_sentence_share(1), 0.01);
    EXPECT_GT(dialogue.short_sentence_share(1), 0.4);
    EXPECT_LT(dialogue.short_sentence_share(2), 0.02);
    EXPECT_DOUBLE_EQ(prose.short_sentence_share(Lexicon::short_sentence_words + 1), 1.0);
}

TEST(ArticleWords, LexiconLearnsSentenceLengthsInsideBlocks) {
    // Sentences of nine words, seen whole: nine words is the likeliest length, and a sentence of
    // forty is far less likely than one of twenty. The first sentence of each block (it may be
    // a cut paragraph's rest) is not counted.
    std::vector<std::string> words;
    std::vector<std::uint8_t> starts;
    for (int b = 0; b < 30; ++b)
        for (int s = 0; s < 3; ++s)
            for (std::string_view w : {"The", "bridge", "was", "built", "in", "stone", "over", "many", "years."}) {
                starts.push_back(words.empty() || (s == 0 && w == "The") ? 1 : 0);
                words.emplace_back(w);
            }
    Lexicon lex;
    lex.learn(std::vector<std::string_view>(words.begin(), words.end()), starts);
    EXPECT_LT(lex.sentence_length_cost(9), lex.sentence_length_cost(5));
    EXPECT_LT(lex.sentence_length_cost(9), lex.sentence_length_cost(14));
    EXPECT_GT(lex.sentence_length_cost(40) - lex.sentence_length_cost(20), 2.0);
    // With no sentences seen, prose's usual lengths: 17 words is likelier than 3 or 60.
    const Lexicon empty;
    EXPECT_LT(empty.sentence_length_cost(17), empty.sentence_length_cost(3));
    EXPECT_LT(empty.sentence_length_cost(17), empty.sentence_length_cost(60));
}

TEST(ArticleWords, ABlockStartIsNotAMidSentenceCapital) {
    // A cut head ends on a plain word and the next block starts a paragraph: "Damit" there is a
    // sentence start, not a name seen inside a sentence. "Berlin" after "in" is one.
    const std::vector<std::string_view> words{"Wir", "fahren", "in", "Berlin", "mit", "dem", "Zug", "nach",
                                              "Damit", "kommen", "wir", "an."};
    const std::vector<std::uint8_t> starts{1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
    Lexicon lex;
    lex.learn(words, starts);
    EXPECT_TRUE(lex.is_proper_noun("Berlin"));
    EXPECT_FALSE(lex.is_proper_noun("Damit"));
}

TEST(ArticleWords, ACapitalAfterFootnoteNumbersStartsASentence) {
    // Copied wiki text keeps its footnote numbers: "preso.39 40" ends a sentence, twice marked,
    // and "Consulte" after it is a sentence start in the intact text and in the spill alike.
    // "Lisboa" after a plain word is a name.
    Lexicon lex;
    lex.learn({"O", "texto", "fica", "preso.39", "40", "Consulte", "o", "guia", "em", "Lisboa", "hoje."}, {1});
    EXPECT_FALSE(lex.is_proper_noun("Consulte"));
    EXPECT_TRUE(lex.is_proper_noun("Lisboa"));
    Lexicon spill;
    spill.learn_spill_names({"ficou", "preso.39", "40", "Consulte", "o", "guia", "em", "Lisboa."});
    EXPECT_FALSE(spill.is_proper_noun("Consulte"));
    EXPECT_TRUE(spill.is_proper_noun("Lisboa."));
}

TEST(ArticleWords, NoBreakSpacesGlueTheMarksTheySetApart) {
    // French sets its marks apart with no-break spaces, which keep them in the word: the word
    // reads as if they were glued to it.
    EXPECT_EQ(classify_word("fin.\u00A0»").end, WordEnd::Final);
    EXPECT_EQ(classify_word("vraiment\u202F!").end, WordEnd::Final);
    EXPECT_EQ(classify_word("suivant\u00A0:").end, WordEnd::Colon);
    EXPECT_EQ(classify_word("«\u00A0Bonjour").start, WordStart::Open);
    EXPECT_EQ(word_core("«\u00A0Bonjour\u00A0»"), "Bonjour");
    EXPECT_EQ(classify_word("14\u00A0mars").end, WordEnd::Plain);
}

TEST(ArticleWords, QuickReadingsAgreeWithTheFullOnes) {
    // classify_word and word_core read words of letters and digits (ASCII or two-byte accented
    // ones, with an inner ’) and at most one mark after them off their first unit and last
    // byte; on every word of the real-text corpus, and on words made to probe the edges, they
    // answer as the full readings do.
    std::vector<std::string> words = {"a", "Z", "0", "9x", "x9", "A,", "b;", "C:", "d!", "e?", "1,", "2024:", "Ok?", ",", ":", "!",
                                      "a,,", "a!?", "word.", "U.S.", "etc.", "(a", "a)", "a\"", "\"a", "mundo.185", "a-b", "a'b",
                                      "café", "Évian", "été.", "×2", "ß", "l’été", "l’", "’a", "’", "aujourd’hui.", "Ça,", "É.",
                                      "Ñ", "3.", "z.B.", "Kč", "Ωmega", "ça»", "«ça", "a\u00A0!", "¿Qué", "año¹", "1×2.", "Jr."};
    namespace fs = std::filesystem;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(FOLIO_TEST_DATA) / "corpus" / "real")) {
        if (e.path().extension() != ".txt") continue;
        std::ifstream in(e.path());
        for (std::string w; in >> w;) words.push_back(w);
    }
    ASSERT_GT(words.size(), 100000u);
    std::size_t fast = 0;
    for (const auto& w : words) {
        const WordInfo a = classify_word(w), b = classify_word_fully(w);
        ASSERT_EQ(a.end, b.end) << w;
        ASSERT_EQ(a.start, b.start) << w;
        ASSERT_EQ(a.exclaim, b.exclaim) << w;
        ASSERT_EQ(std::memcmp(&a.balance, &b.balance, sizeof(Balance)), 0) << w;
        ASSERT_EQ(word_core(w), word_core_fully(w)) << w;
        fast += std::all_of(w.begin(), w.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == ',' || c == ';'; });
    }
    EXPECT_GT(fast, words.size() / 2);  // the fast path is the common one
}

TEST(ArticleWords, TheLastWordsOfATextAreItsSplitsLastWords) {
    for (std::string_view s : {"", " ", "a", "a b", "  a\tb  c ", "un  deux\t\ttrois quatre", "x\u00A0y z"}) {
        const auto all = split_ascii_words(s);
        for (std::size_t n = 0; n <= all.size() + 1; ++n) {
            const auto last = split_ascii_words(last_ascii_words(s, n));
            const std::size_t from = all.size() - std::min(n, all.size());
            EXPECT_EQ(last, std::vector<std::string_view>(all.begin() + static_cast<std::ptrdiff_t>(from), all.end())) << s << " " << n;
        }
    }
}

TEST(ArticleWords, AWordsCoreLeavesItsFootnoteMarkerOut) {
    // The core names the word for the word list, the names and the topic words: "Paris.12" is
    // "Paris" as "Paris." is, and so is "Paris.[3]". A number of its own stays one.
    EXPECT_EQ(word_core("Paris.12"), "Paris");
    EXPECT_EQ(word_core("Paris.[3]"), "Paris");
    EXPECT_EQ(word_core("«Paris»."), "Paris");
    EXPECT_EQ(word_core("1990."), "1990");
    EXPECT_EQ(word_core("v2.0"), "v2.0");
}

TEST(ArticleWords, TheSpillNamesWhatItCapitalisesInsideASentence) {
    // Tails end on sentence ends, so a capital right after a plain word in the spill is inside a
    // sentence: a name. One after a sentence end is not.
    Lexicon lex;
    lex.learn_spill_names({"wohnte", "in", "Potsdam", "bis", "1990.", "Danach", "zog", "sie", "um."});
    EXPECT_TRUE(lex.is_proper_noun("Potsdam"));
    EXPECT_FALSE(lex.is_proper_noun("Danach"));
}

TEST(ArticleWords, GluedGuillemetsOpenAtTheStartAndCloseAtTheEnd) {
    // German »…«, Spanish «…»: glued to the word, either mark opens at its start and closes at
    // its end. Set apart (French spacing), « opens and » closes.
    EXPECT_EQ(classify_word("Erzieher.«").end, WordEnd::Final);
    EXPECT_EQ(classify_word("»Ich").start, WordStart::Open);
    EXPECT_EQ(classify_word("«Así").start, WordStart::Open);
    EXPECT_EQ(classify_word("«").start, WordStart::Open);
    EXPECT_EQ(classify_word("«").end, WordEnd::Open);
    EXPECT_EQ(classify_word("»").start, WordStart::Closer);
}

TEST(ArticleWords, LexiconLearnsHowOftenDialogueGoesOnAfterAQuestion) {
    // "Auf! esclamò": in dialogue a question or exclamation mark is often followed by a
    // lower-case word; in other prose hardly ever. A full stop does not count.
    std::vector<std::string> dialogue_words, prose_words;
    for (int k = 0; k < 20; ++k) {
        for (std::string_view w : {"Auf!", "esclamò", "il", "vecchio.", "Dove?", "chiese", "lei."}) dialogue_words.emplace_back(w);
        for (std::string_view w : {"Why?", "Nobody", "knew.", "It", "rained.", "then", "stopped."}) prose_words.emplace_back(w);
    }
    auto views = [](const std::vector<std::string>& ws) { return std::vector<std::string_view>(ws.begin(), ws.end()); };
    Lexicon dialogue, prose;
    dialogue.learn(views(dialogue_words));
    prose.learn(views(prose_words));
    EXPECT_GT(dialogue.exclaim_lower_rate(), 0.8);
    EXPECT_LT(prose.exclaim_lower_rate(), 0.01);
    EXPECT_TRUE(classify_word("minuti?»").exclaim);
    EXPECT_FALSE(classify_word("minuti.").exclaim);
}

TEST(ArticleWords, SentenceEnds) {
    EXPECT_EQ(classify_word("défis.").end, WordEnd::Final);
    EXPECT_EQ(classify_word("(CRS).").end, WordEnd::Final);
    EXPECT_EQ(classify_word("(CRS)").end, WordEnd::Plain);
    EXPECT_EQ(classify_word("Dr.").end, WordEnd::Abbrev);
    EXPECT_EQ(classify_word("e.g.").end, WordEnd::Abbrev);
    EXPECT_EQ(classify_word("etc.").end, WordEnd::Ambiguous);
    EXPECT_EQ(classify_word("fin.»").end, WordEnd::Final);
    EXPECT_EQ(classify_word("traitement.[12]").end, WordEnd::Final);
    EXPECT_EQ(classify_word("patients,").end, WordEnd::Pause);
    EXPECT_EQ(classify_word("[3]").end, WordEnd::PunctOnly);
    EXPECT_EQ(classify_word("[3]").start, WordStart::Closer);
    EXPECT_EQ(classify_word("(voir").start, WordStart::Open);
    EXPECT_EQ(classify_word("»").end, WordEnd::PunctOnly);
    EXPECT_EQ(classify_word("«Bonjour").start, WordStart::Open);
    EXPECT_EQ(classify_word("des").start, WordStart::Lower);
    EXPECT_TRUE(is_function_word("de"));
    EXPECT_TRUE(is_function_word("The"));
    EXPECT_FALSE(is_function_word("patients"));
    // Prepositions and conjunctions link; only conjunctions may be followed by a preposition.
    EXPECT_TRUE(word_roles("und").is_linking());
    EXPECT_TRUE(word_roles("und").is_conjunction());
    EXPECT_TRUE(word_roles("zu").is_linking());
    EXPECT_FALSE(word_roles("zu").is_conjunction());
    EXPECT_FALSE(word_roles("Haus").is_linking());
}

TEST(ArticleBuild, CrumbsTitleAndParagraphs) {
    base::Diagnostics d;
    auto doc = build_article("Accueil › Santé\n\nLe titre\n\nUn paragraphe complet ici.\n\nUn autre qui est\ncoupé en deux lignes.\n", d);
    EXPECT_EQ(doc.meta.title, "Le titre");
    ASSERT_EQ(doc.meta.removed.size(), 1u);
    EXPECT_EQ(doc.meta.removed[0].text, "Accueil › Santé");
    EXPECT_EQ(doc.meta.removed[0].reason, "breadcrumb");
    EXPECT_EQ(doc.meta.removed[0].pos.line, 1u);
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1], "Un autre qui est coupé en deux lignes.");
    EXPECT_EQ(doc.blocks[1].pos.line, 7u);
}

TEST(ArticleBuild, CrumbLinesInTheTitleBlock) {
    base::Diagnostics d;
    auto doc = build_article("Startseite\nWissen\nWarum der Himmel blau ist\n\nDas Licht der Sonne enthält alle Farben des Spektrums.\n", d);
    EXPECT_EQ(doc.meta.title, "Warum der Himmel blau ist");
    ASSERT_EQ(doc.meta.removed.size(), 2u);
    EXPECT_EQ(doc.meta.removed[1].text, "Wissen");
    EXPECT_EQ(doc.meta.removed[1].pos.line, 2u);
    // A title followed directly by its body keeps both.
    auto joined = build_article("Home\nTitle\nThe first paragraph follows the title on the next line here.\n", d);
    EXPECT_EQ(joined.meta.title, "Title");
    EXPECT_EQ(joined.blocks.size(), 1u);
    // Several crumb blocks.
    auto blocks = build_article("Inicio\n\nCiudades\n\nValencia y su huerta\n\nValencia está rodeada por una huerta que abastece a la ciudad.\n", d);
    EXPECT_EQ(blocks.meta.title, "Valencia y su huerta");
    EXPECT_EQ(blocks.meta.removed.size(), 2u);
}

TEST(ArticleBuild, OneParagraphPerLongLine) {
    base::Diagnostics d;
    const std::string p1(230, 'a');
    auto doc = build_article("T\n" + p1 + " de la\nSecond paragraph on its own line, which is long enough to exceed any wrapping width used by a text editor or an e-mail client, so it cannot be a wrapped line.\nsuite.\nfin\nici.\n", d);
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0], p1 + " de la suite. fin ici.");
}

TEST(ArticleBuild, WrappedParagraphsWithoutBlankLines) {
    base::Diagnostics d;
    auto doc = build_article("T\n\nThe first paragraph is wrapped at forty\ncharacters and ends here.\nThe second one follows at once and is\nwrapped in the same way as the first.\nA short one.\nLast.\n", d);
    EXPECT_EQ(leaf_texts(doc.blocks), (std::vector<std::string>{
        "The first paragraph is wrapped at forty characters and ends here.",
        "The second one follows at once and is wrapped in the same way as the first.",
        "A short one.", "Last."}));
}

TEST(ArticleBuild, HyphenationUndoneOnlyForWords) {
    base::Diagnostics d;
    auto doc = build_article("T\n\nL’immuno-\nthérapie cible PD-\nL1 et la COVID-\n19 chez des pa-\ntients.\n", d);
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0], "L’immunothérapie cible PD-L1 et la COVID-19 chez des patients.");
}

TEST(ArticleBuild, ListsQuotesAndHeadings) {
    base::Diagnostics d;
    auto doc = build_article("Title\n\nIntro paragraph that ends here.\n\nWhat changes\n\nSome text follows here.\n\n- first item\n- second item\n\n1. one\n2) two\n\n> A quoted line\n> that continues.\n", d);
    ASSERT_EQ(doc.blocks.size(), 6u);
    EXPECT_TRUE(std::holds_alternative<model::Heading>(doc.blocks[1].node));
    EXPECT_TRUE(std::holds_alternative<model::BulletList>(doc.blocks[3].node));
    EXPECT_TRUE(std::holds_alternative<model::BlockQuote>(doc.blocks[5].node));
    const auto t = leaf_texts(doc.blocks);
    EXPECT_EQ(t.back(), "A quoted line that continues.");
}

TEST(ArticleBuild, NoSpillNoChange) {
    base::Diagnostics d;
    auto doc = build_article("Home\n\nT\n\nOne.\n\nTwo.\n", d);
    EXPECT_EQ(doc.meta.title, "T");
    EXPECT_EQ(leaf_texts(doc.blocks), (std::vector<std::string>{"One.", "Two."}));
}

TEST(ArticleBuild, AFirstLineLongerThanAnyTitleIsTheFirstParagraph) {
    // A scrape that lost its title line: the first line after the crumb is a paragraph of 41
    // words, longer than any title (the real-text corpus's longest has 35), and stays one.
    base::Diagnostics d;
    const std::string first =
        "Le projet de loi sur la transition énergétique a été adopté hier soir par l’Assemblée nationale après des semaines de "
        "débats souvent vifs entre la majorité et l’opposition, qui dénonce un texte trop timide sur les énergies renouvelables "
        "et la rénovation des logements anciens.";
    auto doc = build_article("Home\n\n" + first + "\n\nLes députés ont voté le texte par 312 voix contre 198.\n", d);
    EXPECT_EQ(doc.meta.title, "");
    EXPECT_EQ(leaf_texts(doc.blocks), (std::vector<std::string>{first, "Les députés ont voté le texte par 312 voix contre 198."}));
    // A long title of 35 words is still one.
    const std::string title = "Un titre très long de trente-cinq mots qui décrit en détail le sujet de l’article sur la transition énergétique "
                              "et les débats à l’Assemblée nationale entre la majorité et l’opposition hier";
    ASSERT_LE(model::split_words(title).size(), 40u);
    auto titled = build_article("Home\n\n" + title + "\n\nLes députés ont voté le texte par 312 voix contre 198.\n", d);
    EXPECT_EQ(titled.meta.title, title);
}

TEST(ArticleSeed, RebuildsExactly) {
    const std::string bytes = slurp(std::string(FOLIO_SOURCE_DIR) + "/tests/corpus/articles/seed.txt");
    ASSERT_FALSE(bytes.empty());
    base::Diagnostics d;
    parse::ReadOptions opts;
    opts.smart = false;
    auto doc = parse::read_article(bytes, opts, d);
    EXPECT_EQ(doc.meta.title, "immunothérapie");
    EXPECT_EQ(doc.meta.lang, "fr");
    ASSERT_EQ(doc.meta.removed.size(), 1u);
    EXPECT_EQ(doc.meta.removed[0].text, "Home");
    const std::vector<std::string> want{
        "L’immunothérapie désigne un ensemble de traitements qui utilisent ou modulent le système immunitaire pour lutter contre une maladie. Bien que le terme recouvre des indications variées, son emplacement majeur est le traitement du cancer, mais il s’applique aussi à certaines infections et affections auto-immunes.",
        "Les immunothérapies se divisent en immunothérapie active et immunothérapie passive. L’immunothérapie active vise à stimuler la réponse immunitaire du patient, par exemple à travers des vaccins thérapeutiques ou des agents qui renforcent les fonctions des lymphocytes. L’immunothérapie passive fournit des composants immunitaires préfabriqués, comme des anticorps monoclonaux, des thérapies par cytokines ou des cellules immunitaires adoptives telles que les CAR-T.",
        "Les différents mécanismes incluent la reconnaissance accrue des cellules tumorales par les lymphocytes, le blocage de signaux inhibiteurs qui empêchent l’immunité d’agir (inhibiteurs de points de contrôle, ex PD-1, PD-L1 et CTLA-4), et l’utilisation de cellules ou d’anticorps guidant directement les effecteurs immunitaires vers les cibles.",
        "Dans l’oncologie, les inhibiteurs de points de contrôle et les CAR-T ont transformé certains cancers; dans les maladies auto-immunes, des anticorps ciblant des composants immunitaires (Rituximab, abatacept) sont utilisés; dans les infections, des anticorps neutralisants et, plus récemment, des vaccins et des thérapies antivirales.",
        "L’efficacité varie selon les patients et les types de cancer. Les effets indésirables sont liés à une hyperactivité immunitaire et peuvent inclure des événements inflammatoires tels que colite, dermatite et endocrinopathies; les CAR-T peuvent provoquer une toxicité neurologique et un syndrome de libération de cytokines (CRS). Le coût et l’accès restent des défis.",
        "La recherche se poursuit en explorant des combinaisons, des thérapies personnalisées basées sur des biomarqueurs et des améliorations de la sécurité et de l’accès, afin d’étendre les bénéfices de l’immunothérapie à davantage de patients."};
    EXPECT_EQ(leaf_texts(doc.blocks), want);
    for (const auto& b : doc.blocks) EXPECT_GT(b.pos.line, 0u);
}

TEST(ArticleBuild, HugeSpillKeepsEveryWord) {
    std::string text = "T\n\nA cut paragraph of the\n\n";
    constexpr int spilled = 50000;
    for (int i = 0; i < spilled; ++i) {
        text += 'w';
        text += std::to_string(i);
        text += '\n';
    }
    base::Diagnostics d;
    auto doc = build_article(text, d);
    const auto words = model::body_words(doc);
    ASSERT_EQ(words.size(), 5u + spilled);
    EXPECT_EQ(words[5], "w0");
    EXPECT_EQ(words.back(), "w49999");
}

TEST(ArticleBuild, LoneLastWordIsAParagraphWhenNothingIsCut) {
    base::Diagnostics d;
    auto doc = build_article("T\n\nA complete paragraph.\n\nFin.\n", d);
    EXPECT_EQ(leaf_texts(doc.blocks), (std::vector<std::string>{"A complete paragraph.", "Fin."}));
    auto cut = build_article("T\n\nA paragraph that lost its\n\nend.\n", d);
    EXPECT_EQ(leaf_texts(cut.blocks), (std::vector<std::string>{"A paragraph that lost its end."}));
}

TEST(ArticleBuild, DegenerateInputs) {
    base::Diagnostics d;
    EXPECT_TRUE(build_article("", d).blocks.empty());
    EXPECT_TRUE(build_article(" \n\n", d).blocks.empty());
    auto only = build_article("Home\n", d);
    EXPECT_EQ(only.meta.title, "Home");
    auto spill_only = build_article("T\n\na\nb\nc\n", d);
    EXPECT_EQ(leaf_texts(spill_only.blocks), (std::vector<std::string>{"a b c"}));
    EXPECT_EQ(d.count(base::Severity::Warning), 1u);
}

TEST(ArticleBuild, ResidueRemovedWithReason) {
    base::Diagnostics d;
    auto doc = build_article("Home > News\n\nTitle\n\nFirst paragraph here.\n\nShare this article\n\nLast one.\n", d);
    ASSERT_EQ(doc.meta.removed.size(), 2u);
    EXPECT_EQ(doc.meta.removed[1].reason, "share-link");
    EXPECT_EQ(doc.meta.removed[1].pos.line, 7u);
    EXPECT_EQ(leaf_texts(doc.blocks).size(), 2u);
}

TEST(ArticleBuild, UncertainBoundariesAreReported) {
    base::Diagnostics d;
    // Two heads cut after a function word and a spill with no sentence end between their tails.
    build_article("T\n\nThe river runs along the\n\nThe road goes past the\n\nold\nmill\nand\nthe\nbridge\ntowards\nthe\ntown.\n", d);
    EXPECT_GE(d.count(base::Severity::Warning), 1u);
}

TEST(ArticleSeed, DecisiveBoundariesRaiseNoWarning) {
    const std::string bytes = slurp(std::string(FOLIO_SOURCE_DIR) + "/tests/corpus/articles/seed.txt");
    base::Diagnostics d;
    parse::ReadOptions opts;
    parse::read_article(bytes, opts, d);
    for (const auto& x : d.items()) ADD_FAILURE() << base::format(x);
}

TEST(ArticleBuild, RandomDocumentsKeepEveryWord) {
    // Deterministic random documents mixing crumbs, lists, quotes, wrapped lines, punctuation
    // and spills: the words of the body always come out exactly once.
    const std::vector<std::string> vocab{"le", "de", "the", "of", "und", "Paris", "Dr.", "e.g.", "etc.", "fin.",
                                         "(voir", "note)", "«", "»", "?", "—", "[1]", "x-", "y", "3.", "A,",
                                         "z.", "B.", "mot", "Wort", "palabra:", "…", "\"cita\"", "12", "-", "> q"};
    std::uint64_t s = 7;
    auto next = [&](std::uint64_t n) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>((s >> 33) % n);
    };
    constexpr int documents = 300;
    for (int doc_i = 0; doc_i < documents; ++doc_i) {
        std::string text = next(2) ? "Home\n\n" : "";
        text += "Title words\n\n";
        const std::size_t blocks = 1 + next(6);
        for (std::size_t b = 0; b < blocks; ++b) {
            const std::size_t lines = 1 + next(3);
            for (std::size_t l = 0; l < lines; ++l) {
                if (next(4) == 0) text += "- ";
                const std::size_t words = 1 + next(12);
                for (std::size_t w = 0; w < words; ++w) {
                    if (w) text += ' ';
                    const std::string& word = vocab[next(vocab.size())];
                    text += w == 0 && word == "3." ? "mot" : word;  // "3. " opening a line is a list marker
                }
                text += '\n';
            }
            text += '\n';
        }
        const std::size_t spill = next(40);
        for (std::size_t w = 0; w < spill; ++w) {
            std::string word = vocab[next(vocab.size())];
            std::erase(word, ' ');
            text += word + "\n";
        }
        base::Diagnostics d;
        const model::Document doc = build_article(text, d);
        // Expected words: every input word but the title and removed lines. List and quote markers
        // ("-", ">") are markup only in some places, so those characters are left out of the
        // comparison, as are end-of-line hyphens, which may join two words into one.
        std::vector<std::string> want;
        std::istringstream in(text);
        std::string line;
        std::uint32_t number = 0;
        bool title_seen = false;
        std::vector<std::uint32_t> removed;
        for (const auto& r : doc.meta.removed) removed.push_back(r.pos.line);
        while (std::getline(in, line)) {
            ++number;
            if (std::find(removed.begin(), removed.end(), number) != removed.end()) continue;
            auto ws = model::split_words(line);
            if (ws.empty()) continue;
            if (!title_seen) { title_seen = true; EXPECT_EQ(line, doc.meta.title); continue; }
            for (auto& w : ws) want.push_back(w);
        }
        auto got = model::body_words(doc);
        std::string want_all, got_all;
        for (auto& w : want) want_all += w;
        for (auto& w : got) got_all += w;
        for (char c : {'-', '>'}) {
            std::erase(want_all, c);
            std::erase(got_all, c);
        }
        std::sort(want_all.begin(), want_all.end());
        std::sort(got_all.begin(), got_all.end());
        ASSERT_EQ(want_all, got_all) << "document " << doc_i << ":\n" << text;
    }
}

TEST(ArticleWords, BareFootnoteNumbers) {
    // Copied wiki text: the footnote number sticks to the stop.
    EXPECT_EQ(classify_word("mundo.185").end, WordEnd::Final);
    EXPECT_EQ(classify_word("guerra,12").end, WordEnd::Pause);
    // After an acronym, a closing mark or a year as well.
    EXPECT_EQ(classify_word("UNESCO.12").end, WordEnd::Final);
    EXPECT_EQ(classify_word("(1879–1955).4").end, WordEnd::Final);
    EXPECT_EQ(classify_word("«vie».12").end, WordEnd::Final);
    EXPECT_EQ(classify_word("1990.185").end, WordEnd::Final);
    // Numbers that are the word itself stay plain: a decimal, a version, a thousand, a
    // numbered section.
    EXPECT_EQ(classify_word("1.5").end, WordEnd::Plain);
    EXPECT_EQ(classify_word("v2.0").end, WordEnd::Plain);
    EXPECT_EQ(classify_word("1.234").end, WordEnd::Plain);
    EXPECT_EQ(classify_word("12.345").end, WordEnd::Plain);
    EXPECT_EQ(classify_word("(A.1").end, WordEnd::Plain);
}

TEST(Vocabulary, TellsSentenceStartsFromNames) {
    const parse::Vocabulary* de = parse::Vocabulary::for_language("de-DE");
    const parse::Vocabulary* en = parse::Vocabulary::for_language("en");
    if (de == nullptr || en == nullptr) GTEST_SKIP() << "word lists not installed at build time";
    using Case = parse::Vocabulary::Case;
    EXPECT_EQ(de->case_of(Lexicon::word_key("Wenn")), Case::Lower);
    EXPECT_EQ(de->case_of(Lexicon::word_key("Haus")), Case::Capital);
    // A noun that is also a verb: the word list has only "leben", hunspell's stems add "Leben"
    // and its forms.
    EXPECT_EQ(de->case_of(Lexicon::word_key("Leben")), Case::Both);
    EXPECT_EQ(de->case_of(Lexicon::word_key("Griffe")), Case::Capital);
    EXPECT_EQ(de->case_of(Lexicon::word_key("Damit")), Case::Lower);
    EXPECT_EQ(en->case_of(Lexicon::word_key("However")), Case::Lower);
    EXPECT_EQ(en->case_of(Lexicon::word_key("Qxzvbn")), Case::Unknown);
    EXPECT_EQ(parse::Vocabulary::for_language("zz"), nullptr);
}

TEST(ArticleBuild, CrumbBlockBeforeTheTitleLine) {
    base::Diagnostics d;
    auto doc = build_article("Home\nCommunity\n\nHow a small team saved half of its cloud bill\n\n"
                             "The team moved its services to a new cluster last year.\n", d);
    EXPECT_EQ(doc.meta.title, "How a small team saved half of its cloud bill");
    EXPECT_EQ(doc.meta.removed.size(), 2u);
    // The title in the crumb's own block stays the title.
    auto same = build_article("Inicio › Relatos\nEl último tranvía\n\nEran casi las doce cuando Lucía llegó a la parada.\n", d);
    EXPECT_EQ(same.meta.title, "El último tranvía");
}

TEST(ArticleBuild, WordCountExcerptCutsHeadsOfThatLength) {
    // An excerpt of the first ten words: the three heads that surely lost their end have ten words
    // but very different lengths in characters, so only the word count shows the limit. A head
    // of exactly ten words that ends a sentence was then cut at that sentence end too, and the
    // credit line of six words without final punctuation is whole.
    const std::string text =
        "Records\n\n"
        "It is a way to do it and so on to\n\n"
        "Photograph by Jane Doe for Reuters\n\n"
        "We counted the books in the old room twice today.\n\n"
        "Administrative responsibilities necessitated comprehensive institutional reorganisation throughout "
        "departments within the\n\n"
        "The older volumes of the parish registers were kept in\n\n"
        "The porter kept the key in a drawer of the\n\n"
        "the\nend.\nNobody\nfound\nthe\nmissing\nledger.\nuniversity.\na\nchest.\ndesk.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"en"}).blocks);
    ASSERT_EQ(t.size(), 6u);
    EXPECT_EQ(t[0], "It is a way to do it and so on to the end.");
    EXPECT_EQ(t[1], "Photograph by Jane Doe for Reuters");
    EXPECT_EQ(t[2], "We counted the books in the old room twice today. Nobody found the missing ledger.");
    EXPECT_EQ(t[4], "The older volumes of the parish registers were kept in a chest.");
    EXPECT_EQ(t[5], "The porter kept the key in a drawer of the desk.");
}

TEST(ArticleBuild, HeadsShorterThanTheCharacterLimitStayWhole) {
    // Every cut head is about 100 characters; the short complete lines without final punctuation
    // (a date line, a credit line) are whole.
    const std::string text =
        "Conditions\n\n"
        "The method rests on three conditions that every sample must meet before it can be dated, and\n\n"
        "Measured with a counter (2001-2002)\n\n"
        "Photograph: J. Smith (AFP)\n\n"
        "The ratio of the isotopes in living matter is the same as in the air around it, because the\n\n"
        "the\nlaboratory\nchecks\neach\nof\nthem.\nliving\nthings\nexchange\ncarbon\nwith\nthe\nair.\n";
    base::Diagnostics d;
    auto doc = build_article(text, d, {"en"});
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], "The method rests on three conditions that every sample must meet before it can be dated, and the "
                    "laboratory checks each of them.");
    EXPECT_EQ(t[1], "Measured with a counter (2001-2002)");
    EXPECT_EQ(t[2], "Photograph: J. Smith (AFP)");
}

TEST(ArticleBuild, BareFootnoteNumbersAfterASentenceEnd) {
    // Copied wiki text: "mundo.185 186" ends a sentence with two footnote numbers, the second
    // one a word of its own. The paragraph that ends so is complete, and a tail that ends so
    // ends its paragraph.
    const std::string text =
        "Inicio\n\n"
        "Historia del puerto\n\n"
        "El puerto fue durante siglos el más activo de la región y uno de los más grandes del mundo.185 186\n\n"
        "Las obras de ampliación empezaron en el siglo XIX, cuando la ciudad decidió construir un\n\n"
        "Hoy el puerto recibe barcos de todo el mundo y sus muelles se han convertido en un lugar de\n\n"
        "nuevo\nmuelle\nde\npiedra.12\n13\nLa\nobra\nduró\nveinte\naños.\npaseo\npara\nlos\nvecinos.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"es"}).blocks);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0], "El puerto fue durante siglos el más activo de la región y uno de los más grandes del mundo.185 186");
    EXPECT_EQ(t[1], "Las obras de ampliación empezaron en el siglo XIX, cuando la ciudad decidió construir un nuevo muelle "
                    "de piedra.12 13 La obra duró veinte años.");
    EXPECT_EQ(t[2], "Hoy el puerto recibe barcos de todo el mundo y sus muelles se han convertido en un lugar de paseo "
                    "para los vecinos.");
    EXPECT_TRUE(is_marker_after("mundo.185", "186"));
    EXPECT_FALSE(is_marker_after("capítulo", "12"));
}

TEST(ArticleBuild, NotesOfTwoWordsAfterASentenceEnd) {
    // Wikis set some notes in brackets of two words ("[nota 1]", "[citation needed]"): the note
    // is part of the sentence end it follows. A head may end inside one ("… mundo.[nota"): its
    // tail starts with the rest of the note.
    const std::string text =
        "Inicio\n\n"
        "Historia del puerto\n\n"
        "El puerto fue durante siglos el más activo de la región y uno de los más grandes del mundo.[nota 1]\n\n"
        "Las obras de ampliación empezaron en el siglo XIX, cuando la ciudad decidió construir un\n\n"
        "Hoy el puerto recibe barcos de todo el mundo y sus muelles se han convertido en un lugar.[cita\n\n"
        "nuevo\nmuelle\nde\npiedra.[nota\n2]\nLa\nobra\nduró\nveinte\naños.\nrequerida]\nEs\nun\npaseo.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"es"}).blocks);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0], "El puerto fue durante siglos el más activo de la región y uno de los más grandes del mundo.[nota 1]");
    EXPECT_EQ(t[1], "Las obras de ampliación empezaron en el siglo XIX, cuando la ciudad decidió construir un nuevo muelle "
                    "de piedra.[nota 2] La obra duró veinte años.");
    EXPECT_EQ(t[2], "Hoy el puerto recibe barcos de todo el mundo y sus muelles se han convertido en un lugar.[cita "
                    "requerida] Es un paseo.");
    EXPECT_EQ(classify_word("mundo.[nota").end, WordEnd::Final);
    EXPECT_EQ(word_core("mundo.[réf."), "mundo");
    EXPECT_TRUE(is_marker_after("mundo.[citation", "needed]"));
    EXPECT_TRUE(is_note_end("nécessaire]"));
    EXPECT_FALSE(is_marker_after("mundo.", "needed]"));
    EXPECT_FALSE(is_note_end("[12]"));
}

TEST(ArticleBuild, AFirstParagraphEndingOnANoteIsNoTitle) {
    // A short first paragraph that ends on a note ("… el invierno.[cita requerida]") ends a
    // sentence: the line before it is the title, not a crumb.
    const std::string text =
        "Inicio\n\nPuerto\n\n"
        "El puerto cierra cada año en los meses de invierno.[cita requerida]\n\n"
        "Las obras de ampliación empezaron en el siglo XIX, cuando la ciudad decidió construir un muelle\n\n"
        "Hoy el puerto recibe barcos de todo el mundo y sus muelles se han convertido en un lugar de\n\n"
        "Los pescadores de la costa venden cada mañana en la lonja lo que han traído durante la\n\n"
        "nuevo.\npaseo.\nnoche.\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"es"});
    EXPECT_EQ(doc.meta.title, "Puerto");
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], "El puerto cierra cada año en los meses de invierno.[cita requerida]");
}

TEST(ArticleBuild, AQuotationOpeningOnASentenceStartDoesNotContinueAHead) {
    // "… to attract" goes on with "Senior staff", not with "“We": a quotation that opens on an
    // ordinary word written with a capital starts a sentence, as that capital alone would.
    // Without that evidence (open_capital 0) the quotation is taken for the head's rest.
    const std::string text =
        "Home\n\nTelescope news\n\n"
        "The new radio telescope in the mountains of southern China is the largest single dish in the world.\n\n"
        "The telescope in southern China has just passed a series of\n\n"
        "The project had a radical design and initially struggled to attract\n\n"
        "technical\ntests.\n“We\nare\nrelieved,”\nsaid\nthe\ndirector.\nSenior\nstaff\njoined\nlater.\n";
    auto paragraphs = [&](double open_capital) {
        parse::article::SpillWeights w = parse::article::default_spill_weights();
        w.open_capital = open_capital;
        parse::article::BuildOptions opts;
        opts.lang = "en";
        opts.weights = &w;
        base::Diagnostics d;
        return leaf_texts(build_article(text, d, opts).blocks);
    };
    const auto t = paragraphs(parse::article::default_spill_weights().open_capital);
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[1], "The telescope in southern China has just passed a series of technical tests. “We are relieved,” said the director.");
    EXPECT_EQ(t[2], "The project had a radical design and initially struggled to attract Senior staff joined later.");
    EXPECT_NE(paragraphs(0.0), t);
}

TEST(ArticleBuild, ShortLinesBeforeTheSpillStayWhole) {
    // Cut heads of about 90 characters, each ending mid-sentence. A byline and a credit line sit
    // between the last cut paragraph and the spill, and three labels between two paragraphs:
    // none of them is cut (they are far shorter than the limit), so no tail moves onto them and
    // every tail stays with its own paragraph.
    const std::string text =
        "Home\n\n"
        "Harbour works\n\n"
        "The old harbour was rebuilt in three stages over twenty years, and each stage added a\n\n"
        "Fishing boats\n\n"
        "Cargo ships\n\n"
        "Ferries to the islands\n\n"
        "The first stage deepened the channel so that larger ships could reach the inner basin\n\n"
        "The last stage gave the old warehouses a new use as a market, a museum and a school of\n\n"
        "By Anna Berg and Tom Holt\n\n"
        "(Reuters, AFP)\n\n"
        "new\nquay.\nThe\ntown\npaid\nfor\nit.\nwithout\nwaiting\nfor\nthe\ntide.\nmusic.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"en"}).blocks);
    ASSERT_EQ(t.size(), 8u);
    EXPECT_EQ(t[0], "The old harbour was rebuilt in three stages over twenty years, and each stage added a new quay. "
                    "The town paid for it.");
    EXPECT_EQ(t[1], "Fishing boats");
    EXPECT_EQ(t[3], "Ferries to the islands");
    EXPECT_EQ(t[4], "The first stage deepened the channel so that larger ships could reach the inner basin without "
                    "waiting for the tide.");
    EXPECT_EQ(t[5], "The last stage gave the old warehouses a new use as a market, a museum and a school of music.");
    EXPECT_EQ(t[6], "By Anna Berg and Tom Holt");
    EXPECT_EQ(t[7], "(Reuters, AFP)");
}

TEST(ArticleBuild, AHeadingAndASubheadingTakeNoTail) {
    // A heading right before a subheading (or a name under a heading) is as whole as either:
    // "Here they are:" goes to the paragraph that lost it, not to the first short line.
    const std::string text =
        "Home\n\n"
        "Women who talk sports\n\n"
        "So the reality is that women talk sports, and lots of them do. In February we begin a series on the\n\n"
        "My Top Ten Women Talking Sports\n\n"
        "Christie Leigh Mueller\n\n"
        "Christie hosts a weekly radio show about football and writes a column for the local paper.\n\n"
        "knowledge\nof\nthese\nwomen.\nHere\nthey\nare:\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"en"}).blocks);
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], "So the reality is that women talk sports, and lots of them do. In February we begin a series on the "
                    "knowledge of these women. Here they are:");
    EXPECT_EQ(t[1], "My Top Ten Women Talking Sports");
    EXPECT_EQ(t[2], "Christie Leigh Mueller");
}

TEST(ArticleBuild, RunsOfShortLinesAreLabelsThatTakeNoTail) {
    // Three short lines in a row name the parts of something: none of them was cut (no scraper
    // keeps one word of a block), so the spill's sentences go to the paragraphs that lost them.
    const std::string text =
        "Home\n\n"
        "Cloud controller manager\n\n"
        "The cloud controller manager lets you link your cluster into the API of your cloud provider. The manager runs\n\n"
        "The design of the manager is based on plugins, which let new providers integrate with the cluster. There are plans\n\n"
        "The cluster and the cloud are integrated through several components:\n\n"
        "Kubelet\n\n"
        "Controller Manager\n\n"
        "API Server\n\n"
        "The manager brings all of these together into one point of integration with the cloud.\n\n"
        "alongside\nother\ncomponents.\nIt\ncan\nalso\nbe\nstarted\nas\nan\naddon.\n"
        "to\nmove\nolder\nproviders.\nEach\nprovider\nships\nits\nown\nplugin.\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"en"});
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 7u);
    EXPECT_EQ(t[0], "The cloud controller manager lets you link your cluster into the API of your cloud provider. The manager runs "
                    "alongside other components. It can also be started as an addon.");
    EXPECT_EQ(t[1], "The design of the manager is based on plugins, which let new providers integrate with the cluster. There are "
                    "plans to move older providers. Each provider ships its own plugin.");
    EXPECT_EQ(t[3], "Kubelet");
    EXPECT_EQ(t[4], "Controller Manager");
    EXPECT_EQ(t[5], "API Server");
}

TEST(ArticleBuild, CrumbLevelsOnLinesOfTheirOwnBeforeALowerCaseTitle) {
    // A trail set one level per block, then a lower-case title: the levels are navigation, the
    // last short line before the body is the title.
    const std::string body =
        "L'immunothérapie désigne un ensemble de traitements qui utilisent le système immunitaire pour lutter contre une "
        "maladie.\n\n"
        "Les immunothérapies se divisent en immunothérapie active et immunothérapie passive, selon le mécanisme.\n";
    for (const std::string crumbs : {"Home\n\nSanté\n\n", "Home\n\nSanté\n\nOncologie\n\n", "Accueil\nSanté\n\n"}) {
        base::Diagnostics d;
        const auto doc = build_article(crumbs + "immunothérapie\n\n" + body, d, {"fr"});
        EXPECT_EQ(doc.meta.title, "immunothérapie") << crumbs;
        EXPECT_EQ(leaf_texts(doc.blocks).size(), 2u) << crumbs;
    }
}

TEST(ArticleBuild, CrumbBlockBeforeATitleEndingWithAnAbbreviation) {
    const std::string text =
        "Home\nScience\nDocumentation\n\n"
        "How Winter Wreaks Havoc on What Lies Underneath N.Y.C.\n\n"
        "The aging infrastructure below the street is tough to maintain, and the rock salt of winter makes it worse.\n\n"
        "A series of recent manhole fires in the heart of the city has drawn attention to the pipes and cables.\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"en"});
    EXPECT_EQ(doc.meta.title, "How Winter Wreaks Havoc on What Lies Underneath N.Y.C.");
    EXPECT_EQ(leaf_texts(doc.blocks).size(), 2u);
}

TEST(ArticleBuild, LongTitleAfterACrumbLevelOnALineOfItsOwn) {
    // Heads cut at a character limit, a section name after "Home", then a title of a sentence's
    // length: the title is shorter than the cut heads, so it is not a first paragraph cut short.
    const std::string heads =
        "Les administrations publiques dépensent chaque année des sommes considérables pour des licences de\n\n"
        "Plusieurs villes européennes ont déjà fait le choix de publier leur code sous une licence libre et\n\n"
        "Les associations demandent que tout logiciel financé par des fonds publics soit publié sous une\n\n";
    const std::string spill = "logiciels.\nleurs\nrésultats\nsont\nencourageants.\nlicence\nlibre.\n";
    for (const std::string title : {"Pourquoi l'argent public doit-il financer le logiciel libre ?",
                                    "Argent public, code public : une campagne pour le logiciel libre",
                                    "Argent public, code public : une campagne réussie !",
                                    // Four fifths of the cut heads' length: still clearly shorter.
                                    "Argent public, code public : les villes européennes se tournent vers le libre",
                                    // The site's name after the headline is not counted.
                                    "Argent public, code public : les villes européennes passent au libre | Le Journal des Communes"}) {
        base::Diagnostics d;
        const auto doc = build_article("Accueil\n\nActualités\n\n" + title + "\n\n" + heads + spill, d, {"fr"});
        EXPECT_EQ(doc.meta.title, title);
        EXPECT_EQ(leaf_texts(doc.blocks).size(), 3u) << title;
    }
    // A first paragraph as long as the other cut heads is one of them: the section name before it
    // stays the title.
    base::Diagnostics d;
    const auto doc = build_article("Accueil\n\nActualités\n\n"
                                   "Les collectivités locales qui adoptent des logiciels libres constatent souvent que leurs\n\n" +
                                       heads + "coûts\nbaissent.\n" + spill,
                                   d, {"fr"});
    EXPECT_EQ(doc.meta.title, "Actualités");
    const auto texts = leaf_texts(doc.blocks);
    ASSERT_EQ(texts.size(), 4u);
    EXPECT_EQ(texts[0], "Les collectivités locales qui adoptent des logiciels libres constatent souvent que leurs coûts baissent.");
}

TEST(ArticleBuild, HeadingsFarBelowATightCharacterLimitStayWhole) {
    // Every long paragraph cut at one character limit: the section names, far shorter than the
    // limit, were never cut, and the spill belongs to the paragraphs around them.
    const std::string damaged = slurp(std::string(FOLIO_TEST_DATA) + "/data/article-tight-limit-es.txt");
    const auto want = clean_lines("proghist/es-creando-diagramas-de-redes-desde-fuentes-historicas.txt");
    ASSERT_GT(want.size(), 10u);
    base::Diagnostics d;
    const auto doc = build_article(damaged, d, {"es"});
    EXPECT_EQ(doc.meta.title, want.front());
    const auto got = leaf_texts(doc.blocks);
    EXPECT_EQ(got.size(), want.size() - 1);
    // The section names ("Introducción", "Sobre el caso de estudio") are blocks of their own.
    constexpr std::size_t short_line = 40;
    std::size_t names = 0;
    for (std::size_t i = 1; i < want.size(); ++i) {
        if (want[i].size() >= short_line) continue;
        ++names;
        EXPECT_NE(std::find(got.begin(), got.end(), want[i]), got.end()) << want[i];
    }
    EXPECT_GE(names, 2u);
}

TEST(ArticleBuild, ParagraphsFarAboveATightCharacterLimitStayWhole) {
    // Long paragraphs the scraper left whole, among heads cut at one limit: far longer than the
    // limit, they were not cut, and no spilled words go to them.
    const std::string damaged = slurp(std::string(FOLIO_TEST_DATA) + "/data/article-tight-limit-it.txt");
    const auto want = clean_lines("gutenberg/it-una-notte-bizzarra-ii.txt");
    base::Diagnostics d;
    const auto got = leaf_texts(build_article(damaged, d, {"it"}).blocks);
    EXPECT_EQ(got.size(), want.size() - 1);
    std::size_t whole = 0;
    for (std::size_t i = 1; i < want.size(); ++i) {
        constexpr std::size_t far_above = 250;  // bytes; the cut heads hold about 130 characters
        if (want[i].size() < far_above || damaged.find("\n" + want[i] + "\n") == std::string::npos) continue;
        ++whole;
        EXPECT_NE(std::find(got.begin(), got.end(), want[i]), got.end()) << want[i].substr(0, 60);
    }
    EXPECT_GE(whole, 2u);
}

TEST(ArticleBuild, ATitleEndingWithAStopAfterACrumbBlock) {
    // A home word and a section name set as one block, then a chapter's title that ends with a
    // stop: the title, not a first paragraph under the title "Culture".
    const std::string body =
        "Il y avait en Vestphalie, dans le château de M. le baron, un jeune garçon à qui la nature avait\n\n"
        "Monsieur le baron était un des plus puissants seigneurs de la province, car son château avait une\n\n"
        "donné\nles\nmœurs\nles\nplus\ndouces.\nporte\net\ndes\nfenêtres.\n";
    const std::string title = "Chapitre premier. Comment Candide fut élevé dans un beau château.";
    base::Diagnostics d;
    const auto doc = build_article("Home\nCulture\n\n" + title + "\n\n" + body, d, {"fr"});
    EXPECT_EQ(doc.meta.title, title);
    EXPECT_EQ(leaf_texts(doc.blocks).size(), 2u);
    // After a trail on one line, a line in its block is the title and the stop ends a paragraph.
    base::Diagnostics d2;
    const auto doc2 = build_article("Accueil › Culture\nCandide\n\n" + title + "\n\n" + body, d2, {"fr"});
    EXPECT_EQ(doc2.meta.title, "Candide");
    EXPECT_EQ(leaf_texts(doc2.blocks).size(), 3u);
    EXPECT_EQ(leaf_texts(doc2.blocks).front(), title);
    // A title whose last word is a closing bracket set apart ends as the word before it.
    const std::string bracketed = "Candide, ou l'Optimisme, traduit de l'allemand de M. le docteur Ralph ( Voltaire )";
    base::Diagnostics d3;
    const auto doc3 = build_article("Home\nDocumentation\n\n" + bracketed + "\n\n" + body, d3, {"fr"});
    EXPECT_EQ(doc3.meta.title, bracketed);
    EXPECT_EQ(leaf_texts(doc3.blocks).size(), 2u);
}

TEST(ArticleBuild, APageTitleNamingItsSiteIsTheTitleNotATrail) {
    // "Title » Site" right above the first paragraph reads like a trail, but a paragraph is no
    // title: the line is the title.
    const std::string title = "Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs";
    const std::string first =
        "Manufacturing Consent, die Produktion von Zustimmung, nannten Edward S. Herman und Noam Chomsky 1988 ihr "
        "Buch, in dem sie die Mechanismen beschreiben, wie Massenmedien für die Durchsetzung von Meinungen eingesetzt werden.";
    const std::string body = "\n\nSeit langem schon polemisiert der Verein gegen das, was man dort als Gendersprache\n\n"
                             "bezeichnet.\n";
    base::Diagnostics d;
    const auto doc = build_article("Startseite\n\n" + title + "\n\n" + first + body, d, {"de"});
    EXPECT_EQ(doc.meta.title, title);
    ASSERT_EQ(doc.meta.removed.size(), 1u);
    EXPECT_EQ(doc.meta.removed[0].text, "Startseite");
    // A trail of sections above a title stays a trail.
    base::Diagnostics d2;
    const auto doc2 = build_article("Startseite › Wissen\n\nDie Ablehnung der Gendersprache\n\n" + first + body, d2, {"de"});
    EXPECT_EQ(doc2.meta.title, "Die Ablehnung der Gendersprache");
}

TEST(ArticleBuild, APageTitleNamingItsSiteAboveAHeadCutAtTheLimit) {
    // The first paragraph cut by the character limit after a plain word ("… die Mechanismen"):
    // as long as the other cut heads, so no title either.
    const std::string title = "Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs";
    const std::string text =
        "Startseite\n\n" + title + "\n\n"
        "\u201cManufacturing Consent\u201d \u2013 die Produktion von Zustimmung \u2013 nannten Edward S. Herman und Noam "
        "Chomsky 1988 ihr Buch, in dem sie die Mechanismen\n\n"
        "Seit langem schon polemisiert der Verein gegen das, was man dort als Gendersprache bezeichnet. Damit wird sehr\n\n"
        "Das ist zum einen die Ablehnung von femininen Formen zur Bezeichnung von Personen mit der Begr\u00fcndung, das\n\n"
        "beschreiben.\nUnterschiedliches\nzusammengefasst.\ngrammatische\nGeschlecht\nsei\nbedeutungslos.\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"de"});
    EXPECT_EQ(doc.meta.title, title);
    ASSERT_EQ(doc.meta.removed.size(), 1u);
    EXPECT_EQ(doc.meta.removed[0].text, "Startseite");
}

TEST(ArticleBuild, ATitleAfterACrumbBlockMayEndOnAPreposition) {
    // "… you're allowed to boast about": a title may end on a preposition (not on an article
    // or a conjunction); after the crumb block "Home / Articles" it is the title.
    const std::string title = "Hating Millennials - the prejudice you're allowed to boast about";
    const std::string text = "Home\nArticles\n\n" + title +
                             "\n\nCartoonist Matt Bors got a spot on CNN for his scathing critique of the narrative of the "
                             "lazy Millennials, which has gone well beyond get off my lawn territory.\n\n"
                             "The generation we love to dump on\n\nPatti Smith and Stewart Copeland joined the choir at a "
                             "festival in Athens, where the whole hall sang along with\n\nthem.\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"en"});
    EXPECT_EQ(doc.meta.title, title);
    ASSERT_EQ(doc.meta.removed.size(), 2u);
    EXPECT_EQ(doc.meta.removed[1].text, "Articles");
}

TEST(ArticleBuild, ACreditInBracketsAfterASentenceEndClosesTheParagraph) {
    const std::string text =
        "Home\n\n"
        "Floods in the north\n\n"
        "Heavy rain caused floods in several northern towns on Monday, and hundreds of homes were evacuated. (AFP, Reuters)\n\n"
        "The regional government said that the damage would be assessed by a team of engineers, who will visit the\n\n"
        "Rescue teams were still searching for two missing fishermen late on Monday evening, officials said. (dpa)\n\n"
        "Officials said the damage was worse than in any year since records began, and that several roads\n\n"
        "towns\nduring\nthe\nweek.\nRepairs\nwill\ntake\nmonths.\n"
        "remain\nclosed.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"en"}).blocks);
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], "Heavy rain caused floods in several northern towns on Monday, and hundreds of homes were evacuated. (AFP, Reuters)");
    EXPECT_EQ(t[1], "The regional government said that the damage would be assessed by a team of engineers, who will visit the towns "
                    "during the week. Repairs will take months.");
    EXPECT_EQ(t[2], "Rescue teams were still searching for two missing fishermen late on Monday evening, officials said. (dpa)");
}

TEST(ArticleBuild, ItemsOfAListWithoutMarkersTakeNoTailForTheirMissingStop) {
    // After "also said:", short lines without a stop are the items of a list whose markers were
    // lost: complete as they are, like the items of any unpunctuated list.
    const std::string text =
        "Home\n\n"
        "An interview with the president\n\n"
        "The president has given a long interview to the broadcaster, his last before the summer break.\n\n"
        "He spoke about the economy, about foreign policy and about the elections of next year.\n\n"
        "In a wide-ranging interview with the broadcaster, the president also said:\n\n"
        "The country must stay in the union to have influence on the world stage\n\n"
        "He is confident the nuclear deal will be passed by the parliament\n\n"
        "The region needs a political solution in order to end the conflict\n\n"
        "He admitted that his failure to pass new laws on guns was the greatest frustration of his\n\n"
        "presidency.\nHe\nvowed\nto\nkeep\ntrying.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"en"}).blocks);
    ASSERT_EQ(t.size(), 7u);
    EXPECT_EQ(t[3], "The country must stay in the union to have influence on the world stage");
    EXPECT_EQ(t[5], "The region needs a political solution in order to end the conflict");
    EXPECT_EQ(t[6], "He admitted that his failure to pass new laws on guns was the greatest frustration of his presidency. "
                    "He vowed to keep trying.");
}

TEST(ArticleBuild, AQuotationOverSeveralParagraphsStaysOpenUntilItsLast) {
    // English sets an opening mark at the start of every paragraph of a long quotation and
    // closes only the last: the first paragraph ends open, and that is no reason to give it more.
    const std::string text =
        "Home\n\n"
        "A mother's warning\n\n"
        "Her mother described the last hours in hospital in a statement released by the police on Monday.\n\n"
        "\u201CAs she deteriorated, the staff did all they could to help her. As the drug kicked in and started\n\n"
        "\u201CShe was literally burning up from within.\u201D\n\n"
        "She added in the same statement: \u201CThey never stood a chance of saving\n\n"
        "Police said the pills were believed to contain a toxic chemical sold online as a\n\n"
        "to\nmake\nher\ntemperature\nsoar,\nthey\nfought\nan\nuphill\nbattle.\n"
        "her.\nShe\nburned\nand\ncrashed.\u201D\n"
        "slimming\naid.\n";
    base::Diagnostics d;
    const auto t = leaf_texts(build_article(text, d, {"en"}).blocks);
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(t[1], "\u201CAs she deteriorated, the staff did all they could to help her. As the drug kicked in and started to "
                    "make her temperature soar, they fought an uphill battle.");
    EXPECT_EQ(t[3], "She added in the same statement: \u201CThey never stood a chance of saving her. She burned and crashed.\u201D");
}

TEST(SpillEvidence, AQuotationThatGoesOnInTheNextParagraphMayStayOpen) {
    using namespace parse::article;
    const std::string text = "\u201CAs the drug kicked in and started";
    SpillHead h;
    h.text = text;
    h.last_word = "started";
    h.prev_word = "and";
    h.words = 7;
    h.chars = 34;
    h.balance = balance_of(text);
    const std::vector<std::string_view> spill{"to", "fight", "on."};
    const Lexicon lex;
    std::vector<SpillHead> heads{h};
    auto total = [&] {
        const std::string e = explain_spill(heads, spill, lex, default_spill_weights(), {{0, 3}});
        return std::stod(e.substr(e.rfind("total ") + 6));
    };
    const double closed = total();
    heads[0].quote_goes_on = balance_of("\u201C");
    const double open = total();
    EXPECT_NEAR(closed - open, default_spill_weights().imbalance, 0.02);
}

TEST(SpillEvidence, ATurnOfDialogueCutAfterItsDashGoesOnWithASentenceStart) {
    // "—" alone: a turn of dialogue cut right after its dash. Its next word starts a sentence,
    // so a capital costs nothing there; after a plain word it does.
    using namespace parse::article;
    auto join_of = [](std::string_view head, std::string_view prev) {
        SpillHead h;
        h.text = head;
        h.last_word = head.substr(head.rfind(' ') == std::string_view::npos ? 0 : head.rfind(' ') + 1);
        h.prev_word = prev;
        h.words = prev.empty() ? 1 : 2;
        h.chars = head.size();
        h.balance = balance_of(head);
        const std::vector<std::string_view> spill{"Je", "sais."};
        const Lexicon lex;
        const std::string e = explain_spill({h}, spill, lex, default_spill_weights(), {{0, 2}});
        return std::stod(e.substr(e.find("join ") + 5));
    };
    EXPECT_EQ(join_of("\u2014", ""), 0.0);
    EXPECT_GT(join_of("vous savez", "vous"), 0.2);
}

TEST(ArticleWords, CreditsAndReferencesEndOnTokens) {
    EXPECT_TRUE(reads_as_token("Pippel/Shutterstock"));
    EXPECT_TRUE(reads_as_token("166/07"));
    EXPECT_TRUE(reads_as_token("https://t.co/9qWLKki5QF"));
    EXPECT_TRUE(reads_as_token("@Josiah_Motley"));
    EXPECT_TRUE(reads_as_token("(grh)"));
    EXPECT_TRUE(reads_as_token("(rechts)"));
    EXPECT_FALSE(reads_as_token("Shutterstock"));
    EXPECT_FALSE(reads_as_token("2018"));
    EXPECT_FALSE(reads_as_token("HTTP"));
    EXPECT_FALSE(reads_as_token("/"));
    EXPECT_FALSE(reads_as_token(""));
}

namespace {

/// A head of `words` words whose last word is the text's last, `prev` the one before it.
parse::article::SpillHead head_of(std::string_view text, std::string_view prev, std::size_t words) {
    parse::article::SpillHead h;
    h.text = text;
    h.last_word = text.substr(text.rfind(' ') + 1);
    h.prev_word = prev;
    h.words = words;
    h.chars = text.size();
    return h;
}

}  // namespace

TEST(SpillEvidence, AParagraphMayEndOnACreditWithoutAStop) {
    // The same two tails, the first ending on a credit's token or on a plain word: the token
    // costs end_token, the word end_plain.
    using namespace parse::article;
    auto end_of = [](std::string_view last) {
        const SpillHead h = head_of("A photo of the harbour at dawn, taken from the", "from", 10);
        const std::vector<std::string_view> spill{"hill.", "Bild:", last};
        const Lexicon lex;
        const std::string e = explain_spill({h}, spill, lex, default_spill_weights(), {{0, 3}});
        return std::stod(e.substr(e.find("end ") + 4));
    };
    EXPECT_NEAR(end_of("Pippel/Shutterstock"), default_spill_weights().end_token, 0.01);
    EXPECT_NEAR(end_of("Shutterstock"), default_spill_weights().end_plain, 0.01);
}

TEST(SpillEvidence, AHeadEndingOnACreditMayBeWhole) {
    // Keeping a head whole costs token_skip when it ends on a token ("Pippel/Shutterstock"),
    // plain_skip when it ends on a plain word.
    using namespace parse::article;
    auto prior_of = [](std::string_view text) {
        const SpillHead h = head_of(text, "Gunnar", 4);
        const SpillHead cut = head_of("The harbour at dawn is", "dawn", 5);  // takes the one spilled word
        const std::vector<std::string_view> spill{"quiet."};
        const Lexicon lex;
        const std::string e = explain_spill({h, cut}, spill, lex, default_spill_weights(), {{0, 0}, {0, 1}});
        return std::stod(e.substr(e.find("prior ") + 6));
    };
    EXPECT_NEAR(prior_of("Photo by Gunnar Pippel/Shutterstock"), default_spill_weights().token_skip, 0.01);
    EXPECT_NEAR(prior_of("Photo by Gunnar Pippel"), default_spill_weights().plain_skip, 0.01);
    // A credit line after a sentence end closes the paragraph as that end does: nothing to pay.
    EXPECT_EQ(prior_of("The burst lit the sky. Credit: Ou Dongqu Xinhua"), 0.0);
    EXPECT_EQ(prior_of("The burst lit the sky.Credit: Ou Dongqu Xinhua"), 0.0);
    EXPECT_EQ(prior_of("Der Himmel leuchtete. Foto: Gunnar Pippel"), 0.0);
    EXPECT_EQ(prior_of("Bild: Gunnar Pippel"), 0.0);  // a credit line of its own
    EXPECT_EQ(prior_of("The burst lit the sky. \u00A9 Ben Stansall Getty Images"), 0.0);
    EXPECT_EQ(prior_of("Ein Kohlekraftwerk \u00A9 Ruth R\u00F6der / Clipdealer"), 0.0);
    // Not after a sentence end, or with a sentence inside: a cut like any other.
    EXPECT_NEAR(prior_of("The burst lit the sky with Credit: Ou Dongqu"), default_spill_weights().plain_skip, 0.01);
    EXPECT_NEAR(prior_of("The sky. Credit: Ou. Then it went on and"), default_spill_weights().function_skip, 0.01);
}

TEST(SpillEvidence, ALabelEndingWithAColonIsShortOnItsOwn) {
    // Keeping "Programm:" whole costs no length: a label that leads in is that short. A
    // one-word line ending otherwise pays for its shortness.
    using namespace parse::article;
    auto whole_of = [](std::string_view text) {
        const SpillHead h = head_of(text, "", 1);
        const SpillHead cut = head_of("The harbour at dawn is", "dawn", 5);
        const std::vector<std::string_view> spill{"quiet."};
        const Lexicon lex;
        const std::string e = explain_spill({h, cut}, spill, lex, default_spill_weights(), {{0, 0}, {0, 1}});
        return std::stod(e.substr(e.find("length ") + 7));
    };
    EXPECT_EQ(whole_of("Programm:"), 0.0);
    EXPECT_GT(whole_of("Programm"), 0.0);
}

TEST(ArticleWords, ArticlesAreTheDocumentLanguages) {
    // "il" is the Italian article and a French pronoun; "as" the Portuguese article and an
    // English conjunction. Without a language, any language's article counts.
    const auto key = [](std::string_view w) { return Lexicon::word_key(w); };
    EXPECT_TRUE(is_determiner_in(key("il"), "it"));
    EXPECT_FALSE(is_determiner_in(key("il"), "fr-FR"));
    EXPECT_TRUE(is_determiner_in(key("as"), "pt"));
    EXPECT_FALSE(is_determiner_in(key("as"), "en"));
    EXPECT_TRUE(is_determiner_in(key("the"), ""));
    EXPECT_TRUE(is_determiner_in(key("as"), "zz"));
}

namespace {

// The join cost explain_spill gives a head ending "... prev last" whose tail is the whole spill.
double join_cost(std::string_view head, std::string_view prev, const std::vector<std::string_view>& spill, const char* lang) {
    using namespace parse::article;
    SpillHead h;
    h.text = head;
    h.last_word = head.substr(head.rfind(' ') + 1);
    h.prev_word = prev;
    h.words = 2;
    h.chars = head.size();
    h.balance = balance_of(head);
    Lexicon lex;
    lex.set_language(lang);
    const std::string e = explain_spill({h}, spill, lex, default_spill_weights(), {{0, spill.size()}});
    return std::stod(e.substr(e.find("join ") + 5));
}

}  // namespace

TEST(SpillEvidence, APronounSpelledLikeAnArticleTakesItsVerb) {
    // French "Il | était": no article followed by a small word. German "das | ist": an article
    // spelled pronoun before an auxiliary. "the | of" stays unlikely.
    const double article_small = parse::article::default_spill_weights().determiner_small_join;
    EXPECT_LT(join_cost("mandat! Il", "mandat!", {"\u00e9tait", "fini."}, "fr"), article_small);
    EXPECT_LT(join_cost("Sieg, das", "Sieg,", {"ist", "fini."}, "de"), article_small);
    EXPECT_GE(join_cost("out of the", "of", {"of", "fini."}, "en"), article_small);
}

TEST(SpillEvidence, NoPronounAfterAnArticleAndNamesAfterAPreposition) {
    // "the | It" is a sentence start (no article takes a pronoun), while German "die | es" is a
    // relative pronoun and its object; "at | West Virginia University" goes on with a name.
    const parse::article::SpillWeights& w = parse::article::default_spill_weights();
    EXPECT_GE(join_cost("projects studying the", "studying", {"It", "will", "explore."}, "en"), w.determiner_small_join);
    EXPECT_GE(join_cost("studiare il", "studiare", {"lei", "va."}, "it"), w.determiner_small_join);
    EXPECT_LT(join_cost("Menschen, die", "Menschen,", {"es", "wissen."}, "de"), w.determiner_small_join);
    EXPECT_LE(join_cost("a radioastronomer at", "radioastronomer", {"West", "Virginia", "University."}, "en"),
              w.capital_name_run_small);
    EXPECT_GT(join_cost("a radioastronomer at", "radioastronomer", {"West", "of", "here."}, "en"), w.capital_name_run_small);
}

TEST(SpillEvidence, AGermanArticleTakesANounOrAnInflectedWord) {
    // "Die | abgetrennt" is no phrase; "die | neue", "die | er" (a relative pronoun) and a noun are.
    const double c = parse::article::default_spill_weights().article_not_attributive;
    ASSERT_GT(c, 0);
    EXPECT_GE(join_cost("beeintr\u00e4chtigt. Die", "beeintr\u00e4chtigt.", {"abgetrennt", "werden."}, "de"), c);
    EXPECT_LT(join_cost("Produktion, die", "Produktion,", {"neue", "Anlage."}, "de"), c);
    EXPECT_LT(join_cost("Produktion, die", "Produktion,", {"er", "sah."}, "de"), c);
    EXPECT_LT(join_cost("projects studying the", "studying", {"abgetrennt", "ok."}, "en"), c);
}

TEST(ArticleBuild, LowerCaseNamesAsHeadings) {
    // Tool names as section headings ("kubectl", "minikube") after the title: the title is the
    // capitalised line, not the lower-case one after it, and a lone lower-case name is a heading
    // that takes no tail.
    const std::string text =
        "Home\n\n"
        "Install tools\n\n"
        "kubectl\n\n"
        "The command-line tool kubectl lets you run commands against clusters. You can use it to\n\n"
        "minikube\n\n"
        "Like kind, minikube is a tool that lets you run a cluster on your own computer. It runs\n\n"
        "deploy\n"
        "applications\n"
        "and\n"
        "inspect\n"
        "resources.\n"
        "one\n"
        "or\n"
        "more\n"
        "nodes.\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"en"});
    EXPECT_EQ(doc.meta.title, "Install tools");
    const auto t = leaf_texts(doc.blocks);
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0], "kubectl");
    EXPECT_EQ(t[1], "The command-line tool kubectl lets you run commands against clusters. You can use it to deploy "
                    "applications and inspect resources.");
    EXPECT_EQ(t[2], "minikube");
    EXPECT_EQ(t[3], "Like kind, minikube is a tool that lets you run a cluster on your own computer. It runs one or "
                    "more nodes.");
}

TEST(ArticleBuild, ItemsOfAnEnumerationEndWithASemicolonAndAreWhole) {
    // French sets the items of a list after a colon as paragraphs that end with " ;": their
    // semicolon says nothing about being cut. Two such items in a row after a colon make an
    // enumeration; keeping them whole costs nothing, cutting one costs enumeration_cut.
    auto flags = [](const std::string& body) {
        std::vector<bool> out;
        BuildOptions opts;
        opts.lang = "fr";
        opts.on_spill = [&](const std::vector<SpillHead>& heads, const std::vector<std::string_view>& spill,
                            const Lexicon& lex, const SpillResult& r) {
            for (std::size_t i = 0; i < heads.size(); ++i) {
                out.push_back(heads[i].enumeration_item);
                if (heads[i].enumeration_item) {
                    // Folio keeps it whole, at no cost.
                    EXPECT_EQ(r.tails[i].first, r.tails[i].second);
                    const std::string e = explain_spill({heads[i]}, spill, lex, default_spill_weights(), {{0, 0}});
                    EXPECT_NE(e.find("(prior 0.00,"), std::string::npos) << e;
                }
            }
        };
        base::Diagnostics d;
        build_article("Accueil\n\nLa datation\n\n" + body + "La m\u00e9thode a chang\u00e9 le travail des\n\narch\u00e9ologues.\n", d,
                      opts);
        return out;
    };
    const std::string intro = "Un ph\u00e9nom\u00e8ne naturel doit remplir trois conditions :\n\n";
    const std::string a = "il doit varier au cours du temps selon une loi connue ;\n\n";
    const std::string b = "cette loi doit \u00eatre ind\u00e9pendante des conditions du milieu ;\n\n";
    const std::string last = "un \u00e9v\u00e9nement initial doit pouvoir \u00eatre dat\u00e9.\n\n";
    EXPECT_EQ(flags(intro + a + b + last), (std::vector<bool>{false, true, true, false, false}));
    // One item alone, or items without the colon that introduces them, say less: a pause.
    EXPECT_EQ(flags(intro + a + last), (std::vector<bool>{false, false, false, false}));
    EXPECT_EQ(flags("Le ph\u00e9nom\u00e8ne a \u00e9t\u00e9 \u00e9tudi\u00e9 en d\u00e9tail par de nombreux chercheurs.\n\n" + a + b + last),
              (std::vector<bool>{false, false, false, false, false}));
}

TEST(ArticleBuild, ShortLinesAfterACrumbAreCrumbLevelsOrTheTitle) {
    // After a sure crumb, a short line is a further crumb level only when a title-like line and
    // the body follow it and its words do not come back in the article's prose, as a title's do.
    struct Case {
        const char* why;
        std::string text, lang, title, first;
    };
    const std::string datation = "La m\u00e9thode de datation par le radiocarbone a chang\u00e9 le travail des "
                                 "arch\u00e9ologues et des g\u00e9ologues depuis les ann\u00e9es 1950.\n";
    const std::string markdown = "In this lesson, you are introduced to Markdown, a plain text syntax for formatting documents.\n";
    const std::vector<Case> cases{
        {"a short title, then a heading: its words come back", "Accueil\n\nLa datation\n\nLe principe\n\n" + datation,
         "fr", "La datation", "Le principe"},
        {"a label the article never uses", "Accueil\n\nSciences\n\nLa datation\n\n" + datation, "fr", "La datation",
         datation.substr(0, datation.size() - 1)},
        {"labels set as one block; a title may end on an auxiliary",
         "Startseite\nWissen\n\nWarum der Himmel blau ist\n\nDas Licht der Sonne enth\u00e4lt alle Farben des Spektrums, "
         "und die Luft streut das blaue am st\u00e4rksten.\n",
         "de", "Warum der Himmel blau ist", ""},
        {"a label above a title whose body opens with a heading",
         "Home\n\nNews\n\nGetting Started with Markdown\n\nLesson goals\n\n" + markdown, "en",
         "Getting Started with Markdown", "Lesson goals"},
        {"... with a kicker and a date ('NEWS' is no prose)",
         "Home\n\nNews\n\nGigantic telescope opens to astronomers worldwide\n\nNEWS\n\n24 September 2019\n\n"
         "The telescope has superior sensitivity to detect radio bursts and pulsars.\n",
         "en", "Gigantic telescope opens to astronomers worldwide", "NEWS"},
        {"a label the prose uses less than the title's subject",
         "Accueil\n\nSant\u00e9\n\nLe paludisme recule en Afrique\n\nSelon l\u2019OMS, le nombre de cas de paludisme a "
         "baiss\u00e9 de moiti\u00e9 en Afrique depuis 2000, un progr\u00e8s pour la sant\u00e9 publique.\n\nLes moustiquaires "
         "impr\u00e9gn\u00e9es expliquent une grande partie de ce recul du paludisme dans les zones rurales.\n",
         "fr", "Le paludisme recule en Afrique", ""},
        {"a short title over a byline and a date",
         "Home\n\nClimate\n\nSarah J. Kaplan\n\n31 December 2020\n\nThe climate crisis made 2020 one of the hottest "
         "years on record, scientists said on Thursday in a new report.\n",
         "en", "Climate", "Sarah J. Kaplan"},
        {"... over two short lines (the trail rule asks too)",
         "Home\n\nBrexit\n\nBoris Johnson\n\n24 June 2016\n\nThe result of the Brexit referendum surprised the "
         "markets, which fell sharply on Friday morning in London.\n",
         "en", "Brexit", "Boris Johnson"},
        {"an elided article before the subject",
         "Accueil\n\nImmunoth\u00e9rapie\n\nMis \u00e0 jour le 12 mars 2023\n\nL\u2019immunoth\u00e9rapie d\u00e9signe un "
         "ensemble de traitements qui utilisent le syst\u00e8me immunitaire contre une maladie.\n",
         "fr", "Immunoth\u00e9rapie", ""},
        {"a date under a short line dates the title",
         "Home\n\nTalking\n\nJanuary 22, 2014\n\nWomen make up almost half of the fans of most sports leagues, and "
         "they talk about sports every day.\n",
         "en", "Talking", "January 22, 2014"},
        {"a label above a title of a sentence's length, with no cut heads to compare it with",
         "Startseite\n\nNachrichten\n\nSo k\u00f6nnen Internet-User nach dem EuGH-Urteil f\u00fcr den Schutz sensibler "
         "Daten sorgen\n\nRechtsanwalt Thomas Schulte liefert eine Einsch\u00e4tzung zum Urteil und zeigt, welche "
         "M\u00f6glichkeiten Nutzer haben.\n",
         "de", "So k\u00f6nnen Internet-User nach dem EuGH-Urteil f\u00fcr den Schutz sensibler Daten sorgen", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.why);
        base::Diagnostics d;
        const auto doc = build_article(c.text, d, {c.lang});
        EXPECT_EQ(doc.meta.title, c.title);
        const auto t = leaf_texts(doc.blocks);
        ASSERT_FALSE(t.empty());
        if (!c.first.empty()) {
            EXPECT_EQ(t[0], c.first);
        }
    }
}

TEST(ArticleBuild, AGermanDateIsNoListItem) {
    // German writes the day as an ordinal: "12. März 2023" is a date, "1. Erster Punkt" an item.
    const std::string text =
        "Startseite\n\n"
        "Ein Titel für den Test\n\n"
        "12. März 2023\n\n"
        "Der erste Absatz des Artikels ist lang genug, um als Text zu gelten, und er endet mit einem Punkt.\n\n"
        "1. Erster Punkt\n\n"
        "2. Zweiter Punkt\n";
    base::Diagnostics d;
    const auto doc = build_article(text, d, {"de"});
    std::vector<bool> ordered;
    for (const auto& b : doc.blocks) ordered.push_back(std::holds_alternative<model::OrderedList>(b.node));
    EXPECT_EQ(ordered, (std::vector<bool>{false, false, true}));
    EXPECT_EQ(leaf_texts(doc.blocks).front(), "12. März 2023");
}
