#include "twirp/body_summary.h"

#include <cstdint>

#include "common/text.h"

namespace livekit::internal {
namespace {

constexpr std::size_t kMaxScannedBytes = 64 * 1024;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether `s` at `at` opens the tag `name` ("<script", then a space, '>' or '/').
bool OpensTag(std::string_view s, std::size_t at, std::string_view name) {
  if (!StartsWithIgnoreCase(s.substr(at), name)) return false;
  if (at + name.size() >= s.size()) return true;
  const char next = s[at + name.size()];
  return next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\r' || next == '\n';
}

// Tags that start a new line when a browser shows the page (the others only style text).
bool BreaksLine(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "address", "article", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt",
      "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
      "li", "link", "main", "meta", "nav", "ol", "p", "pre", "section", "table", "td", "th",
      "title", "tr", "ul"};
  for (std::string_view b : kBlocks) {
    if (EqualsIgnoreCase(tag, b)) return true;
  }
  return false;
}

void AppendUtf8(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity at `s[at]` ('&') into `out`; returns the bytes it took (0: not one).
std::size_t DecodeEntity(std::string_view s, std::size_t at, std::string* out) {
  const std::size_t semi = s.find(';', at);
  if (semi == std::string_view::npos || semi - at > 10) return 0;
  const std::string_view name = s.substr(at + 1, semi - at - 1);
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '}};
  for (const auto& [n, c] : kNamed) {
    if (name == n) {
      out->push_back(c);
      return semi - at + 1;
    }
  }
  if (name.size() < 2 || name[0] != '#') return 0;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  std::uint32_t cp = 0;
  const std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return 0;
  for (char c : digits) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) return 0;
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    if (cp > 0x10FFFF) return 0;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;  // a surrogate is no character
  AppendUtf8(cp, out);
  return semi - at + 1;
}

// The text of markup, a '\n' where a browser would break the line (every tag for XML).
std::string MarkupText(std::string_view s, bool every_tag_breaks) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t used = DecodeEntity(s, i, &out);
      if (used == 0) out.push_back(c);
      i += used == 0 ? 1 : used;
      continue;
    }
    const bool tag = c == '<' && i + 1 < s.size() &&
                     (IsAsciiLetter(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?');
    if (!tag) {
      out.push_back(c);
      ++i;
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    for (std::string_view raw : {std::string_view("<script"), std::string_view("<style")}) {
      if (!OpensTag(s, i, raw)) continue;
      // Their content is code, not text: skip to the closing tag.
      const std::string close = "</" + std::string(raw.substr(1));
      std::size_t end = i + raw.size();
      while (end < s.size() && !StartsWithIgnoreCase(s.substr(end), close)) ++end;
      i = end;
      break;
    }
    if (i >= s.size()) break;
    const std::size_t end = s.find('>', i);
    std::size_t name_begin = i + 1 + (s[i + 1] == '/' ? 1 : 0);
    std::size_t name_end = name_begin;
    while (name_end < s.size() && (IsAsciiLetter(s[name_end]) || (s[name_end] >= '0' && s[name_end] <= '9'))) {
      ++name_end;
    }
    if (every_tag_breaks || s[i + 1] == '!' || BreaksLine(s.substr(name_begin, name_end - name_begin))) {
      out.push_back('\n');
    }
    i = end == std::string_view::npos ? s.size() : end + 1;
  }
  return out;
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;
    // U+0080..U+009F (C1 controls, CSI among them) are 0xC2 0x80..0x9F in UTF-8.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      ++i;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string CutUtf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back to the first byte of a character (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  // An ellipsis character, not dots: a cut token must not look like a longer one.
  return text + "\xE2\x80\xA6";
}

std::string FirstTextLine(std::string_view body, std::string_view content_type) {
  const std::string_view head = body.substr(0, kMaxScannedBytes);
  const std::string type = ToAsciiLower(content_type);
  const std::string_view start = TrimSpace(head.substr(0, 64));
  const bool html = type.find("html") != std::string::npos || StartsWithIgnoreCase(start, "<!doctype html") ||
                    StartsWithIgnoreCase(start, "<html");
  const bool xml = !html && (type.find("xml") != std::string::npos || StartsWithIgnoreCase(start, "<?xml"));
  const std::string text = html || xml ? MarkupText(head, xml) : std::string(head);
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find_first_of("\r\n", begin);
    if (end == std::string::npos) end = text.size();
    std::string line = OneLine(std::string_view(text).substr(begin, end - begin));
    if (!line.empty()) return line;
    begin = end + 1;
  }
  return std::string();
}

}  // namespace livekit::internal
