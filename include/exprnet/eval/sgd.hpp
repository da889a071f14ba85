/// @file
/// Defines `sgd<S>`: plain stochastic gradient descent, p -= learning_rate * dL/dp, applied by
/// a training program during its own call: `float L = train(p, sgd{0.01f}, x = xb, y = yb);`.
/// Shapes: none. Backward: the program subtracts each gradient from its param as it computes
/// it (a weight gradient's product accumulates straight into the weights), so no gradient
/// arena is needed and no gradient is ever stored.
/// Evaluation: eval/program.hpp; eval/plan.hpp orders each update after the last read of its
/// param.
#pragma once

namespace exprnet {

template <class S>
struct sgd {
    S learning_rate;
};

template <class S>
sgd(S) -> sgd<S>;

}  // namespace exprnet
