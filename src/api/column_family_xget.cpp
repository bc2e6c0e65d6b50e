// column_family::xget: one row's columns read page by page (pycassa's xget).
//
// Each page is one get_slice of read.buffer_size columns starting at the last column fetched
// (inclusive), whose repeat is dropped. The next start is the packed name as Cassandra returned
// it, never re-packed from its unpacked value (pycassa once broke after 1024 columns that way).
#include <cppcassa/column_family.hpp>

#include "api/column_family_requests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace cppcassa {

column_sequence column_family::xget(value key) const {
    const read_options options;
    return xget(std::move(key), options);
}

column_sequence column_family::xget(value key, read_options options) const {
    if (options.buffer_size == 0)
        throw std::invalid_argument("xget: read.buffer_size must be at least 1");
    if (types_->is_super() && !options.super_column)
        throw std::invalid_argument(
            fmt::format("xget on super column family '{}': give read.super_column (xget reads columns)", name_));
    return column_sequence(*this, std::move(key), std::move(options));
}

column_sequence::column_sequence(column_family cf, value key, read_options options)
    : cf_(std::move(cf)), key_(std::move(key)), options_(std::move(options)) {}

boost::asio::awaitable<std::optional<column>> column_sequence::next() {
    for (;;) {
        if (options_.column_count && returned_ >= static_cast<std::size_t>(std::max(*options_.column_count, 0)))
            co_return std::nullopt;
        if (position_ == page_.size()) {
            if (exhausted_)
                co_return std::nullopt;
            co_await fetch_page();
            continue;
        }
        ++returned_;
        co_return std::optional<column>(std::move(page_[position_++]));
    }
}

boost::asio::awaitable<void> column_sequence::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    // Names, or inside a super column: one call gives the whole answer.
    const bool single = options_.columns.has_value() || options_.super_column.has_value();
    read_options page = options_;
    std::size_t wanted = std::numeric_limits<std::int32_t>::max();
    if (!single) {
        wanted = options_.buffer_size;
        if (options_.column_count) {
            const std::size_t left = static_cast<std::size_t>(std::max(*options_.column_count, 0)) - returned_;
            wanted = std::min(wanted, left + (pages_ > 0 ? 1 : 0));
        }
        if (pages_ > 0)
            wanted = std::max<std::size_t>(wanted, 2);
        wanted = std::min<std::size_t>(wanted, std::numeric_limits<std::int32_t>::max());
        page.column_count = static_cast<std::int32_t>(wanted);
    }
    auto plan = codec.plan_read(page, false);
    if (!single && pages_ > 0)
        plan.predicate.slice_range->start = last_name_;
    thrift::get_slice_args args;
    args.key = codec.pack_key(key_);
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = options_.read_consistency_level.value_or(cf_.read_cl_);
    operation_options op;
    op.timeout = options_.timeout;
    op.routing_key = args.key;
    auto call = [&args](connection& c) { return c.get_slice(args); };
    auto fetched = co_await cf_.pool_->execute(call, op);
    if (plan.whole_super_column)
        fetched = codec.slice_super_column(fetched, options_, false);

    const bool repeats_first = pages_ > 0;
    ++pages_;
    exhausted_ = single || fetched.size() < wanted;
    const auto r = codec.to_row(args.key, fetched, options_.super_column.has_value());
    page_.clear();
    position_ = 0;
    bool first = true;
    for (const auto& c : r.columns) {
        const bool repeat = repeats_first && first && c.packed_name == last_name_;
        first = false;
        if (!repeat)
            page_.push_back(c);
    }
    if (!r.columns.empty())
        last_name_ = r.columns.back().packed_name;
    else
        exhausted_ = true;
}

}  // namespace cppcassa
