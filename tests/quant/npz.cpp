// quant/npz.hpp: int8 parameters saved as .npz, read back with exprnet's own .npz parser
// (io/detail): every array present under its name, with its dtype, shape and bytes.
#include <exprnet/embedded.hpp>
#include <exprnet/io/detail/npy.hpp>
#include <exprnet/io/detail/zip.hpp>
#include <exprnet/nn.hpp>
#include <exprnet/quant.hpp>
#include <exprnet/quant/npz.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <unistd.h>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 5>;
constexpr auto W1 = param<"W1", 7, 5>;
constexpr auto b1 = param<"b1", 7>;
constexpr auto W2 = param<"W2", 3, 7>;
constexpr auto net = W2 * tanh(W1 * x + b1);
using E = std::remove_const_t<decltype(net)>;

template <class T>
bool same_bytes(const io::detail::npy_array& a, const T* values, std::size_t count) {
    return a.data.size() == count * sizeof(T) && std::memcmp(a.data.data(), values, a.data.size()) == 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_array_is_saved_with_its_dtype_shape_and_bytes) {
    params_for<E> p;
    nn::initialize(p, nn::he_normal, 4);
    quant::qparams_for<E> q;
    quant::quantize(net, p, Eigen::MatrixXf::Random(5, 32), q);
    const auto path = std::filesystem::temp_directory_path() / ("exprnet-qparams-" + std::to_string(::getpid()) + ".npz");
    quant::save_npz(path, q);

    const std::vector<unsigned char> bytes = io::detail::read_whole_file(path);
    std::filesystem::remove(path);
    const auto entries = io::detail::read_zip(bytes, path.string(), [](std::string_view) { return std::uint64_t(1) << 20; });
    std::map<std::string, io::detail::npy_array> arrays;
    for (const auto& e : entries) arrays[e.name] = io::detail::parse_npy(e.data, e.name);
    // input: 2 arrays; each layer 10, and 3 more for a table (W1 has one, W2 none).
    BOOST_TEST(arrays.size() == 2u + 13u + 10u);

    const auto& l0 = q.layer<0>();
    const auto& w1 = arrays.at("W1.npy");
    BOOST_TEST(w1.descr == "|i1");
    BOOST_TEST((w1.shape == std::vector<std::size_t>{7, 5}));
    BOOST_TEST(same_bytes(w1, l0.weight.data(), l0.weight.size()));
    BOOST_TEST(arrays.at("b1.npy").descr == "<i4");
    BOOST_TEST(same_bytes(arrays.at("b1.npy"), l0.bias.data(), 7));
    BOOST_TEST(same_bytes(arrays.at("W1.multiplier.npy"), l0.multiplier.data(), 7));
    BOOST_TEST(same_bytes(arrays.at("W1.table.npy"), l0.table.data(), 256));
    BOOST_TEST(arrays.at("W1.output.scale.npy").shape.empty());
    BOOST_TEST(same_bytes(arrays.at("W1.output.scale.npy"), &l0.output.scale, 1));
    BOOST_TEST(same_bytes(arrays.at("input.zero_point.npy"), &q.input.zero_point, 1));
    // W2 has no bias param and no table: its int32 bias is "W2.bias", and it has no W2.table.
    const auto& l1 = q.layer<1>();
    BOOST_TEST(same_bytes(arrays.at("W2.bias.npy"), l1.bias.data(), 3));
    BOOST_TEST(same_bytes(arrays.at("W2.shift.npy"), l1.shift.data(), 3));
    BOOST_TEST(arrays.count("W2.table.npy") == 0u);
}
