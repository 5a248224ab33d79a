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
  /// Wraps `e`; what() is e.ToString().
  explicit Exception(Error e) : std::runtime_error(e.ToString()), error_(std::move(e)) {}
  /// The error that was accessed as a value.
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

/// Holds either a T or an Error. Cheap to move; not thread-safe to mutate concurrently.
template <typename T>
class [[nodiscard]] Result {
 public:
  /// A result holding `value` (implicit, so a function can `return value;`).
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  /// A result holding `error` (implicit, so a function can `return error;`).
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  /// True when a value is held.
  bool ok() const noexcept { return v_.index() == 0; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value; throws livekit::Exception holding the error when there is none.
  T& value() & { check(); return std::get<0>(v_); }
  /// The value; throws livekit::Exception holding the error when there is none.
  const T& value() const& { check(); return std::get<0>(v_); }
  /// The value, moved out; throws livekit::Exception holding the error when there is none.
  T&& value() && { check(); return std::get<0>(std::move(v_)); }

  /// The value, unchecked: only when ok().
  T& operator*() & { return std::get<0>(v_); }
  /// The value, unchecked: only when ok().
  const T& operator*() const& { return std::get<0>(v_); }
  /// Member access to the value, unchecked: only when ok().
  T* operator->() { return &std::get<0>(v_); }
  /// Member access to the value, unchecked: only when ok().
  const T* operator->() const { return &std::get<0>(v_); }

  /// The error; only meaningful when !ok().
  const Error& error() const& { return std::get<1>(v_); }
  /// The error, moved out; only meaningful when !ok().
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  void check() const {
    if (!ok()) throw Exception(std::get<1>(v_));
  }
  std::variant<T, Error> v_;
};

/// The result of an operation that returns nothing.
struct Empty {};
/// Success (holding Empty) or an Error.
using Status = Result<Empty>;
/// A successful Status.
inline Status OkStatus() { return Status(Empty{}); }

}  // namespace livekit
