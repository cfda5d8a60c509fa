// Exports parsed back with independent readers (csv-parse, ical.js, JSON.parse, a checklist reader) and
// compared with the tasks they came from; spreadsheet formulas neutralised, Markdown escaped.
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZone } from '../../src/main/lib/time-zone';
import { EventBus } from '../../src/main/events';
import { type CSV_COLUMNS } from '../../src/main/services/export/csv-export';
import { exportTasks } from '../../src/main/services/export/task-export';
import { createExportService } from '../../src/main/services/export/export-service';
import { createTaskService } from '../../src/main/services/task-service';
import type { TaskDto } from '../../src/shared/models';
import { clockOf } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

const zone = createZone('Europe/Paris');
let t: TestDatabase;
let tasks: ReturnType<typeof createTaskService>;
let list: TaskDto[];

beforeEach(() => {
  t = createTestDatabase();
  tasks = createTaskService(t.repos, new EventBus(), {}, clockOf(t, 'Europe/Paris'));
  tasks.create({ title: 'Pay rent', dueAt: '2026-01-31T23:00:00.000Z', dueAllDay: true, priority: 'high', tags: ['home', 'money'] });
  tasks.create({ title: '=HYPERLINK("http://evil.example","click")', description: '+1 line\n-2, "quoted"\r\n@three', priority: 'urgent', tags: ['@tag'] });
  const done = tasks.create({ title: 'Send *the* [deck] <b>now</b> #1', description: '- not a list\n1. nor this', dueAt: '2026-01-09T14:00:00.000Z', priority: 'low' });
  tasks.complete(done.id);
  tasks.create({ title: 'Ünïcode, commas; and "quotes"', priority: 'medium' });
  list = tasks.list({ snoozed: 'include' });
});
afterEach(() => t.close());

const run = (format: 'markdown' | 'csv' | 'json' | 'ics') => exportTasks(format, list, { zone, now: t.clock.now() });

describe('export formats', () => {
  it('JSON holds every task exactly', () => {
    const file = run('json');
    expect(file).toMatchObject({ filename: 'tasks-2026-01-05.json', mimeType: 'application/json' });
    const parsed = JSON.parse(file.content) as { tasks: TaskDto[]; timeZone: string };
    expect(parsed.tasks).toEqual(list);
    expect(parsed.timeZone).toBe('Europe/Paris');
  });

  it('CSV (RFC 4180) reads back with the same fields, and formulas are neutralised', () => {
    const file = run('csv');
    expect(file.mimeType).toMatch(/^text\/csv/);
    expect(file.content).toContain('\r\n');
    const rows = parseCsv(file.content, { columns: true, relax_column_count: false }) as Array<Record<(typeof CSV_COLUMNS)[number], string>>;
    expect(rows).toHaveLength(list.length);
    for (const [index, task] of list.entries()) {
      const row = rows[index]!;
      expect(row.id).toBe(String(task.id));
      expect(row.status).toBe(task.status);
      expect(row.priority).toBe(task.priority);
      const unescaped = (value: string) => (value.startsWith("'") && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);
      expect(unescaped(row.title)).toBe(task.title);
      expect(unescaped(row.description)).toBe(task.description);
      expect(unescaped(row.tags)).toBe(task.tags.join(', '));
    }
    const evil = rows.find((row) => row.title.includes('HYPERLINK'))!;
    expect(evil.title).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(evil.description.startsWith("'+1")).toBe(true);
    // No cell a spreadsheet would run.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.find((row) => row.title === 'Pay rent')).toMatchObject({ due: '2026-02-01', all_day: 'true' });
  });

  it('iCalendar: one VTODO per task with DUE, PRIORITY, CATEGORIES and STATUS', () => {
    const file = run('ics');
    expect(file).toMatchObject({ filename: 'tasks-2026-01-05.ics', mimeType: 'text/calendar; charset=utf-8' });
    expect(file.content.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(file.content) as unknown[]);
    const todos = calendar.getAllSubcomponents('vtodo');
    expect(todos).toHaveLength(list.length);
    const byTitle = new Map(todos.map((todo) => [todo.getFirstPropertyValue('summary') as string, todo]));
    for (const task of list) {
      const todo = byTitle.get(task.title)!;
      expect(todo, task.title).toBeDefined();
      expect(todo.getFirstPropertyValue('uid')).toBe(`task-${task.id}@provider-tasks.local`);
      expect(todo.getFirstPropertyValue('priority')).toBe({ urgent: 1, high: 3, medium: 5, low: 9 }[task.priority]);
      expect(todo.getFirstPropertyValue('status')).toBe(task.status === 'done' ? 'COMPLETED' : 'NEEDS-ACTION');
      expect((todo.getFirstProperty('categories')?.getValues() ?? []) as string[]).toEqual(task.tags);
      if (task.description) expect(todo.getFirstPropertyValue('description')).toBe(task.description);
    }
    const rent = byTitle.get('Pay rent')!.getFirstPropertyValue('due') as ICAL.Time;
    expect(rent.isDate).toBe(true);
    expect(rent.toString()).toBe('2026-02-01');
    const deck = byTitle.get('Send *the* [deck] <b>now</b> #1')!;
    expect((deck.getFirstPropertyValue('due') as ICAL.Time).toJSDate().toISOString()).toBe('2026-01-09T14:00:00.000Z');
    expect(deck.getFirstPropertyValue('completed')).toBeTruthy();
  });

  it('Markdown is a checklist that reads back to the same titles and states, with text escaped', () => {
    const file = run('markdown');
    expect(file.filename).toBe('tasks-2026-01-05.md');
    const items = [...file.content.matchAll(/^- \[( |x)\] (.*)$/gm)].map((match) => ({ done: match[1] === 'x', line: match[2]! }));
    expect(items).toHaveLength(list.length);
    const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
    for (const [index, task] of list.entries()) {
      expect(items[index]!.done).toBe(task.status === 'done');
      expect(unescape(items[index]!.line).startsWith(task.title)).toBe(true);
    }
    expect(file.content).toContain('- [ ] Pay rent (due 2026-02-01, high, \\#home, \\#money)');
    expect(file.content).toContain('\\<b\\>now\\</b\\>');
    expect(file.content).toContain('due 2026-01-09 15:00');
    // Description lines stay inside their item instead of starting lists of their own.
    expect(file.content).toContain('  \\- not a list');
    expect(file.content).toContain('  1\\. nor this');
  });
});

describe('export:tasks service', () => {
  it('applies the status filter and the query, and returns the content headless', async () => {
    const service = createExportService(tasks, clockOf(t, 'Europe/Paris'), {});
    const open = JSON.parse((await service.tasks({ format: 'json', status: 'open' })).content) as { tasks: TaskDto[] };
    expect(open.tasks.map((task) => task.title).sort()).toEqual(['=HYPERLINK("http://evil.example","click")', 'Pay rent', 'Ünïcode, commas; and "quotes"']);
    const found = JSON.parse((await service.tasks({ format: 'json', query: 'rent' })).content) as { tasks: TaskDto[] };
    expect(found.tasks.map((task) => task.title)).toEqual(['Pay rent']);
    expect(found.tasks[0]).not.toHaveProperty('highlights');
    expect(await service.tasks({ format: 'csv' })).not.toHaveProperty('savedTo');
  });

  it('the desktop app saves through its dialog and says where (or that the person cancelled)', async () => {
    const saved: Array<[string, string]> = [];
    const service = createExportService(tasks, clockOf(t, 'Europe/Paris'), {
      saveFile: async (name, content) => {
        saved.push([name, content]);
        return saved.length === 1 ? `/home/alex/${name}` : null;
      },
    });
    expect((await service.tasks({ format: 'ics' })).savedTo).toBe('/home/alex/tasks-2026-01-05.ics');
    expect((await service.tasks({ format: 'ics' })).savedTo).toBeNull();
    expect(saved[0]![1]).toContain('BEGIN:VTODO');
  });
});
