#pragma once
/// @file
/// The three forms every API method has, declared by one macro so that all 88 methods read
/// the same way. For a method `Name` taking `Req` and answering `Resp`:
///
/// - `Result<Resp> Name(const Req&, const CallOptions& = {}) const`: blocks until the call
///   ends. Must not be called from a completion callback (it returns kInternal there).
/// - `std::future<Result<Resp>> NameAsync(const Req&, const CallOptions& = {}) const`: returns
///   at once; the future becomes ready when the call ends.
/// - `CallHandle NameAsync(const Req&, std::function<void(Result<Resp>)> done, const CallOptions& = {}) const`:
///   returns at once; `done` runs exactly once on the SDK's I/O thread (or on the calling
///   thread when the call fails before sending). It must not block. The handle cancels.
///
/// `Name({})` (and `Name({}, options)`) is always the blocking form with a default request,
/// even where a convenience form takes a string first (`DeleteRoom("x")`): braces alone never
/// pick a convenience form. The one exception is `ListRooms({})`, documented there (all rooms
/// either way).

#include <cstddef>
#include <functional>
#include <future>
#include <memory>

#include "livekit/call_handle.h"
#include "livekit/call_options.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit::internal {
class ApiConnection;
}  // namespace livekit::internal

namespace livekit {
/// What `{}` as the first argument of a method means: a default request. Braces convert to
/// this better than to a string or a request, so `rooms.DeleteRoom({})` names the request form
/// without ambiguity (and `rooms.DeleteRoom("x")` the convenience form).
using DefaultRequest = std::nullptr_t;
}  // namespace livekit

/// Declares the blocking, future and callback forms of one API method (see the file comment).
/// The three forms are one Doxygen member group (the comments below are for Doxygen only), so
/// the doc comment written before a LIVEKIT_API_METHOD line documents all three.
#define LIVEKIT_API_METHOD(Name, Req, Resp)                                                             \
  /** @{ */                                                                                            \
  Result<Resp> Name(const Req& request, const CallOptions& options = {}) const;                        \
  std::future<Result<Resp>> Name##Async(const Req& request, const CallOptions& options = {}) const;   \
  CallHandle Name##Async(const Req& request, std::function<void(Result<Resp>)> done,                   \
                         const CallOptions& options = {}) const;                                       \
  Result<Resp> Name(DefaultRequest, const CallOptions& options = {}) const { return Name(Req{}, options); } \
  /** @} */
