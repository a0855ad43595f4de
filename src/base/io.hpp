// File input and atomic output: every output is written to a temporary file in the destination
// folder and renamed into place, so a reader of the folder never sees a half-written file.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace folio::base {

/// Reads a whole file (or stdin when `path` is "-"). Throws Error(Io) naming the file.
std::string read_file(const std::string& path);

/// Writes `bytes` to `path` atomically (temp file + rename). "-" writes to stdout.
/// Throws Error(Io) naming the file; no partial file is left behind on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

/// Like write_file_atomic, for writers that produce a file themselves (libharu, libzip):
/// `produce` receives a temporary path in the destination folder and must create it.
void produce_file_atomic(const std::filesystem::path& path,
                         const std::function<void(const std::filesystem::path& tmp)>& produce);

/// Removes every temporary file still being written (called from the SIGINT/SIGTERM handler
/// path after threads stop). Safe to call more than once.
void remove_pending_temporaries() noexcept;

}  // namespace folio::base
