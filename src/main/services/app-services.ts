/**
 * The services the outside world reaches (the handler map, the tray, the system watchers). core.ts
 * builds them; nothing here knows how.
 */
import type { ChannelResult } from '../../shared/ipc-contract';
import type { AccountService } from './account-service';
import type { ClientCheckService } from './client-check-service';
import type { ConnectionService } from './connection-service';
import type { ExportService } from './export/export-service';
import type { IntegrationService } from './integration-service';
import type { LearningService } from './learning-service';
import type { RuleService } from './rule-service';
import type { OutboxService } from './outbox-service';
import type { PathService } from './path-service';
import type { SampleService } from './sample-service';
import type { SettingsService } from './settings-service';
import type { SuggestionService } from './suggestion-service';
import type { TaskService } from './task-service';

/** What the handler map calls. */
export interface AppServices {
  integrations: IntegrationService;
  connections: ConnectionService;
  accounts: AccountService;
  suggestions: SuggestionService;
  tasks: TaskService;
  exports: ExportService;
  outbox: OutboxService;
  settings: SettingsService;
  /** Choosing local files: the system dialog, or the headless picker's folder listing. */
  paths: PathService;
  /** The first-run flow's sample data. */
  samples: SampleService;
  /** The guided set-up's "Test" of an OAuth client. */
  clientCheck: ClientCheckService;
  rules: RuleService;
  learning: LearningService;
  /** Tries the configured LLM endpoint and answers in a sentence. */
  llmCheck(): Promise<ChannelResult<'settings:test-llm'>>;
}
