import { invalidInput } from './app-error.ts';

/** PostgreSQL text cannot hold a NUL byte; refusing it early gives a clear 400 instead of a failed insert. */
export const hasNulByte = (text: string): boolean => text.includes('\0');

export const nulByteMessage = (field: string) => `${field} contains a NUL byte (\\0), which the hub cannot store; remove it and send again.`;

/** Throws a 400 naming the first field that holds a NUL byte. */
export function rejectNulBytes(fields: Record<string, string | null | undefined>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value && hasNulByte(value)) throw invalidInput(nulByteMessage(field), { details: { field } });
  }
}

/** Arguments for a zod `.refine(...)` that refuses NUL bytes in a field: `.refine(...withoutNul('title'))`. */
export const withoutNul = (field: string) => [(text: string) => !hasNulByte(text), nulByteMessage(field)] as const;
