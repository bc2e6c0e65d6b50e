// column_family::get_paged_slice: every column of a key or token range, paged by columns across
// rows and through wide rows (Thrift get_paged_slice).
//
// Each page asks for read.buffer_size (KeyRange.count) starting at the last row fetched and, in
// that row, at the last column fetched (both inclusive), so the first column of a later page
// repeats the previous page's last one and is dropped. The IDL counts `count` in columns, but
// Cassandra 3.11 counts it in rows (partitions), each returned whole from start_column (seen in
// the test: 4 rows of 20 columns come in one page of count 4). So a page is the last only when it
// is short in both measures, or when it brings nothing new. The next page is prefetched as in
// get_range (column_family_prefetch.hpp).
#include <cppcassa/column_family.hpp>
#include <cppcassa/errors.hpp>

#include "api/column_family_prefetch.hpp"
#include "api/column_family_requests.hpp"

#include <boost/asio/this_coro.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace cppcassa {

paged_slice column_family::get_paged_slice(range_options options) const {
    if (types_->is_super())
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("get_paged_slice on super column family '{}': standard column families only", name_));
    const auto& read = options.read;
    if (read.columns || !read.column_start.empty() || !read.column_finish.empty() || read.column_reversed ||
        read.column_count || read.super_column || !options.row_filter.empty() || options.row_count)
        throw usage_error(client_errc::invalid_argument,
                          "get_paged_slice reads every column of every row in the range: give no slice, super column, "
                          "row filter or row_count");
    // Same checks as get_range (buffer size, keys or tokens); the range made for them must not
    // take an armed trace, which belongs to the paged slice.
    const bool trace = detail::column_family_access::take_trace(*this);
    (void)get_range(options);
    // Never 1: a later page repeats its first column and would never move on.
    options.read.buffer_size = std::max<std::size_t>(options.read.buffer_size, 2);
    paged_slice cells(*this, std::move(options));
    cells.trace_first_ = trace;
    return cells;
}

paged_slice::paged_slice(column_family cf, range_options options) : cf_(std::move(cf)), options_(std::move(options)) {}

std::size_t paged_slice::buffered() const noexcept {
    std::size_t held = page_.size() - position_;
    if (prefetch_)
        if (const auto* arrived = prefetch_->arrived())
            for (const auto& slice : *arrived)
                held += slice.columns.size();
    return held;
}

boost::asio::awaitable<std::optional<keyed_column>> paged_slice::next() {
    note_buffered();
    for (;;) {
        if (position_ < page_.size())
            co_return std::optional<keyed_column>(std::move(page_[position_++]));
        if (exhausted_)
            co_return std::nullopt;
        co_await fetch_page();
    }
}

namespace {

struct paged_request {
    thrift::get_paged_slice_args args;
    std::size_t wanted = 0;
    operation_options op;
};

paged_request page_request(const api::cf_codec& codec, const range_options& options,
                           thrift::ConsistencyLevel default_level, std::size_t pages, const std::string& last_key,
                           const std::string& last_name) {
    const auto& read = options.read;
    paged_request request;
    request.wanted = std::min<std::size_t>(read.buffer_size, std::numeric_limits<std::int32_t>::max());
    auto& args = request.args;
    args.column_family = codec.column_family;
    args.consistency_level = read.read_consistency_level.value_or(default_level);
    args.range.count = static_cast<std::int32_t>(request.wanted);
    if (pages > 0) {
        args.range.start_key = last_key;
        args.start_column = last_name;
    } else if (options.start_token) {
        args.range.start_token = *options.start_token;
    } else {
        args.range.start_key = codec.pack_key(options.start_key);
    }
    if (options.finish_token)
        args.range.end_token = *options.finish_token;
    else
        args.range.end_key = codec.pack_key(options.finish_key);
    request.op.timeout = read.timeout;
    return request;
}

// A page's Thrift call.
constexpr auto send_paged = [](connection& c, const thrift::get_paged_slice_args& args) {
    return c.get_paged_slice(args);
};

}  // namespace

boost::asio::awaitable<void> paged_slice::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    const auto request = page_request(codec, options_, cf_.read_cl_, pages_, last_key_, last_name_);
    const bool trace = std::exchange(trace_first_, false);
    auto page = co_await api::next_page(cf_, prefetch_, request, send_paged, trace);
    auto& slices = page.first;
    const std::size_t wanted = page.second;

    const bool repeats_first = pages_ > 0;
    ++pages_;
    page_.clear();
    position_ = 0;
    std::size_t fetched = 0;
    bool first = true;
    for (const auto& slice : slices) {
        const auto r = codec.to_row(slice.key, slice.columns, false);
        for (const auto& c : r.columns) {
            ++fetched;
            const bool repeat = repeats_first && first && slice.key == last_key_ && c.packed_name == last_name_;
            first = false;
            if (!repeat)
                page_.push_back(keyed_column{r.key, r.packed_key, c});
            last_key_ = slice.key;
            last_name_ = c.packed_name;
        }
    }
    exhausted_ = (slices.size() < wanted && fetched < wanted) || page_.empty();
    note_buffered();
    if (!exhausted_) {
        auto next = page_request(codec, options_, cf_.read_cl_, pages_, last_key_, last_name_);
        const auto executor = co_await boost::asio::this_coro::executor;
        api::prefetch_next(prefetch_, executor, cf_.pool_, std::move(next), send_paged);
    }
}

}  // namespace cppcassa
