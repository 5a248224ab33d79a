#include "livekit/logger.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace livekit {

const char* ToString(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "unknown";
}

namespace {

class StderrLogger final : public Logger {
 public:
  explicit StderrLogger(LogLevel min) : min_(min) {}
  void Log(LogLevel level, std::string_view message) override {
    if (level < min_) return;
    std::string line = "livekit: ";
    line += ToString(level);
    line += ": ";
    line += message;
    line += '\n';
    // One write per line so concurrent messages do not interleave.
    std::lock_guard<std::mutex> lock(mu_);
    std::fwrite(line.data(), 1, line.size(), stderr);
  }

 private:
  const LogLevel min_;
  std::mutex mu_;
};

class NullLogger final : public Logger {
 public:
  void Log(LogLevel, std::string_view) override {}
};

}  // namespace

std::shared_ptr<Logger> MakeStderrLogger(LogLevel min_level) { return std::make_shared<StderrLogger>(min_level); }

std::shared_ptr<Logger> MakeNullLogger() { return std::make_shared<NullLogger>(); }

std::shared_ptr<Logger> Logger::Default() {
  static auto* instance = new std::shared_ptr<Logger>(MakeStderrLogger(LogLevel::kWarning));
  return *instance;
}

}  // namespace livekit
