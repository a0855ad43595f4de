// GumboTree: gumbo_parse_with_options over an arena; the arena's blocks free the whole tree.
#include "parse/html/gumbo_tree.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace folio::parse::html {
namespace {
/// Arena block size: large enough that a typical page takes a few blocks, small enough not to
/// waste memory on tiny inputs.
constexpr std::size_t arena_block_bytes = 1 << 20;
constexpr std::size_t arena_alignment = alignof(std::max_align_t);
}  // namespace

void* GumboTree::Arena::allocate(std::size_t n) {
    n = (n + arena_alignment - 1) & ~(arena_alignment - 1);
    if (n == 0) n = arena_alignment;
    if (blocks.empty() || used + n > capacity) {
        const std::size_t size = std::max(n, arena_block_bytes);
        // new[] throws std::bad_alloc rather than returning null, which gumbo does not check.
        blocks.push_back(std::make_unique_for_overwrite<std::byte[]>(size));
        used = 0;
        capacity = size;
    }
    void* p = blocks.back().get() + used;
    used += n;
    return p;
}

void* GumboTree::allocate(void* arena, std::size_t n) { return static_cast<Arena*>(arena)->allocate(n); }

GumboTree::GumboTree(std::string_view utf8) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboTree::allocate;
    options.deallocator = &GumboTree::deallocate;
    options.userdata = &arena_;
    // Parse errors are not reported to the user (real pages have hundreds); recording none
    // saves their memory.
    options.max_errors = 0;
    output_ = gumbo_parse_with_options(&options, utf8.data(), utf8.size());
    if (!output_ || !output_->root) throw base::Error(base::ErrorCode::Library, "gumbo could not parse the page");
}

// Nothing to call in gumbo: every byte it allocated belongs to arena_.
GumboTree::~GumboTree() = default;

}  // namespace folio::parse::html
