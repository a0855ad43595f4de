// Throughput of the article reader on large damaged articles (1 MB and 10 MB): paragraphs of
// which every other one is cut, with their tails spilled one word per line at the end.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "parse/article/build.hpp"
#include "parse/input.hpp"
#include "parse/reader.hpp"

namespace {

// A fixed vocabulary and a fixed generator: the same bytes on every run and machine.
const std::vector<std::string> vocabulary{
    "le", "système", "immunitaire", "reconnaît", "les", "cellules", "tumorales", "et", "des", "anticorps",
    "qui", "ciblent", "une", "protéine", "de", "la", "surface", "dans", "certains", "cancers", "traitement",
    "patients", "réponse", "durable", "effets", "indésirables", "recherche", "essais", "cliniques", "Paris",
    "(CRS)", "2021", "par", "exemple", "vaccins", "thérapeutiques", "lymphocytes", "inhibiteurs", "contrôle"};

struct Lcg {
    std::uint64_t s = 42;
    std::uint32_t next(std::uint32_t n) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>((s >> 33) % n);
    }
};

std::string make_article(std::size_t target_bytes) {
    Lcg rng;
    std::string body = "Accueil\n\nUn article très long\n\n";
    std::string spill;
    bool cut = false;
    while (body.size() + spill.size() < target_bytes) {
        std::vector<std::string> words;
        const std::uint32_t sentences = 2 + rng.next(4);
        for (std::uint32_t s = 0; s < sentences; ++s) {
            const std::uint32_t n = 8 + rng.next(14);
            for (std::uint32_t k = 0; k < n; ++k) {
                std::string w = vocabulary[rng.next(static_cast<std::uint32_t>(vocabulary.size()))];
                if (k == 0) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
                if (k + 1 == n) w += '.';
                words.push_back(std::move(w));
            }
        }
        const std::size_t keep = cut ? 1 + rng.next(static_cast<std::uint32_t>(words.size() - 1)) : words.size();
        for (std::size_t k = 0; k < keep; ++k) {
            if (k) body += ' ';
            body += words[k];
        }
        body += "\n\n";
        for (std::size_t k = keep; k < words.size(); ++k) {
            spill += words[k];
            spill += '\n';
        }
        cut = !cut;
    }
    return body + spill;
}

void read_article_bench(benchmark::State& state) {
    const std::string text = make_article(static_cast<std::size_t>(state.range(0)) << 20);
    folio::parse::ReadOptions opts;
    for (auto _ : state) {
        folio::base::Diagnostics diag;
        auto doc = folio::parse::read_article(text, opts, diag);
        benchmark::DoNotOptimize(doc);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

// The structural pass alone (crumbs, blocks, spill), on text already decoded.
void build_article_bench(benchmark::State& state) {
    const std::string text = make_article(static_cast<std::size_t>(state.range(0)) << 20);
    for (auto _ : state) {
        folio::base::Diagnostics diag;
        auto doc = folio::parse::article::build_article(text, diag);
        benchmark::DoNotOptimize(doc);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

}  // namespace

BENCHMARK(read_article_bench)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);
BENCHMARK(build_article_bench)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
