// The workloads' data, the double-precision reference (plain dynamic Eigen, products written
// lazyProduct so that it shares no kernel with the systems under test and compiles quickly),
// the checks, the FLOP counts and the registration helper. See common.hpp.
#include "common.hpp"

#include <cstdint>
#include <cstdio>
#include <map>

namespace bench {

namespace {

using matd = Eigen::MatrixXd;

/// splitmix64, as in tests/support/reference_nets.hpp: the same numbers everywhere.
class rng {
public:
    explicit rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [-1, 1) with 24 significant bits.
    double uniform() { return double(next() >> 40) * 0x1.0p-23 - 1.0; }

private:
    std::uint64_t state_;
};

// Function-local: add() runs during other TUs' static initialisation.
const workload_info* infos() {
    static const workload_info table[] = {
        {"mlp_2_16_16_2_infer", {2, 16, 16, 2}, activation::tanh, 1, false},
        {"mlp_784_100_10_infer", {784, 100, 10}, activation::relu, 1, false},
        {"mlp_784_100_10_train_b64", {784, 100, 10}, activation::relu, 64, true},
        {"mlp_2_16_16_2_train", {2, 16, 16, 2}, activation::tanh, 1, true},
        {"mlp_3072_100_10_train_b64", {3072, 100, 10}, activation::relu, 64, true},
        {"mlp_784_100_10_infer_b256", {784, 100, 10}, activation::relu, 256, false},
    };
    return table;
}

problem make_problem(const workload_info& wi) {
    // One seed per network (its sizes), so the infer and train workloads share weights; the
    // data comes after the weights, from the same stream.
    std::uint64_t seed = 0x6578707274656e; /* "exprnet" */
    for (int s : wi.sizes) seed = seed * 1000003u + std::uint64_t(s);
    rng r(seed);
    problem p;
    const std::size_t layers = wi.sizes.size() - 1;
    for (std::size_t l = 0; l < layers; ++l) {
        const int in = wi.sizes[l], out = wi.sizes[l + 1];
        const double scale = 1.0 / std::sqrt(double(in));
        Eigen::MatrixXf W(out, in);
        for (int j = 0; j < in; ++j)
            for (int i = 0; i < out; ++i) W(i, j) = float(scale * r.uniform());
        Eigen::VectorXf b(out);
        for (int i = 0; i < out; ++i) b(i) = float(0.1 * r.uniform());
        p.W.push_back(std::move(W));
        p.b.push_back(std::move(b));
    }
    const int in = wi.sizes.front(), classes = wi.sizes.back();
    p.x.resize(in, wi.batch);
    for (int j = 0; j < wi.batch; ++j)
        for (int i = 0; i < in; ++i) p.x(i, j) = float(r.uniform());
    p.y = Eigen::MatrixXf::Zero(classes, wi.batch);
    for (int j = 0; j < wi.batch; ++j) {
        const int label = int(r.next() % std::uint64_t(classes));
        p.labels.push_back(label);
        p.y(label, j) = 1.0f;
    }
    p.calibration.resize(in, calibration_columns);
    for (int j = 0; j < calibration_columns; ++j)
        for (int i = 0; i < in; ++i) p.calibration(i, j) = float(r.uniform());
    return p;
}

struct reference_result {
    matd out;                       // the network's output (scores), outputs × batch
    double loss = 0;                // training only: mean softmax cross-entropy
    std::vector<matd> W0, b0;       // the initial params, widened
    std::vector<matd> W1, b1;       // the params after one SGD step with check_lr
};

reference_result compute_reference(const workload_info& wi, const problem& p) {
    reference_result r;
    const std::size_t layers = p.W.size();
    for (std::size_t l = 0; l < layers; ++l) {
        r.W0.push_back(p.W[l].cast<double>());
        r.b0.push_back(p.b[l].cast<double>());
    }
    // Forward: a[0] = x, a[l+1] = act(W[l] a[l] + b[l]), the last layer without activation.
    std::vector<matd> a{p.x.cast<double>()};
    for (std::size_t l = 0; l < layers; ++l) {
        matd z = r.W0[l].lazyProduct(a[l]);
        z.colwise() += r.b0[l].col(0);
        if (l + 1 < layers)
            z = wi.hidden == activation::tanh ? matd(z.array().tanh()) : matd(z.cwiseMax(0.0));
        a.push_back(std::move(z));
    }
    r.out = a.back();
    if (!wi.train) return r;

    // Softmax cross-entropy, mean over the batch, and dL/dscores = (softmax - y) / n.
    const matd y = p.y.cast<double>();
    const matd& s = r.out;
    const double n = double(s.cols());
    matd dz(s.rows(), s.cols());
    for (Eigen::Index j = 0; j < s.cols(); ++j) {
        const double top = s.col(j).maxCoeff();
        const Eigen::VectorXd e = (s.col(j).array() - top).exp();
        const double total = e.sum();
        r.loss += (top + std::log(total) - y.col(j).dot(s.col(j))) / n;
        dz.col(j) = (e / total - y.col(j)) / n;
    }
    // Backward, layer by layer: dW = dz aᵀ, db = row sums of dz, then through Wᵀ and the
    // activation's derivative (tanh: 1 - a², relu: [a > 0]).
    r.W1.resize(layers);
    r.b1.resize(layers);
    for (std::size_t l = layers; l-- > 0;) {
        const matd dW = dz.lazyProduct(a[l].transpose());
        const matd db = dz.rowwise().sum();
        if (l > 0) {
            const matd da = r.W0[l].transpose().lazyProduct(dz);
            const matd d = wi.hidden == activation::tanh ? matd(1.0 - a[l].array().square())
                                                         : matd((a[l].array() > 0).cast<double>());
            dz = da.cwiseProduct(d);
        }
        r.W1[l] = r.W0[l] - double(check_lr) * dW;
        r.b1[l] = r.b0[l] - double(check_lr) * db;
    }
    return r;
}

const reference_result& reference(workload w) {
    static std::map<workload, reference_result> cache;
    auto it = cache.find(w);
    if (it == cache.end()) it = cache.emplace(w, compute_reference(info(w), data(w))).first;
    return it->second;
}

double rel_err(const matd& a, const matd& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return HUGE_VAL;
    const double den = b.norm();
    const double num = (a - b).norm();
    if (!std::isfinite(num)) return HUGE_VAL;
    return den > 0 ? num / den : num;
}

std::string describe(const char* what, double err, double tol = tolerance) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s differs from the double reference: relative error %.2e (tolerance %.0e)", what,
                  err, tol);
    return buf;
}

}  // namespace

const workload_info& info(workload w) { return infos()[int(w)]; }

const problem& data(workload w) {
    static std::map<workload, problem> cache;
    auto it = cache.find(w);
    if (it == cache.end()) it = cache.emplace(w, make_problem(info(w))).first;
    return it->second;
}

std::string check_output(workload w, const Eigen::MatrixXf& out, double& err, double tol) {
    err = rel_err(out.cast<double>(), reference(w).out);
    return err <= tol ? std::string() : describe("the output", err, tol);
}

std::string check_step(workload w, double loss, const std::vector<Eigen::MatrixXf>& W, const std::vector<Eigen::VectorXf>& b,
                       double& err) {
    const reference_result& r = reference(w);
    err = std::abs(loss - r.loss) / std::abs(r.loss);
    if (!(err <= tolerance)) return describe("the loss", err);
    if (W.size() != r.W1.size() || b.size() != r.b1.size()) return "the system returned the wrong number of params";
    for (std::size_t l = 0; l < W.size(); ++l) {
        const std::string layer = std::to_string(l + 1);
        const matd Wl = W[l].cast<double>(), bl = b[l].cast<double>();
        const double checks[] = {rel_err(Wl, r.W1[l]), rel_err(Wl - r.W0[l], r.W1[l] - r.W0[l]), rel_err(bl, r.b1[l]),
                                 rel_err(bl - r.b0[l], r.b1[l] - r.b0[l])};
        const std::string names[] = {"W" + layer + " after one SGD step", "the SGD change of W" + layer + " (its gradient)",
                                     "b" + layer + " after one SGD step", "the SGD change of b" + layer + " (its gradient)"};
        for (int k = 0; k < 4; ++k) {
            if (!(checks[k] <= tolerance)) {
                err = checks[k];
                return describe(names[k].c_str(), checks[k]);
            }
            err = std::max(err, checks[k]);
        }
    }
    return {};
}

double flops(workload w) {
    const workload_info& wi = info(w);
    double forward = 0, backward = 0;
    for (std::size_t l = 0; l + 1 < wi.sizes.size(); ++l) {
        const double macs = double(wi.sizes[l]) * double(wi.sizes[l + 1]) * wi.batch;
        forward += macs;
        backward += macs;               // dW = dz aᵀ
        if (l > 0) backward += macs;    // da = Wᵀ dz (no gradient for the input)
    }
    return 2 * (forward + (wi.train ? backward : 0));
}

void set_counters(benchmark::State& state, workload w, double check_err) {
    state.counters["FLOPS"] = benchmark::Counter(flops(w), benchmark::Counter::kIsIterationInvariantRate);
    state.counters["check_rel_err"] = check_err;
}

void add(workload w, const std::string& system, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark((std::string(info(w).name) + "/" + system).c_str(), fn);
}

}  // namespace bench
