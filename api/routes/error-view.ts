import { z } from 'zod';

/** The body of every error response. */
export const errorView = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

/** Response schemas shared by every route: the error body under each status the route may return. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((status) => [status, errorView])) as Record<number, typeof errorView>;
}
