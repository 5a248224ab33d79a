#pragma once
// The one place lkcpp prints what went wrong: a failed SDK call or check (ReportError), a
// usage mistake found by a command itself (UsageError), any other failure (Failure). Each
// writes one line on stderr, "lkcpp: ...", and returns the exit code the command ends with.

#include <string>

#include "cli_context.h"
#include "livekit/error.h"

namespace lkcpp {

/// The exit code for an SDK error.
int ExitCodeFor(const livekit::Error& error);

/// Prints "lkcpp: <what>: <error>" (an unreachable server is named as such), with --verbose
/// the request id and every attempt below it, and returns ExitCodeFor(error).
int ReportError(const CliContext& ctx, const std::string& what, const livekit::Error& error);

/// Prints "lkcpp: <message>" and returns `exit_code`.
int Failure(int exit_code, const std::string& message);

/// Prints "lkcpp: <message>" and returns kExitUsage.
int UsageError(const std::string& message);

}  // namespace lkcpp
