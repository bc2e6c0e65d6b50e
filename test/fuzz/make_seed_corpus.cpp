// Writes the fuzzer's seed corpus (test/fuzz/corpus/) with our own encoder.
//
//   cmake --build build --target cppcassa-fuzz-make-corpus
//   build/test/fuzz/cppcassa-fuzz-make-corpus test/fuzz/corpus
//
// Each file is the two selector bytes decode_reply_fuzzer.cpp documents, then a message: valid
// replies, calls and bare structs as Cassandra 3.11 would send them, and a few malformed ones the
// decoder must reject. Valid seeds give the fuzzer the shape of real traffic to mutate from.
#include "codec/cassandra_methods.hpp"
#include "codec/cassandra_structs.hpp"
#include "codec/message.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace {

using namespace cppcassa::codec;
namespace thrift = cppcassa::thrift;
namespace fs = std::filesystem;

// Selector byte 0 (see decode_reply_fuzzer.cpp): bit 0 framed, bits 1-2 the kind.
enum class kind : std::uint8_t { reply = 0, call = 1, bare_struct = 2, reply_to_chosen = 3 };

std::uint8_t selector(kind k, bool framed) {
    return static_cast<std::uint8_t>((static_cast<unsigned>(k) << 1) | (framed ? 1u : 0u));
}

template <class Tuple, class T, std::size_t... I>
constexpr std::uint8_t index_in(std::index_sequence<I...>) {
    std::size_t found = 0;
    (void)((std::is_same_v<std::tuple_element_t<I, Tuple>, T> ? (found = I, true) : false) || ...);
    return static_cast<std::uint8_t>(found);
}
template <class Tuple, class T>
constexpr std::uint8_t index_in() {
    return index_in<Tuple, T>(std::make_index_sequence<std::tuple_size_v<Tuple>>{});
}

class corpus_writer {
public:
    explicit corpus_writer(fs::path dir) : dir_(std::move(dir)) { fs::create_directories(dir_); }

    void write(const std::string& name, std::uint8_t sel, std::uint8_t chosen, std::string_view message) {
        std::ofstream out(dir_ / name, std::ios::binary | std::ios::trunc);
        out.put(static_cast<char>(sel));
        out.put(static_cast<char>(chosen));
        out.write(message.data(), static_cast<std::streamsize>(message.size()));
        if (!out)
            throw std::runtime_error("cannot write " + (dir_ / name).string());
        ++count_;
    }

    template <method M>
    void reply(const std::string& name, const typename M::result& result, bool framed) {
        std::string msg;
        encode_reply<M>(msg, 7, result, framed);
        write(name, selector(kind::reply, framed), index_in<all_methods, M>(), msg);
    }

    template <method M, class E>
    void exception_reply(const std::string& name, const E& e, bool framed) {
        std::string msg;
        encode_exception_reply<M>(msg, 8, e, framed);
        write(name, selector(kind::reply, framed), index_in<all_methods, M>(), msg);
    }

    template <method M>
    void call(const std::string& name, const typename M::args& args, bool framed) {
        std::string msg;
        encode_call<M>(msg, args, 9, framed);
        write(name, selector(kind::call, framed), index_in<all_methods, M>(), msg);
    }

    template <described_struct T>
    void bare_struct(const std::string& name, const T& v) {
        std::string bytes;
        binary_writer w(bytes);
        encode(w, v);
        write(name, selector(kind::bare_struct, false), index_in<all_structs, T>(), bytes);
    }

    [[nodiscard]] int count() const { return count_; }

private:
    fs::path dir_;
    int count_ = 0;
};

std::vector<thrift::ColumnOrSuperColumn> sample_columns() {
    std::vector<thrift::ColumnOrSuperColumn> out(4);
    out[0].column = thrift::Column{"name", "value", 1700000000000000, std::nullopt};
    out[1].column = thrift::Column{"ttl", std::string("\0\1\2", 3), 1700000000000001, 3600};
    out[2].super_column = thrift::SuperColumn{"sc", {{"a", "1", 1, std::nullopt}, {"b", "2", 2, std::nullopt}}};
    out[3].counter_column = thrift::CounterColumn{"hits", 42};
    return out;
}

thrift::CfDef sample_cf_def(std::string name) {
    thrift::CfDef cf;
    cf.keyspace = "ks";
    cf.name = std::move(name);
    cf.column_type = "Standard";
    cf.comparator_type = "org.apache.cassandra.db.marshal.UTF8Type";
    cf.comment = "seed";
    cf.read_repair_chance = 0.1;
    cf.column_metadata = std::vector<thrift::ColumnDef>{
        {"email", "UTF8Type", thrift::IndexType::KEYS, "email_idx", std::map<std::string, std::string>{}},
        {"age", "Int32Type", std::nullopt, std::nullopt, std::nullopt}};
    cf.gc_grace_seconds = 864000;
    cf.default_validation_class = "BytesType";
    cf.id = 1001;
    cf.min_compaction_threshold = 4;
    cf.max_compaction_threshold = 32;
    cf.key_validation_class = "BytesType";
    cf.compaction_strategy = "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy";
    cf.compaction_strategy_options = std::map<std::string, std::string>{{"min_threshold", "4"}};
    cf.compression_options = std::map<std::string, std::string>{{"chunk_length_in_kb", "64"}};
    cf.bloom_filter_fp_chance = 0.01;
    cf.caching = "KEYS_ONLY";
    cf.dclocal_read_repair_chance = 0.0;
    cf.memtable_flush_period_in_ms = 0;
    cf.default_time_to_live = 0;
    cf.speculative_retry = "99PERCENTILE";
    cf.triggers = std::vector<thrift::TriggerDef>{{"audit", {{"class", "org.example.Audit"}}}};
    cf.min_index_interval = 128;
    cf.max_index_interval = 2048;
    return cf;
}

thrift::KsDef sample_ks_def() {
    thrift::KsDef ks;
    ks.name = "ks";
    ks.strategy_class = "org.apache.cassandra.locator.SimpleStrategy";
    ks.strategy_options = std::map<std::string, std::string>{{"replication_factor", "1"}};
    ks.cf_defs = {sample_cf_def("users"), sample_cf_def("events")};
    ks.durable_writes = true;
    return ks;
}

thrift::CqlResult sample_cql_rows() {
    thrift::CqlResult r;
    r.type = thrift::CqlResultType::ROWS;
    r.rows = std::vector<thrift::CqlRow>{{"k1", {{"id", "k1", 1, std::nullopt}, {"v", "x", 1, std::nullopt}}},
                                         {"k2", {{"id", "k2", 2, std::nullopt}}}};
    r.schema = thrift::CqlMetadata{{{"id", "UTF8Type"}}, {{"id", "UTF8Type"}, {"v", "BytesType"}}, "UTF8Type",
                                   "BytesType"};
    return r;
}

void write_valid(corpus_writer& c) {
    c.reply<methods::get_slice>("reply-get_slice-framed", sample_columns(), true);
    c.reply<methods::get_slice>("reply-get_slice-unframed", sample_columns(), false);
    c.reply<methods::get_range_slices>("reply-get_range_slices-framed",
                                       {{"row1", sample_columns()}, {"row2", {}}}, true);
    c.reply<methods::multiget_slice>("reply-multiget_slice-unframed",
                                     {{"a", sample_columns()}, {"b", {}}}, false);
    c.reply<methods::describe_keyspaces>("reply-describe_keyspaces-framed", {sample_ks_def()}, true);
    c.reply<methods::describe_keyspaces>("reply-describe_keyspaces-unframed", {sample_ks_def()}, false);
    c.reply<methods::describe_ring>(
        "reply-describe_ring-framed",
        {{"-100", "100", {"127.0.0.1"}, std::vector<std::string>{"127.0.0.1"},
          std::vector<thrift::EndpointDetails>{{"127.0.0.1", "dc1", std::string("rack1")}}}},
        true);
    c.reply<methods::execute_cql3_query>("reply-execute_cql3_query-rows-framed", sample_cql_rows(), true);
    thrift::CqlResult count;
    count.type = thrift::CqlResultType::INT;
    count.num = 3;
    c.reply<methods::execute_cql3_query>("reply-execute_cql3_query-int-unframed", count, false);
    c.reply<methods::get_count>("reply-get_count-unframed", 12, false);
    c.reply<methods::insert>("reply-insert-void-framed", void_result{}, true);
    c.reply<methods::describe_version>("reply-describe_version-unframed", "19.39.0", false);

    c.exception_reply<methods::get_slice>("exception-get_slice-timed_out-framed",
                                          thrift::TimedOutException{2, false, std::nullopt}, true);
    c.exception_reply<methods::execute_cql3_query>(
        "exception-execute_cql3_query-invalid_request-unframed",
        thrift::InvalidRequestException{"unconfigured table nope"}, false);

    std::string app;
    encode_application_exception(app, "get_slice", 7, app_unknown_method, "Invalid method name: 'get_slice'", true);
    c.write("application_exception-framed", selector(kind::reply, true), 3, app);
    app.clear();
    encode_application_exception(app, "describe_ring", 7, app_internal_error, "Internal error", false);
    c.write("application_exception-unframed", selector(kind::reply, false), 23, app);

    thrift::get_slice_args gs;
    gs.key = "row1";
    gs.column_parent.column_family = "users";
    gs.predicate.slice_range = thrift::SliceRange{"", "", false, 100};
    gs.consistency_level = thrift::ConsistencyLevel::QUORUM;
    c.call<methods::get_slice>("call-get_slice-framed", gs, true);
    thrift::batch_mutate_args bm;
    thrift::Mutation put;
    put.column_or_supercolumn.emplace().column = thrift::Column{"c", "v", 5, std::nullopt};
    thrift::Mutation del;
    del.deletion = thrift::Deletion{6, std::nullopt, thrift::SlicePredicate{std::vector<std::string>{"c"}, {}}};
    bm.mutation_map["row1"]["users"] = {put, del};
    c.call<methods::batch_mutate>("call-batch_mutate-unframed", bm, false);
    c.call<methods::execute_cql3_query>(
        "call-execute_cql3_query-framed",
        {"SELECT * FROM users WHERE id = 'k1'", thrift::Compression::NONE, thrift::ConsistencyLevel::ONE}, true);

    c.bare_struct("struct-CfDef", sample_cf_def("users"));
    c.bare_struct("struct-KsDef", sample_ks_def());
    c.bare_struct("struct-ColumnOrSuperColumn", sample_columns()[2]);
    c.bare_struct("struct-CqlResult", sample_cql_rows());
}

// `message` behind a frame prefix: the framed scanner only reads the length, so what is inside
// reaches the decoder's own checks (an unframed scanner rejects most of it before).
std::string in_frame(std::string_view message) {
    std::string out(4, '\0');
    detail::store_be(out.data(), static_cast<std::uint32_t>(message.size()));
    out.append(message);
    return out;
}

void write_malformed(corpus_writer& c) {
    std::string msg;
    encode_reply<methods::get_slice>(msg, 7, sample_columns(), true);
    // The frame announces more bytes than follow.
    c.write("bad-truncated-framed", selector(kind::reply, true), 3, std::string_view(msg).substr(0, msg.size() / 2));
    // A complete frame whose body ends mid-struct.
    std::string cut = msg.substr(0, 40);
    detail::store_be(cut.data(), static_cast<std::uint32_t>(cut.size() - 4));
    c.write("bad-truncated-body-framed", selector(kind::reply, true), 3, cut);

    msg.clear();
    encode_reply<methods::get_slice>(msg, 7, sample_columns(), false);
    c.write("bad-truncated-unframed", selector(kind::reply, false), 3, std::string_view(msg).substr(0, msg.size() - 3));
    std::string version = msg;
    version[1] = '\x02';  // 0x8002: not the strict binary protocol
    c.write("bad-version-unframed", selector(kind::reply, false), 3, version);
    c.write("bad-version-framed", selector(kind::reply, true), 3, in_frame(version));
    // The first column's name claims 2 GiB (the list header is 5 bytes after the field header).
    std::string huge_string = msg;
    const std::size_t name_length_at = 4 + 4 + 9 + 4 + 3 + 5 + 3 + 3;
    detail::store_be(huge_string.data() + name_length_at, std::uint32_t{0x7fffffff});
    c.write("bad-huge-string-framed", selector(kind::reply, true), 3, in_frame(huge_string));
    // The result list claims 2^31-1 elements.
    std::string huge_list = msg;
    detail::store_be(huge_list.data() + 4 + 4 + 9 + 4 + 3 + 1, std::uint32_t{0x7fffffff});
    c.write("bad-huge-list-unframed", selector(kind::reply, false), 3, huge_list);
    c.write("bad-huge-list-framed", selector(kind::reply, true), 3, in_frame(huge_list));

    std::string too_large(4, '\0');
    detail::store_be(too_large.data(), std::uint32_t{64u * 1024u * 1024u});
    c.write("bad-frame-too-large", selector(kind::reply, true), 3, too_large + "\x80\x01\x00\x02");
    std::string negative(4, '\0');
    detail::store_be(negative.data(), std::uint32_t{0x80010002u});
    c.write("bad-negative-frame-length", selector(kind::reply, true), 3, negative + std::string(8, '\0'));

    // A valid reply read as the reply to another method, with another seqid: out of sync.
    msg.clear();
    encode_reply<methods::describe_version>(msg, 7, "19.39.0", true);
    c.write("bad-out-of-sync-framed", selector(kind::reply_to_chosen, true), 0, msg);

    // An unknown field of 70 nested lists: deeper than the 64 levels the decoder accepts.
    msg.clear();
    binary_writer w(msg);
    w.write_message_begin("get_count", message_type::reply, 7);
    w.write_field_begin(wire_type::list, 9);
    for (int i = 0; i < 70; ++i)
        w.write_list_begin(wire_type::list, 1);
    w.write_list_begin(wire_type::i32, 0);
    w.write_field_stop();
    c.write("bad-too-deep-unframed", selector(kind::reply, false), 4, msg);
    c.write("bad-too-deep-framed", selector(kind::reply, true), 4, in_frame(msg));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <corpus directory>\n", argv[0]);
        return 2;
    }
    corpus_writer c{fs::path(argv[1])};
    write_valid(c);
    write_malformed(c);
    std::printf("%d seeds written to %s\n", c.count(), argv[1]);
    return 0;
}
