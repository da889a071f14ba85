// The checked build's own test: an image whose only job is an Eigen heap allocation, built
// like the checked example images (EIGEN_NO_MALLOC, checked_eigen.hpp force-included). It must
// stop with "EIGEN CHECK FAILED" and status 99 before anything is allocated. It defines a
// one-line _sbrk so that it links: the example images have none, which is their other proof.
#include <Eigen/Core>

#include <cstddef>

extern "C" void* _sbrk(std::ptrdiff_t) { return reinterpret_cast<void*>(-1); }  // no memory

int main() {
    Eigen::VectorXf v(8);  // a dynamic size: Eigen allocates on the heap
    v.setOnes();
    return int(v.sum());   // not reached
}
