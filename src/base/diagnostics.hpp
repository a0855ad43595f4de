// Diagnostics with source positions: what readers, layout and writers report instead of failing.
// A Diagnostics sink is owned by one conversion and is not shared across threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace folio::base {

enum class Severity { Note, Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Warning;
    std::string file;
    std::uint32_t line = 0;  // 0: no position
    std::uint32_t col = 0;
    std::string message;
};

/// Formats as `folio: warning: FILE:LINE:COL: message` (position parts omitted when unknown).
std::string format(const Diagnostic& d);

class Diagnostics {
public:
    explicit Diagnostics(std::string file = {}) : file_(std::move(file)) {}

    void note(std::uint32_t line, std::uint32_t col, std::string message);
    void warn(std::uint32_t line, std::uint32_t col, std::string message);
    void error(std::uint32_t line, std::uint32_t col, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }

    const std::string& file() const noexcept { return file_; }
    const std::vector<Diagnostic>& items() const noexcept { return items_; }
    std::size_t count(Severity s) const noexcept;
    bool has_errors() const noexcept { return count(Severity::Error) > 0; }

private:
    std::string file_;
    std::vector<Diagnostic> items_;
};

}  // namespace folio::base
