// The fontconfig answer cache: a line-based text file validated against stamps of everything
// fontconfig's answers depend on; see font_cache.hpp.
#include "pdf/font_cache.hpp"

#include <fontconfig/fontconfig.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "base/io.hpp"

namespace folio::pdf {
namespace {

/// Raised whenever the meaning of a cached answer changes (lookup rules, file layout).
constexpr const char* cache_format = "folio-font-lookups 1";

/// Environment variables that change fontconfig's configuration, its default language (which
/// steers generic families) or where user fonts and caches live.
constexpr const char* fontconfig_env[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "FC_LANG",
                                          "LC_ALL", "LC_CTYPE", "LANG", "HOME", "XDG_CONFIG_HOME",
                                          "XDG_DATA_HOME", "XDG_CACHE_HOME"};

bool plain_field(std::string_view s) { return s.find_first_of("\t\n\r") == std::string_view::npos; }

/// The lines every fresh cache file starts with; "" when a value cannot be written on one line.
std::string make_header() {
    std::string h = cache_format;
    h.append("\tfolio " FOLIO_VERSION "\tfontconfig ").append(std::to_string(FcGetVersion())).append("\nenv");
    for (const char* name : fontconfig_env) {
        const char* v = std::getenv(name);
        if (v && !plain_field(v)) return {};
        h.append("\t").append(name).append(v ? "=" : " unset").append(v ? v : "");
    }
    h.append("\n");
    return h;
}

std::vector<std::string_view> split(std::string_view line, char sep) {
    std::vector<std::string_view> out;
    for (std::size_t at = 0;;) {
        const std::size_t next = line.find(sep, at);
        out.push_back(line.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
        if (next == std::string_view::npos) return out;
        at = next + 1;
    }
}

}  // namespace

std::string file_stamp(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "-";
    return std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec) + ' ' +
           std::to_string(st.st_size) + ' ' + std::to_string(st.st_ino);
}

std::filesystem::path FontLookupCache::default_file() {
    if (const char* off = std::getenv("FOLIO_NO_FONT_CACHE"); off && *off && std::string_view(off) != "0") return {};
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && xdg[0] == '/') dir = xdg;
    else if (const char* home = std::getenv("HOME"); home && home[0] == '/') dir = std::filesystem::path(home) / ".cache";
    else return {};
    return dir / "folio" / "font-lookups.txt";
}

FontLookupCache::FontLookupCache(std::filesystem::path file) : file_(std::move(file)) {
    if (file_.empty()) return;
    header_ = make_header();
    if (header_.empty()) return;
    std::string text;
    try {
        text = base::read_file(file_.string());
    } catch (...) {
        return;  // missing or unreadable: nothing cached yet
    }
    if (!text.starts_with(header_) || !text.ends_with("\nend\n")) return;
    std::map<std::string, Answer> answers;
    std::string_view rest = std::string_view(text).substr(header_.size());
    rest.remove_suffix(4);  // "end\n"
    for (std::string_view line : split(rest, '\n')) {
        if (line.empty()) continue;
        const auto f = split(line, '\t');
        if (f.size() == 3 && f[0] == "watch") {
            if (file_stamp(std::string(f[1])) != f[2]) return;  // configuration or fonts changed
        } else if (f.size() == 4 && f[0] == "answer") {
            answers[std::string(f[1])] = Answer{std::string(f[2]), std::string(f[3])};
        } else {
            return;  // damaged
        }
    }
    answers_ = std::move(answers);
}

std::optional<std::string> FontLookupCache::find(const std::string& key) const {
    const auto it = answers_.find(key);
    if (it == answers_.end()) return std::nullopt;
    const Answer& a = it->second;
    if (!a.path.empty() && file_stamp(a.path) != a.stamp) return std::nullopt;  // font replaced or removed
    return a.path;
}

void FontLookupCache::record(const std::string& key, const std::string& path) {
    if (file_.empty() || header_.empty() || !plain_field(key) || !plain_field(path)) return;
    answers_[key] = Answer{path, path.empty() ? std::string("-") : file_stamp(path)};
    dirty_ = true;
}

void FontLookupCache::save(const std::vector<std::string>& watched) noexcept {
    if (!dirty_) return;
    dirty_ = false;
    try {
        std::string text = header_;
        for (const std::string& w : watched)
            if (plain_field(w)) text += "watch\t" + w + '\t' + file_stamp(w) + '\n';
        for (const auto& [key, a] : answers_) text += "answer\t" + key + '\t' + a.path + '\t' + a.stamp + '\n';
        text += "end\n";
        std::error_code ec;
        std::filesystem::create_directories(file_.parent_path(), ec);
        if (ec) return;
        base::write_file_atomic(file_, text);
    } catch (...) {
        // A cache that cannot be written (read-only home, full disk) only costs speed.
    }
}

std::vector<std::string> fontconfig_watch_list(FcConfig* config) {
    std::vector<std::string> out;
    auto take = [&](FcStrList* list) {
        if (!list) return;
        while (FcChar8* s = FcStrListNext(list)) out.emplace_back(reinterpret_cast<const char*>(s));
        FcStrListDone(list);
    };
    take(FcConfigGetConfigFiles(config));
    const std::size_t config_files = out.size();
    for (std::size_t i = 0; i < config_files; ++i)
        out.push_back(std::filesystem::path(out[i]).parent_path().string());
    take(FcConfigGetConfigDirs(config));
    take(FcConfigGetFontDirs(config));
    take(FcConfigGetCacheDirs(config));
    std::filesystem::path user_config, user_data;
    const char* home = std::getenv("HOME");
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) user_config = x;
    else if (home && *home) user_config = std::filesystem::path(home) / ".config";
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) user_data = x;
    else if (home && *home) user_data = std::filesystem::path(home) / ".local/share";
    if (!user_config.empty()) {
        out.push_back((user_config / "fontconfig").string());
        out.push_back((user_config / "fontconfig/fonts.conf").string());
        out.push_back((user_config / "fontconfig/conf.d").string());
    }
    if (!user_data.empty()) out.push_back((user_data / "fonts").string());
    if (home && *home) {
        out.push_back((std::filesystem::path(home) / ".fonts").string());
        out.push_back((std::filesystem::path(home) / ".fonts.conf").string());
        out.push_back((std::filesystem::path(home) / ".fonts.conf.d").string());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace folio::pdf
