#pragma once
// The few request fields the SDK itself reads (for the token's room scope and the dialing
// timeout), taken at compile time from the generated accessors, so a call needs no
// reflection and no descriptors unless JSON is used.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include <google/protobuf/message.h>

namespace livekit::internal {

struct RequestFacts {
  std::string room;              // `room`, else `room_name`
  std::string destination_room;  // `destination_room`
  bool wait_until_answered = false;
  std::optional<std::chrono::milliseconds> ringing_timeout;  // set and positive, at most kMaxRingingTimeout
};

/// A longer ringing timeout is read as this one: no phone rings for a day, and the dialing
/// attempt's time limit (ringing timeout + a margin, times the attempts) must not overflow.
inline constexpr std::chrono::seconds kMaxRingingTimeout = std::chrono::hours(24);

/// A google.protobuf.Duration's seconds and nanos as a ringing timeout: unset when not positive.
inline std::optional<std::chrono::milliseconds> RingingTimeoutOf(std::int64_t seconds, std::int32_t nanos) {
  if (seconds >= kMaxRingingTimeout.count()) return kMaxRingingTimeout;
  if (seconds < 0) return std::nullopt;  // nanos (under a second) cannot make it positive
  auto total = std::chrono::seconds(seconds) +
               std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(nanos));
  if (total.count() <= 0) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(total);
}

/// The same facts read by reflection (any message; tests check both ways agree).
RequestFacts FactsByReflection(const google::protobuf::Message& request);

namespace facts_detail {
template <typename T, typename = void>
struct HasRoom : std::false_type {};
template <typename T>
struct HasRoom<T, std::enable_if_t<std::is_convertible_v<decltype(std::declval<const T&>().room()), std::string>>>
    : std::true_type {};
template <typename T, typename = void>
struct HasRoomName : std::false_type {};
template <typename T>
struct HasRoomName<T, std::enable_if_t<std::is_convertible_v<decltype(std::declval<const T&>().room_name()), std::string>>>
    : std::true_type {};
template <typename T, typename = void>
struct HasDestinationRoom : std::false_type {};
template <typename T>
struct HasDestinationRoom<
    T, std::enable_if_t<std::is_convertible_v<decltype(std::declval<const T&>().destination_room()), std::string>>>
    : std::true_type {};
template <typename T, typename = void>
struct HasWaitUntilAnswered : std::false_type {};
template <typename T>
struct HasWaitUntilAnswered<
    T, std::enable_if_t<std::is_same_v<decltype(std::declval<const T&>().wait_until_answered()), bool>>>
    : std::true_type {};
template <typename T, typename = void>
struct HasRingingTimeout : std::false_type {};
template <typename T>
struct HasRingingTimeout<T, std::void_t<decltype(std::declval<const T&>().has_ringing_timeout()),
                                        decltype(std::declval<const T&>().ringing_timeout().seconds()),
                                        decltype(std::declval<const T&>().ringing_timeout().nanos())>>
    : std::true_type {};
}  // namespace facts_detail

/// The facts of a generated request type, from its accessors.
template <typename Req>
RequestFacts FactsOf(const Req& r) {
  using namespace facts_detail;
  RequestFacts f;
  if constexpr (HasRoom<Req>::value) f.room = r.room();
  if constexpr (HasRoomName<Req>::value) {
    if (f.room.empty()) f.room = r.room_name();
  }
  if constexpr (HasDestinationRoom<Req>::value) f.destination_room = r.destination_room();
  if constexpr (HasWaitUntilAnswered<Req>::value) f.wait_until_answered = r.wait_until_answered();
  if constexpr (HasRingingTimeout<Req>::value) {
    if (r.has_ringing_timeout()) f.ringing_timeout = RingingTimeoutOf(r.ringing_timeout().seconds(), r.ringing_timeout().nanos());
  }
  return f;
}

}  // namespace livekit::internal
