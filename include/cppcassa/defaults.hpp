// What every part of cppcassa assumes of a Cassandra node unless told otherwise, defined once:
// the port its Thrift server listens on, and the largest frame it reads or writes.
//
//   static_assert(cppcassa::default_thrift_port == 9160);
#pragma once

#include <cstddef>
#include <cstdint>

namespace cppcassa {

// Cassandra's rpc_port.
inline constexpr std::uint16_t default_thrift_port = 9160;

// Cassandra's thrift_framed_transport_size_in_mb (15 MiB): the default limit of a frame read
// (connection_config::frame_limit), of a request written (request_limit), and of a call the
// embedded testing server accepts.
inline constexpr std::size_t default_frame_limit = 15 * 1024 * 1024;

}  // namespace cppcassa
