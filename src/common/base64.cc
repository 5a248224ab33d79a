#include "common/base64.h"

#include <array>
#include <cstdint>

namespace livekit::internal {
namespace {

constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0xFF marks bytes outside the base64url alphabet.
constexpr std::array<std::uint8_t, 256> MakeUrlDecodeTable() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = 0xFF;
  for (std::uint8_t i = 0; i < 64; ++i) t[static_cast<unsigned char>(kUrlAlphabet[i])] = i;
  return t;
}
constexpr std::array<std::uint8_t, 256> kUrlDecode = MakeUrlDecodeTable();

std::string Encode(std::string_view in, const char* alphabet, bool pad) {
  const std::size_t full = in.size() / 3;
  const std::size_t rest = in.size() % 3;
  const std::size_t out_len = full * 4 + (rest == 0 ? 0 : (pad ? 4 : rest + 1));
  std::string out(out_len, '\0');
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (std::size_t i = 0; i < full; ++i, p += 3, o += 4) {
    const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
    o[0] = alphabet[(v >> 18) & 63];
    o[1] = alphabet[(v >> 12) & 63];
    o[2] = alphabet[(v >> 6) & 63];
    o[3] = alphabet[v & 63];
  }
  if (rest != 0) {
    const std::uint32_t v = (std::uint32_t{p[0]} << 16) | (rest == 2 ? std::uint32_t{p[1]} << 8 : 0);
    o[0] = alphabet[(v >> 18) & 63];
    o[1] = alphabet[(v >> 12) & 63];
    if (rest == 2) o[2] = alphabet[(v >> 6) & 63];
    if (pad) {
      if (rest == 1) o[2] = '=';
      o[3] = '=';
    }
  }
  return out;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) { return Encode(bytes, kUrlAlphabet, false); }

std::string Base64Encode(std::string_view bytes) { return Encode(bytes, kStdAlphabet, true); }

bool Base64UrlDecode(std::string_view text, std::string* out) {
  const std::size_t rest = text.size() % 4;
  if (rest == 1) {
    out->clear();
    return false;
  }
  const std::size_t full = text.size() / 4;
  out->resize(full * 3 + (rest == 0 ? 0 : rest - 1));
  char* o = out->data();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::uint32_t bad = 0;  // OR of every table entry: 0xFF anywhere marks a bad character
  for (std::size_t i = 0; i < full; ++i, p += 4, o += 3) {
    const std::uint32_t a = kUrlDecode[p[0]], b = kUrlDecode[p[1]], c = kUrlDecode[p[2]], d = kUrlDecode[p[3]];
    bad |= a | b | c | d;
    const std::uint32_t v = (a << 18) | (b << 12) | (c << 6) | d;
    o[0] = static_cast<char>((v >> 16) & 0xFF);
    o[1] = static_cast<char>((v >> 8) & 0xFF);
    o[2] = static_cast<char>(v & 0xFF);
  }
  if (rest != 0) {
    const std::uint32_t a = kUrlDecode[p[0]], b = kUrlDecode[p[1]], c = rest == 3 ? kUrlDecode[p[2]] : 0;
    bad |= a | b | c;
    const std::uint32_t v = (a << 18) | (b << 12) | (c << 6);
    o[0] = static_cast<char>((v >> 16) & 0xFF);
    if (rest == 3) o[1] = static_cast<char>((v >> 8) & 0xFF);
    // Leftover bits must be zero, so that each byte string has exactly one spelling.
    if ((bad & 0xC0) == 0 && (rest == 2 ? (b & 0x0F) != 0 : (c & 0x03) != 0)) bad = 0xFF;
  }
  if ((bad & 0xC0) != 0) {
    out->clear();
    return false;
  }
  return true;
}

}  // namespace livekit::internal
