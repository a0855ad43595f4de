// Unit tests for language detection: common European languages, BCP 47 mapping, refusals.
#include <gtest/gtest.h>

#include "parse/language.hpp"

using folio::parse::detect_language;

TEST(Language, SameAnswersAfterTheTablesAreReleased) {
    const std::string text = "Der Stadtrat hat gestern Abend den Haushalt für das nächste Jahr beschlossen. "
                             "Die Bewohner können sich zu den geplanten Arbeiten in ihrem Viertel äußern.";
    ASSERT_EQ(detect_language(text), "de");
    folio::parse::release_language_tables();
    folio::parse::release_language_tables();
    EXPECT_EQ(detect_language(text), "de");
    EXPECT_EQ(detect_language("The city council approved next year's budget last night. Residents will be "
                              "able to comment on the works planned in their neighbourhood."),
              "en");
}

TEST(Language, French) {
    EXPECT_EQ(detect_language("Le conseil municipal a voté hier soir le budget de l'année prochaine. "
                              "Les habitants pourront donner leur avis sur les travaux prévus dans le quartier."),
              "fr");
}

TEST(Language, English) {
    EXPECT_EQ(detect_language("The city council approved next year's budget last night. Residents will be "
                              "able to comment on the works planned in their neighbourhood."),
              "en");
}

TEST(Language, German) {
    EXPECT_EQ(detect_language("Der Stadtrat hat gestern Abend den Haushalt für das nächste Jahr beschlossen. "
                              "Die Bewohner können sich zu den geplanten Arbeiten in ihrem Viertel äußern."),
              "de");
}

TEST(Language, Spanish) {
    EXPECT_EQ(detect_language("El ayuntamiento aprobó anoche el presupuesto del próximo año. Los vecinos "
                              "podrán opinar sobre las obras previstas en su barrio durante el mes de marzo."),
              "es");
}

TEST(Language, Italian) {
    EXPECT_EQ(detect_language("Il consiglio comunale ha approvato ieri sera il bilancio del prossimo anno. "
                              "I cittadini potranno esprimere il loro parere sui lavori previsti nel quartiere."),
              "it");
}

TEST(Language, Portuguese) {
    EXPECT_EQ(detect_language("A câmara municipal aprovou ontem à noite o orçamento do próximo ano. Os "
                              "moradores poderão opinar sobre as obras previstas no seu bairro."),
              "pt");
}

TEST(Language, HebrewUsesTheCurrentCode) {
    EXPECT_EQ(detect_language("שלום לכולם, אני שמח מאוד לראות אתכם היום כאן בעיר. מחר נלך יחד לים ונשחה במים."),
              "he");
}

TEST(Language, TraditionalChineseKeepsItsScriptSubtag) {
    EXPECT_EQ(detect_language("這是一個測試，我們今天要去公園散步，天氣非常好，大家都很開心。"), "zh-Hant");
}

TEST(Language, TooShortOrNotTextGivesNothing) {
    EXPECT_EQ(detect_language(""), "");
    EXPECT_EQ(detect_language("Hello"), "");
    EXPECT_EQ(detect_language("1234 5678 90 -- ** 42 3.14 2026-11-28 12:00"), "");
}

TEST(Language, InvalidUtf8IsTolerated) {
    EXPECT_EQ(detect_language("Le conseil municipal a vot\xFF hier soir le budget de l'ann\xE9" "e prochaine. "
                              "Les habitants pourront donner leur avis sur les travaux prévus dans le quartier."),
              "fr");
}
