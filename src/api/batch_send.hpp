// One flush of cppcassa::batch: mutations taken from its queue, sent from their encoded bytes as
// one batch_mutate per replica group, or as one atomic_batch_mutate.
#pragma once

#include "api/batch_flow.hpp"
#include "codec/mutation_batch.hpp"

#include <cppcassa/batch.hpp>
#include <cppcassa/pool.hpp>

#include <boost/asio/awaitable.hpp>

namespace cppcassa::api {

// Sends `batch` (which must stay unchanged until this ends). What was not applied is returned,
// decoded back into a map (empty on success), never thrown: when a fan-out's groups partly
// succeed, only the failed groups' rows.
boost::asio::awaitable<batch_failure> send_batch(pool& p, const batch_options& options,
                                                 const codec::mutation_batch& batch);

}  // namespace cppcassa::api
