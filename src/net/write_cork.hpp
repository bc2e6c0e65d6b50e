// Holds back the writes of one batch of resumed callers, so each connection sends once.
//
// A reader that finds several replies resumes their callers one after another, and each of them
// usually makes its next call at once. Written as they come, that is one send per call; while a
// cork is active on the thread, a connection only queues the request and registers itself, and
// every registered connection sends everything it queued when the outermost cork ends.
#pragma once

#include <memory>

namespace cppcassa::net {

class connection_impl;

class write_cork {
public:
    write_cork() noexcept;
    ~write_cork();
    write_cork(const write_cork&) = delete;
    write_cork& operator=(const write_cork&) = delete;

    // Defers `connection`'s send to the end of the outermost cork of this thread. False when no
    // cork is active: the caller sends now.
    static bool defer(const std::shared_ptr<connection_impl>& connection);

private:
    bool outermost_;
};

}  // namespace cppcassa::net
