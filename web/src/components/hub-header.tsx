import type { HubStatus } from '../api/answer-types.ts';
import { t } from '../i18n/translate.ts';
import { syncModeLabel } from '../lib/labels.ts';

/** The page title, the community, whether the hub is reachable and the instance's sync mode. */
export function HubHeader({ status, reachable }: { status: HubStatus | null; reachable: boolean }) {
  return (
    <header class="top">
      <h1>{t('app.name')}</h1>
      <p class="community">{status?.community ? t('status.community', { name: status.community.name }) : t('status.allCommunities')}</p>
      <p class="badges">
        <span class={`badge ${reachable ? 'ok' : 'down'}`} role="status" data-testid="connection">
          {t(reachable ? 'status.online' : 'status.offline')}
        </span>
        {status && <span class="badge" data-testid="sync-mode">{t('status.sync', { mode: syncModeLabel(status.sync.mode) })}</span>}
      </p>
    </header>
  );
}
