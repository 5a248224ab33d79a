// The example of docs/testing.md ("Testing your code without a server"): a function of a
// user's backend, EnsureRoom, unit-tested with FakeLiveKit (LiveKit::server_sdk_testing), with
// no test framework, no server process and no port. The suite runs it; a docs check keeps the
// code between the snippet markers identical to the page.
//
//   example_testing_with_fake      # exits 0 when every check holds, 1 otherwise

#include <cstdio>
#include <iterator>

// snippet-begin docs/testing.md
#include <string>
#include <vector>
#include "livekit/room_service_client.h"
#include "livekit/testing/fake_livekit.h"

// The code under test: the room named `name`, created when it does not exist yet.
livekit::Result<livekit::Room> EnsureRoom(const livekit::RoomServiceClient& rooms, const std::string& name) {
  livekit::ListRoomsRequest list;
  list.add_names(name);
  auto found = rooms.ListRooms(list);
  if (!found.ok()) return found.error();
  if (found->rooms_size() > 0) return found->rooms(0);
  return rooms.CreateRoom(name);
}

using livekit::testing::FakeLiveKit;

// A fake server that knows the rooms in `existing`.
void ServeRooms(FakeLiveKit& fake, std::vector<std::string> existing) {
  fake.On<livekit::ListRoomsRequest, livekit::ListRoomsResponse>(
      "RoomService", "ListRooms", [existing](const livekit::ListRoomsRequest& req) {
        livekit::ListRoomsResponse out;
        for (const auto& name : req.names()) {
          for (const auto& have : existing) {
            if (have == name) out.add_rooms()->set_name(name);
          }
        }
        return out;
      });
  fake.On<livekit::CreateRoomRequest, livekit::Room>(
      "RoomService", "CreateRoom", [](const livekit::CreateRoomRequest& req) {
        livekit::Room room;
        room.set_name(req.name());
        room.set_sid("RM_new");
        return room;
      });
}

bool ExistingRoomIsNotCreatedAgain() {
  FakeLiveKit fake;
  ServeRooms(fake, {"standup"});
  livekit::RoomServiceClient rooms(fake.client_options());
  auto room = EnsureRoom(rooms, "standup");
  return room.ok() && room->name() == "standup" && fake.requests("RoomService", "CreateRoom").empty();
}

bool MissingRoomIsCreatedWithItsName() {
  FakeLiveKit fake;
  ServeRooms(fake, {});
  livekit::RoomServiceClient rooms(fake.client_options());
  auto room = EnsureRoom(rooms, "retro");
  const auto created = fake.requests("RoomService", "CreateRoom");
  if (!room.ok() || room->sid() != "RM_new" || created.size() != 1) return false;
  const auto* request = created[0].message_as<livekit::CreateRoomRequest>();  // as the server decoded it
  const auto& token = created[0].claims;  // the token the SDK signed for the call, verified
  return request != nullptr && request->name() == "retro" && token && token->video &&
         token->video->room_create == true;
}
// snippet-end

// Failures a region plays, and an error a handler returns.
bool RegionOutageIsSurvived() {
  FakeLiveKit fake;  // three regions; the SDK fails over from region 0 as with LiveKit Cloud
  ServeRooms(fake, {"standup"});
  fake.FailRegion(0, livekit::testing::FakeFailure::HttpStatus(503));
  livekit::RoomServiceClient rooms(fake.client_options());
  auto room = EnsureRoom(rooms, "standup");
  return room.ok() && fake.requests().size() == 2 && fake.requests()[1].region != 0;
}

bool ServerRefusalReachesTheCaller() {
  FakeLiveKit fake;
  ServeRooms(fake, {});
  fake.On<livekit::CreateRoomRequest, livekit::Room>(
      "RoomService", "CreateRoom", [](const livekit::CreateRoomRequest&) -> livekit::Result<livekit::Room> {
        return livekit::testing::TwirpError("resource_exhausted", "room limit reached");
      });
  livekit::RoomServiceClient rooms(fake.client_options());
  auto room = EnsureRoom(rooms, "one-too-many");
  return !room.ok() && room.error().twirp_code() == "resource_exhausted" && room.error().http_status() == 429;
}

int main() {
  struct Check {
    const char* name;
    bool (*run)();
  };
  const Check checks[] = {
      {"existing room is not created again", ExistingRoomIsNotCreatedAgain},
      {"missing room is created with its name", MissingRoomIsCreatedWithItsName},
      {"region outage is survived", RegionOutageIsSurvived},
      {"server refusal reaches the caller", ServerRefusalReachesTheCaller},
  };
  int failed = 0;
  for (const auto& check : checks) {
    const bool ok = check.run();
    std::printf("%s: %s\n", ok ? "ok  " : "FAIL", check.name);
    if (!ok) ++failed;
  }
  std::printf("testing_with_fake: %d of %zu checks hold\n", static_cast<int>(std::size(checks)) - failed,
              std::size(checks));
  return failed == 0 ? 0 : 1;
}
