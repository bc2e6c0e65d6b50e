// cppcassa-embedded-server: the embedded cluster as a process, for tools that are not linked with
// cppcassa::testing (the quickstart, a differential run of another suite).
//
//   cppcassa-embedded-server [--nodes N] [--distinct-hosts] [--unframed]
//
// Prints one "host:port" line per node once listening, then serves until stdin closes.
#include <cppcassa/testing/cluster.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

int main(int argc, char** argv) {
    cppcassa::testing::cluster_options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--nodes" && i + 1 < argc)
            options.nodes = static_cast<std::size_t>(std::atoi(argv[++i]));
        else if (arg == "--distinct-hosts")
            options.distinct_hosts = true;
        else if (arg == "--unframed")
            options.framed = false;
        else {
            std::fprintf(stderr, "usage: %s [--nodes N] [--distinct-hosts] [--unframed]\n", argv[0]);
            return 2;
        }
    }
    cppcassa::testing::cluster db(options);
    for (const auto& address : db.servers())
        std::printf("%s\n", address.c_str());
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    return 0;
}
