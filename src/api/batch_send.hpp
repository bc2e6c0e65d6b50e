// One flush of cppcassa::batch: mutations taken from its queue, sent from their encoded bytes as
// one batch_mutate per replica group, or as one atomic_batch_mutate.
#pragma once

#include "api/batch_flow.hpp"
#include "api/batch_queue.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

#include <exception>

namespace cppcassa::api {

// Sends `batch.mutations` (unchanged until this ends; `batch.groups` is rebuilt for them). What
// was not applied is returned, decoded back into a map (empty on success), never thrown: when
// the replica groups of a token-aware pool partly succeed, only the failed groups' rows.
boost::asio::awaitable<batch_failure> send_batch(pool& p, const batch_options& options, taken_batch& batch);

// The failure of a flush that could not even be sent (`cause` thrown before any call): every
// mutation of `batch` unapplied.
batch_failure all_unapplied(const taken_batch& batch, std::exception_ptr cause);

}  // namespace cppcassa::api
