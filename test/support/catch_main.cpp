// The one Catch2 main every test executable links (compiled once: it is the slowest file to build).
// Written out rather than CATCH_CONFIG_MAIN, which Catch2 3 no longer reads.
#if __has_include(<catch2/catch_session.hpp>)
#include <catch2/catch_session.hpp>
#else
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#endif

int main(int argc, char* argv[]) { return Catch::Session().run(argc, argv); }
