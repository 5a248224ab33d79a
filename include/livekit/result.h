#pragma once
/// @file
/// Result<T>: a value or an Error, in the manner of StatusOr.

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "livekit/error.h"

namespace livekit {

/// Thrown only by Result::value() on an error, for callers who prefer exceptions.
class Exception : public std::runtime_error {
 public:
  explicit Exception(Error e) : std::runtime_error(e.ToString()), error_(std::move(e)) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

/// Holds either a T or an Error. Cheap to move; not thread-safe to mutate concurrently.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; throws livekit::Exception holding the error when there is none.
  T& value() & { check(); return std::get<0>(v_); }
  const T& value() const& { check(); return std::get<0>(v_); }
  T&& value() && { check(); return std::get<0>(std::move(v_)); }

  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }

  /// The error; only meaningful when !ok().
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  void check() const {
    if (!ok()) throw Exception(std::get<1>(v_));
  }
  std::variant<T, Error> v_;
};

/// The result of an operation that returns nothing.
struct Empty {};
using Status = Result<Empty>;
inline Status OkStatus() { return Status(Empty{}); }

}  // namespace livekit
