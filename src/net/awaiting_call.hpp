// The driver's record of a pipelined call: the pipeline's pending_call plus what resumes its
// caller (the completion handler) and what lets the caller give up (its cancellation slot).
#pragma once

#include "net/pending_call.hpp"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/cancellation_signal.hpp>

#include <exception>

namespace cppcassa::net {

struct awaiting_call : pending_call {
    boost::asio::any_completion_handler<void(std::exception_ptr)> handler;
    boost::asio::cancellation_slot slot;
};

}  // namespace cppcassa::net
