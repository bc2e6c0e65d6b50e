// column_family::get_range: a key or token range read page by page (pycassa's get_range).
//
// Each page is one get_range_slices call of read.buffer_size rows. The next page starts at the
// last key fetched (start keys are inclusive), so its first row repeats that key and is dropped.
//
// Prefetch: when a page arrives and more may follow, the next page's request is started at once
// in the background (api::prefetcher, column_family_prefetch.hpp, which also explains why a range
// dropped with a page in flight is safe); fetch_page then takes it instead of sending a request.
#include <cppcassa/column_family.hpp>

#include "api/column_family_prefetch.hpp"
#include "api/column_family_requests.hpp"

#include <cppcassa/errors.hpp>

#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <utility>

namespace cppcassa {

namespace {

// One page's request: what is sent, and how many rows it asks for.
struct range_request {
    thrift::get_range_slices_args args;
    std::size_t wanted = 0;
    operation_options op;
};

}  // namespace

row_range column_family::get_range() const {
    const range_options options;
    return get_range(options);
}

row_range column_family::get_range(range_options options) const {
    if (options.read.buffer_size == 0)
        throw usage_error(client_errc::invalid_argument, "get_range: read.buffer_size must be at least 1");
    if ((options.start_token || options.finish_token) && (!options.start_key.empty() || !options.finish_key.empty()))
        throw usage_error(client_errc::conflicting_arguments,
                          "get_range: give a key range or a token range, not both");
    // Cassandra refuses a start token with an end key ("not a supported key range").
    if (options.start_token.has_value() != options.finish_token.has_value())
        throw usage_error(client_errc::conflicting_arguments,
                          "get_range: give both start_token and finish_token (the partitioner's minimum token as "
                          "finish reaches the end of the ring)");
    return row_range(*this, std::move(options));
}

row_range column_family::get_indexed_slices(std::vector<index_expression> expressions) const {
    const range_options options;
    return get_indexed_slices(std::move(expressions), options);
}

row_range column_family::get_indexed_slices(std::vector<index_expression> expressions, range_options options) const {
    if (expressions.empty())
        throw usage_error(client_errc::invalid_argument,
                          "get_indexed_slices: give at least one index expression");
    options.row_filter = std::move(expressions);
    return get_range(std::move(options));
}

row_range::row_range(column_family cf, range_options options)
    : cf_(std::move(cf)),
      options_(std::move(options)),
      trace_first_(detail::column_family_access::take_trace(cf_)) {}

std::size_t row_range::buffered() const noexcept { return api::held(page_.size() - position_, prefetch_); }

boost::asio::awaitable<std::optional<row>> row_range::next() {
    note_buffered();
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

namespace {

// The request of the page after `pages` pages, given the last key fetched and rows returned.
range_request page_request(const api::cf_codec& codec, const range_options& options,
                                 thrift::ConsistencyLevel default_level, std::size_t pages, std::size_t returned,
                                 const std::string& last_key) {
    const auto& read = options.read;
    // A later page repeats its first row, so it asks for one more; never 1, which would only
    // repeat the last row and never move on.
    std::size_t wanted = read.buffer_size;
    if (options.row_count) {
        const std::size_t left = *options.row_count - std::min(returned, *options.row_count);
        wanted = std::min(wanted, left + (pages > 0 ? 1 : 0));
    }
    if (pages > 0)
        wanted = std::max<std::size_t>(wanted, 2);
    const auto plan = codec.plan_read(read, false);
    range_request request;
    auto& args = request.args;
    args.column_parent = plan.parent;
    args.predicate = plan.predicate;
    args.consistency_level = read.read_consistency_level.value_or(default_level);
    args.range.count = static_cast<std::int32_t>(std::min<std::size_t>(wanted, INT32_MAX));
    if (pages == 0 && options.start_token)
        args.range.start_token = *options.start_token;
    else if (pages == 0)
        args.range.start_key = codec.pack_key(options.start_key);
    else
        args.range.start_key = last_key;
    if (options.finish_token)
        args.range.end_token = *options.finish_token;
    else
        args.range.end_key = codec.pack_key(options.finish_key);
    if (!options.row_filter.empty()) {
        std::vector<thrift::IndexExpression> filter;
        for (const auto& e : options.row_filter) {
            thrift::IndexExpression x;
            x.column_name = pack(*codec.name_type(false), e.column);
            x.op = e.op;
            x.value = pack(codec.types->value_type(x.column_name), e.value);
            filter.push_back(std::move(x));
        }
        args.range.row_filter = std::move(filter);
    }
    request.wanted = wanted;
    request.op.timeout = read.timeout;
    return request;
}

// A page's Thrift call.
constexpr auto send_range = [](connection& c, const thrift::get_range_slices_args& args) {
    return c.get_range_slices(args);
};

}  // namespace

boost::asio::awaitable<void> row_range::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    const auto& read = options_.read;
    const auto plan = codec.plan_read(read, false);
    const auto request = page_request(codec, options_, cf_.read_cl_, pages_, returned_, last_key_);
    const bool trace = std::exchange(trace_first_, false);
    auto page = co_await api::next_page(cf_, prefetch_, request, send_range, trace);
    auto& slices = page.first;
    const std::size_t wanted = page.second;

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
    note_buffered();
    // No prefetch past row_count: the rows this page brings may already be the last wanted.
    const bool counted_out = options_.row_count && returned_ + page_.size() >= *options_.row_count;
    if (!exhausted_ && !counted_out) {
        auto next = page_request(codec, options_, cf_.read_cl_, pages_, returned_, last_key_);
        const auto executor = co_await boost::asio::this_coro::executor;
        api::prefetch_next(prefetch_, executor, cf_.pool_, std::move(next), send_range);
    }
}

}  // namespace cppcassa
