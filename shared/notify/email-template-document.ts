// The complete HTML email around a rendered body, laid out like Notify's emails: a hidden preheader, an
// optional GOV.UK banner or brand banner, and a 580px content column (table layout for email clients).

export interface EmailDocumentOptions {
  /** The body HTML from renderEmail. */
  html: string;
  preheader: string;
  /** The document title (the subject is a good choice). */
  title?: string;
  /** Show the black GOV.UK banner (default true). */
  govukBanner?: boolean;
  /** A coloured banner with the organisation's name, instead of or as well as the GOV.UK banner. */
  brandName?: string;
  brandColour?: string;
  /** Only a fragment (no doctype, head or body), for embedding in a preview. */
  fragmentOnly?: boolean;
}

const CONTENT_TABLE_ATTRIBUTES =
  'role="presentation" class="content" align="center" cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse: collapse;max-width: 580px; width: 100% !important;"';

function escapeAttributeOrText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function govukBanner(): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse: collapse;min-width: 100%;width: 100% !important;">
  <tr><td width="100%" height="53" bgcolor="#0b0c0c">
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" align="center" style="border-collapse: collapse;max-width: 580px;">
      <tr><td bgcolor="#0b0c0c" valign="middle" style="padding-left: 10px; font-family: Helvetica, Arial, sans-serif; font-size: 28px; line-height: 1.315789474; font-weight: 700;">
        <a href="https://www.gov.uk" title="Go to the GOV.UK homepage" style="text-decoration: none; color: #ffffff;">GOV.UK</a>
      </td></tr>
    </table>
  </td></tr>
</table>
<table ${CONTENT_TABLE_ATTRIBUTES}>
  <tr><td width="10" height="10"></td><td bgcolor="#1D70B8" height="10"></td><td width="10" height="10"></td></tr>
</table>`;
}

function brandBanner(name: string, colour: string): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse: collapse;min-width: 100%;width: 100% !important;">
  <tr><td width="100%" bgcolor="${escapeAttributeOrText(colour)}" style="padding: 14px 10px; font-family: Helvetica, Arial, sans-serif; font-weight: 700; font-size: 19px; line-height: 25px; color: #ffffff;">${escapeAttributeOrText(name)}</td></tr>
</table>`;
}

function emailFragment(options: EmailDocumentOptions): string {
  const banners = [
    options.govukBanner === false ? '' : govukBanner(),
    options.brandName ? brandBanner(options.brandName, options.brandColour ?? '#0b0c0c') : '',
  ].join('');
  return `<span style="display: none;font-size: 1px;color: #fff; max-height: 0;">${options.preheader}…</span>
${banners}
<table ${CONTENT_TABLE_ATTRIBUTES}>
  <tr><td height="30">&nbsp;</td></tr>
  <tr>
    <td width="10" valign="middle">&nbsp;</td>
    <td style="font-family: Helvetica, Arial, sans-serif; font-size: 19px; line-height: 1.315789474; max-width: 560px;">
      ${options.html}
    </td>
    <td width="10" valign="middle">&nbsp;</td>
  </tr>
  <tr><td height="30">&nbsp;</td></tr>
</table>`;
}

/** The full HTML document of an email, as previewed and as sent directly by SMTP. */
export function renderEmailDocument(options: EmailDocumentOptions): string {
  const fragment = emailFragment(options);
  if (options.fragmentOnly) return fragment;
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
<head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
  <meta name="viewport" content="width=device-width" />
  <meta content="telephone=no" name="format-detection" />
  <title>${escapeAttributeOrText(options.title ?? '')}</title>
  <style type="text/css">
    @media only screen and (min-device-width: 581px) { .content { width: 580px !important; } }
    body { margin: 0 !important; }
  </style>
</head>
<body style="font-family: Helvetica, Arial, sans-serif;font-size: 16px;margin: 0;color:#0b0c0c;">
${fragment}
</body>
</html>
`;
}
