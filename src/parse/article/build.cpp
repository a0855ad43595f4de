// Structure of a cleaned web article: lines → blocks (paragraphs, lists, marked quotations, short
// headings), navigation crumbs and boilerplate set aside with their positions, the title, and the
// spilled words of cut paragraphs given back (spill.cpp decides where they go).
#include "parse/article/build.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "base/utf8.hpp"
#include "parse/article/spill.hpp"
#include "parse/article/words.hpp"
#include "parse/dates.hpp"
#include "parse/language.hpp"

namespace folio::parse::article {
namespace {

namespace u8 = base::utf8;

// ---------------------------------------------------------------- limits

// A line longer than this cannot come from hard wrapping (wrapped text is 60–100 columns), so
// a block of such lines has one paragraph per line.
constexpr std::size_t max_wrapped_line_bytes = 200;
// Wrapping fills a line as long as the next word fits, so a line that left room for the next
// line's first word was broken on purpose: it ends a paragraph. Without a sentence end the room
// must be larger than this share of the width, which absorbs wrappers that are not greedy.
constexpr double unpunctuated_break_room = 0.25;
// Headings are short: more words than this make a line a paragraph.
constexpr std::size_t max_heading_words = 10;
constexpr std::size_t max_heading_bytes = 90;
// A crumb segment ("Science", "Santé publique") is a few words at most.
constexpr std::size_t max_crumb_segment_words = 5;
// A title line has at most this many words.
constexpr std::size_t max_title_words = 25;
// ... when it is known by its shape; a line of its own after the crumbs is the title up to this
// many words (the longest title of the real-text corpus has 35).
constexpr std::size_t max_title_line_words = 40;
// A body line (not a title or crumb) has at least this many words.
constexpr std::size_t min_body_line_words = 8;
// A trailing run of one-word lines glued to a paragraph is a spill only from this length on
// (a wrapped paragraph may end with one short line).
constexpr std::size_t min_attached_spill_lines = 3;

struct Line {
    std::string_view text;  // trimmed
    std::uint32_t number = 0;
    std::uint32_t col = 1;
};

using RawBlock = std::vector<Line>;

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<RawBlock> split_blocks(std::string_view text) {
    std::vector<RawBlock> blocks;
    RawBlock cur;
    std::uint32_t number = 0;
    std::size_t i = 0;
    while (i <= text.size()) {
        // Spilled words make most lines short: look a few bytes ahead before calling memchr.
        constexpr std::size_t short_line = 24;
        std::size_t nl = i;
        while (nl < text.size() && nl - i < short_line && text[nl] != '\n') ++nl;
        if (nl < text.size() && text[nl] != '\n') nl = text.find('\n', nl);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view raw = text.substr(i, nl - i);
        ++number;
        std::size_t b = 0;
        std::uint32_t col = 1;
        // Leading white space, including no-break spaces, does not belong to the text.
        while (b < raw.size()) {
            if (is_blank_char(raw[b])) { ++b; ++col; continue; }
            std::size_t k = b;
            const char32_t c = u8::decode(raw, k);
            if (c != 0xA0 && c != 0x202F && c != 0x2009 && c != 0x3000 && !u8::is_invisible(c)) break;
            b = k;
            ++col;
        }
        std::size_t e = raw.size();
        while (e > b && is_blank_char(raw[e - 1])) --e;
        std::string_view t = raw.substr(b, e - b);
        if (t.empty()) {
            if (!cur.empty()) blocks.push_back(std::move(cur));
            cur.clear();
        } else {
            cur.push_back({t, number, col});
        }
        if (nl == text.size()) break;
        i = nl + 1;
    }
    if (!cur.empty()) blocks.push_back(std::move(cur));
    return blocks;
}

bool single_token(std::string_view line) {
    // A plain loop: find_first_of looks every character up in its set, and this runs on every line.
    return std::none_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string lower_trimmed(std::string_view s) {
    std::string l = u8::to_lower(s);
    while (!l.empty() && std::string_view(".:!>›»|").find(l.back()) != std::string_view::npos) l.pop_back();
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l;
}

bool is_home_word(std::string_view line) {
    static constexpr std::array<std::string_view, 22> home{
        "home", "homepage", "home page", "start", "accueil", "page d'accueil", "page d’accueil", "startseite",
        "inicio", "portada", "página principal", "pagina principale", "pagina iniziale", "início",
        "página inicial", "home ›", "main page", "front page", "home page ›", "strona główna", "hem", "etusivu"};
    const std::string l = lower_trimmed(line);
    return std::find(home.begin(), home.end(), std::string_view(l)) != home.end();
}

// Separators of trails: the strong ones only trails use, the weak ones also lists and titles.
constexpr std::array<std::string_view, 7> strong_separators{" > ", " › ", " » ", " → ", " ▸ ", " ＞ ", " >> "};
constexpr std::array<std::string_view, 4> weak_separators{" / ", " | ", " · ", " • "};

/// "Home > Science > Health", "Accueil › Santé", "Startseite / Wissen".
bool is_separator_crumb(std::string_view line) {
    auto segments = [&](std::string_view sep) {
        std::vector<std::string_view> out;
        std::size_t i = 0;
        for (;;) {
            const std::size_t k = line.find(sep, i);
            out.push_back(line.substr(i, k == std::string_view::npos ? std::string_view::npos : k - i));
            if (k == std::string_view::npos) break;
            i = k + sep.size();
        }
        return out;
    };
    auto short_segments = [&](const std::vector<std::string_view>& segs) {
        if (segs.size() < 2) return false;
        for (auto s : segs) {
            const auto ws = split_ascii_words(s);
            if (ws.empty() || ws.size() > max_crumb_segment_words) return false;
            const WordEnd e = classify_word(ws.back()).end;
            if (e == WordEnd::Final || e == WordEnd::Pause) return false;
        }
        return true;
    };
    for (auto sep : strong_separators)
        if (line.find(sep) != std::string_view::npos && short_segments(segments(sep))) return true;
    for (auto sep : weak_separators) {
        if (line.find(sep) == std::string_view::npos) continue;
        const auto segs = segments(sep);
        if (short_segments(segs) && is_home_word(segs.front())) return true;
    }
    return false;
}

bool is_strong_crumb(std::string_view line) { return is_home_word(line) || is_separator_crumb(line); }

/// A trail of two parts whose first part has three words or more: a page title with its site's
/// name ("Die Ablehnung der Gendersprache » SciLogs") as much as a section ("Arts and Culture ›
/// Music"); navigation trails start at a home word or have more levels.
bool is_titled_trail(std::string_view line) {
    constexpr std::size_t min_title_part_words = 3;
    // The first separator the line holds decides.
    std::string_view sep;
    for (std::string_view s : strong_separators)
        if (sep.empty() && line.find(s) != std::string_view::npos) sep = s;
    for (std::string_view s : weak_separators)
        if (sep.empty() && line.find(s) != std::string_view::npos) sep = s;
    if (sep.empty()) return false;
    const std::size_t k = line.find(sep);
    if (line.find(sep, k + sep.size()) != std::string_view::npos) return false;
    const std::string_view first = line.substr(0, k);
    return !is_home_word(first) && split_ascii_words(first).size() >= min_title_part_words;
}

/// Boilerplate a scraper leaves as a whole line; removed only on an exact phrase match.
std::string_view residue_reason(std::string_view line) {
    struct Phrase {
        std::string_view text;
        std::string_view reason;
    };
    static constexpr std::array<Phrase, 40> phrases{{
        {"share this article", "share-link"}, {"share this story", "share-link"}, {"share", "share-link"},
        {"partager", "share-link"}, {"partager cet article", "share-link"}, {"artikel teilen", "share-link"},
        {"teilen", "share-link"}, {"compartir", "share-link"}, {"compartir este artículo", "share-link"},
        {"condividi", "share-link"}, {"condividi questo articolo", "share-link"}, {"partilhar", "share-link"},
        {"compartilhe", "share-link"}, {"read more", "read-more"}, {"continue reading", "read-more"},
        {"lire aussi", "read-more"}, {"lire la suite", "read-more"}, {"à lire aussi", "read-more"},
        {"weiterlesen", "read-more"}, {"mehr lesen", "read-more"}, {"leer más", "read-more"},
        {"seguir leyendo", "read-more"}, {"leggi anche", "read-more"}, {"leia também", "read-more"},
        {"leia mais", "read-more"}, {"subscribe to our newsletter", "newsletter"},
        {"sign up for our newsletter", "newsletter"}, {"abonnez-vous à notre newsletter", "newsletter"},
        {"inscrivez-vous à notre newsletter", "newsletter"}, {"newsletter abonnieren", "newsletter"},
        {"suscríbete a nuestro boletín", "newsletter"}, {"iscriviti alla newsletter", "newsletter"},
        {"accept cookies", "cookie-notice"}, {"accept all cookies", "cookie-notice"},
        {"we use cookies", "cookie-notice"}, {"accepter les cookies", "cookie-notice"},
        {"alle cookies akzeptieren", "cookie-notice"}, {"aceptar cookies", "cookie-notice"},
        {"accetta i cookie", "cookie-notice"}, {"aceitar cookies", "cookie-notice"},
    }};
    if (line.size() > 60) return {};
    const std::string l = lower_trimmed(line);
    for (const auto& p : phrases)
        if (l == p.text) return p.reason;
    return {};
}

// ---------------------------------------------------------------- list markers

enum class Marker { None, Bullet, Ordered };

struct MarkerInfo {
    Marker kind = Marker::None;
    std::size_t length = 0;  // bytes of marker and following space
    int number = 0;
};

std::string_view first_word(std::string_view s) {
    const std::size_t k = s.find_first_of(" \t");
    return k == std::string_view::npos ? s : s.substr(0, k);
}

// A German month name or its abbreviation ("März", "Jänner", "Okt.", "Sept.").
bool is_german_month(std::string_view w) {
    static constexpr std::string_view months[] = {
        "Januar", "Jänner", "Februar", "Feber", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
        "November", "Dezember", "Jan.", "Jän.", "Feb.", "Mär.", "Mrz.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
        "Sept.", "Okt.", "Nov.", "Dez."};
    if (w.ends_with(',')) w.remove_suffix(1);
    return std::find(std::begin(months), std::end(months), w) != std::end(months);
}

MarkerInfo list_marker(std::string_view line) {
    MarkerInfo m;
    for (std::string_view b : {"- ", "* ", "• ", "· ", "‣ ", "◦ "}) {
        if (line.starts_with(b) && line.size() > b.size()) {
            m.kind = Marker::Bullet;
            m.length = b.size();
            return m;
        }
    }
    // An ordered item number has at most three digits ("1. ", "12) "); years are not markers.
    constexpr std::size_t max_item_digits = 3;
    std::size_t d = 0;
    while (d < line.size() && d < max_item_digits + 1 && line[d] >= '0' && line[d] <= '9') ++d;
    if (d == 0 || d > max_item_digits || d + 1 >= line.size()) return m;
    if ((line[d] == '.' || line[d] == ')') && line[d + 1] == ' ') {
        const int number = std::stoi(std::string(line.substr(0, d)));
        // German writes the day of a date as an ordinal: "12. März 2023" is a date, not item 12.
        constexpr int max_day = 31;
        if (line[d] == '.' && number >= 1 && number <= max_day && is_german_month(first_word(line.substr(d + 2))))
            return m;
        m.kind = Marker::Ordered;
        m.length = d + 2;
        m.number = number;
    }
    return m;
}

bool is_quote_line(std::string_view line) { return line.starts_with("> ") || line == ">"; }

// ---------------------------------------------------------------- leaves and units

enum class LeafKind { Paragraph, ListItem, Quote, HeadingLike };

struct Leaf {
    std::string text;
    model::SourcePos pos;
    LeafKind kind = LeafKind::Paragraph;
    std::size_t unit = 0;
};

enum class UnitKind { Paragraph, List, Quote };

struct Unit {
    UnitKind kind = UnitKind::Paragraph;
    Marker marker = Marker::None;
    int start = 1;
    bool loose = false;
    std::vector<std::size_t> leaves;
    model::SourcePos pos;
};

/// Joins the lines of one paragraph, undoing end-of-line hyphenation where the joined word is
/// a word of this document or both halves are lower-case letters.
class Joiner {
public:
    explicit Joiner(const Lexicon& lex) : lex_(lex) {}

    void append(std::string& out, std::string_view line) const {
        if (out.empty()) { out.assign(line); return; }
        if (dehyphenate(out, line)) {
            out.pop_back();  // the hyphen
            out.append(line);
            return;
        }
        if (out.back() == '-' && hyphen_keeps_glued(out, line)) {
            out.append(line);
            return;
        }
        out.push_back(' ');
        out.append(line);
    }

private:
    static std::string_view last_word(std::string_view s) {
        const std::size_t k = s.find_last_of(" \t");
        return k == std::string_view::npos ? s : s.substr(k + 1);
    }
    static char32_t last_cp_before_hyphen(std::string_view w) {
        // w ends with '-'; the code point before it.
        std::size_t k = w.size() - 1;
        while (k > 0 && (static_cast<unsigned char>(w[k - 1]) & 0xC0) == 0x80) --k;
        if (k == 0) return 0;
        std::size_t start = k - 1;
        return u8::decode(w, start);
    }
    static char32_t first_cp(std::string_view w) {
        std::size_t k = 0;
        return w.empty() ? 0 : u8::decode(w, k);
    }
    // "PD-" + "L1" → "PD-L1": a hyphen between a letter and a word is part of the word.
    static bool hyphen_keeps_glued(std::string_view out, std::string_view line) {
        const std::string_view lw = last_word(out);
        const char32_t next = first_cp(line);
        return lw.size() >= 2 && u8::is_letter(last_cp_before_hyphen(lw)) && (u8::is_letter(next) || u8::is_digit(next));
    }
    bool dehyphenate(std::string_view out, std::string_view line) const {
        if (out.size() < 3 || out.back() != '-') return false;
        const std::string_view lw = last_word(out);
        const std::string_view fw = first_word(line);
        if (lw.size() < 3 || fw.empty()) return false;
        const char32_t a = last_cp_before_hyphen(lw), b = first_cp(fw);
        if (!u8::is_letter(a) || !u8::is_letter(b)) return false;
        std::string joined(lw.substr(0, lw.size() - 1));
        joined.append(fw);
        std::string hyphenated(lw);
        hyphenated.append(fw);
        if (lex_.seen_lower(joined)) return true;
        if (lex_.seen_lower(hyphenated)) return false;
        // No evidence in the document: typesetters hyphenate inside lower-case words, while
        // compounds with capitals or digits ("PD-L1", "COVID-19") keep their hyphen.
        return u8::is_lower(a) && u8::is_lower(b);
    }
    const Lexicon& lex_;
};

// The words of a line, without the footnote markers of their own that end it ("… regulares.[réf.
// nécessaire]", "… mundo.185 186"): the line ends as the word they follow does.
// This form appends them to `ws`, which may hold other lines' words before them.
void words_of(std::string_view s, std::vector<std::string_view>& ws) {
    const std::size_t from = ws.size();
    split_ascii_words(s, ws);
    while (ws.size() > from + 1 && is_marker_after(ws[ws.size() - 2], ws.back())) ws.pop_back();
}

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> ws;
    words_of(s, ws);
    return ws;
}

// The word of `t` that ends at byte `end`, and in `rest` where the text before it ends (the blank
// before the word, or 0).
std::string_view word_ending_at(std::string_view t, std::size_t end, std::size_t& rest) {
    const std::size_t k = end == 0 ? std::string_view::npos : t.find_last_of(" \t", end - 1);
    rest = k == std::string_view::npos ? 0 : k;
    return k == std::string_view::npos ? t.substr(0, end) : t.substr(k + 1, end - k - 1);
}

// The last word of a line, footnote markers of their own passed over as words_of does.
std::string_view last_word_of(std::string_view s) {
    std::size_t rest = 0;
    std::string_view w = word_ending_at(s, s.size(), rest);
    while (rest > 0) {
        std::size_t before = 0;
        const std::string_view prev = word_ending_at(s, rest, before);
        if (prev.empty() || !is_marker_after(prev, w)) break;
        w = prev;
        rest = before;
    }
    return w;
}

// How head `h` ends: its last word's end, or the end of the word before it when the last is a
// footnote marker of its own.
WordEnd head_word_end(const SpillHead& h) {
    return classify_word(is_marker_after(h.prev_word, h.last_word) ? h.prev_word : h.last_word).end;
}

model::Inlines text_inlines(std::string text, model::SourcePos pos) {
    model::Inlines xs;
    if (!text.empty()) xs.push_back(model::Inline{model::Text{std::move(text)}, pos});
    return xs;
}

class Builder {
public:
    Builder(std::string_view text, base::Diagnostics& diag, const BuildOptions& opts)
        : text_(text), diag_(diag), opts_(opts) {}

    model::Document run() {
        model::Document doc;
        std::vector<RawBlock> blocks = split_blocks(text_);
        if (blocks.empty()) return doc;
        std::vector<Line> spill = take_spill(blocks);
        take_title(blocks, doc);
        learn(blocks);
        learn_names(spill);
        for (const auto& b : blocks) add_block(b, doc);
        // A heading introduces something: a short last line is a paragraph, which may still be
        // cut. Short lines in a row are a heading and a subheading, a name under a heading, or a
        // list of labels without markers (component names, menu entries): each stays whole.
        if (!units_.empty() && units_.back().kind == UnitKind::Paragraph) {
            Leaf& last = leaves_[units_.back().leaves.front()];
            if (last.kind == LeafKind::HeadingLike) last.kind = LeafKind::Paragraph;
        }
        doc.meta.lang = opts_.lang.empty() ? detect(doc.meta.title, spill) : opts_.lang;
        lex_.set_vocabulary(Vocabulary::for_language(doc.meta.lang));
        lex_.set_language(doc.meta.lang);
        if (!spill.empty()) attach(spill);
        emit(doc);
        return doc;
    }

private:
    // The language of the title and the intact text (the spill words too when that is short).
    std::string detect(std::string_view title, const std::vector<Line>& spill) const {
        // CLD2 is settled by a thousand words or so; more text only costs time.
        constexpr std::size_t language_sample_bytes = 8 * 1024;
        std::string sample(title);
        for (const Leaf& lf : leaves_) {
            if (sample.size() >= language_sample_bytes) break;
            sample.push_back('\n');
            sample += lf.text;
        }
        for (const Line& l : spill) {
            if (sample.size() >= language_sample_bytes) break;
            sample.push_back(' ');
            sample += l.text;
        }
        return detect_language(sample);
    }

    // The spill: a trailing run of one-word lines.
    std::vector<Line> take_spill(std::vector<RawBlock>& blocks) {
        std::vector<Line> spill;
        RawBlock& last = blocks.back();
        std::size_t k = last.size();
        while (k > 0 && single_token(last[k - 1].text) && !is_quote_line(last[k - 1].text)) --k;
        const std::size_t run = last.size() - k;
        // Only a title left: nothing to attach to.
        if (blocks.size() < 2 && k == 0) return spill;
        if (k == 0 && run >= 2) {
            spill = std::move(last);
            blocks.pop_back();
        } else if (k == 0 && run == 1) {
            // A single one-word block is a spill only if some paragraph is clearly cut; decided
            // after the heads are known.
            single_word_candidate_ = true;
            spill = std::move(last);
            blocks.pop_back();
        } else if (k > 0 && run >= min_attached_spill_lines) {
            spill.assign(last.begin() + static_cast<long>(k), last.end());
            last.resize(k);
        }
        return spill;
    }

    void remove_line(model::Document& doc, const Line& l, std::string_view reason) {
        doc.meta.removed.push_back({std::string(l.text), std::string(reason), {l.number, l.col}});
    }

    // German puts the finite verb of a subordinate clause last, so a title may end on one
    // ("Warum der Himmel blau ist"); elsewhere a line ending on an auxiliary was cut ("the deal
    // is", "elle a").
    static bool verb_final_auxiliary(std::string_view word) {
        static constexpr std::string_view words[] = {"ist", "sind", "war", "waren", "wird", "werden", "wurde",
                                                     "wurden", "hat", "haben", "hatte", "hatten", "kann", "können",
                                                     "muss", "müssen", "soll", "sollen", "darf", "dürfen"};
        const std::string_view core = word_core(word);
        return std::find(std::begin(words), std::end(words), core) != std::end(words);
    }

    static bool is_byline(std::string_view line) {
        for (std::string_view w : {"By ", "Par ", "Von ", "Por ", "Di ", "Da ", "De ", "Posted by ", "Written by ",
                                   "Publié par ", "Écrit par ", "Geschrieben von ", "Publicado por ", "Escrito por ",
                                   "Pubblicato da ", "Scritto da "})
            if (line.starts_with(w)) return true;
        return false;
    }

    // Crumbs before the title, then the title line.
    void take_title(std::vector<RawBlock>& blocks, model::Document& doc) {
        // Flatten the leading lines into a queue of (block, line) positions.
        auto pop_front_line = [&]() {
            RawBlock& b = blocks.front();
            b.erase(b.begin());
            if (b.empty()) blocks.erase(blocks.begin());
        };
        auto more_than_one_line = [&]() { return blocks.size() > 1 || (!blocks.empty() && blocks.front().size() > 1); };
        auto line_at = [&](std::size_t idx) -> const Line* {
            for (const auto& b : blocks) {
                if (idx < b.size()) return &b[idx];
                idx -= b.size();
            }
            return nullptr;
        };
        bool strong_seen = false;
        // The sure crumb's block goes on after it ("Home\nSection", then the title after a blank
        // line): navigation is set as one block.
        bool crumb_block_goes_on = false;
        // A trail on one line ("Accueil › Santé") holds every level: what follows it in its block
        // is the title, not a further level.
        bool trail_seen = false;
        // Page titles name their site as a trail names a section ("Die Ablehnung der
        // Gendersprache » SciLogs - Wissenschaftsblogs"): two parts, the first of several words,
        // right above a line that cannot be a title (too long, cut inside a sentence: "… in dem
        // sie die", or as long as the heads a character limit cut), is the title itself.
        auto title_above_body = [&]() {
            const Line* next = line_at(1);
            if (next == nullptr || !is_titled_trail(blocks.front().front().text)) return false;
            const auto ws = words_of(next->text);
            if (ws.empty()) return false;
            const WordEnd e = classify_word(ws.back()).end;
            if (ws.size() > max_title_words || e == WordEnd::Pause || e == WordEnd::Open || is_function_word(ws.back())) return true;
            const double cut_length = cut_head_length(*next, blocks);
            return cut_length > 0 && static_cast<double>(u8::length(next->text)) >= title_share_of_cut * cut_length;
        };
        while (!blocks.empty() && more_than_one_line() && is_strong_crumb(blocks.front().front().text) &&
               !title_above_body()) {
            trail_seen = is_separator_crumb(blocks.front().front().text);
            remove_line(doc, blocks.front().front(), "breadcrumb");
            const std::size_t before = blocks.size();
            pop_front_line();
            crumb_block_goes_on = blocks.size() == before;
            strong_seen = true;
        }
        // Navigation labels are a few capitalised words without sentence punctuation.
        constexpr std::size_t max_crumb_label_words = 3;
        auto crumb_label = [&](const Line& l) {
            const auto ws = words_of(l.text);
            const WordEnd e = classify_word(ws.back()).end;
            return ws.size() <= max_crumb_label_words && starts_upper(ws.front()) && e != WordEnd::Final &&
                   e != WordEnd::Pause;
        };
        // ... and the title follows as a line of its own, before the body: not a sentence and not
        // a head cut mid-sentence.
        auto title_block = [&](const RawBlock& b) {
            if (b.size() != 1) return false;
            auto ws = words_of(b.front().text);
            // A closing bracket or quote set apart ("… Kuhn ( bkuhn )") ends as the word before it.
            if (ws.size() > 1 && classify_word(ws.back()).end == WordEnd::PunctOnly) ws.pop_back();
            const WordEnd e = classify_word(ws.back()).end;
            // A title may end with an abbreviation, an ellipsis or even a stop ("… Underneath
            // N.Y.C.", "«Alphonse Président»…", a chapter's "… chassé d'icelui."): after a block
            // of crumbs the line of its own that follows is the title, unless it is as long as
            // a paragraph.
            const bool title_length = ws.size() <= max_title_words;
            const bool stop = e == WordEnd::Final && !trail_seen;
            // Nor does a title end on an article or a conjunction; a preposition it may end on
            // ("… you're allowed to boast about"), and a German verb-final auxiliary too ("Warum
            // der Himmel blau ist").
            const WordRoles last = word_roles(ws.back());
            const bool open_end = last.is_function() && !verb_final_auxiliary(ws.back()) &&
                                  (!last.is_linking() || last.is_conjunction());
            return (e == WordEnd::Plain ||
                    (title_length && (stop || e == WordEnd::Abbrev || e == WordEnd::Ellipsis || e == WordEnd::Ambiguous))) &&
                   !open_end;
        };
        const bool crumb_block_removed = crumb_block_goes_on && blocks.size() > 2 && title_block(blocks[1]) &&
                                         std::all_of(blocks.front().begin(), blocks.front().end(), crumb_label);
        if (crumb_block_removed) {
            for (const Line& l : blocks.front()) remove_line(doc, l, "breadcrumb");
            blocks.erase(blocks.begin());
        }
        // After a whole crumb block the title line is known: no further line is a crumb.
        const bool more_crumbs = strong_seen && !crumb_block_removed;
        // The title ends the first block: short lines before it in that block, after a sure crumb,
        // are crumbs too ("Startseite\nWissen\nTitel").
        if (more_crumbs && !blocks.empty() && blocks.front().size() > 1) {
            RawBlock& b = blocks.front();
            // The title after the labels is no body line.
            const bool title_last = words_of(b.back().text).size() < min_body_line_words;
            const bool all_short = title_last && std::all_of(b.begin(), b.end() - 1, crumb_label);
            if (all_short) {
                while (b.size() > 1) {
                    remove_line(doc, b.front(), "breadcrumb");
                    b.erase(b.begin());
                }
            }
        }
        // Further short crumb lines ("Home / Science / Title / body"): only after a sure crumb,
        // and only when a title line and then the body still follow.
        while (more_crumbs && !blocks.empty()) {
            const Line* l0 = line_at(0);
            const Line* l1 = line_at(1);
            const Line* l2 = line_at(2);
            if (!l0 || !l1 || !l2) break;
            auto crumb_level = [](const Line& l) {
                const auto ws = words_of(l.text);
                return ws.size() <= 2 && starts_upper(ws.front()) && classify_word(ws.back()).end == WordEnd::Plain;
            };
            const bool crumb_like = crumb_level(*l0);
            // A trail of two levels set one per line ("Home / Santé / Oncologie / title"): this
            // line is a crumb when the next one is too and the title and the body follow.
            if (crumb_like && crumb_level(*l1) && words_of(l2->text).size() < min_body_line_words) {
                const Line* l3 = line_at(3);
                if (l3 && words_of(l3->text).size() >= min_body_line_words && !is_byline(l2->text)) {
                    // Unless the article is about this line ("Home / Brexit / Boris Johnson / 24
                    // June 2016 / body": a short title over a byline and a date).
                    if (names_the_subject(*l0, *l2, false, blocks)) break;
                    remove_line(doc, *l0, "breadcrumb");
                    pop_front_line();
                    continue;
                }
            }
            const auto w1 = words_of(l1->text);
            const auto w2 = words_of(l2->text);
            // The next line reads as a title: not a body line, and not a head cut mid-sentence.
            const WordEnd e1 = classify_word(w1.back()).end;
            // Titles begin with a capital or a digit, though some are lower case
            // ("immunothérapie"). A lower-case line ("kubectl") after a short capitalised one is
            // a section heading under that title when the body has more sections named so.
            const bool title_start = classify_word(w1.front()).start != WordStart::Lower || !lower_sections(blocks);
            // A title may be as long as a sentence ("Zimbabwe coup: Robert Mugabe and wife Grace
            // 'insisting he finishes his term', as priest steps in to mediate"); a line of that
            // length is the title rather than a first paragraph cut short when it ends as a title
            // does and is clearly shorter than the heads the scraper cut.
            const bool title_words = w1.size() < min_body_line_words ||
                                     (w1.size() <= max_title_words && ends_as_title(e1, l1->text) &&
                                      shorter_than_cut_heads(*l1, blocks));
            // A date under a short line dates that line, the title ("Talking / January 22, 2014 /
            // body"); it is never the title itself.
            const bool title_next = title_words && !is_byline(l1->text) && !is_dateline(l1->text) && title_start &&
                                    e1 != WordEnd::Pause && e1 != WordEnd::Open &&
                                    !(is_function_word(w1.back()) && !verb_final_auxiliary(w1.back()));
            // The body follows, right away or after a few short lines that open it (a heading, a
            // kicker, a date, a standfirst: "title / NEWS / 24 September 2019 / body").
            constexpr std::size_t max_opening_lines = 3;
            bool body_after = false;
            for (std::size_t k = 2; k < 2 + max_opening_lines && !body_after; ++k) {
                const Line* lk = line_at(k);
                if (lk == nullptr) break;
                body_after = words_of(lk->text).size() >= min_body_line_words;
            }
            // A short title may be followed by a short line of the body (a section heading, a
            // byline, a date: "Markdown / Lesson goals / In this lesson, …"). The prose names a
            // title's subject, a navigation label's rarely: such a line is the title.
            if (crumb_like && title_next && body_after &&
                names_the_subject(*l0, *l1, w1.size() >= min_body_line_words, blocks))
                break;
            if (!(crumb_like && title_next && body_after)) break;
            remove_line(doc, *l0, "breadcrumb");
            pop_front_line();
        }
        if (blocks.empty()) return;
        // A line longer than any title is the body's first paragraph: the text has no title
        // line (a scrape that lost it, or a page of text on one line).
        if (blocks.front().size() == 1 && words_of(blocks.front().front().text).size() > max_title_line_words) return;
        doc.meta.title = std::string(blocks.front().front().text);
        pop_front_line();
    }

    static bool ends_as_title(WordEnd e, std::string_view line) {
        return e == WordEnd::Plain || (e == WordEnd::Final && (line.back() == '?' || line.back() == '!'));
    }

    // A line under a page title that names its site reads as a cut head from this share of
    // the cut heads' median length on (title_above_body).
    static constexpr double title_share_of_cut = 0.75;
    // A title line after a crumb level is below this share of it. Chosen on the training
    // sources (bench/repair/titles.py, a section label as a block of its own: 0.75, 0.8, 0.9 and
    // 1.0 give 152, 134, 120 and 111 of 820 inputs wrong, with no other figure moving); 0.9
    // leaves room for a first paragraph cut a little short of the limit.
    static constexpr double title_line_share_of_cut = 0.9;
    // Without cut heads to tell the limit, a title line is shorter than scrapers' limits
    // commonly are (the seed's heads run 100-130 characters). Chosen on the training sources
    // (the same test: 183 → 152 of 820 inputs wrong; 80 characters gave 164, 120 and 150 the
    // same as 100).
    static constexpr double title_max_chars_unknown_limit = 100;

    // True when `line` is shorter than the body lines that surely lost their end (they end
    // without a stop) by a clear margin: a scraper that cuts at a character limit leaves its cut
    // heads about as long as the limit, and a title line is shorter. Such heads are two or more,
    // most of them of about one length (a limit, not cuts at random places); without them the
    // line is compared with a common limit. The line holds no sentence end of its own.
    static bool shorter_than_cut_heads(const Line& line, const std::vector<RawBlock>& blocks) {
        const auto own = words_of(line.text);
        for (std::size_t k = 0; k + 1 < own.size(); ++k)
            if (classify_word(own[k]).end == WordEnd::Final && starts_upper(own[k + 1])) return false;
        // A page title's site name after its last separator ("… Key to Protecting Climate - The
        // Planetary Press") lengthens the line, not the headline: it is not counted.
        std::string_view text = line.text;
        constexpr std::size_t max_site_words = 4;
        for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u203a ", " \u00bb ", " \u00b7 "})
            if (const std::size_t at = text.rfind(sep); at != std::string_view::npos && at > 0) {
                const auto site = split_ascii_words(text.substr(at + sep.size()));
                if (!site.empty() && site.size() <= max_site_words && starts_upper(site.front())) text = text.substr(0, at);
            }
        const double median = cut_head_length(line, blocks);
        // ("Startseite / Nachrichten / So können Internet-User … sorgen / body": the label is a
        // crumb level.)
        if (median == 0) return static_cast<double>(u8::length(text)) < title_max_chars_unknown_limit;
        return static_cast<double>(u8::length(text)) < title_line_share_of_cut * median;
    }

    // The median length (in characters) of the single-line blocks other than `line` that surely
    // lost their end, when there are two or more and most are of about one length (a character
    // limit, not cuts at random places); else 0.
    static double cut_head_length(const Line& line, const std::vector<RawBlock>& blocks) {
        constexpr std::size_t min_cut_heads = 2;
        constexpr double limit_spread = 1.3;
        std::vector<std::size_t> cut;
        for (const auto& b : blocks) {
            if (b.size() != 1 || &b.front() == &line) continue;
            const auto ws = words_of(b.front().text);
            if (ws.size() < min_body_line_words) continue;
            const WordEnd e = classify_word(ws.back()).end;
            if (e == WordEnd::Pause || e == WordEnd::Open || (e == WordEnd::Plain && is_function_word(ws.back())))
                cut.push_back(u8::length(b.front().text));
        }
        if (cut.size() < min_cut_heads) return 0.0;
        std::nth_element(cut.begin(), cut.begin() + static_cast<long>(cut.size() / 2), cut.end());
        const double median = static_cast<double>(cut[cut.size() / 2]);
        const auto near = std::count_if(cut.begin(), cut.end(), [&](std::size_t c) {
            const double x = static_cast<double>(c);
            return x * limit_spread >= median && x <= median * limit_spread;
        });
        return 3 * static_cast<std::size_t>(near) < 2 * cut.size() ? 0.0 : median;
    }

    // A word as the subject test compares it: lower case, without punctuation, an elided article
    // or pronoun ("l’immunothérapie", "d'Afrique") or a possessive ending ("Europe's").
    static std::string subject_key(std::string_view word) {
        std::string w = u8::to_lower(word_core(word));
        for (std::string_view apostrophe : {"'", "\u2019"}) {
            const std::size_t k = w.find(apostrophe);
            if (k == std::string::npos) continue;
            const std::string_view before(w.data(), k);
            static constexpr std::string_view elided[] = {"l", "d", "j", "n", "s", "c", "m", "t", "qu"};
            if (std::find(std::begin(elided), std::end(elided), before) != std::end(elided)) {
                w.erase(0, k + apostrophe.size());
            } else if (w.size() == k + apostrophe.size() + 1 && w.back() == 's') {
                w.resize(k);
            }
            break;
        }
        return w;
    }

    // How often the article's prose names the subject of `line`: the most mentions of one of its
    // words of four letters or more in the lines of eight words or more among the ten after
    // `after` (an article names its subject early; a kicker "NEWS" or a label is no prose).
    static std::size_t mentions(const Line& line, const Line& after, const std::vector<RawBlock>& blocks) {
        constexpr std::size_t min_letters = 4;
        constexpr int body_lines = 10;
        std::vector<std::string> own;
        for (auto w : words_of(line.text)) {
            std::string key = subject_key(w);
            if (u8::length(key) >= min_letters) own.push_back(std::move(key));
        }
        if (own.empty()) return 0;
        std::vector<std::size_t> count(own.size(), 0);
        int seen = -1;  // body lines passed after `after`
        for (const auto& b : blocks) {
            for (const auto& l : b) {
                if (seen < 0) {
                    if (&l == &after) seen = 0;
                    continue;
                }
                if (++seen > body_lines) return *std::max_element(count.begin(), count.end());
                const auto ws = words_of(l.text);
                if (ws.size() < min_body_line_words) continue;
                for (auto w : ws) {
                    if (u8::length(w) < min_letters) continue;
                    const auto it = std::find(own.begin(), own.end(), subject_key(w));
                    if (it != own.end()) ++count[static_cast<std::size_t>(it - own.begin())];
                }
            }
        }
        return *std::max_element(count.begin(), count.end());
    }

    // `label`, a short line right after a crumb, is the title rather than a further crumb level
    // above `title` when the prose after `title` names its subject (twice under a line that reads
    // as a long title: section names such as "News" turn up in articles now and then) more often
    // than that of `title`, the line it would otherwise leave its place to.
    static bool names_the_subject(const Line& label, const Line& title, bool long_title,
                                  const std::vector<RawBlock>& blocks) {
        const std::size_t own = mentions(label, title, blocks);
        return own >= (long_title ? 2u : 1u) && own > mentions(title, title, blocks);
    }

    // More than one lone lower-case word on a line of its own: sections named after tools or
    // commands ("kubectl", "minikube").
    static bool lower_sections(const std::vector<RawBlock>& blocks) {
        std::size_t n = 0;
        for (const auto& b : blocks) {
            if (b.size() != 1 || !single_token(b.front().text)) continue;
            const WordInfo wi = classify_word(b.front().text);
            if (wi.start == WordStart::Lower && wi.end == WordEnd::Plain && !is_function_word(b.front().text)) ++n;
        }
        return n > 1;
    }

    void learn(const std::vector<RawBlock>& blocks) {
        std::vector<std::string_view> words;
        std::vector<std::uint8_t> block_starts;
        for (const auto& b : blocks) {
            bool first = true;
            for (const auto& l : b) {
                const std::size_t from = words.size();
                words_of(l.text, words);
                block_starts.resize(words.size(), 0);
                if (first && words.size() > from) {
                    block_starts[from] = 1;
                    first = false;
                }
                if (words.size() >= Lexicon::max_words) {
                    lex_.learn(words, block_starts);
                    return;
                }
            }
        }
        lex_.learn(words, block_starts);
    }

    // The names the spilled words show (one word per line), up to the lexicon's cap.
    void learn_names(const std::vector<Line>& spill) {
        std::vector<std::string_view> words;
        words.reserve(std::min(spill.size(), Lexicon::max_words));
        for (const Line& l : spill) {
            if (words.size() >= Lexicon::max_words) break;
            words.push_back(l.text);
        }
        lex_.learn_spill_names(words);
    }

    std::size_t new_leaf(std::string text, Line first, LeafKind kind, std::size_t unit) {
        leaves_.push_back({std::move(text), {first.number, first.col}, kind, unit});
        return leaves_.size() - 1;
    }

    void add_block(const RawBlock& b, model::Document& doc) {
        const bool after_list = last_block_was_list_;
        last_block_was_list_ = false;
        if (b.size() == 1) {
            if (auto reason = residue_reason(b.front().text); !reason.empty()) {
                remove_line(doc, b.front(), reason);
                return;
            }
        }
        const Joiner join(lex_);
        if (std::all_of(b.begin(), b.end(), [](const Line& l) { return is_quote_line(l.text); })) {
            Unit u{UnitKind::Quote, Marker::None, 1, false, {}, {b.front().number, b.front().col}};
            units_.push_back(u);
            std::string text;
            Line first = b.front();
            for (const auto& l : b) {
                std::string_view t = l.text.substr(1);
                while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
                if (t.empty()) {  // "> " alone separates paragraphs of one quotation
                    if (!text.empty()) units_.back().leaves.push_back(new_leaf(std::move(text), first, LeafKind::Quote, units_.size() - 1));
                    text.clear();
                    continue;
                }
                if (text.empty()) first = {t, l.number, l.col + 2};
                join.append(text, t);
            }
            if (!text.empty()) units_.back().leaves.push_back(new_leaf(std::move(text), first, LeafKind::Quote, units_.size() - 1));
            if (units_.back().leaves.empty()) units_.pop_back();
            return;
        }
        if (list_marker(b.front().text).kind != Marker::None) {
            add_list(b, join, after_list);
            return;
        }
        add_paragraphs(b, join);
    }

    void add_list(const RawBlock& b, const Joiner& join, bool after_list) {
        std::string text;
        Line first = b.front();
        Marker kind = Marker::None;
        auto flush = [&]() {
            if (!text.empty()) {
                units_.back().leaves.push_back(new_leaf(std::move(text), first, LeafKind::ListItem, units_.size() - 1));
                text.clear();
            }
        };
        for (const auto& l : b) {
            const MarkerInfo m = list_marker(l.text);
            if (m.kind == Marker::None) {  // a wrapped continuation of the item
                join.append(text, l.text);
                continue;
            }
            flush();
            if (m.kind != kind) {
                // A list directly after a one-item list of the same kind in the previous block
                // continues it (items separated by blank lines).
                const bool continues = kind == Marker::None && !units_.empty() && units_.back().kind == UnitKind::List &&
                                       units_.back().marker == m.kind && after_list;
                if (continues) {
                    units_.back().loose = true;
                } else {
                    units_.push_back({UnitKind::List, m.kind, m.kind == Marker::Ordered ? m.number : 1, false, {},
                                      {l.number, l.col}});
                }
                kind = m.kind;
            }
            first = {l.text, l.number, static_cast<std::uint32_t>(l.col + u8::length(l.text.substr(0, m.length)))};
            text.assign(l.text.substr(m.length));
            while (!text.empty() && text.front() == ' ') text.erase(text.begin());
        }
        flush();
        last_block_was_list_ = true;
    }

    void add_paragraphs(const RawBlock& b, const Joiner& join) {
        std::size_t widest = 0;
        for (const auto& l : b) widest = std::max(widest, l.text.size());
        const bool one_per_line = widest > max_wrapped_line_bytes;
        std::size_t widest_cps = 0;
        if (!one_per_line)
            for (const auto& l : b) widest_cps = std::max(widest_cps, u8::length(l.text));
        std::string text;
        Line first = b.front();
        auto flush = [&]() {
            if (text.empty()) return;
            units_.push_back({UnitKind::Paragraph, Marker::None, 1, false, {}, {first.number, first.col}});
            const bool heading = b.size() == 1 && looks_like_heading(text);
            units_.back().leaves.push_back(new_leaf(std::move(text), first,
                                                    heading ? LeafKind::HeadingLike : LeafKind::Paragraph,
                                                    units_.size() - 1));
            text.clear();
        };
        for (std::size_t k = 0; k < b.size(); ++k) {
            const Line& l = b[k];
            if (text.empty()) first = l;
            join.append(text, l.text);
            if (k + 1 == b.size()) break;
            // Unwrapped text has one paragraph per line, even one that was cut mid-sentence.
            if (one_per_line) {
                flush();
                continue;
            }
            if (l.text.back() == '-') continue;  // a word or compound continues on the next line
            const WordEnd e = classify_word(last_word_of(l.text)).end;
            const bool ends_sentence = e == WordEnd::Final || e == WordEnd::Ellipsis;
            const std::string_view next = b[k + 1].text;
            const std::size_t next_word = u8::length(next.substr(0, std::min(next.find(' '), next.size())));
            const double room = static_cast<double>(widest_cps) - static_cast<double>(u8::length(l.text)) - 1.0;
            const double needed = static_cast<double>(next_word) +
                                  (ends_sentence ? 0.0 : unpunctuated_break_room * static_cast<double>(widest_cps));
            if (room >= needed) flush();
        }
        flush();
    }

    static bool looks_like_heading(std::string_view text) {
        if (text.size() > max_heading_bytes) return false;
        const auto ws = words_of(text);
        if (ws.empty() || ws.size() > max_heading_words || text.size() > max_heading_bytes) return false;
        // Clauses separated by commas or semicolons are a sentence, not a heading.
        if (text.find_first_of(",;") != std::string_view::npos) return false;
        // A sentence end inside makes it running text.
        for (std::size_t k = 0; k + 1 < ws.size(); ++k) {
            const WordEnd e = classify_word(ws[k]).end;
            if (e == WordEnd::Final || e == WordEnd::Ellipsis) return false;
        }
        const WordInfo first = classify_word(ws.front());
        // A lone lower-case word on its own line is a name used as a heading ("kubectl"):
        // no scraper cuts a paragraph after its first word.
        const bool lone_name = ws.size() == 1 && first.start == WordStart::Lower;
        if (first.start != WordStart::Upper && first.start != WordStart::Digit && !lone_name) return false;
        const WordInfo last = classify_word(ws.back());
        return (last.end == WordEnd::Plain || (last.end == WordEnd::Final && text.back() == '?')) &&
               !is_function_word(ws.back());
    }

    // A short line that ends as credits, dates and links do, not as prose: with a bracket it
    // opened itself ("(AFP, Reuters)"), a number or a range of them ("(2001-2002)", "2024"), or
    // a URL. Such a line is complete far more often than a cut lands just there.
    static bool looks_like_furniture(std::string_view t, const SpillHead& h) {
        constexpr std::size_t max_furniture_words = 10;
        if (h.words > max_furniture_words || t.empty()) return false;
        const WordEnd e = head_word_end(h);
        if (e != WordEnd::Plain && e != WordEnd::PunctOnly) return false;
        if ((t.back() == ')' || t.back() == ']') && is_neutral(h.balance)) return true;
        const std::string_view w = word_core(h.last_word);
        if (w.find("://") != std::string_view::npos || w.starts_with("www.")) return true;
        // Digits with dashes (the en dash too), slashes or stops: "2024", "2001–2002", "12/03".
        bool digit = false;
        for (std::size_t i = 0; i < w.size();) {
            if (w[i] >= '0' && w[i] <= '9') { digit = true; ++i; continue; }
            if (w[i] == '-' || w[i] == '/' || w[i] == '.') { ++i; continue; }
            if (w.substr(i).starts_with("\u2013")) { i += 3; continue; }
            return false;
        }
        return digit;
    }

    // Calls `f` with the end of each word of `t`, the last word first, skipping words of
    // punctuation only and footnote markers of their own after a glued one ("mundo.185 186",
    // "mundo.[nota 1]": "186" and "1]" are part of that sentence end), until `f` returns false.
    template <class F>
    static void ends_backwards(std::string_view t, F f) {
        if (t.empty()) return;
        // Each word is found once: as the word before the one asked, then as the one asked.
        std::size_t rest = 0;  // where the text before `w` ends
        std::string_view w = word_ending_at(t, t.size(), rest);
        for (;;) {
            std::size_t before = 0;
            const std::string_view prev = rest > 0 ? word_ending_at(t, rest, before) : std::string_view();
            if (!w.empty() && !is_marker_after(prev, w)) {
                const WordEnd e = classify_word(w).end;
                if (e != WordEnd::PunctOnly && !f(e)) return;
            }
            if (rest == 0) return;
            w = prev;
            rest = before;
        }
    }

    // The words of the sentence `t` leaves open (see SpillHead::open_words).
    static std::size_t open_sentence_words(std::string_view t) {
        std::size_t seen = 0;
        ends_backwards(t, [&](WordEnd e) { return e != WordEnd::Final && ++seen < SpillHead::max_open_words; });
        return seen;
    }

    // How the head's text ends in sentences: the words after its last sentence end, and the
    // length of its last sentence when it ends one (both up to SpillHead::short_sentence_cap).
    static void sentence_tail(std::string_view t, SpillHead& h) {
        h.open_words = open_sentence_words(t);
        constexpr std::size_t cap = SpillHead::short_sentence_cap;
        std::size_t seen = 0, finals = 0;
        bool found = false;
        h.trailing_words = h.last_sentence_words = cap;
        ends_backwards(t, [&](WordEnd e) {
            if (e == WordEnd::Final) {
                if (finals == 0) h.trailing_words = seen;
                // The last sentence is the words between the last two sentence ends, or after
                // the last one when the block does not end a sentence.
                if (finals > 0 || seen > 0) {
                    h.last_sentence_words = seen;
                    found = true;
                    return false;
                }
                ++finals;
            }
            return ++seen <= cap;
        });
        if (found) return;
        // The text began before another sentence end was found: all of it is the sentence.
        if (finals == 0) h.trailing_words = std::min(seen, cap);
        h.last_sentence_words = std::min(finals == 0 ? h.trailing_words : seen, cap);
    }

    // A line that introduces something with a colon, then three or more short paragraphs that
    // end without punctuation: the items of a list whose markers the scraper dropped. Their
    // endings say nothing about being cut, as for the items of an unpunctuated list.
    void mark_unmarked_lists(std::vector<SpillHead>& heads) const {
        constexpr std::size_t min_items = 3;
        constexpr std::size_t max_item_words = 25;
        auto item = [&](std::size_t u) {
            if (units_[u].kind != UnitKind::Paragraph || units_[u].leaves.size() != 1) return false;
            const SpillHead& h = heads[units_[u].leaves.front()];
            return h.kind != HeadKind::HeadingLike && h.words <= max_item_words && !h.furniture &&
                   head_word_end(h) == WordEnd::Plain && !is_function_word(h.last_word);
        };
        for (std::size_t u = 0; u + 1 < units_.size(); ++u) {
            const SpillHead& intro = heads[units_[u].leaves.back()];
            if (head_word_end(intro) != WordEnd::Colon) continue;
            std::size_t e = u + 1;
            while (e < units_.size() && item(e)) ++e;
            if (e - (u + 1) < min_items) continue;
            heads[units_[u].leaves.back()].before_list = true;
            for (std::size_t k = u + 1; k < e; ++k) {
                SpillHead& h = heads[units_[k].leaves.front()];
                h.kind = HeadKind::ListItem;
                h.unpunctuated_list = true;
            }
            u = e - 1;
        }
    }

    // A line that introduces something with a colon, then two or more paragraphs that end with a
    // semicolon: an enumeration ("… trois conditions : | … du temps ; | … du milieu ; | … ."). A
    // cut lands right after a semicolon once in a hundred words; twice in a row, after a colon,
    // it is the enumeration's own punctuation.
    void mark_enumerations(std::vector<SpillHead>& heads) const {
        constexpr std::size_t min_items = 2;
        auto item = [&](std::size_t u) {
            if (units_[u].kind != UnitKind::Paragraph || units_[u].leaves.size() != 1) return false;
            const SpillHead& h = heads[units_[u].leaves.front()];
            return h.kind == HeadKind::Paragraph && !h.text.empty() && h.text.back() == ';';
        };
        for (std::size_t u = 0; u + 1 < units_.size(); ++u) {
            if (head_word_end(heads[units_[u].leaves.back()]) != WordEnd::Colon) continue;
            std::size_t e = u + 1;
            while (e < units_.size() && item(e)) ++e;
            if (e - (u + 1) < min_items) continue;
            for (std::size_t k = u + 1; k < e; ++k) heads[units_[k].leaves.front()].enumeration_item = true;
            u = e - 1;
        }
    }

    void attach(const std::vector<Line>& spill_lines) {
        std::vector<std::string_view> spill;
        spill.reserve(spill_lines.size());
        for (const auto& l : spill_lines) spill.push_back(l.text);
        // Heads: every leaf, with what its neighbours say.
        // Per list: do most of its items end without punctuation?
        std::vector<std::uint8_t> unpunctuated(units_.size(), 0);
        for (std::size_t u = 0; u < units_.size(); ++u) {
            if (units_[u].kind != UnitKind::List) continue;
            std::size_t plain = 0;
            for (std::size_t li : units_[u].leaves)
                if (classify_word(last_word_of(leaves_[li].text)).end == WordEnd::Plain) ++plain;
            unpunctuated[u] = 2 * plain > units_[u].leaves.size();
        }
        std::vector<SpillHead> heads;
        heads.reserve(leaves_.size());
        for (std::size_t i = 0; i < leaves_.size(); ++i) {
            const Leaf& lf = leaves_[i];
            SpillHead h;
            const std::string_view t = lf.text;
            const std::size_t k = t.find_last_of(" \t");
            h.last_word = k == std::string_view::npos ? t : t.substr(k + 1);
            if (k != std::string_view::npos) {
                const std::string_view before = t.substr(0, k);
                const std::size_t k2 = before.find_last_of(" \t");
                h.prev_word = k2 == std::string_view::npos ? before : before.substr(k2 + 1);
            }
            h.text = t;
            h.words = static_cast<std::size_t>(std::count(t.begin(), t.end(), ' ')) + 1;
            h.chars = u8::length(t);
            h.kind = lf.kind == LeafKind::ListItem ? HeadKind::ListItem
                     : lf.kind == LeafKind::Quote  ? HeadKind::Quote
                     : lf.kind == LeafKind::HeadingLike ? HeadKind::HeadingLike
                                                       : HeadKind::Paragraph;
            h.balance = balance_of(t);
            h.furniture = h.kind == HeadKind::Paragraph && looks_like_furniture(t, h);
            sentence_tail(t, h);
            const Unit& u = units_[lf.unit];
            h.unpunctuated_list = unpunctuated[lf.unit] != 0;
            if (lf.unit + 1 < units_.size() && units_[lf.unit + 1].kind == UnitKind::List && u.leaves.back() == i)
                h.before_list = true;
            heads.push_back(h);
        }
        // A quotation over several paragraphs: each opens with the same mark.
        for (std::size_t i = 0; i + 1 < heads.size(); ++i) {
            const std::string_view a = heads[i].text, b = heads[i + 1].text;
            for (std::string_view mark : {"\u201C", "\u00AB", "\u201E", "\""}) {
                if (a.starts_with(mark) && b.starts_with(mark)) {
                    heads[i].quote_goes_on = balance_of(mark);
                    break;
                }
            }
        }
        mark_unmarked_lists(heads);
        mark_enumerations(heads);
        if (single_word_candidate_) {
            // One lone word at the end is a tail only if a paragraph clearly lacks its end.
            bool cut = false;
            for (const auto& h : heads) {
                const WordEnd e = head_word_end(h);
                if (h.kind != HeadKind::HeadingLike && !(h.kind == HeadKind::ListItem && h.unpunctuated_list) &&
                    (e == WordEnd::Plain || e == WordEnd::Pause || e == WordEnd::Open))
                    cut = true;
            }
            if (!cut) {
                const Line& l = spill_lines.front();
                units_.push_back({UnitKind::Paragraph, Marker::None, 1, false, {}, {l.number, l.col}});
                units_.back().leaves.push_back(new_leaf(std::string(l.text), l, LeafKind::Paragraph, units_.size() - 1));
                return;
            }
        }
        if (heads.empty()) {
            // No paragraph to give the words to: keep them, in order, as one paragraph.
            const Line& l = spill_lines.front();
            std::string text;
            for (auto w : spill) { if (!text.empty()) text.push_back(' '); text.append(w); }
            units_.push_back({UnitKind::Paragraph, Marker::None, 1, false, {}, {l.number, l.col}});
            units_.back().leaves.push_back(new_leaf(std::move(text), l, LeafKind::Paragraph, units_.size() - 1));
            diag_.warn(l.number, l.col, "one-word lines with no paragraph to return them to; kept as a paragraph");
            return;
        }
        SpillResult r = attach_spill(heads, spill, lex_, weights());
        // A list whose items are all cut looks unpunctuated from its heads alone; the rebuilt
        // items tell its real style. When that changes the picture, segment once more.
        if (std::find(unpunctuated.begin(), unpunctuated.end(), 1) != unpunctuated.end()) {
            bool changed = false;
            for (std::size_t u = 0; u < units_.size(); ++u) {
                if (!unpunctuated[u]) continue;
                std::size_t plain = 0;
                for (std::size_t li : units_[u].leaves) {
                    const auto [a, e] = r.tails[li];
                    const std::string_view last = a == e ? last_word_of(leaves_[li].text) : spill[e - 1];
                    if (classify_word(last).end == WordEnd::Plain) ++plain;
                }
                if (2 * plain <= units_[u].leaves.size()) {
                    changed = true;
                    for (std::size_t li : units_[u].leaves) heads[li].unpunctuated_list = false;
                }
            }
            if (changed) r = attach_spill(heads, spill, lex_, weights());
        }
        if (opts_.on_spill) opts_.on_spill(heads, spill, lex_, r);
        for (std::size_t i = 0; i < heads.size(); ++i) {
            const auto [a, e] = r.tails[i];
            if (a == e) continue;
            std::string& t = leaves_[i].text;
            std::size_t extra = 0;
            for (std::size_t k = a; k < e; ++k) extra += spill[k].size() + 1;
            t.reserve(t.size() + extra);
            for (std::size_t k = a; k < e; ++k) {
                t.push_back(' ');
                t.append(spill[k]);
            }
            if (leaves_[i].kind == LeafKind::HeadingLike) leaves_[i].kind = LeafKind::Paragraph;
        }
        for (std::size_t i : r.uncertain) {
            const Leaf& lf = leaves_[i];
            // Name the paragraph by its first words so that the warning can be acted on.
            constexpr std::size_t named_words = 5;
            std::string start;
            std::string_view rest = lf.text;
            for (std::size_t k = 0; k <= named_words; ++k) {
                const std::size_t b = rest.find_first_not_of(" \t");
                if (b == std::string_view::npos) break;
                if (k == named_words) {  // more words follow
                    start += " …";
                    break;
                }
                rest.remove_prefix(b);
                const std::size_t e = std::min(rest.find_first_of(" \t"), rest.size());
                if (k) start += ' ';
                start += rest.substr(0, e);
                rest.remove_prefix(e);
            }
            diag_.warn(lf.pos.line, lf.pos.col,
                       "uncertain where the spilled words of the paragraph \"" + start +
                           "\" end: a neighbouring paragraph may own some of them");
        }
    }

    void emit(model::Document& doc) {
        for (const Unit& u : units_) {
            switch (u.kind) {
                case UnitKind::Paragraph: {
                    Leaf& lf = leaves_[u.leaves.front()];
                    if (lf.kind == LeafKind::HeadingLike) {
                        doc.blocks.push_back({model::Heading{2, text_inlines(std::move(lf.text), lf.pos), "", true}, lf.pos});
                    } else {
                        doc.blocks.push_back({model::Paragraph{text_inlines(std::move(lf.text), lf.pos)}, lf.pos});
                    }
                    break;
                }
                case UnitKind::Quote: {
                    model::BlockQuote q;
                    for (std::size_t li : u.leaves) {
                        Leaf& lf = leaves_[li];
                        q.blocks.push_back({model::Paragraph{text_inlines(std::move(lf.text), lf.pos)}, lf.pos});
                    }
                    doc.blocks.push_back({std::move(q), u.pos});
                    break;
                }
                case UnitKind::List: {
                    std::vector<model::ListItem> items;
                    for (std::size_t li : u.leaves) {
                        Leaf& lf = leaves_[li];
                        model::ListItem item;
                        item.blocks.push_back({model::Paragraph{text_inlines(std::move(lf.text), lf.pos)}, lf.pos});
                        items.push_back(std::move(item));
                    }
                    if (u.marker == Marker::Ordered) {
                        doc.blocks.push_back({model::OrderedList{u.start, std::move(items), !u.loose}, u.pos});
                    } else {
                        doc.blocks.push_back({model::BulletList{std::move(items), !u.loose}, u.pos});
                    }
                    break;
                }
            }
        }
    }

    const SpillWeights& weights() const { return opts_.weights ? *opts_.weights : default_spill_weights(); }

    std::string_view text_;
    base::Diagnostics& diag_;
    const BuildOptions& opts_;
    Lexicon lex_;
    std::vector<Leaf> leaves_;
    std::vector<Unit> units_;
    bool single_word_candidate_ = false;
    bool last_block_was_list_ = false;
};

}  // namespace

model::Document build_article(std::string_view text, base::Diagnostics& diag, const BuildOptions& opts) {
    return Builder(text, diag, opts).run();
}

}  // namespace folio::parse::article
