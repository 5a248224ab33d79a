#include "transport/host_limiter.h"

#include <string_view>

namespace livekit::internal {
namespace {

// scheme://host[:port] of an absolute URL (the whole URL when it has no path).
std::string_view OriginOf(std::string_view url) {
  const auto scheme_end = url.find("://");
  const auto path = url.find_first_of("/?#", scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  return url.substr(0, path);
}

std::string_view AuthorityOf(std::string_view origin) {
  const auto scheme_end = origin.find("://");
  return scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
}

}  // namespace

void HostLimiter::Describe(const HttpRequest& request, LimitTicket& ticket) const {
  ticket.count = 0;
  const HostLimit& limit = request.host_limit;
  if (limit.max_per_host == 0 && engine_limit_ == 0) return;
  const std::string_view origin = OriginOf(request.url);
  const char lane = limit.long_wait ? 'L' : 'S';
  if (limit.max_per_host > 0) {
    LimitTicket::Stage& s = ticket.stages[static_cast<std::size_t>(ticket.count++)];
    s.key.assign("c").append(std::to_string(limit.client)).push_back(lane);
    s.key.append(origin);
    s.limit = limit.max_per_host;
    s.engine_wide = false;
  }
  if (engine_limit_ > 0) {
    LimitTicket::Stage& s = ticket.stages[static_cast<std::size_t>(ticket.count++)];
    s.key.assign("e").push_back(lane);
    s.key.append(origin);
    s.limit = engine_limit_;
    s.engine_wide = true;
  }
}

bool HostLimiter::Acquire(LimitTicket& ticket) {
  ticket.held = 0;
  ticket.waiting = false;
  return ticket.count == 0 || Advance(ticket);
}

bool HostLimiter::Advance(LimitTicket& ticket) {
  while (ticket.held < ticket.count) {
    const LimitTicket::Stage& stage = ticket.stages[static_cast<std::size_t>(ticket.held)];
    Gate& gate = gates_[stage.key];
    gate.limit = stage.limit;
    // First in, first out: a newcomer never passes someone already waiting.
    if (gate.in_use >= gate.limit || !gate.waiting.empty()) {
      ticket.where = gate.waiting.insert(gate.waiting.end(), &ticket);
      ticket.waiting = true;
      return false;
    }
    ++gate.in_use;
    ++ticket.held;
  }
  return true;
}

void HostLimiter::Release(LimitTicket& ticket, std::vector<std::uint64_t>* admitted) {
  if (ticket.count == 0) return;
  if (ticket.waiting) {
    auto gate = gates_.find(ticket.stages[static_cast<std::size_t>(ticket.held)].key);
    if (gate != gates_.end()) {
      gate->second.waiting.erase(ticket.where);
      Drop(gate);
    }
    ticket.waiting = false;
  }
  while (ticket.held > 0) {
    const std::string key = ticket.stages[static_cast<std::size_t>(--ticket.held)].key;
    auto gate = gates_.find(key);
    if (gate == gates_.end()) continue;
    --gate->second.in_use;
    // The freed place goes to the head of the queue. Advancing a ticket may add gates (and so
    // move this one), hence the look-up by key on every round.
    while (gate != gates_.end() && gate->second.in_use < gate->second.limit && !gate->second.waiting.empty()) {
      LimitTicket* next = gate->second.waiting.front();
      gate->second.waiting.pop_front();
      next->waiting = false;
      ++gate->second.in_use;
      ++next->held;
      if (Advance(*next)) admitted->push_back(next->id);
      gate = gates_.find(key);
    }
    if (gate != gates_.end()) Drop(gate);
  }
}

WaitFacts HostLimiter::Facts(const LimitTicket& ticket) const {
  WaitFacts facts;
  if (!ticket.waiting) return facts;
  const LimitTicket::Stage& stage = ticket.stages[static_cast<std::size_t>(ticket.held)];
  const std::string_view key = stage.key;
  // The origin follows the key's prefix ("c<client><lane>" or "e<lane>").
  const auto origin = key.substr(key.find_first_of("SL") + 1);
  facts.host = std::string(AuthorityOf(origin));
  facts.limit = stage.limit;
  facts.engine_wide = stage.engine_wide;
  auto gate = gates_.find(stage.key);
  if (gate != gates_.end()) facts.waiting = gate->second.waiting.size();
  return facts;
}

void HostLimiter::Drop(std::unordered_map<std::string, Gate>::iterator gate) {
  if (gate->second.in_use == 0 && gate->second.waiting.empty()) gates_.erase(gate);
}

}  // namespace livekit::internal
