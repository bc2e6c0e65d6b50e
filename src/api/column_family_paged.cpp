// column_family::get_paged_slice: every column of a key or token range, paged by columns across
// rows and through wide rows (Thrift get_paged_slice).
//
// Each page asks for read.buffer_size (KeyRange.count) starting at the last row fetched and, in
// that row, at the last column fetched (both inclusive), so the first column of a later page
// repeats the previous page's last one and is dropped. The IDL counts `count` in columns, but
// Cassandra 3.11 counts it in rows (partitions), each returned whole from start_column (seen in
// the test: 4 rows of 20 columns come in one page of count 4). So a page is the last only when it
// is short in both measures, or when it brings nothing new.
#include <cppcassa/column_family.hpp>

#include "api/column_family_requests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace cppcassa {

paged_slice column_family::get_paged_slice(range_options options) const {
    if (types_->is_super())
        throw std::invalid_argument(
            fmt::format("get_paged_slice on super column family '{}': standard column families only", name_));
    const auto& read = options.read;
    if (read.columns || !read.column_start.empty() || !read.column_finish.empty() || read.column_reversed ||
        read.column_count || read.super_column || !options.row_filter.empty() || options.row_count)
        throw std::invalid_argument("get_paged_slice reads every column of every row in the range: give no slice, "
                                    "super column, row filter or row_count");
    // Same checks as get_range (buffer size, keys or tokens).
    (void)get_range(options);
    // Never 1: a later page repeats its first column and would never move on.
    options.read.buffer_size = std::max<std::size_t>(options.read.buffer_size, 2);
    return paged_slice(*this, std::move(options));
}

paged_slice::paged_slice(column_family cf, range_options options) : cf_(std::move(cf)), options_(std::move(options)) {}

boost::asio::awaitable<std::optional<keyed_column>> paged_slice::next() {
    for (;;) {
        if (position_ < page_.size())
            co_return std::optional<keyed_column>(std::move(page_[position_++]));
        if (exhausted_)
            co_return std::nullopt;
        co_await fetch_page();
    }
}

boost::asio::awaitable<void> paged_slice::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    const auto& read = options_.read;
    const std::size_t wanted = std::min<std::size_t>(read.buffer_size, std::numeric_limits<std::int32_t>::max());
    thrift::get_paged_slice_args args;
    args.column_family = cf_.name_;
    args.consistency_level = read.read_consistency_level.value_or(cf_.read_cl_);
    args.range.count = static_cast<std::int32_t>(wanted);
    if (pages_ > 0) {
        args.range.start_key = last_key_;
        args.start_column = last_name_;
    } else if (options_.start_token) {
        args.range.start_token = *options_.start_token;
    } else {
        args.range.start_key = codec.pack_key(options_.start_key);
    }
    if (options_.finish_token)
        args.range.end_token = *options_.finish_token;
    else
        args.range.end_key = codec.pack_key(options_.finish_key);
    operation_options op;
    op.timeout = read.timeout;
    auto call = [&args](connection& c) { return c.get_paged_slice(args); };
    const auto slices = co_await cf_.pool_->execute(call, op);

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
}

}  // namespace cppcassa
