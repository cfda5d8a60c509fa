/**
 * Line patterns that mark where a person's own words end in an email: reply attributions ("On ...
 * wrote:") in a few languages, Outlook header blocks, forward markers, signatures, mobile footers,
 * legal disclaimers, and strings that imitate prompt delimiters. Every pattern is anchored and
 * length-bounded so a long line cannot make it backtrack for long.
 */

// "On <date>, <name> wrote:" and its translations; the whole attribution is at most a few hundred characters.
const ATTRIBUTIONS: RegExp[] = [
  /^\s*On\s.{0,300}\swrote\s*:\s*$/i,
  /^\s*Am\s.{0,300}\sschrieb\s.{0,200}:\s*$/i,
  /^\s*Am\s.{0,300}\sschrieb\s*:\s*$/i,
  /^\s*Le\s.{0,300}\sa\s[ée]crit\s*:\s*$/i,
  /^\s*El\s.{0,300}\sescribi[óo]\s*:\s*$/i,
  /^\s*Il\s.{0,300}\sha\sscritto\s*:\s*$/i,
  /^\s*(?:Em|No dia)\s.{0,300}\sescreveu\s*:\s*$/i,
  /^\s*Op\s.{0,300}\sschreef\s.{0,200}:\s*$/i,
  /^\s*Op\s.{0,300}\sschreef\s*:\s*$/i,
  /^\s*(?:Den|På)\s.{0,300}\sskrev\s.{0,200}:\s*$/i,
  /^\s*(?:Den|På)\s.{0,300}\sskrev\s*:\s*$/i,
  /^\s*(?:W dniu|Dnia)\s.{0,300}\snapisał(?:a|\(a\))?\s*:\s*$/i,
  /^.{0,300}\s(?:написал|написала|написал\(а\)|пишет)\s*:\s*$/i,
  /^.{0,300}(?:のメッセージ|のメール|は書きました|書きました)\s*[:：]\s*$/,
  /^.{0,300}(?:写道|寫道)\s*[:：]\s*$/,
];

// Openers of attributions that mail clients wrap over two or three lines.
const ATTRIBUTION_OPENER = /^\s*(?:On|Am|Le|El|Il|Em|No dia|Op|Den|På|W dniu|Dnia)\s/i;

// "Name <a@b> wrote:" without a date, or any line ending in "<a@b>:" (Gmail in languages we do not
// list): only trusted when quoted lines follow.
const BARE_ATTRIBUTION = /^.{1,200}\s(?:wrote|schrieb|a [ée]crit|escribi[óo]|ha scritto|escreveu|schreef|skrev|napisał)\s*:\s*$/i;
const ADDRESS_ATTRIBUTION = /^.{0,300}<[^<>\s@]{1,100}@[^<>\s]{1,200}>\s*[:：]\s*$/;

/** A quoted line ("> ..."). */
export const QUOTED_LINE = /^\s*>/;

/** "-----Original Message-----" in the languages Outlook ships. */
export const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Mensagem original|Originalmeddelande|Opprinnelig melding|Oprindelig meddelelse|Wiadomość oryginalna|Исходное сообщение)\s*-{2,}\s*$/i;

/** Markers of an inline forward ("Begin forwarded message:", "---------- Forwarded message ---------"). */
export const FORWARD_MARKER =
  /^\s*(?:-{2,}\s*)?(?:Begin forwarded message|Forwarded message|Forwarded Message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Mensagem encaminhada|Vidarebefordrat meddelande|Videresendt melding|Videresendt meddelelse|Przekazana wiadomość|Пересылаемое сообщение)\s*(?::\s*)?(?:-{2,}\s*)?$/i;

/** Lotus Notes forwards: "----- Forwarded by Jane Doe/HOU/ECT on 12/13/2000 04:18 PM -----" (the dashes may wrap). */
export const LOTUS_FORWARD = /^\s*-{2,}\s*Forwarded by\s.{0,200}$/i;

/** A date and time as Lotus Notes writes it above a quoted header block ("12/13/2000 04:03 PM"). */
const LOTUS_DATE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\s{1,4}\d{1,2}:\d{2}(?::\d{2})?\s?(?:AM|PM)\b/i;
const LOTUS_TO = /^\s*To:\s*\S/i;
const LOTUS_SUBJECT = /^\s*Subject:/i;

/** A header line inside a forwarded or Outlook-quoted block (From:, Sent:, To:, Subject: ... in several languages). */
const HEADER_FROM = /^\s*\*?(?:From|De|Von|Van|Da|Från|Fra|Od|От|Lähettäjä)\s*(?:\*\s*)?:\s*\S/i;
const HEADER_SENT = /^\s*\*?(?:Sent|Date|Envoyé|Gesendet|Datum|Enviado|Fecha|Data|Verzonden|Skickat|Sendt|Wysłano|Отправлено|Lähetetty)\s*(?:\*\s*)?:/i;
const HEADER_TO = /^\s*\*?(?:To|À|A|An|Para|Aan|Till|Til|Do|Кому|Vastaanottaja|Cc)\s*(?:\*\s*)?:/i;
const HEADER_SUBJECT = /^\s*\*?(?:Subject|Objet|Betreff|Asunto|Oggetto|Onderwerp|Assunto|Ämne|Emne|Temat|Тема|Aihe)\s*(?:\*\s*)?:(.*)$/i;
const FORWARD_SUBJECT = /^\s*(?:Fwd?|FW|WG|TR|RV|I|VS|Doorst|Enc|PD|ПЕР)\s*:/i;

/** Any header-looking line of a forwarded block, for skipping the block as a whole. */
export function isHeaderLine(line: string): boolean {
  return HEADER_FROM.test(line) || HEADER_SENT.test(line) || HEADER_TO.test(line) || HEADER_SUBJECT.test(line);
}

/** Number of lines of the reply attribution starting at `index` (1-3), or 0 when there is none. */
export function attributionLength(lines: readonly string[], index: number): number {
  const first = lines[index]!;
  if (first.length > 400) return 0;
  if (ATTRIBUTIONS.some((pattern) => pattern.test(first))) return 1;
  if (ATTRIBUTION_OPENER.test(first)) {
    for (let k = 2; k <= 3 && index + k <= lines.length; k++) {
      const joined = lines.slice(index, index + k).join(' ');
      if (joined.length <= 400 && ATTRIBUTIONS.some((pattern) => pattern.test(joined))) return k;
    }
  }
  if (BARE_ATTRIBUTION.test(first) || ADDRESS_ATTRIBUTION.test(first)) {
    const next = lines.slice(index + 1, index + 4).find((line) => line.trim() !== '');
    if (next !== undefined && QUOTED_LINE.test(next)) return 1;
  }
  return 0;
}

/**
 * Outlook's quoted header block at `index` (From:, then Subject and Sent/Date or To within a few
 * lines): 'reply', 'forward' (its Subject starts with FW:/Fwd:...), or null.
 */
export function outlookBlockAt(lines: readonly string[], index: number): 'reply' | 'forward' | null {
  if (!HEADER_FROM.test(lines[index]!)) return null;
  let sent = false;
  let to = false;
  let subject: string | null = null;
  for (let j = index + 1; j < Math.min(lines.length, index + 8); j++) {
    const line = lines[j]!;
    if (HEADER_SENT.test(line)) sent = true;
    else if (HEADER_TO.test(line)) to = true;
    else {
      const match = HEADER_SUBJECT.exec(line);
      if (match) subject = match[1]!;
    }
  }
  // Subject is required: itineraries and forms also have From:/To:/Date: lines, but not a Subject.
  if (subject === null || !(sent || to)) return null;
  return subject !== null && FORWARD_SUBJECT.test(subject) ? 'forward' : 'reply';
}

/**
 * True when a Lotus Notes header block starts at `index`: a sender line and/or a date line, then
 * "To:" and "Subject:" within a few lines (Notes quotes the earlier message below such a block).
 */
export function lotusBlockAt(lines: readonly string[], index: number): boolean {
  const first = lines[index]!;
  if (first.length > 300 || first.trim() === '') return false;
  // The block opens with the sender ("Jane Doe@ENRON", "\"Sam\" <s@x> on 05/14/2001 09:00:00 AM") or the date.
  let dateAt = -1;
  for (let j = index; j < Math.min(lines.length, index + 2); j++) {
    if (lines[j]!.length <= 300 && LOTUS_DATE.test(lines[j]!)) {
      dateAt = j;
      break;
    }
  }
  if (dateAt < 0) return false;
  for (let j = dateAt + 1; j < Math.min(lines.length, dateAt + 5); j++) {
    if (!LOTUS_TO.test(lines[j]!)) continue;
    for (let k = j + 1; k < Math.min(lines.length, j + 7); k++) if (LOTUS_SUBJECT.test(lines[k]!)) return true;
    return false;
  }
  return false;
}

/** The line that opens a mailing list's footer ("openbmc mailing list", "You received this message because..."). */
export const LIST_FOOTER = /^\s*(?:\S{1,60} mailing list\s*$|You received this message because you are subscribed to|To unsubscribe from this group)/i;

/** The RFC 3676 signature delimiter ("-- ", often sent without its space). */
export const SIGNATURE_DELIMITER = /^-- ?$/;

/** Footers mobile mail apps append ("Sent from my iPhone", "Get Outlook for Android", translations). */
export const MOBILE_FOOTER = new RegExp(
  '^\\s*(?:' +
    [
      'Sent from my \\S.{0,60}',
      'Sent from (?:Mail|Outlook|Yahoo Mail|Gmail|AOL|Proton ?Mail|Samsung (?:Mail|Email))(?: (?:for|on) .{0,40})?',
      'Get Outlook for (?:iOS|Android|Mac|Windows)\\S?',
      'Sent (?:via|with) (?:BlackBerry|Proton ?Mail|Superhuman|Spark|Hey|the .{0,30} app).{0,40}',
      'Von meinem .{1,40} gesendet',
      'Envoyé de mon .{1,40}',
      'Enviado (?:desde|de) mi .{1,40}',
      'Inviato da .{1,30}(?:iPhone|iPad|Android|smartphone|Samsung|Outlook|Mail).{0,20}',
      'Verzonden (?:vanaf|met) mijn .{1,40}',
      'Skickat från min .{1,40}',
      'Sendt fra min .{1,40}',
      'Enviado do meu .{1,40}',
      'Wysłane z mojego .{1,40}',
      'Отправлено с .{1,40}',
    ].join('|') +
    ')\\s*$',
  'i',
);

/** The first line of a legal disclaimer; everything from it to the end of the part is boilerplate. */
export const DISCLAIMER = new RegExp(
  '^\\s*(?:\\*+\\s*)?(?:' +
    [
      '(?:CONFIDENTIALITY|CONFIDENTIAL)(?: NOTICE| NOTE| STATEMENT)?\\s*[:\\-*]',
      '(?:DISCLAIMER|LEGAL NOTICE|LEGAL DISCLAIMER|IMPORTANT NOTICE)\\s*[:\\-*]',
      'This (?:e-?mail|message|communication|transmission)(?: \\(including any attachments\\)| and any (?:files|attachments|documents)(?: transmitted with it)?|,? including any attachments,?)? (?:is|are|may be|contains?|may contain) (?:strictly )?(?:confidential|privileged|intended (?:solely|only)|proprietary)',
      'The (?:information|content|contents) (?:contained )?in this (?:e-?mail|message|communication|transmission)(?: and any attachments)? (?:is|are|may be) (?:strictly )?(?:confidential|privileged|intended)',
      'If you (?:are not the intended recipient|have received this (?:e-?mail|message|communication) (?:in error|by mistake))',
      'Please consider the environment before printing',
      'Diese (?:E-Mail|Nachricht) (?:enthält|kann) vertrauliche',
      'Ce (?:message|courriel|e-mail) (?:et (?:toutes )?les pièces jointes )?(?:est|sont) (?:strictement )?confidentiel',
    ].join('|') +
    ')',
  'i',
);

/** A closing line ("Best regards,", "Thanks,") that starts a short sign-off block. */
export const VALEDICTION =
  /^\s*(?:thanks|thank you|many thanks|thanks again|thx|cheers|best|best regards|best wishes|kind regards|warm regards|warmest regards|regards|sincerely|yours|yours truly|yours sincerely|all the best|talk soon|br|mit freundlichen grüßen|viele grüße|beste grüße|liebe grüße|cordialement|bien à vous|bien cordialement|saludos|un saludo|atentamente|cordiali saluti|distinti saluti|met vriendelijke groet(?:en)?|groeten|med vänliga hälsningar|vänliga hälsningar|med venlig hilsen|atenciosamente|abraços|pozdrawiam|с уважением)\s*(?:[,.!]\s*)?$/i;

const SIGN_OFF_NAME = /^[ \t]*(?:[-–—][ \t]*)?[A-Z][\w.'-]{0,30}(?:[ \t]{1,3}[A-Z][\w.'-]{0,30}){0,2}[ \t]*$/;

/** A closing line, alone ("Best regards,") or with the sender's name after a comma or dash ("Thanks, Sam"). */
export function isValediction(line: string): boolean {
  if (line.length > 80) return false;
  if (VALEDICTION.test(line)) return true;
  const cut = line.search(/[,–—]|\s-\s/);
  if (cut <= 0) return false;
  return VALEDICTION.test(line.slice(0, cut)) && SIGN_OFF_NAME.test(line.slice(cut + 1).replace(/^\s*-\s/, ''));
}

// Strings shaped like the boundaries of a prompt or a chat template.
// Only [ \t] as spacing: \s would let a multiline ^ pattern run across blank lines and go quadratic.
const FAKE_DELIMITERS: RegExp[] = [
  /^[ \t]*<\/?[ \t]*(?:e-?mail|message|mail|document|data|content|context|input|output|item|items|untrusted[\w-]{0,40}|user|assistant|system|developer|instructions?|prompt|tool|function|result|human|ai|inst)\b[^>\n]{0,80}>[ \t]*$/im,
  /<\|[ \t]*[a-z_]{2,30}[ \t]*\|>/i,
  /\[\/?[ \t]*(?:INST|SYS|SYSTEM|USER|ASSISTANT)[ \t]*\]/i,
  /<<[ \t]*(?:\/[ \t]*)?SYS[ \t]*>>/i,
  /<\/?[ \t]*(?:start_of_turn|end_of_turn)[ \t]*>/i,
  /^[ \t]*(?:<{2,}|>{3,}|\[{2,}|={3,}|-{3,}|\*{3,}|#{3,})[ \t]*(?:END|BEGIN|START|STOP)\b(?![ \t]+PGP)/im,
  /^[ \t]*<{2,}[ \t]*[A-Z][A-Z_ -]{1,40}[ \t]*>{2,}[ \t]*$/m,
  /(?<!<)<{2,}[ \t]*(?:\/[ \t]*)?(?:END|BEGIN|START|STOP|SYSTEM|USER|ASSISTANT|E-?MAIL|DATA|INSTRUCTIONS?|CONTEXT|INPUT)\b[^<>\n]{0,40}>{2,}/i,
  /^[ \t]*#{1,6}[ \t]*(?:system|assistant|user|developer|instructions?|human|ai|prompt)[ \t]*(?::[ \t]*)?$/im,
  /^[ \t]*(?:SYSTEM|ASSISTANT|DEVELOPER)(?: PROMPT| MESSAGE| INSTRUCTIONS?)?[ \t]*:/m,
  /^[ \t]*(?:system|assistant|developer) (?:prompt|message|instructions?)[ \t]*:/im,
  /^[ \t]*(?:END OF (?:E-?MAIL|MESSAGE|DATA|INPUT|CONTEXT|DOCUMENT|INSTRUCTIONS)|BEGIN (?:SYSTEM|NEW) (?:PROMPT|INSTRUCTIONS?))\b/im,
  /```[ \t]*(?:system|instructions?|prompt)\b/i,
];

/** True when the text contains something that imitates a prompt delimiter or a role marker. */
export function hasFakeDelimiter(text: string): boolean {
  return FAKE_DELIMITERS.some((pattern) => pattern.test(text));
}
