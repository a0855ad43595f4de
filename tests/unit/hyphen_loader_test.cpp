// Tests for our libhyphen dictionary loader and the flat automaton: on small pattern files and on
// Debian's dictionaries with their word lists, the loader must build the automaton hnj_hyphen_load
// builds and give the same hnj_hyphen_hyphenate2 output (hyphens, rep, pos, cut) for every word,
// and the flat lookup (built in memory or mapped from its cache file) the same hyphens.
#include <gtest/gtest.h>
#include <hyphen.h>
#include <iconv.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

#include "base/utf8.hpp"
#include "layout/hyphen_cache.hpp"
#include "layout/hyphen_flat.hpp"
#include "layout/hyphen_loader.hpp"

using folio::layout::build_flat_hyphen_dictionary;
using folio::layout::FlatDictionaryFile;
using folio::layout::FlatHyphenDict;
using folio::layout::load_hyphen_dictionary;
namespace fs = std::filesystem;

namespace {

struct DictFree {
    void operator()(HyphenDict* d) const noexcept {
        if (d != nullptr) hnj_hyphen_free(d);
    }
};
using Dict = std::unique_ptr<HyphenDict, DictFree>;

/// Everything hnj_hyphen_hyphenate2 reports for one word.
struct Result {
    int status = 0;
    std::string hyphens;
    std::vector<std::optional<std::string>> rep;  // empty when libhyphen allocated none
    std::vector<int> pos, cut;
    bool operator==(const Result&) const = default;
};

std::string show(const Result& r) {
    std::string s = "status " + std::to_string(r.status) + " hyphens " + r.hyphens;
    for (std::size_t i = 0; i < r.rep.size(); ++i) {
        if (r.rep[i]) s += " rep[" + std::to_string(i) + "]=" + *r.rep[i] + "," + std::to_string(r.pos[i]) + "," +
                           std::to_string(r.cut[i]);
    }
    return s;
}

Result hyphenate(HyphenDict* d, const std::string& word) {
    const int size = static_cast<int>(word.size());
    std::vector<char> hyphens(word.size() + 5, '\0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    Result r;
    r.status = hnj_hyphen_hyphenate2(d, word.c_str(), size, hyphens.data(), nullptr, &rep, &pos, &cut);
    r.hyphens.assign(hyphens.data(), strnlen(hyphens.data(), hyphens.size()));
    if (rep != nullptr) {
        for (int i = 0; i < size; ++i) {
            r.rep.push_back(rep[i] != nullptr ? std::optional<std::string>(rep[i]) : std::nullopt);
            r.pos.push_back(pos[i]);
            r.cut.push_back(cut[i]);
            std::free(rep[i]);
        }
    }
    std::free(rep);
    std::free(pos);
    std::free(cut);
    return r;
}

/// The flat lookup's answer: nullopt when it leaves the word to libhyphen.
std::optional<Result> hyphenate_flat(const FlatHyphenDict& d, const std::string& word) {
    std::vector<char> hyphens(word.size() + 5, '\0');
    const std::optional<int> status = d.hyphenate(word, hyphens.data());
    if (!status) return std::nullopt;
    Result r;
    r.status = *status;
    r.hyphens.assign(hyphens.data(), strnlen(hyphens.data(), hyphens.size()));
    return r;
}

/// Whether the flat lookup agrees with libhyphen on `word`: the same hyphens and status, and
/// libhyphen found no replacement (the flat lookup defers every word that could have one).
/// `deferred` counts the words the flat lookup left to libhyphen.
bool flat_agrees(const FlatHyphenDict& d, const std::string& word, const Result& libhyphen, long& deferred,
                 std::string& why) {
    const std::optional<Result> flat = hyphenate_flat(d, word);
    if (!flat) {
        ++deferred;
        return true;
    }
    if (flat->status == libhyphen.status && flat->hyphens == libhyphen.hyphens && libhyphen.rep.empty()) return true;
    why = "flat " + show(*flat) + ", libhyphen " + show(libhyphen);
    return false;
}

/// A state, named by the bytes that lead to it from state 0.
struct StateView {
    std::optional<std::string> match, repl;
    int replindex = 0, replcut = 0;  // only meaningful with a match (libhyphen leaves them unset)
    std::optional<std::string> fallback;
    int transitions = 0;
    bool operator==(const StateView&) const = default;
};

/// The automaton with state numbers replaced by state names, so that two loaders that number
/// states differently compare equal when they built the same machine.
std::map<std::string, StateView> states_of(const HyphenDict* d) {
    std::vector<std::optional<std::string>> name(static_cast<std::size_t>(d->num_states));
    std::vector<int> stack{0};
    name[0] = std::string();
    while (!stack.empty()) {
        const int s = stack.back();
        stack.pop_back();
        const HyphenState& st = d->states[s];
        for (int t = 0; t < st.num_trans; ++t) {
            const int to = st.trans[t].new_state;
            if (name[to]) continue;
            name[to] = *name[s] + st.trans[t].ch;
            stack.push_back(to);
        }
    }
    std::map<std::string, StateView> out;
    for (int s = 0; s < d->num_states; ++s) {
        const HyphenState& st = d->states[s];
        StateView v;
        if (st.match != nullptr) {
            v.match = st.match;
            v.replindex = st.replindex;
            v.replcut = st.replcut;
        }
        if (st.repl != nullptr) v.repl = st.repl;
        if (st.fallback_state >= 0) v.fallback = name[st.fallback_state].value_or("<unreachable>");
        v.transitions = st.num_trans;
        out.emplace(name[s].value_or("<unreachable " + std::to_string(s) + ">"), v);
    }
    return out;
}

std::vector<std::string> nohyphen_of(const HyphenDict* d) {
    std::vector<std::string> items;
    if (d->nohyphen == nullptr) return items;
    const char* p = d->nohyphen;
    for (int i = 0; i <= d->nohyphenl; ++i) {
        items.emplace_back(p);
        p += std::strlen(p) + 1;
    }
    return items;
}

/// Both levels equal: settings, charset, NOHYPHEN list and every state.
void expect_same_automaton(const HyphenDict* ours, const HyphenDict* theirs) {
    for (int level = 0; ours != nullptr || theirs != nullptr; ++level) {
        SCOPED_TRACE("level " + std::to_string(level));
        ASSERT_NE(ours, nullptr);
        ASSERT_NE(theirs, nullptr);
        EXPECT_EQ(ours->lhmin, theirs->lhmin);
        EXPECT_EQ(ours->rhmin, theirs->rhmin);
        EXPECT_EQ(ours->clhmin, theirs->clhmin);
        EXPECT_EQ(ours->crhmin, theirs->crhmin);
        EXPECT_EQ(ours->utf8, theirs->utf8);
        EXPECT_EQ(std::memcmp(ours->cset, theirs->cset, sizeof ours->cset), 0);
        EXPECT_EQ(nohyphen_of(ours), nohyphen_of(theirs));
        EXPECT_EQ(ours->num_states, theirs->num_states);
        const auto a = states_of(ours);
        const auto b = states_of(theirs);
        EXPECT_EQ(a.size(), b.size());
        int reported = 0;
        for (const auto& [key, view] : b) {
            const auto it = a.find(key);
            if (it == a.end() || !(it->second == view)) {
                if (++reported > 5) break;
                ADD_FAILURE() << "state \"" << key << "\" differs";
            }
        }
        ours = ours->nextlevel;
        theirs = theirs->nextlevel;
    }
}

/// A pattern file in a fresh temporary directory, removed with the fixture.
class HyphenLoader : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("folio-hyphen-loader-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    std::string write(const std::string& name, const std::string& text) {
        const fs::path p = dir_ / name;
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }

    /// Loads `text` with both loaders, checks the automata match and that every word gives the
    /// same result; returns our hyphens for each word so tests can also check known answers.
    std::vector<std::string> compare(const std::string& text, const std::vector<std::string>& words) {
        const std::string path = write("patterns.dic", text);
        const Dict theirs(hnj_hyphen_load(path.c_str()));
        const Dict ours(load_hyphen_dictionary(path));
        std::vector<std::string> out;
        EXPECT_NE(theirs, nullptr);
        EXPECT_NE(ours, nullptr);
        if (!theirs || !ours) return out;
        expect_same_automaton(ours.get(), theirs.get());
        const std::optional<std::string> image = build_flat_hyphen_dictionary(path);
        EXPECT_TRUE(image.has_value());
        const std::optional<FlatHyphenDict> flat = image ? FlatHyphenDict::view(*image) : std::nullopt;
        EXPECT_TRUE(flat.has_value());
        for (const std::string& w : words) {
            const Result a = hyphenate(ours.get(), w);
            const Result b = hyphenate(theirs.get(), w);
            EXPECT_EQ(a, b) << w << ": ours " << show(a) << ", libhyphen " << show(b);
            std::string why;
            if (flat) {
                EXPECT_TRUE(flat_agrees(*flat, w, b, deferred_, why)) << w << ": " << why;
            }
            out.push_back(a.hyphens);
        }
        return out;
    }

    fs::path dir_;
    long deferred_ = 0;  // words the flat lookup left to libhyphen
};

/// Every string of 1..max_len items from `alphabet` (items may be multi-byte characters).
std::vector<std::string> all_words(const std::vector<std::string>& alphabet, std::size_t max_len) {
    std::vector<std::string> out;
    std::vector<std::string> layer{""};
    for (std::size_t len = 1; len <= max_len; ++len) {
        std::vector<std::string> next;
        for (const std::string& w : layer) {
            for (const std::string& a : alphabet) next.push_back(w + a);
        }
        out.insert(out.end(), next.begin(), next.end());
        layer = std::move(next);
    }
    return out;
}

}  // namespace

TEST_F(HyphenLoader, StandardPatternsUtf8) {
    const std::string dic =
        "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n"
        "% comment line\n.hy3p\nhe2n\nhena4\nhen5at\n1na\nn2at\n1tio\n2io\no2n\n1ph\n"
        "é1t\n.ré3\n\n   indented\n";
    const auto got = compare(dic, {"hyphenation", "hyphen", "nation", "été", "réétablir", "a", ""});
    ASSERT_EQ(got.size(), 7u);
    EXPECT_EQ(got[0], "03002540000");  // odd digits are breaks: hy-phen-ation
    compare(dic, all_words({"h", "y", "p", "e", "n", "a", "t", "é", "."}, 4));
}

TEST_F(HyphenLoader, Latin1CharsetRepeatedPatternsAndOddLines) {
    // '#' is no comment in libhyphen (German's banner is read as patterns); a later duplicate
    // pattern replaces the earlier one; a line that is only digits gives state 0 a match.
    std::string dic = "ISO8859-1\n####### banner #######\nab1c\nab3c\n\xe4" "1b\n\xdf" "2\n";
    dic += "a1b1\n1\nx\r\nb1a\r\n";
    const auto got = compare(dic, all_words({"a", "b", "c", "\xe4", "\xdf", "x"}, 5));
    EXPECT_FALSE(got.empty());
}

TEST_F(HyphenLoader, HyphenMinSettings) {
    const std::string dic =
        "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nCOMPOUNDLEFTHYPHENMIN 4\nCOMPOUNDRIGHTHYPHENMIN 5\n"
        "a1\n1a\nb1b\n";
    compare(dic, all_words({"a", "b", "-", "'"}, 6));
    compare("UTF-8\nLEFTHYPHENMIN 4\na1\n", all_words({"a", "b", "-", "\xe2\x80\x99"}, 6));
}

TEST_F(HyphenLoader, NonStandardReplacements) {
    // Schiffahrt → Schiff-fahrt, Hungarian ssz → sz-sz, Dutch omaatje → oma-tje, and a UTF-8
    // pattern whose index and cut count characters.
    compare("ISO8859-1\nf1f/ff=f,1,2\nif3fa/ff=f,2,2\ntenerif5fa\nif1f\n",
            {"schiffahrt", "schiffen", "teneriffa", "ff", "fff"});
    compare("ISO8859-2\ns1sz/sz=sz,1,3\nn1ny/ny=ny,1,3\n", {"asszonnyal", "ssz", "nny"});
    compare("ISO8859-1\naa1tje./=,2,1\n.schif1fahrt/ff=f,5,2\nc1k/k=k,1,2\n.as3szon/sz=sz,2,3\n",
            {"omaatje", "schiffahrt", "drucker", "asszonyok"});
    compare("UTF-8\nxé1ém/á=a,2,2\n.é1é/é=é,1,2\nő1ő/ő=ő\n", {"exéémple", "exéémplxééme", "éé", "őő", "aőőb"});
    // A replacement without index and cut, one with only an index, and a CRLF line.
    compare("ISO8859-1\nc1k/k=k\nt1t/tt=t,2\nl1l/ll=l,1,2\r\n", {"drucker", "bett", "ballon", "ckttll"});
    EXPECT_GT(deferred_, 0);  // the flat lookup leaves words reaching "ff=f" patterns to libhyphen
}

TEST_F(HyphenLoader, DigitsLigaturesAndShortWords) {
    // Digits read as dots until a compound split writes them back; leading and trailing digits
    // do not count towards the hyphen minimums; U+FB00 ligatures count as several letters.
    const std::string compound =
        "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nab1cd\nc1.\nNEXTLEVEL\na1b\nc1d\n.1a\nd1.\n";
    compare(compound, all_words({"a", "b", "c", "d", "1", "."}, 5));
    compare("UTF-8\na1b\nb1a\n\xef\xac\x81" "1a\na1\xef\xac\x81\n",
            all_words({"a", "b", "\xef\xac\x81", "\xef\xac\x83", "7"}, 4));
    compare("ISO8859-1\nLEFTHYPHENMIN 3\nRIGHTHYPHENMIN 4\n1a1\n1b1\n", all_words({"a", "b", "0", "9"}, 6));
    // A word that starts inside a UTF-8 character is an error for libhyphen (status 1).
    compare("UTF-8\na1b\n", {"\x81" "ab", "\xa9\xc3\xa9" "ab", "ab\xc3"});
}

TEST_F(HyphenLoader, NextLevelAndCompounds) {
    compare("ISO8859-1\nCOMPOUNDLEFTHYPHENMIN 2\nCOMPOUNDRIGHTHYPHENMIN 3\n% compound level\nmotor1cycle\n"
            "NEXTLEVEL\n.mo1tor.\n.cy1cle.\n.motor2cycle.\n",
            {"motorcycle", "motor", "cycle", "motorcyclemotor"});
    compare("UTF-8\nszony1fő\nök1assz\nNEXTLEVEL\n.as1szony./sz=,2,1\n.fő1nök.\n",
            {"asszonyfőnök", "főnökasszony", "asszony"});
    compare("ISO8859-1\nwat1time/tt=t,3,2\n.kilo1watt.\nNEXTLEVEL\n.ki1lo.\n.ti1me.\n", {"kilowattime"});
    // A second NEXTLEVEL ends the file for libhyphen.
    compare("UTF-8\nLEFTHYPHENMIN 1\nfoo1\nNEXTLEVEL\nbar1\nNEXTLEVEL\nba1z\n", {"foobarbaz", "bazbaz"});
    compare("UTF-8\nNOHYPHEN -,',’\n1-1\n1'1\n1’1\nNEXTLEVEL\n", {"foobar'foobar-foobar’foobar"});
}

TEST_F(HyphenLoader, DefaultCompoundLevelWithoutNextLevel) {
    // Without NEXTLEVEL libhyphen puts the file under a level that breaks after '-' and
    // apostrophes (plus en dash and ’ for UTF-8) and never next to them (NOHYPHEN).
    const std::string utf8 = "UTF-8\na1b\n";
    compare(utf8, all_words({"a", "b", "-", "'", "\xe2\x80\x93", "\xe2\x80\x99"}, 5));
    const std::string latin1 = "ISO8859-1\na1b\n";
    compare(latin1, all_words({"a", "b", "-", "'", "\x96"}, 5));
    const std::string path = write("x.dic", utf8);
    const Dict ours(load_hyphen_dictionary(path));
    ASSERT_NE(ours, nullptr);
    ASSERT_NE(ours->nextlevel, nullptr);
    EXPECT_EQ(ours->clhmin, 3);
    EXPECT_EQ(nohyphen_of(ours.get()), (std::vector<std::string>{"'", "\xe2\x80\x93", "\xe2\x80\x99", "-"}));
}

TEST_F(HyphenLoader, NoHyphenLists) {
    compare("UTF-8\nNOHYPHEN ab,c\na1\nb1\nc1\n", all_words({"a", "b", "c", "d"}, 4));
    compare("UTF-8\nNOHYPHEN \t,x\nNEXTLEVEL\na1\nx1\n", all_words({"a", "x", ","}, 4));
}

TEST_F(HyphenLoader, LongLinesAreReadInChunksLikeLibhyphen) {
    // libhyphen reads with fgets into 100-byte buffers and the charset into 20 bytes: longer
    // lines become several lines. The same file must give the same automaton.
    std::string long_line(150, 'a');
    long_line[120] = '1';
    const std::string dic = "ISO8859-1 and a long charset name\n" + long_line + "\nb1c\n";
    compare(dic, {std::string(200, 'a'), "bc", "abca"});
    std::string comment_split = "UTF-8\n" + std::string(99, 'q') + "%x1y\nNEXTLEVEL\n";
    compare(comment_split, {"xyxy", "qqxy"});
}

TEST_F(HyphenLoader, EmptyAndMissingFiles) {
    compare("", {"abc"});
    compare("UTF-8", {"abc"});
    compare("UTF-8\n", {"a-b"});
    EXPECT_EQ(load_hyphen_dictionary((dir_ / "no-such.dic").string()), nullptr);
    EXPECT_EQ(hnj_hyphen_load((dir_ / "no-such.dic").string().c_str()), nullptr);
    EXPECT_EQ(load_hyphen_dictionary(dir_.string()), nullptr);  // a directory: read error
}

TEST_F(HyphenLoader, CacheFilesAreCheckedAndReplaced) {
    const std::string dic =
        write("patterns.dic", "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\n.hy3p\nhe2n\nhena4\n1na\nn2at\n");
    const Dict theirs(hnj_hyphen_load(dic.c_str()));
    ASSERT_NE(theirs, nullptr);
    const auto agrees = [&](const FlatDictionaryFile& f) {
        for (const std::string w : {"hyphenation", "henna", "natation"}) {
            long deferred = 0;
            std::string why;
            EXPECT_TRUE(flat_agrees(f.dict(), w, hyphenate(theirs.get(), w), deferred, why)) << w << ": " << why;
            EXPECT_EQ(deferred, 0);
        }
    };
    const fs::path cache = dir_ / "cache" / "folio";
    const fs::path file = folio::layout::hyphen_cache_file(dic, cache);

    auto f = FlatDictionaryFile::open(dic, cache);  // no folder yet: created, file written
    ASSERT_NE(f, nullptr);
    EXPECT_FALSE(f->from_cache());
    agrees(*f);
    ASSERT_TRUE(fs::exists(file));
    f = FlatDictionaryFile::open(dic, cache);
    ASSERT_NE(f, nullptr);
    EXPECT_TRUE(f->from_cache());
    agrees(*f);
    f->release_resident();  // the mapped pages are dropped and read again
    agrees(*f);

    // Damaged files are rebuilt: cut short, a flipped byte in the header, a foreign version.
    const auto damage = [&](std::size_t at, char value, std::size_t keep) {
        std::string bytes;
        {
            std::ifstream in(file, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        if (at < bytes.size()) bytes[at] = value;
        bytes.resize(std::min(bytes.size(), keep));
        std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    };
    for (const auto& [at, value, keep] : std::vector<std::tuple<std::size_t, char, std::size_t>>{
             {0, 'X', SIZE_MAX}, {8, 99, SIZE_MAX}, {0, 'f', 100}, {0, 'f', 0}}) {
        damage(at, value, keep);
        f = FlatDictionaryFile::open(dic, cache);
        ASSERT_NE(f, nullptr);
        EXPECT_FALSE(f->from_cache()) << at << " " << keep;
        agrees(*f);
        f = FlatDictionaryFile::open(dic, cache);
        EXPECT_TRUE(f->from_cache()) << "rewritten after damage at " << at;
    }

    // A changed dictionary (new modification time) is compiled again.
    fs::last_write_time(dic, fs::last_write_time(dic) + std::chrono::seconds(5));
    f = FlatDictionaryFile::open(dic, cache);
    ASSERT_NE(f, nullptr);
    EXPECT_FALSE(f->from_cache());
    agrees(*f);

    // A cache folder that cannot be created (a file is in the way) or no folder at all: built in
    // memory, nothing kept, still right.
    write("blocked", "x");
    f = FlatDictionaryFile::open(dic, dir_ / "blocked" / "folio");
    ASSERT_NE(f, nullptr);
    EXPECT_FALSE(f->from_cache());
    agrees(*f);
    f = FlatDictionaryFile::open(dic, fs::path());
    ASSERT_NE(f, nullptr);
    EXPECT_FALSE(f->from_cache());
    EXPECT_EQ(FlatDictionaryFile::open((dir_ / "missing.dic").string(), cache), nullptr);
}

TEST(HyphenCache, DefaultFolderFollowsTheEnvironment) {
    const auto saved = [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);
        return v ? std::optional<std::string>(v) : std::nullopt;
    };
    const auto restore = [](const char* name, const std::optional<std::string>& v) {
        if (v) ::setenv(name, v->c_str(), 1);
        else ::unsetenv(name);
    };
    const auto xdg = saved("XDG_CACHE_HOME"), off = saved("FOLIO_NO_HYPHEN_CACHE"), home = saved("HOME");
    ::unsetenv("FOLIO_NO_HYPHEN_CACHE");
    ::setenv("XDG_CACHE_HOME", "/some/cache", 1);
    EXPECT_EQ(folio::layout::default_hyphen_cache_dir(), fs::path("/some/cache/folio"));
    ::setenv("XDG_CACHE_HOME", "relative", 1);  // not absolute: ignored, as the XDG rules say
    ::setenv("HOME", "/home/someone", 1);
    EXPECT_EQ(folio::layout::default_hyphen_cache_dir(), fs::path("/home/someone/.cache/folio"));
    ::setenv("FOLIO_NO_HYPHEN_CACHE", "0", 1);
    EXPECT_FALSE(folio::layout::default_hyphen_cache_dir().empty());
    ::setenv("FOLIO_NO_HYPHEN_CACHE", "1", 1);
    EXPECT_TRUE(folio::layout::default_hyphen_cache_dir().empty());
    restore("XDG_CACHE_HOME", xdg);
    restore("FOLIO_NO_HYPHEN_CACHE", off);
    restore("HOME", home);
}

namespace {

/// Converts a UTF-8 word to what the Hyphenator hands libhyphen: lower case, in the
/// dictionary's charset. Empty when a character has no encoding there.
class WordConverter {
public:
    explicit WordConverter(const HyphenDict& d) : utf8_(d.utf8 != 0) {
        if (!utf8_) {
            const std::string cset(d.cset, strnlen(d.cset, sizeof d.cset));
            cd_ = iconv_open(cset.c_str(), "UTF-8");
        }
    }
    ~WordConverter() {
        if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
    }
    WordConverter(const WordConverter&) = delete;
    WordConverter& operator=(const WordConverter&) = delete;

    bool ok() const { return utf8_ || cd_ != reinterpret_cast<iconv_t>(-1); }

    std::string operator()(const std::string& word) {
        const std::string lower = folio::base::utf8::to_lower(word);
        if (utf8_) return lower;
        std::string out(lower.size() * 4 + 4, '\0');
        char* in = const_cast<char*>(lower.data());
        char* o = out.data();
        std::size_t inleft = lower.size(), outleft = out.size();
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);
        if (iconv(cd_, &in, &inleft, &o, &outleft) == static_cast<std::size_t>(-1)) return {};
        out.resize(out.size() - outleft);
        return out;
    }

private:
    bool utf8_;
    iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

// Every word of each language's system word list, hyphenated with both loaders' automata.
TEST(HyphenLoaderDifferential, DebianDictionariesAndWordLists) {
    struct Language {
        const char* dictionary;
        const char* words;
    };
    const Language languages[] = {
        {"/usr/share/hyphen/hyph_en_US.dic", "/usr/share/dict/american-english"},
        {"/usr/share/hyphen/hyph_fr.dic", "/usr/share/dict/french"},
        {"/usr/share/hyphen/hyph_de_DE.dic", "/usr/share/dict/ngerman"},
        {"/usr/share/hyphen/hyph_es_ES.dic", "/usr/share/dict/spanish"},
        {"/usr/share/hyphen/hyph_it_IT.dic", "/usr/share/dict/italian"},
        {"/usr/share/hyphen/hyph_pt_PT.dic", "/usr/share/dict/portuguese"},
    };
    int compared_languages = 0;
    for (const Language& lang : languages) {
        SCOPED_TRACE(lang.dictionary);
        if (!fs::exists(lang.dictionary) || !fs::exists(lang.words)) {
            std::printf("skipping %s: %s or %s is missing\n", lang.dictionary, lang.dictionary, lang.words);
            continue;
        }
        auto t0 = std::chrono::steady_clock::now();
        const Dict theirs(hnj_hyphen_load(lang.dictionary));
        const double theirs_s = seconds_since(t0);
        t0 = std::chrono::steady_clock::now();
        const Dict ours(load_hyphen_dictionary(lang.dictionary));
        const double ours_s = seconds_since(t0);
        ASSERT_NE(theirs, nullptr);
        ASSERT_NE(ours, nullptr);
        expect_same_automaton(ours.get(), theirs.get());

        // The flat automaton three ways: built in memory, and through the cache (written on the
        // first open, mapped from the file on the second).
        t0 = std::chrono::steady_clock::now();
        const std::optional<std::string> image = build_flat_hyphen_dictionary(lang.dictionary);
        const double flat_s = seconds_since(t0);
        ASSERT_TRUE(image.has_value());
        const std::optional<FlatHyphenDict> built = FlatHyphenDict::view(*image);
        ASSERT_TRUE(built.has_value());
        const fs::path cache_dir = fs::temp_directory_path() / ("folio-hyphen-cache-" + std::to_string(::getpid()));
        fs::remove_all(cache_dir);
        const auto written = FlatDictionaryFile::open(lang.dictionary, cache_dir);
        ASSERT_NE(written, nullptr);
        EXPECT_FALSE(written->from_cache());
        t0 = std::chrono::steady_clock::now();
        const auto cached = FlatDictionaryFile::open(lang.dictionary, cache_dir);
        const double cached_s = seconds_since(t0);
        ASSERT_NE(cached, nullptr);
        EXPECT_TRUE(cached->from_cache());
        long flat_deferred = 0, cached_deferred = 0, flat_differing = 0;

        WordConverter convert(*theirs);
        ASSERT_TRUE(convert.ok());
        std::ifstream in(lang.words);
        std::string line;
        long words = 0, skipped = 0, differing = 0, with_points = 0, with_rep = 0;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty()) continue;
            if (!folio::base::utf8::is_valid(line)) {
                ++skipped;
                continue;
            }
            const std::string word = convert(line);
            if (word.empty()) {
                ++skipped;
                continue;
            }
            ++words;
            const Result a = hyphenate(ours.get(), word);
            const Result b = hyphenate(theirs.get(), word);
            if (!(a == b)) {
                if (++differing <= 10) ADD_FAILURE() << line << ": ours " << show(a) << ", libhyphen " << show(b);
            }
            std::string why;
            if (!flat_agrees(*built, word, b, flat_deferred, why) ||
                !flat_agrees(cached->dict(), word, b, cached_deferred, why)) {
                if (++flat_differing <= 10) ADD_FAILURE() << line << ": " << why;
            }
            if (b.hyphens.find_first_of("13579") != std::string::npos) ++with_points;
            if (!b.rep.empty()) ++with_rep;
        }
        EXPECT_EQ(differing, 0);
        EXPECT_EQ(flat_differing, 0);
        EXPECT_EQ(flat_deferred, cached_deferred);
        EXPECT_GT(words, 0);
        fs::remove_all(cache_dir);
        ++compared_languages;
        int states = 0;
        for (const HyphenDict* level = theirs.get(); level != nullptr; level = level->nextlevel) {
            states += level->num_states;
        }
        std::printf("%s: %d states, libhyphen load %.3f s, ours %.3f s, flat build %.3f s (%zu bytes), "
                    "cache map %.4f s; %ld words compared (%ld with points, %ld with replacements), %ld skipped, "
                    "%ld differ; flat lookup: %ld differ, %ld left to libhyphen\n",
                    lang.dictionary, states, theirs_s, ours_s, flat_s, image->size(), cached_s, words,
                    with_points, with_rep, skipped, differing, flat_differing, flat_deferred);
    }
    if (compared_languages == 0) GTEST_SKIP() << "no dictionary with its word list is installed";
}
