// The one exception type for environment failures (I/O, libraries, unusable styles, refused input).
// Content problems never throw: readers report them as diagnostics instead.
#pragma once

#include <stdexcept>
#include <string>

namespace folio::base {

enum class ErrorCode {
    Usage,     // bad command line: exit status 2
    Io,        // cannot read an input or write an output
    Input,     // an input that cannot be converted at all (binary, over a hard limit)
    Library,   // a C library reported a failure
    Style,     // a style file that cannot be used
    Interrupted,
    Internal,
};

class Error : public std::runtime_error {
public:
    /// `where` is a position prefix such as "file.txt:3:1" or a file name; may be empty.
    Error(ErrorCode code, std::string message, std::string where = {})
        : std::runtime_error(std::move(message)), code_(code), where_(std::move(where)) {}
    ErrorCode code() const noexcept { return code_; }
    const std::string& where() const noexcept { return where_; }

private:
    ErrorCode code_;
    std::string where_;
};

/// Maps an error code to the process exit status (the single place this is decided).
int exit_status(ErrorCode code) noexcept;

}  // namespace folio::base
