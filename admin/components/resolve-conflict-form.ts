// Runs in the browser (bundled by AdminJS like reject-document-form.ts): settles one sync conflict.
import { Box, Button, FormGroup, Input, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient, flat, useActionResponseHandler, type ActionProps } from 'adminjs';
import React, { useState, type FormEvent } from 'react';

const h = React.createElement;
const api = new ApiClient();

interface Version {
  snapshot: Record<string, unknown> | null;
  deleted: boolean;
  changedBy: string;
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Both versions side by side, the fields that differ first, with the three choices: keep the version
 * in use (the provisional winner, the same on every instance), keep the other one, or edit and keep.
 * Text fields that differ can be edited in place; the edit is saved over the version in use.
 */
export default function ResolveConflictForm({ resource, record, action }: ActionProps) {
  const params = flat.unflatten(record?.params ?? {}) as { winnerVersion?: Version; otherVersion?: Version; status?: string; entityType?: string };
  const winner = params.winnerVersion?.snapshot ?? {};
  const other = params.otherVersion?.snapshot ?? {};
  const fields = [...new Set([...Object.keys(winner), ...Object.keys(other)])];
  const differing = fields.filter((field) => shown(winner[field]) !== shown(other[field]));
  const editable = differing.filter((field) => typeof (winner[field] ?? other[field]) === 'string');
  const [edits, setEdits] = useState<Record<string, string>>(() => Object.fromEntries(editable.map((field) => [field, String(winner[field] ?? '')])));
  const [busy, setBusy] = useState(false);
  const handleResponse = useActionResponseHandler();
  if (!record) return null;

  const send = async (choice: 'winner' | 'other' | 'edited') => {
    setBusy(true);
    try {
      const data = choice === 'edited' ? { choice, edited: JSON.stringify(edits) } : { choice };
      handleResponse(await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'post', data }));
    } finally {
      setBusy(false);
    }
  };
  const submitEdit = (event: FormEvent) => {
    event.preventDefault();
    void send('edited');
  };
  const describe = (version: Version | undefined) => (version?.deleted ? 'deleted' : `changed on ${version?.changedBy ?? '?'}`);

  return h(
    Box,
    { as: 'form', onSubmit: submitEdit, variant: 'container' },
    h(Text, { mb: 'lg' }, `This ${params.entityType ?? 'record'} was changed on two instances that could not talk. Every instance shows the version in use until you choose.`),
    h(
      Table,
      { mb: 'xl' },
      h(TableHead, null, h(TableRow, null, h(TableCell, null, 'Field'), h(TableCell, null, `In use (${describe(params.winnerVersion)})`), h(TableCell, null, `Other (${describe(params.otherVersion)})`))),
      h(
        TableBody,
        null,
        ...[...differing, ...fields.filter((field) => !differing.includes(field))].map((field) =>
          h(
            TableRow,
            { key: field },
            h(TableCell, null, differing.includes(field) ? h('strong', null, field) : field),
            h(TableCell, null, shown(winner[field])),
            h(TableCell, null, shown(other[field])),
          ),
        ),
      ),
    ),
    params.status === 'open'
      ? h(
          Box,
          null,
          h(Button, { type: 'button', mr: 'default', disabled: busy, onClick: () => void send('winner') }, 'Keep the version in use'),
          h(Button, { type: 'button', mr: 'default', disabled: busy, onClick: () => void send('other') }, 'Keep the other version'),
          editable.length > 0 &&
            h(
              Box,
              { mt: 'xl' },
              h(Text, { mb: 'default' }, 'Or edit the fields that differ and keep your edit:'),
              ...editable.map((field) =>
                h(
                  FormGroup,
                  { key: field },
                  h(Label, { htmlFor: `edit-${field}` }, field),
                  h(Input, { id: `edit-${field}`, width: 1, value: edits[field] ?? '', onChange: (event: { target: { value: string } }) => setEdits({ ...edits, [field]: event.target.value }) }),
                ),
              ),
              h(Button, { type: 'submit', variant: 'contained', disabled: busy }, 'Save my edit and keep it'),
            ),
        )
      : h(Text, null, 'This conflict is resolved.'),
  );
}
