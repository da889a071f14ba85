/// @file
/// Defines the learning-rate schedules `step_decay` and `cosine_decay`: callables from the step
/// (or epoch) number to a learning rate, to assign to an optimizer's options.learning_rate.
#pragma once

#include <cmath>
#include <numbers>

namespace exprnet::nn {

/// initial × factor^⌊t / every⌋: e.g. {0.1, 0.5, 10} halves the rate every 10 epochs.
struct step_decay {
    double initial;
    double factor;
    long every;

    double operator()(long t) const noexcept {
        double lr = initial;
        for (long k = every > 0 ? t / every : 0; k > 0; --k) lr *= factor;  // exact powers, no libm
        return lr;
    }
};

/// Cosine annealing (Loshchilov and Hutter 2017) from `initial` at t = 0 to `final` at t = total,
/// then `final`: final + (initial - final) × (1 + cos(π t / total)) / 2.
struct cosine_decay {
    double initial;
    long total;
    double final = 0;

    double operator()(long t) const noexcept {
        if (total <= 0 || t >= total) return final;
        if (t <= 0) return initial;
        return final + (initial - final) * 0.5 * (1 + std::cos(std::numbers::pi * double(t) / double(total)));
    }
};

}  // namespace exprnet::nn
