// Runs tests/golden/markdown-spec.txt: each example is Markdown input, the expected model JSON
// (without positions) and the expected diagnostics. FOLIO_UPDATE_GOLDEN=1 rewrites the
// expectations in place (review the diff before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/diagnostics.hpp"
#include "model/json.hpp"
#include "parse/reader.hpp"

namespace {

const std::string spec_path = std::string(FOLIO_TEST_DATA) + "/golden/markdown-spec.txt";
const std::string assets_dir = std::string(FOLIO_TEST_DATA) + "/golden/markdown-assets";
const std::string fence_open = "```````````````````````````````` example";
const std::string fence_close = "````````````````````````````````";

struct Example {
    int number = 0;
    std::string section;
    std::string markdown, json, diagnostics;
    std::size_t first_line = 0, last_line = 0;  // fence lines in the file (0-based)
};

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

std::vector<Example> load_examples() {
    const auto lines = read_lines(spec_path);
    std::vector<Example> out;
    std::string section = "intro";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind("## ", 0) == 0) section = lines[i].substr(3);
        if (lines[i] != fence_open) continue;
        Example ex;
        ex.number = static_cast<int>(out.size()) + 1;
        ex.section = section;
        ex.first_line = i;
        std::string* parts[] = {&ex.markdown, &ex.json, &ex.diagnostics};
        int part = 0;
        for (++i; i < lines.size() && lines[i] != fence_close; ++i) {
            if (lines[i] == "." && part < 2) { ++part; continue; }
            // "→" stands for a tab, as in the CommonMark spec.
            const std::string& l = lines[i];
            std::string expanded;
            for (std::size_t k = 0; k < l.size(); ++k) {
                if (l.compare(k, 3, "→") == 0) { expanded += '\t'; k += 2; }
                else expanded += l[k];
            }
            *parts[part] += expanded + "\n";
        }
        ex.last_line = i;
        out.push_back(std::move(ex));
    }
    return out;
}

struct Actual {
    std::string json, diagnostics;
};

Actual run(const std::string& markdown) {
    folio::parse::ReadOptions opts;
    opts.base_dir = assets_dir;
    folio::base::Diagnostics diag("in.md");
    const auto doc = folio::parse::read_markdown(markdown, opts, diag);
    Actual a;
    a.json = folio::model::to_json(doc, false);
    std::string shown;
    for (std::size_t k = 0; k < a.json.size();) {
        if (a.json.compare(k, assets_dir.size(), assets_dir) == 0) { shown += "$ASSETS"; k += assets_dir.size(); }
        else shown += a.json[k++];
    }
    a.json = std::move(shown);
    if (a.json.empty() || a.json.back() != '\n') a.json += '\n';
    for (const auto& d : diag.items()) {
        a.diagnostics += d.severity == folio::base::Severity::Warning ? "warning" : d.severity == folio::base::Severity::Note ? "note" : "error";
        // Appended piece by piece: `" " + std::string` trips GCC 12's -Wrestrict false positive.
        a.diagnostics.append(" ").append(std::to_string(d.line)).append(":").append(std::to_string(d.col));
        a.diagnostics.append(" ").append(d.message).append("\n");
    }
    return a;
}

class MarkdownSpec : public ::testing::TestWithParam<Example> {};

TEST_P(MarkdownSpec, Example) {
    const Example& ex = GetParam();
    const Actual a = run(ex.markdown);
    EXPECT_EQ(a.json, ex.json) << "example " << ex.number << " (" << ex.section << ")\n" << ex.markdown;
    EXPECT_EQ(a.diagnostics, ex.diagnostics) << "example " << ex.number << " (" << ex.section << ")";
}

std::string test_name(const ::testing::TestParamInfo<Example>& info) {
    std::string name = "ex" + std::to_string(info.param.number) + "_";
    for (const char c : info.param.section) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Golden, MarkdownSpec, ::testing::ValuesIn(load_examples()), test_name);

TEST(MarkdownSpecFile, HasExamplesAndOptionallyRegenerates) {
    const auto examples = load_examples();
    ASSERT_GT(examples.size(), 20u) << spec_path;
    const char* update = std::getenv("FOLIO_UPDATE_GOLDEN");
    if (!update || std::string(update) != "1") return;
    auto lines = read_lines(spec_path);
    std::vector<std::string> out;
    std::size_t next = 0;
    for (const auto& ex : examples) {
        for (; next <= ex.first_line; ++next) out.push_back(lines[next]);
        for (std::size_t i = ex.first_line + 1; i < ex.last_line && lines[i] != "."; ++i) out.push_back(lines[i]);
        const Actual a = run(ex.markdown);
        out.push_back(".");
        std::istringstream js(a.json);
        for (std::string l; std::getline(js, l);) out.push_back(l);
        out.push_back(".");
        std::istringstream dg(a.diagnostics);
        for (std::string l; std::getline(dg, l);) out.push_back(l);
        next = ex.last_line;
    }
    for (; next < lines.size(); ++next) out.push_back(lines[next]);
    std::ofstream f(spec_path);
    for (const auto& l : out) f << l << '\n';
    std::printf("rewrote %s: review with git diff\n", spec_path.c_str());
}

}  // namespace
