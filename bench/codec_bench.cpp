// `cppcassa-bench codec`: our sans-io codec against Apache Thrift's generated C++ with
// TBinaryProtocol over a TMemoryBuffer, no server, no socket.
//
// Each side does what its client (or a server) does per message, and nothing else:
//   reply encode  ours encode_reply<get_slice>     Apache writeMessageBegin + Cassandra_get_slice_result::write
//   reply decode  ours decode_reply<get_slice>     Apache readMessageBegin + Cassandra_get_slice_presult::read
//   call encode   ours encode_call<get_slice>      Apache writeMessageBegin + Cassandra_get_slice_pargs::write
//   call decode   ours read_call_header + args     Apache readMessageBegin + Cassandra_get_slice_args::read
//   batch_mutate encode / decode: the same for a batch_mutate call of 10 rows x 10 columns
//                 (a queue_size 100 flush), Cassandra_batch_mutate_pargs / _args on Apache's side
// Output buffers are reused on both sides (a cleared std::string; a reset TMemoryBuffer), the
// decoded result is a fresh vector on both sides (as a caller gets it), and framing is left out
// of both (TFramedTransport adds it below the protocol). The bytes are checked identical first.
//
// Two Apache configurations run: "apache" is TBinaryProtocol (transport behind the virtual
// TTransport interface, as CassandraClient is built), "apache-tmpl" is
// TBinaryProtocolT<TMemoryBuffer>, whose transport calls inline: Apache's best case.
#include "apache_types.hpp"
#include "data.hpp"
#include "measure.hpp"
#include "workload.hpp"

#include "codec/cassandra_methods.hpp"
#include "codec/message.hpp"

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <fmt/format.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace cppcassa::bench {
namespace {

namespace codec = cppcassa::codec;
namespace tp = ::apache::thrift::protocol;
namespace tt = ::apache::thrift::transport;
using get_slice = codec::methods::get_slice;
using batch_mutate = codec::methods::batch_mutate;

constexpr std::size_t value_size = 100;
constexpr std::int64_t base_timestamp = 1'700'000'000'000'000;  // microseconds, as pycassa writes

// The checksums every op folds its output into: the optimiser cannot drop work whose result is
// observed (keep) and summed.
struct sink {
    std::uint64_t sum = 0;
    void add(std::uint64_t v) { sum += v; keep(sum); }
};

// ---- cppcassa ----

peer ours_encode_reply(const std::vector<thrift::ColumnOrSuperColumn>& reply, sink& s) {
    auto out = std::make_shared<std::string>();
    return {"cppcassa", [&reply, &s, out](const round_limit& limit) {
                return run_round(limit, [&] {
                    out->clear();
                    codec::encode_reply<get_slice>(*out, 0, reply, false);
                    keep(*out);
                    s.add(out->size() + static_cast<unsigned char>(out->back()));
                });
            }};
}

peer ours_decode_reply(const std::string& message, sink& s) {
    return {"cppcassa", [&message, &s](const round_limit& limit) {
                return run_round(limit, [&] {
                    auto reply = codec::decode_reply<get_slice>(message, 0);
                    const auto* v = std::get_if<0>(&reply);
                    if (!v) [[unlikely]]
                        throw std::runtime_error("decode_reply returned an exception");
                    s.add(v->size() + v->back().column->value->size() +
                          static_cast<std::uint64_t>(*v->back().column->timestamp));
                });
            }};
}

template <class Method>
peer ours_encode_call(const typename Method::args& args, sink& s) {
    auto out = std::make_shared<std::string>();
    return {"cppcassa", [&args, &s, out](const round_limit& limit) {
                return run_round(limit, [&] {
                    out->clear();
                    codec::encode_call<Method>(*out, args, 0, false);
                    keep(*out);
                    s.add(out->size() + static_cast<unsigned char>(out->back()));
                });
            }};
}

// `fold(args)` sums what was decoded into the checksum.
template <class Method, class Fold>
peer ours_decode_call(const std::string& message, sink& s, Fold fold) {
    return {"cppcassa", [&message, &s, fold](const round_limit& limit) {
                return run_round(limit, [&] {
                    codec::binary_reader r(message);
                    const auto h = codec::read_call_header(r);
                    const auto args = codec::decode_call_args<Method>(r);
                    s.add(static_cast<std::uint64_t>(h.seqid) + fold(args));
                });
            }};
}

// ---- Apache Thrift ----

// A protocol over its own memory buffer, reused for every message.
template <class Protocol>
struct apache_side {
    std::shared_ptr<tt::TMemoryBuffer> mem = std::make_shared<tt::TMemoryBuffer>(64 * 1024);
    Protocol proto{mem};

    // Holds `bytes` in the buffer; each decode then rewinds to it with no copy.
    void load(const std::string& bytes) {
        mem->resetBuffer();
        mem->write(reinterpret_cast<const std::uint8_t*>(bytes.data()), static_cast<std::uint32_t>(bytes.size()));
    }
    void rewind(std::uint32_t size) {
        mem->resetBuffer();
        mem->wroteBytes(size);
    }
    // The bytes written since the last reset.
    std::string written() const {
        std::uint8_t* p = nullptr;
        std::uint32_t n = 0;
        mem->getBuffer(&p, &n);
        return {reinterpret_cast<const char*>(p), n};
    }
};

using apache_virtual = tp::TBinaryProtocol;
using apache_inline = tp::TBinaryProtocolT<tt::TMemoryBuffer>;

template <class Protocol>
void apache_write_reply(apache_side<Protocol>& a, const ac::Cassandra_get_slice_result& result) {
    a.mem->resetBuffer();
    a.proto.writeMessageBegin("get_slice", tp::T_REPLY, 0);
    result.write(&a.proto);
    a.proto.writeMessageEnd();
    a.mem->writeEnd();
    a.mem->flush();
}

// An Apache encoder peer: `write(side)` encodes one message into the side's memory buffer.
template <class Protocol, class Write>
peer apache_encode_peer(std::string client, Write write, sink& s) {
    auto a = std::make_shared<apache_side<Protocol>>();
    return {std::move(client), [write, &s, a](const round_limit& limit) {
                return run_round(limit, [&] {
                    write(*a);
                    std::uint8_t* p = nullptr;
                    std::uint32_t n = 0;
                    a->mem->getBuffer(&p, &n);
                    keep(p[n - 1]);
                    s.add(n + p[n - 1]);
                });
            }};
}

template <class Protocol>
peer apache_encode_reply(std::string client, const ac::Cassandra_get_slice_result& result, sink& s) {
    return apache_encode_peer<Protocol>(
        std::move(client), [&result](apache_side<Protocol>& a) { apache_write_reply(a, result); }, s);
}

// What CassandraClient::recv_get_slice does, into a fresh vector.
template <class Protocol>
std::vector<ac::ColumnOrSuperColumn> apache_read_reply(apache_side<Protocol>& a) {
    std::string fname;
    tp::TMessageType mtype{};
    std::int32_t rseqid = 0;
    a.proto.readMessageBegin(fname, mtype, rseqid);
    if (mtype != tp::T_REPLY || fname != "get_slice") [[unlikely]]
        throw std::runtime_error("apache: unexpected message");
    std::vector<ac::ColumnOrSuperColumn> v;
    ac::Cassandra_get_slice_presult result;
    result.success = &v;
    result.read(&a.proto);
    a.proto.readMessageEnd();
    a.mem->readEnd();
    if (!result.__isset.success) [[unlikely]]
        throw std::runtime_error("apache: no result");
    return v;
}

template <class Protocol>
peer apache_decode_reply(std::string client, const std::string& message, sink& s) {
    auto a = std::make_shared<apache_side<Protocol>>();
    a->load(message);
    const auto size = static_cast<std::uint32_t>(message.size());
    return {std::move(client), [&s, a, size](const round_limit& limit) {
                return run_round(limit, [&] {
                    a->rewind(size);
                    const auto v = apache_read_reply(*a);
                    s.add(v.size() + v.back().column.value.size() + static_cast<std::uint64_t>(v.back().column.timestamp));
                });
            }};
}

// What CassandraClient::send_get_slice does.
struct apache_call {
    std::string key;
    ac::ColumnParent column_parent;
    ac::SlicePredicate predicate;
    ac::ConsistencyLevel::type consistency_level{};
};

// One call message as CassandraClient::send_<method> writes it: `pargs` points at the arguments.
template <class Protocol, class Pargs>
void apache_write_message(apache_side<Protocol>& a, const char* method, const Pargs& pargs) {
    a.mem->resetBuffer();
    a.proto.writeMessageBegin(method, tp::T_CALL, 0);
    pargs.write(&a.proto);
    a.proto.writeMessageEnd();
    a.mem->writeEnd();
    a.mem->flush();
}

template <class Protocol>
void apache_write_call(apache_side<Protocol>& a, const apache_call& c) {
    ac::Cassandra_get_slice_pargs args;
    args.key = &c.key;
    args.column_parent = &c.column_parent;
    args.predicate = &c.predicate;
    args.consistency_level = &c.consistency_level;
    apache_write_message(a, "get_slice", args);
}

template <class Protocol>
peer apache_encode_call(std::string client, const apache_call& call, sink& s) {
    return apache_encode_peer<Protocol>(
        std::move(client), [&call](apache_side<Protocol>& a) { apache_write_call(a, call); }, s);
}

// What CassandraClient::send_batch_mutate does.
struct apache_batch_call {
    std::map<std::string, std::map<std::string, std::vector<ac::Mutation>>> mutation_map;
    ac::ConsistencyLevel::type consistency_level{};
};

template <class Protocol>
void apache_write_batch_call(apache_side<Protocol>& a, const apache_batch_call& c) {
    ac::Cassandra_batch_mutate_pargs args;
    args.mutation_map = &c.mutation_map;
    args.consistency_level = &c.consistency_level;
    apache_write_message(a, "batch_mutate", args);
}

// What a server's processor does with an incoming call before dispatching it: `Args` is the
// generated Cassandra_<method>_args, `fold(args)` sums what was decoded into the checksum.
template <class Protocol, class Args, class Fold>
peer apache_decode_call(std::string client, const std::string& message, sink& s, Fold fold) {
    auto a = std::make_shared<apache_side<Protocol>>();
    a->load(message);
    const auto size = static_cast<std::uint32_t>(message.size());
    return {std::move(client), [&s, a, size, fold](const round_limit& limit) {
                return run_round(limit, [&] {
                    a->rewind(size);
                    std::string fname;
                    tp::TMessageType mtype{};
                    std::int32_t seqid = 0;
                    a->proto.readMessageBegin(fname, mtype, seqid);
                    Args args;
                    args.read(&a->proto);
                    a->proto.readMessageEnd();
                    a->mem->readEnd();
                    s.add(static_cast<std::uint64_t>(seqid) + fold(args));
                });
            }};
}

// Checksums of decoded calls: a get_slice's key and count, a batch_mutate's rows and last value.
std::uint64_t fold_get_slice(const thrift::get_slice_args& a) {
    return a.key.size() + static_cast<std::uint64_t>(a.predicate.slice_range->count);
}
std::uint64_t fold_get_slice_apache(const ac::Cassandra_get_slice_args& a) {
    return a.key.size() + static_cast<std::uint64_t>(a.predicate.slice_range.count);
}
std::uint64_t fold_batch(const thrift::batch_mutate_args& a) {
    const auto& last = a.mutation_map.rbegin()->second.begin()->second.back();
    return a.mutation_map.size() + last.column_or_supercolumn->column->value->size();
}
std::uint64_t fold_batch_apache(const ac::Cassandra_batch_mutate_args& a) {
    const auto& last = a.mutation_map.rbegin()->second.begin()->second.back();
    return a.mutation_map.size() + last.column_or_supercolumn.column.value.size();
}

void check(bool ok, const std::string& what) {
    if (!ok)
        throw std::runtime_error("sanity check failed: " + what);
}

}  // namespace

report run_codec(const options& opts) {
    const round_limit limit{.duration = opts.duration_or(std::chrono::milliseconds(300)), .ops = opts.ops};
    const round_limit warmup{.duration = opts.warmup_or(std::chrono::milliseconds(100)), .ops = std::nullopt};

    report rep;
    rep.workload = "codec";
    rep.params = {{"rounds", std::to_string(opts.rounds)},
                  {"round", opts.ops ? fmt::format("{} ops", *opts.ops)
                                     : fmt::format("{} ms", limit.duration.count() / 1'000'000)},
                  {"warmup", fmt::format("{} ms", warmup.duration.count() / 1'000'000)},
                  {"value_bytes", std::to_string(value_size)},
                  {"seed", std::to_string(opts.seed)}};

    rng r(opts.seed);
    sink s;

    // (a), (b): get_slice replies of 10 and 100 columns.
    for (const int columns : {10, 100}) {
        const auto row = make_row(r, columns, value_size, base_timestamp);
        ac::Cassandra_get_slice_result apache_result;
        apache_result.success = to_apache(row);
        apache_result.__isset.success = true;

        std::string ours;
        codec::encode_reply<get_slice>(ours, 0, row, false);
        apache_side<apache_virtual> probe;
        apache_write_reply(probe, apache_result);
        check(probe.written() == ours, fmt::format("{}-column reply bytes differ from Apache's", columns));
        auto decoded = codec::decode_reply<get_slice>(ours, 0);
        check(std::get<0>(decoded) == row, "our decode of our reply");
        probe.load(ours);
        check(apache_read_reply(probe) == apache_result.success, "Apache's decode of our reply");

        const std::string label = fmt::format("reply-{}", columns);
        std::vector<peer> enc{ours_encode_reply(row, s),
                              apache_encode_reply<apache_virtual>("apache", apache_result, s),
                              apache_encode_reply<apache_inline>("apache-tmpl", apache_result, s)};
        rep.cases.push_back(run_alternating(label + " encode", "cppcassa", ours.size(), enc, limit, warmup, opts.rounds));
        std::vector<peer> dec{ours_decode_reply(ours, s), apache_decode_reply<apache_virtual>("apache", ours, s),
                              apache_decode_reply<apache_inline>("apache-tmpl", ours, s)};
        rep.cases.push_back(run_alternating(label + " decode", "cppcassa", ours.size(), dec, limit, warmup, opts.rounds));
        rep.params[label + "_bytes"] = std::to_string(ours.size());
    }

    // (c): the get_slice call a client sends for a whole row.
    {
        const auto args = make_get_slice(row_key(42), "Standard1", 100);
        const apache_call call{.key = args.key,
                               .column_parent = to_apache(args.column_parent),
                               .predicate = to_apache(args.predicate),
                               .consistency_level = to_apache(args.consistency_level)};
        std::string ours;
        codec::encode_call<get_slice>(ours, args, 0, false);
        apache_side<apache_virtual> probe;
        apache_write_call(probe, call);
        check(probe.written() == ours, "call bytes differ from Apache's");

        std::vector<peer> enc{ours_encode_call<get_slice>(args, s),
                              apache_encode_call<apache_virtual>("apache", call, s),
                              apache_encode_call<apache_inline>("apache-tmpl", call, s)};
        rep.cases.push_back(run_alternating("call encode", "cppcassa", ours.size(), enc, limit, warmup, opts.rounds));
        using apache_args = ac::Cassandra_get_slice_args;
        std::vector<peer> dec{
            ours_decode_call<get_slice>(ours, s, fold_get_slice),
            apache_decode_call<apache_virtual, apache_args>("apache", ours, s, fold_get_slice_apache),
            apache_decode_call<apache_inline, apache_args>("apache-tmpl", ours, s, fold_get_slice_apache)};
        rep.cases.push_back(run_alternating("call decode", "cppcassa", ours.size(), dec, limit, warmup, opts.rounds));
        rep.params["call_bytes"] = std::to_string(ours.size());
    }

    // (d): a batch_mutate call of 10 rows x 10 columns, what a queue_size 100 flush sends.
    {
        thrift::batch_mutate_args args;
        for (int k = 0; k < 10; ++k) {
            auto& mutations = args.mutation_map[row_key(static_cast<std::uint64_t>(k))]["Standard1"];
            for (auto& c : make_row(r, 10, value_size, base_timestamp)) {
                thrift::Mutation m;
                m.column_or_supercolumn = std::move(c);
                mutations.push_back(std::move(m));
            }
        }
        const apache_batch_call call{.mutation_map = to_apache(args.mutation_map),
                                     .consistency_level = to_apache(args.consistency_level)};
        std::string ours;
        codec::encode_call<batch_mutate>(ours, args, 0, false);
        apache_side<apache_virtual> probe;
        apache_write_batch_call(probe, call);
        check(probe.written() == ours, "batch_mutate bytes differ from Apache's");
        codec::binary_reader reader(ours);
        codec::read_call_header(reader);
        check(codec::decode_call_args<batch_mutate>(reader) == args, "our decode of our batch_mutate");

        const auto write = [&call](auto& side) { apache_write_batch_call(side, call); };
        std::vector<peer> enc{ours_encode_call<batch_mutate>(args, s),
                              apache_encode_peer<apache_virtual>("apache", write, s),
                              apache_encode_peer<apache_inline>("apache-tmpl", write, s)};
        rep.cases.push_back(
            run_alternating("batch_mutate encode", "cppcassa", ours.size(), enc, limit, warmup, opts.rounds));
        using apache_args = ac::Cassandra_batch_mutate_args;
        std::vector<peer> dec{ours_decode_call<batch_mutate>(ours, s, fold_batch),
                              apache_decode_call<apache_virtual, apache_args>("apache", ours, s, fold_batch_apache),
                              apache_decode_call<apache_inline, apache_args>("apache-tmpl", ours, s, fold_batch_apache)};
        rep.cases.push_back(
            run_alternating("batch_mutate decode", "cppcassa", ours.size(), dec, limit, warmup, opts.rounds));
        rep.params["batch_mutate_bytes"] = std::to_string(ours.size());
    }

    rep.notes.push_back("wire bytes of every message checked identical to Apache's; both decoders checked "
                        "to return the original row");
    rep.notes.push_back("apache = TBinaryProtocol over TMemoryBuffer (virtual transport, as CassandraClient); "
                        "apache-tmpl = TBinaryProtocolT<TMemoryBuffer> (inlined transport, Apache's best case)");
    rep.notes.push_back("no framing on either side; decode returns a fresh result vector on both sides");
    rep.notes.push_back(fmt::format("checksum {:#x}", s.sum));
    return rep;
}

}  // namespace cppcassa::bench
