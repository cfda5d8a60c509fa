// One commitment from Gmail and Slack (issue 19): a Slack message that links an email is merged with
// that email's suggestion by the link; approving it makes one task; completing it writes back to each
// source as its settings say, once each: the email archived, the Slack message given the reaction.
// Real clients (googleapis, @slack/web-api) against the fake Google and the fake Slack.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { startFakeSlack, visitSlackAuthorize, type FakeSlack } from '../fakes/slack';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';
import { wireApi } from '../helpers/wired-api';
import type { Api } from '../../src/shared/ipc-contract';

let google: FakeGoogle;
let slack: FakeSlack;
let t: TestCore;
let api: Api;

beforeEach(async () => {
  google = await startFakeGoogle();
  slack = await startFakeSlack();
  t = createTestCore({ env: { ...google.env, ...slack.env, SLACK_CLIENT_SECRET: '' }, options: { undoWindowMs: 0 } });
  t.core.settings.update({ autoApproveEnabled: false });
  api = wireApi(t.core.handlers, t.core.events, t.core.logger).api;
});
afterEach(async () => {
  await t.cleanup();
  await slack.close();
  await google.close();
});

async function connect(provider: 'gmail' | 'slack'): Promise<number> {
  const { integrationId, authorizationUrl } = await api.integrationsConnect({ provider });
  if (provider === 'slack') await visitSlackAuthorize(authorizationUrl!, { follow: true });
  else await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  await expect.poll(() => t.core.repos.integrations.get(integrationId)?.status, { timeout: 10_000 }).toBe('connected');
  await firstSync(t.core, integrationId);
  return integrationId;
}

it('a Slack message linking an email is one suggestion with it; done archives the email and reacts in Slack, once each', async () => {
  const messageId = google.addMessage({ from: 'Dana <dana@example.com>', to: 'me@example.com', subject: 'Q4 proposal', text: 'Hi,\n\nCould you please review the Q4 proposal and send me your comments by Friday?\n\nThanks' });
  const threadId = google.getMessage(messageId)!.threadId;
  slack.addUser({ id: 'U0PEER0001', name: 'dana', realName: 'Dana Peer' });
  const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
  const ts = slack.postMessage({ channel: dm, user: 'U0PEER0001', text: `Can you review the Q4 proposal in <https://mail.google.com/mail/u/0/#inbox/${threadId}|this thread> by Friday?` });

  const gmailId = await connect('gmail');
  await api.integrationsUpdateSettings({ integrationId: gmailId, settings: { archiveOnDone: true } });
  const slackId = await connect('slack');
  await api.integrationsUpdateSettings({ integrationId: slackId, settings: { reaction: 'white_check_mark' } });

  const feed = (await api.suggestionsList({})).items;
  expect(feed).toHaveLength(1);
  expect(feed[0]!.sources?.map((source) => [source.provider, source.itemType])).toEqual([
    ['gmail', 'email'],
    ['slack', 'slack_message'],
  ]);
  expect(feed[0]!.sources![1]!.mergeReason).toMatch(/a link to the email/);
  expect(t.core.repos.syncLogs.list(slackId).at(-1)).toMatchObject({ status: 'succeeded', suggestionsGenerated: 0 });

  const task = await api.suggestionsApprove({ id: feed[0]!.id });
  expect((await api.tasksList({})).map((entry) => entry.id)).toEqual([task.id]);
  await api.tasksComplete({ id: task.id });
  await t.core.services.outboxWorker.runDue();
  await t.core.services.outboxWorker.runDue();

  expect(google.getMessage(messageId)!.labelIds).not.toContain('INBOX');
  expect(google.labelRemovalRequests(messageId, 'INBOX')).toBe(1);
  expect(slack.reactions()).toEqual([expect.objectContaining({ name: 'white_check_mark', channel: dm, timestamp: ts })]);
  expect((await api.tasksList({})).map((entry) => entry.status)).toEqual(['done']);
});
