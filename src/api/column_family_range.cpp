// column_family::get_range: a key or token range read page by page (pycassa's get_range).
//
// Each page is one get_range_slices call of read.buffer_size rows. The next page starts at the
// last key fetched (start keys are inclusive), so its first row repeats that key and is dropped.
//
// Prefetch: when a page arrives and more may follow, the next page's request is co_spawned at
// once (start_prefetch) and completes into a range_prefetch shared by the range and the task;
// fetch_page then waits for it (a timer that the task cancels) instead of sending a request.
// Lifetime: the task holds the shared state, never the range. It checks, before it touches the
// pool, that a copy of the range still exists (range_prefetch_guard, whose destructor marks the
// state abandoned): the pool must outlive the range, so it is alive then; once the request is
// sent, pool::run keeps the pool's internals alive until it completes, whatever happens to the
// pool object. A page whose range is gone is dropped.
#include <cppcassa/column_family.hpp>

#include "api/column_family_requests.hpp"

#include <cppcassa/errors.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

namespace cppcassa {

namespace api {

struct range_prefetch {
    thrift::get_range_slices_args args;
    std::size_t wanted = 0;
    operation_options op;
    std::optional<std::vector<thrift::KeySlice>> slices;
    std::exception_ptr error;
    bool done = false;
    bool abandoned = false;
    std::optional<boost::asio::steady_timer> wake;   // set while fetch_page waits; cancelled when done
};

struct range_prefetch_guard {
    std::shared_ptr<range_prefetch> state;
    range_prefetch_guard() = default;
    range_prefetch_guard(const range_prefetch_guard&) = delete;
    range_prefetch_guard& operator=(const range_prefetch_guard&) = delete;
    ~range_prefetch_guard() {
        if (state)
            state->abandoned = true;
    }
};

}  // namespace api

namespace {

boost::asio::awaitable<void> prefetch_page(std::shared_ptr<api::range_prefetch> state, pool* p) {
    if (state->abandoned)
        co_return;   // the range is gone: the pool may be too
    auto call = [&state](connection& c) { return c.get_range_slices(state->args); };
    try {
        state->slices = co_await p->execute(call, state->op);
    } catch (...) {
        state->error = std::current_exception();
    }
    state->done = true;
    if (state->wake)
        state->wake->cancel();
}

}  // namespace

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

namespace {

// The request of the page after `pages` pages, given the last key fetched and rows returned.
api::range_prefetch page_request(const api::cf_codec& codec, const range_options& options,
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
    api::range_prefetch request;
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

}  // namespace

void row_range::start_prefetch(const boost::asio::any_io_executor& executor) {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    auto state = std::make_shared<api::range_prefetch>(
        page_request(codec, options_, cf_.read_cl_, pages_, returned_, last_key_));
    if (!guard_)
        guard_ = std::make_shared<api::range_prefetch_guard>();
    guard_->state = state;
    prefetch_ = state;
    auto task = prefetch_page(std::move(state), cf_.pool_);
    boost::asio::co_spawn(executor, std::move(task), boost::asio::detached);
}

boost::asio::awaitable<void> row_range::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    const auto& read = options_.read;
    const auto plan = codec.plan_read(read, false);
    std::shared_ptr<api::range_prefetch> request = std::move(prefetch_);
    prefetch_.reset();
    std::vector<thrift::KeySlice> slices;
    if (request) {
        if (!request->done) {
            const auto executor = co_await boost::asio::this_coro::executor;
            request->wake.emplace(executor);
            request->wake->expires_at(boost::asio::steady_timer::time_point::max());
            boost::system::error_code ignored;
            auto token = boost::asio::redirect_error(boost::asio::use_awaitable, ignored);
            co_await request->wake->async_wait(token);
            request->wake.reset();
        }
        if (request->error)
            std::rethrow_exception(request->error);
        slices = std::move(*request->slices);
    } else {
        auto fresh = page_request(codec, options_, cf_.read_cl_, pages_, returned_, last_key_);
        auto call = [&fresh](connection& c) { return c.get_range_slices(fresh.args); };
        slices = co_await cf_.pool_->execute(call, fresh.op);
        request = std::make_shared<api::range_prefetch>(std::move(fresh));
    }
    const std::size_t wanted = request->wanted;

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
    // No prefetch past row_count: the rows this page brings may already be the last wanted.
    const bool counted_out = options_.row_count && returned_ + page_.size() >= *options_.row_count;
    if (!exhausted_ && !counted_out) {
        const auto executor = co_await boost::asio::this_coro::executor;
        start_prefetch(executor);
    }
}

}  // namespace cppcassa
