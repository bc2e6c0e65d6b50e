// column_family::xget and xget_super_columns: one row's columns, or a super column family row's
// super columns, read page by page (pycassa's xget).
//
// Each page is one get_slice of read.buffer_size columns (super columns) starting at the last
// one fetched (inclusive), whose repeat is dropped. The next start is the packed name as
// Cassandra returned it, never re-packed from its unpacked value (pycassa once broke after 1024
// columns that way). The next page is prefetched as in get_range (column_family_prefetch.hpp).
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

namespace {

using slice_result = std::vector<thrift::ColumnOrSuperColumn>;

struct slice_request {
    thrift::get_slice_args args;
    std::size_t wanted = 0;
    operation_options op;
    bool whole_super_column = false;
    bool single = false;   // the whole answer in one call: no later page
};

// The request of the page after `pages` pages (`returned` items handed out, `last_name` the
// packed name of the last one fetched).
slice_request page_request(const api::cf_codec& codec, const value& key, const read_options& options,
                           thrift::ConsistencyLevel default_level, std::size_t pages, std::size_t returned,
                           const std::string& last_name) {
    // Names, or inside a super column: one call gives the whole answer.
    const bool single = options.columns.has_value() || options.super_column.has_value();
    read_options page = options;
    std::size_t wanted = std::numeric_limits<std::int32_t>::max();
    if (!single) {
        wanted = options.buffer_size;
        if (options.column_count) {
            const std::size_t total = static_cast<std::size_t>(std::max(*options.column_count, 0));
            const std::size_t left = total - std::min(returned, total);
            // A later page repeats its first item, so it asks for one more.
            wanted = std::min(wanted, left + (pages > 0 ? 1 : 0));
        }
        // Never 1 on a later page: it would only repeat the last item and never move on.
        if (pages > 0)
            wanted = std::max<std::size_t>(wanted, 2);
        wanted = std::min<std::size_t>(wanted, std::numeric_limits<std::int32_t>::max());
        page.column_count = static_cast<std::int32_t>(wanted);
    }
    auto plan = codec.plan_read(page, false);
    if (!single && pages > 0)
        plan.predicate.slice_range->start = last_name;
    slice_request request;
    request.args.key = codec.pack_key(key);
    request.args.column_parent = plan.parent;
    request.args.predicate = plan.predicate;
    request.args.consistency_level = options.read_consistency_level.value_or(default_level);
    request.wanted = wanted;
    request.op.timeout = options.timeout;
    request.op.routing_key = request.args.key;
    request.whole_super_column = plan.whole_super_column;
    request.single = single;
    return request;
}

void check_buffer_size(const read_options& options, const char* call) {
    if (options.buffer_size == 0)
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("{}: read.buffer_size must be at least 1", call));
}

// A page's Thrift call.
constexpr auto send_slice = [](connection& c, const thrift::get_slice_args& args) { return c.get_slice(args); };

// The items of a fetched slice: the columns (of the super column read, if any), or the super columns.
column_list items_of(const api::cf_codec& codec, const slice_request& request, slice_result fetched,
                     const read_options& options, const column*) {
    if (request.whole_super_column)
        fetched = codec.slice_super_column(fetched, options, false);
    return codec.to_row(request.args.key, fetched, options.super_column.has_value()).columns;
}

super_column_list items_of(const api::cf_codec& codec, const slice_request& request, const slice_result& fetched,
                           const read_options&, const super_column*) {
    return codec.to_row(request.args.key, fetched, false).super_columns;
}

}  // namespace

column_sequence column_family::xget(value key) const {
    const read_options options;
    return xget(std::move(key), options);
}

column_sequence column_family::xget(value key, read_options options) const {
    check_buffer_size(options, "xget");
    if (types_->is_super() && !options.super_column)
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("xget on super column family '{}': give read.super_column, or use xget_super_columns", name_));
    return column_sequence(*this, std::move(key), std::move(options));
}

super_column_sequence column_family::xget_super_columns(value key) const {
    const read_options options;
    return xget_super_columns(std::move(key), options);
}

super_column_sequence column_family::xget_super_columns(value key, read_options options) const {
    check_buffer_size(options, "xget_super_columns");
    if (!types_->is_super())
        throw usage_error(
            client_errc::wrong_column_family_kind,
            fmt::format("xget_super_columns on standard column family '{}': use xget", name_));
    if (options.super_column)
        throw usage_error(client_errc::invalid_argument,
                          fmt::format("xget_super_columns on '{}' reads whole super columns: for the sub-columns of "
                                      "one, use xget with read.super_column",
                                      name_));
    return super_column_sequence(*this, std::move(key), std::move(options));
}

// ---- detail::slice_sequence: column_sequence and super_column_sequence ----

namespace detail {

template <class Item>
slice_sequence<Item>::slice_sequence(column_family cf, value key, read_options options)
    : cf_(std::move(cf)),
      key_(std::move(key)),
      options_(std::move(options)),
      trace_first_(detail::column_family_access::take_trace(cf_)) {}

template <class Item>
std::size_t slice_sequence<Item>::buffered() const noexcept {
    return api::held(page_.size() - position_, prefetch_);
}

template <class Item>
boost::asio::awaitable<std::optional<Item>> slice_sequence<Item>::next() {
    note_buffered();
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
        co_return std::optional<Item>(std::move(page_[position_++]));
    }
}

template <class Item>
boost::asio::awaitable<void> slice_sequence<Item>::fetch_page() {
    const api::cf_codec codec{cf_.name_, cf_.types_};
    const auto request = page_request(codec, key_, options_, cf_.read_cl_, pages_, returned_, last_name_);
    const bool trace = std::exchange(trace_first_, false);
    auto page = co_await api::next_page(cf_, prefetch_, request, send_slice, trace);
    auto& fetched = page.first;
    const std::size_t wanted = page.second;
    const std::size_t count = fetched.size();
    const Item* kind = nullptr;
    const auto items = items_of(codec, request, std::move(fetched), options_, kind);

    // The fetched slice becomes the current page, without a repeated first item.
    const bool repeats_first = pages_ > 0;
    ++pages_;
    exhausted_ = request.single || count < wanted || items.empty();
    page_.clear();
    position_ = 0;
    bool first = true;
    for (const auto& item : items) {
        const bool repeat = repeats_first && first && item.packed_name == last_name_;
        first = false;
        if (!repeat)
            page_.push_back(item);
    }
    if (!items.empty())
        last_name_ = items.back().packed_name;
    note_buffered();
    // No prefetch past column_count: this page may hold the last items wanted.
    const bool counted_out = options_.column_count &&
                             returned_ + page_.size() >= static_cast<std::size_t>(std::max(*options_.column_count, 0));
    if (!exhausted_ && !counted_out) {
        auto next = page_request(codec, key_, options_, cf_.read_cl_, pages_, returned_ + page_.size(), last_name_);
        const auto executor = co_await boost::asio::this_coro::executor;
        api::prefetch_next(prefetch_, executor, cf_.pool_, std::move(next), send_slice);
    }
}

template class slice_sequence<column>;
template class slice_sequence<super_column>;

}  // namespace detail

}  // namespace cppcassa
