// Spill re-attachment by dynamic programming over (head, words consumed). Costs are negative
// log-odds in rough nats: each piece of evidence adds what it makes a hypothesis unlikely, so
// evidence of different kinds combines by addition and no single cue decides alone.
#include "parse/article/spill.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "base/utf8.hpp"
#include "model/text.hpp"

namespace folio::parse::article {
namespace {

// ---------------------------------------------------------------- limits

// Exact DP while heads × positions × tail lengths stays below this many tail evaluations; the
// dominance test below tries only a small share of them (a long real article takes a few tens of
// milliseconds, a constructed worst case 0.2 s). Beyond it the beam below bounds the work linearly.
constexpr double exact_budget_evaluations = 2.0e8;
// States kept per head in beam mode: the right segmentation is among the best few dozen
// partial ones in practice, and the cost of a head is beam × candidate ends.
constexpr std::size_t beam_states = 16;
// Candidate tail ends tried from one state in beam mode, counted apart: ends after a sentence
// (a tail rarely spans more sentences), and ends only before a capital, which German nouns make
// so frequent that a common count would not reach past a few dozen words.
constexpr std::size_t beam_candidate_ends = 48;
constexpr std::size_t beam_capital_ends = 16;
// Inputs far beyond any real article (megabytes of spill over thousands of heads) get a narrower
// beam so that the reader keeps its throughput; above this many heads × spill words.
constexpr double huge_input_product = 1.0e7;
constexpr std::size_t huge_beam_states = 6;
constexpr std::size_t huge_candidate_ends = 12;
constexpr std::size_t huge_capital_ends = 4;
// Below this share of capitals after a word that does not end a sentence, a capital inside a
// sentence marks a name (in German, which capitalises every noun, it says nothing).
constexpr double name_capital_rate = 0.15;
// How far (in words) an alternative boundary is looked for when judging certainty.
constexpr std::size_t uncertainty_window_words = 40;
// A boundary whose best alternative costs less than this more is reported as uncertain. Chosen on
// the training sources (bench/repair/measure.py --split train --damage seedlike): margins of 2.0,
// 2.5 and 3.0 flag 34%, 38% and 40% of the wrong paragraphs against 6%, 7% and 8% of the right
// ones; past 2.5 the new flags point at right paragraphs more often than at wrong ones.
constexpr double uncertain_margin = 2.5;
// A second pass (see attach_spill) is tried for articles of at most this many heads.
constexpr std::size_t second_pass_max_heads = 40;
// Logarithms of lengths are tabulated up to here (real paragraphs are far shorter); longer
// lengths take std::log directly, which gives the same values, so huge spills cost no table.
constexpr std::size_t max_log_table_entries = 1 << 14;

// ---------------------------------------------------------------- cost model

// Skipping a head = declaring it complete; cutting = it receives a tail. Keyed by how it ends.
struct HeadPrior {
    double skip;
    double cut;
};

// Whether a German lower-case word may follow an article: an inflected adjective or participle
// (ending in -e, -n, -er, -es or -em: "neue", "geführten"), or one of the pronouns and adverbs
// that follow it too ("die | er sah", a relative; "ein | paar", "die | bereits").
bool takes_article_de(std::string_view word) {
    std::string_view core = word;
    while (!core.empty() && std::ispunct(static_cast<unsigned char>(core.back()))) core.remove_suffix(1);
    for (std::string_view e : {"e", "n", "er", "es", "em"})
        if (core.size() > e.size() + 1 && core.ends_with(e)) return true;
    for (std::string_view w : {"er", "sie", "es", "ihr", "ihm", "ihn", "ihnen", "man", "wir", "ich", "du", "sich", "paar", "wenig",
                               "ganz", "so", "sehr", "noch", "schon", "nur", "bereits", "erst", "besonders", "fast", "immer"})
        if (core == w) return true;
    return false;
}

HeadPrior head_prior(const SpillHead& h, WordEnd end, bool function_word, const SpillWeights& w) {
    const bool loose_ending =
        (h.kind == HeadKind::ListItem && h.unpunctuated_list) || h.kind == HeadKind::HeadingLike || h.furniture;
    switch (end) {
        // A cut falls on a sentence end about once per sentence length (~1 in 20 words).
        case WordEnd::Final: return {0.0, 3.0};  // refined from the document in prepare_heads()
        case WordEnd::Ellipsis: return {w.ellipsis_skip, w.ellipsis_cut};
        case WordEnd::Ambiguous: return {w.ambiguous_skip, w.ambiguous_cut};
        case WordEnd::Abbrev: return {w.abbrev_skip, w.abbrev_cut};
        case WordEnd::Colon: return h.before_list ? HeadPrior{0.0, 4.0} : HeadPrior{w.colon_skip, w.colon_cut};
        case WordEnd::Pause:
            if (h.enumeration_item) return {0.0, w.enumeration_cut};
            [[fallthrough]];
        case WordEnd::Open: return {w.pause_skip, 0.0};
        case WordEnd::Plain:
        case WordEnd::PunctOnly:
            if (function_word) return {w.function_skip, 0.0};
            // Items of an unpunctuated list may or may not be cut: let the tails decide.
            if (loose_ending)
                return h.kind == HeadKind::HeadingLike || h.furniture ? HeadPrior{w.heading_skip, w.heading_cut} : HeadPrior{0.7, 0.7};
            // A credit or a reference ends on a token, and is often whole.
            if (end == WordEnd::Plain && reads_as_token(h.last_word)) return {w.token_skip, 0.0};
            return {w.plain_skip, 0.0};
    }
    return {0.0, 0.0};
}

// What a plain last word of a paragraph is: a word, a function word, or a token (reads_as_token).
enum class EndWord : std::uint8_t { Word, Function, Token };
constexpr std::size_t end_word_kinds = 3;

// Cost of a paragraph ending with this word (the last word of a tail).
double end_cost(WordEnd end, EndWord kind, bool loose_ending, bool before_list, const SpillWeights& w) {
    switch (end) {
        case WordEnd::Final: return 0.0;
        case WordEnd::Ellipsis: return w.end_ellipsis;
        case WordEnd::Ambiguous: return w.end_ambiguous;
        case WordEnd::Abbrev: return w.end_abbrev;
        case WordEnd::Colon: return before_list ? 0.0 : w.end_colon;
        case WordEnd::Pause: return w.end_pause;
        case WordEnd::Open: return w.end_open;
        case WordEnd::Plain:
        case WordEnd::PunctOnly:
            if (kind == EndWord::Function) return w.end_function;
            if (loose_ending) return w.end_loose;
            return kind == EndWord::Token ? w.end_token : w.end_plain;
    }
    return 0.0;
}

// Cost of two spill words being adjacent inside one paragraph (no boundary between them).
double interior_cost(WordEnd prev, WordStart next, const SpillWeights& w) {
    switch (prev) {
        // A sentence end followed by a lower-case word is the strongest sign of a boundary.
        case WordEnd::Final: return next == WordStart::Lower ? w.final_lower_interior : 0.0;
        case WordEnd::Ellipsis: return next == WordStart::Lower ? w.ellipsis_lower_interior : 0.0;
        case WordEnd::Ambiguous: return next == WordStart::Lower ? w.ambiguous_lower_interior : 0.0;
        default: return 0.0;
    }
}

// True when the word ends with a closing quotation mark (after its own punctuation), or is one
// on its own (French spacing: « Bonjour ! » dit-il).
bool closes_quote(std::string_view word) {
    for (std::string_view q : {"\"", "”", "»", "’", "'", "“"})
        if (word.size() > q.size() && word.ends_with(q)) return true;
    return word == "»" || word == "”";
}

// True when `text` ends with a bracketed credit of at most four words right after a sentence
// end ("… voraus. (bsc)", "… (AFP, Reuters)").
bool credit_after_sentence_end(std::string_view text) {
    constexpr std::size_t max_credit_words = 4;
    if (text.empty() || text.back() != ')') return false;
    const std::size_t open = text.rfind('(');
    if (open == std::string_view::npos || open == 0 || text[open - 1] != ' ') return false;
    const std::string_view group = text.substr(open);
    if (group.find(')') != group.size() - 1 || static_cast<std::size_t>(std::count(group.begin(), group.end(), ' ')) >= max_credit_words)
        return false;
    const std::string_view before = text.substr(0, open - 1);
    const std::size_t k = before.find_last_of(' ');
    return classify_word(k == std::string_view::npos ? before : before.substr(k + 1)).end == WordEnd::Final;
}

// A credit line after a sentence end, the way captions carry them: "… in 1987. Credit: Ou
// Dongqu/Xinhua", "… phenomenon.Credit: Xinhua" (glued by the scraper), "… gezeigt. Foto: dpa",
// "… sun. © Ben Stansall/AFP/Getty Images", or a copyright sign after any word ("Kohlekraftwerk ©
// Ruth Röder / Clipdealer"). True when the text ends with one; it closes the paragraph as a
// sentence end does.
bool credit_line_after_sentence_end(std::string_view text) {
    constexpr std::size_t max_credit_words = 7;
    static constexpr std::string_view labels[]{
        "credit", "credits", "photo", "photos", "photograph", "image", "images", "source", "sources", "illustration",
        "foto", "fotos", "bild", "bilder", "quelle", "quellen", "fuente", "fonte", "crédit", "crédits", "crédito",
        "créditos", "credito", "crediti", "immagine", "légende"};
    // A label's word before it is the furthest one asked.
    const std::vector<std::string_view> words = split_ascii_words(last_ascii_words(text, max_credit_words + 1));
    const std::size_t count = words.size();
    auto is_label = [&](std::string_view w) {
        if (w.size() < 2 || w.back() != ':') return false;
        const std::string lower = base::utf8::to_lower(w.substr(0, w.size() - 1));
        return std::find(std::begin(labels), std::end(labels), lower) != std::end(labels);
    };
    for (std::size_t n = 0; n < max_credit_words && n < count; ++n) {
        const std::size_t i = count - 1 - n;
        const std::string_view word = words[i];
        // The copyright sign needs no sentence end before it: "Kohlekraftwerk © Ruth Röder".
        if (word.starts_with("\u00A9")) return n > 0 || word.size() > 2;
        if (is_label(word)) return n > 0 && (i == 0 || classify_word(words[i - 1]).end == WordEnd::Final);
        // Glued to the sentence before it: "phenomenon.Credit:".
        if (const std::size_t dot = word.rfind('.'); dot != std::string_view::npos && dot > 0 && is_label(word.substr(dot + 1)))
            return n > 0 && classify_word(word.substr(0, dot + 1)).end == WordEnd::Final;
        if (classify_word(word).end == WordEnd::Final) return false;
    }
    return false;
}

struct Scorer {
    const std::vector<SpillHead>& heads;
    const std::vector<std::string_view>& spill;
    const Lexicon& lex;
    const SpillWeights& w;
    std::vector<WordEnd> ends;           // per spill word (PunctOnly ends resolved)
    std::vector<WordStart> starts;
    std::vector<EndWord> end_word;  // per spill word: what it is as the last word of a paragraph
    std::vector<std::uint8_t> small_word;  // per spill word: a function word, punctuation aside
    std::vector<std::uint8_t> linking;     // per spill word: a preposition (1) or a conjunction (2)
    std::vector<std::uint8_t> auxiliary;   // per spill word: an auxiliary verb
    std::vector<std::uint8_t> pronoun;     // per spill word: a subject pronoun
    std::vector<std::uint8_t> not_attributive;  // German: a lower-case word no article takes ("abgetrennt")
    std::vector<std::uint32_t> colon_prefix;  // colon_prefix[k] = colon-ending words among the first k
    std::vector<std::uint32_t> final_prefix;  // final_prefix[k] = sentence-ending words among the first k
    std::vector<double> interior_prefix; // interior_prefix[k] = Σ_{j=1..k} interior(j)
    // unbalanced_prefix[r] = Σ of the balances of the first r words that open or close something;
    // the balance of the first k words is unbalanced_prefix[balance_run[k]] (most words are
    // neutral, so this is far smaller than a prefix per word).
    std::vector<Balance> unbalanced_prefix;
    const Balance& balance_prefix(std::size_t k) const { return unbalanced_prefix[balance_run[k]]; }
    std::vector<float> capital_cost;     // per spill word: cost of a capital after a non-final word
    Lexicon::SentenceLengths sentence_lengths;  // the document's, computed once
    std::vector<std::uint8_t> exclaim;   // per spill word: its sentence end is ? or ! (PunctOnly: the word before's)
    double exclaim_lower_cost = 0.0;     // what such an end followed by a lower-case word costs at most
    std::vector<std::uint8_t> head_exclaim;
    std::vector<std::uint8_t> head_mark_only;  // the head is one mark ("—" opening a turn)
    std::vector<std::uint32_t> first_sentence;  // per spill word: words up to the next sentence end, itself included (0: none)
    std::vector<std::uint8_t> ordinary_capital;  // per spill word: capitalised, lower case in the word list
    std::vector<std::uint64_t> pair_key;  // per spill word: Lexicon::word_key
    std::vector<std::uint64_t> head_key;  // per head: Lexicon::word_key of its last word
    double interior_abs_total = 0.0;      // Σ |interior cost|, for rounding bounds
    std::vector<std::uint8_t> balanced;  // per spill word: opens and closes nothing
    // balance_run[k] = words that open or close something among the first k: tails starting at
    // a and a' with equal counts see the same bracket balance at every end.
    std::vector<std::uint32_t> balance_run;
    // end_class[k] = 3 × ends[k] + end_word[k]; end_cost_of_class[v][class] = end_cost of such a
    // word for head variant v = 2 × loose + before_list (a table, not a switch, in the DP loops).
    static constexpr std::size_t end_classes = end_word_kinds * (static_cast<std::size_t>(WordEnd::PunctOnly) + 1);
    std::vector<std::uint8_t> end_class;
    // Only for the exact DP (whose inputs are small): end_costs[v][k] = end cost of spill word k
    // for head variant v.
    std::array<std::vector<double>, 4> end_costs;
    // closer_cost[b]: what a tail ending just before word b costs because b cannot start the
    // next one (0 unless b is closing punctuation); closer_balance[k]: what closer k closes.
    std::vector<double> closer_cost;
    std::vector<Balance> closer_balance;
    std::array<std::array<double, end_classes>, 4> end_cost_of_class{};
    std::vector<WordEnd> head_end;
    std::vector<HeadPrior> prior;
    std::vector<double> length_mu, length_sigma;  // per head: log-normal length model
    // prev_final[k] = the last sentence-ending spill word before word k (no_final: none); a word
    // of punctuation only or a footnote marker of its own ("»" after "dit.", "186" after
    // "mundo.185", "needed]" after "mundo.[citation") ends no sentence of its own: it belongs to
    // the word before it.
    static constexpr std::uint32_t no_final = UINT32_MAX;
    std::vector<std::uint32_t> prev_final;
    std::vector<std::uint8_t> mark_only;     // the spill word is such a mark
    std::vector<std::uint32_t> word_prefix;  // word_prefix[k] = words among the first k that are none
    std::vector<std::uint32_t> core_end;     // core_end[k] = the last word at or before k that is none
    // sentence_cost_of[n] = cost of a paragraph whose last sentence has n words (0 when long).
    std::array<double, SpillHead::short_sentence_cap + 1> sentence_cost_of{};
    double max_sentence_cost = 0.0;
    std::vector<double> log_table;                // log_table[n] = ln n, for every reachable length

    double log_of(std::size_t n) const {
        return n < log_table.size() ? log_table[n] : std::log(static_cast<double>(n));
    }
    std::vector<std::uint8_t> head_function;
    std::vector<std::uint8_t> head_determiner;
    std::vector<std::uint8_t> head_open_noun;  // German: an article, then a lower-case word ("eine neue")
    std::vector<std::uint8_t> head_linking;
    std::vector<std::uint8_t> head_name;  // the head ends inside a sentence on a capitalised word
    std::vector<std::uint8_t> name_run;   // spill word k and k + 1 are capitalised words, not small ones
    bool capitals_mark_names = false;     // mid-sentence capitals are rare enough to mark names
    bool limit_tight = false;             // a tight range of cut lengths was found (limit_evidence)
    const std::vector<std::uint8_t>* cut_before_ = nullptr;  // heads a first pass cut, or null
    std::vector<int> head_imbalance;  // imbalance of the head's own text
    std::vector<std::uint8_t> below_limit;  // per head: shorter than the damage's limit
    // topic_flat[topic_start[i] .. topic_start[i + 1]) = positions (ascending) of the spill
    // words that are rare words of head i.
    std::vector<std::uint32_t> topic_start, topic_flat;
    std::size_t topic_total = 0;

    bool has_topics(std::size_t i) const { return topic_start[i] != topic_start[i + 1]; }
    // Rare words of head i among the first k spill words.
    std::size_t topic_prefix(std::size_t i, std::size_t k) const {
        const auto first = topic_flat.begin() + topic_start[i], last = topic_flat.begin() + topic_start[i + 1];
        return static_cast<std::size_t>(std::lower_bound(first, last, static_cast<std::uint32_t>(k)) - first);
    }

    Scorer(const std::vector<SpillHead>& h, const std::vector<std::string_view>& s, const Lexicon& l,
           const SpillWeights& weights, bool huge, const std::vector<std::uint8_t>* cut_before = nullptr)
        : heads(h), spill(s), lex(l), w(weights), cut_before_(cut_before) {
        const std::size_t n = spill.size();
        ends.resize(n);
        mark_only.assign(n, 0);
        starts.resize(n);
        end_word.resize(n);
        small_word.resize(n);
        linking.resize(n);
        auxiliary.resize(n);
        pronoun.resize(n);
        not_attributive.assign(n, 0);
        capital_cost.assign(n, 0.0F);
        sentence_lengths = lex.sentence_lengths();
        exclaim.assign(n, 0);
        exclaim_lower_cost = w.exclaim_lower >= 0 ? w.exclaim_lower * -std::log(lex.exclaim_lower_rate()) : 1e9;
        ordinary_capital.assign(n, 0);
        closer_balance.assign(n, Balance{});
        pair_key.resize(n);
        WordEnd prev_end = WordEnd::Plain;
        bool marker_chain = false;
        const double rate = std::clamp(lex.mid_capital_rate(), 0.01, 0.6);
        // A capital after a word that does not end a sentence: as unlikely as this document says.
        const double base_capital = std::clamp(w.capital_rate_scale * std::log((1.0 - rate) / rate), 0.3, 2.5);
        const Vocabulary* vocab = lex.vocabulary();
        // German articles are also relative pronouns, which a pronoun follows ("die | es").
        const bool articles_relative = model::same_language(lex.language(), "de");
        unbalanced_prefix.assign(1, Balance{});
        balance_run.assign(n + 1, 0);
        balanced.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            WordInfo wi = classify_word(spill[k]);
            // A second footnote number after "mundo.185" belongs to that word's sentence end, as
            // the rest of a note does ("mundo.[nota" + "1]").
            marker_chain = k > 0 && ((is_bare_number(spill[k]) && (marker_chain || glued_marker_bytes(spill[k - 1]) > 0)) ||
                                     closes_note(spill[k - 1], spill[k]));
            if (marker_chain) {
                wi.end = WordEnd::PunctOnly;
                wi.start = WordStart::Closer;
            } else if (is_note_end(spill[k])) {
                // The rest of a note a head opened ("… monde.[réf." + "nécessaire]") starts
                // that head's tail, as a closing mark does.
                wi.start = WordStart::Closer;
            }
            mark_only[k] = wi.end == WordEnd::PunctOnly;
            ends[k] = wi.end == WordEnd::PunctOnly ? prev_end : wi.end;
            exclaim[k] = wi.end == WordEnd::PunctOnly ? (k > 0 && exclaim[k - 1]) : wi.exclaim;
            starts[k] = wi.start;
            if (wi.start == WordStart::Closer) closer_balance[k] = wi.balance;
            prev_end = ends[k];
            balanced[k] = is_neutral(wi.balance);
            balance_run[k + 1] = balance_run[k] + (balanced[k] ? 0u : 1u);
            if (!balanced[k]) {
                Balance total = unbalanced_prefix.back();
                total += wi.balance;
                unbalanced_prefix.push_back(total);
            }
            pair_key[k] = Lexicon::word_key(spill[k]);
            const WordRoles roles = word_roles(spill[k], pair_key[k]);
            small_word[k] = roles.is_function();
            auxiliary[k] = roles.is_auxiliary();
            pronoun[k] = roles.is_pronoun() && !articles_relative;
            if (articles_relative && wi.start == WordStart::Lower && !small_word[k]) not_attributive[k] = !takes_article_de(spill[k]);
            end_word[k] = ends[k] != WordEnd::Plain && ends[k] != WordEnd::PunctOnly ? EndWord::Word
                          : ends[k] == WordEnd::Plain && small_word[k]                ? EndWord::Function
                          : reads_as_token(spill[k])                                  ? EndWord::Token
                                                                                      : EndWord::Word;
            linking[k] = small_word[k] && roles.is_linking() ? (roles.is_conjunction() ? 2 : 1) : 0;
            // A quotation that opens on a capital ("“We") is asked as the capital would be.
            const bool quoted_capital = starts[k] == WordStart::Open && starts_upper(spill[k]);
            if (starts[k] == WordStart::Upper || quoted_capital) {
                // The language's word list tells a sentence start ("Wenn", "However": words it
                // writes in lower case) from a word it always capitalises (a name, a German noun).
                const Vocabulary::Case vc = vocab ? vocab->case_of(Lexicon::word_key(word_core(spill[k])))
                                                  : Vocabulary::Case::Unknown;
                double cc = base_capital;
                if (vc == Vocabulary::Case::Capital) cc = w.capital_name;
                else if (lex.is_proper_noun(spill[k])) cc = w.capital_proper;
                else if (vc == Vocabulary::Case::Lower) { cc = base_capital + w.capital_ordinary; ordinary_capital[k] = !quoted_capital; }
                else if (vc == Vocabulary::Case::Both) cc = base_capital + w.capital_both;
                else if (lex.seen_lower(spill[k])) cc = base_capital + w.capital_seen_lower;
                capital_cost[k] = static_cast<float>(cc);
            }
        }
        capitals_mark_names = lex.mid_capital_rate() < name_capital_rate;
        name_run.assign(n, 0);
        if (capitals_mark_names)
            for (std::size_t k = 0; k + 1 < n; ++k)
                name_run[k] = starts[k] == WordStart::Upper && starts[k + 1] == WordStart::Upper && !small_word[k] &&
                              !small_word[k + 1] && ends[k] == WordEnd::Plain;
        colon_prefix.assign(n + 1, 0);
        final_prefix.assign(n + 1, 0);
        word_prefix.assign(n + 1, 0);
        core_end.resize(n);
        for (std::size_t k = 0; k < n; ++k) {
            colon_prefix[k + 1] = colon_prefix[k] + (ends[k] == WordEnd::Colon && !mark_only[k] ? 1u : 0u);
            final_prefix[k + 1] = final_prefix[k] + (ends[k] == WordEnd::Final && !mark_only[k] ? 1u : 0u);
            word_prefix[k + 1] = word_prefix[k] + (mark_only[k] ? 0u : 1u);
            core_end[k] = static_cast<std::uint32_t>(mark_only[k] && k > 0 ? core_end[k - 1] : k);
        }
        prev_final.resize(n);
        for (std::size_t k = 0, last = no_final; k < n; ++k) {
            prev_final[k] = static_cast<std::uint32_t>(last);
            if (ends[k] == WordEnd::Final && !mark_only[k]) last = k;
        }
        // A paragraph's last sentence of one to three words is as unlikely as this document's
        // sentences say, against the odds of any one sentence length (one over the mean length).
        const double typical = lex.sentence_end_rate();
        for (std::size_t len = 1; len <= Lexicon::short_sentence_words; ++len) {
            constexpr double max_cost = 3.0;
            sentence_cost_of[len] = std::clamp(std::log(typical / lex.short_sentence_share(len)), 0.0, max_cost);
            max_sentence_cost = std::max(max_sentence_cost, sentence_cost_of[len]);
        }
        first_sentence.assign(n, 0);
        for (std::size_t k = n, next = 0; k-- > 0;) {
            if (ends[k] == WordEnd::Final) next = k + 1;
            if (next > 0) first_sentence[k] = static_cast<std::uint32_t>(next - k);
        }
        interior_prefix.assign(n + 1, 0.0);
        for (std::size_t k = 1; k < n; ++k) {
            double c = interior_cost(ends[k - 1], starts[k], w);
            // A quotation that ends with its own stop is often followed by the rest of the
            // sentence ("support CNM?" what they…, « Bonjour ! » dit-il).
            // So is a question or exclamation in dialogue ("Auf! esclamò"), as often as the
            // document says.
            if (ends[k - 1] == WordEnd::Final && starts[k] == WordStart::Lower) {
                if (closes_quote(spill[k - 1])) c = std::min(c, w.quoted_final_lower);
                if (exclaim[k - 1]) c = std::min(c, exclaim_lower_cost);
            }
            if (seen_pair(ends[k - 1], small_word[k - 1] != 0, pair_key[k - 1], small_word[k] != 0, pair_key[k]))
                c -= w.seen_pair;
            interior_prefix[k] = interior_prefix[k - 1] + c;
            interior_abs_total += std::abs(c);
        }
        if (n > 0) interior_prefix[n] = interior_prefix[n - 1];
        end_class.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            end_class[k] = static_cast<std::uint8_t>(end_word_kinds * static_cast<std::size_t>(ends[k]) +
                                                     static_cast<std::size_t>(end_word[k]));
        for (std::size_t v = 0; v < end_cost_of_class.size(); ++v)
            for (std::size_t e = 0; e < end_classes; ++e)
                end_cost_of_class[v][e] = end_cost(static_cast<WordEnd>(e / end_word_kinds),
                                                   static_cast<EndWord>(e % end_word_kinds), v >= 2, v % 2 != 0, w);
        std::size_t longest_head = 0;
        for (const auto& hd : heads) longest_head = std::max(longest_head, hd.words);
        log_table.resize(std::min(longest_head + n + 1, max_log_table_entries));
        for (std::size_t k = 1; k < log_table.size(); ++k) log_table[k] = std::log(static_cast<double>(k));
        prepare_heads();
        prepare_closers();
        // Far beyond any real article, most words recur in many heads and say nothing of where
        // a sentence belongs, while matching them would cost a hash of every word again.
        topic_start.assign(heads.size() + 1, 0);
        if (!huge) prepare_topics();
    }

    // True when a word with balance `closer` closes something a text with balance `open` left
    // open: a closing guillemet after « client, a bracket after (par exemple.
    bool closes_open(const Balance& open, const Balance& closer) const {
        const bool german = lex.german_quotes();
        const bool closing_quote = german ? closer.ldq > 0 || closer.rdq > 0 : closer.rdq > 0;
        return (open.round > 0 && closer.round < 0) || (open.square > 0 && closer.square < 0) ||
               (open.guillemet > 0 && closer.guillemet < 0) ||
               (open_quotes(open, german) > 0 && closing_quote) || (open.straight % 2 != 0 && closer.straight % 2 != 0);
    }

    // A tail rarely ends just before closing punctuation, since the next tail cannot start
    // with it: unless a cut head left open what that word closes ("« client" + "» souhaite").
    void prepare_closers() {
        const std::size_t n = spill.size();
        // Per kind, the most any head leaves open, as a balance that closes_open() reads.
        const bool german = lex.german_quotes();
        Balance some_open;
        for (const auto& h : heads) {
            some_open.round = std::max(some_open.round, h.balance.round);
            some_open.square = std::max(some_open.square, h.balance.square);
            some_open.guillemet = std::max(some_open.guillemet, h.balance.guillemet);
            if (german) some_open.low = std::max(some_open.low, open_quotes(h.balance, true));
            else some_open.ldq = std::max(some_open.ldq, h.balance.ldq - h.balance.rdq);
            some_open.straight |= h.balance.straight % 2 != 0 ? 1 : 0;
        }
        closer_cost.assign(n + 1, 0.0);
        for (std::size_t b = 0; b < n; ++b) {
            if (starts[b] != WordStart::Closer) continue;
            closer_cost[b] = w.closer_opened_after >= 0 && closes_open(some_open, closer_balance[b]) ? w.closer_opened_after : 6.0;
        }
    }

    // Which spill words repeat a word of a head that few heads use (a content word: at least
    // four letters, not a function word). Words shared by many heads say nothing about which
    // paragraph a sentence belongs to, and bounding the heads per word bounds the tables.
    void prepare_topics() {
        constexpr std::size_t cap = SpillWeights::topic_max_heads;
        struct Heads {
            std::array<std::uint32_t, cap> head{};
            std::uint8_t n = 0;
            bool many = false;
        };
        const std::size_t p = heads.size();
        if (w.topic == 0.0) return;
        // A word's core, when it has at least four letters (else empty).
        auto content_core = [](std::string_view word) {
            const std::string_view core = word_core(word);
            std::size_t letters = 0;
            for (char ch : core) letters += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
            return letters < 4 ? std::string_view{} : core;
        };
        // The spill's candidate words first: only head words among them need an owner entry.
        // (Function words never get one, so the spill side needs no role lookup.)
        std::vector<std::uint64_t> spill_key(spill.size(), 0);
        KeySet in_spill;
        for (std::size_t k = 0; k < spill.size(); ++k) {
            if (small_word[k]) continue;
            const std::string_view core = content_core(spill[k]);
            if (core.empty()) continue;
            // No punctuation to trim: the word's key is the core's (hashed already).
            spill_key[k] = core.size() == spill[k].size() ? pair_key[k] : Lexicon::word_key(core);
            in_spill.insert(spill_key[k]);
        }
        if (in_spill.size() == 0) return;
        KeyMap<Heads> owners;
        for (std::size_t i = 0; i < p; ++i) {
            const std::string_view text = heads[i].text;
            for (std::size_t at = 0; at < text.size();) {
                std::size_t end = text.find(' ', at);
                if (end == std::string_view::npos) end = text.size();
                const std::string_view word = text.substr(at, end - at);
                at = end + 1;
                const std::string_view core = content_core(word);
                if (core.empty()) continue;
                const std::uint64_t key = Lexicon::word_key(core);
                if (!in_spill.contains(key) || word_roles(core, key).is_function()) continue;
                Heads& o = owners[key];
                if (o.many || (o.n > 0 && o.head[o.n - 1] == i)) continue;
                if (o.n == cap) { o.many = true; continue; }
                o.head[o.n++] = static_cast<std::uint32_t>(i);
            }
        }
        // Positions per head, in one array (counted, then placed in spill order).
        std::vector<const Heads*> owner_of(spill.size(), nullptr);
        for (std::size_t k = 0; k < spill.size(); ++k) {
            if (spill_key[k] == 0) continue;
            const Heads* o = owners.find(spill_key[k]);
            if (o == nullptr || o->many) continue;
            owner_of[k] = o;
            for (std::size_t j = 0; j < o->n; ++j) ++topic_start[o->head[j] + 1];
        }
        for (std::size_t i = 0; i < p; ++i) topic_start[i + 1] += topic_start[i];
        topic_flat.resize(topic_start[p]);
        std::vector<std::uint32_t> fill(topic_start.begin(), topic_start.end() - 1);
        for (std::size_t k = 0; k < spill.size(); ++k)
            if (const Heads* o = owner_of[k])
                for (std::size_t j = 0; j < o->n; ++j) topic_flat[fill[o->head[j]]++] = static_cast<std::uint32_t>(k);
        topic_total = topic_flat.size();
    }

    void prepare_heads() {
        const std::size_t p = heads.size();
        head_end.resize(p);
        prior.resize(p);
        head_function.resize(p);
        head_determiner.resize(p);
        head_open_noun.assign(p, 0);
        const bool nouns_capitalised = model::same_language(lex.language(), "de");
        head_linking.resize(p);
        head_name.resize(p);
        head_imbalance.resize(p);
        head_key.resize(p);
        head_exclaim.assign(p, 0);
        head_mark_only.assign(p, 0);
        below_limit.assign(p, 0);
        for (std::size_t i = 0; i < p; ++i) {
            const WordInfo last = classify_word(heads[i].last_word);
            // A lone mark or a footnote number ends the head as the word before it does.
            const bool marker = is_marker_after(heads[i].prev_word, heads[i].last_word);
            const bool lone_mark = last.end == WordEnd::PunctOnly && !heads[i].prev_word.empty();
            const WordInfo before = marker || lone_mark ? classify_word(heads[i].prev_word) : last;
            WordEnd e = marker && is_bare_number(heads[i].prev_word) ? WordEnd::Final : before.end;
            head_exclaim[i] = lone_mark ? before.exclaim : last.exclaim;
            head_mark_only[i] = heads[i].prev_word.empty() && (last.end == WordEnd::PunctOnly || last.end == WordEnd::Open) &&
                                (last.start == WordStart::Open || last.start == WordStart::Closer);
            // A credit after a sentence end, in brackets or after a label, closes the paragraph
            // as that end does.
            if ((e == WordEnd::Plain || e == WordEnd::PunctOnly) &&
                (credit_after_sentence_end(heads[i].text) || credit_line_after_sentence_end(heads[i].text)))
                e = WordEnd::Final;
            head_end[i] = e;
            head_key[i] = Lexicon::word_key(heads[i].last_word);
            const WordRoles roles = word_roles(heads[i].last_word, head_key[i]);
            head_function[i] = e == WordEnd::Plain && roles.is_function();
            head_determiner[i] = head_function[i] && roles.is_determiner() && is_determiner_in(head_key[i], lex.language());
            head_linking[i] = head_function[i] && roles.is_linking() ? (roles.is_conjunction() ? 2 : 1) : 0;
            // Where every noun has a capital, a lower-case word after an article is an adjective
            // whose noun is still to come ("in eine neue | Krankenversicherung").
            if (nouns_capitalised && e == WordEnd::Plain && !head_function[i] && last.start == WordStart::Lower &&
                !heads[i].prev_word.empty()) {
                const std::uint64_t pk = Lexicon::word_key(heads[i].prev_word);
                head_open_noun[i] = word_roles(heads[i].prev_word, pk).is_determiner() && is_determiner_in(pk, lex.language());
            }
            head_name[i] = capitals_mark_names && e == WordEnd::Plain && !head_function[i] &&
                           heads[i].trailing_words >= 2 && last.start == WordStart::Upper;
            prior[i] = head_prior(heads[i], e, head_function[i], w);
            // An unbalanced bracket or quote left open makes "complete" less likely.
            head_imbalance[i] = imbalance_of(i, heads[i].balance);
            prior[i].skip += w.imbalance * head_imbalance[i];
        }
        // How likely a block that ends a sentence is to be a cut head depends on how many blocks
        // were cut at all (estimated from the heads that visibly lack their end) and on how often
        // a random cut lands on a sentence end (one word in a sentence length).
        std::size_t visibly_cut = 0, counted = 0;
        for (std::size_t i = 0; i < p; ++i) {
            if (loose(i) || heads[i].enumeration_item) continue;
            ++counted;
            const WordEnd e = head_end[i];
            if (e == WordEnd::Plain || e == WordEnd::Pause || e == WordEnd::Open || e == WordEnd::PunctOnly) ++visibly_cut;
        }
        const double q = lex.sentence_end_rate();
        const double cut_rate = std::clamp((static_cast<double>(visibly_cut) + 0.5) / (static_cast<double>(counted) + 1.0) / (1.0 - q),
                                           0.05, 0.95);
        const double final_cut_cost = std::clamp(std::log((1.0 - cut_rate) / (cut_rate * q)), 0.5, 5.0);
        // Items of an unpunctuated list say nothing by their ending: they are cut as often as the
        // other blocks of this document.
        const double loose_cut = std::clamp(-std::log(cut_rate), 0.1, 3.0);
        const double loose_skip = std::clamp(-std::log(1.0 - cut_rate), 0.1, 3.0);
        for (std::size_t i = 0; i < p; ++i) {
            if (head_end[i] == WordEnd::Final && heads[i].kind != HeadKind::HeadingLike) prior[i].cut = final_cut_cost;
            const bool loose_item = heads[i].kind == HeadKind::ListItem && heads[i].unpunctuated_list &&
                                    (head_end[i] == WordEnd::Plain || head_end[i] == WordEnd::PunctOnly) &&
                                    !head_function[i];
            if (loose_item) {
                prior[i].cut = loose_cut;
                prior[i].skip = loose_skip + w.imbalance * imbalance_of(i, heads[i].balance);
            }
        }
        limit_evidence();
        // Length model per kind, from the blocks that look complete (they end a sentence).
        length_mu.assign(p, 0.0);
        length_sigma.assign(p, 0.0);
        for (HeadKind kind : {HeadKind::Paragraph, HeadKind::ListItem, HeadKind::Quote}) {
            std::vector<double> complete, all;
            for (std::size_t i = 0; i < p; ++i) {
                const HeadKind k = heads[i].kind == HeadKind::Quote ? HeadKind::Paragraph : heads[i].kind;
                if (k != kind || heads[i].words == 0) continue;
                all.push_back(static_cast<double>(heads[i].words));
                if (head_end[i] == WordEnd::Final) complete.push_back(std::log(static_cast<double>(heads[i].words)));
            }
            if (all.empty()) continue;
            // Blocks that end a sentence look complete, but some are heads cut at a sentence end;
            // so their lengths are shrunk toward a prior centred on twice the median head (a cut
            // falls anywhere in its paragraph), worth a few pseudo-observations.
            constexpr double prior_weight = 2.0;
            std::nth_element(all.begin(), all.begin() + static_cast<long>(all.size() / 2), all.end());
            const double prior_mu = std::log(2.0 * all[all.size() / 2]);
            double sum = prior_weight * prior_mu, weight = prior_weight;
            for (double x : complete) { sum += x; weight += 1.0; }
            const double mu = sum / weight;
            double var = prior_weight * (prior_mu - mu) * (prior_mu - mu);
            for (double x : complete) var += (x - mu) * (x - mu);
            var /= weight;
            const double sigma = std::clamp(std::sqrt(var) + 0.3, 0.5, 1.0);
            for (std::size_t i = 0; i < p; ++i) {
                const HeadKind k = heads[i].kind == HeadKind::Quote ? HeadKind::Paragraph : heads[i].kind;
                if (k == kind) { length_mu[i] = mu; length_sigma[i] = sigma; }
            }
        }
    }

    struct LimitRange {
        bool found = false;
        bool tight = false;
        bool few = false;  // tight only by the few-heads rule
        double lo = 0, hi = 0;
    };

    // The range of head lengths near the median of `chars`, when enough of them lie close to it.
    // `sure` are the lengths of the heads that surely lost their end (a subset of `chars`).
    LimitRange limit_range(std::vector<std::size_t> chars, const std::vector<std::size_t>& sure) const {
        LimitRange r;
        if (chars.empty() || static_cast<double>(chars.size()) < w.limit_min_sure) return r;
        // The range is that of the heads near their median: a complete line that happens to end
        // with a comma or a semicolon (a list item) is far shorter than the limit.
        std::sort(chars.begin(), chars.end());
        const double median = static_cast<double>(chars[chars.size() / 2]);
        double lo = median, hi = median;
        std::size_t in_range = 0;
        for (std::size_t c : chars) {
            const double x = static_cast<double>(c);
            if (x * w.limit_max_spread < median || x > median * w.limit_max_spread) continue;
            lo = std::min(lo, x);
            hi = std::max(hi, x);
            ++in_range;
        }
        if (static_cast<double>(in_range) < w.limit_min_sure || 2 * in_range < chars.size()) return r;
        r.found = true;
        r.lo = lo;
        r.hi = hi;
        // A true character limit leaves the cut heads within a word or two of one length; cuts
        // at random places only sometimes look like a range. A short article has few heads: a
        // few within a word's length of each other show a limit too (also two that end on a
        // plain word, as measured on the training texts), unless a head that surely lost its
        // end lies outside (cuts made elsewhere).
        const bool sure_inside = std::all_of(sure.begin(), sure.end(), [&](std::size_t c) {
            return static_cast<double>(c) >= lo && static_cast<double>(c) <= hi;
        });
        const bool by_spread = static_cast<double>(in_range) >= w.limit_tight_min && hi <= lo * w.limit_tight_spread;
        const bool by_closeness = static_cast<double>(in_range) >= w.limit_close_min &&
                                  hi - lo <= (cut_before_ ? w.limit_second_close_chars : w.limit_close_chars) &&
                                  lo >= w.limit_close_floor && sure_inside;
        r.tight = by_spread || by_closeness;
        r.few = !by_spread && by_closeness;
        return r;
    }

    // A scraper that truncates blocks at a character limit leaves every cut head about as long
    // as the limit. The heads that surely lost their end (a pause, an opening mark or a small
    // word at the end) show the range; a head well outside it was not cut.
    void limit_evidence() {
        word_limit_evidence();
        const std::size_t p = heads.size();
        std::vector<std::size_t> sure, plain;
        for (std::size_t i = 0; i < p; ++i) {
            if (loose(i)) continue;
            if (surely_cut(i) || (cut_before_ && (*cut_before_)[i] && plain_paragraph(i))) sure.push_back(heads[i].chars);
            else if (plain_paragraph(i)) plain.push_back(heads[i].chars);
        }
        // Paragraphs that end on a plain word were almost always cut too: when with them the
        // heads share one length closely (a character limit, not cuts at random places), they
        // show the range as well; otherwise the sure heads alone do.
        LimitRange range;
        if (w.limit_plain_sure > 0 && !plain.empty()) {
            std::vector<std::size_t> both = sure;
            both.insert(both.end(), plain.begin(), plain.end());
            range = limit_range(both, sure);
            if (!range.tight) range = limit_range(sure, sure);
        } else {
            range = limit_range(sure, sure);
        }
        if (!range.found) {
            lone_limit_evidence(sure);
            return;
        }
        const double lo = range.lo, hi = range.hi;
        const bool tight = range.tight;
        limit_tight = tight;
        const double slack = w.limit_slack_share * (hi - lo) + w.limit_slack_chars;
        for (std::size_t i = 0; i < p; ++i) {
            const double c = static_cast<double>(heads[i].chars);
            if (c < lo - slack) {
                // The cost grows over a ramp below the range (limit_below_ramp, fitted to one
                // range's width): a head a little shorter than the shortest cut one may still
                // have been cut, one far shorter was not.
                const double ramp = std::max(hi - lo, 1.0) * w.limit_below_ramp;
                prior[i].cut += ramp > 0 ? w.limit_below_cut * std::min(1.0, (lo - slack - c) / ramp) : w.limit_below_cut;
                // Far shorter than any cut head: not cut, so an ending without punctuation is
                // how the block really ends, and its shortness is its own.
                if (c < w.limit_far_below * lo && !surely_cut(i)) {
                    if (tight) prior[i].cut += w.limit_far_below_cut;
                    prior[i].skip = std::min(prior[i].skip, w.limit_below_skip);
                    below_limit[i] = 1;
                }
            } else if (c > hi + slack) {
                // Well above a tight range (more than a word beyond the longest cut head), the
                // head was never cut by the limit.
                prior[i].cut += w.limit_above_cut + (tight && c > hi * w.limit_tight_above ? w.limit_above_tight_cut : 0.0);
            } else if (!surely_cut(i) && !(range.few && (head_end[i] == WordEnd::Final || token_end(i)))) {
                // Within the range, a head was likely cut; not one that ends a sentence or on a
                // credit when the range rests on two or three heads only.
                prior[i].skip += w.limit_within_skip;
            }
        }
    }

    // Without a range, the shortest head that surely lost its end still bounds a character
    // limit from below: a line without a stop far shorter than it was not cut by the limit
    // (a headline, a caption, a name), so its prior for keeping it whole is at most
    // limit_below_skip (its shortness still costs: marking it below the limit as a range does
    // cost the synthetic corpus six blocks). Cuts at a word count leave short heads too; the
    // floor keeps those apart.
    void lone_limit_evidence(const std::vector<std::size_t>& sure) {
        if (sure.empty()) return;
        const double shortest = static_cast<double>(*std::min_element(sure.begin(), sure.end()));
        if (shortest < w.limit_close_floor) return;
        for (std::size_t i = 0; i < heads.size(); ++i) {
            if (loose(i) || surely_cut(i) || !plain_paragraph(i)) continue;
            if (static_cast<double>(heads[i].chars) < w.limit_far_below * shortest)
                prior[i].skip = std::min(prior[i].skip, w.limit_below_skip);
        }
    }

    // An excerpt of the first N words (a common way to shorten text for a feed or a teaser)
    // leaves every cut head exactly N words long: when most of the heads that surely lost their
    // end share one word count, that count is the limit.
    void word_limit_evidence() {
        const std::size_t p = heads.size();
        std::map<std::size_t, std::size_t> count;
        std::size_t sure = 0;
        for (std::size_t i = 0; i < p; ++i) {
            if (loose(i) || !surely_cut(i)) continue;
            ++count[heads[i].words];
            ++sure;
        }
        std::size_t limit = 0, most = 0;
        for (const auto& [n, c] : count) {
            if (c > most) { most = c; limit = n; }
        }
        if (static_cast<double>(most) < w.wordlimit_min_sure || 3 * most < 2 * sure) return;
        for (std::size_t i = 0; i < p; ++i) {
            // Fewer words than the excerpt keeps: not cut, whatever its shape (a heading or a
            // list item is as whole as a short paragraph).
            if (heads[i].words < limit) {
                prior[i].cut += w.wordlimit_below_cut;
                below_limit[i] = 1;
                continue;
            }
            if (loose(i)) continue;
            if (heads[i].words > limit) {
                prior[i].cut += w.wordlimit_above_cut;
            } else if (!surely_cut(i)) {
                prior[i].skip += w.wordlimit_at_skip;
            }
        }
    }

    // Head i ends without a stop on a word that reads as a token (a credit, a link).
    bool token_end(std::size_t i) const {
        return head_end[i] == WordEnd::Plain && !head_function[i] && reads_as_token(heads[i].last_word);
    }

    // Head i is a paragraph (not a list item, a heading-like line or furniture) that ends on a
    // plain word.
    bool plain_paragraph(std::size_t i) const {
        return heads[i].kind == HeadKind::Paragraph && !heads[i].furniture &&
               (head_end[i] == WordEnd::Plain || head_end[i] == WordEnd::PunctOnly);
    }

    // Head i ends with a pause, an opening mark or a small word: its sentence goes on.
    bool surely_cut(std::size_t i) const {
        return (head_end[i] == WordEnd::Pause && !heads[i].enumeration_item) || head_end[i] == WordEnd::Open ||
               head_function[i];
    }

    // How unusual a paragraph of n words is beside the complete ones of its kind.
    double length_cost(std::size_t i, std::size_t n) const {
        if (length_sigma[i] <= 0.0 || n == 0) return 0.0;
        const double z = (log_of(n) - length_mu[i]) / length_sigma[i];
        // Weak: paragraph lengths vary; capped so that length never overrides punctuation.
        constexpr double max_length_cost = 4.0;
        return std::min(w.length * z * z, max_length_cost);
    }

    // Cost of the last sentence of a paragraph made of head i and the tail [a, b).
    double sentence_cost(std::size_t i, std::size_t a, std::size_t b) const {
        // The sentence ends at the tail's last word that is no mark of its own.
        const std::size_t e = std::max<std::size_t>(core_end[b - 1], a);
        const std::uint32_t j = prev_final[e];
        const std::size_t len = j != no_final && j >= a ? word_prefix[e + 1] - word_prefix[j + 1]
                                                        : heads[i].trailing_words + (word_prefix[e + 1] - word_prefix[a]);
        return len < sentence_cost_of.size() ? sentence_cost_of[len] : 0.0;
    }

    // A head shorter than the damage's limit was not cut, and a label of a few words that leads
    // in with a colon ("Programm:", "Telekommunikation und Kabeldienste:") is that short: such a
    // head's shortness is its own, not a sign of a cut.
    bool short_on_its_own(std::size_t i) const {
        constexpr std::size_t max_label_words = 3;
        return below_limit[i] || (head_end[i] == WordEnd::Colon && heads[i].words <= max_label_words);
    }

    // Everything declaring head i complete costs (its length and last sentence count as for
    // any paragraph).
    double skip_cost(std::size_t i) const {
        double c = prior[i].skip + (short_on_its_own(i) ? 0.0 : length_cost(i, heads[i].words));
        if (head_end[i] == WordEnd::Final) c += sentence_cost_of[std::min(heads[i].last_sentence_words, SpillHead::short_sentence_cap)];
        return c;
    }

    // How far head i's paragraph with this balance is from closing what it opens. A quotation
    // that goes on in the next paragraph may stay open (English and French set an opening
    // mark at the start of every paragraph of it and close only the last).
    int imbalance_of(std::size_t i, const Balance& bal) const {
        const int plain = imbalance(bal, lex.german_quotes());
        if (plain == 0 || is_neutral(heads[i].quote_goes_on)) return plain;
        Balance open = bal;
        open -= heads[i].quote_goes_on;
        return std::min(plain, imbalance(open, lex.german_quotes()));
    }

    bool loose(std::size_t i) const {
        return (heads[i].kind == HeadKind::ListItem && heads[i].unpunctuated_list) ||
               heads[i].kind == HeadKind::HeadingLike || heads[i].furniture;
    }

    // Two words the intact text has side by side inside a sentence are likely side by side
    // here too: keeping them together earns SpillWeights::seen_pair.
    bool seen_pair(WordEnd first_end, bool first_small, std::uint64_t first, bool second_small, std::uint64_t second) const {
        if (first_end != WordEnd::Plain && first_end != WordEnd::Pause) return false;
        if (first_small && second_small) return false;
        return lex.seen_pair(first, second);
    }

    // How head i's last word joins spill word k, the first of its tail.
    double join_cost(std::size_t i, std::size_t k) const {
        double c = join_cost_by_shape(i, k);
        if (w.sentence_join != 0.0 && heads[i].open_words > 0 && first_sentence[k] > 0)
            c += w.sentence_join * std::max(sentence_lengths.cost(log_of(heads[i].open_words + first_sentence[k])) -
                                                sentence_lengths.cost(log_of(first_sentence[k])),
                                            0.0);
        if (seen_pair(head_end[i], head_function[i] != 0, head_key[i], small_word[k] != 0, pair_key[k])) c -= w.seen_pair;
        return c;
    }

    // join_cost from the shapes of the two words alone.
    double join_cost_by_shape(std::size_t i, std::size_t k) const {
        const WordStart s = starts[k];
        if (s == WordStart::Closer && w.closer_opened_join >= 0 && closes_open(heads[i].balance, closer_balance[k]))
            return w.closer_opened_join;
        switch (head_end[i]) {
            case WordEnd::Final:
                if (s == WordStart::Lower) return head_exclaim[i] ? std::min(w.final_lower_join, exclaim_lower_cost) : w.final_lower_join;
                return s == WordStart::Closer ? w.closer_join : 0.0;
            case WordEnd::Ellipsis:
                return s == WordStart::Closer ? w.closer_join : s == WordStart::Lower ? w.ellipsis_lower_join : 0.0;
            case WordEnd::Abbrev:
            case WordEnd::Ambiguous:
            case WordEnd::Colon:
                return s == WordStart::Closer ? w.closer_after_colon_join : w.colon_join;
            case WordEnd::Plain:
            case WordEnd::PunctOnly:
            case WordEnd::Pause:
            case WordEnd::Open:
                // An article is followed by its noun, not by another small word ("une et", "das In"),
                // and a preposition rarely by a preposition or conjunction ("bei im").
                // Not by an auxiliary: the "article" is then a pronoun spelled like one in
                // another language ("il est", "das ist", "I was").
                // Nor by a subject pronoun ("the | It": a sentence start).
                if (head_determiner[i] && (small_word[k] || pronoun[k]) && !auxiliary[k]) return w.determiner_small_join;
                // A conjunction is followed by a preposition often enough ("and | to", "und | zu").
                if (head_linking[i] && linking[k] && !(head_linking[i] == 2 && linking[k] == 1)) return w.linking_linking_join;
                switch (s) {
                    case WordStart::Lower:
                        if (head_determiner[i] && not_attributive[k]) return w.article_not_attributive;
                        return head_open_noun[i] ? w.open_noun_lower : 0.0;
                    // A small word ("de", "the") is rarely followed by a sentence start.
                    case WordStart::Upper: {
                        // A paragraph of one mark (a dash opening a turn of dialogue) goes on
                        // with a sentence start.
                        if (head_mark_only[i]) return 0.0;
                        const double c = capital_cost[k] + (head_function[i] && ordinary_capital[k] ? w.capital_after_small : 0.0);
                        // After a capitalised word inside a sentence, a capital goes on a name
                        // ("the Document Object | Model", "via Jupyter | Notebooks"), unless it
                        // is a small word ("Se", "The"): names do not go on with those.
                        if (head_name[i] && !small_word[k] && w.capital_after_name >= 0) return std::min(c, w.capital_after_name);
                        // After an article, a run of capitalised words is a name ("via the |
                        // Document Object Model").
                        if (head_determiner[i] && name_run[k] && w.capital_name_run >= 0) return std::min(c, w.capital_name_run);
                        // After a preposition or another small word too ("a radioastronomer at |
                        // West Virginia University"), if less surely.
                        if (head_function[i] && name_run[k] && w.capital_name_run_small >= 0) return std::min(c, w.capital_name_run_small);
                        return c;
                    }
                    case WordStart::Digit: return w.digit_join;
                    case WordStart::Open: return w.open_join + w.open_capital * capital_cost[k];
                    // French spacing puts "?" or ";" on its own: a cut just before it happens.
                    case WordStart::Closer: return head_end[i] == WordEnd::Plain ? w.closer_plain_join : 3.0;
                    case WordStart::Other: return w.other_join;
                }
        }
        return 0.0;
    }

    // What a tail of head i that starts at spill word a costs, whatever its end: computed once
    // per start, since the segmentation tries several ends from each.
    struct TailFrom {
        std::size_t i, a;
        double base;            // the head's cut prior and how it joins word a
        const double* end_row;  // end_cost_of_class for this head
        double interior_a;
        std::uint32_t colon_a, final_a;
        bool colons, finals;
        std::size_t topic_a;
    };

    TailFrom tail_from(std::size_t i, std::size_t a) const {
        const SpillHead& h = heads[i];
        return {i,
                a,
                prior[i].cut + join_cost(i, a),
                end_cost_of_class[end_variant(i)].data(),
                interior_prefix[a],
                colon_prefix[a],
                final_prefix[a],
                h.before_list,
                h.kind == HeadKind::ListItem && h.unpunctuated_list,
                topic_prefix(i, a)};
    }

    // Everything a tail [t.a, b) given to head t.i costs.
    double tail_cost(const TailFrom& t, std::size_t b) const {
        double c = t.base;
        c += interior_prefix[b - 1] - t.interior_a;
        c += t.end_row[end_class[b - 1]];
        c += closer_cost[b];  // the next tail cannot start with closing punctuation
        // A paragraph that introduces a list ends with its colon; a colon inside the tail is
        // more likely the end of that paragraph.
        if (t.colons) c += w.colon_inside * (colon_prefix[b - 1] - t.colon_a);
        // Items of a list without final punctuation hold no sentence end inside.
        if (t.finals) c += w.final_inside_list * (final_prefix[b - 1] - t.final_a);
        c += length_cost(t.i, heads[t.i].words + (b - t.a));
        c += sentence_cost(t.i, t.a, b);
        if (balance_run[b] == balance_run[t.a]) {
            // The tail opens and closes nothing (the common case): the head's balance stands.
            c += w.imbalance * head_imbalance[t.i];
        } else {
            Balance bal = heads[t.i].balance;
            bal += balance_prefix(b);
            bal -= balance_prefix(t.a);
            c += w.imbalance * imbalance_of(t.i, bal);
        }
        if (has_topics(t.i)) c -= w.topic * static_cast<double>(topic_prefix(t.i, b) - t.topic_a);
        return c;
    }

    double tail_cost(std::size_t i, std::size_t a, std::size_t b) const { return tail_cost(tail_from(i, a), b); }

    void prepare_exact() {
        const std::size_t n = spill.size();
        for (std::size_t v = 0; v < end_costs.size(); ++v) {
            end_costs[v].resize(n);
            for (std::size_t k = 0; k < n; ++k) end_costs[v][k] = end_cost_of_class[v][end_class[k]];
        }
    }

    // Which row of end_cost_of_class applies to head i.
    std::size_t end_variant(std::size_t i) const { return (loose(i) ? 2 : 0) + (heads[i].before_list ? 1 : 0); }

    // length_costs[n] = length_cost(i, words of head i + n) for every tail length n.
    void fill_length_costs(std::size_t i, std::vector<double>& length_costs) const {
        length_costs.resize(spill.size() + 1);
        for (std::size_t n = 0; n < length_costs.size(); ++n) length_costs[n] = length_cost(i, heads[i].words + n);
    }

    // Calls relax(b, tail_cost(i, a, b)) for every b in (a, last_end], in increasing b.
    // The exact DP asks for every tail, so the terms that depend on one end only come from
    // per-word tables and the bracket balance is carried along b. The additions happen in the
    // order tail_cost makes them, so every cost is bit-identical to tail_cost's (terms that are
    // zero add nothing). Needs prepare_exact().
    template <class Relax>
    void all_tails_from(std::size_t i, std::size_t a, std::size_t last_end, const std::vector<double>& length_costs,
                        Relax&& relax) const {
        const std::size_t n = last_end;
        const SpillHead& h = heads[i];
        const double base = prior[i].cut + join_cost(i, a);
        const double* end_cost_of = end_costs[end_variant(i)].data();
        const bool colons = h.before_list;
        const bool finals = h.kind == HeadKind::ListItem && h.unpunctuated_list;
        const double interior_a = interior_prefix[a];
        Balance bal = h.balance;
        int imb = imbalance_of(i, bal);
        const std::uint32_t* topics = topic_flat.data() + topic_start[i];
        const std::size_t topic_count = topic_start[i + 1] - topic_start[i];
        const std::size_t topic_a = topic_prefix(i, a);
        std::size_t topic_b = topic_a;  // rare words of head i among the first b spill words
        for (std::size_t b = a + 1; b <= n; ++b) {
            while (topic_b < topic_count && topics[topic_b] < b) ++topic_b;
            if (!balanced[b - 1]) {
                bal += balance_prefix(b);
                bal -= balance_prefix(b - 1);
                imb = imbalance_of(i, bal);
            }
            double c = base;
            c += interior_prefix[b - 1] - interior_a;
            c += end_cost_of[b - 1];
            c += closer_cost[b];
            if (colons) c += w.colon_inside * (colon_prefix[b - 1] - colon_prefix[a]);
            if (finals) c += w.final_inside_list * (final_prefix[b - 1] - final_prefix[a]);
            c += length_costs[b - a];
            c += sentence_cost(i, a, b);
            c += w.imbalance * imb;
            if (topic_count != 0) c -= w.topic * static_cast<double>(topic_b - topic_a);
            relax(b, c);
        }
    }

    // What a state at a with cost state_cost adds to every tail (a, b] of head i, less the
    // terms that depend on b only: the tail's cost is potential + (terms of b) + its length cost
    // + its balance cost, up to rounding.
    double potential(std::size_t i, std::size_t a, double state_cost) const {
        const SpillHead& h = heads[i];
        double k = state_cost + prior[i].cut + join_cost(i, a) - interior_prefix[a];
        if (h.before_list) k -= w.colon_inside * colon_prefix[a];
        if (h.kind == HeadKind::ListItem && h.unpunctuated_list) k -= w.final_inside_list * final_prefix[a];
        if (has_topics(i)) k += w.topic * static_cast<double>(topic_prefix(i, a));
        return k;
    }

    // Bound of the rounding error of potentials up to `largest` in magnitude and of the costs
    // compared through them: far above the few ulps that a dozen additions of these magnitudes
    // can lose.
    double rounding_slack(double largest) const {
        const std::size_t n = spill.size();
        const double scale = 1.0 + 2.0 * largest + interior_abs_total + w.colon_inside * colon_prefix[n] + w.final_inside_list * final_prefix[n] +
                             w.topic * static_cast<double>(topic_total);
        return 1e-9 * scale;
    }
};

struct State {
    std::size_t pos;
    double cost;
    std::uint32_t parent;  // index in the previous layer
};

}  // namespace

const SpillWeights& default_spill_weights() {
    static const SpillWeights fitted{};
    return fitted;
}

namespace {

SpillResult segment(Scorer& sc, std::size_t p, std::size_t w, bool huge) {
    SpillResult result;
    result.tails.assign(p, {0, 0});

    const double evaluations = static_cast<double>(p) * static_cast<double>(w + 1) * static_cast<double>(w);
    const bool exact = evaluations <= exact_budget_evaluations;
    if (exact) sc.prepare_exact();
    const std::size_t max_states = huge ? huge_beam_states : beam_states;
    const std::size_t max_ends = huge ? huge_candidate_ends : beam_candidate_ends;
    const std::size_t max_capital_ends = huge ? huge_capital_ends : beam_capital_ends;
    // Candidate tail ends for beam mode: after a sentence-like end, before a capital, digit or
    // opening mark, and the end of the spill. `sentence_ends` holds those of the first kind.
    std::vector<std::size_t> candidates, sentence_ends, capital_ends;
    std::vector<std::uint32_t> next_candidate(w + 1, 0), next_sentence_end(w + 1, 0), next_capital_end(w + 1, 0);
    if (!exact) {
        for (std::size_t b = 1; b <= w; ++b) {
            const WordEnd e = sc.ends[b - 1];
            const bool after = e == WordEnd::Final || e == WordEnd::Ellipsis || e == WordEnd::Ambiguous ||
                               e == WordEnd::Colon;
            const bool before = b < w && (sc.starts[b] == WordStart::Upper || sc.starts[b] == WordStart::Digit ||
                                          sc.starts[b] == WordStart::Open);
            if (after || before || b == w) candidates.push_back(b);
            if (after && b < w) sentence_ends.push_back(b);
            else if (before) capital_ends.push_back(b);
        }
        // Index of the first element beyond each position, so that a state at `a` starts there.
        auto index_after = [&](const std::vector<std::size_t>& list, std::vector<std::uint32_t>& next) {
            std::size_t ci = list.size();
            for (std::size_t a = w + 1; a-- > 0;) {
                while (ci > 0 && list[ci - 1] > a) --ci;
                next[a] = static_cast<std::uint32_t>(ci);  // spills of 4G words cannot be read into memory
            }
        };
        index_after(candidates, next_candidate);
        index_after(sentence_ends, next_sentence_end);
        index_after(capital_ends, next_capital_end);
    }

    std::vector<std::vector<State>> layers(p + 1);
    layers[0].push_back({0, 0.0, 0});
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> best(w + 1, inf);
    std::vector<std::uint32_t> best_parent(w + 1, 0);
    std::vector<std::size_t> touched;
    std::vector<double> length_costs, potentials;
    for (std::size_t i = 0; i < p; ++i) {
        touched.clear();
        if (exact) sc.fill_length_costs(i, length_costs);
        auto relax = [&](std::size_t pos, double cost, std::uint32_t parent) {
            if (best[pos] == inf) touched.push_back(pos);
            if (cost < best[pos]) { best[pos] = cost; best_parent[pos] = parent; }
        };
        // Dominance in the exact DP: two states a' and a whose tails see the same bracket balance
        // give every end b beyond both costs that differ by potential(a) - potential(a') plus
        // the difference of two length costs. When that difference is positive whatever the
        // lengths, a's tails to ends beyond a' cannot win the strict comparison in relax(), nor
        // decide a parent: they are not tried, and the result is the same as trying them. An
        // earlier such a' rules out all of a's tails; a later one those that end beyond it.
        // An earlier a' has the longer tail to every b, so what the lengths can take back is the
        // most the length cost rises from a shorter to a longer tail; for a later a', the most
        // it falls. (A state so ruled out hands its ends to a state of lower potential, which may
        // hand them on; potentials fall at each step, by enough to cover either direction.)
        const auto& layer = layers[i];
        double margin_earlier = 0.0, margin_later = 0.0;
        if (exact) {
            double rise = 0.0, fall = 0.0;
            double lowest = length_costs[1], highest = length_costs[1];
            for (std::size_t n = 2; n < length_costs.size(); ++n) {
                rise = std::max(rise, length_costs[n] - lowest);
                fall = std::max(fall, highest - length_costs[n]);
                lowest = std::min(lowest, length_costs[n]);
                highest = std::max(highest, length_costs[n]);
            }
            potentials.resize(layer.size());
            double largest = 0.0;
            for (std::size_t s = 0; s < layer.size(); ++s) {
                potentials[s] = layer[s].pos == w ? inf : sc.potential(i, layer[s].pos, layer[s].cost);
                if (potentials[s] != inf) largest = std::max(largest, std::abs(potentials[s]));
            }
            const double slack = sc.rounding_slack(largest);
            // The last-sentence cost of two tails to the same end differs by at most its maximum.
            margin_earlier = rise + sc.max_sentence_cost + slack;
            margin_later = fall + sc.max_sentence_cost + slack;
        }
        double least_potential = inf;
        std::uint32_t least_run = 0;
        for (std::uint32_t s = 0; s < layer.size(); ++s) {
            const State& st = layer[s];
            relax(st.pos, st.cost + sc.skip_cost(i), s);
            if (st.pos == w) continue;
            if (exact) {
                const double k = potentials[s];
                const std::uint32_t run = sc.balance_run[st.pos];
                if (run != least_run) {
                    least_potential = inf;
                    least_run = run;
                }
                if (k > least_potential + margin_earlier) continue;
                least_potential = std::min(least_potential, k);
                std::size_t last_end = w;
                for (std::size_t t = s + 1;
                     t < layer.size() && layer[t].pos < w && sc.balance_run[layer[t].pos] == run; ++t) {
                    if (potentials[t] + margin_later < k) {
                        last_end = layer[t].pos;
                        break;
                    }
                }
                sc.all_tails_from(i, st.pos, last_end, length_costs,
                                  [&](std::size_t b, double tail) { relax(b, st.cost + tail, s); });
            } else {
                const auto from = sc.tail_from(i, st.pos);
                std::size_t tried = 0;
                for (std::size_t c = next_sentence_end[st.pos]; c < sentence_ends.size() && tried < max_ends; ++c, ++tried)
                    relax(sentence_ends[c], st.cost + sc.tail_cost(from, sentence_ends[c]), s);
                tried = 0;
                for (std::size_t c = next_capital_end[st.pos]; c < capital_ends.size() && tried < max_capital_ends; ++c, ++tried)
                    relax(capital_ends[c], st.cost + sc.tail_cost(from, capital_ends[c]), s);
                relax(w, st.cost + sc.tail_cost(from, w), s);
            }
        }
        auto& next = layers[i + 1];
        next.reserve(touched.size());
        for (std::size_t pos : touched) {
            next.push_back({pos, best[pos], best_parent[pos]});
            best[pos] = inf;
        }
        // Only states that can still place every remaining word are worth keeping.
        const std::size_t heads_left = p - (i + 1);
        std::erase_if(next, [&](const State& st) { return heads_left == 0 && st.pos != w; });
        if (!exact && next.size() > max_states) {
            // Keep the best state that has placed everything: it guarantees a complete solution.
            auto done = std::find_if(next.begin(), next.end(), [&](const State& st) { return st.pos == w; });
            const State keep = done != next.end() ? *done : State{w + 1, inf, 0};
            // States are compared without the interior costs of the words they have placed: every
            // word is placed in the end, so a state that has placed more would otherwise look
            // better for that alone, and the beam would keep the ones that swallow the spill.
            // Inputs far beyond any article keep the plain cost, which favours states that have
            // placed more and so keeps the tails short and the work linear.
            auto key = [&](const State& st) { return huge ? st.cost : st.cost - sc.interior_prefix[st.pos]; };
            std::nth_element(next.begin(), next.begin() + static_cast<long>(max_states), next.end(),
                             [&](const State& x, const State& y) {
                                 const double kx = key(x), ky = key(y);
                                 return kx < ky || (kx == ky && x.pos < y.pos);
                             });
            next.resize(max_states);
            if (keep.pos == w && std::none_of(next.begin(), next.end(), [&](const State& st) { return st.pos == w; }))
                next.push_back(keep);
        }
        std::sort(next.begin(), next.end(), [](const State& x, const State& y) { return x.pos < y.pos; });
    }

    // Back-track the best complete segmentation.
    const auto& last = layers[p];
    if (last.empty()) {
        // Cannot happen: the last head always may take the rest. Give it everything to be safe.
        result.tails[p - 1] = {0, w};
        return result;
    }
    std::uint32_t idx = 0;
    for (std::uint32_t s = 0; s < last.size(); ++s)
        if (last[s].pos == w) idx = s;
    for (std::size_t i = p; i > 0; --i) {
        const State& st = layers[i][idx];
        const State& parent = layers[i - 1][st.parent];
        result.tails[i - 1] = {parent.pos, st.pos};
        idx = st.parent;
    }

    // Certainty: try moving each boundary between two consecutive tails, and try giving a head
    // judged complete the end of the tail before it. In beam mode only the candidate ends the
    // search itself considered are alternatives (the others cost an end inside a sentence).
    auto alternatives = [&](std::size_t lo, std::size_t hi, auto&& visit) {
        if (exact) {
            for (std::size_t m = lo; m <= hi; ++m) visit(m);
            return;
        }
        for (std::size_t c = next_candidate[lo - 1]; c < candidates.size() && candidates[c] <= hi; ++c) visit(candidates[c]);
    };
    std::vector<std::uint8_t> doubtful(p, 0);
    std::size_t prev = p;
    for (std::size_t i = 0; i < p; ++i) {
        const bool has_tail = result.tails[i].first != result.tails[i].second;
        if (prev != p) {
            // Named copies, not a structured binding: clang 14 cannot capture those in lambdas.
            const std::size_t a = result.tails[prev].first, b = result.tails[prev].second;
            const std::size_t lo = std::max(a + 1, b > uncertainty_window_words ? b - uncertainty_window_words : 0);
            double best_alt = inf, here = 0.0;
            const auto from = sc.tail_from(prev, a);
            if (has_tail) {
                const std::size_t e = result.tails[i].second;
                here = sc.tail_cost(from, b) + sc.tail_cost(i, b, e);
                const std::size_t hi = std::min(e - 1, b + uncertainty_window_words);
                alternatives(lo, hi, [&](std::size_t m) {
                    if (m != b) best_alt = std::min(best_alt, sc.tail_cost(from, m) + sc.tail_cost(i, m, e));
                });
                // Or head i was whole, and its tail is the rest of the tail before it.
                best_alt = std::min(best_alt, sc.tail_cost(from, e) + sc.skip_cost(i));
            } else {
                here = sc.tail_cost(from, b) + sc.skip_cost(i);
                if (b > lo)
                    alternatives(lo, b - 1, [&](std::size_t m) {
                        best_alt = std::min(best_alt, sc.tail_cost(from, m) + sc.tail_cost(i, m, b));
                    });
            }
            if (best_alt - here < uncertain_margin) doubtful[prev] = doubtful[i] = 1;
        }
        if (has_tail) prev = i;
    }
    for (std::size_t i = 0; i < p; ++i)
        if (doubtful[i]) result.uncertain.push_back(i);
    return result;
}

/// Which heads a segmentation cut, for a second pass, when a first pass found no tight range
/// of cut lengths and the article is small; else empty.
std::vector<std::uint8_t> second_pass_cuts(const Scorer& sc, const SpillResult& r, const SpillWeights& weights,
                                           bool huge) {
    if (weights.limit_second_pass == 0.0 || sc.limit_tight || huge || r.tails.size() > second_pass_max_heads) return {};
    std::vector<std::uint8_t> cut(r.tails.size(), 0);
    bool news = false;
    for (std::size_t i = 0; i < cut.size(); ++i) {
        cut[i] = r.tails[i].first != r.tails[i].second;
        news = news || (cut[i] && !sc.surely_cut(i) && sc.plain_paragraph(i));
    }
    // Without a cut head beyond those that surely lost their end, a second pass learns nothing.
    if (!news) return {};
    return cut;
}

}  // namespace

SpillResult attach_spill(const std::vector<SpillHead>& heads, const std::vector<std::string_view>& spill,
                         const Lexicon& lexicon, const SpillWeights& weights) {
    const std::size_t p = heads.size(), w = spill.size();
    if (p == 0 || w == 0) {
        SpillResult empty;
        empty.tails.assign(p, {0, 0});
        return empty;
    }
    const bool huge = static_cast<double>(p) * static_cast<double>(w) > huge_input_product;
    Scorer sc(heads, spill, lexicon, weights, huge);
    SpillResult result = segment(sc, p, w, huge);
    // A short article has few heads that surely lost their end; the heads the first pass cut
    // show the character limit too, and a second pass reads it from them.
    if (const auto cut = second_pass_cuts(sc, result, weights, huge); !cut.empty()) {
        Scorer again(heads, spill, lexicon, weights, huge, &cut);
        if (again.limit_tight) result = segment(again, p, w, huge);
    }
    return result;
}

std::string explain_spill(const std::vector<SpillHead>& heads, const std::vector<std::string_view>& spill,
                          const Lexicon& lexicon, const SpillWeights& weights,
                          const std::vector<std::pair<std::size_t, std::size_t>>& tails) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(2);
    if (heads.empty() || spill.empty() || tails.size() != heads.size()) return "no spill\n";
    const bool huge = static_cast<double>(heads.size()) * static_cast<double>(spill.size()) > huge_input_product;
    Scorer first(heads, spill, lexicon, weights, huge);
    const auto cut = second_pass_cuts(first, segment(first, heads.size(), spill.size(), huge), weights, huge);
    std::optional<Scorer> again;
    if (!cut.empty()) again.emplace(heads, spill, lexicon, weights, huge, &cut);
    const Scorer& sc = again && again->limit_tight ? *again : first;
    double total = 0.0;
    for (std::size_t i = 0; i < heads.size(); ++i) {
        const auto [a, b] = tails[i];
        std::string_view h = heads[i].text;
        if (h.size() > 40) {
            std::size_t from = h.size() - 40;
            while (from < h.size() && (static_cast<unsigned char>(h[from]) & 0xC0) == 0x80) ++from;  // a whole character
            h = h.substr(from);
        }
        out << i << " [" << heads[i].words << "w " << heads[i].chars << "c] …" << h;
        if (a == b) {
            const double c = sc.skip_cost(i);
            total += c;
            out << " | whole " << c << " (prior " << sc.prior[i].skip << ", length "
                << (sc.short_on_its_own(i) ? 0.0 : sc.length_cost(i, heads[i].words)) << ")\n";
            continue;
        }
        const double c = sc.tail_cost(i, a, b);
        total += c;
        const double topic = sc.has_topics(i) ? weights.topic * static_cast<double>(sc.topic_prefix(i, b) - sc.topic_prefix(i, a)) : 0.0;
        const double prior = sc.prior[i].cut, join = sc.join_cost(i, a), interior = sc.interior_prefix[b - 1] - sc.interior_prefix[a],
                     end = sc.end_cost_of_class[sc.end_variant(i)][sc.end_class[b - 1]],
                     length = sc.length_cost(i, heads[i].words + (b - a)), sentence = sc.sentence_cost(i, a, b);
        // What the named terms leave: brackets and quotes left open, colons and sentence ends
        // inside list items, a closing mark that cannot start the next tail.
        const double balance = c - (prior + join + interior + end + length + sentence - topic);
        out << " | +" << (b - a) << " «" << spill[a] << " … " << spill[b - 1] << "» " << c << " (prior " << sc.prior[i].cut
            << ", join " << sc.join_cost(i, a) << ", interior " << sc.interior_prefix[b - 1] - sc.interior_prefix[a]
            << ", end " << sc.end_cost_of_class[sc.end_variant(i)][sc.end_class[b - 1]] << ", length "
            << sc.length_cost(i, heads[i].words + (b - a)) << ", sentence " << sc.sentence_cost(i, a, b) << ", topic -" << topic
            << ", balance and marks " << balance << ")\n";
    }
    out << "total " << total << "\n";
    return out.str();
}

}  // namespace folio::parse::article
