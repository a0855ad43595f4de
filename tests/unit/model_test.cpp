// Unit tests for the document model's text views, heading ids and JSON dump.
#include <gtest/gtest.h>

#include "model/json.hpp"
#include "model/text.hpp"

using namespace folio::model;

namespace {

Inline text(std::string s) { return Inline{Text{std::move(s)}, {}}; }

Document sample() {
    Document d;
    d.meta.title = "Titre";
    d.meta.lang = "fr";
    d.meta.removed.push_back({"Home", "breadcrumb", {1, 1}});
    d.blocks.push_back(Block{Heading{1, {text("Les bases")}, ""}, {3, 1}});
    d.blocks.push_back(Block{Paragraph{{text("Un "), Inline{Emphasis{{text("mot")}}, {}}, text(" ici.")}}, {5, 1}});
    BulletList l;
    l.items.push_back(ListItem{{Block{Paragraph{{text("a b")}}, {}}}, std::nullopt});
    d.blocks.push_back(Block{std::move(l), {7, 1}});
    d.blocks.push_back(Block{Heading{2, {text("Les bases")}, ""}, {9, 1}});
    return d;
}

}  // namespace

TEST(ModelText, PlainTextFlattensInlines) {
    const Inlines xs{text("a "), Inline{Strong{{text("b")}}, {}}, Inline{LineBreak{}, {}}, text("c")};
    EXPECT_EQ(plain_text(xs), "a b c");
}

TEST(ModelText, BodyWordsInReadingOrder) {
    const auto words = body_words(sample());
    const std::vector<std::string> want{"Les", "bases", "Un", "mot", "ici.", "a", "b", "Les", "bases"};
    EXPECT_EQ(words, want);
}

TEST(ModelText, SplitWordsOnUnicodeSpaces) {
    EXPECT_EQ(split_words("a\u00a0b\u202fc  d\n"), (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST(ModelText, CountWordsAgreesWithSplitWords) {
    for (std::string_view s : {"", " ", "a", " a ", "a\u00a0b\u202fc  d\n", "\t\vx\ry\fz\u3000é\u2028ü",
                               "\x1c\x1d", "mot\u200bmot", "Les bases.\n\nUn mot ici."})
        EXPECT_EQ(count_words(s), split_words(s).size()) << s;
    EXPECT_EQ(count_body_words(sample()), body_words(sample()).size());
}

TEST(ModelText, HeadingIdsAreStableAndUnique) {
    Document d = sample();
    assign_heading_ids(d);
    EXPECT_EQ(std::get<Heading>(d.blocks[0].node).id, "les-bases");
    EXPECT_EQ(std::get<Heading>(d.blocks[3].node).id, "les-bases-1");
}

TEST(ModelJson, GoldenDump) {
    Document d = sample();
    assign_heading_ids(d);
    const std::string got = to_json(d);
    const std::string want = R"({
 "meta": {
  "title": "Titre",
  "authors": [],
  "lang": "fr",
  "removed": [
   {
    "text": "Home",
    "reason": "breadcrumb",
    "pos": "1:1"
   }
  ]
 },
 "blocks": [
  {
   "t": "heading",
   "level": 1,
   "id": "les-bases",
   "c": [
    {
     "t": "text",
     "text": "Les bases"
    }
   ],
   "pos": "3:1"
  },
  {
   "t": "para",
   "c": [
    {
     "t": "text",
     "text": "Un "
    },
    {
     "t": "emph",
     "c": [
      {
       "t": "text",
       "text": "mot"
      }
     ]
    },
    {
     "t": "text",
     "text": " ici."
    }
   ],
   "pos": "5:1"
  },
  {
   "t": "bullets",
   "tight": true,
   "items": [
    {
     "c": [
      {
       "t": "para",
       "c": [
        {
         "t": "text",
         "text": "a b"
        }
       ]
      }
     ]
    }
   ],
   "pos": "7:1"
  },
  {
   "t": "heading",
   "level": 2,
   "id": "les-bases-1",
   "c": [
    {
     "t": "text",
     "text": "Les bases"
    }
   ],
   "pos": "9:1"
  }
 ],
 "footnotes": []
}
)";
    EXPECT_EQ(got, want);
}

TEST(Model, TheDocumentsOwnLanguageNeedsNoMark) {
    Document doc;
    doc.meta.lang = "en-US";
    Inlines xs;
    xs.push_back({LangSpan{"en-GB", {{Text{"colour"}, {}}}}, {}});
    xs.push_back({LangSpan{"fr", {{Text{"couleur"}, {}}}}, {}});
    Block p{Paragraph{xs}, {}};
    p.lang = "EN";
    doc.blocks.push_back(std::move(p));
    drop_document_language(doc);
    const auto& content = std::get<Paragraph>(doc.blocks[0].node).content;
    ASSERT_EQ(content.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<Text>(content[0].node));
    EXPECT_TRUE(std::holds_alternative<LangSpan>(content[1].node));
    EXPECT_TRUE(doc.blocks[0].lang.empty());
    EXPECT_TRUE(plausible_language_tag("pt-BR"));
    EXPECT_FALSE(plausible_language_tag("x y"));
    EXPECT_FALSE(plausible_language_tag("-en"));
}

TEST(ModelText, DatesAreShownAsAReaderWritesThem) {
    EXPECT_EQ(display_date("2026-06-12T18:11:51+03:00", "fr"), "12 juin 2026");
    EXPECT_EQ(display_date("2026-06-01", "fr-FR"), "1er juin 2026");
    EXPECT_EQ(display_date("2026-03-05", "de"), "5. März 2026");
    EXPECT_EQ(display_date("2026-11-28", "en"), "28 November 2026");
    EXPECT_EQ(display_date("2026-11-28", "en-US"), "November 28, 2026");
    EXPECT_EQ(display_date("2026-11-28", "es"), "28 de noviembre de 2026");
    EXPECT_EQ(display_date("2026-11-28", "pt-BR"), "28 de novembro de 2026");
    EXPECT_EQ(display_date("2026-11-28", "it"), "28 novembre 2026");
    EXPECT_EQ(display_date("2026-11-28 10:00", "nl"), "2026-11-28");
    // Anything else stays as written.
    EXPECT_EQ(display_date("June 12, 2026", "en"), "June 12, 2026");
    EXPECT_EQ(display_date("2026-13-01", "en"), "2026-13-01");
    EXPECT_EQ(display_date("2026", "en"), "2026");
    EXPECT_EQ(display_date("2026-06-12 (rev. 2027)", "en"), "2026-06-12 (rev. 2027)");
    EXPECT_EQ(display_date("2026-02-31", "en"), "2026-02-31");
    EXPECT_EQ(display_date("2028-02-29", "en"), "29 February 2028");
    EXPECT_EQ(display_date("2026-11-28", "en_US"), "November 28, 2026");
    EXPECT_EQ(display_date("", "en"), "");
}
