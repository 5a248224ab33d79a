#pragma once
// What an answer that is not Twirp JSON said, on one line: a proxy's HTML error page, a web
// server's "501 Not Implemented", plain text. For error messages and logs, which must stay on
// one line and never carry a terminal's control sequences.

#include <cstddef>
#include <string>
#include <string_view>

namespace livekit::internal {

/// The first non-empty line of text of `body`: for HTML or XML (by `content_type`, or a body
/// starting with "<!doctype html", "<html" or "<?xml") the text without its tags, comments,
/// scripts and styles, entities decoded. The line is OneLine()'d; empty when there is no text.
/// Reads at most the first 64 KiB of the body.
std::string FirstTextLine(std::string_view body, std::string_view content_type);

/// `text` on one line: tabs, CR and LF as spaces, other control characters (C0, DEL and the
/// UTF-8 encoded C1 range) dropped, runs of spaces as one, no leading or trailing space.
std::string OneLine(std::string_view text);

/// `text` cut to at most `max_bytes` bytes at a UTF-8 character boundary, an ellipsis (U+2026,
/// 3 bytes) appended when something was cut.
std::string CutUtf8(std::string text, std::size_t max_bytes);

}  // namespace livekit::internal
