#pragma once
// Waiting for the end of a long-running command (a log that follows an agent) or for Ctrl-C,
// whichever comes first. A signal handler may do almost nothing, so it only writes a byte to a
// pipe (the self-pipe idiom); the waiting thread reads it and stops the work itself.

namespace lkcpp {

/// Catches SIGINT and SIGTERM while it exists (one at a time per process). Not copyable.
class StopSignal {
 public:
  StopSignal();
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  /// Wakes Wait(); callable from any thread.
  void Notify();

  /// Blocks until Notify() or SIGINT/SIGTERM; true when a signal came first.
  bool Wait();

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
};

}  // namespace lkcpp
