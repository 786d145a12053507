import type { LossyKind, LossyNote } from '../../../ports/target.js';

/**
 * The lossy notes of one planned entity. The same loss found twice (an unmapped user who is
 * both owner and executor) is one note, so reports count entities, not mentions.
 */
export class LossyNotes {
  readonly #notes: LossyNote[] = [];

  add(kind: LossyKind, message: string, count?: number): void {
    if (this.#notes.some((note) => note.kind === kind && note.message === message)) return;
    this.#notes.push(count === undefined ? { kind, message } : { kind, message, count });
  }

  addAll(notes: readonly LossyNote[]): void {
    for (const note of notes) this.add(note.kind, note.message, note.count);
  }

  list(): LossyNote[] {
    return [...this.#notes];
  }
}
