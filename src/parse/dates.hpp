// Dates, times and publishing notes as pages and scraped articles set them above a story
// ("April 15, 2019", "15.05.2020, 07:11", "Updated: …", "5 min read"), in the six languages
// folio reads: the HTML reader and the article reader both tell such lines from a title or a
// byline.
#pragma once

#include <cstddef>
#include <string_view>

namespace folio::parse {

/// Length of the month name (full or abbreviated) that `lowered` starts with as a whole word,
/// or 0; `lowered` is ASCII-lowered.
std::size_t month_at(std::string_view lowered);

/// Whether `word` is a day of the week, in full or abbreviated ("Tuesday", "Tue.", "mardi",
/// "Dienstag", "martes", "martedì", "terça-feira"), in any case.
bool is_weekday(std::string_view word);

/// Whether a date, a time or a publishing note starts at lowered[i] (ASCII-lowered text).
bool date_at(std::string_view lowered, std::size_t i);

/// Whether a line is a date, a time or a reading time and nothing else ("15.05.2020, 07:11",
/// "Sep 30, 2016 7:00 am", "Lesedauer: 8 Minuten", "Published: Wednesday, 21 Sep 2011 | 4:35 PM
/// ET").
bool is_dateline(std::string_view line);

}  // namespace folio::parse
