// The overload set used with std::visit to handle every alternative of a variant explicitly.
#pragma once

namespace folio::base {

/// Combines lambdas into one visitor: std::visit(Overloaded{[](const A&) {}, [](const B&) {}}, v).
template <class... Ts>
struct Overloaded : Ts... { using Ts::operator()...; };
// Spelled out because clang 14 does not deduce aggregate template arguments (P1816).
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace folio::base
