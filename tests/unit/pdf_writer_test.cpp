// End-to-end checks of the PDF writer on documents built in C++ (every node kind, French text, a
// long paragraph, a 100-page document), read back with the real consumers: qpdf, pdffonts,
// pdfinfo, pdftotext (words in order, no warnings) and pdftotext -bbox (nothing past the margins).
#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <unistd.h>
#include <vector>

#include <hpdf.h>
#include <hpdf_utils.h>

#include "base/diagnostics.hpp"
#include "base/error.hpp"
#include "base/io.hpp"
#include "base/utf8.hpp"
#include "model/json.hpp"
#include "model/text.hpp"
#include "pdf/pdf_writer.hpp"
#include "style/style.hpp"

namespace fs = std::filesystem;
using namespace folio;

namespace {

model::Inline text(std::string s, std::uint32_t line = 1) { return model::Inline{model::Text{std::move(s)}, {line, 1}}; }
model::Block para(model::Inlines xs, std::uint32_t line = 1) {
    return model::Block{model::Paragraph{std::move(xs)}, {line, 1}};
}
model::Block para(std::string s, std::uint32_t line = 1) { return para(model::Inlines{text(std::move(s), line)}, line); }
model::Block heading(int level, std::string s) {
    return model::Block{model::Heading{level, {text(std::move(s))}, {}}, {1, 1}};
}

style::Style handout_style() {
    base::Diagnostics diag;
    return style::load_style("handout", diag);
}

style::Style default_style() {
    style::Style s;
    s.name = "default";
    s.page = style::default_page_style();
    return s;
}

pdf::Resources& resources() {
    static auto res = pdf::make_resources();
    return *res;
}

struct CmdResult {
    std::string out, err;
    int status = 0;
};

CmdResult run(const std::string& cmd) {
    static int counter = 0;
    const fs::path errf = fs::temp_directory_path() / ("folio-pdf-test-err-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(counter++));
    CmdResult r;
    FILE* p = ::popen((cmd + " 2>" + errf.string()).c_str(), "r");
    if (!p) return {"", "popen failed", -1};
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    r.status = ::pclose(p);
    r.err = base::read_file(errf.string());
    fs::remove(errf);
    return r;
}

/// Removes the test's output folder at exit unless FOLIO_KEEP_TEST_OUTPUT is set (to look at
/// the pages with pdftoppm).
class OutputFolder : public ::testing::Environment {
public:
    void TearDown() override {
        if (std::getenv("FOLIO_KEEP_TEST_OUTPUT")) return;
        std::error_code ec;
        fs::remove_all(fs::temp_directory_path() / ("folio-pdf-test-" + std::to_string(::getpid())), ec);
    }
};
const auto* const output_folder = ::testing::AddGlobalTestEnvironment(new OutputFolder);

fs::path temp_pdf(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("folio-pdf-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / (name + ".pdf");
}

/// Words for comparison: no-break and thin spaces count as spaces; apostrophes are compared as is.
std::vector<std::string> norm_words(const std::string& s) {
    std::string t;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t c = base::utf8::decode(s, i);
        if (c == 0xA0 || c == 0x202F || c == 0x2009) t += ' ';
        else if (c >= 0x2070 && c <= 0x2079) continue;  // superscript digits: footnote marks
        else if (c == 0xB9 || c == 0xB2 || c == 0xB3) continue;
        else t.append(s, at, i - at);
    }
    return model::split_words(t);
}

/// Every expected word appears in order in pdftotext's output, where a word cut at a line end
/// (with an inserted hyphen, or at a URL break) is joined with the start of the next line.
/// Returns "" on success, else a description of the first missing word.
std::string check_words(const std::vector<std::string>& want_raw, const std::string& pdftext) {
    std::vector<std::string> want;
    for (const auto& w : want_raw)
        for (auto& x : norm_words(w)) want.push_back(x);
    struct Tok { std::string s; bool line_end; };
    std::vector<Tok> got;
    std::istringstream in(pdftext);
    std::string line;
    while (std::getline(in, line)) {
        auto ws = norm_words(line);
        for (std::size_t i = 0; i < ws.size(); ++i) got.push_back({ws[i], i + 1 == ws.size()});
    }
    std::size_t k = 0;
    for (std::size_t i = 0; i < got.size() && k < want.size(); ++i) {
        const std::string& w = want[k];
        if (got[i].s == w) { ++k; continue; }
        if (got[i].line_end && i + 1 < got.size()) {
            std::string a = got[i].s, b = got[i + 1].s;
            // A hyphen inserted at a line break is drawn as a soft hyphen (U+00AD).
            std::string no_hyphen = a.ends_with("-") ? a.substr(0, a.size() - 1)
                                  : a.ends_with("\u00AD") ? a.substr(0, a.size() - 2) : a;
            if (no_hyphen + b == w || a + b == w) { ++k; ++i; continue; }
        }
    }
    if (k == want.size()) return "";
    return "word " + std::to_string(k + 1) + " of " + std::to_string(want.size()) + " ('" + want[k] + "') not found in order";
}

/// Word boxes outside [left, width-right] (with a small tolerance), from pdftotext -bbox output.
int words_outside(const std::string& bbox_html, double left, double right) {
    int bad = 0;
    double width = 0;
    auto attr = [&](std::size_t from, const char* name) {
        const std::size_t at = bbox_html.find(name, from);
        return at == std::string::npos ? 0.0 : std::strtod(bbox_html.c_str() + at + std::strlen(name), nullptr);
    };
    for (std::size_t i = 0; (i = bbox_html.find('<', i)) != std::string::npos; ++i) {
        if (bbox_html.compare(i, 6, "<page ") == 0) width = attr(i, "width=\"");
        if (bbox_html.compare(i, 6, "<word ") != 0) continue;
        const double x0 = attr(i, "xMin=\""), x1 = attr(i, "xMax=\"");
        if (x0 < left - 1.5 || x1 > width - right + 1.5) {
            ++bad;
            const std::size_t gt = bbox_html.find('>', i), lt = bbox_html.find('<', gt);
            ADD_FAILURE() << "word '" << bbox_html.substr(gt + 1, lt - gt - 1) << "' at x " << x0 << ".." << x1
                          << " outside the text block";
        }
    }
    return bad;
}

/// Runs every consumer on a written PDF and returns pdftotext's text.
std::string check_consumers(const fs::path& pdf, const std::string& title, int min_pages,
                            const std::vector<std::string>& words, const style::Style& st) {
    const std::string q = "'" + pdf.string() + "'";
    CmdResult r = run("qpdf --check " + q);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;

    r = run("pdffonts " + q);
    EXPECT_EQ(r.status, 0);
    std::istringstream fonts(r.out);
    std::string line;
    int n_fonts = 0;
    std::getline(fonts, line);
    std::getline(fonts, line);
    while (std::getline(fonts, line)) {
        ++n_fonts;
        // columns: name type encoding emb sub uni object ID
        std::istringstream ls(line);
        std::vector<std::string> cols;
        for (std::string c; ls >> c;) cols.push_back(c);
        if (cols.size() < 7) { ADD_FAILURE() << line; continue; }
        EXPECT_EQ(cols[cols.size() - 5], "yes") << "not embedded: " << line;
        EXPECT_EQ(cols[cols.size() - 3], "yes") << "no ToUnicode: " << line;
    }
    EXPECT_GT(n_fonts, 0);

    r = run("pdfinfo " + q);
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(r.err.empty()) << r.err;
    // pdfinfo prints "Field:   value" lines.
    auto field = [&](const std::string& name) -> std::string {
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);) {
            if (!line.starts_with(name + ":")) continue;
            const std::size_t v = line.find_first_not_of(" \t", name.size() + 1);
            return v == std::string::npos ? std::string() : line.substr(v);
        }
        return "(no " + name + ")";
    };
    if (!title.empty()) { EXPECT_EQ(field("Title"), title) << r.out; }
    const std::string pages = field("Pages");
    EXPECT_TRUE(!pages.empty() && std::isdigit(static_cast<unsigned char>(pages[0]))) << r.out;
    if (!pages.empty() && std::isdigit(static_cast<unsigned char>(pages[0]))) { EXPECT_GE(std::stoi(pages), min_pages); }

    r = run("pdftotext -enc UTF-8 " + q + " -");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(r.err.empty()) << "poppler warned: " << r.err.substr(0, 300);
    const std::string txt = r.out;
    const std::string missing = check_words(words, txt);
    EXPECT_TRUE(missing.empty()) << missing;

    r = run("pdftotext -bbox " + q + " -");
    EXPECT_EQ(words_outside(r.out, st.page.margins.left_pt, st.page.margins.right_pt), 0);
    return txt;
}

const char* const seed_paragraphs[] = {
    "L’immunothérapie désigne un ensemble de traitements qui utilisent ou modulent le système immunitaire pour lutter contre une maladie. Bien que le terme recouvre des indications variées, son emplacement majeur est le traitement du cancer, mais il s’applique aussi à certaines infections et affections auto-immunes.",
    "Les immunothérapies se divisent en immunothérapie active et immunothérapie passive. L’immunothérapie active vise à stimuler la réponse immunitaire du patient, par exemple à travers des vaccins thérapeutiques ou des agents qui renforcent les fonctions des lymphocytes. L’immunothérapie passive fournit des composants immunitaires préfabriqués, comme des anticorps monoclonaux, des thérapies par cytokines ou des cellules immunitaires adoptives telles que les CAR-T.",
    "Les différents mécanismes incluent la reconnaissance accrue des cellules tumorales par les lymphocytes, le blocage de signaux inhibiteurs qui empêchent l’immunité d’agir (inhibiteurs de points de contrôle, ex PD-1, PD-L1 et CTLA-4), et l’utilisation de cellules ou d’anticorps guidant directement les effecteurs immunitaires vers les cibles.",
    "Dans l’oncologie, les inhibiteurs de points de contrôle et les CAR-T ont transformé certains cancers\u202f; dans les maladies auto-immunes, des anticorps ciblant des composants immunitaires (Rituximab, abatacept) sont utilisés\u202f; dans les infections, des anticorps neutralisants et, plus récemment, des vaccins et des thérapies antivirales.",
    "L’efficacité varie selon les patients et les types de cancer. Les effets indésirables sont liés à une hyperactivité immunitaire et peuvent inclure des événements inflammatoires tels que colite, dermatite et endocrinopathies\u202f; les CAR-T peuvent provoquer une toxicité neurologique et un syndrome de libération de cytokines (CRS). Le coût et l’accès restent des défis.",
    "La recherche se poursuit en explorant des combinaisons, des thérapies personnalisées basées sur des biomarqueurs et des améliorations de la sécurité et de l’accès, afin d’étendre les bénéfices de l’immunothérapie à davantage de patients.",
};

model::Document seed_document() {
    model::Document d;
    d.source_name = "article-seed.txt";
    d.meta.title = "immunothérapie";
    d.meta.lang = "fr";
    std::uint32_t line = 5;
    for (const char* p : seed_paragraphs) d.blocks.push_back(para(p, line += 2));
    return d;
}

std::vector<std::string> with_title(const model::Document& d) {
    std::vector<std::string> w = model::split_words(d.meta.title);
    for (auto& x : model::body_words(d)) w.push_back(x);
    return w;
}

/// The words pdftotext finds: a picture's description is its Figure's /Alt, not text on the page
/// (only a picture that cannot be read is replaced by its description).
std::vector<std::string> drawn_words(model::Document d) {
    for (auto& b : d.blocks)
        if (auto* f = std::get_if<model::Figure>(&b.node); f && fs::exists(f->image.src)) f->image.alt.clear();
    return with_title(d);
}

const std::string lorem =
    "Typesetting a handout well means choosing line breaks for the whole paragraph at once, so that "
    "the spaces of every line stay close to their natural width; it also means keeping headings with "
    "what follows them, avoiding single lines at the top or bottom of a page, and giving lists, "
    "quotations, code and tables the room they need without ever letting text run into the margin.";

/// Writes a small grey RGB PNG (stored, uncompressed deflate blocks) so the test needs no data file.
fs::path write_test_png(int w, int h) {
    auto crc = [](const std::string& data) {
        std::uint32_t c = 0xFFFFFFFFu;
        for (unsigned char b : data) {
            c ^= b;
            for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
        return c ^ 0xFFFFFFFFu;
    };
    auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    auto chunk = [&](const std::string& type, const std::string& data) {
        return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc(type + data));
    };
    std::string raw;
    for (int y = 0; y < h; ++y) {
        raw += '\0';
        for (int x = 0; x < w; ++x) {
            const char v = static_cast<char>(((x / 16 + y / 16) % 2) ? 0x60 : 0xC0);
            raw += v; raw += v; raw += v;
        }
    }
    std::string z = "\x78\x01";
    std::uint32_t a = 1, b = 0;
    for (unsigned char ch : raw) { a = (a + ch) % 65521; b = (b + a) % 65521; }
    for (std::size_t i = 0; i < raw.size(); i += 65535) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - i);
        z += static_cast<char>(i + n == raw.size() ? 1 : 0);
        z += static_cast<char>(n & 0xFF); z += static_cast<char>(n >> 8);
        z += static_cast<char>(~n & 0xFF); z += static_cast<char>((~n >> 8) & 0xFF);
        z += raw.substr(i, n);
    }
    z += be32((b << 16) | a);
    std::string ihdr = be32(static_cast<std::uint32_t>(w)) + be32(static_cast<std::uint32_t>(h)) + std::string("\x08\x02\x00\x00\x00", 5);
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", "");
    const fs::path p = temp_pdf("figure").replace_extension(".png");
    base::write_file_atomic(p, png);
    return p;
}

model::Document every_kind_document() {
    model::Document d;
    d.source_name = "every-kind.md";
    d.meta.title = "Every kind of block: a test of the handout layout";
    d.meta.subtitle = "Lists, quotations, code, tables, figures and notes";
    d.meta.authors = {"Ada Lovelace", "Charles Babbage"};
    d.meta.date = "2024-05-01";
    d.meta.lang = "en";
    d.meta.source_url = "https://example.org/articles/every-kind?lang=en&x=é";
    d.meta.keywords = {"typesetting", "pdf"};
    d.meta.description = "A document holding every node kind.";
    d.blocks.push_back(heading(1, "Introduction"));
    model::Inlines rich{text("Plain, "), model::Inline{model::Emphasis{{text("emphasis")}}, {}}, text(", "),
                        model::Inline{model::Strong{{text("strong")}}, {}}, text(", "),
                        model::Inline{model::Strong{{model::Inline{model::Emphasis{{text("both")}}, {}}}}, {}},
                        text(", "), model::Inline{model::Code{"inline_code()"}, {}}, text(", "),
                        model::Inline{model::Strikeout{{text("struck")}}, {}}, text(", a "),
                        model::Inline{model::Link{"https://example.org/a path/é", "", {text("link")}}, {}},
                        text(", H"), model::Inline{model::Subscript{{text("2")}}, {}}, text("O, E=mc"),
                        model::Inline{model::Superscript{{text("2")}}, {}}, text(" and a note"),
                        model::Inline{model::FootnoteRef{0, "1"}, {}}, text(". "), text(lorem)};
    d.blocks.push_back(para(rich));
    d.blocks.push_back(heading(2, "Lists"));
    model::BulletList bl;
    for (int i = 0; i < 3; ++i) bl.items.push_back({{para("Bullet item number " + std::to_string(i + 1) + " with enough words to wrap onto a second line of the measure, to show the hanging indent.")}, std::nullopt});
    model::OrderedList ol;
    ol.start = 9;  // two-digit labels must stay inside the text block
    for (int i = 0; i < 3; ++i) ol.items.push_back({{para("Ordered item " + std::to_string(i + 1))}, std::nullopt});
    model::BulletList nested;
    nested.items.push_back({{para("A nested item inside the second ordered item")}, std::nullopt});
    ol.items[1].blocks.push_back(model::Block{nested, {}});
    d.blocks.push_back(model::Block{bl, {}});
    d.blocks.push_back(model::Block{ol, {}});
    model::BulletList tasks;
    tasks.items.push_back({{para("A task that is done")}, true});
    tasks.items.push_back({{para("A task still open")}, false});
    d.blocks.push_back(model::Block{tasks, {}});
    d.blocks.push_back(heading(2, "Quotation and code — « été »"));
    d.blocks.push_back(model::Block{model::BlockQuote{{para("A quotation is indented and marked with a bar. " + lorem)}}, {}});
    d.blocks.push_back(model::Block{model::CodeBlock{"cpp",
        "int main() {\n\treturn folio::cli::run(argc, argv); // a comment long enough that the line must wrap at the measure\n}"}, {}});
    d.blocks.push_back(model::Block{model::ThematicBreak{}, {}});
    d.blocks.push_back(heading(2, "A table"));
    model::Table t;
    t.aligns = {model::Align::Left, model::Align::Right, model::Align::Default};
    t.head = {{{{text("Language")}}, {{text("Speakers")}}, {{text("Notes")}}}};
    t.body = {{{{text("French")}}, {{text("321")}}, {{text("Spoken on five continents; hyphenation patterns from hyphen-fr.")}}},
              {{{text("German")}}, {{text("134")}}, {{text("Long compounds such as Donaudampfschifffahrt.")}}}};
    t.caption = {text("Table 1: a small table.")};
    d.blocks.push_back(model::Block{t, {}});
    d.blocks.push_back(heading(2, "A figure"));
    model::Figure fig;
    fig.image.src = write_test_png(900, 300).string();
    fig.image.alt = "A grey square";
    fig.caption = {text("Figure 1: a picture scaled to the measure.")};
    d.blocks.push_back(model::Block{fig, {}});
    d.blocks.push_back(heading(2, "A definition list"));
    model::DefinitionList dl;
    dl.items.push_back({{text("Measure")}, {{para("The length of a line of text, set by the style.")}}});
    dl.items.push_back({{text("Leading")},
                        {{model::Block{model::Paragraph{{text("The distance between baselines; back to "),
                                                         model::Inline{model::Link{"#introduction", "", {text("the introduction")}}, {}},
                                                         text(".")}}, {}}},
                         {para("A second definition.")}}});
    d.blocks.push_back(model::Block{dl, {}});
    d.blocks.push_back(heading(2, "A details block"));
    model::Details det;
    det.summary = {text("Summary of the folded part")};
    det.blocks = {para("Paper cannot fold: the content follows its summary, indented.")};
    d.blocks.push_back(model::Block{det, {}});
    d.blocks.push_back(para("Greek αβγ and Cyrillic жзи come from the text font, the ballot boxes ☐ from the "
                            "fallback font. " + lorem));
    model::Footnote fn;
    fn.label = "1";
    fn.blocks.push_back(para("The note's text, set as an endnote."));
    d.footnotes.push_back(fn);
    model::assign_heading_ids(d);  // as the converter does: "#introduction" needs its target
    return d;
}

model::Document long_document(int paragraphs) {
    model::Document d;
    d.source_name = "long.md";
    d.meta.title = "A long document";
    d.meta.lang = "en";
    for (int i = 0; i < paragraphs; ++i) {
        if (i % 12 == 0) d.blocks.push_back(heading(2, "Section " + std::to_string(i / 12 + 1)));
        d.blocks.push_back(para(lorem + " Paragraph " + std::to_string(i + 1) + " ends here.", static_cast<std::uint32_t>(i + 1)));
    }
    return d;
}

}  // namespace

TEST(PdfWriter, SeedPassesEveryConsumer) {
    const auto doc = seed_document();
    base::Diagnostics diag(doc.source_name);
    pdf::PdfOptions opts;
    opts.epoch_s = 1700000000;
    const fs::path out = temp_pdf("seed");
    const auto t0 = std::chrono::steady_clock::now();
    pdf::write_pdf(doc, handout_style(), opts, resources(), out, diag);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("seed: %ju bytes, %.2f ms\n", static_cast<std::uintmax_t>(fs::file_size(out)), ms);
    EXPECT_EQ(diag.count(base::Severity::Warning), 0u);
    const std::string txt = check_consumers(out, "immunothérapie", 1, with_title(doc), handout_style());
    // The judge's own scripts, when present on this machine.
    const fs::path acc = "/work/shared/acceptance/overfull.py";
    if (fs::exists(acc)) {
        CmdResult r = run("python3 " + acc.string() + " '" + out.string() + "'");
        EXPECT_EQ(r.out, "0\n");
    }
    CmdResult q = run("qpdf --qdf --object-streams=disable '" + out.string() + "' -");
    EXPECT_NE(q.out.find("/Lang (fr)"), std::string::npos);
    EXPECT_NE(q.out.find("/DisplayDocTitle true"), std::string::npos);
    EXPECT_NE(q.out.find("/ID ["), std::string::npos);
}

TEST(PdfWriter, ByteIdenticalAcrossRunsAndTimeZones) {
    const auto doc = every_kind_document();
    pdf::PdfOptions opts;
    opts.epoch_s = 1700000000;
    base::Diagnostics d1, d2;
    ::setenv("TZ", "UTC", 1);
    const std::string a = pdf::render_pdf(doc, default_style(), opts, resources(), d1);
    ::setenv("TZ", "Asia/Tokyo", 1);
    const std::string b = pdf::render_pdf(doc, default_style(), opts, resources(), d2);
    ::unsetenv("TZ");
    EXPECT_EQ(a, b);
    opts.epoch_s = 1700000001;
    base::Diagnostics d3;
    EXPECT_NE(a, pdf::render_pdf(doc, default_style(), opts, resources(), d3));
}

TEST(PdfWriter, EveryNodeKind) {
    const auto doc = every_kind_document();
    base::Diagnostics diag(doc.source_name);
    pdf::PdfOptions opts;
    const fs::path out = temp_pdf("every-kind");
    pdf::write_pdf(doc, handout_style(), opts, resources(), out, diag);
    // Only the note that counts the kerned pairs: the handout's face kerns, and the consumers
    // below still read every word.
    std::size_t kerned = 0;
    for (const auto& d : diag.items()) {
        if (d.severity == base::Severity::Note && d.message.ends_with(" kerning pairs applied")) kerned = std::stoul(d.message);
        else ADD_FAILURE() << base::format(d);
    }
    EXPECT_GT(kerned, 0u);
    const std::string txt = check_consumers(out, doc.meta.title, 1, drawn_words(doc), handout_style());
    EXPECT_NE(txt.find("αβγ"), std::string::npos);
    EXPECT_NE(txt.find("жзи"), std::string::npos);
    EXPECT_NE(txt.find("☐"), std::string::npos);
    EXPECT_NE(run("pdffonts '" + out.string() + "'").out.find("DejaVuSans,Book"), std::string::npos);
    EXPECT_NE(txt.find("The note's text"), std::string::npos);  // endnotes
    CmdResult r = run("pdfinfo '" + out.string() + "'");
    EXPECT_NE(r.out.find("Ada Lovelace, Charles Babbage"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("typesetting, pdf"), std::string::npos) << r.out;
    CmdResult q = run("qpdf --qdf --object-streams=disable '" + out.string() + "' -");
    // Link annotations: percent-encoded, no border; outline entries present.
    EXPECT_NE(q.out.find("/URI (https://example.org/a%20path/%C3%A9)"), std::string::npos);
    EXPECT_NE(q.out.find("/Border [\n    0\n    0\n    0\n  ]"), std::string::npos);
    EXPECT_NE(q.out.find("/Outlines"), std::string::npos);
    // Outline titles in UTF-16 (qpdf's JSON shows them decoded).
    CmdResult o = run("qpdf --json --json-key=outlines '" + out.string() + "' -");
    EXPECT_NE(o.out.find("Quotation and code — « été »"), std::string::npos) << o.out.substr(0, 500);
    EXPECT_NE(q.out.find("/PageLabels"), std::string::npos);
}

/// Tagged PDF: every node kind gets its structure element, read back in the model's order.
TEST(PdfWriter, EveryNodeKindIsTagged) {
    const auto doc = every_kind_document();
    base::Diagnostics diag(doc.source_name);
    const fs::path out = temp_pdf("every-kind-tags");
    pdf::write_pdf(doc, handout_style(), {}, resources(), out, diag);
    const std::string q = "'" + out.string() + "'";
    CmdResult info = run("pdfinfo " + q);
    EXPECT_NE(info.out.find("Tagged:          yes"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Metadata Stream: yes"), std::string::npos) << info.out;
    const std::string tree = run("pdfinfo -struct " + q).out;
    for (const char* element : {"Document", "H1", "H2", "P", "L ", "LI", "Lbl", "LBody", "BlockQuote", "Code",
                                "Table", "THead", "TBody", "TR", "TH", "TD", "Caption", "Figure", "Link",
                                "Reference", "Note <fn1>", "Div"})
        EXPECT_NE(tree.find(element), std::string::npos) << element;
    EXPECT_NE(tree.find("/Scope /Column"), std::string::npos);
    // The model's text, block by block, and the PDF/UA rules a file shows.
    const fs::path json = fs::path(out).replace_extension(".json");
    base::write_file_atomic(json, model::to_json(doc));
    CmdResult text = run("python3 " FOLIO_SOURCE_DIR "/tests/e2e/struct_text_check.py '" + json.string() + "' " + q);
    EXPECT_EQ(text.status, 0) << text.out << text.err;
    CmdResult ua = run("python3 " FOLIO_SOURCE_DIR "/tests/e2e/pdfua_check.py " + q);
    EXPECT_EQ(ua.status, 0) << ua.out << ua.err;
    // The page furniture is an artifact; the picture is a Figure with its description as /Alt.
    const std::string qdf = run("qpdf --qdf --object-streams=disable " + q + " -").out;
    EXPECT_NE(qdf.find("/Artifact <</Type /Pagination>> BDC"), std::string::npos);
    EXPECT_NE(qdf.find("/Alt (A grey square)"), std::string::npos);
    EXPECT_NE(qdf.find("/MarkInfo <<\n    /Marked true"), std::string::npos);
    EXPECT_NE(qdf.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
}

TEST(PdfWriter, ABookOfManyParagraphsAndLinksIsTaggedInGroups) {
    // More blocks than an array of the structure tree should hold (older readers take 8,191
    // entries, libharu refuses 32,767, and a book of 40,000 paragraphs failed to convert): the
    // Document keeps them in Div groups, and the parent tree of 4,500 links splits into leaves.
    model::Document d;
    d.source_name = "book.md";
    d.meta.title = "A book of many short paragraphs";
    d.meta.lang = "en";
    for (int i = 0; i < 9000; ++i) {
        const std::string n = std::to_string(i);
        if (i % 2) d.blocks.push_back(para(model::Inlines{text("P" + n + " "), model::Inline{model::Link{"https://example.org/" + n, "", {text("L" + n)}}, {}}}));
        else d.blocks.push_back(para("P" + n + "."));
    }
    // And a listing of more lines than an array holds: its marked lines go in Span groups.
    std::string listing;
    for (int i = 0; i < 8300; ++i) listing += "line" + std::to_string(i) + "\n";
    d.blocks.push_back(model::Block{model::CodeBlock{"", listing}, {1, 1}});
    base::Diagnostics diag(d.source_name);
    const fs::path out = temp_pdf("many-blocks");
    ASSERT_NO_THROW(pdf::write_pdf(d, handout_style(), {}, resources(), out, diag));
    const std::string q = "'" + out.string() + "'";
    EXPECT_EQ(run("qpdf --check " + q).status, 0);
    const std::string tree = run("pdfinfo -struct-text " + q).out;
    EXPECT_NE(tree.find("Document\n  Div\n"), std::string::npos) << tree.substr(0, 300);
    EXPECT_NE(tree.find("\"P8999 \""), std::string::npos);
    EXPECT_NE(tree.find("\"L8999\""), std::string::npos);  // the last link's text, through the parent tree
    EXPECT_NE(tree.find("Span"), std::string::npos);
    EXPECT_NE(tree.find("\"line8299"), std::string::npos);
    const std::string qdf = run("qpdf --qdf --object-streams=disable " + q + " -").out;
    EXPECT_NE(qdf.find("/Limits"), std::string::npos);
    // Every MCID reached from the structure tree and from the parent tree, both agreeing.
    CmdResult ua = run("python3 " FOLIO_SOURCE_DIR "/tests/e2e/pdfua_check.py " + q);
    EXPECT_EQ(ua.status, 0) << ua.out << ua.err;
}

TEST(PdfWriter, ATitleOrALinkPastWhatAPdfStringHoldsStillConverts) {
    // A PDF string holds at most 64 KB (libharu refuses more): the Info title is cut with an
    // ellipsis, and a link whose target is longer keeps its text without the link, with a warning.
    model::Document d;
    d.source_name = "long.md";
    d.meta.lang = "en";
    for (int i = 0; i < 20000; ++i) d.meta.title += "word ";
    d.meta.title += "end";
    d.blocks.push_back(para(model::Inlines{text("See "), model::Inline{model::Link{"https://example.org/" + std::string(70000, 'a'), "", {text("this page")}}, {}}}));
    base::Diagnostics diag(d.source_name);
    const fs::path out = temp_pdf("long-strings");
    ASSERT_NO_THROW(pdf::write_pdf(d, handout_style(), {}, resources(), out, diag));
    EXPECT_EQ(run("qpdf --check '" + out.string() + "'").status, 0);
    const std::string info = run("pdfinfo '" + out.string() + "'").out;
    const auto title = info.find("Title:");
    ASSERT_NE(title, std::string::npos);
    const std::string line = info.substr(title, info.find('\n', title) - title);
    EXPECT_LT(line.size(), 2100u);
    EXPECT_TRUE(line.ends_with("…")) << line.substr(line.size() - 20);
    EXPECT_NE(run("pdftotext '" + out.string() + "' -").out.find("this page"), std::string::npos);
    std::string all;
    for (const auto& m : diag.items()) all += base::format(m) + "\n";
    EXPECT_NE(all.find("longer than a PDF string can hold"), std::string::npos) << all;
}

TEST(PdfWriter, APictureOfMoreThanAHundredMegapixelsIsDescribedNotEmbedded) {
    // A small file may declare a huge picture (a PNG of 20,000 x 20,000 blank pixels is 389 KB
    // and took 1.2 GB to embed): past 100 megapixels its description stands in, with a warning.
    auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
    };
    const std::string ihdr = "IHDR" + be32(20000) + be32(20000) + std::string("\x08\x00\x00\x00\x00", 5);
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : ihdr) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    const fs::path png = temp_pdf("huge-picture").replace_extension(".png");
    base::write_file_atomic(png, std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(c ^ 0xFFFFFFFFu));
    model::Document d;
    d.source_name = "huge.md";
    d.meta.title = "Huge";
    d.meta.lang = "en";
    d.blocks.push_back(model::Block{model::Figure{model::Image{png.string(), "A blank square", ""}, {}}, {3, 1}});
    base::Diagnostics diag(d.source_name);
    const fs::path out = temp_pdf("huge-picture");
    ASSERT_NO_THROW(pdf::write_pdf(d, handout_style(), {}, resources(), out, diag));
    std::string all;
    for (const auto& m : diag.items()) all += base::format(m) + "\n";
    EXPECT_NE(all.find("20000 x 20000 pixels, more than a PDF handout embeds"), std::string::npos) << all;
    EXPECT_NE(run("pdftotext '" + out.string() + "' -").out.find("A blank square"), std::string::npos);
    EXPECT_EQ(run("pdfimages -list '" + out.string() + "' | tail -n +3 | wc -l").out, "0\n");
}

TEST(PdfWriter, PartsInAnotherLanguageCarryLang) {
    model::Document doc;
    doc.meta.title = "Languages";
    doc.meta.lang = "en";
    model::Inlines xs;
    xs.push_back({model::Text{"The motto is "}, {}});
    xs.push_back({model::LangSpan{"fr", {{model::Text{"libert\u00e9, \u00e9galit\u00e9, fraternit\u00e9"}, {}}}}, {}});
    xs.push_back({model::Text{" in French."}, {}});
    doc.blocks.push_back({model::Paragraph{xs}, {}});
    model::Block quote{model::BlockQuote{{{model::Paragraph{{{model::Text{"Freiheit f\u00fcr alle."}, {}}}}, {}}}}, {}};
    quote.lang = "de";
    doc.blocks.push_back(std::move(quote));
    base::Diagnostics diag;
    const fs::path out = temp_pdf("languages");
    pdf::write_pdf(doc, handout_style(), {}, resources(), out, diag);
    const std::string q = "'" + out.string() + "'";
    const std::string tree = run("pdfinfo -struct " + q).out;
    EXPECT_NE(tree.find("Span"), std::string::npos) << tree;
    const std::string qdf = run("qpdf --qdf --object-streams=disable " + q + " -").out;
    EXPECT_NE(qdf.find("/Lang (fr)"), std::string::npos);
    EXPECT_NE(qdf.find("/Lang (de)"), std::string::npos);
    CmdResult ua = run("python3 " FOLIO_SOURCE_DIR "/tests/e2e/pdfua_check.py " + q);
    EXPECT_EQ(ua.status, 0) << ua.out << ua.err;
}

TEST(PdfWriter, HundredPages) {
    const auto doc = long_document(850);
    base::Diagnostics diag(doc.source_name);
    pdf::PdfOptions opts;
    const fs::path out = temp_pdf("hundred");
    const auto st = handout_style();
    base::Diagnostics warm;
    (void)pdf::layout_trace(doc, st, opts, resources(), warm);  // fonts and dictionaries loaded once
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    pdf::write_pdf(doc, st, opts, resources(), out, diag);
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("long document: %ju bytes, %.1f ms wall, %.1f ms CPU\n", static_cast<std::uintmax_t>(fs::file_size(out)), ms, cpu_ms);
    check_consumers(out, doc.meta.title, 100, with_title(doc), handout_style());
}

TEST(PdfWriter, StreamsCompressedOnTwoThreadsGiveTheSameBytes) {
    const auto doc = long_document(200);
    const auto st = handout_style();
    pdf::PdfOptions one, two;
    two.threads = 2;
    base::Diagnostics d1, d2;
    const std::string a = pdf::render_pdf(doc, st, one, resources(), d1);
    const std::string b = pdf::render_pdf(doc, st, two, resources(), d2);
    EXPECT_GT(a.size(), 10000u);
    EXPECT_EQ(a, b);
}

TEST(PdfWriter, PaperSizes) {
    const auto doc = seed_document();
    for (const auto& [paper, w] : {std::pair{"Letter", "612 x 792"}, std::pair{"A5", "419.528 x 595.276"}}) {
        base::Diagnostics diag;
        pdf::PdfOptions opts;
        opts.paper = paper;
        const fs::path out = temp_pdf(std::string("paper-") + paper);
        pdf::write_pdf(doc, default_style(), opts, resources(), out, diag);
        CmdResult r = run("pdfinfo '" + out.string() + "'");
        EXPECT_NE(r.out.find(w), std::string::npos) << r.out;
    }
    pdf::PdfOptions bad;
    bad.paper = "B7";
    base::Diagnostics diag;
    EXPECT_THROW(pdf::render_pdf(doc, default_style(), bad, resources(), diag), base::Error);
}

TEST(PdfWriter, UnshowableCharactersAreReported) {
    model::Document doc;
    doc.source_name = "chars.md";
    doc.meta.title = "Characters";
    doc.blocks.push_back(para("An emoji 😀 here and a Linear B syllable \U00010000 there.", 3));
    doc.blocks.push_back(para("A private-use character \uE000 no font has.", 4));
    base::Diagnostics diag(doc.source_name);
    pdf::PdfOptions opts;
    (void)pdf::render_pdf(doc, default_style(), opts, resources(), diag);
    std::string all;
    for (const auto& d : diag.items()) all += base::format(d) + "\n";
    EXPECT_NE(all.find("folio: warning: chars.md:3:10: U+1F600"), std::string::npos) << all;
    EXPECT_NE(all.find("no font has U+E000"), std::string::npos) << all;
    EXPECT_FALSE(diag.has_errors());
    opts.strict = true;
    base::Diagnostics strict(doc.source_name);
    (void)pdf::render_pdf(doc, default_style(), opts, resources(), strict);
    EXPECT_TRUE(strict.has_errors());
}

TEST(PdfWriter, OverlongWordIsCutWithAWarningAndStaysInTheMargins) {
    model::Document doc;
    doc.source_name = "long-word.md";
    doc.meta.title = "Long words";
    doc.meta.lang = "en";
    std::string huge(150, 'x');
    doc.blocks.push_back(para("Before " + huge + " after, and a long address https://example.org/a/very/long/path/that/goes/on/and/on/for/a/while/index.html in the text.", 2));
    base::Diagnostics diag(doc.source_name);
    const fs::path out = temp_pdf("long-word");
    pdf::write_pdf(doc, default_style(), {}, resources(), out, diag);
    bool warned = false;
    for (const auto& d : diag.items()) warned |= d.message.find("word longer than the line") != std::string::npos;
    EXPECT_TRUE(warned);
    CmdResult r = run("pdftotext -bbox '" + out.string() + "' -");
    EXPECT_EQ(words_outside(r.out, 64, 64), 0);
}

/// Compares a layout trace with tests/golden/NAME (rewritten when FOLIO_UPDATE_GOLDEN=1).
void expect_golden(const std::string& trace, const std::string& name) {
    const fs::path golden = fs::path(FOLIO_TEST_DATA) / "golden" / name;
    if (const char* u = std::getenv("FOLIO_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        fs::create_directories(golden.parent_path());
        base::write_file_atomic(golden, trace);
    }
    ASSERT_TRUE(fs::exists(golden)) << "run with FOLIO_UPDATE_GOLDEN=1 to create " << golden;
    EXPECT_EQ(trace, base::read_file(golden.string()));
}

// The built-in default style, so that the goldens do not move with the shipped stylesheets.
TEST(PdfWriter, LayoutTraceGolden) {
    base::Diagnostics diag;
    const std::string seed = pdf::layout_trace(seed_document(), default_style(), {}, resources(), diag);
    expect_golden(seed, "layout-seed.txt");
    EXPECT_NE(seed.find("=== page 1"), std::string::npos);
    EXPECT_NE(seed.find(" hyphen"), std::string::npos);
    const std::string every = pdf::layout_trace(every_kind_document(), default_style(), {}, resources(), diag);
    expect_golden(every, "layout-every-kind.txt");
    const std::string long_doc = pdf::layout_trace(long_document(60), default_style(), {}, resources(), diag);
    expect_golden(long_doc, "layout-long.txt");
}

TEST(PdfWriter, SteadyStateCostPerDocument) {
    const auto doc = seed_document();
    const auto st = handout_style();
    pdf::PdfOptions opts;
    base::Diagnostics warm;
    const std::size_t two_faces = pdf::render_pdf(doc, st, opts, resources(), warm).size();  // fonts parsed once
    constexpr int runs = 20;
    double layout_cpu = 0, pdf_cpu = 0;
    for (int i = 0; i < runs; ++i) {
        base::Diagnostics d;
        const std::clock_t c0 = std::clock();
        (void)pdf::layout_trace(doc, st, opts, resources(), d);
        const std::clock_t c1 = std::clock();
        (void)pdf::render_pdf(doc, st, opts, resources(), d);
        const std::clock_t c2 = std::clock();
        layout_cpu += 1000.0 * static_cast<double>(c1 - c0) / CLOCKS_PER_SEC;
        pdf_cpu += 1000.0 * static_cast<double>(c2 - c1) / CLOCKS_PER_SEC;
    }
    // The cost of one more face: the same document with one italic word (a third face).
    auto three = doc;
    std::get<model::Paragraph>(three.blocks[0].node).content.push_back(
        model::Inline{model::Emphasis{{text(" italique")}}, {}});
    base::Diagnostics d3;
    const std::size_t three_faces = pdf::render_pdf(three, st, opts, resources(), d3).size();
    std::printf("seed steady state (CPU): layout %.2f ms, layout+PDF %.2f ms; %zu bytes with 2 faces, "
                "%zu with 3: %.1f KB per face\n",
                layout_cpu / runs, pdf_cpu / runs, two_faces, three_faces,
                (static_cast<double>(three_faces) - static_cast<double>(two_faces)) / 1024.0);
    EXPECT_GT(three_faces, two_faces);
}

TEST(PdfWriter, ThreadsShareOneResources) {
    // A fresh Resources, so that the threads also race on the first font lookups.
    auto shared = pdf::make_resources();
    const auto doc = every_kind_document();
    const auto st = handout_style();
    pdf::PdfOptions opts;
    std::vector<std::string> out(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < out.size(); ++i)
        threads.emplace_back([&, i] {
            base::Diagnostics d;
            out[i] = pdf::render_pdf(doc, st, opts, *shared, d);
        });
    for (auto& t : threads) t.join();
    for (std::size_t i = 1; i < out.size(); ++i) EXPECT_EQ(out[i], out[0]);
    base::Diagnostics d;
    EXPECT_EQ(pdf::render_pdf(doc, st, opts, resources(), d), out[0]);
}

TEST(PdfWriter, JpegFiguresAndMissingImages) {
    // A baseline JPEG of one grey 8x8 block: one-code Huffman tables, DC difference 0, then EOB.
    std::string j = "\xFF\xD8";
    j += std::string("\xFF\xDB\x00\x43\x00", 5) + std::string(64, '\x01');
    j += std::string("\xFF\xC0\x00\x0B\x08\x00\x08\x00\x08\x01\x01\x11\x00", 13);
    for (const char cls : {'\x00', '\x10'})
        j += std::string("\xFF\xC4\x00\x14", 4) + cls + '\x01' + std::string(15, '\0') + '\0';
    j += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10) + "\x3F\xFF\xD9";
    const fs::path jpg = temp_pdf("photo").replace_extension(".jpg");
    base::write_file_atomic(jpg, j);
    model::Document doc;
    doc.source_name = "figures.md";
    doc.meta.title = "Figures";
    model::Figure ok;
    ok.image.src = jpg.string();
    ok.image.alt = "A gradient";
    ok.caption = {text("A JPEG picture.")};
    model::Figure missing;
    missing.image.src = "/nonexistent/picture.png";
    missing.image.alt = "What the picture showed";
    doc.blocks.push_back(model::Block{ok, {3, 1}});
    doc.blocks.push_back(model::Block{missing, {5, 1}});
    base::Diagnostics diag(doc.source_name);
    const fs::path out = temp_pdf("figures");
    pdf::write_pdf(doc, handout_style(), {}, resources(), out, diag);
    ASSERT_EQ(diag.count(base::Severity::Warning) + diag.count(base::Severity::Error), 1u);
    EXPECT_NE(base::format(diag.items()[0]).find("figures.md:5:1: image '/nonexistent/picture.png' cannot be read"),
              std::string::npos);
    const std::string txt = check_consumers(out, "Figures", 1, drawn_words(doc), handout_style());
    EXPECT_NE(txt.find("What the picture showed"), std::string::npos);
    EXPECT_NE(run("pdfimages -list '" + out.string() + "'").out.find("jpeg"), std::string::npos);
}

TEST(PdfWriter, LibharuByteCopiesGiveWhatItsOwnLoopsGave) {
    // folio's HPDF_MemCpy and HPDF_MemSet stand in for libharu's byte loops: the same bytes and
    // the same result, the end of the range written, also for copies that overlap.
    std::array<HPDF_BYTE, 64> a{}, b{};
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<HPDF_BYTE>(i + 1);
    EXPECT_EQ(HPDF_MemCpy(b.data(), a.data(), 40), b.data() + 40);
    EXPECT_EQ(std::memcmp(a.data(), b.data(), 40), 0);
    EXPECT_EQ(b[40], 0);
    EXPECT_EQ(HPDF_MemCpy(b.data(), a.data(), 0), b.data());
    // Overlapping from above, a forward byte loop repeats the first bytes; from below it moves.
    std::array<HPDF_BYTE, 8> up{1, 2, 3, 4, 5, 6, 7, 8}, down = up;
    HPDF_MemCpy(up.data() + 2, up.data(), 6);
    EXPECT_EQ(up, (std::array<HPDF_BYTE, 8>{1, 2, 1, 2, 1, 2, 1, 2}));
    HPDF_MemCpy(down.data(), down.data() + 2, 6);
    EXPECT_EQ(down, (std::array<HPDF_BYTE, 8>{3, 4, 5, 6, 7, 8, 7, 8}));
    EXPECT_EQ(HPDF_MemSet(a.data() + 3, 0xAB, 5), a.data() + 8);
    EXPECT_EQ(a[2], 3);
    EXPECT_EQ(a[3], 0xAB);
    EXPECT_EQ(a[7], 0xAB);
    EXPECT_EQ(a[8], 9);
    EXPECT_EQ(HPDF_MemSet(a.data(), 0, 0), a.data());
}
