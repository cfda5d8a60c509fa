/**
 * The Events API `event` objects Slack sends for workspace changes the signed-in person can see:
 * `message` (with `channel_type`), its `message_changed` / `message_deleted` subtypes, and
 * `reaction_added`, each only when the app subscribed to it (message.im, message.mpim,
 * message.channels, message.groups, reaction_added), shaped as in Slack's event reference.
 */
import { type ChannelKind, type StoredChannel, type StoredMessage, type Workspace, type WorkspaceChange } from './workspace';

const channelTypes: Record<ChannelKind, { type: string; subscription: string }> = {
  im: { type: 'im', subscription: 'message.im' },
  mpim: { type: 'mpim', subscription: 'message.mpim' },
  public_channel: { type: 'channel', subscription: 'message.channels' },
  private_channel: { type: 'group', subscription: 'message.groups' },
};

function messageObject(ws: Workspace, message: StoredMessage, text = message.text): Record<string, unknown> {
  const json: Record<string, unknown> = { type: 'message', user: message.user, text, ts: message.ts, team: ws.team.id, client_msg_id: message.clientMsgId };
  if (message.threadTs) {
    json.thread_ts = message.threadTs;
    const channel = ws.channels.get(message.channel);
    json.parent_user_id = channel ? ws.message(channel, message.threadTs)?.user : undefined;
  }
  return json;
}

/** The `event` for a change, or undefined when the app would not hear of it. */
export function eventForChange(ws: Workspace, change: WorkspaceChange, subscriptions: ReadonlySet<string>): Record<string, unknown> | undefined {
  const channel: StoredChannel | undefined = ws.channels.get(change.message.channel);
  // User-token events cover only conversations the authorising person is in.
  if (!channel || !channel.members.has(ws.selfId)) return undefined;
  const kind = channelTypes[channel.kind];
  if (change.kind === 'reacted') {
    if (!subscriptions.has('reaction_added')) return undefined;
    return { type: 'reaction_added', user: change.user, reaction: change.name, item_user: change.message.user, item: { type: 'message', channel: channel.id, ts: change.message.ts }, event_ts: change.eventTs };
  }
  if (!subscriptions.has(kind.subscription)) return undefined;
  const common = { channel: channel.id, channel_type: kind.type };
  switch (change.kind) {
    case 'posted':
      return { ...messageObject(ws, change.message), ...common, event_ts: change.message.ts };
    case 'edited':
      return {
        type: 'message', subtype: 'message_changed', hidden: true, ...common, ts: change.eventTs, event_ts: change.eventTs,
        message: { ...messageObject(ws, change.message), edited: { ...change.message.edited } },
        previous_message: messageObject(ws, change.message, change.previousText),
      };
    case 'deleted':
      return {
        type: 'message', subtype: 'message_deleted', hidden: true, ...common, ts: change.eventTs, event_ts: change.eventTs,
        deleted_ts: change.message.ts, previous_message: messageObject(ws, change.message),
      };
  }
}
