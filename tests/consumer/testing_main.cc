// A user's unit test on LiveKit::server_sdk_testing: built outside the SDK's tree, against the
// installed package or the source tree, it must compile, link and run (no test framework).
#include <livekit/room_service_client.h>
#include <livekit/testing/fake_livekit.h>

#include <cstdio>

int main() {
  livekit::testing::FakeLiveKit fake;
  fake.On<livekit::ListRoomsRequest, livekit::ListRoomsResponse>(
      "RoomService", "ListRooms", [](const livekit::ListRoomsRequest&) {
        livekit::ListRoomsResponse out;
        out.add_rooms()->set_name("consumer-room");
        return out;
      });
  fake.FailRegion(0, livekit::testing::FakeFailure::Drop());  // answered by region 1 or 2
  livekit::RoomServiceClient rooms(fake.client_options());
  auto out = rooms.ListRooms(livekit::ListRoomsRequest{});
  if (!out.ok()) return std::printf("fake call failed: %s\n", out.error().ToString().c_str()), 1;
  if (out->rooms_size() != 1 || fake.requests().size() != 2) return std::printf("fake answered wrongly\n"), 1;
  std::printf("consumer testing ok: room %s after failover\n", out->rooms(0).name().c_str());
  return 0;
}
