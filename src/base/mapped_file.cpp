// Read-only file mappings (mmap) with RAII ownership; see mapped_file.hpp.
#include "base/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "base/error.hpp"

namespace folio::base {

MappedFile::MappedFile(const std::string& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno), path);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        throw Error(ErrorCode::Io, std::string("cannot examine: ") + std::strerror(e), path);
    }
    if (!S_ISREG(st.st_mode) || static_cast<unsigned long long>(st.st_size) > max_bytes) {
        ::close(fd);
        throw Error(ErrorCode::Io, S_ISREG(st.st_mode) ? "file too large" : "not a regular file", path);
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size == 0) {  // mmap refuses a zero length
        ::close(fd);
        return;
    }
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int e = errno;
    ::close(fd);  // the mapping keeps the file open
    if (p == MAP_FAILED) throw Error(ErrorCode::Io, std::string("cannot map: ") + std::strerror(e), path);
    data_ = static_cast<const char*>(p);
    size_ = size;
}

void MappedFile::release_resident() const noexcept {
    if (data_) ::madvise(const_cast<char*>(data_), size_, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        if (data_) ::munmap(const_cast<char*>(data_), size_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

}  // namespace folio::base
