/**
 * Lets the relay sleep until there is work: `wait(ms)` ends on `notify()` or after `ms`.
 * A notification that arrives while nobody waits is remembered, so a row committed during a batch
 * is picked up by the next one instead of waiting a whole poll interval.
 */
export class WakeSignal {
  private pending = false;
  private wake: (() => void) | undefined;

  notify(): void {
    if (this.wake) {
      const wake = this.wake;
      this.wake = undefined;
      wake();
    } else {
      this.pending = true;
    }
  }

  wait(ms: number): Promise<'notified' | 'timeout'> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve('notified');
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve('timeout');
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve('notified');
      };
    });
  }
}
