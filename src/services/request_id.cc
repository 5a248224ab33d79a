#include "services/request_id.h"

#include <openssl/rand.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <random>

#include "common/fork_generation.h"

namespace livekit::internal {
namespace {

void FillFromOs(unsigned char* out, std::size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) {
    // OpenSSL's generator failed (should not happen): fall back to the OS source.
    std::random_device rd;
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>(rd());
  }
}

// Request ids need uniqueness, not secrecy: a per-thread xoshiro256** generator seeded from
// OpenSSL costs a few nanoseconds per id, where RAND_bytes costs a getpid() system call and a
// DRBG round on every call (measured on the ListRooms hot path).
class IdGenerator {
 public:
  std::uint64_t Next() {
    // A forked child reseeds instead of repeating the ids its parent goes on to generate.
    const std::uint64_t generation = ForkGeneration();
    if (!seeded_ || generation != generation_) Seed(generation);
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  void Seed(std::uint64_t generation) {
    std::array<unsigned char, sizeof(s_)> seed{};
    do {
      FillFromOs(seed.data(), seed.size());
      std::memcpy(s_, seed.data(), sizeof(s_));
    } while ((s_[0] | s_[1] | s_[2] | s_[3]) == 0);  // the one state xoshiro cannot leave
    generation_ = generation;
    seeded_ = true;
  }

  std::uint64_t s_[4] = {};
  std::uint64_t generation_ = 0;
  bool seeded_ = false;
};

}  // namespace

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  FillFromOs(reinterpret_cast<unsigned char*>(out.data()), n);
  return out;
}

std::string NewRequestId() {
  thread_local IdGenerator generator;
  std::array<unsigned char, 16> b{};
  const std::uint64_t hi = generator.Next();
  const std::uint64_t lo = generator.Next();
  std::memcpy(b.data(), &hi, 8);
  std::memcpy(b.data() + 8, &lo, 8);
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0F]);
  }
  return out;
}

}  // namespace livekit::internal
