import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A view's heading; it takes the focus when the view opens, so keyboard and screen reader users land there. */
export function ViewHeading({ id, children, focus = true }: { id: string; children: ComponentChildren; focus?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus && document.body.dataset.viewChanged === 'yes') heading.current?.focus();
  }, []);
  return (
    <h2 id={id} ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}
