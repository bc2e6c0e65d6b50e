#include <cppcassa/errors.hpp>
#include <cppcassa/types/marshal_type.hpp>

#include <fmt/format.h>

#include <array>
#include <optional>
#include <ostream>
#include <utility>

namespace cppcassa {

namespace {

constexpr std::string_view package = "org.apache.cassandra.db.marshal.";

constexpr std::array<std::pair<type_kind, std::string_view>, 18> simple_names{{
    {type_kind::bytes, "BytesType"},
    {type_kind::ascii, "AsciiType"},
    {type_kind::utf8, "UTF8Type"},
    {type_kind::int64, "LongType"},
    {type_kind::int32, "Int32Type"},
    {type_kind::varint, "IntegerType"},
    {type_kind::decimal, "DecimalType"},
    {type_kind::float32, "FloatType"},
    {type_kind::float64, "DoubleType"},
    {type_kind::boolean, "BooleanType"},
    {type_kind::date, "DateType"},
    {type_kind::timestamp, "TimestampType"},
    {type_kind::uuid, "UUIDType"},
    {type_kind::time_uuid, "TimeUUIDType"},
    {type_kind::lexical_uuid, "LexicalUUIDType"},
    {type_kind::counter, "CounterColumnType"},
    {type_kind::composite, "CompositeType"},
    {type_kind::reversed, "ReversedType"},
}};

std::string_view name_of(type_kind kind) {
    for (const auto& [k, name] : simple_names)
        if (k == kind)
            return name;
    return "opaque";
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class parser {
public:
    explicit parser(std::string_view text) : text_(text) {}

    marshal_type parse_all() {
        skip_space();
        if (pos_ == text_.size())
            return {};
        marshal_type t = parse_type();
        skip_space();
        if (pos_ != text_.size())
            throw fail(fmt::format("unexpected '{}' after the type", text_[pos_]));
        return t;
    }

private:
    marshal_error fail(std::string_view why) const {
        return marshal_error(fmt::format("cannot parse marshal type '{}' at offset {}: {}", text_, pos_, why));
    }

    void skip_space() {
        while (pos_ < text_.size() && is_space(text_[pos_]))
            ++pos_;
    }

    marshal_type parse_type() {
        skip_space();
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != '(' && text_[pos_] != ')' && text_[pos_] != ',' &&
               !is_space(text_[pos_]))
            ++pos_;
        const std::string_view name = text_.substr(start, pos_ - start);
        if (name.empty())
            throw fail("expected a type name");
        skip_space();
        const bool has_params = pos_ < text_.size() && text_[pos_] == '(';

        std::string_view short_name = name;
        bool ours = true;
        if (const auto dot = name.rfind('.'); dot != std::string_view::npos) {
            short_name = name.substr(dot + 1);
            ours = name.substr(0, dot + 1) == package;
        }
        std::optional<type_kind> kind;
        if (ours)
            for (const auto& [k, n] : simple_names)
                if (n == short_name)
                    kind = k;

        if (kind == type_kind::composite || kind == type_kind::reversed) {
            if (!has_params)
                throw fail(fmt::format("{} needs its component types in parentheses", short_name));
            ++pos_;
            std::vector<marshal_type> inner;
            for (;;) {
                inner.push_back(parse_type());
                skip_space();
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < text_.size() && text_[pos_] == ')') {
                    ++pos_;
                    break;
                }
                throw fail("expected ',' or ')'");
            }
            if (kind == type_kind::reversed) {
                if (inner.size() != 1)
                    throw fail("ReversedType takes exactly one type");
                return marshal_type::reversed(std::move(inner.front()));
            }
            return marshal_type::composite(std::move(inner));
        }
        if (kind && !has_params)
            return marshal_type(*kind);
        // Anything else is kept verbatim, parameters and all (they are not always types:
        // DynamicCompositeType(a=>AsciiType), UserType(ks,6164...,...)).
        if (has_params)
            skip_balanced();
        return marshal_type::opaque(std::string(text_.substr(start, pos_ - start)));
    }

    void skip_balanced() {
        int depth = 0;
        do {
            if (pos_ == text_.size())
                throw fail("unbalanced parentheses");
            if (text_[pos_] == '(')
                ++depth;
            else if (text_[pos_] == ')')
                --depth;
            ++pos_;
        } while (depth > 0);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

marshal_type::marshal_type(type_kind kind) : kind_(kind) {
    if (kind == type_kind::composite || kind == type_kind::reversed || kind == type_kind::opaque)
        throw marshal_error(fmt::format("{} needs parameters: use marshal_type::{}()", name_of(kind),
                                        kind == type_kind::composite  ? "composite"
                                        : kind == type_kind::reversed ? "reversed"
                                                                      : "opaque"));
}

marshal_type marshal_type::composite(std::vector<marshal_type> components) {
    if (components.empty())
        throw marshal_error("a CompositeType needs at least one component type");
    for (const auto& c : components)
        if (c.base().kind() == type_kind::composite)
            throw marshal_error("a CompositeType component cannot itself be a CompositeType");
    marshal_type t;
    t.kind_ = type_kind::composite;
    t.children_ = std::move(components);
    return t;
}

marshal_type marshal_type::reversed(marshal_type inner) {
    marshal_type t;
    t.kind_ = type_kind::reversed;
    t.children_.push_back(std::move(inner));
    return t;
}

marshal_type marshal_type::opaque(std::string name) {
    marshal_type t;
    t.kind_ = type_kind::opaque;
    t.opaque_name_ = std::move(name);
    return t;
}

marshal_type marshal_type::parse(std::string_view text) { return parser(text).parse_all(); }

const marshal_type& marshal_type::inner() const {
    if (kind_ != type_kind::reversed)
        throw marshal_error(fmt::format("{} is not a ReversedType", short_name()));
    return children_.front();
}

const marshal_type& marshal_type::base() const noexcept {
    const marshal_type* t = this;
    while (t->kind_ == type_kind::reversed)
        t = &t->children_.front();
    return *t;
}

namespace {

std::string render(const marshal_type& t, bool full) {
    const std::string_view prefix = full ? package : std::string_view();
    switch (t.kind()) {
    case type_kind::opaque: {
        std::string name = t.to_string();  // the opaque name, fully qualified
        if (!full && name.starts_with(package))
            name.erase(0, package.size());
        return name;
    }
    case type_kind::composite:
    case type_kind::reversed: {
        std::string out = fmt::format("{}{}(", prefix, name_of(t.kind()));
        const auto& children = t.kind() == type_kind::composite ? t.components() : std::vector{t.inner()};
        for (std::size_t i = 0; i < children.size(); ++i) {
            if (i)
                out += ',';
            out += render(children[i], full);
        }
        return out + ")";
    }
    default:
        return fmt::format("{}{}", prefix, name_of(t.kind()));
    }
}

}  // namespace

std::string marshal_type::to_string() const {
    if (kind_ == type_kind::opaque) {
        const auto paren = opaque_name_.find('(');
        const bool qualified = opaque_name_.substr(0, paren).find('.') != std::string::npos;
        return qualified ? opaque_name_ : std::string(package) + opaque_name_;
    }
    return render(*this, true);
}

std::string marshal_type::short_name() const { return render(*this, false); }

std::ostream& operator<<(std::ostream& out, const marshal_type& t) { return out << t.short_name(); }

}  // namespace cppcassa
