// What Result, Status and Error promise their users: a failed Result never has the code kOk,
// a Status reads like a status, and an Error's fields are read-only outside the SDK. Built
// from the public headers only, as a user's code is.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <utility>

#include "livekit/result.h"

namespace livekit {
namespace {

// --- compile-time: callers cannot set an Error's fields -------------------------------------

// Detection idiom: true when `Op<E>` is a valid expression type.
template <typename E, template <typename> class Op, typename = void>
struct Detects : std::false_type {};
template <typename E, template <typename> class Op>
struct Detects<E, Op, std::void_t<Op<E>>> : std::true_type {};

template <typename E> using SetHttpStatus = decltype(std::declval<E&>().set_http_status(503));
template <typename E> using SetTwirpCode = decltype(std::declval<E&>().set_twirp_code(std::string()));
template <typename E> using SetMetadata = decltype(std::declval<E&>().set_metadata({}));
template <typename E> using SetMethod = decltype(std::declval<E&>().set_method(std::string()));
template <typename E> using SetUrl = decltype(std::declval<E&>().set_url(std::string()));
template <typename E> using SetRequestId = decltype(std::declval<E&>().set_request_id(std::string()));
template <typename E> using SetAttempts = decltype(std::declval<E&>().set_attempts({}));
template <typename E> using SetMessage = decltype(std::declval<E&>().set_message(std::string()));
template <typename E> using SetResponseBody = decltype(std::declval<E&>().set_response_body(std::string()));
template <typename E> using ReadsCode = decltype(std::declval<const E&>().code());

static_assert(Detects<Error, ReadsCode>::value, "the detector sees a member that exists");
static_assert(!Detects<Error, SetHttpStatus>::value, "Error::set_http_status is internal");
static_assert(!Detects<Error, SetTwirpCode>::value, "Error::set_twirp_code is internal");
static_assert(!Detects<Error, SetMetadata>::value, "Error::set_metadata is internal");
static_assert(!Detects<Error, SetMethod>::value, "Error::set_method is internal");
static_assert(!Detects<Error, SetUrl>::value, "Error::set_url is internal");
static_assert(!Detects<Error, SetRequestId>::value, "Error::set_request_id is internal");
static_assert(!Detects<Error, SetAttempts>::value, "Error::set_attempts is internal");
static_assert(!Detects<Error, SetMessage>::value, "Error::set_message is internal");
static_assert(!Detects<Error, SetResponseBody>::value, "Error::set_response_body is internal");

// The SDK's builder is only declared by the public headers: user code cannot construct one.
template <typename T, typename = void>
struct IsComplete : std::false_type {};
template <typename T>
struct IsComplete<T, std::void_t<decltype(sizeof(T))>> : std::true_type {};
static_assert(!IsComplete<internal::ErrorBuilder>::value, "the Error builder is not part of the API");

// A Status is Result<Empty> and reads like a status.
static_assert(std::is_same_v<Status, Result<Empty>>);
static_assert(std::is_same_v<decltype(std::declval<const Status&>().code()), ErrorCode>);
static_assert(std::is_same_v<decltype(std::declval<const Status&>().message()), const std::string&>);
static_assert(std::is_same_v<decltype(std::declval<const Status&>().error()), const Error&>);
static_assert(std::is_convertible_v<Error, Status> && std::is_convertible_v<Empty, Status>);

// --- a failed Result never has the code kOk --------------------------------------------------

#ifdef NDEBUG
TEST(ResultInvariants, ResultFromAnOkErrorHoldsAnInternalError) {
  Result<int> r = Error();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
  EXPECT_NE(r.error().message().find("Error of code ok"), std::string::npos) << r.error().message();

  // The message given is kept after the explanation.
  Status s = Error(ErrorCode::kOk, "all fine");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_NE(s.message().find("Error of code ok"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find(": all fine"), std::string::npos) << s.message();
  EXPECT_THROW(s.value(), Exception);
}
#else
TEST(ResultInvariantsDeathTest, ResultFromAnOkErrorAssertsInDebugBuilds) {
  EXPECT_DEATH({ Result<int> r = Error(); (void)r; }, "Error of code kOk");
  EXPECT_DEATH({ Status s = Error(ErrorCode::kOk, "all fine"); (void)s; }, "Error of code kOk");
}
#endif

TEST(ResultInvariants, FailedResultKeepsTheErrorItWasGiven) {
  Result<int> r = Error(ErrorCode::kTimeout, "slow");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kTimeout);
  EXPECT_EQ(r.error().message(), "slow");
  EXPECT_THROW((void)r.value(), Exception);
}

// --- Status reads like a status ---------------------------------------------------------------

TEST(ResultInvariants, OkStatusHasCodeOkAndNoMessage) {
  const Status s = OkStatus();
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(static_cast<bool>(s));
  EXPECT_EQ(s.code(), ErrorCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.error().code(), ErrorCode::kOk);
  EXPECT_NO_THROW(s.value());
  EXPECT_TRUE(Status().ok());
  EXPECT_TRUE(Status(Empty{}).ok());
}

TEST(ResultInvariants, FailedStatusGivesCodeMessageAndError) {
  Status s = Error(ErrorCode::kInvalidArgument, "bad url");
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(static_cast<bool>(s));
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "bad url");
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  try {
    s.value();
    ADD_FAILURE() << "value() of a failed Status did not throw";
  } catch (const Exception& e) {
    EXPECT_EQ(e.error().message(), "bad url");
  }
  const Error moved = std::move(s).error();
  EXPECT_EQ(moved.message(), "bad url");
}

TEST(ResultInvariants, StatusCanBeReassigned) {
  Status s = OkStatus();
  s = Error(ErrorCode::kServerFailure, "down");
  EXPECT_EQ(s.code(), ErrorCode::kServerFailure);
  s = OkStatus();
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
}

// --- Error ----------------------------------------------------------------------------------

TEST(ResultInvariants, UserBuiltErrorHasOnlyCodeAndMessage) {
  const Error e(ErrorCode::kServerRejection, "no");
  EXPECT_EQ(e.http_status(), 0);
  EXPECT_EQ(e.twirp_code(), "");
  EXPECT_TRUE(e.metadata().empty());
  EXPECT_EQ(e.response_body(), "");
  EXPECT_TRUE(e.attempts().empty());
  EXPECT_EQ(e.ToString(), "server_rejection: no");
  EXPECT_EQ(Error().code(), ErrorCode::kOk);
}

}  // namespace
}  // namespace livekit
