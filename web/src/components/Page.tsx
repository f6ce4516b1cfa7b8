import { useEffect, type ReactNode } from 'react';

/** A page's one h1 (also the document title). */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · AutoBooking`;
  }, [title]);
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </>
  );
}
