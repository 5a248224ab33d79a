#include "agent/line_stream.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "common/text.h"
#include "twirp/body_summary.h"

namespace livekit::internal {
namespace {

constexpr std::string_view kBuildError = "BUILD ERROR:";

}  // namespace

bool LineStream::OnBodyChunk(int status, std::string_view chunk) {
  Touch();
  if (status < 200 || status > 299) {
    const std::size_t room = kMaxErrorBody - std::min(kMaxErrorBody, error_body_.size());
    error_body_.append(chunk.substr(0, room));
    return true;
  }
  while (!chunk.empty()) {
    const std::size_t end = chunk.find('\n');
    const std::string_view piece = chunk.substr(0, end);
    // (+1: a CR before the LF is not part of the line; Deliver checks the line itself)
    if (partial_.size() + piece.size() > max_line_bytes_ + 1) {
      return Stop(ErrorCode::kBadResponse, "a line of the stream is longer than " + std::to_string(max_line_bytes_) +
                                               " bytes (the line limit); " + std::to_string(lines_) +
                                               " lines were delivered");
    }
    if (end == std::string_view::npos) {
      partial_.append(piece);
      return true;
    }
    chunk.remove_prefix(end + 1);
    if (partial_.empty()) {
      if (!Deliver(piece)) return false;  // straight from libcurl's buffer: no copy
    } else {
      partial_.append(piece);
      std::string line = std::move(partial_);
      partial_.clear();
      if (!Deliver(line)) return false;
    }
  }
  return true;
}

void LineStream::FinishLastLine() {
  if (partial_.empty() || stopped_ || build_error_) return;
  std::string line = std::move(partial_);
  partial_.clear();
  Deliver(line);
}

bool LineStream::Deliver(std::string_view line) {
  if (stop_delivering_.load()) return false;  // cancelled: the engine ends it
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > max_line_bytes_) {
    return Stop(ErrorCode::kBadResponse, "a line of the stream is longer than " + std::to_string(max_line_bytes_) +
                                             " bytes (the line limit); " + std::to_string(lines_) +
                                             " lines were delivered");
  }
  ++lines_;
  try {
    if (on_line_) on_line_(line);
  } catch (const std::exception& e) {
    return Stop(ErrorCode::kInternal, std::string("the line callback threw: ") + OneLine(e.what()));
  } catch (...) {
    return Stop(ErrorCode::kInternal, "the line callback threw");
  }
  if (build_ && line.substr(0, kBuildError.size()) == kBuildError) {
    build_error_ = std::string(TrimSpace(line.substr(kBuildError.size())));
    return false;  // the build failed: nothing useful follows
  }
  return true;
}

bool LineStream::Stop(ErrorCode code, std::string message) {
  stopped_ = Error(code, std::move(message));
  return false;
}

}  // namespace livekit::internal
