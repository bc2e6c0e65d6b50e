#include "net/write_cork.hpp"

#include "net/connection_impl.hpp"

#include <vector>

namespace cppcassa::net {

namespace {
thread_local bool cork_active = false;
// Reused from batch to batch: registering a connection allocates nothing once it has grown.
thread_local std::vector<std::shared_ptr<connection_impl>> deferred;
}  // namespace

write_cork::write_cork() noexcept : outermost_(!cork_active) { cork_active = true; }

write_cork::~write_cork() {
    if (!outermost_)
        return;
    cork_active = false;
    // A flush sends without resuming anyone, so nothing is registered while this loop runs.
    for (auto& connection : deferred)
        connection->flush();
    deferred.clear();
}

bool write_cork::defer(const std::shared_ptr<connection_impl>& connection) {
    if (!cork_active)
        return false;
    deferred.push_back(connection);
    return true;
}

}  // namespace cppcassa::net
