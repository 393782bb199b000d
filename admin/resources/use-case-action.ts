import { NotFoundError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type RecordActionResponse } from 'adminjs';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';

export interface UseCaseActionOptions {
  icon: string;
  /** Confirmation question shown before the action runs (actions without a form only). */
  guard?: string;
  /** A custom form to show first; the use case then runs when that form posts. */
  component?: string;
  isVisible?: (record: Record<string, unknown>) => boolean;
  run: (recordId: string, moderator: string, payload: Record<string, unknown>) => Promise<unknown>;
  success: string;
}

/** Who did it, as written into rows (approvedBy, publishedBy, resolvedBy). */
export function moderatorName(context: ActionContext): string {
  return context.currentAdmin?.email ?? 'admin';
}

/**
 * A record action that calls a core use case. AdminJS invokes form-less actions with GET, so those
 * run on any method (cross-site requests are refused for the whole panel); with a form, GET only
 * shows it. Errors the hub explains (e.g. "already queued") come back as an error notice with the
 * hub's own words; other errors propagate and are logged as bugs.
 */
export function useCaseAction(options: UseCaseActionOptions): Partial<Action<ActionResponse>> {
  return {
    actionType: 'record',
    icon: options.icon,
    guard: options.guard,
    component: options.component ?? false,
    showInDrawer: Boolean(options.component),
    isVisible: ({ record }) => (record && options.isVisible ? options.isVisible(record.params) : true),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
      const { record, resource, currentAdmin, h } = context;
      if (!record) throw new NotFoundError(`No record ${String(request.params.recordId)}`, 'useCaseAction');
      if (options.component && request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      try {
        await options.run(record.id(), moderatorName(context), request.payload ?? {});
      } catch (error) {
        if (!isAppError(error) || error.code === ErrorCode.internal) throw error;
        return { record: record.toJSON(currentAdmin), notice: { message: error.message, type: 'error' } };
      }
      const fresh = (await resource.findOne(record.id(), context)) ?? record;
      return {
        record: fresh.toJSON(currentAdmin),
        notice: { message: options.success, type: 'success' },
        redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: record.id(), actionName: 'show' }),
      };
    },
  };
}
