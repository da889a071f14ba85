/// @file
/// Defines `exprnet::emit_c(program, options)`: a compiled program as one standalone C99 file
/// (no Eigen, no exprnet, no heap: loops over the caller's arrays and one static workspace),
/// with the forward pass, or the training step and optionally the fused SGD step; and
/// `write_c(path, text)`, which writes it atomically. Parameters are passed in (the arena's
/// block, same layout) or baked in as a `static const` array.
/// Shapes: the batch is the program's batch<N>; a dynamic_batch program cannot be exported.
/// Backward: the training step writes every gradient into a block of the arena's layout.
/// Evaluation: the C code runs the program's own jobs (eval/local.hpp) in order, each as a
/// commented block of loops: what is printed is what runs. Host-only (std::string, files).
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/inspect/detail/c_file.hpp>
#include <exprnet/inspect/detail/c_program.hpp>
#include <exprnet/inspect/to_string.hpp>
#include <exprnet/io/detail/file.hpp>

#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace exprnet {

/// What emit_c writes.
struct c_options {
    /// Starts every identifier of the file: `<prefix>_forward`, `<PREFIX>_BATCH`, ...
    std::string prefix = "net";
    /// A training program: emit `<prefix>_train_step` (forward, backward, gradients out).
    bool train_step = true;
    /// A training program: emit `<prefix>_sgd_step` (forward, backward, params -= lr * grad,
    /// in place, as `program(p, sgd{lr}, ...)`).
    bool sgd_step = false;
};

namespace detail {

/// The checks of the options (the C99 identifier rule, a function to emit, an SGD step only
/// for a network whose gradients can be applied in place).
inline void check_c_options(const c_options& options, bool training, bool in_place_ok) {
    const std::string& p = options.prefix;
    if (p.empty() || (p[0] >= '0' && p[0] <= '9') ||
        p.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos)
        throw std::invalid_argument("exprnet::emit_c: the prefix \"" + p + "\" is not a C identifier");
    if (training && !options.train_step && !options.sgd_step)
        throw std::invalid_argument("exprnet::emit_c: a training program needs c_options::train_step or sgd_step");
    if (training && options.sgd_step && !in_place_ok) throw std::invalid_argument(EXPRNET_MSG_SGD_IN_PLACE);
}

template <class Program, class ParamArena>
std::string emit_c_text(const ParamArena* baked, const c_options& options) {
    using scalar = typename Program::scalar;
    static_assert(!Program::dynamic, EXPRNET_MSG_EMIT_C_DYNAMIC_BATCH);
    static_assert(all_in_v<typename Program::params, typename ParamArena::params>, EXPRNET_MSG_ARENA_LACKS_PARAM);
    static_assert(std::is_same_v<typename ParamArena::scalar, scalar>, EXPRNET_MSG_ARENA_SCALAR);
    if constexpr (Program::dynamic || !all_in_v<typename Program::params, typename ParamArena::params> ||
                  !std::is_same_v<typename ParamArena::scalar, scalar>) {
        return {};  // reported above
    } else {
        constexpr bool training = Program::wrt_params::size > 0;
        check_c_options(options, training, Program::structure.in_place_ok);
        c_program<Program, ParamArena> c(options.prefix, baked != nullptr);
        // The functions first: they decide which helpers the file needs. (Appended piece by
        // piece: g++ 12 at -O3 reports a -Wrestrict false positive on `"\n" + std::string&&`,
        // which inlines std::string::insert; GCC bugs 105329 and 105651.)
        std::string functions;
        if constexpr (!training) {
            functions += '\n';
            functions += c.template function<false>(c_function::forward);
        } else {
            if (options.train_step) {
                functions += '\n';
                functions += c.template function<false>(c_function::train_step);
            }
            if constexpr (Program::structure.in_place_ok)
                if (options.sgd_step) {
                    functions += '\n';
                    functions += c.template function<true>(c_function::sgd_step);
                }
        }
        using output = typename Program::output;
        c_file_facts facts{to_string(output{}), training, output::rows, long(ParamArena::size), c.workspace_size, {}, options.sgd_step};
        if (baked) facts.baked.assign(baked->data(), baked->data() + ParamArena::size);
        return c_file_text(c, facts, functions);
    }
}

/// The params and the directions' params of a program (a jvp output may read a param only
/// through its direction: jvp(W * x, wrt(W)) is v_W * x).
template <class Program, class Directions = typename Program::directions>
struct c_arena_params;
template <class Program, class... Ds>
struct c_arena_params<Program, type_list<Ds...>> {
    using type = typename filter<nodes_of_t<typename Program::output, typename Ds::param...>, is_param>::type;
};

template <class Program>
using default_c_arena =
    std::conditional_t<all_in_v<typename c_arena_params<Program>::type, params_of_t<typename Program::output>>,
                       params_for<typename Program::output, typename Program::scalar>,
                       arena<typename c_arena_params<Program>::type, typename Program::scalar, params_role>>;

}  // namespace detail

/// The program as a C99 file whose functions take the parameters as an array in ParamArena's
/// layout (by default params_for<E> of the compiled expression E): pass `p.data()`. A jvp or
/// hvp program's functions also take the directions, a second array of that layout.
template <class ParamArena = void, class Program>
std::string emit_c(const Program&, const c_options& options = {}) {
    using arena_type = std::conditional_t<std::is_void_v<ParamArena>, detail::default_c_arena<Program>, ParamArena>;
    return detail::emit_c_text<Program, arena_type>(nullptr, options);
}
/// A program whose compile reported a mistake: nothing more to say (one mistake, one message).
template <class ParamArena = void>
std::string emit_c(const invalid_program&, const c_options& = {}) {
    return {};
}

/// The program as a C99 file with the values of `p` baked in (`<prefix>_params`; printed so
/// that they read back exactly). With c_options::sgd_step the array is not const, and the SGD
/// step trains it in place.
template <class Program, class ParamArena>
    requires requires { typename ParamArena::params; }
std::string emit_c(const Program&, const ParamArena& p, const c_options& options = {}) {
    if constexpr (std::is_same_v<Program, invalid_program>) return {};
    else return detail::emit_c_text<Program, ParamArena>(&p, options);
}

/// Writes text to path atomically (a temporary file renamed over it); throws io::error.
inline void write_c(const std::filesystem::path& path, std::string_view text) {
    io::detail::write_file_atomically(path, std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size()));
}

}  // namespace exprnet
