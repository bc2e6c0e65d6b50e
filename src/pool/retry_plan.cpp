#include <cppcassa/detail/retry_plan.hpp>

namespace cppcassa::detail {

retry_plan::retry_plan(limits limits, clock::time_point start)
    : limits_(limits),
      deadline_(limits.budget.count() > 0 ? start + limits.budget : clock::time_point::max()) {}

retry_plan::attempt_start retry_plan::begin_attempt(std::size_t host) {
    ++attempts_;
    const attempt_start start{.retry = attempts_ > 1, .failover = attempts_ > 1 && last_host_ && *last_host_ != host};
    last_host_ = host;
    return start;
}

retry_plan::decision retry_plan::after_failure(const failure& f, clock::time_point now) const {
    // Its own deadline ended the attempt: whatever the error says, that is why it failed.
    if (f.deadline_fired)
        return {verdict::deadline, false};
    const bool host_down = f.host_fault && !f.cut_by_pool;
    // A request that may have been applied is sent again only when applying it twice is harmless.
    if (!f.retryable || (f.sent && !limits_.idempotent))
        return {verdict::fail, host_down};
    // A connect cut short by the deadline: the deadline, not the retry count, ends the operation.
    if (!f.sent && now >= deadline_)
        return {verdict::deadline, host_down};
    if (limits_.max_retries && attempts_ > *limits_.max_retries)
        return {verdict::exhausted, host_down};
    return {verdict::retry, host_down};
}

}  // namespace cppcassa::detail
