// Word-level evidence for the article reader: how a word ends (sentence end, abbreviation, pause)
// and begins (capital, lower case, opening quote), bracket balance, and language-neutral word lists.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/view_map.hpp"
#include "parse/article/vocabulary.hpp"

namespace folio::parse::article {

/// How a word ends, once closing quotes/brackets and footnote markers are set aside.
enum class WordEnd : std::uint8_t {
    Plain,      // ends with a letter, digit or closing bracket: the sentence goes on
    Final,      // . ! ? … : a sentence ends here
    Ellipsis,   // … or ... : often final, sometimes a pause inside a sentence
    Abbrev,     // "Dr." "e.g." "z." : the full stop belongs to the word
    Ambiguous,  // "etc." "U.S." "3." : may or may not end the sentence
    Pause,      // , ; – : the sentence certainly goes on
    Colon,      // : often introduces a list or a quotation
    Open,       // ends with an opening bracket, quote or a dash: something must follow
    PunctOnly,  // the word is punctuation only ("?" "»" after a French space): see the previous word
};

/// How a word begins, once opening quotes and brackets are set aside (they are recorded as Open).
enum class WordStart : std::uint8_t {
    Upper,   // capital letter
    Lower,   // lower-case letter
    Digit,
    Open,    // opening quote, bracket, dialogue dash, ¿ ¡
    Closer,  // closing punctuation: a paragraph never begins so
    Other,   // caseless letters, symbols
};

/// Net bracket and quote balance of a word: opened minus closed.
struct Balance {
    std::int32_t round = 0;      // ( minus )
    std::int32_t square = 0;     // [ minus ] (a note's "[citation needed]" is not closed by a ")")
    std::int32_t guillemet = 0;  // « ‹ minus » ›
    std::int32_t ldq = 0;        // count of “ (opens in en/fr/es/it, closes German „…“)
    std::int32_t rdq = 0;        // count of ”
    std::int32_t low = 0;        // count of „
    std::int32_t straight = 0;   // count of " (only its parity matters)
    Balance& operator+=(const Balance& o) {
        round += o.round; square += o.square; guillemet += o.guillemet; ldq += o.ldq; rdq += o.rdq; low += o.low;
        straight += o.straight;
        return *this;
    }
    Balance& operator-=(const Balance& o) {
        round -= o.round; square -= o.square; guillemet -= o.guillemet; ldq -= o.ldq; rdq -= o.rdq; low -= o.low;
        straight -= o.straight;
        return *this;
    }
};

/// Double quotes opened and not closed (negative: closed and not opened). `german_quotes`: the
/// document uses „…“, so “ closes; so does ”, which software set for English puts after „ as
/// often as “ („Duschen”); and a “…” pair among them is a quotation of its own.
inline int open_quotes(const Balance& b, bool german_quotes) {
    if (!german_quotes) return b.ldq - b.rdq;
    const int net = b.low - b.ldq - b.rdq;
    return net >= 0 ? net : net + 2 * std::min({b.ldq, b.rdq, -net / 2});
}

/// How far a paragraph with this total balance is from closing all it opens (0 = balanced).
/// Inline: the spill segmentation asks it for every candidate tail.
inline int imbalance(const Balance& b, bool german_quotes) {
    // Each kind counts at most twice: beyond that the text is odd anyway, not our cut.
    static constexpr int max_per_kind = 2;
    auto cap = [](int v) { return std::min(v < 0 ? -v : v, max_per_kind); };
    const int quotes = open_quotes(b, german_quotes);
    return cap(b.round) + cap(b.square) + cap(b.guillemet) + cap(quotes) + (b.straight % 2 != 0 ? 1 : 0);
}

/// True when the word opens or closes nothing (most words).
inline bool is_neutral(const Balance& b) {
    return b.round == 0 && b.square == 0 && b.guillemet == 0 && b.ldq == 0 && b.rdq == 0 && b.low == 0 && b.straight == 0;
}

/// Net bracket and quote balance of a text (a word or a whole paragraph).
Balance balance_of(std::string_view text);

struct WordInfo {
    WordEnd end = WordEnd::Plain;
    WordStart start = WordStart::Other;
    Balance balance;
    /// The sentence end is a question or exclamation mark (dialogue goes on after those in
    /// lower case: "Auf! esclamò", "minuti? disse").
    bool exclaim = false;
};

/// Classifies one whitespace-free word.
WordInfo classify_word(std::string_view word);
/// The same without the shortcut for words of letters (which must agree with it).
WordInfo classify_word_fully(std::string_view word);

/// Bytes of a bare footnote number glued to a word's final mark ("mundo.185": 3), or of the
/// first part of a bracketed note of two words ("mundo.[nota": 5), else 0.
std::size_t glued_marker_bytes(std::string_view word);
/// The second part of a bracketed note of two words ("1]" of "[nota 1]", "needed]" of
/// "[citation needed]"), whatever came before it.
bool is_note_end(std::string_view word);
/// True when `word` ends the note `prev` opened ("1]" after "mundo.[nota").
bool closes_note(std::string_view prev, std::string_view word);
/// One to three ASCII digits and nothing else.
bool is_bare_number(std::string_view word);
/// True when `word` is a further footnote number after `prev` ("mundo.185 186", "185 186"):
/// copied wiki text separates consecutive markers with a space; or the end of a note of two
/// words `prev` opened ("mundo.[nota 1]", "mundo.[citation needed]").
bool is_marker_after(std::string_view prev, std::string_view word);

/// Which of the word lists below a word belongs to (case-insensitive).
struct WordRoles {
    static constexpr std::uint8_t function = 1, determiner = 2, linking = 4, conjunction = 8, auxiliary = 16, pronoun = 32;
    std::uint8_t bits = 0;
    bool is_function() const { return (bits & function) != 0; }
    bool is_determiner() const { return (bits & determiner) != 0; }
    /// A preposition or a conjunction.
    bool is_linking() const { return (bits & linking) != 0; }
    /// A coordinating conjunction ("and", "und", "mais"): a preposition may follow it ("and to").
    bool is_conjunction() const { return (bits & conjunction) != 0; }
    /// An auxiliary verb ("est", "was", "ist", "fue"): it follows a pronoun that is spelled like
    /// an article in some language ("il est", "das ist", "I was").
    bool is_auxiliary() const { return (bits & auxiliary) != 0; }
    /// A personal pronoun that can be a subject ("it", "elle", "nosotros"): it never follows an
    /// article ("the | It" is a sentence start, not the article's noun).
    bool is_pronoun() const { return (bits & pronoun) != 0; }
};

/// The roles of a word, with one lookup for all three lists.
WordRoles word_roles(std::string_view word);
/// The same, for a word whose Lexicon::word_key is known.
WordRoles word_roles(std::string_view word, std::uint64_t key);

/// True for short words that cannot end a sentence in the languages folio reads (articles,
/// prepositions, conjunctions, auxiliaries): "de", "la", "the", "of", "und", "del", "della"...
bool is_function_word(std::string_view word);

/// True for articles and determiners ("the", "la", "der", "una"): a noun or adjective must follow,
/// never a preposition or conjunction.
bool is_determiner(std::string_view word);
/// The same in one language (BCP 47; "" or a language folio has no list for: any of them), for
/// a word whose Lexicon::word_key is known: "il" is an article in Italian, a pronoun in French;
/// "as" in Portuguese, a conjunction in English.
bool is_determiner_in(std::uint64_t key, std::string_view lang);

/// True for prepositions and coordinating conjunctions, which never follow an article and rarely
/// follow a preposition ("bei im", "une et").
bool is_preposition_or_conjunction(std::string_view word);

/// The word without leading/trailing punctuation, footnote markers and elision prefixes are kept
/// ("l’accès" stays whole); used as a lexicon key.
std::string_view word_core(std::string_view word);
/// The same without the shortcut for words of letters (which must agree with it).
std::string_view word_core_fully(std::string_view word);

/// True when the word's letters begin with a capital (after opening punctuation).
bool starts_upper(std::string_view word);

/// True when the word reads as a token rather than as prose: a link, a handle, a path or names
/// joined by a slash ("Pippel/Shutterstock", "166/07"), or the close of a bracket ("(grh)").
/// Credits, captions, references and posts end on such words without a stop: in the training
/// texts a paragraph ends on one in 21% (links, slashes, handles) and 6% (brackets) of their
/// uses without a stop, on any other word without a stop in 0.3%. Numbers and acronyms (3%)
/// were tried and cost more than they gave.
bool reads_as_token(std::string_view word);

/// What the intact part of the document says about words: which capitalised words are proper
/// nouns (written with a capital after a word that does not end a sentence), which words occur
/// in lower case, and how often a capital follows such a word at all (high in German).
/// Views point into the text the lexicon was built from, which must outlive it.
class Lexicon {
public:
    /// Evidence saturates within a few long articles (tens of thousands of words); the cap
    /// keeps huge inputs cheap.
    static constexpr std::size_t max_words = 50000;
    /// Learns from `words` in reading order (at most max_words of them); block_starts[k] marks
    /// a word that begins a block (no word pair spans it). Empty: one block.
    void learn(const std::vector<std::string_view>& words, const std::vector<std::uint8_t>& block_starts = {});
    /// Learns names from the spilled words: a capital right after a word that does not end a
    /// sentence is inside one there too (tails end on sentence ends), so it names something.
    /// The document's rates are not changed: the spill's boundaries are unknown.
    void learn_spill_names(const std::vector<std::string_view>& spill);
    /// A word's key for pair lookups (case-insensitive).
    static std::uint64_t word_key(std::string_view word);
    /// True when the words with these keys stood side by side, inside a sentence, somewhere in
    /// the intact text (pairs of two function words are not recorded: they say nothing).
    bool seen_pair(std::uint64_t first, std::uint64_t second) const { return pairs_.contains(pair_key(first, second)); }
    bool is_proper_noun(std::string_view word) const;
    /// True when the lower-case form of the word's core occurs in the document.
    bool seen_lower(std::string_view word) const;
    /// Share of words after a non-final word that begin with a capital.
    double mid_capital_rate() const;
    bool german_quotes() const { return low_quotes_; }
    /// The language's word list, when folio has one for the document's language (else nullptr).
    const Vocabulary* vocabulary() const { return vocabulary_; }
    void set_vocabulary(const Vocabulary* v) { vocabulary_ = v; }
    /// The document's language (BCP 47), when known.
    const std::string& language() const { return language_; }
    void set_language(std::string lang) { language_ = std::move(lang); }
    /// Share of words that end a sentence (one over the mean sentence length).
    double sentence_end_rate() const;
    /// Sentences are counted by length up to this many words; longer ones are all "long".
    static constexpr std::size_t short_sentence_words = 3;
    /// Share of this document's sentences that have n words (1 ≤ n ≤ short_sentence_words),
    /// smoothed toward what prose usually has.
    double short_sentence_share(std::size_t n) const;
    /// The log-normal law of this document's sentence lengths (in words): fitted to the
    /// sentences seen whole inside one block, smoothed toward prose's usual 15–20 words.
    struct SentenceLengths {
        double log_mean = 0.0, log_sd = 1.0;
        /// How unlikely a sentence of n words is, in nats, given ln n; only differences mean anything.
        double cost(double log_n) const {
            const double z = (log_n - log_mean) / log_sd;
            return 0.5 * z * z + log_n;
        }
    };
    SentenceLengths sentence_lengths() const;
    double sentence_length_cost(std::size_t n) const {
        return sentence_lengths().cost(std::log(static_cast<double>(std::max<std::size_t>(n, 1))));
    }
    /// Share of question and exclamation marks that a lower-case word follows inside a block,
    /// smoothed toward what prose outside dialogue has (about 2 in 100).
    double exclaim_lower_rate() const;

private:
    static std::uint64_t pair_key(std::uint64_t a, std::uint64_t b) { return a * 0x9E3779B97F4A7C15ull + b; }
    KeySet pairs_;
    ViewMap<bool> mid_capital_;
    ViewMap<bool> lower_;
    std::size_t after_plain_ = 0;
    std::size_t capital_after_plain_ = 0;
    std::size_t words_ = 0;
    std::size_t sentence_ends_ = 0;
    // Sentences seen whole (after a sentence end), and how many of them had 1, 2, 3 words.
    std::size_t sentences_ = 0;
    std::size_t short_sentences_[short_sentence_words + 1] = {};
    // Sentences seen whole inside one block: their count and the sums of log length and its square.
    double whole_sentences_ = 0.0, log_length_sum_ = 0.0, log_length_sq_ = 0.0;
    // Question and exclamation marks followed by a word in the same block, and how many of those words were lower-case.
    std::size_t exclaims_ = 0, exclaims_lower_ = 0;
    bool low_quotes_ = false;
    const Vocabulary* vocabulary_ = nullptr;
    std::string language_;
};

/// Splits on ASCII space and tab only, so that no-break spaces stay inside a word.
std::vector<std::string_view> split_ascii_words(std::string_view s);
/// The same, appended to `out`.
void split_ascii_words(std::string_view s, std::vector<std::string_view>& out);
/// The end of `s` that holds its last n words as split_ascii_words splits them (all of `s` when
/// it has no more).
std::string_view last_ascii_words(std::string_view s, std::size_t n);

}  // namespace folio::parse::article
