// Shared helpers of the interop scripts: build a Node SDK AccessToken from a "claims spec",
// a JSON object shaped like a LiveKit JWT payload (camelCase names, canPublishSources as
// strings, roomConfig as proto3 JSON), plus `ttl` (seconds or a string such as "6h").
import { AccessToken, RoomConfiguration, TrackSource } from 'livekit-server-sdk';

const SOURCES = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

export function tokenFromSpec(apiKey, apiSecret, spec) {
  const at = new AccessToken(apiKey, apiSecret, { identity: spec.sub, ttl: spec.ttl ?? '6h' });
  if (spec.name !== undefined) at.name = spec.name;
  if (spec.metadata !== undefined) at.metadata = spec.metadata;
  if (spec.attributes !== undefined) at.attributes = spec.attributes;
  if (spec.kind !== undefined) at.kind = spec.kind;
  if (spec.sha256 !== undefined) at.sha256 = spec.sha256;
  if (spec.roomPreset !== undefined) at.roomPreset = spec.roomPreset;
  if (spec.roomConfig !== undefined) at.roomConfig = RoomConfiguration.fromJson(spec.roomConfig);
  if (spec.video !== undefined) {
    const video = { ...spec.video };
    if (Array.isArray(video.canPublishSources)) {
      video.canPublishSources = video.canPublishSources.map((s) => {
        if (!(s in SOURCES)) throw new Error(`unknown track source ${s}`);
        return SOURCES[s];
      });
    }
    at.addGrant(video);
  }
  if (spec.sip !== undefined) at.addSIPGrant(spec.sip);
  if (spec.inference !== undefined) at.addInferenceGrant(spec.inference);
  if (spec.observability !== undefined) at.addObservabilityGrant(spec.observability);
  return at;
}

// Prints the error's message on stderr and exits with the CLI's "rejected" code.
export function fail(what, err) {
  process.stderr.write(`${what}: ${err?.message ?? err}\n`);
  process.exit(3);
}
