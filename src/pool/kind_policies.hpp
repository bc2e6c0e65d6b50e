// The pool kinds other than the queue pool (pool_config::kind; docs/pool.md, "Pool kinds").
#pragma once

#include "pool/connection_policy.hpp"

namespace cppcassa::detail {

// pool_kind::static_connection: one connection shared by every attempt, pipelined up to
// max_in_flight. When its server fails it is replaced by one to the next server picked.
class static_policy : public connection_policy {
public:
    using connection_policy::connection_policy;

    decision checkout(const request& request) override;
    [[nodiscard]] std::size_t prefill_count() const override { return config_.prefill ? 1 : 0; }

private:
    [[nodiscard]] bool keep_idle(const pooled_connection&, bool) const override { return true; }
};

// pool_kind::assertion: one connection, and an attempt asking for it while another holds it (or
// is opening one) is rejected with pool_assertion_failed.
class assertion_policy final : public static_policy {
public:
    using static_policy::static_policy;

    decision checkout(const request& request) override;
};

// pool_kind::null: no pooling; every attempt opens its own connection, closed at checkin.
class null_policy final : public connection_policy {
public:
    using connection_policy::connection_policy;

    decision checkout(const request& request) override;
    [[nodiscard]] std::size_t prefill_count() const override { return 0; }

private:
    [[nodiscard]] bool keep_idle(const pooled_connection&, bool) const override { return false; }
    [[nodiscard]] dispose_reason not_kept_reason() const override { return dispose_reason::per_operation; }
};

// pool_kind::per_thread: one connection per calling thread (pipelined up to max_in_flight),
// opened on that thread's first attempt, to the server picked then.
class per_thread_policy final : public connection_policy {
public:
    using connection_policy::connection_policy;

    decision checkout(const request& request) override;
    [[nodiscard]] std::size_t prefill_count() const override { return 0; }

private:
    [[nodiscard]] bool keep_idle(const pooled_connection&, bool) const override { return true; }
};

}  // namespace cppcassa::detail
