// Benchmark of drawing the EPUB's typographic cover (cairo, palette PNG), which every EPUB without
// --cover pays once: a short title, a long one of five lines, and one with a subtitle and authors.
#include <benchmark/benchmark.h>

#include "epub/cover.hpp"
#include "style/style.hpp"

namespace {

const folio::style::Style& reader_style() {
    static const folio::style::Style s = [] {
        folio::base::Diagnostics d;
        return folio::style::load_style("reader", d);
    }();
    return s;
}

void BM_Cover(benchmark::State& state, folio::epub::CoverText text) {
    std::size_t bytes = 0;
    for (auto _ : state) {
        const std::string png = folio::epub::render_cover_png(text, reader_style());
        bytes = png.size();
        benchmark::DoNotOptimize(png.data());
    }
    state.counters["png_bytes"] = static_cast<double>(bytes);
}

}  // namespace

BENCHMARK_CAPTURE(BM_Cover, short_title, folio::epub::CoverText{"immunothérapie", "", {}, ""})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Cover, long_title,
                  folio::epub::CoverText{"Die Energiewende in Deutschland: Wind, Sonne und die Frage, wer die Netze "
                                         "bezahlt, wenn der Strom aus dem Norden in den Süden fließen soll",
                                         "", {}, "7. Dezember 2026"})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Cover, with_authors,
                  folio::epub::CoverText{"Getting Started with folio", "From a Markdown file to a handout and an e-book",
                                         {"Morgan Lee", "Sam Okafor"}, "28 November 2026"})
    ->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
