// Placeholder until the EPUB writer lands: fails with a clear error rather than a fake file.
#include "epub/epub_writer.hpp"

#include "base/error.hpp"

namespace folio::epub {

void write_epub(const model::Document&, const style::Style&, const EpubOptions&,
                const std::filesystem::path& out, base::Diagnostics&) {
    throw base::Error(base::ErrorCode::Io, "EPUB output is not available in this build", out.string());
}

std::string render_html(const model::Document&, const style::Style&, base::Diagnostics&) {
    throw base::Error(base::ErrorCode::Io, "HTML output is not available in this build");
}

}  // namespace folio::epub
