// column_family::get_range: a key or token range read page by page (pycassa's get_range).
//
// Each page is one get_range_slices call of read.buffer_size rows. The next page starts at the
// last key fetched (start keys are inclusive), so its first row repeats that key and is dropped.
#include <cppcassa/column_family.hpp>

#include "api/column_family_requests.hpp"

#include <cppcassa/errors.hpp>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace cppcassa {

row_range column_family::get_range() const {
    const range_options options;
    return get_range(options);
}

row_range column_family::get_range(range_options options) const {
    if (options.read.buffer_size == 0)
        throw std::invalid_argument("get_range: read.buffer_size must be at least 1");
    if ((options.start_token || options.finish_token) && (!options.start_key.empty() || !options.finish_key.empty()))
        throw std::invalid_argument("get_range: give a key range or a token range, not both");
    // Cassandra refuses a start token with an end key ("not a supported key range").
    if (options.start_token.has_value() != options.finish_token.has_value())
        throw std::invalid_argument("get_range: give both start_token and finish_token (the partitioner's minimum "
                                    "token as finish reaches the end of the ring)");
    return row_range(*this, std::move(options));
}

row_range column_family::get_indexed_slices(std::vector<index_expression> expressions) const {
    const range_options options;
    return get_indexed_slices(std::move(expressions), options);
}

row_range column_family::get_indexed_slices(std::vector<index_expression> expressions, range_options options) const {
    if (expressions.empty())
        throw std::invalid_argument("get_indexed_slices: give at least one index expression");
    options.row_filter = std::move(expressions);
    return get_range(std::move(options));
}

row_range::row_range(column_family cf, range_options options) : cf_(std::move(cf)), options_(std::move(options)) {}

boost::asio::awaitable<std::optional<row>> row_range::next() {
    for (;;) {
        if (options_.row_count && returned_ >= *options_.row_count)
            co_return std::nullopt;
        if (position_ == page_.size()) {
            if (exhausted_)
                co_return std::nullopt;
            co_await fetch_page();
            continue;
        }
        row r = std::move(page_[position_++]);
        if (options_.filter_empty && r.empty())
            continue;
        ++returned_;
        co_return std::optional<row>(std::move(r));
    }
}

boost::asio::awaitable<void> row_range::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    const auto& read = options_.read;
    // A later page repeats its first row, so it asks for one more; never 1, which would only
    // repeat the last row and never move on.
    std::size_t wanted = read.buffer_size;
    if (options_.row_count) {
        const std::size_t left = *options_.row_count - returned_;
        wanted = std::min(wanted, left + (pages_ > 0 ? 1 : 0));
    }
    if (pages_ > 0)
        wanted = std::max<std::size_t>(wanted, 2);
    const auto plan = codec.plan_read(read, false);
    thrift::get_range_slices_args args;
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = read.read_consistency_level.value_or(cf_.read_cl_);
    args.range.count = static_cast<std::int32_t>(std::min<std::size_t>(wanted, INT32_MAX));
    if (pages_ == 0 && options_.start_token)
        args.range.start_token = *options_.start_token;
    else if (pages_ == 0)
        args.range.start_key = codec.pack_key(options_.start_key);
    else
        args.range.start_key = last_key_;
    if (options_.finish_token)
        args.range.end_token = *options_.finish_token;
    else
        args.range.end_key = codec.pack_key(options_.finish_key);
    if (!options_.row_filter.empty()) {
        std::vector<thrift::IndexExpression> filter;
        for (const auto& e : options_.row_filter) {
            thrift::IndexExpression x;
            x.column_name = pack(*codec.name_type(false), e.column);
            x.op = e.op;
            x.value = pack(codec.types->value_type(x.column_name), e.value);
            filter.push_back(std::move(x));
        }
        args.range.row_filter = std::move(filter);
    }
    operation_options op;
    op.timeout = read.timeout;
    auto call = [&args](connection& c) { return c.get_range_slices(args); };
    const auto slices = co_await cf_.pool_->execute(call, op);

    const bool repeats_first = pages_ > 0;
    ++pages_;
    page_.clear();
    position_ = 0;
    exhausted_ = slices.size() < wanted;
    for (std::size_t i = 0; i < slices.size(); ++i) {
        if (i == 0 && repeats_first && slices[i].key == last_key_)
            continue;
        if (plan.whole_super_column) {
            const auto columns = codec.slice_super_column(slices[i].columns, read, false);
            page_.push_back(codec.to_row(slices[i].key, columns, true));
        } else {
            page_.push_back(codec.to_row(slices[i].key, slices[i].columns, read.super_column.has_value()));
        }
    }
    if (!slices.empty())
        last_key_ = slices.back().key;
    else
        exhausted_ = true;
}

}  // namespace cppcassa
