// A flat, index-linked copy of gumbo's tree that every later pass walks without recursion:
// elements and text in document order, with the subtree statistics content scoring needs.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace folio::parse::html {

/// Elements nested deeper than this are attached to their ancestor at this depth. Browsers cap
/// the DOM at a similar depth (Blink: 512); the cap keeps every recursive pass of the model
/// builder within a small stack whatever the input.
constexpr int max_dom_depth = 256;

struct Node {
    const GumboNode* g = nullptr;  // owned by the GumboTree
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    bool is_text = false;
    int parent = -1;
    int first_child = -1;
    int next_sibling = -1;
    int depth = 0;
    std::string_view text;  // text nodes: gumbo's decoded text

    // Subtree statistics (dropped descendants excluded), filled by compute_stats.
    std::uint32_t text_len = 0;     // non-space code points
    std::uint32_t link_len = 0;     // ... inside <a>
    std::uint32_t inline_len = 0;   // ... in child text and inline children only
    std::uint32_t commas = 0;
    std::uint32_t paragraphs = 0, images = 0, items = 0, inputs = 0, embeds = 0, headings = 0;

    // Extraction state.
    bool dropped = false;           // removed with its subtree
    bool silent = false;            // never content (script, style, ...): not even reported
    std::string drop_reason;        // set on the topmost dropped node
    bool scored = false;
    double score = 0;
};

class Dom {
public:
    /// Flattens the tree under `root` (iteratively). Comments, whitespace-only and CDATA nodes
    /// are skipped; templates count as elements so their content can be dropped.
    explicit Dom(const GumboNode* root);

    std::vector<Node> nodes;  // nodes[0] is the root; parents come before children

    const Node& operator[](int i) const { return nodes[static_cast<std::size_t>(i)]; }
    Node& operator[](int i) { return nodes[static_cast<std::size_t>(i)]; }
    int size() const { return static_cast<int>(nodes.size()); }

    /// The attribute's value, or "" when absent.
    std::string_view attr(int i, const char* name) const;
    bool has_attr(int i, const char* name) const;
    /// First descendant element (pre-order) with the tag, or -1.
    int find(int from, GumboTag tag) const;
    /// Source position of an element or text node.
    model::SourcePos pos(int i) const;
    /// Text of the subtree, whitespace collapsed to single spaces and trimmed; dropped nodes
    /// are skipped unless `include_dropped`. Stops after `max_bytes`.
    std::string text_of(int i, bool include_dropped = false, std::size_t max_bytes = SIZE_MAX) const;
    /// Lower-case "class id" for hint matching.
    std::string class_and_id(int i) const;
    /// True when i is `ancestor` or inside it.
    bool inside(int i, int ancestor) const;
};

/// Elements that start a new block in the model (everything else is inline or transparent).
bool is_block_tag(GumboTag t);

/// Code points that are not HTML whitespace (continuation bytes and spaces do not count).
std::uint32_t visible_length(std::string_view s);

/// Elements that are never text for a reader (scripts, styles, frames, embedded objects, forms,
/// media, the head): dropped with their subtree, without a report, by every HTML path.
bool is_silent_tag(GumboTag t);

/// Sums the statistics bottom-up, skipping dropped subtrees.
void compute_stats(Dom& dom);

/// ASCII whitespace as HTML defines it.
inline bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace folio::parse::html
