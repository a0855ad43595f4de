// Dates, times and publishing notes at the head of a story (see dates.hpp).
#include "parse/dates.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "base/utf8.hpp"

namespace folio::parse {
namespace {

using base::utf8::ascii_lower;
using base::utf8::collapse_spaces;

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
/// A byte of a word: an ASCII letter or part of a UTF-8 sequence (any other script's letter).
bool word_byte(char c) { return std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80); }

}  // namespace

/// Length of the month name (six languages, full or abbreviated) that `s` starts with as a
/// whole word, or 0; `s` is ASCII-lowered.
std::size_t month_at(std::string_view s) {
    static constexpr std::string_view months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet",
        "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre", "januar", "jänner",
        "februar", "märz", "maerz", "juni", "juli", "oktober", "dezember", "enero", "febrero", "marzo",
        "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre", "noviembre",
        "diciembre", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
        "dicembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
        "dezembro", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "janv", "févr", "avr", "juil", "déc", "okt", "dez", "ene", "ago", "dic", "gen", "mag", "giu",
        "lug", "set", "ott", "fev", "out"};
    std::size_t best = 0;
    for (std::string_view m : months)
        if (m.size() > best && s.starts_with(m) && (s.size() == m.size() || !ascii_alnum(s[m.size()]))) best = m.size();
    return best;
}

bool is_weekday(std::string_view word) {
    std::string w = base::utf8::to_lower(word);
    if (!w.empty() && w.back() == '.') w.pop_back();
    static constexpr std::string_view days[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lunes", "martes", "mi\u00e9rcoles", "miercoles", "jueves", "viernes", "s\u00e1bado", "sabado", "domingo",
        "luned\u00ec", "marted\u00ec", "mercoled\u00ec", "gioved\u00ec", "venerd\u00ec", "sabato", "domenica",
        "segunda-feira", "ter\u00e7a-feira", "quarta-feira", "quinta-feira", "sexta-feira",
        "segunda", "ter\u00e7a", "quarta", "quinta", "sexta"};  // (what is_dateline's words keep of them)
    return std::find(std::begin(days), std::end(days), w) != std::end(days);
}

/// Whether a date, a time or a publishing note starts at s[i] (s ASCII-lowered): "April 15,
/// 2019", "1 June 2019", "15. März", "2019-10-09", "15.05.2020", "11:05", "5 minute read",
/// "Updated: …".
bool date_at(std::string_view s, std::size_t i) {
    const std::string_view t = s.substr(i);
    auto space_then = [&](std::size_t k, auto&& pred) {
        while (k < t.size() && (t[k] == '.' || t[k] == ',')) ++k;
        const std::size_t spaces = k;
        while (k < t.size() && t[k] == ' ') ++k;
        return k > spaces && k < t.size() && pred(k);
    };
    if (const std::size_t m = month_at(t); m > 0 && space_then(m, [&](std::size_t k) { return ascii_digit(t[k]); })) return true;
    if (ascii_digit(t[0])) {
        std::size_t d = 0;
        while (d < t.size() && ascii_digit(t[d])) ++d;
        if (d <= 2) {
            std::size_t k = d;
            for (std::string_view suffix : {"st", "nd", "rd", "th", "er"})
                if (t.substr(k).starts_with(suffix)) { k += suffix.size(); break; }
            if (space_then(k, [&](std::size_t at) { return month_at(t.substr(at)) > 0; })) return true;
            // Spanish and Portuguese put "de" between the day and the month ("3 de marzo").
            if (t.substr(k).starts_with(" de ") && month_at(t.substr(k + 4)) > 0) return true;
        }
        auto digit = [&](std::size_t k) { return k < t.size() && ascii_digit(t[k]); };
        if (d == 4 && d < t.size() && (t[d] == '-' || t[d] == '/' || t[d] == '.') && digit(d + 1)) return true;
        if (d == 4 && t.substr(d).starts_with("年")) return true;
        if (d <= 2 && d < t.size() && (t[d] == '/' || t[d] == '.') && digit(d + 1)) {
            std::size_t k = d + 1;
            while (digit(k)) ++k;
            if (k - d - 1 <= 2 && k < t.size() && t[k] == t[d] && digit(k + 1)) return true;
        }
        if (d <= 2 && d < t.size() && t[d] == ':' && digit(d + 1) && digit(d + 2)) return true;
        std::size_t k = d;
        while (k < t.size() && t[k] == ' ') ++k;
        for (std::string_view unit : {"min read", "minute", "mins read", "min. read", "min de lecture", "minuten"})
            if (t.substr(k).starts_with(unit)) return true;
    }
    for (std::string_view w : {"updated", "published", "last updated", "aktualisiert", "veröffentlicht", "mis à jour",
                               "publié", "actualizado", "publicado", "atualizado", "aggiornato", "pubblicato", "lesedauer",
                               "reading time", "read time", "edited by", "photos by", "photo by", "photographs by",
                               "illustration by", "illustrations by"})
        if (t.starts_with(w) && (t.size() == w.size() || !ascii_alnum(t[w.size()]))) return true;
    return false;
}

bool is_dateline(std::string_view line) {
    const std::string low = ascii_lower(collapse_spaces(line));
    // The day of the week may open it ("mardi 3 mars 2021", "Tuesday, March 3").
    std::size_t start = 0;
    while (start < low.size() && low[start] != ' ' && low[start] != ',') ++start;
    if (is_weekday(std::string_view(low).substr(0, start)))
        while (start < low.size() && (low[start] == ' ' || low[start] == ',')) ++start;
    else
        start = 0;
    if (low.empty() || low.size() > 80 || !date_at(low, start)) return false;
    // A date has a number ("Photo by Ann Lee" starts like a publishing note but is none).
    if (std::none_of(low.begin(), low.end(), ascii_digit)) return false;
    // What the date leaves is more dates, times, numbers and the words around them ("um",
    // "Uhr", "am", "pm", "IST"): nothing of more than three letters but month names and notes.
    for (std::size_t i = 0; i < low.size();) {
        if (!word_byte(low[i])) { ++i; continue; }
        if (date_at(low, i)) {  // a month, a note: skip its word
            while (i < low.size() && word_byte(low[i])) ++i;
            continue;
        }
        std::size_t j = i;
        while (j < low.size() && word_byte(low[j])) ++j;
        if (j - i > 3 && month_at(low.substr(i)) == 0 && low.substr(i, j - i) != "minuten" && low.substr(i, j - i) != "minutes" &&
            low.substr(i, j - i) != "lecture" && !is_weekday(low.substr(i, j - i)) && low.substr(i, j - i) != "feira")
            return false;
        i = j;
    }
    return true;
}

}  // namespace folio::parse
