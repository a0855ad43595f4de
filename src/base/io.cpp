// File reading and atomic writing.
#include "base/io.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <set>

#include "base/error.hpp"

namespace folio::base {
namespace fs = std::filesystem;

namespace {

std::mutex pending_mutex;
// Set once the process is being interrupted: no new temporary file may be started after the
// pending ones were removed, or it could outlive the exit.
bool pending_closed = false;
std::set<std::string>& pending() {
    static std::set<std::string> p;
    return p;
}

std::string errno_text(int e) { return std::strerror(e); }

// Registers a temporary path for cleanup on interruption for the lifetime of the guard.
class PendingTemp {
public:
    explicit PendingTemp(std::string path) : path_(std::move(path)) {
        std::lock_guard lock(pending_mutex);
        if (pending_closed) throw Error(ErrorCode::Interrupted, "interrupted", path_);
        pending().insert(path_);
    }
    ~PendingTemp() {
        std::lock_guard lock(pending_mutex);
        pending().erase(path_);
    }
    PendingTemp(const PendingTemp&) = delete;
    PendingTemp& operator=(const PendingTemp&) = delete;

private:
    std::string path_;
};

fs::path temp_path_for(const fs::path& path) {
    static std::atomic<unsigned> counter{0};
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string name = ".";
    name += path.filename().string();
    name += ".tmp";
    name += std::to_string(::getpid());
    name += '.';
    name += std::to_string(counter++);
    return dir / name;
}

// Rename is atomic on POSIX file systems: a reader of the folder, or a run interrupted at any
// point, sees the old file or the complete new one. No fsync: folio's outputs are reproducible
// from their inputs, and syncing every file would cost more than converting it in batch runs.
void rename_into_place(const fs::path& tmp, const fs::path& path) {
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        throw Error(ErrorCode::Io, "cannot rename into place: " + errno_text(errno), path.string());
}

}  // namespace

std::string read_file(const std::string& path) {
    std::string data;
    if (path == "-") {
        std::string chunk(1 << 16, '\0');
        size_t n;
        while ((n = std::fread(chunk.data(), 1, chunk.size(), stdin)) > 0) data.append(chunk.data(), n);
        if (std::ferror(stdin)) throw Error(ErrorCode::Io, "cannot read standard input", "-");
        return data;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw Error(ErrorCode::Io, "is a directory", path);
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw Error(ErrorCode::Io, "cannot open: " + errno_text(errno), path);
    std::string chunk(1 << 16, '\0');
    size_t n;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), f)) > 0) data.append(chunk.data(), n);
    const bool bad = std::ferror(f);
    std::fclose(f);
    if (bad) throw Error(ErrorCode::Io, "cannot read", path);
    return data;
}

void produce_file_atomic(const fs::path& path,
                         const std::function<void(const fs::path& tmp)>& produce) {
    const fs::path tmp = temp_path_for(path);
    PendingTemp guard(tmp.string());
    try {
        produce(tmp);
        rename_into_place(tmp, path);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
    if (path == "-") {
        std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::cout.flush();
        if (!std::cout) throw Error(ErrorCode::Io, "cannot write standard output", "-");
        return;
    }
    produce_file_atomic(path, [&](const fs::path& tmp) {
        FILE* f = std::fopen(tmp.c_str(), "wb");
        if (!f) throw Error(ErrorCode::Io, "cannot create: " + errno_text(errno), path.string());
        const size_t n = std::fwrite(bytes.data(), 1, bytes.size(), f);
        const int e = errno;
        const bool flushed = std::fflush(f) == 0;
        const int e2 = errno;
        const bool closed = std::fclose(f) == 0;
        if (n != bytes.size() || !flushed || !closed)
            throw Error(ErrorCode::Io, "cannot write: " + errno_text(n != bytes.size() ? e : e2),
                        path.string());
    });
}

void remove_pending_temporaries() noexcept {
    std::lock_guard lock(pending_mutex);
    pending_closed = true;
    for (const auto& p : pending()) ::unlink(p.c_str());
    pending().clear();
}

}  // namespace folio::base
