/** Activity's view of write-back: the outbox rows, and Retry for a dead-lettered action. */
import type { OutboxActionDto } from '../../shared/models';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import type { OutboxWorker } from '../sync/outbox-worker';

/** Creates the outbox service. */
export function createOutboxService(repos: Repositories, worker: OutboxWorker, events: EventBus) {
  const toDto = ({ target: _target, ...dto }: OutboxActionDto & { target?: unknown }): OutboxActionDto => dto;
  return {
    /** Newest actions first. */
    list(limit: number): OutboxActionDto[] {
      return repos.outbox.list(limit).map(toDto);
    },
    /** Puts a dead action back in the queue and wakes the worker. */
    retry(id: number): OutboxActionDto {
      const record = repos.outbox.get(id);
      if (!record) throw new NotFoundError('Action', id);
      if (record.state !== 'dead') throw new ConflictError('Only an action that gave up can be retried.');
      try {
        repos.outbox.revive(id);
      } catch {
        throw new ConflictError('The same action is already queued or done.');
      }
      worker.kick();
      events.emit('outbox:changed', { actionId: id });
      return toDto(repos.outbox.get(id)!);
    },
  };
}

/** The outbox service's type. */
export type OutboxService = ReturnType<typeof createOutboxService>;
