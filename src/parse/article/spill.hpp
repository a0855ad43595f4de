// Spill re-attachment: the words of cut paragraphs that a scraper spilled one per line at the end
// of an article are given back to their paragraphs. The spill is segmented into tails, in order,
// by a beam-bounded dynamic programme that scores every candidate segmentation with word-level
// evidence (see spill.cpp for the cost model).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parse/article/words.hpp"

namespace folio::parse::article {

enum class HeadKind { Paragraph, ListItem, HeadingLike, Quote };

/// A block that may have lost its tail to the spill.
struct SpillHead {
    /// The block's last word, and the one before it (used when the last is punctuation only).
    std::string_view last_word;
    std::string_view prev_word;
    /// The block's whole text (its rarer words are matched against the spill).
    std::string_view text;
    std::size_t words = 0;
    /// Length in characters (code points): scrapers cut at a character limit.
    std::size_t chars = 0;
    HeadKind kind = HeadKind::Paragraph;
    /// For list items: most items of the same list end without punctuation.
    bool unpunctuated_list = false;
    /// The next block is a list, so a colon ending is complete.
    bool before_list = false;
    /// A short line that reads as a credit, a date or a link rather than as prose ("(AFP,
    /// Reuters)", "(2001-2002)", "Source: https://…"): it ends without punctuation, like a
    /// heading, and says as little as a heading about being cut.
    bool furniture = false;
    /// One of two or more paragraphs in a row that end with a semicolon after a line that ends
    /// with a colon: the items of an enumeration (French sets lists so, and legal and technical
    /// prose elsewhere), whole for all their ending says.
    bool enumeration_item = false;
    Balance balance;
    /// The block opens with a quotation mark and the next block opens with the same mark: a
    /// quotation over several paragraphs, which may stay open at this block's end. The balance
    /// of that mark; neutral otherwise.
    Balance quote_goes_on;
    /// Words after the block's last sentence end, and, when the block itself ends a sentence,
    /// the length of that sentence; both counted up to short_sentence_cap (beyond it a sentence
    /// is simply long).
    std::size_t trailing_words = 0;
    std::size_t last_sentence_words = 0;
    static constexpr std::size_t short_sentence_cap = 4;
    /// Words of the sentence the block leaves open (after its last sentence end, or all of it
    /// when it has none; 0 when it ends a sentence), uncounted beyond max_open_words.
    std::size_t open_words = 0;
    static constexpr std::size_t max_open_words = 200;
};

/// The weights of the evidence, in nats. The defaults are fitted on the training sources of the
/// real-text corpus by bench/repair/fit.py (which writes them here); the held-out sources
/// measure them (bench/repair/measure.py).
struct SpillWeights {
    /// Added to a capitalised first word of a tail after a head cut mid-sentence when the
    /// language writes the word in lower case (a sentence start, not a continuation).
    double capital_ordinary = 3.99;
    /// The same capital when the language always capitalises the word (a name, a German noun).
    double capital_name = 0;
    /// Added when the capital's lower-case form occurs in this document (no word list).
    double capital_seen_lower = 2.66;
    /// ... and a word the language's list writes both ways ("Laut", "laut"; "Leben", "leben") this more.
    double capital_both = 1.33;
    /// A sentence end followed by a lower-case word inside one paragraph when the sentence end
    /// closes a quotation (at most final_lower_interior).
    double quoted_final_lower = 6.244;
    /// Head priors (cost of keeping a head whole) by how it ends: a plain word, a pause or an
    /// opening mark, a colon (and the cost of cutting after a colon).
    double plain_skip = 5.985;
    double pause_skip = 3.357;
    double colon_skip = 0;
    double colon_cut = 2.353;
    /// A paragraph ending with a plain word, a colon, a comma or semicolon.
    double end_plain = 8.823;
    double end_colon = 0.5;
    double end_pause = 7.98;
    /// A sentence end followed by a lower-case word: inside a tail, and between a head and its tail.
    double final_lower_interior = 6.5;
    double final_lower_join = 18.82;
    /// Keeping two words the intact text has side by side earns this much.
    double seen_pair = 1.769;
    /// Weight of the squared log-length deviation of a paragraph.
    double length = 0.1406;
    /// Character-limit damage: when the heads that are surely cut have similar lengths, a head
    /// shorter than the shortest of them by more than the slack is whole (cost of a cut), one
    /// longer than the longest is whole too, and one within the range is likely cut (cost of
    /// keeping it whole).
    double limit_below_cut = 3.99;
    /// Below the range, the cut cost grows to limit_below_cut over this share of the range's
    /// width (0: it applies in full right below the range).
    double limit_below_ramp = 1;
    double limit_above_cut = 2;
    double limit_within_skip = 1.99;
    /// The most keeping a head shorter than the limit whole costs, however it ends (a short
    /// line that ends without punctuation is a credit, a byline or a label).
    double limit_below_skip = 1;
    /// "Far shorter": below this share of the shortest cut head; such a head was not cut by the
    /// limit at all, which costs this much more again.
    double limit_far_below = 0.75;
    double limit_far_below_cut = 4;
    /// A range is tight (a true character limit) with at least this many sure heads, the
    /// longest at most this factor of the shortest.
    double limit_tight_min = 4;
    double limit_tight_spread = 1.3;
    /// A range is tight too with fewer heads (a short article) when they lie within this many
    /// characters of each other.
    double limit_close_min = 2;
    double limit_close_chars = 10;
    /// ... and the shortest of them is at least this long: a scraper's limit is a sentence or
    /// more, while short cut heads that happen to be alike are chance.
    double limit_close_floor = 40;
    /// Non-zero: when no tight range is found, a second pass reads it from the heads the first
    /// pass cut.
    double limit_second_pass = 1;
    /// In the second pass, cut heads within this many characters of each other are tight.
    double limit_second_close_chars = 15;
    /// Under a tight range, a head longer than the limit was not cut by it: this much more.
    double limit_above_tight_cut = 4;
    double limit_tight_above = 1.3;
    /// Slack around the range, as a share of the range's width plus a fixed number of characters.
    double limit_slack_share = 0;
    double limit_slack_chars = 0;
    /// The range counts as a limit only when at least this many sure heads lie within a factor
    /// limit_max_spread of their median, and they are the majority.
    double limit_max_spread = 1.6;
    double limit_min_sure = 2;
    /// When non-zero, paragraph heads that end on a plain word count among the sure heads
    /// that show the range.
    double limit_plain_sure = 1;
    /// Word-count damage: an excerpt of the first N words leaves every cut head exactly N words
    /// long. When at least wordlimit_min_sure of the sure heads share one count N and they are
    /// two thirds of them, a shorter head is whole (cost of a cut), a head of N words is likely
    /// cut (cost of keeping it whole), and a longer one is whole.
    double wordlimit_below_cut = 4.5;
    double wordlimit_at_skip = 3.99;
    double wordlimit_above_cut = 0;
    double wordlimit_min_sure = 2.66;
    /// Head priors (skip, cut) of the other endings: an ellipsis, a stop that may end an
    /// abbreviation or a sentence, an abbreviation, a small word (skip only), a heading-like line.
    double ellipsis_skip = 0.5;
    double ellipsis_cut = 4;
    double ambiguous_skip = 0.7;
    double ambiguous_cut = 1.5;
    double abbrev_skip = 0;
    double abbrev_cut = 0.3;
    double function_skip = 13.3;
    /// Cutting an enumeration item (SpillHead::enumeration_item), in place of a pause's prior.
    double enumeration_cut = 3;
    double heading_skip = 0.1055;
    double heading_cut = 0.7482;
    /// Cost of a paragraph ending with an ellipsis, an ambiguous stop, an abbreviation, an
    /// opening mark, a small word, and a loose line (a heading or an unpunctuated list item).
    double end_ellipsis = 0;
    double end_ambiguous = 4.706;
    double end_abbrev = 1.5;
    double end_open = 3.538;
    double end_function = 7.98;
    double end_loose = 2.66;
    /// A paragraph ending on a word that reads as a token (a link, a handle, names joined by a
    /// slash, a closed bracket: credits, captions, references), in place of end_plain.
    double end_token = 4.5;
    /// Keeping whole a head that ends on such a token, in place of plain_skip.
    double token_skip = 0.5;
    /// An ellipsis or an ambiguous stop followed by a lower-case word inside a paragraph.
    double ellipsis_lower_interior = 0.665;
    double ambiguous_lower_interior = 0;
    /// How a head's last word joins the first word of its tail, by their shapes: a closing
    /// mark after a sentence end or an ellipsis; a lower-case word after an ellipsis; anything
    /// after a colon, an abbreviation or an ambiguous stop (a closing mark there); a small word
    /// after an article; a preposition or conjunction after one; a digit, an opening mark, a
    /// closing mark or another sign after a plain word.
    double closer_join = 6;
    double ellipsis_lower_join = 0;
    double colon_join = 0;
    double closer_after_colon_join = 4;
    double determiner_small_join = 5.307;
    double linking_linking_join = 4.422;
    double digit_join = 0.45;
    double open_join = 0.3938;
    /// ... to which a quotation that opens on a capital adds this times what that capital costs
    /// after a plain word ("a series of | “We …": a quoted sentence starts there).
    double open_capital = 0.5;
    /// A lower-case word after a German head that ends on an article and an adjective ("eine
    /// neue | sind"): its noun, with a capital, should come first.
    double open_noun_lower = 1.5;
    /// A German lower-case word that no article takes ("Die | abgetrennt") after a head that
    /// ends on an article.
    double article_not_attributive = 2;
    double closer_plain_join = 3;
    double other_join = 0.5;
    /// A capital after a word that does not end a sentence: the document's own rate of such
    /// capitals, scaled by this; a known proper noun costs capital_proper instead; a sentence
    /// start after a small word ("de Esta") adds capital_after_small.
    double capital_rate_scale = 0.6;
    double capital_proper = 0.5;
    double capital_after_small = 0.5;
    /// A capital right after a head that ends inside a sentence on a capitalised word (a name
    /// goes on: "the Document Object | Model") costs at most this. Negative: no cap.
    double capital_after_name = 0.375;
    /// A run of capitalised words right after an article (a name: "via the | Document Object
    /// Model") costs at most this. Negative: no cap.
    double capital_name_run = 0.5;
    /// ... and after any other small word (a preposition: "at | West Virginia University").
    double capital_name_run_small = 0.5;
    /// A tail's first words finish the sentence its head left open. When that sentence is less
    /// likely by its length (Lexicon::sentence_length_cost) than the tail's first sentence read
    /// as one of its own, the difference times this is added; a likely length lowers nothing,
    /// since it says less (most splits give ordinary lengths).
    double sentence_join = 0.3;
    /// A question or exclamation mark followed by a lower-case word (dialogue: "Auf! esclamò")
    /// costs at most this times −log of how often the document's intact text does so
    /// (Lexicon::exclaim_lower_rate), inside a paragraph and between a head and its tail.
    /// Negative: no cap.
    double exclaim_lower = 0.75;
    /// Closing punctuation that closes what a cut head left open ("« client" + "» souhaite"):
    /// the head's tail may start with it (join cost) and a tail may end just before it (the cost
    /// otherwise 6). Negative: treated as any closing punctuation.
    double closer_opened_join = 0;
    double closer_opened_after = 0;
    /// Per unit of unbalanced brackets or quotes in a paragraph; per colon inside the tail of a
    /// head that introduces a list; per sentence end inside an item of an unpunctuated list.
    double imbalance = 4.976;
    double colon_inside = 2.5;
    double final_inside_list = 2;
    /// Earned per word of a tail that also occurs in its own head, when that word is rare in
    /// the document (in at most SpillWeights::topic_max_heads heads): a paragraph keeps to its
    /// subject, so the sentences of a tail tend to repeat its head's words.
    double topic = 0.1875;
    static constexpr std::size_t topic_max_heads = 3;
};

/// The weights folio uses.
const SpillWeights& default_spill_weights();

struct SpillResult {
    /// Per head, the half-open range of spill words it receives (first == second: none).
    std::vector<std::pair<std::size_t, std::size_t>> tails;
    /// Heads whose tail boundary the evidence did not decide clearly.
    std::vector<std::size_t> uncertain;
};

/// Segments `spill` over `heads`. Every spill word is placed exactly once, in order; when there is
/// no head at all, the result has no tails (the caller keeps the words as their own paragraph).
/// Time is O(heads × beam × candidates) in the worst case, linear in the input for fixed limits.
SpillResult attach_spill(const std::vector<SpillHead>& heads, const std::vector<std::string_view>& spill,
                         const Lexicon& lexicon, const SpillWeights& weights = default_spill_weights());

/// The cost terms of one segmentation (`tails` as in SpillResult), one line per head, and its
/// total: how the evidence weighs a segmentation against another (bench/repair/repair_eval).
std::string explain_spill(const std::vector<SpillHead>& heads, const std::vector<std::string_view>& spill,
                          const Lexicon& lexicon, const SpillWeights& weights,
                          const std::vector<std::pair<std::size_t, std::size_t>>& tails);

}  // namespace folio::parse::article
