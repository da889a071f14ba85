/// @file
/// Defines `serial_for`, the one-thread parallel for. A parallel for is a callable
/// `parallel_for(count, job)` that runs `job(begin, end)` on contiguous ranges covering [0, count)
/// exactly once and returns when all have run: `serial_for` runs the whole range on the calling
/// thread; a data_parallel program's `parallel_for()` (eval/data_parallel.hpp) shares it among
/// the program's threads. The passes between training calls take one (the optimizers' `step`,
/// nn/optim.hpp; `nn::gather_columns`, nn/data.hpp), so that they can run on the same threads.
/// Shapes: none. Evaluation: host or device; serial_for uses no thread.
#pragma once

namespace exprnet {

/// Every index of [0, count) on the calling thread, as one range.
struct serial_for {
    template <class Job>
    void operator()(long count, Job&& job) const {
        job(0L, count);
    }
};

}  // namespace exprnet
