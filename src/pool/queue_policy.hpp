// The queue pool (pool_kind::queue, pycassa's QueuePool and our default): up to pool_size
// connections kept, up to max_overflow more while all are saturated, each shared by up to
// max_in_flight attempts (their calls are pipelined); an attempt waits when everything is full.
#pragma once

#include "pool/connection_policy.hpp"

namespace cppcassa::detail {

class queue_policy final : public connection_policy {
public:
    using connection_policy::connection_policy;

    decision checkout(const request& request) override;
    // Waiters are woken one by one: each change frees room for one more.
    [[nodiscard]] bool wake_all() const override { return false; }

private:
    // Beyond pool_size a connection closes once idle, unless an operation waits: closing it
    // would only make that operation open another.
    [[nodiscard]] bool keep_idle(const pooled_connection&, bool operations_waiting) const override {
        return operations_waiting || connections_.size() <= config_.pool_size;
    }
};

}  // namespace cppcassa::detail
