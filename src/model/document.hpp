// The document model: a closed set of block and inline node kinds shared by every reader and writer.
// Readers build a Document; writers and layout consume it. Nodes are plain structs held by value in
// std::variant, so a visit without a catch-all fails to compile when a new kind is added.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <concepts>
#include <variant>
#include <vector>

namespace folio::model {

/// 1-based line and column (in code points) of a node's first character; 0 means unknown.
struct SourcePos {
    std::uint32_t line = 0;
    std::uint32_t col = 0;
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

// ---------------------------------------------------------------- inlines

struct Inline;
using Inlines = std::vector<Inline>;

/// Plain text. Never empty in a finished document; spaces between words are part of the text.
struct Text { std::string text; };
struct Emphasis { Inlines children; };
struct Strong { Inlines children; };
struct Strikeout { Inlines children; };
struct Superscript { Inlines children; };
struct Subscript { Inlines children; };
/// Inline code, shown verbatim in a monospace face.
struct Code { std::string text; };
/// A hyperlink; `url` is as written by the author (writers escape or percent-encode it).
struct Link {
    std::string url;
    std::string title;
    Inlines children;
};
/// An inline image. `src` is resolved by the reader (a path readable by the writers, or a URL).
struct Image {
    std::string src;
    std::string alt;
    std::string title;
};
/// A forced line break inside a block.
struct LineBreak {};
/// A reference to Document::footnotes[index]; the label is the author's label ("1", "note").
struct FootnoteRef {
    std::size_t index = 0;
    std::string label;
};

/// A link target inside running text (raw HTML `<a id="x">` or `<a name="x">`); shows nothing.
struct Anchor { std::string id; };
/// Text in another language than the block around it (HTML `<span lang="de">`), so that
/// screen readers and e-readers switch voice and rules: `lang` is a BCP 47 tag.
struct LangSpan {
    std::string lang;
    Inlines children;
};

struct Inline {
    std::variant<Text, Emphasis, Strong, Strikeout, Superscript, Subscript, Code, Link, Image,
                 LineBreak, FootnoteRef, Anchor, LangSpan>
        node;
    SourcePos pos;
};

// ---------------------------------------------------------------- blocks

struct Block;
using Blocks = std::vector<Block>;

struct Paragraph { Inlines content; };
/// Level 1..6. `id` is empty until model::assign_heading_ids gives it a stable, unique value;
/// a reader sets it when the author gave one (`{#id}`), and that id is kept.
struct Heading {
    int level = 1;
    Inlines content;
    std::string id;
    /// True when a reader guessed the heading from a short line of plain text (the article
    /// reader) rather than from markup. Writers treat it as any heading; the flag is kept in the
    /// model dump so that heuristics can be measured.
    bool inferred = false;
};
struct ListItem {
    Blocks blocks;
    /// Set for GFM task-list items: true when checked.
    std::optional<bool> task;
};
struct BulletList {
    std::vector<ListItem> items;
    bool tight = true;
};
struct OrderedList {
    int start = 1;
    std::vector<ListItem> items;
    bool tight = true;
};
struct BlockQuote { Blocks blocks; };
/// Verbatim code; `text` keeps its line ends (LF) and has no trailing newline.
struct CodeBlock {
    std::string language;
    std::string text;
};
struct ThematicBreak {};

enum class Align { Default, Left, Center, Right };
struct TableCell { Inlines content; };
using TableRow = std::vector<TableCell>;
/// Rows may be ragged in the source; readers pad every row to `aligns.size()` cells.
struct Table {
    std::vector<Align> aligns;
    std::vector<TableRow> head;
    std::vector<TableRow> body;
    Inlines caption;
};
/// A block image with its caption.
struct Figure {
    Image image;
    Inlines caption;
};

/// One term of a definition list with its definitions (each a run of blocks, never empty).
struct DefinitionItem {
    Inlines term;
    std::vector<Blocks> definitions;
};
/// Terms and their definitions (HTML <dl>; pandoc and PHP Markdown Extra `Term` / `: definition`).
struct DefinitionList {
    std::vector<DefinitionItem> items;
};

/// A disclosure block (HTML <details>): a summary line, then the content it discloses. Writers
/// that cannot fold content show the summary as a lead line and the content under it.
struct Details {
    Inlines summary;  // may be empty (HTML then shows a default label)
    Blocks blocks;
    bool open = false;  // shown unfolded at first (the source's `open` attribute)
};

struct Block {
    using Node = std::variant<Paragraph, Heading, BulletList, OrderedList, BlockQuote, CodeBlock, ThematicBreak,
                              Table, Figure, DefinitionList, Details>;
    Block() = default;
    /// A block of any kind at `pos`, in the document's language (`Block{Paragraph{...}, pos}`).
    template <class N>
        requires std::constructible_from<Node, N&&>
    Block(N&& n, SourcePos p = {}) : node(std::forward<N>(n)), pos(p) {}

    Node node;
    SourcePos pos;
    /// The block's language when it differs from the document's (HTML `<blockquote lang="fr">`),
    /// else empty. A BCP 47 tag.
    std::string lang;
};

// ---------------------------------------------------------------- document

/// A footnote's body; referenced by FootnoteRef::index.
struct Footnote {
    std::string label;
    Blocks blocks;
    SourcePos pos;
};

/// Text a reader took out of the document (navigation crumbs, boilerplate), kept so nothing
/// disappears silently.
struct Removed {
    std::string text;
    std::string reason;  // "breadcrumb", "share-link", "cookie-notice", ...
    SourcePos pos;
};

struct Metadata {
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string lang;  // BCP 47, e.g. "fr", "en-GB"; empty when unknown
    std::string date;  // as given (ISO 8601 preferred)
    std::string description;
    std::vector<std::string> keywords;
    std::string source_url;
    std::vector<Removed> removed;
    /// Everything else the source declared, in source order.
    std::vector<std::pair<std::string, std::string>> extra;
};

struct Document {
    Metadata meta;
    Blocks blocks;
    std::vector<Footnote> footnotes;
    /// The input's name as given by the user (for diagnostics); "-" for stdin.
    std::string source_name;
};

}  // namespace folio::model
