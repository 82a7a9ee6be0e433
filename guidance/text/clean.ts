/**
 * Strip what is not the customer's new words from a message: quoted history ("On … wrote:",
 * "> " lines, "-----Original Message-----", "From: … Sent: …" headers) and signatures ("-- ",
 * "Sent from my iPhone", a "Best regards" sign-off followed by a few short lines).
 * Conservative: when unsure, keep the text.
 */

const QUOTE_HEADERS: RegExp[] = [
  /^\s*On\b.{0,200}\bwrote:\s*$/im,
  /^\s*Am\b.{0,200}\bschrieb\b.{0,120}:\s*$/im,
  /^\s*Le\b.{0,200}\ba écrit\s*:\s*$/im,
  /^\s*El\b.{0,200}\bescribió:\s*$/im,
  /^\s*Op\b.{0,200}\bschreef\b.{0,120}:\s*$/im,
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Forwarded message|Message d'origine)\s*-{2,}\s*$/im,
  /^\s*_{5,}\s*$/m,
  /^\s*From:\s.+\n\s*(?:Sent|Date):\s.+$/im,
  /^\s*Von:\s.+\n\s*(?:Gesendet|Datum):\s.+$/im,
];

const SIGNATURE_LINE = /^\s*(?:--\s*|—\s*)$/m;
const SENT_FROM = /^\s*(?:Sent from my\b.*|Get Outlook for\b.*|Sent from Mail for\b.*|Von meinem .* gesendet|Gesendet von meinem\b.*|Envoyé de mon\b.*|Enviado desde mi\b.*)$/im;
const SIGN_OFF =
  /^\s*(?:best(?: regards| wishes)?|kind regards|warm regards|many thanks|thanks(?: again| so much| in advance)?|thank you(?: in advance)?|regards|cheers|sincerely|yours(?: sincerely| truly)?|all the best|mit freundlichen grüßen|viele grüße|beste grüße|liebe grüße|lg|mfg|cordialement|bien à vous|saludos|un saludo|met vriendelijke groet)\s*[,.!]?\s*$/im;

/** Remove quoted history and signatures from one message. */
export function stripQuotedAndSignature(text: string): string {
  let out = text.replace(/\r\n?/g, '\n');
  // Cut at the first quote header.
  let cut = out.length;
  for (const re of QUOTE_HEADERS) {
    const m = re.exec(out);
    if (m !== null && m.index < cut && m.index > 0) cut = m.index;
  }
  out = out.slice(0, cut);
  // Drop "> " quoted lines.
  if (out.includes('>')) out = out.split('\n').filter((l) => !/^\s*>/.test(l)).join('\n');
  // Signature delimiter / "Sent from my …".
  for (const re of [SIGNATURE_LINE, SENT_FROM]) {
    const m = re.exec(out);
    if (m !== null && m.index > 0) out = out.slice(0, m.index);
  }
  // A sign-off line followed only by a few short lines (name, title, phone) at the end.
  const lines = out.split('\n');
  for (let i = lines.length - 1; i >= 1 && i >= lines.length - 7; i--) {
    if (SIGN_OFF.test(lines[i]!)) {
      const tail = lines.slice(i + 1).filter((l) => l.trim().length > 0);
      if (tail.length <= 5 && tail.every((l) => l.trim().length <= 60)) {
        out = lines.slice(0, i).join('\n');
      }
      break;
    }
  }
  return out.trim();
}
