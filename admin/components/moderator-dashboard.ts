// Runs in the browser (bundled by AdminJS like reject-document-form.ts): the panel's home page.
import { Box, H2, Text } from '@adminjs/design-system';
import { ApiClient, ViewHelpers } from 'adminjs';
import React, { useEffect, useState } from 'react';
import type { DashboardData, DashboardSync, ModerationSummary } from '../panel/moderation-summary.ts';

const h = React.createElement;
const api = new ApiClient();

const CARDS: Array<{ key: keyof ModerationSummary; label: string; resourceId: string; search: string }> = [
  { key: 'pendingReview', label: 'documents wait for review', resourceId: 'documents', search: '?filters.status=pending_review' },
  { key: 'failedDocuments', label: 'documents failed to process', resourceId: 'documents', search: '?filters.status=failed' },
  { key: 'unansweredRecently', label: 'questions went unanswered this week', resourceId: 'question_log', search: '?filters.answered=false' },
  { key: 'notHelpfulRecently', label: 'answers were marked not helpful this week', resourceId: 'question_log', search: '?filters.feedback=not_helpful' },
  { key: 'openConflicts', label: 'sync conflicts are open', resourceId: 'sync_conflicts', search: '?filters.status=open' },
];

/** What needs a moderator now, each line linking to the filtered list. */
export default function ModeratorDashboard() {
  const [summary, setSummary] = useState<DashboardData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.getDashboard<DashboardData>().then((response) => setSummary(response.data), () => setFailed(true));
  }, []);
  const helpers = new ViewHelpers();
  return h(
    Box,
    { variant: 'container', m: 'xl' },
    h(H2, null, 'Moderation'),
    failed ? h(Text, null, 'The summary could not be loaded; the lists in the menu still work.') : null,
    ...CARDS.map((card) =>
      h(
        Text,
        { key: card.key, mt: 'default' },
        h('a', { href: helpers.resourceUrl({ resourceId: card.resourceId, search: card.search }) }, `${summary ? summary[card.key] : '…'} ${card.label}`),
      ),
    ),
    summary ? h(Text, { mt: 'xl' }, describeSync(summary.sync)) : null,
  );
}

const MODE_TEXT: Record<DashboardSync['mode'], string> = {
  standalone: 'Sync: this instance pulls from no server',
  normal: 'Sync: normal',
  offline: 'Sync: offline — the server cannot be reached; changes wait here and are sent when it is back',
  recovery: 'Sync: recovering — catching up with the server',
};

/** One line: the mode, the last success, what waits each way, and (on a server) the paired instances. */
function describeSync(sync: DashboardSync): string {
  const parts = [MODE_TEXT[sync.mode]];
  if (sync.mode !== 'standalone') {
    parts.push(sync.lastSuccessAt ? `last success ${new Date(sync.lastSuccessAt).toLocaleString()}` : 'never synced yet');
    parts.push(`${sync.pendingPush} change${sync.pendingPush === 1 ? '' : 's'} to send`);
    if (sync.pendingPull !== null) parts.push(`${sync.pendingPull} to receive`);
  }
  if (sync.peers > 0) parts.push(`${sync.peers} paired instance${sync.peers === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
