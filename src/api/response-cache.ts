import { Injectable, Module } from '@nestjs/common';
import { setBounded } from 'src/common/bounded-map';

/** Distinct answers kept per indexed checkpoint. */
const MAX_ENTRIES = 1000;

/**
 * GraphQL answers of the current indexed checkpoint, serialised once (as UTF-8 bytes, written to a
 * socket as they are): the same query with the same
 * variables at the same checkpoint gets the same `data`. Everything is dropped when the indexer
 * commits further; within a checkpoint the least recently used entry goes first.
 */
@Injectable()
export class ResponseCache {
  private checkpoint: string | undefined;
  private readonly entries = new Map<string, Buffer>();

  /** The key of a request: its operation name, its text and its variables. */
  static key(operationName: string | null | undefined, query: string, variables: unknown): string {
    return `${operationName ?? ''}\u0000${query}\u0000${JSON.stringify(variables ?? {})}`;
  }

  /** The serialised `data` of `key` at `checkpoint`, if it was answered there. */
  lookup(key: string, checkpoint: string): Buffer | undefined {
    this.moveTo(checkpoint);
    if (checkpoint !== this.checkpoint) {
      return undefined;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Whether `key` has a stored answer at `checkpoint` (without touching its recency). */
  answered(key: string, checkpoint: string): boolean {
    return checkpoint === this.checkpoint && this.entries.has(key);
  }

  /** Keeps an answer computed at `checkpoint`; one computed before the indexer moved on is dropped. */
  store(key: string, checkpoint: string, data: unknown): void {
    if (checkpoint !== this.checkpoint || this.entries.has(key)) {
      return;
    }
    setBounded(this.entries, key, Buffer.from(JSON.stringify(data)), MAX_ENTRIES);
  }

  /**
   * Moves the cache forward to `checkpoint`. It never moves back: a request whose snapshot predates
   * the latest commit neither clears the newer answers nor gets any of them.
   */
  private moveTo(checkpoint: string): void {
    if (this.checkpoint === undefined || BigInt(checkpoint) > BigInt(this.checkpoint)) {
      this.entries.clear();
      this.checkpoint = checkpoint;
    }
  }
}

/** One cache per application, shared by the Apollo plugin and the middleware in front of it. */
@Module({ providers: [ResponseCache], exports: [ResponseCache] })
export class ResponseCacheModule {}
