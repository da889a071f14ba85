// eval/gemm.hpp: exprnet::gemm against Eigen's product (the independent reference), for every
// pair of storage orders, with and without accumulation and alpha, on shapes that exercise every
// edge of the blocked kernels: sizes that are not multiples of the micro-panels (16 rows, 6
// columns) or of the blocks (256 rows, 256 depth, 2048 columns), and below and above them. The
// packing panels live in a buffer of exactly gemm_scratch_size scalars, followed by a canary
// that must stay untouched. Built plain and, on x86 hosts with AVX2, with -mavx2 -mfma
// (test.eval.gemm.avx2), so that both kernels meet the reference.
#include <boost/test/unit_test.hpp>

#include <exprnet/eval/gemm.hpp>

#include <Eigen/Core>

#include <vector>

namespace {

using colmajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
using rowmajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class A, class B>
void check(long m, long n, long k, bool accumulate, float alpha) {
    const A a = A::Random(m, k);
    const B b = B::Random(k, n);
    const colmajor start = colmajor::Random(m, n);
    const colmajor expected = accumulate ? colmajor(start + alpha * (a.template cast<double>() * b.template cast<double>()).template cast<float>())
                                         : colmajor(alpha * (a.template cast<double>() * b.template cast<double>()).template cast<float>());
    colmajor dst = start;
    const long scratch_size = exprnet::gemm_scratch_size(m, n, k);
    std::vector<float> scratch(std::size_t(scratch_size + 64), -7.0f);
    Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, A::IsRowMajor ? Eigen::RowMajor : Eigen::ColMajor>> am(a.data(), m, k);
    Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, B::IsRowMajor ? Eigen::RowMajor : Eigen::ColMajor>> bm(b.data(), k, n);
    Eigen::Map<colmajor> dm(dst.data(), m, n);
    exprnet::gemm(dm, am, bm, scratch.data(), alpha, accumulate);
    const double err = (dst - expected).norm() / expected.norm();
    BOOST_TEST(err < 1e-5, m << "x" << n << "x" << k << (A::IsRowMajor ? " A row-major" : " A col-major")
                                  << (B::IsRowMajor ? ", B row-major" : ", B col-major") << (accumulate ? ", +=" : "")
                                  << ": relative error " << err);
    bool canary = true;
    for (std::size_t i = std::size_t(scratch_size); i < scratch.size(); ++i) canary = canary && scratch[i] == -7.0f;
    BOOST_TEST(canary, m << "x" << n << "x" << k << ": the kernel wrote past its panels");
}

template <class A, class B>
void check_shapes() {
    const long shapes[][3] = {{1, 7, 3},    {5, 2, 9},     {16, 6, 1},    {17, 7, 33},   {100, 64, 784},
                              {100, 784, 64}, {256, 128, 784}, {257, 13, 300}, {40, 2050, 20}, {300, 30, 600}};
    for (const auto& s : shapes) {
        check<A, B>(s[0], s[1], s[2], false, 1.0f);
        check<A, B>(s[0], s[1], s[2], true, -0.25f);
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(col_major_times_col_major) { check_shapes<colmajor, colmajor>(); }
BOOST_AUTO_TEST_CASE(row_major_times_col_major) { check_shapes<rowmajor, colmajor>(); }
BOOST_AUTO_TEST_CASE(col_major_times_row_major) { check_shapes<colmajor, rowmajor>(); }
BOOST_AUTO_TEST_CASE(row_major_times_row_major) { check_shapes<rowmajor, rowmajor>(); }

#if defined(EXPRNET_TEST_GEMM_AVX2)
BOOST_AUTO_TEST_CASE(this_build_runs_the_avx2_kernel) {
#if defined(__AVX2__) && defined(__FMA__)
    BOOST_TEST(true);
#else
    BOOST_TEST(false, "built for the AVX2 kernel without -mavx2 -mfma");
#endif
}
#endif
