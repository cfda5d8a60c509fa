import { describe, expect, it } from 'vitest';
import { composeNotes, descriptionOf, markerOf, MAX_NOTES } from '../../src/main/providers/google-tasks/task-notes';
import { dueDate } from '../../src/main/sync/task-mirror';

describe('notes of a task in Google Tasks', () => {
  it('round-trips the description, the link back and the marker', () => {
    const notes = composeNotes('Sign and return.\nPage 3 too.', 'https://mail.google.com/mail/#all/abc', 'Mk12_-ab');
    expect(notes).toBe('Sign and return.\nPage 3 too.\n\nSource: https://mail.google.com/mail/#all/abc\n[pt:Mk12_-ab]');
    expect(markerOf(notes)).toBe('Mk12_-ab');
    expect(descriptionOf(notes)).toBe('Sign and return.\nPage 3 too.');
    expect(descriptionOf(composeNotes('', null, 'abcdef'))).toBe('');
  });

  it('keeps within Google\'s limit, marker included, however long the description', () => {
    const notes = composeNotes('x'.repeat(20_000), 'https://example.com/a', 'marker1');
    expect(notes.length).toBeLessThanOrEqual(MAX_NOTES);
    expect(markerOf(notes)).toBe('marker1');
  });

  it('reads notes the person edited: marker kept or removed, hostile lengths, look-alike lines', { timeout: 2000 }, () => {
    expect(markerOf('just my own notes')).toBeNull();
    expect(markerOf('[pt:short]\n[pt:not valid!]')).toBeNull();
    expect(markerOf('edited\n[pt:abcdef12]\nadded after')).toBe('abcdef12');
    expect(descriptionOf('Bring a pen\n\nSource: x\n[pt:abcdef12]\n\n')).toBe('Bring a pen');
    const hostile = `${'['.repeat(100_000)}pt:${'a'.repeat(50_000)}`;
    expect(markerOf(hostile)).toBeNull();
    expect(descriptionOf(hostile).length).toBeLessThanOrEqual(MAX_NOTES);
  });

  it('due dates are the person\'s calendar day', () => {
    expect(dueDate('2030-05-03T22:30:00.000Z', 'Europe/Paris')).toBe('2030-05-04');
    expect(dueDate('2030-05-03T22:30:00.000Z', 'America/New_York')).toBe('2030-05-03');
    expect(dueDate(null, 'UTC')).toBeNull();
    expect(dueDate('not a date', 'UTC')).toBeNull();
  });
});
