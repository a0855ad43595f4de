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

/// Runs the folio binary and returns what it wrote to standard output.
std::string run_folio(const std::string& args) {
    std::string out;
    FILE* p = ::popen((std::string(FOLIO_BINARY) + " " + args + " 2>/dev/null").c_str(), "r");
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

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

// With a core to spare, the EPUB, HTML and JSON are written on a second thread beside the PDF,
// and the reader style is loaded beside the handout: the files and the messages must not change.
TEST(Convert, OutputsMadeBesideThePdfAreTheSameAsInTurn) {
    TempDir t;
    const fs::path md = t.path() / "doc.md";
    std::ofstream(md) << "# Title\n\nA [dead link](#nowhere) and ![a picture](missing.png).\n\n"
                         "Ein Satz, der lang genug ist, um getrennt zu werden.\n";
    std::vector<std::string> style_messages[2];
    auto run = [&](unsigned jobs, const std::string& sub) {
        Options o;
        o.jobs = jobs;
        o.targets = {Target::Pdf, Target::Epub, Target::Html, Target::Json};
        folio::base::Diagnostics shared_diag;
        Shared shared = load_shared(o, shared_diag);
        for (const auto& d : shared_diag.items()) style_messages[jobs - 1].push_back(folio::base::format(d));
        Job job{md.string(), {}};
        for (auto [target, ext] : {std::pair{Target::Pdf, ".pdf"}, std::pair{Target::Epub, ".epub"},
                                   std::pair{Target::Html, ".html"}, std::pair{Target::Json, ".json"}})
            job.outputs.emplace_back(target, t.path() / sub / (std::string("doc") + ext));
        return convert(job, o, shared, true, true, jobs > 1);
    };
    const Result in_turn = run(1, "one");
    const Result beside = run(2, "two");
    ASSERT_EQ(in_turn.status, Result::Status::Converted) << in_turn.error;
    ASSERT_EQ(beside.status, Result::Status::Converted) << beside.error;
    ASSERT_EQ(in_turn.outputs.size(), 4u);
    ASSERT_EQ(beside.outputs.size(), 4u);
    for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_EQ(in_turn.outputs[k].target, beside.outputs[k].target);
        EXPECT_EQ(in_turn.outputs[k].sha256, beside.outputs[k].sha256) << in_turn.outputs[k].path;
        EXPECT_EQ(slurp(in_turn.outputs[k].path), slurp(beside.outputs[k].path));
    }
    EXPECT_EQ(style_messages[0], style_messages[1]);
    ASSERT_FALSE(in_turn.diag.items().empty());
    ASSERT_EQ(in_turn.diag.items().size(), beside.diag.items().size());
    for (std::size_t k = 0; k < in_turn.diag.items().size(); ++k)
        EXPECT_EQ(folio::base::format(in_turn.diag.items()[k]), folio::base::format(beside.diag.items()[k]));
}

// An output that cannot be written fails the job, whichever thread wrote it.
TEST(Convert, AFailedOutputBesideThePdfFailsTheJob) {
    TempDir t;
    const fs::path md = t.path() / "doc.md";
    std::ofstream(md) << "# Title\n\nText.\n";
    t.touch("blocker");
    Options o;
    o.jobs = 2;
    folio::base::Diagnostics d;
    Shared shared = load_shared(o, d);
    Job job{md.string(), {{Target::Pdf, t.path() / "doc.pdf"}, {Target::Epub, t.path() / "blocker" / "doc.epub"}}};
    const Result r = convert(job, o, shared, false, true, true);
    EXPECT_EQ(r.status, Result::Status::Failed);
    EXPECT_NE(r.error.find("blocker"), std::string::npos) << r.error;
}
