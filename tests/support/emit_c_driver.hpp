/// @file
/// Test support for inspect/emit_c.hpp: a C driver (main.c) that holds the test's data as
/// hex-float literals, calls the emitted functions and prints every result as hex floats; the
/// build of emitted file + driver with the system C compiler in strict C99
/// (-std=c99 -Wall -Wextra -Werror -pedantic), its run, and the parsed numbers.
/// The compiler's path comes from CMake (EXPRNET_TEST_CC, tests/CMakeLists.txt).
#pragma once

#include <boost/test/unit_test.hpp>

#include "support/io_files.hpp"
#include "support/reference_nets.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace emit_c_driver {

/// main.c, built up by the test: arrays, then statements in main.
class driver {
public:
    /// `static [const] T name[] = {...}` holding n values exactly (C99 hex floats).
    template <class S>
    void array(const std::string& name, const S* data, std::size_t n, bool is_const = true) {
        globals_ += std::string("static ") + (is_const ? "const " : "") + type<S>() + " " + name + "[] = {";
        for (std::size_t k = 0; k < n; ++k) {
            char text[64];
            std::snprintf(text, sizeof text, "%a", double(data[k]));
            globals_ += (k ? ", " : "") + std::string(text);
        }
        globals_ += "};\n";
    }
    /// Any Eigen block (column-major order, as the emitted code reads inputs).
    template <class M>
    void matrix(const std::string& name, const M& m) {
        using S = typename M::Scalar;
        const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic> copy = m;
        array(name, copy.data(), std::size_t(copy.size()));
    }
    /// `static T name[size];` (size a C expression, e.g. NET_PARAMS).
    template <class S>
    void zeros(const std::string& name, const std::string& size) {
        globals_ += "static " + type<S>() + " " + name + "[" + size + "];\n";
    }
    void line(const std::string& statement) { main_ += "    " + statement + "\n"; }
    /// Prints `label v0 v1 ...` (count a C expression).
    void print(const std::string& label, const std::string& pointer, const std::string& count) {
        main_ += "    show(\"" + label + "\", " + pointer + ", " + count + ");\n";
    }

    std::string text(const std::string& emitted_file) const {
        return "#include \"" + emitted_file + "\"\n#include <stdio.h>\n\n" + globals_ +
               "\nstatic void show(const char *label, const void *values, int n) {\n"
               "    printf(\"%s\", label);\n"
               "    for (int k = 0; k < n; ++k) printf(\" %a\", " +
               print_cast_ + ");\n    printf(\"\\n\");\n}\n\nint main(void) {\n" + main_ + "    return 0;\n}\n";
    }

    template <class S>
    void scalar() {
        print_cast_ = std::string("(double)((const ") + type<S>() + " *)values)[k]";
    }

private:
    template <class S>
    static std::string type() {
        return sizeof(S) == 4 ? "float" : "double";
    }
    std::string globals_, main_;
    std::string print_cast_ = "(double)((const float *)values)[k]";
};

using results = std::map<std::string, std::vector<double>>;

/// Builds `emitted` (as net.c) with the driver, runs it, and returns its printed lines by
/// label. A failed build or run fails the test with the compiler's or program's output.
inline results run(const std::string& tag, const std::string& emitted, const driver& d) {
    io_files::temp_dir dir("emit_c-" + tag);
    {
        std::ofstream(dir / "net.c") << emitted;
        std::ofstream(dir / "main.c") << d.text("net.c");
    }
    const std::string cc = EXPRNET_TEST_CC;  // "" or "...-NOTFOUND" when CMake found none
    BOOST_REQUIRE_MESSAGE(!cc.empty() && !cc.ends_with("-NOTFOUND"),
                          "no C compiler was found when CMake configured the tests (install gcc)");
    const std::string q = "'" + dir.path().string() + "'";
    const std::string build = cc + " -std=c99 -Wall -Wextra -Werror -pedantic -O1 -o " + q +
                              "/prog " + q + "/main.c -lm > " + q + "/cc.log 2>&1";
    const int built = std::system(build.c_str());
    BOOST_REQUIRE_MESSAGE(built == 0, "the C build failed: " + build + "\n" + io_files::read_text(dir / "cc.log") +
                                          "\n---- net.c ----\n" + emitted);
    const int ran = std::system((q + "/prog > " + q + "/out.txt 2>&1").c_str());
    const std::string out = io_files::read_text(dir / "out.txt");
    BOOST_REQUIRE_MESSAGE(ran == 0, "the C program failed:\n" + out);
    results r;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string label, word;
        words >> label;
        std::vector<double>& values = r[label];
        while (words >> word) values.push_back(std::strtod(word.c_str(), nullptr));
    }
    return r;
}

/// The printed values as an rows x cols column-major matrix (rel_err of support/reference_nets.hpp).
inline reference::mat as_matrix(const std::vector<double>& v, long rows, long cols) {
    BOOST_REQUIRE_EQUAL(long(v.size()), rows * cols);
    return Eigen::Map<const reference::mat>(v.data(), rows, cols);
}

/// Block [offset, offset + count) of printed values (a param's slot of a printed arena).
inline reference::mat slice(const std::vector<double>& v, std::size_t offset, std::size_t count) {
    BOOST_REQUIRE_LE(offset + count, v.size());
    return Eigen::Map<const reference::mat>(v.data() + offset, Eigen::Index(count), 1);
}

/// Inputs of a driver, in the order of the program's inputs (the emitted functions' order).
template <class S>
using inputs = std::vector<std::pair<std::string, reference::matrix_of<S>>>;

/// A driver calling `<pfx>_forward(params, inputs..., out)` and printing `out`.
template <class Arena>
driver forward_driver(const Arena& p, const inputs<typename Arena::scalar>& xs, const std::string& pfx = "net") {
    using S = typename Arena::scalar;
    driver d;
    d.scalar<S>();
    d.array("params", p.data(), Arena::size);
    std::string args = "params";
    for (const auto& [name, m] : xs) {
        d.matrix(name, m);
        args += ", " + name;
    }
    std::string PFX = pfx;
    for (char& c : PFX) c = char(std::toupper(static_cast<unsigned char>(c)));
    d.zeros<S>("out", PFX + "_SIZE_OUT");
    d.line(pfx + "_forward(" + args + ", out);");
    d.print("out", "out", PFX + "_SIZE_OUT");
    return d;
}

/// A driver calling `<pfx>_train_step(params, grads, inputs...)` and printing the loss and
/// the whole gradient block.
template <class Arena>
driver train_driver(const Arena& p, const inputs<typename Arena::scalar>& xs, const std::string& pfx = "net") {
    using S = typename Arena::scalar;
    const std::string T = sizeof(S) == 4 ? "float" : "double";
    driver d;
    d.scalar<S>();
    d.array("params", p.data(), Arena::size);
    std::string args = "params, grads";
    for (const auto& [name, m] : xs) {
        d.matrix(name, m);
        args += ", " + name;
    }
    std::string PFX = pfx;
    for (char& c : PFX) c = char(std::toupper(static_cast<unsigned char>(c)));
    d.zeros<S>("grads", PFX + "_PARAMS");
    d.line("const " + T + " loss = " + pfx + "_train_step(" + args + ");");
    d.print("loss", "&loss", "1");
    d.print("grads", "grads", PFX + "_PARAMS");
    return d;
}

/// Every param's slot of a printed arena block against the arena (norm-wise, per param).
template <class Arena>
void check_arena(const std::vector<double>& block, const Arena& a, double tol, const std::string& what) {
    BOOST_REQUIRE_EQUAL(block.size(), Arena::size);
    a.for_each([&](auto symbol, const auto& m) {
        using P = decltype(symbol);
        const std::size_t at = Arena::template offset_of<P>();
        const reference::mat c = slice(block, at, std::size_t(P::rows * P::cols));
        const reference::mat e = Eigen::Map<const Eigen::Matrix<typename Arena::scalar, Eigen::Dynamic, 1>>(a.data() + at, P::rows * P::cols)
                                     .template cast<double>();
        const double err = reference::rel_err(c, e);
        BOOST_TEST(err <= tol, what << " " << P::name.view() << ": relative error " << err << " (C vs exprnet)");
        (void)m;
    });
}

}  // namespace emit_c_driver
