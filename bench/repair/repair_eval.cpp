// Scores the article reader's spill re-attachment with given evidence weights, in one process, for
// bench/repair/fit.py: every CASES/NAME.txt is read and its blocks compared with CASES/NAME.want
// (the title on the first line, then one block per line).
//   repair_eval CASES_DIR [name=value ...]   → "exact E blocks B titles T files F"
//                                              (REPAIR_EVAL_LIST=1: first, each case's misses)
//   repair_eval --explain CASE.txt [name=value ...]   → the cost terms of folio's segmentation
//                                                       of one case and of the true one
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/text.hpp"
#include "parse/article/build.hpp"
#include "parse/input.hpp"

namespace fs = std::filesystem;
using namespace folio;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void collect(const model::Blocks& blocks, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        if (const auto* p = std::get_if<model::Paragraph>(&b.node)) out.push_back(model::plain_text(p->content));
        else if (const auto* h = std::get_if<model::Heading>(&b.node)) out.push_back(model::plain_text(h->content));
        else if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) collect(q->blocks, out);
        else if (const auto* l = std::get_if<model::BulletList>(&b.node)) for (const auto& it : l->items) collect(it.blocks, out);
        else if (const auto* o = std::get_if<model::OrderedList>(&b.node)) for (const auto& it : o->items) collect(it.blocks, out);
    }
}

// Blocks of `want` matched in order by `got` (longest common subsequence).
std::size_t matched(const std::vector<std::string>& want, const std::vector<std::string>& got) {
    std::vector<std::vector<std::size_t>> t(want.size() + 1, std::vector<std::size_t>(got.size() + 1, 0));
    for (std::size_t i = want.size(); i-- > 0;)
        for (std::size_t j = got.size(); j-- > 0;)
            t[i][j] = want[i] == got[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
    return t[0][0];
}

}  // namespace

// Prints how the evidence weighs folio's segmentation of one case against the true one (the
// true tails come from CASE.want: each head is the start of its block).
int explain(const fs::path& c, const parse::article::SpillWeights& w) {
    std::vector<std::string> want;
    std::istringstream ws(slurp(fs::path(c).replace_extension(".want")));
    for (std::string line; std::getline(ws, line);) want.push_back(line);
    if (!want.empty()) want.erase(want.begin());
    base::Diagnostics diag;
    const std::string bytes = slurp(c);
    const parse::DecodedText text = parse::decode_input(bytes, diag);
    parse::article::BuildOptions opts;
    opts.weights = &w;
    opts.on_spill = [&](const std::vector<parse::article::SpillHead>& heads, const std::vector<std::string_view>& spill,
                        const parse::article::Lexicon& lex, const parse::article::SpillResult& r) {
        std::cout << "folio:\n" << parse::article::explain_spill(heads, spill, lex, w, r.tails);
        std::vector<std::pair<std::size_t, std::size_t>> truth;
        std::size_t j = 0, at = 0;
        for (const auto& h : heads) {
            std::size_t n = 0;
            for (std::size_t k = j; k < want.size(); ++k) {
                if (want[k].starts_with(h.text)) {
                    n = static_cast<std::size_t>(std::count(want[k].begin(), want[k].end(), ' ')) + 1 - h.words;
                    j = k + 1;
                    break;
                }
            }
            truth.emplace_back(at, std::min(at + n, spill.size()));
            at = truth.back().second;
        }
        if (at != spill.size()) std::cout << "(the true tails cover " << at << " of " << spill.size() << " words)\n";
        std::cout << "truth:\n" << parse::article::explain_spill(heads, spill, lex, w, truth);
    };
    parse::article::build_article(text.text, diag, opts);
    return 0;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: repair_eval CASES_DIR [name=value ...]\n";
        return 2;
    }
    parse::article::SpillWeights w;
    // Every field of SpillWeights, by name.
    std::map<std::string, double*> fields{
        {"capital_ordinary", &w.capital_ordinary}, {"capital_name", &w.capital_name},
        {"capital_seen_lower", &w.capital_seen_lower}, {"capital_both", &w.capital_both}, {"quoted_final_lower", &w.quoted_final_lower},
        {"plain_skip", &w.plain_skip}, {"pause_skip", &w.pause_skip}, {"colon_skip", &w.colon_skip},
        {"colon_cut", &w.colon_cut}, {"end_plain", &w.end_plain}, {"end_colon", &w.end_colon},
        {"end_pause", &w.end_pause}, {"final_lower_interior", &w.final_lower_interior},
        {"final_lower_join", &w.final_lower_join}, {"seen_pair", &w.seen_pair}, {"length", &w.length},
        {"limit_below_cut", &w.limit_below_cut}, {"limit_below_ramp", &w.limit_below_ramp}, {"limit_above_cut", &w.limit_above_cut},
        {"limit_within_skip", &w.limit_within_skip}, {"limit_below_skip", &w.limit_below_skip}, {"limit_far_below", &w.limit_far_below}, {"limit_far_below_cut", &w.limit_far_below_cut}, {"limit_tight_min", &w.limit_tight_min}, {"limit_tight_spread", &w.limit_tight_spread}, {"limit_close_min", &w.limit_close_min}, {"limit_close_chars", &w.limit_close_chars}, {"limit_close_floor", &w.limit_close_floor}, {"limit_second_pass", &w.limit_second_pass}, {"limit_second_close_chars", &w.limit_second_close_chars}, {"limit_above_tight_cut", &w.limit_above_tight_cut}, {"limit_tight_above", &w.limit_tight_above}, {"limit_slack_share", &w.limit_slack_share},
        {"limit_slack_chars", &w.limit_slack_chars}, {"limit_max_spread", &w.limit_max_spread},
        {"limit_min_sure", &w.limit_min_sure}, {"limit_plain_sure", &w.limit_plain_sure}, {"wordlimit_below_cut", &w.wordlimit_below_cut},
        {"wordlimit_at_skip", &w.wordlimit_at_skip}, {"wordlimit_above_cut", &w.wordlimit_above_cut},
        {"wordlimit_min_sure", &w.wordlimit_min_sure}, {"ellipsis_skip", &w.ellipsis_skip},
        {"ellipsis_cut", &w.ellipsis_cut}, {"ambiguous_skip", &w.ambiguous_skip},
        {"ambiguous_cut", &w.ambiguous_cut}, {"abbrev_skip", &w.abbrev_skip}, {"abbrev_cut", &w.abbrev_cut},
        {"function_skip", &w.function_skip}, {"enumeration_cut", &w.enumeration_cut}, {"heading_skip", &w.heading_skip},
        {"heading_cut", &w.heading_cut}, {"end_ellipsis", &w.end_ellipsis},
        {"end_ambiguous", &w.end_ambiguous}, {"end_abbrev", &w.end_abbrev}, {"end_open", &w.end_open},
        {"end_function", &w.end_function}, {"end_loose", &w.end_loose}, {"end_token", &w.end_token}, {"token_skip", &w.token_skip},
        {"ellipsis_lower_interior", &w.ellipsis_lower_interior},
        {"ambiguous_lower_interior", &w.ambiguous_lower_interior}, {"closer_join", &w.closer_join},
        {"ellipsis_lower_join", &w.ellipsis_lower_join}, {"colon_join", &w.colon_join},
        {"closer_after_colon_join", &w.closer_after_colon_join},
        {"determiner_small_join", &w.determiner_small_join},
        {"linking_linking_join", &w.linking_linking_join}, {"digit_join", &w.digit_join},
        {"open_join", &w.open_join}, {"open_capital", &w.open_capital}, {"open_noun_lower", &w.open_noun_lower}, {"closer_plain_join", &w.closer_plain_join},
        {"other_join", &w.other_join}, {"capital_rate_scale", &w.capital_rate_scale},
        {"capital_proper", &w.capital_proper}, {"capital_after_small", &w.capital_after_small}, {"capital_after_name", &w.capital_after_name}, {"capital_name_run", &w.capital_name_run}, {"capital_name_run_small", &w.capital_name_run_small}, {"article_not_attributive", &w.article_not_attributive}, {"sentence_join", &w.sentence_join}, {"exclaim_lower", &w.exclaim_lower}, {"closer_opened_join", &w.closer_opened_join}, {"closer_opened_after", &w.closer_opened_after},
        {"imbalance", &w.imbalance}, {"colon_inside", &w.colon_inside},
        {"final_inside_list", &w.final_inside_list},
        {"topic", &w.topic}};
    const bool explaining = std::string_view(argv[1]) == "--explain";
    if (explaining && argc < 3) {
        std::cerr << "usage: repair_eval --explain CASE.txt [name=value ...]\n";
        return 2;
    }
    for (int a = explaining ? 3 : 2; a < argc; ++a) {
        const std::string arg = argv[a];
        const auto eq = arg.find('=');
        const auto it = fields.find(arg.substr(0, eq));
        if (eq == std::string::npos || it == fields.end()) {
            std::cerr << "repair_eval: unknown weight " << arg << "\n";
            return 2;
        }
        *it->second = std::strtod(arg.c_str() + eq + 1, nullptr);
    }
    if (std::string_view(argv[1]) == "--explain") return explain(argv[2], w);
    if (argc == 2) {
        for (const auto& [name, v] : fields) std::cout << name << "=" << *v << "\n";
    }
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(argv[1]))
        if (e.path().extension() == ".txt") cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    std::size_t exact = 0, blocks = 0, titles = 0;
    const bool list_misses = std::getenv("REPAIR_EVAL_LIST") != nullptr;  // one line per case with misses
    parse::article::BuildOptions opts;
    opts.weights = &w;
    for (const auto& c : cases) {
        std::vector<std::string> want;
        std::istringstream ws(slurp(fs::path(c).replace_extension(".want")));
        for (std::string line; std::getline(ws, line);) want.push_back(line);
        if (want.empty()) continue;
        const std::string title = want.front();
        want.erase(want.begin());
        base::Diagnostics diag;
        const std::string bytes = slurp(c);
        const parse::DecodedText text = parse::decode_input(bytes, diag);
        const model::Document doc = parse::article::build_article(text.text, diag, opts);
        std::vector<std::string> got;
        collect(doc.blocks, got);
        const std::size_t m = matched(want, got);
        if (list_misses && m < want.size())
            std::cout << c.filename().string() << " " << want.size() - m << "/" << want.size() << "\n";
        exact += m;
        blocks += want.size();
        titles += doc.meta.title == title ? 1 : 0;
    }
    std::cout << "exact " << exact << " blocks " << blocks << " titles " << titles << " files " << cases.size() << "\n";
    return 0;
}
