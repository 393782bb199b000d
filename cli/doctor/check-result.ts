/** One line of `hub doctor`: `skip` means not configured, which is fine. */
export interface CheckResult {
  name: string;
  state: 'ok' | 'problem' | 'skip';
  detail: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, state: 'ok', detail });
export const problem = (name: string, detail: string): CheckResult => ({ name, state: 'problem', detail });
export const skip = (name: string, detail: string): CheckResult => ({ name, state: 'skip', detail });
