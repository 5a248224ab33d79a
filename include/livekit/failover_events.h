#pragma once
/// @file
/// Structured events of region failover (docs/failover.md), delivered to a FailoverListener.

#include <chrono>
#include <string>

#include "livekit/error.h"

namespace livekit {

/// Why an attempt goes where it goes.
enum class AttemptReason {
  kFirst,           ///< the call's first attempt, on the origin
  kHealthRoute,     ///< the call's first attempt, on a healthy region because the origin is cooling down
  kFailover,        ///< another region after a retryable failure
  kSameHostRetry,   ///< the same host again: no other region is known
  kRegionPin,       ///< an allowed region after HTTP 451
  kHedge,           ///< another region while an earlier attempt is still in flight (hedged read)
};

/// Why a call that failed with a retryable outcome did not fail over.
enum class SkipReason {
  kDisabled,         ///< failover switched off for the client or the call
  kNotEligible,      ///< origin is not a LiveKit Cloud host and force is off
  kShortTimeout,     ///< the per-attempt timeout is below 5 s (thundering-herd guard)
  kMaxAttempts,      ///< the attempt cap is reached
  kBudget,           ///< the retry budget is exhausted
  kIdempotency,      ///< a side-effecting call that may have reached the server
  kNoRegionLeft,     ///< no untried region
  kDeadline,         ///< the call's overall deadline leaves no time
};

/// A stable lower-case name, e.g. "short_timeout".
const char* ToString(SkipReason reason) noexcept;
/// A stable lower-case name, e.g. "health_route".
const char* ToString(AttemptReason reason) noexcept;

/// An attempt is about to be sent.
struct AttemptStartedEvent {
  std::string method;      ///< "RoomService/ListRooms"
  std::string request_id;  ///< X-Livekit-Request-Id of the call
  int index = 0;           ///< 0 for the first attempt of the call
  std::string host;        ///< host[:port]
  std::string region;      ///< region name when known
  AttemptReason reason = AttemptReason::kFirst;  ///< why it goes to this host
};

/// An attempt ended.
struct AttemptFinishedEvent {
  std::string method;      ///< "RoomService/ListRooms"
  std::string request_id;  ///< X-Livekit-Request-Id of the call
  int index = 0;           ///< 0 for the first attempt of the call
  Attempt attempt;         ///< host, region, outcome, status, detail, duration
  bool retryable = false;  ///< another region could fix it (451 counts as not retryable; see RegionPinnedEvent)
};

/// A region list is being fetched (only the call that issues the request sees this).
struct DiscoveryStartedEvent {
  std::string origin;     ///< host key of the origin the list belongs to
  std::string host;       ///< host[:port] asked (the origin, or another known region when the origin fails)
  bool bypass_cache = false;  ///< after a 451
};

/// A call obtained (or failed to obtain) a region list.
struct DiscoveryFinishedEvent {
  std::string origin;       ///< host key of the origin the list belongs to
  bool ok = false;          ///< a list is available (fresh, shared, cached or stale)
  bool from_cache = false;  ///< served from the cache without a request
  bool coalesced = false;   ///< shared another call's request
  bool stale = false;       ///< every fetch failed; the last known list is served
  int regions = 0;          ///< number of usable entries
  std::string detail;       ///< failure reason when a fetch failed
};

/// The health memory changed its view of a host.
struct HealthChangeEvent {
  std::string host;                          ///< host[:port]
  bool healthy = true;                       ///< false: marked down
  bool pinned = false;                       ///< marked because of a 451
  int consecutive_failures = 0;              ///< failures in a row (0 when healthy)
  std::chrono::milliseconds cool_down{0};    ///< how long it is avoided (when down)
  std::string reason;  ///< why it was marked down: the failure, or "no answer within the hedge delay"
};

/// The retry budget was asked whether a failover attempt may be made.
struct BudgetDecisionEvent {
  std::string method;      ///< "RoomService/ListRooms"
  std::string request_id;  ///< X-Livekit-Request-Id of the call
  bool allowed = true;     ///< false: the failover attempt is not made
  double tokens = 0;  ///< tokens left after the decision
};

/// A retryable failure did not lead to another attempt.
struct FailoverSkippedEvent {
  std::string method;                         ///< "RoomService/ListRooms"
  std::string request_id;                     ///< X-Livekit-Request-Id of the call
  SkipReason reason = SkipReason::kDisabled;  ///< why no other attempt is made
  std::string detail;                         ///< short human-readable detail
};

/// A region of a discovered list was refused by the trust boundary and not used.
struct RegionRejectedEvent {
  std::string origin;  ///< host key of the origin
  std::string region;  ///< region name
  std::string url;     ///< the region's URL as listed
  std::string reason;  ///< e.g. "outside the origin's domain", "http from https origin"
};

/// A 451 answered: the project is pinned to other regions.
struct RegionPinnedEvent {
  std::string method;       ///< "RoomService/ListRooms"
  std::string request_id;   ///< X-Livekit-Request-Id of the call
  std::string pinned_host;  ///< the host that answered 451
  std::string next_host;    ///< the allowed host tried next; empty when none is left
};

/// Receives failover events. Every method has an empty default, so a listener overrides
/// only what it needs. Called on the SDK's I/O thread, possibly concurrently for
/// concurrent calls: implementations must be thread-safe and must not block.
class FailoverListener {
 public:
  virtual ~FailoverListener() = default;
  /// An attempt is about to be sent.
  virtual void OnAttemptStarted(const AttemptStartedEvent&) {}
  /// An attempt ended.
  virtual void OnAttemptFinished(const AttemptFinishedEvent&) {}
  /// A region list request is being sent.
  virtual void OnDiscoveryStarted(const DiscoveryStartedEvent&) {}
  /// A call obtained (or failed to obtain) a region list.
  virtual void OnDiscoveryFinished(const DiscoveryFinishedEvent&) {}
  /// A host was marked down or healthy again.
  virtual void OnHealthChange(const HealthChangeEvent&) {}
  /// The retry budget allowed or refused a failover attempt.
  virtual void OnBudgetDecision(const BudgetDecisionEvent&) {}
  /// A retryable failure did not lead to another attempt.
  virtual void OnFailoverSkipped(const FailoverSkippedEvent&) {}
  /// A listed region was refused by the trust boundary.
  virtual void OnRegionRejected(const RegionRejectedEvent&) {}
  /// A host answered 451 (region pin).
  virtual void OnRegionPinned(const RegionPinnedEvent&) {}
};

}  // namespace livekit
