// Formatting and collection of diagnostics.
#include "base/diagnostics.hpp"

#include "base/error.hpp"

namespace folio::base {

std::string format(const Diagnostic& d) {
    std::string out = "folio: ";
    switch (d.severity) {
        case Severity::Note: out += "note: "; break;
        case Severity::Warning: out += "warning: "; break;
        case Severity::Error: out += "error: "; break;
    }
    if (!d.file.empty()) {
        out += d.file;
        if (d.line > 0) {
            out += ':' + std::to_string(d.line);
            if (d.col > 0) out += ':' + std::to_string(d.col);
        }
        out += ": ";
    }
    out += d.message;
    return out;
}

void Diagnostics::note(std::uint32_t line, std::uint32_t col, std::string message) {
    items_.push_back({Severity::Note, file_, line, col, std::move(message)});
}
void Diagnostics::warn(std::uint32_t line, std::uint32_t col, std::string message) {
    items_.push_back({Severity::Warning, file_, line, col, std::move(message)});
}
void Diagnostics::error(std::uint32_t line, std::uint32_t col, std::string message) {
    items_.push_back({Severity::Error, file_, line, col, std::move(message)});
}

std::size_t Diagnostics::count(Severity s) const noexcept {
    std::size_t n = 0;
    for (const auto& d : items_) n += d.severity == s;
    return n;
}

int exit_status(ErrorCode code) noexcept {
    return code == ErrorCode::Usage ? 2 : 1;
}

}  // namespace folio::base
