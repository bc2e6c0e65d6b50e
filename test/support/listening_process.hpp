// Finds which process owns a listening TCP socket, from /proc (Linux), so a test can prove that
// the server it talks to is the JVM our launcher started and not something else on the port.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace cppcassa::test {

// The inode of the IPv4 socket listening on ip:port, as /proc/net/tcp lists it.
inline std::optional<std::string> listening_inode(std::uint32_t ip_host_order, std::uint16_t port) {
    std::ifstream tcp("/proc/net/tcp");
    std::string line;
    std::getline(tcp, line);  // header
    char wanted[32];
    // /proc/net/tcp prints the address in network byte order read as a little-endian word.
    const std::uint32_t ip_le = __builtin_bswap32(ip_host_order);
    std::snprintf(wanted, sizeof wanted, "%08X:%04X", ip_le, port);
    while (std::getline(tcp, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
        fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
        if (local == wanted && state == "0A")  // 0A: TCP_LISTEN
            return inode;
    }
    return std::nullopt;
}

inline bool process_owns_socket(int pid, const std::string& inode) {
    const std::string target = "socket:[" + inode + "]";
    std::error_code ec;
    for (auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
        std::error_code link_ec;
        if (std::filesystem::read_symlink(fd.path(), link_ec).string() == target)
            return true;
    }
    return false;
}

inline std::string process_command_line(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (char& c : cmdline)
        if (c == '\0')
            c = ' ';
    return cmdline;
}

}  // namespace cppcassa::test
