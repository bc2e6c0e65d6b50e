// cppcassa::batch: packing into the sans-io queue (batch_queue.cpp) and sending what it hands out
// as batch_mutate (split by replica) or atomic_batch_mutate, keeping what failed for the caller.
#include <cppcassa/batch.hpp>

#include "api/batch_queue.hpp"
#include "api/column_family_requests.hpp"

#include <cppcassa/fan_out.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

namespace cppcassa {

namespace {

// The column family's codec. The types are borrowed (aliasing pointer, no ownership): the codec
// lives only during the call that packs.
api::cf_codec codec_of(const column_family& cf) {
    return {cf.name(), std::shared_ptr<const column_family_types>(std::shared_ptr<void>{}, &cf.types())};
}

std::string message_of(const std::exception_ptr& cause) {
    try {
        std::rethrow_exception(cause);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

std::string batch_error_message(const std::exception_ptr& cause, const batch_mutation_map& unapplied) {
    return fmt::format("batch: a batch_mutate failed, {} mutations in {} rows not applied: {}",
                       api::mutation_count(unapplied), unapplied.size(), message_of(cause));
}

// Both insert forms pack everything before anything is queued: a marshal_error leaves the
// queue as it was.
template <class Columns>
void queue_insert(api::batch_queue& queue, const column_family& cf, const value& key, const Columns& columns,
                  const write_options& options) {
    const api::cf_codec codec = codec_of(cf);
    const std::int64_t timestamp = options.timestamp.value_or(cf.now());
    std::string packed = codec.pack_key(key);
    auto mutations = codec.insert_mutations(columns, timestamp, options.ttl);
    for (auto& m : mutations)
        queue.push(packed, cf.name(), std::move(m));
}

}  // namespace

batch_error::batch_error(std::exception_ptr cause_, batch_mutation_map unapplied_)
    : error(batch_error_message(cause_, unapplied_)), cause(std::move(cause_)), unapplied(std::move(unapplied_)) {}

std::size_t batch_error::unapplied_count() const noexcept { return api::mutation_count(unapplied); }

batch::batch(pool& p) : batch(p, batch_options{}) {}

batch::batch(pool& p, batch_options options)
    : pool_(&p), options_(std::move(options)), queue_(std::make_unique<api::batch_queue>()) {}

batch::batch(batch&&) noexcept = default;
batch& batch::operator=(batch&&) noexcept = default;
batch::~batch() = default;

std::size_t batch::pending() const noexcept { return queue_ ? queue_->size() : 0; }
std::size_t batch::pending_bytes() const noexcept { return queue_ ? queue_->bytes() : 0; }

batch& batch::insert(column_family& cf, value key, column_values columns) {
    const write_options options;
    return insert(cf, std::move(key), std::move(columns), options);
}

batch& batch::insert(column_family& cf, value key, column_values columns, write_options options) {
    if (columns.empty())
        throw std::invalid_argument(fmt::format("batch insert into '{}': no columns given", cf.name()));
    if (cf.types().is_super())
        throw std::invalid_argument(fmt::format(
            "batch insert: '{}' is a super column family: insert super_column_values", cf.name()));
    queue_insert(*queue_, cf, key, columns, options);
    return *this;
}

batch& batch::insert(column_family& cf, value key, super_column_values columns) {
    const write_options options;
    return insert(cf, std::move(key), std::move(columns), options);
}

batch& batch::insert(column_family& cf, value key, super_column_values columns, write_options options) {
    if (columns.empty())
        throw std::invalid_argument(fmt::format("batch insert into '{}': no columns given", cf.name()));
    if (!cf.types().is_super())
        throw std::invalid_argument(fmt::format(
            "batch insert: '{}' is a standard column family: insert column_values", cf.name()));
    queue_insert(*queue_, cf, key, columns, options);
    return *this;
}

batch& batch::remove(column_family& cf, value key) {
    const remove_options options;
    return remove(cf, std::move(key), options);
}

batch& batch::remove(column_family& cf, value key, remove_options options) {
    const api::cf_codec codec = codec_of(cf);
    const std::int64_t timestamp = options.timestamp.value_or(cf.now());
    thrift::Mutation m;
    if (!options.columns && !options.range) {
        // No predicate: the whole row, or the whole super column.
        thrift::Deletion d;
        d.timestamp = timestamp;
        if (options.super_column)
            d.super_column = codec.pack_super_name(*options.super_column);
        m.deletion = std::move(d);
    } else {
        m.deletion = codec.deletion(options, timestamp);
    }
    std::string packed = codec.pack_key(key);
    queue_->push(std::move(packed), cf.name(), std::move(m));
    return *this;
}

boost::asio::awaitable<void> batch::flush_if_full() {
    const std::size_t size = options_.queue_size.value_or(0);
    while ((size != 0 && queue_->size() >= size) || queue_->bytes() >= options_.max_batch_bytes)
        co_await flush_one();
}

boost::asio::awaitable<void> batch::send() {
    while (!queue_->empty())
        co_await flush_one();
}

boost::asio::awaitable<void> batch::flush_one() {
    batch_mutation_map map = queue_->take(options_.queue_size.value_or(0), options_.max_batch_bytes);
    if (map.empty())
        co_return;
    ++flushes_;
    operation_options op;
    op.timeout = options_.timeout;
    if (map.size() == 1)
        op.routing_key = map.begin()->first;
    std::exception_ptr failure;
    batch_mutation_map unapplied;
    if (options_.atomic) {
        thrift::atomic_batch_mutate_args args;
        args.mutation_map = std::move(map);
        args.consistency_level = options_.write_consistency_level;
        try {
            auto call = [&args](connection& c) { return c.atomic_batch_mutate(args); };
            co_await pool_->execute(call, op);
        } catch (...) {
            failure = std::current_exception();
            unapplied = std::move(args.mutation_map);
        }
    } else {
        thrift::batch_mutate_args args;
        args.mutation_map = std::move(map);
        args.consistency_level = options_.write_consistency_level;
        try {
            if (args.mutation_map.size() == 1) {
                auto call = [&args](connection& c) { return c.batch_mutate(args); };
                co_await pool_->execute(call, op);
            } else {
                co_await fan_out_batch_mutate(*pool_, args, op);
            }
        } catch (const partial_batch_error& e) {
            // Only the failed replica groups' rows are unapplied.
            failure = e.first_cause;
            for (const auto& key : e.failed_keys) {
                auto found = args.mutation_map.find(key);
                if (found != args.mutation_map.end())
                    unapplied.insert(std::move(*found));
            }
        } catch (...) {
            failure = std::current_exception();
            unapplied = std::move(args.mutation_map);
        }
    }
    if (failure)
        throw batch_error(failure, std::move(unapplied));
}

column_family_batch::column_family_batch(column_family cf, batch_options options)
    : cf_(std::move(cf)), batch_(cf_.connection_pool(), std::move(options)) {}

column_family_batch& column_family_batch::insert(value key, column_values columns) {
    batch_.insert(cf_, std::move(key), std::move(columns));
    return *this;
}
column_family_batch& column_family_batch::insert(value key, column_values columns, write_options options) {
    batch_.insert(cf_, std::move(key), std::move(columns), std::move(options));
    return *this;
}
column_family_batch& column_family_batch::insert(value key, super_column_values columns) {
    batch_.insert(cf_, std::move(key), std::move(columns));
    return *this;
}
column_family_batch& column_family_batch::insert(value key, super_column_values columns, write_options options) {
    batch_.insert(cf_, std::move(key), std::move(columns), std::move(options));
    return *this;
}
column_family_batch& column_family_batch::remove(value key) {
    batch_.remove(cf_, std::move(key));
    return *this;
}
column_family_batch& column_family_batch::remove(value key, remove_options options) {
    batch_.remove(cf_, std::move(key), std::move(options));
    return *this;
}

column_family_batch make_batch(const column_family& cf) {
    batch_options options;
    options.write_consistency_level = cf.write_consistency_level();
    return make_batch(cf, std::move(options));
}

column_family_batch make_batch(const column_family& cf, batch_options options) {
    return column_family_batch(cf, std::move(options));
}

}  // namespace cppcassa
