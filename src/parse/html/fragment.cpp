// HTML fragments embedded in other documents (raw HTML blocks in Markdown) go through the page
// reader's parser and block builder, so both readers map tables and figures the same way.
#include <string>

#include "parse/html/build.hpp"
#include "parse/html/gumbo_tree.hpp"
#include "parse/html/nesting.hpp"

namespace folio::parse::html {

model::Blocks fragment_blocks(std::string_view html, model::SourcePos at, const BuildOptions& opts,
                              base::Diagnostics& diag) {
    // Blank lines and spaces in front put gumbo's positions where the fragment sits in its file;
    // white space before the first element of a body is not content.
    std::string text(at.line > 1 ? at.line - 1 : 0, '\n');
    text.append(at.col > 1 ? at.col - 1 : 0, ' ');
    text.append(html);
    std::size_t flattened = 0;
    const std::string capped = cap_nesting(text, flattened);
    if (flattened > 0)
        diag.warn(at.line, at.col, std::string("HTML nested deeper than ")
                                       .append(std::to_string(max_source_nesting))
                                       .append(" levels: ")
                                       .append(std::to_string(flattened))
                                       .append(" tags ignored, their text kept"));
    const GumboTree tree(capped);
    Dom dom(tree.root());
    int body = -1;
    for (int i = 0; i < dom.size(); ++i) {
        Node& n = dom[i];
        if (n.parent >= 0 && dom[n.parent].dropped) {
            n.dropped = n.silent = true;
            continue;
        }
        if (n.is_text) continue;
        if (n.tag == GUMBO_TAG_BODY && body < 0) body = i;
        if (is_silent_tag(n.tag) && n.tag != GUMBO_TAG_HEAD) {
            n.dropped = n.silent = true;
            const model::SourcePos p = dom.pos(i);
            diag.warn(p.line, p.col, std::string("<") + gumbo_normalized_tagname(n.tag) + "> element dropped with its content");
        }
    }
    compute_stats(dom);
    std::vector<int> roots;
    if (body >= 0)
        for (int c = dom[body].first_child; c >= 0; c = dom[c].next_sibling)
            if (!dom[c].dropped) roots.push_back(c);
    return build_blocks(dom, roots, opts, diag);
}

}  // namespace folio::parse::html
