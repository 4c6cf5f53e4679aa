/**
 * An async iterator fed from outside: `push` queues a value until it is read, `end` finishes it,
 * and `return` (the reader leaving) drops what is queued, ends it and tells its source. Each value
 * is handed over through `deliver` as it is read (a copy of its own, say).
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((step: IteratorResult<T>) => void) | undefined;
  private done = false;
  /** Called once, when it ends (its reader left, or its source ended it). */
  onEnd: (() => void) | undefined;

  constructor(
    private readonly onLeave: (iterator: PushIterator<T>) => void,
    private readonly deliver: (value: T) => T = (value) => value,
  ) {}

  get ended(): boolean {
    return this.done;
  }

  push(value: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: this.deliver(value), done: false });
    } else this.queue.push(value);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    this.onEnd?.();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.deliver(this.queue.shift()!), done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.end();
    this.onLeave(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
