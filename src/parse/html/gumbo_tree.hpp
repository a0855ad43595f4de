// The one seam to libgumbo: parses UTF-8 HTML into a tree whose memory lives in an arena owned
// here, so no gumbo call ever frees a deep tree recursively (gumbo 0.10's destroy recurses).
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace folio::parse::html {

/// Owns a parsed HTML5 tree. Nodes stay valid as long as the GumboTree lives; the tree is
/// immutable. Construction throws base::Error(Library) only when gumbo returns nothing.
class GumboTree {
public:
    explicit GumboTree(std::string_view utf8);
    GumboTree(const GumboTree&) = delete;
    GumboTree& operator=(const GumboTree&) = delete;
    ~GumboTree();

    /// The <html> element (gumbo always creates one, even for empty input).
    const GumboNode* root() const noexcept { return output_->root; }

private:
    /// Bump allocator: gumbo's deallocations are ignored and everything goes at once. Gumbo grows
    /// its vectors by doubling, so the waste stays under the size of the live tree.
    struct Arena {
        std::vector<std::unique_ptr<std::byte[]>> blocks;
        std::size_t used = 0;
        std::size_t capacity = 0;
        void* allocate(std::size_t n);
    };
    static void* allocate(void* arena, std::size_t n);
    static void deallocate(void*, void*) noexcept {}

    Arena arena_;
    GumboOutput* output_ = nullptr;
};

}  // namespace folio::parse::html
