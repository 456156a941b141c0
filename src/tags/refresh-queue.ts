/**
 * Scores and rule tags refreshed behind a stream of writes. The event stream's writer hands the
 * users each batch touched to this queue and goes on with the next batch: one refresh runs at a
 * time and takes every user that became dirty meanwhile, so a user in ten batches is rescored
 * once, and the refresh (~40 % of a batch's work, bench:scale) runs on the core the next write
 * leaves idle. recordEvents through the API still refreshes before it answers.
 *
 * What a refresh could not do is logged; a process that dies with users queued leaves their tags
 * as they were until the user's next event or the next TAGS run, the same as a failed refresh.
 */
import type { TagRefreshFailure } from '../activity/index.js';
import type { Logger } from '../logger.js';

/** Users per refresh call (TagsService.refreshUsers reads and writes them in its own batches). */
const MAX_USERS_PER_REFRESH = 20_000;

export class TagRefreshQueue {
  private readonly dirty = new Set<string>();
  private running: Promise<void> | null = null;
  /** Users refreshed, and refresh calls made: their ratio is what coalescing saved. */
  readonly stats = { users: 0, refreshes: 0, failures: 0 };

  constructor(
    private readonly refresh: (userIds: string[], now: Date) => Promise<TagRefreshFailure[]>,
    private readonly log: Logger,
  ) {}

  /** Queues users for a refresh; never waits for it. */
  add(userIds: readonly string[]): void {
    for (const id of userIds) this.dirty.add(id);
    this.kick();
  }

  /** Resolves once every user queued so far has been refreshed (or its refresh failed and was logged). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  get pending(): number {
    return this.dirty.size;
  }

  private kick(): void {
    if (this.running || this.dirty.size === 0) return;
    this.running = this.run().finally(() => {
      this.running = null;
      this.kick();
    });
  }

  private async run(): Promise<void> {
    const ids = [...this.dirty].slice(0, MAX_USERS_PER_REFRESH);
    for (const id of ids) this.dirty.delete(id);
    try {
      const failures = await this.refresh(ids, new Date());
      this.stats.failures += failures.length;
      for (const { cause, ...failure } of failures) this.log.warn({ ...failure, users: ids.length, err: cause }, 'tags not refreshed after a streamed write');
    } catch (error) {
      this.stats.failures += 1;
      this.log.warn({ err: error, users: ids.length }, 'tags not refreshed after a streamed write');
    }
    this.stats.users += ids.length;
    this.stats.refreshes += 1;
  }
}
