#include "common/base64.h"

#include <gtest/gtest.h>

namespace livekit::internal {
namespace {

TEST(Base64Test, UrlEncodeMatchesRfc4648Vectors) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64Test, StandardEncodePads) {
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("\xfb\xff"), "+/8=");
}

TEST(Base64Test, UrlDecodeRoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t len = 0; len <= all.size(); len += 7) {
    std::string in = all.substr(0, len), out;
    ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(in), &out)) << len;
    EXPECT_EQ(out, in);
  }
}

TEST(Base64Test, UrlDecodeRejectsBadInput) {
  std::string out;
  EXPECT_FALSE(Base64UrlDecode("Zg==", &out));   // padding
  EXPECT_FALSE(Base64UrlDecode("Zm9v+", &out));  // standard alphabet
  EXPECT_FALSE(Base64UrlDecode("Zm/v", &out));
  EXPECT_FALSE(Base64UrlDecode("Z", &out));      // impossible length
  EXPECT_FALSE(Base64UrlDecode("Zh", &out));     // non-zero leftover bits
  EXPECT_FALSE(Base64UrlDecode("Zm 9v", &out));
  EXPECT_TRUE(Base64UrlDecode("Zg", &out));
  EXPECT_EQ(out, "f");
}

}  // namespace
}  // namespace livekit::internal
