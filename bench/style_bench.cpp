// Benchmark of loading a style (reading, parsing and cascading its CSS), which every run pays
// once per style before the first article.
#include <benchmark/benchmark.h>

#include "style/style.hpp"

static void BM_LoadStyle(benchmark::State& state, const char* name) {
    for (auto _ : state) {
        folio::base::Diagnostics d;
        auto s = folio::style::load_style(name, d);
        benchmark::DoNotOptimize(&s);
    }
}
BENCHMARK_CAPTURE(BM_LoadStyle, handout, "handout")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LoadStyle, reader, "reader")->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
