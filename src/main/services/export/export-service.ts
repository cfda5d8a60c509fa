/** `export:tasks`: the task list as the person sees it (status filter and query applied) written to a file format. */
import type { ChannelInput, ChannelResult } from '../../../shared/ipc-contract';
import type { PlatformServices } from '../../platform-services';
import type { ClockContext } from '../suggestion-service';
import type { TaskService } from '../task-service';
import { exportTasks } from './task-export';

/** Creates the export service; `platform.saveFile` (desktop) saves through a dialog, headless returns the content only. */
export function createExportService(tasks: TaskService, time: ClockContext, platform: Pick<PlatformServices, 'saveFile'>) {
  return {
    /** Exports tasks; snoozed ones are tasks too and are included. */
    async tasks(input: ChannelInput<'export:tasks'>): Promise<ChannelResult<'export:tasks'>> {
      const list = tasks.list({ status: input.status, query: input.query, snoozed: 'include', limit: 20_000 });
      const file = exportTasks(input.format, list, { zone: time.zone(), now: time.now() });
      if (!platform.saveFile) return file;
      return { ...file, savedTo: await platform.saveFile(file.filename, file.content) };
    },
  };
}

/** The export service's type. */
export type ExportService = ReturnType<typeof createExportService>;
