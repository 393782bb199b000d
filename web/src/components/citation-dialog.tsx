import { useEffect, useRef } from 'preact/hooks';
import type { Citation } from '../api/answer-types.ts';
import { communityQuery, savedToken } from '../api/hub-client.ts';
import { t } from '../i18n/translate.ts';
import { citationSection, citationTitle, formatPages } from '../lib/labels.ts';

interface Props {
  open: { citation: Citation; n: number } | null;
  community: string | null;
  onClose(): void;
}

/** The cited passage: title, section, page, the quoted text, and the original file (a PDF at that page). */
export function CitationDialog({ open, community, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  const citation = open?.citation;
  const section = citation && citationSection(citation);
  return (
    <dialog ref={dialog} class="citation" aria-labelledby="citation-heading" onClose={onClose}>
      {citation && open && (
        <article>
          <h2 id="citation-heading">{t('citation.title', { n: open.n })}: {citationTitle(citation)}</h2>
          <dl>
            {section && [<dt key="s">{t('citation.section')}</dt>, <dd key="sd">{section}</dd>]}
            {citation.pages.length > 0 && [
              <dt key="p">{t(citation.pages.length > 1 ? 'citation.pages' : 'citation.page')}</dt>,
              <dd key="pd">{formatPages(citation.pages)}</dd>,
            ]}
          </dl>
          <h3 class="sr-only">{t('citation.quote')}</h3>
          <blockquote class="passage">{citation.snippet}</blockquote>
          <OriginalLink citation={citation} community={community} />
          <form method="dialog">
            <button type="submit" class="primary">{t('citation.close')}</button>
          </form>
        </article>
      )}
    </dialog>
  );
}

function OriginalLink({ citation, community }: { citation: Citation; community: string | null }) {
  const original = citation.original;
  if (!original) return <p class="note">{t('citation.noFile')}</p>;
  const page = citation.pages[0];
  const isPdf = original.fileType === 'pdf';
  const href = `${original.url}${communityQuery(community)}${isPdf && page ? `#page=${page}` : ''}`;
  const label = isPdf ? (page ? t('citation.openPdf', { page }) : t('citation.openPdfNoPage')) : t('citation.download', { type: original.fileType.toUpperCase() });
  return (
    <p>
      <a class="original" href={href} target="_blank" rel="noopener" onClick={(event) => openWithToken(event, href)}>
        {label}
      </a>
    </p>
  );
}

/** A plain link cannot carry the API token: with one, fetch the file and open it from memory at the same page. */
function openWithToken(event: MouseEvent, href: string): void {
  const token = savedToken();
  if (!token) return;
  event.preventDefault();
  const opened = window.open('', '_blank');
  const [path, fragment] = href.split('#');
  void fetch(path!, { headers: { authorization: `Bearer ${token}` } })
    .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(response.statusText))))
    .then((blob) => {
      const url = URL.createObjectURL(blob) + (fragment ? `#${fragment}` : '');
      if (opened) opened.location.href = url;
    })
    .catch(() => opened?.close());
}
