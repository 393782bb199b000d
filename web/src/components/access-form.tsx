import { useState } from 'preact/hooks';
import { t } from '../i18n/translate.ts';
import { ViewHeading } from './view-heading.tsx';

interface Props {
  kind: 'code' | 'token';
  communityName: string;
  /** Resolves to an error message, or null when accepted. */
  onSubmit(value: string): Promise<string | null>;
}

/** Asks for the community's access code, or for the hub's API token when the hub requires one. */
export function AccessForm({ kind, communityName, onSubmit }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = kind === 'code' ? 'access' : 'token';
  const submit = async (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('secret') as HTMLInputElement;
    setBusy(true);
    const problem = await onSubmit(input.value);
    setBusy(false);
    setError(problem);
    if (problem) input.focus();
  };
  const field = { id: 'access-secret', name: 'secret', autocomplete: 'off', required: true, 'aria-describedby': 'access-explain', 'aria-invalid': error ? 'true' : 'false' } as const;
  return (
    <section aria-labelledby="access-heading" class="access">
      <ViewHeading id="access-heading">{kind === 'code' ? t('access.title', { name: communityName }) : t('token.title')}</ViewHeading>
      <p id="access-explain">{t(kind === 'code' ? 'access.explain' : 'token.explain')}</p>
      <form onSubmit={submit}>
        <label for="access-secret">{t(kind === 'code' ? 'access.label' : 'token.label')}</label>
        {kind === 'code' ? <input type="text" autocapitalize="characters" {...field} /> : <input type="password" {...field} />}
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{t(`${prefix}.submit` as 'access.submit')}</button>
      </form>
    </section>
  );
}
