import { z } from 'zod';
import { syncModes } from './sync-status.ts';

/** What a local instance tells the server about itself with each push (shown per peer on the server). */
export const peerStatusSchema = z.object({
  mode: z.enum(syncModes),
  pendingPush: z.number().int().min(0),
  openConflicts: z.number().int().min(0),
  lastSuccessAt: z.string().nullable(),
});
export type PeerStatus = z.infer<typeof peerStatusSchema>;
