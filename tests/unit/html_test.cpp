// Unit tests for the HTML reader: extraction on small synthetic pages (boilerplate out, article
// in), title not repeated, metadata, nothing executable in the output, hostile pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "base/error.hpp"
#include "model/json.hpp"
#include "model/text.hpp"
#include "parse/dates.hpp"
#include "parse/html/metadata.hpp"
#include "parse/html/nesting.hpp"
#include "parse/reader.hpp"

using namespace folio;

namespace {

model::Document read(const std::string& html, base::Diagnostics& diag) {
    parse::ReadOptions opts;
    opts.smart = false;
    return parse::read_html(html, opts, diag);
}

model::Document read(const std::string& html) {
    base::Diagnostics diag("t.html");
    return read(html, diag);
}

std::string body_text(const model::Document& doc) {
    std::string s;
    for (const auto& w : model::body_words(doc)) s += w + " ";
    return s;
}

bool removed_with(const model::Document& doc, const std::string& reason, const std::string& needle) {
    for (const auto& r : doc.meta.removed)
        if (r.reason == reason && r.text.find(needle) != std::string::npos) return true;
    return false;
}

const std::string para =
    "This paragraph of the article is long enough to count, with commas, clauses, and a full stop at the end. ";

std::string page(const std::string& article_extra = "") {
    return "<!doctype html><html lang=\"en-GB\"><head><title>The Long Walk | Daily Site</title>"
           "<meta name=\"author\" content=\"Ann Writer\"><meta property=\"article:published_time\" content=\"2024-05-01\">"
           "<meta property=\"og:url\" content=\"https://example.org/walk\"><script>var secret = 'SCRIPTTEXT';</script>"
           "<style>p { color: red } STYLETEXT</style></head><body>"
           "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News NAVTEXT</a></nav>"
           "<div id=\"content\"><article><h1>The Long Walk</h1><p>" + para + "First.</p><p>" + para + "Second.</p><p>" + para +
           "Third.</p><p>" + para + "Fourth.</p><p>" + para + "Fifth.</p><p>" + para + "Sixth.</p><p>" + para + "Seventh.</p>" + article_extra + "</article>"
           "<div class=\"comments\"><p>Great post! COMMENTTEXT, really, truly, great, amazing, thanks.</p></div></div>"
           "<footer>Copyright FOOTERTEXT 2024</footer></body></html>";
}

}  // namespace

TEST(HtmlReader, KeepsTheArticleAndDropsBoilerplate) {
    const auto doc = read(page());
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("First."), std::string::npos);
    EXPECT_NE(text.find("Third."), std::string::npos);
    for (const char* gone : {"NAVTEXT", "COMMENTTEXT", "FOOTERTEXT"}) EXPECT_EQ(text.find(gone), std::string::npos) << gone;
    EXPECT_TRUE(removed_with(doc, "navigation", "NAVTEXT"));
    EXPECT_TRUE(removed_with(doc, "comments", "COMMENTTEXT"));
}

TEST(HtmlReader, PartsInAnotherLanguageKeepTheirLanguage) {
    const std::string page =
        "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head><body><article>"
        "<p>The first paragraph is long enough to be the article, and it quotes <q lang=\"de\">Freiheit "
        "f\u00fcr alle</q> in German, and <span lang=\"en-GB\">colour</span> in English.</p>"
        "<blockquote lang=\"fr\"><p>La libert\u00e9 consiste \u00e0 pouvoir faire tout ce qui ne nuit pas "
        "\u00e0 autrui, dit la D\u00e9claration de 1789.</p></blockquote>"
        "<p lang=\"x y\">Another English paragraph follows the quotation, with more words so that it stays.</p>"
        "</article></body></html>";
    const auto doc = read(page);
    ASSERT_GE(doc.blocks.size(), 3u);
    const auto& first = std::get<model::Paragraph>(doc.blocks[0].node).content;
    std::vector<std::string> spans;
    for (const auto& x : first)
        if (const auto* s = std::get_if<model::LangSpan>(&x.node)) spans.push_back(s->lang + ":" + model::plain_text(s->children));
    // "en-GB" in an English page is the page's own language: no span.
    EXPECT_EQ(spans, std::vector<std::string>{"de:Freiheit f\u00fcr alle"});
    EXPECT_TRUE(doc.blocks[0].lang.empty());
    EXPECT_EQ(doc.blocks[1].lang, "fr");
    EXPECT_TRUE(std::holds_alternative<model::BlockQuote>(doc.blocks[1].node));
    EXPECT_TRUE(doc.blocks[2].lang.empty());  // not a language tag
}

TEST(HtmlReader, ShortLinkFreeBlocksStayAndAdLabelsGo) {
    const auto doc = read(page("<div><div><span>SHORTLINE one.</span></div></div>"
                               "<div class=\"slot\">Advertisement</div>"
                               "<div><a href=\"/x\">LINKBOX</a></div>"
                               "<div class=\"signup-modal\"><p>" + para + "MODALTEXT</p></div>"));
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("SHORTLINE"), std::string::npos);
    for (const char* gone : {"Advertisement", "LINKBOX", "MODALTEXT"}) EXPECT_EQ(text.find(gone), std::string::npos) << gone;
    EXPECT_TRUE(removed_with(doc, "advertising", "Advertisement"));
}

TEST(HtmlReader, AltTextRepeatingTheTitleOrTheCaptionOrOnlyACreditIsNotKept) {
    const auto doc = read(page("<p><img src=\"https://x.org/lead.png\" alt=\"The Long Walk\"></p>"
                               "<div class=\"image\"><img src=\"https://x.org/b.png\" alt=\"Hikers on the ridge at da\"></div>"
                               "<p class=\"caption\">Hikers on the ridge at dawn.</p>"
                               "<p><img src=\"https://x.org/c.png\" alt=\"A red cat\"></p>"
                               "<p><img src=\"https://x.org/d.png\" alt=\"(Credit: PhotoAgency)\"></p>"));
    const std::string text = body_text(doc);
    EXPECT_EQ(text.find("Long"), std::string::npos);
    EXPECT_EQ(text.find("da "), std::string::npos);
    EXPECT_NE(text.find("dawn."), std::string::npos);
    EXPECT_NE(text.find("red cat"), std::string::npos);
    EXPECT_EQ(text.find("PhotoAgency"), std::string::npos);
}

TEST(HtmlReader, ScriptAndStyleNeverReachTheOutput) {
    const auto doc = read(page("<p>Inline <script>alert('SCRIPT2')</script>text <a href=\"javascript:alert(1)\" onclick=\"x()\">click</a>.</p>"));
    const std::string json = model::to_json(doc);
    for (const char* bad : {"SCRIPTTEXT", "STYLETEXT", "SCRIPT2", "javascript:", "onclick"})
        EXPECT_EQ(json.find(bad), std::string::npos) << bad;
    EXPECT_NE(json.find("click"), std::string::npos);  // the link's text stays
}

TEST(HtmlReader, ScriptBodiesLeftOutKeepEveryPositionAfterThem) {
    // Scripts and style sheets are not parsed, but the lines and columns after them stay true.
    const std::string script = "<script>\nvar a = 1;\n\tvar b = 'é';</script>";
    const std::string body = "<body>\n<p>" + para + "</p>\n  <p>" + para + "</p></body>";
    const auto with = read("<html><head>" + script + "<style>\tp{}\n</style></head>" + body);
    const auto without = read("<html><head>" + std::string("<!--\nvar a = 1;\n\tvar b = 'é';-->") + "<!--\tp{}\n--></head>" + body);
    ASSERT_EQ(with.blocks.size(), 2u);
    ASSERT_EQ(without.blocks.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(with.blocks[i].pos.line, without.blocks[i].pos.line);
        EXPECT_EQ(with.blocks[i].pos.col, without.blocks[i].pos.col);
    }
    EXPECT_EQ(with.blocks[1].pos.line, 6u);
}

TEST(HtmlReader, TitleIsNotRepeatedAsFirstHeading) {
    const auto doc = read(page());
    EXPECT_EQ(doc.meta.title, "The Long Walk");
    ASSERT_FALSE(doc.blocks.empty());
    EXPECT_FALSE(std::holds_alternative<model::Heading>(doc.blocks.front().node));
}

TEST(HtmlReader, ReadsMetadata) {
    const auto doc = read(page());
    EXPECT_EQ(doc.meta.lang, "en-GB");
    ASSERT_EQ(doc.meta.authors.size(), 1u);
    EXPECT_EQ(doc.meta.authors[0], "Ann Writer");
    EXPECT_EQ(doc.meta.date, "2024-05-01");
    EXPECT_EQ(doc.meta.source_url, "https://example.org/walk");
}

TEST(HtmlReader, JsonLdWinsForHeadlineAuthorAndDate) {
    const std::string jsonld =
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Caf\\u00e9 \\\"Story\\\"\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Bo One\"},{\"@type\":\"Person\",\"name\":\"Cy Two\"}],"
        "\"datePublished\":\"2023-01-02T03:04:05Z\"}</script>";
    const auto doc = read("<html><head>" + jsonld + "</head><body><p>" + para + "</p></body></html>");
    EXPECT_EQ(doc.meta.title, "Café \"Story\"");
    ASSERT_EQ(doc.meta.authors.size(), 2u);
    EXPECT_EQ(doc.meta.authors[1], "Cy Two");
    EXPECT_EQ(doc.meta.date, "2023-01-02T03:04:05Z");
}

TEST(HtmlReader, MapsStructure) {
    const auto doc = read("<html><body><article><p>" + para + "<em>em</em> <strong>strong</strong><br>next</p>"
                          "<h2>Part</h2><ul><li>one</li><li>two</li></ul><blockquote><p>" + para + "</p></blockquote>"
                          "<pre><code class=\"language-cpp\">int x;\n  y();</code></pre>"
                          "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></article></body></html>");
    bool heading = false, list = false, quote = false, code = false, table = false;
    for (const auto& b : doc.blocks) {
        heading = heading || std::holds_alternative<model::Heading>(b.node);
        list = list || std::holds_alternative<model::BulletList>(b.node);
        quote = quote || std::holds_alternative<model::BlockQuote>(b.node);
        if (const auto* c = std::get_if<model::CodeBlock>(&b.node)) {
            code = true;
            EXPECT_EQ(c->language, "cpp");
            EXPECT_EQ(c->text, "int x;\n  y();");
        }
        if (const auto* t = std::get_if<model::Table>(&b.node)) {
            table = true;
            EXPECT_EQ(t->head.size(), 1u);
            EXPECT_EQ(t->body.size(), 1u);
        }
    }
    EXPECT_TRUE(heading && list && quote && code && table);
}

TEST(HtmlReader, RemoteImagesKeepTheirAltTextWithAWarning) {
    base::Diagnostics diag("t.html");
    const auto doc = read("<html><body><p>" + para + "</p><figure><img src=\"https://x.org/a.png\" alt=\"A red cat\">"
                          "<figcaption>The cat</figcaption></figure></body></html>", diag);
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("red cat"), std::string::npos);
    bool warned = false;
    for (const auto& d : diag.items()) warned = warned || d.message.find("not local") != std::string::npos;
    EXPECT_TRUE(warned);
    // The description is set in italics, as a caption is, not as the article's text; so is a
    // long one inside a paragraph, parted from the text after it, while an icon's word is text.
    const auto* first = std::get_if<model::Paragraph>(&doc.blocks.at(1).node);
    ASSERT_NE(first, nullptr);
    ASSERT_EQ(first->content.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<model::Emphasis>(first->content.front().node));
    const auto doc2 = read("<html><body><p>" + para + "</p><p>Before <img src=\"https://x.org/b.png\" alt=\"A long description "
                           "of the photo\">Glued <img src=\"https://x.org/i.png\" alt=\"star\"> end.</p></body></html>");
    const auto* p2 = std::get_if<model::Paragraph>(&doc2.blocks.at(1).node);
    ASSERT_NE(p2, nullptr);
    ASSERT_GE(p2->content.size(), 3u);
    EXPECT_TRUE(std::holds_alternative<model::Emphasis>(p2->content[1].node));
    EXPECT_EQ(model::plain_text(p2->content), "Before A long description of the photo Glued star end.");
}

TEST(HtmlReader, CaptionsAreSetAsCaptionsNotAsTheArticlesText) {
    // The caption of a figure whose picture is not shown, a caption set as a paragraph of its
    // own after its picture ("<img><p class=caption>"), and a block after a picture that says
    // its alt text again, are set in italics (the alt text once only); a paragraph
    // of the text is not, nor are the paragraphs of a box whose name only mentions captions.
    const auto doc = read("<html><body><article><p>" + para + "</p><p>" + para + "</p><figure><img src=\"https://x.org/a.png\" "
                          "alt=\"\"><figcaption>A man walks past the building on Monday.</figcaption></figure><p>" + para +
                          "</p><div><img src=\"https://x.org/b.png\" alt=\"\"><p class=\"caption\">Ricky Breaux wades in "
                          "from the ocean, near a pool of oil.</p></div><p>" + para + "</p><div><div><img src=\"https://x.org/c.png\" "
                          "alt=\"Senator Kaine speaks in Richmond.\"></div><div>Senator Kaine speaks in Richmond.</div></div><p>" +
                          para + "</p><div class=\"has-caption-styles\"><p>" +
                          para + "</p><p>The second paragraph of the box, " + para + "</p></div></article></body></html>");
    std::vector<std::pair<std::string, bool>> paras;  // text, set in italics
    for (const auto& b : doc.blocks)
        if (const auto* p = std::get_if<model::Paragraph>(&b.node))
            paras.emplace_back(model::plain_text(p->content),
                               p->content.size() == 1 && std::holds_alternative<model::Emphasis>(p->content.front().node));
    std::size_t captions = 0, text = 0;
    for (const auto& [t, italic] : paras) {
        const bool caption = t == "A man walks past the building on Monday." || t == "Ricky Breaux wades in from the ocean, near a pool of oil." ||
                             t == "Senator Kaine speaks in Richmond.";
        EXPECT_EQ(italic, caption) << t;
        ++(caption ? captions : text);
    }
    EXPECT_EQ(captions, 3u);
    EXPECT_GE(text, 6u);
}

TEST(HtmlReader, AltTextsThatSayNothingAreNotKept) {
    // A file name or a slug, a template shared by three images, an alt the caption right after
    // repeats, the word "screenshot".
    const std::string imgs =
        "<p><img src=\"https://x.org/1.jpg\" alt=\"IMG_3886.jpg\"></p>"
        "<p><img src=\"https://x.org/2.jpg\" alt=\"0225-lupita-getty-01\"></p>"
        "<p><img src=\"https://x.org/3.jpg\" alt=\"Illustration for article\"></p>"
        "<p><img src=\"https://x.org/4.jpg\" alt=\"Illustration for article\"></p>"
        "<p><img src=\"https://x.org/5.jpg\" alt=\"Illustration for article\"></p>"
        "<figure><img src=\"https://x.org/6.jpg\" alt=\"Dig a hole in the oasis.\"></figure>"
        "<figcaption>Dig a hole in the oasis. (Lucy Akins)</figcaption>"
        "<p><img src=\"https://x.org/7.jpg\" alt=\"A red cat on a mat\"></p>"
        "<p><img src=\"https://x.org/8.png\" alt=\"Screen Shot 2011-08-13 at 4.55.35 PM\"></p>"
        "<p><img src=\"https://x.org/9.png\" alt=\"girl-on-the-train-box-office\"></p>"
        "<p><img src=\"https://x.org/10.png\" alt=\"thefirstnewuniverse_book1\"></p>"
        "<p><img src=\"https://x.org/11.png\" alt=\"190419gak01\"></p>"
        "<p><img src=\"https://x.org/12.png\" alt=\"screenshot\"></p>"
        "<p><img src=\"https://x.org/13.png\" alt=\"kangaroo\"></p>";
    const std::string text = body_text(read(page(imgs)));
    for (const char* gone : {"IMG_3886", "lupita", "Illustration", "Screen Shot", "box-office", "universe", "gak01", "screenshot"})
        EXPECT_EQ(text.find(gone), std::string::npos) << gone;
    EXPECT_NE(text.find("kangaroo"), std::string::npos);
    EXPECT_EQ(text.find("Dig"), text.rfind("Dig"));  // once, from the caption
    EXPECT_NE(text.find("(Lucy"), std::string::npos);
    EXPECT_NE(text.find("red cat"), std::string::npos);
    EXPECT_EQ(text.find("PhotoAgency"), std::string::npos);
}

TEST(HtmlReader, CellsOfADataTableAreNotCleanedAway) {
    std::string rows;
    for (int r = 0; r < 4; ++r)
        rows += "<tr><td><div><a href=\"https://x.org/app\">App number " + std::to_string(r) + "</a></div></td><td><div>7 MB</div></td></tr>";
    const std::string table = "<table><colgroup><col><col></colgroup><tr><td><div>Application</div></td><td><div>Size</div></td></tr>" +
                              rows + "</table>";
    const std::string text = body_text(read(page(table)));
    for (const char* kept : {"Application", "App number 3", "7 MB"}) EXPECT_NE(text.find(kept), std::string::npos) << kept;
}

TEST(HtmlReader, BylineFromAnAuthorClassTakesTheInnermostName) {
    const auto doc = read("<html><body><article><div class=\"article-author\"><img class=\"author-avatar\" src=\"a.png\"> "
                          "<a class=\"author-name\" href=\"/a\">Joan Sokol</a> <span class=\"author-title\">Games Editor</span> "
                          "<em>May 20, 2019</em></div>"
                          "<p>" + para + "</p><p>" + para + "</p><p>" + para + "</p></article></body></html>");
    ASSERT_EQ(doc.meta.authors.size(), 1u);
    EXPECT_EQ(doc.meta.authors[0], "Joan Sokol");
}

TEST(HtmlReader, JsonLdNameMatchingTheTitleBeatsAnUnrelatedHeadline) {
    const std::string jsonld =
        "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"name\":\"New Zealand\","
        "\"publisher\":{\"name\":\"Wikimedia Foundation, Inc.\"},\"headline\":\"constitutional monarchy in Oceania\"}</script>";
    const auto doc = read("<html><head><title>New Zealand - Wikipedia</title>" + jsonld + "</head><body><p>" + para + "</p></body></html>");
    EXPECT_EQ(doc.meta.title, "New Zealand");
}

TEST(HtmlReader, PagesWithoutTextGiveAnEmptyDocumentAndAWarning) {
    for (const std::string html : {"", "<frameset><frame src=\"a.html\"></frameset>", "<script>only()</script>",
                                   "<div></p></table><p></b>"}) {
        base::Diagnostics diag("t.html");
        const auto doc = read(html, diag);
        EXPECT_TRUE(model::body_words(doc).empty()) << html;
    }
}

TEST(HtmlReader, DeepNestingIsBoundedAndFast) {
    std::string html = "<html><body>";
    for (int i = 0; i < 200000; ++i) html += "<div>";
    html += para;
    for (int i = 0; i < 200000; ++i) html += "<blockquote>";
    html += "deep";
    const auto t0 = std::chrono::steady_clock::now();
    const auto doc = read(html);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_NE(body_text(doc).find("deep"), std::string::npos);
    EXPECT_LT(s, 20.0);
}

TEST(HtmlReader, AttributesPastTheLimitAreBlankedAndPositionsStay) {
    // gumbo looks for a duplicate among an element's earlier attributes for each new one:
    // 100,000 attributes on one tag took 20 s. Past the limit they become spaces (line breaks
    // kept), so the text after them keeps its line and column; a tag removed by the nesting
    // cap goes whole, attributes and all.
    std::string attrs;
    for (int i = 0; i < 3000; ++i) attrs += " data-a" + std::to_string(i) + "=\"v" + std::to_string(i) + "\"" + (i % 500 == 0 ? "\n" : "");
    std::size_t removed = 0, blanked = 0;
    const std::string page = "<p" + attrs + ">Text é</p>";
    const std::string capped = parse::html::cap_nesting(page, removed, &blanked);
    EXPECT_EQ(blanked, 3000 - parse::html::max_tag_attributes);
    EXPECT_EQ(removed, 0u);
    EXPECT_EQ(std::count(capped.begin(), capped.end(), '\n'), std::count(page.begin(), page.end(), '\n'));
    EXPECT_NE(capped.find("data-a255=\"v255\""), std::string::npos);
    EXPECT_EQ(capped.find("data-a256"), std::string::npos);
    EXPECT_TRUE(capped.ends_with(">Text é</p>"));
    // The same line and column for the text after the tag.
    auto last_line_length = [](const std::string& x) { return x.size() - x.rfind('\n'); };
    EXPECT_EQ(last_line_length(capped), last_line_length(page));
    std::string deep;
    for (int i = 0; i < 600; ++i) deep += "<div" + attrs + ">";
    deep += "words";
    const std::string capped_deep = parse::html::cap_nesting(deep, removed, &blanked);
    EXPECT_EQ(removed, 600 - parse::html::max_source_nesting);
    EXPECT_TRUE(capped_deep.ends_with(">words"));
    EXPECT_LT(capped_deep.size(), deep.size());
    const auto t0 = std::chrono::steady_clock::now();
    const auto doc = read("<html><body><p" + attrs + attrs + attrs + ">" + para + "</p></body></html>");
    EXPECT_NE(body_text(doc).find("full stop at the end"), std::string::npos);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 20.0);
}

TEST(HtmlReader, AStrayQuoteAfterAnAttributeValueOpensNothing) {
    // src="a.js"" (a typo on many pages): as the HTML tokenizer reads it, the second quote is a
    // character of the next attribute's name, not the start of a value that would run to the
    // next quote of the page and take the text between for attributes.
    std::string words;
    for (int i = 0; i < 1500; ++i) words += "word" + std::to_string(i) + (i % 10 == 9 ? ", " : " ");
    const std::string html = "<html><body><img src=\"a.png\"\" alt=\"x\"><article><p>" + words + "LASTWORD on a 5\" screen.</p><p>" +
                             para + "</p></article></body></html>";
    const std::string text = body_text(read(html));
    EXPECT_NE(text.find("word0 "), std::string::npos);
    EXPECT_NE(text.find("LASTWORD"), std::string::npos);
}

TEST(HtmlReader, DeclaredLegacyCharsetIsDecoded) {
    const std::string html = "<html><head><meta charset=\"windows-1252\"></head><body><p>" + para + "Caf\xE9.</p></body></html>";
    EXPECT_NE(body_text(read(html)).find("Café."), std::string::npos);
}

TEST(HtmlReader, FormatFromName) {
    EXPECT_EQ(parse::format_from_name("a/page.HTML"), parse::InputFormat::Html);
    EXPECT_EQ(parse::format_from_name("page.htm"), parse::InputFormat::Html);
    EXPECT_EQ(parse::format_from_name("page.txt"), parse::InputFormat::Article);
}

TEST(HtmlReader, APageOnStandardInputIsKnownByItsOpening) {
    using parse::InputFormat;
    EXPECT_EQ(parse::format_of("-", "<!DOCTYPE html>\n<html lang=\"de\"><body><p>x</p></body></html>"), InputFormat::Html);
    EXPECT_EQ(parse::format_of("-", "\xEF\xBB\xBF  \r\n<HTML>\n<body>x</body></HTML>"), InputFormat::Html);
    EXPECT_EQ(parse::format_of("saved", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"), InputFormat::Html);
    EXPECT_EQ(parse::format_of("page.txt", "<!doctype html><title>t</title>"), InputFormat::Html);
    // An article that mentions markup, or a Markdown file that starts with it, is what its name says.
    EXPECT_EQ(parse::format_of("-", "Home\n\nA title\n\nThe <html> element is the root."), InputFormat::Article);
    EXPECT_EQ(parse::format_of("-", "<htmlish>"), InputFormat::Article);
    EXPECT_EQ(parse::format_of("notes.md", "<!DOCTYPE html>"), InputFormat::Markdown);
    EXPECT_EQ(parse::format_of("-", ""), InputFormat::Article);
}

TEST(HtmlReader, AHeadingWhoseIdNamesAJumpTargetStays) {
    // "nav_..." ids are anchors of a table of contents, not navigation.
    const auto doc = read(page("<h3 id=\"nav_schredder_statt_ofen\">Schredder statt Ofen</h3><p>" + para + "Eighth.</p>"));
    EXPECT_NE(body_text(doc).find("Schredder"), std::string::npos);
}

TEST(HtmlReader, AnAsideHoldingTheSchemaOrgArticleIsTheArticle) {
    // Some sites wrap the whole story in an <aside>; its schema.org markup says what it is.
    const std::string html =
        "<!doctype html><html lang=\"en\"><head><title>Prize</title></head><body><main><aside class=\"pa\">"
        "<section itemscope itemtype=\"http://schema.org/Article\"><h1>Prize</h1><div itemprop=\"description\"><p>" + para +
        para + "STORYTEXT.</p></div></section></aside></main><footer><p>Copyright, rights, reserved, all of them, here.</p></footer></body></html>";
    EXPECT_NE(body_text(read(html)).find("STORYTEXT"), std::string::npos);
}

TEST(HtmlReader, WhatIsLeftOfRemovedBoxesAtTheEndGoes) {
    // A heading with nothing after it, a label ending in a colon, and the article's own footer
    // of categories go; a short last paragraph that is prose stays.
    const auto doc = read(page("<p>Keep talking!</p><footer class=\"entry-meta\">Posted in POSTEDTEXT by someone.</footer>"
                               "<p><strong>Share this article:</strong></p><h4>Elsewhere on the site</h4>"));
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("Keep talking!"), std::string::npos);
    for (const char* gone : {"POSTEDTEXT", "Share this", "Elsewhere"}) EXPECT_EQ(text.find(gone), std::string::npos) << gone;
    EXPECT_TRUE(removed_with(doc, "trailing-heading", "Elsewhere on the site"));
}

TEST(HtmlReader, ATeaserOfAnotherStoryAtTheEndGoes) {
    // A card at the end of the article: a picture, a sentence and a "Weiterlesen" link to
    // another story. A paragraph that merely contains a link stays.
    const auto doc = read(page("<p>Read the <a href=\"https://example.org/x\">report</a> itself, it is long.</p>"
                               "<div class=\"snippet\"><div class=\"snippet__text\">Summer is here at last, and TEASERTEXT says so in a long "
                               "sentence about holidays on an island in the sun. "
                               "<strong><a href=\"https://example.org/y\">Weiterlesen</a></strong></div></div>"));
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("report"), std::string::npos);
    EXPECT_EQ(text.find("TEASERTEXT"), std::string::npos);
    EXPECT_TRUE(removed_with(doc, "read-more", "TEASERTEXT"));
}

TEST(HtmlReader, ASectionOfRelatedStoriesAfterTheArticleGoes) {
    // "Ähnliche Beiträge" late in the article starts teasers of other stories: they go with it.
    // The same words early in an article are its own heading.
    const auto doc = read(page("<h3>\u00c4hnliche Beitr\u00e4ge</h3><p>Die einzelnen Stoffteile, RELATEDTEXT, w\u00e4ren schon schlimm genug.</p>"
                               "<p>Weiterlesen...</p>"));
    const std::string text = body_text(doc);
    EXPECT_EQ(text.find("RELATEDTEXT"), std::string::npos);
    EXPECT_TRUE(removed_with(doc, "related-links", "RELATEDTEXT"));
    const std::string early =
        "<!doctype html><html lang=\"en\"><head><title>T</title></head><body><article><h1>T</h1><h2>Related work</h2><p>" + para +
        "</p><h2>Related posts</h2><p>" + para + "EARLYTEXT.</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p></article></body></html>";
    EXPECT_NE(body_text(read(early)).find("EARLYTEXT"), std::string::npos);
    // A paragraph says it too, over a list of links; over the article's own prose it stays.
    const auto para_links = read(page("<p><strong>À lire aussi :</strong></p><ul><li><a href=\"/a\">LINKONE L'affaire "
                                      "camouflée</a></li><li><a href=\"/b\">Des soirées cocktail</a></li></ul>"));
    EXPECT_EQ(body_text(para_links).find("LINKONE"), std::string::npos) << body_text(para_links);
    EXPECT_EQ(body_text(para_links).find("lire aussi"), std::string::npos) << body_text(para_links);
    EXPECT_TRUE(removed_with(para_links, "related-links", "LINKONE"));
    const auto para_prose = read(page("<p>Lire aussi</p><p>Le juge a déclaré, PROSETEXT, qu'il ne se retirait pas.</p>"));
    EXPECT_NE(body_text(para_prose).find("PROSETEXT"), std::string::npos);
}

TEST(HtmlReader, ReadersCommentsUnderAHeadingLateInTheArticleGo) {
    // "#1 Kommentar von …" opens the comments; French "Comment faire" is the article's heading.
    const auto doc = read(page("<h3>#1 Kommentar von Naru-chan</h3><p>Danke f\u00fcr dieses Kapitel, COMMENTTWO, wirklich.</p>"));
    EXPECT_EQ(body_text(doc).find("COMMENTTWO"), std::string::npos);
    EXPECT_TRUE(removed_with(doc, "comments", "COMMENTTWO"));
    const auto fr = read(page("<h3>Comment faire</h3><p>On commence par le d\u00e9but, HOWTEXT, puis on continue.</p>"));
    EXPECT_NE(body_text(fr).find("HOWTEXT"), std::string::npos);
}

TEST(HtmlReader, TheNextStoriesShownInFullBelowTheArticleGo) {
    // An endless scroll: under the article, two more stories with their own headlines of the same
    // class and more text than the article. The headline that matches the page's title says which
    // is the article.
    std::string next;
    for (const char* name : {"NEXTONE", "NEXTTWO"}) {
        next += std::string("<div class=\"post-add-story\"><h1 class=\"post-title\">Another Story About Something Else Entirely</h1>");
        for (int k = 0; k < 8; ++k) next += "<p>" + para + name + ".</p>";
        next += "</div>";
    }
    const std::string html =
        "<!doctype html><html lang=\"en\"><head><title>The Long Walk Across the Hills | Daily Site</title></head><body>"
        "<article><header><h1 class=\"post-title entry-title\">The Long Walk Across the Hills</h1></header>"
        "<div class=\"content-main\"><p>" + para + "First.</p><p>" + para + "Second.</p><p>" + para + "Third.</p></div>"
        "<div class=\"post-add-box\">" + next + "</div></article></body></html>";
    const auto doc = read(html);
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("First."), std::string::npos);
    EXPECT_NE(text.find("Third."), std::string::npos);
    EXPECT_EQ(text.find("NEXTONE"), std::string::npos);
    EXPECT_EQ(text.find("NEXTTWO"), std::string::npos);
}

TEST(HtmlReader, AFigureThatLinksToAnotherStoryWithItsHeadlineGoes) {
    // A teaser set in the text: picture, headline and summary, all one link to another story.
    const std::string teaser =
        "<figure class=\"layout\"><a href=\"https://example.org/other\"><img src=\"x.jpg\" alt=\"\">"
        "<figcaption><h3>TEASERHEAD</h3><p>The summary of another story, TEASERTEXT, told in one sentence.</p>"
        "</figcaption></a></figure>";
    const std::string kept = "<figure><img src=\"walk.jpg\" alt=\"The hills\"><figcaption>The hills at dawn, "
                             "<a href=\"https://example.org/photographer\">by a photographer</a>.</figcaption></figure>";
    const auto doc = read(page(teaser + kept));
    const std::string text = body_text(doc);
    EXPECT_EQ(text.find("TEASERHEAD"), std::string::npos);
    EXPECT_EQ(text.find("TEASERTEXT"), std::string::npos);
    EXPECT_NE(text.find("dawn"), std::string::npos);
    EXPECT_TRUE(removed_with(doc, "related-links", "TEASERHEAD"));
}

TEST(HtmlReader, ACallToActionBoxGoes) {
    const auto doc = read(page("<div class=\"white-bg cta-holder\"><a href=\"https://example.org/cta\">"
                               "<img src=\"https://example.org/cta.png\" alt=\"CTATEXT Sign up now\"></a></div>"));
    EXPECT_EQ(body_text(doc).find("CTATEXT"), std::string::npos);
    EXPECT_NE(body_text(doc).find("Seventh."), std::string::npos);
}

TEST(HtmlReader, AWikiNavigationBoxGoes) {
    const auto doc = read(page("<table class=\"vertical-navbox nowraplinks\"><tr><th>Machine learning</th></tr><tr><td>"
                               "<ul><li><a href=\"/wiki/a\">NAVBOXTEXT one</a></li><li><a href=\"/wiki/b\">Graphical models</a></li>"
                               "</ul></td></tr></table>"));
    EXPECT_EQ(body_text(doc).find("NAVBOXTEXT"), std::string::npos);
    EXPECT_NE(body_text(doc).find("Seventh."), std::string::npos);
}

TEST(HtmlReader, TheSiteNameIsNotPartOfTheTitle) {
    // An SEO plugin's JSON-LD headline carries the site's name; the title is the headline alone.
    const std::string html =
        "<!doctype html><html><head><title>Floods in the North | Daily Site</title>"
        "<meta property=\"og:site_name\" content=\"Daily Site\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Floods in the North | Daily Site\"}</script>"
        "</head><body><article><h1>Floods in the North</h1><p>" + para + "</p><p>" + para + "</p></article></body></html>";
    const auto doc = read(html);
    EXPECT_EQ(doc.meta.title, "Floods in the North");
}

TEST(HtmlReader, AHeadlineThatSaysMoreThanTheTitleIsTheTitle) {
    // The <title> shortens the headline; a section label stands above it.
    const std::string html =
        "<!doctype html><html><head><title>Floods in the North | Daily Site</title></head><body><article>"
        "<h3><a href=\"/news\">News</a></h3><h1>Floods in the North Worsen Overnight</h1><p>" + para + "</p><p>" + para +
        "</p></article></body></html>";
    const auto doc = read(html);
    EXPECT_EQ(doc.meta.title, "Floods in the North Worsen Overnight");
    EXPECT_EQ(body_text(doc).find("Worsen"), std::string::npos);
}

TEST(HtmlReader, TheHeadlineTwiceOrSectionHeadingsOfItsClassLeaveTheArticleWhole) {
    const std::string head = "<!doctype html><html><head><title>How to Build a Terrarium at Home | Daily Site</title></head><body>";
    std::string body;
    for (int k = 0; k < 5; ++k) body += "<p>" + para + "Part" + std::to_string(k) + ".</p>";
    // One copy of the headline for small screens, one for large ones.
    const auto twice = read(head + "<div id=\"main\"><div class=\"hero\"><h1 class=\"title d-md-none\">How to Build a Terrarium at Home</h1></div>"
                               "<div class=\"story\"><h1 class=\"title d-none d-md-block\">How to Build a Terrarium at Home</h1>" + body +
                               "</div></div></body></html>");
    EXPECT_NE(body_text(twice).find("Part4."), std::string::npos) << body_text(twice);
    // Section headings set as <h1> of the headline's class inside the article's body.
    const auto sections = read(head + "<article><header><h1 class=\"heading\">How to Build a Terrarium at Home</h1></header>"
                                  "<div class=\"body\">" + body + "<h1 class=\"heading\">What You Need Before You Start</h1>" + body +
                                  "</div></article></body></html>");
    EXPECT_NE(body_text(sections).find("Part0."), std::string::npos) << body_text(sections);
    EXPECT_NE(body_text(sections).find("What You Need"), std::string::npos);
}

TEST(HtmlReader, AFigureLinkedToItsOwnPictureStays) {
    const auto doc = read(page("<figure><a href=\"/img/chart-full.png\"><img src=\"chart.png\" alt=\"\"><figcaption>"
                               "<h4>CHARTHEAD</h4>Sales by month, with the summer peak.</figcaption></a></figure>"));
    EXPECT_NE(body_text(doc).find("CHARTHEAD"), std::string::npos);
}

TEST(HtmlReader, AuthorNamesComeWithoutDatesAgenciesOrBy) {
    using parse::html::author_name;
    EXPECT_EQ(author_name("By Nathan Willis\n   March 25, 2015"), "Nathan Willis");
    EXPECT_EQ(author_name("Saibal Dasgupta / TNN / Updated: Oct 9, 2019, 11:05 IST"), "Saibal Dasgupta");
    EXPECT_EQ(author_name("Joe Davidson Washington PostDec 13, 2016 at 3:45 pm"), "Joe Davidson Washington Post");
    EXPECT_EQ(author_name("Zach Hanlon 5 minute Read"), "Zach Hanlon");
    EXPECT_EQ(author_name("ByTravis Haney"), "Travis Haney");
    EXPECT_EQ(author_name("Byby JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL December 16, 2016, 4:19 PM"),
              "JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL");
    EXPECT_EQ(author_name("Laura E. Adkins December 28, 2016"), "Laura E. Adkins");
    EXPECT_EQ(author_name("Politik · Jochen Bittner, Tina Hildebrandt"), "Jochen Bittner, Tina Hildebrandt");
    EXPECT_EQ(author_name("Written by Rob Ewaschuk Edited by Betsy Beyer"), "Rob Ewaschuk");
    EXPECT_EQ(author_name("Ellyn Shook Ellyn Shook Creating the most truly human company in the digital age."), "Ellyn Shook");
    EXPECT_EQ(author_name("Par Jean Dupont, le 3 mars 2021"), "Jean Dupont");
    EXPECT_EQ(author_name("Von Anna Schmidt, 15. März 2023"), "Anna Schmidt");
    EXPECT_EQ(author_name("谢若含2017-03-01 14:27:02"), "谢若含");
    EXPECT_EQ(author_name("By Bryan Walsh Tuesday, Aug. 17, 2010"), "Bryan Walsh");
    EXPECT_EQ(author_name("Par Jean Dupont mardi 3 mars 2021"), "Jean Dupont");
    EXPECT_EQ(author_name("Por Ana Costa, ter\u00e7a-feira, 2 de mar\u00e7o de 2021"), "Ana Costa");
    // Names that look like the words around a name stay whole.
    EXPECT_EQ(author_name("April Glaser"), "April Glaser");
    EXPECT_EQ(author_name("Di Maio"), "Di Maio");
    EXPECT_EQ(author_name("Von der Leyen"), "Von der Leyen");
    EXPECT_EQ(author_name("May Sarton"), "May Sarton");
    EXPECT_EQ(author_name("Thanh Le"), "Thanh Le");
    EXPECT_EQ(author_name("Lisa Du"), "Lisa Du");
    EXPECT_EQ(author_name("Sirhan Sirhan"), "Sirhan Sirhan");
    EXPECT_EQ(author_name("Pl\u00e1cido Domingo, 3 de marzo de 2020"), "Pl\u00e1cido Domingo");
    EXPECT_EQ(author_name("Marcel\u00b7l\u00ed Ant\u00fanez"), "Marcel\u00b7l\u00ed Ant\u00fanez");
    EXPECT_EQ(author_name(std::string(100000, '|')), "");  // long junk ends quickly
    // Nothing that names anybody.
    EXPECT_EQ(author_name("December 20, 2016"), "");
    EXPECT_EQ(author_name("Dec 1st 2016 1:01PM"), "");
    EXPECT_EQ(author_name("By"), "");
    EXPECT_EQ(author_name("Last Updated: January 7, 2025"), "");
}

TEST(HtmlReader, TheArticlesOpeningInARowOfItsOwnIsKept) {
    // The lead in a full-width row, the rest in a column beside a sidebar, an empty ad slot
    // between: the lead is the article's too. The headline above it is not taken as body.
    const std::string html =
        "<html><head><title>Growth slows</title></head><body><h1>Growth slows</h1><p class=\"byline\">By Ann Writer</p>"
        "<div class=\"row\"><div class=\"col\"><p>LEADONE of the article opens it, with commas, clauses, and a stop.</p>"
        "<p>LEADTWO of the article follows it, with commas, clauses, and a stop.</p></div></div>"
        "<div class=\"ad-slot\"></div>"
        "<div class=\"row wide\"><div class=\"col-main\"><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para +
        "</p></div><div class=\"col-side\"><a href=\"/x\">Other story</a></div></div></body></html>";
    const auto doc = read(html);
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("LEADONE"), std::string::npos) << text;
    EXPECT_LT(text.find("LEADONE"), text.find("LEADTWO"));
    EXPECT_LT(text.find("LEADTWO"), text.find("This paragraph"));
    EXPECT_EQ(text.find("Ann Writer"), std::string::npos) << text;
}

TEST(HtmlReader, AWrapperNamedLikeBoilerplateAroundTheWholeArticleStays) {
    const std::string html =
        "<html><head><title>Toys</title></head><body><h1>Toys</h1><div class=\"layout\"><div class=\"ScrollSpy_container\"><div class=\"Article\">"
        "<section class=\"Article__Content\"><p>" + para + "ONE</p><p>" + para + "TWO</p><p>" + para +
        "THREE</p></section></div></div></div><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p>"
        "<div class=\"menu\"><ul><li><a href=\"/a\">Animals and more animals to read about</a></li>"
        "<li><a href=\"/b\">Science and more science to read about</a></li></ul></div></body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"ONE", "TWO", "THREE"}) EXPECT_NE(text.find(kept), std::string::npos) << text;
}

TEST(HtmlReader, AHeadlineWordedLikeTheTitleIsNotRepeated) {
    const std::string html =
        "<html><head><title>Coronavirus News: Donald Trump Talks Retaliation If India Rejects Export Of Key Drug</title></head>"
        "<body><article><h1>COVID-19: Trump Talks Retaliation If India Rejects Export Of Key Drug</h1><p>" + para + "</p><p>" + para +
        "</p><p>" + para + "</p></article></body></html>";
    const auto doc = read(html);
    ASSERT_FALSE(doc.blocks.empty());
    EXPECT_FALSE(std::holds_alternative<model::Heading>(doc.blocks[0].node));
    EXPECT_TRUE(removed_with(doc, "title", "COVID-19"));
}

TEST(HtmlReader, TheTitleIsTheHeadlineWithoutTheNameBesideIt) {
    auto title_of = [](const std::string& title, const std::string& h1) {
        return read("<html><head><title>" + title + "</title></head><body><article><h1>" + h1 + "</h1><p>" + para + "</p><p>" +
                    para + "</p><p>" + para + "</p></article></body></html>")
            .meta.title;
    };
    EXPECT_EQ(title_of("Samantha and The Great Big Lie - John C. Welch", "Samantha and The Great Big Lie"),
              "Samantha and The Great Big Lie");
    EXPECT_EQ(title_of("r/Showerthoughts - Vanilla becoming the default flavour of ice cream", "Vanilla becoming the default flavour of ice cream"),
              "Vanilla becoming the default flavour of ice cream");
    EXPECT_EQ(title_of("Arbeit und Würde für alle Menschen | BÜNDNIS 90/DIE GRÜNEN", "Arbeit und Würde für alle Menschen"),
              "Arbeit und Würde für alle Menschen");
    // A headline without the subtitle after a colon leaves the title whole.
    EXPECT_EQ(title_of("Why the sky is blue: a physicist explains", "Why the sky is blue"), "Why the sky is blue: a physicist explains");
}

TEST(HtmlReader, ParagraphsMarkedPaywallAreTheArticlesText) {
    const std::string html = "<html><head><title>Rosetta</title></head><body><article><p>" + para + "FREE</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para +
                             "</p><p>" + para + "</p><p class=\"paywall\">" +
                             para + "PAID1</p><p class=\"paywall\">" + para + "PAID2</p></article></body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"FREE", "PAID1", "PAID2"}) EXPECT_NE(text.find(kept), std::string::npos) << text;
}

TEST(HtmlReader, ALinkedHeadlineListAnnouncedAtTheEndGoes) {
    std::string teasers;
    for (int k = 0; k < 4; ++k)
        teasers += "<h3><a href=\"/story" + std::to_string(k) + "\">Another story number " + std::to_string(k) +
                   "</a></h3><p>TEASER of the other story, one sentence long.</p>";
    const std::string html = "<html><head><title>Apple Pencil</title></head><body><div class=\"content\"><p>" + para + "</p><p>" + para +
                             "</p><p>" + para + "</p><h2>Popular Stories</h2>" + teasers + "</div></body></html>";
    const auto doc = read(html);
    const std::string text = body_text(doc);
    EXPECT_NE(text.find("This paragraph"), std::string::npos);
    EXPECT_EQ(text.find("TEASER"), std::string::npos) << text;
    EXPECT_EQ(text.find("Popular"), std::string::npos) << text;
    EXPECT_TRUE(removed_with(doc, "related-links", "Popular Stories"));
}

TEST(HtmlReader, LinkedSectionHeadingsOfTheArticleStay) {
    // A review whose sections are headed by links to what they review, with no heading above
    // them announcing a list: the article's own sections.
    std::string sections;
    for (int k = 0; k < 4; ++k)
        sections += "<h3><a href=\"https://shop.example/game" + std::to_string(k) + "\">Game " + std::to_string(k) + "</a></h3><p>REVIEW" +
                    std::to_string(k) + " " + para + "</p>";
    const std::string html = "<html><head><title>Best games</title></head><body><article><p>" + para + "</p><p>" + para + "</p>" +
                             sections + "</article></body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"REVIEW0", "REVIEW3"}) EXPECT_NE(text.find(kept), std::string::npos) << text;
}

TEST(HtmlReader, ADateLineAboveTheArticleIsMetadataNotBody) {
    using parse::is_dateline;
    for (const char* line : {"15.05.2020, 07:11 | Lesedauer: 8 Minuten", "Published 22:00, 11 July 2021 BST", "Aug. 27, 2019",
                             "Dec 1st 2016 1:01PM", "Last Updated: January 7, 2025", "2019年3月1日 13時16分", "12. März 2023",
                             "Published: Wednesday, 21 Sep 2011 | 4:35 PM ET", "mardi 3 mars 2021", "ter\u00e7a-feira, 2 de mar\u00e7o de 2021"})
        EXPECT_TRUE(is_dateline(line)) << line;
    for (const char* line : {"Corona | 15.05.2020", "2019", "In 2019, the council met twice.", "April Glaser", "May 2019 be better",
                             "Photo by Ann Lee", "Tuesday 3 March: the vote"})
        EXPECT_FALSE(is_dateline(line)) << line;
    const auto doc = read("<html><head><title>Fruit</title></head><body><article><p>15.05.2020, 07:11</p><p>" + para + "</p><p>" +
                          para + "</p><p>" + para + "</p></article></body></html>");
    EXPECT_EQ(body_text(doc).find("07:11"), std::string::npos) << body_text(doc);
    EXPECT_TRUE(removed_with(doc, "date", "15.05.2020"));
}

TEST(HtmlReader, ABannerAboveTheHeadlineIsNotTheArticlesOpening) {
    const std::string html =
        "<html><head><title>Three Ways to Be the Thermostat</title></head><body><div class=\"announcement\"><p><strong>BANNER news?</strong> "
        "Join us on 10/20 for a panel discussion on strategy, with drinks. <a href=\"/events\">RSVP.</a></p></div>"
        "<main><div class=\"post\"><h1>Three Ways to Be the Thermostat</h1><p>" + para + "</p><p>" + para + "</p><p>" + para +
        "</p></div><div class=\"aside\"><a href=\"/a\">Elsewhere</a></div></main></body></html>";
    const std::string text = body_text(read(html));
    EXPECT_EQ(text.find("BANNER"), std::string::npos) << text;
}

TEST(HtmlReader, SentencesSetAsHeadingsAtTheEndStay) {
    // A list article's items are sentences in headings, each over an embed that goes.
    std::string items;
    for (int k = 0; k < 5; ++k)
        items += "<h3>ITEM" + std::to_string(k) + " people said the edited drawing was unfair, and they said so loudly.</h3>"
                 "<div class=\"embed\"><a href=\"https://twitter.com/x/" + std::to_string(k) + "\">@someone on Twitter</a></div>";
    const std::string html = "<html><head><title>Drawing</title></head><body><article><p>" + para + "</p><p>" + para + "</p>" + items +
                             "</article></body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"ITEM0", "ITEM4"}) EXPECT_NE(text.find(kept), std::string::npos) << text;
}

TEST(HtmlReader, EveryTextBlockOfAPageBuilderPostIsKept) {
    // Elementor: each part of the post is a widget of its own, every one with its own id in its
    // class, its text in an "elementor-widget-container" (a boilerplate hint: "widget"),
    // pictures between them. The first part is the longest and is chosen; the others are its.
    auto widget = [](int k, int paragraphs, const std::string& wrap_open, const std::string& wrap_close) {
        std::string ps;
        for (int i = 0; i < paragraphs; ++i) ps += "<p>PART" + std::to_string(k) + " " + para + "</p>";
        return "<div class=\"elementor-element elementor-element-a" + std::to_string(k) +
               " elementor-widget elementor-widget-text-editor\"><div class=\"elementor-widget-container\">" + wrap_open +
               "<div class=\"elementor-text-editor\">" + ps + "</div>" + wrap_close + "</div></div>"
               "<div class=\"elementor-element elementor-element-b" + std::to_string(k) +
               " elementor-widget elementor-widget-image\"><div class=\"elementor-widget-container\"><figure><img src=\"x.jpg\" alt=\"\">"
               "<figcaption>A skier in deep snow.</figcaption></figure></div></div>";
    };
    std::string widgets = widget(0, 8, "", "");
    for (int k = 1; k < 4; ++k) widgets += widget(k, 2, "<div><div><div><div><div>", "</div></div></div></div></div>");
    const std::string html = "<html><head><title>Ski review</title></head><body><div class=\"elementor-widget-wrap\">" + widgets +
                             "</div><div class=\"comments\"><p>Nice review, thanks, great, really, truly, helpful.</p></div></body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"PART0", "PART1", "PART2", "PART3"}) EXPECT_NE(text.find(kept), std::string::npos) << kept << ": " << text;
}

TEST(HtmlReader, ASectionOfNumberedPointsBuiltLikeTheArticlesFirstIsKept) {
    // A party's programme page: each section in a box of the same class, the first of prose
    // paragraphs, the second a heading over numbered points of prose (list items, which score
    // nothing themselves).
    std::string points;
    for (int k = 0; k < 5; ++k)
        points += "<li><strong>POINT" + std::to_string(k) + " we want fair wages, for everyone.</strong> Firms will pay the same, "
                  "for the same work, and agencies will pay their staff as the firm pays its own, from the first day.</li>";
    const std::string box = "<div class=\"section-box padded\"><div class=\"inner\"><div class=\"body-text\">";
    const std::string html = "<html><head><title>Good work</title></head><body><nav><a href=\"/\">Home</a></nav>" + box + "<p>" + para +
                             "</p><p>" + para + "</p></div></div></div>" + box + "<h2>What we will do</h2><ol>" + points +
                             "</ol></div></div></div><div class=\"section-box padded\"><a href=\"/a\">Tax</a> <a href=\"/b\">Pensions</a></div>"
                             "</body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"What we will do", "POINT0", "POINT4"}) EXPECT_NE(text.find(kept), std::string::npos) << kept << ": " << text;
    EXPECT_EQ(text.find("Pensions"), std::string::npos) << text;
}

TEST(HtmlReader, LinkedPicksInTheMiddleOfTheArticleLeaveItsEndAlone) {
    std::string picks = "<h2>Our picks</h2>";
    for (int k = 0; k < 3; ++k)
        picks += "<h3><a href=\"https://shop.example/" + std::to_string(k) + "\">Product " + std::to_string(k) + "</a></h3><p>A short blurb.</p>";
    std::string after;
    for (int k = 0; k < 6; ++k) after += "<p>AFTER" + std::to_string(k) + " " + para + "</p>";
    const std::string html = "<html><head><title>Gifts</title></head><body><article><p>" + para + "</p><p>" + para + "</p><p>" + para +
                             "</p>" + picks + after + "</article></body></html>";
    const std::string text = body_text(read(html));
    for (const char* kept : {"AFTER0", "AFTER5"}) EXPECT_NE(text.find(kept), std::string::npos) << text;
}

/// A page whose opening paragraph (LEADONE) sits in a row of its own above the body's column,
/// with `above` before that row and `between` after it.
static std::string split_article(const std::string& above, const std::string& between) {
    return "<html><head><title>Growth slows</title></head><body><h1>Growth slows</h1>" + above +
           "<div class=\"row\"><div class=\"col\"><p>LEADONE of the article opens it, with commas, clauses, and a stop.</p></div></div>" +
           between + "<div class=\"row wide\"><div class=\"col-main\"><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" +
           para + "</p></div><div class=\"col-side\"><a href=\"/x\">Other story</a></div></div></body></html>";
}

TEST(HtmlReader, ABylineSetAsTheFirstParagraphNamesTheAuthor) {
    // "Von Gregory Lipinski" over the text, in a paragraph with no telling name: the byline. A
    // sentence that opens with the same word stays ("Von der Leyen sagte am Montag, …").
    const auto doc = read("<html><head><title>Storm</title></head><body><article><p>Von Gregory Lipinski</p><p>" + para +
                          "</p><p>" + para + "</p><p>" + para + "</p></article></body></html>");
    EXPECT_EQ(body_text(doc).find("Lipinski"), std::string::npos) << body_text(doc);
    ASSERT_EQ(doc.meta.authors.size(), 1u);
    EXPECT_EQ(doc.meta.authors[0], "Gregory Lipinski");
    EXPECT_TRUE(removed_with(doc, "byline", "Lipinski"));
    const auto sentence = read("<html><head><title>Storm</title></head><body><article><p>Von der Leyen sagte am Montag, "
                               "SENTENCE.</p><p>" + para + "</p><p>" + para + "</p></article></body></html>");
    EXPECT_NE(body_text(sentence).find("SENTENCE"), std::string::npos);
    // The label and name of a page's card ("twitter:label1" "Written by") name the author.
    const auto card = read("<html><head><title>Storm</title><meta name=\"twitter:label1\" value=\"Written by\">"
                           "<meta name=\"twitter:data1\" value=\"Ellyn Shook\"></head><body><article><p>" + para + "</p><p>" +
                           para + "</p></article></body></html>");
    ASSERT_EQ(card.meta.authors.size(), 1u);
    EXPECT_EQ(card.meta.authors[0], "Ellyn Shook");
}

TEST(HtmlReader, APlaceAndSourceSetApartOpenTheFirstParagraph) {
    // "<div class=source>Washington CNN —</div><p>Democrats …": one paragraph again.
    const auto doc = read("<html><head><title>Storm</title></head><body><article><div class=\"source\"><cite>Washington</cite> "
                          "<cite>CNN</cite> — </div><p>Democrats pledged on Friday, with commas, to keep the program in place "
                          "for the years to come.</p><p>" + para + "</p><p>" + para + "</p></article></body></html>");
    const auto* first = std::get_if<model::Paragraph>(&doc.blocks.at(0).node);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(model::plain_text(first->content).substr(0, 28), "Washington CNN — Democrats");
}

TEST(HtmlReader, TheSitesNameAndSectionAfterTheHeadlineAreNotTheTitle) {
    // "Headline | CNN Politics" on the site "CNN": the headline. A longer part after the bar
    // that opens with the site's name is the headline's own.
    auto title_of = [](const std::string& title) {
        return read("<html><head><title>" + title + "</title><meta property=\"og:site_name\" content=\"CNN\"></head><body>"
                    "<article><p>" + para + "</p><p>" + para + "</p></article></body></html>").meta.title;
    };
    EXPECT_EQ(title_of("Why the vote will not change | CNN Politics"), "Why the vote will not change");
    EXPECT_EQ(title_of("Why the vote will not change | CNN"), "Why the vote will not change");
    EXPECT_EQ(title_of("Ratings | CNN anchors lose their prime-time slots"), "Ratings | CNN anchors lose their prime-time slots");
}

TEST(HtmlReader, AParagraphThatEndsWithAPicturesCreditIsACaption) {
    // "… in Grand Isle. REUTERS/Jane Doe" set apart from its picture is a caption, set in
    // italics; a sentence that names an agency is text.
    const auto doc = read("<html><head><title>Storm</title></head><body><article><p>" + para + "</p><p>A man wades in from the "
                          "ocean near Grand Isle. REUTERS/Jane Doe</p><p>" + para + "</p><p>Oil pumps at sunset in the "
                          "desert. Photo: TebNad/Shutterstock.com</p><p>The agency Reuters reported it first.</p><p>" + para +
                          "</p></article></body></html>");
    std::size_t italic = 0;
    for (const auto& b : doc.blocks)
        if (const auto* p = std::get_if<model::Paragraph>(&b.node)) {
            const bool caption = p->content.size() == 1 && std::holds_alternative<model::Emphasis>(p->content.front().node);
            const std::string t = model::plain_text(p->content);
            EXPECT_EQ(caption, t.find("REUTERS/") != std::string::npos || t.find("Photo:") != std::string::npos) << t;
            italic += caption;
        }
    EXPECT_EQ(italic, 2u);
}

TEST(HtmlReader, ALeadInThatEndsTheArticleGoes) {
    // "Read the next one:" over nothing (its box was removed) says nothing; a colon inside the
    // article, and a long last sentence that ends with one, stay.
    const auto doc = read(page("<p>The minister said:</p><p>" + para + "</p><p>阅读下一篇：</p>"));
    const std::string text = body_text(doc);
    EXPECT_EQ(text.find("阅读"), std::string::npos) << text;
    EXPECT_NE(text.find("The minister said:"), std::string::npos) << text;
    EXPECT_TRUE(removed_with(doc, "lead-in", "阅读"));
    const std::string last = "These are the words of a long closing sentence that the author ends with a colon and a quotation:";
    EXPECT_NE(body_text(read(page("<p>" + last + "</p>"))).find("closing sentence"), std::string::npos);
}

TEST(HtmlReader, ARowOfOneMarkIsARule) {
    // "___" between two parts is a rule; one after the last block or right after another parts
    // nothing; "- 3 -" is text.
    const auto doc = read("<html><head><title>Storm</title></head><body><article><p>" + para + "</p><p>" + para +
                          "</p><p>___</p><p>" + para + "</p><p>* * *</p><hr><p>- 3 -</p><p>" + para + "</p><p>" + para +
                          "</p><p>==========</p></article></body></html>");
    std::string kinds;
    for (const auto& b : doc.blocks) kinds += std::holds_alternative<model::ThematicBreak>(b.node) ? 'r' : 'p';
    EXPECT_EQ(kinds, "pprprppp");
}

TEST(HtmlReader, TextThatTheUsualStyleSheetsHideIsNotRead) {
    // An icon font's letter in a box the page shows on demand, text for screen readers and a
    // box hidden until asked: not what a reader sees. Bootstrap's d-none beside d-md-block is
    // shown on a desktop, and its text stays.
    const auto doc = read("<html><head><title>Storm</title></head><body><article><p>" + para + "<span class=\"magnifier "
                          "lightBox hide\"><span class=\"icon\">S</span></span></p><p>" + para + "<span class=\"sr-only\">"
                          "SCREENREADER</span></p><div class=\"Hidden\"><p>NORESULTS Keine Suchergebnisse gefunden!</p></div>"
                          "<p class=\"d-none d-md-block\">DESKTOP Select the text and press the keys to send it.</p><p>" + para +
                          "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p></article></body></html>");
    const std::string text = body_text(doc);
    for (const char* gone : {" S ", "SCREENREADER", "NORESULTS"}) EXPECT_EQ(text.find(gone), std::string::npos) << gone << " in " << text;
    EXPECT_NE(text.find("DESKTOP"), std::string::npos) << text;
}

TEST(HtmlReader, AHiddenLabelBetweenTheOpeningAndTheBodyIsPassedOver) {
    const std::string text = body_text(read(split_article("", "<div aria-hidden=\"true\"><span>Advertisement</span></div>")));
    EXPECT_NE(text.find("LEADONE"), std::string::npos) << text;
}

TEST(HtmlReader, APicturesCaptionAboveTheOpeningIsNotTheOpening) {
    const std::string text = body_text(read(split_article(
        "<div class=\"media\"><a class=\"media\" href=\"/p\"><img src=\"p.jpg\" alt=\"\"></a><p>CAPTION In this March 2 file photo, "
        "a chairman waves to his audience, at an event, in a theatre.</p></div>", "")));
    EXPECT_NE(text.find("LEADONE"), std::string::npos) << text;
    EXPECT_EQ(text.find("CAPTION"), std::string::npos) << text;
}

TEST(HtmlReader, TheOpeningAboveABoxOfRelatedStoriesIsKeptAndTheBoxIsNot) {
    const std::string html =
        "<html><head><title>Chilli contest</title></head><body><h1>Chilli contest</h1><div id=\"mainBodyArea\">"
        "<div class=\"firstPar\"><p>FIRSTPAR Emergency services were called to the restaurant, after competitors fell ill.</p></div>"
        "<div class=\"secondPar\"><p>SECONDPAR One participant was so ill that she had to be taken to hospital, by ambulance.</p></div>"
        "<div class=\"related\"><h3>Related Articles</h3><ul><li><a href=\"/a\">RELATED flag to fly above town</a></li>"
        "<li><a href=\"/b\">Water column forms over a lake</a></li></ul></div>"
        "<div class=\"body\"><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p></div></div>"
        "<div class=\"sidebar\"><a href=\"/x\">Most viewed</a></div></body></html>";
    const std::string text = body_text(read(html));
    EXPECT_NE(text.find("FIRSTPAR"), std::string::npos) << text;
    EXPECT_LT(text.find("FIRSTPAR"), text.find("SECONDPAR"));
    EXPECT_EQ(text.find("RELATED"), std::string::npos) << text;
}

TEST(HtmlReader, ALineThatOnlyCreditsAPictureLeavesTheBody) {
    const auto doc = read("<html><head><title>Oil</title></head><body><article><p>" + para + "</p><p>Win McNamee / Getty Images</p><p>" +
                          para + "</p><p>(Credit: Marguerite Reardon/CNET)</p><p>" + para + "</p><p>Foto: Michael Rauhe</p><p>" + para +
                          "</p><p>Screenshot by Amanda Tan/ONE Esports</p><p>" + para + "</p><p>Instagram</p><p>" + para +
                          "</p><p>Courtesy of Zillow</p><p>" + para + "</p><p>Image</p><p>" + para + "</p><div>Advert</div><p>" + para +
                          "</p></article></body></html>");
    const std::string text = body_text(doc);
    for (const char* gone : {"McNamee", "Reardon", "Rauhe", "Amanda", "Instagram", "Zillow", "Image", "Advert"})
        EXPECT_EQ(text.find(gone), std::string::npos) << gone;
    EXPECT_TRUE(removed_with(doc, "credit", "Getty Images"));
    // A sentence that names an agency stays.
    const std::string kept = body_text(read("<html><head><title>Oil</title></head><body><article><p>" + para +
                                            "</p><p>The photographs were taken by a photographer working for AP.</p><p>" + para +
                                            "</p></article></body></html>"));
    EXPECT_NE(kept.find("photographer"), std::string::npos);
}

TEST(HtmlReader, ASlideShowsControlsLeaveTheBody) {
    // A gallery's buttons (boxes that act when clicked) and its arrows are no text; a link with
    // a click handler and a short paragraph stay.
    const auto doc = read("<html><head><title>Storm</title></head><body><article>"
                          "<div onclick=\"toggle()\">HIDE CAPTION</div>"
                          "<div><span>&lt;&lt;</span></div><div onclick=\"prev()\"><span>&lt;</span></div>"
                          "<div onclick=\"go(1)\"><span>1</span></div><div onclick=\"go(2)\"><span>2</span></div>"
                          "<div role=\"button\">Fullscreen</div><div><span>\u203a</span></div>"
                          "<p>" + para + "</p><p>See <a href=\"/x\" onclick=\"track()\">the forecast</a>.</p><p>Short one.</p><p>" +
                          para + "</p></article></body></html>");
    const std::string text = body_text(doc);
    for (const char* gone : {"HIDE", "<<", "Fullscreen", "\u203a"}) EXPECT_EQ(text.find(gone), std::string::npos) << gone << " in " << text;
    EXPECT_EQ(text.find(" 1 "), std::string::npos) << text;
    for (const char* kept : {"the forecast", "Short one."}) EXPECT_NE(text.find(kept), std::string::npos) << kept;
    EXPECT_TRUE(removed_with(doc, "controls", "HIDE CAPTION"));
    // So are the buttons that make the text larger or smaller.
    const auto sized = read("<html><head><title>Storm</title></head><body><article><p>" + para + "</p>"
                            "<div id=\"adjustTextSize\"><h4>Text Size</h4><ul class=\"adjust-text-size\"><li>-</li><li>+</li>"
                            "<li>reset</li></ul></div><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para +
                            "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p><p>" + para + "</p></article></body></html>");
    EXPECT_EQ(body_text(sized).find("Text Size"), std::string::npos) << body_text(sized);
    EXPECT_TRUE(removed_with(sized, "controls", "reset"));
}

TEST(HtmlReader, AnAltTextIsNotRepeatedBeforeTheCaptionThatSaysIt) {
    // A picture that is not local keeps its alt text, unless the caption right after it opens
    // with the same words.
    const std::string text = body_text(read("<html><head><title>Storm</title></head><body><article><div>"
                                            "<img src=\"http://cdn.example/p.jpg\" alt=\"Police adjust a barricade in New York.\">"
                                            "<cite>Police adjust a barricade in New York.</cite></div><p>" + para + "</p><p>" + para +
                                            "</p></article></body></html>"));
    const auto first = text.find("barricade");
    ASSERT_NE(first, std::string::npos) << text;
    EXPECT_EQ(text.find("barricade", first + 1), std::string::npos) << text;
}

TEST(HtmlReader, TheSitesCopyrightLineAndErrorReportBoxUnderTheStoryLeave) {
    const auto doc = read("<html><head><title>Storm</title></head><body><div class=\"story\"><p>" + para + "</p><p>" + para +
                          "</p><p>Copyright in photographs belongs to those who take them, the court said.</p><p>" + para +
                          "</p><p>CONTRIB Emily Fox contributed to this report</p>"
                          "<p>The-Wire<br>\u2122 &amp; \u00a9 2013 Cable News Network, Inc. All rights reserved.</p>"
                          "<div class=\"article__report\"><strong>Mistake in the article?</strong>"
                          "<p>Select the text and press <span>Ctrl+Enter</span> to send it to the editor!</p>"
                          "<p>Select the text and press the Report button!</p></div></div>"
                          "<div class=\"copyright\">Copyright 2023 Scripps Media, Inc. This material may not be published.</div>"
                          "</body></html>");
    const std::string text = body_text(doc);
    for (const char* gone : {"Cable News", "Scripps", "Mistake", "Ctrl+Enter", "Report button"})
        EXPECT_EQ(text.find(gone), std::string::npos) << gone << " in " << text;
    // The article's own sentence about copyright, and its last line, stay.
    for (const char* kept : {"Copyright in photographs", "CONTRIB"}) EXPECT_NE(text.find(kept), std::string::npos) << kept;
    EXPECT_TRUE(removed_with(doc, "copyright", "Cable News"));
    EXPECT_TRUE(removed_with(doc, "error-report", "Ctrl+Enter"));
}

TEST(HtmlReader, RunsOfLoneCountersLeaveTheBody) {
    // "1", "2", "3" on lines of their own are what is left of a list's numbered thumbnails; a
    // lone number, or numbers out of order, stay.
    const auto doc = read("<html><head><title>Gosling</title></head><body><article><p>" + para +
                          "</p><div>1</div><div>2</div><div>3</div><p>" + para + "</p><p>1984</p><p>" + para +
                          "</p><p>7</p><p>5</p><p>" + para + "</p></article></body></html>");
    std::vector<std::string> numbers;
    for (const auto& b : doc.blocks)
        if (const auto* p = std::get_if<model::Paragraph>(&b.node); p && model::plain_text(p->content).size() <= 4)
            numbers.push_back(model::plain_text(p->content));
    EXPECT_EQ(numbers, (std::vector<std::string>{"1984", "7", "5"}));
    EXPECT_TRUE(removed_with(doc, "numbering", "2"));
}

TEST(HtmlReader, PromotionsInsideTheStoryLeaveTheBody) {
    const auto doc = read("<html><head><title>Taxes</title></head><body><article><p>" + para +
                          "</p><p>Related: <a href=\"/other\">Chicago is America's most segregated city</a></p><p>" + para +
                          "</p><h3>Related Coverage</h3><p>" + para + "</p><p>SIGN UP FOR OUR NEWSLETTER</p><p>" + para +
                          "</p><p>Comments (5 posted)</p><p>" + para + "</p><p>Related: the tax code was not changed in 2019.</p>"
                          "<h3>Related</h3><ul><li>KEPTITEM one story about taxes and more</li></ul><p>" + para +
                          "</p><p>SHOW CAPTION +</p><p>Video player loading</p><p>" + para + "</p><p>Image source: Getty Images.</p>"
                          "<blockquote><p><a href=\"https://t.co/x\"> Tweet may have been deleted (opens in a new tab) </a></p>"
                          "</blockquote><p>" + para + "</p></article></body></html>");
    const std::string text = body_text(doc);
    for (const char* gone : {"segregated", "Coverage", "NEWSLETTER", "posted", "CAPTION", "player", "Getty", "Tweet"})
        EXPECT_EQ(text.find(gone), std::string::npos) << gone;
    // A "Related:" line that is the article's own sentence (no link), and a label over a list
    // that stayed, are kept.
    for (const char* kept : {"tax code", "KEPTITEM", "Related"}) EXPECT_NE(text.find(kept), std::string::npos) << kept;
    EXPECT_TRUE(removed_with(doc, "related-links", "segregated"));
    EXPECT_TRUE(removed_with(doc, "newsletter", "NEWSLETTER"));
    EXPECT_TRUE(removed_with(doc, "comments", "posted"));
}

TEST(HtmlReader, ShareBarsSiteLabelsAndShopNotesLeaveTheBody) {
    const auto doc = read("<html><head><title>Nuclear Help to Iran | NewsSite.com</title></head><body><article><p>| NewsSite.com</p>"
                          "<ul><li>Print</li><li>Email</li><li>Recommend</li><li>Tweet</li></ul><p>" + para +
                          "</p><p>Courtesy G4</p><p>" + para + "</p><p>Credit...Ed Murray/NJ Advance Media</p><p>" + para +
                          "</p><p>Note to readers: if you purchase something through one of our affiliate links we may earn a "
                          "commission.</p><p>" + para + "</p><p>[+] EnlargeMaurkice Pouncey</p><p>What do you think? Scroll down to "
                          "comment below.</p><p>" + para + "</p><p>Read Full Story</p><ul><li>Print the form</li><li>Email it</li></ul>"
                          "<p>Courtesy is a virtue.</p><h2>Further reading</h2><ul><li>A book on taxes</li></ul><p>" + para +
                          "</p><p>Weiterf\u00fchrender Link</p></article></body></html>");
    const std::string text = body_text(doc);
    for (const char* gone : {"NewsSite", "Recommend", "G4", "Murray", "affiliate", "Pouncey", "Scroll", "Full Story", "Link"})
        EXPECT_EQ(text.find(gone), std::string::npos) << gone << " in " << text;
    // A list of sentences, and a sentence that opens with "Courtesy", stay.
    for (const char* kept : {"Print the form", "Courtesy is a virtue.", "Further reading"}) EXPECT_NE(text.find(kept), std::string::npos) << kept;
    EXPECT_TRUE(removed_with(doc, "share-links", "Print Email Recommend Tweet"));
    EXPECT_TRUE(removed_with(doc, "site-name", "NewsSite.com"));
    EXPECT_TRUE(removed_with(doc, "disclaimer", "affiliate"));
    EXPECT_TRUE(removed_with(doc, "credit", "Courtesy G4"));
}

TEST(HtmlReader, APictureNamedByItsFileTheHeadlineOrKeywordsKeepsNoDescription) {
    const std::string text = body_text(read("<html><head><title>The Spectacular Story Of Metroid</title></head><body><article>"
                                            "<img src=\"http://cdn.example/a.png\" alt=\"Mozilla dinosaur head logo.png\"><p>" + para +
                                            "</p><img src=\"http://cdn.example/b.jpg\" alt=\"Illustration for article titled The "
                                            "Spectacular Story Of Metroid\"><p>" + para + "</p><img src=\"http://cdn.example/c.jpg\" "
                                            "alt=\"A dinosaur's head drawn in red\"><p>" + para + "</p><img src=\"http://cdn.example/d.jpg\" "
                                            "alt=\"british us officials assange trial\"><p>" + para + "</p><img src=\"http://cdn.example/e.jpg\" "
                                            "alt=\"Adelson with a top bodyguard\"><p>" + para + "</p><img src=\"http://cdn.example/f.jpg\" "
                                            "alt=\"\u65b0\u805e \u30b9\u30c8\u30c3\u30ab\u30fc \u30d6\u30eb\u30fc\"><p>" + para +
                                            "</p></article></body></html>"));
    EXPECT_EQ(text.find("logo.png"), std::string::npos) << text;
    // Search keywords are no description; a phrase, or words in a script without case, are.
    EXPECT_EQ(text.find("officials"), std::string::npos) << text;
    EXPECT_NE(text.find("top bodyguard"), std::string::npos) << text;
    EXPECT_NE(text.find("\u30d6\u30eb\u30fc"), std::string::npos) << text;
    EXPECT_EQ(text.find("Illustration"), std::string::npos) << text;
    EXPECT_NE(text.find("drawn in red"), std::string::npos) << text;
}

TEST(HtmlReader, AMetaTagWithValueForContentIsRead) {
    const auto doc = read("<html><head><title>Page</title><meta name=\"author\" value=\"Jack Davis\">"
                          "<meta property=\"og:title\" value=\"The Real Headline Of The Story\"></head><body><article><p>" + para +
                          "</p></article></body></html>");
    EXPECT_EQ(doc.meta.title, "The Real Headline Of The Story");
    ASSERT_EQ(doc.meta.authors.size(), 1u);
    EXPECT_EQ(doc.meta.authors[0], "Jack Davis");
}

TEST(HtmlReader, ThePublishersNameIsNoAuthor) {
    // The page-wide author tag holds the publisher; the article's own tag, the writer.
    const auto wired = read("<html><head><title>Page</title><meta name=\"author\" content=\"Cond\u00e9 Nast\">"
                            "<meta name=\"article:author\" content=\"Emma Grey Ellis\"></head><body><article><p>" + para +
                            "</p></article></body></html>");
    ASSERT_EQ(wired.meta.authors.size(), 1u);
    EXPECT_EQ(wired.meta.authors[0], "Emma Grey Ellis");
    // The site's own name is no author.
    const auto abc = read("<html><head><title>Page</title><meta name=\"author\" content=\"ABC News\">"
                          "<meta property=\"og:site_name\" content=\"ABC News\"></head><body><article><p>" + para +
                          "</p></article></body></html>");
    EXPECT_TRUE(abc.meta.authors.empty());
}
