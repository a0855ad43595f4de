// Builds libhyphen's HyphenDict from a .dic pattern file with a trie and breadth-first fallbacks.
//
// The automaton must be the one hnj_hyphen_load (libhyphen 2.8.8) builds, state for state up to
// numbering: hnj_hyphen_hyphenate2 walks it, so every quirk of libhyphen's line parser is kept on
// purpose (commented where it is surprising). Only the fallback computation differs: libhyphen
// looks up every suffix of every state in a hash table; a state's fallback is the state of its
// longest proper suffix, which is exactly an Aho–Corasick failure link, found here in one
// breadth-first pass over the trie.
#include "layout/hyphen_loader.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layout/hyphen_flat.hpp"

namespace folio::layout {
namespace {

// libhyphen reads the file with fgets into buffers of these sizes (hyphen.h): a longer line is
// read as several lines, and a charset line of MAX_NAME bytes or more spills into the patterns.
// Reading with the same sizes gives the same automaton even for such files.
constexpr int line_buffer_bytes = MAX_CHARS;
constexpr int charset_buffer_bytes = MAX_NAME;
// States are indexed with int in HyphenState and HyphenTrans.
constexpr std::size_t max_states = INT_MAX;
// libhyphen's compound hyphen-min on the default compound level when the file sets none.
constexpr char default_compound_min = 3;
// Bytes that end a pattern: libhyphen stops at every (signed) char in [0, ' '].
constexpr unsigned char last_separator_byte = ' ';

struct FileClose {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

/// What a pattern sets on its state. libhyphen overwrites all of it when a pattern repeats.
struct Pattern {
    std::string match;                // digits as libhyphen stores them (see Level::load_line)
    std::optional<std::string> repl;  // non-standard hyphenation ("ff=f"), if any
    signed char replindex = 0;
    signed char replcut = 0;
};

struct Node {
    int first_child = -1;
    int next_sibling = -1;
    int pattern = -1;  // index into Level::patterns; -1 for a state that is only a prefix
    int fallback = -1;
    int children = 0;
    unsigned char ch = 0;  // the byte on the edge from the parent
};

/// One level of the dictionary (libhyphen's dict[0] or dict[1]) while it is being built.
class Level {
public:
    explicit Level(bool utf8) : utf8_(utf8) {
        nodes_.emplace_back();
        root_children_.fill(-1);
    }

    char lhmin = 0, rhmin = 0, clhmin = 0, crhmin = 0;

    /// One fgets chunk, with the semantics of libhyphen's hnj_hyphen_load_line.
    void load_line(std::string buf) {
        if (setting(buf, "LEFTHYPHENMIN", lhmin) || setting(buf, "RIGHTHYPHENMIN", rhmin) ||
            setting(buf, "COMPOUNDLEFTHYPHENMIN", clhmin) || setting(buf, "COMPOUNDRIGHTHYPHENMIN", crhmin)) {
            return;
        }
        if (buf.starts_with("NOHYPHEN")) {
            set_nohyphen(buf);
            return;
        }

        // Non-standard pattern: "pattern/replacement,index,cut" (index 1-based, in characters),
        // or "pattern/replacement" meaning index 0 and a cut of the whole pattern text. libhyphen
        // looks for '/' anywhere in the line, so a '/' after a space still counts.
        std::optional<std::string> repl;
        signed char replindex = 0;
        signed char replcut = 0;
        if (const std::size_t slash = buf.find('/'); slash != std::string::npos) {
            std::string rest = buf.substr(slash + 1);
            buf.resize(slash);
            if (const std::size_t comma = rest.find(','); comma != std::string::npos) {
                if (const std::size_t comma2 = rest.find(',', comma + 1); comma2 != std::string::npos) {
                    replindex = static_cast<signed char>(std::atoi(rest.c_str() + comma + 1) - 1);
                    replcut = static_cast<signed char>(std::atoi(rest.c_str() + comma2 + 1));
                }
                rest.resize(comma);
            } else {
                chomp(rest);
                // The length of the pattern text before '/', digits included (libhyphen's strlen).
                replcut = static_cast<signed char>(buf.size());
            }
            repl = std::move(rest);
        }

        // Letters go to `word`; digit k of `pattern` is the value before letter k, '0' when absent.
        std::string word;
        std::string pattern = "0";
        for (const char c : buf) {
            if (static_cast<unsigned char>(c) <= last_separator_byte) break;
            if (c >= '0' && c <= '9') {
                pattern.back() = c;
            } else {
                word += c;
                pattern += '0';
            }
        }
        const bool leading_dot = !word.empty() && word.front() == '.';

        std::size_t start = 0;
        if (!repl) {
            // libhyphen strips leading zeros, so a match is aligned on its last character.
            while (start < pattern.size() && pattern[start] == '0') ++start;
        } else {
            // Replacement patterns keep their zeros (replindex counts from the match start), but
            // lose the digit before a leading '.'.
            if (leading_dot) start = 1;
            if (utf8_) utf8_replacement_offsets(word, leading_dot, replindex, replcut);
        }

        Pattern& p = pattern_of(insert(word));
        p.match = pattern.substr(start);
        p.repl = std::move(repl);
        p.replindex = replindex;
        p.replcut = replcut != 0 ? replcut : static_cast<signed char>(word.size());
    }

    /// hnj_hyphen_load's compound level for files without NEXTLEVEL: never break at a hyphen or
    /// apostrophe, and break after them (the "1-1" patterns).
    void add_default_patterns() {
        if (!utf8_) {
            load_line("NOHYPHEN ',-\n");
        } else {
            load_line("NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n");
        }
        load_line("1-1\n");
        load_line("1'1\n");
        if (utf8_) {
            load_line("1\xe2\x80\x93" "1\n");  // en dash
            load_line("1\xe2\x80\x99" "1\n");  // right single quotation mark
        }
    }

    /// Each state's fallback is the state of its longest proper suffix (libhyphen's definition),
    /// i.e. the Aho–Corasick failure link; breadth-first order makes every parent's link ready.
    void link_fallbacks() {
        pack_edges();
        std::vector<int> queue;
        queue.reserve(nodes_.size());
        queue.push_back(0);
        nodes_[0].fallback = -1;  // state 0 keeps -1: hnj_hyphen_hyphenate2 restarts there
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const int parent = queue[head];
            for (int e = edge_begin_[parent]; e < edge_begin_[parent + 1]; ++e) {
                const int v = edge_to_[e];
                int target = 0;
                for (int f = nodes_[parent].fallback; f != -1; f = nodes_[f].fallback) {
                    if (const int t = packed_child(f, edge_ch_[e]); t != -1) {
                        target = t;
                        break;
                    }
                }
                nodes_[v].fallback = target;
                queue.push_back(v);
            }
        }
    }

    /// The level as libhyphen's structures, all from malloc; nullptr when memory runs out.
    /// Call after link_fallbacks.
    HyphenDict* emit(const char (&cset)[charset_buffer_bytes]) const noexcept {
        auto* d = static_cast<HyphenDict*>(std::calloc(1, sizeof(HyphenDict)));
        if (d == nullptr) return nullptr;
        d->lhmin = lhmin;
        d->rhmin = rhmin;
        d->clhmin = clhmin;
        d->crhmin = crhmin;
        std::memcpy(d->cset, cset, sizeof d->cset);
        d->utf8 = utf8_ ? 1 : 0;
        d->nextlevel = nullptr;
        // calloc'd states have NULL match/repl/trans, so hnj_hyphen_free can release a partial one.
        d->states = static_cast<HyphenState*>(std::calloc(nodes_.size(), sizeof(HyphenState)));
        if (d->states == nullptr) {
            std::free(d);
            return nullptr;
        }
        d->num_states = static_cast<int>(nodes_.size());
        if (nohyphen_) {
            d->nohyphen = copy(*nohyphen_);
            if (d->nohyphen == nullptr) return fail(d);
            d->nohyphenl = nohyphenl_;
        }
        for (std::size_t i = 0; i < nodes_.size(); ++i) {
            const Node& n = nodes_[i];
            HyphenState& s = d->states[i];
            s.fallback_state = n.fallback;
            if (n.children > 0) {
                s.trans = static_cast<HyphenTrans*>(std::malloc(sizeof(HyphenTrans) * n.children));
                if (s.trans == nullptr) return fail(d);
                for (int e = edge_begin_[i]; e < edge_begin_[i + 1]; ++e) {
                    s.trans[s.num_trans].ch = static_cast<char>(edge_ch_[e]);
                    s.trans[s.num_trans].new_state = edge_to_[e];
                    ++s.num_trans;
                }
            }
            if (n.pattern >= 0) {
                const Pattern& p = patterns_[n.pattern];
                s.match = copy(p.match);
                if (s.match == nullptr) return fail(d);
                if (p.repl) {
                    s.repl = copy(*p.repl);
                    if (s.repl == nullptr) return fail(d);
                }
                s.replindex = p.replindex;
                s.replcut = p.replcut;
            }
        }
        return d;
    }

    /// Appends the level in the flat layout (hyphen_flat.hpp); false when it does not fit the
    /// layout's limits. Call after link_fallbacks; sorts each state's edges by byte.
    bool flatten(const char (&cset)[charset_buffer_bytes], std::string& out) {
        const auto align = [&out] { out.resize((out.size() + 3) / 4 * 4, '\0'); };
        const auto append = [&out](std::uint32_t w) { out.append(reinterpret_cast<const char*>(&w), sizeof w); };
        align();
        const std::size_t header_at = out.size();
        flat::LevelHeader h{};
        out.append(sizeof h, '\0');

        // Match strings, each stored once however many states share it.
        std::string pool;
        std::vector<std::uint32_t> match_at(patterns_.size());
        {
            std::unordered_map<std::string_view, std::uint32_t> pooled;
            for (std::size_t i = 0; i < patterns_.size(); ++i) {
                auto [it, added] = pooled.try_emplace(patterns_[i].match, static_cast<std::uint32_t>(pool.size()));
                if (added) {
                    pool += patterns_[i].match;
                    pool += '\0';
                }
                match_at[i] = it->second;
            }
        }
        if (pool.size() > UINT32_MAX) return false;

        // Records in depth-first order, children by byte: the root first, and each state's
        // first child right after it.
        std::vector<std::pair<unsigned char, int>> slice;
        for (std::size_t n = 0; n < nodes_.size(); ++n) {
            slice.clear();
            for (int e = edge_begin_[n]; e < edge_begin_[n + 1]; ++e) {
                slice.emplace_back(edge_ch_[static_cast<std::size_t>(e)], edge_to_[static_cast<std::size_t>(e)]);
            }
            std::sort(slice.begin(), slice.end());
            for (std::size_t k = 0; k < slice.size(); ++k) {
                const auto e = static_cast<std::size_t>(edge_begin_[n]) + k;
                edge_ch_[e] = slice[k].first;
                edge_to_[e] = slice[k].second;
            }
        }
        std::vector<int> order;
        order.reserve(nodes_.size());
        std::vector<std::uint32_t> record(nodes_.size());
        std::uint64_t words = 0;
        for (std::vector<int> stack{0}; !stack.empty();) {
            const int n = stack.back();
            stack.pop_back();
            const Node& node = nodes_[static_cast<std::size_t>(n)];
            record[static_cast<std::size_t>(n)] = static_cast<std::uint32_t>(words);
            order.push_back(n);
            words += 1 + (node.pattern >= 0 ? 1 : 0) + static_cast<std::uint64_t>(node.children);
            if (words >= flat::max_records_words || node.children > static_cast<int>(flat::count_mask)) return false;
            for (int e = edge_begin_[n + 1] - 1; e >= edge_begin_[n]; --e) {
                stack.push_back(edge_to_[static_cast<std::size_t>(e)]);
            }
        }
        if (order.size() != nodes_.size()) return false;  // every state hangs off the root

        h.num_states = static_cast<std::uint32_t>(nodes_.size());
        h.records = static_cast<std::uint32_t>(out.size());
        h.records_words = static_cast<std::uint32_t>(words);
        out.reserve(out.size() + words * 4 + pool.size() + 64);
        for (const int n : order) {
            const Node& node = nodes_[static_cast<std::size_t>(n)];
            std::uint32_t head = static_cast<std::uint32_t>(node.children);
            if (node.fallback >= 0) {
                head |= (record[static_cast<std::size_t>(node.fallback)] + 1) << flat::fallback_shift;
            }
            if (node.pattern >= 0) {
                head |= flat::has_match;
                if (patterns_[static_cast<std::size_t>(node.pattern)].repl) head |= flat::has_repl;
            }
            append(head);
            if (node.pattern >= 0) append(match_at[static_cast<std::size_t>(node.pattern)]);
            for (int e = edge_begin_[n]; e < edge_begin_[n + 1]; ++e) {
                const auto i = static_cast<std::size_t>(e);
                append(record[static_cast<std::size_t>(edge_to_[i])] << 8 | edge_ch_[i]);
            }
        }
        h.pool = static_cast<std::uint32_t>(out.size());
        h.pool_size = static_cast<std::uint32_t>(pool.size());
        out += pool;
        align();
        if (nohyphen_) {
            h.nohyphen = static_cast<std::uint32_t>(out.size());
            h.nohyphen_size = static_cast<std::uint32_t>(nohyphen_->size() + 1);
            h.nohyphenl = nohyphenl_;
            out.append(nohyphen_->c_str(), nohyphen_->size() + 1);
            align();
        }
        h.lhmin = static_cast<std::int8_t>(lhmin);
        h.rhmin = static_cast<std::int8_t>(rhmin);
        h.clhmin = static_cast<std::int8_t>(clhmin);
        h.crhmin = static_cast<std::int8_t>(crhmin);
        h.utf8 = utf8_ ? 1 : 0;
        std::memcpy(h.cset, cset, sizeof h.cset);
        if (out.size() > UINT32_MAX) return false;
        std::memcpy(out.data() + header_at, &h, sizeof h);
        return true;
    }

private:
    bool utf8_;
    std::vector<Node> nodes_;
    std::vector<Pattern> patterns_;
    std::array<int, 256> root_children_{};  // the root has the most children: index it directly
    // After pack_edges: the children of node n are edge_to_[edge_begin_[n] .. edge_begin_[n + 1]),
    // contiguous, so that the fallback search scans arrays instead of chasing sibling links.
    std::vector<int> edge_begin_;
    std::vector<unsigned char> edge_ch_;
    std::vector<int> edge_to_;
    std::optional<std::string> nohyphen_;    // items separated by '\0', as libhyphen keeps them
    int nohyphenl_ = 0;                      // number of '\0' separators (items - 1)

    static HyphenDict* fail(HyphenDict* d) noexcept {
        hnj_hyphen_free(d);
        return nullptr;
    }

    static char* copy(const std::string& s) noexcept {
        auto* out = static_cast<char*>(std::malloc(s.size() + 1));
        if (out == nullptr) return nullptr;
        std::memcpy(out, s.data(), s.size());
        out[s.size()] = '\0';
        return out;
    }

    /// libhyphen's keyword test is a prefix compare, and the value is atoi of what follows.
    static bool setting(const std::string& buf, std::string_view key, char& field) {
        if (!buf.starts_with(key)) return false;
        field = static_cast<char>(std::atoi(buf.c_str() + key.size()));
        return true;
    }

    /// libhyphen's hnj_strchomp: drops a trailing '\n' or '\r', or everything from a '\r' that is
    /// second to last ("x\r\n" → "x", but also "ab\rc" → "ab").
    static void chomp(std::string& s) {
        const std::size_t k = s.size();
        if (k > 1 && s[k - 2] == '\r') {
            s.resize(k - 2);
        } else if (k > 0 && (s[k - 1] == '\r' || s[k - 1] == '\n')) {
            s.resize(k - 1);
        }
    }

    void set_nohyphen(const std::string& buf) {
        std::size_t at = 8;  // after "NOHYPHEN"
        while (at < buf.size() && (buf[at] == ' ' || buf[at] == '\t')) ++at;
        std::string list = buf.substr(at);
        // libhyphen drops the last byte whatever it is (normally the newline). An empty list is
        // undefined behaviour there (it writes before the string, and a "" item would make the
        // lookup write before `hyphens`), so we keep no list instead.
        if (!list.empty()) list.pop_back();
        if (list.empty()) {
            nohyphen_.reset();
            nohyphenl_ = 0;
            return;
        }
        // Commas become separators, except one in the first byte (a lone "," item stays ",").
        // libhyphen adds to the count of an earlier NOHYPHEN line, which would make the lookup
        // read past the list's end; we count the new list only.
        int separators = 0;
        for (std::size_t i = list.size() - 1; i > 0; --i) {
            if (list[i] == ',') {
                list[i] = '\0';
                ++separators;
            }
        }
        nohyphen_ = std::move(list);
        nohyphenl_ = separators;
    }

    /// For UTF-8 dictionaries libhyphen turns a replacement's index and cut from characters into
    /// bytes, counting from after a leading '.', then moves the index one back if there is one.
    static void utf8_replacement_offsets(const std::string& word, bool leading_dot, signed char& replindex,
                                         signed char& replcut) {
        int chars = -1;  // index of the character the current byte belongs to
        int first = -1;  // replindex in characters, once reached
        for (std::size_t b = leading_dot ? 1 : 0; b <= word.size(); ++b) {
            const auto byte = b < word.size() ? static_cast<unsigned char>(word[b]) : 0u;
            if ((byte >> 6) != 2) ++chars;  // not a continuation byte
            if (first < 0 && replindex == chars) {
                first = replindex;
                replindex = static_cast<signed char>(b);
            }
            if (first >= 0 && chars - first == replcut) {
                replcut = static_cast<signed char>(static_cast<int>(b) - replindex);
                break;
            }
        }
        if (leading_dot) --replindex;
    }

    void pack_edges() {
        edge_begin_.assign(nodes_.size() + 1, 0);
        for (std::size_t n = 0; n < nodes_.size(); ++n) {
            edge_begin_[n + 1] = edge_begin_[n] + nodes_[n].children;
        }
        edge_ch_.resize(static_cast<std::size_t>(edge_begin_.back()));
        edge_to_.resize(edge_ch_.size());
        for (std::size_t n = 0; n < nodes_.size(); ++n) {
            int e = edge_begin_[n];
            for (int c = nodes_[n].first_child; c != -1; c = nodes_[c].next_sibling, ++e) {
                edge_ch_[static_cast<std::size_t>(e)] = nodes_[c].ch;
                edge_to_[static_cast<std::size_t>(e)] = c;
            }
        }
    }

    int packed_child(int node, unsigned char ch) const {
        if (node == 0) return root_children_[ch];
        for (int e = edge_begin_[node]; e < edge_begin_[node + 1]; ++e) {
            if (edge_ch_[static_cast<std::size_t>(e)] == ch) return edge_to_[static_cast<std::size_t>(e)];
        }
        return -1;
    }

    int child(int node, unsigned char ch) const {
        if (node == 0) return root_children_[ch];
        for (int c = nodes_[node].first_child; c != -1; c = nodes_[c].next_sibling) {
            if (nodes_[c].ch == ch) return c;
        }
        return -1;
    }

    /// The state for `word`, adding it and its missing prefixes.
    int insert(std::string_view word) {
        int node = 0;
        for (const char c : word) {
            const auto ch = static_cast<unsigned char>(c);
            int next = child(node, ch);
            if (next == -1) {
                if (nodes_.size() >= max_states) throw std::length_error("hyphenation dictionary too large");
                next = static_cast<int>(nodes_.size());
                Node n;
                n.ch = ch;
                n.next_sibling = nodes_[node].first_child;
                nodes_.push_back(n);
                nodes_[node].first_child = next;
                ++nodes_[node].children;
                if (node == 0) root_children_[ch] = next;
            }
            node = next;
        }
        return node;
    }

    Pattern& pattern_of(int node) {
        if (nodes_[node].pattern < 0) {
            nodes_[node].pattern = static_cast<int>(patterns_.size());
            patterns_.emplace_back();
        }
        return patterns_[nodes_[node].pattern];
    }
};

/// Feeds lines to `level` until NEXTLEVEL (returns true) or the end of the file. '%' starts a
/// comment line; like libhyphen, each fgets chunk counts as a line and stops at a NUL byte.
bool read_level(std::FILE* f, Level& level) {
    char buf[line_buffer_bytes];
    while (std::fgets(buf, sizeof buf, f) != nullptr) {
        if (std::strncmp(buf, "NEXTLEVEL", 9) == 0) return true;
        if (buf[0] != '%') level.load_line(buf);
    }
    return false;
}

/// Both levels of a pattern file, fallbacks linked. `top` is libhyphen's dict, `next` its
/// nextlevel: with NEXTLEVEL the file's first part is the compound level and the rest the word
/// level; without it, the file is the word level under a default compound level.
struct Parsed {
    Level top, next;
    char top_cset[charset_buffer_bytes] = {};
    char next_cset[charset_buffer_bytes] = {};
    Parsed(bool utf8) : top(utf8), next(utf8) {}
};

/// nullptr when the file cannot be read; throws std::bad_alloc or std::length_error.
std::unique_ptr<Parsed> parse(const std::string& path) {
    const std::unique_ptr<std::FILE, FileClose> f(std::fopen(path.c_str(), "r"));
    if (!f) return nullptr;

    // The first line names the charset; only "UTF-8" changes how patterns are read.
    char cset[charset_buffer_bytes] = {};
    if (std::fgets(cset, sizeof cset, f.get()) != nullptr) {
        for (char& c : cset) {
            if (c == '\r' || c == '\n') c = '\0';
        }
    } else {
        std::memset(cset, 0, sizeof cset);
    }
    const bool utf8 = std::strcmp(cset, "UTF-8") == 0;
    // The second level's copy is cut at the first NUL (libhyphen's strncpy).
    char cset_copy[charset_buffer_bytes] = {};
    std::memcpy(cset_copy, cset, strnlen(cset, sizeof cset_copy - 1));

    Level first(utf8);
    Level second(utf8);
    const bool nextlevel = read_level(f.get(), first);
    if (nextlevel) {
        read_level(f.get(), second);
    } else {
        // The default compound level inherits the file's hyphen-min settings.
        second.add_default_patterns();
        second.lhmin = first.lhmin;
        second.rhmin = first.rhmin;
        second.clhmin = first.clhmin != 0 ? first.clhmin : (first.lhmin != 0 ? first.lhmin : default_compound_min);
        second.crhmin = first.crhmin != 0 ? first.crhmin : (first.rhmin != 0 ? first.rhmin : default_compound_min);
    }
    // libhyphen takes a read error for the end of the file; a half-read dictionary would
    // hyphenate wrongly without a sign, so we report it (e.g. a directory given as path).
    if (std::ferror(f.get()) != 0) return nullptr;

    first.link_fallbacks();
    second.link_fallbacks();
    auto p = std::make_unique<Parsed>(utf8);
    if (nextlevel) {
        p->top = std::move(first);
        p->next = std::move(second);
        std::memcpy(p->top_cset, cset, sizeof cset);
        std::memcpy(p->next_cset, cset_copy, sizeof cset_copy);
    } else {
        p->top = std::move(second);
        p->next = std::move(first);
        std::memcpy(p->top_cset, cset_copy, sizeof cset_copy);
        std::memcpy(p->next_cset, cset, sizeof cset);
    }
    return p;
}

}  // namespace

HyphenDict* load_hyphen_dictionary(const std::string& path) noexcept {
    try {
        const std::unique_ptr<Parsed> p = parse(path);
        if (!p) return nullptr;
        HyphenDict* top = p->top.emit(p->top_cset);
        if (top == nullptr) return nullptr;
        HyphenDict* next = p->next.emit(p->next_cset);
        if (next == nullptr) {
            hnj_hyphen_free(top);
            return nullptr;
        }
        top->nextlevel = next;
        return top;
    } catch (...) {  // std::bad_alloc, or more states than an int can count
        return nullptr;
    }
}

std::optional<std::string> build_flat_hyphen_dictionary(const std::string& path) noexcept {
    try {
        const std::unique_ptr<Parsed> p = parse(path);
        if (!p) return std::nullopt;
        std::string out(sizeof(flat::ImageHeader), '\0');
        flat::ImageHeader h{};
        h.magic = flat::image_magic;
        h.version = flat::format_version;
        h.byte_order = flat::byte_order_mark;
        h.level_count = 2;
        h.level_offset[0] = static_cast<std::uint32_t>(out.size());
        if (!p->top.flatten(p->top_cset, out)) return std::nullopt;
        h.level_offset[1] = static_cast<std::uint32_t>(out.size());
        if (!p->next.flatten(p->next_cset, out)) return std::nullopt;
        if (out.size() > UINT32_MAX) return std::nullopt;
        h.size = static_cast<std::uint32_t>(out.size());
        std::memcpy(out.data(), &h, sizeof h);
        return out;
    } catch (...) {
        return std::nullopt;
    }
}

}  // namespace folio::layout
