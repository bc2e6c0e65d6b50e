// client_errc as a std::error_code category: each code's name and what a caller changes for it.
#include <cppcassa/errors.hpp>

#include <string>

namespace cppcassa {

namespace {

struct code_text {
    client_errc code;
    const char* name;
    const char* message;
};

// One row per code, so a new code gets its name and its message in one place.
constexpr code_text texts[] = {
    {client_errc::invalid_argument, "invalid_argument",
     "an argument or option has a value the call cannot use: give one in its documented range"},
    {client_errc::conflicting_arguments, "conflicting_arguments",
     "arguments or options that cannot go together, or one without another it needs: give one of them, or "
     "both"},
    {client_errc::wrong_column_family_kind, "wrong_column_family_kind",
     "the call does not fit the column family's kind (standard, super, counter): use the form made for that "
     "kind"},
    {client_errc::no_such_element, "no_such_element",
     "no element of that name or key: look it up with find() or contains() first"},
    {client_errc::already_connected, "already_connected", "a connection connects once: create a new connection"},
    {client_errc::not_supported, "not_supported",
     "cppcassa does not support this: see the call's documentation for what it does support"},
    {client_errc::not_supported_by_server, "not_supported_by_server",
     "the server's Thrift API version lacks this call: upgrade the server or avoid the call"},
    {client_errc::internal_error, "internal_error",
     "cppcassa broke one of its own rules: a bug to report, with the error's message"},
};

const code_text* text_of(client_errc code) noexcept {
    for (const auto& text : texts)
        if (text.code == code)
            return &text;
    return nullptr;
}

class client_error_category final : public std::error_category {
public:
    [[nodiscard]] const char* name() const noexcept override { return "cppcassa.client"; }

    [[nodiscard]] std::string message(int code) const override {
        if (const auto* text = text_of(static_cast<client_errc>(code)))
            return text->message;
        return "unknown cppcassa client error " + std::to_string(code);
    }
};

}  // namespace

const std::error_category& client_category() noexcept {
    static const client_error_category category;
    return category;
}

std::error_code make_error_code(client_errc code) noexcept { return {static_cast<int>(code), client_category()}; }

const char* to_string(client_errc code) noexcept {
    const auto* text = text_of(code);
    return text ? text->name : "unknown";
}

}  // namespace cppcassa
