// A user's program: built outside the SDK's tree, against the installed package or the
// source tree, it must compile, link and run.
#include <livekit/access_token.h>
#include <livekit/livekit_api.h>
#include <livekit/token_verifier.h>
#include <livekit/version.h>

#include <cstdio>

int main() {
  livekit::VideoGrant grant;
  grant.room_join = true;
  grant.room = "consumer-room";
  auto jwt = livekit::AccessToken("consumer-key", "consumer-secret").set_identity("consumer").set_video_grant(grant).ToJwt();
  if (!jwt.ok()) return std::printf("mint failed: %s\n", jwt.error().ToString().c_str()), 1;
  auto claims = livekit::TokenVerifier("consumer-key", "consumer-secret").Verify(*jwt);
  if (!claims.ok() || claims->identity != "consumer") return std::printf("verify failed\n"), 1;

  livekit::ClientOptions options;
  options.url = "not a url";
  options.api_key = "k";
  options.api_secret = "s";
  auto api = livekit::LiveKitAPI::Create(options);  // links every client; refuses the URL
  if (api.ok() || api.error().code() != livekit::ErrorCode::kInvalidArgument) return std::printf("bad url accepted\n"), 1;

  livekit::Room room;  // generated protocol types are part of the package
  room.set_name("r");
  std::printf("consumer ok: livekit-server-sdk-cpp %s, room %s\n", livekit::kSdkVersion, room.name().c_str());
  return 0;
}
