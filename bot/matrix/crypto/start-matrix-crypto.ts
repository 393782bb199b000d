import path from 'node:path';
import type { MatrixClient } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';
import { persistDatabases } from './persisted-indexeddb.ts';

export const ENCRYPTION_OFF_NOTE = 'Encrypted Matrix rooms: off (MATRIX_ENCRYPTION=false); I answer in unencrypted rooms only.';

export interface MatrixCrypto {
  /** What `/status` says about encrypted rooms. */
  statusNote: string;
  stop(): Promise<void>;
}

/**
 * Turns on end-to-end encryption (matrix-js-sdk's rust crypto, the wasm shipped in its npm package,
 * so nothing downloads). The device's identity and the room keys it receives live in a store saved
 * under `storeDir`, one file per device, so after a restart the bot is the same device and still
 * reads rooms whose keys it got before.
 */
export async function startMatrixCrypto(client: MatrixClient, options: { storeDir: string; userId: string; deviceId: string | null; logger: Logger }): Promise<MatrixCrypto> {
  if (!options.deviceId) throw new Error('the homeserver did not say which device MATRIX_ACCESS_TOKEN belongs to; encryption needs it');
  client.deviceId = options.deviceId;
  const file = path.join(options.storeDir, `${safeName(options.userId)}-${safeName(options.deviceId)}.crypto`);
  const store = await persistDatabases(file, (error) => options.logger.error({ err: error }, 'could not save the matrix encryption keys'));
  try {
    await client.initRustCrypto({ useIndexedDB: true, cryptoDatabasePrefix: store.prefix });
    await store.flush();
  } catch (error) {
    await store.stop();
    throw error;
  }
  options.logger.info({ file }, 'matrix end-to-end encryption on; keys are kept in the data directory');
  return {
    statusNote: `Encrypted Matrix rooms: on. My keys are kept in the data directory (device ${options.deviceId}), so I stay the same device after a restart. Messages sent before I joined a room, or while my keys were not saved yet, cannot be read; I say so in the room.`,
    stop: () => store.stop(),
  };
}

function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '_');
}
