#include "intake/generate.hpp"

#include <random>
#include <string>

#include <fmt/format.h>

#include "core/date.hpp"

namespace aktkoll {

namespace {

// Rates drawn from the audit reports: implementation plans missing in most
// files, SIP rarely drawn up, instruments used in about half.
struct Rates {
    double investigation_late = 0.15, reason_documented = 0.9, instrument = 0.5, own_view = 0.85,
           children = 0.3, child_perspective = 0.55, granted = 0.8, care_plan = 0.85, with_person = 0.9,
           implementation_plan = 0.25, both_principals = 0.35, sip = 0.35, sip_declined = 0.1, follow_up = 0.8,
           closed = 0.5, unknown = 0.04;
};

class Generator {
public:
    Generator(const GenerateOptions& o) : rng_(o.seed), options_(o) {}

    void run(std::ostream& out) {
        fmt::memory_buffer buf;
        for (uint64_t i = 0; i < options_.cases; ++i) {
            if (options_.bad_fraction > 0 && chance(options_.bad_fraction)) bad_case(buf, i);
            else good_case(buf, i);
            if (buf.size() > (1u << 20)) flush(out, buf);
        }
        flush(out, buf);
    }

private:
    std::mt19937_64 rng_;
    const GenerateOptions& options_;
    Rates r_;

    static void flush(std::ostream& out, fmt::memory_buffer& buf) {
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    // A boolean that is sometimes unknown (null).
    const char* flag(double p_true) { return chance(r_.unknown) ? "null" : chance(p_true) ? "true" : "false"; }

    void event(fmt::memory_buffer& buf, bool& first, const char* type, int day, const std::string& attrs = {}) {
        fmt::format_to(std::back_inserter(buf), "{}{{\"type\":\"{}\",\"date\":\"{}\"{}}}", first ? "" : ",", type,
                       format_date(Date{day}), attrs);
        first = false;
    }

    void good_case(fmt::memory_buffer& buf, uint64_t i) {
        static const char* units[] = {"Vuxenenheten Nord", "Vuxenenheten Syd", "Beroendeenheten", "Mottagningen"};
        static const char* sources[] = {"ansökan", "anmälan", "övrigt"};
        static const char* instruments[] = {"ASI", "AUDIT", "DUDIT", "ADDIS"};
        const int start = date_from_civil(2023, 1, 1).days + between(0, 3 * 365);
        fmt::format_to(std::back_inserter(buf), "{{\"id\":\"S-{:08d}\",\"unit\":\"{}\",\"born\":{},\"children_under_18\":{},\"events\":[",
                       i, units[between(0, 3)], between(1950, 2005), flag(r_.children));
        bool first = true;
        event(buf, first, "aktualisering", start, fmt::format(",\"source\":\"{}\"", sources[between(0, 2)]));
        const int opened = start + (chance(r_.investigation_late) ? between(15, 60) : between(0, 14));
        event(buf, first, "utredning_inledd", opened, fmt::format(",\"skäl_dokumenterat\":{}", flag(r_.reason_documented)));
        if (chance(r_.instrument))
            event(buf, first, "bedömningsinstrument", opened + between(3, 20), fmt::format(",\"instrument\":\"{}\"", instruments[between(0, 3)]));
        const int finished = opened + between(20, 90);
        event(buf, first, "utredning_avslutad", finished,
              fmt::format(",\"enskildes_uppfattning\":{},\"barnperspektiv\":{}", flag(r_.own_view), flag(r_.child_perspective)));
        const bool granted = chance(r_.granted);
        const int decided = finished + between(0, 7);
        event(buf, first, "beslut", decided,
              fmt::format(",\"utfall\":\"{}\",\"insats\":\"öppenvård\",\"lagrum\":\"SoL 4 kap. 1 §\"", granted ? "bifall" : "avslag"));
        if (granted) {
            if (chance(r_.care_plan)) event(buf, first, "vårdplan", decided + between(-3, 40), fmt::format(",\"med_enskilde\":{}", flag(r_.with_person)));
            if (chance(r_.implementation_plan)) event(buf, first, "genomförandeplan", decided + between(1, 45));
            event(buf, first, "insats", decided + between(1, 14), ",\"huvudman\":\"kommun\",\"insats\":\"öppenvård\"");
            if (chance(r_.both_principals)) {
                event(buf, first, "insats", decided + between(1, 30), ",\"huvudman\":\"region\",\"insats\":\"beroendevård\"");
                if (chance(r_.sip_declined)) event(buf, first, "sip_avböjd", decided + between(5, 30));
                else if (chance(r_.sip))
                    event(buf, first, "sip", decided + between(5, 60),
                          fmt::format(",\"insatser_angivna\":{},\"ansvar_fördelat\":{},\"övergripande_ansvar_angivet\":{}", flag(0.9),
                                      flag(0.8), flag(0.6)));
            }
            if (chance(r_.follow_up)) event(buf, first, "uppföljning", decided + between(60, 200));
            if (chance(r_.closed)) event(buf, first, "avslut", decided + between(200, 400), chance(0.8) ? ",\"skäl\":\"(fritext)\"" : "");
        }
        fmt::format_to(std::back_inserter(buf), "]}}\n");
    }

    void bad_case(fmt::memory_buffer& buf, uint64_t i) {
        switch (between(0, 3)) {
            case 0: fmt::format_to(std::back_inserter(buf), "{{\"id\":\"S-{:08d}\",\"events\":[{{\"type\":\"beslut\",\"date\":\"2023-02-30\"}}]}}\n", i); break;
            case 1: fmt::format_to(std::back_inserter(buf), "{{\"id\":\"S-{:08d}\",\"events\":[{{\"date\":\"2023-02-01\"}}]}}\n", i); break;
            case 2: fmt::format_to(std::back_inserter(buf), "{{\"events\":[]}}\n"); break;
            default: fmt::format_to(std::back_inserter(buf), "{{\"id\":\"S-{:08d}\",\"events\":[\n", i); break;
        }
    }
};

}  // namespace

void generate_cases(std::ostream& out, const GenerateOptions& options) { Generator(options).run(out); }

}  // namespace aktkoll
