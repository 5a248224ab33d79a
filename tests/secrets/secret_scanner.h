#pragma once
// Collects every string the SDK hands back (error messages, log lines, event fields) and
// scans them for secrets: the API secrets in play, the exact tokens that were sent, and any
// JWT (`eyJ...\.eyJ`). Offending lines are reported with the secret masked, so the scan's own
// failure output never leaks what it found.

#include <mutex>
#include <string>
#include <vector>

#include "livekit/error.h"
#include "livekit/failover_events.h"
#include "livekit/logger.h"

namespace livekit::test {

class SecretScanner {
 public:
  /// A string that must never appear (an API secret, a token that was sent).
  void AddSecret(std::string secret) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!secret.empty()) secrets_.push_back(std::move(secret));
  }

  /// A string the SDK produced; `source` says where it came from (for the report).
  void Collect(const std::string& source, std::string text) {
    std::lock_guard<std::mutex> lock(mu_);
    collected_.push_back(source + ": " + std::move(text));
  }

  /// Every textual part of an error, its attempts and metadata included.
  void CollectError(const std::string& source, const Error& e) {
    Collect(source + " ToString", e.ToString());
    Collect(source + " message", e.message());
    Collect(source + " url", e.url());
    Collect(source + " method", e.method());
    Collect(source + " request_id", e.request_id());
    Collect(source + " twirp_code", e.twirp_code());
    for (const auto& [k, v] : e.metadata()) Collect(source + " meta " + k, v);
    for (const Attempt& a : e.attempts()) Collect(source + " attempt", a.host + " " + a.region + " " + a.detail);
  }

  std::size_t collected() const {
    std::lock_guard<std::mutex> lock(mu_);
    return collected_.size();
  }

  /// Whether `text` matches the JWT pattern `eyJ[A-Za-z0-9_-]+\.eyJ` (std::regex trips GCC 12's
  /// -Wmaybe-uninitialized under ASan, hence by hand).
  static bool ContainsJwt(const std::string& text) {
    auto b64url = [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    };
    for (std::size_t p = text.find("eyJ"); p != std::string::npos; p = text.find("eyJ", p + 1)) {
      std::size_t e = p + 3;
      while (e < text.size() && b64url(text[e])) ++e;
      if (e > p + 3 && text.compare(e, 4, ".eyJ") == 0) return true;
    }
    return false;
  }

  /// The offending lines, masked; empty when clean.
  std::vector<std::string> Findings() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> out;
    for (const std::string& line : collected_) {
      bool hit = ContainsJwt(line);
      for (const std::string& s : secrets_) hit = hit || line.find(s) != std::string::npos;
      if (hit) out.push_back(MaskLocked(line));
    }
    return out;
  }

  /// `text` with every known secret replaced by "***" and every JWT start by "ey*J".
  std::string Mask(std::string text) const {
    std::lock_guard<std::mutex> lock(mu_);
    return MaskLocked(std::move(text));
  }

 private:
  std::string MaskLocked(std::string text) const {
    for (const std::string& s : secrets_) {
      for (std::size_t p = 0; (p = text.find(s, p)) != std::string::npos;) text.replace(p, s.size(), "***");
    }
    for (std::size_t p = 0; (p = text.find("eyJ", p)) != std::string::npos; p += 4) text.replace(p, 3, "ey*J");
    return text;
  }

  mutable std::mutex mu_;
  std::vector<std::string> secrets_;
  std::vector<std::string> collected_;
};

/// A logger that hands every line to the scanner (and keeps a count of them).
class ScanningLogger final : public Logger {
 public:
  explicit ScanningLogger(SecretScanner& scanner) : scanner_(scanner) {}
  void Log(LogLevel level, std::string_view message) override {
    scanner_.Collect(std::string("log ") + ToString(level), std::string(message));
    std::lock_guard<std::mutex> lock(mu_);
    ++lines_;
  }
  int lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

 private:
  SecretScanner& scanner_;
  mutable std::mutex mu_;
  int lines_ = 0;
};

/// A failover listener that hands every string field of every event to the scanner.
class ScanningListener final : public FailoverListener {
 public:
  explicit ScanningListener(SecretScanner& scanner) : s_(scanner) {}
  void OnAttemptStarted(const AttemptStartedEvent& e) override {
    s_.Collect("event attempt_started", e.method + " " + e.request_id + " " + e.host + " " + e.region);
  }
  void OnAttemptFinished(const AttemptFinishedEvent& e) override {
    s_.Collect("event attempt_finished",
               e.method + " " + e.request_id + " " + e.attempt.host + " " + e.attempt.region + " " + e.attempt.detail);
  }
  void OnDiscoveryStarted(const DiscoveryStartedEvent& e) override {
    s_.Collect("event discovery_started", e.origin + " " + e.host);
  }
  void OnDiscoveryFinished(const DiscoveryFinishedEvent& e) override {
    s_.Collect("event discovery_finished", e.origin + " " + e.detail);
  }
  void OnHealthChange(const HealthChangeEvent& e) override { s_.Collect("event health", e.host); }
  void OnBudgetDecision(const BudgetDecisionEvent& e) override {
    s_.Collect("event budget", e.method + " " + e.request_id);
  }
  void OnFailoverSkipped(const FailoverSkippedEvent& e) override {
    s_.Collect("event skipped", e.method + " " + e.request_id + " " + e.detail);
  }
  void OnRegionRejected(const RegionRejectedEvent& e) override {
    s_.Collect("event rejected", e.origin + " " + e.region + " " + e.url + " " + e.reason);
  }
  void OnRegionPinned(const RegionPinnedEvent& e) override {
    s_.Collect("event pinned", e.method + " " + e.request_id + " " + e.pinned_host + " " + e.next_host);
  }

 private:
  SecretScanner& s_;
};

}  // namespace livekit::test
