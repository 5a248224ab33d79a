#include "common/json_writer.h"

#include "common/utf8.h"

namespace livekit::internal {

bool AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  bool valid = true;
  out->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t size = s.size();
  std::size_t run = 0;  // start of the current run of bytes copied as they are
  std::size_t i = 0;
  while (i < size) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t n = Utf8SequenceLength(p + i, size - i);
      if (n != 0) {
        i += n;
        continue;
      }
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (c < 0x20) {
          const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out->append(esc, sizeof(esc));
        } else {
          out->append("\xEF\xBF\xBD");  // U+FFFD for a byte that starts no valid sequence
          valid = false;
        }
    }
    run = ++i;
  }
  out->append(s.data() + run, size - run);
  out->push_back('"');
  return valid;
}

}  // namespace livekit::internal
