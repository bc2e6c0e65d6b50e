// The exceptions Cassandra declares on its Thrift methods, as plain data.
//
// They are not C++ exceptions: the codec decodes them into these structs and the client layer
// turns them into cppcassa::error subclasses, keeping every field (`why`, `acknowledged_by`, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cppcassa::thrift {

// get() found nothing at the path, or describe_keyspace() does not know the keyspace.
struct NotFoundException {
    friend bool operator==(const NotFoundException&, const NotFoundException&) = default;
};

// The request itself is wrong (unknown keyspace, bad value, ...): resending cannot help.
struct InvalidRequestException {
    std::string why{};

    friend bool operator==(const InvalidRequestException&,
                           const InvalidRequestException&) = default;
};

// Too few live replicas for the consistency level; nothing was attempted.
struct UnavailableException {
    friend bool operator==(const UnavailableException&, const UnavailableException&) = default;
};

// Replicas did not answer in time. A write may still have been applied in part, which is
// why the counts below matter to a caller deciding whether to retry.
struct TimedOutException {
    // Replicas that acknowledged. atomic_batch_mutate: -1 = in the batchlog, 0 = not.
    std::optional<std::int32_t> acknowledged_by{};
    std::optional<bool> acknowledged_by_batchlog{};
    // cas() only: the timeout hit during the Paxos round, not the commit.
    std::optional<bool> paxos_in_progress{};

    friend bool operator==(const TimedOutException&, const TimedOutException&) = default;
};

// login() rejected the credentials.
struct AuthenticationException {
    std::string why{};

    friend bool operator==(const AuthenticationException&,
                           const AuthenticationException&) = default;
};

// The logged-in user lacks the permission for this call.
struct AuthorizationException {
    std::string why{};

    friend bool operator==(const AuthorizationException&, const AuthorizationException&) = default;
};

// Still declared by the schema methods; Cassandra has not raised it since 1.2.
struct SchemaDisagreementException {
    friend bool operator==(const SchemaDisagreementException&,
                           const SchemaDisagreementException&) = default;
};

}  // namespace cppcassa::thrift
