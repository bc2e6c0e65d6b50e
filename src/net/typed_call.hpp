// A pending call that knows its Thrift method: decodes the reply into the caller's result type
// (a new one, or the caller's own in the reuse form), or turns a declared server exception into
// the matching cppcassa error. `Base` is the driver's
// awaiting_call; the pipeline's unit tests use the bare pending_call.
#pragma once

#include "codec/message.hpp"
#include "net/awaiting_call.hpp"
#include "net/server_exceptions.hpp"

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace cppcassa::net {

template <codec::method M, class Base = awaiting_call>
struct typed_call : Base {
    using result_type = typename M::result;

    std::optional<result_type> result;

    typed_call() {
        this->method = M::name;
        this->deliver = &deliver_reply;
    }

private:
    static void deliver_reply(pending_call& base, std::string_view body, std::string_view endpoint) {
        auto& self = static_cast<typed_call&>(base);
        auto reply = codec::decode_reply<M>(body, self.seqid);
        std::visit(
            [&]<class A>(A& alternative) {
                if constexpr (std::is_same_v<A, result_type>)
                    self.result.emplace(std::move(alternative));
                else
                    self.error = to_error(alternative, call_context{endpoint, M::name});
            },
            reply);
    }
};

// The reuse form: the reply is decoded over the caller's own result object (`out`), keeping the
// memory it holds from earlier calls.
template <codec::method M, class Base = awaiting_call>
struct typed_call_into : Base {
    using result_type = typename M::result;

    explicit typed_call_into(result_type& result) : out(&result) {
        this->method = M::name;
        this->deliver = &deliver_reply;
    }

    result_type* out;

private:
    static void deliver_reply(pending_call& base, std::string_view body, std::string_view endpoint) {
        auto& self = static_cast<typed_call_into&>(base);
        auto failure = codec::decode_reply_into<M>(body, self.seqid, *self.out);
        std::visit(
            [&]<class A>(A& alternative) {
                if constexpr (!std::is_same_v<A, std::monostate>)
                    self.error = to_error(alternative, call_context{endpoint, M::name});
            },
            failure);
    }
};

}  // namespace cppcassa::net
