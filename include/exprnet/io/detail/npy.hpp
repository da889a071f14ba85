/// @file
/// The .npy array format (NumPy's format.py, versions 1.0, 2.0 and 3.0): `parse_npy` reads and
/// strictly validates the magic, version and header dict (`descr`, `fortran_order`, `shape`,
/// nothing else) and checks that the data has exactly the size the header promises;
/// `write_npy` writes version 1.0 with the header padded to 64 bytes, as NumPy does.
#pragma once

#include <exprnet/io/detail/bytes.hpp>
#include <exprnet/io/error.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exprnet::io::detail {

struct npy_array {
    std::string descr;  ///< e.g. "<f4"
    bool fortran_order = false;
    std::vector<std::size_t> shape;
    std::span<const unsigned char> data;
};

/// "(100, 784)", "(100,)", "()" as NumPy prints shapes.
inline std::string shape_string(std::span<const std::size_t> shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

/// Parses the Python dict literal NumPy writes, e.g. {'descr': '<f4', 'fortran_order': False,
/// 'shape': (2, 3), }; `where` prefixes every message.
class npy_header_parser {
public:
    npy_header_parser(std::string_view text, std::string where) : text_(text), where_(std::move(where)) {}

    npy_array parse() {
        npy_array a;
        bool seen[3] = {false, false, false};
        skip_spaces();
        expect('{');
        for (;;) {
            skip_spaces();
            if (peek() == '}') break;
            const std::size_t key_at = pos_;
            const std::string key = string_literal();
            skip_spaces();
            expect(':');
            skip_spaces();
            int k = key == "descr" ? 0 : key == "fortran_order" ? 1 : key == "shape" ? 2 : -1;
            if (k < 0) pos_ = key_at;
            if (k < 0) fail("unexpected key '" + key + "' (only 'descr', 'fortran_order' and 'shape' are allowed)");
            if (seen[k]) pos_ = key_at;
            if (seen[k]) fail("key '" + key + "' appears twice");
            seen[k] = true;
            if (k == 0) a.descr = string_literal();
            if (k == 1) a.fortran_order = boolean();
            if (k == 2) a.shape = tuple();
            skip_spaces();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            if (peek() != '}') fail("expected ',' or '}'");
        }
        ++pos_;
        for (const char* key : {"descr", "fortran_order", "shape"})
            if (!seen[key[0] == 'd' ? 0 : key[0] == 'f' ? 1 : 2]) fail(std::string("key '") + key + "' is missing");
        // NumPy pads the header with spaces and ends it with a newline.
        while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
        if (pos_ + 1 != text_.size() || text_[pos_] != '\n') fail("the header must end with spaces and one newline");
        return a;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw error(where_ + ": invalid .npy header at character " + std::to_string(pos_) + ": " + what + " (header: " +
                    std::string(text_.substr(0, text_.find('}') == std::string_view::npos ? 80 : text_.find('}') + 1)) +
                    ")");
    }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip_spaces() {
        while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    }
    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++pos_;
    }
    std::string string_literal() {
        const char quote = peek();
        if (quote != '\'' && quote != '"') fail("expected a quoted string");
        const std::size_t end = text_.find(quote, pos_ + 1);
        if (end == std::string_view::npos) fail("unterminated string");
        std::string s(text_.substr(pos_ + 1, end - pos_ - 1));
        pos_ = end + 1;
        return s;
    }
    bool boolean() {
        if (text_.substr(pos_, 4) == "True") return pos_ += 4, true;
        if (text_.substr(pos_, 5) == "False") return pos_ += 5, false;
        fail("fortran_order must be True or False");
    }
    std::vector<std::size_t> tuple() {
        std::vector<std::size_t> dims;
        expect('(');
        skip_spaces();
        bool comma_after_last = false;
        while (peek() != ')') {
            if (peek() < '0' || peek() > '9') fail("shape must be a tuple of non-negative integers");
            std::size_t d = 0;
            while (peek() >= '0' && peek() <= '9') {
                if (d > (std::size_t(1) << 48)) fail("a dimension of the shape is too large");
                d = d * 10 + std::size_t(peek() - '0');
                ++pos_;
            }
            // Python's own literal for a long, e.g. 3L from old NumPy versions.
            if (peek() == 'L') ++pos_;
            dims.push_back(d);
            skip_spaces();
            comma_after_last = peek() == ',';
            if (comma_after_last) {
                ++pos_;
                skip_spaces();
            } else if (peek() != ')') {
                fail("expected ',' or ')' in the shape");
            }
        }
        if (dims.size() == 1 && !comma_after_last) fail("a one-element shape needs a trailing comma: (n,)");
        ++pos_;
        return dims;
    }

    std::string_view text_;
    std::string where_;
    std::size_t pos_ = 0;
};

/// The longest .npy header exprnet reads. NumPy writes ~128 bytes for an array of floats (and
/// itself refuses headers over 10,000 bytes unless told otherwise); a reader that accepted any
/// length would have to take a 4 GiB header from a version 2.0 file.
inline constexpr std::size_t npy_header_cap = 65535;
/// The bytes before a .npy file's data, at most: magic, version, a 4-byte length, the header.
inline constexpr std::size_t npy_prefix_cap = 12 + npy_header_cap;

/// Parses a whole .npy file; `data` is everything after the header (its size is the caller's
/// to check, once it knows the dtype).
inline npy_array parse_npy(std::span<const unsigned char> b, const std::string& where) {
    static constexpr unsigned char magic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (b.size() < 10 || !std::equal(std::begin(magic), std::end(magic), b.begin()))
        throw error(where + ": not a .npy array (no \\x93NUMPY magic at its start)");
    const unsigned major = b[6], minor = b[7];
    if (major < 1 || major > 3 || minor != 0)
        throw error(where + ": .npy format version " + std::to_string(major) + "." + std::to_string(minor) +
                    " is not supported (1.0, 2.0 and 3.0 are)");
    const std::size_t length_bytes = major == 1 ? 2 : 4;
    if (b.size() < 8 + length_bytes) throw error(where + ": truncated .npy header");
    const std::size_t header_length = std::size_t(read_le(b, 8, int(length_bytes)));
    if (header_length > npy_header_cap)
        throw error(where + ": the .npy header claims " + std::to_string(header_length) + " bytes; exprnet reads headers of up to " +
                    std::to_string(npy_header_cap));
    const std::size_t data_at = 8 + length_bytes + header_length;
    if (data_at > b.size())
        throw error(where + ": truncated: the .npy header claims " + std::to_string(header_length) +
                    " bytes, the array has " + std::to_string(b.size()) + " in all");
    const std::string_view text(reinterpret_cast<const char*>(b.data()) + 8 + length_bytes, header_length);
    npy_array a = npy_header_parser(text, where).parse();
    a.data = b.subspan(data_at);
    return a;
}

/// A version 1.0 .npy file: header padded with spaces to a multiple of 64 bytes, then `data`.
inline std::vector<unsigned char> write_npy(std::string_view descr, std::span<const std::size_t> shape,
                                            std::span<const unsigned char> data) {
    std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': " +
                         shape_string(shape) + ", }";
    const std::size_t total = (10 + header.size() + 1 + 63) / 64 * 64;
    header.append(total - 10 - header.size() - 1, ' ');
    header += '\n';
    std::vector<unsigned char> out = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    append_le(out, header.size(), 2);
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

}  // namespace exprnet::io::detail
