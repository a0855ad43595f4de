// Benchmark of input decoding (BOM, encoding detection, UTF-8 validation, line ends) on valid
// UTF-8, the common case that must stay on the fast path.
#include <benchmark/benchmark.h>

#include <string>

#include "parse/input.hpp"

static void BM_DecodeValidUtf8(benchmark::State& state) {
    const std::string chunk = "Le théâtre a rouvert ; the quick brown fox jumps over the lazy dog.\n";
    std::string big;
    while (big.size() < static_cast<std::size_t>(state.range(0))) big += chunk;
    for (auto _ : state) {
        folio::base::Diagnostics d;
        auto r = folio::parse::decode_input(big, d);
        benchmark::DoNotOptimize(r.text.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(big.size()));
}
BENCHMARK(BM_DecodeValidUtf8)->Arg(1 << 20)->Arg(10 << 20)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
