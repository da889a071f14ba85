/// @file
/// Declares the simplifying constructors of expr/make.hpp, for the op definitions (ops/*.hpp),
/// whose backward rules build nodes with them and which make.hpp itself needs.
/// Shapes: see expr/make.hpp. Backward: none. Evaluation: none; the result is a type.
#pragma once

namespace exprnet::detail {

template <class Op, class A, class B>
constexpr auto make_binary(A a, B b);
template <class Op, class A>
constexpr auto make_unary(A a);

}  // namespace exprnet::detail
