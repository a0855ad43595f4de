// Language detection with libcld2, mapped to BCP 47 codes; "" whenever CLD2 is not sure.
#include "parse/language.hpp"

#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>

#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <utility>

#include "base/utf8.hpp"

namespace CLD2 {
// Declared in cld2/internal/lang_script.h, which Debian ships but which drags in internals.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace folio::parse {
namespace {

/// Below this many bytes of letters CLD2 guesses from a handful of words: not worth a claim.
constexpr std::size_t min_text_bytes = 40;
/// CLD2's answer is stable long before this; capping keeps huge inputs cheap.
constexpr std::size_t max_sample_bytes = 256 * 1024;

/// CLD2 still uses a few deprecated ISO 639 codes; BCP 47 wants the current ones.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> legacy_codes{{
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"},
}};

std::string to_bcp47(std::string_view cld) {
    for (const auto& [from, to] : legacy_codes)
        if (cld == from) return std::string(to);
    // CLD2's pseudo-languages ("un", "xxx", "xx-Qaai", "zzb") have no BCP 47 meaning.
    if (cld.empty() || cld == "un" || cld.substr(0, 2) == "xx" ||
        (cld.size() == 3 && cld[0] == 'z' && cld[1] == 'z'))
        return {};
    return std::string(cld);
}

/// True when the dynamic linker writes into the object's read-only segments (text relocations).
bool has_text_relocations(const dl_phdr_info* info) {
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        if (info->dlpi_phdr[i].p_type != PT_DYNAMIC) continue;
        const auto* d = reinterpret_cast<const ElfW(Dyn)*>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        for (; d->d_tag != DT_NULL; ++d)
            if (d->d_tag == DT_TEXTREL || (d->d_tag == DT_FLAGS && (d->d_un.d_val & DF_TEXTREL) != 0)) return true;
    }
    return false;
}

}  // namespace

void release_language_tables() {
    // The tables are the read-only, non-executable segments of libcld2's file mapping. Pages of
    // such a private mapping are never written, so dropping them loses nothing: a later access
    // reads them again from the file (the page cache). The writable segment (relocated pointers)
    // and the code are left alone.
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void*) {
            if (!info->dlpi_name || !std::strstr(info->dlpi_name, "libcld2")) return 0;
            if (has_text_relocations(info)) return 1;  // its read-only pages were written once
            const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                if (ph.p_type != PT_LOAD || (ph.p_flags & (PF_W | PF_X)) != 0) continue;
                const std::uintptr_t start = (info->dlpi_addr + ph.p_vaddr + page - 1) & ~(page - 1);
                const std::uintptr_t end = (info->dlpi_addr + ph.p_vaddr + ph.p_memsz) & ~(page - 1);
                if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED);
            }
            return 1;
        },
        nullptr);
}

std::string detect_language(std::string_view utf8_text) {
    std::string_view sample = base::utf8::prefix_within(utf8_text, max_sample_bytes);
    std::size_t letter_bytes = 0;
    for (std::size_t i = 0; i < sample.size() && letter_bytes < min_text_bytes;) {
        const std::size_t start = i;
        if (base::utf8::is_letter(base::utf8::decode(sample, i))) letter_bytes += i - start;
    }
    if (letter_bytes < min_text_bytes) return {};
    // CLD2 reads past malformed sequences: hand it valid UTF-8 only.
    std::string cleaned;
    if (!base::utf8::is_valid(sample)) {
        cleaned = base::utf8::sanitize(sample);
        sample = cleaned;
    }
    bool reliable = false;
    const CLD2::Language lang =
        CLD2::DetectLanguage(sample.data(), static_cast<int>(sample.size()), true, &reliable);
    if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return {};
    const char* code = CLD2::LanguageCode(lang);
    return code ? to_bcp47(code) : std::string();
}

}  // namespace folio::parse
