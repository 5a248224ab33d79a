#pragma once
// The per-host request limits of the engine (CurlEngineOptions::max_requests_per_host and a
// client's HostLimit): an exchange over a limit waits, first in, first out, in the queue of its
// key until one of that key's exchanges ends. The engine's own queue, not libcurl's: libcurl's
// queue time counts against the attempt timeout and its timeouts then blame the host.
//
// Keys: (client, scheme://host:port, lane) for a client's limit, then (host, lane) for the
// engine's. Long waits (phone dialing) have a lane of their own, so they never take the
// places of short calls. I/O thread only.

#include <array>
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "transport/http_types.h"

namespace livekit::internal {

// Where one exchange stands with the limits that apply to it.
struct LimitTicket {
  std::uint64_t id = 0;  // the exchange
  struct Stage {
    std::string key;
    std::size_t limit = 0;
    bool engine_wide = false;  // the engine's limit, not the client's
  };
  std::array<Stage, 2> stages;
  int count = 0;         // stages that apply (0: no limit at all)
  int held = 0;          // stages whose place it holds, in order
  bool waiting = false;  // queued at stage `held`
  std::list<LimitTicket*>::iterator where;  // its place in that queue, while waiting
};

// Why a ticket is waiting, for the error of one that waited too long.
struct WaitFacts {
  std::string host;         // host[:port]
  std::size_t limit = 0;
  bool engine_wide = false;
  std::size_t waiting = 0;  // in that queue, this one included
};

class HostLimiter {
 public:
  explicit HostLimiter(std::size_t engine_limit) : engine_limit_(engine_limit) {}

  /// Fills `ticket` with the limits of `request` (none: count stays 0).
  void Describe(const HttpRequest& request, LimitTicket& ticket) const;
  /// Takes a place at every stage it can; true when it holds all (it may start), false when
  /// it waits.
  bool Acquire(LimitTicket& ticket);
  /// Gives back every place `ticket` holds and leaves its queue if it waits. The exchanges
  /// that got a place and may now start are appended to `admitted`, in queue order.
  void Release(LimitTicket& ticket, std::vector<std::uint64_t>* admitted);
  /// What a waiting ticket waits for.
  WaitFacts Facts(const LimitTicket& ticket) const;

 private:
  struct Gate {
    std::size_t limit = 0;
    std::size_t in_use = 0;
    std::list<LimitTicket*> waiting;
  };
  // Places taken from stage `ticket.held` on; false when it had to queue.
  bool Advance(LimitTicket& ticket);
  void Drop(std::unordered_map<std::string, Gate>::iterator gate);

  const std::size_t engine_limit_;
  std::unordered_map<std::string, Gate> gates_;
};

}  // namespace livekit::internal
