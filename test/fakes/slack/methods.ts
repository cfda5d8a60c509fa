/** auth.test, auth.revoke, users.info, reactions.add, chat.getPermalink, and the table of every method. */
import { type MethodHandler, requireScopes, visibleChannel } from './context';
import { conversationMethods } from './conversations';
import { fail, flag, ok } from './http';
import { searchMessages } from './search';
import { type SlackMethod } from './types';

// Slack's reaction names: lower-case letters, digits, `_`, `-`, `+`, `'`, optional `::skin-tone-N`.
const reactionName = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

const otherMethods: Record<string, MethodHandler> = {
  'auth.test': (ctx) => {
    const user = ctx.ws.users.get(ctx.userId)!;
    return ok({ url: `https://${ctx.ws.team.domain}.slack.com/`, team: ctx.ws.team.name, user: user.name, team_id: ctx.ws.team.id, user_id: user.id, is_enterprise_install: false });
  },
  'auth.revoke': (ctx) => {
    // `test=true` only checks the token, as Slack's own argument does.
    if (flag(ctx.params.get('test'))) return ok({ revoked: false });
    ctx.oauth.revoke(ctx.token);
    return ok({ revoked: true });
  },
  'users.info': (ctx) => {
    const refused = requireScopes(ctx, ['users:read']);
    if (refused) return refused;
    const user = ctx.ws.users.get(ctx.params.get('user') ?? '');
    return user ? ok({ user: ctx.ws.userJson(user) }) : fail('user_not_found');
  },
  'reactions.add': (ctx) => {
    const refused = requireScopes(ctx, ['reactions:write']);
    if (refused) return refused;
    const channel = ctx.params.get('channel');
    const timestamp = ctx.params.get('timestamp');
    const name = (ctx.params.get('name') ?? '').replace(/^:|:$/g, '');
    if (!channel || !timestamp || !name) return fail('invalid_arguments');
    if (!reactionName.test(name)) return fail('invalid_name');
    const error = ctx.ws.react(channel, timestamp, name, ctx.userId);
    return error ? fail(error) : ok();
  },
  'chat.getPermalink': (ctx) => {
    const channel = visibleChannel(ctx, ctx.params.get('channel'));
    if (!channel) return fail('channel_not_found');
    const message = ctx.ws.message(channel, ctx.params.get('message_ts') ?? '');
    return message ? ok({ channel: channel.id, permalink: ctx.ws.permalink(message) }) : fail('message_not_found');
  },
  'search.messages': searchMessages,
};

/** Handlers of every token-authenticated method (oauth.v2.access is answered by the OAuth state). */
export const methodHandlers: Partial<Record<SlackMethod, MethodHandler>> = { ...conversationMethods, ...otherMethods };
