#include "auth/hmac_sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <thread>
#include <vector>

namespace livekit::internal {
namespace {

std::string Hex(const Sha256Digest& d) {
  std::string out;
  char buf[3];
  for (unsigned char c : d) {
    std::snprintf(buf, sizeof(buf), "%02x", c);
    out += buf;
  }
  return out;
}

TEST(Sha256Test, KnownVectors) {
  Sha256Digest d;
  ASSERT_TRUE(Sha256("", &d));
  EXPECT_EQ(Hex(d), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ASSERT_TRUE(Sha256("abc", &d));
  EXPECT_EQ(Hex(d), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231 test cases 1, 2 and 6 (key longer than a block).
TEST(HmacSha256Test, Rfc4231Vectors) {
  Sha256Digest d;
  HmacSha256 k1(std::string(20, '\x0b'));
  ASSERT_TRUE(k1.Sign("Hi There", &d));
  EXPECT_EQ(Hex(d), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  HmacSha256 k2("Jefe");
  ASSERT_TRUE(k2.Sign("what do ya want for nothing?", &d));
  EXPECT_EQ(Hex(d), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  HmacSha256 k6(std::string(131, '\xaa'));
  ASSERT_TRUE(k6.Sign("Test Using Larger Than Block-Size Key - Hash Key First", &d));
  EXPECT_EQ(Hex(d), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256Test, SharedKeySignsConsistentlyFromManyThreads) {
  HmacSha256 key("secret");
  Sha256Digest reference;
  ASSERT_TRUE(key.Sign("message", &reference));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        Sha256Digest d;
        if (!key.Sign("message", &d) || d != reference) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace livekit::internal
