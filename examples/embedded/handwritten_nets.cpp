// The embedded example written by hand with Eigen, the way one would without exprnet: the same
// nets, data and initial weights as exprnet_nets.cpp, the backward pass derived by hand
// (CS231n's rules), products as lazyProduct (Eigen's GEMV keeps a heap fallback, which the
// no-heap link refuses). It is the baseline of docs/embedded.md's flash and RAM table, and
// its outputs agree with the exprnet version's (firmware_test.py, tolerance 1e-5).
#include "nets.hpp"
#include "report.hpp"
#include "spiral_weights.hpp"

#include <Eigen/Core>

namespace demo {

template <int Rows, int Cols>
using const_map = Eigen::Map<const Eigen::Matrix<float, Rows, Cols, Cols == 1 ? Eigen::ColMajor : Eigen::RowMajor>>;

// Flash: the spiral weights, read in place.
const const_map<spiral_hidden, 2> spiral_W1(spiral_weights::W1);
const const_map<spiral_hidden, 1> spiral_b1(spiral_weights::b1);
const const_map<spiral_classes, spiral_hidden> spiral_W2(spiral_weights::W2);
const const_map<spiral_classes, 1> spiral_b2(spiral_weights::b2);

// RAM: the weights trained on the device.
Eigen::Matrix<float, train_hidden, 2> W1;
Eigen::Matrix<float, train_hidden, 1> b1;
Eigen::Matrix<float, train_hidden, train_hidden> W2;
Eigen::Matrix<float, train_hidden, 1> b2;
Eigen::Matrix<float, train_classes, train_hidden> W3;
Eigen::Matrix<float, train_classes, 1> b3;

using batch_matrix = Eigen::Matrix<float, train_hidden, train_batch>;
using scores_matrix = Eigen::Matrix<float, train_classes, train_batch>;

/// One SGD step on a mini-batch: forward, the SVM loss, backward, update. Returns the loss.
float train_step(const Eigen::Matrix<float, 2, train_batch>& x, const Eigen::Matrix<int, 1, train_batch>& label) {
    const batch_matrix h1 = ((W1.lazyProduct(x)).colwise() + b1).array().tanh().matrix();
    const batch_matrix h2 = ((W2.lazyProduct(h1)).colwise() + b2).array().tanh().matrix();
    const scores_matrix s = (W3.lazyProduct(h2)).colwise() + b3;

    // SVM loss: mean over the batch of sum over k != label of max(0, s_k - s_label + 1).
    // Its gradient: 1/N for each positive margin, minus their count at the label's row.
    scores_matrix ds;
    float loss = 0;
    for (int j = 0; j < train_batch; ++j) {
        int positive = 0;
        for (int k = 0; k < train_classes; ++k) {
            const float margin = s(k, j) - s(label(j), j) + 1.0f;
            const bool counts = k != label(j) && margin > 0;
            loss += counts ? margin : 0.0f;
            positive += counts;
            ds(k, j) = counts ? 1.0f / train_batch : 0.0f;
        }
        ds(label(j), j) = -float(positive) / train_batch;
    }
    loss /= train_batch;

    // Backward: a product's gradient takes the other factor transposed, a sum's gradient is
    // summed over the batch for a bias, tanh's local gradient is 1 - tanh².
    const batch_matrix dz2 = (W3.transpose().lazyProduct(ds)).cwiseProduct((1.0f - h2.array().square()).matrix());
    const batch_matrix dz1 = (W2.transpose().lazyProduct(dz2)).cwiseProduct((1.0f - h1.array().square()).matrix());
    W3 -= learning_rate * ds.lazyProduct(h2.transpose());
    b3 -= learning_rate * ds.rowwise().sum();
    W2 -= learning_rate * dz2.lazyProduct(h1.transpose());
    b2 -= learning_rate * dz2.rowwise().sum();
    W1 -= learning_rate * dz1.lazyProduct(x.transpose());
    b1 -= learning_rate * dz1.rowwise().sum();
    return loss;
}

}  // namespace demo

int main() {
    using namespace demo;
    // 1. Inference on the grid.
    int votes[spiral_classes] = {};
    for (int i = 0; i < grid_side * grid_side; ++i) {
        const Eigen::Matrix<float, 2, 1> point(grid_coordinate(i % grid_side), grid_coordinate(i / grid_side));
        const Eigen::Matrix<float, spiral_hidden, 1> h = (spiral_W1.lazyProduct(point) + spiral_b1).cwiseMax(0.0f);
        const Eigen::Matrix<float, spiral_classes, 1> s = spiral_W2.lazyProduct(h) + spiral_b2;
        int best = 0;
        for (int k = 0; k < spiral_classes; ++k) {
            report::value("spiral_score", i * spiral_classes + k, s(k));
            if (s(k) > s(best)) best = k;
        }
        ++votes[best];
    }
    for (int k = 0; k < spiral_classes; ++k) report::figure("spiral_grid_points_of_class", votes[k]);

    // 2. Training on the device.
    W1 = const_map<train_hidden, 2>(W1_init.data());
    b1 = const_map<train_hidden, 1>(b1_init.data());
    W2 = const_map<train_hidden, train_hidden>(W2_init.data());
    b2 = const_map<train_hidden, 1>(b2_init.data());
    W3 = const_map<train_classes, train_hidden>(W3_init.data());
    b3 = const_map<train_classes, 1>(b3_init.data());
    Eigen::Matrix<float, 2, train_batch> xb;
    Eigen::Matrix<int, 1, train_batch> labels;
    for (int step = 0; step < train_steps; ++step) {
        const int b = step % (train_points / train_batch);
        for (int j = 0; j < train_batch; ++j) {
            const int i = batch_point(b, j);
            xb.col(j) << point_x(i), point_y(i);
            labels(j) = point_label(i);
        }
        report::value("train_loss", step, train_step(xb, labels));
    }
    report::stack_use();
    return 0;
}
