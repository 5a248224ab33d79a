#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).

Run from anywhere: python3 tests/fuzz/make_corpus.py. Tokens are signed with the fuzz-only
secret of signed_token.h (never a real one). Seeds are small valid and near-valid inputs; the
first byte of some targets selects a mode (see each <target>_fuzzer.cc). Files another run
added (e.g. a kept crash input, named crash-*) are left alone.
"""
import base64
import hashlib
import hmac
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
KEY = "APIfuzzKey"
SECRET = b"fuzz-only-secret-not-a-real-one-0123456789"
EXP = 4102444800  # 2100-01-01: after the targets' fixed clock and any real one
HEADER = '{"alg":"HS256","typ":"JWT"}'


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(payload: str, header: str = HEADER, secret: bytes = SECRET) -> str:
    signing_input = b64url(header.encode()) + "." + b64url(payload.encode())
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


def write(target: str, name: str, data) -> None:
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def claims(**extra) -> str:
    c = {"iss": KEY, "exp": EXP, "nbf": 1600000000, "sub": "alice"}
    c.update(extra)
    return json.dumps(c, separators=(",", ":"))


FULL_VIDEO = {"roomCreate": True, "roomJoin": True, "roomList": True, "roomRecord": True, "roomAdmin": True,
              "room": "fuzz-room", "ingressAdmin": True, "canPublish": True, "canPublishSources": ["camera", "microphone"],
              "canSubscribe": True, "canPublishData": True, "canUpdateOwnMetadata": True, "hidden": False,
              "recorder": False, "agent": False, "canSubscribeMetrics": True, "canManageAgentSession": True,
              "destinationRoom": "other-room"}


def token_verify() -> None:
    t = "token_verify"
    # Even first byte: the token itself.
    write(t, "raw_valid", b"\x00" + sign(claims(video={"roomJoin": True, "room": "r1"})).encode())
    write(t, "raw_full", b"\x00" + sign(claims(name="Alice", metadata='{"a":1}', attributes={"k": "v"}, kind="agent",
                                                 video=FULL_VIDEO, sip={"admin": True, "call": True},
                                                 inference={"perform": True}, observability={"write": True},
                                                 roomPreset="p1", roomConfig={"name": "r", "emptyTimeout": 30,
                                                 "agents": [{"agentName": "a1", "metadata": "m"}]})).encode())
    write(t, "raw_compact_header", b"\x00" + sign(claims(), header='{"alg":"HS256"}').encode())
    write(t, "raw_bad_signature", b"\x00" + sign(claims(), secret=b"another-secret").encode())
    write(t, "raw_alg_none", b"\x00" + (b64url(b'{"alg":"none"}') + "." + b64url(claims().encode()) + ".").encode())
    write(t, "raw_two_segments", b"\x00" + b"eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0")
    # Odd first byte: "header\npayload" JSON, signed by the fuzzer.
    write(t, "signed_full", b"\x01\n" + claims(video=FULL_VIDEO, sip={"admin": True}, sha256="47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hXuFQ=").encode())
    write(t, "signed_expired", b"\x01\n" + json.dumps({"iss": KEY, "exp": 1000}).encode())
    write(t, "signed_not_yet", b"\x01\n" + json.dumps({"iss": KEY, "exp": EXP, "nbf": EXP - 1}).encode())
    write(t, "signed_wrong_types", b"\x01\n" + json.dumps({"iss": KEY, "exp": "soon", "video": {"roomJoin": "yes"}}).encode())
    write(t, "signed_crit_header", b'\x01{"alg":"HS256","crit":["b64"]}\n' + claims().encode())
    write(t, "signed_escapes", b"\x01\n" + b'{"iss":"APIfuzzKey","exp":4102444800,"name":"\\u00e9\\ud83d\\ude00\\n","metadata":"\\"q\\""}')


WEBHOOK_BODY = {"event": "room_started", "id": "EV_1", "createdAt": "1700000000",
                "room": {"sid": "RM_1", "name": "fuzz-room", "emptyTimeout": 300, "creationTime": "1700000000",
                         "enabledCodecs": [{"mime": "audio/opus"}]}}


def webhook_receive() -> None:
    t = "webhook_receive"
    with open(os.path.join(HERE, "..", "webhook", "data", "participant_joined.json"), "rb") as f:
        joined = f.read()
    small = json.dumps(WEBHOOK_BODY, separators=(",", ":")).encode()
    track = json.dumps({"event": "track_published", "room": {"name": "r"}, "participant": {"identity": "bob",
                        "tracks": [{"sid": "TR_1", "type": "VIDEO", "source": "CAMERA", "width": 1280, "height": 720,
                                    "simulcast": True, "layers": [{"quality": "HIGH", "width": 1280}]}]},
                        "track": {"sid": "TR_1", "muted": False}}).encode()
    egress = json.dumps({"event": "egress_ended", "egressInfo": {"egressId": "EG_1", "roomName": "r",
                         "status": "EGRESS_COMPLETE", "startedAt": "1", "endedAt": "2",
                         "fileResults": [{"filename": "a.mp4", "size": "1024", "duration": "5000000000"}]}}).encode()
    for name, body in (("joined", joined), ("room_started", small), ("track", track), ("egress", egress)):
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        token = sign(json.dumps({"iss": KEY, "exp": EXP, "sha256": digest}, separators=(",", ":")))
        write(t, "header_" + name, b"\x00" + token.encode() + b"\n" + body)  # valid header + body
        write(t, "signed_" + name, b"\x01" + body)  # the fuzzer signs the body
        write(t, "skip_" + name, b"\x02" + body)
    wrong = sign(json.dumps({"iss": KEY, "exp": EXP, "sha256": "AAAA"}))
    write(t, "header_hash_mismatch", b"\x00" + wrong.encode() + b"\n" + small)
    write(t, "header_no_sha256", b"\x00" + sign(claims()).encode() + b"\n" + small)
    write(t, "skip_edge_numbers", b'\x02{"event":"x","room":{"maxParticipants":4294967295,"emptyTimeout":-1,'
                                  b'"creationTime":"-0","numParticipants":1e2}}')
    write(t, "skip_enum_number", b'\x02{"participant":{"state":2,"kind":"AGENT","permission":{"canPublish":true}}}')
    write(t, "skip_nulls", b'\x02{"event":null,"room":null,"participant":{"identity":null,"tracks":[]}}')
    write(t, "skip_proto_names", b'\x02{"created_at":5,"egress_info":{"egress_id":"E","room_name":"r"}}')


def region_list() -> None:
    t = "region_list"
    write(t, "three_regions", json.dumps({"regions": [
        {"region": "us-east", "url": "https://us-east.example.livekit.cloud", "distance": "100"},
        {"region": "eu-west", "url": "wss://eu-west.example.livekit.cloud:443/path", "distance": "2000"},
        {"region": "local", "url": "http://127.0.0.1:7881"}]}))
    write(t, "empty_object", "{}")
    write(t, "null_regions", '{"regions":null}')
    write(t, "bad_entries", '{"regions":[1,"x",{"url":5},{"region":"a"},{"url":"ftp://x"},{"url":"ws://[::1]:7880"}]}')
    write(t, "not_array", '{"regions":{"url":"https://a"}}')
    write(t, "ipv6_and_ports", '{"regions":[{"region":"v6","url":"https://[2001:db8::1]:8443"},'
                               '{"region":"p","url":"http://Example.COM:80/"}]}')


def cache_control() -> None:
    t = "cache_control"
    for name, value in (("max_age", "max-age=30"), ("mixed", "public, MAX-AGE=600, must-revalidate"),
                        ("no_store", "no-store"), ("s_maxage", "s-maxage=60, max-age=5"),
                        ("spaces", "max-age = 10"), ("quoted", 'max-age="10"'), ("negative", "max-age=-1"),
                        ("huge", "max-age=99999999999999999999999"), ("empty_value", "max-age=,max-age=7")):
        write(t, name, value)


def twirp_error() -> None:
    t = "twirp_error"
    def status(code: int) -> bytes:
        return struct.pack(">H", code - 100)
    write(t, "not_found", status(404) + b'{"code":"not_found","msg":"room not found"}')
    write(t, "meta", status(503) + b'{"code":"unavailable","msg":"try later","meta":{"retry_after":"1","n":3,"o":{"a":[1]}}}')
    write(t, "sip", status(486) + b'{"code":"unavailable","msg":"busy","meta":{"sip_status_code":"486","sip_status":"Busy Here"}}')
    write(t, "pinned_text", status(451) + b"project not allowed in this region.\n")
    write(t, "html", status(502) + b"<html><body><h1>502 Bad Gateway</h1></body></html>\r\n")
    write(t, "empty", status(500))
    write(t, "code_not_string", status(400) + b'{"code":4,"msg":"x"}')
    write(t, "redirect", status(302) + b'{"code":"internal","msg":""}')


def url() -> None:
    t = "url"
    for name, pair in (("cloud", "https://project.livekit.cloud\nhttps://project-eu.livekit.cloud"),
                       ("downgrade", "https://a.livekit.cloud\nhttp://b.livekit.cloud"),
                       ("foreign", "wss://a.livekit.cloud\nhttps://evil.example.com"),
                       ("suffix_trick", "https://a.livekit.cloud\nhttps://livekit.cloud.evil.com"),
                       ("self_hosted_port", "http://127.0.0.1:7880\nhttp://127.0.0.1:7881/twirp"),
                       ("ipv6", "https://[::1]:443\nhttps://[::1]:8443?x#y"),
                       ("user_info", "https://user:pw@a.livekit.cloud\nhttps://a.livekit.cloud@evil.com"),
                       ("case", "HTTPS://Project.LiveKit.Cloud:443\nWSS://OTHER.livekit.cloud:65535"),
                       ("bad_ports", "http://a:0\nhttp://a:65536"),
                       ("no_scheme", "project.livekit.cloud\n//a.livekit.cloud")):
        write(t, name, pair)


def mock_control_header() -> None:
    t = "mock_control_header"
    write(t, "json_all", 'X-Lk-Mock: {"failRegions":[0,2],"failMode":"status","failStatus":503,'
                         '"failTwirpCode":"unavailable","delayMs":10,"regionsStatus":200,"response":{"name":"r"},'
                         '"skipAuth":true,"sipStatus":{"code":486,"status":"Busy Here"},"pinnedRegions":["region-1"]}\n')
    write(t, "json_strings", 'X-Lk-Mock: {"failRegions":["1"],"failStatus":"500","delayMs":"5","response":"{\\"sid\\":\\"x\\"}"}\n')
    write(t, "json_floats", 'X-Lk-Mock: {"failStatus":503.5,"delayMs":1.5,"failRegions":[1.0]}\n')
    write(t, "json_bad_type", 'X-Lk-Mock: {"failMode":"explode","skipAuth":"yes"}\n')
    write(t, "legacy", "X-Lk-Mock-Fail-Regions: 0, 1,2\nX-Lk-Mock-Fail-Mode: drop\nX-Lk-Mock-Fail-Status: 500\n"
                       "X-Lk-Mock-Fail-Twirp-Code: internal\nX-Lk-Mock-Delay-Ms: 25\nX-Lk-Mock-Regions-Status: 503\n"
                       "X-Lk-Mock-Response: {}\nX-Lk-Mock-Skip-Auth: 1\n")
    write(t, "legacy_and_json", 'X-Lk-Mock-Fail-Mode: hang\nX-Lk-Mock: {"failMode":"delay"}\n')
    write(t, "legacy_bad", "X-Lk-Mock-Fail-Regions: 1,,x\nX-Lk-Mock-Delay-Ms: -4\n")
    write(t, "not_json", "X-Lk-Mock: failRegions=1\n")


def mock_request() -> None:
    t = "mock_request"
    # byte 0: method index (method_table.cc order); byte 1: bit 0 JSON, bits 1-2 authorization mode.
    create_room, list_rooms, update_participant, send_data = 0, 1, 7, 9
    room_composite, create_ingress, create_sip_participant, create_dispatch = 15, 24, 42, 44
    def seed(name, method, json_body, auth, body):
        write(t, name, bytes([method, (1 if json_body else 0) | (auth << 1)]) + body)
    seed("create_room_json_skip", create_room, True, 0, b'{"name":"fuzz-room","emptyTimeout":30,"maxParticipants":4}')
    seed("create_room_pb_token", create_room, False, 1, b"\x0a\x09fuzz-room\x10\x1e")
    seed("list_rooms_empty_json", list_rooms, True, 1, b"")
    seed("list_rooms_pb_names", list_rooms, False, 0, b"\x0a\x01a\x0a\x01b")
    seed("update_participant_json", update_participant, True, 1,
         b'{"room":"fuzz-room","identity":"bob","metadata":"m","permission":{"canPublish":true},"attributes":{"k":"v"}}')
    seed("send_data_pb", send_data, False, 1, b"\x0a\x09fuzz-room\x12\x03abc")
    seed("composite_json", room_composite, True, 0,
         b'{"roomName":"fuzz-room","layout":"grid","file":{"filepath":"out.mp4"},"audioOnly":false}')
    seed("ingress_json_no_auth", create_ingress, True, 2, b'{"inputType":"RTMP_INPUT","name":"in"}')
    seed("sip_participant_json", create_sip_participant, True, 1,
         b'{"sipTrunkId":"ST_1","sipCallTo":"+15550100","roomName":"fuzz-room","waitUntilAnswered":true}')
    seed("dispatch_json", create_dispatch, True, 0, b'{"agentName":"a","room":"fuzz-room","metadata":"{}"}')
    seed("hostile_auth_header", create_room, True, 3, b"Bearer a.b.c\n{}")
    seed("bad_json", create_room, True, 0, b'{"name":')
    seed("bad_pb", create_room, False, 0, b"\x0a\xff")


def token_request() -> None:
    t = "token_request"
    # byte 0 even: the body parser alone; odd: the whole handler.
    bodies = {
        "empty_object": b"{}",
        "snake": b'{"room_name":"r","participant_identity":"p","participant_name":"n",'
                 b'"participant_metadata":"m","participant_attributes":{"k":"v"}}',
        "camel": b'{"roomName":"r","participantIdentity":"p","participantAttributes":{"a":"b"}}',
        "room_config": b'{"room_config":{"name":"r","agents":[{"agent_name":"a","metadata":"m"}],'
                       b'"max_participants":3,"empty_timeout":30}}',
        "unknown_fields": b'{"future":{"x":[1,null,true]},"roomName":"r"}',
        "escapes": b'{"participant_name":"caf\\u00e9 \\ud83d\\ude00 \\n"}',
        "wrong_type": b'{"room_name":5}',
        "not_object": b"[]",
        "truncated": b'{"room_name":"r"',
    }
    for name, body in bodies.items():
        write(t, "parse_" + name, b"\x00" + body)
        write(t, "handle_" + name, b"\x01" + body)


if __name__ == "__main__":
    for make in (token_verify, webhook_receive, region_list, cache_control, twirp_error, url, mock_control_header,
                 mock_request, token_request):
        make()
    print("seed corpora written to", CORPUS)
