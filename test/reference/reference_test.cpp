#include "reference/reference_test.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace cppcassa::reference {

int values_per_type() {
    static const int n = [] {
        const char* env = std::getenv("CPPCASSA_REFERENCE_VALUES");
        return env ? std::max(1, std::atoi(env)) : 1000;
    }();
    return n;
}

std::uint64_t base_seed() {
    static const std::uint64_t seed = [] {
        const char* env = std::getenv("CPPCASSA_REFERENCE_SEED");
        return env ? std::strtoull(env, nullptr, 0) : std::uint64_t{0x0cA55A2017};
    }();
    return seed;
}

value_generator generator_for(std::string_view test_name) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (unsigned char c : test_name)
        h = (h ^ c) * 1099511628211ull;
    return value_generator(base_seed() ^ h);
}

namespace {

std::string hex_around(std::string_view bytes, std::size_t at) {
    static constexpr char digits[] = "0123456789abcdef";
    const std::size_t from = at < 16 ? 0 : at - 16;
    const std::size_t to = std::min(bytes.size(), at + 16);
    std::string out = "[" + std::to_string(from) + "] ";
    for (std::size_t i = from; i < to; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (i == at)
            out += "> ";
        out += digits[c >> 4];
        out += digits[c & 15];
        out += ' ';
    }
    return out;
}

}  // namespace

void require_same_bytes(std::string_view ours, std::string_view apache, std::string_view what) {
    if (ours == apache)
        return;
    const std::size_t at = static_cast<std::size_t>(
        std::mismatch(ours.begin(), ours.end(), apache.begin(), apache.end()).first - ours.begin());
    std::ostringstream msg;
    msg << what << ": bytes differ at offset " << at << " (ours " << ours.size() << " bytes, Apache "
        << apache.size() << ")\n  ours:   " << hex_around(ours, at) << "\n  Apache: " << hex_around(apache, at);
    FAIL(msg.str());
}

void register_test(void (*fn)(), const std::string& name) {
    REGISTER_TEST_CASE(fn, name, "[reference]");
}

}  // namespace cppcassa::reference
