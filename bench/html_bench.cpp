// Benchmark of the HTML reader (decoding, parsing, main-content extraction, model building) over
// the saved pages of tests/corpus/html/readability: bytes of HTML per second, all pages in turn.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parse/reader.hpp"

namespace {

std::vector<std::string> load_pages() {
    std::vector<std::filesystem::path> paths;
    const std::filesystem::path root = std::filesystem::path(FOLIO_SOURCE_DIR) / "tests/corpus/html/readability";
    for (const auto& e : std::filesystem::directory_iterator(root))
        if (std::filesystem::exists(e.path() / "source.html")) paths.push_back(e.path() / "source.html");
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> pages;
    for (const auto& p : paths) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        pages.push_back(ss.str());
    }
    return pages;
}

void BM_ReadHtmlPages(benchmark::State& state) {
    static const std::vector<std::string> pages = load_pages();
    std::int64_t bytes = 0;
    for (const auto& p : pages) bytes += static_cast<std::int64_t>(p.size());
    folio::parse::ReadOptions opts;
    for (auto _ : state) {
        for (const auto& p : pages) {
            folio::base::Diagnostics d;
            auto doc = folio::parse::read_html(p, opts, d);
            benchmark::DoNotOptimize(doc.blocks.data());
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
    state.counters["pages"] = static_cast<double>(pages.size());
}
BENCHMARK(BM_ReadHtmlPages)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
