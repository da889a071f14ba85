// Instructions per inference of the 784-100-10 net (int8_nets.hpp) on a Cortex-M under QEMU
// (docs/int8.md): the float program (weights in flash), exprnet's int8 program, and the obvious
// hand-written int8 loop (one multiply-accumulate at a time, the input offset in the loop, as
// TFLite's reference kernel), all on the same input. QEMU is not cycle-accurate: run with
// `-icount shift=0`, its virtual clock advances one step per instruction, so SysTick counts
// instructions; a loop of known length calibrates ticks to instructions. The outputs are
// printed as values (compared with the host); the counts as `target` lines.
#include "int8_nets.hpp"
#include "mlp_float.hpp"
#include "mlp_int8.hpp"
#include "report.hpp"

#include <exprnet/quant/program.hpp>

#include <cstdint>

using namespace exprnet;
using namespace int8_demo;

constexpr quant::qparams_for<mlp::net> mlp_q = mlp_int8::make<quant::qparams_for<mlp::net>>();
constexpr params_for<mlp::net> mlp_p = io::baked_arena<params_for<mlp::net>>(mlp_float::arrays);
constinit auto int8_program = quant::compile<batch<1>>(mlp::scores);
constinit auto float_program = compile<batch<1>>(mlp::scores);

namespace {

/// The obvious int8 layer: TFLite's reference fully connected kernel, loop by loop.
template <class Layer>
__attribute__((noinline)) void obvious_layer(const quant::layer_params<Layer>& l, std::int32_t input_offset,
                                             const std::int8_t* in, std::int8_t* out) {
    for (int i = 0; i < Layer::outputs; ++i) {
        std::int32_t acc = 0;
        for (int j = 0; j < Layer::inputs; ++j)
            acc += (std::int32_t(in[j]) + input_offset) * std::int32_t(l.weight[std::size_t(i * Layer::inputs + j)]);
        acc += l.bias[std::size_t(i)];
        std::int32_t v = quant::multiply_by_quantized_multiplier(acc, l.multiplier[std::size_t(i)], l.shift[std::size_t(i)]) +
                         l.output.zero_point;
        out[i] = std::int8_t(v < l.output_min ? l.output_min : v > l.output_max ? l.output_max : v);
    }
}

#if defined(__arm__)
volatile std::uint32_t* const systick = reinterpret_cast<volatile std::uint32_t*>(0xE000E010u);

void start_systick() {
    systick[1] = 0x00FFFFFFu;  // reload
    systick[2] = 0;            // current value
    systick[0] = 5;            // enable, processor clock, no interrupt
}
std::uint32_t ticks() { return systick[2]; }
std::uint32_t elapsed(std::uint32_t from, std::uint32_t to) { return (from - to) & 0x00FFFFFFu; }

/// Ticks of 2 × n instructions (subs, bne).
std::uint32_t calibration_ticks(std::uint32_t n) {
    const std::uint32_t t0 = ticks();
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+l"(n)::"cc");
    return elapsed(t0, ticks());
}
#endif

template <class F>
long instructions(F&& f) {
#if defined(__arm__)
    constexpr std::uint32_t loop = 100000;
    const std::uint32_t per_loop = calibration_ticks(loop);
    const std::uint32_t t0 = ticks();
    f();
    const std::uint32_t spent = elapsed(t0, ticks());
    return long((std::uint64_t(spent) * 2 * loop + per_loop / 2) / per_loop);
#else
    f();
    return 0;
#endif
}

}  // namespace

int main() {
#if defined(__arm__)
    start_systick();
#endif
    static std::int8_t in[784];
    std::int8_t out[10], hidden[100], obvious_out[10];
    for (int k = 0; k < 784; ++k) in[k] = mlp::input_value(0, k);
    Eigen::Matrix<float, 784, 1> x;
    for (int k = 0; k < 784; ++k) x(k) = quant::dequantize_value(in[k], mlp_q.input);

    const long int8_count = instructions([&] { int8_program.run_int8(mlp_q, in, out); });
    const long obvious_count = instructions([&] {
        obvious_layer(mlp_q.layer<0>(), -mlp_q.input.zero_point, in, hidden);
        obvious_layer(mlp_q.layer<1>(), -mlp_q.layer<0>().output.zero_point, hidden, obvious_out);
    });
    Eigen::Matrix<float, 10, 1> scores;
    const long float_count = instructions([&] { scores = float_program(mlp_p, mlp::x = x); });

    for (int k = 0; k < 10; ++k) report::value("int8_mlp_score", k, float(out[k]));
    for (int k = 0; k < 10; ++k) report::value("obvious_int8_mlp_score", k, float(obvious_out[k]));
    for (int k = 0; k < 10; ++k) report::value("float_mlp_score", k, scores(k));
    report::target("instructions_int8_program", int8_count);
    report::target("instructions_obvious_int8_loop", obvious_count);
    report::target("instructions_float_program", float_count);
    report::target("multiply_adds", 784 * 100 + 100 * 10);
    report::target("int8_params_bytes", long(sizeof(mlp_q)));
    report::target("float_params_bytes", long(sizeof(mlp_p)));
    report::target("int8_program_bytes", long(sizeof(int8_program)));
    report::target("float_program_bytes", long(sizeof(float_program)));
    return 0;
}
