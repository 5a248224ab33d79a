#pragma once
// The one reader of every duration flag of lkcpp (--ttl, --timeout, ...), so that "5m" means
// five minutes wherever a duration is asked for.
//
// Accepted: one or more <number><unit> parts, largest unit first, each unit at most once:
// "500ms", "90s", "1.5s", "10m", "1h30m", "2d". Units: ms, s, m, h, d. A plain number
// ("600", "2.5") is read in the flag's own unit (DurationRules::bare_unit), which its help
// text states. Anything else is refused with a message saying what was expected.

#include <CLI/CLI.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "livekit/result.h"

namespace lkcpp {

/// What one flag accepts.
struct DurationRules {
  /// What a plain number means: seconds for --ttl and --timeout.
  std::chrono::milliseconds bare_unit = std::chrono::seconds(1);
  /// Values must be whole multiples of this (seconds for token lifetimes, which JWTs hold in s).
  std::chrono::milliseconds resolution = std::chrono::milliseconds(1);
  /// Zero is refused unless this is set.
  bool allow_zero = false;
  /// The largest value accepted.
  std::chrono::milliseconds max = std::chrono::hours(24 * 365 * 10);
};

/// Reads `text` under `rules`; a kInvalidArgument error says why it cannot (without the flag's
/// name, which the caller adds).
livekit::Result<std::chrono::milliseconds> ParseDuration(std::string_view text, const DurationRules& rules);

/// Formats `d` the way ParseDuration reads it back, largest units first: "1h30m", "500ms", "0s".
std::string FormatDuration(std::chrono::milliseconds d);

/// Registers the duration flag `name` on `app`, storing into `target` (whose value is the default
/// shown in --help). A value ParseDuration refuses is a usage error: "<name>: <why>".
CLI::Option* AddDurationOption(CLI::App* app, const std::string& name, std::chrono::milliseconds& target,
                               const DurationRules& rules, const std::string& description);

}  // namespace lkcpp
