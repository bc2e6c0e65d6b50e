#include "pool/host_set.hpp"

#include <cppcassa/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace cppcassa::detail {

server_address parse_server(const std::string& text) {
    auto bad = [&](const char* why) {
        return usage_error(client_errc::invalid_argument,
                           fmt::format("pool server \"{}\": {} (expected \"host:port\")", text, why));
    };
    server_address address;
    std::string_view rest;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos)
            throw bad("unterminated [");
        address.host = text.substr(1, close - 1);
        rest = std::string_view(text).substr(close + 1);
        if (!rest.empty() && rest.front() != ':')
            throw bad("text after ]");
    } else {
        const auto colon = text.rfind(':');
        address.host = text.substr(0, colon);
        if (colon != std::string::npos)
            rest = std::string_view(text).substr(colon);
    }
    if (address.host.empty())
        throw bad("no host");
    if (!rest.empty()) {
        rest.remove_prefix(1);
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), port);
        if (ec != std::errc() || end != rest.data() + rest.size() || port == 0 || port > 65535)
            throw bad("bad port");
        address.port = static_cast<std::uint16_t>(port);
    }
    return address;
}

std::string endpoint_of(const server_address& address) {
    if (address.host.find(':') != std::string::npos)
        return fmt::format("[{}]:{}", address.host, address.port);
    return fmt::format("{}:{}", address.host, address.port);
}

host_set::host_set(const std::vector<std::string>& servers, backoff_config backoff, bool round_robin)
    : backoff_(backoff), round_robin_(round_robin) {
    if (servers.empty())
        throw usage_error(client_errc::invalid_argument,
                          "pool_config::servers is empty: give at least one \"host:port\"");
    for (const auto& text : servers) {
        host h;
        h.address = parse_server(text);
        h.endpoint = endpoint_of(h.address);
        h.stats.endpoint = h.endpoint;
        hosts_.push_back(std::move(h));
    }
}

std::optional<std::size_t> host_set::pick(clock::time_point now) {
    const std::size_t n = hosts_.size();
    const std::size_t start = round_robin_ ? next_ : 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t index = (start + i) % n;
        if (is_up(index, now)) {
            if (round_robin_)
                next_ = (index + 1) % n;
            return index;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> host_set::next_having(const net::feature_need& need, std::size_t after,
                                                 const std::vector<std::size_t>& tried,
                                                 clock::time_point now) const {
    std::optional<std::size_t> unknown;
    for (std::size_t step = 1; step <= hosts_.size(); ++step) {
        const std::size_t index = (after + step) % hosts_.size();
        if (!is_up(index, now) || std::ranges::find(tried, index) != tried.end())
            continue;
        const auto& version = hosts_[index].stats.server_version;
        if (version && net::has(*version, need))
            return index;
        if (!version && !unknown)
            unknown = index;
    }
    return unknown;
}

bool host_set::mark_down(std::size_t index, const std::string& reason, clock::time_point now) {
    host& h = hosts_[index];
    h.stats.failures++;
    h.stats.last_error = reason;
    // Several operations may fail on the same host at once: one outage, one mark.
    if (h.down_until > now)
        return false;
    h.backoff = h.backoff.count() == 0 ? backoff_.initial : std::min(h.backoff * 2, backoff_.max);
    h.down_until = now + h.backoff;
    h.stats.marked_down++;
    return true;
}

bool host_set::mark_up(std::size_t index) {
    const bool was_down = hosts_[index].backoff.count() > 0;
    hosts_[index].backoff = std::chrono::milliseconds(0);
    hosts_[index].down_until = clock::time_point{};
    return was_down;
}

host_set::added host_set::add_discovered(const server_address& address) {
    const auto endpoint = endpoint_of(address);
    if (const auto index = find(endpoint)) {
        const bool back = hosts_[*index].stats.left;
        hosts_[*index].stats.left = false;
        return {*index, back};
    }
    host h;
    h.address = address;
    h.endpoint = endpoint;
    h.stats.endpoint = endpoint;
    h.stats.discovered = true;
    hosts_.push_back(std::move(h));
    return {hosts_.size() - 1, true};
}

std::optional<std::size_t> host_set::find(const std::string& endpoint) const {
    for (std::size_t i = 0; i < hosts_.size(); ++i)
        if (hosts_[i].endpoint == endpoint)
            return i;
    return std::nullopt;
}

std::vector<server_failure> host_set::failures(clock::time_point now) const {
    std::vector<server_failure> result;
    for (const auto& h : hosts_) {
        if (h.stats.left)
            continue;
        std::string reason = h.stats.last_error.empty() ? "no error recorded" : h.stats.last_error;
        if (h.down_until > now)
            reason += fmt::format(" (skipped for {} ms more)",
                                  std::chrono::ceil<std::chrono::milliseconds>(h.down_until - now).count());
        result.push_back({h.endpoint, std::move(reason)});
    }
    return result;
}

}  // namespace cppcassa::detail
