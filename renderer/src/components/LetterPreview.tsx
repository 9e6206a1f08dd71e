import type { MessagePreview } from '../../../shared/contract';

const postageLabels = { first: 'First class', second: 'Second class', economy: 'Economy' } as const;

interface LetterPreviewProps {
  preview: MessagePreview;
  addressLines: string[];
  contactBlock: string;
  postage: keyof typeof postageLabels;
}

/** An A4 page laid out like Notify's letters: the address sits where the envelope window is. */
export function LetterPreview({ preview, addressLines, contactBlock, postage }: LetterPreviewProps) {
  const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
  return (
    <figure className="nd-letter" aria-label="Letter preview">
      <div className="nd-letter__page">
        <div className="nd-letter__contact">{contactBlock}</div>
        <address className="nd-letter__address">
          <span className="govuk-visually-hidden">Address (shows through the envelope window): </span>
          {addressLines.map((line, index) => (
            <span key={index} className="nd-letter__address-line">
              {line}
            </span>
          ))}
        </address>
        <p className="nd-letter__date">{today}</p>
        {preview.subject && (
          // Notify's letter heading is HTML like the body (its text escaped, unfilled placeholders marked up).
          <h3 className="nd-letter__subject" dangerouslySetInnerHTML={{ __html: preview.subject }} />
        )}
        {preview.html !== null ? (
          // Notify's letter markup from the rules: every piece of the template's text in it is HTML-escaped, and
          // the page's CSP allows no inline script, so it is shown as it is (headings, lists, QR codes).
          <div className="nd-letter__body nd-letter__body--html" dangerouslySetInnerHTML={{ __html: preview.html }} />
        ) : (
          <div className="nd-letter__body">{preview.body}</div>
        )}
      </div>
      <figcaption className="govuk-body-s">Postage: {postageLabels[postage]}</figcaption>
    </figure>
  );
}
