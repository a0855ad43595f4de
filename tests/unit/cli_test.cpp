// Unit tests for the command line: option validation, job planning, sharding, metadata overrides,
// and --no-smart checked through the binary.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/error.hpp"
#include "cli/batch.hpp"
#include "cli/convert.hpp"
#include "cli/options.hpp"

using namespace folio::cli;
namespace fs = std::filesystem;

namespace {

ParseResult parse(std::vector<std::string> args) {
    args.insert(args.begin(), "folio");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return parse_options(static_cast<int>(argv.size()), argv.data());
}

class TempDir {
public:
    TempDir() {
        path_ = fs::temp_directory_path() / ("folio-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }
    void touch(const fs::path& rel) {
        fs::create_directories((path_ / rel).parent_path());
        std::ofstream(path_ / rel) << "x\n";
    }

private:
    fs::path path_;
    static inline int counter_ = 0;
};

}  // namespace

TEST(Options, DefaultsArePdfAndEpub) {
    auto r = parse({"a.txt"});
    ASSERT_TRUE(r.options);
    EXPECT_EQ(r.options->targets, (std::vector<Target>{Target::Pdf, Target::Epub}));
    EXPECT_GE(r.options->jobs, 1u);
}

TEST(Options, UsageErrorsExitTwo) {
    EXPECT_EQ(parse({"--no-such-option", "a.txt"}).exit_status, 2);
    EXPECT_EQ(parse({}).exit_status, 2);                                  // no input
    EXPECT_EQ(parse({"a.txt", "b.txt", "-o", "x.pdf"}).exit_status, 2);   // -o with two inputs
    EXPECT_EQ(parse({"a.txt", "-o", "x.docx"}).exit_status, 2);           // unknown extension
    EXPECT_EQ(parse({"a.txt", "-o", "-"}).exit_status, 2);                // stdout without -t
    EXPECT_EQ(parse({"a.txt", "-t", "pdf", "-o", "-"}).exit_status, 2);   // binary to stdout
    EXPECT_EQ(parse({"a.txt", "-t", "pdf,doc"}).exit_status, 2);
    EXPECT_EQ(parse({"a.txt", "--shard", "4/3"}).exit_status, 2);
    EXPECT_EQ(parse({"a.txt", "-M", "novalue"}).exit_status, 2);
    EXPECT_EQ(parse({"a.txt", "-o", "x.pdf", "-d", "out"}).exit_status, 2);
}

TEST(Options, OutputExtensionChoosesFormat) {
    auto r = parse({"a.txt", "-o", "x.epub"});
    ASSERT_TRUE(r.options);
    EXPECT_EQ(r.options->targets, std::vector<Target>{Target::Epub});
    auto j = parse({"a.txt", "-t", "json", "-o", "-"});
    ASSERT_TRUE(j.options);
    EXPECT_EQ(j.options->targets, std::vector<Target>{Target::Json});
}

TEST(Options, MetadataAndShardParsed) {
    auto r = parse({"a.txt", "-M", "title=A = B", "-M", "author=X", "--shard", "2/5", "--ext", ".txt,.text"});
    ASSERT_TRUE(r.options);
    ASSERT_EQ(r.options->metadata.size(), 2u);
    EXPECT_EQ(r.options->metadata[0].second, "A = B");
    EXPECT_EQ(r.options->shard, std::make_pair(2u, 5u));
    EXPECT_EQ(r.options->extensions, (std::vector<std::string>{"txt", "text"}));
}

TEST(Plan, FoldersAreMirroredUnderOutputDir) {
    TempDir t;
    t.touch("in/a.txt");
    t.touch("in/sub/b.md");
    t.touch("in/sub/ignored.pdf");
    Options o;
    o.inputs = {(t.path() / "in").string()};
    o.output_dir = (t.path() / "out").string();
    const auto jobs = plan_jobs(o);
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[0].outputs[0].second, t.path() / "out" / "a.pdf");
    EXPECT_EQ(jobs[1].outputs[1].second, t.path() / "out" / "sub" / "b.epub");
}

TEST(Plan, OutputOntoInputIsRefused) {
    TempDir t;
    t.touch("doc.json");
    Options o;
    o.inputs = {(t.path() / "doc.json").string()};
    o.output = (t.path() / "doc.json").string();
    o.targets = {Target::Json};
    EXPECT_THROW(plan_jobs(o), folio::base::Error);
}

TEST(Plan, TwoInputsWithOneOutputAreRefused) {
    // "a/x.txt" and "b/x.txt" under -d, or "x.md" beside "x.txt": one would overwrite the other.
    TempDir t;
    std::filesystem::create_directories(t.path() / "a");
    std::filesystem::create_directories(t.path() / "b");
    t.touch("a/x.txt");
    t.touch("b/x.txt");
    t.touch("a/x.md");
    Options o;
    o.output_dir = (t.path() / "out").string();
    o.targets = {Target::Pdf};
    o.inputs = {(t.path() / "a" / "x.txt").string(), (t.path() / "b" / "x.txt").string()};
    EXPECT_THROW(plan_jobs(o), folio::base::Error);
    o.inputs = {(t.path() / "a").string(), (t.path() / "b").string()};
    EXPECT_THROW(plan_jobs(o), folio::base::Error);
    o.inputs = {(t.path() / "a" / "x.txt").string(), (t.path() / "a" / "x.md").string()};
    EXPECT_THROW(plan_jobs(o), folio::base::Error);
    // Their common folder is mirrored: a/x.pdf and b/x.pdf.
    o.inputs = {t.path().string()};
    o.extensions = {"txt"};
    EXPECT_EQ(plan_jobs(o).size(), 2u);
    // The same file named twice writes the same outputs twice: no conflict.
    o.inputs = {(t.path() / "a" / "x.txt").string(), (t.path() / "a" / "x.txt").string()};
    EXPECT_EQ(plan_jobs(o).size(), 2u);
}

TEST(Plan, MissingInputStillBecomesAJob) {
    Options o;
    o.inputs = {"/nonexistent/x.txt"};
    EXPECT_EQ(plan_jobs(o).size(), 1u);
}

TEST(Shard, PartitionCoversEveryInputExactlyOnce) {
    TempDir t;
    for (int i = 0; i < 200; ++i) t.touch("in/f" + std::to_string(i) + ".txt");
    std::multiset<std::string> seen;
    for (unsigned k = 1; k <= 3; ++k) {
        Options o;
        o.inputs = {(t.path() / "in").string()};
        o.shard = std::make_pair(k, 3u);
        for (const auto& j : plan_jobs(o)) seen.insert(j.input);
    }
    EXPECT_EQ(seen.size(), 200u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 200u);
}

TEST(Shard, StableAcrossCalls) {
    EXPECT_EQ(shard_of("articles/a.txt", 7), shard_of("articles/a.txt", 7));
    EXPECT_LT(shard_of("x", 3), 3u);
}

TEST(Metadata, OverridesReplaceAndExtend) {
    folio::model::Metadata m;
    m.title = "Old";
    m.authors = {"A"};
    apply_metadata_overrides(m, {{"title", "New"}, {"author", "B, C"}, {"keywords", "x, y"}, {"publisher", "P"}});
    EXPECT_EQ(m.title, "New");
    EXPECT_EQ(m.authors, (std::vector<std::string>{"B", "C"}));
    EXPECT_EQ(m.keywords, (std::vector<std::string>{"x", "y"}));
    ASSERT_EQ(m.extra.size(), 1u);
    EXPECT_EQ(m.extra[0].first, "publisher");
}

namespace {

/// Runs the folio binary and returns what it wrote to standard output (and standard error, with
/// `with_messages`).
std::string run_folio(const std::string& args, bool with_messages = false) {
    std::string out;
    FILE* p = ::popen((std::string(FOLIO_BINARY) + " " + args + (with_messages ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
    return out;
}

}  // namespace

TEST(Options, NoSmartIsParsed) {
    auto r = parse({"--no-smart", "a.md"});
    ASSERT_TRUE(r.options);
    EXPECT_FALSE(r.options->smart);
    EXPECT_TRUE(parse({"a.md"}).options->smart);
}

TEST(Convert, NoSmartKeepsPunctuationAsTyped) {
    TempDir t;
    const fs::path md = t.path() / "p.md";
    std::ofstream(md) << "Rock 'n' roll -- \"¿Sí?\" - (RMS)'s '90s --- end...\n";
    const std::string args = "-t json -o - --lang es " + md.string();
    const std::string smart = run_folio(args);
    EXPECT_NE(smart.find("Rock ’n’ roll\u00A0– «¿Sí?»\u00A0– (RMS)’s ’90s\u00A0— end…"), std::string::npos) << smart;
    const std::string plain = run_folio("--no-smart " + args);
    EXPECT_NE(plain.find("Rock 'n' roll -- \\\"¿Sí?\\\" - (RMS)'s '90s --- end..."), std::string::npos) << plain;
}

// An output that cannot be written (its path is a folder) fails the input, and the other outputs
// are written and reported all the same, in sequence (-j1) as side by side (-j2).
TEST(Convert, AFailedOutputDoesNotKeepTheOthersFromBeingWritten) {
    TempDir t;
    const fs::path md = t.path() / "a.md";
    std::ofstream(md) << "# Title\n\nA paragraph.\n";
    std::string messages[2];
    for (int jobs = 1; jobs <= 2; ++jobs) {
        const fs::path dir = t.path() / ("out" + std::to_string(jobs));
        fs::create_directories(dir / "a.pdf");  // in the way of the PDF
        const fs::path report = dir / "report.json";
        const std::string out = run_folio("-j" + std::to_string(jobs) + " -d " + dir.string() + " --report " +
                                          report.string() + " " + md.string() + " 2>&1; echo rc=$?");
        messages[jobs - 1] = out.substr(0, out.find("folio: 0 converted"));
        for (std::size_t at; (at = messages[jobs - 1].find(dir.string())) != std::string::npos;)
            messages[jobs - 1].replace(at, dir.string().size(), "DIR");
        EXPECT_NE(out.find("a.pdf"), std::string::npos) << out;
        EXPECT_NE(out.find("rc=1"), std::string::npos) << out;
        EXPECT_TRUE(fs::is_directory(dir / "a.pdf"));
        EXPECT_GT(fs::file_size(dir / "a.epub"), 1000u);
        std::ifstream in(report);
        const std::string json((std::istreambuf_iterator<char>(in)), {});
        EXPECT_NE(json.find("\"failed\""), std::string::npos) << json;
        EXPECT_NE(json.find("a.epub"), std::string::npos) << json;
    }
    EXPECT_EQ(messages[0], messages[1]);
}

// With one input and two jobs, the input is read while the styles load and, for a large input,
// the PDF and the EPUB are written side by side: the bytes and the messages stay those of -j1.
TEST(Convert, OneLargeInputOnTwoCoresGivesTheSameOutputs) {
    TempDir t;
    const fs::path md = t.path() / "big.md";
    {
        std::ofstream out(md);
        out << "---\ntitle: Side by side\nlang: en\n---\n\n";
        for (int i = 0; i < 600; ++i)
            out << "## Part " << i << "\n\nA paragraph of plain words about part " << i
                << ", long enough to need a line or two of its own, with a [dead link](#nowhere) in it.\n\n";
    }
    ASSERT_GT(fs::file_size(md), 64u * 1024u);
    // The messages, without the last line's time.
    const auto messages = [&](const std::string& args) {
        const std::string out = run_folio(args + " " + md.string(), true);
        return out.substr(0, out.find("folio: 1 converted"));
    };
    const std::string one = messages("-j1 -d " + (t.path() / "one").string());
    const std::string two = messages("-j2 -d " + (t.path() / "two").string());
    EXPECT_EQ(one, two);
    EXPECT_NE(one.find("nowhere"), std::string::npos) << one;
    for (const char* name : {"big.pdf", "big.epub"}) {
        const auto read = [](const fs::path& p) {
            std::ifstream in(p, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        };
        const std::string a = read(t.path() / "one" / name), b = read(t.path() / "two" / name);
        EXPECT_GT(a.size(), 1000u) << name;
        EXPECT_EQ(a, b) << name;
    }
}
