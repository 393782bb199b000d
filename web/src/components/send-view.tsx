import { useState } from 'preact/hooks';
import { t } from '../i18n/translate.ts';
import { formatBytes } from '../lib/labels.ts';
import type { UploadEntry } from '../store/entries.ts';
import { ViewHeading } from './view-heading.tsx';

interface Props {
  uploads: UploadEntry[];
  sending: ReadonlySet<string>;
  maxBytes: number | null;
  onSend(file: File): void;
}

/** Sends a document for moderation; what was sent from this device, and what still waits, below. */
export function SendView({ uploads, sending, maxBytes, onSend }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('file') as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return input.focus();
    if (maxBytes !== null && file.size > maxBytes) return setProblem(t('send.tooLarge', { max: formatBytes(maxBytes) }));
    setProblem(null);
    onSend(file);
    form.reset();
  };
  return (
    <section aria-labelledby="send-heading">
      <ViewHeading id="send-heading">{t('send.title')}</ViewHeading>
      <p id="send-explain">{t('send.explain')}</p>
      <form class="send" onSubmit={submit}>
        <label for="send-file">{t('send.file')}</label>
        <input id="send-file" name="file" type="file" required aria-describedby="send-explain" />
        {problem && <p class="error" role="alert">{problem}</p>}
        <button type="submit" class="primary">{t('send.submit')}</button>
      </form>
      <h3>{t('send.history')}</h3>
      {uploads.length === 0 ? (
        <p>{t('send.none')}</p>
      ) : (
        <ul class="uploads">
          {[...uploads].reverse().map((upload) => (
            <li key={upload.id} class={`upload upload-${upload.state}`}>
              {describeUpload(upload, sending.has(upload.id))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function describeUpload(upload: UploadEntry, sending: boolean): string {
  const name = upload.filename;
  if (upload.state === 'failed') return t('send.failed', { name, message: upload.error ?? '' });
  if (upload.state === 'queued') return t(sending ? 'send.sending' : 'send.queued', { name });
  return t(upload.receipt?.duplicate ? 'send.duplicate' : 'send.pending', { name });
}
