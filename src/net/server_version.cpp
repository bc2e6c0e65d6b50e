#include <cppcassa/server_version.hpp>

#include <fmt/format.h>

#include <charconv>

namespace cppcassa {

std::optional<version_number> version_number::parse(std::string_view text) {
    int parts[3] = {0, 0, 0};
    const char* at = text.data();
    const char* end = text.data() + text.size();
    for (int i = 0; i < 3; ++i) {
        const auto [next, ec] = std::from_chars(at, end, parts[i]);
        if (ec != std::errc{} || parts[i] < 0) {
            if (i == 0)
                return std::nullopt;
            parts[i] = 0;
            break;
        }
        at = next;
        // "2.1" ends here; "3.11.19-SNAPSHOT" keeps its numbers and drops the rest.
        if (at == end || *at != '.')
            break;
        ++at;
    }
    return version_number{parts[0], parts[1], parts[2]};
}

std::string version_number::to_string() const { return fmt::format("{}.{}.{}", major, minor, patch); }

std::string server_version::to_string() const {
    if (release)
        return fmt::format("Cassandra {} (Thrift API {})", release->to_string(), api.to_string());
    return fmt::format("Thrift API {}", api.to_string());
}

}  // namespace cppcassa
