#pragma once
/// @file
/// Result<T>: a value or an Error, in the manner of StatusOr.

#include <cassert>
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

namespace internal {

/// What a Result built from an Error of code kOk holds instead: a kInternal Error whose
/// message says so (the other fields kept). Defined in the library.
Error OkErrorAsFailure(Error error);

/// `error` as the failure of a Result: an Error of code kOk is a bug of the code that built
/// it (asserted in debug builds), turned into kInternal so that !ok() and the code agree.
inline Error FailureOf(Error error) {
  assert(error.code() != ErrorCode::kOk && "a livekit::Result was built from an Error of code kOk");
  if (error.code() == ErrorCode::kOk) return OkErrorAsFailure(std::move(error));
  return error;
}

}  // namespace internal

/// Holds either a T or an Error. Cheap to move; not thread-safe to mutate concurrently.
/// A Result built from an Error of code kOk holds a kInternal Error instead (and asserts in
/// debug builds): a failed Result never has the code kOk.
template <typename T>
class [[nodiscard]] Result {
 public:
  /// A result holding `value` (implicit, so a function can `return value;`).
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  /// A result holding `error` (implicit, so a function can `return error;`); an Error of code
  /// kOk becomes kInternal (see above).
  Result(Error error) : v_(std::in_place_index<1>, internal::FailureOf(std::move(error))) {}  // NOLINT

  /// True when a value is held.
  bool ok() const noexcept { return v_.index() == 0; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }

  /// The value; throws livekit::Exception holding the error when there is none.
  T& value() & { check(); return std::get<0>(v_); }
  /// The value; throws livekit::Exception holding the error when there is none.
  const T& value() const& { check(); return std::get<0>(v_); }
  /// The value, moved out; throws livekit::Exception holding the error when there is none.
  /// Returned by value, so `for (auto& room : client.ListRooms().value())` iterates a list
  /// that lives as long as the loop (a reference into the temporary Result would dangle).
  T value() && { check(); return std::get<0>(std::move(v_)); }

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

/// Result<Empty>, also called Status: success or an Error, read like a status: ok(),
/// code() and message() (kOk and empty on success) and error().
template <>
class [[nodiscard]] Result<Empty> {
 public:
  /// A success.
  Result() = default;
  /// A success (so a function returning Status can `return Empty{};`).
  Result(Empty) {}  // NOLINT: implicit by design
  /// A failure holding `error` (implicit, so a function can `return error;`); an Error of code
  /// kOk becomes kInternal, as in every Result.
  Result(Error error) : error_(internal::FailureOf(std::move(error))) {}  // NOLINT

  /// True on success.
  bool ok() const noexcept { return error_.code() == ErrorCode::kOk; }
  /// Same as ok().
  explicit operator bool() const noexcept { return ok(); }
  /// The error's code; kOk on success.
  ErrorCode code() const noexcept { return error_.code(); }
  /// The error's message; empty on success.
  const std::string& message() const noexcept { return error_.message(); }

  /// The error; on success an Error of code kOk with nothing set.
  const Error& error() const& noexcept { return error_; }
  /// The error, moved out; on success an Error of code kOk with nothing set.
  Error&& error() && noexcept { return std::move(error_); }

  /// Nothing on success; throws livekit::Exception holding the error otherwise.
  Empty value() const {
    if (!ok()) throw Exception(error_);
    return Empty{};
  }

 private:
  Error error_;  // code kOk: success
};

/// Success or an Error: see Result<Empty>.
using Status = Result<Empty>;
/// A successful Status.
inline Status OkStatus() { return Status(); }

}  // namespace livekit
