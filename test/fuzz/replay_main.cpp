// Runs the fuzz target once on every file given (directories are walked), without libFuzzer.
//
// This is how the fuzzer's seed corpus runs in the ordinary test build (g++, ASan + UBSan): every
// seed must pass the same checks the fuzzer applies. A failure aborts, naming the file on stderr
// first.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool run_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return false;
    }
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t runs = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        if (fs::is_directory(arg)) {
            std::vector<fs::path> files;
            for (const auto& entry : fs::directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end());  // a stable order makes a failure reproducible
            for (const auto& f : files) {
                ok = run_file(f) && ok;
                ++runs;
            }
        } else {
            ok = run_file(arg) && ok;
            ++runs;
        }
    }
    std::fprintf(stderr, "%zu inputs replayed\n", runs);
    // An empty corpus would make the test pass while proving nothing.
    return ok && runs > 0 ? 0 : 1;
}
