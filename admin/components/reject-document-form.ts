// Runs in the browser: AdminJS bundles this file (Babel strips the types) into .adminjs/bundle.js.
// Written with createElement rather than JSX so the project's TypeScript and lint settings apply as is.
import { Box, Button, FormGroup, Label, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, useActionResponseHandler, type ActionProps } from 'adminjs';
import React, { useState, type FormEvent } from 'react';

const h = React.createElement;
const api = new ApiClient();

/** Asks why before rejecting: the reason is stored on the document for the uploader and other moderators. */
export default function RejectDocumentForm({ resource, record, action }: ActionProps) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const handleResponse = useActionResponseHandler();
  if (!record) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'post', data: { reason } });
      handleResponse(response);
    } finally {
      setBusy(false);
    }
  };

  return h(
    Box,
    { as: 'form', onSubmit: submit, variant: 'container' },
    h(Text, { mb: 'lg' }, `Reject "${record.title}"? Its passages stop being searchable at once.`),
    h(
      FormGroup,
      null,
      h(Label, { htmlFor: 'reject-reason', required: true }, 'Reason (shown to other moderators)'),
      h(TextArea, { id: 'reject-reason', name: 'reason', rows: 4, width: 1, value: reason, onChange: (event: { target: { value: string } }) => setReason(event.target.value) }),
    ),
    h(Button, { type: 'submit', variant: 'contained', color: 'danger', disabled: busy || reason.trim() === '' }, 'Reject document'),
  );
}
