/**
 * Who the person writes to, from the To and Cc headers of their sent mail (the SENT label): the
 * known correspondents that auto-approve trusts. A first sync reads the latest sent messages; later
 * syncs read the sent messages that history reports since the cursor. Only metadata is fetched.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { headerValue, parseAddressList } from '../../content/gmail-payload';
import type { GoogleCaller } from '../google/google-call';
import type { ProviderSession } from '../provider';
import { getMany, type GetManyOptions } from './gmail-get-many';

/** Sent messages read on a first sync: enough to know the regular correspondents, cheap in quota. */
const SENT_SAMPLE = 50;
/** Sent messages read on a later sync (a burst of sent mail costs no more than this). */
const SENT_PER_SYNC = 200;

/** IDs of the latest sent messages (one list call). */
export async function listRecentSent(caller: GoogleCaller, api: gmail_v1.Gmail, units: number): Promise<string[]> {
  const page = await caller.run('messages.list (sent)', units, (headers) =>
    api.users.messages.list({ userId: 'me', labelIds: ['SENT'], maxResults: SENT_SAMPLE }, { headers }),
  );
  return (page.data.messages ?? []).flatMap((message) => (message.id ? [message.id] : []));
}

/** The addresses in the To and Cc headers of these sent messages (a message Gmail will not return is skipped). */
export async function recipientsOfSent(
  caller: GoogleCaller,
  session: ProviderSession,
  ids: readonly string[],
  options: Omit<GetManyOptions, 'format' | 'metadataHeaders' | 'onAnswer'>,
): Promise<string[]> {
  const addresses = new Set<string>();
  await getMany(caller, session, ids.slice(0, SENT_PER_SYNC), {
    ...options,
    format: 'metadata',
    metadataHeaders: ['To', 'Cc'],
    onAnswer: (_id, answer) => {
      if (!answer.ok) return;
      const payload = answer.message.payload;
      for (const person of [...parseAddressList(headerValue(payload, 'To')), ...parseAddressList(headerValue(payload, 'Cc'))]) {
        if (person.address) addresses.add(person.address.toLowerCase());
      }
    },
  });
  return [...addresses];
}
