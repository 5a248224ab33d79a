#pragma once
/// @file
/// A pluggable logger for the SDK's own messages (failover warnings, ...).
/// Messages never contain a token, a secret or an Authorization header.

#include <memory>
#include <string_view>

namespace livekit {

/// Severity of a log message.
enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

/// A stable lower-case name for a level, e.g. "warning".
const char* ToString(LogLevel level) noexcept;

/// Receives the SDK's log messages. Implementations must be thread-safe: the SDK logs from
/// its I/O thread and from caller threads. Log must not block for long.
class Logger {
 public:
  virtual ~Logger() = default;
  /// One complete message, without a trailing newline.
  virtual void Log(LogLevel level, std::string_view message) = 0;

  /// The default logger: warnings and errors to stderr, one line each, prefixed "livekit: ".
  static std::shared_ptr<Logger> Default();
};

/// A logger writing messages of at least `min_level` to stderr. Thread-safe.
std::shared_ptr<Logger> MakeStderrLogger(LogLevel min_level = LogLevel::kWarning);

/// A logger that drops everything. Thread-safe.
std::shared_ptr<Logger> MakeNullLogger();

}  // namespace livekit
