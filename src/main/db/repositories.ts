/** Builds every repository over one connection, so services receive them as one injected bundle. */
import { createAccountRepository } from './account-repository';
import type { Db } from './connection';
import { createCorrespondentRepository } from './correspondent-repository';
import { createIntegrationRepository } from './integration-repository';
import { createJudgementWaitRepository } from './judgement-wait-repository';
import { createMergeRepository } from './merge-repository';
import { createOutboxRepository } from './outbox-repository';
import { createProviderItemRepository } from './provider-item-repository';
import { createRuleRepository } from './rule-repository';
import { createDecisionRepository } from './decision-repository';
import { createStatsQueries } from './stats-queries';
import { createReminderRepository } from './reminder-repository';
import { createSearchRepository } from './search-repository';
import { createSecretRepository } from './secret-repository';
import { createSuggestionRepository } from './suggestion-repository';
import { createSyncLogRepository } from './sync-log-repository';
import { createTaskLinkRepository } from './task-link-repository';
import { createTaskRepository } from './task-repository';

/** Creates all repositories. */
export function createRepositories(db: Db, now: () => Date) {
  return {
    db,
    integrations: createIntegrationRepository(db, now),
    suggestions: createSuggestionRepository(db, now),
    tasks: createTaskRepository(db, now),
    syncLogs: createSyncLogRepository(db, now),
    secrets: createSecretRepository(db, now),
    providerItems: createProviderItemRepository(db, now),
    outbox: createOutboxRepository(db, now),
    waits: createJudgementWaitRepository(db, now),
    accounts: createAccountRepository(db, now),
    taskLinks: createTaskLinkRepository(db, now),
    rules: createRuleRepository(db, now),
    decisions: createDecisionRepository(db),
    stats: createStatsQueries(db),
    search: createSearchRepository(db, now),
    reminders: createReminderRepository(db, now),
    merges: createMergeRepository(db, now),
    correspondents: createCorrespondentRepository(db, now),
  };
}

/** All repositories. */
export type Repositories = ReturnType<typeof createRepositories>;
