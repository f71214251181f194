#include "core/personnummer.hpp"

#include <charconv>

namespace aktkoll {

namespace {

// What a character is to the search: part of a number, a separator that may
// stand inside one (whitespace, or a mark such as a dash), or anything else.
enum class Unit : uint8_t { Digit, Space, Mark, Other };

struct Decoded {
    Unit unit;
    uint8_t bytes;
    char digit = 0;  // ASCII, for a Digit
};

Decoded decode(std::string_view t, size_t i) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (c >= '0' && c <= '9') return {Unit::Digit, 1, static_cast<char>(c)};
    if (c < 0x80) {
        switch (c) {
            case ' ': case '\t': case '\n': case '\r': case '\v': case '\f': return {Unit::Space, 1};
            case '-': case '+': case '/': case '.': return {Unit::Mark, 1};
            default: return {Unit::Other, 1};
        }
    }
    auto at = [&](size_t k) { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u; };
    const unsigned b1 = at(1), b2 = at(2);
    if (c == 0xC2 && b1 == 0xA0) return {Unit::Space, 2};  // no-break space
    if (c == 0xC2 && b1 == 0xAD) return {Unit::Mark, 2};   // soft hyphen
    if (c == 0xE2 && b1 == 0x80) {
        if ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) return {Unit::Space, 3};  // U+2000-200A, line/paragraph separator, narrow no-break space
        if ((b2 >= 0x8B && b2 <= 0x8D) || (b2 >= 0x90 && b2 <= 0x95)) return {Unit::Mark, 3};  // zero-width, hyphens and dashes
    }
    if (c == 0xE2 && b1 == 0x81 && b2 == 0x9F) return {Unit::Space, 3};  // medium mathematical space
    if (c == 0xE2 && b1 == 0x81 && b2 == 0xA0) return {Unit::Mark, 3};   // word joiner
    if (c == 0xE2 && b1 == 0x88 && b2 == 0x92) return {Unit::Mark, 3};   // minus sign
    if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) return {Unit::Space, 3};  // ideographic space
    if (c == 0xEF && b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) return {Unit::Digit, 3, static_cast<char>('0' + (b2 - 0x90))};
    if (c == 0xEF && b1 == 0xBC && (b2 == 0x8B || (b2 >= 0x8D && b2 <= 0x8F))) return {Unit::Mark, 3};  // full-width + - . /
    if (c == 0xEF && b1 == 0xB9 && b2 == 0xA3) return {Unit::Mark, 3};  // small hyphen-minus
    if (c == 0xEF && b1 == 0xBB && b2 == 0xBF) return {Unit::Mark, 3};  // zero-width no-break space
    return {Unit::Other, 1};
}

unsigned two_digits(const char* p) { return static_cast<unsigned>(p[0] - '0') * 10 + static_cast<unsigned>(p[1] - '0'); }

bool valid_day(unsigned month, unsigned day, bool leap) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return false;
    if (day > 60) day -= 60;  // samordningsnummer
    if (day < 1) return false;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// Ten or twelve digits that begin with a date that exists.
bool date_ok(const char* digits, size_t count) {
    const char* ten = count == 12 ? digits + 2 : digits;
    bool leap = false;
    if (count == 12) {
        const unsigned year = two_digits(digits) * 100 + two_digits(digits + 2);
        if (year < 1800) return false;
        leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    } else {
        // The century is unknown; 00 is a leap year in 2000, so accept any multiple of 4.
        leap = two_digits(ten) % 4 == 0;
    }
    return valid_day(two_digits(ten + 2), two_digits(ten + 4), leap);
}

// A run of digits with no separator between them. Windows of consecutive
// groups are the candidates; a group of more than twelve digits is never in one.
struct Group {
    size_t begin = 0, end = 0;  // bytes
    char digits[12] = {};
    uint8_t count = 0;          // 13 stands for "more than twelve"
    bool start_ok = false;      // a candidate may begin here: the run's start, or whitespace before
    bool plus_before = false;   // the gap before it holds a '+'
};

// Scans `text` once, group by group. Groups joined by short gaps of
// separators form a run; the last twelve groups of the current run are kept
// (a window of at most twelve digits spans at most twelve groups). Candidates
// ending at a group are tested once the gap after it is known.
class Finder {
public:
    explicit Finder(std::string_view text) : t_(text) {}

    bool find(size_t from, PersonnummerMatch& m) {
        for (size_t i = from; i < t_.size();) {
            const Decoded d = decode(t_, i);
            if (d.unit == Unit::Digit) {
                if (!in_group_ && begin_group(i, m)) return true;
                add_digit(i, d);
            } else {
                in_group_ = false;
                if (d.unit == Unit::Other) {
                    if (end_run(m)) return true;
                } else if (size_ > 0) {
                    ++gap_units_;
                    gap_space_ = gap_space_ || d.unit == Unit::Space;
                    gap_plus_ = gap_plus_ || t_[i] == '+';
                }
            }
            i += d.bytes;
        }
        return end_run(m);
    }

private:
    static constexpr size_t kMaxGap = 3;  // separator characters between two groups of one run
    std::string_view t_;
    Group ring_[12];
    size_t size_ = 0;  // groups of the current run held, ring_[(head_ + k) % 12]
    size_t head_ = 0;
    bool in_group_ = false;
    size_t gap_units_ = 0;  // separators since the last group
    bool gap_space_ = false, gap_plus_ = false;

    Group& at(size_t k) { return ring_[(head_ + k) % 12]; }
    Group& last() { return at(size_ - 1); }

    // A digit after a gap (or at the start): the previous run goes on or ends.
    // True when a candidate ending before the gap was found.
    bool begin_group(size_t i, PersonnummerMatch& m) {
        const bool joined = size_ > 0 && gap_units_ <= kMaxGap;
        if (size_ > 0 && (!joined || gap_space_) && windows_ending_at_last(m)) return true;
        if (!joined) size_ = 0;
        if (size_ == 12) {
            head_ = (head_ + 1) % 12;
            --size_;
        }
        ++size_;
        Group& g = last();
        g = Group{};
        g.begin = i;
        g.start_ok = !joined || gap_space_;
        g.plus_before = joined && gap_plus_;
        in_group_ = true;
        gap_units_ = 0;
        gap_space_ = gap_plus_ = false;
        return false;
    }

    void add_digit(size_t i, const Decoded& d) {
        Group& g = last();
        if (g.count < 12) g.digits[g.count] = d.digit;
        if (g.count < 13) ++g.count;
        g.end = i + d.bytes;
    }

    bool end_run(PersonnummerMatch& m) {
        in_group_ = false;
        const bool found = size_ > 0 && windows_ending_at_last(m);
        size_ = 0;
        gap_units_ = 0;
        gap_space_ = gap_plus_ = false;
        return found;
    }

    bool windows_ending_at_last(PersonnummerMatch& m) {
        size_t total = 0;
        bool found = false;
        for (size_t k = size_; k-- > 0;) {
            total += at(k).count;
            if (total > 12) break;
            if (at(k).start_ok && (total == 10 || total == 12) && candidate(k, total, m)) found = true;  // the longest wins
        }
        return found;
    }

    bool candidate(size_t first, size_t total, PersonnummerMatch& m) {
        char digits[12];
        size_t n = 0;
        bool plus = false;
        for (size_t k = first; k < size_; ++k) {
            for (size_t j = 0; j < at(k).count; ++j) digits[n++] = at(k).digits[j];
            plus = plus || (k > first && at(k).plus_before);
        }
        if (!date_ok(digits, total)) return false;
        m.begin = at(first).begin;
        m.end = last().end;
        const char* ten = total == 12 ? digits + 2 : digits;
        for (size_t j = 0; j < 10; ++j) m.ten[j] = ten[j];
        m.century = total == 12 ? static_cast<int>(two_digits(digits)) : -1;
        m.plus = plus;
        return true;
    }
};

}  // namespace

bool find_personnummer(std::string_view text, size_t from, PersonnummerMatch& match) {
    return Finder(text).find(from, match);
}

bool looks_like_personnummer(std::string_view text) {
    PersonnummerMatch m;
    if (!may_hold_personnummer(text) || !find_personnummer(text, 0, m)) return false;
    auto separators_only = [&](size_t from, size_t to) {
        for (size_t i = from; i < to;) {
            const Decoded d = decode(text, i);
            if (d.unit != Unit::Space && d.unit != Unit::Mark) return false;
            i += d.bytes;
        }
        return true;
    };
    return separators_only(0, m.begin) && separators_only(m.end, text.size());
}

bool integer_looks_like_personnummer(int64_t value) {
    if (value < 1000000000LL || value >= 1000000000000LL) return false;
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc{}) return false;
    return looks_like_personnummer(std::string_view(buf, static_cast<size_t>(end - buf)));
}

}  // namespace aktkoll
