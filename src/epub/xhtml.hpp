// The XHTML builder: maps every node of the model to XHTML elements with pugixml (never strings),
// for EPUB content documents and for the standalone HTML page. Class names it emits for styles:
// .titlepage .title .subtitle .byline .date .source .description (title block), .footnote,
// .footnote-back, .footnotes (HTML), .task (task-list items), .image-missing.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "base/diagnostics.hpp"
#include "model/document.hpp"

namespace folio::epub {

inline constexpr const char* xhtml_ns = "http://www.w3.org/1999/xhtml";
inline constexpr const char* ops_ns = "http://www.idpf.org/2007/ops";

/// Model image `src` → href of the copy in the package; a src absent from the map is shown as
/// its alt text (the writer already reported why).
using ImageMap = std::map<std::string, std::string, std::less<>>;

struct XhtmlOptions {
    /// true: EPUB content document (XML declaration, epub:type); false: standalone HTML5.
    bool epub = true;
    /// BCP 47 language of the document ("und" when unknown).
    std::string lang = "und";
    const ImageMap* images = nullptr;
    /// Ids of the headings and anchors that "#id" links may target.
    const std::set<std::string, std::less<>>* heading_ids = nullptr;
};

/// A "#id" link emitted in the current file; the writer points it at the file holding the id.
struct PendingAnchor {
    pugi::xml_node link;
    std::string id;
};

/// Builds one file at a time. Holds references to the document and options: both must outlive
/// the builder. Content problems (unsafe links, bad footnote refs) go to the diagnostics sink.
class XhtmlBuilder {
public:
    XhtmlBuilder(const model::Document& doc, XhtmlOptions opts, base::Diagnostics& diag);

    void set_diagnostics(base::Diagnostics& diag) { diag_ = &diag; }

    /// Starts a new file in `d`: declaration (EPUB), doctype, <html lang xml:lang>, <head> with
    /// the title and either a stylesheet link (`css_href`) or inlined `css_text`. Returns <body>.
    /// Resets the per-file state (footnotes referenced, anchors).
    pugi::xml_node begin(pugi::xml_document& d, std::string_view title, std::string_view css_href,
                         std::string_view css_text);

    void blocks(pugi::xml_node parent, const model::Blocks& bs);
    void block(pugi::xml_node parent, const model::Block& b);
    static void set_lang(pugi::xml_node e, std::string_view lang);
    void inlines(pugi::xml_node parent, const model::Inlines& xs);

    /// The title block (title, subtitle, authors, date, source, description) into `parent`.
    void title_block(pugi::xml_node parent, std::string_view title);

    /// Appends an <aside> for every footnote referenced in this file since the last call, and for
    /// the notes those notes reference. Returns the number of notes appended.
    std::size_t footnotes(pugi::xml_node parent);

    const std::vector<PendingAnchor>& anchors() const noexcept { return anchors_; }
    /// Ids of the headings and inline anchors (model::Anchor) written in this file.
    const std::vector<std::string>& anchor_ids() const noexcept { return anchor_ids_; }

private:
    void list_items(pugi::xml_node list, const std::vector<model::ListItem>& items);
    void inline_node(pugi::xml_node parent, const model::Inline& x);
    void image(pugi::xml_node parent, const model::Image& img);
    void link(pugi::xml_node parent, const model::Link& l, const model::SourcePos& pos);
    void footnote_ref(pugi::xml_node parent, const model::FootnoteRef& r, const model::SourcePos& pos);

    const model::Document& doc_;
    XhtmlOptions opts_;
    base::Diagnostics* diag_;
    // Per file.
    std::map<std::size_t, int> ref_count_;  // footnote index → references so far in this file
    std::vector<std::size_t> notes_pending_;
    std::set<std::size_t> notes_done_;
    std::vector<PendingAnchor> anchors_;
    std::vector<std::string> anchor_ids_;
};

/// True when `s` is valid UTF-8 without characters XML forbids (nothing for sanitize to do).
bool is_clean_text(std::string_view s) noexcept;

/// Appends `text` as character data, with invalid UTF-8 replaced and XML-forbidden characters
/// removed.
void append_text(pugi::xml_node parent, std::string_view text);

/// Gives every empty non-void element an empty text child, so that it is written as
/// <p></p> rather than <p/> (which an HTML parser reads as an unclosed start tag).
void close_empty_elements(pugi::xml_node root);

/// Serialises a document without indentation (so <pre> stays exact) and without the control
/// characters XML forbids.
std::string serialize(const pugi::xml_document& d);
/// Bytes `node` would take when serialised like serialize().
std::size_t serialized_size(pugi::xml_node node);

/// "http:", "https:" or "mailto:" (case-insensitive): the only link targets folio writes.
bool is_safe_url(std::string_view url);
/// Percent-encodes what a URL may not hold as is (spaces, controls, non-ASCII, quotes, ...).
std::string encode_url(std::string_view url);

/// A few interface words ("Contents", "Title page", ...) in the document's language; English when
/// the language is not one folio knows.
std::string ui_text(std::string_view lang, std::string_view key);

/// Appends ui_text(lang, key) to `parent`; when those words are the English fallback in a book
/// of another declared language, marks `parent` lang="en" so that it is read as English
/// (WCAG 3.1.2, language of parts).
void append_ui_text(pugi::xml_node parent, std::string_view lang, std::string_view key);

}  // namespace folio::epub
