// The bytes read from the socket and not yet decoded.
//
// Replies are decoded in place from this buffer (no copy per message); consumed bytes are
// dropped lazily, by moving the unread tail to the front only when more room is needed.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>

namespace cppcassa::net {

class read_buffer {
public:
    // Room for at least `min_free` more bytes after the unread ones.
    std::span<char> prepare(std::size_t min_free) {
        if (capacity_ - end_ < min_free) {
            const std::size_t unread = end_ - begin_;
            if (capacity_ - unread >= min_free && begin_ > 0) {
                std::memmove(data_.get(), data_.get() + begin_, unread);
            } else {
                std::size_t capacity = capacity_ ? capacity_ : min_free;
                while (capacity - unread < min_free)
                    capacity *= 2;
                auto grown = std::make_unique_for_overwrite<char[]>(capacity);
                if (unread)
                    std::memcpy(grown.get(), data_.get() + begin_, unread);
                data_ = std::move(grown);
                capacity_ = capacity;
            }
            begin_ = 0;
            end_ = unread;
        }
        return {data_.get() + end_, capacity_ - end_};
    }

    void commit(std::size_t n) { end_ += n; }
    void consume(std::size_t n) {
        begin_ += n;
        if (begin_ == end_)
            begin_ = end_ = 0;
    }
    [[nodiscard]] std::string_view unread() const { return {data_.get() + begin_, end_ - begin_}; }

private:
    std::unique_ptr<char[]> data_;
    std::size_t capacity_ = 0;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

}  // namespace cppcassa::net
