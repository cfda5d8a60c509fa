import { describe, expect, it } from 'vitest';
import { reconnectNotification, syncNotification, trayTooltip } from '../../src/main/sync/notification-policy';

describe('what the app tells the person', () => {
  const facts = { enabled: true, providerLabel: 'Gmail', account: 'me@example.com', added: 3, autoApproved: 0 };

  it('one notification per sync that added suggestions, with the count, opening the feed', () => {
    expect(syncNotification(facts)).toEqual({ title: '3 new suggestions', body: 'From Gmail (me@example.com).', screen: 'suggestions' });
    expect(syncNotification({ ...facts, added: 1, autoApproved: 1 })).toEqual({ title: '1 new suggestion', body: 'From Gmail (me@example.com). 1 task added automatically.', screen: 'suggestions' });
  });

  it('stays quiet when nothing was added or notifications are off', () => {
    expect(syncNotification({ ...facts, added: 0 })).toBeNull();
    expect(syncNotification({ ...facts, enabled: false })).toBeNull();
  });

  it('asks to reconnect an account, opening the Integrations screen', () => {
    expect(reconnectNotification('Slack', null)).toEqual({ title: 'Reconnect Slack', body: 'The account needs you to sign in again; syncing is paused until then.', screen: 'integrations' });
  });

  it('shows the pending count in the tray tooltip', () => {
    expect(trayTooltip(0, false)).toBe('Provider Tasks: nothing waiting');
    expect(trayTooltip(1, false)).toBe('Provider Tasks: 1 suggestion waiting');
    expect(trayTooltip(12, true)).toBe('Provider Tasks: 12 suggestions waiting (syncing paused)');
  });
});
