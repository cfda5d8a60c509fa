/**
 * Slack's push channel: one Socket Mode connection for the app-level token (Slack delivers the
 * events of every person who authorised the app over it), each event routed to the account of its
 * workspace and user. On every (re)connect the accounts catch up from their cursor, since events
 * sent while the socket was away may be lost. While the socket is down the card says so and the
 * regular schedule keeps polling.
 */
import type { IntegrationRecord } from '../../db/integration-repository';
import type { RealtimeDeps, RealtimeListener, RealtimeStatus } from '../provider';
import { eventRoute, parseSlackEvent } from './slack-events';
import { createSocketModeConnection, type SocketModeConnection } from './socket-mode-connection';

const LIVE_NOTE = 'Live: new messages arrive within seconds over Socket Mode.';
const NO_TOKEN_NOTE = 'Add the Slack app’s app-level token (xapp-…) in Settings to get new messages within seconds.';

function accountParts(integration: IntegrationRecord): { teamId: string; userId: string } | null {
  const [teamId, userId] = (integration.accountId ?? '').split(':');
  return teamId && userId ? { teamId, userId } : null;
}

/** Creates Slack's realtime listener. */
export function createSlackRealtime(deps: RealtimeDeps): RealtimeListener {
  const logger = deps.context.logger.child('slack-socket');
  let served: IntegrationRecord[] = [];
  let token: string | null = null;
  let connection: SocketModeConnection | null = null;
  let status: RealtimeStatus = { mode: 'polling', note: NO_TOKEN_NOTE };

  const pollingNote = (reason: string) => {
    const minutes = Math.min(...served.map((integration) => integration.syncFrequencyMinutes));
    return `${reason} Until it is back, Slack is checked every ${Number.isFinite(minutes) ? minutes : 15} minutes.`;
  };
  const report = () => {
    for (const integration of served) deps.sink.status(integration.id, status);
  };

  function route(body: unknown): void {
    const event = parseSlackEvent(body);
    const target = eventRoute(body);
    if (!event || !target) return;
    for (const integration of served) {
      const account = accountParts(integration);
      if (!account || account.teamId !== target.teamId) continue;
      if (target.userIds.length > 0 && !target.userIds.includes(account.userId)) continue;
      deps.sink.changed(integration.id, [event]);
    }
  }

  function connect(appToken: string): SocketModeConnection {
    const next = createSocketModeConnection({
      appToken,
      env: deps.context.env,
      logger,
      sleep: deps.sleep,
      onEvent: route,
      onConnected: () => {
        status = { mode: 'push', note: LIVE_NOTE };
        report();
        // Whatever happened while the socket was away is read from the cursor.
        for (const integration of served) deps.sink.catchUp(integration.id);
      },
      onDown: ({ note, retryInMs }) => {
        const when = retryInMs < 2000 ? 'now' : `in ${Math.round(retryInMs / 1000)} s`;
        status = { mode: 'polling', note: pollingNote(`${note} Trying again ${when}.`) };
        report();
      },
    });
    next.start();
    return next;
  }

  return {
    async reconcile(integrations) {
      served = integrations.filter((integration) => integration.status === 'connected');
      const wanted = served.length > 0 ? await deps.secret('slackAppToken', 'SLACK_APP_TOKEN') : null;
      if (wanted !== token) {
        const previous = connection;
        connection = null;
        token = wanted;
        await previous?.stop();
        if (token) {
          status = { mode: 'polling', note: pollingNote('Connecting to Slack’s Socket Mode…') };
          connection = connect(token);
        }
      }
      if (!token) status = { mode: 'polling', note: served.length > 0 ? pollingNote(NO_TOKEN_NOTE) : NO_TOKEN_NOTE };
      report();
    },
    async stop() {
      const previous = connection;
      connection = null;
      token = null;
      await previous?.stop();
    },
  };
}
