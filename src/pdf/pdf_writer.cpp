// Placeholder until the PDF writer lands: fails with a clear error rather than a fake file.
#include "pdf/pdf_writer.hpp"

#include "base/error.hpp"

namespace folio::pdf {

class Resources {};
std::shared_ptr<Resources> make_resources() { return std::make_shared<Resources>(); }

void write_pdf(const model::Document&, const style::Style&, const PdfOptions&, Resources&,
               const std::filesystem::path& out, base::Diagnostics&) {
    throw base::Error(base::ErrorCode::Io, "PDF output is not available in this build", out.string());
}

std::string layout_trace(const model::Document&, const style::Style&, const PdfOptions&, Resources&,
                         base::Diagnostics&) {
    throw base::Error(base::ErrorCode::Io, "PDF layout is not available in this build");
}

}  // namespace folio::pdf
