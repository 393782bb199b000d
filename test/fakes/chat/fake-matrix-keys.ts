/**
 * The end-to-end encryption endpoints of the fake homeserver: it stores and hands out what clients
 * upload (device keys, one-time and fallback keys) and forwards to-device messages. It checks no
 * signatures and sees no plaintext: the encryption itself happens in the real clients' rust crypto.
 */
export interface DeviceRef {
  userId: string;
  deviceId: string;
}

type KeyMap = Map<string, unknown>;
const ref = (userId: string, deviceId: string) => `${userId}|${deviceId}`;

export function createFakeKeyServer(nextPosition: () => number) {
  const deviceKeys = new Map<string, Map<string, unknown>>();
  const oneTimeKeys = new Map<string, KeyMap>();
  const fallbackKeys = new Map<string, KeyMap>();
  const toDevice: Array<{ position: number; to: string; event: { type: string; sender: string; content: unknown } }> = [];
  const keyChanges: Array<{ position: number; userId: string }> = [];

  return {
    upload(device: DeviceRef, body: { device_keys?: { device_id?: string }; one_time_keys?: Record<string, unknown>; fallback_keys?: Record<string, unknown> }) {
      if (body.device_keys) {
        const devices = deviceKeys.get(device.userId) ?? new Map();
        devices.set(device.deviceId, body.device_keys);
        deviceKeys.set(device.userId, devices);
        keyChanges.push({ position: nextPosition(), userId: device.userId });
      }
      const key = ref(device.userId, device.deviceId);
      for (const [id, value] of Object.entries(body.one_time_keys ?? {})) {
        const keys = oneTimeKeys.get(key) ?? new Map();
        keys.set(id, value);
        oneTimeKeys.set(key, keys);
      }
      if (body.fallback_keys && Object.keys(body.fallback_keys).length > 0) fallbackKeys.set(key, new Map(Object.entries(body.fallback_keys)));
      return { one_time_key_counts: this.counts(device) };
    },
    counts(device: DeviceRef): Record<string, number> {
      const keys = oneTimeKeys.get(ref(device.userId, device.deviceId));
      return { signed_curve25519: [...(keys?.keys() ?? [])].filter((id) => id.startsWith('signed_curve25519:')).length };
    },
    fallbackTypes(device: DeviceRef): string[] {
      return fallbackKeys.has(ref(device.userId, device.deviceId)) ? ['signed_curve25519'] : [];
    },
    query(body: { device_keys?: Record<string, string[]> }) {
      const result: Record<string, Record<string, unknown>> = {};
      for (const [userId, wanted] of Object.entries(body.device_keys ?? {})) {
        const devices = deviceKeys.get(userId) ?? new Map<string, unknown>();
        result[userId] = Object.fromEntries([...devices].filter(([id]) => wanted.length === 0 || wanted.includes(id)));
      }
      return { device_keys: result, failures: {}, master_keys: {}, self_signing_keys: {}, user_signing_keys: {} };
    },
    claim(body: { one_time_keys?: Record<string, Record<string, string>> }) {
      const result: Record<string, Record<string, Record<string, unknown>>> = {};
      for (const [userId, devices] of Object.entries(body.one_time_keys ?? {})) {
        for (const [deviceId, algorithm] of Object.entries(devices)) {
          const key = ref(userId, deviceId);
          const keys = oneTimeKeys.get(key);
          const one = [...(keys?.entries() ?? [])].find(([id]) => id.startsWith(`${algorithm}:`));
          if (one) keys!.delete(one[0]);
          const claimed = one ?? [...(fallbackKeys.get(key)?.entries() ?? [])].find(([id]) => id.startsWith(`${algorithm}:`));
          if (!claimed) continue;
          result[userId] = { ...result[userId], [deviceId]: { [claimed[0]]: claimed[1] } };
        }
      }
      return { one_time_keys: result, failures: {} };
    },
    sendToDevice(sender: DeviceRef, type: string, body: { messages?: Record<string, Record<string, unknown>> }) {
      for (const [userId, devices] of Object.entries(body.messages ?? {})) {
        for (const [deviceId, content] of Object.entries(devices)) {
          const targets = deviceId === '*' ? [...(deviceKeys.get(userId)?.keys() ?? [])] : [deviceId];
          for (const target of targets) toDevice.push({ position: nextPosition(), to: ref(userId, target), event: { type, sender: sender.userId, content } });
        }
      }
      return {};
    },
    /** What a device's sync since `since` carries for encryption. */
    syncPart(device: DeviceRef, since: number) {
      return {
        to_device: { events: toDevice.filter((m) => m.to === ref(device.userId, device.deviceId) && m.position > since).map((m) => m.event) },
        device_lists: { changed: [...new Set(keyChanges.filter((c) => c.position > since).map((c) => c.userId))], left: [] },
        device_one_time_keys_count: this.counts(device),
        device_unused_fallback_key_types: this.fallbackTypes(device),
      };
    },
  };
}
